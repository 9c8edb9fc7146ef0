"""Phases: change points in a yearly series, their confidence, and a comparison with the eras.

Detection uses ruptures' PELT with an L2 cost (changes in mean). The penalty is
fixed by a stated rule, never tuned toward the historians' eras:
``penalty = PENALTY_FACTOR * sigma**2 * log(n)`` (a BIC-type penalty), with
the noise ``sigma`` estimated robustly from first differences (median absolute
deviation / (0.6745 * sqrt 2)), and a minimum phase length of ``min_size``
years. ``PENALTY_FACTOR = 3`` was calibrated on synthetic data only (pure
Gaussian noise of 75 years: a spurious break in 1 of 40 runs; three planted
shifts of five noise s.d.: all three found in 38 of 40), never on the eras.

Confidence of each break: a residual bootstrap. The fitted piecewise-constant
mean plus residuals resampled in blocks of ``block`` years gives ``n_boot``
synthetic series; the confidence of a break is the share of them in which a
break is detected within ``margin`` years of it.

Comparison with the eras: precision and recall within a margin, and the
Hausdorff distance (years), from ``ruptures.metrics``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import ruptures as rpt
from ruptures.metrics import hausdorff, precision_recall

from crossroads.analysis.resample import moving_blocks

PENALTY_FACTOR = 3.0


@dataclass(frozen=True)
class Phases:
    """Breaks (first year of each new phase), their confidence, and the phase means."""

    breaks: list[int]
    confidence: dict[int, float]
    segments: pd.DataFrame
    penalty: float
    sigma: float


def noise_sigma(values: np.ndarray) -> float:
    diffs = np.diff(values)
    if len(diffs) == 0:
        return 0.0
    mad = float(np.median(np.abs(diffs - np.median(diffs))))
    return float(mad / (0.6745 * np.sqrt(2)))


def _detect(values: np.ndarray, penalty: float, min_size: int) -> list[int]:
    """Positions (end-exclusive indices) of breaks, without the final n."""
    if len(values) < 2 * min_size or penalty <= 0:
        return []
    algo = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(values.reshape(-1, 1))
    return [int(b) for b in algo.predict(pen=penalty)[:-1]]


def _segments(series: pd.Series, positions: list[int]) -> pd.DataFrame:
    edges = [0, *positions, len(series)]
    years = series.index.to_numpy()
    rows = []
    for start, end in itertools.pairwise(edges):
        part = series.iloc[start:end]
        rows.append(
            {
                "start": int(years[start]),
                "end": int(years[end - 1]),
                "mean": float(part.mean()),
                "years": end - start,
            }
        )
    return pd.DataFrame(rows)


def detect_phases(
    series: pd.Series,
    min_size: int = 3,
    n_boot: int = 200,
    block: int = 3,
    margin: int = 2,
    seed: int = 0,
) -> Phases:
    """Find change points in a yearly series (missing years are dropped, not filled)."""
    clean = series.dropna().astype(float)
    values = clean.to_numpy()
    n = len(values)
    sigma = noise_sigma(values)
    penalty = PENALTY_FACTOR * sigma**2 * np.log(max(n, 2))
    positions = _detect(values, penalty, min_size)
    years = clean.index.to_numpy()
    breaks = [int(years[p]) for p in positions]
    segments = _segments(clean, positions)
    fitted = np.repeat(segments["mean"].to_numpy(float), segments["years"].to_numpy(int))
    residuals = values - fitted
    rng = np.random.default_rng(seed)
    hits = dict.fromkeys(breaks, 0)
    for _ in range(n_boot):
        resampled = residuals[moving_blocks(n, block, rng)]
        found = [int(years[p]) for p in _detect(fitted + resampled, penalty, min_size)]
        for brk in breaks:
            if any(abs(f - brk) <= margin for f in found):
                hits[brk] += 1
    confidence = {b: (hits[b] / n_boot if n_boot else float("nan")) for b in breaks}
    return Phases(breaks, confidence, segments, float(penalty), float(sigma))


def compare_with_eras(breaks: list[int], era_starts: list[int], years: list[int], margin: int = 2) -> dict[str, float]:
    """Precision/recall within ``margin`` years and the Hausdorff distance in years.

    ``era_starts`` are the first years of the eras after the first; both sets are mapped to
    positions in ``years`` (the years the series covers) as ruptures expects.
    """
    position = {y: i for i, y in enumerate(years)}
    n = len(years)
    true = sorted({position[y] for y in era_starts if y in position} | {n})
    found = sorted({position[y] for y in breaks if y in position} | {n})
    result: dict[str, float] = {"margin_years": float(margin)}
    if len(found) == 1 or len(true) == 1:
        result.update(precision=float("nan"), recall=float("nan"), f1=float("nan"), hausdorff_years=float("nan"))
        return result
    precision, recall = precision_recall(true, found, margin=margin)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result.update(
        precision=float(precision),
        recall=float(recall),
        f1=float(f1),
        hausdorff_years=float(hausdorff(true, found)),
    )
    return result
