"""Endpoints for the scenarios: the replication of the published example, an era's inputs, and
its predicted outcome with what-ifs. Doors onto ``crossroads.scenarios``, the same functions the
CLI calls; answers are typed (the dataclasses below), so OpenAPI describes them.

The model does not read the store, so these answers depend only on the shipped data and the
parameters; the replication is computed once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Path, Query

from crossroads.model.errors import CrossroadsError
from crossroads.scenarios.kashmir import EraInputs, era_inputs
from crossroads.scenarios.replication import Replication, replicate
from crossroads.scenarios.simulate import Scenario, parse_what_if, scenario
from crossroads.web.deps import ERROR_RESPONSES
from crossroads.web.errors import ApiError
from crossroads.web.models import ErrorBody

router = APIRouter(
    prefix="/api/scenarios",
    tags=["scenarios"],
    responses={**ERROR_RESPONSES, 404: {"model": ErrorBody, "description": "No such era."}},
)

EraParam = Annotated[str, Path(max_length=4, description="Era id, e.g. E5 (see /api/eras).")]
DrawsParam = Annotated[int, Query(ge=1, le=1000, description="Monte Carlo draws over the inputs (1 to 1000).")]
SeedParam = Annotated[int, Query(ge=0, le=2**31 - 1, description="Seed of the draws.")]
RoundsParam = Annotated[int, Query(ge=1, le=20, description="Bargaining rounds (1 to 20).")]
QParam = Annotated[float, Query(ge=0.0, le=1.0, description="Q, the probability of the status quo (0 to 1).")]
WhatIfParam = Annotated[
    list[str] | None,
    Query(
        max_length=8,
        description="Counterfactuals ACTOR.field=value (field position or salience 0–100, capability 0–1); repeatable.",
    ),
]


@lru_cache(maxsize=8)
def _replication(rounds: int, q: float) -> Replication:
    return replicate(rounds=rounds, q=q)


def _era_error(exc: CrossroadsError) -> ApiError:
    text = str(exc)
    return ApiError(404 if text.startswith("unknown era") else 400, text)


@router.get(
    "/replicate",
    response_model=Replication,
    summary="The EC emission-standards example, round by round, beside Scholz et al.'s Table 2",
)
def replicate_endpoint(rounds: RoundsParam = 8, q: QParam = 1.0) -> Replication:
    return _replication(rounds, q)


@router.get(
    "/inputs/{era}",
    response_model=EraInputs,
    summary="An era's inputs per actor (position, salience, capability) with the basis and evidence of each",
)
def inputs_endpoint(era: EraParam) -> EraInputs:
    try:
        return era_inputs(era)
    except CrossroadsError as exc:
        raise _era_error(exc) from None


@router.get(
    "/kashmir/{era}",
    response_model=Scenario,
    summary="An era's predicted outcome (median, 90% interval, movers) and, beside it, the what-ifs",
)
def kashmir_endpoint(
    era: EraParam,
    draws: DrawsParam = 200,
    seed: SeedParam = 0,
    what_if: WhatIfParam = None,
    rounds: RoundsParam = 8,
    q: QParam = 1.0,
) -> Scenario:
    try:
        what_ifs = [parse_what_if(text) for text in what_if or []]
        return scenario(era, draws=draws, seed=seed, what_ifs=what_ifs, rounds=rounds, q=q)
    except CrossroadsError as exc:
        raise _era_error(exc) from None
