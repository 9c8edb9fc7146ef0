"""Remember successful API answers: the store is read-only, so the same URL always gets the same body.

The store file is opened read-only and never changes while the server runs, so a
GET under /api/ with a given path and query string has exactly one answer. Keeping
the last few hundred answers (bounded by count and by bytes) lets repeated
requests — the front page's menus, a paged table, popular filters — skip DuckDB,
pandas and JSON encoding. Only 200 answers are kept; errors are recomputed, and
/healthz never goes through here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Entry = tuple[int, list[tuple[bytes, bytes]], bytes]


class ResponseCache:
    """A pure-ASGI LRU of (status, headers, body) by raw path and query string."""

    def __init__(self, app: ASGIApp, *, prefix: str = "/api/", max_entries: int = 512, max_bytes: int = 64 << 20):
        self.app = app
        self.prefix = prefix
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_body = max_bytes // 8
        self._entries: OrderedDict[bytes, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def _get(self, key: bytes) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def _put(self, key: bytes, entry: Entry) -> None:
        size = len(entry[2])
        if size > self.max_body:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = entry
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, old = self._entries.popitem(last=False)
                self._bytes -= len(old[2])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        key = scope.get("raw_path", scope["path"].encode()) + b"?" + scope.get("query_string", b"")
        hit = self._get(key)
        if hit is not None:
            await send({"type": "http.response.start", "status": hit[0], "headers": hit[1]})
            await send({"type": "http.response.body", "body": hit[2]})
            return

        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                # Copied before sending: outer middleware may add headers to this message.
                status, headers = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and status == 200:
                    self._put(key, (200, headers, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)
