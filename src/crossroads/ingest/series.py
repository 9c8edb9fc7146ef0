"""Dyad series from the ingested events, as SQL text that DuckDB and Spark SQL both run unchanged.

The SQL uses only what both engines share (``year()``, ``month()``, ``count``,
``avg``, ``CASE``), reads a table or view named ``ingested_events``, and embeds only
values checked here (ISO-3 codes, dataset names), so the same text is the query
definition for the embedded store and for a cluster.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd

from crossroads.ingest.formats import Format
from crossroads.model.errors import CrossroadsError

GDELT = ("gdelt1", "gdelt2")
INDEX_START = 1979


def _iso3(code: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise CrossroadsError(f"{code!r} is not an ISO-3 country code (three capital letters, e.g. PAK)")
    return code


def _datasets(datasets: tuple[str, ...] | None) -> str:
    if not datasets:
        return ""
    known = {f.value for f in Format} - {"auto"}
    for name in datasets:
        if name not in known:
            raise CrossroadsError(f"unknown dataset {name!r}; one of {', '.join(sorted(known))}")
    return " AND dataset IN (" + ", ".join(f"'{d}'" for d in datasets) + ")"


def _dyad(a: str, b: str, directed: bool) -> str:
    a, b = _iso3(a), _iso3(b)
    one_way = f"(source_country = '{a}' AND target_country = '{b}')"
    if directed:
        return one_way
    return f"({one_way} OR (source_country = '{b}' AND target_country = '{a}'))"


def dyad_month_sql(a: str, b: str, datasets: tuple[str, ...] | None = None, directed: bool = False) -> str:
    """Events per month for a dyad: counts by quad class, mean Goldstein and mean tone.

    Undirected by default (A→B and B→A together). Months without a row are absent,
    not zero: whether the data cover that month is a question for ``ingest_log``.
    """
    return f"""
SELECT year(date) AS year, month(date) AS month,
       count(*) AS events,
       count(CASE WHEN quad_class = 1 THEN 1 END) AS verbal_coop,
       count(CASE WHEN quad_class = 2 THEN 1 END) AS material_coop,
       count(CASE WHEN quad_class = 3 THEN 1 END) AS verbal_conflict,
       count(CASE WHEN quad_class = 4 THEN 1 END) AS material_conflict,
       avg(goldstein) AS goldstein_mean,
       avg(tone) AS tone_mean
FROM ingested_events
WHERE {_dyad(a, b, directed)}{_datasets(datasets)}
GROUP BY year(date), month(date)
ORDER BY year, month
""".strip()


def yearly_index_sql(a: str = "USA", b: str = "PAK", start: int = INDEX_START) -> str:
    """The GDELT relations index per year for an undirected dyad (method in the README).

    ``goldstein_weighted`` = Σ(Goldstein × NumMentions) / Σ NumMentions, and
    ``coop_balance`` = (cooperative − conflictual events) / events, over GDELT rows of
    the dyad. Every year in which any GDELT row was ingested appears (``events`` = 0 is
    then a true zero, and the index is NULL); years with no GDELT data at all are absent.
    """
    scope = f"dataset IN ('gdelt1', 'gdelt2') AND year >= {int(start)}"
    return f"""
WITH covered AS (
    SELECT DISTINCT year FROM ingested_events WHERE {scope}
), dyad AS (
    SELECT year, goldstein, CASE WHEN mentions > 0 THEN mentions ELSE 1 END AS w, quad_class
    FROM ingested_events WHERE {scope} AND {_dyad(a, b, False)}
)
SELECT c.year AS year,
       count(d.year) AS events,
       CASE WHEN count(d.year) > 0 THEN sum(d.goldstein * d.w) / sum(d.w) END AS goldstein_weighted,
       CASE WHEN count(d.year) > 0 THEN
            (count(CASE WHEN d.quad_class IN (1, 2) THEN 1 END)
             - count(CASE WHEN d.quad_class IN (3, 4) THEN 1 END)) / count(d.year) END AS coop_balance
FROM covered c LEFT JOIN dyad d ON d.year = c.year
GROUP BY c.year
ORDER BY c.year
""".strip()


def _query(db: Path, sql: str) -> pd.DataFrame:
    if not db.exists():
        raise CrossroadsError(f"No ingested events at {db}. Run `crossroads ingest PATH...` first.")
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def dyad_month(
    db: Path, a: str, b: str, datasets: tuple[str, ...] | None = None, directed: bool = False
) -> pd.DataFrame:
    """:func:`dyad_month_sql` on an ingest store file (``<store>.ingest.duckdb``)."""
    return _query(db, dyad_month_sql(a, b, datasets, directed))


def yearly_index(db: Path, a: str = "USA", b: str = "PAK", start: int = INDEX_START) -> pd.DataFrame:
    """:func:`yearly_index_sql` on an ingest store file."""
    return _query(db, yearly_index_sql(a, b, start))


def parquet_view(con: duckdb.DuckDBPyConnection, parquet: Path) -> None:
    """Make ``ingested_events`` a view over a Parquet folder written by ``crossroads ingest --parquet``."""
    glob = str(parquet / "events" / "**" / "*.parquet")
    con.execute(
        f"CREATE OR REPLACE VIEW ingested_events AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true)"
    )
