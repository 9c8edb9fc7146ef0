"""GDELT at Arrow speed: parse in Arrow blocks, check and harmonise each block with one DuckDB statement.

The checks, their order, the reasons and the details are those of the line reader
(:class:`crossroads.ingest.gdelt.GdeltReader`), written as vectorised SQL over a whole
block: nothing runs per row in Python. Arrow reads only clean files: a row of another
width (GDELT 1.0 files may mix 57 and 58 columns), invalid UTF-8 or an empty line makes
this path give the file back (``None``), and the line reader reads it instead, so every
malformation is still quarantined with its line number and reason.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from queue import Empty, Queue
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]

from crossroads.ingest.files import Source, open_lines
from crossroads.ingest.formats import Format, gdelt_columns
from crossroads.ingest.harmonise import CAMEO_REGIONS, cameo_codebook, country_map
from crossroads.ingest.rows import FIRST_YEAR, LAST_YEAR, MAX_FIELD

if TYPE_CHECKING:
    from crossroads.ingest.load import FileSummary, Sink

MAX_RAW = 8192


def _lookups(con: duckdb.DuckDBPyConnection) -> None:
    """The codebook and the country codes as small tables the block statements join to (once per connection)."""
    if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_ing_cameo'").fetchall()[0][0]:
        return
    book = cameo_codebook()
    cm = country_map()
    cameo = pa.table(
        {
            "code": list(book),
            "root": [c.root for c in book.values()],
            "quad": pa.array([c.quad_class for c in book.values()], pa.int32()),
            "plover": [c.plover for c in book.values()],
        }
    )
    codes = list(cm.by_cameo) + sorted(CAMEO_REGIONS - set(cm.by_cameo))
    cty = pa.table({"code": codes, "iso": [cm.by_cameo.get(c) for c in codes]})
    fips = pa.table({"code": list(cm.by_fips), "iso": list(cm.by_fips.values())})
    for name, table in (("_ing_cameo", cameo), ("_ing_cty", cty), ("_ing_fips", fips)):
        con.register("_src", table)
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM _src")
        con.unregister("_src")


def _rep(col: str) -> str:
    """SQL for Python's repr() of a string column (single quotes unless the text holds one)."""
    return f"(CASE WHEN contains({col}, '''') AND NOT contains({col}, '\"') THEN '\"' || {col} || '\"' ELSE '''' || {col} || '''' END)"  # noqa: E501


def _digits(col: str, n: int | None = None) -> str:
    """SQL: the column is non-empty ASCII digits (of length ``n``); cheaper than a regular expression."""
    size = f"length({col}) = {n}" if n else f"{col} <> ''"
    return f"({size} AND ltrim({col}, '0123456789') = '')"


def _statements(width: int, origin: str, run_id: int, long_fields: bool) -> tuple[str, str]:
    """The INSERT of good rows into ``ingested_events`` and of bad rows into ``_qstage``, for one block.

    ``long_fields``: some field of the block is over the limit in bytes, so check each row's fields."""
    ix = {name: f"c{i}" for i, name in enumerate(gdelt_columns(width))}
    cols = [f"c{i}" for i in range(width)]
    eid, day, code = ix["GLOBALEVENTID"], ix["SQLDATE"], ix["EventCode"]
    g, t, m = ix["GoldsteinScale"], ix["AvgTone"], ix["NumMentions"]
    a1, a2 = ix["Actor1CountryCode"], ix["Actor2CountryCode"]
    oversize = f"greatest({', '.join(f'length({c})' for c in cols)}) > {MAX_FIELD}" if long_fields else "false"
    view = f"""
WITH b AS (
    SELECT *, try_strptime({day}, '%Y%m%d')::DATE AS _d, TRY_CAST({g} AS DOUBLE) AS _g,
           TRY_CAST({t} AS DOUBLE) AS _t, '{origin}:' || {eid} AS _id
    FROM _chunk
), v AS (
    SELECT b.*, k.root AS _root, k.quad AS _quad, k.plover AS _plover, k.code AS _code,
           x1.code AS _k1, x1.iso AS _iso1, x2.code AS _k2, x2.iso AS _iso2, fp.iso AS _act,
           CASE
             WHEN {oversize} THEN 'oversize_field'
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
    lens = "[" + ", ".join(f"length({c})" for c in cols) + "]"
    detail = f"""CASE
      WHEN _reason = 'oversize_field' THEN 'field ' || list_position({lens}, list_max({lens})) || ' has '
           || list_max({lens}) || ' characters (limit {MAX_FIELD})'
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
SELECT $label, line, _reason, {detail}, left(concat_ws(chr(9), {", ".join(cols)}), {MAX_RAW})
FROM v WHERE _reason IS NOT NULL"""
    return good, bad


def _prefetch(reader: Any) -> Iterator[Any]:
    """The reader's batches, parsed one ahead in a thread, so Arrow parses while DuckDB inserts."""
    queue: Queue[Any] = Queue(maxsize=2)
    done = object()

    def work() -> None:
        try:
            for batch in reader:
                queue.put(batch)
            queue.put(done)
        except BaseException as exc:  # handed to the consumer, which re-raises it
            queue.put(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        while (item := queue.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        while thread.is_alive():  # drain so the thread can finish if the consumer stopped early
            with contextlib.suppress(Empty):
                queue.get(timeout=0.05)
        thread.join()


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
    plain = _statements(width, fmt.value, sink.run_id, long_fields=False)
    checked = _statements(width, fmt.value, sink.run_id, long_fields=True)
    names = [f"c{i}" for i in range(width)]
    read_opts = pacsv.ReadOptions(column_names=names, block_size=max(1 << 16, chunk_rows * 80), use_threads=True)
    parse_opts = pacsv.ParseOptions(
        delimiter="\t", quote_char=False, double_quote=False, escape_char=False, newlines_in_values=False,
        ignore_empty_lines=False,
    )  # fmt: skip
    convert_opts = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False, quoted_strings_can_be_null=False
    )
    label = src.label
    read = quarantined = 0
    with open_lines(src) as (stream, raw, digest):
        try:
            reader = pacsv.open_csv(
                stream, read_options=read_opts, parse_options=parse_opts, convert_options=convert_opts
            )
            for batch in _prefetch(reader):
                n = batch.num_rows
                if not n:
                    continue
                block = pa.Table.from_batches([batch]).append_column(
                    "line", pa.array(np.arange(read + 1, read + n + 1, dtype=np.int64))
                )
                # a field can only be over the limit in characters if some field is over it in bytes
                longest = max(pc.max(pc.binary_length(col)).as_py() or 0 for col in batch.columns)
                good_sql, bad_sql = checked if longest > MAX_FIELD else plain
                loaded = sink.append(good_sql, block, {"label": label})
                if loaded < n:
                    sink.append(bad_sql, block, {"label": label})
                quarantined += n - loaded
                read += n
                report(raw.tell(), read)
        except pa.ArrowInvalid:
            return None  # another width, invalid UTF-8, an empty line: the line reader names each bad line
        stream.read()  # the rest (nothing) through the hash
    return FileSummary(label, fmt.value, digest.hexdigest(), rows_read=read, rows_quarantined=quarantined)
