"""The cluster path: the same dyad queries on Spark SQL, over Parquet from `crossroads ingest --parquet`.

Spark is optional (``pip install -e '.[spark]'``, plus a Java 17+ runtime). The SQL
text comes from :mod:`crossroads.store.event_series`, the one the Store runs, so Spark
and DuckDB answer the same question; ``master`` is ``local[N]`` on one machine or a cluster URL (``spark://…``,
``yarn``, ``k8s://…``); see README "Big event data".
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from crossroads.analysis.event_index import INDEX_START, index_from_years
from crossroads.model.errors import CrossroadsError
from crossroads.store.event_series import GDELT, dyad_month_sql, dyad_year_sql


def spark_missing() -> str | None:
    """Why Spark cannot run here (no pyspark, no java), or None when it can."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None:
        return "no Java runtime on PATH (Spark needs Java 17+; e.g. apt-get install default-jre-headless)"
    return None


@contextmanager
def spark_session(master: str = "local[1]", app: str = "crossroads") -> Iterator[Any]:
    """A Spark session tuned for small local runs (few shuffle partitions, no UI)."""
    reason = spark_missing()
    if reason:
        raise CrossroadsError(f"Spark is not available: {reason}")
    # pyspark warns that pandas 3 is not fully supported; only collect() results are used here.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


def register_parquet(session: Any, parquet: Path) -> None:
    """Expose the Parquet events folder as the ``ingested_events`` view the shared SQL reads."""
    frame = session.read.option("basePath", str(parquet / "events")).parquet(str(parquet / "events"))
    frame.createOrReplaceTempView("ingested_events")


def _run(session: Any, sql: str) -> pd.DataFrame:
    return pd.DataFrame([row.asDict() for row in session.sql(sql).collect()])


def spark_dyad_month(
    session: Any, a: str, b: str, origins: tuple[str, ...] | None = None, directed: bool = False
) -> pd.DataFrame:
    return _run(session, dyad_month_sql(a, b, origins, directed))


def spark_event_index(
    session: Any, a: str = "USA", b: str = "PAK", origins: tuple[str, ...] = GDELT, start: int = INDEX_START
) -> pd.DataFrame:
    """The event index (``analysis.event_index``) computed from Spark's per-year sums."""
    return index_from_years(_run(session, dyad_year_sql(a, b, origins, start)))
