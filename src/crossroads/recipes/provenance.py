"""Provenance records written beside every compact table."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from crossroads.atomic import atomic_write_text


@dataclass
class Provenance:
    """Where a compact table came from and how it was made."""

    table: str
    source: str
    citation: str
    version: str
    transformation: str
    raw_files: list[dict[str, str]] = field(default_factory=list)
    terms: str = ""
    built: str = field(default_factory=lambda: date.today().isoformat())

    def add_raw(self, path: Path, root: Path) -> None:
        """Record a raw input file by its path under the raw root and its checksum."""
        self.raw_files.append({"path": path.relative_to(root).as_posix(), "sha256": sha256_of(path)})


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_table(frame: pd.DataFrame, path: Path, provenance: Provenance) -> None:
    """Write a compact CSV table and its ``.provenance.json`` atomically."""
    atomic_write_text(path, frame.to_csv(index=False, lineterminator="\n"))
    record = asdict(provenance)
    record["rows"] = len(frame)
    record["sha256"] = sha256_of(path)
    atomic_write_text(path.with_suffix(".provenance.json"), json.dumps(record, indent=2, ensure_ascii=False) + "\n")


def read_provenance(path: Path) -> dict[str, object]:
    """The provenance record of a compact table (``{}`` if it has none)."""
    meta = path.with_suffix(".provenance.json")
    if not meta.exists():
        return {}
    loaded: dict[str, object] = json.loads(meta.read_text(encoding="utf-8"))
    return loaded
