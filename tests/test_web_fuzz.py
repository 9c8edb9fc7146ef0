"""Fuzz every operation of /openapi.json against the live server: no input may cause a 5xx.

Schemathesis generates requests from the schema, values that fit it and values
that break it; each answer must not be a server error and must match the
documented status codes, content type and body schema. Bounded (a fixed number
of examples per operation) and derandomized, so it is repeatable and quick.
(Schemathesis' own pytest plugin does not run on this pytest, so the strategies
are driven through Hypothesis directly.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from crossroads.web.app import create_app
from crossroads.web.server import running

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 100
ANALYSIS_EXAMPLES = 8
"""The analyses bootstrap (and the scenarios simulate) on every new parameter set (seconds each), so they
get fewer examples."""
EXPENSIVE = ("/api/analysis", "/api/scenarios")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def live_url(shipped_store: Path) -> Iterator[str]:
    with running(create_app(shipped_store)) as url:
        yield url


def operations(url: str) -> list[Any]:
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_no_input_causes_a_server_error(live_url: str, mode: GenerationMode) -> None:
    ops = operations(live_url)
    sent: list[str] = []
    assert {op.path for op in ops} >= {"/api/events", "/api/events/{event_id}", "/api/series", "/healthz"}
    for operation in ops:
        if mode is GenerationMode.NEGATIVE and not operation.query and not operation.path_parameters:
            continue  # nothing to break in an operation without parameters

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=ANALYSIS_EXAMPLES if operation.path.startswith(EXPENSIVE) else MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case: Any) -> None:
            case.call_and_validate(base_url=live_url, checks=CHECKS)
            sent.append(case.operation.path)

        fuzz()
    assert len(set(sent)) >= (len(ops) if mode is GenerationMode.POSITIVE else 3), sorted(set(sent))
