"""Every error a client sees is a small JSON object ``{"error": "..."}``, never a traceback.

Bad parameters answer 400 with what was wrong and the accepted values; unknown
paths and ids answer 404; anything unexpected answers 500 with no details (the
traceback goes to the server log only).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("crossroads.web")


class ApiError(Exception):
    """An error the client can act on: an HTTP status and a message naming the fix."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _describe(err: dict[str, Any]) -> str:
    """One readable line per validation problem: parameter, what is wrong, what was given."""
    loc = [str(part) for part in err.get("loc", ()) if part not in ("query", "path", "body")]
    name = ".".join(loc) or "request"
    text = f"{name}: {err.get('msg', 'invalid value')}"
    if "input" in err and err["input"] is not None and not isinstance(err["input"], dict):
        shown = str(err["input"])
        text += f" (got {shown[:80]!r})"
    return text


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``."""

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, "; ".join(_describe(e) for e in exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            message = f"nothing at {request.url.path[:200]}; see /docs for the API"
        else:
            message = str(exc.detail)
        response = error_response(exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal error; the details are in the server log")
