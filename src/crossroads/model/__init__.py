"""The data model: events, sources, actors, eras and indicator observations, and their loading."""
