"""Seeded synthetic data with known truth, for testing the analyses (as ruptures' datasets do)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def piecewise_signal(
    years: range, breaks: list[int], levels: list[float], noise: float = 0.3, seed: int = 0
) -> pd.Series:
    """A yearly piecewise-constant series with breaks at the given years (first year of each new level)."""
    if len(levels) != len(breaks) + 1:
        raise ValueError("need one more level than breaks")
    rng = np.random.default_rng(seed)
    values = np.empty(len(years))
    for i, year in enumerate(years):
        segment = sum(year >= b for b in breaks)
        values[i] = levels[segment]
    return pd.Series(values + rng.normal(0, noise, len(years)), index=pd.Index(years, name="year"))


def correlated_components(
    years: range, n_components: int = 4, loading: float = 0.8, seed: int = 0
) -> tuple[pd.DataFrame, pd.Series]:
    """Components driven by one latent series (the truth) plus independent noise."""
    rng = np.random.default_rng(seed)
    latent = pd.Series(np.cumsum(rng.normal(0, 1, len(years))), index=pd.Index(years, name="year"))
    latent = (latent - latent.mean()) / latent.std()
    noise_sd = float(np.sqrt(1 - loading**2))
    data = {f"c{k}": loading * latent.to_numpy() + rng.normal(0, noise_sd, len(years)) for k in range(n_components)}
    return pd.DataFrame(data, index=latent.index), latent


def lagged_pair(years: range, lag: int, strength: float = 0.8, seed: int = 0) -> tuple[pd.Series, pd.Series]:
    """x drives y ``lag`` years later: y_t = strength * x_{t-lag} + noise."""
    rng = np.random.default_rng(seed)
    n = len(years) + lag
    x_full = rng.normal(0, 1, n)
    y = strength * x_full[: len(years)] + rng.normal(0, float(np.sqrt(1 - strength**2)), len(years))
    index = pd.Index(years, name="year")
    return pd.Series(x_full[lag:], index=index), pd.Series(y, index=index)
