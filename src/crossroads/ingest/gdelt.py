"""GDELT 1.0 (57/58 columns) and 2.0 (61 columns) event exports: tab-separated, no header, no quoting.

The layout is chosen per row from its width, because real 1.0 files mix the backfile
(57) and daily (58) layouts. Actor countries are CAMEO codes; the ActionGeo country is
FIPS 10-4 and goes through the FIPS column of the same country table.
"""

from __future__ import annotations

from dataclasses import dataclass

from crossroads.ingest.formats import gdelt_columns
from crossroads.ingest.harmonise import CAMEO_REGIONS, Code, CountryMap
from crossroads.ingest.rows import BAD_CODE, BAD_NUMBER, COLUMN_COUNT, Reject, Row, date_yyyymmdd, number


@dataclass(frozen=True)
class _Layout:
    a1code: int
    a1country: int
    a2code: int
    a2country: int
    code: int
    goldstein: int
    mentions: int
    tone: int
    action_country: int

    @classmethod
    def of(cls, width: int) -> _Layout:
        ix = {name: i for i, name in enumerate(gdelt_columns(width))}
        return cls(
            ix["Actor1Code"], ix["Actor1CountryCode"], ix["Actor2Code"], ix["Actor2CountryCode"],
            ix["EventCode"], ix["GoldsteinScale"], ix["NumMentions"], ix["AvgTone"],
            ix["ActionGeo_CountryCode"],
        )  # fmt: skip


class GdeltReader:
    """One reader for both versions; ``version`` fixes the accepted widths and the dataset name."""

    has_header = False

    def __init__(self, version: int, countries: CountryMap, codebook: dict[str, Code]):
        self.dataset = f"gdelt{version}"
        widths = (57, 58) if version == 1 else (61,)
        self.layouts = {w: _Layout.of(w) for w in widths}
        self.expected = " or ".join(map(str, widths))
        self.countries = countries
        self.codebook = codebook
        self.by_cameo = countries.by_cameo
        self.by_fips = countries.by_fips

    def split(self, text: str) -> list[str]:
        return text.split("\t")

    def set_header(self, fields: list[str], name: str) -> None:  # pragma: no cover - no header
        raise NotImplementedError

    def _country(self, code: str, field: str) -> str | None:
        if not code:
            return None
        iso = self.countries.by_cameo.get(code)
        if iso is None and code not in CAMEO_REGIONS:
            raise Reject(BAD_CODE, f"{field} {code!r} is not a CAMEO country or region code")
        return iso

    def parse(self, f: list[str], source_file: str, line: int) -> Row:
        # The hot path of a GDELT ingest: plain dict look-ups, slow paths only on failure.
        lay = self.layouts.get(len(f))
        if lay is None:
            raise Reject(COLUMN_COUNT, f"{len(f)} fields; {self.dataset} rows have {self.expected}")
        eid = f[0]
        if not eid.isdigit():
            raise Reject(BAD_NUMBER, f"GLOBALEVENTID {eid!r} is not an integer")
        day = date_yyyymmdd(f[1])
        code = f[lay.code]
        entry = self.codebook.get(code)
        if entry is None:
            raise Reject(BAD_CODE, f"EventCode {code!r} is not in the CAMEO codebook")
        mentions = f[lay.mentions]
        if mentions and not mentions.isdigit():
            raise Reject(BAD_NUMBER, f"NumMentions {mentions!r} is not an integer")
        by_cameo = self.by_cameo
        c1, c2 = f[lay.a1country], f[lay.a2country]
        iso1 = by_cameo.get(c1) if c1 else None
        if iso1 is None and c1:
            iso1 = self._country(c1, "Actor1CountryCode")
        iso2 = by_cameo.get(c2) if c2 else None
        if iso2 is None and c2:
            iso2 = self._country(c2, "Actor2CountryCode")
        goldstein: float | None
        tone: float | None
        try:
            goldstein = float(f[lay.goldstein])
            tone_text = f[lay.tone]
            tone = float(tone_text) if tone_text else None
        except ValueError:
            goldstein = number(f[lay.goldstein], "GoldsteinScale")
            tone = number(f[lay.tone], "AvgTone")
        if goldstein is not None and not -10.0 <= goldstein <= 10.0:  # NaN fails too
            raise Reject(BAD_NUMBER, f"GoldsteinScale {f[lay.goldstein]!r} is outside -10..10")
        if tone is not None and not -100.0 <= tone <= 100.0:
            raise Reject(BAD_NUMBER, f"AvgTone {f[lay.tone]!r} is outside -100..100")
        return (
            f"{self.dataset}:{eid}",
            self.dataset,
            eid,
            day,
            int(day[:4]),
            f[lay.a1code] or None,
            iso1,
            f[lay.a2code] or None,
            iso2,
            code,
            entry.root,
            entry.quad_class,
            goldstein,
            tone,
            int(mentions) if mentions else None,
            self.by_fips.get(f[lay.action_country]),
            entry.plover,
            None,
            source_file,
            line,
        )
