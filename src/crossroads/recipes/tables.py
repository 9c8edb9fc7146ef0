"""The one long form every indicator series is written in, and the checks it must pass.

Every recipe under ``data/series/`` goes through :func:`write_series`, so the
store, the panel verbs and the exports can rely on the same columns, on
undirected dyads being in alphabetical order and on one row per key.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crossroads.model.errors import CrossroadsError
from crossroads.recipes.provenance import Provenance, write_table

COLUMNS = ["source_actor", "target_actor", "directed", "year", "variable", "value", "unit", "source"]
KEY = ["source_actor", "target_actor", "year", "variable"]


def undirected(a: str, b: str) -> tuple[str, str]:
    """Undirected dyads are stored in alphabetical order."""
    return (a, b) if a <= b else (b, a)


def order_undirected(frame: pd.DataFrame) -> pd.DataFrame:
    """Swap ``source_actor``/``target_actor`` where needed so each undirected pair is alphabetical."""
    swap = frame["source_actor"] > frame["target_actor"]
    out = frame.copy()
    out.loc[swap, ["source_actor", "target_actor"]] = frame.loc[swap, ["target_actor", "source_actor"]].to_numpy()
    return out


def long_form(
    frame: pd.DataFrame, *, variable: str, value: str, unit: str, source: str, directed: bool
) -> pd.DataFrame:
    """Rows with ``source_actor``, ``target_actor``, ``year`` and a value column, in the long form."""
    out = frame[["source_actor", "target_actor", "year"]].copy()
    out["directed"] = directed
    out["variable"] = variable
    out["value"] = frame[value].astype(float)
    out["unit"] = unit
    out["source"] = source
    return out[COLUMNS]


def check_series(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Columns, ordering of undirected pairs, one row per key and a unit on every row, or an error."""
    if list(frame.columns) != COLUMNS:
        raise CrossroadsError(f"series {name}: columns {list(frame.columns)}, expected {COLUMNS}")
    undirected_rows = frame[~frame["directed"].astype(bool)]
    bad = undirected_rows[undirected_rows["source_actor"] > undirected_rows["target_actor"]]
    if len(bad):
        raise CrossroadsError(f"series {name}: undirected rows not in alphabetical order, e.g. {bad.iloc[0].to_dict()}")
    dupes = frame[frame.duplicated(KEY, keep=False)]
    if len(dupes):
        raise CrossroadsError(f"series {name}: {len(dupes)} rows share a key, e.g. {dupes.iloc[0].to_dict()}")
    if (frame["unit"].fillna("") == "").any() or (frame["source"].fillna("") == "").any():
        raise CrossroadsError(f"series {name}: every row needs a unit and a source")
    return frame.sort_values(["variable", "source_actor", "target_actor", "year"]).reset_index(drop=True)


def write_series(frames: list[pd.DataFrame], out: Path, name: str, prov: Provenance) -> Path:
    """Check and write ``series/<name>.csv`` with its provenance; return the path written."""
    frame = check_series(pd.concat(frames, ignore_index=True), name)
    frame["year"] = frame["year"].astype(int)
    # 12 significant digits: more than any source publishes, and no float noise in the committed CSV.
    frame["value"] = [f"{v:.12g}" if pd.notna(v) else "" for v in frame["value"]]
    path = out / "series" / f"{name}.csv"
    write_table(frame, path, prov)
    return path


FOCUS = ("AFG", "CHN", "IND", "PAK", "RUS", "USA")


def fill_zeros(
    frame: pd.DataFrame, pairs: list[tuple[str, str]], years: dict[tuple[str, str], range], columns: list[str]
) -> pd.DataFrame:
    """Reindex a pair-year frame to every year each pair is covered, with 0 where the source has no row.

    Only for sources whose absence of a row is a real zero (no alliance, no dispute, no war) and
    only inside the years ``years`` says the source covers that pair; the rest stays absent.
    """
    index = pd.MultiIndex.from_tuples(
        [(a, b, y) for a, b in pairs for y in years[(a, b)]], names=["source_actor", "target_actor", "year"]
    )
    kept = frame.set_index(["source_actor", "target_actor", "year"])[columns]
    extra = kept.index.difference(index)
    # fill_value only touches the added dyad-years; a missing value the source printed stays missing
    return kept.reindex(index.append(extra), fill_value=0).reset_index()
