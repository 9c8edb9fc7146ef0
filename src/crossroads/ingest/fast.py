"""GDELT at Arrow speed: blocks parsed by Arrow, checked in two lanes, appended by DuckDB.

A thread reads the file in blocks of whole lines, lets Arrow convert only the eleven
columns the event schema needs, and checks and harmonises each block with Arrow compute
(:mod:`crossroads.ingest.arrow_checks`); meanwhile the main thread appends the rows that
passed, ``APPEND_ROWS`` at a time in one DuckDB statement. Rows that lane cannot vouch for go to the SQL
checks below: the checks, their order, the reasons and the details of the line reader
(:class:`crossroads.ingest.gdelt.GdeltReader`), written as one statement over those rows
only, with the raw line taken from the block's bytes. Nothing runs per row in Python,
except the rare line long enough to hold an oversized field.

A file Arrow cannot read as it stands (GDELT 1.0 files may mix 57 and 58 columns;
invalid UTF-8; an empty line) makes this path give the file back (``None``), and the line
reader reads it instead, so every malformation is still quarantined with its line number.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from crossroads.ingest.arrow_checks import GOOD_COLUMNS, check_block
from crossroads.ingest.arrow_values import booleans, numbers, strings, to_numpy
from crossroads.ingest.blocks import Block, Unreadable, prefetch, read_blocks
from crossroads.ingest.files import Source, open_lines
from crossroads.ingest.formats import Format, gdelt_columns
from crossroads.ingest.harmonise import CAMEO_REGIONS, cameo_codebook, country_map
from crossroads.ingest.rows import FIRST_YEAR, LAST_YEAR, OVERSIZE_FIELD, oversize_detail, raw_line

if TYPE_CHECKING:
    from crossroads.ingest.load import FileSummary, Sink

NEEDED = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1CountryCode", "Actor2Code", "Actor2CountryCode", "EventCode",
    "GoldsteinScale", "NumMentions", "AvgTone", "ActionGeo_CountryCode",
)  # fmt: skip
"""The GDELT columns the event schema is made from; Arrow converts only these."""

BLOCK_BYTES_PER_ROW = 80
"""A block is ``chunk_rows`` times this many bytes (4 MB, about 13,000 GDELT 2.0 rows, at the default).
Measured: 8 MB blocks (three ahead) saved about 3 % of the CPU at 1 M rows but raised the peak at 10 M rows
by 20-30 MiB (to 1.19 times the 1 M peak), so the blocks stay at 4 MB."""
AHEAD = 6
"""Blocks parsed ahead of the appends (about 7 MB each): enough to ride out the moments one of the two
threads is held up on a shared machine (measured: 10 % faster than 2 at 1 M rows)."""

APPEND_ROWS = 100_000
"""The rows that passed the Arrow checks are appended in one statement per about this many rows (about eight
blocks, 11 MB of Arrow columns). Measured on a million rows: one statement per block spent 0.25 CPU-s more in
DuckDB (parsing, binding and starting each statement, and appending in small pieces) than one per 100,000
rows; larger statements saved little more."""

Checked = tuple[Block, tuple[pa.Table, pa.Array] | None]
"""A block and what the Arrow checks made of it (see :func:`check_block`)."""


def _lookups(con: duckdb.DuckDBPyConnection) -> None:
    """The codebook and the country codes as small tables the SQL checks join to (once per connection)."""
    if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_ing_cameo'").fetchall()[0][0]:
        return
    book = cameo_codebook()
    cm = country_map()
    cameo = pa.table(
        {
            "code": strings(list(book)),
            "root": strings([c.root for c in book.values()]),
            "quad": numbers(np.array([c.quad_class for c in book.values()]), pa.int32()),
            "plover": strings([c.plover for c in book.values()]),
        }
    )
    codes = list(cm.by_cameo) + sorted(CAMEO_REGIONS - set(cm.by_cameo))
    cty = pa.table({"code": strings(codes), "iso": strings([cm.by_cameo.get(c) for c in codes])})
    fips = pa.table({"code": strings(list(cm.by_fips)), "iso": strings(list(cm.by_fips.values()))})
    for name, table in (("_ing_cameo", cameo), ("_ing_cty", cty), ("_ing_fips", fips)):
        con.register("_src", table)
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM _src")
        con.unregister("_src")


def _rep(col: str) -> str:
    """SQL for Python's repr() of a string column (single quotes unless the text holds one)."""
    return f"(CASE WHEN contains({col}, '''') AND NOT contains({col}, '\"') THEN '\"' || {col} || '\"' ELSE '''' || {col} || '''' END)"  # noqa: E501


def _digits(col: str, n: int | None = None) -> str:
    """SQL: the column is non-empty ASCII digits (exactly ``n`` of them)."""
    return f"regexp_full_match({col}, '[0-9]{{{n}}}')" if n else f"regexp_full_match({col}, '[0-9]+')"


def _append_checked(origin: str, run_id: int) -> str:
    """The INSERT of a block's rows that passed the Arrow checks (columns ``GOOD_COLUMNS``)."""
    cols = ", ".join(GOOD_COLUMNS[:-1])
    return f"""
INSERT INTO ingested_events
SELECT _id, '{origin}', {cols}, NULL, $label, line, NULL, {run_id}, md5_number(_id)
FROM (SELECT '{origin}:' || event_id AS _id, * FROM _chunk)"""


def _statements(width: int, origin: str, run_id: int) -> tuple[str, str]:
    """The INSERT of the good suspect rows into ``ingested_events`` and of the bad ones into ``_qstage``:
    the line reader's checks in its order, over the raw strings (``c<i>``), the line and its ``_raw`` text."""
    ix = {name: f"c{i}" for i, name in enumerate(gdelt_columns(width))}
    eid, day, code = ix["GLOBALEVENTID"], ix["SQLDATE"], ix["EventCode"]
    g, t, m = ix["GoldsteinScale"], ix["AvgTone"], ix["NumMentions"]
    a1, a2 = ix["Actor1CountryCode"], ix["Actor2CountryCode"]
    view = f"""
WITH b AS (
    SELECT *, try_strptime({day}, '%Y%m%d')::DATE AS _d, TRY_CAST({g} AS DOUBLE) AS _g,
           TRY_CAST({t} AS DOUBLE) AS _t, '{origin}:' || {eid} AS _id
    FROM _chunk
), v AS (
    SELECT b.*, k.root AS _root, k.quad AS _quad, k.plover AS _plover, k.code AS _code,
           x1.code AS _k1, x1.iso AS _iso1, x2.code AS _k2, x2.iso AS _iso2, fp.iso AS _act,
           CASE
             WHEN NOT {_digits(eid)} THEN 'bad_number'
             WHEN NOT {_digits(day, 8)} THEN 'bad_date'
             WHEN CAST(left({day}, 4) AS INTEGER) NOT BETWEEN {FIRST_YEAR} AND {LAST_YEAR} THEN 'bad_date'
             WHEN _d IS NULL THEN 'bad_date'
             WHEN k.code IS NULL THEN 'bad_code'
             WHEN {m} <> '' AND NOT {_digits(m)} THEN 'bad_number'
             WHEN {a1} <> '' AND x1.code IS NULL THEN 'bad_code'
             WHEN {a2} <> '' AND x2.code IS NULL THEN 'bad_code'
             WHEN {g} <> '' AND _g IS NULL THEN 'bad_number'
             WHEN {t} <> '' AND _t IS NULL THEN 'bad_number'
             WHEN _g IS NOT NULL AND NOT (_g BETWEEN -10 AND 10) THEN 'bad_number'
             WHEN _t IS NOT NULL AND NOT (_t BETWEEN -100 AND 100) THEN 'bad_number'
           END AS _reason
    FROM b
    LEFT JOIN _ing_cameo k ON k.code = b.{code}
    LEFT JOIN _ing_cty x1 ON x1.code = b.{a1}
    LEFT JOIN _ing_cty x2 ON x2.code = b.{a2}
    LEFT JOIN _ing_fips fp ON fp.code = b.{ix["ActionGeo_CountryCode"]}
)"""
    good = f"""{view}
INSERT INTO ingested_events
SELECT _id, '{origin}', {eid}, _d, year(_d), nullif({ix["Actor1Code"]}, ''), _iso1,
       nullif({ix["Actor2Code"]}, ''), _iso2, {code}, _root, _quad, _g, _t,
       TRY_CAST(nullif({m}, '') AS INTEGER), _act, _plover, NULL, $label, line, NULL, {run_id}, md5_number(_id)
FROM v WHERE _reason IS NULL"""
    detail = f"""CASE
      WHEN NOT {_digits(eid)} THEN 'GLOBALEVENTID ' || {_rep(eid)} || ' is not an integer'
      WHEN NOT {_digits(day, 8)} THEN 'date ' || {_rep(day)} || ' is not YYYYMMDD'
      WHEN CAST(left({day}, 4) AS INTEGER) NOT BETWEEN {FIRST_YEAR} AND {LAST_YEAR}
           THEN 'date ' || {_rep(day)} || ' out of range {FIRST_YEAR}-{LAST_YEAR}'
      WHEN _d IS NULL THEN 'date ' || {_rep(day)} || ' is not a calendar date'
      WHEN _code IS NULL THEN 'EventCode ' || {_rep(code)} || ' is not in the CAMEO codebook'
      WHEN {m} <> '' AND NOT {_digits(m)} THEN 'NumMentions ' || {_rep(m)} || ' is not an integer'
      WHEN {a1} <> '' AND _k1 IS NULL THEN 'Actor1CountryCode ' || {_rep(a1)} || ' is not a CAMEO country or region code'
      WHEN {a2} <> '' AND _k2 IS NULL THEN 'Actor2CountryCode ' || {_rep(a2)} || ' is not a CAMEO country or region code'
      WHEN {g} <> '' AND _g IS NULL THEN 'GoldsteinScale ' || {_rep(g)} || ' is not a number'
      WHEN {t} <> '' AND _t IS NULL THEN 'AvgTone ' || {_rep(t)} || ' is not a number'
      WHEN NOT (_g BETWEEN -10 AND 10) THEN 'GoldsteinScale ' || {_rep(g)} || ' is outside -10..10'
      ELSE 'AvgTone ' || {_rep(t)} || ' is outside -100..100'
    END"""  # noqa: E501
    bad = f"""{view}
INSERT INTO _qstage
SELECT $label, line, _reason, {detail}, _raw
FROM v WHERE _reason IS NOT NULL"""
    return good, bad


def _checked(blocks: Iterator[Block], ix: dict[str, str]) -> Iterator[Checked]:
    """Each block with its Arrow-checked rows (run in the reader thread, beside the DuckDB appends)."""
    for block in blocks:
        yield block, check_block(block.table, ix, block.lines())


def _oversize(block: Block, label: str, sink: Sink) -> np.ndarray:
    """Quarantine the block's rows with a field over the limit (only long lines can have one, so few
    rows are looked at, in Python); their positions."""
    found = []
    for row in block.long_rows:
        data = block.raw(int(row))
        detail = oversize_detail(data.decode("utf-8").rstrip("\r").split("\t"))
        if detail:
            sink.bad.append((label, block.first_line + int(row), OVERSIZE_FIELD, detail, raw_line(data)))
            found.append(int(row))
    return np.array(found, dtype=np.int64)


class _Passed:
    """The rows that passed the Arrow checks, gathered over blocks and appended ``APPEND_ROWS`` at a time."""

    def __init__(self, sink: Sink, sql: str, label: str):
        self.sink, self.sql, self.label = sink, sql, label
        self.tables: list[pa.Table] = []
        self.rows = 0

    def add(self, table: pa.Table) -> None:
        self.tables.append(table)
        self.rows += table.num_rows
        if self.rows >= APPEND_ROWS:
            self.append()

    def append(self) -> None:
        if self.tables:
            self.sink.append(self.sql, pa.concat_tables(self.tables), {"label": self.label})
            self.tables, self.rows = [], 0


def _load_block(block: Block, checked: tuple[pa.Table, pa.Array] | None, label: str, sink: Sink,
                sql: tuple[str, str], passed: _Passed) -> int:  # fmt: skip
    """Load one block: the rows the Arrow checks passed go to ``passed``, the others through the SQL checks;
    the number of rows quarantined."""
    good_sql, bad_sql = sql
    n = block.num_rows
    over = _oversize(block, label, sink) if len(block.long_rows) else np.empty(0, np.int64)
    if over.size:
        sink.flush()
    if checked is None:
        ok = np.zeros(n, dtype=bool)
    else:
        good, mask = checked
        ok = to_numpy(mask)
        if over.size:
            ok[over] = False
        if ok.all():
            passed.add(good)
        elif ok.any():
            passed.add(good.filter(booleans(ok)))
    suspect = ~ok
    suspect[over] = False
    rows = np.flatnonzero(suspect)
    if not rows.size:
        return int(over.size)
    at = numbers(rows, pa.int64())
    table = block.table.take(at).append_column("line", pc.take(block.lines(), at))
    table = table.append_column("_raw", strings([raw_line(block.raw(int(r))) for r in rows]))
    loaded = sink.append(good_sql, table, {"label": label})
    if loaded < rows.size:
        sink.append(bad_sql, table, {"label": label})
    return int(over.size) + int(rows.size) - loaded


def gdelt_fast(
    src: Source,
    fmt: Format,
    first: bytes,
    sink: Sink,
    chunk_rows: int,
    report: Callable[[int, int], None],
) -> FileSummary | None:
    """Ingest one GDELT file through Arrow; None if the file is not clean enough for it (see module doc)."""
    from crossroads.ingest.load import FileSummary

    width = len(first.decode("utf-8", "replace").rstrip("\r\n").split("\t"))
    if width not in ((57, 58) if fmt is Format.gdelt1 else (61,)):
        return None
    _lookups(sink.con)
    position = {name: i for i, name in enumerate(gdelt_columns(width))}
    columns = sorted(position[name] for name in NEEDED)
    ix = {name: f"c{position[name]}" for name in NEEDED}
    sql = _statements(width, fmt.value, sink.run_id)
    label = src.label
    passed = _Passed(sink, _append_checked(fmt.value, sink.run_id), label)
    read = quarantined = 0
    with open_lines(src, sink.content_hash) as (stream, raw, digest):
        blocks = read_blocks(stream, raw.tell, width, columns, max(1 << 16, chunk_rows * BLOCK_BYTES_PER_ROW))
        try:
            with contextlib.closing(prefetch(_checked(blocks, ix), AHEAD)) as ahead:  # stopped before the file closes
                for block, checked in ahead:
                    quarantined += _load_block(block, checked, label, sink, sql, passed)
                    read += block.num_rows
                    report(block.position, read)
        except Unreadable:
            return None  # another width, invalid UTF-8, an empty line: the line reader names each bad line
        passed.append()
        stream.read()  # the rest (nothing) through the hash
    return FileSummary(label, fmt.value, digest.hexdigest(), rows_read=read, rows_quarantined=quarantined)
