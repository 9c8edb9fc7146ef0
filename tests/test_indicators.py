"""The one dyad-year panel: its verbs read the store built from the committed tables (no raw data needed)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from crossroads import load_chronology
from crossroads.indicators import panel as ps
from crossroads.indicators.pacts import pact_series, spell
from crossroads.model.errors import CrossroadsError
from crossroads.model.loading import Chronology
from crossroads.store.store import Store
from tests.conftest import append_event

Adder = Callable[[pd.DataFrame, Store], pd.DataFrame]


@pytest.fixture(scope="module")
def chron() -> Chronology:
    return load_chronology()


@pytest.fixture(scope="module")
def store(shipped_store: Path) -> Iterator[Store]:
    with Store(shipped_store) as opened:
        yield opened


@pytest.fixture(scope="module")
def full(store: Store) -> pd.DataFrame:
    panel = ps.dyad_years("USA", "PAK")
    for add in ps.VERBS:
        panel = add(panel, store)
    return panel.set_index("year")


def test_dyad_years_orders_undirected_pairs_and_doubles_directed_ones() -> None:
    undirected = ps.dyad_years("USA", "PAK", start=1947, end=2021)
    assert len(undirected) == 75 and set(zip(undirected["source_actor"], undirected["target_actor"], strict=True)) == {
        ("PAK", "USA")
    }
    directed = ps.dyad_years("USA", "PAK", directed=True)
    assert len(directed) == 150 and directed["directed"].all()
    assert set(zip(directed["source_actor"], directed["target_actor"], strict=True)) == {
        ("USA", "PAK"),
        ("PAK", "USA"),
    }


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("pair", [("USA", "PAK"), ("IND", "PAK"), ("USA", "IND"), ("CHN", "PAK"), ("RUS", "IND")])
def test_no_adder_duplicates_rows(pair: tuple[str, str], directed: bool, store: Store) -> None:
    panel = ps.dyad_years(*pair, directed=directed)
    rows = len(panel)
    for add in ps.VERBS:
        panel = add(panel, store)
        assert len(panel) == rows and not panel.duplicated(ps.KEY).any()


def test_many_pairs_in_one_panel(store: Store) -> None:
    panel = pd.concat([ps.dyad_years("USA", "PAK"), ps.dyad_years("USA", "IND")], ignore_index=True)
    panel = ps.add_unga(ps.add_aid(panel, store), store)
    assert len(panel) == 150
    wide = panel.set_index(["source_actor", "year"])
    assert wide.loc[("PAK", 1962), "us_aid_obligations_current_2to1"] == 498_265_000
    assert wide.loc[("IND", 1966), "us_aid_obligations_current_2to1"] > 900e6  # India's peak year


def test_values_arrive_where_the_sources_put_them(full: pd.DataFrame) -> None:
    # undirected panel (PAK, USA): aid from the US is target -> source, i.e. the _2to1 column
    assert full.loc[1962, "us_aid_obligations_current_2to1"] == 498_265_000
    assert full.loc[2010, "us_aid_military_greenbook_2to1"] == 928
    assert full.loc[2010, "sipri_tiv_2to1"] == 1000
    assert full.loc[1954, "atop_defense_2to1"] == 1 and full.loc[1953, "atop_defense_2to1"] == 0
    # ATOP obligations are directed: the US's to Pakistan ran to 2018, Pakistan's to the US ended with SEATO
    assert full.loc[2000, "atop_defense_2to1"] == 1 and full.loc[2000, "atop_defense_1to2"] == 0
    assert full.loc[1972, "atop_defense_1to2"] == 1 and "atop_defense" not in full.columns
    assert full.loc[1962, "cinc_2"] > full.loc[1962, "cinc_1"]  # cinc_2 is the USA's
    assert 0 <= full.loc[1985, "unga_agreement_index"] <= 1


def test_missing_not_zero_outside_coverage(full: pd.DataFrame) -> None:
    assert (
        full.loc[2021, ["unga_agreement", "atop_defense_2to1", "cow_defense", "cow_mid_count", "cow_war"]].isna().all()
    )
    assert full.loc[[1949, 1950], "us_aid_obligations_current_2to1"].isna().all()  # not in the aid file
    assert full.loc[2016:2021, "sipri_tiv_2to1"].isna().all()  # no yearly dyadic SIPRI after 2015
    assert full.loc[2007, "crs_security_aid_2to1"] != full.loc[2007, "crs_security_aid_2to1"]  # NaN before FY2008
    assert full.loc[2019, "dsca_fms_total_2to1"] != full.loc[2019, "dsca_fms_total_2to1"]  # lump sum, no year
    assert full.loc[2001, "sipri_tiv_2to1"] == 0 and full.loc[1995, "cow_war"] == 0  # real zeros inside coverage


def test_directed_panel_uses_plain_names_for_directed_variables(store: Store) -> None:
    panel = ps.add_arms(ps.dyad_years("USA", "PAK", directed=True), store).set_index(["source_actor", "year"])
    assert panel.loc[("USA", 2010), "sipri_tiv"] == 1000
    assert pd.isna(panel.loc[("PAK", 2010), "sipri_tiv"])


def test_kashmir_conflict_sits_on_india(store: Store) -> None:
    panel = ps.add_conflict(ps.dyad_years("IND", "PAK"), store).set_index("year")
    assert panel.loc[2002, "ucdp_intensity_kashmir_1"] == 2 and pd.isna(panel.loc[2002, "ucdp_intensity_kashmir_2"])
    assert panel.loc[1965, "ucdp_intensity_218"] == 2 and panel.loc[1950, "ucdp_intensity_218"] == 0
    capabilities = ps.add_capabilities(ps.dyad_years("IND", "PAK"), store).set_index("year")
    assert round(capabilities.loc[1950, "cinc_ratio"], 2) == 4.39


def test_pacts_from_the_chronology(chron: Chronology, full: pd.DataFrame) -> None:
    """Entry years rest on the treaty signatures; exits on the withdrawal events, while they are recorded."""
    seato, cento = spell(chron, "SOT"), spell(chron, "CTO")
    assert (seato.entry_year, cento.entry_year) == (1954, 1955)
    for found, variable in ((seato, "seato_membership"), (cento, "cento_membership")):
        flags = full[variable]
        assert flags.loc[found.entry_year] == 1 and flags.loc[found.entry_year - 1] == 0
        if found.exit_year is None:
            assert flags.loc[found.entry_year + 1 :].isna().all()
        else:
            assert list(flags[flags == 1].index) == list(range(found.entry_year, found.exit_year + 1))
    # exits count from when they took effect: SEATO announced November 1972, effective November 1973
    assert (seato.exit_year, cento.exit_year) in {(1973, 1979), (None, 1979), (1973, None), (None, None)}


def test_pacts_without_an_exit_event_stay_unknown(mini_data: Path) -> None:
    append_event(
        mini_data,
        """\
        - id: 1954-09-08-manila-pact
          date: "1954-09-08"
          precision: day
          actors: [USA, PAK, SOT]
          cameo: "057"
          goldstein: 8.0
          plover: SUPPORT
          dimensions: [alliance, agreement]
          description: Pakistan signed the Manila Pact.
          sources: [avalon-mdaa-1954]
        """,
    )
    series = pact_series(load_chronology(mini_data)).set_index(["variable", "year"])["value"]
    assert series[("seato_membership", 1954)] == 1 and series[("seato_membership", 1953)] == 0
    assert pd.isna(series[("seato_membership", 1955)]), "no exit event: membership after entry is unknown"
    assert series.loc["cento_membership"].isna().all(), "no entry event: every year unknown"


def test_adders_reject_bad_input_with_actionable_messages(store: Store) -> None:
    with pytest.raises(CrossroadsError, match="dyad_years"):
        ps.add_aid(pd.DataFrame({"year": [2000]}), store)
    with pytest.raises(CrossroadsError, match="ISO3"):
        ps.dyad_years("US", "PAK")
    with pytest.raises(CrossroadsError, match="two different"):
        ps.dyad_years("PAK", "PAK")
    doubled = pd.concat([ps.dyad_years("USA", "PAK")] * 2, ignore_index=True)
    with pytest.raises(CrossroadsError, match="duplicate"):
        ps.add_unga(doubled, store)
    with pytest.raises(CrossroadsError, match="already in the panel"):
        ps.add_unga(ps.add_unga(ps.dyad_years("USA", "PAK"), store), store)
    swapped = ps.dyad_years("USA", "PAK").rename(
        columns={"source_actor": "target_actor", "target_actor": "source_actor"}
    )
    with pytest.raises(CrossroadsError, match="alphabetical"):
        ps.add_conflict(swapped, store)


def test_dyad_frame_names_directions_by_code_whichever_state_comes_first(store: Store) -> None:
    one, other = ps.dyad_frame(store, "USA", "PAK"), ps.dyad_frame(store, "PAK", "USA")
    pd.testing.assert_frame_equal(one, other)
    assert one.loc[1962, "us_aid_obligations_current[USA>PAK]"] == 498_265_000
    assert one.loc[1962, "cinc[USA]"] > one.loc[1962, "cinc[PAK]"]
    assert "us_aid_obligations_current[PAK>USA]" not in one.columns, "a direction with no data is left out"
    assert list(one.index) == list(store.calendar().years)


def test_citations_and_versions(full: pd.DataFrame, store: Store) -> None:
    bib = ps.citations(ps.add_capabilities(ps.dyad_years("IND", "PAK"), store))
    assert "singer1987nmc" in bib and "miller2022peacesciencer" in bib and "sipri" not in bib
    everything = ps.citations(ps.add_aid(ps.add_unga(ps.dyad_years("USA", "PAK"), store), store))
    assert "usaid_fae" in everything and "bailey2017idealpoints" in everything
    table = ps.versions()
    assert set(table["table"]) >= {"us_aid", "conflict", "capabilities"} and table["version"].notna().all()
