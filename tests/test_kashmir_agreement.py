"""The shipped Kashmir record: two blind codings, their agreement, and every disagreement adjudicated."""

from __future__ import annotations

import pytest

from crossroads.analysis.kashmir_record import agreement, load_record


def test_two_codings_agree_at_the_reported_alpha_and_every_disagreement_is_adjudicated() -> None:
    record = load_record()
    assert record.coders == ["a", "b"]
    result = agreement(record, n_boot=200, seed=0)
    assert result["coders"] == 2 and result["units"] == len(record.units)
    assert result["posture"]["alpha"] == pytest.approx(0.806, abs=0.001)
    assert result["addresses_kashmir"]["alpha"] == pytest.approx(0.629, abs=0.001)
    final = record.final_codes()
    assert final[["posture", "addresses_kashmir"]].notna().all().all(), "a disagreement is not adjudicated"
    assert set(final["final_source"]) <= {"coders agree", "adjudicated"}
    silent = final[final["addresses_kashmir"] == "no"]
    assert (silent["posture"] == "no_position").all(), "a document that does not address Kashmir has no posture"
