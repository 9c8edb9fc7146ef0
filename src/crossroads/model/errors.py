"""Errors that name the place of a problem and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One invalid value: where it is, which field, what was expected."""

    path: Path
    line: int | None
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.record:
            parts.append(f"record {self.record!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return f"{', '.join(parts)}: {self.message}"


class CrossroadsError(Exception):
    """Base class for errors a user can act on (shown without a traceback)."""


class DataError(CrossroadsError):
    """The shipped or user data failed validation; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        head = f"{len(problems)} invalid record(s) in the data; nothing was written."
        body = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{head}\n{body}{more}")


class StoreMissingError(CrossroadsError):
    """The store file does not exist yet."""

    def __init__(self, path: Path):
        super().__init__(
            f"No store at {path}. Build it first with `crossroads build` (or pass --db PATH to use another store)."
        )
