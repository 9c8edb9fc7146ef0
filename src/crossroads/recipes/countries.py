"""Recipe: the one country table linking COW, ISO3 (with the years each code was in force),
CAMEO, FIPS 10-4 and Gleditsch–Ward codes, and the names the datasets use.

Datasets disagree on codes (COW numbers, ISO3, CAMEO, FIPS, Gleditsch–Ward, plain
names), so the recipes, the ingester and the web map actors through this one table.
Rows: each COW state under its COW name (``origin=cow``; a state whose ISO code
changed has one row per code, with ``valid_from``/``valid_to``), the other spellings
the datasets use (``origin=alias``), and territories and CAMEO place codes that are no
COW state (``origin=crosswalk``). ``iso3`` is the ISO 3166 code in force in the row's
years (ISO 3166-3 for withdrawn codes: SUN, YUG, SCG, VDR, DDR, YMD); ``harmonised``
is the one code the project uses for the state in every year (RUS for the USSR and
Russia, as they share COW 365). CAMEO, FIPS and dataset spellings come from the
hand-kept ``country_crosswalk.csv`` beside this module.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from crossroads.model.errors import CrossroadsError
from crossroads.recipes.provenance import Provenance, write_table

STATES = Path("peacesciencer/cow_states.csv")
IDEAL = Path("unga_ideal_points/ideal_points_all.csv")
CROSSWALK = Path(__file__).with_name("country_crosswalk.csv")

COLUMNS = ["ccode", "stateabb", "name", "styear", "endyear", "iso3", "valid_from", "valid_to", "harmonised",
           "cameo", "fips", "gwcode", "kind", "origin", "aliases"]  # fmt: skip

# ISO 3166-1 (or -3 for withdrawn codes) where the ideal-point file gives none or a wrong one.
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
    265: "DDR",
    678: "YEM",
    679: "YEM",
    680: "YMD",
}

# COW states whose ISO 3166 code changed while the COW code did not: (code, first year, last year);
# a year belongs to the code assigned in it (ISO 3166-3: SUN 1974-92, VDR 1974-77, YUG 1974-2003,
# SCG 2003-06). Years before ISO 3166 (1974) take the code of the state of that time.
PERIODS: dict[int, list[tuple[str, int, int]]] = {
    345: [("YUG", 0, 2002), ("SCG", 2003, 2005), ("SRB", 2006, 9999)],
    365: [("RUS", 0, 1921), ("SUN", 1922, 1991), ("RUS", 1992, 9999)],
    816: [("VDR", 0, 1976), ("VNM", 1977, 9999)],
}

# Gleditsch–Ward numbers that differ from the COW code (Beger, states package, "Country code
# differences"); the six Caribbean microstates are not in the G&W list of independent states.
GW_DIFFERENT: dict[int, int | None] = {255: 260, 679: 678, 946: 970, 970: 971, 947: 973, 955: 972,
                                       54: None, 55: None, 56: None, 57: None, 58: None, 60: None}  # fmt: skip
GW_SERBIA = 340  # G&W code for Serbia from 2006 (345 is Yugoslavia / Serbia and Montenegro before)

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
    "South Yemen": 680,
}

CITATION = (
    "Correlates of War Project. 2017. State System Membership List, v2016 (as shipped "
    "in Miller, Steven V. 2022. {peacesciencer}: An R Package for "
    "Quantitative Peace Science Research. Conflict Management and Peace Science 39(6): 755-779). ISO3 "
    "codes from Bailey, Michael A., Anton Strezhnev and Erik Voeten. 2017. Estimating dynamic state "
    "preferences from United Nations voting data. Journal of Conflict Resolution 61(2): 430-56 "
    "(ideal-point file, July 2025 version). Withdrawn codes and their years: ISO 3166-3, Codes for "
    "formerly used names of countries (https://www.iso.org/iso/country_codes/background_on_iso_3166/"
    "iso_3166-3.htm). Gleditsch, Kristian S. and Michael D. Ward. 1999. A Revised List of Independent "
    "States since the Congress of Vienna. International Interactions 25(4): 393-413 (code differences "
    "as listed in Beger, Andreas, states R package, vignette differences-gw-cow). CAMEO country codes: "
    "Schrodt 2012, CAMEO 1.1b3 (GDELT lookup CAMEO.country.txt); FIPS 10-4 as used by GDELT geography."
)


@dataclass(frozen=True)
class CountryCodes:
    """Lookups from COW codes and dataset names to the harmonised ISO3 code."""

    table: pd.DataFrame

    def iso3_of_ccode(self, ccode: int) -> str:
        rows = self.table[(self.table["ccode"] == ccode) & (self.table["origin"] == "cow")]
        if rows.empty or not rows["harmonised"].iloc[0]:
            raise CrossroadsError(f"COW code {ccode} has no ISO3 in reference/country_codes.csv; add it")
        return str(rows["harmonised"].iloc[0])

    def iso3_of_name(self, name: str) -> str | None:
        """The code of a COW state named as COW or an alias names it (territories are no state: None)."""
        rows = self.table[(self.table["name"] == name) & self.table["origin"].isin(["cow", "alias"])]
        return str(rows["harmonised"].iloc[0]) if len(rows) and rows["harmonised"].iloc[0] else None


def _gw(ccode: int, iso3: str) -> str:
    if iso3 == "SRB":
        return str(GW_SERBIA)
    gw = GW_DIFFERENT.get(ccode, ccode)
    return "" if gw is None else str(gw)


def build_table(raw: Path) -> pd.DataFrame:
    """The mapping table: COW rows (one per ISO period), alias rows, and crosswalk-only rows."""
    states = pd.read_csv(raw / STATES)
    ideal = pd.read_csv(raw / IDEAL, usecols=["ccode", "iso3c"]).dropna().drop_duplicates("ccode")
    iso = dict(zip(ideal["ccode"].astype(int), ideal["iso3c"], strict=True)) | MANUAL_ISO3
    with CROSSWALK.open(encoding="utf-8", newline="") as handle:
        cross = list(csv.DictReader(handle))
    by_iso = {r["iso3"]: r for r in cross if r["kind"] != "alias"}
    cow = states.groupby("ccode", as_index=False).agg(
        stateabb=("stateabb", "first"),
        name=("statenme", "first"),
        styear=("styear", "min"),
        endyear=("endyear", "max"),
    )
    rows: list[dict[str, object]] = []
    for st in cow.to_dict(orient="records"):
        ccode, styear, endyear = (int(str(st[k])) for k in ("ccode", "styear", "endyear"))
        periods = PERIODS.get(ccode, [(iso.get(ccode, ""), 0, 9999)])
        harmonised = periods[-1][0]
        for code, first, last in periods:
            lo, hi = max(first, styear), min(last, endyear)
            if lo <= hi:
                rows.append(
                    {"ccode": ccode, "stateabb": st["stateabb"], "name": st["name"], "styear": styear,
                     "endyear": endyear, "iso3": code, "valid_from": lo, "valid_to": hi,
                     "harmonised": harmonised, "cameo": "", "fips": "", "gwcode": _gw(ccode, code),
                     "kind": "state", "origin": "cow", "aliases": ""}
                )  # fmt: skip
    # CAMEO, FIPS and spellings sit on the latest row bearing the code (679 Yemen, not 678; 255
    # Germany, not 260; Russia from 1992, not the Russian Empire).
    latest: dict[str, dict[str, object]] = {}
    for row in rows:
        code = str(row["iso3"])
        if code in by_iso and (code not in latest or (row["valid_to"], row["valid_from"]) >= (
            latest[code]["valid_to"], latest[code]["valid_from"])):  # fmt: skip
            latest[code] = row
    for code, row in latest.items():
        cw = by_iso[code]
        names = [n for n in (cw["name"], *cw["aliases"].split("|")) if n and n != row["name"]]
        row.update(cameo=cw["cameo"], fips=cw["fips"], aliases="|".join(dict.fromkeys(names)))
    used = set(latest)
    table = pd.DataFrame(rows, columns=COLUMNS)
    first = table.drop_duplicates("ccode", keep="last").set_index("ccode")
    alias = pd.DataFrame(
        [
            {"ccode": c, "stateabb": first.at[c, "stateabb"], "name": n, "styear": first.at[c, "styear"],
             "endyear": first.at[c, "endyear"], "iso3": first.at[c, "harmonised"], "valid_from": "",
             "valid_to": "", "harmonised": first.at[c, "harmonised"], "cameo": "", "fips": "", "gwcode": "",
             "kind": "state", "origin": "alias", "aliases": ""}
            for n, c in ALIASES.items()
            if n not in set(table["name"])
        ],
        columns=COLUMNS,
    )  # fmt: skip
    extra = pd.DataFrame(
        [
            {"ccode": "", "stateabb": "", "name": r["name"], "styear": "", "endyear": "", "iso3": r["iso3"],
             "valid_from": "", "valid_to": "", "harmonised": r["iso3"], "cameo": r["cameo"], "fips": r["fips"],
             "gwcode": "", "kind": r["kind"], "origin": "crosswalk", "aliases": r["aliases"]}
            for r in cross
            if r["kind"] == "alias" or r["iso3"] not in used
        ],
        columns=COLUMNS,
    )  # fmt: skip
    out = pd.concat([table, alias, extra], ignore_index=True)
    return out.astype({"ccode": "object"}).fillna("")


@lru_cache(maxsize=4)
def codes(raw: Path) -> CountryCodes:
    """The table built from the raw files (cached: every recipe asks for it)."""
    return CountryCodes(build_table(raw))


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``reference/country_codes.csv``."""
    table = codes(raw).table
    prov = Provenance(
        table="country_codes",
        source="COW State System Membership v2016 (peacesciencer cow_states) with ISO3 from the UNGA "
        "ideal-point file, ISO 3166-3 periods, G&W codes, and CAMEO/FIPS codes from the crosswalk",
        citation=CITATION,
        version="COW states v2016; ideal points July 2025; ISO 3166-3; crosswalk country_crosswalk.csv",
        transformation="One row per COW code under its COW name (first name, first start year, last end "
        "year), split where the ISO code changed (345: YUG to 2002, SCG 2003-2005, SRB from 2006; 365: SUN "
        "1922-1991, RUS otherwise; 816: VDR to 1976, VNM from 1977; a year belongs to the code assigned in "
        "it). iso3 from the ideal-point file's iso3c by COW code; set by hand for COW codes "
        f"{sorted(MANUAL_ISO3)} (missing in that file or not the ISO code: 678 Yemen Arab Republic held "
        "ISO YEM, 680 is YMD and 265 DDR in ISO 3166-3). harmonised is the code of the state's last row "
        "(RUS for COW 365 in every year). XKX for Kosovo is the code in common use, not ISO; states with "
        "no ISO code (pre-1946 states, Zanzibar 511, Republic of Vietnam 817) keep it empty. gwcode "
        f"equals the COW code except {sorted(k for k in GW_DIFFERENT)} (Beger's list; blank for the six "
        "Caribbean microstates G&W omit) and Serbia from 2006 (340). CAMEO, FIPS 10-4 and dataset "
        "spellings come from the hand-kept crosswalk and sit on the state's current row; crosswalk rows "
        "for territories and CAMEO place codes (no COW state) follow with origin=crosswalk. Alias rows: "
        "the spellings SIPRI, UCDP and USAID use.",
    )
    prov.add_raw(raw / STATES, raw)
    prov.add_raw(raw / IDEAL, raw)
    path = out / "reference" / "country_codes.csv"
    write_table(table, path, prov)
    return [path]


def first_year(raw: Path, iso3: str) -> int:
    """The first year the state is in the COW state system (v2016)."""
    table = codes(raw).table
    return int(table.loc[(table["harmonised"] == iso3) & (table["origin"] == "cow"), "styear"].min())


def focus_pairs(raw: Path, start: int, end: int) -> tuple[list[tuple[str, str]], dict[tuple[str, str], range]]:
    """The 15 undirected focus pairs and the years each is covered: ``start`` (or both exist) to ``end``."""
    from itertools import combinations

    from crossroads.recipes.tables import FOCUS

    pairs = list(combinations(FOCUS, 2))
    years = {(a, b): range(max(start, first_year(raw, a), first_year(raw, b)), end + 1) for a, b in pairs}
    return pairs, years
