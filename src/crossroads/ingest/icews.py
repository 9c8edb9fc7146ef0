"""ICEWS coded events (Dataverse ``events.YYYY.*.tab``): tab-separated with a 20-column header.

Countries are English names and go through the name column of the country table.
Missing cells are empty or the literal ``NA`` (files re-written by R). ``Event ID`` is
not unique on its own; ``(Event ID, Event Date)`` is, so the row key uses both.
"""

from __future__ import annotations

from crossroads.ingest.formats import ICEWS_COLUMNS, FormatError
from crossroads.ingest.harmonise import Code, CountryMap, norm_name
from crossroads.ingest.rows import BAD_CODE, BAD_NUMBER, COLUMN_COUNT, Reject, Row, date_any, number

_MISSING = ("", "NA")


class IcewsReader:
    dataset = "icews"
    has_header = True

    def __init__(self, countries: CountryMap, codebook: dict[str, Code]):
        self.countries = countries
        self.codebook = codebook

    def split(self, text: str) -> list[str]:
        return text.split("\t")

    def set_header(self, fields: list[str], name: str) -> None:
        if [f.strip() for f in fields] != ICEWS_COLUMNS:
            raise FormatError(f"{name}: the header is not the 20-column ICEWS header ({', '.join(ICEWS_COLUMNS)})")

    def _country(self, name: str, field: str, strict: bool = True) -> str | None:
        if name in _MISSING:
            return None
        iso = self.countries.by_name.get(norm_name(name))
        if iso is None and strict:
            raise Reject(BAD_CODE, f"{field} {name!r} is not a known country name")
        return iso

    def parse(self, f: list[str], source_file: str, line: int) -> Row:
        if len(f) != 20:
            raise Reject(COLUMN_COUNT, f"{len(f)} fields; ICEWS rows have 20")
        eid = f[0]
        if not eid.isdigit():
            raise Reject(BAD_NUMBER, f"Event ID {eid!r} is not an integer")
        day = date_any(f[1])
        code = f[6]
        entry = self.codebook.get(code)
        if entry is None:
            raise Reject(BAD_CODE, f"CAMEO Code {code!r} is not in the CAMEO codebook")
        return (
            f"icews:{eid}:{day}",
            self.dataset,
            eid,
            day,
            int(day[:4]),
            None if f[2] in _MISSING else f[2],
            self._country(f[4], "Source Country"),
            None if f[8] in _MISSING else f[8],
            self._country(f[10], "Target Country"),
            code,
            entry.root,
            entry.quad_class,
            number("" if f[7] == "NA" else f[7], "Intensity"),
            None,
            None,
            self._country(f[17], "Country", strict=False),
            entry.plover,
            None,
            source_file,
            line,
        )
