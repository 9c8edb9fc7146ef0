"""The JSON API over the store: events, sources, eras, series, provenance, coverage, meta.

Each handler checks its parameters, calls one ``Store`` method (the same query
functions the CLI and the report use) and encodes the result; none of them
builds SQL of its own.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from crossroads.store.store import ORIGIN_CHOICES, EventFilter
from crossroads.web.deps import ERROR_RESPONSES, PoolDep, VocabDep
from crossroads.web.errors import ApiError
from crossroads.web.models import (
    CoverageRow,
    Era,
    ErrorBody,
    EventDetail,
    EventPage,
    ProvenanceRow,
    SeriesRow,
    Source,
    Vocabularies,
)
from crossroads.web.params import DATE_HELP, DATE_PATTERN, check_text, date_bound
from crossroads.web.respond import json_response

MAX_LIMIT = 500
"""Largest page of events one request may ask for (the front end pages through larger sets)."""
MAX_OFFSET = 10_000_000

router = APIRouter(prefix="/api", tags=["data"], responses=ERROR_RESPONSES)

DateParam = Annotated[str | None, Query(pattern=DATE_PATTERN, max_length=10, description=DATE_HELP)]


def _name(description: str) -> object:
    return Query(max_length=100, description=description)


@router.get("/events", response_model=EventPage, summary="Events matching the filters, a page at a time")
def list_events(
    pool: PoolDep,
    vocab: VocabDep,
    start: DateParam = None,
    end: DateParam = None,
    era: Annotated[str | None, _name("Era id (see /api/eras).")] = None,
    dimension: Annotated[str | None, _name("Dimension the event bears on.")] = None,
    actor: Annotated[str | None, _name("CAMEO actor code, e.g. PAK.")] = None,
    cameo_root: Annotated[str | None, _name("CAMEO root code, 01–20.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text matched in the description or id.")] = None,
    kashmir: Annotated[bool, Query(description="Only events bearing on Kashmir.")] = False,
    origin: Annotated[str, Query(max_length=20, description=f"One of {', '.join(ORIGIN_CHOICES)}.")] = "curated",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Response:
    first = date_bound("start", start, last=False)
    last = date_bound("end", end, last=True)
    if first and last and first > last:
        raise ApiError(400, f"start={start} is after end={end}; swap them")
    if origin not in ORIGIN_CHOICES:
        raise ApiError(400, f"origin={origin[:20]!r} is not one of {', '.join(ORIGIN_CHOICES)}")
    filt = EventFilter(
        start=first,
        end=last,
        era=vocab.check("era", era),
        dimension=vocab.check("dimension", dimension),
        actor=vocab.check("actor", actor),
        cameo_root=vocab.check("cameo_root", cameo_root),
        text=check_text("q", q),
        kashmir_only=kashmir,
        origin=origin,
    )
    store = pool.get()
    total = store.count_events(filt)
    items = store.events(filt, limit=limit, offset=offset) if offset < total else None
    return json_response({"total": total, "limit": limit, "offset": offset, "items": [] if items is None else items})


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    summary="One event with its sources expanded",
    responses={404: {"model": ErrorBody, "description": "No event has this id."}},
)
def get_event(pool: PoolDep, event_id: Annotated[str, Path(max_length=200)]) -> Response:
    record = pool.get().event(event_id)
    if record is None:
        raise ApiError(404, f"no event with id {event_id[:200]!r}; list ids with /api/events")
    return json_response(record)


@router.get("/series", response_model=list[SeriesRow], summary="Dyad-year indicator series, long form")
def get_series(
    pool: PoolDep,
    vocab: VocabDep,
    source_actor: Annotated[str | None, _name("Actor code of the first member of the dyad.")] = None,
    target_actor: Annotated[str | None, _name("Actor code of the second member.")] = None,
    variable: Annotated[str | None, _name("Series variable.")] = None,
) -> Response:
    frame = pool.get().series(
        vocab.check("source_actor", source_actor),
        vocab.check("target_actor", target_actor),
        vocab.check("variable", variable),
    )
    return json_response(frame)


@router.get("/eras", response_model=list[Era], summary="The historians' eras")
def get_eras(pool: PoolDep) -> Response:
    return json_response(pool.get().eras())


@router.get("/sources", response_model=list[Source], summary="The bibliography every event cites")
def get_sources(pool: PoolDep) -> Response:
    return json_response(pool.get().sources())


@router.get("/provenance", response_model=list[ProvenanceRow], summary="Where each reference table came from")
def get_provenance(pool: PoolDep) -> Response:
    return json_response(pool.get().provenance())


@router.get("/coverage", response_model=list[CoverageRow], summary="Events per era × dimension")
def get_coverage(pool: PoolDep) -> Response:
    return json_response(pool.get().coverage())


@router.get("/meta", response_model=dict[str, str], summary="Store metadata (schema, data fingerprint)")
def get_meta(pool: PoolDep) -> Response:
    return json_response(pool.get().meta())


@router.get(
    "/vocabulary",
    response_model=Vocabularies,
    summary="Accepted values of the filter parameters (eras, dimensions, actors, CAMEO roots, variables)",
)
async def get_vocabulary(vocab: VocabDep) -> Response:
    return json_response(vocab.menus)
