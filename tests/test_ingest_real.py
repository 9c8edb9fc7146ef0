"""Ingestion of the real GDELT and ICEWS samples in ../shared/data/events (skipped where absent)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from crossroads.ingest.formats import Format, detect
from crossroads.ingest.load import ingest
from crossroads.store.store import Store
from tests.conftest import RAW, needs_shared

EVENTS = RAW / "events"
GDELT2 = EVENTS / "gdelt" / "20150218230000.export.CSV"
GDELT1 = EVENTS / "gdelt" / "gdelt1_events_sample_1982_20160728.csv"
ICEWS = EVENTS / "icews" / "events.2018.sample.tab"

pytestmark = [needs_shared, pytest.mark.shared]


@pytest.mark.parametrize(("path", "fmt"), [(GDELT2, Format.gdelt2), (GDELT1, Format.gdelt1), (ICEWS, Format.icews)])
def test_real_samples_are_recognised(path: Path, fmt: Format) -> None:
    with path.open(encoding="utf-8") as handle:
        assert detect(handle.readline(), path.name) is fmt


@pytest.fixture(scope="module")
def real_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("real") / "s.ingest.duckdb"
    summary = ingest([GDELT2, GDELT1, ICEWS], db=db)
    assert summary.counts() == {
        "rows_read": 6686, "rows_loaded": 6686, "rows_quarantined": 0, "rows_duplicate": 0,
        "rows_in_store": 6686,
    }, "every real row is well formed (EVENT-FORMATS.md)"  # fmt: skip
    return db


def test_real_rows_per_dataset_and_layout(real_db: Path) -> None:
    con = duckdb.connect(str(real_db), read_only=True)
    counts = dict(con.execute("SELECT origin, count(*) FROM ingested_events GROUP BY 1").fetchall())
    assert counts == {"gdelt2": 2271, "gdelt1": 710, "icews": 3705}
    old = con.execute("SELECT count(*) FROM ingested_events WHERE origin = 'gdelt1' AND year = 1982").fetchall()
    assert old[0][0] == 201, "the 57-column backfile rows"
    con.close()


def test_real_pakistan_rows_match_the_research_note(real_db: Path) -> None:
    con = duckdb.connect(str(real_db), read_only=True)

    def n(sql: str) -> int:
        return int(con.execute(sql).fetchall()[0][0])

    pak = "(source_country = 'PAK' OR target_country = 'PAK')"
    assert n(f"SELECT count(*) FROM ingested_events WHERE origin = 'gdelt2' AND {pak}") == 52
    assert n("SELECT count(*) FROM ingested_events WHERE origin = 'gdelt2' AND action_country = 'PAK'") == 87
    assert n(f"SELECT count(*) FROM ingested_events WHERE origin = 'icews' AND {pak}") == 20
    con.close()
    assert Store.ingested_only(real_db).dyad_month("USA", "PAK", origins=("gdelt2",))["events"].sum() == 3
    assert Store.ingested_only(real_db).dyad_month("IND", "PAK", origins=("icews",))["events"].sum() == 6
    assert Store.ingested_only(real_db).dyad_month("IND", "PAK", origins=("gdelt2",)).empty


def test_real_backdated_rows_keep_their_event_date(real_db: Path) -> None:
    con = duckdb.connect(str(real_db), read_only=True)
    years = [r[0] for r in con.execute(
        "SELECT DISTINCT year FROM ingested_events WHERE origin = 'gdelt2' ORDER BY 1"
    ).fetchall()]  # fmt: skip
    con.close()
    assert years == [2014, 2015], "SQLDATE 20140218 rows are one year before the file"
