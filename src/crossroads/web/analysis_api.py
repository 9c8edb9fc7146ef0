"""Endpoints for the analyses: relations index, phases, Kashmir prospects, the triangle, claims, charts.

Each endpoint is a door onto one function of ``crossroads.analysis`` (or the
report's chart specs), the same ones the CLI and the report call. The store is
read-only, so a result depends only on the store file and the parameters; it is
computed once per process and kept (``_memo``), which makes the expensive
bootstraps cheap to serve again.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response

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

_lock = threading.Lock()
_results: dict[tuple[Any, ...], Any] = {}

ChartId = Literal[CHART_IDS]  # type: ignore[valid-type]

BootParam = Annotated[int, Query(ge=0, le=200, description="Bootstrap replicates (0 to 200).")]
SeedParam = Annotated[int, Query(ge=0, le=2**31 - 1, description="Seed of the bootstrap.")]
ActorA = Annotated[str, Query(max_length=10, description="First state (ISO3), e.g. USA.")]
ActorB = Annotated[str, Query(max_length=10, description="Second state (ISO3), e.g. PAK.")]


def _memo(store: Store, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """Compute once per store file (path and modification time) and parameters."""
    full = (str(store.path), store.path.stat().st_mtime_ns, *key)
    with _lock:
        if full in _results:
            return _results[full]
    try:
        value = compute()
    except CrossroadsError as exc:
        raise ApiError(404, str(exc)) from None
    with _lock:
        _results[full] = value
    return value


def _dyad(vocab: Any, a: str, b: str) -> tuple[str, str]:
    first, second = vocab.check("actor", a), vocab.check("actor", b)
    if not first or not second or first == second:
        raise ApiError(400, "give two different actor codes, e.g. a=USA&b=PAK")
    return first, second


@router.get("/claims", summary="The paper's claims C1–C10 with verdict, figures, method and evidence ids")
def claims(pool: PoolDep, seed: SeedParam = 0) -> Response:
    from crossroads.analysis.claims import evaluate

    store = pool.get()
    results = _memo(store, ("claims", seed), lambda: evaluate(store, seed=seed))
    return json_response([r.as_dict() for r in results])


@router.get("/index", summary="Relations index of a dyad by year, with its bootstrap band and components")
def index(
    pool: PoolDep, vocab: VocabDep, a: ActorA = "USA", b: ActorB = "PAK", boot: BootParam = 100, seed: SeedParam = 0
) -> Response:
    from crossroads.analysis.relations import relations_index

    first, second = _dyad(vocab, a, b)
    store = pool.get()
    result = _memo(
        store,
        ("index", first, second, boot, seed),
        lambda: relations_index(store, first, second, n_boot=boot, seed=seed),
    )
    frame = result.frame().join(result.components).reset_index()
    return json_response(
        {"dyad": [first, second], "weights": result.weights, "explained": result.explained, "years": frame}
    )


@router.get("/phases", summary="Change points of a dyad's index with their confidence, beside the eras")
def phases(
    pool: PoolDep, vocab: VocabDep, a: ActorA = "USA", b: ActorB = "PAK", boot: BootParam = 100, seed: SeedParam = 0
) -> Response:
    from crossroads.analysis.relations import dyad_phases

    first, second = _dyad(vocab, a, b)
    store = pool.get()
    report = _memo(
        store, ("phases", first, second, boot, seed), lambda: dyad_phases(store, first, second, n_boot=boot, seed=seed)
    )
    return json_response({
        "dyad": [first, second], "breaks": report.phases.breaks, "confidence": report.phases.confidence,
        "segments": report.phases.segments, "penalty": report.phases.penalty,
        "compared_with_eras": report.comparison, "breaks_by_component": report.by_component,
    })  # fmt: skip


@router.get("/kashmir", summary="Yearly Kashmir prospects (all outside actors and the US) with conflict intensity")
def kashmir(pool: PoolDep) -> Response:
    from crossroads.analysis.relations import kashmir_prospects

    store = pool.get()
    return json_response(_memo(store, ("kashmir",), lambda: kashmir_prospects(store)).reset_index())


@router.get("/triangle", summary="US–Pakistan, US–India and China–Pakistan on one scale, and the US tilt")
def triangle(pool: PoolDep) -> Response:
    from crossroads.analysis.relations import triangle as compute

    store = pool.get()
    return json_response(_memo(store, ("triangle",), lambda: compute(store)).reset_index())


@router.get("/charts/{chart}", summary="A chart of the report as a Plotly figure (data and layout)")
def chart(pool: PoolDep, chart: Annotated[ChartId, Path(description="One of the report's charts.")]) -> Response:
    if chart not in CHART_IDS:
        raise ApiError(404, f"no chart {chart[:20]!r}; charts: {', '.join(CHART_IDS)}")
    store = pool.get()
    return json_response(_memo(store, ("chart", chart), lambda: _chart_payload(store, chart)))


def _chart_payload(store: Store, chart: str) -> dict[str, Any]:
    from crossroads.analysis.data import eras
    from crossroads.report.figures import analysis_bundle, chart_specs
    from crossroads.report.interactive import to_plotly

    bundle = _memo(store, ("bundle",), lambda: analysis_bundle(store, n_boot=100)[0])
    spec = chart_specs(store, bundle)[chart]
    return {
        "id": spec.id, "title": spec.title, "caption": spec.caption, "alt": spec.alt, "sources": spec.sources,
        "figure": json.loads(to_plotly(spec, eras(store)).to_json()) if spec.has_data() else None,
    }  # fmt: skip
