"""Curated and ingested events are rows of one schema, reached through the same Store functions, the CLI
export and the API, chosen by origin."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from crossroads.cli.app import app as cli
from crossroads.ingest.load import ingest
from crossroads.model.errors import CrossroadsError
from crossroads.store.schema import ingest_db_path
from crossroads.store.store import ORIGIN_CHOICES, EventFilter, Store
from crossroads.web.app import create_app
from crossroads.web.server import running

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"
runner = CliRunner()


@pytest.fixture(scope="module")
def store(shipped_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("origins") / "crossroads.duckdb"
    shutil.copyfile(shipped_store, path)
    ingest([FIX / "gdelt2_synth.export.CSV", FIX / "icews_constructed.tab", FIX / "polecat_constructed.txt"],
           db=ingest_db_path(path))  # fmt: skip
    return path


def test_one_query_layer_serves_every_origin(store: Path) -> None:
    with Store(store) as s:
        curated = s.count_events(EventFilter(origin="curated"))
        by_origin = {o: s.count_events(EventFilter(origin=o)) for o in ("gdelt2", "icews", "polecat", "gdelt1")}
        ingested = s.count_events(EventFilter(origin="ingested"))
        assert by_origin == {"gdelt2": 300, "icews": 6, "polecat": 4, "gdelt1": 0}
        assert ingested == sum(by_origin.values()) == s.count_ingested()
        assert s.count_events(EventFilter(origin="all")) == curated + ingested
        both = s.events(EventFilter(origin="all", actor="PAK", start=None), limit=5000)
        assert {"curated", "icews"} <= set(both["origin"])
        assert list(both.columns) == list(s.events(EventFilter()).columns)


def test_export_writes_the_same_columns_for_every_origin(store: Path) -> None:
    with Store(store) as s:
        frames = {o: s.events_export(o) for o in ("curated", "ingested", "all")}
    columns = {o: list(f.columns) for o, f in frames.items()}
    assert columns["curated"] == columns["ingested"] == columns["all"]
    assert len(frames["all"]) == len(frames["curated"]) + len(frames["ingested"])
    gdelt = frames["ingested"][frames["ingested"]["origin"] == "gdelt2"]
    assert gdelt["confidence"].isna().all(), "the datasets give no confidence: missing, not 1"
    assert gdelt["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all() and gdelt["era"].notna().any()


def test_ingested_cameo_rows_carry_the_plover_type_of_the_crosswalk(store: Path) -> None:
    with Store(store) as s:
        rows = s.events(EventFilter(origin="ingested"), limit=500)
        cameo = s.cursor().execute("SELECT code, plover_event FROM cameo").df()
    crosswalk = dict(zip(cameo["code"], cameo["plover_event"].fillna(""), strict=True))
    coded = rows[rows["origin"].isin(["gdelt2", "icews"])]
    mapped = coded[coded["cameo"].map(lambda c: bool(crosswalk.get(c)))]
    assert len(mapped) > 0 and (mapped["plover"] == mapped["cameo"].map(crosswalk)).all()
    assert rows.loc[rows["origin"] == "polecat", "plover"].notna().all()


def test_an_ingested_event_opens_by_id(store: Path) -> None:
    with Store(store) as s:
        first = s.events(EventFilter(origin="icews"), limit=1)["id"].iloc[0]
        event = s.event(first)
    assert event is not None and event["origin"] == "icews" and event["sources"] == []


def test_unknown_origin_is_a_clear_error_listing_the_valid_ones(store: Path, tmp_path: Path) -> None:
    with Store(store) as s, pytest.raises(CrossroadsError, match="use one of curated, ingested, all, gdelt1"):
        s.events_export("gdelt3")
    result = runner.invoke(cli, ["export", "events", "--origin", "gdelt3", "--out", str(tmp_path / "x.csv"),
                                 "--db", str(store)])  # fmt: skip
    assert result.exit_code == 1 and "use one of " + ", ".join(ORIGIN_CHOICES) in result.output.replace("\n", " ")


def test_cli_export_origin_gives_the_same_header(store: Path, tmp_path: Path) -> None:
    headers = {}
    for origin in ("curated", "ingested", "all"):
        out = tmp_path / f"{origin}.csv"
        result = runner.invoke(cli, ["export", "events", "--origin", origin, "--out", str(out), "--db", str(store)])
        assert result.exit_code == 0, result.output
        headers[origin] = out.read_text(encoding="utf-8").splitlines()[0]
    assert headers["curated"] == headers["ingested"] == headers["all"]


def test_api_events_take_an_origin(store: Path) -> None:
    with running(create_app(store, cache=False)) as url, httpx.Client(base_url=url) as client:
        page = client.get("/api/events", params={"origin": "ingested", "limit": 5}).json()
        assert page["total"] == 310 and {i["origin"] for i in page["items"]} <= {"gdelt2", "icews", "polecat"}
        assert client.get("/api/events").json()["total"] < client.get("/api/events?origin=all").json()["total"]
        bad = client.get("/api/events", params={"origin": "nope"})
        assert bad.status_code == 400 and "curated, ingested, all" in bad.json()["error"]
