"""Recipe: one country-code table linking COW codes, names as the datasets spell them, and ISO3.

Datasets disagree on codes (COW numbers, ISO3, Gleditsch-Ward, plain names), so
every recipe maps actors through this one table. Rows are names: each COW state
under its COW name (``origin=cow``) and the other spellings the datasets use
(``origin=alias``). ISO3 comes from the ``iso3c`` column of the UNGA ideal-point
file (which pairs it with COW codes), with the gaps filled by hand below. The
USSR and Russia share RUS, as they share COW 365.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from crossroads.model.errors import CrossroadsError
from crossroads.recipes.provenance import Provenance, write_table

STATES = Path("peacesciencer/cow_states.csv")
IDEAL = Path("unga_ideal_points/ideal_points_all.csv")

# ISO 3166-1 (or -3 for dissolved states) where the ideal-point file gives none or a wrong one.
MANUAL_ISO3: dict[int, str] = {
    331: "SMR",
    346: "BIH",
    347: "XKX",
    371: "ARM",
    373: "AZE",
    420: "GMB",
    436: "NER",
    450: "LBR",
    452: "GHA",
    484: "COG",
    581: "COM",
    590: "MUS",
    666: "ISR",
    811: "KHM",
    955: "TON",
    260: "DEU",
    678: "YAR",
    680: "YMD",
}

# Names other datasets use for COW states (SIPRI, UCDP, USAID); all resolve to the COW code.
ALIASES: dict[str, int] = {
    "United States": 2,
    "Soviet Union": 365,
    "Russia": 365,
    "USSR": 365,
    "China": 710,
    "Germany (FRG)": 260,
    "Germany": 255,
    "Czech Republic": 316,
    "Czechia": 316,
    "UAE": 696,
    "United Arab Emirates": 696,
    "United Kingdom": 200,
    "North Korea": 731,
    "South Korea": 732,
    "Bosnia-Herzegovina": 346,
    "Iran": 630,
    "Turkey": 640,
    "Kyrgyzstan": 703,
    "Taiwan": 713,
    "Vietnam": 816,
}

CITATION = (
    "Correlates of War Project. 2017. State System Membership List, v2016 (as shipped "
    "in Miller, Steven V. 2022. {peacesciencer}: An R Package for "
    "Quantitative Peace Science Research. Conflict Management and Peace Science 39(6): 755-779). ISO3 "
    "codes from Bailey, Michael A., Anton Strezhnev and Erik Voeten. 2017. Estimating dynamic state "
    "preferences from United Nations voting data. Journal of Conflict Resolution 61(2): 430-56 "
    "(ideal-point file, July 2025 version)."
)


@dataclass(frozen=True)
class CountryCodes:
    """Lookups from COW codes and dataset names to ISO3."""

    table: pd.DataFrame

    def iso3_of_ccode(self, ccode: int) -> str:
        rows = self.table[(self.table["ccode"] == ccode) & (self.table["origin"] == "cow")]
        if rows.empty or not rows["iso3"].iloc[0]:
            raise CrossroadsError(f"COW code {ccode} has no ISO3 in reference/country_codes.csv; add it")
        return str(rows["iso3"].iloc[0])

    def iso3_of_name(self, name: str) -> str | None:
        rows = self.table[self.table["name"] == name]
        return str(rows["iso3"].iloc[0]) if len(rows) and rows["iso3"].iloc[0] else None


def build_table(raw: Path) -> pd.DataFrame:
    """The mapping table: one row per (name, COW code) with its ISO3."""
    states = pd.read_csv(raw / STATES)
    ideal = pd.read_csv(raw / IDEAL, usecols=["ccode", "iso3c"]).dropna().drop_duplicates("ccode")
    iso = dict(zip(ideal["ccode"].astype(int), ideal["iso3c"], strict=True)) | MANUAL_ISO3
    cow = states.groupby("ccode", as_index=False).agg(
        stateabb=("stateabb", "first"),
        name=("statenme", "first"),
        styear=("styear", "min"),
        endyear=("endyear", "max"),
    )
    cow["origin"] = "cow"
    known = cow.set_index("ccode")
    alias = pd.DataFrame(
        [(c, known.at[c, "stateabb"], n, known.at[c, "styear"], known.at[c, "endyear"]) for n, c in ALIASES.items()],
        columns=["ccode", "stateabb", "name", "styear", "endyear"],
    ).assign(origin="alias")
    alias = alias[~alias["name"].isin(cow["name"])]
    table = pd.concat([cow, alias], ignore_index=True)
    table["iso3"] = table["ccode"].map(iso).fillna("")
    return table[["ccode", "stateabb", "name", "iso3", "styear", "endyear", "origin"]]


@lru_cache(maxsize=4)
def codes(raw: Path) -> CountryCodes:
    """The table built from the raw files (cached: every recipe asks for it)."""
    return CountryCodes(build_table(raw))


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``reference/country_codes.csv``."""
    table = codes(raw).table
    prov = Provenance(
        table="country_codes",
        source="COW State System Membership v2016 (peacesciencer cow_states) with ISO3 from the UNGA ideal-point file",
        citation=CITATION,
        version="COW states v2016; ideal points July 2025",
        transformation="One row per COW code under its COW name (first name, first start year, last end "
        "year), plus alias rows for the spellings SIPRI, UCDP and USAID use. ISO3 from the ideal-point "
        f"file's iso3c by COW code; set by hand for COW codes {sorted(MANUAL_ISO3)} (missing in that file, "
        "or 680 South Yemen given YAR there; 680 is YMD, ISO 3166-3). COW 365 (USSR and Russia) is RUS; "
        "XKX for Kosovo is the code in common use, not ISO. States with no ISO3 (pre-1946 states, "
        "Republic of Vietnam 817) keep an empty iso3.",
    )
    prov.add_raw(raw / STATES, raw)
    prov.add_raw(raw / IDEAL, raw)
    path = out / "reference" / "country_codes.csv"
    write_table(table, path, prov)
    return [path]


def first_year(raw: Path, iso3: str) -> int:
    """The first year the state is in the COW state system (v2016)."""
    table = codes(raw).table
    return int(table.loc[(table["iso3"] == iso3) & (table["origin"] == "cow"), "styear"].min())


def focus_pairs(raw: Path, start: int, end: int) -> tuple[list[tuple[str, str]], dict[tuple[str, str], range]]:
    """The 15 undirected focus pairs and the years each is covered: ``start`` (or both exist) to ``end``."""
    from itertools import combinations

    from crossroads.recipes.tables import FOCUS

    pairs = list(combinations(FOCUS, 2))
    years = {(a, b): range(max(start, first_year(raw, a), first_year(raw, b)), end + 1) for a, b in pairs}
    return pairs, years
