"""Answer GET /api/events before FastAPI's router: the one endpoint a researcher's clicking hammers.

The answer itself costs a few numpy operations on the in-memory ``EventIndex``;
routing and request handling in FastAPI cost more than that. This ASGI layer reads
the query string with the same functions as the documented route in ``api``
(``event_params``), so both give byte-identical answers and errors; every other
request passes straight through. Errors the client can act on answer 400 JSON;
anything unexpected is logged and answers 500 JSON, as elsewhere.
"""

from __future__ import annotations

import json
import logging

from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from crossroads.web.deps import check_strict
from crossroads.web.errors import ApiError
from crossroads.web.event_index import EventIndex
from crossroads.web.event_params import event_filter, page
from crossroads.web.vocab import Vocabulary

log = logging.getLogger("crossroads.web")
PATH = "/api/events"


class FastEvents:
    def __init__(self, app: ASGIApp, *, index: EventIndex, vocab: Vocabulary):
        self.app = app
        self.index = index
        self.vocab = vocab

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        try:
            params = QueryParams(scope.get("query_string", b""))
            check_strict(params)
            filt = event_filter(params, self.vocab)
            if filt.origin != "curated":  # ingested events live in the store, not in the in-memory index
                await self.app(scope, receive, send)
                return
            limit, offset = page(params)
            status, body = 200, self.index.page(filt, limit, offset)
        except ApiError as exc:
            status, body = exc.status, json.dumps({"error": exc.message}).encode()
        except Exception:
            log.exception("unhandled error on GET %s", PATH)
            status, body = 500, b'{"error": "internal error; the details are in the server log"}'
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
