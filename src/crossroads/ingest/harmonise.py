"""One country mapping for every dataset, and the CAMEO codebook used to check event codes.

GDELT actors carry CAMEO country codes (ISO-3-like, with a few exceptions such as
``ROM`` for Romania), GDELT geography carries FIPS 10-4 codes (``PK``, ``RS``, ``UK``),
ICEWS writes English country names, and POLECAT writes ISO-3 codes and COW numbers.
Every one of them goes through :class:`CountryMap`, built from the project's one country
table ``data/reference/country_codes.csv``, so a dyad means the same pair in every dataset.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from crossroads.model.reference import Reference
from crossroads.paths import data_dir

CAMEO_REGIONS: frozenset[str] = frozenset(
    {
        "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
        "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
    }
)  # fmt: skip
"""CAMEO region codes: valid actor countries that are not states (they harmonise to no ISO-3)."""

QUAD_LABELS: dict[str, int] = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}

PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
"""The 16 PLOVER event types and their quad category (PLOVER manual 2024, ``plover_event_types.tsv``)."""


def norm_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


class CountryMap:
    """CAMEO, ISO-3, COW, FIPS and English names to ISO-3, from one table."""

    def __init__(self, path: Path | None = None):
        self.by_cameo: dict[str, str] = {}
        self.by_iso3: dict[str, str] = {}
        self.by_cow: dict[str, str] = {}
        self.by_fips: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        path = path or data_dir() / "reference" / "country_codes.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                code = row["harmonised"]
                if not code:  # a state with no code (pre-1946 states, Zanzibar, South Vietnam)
                    continue
                if row["kind"] != "alias":
                    self.by_iso3.setdefault(code, code)
                    if row["iso3"]:
                        self.by_iso3.setdefault(row["iso3"], code)
                if row["ccode"] and row["origin"] == "cow":
                    self.by_cow.setdefault(row["ccode"], code)
                for key, table in (("cameo", self.by_cameo), ("fips", self.by_fips)):
                    for value in filter(None, row[key].split("|")):
                        table.setdefault(value, code)
                for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
                    self.by_name.setdefault(norm_name(name), code)

    def cameo(self, code: str) -> str | None:
        """ISO-3 for a CAMEO actor country code; None for a region. KeyError if unknown."""
        if code in CAMEO_REGIONS:
            return None
        return self.by_cameo[code]

    def iso3(self, code: str) -> str:
        return self.by_iso3[code]

    def cow(self, code: str) -> str:
        """ISO-3 for a COW state number (``770`` → ``PAK``; ``365`` is the USSR and Russia alike)."""
        return self.by_cow[str(int(code))]

    def fips(self, code: str) -> str | None:
        """ISO-3 for a FIPS 10-4 geo code (GDELT ``*Geo_CountryCode``); None if unknown."""
        return self.by_fips.get(code)

    def name(self, name: str) -> str:
        """ISO-3 for an English country name as ICEWS writes it. KeyError if unknown."""
        return self.by_name[norm_name(name)]


@dataclass(frozen=True)
class Code:
    root: str
    quad_class: int
    goldstein: float
    plover: str | None  # the CAMEO-to-PLOVER crosswalk's type (None for roots 01 and 02)


@cache
def country_map() -> CountryMap:
    return CountryMap()


@cache
def cameo_codebook(data: Path | None = None) -> dict[str, Code]:
    """The CAMEO codes of ``data/reference/cameo.csv`` (GDELT's lookup with Goldstein weights)."""
    ref = Reference(data or data_dir())
    return {c.code: Code(c.root, c.quad_class, c.goldstein, "|".join(c.plover) or None) for c in ref.cameo.values()}
