"""First-order forecasts beside the bargaining model, so a reader sees what the dynamics add.

* the capability × salience weighted median (the position that beats every other in pairwise
  weighted votes) and weighted mean: what practitioners read off the input table;
* the asymmetric Nash bargaining solution (Harsanyi & Selten 1972; Kalai 1977): the position y
  maximising Σ_i w_i log(u_i(y) − d_i) with w_i = c_i s_i, linear utilities
  u_i(y) = 1 − |x_i − y|/R and the disagreement point d_i = 0 (no agreement is as bad as the far
  end of the issue). Concave in y, so the maximiser is unique; found on a grid then refined.

All functions take (D, n) arrays and return (D,).
"""

from __future__ import annotations

import numpy as np

from crossroads.scenarios.model import Array, median_voter
from crossroads.scenarios.model import weighted_mean as _weighted_mean

GRID = 1001
"""Grid points across the range, then a second pass of GRID points around the best: resolution R/10⁶."""


def weighted_mean(x: Array, w: Array) -> Array:
    return _weighted_mean(x, w)


def weighted_median(x: Array, w: Array) -> Array:
    return median_voter(x, w)


def _nash_objective(x: Array, w: Array, y: Array, span: Array) -> Array:
    """Σ_i w_i log(1 − |x_i − y|/R) for candidates y of shape (D, G)."""
    gain = 1 - np.abs(x[:, None, :] - y[:, :, None]) / span[:, None, None]
    with np.errstate(divide="ignore"):
        logs = np.where(gain > 0, np.log(np.clip(gain, 1e-300, None)), -np.inf)
    out: Array = (w[:, None, :] * logs).sum(axis=2)
    return out


def nash_bargaining(x: Array, w: Array) -> Array:
    """The asymmetric Nash bargaining solution on the actors' range (see module docstring)."""
    low, high = x.min(axis=1), x.max(axis=1)
    span = np.maximum(high - low, 1e-12)
    steps = np.linspace(0.0, 1.0, GRID)
    y = low[:, None] + span[:, None] * steps[None, :]
    best = y[np.arange(len(x)), np.argmax(_nash_objective(x, w, y, span), axis=1)]
    step = span / (GRID - 1)
    fine = np.clip(best[:, None] + step[:, None] * np.linspace(-1.0, 1.0, GRID)[None, :], low[:, None], high[:, None])
    out: Array = fine[np.arange(len(x)), np.argmax(_nash_objective(x, w, fine, span), axis=1)]
    return out
