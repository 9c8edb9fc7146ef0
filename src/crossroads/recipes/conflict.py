"""Recipe: wars, militarized disputes and armed-conflict intensity per dyad-year.

* COW Inter-State War v4.0 (peacesciencer, 1823-2003; kept from 1946): ``cow_war``
  (undirected flag, 1 in each year the two states fought each other in a war);
  ``cow_war_battle_deaths`` (directed: source_actor = the state whose battle deaths
  are counted, target_actor = its opponent; COW codes a participant's deaths for
  the whole war, so the figure is recorded once, in the dyad's first year of that
  war) and ``cow_war_number`` (the COW war number, same row). -9 is missing.
* MIDs, GML v2.2.1 (to 2010) and COW MID5 (to 2014), from the directed dispute-year
  files (all disputes, not the one-dispute-per-dyad-year subsets): ``gml_mid_count`` /
  ``cow_mid_count`` = disputes ongoing in the dyad-year, ``*_mid_onsets`` = disputes
  starting, ``*_mid_hostlev`` = highest hostility level either side reached in them
  (1 no militarized action ... 5 war; missing in years without a dispute).
* UCDP/PRIO ACD v25.1 (1946-2024): ``ucdp_intensity`` for inter-state conflicts whose
  primary sides are two focus states (e.g. 218 India-Pakistan, 274 China-India);
  ``ucdp_intensity_218`` the India-Pakistan (Kashmir) conflict on the IND-PAK dyad;
  ``ucdp_intensity_kashmir`` conflict 364, Government of India vs Kashmir insurgents,
  is intrastate, so it is recorded monadically on India (source_actor = target_actor
  = IND, the government side and location). Intensity 1 = 25-999 battle-related deaths
  in the year, 2 = 1,000 or more.

Zeros are real where the source is exhaustive: no war, no dispute and no active
conflict in a covered year is 0, filled for the 15 focus pairs (and India for 364)
from 1946 (or when both states exist) to each source's last year; later years are
absent. For UCDP, 0 means fewer than 25 battle-related deaths (not active).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crossroads.model.errors import CrossroadsError
from crossroads.recipes.countries import codes, first_year, focus_pairs
from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import fill_zeros, long_form, order_undirected, write_series

WAR = Path("peacesciencer/cow_war_inter_focus.csv")
MIDS = {
    "gml": (Path("peacesciencer/gml_dirdisp_focus.csv"), "midonset", 2010),
    "cow": (Path("peacesciencer/cow_mid_dirdisps_focus.csv"), "disponset", 2014),
}
UCDP = Path("ucdp_acd/ucdp_acd_v25_1_focus.csv")
START, WAR_END, UCDP_END = 1946, 2003, 2024
SOURCES = {"war": "cow-war-inter-4.0", "gml": "gml-mid-2.2.1", "cow": "cow-mid-5.0", "ucdp": "ucdp-acd-25.1"}
CITATION = (
    "Sarkees, Meredith Reid and Frank Wayman. 2010. Resort to War: 1816-2007. CQ Press. Gibler, Douglas M., "
    "Steven V. Miller and Erin K. Little. 2016. An Analysis of the Militarized Interstate Dispute (MID) "
    "Dataset, 1816-2001. International Studies Quarterly 60(4): 719-730. Palmer, Glenn et al. 2022. The "
    "MID5 Dataset, 2011-2014: Procedures, coding rules, and description. Conflict Management and Peace "
    "Science, doi:10.1177/0738894221995743. Gleditsch, Nils Petter, Peter Wallensteen, Mikael Eriksson, "
    "Margareta Sollenberg and Håvard Strand. 2002. Armed Conflict 1946-2001: A New Dataset. Journal of "
    "Peace Research 39(5): 615-637; Davies, S., T. Pettersson, M. Sollenberg and M. Öberg. 2025. Organized "
    "violence 1989-2024, and the challenges of identifying civilian victims. Journal of Peace Research "
    "62(4). As shipped in Miller, Steven V. 2022. {peacesciencer}. Conflict Management and Peace Science "
    "39(6): 755-779."
)


def _iso(raw: Path, frame: pd.DataFrame) -> pd.DataFrame:
    cc = codes(raw)
    return frame.assign(
        source_actor=frame["ccode1"].map(cc.iso3_of_ccode), target_actor=frame["ccode2"].map(cc.iso3_of_ccode)
    )


def wars(raw: Path) -> list[pd.DataFrame]:
    """War flags (undirected) and battle deaths with war numbers (directed, first year of the dyad's war)."""
    frame = _iso(raw, pd.read_csv(raw / WAR).query("year >= @START"))
    flag = order_undirected(frame)[["source_actor", "target_actor", "year"]].drop_duplicates().assign(war=1)
    pairs, years = focus_pairs(raw, START, WAR_END)
    flag = fill_zeros(flag, pairs, years, ["war"])
    first = frame.sort_values("year").drop_duplicates(["warnum", "ccode1", "ccode2"])
    forward = first.rename(columns={"batdeath1": "deaths"})
    backward = first.rename(
        columns={"source_actor": "target_actor", "target_actor": "source_actor", "batdeath2": "deaths"}
    )
    cols = ["source_actor", "target_actor", "year", "deaths", "warnum"]
    deaths = pd.concat([forward[cols], backward[cols]]).drop_duplicates()
    if deaths.duplicated(["source_actor", "target_actor", "year"]).any():
        raise CrossroadsError(f"{WAR}: two wars start in the same dyad-year; battle deaths would be ambiguous")
    deaths["deaths"] = deaths["deaths"].where(deaths["deaths"] >= 0)
    src = SOURCES["war"]
    return [
        long_form(flag, variable="cow_war", value="war", unit="flag", source=src, directed=False),
        long_form(
            deaths,
            variable="cow_war_battle_deaths",
            value="deaths",
            unit="battle deaths (whole war, in the dyad's first war year)",
            source=src,
            directed=True,
        ),
        long_form(
            deaths,
            variable="cow_war_number",
            value="warnum",
            unit="COW war number",
            source=src,
            directed=True,
        ),
    ]


def mids(raw: Path, name: str) -> list[pd.DataFrame]:
    """Dispute counts, onsets and the highest hostility level per undirected dyad-year."""
    path, onset, end = MIDS[name]
    frame = pd.read_csv(raw / path).query("year >= @START and ccode1 < ccode2")
    frame = order_undirected(_iso(raw, frame))
    frame["hostlev"] = frame[["hostlev1", "hostlev2"]].where(frame[["hostlev1", "hostlev2"]] > 0).max(axis=1)
    keys = ["source_actor", "target_actor", "year"]
    stats = (
        frame.groupby(keys)
        .agg(count=("dispnum", "nunique"), onsets=(onset, "sum"), hostlev=("hostlev", "max"))
        .reset_index()
    )
    pairs, years = focus_pairs(raw, START, end)
    filled = fill_zeros(stats, pairs, years, ["count", "onsets"])
    hostile = stats.dropna(subset=["hostlev"])
    src = SOURCES[name]
    return [
        long_form(filled, variable=f"{name}_mid_count", value="count", unit="disputes", source=src, directed=False),
        long_form(filled, variable=f"{name}_mid_onsets", value="onsets", unit="disputes", source=src, directed=False),
        long_form(
            hostile,
            variable=f"{name}_mid_hostlev",
            value="hostlev",
            unit="hostility level (1-5)",
            source=src,
            directed=False,
        ),
    ]


def ucdp(raw: Path) -> list[pd.DataFrame]:
    """Inter-state intensity between focus states, conflict 218 on IND-PAK and 364 on India."""
    frame = pd.read_csv(raw / UCDP, dtype={"gwno_a": str, "gwno_b": str})
    gw = {"2": "USA", "365": "RUS", "700": "AFG", "710": "CHN", "750": "IND", "770": "PAK"}  # G-W = COW here
    inter = frame[(frame["type_of_conflict"] == 2) & frame["gwno_a"].isin(gw) & frame["gwno_b"].isin(gw)]
    inter = order_undirected(inter.assign(source_actor=inter["gwno_a"].map(gw), target_actor=inter["gwno_b"].map(gw)))
    keys = ["source_actor", "target_actor", "year"]
    pairs, years = focus_pairs(raw, START, UCDP_END)
    any_inter = fill_zeros(
        inter.groupby(keys)["intensity_level"].max().reset_index(), pairs, years, ["intensity_level"]
    )
    c218 = inter[inter["conflict_id"] == 218]
    c218 = fill_zeros(
        c218[[*keys, "intensity_level"]],
        [("IND", "PAK")],
        {("IND", "PAK"): years[("IND", "PAK")]},
        ["intensity_level"],
    )
    c364 = frame[frame["conflict_id"] == 364].assign(source_actor="IND", target_actor="IND")
    india = {("IND", "IND"): range(first_year(raw, "IND"), UCDP_END + 1)}
    c364 = fill_zeros(c364[[*keys, "intensity_level"]], [("IND", "IND")], india, ["intensity_level"])
    unit, src = "UCDP intensity (0 inactive, 1 minor, 2 war)", SOURCES["ucdp"]
    return [
        long_form(
            any_inter,
            variable="ucdp_intensity",
            value="intensity_level",
            unit=unit,
            source=src,
            directed=False,
        ),
        long_form(
            c218,
            variable="ucdp_intensity_218",
            value="intensity_level",
            unit=unit,
            source=src,
            directed=False,
        ),
        long_form(
            c364,
            variable="ucdp_intensity_kashmir",
            value="intensity_level",
            unit=unit,
            source=src,
            directed=False,
        ),
    ]


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``series/conflict.csv``."""
    frames = wars(raw) + mids(raw, "gml") + mids(raw, "cow") + ucdp(raw)
    prov = Provenance(
        table="conflict",
        source="COW Inter-State War v4.0, GML MID v2.2.1 and COW MID5 (peacesciencer focus extracts), "
        "UCDP/PRIO Armed Conflict Dataset v25.1",
        citation=CITATION,
        version="peacesciencer fe150a26 (COW war 4.0, GML 2.2.1, COW MID 5.0); UCDP ACD 25.1",
        transformation="From 1946. cow_war: undirected flag per year at war; cow_war_battle_deaths and "
        "cow_war_number directed (source = the state whose deaths), in the dyad's first year of each war, "
        "-9 missing. MIDs from the directed dispute-year files (rows ccode1 < ccode2): distinct disputes "
        "ongoing, onsets, max(hostlev1, hostlev2) (missing without a dispute). UCDP: max intensity of "
        "inter-state conflicts whose primary sides are two focus states (G-W = COW codes for these); "
        "conflict 218 on IND-PAK; conflict 364 (India vs Kashmir insurgents, intrastate) monadic on IND. "
        "Zeros filled for the 15 focus pairs (and IND for 364) from 1946 or both states' entry to each "
        "source's end (war 2003, GML 2010, COW MID 2014, UCDP 2024): the sources are exhaustive there.",
        terms="peacesciencer GPL-2, data under original providers' terms; UCDP terms not stated in the codebook.",
    )
    for path in [WAR, MIDS["gml"][0], MIDS["cow"][0], UCDP]:
        prov.add_raw(raw / path, raw)
    return [write_series(frames, out, "conflict", prov)]
