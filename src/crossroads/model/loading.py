"""Load and validate the curated chronology and its bibliography.

Every record is checked; all problems are collected and reported together
with file, line, record id and field, and nothing is returned unless the whole
set is valid (so a store is never built from half-valid data).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from crossroads.model.errors import DataError, Problem
from crossroads.model.records import Event, Source
from crossroads.model.reference import Reference


@dataclass(frozen=True)
class Located:
    """A raw record with the file and line it came from, and the line of each field."""

    path: Path
    line: int
    data: Any
    field_lines: dict[str, int]


@dataclass
class Chronology:
    """The validated chronology: events, their bibliography, and where each event lives."""

    events: list[Event]
    sources: dict[str, Source]
    reference: Reference
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)

    def era_of(self, event: Event) -> str | None:
        era = self.reference.era_of(event.when.start)
        return era.id if era else None


def read_yaml_records(path: Path) -> Iterator[Located]:
    """Yield each item of a YAML list with its line number; raise DataError if unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(path, None, None, None, f"not UTF-8 text ({exc.reason})")]) from exc
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return
        if not isinstance(root, yaml.SequenceNode):
            raise DataError([Problem(path, root.start_mark.line + 1, None, None, "expected a YAML list of records")])
        for node in root.value:
            field_lines: dict[str, int] = {}
            if isinstance(node, yaml.MappingNode):
                for key_node, _ in node.value:
                    field_lines[str(key_node.value)] = key_node.start_mark.line + 1
            data = loader.construct_object(node, deep=True)
            yield Located(path, node.start_mark.line + 1, data, field_lines)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataError([Problem(path, line, None, None, f"YAML syntax error: {exc}")]) from exc
    finally:
        loader.dispose()


def _validate(model: type[BaseModel], item: Located, id_field: str, reference: Reference) -> tuple[Any, list[Problem]]:
    record_id = item.data.get(id_field) if isinstance(item.data, dict) else None
    if not isinstance(item.data, dict):
        return None, [Problem(item.path, item.line, None, None, "expected a mapping of fields")]
    try:
        return model.model_validate(item.data, context={"reference": reference}), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [str(part) for part in err["loc"]]
            message = str(err["msg"]).removeprefix("Value error, ")
            if not loc:
                # A check across fields names its field first ("precision is ...", "goldstein 3 does not ...").
                first = message.split(" ", 1)[0]
                if first in item.field_lines:
                    loc = [first]
            name = loc[0] if loc else None
            line = item.field_lines.get(name, item.line) if name else item.line
            if err["type"] == "missing":
                message = "required field is missing"
            elif err["type"] == "extra_forbidden":
                message = "unknown field; check the spelling against data/chronology/README.md"
            problems.append(
                Problem(item.path, line, str(record_id) if record_id else None, ".".join(loc) or None, message)
            )
        return None, problems


def load_sources(folder: Path, reference: Reference) -> tuple[dict[str, Source], list[Problem], set[str]]:
    """The valid sources by key, the problems found, and the keys of sources that failed validation."""
    sources: dict[str, Source] = {}
    where: dict[str, Located] = {}
    problems: list[Problem] = []
    invalid: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        for item in read_yaml_records(path):
            source, found = _validate(Source, item, "key", reference)
            problems.extend(found)
            if source is None:
                if isinstance(item.data, dict) and isinstance(item.data.get("key"), str):
                    invalid.add(item.data["key"])  # reported once, here, not again at every citation
                continue
            previous = sources.get(source.key)
            if previous is not None and previous != source:
                first = where[source.key]
                problems.append(
                    Problem(
                        path,
                        item.line,
                        source.key,
                        "key",
                        f"citation key already defined differently at {first.path}:{first.line}; "
                        "give one of them a new key",
                    )
                )
                continue
            sources[source.key] = source
            where.setdefault(source.key, item)
    return sources, problems, invalid


def load_chronology(data_dir: Path | None = None) -> Chronology:
    """Load and validate the chronology under ``data_dir`` (default: the shipped data)."""
    from crossroads.paths import data_dir as default_data_dir

    root = data_dir or default_data_dir()
    reference = Reference(root)
    sources, problems, invalid = load_sources(root / "bibliography", reference)
    events: list[Event] = []
    seen_ids: dict[str, Located] = {}
    seen_keys: dict[tuple[str, frozenset[str], str], str] = {}
    locations: dict[str, tuple[str, int]] = {}
    files = sorted((root / "chronology").glob("*.yaml"))
    for path in files:
        for item in read_yaml_records(path):
            event, found = _validate(Event, item, "id", reference)
            problems.extend(found)
            if event is None:
                continue
            record_problems = _cross_checks(event, item, seen_ids, seen_keys, sources.keys() | invalid)
            problems.extend(record_problems)
            if record_problems:
                continue
            seen_ids[event.id] = item
            seen_keys[(event.date, frozenset(event.actors), event.cameo)] = event.id
            locations[event.id] = (path.relative_to(root).as_posix(), item.line)
            events.append(event)
    if problems:
        raise DataError(problems)
    events.sort(key=lambda e: (e.when.start, e.id))
    return Chronology(
        events=events,
        sources=dict(sorted(sources.items())),
        reference=reference,
        locations=locations,
    )


def _cross_checks(
    event: Event,
    item: Located,
    seen_ids: dict[str, Located],
    seen_keys: dict[tuple[str, frozenset[str], str], str],
    known_keys: set[str],
) -> list[Problem]:
    """Checks that need the other records: unique ids, one record per event, resolved citations."""
    problems = []

    def problem(field_name: str, message: str) -> None:
        line = item.field_lines.get(field_name, item.line)
        problems.append(Problem(item.path, line, event.id, field_name, message))

    if event.id in seen_ids:
        first = seen_ids[event.id]
        problem("id", f"duplicate id; first used at {first.path}:{first.line}")
    key = (event.date, frozenset(event.actors), event.cameo)
    if key in seen_keys:
        problem(
            "cameo",
            f"same date, actors and CAMEO code as {seen_keys[key]!r}; merge the two records or correct one of them",
        )
    dangling = [k for k in event.sources if k not in known_keys]
    if dangling:
        problem("sources", f"citation key(s) {dangling} not found in data/bibliography/*.yaml")
    return problems
