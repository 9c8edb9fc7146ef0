"""Recipe: distance between UNGA ideal points per undirected pair-year.

``unga_ideal_point_distance`` = |a - b| of ``idealpointfp`` (estimated from
final-passage votes only; the July 2025 version runs to 2024, the other two
estimates end in 2023), for every pair of the six focus states in years both
have an estimate. The monadic ``unga_ideal_point`` (source_actor = target_actor
= the state) keeps the estimate itself. Years without an estimate are absent.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pandas as pd

from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import long_form, write_series

RAW = Path("unga_ideal_points/ideal_points_focus.csv")
SOURCE = "unga-ideal-points"
UNIT = "ideal point (idealpointfp)"
CITATION = (
    "Bailey, Michael A., Anton Strezhnev and Erik Voeten. 2017. Estimating dynamic state preferences from "
    "United Nations voting data. Journal of Conflict Resolution 61(2): 430-56. Raw votes: Fjelstul, Joshua, "
    "Simon Hug and Christopher Kilby. 2025. Decision-making in the United Nations General Assembly: A "
    "comprehensive database of resolution-related decisions. Review of International Organizations."
)


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``series/unga_ideal_points.csv``."""
    frame = pd.read_csv(raw / RAW)
    wide = frame.pivot(index="year", columns="iso3c", values="idealpointfp")
    rows = []
    for a, b in combinations(sorted(wide.columns), 2):
        dist = (wide[a] - wide[b]).abs().dropna()
        rows.append(pd.DataFrame({"source_actor": a, "target_actor": b, "year": dist.index, "d": dist.to_numpy()}))
    pairs = pd.concat(rows, ignore_index=True)
    mono = frame.dropna(subset=["idealpointfp"]).assign(source_actor=frame["iso3c"], target_actor=frame["iso3c"])
    prov = Provenance(
        table="unga_ideal_points",
        source="UNGA ideal points, July 2025 version (Bailey, Strezhnev and Voeten), focus states",
        citation=CITATION,
        version="July 28, 2025 (codebook); lucasbuildsapps/Masterthesis commit 5298218d",
        transformation="idealpointfp (final-passage votes only; to 2024). unga_ideal_point_distance = "
        "|idealpointfp_a - idealpointfp_b| per undirected pair (alphabetical) and year where both exist; "
        "unga_ideal_point = the estimate itself, monadic (source_actor = target_actor).",
        terms="Not stated in the codebook.",
    )
    prov.add_raw(raw / RAW, raw)
    frames = [
        long_form(pairs, variable="unga_ideal_point_distance", value="d", unit=UNIT, source=SOURCE, directed=False),
        long_form(mono, variable="unga_ideal_point", value="idealpointfp", unit=UNIT, source=SOURCE, directed=False),
    ]
    return [write_series(frames, out, "unga_ideal_points", prov)]
