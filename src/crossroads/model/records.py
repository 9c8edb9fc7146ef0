"""The typed records: events (curated, ingested or coded from text) and sources.

One event schema serves every origin so that curated and machine-coded events
can later be compared and reconciled (DESIGN section 7).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from crossroads.model.dates import PartialDate, Precision
from crossroads.model.reference import DIMENSIONS, KASHMIR_PARTIES, ORIGINS, STANCES, Reference

ID_PATTERN = r"^[0-9]{4}(-[0-9]{2}){0,2}-[a-z0-9]+(-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z0-9]+([-_:.][a-z0-9]+)*$"
SOURCE_TYPES = (
    "treaty",
    "un_resolution",
    "frus",
    "crs",
    "official",
    "reference",
    "news",
    "scholarly",
    "dataset",
)
SOURCE_KINDS = ("primary", "scholarly", "news", "reference", "mirror")
"""What a reader can do with a source: cite it as a primary document, as scholarship, as
news or a reference work, or look for the original that a mirror copies."""
_KIND_OF_TYPE = {
    "treaty": "primary",
    "un_resolution": "primary",
    "frus": "primary",
    "official": "primary",
    "crs": "scholarly",
    "scholarly": "scholarly",
    "news": "news",
    "reference": "reference",
    "dataset": "reference",
}


def _as_text(value: Any) -> Any:
    """YAML turns unquoted 1954-05-19 into a date and 1954 into an int; accept both."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return value


def _reference(info: ValidationInfo) -> Reference:
    ref = info.context.get("reference") if info.context else None
    if not isinstance(ref, Reference):
        raise RuntimeError("validation needs context={'reference': Reference(...)}")
    return ref


class Source(BaseModel):
    """A public document cited by events, with a stable citation key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=KEY_PATTERN)
    issuer: str = Field(min_length=2)
    title: str = Field(min_length=2)
    date: str | None = None
    url: str = Field(pattern=r"^https?://[^/\s]+/\S+$")
    """The address of the document itself: a bare host such as https://archive.org/ is refused."""
    type: str
    mirror: bool = False
    """True when the copy cited sits on a site that reproduces a document published elsewhere."""

    @property
    def kind(self) -> str:
        """The source's kind (one of SOURCE_KINDS): a mirror is a mirror whatever it copies."""
        return "mirror" if self.mirror else _KIND_OF_TYPE[self.type]

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        return _as_text(value)

    @field_validator("date")
    @classmethod
    def _date_valid(cls, value: str | None) -> str | None:
        if value is not None:
            PartialDate.parse(value)
        return value

    @field_validator("type")
    @classmethod
    def _type_known(cls, value: str) -> str:
        if value not in SOURCE_TYPES:
            raise ValueError(f"{value!r} is not a source type; use one of {', '.join(SOURCE_TYPES)}")
        return value

    @model_validator(mode="after")
    def _copy_is_mirror(self, info: ValidationInfo) -> Source:
        host = _reference(info).copy_host(self.url)
        if host is not None and not self.mirror:
            what = _reference(info).copy_hosts[host]
            raise ValueError(
                f"mirror must be true: {host} is a {what} (reference/copy_hosts.csv); set `mirror: true`, or "
                "better cite the original on the issuer's own site"
            )
        return self


class Event(BaseModel):
    """One dated interaction between actors, coded in CAMEO and carried by its sources."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    date: str
    precision: Precision
    end_date: str | None = None
    actors: tuple[str, ...] = Field(min_length=1)
    cameo: str
    goldstein: float
    plover: str | None = None
    dimensions: tuple[str, ...] = Field(min_length=1)
    kashmir_stances: dict[str, str] = Field(default_factory=dict)
    description: str = Field(min_length=10, max_length=600)
    sources: tuple[str, ...] = Field(min_length=1)
    note: str | None = None
    origin: str = "curated"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @field_validator("date", "end_date", "cameo", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return _as_text(value)

    @field_validator("date", "end_date")
    @classmethod
    def _parses(cls, value: str | None) -> str | None:
        if value is not None:
            PartialDate.parse(value)
        return value

    @field_validator("actors")
    @classmethod
    def _actors_known(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        known = _reference(info).actors
        unknown = [a for a in value if a not in known]
        if unknown:
            raise ValueError(
                f"unknown actor code(s) {unknown}; use a code from reference/actors.csv "
                "(CAMEO country or group code) or add it to reference/actors_extra.csv"
            )
        if len(set(value)) != len(value):
            raise ValueError(f"an actor is listed twice in {list(value)}")
        return value

    @field_validator("cameo")
    @classmethod
    def _cameo_known(cls, value: str, info: ValidationInfo) -> str:
        if value not in _reference(info).cameo:
            raise ValueError(
                f"{value!r} is not a CAMEO event code; see reference/cameo.csv "
                "(codes are strings such as '057', quote them in YAML)"
            )
        return value

    @field_validator("dimensions")
    @classmethod
    def _dimensions_known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [d for d in value if d not in DIMENSIONS]
        if unknown:
            raise ValueError(f"unknown dimension(s) {unknown}; use {', '.join(DIMENSIONS)}")
        return value

    @field_validator("kashmir_stances")
    @classmethod
    def _stances_valid(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        known = _reference(info).actors
        for actor, stance in value.items():
            if actor not in known:
                raise ValueError(f"unknown actor code {actor!r} in kashmir_stances")
            if actor in KASHMIR_PARTIES:
                raise ValueError(f"{actor} is a party to the dispute; stances are for outside actors")
            if stance not in STANCES:
                raise ValueError(f"stance {stance!r} of {actor}; use one of {', '.join(STANCES)}")
        return value

    @field_validator("origin")
    @classmethod
    def _origin_known(cls, value: str) -> str:
        if value not in ORIGINS:
            raise ValueError(f"origin {value!r}; use one of {', '.join(ORIGINS)}")
        return value

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Event:
        ref = _reference(info)
        start = PartialDate.parse(self.date)
        if start.precision != self.precision:
            raise ValueError(
                f"precision is {self.precision!r} but date {self.date!r} is written to the "
                f"{start.precision}; make them agree"
            )
        low, high = ref.period
        if start.end < low or start.start > high:
            raise ValueError(f"date {self.date} is outside the period {low} to {high}")
        if self.end_date is not None and PartialDate.parse(self.end_date).end < start.start:
            raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        code = ref.cameo[self.cameo]
        if self.goldstein != code.goldstein:
            raise ValueError(
                f"goldstein {self.goldstein} does not match CAMEO {self.cameo} "
                f"({code.label}), whose weight is {code.goldstein}"
            )
        options = ref.plover_options(self.cameo)
        if self.plover is not None and self.plover not in options:
            allowed = ", ".join(options) if options else "null (no PLOVER type for this code)"
            raise ValueError(f"plover {self.plover!r} for CAMEO {self.cameo}; expected {allowed}")
        if self.kashmir_stances and "kashmir" not in self.dimensions:
            raise ValueError("kashmir_stances given but 'kashmir' is not among the dimensions")
        if re.search(r"\s{2,}", self.description.strip()):
            raise ValueError("description has repeated whitespace")
        return self

    @property
    def when(self) -> PartialDate:
        return PartialDate.parse(self.date)

    @property
    def until(self) -> PartialDate | None:
        return PartialDate.parse(self.end_date) if self.end_date else None
