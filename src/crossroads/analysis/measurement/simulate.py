"""A seeded simulator with a known truth: latent random-walk paths read through the model's indicators.

The skeleton of a simulation is a real set of observations: the same dyads, years and
indicator cells, so the simulated data have the real data's missingness (series that
start late or end early, the UN's missing 1964 session) and the real joint-vote counts.
Measurement parameters are the posterior means of a real fit when given (so zero rates
and dispersion match the real data), otherwise stated defaults. Paths are random walks
with unit innovations, standardised over all dyad-years as the model's states are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from crossroads.analysis.measurement.assemble import Observations, log_scales
from crossroads.analysis.measurement.model import INITIAL_SD, SHIFT_SD, model_data, ordered_probs

DEFAULTS: dict[str, float] = {
    "bb_alpha": -0.3,
    "bb_lambda": 1.0,
    "bb_kappa": 40.0,
    "h_alpha0": 1.5,
    "h_lambda0": 1.5,
    "h_alpha1": 0.0,
    "h_lambda1": 0.8,
    "h_sigma": 0.6,
    "o_cut": 1.0,
    "o_gap": 1.5,
    "o_lambda": 1.5,
    "nb_alpha": -0.2,
    "nb_lambda": 0.5,
    "nb_phi": 5.0,
}
"""Measurement parameters of a simulation when none are given; loadings per standard deviation of the state."""


@dataclass(frozen=True)
class Simulation:
    obs: Observations
    truth: np.ndarray  # (dyads, years, dims)
    params: dict[str, np.ndarray]


def random_walks(rng: np.random.Generator, n_dyads: int, n_years: int, n_dims: int) -> np.ndarray:
    """Gaussian random walks with unit innovations, standardised over all dyad-years as in the model."""
    start = rng.normal(0.0, INITIAL_SD, size=(n_dyads, 1, n_dims))
    z = start + np.cumsum(
        np.concatenate([np.zeros((n_dyads, 1, n_dims)), rng.normal(size=(n_dyads, n_years - 1, n_dims))], axis=1),
        axis=1,
    )
    centred = z - z.mean(axis=(0, 1), keepdims=True)
    return np.asarray(centred / centred.std(axis=(0, 1), keepdims=True))


def simulate(
    skeleton: Observations, n_dims: int = 1, params: dict[str, np.ndarray] | None = None, seed: int = 0
) -> Simulation:
    """Draw a truth and observations on the cells of ``skeleton``."""
    rng = np.random.default_rng(seed)
    md = model_data(skeleton, n_dims)
    sizes = {f: len(b.names) for f, b in md.blocks.items()}
    prefix = {"bb": "betabinom", "h": "hurdle", "o": "ordinal", "nb": "negbin"}
    chosen: dict[str, np.ndarray] = {}
    for name, value in DEFAULTS.items():
        family = prefix.get(name.split("_")[0])
        size = sizes.get(family or "", 0)
        if size:
            given = None if params is None else params.get(name)
            chosen[name] = np.asarray(given, float) if given is not None else np.full(size, value)
    truth = random_walks(rng, md.n_dyads, md.n_years, n_dims)
    exposure = rng.normal(size=md.n_dyads) if md.n_dyads > 1 else np.zeros(1)
    exposure = exposure - exposure.mean()
    frame = skeleton.frame.reset_index(drop=True).copy()
    values = frame["y"].to_numpy(float).copy()
    for family, b in md.blocks.items():
        rows = _rows_of(md, family)
        state = truth[b.d, b.t, b.k[b.j]] * b.sign[b.j]
        if family == "betabinom":
            p = expit(chosen["bb_alpha"][b.j] + chosen["bb_lambda"][b.j] * state)
            kappa = chosen["bb_kappa"][b.j]
            values[rows] = rng.binomial(b.n, rng.beta(p * kappa, (1 - p) * kappa))
        elif family == "hurdle":
            flow = rng.random(len(b.j)) < expit(chosen["h_alpha0"][b.j] + chosen["h_lambda0"][b.j] * state)
            standard = rng.normal(chosen["h_alpha1"][b.j] + chosen["h_lambda1"][b.j] * state, chosen["h_sigma"][b.j])
            values[rows] = np.where(flow, np.exp(standard * b.scale[b.j] + b.center[b.j]), 0.0)
        elif family == "ordinal":
            shift = rng.normal(0.0, SHIFT_SD, size=md.n_series)
            shift = shift - shift.mean()
            eta = chosen["o_lambda"][b.j] * state - shift[b.s]
            probs = ordered_probs(chosen["o_cut"][b.j], chosen["o_gap"][b.j], eta)
            values[rows] = (rng.random(len(b.j))[:, None] > probs.cumsum(axis=-1)).sum(axis=-1)
        else:
            mean = np.exp(chosen["nb_alpha"][b.j] + exposure[b.d] + chosen["nb_lambda"][b.j] * state)
            phi = chosen["nb_phi"][b.j]
            values[rows] = rng.poisson(rng.gamma(phi, mean / phi))
    frame["y"] = values
    return Simulation(
        obs=Observations(frame=frame, dyads=skeleton.dyads, years=skeleton.years, scales=log_scales(frame)),
        truth=truth,
        params=chosen,
    )


def _rows_of(md: object, family: str) -> np.ndarray:
    """Positions in the skeleton frame of one family's observations (``row_order`` is by family)."""
    order = md.row_order  # type: ignore[attr-defined]
    blocks = md.blocks  # type: ignore[attr-defined]
    start = 0
    for name, block in blocks.items():
        if name == family:
            return np.asarray(order[start : start + len(block.y)])
        start += len(block.y)
    return np.array([], dtype=int)


def coverage(truth: np.ndarray, theta_draws: np.ndarray, level: float = 0.9) -> float:
    """Share of true states inside their central ``level`` posterior interval (draws first)."""
    tail = (1 - level) / 2
    lo, hi = np.quantile(theta_draws, [tail, 1 - tail], axis=0)
    return float(np.mean((truth >= lo) & (truth <= hi)))
