"""Write the report: one self-contained HTML file and every chart as PNG and SVG.

The page embeds its script (Plotly), styles and no fonts (system fonts), so it opens
from disk with no network; all data come from the store's query functions and the
analyses, never from a second computation.
"""

from __future__ import annotations

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
from crossroads.analysis.claims import ClaimResult
from crossroads.analysis.context import AnalysisContext, Settings, context_for
from crossroads.analysis.data import eras
from crossroads.analysis.measurement.api import VARIANT_NAMES, withheld_reasons
from crossroads.analysis.measurement.fit import ESS_MIN, RHAT_MAX
from crossroads.analysis.relations import COMPONENTS
from crossroads.atomic import atomic_write_text
from crossroads.report import figures
from crossroads.report.interactive import to_div
from crossroads.report.labels import cameo_label, dimension_label, figures_text, format_value
from crossroads.report.static import write_static
from crossroads.store.cite import KIND_LABELS
from crossroads.store.export import records
from crossroads.store.store import Store

Step = Callable[[str], None]

SECTIONS = (
    ("summary", "Summary of findings"),
    ("timeline", "Timeline of events"),
    ("indicators", "Indicators"),
    ("index", "The relations index and its phases"),
    ("kashmir", "Kashmir: the record and its prospects"),
    ("triangle", "The triangle"),
    ("scenarios", "Scenarios: what if the US had tilted?"),
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


def _claims_rows(claims: list[ClaimResult], known: set[str]) -> list[dict[str, Any]]:
    return [
        {
            **{k: v for k, v in c.as_dict().items() if k != "curve"},
            "evidence": [e for e in c.evidence if e in known],
            "figures_text": figures_text(c.figures),
        }
        for c in claims
    ]


def _verdict_history() -> list[dict[str, Any]]:
    """The verdicts under every version of the analysis plan, newest last."""
    from crossroads.analysis.claims.plan import load_history

    return [
        {"plan": h.get("plan", ""), "sha": str(h.get("plan_sha256") or "")[:12], "recorded": h.get("recorded", ""),
         "verdicts": h.get("verdicts", {})}
        for h in load_history()
    ]  # fmt: skip


def _fmt(value: Any) -> str:
    return format_value(value)


def _phase_sentence(comparison: dict[str, float]) -> str:
    """The comparison of phases and eras in words (the figures come from ``phases.compare_with_eras``)."""
    margin = format_value(comparison.get("margin_years", float("nan")))
    precision, recall = comparison.get("precision"), comparison.get("recall")
    if precision is None or recall is None or precision != precision or recall != recall:
        return "There are too few breaks to compare them with the historians' era boundaries."
    text = (
        f"Against the historians' era boundaries, {precision:.0%} of the breaks fall within {margin} years of a "
        f"boundary (precision) and {recall:.0%} of the boundaries within {margin} years of a break (recall)"
    )
    far = comparison.get("hausdorff_years")
    if far is not None and far == far:
        text += f"; the farthest a break or boundary lies from its nearest counterpart is {format_value(far)} years"
    return text + "."


def _variant_label(variant: str, labels: dict[str, str]) -> str:
    if variant.startswith("drop "):
        name = variant.removeprefix("drop ")
        label = labels.get(name, name)
        keep = len(label) > 1 and label[1].isupper()  # "UNGA ...", "US aid" keep their capitals
        return f"without {label if keep else label[:1].lower() + label[1:]}"
    return variant


def _cameo_labels(store: Store) -> dict[str, str]:
    cur = store.cursor()
    try:
        return {code: cameo_label(label) for code, label in cur.execute("SELECT code, label FROM cameo").fetchall()}
    finally:
        cur.close()


SCENARIO_DRAWS = 1000
"""Monte Carlo draws per era for the scenarios section (the CLI's default too)."""


def _kashmir_summary(ctx: AnalysisContext) -> dict[str, Any]:
    """What the Kashmir section says about the record: its size, its coders' agreement, its silences."""
    from crossroads.analysis.kashmir_record import load_record

    record = load_record()
    rows = ctx.kashmir_record()
    overall = rows[rows["actor"] == "ALL"]
    silent = [int(y) for y, n in zip(overall["year"], overall["attention"], strict=True) if not n]
    return {
        "units": len(record.units),
        "per_actor": record.units["actor"].value_counts().to_dict(),
        "coders": len(record.coders),
        "agreement": ctx.kashmir_agreement(),
        "adjudicated": int(record.adjudication["unit_id"].nunique()),
        "silent_years": silent,
        "years": len(overall),
    }


def _latent_summary(bundle: figures.AnalysisBundle) -> dict[str, Any]:
    """What the measurement part of the report says: the lead variant and why, loadings, phases, checks."""
    found = bundle.latent.get("USA-PAK")
    if found is None:
        return {"served": False, "refused": bundle.latent_refused}
    diag = found.diagnostics
    loo = diag["loo"]
    lead = found.lead
    paths = {"1d/index": VARIANT_NAMES["1d"]} if lead == "1d" else {f"2d/{d}": d for d in found.dimensions}
    return {
        "served": True,
        "loo": loo,
        "lead": lead,
        "lead_label": "two dimensions" if lead == "2d" else "one dimension",
        "withheld": withheld_reasons(diag),
        "convergence": diag["convergence"],
        "bounds": {"rhat": RHAT_MAX, "ess": ESS_MIN},
        "predictive": diag["predictive"][lead],
        "loadings": [c for c in found.components if c["variant"] == lead],
        "phases": {name: found.phases[key] for key, name in paths.items() if key in found.phases},
        "sampler": diag["sampler"],
    }


def _scenarios(seed: int) -> dict[str, Any]:
    """Per era: inputs, predicted outcome, the US tilt; the replication and the retrospective check."""
    from crossroads.scenarios.report import report_data
    from crossroads.scenarios.retrospective import retrospective

    data = report_data(draws=SCENARIO_DRAWS, seed=seed)
    data["retrospective"] = retrospective(draws=SCENARIO_DRAWS, seed=seed)
    return data


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
    curves = [c for c in claims if len(getattr(c, "curve", []) or []) > 1]
    for c in curves:
        spec = figures.specification_curve(c.id, c.claim, c.curve)
        if spec.has_data():
            figure_paths += write_static(spec, era_list, out / "figures")
        charts[spec.id] = {"spec": spec, "div": to_div(spec, era_list) if spec.has_data() else None}
    step("tables")
    events = store.events_export()
    sources = records(store.sources())
    known = set(events["id"])
    provenance = store.provenance()
    coverage = store.coverage().pivot(index="dimension", columns="era", values="events")
    coverage.index = [dimension_label(str(d)) for d in coverage.index]
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("crossroads.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    env.filters["dimension_label"] = dimension_label
    verdict_counts = pd.Series([c.verdict for c in claims]).value_counts().to_dict()
    step("Kashmir record and scenarios")
    kashmir = _kashmir_summary(ctx)
    scenarios = ctx.remember(("scenarios",), lambda: _scenarios(ctx.settings.seed))
    html = env.get_template("report.html.j2").render(
        kashmir=kashmir,
        scenarios=scenarios,
        latent=_latent_summary(bundle),
        version=__version__,
        meta=store.meta(),
        sections=SECTIONS,
        eras=era_list,
        charts=charts,
        claims=_claims_rows(claims, known),
        curve_ids=[f"curve_{c.id}" for c in curves],
        verdict_history=_verdict_history(),
        verdict_counts=verdict_counts,
        events=records(events),  # NaN (no end date, no note) becomes None, never the text "nan"
        sources=sources,
        cameo=_cameo_labels(store),
        era_labels={e.id: e.label for e in era_list},
        dimension_label=dimension_label,
        kind_labels=KIND_LABELS,
        component_labels={c.name: c.label for c in COMPONENTS},
        provenance=[{**row, "raw_files": json.loads(row["raw_files"])} for row in provenance.to_dict(orient="records")],
        coverage=coverage,
        index=index,
        phases=phase_report,
        sensitivity=sensitivity.to_dict(orient="records"),
        correlation=correlation,
        components=COMPONENTS,
        plotly_js=get_plotlyjs(),
        fmt=_fmt,
        pct=lambda v: "an unknown share" if v is None or v != v else f"{v:.0%}",
        phase_sentence=_phase_sentence(phase_report.comparison),
        variant_label=lambda v: _variant_label(v, {c.name: c.label for c in COMPONENTS}),
    )
    target = out / "report.html"
    atomic_write_text(target, html)
    return ReportSummary(target, figure_paths, time.perf_counter() - started)
