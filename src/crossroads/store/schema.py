"""The store's tables. One definition, used by the build and documented in the README."""

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
