"""How the answers move with Q and with each interpretive choice (one change at a time from the kept reading)."""

from __future__ import annotations

import math
from dataclasses import fields, replace
from typing import Any

from crossroads.model.errors import CrossroadsError
from crossroads.paths import data_dir
from crossroads.scenarios.kashmir import chronology
from crossroads.scenarios.model import Interpretation, run
from crossroads.scenarios.replication import choices, ec_inputs
from crossroads.scenarios.simulate import scenario

Q_VALUES = (0.5, 0.75, 1.0)


def variants() -> list[tuple[str, float, Interpretation]]:
    """Q at each of ``Q_VALUES`` with the kept reading, then every single-field change at Q = 1."""
    base = Interpretation()
    out = [(f"Q = {q:g}", q, base) for q in Q_VALUES]
    for f in fields(base):
        for option in choices()[f.name]:
            if option != getattr(base, f.name):
                out.append((f"{f.name} = {option}", 1.0, replace(base, **{f.name: option})))
    return out


def ec_sensitivity() -> list[dict[str, Any]]:
    """The EC example's median and mean after round 8 under each variant."""
    _, inp = ec_inputs()
    rows = []
    for label, q, how in variants():
        r = run(inp, rounds=8, q=q, how=how)
        rows.append({"change": label, "median_8": float(r.medians[0, -1]), "mean_8": float(r.means[0, -1])})
    return rows


def kashmir_sensitivity(draws: int = 200, seed: int = 0, measure: str = "median") -> list[dict[str, Any]]:
    """Each era's ``measure`` under each variant: ``median`` (predicted outcome, median over draws) or
    ``p_compromise`` (share of draws where the India–Pakistan gap closes); NaN where an era lacks inputs."""
    eras = [e.id for e in chronology(data_dir()).reference.eras]
    rows = []
    for label, q, how in variants():
        row: dict[str, Any] = {"change": label}
        for era in eras:
            try:
                row[era] = getattr(scenario(era, draws=draws, seed=seed, q=q, how=how).baseline, measure)
            except CrossroadsError:
                row[era] = math.nan
        rows.append(row)
    return rows
