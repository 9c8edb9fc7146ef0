"""Stream event files into the ingest store (or partitioned Parquet), validated, harmonised and
de-duplicated, with memory that does not grow with the number of rows.

GDELT files (the volume: a year is about 100 million rows) are parsed, checked and
harmonised by Arrow in blocks and appended by DuckDB (:mod:`crossroads.ingest.fast`);
other formats, and a GDELT file Arrow cannot read whole (mixed widths, invalid UTF-8,
empty lines), go through the line readers in Python. Rows are appended without an index,
in transactions of about ``COMMIT_ROWS`` that DuckDB writes straight to the file, so
memory stays flat; they stay invisible until their run is committed: a run's rows count only
once the run has its ``ingest_log`` rows, which are written, with the de-duplication
and the quarantine, in one transaction at the end of each commit unit. De-duplication
is an anti-join on a 128-bit hash of each row's id against the rows already stored,
plus "first occurrence wins" inside the unit, in slices of the key space
(:mod:`crossroads.ingest.dedup`), so its memory depends neither on the store nor on the unit.
A unit is a run of whole files: it lands whole or not at all, so a failed or killed
ingest leaves what readers see as it was before the unit in progress (the orphaned
rows of a killed unit are deleted when the next ingest starts), and ``resume=True``
skips every file already committed (matched by the hash of its content, ``files.CONTENT_HASHES``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import itertools
import os
import shutil
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from crossroads.ingest.arrow_values import numbers, strings
from crossroads.ingest.cameo_csv import CameoCsvReader
from crossroads.ingest.dedup import PARTITION_ROWS, deduplicate
from crossroads.ingest.fast import gdelt_fast
from crossroads.ingest.files import Source, content_hash_for, expand, open_lines, source_hash, sources
from crossroads.ingest.formats import Format, FormatError, detect
from crossroads.ingest.gdelt import GdeltReader
from crossroads.ingest.harmonise import cameo_codebook, country_map
from crossroads.ingest.icews import IcewsReader
from crossroads.ingest.polecat import PolecatReader
from crossroads.ingest.reader import Reader
from crossroads.ingest.rows import INVALID_UTF8, MAX_FIELD, OVERSIZE_FIELD, Reject, Row, oversize_detail, raw_line
from crossroads.model.errors import CrossroadsError
from crossroads.store.schema import INGEST_SCHEMA, INGESTED_COLUMNS

CHUNK_ROWS = 50_000
COMMIT_ROWS = 1_000_000
"""Appended rows are committed (still invisible) in transactions of about this many rows. Measured:
below about 300,000 rows a commit sends its rows through the write-ahead log, and the checkpoint then
compresses them a second time (a fifth more CPU per row); at a million DuckDB writes whole row groups
straight to the file, and an open transaction's rows are already on disk, so memory does not grow."""
MEMORY_LIMIT = "128MB"
"""DuckDB's buffer pool. Appends write to the file, and the de-duplication works in slices of the
key space whose hash tables spill to disk past it (measured: no slower at 10 M rows than with 512 MB),
so this bounds the process's memory whatever the number of rows; larger only holds more cached blocks."""
APPEND_THREADS = "SET threads = 1"
"""DuckDB appends on one thread while the reader thread parses the next block on another core
(measured on two cores: less CPU and less time than letting DuckDB take both for its appends)."""
UNIT_ROWS = 5_000_000
"""A commit unit closes after the file that brings it to this many rows read."""

_ARROW = {"VARCHAR": pa.string(), "DATE": pa.date32(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "DOUBLE": pa.float64()}  # fmt: skip
_SCHEMA = pa.schema([(name, _ARROW[kind]) for name, kind in INGESTED_COLUMNS])
_QSCHEMA = pa.schema(
    [("source_file", pa.string()), ("line", pa.int64()), ("reason", pa.string()), ("detail", pa.string()),
     ("raw_line", pa.string())]
)  # fmt: skip
QSTAGE = "CREATE TEMP TABLE IF NOT EXISTS _qstage (source_file VARCHAR, line BIGINT, reason VARCHAR, detail VARCHAR, raw_line VARCHAR)"  # noqa: E501


@dataclass
class FileSummary:
    source_file: str
    format: str
    file_hash: str = ""
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
    """Files passed over: already committed (``resume``)."""
    rejected: list[tuple[str, str]] = field(default_factory=list)
    """Files rejected whole (not an event file at all), with why."""
    quarantine_by_reason: dict[str, int] = field(default_factory=dict)
    runs: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The figures `crossroads ingest --json` prints."""
        return {k: v for k, v in asdict(self).items() if k.startswith("rows_")}


@dataclass(frozen=True)
class Progress:
    """Sent after each block and each file: how far the ingest is."""

    label: str
    bytes_done: int
    bytes_total: int
    rows_read: int


ProgressFn = Callable[[Progress], None]
FormatFn = Callable[[str, Format | None, bool], None]
"""Told which format each file was read as (None: rejected) and whether it was auto."""


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


class Sink:
    """Where rows go during one commit unit: appended to ``ingested_events`` under the unit's run id
    (no index), quarantined lines to a staging table; ``content_hash`` is how the store identifies files."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: int, content_hash: str):
        self.con = con
        self.run_id = run_id
        self.content_hash = content_hash
        self.rows: list[Row] = []
        self.bad: list[tuple[str, int, str, str, str]] = []
        self.pending = 0  # rows appended in the open transaction

    def commit(self) -> None:
        """Commit what was appended (still invisible to readers until the unit commits)."""
        if self.pending:
            self.con.commit()
            self.pending = 0

    def flush(self) -> None:
        if self.rows:
            cols = list(zip(*self.rows, strict=True))
            arrays = [
                pa.array(c, type=pa.string()).cast(pa.date32()) if f.type == pa.date32() else pa.array(c, f.type)
                for c, f in zip(cols, _SCHEMA, strict=True)
            ]
            self.append(
                f"INSERT INTO ingested_events SELECT *, NULL, {self.run_id}, md5_number(id) FROM _chunk",
                pa.Table.from_arrays(arrays, schema=_SCHEMA),
            )
            self.rows = []
        if self.bad:
            cols = list(zip(*self.bad, strict=True))
            arrays = [
                numbers(np.array(c), f.type) if f.type == pa.int64() else strings(c)
                for c, f in zip(cols, _QSCHEMA, strict=True)
            ]
            self.append("INSERT INTO _qstage SELECT * FROM _chunk", pa.Table.from_arrays(arrays, schema=_QSCHEMA))
            self.bad = []

    def append(self, sql: str, data: pa.Table, params: list[Any] | dict[str, Any] | None = None) -> int:
        # Appends are grouped into transactions of about COMMIT_ROWS rows (see there).
        if not self.pending:
            self.con.begin()
        self.pending += data.num_rows
        self.con.register("_chunk", data)
        try:
            n = int(self.con.execute(sql, params or []).fetchall()[0][0])
        finally:
            self.con.unregister("_chunk")
        if self.pending >= COMMIT_ROWS:
            self.commit()
        return n

    def discard(self, label: str) -> None:
        """Drop what one file staged (it is read again another way, or rejected whole)."""
        self.commit()
        self.rows, self.bad = [], []
        self.con.execute("DELETE FROM ingested_events WHERE run_id = ? AND source_file = ?", [self.run_id, label])
        self.con.execute("DELETE FROM _qstage WHERE source_file = ?", [label])


def _read_lines(
    src: Source,
    fmt: Format,
    sink: Sink,
    chunk_rows: int,
    report: Callable[[int, int], None],
) -> FileSummary:
    """The line readers: any format, any malformation, one line at a time."""
    label = src.label
    with open_lines(src, sink.content_hash) as (lines, raw, digest):
        first = lines.readline()
        if not first:
            lines.read()
            return FileSummary(label, fmt.value, digest.hexdigest())
        chosen = detect(first.decode("utf-8", "replace"), label) if fmt is Format.auto else fmt
        reader = make_reader(chosen)
        summary = FileSummary(label, chosen.value)
        lineno = 0
        if reader.has_header:
            lineno = 1
            text = first.decode("utf-8", "replace").rstrip("\r\n")
            reader.set_header(reader.split(text), label)
            stream: Any = lines
        else:
            stream = itertools.chain([first], lines)
        split, parse = reader.split, reader.parse
        tabs = reader.has_header is False  # GDELT: plain tab split, inlined below for speed
        rows, bad = sink.rows, sink.bad
        read = quarantined = 0
        for line_bytes in stream:
            if len(rows) >= chunk_rows or len(bad) >= chunk_rows:  # bounded even if every row is bad
                sink.flush()
                rows, bad = sink.rows, sink.bad
                report(raw.tell(), read)
            lineno += 1
            read += 1
            try:
                text = line_bytes.decode("utf-8")
            except UnicodeDecodeError as exc:
                quarantined += 1
                bad.append((label, lineno, INVALID_UTF8, f"invalid UTF-8 at byte {exc.start}", raw_line(line_bytes)))
                continue
            if text.endswith("\n"):
                text = text[:-2] if text.endswith("\r\n") else text[:-1]
            fields = text.split("\t") if tabs else split(text)
            if len(text) > MAX_FIELD and (detail := oversize_detail(fields)):
                quarantined += 1
                bad.append((label, lineno, OVERSIZE_FIELD, detail, raw_line(line_bytes)))
                continue
            try:
                rows.append(parse(fields, label, lineno))
            except Reject as rej:
                quarantined += 1
                bad.append((label, lineno, rej.reason, rej.detail, raw_line(line_bytes)))
        sink.flush()
        report(raw.tell(), read)
    summary.rows_read = read
    summary.rows_quarantined = quarantined
    summary.file_hash = digest.hexdigest()
    return summary


def _read_source(
    src: Source,
    fmt: Format,
    sink: Sink,
    chunk_rows: int,
    report: Callable[[int, int], None],
    on_format: FormatFn | None,
) -> FileSummary:
    """One file: detect its format, then the Arrow path for GDELT or the line readers."""
    with open_lines(src) as (lines, _raw_file, _digest):
        first = lines.readline()
    chosen = fmt
    if first and fmt is Format.auto:
        chosen = detect(first.decode("utf-8", "replace"), src.label)
    if first and on_format:
        on_format(src.label, chosen, fmt is Format.auto)
    if chosen in (Format.gdelt1, Format.gdelt2) and first:
        summary = gdelt_fast(src, chosen, first, sink, chunk_rows, report)
        if summary is not None:
            return summary
        sink.discard(src.label)  # not a clean file: read it line by line instead
    return _read_lines(src, chosen, sink, chunk_rows, report)


_REJECT = (FormatError, zipfile.BadZipFile, gzip.BadGzipFile, EOFError, UnicodeError, zipfile.LargeZipFile)


def ingest(
    inputs: list[Path],
    db: Path | None = None,
    parquet: Path | None = None,
    fmt: Format = Format.auto,
    chunk_rows: int = CHUNK_ROWS,
    memory_limit: str = MEMORY_LIMIT,
    progress: ProgressFn | None = None,
    on_format: FormatFn | None = None,
    resume: bool = False,
    unit_rows: int = UNIT_ROWS,
    dedup_rows: int = PARTITION_ROWS,
) -> IngestSummary:
    """Ingest files into the DuckDB file ``db`` or, if ``parquet`` is given, into that Parquet folder.

    ``dedup_rows``: a unit is de-duplicated in slices of its key space of about this many rows
    (``dedup.PARTITION_ROWS``), which bounds the de-duplication's memory together with ``memory_limit``."""
    if (db is None) == (parquet is None):
        raise ValueError("give exactly one of db or parquet")
    paths = expand(inputs)
    srcs: list[Source] = []
    rejected: list[tuple[str, str]] = []
    for p in paths:
        try:
            srcs += sources(p)
        except CrossroadsError as exc:
            rejected.append((str(p), str(exc)))
    total = sum(p.stat().st_size for p in paths)
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
        con.execute(APPEND_THREADS)
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET temp_directory = '{work.parent / (work.name + '.tmp')}'")
        try:
            summary = _run(
                con, srcs, fmt, chunk_rows, total, progress, on_format, parquet, db, resume, unit_rows, dedup_rows
            )
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.rollback()
            discard_uncommitted(con)  # what a failed unit appended; a kill leaves it to the next ingest
            raise
        summary.rejected[:0] = rejected
        if rejected and parquet is None:
            con.executemany(
                "INSERT INTO ingest_rejected VALUES (?, ?, ?)",
                [[summary.runs[-1] if summary.runs else summary.run_id, f, why] for f, why in rejected],
            )
    finally:
        con.close()
        if parquet is not None:
            for leftover in parquet.glob(work.name + "*"):
                leftover.unlink(missing_ok=True)
        shutil.rmtree(work.parent / (work.name + ".tmp"), ignore_errors=True)
    if summary.rejected and not summary.files and not summary.skipped:
        reasons = "; ".join(why for _, why in summary.rejected)
        raise FormatError(f"nothing ingested: every file was rejected ({reasons})")
    return summary


def _run(
    con: duckdb.DuckDBPyConnection,
    srcs: list[Source],
    fmt: Format,
    chunk_rows: int,
    total: int,
    progress: ProgressFn | None,
    on_format: FormatFn | None,
    parquet: Path | None,
    db: Path | None,
    resume: bool,
    unit_rows: int,
    dedup_rows: int,
) -> IngestSummary:
    con.execute(INGEST_SCHEMA)
    _rename_legacy_columns(con)
    discard_uncommitted(con)
    if parquet is not None:
        _attach_parquet_history(con, parquet)
    con.execute(QSTAGE)
    committed = {r[0] for r in con.execute("SELECT DISTINCT file_hash FROM ingest_log").fetchall()}
    content_hash = content_hash_for(committed)
    run_id = 1 + int(
        con.execute(
            "SELECT greatest((SELECT coalesce(max(run_id), 0) FROM ingest_log), "
            "(SELECT coalesce(max(run_id), 0) FROM ingested_events))"
        ).fetchall()[0][0]
    )
    summary = IngestSummary(target=parquet or db or Path(), run_id=run_id)
    unit = _Unit(con, run_id, content_hash)
    done_before = 0
    for pos, src in enumerate(srcs):
        size = src.path.stat().st_size

        def report(
            at: int, read: int, base: int = done_before, label: str = src.label, size: int = size,
            before: int = summary.rows_read + unit.read,
        ) -> None:  # fmt: skip
            if progress:
                progress(Progress(label, base + min(at, size), total, before + read))

        if resume and committed and source_hash(src, content_hash) in committed:  # none committed: none hashed twice
            summary.skipped.append(src.label)
        else:
            try:
                file_summary = _read_source(src, fmt, unit.sink, chunk_rows, report, on_format)
            except _REJECT as exc:
                unit.sink.discard(src.label)
                why = str(exc) if str(exc).startswith(src.label) else f"{src.label}: {exc}"
                summary.rejected.append((src.label, why))
                if on_format:
                    on_format(src.label, None, fmt is Format.auto)
            else:
                unit.add(file_summary)
        last_member = pos + 1 == len(srcs) or srcs[pos + 1].path != src.path
        if last_member:
            done_before += size
        if unit.files and (unit.read >= unit_rows or pos + 1 == len(srcs)) and last_member:
            unit.close(summary, parquet, dedup_rows)
            unit = _Unit(con, unit.run_id + 1, content_hash)
    if unit.files:
        unit.close(summary, parquet, dedup_rows)
    if summary.rejected and parquet is None:
        rejected = summary.runs[-1] if summary.runs else run_id
        con.executemany(
            "INSERT INTO ingest_rejected VALUES (?, ?, ?)", [[rejected, f, why] for f, why in summary.rejected]
        )
    if parquet is not None:
        summary.rows_in_store = _parquet_rows(parquet)
    else:
        summary.rows_in_store = int(con.execute("SELECT count(*) FROM ingested_events").fetchall()[0][0])
    return summary


LEGACY_HASH_COLUMN = "file_sha256"
"""What ``file_hash`` was called when every file was identified by its SHA-256."""


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [
        str(r[0])
        for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND table_name = ? ORDER BY column_index",
            [table],
        ).fetchall()
    ]


def _rename_legacy_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Give a store written before the content hash changed its column's new name (its values stay
    SHA-256, and the store goes on using SHA-256: ``files.content_hash_for``)."""
    for table in ("ingest_log", "ingest_quarantine"):
        if LEGACY_HASH_COLUMN in _columns(con, table):
            con.execute(f"ALTER TABLE {table} RENAME COLUMN {LEGACY_HASH_COLUMN} TO file_hash")


COMMITTED = "run_id IN (SELECT run_id FROM ingest_log)"
"""The rows readers see: those of committed runs (``ingest_log`` is written when a unit commits)."""


def discard_uncommitted(con: duckdb.DuckDBPyConnection) -> None:
    """Delete rows appended by a unit that never committed (a failed or killed ingest)."""
    con.execute("DELETE FROM ingested_events WHERE run_id >= 0 AND NOT " + COMMITTED)


class _Unit:
    """Files committed together: rows appended, then de-duplicated, quarantine and log written, committed."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: int, content_hash: str):
        self.con = con
        self.run_id = run_id
        self.started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.files: list[FileSummary] = []
        self.read = 0
        self.sink = Sink(con, run_id, content_hash)

    def add(self, f: FileSummary) -> None:
        self.files.append(f)
        self.read += f.rows_read

    def close(self, summary: IngestSummary, parquet: Path | None, dedup_rows: int = PARTITION_ROWS) -> None:
        self.sink.commit()
        self.con.execute("RESET threads")  # the de-duplication and the Parquet files use every core
        try:
            self.con.begin()
            try:
                deduplicate(self.con, self.run_id, self.files, dedup_rows)
                _finish(self.con, self.run_id, self.files, self.started)
                self.con.commit()
            except BaseException:
                self.con.rollback()
                raise
            if parquet is not None:
                _write_parquet(self.con, parquet, self.run_id)
        finally:
            self.con.execute(APPEND_THREADS)
        summary.runs.append(self.run_id)
        for f in self.files:
            summary.files.append(f)
            summary.rows_read += f.rows_read
            summary.rows_quarantined += f.rows_quarantined
            summary.rows_loaded += f.rows_loaded
            summary.rows_duplicate += f.rows_duplicate
        reasons = self.con.execute(
            "SELECT reason, count(*) FROM _qdone GROUP BY reason ORDER BY reason"
        ).fetchall()  # this unit's quarantined lines, newly stored or already stored before
        tally = Counter(summary.quarantine_by_reason)
        tally.update({str(r): int(n) for r, n in reasons})
        summary.quarantine_by_reason = dict(sorted(tally.items()))
        self.con.execute("DROP TABLE IF EXISTS _qdone")


def _finish(con: duckdb.DuckDBPyConnection, run_id: int, files: list[FileSummary], started: dt.datetime) -> None:
    """Insert the quarantine (once per file content and line) and one log row per file."""
    shas = pa.table(
        {"source_file": strings([f.source_file for f in files]), "file_hash": strings([f.file_hash for f in files])}
    )
    con.register("_shas", shas)
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _qdone AS "
            "SELECT q.*, f.file_hash FROM _qstage q JOIN _shas f USING (source_file)"
        )
        con.execute(
            f"""
            INSERT INTO ingest_quarantine
            SELECT {run_id}, q.source_file, q.file_hash, q.line, q.reason, q.detail, q.raw_line
            FROM _qdone q
            WHERE NOT EXISTS (SELECT 1 FROM ingest_quarantine x
                              WHERE x.file_hash = q.file_hash AND x.line = q.line)
            """
        )
    finally:
        con.unregister("_shas")
    finished = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for f in files:
        con.execute(
            "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, started, finished, f.source_file, f.format, f.file_hash, f.rows_read, f.rows_loaded,
             f.rows_quarantined, f.rows_duplicate],
        )  # fmt: skip
    con.execute("DELETE FROM _qstage")


# Parquet output ---------------------------------------------------------------------------------

_PARTS = {"events": "ingested_events", "quarantine": "ingest_quarantine", "ingest_log": "ingest_log"}


def _glob(parquet: Path, part: str) -> str:
    return str(parquet / part / "**" / "*.parquet")


def _attach_parquet_history(con: duckdb.DuckDBPyConnection, parquet: Path) -> None:
    """Load the ids already written (and earlier quarantine and log rows) so de-duplication sees them."""
    if any((parquet / "events").rglob("*.parquet")):
        con.execute(
            "INSERT INTO ingested_events (id, origin, date, year, source_file, line, run_id, key_hash) "
            "SELECT id, origin, DATE '1900-01-01', 0, '', 0, -1, md5_number(id) "
            f"FROM read_parquet('{_glob(parquet, 'events')}', hive_partitioning = true)"
        )
    for part in ("quarantine", "ingest_log"):
        if any((parquet / part).rglob("*.parquet")):
            source = f"read_parquet('{_glob(parquet, part)}', union_by_name = true)"
            found = {str(r[0]) for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
            hashes = ", ".join(c for c in ("file_hash", LEGACY_HASH_COLUMN) if c in found)
            columns = _columns(con, _PARTS[part])
            select = ", ".join(f"coalesce({hashes})" if c == "file_hash" else c for c in columns)
            con.execute(f"INSERT INTO {_PARTS[part]} SELECT {select} FROM {source}")


def _write_parquet(con: duckdb.DuckDBPyConnection, parquet: Path, run_id: int) -> None:
    """Write one unit's rows as new files: events partitioned by origin and year, plus quarantine and log.

    Files are written to a hidden folder first and moved into place at the end, so a
    failed unit leaves no partial file among the dataset's files.
    """
    tmp = parquet / f".run-{run_id}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        # Each open partition buffers rows; flushing them early keeps the partitioned write within the
        # memory limit however many origin-year partitions a unit spans (43 in the benchmark's file).
        con.execute("SET partitioned_write_flush_threshold = 16384")
        con.execute(
            f"COPY (SELECT * EXCLUDE (key_hash) FROM ingested_events WHERE run_id = {run_id}) TO '{tmp / 'events'}' "
            "(FORMAT parquet, PARTITION_BY (origin, year), FILENAME_PATTERN 'part-{i}')"
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
