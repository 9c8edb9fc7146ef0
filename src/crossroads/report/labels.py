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
    for code, label in (("us", "US"), ("pak", "Pakistan"), ("ind", "India"), ("unga", "UNGA"), ("sot", "SEATO")):
        text = " ".join(label if w == code else w for w in text.split(" "))
    return text
