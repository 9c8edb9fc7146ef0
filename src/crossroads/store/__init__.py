"""The embedded store: one DuckDB file built from the shipped data, read by every interface."""
