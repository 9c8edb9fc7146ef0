"""The committed latent measure against the shipped data: inputs hash, interfaces, convergence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crossroads.analysis.measurement import latent_index
from crossroads.analysis.measurement.fit import ESS_MIN, RHAT_MAX
from crossroads.analysis.measurement.refit import COMPARISON_DYADS, comparison_observations
from crossroads.analysis.measurement.summaries import MODEL_VERSION, read_csv, read_json
from crossroads.cli.app import app
from crossroads.model.errors import CrossroadsError
from crossroads.store.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def store(shipped_store: Path) -> Store:
    return Store(shipped_store)


def committed_as_if(
    monkeypatch: pytest.MonkeyPatch, converged: dict[str, bool], one_d: dict[str, float] | None = None
) -> None:
    """Serve the committed summaries as if the variants had converged as ``converged`` says."""
    from crossroads.analysis.measurement import api

    committed = api.read_json

    def patched(name: str, root: Path | None = None) -> object:
        payload = committed(name, root)
        if name == "measurement.provenance.json":
            lead = payload.get("lead") if converged.get(payload.get("lead", ""), False) else None
            lead = lead or next((v for v, ok in converged.items() if ok), payload.get("lead"))
            payload = {**payload, "converged": converged, "lead": lead}
        if name == "checks.json" and one_d:
            payload["convergence"]["1d"] = {**payload["convergence"]["1d"], **one_d}
        return payload

    monkeypatch.setattr(api, "read_json", patched)


def test_committed_summaries_were_fitted_on_the_shipped_inputs(store: Store) -> None:
    provenance = read_json("measurement.provenance.json")
    assert comparison_observations(store).sha256() == provenance["inputs_sha256"], (
        "the inputs of the latent measure changed: run `crossroads measurement refit` and commit data/measurement/"
    )
    assert provenance["model_version"] == MODEL_VERSION, (
        "the model's specification changed since the summaries were fitted: run `crossroads measurement refit`"
    )
    assert provenance["sampler"]["chains"] >= 4
    convergence = read_json("checks.json")["convergence"]
    assert provenance["converged"] == {
        v: convergence[v]["rhat_max"] <= RHAT_MAX and convergence[v]["ess_bulk_min"] >= ESS_MIN for v in ("1d", "2d")
    }


def test_the_measure_the_report_leads_with_converged_for_every_latent_state() -> None:
    provenance = read_json("measurement.provenance.json")
    lead = read_json("checks.json")["loo"]["lead"]
    assert provenance["lead"] == lead and provenance["converged"][lead]
    served = read_json("checks.json")["convergence"][lead]
    assert served["rhat_max"] <= RHAT_MAX and served["ess_bulk_min"] >= ESS_MIN


def test_the_two_dimensional_fit_converged_for_every_latent_state() -> None:
    two = read_json("checks.json")["convergence"]["2d"]
    assert two["rhat_max"] <= RHAT_MAX and two["ess_bulk_min"] >= ESS_MIN


@pytest.mark.xfail(
    strict=True,
    reason="the one-dimensional posterior has two modes that the chains rarely cross (docs/measurement.md, "
    "'Two modes in one dimension'): a 1-D fit passes the gate only when all its chains stay in one",
)
def test_the_one_dimensional_fit_converged_for_every_latent_state() -> None:
    one = read_json("checks.json")["convergence"]["1d"]
    assert one["rhat_max"] <= RHAT_MAX and one["ess_bulk_min"] >= ESS_MIN


def test_the_smoothness_prior_of_the_committed_fit_is_the_specifications() -> None:
    from crossroads.analysis.measurement.model import TAU_PRIOR

    assert read_json("measurement.provenance.json")["smoothness_prior"] == TAU_PRIOR


def test_every_comparison_dyad_has_a_path_on_the_same_scale_for_every_year() -> None:
    paths = read_csv("paths.csv")
    for (variant, dimension), path in paths.groupby(["variant", "dimension"]):
        assert set(path["dyad"]) == {f"{a}-{b}" for a, b in COMPARISON_DYADS}, (variant, dimension)
        assert path.groupby("dyad")["year"].nunique().eq(75).all()
        assert ((path["lo"] <= path["mean"]) & (path["mean"] <= path["hi"])).all()


def test_latent_index_reads_the_committed_summaries_in_either_dyad_order(store: Store) -> None:
    forward = latent_index(store, "USA", "PAK", provisional=True)
    backward = latent_index(store, "PAK", "USA", provisional=True)
    assert forward.rows == backward.rows
    assert forward.diagnostics["inputs_match"] is True
    payload = json.loads(json.dumps(forward.as_dict()))
    assert set(payload["rows"][0]) == {"year", "mean", "lo", "hi"}
    assert set(payload["dimensions"]) == {"diplomatic", "material"}


def test_query_index_latent_prints_rows_components_and_diagnostics(shipped_store: Path) -> None:
    args = ["query", "index", "--dyad", "USA-PAK", "--model", "latent", "--format", "json", "--db", str(shipped_store)]
    result = runner.invoke(app, [*args, "--provisional"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["rows"][0]["year"] == 1947
    assert {c["indicator"] for c in payload["components"]} >= {"un_agreement", "aid", "events_verbal_coop"}
    assert all("loading" in c for c in payload["components"])
    assert "loo" in payload["diagnostics"] and "convergence" in payload["diagnostics"]
    assert "second mode" in payload["diagnostics"]["caveats"]["one_dimension_has_two_modes"]


def test_query_index_pca_is_still_available(shipped_store: Path) -> None:
    args = ["query", "index", "--dyad", "USA-PAK", "--model", "pca", "--boot", "5", "--format", "csv"]
    result = runner.invoke(app, [*args, "--db", str(shipped_store)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("year,index,lower,upper")


def test_a_dyad_with_too_little_data_names_the_missing_indicators_and_years(shipped_store: Path) -> None:
    args = ["query", "index", "--dyad", "GBR-PAK", "--model", "latent", "--db", str(shipped_store)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "too little data to measure GBR-PAK" in result.output
    assert "un_agreement: no observations" in result.output
    assert "years with no informing observation" in result.output


def test_measurement_check_passes_on_the_shipped_store(shipped_store: Path) -> None:
    result = runner.invoke(app, ["measurement", "check", "--db", str(shipped_store)])
    assert result.exit_code == 0, result.output


def test_a_fit_that_did_not_converge_is_refused_unless_asked_for_as_provisional(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed_as_if(monkeypatch, {"1d": False, "2d": False}, one_d={"rhat_max": 1.2, "ess_bulk_min": 30.0})
    with pytest.raises(CrossroadsError, match=r"did not converge \(1d: max R-hat 1.200"):
        latent_index(store, "USA", "PAK")
    assert latent_index(store, "USA", "PAK", provisional=True).diagnostics["converged"] is False


def test_the_api_serves_the_latent_measure_of_a_comparison_dyad_and_refuses_to_sample_others(
    store: Store,
) -> None:
    from crossroads.analysis.context import context_for

    ctx = context_for(store)
    assert ctx.latent("PAK", "USA", score=False).dyad == "USA-PAK"
    with pytest.raises(CrossroadsError, match="committed for the six comparison dyads"):
        ctx.latent("GBR", "PAK", score=False)


def test_dimensions_of_a_two_dimensional_fit_that_did_not_converge_are_withheld_unless_provisional(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed_as_if(monkeypatch, {"1d": True, "2d": False})
    served = latent_index(store, "USA", "PAK")
    assert served.dimensions == {} and "did not converge" in served.diagnostics["dimensions_withheld"]
    assert served.rows and served.diagnostics["converged"] is True
    assert set(latent_index(store, "USA", "PAK", provisional=True).dimensions) == {"diplomatic", "material"}


def test_a_one_dimensional_fit_that_did_not_converge_is_withheld_and_the_dimensions_lead(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed_as_if(monkeypatch, {"1d": False, "2d": True})
    served = latent_index(store, "USA", "PAK")
    assert served.rows == [] and "did not converge" in served.diagnostics["index_withheld"]
    assert served.lead == "2d" and served.diagnostics["converged"] is True
    assert set(served.dimensions) == {"diplomatic", "material"}
    assert served.series("index").empty and not served.series("material").empty
    assert {"year", "diplomatic_mean", "material_hi"} <= set(served.frame().columns)
    assert latent_index(store, "USA", "PAK", provisional=True).rows
