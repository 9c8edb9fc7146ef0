"""De-duplication of a commit unit whose rows are mostly stored already, within DuckDB's memory limit.

At 128 MB a unit of millions of stored rows used to exhaust the limit (a stored 10 M-row file
ingested again). The same path is exercised here at a few hundred thousand rows by lowering the
limit to 32 MB (and the slices with it), where the earlier code failed the same way; and slicing the key space must give
exactly the result of one pass.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from crossroads.ingest import synth
from crossroads.ingest.dedup import slices
from crossroads.ingest.load import IngestSummary, ingest

ROWS = 300_000
LOW_MEMORY = "32MB"
"""A quarter of the default limit: a unit of ROWS stored rows failed there before, as ten million did at 128 MB."""
SLICE_ROWS = 100_000
"""The unit is de-duplicated in slices of about this many rows, as ten million rows are in slices at 128 MB."""
REPEATS = 500
NEW_ID = 10**9


def adds_up(s: IngestSummary) -> bool:
    per_file = all(f.rows_read == f.rows_loaded + f.rows_quarantined + f.rows_duplicate for f in s.files)
    return per_file and s.rows_read == s.rows_loaded + s.rows_quarantined + s.rows_duplicate


def stored(db: Path) -> list[tuple[str, str, int]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [(str(i), str(f), int(n)) for i, f, n in con.execute(
            "SELECT id, source_file, line FROM ingested_events ORDER BY id"
        ).fetchall()]  # fmt: skip
    finally:
        con.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dedup")
    base = synth.write(folder / "base.export.CSV", 20_000, seed=11)
    return synth.tile(base, ROWS, folder / "big.export.CSV")


def half_stored(big: Path, out: Path) -> Path:
    """Every other row of ``big`` as it is (stored), the others with new ids, then the first
    ``REPEATS`` new rows again (repeats inside the unit: the first occurrence stays)."""
    new: list[bytes] = []
    with big.open("rb") as src, out.open("wb") as dst:
        for k, line in enumerate(src):
            if k % 2:
                tab = line.index(b"\t")
                line = b"%d%s" % (int(line[:tab]) + NEW_ID, line[tab:])
                new.append(line)
            dst.write(line)
        dst.writelines(new[:REPEATS])
    return out


def test_reingesting_a_large_stored_file_fits_a_small_memory_limit(big: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.ingest.duckdb"
    ingest([big], db=db, memory_limit=LOW_MEMORY, dedup_rows=SLICE_ROWS)
    before = stored(db)
    again = ingest([big], db=db, memory_limit=LOW_MEMORY, dedup_rows=SLICE_ROWS)
    assert (again.rows_loaded, again.rows_duplicate, again.rows_in_store) == (0, ROWS, ROWS)
    assert adds_up(again)
    assert stored(db) == before


def test_a_half_stored_file_keeps_its_new_rows_and_first_occurrences_within_a_small_memory_limit(
    big: Path, tmp_path: Path
) -> None:
    db = tmp_path / "s.ingest.duckdb"
    ingest([big], db=db, memory_limit=LOW_MEMORY, dedup_rows=SLICE_ROWS)
    mixed = half_stored(big, tmp_path / "mixed.export.CSV")
    s = ingest([mixed], db=db, memory_limit=LOW_MEMORY, dedup_rows=SLICE_ROWS)
    assert (s.rows_read, s.rows_loaded, s.rows_duplicate) == (ROWS + REPEATS, ROWS // 2, ROWS // 2 + REPEATS)
    assert adds_up(s) and s.rows_in_store == ROWS + ROWS // 2
    rows = stored(db)
    assert len({i for i, _, _ in rows}) == len(rows), "every id once"
    new = [line for _, f, line in rows if f.endswith("mixed.export.CSV")]
    assert len(new) == ROWS // 2 and max(new) <= ROWS, "the repeats at the end were dropped, the first rows kept"


def test_slicing_the_key_space_gives_the_result_of_one_pass(tmp_path: Path) -> None:
    a = synth.write(tmp_path / "a.export.CSV", 3_000, seed=21)
    b = tmp_path / "b.export.CSV"
    b.write_bytes(a.read_bytes()[: a.read_bytes().index(b"\n", 40_000) + 1] + synth.write(
        tmp_path / "c.export.CSV", 2_000, seed=22).read_bytes())  # fmt: skip
    results = []
    for rows in (1_000_000, 700):  # one slice; eight slices
        db = tmp_path / f"s{rows}.ingest.duckdb"
        ingest([a], db=db)
        s = ingest([a, b], db=db, dedup_rows=rows)
        results.append(((s.rows_read, s.rows_loaded, s.rows_duplicate), stored(db)))
        assert adds_up(s)
    assert results[0] == results[1]
    assert results[0][0][2] > 3_000, "stored rows and repeats inside the unit were both found"


def test_key_slices_cover_the_key_space_without_overlap() -> None:
    assert slices(10, 100) == ["TRUE"]
    conds = slices(1_000, 250)
    assert len(conds) == 4
    assert conds[0].startswith("key_hash < ") and conds[-1].startswith("key_hash >= ")
    bounds = [c.split(" AND ") for c in conds[1:-1]]
    assert all(lo.startswith("key_hash >= ") and hi.startswith("key_hash < ") for lo, hi in bounds)
    uppers = [c.split("key_hash < ")[1] for c in conds[:-1]]
    lowers = [c.split("key_hash >= ")[1].split(" AND")[0] for c in conds[1:]]
    assert uppers == lowers, "each slice starts where the one before ends"
