"""The store build is validated first, atomic, idempotent, and never damages the previous store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from crossroads.model.errors import DataError, StoreMissingError
from crossroads.store.build import build_store
from crossroads.store.store import EventFilter, Store


def table_dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    finally:
        con.close()


def test_build_writes_every_event_with_its_sources(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    summary = build_store(db, mini_data)
    assert summary.events == 3 and summary.sources == 2
    with Store(db) as store:
        event = store.event("1948-04-21-unsc-resolution-47")
        assert event is not None
        assert [s["key"] for s in event["sources"]] == ["unsc-res-47"]
        assert event["kashmir_stances"] == {"UNSC": "internationalize", "USA": "internationalize"}
        assert store.count_events(EventFilter(kashmir_only=True)) == 1
        assert store.count_events(EventFilter(era="e3")) == 1
        assert store.meta()["events"] == "3"


def test_rebuilding_the_same_data_gives_the_same_store(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db, mini_data)
    first = table_dump(db)
    build_store(db, mini_data)
    assert table_dump(db) == first


def test_failed_build_leaves_the_previous_store_untouched(
    mini_data: Path, tmp_path: Path, edit_events: Callable[..., Path]
) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db, mini_data)
    before = db.read_bytes()
    edit_events('cameo: "057"', 'cameo: "999"')
    with pytest.raises(DataError):
        build_store(db, mini_data)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "s.duckdb"], "temporary files left"


def test_interrupted_write_removes_the_temporary_file(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db, mini_data)
    before = table_dump(db)

    def boom(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("crossroads.store.build._write", boom)
    with pytest.raises(KeyboardInterrupt):
        build_store(db, mini_data)
    assert table_dump(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "s.duckdb"]


def test_check_only_validates_and_writes_nothing(mini_data: Path, tmp_path: Path) -> None:
    summary = build_store(None, mini_data)
    assert summary.events == 3 and summary.path is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_missing_store_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(StoreMissingError, match="crossroads build"):
        Store(tmp_path / "absent.duckdb")


def test_store_is_opened_read_only(shipped_store: Path) -> None:
    with Store(shipped_store) as store, pytest.raises(duckdb.Error):
        store.cursor().execute("DELETE FROM events")


def test_text_filter_treats_wildcards_literally(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db, mini_data)
    with Store(db) as store:
        assert store.count_events(EventFilter(text="plebiscite")) == 1
        assert store.count_events(EventFilter(text="%")) == 0
        assert store.count_events(EventFilter(text="'; DROP TABLE events; --")) == 0
        assert store.count_events() == 3


def test_chronology_series_counts_events_per_dyad_year_with_true_zeros(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db, mini_data)
    with Store(db) as store:
        counts = store.series("PAK", "USA", "chronology_events").set_index("year")["value"]
        means = store.series("PAK", "USA", "chronology_goldstein_mean").set_index("year")["value"]
    assert counts[1954] == 1 and counts[1965] == 1 and counts[1960] == 0
    assert means[1954] == 8.0 and means[1965] == -8.0
    assert means.isna()[1960], "a year without events has no mean, not 0"
    assert counts.index.min() == 1947 and counts.index.max() == 2021
