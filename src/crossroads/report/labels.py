"""Words for the codes readers meet: dimensions, source kinds, analysis figures.

The chronology stores short codes (``war_crisis``, ``china_channel``); the report,
the explorer (through ``/api/vocabulary``) and the CLI show these labels instead.
Era names come from ``eras.yaml`` and CAMEO labels from the CAMEO codebook, never
from here.
"""

from __future__ import annotations

DIMENSION_LABELS: dict[str, str] = {
    "diplomatic": "diplomacy",
    "visit": "visits",
    "agreement": "agreements",
    "alliance": "alliances",
    "military_aid": "military aid",
    "arms_trade": "arms trade",
    "economic_aid": "economic aid",
    "development": "development and infrastructure",
    "trade_investment": "trade and investment",
    "sanctions": "sanctions",
    "mediation": "mediation",
    "china_channel": "the China channel",
    "kashmir": "Kashmir",
    "afghanistan": "Afghanistan",
    "nuclear": "nuclear programmes",
    "terrorism": "terrorism",
    "war_crisis": "war and crisis",
}


def cameo_label(label: str) -> str:
    """A CAMEO codebook label for reading: "release person(s)" becomes "release persons"."""
    return label.replace("(s)", "s")


def dimension_label(code: str) -> str:
    return DIMENSION_LABELS.get(code, code.replace("_", " "))


def humanize(name: str) -> str:
    """A readable phrase for an analysis figure's key: ``index_mean_1947_53`` -> ``index mean 1947–53``."""
    words = name.replace("_vs_", " vs ").split("_")
    out: list[str] = []
    for word in words:
        if out and word.isdigit() and out[-1].isdigit() and len(word) <= 2 and len(out[-1]) == 4:
            out[-1] = f"{out[-1]}–{word}"
        else:
            out.append(word)
    text = " ".join(out)
    names = {
        "us": "US", "pak": "Pakistan", "ind": "India", "unga": "UNGA", "seato": "SEATO", "cento": "CENTO",
        "pakistan": "Pakistan", "india": "India", "kashmir": "Kashmir", "china": "China", "sd": "standard deviation",
    }  # fmt: skip
    return " ".join(names.get(w, w.upper() if w.startswith("fy") else w) for w in text.split(" "))


def format_value(value: object) -> str:
    """A figure as a reader expects it: 3 significant digits, yes/no, lists and mappings spelled out."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value != value:
            return "not available"
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:.3g}".replace("-", "−")
    if isinstance(value, int):
        return str(value) if 1000 <= value <= 2100 else f"{value:,}"
    if isinstance(value, dict):
        return "; ".join(f"{format_value(k)}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value)
    if value is None:
        return "not available"
    return str(value)


def figures_text(figures: dict[str, object]) -> str:
    """An analysis's key figures as one readable line: ``index mean 1947–53: −1.86; ...``."""
    return "; ".join(f"{humanize(k)}: {format_value(v)}" for k, v in figures.items())
