"""The latent measure's data assembly, identification checks and change points (no sampling here)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from crossroads.analysis.measurement.assemble import (
    InsufficientDataError,
    assemble,
    dyad_rows,
    uninformed_years,
)
from crossroads.analysis.measurement.changepoints import break_distribution, random_breaks

YEARS = pd.Index(range(1947, 2022), name="year")


def wide_frame() -> pd.DataFrame:
    """A dyad's raw variables as the adapter returns them: UN votes, aid with gaps and zeros, ATOP to 2018."""
    wide = pd.DataFrame(index=YEARS)
    wide["unga_agreement"] = np.linspace(0.3, 0.7, len(YEARS))
    wide["unga_joint_votes"] = 80.0
    wide.loc[1964, ["unga_agreement", "unga_joint_votes"]] = np.nan
    wide["us_aid_obligations_constant[USA>PAK]"] = 1e8
    wide.loc[[1949, 1950], "us_aid_obligations_constant[USA>PAK]"] = np.nan
    wide.loc[1948, "us_aid_obligations_constant[USA>PAK]"] = 0.0
    wide["atop_defense[USA>PAK]"] = [1.0 if 1954 <= y <= 2018 else 0.0 for y in YEARS]
    wide.loc[2019:, "atop_defense[USA>PAK]"] = np.nan
    for q in (1, 2, 3, 4):
        wide[f"events_q{q}"] = (YEARS.to_numpy() % (q + 1) == 0).astype(int)
    return wide


def test_missing_cells_have_no_row_and_true_zeros_stay_zero() -> None:
    rows = dyad_rows(wide_frame(), "USA", "PAK")
    aid = rows[rows["indicator"] == "aid"].set_index("year")
    assert 1949 not in aid.index and 1950 not in aid.index
    assert aid.loc[1948, "y"] == 0.0
    assert aid.loc[1951, "direction"] == "USA>PAK"
    un = rows[rows["indicator"] == "un_agreement"].set_index("year")
    assert 1964 not in un.index
    assert un.loc[1947, "n"] == 80 and un.loc[1947, "y"] == round(0.3 * 80)


def test_a_series_that_ends_stops_informing() -> None:
    rows = dyad_rows(wide_frame(), "USA", "PAK")
    assert rows.loc[rows["indicator"] == "alliance", "year"].max() == 2018


def test_a_dyad_with_one_informing_indicator_is_refused_naming_indicators_and_years() -> None:
    wide = pd.DataFrame(index=YEARS)
    wide["unga_agreement"] = 0.5
    wide["unga_joint_votes"] = 50.0
    wide.loc[:1970, ["unga_agreement", "unga_joint_votes"]] = np.nan
    wide.loc[1971:, "unga_agreement"] = np.linspace(0.4, 0.6, 2021 - 1970)
    wide["atop_defense[CHN>XYZ]"] = 0.0
    with pytest.raises(InsufficientDataError) as err:
        assemble({("CHN", "XYZ"): wide})
    message = str(err.value)
    assert "CHN-XYZ" in message
    assert "un_agreement: 1971-2020" in message or "un_agreement: 1971-2021" in message
    assert "alliance" in message and "does not vary" in message
    assert "aid: no observations" in message
    assert "1947-1970" in message


def test_years_without_any_informing_observation_are_listed() -> None:
    rows = dyad_rows(wide_frame(), "USA", "PAK")
    rows = rows[~rows["indicator"].str.startswith("events_")]
    assert uninformed_years(rows, "USA-PAK", tuple(range(1947, 2022))) == []
    late = rows[rows["year"] <= 2015]
    assert uninformed_years(late, "USA-PAK", tuple(range(1947, 2022))) == list(range(2016, 2022))


def test_random_segmentations_have_the_asked_number_of_breaks_and_minimum_length() -> None:
    rng = np.random.default_rng(0)
    for count in range(0, 8):
        for _ in range(50):
            breaks = random_breaks(75, count, 3, rng)
            assert len(breaks) == count
            edges = [0, *breaks, 75]
            assert all(b - a >= 3 for a, b in itertools.pairwise(edges))


def test_breaks_on_draws_find_a_planted_shift_and_score_above_chance_at_era_starts() -> None:
    rng = np.random.default_rng(1)
    years = list(range(1947, 2022))
    level = np.where(np.array(years) >= 1971, 2.0, 0.0) + np.where(np.array(years) >= 1990, -2.0, 0.0)
    draws = level + rng.normal(0, 0.3, size=(60, len(years)))
    dist = break_distribution(draws, years, era_starts=[1971, 1990], n_random=30)
    assert 1971 in dist.breaks and 1990 in dist.breaks
    assert dist.f1_posterior > dist.f1_random
    assert dist.p_chance < 0.1
    noise = rng.normal(0, 1.0, size=(60, len(years)))
    flat = break_distribution(noise, years, era_starts=[1971, 1990], n_random=30)
    assert flat.breaks == []


def test_alliance_obligations_enter_as_one_ordered_level_per_direction() -> None:
    wide = pd.DataFrame(index=pd.Index([1950, 1960, 1975, 2020], name="year"))
    wide["atop_defense[USA>PAK]"] = [0.0, 1.0, 1.0, np.nan]
    wide["atop_consul[USA>PAK]"] = [0.0, 1.0, 1.0, np.nan]
    wide["atop_defense[PAK>USA]"] = [0.0, 1.0, 0.0, np.nan]
    wide["atop_consul[PAK>USA]"] = [0.0, 1.0, 1.0, np.nan]
    rows = dyad_rows(wide, "USA", "PAK")
    levels = rows[rows["indicator"] == "alliance"].pivot(index="year", columns="direction", values="y")
    assert levels.loc[1950].tolist() == [0.0, 0.0]  # no obligation: level 0
    assert levels.loc[1960, "USA>PAK"] == 2.0 and levels.loc[1960, "PAK>USA"] == 2.0  # defence
    assert levels.loc[1975, "USA>PAK"] == 2.0 and levels.loc[1975, "PAK>USA"] == 1.0  # consultation only
    assert 2020 not in levels.index  # every obligation series missing: no row, no pull on the state
