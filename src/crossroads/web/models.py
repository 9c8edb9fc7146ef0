"""Response shapes, for the OpenAPI document and the /docs page.

Handlers build their JSON directly from the store (see ``respond``); these models
describe it, and the schemathesis test checks that answers match them.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    error: str = Field(description="What was wrong and, for a bad parameter, the accepted values.")


class Health(BaseModel):
    status: str


class _EventFields(BaseModel):
    """What every event answer carries; the two shapes differ only in how sources appear."""

    id: str
    date: str = Field(description="As recorded: YYYY, YYYY-MM or YYYY-MM-DD.")
    date_precision: str
    end_date: str | None
    era: str | None
    actors: list[str]
    cameo: str | None = Field(description="CAMEO code; null for PLOVER-coded ingested events (POLECAT).")
    goldstein: float | None
    plover: str | None
    dimensions: list[str]
    description: str
    note: str | None
    origin: str = Field(description="curated, gdelt1, gdelt2, icews, polecat or coded.")
    confidence: float | None = Field(description="Null where the event dataset gives none.")


class Event(_EventFields):
    sources: list[str] = Field(description="Keys of the sources; /api/events/{id} expands them.")


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters (before limit/offset).")
    limit: int
    offset: int
    items: list[Event]


class Source(BaseModel):
    key: str
    issuer: str
    title: str
    date: str | None
    url: str
    type: str
    kind: str = Field(description="primary, scholarly, news, reference or mirror (see /api/vocabulary).")
    mirror: bool


class EventDetail(_EventFields):
    sources: list[Source]
    file: str
    line: int
    kashmir_stances: dict[str, str]


class Era(BaseModel):
    id: str
    slug: str
    label: str
    start_date: str
    end_date: str
    summary: str


class SeriesRow(BaseModel):
    source_actor: str
    target_actor: str
    directed: bool
    year: int
    variable: str
    value: float | None
    unit: str
    source: str


class ProvenanceRow(BaseModel):
    table_name: str
    source: str
    citation: str
    version: str
    transformation: str
    raw_files: str
    built: str
    rows: int | None
    sha256: str | None


class CoverageRow(BaseModel):
    era: str
    label: str
    dimension: str
    events: int


class ActorEntry(BaseModel):
    code: str
    label: str
    kind: str
    events: int


class CameoRoot(BaseModel):
    root: str
    label: str


class SourceKind(BaseModel):
    kind: str
    label: str


class Vocabularies(BaseModel):
    eras: list[Era]
    dimensions: list[str]
    dimension_labels: dict[str, str] = Field(description="A readable label for each dimension code.")
    actors: list[ActorEntry] = Field(description="Actors named by at least one event.")
    cameo_roots: list[CameoRoot]
    cameo_labels: dict[str, str] = Field(description="Label of each CAMEO code the events use.")
    variables: list[str]
    source_kinds: list[SourceKind]
    states: list[str] = Field(description="States with indicator series: the dyads the analyses accept.")
