"""The claim tests: plan, null models, multiverse and calibration on synthetic data with a known truth."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crossroads.analysis.claims.calibration import Setup, ar1_noise, calibrate_claim, error_rates, power_by_effect
from crossroads.analysis.claims.findings import FINDINGS
from crossroads.analysis.claims.inputs import era_years, fiscal_months, to_calendar
from crossroads.analysis.claims.nulls import (
    SeriesModel,
    contrast_test,
    phase_test,
    random_segmentations,
    stationary_indices,
    whitening,
)
from crossroads.analysis.claims.plan import PACKAGED_PLAN_DIR, Plan
from crossroads.model.reference import Reference
from crossroads.paths import data_dir

YEARS = np.arange(1947, 2022)


def _ar1(phi: float, seed: int, draws: int = 1) -> np.ndarray:
    return ar1_noise(len(YEARS), phi, 1.0, draws, np.random.default_rng(seed))


def _era_labels() -> np.ndarray:
    return np.where(YEARS < 1954, 0, np.where(YEARS <= 1962, 1, 2))


def test_plan_has_every_claim_with_a_primary_inside_its_alternatives() -> None:
    plan = Plan.load()
    assert list(plan.claims) == [f"C{i}" for i in range(1, 11)]
    for claim, entry in plan.claims.items():
        assert {"question", "kind", "operationalisation", "decision", "null_hypothesis"} <= set(entry), claim
        for name, options in (entry.get("alternatives") or {}).items():
            assert entry["primary"][name] in options, (claim, name)
    assert plan.sha256 == hashlib.sha256(plan.path.read_bytes()).hexdigest()


def test_every_plan_change_says_when_what_and_why() -> None:
    assert all({"date", "what", "why"} <= set(change) for change in Plan.load().changes)


def test_specifications_are_the_product_of_alternatives_with_the_primary_first() -> None:
    plan = Plan.load()
    specs = plan.specifications("C3")
    assert specs[0] == plan.primary("C3")
    assert len(specs) == 6 * 3 * 2 * 2 * 2  # index x era_shift x detrend x null_model x alpha
    assert len({repr(sorted(s.items())) for s in specs}) == len(specs)


def test_change_point_phases_ignore_era_shifts_so_they_are_not_counted_twice() -> None:
    specs = Plan.load().specifications("C10")
    assert all(s["era_shift"] == 0 for s in specs if s["phases"] == "change_points")
    assert len({s["index"] for s in specs if s["phases"] == "eras"}) == 1


def test_fiscal_years_map_to_calendar_years_by_months() -> None:
    assert fiscal_months(1965) == {1964: 0.5, 1965: 0.5}
    assert fiscal_months(1976) == {1975: 0.4, 1976: 0.6}
    assert fiscal_months(1980) == {1979: 0.25, 1980: 0.75}
    fiscal = pd.Series([12.0, 12.0, np.nan, 12.0], index=[1960, 1961, 1962, 1963])
    calendar = to_calendar(fiscal, "pro_rata")
    assert calendar[1960] == 12.0 and np.isnan(calendar[1961]) and np.isnan(calendar[1963])


def test_era_years_follow_the_reference_file_and_shift_together() -> None:
    eras = Reference(data_dir()).eras
    years = range(eras[0].start.year, eras[-1].end.year + 1)
    base, later = era_years(eras, years, 0), era_years(eras, years, 1)
    assert min(base["e2"]) == eras[1].start.year and min(later["e2"]) == eras[1].start.year + 1
    assert sum(len(v) for v in base.values()) == len(years)


def test_whitening_makes_ar1_noise_white() -> None:
    phi = 0.85
    noise = _ar1(phi, seed=1, draws=400)
    white = whitening(YEARS.astype(float), phi) @ noise.T
    lag1 = np.mean([np.corrcoef(w[1:], w[:-1])[0, 1] for w in white.T])
    assert abs(lag1) < 0.05


def test_circular_shift_contrast_holds_its_level_on_trending_autocorrelated_noise() -> None:
    labels = _era_labels()
    trend = np.linspace(1.0, -1.0, len(YEARS))
    hits = 0
    for seed in range(60):
        values = trend + _ar1(0.8, seed)[0]
        values[[3, 40, 41]] = np.nan  # gaps stay gaps
        result = contrast_test(
            YEARS, values, labels, 3, {"c": np.array([-1.0, 1.0, 0.0])}, detrend=True, null="circular_shift"
        )["c"]
        hits += result.p_value < 0.10
    assert hits / 60 <= 0.2


def test_contrast_finds_a_large_planted_step() -> None:
    labels = _era_labels()
    values = _ar1(0.5, seed=3)[0] + 4.0 * (labels == 1)
    for null in ("circular_shift", "stationary_bootstrap"):
        result = contrast_test(YEARS, values, labels, 3, {"c": np.array([-1.0, 1.0, 0.0])}, detrend=True, null=null)
        assert result["c"].p_value < 0.05 and result["c"].estimate > 2


def test_a_pure_trend_does_not_pass_for_phases_once_detrended() -> None:
    labels = np.repeat(np.arange(5), 15)
    values = np.linspace(1.0, -1.0, len(YEARS)) + 0.1 * _ar1(0.3, seed=4)[0]
    detrended = phase_test(YEARS, values, labels, detrend=True, null="random_segmentation")
    assert detrended.p_value > 0.10


def test_random_segmentations_respect_the_break_count_and_minimum_length() -> None:
    labels = random_segmentations(40, 4, 3, 200, np.random.default_rng(0))
    assert (labels.max(axis=1) == 4).all()
    sizes = np.array([np.bincount(row, minlength=5) for row in labels])
    assert sizes.min() >= 3 and (np.diff(labels, axis=1) >= 0).all()


def test_stationary_bootstrap_keeps_runs_of_consecutive_years() -> None:
    index = stationary_indices(60, 8.0, 100, np.random.default_rng(0))
    consecutive = np.mean(np.diff(index, axis=1) % 60 == 1)
    assert 0.8 < consecutive < 0.95  # about 1 - 1/8


def test_series_model_estimates_persistence_from_consecutive_years() -> None:
    values = _ar1(0.8, seed=5)[0]
    model = SeriesModel.fit(YEARS.astype(float), values, detrend=True)
    assert 0.6 < model.phi < 0.95


@pytest.mark.parametrize("claim", [f"C{i}" for i in range(1, 11)])
def test_findings_read_as_sentences_without_code_marks(claim: str) -> None:
    figures = {
        "C1": {"first_event_days_after_independence": 1, "first_event_date": "1947-08-15", "nearest_event_days": 67},
        "C2": {
            "share_of_years_with_flow": {"economic aid": 0.96},
            "eras_without_flow": {"economic aid": []},
            "threshold_musd": 1.0,
        },
        "C3": {
            "seato_documented": True, "cento_documented": True, "closeness_mean_e1": 0.2, "closeness_mean_e2": 0.5,
            "e1_years": [1947, 1953], "e2_years": [1954, 1962], "step_e2_minus_e1": 0.1, "p_value": 0.2,
            "index": "un_rank",
        },
        "C4": {"intermediary_events": 1, "in_window": 0, "years": [1971], "window": [1960, 1969]},
        "C5": {
            "economic_share": 0.6, "fiscal_years": [1948, 2016], "dollars": "constant", "economic_musd": 6e4,
            "military_musd": 3e4, "csf_musd": 1e4, "csf": "in",
        },
        "C6": {
            "rise": 0.3, "closeness_mean_before": 0.0, "closeness_mean_during": 0.3, "closeness_mean_after": -0.3,
            "before_years": [1972, 1979], "during_years": [1980, 1989], "after_years": [1990, 1993],
            "rise_p_value": 0.2, "fall_p_value": 0.004, "index": "pca",
        },
        "C7": {},
        "C8": {"us_stance_mean_before": 0.78, "us_stance_mean_after": -0.5, "split_year": 1963, "us_stances_coded": 68},
        "C9": {"aid_ratio_strategic_vs_other": 2.6, "p_value": 0.11, "aid_change_after_wars": {1965: -0.54}},
        "C10": {
            "phases": "change_points", "index": "pca", "trend_correlation": -0.64, "explained_share": 0.28,
            "p_value": 0.25,
        },
    }[claim]  # fmt: skip
    text = FINDINGS[claim](figures)
    assert text.endswith(".") and "(s)" not in text and "_" not in text
    assert re.search(r"\b(?!p\b)\w+ = ", text) is None  # p = 0.20 is prose; key = value is not


def _setup(effect_sd: float, phi: float = 0.5) -> Setup:
    labels = _era_labels()
    observed = np.ones(len(YEARS), dtype=bool)
    observed[[10, 11, 50]] = False

    def decide(values: np.ndarray) -> bool:
        result = contrast_test(
            YEARS, values, labels, 3, {"c": np.array([-1.0, 1.0, 0.0])}, detrend=True, null="circular_shift"
        )["c"]
        return result.p_value < 0.10 and result.estimate > 0

    trend = np.linspace(0.5, -0.5, len(YEARS))
    return Setup(YEARS, observed, trend, phi, 1.0, (labels == 1) * effect_sd, decide, f"{effect_sd} sd")


def test_calibration_finds_power_for_a_large_effect_and_few_false_positives() -> None:
    fpr, power = error_rates(_setup(3.0), simulations=40, seed=1)
    assert fpr <= 0.2 and power >= 0.8


def test_calibration_reports_low_power_when_the_effect_is_small_against_persistence() -> None:
    _, power = error_rates(_setup(0.3, phi=0.9), simulations=40, seed=2)
    assert power < 0.5


def test_calibration_says_why_it_does_not_apply_to_a_fact_check() -> None:
    class NoData:  # the fact check never reads data
        pass

    result = calibrate_claim(NoData(), Plan.load(), "C1")  # type: ignore[arg-type]
    assert not result.applies and "fact" in result.reason and result.simulations == 0


def test_power_grows_with_the_effect() -> None:
    larger = power_by_effect(_setup(1.0, phi=0.7), simulations=30, seed=3)
    assert larger["3x"] >= larger["1.5x"] and larger["3x"] >= 0.8


def test_a_data_folder_without_a_plan_uses_the_packaged_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSROADS_DATA", str(tmp_path))
    assert Plan.load().sha256 == hashlib.sha256((PACKAGED_PLAN_DIR / "claims.yaml").read_bytes()).hexdigest()
