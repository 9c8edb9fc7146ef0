"""Crossroads: a reproducible, evidence-linked history of relations between states.

The flagship case is Pakistan–United States relations and the Kashmir dispute,
1947–2021. The public Python API lives here; everything else is organised by
responsibility (``model``, ``store``, ``indicators``, ``analysis``, ``report``,
``web``, ``ingest``, ``recipes``, ``cli``).
"""

from crossroads.model.loading import Chronology, load_chronology
from crossroads.store.store import Store

__version__ = "0.1.0"

__all__ = ["Chronology", "Store", "__version__", "load_chronology"]
