"""The reasons a row is quarantined, and the checks the line readers share.

The row itself is ``store.schema.INGESTED_COLUMNS``: one layout for GDELT, ICEWS,
POLECAT and CAMEO-coded files, with the curated events' names for the same things.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

Row = tuple[Any, ...]

COLUMN_COUNT = "column_count"
BAD_DATE = "bad_date"
BAD_CODE = "bad_code"
BAD_NUMBER = "bad_number"
INVALID_UTF8 = "invalid_utf8"
OVERSIZE_FIELD = "oversize_field"
REASONS = (COLUMN_COUNT, BAD_DATE, BAD_CODE, BAD_NUMBER, INVALID_UTF8, OVERSIZE_FIELD)

MAX_FIELD = 4096
"""Longest field accepted (characters). GDELT's longest field, SOURCEURL, stays far below."""

FIRST_YEAR, LAST_YEAR = 1900, 2100


class Reject(Exception):  # noqa: N818 - a control-flow signal, not an error
    """A row that goes to quarantine: the reason (one of REASONS) and what was wrong."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _checked(year: int, month: int, day: int, text: str) -> str:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Reject(BAD_DATE, f"date {text!r} out of range {FIRST_YEAR}-{LAST_YEAR}")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise Reject(BAD_DATE, f"date {text!r} is not a calendar date") from None


@lru_cache(maxsize=1 << 16)
def date_yyyymmdd(text: str) -> str:
    """``20150218`` → ``2015-02-18`` (GDELT SQLDATE); Reject otherwise."""
    if len(text) != 8 or not text.isdigit():
        raise Reject(BAD_DATE, f"date {text!r} is not YYYYMMDD")
    return _checked(int(text[:4]), int(text[4:6]), int(text[6:]), text)


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@lru_cache(maxsize=1 << 16)
def date_any(text: str) -> str:
    """``YYYY-MM-DD`` (ICEWS, POLECAT; a time part is ignored), ``YYYYMMDD``, or ``M/D/YYYY``
    (the 2017 ICEWS file wrote dates that way)."""
    text = text.strip()
    if m := _ISO.fullmatch(text[:10]) if len(text) >= 10 else _ISO.fullmatch(text):
        return _checked(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _US.fullmatch(text):
        return _checked(int(m[3]), int(m[1]), int(m[2]), text)
    if len(text) == 8 and text.isdigit():
        return date_yyyymmdd(text)
    raise Reject(BAD_DATE, f"date {text!r} is not YYYY-MM-DD")


def number(text: str, field: str) -> float | None:
    """A float, or None for an empty cell; Reject for anything else."""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise Reject(BAD_NUMBER, f"{field} {text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise Reject(BAD_NUMBER, f"{field} {text!r} is not a finite number")
    return value


MAX_RAW = 8192
"""Quarantined lines are kept up to this many characters (the line number locates the rest)."""


def raw_line(line: bytes) -> str:
    """A quarantined line as stored: without its line end, undecodable bytes escaped, cut at ``MAX_RAW``."""
    return line.rstrip(b"\r\n").decode("utf-8", "backslashreplace")[:MAX_RAW]


def oversize_detail(fields: list[str]) -> str | None:
    """Why a row is quarantined as ``oversize_field`` (its first longest field, over ``MAX_FIELD``
    characters), or None if no field is over the limit."""
    longest = max(range(len(fields)), key=lambda i: len(fields[i]))
    if len(fields[longest]) <= MAX_FIELD:
        return None
    return f"field {longest + 1} has {len(fields[longest])} characters (limit {MAX_FIELD})"
