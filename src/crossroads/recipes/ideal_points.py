"""Recipe: distance between UNGA ideal points per undirected pair-year.

``unga_ideal_point_distance`` = |a - b| of ``idealpointfp`` (estimated from
final-passage votes only; the July 2025 version runs to 2024, the other two
estimates end in 2023), for every pair of the six focus states in years both
have an estimate. The monadic ``unga_ideal_point`` (source_actor = target_actor
= the state) keeps the estimate itself. Years without an estimate are absent.

``unga_ideal_point_proximity_rank`` places the pair among all states with an
estimate that year (the all-states file): the share of states that stand
farther from a than b does, averaged with the same share seen from b (0 to 1;
1 = each is the other's nearest). Ranks keep a shift that moves one state away
from everybody (the US's isolation in the Assembly in the 1980s) from reading as
a bilateral estrangement.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pandas as pd

from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import long_form, write_series

RAW = Path("unga_ideal_points/ideal_points_focus.csv")
RAW_ALL = Path("unga_ideal_points/ideal_points_all.csv")
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
    everyone = pd.read_csv(raw / RAW_ALL, usecols=["iso3c", "year", "idealpointfp"]).dropna()
    by_year = {int(str(y)): g.set_index("iso3c")["idealpointfp"] for y, g in everyone.groupby("year")}

    def farther_share(year: int, a: str, b: str) -> float:
        points = by_year.get(year)
        if points is None or a not in points or b not in points:
            return float("nan")
        others = (points.drop([a, b]) - points[a]).abs()
        return float((others > abs(points[a] - points[b])).mean())

    pairs["rank"] = [
        (farther_share(int(y), a, b) + farther_share(int(y), b, a)) / 2
        for a, b, y in zip(pairs["source_actor"], pairs["target_actor"], pairs["year"], strict=True)
    ]

    mono = frame.dropna(subset=["idealpointfp"]).assign(source_actor=frame["iso3c"], target_actor=frame["iso3c"])
    prov = Provenance(
        table="unga_ideal_points",
        source="UNGA ideal points, July 2025 version (Bailey, Strezhnev and Voeten), focus states",
        citation=CITATION,
        version="July 28, 2025 (codebook); lucasbuildsapps/Masterthesis commit 5298218d",
        transformation="idealpointfp (final-passage votes only; to 2024). unga_ideal_point_distance = "
        "|idealpointfp_a - idealpointfp_b| per undirected pair (alphabetical) and year where both exist; "
        "unga_ideal_point = the estimate itself, monadic (source_actor = target_actor). "
        "unga_ideal_point_proximity_rank = share of all states (ideal_points_all.csv, that year) farther from a "
        "than b is, averaged with the share seen from b.",
        terms="Not stated in the codebook.",
    )
    prov.add_raw(raw / RAW, raw)
    prov.add_raw(raw / RAW_ALL, raw)
    frames = [
        long_form(pairs, variable="unga_ideal_point_distance", value="d", unit=UNIT, source=SOURCE, directed=False),
        long_form(
            pairs.dropna(subset=["rank"]),
            variable="unga_ideal_point_proximity_rank",
            value="rank",
            unit="share of states (0-1)",
            source=SOURCE,
            directed=False,
        ),
        long_form(mono, variable="unga_ideal_point", value="idealpointfp", unit=UNIT, source=SOURCE, directed=False),
    ]
    return [write_series(frames, out, "unga_ideal_points", prov)]
