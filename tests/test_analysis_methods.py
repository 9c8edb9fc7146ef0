"""The analysis methods recover planted truth in seeded synthetic data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crossroads.analysis.index import RelationsIndex, sensitivity
from crossroads.analysis.kashmir import lagged_correlation, prospects
from crossroads.analysis.phases import compare_with_eras, detect_phases
from crossroads.analysis.synthetic import correlated_components, lagged_pair, piecewise_signal

YEARS = range(1947, 2022)


def test_index_recovers_the_latent_series_despite_missing_years() -> None:
    components, latent = correlated_components(YEARS, n_components=5, seed=2)
    components.iloc[:15, 0] = np.nan  # a component that starts late, like UN votes for China
    components.iloc[-5:, 1] = np.nan
    result = RelationsIndex(n_boot=100, seed=1).fit(components)
    assert result.index.corr(latent) > 0.9
    assert result.explained > 0.5
    assert (result.weights > 0).all()
    inside = ((result.lower <= result.index) & (result.index <= result.upper)).mean()
    assert inside > 0.9 and (result.upper - result.lower).mean() > 0


def test_index_is_reproducible_with_a_seed() -> None:
    components, _ = correlated_components(YEARS, seed=3)
    first = RelationsIndex(n_boot=50, seed=7).fit(components)
    second = RelationsIndex(n_boot=50, seed=7).fit(components)
    pd.testing.assert_series_equal(first.lower, second.lower)


def test_index_is_missing_when_too_few_components_are_present() -> None:
    components, _ = correlated_components(YEARS, n_components=3, seed=4)
    components.iloc[:10, 1:] = np.nan
    result = RelationsIndex(min_components=2, n_boot=0).fit(components)
    assert result.index.iloc[:10].isna().all() and result.index.iloc[10:].notna().all()


def test_event_bootstrap_widens_the_band_where_events_disagree() -> None:
    components, _ = correlated_components(YEARS, n_components=3, seed=5)
    components = components.rename(columns={"c0": "events_net"})
    calm = {y: np.array([2.0, 2.0, 2.0]) for y in YEARS}
    stormy = {y: np.array([-10.0, 10.0, 0.0]) for y in YEARS}
    narrow = RelationsIndex(n_boot=100, seed=0).fit(components, calm)
    wide = RelationsIndex(n_boot=100, seed=0).fit(components, stormy)
    assert (wide.upper - wide.lower).mean() > (narrow.upper - narrow.lower).mean()


def test_sensitivity_reports_each_dropped_component_and_equal_weights() -> None:
    components, _ = correlated_components(YEARS, n_components=4, seed=6)
    table = sensitivity(components)
    assert list(table["variant"]) == ["drop c0", "drop c1", "drop c2", "drop c3", "equal weights"]
    assert (table["correlation"] > 0.9).all()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_phases_find_planted_breaks_with_high_confidence(seed: int) -> None:
    signal = piecewise_signal(YEARS, [1962, 1980, 2001], [1.0, -1.0, 1.5, -0.5], noise=0.4, seed=seed)
    phases = detect_phases(signal, n_boot=100, seed=seed)
    assert len(phases.breaks) == 3
    assert all(abs(found - true) <= 1 for found, true in zip(phases.breaks, [1962, 1980, 2001], strict=True))
    assert min(phases.confidence.values()) >= 0.8
    score = compare_with_eras(phases.breaks, [1962, 1980, 2001], list(YEARS), margin=2)
    assert score["precision"] == score["recall"] == 1.0 and score["hausdorff_years"] <= 1


def test_phases_find_nothing_in_pure_noise() -> None:
    noise = pd.Series(np.random.default_rng(0).normal(0, 1, len(YEARS)), index=pd.Index(YEARS, name="year"))
    assert detect_phases(noise, n_boot=0).breaks == []


def test_era_comparison_penalizes_breaks_far_from_the_eras() -> None:
    score = compare_with_eras([1950, 1995], [1962, 1980, 2001], list(YEARS), margin=2)
    assert score["precision"] < 1 and score["recall"] < 1 and score["hausdorff_years"] >= 12


def test_lagged_correlation_finds_the_planted_lag() -> None:
    x, y = lagged_pair(YEARS, lag=2, strength=0.8, seed=1)
    results = {r.lag: r for r in lagged_correlation(x, y, n_perm=199, n_boot=199)}
    assert max(results, key=lambda k: results[k].r) == 2
    assert results[2].r > 0.6 and results[2].p_value < 0.01
    assert results[2].ci_low > 0.4
    assert results[0].p_value > 0.01


def test_prospects_weigh_the_security_council_above_statements() -> None:
    rows = pd.DataFrame([
        {"event_id": "a", "year": 1950, "actor": "UNSC", "stance": "internationalize",
         "actors": ["UNSC", "IND", "PAK"], "dimensions": ["kashmir"], "cameo": "0355"},
        {"event_id": "b", "year": 1950, "actor": "RUS", "stance": "bilateral",
         "actors": ["RUS", "IND"], "dimensions": ["kashmir"], "cameo": "051"},
        {"event_id": "c", "year": 1960, "actor": "USA", "stance": "neutral",
         "actors": ["USA", "PAK"], "dimensions": ["kashmir", "mediation"], "cameo": "039"},
    ])  # fmt: skip
    table = prospects(rows, range(1950, 1962))
    assert table.loc[1950, "score"] == pytest.approx((3 * 1 + 1 * -1) / 4)
    assert table.loc[1960, "score"] == 0.0
    assert np.isnan(table.loc[1955, "score"]), "a year without coded stances is missing, not neutral"
    assert prospects(rows, range(1950, 1962), actor="USA").loc[1950, "stances"] == 0


def test_a_component_against_the_common_factor_gets_no_weight() -> None:
    components, latent = correlated_components(YEARS, n_components=4, seed=8)
    components["contrary"] = -latent + np.random.default_rng(1).normal(0, 0.3, len(latent))
    weights = RelationsIndex(n_boot=0).fit(components).weights
    assert weights["contrary"] == 0.0 and (weights.drop("contrary") > 0).all()


def test_a_draw_where_every_component_is_constant_gives_no_index_rather_than_an_error() -> None:
    """A one-component dyad whose bootstrap draw is all zeros (say, no arms in the years drawn) has no PC1."""
    from crossroads.analysis.index import pc1_weights

    weights, explained = pc1_weights(pd.DataFrame({"arms": [np.nan] * 10}))
    assert weights.to_dict() == {"arms": 0.0} and np.isnan(explained)
