"""The report's charts, each built from the same query functions the CLI and the API use."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from crossroads.analysis.context import AnalysisContext
from crossroads.analysis.data import events_frame, series_wide
from crossroads.analysis.index import IndexResult
from crossroads.analysis.measurement.api import withheld_reasons
from crossroads.analysis.phases import Phases
from crossroads.analysis.relations import COMPONENTS
from crossroads.model.errors import CrossroadsError
from crossroads.model.reference import DIMENSIONS
from crossroads.report.labels import dimension_label
from crossroads.report.spec import PALETTE, FigureSpec, Marker, Trace
from crossroads.store.store import Store


def _values(series: pd.Series) -> list[float | None]:
    return [None if (v is None or (isinstance(v, float) and math.isnan(v))) else float(v) for v in series]


def _pick(wide: pd.DataFrame, *names: str) -> tuple[str, pd.Series] | None:
    for name in names:
        if name in wide.columns and wide[name].notna().any():
            return name, wide[name]
    return None


def _line(wide: pd.DataFrame, label: str, *names: str, **style: object) -> list[Trace]:
    found = _pick(wide, *names)
    if not found:
        return []
    series = found[1].dropna()
    return [Trace(label, [int(y) for y in series.index], _values(series), **style)]  # type: ignore[arg-type]


@dataclass(frozen=True)
class AnalysisBundle:
    """The analysis results the charts need, computed once per report."""

    index: IndexResult
    phases: Phases
    prospects: pd.DataFrame
    triangle: pd.DataFrame
    kashmir_record: pd.DataFrame
    latent: dict[str, Any] = field(default_factory=dict)
    """The latent measure of each comparison dyad (``LatentIndex`` by label); empty when it is not served."""
    latent_refused: str = ""
    """Why the latent measure is not served (a fit that did not converge), or empty."""


def _plot_day(row: object, first_day: pd.Timestamp) -> str:
    """Where an event sits on a time axis: its first possible day, but never before the period begins.

    A year-precision event ("1947") may denote any day of 1947; drawing it on 1 January would put
    it before independence, so it is drawn on the first day of the period instead.
    """
    start = pd.Timestamp(row.date_start)  # type: ignore[attr-defined]
    return max(start, first_day).date().isoformat()


def timeline(store: Store) -> FigureSpec:
    events = events_frame(store)
    era_table = store.eras()
    labels = dict(zip(era_table["id"], era_table["label"], strict=True))
    first_day = pd.Timestamp(era_table["start_date"].min())
    traces = []
    eras = sorted(events["era"].dropna().unique())
    for i, era in enumerate(eras):
        part = events[events["era"] == era]
        xs, ys, texts, ids = [], [], [], []
        for row in part.itertuples():
            for dim in row.dimensions:
                xs.append(_plot_day(row, first_day))
                ys.append(dimension_label(dim))
                texts.append(f"{row.date} · {row.description}")
                ids.append(str(row.id))
        traces.append(
            Trace(
                f"{era.upper()} {labels.get(era, '')}".strip(),
                xs,
                ys,
                kind="markers",
                text=texts,
                color=PALETTE[i % len(PALETTE)],
                category_y=True,
                ids=ids,
            )
        )
    return FigureSpec(
        id="timeline",
        title="Events by era and dimension",
        caption="Each dot is a curated event on one of the dimensions it bears on; hover for its description.",
        alt=f"Scatter of {len(events)} curated events from 1947 to 2021 by dimension, coloured by era.",
        sources=["Crossroads curated chronology (each event cites its own sources)"],
        traces=traces,
        y_label="",
        x_label="Year",
        x_kind="date",
        categories=[dimension_label(d) for d in DIMENSIONS],
        height=560,
    )


def aid(store: Store) -> FigureSpec:
    wide = series_wide(store, "USA", "PAK")
    traces = (
        _line(wide, "Economic (Greenbook, obligations)", "us_aid_economic_greenbook[USA>PAK]")
        + _line(wide, "Military (Greenbook, obligations; excl. CSF)", "us_aid_military_greenbook[USA>PAK]")
        + _line(wide, "Security-related (CRS, appropriations)", "crs_security_aid[USA>PAK]", dash=True)
        + _line(wide, "Economic-related (CRS, appropriations)", "crs_economic_aid[USA>PAK]", dash=True)
        + _line(wide, "Coalition Support Funds (CRS)", "crs_coalition_support_funds[USA>PAK]", dash=True)
    )
    return FigureSpec(
        id="aid",
        title="US aid to Pakistan: economic and military",
        caption="US fiscal years, millions of current dollars. Greenbook obligations exclude Coalition Support "
        "Funds; CRS figures are appropriations and reimbursements, so the two do not match.",
        alt="Line chart of US economic and military aid to Pakistan by fiscal year, 1948 to 2019, with CRS "
        "figures for 2008 to 2018.",
        sources=["USAID Greenbook (via Flynn's greenbook R package)", "Congressional Research Service"],
        traces=traces,
        y_label="USD million (current)",
    )


def arms(store: Store) -> FigureSpec:
    traces = []
    for supplier, recipient in (("USA", "PAK"), ("CHN", "PAK"), ("USA", "IND"), ("RUS", "IND")):
        wide = series_wide(store, supplier, recipient)
        traces += _line(wide, f"{supplier} → {recipient}", f"sipri_tiv[{supplier}>{recipient}]")
    return FigureSpec(
        id="arms",
        title="Arms deliveries (SIPRI trend-indicator values)",
        caption="Deliveries of major conventional arms, millions of SIPRI TIV (1990 prices).",
        alt="Line chart of arms deliveries from the US and China to Pakistan and from the US and the "
        "USSR/Russia to India.",
        sources=["SIPRI Arms Transfers Database"],
        traces=traces,
        y_label="TIV (million)",
    )


def unga(store: Store) -> FigureSpec:
    traces = []
    for other in ("PAK", "IND"):
        wide = series_wide(store, "USA", other)
        traces += _line(wide, f"US–{other}", "unga_agreement_index", "unga_agreement")
    return FigureSpec(
        id="unga",
        title="UN General Assembly voting agreement with the US",
        caption="Share of roll calls on which the two states voted alike (abstention against a yes or no counts half).",
        alt="Line chart of yearly UN General Assembly voting agreement of the US with Pakistan and with India.",
        sources=["Voeten, Strezhnev and Bailey, UNGA voting data (unvotes)"],
        traces=traces,
        y_label="agreement (0–1)",
    )


def alliances(store: Store) -> FigureSpec:
    wide = series_wide(store, "PAK", "USA")
    traces = (
        _line(wide, "ATOP: US defence obligation to Pakistan", "atop_defense[USA>PAK]", kind="step")
        + _line(wide, "ATOP: Pakistan's defence obligation to the US", "atop_defense[PAK>USA]", kind="step", dash=True)
        + _line(wide, "COW entente", "cow_entente", kind="step", dash=True)
        + _line(wide, "Pakistan in SEATO (chronology)", "seato_membership", kind="step")
        + _line(wide, "Pakistan in the Baghdad Pact/CENTO (chronology)", "cento_membership", kind="step", dash=True)
    )
    return FigureSpec(
        id="alliances",
        title="US–Pakistan alliance ties",
        caption="1 when the tie is in force in that year.",
        alt="Step chart of US–Pakistan alliance ties by year.",
        sources=["ATOP 5.1", "COW Formal Alliances 4.1", "Crossroads chronology"],
        traces=traces,
        y_label="in force",
    )


def conflict(store: Store, bundle: AnalysisBundle) -> FigureSpec:
    wide = series_wide(store, "IND", "PAK")
    traces = _line(wide, "UCDP intensity, India–Pakistan (218)", "ucdp_intensity_218", "ucdp_intensity")
    traces += _line(wide, "UCDP intensity, Kashmir insurgency (364)", "ucdp_intensity_kashmir[IND]", dash=True)
    traces += _line(wide, "Militarized disputes (COW MID5)", "cow_mid_count", "mid_count")
    crises = bundle.prospects["ind_pak_crisis_events"]
    traces.append(
        Trace(
            "Crisis events in the chronology",
            [int(y) for y in crises.index],
            _values(crises),
            kind="bar",
            color="#999999",
        )
    )
    return FigureSpec(
        id="conflict",
        title="India–Pakistan conflict intensity",
        caption="UCDP intensity (1 minor, 2 war), militarized disputes per year and crisis events recorded in "
        "the chronology.",
        alt="Chart of India–Pakistan conflict intensity by year from UCDP, MIDs and the chronology.",
        sources=["UCDP/PRIO Armed Conflict Dataset 25.1", "COW MID 5.0", "Crossroads chronology"],
        traces=traces,
        y_label="intensity / count",
    )


def relations(bundle: AnalysisBundle) -> FigureSpec:
    frame = bundle.index.frame().dropna(subset=["index"])
    years = [int(y) for y in frame.index]
    traces = [
        Trace("90% bootstrap band", years, _values(frame["lower"]), kind="band", y_high=_values(frame["upper"])),
        Trace("US–Pakistan relations index", years, _values(frame["index"]), color=PALETTE[0]),
    ]
    markers = [Marker(b, f"break {b} ({bundle.phases.confidence[b]:.0%})") for b in bundle.phases.breaks]
    labels = {c.name: c.label for c in COMPONENTS}
    names = "; ".join(labels.get(c, c) for c in bundle.index.components.columns)
    return FigureSpec(
        id="index",
        title="The US–Pakistan relations index, its band and its data-driven phases",
        caption=f"Weighted mean of standardized components ({names}); dotted lines are change points with their "
        "bootstrap confidence; shaded bands are the historians' eras.",
        alt="Line chart of the US–Pakistan relations index from 1947 to 2021 with an uncertainty band, "
        "change points and the eras.",
        sources=["Crossroads analysis of the chronology and indicator series"],
        traces=traces,
        markers=markers,
        y_label="index (standard units)",
    )


def kashmir(bundle: AnalysisBundle) -> FigureSpec:
    table = bundle.prospects
    years = [int(y) for y in table.index]
    traces = [
        Trace(
            "Kashmir prospects (all outside actors)",
            years,
            _values(table["prospects"]),
            kind="bar",
            color=PALETTE[2],
        ),
        Trace("US stance", years, _values(table["us_support"]), kind="markers", color=PALETTE[1]),
    ]
    crises = table["ind_pak_crisis_events"]
    crisis_years = [int(str(y)) for y, n in crises.items() if n >= 2]
    markers = [Marker(y, "") for y in crisis_years]  # one label per line would overlap in runs of crisis years
    return FigureSpec(
        id="kashmir",
        title="Kashmir prospects (the earlier series, for comparison): stances in the chronology",
        caption="+1: outside actors favoured internationalization, a plebiscite or mediation (Pakistan's aims); "
        "−1: bilateralism, the status quo or a terrorism framing (India's). Dotted lines: years with two or "
        "more India–Pakistan crisis events.",
        alt="Bar chart of the yearly Kashmir prospects score with the US stance as points and crisis years marked.",
        sources=["Crossroads chronology (stance-coded Kashmir events)"],
        traces=traces,
        markers=markers,
        y_label="score (−1 to +1)",
    )


def kashmir_posture(record: pd.DataFrame) -> FigureSpec:
    """The posture series of the Kashmir record: all outside actors with its interval, and the US."""
    traces: list[Trace] = []
    for actor, label, color in (("ALL", "All outside actors", PALETTE[2]), ("USA", "United States", PALETTE[1])):
        rows = record[record["actor"] == actor].sort_values("year")
        years = [int(y) for y in rows["year"]]
        if actor == "ALL":
            traces.append(
                Trace("90% interval (codes and coder disagreement)", years, _values(rows["lo"]), kind="band",
                      y_high=_values(rows["hi"]), color=color)
            )  # fmt: skip
        text = [
            f"{int(n)} document{'' if n == 1 else 's'}: {', '.join(ids)}" if n else "no document"
            for n, ids in zip(rows["units"], rows["unit_ids"], strict=True)
        ]
        traces.append(Trace(label, years, _values(rows["posture"]), kind="markers", color=color, text=text))
    return FigureSpec(
        id="kashmir_posture",
        title="Kashmir: the posture outside actors took, from the coded record",
        caption="Mean posture of the year's documents, coded blind by two coders and adjudicated: +1 "
        "internationalise (plebiscite, UN or third-party role: Pakistan's line), 0 neutral, −1 bilateral "
        "(Simla, the Line of Control, the status quo: India's line). Years with no document on Kashmir have no "
        "point: silence in the searched sources, not a neutral year.",
        alt="Points of the yearly mean Kashmir posture of all outside actors with a 90% band, and of the US.",
        sources=["Crossroads Kashmir record (sampling frame, two blind codings)"],
        traces=traces,
        y_label="posture (−1 to +1)",
    )


def kashmir_attention(record: pd.DataFrame) -> FigureSpec:
    """The attention series of the Kashmir record: documents on Kashmir per year, by actor."""
    traces: list[Trace] = []
    actors = [a for a in dict.fromkeys(record["actor"]) if a != "ALL"]
    for i, actor in enumerate(actors):
        rows = record[record["actor"] == actor].sort_values("year")
        if not (rows["attention"].fillna(0) > 0).any():
            continue
        traces.append(
            Trace(actor, [int(y) for y in rows["year"]], _values(rows["attention"]), kind="bar",
                  color=PALETTE[i % len(PALETTE)])
        )  # fmt: skip
    return FigureSpec(
        id="kashmir_attention",
        title="Kashmir: how often outside actors addressed it",
        caption="Documents of the sampling frame that address Kashmir, per actor and year (stacked). A zero is a "
        "year searched with nothing found; the frame's coverage per series is in the data's frame.csv.",
        alt="Stacked bars of the number of documents on Kashmir per outside actor and year.",
        sources=["Crossroads Kashmir record (sampling frame, two blind codings)"],
        traces=traces,
        y_label="documents",
    )


VERDICT_COLORS = {"supported": PALETTE[2], "mixed": PALETTE[4], "not_supported": PALETTE[1], "not_testable": PALETTE[7]}


def specification_curve(claim_id: str, claim: str, curve: list[dict[str, object]]) -> FigureSpec:
    """Every specification of a claim's multiverse, ordered by its statistic and coloured by the verdict it gives."""
    ordered = sorted(
        curve,
        key=lambda row: (row.get("value") is None, float(str(row["value"])) if row.get("value") is not None else 0),
    )
    traces = []
    for verdict, color in VERDICT_COLORS.items():
        points = [(i + 1, row) for i, row in enumerate(ordered) if row["verdict"] == verdict]
        if not points:
            continue
        traces.append(
            Trace(
                verdict.replace("_", " "),
                [i for i, _ in points],
                [row.get("value") for _, row in points],
                kind="markers",
                color=color,
                text=[", ".join(f"{k} {v}" for k, v in dict(row["specification"]).items()) for _, row in points],  # type: ignore[call-overload]
            )
        )
    return FigureSpec(
        id=f"curve_{claim_id}",
        title=f"{claim_id}: the verdict under every specification",
        caption=f"{claim} Each point is one equally defensible specification of the frozen plan, ordered by the "
        "test's statistic and coloured by the verdict it gives; hover for the choices it makes.",
        alt=f"Specification curve of claim {claim_id}: {len(curve)} specifications coloured by verdict.",
        sources=["Crossroads analysis plan (data/plan/claims.yaml)"],
        traces=traces,
        x_label="specification (ordered by the statistic)",
        y_label="statistic",
        shade_eras=False,
        height=300,
    )


def triangle_chart(bundle: AnalysisBundle) -> FigureSpec:
    table = bundle.triangle
    years = [int(y) for y in table.index]
    traces = [
        Trace(label, years, _values(table[label]))
        for label in ("USA-PAK", "USA-IND", "CHN-PAK")
        if label in table.columns
    ]
    traces.append(Trace("tilt (US–PAK minus US–IND)", years, _values(table["tilt"]), kind="bar", color="#bbbbbb"))
    return FigureSpec(
        id="triangle",
        title="The triangle: US–Pakistan against US–India (and China–Pakistan)",
        caption="Relations indices on one common scale (components standardized together); bars: the US tilt, "
        "positive when the US stood closer to Pakistan than to India. A dyad's index uses the components it has: "
        "US aid exists only for the US dyads.",
        alt="Line chart of the US–Pakistan, US–India and China–Pakistan indices on a common scale, with the "
        "US tilt as bars.",
        sources=["Crossroads analysis of the chronology and indicator series"],
        traces=traces,
        y_label="index (common standard units)",
    )


LATENT_DYADS = ("USA-PAK", "USA-IND", "CHN-PAK", "IND-PAK", "USA-CHN", "RUS-IND")
"""The comparison dyads of the committed latent fit, in the order the charts draw them."""


def _path_traces(name: str, rows: list[dict[str, Any]], color: str, band: bool) -> list[Trace]:
    """A latent path's posterior mean, with its 90% band when ``band`` (else dashed, for a comparison)."""
    frame = pd.DataFrame(rows)
    years = [int(y) for y in frame["year"]]
    line = Trace(name, years, _values(frame["mean"]), color=color, dash=not band)
    if not band:
        return [line]
    return [Trace(f"{name}: 90% interval", years, _values(frame["lo"]), kind="band", y_high=_values(frame["hi"])), line]


def _withheld_note(found: Any) -> str:
    return " ".join(f"Not drawn: {r[:1].lower()}{r[1:]}." for r in withheld_reasons(found.diagnostics))


def latent_chart(bundle: AnalysisBundle) -> FigureSpec:
    """The US-Pakistan latent measure: the paths of the variant the report leads with, each with its 90% band,
    and the other variant's means (dashed) when it converged."""
    found = bundle.latent.get("USA-PAK")
    traces: list[Trace] = []
    note = bundle.latent_refused
    if found is not None:
        note = _withheld_note(found)
        if found.rows:
            traces += _path_traces("one dimension", found.rows, PALETTE[0], band=found.lead == "1d")
        for k, (label, rows) in enumerate(found.dimensions.items()):
            traces += _path_traces(f"two dimensions: {label}", rows, PALETTE[1 + k], band=found.lead == "2d")
    return FigureSpec(
        id="latent",
        title="The US–Pakistan latent relations measure",
        caption="Posterior means and 90% credible intervals of the paths of the variant the report leads with, and "
        "the posterior means of the other variant (dashed) when it converged, in standard deviations of the state "
        "over the six comparison dyads' years. " + note,
        alt="Line chart of the US–Pakistan latent measure from 1947 to 2021 with its credible bands.",
        sources=["Crossroads measurement model of UN votes, aid, arms, alliances and the curated events"],
        traces=traces,
        y_label="state (standard deviations)",
    )


def latent_triangle_chart(bundle: AnalysisBundle) -> FigureSpec:
    """The six comparison dyads on the latent measure's one scale (the paths of the variant the report leads with)."""
    traces = []
    lead = "1d"
    for k, label in enumerate(LATENT_DYADS):
        found = bundle.latent.get(label)
        if found is None:
            continue
        lead = found.lead
        paths = {"": found.rows} if lead == "1d" else found.dimensions
        for d, (dim, rows) in enumerate(paths.items()):
            frame = pd.DataFrame(rows)
            name = f"{label} {dim}".strip()
            traces.append(
                Trace(name, [int(y) for y in frame["year"]], _values(frame["mean"]), color=PALETTE[k], dash=d == 1)
            )
    what = (
        "the one-dimensional latent state"
        if lead == "1d"
        else "the two dimensions of the latent state (diplomatic solid, material dashed)"
    )
    return FigureSpec(
        id="latent_triangle",
        title="Six dyads on one latent scale",
        caption=f"Posterior means of {what} of each comparison dyad, fitted jointly with shared measurement "
        "parameters, so the dyads share one scale. " + (bundle.latent_refused or ""),
        alt="Line chart of the latent relations measure of six dyads from 1947 to 2021.",
        sources=["Crossroads measurement model of UN votes, aid, arms, alliances and the curated events"],
        traces=traces,
        y_label="state (standard deviations)",
    )


def _latent(ctx: AnalysisContext) -> tuple[dict[str, Any], str]:
    """Every committed comparison dyad's latent measure, or why none is served."""
    try:
        return {label: ctx.latent(label[:3], label[4:], score=False) for label in LATENT_DYADS}, ""
    except CrossroadsError as exc:
        return {}, f"Not shown: {exc}."


def analysis_bundle(ctx: AnalysisContext) -> AnalysisBundle:
    """The analyses the charts show, from the shared context (each computed once)."""
    latent, refused = _latent(ctx)
    return AnalysisBundle(
        ctx.index(), ctx.phases().phases, ctx.kashmir(), ctx.triangle(), ctx.kashmir_record(), latent, refused
    )


CHART_IDS = (
    "timeline",
    "aid",
    "arms",
    "unga",
    "alliances",
    "conflict",
    "index",
    "latent",
    "latent_triangle",
    "kashmir_posture",
    "kashmir_attention",
    "kashmir",
    "triangle",
)


def chart_specs(store: Store, bundle: AnalysisBundle) -> dict[str, FigureSpec]:
    """Every chart of the report, by id (the explorer serves the same specs)."""
    specs = {
        "timeline": timeline(store),
        "aid": aid(store),
        "arms": arms(store),
        "unga": unga(store),
        "alliances": alliances(store),
        "conflict": conflict(store, bundle),
        "index": relations(bundle),
        "latent": latent_chart(bundle),
        "latent_triangle": latent_triangle_chart(bundle),
        "kashmir_posture": kashmir_posture(bundle.kashmir_record),
        "kashmir_attention": kashmir_attention(bundle.kashmir_record),
        "kashmir": kashmir(bundle),
        "triangle": triangle_chart(bundle),
    }
    assert tuple(specs) == CHART_IDS
    return specs
