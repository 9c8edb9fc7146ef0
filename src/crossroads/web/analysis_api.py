"""Endpoints for the analyses of issue 4 (relations index, phases, Kashmir prospects, claims).

The analyses live in ``crossroads.analysis`` and take a ``Store``; an endpoint is
only a door onto one of them. Adding one is a few lines here, for example::

    @router.get("/index", summary="Relations index of a dyad, by year")
    def index(pool: PoolDep, vocab: VocabDep,
              a: Annotated[str, Query()] = "PAK", b: Annotated[str, Query()] = "USA") -> Response:
        from crossroads.analysis.relations import relations_index
        return json_response(relations_index(pool.get(), vocab.check("actor", a), vocab.check("actor", b)))

``json_response`` encodes DataFrames, dataclasses, dicts and lists the same way
as the data endpoints; ``vocab.check`` validates enum-like parameters (a bad one
answers 400 naming the accepted values); ``ApiError`` raises any other 4xx. The
router is mounted by ``create_app`` and its routes appear in /openapi.json.
"""

from __future__ import annotations

from fastapi import APIRouter

from crossroads.web.deps import ERROR_RESPONSES

router = APIRouter(prefix="/api/analysis", tags=["analysis"], responses=ERROR_RESPONSES)
