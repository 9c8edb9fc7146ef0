"""The Kashmir record's machinery on small synthetic records with a known truth."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from crossroads.analysis.kashmir_record import (
    ADJUDICATION_COLUMNS,
    CODING_COLUMNS,
    FRAME_COLUMNS,
    UNIT_COLUMNS,
    agreement,
    alpha,
    export_table,
    field_agreement,
    load_record,
    series,
)
from crossroads.cli.app import app
from crossroads.model.errors import DataError

runner = CliRunner()

# unit id -> (actor, year, series); all in the USA's one series unless said otherwise
UNITS = {
    "u1": ("USA", 1950, "S-US"),
    "u2": ("USA", 1950, "S-US"),
    "u3": ("USA", 1960, "S-US"),
    "u4": ("UNSC", 1950, "S-UN"),
}
CODES_A = {
    "u1": ("internationalise", "yes"),
    "u2": ("bilateral", "yes"),
    "u3": ("no_position", "no"),
    "u4": ("neutral", "yes"),
}


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _coding(codes: dict[str, tuple[str, str]]) -> list[dict[str, object]]:
    return [
        {"unit_id": u, "posture": p, "addresses_kashmir": a, "confidence": "high", "comment": "test"}
        for u, (p, a) in codes.items()
    ]


def make_record(
    folder: Path,
    units: dict[str, tuple[str, int, str]] | None = None,
    codes_a: dict[str, tuple[str, str]] | None = None,
    codes_b: dict[str, tuple[str, str]] | None = None,
    adjudication: list[dict[str, object]] | None = None,
    searched_us: range = range(1950, 1971),
) -> Path:
    """A record with one US series searched in ``searched_us`` and one complete UN series 1947-2021."""
    units = UNITS if units is None else units
    folder.mkdir(parents=True, exist_ok=True)
    frame = []
    for sid, actor, years, coverage in (("S-US", "USA", searched_us, "targeted"), ("S-UN", "UNSC", None, "complete")):
        for year in range(1947, 2022):
            searched = years is None or year in years
            found = sum(1 for a, y, s in units.values() if s == sid and y == year)
            frame.append(
                {
                    "actor": actor,
                    "year": year,
                    "series": sid,
                    "series_name": "test series",
                    "where_searched": "test",
                    "searched": "yes" if searched else "no",
                    "coverage": coverage if searched else "",
                    "documents_found": found if searched else "",
                    "result": ("found" if found else "none found in these sources") if searched else "not searched",
                    "note": "",
                }
            )
    _write(folder / "frame.csv", FRAME_COLUMNS, frame)
    unit_rows = [
        {
            "unit_id": uid,
            "actor": actor,
            "date": str(year),
            "precision": "year",
            "series": sid,
            "document_title": f"Document {uid}",
            "issuer": "Test issuer",
            "url": f"https://example.org/{uid}",
            "document_type": "statement",
            "summary": "A test document.",
        }
        for uid, (actor, year, sid) in units.items()
    ]
    _write(folder / "units.csv", UNIT_COLUMNS, unit_rows)
    _write(folder / "coding_a.csv", CODING_COLUMNS, _coding(CODES_A if codes_a is None else codes_a))
    if codes_b is not None:
        _write(folder / "coding_b.csv", CODING_COLUMNS, _coding(codes_b))
    if adjudication is not None:
        _write(folder / "adjudication.csv", ADJUDICATION_COLUMNS, adjudication)
    return folder


def _adjudicate(uid: str, code_a: str, code_b: str, final: str, reason: str) -> list[dict[str, object]]:
    """One posture adjudication row."""
    return [
        {"unit_id": uid, "field": "posture", "code_a": code_a, "code_b": code_b, "adjudicated": final, "reason": reason}
    ]


def _row(table: pd.DataFrame, actor: str, year: int) -> dict[str, object]:
    hit = table[(table["actor"] == actor) & (table["year"] == year)]
    assert len(hit) == 1
    return dict(hit.iloc[0])


# ----------------------------------------------------------------------------- series


def test_attention_counts_documents_addressing_kashmir_and_zero_is_not_missing(tmp_path: Path) -> None:
    table = series(load_record(make_record(tmp_path / "r")), n_boot=50)
    assert _row(table, "USA", 1950)["attention"] == 2
    assert _row(table, "USA", 1960)["attention"] == 0  # one document, but it does not address Kashmir
    assert _row(table, "USA", 1955)["attention"] == 0  # searched, none found
    assert math.isnan(float(_row(table, "USA", 1990)["attention"]))  # not searched: missing
    assert _row(table, "USA", 1990)["coverage"] == "not searched"
    assert _row(table, "UNSC", 1990)["attention"] == 0 and _row(table, "UNSC", 1990)["coverage"] == "complete"


def test_posture_is_the_mean_score_and_missing_without_a_position(tmp_path: Path) -> None:
    table = series(load_record(make_record(tmp_path / "r")), n_boot=50)
    usa_1950 = _row(table, "USA", 1950)
    assert usa_1950["posture"] == 0.0  # +1 and -1
    assert usa_1950["units"] == 2 and usa_1950["unit_ids"] == ["u1", "u2"]
    assert math.isnan(float(_row(table, "USA", 1960)["posture"]))  # only a no_position document
    overall = _row(table, "ALL", 1950)
    assert overall["posture"] == 0.0 and overall["attention"] == 3 and overall["units"] == 3


def test_identical_codings_of_one_unit_give_a_point_interval(tmp_path: Path) -> None:
    units = {"u1": ("USA", 1950, "S-US")}
    codes = {"u1": ("internationalise", "yes")}
    record = load_record(make_record(tmp_path / "r", units, codes, codes))
    row = _row(series(record, n_boot=200), "USA", 1950)
    assert row["posture"] == row["lo"] == row["hi"] == 1.0


def test_coder_disagreement_widens_the_posture_interval(tmp_path: Path) -> None:
    units = {"u1": ("USA", 1950, "S-US")}
    adjudicated = _adjudicate(
        "u1", "internationalise", "bilateral", "internationalise", "the offer of mediation is the document's main line"
    )
    folder = make_record(
        tmp_path / "r",
        units,
        {"u1": ("internationalise", "yes")},
        {"u1": ("bilateral", "yes")},
        adjudicated,
    )
    row = _row(series(load_record(folder), n_boot=400), "USA", 1950)
    assert row["posture"] == 1.0  # the adjudicated code
    assert row["lo"] == -1.0 and row["hi"] == 1.0  # either coder's code is drawn


def test_series_are_reproducible_with_a_seed(tmp_path: Path) -> None:
    record = load_record(make_record(tmp_path / "r"))
    first, second = series(record, n_boot=100, seed=3), series(record, n_boot=100, seed=3)
    assert first.drop(columns="unit_ids").equals(second.drop(columns="unit_ids"))


# ----------------------------------------------------------------------------- agreement


def test_alpha_of_identical_codings_is_one(tmp_path: Path) -> None:
    folder = make_record(tmp_path / "r", codes_b=CODES_A)
    result = agreement(load_record(folder), n_boot=100)
    assert result["coders"] == 2 and result["units"] == 4
    for name in ("posture", "addresses_kashmir", "score"):
        assert result[name]["alpha"] == pytest.approx(1.0)
        assert result[name]["lo"] == pytest.approx(1.0) and result[name]["hi"] == pytest.approx(1.0)


def test_nominal_alpha_matches_the_hand_computation() -> None:
    # coder 1: a a b b; coder 2: a b b b -> coincidences o_aa=2, o_ab=o_ba=1, o_bb=4; n_a=3, n_b=5, n=8
    data = np.array([[0, 0, 1, 1], [0, 1, 1, 1]], dtype=float)
    expected = 1 - (2 / 8) / (2 * 3 * 5 / (8 * 7))
    assert alpha(data, "nominal") == pytest.approx(expected)


def test_alpha_is_undefined_without_variation() -> None:
    assert math.isnan(alpha(np.ones((2, 5)), "nominal"))


def test_alpha_recovers_the_agreement_of_simulated_coders() -> None:
    """Two coders each right with probability q over three balanced categories: alpha ~ (Pa - 1/3)/(2/3)."""
    rng = np.random.default_rng(11)
    n, q = 3000, 0.9
    truth = rng.integers(0, 3, n)

    def coder() -> np.ndarray:
        wrong = (truth + rng.integers(1, 3, n)) % 3
        return np.where(rng.random(n) < q, truth, wrong).astype(float)

    expected = (q**2 + (1 - q) ** 2 / 2 - 1 / 3) / (2 / 3)
    result = field_agreement(np.vstack([coder(), coder()]), "nominal", n_boot=200, seed=0)
    assert result.alpha == pytest.approx(expected, abs=0.03)
    assert result.lo < expected < result.hi


def test_agreement_says_plainly_when_only_one_coding_exists(tmp_path: Path) -> None:
    result = agreement(load_record(make_record(tmp_path / "r")))
    assert result["coders"] == 1 and result["posture"]["alpha"] is None
    assert "only one coding" in result["note"]


def test_agreement_command_prints_json_with_each_field(tmp_path: Path) -> None:
    folder = make_record(tmp_path / "r", codes_b=CODES_A)
    out = runner.invoke(app, ["kashmir", "agreement", "--format", "json", "--record", str(folder), "--boot", "20"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert set(payload) >= {"posture", "addresses_kashmir", "units", "coders"}
    assert set(payload["posture"]) >= {"alpha", "lo", "hi"}


# ----------------------------------------------------------------------------- final codes and export


def test_final_code_comes_from_agreement_or_adjudication(tmp_path: Path) -> None:
    codes_b = {**CODES_A, "u2": ("neutral", "yes")}
    adjudicated = _adjudicate("u2", "bilateral", "neutral", "bilateral", "the statement declines a third-party role")
    record = load_record(make_record(tmp_path / "r", codes_b=codes_b, adjudication=adjudicated))
    table = export_table(record).set_index("unit_id")
    assert table.loc["u2", "posture_a"] == "bilateral" and table.loc["u2", "posture_b"] == "neutral"
    assert table.loc["u2", "posture_final"] == "bilateral" and table.loc["u2", "final_source"] == "adjudicated"
    assert "third-party" in table.loc["u2", "adjudication_reason"]
    assert table.loc["u1", "final_source"] == "coders agree"


def test_an_unadjudicated_disagreement_counts_as_no_final_code(tmp_path: Path) -> None:
    codes_b = {**CODES_A, "u1": ("neutral", "yes")}
    record = load_record(make_record(tmp_path / "r", codes_b=codes_b))
    final = record.final_codes()
    assert final.loc["u1", "final_source"] == "disagreement not yet adjudicated"
    assert pd.isna(final.loc["u1", "posture"])


# ----------------------------------------------------------------------------- validation


def _problems(folder: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_record(folder)
    return str(caught.value)


def test_an_unknown_posture_is_named_with_file_line_and_field(tmp_path: Path) -> None:
    folder = make_record(tmp_path / "r", codes_a={**CODES_A, "u2": ("pro_india", "yes")})
    text = _problems(folder)
    assert "coding_a.csv:3" in text and "'u2'" in text and "field 'posture'" in text


def test_a_document_not_about_kashmir_cannot_take_a_posture(tmp_path: Path) -> None:
    folder = make_record(tmp_path / "r", codes_a={**CODES_A, "u3": ("neutral", "no")})
    assert "does not address Kashmir is no_position" in _problems(folder)


def test_an_uncoded_unit_is_reported(tmp_path: Path) -> None:
    codes = {k: v for k, v in CODES_A.items() if k != "u4"}
    assert "1 unit(s) not coded" in _problems(make_record(tmp_path / "r", codes_a=codes))


def test_a_unit_in_an_unsearched_year_is_refused(tmp_path: Path) -> None:
    folder = make_record(tmp_path / "r", searched_us=range(1955, 1971))
    text = _problems(folder)
    assert "does not record S-US as searched in 1950" in text


def test_frame_counts_must_match_the_units(tmp_path: Path) -> None:
    folder = make_record(tmp_path / "r")
    text = (folder / "frame.csv").read_text(encoding="utf-8")
    (folder / "frame.csv").write_text(
        text.replace(",yes,targeted,2,found,", ",yes,targeted,3,found,"), encoding="utf-8"
    )
    assert "says 3 but units.csv has 2" in _problems(folder)


def test_an_adjudication_must_quote_both_codes(tmp_path: Path) -> None:
    codes_b = {**CODES_A, "u2": ("neutral", "yes")}
    wrong = _adjudicate("u2", "internationalise", "neutral", "bilateral", "x")
    text = _problems(make_record(tmp_path / "r", codes_b=codes_b, adjudication=wrong))
    assert "adjudication.csv:2" in text and "field 'code_a'" in text


def test_a_unit_without_a_document_url_is_refused(tmp_path: Path) -> None:
    folder = make_record(tmp_path / "r")
    text = (folder / "units.csv").read_text(encoding="utf-8")
    (folder / "units.csv").write_text(text.replace("https://example.org/u1", "see archive"), encoding="utf-8")
    assert "field 'url'" in _problems(folder)
