"""Parsing and checking query parameters that FastAPI's types cannot check alone.

Dates may be given as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the precisions the
chronology records); a start bound takes the first day of the period, an end bound
the last. Names drawn from the store's vocabularies are checked in ``vocab``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from crossroads.web.errors import ApiError

DATE_PATTERN = r"^[12]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
"""Years 1000–2999 and real month and day numbers (a day past the month's end still answers 400)."""
_DATE = re.compile(DATE_PATTERN)
DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD"


def date_bound(name: str, text: str | None, *, last: bool) -> date | None:
    """The first (or, with ``last``, the final) day the date ``text`` may denote."""
    if text is None:
        return None
    if not _DATE.match(text):
        raise ApiError(400, f"{name}={text[:40]!r} is not a date; use {DATE_HELP}")
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    try:
        if len(parts) == 1:
            return date(year, 12, 31) if last else date(year, 1, 1)
        month = parts[1]
        if len(parts) == 2:
            day = calendar.monthrange(year, month)[1] if last else 1
            return date(year, month, day)
        return date(year, month, parts[2])
    except ValueError as exc:
        raise ApiError(400, f"{name}={text!r} is not a real date ({exc}); use {DATE_HELP}") from None


def check_text(name: str, text: str | None) -> str | None:
    """Free text is matched literally (never as SQL); refuse control characters it cannot contain."""
    if text is None:
        return None
    if any(ord(ch) < 32 for ch in text):
        raise ApiError(400, f"{name} must not contain control characters")
    return text.strip() or None
