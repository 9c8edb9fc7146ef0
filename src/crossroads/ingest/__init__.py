"""Streaming ingestion of GDELT, ICEWS, POLECAT and CAMEO-coded event files."""
