"""A collection of many 15-minute files is one call with one progress bar; a run stopped midway resumes
with ``resume`` and skips the files already committed; the counts always add up."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
import xxhash
from typer.testing import CliRunner

from crossroads.cli.app import app as cli
from crossroads.ingest import synth
from crossroads.ingest.load import Progress, ingest
from crossroads.store.schema import ingest_db_path
from crossroads.store.store import Store

FILES, ROWS = 40, 150
runner = CliRunner()


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many") / "gdelt"
    synth.write_many(folder, FILES, ROWS, seed=11)
    return folder


def adds_up(s: object) -> bool:
    c = s.counts()  # type: ignore[attr-defined]
    return bool(c["rows_read"] == c["rows_loaded"] + c["rows_quarantined"] + c["rows_duplicate"])


def test_synthetic_collection_looks_like_fifteen_minute_files(collection: Path) -> None:
    names = sorted(p.name for p in collection.iterdir())
    assert len(names) == FILES and names[0] == "20150218000000.export.CSV" and names[1] == "20150218001500.export.CSV"
    assert all(len(p.read_text().splitlines()) == ROWS for p in collection.iterdir())


def test_many_files_in_one_call_with_one_progress_total(collection: Path, tmp_path: Path) -> None:
    seen: list[Progress] = []
    s = ingest([collection], db=tmp_path / "i.duckdb", progress=seen.append, unit_rows=1_000)
    assert (s.rows_read, s.rows_loaded) == (FILES * ROWS, FILES * ROWS) and adds_up(s)
    assert len({p.bytes_total for p in seen}) == 1, "one bar: the total is every file's bytes"
    assert [p.bytes_done for p in seen] == sorted(p.bytes_done for p in seen) and seen[-1].bytes_done == seen[
        -1
    ].bytes_total
    assert len(s.runs) > 1, "committed in several units"


def test_a_stopped_run_resumes_and_skips_committed_files(collection: Path, tmp_path: Path) -> None:
    db = tmp_path / "i.duckdb"
    files_done: set[str] = set()

    def stop_midway(p: Progress) -> None:
        files_done.add(p.label)
        if len(files_done) > FILES // 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([collection], db=db, progress=stop_midway, unit_rows=5 * ROWS)
    con = duckdb.connect(str(db), read_only=True)
    committed = con.execute("SELECT count(*) FROM ingest_log").fetchall()[0][0]
    con.close()
    assert 0 < committed < FILES, "whole units committed before the stop, the unit in progress not"
    resumed = ingest([collection], db=db, resume=True, unit_rows=5 * ROWS)
    assert len(resumed.skipped) == committed and len(resumed.files) == FILES - committed
    assert resumed.rows_duplicate == 0 and adds_up(resumed)
    with Store.ingested_only(db) as store:
        assert store.count_ingested() == FILES * ROWS
    again = ingest([collection], db=db, resume=True)
    assert again.rows_read == 0 and len(again.skipped) == FILES


def test_cli_summary_ends_with_quarantine_counts_and_the_listing_command(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    synth.write_many(folder, 2, 20, seed=3)
    bad = folder / "20150219000000.export.CSV"
    bad.write_text(synth.line(GLOBALEVENTID="7", SQLDATE="20150230", EventCode="042") + "\n")
    store = tmp_path / "crossroads.duckdb"
    result = runner.invoke(cli, ["ingest", str(folder), "--db", str(store)])
    assert result.exit_code == 0, result.output
    text = "".join(result.output.split())  # the console wraps long lines
    assert "quarantinedbyreason:bad_date1" in text and text.endswith(f"crossroadsingest--quarantine--db{store}")
    listing = runner.invoke(cli, ["ingest", "--quarantine", "--db", str(store), "--json"])
    assert listing.exit_code == 0 and '"reason":"bad_date"' in listing.output
    assert ingest_db_path(store).exists()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_files_are_logged_by_their_xxh3_128_content_hash(collection: Path, tmp_path: Path) -> None:
    first = sorted(collection.iterdir())[0]
    ingest([first], db=tmp_path / "i.duckdb")
    con = duckdb.connect(str(tmp_path / "i.duckdb"), read_only=True)
    logged = con.execute("SELECT file_hash FROM ingest_log").fetchall()
    con.close()
    assert logged == [(xxhash.xxh3_128(first.read_bytes()).hexdigest(),)]


def test_a_store_begun_with_sha256_goes_on_recognising_its_files(collection: Path, tmp_path: Path) -> None:
    # a store as the version before the content hash changed left it: column file_sha256, SHA-256 values
    db = tmp_path / "i.duckdb"
    files = sorted(collection.iterdir())
    bad = tmp_path / "bad" / "20150301000000.export.CSV"
    bad.parent.mkdir()
    bad.write_text(synth.line(GLOBALEVENTID="9", SQLDATE="20150230", EventCode="042") + "\n")
    ingest([files[0], bad], db=db)
    con = duckdb.connect(str(db))
    for table in ("ingest_log", "ingest_quarantine"):
        con.execute(f"ALTER TABLE {table} RENAME COLUMN file_hash TO file_sha256")
        for path in (files[0], bad):
            con.execute(f"UPDATE {table} SET file_sha256 = ? WHERE source_file = ?", [_sha256(path), str(path)])
    con.close()
    resumed = ingest([files[0], files[1], bad], db=db, resume=True)
    assert resumed.skipped == [str(files[0]), str(bad)] and resumed.rows_read == ROWS
    again = ingest([bad], db=db)  # its bad line is stored once per content, whichever hash named it
    assert again.rows_quarantined == 1
    con = duckdb.connect(str(db), read_only=True)
    logged = dict(con.execute("SELECT source_file, file_hash FROM ingest_log").fetchall())
    quarantined = con.execute("SELECT file_hash FROM ingest_quarantine").fetchall()
    con.close()
    assert logged == {str(p): _sha256(p) for p in (files[0], files[1], bad)}, "the store keeps SHA-256"
    assert quarantined == [(_sha256(bad),)]


def test_a_parquet_folder_begun_with_sha256_goes_on_recognising_its_files(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    files = sorted(collection.iterdir())
    ingest([files[0]], parquet=out)
    (log,) = (out / "ingest_log").glob("*.parquet")
    con = duckdb.connect()
    old = tmp_path / "old.parquet"
    con.execute(
        f"COPY (SELECT * EXCLUDE (file_hash), ? AS file_sha256 FROM read_parquet('{log}')) TO '{old}' (FORMAT parquet)",
        [_sha256(files[0])],
    )
    con.close()
    old.replace(log)
    resumed = ingest([files[0], files[1]], parquet=out, resume=True)
    assert resumed.skipped == [str(files[0])] and resumed.rows_read == ROWS and resumed.rows_in_store == 2 * ROWS
    con = duckdb.connect()
    hashes = con.execute(
        f"SELECT coalesce(file_hash, file_sha256) FROM read_parquet('{out}/ingest_log/*.parquet', union_by_name = true)"
    ).fetchall()
    con.close()
    assert sorted(h for (h,) in hashes) == sorted(_sha256(p) for p in files[:2])
