"""Kashmir prospects: how favourable the outside world's posture was to Pakistan's aims, by year.

Each Kashmir event records the stance of each outside actor: +1 when it favoured
internationalization, a plebiscite or third-party mediation (Pakistan's aims),
0 when neutral (restraint, dialogue), -1 when it favoured bilateralism under
Simla, the Line of Control or a terrorism framing (India's position).

Events weigh by what they were (first matching rule):

* 3.0 — action of the UN Security Council or its Kashmir bodies (UNSC, UNCIP, UNMOGIP among the actors);
* 2.0 — mediation: offered, accepted or carried out (dimension ``mediation`` or CAMEO 038, 039, 045, 0355);
* 1.5 — crisis diplomacy (dimension ``war_crisis``);
* 1.0 — any other statement or act.

The yearly score is the weighted mean of stance values (from -1 to +1); a year with
no stance-coded event is missing, not neutral.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crossroads.analysis.resample import block_permutation, moving_blocks

STANCE_VALUE = {"internationalize": 1.0, "neutral": 0.0, "bilateral": -1.0}
UN_BODIES = frozenset({"UNSC", "UNCIP", "UNMOGIP"})
MEDIATION_CODES = frozenset({"038", "039", "045", "0355"})
WEIGHTS = {"un_security_council": 3.0, "mediation": 2.0, "crisis_diplomacy": 1.5, "statement": 1.0}


def event_kind(actors: list[str], dimensions: list[str], cameo: str) -> str:
    """Which weighting rule an event falls under."""
    if UN_BODIES & set(actors):
        return "un_security_council"
    if "mediation" in dimensions or cameo in MEDIATION_CODES:
        return "mediation"
    if "war_crisis" in dimensions:
        return "crisis_diplomacy"
    return "statement"


def stance_table(stances: pd.DataFrame) -> pd.DataFrame:
    """Add kind, weight and value to rows of (event_id, year, actor, stance, actors, dimensions, cameo)."""
    out = stances.copy()
    out["kind"] = [
        event_kind(list(a), list(d), c) for a, d, c in zip(out["actors"], out["dimensions"], out["cameo"], strict=True)
    ]
    out["weight"] = out["kind"].map(WEIGHTS)
    out["value"] = out["stance"].map(STANCE_VALUE)
    return out


def prospects(stances: pd.DataFrame, years: range, actor: str | None = None) -> pd.DataFrame:
    """Yearly weighted stance score (all outside actors, or one), with the number of stances behind it."""
    table = stance_table(stances)
    if actor is not None:
        table = table[table["actor"] == actor]
    table = table.assign(wv=table["weight"] * table["value"])
    grouped = table.groupby("year").agg(wv=("wv", "sum"), w=("weight", "sum"), n=("value", "size"))
    out = pd.DataFrame(index=pd.Index(list(years), name="year"))
    out["score"] = (grouped["wv"] / grouped["w"]).reindex(out.index)
    out["stances"] = grouped["n"].reindex(out.index).fillna(0).astype(int)
    return out


@dataclass(frozen=True)
class LagCorrelation:
    lag: int
    r: float
    n: int
    p_value: float
    ci_low: float
    ci_high: float


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def lagged_correlation(
    x: pd.Series,
    y: pd.Series,
    lags: range = range(-3, 4),
    n_perm: int = 999,
    n_boot: int = 999,
    block: int = 3,
    seed: int = 0,
) -> list[LagCorrelation]:
    """Correlation of x_t with y_{t+lag} for each lag, with a permutation p-value and a bootstrap CI.

    The permutation shuffles blocks of ``block`` consecutive pairs' y values (keeping some
    autocorrelation); the interval is a moving-block bootstrap percentile interval (90%).
    """
    rng = np.random.default_rng(seed)
    results = []
    for lag in lags:
        shifted = y.copy()
        shifted.index = shifted.index - lag  # y_{t+lag} aligned on t
        pair = pd.concat([x, shifted], axis=1, keys=["x", "y"]).dropna()
        xs, ys = pair["x"].to_numpy(float), pair["y"].to_numpy(float)
        n = len(pair)
        r = _pearson(xs, ys)
        if np.isnan(r):
            results.append(LagCorrelation(lag, r, n, float("nan"), float("nan"), float("nan")))
            continue
        extreme = 0
        for _ in range(n_perm):
            if abs(_pearson(xs, ys[block_permutation(n, block, rng)])) >= abs(r) - 1e-12:
                extreme += 1
        p_value = (extreme + 1) / (n_perm + 1)
        boots = []
        for _ in range(n_boot):
            idx = moving_blocks(n, block, rng)
            value = _pearson(xs[idx], ys[idx])
            if not np.isnan(value):
                boots.append(value)
        low, high = np.quantile(boots, [0.05, 0.95]) if boots else (np.nan, np.nan)
        results.append(LagCorrelation(lag, r, n, float(p_value), float(low), float(high)))
    return results
