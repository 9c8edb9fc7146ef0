"""Stream event files into the ingest store (or partitioned Parquet) in one transaction.

Each line is decoded, split and checked in Python, chunk by chunk (memory stays
bounded by the chunk size and DuckDB's memory limit, which spills to disk). Each chunk
of good rows is inserted with INSERT OR IGNORE on the row-key primary key, so keys
already stored are counted as duplicates; bad rows are staged with their reason. All of
it happens in one transaction: an exception or a kill before the commit leaves the
store exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from crossroads.ingest.cameo_csv import CameoCsvReader
from crossroads.ingest.files import Source, expand, open_lines, sources
from crossroads.ingest.formats import Format, FormatError, detect
from crossroads.ingest.gdelt import GdeltReader
from crossroads.ingest.harmonise import cameo_codebook, country_map
from crossroads.ingest.icews import IcewsReader
from crossroads.ingest.polecat import PolecatReader
from crossroads.ingest.reader import Reader
from crossroads.ingest.rows import INVALID_UTF8, MAX_FIELD, OVERSIZE_FIELD, ROW_COLUMNS, Reject, Row
from crossroads.ingest.tables import QSTAGE, TABLES

CHUNK_ROWS = 50_000
MAX_RAW = 8192
"""Quarantined lines are kept up to this many characters (the line number locates the rest)."""

_ARROW = {"VARCHAR": pa.string(), "DATE": pa.date32(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "DOUBLE": pa.float64()}  # fmt: skip
_SCHEMA = pa.schema([(name, _ARROW[kind]) for name, kind in ROW_COLUMNS])
_QSCHEMA = pa.schema(
    [("source_file", pa.string()), ("line", pa.int64()), ("reason", pa.string()), ("detail", pa.string()),
     ("raw_line", pa.string())]
)  # fmt: skip


@dataclass
class FileSummary:
    source_file: str
    format: str
    file_sha256: str = ""
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_duplicate: int = 0


@dataclass
class IngestSummary:
    target: Path
    run_id: int
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_duplicate: int = 0
    rows_in_store: int = 0
    files: list[FileSummary] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The figures `crossroads ingest --json` prints."""
        return {k: v for k, v in asdict(self).items() if k.startswith("rows_")}


@dataclass(frozen=True)
class Progress:
    """Sent after each chunk and each file: how far the ingest is."""

    label: str
    bytes_done: int
    bytes_total: int
    rows_read: int


ProgressFn = Callable[[Progress], None]
FormatFn = Callable[[str, Format | None, bool], None]
"""Told which format each file was read as (None: skipped, not recognised) and whether it was auto."""


def make_reader(fmt: Format) -> Reader:
    countries, book = country_map(), cameo_codebook()
    if fmt is Format.gdelt1:
        return GdeltReader(1, countries, book)
    if fmt is Format.gdelt2:
        return GdeltReader(2, countries, book)
    if fmt is Format.icews:
        return IcewsReader(countries, book)
    if fmt is Format.polecat:
        return PolecatReader(countries)
    if fmt is Format.cameo_csv:
        return CameoCsvReader(countries, book)
    raise ValueError(fmt)


class _Batch:
    """Rows waiting to be inserted (new keys only) and quarantined lines waiting to be staged."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: int):
        self.con = con
        self.run_id = run_id
        self.rows: list[Row] = []
        self.bad: list[tuple[str, int, str, str, str]] = []
        self.loaded = 0

    def flush(self) -> None:
        if self.rows:
            cols = list(zip(*self.rows, strict=True))
            arrays = [
                pa.array(c, type=pa.string()).cast(pa.date32()) if f.type == pa.date32() else pa.array(c, f.type)
                for c, f in zip(cols, _SCHEMA, strict=True)
            ]
            # INSERT OR IGNORE skips keys already stored or earlier in this run (the first
            # occurrence in input order wins); the statement returns how many rows it inserted.
            self.loaded += self._append(
                f"INSERT OR IGNORE INTO ingested_events SELECT *, {self.run_id} FROM _chunk",
                pa.Table.from_arrays(arrays, schema=_SCHEMA),
            )
            self.rows = []
        if self.bad:
            cols = list(zip(*self.bad, strict=True))
            arrays = [pa.array(c, f.type) for c, f in zip(cols, _QSCHEMA, strict=True)]
            self._append("INSERT INTO _qstage SELECT * FROM _chunk", pa.Table.from_arrays(arrays, schema=_QSCHEMA))
            self.bad = []

    def _append(self, sql: str, data: pa.Table) -> int:
        self.con.register("_chunk", data)
        try:
            return int(self.con.execute(sql).fetchall()[0][0])
        finally:
            self.con.unregister("_chunk")


def _read_source(
    src: Source,
    fmt: Format,
    batch: _Batch,
    chunk_rows: int,
    report: Callable[[int, int], None],
    on_format: FormatFn | None,
) -> FileSummary:
    label = src.label
    with open_lines(src) as (lines, raw):
        first = lines.readline()
        if not first:
            return FileSummary(label, fmt.value, hashlib.sha256().hexdigest())
        chosen = detect(first.decode("utf-8", "replace"), label) if fmt is Format.auto else fmt
        if on_format:
            on_format(label, chosen, fmt is Format.auto)
        reader = make_reader(chosen)
        summary = FileSummary(label, chosen.value)
        digest = hashlib.sha256(first)
        lineno = 0
        if reader.has_header:
            lineno = 1
            text = first.decode("utf-8", "replace").rstrip("\r\n")
            reader.set_header(reader.split(text), label)
            stream: Any = lines
        else:
            stream = itertools.chain([first], lines)
        loaded_before = batch.loaded
        split, parse = reader.split, reader.parse
        tabs = reader.has_header is False  # GDELT: plain tab split, inlined below for speed
        rows, bad = batch.rows, batch.bad
        read = quarantined = 0
        for line_bytes in stream:
            if len(rows) >= chunk_rows or len(bad) >= chunk_rows:  # bounded even if every row is bad
                batch.flush()
                rows, bad = batch.rows, batch.bad
                report(raw.tell(), read)
            lineno += 1
            read += 1
            if lineno > 1 or reader.has_header:
                digest.update(line_bytes)
            try:
                text = line_bytes.decode("utf-8")
            except UnicodeDecodeError as exc:
                quarantined += 1
                bad.append((label, lineno, INVALID_UTF8, f"invalid UTF-8 at byte {exc.start}", _raw(line_bytes)))
                continue
            if text.endswith("\n"):
                text = text[:-2] if text.endswith("\r\n") else text[:-1]
            fields = text.split("\t") if tabs else split(text)
            if len(text) > MAX_FIELD:
                longest = max(range(len(fields)), key=lambda i: len(fields[i]))
                if len(fields[longest]) > MAX_FIELD:
                    quarantined += 1
                    detail = f"field {longest + 1} has {len(fields[longest])} characters (limit {MAX_FIELD})"
                    bad.append((label, lineno, OVERSIZE_FIELD, detail, _raw(line_bytes)))
                    continue
            try:
                rows.append(parse(fields, label, lineno))
            except Reject as rej:
                quarantined += 1
                bad.append((label, lineno, rej.reason, rej.detail, _raw(line_bytes)))
        batch.flush()
        report(raw.tell(), read)
    summary.rows_read = read
    summary.rows_loaded = batch.loaded - loaded_before
    summary.rows_duplicate = read - quarantined - summary.rows_loaded
    summary.rows_quarantined = quarantined
    summary.file_sha256 = digest.hexdigest()
    return summary


def _raw(line: bytes) -> str:
    return line.rstrip(b"\r\n").decode("utf-8", "backslashreplace")[:MAX_RAW]


def ingest(
    inputs: list[Path],
    db: Path | None = None,
    parquet: Path | None = None,
    fmt: Format = Format.auto,
    chunk_rows: int = CHUNK_ROWS,
    memory_limit: str = "1GB",
    progress: ProgressFn | None = None,
    on_format: FormatFn | None = None,
) -> IngestSummary:
    """Ingest files into the DuckDB file ``db`` or, if ``parquet`` is given, into that Parquet folder."""
    if (db is None) == (parquet is None):
        raise ValueError("give exactly one of db or parquet")
    paths = expand(inputs)
    srcs = [s for p in paths for s in sources(p)]
    explicit = {p for p, named in paths.items() if named}
    total = sum(p.stat().st_size for p in paths)
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if parquet is not None:
        parquet.mkdir(parents=True, exist_ok=True)
        work = parquet / f".staging-{uuid.uuid4().hex}.duckdb"
    else:
        assert db is not None
        db.parent.mkdir(parents=True, exist_ok=True)
        work = db
    con = duckdb.connect(str(work))
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute("SET preserve_insertion_order = false")
        con.begin()
        try:
            summary = _run(con, srcs, explicit, fmt, chunk_rows, total, started, progress, on_format, parquet, db)
            con.commit()
        except BaseException:
            con.rollback()
            raise
    finally:
        con.close()
        if parquet is not None:
            for leftover in parquet.glob(work.name + "*"):
                leftover.unlink(missing_ok=True)
            shutil.rmtree(parquet / (work.name + ".tmp"), ignore_errors=True)
    return summary


def _run(
    con: duckdb.DuckDBPyConnection,
    srcs: list[Source],
    explicit: set[Path],
    fmt: Format,
    chunk_rows: int,
    total: int,
    started: dt.datetime,
    progress: ProgressFn | None,
    on_format: FormatFn | None,
    parquet: Path | None,
    db: Path | None,
) -> IngestSummary:
    con.execute(TABLES)
    if parquet is not None:
        _attach_parquet_history(con, parquet)
    con.execute(QSTAGE)
    run_id = int(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM ingest_log").fetchall()[0][0])
    summary = IngestSummary(target=parquet or db or Path(), run_id=run_id)
    batch = _Batch(con, run_id)
    done_before = 0
    for pos, src in enumerate(srcs):
        size = src.path.stat().st_size

        def report(at: int, read: int, base: int = done_before, label: str = src.label, size: int = size) -> None:
            if progress:
                progress(Progress(label, base + min(at, size), total, summary.rows_read + read))

        try:
            file_summary = _read_source(src, fmt, batch, chunk_rows, report, on_format)
        except FormatError as exc:
            if src.path in explicit or fmt is not Format.auto or not str(exc).startswith(src.label + ": cannot"):
                raise
            summary.skipped.append(src.label)
            if on_format:
                on_format(src.label, None, True)
        else:
            summary.files.append(file_summary)
            summary.rows_read += file_summary.rows_read
            summary.rows_quarantined += file_summary.rows_quarantined
            summary.rows_loaded += file_summary.rows_loaded
            summary.rows_duplicate += file_summary.rows_duplicate
        if pos + 1 == len(srcs) or srcs[pos + 1].path != src.path:
            done_before += size
    _finish(con, summary, started)
    if parquet is not None:
        _write_parquet(con, parquet, run_id)
        summary.rows_in_store = _parquet_rows(parquet)
    else:
        summary.rows_in_store = int(con.execute("SELECT count(*) FROM ingested_events").fetchall()[0][0])
    return summary


def _finish(con: duckdb.DuckDBPyConnection, summary: IngestSummary, started: dt.datetime) -> None:
    """Insert the quarantine (once per file content and line) and one log row per file."""
    run_id = summary.run_id
    files = pa.table(
        {
            "source_file": [f.source_file for f in summary.files],
            "file_sha256": [f.file_sha256 for f in summary.files],
        }
    )
    con.register("_files", files)
    try:
        con.execute(
            f"""
            INSERT INTO ingest_quarantine
            SELECT {run_id}, q.source_file, f.file_sha256, q.line, q.reason, q.detail, q.raw_line
            FROM _qstage q JOIN _files f USING (source_file)
            WHERE NOT EXISTS (SELECT 1 FROM ingest_quarantine x
                              WHERE x.file_sha256 = f.file_sha256 AND x.line = q.line)
            """
        )
    finally:
        con.unregister("_files")
    finished = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for f in summary.files:
        con.execute(
            "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, started, finished, f.source_file, f.format, f.file_sha256, f.rows_read, f.rows_loaded,
             f.rows_quarantined, f.rows_duplicate],
        )  # fmt: skip
    con.execute("DROP TABLE _qstage")


# Parquet output ---------------------------------------------------------------------------------

_PARTS = {"events": "ingested_events", "quarantine": "ingest_quarantine", "ingest_log": "ingest_log"}


def _glob(parquet: Path, part: str) -> str:
    return str(parquet / part / "**" / "*.parquet")


def _attach_parquet_history(con: duckdb.DuckDBPyConnection, parquet: Path) -> None:
    """Load the keys already written (and earlier quarantine and log rows) so de-duplication sees them."""
    if any((parquet / "events").rglob("*.parquet")):
        con.execute(
            f"INSERT INTO ingested_events (row_key, dataset, date, year, source_file, line, run_id) "
            f"SELECT row_key, dataset, DATE '1900-01-01', 0, '', 0, -1 "
            f"FROM read_parquet('{_glob(parquet, 'events')}', hive_partitioning = true)"
        )
    for part in ("quarantine", "ingest_log"):
        if any((parquet / part).rglob("*.parquet")):
            con.execute(f"INSERT INTO {_PARTS[part]} SELECT * FROM read_parquet('{_glob(parquet, part)}')")


def _write_parquet(con: duckdb.DuckDBPyConnection, parquet: Path, run_id: int) -> None:
    """Write this run's rows as new files: events partitioned by dataset and year, plus quarantine and log.

    Files are written to a hidden folder first and moved into place at the end, so a
    failed run leaves no partial file among the dataset's files.
    """
    tmp = parquet / f".run-{run_id}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        con.execute(
            f"COPY (SELECT * FROM ingested_events WHERE run_id = {run_id}) TO '{tmp / 'events'}' "
            "(FORMAT parquet, PARTITION_BY (dataset, year), FILENAME_PATTERN 'part-{i}')"
        )
        for part in ("quarantine", "ingest_log"):
            (tmp / part).mkdir(parents=True, exist_ok=True)
            con.execute(
                f"COPY (SELECT * FROM {_PARTS[part]} WHERE run_id = {run_id}) "
                f"TO '{tmp / part / 'part-0.parquet'}' (FORMAT parquet)"
            )
        for path in sorted(tmp.rglob("*.parquet")):
            rel = path.relative_to(tmp)
            dest = parquet / rel.parent / f"run-{run_id:05d}-{rel.name}"
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _parquet_rows(parquet: Path) -> int:
    if not any((parquet / "events").rglob("*.parquet")):
        return 0
    con = duckdb.connect()
    try:
        row = con.execute(f"SELECT count(*) FROM read_parquet('{_glob(parquet, 'events')}')").fetchall()[0]
        return int(row[0]) if row else 0
    finally:
        con.close()


__all__ = ["CHUNK_ROWS", "FileSummary", "FormatError", "IngestSummary", "Progress", "ingest"]
