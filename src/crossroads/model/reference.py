"""Reference tables every record is checked against: CAMEO codes, actors, eras, vocabularies."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DIMENSIONS: tuple[str, ...] = (
    "diplomatic",
    "visit",
    "agreement",
    "alliance",
    "military_aid",
    "arms_trade",
    "economic_aid",
    "development",
    "trade_investment",
    "sanctions",
    "mediation",
    "china_channel",
    "kashmir",
    "afghanistan",
    "nuclear",
    "terrorism",
    "war_crisis",
)
"""The closed vocabulary of what an event bears on (``development`` includes
infrastructure and energy)."""

STANCES: tuple[str, ...] = ("internationalize", "neutral", "bilateral")
"""An outside actor's line on Kashmir: Pakistan's (internationalization, plebiscite,
mediation), neither, or India's (bilateralism, the status quo, terrorism framing)."""

KASHMIR_PARTIES: frozenset[str] = frozenset({"IND", "PAK"})

ORIGINS: tuple[str, ...] = ("curated", "gdelt1", "gdelt2", "icews", "polecat", "coded")
"""How an event was made: by hand from sources, read from an event dataset (GDELT 1.0/2.0, ICEWS,
POLECAT), or coded from text (CAMEO-coded files)."""


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    label: str
    goldstein: float
    quad_class: int
    plover: tuple[str, ...]


@dataclass(frozen=True)
class Era:
    id: str
    slug: str
    label: str
    start: date
    end: date
    summary: str


class Calendar:
    """The study period and the eras in years, derived from ``reference/eras.yaml`` alone.

    Annual series need eras in whole years. One rule serves every analysis, the one the
    frozen analysis plan states: a year belongs to the era holding its first day (so 1962,
    when the estrangement began on 20 October, is an alliance year, and 2011, when the
    decline began on 2 May with Abbottabad, is still a war-on-terror year). Nothing else
    in the code knows an era's years.
    """

    def __init__(self, eras: Sequence[Era]):
        if not eras:
            raise ValueError("no eras: reference/eras.yaml must list at least one era")
        self.eras = tuple(eras)

    @property
    def first_year(self) -> int:
        return self.eras[0].start.year

    @property
    def last_year(self) -> int:
        return self.eras[-1].end.year

    @property
    def years(self) -> range:
        """Every year of the study period, first to last inclusive."""
        return range(self.first_year, self.last_year + 1)

    def era_of_year(self, year: int) -> Era:
        """The era holding the year's first day (the first era for the year the period starts in)."""
        if year not in self.years:
            raise ValueError(f"{year} is outside the study period {self.first_year}-{self.last_year}")
        first_day = max(date(year, 1, 1), self.eras[0].start)
        return next(era for era in self.eras if era.start <= first_day <= era.end)

    def era_years(self) -> dict[str, tuple[int, int]]:
        """Each era's first and last year under the majority rule, by era id."""
        spans: dict[str, tuple[int, int]] = {}
        for year in self.years:
            era = self.era_of_year(year).id
            first, _ = spans.get(era, (year, year))
            spans[era] = (first, year)
        return spans

    def break_years(self) -> list[int]:
        """First years of every era after the first: where the historians put the breaks."""
        return [first for first, _ in list(self.era_years().values())[1:]]


class Reference:
    """Lazy access to the reference tables under a data folder."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir

    @cached_property
    def cameo(self) -> dict[str, CameoCode]:
        path = self.data_dir / "reference" / "cameo.csv"
        codes: dict[str, CameoCode] = {}
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                plover = tuple(p for p in row["plover_event"].split("|") if p)
                codes[row["code"]] = CameoCode(
                    code=row["code"],
                    root=row["root_code"],
                    label=row["label"],
                    goldstein=float(row["goldstein"]),
                    quad_class=int(row["quad_class"]),
                    plover=plover,
                )
        return codes

    @cached_property
    def copy_hosts(self) -> dict[str, str]:
        """Sites that only reproduce documents published elsewhere (host -> what it is): a source there is a mirror."""
        path = self.data_dir / "reference" / "copy_hosts.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            return {row["host"]: row["what"] for row in csv.DictReader(handle)}

    def copy_host(self, url: str) -> str | None:
        """The copy site a URL sits on (a subdomain counts), or None."""
        host = urlsplit(url).hostname or ""
        return next((h for h in self.copy_hosts if host == h or host.endswith("." + h)), None)

    @cached_property
    def actors(self) -> dict[str, dict[str, str]]:
        path = self.data_dir / "reference" / "actors.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            return {row["code"]: row for row in csv.DictReader(handle)}

    @cached_property
    def eras(self) -> list[Era]:
        path = self.data_dir / "reference" / "eras.yaml"
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [
            Era(
                id=e["id"],
                slug=e["slug"],
                label=e["label"],
                start=date.fromisoformat(e["start"]),
                end=date.fromisoformat(e["end"]),
                summary=e["summary"],
            )
            for e in raw
        ]

    @property
    def calendar(self) -> Calendar:
        """The study period and the eras in years."""
        return Calendar(self.eras)

    def era_of(self, day: date) -> Era | None:
        """The era holding ``day`` (a date before the period counts from its first day)."""
        day = max(day, self.eras[0].start)
        for era in self.eras:
            if era.start <= day <= era.end:
                return era
        return None

    def plover_options(self, code: str) -> tuple[str, ...]:
        """PLOVER types the crosswalk allows for a CAMEO code (falling back to its root)."""
        entry = self.cameo[code]
        if entry.plover:
            return entry.plover
        root = self.cameo.get(entry.root)
        return root.plover if root else ()

    @property
    def period(self) -> tuple[date, date]:
        return self.eras[0].start, self.eras[-1].end
