"""What every format reader offers the loader: split a line, check a header, parse a row."""

from __future__ import annotations

from typing import Protocol

from crossroads.ingest.rows import Row


class Reader(Protocol):
    dataset: str
    has_header: bool

    def split(self, text: str) -> list[str]:
        """The fields of one line (without its line end)."""
        ...

    def set_header(self, fields: list[str], name: str) -> None:
        """Take the header row (only called when ``has_header``); raise FormatError if foreign."""
        ...

    def parse(self, fields: list[str], source_file: str, line: int) -> Row:
        """The unified row for one data line, or raise Reject."""
        ...
