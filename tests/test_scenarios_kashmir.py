"""Kashmir scenarios: inputs with their evidence, Monte Carlo and what-ifs, and the errors a user meets."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from crossroads.cli.app import app as cli
from crossroads.model.errors import CrossroadsError
from crossroads.model.reference import Reference
from crossroads.paths import data_dir
from crossroads.scenarios.kashmir import ANCHORS, era_inputs, record_positions
from crossroads.scenarios.report import report_data
from crossroads.scenarios.retrospective import windows_by_era
from crossroads.scenarios.simulate import WhatIf, parse_what_if, scenario

runner = CliRunner()
ERAS = [e.id for e in Reference(data_dir()).eras]


@pytest.mark.parametrize("era", ERAS)
def test_every_input_row_has_a_basis_evidence_and_values_in_range(era: str) -> None:
    inputs = era_inputs(era)
    assert {"IND", "PAK"} <= set(inputs.actor_codes())
    for r in inputs.rows:
        assert r.evidence, r.actor
        assert r.position_basis and r.salience_basis and r.capability_basis
        assert 0 <= r.position <= 100 and r.position_sd > 0
        assert 0 <= r.salience_low <= r.salience <= r.salience_high <= 100
        assert 0 <= r.capability_low <= r.capability <= r.capability_high <= 1


def test_record_evidence_points_at_units_of_the_kashmir_record_and_urls_at_public_pages() -> None:
    from crossroads.analysis.kashmir_record import load_record
    from crossroads.scenarios.kashmir import chronology

    units, events = set(load_record().units.index), {e.id for e in chronology(data_dir()).events}
    for era in ERAS:
        for r in era_inputs(era).rows:
            for item in r.evidence:
                if item.startswith("record:"):
                    assert item.removeprefix("record:") in units
                elif item.startswith("event:"):
                    assert item.removeprefix("event:") in events
                else:
                    assert item.startswith(("http://", "https://")), item


def test_positions_follow_the_stance_rule_on_a_known_record() -> None:
    """Two bilateral statements and one UN act for internationalisation: (25·1 + 25·1 + 75·3)/5 = 55."""
    stances = pd.DataFrame(
        {
            "era": ["e9"] * 3,
            "actor": ["USA", "USA", "USA"],
            "stance": ["bilateral", "bilateral", "internationalize"],
            "weight": [1.0, 1.0, 3.0],
            "event_id": ["a", "b", "c"],
        }
    )
    row = record_positions(stances).iloc[0]
    assert row["position"] == pytest.approx(55.0)
    assert row["position_sd"] == pytest.approx(np.sqrt((2 * 30**2 + 3 * 20**2) / 5))
    assert row["evidence"] == ["a", "b", "c"]


def test_the_scale_has_its_documented_anchors() -> None:
    assert sorted(ANCHORS) == [0, 25, 50, 75, 100]


def test_monte_carlo_is_seeded_and_what_ifs_share_the_draws() -> None:
    first = scenario("e6", draws=300, seed=7)
    again = scenario("e6", draws=300, seed=7)
    assert first.baseline == again.baseline
    other = scenario("e6", draws=300, seed=8)
    assert other.baseline.final_positions != first.baseline.final_positions
    # A what-if that restates the baseline's central value changes nothing but that actor's spread.
    with_if = scenario("e6", draws=300, seed=7, what_ifs=[WhatIf("IND", "salience", 90.0)])
    assert with_if.baseline == first.baseline
    assert with_if.counterfactual is not None
    assert 0 <= first.baseline.low <= first.baseline.median <= first.baseline.high <= 100


def test_us_tilt_moves_the_e5_outcome_toward_the_us_position() -> None:
    result = scenario(
        "E5", draws=1000, seed=0, what_ifs=[parse_what_if("USA.position=70"), parse_what_if("USA.salience=80")]
    )
    assert result.counterfactual is not None
    assert result.counterfactual.median > result.baseline.median
    assert "USA" in result.moved_by_what_if


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("FRA.position=70", "no actor 'FRA' in era E5"),
        ("USA.salience=120", "salience 120 is outside 0–100"),
        ("USA.capability=2", "capability 2 is outside 0–1"),
        ("USA.mood=3", "is not ACTOR.field=value"),
    ],
)
def test_bad_what_ifs_are_named(text: str, needle: str) -> None:
    with pytest.raises(CrossroadsError, match=needle):
        scenario("e5", draws=10, what_ifs=[parse_what_if(text)])


def test_an_input_out_of_range_is_named_with_its_era_and_actor() -> None:
    inputs = era_inputs("e6")
    bad = replace(inputs, rows=[replace(inputs.rows[2], salience_high=140.0), *inputs.rows[3:], *inputs.rows[:2]])
    with pytest.raises(CrossroadsError, match=r"era E6, actor USA: salience 140 is outside 0–100"):
        scenario("e6", draws=10, inputs=bad)
    bad_cap = replace(inputs, rows=[replace(inputs.rows[0], capability=-0.1), *inputs.rows[1:]])
    with pytest.raises(CrossroadsError, match=r"actor IND: capability -0.1 is outside 0–1"):
        scenario("e6", draws=10, inputs=bad_cap)


def test_an_era_without_enough_inputs_is_named(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(data_dir(), root)
    judgements = root / "scenarios" / "kashmir_judgements.csv"
    lines = judgements.read_text(encoding="utf-8").splitlines()
    judgements.write_text("\n".join(line for line in lines if not line.startswith("e5,")) + "\n", encoding="utf-8")
    with pytest.raises(CrossroadsError, match=r"era E5 has inputs for only 2 actor\(s\) \(CHN, UN\)"):
        era_inputs("e5", root)
    with pytest.raises(CrossroadsError, match="unknown era 'E9'"):
        era_inputs("E9", root)


def test_every_negotiation_window_falls_in_an_era_from_the_record() -> None:
    windows = windows_by_era()
    assert sum(len(v) for v in windows.values()) == 6
    assert set(windows) <= set(ERAS)


def test_report_data_has_inputs_outcomes_and_the_us_tilt_per_era() -> None:
    data = report_data(draws=50)
    assert [e["era"] for e in data["eras"]] == ERAS
    for era in data["eras"]:
        assert "error" in era or {"inputs", "outcome", "us_tilt"} <= set(era)
    json.dumps(data)  # plain data, ready for the report and the explorer


def test_cli_kashmir_json_shows_baseline_and_counterfactual_side_by_side() -> None:
    args = ["scenarios", "kashmir", "--era", "E5", "--draws", "200", "--format", "json"]
    result = runner.invoke(cli, [*args, "--what-if", "USA.position=70", "--what-if", "USA.salience=80"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["what_ifs"] == ["USA.position=70", "USA.salience=80"]
    for side in ("baseline", "counterfactual"):
        assert {"median", "low", "high", "actors"} <= set(data[side])


def test_a_state_the_record_shows_silent_enters_only_through_a_what_if_with_its_position() -> None:
    """The record has no US position on Kashmir in the 1980s: the US is absent from E5 until a what-if sets one."""
    assert "USA" not in era_inputs("e5").actor_codes()
    run = scenario("e5", draws=50, what_ifs=[parse_what_if("USA.position=70"), parse_what_if("USA.salience=80")])
    us = next(r for r in run.inputs if r.actor == "USA")
    assert us.salience == 0.0 and us.capability > 0, "in the baseline the entrant has no say"
    assert run.counterfactual is not None and run.counterfactual.final_positions["USA"] >= 0
    with pytest.raises(CrossroadsError, match="give its position too"):
        scenario("e5", draws=10, what_ifs=[parse_what_if("USA.salience=80")])


def test_cli_bad_input_exits_1_with_the_message() -> None:
    result = runner.invoke(cli, ["scenarios", "kashmir", "--era", "E5", "--what-if", "XYZ.position=10"])
    assert result.exit_code == 1
    assert "no actor 'XYZ' in era E5" in result.output


def test_cli_replicate_json_has_every_round_and_actor() -> None:
    result = runner.invoke(cli, ["scenarios", "replicate", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["round"] for r in data["rounds"]] == list(range(9))
    assert data["rounds"][0]["median"] == 7.0
    assert len(data["rounds"][8]["positions"]) == 10
    table = runner.invoke(cli, ["scenarios", "replicate"])
    assert table.exit_code == 0 and "Belgium" in table.output


def test_two_coders_disagreeing_widen_the_spread_but_agreeing_ones_do_not() -> None:
    base = {"era": ["e9"] * 4, "actor": ["USA"] * 4, "weight": [1.0] * 4, "event_id": ["a", "a", "b", "b"]}
    agree = pd.DataFrame({**base, "coder": [1, 2, 1, 2], "stance": ["neutral"] * 4})
    split = pd.DataFrame({**base, "coder": [1, 2, 1, 2], "stance": ["neutral", "bilateral", "neutral", "neutral"]})
    assert record_positions(agree).iloc[0]["position_sd"] == 5.0  # the floor
    assert record_positions(split).iloc[0]["position_sd"] > 10.0
    assert record_positions(split).iloc[0]["evidence"] == ["a", "b"]


def test_a_dominant_actor_without_spread_fixes_the_outcome_and_collapses_the_interval() -> None:
    """Known truth: one actor with nearly all capability × salience is the weighted median in every draw."""
    inputs = era_inputs("e6")
    rows = [replace(r, position_sd=0.0) if r.actor != "USA" else r for r in inputs.rows]
    rows = [
        replace(r, capability=0.9, capability_low=0.9, capability_high=0.9) if r.actor == "IND" else r for r in rows
    ]
    result = scenario("e6", draws=200, seed=0, inputs=replace(inputs, rows=rows))
    assert result.baseline.median == result.baseline.low == result.baseline.high == 0.0


def test_cli_check_reports_every_era_and_a_tally() -> None:
    result = runner.invoke(cli, ["scenarios", "check", "--draws", "20", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [e["era"] for e in data["eras"]] == ERAS
    for measure in ("primary", "secondary"):
        assert sum(data["tally"][measure].values()) == len(ERAS)
