"""RIS for the bibliography, beside the BibTeX of ``export``: the two formats citation managers import.

RIS is line-oriented (``TAG  - value``), so values only need their line breaks
removed; a missing date is left out rather than written as a placeholder.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

_RIS_TYPE = {
    "news": "NEWS",
    "frus": "BOOK",
    "scholarly": "RPRT",
    "crs": "RPRT",
    "treaty": "GOVDOC",
    "official": "GOVDOC",
}

KIND_LABELS = {
    "primary": "primary document",
    "scholarly": "scholarly work",
    "news": "news report",
    "reference": "reference work",
    "mirror": "mirror of another document",
}
"""How each source kind (``model.records.SOURCE_KINDS``) is named to readers."""


def present(value: Any) -> bool:
    """False for None, NaN, NA and empty strings: the values a citation must leave out."""
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return str(value).strip() != ""


def _line(text: Any) -> str:
    return " ".join(str(text).split())


def to_ris(sources: pd.DataFrame, accessed: date | None = None) -> str:
    """RIS records for the sources, one per row, with the access date when given."""
    blocks = []
    for row in sources.to_dict(orient="records"):
        lines = [f"TY  - {_RIS_TYPE.get(str(row['type']), 'ELEC')}", f"AU  - {_line(row['issuer'])}"]
        lines.append(f"TI  - {_line(row['title'])}")
        if present(row.get("date")):
            text = str(row["date"])
            lines.append(f"PY  - {text[:4]}")
            lines.append(f"DA  - {text.replace('-', '/')}")
        lines.append(f"UR  - {_line(row['url'])}")
        if accessed is not None:
            lines.append(f"Y2  - {accessed.isoformat().replace('-', '/')}")
        kind = row.get("kind")
        if present(kind):
            lines.append(f"N1  - Source kind: {KIND_LABELS.get(str(kind), str(kind))}; type: {row['type']}")
        lines.append(f"ID  - {row['key']}")
        lines.append("ER  - ")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
