"""The scenario endpoints against a real uvicorn server on 127.0.0.1: same answers as the CLI, typed in OpenAPI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from crossroads.scenarios.replication import replicate
from crossroads.scenarios.simulate import parse_what_if, scenario
from crossroads.web.app import create_app
from crossroads.web.server import running


@pytest.fixture(scope="module")
def client(shipped_store: Path) -> Iterator[httpx.Client]:
    with running(create_app(shipped_store, cache=False)) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def test_replicate_endpoint_matches_the_function(client: httpx.Client) -> None:
    response = client.get("/api/scenarios/replicate")
    assert response.status_code == 200
    data = response.json()
    expected = replicate()
    assert [r["median"] for r in data["rounds"]] == pytest.approx([r.median for r in expected.rounds])
    assert data["rounds"][2]["within_tolerance"] is False


def test_kashmir_endpoint_with_what_ifs_matches_the_cli_function(client: httpx.Client) -> None:
    params = [("draws", "100"), ("seed", "3"), ("what_if", "USA.position=70"), ("what_if", "USA.salience=80")]
    response = client.get("/api/scenarios/kashmir/E5", params=params)
    assert response.status_code == 200, response.text
    data = response.json()
    expected = scenario(
        "E5", draws=100, seed=3, what_ifs=[parse_what_if("USA.position=70"), parse_what_if("USA.salience=80")]
    )
    assert data["baseline"]["median"] == pytest.approx(expected.baseline.median)
    assert expected.counterfactual is not None
    assert data["counterfactual"]["median"] == pytest.approx(expected.counterfactual.median)
    assert data["moved_by_what_if"] == expected.moved_by_what_if


@pytest.mark.parametrize(
    ("path", "params", "status", "needle"),
    [
        ("/api/scenarios/kashmir/E5", {"what_if": "XYZ.position=1"}, 400, "no actor 'XYZ'"),
        ("/api/scenarios/kashmir/E5", {"what_if": "USA.salience=101"}, 400, "salience 101 is outside"),
        ("/api/scenarios/kashmir/E5", {"draws": "0"}, 400, "draws"),
        ("/api/scenarios/kashmir/E9", {}, 404, "unknown era 'E9'"),
        ("/api/scenarios/inputs/E9", {}, 404, "unknown era"),
    ],
)
def test_bad_parameters_answer_with_a_message(
    client: httpx.Client, path: str, params: dict[str, str], status: int, needle: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert needle in response.json()["error"]


def test_inputs_endpoint_lists_each_actor_with_evidence(client: httpx.Client) -> None:
    data = client.get("/api/scenarios/inputs/e6").json()
    assert data["era"] == "e6"
    assert all(row["evidence"] for row in data["rows"])


def test_openapi_describes_the_scenario_answers(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    for path, model in (
        ("/api/scenarios/replicate", "Replication"),
        ("/api/scenarios/kashmir/{era}", "Scenario"),
        ("/api/scenarios/inputs/{era}", "EraInputs"),
    ):
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok["$ref"].endswith("/" + model)
    assert "Outcome" in schema["components"]["schemas"]
