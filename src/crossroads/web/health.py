"""``/healthz``: answers without touching the store, so a probe never waits on a query."""

from __future__ import annotations

from fastapi import APIRouter, Response

from crossroads.web.models import Health

router = APIRouter(tags=["health"])

_OK = b'{"status":"ok"}'


@router.get("/healthz", response_model=Health, summary="Liveness probe (no store access)")
async def healthz() -> Response:
    return Response(_OK, media_type="application/json")
