"""The cluster path: Spark SQL and DuckDB run the same query text and give the same answers.

Skipped with the reason when pyspark or Java is absent. One local Spark session serves
the module (start-up is most of its ~15 s).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from crossroads.ingest.load import ingest
from crossroads.ingest.spark import spark_missing, spark_session
from crossroads.store.event_series import dyad_month_sql, dyad_year_sql, parquet_view

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"
REASON = spark_missing()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REASON is not None, reason=f"Spark path not testable here: {REASON}"),
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pq")
    inputs = [p for p in sorted(FIX.iterdir()) if p.suffix != ".py"]
    summary = ingest(inputs, parquet=out)
    assert summary.rows_loaded > 500
    return out


@pytest.fixture(scope="module")
def spark(parquet: Path) -> Iterator[Any]:
    from crossroads.ingest.spark import register_parquet

    with spark_session("local[1]") as session:
        register_parquet(session, parquet)
        yield session


def _same(duck: pd.DataFrame, spark_rows: pd.DataFrame) -> None:
    assert list(duck.columns) == list(spark_rows.columns)
    assert len(duck) == len(spark_rows) > 0
    for col in duck.columns:
        left = pd.to_numeric(duck[col], errors="coerce").astype(float).tolist()
        right = pd.to_numeric(spark_rows[col], errors="coerce").astype(float).tolist()
        assert left == pytest.approx(right, rel=1e-12, abs=1e-12, nan_ok=True), col


@pytest.mark.parametrize(
    "sql",
    [
        dyad_month_sql("USA", "PAK"),
        dyad_month_sql("USA", "PAK", directed=True),
        dyad_month_sql("IND", "PAK"),
        dyad_month_sql("PAK", "USA", origins=("gdelt1", "gdelt2")),
        dyad_year_sql("USA", "PAK"),
    ],
    ids=["usa-pak", "usa-pak-directed", "ind-pak", "pak-usa-gdelt", "index"],
)
def test_spark_and_duckdb_give_identical_results(spark: Any, parquet: Path, sql: str) -> None:
    con = duckdb.connect()
    parquet_view(con, parquet)
    duck = con.execute(sql).df()
    con.close()
    rows = pd.DataFrame([r.asDict() for r in spark.sql(sql).collect()])
    _same(duck, rows)
    counts = [c for c in duck.columns if c in ("year", "month", "events") or c.endswith(("_coop", "_conflict"))]
    assert duck[counts].astype(int).values.tolist() == rows[counts].astype(int).values.tolist(), "exact counts"


@pytest.mark.slow
def test_spark_and_duckdb_agree_on_a_million_ingested_rows(spark: Any, tmp_path: Path) -> None:
    """The cluster path on a real volume: 1 M synthetic GDELT rows ingested to partitioned Parquet."""
    from crossroads.ingest import synth

    base = synth.write(tmp_path / "base.export.CSV", 20_000, seed=21)
    big = synth.tile(base, 1_000_000, tmp_path / "million.export.CSV")
    out = tmp_path / "pq"
    summary = ingest([big], parquet=out)
    assert summary.rows_loaded == summary.rows_in_store == 1_000_000
    spark.read.option("basePath", str(out / "events")).parquet(str(out / "events")).createOrReplaceTempView(
        "million_events"
    )
    con = duckdb.connect()
    con.execute(
        "CREATE VIEW million_events AS SELECT * FROM "
        f"read_parquet('{out / 'events' / '**' / '*.parquet'}', hive_partitioning = true)"
    )
    queries = [
        "SELECT count(*) AS events, count(DISTINCT id) AS ids FROM million_events",
        dyad_month_sql("USA", "PAK", table="million_events"),
        dyad_month_sql("USA", "PAK", directed=True, table="million_events"),
        dyad_year_sql("USA", "PAK", table="million_events"),
    ]
    for sql in queries:
        duck = con.execute(sql).df()
        rows = pd.DataFrame([r.asDict() for r in spark.sql(sql).collect()])
        _same(duck, rows)
    assert con.execute(queries[0]).fetchall()[0] == (1_000_000, 1_000_000)
    assert con.execute(queries[1]).df()["events"].sum() > 1_000, "the dyad is well represented"
    con.close()
