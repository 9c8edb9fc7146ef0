"""The event-file formats Crossroads reads, their column layouts, and format detection.

GDELT files have no header and differ only in width (57 columns for the 1979–2013
backfile, 58 for 1.0 daily files, 61 for 2.0), so the layout is chosen from the field
count of each row, never assumed. ICEWS and POLECAT files start with a header row.
"""

from __future__ import annotations

from enum import StrEnum

from crossroads.model.errors import CrossroadsError


class Format(StrEnum):
    auto = "auto"
    gdelt1 = "gdelt1"
    gdelt2 = "gdelt2"
    icews = "icews"
    polecat = "polecat"
    cameo_csv = "cameo-csv"


_ACTOR = [
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
]  # fmt: skip
_EVENT = [
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
]  # fmt: skip


def _geo(prefix: str, adm2: bool) -> list[str]:
    names = ["Type", "FullName", "CountryCode", "ADM1Code", *(["ADM2Code"] if adm2 else []), "Lat", "Long"]
    return [f"{prefix}Geo_{n}" for n in [*names, "FeatureID"]]


def gdelt_columns(width: int) -> list[str]:
    """GDELT event columns for a row of ``width`` fields (57, 58 or 61)."""
    if width not in (57, 58, 61):
        raise ValueError(width)
    adm2 = width == 61
    cols = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    cols += [f"Actor1{n}" for n in _ACTOR] + [f"Actor2{n}" for n in _ACTOR] + _EVENT
    cols += _geo("Actor1", adm2) + _geo("Actor2", adm2) + _geo("Action", adm2) + ["DATEADDED"]
    return cols + (["SOURCEURL"] if width > 57 else [])


ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
    "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
]  # fmt: skip
"""The 20 columns of the ICEWS Dataverse event files (header row, tab-separated)."""

POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
    "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
]  # fmt: skip
"""The 40 POLECAT columns as published third-party readers list them (not checked on a real file;
some releases call ``Intensity`` ``Event Intensity`` or add ``Headline``; see README)."""

CAMEO_CSV_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "event_date", "sqldate", "day"),
    "source": ("source", "source_actor", "actor1", "actor1code", "source_country"),
    "target": ("target", "target_actor", "actor2", "actor2code", "target_country"),
    "cameo": ("cameo", "cameo_code", "eventcode", "event_code", "code"),
    "id": ("id", "event_id", "globaleventid"),
    "goldstein": ("goldstein", "goldsteinscale", "intensity"),
    "tone": ("tone", "avgtone"),
}
"""Header names accepted for a comma-separated CAMEO-coded file (case-insensitive)."""


class FormatError(CrossroadsError):
    """A file whose format cannot be recognised or does not match ``--format``."""


def header_names(first_line: str) -> list[str]:
    return [h.strip().strip('"').strip().lower() for h in first_line.rstrip("\r\n").split(",")]


def detect(first_line: str, name: str) -> Format:
    """Recognise a file's format from its first line (header names or field count)."""
    head = first_line.lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body")):
        raise FormatError(
            f"{name}: an HTML or XML page, not an event file (a failed download saved under the data's name?)"
        )
    if first_line.startswith("Event ID\tEvent Date\t"):
        second = first_line.split("\t")[2].strip()
        return Format.polecat if second == "Event Type" else Format.icews
    tabs = first_line.rstrip("\r\n").split("\t")
    if len(tabs) in (57, 58):
        return Format.gdelt1
    if len(tabs) == 61:
        return Format.gdelt2
    names = set(header_names(first_line))
    if len(tabs) == 1 and all(names & set(CAMEO_CSV_ALIASES[k]) for k in ("date", "source", "target", "cameo")):
        return Format.cameo_csv
    raise FormatError(
        f"{name}: cannot recognise the format: the first line has {len(tabs)} tab-separated fields "
        "(GDELT 1.0 has 57 or 58, GDELT 2.0 61) and no ICEWS, POLECAT or CAMEO-CSV header. "
        "Pass --format gdelt1|gdelt2|icews|polecat|cameo-csv."
    )
