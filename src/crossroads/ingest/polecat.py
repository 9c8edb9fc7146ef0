"""POLECAT (PLOVER-coded) event files: tab-separated with a header row.

Built from the published column list, not from a real file (none could be obtained
here; see README "Big event data"). Columns are found by header name, because
releases differ: ``Intensity`` is ``Event Intensity`` in some, some headers carry an
extra ``Headline`` name the rows do not have, and some rows end in empty extra tabs.
Countries are ISO-3 codes (several may be joined by ``;``; the first is used), with
the COW number as a fallback; ``None`` marks a missing value.
"""

from __future__ import annotations

from crossroads.ingest.formats import POLECAT_COLUMNS, FormatError
from crossroads.ingest.harmonise import PLOVER_QUAD, QUAD_LABELS, CountryMap
from crossroads.ingest.rows import BAD_CODE, BAD_NUMBER, COLUMN_COUNT, Reject, Row, date_any, number

_MISSING = ("", "None", "NA", "nan")
_REQUIRED = ("Event ID", "Event Date", "Event Type", "Actor Country", "Recipient Country")


class PolecatReader:
    dataset = "polecat"
    has_header = True

    def __init__(self, countries: CountryMap):
        self.countries = countries
        self.index: dict[str, int] = {n: i for i, n in enumerate(POLECAT_COLUMNS)}
        self.width = len(POLECAT_COLUMNS)

    def split(self, text: str) -> list[str]:
        return text.split("\t")

    def set_header(self, fields: list[str], name: str) -> None:
        names = [f.strip() for f in fields]
        while names and not names[-1]:
            names.pop()
        missing = [n for n in _REQUIRED if n not in names]
        if missing:
            raise FormatError(f"{name}: not a POLECAT header (missing {', '.join(missing)})")
        if "Headline" in names:
            # Known malformation: the header names a Headline column the rows do not have.
            names = [n for n in names if n != "Headline"]
        names = ["Intensity" if n == "Event Intensity" else n for n in names]
        self.index = {n: i for i, n in enumerate(names)}
        self.width = len(names)

    def _get(self, f: list[str], name: str) -> str:
        i = self.index.get(name)
        value = f[i].strip() if i is not None else ""
        return "" if value in _MISSING else value

    def _country(self, f: list[str], iso_field: str, cow_field: str, strict: bool = True) -> str | None:
        iso = self._get(f, iso_field).split(";")[0].strip().upper()
        if iso:
            found = self.countries.by_iso3.get(iso) or self.countries.by_name.get(iso.lower())
            if found is None and strict:
                raise Reject(BAD_CODE, f"{iso_field} {iso!r} is not an ISO-3 code")
            return found
        cow = self._get(f, cow_field).split(";")[0].strip()
        if cow:
            found = self.countries.by_cow.get(cow)
            if found is None and strict:
                raise Reject(BAD_CODE, f"{cow_field} {cow!r} is not a COW state number")
            return found
        return None

    def parse(self, f: list[str], source_file: str, line: int) -> Row:
        if len(f) != self.width:
            extra = f[self.width :]
            if len(f) < self.width or any(x.strip() for x in extra):
                raise Reject(COLUMN_COUNT, f"{len(f)} fields; the header has {self.width}")
        eid = self._get(f, "Event ID")
        if not eid:
            raise Reject(BAD_CODE, "Event ID is empty")
        day = date_any(self._get(f, "Event Date"))
        kind = self._get(f, "Event Type").upper()
        if kind not in PLOVER_QUAD:
            raise Reject(BAD_CODE, f"Event Type {kind!r} is not a PLOVER event type")
        quad = QUAD_LABELS.get(self._get(f, "Quad Code").upper(), PLOVER_QUAD[kind])
        intensity = number(self._get(f, "Intensity"), "Intensity")
        if intensity is not None and not -10 <= intensity <= 10:
            raise Reject(BAD_NUMBER, f"Intensity {intensity} is outside -10..10")
        return (
            f"polecat:{eid}",
            self.dataset,
            eid,
            day,
            int(day[:4]),
            self._get(f, "Actor Name") or None,
            self._country(f, "Actor Country", "Actor COW"),
            self._get(f, "Recipient Name") or None,
            self._country(f, "Recipient Country", "Recipient COW"),
            None,
            None,
            quad,
            None,
            None,
            None,
            self._country(f, "Country", "", strict=False),
            kind,
            intensity,
            source_file,
            line,
        )
