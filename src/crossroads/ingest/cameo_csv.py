"""CAMEO-coded CSV files of any provenance: comma-separated, quoted, with a header naming at least
a date, a source and a target actor, and a CAMEO code (see ``CAMEO_CSV_ALIASES``).

Such files have no dataset-wide identifier, so rows are de-duplicated by a hash of their
content. Actors may be CAMEO actor codes (``PAKGOV``) or ISO-3 codes; the country is the
leading three letters when they are a CAMEO country code.
"""

from __future__ import annotations

import csv
import hashlib

from crossroads.ingest.formats import CAMEO_CSV_ALIASES, FormatError, header_names
from crossroads.ingest.harmonise import CAMEO_REGIONS, Code, CountryMap
from crossroads.ingest.rows import BAD_CODE, COLUMN_COUNT, Reject, Row, date_any, number


class CameoCsvReader:
    dataset = "coded"  # the origin of its rows: events coded from text
    has_header = True

    def __init__(self, countries: CountryMap, codebook: dict[str, Code]):
        self.countries = countries
        self.codebook = codebook
        self.index: dict[str, int] = {}
        self.width = 0

    def split(self, text: str) -> list[str]:
        return next(csv.reader([text]), [])

    def set_header(self, fields: list[str], name: str) -> None:
        names = header_names(",".join(fields))
        for key, aliases in CAMEO_CSV_ALIASES.items():
            for alias in aliases:
                if alias in names:
                    self.index[key] = names.index(alias)
                    break
        missing = [k for k in ("date", "source", "target", "cameo") if k not in self.index]
        if missing:
            raise FormatError(f"{name}: the CAMEO CSV header lacks {', '.join(missing)} columns")
        self.width = len(names)

    def _country(self, actor: str, field: str) -> str | None:
        head = actor[:3].upper()
        if not head:
            return None
        iso = self.countries.by_cameo.get(head) or self.countries.by_iso3.get(head)
        if iso is None and len(actor) == 3 and head not in CAMEO_REGIONS:
            raise Reject(BAD_CODE, f"{field} {actor!r} is not a CAMEO or ISO-3 country code")
        return iso

    def parse(self, f: list[str], source_file: str, line: int) -> Row:
        if len(f) != self.width:
            raise Reject(COLUMN_COUNT, f"{len(f)} fields; the header has {self.width}")
        ix = self.index
        day = date_any(f[ix["date"]])
        code = f[ix["cameo"]].strip()
        entry = self.codebook.get(code)
        if entry is None:
            raise Reject(BAD_CODE, f"CAMEO code {code!r} is not in the CAMEO codebook")
        source, target = f[ix["source"]].strip(), f[ix["target"]].strip()
        goldstein = number(f[ix["goldstein"]].strip(), "goldstein") if "goldstein" in ix else None
        tone = number(f[ix["tone"]].strip(), "tone") if "tone" in ix else None
        digest = hashlib.blake2b("\x1f".join(f).encode(), digest_size=12).hexdigest()
        return (
            f"coded:{digest}",
            self.dataset,
            f[ix["id"]].strip() or None if "id" in ix else None,
            day,
            int(day[:4]),
            source or None,
            self._country(source, "source"),
            target or None,
            self._country(target, "target"),
            code,
            entry.root,
            entry.quad_class,
            entry.goldstein if goldstein is None else goldstein,
            tone,
            None,
            None,
            entry.plover,
            None,
            source_file,
            line,
        )
