"""Exports of events, series and sources to the formats researchers use (CSV, Parquet, JSON, BibTeX)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from crossroads.atomic import atomic_write

FORMATS = ("csv", "parquet", "json")


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist"):
        return _jsonable(value.tolist())
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as plain JSON-ready dicts (NaN becomes null, arrays become lists)."""
    return [{str(k): _jsonable(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _flatten_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """CSV has no lists: join list cells with ';' (ids, codes and URLs never contain one)."""
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].map(lambda v: isinstance(v, list) or hasattr(v, "tolist")).any():
            flat[column] = [
                ";".join(map(str, list(v))) if isinstance(v, list) or hasattr(v, "tolist") else "" for v in flat[column]
            ]
    return flat


def write_frame(frame: pd.DataFrame, fmt: str, out: Path) -> None:
    """Write a table as CSV (lists joined by ';'), Parquet (native lists) or JSON (array of objects)."""
    if fmt == "csv":
        atomic_write(out, lambda p: _flatten_for_csv(frame).to_csv(p, index=False))
    elif fmt == "parquet":
        atomic_write(out, lambda p: frame.to_parquet(p, index=False))
    elif fmt == "json":
        text = json.dumps(records(frame), ensure_ascii=False, indent=1, default=str) + "\n"
        atomic_write(out, lambda p: p.write_text(text, encoding="utf-8"))
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
}


def _bib_escape(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(ch, ch) for ch in text)


def to_bibtex(sources: pd.DataFrame) -> str:
    """BibTeX for the bibliography; issuers are corporate authors, so they are braced whole."""
    entries = []
    for row in sources.to_dict(orient="records"):
        kind = "book" if row["type"] == "frus" else "misc"
        fields = [
            ("author", "{" + _bib_escape(row["issuer"]) + "}"),
            ("title", "{" + _bib_escape(row["title"]) + "}"),
        ]
        day = row.get("date")
        # Undated sources come out of pandas as NaN, which is truthy: test for a real value.
        if isinstance(day, str) and day.strip():
            fields.append(("year", day[:4]))
            fields.append(("date", day))
        fields.append(("url", row["url"]))
        source_kind = row.get("kind")
        kind_note = f"; kind: {source_kind}" if isinstance(source_kind, str) and source_kind else ""
        fields.append(("note", f"Source type: {row['type']}{kind_note}"))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{kind}{{{row['key']},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def write_bibtex(sources: pd.DataFrame, out: Path) -> None:
    text = to_bibtex(sources)
    atomic_write(out, lambda p: p.write_text(text, encoding="utf-8"))
