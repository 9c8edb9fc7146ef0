"""The front page, the API docs page and the static files they load.

Everything the browser needs is served from the package's ``static/`` folder
(front-end libraries included, under ``static/vendor/``): no CDN at run time.
Starlette's ``StaticFiles`` resolves every path and refuses any that leaves the
folder (``..``, encoded or not, and symlinks pointing out).
"""

from __future__ import annotations

import functools
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
async def front_page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/docs")
async def docs_page() -> FileResponse:
    """Swagger UI over /openapi.json, from the vendored swagger-ui-dist (FastAPI's default uses a CDN)."""
    return FileResponse(STATIC / "docs.html", media_type="text/html")


@router.get("/vendor/plotly.min.js")
async def plotly_js() -> Response:
    """Plotly's browser bundle, from the plotly package on PyPI (the same one the report embeds)."""
    return Response(_plotly_js(), media_type="text/javascript", headers={"cache-control": "public, max-age=86400"})


@functools.cache
def _plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    bundle: str = get_plotlyjs()
    return bundle.encode()


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC, follow_symlink=False)
