"""The store's tables. One definition, used by the build and documented in the README."""

from pathlib import Path

SCHEMA = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

CREATE TABLE eras (
    id VARCHAR PRIMARY KEY, slug VARCHAR NOT NULL, label VARCHAR NOT NULL,
    start_date DATE NOT NULL, end_date DATE NOT NULL, summary VARCHAR NOT NULL
);

CREATE TABLE actors (code VARCHAR PRIMARY KEY, label VARCHAR NOT NULL, kind VARCHAR NOT NULL,
                     origin VARCHAR NOT NULL);

CREATE TABLE cameo (
    code VARCHAR PRIMARY KEY, root_code VARCHAR NOT NULL, level VARCHAR NOT NULL,
    label VARCHAR NOT NULL, goldstein DOUBLE NOT NULL, quad_class INTEGER NOT NULL,
    plover_event VARCHAR
);

CREATE TABLE sources (
    key VARCHAR PRIMARY KEY, issuer VARCHAR NOT NULL, title VARCHAR NOT NULL,
    date VARCHAR, url VARCHAR NOT NULL, type VARCHAR NOT NULL,
    mirror BOOLEAN NOT NULL DEFAULT false, kind VARCHAR NOT NULL  -- primary | scholarly | news | reference | mirror
);

CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    date VARCHAR NOT NULL,           -- as recorded: YYYY-MM-DD, YYYY-MM or YYYY
    date_precision VARCHAR NOT NULL, -- day | month | year
    date_start DATE NOT NULL,        -- first day the date may denote
    date_end DATE NOT NULL,          -- last day the date (or end_date) may denote
    end_date VARCHAR,
    year INTEGER NOT NULL,
    era VARCHAR REFERENCES eras (id),
    actors VARCHAR[] NOT NULL,
    cameo VARCHAR NOT NULL REFERENCES cameo (code),
    cameo_root VARCHAR NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein DOUBLE NOT NULL,
    plover VARCHAR,
    dimensions VARCHAR[] NOT NULL,
    description VARCHAR NOT NULL,
    sources VARCHAR[] NOT NULL,
    note VARCHAR,
    origin VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    file VARCHAR NOT NULL,
    line INTEGER NOT NULL
);

CREATE TABLE event_actors (event_id VARCHAR NOT NULL REFERENCES events (id), position INTEGER NOT NULL,
                           actor VARCHAR NOT NULL REFERENCES actors (code));
CREATE TABLE event_dimensions (event_id VARCHAR NOT NULL REFERENCES events (id),
                               dimension VARCHAR NOT NULL);
CREATE TABLE event_sources (event_id VARCHAR NOT NULL REFERENCES events (id), position INTEGER NOT NULL,
                            source_key VARCHAR NOT NULL REFERENCES sources (key));
CREATE TABLE kashmir_stances (event_id VARCHAR NOT NULL REFERENCES events (id),
                              actor VARCHAR NOT NULL REFERENCES actors (code), stance VARCHAR NOT NULL);

-- Indicator observations in long form; NULL value = no data (never 0 for missing).
CREATE TABLE series (
    source_actor VARCHAR NOT NULL, target_actor VARCHAR NOT NULL, directed BOOLEAN NOT NULL,
    year INTEGER NOT NULL, variable VARCHAR NOT NULL, value DOUBLE, unit VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,     -- the compact table (data/series/<name>.csv) or derived table it came from
    PRIMARY KEY (source_actor, target_actor, year, variable)
);

-- One row per compact table or derived table: where it came from.
CREATE TABLE provenance (
    table_name VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, citation VARCHAR NOT NULL,
    version VARCHAR NOT NULL, transformation VARCHAR NOT NULL, raw_files VARCHAR NOT NULL,
    built VARCHAR NOT NULL, rows INTEGER, sha256 VARCHAR
);
"""

# --- Ingested events ----------------------------------------------------------------------------
# Machine-coded events (GDELT, ICEWS, POLECAT, text-coded CAMEO files) are the same kind of
# record as the curated ``events``: the same names for the same things (id, date, cameo,
# cameo_root, quad_class, goldstein, plover, origin, confidence), plus what only a coder
# gives (tone, mentions, intensity, the raw actor strings). They live in
# ``<store>.ingest.duckdb`` so that a rebuild of the curated store never deletes them; the
# Store attaches that file read-only and reads both through one query layer.

INGESTED_COLUMNS: list[tuple[str, str]] = [
    ("id", "VARCHAR"),              # origin-scoped identity (gdelt2:123, icews:<id>:<date>, coded:<hash>)
    ("origin", "VARCHAR"),          # gdelt1 | gdelt2 | icews | polecat | coded
    ("event_id", "VARCHAR"),        # the dataset's own id (NULL for a coded CSV without one)
    ("date", "DATE"),               # the event date the coder inferred (SQLDATE, Event Date)
    ("year", "INTEGER"),
    ("source_actor", "VARCHAR"),    # as written: CAMEO actor code or actor name
    ("source_country", "VARCHAR"),  # harmonised ISO-3 (reference/country_codes.csv); NULL for regions
    ("target_actor", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("cameo", "VARCHAR"),           # CAMEO event code, a string with leading zeros
    ("cameo_root", "VARCHAR"),
    ("quad_class", "INTEGER"),      # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    ("goldstein", "DOUBLE"),        # Goldstein scale (ICEWS: Intensity); NULL for POLECAT
    ("tone", "DOUBLE"),             # GDELT AvgTone; NULL elsewhere
    ("mentions", "INTEGER"),        # GDELT NumMentions (first 15-minute batch only)
    ("action_country", "VARCHAR"),  # ISO-3 of the place (GDELT: from the FIPS code)
    ("plover", "VARCHAR"),          # PLOVER type: POLECAT's own, or the CAMEO crosswalk's
    ("intensity", "DOUBLE"),        # POLECAT event intensity (PLOVER scale, not Goldstein)
    ("source_file", "VARCHAR"),
    ("line", "BIGINT"),             # 1-based line number in the (decompressed) file
]  # fmt: skip
"""The row every reader produces, in this order; the table adds confidence, run_id and key_hash."""

INGESTED_COMPRESSION: dict[str, str] = {
    **{name: "dict_fsst" for name, kind in INGESTED_COLUMNS if kind == "VARCHAR"},
    "id": "zstd",
    "event_id": "zstd",
    **{name: "bitpacking" for name, kind in INGESTED_COLUMNS if kind in ("DATE", "INTEGER", "BIGINT")},
    **{name: "alp" for name, kind in INGESTED_COLUMNS if kind == "DOUBLE"},
    "confidence": "alp",
    "run_id": "bitpacking",
    "key_hash": "uncompressed",
}
"""How each column of ``ingested_events`` is compressed, fixed when the table is created so that DuckDB
does not try every method on every column at each row group it writes (it then keeps the one it would
have chosen anyway, except for the two unique ids, where zstd replaces DICT_FSST). Measured on a million
GDELT rows appended: 0.25-0.3 CPU-s less than letting DuckDB choose (about a fifth of the append), and a
file of 44 MiB instead of 41 MiB. Compression of unique strings such as ``gdelt2:1234567890`` by DICT_FSST
was the largest single cost of the append; a constant column (``run_id``, a NULL ``confidence``) is still
stored as a constant whatever the method named. A table created before this keeps its own choice."""


def _column(name: str, kind: str) -> str:
    return f"{name} {kind} USING COMPRESSION {INGESTED_COMPRESSION[name]}"


INGEST_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS ingested_events (\n    "
    + ",\n    ".join(_column(name, kind) for name, kind in INGESTED_COLUMNS)
    + f""",
    {_column("confidence", "DOUBLE")},  -- the coder's confidence in the row; NULL: the datasets give none
    {_column("run_id", "INTEGER")} NOT NULL,
    {_column("key_hash", "UHUGEINT")} NOT NULL  -- md5 of id: de-duplication is an anti-join on it, no index
);
-- Rows that were not loaded, with the reason; one row per (file content, line).
CREATE TABLE IF NOT EXISTS ingest_quarantine (
    run_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, file_hash VARCHAR NOT NULL,
    line BIGINT NOT NULL, reason VARCHAR NOT NULL, detail VARCHAR NOT NULL, raw_line VARCHAR NOT NULL
);
-- One row per file per ingest run; rows_read = rows_loaded + rows_quarantined + rows_duplicate.
-- file_hash identifies the content of the file as stored (of the member, for a zip), so --resume
-- can skip files already committed: XXH3-128 in 32 hex digits, or SHA-256 in 64 in a store begun
-- before (the column was then called file_sha256).
CREATE TABLE IF NOT EXISTS ingest_log (
    run_id INTEGER NOT NULL, started TIMESTAMP NOT NULL, finished TIMESTAMP NOT NULL,
    source_file VARCHAR NOT NULL, format VARCHAR NOT NULL, file_hash VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL, rows_quarantined BIGINT NOT NULL,
    rows_duplicate BIGINT NOT NULL
);
-- Files rejected whole (not an event file at all): the run went on without them.
CREATE TABLE IF NOT EXISTS ingest_rejected (
    run_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, reason VARCHAR NOT NULL
);
"""
)

INGESTED_ORIGINS: tuple[str, ...] = ("gdelt1", "gdelt2", "icews", "polecat", "coded")


def ingest_db_path(store: Path) -> Path:
    """``crossroads.duckdb`` → ``crossroads.ingest.duckdb`` in the same folder."""
    return store.with_name(f"{store.stem}.ingest.duckdb")
