"""Draw a FigureSpec as PNG and SVG files for papers (matplotlib, no display needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from crossroads.model.reference import Era
from crossroads.report.spec import PALETTE, FigureSpec


def _x(values: list[Any], kind: str) -> np.ndarray:
    """x values as floats: years as they are, dates as matplotlib date numbers."""
    if kind == "date":
        return np.asarray(mdates.date2num(pd.to_datetime(pd.Series(values)).dt.to_pydatetime()), dtype=float)  # type: ignore[no-untyped-call]
    return np.asarray(values, dtype=float)


def _era_bounds(era: Era, kind: str) -> tuple[float, float]:
    if kind == "date":
        return (
            float(mdates.date2num(era.start)),  # type: ignore[no-untyped-call]
            float(mdates.date2num(era.end)),  # type: ignore[no-untyped-call]
        )

    def frac(day: date) -> float:
        return day.year + (day.timetuple().tm_yday - 1) / 365.25

    return frac(era.start), frac(era.end)


def _floats(values: list[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def write_static(spec: FigureSpec, eras: list[Era], folder: Path) -> list[Path]:
    """Write ``<id>.png`` and ``<id>.svg`` and return their paths."""
    height = spec.height / 100 * 1.0
    fig, ax = plt.subplots(figsize=(9, max(height, 3.5)))
    try:
        if spec.shade_eras:
            for i, era in enumerate(eras):
                lo, hi = _era_bounds(era, spec.x_kind)
                if i % 2 == 0:
                    ax.axvspan(lo, hi, color="0.92", zorder=0)
                ax.text(
                    lo,
                    1.0,
                    era.id.upper(),
                    transform=ax.get_xaxis_transform(),
                    fontsize=7,
                    va="bottom",
                    color="0.35",
                )
        categories = spec.categories or []
        for i, trace in enumerate(spec.traces):
            color = trace.color or PALETTE[i % len(PALETTE)]
            xs = _x(trace.x, spec.x_kind)
            if trace.category_y:
                cats = [categories.index(str(v)) if str(v) in categories else np.nan for v in trace.y]
                ax.scatter(xs, cats, s=10, color=color, label=trace.name, alpha=0.8)
                continue
            ys = _floats(trace.y)
            if trace.kind == "band" and trace.y_high is not None:
                ax.fill_between(xs, ys, _floats(trace.y_high), color=color, alpha=0.18, label=trace.name, linewidth=0)
            elif trace.kind == "bar":
                ax.bar(xs, ys, color=color, label=trace.name, width=0.8, alpha=0.85)
            elif trace.kind == "markers":
                ax.scatter(xs, ys, s=14, color=color, label=trace.name)
            else:
                ax.plot(
                    xs,
                    ys,
                    color=color,
                    label=trace.name,
                    linestyle="--" if trace.dash else "-",
                    drawstyle="steps-post" if trace.kind == "step" else "default",
                    linewidth=1.6,
                )
        if categories:
            ax.set_yticks(range(len(categories)), categories, fontsize=7)
        for marker in spec.markers:
            ax.axvline(float(marker.x), color="0.3", linestyle=":" if marker.dashed else "-", linewidth=0.9)
        if spec.x_kind == "date":
            # Date numbers are days since 1970: label the axis in years, over the whole period.
            ax.xaxis.set_major_locator(mdates.YearLocator(10))  # type: ignore[no-untyped-call]
            ax.xaxis.set_minor_locator(mdates.YearLocator(1))  # type: ignore[no-untyped-call]
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]
            ax.set_xlim(
                float(mdates.date2num(date(1946, 7, 1))),  # type: ignore[no-untyped-call]
                float(mdates.date2num(date(2022, 6, 30))),  # type: ignore[no-untyped-call]
            )
        ax.set_title(spec.title, fontsize=11, loc="left", pad=16 if spec.shade_eras else 6)
        ax.set_xlabel(spec.x_label)
        ax.set_ylabel(spec.y_label)
        ax.spines[["top", "right"]].set_visible(False)
        if len(spec.traces) > 1 and not categories:
            ax.legend(fontsize=8, frameon=False, loc="best")
        note = "Sources: " + "; ".join(spec.sources)
        if spec.shade_eras:
            note += "\nShaded eras: " + " · ".join(f"{e.id.upper()} {e.label}" for e in eras)
        fig.text(0.01, 0.005, note, fontsize=6, color="0.3", wrap=True)
        fig.tight_layout(rect=(0, 0.06 if spec.shade_eras else 0.03, 1, 1))
        folder.mkdir(parents=True, exist_ok=True)
        paths = [folder / f"{spec.id}.png", folder / f"{spec.id}.svg"]
        fig.savefig(paths[0], dpi=150)
        fig.savefig(paths[1], metadata={"Date": None})  # no timestamp: rebuilds are byte-identical
        return paths
    finally:
        plt.close(fig)
