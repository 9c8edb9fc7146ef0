"""Dyad series of ingested events, as SQL text that DuckDB and Spark SQL both run unchanged.

The SQL uses only what both engines share (``year()``, ``month()``, ``count``, ``sum``,
``avg``, ``CASE``), reads a relation named by the caller (``ingest.ingested_events`` in
the Store, an ``ingested_events`` view over Parquet on Spark), and embeds only values
checked here (ISO-3 codes, origin names), so one text defines the query for the embedded
store and for a cluster.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from crossroads.model.errors import CrossroadsError
from crossroads.store.schema import INGESTED_ORIGINS

GDELT = ("gdelt1", "gdelt2")


def iso3(code: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise CrossroadsError(f"{code!r} is not an ISO-3 country code (three capital letters, e.g. PAK)")
    return code


def _origins(origins: tuple[str, ...] | None) -> str:
    if not origins:
        return ""
    for name in origins:
        if name not in INGESTED_ORIGINS:
            raise CrossroadsError(f"unknown origin {name!r}; one of {', '.join(INGESTED_ORIGINS)}")
    return " AND origin IN (" + ", ".join(f"'{d}'" for d in origins) + ")"


def _dyad(a: str, b: str, directed: bool) -> str:
    a, b = iso3(a), iso3(b)
    one_way = f"(source_country = '{a}' AND target_country = '{b}')"
    if directed:
        return one_way
    return f"({one_way} OR (source_country = '{b}' AND target_country = '{a}'))"


def dyad_month_sql(
    a: str,
    b: str,
    origins: tuple[str, ...] | None = None,
    directed: bool = False,
    table: str = "ingested_events",
) -> str:
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
FROM {table}
WHERE {_dyad(a, b, directed)}{_origins(origins)}
GROUP BY year(date), month(date)
ORDER BY year, month
""".strip()


def dyad_year_sql(
    a: str, b: str, origins: tuple[str, ...] = GDELT, start: int = 1979, table: str = "ingested_events"
) -> str:
    """Per year of the chosen origins: the dyad's events, Σ(Goldstein × weight), Σ weight (weight =
    NumMentions, or 1 for a row without mentions) and the cooperative and conflictual counts.

    Every year in which any row of those origins was ingested is listed, so ``events`` = 0 is
    a true zero; years with no ingested data at all are absent.
    """
    scope = f"year >= {int(start)}{_origins(origins)}"
    return f"""
WITH covered AS (
    SELECT DISTINCT year FROM {table} WHERE {scope}
), dyad AS (
    SELECT year, goldstein, CASE WHEN mentions > 0 THEN mentions ELSE 1 END AS w, quad_class
    FROM {table} WHERE {scope} AND {_dyad(a, b, False)}
)
SELECT c.year AS year,
       count(d.year) AS events,
       sum(d.goldstein * d.w) AS goldstein_x_weight,
       sum(CASE WHEN d.goldstein IS NOT NULL THEN d.w END) AS weight,
       count(CASE WHEN d.quad_class IN (1, 2) THEN 1 END) AS cooperative,
       count(CASE WHEN d.quad_class IN (3, 4) THEN 1 END) AS conflictual
FROM covered c LEFT JOIN dyad d ON d.year = c.year
GROUP BY c.year
ORDER BY c.year
""".strip()


def parquet_view(con: duckdb.DuckDBPyConnection, parquet: Path) -> None:
    """Make ``ingested_events`` a DuckDB view over a folder written by ``crossroads ingest --parquet``."""
    glob = str(parquet / "events" / "**" / "*.parquet")
    con.execute(
        f"CREATE OR REPLACE VIEW ingested_events AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true)"
    )
