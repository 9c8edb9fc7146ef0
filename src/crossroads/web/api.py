"""The JSON API over the store: events, sources, eras, series, provenance, coverage, meta.

Each handler checks its parameters, calls one ``Store`` method (the same query
functions the CLI and the report use) and encodes the result; none of them
builds SQL of its own. The event list and its exports are answered from the
in-memory ``EventIndex`` (same filters, no query per request).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from crossroads.store.store import EventFilter
from crossroads.web.deps import ERROR_RESPONSES, PoolDep, VocabDep, check_strict, strict_query
from crossroads.web.errors import ApiError
from crossroads.web.event_index import EventIndex
from crossroads.web.event_params import event_filter, filter_parameters, page, page_parameters
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
from crossroads.web.respond import json_response

router = APIRouter(prefix="/api", tags=["data"], responses=ERROR_RESPONSES)


def _name(description: str) -> object:
    return Query(max_length=100, description=description)


def _index(request: Request) -> EventIndex:
    index: EventIndex = request.app.state.index
    return index


def _filter(request: Request) -> EventFilter:
    check_strict(request.query_params)  # inline, not a dependency: these endpoints are the busy ones
    return event_filter(request.query_params, request.app.state.vocab)


def _curated(request: Request) -> EventFilter:
    """The filters of an export of the view: curated events only (their sources are the bibliography)."""
    filt = _filter(request)
    if filt.origin != "curated":
        raise ApiError(
            400,
            f"exports of origin={filt.origin} come from the command line: crossroads export events --origin "
            f"{filt.origin} --format csv --out FILE",
        )
    return filt


@router.get(
    "/events",
    response_model=EventPage,
    summary="Events matching the filters, a page at a time",
    openapi_extra={"parameters": filter_parameters() + page_parameters()},
)
def list_events(request: Request, pool: PoolDep) -> Response:
    # In the running app, ``fast_events.FastEvents`` answers curated queries before routing with the same
    # functions; this route documents the path, answers where that layer is not installed, and answers
    # ingested origins from the store (they can be millions of rows, so they stay out of memory).
    filt = _filter(request)
    limit, offset = page(request.query_params)
    if filt.origin == "curated":
        return Response(_index(request).page(filt, limit, offset), media_type="application/json")
    store = pool.get()
    total = store.count_events(filt)
    items = store.events(filt, limit=limit, offset=offset) if offset < total else None
    return json_response({"total": total, "limit": limit, "offset": offset, "items": [] if items is None else items})


def _download(text: str, media_type: str, name: str) -> Response:
    return Response(
        text.encode(), media_type=media_type, headers={"content-disposition": f'attachment; filename="{name}"'}
    )


def _text_body(media_type: str, what: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": what, "content": {media_type: {"schema": {"type": "string"}}}}}


@router.get(
    "/events.csv",
    response_class=Response,
    summary="The events matching the filters as CSV (the columns of `crossroads export events`)",
    responses=_text_body("text/csv", "One row per event; lists joined with ';'."),
    openapi_extra={"parameters": filter_parameters()},
)
async def events_csv(request: Request) -> Response:
    return _download(_index(request).csv(_curated(request)), "text/csv; charset=utf-8", "crossroads-events.csv")


@router.get(
    "/events.bib",
    response_class=Response,
    summary="BibTeX for the sources cited by the events matching the filters",
    responses=_text_body("application/x-bibtex", "One entry per source, each once."),
    openapi_extra={"parameters": filter_parameters()},
)
async def events_bib(request: Request) -> Response:
    text = _index(request).bibtex(_curated(request))
    return _download(text, "application/x-bibtex; charset=utf-8", "crossroads-sources.bib")


@router.get(
    "/events.ris",
    response_class=Response,
    summary="RIS for the sources cited by the events matching the filters, with today's access date",
    responses=_text_body("application/x-research-info-systems", "One record per source, each once."),
    openapi_extra={"parameters": filter_parameters()},
)
async def events_ris(request: Request) -> Response:
    text = _index(request).ris(_curated(request), accessed=date.today())
    return _download(text, "application/x-research-info-systems; charset=utf-8", "crossroads-sources.ris")


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


@router.get(
    "/series",
    response_model=list[SeriesRow],
    summary="Dyad-year indicator series, long form",
    dependencies=[Depends(strict_query)],
)
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
