"""One read-only Store per worker thread.

A DuckDB connection must not be used by two threads at once, and FastAPI runs the
API's handlers on a thread pool. Rather than serialise every request behind one
lock, each worker thread opens its own read-only ``Store`` on first use (DuckDB
shares the database instance inside the process, so this costs one connection per
thread, not one copy of the data). All of them are closed when the app stops.
"""

from __future__ import annotations

import threading
from pathlib import Path

from crossroads.model.errors import StoreMissingError
from crossroads.store.store import Store


class StorePool:
    """Hands each thread its own ``Store`` over the same file."""

    def __init__(self, path: Path):
        if not path.exists():
            raise StoreMissingError(path)
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []

    def get(self) -> Store:
        """The calling thread's store, opened on first use."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path)
            with self._lock:
                self._opened.append(store)
            self._local.store = store
        return store

    def close(self) -> None:
        """Close every store this pool opened (at app shutdown)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
        self._local = threading.local()
