"""Tests that know the truth: simulate worlds where each statistical claim is false or true.

A false world keeps the primary series' linear trend, its AR(1) persistence and variance
(estimated from the residuals) and its gaps (missing years stay missing); a true world adds the
plan's stated effect. The primary test is run on every world: the share of false worlds it calls
supported is the false-positive rate, the share of true worlds it calls supported is the power.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from crossroads.analysis.claims.checks import STRATEGIC_ERAS, _labels, phase_labels
from crossroads.analysis.claims.inputs import ClaimData
from crossroads.analysis.claims.nulls import SeriesModel, contrast_test, phase_test
from crossroads.analysis.claims.plan import Plan

Decide = Callable[[np.ndarray], bool]

NOT_CALIBRATED = {
    "fact_check": "a dated fact checked against the chronology: there is no chance mechanism, "
    "so no error rate to simulate",
    "descriptive": "a census of every year or event (not a sample), so there is no sampling error to calibrate",
    "not_testable": "no operationalisation of the claim exists in the data, so there is no test to calibrate",
}


@dataclass(frozen=True)
class Setup:
    """What a simulated world needs: the year grid, which years are observed, the effect and the decision."""

    years: np.ndarray
    observed: np.ndarray
    trend: np.ndarray
    phi: float
    sd: float
    effect: np.ndarray
    decide: Decide
    stated: str


def ar1_noise(n: int, phi: float, sd: float, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Stationary AR(1) paths (draws, n) with marginal standard deviation ``sd``."""
    shocks = rng.normal(0.0, sd * math.sqrt(1 - phi**2), size=(draws, n))
    out = np.empty((draws, n))
    out[:, 0] = rng.normal(0.0, sd, size=draws)
    for t in range(1, n):
        out[:, t] = phi * out[:, t - 1] + shocks[:, t]
    return out


def _setup(
    years: np.ndarray, values: np.ndarray, effect_years: np.ndarray, effect: float, decide: Decide, stated: str
) -> Setup:
    model = SeriesModel.fit(years, values, detrend=True)
    observed = ~np.isnan(values)
    trend = np.full(len(years), np.nan)
    trend[observed] = model.fitted
    scale = model.marginal_sd if not stated.startswith("aid") else 1.0
    return Setup(years, observed, trend, model.phi, model.marginal_sd, effect_years * effect * scale, decide, stated)


def _contrast_setup(data: ClaimData, spec: dict[str, Any], claim: str, stated: str) -> Setup:
    eras = data.era_years(int(spec["era_shift"]))
    years = np.array(list(data.years))
    detrend = spec["detrend"] == "yes"
    alpha = float(spec["alpha"])
    null = spec["null_model"]
    if claim == "C3":
        labels = _labels(data, {0: eras["e1"], 1: eras["e2"]})
        values = data.closeness(spec["index"]).reindex(years).to_numpy(float)

        def decide(v: np.ndarray) -> bool:
            r = contrast_test(
                years, v, labels, 3, {"c": np.array([-1.0, 1.0, 0.0])}, detrend=detrend, null=null, seed=data.seed
            )["c"]
            return r.p_value < alpha and r.estimate > 0

        return _setup(years, values, (labels == 1).astype(float), 1.0, decide, stated)
    if claim == "C6":
        start, end = (int(y) for y in str(spec["after"]).split("-"))
        after = list(range(max(eras["e5"]) + 1, max(eras["e5"]) + 2 + end - start))
        labels = _labels(data, {0: eras["e4"], 1: eras["e5"], 2: after})
        values = data.closeness(spec["index"]).reindex(years).to_numpy(float)
        contrasts = {"rise": np.array([-1.0, 1.0, 0.0, 0.0]), "fall": np.array([0.0, 1.0, -1.0, 0.0])}

        def decide(v: np.ndarray) -> bool:
            r = contrast_test(years, v, labels, 4, contrasts, detrend=detrend, null=null, seed=data.seed)
            rose = r["rise"].p_value < alpha and r["rise"].estimate > 0
            fell = r["fall"].p_value < alpha and r["fall"].estimate > 0
            return rose and not fell

        return _setup(years, values, np.isin(labels, [1, 2]).astype(float), 1.0, decide, stated)
    if claim == "C9":
        chosen = tuple(spec.get("strategic_eras") or STRATEGIC_ERAS)
        strategic = [y for era in chosen for y in eras[era]]
        labels = _labels(data, {0: [y for y in data.years if y not in strategic], 1: strategic})
        aid = data.aid(spec["csf"], spec["dollars"], spec["fiscal"], spec["zeros"])
        values = np.log1p(aid.clip(lower=0)).reindex(years).to_numpy(float)

        def decide(v: np.ndarray) -> bool:
            r = contrast_test(
                years, v, labels, 2, {"c": np.array([-1.0, 1.0])}, detrend=detrend, null=null, seed=data.seed
            )["c"]
            return r.p_value < alpha and r.estimate > 0

        return _setup(years, values, (labels == 1).astype(float), math.log(2), decide, stated)
    if claim == "C10":
        labels, _ = phase_labels(data, spec)
        values = data.prospects(spec["prospects"]).reindex(years).to_numpy(float)

        def decide(v: np.ndarray) -> bool:
            r = phase_test(years, v, labels, detrend=detrend, null=null, seed=data.seed)
            return r.p_value < alpha

        return _setup(years, values, np.where(labels % 2 == 0, 0.5, -0.5), 1.0, decide, stated)
    raise KeyError(claim)


@dataclass(frozen=True)
class Calibration:
    id: str
    applies: bool
    false_positive_rate: float | None = None
    power: float | None = None
    simulations: int = 0
    effect: str = ""
    autocorrelation: float | None = None
    meets_targets: bool | None = None
    power_at_larger_effects: dict[str, float] | None = None
    reason: str = ""
    seconds: float = 0.0


EFFECT_MULTIPLES = (1.5, 2.0, 3.0)
"""Multiples of the stated effect at which power is also reported (how large an effect the data could see)."""


def _worlds(setup: Setup, simulations: int, seed: int) -> np.ndarray:
    noise = ar1_noise(len(setup.years), setup.phi, setup.sd, 2 * simulations, np.random.default_rng(seed))
    worlds = setup.trend[None, :] + noise
    worlds[:, ~setup.observed] = np.nan
    return np.asarray(worlds)


def error_rates(setup: Setup, simulations: int, seed: int = 0) -> tuple[float, float]:
    """(false-positive rate, power): the test's verdicts on worlds without and with the stated effect."""
    worlds = _worlds(setup, simulations, seed)
    false_hits = sum(setup.decide(worlds[i]) for i in range(simulations))
    true_hits = sum(setup.decide(worlds[simulations + i] + setup.effect) for i in range(simulations))
    return false_hits / simulations, true_hits / simulations


def power_by_effect(setup: Setup, simulations: int, seed: int = 0) -> dict[str, float]:
    """Power at larger multiples of the stated effect, on the same simulated worlds."""
    worlds = _worlds(setup, simulations, seed)[simulations:]
    return {
        f"{multiple:g}x": sum(setup.decide(w + multiple * setup.effect) for w in worlds) / simulations
        for multiple in EFFECT_MULTIPLES
    }


def calibrate_claim(data: ClaimData, plan: Plan, claim: str, simulations: int = 200, seed: int = 0) -> Calibration:
    """False-positive rate and power of the claim's primary test on simulated worlds."""
    import time

    entry = plan.claims[claim]
    kind = str(entry.get("kind", ""))
    if kind != "statistical":
        return Calibration(claim, False, reason=NOT_CALIBRATED.get(kind, "not a statistical claim"))
    started = time.perf_counter()
    stated = str((entry.get("calibration") or {}).get("effect", ""))
    if claim == "C9":
        stated = "aid " + stated
    setup = _contrast_setup(data, plan.primary(claim), claim, stated)
    fpr, power = error_rates(setup, simulations, seed)
    larger = power_by_effect(setup, simulations, seed)
    targets = plan.targets
    meets = fpr <= float(targets.get("false_positive_rate", 0.10)) and power >= float(targets.get("power", 0.80))
    return Calibration(
        claim,
        True,
        false_positive_rate=fpr,
        power=power,
        simulations=simulations,
        effect=stated.removeprefix("aid "),
        autocorrelation=setup.phi,
        meets_targets=meets,
        power_at_larger_effects=larger,
        seconds=time.perf_counter() - started,
    )


def calibrate(data: ClaimData, plan: Plan, simulations: int = 200, seed: int = 0) -> list[Calibration]:
    return [calibrate_claim(data, plan, claim, simulations, seed) for claim in plan.claims]
