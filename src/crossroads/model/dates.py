"""Dates with an honest precision: a day, a month or only a year.

Historians often know only the month or the year of an event. A
``PartialDate`` keeps the text as recorded and gives the first and last day
it may denote, so ordering and era assignment never pretend to more.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]

_SHAPES: dict[Precision, re.Pattern[str]] = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "year": re.compile(r"^(\d{4})$"),
}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a day, a month or a year."""

    start: date
    end: date
    text: str
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; raise ``ValueError`` otherwise."""
        for precision, shape in _SHAPES.items():
            match = shape.match(text)
            if not match:
                continue
            year = int(match.group(1))
            if precision == "year":
                return cls(date(year, 1, 1), date(year, 12, 31), text, precision)
            month = int(match.group(2))
            if not 1 <= month <= 12:
                raise ValueError(f"month {month} is not between 01 and 12")
            if precision == "month":
                last = calendar.monthrange(year, month)[1]
                return cls(date(year, month, 1), date(year, month, last), text, precision)
            day = date(year, month, int(match.group(3)))  # raises on 1954-02-30
            return cls(day, day, text, precision)
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (quoted in YAML)")
