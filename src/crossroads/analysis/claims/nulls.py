"""Null models for yearly series that trend, remember their past and have gaps.

A claim about eras is a contrast between groups of years. It is estimated by generalised
least squares with AR(1) errors (exact for irregular gaps), optionally with a linear trend,
and its null distribution comes from breaking the link between the series and the dates
while keeping the series as it is: rotating the group labels (circular shifts), resampling
residuals in blocks of a data-chosen length (stationary bootstrap), or drawing random
segmentations with the same number of phases. The whitening and the pseudo-inverse are
computed once per specification and reused for every null draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from arch.bootstrap import optimal_block_length

MAX_PHI = 0.95


def ar1_coefficient(residuals: np.ndarray, years: np.ndarray) -> float:
    """Lag-1 autocorrelation from pairs of consecutive years, clipped to [0, MAX_PHI]."""
    consecutive = np.diff(years) == 1
    if consecutive.sum() < 3 or not np.any(residuals):
        return 0.0
    num = float(np.sum(residuals[1:][consecutive] * residuals[:-1][consecutive]))
    den = float(np.sum(residuals**2)) * consecutive.sum() / max(len(residuals) - 1, 1)
    return float(np.clip(num / den if den > 0 else 0.0, 0.0, MAX_PHI))


@dataclass(frozen=True)
class Whitening:
    """The AR(1) whitening operator for observations at ``years``: bidiagonal, applied along axis -2."""

    diagonal: np.ndarray
    lower: np.ndarray

    @classmethod
    def for_years(cls, years: np.ndarray, phi: float) -> Whitening:
        decay = phi ** np.diff(years).astype(float)
        scale = np.where(decay < 1, np.sqrt((1 - phi**2) / np.maximum(1 - decay**2, 1e-12)), 1.0)
        diagonal = np.concatenate([[np.sqrt(1 - phi**2)], scale]) if len(years) else np.empty(0)
        return cls(diagonal, -decay * scale)

    def __matmul__(self, values: np.ndarray) -> np.ndarray:
        """W @ values for values of shape (..., m) treated as columns when 1-D, or (..., m, k)."""
        vector = values.ndim == 1
        arr = values[:, None] if vector else values
        out = arr * self.diagonal[:, None]
        out[..., 1:, :] += arr[..., :-1, :] * self.lower[:, None]
        return np.asarray(out[:, 0] if vector else out)


def whitening(years: np.ndarray, phi: float) -> Whitening:
    """The operator W with W @ e iid when e is AR(1) with coefficient ``phi`` observed at ``years``."""
    return Whitening.for_years(years, phi)


def _least_squares(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Batched least squares (S, p) for designs x (S, m, p) and one response y (m): normal equations.

    A group without observed years gives an all-zero column; the tiny ridge keeps the system solvable and
    its coefficient at zero (the tests mark such draws undefined by their group counts).
    """
    xtx = np.einsum("smp,smq->spq", x, x)
    xtx += 1e-9 * np.eye(x.shape[-1])[None, :, :]
    xty = np.einsum("smp,m->sp", x, y)
    return np.asarray(np.linalg.solve(xtx, xty[..., None])[..., 0])


def _base_design(years: np.ndarray, detrend: bool) -> np.ndarray:
    columns = [np.ones(len(years))]
    if detrend:
        columns.append((years - years.mean()) / max(float(np.ptp(years)), 1.0))
    return np.column_stack(columns)


@dataclass(frozen=True)
class SeriesModel:
    """A series on its observed years with its null fit (trend or mean) and AR(1) whitening."""

    years: np.ndarray
    values: np.ndarray
    detrend: bool
    phi: float
    fitted: np.ndarray
    residuals: np.ndarray
    w: Whitening

    @classmethod
    def fit(cls, years: np.ndarray, values: np.ndarray, detrend: bool) -> SeriesModel:
        keep = ~np.isnan(values)
        years, values = years[keep].astype(float), values[keep].astype(float)
        base = _base_design(years, detrend)
        beta, *_ = np.linalg.lstsq(base, values, rcond=None)
        fitted = base @ beta
        residuals = values - fitted
        phi = ar1_coefficient(residuals, years)
        return cls(years, values, detrend, phi, fitted, residuals, whitening(years, phi))

    @property
    def marginal_sd(self) -> float:
        return float(np.std(self.residuals, ddof=1)) if len(self.residuals) > 1 else 0.0

    def design(self, labels: np.ndarray, n_groups: int) -> np.ndarray:
        """Group dummies (one per group, spanning the constant) plus the trend; ``labels`` per observed year."""
        dummies = (labels[..., None] == np.arange(n_groups)).astype(float)
        if not self.detrend:
            return np.asarray(dummies)
        trend = _base_design(self.years, True)[:, 1]
        trend = np.broadcast_to(trend, labels.shape)[..., None]
        return np.concatenate([dummies, trend], axis=-1)

    def coefficients(self, labels: np.ndarray, n_groups: int) -> np.ndarray:
        """GLS coefficients (S, p) for a stack of label vectors (S, m)."""
        x = self.w @ self.design(np.atleast_2d(labels), n_groups)
        return _least_squares(x, self.w @ self.values)

    def resampled_coefficients(self, labels: np.ndarray, n_groups: int, ys: np.ndarray) -> np.ndarray:
        """GLS coefficients (B, p) of resampled series ``ys`` (B, m) under one label vector (m)."""
        x = self.w @ self.design(labels, n_groups)
        return np.asarray((np.linalg.pinv(x) @ (self.w @ np.ascontiguousarray(ys.T))).T)

    def explained(self, labels: np.ndarray, n_groups: int) -> np.ndarray:
        """Share of the whitened variance left by the null fit that the groups explain, per label vector."""
        y = self.w @ self.values
        base = self.w @ _base_design(self.years, self.detrend)
        rss0 = float(np.sum((y - base @ np.linalg.lstsq(base, y, rcond=None)[0]) ** 2))
        x = self.w @ self.design(np.atleast_2d(labels), n_groups)
        beta = _least_squares(x, y)
        rss = np.sum((y[None, :] - np.einsum("smp,sp->sm", x, beta)) ** 2, axis=1)
        return np.asarray(1 - rss / rss0) if rss0 > 0 else np.zeros(len(rss))


def circular_labels(labels_grid: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """Every non-trivial rotation of the labels over the full year grid, read at the observed positions."""
    n = len(labels_grid)
    shifts = np.arange(1, n)
    index = (np.arange(n)[None, :] - shifts[:, None]) % n
    return np.asarray(labels_grid[index][:, observed])


def block_length(residuals: np.ndarray) -> int:
    """Politis-White stationary-bootstrap block length, kept between 2 and a quarter of the series."""
    if len(residuals) < 8 or not np.any(residuals):
        return 2
    value = float(optimal_block_length(residuals)["stationary"].iloc[0])
    return int(np.clip(round(value), 2, max(2, len(residuals) // 4)))


def stationary_indices(n: int, block: float, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Politis-Romano stationary bootstrap indices (draws, n): runs of geometric mean length ``block``, wrapping.

    The same scheme as ``arch.bootstrap.StationaryBootstrap``, drawn for all replicates at once.
    """
    starts = rng.integers(0, n, size=(draws, n))
    new_run = rng.random((draws, n)) < 1.0 / block
    new_run[:, 0] = True
    run_start = np.where(new_run, np.arange(n)[None, :], 0)
    run_start = np.maximum.accumulate(run_start, axis=1)
    origin = np.take_along_axis(starts, run_start, axis=1)
    return np.asarray((origin + np.arange(n)[None, :] - run_start) % n)


def stationary_resamples(model: SeriesModel, draws: int, seed: int) -> np.ndarray:
    """``draws`` series: the null fit plus residuals resampled by a stationary block bootstrap."""
    if len(model.residuals) < 4:
        return np.empty((0, len(model.residuals)))
    index = stationary_indices(len(model.residuals), block_length(model.residuals), draws, np.random.default_rng(seed))
    return np.asarray(model.fitted[None, :] + model.residuals[index])


@lru_cache(maxsize=16)
def seeded_segmentations(n: int, breaks: int, min_size: int, draws: int, seed: int) -> np.ndarray:
    """:func:`random_segmentations` for a seed, computed once per process (every specification shares them)."""
    labels = random_segmentations(n, breaks, min_size, draws, np.random.default_rng(seed))
    labels.setflags(write=False)
    return labels


def random_segmentations(n: int, breaks: int, min_size: int, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Labels (draws, n) of random segmentations of n years into ``breaks`` + 1 phases of >= min_size years."""
    if breaks == 0 or n < (breaks + 1) * min_size:
        return np.zeros((draws, n), dtype=int)
    # Stars and bars: spread the free years over the phases, then add the minimum to each.
    free = n - (breaks + 1) * min_size
    cuts = np.sort(rng.integers(0, free + 1, size=(draws, breaks)), axis=1)
    sizes = np.diff(np.column_stack([np.zeros(draws, int), cuts, np.full(draws, free)]), axis=1) + min_size
    starts = np.cumsum(sizes, axis=1)[:, :-1]
    positions = np.arange(n)
    return np.asarray((positions[None, :, None] >= starts[:, None, :]).sum(axis=2))


def one_sided_p(observed: float, null: np.ndarray) -> float:
    """(1 + #{null >= observed}) / (1 + draws), ignoring undefined draws."""
    null = null[~np.isnan(null)]
    if np.isnan(observed) or len(null) == 0:
        return float("nan")
    return float((1 + np.sum(null >= observed - 1e-12)) / (1 + len(null)))


@dataclass(frozen=True)
class ContrastResult:
    estimate: float
    p_value: float
    phi: float
    draws: int


def _counts(labels: np.ndarray, n_groups: int) -> np.ndarray:
    return np.asarray((np.atleast_2d(labels)[..., None] == np.arange(n_groups)).sum(axis=1))


def contrast_test(
    years: np.ndarray,
    values: np.ndarray,
    labels: np.ndarray,
    n_groups: int,
    contrasts: dict[str, np.ndarray],
    *,
    detrend: bool,
    null: str,
    seed: int = 0,
    draws: int = 499,
) -> dict[str, ContrastResult]:
    """One-sided tests of linear contrasts of group levels (positive = the claim's direction).

    ``years``, ``values`` and ``labels`` cover the full year grid (values may be NaN); labels are
    group numbers 0..n_groups-1.
    """
    observed = ~np.isnan(values)
    model = SeriesModel.fit(years, values, detrend)
    own = labels[observed]
    beta = model.coefficients(own, n_groups)[0]
    if null == "circular_shift":
        stack = circular_labels(labels, observed)
        null_beta = model.coefficients(stack, n_groups)
        counts = _counts(stack, n_groups)
    elif null == "stationary_bootstrap":
        ys = stationary_resamples(model, draws, seed)
        null_beta = model.resampled_coefficients(own, n_groups, ys)
        counts = np.repeat(_counts(own, n_groups), len(ys), axis=0)
    else:
        raise ValueError(f"unknown null model {null!r}")
    own_counts = _counts(own, n_groups)[0]
    out = {}
    for name, vector in contrasts.items():
        used = vector[:n_groups] != 0
        estimate = float(beta[: len(vector)] @ vector) if own_counts[used].all() else float("nan")
        null_stats = null_beta[:, : len(vector)] @ vector
        null_stats = np.where(counts[:, used].all(axis=1), null_stats, np.nan)
        out[name] = ContrastResult(estimate, one_sided_p(estimate, null_stats), model.phi, len(null_stats))
    return out


def phase_test(
    years: np.ndarray,
    values: np.ndarray,
    labels: np.ndarray,
    *,
    detrend: bool,
    null: str,
    seed: int = 0,
    draws: int = 999,
    min_size: int = 3,
) -> ContrastResult:
    """Do the phases explain the series beyond its trend and autocorrelation? (explained-variance share)."""
    observed = ~np.isnan(values)
    n_groups = int(labels.max()) + 1
    model = SeriesModel.fit(years, values, detrend)
    estimate = float(model.explained(labels[observed], n_groups)[0])
    if null == "random_segmentation":
        stack = seeded_segmentations(len(years), n_groups - 1, min_size, draws, seed)
    elif null == "circular_shift":
        stack = circular_labels(labels, np.ones(len(years), dtype=bool))
    else:
        raise ValueError(f"unknown null model {null!r}")
    null_stats = model.explained(stack[:, observed], n_groups)
    return ContrastResult(estimate, one_sided_p(estimate, null_stats), model.phi, len(null_stats))
