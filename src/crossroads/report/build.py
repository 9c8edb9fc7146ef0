"""Write the report: one self-contained HTML file and every chart as PNG and SVG.

The page embeds its script (Plotly), styles and no fonts (system fonts), so it opens
from disk with no network; all data come from the store's query functions and the
analyses, never from a second computation.
"""

from __future__ import annotations

import inspect
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from plotly.offline import get_plotlyjs

from crossroads import __version__
from crossroads.analysis import index as index_method
from crossroads.analysis import kashmir as kashmir_method
from crossroads.analysis import phases as phases_method
from crossroads.analysis.claims import ClaimResult
from crossroads.analysis.context import AnalysisContext, Settings, context_for
from crossroads.analysis.data import eras
from crossroads.analysis.relations import COMPONENTS
from crossroads.atomic import atomic_write_text
from crossroads.report import figures
from crossroads.report.interactive import to_div
from crossroads.report.static import write_static
from crossroads.store.store import Store

Step = Callable[[str], None]

SECTIONS = (
    ("summary", "Summary of findings"),
    ("timeline", "Timeline of events"),
    ("indicators", "Indicators"),
    ("index", "The relations index and its phases"),
    ("kashmir", "Kashmir prospects"),
    ("triangle", "The triangle"),
    ("claims", "The paper's claims, tested"),
    ("chronology", "Chronology"),
    ("methods", "Methods"),
    ("provenance", "Data coverage and provenance"),
    ("bibliography", "Bibliography"),
    ("cite", "How to cite"),
)


@dataclass(frozen=True)
class ReportSummary:
    html: Path
    figures: list[Path]
    seconds: float


def _doc(module: object) -> str:
    return inspect.cleandoc(module.__doc__ or "")


def _claims_rows(claims: list[ClaimResult], known: set[str]) -> list[dict[str, Any]]:
    return [
        {
            **c.as_dict(),
            "evidence": [e for e in c.evidence if e in known],
            "figures_text": "; ".join(f"{k} = {_fmt(v)}" for k, v in c.figures.items()),
        }
        for c in claims
    ]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "n/a" if value != value else f"{value:.3g}"
    if isinstance(value, list):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    return str(value)


def write_report(
    store: Store,
    out: Path,
    step: Step = lambda _: None,
    settings: Settings | None = None,
    ctx: AnalysisContext | None = None,
) -> ReportSummary:
    """Build the report from the store into ``out`` (``report.html`` and ``figures/``).

    The analyses come from the shared context, so the report shows the numbers the CLI
    and the API give for the same settings.
    """
    started = time.perf_counter()
    ctx = ctx or context_for(store, settings)
    era_list = eras(store)
    step("analyses")
    bundle = figures.analysis_bundle(ctx)
    index = bundle.index
    phase_report = ctx.phases()
    step("sensitivity and the Kashmir correlation")
    sensitivity = ctx.sensitivity()
    correlation = ctx.correlation()
    step("claims")
    claims = ctx.claims()
    step("charts")
    specs = figures.chart_specs(store, bundle)
    figure_paths: list[Path] = []
    charts: dict[str, dict[str, Any]] = {}
    for key, spec in specs.items():
        if not spec.has_data():
            charts[key] = {"spec": spec, "div": None}
            continue
        figure_paths += write_static(spec, era_list, out / "figures")
        charts[key] = {"spec": spec, "div": to_div(spec, era_list)}
    step("tables")
    events = store.events_export()
    sources = store.sources()
    known = set(events["id"])
    provenance = store.provenance()
    coverage = store.coverage().pivot(index="dimension", columns="era", values="events")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("crossroads.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    verdict_counts = pd.Series([c.verdict for c in claims]).value_counts().to_dict()
    html = env.get_template("report.html.j2").render(
        version=__version__,
        meta=store.meta(),
        sections=SECTIONS,
        eras=era_list,
        charts=charts,
        claims=_claims_rows(claims, known),
        verdict_counts=verdict_counts,
        events=events.to_dict(orient="records"),
        sources=sources.to_dict(orient="records"),
        provenance=[{**row, "raw_files": json.loads(row["raw_files"])} for row in provenance.to_dict(orient="records")],
        coverage=coverage,
        index=index,
        phases=phase_report,
        sensitivity=sensitivity.to_dict(orient="records"),
        correlation=correlation,
        components=COMPONENTS,
        methods={
            "index": _doc(index_method),
            "phases": _doc(phases_method),
            "kashmir": _doc(kashmir_method),
        },
        plotly_js=get_plotlyjs(),
        fmt=_fmt,
    )
    target = out / "report.html"
    atomic_write_text(target, html)
    return ReportSummary(target, figure_paths, time.perf_counter() - started)
