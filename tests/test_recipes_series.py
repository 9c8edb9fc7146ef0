"""The series recipes: each rebuilds its committed table exactly, and the tables keep their promises."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from crossroads.paths import data_dir
from crossroads.recipes import aid_pakistan, countries, registry
from crossroads.recipes.tables import COLUMNS, KEY
from tests.conftest import RAW, needs_shared

SERIES = sorted((data_dir() / "series").glob("*.csv"))
SERIES_RECIPES = [n for n in registry.RECIPES if n not in ("cameo", "countries")]


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"source_actor": str, "target_actor": str})


@needs_shared
@pytest.mark.parametrize("name", SERIES_RECIPES)
def test_recipe_reproduces_the_committed_table(name: str, tmp_path: Path) -> None:
    for path in registry.RECIPES[name](RAW, tmp_path):
        committed = data_dir() / "series" / path.name
        assert path.read_bytes() == committed.read_bytes(), f"{path.name} differs from the committed table"
        fresh = json.loads(path.with_suffix(".provenance.json").read_text())
        kept = json.loads(committed.with_suffix(".provenance.json").read_text())
        assert {k: v for k, v in fresh.items() if k != "built"} == {k: v for k, v in kept.items() if k != "built"}


@needs_shared
def test_country_codes_recipe_reproduces_the_committed_table(tmp_path: Path) -> None:
    (path,) = countries.rebuild(RAW, tmp_path)
    assert path.read_bytes() == (data_dir() / "reference" / "country_codes.csv").read_bytes()


def test_there_is_a_table_for_every_series_recipe() -> None:
    assert len(SERIES) == 9
    assert {p.stem for p in SERIES} >= {"us_aid", "unga_agreement", "alliances", "conflict", "capabilities"}


@pytest.mark.parametrize("path", SERIES, ids=lambda p: p.stem)
def test_every_table_is_long_form_with_units_sources_and_one_row_per_key(path: Path) -> None:
    frame = read(path)
    assert list(frame.columns) == COLUMNS
    assert not frame.duplicated(KEY).any()
    assert frame["unit"].notna().all() and (frame["unit"] != "").all()
    assert frame["source"].notna().all()
    undirected = frame[~frame["directed"]]
    assert (undirected["source_actor"] <= undirected["target_actor"]).all(), "undirected pairs not alphabetical"
    assert frame["source_actor"].str.len().le(5).all()


@pytest.mark.parametrize("path", SERIES, ids=lambda p: p.stem)
def test_every_table_carries_provenance_with_citation_and_checksums(path: Path) -> None:
    meta = json.loads(path.with_suffix(".provenance.json").read_text())
    assert meta["citation"] and meta["version"] and meta["transformation"]
    assert meta["raw_files"] and all(len(f["sha256"]) == 64 for f in meta["raw_files"])
    assert meta["rows"] == len(read(path))


def test_country_codes_map_the_focus_states_and_the_ussr_to_rus() -> None:
    table = pd.read_csv(data_dir() / "reference" / "country_codes.csv", keep_default_na=False)
    cow = table[table["origin"] == "cow"].drop_duplicates("ccode", keep="last")
    cow = cow.set_index(cow["ccode"].astype(int))["harmonised"]
    assert {c: cow[c] for c in (2, 365, 700, 710, 750, 770)} == {
        2: "USA",
        365: "RUS",
        700: "AFG",
        710: "CHN",
        750: "IND",
        770: "PAK",
    }
    assert table.loc[table["name"] == "Soviet Union", "harmonised"].item() == "RUS"
    states = table[table["origin"] == "cow"]
    assert not states.duplicated(["ccode", "valid_from"]).any()


def _wide(name: str, a: str, b: str) -> pd.DataFrame:
    frame = read(data_dir() / "series" / f"{name}.csv")
    rows = frame[(frame["source_actor"] == a) & (frame["target_actor"] == b)]
    return rows.pivot(index="year", columns="variable", values="value")


def test_check_figure_1_us_aid_to_pakistan() -> None:
    pak = _wide("us_aid", "USA", "PAK")
    constant, current = pak["us_aid_obligations_constant"], pak["us_aid_obligations_current"]
    assert constant.idxmax() == 1962 and round(constant[1962] / 1e9, 2) == 3.94
    assert round(current[1962] / 1e6, 1) == 498.3
    assert current.idxmax() == 2010 and round(current[2010] / 1e9, 2) == 2.67
    assert round(constant[2010] / 1e9, 2) == 3.72
    since_1990 = current.loc[1990:]
    assert since_1990.idxmin() == 1995 and round(since_1990.min() / 1e6, 1) == 17.1
    for year, musd in {1992: 21.4, 2001: 175.5, 2002: 830.7, 2024: 169.1}.items():
        assert round(current[year] / 1e6, 1) == musd


def _tq_constant(state: str) -> float:
    """The transition-quarter amount folded into FY1976, as the provenance records it."""
    meta = json.loads((data_dir() / "series" / "us_aid.provenance.json").read_text())
    found = re.search(rf"{state} [\d,]+ \(constant ([\d,]+)\)", meta["transformation"])
    assert found, f"no transition-quarter amount for {state} in the provenance"
    return float(found.group(1).replace(",", ""))


def test_check_figure_2_decades_pakistan_and_india() -> None:
    """SOURCES.md's decade sums leave the 1976 transition quarter out; our FY1976 includes it."""
    expected = {
        1950: (12.1, 13.1),
        1960: (23.2, 49.5),
        1970: (7.1, 11.3),
        1980: (11.7, 5.3),
        1990: (1.9, 3.0),
        2000: (9.8, 2.8),
        2010: (15.3, 1.6),
    }
    sums = {}
    for state in ("PAK", "IND"):
        constant = _wide("us_aid", "USA", state)["us_aid_obligations_constant"]
        sums[state] = constant.groupby(constant.index // 10 * 10).sum() / 1e9
        sums[state][1970] -= _tq_constant(state) / 1e9
    for decade, (pak, ind) in expected.items():
        assert (round(sums["PAK"][decade], 1), round(sums["IND"][decade], 1)) == (pak, ind)
    india = _wide("us_aid", "USA", "IND")["us_aid_obligations_current"]
    assert india.idxmax() == 1966 and round(india[1966] / 1e6, 1) == 909.6


def test_transition_quarter_is_folded_into_fy1976_and_named_in_provenance() -> None:
    meta = json.loads((data_dir() / "series" / "us_aid.provenance.json").read_text())
    assert "1976tq" in meta["transformation"] and "PAK 64,500,000 (constant 272,534,290)" in meta["transformation"]
    years = read(data_dir() / "series" / "us_aid.csv")["year"]
    assert years.dtype.kind == "i"


def test_check_figure_3_crs_grand_totals_and_no_zero_for_unprinted_csf() -> None:
    crs = _wide("us_aid_pakistan", "USA", "PAK")["crs_total_aid"].dropna()
    assert crs.to_dict() == {
        2008: 2043,
        2009: 3040,
        2010: 4504,
        2011: 3581,
        2012: 2604,
        2013: 1548,
        2014: 2177,
        2015: 1604,
        2016: 1203,
        2017: 590,
        2018: 108,
    }
    csf = _wide("us_aid_pakistan", "USA", "PAK")["crs_coalition_support_funds"]
    assert pd.isna(csf[2017]) and pd.isna(csf[2018]) and csf[2013] == 353


def test_greenbook_military_and_crs_security_disagree_visibly() -> None:
    series = read(data_dir() / "series" / "us_aid_pakistan.csv")
    table = aid_pakistan.greenbook_vs_crs(series)
    assert list(table.index) == list(range(2008, 2019))
    assert table.loc[2010, "us_aid_military_greenbook"] == 928 and table.loc[2010, "crs_security_aid"] == 1236
    assert (table["ratio"] < 1).all(), "Greenbook obligations below CRS appropriations in every shared year"
    greenbook = _wide("us_aid_pakistan", "USA", "PAK")["us_aid_military_greenbook"].dropna()
    assert (greenbook.index.min(), greenbook.index.max(), len(greenbook)) == (1948, 2019, 70)


def test_check_figure_4_dsca_yearly_values_and_no_fake_lump_year() -> None:
    fms = read(data_dir() / "series" / "dsca_fms.csv")
    assert set(fms["year"]) == set(range(2020, 2025))
    total = fms[fms["variable"] == "dsca_fms_total"].groupby("target_actor")["value"].sum()
    meta = json.loads((data_dir() / "series" / "dsca_fms.provenance.json").read_text())
    assert "PAK $10,481,031,795" in meta["transformation"] and "IND $10,246,475,008" in meta["transformation"]
    assert 10_481_031_795 + total["PAK"] == 11_064_010_209
    assert 10_246_475_008 + total["IND"] == 13_708_042_410


def test_check_figure_7_arms_shares_and_recipient_totals() -> None:
    arms = read(data_dir() / "series" / "sipri_arms.csv")
    tiv = arms[(arms["variable"] == "sipri_tiv") & (arms["target_actor"] == "PAK")]
    total = tiv.groupby("year")["value"].sum()
    us = tiv[tiv["source_actor"] == "USA"].set_index("year")["value"]
    china = tiv[tiv["source_actor"] == "CHN"].set_index("year")["value"]

    def share(s: pd.Series, a: int, b: int) -> int:
        return round(100 * s.loc[a:b].sum() / total.loc[a:b].sum())

    assert [share(us, 1950, 1959), share(us, 1960, 1969), share(us, 1970, 1979), share(us, 1980, 1989)] == [
        48,
        21,
        10,
        39,
    ]
    assert (share(us, 2000, 2009), share(us, 2010, 2015), share(china, 2010, 2015)) == (18, 27, 54)
    assert (share(china, 1960, 1969), share(china, 1970, 1979)) == (44, 47)
    india = arms[(arms["variable"] == "sipri_tiv") & (arms["target_actor"] == "IND")]
    india_total = india.groupby("year")["value"].sum()
    rus = india[india["source_actor"] == "RUS"].set_index("year")["value"]  # Soviet Union, then Russia
    rus_shares = [round(100 * rus.loc[a:b].sum() / india_total.loc[a:b].sum()) for a, b in
                  ((1960, 1969), (1970, 1979), (1980, 1989), (2000, 2009), (2010, 2015))]  # fmt: skip
    assert rus_shares == [61, 70, 74, 74, 72]
    assert china[china > 0].index.min() == 1964 and us.idxmax() == 2010 and us.max() == 1000
    assert (us.index.min(), us.index.max()) == (1950, 2015), "0 inside 1950-2015, absent outside"
    imports = arms[arms["variable"] == "sipri_tiv_imports_total"].groupby("source_actor")["value"].sum()
    # SIPRI's printed totals (134,469 and 43,666) are sums of unrounded values; ours sum printed cells.
    assert abs(imports["IND"] - 134_469) <= 5 and abs(imports["PAK"] - 43_666) <= 5


def test_check_figure_8_wars_and_battle_deaths() -> None:
    conflict = read(data_dir() / "series" / "conflict.csv")
    deaths = conflict[conflict["variable"] == "cow_war_battle_deaths"].set_index(
        ["source_actor", "target_actor", "year"]
    )["value"]
    assert [deaths[("IND", "PAK", y)] for y in (1947, 1965, 1971, 1999)] == [2500, 3261, 3241, 474]
    assert [deaths[("PAK", "IND", y)] for y in (1947, 1965, 1971, 1999)] == [1000, 3800, 7982, 698]
    assert (deaths[("CHN", "IND", 1962)], deaths[("IND", "CHN", 1962)]) == (500, 1353)


def test_check_figure_9_disputes_and_ucdp_activity() -> None:
    ind_pak, pak_usa, ind_usa = (_wide("conflict", *p) for p in (("IND", "PAK"), ("PAK", "USA"), ("IND", "USA")))
    assert (ind_pak["gml_mid_onsets"].sum(), ind_pak["cow_mid_onsets"].sum()) == (39, 40)
    assert (pak_usa["gml_mid_onsets"].sum(), pak_usa["cow_mid_onsets"].sum()) == (3, 9)
    assert ind_usa["gml_mid_count"].sum() == 0 and ind_usa["cow_mid_count"].sum() == 0
    active = ind_pak["ucdp_intensity_218"]
    expected = [
        1948,
        1964,
        1965,
        1971,
        1984,
        1987,
        *range(1989, 1993),
        1994,
        *range(1996, 2004),
        *range(2013, 2021),
    ]
    assert list(active[active > 0].index) == expected
    assert list(active[active == 2].index) == [1948, 1965, 1971]
    kashmir = _wide("conflict", "IND", "IND")["ucdp_intensity_kashmir"]
    assert list(kashmir[kashmir > 0].index) == list(range(1990, 2025))
    assert list(kashmir[kashmir == 2].index) == [2000, 2002, 2003, 2004, 2005]


def test_check_figure_10_alliance_spells() -> None:
    def years(a: str, b: str, variable: str) -> list[int]:
        col = _wide("alliances", a, b)[variable]
        return list(col[col == 1].index)

    # ATOP is directed: the US's defence obligation to Pakistan ran 1954-2018, Pakistan's to the US 1954-72
    assert years("USA", "PAK", "atop_defense") == list(range(1954, 2019))
    assert years("PAK", "USA", "atop_defense") == list(range(1954, 1973))
    assert years("USA", "PAK", "atop_nonagg") == years("PAK", "USA", "atop_nonagg")
    assert years("USA", "PAK", "atop_nonagg") == [*range(1954, 1973), *range(2009, 2019)]
    assert years("PAK", "USA", "cow_entente") == list(range(1954, 1980))
    assert years("PAK", "USA", "cow_nonagg") == list(range(1958, 1980))
    assert years("PAK", "USA", "cow_defense") == list(range(1959, 2013))
    assert years("IND", "RUS", "cow_nonagg") == years("IND", "RUS", "cow_entente") == list(range(1971, 1992))
    assert years("IND", "RUS", "atop_neutral") == list(range(1971, 1994))
    assert years("IND", "RUS", "atop_nonagg") == years("RUS", "IND", "atop_nonagg") == list(range(1971, 2019))
    assert years("IND", "PAK", "atop_nonagg") == list(range(1966, 2019))
    assert years("IND", "PAK", "cow_nonagg") == list(range(1972, 2013))


def test_check_figure_11_cinc_ratio() -> None:
    ratio = _wide("capabilities", "IND", "PAK")["cinc_ratio"]
    assert [round(ratio[y], 2) for y in (1950, 1971, 2000, 2022)] == [4.39, 5.33, 5.20, 5.62]
    cinc = read(data_dir() / "series" / "capabilities.csv").query("variable == 'cinc'")
    assert (cinc["source_actor"] == cinc["target_actor"]).all(), "CINC is monadic"


def test_check_figure_5_unga_agreement_by_decade() -> None:
    def decades(a: str, b: str) -> pd.Series:
        wide = _wide("unga_agreement", a, b)
        weighted = (wide["unga_agreement_index"] * wide["unga_joint_votes"]).groupby(wide.index // 10 * 10).sum()
        return (weighted / wide["unga_joint_votes"].groupby(wide.index // 10 * 10).sum()).round(3)

    pak_usa = decades("PAK", "USA")
    assert [pak_usa[d] for d in range(1950, 2020, 10)] == [0.720, 0.538, 0.530, 0.290, 0.311, 0.267, 0.306]
    ind_usa = decades("IND", "USA")
    assert [ind_usa[d] for d in range(1950, 2020, 10)] == [0.569, 0.472, 0.512, 0.268, 0.271, 0.291, 0.324]
    ind_pak = decades("IND", "PAK")
    assert ind_pak[1950] == 0.731 and ind_pak[1970] == 0.928
    chn_pak = decades("CHN", "PAK")
    assert chn_pak.loc[1970:2010].between(0.883, 0.947).all()


def test_check_figure_6_ideal_point_distances() -> None:
    pak, ind = _wide("unga_ideal_points", "PAK", "USA"), _wide("unga_ideal_points", "IND", "USA")
    both = pd.DataFrame({"PAK": pak["unga_ideal_point_distance"], "IND": ind["unga_ideal_point_distance"]}).dropna()
    closer = list(both.index[both["PAK"] < both["IND"]])
    assert (len(both), len(closer)) == (77, 42)
    expected = [
        *range(1947, 1950),
        *range(1953, 1964),
        *range(1971, 1978),
        *range(1979, 1989),
        1990,
        *range(1993, 1998),
        1999,
        2013,
        2015,
        2019,
        2021,
    ]
    assert closer == expected
    assert (round(both.loc[1955, "PAK"], 2), round(both.loc[1955, "IND"], 2)) == (1.66, 3.49)
    assert (round(both.loc[2024, "PAK"], 2), round(both.loc[2024, "IND"], 2)) == (2.54, 2.41)


def test_unga_kappa_is_chance_corrected_and_issue_series_exist() -> None:
    wide = _wide("unga_agreement", "PAK", "USA")
    kappa = wide["unga_kappa"].dropna()
    assert (kappa <= wide["unga_agreement"].reindex(kappa.index)).all()
    assert kappa.loc[2000:2019].mean() < 0 < wide["unga_agreement"].loc[2000:2019].mean()
    issues = [c for c in wide.columns if c.startswith("unga_agreement_index_")]
    assert len(issues) == 6
