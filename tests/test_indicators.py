"""The dyad-year panel verbs, on the committed tables (no raw data needed)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from crossroads import load_chronology
from crossroads.indicators import panel as ps
from crossroads.indicators.pacts import pact_series, spell
from crossroads.model.errors import CrossroadsError
from crossroads.model.loading import Chronology
from crossroads.paths import data_dir
from tests.conftest import append_event

Adder = Callable[[pd.DataFrame], pd.DataFrame]
ADDERS: list[Adder] = [ps.add_aid, ps.add_arms, ps.add_unga, ps.add_conflict, ps.add_capabilities]


@pytest.fixture(scope="module")
def chron() -> Chronology:
    return load_chronology()


@pytest.fixture(scope="module")
def full(chron: Chronology) -> pd.DataFrame:
    panel = ps.dyad_years("USA", "PAK")
    for add in ADDERS:
        panel = add(panel)
    panel = ps.add_alliances(panel, chron=chron)
    return ps.add_chronology(panel, chron=chron).set_index("year")


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
def test_no_adder_duplicates_rows(pair: tuple[str, str], directed: bool, chron: Chronology) -> None:
    panel = ps.dyad_years(*pair, directed=directed)
    rows = len(panel)
    for add in ADDERS:
        panel = add(panel)
        assert len(panel) == rows and not panel.duplicated(ps.KEY).any()
    panel = ps.add_chronology(ps.add_alliances(panel, chron=chron), chron=chron)
    assert len(panel) == rows and not panel.duplicated(ps.KEY).any()


def test_many_pairs_in_one_panel() -> None:
    panel = pd.concat([ps.dyad_years("USA", "PAK"), ps.dyad_years("USA", "IND")], ignore_index=True)
    panel = ps.add_unga(ps.add_aid(panel))
    assert len(panel) == 150
    wide = panel.set_index(["source_actor", "year"])
    assert wide.loc[("PAK", 1962), "us_aid_obligations_current_2to1"] == 498_265_000
    assert wide.loc[("IND", 1966), "us_aid_obligations_current_2to1"] > 900e6  # India's peak year


def test_values_arrive_where_the_sources_put_them(full: pd.DataFrame) -> None:
    # undirected panel (PAK, USA): aid from the US is target -> source, i.e. the _2to1 column
    assert full.loc[1962, "us_aid_obligations_current_2to1"] == 498_265_000
    assert full.loc[2010, "us_aid_military_greenbook_2to1"] == 928
    assert full.loc[2010, "sipri_tiv_2to1"] == 1000
    assert full.loc[1954, "atop_defense"] == 1 and full.loc[1953, "atop_defense"] == 0
    assert full.loc[1962, "cinc_2"] > full.loc[1962, "cinc_1"]  # cinc_2 is the USA's
    assert 0 <= full.loc[1985, "unga_agreement_index"] <= 1


def test_missing_not_zero_outside_coverage(full: pd.DataFrame) -> None:
    assert full.loc[2021, ["unga_agreement", "atop_defense", "cow_defense", "cow_mid_count", "cow_war"]].isna().all()
    assert full.loc[[1949, 1950], "us_aid_obligations_current_2to1"].isna().all()  # not in the aid file
    assert full.loc[2016:2021, "sipri_tiv_2to1"].isna().all()  # no yearly dyadic SIPRI after 2015
    assert full.loc[2007, "crs_security_aid_2to1"] != full.loc[2007, "crs_security_aid_2to1"]  # NaN before FY2008
    assert full.loc[2019, "dsca_fms_total_2to1"] != full.loc[2019, "dsca_fms_total_2to1"]  # lump sum, no year
    assert full.loc[2001, "sipri_tiv_2to1"] == 0 and full.loc[1995, "cow_war"] == 0  # real zeros inside coverage


def test_directed_panel_uses_plain_names_for_directed_variables() -> None:
    panel = ps.add_arms(ps.dyad_years("USA", "PAK", directed=True)).set_index(["source_actor", "year"])
    assert panel.loc[("USA", 2010), "sipri_tiv"] == 1000
    assert pd.isna(panel.loc[("PAK", 2010), "sipri_tiv"])


def test_kashmir_conflict_sits_on_india(full: pd.DataFrame) -> None:
    panel = ps.add_conflict(ps.dyad_years("IND", "PAK", end=2024)).set_index("year")
    assert panel.loc[2002, "ucdp_intensity_kashmir_1"] == 2 and pd.isna(panel.loc[2002, "ucdp_intensity_kashmir_2"])
    assert panel.loc[1965, "ucdp_intensity_218"] == 2 and panel.loc[1950, "ucdp_intensity_218"] == 0
    assert round(ps.add_capabilities(ps.dyad_years("IND", "PAK")).set_index("year").loc[1950, "cinc_ratio"], 2) == 4.39


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
    assert (seato.exit_year, cento.exit_year) in {(1972, 1979), (None, 1979), (1972, None), (None, None)}


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


def test_adders_reject_bad_input_with_actionable_messages() -> None:
    with pytest.raises(CrossroadsError, match="dyad_years"):
        ps.add_aid(pd.DataFrame({"year": [2000]}))
    with pytest.raises(CrossroadsError, match="ISO3"):
        ps.dyad_years("US", "PAK")
    with pytest.raises(CrossroadsError, match="two different"):
        ps.dyad_years("PAK", "PAK")
    doubled = pd.concat([ps.dyad_years("USA", "PAK")] * 2, ignore_index=True)
    with pytest.raises(CrossroadsError, match="duplicate"):
        ps.add_unga(doubled)
    with pytest.raises(CrossroadsError, match="already in the panel"):
        ps.add_unga(ps.add_unga(ps.dyad_years("USA", "PAK")))
    swapped = ps.dyad_years("USA", "PAK").rename(
        columns={"source_actor": "target_actor", "target_actor": "source_actor"}
    )
    with pytest.raises(CrossroadsError, match="alphabetical"):
        ps.add_conflict(swapped)


def test_missing_table_names_the_rebuild_command(tmp_path: Path) -> None:
    shutil.copytree(data_dir() / "reference", tmp_path / "reference")
    with pytest.raises(CrossroadsError, match="data rebuild"):
        ps.add_aid(ps.dyad_years("USA", "PAK"), data=tmp_path)


def test_citations_and_versions(full: pd.DataFrame) -> None:
    bib = ps.citations(ps.add_capabilities(ps.dyad_years("IND", "PAK")))
    assert "singer1987nmc" in bib and "miller2022peacesciencer" in bib and "sipri" not in bib
    everything = ps.citations(ps.add_aid(ps.add_unga(ps.dyad_years("USA", "PAK"))))
    assert "usaid_fae" in everything and "bailey2017idealpoints" in everything
    table = ps.versions()
    assert set(table["table"]) >= {"us_aid", "conflict", "capabilities"} and table["version"].notna().all()
