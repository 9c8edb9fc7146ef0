"""The front page, the API docs page and the static files they load.

Everything the browser needs is served from the package's ``static/`` folder
(front-end libraries included, under ``static/vendor/``): no CDN at run time.
Starlette's ``StaticFiles`` resolves every path and refuses any that leaves the
folder (``..``, encoded or not, and symlinks pointing out).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
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


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC, follow_symlink=False)
