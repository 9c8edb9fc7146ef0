"""One analysis context behind every door: the CLI, the report and the API ask it, never the functions directly.

The same store and the same settings must give the same numbers whichever door a
reader uses, and an expensive result (a bootstrap, a claim evaluation) should be
computed once per process. A context holds the settings (bootstrap replicates,
seed) and memoises each result by what it depends on; :func:`context_for` keeps a
small, bounded set of contexts per store file and settings, so a client that sends
many seeds cannot grow memory without bound.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from crossroads.analysis.data import calendar
from crossroads.analysis.index import IndexResult
from crossroads.analysis.kashmir import LagCorrelation
from crossroads.analysis.relations import (
    PhaseReport,
    closeness_vs_support,
    index_sensitivity,
    kashmir_prospects,
    phases_of,
    relations_index,
    triangle,
)
from crossroads.model.errors import CrossroadsError
from crossroads.model.reference import Calendar
from crossroads.store.store import Store

T = TypeVar("T")

DEFAULT_BOOT = 200
"""Bootstrap replicates of the index band and the phase confidences, in every door."""
MAX_RESULTS = 64
"""Results one context keeps (dyads x kinds); the oldest is dropped beyond this."""
MAX_CONTEXTS = 8
"""Contexts kept per process (store file x settings)."""


@dataclass(frozen=True)
class Settings:
    """What a result depends on besides the store."""

    n_boot: int = DEFAULT_BOOT
    seed: int = 0

    def __post_init__(self) -> None:
        if self.n_boot < 0:
            raise ValueError(f"n_boot must be 0 or more, got {self.n_boot}")
        if self.seed < 0:
            raise ValueError(f"seed must be 0 or more, got {self.seed}")


class AnalysisContext:
    """The analyses of one store file under one set of settings, each computed once.

    The context opens its own read-only connection to the file, so it outlives the
    caller's ``Store`` (a CLI command closes its store; the API's worker threads each
    hold one) and every door shares the same results.
    """

    def __init__(self, path: Path, settings: Settings | None = None):
        self.path = path
        self.settings = settings or Settings()
        self._results: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.RLock()
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = Store(self.path)
            return self._store

    def close(self) -> None:
        """Close the context's connection (it reopens if asked again)."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def _once(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]  # type: ignore[no-any-return]
            value = compute()
            self._results[key] = value
            while len(self._results) > MAX_RESULTS:
                self._results.popitem(last=False)
            return value

    @property
    def calendar(self) -> Calendar:
        return self._once(("calendar",), lambda: calendar(self.store))

    def index(self, a: str = "USA", b: str = "PAK") -> IndexResult:
        """The relations index of a dyad with its bootstrap band."""
        s = self.settings
        return self._once(("index", a, b), lambda: relations_index(self.store, a, b, n_boot=s.n_boot, seed=s.seed))

    def phases(self, a: str = "USA", b: str = "PAK") -> PhaseReport:
        """Change points of the dyad's index (the same fit as :meth:`index`) beside the eras."""
        s = self.settings
        return self._once(
            ("phases", a, b), lambda: phases_of(self.index(a, b), self.calendar, n_boot=s.n_boot, seed=s.seed)
        )

    def latent(self, a: str = "USA", b: str = "PAK", provisional: bool = False, score: bool = True) -> Any:
        """The latent measure of a dyad (``LatentIndex``): committed posterior summaries for the six
        comparison dyads; any other dyad is sampled on the committed scale when ``score``, else refused."""
        from crossroads.analysis.measurement.api import committed_label, latent_index

        if not score and committed_label(a, b) is None:
            raise CrossroadsError(
                f"the latent measure is committed for the six comparison dyads, not {a}-{b}; score another dyad "
                f"on the same scale with `crossroads query index --model latent --dyad {a}-{b}` (it samples)"
            )
        key = ("latent", a, b, provisional)
        return self._once(key, lambda: latent_index(self.store, a, b, provisional=provisional))

    def sensitivity(self, a: str = "USA", b: str = "PAK") -> pd.DataFrame:
        return self._once(("sensitivity", a, b), lambda: index_sensitivity(self.store, a, b))

    def kashmir(self) -> pd.DataFrame:
        """Yearly Kashmir prospects beside conflict intensity."""
        return self._once(("kashmir",), lambda: kashmir_prospects(self.store))

    def kashmir_record(self) -> pd.DataFrame:
        """Attention and posture per outside actor and year from the two-coder Kashmir record."""
        from crossroads.analysis.kashmir_record import load_record, series

        return self._once(("kashmir_record",), lambda: series(load_record(), seed=self.settings.seed))

    def kashmir_agreement(self) -> dict[str, Any]:
        """Krippendorff's alpha of the two codings, per coded field, with bootstrap intervals."""
        from crossroads.analysis.kashmir_record import agreement, load_record

        return self._once(("kashmir_agreement",), lambda: agreement(load_record(), seed=self.settings.seed))

    def triangle(self) -> pd.DataFrame:
        return self._once(("triangle",), lambda: triangle(self.store, prospects_frame=self.kashmir()))

    def correlation(self) -> list[LagCorrelation]:
        """Lagged correlation of US-Pakistan closeness with US support on Kashmir."""
        return self._once(
            ("correlation",),
            lambda: closeness_vs_support(
                self.store, seed=self.settings.seed, index=self.index().index, prospects_frame=self.kashmir()
            ),
        )

    def claims(self) -> list[Any]:
        """The paper's claims with their verdicts."""
        from crossroads.analysis.claims import evaluate

        return self._once(("claims",), lambda: evaluate(self.store, seed=self.settings.seed))

    def remember(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """Memoise a result computed elsewhere (e.g. a chart built from these analyses) in this context."""
        return self._once(("extra", *key), compute)


_contexts: OrderedDict[tuple[Any, ...], AnalysisContext] = OrderedDict()
_contexts_lock = threading.Lock()


def context_for(store: Store | Path, settings: Settings | None = None) -> AnalysisContext:
    """The process-wide context for this store file (path and modification time) and settings."""
    settings = settings or Settings()
    path = Path(store.path if isinstance(store, Store) else store).resolve()
    key = (str(path), path.stat().st_mtime_ns, settings)
    with _contexts_lock:
        ctx = _contexts.get(key)
        if ctx is None:
            ctx = AnalysisContext(path, settings)
            _contexts[key] = ctx
            while len(_contexts) > MAX_CONTEXTS:
                _contexts.popitem(last=False)[1].close()
        else:
            _contexts.move_to_end(key)
        return ctx
