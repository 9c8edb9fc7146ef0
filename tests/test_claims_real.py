"""Each claim's primary verdict and key figures on the shipped data, pinned so a change that moves one is seen."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crossroads.analysis.claims import ClaimResult, evaluate
from crossroads.analysis.claims.plan import Plan, load_calibration, load_history
from crossroads.cli.app import app
from crossroads.store.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def results(shipped_store: Path) -> dict[str, ClaimResult]:
    with Store(shipped_store) as store:
        return {r.id: r for r in evaluate(store, multiverse=False)}


PRIMARY_VERDICTS = {
    "C1": "mixed",
    "C2": "not_supported",
    "C3": "not_testable",
    "C4": "mixed",
    "C5": "supported",
    "C6": "not_testable",
    "C7": "not_testable",
    "C8": "mixed",
    "C9": "not_testable",
    "C10": "not_testable",
}
"""Verdicts of the plan's primary specifications (C3, C6, C9, C10: their tests miss the calibration targets)."""


def test_primary_verdicts_are_pinned(results: dict[str, ClaimResult]) -> None:
    assert {k: r.verdict for k, r in results.items()} == PRIMARY_VERDICTS


def test_what_the_uncalibrated_tests_said_is_kept_beside_the_verdict(results: dict[str, ClaimResult]) -> None:
    assert {k: results[k].figures["test_verdict"] for k in ("C3", "C6", "C9", "C10")} == {
        "C3": "mixed",
        "C6": "not_supported",
        "C9": "mixed",
        "C10": "not_supported",
    }


def test_key_figures_are_pinned(results: dict[str, ClaimResult]) -> None:
    assert results["C1"].figures["first_event_days_after_independence"] == 1
    assert results["C1"].figures["nearest_event_days"] == 67
    assert results["C2"].figures["share_of_years_with_flow"]["military aid"] == pytest.approx(0.764, abs=1e-3)
    assert results["C4"].figures["intermediary_events"] == 3 and results["C4"].figures["in_window"] == 0
    assert results["C5"].figures["economic_share"] == pytest.approx(0.619, abs=1e-3)
    assert results["C6"].figures["rise_p_value"] == pytest.approx(0.24, abs=1e-3)
    assert results["C8"].figures["us_stance_mean_before"] == pytest.approx(0.792, abs=1e-3)
    assert results["C9"].figures["aid_ratio_strategic_vs_other"] == pytest.approx(2.57, abs=0.01)
    assert results["C9"].figures["wars_followed_by_less_aid"] == 2
    assert results["C10"].figures["trend_correlation"] == pytest.approx(-0.54, abs=0.01)


def test_csf_counts_in_the_primary_aid_share(results: dict[str, ClaimResult]) -> None:
    figures = results["C5"].figures
    assert figures["csf"] == "in" and figures["csf_musd"] > 10_000


def test_the_motive_claim_is_not_testable_and_says_why(results: dict[str, ClaimResult]) -> None:
    assert results["C7"].verdict == "not_testable" and "motive" in results["C7"].finding


def test_the_recorded_calibration_and_history_belong_to_the_current_plan(results: dict[str, ClaimResult]) -> None:
    plan = Plan.load()
    assert load_calibration()["plan_sha256"] == plan.sha256, "run `crossroads claims calibrate --record`"
    latest = load_history()[-1]
    assert latest["plan_sha256"] == plan.sha256, "run `crossroads claims --record` after changing the plan"
    assert latest["verdicts"] == {k: r.verdict for k, r in results.items()}


def test_history_command_lists_every_plan(shipped_store: Path) -> None:
    result = runner.invoke(app, ["claims", "history", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "before the frozen plan" in result.stdout and Plan.load().sha256[:12] in result.stdout


def test_calibrate_rejects_zero_simulations(shipped_store: Path) -> None:
    result = runner.invoke(app, ["claims", "calibrate", "--simulations", "0", "--db", str(shipped_store)])
    assert result.exit_code == 1 and "--simulations" in result.output
