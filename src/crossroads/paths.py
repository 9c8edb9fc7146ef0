"""Where Crossroads finds its shipped data and keeps its store.

The curated data ship inside the package (``crossroads/data``: human-editable,
reviewed in diffs, and installed with the wheel, so any install can build). The store
is a derived artefact, so it goes to the user's data directory unless ``--db`` or ``CROSSROADS_DB`` says otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def data_dir() -> Path:
    """The folder holding the chronology, bibliography and reference tables."""
    override = os.environ.get("CROSSROADS_DATA")
    return Path(override) if override else _PACKAGE_DATA


def default_db_path() -> Path:
    """The store file used when no ``--db`` is given."""
    override = os.environ.get("CROSSROADS_DB")
    if override:
        return Path(override)
    return Path(user_data_dir("crossroads", appauthor=False)) / "crossroads.duckdb"
