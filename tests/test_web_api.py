"""The JSON API against a real uvicorn server on 127.0.0.1 over the shipped store."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from typer.testing import CliRunner

from crossroads.cli.app import app as cli
from crossroads.store.store import EventFilter, Store
from crossroads.web.app import create_app
from crossroads.web.pages import STATIC
from crossroads.web.server import running


@pytest.fixture(scope="module")
def base_url(shipped_store: Path) -> Iterator[str]:
    """Without the response cache, so every request below really reaches the store."""
    with running(create_app(shipped_store, cache=False)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def store(shipped_store: Path) -> Iterator[Store]:
    with Store(shipped_store) as s:
        yield s


def get_json(client: httpx.Client, path: str, status: int = 200, **params: Any) -> Any:
    return fetch_json(client, path, params, status)


def fetch_json(client: httpx.Client, path: str, params: dict[str, Any], status: int = 200) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def raw_get(base_url: str, raw_path: str) -> tuple[int, bytes]:
    """Send the path exactly as written (httpx would normalise dot segments away)."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        conn.putrequest("GET", raw_path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# -- health, pages, headers ------------------------------------------------------------------


def test_healthz(client: httpx.Client) -> None:
    assert get_json(client, "/healthz") == {"status": "ok"}


def test_healthz_does_not_touch_the_store_and_crashes_stay_private(shipped_store: Path) -> None:
    class Broken:
        def get(self) -> Store:
            raise RuntimeError("secret detail /etc/shadow")

        def close(self) -> None:
            pass

    app = create_app(shipped_store)
    app.state.pool = Broken()
    with running(app) as url, httpx.Client(base_url=url) as c:
        assert c.get("/healthz").json() == {"status": "ok"}
        crashed = c.get("/api/meta")
        assert crashed.status_code == 500
        assert crashed.json() == {"error": "internal error; the details are in the server log"}
        assert "secret" not in crashed.text and "Traceback" not in crashed.text


def test_front_page_and_its_assets_are_local(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for ref in (
        "/static/app.js",
        "/static/style.css",
        "/static/vendor/vis-timeline/vis-timeline-graph2d.min.js",
    ):
        assert ref in page.text
        assert client.get(ref).status_code == 200
    assert "https://" not in page.text.split("<body>")[0]  # nothing loaded from elsewhere


def test_docs_page_uses_vendored_swagger(client: httpx.Client) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_vendor_files_carry_their_licences() -> None:
    vendor = STATIC / "vendor"
    for lib in ("vis-timeline", "swagger-ui"):
        assert any(p.name.startswith("LICENSE") for p in (vendor / lib).iterdir()), lib


def test_security_headers(client: httpx.Client) -> None:
    response = client.get("/api/eras")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "server" not in response.headers


# -- events ----------------------------------------------------------------------------------


def test_events_page_matches_the_store(client: httpx.Client, store: Store) -> None:
    body = get_json(client, "/api/events")
    assert body["total"] == store.count_events() > 0
    assert body["limit"] == 100 and body["offset"] == 0 and len(body["items"]) == 100
    first = body["items"][0]
    assert set(first) >= {"id", "date", "era", "actors", "dimensions", "description", "sources", "goldstein"}
    assert isinstance(first["actors"], list) and first["sources"]


def test_events_paging_covers_everything_once(client: httpx.Client, store: Store) -> None:
    total = store.count_events()
    ids: list[str] = []
    for offset in range(0, total, 500):
        ids += [e["id"] for e in get_json(client, "/api/events", limit=500, offset=offset)["items"]]
    assert len(ids) == len(set(ids)) == total
    beyond = get_json(client, "/api/events", offset=total + 10)
    assert beyond["items"] == [] and beyond["total"] == total


@pytest.mark.parametrize(
    ("params", "filt"),
    [
        ({"era": "e4"}, EventFilter(era="e4")),
        ({"dimension": "nuclear"}, EventFilter(dimension="nuclear")),
        ({"actor": "CHN"}, EventFilter(actor="CHN")),
        ({"cameo_root": "19"}, EventFilter(cameo_root="19")),
        ({"kashmir": "true"}, EventFilter(kashmir_only=True)),
        ({"start": "1971", "end": "1971"}, EventFilter(start=date(1971, 1, 1), end=date(1971, 12, 31))),
        ({"start": "1965-09", "end": "1965-09"}, EventFilter(start=date(1965, 9, 1), end=date(1965, 9, 30))),
        ({"start": "1999-05-01"}, EventFilter(start=date(1999, 5, 1))),
        (
            {"actor": "USA", "kashmir": "1", "era": "e6"},
            EventFilter(actor="USA", kashmir_only=True, era="e6"),
        ),
    ],
)
def test_event_filters_match_the_store(
    client: httpx.Client, store: Store, params: dict[str, str], filt: EventFilter
) -> None:
    body = fetch_json(client, "/api/events", {"limit": 500, **params})
    expected = store.events(filt, limit=500)
    assert body["total"] == store.count_events(filt) > 0
    assert [e["id"] for e in body["items"]] == list(expected["id"])


@pytest.mark.parametrize("text", ["' OR 1=1 --", "%", "_", "\\", "'; DROP TABLE events; --", "☃ 日本"])
def test_text_search_is_literal(client: httpx.Client, store: Store, text: str) -> None:
    body = get_json(client, "/api/events", q=text)
    assert body["total"] < store.count_events()


@pytest.mark.parametrize(("old", "new"), [("Simla", "Shimla"), ("Dacca", "Dhaka"), ("Peking", "Beijing")])
def test_search_finds_either_spelling_of_a_place(client: httpx.Client, old: str, new: str) -> None:
    first = [e["id"] for e in get_json(client, "/api/events", q=old, limit=500)["items"]]
    second = [e["id"] for e in get_json(client, "/api/events", q=new, limit=500)["items"]]
    assert first and first == second


def test_search_reads_descriptions_notes_and_source_titles(client: httpx.Client, store: Store) -> None:
    everything = store.events()
    in_description = set(store.events(EventFilter(text="Simla"))["id"])
    found = {e["id"] for e in get_json(client, "/api/events", q="simla", limit=500)["items"]}
    assert in_description <= found
    noted = everything[everything["note"].fillna("").str.contains("excerpt consulted")]
    assert not noted.empty
    assert set(noted["id"]) <= {e["id"] for e in get_json(client, "/api/events", q="excerpt consulted")["items"]}
    title = store.sources()["title"].iloc[0]
    word = max(title.split(), key=len).strip(",.()")
    assert get_json(client, "/api/events", q=word)["total"] > 0


def test_search_combines_with_a_date_range(client: httpx.Client) -> None:
    early = get_json(client, "/api/events", q="Kashmir", end="1965", limit=500)
    late = get_json(client, "/api/events", q="Kashmir", start="1966", limit=500)
    every = get_json(client, "/api/events", q="Kashmir", limit=500)
    assert early["total"] and late["total"]
    assert early["total"] + late["total"] >= every["total"]
    assert all(e["date"][:4] <= "1965" for e in early["items"])


@pytest.mark.parametrize(
    ("path", "media", "needle"),
    [
        ("/api/events.csv", "text/csv", "id,date,date_precision"),
        ("/api/events.bib", "application/x-bibtex", "@"),
        ("/api/events.ris", "application/x-research-info-systems", "TY  - "),
    ],
)
def test_exports_of_the_current_view_download(client: httpx.Client, path: str, media: str, needle: str) -> None:
    response = client.get(path, params={"q": "Simla", "era": "e4"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"].startswith("attachment")
    assert needle in response.text
    assert "simla" in response.text.lower()


def test_csv_export_has_one_row_per_event_of_the_view(client: httpx.Client) -> None:
    listed = get_json(client, "/api/events", era="e2", limit=500)
    rows = client.get("/api/events.csv", params={"era": "e2"}).text.strip().splitlines()
    # descriptions carry no line breaks, so each event is one line after the header
    assert len(rows) - 1 == listed["total"]
    assert [r.split(",")[0] for r in rows[1:]] == [e["id"] for e in listed["items"]]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/series", {"variable": ""}),
        ("/api/events", {"dimension": ""}),
        ("/api/events", {"cameo_root": ""}),
        ("/api/events", {"start": ""}),
        ("/api/analysis/claims", {"seed": "+0.0"}),
        ("/api/analysis/claims", [("seed", "1"), ("seed", "2")]),
        ("/api/analysis/index", {"a": ""}),
        ("/api/analysis/charts/nonsense", {}),
    ],
)
def test_requests_the_schema_forbids_answer_400(client: httpx.Client, path: str, params: Any) -> None:
    body = fetch_json(client, path, params, status=400)
    assert set(body) == {"error"}


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"era": "e9"}, "accepted values: e1, e2"),
        ({"dimension": "weather"}, "accepted values: diplomatic"),
        ({"actor": "XYZ"}, "accepted values:"),
        ({"actor": "pak"}, "accepted values:"),
        ({"cameo_root": "99"}, "accepted values: 01"),
        ({"start": "yesterday"}, "start"),
        ({"start": "1965-13"}, "start"),
        ({"end": "1965-02-30"}, "not a real date"),
        ({"start": "0000"}, "start"),
        ({"start": "1990", "end": "1980"}, "after end"),
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "500"),
        ({"limit": "ten"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "99999999999999999999"}, "offset"),
        ({"kashmir": "maybe"}, "kashmir"),
        ({"q": "x" * 201}, "q"),
        ({"q": "a\x01b"}, "control characters"),
        ({"era": "x" * 101}, "era"),
    ],
)
def test_bad_event_parameters_answer_400(client: httpx.Client, params: dict[str, str], needle: str) -> None:
    body = fetch_json(client, "/api/events", params, status=400)
    assert set(body) == {"error"} and needle in body["error"]


def test_event_detail_has_its_sources(client: httpx.Client) -> None:
    listed = get_json(client, "/api/events", q="Simla Agreement", limit=1)["items"][0]
    detail = get_json(client, f"/api/events/{listed['id']}")
    assert detail["id"] == listed["id"]
    assert [s["key"] for s in detail["sources"]] == listed["sources"]
    assert all(s["url"].startswith("http") for s in detail["sources"])
    assert detail["file"].startswith("chronology/") and detail["line"] > 0


@pytest.mark.parametrize("event_id", ["no-such-event", "%27%20OR%20%271%27%3D%271", "a%2Fb", "..%2F..%2Fetc"])
def test_unknown_event_answers_404(client: httpx.Client, event_id: str) -> None:
    response = client.get(f"/api/events/{event_id}")
    assert response.status_code == 404
    assert set(response.json()) == {"error"}


def test_overlong_event_id_answers_400(client: httpx.Client) -> None:
    assert set(get_json(client, "/api/events/" + "x" * 300, status=400)) == {"error"}


# -- the other endpoints -----------------------------------------------------------------------


def test_reference_endpoints_match_the_store(client: httpx.Client, store: Store) -> None:
    assert [e["id"] for e in get_json(client, "/api/eras")] == list(store.eras()["id"])
    assert len(get_json(client, "/api/sources")) == len(store.sources())
    assert {p["table_name"] for p in get_json(client, "/api/provenance")} == set(store.provenance()["table_name"])
    assert len(get_json(client, "/api/coverage")) == len(store.coverage())
    assert get_json(client, "/api/meta") == store.meta()


def test_vocabulary_lists_the_accepted_values(client: httpx.Client, store: Store) -> None:
    vocab = get_json(client, "/api/vocabulary")
    assert [e["id"] for e in vocab["eras"]] == list(store.eras()["id"])
    assert vocab["dimensions"] == store.dimensions()
    assert {a["code"] for a in vocab["actors"]} >= {"PAK", "USA", "IND"}
    assert all(a["events"] > 0 for a in vocab["actors"])


def test_series_filters(client: httpx.Client, store: Store) -> None:
    rows = get_json(client, "/api/series", source_actor="PAK", target_actor="USA", variable="chronology_events")
    expected = store.series("PAK", "USA", "chronology_events")
    assert len(rows) == len(expected) > 0
    assert all(r["variable"] == "chronology_events" for r in rows)
    assert len(get_json(client, "/api/series")) == len(store.series())


@pytest.mark.parametrize(
    "params", [{"source_actor": "NOPE"}, {"target_actor": "usa"}, {"variable": "gdp; DROP TABLE series"}]
)
def test_bad_series_parameters_answer_400(client: httpx.Client, params: dict[str, str]) -> None:
    assert "accepted values" in fetch_json(client, "/api/series", params, status=400)["error"]


def test_unknown_paths_and_methods_answer_json(client: httpx.Client) -> None:
    assert set(get_json(client, "/api/nothing", status=404)) == {"error"}
    response = client.post("/api/events")
    assert response.status_code == 405 and set(response.json()) == {"error"}


def test_openapi_documents_400_and_the_accepted_values(client: httpx.Client) -> None:
    schema = get_json(client, "/openapi.json")
    events = schema["paths"]["/api/events"]["get"]
    assert "400" in events["responses"] and "422" not in events["responses"]
    era = next(p for p in events["parameters"] if p["name"] == "era")
    assert "e1" in era["schema"].get("anyOf", [era["schema"]])[0]["enum"]
    for path in ("/api/events/{event_id}", "/api/series", "/api/eras", "/api/sources", "/api/provenance"):
        assert path in schema["paths"]
    assert "/healthz" in schema["paths"]


# -- static files cannot escape their folder ---------------------------------------------------


@pytest.mark.parametrize(
    "raw_path",
    [
        "/static/../../etc/passwd",
        "/static/../../../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/%252e%252e/%252e%252e/etc/passwd",
        "/static/..%5c..%5cetc%5cpasswd",
        "/static/....//....//etc/passwd",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/vendor/../../api.py",
        "/static/%00../app.py",
        "/static/..%c0%af..%c0%afetc/passwd",
    ],
)
def test_static_files_cannot_escape(base_url: str, raw_path: str) -> None:
    status, body = raw_get(base_url, raw_path)
    assert status in (400, 404), (status, body[:200])
    assert b"root:" not in body and b"import " not in body and b"def " not in body


def test_static_files_are_served(base_url: str) -> None:
    status, body = raw_get(base_url, "/static/app.js")
    assert status == 200 and b"vis.Timeline" in body


# -- concurrency -------------------------------------------------------------------------------


def test_concurrent_requests_use_separate_connections(base_url: str, store: Store) -> None:
    eras = list(store.eras()["id"])
    expected = {era: store.count_events(EventFilter(era=era)) for era in eras}

    def fetch(i: int) -> tuple[str, int]:
        era = eras[i % len(eras)]
        with httpx.Client(base_url=base_url, timeout=20) as c:
            return era, c.get("/api/events", params={"era": era, "limit": 50}).json()["total"]

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(fetch, range(96)))
    assert all(total == expected[era] for era, total in results)


def test_cached_answers_are_identical(shipped_store: Path) -> None:
    with running(create_app(shipped_store)) as url, httpx.Client(base_url=url) as c:
        paths = ["/api/events?era=e3&limit=7", "/api/eras", "/api/events/1972-07-02-simla-agreement"]
        first = [c.get(p) for p in paths]
        again = [c.get(p) for p in paths]
        for a, b in zip(first, again, strict=True):
            assert a.status_code == b.status_code == 200
            assert a.content == b.content
            assert a.headers["content-type"] == b.headers["content-type"]
            assert a.headers["content-security-policy"] == b.headers["content-security-policy"]
        bad = [c.get("/api/events?era=zz") for _ in range(2)]
        assert all(r.status_code == 400 for r in bad)
        assert c.get("/api/events?era=e3&limit=8").json()["limit"] == 8


# -- the command ---------------------------------------------------------------------------------

runner = CliRunner()


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb"), "--port", "0"])
    assert result.exit_code == 1
    assert "crossroads build" in result.output


def test_serve_refuses_a_busy_port(shipped_store: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--db", str(shipped_store), "--port", str(port)])
    assert result.exit_code == 1
    assert "already in use" in result.output


# -- analyses ----------------------------------------------------------------------------------


def test_claims_endpoint_returns_ten_verdicts_with_existing_evidence(client: httpx.Client, store: Store) -> None:
    claims = get_json(client, "/api/analysis/claims")
    assert [c["id"] for c in claims] == [f"C{i}" for i in range(1, 11)]
    for claim in claims:
        assert {"claim", "verdict", "figures", "method", "evidence", "finding"} <= set(claim)
        assert all(store.event(e) is not None for e in claim["evidence"])


def test_index_endpoint_matches_the_analysis_function(client: httpx.Client, store: Store) -> None:
    from crossroads.analysis.relations import relations_index

    answer = get_json(client, "/api/analysis/index", a="USA", b="PAK", boot=0)
    direct = relations_index(store, "USA", "PAK", n_boot=0).index.dropna()
    served = {row["year"]: row["index"] for row in answer["years"] if row["index"] is not None}
    assert served == pytest.approx({int(y): v for y, v in direct.items()})
    assert set(answer["weights"]) == set(answer["years"][0]) - {"year", "index", "lower", "upper"}


def test_index_endpoint_serves_the_latent_measure_as_the_cli_does(client: httpx.Client, store: Store) -> None:
    from crossroads.analysis.measurement import latent_index

    answer = get_json(client, "/api/analysis/index", a="PAK", b="USA", model="latent")
    assert answer["model"] == "latent" and answer["dyad"] == "USA-PAK"
    served = latent_index(store, "USA", "PAK")
    assert answer["rows"] == served.rows and answer["dimensions"] == served.dimensions
    assert answer["lead"] == served.lead and (answer["rows"] or answer["dimensions"])
    assert {"loo", "convergence", "predictive"} <= set(answer["diagnostics"])
    refused = client.get("/api/analysis/index", params={"a": "GBR", "b": "PAK", "model": "latent"})
    assert refused.status_code == 404 and "comparison dyads" in refused.json()["error"]


def test_phases_kashmir_and_triangle_endpoints_answer(client: httpx.Client) -> None:
    phases = get_json(client, "/api/analysis/phases", a="USA", b="PAK", boot=5)
    assert {"breaks", "confidence", "segments", "compared_with_eras"} <= set(phases)
    kashmir = get_json(client, "/api/analysis/kashmir")
    assert len(kashmir) == 2021 - 1947 + 1 and "prospects" in kashmir[0]
    assert "tilt" in get_json(client, "/api/analysis/triangle")[0]


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/api/analysis/index", {"a": "USA", "b": "USA"}, 400, "two different"),
        ("/api/analysis/index", {"a": "XXX", "b": "PAK"}, 400, "accepted values"),
        ("/api/analysis/index", {"boot": 5000}, 400, "boot"),
        ("/api/analysis/charts/nonsense", {}, 400, "chart"),
    ],
)
def test_analysis_endpoints_reject_bad_parameters(
    client: httpx.Client, path: str, params: dict[str, Any], status: int, words: str
) -> None:
    body = fetch_json(client, path, params, status)
    assert words in body["error"]


def test_chart_endpoint_serves_the_report_figure(client: httpx.Client) -> None:
    chart = get_json(client, "/api/analysis/charts/kashmir")
    assert chart["title"].startswith("Kashmir prospects") and chart["sources"]
    assert chart["figure"]["data"] and "layout" in chart["figure"]


def test_plotly_is_served_by_the_app(client: httpx.Client) -> None:
    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200 and len(response.content) > 1_000_000
