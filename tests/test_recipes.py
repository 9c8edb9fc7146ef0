"""Recipes rebuild the committed compact tables exactly from the raw datasets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from crossroads.paths import data_dir
from crossroads.recipes import cameo
from tests.conftest import RAW, needs_shared


@needs_shared
def test_cameo_recipe_reproduces_the_committed_tables(tmp_path: Path) -> None:
    (tmp_path / "reference").mkdir()
    shutil.copy(data_dir() / "reference" / "actors_extra.csv", tmp_path / "reference")
    written = cameo.rebuild(RAW, tmp_path)
    for path in written:
        committed = data_dir() / "reference" / path.name
        pd.testing.assert_frame_equal(pd.read_csv(path, dtype=str), pd.read_csv(committed, dtype=str))
        fresh = json.loads(path.with_suffix(".provenance.json").read_text())
        kept = json.loads(committed.with_suffix(".provenance.json").read_text())
        assert fresh["raw_files"] == kept["raw_files"], "raw file checksums changed"
        assert fresh["sha256"] == kept["sha256"]


def test_committed_tables_carry_provenance() -> None:
    for table in ["cameo.csv", "actors.csv"]:
        meta = json.loads((data_dir() / "reference" / table).with_suffix(".provenance.json").read_text())
        assert meta["citation"] and meta["raw_files"] and meta["transformation"]
        assert all(len(f["sha256"]) == 64 for f in meta["raw_files"])


def test_cameo_table_gives_each_code_its_goldstein_weight() -> None:
    table = pd.read_csv(data_dir() / "reference" / "cameo.csv", dtype={"code": str})
    weights = dict(zip(table["code"], table["goldstein"], strict=True))
    assert weights["057"] == 8.0  # sign formal agreement
    assert weights["190"] == -10.0  # use conventional military force
    assert table["code"].is_unique and len(table) == 313  # GDELT's 311 plus 1213 and 1214 (ICEWS)
    assert weights["1213"] == weights["1214"] == -4.0
    plover = dict(zip(table["code"], table["plover_event"], strict=True))
    assert plover["175"] == "ASSAULT" and plover["1213"] == "REJECT"
