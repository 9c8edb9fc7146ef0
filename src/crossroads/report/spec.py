"""Chart specifications: one description of each chart, drawn twice.

The report draws every chart interactively (Plotly, embedded) and as PNG/SVG
files for papers (matplotlib) from the same ``FigureSpec``, so the two can
never disagree about the data, the title or the sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# Okabe–Ito: distinguishable with the common forms of colour blindness, and in greyscale print.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")

TraceKind = Literal["line", "step", "bar", "markers", "band"]


@dataclass(frozen=True)
class Trace:
    """One series on a chart. For ``band``, ``y`` is the lower and ``y_high`` the upper edge."""

    name: str
    x: list[Any]
    y: list[Any]
    kind: TraceKind = "line"
    y_high: list[Any] | None = None
    text: list[str] | None = None
    color: str | None = None
    dash: bool = False
    category_y: bool = False
    ids: list[str] | None = None
    """Event ids of the points, so a click on one can open its event (the explorer does)."""


@dataclass(frozen=True)
class Marker:
    """A vertical line with a label (a change point, a crisis)."""

    x: float
    label: str
    dashed: bool = True


@dataclass(frozen=True)
class FigureSpec:
    id: str
    title: str
    caption: str
    alt: str
    sources: list[str]
    traces: list[Trace]
    y_label: str = ""
    x_label: str = "Year"
    shade_eras: bool = True
    markers: list[Marker] = field(default_factory=list)
    height: int = 420
    categories: list[str] | None = None
    """For a categorical y axis (the timeline), the category order."""
    x_kind: Literal["year", "date"] = "year"

    def has_data(self) -> bool:
        return any(any(v is not None for v in t.y) for t in self.traces)
