"""The explorer's FastAPI application: one factory wiring the routers onto one store.

``create_app(db_path)`` opens the store read-only (refusing a missing file with
the usual actionable error), loads the vocabularies used to validate parameters,
and mounts: /healthz, the JSON API under /api, the analyses under /api/analysis,
the front page, the docs page and /static.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from crossroads import __version__
from crossroads.web import analysis_api, api, health, pages, scenarios_api
from crossroads.web.cache import ResponseCache
from crossroads.web.errors import install_error_handlers
from crossroads.web.event_index import EventIndex
from crossroads.web.fast_events import FastEvents
from crossroads.web.headers import SecurityHeaders
from crossroads.web.openapi import build_openapi
from crossroads.web.stores import StorePool
from crossroads.web.vocab import Vocabulary

DESCRIPTION = (
    "Read-only JSON API over the Crossroads store: the curated chronology of Pakistan–US "
    "relations and the Kashmir dispute (1947–2021), its sources, eras, series and provenance. "
    'Every error is JSON `{"error": "..."}`; bad parameters answer 400 naming the accepted values.'
)


def create_app(db_path: Path, *, cache: bool = True) -> FastAPI:
    """The explorer app over the store at ``db_path`` (opened read-only).

    ``cache`` keeps recent API answers in memory (see ``cache``); the store cannot
    change under a running server, so it is on unless a test wants every request
    to reach the store.
    """
    pool = StorePool(db_path)
    vocab = Vocabulary.load(pool.get())
    index = EventIndex(pool.get())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="Crossroads explorer API",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.vocab = vocab
    app.state.index = index
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(api.router)
    app.include_router(analysis_api.router)
    app.include_router(scenarios_api.router)
    app.include_router(pages.router)
    app.mount("/static", pages.static_files(), name="static")
    app.add_middleware(FastEvents, index=index, vocab=vocab)
    if cache:
        app.add_middleware(ResponseCache)
    app.add_middleware(SecurityHeaders)

    def openapi() -> dict[str, Any]:
        return build_openapi(app, vocab)

    app.openapi = openapi  # type: ignore[method-assign]
    return app
