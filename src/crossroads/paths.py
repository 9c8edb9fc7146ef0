"""Where Crossroads finds its shipped data and keeps its store.

The curated data live in the repository's ``data/`` folder (human-editable,
reviewed in diffs); the store is a derived artefact, so it goes to the user's
data directory unless ``--db`` or ``CROSSROADS_DB`` says otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

_REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The folder holding the chronology, bibliography and reference tables."""
    override = os.environ.get("CROSSROADS_DATA")
    return Path(override) if override else _REPO_DATA


def default_db_path() -> Path:
    """The store file used when no ``--db`` is given."""
    override = os.environ.get("CROSSROADS_DB")
    if override:
        return Path(override)
    return Path(user_data_dir("crossroads", appauthor=False)) / "crossroads.duckdb"
