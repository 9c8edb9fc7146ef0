"""Phases from the posterior: change points found on posterior draws of a path, set beside the eras.

Every posterior draw of a dyad's path goes through the same detector as the PCA index's
phases (ruptures' PELT, L2 cost, penalty ``PENALTY_FACTOR * sigma**2 * log n`` with the noise
estimated from first differences, minimum phase ``min_size`` years), so the breaks come
as a distribution over years rather than one set. Agreement with the historians' eras is
the F1 score of each draw's breaks (within ``margin`` years), compared with random
segmentations of the same years with the same number of breaks: "agrees with
historians" then means better than chance, with the share of random segmentations
doing at least as well as the p-value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import ruptures as rpt
from ruptures.metrics import precision_recall

from crossroads.analysis.phases import PENALTY_FACTOR, noise_sigma
from crossroads.model.reference import Reference
from crossroads.paths import data_dir


@dataclass(frozen=True)
class BreakDistribution:
    """Share of draws with a phase starting in each year, the breaks most draws agree on, and the era score."""

    years: list[int]
    probability: list[float]
    n_breaks: dict[int, float]
    breaks: list[int]
    f1_posterior: float
    f1_random: float
    p_chance: float
    era_starts: list[int]
    draws: int

    def as_dict(self) -> dict[str, object]:
        return {
            "break_probability": {str(y): round(p, 4) for y, p in zip(self.years, self.probability, strict=True) if p},
            "n_breaks": {str(k): round(v, 4) for k, v in self.n_breaks.items()},
            "breaks": self.breaks,
            "era_starts": self.era_starts,
            "f1_posterior": round(self.f1_posterior, 4),
            "f1_random_same_breaks": round(self.f1_random, 4),
            "p_chance": round(self.p_chance, 4),
            "draws": self.draws,
        }


def era_start_years(years: list[int]) -> list[int]:
    """First years of the eras after the first, from the reference eras, within ``years``."""
    eras = Reference(data_dir()).eras
    return [e.start.year for e in eras[1:] if years[0] < e.start.year <= years[-1]]


def detect(path: np.ndarray, min_size: int) -> list[int]:
    """Break positions (index of each new phase's first year) of one path."""
    n = len(path)
    sigma = noise_sigma(path)
    penalty = PENALTY_FACTOR * sigma**2 * np.log(max(n, 2))
    if n < 2 * min_size or penalty <= 0:
        return []
    algo = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(path.reshape(-1, 1))
    return [int(b) for b in algo.predict(pen=penalty)[:-1]]


def _f1(true: list[int], found: list[int], n: int, margin: int) -> float:
    if not found or not true:
        return 0.0
    precision, recall = precision_recall([*true, n], [*found, n], margin=margin)
    return float(2 * precision * recall / (precision + recall)) if precision + recall else 0.0


def random_breaks(n: int, count: int, min_size: int, rng: np.random.Generator) -> list[int]:
    """``count`` break positions uniformly at random, every phase at least ``min_size`` long."""
    slack = n - (count + 1) * min_size
    if count == 0 or slack < 0:
        return []
    # stars and bars: spread the slack over count + 1 phases uniformly
    cuts = np.sort(rng.choice(slack + count, size=count, replace=False)) - np.arange(count)
    return [int(c + (i + 1) * min_size) for i, c in enumerate(cuts)]


def break_distribution(
    paths: np.ndarray,
    years: list[int],
    min_size: int = 3,
    margin: int = 2,
    n_random: int = 50,
    seed: int = 0,
    era_starts: list[int] | None = None,
) -> BreakDistribution:
    """Breaks on every draw (rows of ``paths``), their distribution over years and the era comparison."""
    n = len(years)
    rng = np.random.default_rng(seed)
    starts = era_start_years(years) if era_starts is None else era_starts
    position = {y: i for i, y in enumerate(years)}
    true = sorted(position[y] for y in starts if y in position)
    hits = np.zeros(n)
    counts: dict[int, int] = {}
    f1_post, f1_rand, p_values = [], [], []
    for path in paths:
        found = detect(np.asarray(path, float), min_size)
        hits[found] += 1
        counts[len(found)] = counts.get(len(found), 0) + 1
        observed = _f1(true, found, n, margin)
        chance = [_f1(true, random_breaks(n, len(found), min_size, rng), n, margin) for _ in range(n_random)]
        f1_post.append(observed)
        f1_rand.append(float(np.mean(chance)))
        p_values.append(float(np.mean([c >= observed for c in chance])))
    probability = (hits / max(len(paths), 1)).tolist()
    return BreakDistribution(
        years=list(years),
        probability=[float(p) for p in probability],
        n_breaks={k: v / len(paths) for k, v in sorted(counts.items())},
        breaks=consensus(years, probability),
        f1_posterior=float(np.mean(f1_post)) if f1_post else float("nan"),
        f1_random=float(np.mean(f1_rand)) if f1_rand else float("nan"),
        p_chance=float(np.mean(p_values)) if p_values else float("nan"),
        era_starts=starts,
        draws=len(paths),
    )


def consensus(years: list[int], probability: list[float], window: int = 1, threshold: float = 0.5) -> list[int]:
    """Years where at least ``threshold`` of the draws put a break within ``window`` years (peak year kept)."""
    p = np.asarray(probability)
    mass = np.convolve(p, np.ones(2 * window + 1), mode="same")
    out: list[int] = []
    i = 0
    while i < len(p):
        if mass[i] >= threshold:
            j = i
            while j + 1 < len(p) and mass[j + 1] >= threshold:
                j += 1
            peak = i + int(np.argmax(p[i : j + 1]))
            out.append(int(years[peak]))
            i = j + 1
        else:
            i += 1
    return out
