"""The relations index: how close two states are, year by year.

Method (stated in the methods text of the report):

1. Each component (net cooperation of curated events, UN General Assembly
   agreement, aid, arms transfers, alliance ties …) is oriented so that higher
   means closer and standardized to a z-score over the dyad's years.
2. The weights are the loadings of the first principal component of the
   components' correlation matrix, estimated from pairwise-complete years
   (components cover different spans: UN votes end in 2019, the chronology in
   2021), signed so that they sum to a positive number. Every component is
   oriented beforehand so that higher means closer, so a negative loading can
   only mean that the component does not share the common factor; its weight
   is set to zero (it is reported, and the sensitivity analysis shows the index
   with equal weights) rather than letting more cooperation count as less.
3. The index of a year is the weighted mean of the components available that
   year, provided at least ``min_components`` are; otherwise it is missing.

Why principal components rather than a latent-factor model: with a few dozen
years and five or six components, a one-factor measurement model is weakly
identified, while PC1 of the correlation matrix is a transparent, deterministic
summary of the common variance; its share of variance is reported, and the
sensitivity analysis shows how much any single component drives the result.

Uncertainty: a bootstrap that resamples years (re-estimating the
standardization and the weights) and, for the event component, resamples the
events inside each year; bands are the 5th and 95th percentiles.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class IndexResult:
    """A fitted index: the series, its band, the weights and how much variance PC1 explains."""

    index: pd.Series
    lower: pd.Series
    upper: pd.Series
    weights: pd.Series
    explained: float
    components: pd.DataFrame
    n_boot: int

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({"index": self.index, "lower": self.lower, "upper": self.upper})


def standardize(components: pd.DataFrame) -> pd.DataFrame:
    """Column z-scores; a constant column becomes all-missing (it carries no information)."""
    sd = components.std(ddof=1)
    sd = sd.where(sd > 0)
    return (components - components.mean()) / sd


def pc1_weights(z: pd.DataFrame) -> tuple[pd.Series, float]:
    """Loadings of the first principal component of the pairwise-complete correlation matrix."""
    usable = z.dropna(axis=1, how="all")
    if usable.shape[1] == 0:  # e.g. a bootstrap draw in which every component is constant
        return pd.Series(0.0, index=z.columns), float("nan")
    corr = usable.corr(min_periods=3).fillna(0.0).to_numpy(copy=True)
    np.fill_diagonal(corr, 1.0)
    values, vectors = np.linalg.eigh(corr)
    first = vectors[:, -1]
    if first.sum() < 0:
        first = -first
    explained = float(values[-1] / values.sum())
    first = np.clip(first, 0.0, None)
    if not first.any():
        first = np.ones_like(first)
    weights = pd.Series(first, index=usable.columns).reindex(z.columns).fillna(0.0)
    return weights, explained


def combine(z: pd.DataFrame, weights: pd.Series, min_components: int) -> pd.Series:
    """Weighted mean of the available standardized components in each year."""
    present = z.notna()
    w = weights.reindex(z.columns).fillna(0.0)
    numerator = (z.fillna(0.0) * w).sum(axis=1)
    denominator = (present * w.abs()).sum(axis=1)
    index = numerator / denominator.where(denominator > 0)
    return index.where(present.sum(axis=1) >= min_components)


@dataclass
class RelationsIndex:
    """Estimator with explicit parameters, in the style of ruptures: ``fit`` then read the result."""

    min_components: int = 2
    n_boot: int = 200
    seed: int = 0
    band: tuple[float, float] = (0.05, 0.95)
    event_component: str = "events_net"
    _result: IndexResult | None = field(default=None, init=False, repr=False)

    def fit(
        self,
        components: pd.DataFrame,
        events_by_year: Mapping[int, np.ndarray] | None = None,
        weights: pd.Series | None = None,
    ) -> IndexResult:
        """Fit on a year-indexed frame of oriented components (higher = closer).

        ``events_by_year`` maps a year to the Goldstein weights of its curated events, so the
        bootstrap can resample events within years. ``weights`` fixes the weights (for the
        sensitivity analysis) instead of estimating PC1.
        """
        if components.empty or components.shape[1] == 0:
            raise ValueError("no components to combine")
        z = standardize(components)
        fixed = weights is not None
        w, explained = (weights, float("nan")) if fixed else pc1_weights(z)
        assert w is not None
        index = combine(z, w, self.min_components)
        rng = np.random.default_rng(self.seed)
        draws = np.full((self.n_boot, len(components)), np.nan)
        years = components.index.to_numpy()
        for b in range(self.n_boot):
            boot = components.copy()
            if events_by_year and self.event_component in boot.columns:
                boot[self.event_component] = [
                    rng.choice(events_by_year[y], size=len(events_by_year[y])).mean()
                    if y in events_by_year and len(events_by_year[y])
                    else np.nan
                    for y in years
                ]
            sample = rng.choice(len(years), size=len(years), replace=True)
            ref = boot.iloc[sample]
            sd = ref.std(ddof=1)
            zb = (boot - ref.mean()) / sd.where(sd > 0)
            wb = w if fixed else pc1_weights(zb.iloc[sample])[0]
            if not fixed and float(np.dot(wb.fillna(0), w.reindex(wb.index).fillna(0))) < 0:
                wb = -wb
            draws[b] = combine(zb, wb, self.min_components).to_numpy()
        lo, hi = self.band
        lower = pd.Series(np.nan, index=components.index)
        upper = pd.Series(np.nan, index=components.index)
        if self.n_boot:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # all-missing years stay missing
                lower[:] = np.nanquantile(draws, lo, axis=0)
                upper[:] = np.nanquantile(draws, hi, axis=0)
        self._result = IndexResult(
            index=index.rename("index"),
            lower=lower.where(index.notna()),
            upper=upper.where(index.notna()),
            weights=w,
            explained=explained,
            components=components,
            n_boot=self.n_boot,
        )
        return self._result


def sensitivity(components: pd.DataFrame, min_components: int = 2) -> pd.DataFrame:
    """How the index moves when each component is dropped, and under equal weights.

    One row per variant: the correlation with the full index over common years, the
    mean and the largest absolute difference (in index units).
    """
    full = RelationsIndex(min_components=min_components, n_boot=0).fit(components).index
    variants: dict[str, pd.Series] = {}
    for name in components.columns:
        rest = components.drop(columns=name)
        if rest.shape[1] >= 1:
            variants[f"drop {name}"] = (
                RelationsIndex(min_components=min(min_components, rest.shape[1]), n_boot=0).fit(rest).index
            )
    equal = pd.Series(1.0, index=components.columns)
    variants["equal weights"] = (
        RelationsIndex(min_components=min_components, n_boot=0).fit(components, weights=equal).index
    )
    rows = []
    for name, series in variants.items():
        both = pd.concat([full, series], axis=1, keys=["full", "variant"]).dropna()
        diff = (both["full"] - both["variant"]).abs()
        rows.append(
            {
                "variant": name,
                "years": len(both),
                "correlation": float(both["full"].corr(both["variant"])) if len(both) > 2 else float("nan"),
                "mean_abs_diff": float(diff.mean()) if len(both) else float("nan"),
                "max_abs_diff": float(diff.max()) if len(both) else float("nan"),
            }
        )
    return pd.DataFrame(rows)
