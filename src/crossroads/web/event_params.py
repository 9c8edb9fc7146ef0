"""The query parameters of /api/events and its exports: documented once, read once, checked once.

These endpoints are the ones a researcher's clicking hammers, so their parameters are
read straight from the query string rather than through FastAPI's per-parameter
dependency machinery (which costs more than answering the query from the in-memory
index). The OpenAPI entries below describe exactly what ``event_filter`` and
``page`` accept, and ``openapi.build_openapi`` adds the closed vocabularies as enums.
To add a filter, add its entry to ``_FILTERS`` and read it in ``event_filter``.
"""

from __future__ import annotations

import copy
from typing import Any

from starlette.datastructures import QueryParams

from crossroads.store.store import ORIGIN_CHOICES, EventFilter
from crossroads.web.errors import ApiError
from crossroads.web.params import DATE_HELP, DATE_PATTERN, check_text, date_bound
from crossroads.web.vocab import Vocabulary

MAX_LIMIT = 500
"""Largest page of events one request may ask for (the front end pages through larger sets)."""
MAX_OFFSET = 10_000_000
MAX_TEXT = 200


def _param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _name(description: str) -> dict[str, Any]:
    return {"type": "string", "maxLength": 100, "title": description}


def filter_parameters() -> list[dict[str, Any]]:
    """OpenAPI entries of the filters (a fresh copy: the schema builder adds enums to them)."""
    return copy.deepcopy(_FILTERS)


def page_parameters() -> list[dict[str, Any]]:
    return copy.deepcopy(_PAGE)


_FILTERS: list[dict[str, Any]] = [
    _param("start", {"type": "string", "pattern": DATE_PATTERN, "maxLength": 10}, f"First date ({DATE_HELP})."),
    _param("end", {"type": "string", "pattern": DATE_PATTERN, "maxLength": 10}, f"Last date ({DATE_HELP})."),
    _param("era", _name("era"), "Era id (see /api/eras)."),
    _param("dimension", _name("dimension"), "Dimension the event bears on."),
    _param("actor", _name("actor"), "CAMEO actor code, e.g. PAK."),
    _param("cameo_root", _name("cameo_root"), "CAMEO root code, 01–20."),
    _param(
        "q",
        {"type": "string", "maxLength": MAX_TEXT},
        "Words searched in the description, note, id and source titles (each word must match the start of a "
        "word; known spelling variants such as Simla/Shimla match each other).",
    ),
    _param("kashmir", {"type": "boolean", "default": False}, "Only events bearing on Kashmir (as dimension=kashmir)."),
    _param(
        "origin",
        {"type": "string", "enum": list(ORIGIN_CHOICES), "default": "curated"},
        "Which events: curated (the chronology), ingested (every ingested dataset), all, or one dataset "
        "(gdelt1, gdelt2, icews, polecat, coded). Every origin has the same fields.",
    ),
]

_PAGE: list[dict[str, Any]] = [
    _param(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 100},
        f"Page size, at most {MAX_LIMIT}.",
    ),
    _param("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}, "Events to skip."),
]


def _text(params: QueryParams, name: str, limit: int) -> str | None:
    value = params.get(name)
    if value is not None and len(value) > limit:
        raise ApiError(400, f"{name}: at most {limit} characters (got {len(value)})")
    return value


def event_filter(params: QueryParams, vocab: Vocabulary) -> EventFilter:
    """The filters of /api/events and its exports (``strict_query`` has already refused repeats)."""
    start, end = _text(params, "start", 10), _text(params, "end", 10)
    first = date_bound("start", start, last=False)
    last = date_bound("end", end, last=True)
    if first and last and first > last:
        raise ApiError(400, f"start={start} is after end={end}; swap them")
    names = {name: _text(params, name, 100) for name in ("era", "dimension", "actor", "cameo_root")}
    return EventFilter(
        start=first,
        end=last,
        era=vocab.check("era", names["era"]),
        dimension=vocab.check("dimension", names["dimension"]),
        actor=vocab.check("actor", names["actor"]),
        cameo_root=vocab.check("cameo_root", names["cameo_root"]),
        text=check_text("q", _text(params, "q", MAX_TEXT)),
        kashmir_only=params.get("kashmir", "false").lower() in ("true", "1"),
        origin=_origin(params),
    )


def _origin(params: QueryParams) -> str:
    origin = params.get("origin", "curated")
    if origin not in ORIGIN_CHOICES:
        raise ApiError(400, f"origin={origin[:20]!r} is not one of {', '.join(ORIGIN_CHOICES)}")
    return origin


def _integer(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    text = params.get(name)
    if text is None:
        return default
    value = int(text)  # digits only: strict_query checked
    if not low <= value <= high:
        raise ApiError(400, f"{name}: must be from {low} to {high} (got {text[:30]})")
    return value


def page(params: QueryParams) -> tuple[int, int]:
    """``limit`` and ``offset`` of a page of events."""
    return _integer(params, "limit", 100, 1, MAX_LIMIT), _integer(params, "offset", 0, 0, MAX_OFFSET)
