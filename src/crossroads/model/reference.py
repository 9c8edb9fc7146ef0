"""Reference tables every record is checked against: CAMEO codes, actors, eras, vocabularies."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

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
