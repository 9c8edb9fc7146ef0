"""Endpoints for the analyses: relations index, phases, Kashmir prospects, the triangle, claims, charts.

Each endpoint is a door onto the analysis context (``crossroads.analysis.context``),
the same one the CLI and the report ask, so the same settings give the same numbers
in every door. The store is read-only, so a result depends only on the store file
and the settings; the context computes it once per process and keeps a bounded
number of results and contexts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Response

from crossroads.analysis.context import DEFAULT_BOOT, AnalysisContext, Settings, context_for
from crossroads.model.errors import CrossroadsError
from crossroads.report.figures import CHART_IDS
from crossroads.store.store import Store
from crossroads.web.deps import ERROR_RESPONSES, PoolDep, VocabDep, strict_query
from crossroads.web.errors import ApiError
from crossroads.web.models import ErrorBody
from crossroads.web.respond import json_response

router = APIRouter(
    prefix="/api/analysis",
    tags=["analysis"],
    dependencies=[Depends(strict_query)],
    responses={
        **ERROR_RESPONSES,
        404: {"model": ErrorBody, "description": "No such chart, or no data for that dyad."},
    },
)

T = TypeVar("T")

ChartId = Literal[CHART_IDS]  # type: ignore[valid-type]

BootParam = Annotated[
    int,
    Query(
        ge=0,
        le=DEFAULT_BOOT,
        description=f"Bootstrap replicates (0 to {DEFAULT_BOOT}; the report uses {DEFAULT_BOOT}).",
    ),
]
SeedParam = Annotated[int, Query(ge=0, le=2**31 - 1, description="Seed of the bootstrap.")]
ActorA = Annotated[str, Query(max_length=10, description="First state (ISO3), e.g. USA.")]
ActorB = Annotated[str, Query(max_length=10, description="Second state (ISO3), e.g. PAK.")]


def _ask(store: Store, compute: Callable[[AnalysisContext], T], boot: int = DEFAULT_BOOT, seed: int = 0) -> T:
    """Ask the shared analysis context; an analysis that finds no data answers 404."""
    try:
        return compute(context_for(store, Settings(n_boot=boot, seed=seed)))
    except CrossroadsError as exc:
        raise ApiError(404, str(exc)) from None


def _dyad(vocab: Any, a: str, b: str) -> tuple[str, str]:
    first, second = vocab.check("actor", a), vocab.check("actor", b)
    if not first or not second or first == second:
        raise ApiError(400, "give two different actor codes, e.g. a=USA&b=PAK")
    return first, second


@router.get("/claims", summary="The paper's claims C1–C10 with verdict, figures, method and evidence ids")
def claims(pool: PoolDep, seed: SeedParam = 0) -> Response:
    results = _ask(pool.get(), lambda ctx: ctx.claims(), seed=seed)
    return json_response([r.as_dict() for r in results])


ModelParam = Annotated[
    Literal["pca", "latent"],
    Query(description="pca: first principal component with a bootstrap band; latent: the measurement model."),
]


@router.get("/index", summary="Relations index of a dyad by year, with its band and components (pca or latent)")
def index(
    pool: PoolDep,
    vocab: VocabDep,
    a: ActorA = "USA",
    b: ActorB = "PAK",
    boot: BootParam = DEFAULT_BOOT,
    seed: SeedParam = 0,
    model: ModelParam = "pca",
    provisional: Annotated[bool, Query(description="latent only: serve a fit that did not converge, flagged.")] = False,
) -> Response:
    first, second = _dyad(vocab, a, b)
    if model == "latent":
        latent = _ask(pool.get(), lambda ctx: ctx.latent(first, second, provisional=provisional, score=False))
        return json_response(latent.as_dict())
    result = _ask(pool.get(), lambda ctx: ctx.index(first, second), boot, seed)
    frame = result.frame().join(result.components).reset_index()
    return json_response(
        {"dyad": [first, second], "weights": result.weights, "explained": result.explained, "years": frame}
    )


@router.get("/phases", summary="Change points of a dyad's index with their confidence, beside the eras")
def phases(
    pool: PoolDep,
    vocab: VocabDep,
    a: ActorA = "USA",
    b: ActorB = "PAK",
    boot: BootParam = DEFAULT_BOOT,
    seed: SeedParam = 0,
) -> Response:
    first, second = _dyad(vocab, a, b)
    report = _ask(pool.get(), lambda ctx: ctx.phases(first, second), boot, seed)
    return json_response({
        "dyad": [first, second], "breaks": report.phases.breaks, "confidence": report.phases.confidence,
        "segments": report.phases.segments, "penalty": report.phases.penalty,
        "compared_with_eras": report.comparison, "breaks_by_component": report.by_component,
    })  # fmt: skip


@router.get("/kashmir", summary="Yearly Kashmir prospects (all outside actors and the US) with conflict intensity")
def kashmir(pool: PoolDep) -> Response:
    return json_response(_ask(pool.get(), lambda ctx: ctx.kashmir()).reset_index())


@router.get("/triangle", summary="US–Pakistan, US–India and China–Pakistan on one scale, and the US tilt")
def triangle(pool: PoolDep) -> Response:
    return json_response(_ask(pool.get(), lambda ctx: ctx.triangle()).reset_index())


@router.get("/charts/{chart}", summary="A chart of the report as a Plotly figure (data and layout)")
def chart(pool: PoolDep, chart: Annotated[ChartId, Path(description="One of the report's charts.")]) -> Response:
    if chart not in CHART_IDS:
        raise ApiError(404, f"no chart {chart[:20]!r}; charts: {', '.join(CHART_IDS)}")
    return json_response(
        _ask(pool.get(), lambda ctx: ctx.remember(("chart", chart), lambda: _chart_payload(ctx, chart)))
    )


def _chart_payload(ctx: AnalysisContext, chart: str) -> dict[str, Any]:
    from crossroads.analysis.data import eras
    from crossroads.report.figures import analysis_bundle, chart_specs
    from crossroads.report.interactive import to_plotly

    store = ctx.store
    spec = chart_specs(store, analysis_bundle(ctx))[chart]
    return {
        "id": spec.id, "title": spec.title, "caption": spec.caption, "alt": spec.alt, "sources": spec.sources,
        "figure": json.loads(to_plotly(spec, eras(store)).to_json()) if spec.has_data() else None,
    }  # fmt: skip
