"""De-duplication of one commit unit, with memory that depends neither on the store nor on the unit.

A unit's rows are appended first and de-duplicated at its end, inside the unit's transaction:
a row goes when its id is already stored, or when an earlier row of the unit (in input order:
file, then line) has the same id. Both tests are hash operations keyed on the unit's keys
(``key_hash``, a 128-bit hash of the id): an anti-join against the stored keys and a
"first occurrence" among the keys that repeat.

Done as one statement that staged the rows to delete in a temporary table and then deleted them,
a unit of millions of rows already stored ran out of DuckDB's 128 MB (re-ingesting a stored 10 M-row
file; a 5 M-row file half stored into a 10 M-row store). Measured, three things held the memory: a
temporary table written inside a transaction stays in memory until the commit (58 MB per million
duplicates); a DELETE's working memory grows with the rows it deletes at once; and a deletion's
bookkeeping stays in the buffer pool until the next checkpoint (16 KB per 2,048-row vector with a
deleted row: 87 MB once a 10 M-row unit has duplicates everywhere), leaving what comes after it too
little. So: nothing is staged in DuckDB; every duplicate is found first, slice by slice of the key
space, and only then deleted, in batches of consecutive rowids. The key hash is uniform, so equal
ranges of it cut the unit into slices of about ``partition_rows`` rows; every occurrence of a key
falls in the same slice, so the result is that of one pass, and a slice's hash tables hold only its
own keys, whatever the store holds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any, Protocol

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]

from crossroads.ingest.arrow_values import numbers, strings, to_numpy

PARTITION_ROWS = 5_000_000
"""About this many of a unit's rows are searched at a time. Each slice scans the unit and the store once
(measured on a 10 M-row unit into an empty store: 2.1-2.5 CPU-s in one slice, 2.3-2.5 in two, 3.2 in
four, 3.4-3.6 in ten), so
a unit of whole small files (``load.UNIT_ROWS``) is one slice; a slice's hash tables spill to disk past
the memory limit (a 10 M-row unit of stored rows passes at 128 MB even in one slice)."""

DELETE_ROWS = 200_000
"""The rows found are deleted this many at a time, in ``rowid`` order, so that each DELETE joins a
bounded set of rowids and touches only the vectors it deletes from (measured: a DELETE of 500,000
rows spread over a 10 M-row unit, with its search in the same statement, exceeded 128 MB)."""

KEY_SPACE = 1 << 128
"""``key_hash`` is ``md5_number(id)``: a UHUGEINT spread evenly over [0, 2**128)."""


_NONE = np.empty(0, np.int64)


class UnitFile(Protocol):
    """What the de-duplication reads and sets on each of a unit's files."""

    source_file: str
    rows_read: int
    rows_quarantined: int
    rows_duplicate: int
    rows_loaded: int


def slices(rows: int, partition_rows: int = PARTITION_ROWS) -> list[str]:
    """SQL conditions on ``key_hash`` that cut the key space into equal ranges of about
    ``partition_rows`` of ``rows`` keys each ("TRUE" when one slice holds them all). Ranges, not a
    modulus: a comparison on the column is evaluated inside the scan, a modulus of a 128-bit value
    costs about ten times more per row (measured) and is evaluated once per slice on every row."""
    count = max(1, -(-rows // max(1, partition_rows)))
    if count == 1:
        return ["TRUE"]
    bounds = [k * KEY_SPACE // count for k in range(count + 1)]
    conds = []
    for k in range(count):
        low = f"key_hash >= {bounds[k]}::UHUGEINT" if k else ""
        high = f"key_hash < {bounds[k + 1]}::UHUGEINT" if k + 1 < count else ""
        conds.append(" AND ".join(c for c in (low, high) if c))
    return conds


def _duplicates_sql(run_id: int, cond: str) -> str:
    """The ``rowid`` of this slice's rows to delete: those whose key is stored, and repeats after the first.

    The file order is joined only to the keys that repeat; the hash table of ``old`` holds this
    slice's keys, never the store's (measured: a correlated test per row 4x slower at 10 M; the file
    order joined to every row, 20-30 % slower at 1 M). Nothing is staged in a table: a temporary
    table created inside the unit's transaction stays in memory until the commit (measured: 58 MB per
    million duplicates, which is what exhausted the memory limit before)."""
    return f"""
        WITH run AS (
            SELECT key_hash, source_file, line, rowid AS rid FROM ingested_events WHERE run_id = {run_id} AND {cond}
        ), multi AS (
            SELECT key_hash FROM run GROUP BY key_hash HAVING count(*) > 1
        ), rep AS (
            SELECT r.key_hash, r.rid, f.pos::BIGINT * 1099511627776 + r.line AS seq
            FROM run r JOIN _files f USING (source_file) WHERE r.key_hash IN (SELECT key_hash FROM multi)
        ), old AS (
            SELECT DISTINCT o.key_hash FROM ingested_events o
            WHERE o.run_id <> {run_id} AND {cond} AND o.key_hash IN (SELECT key_hash FROM run)
        )
        SELECT rid FROM run WHERE key_hash IN (SELECT key_hash FROM old)
        UNION ALL
        SELECT rid FROM (SELECT *, min(seq) OVER (PARTITION BY key_hash) AS first FROM rep) WHERE seq <> first
        """


def deduplicate(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    files: Sequence[UnitFile],
    partition_rows: int = PARTITION_ROWS,
    delete_rows: int = DELETE_ROWS,
) -> None:
    """Delete the unit's rows whose id is already stored, or seen earlier in the unit (the first
    occurrence in input order stays), then count what each file keeps.

    First every slice of the key space is searched (its hash tables hold only that slice's keys)
    and the ``rowid`` of each row to delete is kept, sorted; then they are deleted in batches of
    ``delete_rows`` consecutive ones. Searching before deleting matters: DuckDB keeps a deletion's
    bookkeeping in its buffer pool until the next checkpoint (measured: 87 MB once a 10 M-row unit has
    duplicates in every vector, about 16 KB per 2,048-row vector), which leaves
    the searches that would follow too little memory. Runs inside the caller's transaction: a
    failure anywhere rolls back every deletion."""
    order = pa.table(
        {"source_file": strings([f.source_file for f in files]), "pos": numbers(np.arange(len(files)), pa.int64())}
    )
    appended = sum(f.rows_read - f.rows_quarantined for f in files)
    found: list[npt.NDArray[Any]] = []
    con.register("_files", order)
    try:
        for cond in slices(appended, partition_rows):
            rows = con.sql(f"SELECT rid FROM ({_duplicates_sql(run_id, cond)})").to_arrow_table()
            found.append(np.concatenate([to_numpy(chunk) for chunk in rows.column("rid").chunks] or [_NONE]))
            del rows  # the copy above owns the values: 8 bytes per duplicate, not twice that
    finally:
        with contextlib.suppress(duckdb.TransactionException):  # an aborted transaction: keep its own error
            con.unregister("_files")
    rids = found[0] if len(found) == 1 else np.concatenate(found or [_NONE])  # one slice: no second copy
    del found
    rids.sort()  # in place
    for start in range(0, len(rids), delete_rows):
        batch = rids[start : start + delete_rows]
        con.register("_rids", pa.table({"rid": numbers(batch, pa.int64())}))
        try:
            con.execute(
                f"DELETE FROM ingested_events WHERE run_id = {run_id} AND rowid BETWEEN {batch[0]} AND {batch[-1]} "
                "AND rowid IN (SELECT rid FROM _rids)"
            )
        finally:
            with contextlib.suppress(duckdb.TransactionException):
                con.unregister("_rids")
    kept: dict[str, int] = {}
    if len(rids):  # else every row appended stays (no scan of the unit for nothing)
        kept = {
            str(name): int(n)
            for name, n in con.execute(
                f"SELECT source_file, count(*) FROM ingested_events WHERE run_id = {run_id} GROUP BY source_file"
            ).fetchall()
        }
    for f in files:
        f.rows_loaded = kept.get(f.source_file, 0) if len(rids) else f.rows_read - f.rows_quarantined
        f.rows_duplicate = f.rows_read - f.rows_quarantined - f.rows_loaded


__all__ = ["DELETE_ROWS", "PARTITION_ROWS", "deduplicate", "slices"]
