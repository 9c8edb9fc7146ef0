"""The analyses on the shipped data: every claim gets a verdict, figures and existing evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crossroads.analysis.claims import VERDICTS, evaluate
from crossroads.analysis.relations import dyad_phases, kashmir_prospects, relations_index, triangle
from crossroads.cli.app import app
from crossroads.store.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def store(shipped_store: Path) -> Store:
    return Store(shipped_store)


def test_every_claim_gets_a_verdict_with_figures_and_real_evidence(store: Store) -> None:
    results = evaluate(store, multiverse=False)
    assert [r.id for r in results] == [f"C{i}" for i in range(1, 11)]
    for result in results:
        assert result.verdict in VERDICTS
        assert result.method
        if result.verdict != "not_testable":
            assert result.figures, result.id
        for event_id in result.evidence:
            assert store.event(event_id) is not None, (result.id, event_id)


def test_claims_are_reproducible(store: Store) -> None:
    def dump() -> str:
        return json.dumps([r.as_dict() for r in evaluate(store, seed=3, multiverse=False)], default=str)

    assert dump() == dump()  # NaN figures compare equal as text


def test_claims_json_has_the_documented_fields(shipped_store: Path) -> None:
    result = runner.invoke(app, ["claims", "--format", "json", "--db", str(shipped_store)])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    assert len(claims) == 10
    assert f"analysis plan sha256 {claims[0]['plan_sha256']}" in result.stderr
    fields = {"id", "claim", "verdict", "figures", "method", "evidence", "robustness", "specifications", "plan_sha256"}
    assert all(fields <= set(c) for c in claims)
    for claim in claims:
        assert abs(sum(claim["robustness"].values()) - 1) < 1e-9 and claim["specifications"] >= 1
    assert next(c for c in claims if c["id"] == "C9")["specifications"] > 100


def test_us_pakistan_index_covers_the_period_with_bands(store: Store) -> None:
    result = relations_index(store, "USA", "PAK", n_boot=30)
    frame = result.frame().dropna()
    assert len(frame) > 40
    assert ((frame["lower"] <= frame["index"] + 1e-9) & (frame["index"] <= frame["upper"] + 1e-9)).all()


def test_phases_are_compared_with_the_eras(store: Store) -> None:
    report = dyad_phases(store, "USA", "PAK", n_boot=20)
    assert {"precision", "recall", "hausdorff_years"} <= set(report.comparison)
    assert all(0 <= c <= 1 for c in report.phases.confidence.values())


def test_kashmir_prospects_stay_within_the_scale(store: Store) -> None:
    table = kashmir_prospects(store)
    scores = table["prospects"].dropna()
    assert len(scores) > 20 and scores.between(-1, 1).all()
    assert (table.loc[table["prospects"].isna(), "stances"] == 0).all()


def test_triangle_puts_both_dyads_on_one_scale(store: Store) -> None:
    table = triangle(store)
    both = table[["USA-PAK", "USA-IND"]].dropna()
    assert len(both) > 20
    assert (table["tilt"].dropna() == (both["USA-PAK"] - both["USA-IND"])).all()


@pytest.mark.parametrize("sub", ["index", "phases", "kashmir", "triangle", "sensitivity", "correlation"])
def test_query_subcommands_print_csv(shipped_store: Path, sub: str) -> None:
    args = ["query", sub, "--format", "csv", "--db", str(shipped_store)]
    if sub in {"index", "phases"}:
        args += ["--boot", "10"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") > 2


def test_query_rejects_a_malformed_dyad(shipped_store: Path) -> None:
    result = runner.invoke(app, ["query", "index", "--dyad", "USA", "--db", str(shipped_store)])
    assert result.exit_code == 1 and "AAA-BBB" in result.output


def test_un_voting_rank_is_a_share_and_tracks_the_alliance_years(store: Store) -> None:
    rank = store.series("PAK", "USA", "unga_ideal_point_proximity_rank").set_index("year")["value"]
    assert rank.between(0, 1).all() and len(rank) > 70
    assert rank.loc[1954:1962].mean() > rank.loc[1990:2001].mean()


def test_c9_compares_us_strategic_eras_with_pakistan_war_years(store: Store) -> None:
    c9 = next(r for r in evaluate(store, multiverse=False) if r.id == "C9")
    assert set(c9.figures["aid_change_after_wars"]) <= {1965, 1971, 1999}
    assert c9.figures["aid_ratio_strategic_vs_other"] > 0
