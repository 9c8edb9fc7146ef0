"""Run the explorer with uvicorn on 127.0.0.1 only, until Ctrl-C.

The socket is bound here, before uvicorn starts, so a busy port is reported as an
actionable error (and there is no window between checking and binding); uvicorn
handles SIGINT/SIGTERM itself and returns after a graceful shutdown.
"""

from __future__ import annotations

import errno
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from crossroads.model.errors import CrossroadsError
from crossroads.web.app import create_app

HOST = "127.0.0.1"


def bind(port: int, host: str = HOST) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0 picks a free one)."""
    if not 0 <= port <= 65535:
        raise CrossroadsError(f"port {port} is out of range; use 1-65535 (--port or PORT)")
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted connections only when the
    # listening socket says it is TCP; without it every keep-alive answer waits ~40 ms (Nagle).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise CrossroadsError(f"port {port} on {host} is already in use; pass --port N or set PORT") from None
        raise CrossroadsError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(
    db_path: Path,
    port: int,
    *,
    announce: Callable[[str], None] | None = None,
    log_level: str = "info",
    access_log: bool = False,
    cache: bool = True,
) -> None:
    """Serve the explorer over the store at ``db_path`` until interrupted.

    ``announce`` receives the address once the store is open and the port bound;
    ``cache=False`` makes every API request reach the store (for benchmarks).
    """
    app = create_app(db_path, cache=cache)
    sock = bind(port)
    if announce:
        announce(f"http://{HOST}:{sock.getsockname()[1]}")
    config = uvicorn.Config(
        app, log_level=log_level, access_log=access_log, server_header=False, timeout_graceful_shutdown=5
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn has already shut down gracefully and re-raised the Ctrl-C: a requested stop.
        pass
    finally:
        sock.close()


@contextmanager
def running(app: FastAPI, *, port: int = 0, log_level: str = "warning") -> Iterator[str]:
    """Serve ``app`` from a background thread on 127.0.0.1 and yield its base URL.

    For the tests and the benchmark: a real uvicorn server on a real socket (port 0
    picks a free one), stopped gracefully when the block ends.
    """
    sock = bind(port)
    config = uvicorn.Config(app, log_level=log_level, access_log=False, server_header=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the explorer did not start")
        time.sleep(0.01)
    try:
        yield f"http://{HOST}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
