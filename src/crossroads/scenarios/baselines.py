"""First-order forecasts beside the bargaining model, so a reader sees what the dynamics add.

* the capability × salience weighted median (the position that beats every other in pairwise
  weighted votes) and weighted mean: what practitioners read off the input table;
* the asymmetric (weighted) Nash bargaining solution (Kalai 1977): the position y
  maximising Σ_i w_i log(u_i(y) − d_i) with w_i = c_i s_i, linear utilities
  u_i(y) = 1 − |x_i − y|/R and the disagreement point d_i = 0 (no agreement is as bad as the far
  end of the issue). Concave in y, so the maximiser is unique.

All functions take (D, n) arrays and return (D,).
"""

from __future__ import annotations

import numpy as np

from crossroads.scenarios.model import Array, median_voter
from crossroads.scenarios.model import weighted_mean as _weighted_mean

STEPS = 90
"""Golden-section steps: the bracket shrinks by 0.618 each, to ~1e-19 of the range."""
_INV_PHI = (np.sqrt(5.0) - 1) / 2


def weighted_mean(x: Array, w: Array) -> Array:
    return _weighted_mean(x, w)


def weighted_median(x: Array, w: Array) -> Array:
    return median_voter(x, w)


def _nash_objective(x: Array, w: Array, y: Array, span: Array) -> Array:
    """Σ_i w_i log(1 − |x_i − y|/R) for one candidate y per draw, shape (D,)."""
    gain = 1 - np.abs(x - y[:, None]) / span[:, None]
    with np.errstate(divide="ignore"):
        logs = np.where(gain > 0, np.log(np.clip(gain, 1e-300, None)), -np.inf)
    out: Array = (w * logs).sum(axis=1)
    return out


def nash_bargaining(x: Array, w: Array) -> Array:
    """The asymmetric Nash bargaining solution on the actors' range (see module docstring).

    The objective is concave in y, so a golden-section search per draw finds its maximiser.
    """
    low, high = x.min(axis=1).astype(float), x.max(axis=1).astype(float)
    span = np.maximum(high - low, 1e-12)
    a, b = low.copy(), high.copy()
    c, d = b - _INV_PHI * (b - a), a + _INV_PHI * (b - a)
    fc, fd = _nash_objective(x, w, c, span), _nash_objective(x, w, d, span)
    for _ in range(STEPS):
        left = fc >= fd  # the maximum lies in [a, d]
        a, b = np.where(left, a, c), np.where(left, d, b)
        c, d = b - _INV_PHI * (b - a), a + _INV_PHI * (b - a)
        fc, fd = _nash_objective(x, w, c, span), _nash_objective(x, w, d, span)
    out: Array = (a + b) / 2
    return out
