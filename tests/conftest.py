"""Shared fixtures: a minimal valid data folder to mutate, and a store built from the shipped data."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from crossroads.paths import data_dir
from crossroads.store.build import build_store

REPO = Path(__file__).resolve().parents[1]
RAW = Path(os.environ.get("CROSSROADS_RAW", REPO.parent / "shared" / "data"))

needs_shared = pytest.mark.skipif(
    not (RAW / "SOURCES.md").exists(),
    reason=f"raw datasets not found at {RAW} (../shared/data is only present in the development "
    "workspace; set CROSSROADS_RAW to point elsewhere)",
)

MINI_EVENTS = """\
- id: 1954-05-19-mutual-defense-assistance-agreement
  date: "1954-05-19"
  precision: day
  actors: [PAK, USA]
  cameo: "057"
  goldstein: 8.0
  plover: null
  dimensions: [alliance, military_aid, agreement]
  description: Pakistan and the United States signed a mutual defence assistance agreement.
  sources: [avalon-mdaa-1954]
- id: 1948-04-21-unsc-resolution-47
  date: "1948-04-21"
  precision: day
  actors: [UNSC, IND, PAK]
  cameo: "0355"
  goldstein: 7.0
  plover: AGREE
  dimensions: [kashmir, mediation]
  kashmir_stances: {UNSC: internationalize, USA: internationalize}
  description: The Security Council recommended a plebiscite in Kashmir under UN auspices.
  sources: [unsc-res-47]
- id: 1965-09-us-arms-suspension
  date: "1965-09"
  precision: month
  actors: [USA, PAK]
  cameo: "163"
  goldstein: -8.0
  plover: COERCE
  dimensions: [sanctions, arms_trade]
  description: The United States suspended arms deliveries to Pakistan and India during the war.
  sources: [avalon-mdaa-1954]
"""

MINI_SOURCES = """\
- key: avalon-mdaa-1954
  issuer: Yale Law School, The Avalon Project
  title: Mutual Defense Assistance Agreement Between the United States and Pakistan
  date: "1954-05-19"
  url: https://avalon.law.yale.edu/20th_century/pak001.asp
  type: treaty
- key: unsc-res-47
  issuer: United Nations Security Council
  title: Resolution 47 (1948)
  date: "1948-04-21"
  url: https://digitallibrary.un.org/record/111955
  type: un_resolution
"""


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A small valid data folder (real reference tables, three events) that tests may edit."""
    root = tmp_path / "data"
    shutil.copytree(data_dir() / "reference", root / "reference")
    (root / "chronology").mkdir()
    (root / "bibliography").mkdir()
    (root / "chronology" / "mini.yaml").write_text(MINI_EVENTS, encoding="utf-8")
    (root / "bibliography" / "mini.yaml").write_text(MINI_SOURCES, encoding="utf-8")
    return root


@pytest.fixture
def edit_events(mini_data: Path) -> Callable[[str, str], Path]:
    """Replace text in the mini chronology (the first occurrence) and return the data folder."""

    def edit(old: str, new: str) -> Path:
        path = mini_data / "chronology" / "mini.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found: {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return mini_data

    return edit


def append_event(root: Path, record: str) -> None:
    path = root / "chronology" / "mini.yaml"
    path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent(record), encoding="utf-8")


@pytest.fixture(scope="session")
def shipped_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store built once from the data shipped in the repository."""
    path = tmp_path_factory.mktemp("store") / "crossroads.duckdb"
    build_store(path, data_dir())
    return path
