"""Crossroads: a reproducible, evidence-linked history of relations between states.

The flagship case is Pakistan–United States relations and the Kashmir dispute,
1947–2021. The public Python API lives here; everything else is organised by
responsibility (``model``, ``store``, ``indicators``, ``analysis``, ``report``,
``web``, ``ingest``, ``recipes``, ``cli``).

The public names are imported on first use, so that a part that needs neither (``crossroads
ingest``: Arrow and DuckDB only) does not pay for pandas and the model at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crossroads.model.loading import Chronology, load_chronology
    from crossroads.store.store import Store

__version__ = "0.1.0"

__all__ = ["Chronology", "Store", "__version__", "load_chronology"]

_LAZY = {
    "Chronology": "crossroads.model.loading",
    "load_chronology": "crossroads.model.loading",
    "Store": "crossroads.store.store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'crossroads' has no attribute {name!r}")
