"""The ingest tables. They live in their own DuckDB file beside the store, so `crossroads build`,
which rewrites the store atomically from the shipped data, never touches them."""

from __future__ import annotations

from pathlib import Path

from crossroads.ingest.rows import ROW_COLUMNS

_COLS = ",\n    ".join(f"{name} {kind}" + (" PRIMARY KEY" if name == "row_key" else "") for name, kind in ROW_COLUMNS)

TABLES = f"""
-- row_key is the primary key: rows are inserted with INSERT OR IGNORE, so a key already
-- stored (or seen earlier in the same run) is a duplicate, looked up in the index.
CREATE TABLE IF NOT EXISTS ingested_events (
    {_COLS},
    run_id INTEGER NOT NULL
);
-- Rows that were not loaded, with the reason; one row per (file content, line).
CREATE TABLE IF NOT EXISTS ingest_quarantine (
    run_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, file_sha256 VARCHAR NOT NULL,
    line BIGINT NOT NULL, reason VARCHAR NOT NULL, detail VARCHAR NOT NULL, raw_line VARCHAR NOT NULL
);
-- One row per file per ingest run; rows_read = rows_loaded + rows_quarantined + rows_duplicate.
CREATE TABLE IF NOT EXISTS ingest_log (
    run_id INTEGER NOT NULL, started TIMESTAMP NOT NULL, finished TIMESTAMP NOT NULL,
    source_file VARCHAR NOT NULL, format VARCHAR NOT NULL, file_sha256 VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL, rows_quarantined BIGINT NOT NULL,
    rows_duplicate BIGINT NOT NULL
);
"""

QSTAGE = """CREATE TEMP TABLE _qstage (
    source_file VARCHAR, line BIGINT, reason VARCHAR, detail VARCHAR, raw_line VARCHAR
)"""


def ingest_db_path(store: Path) -> Path:
    """``crossroads.duckdb`` → ``crossroads.ingest.duckdb`` in the same folder."""
    return store.with_name(f"{store.stem}.ingest.duckdb")
