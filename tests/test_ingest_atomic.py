"""An ingest commits in units of whole files: a failure midway leaves the ingest store as it was, a
kill leaves what readers see as it was (its orphaned rows go at the next ingest), and
`crossroads build` (which rewrites the store) never touches the ingested tables."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from crossroads.ingest import synth
from crossroads.ingest.load import COMMITTED, Progress, ingest
from crossroads.store.build import build_store
from crossroads.store.schema import ingest_db_path
from crossroads.store.store import Store

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"


def dump(db: Path, committed_only: bool = False) -> dict[str, list[tuple[object, ...]]]:
    """Every table; with ``committed_only`` the ingested rows readers see (those of committed runs)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        where = {"ingested_events": f" WHERE {COMMITTED}"} if committed_only else {}
        return {t: con.execute(f"SELECT * FROM {t}{where.get(t, '')} ORDER BY ALL").fetchall() for t in tables}
    finally:
        con.close()


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """An ingest store holding one earlier run."""
    db = tmp_path / "s.ingest.duckdb"
    ingest([FIX / "icews_constructed.tab"], db=db)
    return db


def test_failure_while_reading_leaves_the_store_unchanged(seeded: Path, tmp_path: Path) -> None:
    before = dump(seeded)
    big = synth.write(tmp_path / "big.export.CSV", 5_000, seed=5)
    seen: list[int] = []

    def stop(p: Progress) -> None:
        seen.append(p.rows_read)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([FIX / "gdelt2_synth.export.CSV", big], db=seeded, chunk_rows=1_000, progress=stop)
    assert seen[-1] > 0, "rows had been staged when the failure hit"
    assert dump(seeded) == before


def test_failure_while_committing_leaves_the_store_unchanged(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dump(seeded)
    import crossroads.ingest.load as load

    real = load._finish

    def finish_then_fail(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        raise OSError("disk full (injected)")

    monkeypatch.setattr(load, "_finish", finish_then_fail)
    with pytest.raises(OSError, match="injected"):
        ingest([FIX / "gdelt2_synth.export.CSV"], db=seeded)
    assert dump(seeded) == before


KILLED = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from crossroads.ingest.load import ingest

    def pause(progress):
        print("staged", progress.rows_read, flush=True)
        time.sleep(120)  # the parent kills us here, mid-transaction

    ingest([Path(sys.argv[2])], db=Path(sys.argv[1]), chunk_rows=2_000, progress=pause)
    """
)


def test_killed_ingest_leaves_the_store_unchanged(seeded: Path, tmp_path: Path) -> None:
    before = dump(seeded)
    big = synth.write(tmp_path / "big.export.CSV", 6_000, seed=6)
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(seeded), str(big)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("staged"), line
        assert proc.poll() is None, "the ingest must still be running when it is killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert dump(seeded, committed_only=True) == before, "readers see the store as it was"
    with Store.ingested_only(seeded) as store:
        assert store.count_ingested() == len(before["ingested_events"])
    again = ingest([big], db=seeded)
    assert again.rows_loaded == 6_000, "the store is usable after the kill"
    assert len(dump(seeded)["ingested_events"]) == len(before["ingested_events"]) + 6_000, "orphans removed"


def test_ingested_tables_survive_a_store_rebuild(mini_data: Path, tmp_path: Path) -> None:
    store = tmp_path / "crossroads.duckdb"
    build_store(store, mini_data)
    target = ingest_db_path(store)
    summary = ingest([FIX / "gdelt2_synth.export.CSV"], db=target)
    build_store(store, mini_data)
    assert target.name == "crossroads.ingest.duckdb" and target.parent == store.parent
    assert dump(target)["ingested_events"].__len__() == summary.rows_loaded == 300
    with Store(store) as s:
        names = {
            r[0]
            for r in s.cursor()
            .execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()")
            .fetchall()
        }
    assert not names & {"ingested_events", "ingest_quarantine", "ingest_log"}, "the store stays curated-only"
