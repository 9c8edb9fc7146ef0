"""Build the store atomically from the shipped data.

The data are validated completely before anything is written; the new store is
written to a temporary file beside the target and renamed over it only when
complete, so a failed build leaves the previous store untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from crossroads.indicators.chronology import chronology_series
from crossroads.indicators.pacts import pact_series
from crossroads.model.loading import Chronology, load_chronology
from crossroads.recipes.provenance import read_provenance
from crossroads.store.schema import SCHEMA

Step = Callable[[str], None]

SCHEMA_VERSION = "1"


@dataclass(frozen=True)
class BuildSummary:
    path: Path | None
    events: int
    sources: int
    series_rows: int
    fingerprint: str


def data_fingerprint(data_dir: Path) -> str:
    """A checksum over every shipped data file, so a store records exactly what it was built from."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _series_tables(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "series").glob("*.csv")) if (data_dir / "series").exists() else []


def build_store(
    db_path: Path | None,
    data_dir: Path,
    step: Step = lambda _: None,
) -> BuildSummary:
    """Validate the data and (unless ``db_path`` is None, a check run) write the store."""
    step("validating chronology and bibliography")
    chron = load_chronology(data_dir)
    step("deriving chronology series")
    series = [chronology_series(chron).assign(table_name="chronology"), pact_series(chron).assign(table_name="pacts")]
    for table in _series_tables(data_dir):
        frame = pd.read_csv(table, dtype={"source_actor": str, "target_actor": str})
        series.append(frame.assign(table_name=table.stem))
    all_series = pd.concat(series, ignore_index=True)
    fingerprint = data_fingerprint(data_dir)
    summary = BuildSummary(db_path, len(chron.events), len(chron.sources), len(all_series), fingerprint)
    if db_path is None:
        return summary
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=db_path.parent, prefix=f".{db_path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            step("writing tables")
            con.execute(SCHEMA)
            _write(con, chron, all_series, data_dir, fingerprint)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        step("replacing the previous store")
        os.replace(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    return summary


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("_frame", frame)
    cols = ", ".join(frame.columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _frame")
    con.unregister("_frame")


def _write(
    con: duckdb.DuckDBPyConnection,
    chron: Chronology,
    series: pd.DataFrame,
    data_dir: Path,
    fingerprint: str,
) -> None:
    ref = chron.reference
    _insert(
        con,
        "eras",
        pd.DataFrame(
            [(e.id, e.slug, e.label, e.start, e.end, e.summary) for e in ref.eras],
            columns=["id", "slug", "label", "start_date", "end_date", "summary"],
        ),
    )
    _insert(con, "actors", pd.DataFrame(list(ref.actors.values()))[["code", "label", "kind", "origin"]])
    cameo = pd.read_csv(data_dir / "reference" / "cameo.csv", dtype=str, keep_default_na=False)
    cameo["plover_event"] = cameo["plover_event"].replace("", None)
    cameo["goldstein"] = cameo["goldstein"].astype(float)
    cameo["quad_class"] = cameo["quad_class"].astype(int)
    _insert(con, "cameo", cameo)
    _insert(con, "sources", pd.DataFrame([{**s.model_dump(), "kind": s.kind} for s in chron.sources.values()]))

    events, actors, dims, cites, stances = [], [], [], [], []
    for e in chron.events:
        code = ref.cameo[e.cameo]
        last = (e.until or e.when).end
        file, line = chron.locations[e.id]
        events.append(
            {
                "id": e.id,
                "date": e.date,
                "date_precision": e.precision,
                "date_start": e.when.start,
                "date_end": last,
                "end_date": e.end_date,
                "year": e.when.start.year,
                "era": chron.era_of(e),
                "actors": list(e.actors),
                "cameo": e.cameo,
                "cameo_root": code.root,
                "quad_class": code.quad_class,
                "goldstein": e.goldstein,
                "plover": e.plover,
                "dimensions": list(e.dimensions),
                "description": e.description,
                "sources": list(e.sources),
                "note": e.note,
                "origin": e.origin,
                "confidence": e.confidence,
                "file": file,
                "line": line,
            }
        )
        actors += [(e.id, i, a) for i, a in enumerate(e.actors)]
        dims += [(e.id, d) for d in e.dimensions]
        cites += [(e.id, i, k) for i, k in enumerate(e.sources)]
        stances += [(e.id, a, s) for a, s in sorted(e.kashmir_stances.items())]
    _insert(con, "events", pd.DataFrame(events))
    _insert(con, "event_actors", pd.DataFrame(actors, columns=["event_id", "position", "actor"]))
    _insert(con, "event_dimensions", pd.DataFrame(dims, columns=["event_id", "dimension"]))
    _insert(con, "event_sources", pd.DataFrame(cites, columns=["event_id", "position", "source_key"]))
    _insert(con, "kashmir_stances", pd.DataFrame(stances, columns=["event_id", "actor", "stance"]))
    _insert(con, "series", series)

    prov_rows = []
    for table in [
        data_dir / "reference" / "cameo.csv",
        data_dir / "reference" / "actors.csv",
        *_series_tables(data_dir),
    ]:
        meta = read_provenance(table)
        if meta:
            prov_rows.append(
                {
                    "table_name": str(meta["table"]),
                    "source": str(meta["source"]),
                    "citation": str(meta["citation"]),
                    "version": str(meta["version"]),
                    "transformation": str(meta["transformation"]),
                    "raw_files": json.dumps(meta["raw_files"]),
                    "built": str(meta["built"]),
                    "rows": meta.get("rows"),
                    "sha256": meta.get("sha256"),
                }
            )
    prov_rows.append(
        {
            "table_name": "events",
            "source": "Crossroads curated chronology (data/chronology/*.yaml)",
            "citation": "Crossroads contributors. Crossroads curated chronology of Pakistan-US relations "
            "and the Kashmir dispute, 1947-2021. Every event cites its own sources.",
            "version": fingerprint[:12],
            "transformation": "Validated YAML records, one row per event.",
            "raw_files": json.dumps([]),
            "built": "at store build",
            "rows": len(events),
            "sha256": None,
        }
    )
    _insert(con, "provenance", pd.DataFrame(prov_rows))
    meta_rows = {
        "schema_version": SCHEMA_VERSION,
        "data_fingerprint": fingerprint,
        "events": str(len(events)),
        "sources": str(len(chron.sources)),
    }
    _insert(con, "meta", pd.DataFrame(list(meta_rows.items()), columns=["key", "value"]))
