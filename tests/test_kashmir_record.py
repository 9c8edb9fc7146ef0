"""The shipped Kashmir record: it loads, covers its frame, and its commands answer."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from crossroads.analysis.kashmir_record import (
    ACTORS,
    OVERALL,
    KashmirRecord,
    kashmir_dir,
    load_record,
    series,
)
from crossroads.cli.app import app
from crossroads.model.reference import Reference
from crossroads.paths import data_dir

runner = CliRunner()

PERIOD = Reference(data_dir()).calendar.years


@pytest.fixture(scope="module")
def record() -> KashmirRecord:
    return load_record()


@pytest.fixture(scope="module")
def table(record: KashmirRecord) -> pd.DataFrame:
    return series(record, n_boot=200)


def test_the_shipped_record_loads_and_every_unit_is_coded(record: KashmirRecord) -> None:
    assert len(record.units) >= 100
    assert "a" in record.coders
    assert record.codings["a"]["posture"].notna().all()
    assert record.units["url"].str.match(r"https?://").all()


def test_the_frame_records_every_year_of_every_series(record: KashmirRecord) -> None:
    per_series = record.frame.groupby("series")["year"].agg(["min", "max", "size"])
    assert (per_series["min"] == PERIOD.start).all() and (per_series["max"] == PERIOD.stop - 1).all()
    assert (per_series["size"] == len(PERIOD)).all()
    assert set(record.frame["actor"]) == set(ACTORS)


def test_the_council_resolution_series_is_complete_and_empty_in_the_1980s(table: pd.DataFrame) -> None:
    council = table[(table["actor"] == "UNSC") & table["year"].between(1975, 1989)]
    assert (council["coverage"] == "complete").all()
    assert (council["attention"] == 0).all()
    assert council["posture"].isna().all()  # no statement is no statement, not neutral


def test_units_summaries_carry_no_code(record: KashmirRecord) -> None:
    words = ("internationalise", "no_position", "posture")
    assert not record.units["summary"].str.contains("|".join(words), case=False).any()


def test_terrorism_listings_are_not_kashmir_positions_in_the_first_coding(record: KashmirRecord) -> None:
    listings = record.units["document_title"].str.contains("Designat|terror list|global terrorist", case=False)
    assert listings.sum() >= 4
    assert (record.codings["a"].loc[listings, "posture"] == "no_position").all()


def test_query_kashmir_gives_the_documented_rows(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "kashmir", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == len(PERIOD) * (len(ACTORS) + 1)
    assert set(rows[0]) >= {"year", "actor", "attention", "posture", "lo", "hi", "units"}
    assert {r["actor"] for r in rows} == {*ACTORS, OVERALL}
    for row in rows:
        if row["posture"] is not None:
            assert row["lo"] <= row["posture"] <= row["hi"] and row["units"] >= 1


def test_query_kashmir_rejects_an_unknown_actor() -> None:
    result = runner.invoke(app, ["query", "kashmir", "--actor", "XYZ"])
    assert result.exit_code == 1 and "unknown actor" in result.output


def test_kashmir_agreement_reports_the_codings_it_has(record: KashmirRecord) -> None:
    result = runner.invoke(app, ["kashmir", "agreement", "--format", "json", "--boot", "50"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["coders"] == len(record.coders) and payload["units"] == len(record.units)
    if len(record.coders) == 1:
        assert "only one coding" in payload["note"] and payload["posture"]["alpha"] is None
    else:
        assert payload["posture"]["lo"] <= payload["posture"]["alpha"] <= payload["posture"]["hi"]


def test_export_kashmir_writes_every_unit_with_its_codes(record: KashmirRecord, tmp_path: Path) -> None:
    out = tmp_path / "kashmir.csv"
    result = runner.invoke(app, ["export", "kashmir", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(record.units)
    assert {"url", "posture_a", "posture_final", "final_source"} <= set(rows[0])


def test_chronology_corrections_are_well_formed() -> None:
    with (kashmir_dir() / "chronology_corrections.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    stances = {"internationalize", "neutral", "bilateral"}
    for row in rows:
        assert row["old_stance"] in stances and row["new_stance"] in {*stances, "none"}
        assert row["old_stance"] != row["new_stance"] and row["reason"]


def test_attention_is_missing_only_where_nothing_was_searched(table: pd.DataFrame) -> None:
    missing = table[table["attention"].isna()]
    assert (missing["coverage"] == "not searched").all()
    assert not math.isnan(float(table[(table["actor"] == OVERALL)]["attention"].min()))
