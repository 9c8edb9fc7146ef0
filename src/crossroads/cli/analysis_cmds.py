"""CLI doors onto the analyses: ``crossroads claims [calibrate|history]`` and ``crossroads query ...``."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from crossroads.analysis.context import DEFAULT_BOOT, AnalysisContext, Settings, context_for
from crossroads.model.errors import CrossroadsError
from crossroads.paths import default_db_path
from crossroads.report.labels import format_value
from crossroads.store.export import records

console = Console()
err_console = Console(stderr=True)
query_app = typer.Typer(
    help="Print the relations index, phases, Kashmir prospects or the triangle.", no_args_is_help=True
)

DbOption = Annotated[Path | None, typer.Option("--db", help="Store file.", show_default=False)]
DyadOption = Annotated[str, typer.Option("--dyad", help="Two ISO3 codes, e.g. USA-PAK.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the bootstrap (results are reproducible).")]
BootOption = Annotated[
    int, typer.Option("--boot", help="Bootstrap replicates for bands and confidence (the report's default too).")
]


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="table, csv or json")]


class IndexModel(StrEnum):
    latent = "latent"
    pca = "pca"


def _store(db: Path | None) -> Any:
    from crossroads.store.store import Store

    return Store(db or default_db_path())


def _context(store: Any, n_boot: int = DEFAULT_BOOT, seed: int = 0) -> AnalysisContext:
    """The shared analysis context, so the CLI shows what the report and the API show."""
    return context_for(store, Settings(n_boot=n_boot, seed=seed))


def _dyad(text: str, db: Path | None) -> tuple[str, str]:
    """Two different state codes the store has data for, or an error listing the codes it has."""
    from crossroads.analysis.relations import parse_dyad

    first, _, second = text.upper().partition("-")
    if first and first == second:
        raise CrossroadsError(f"--dyad {text}: give two different states, e.g. USA-PAK")
    try:
        a, b = parse_dyad(text)
    except ValueError as exc:
        raise CrossroadsError(str(exc)) from None
    with _store(db) as store:
        series = store.series()
        actors = store.actors()
    known = set(series["source_actor"]) | set(series["target_actor"])
    named = [str(c) for c, n in zip(actors["code"], actors["events"], strict=True) if n and c in known]
    unknown = [code for code in (a, b) if code not in known]
    if unknown:
        raise CrossroadsError(
            f"--dyad {text}: no series for {', '.join(unknown)}; states with data and events: {', '.join(named)}"
        )
    return a, b


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.3f}"
    if isinstance(value, list | tuple | dict):
        return format_value(value)
    return str(value)


def emit(frame: pd.DataFrame, fmt: Format, title: str) -> None:
    """Print a frame as a Rich table, CSV or JSON (records) on standard output."""
    if fmt is Format.csv:
        typer.echo(frame.to_csv(index=False), nl=False)
    elif fmt is Format.json:
        typer.echo(json.dumps(records(frame), ensure_ascii=False, indent=1, default=str))
    else:
        headers = [str(column).replace("_", " ") for column in frame.columns]
        rows = [[_fmt(v) for v in row] for row in frame.itertuples(index=False)]
        # Spaces let a narrow terminal wrap headers between words. Each column is as wide as its longest
        # word or value (with less padding if needed), so no word is cut unless even that cannot fit.
        widths = [
            max([len(w) for w in h.split()] + [len(r[i]) for r in rows if len(r[i]) <= 16] or [1])
            for i, h in enumerate(headers)
        ]
        pad = next((p for p in (1, 0) if sum(widths) + len(widths) * (2 * p + 1) + 1 <= console.width), None)
        table = Table(title=title, padding=(0, 1 if pad is None else pad))
        for i, (header, width) in enumerate(zip(headers, widths, strict=True)):
            prose = any(len(r[i]) > 16 for r in rows)  # long text wraps in whatever room is left
            fixed = None if pad is None or prose else width
            least = width if prose and pad is not None else None
            table.add_column(header, overflow="fold", width=fixed, min_width=least)
        for row in rows:
            table.add_row(*row)
        console.print(table)


claims_app = typer.Typer(
    help="Test the paper's claims C1–C10 under the frozen analysis plan (verdict, robustness, figures, evidence).",
    invoke_without_command=True,
)


def _plan_line(sha: str) -> None:
    typer.echo(f"analysis plan sha256 {sha}", err=True)


@claims_app.callback()
def claims(
    ctx: typer.Context,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    seed: SeedOption = 0,
    record: Annotated[bool, typer.Option("--record", help="Add the verdicts to the plan's verdict history.")] = False,
) -> None:
    """Test the paper's claims C1–C10 against the data: verdict, robustness over the multiverse, figures."""
    if ctx.invoked_subcommand is not None:
        return
    from crossroads.analysis.claims.plan import Plan, record_verdicts

    plan = Plan.load()
    with _store(db) as store:
        results = _context(store, seed=seed).claims()
    _plan_line(plan.sha256)
    if record and record_verdicts(plan, {r.id: r.verdict for r in results}):
        err_console.print("verdicts added to the verdict history")
    if fmt is Format.json:
        rows = [{k: v for k, v in r.as_dict().items() if k != "curve"} for r in results]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    frame = pd.DataFrame(
        [
            {
                "id": r.id,
                "verdict": r.verdict,
                "robustness": ", ".join(f"{k} {v:.0%}" for k, v in r.robustness.items()),
                "specifications": r.specifications,
                "finding": r.finding,
            }
            for r in results
        ]
    )
    emit(frame, fmt, "Claims of the paper, tested against the data")


@claims_app.command("calibrate")
def claims_calibrate(
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    seed: SeedOption = 0,
    simulations: Annotated[int, typer.Option("--simulations", help="Worlds per truth (true, false).")] = 200,
    record: Annotated[
        bool, typer.Option("--record", help="Store the results beside the plan (they gate verdicts).")
    ] = False,
) -> None:
    """Simulate worlds where each statistical claim is true or false: false-positive rate and power."""
    from dataclasses import asdict

    from crossroads.analysis.claims.calibration import calibrate
    from crossroads.analysis.claims.inputs import ClaimData
    from crossroads.analysis.claims.plan import Plan, record_calibration

    if simulations < 1:
        raise CrossroadsError(f"--simulations must be at least 1 (got {simulations}); the plan asks for 200")
    plan = Plan.load()
    with _store(db) as store:
        results = [asdict(c) for c in calibrate(ClaimData(store, seed=seed), plan, simulations, seed)]
    _plan_line(plan.sha256)
    if record:
        err_console.print(f"calibration written to {record_calibration(plan, results)}")
    if fmt is Format.json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=1, default=str))
        return
    emit(pd.DataFrame(results).drop(columns=["applies"]), fmt, "Calibration of the claim tests on simulated data")


@claims_app.command("history")
def claims_history(fmt: FormatOption = Format.table) -> None:
    """Verdicts under every plan so far, and the plan's change log."""
    from crossroads.analysis.claims.plan import Plan, load_history

    plan = Plan.load()
    _plan_line(plan.sha256)
    history = load_history()
    if fmt is Format.json:
        typer.echo(json.dumps({"history": history, "changes": plan.changes}, ensure_ascii=False, indent=1, default=str))
        return
    columns = {
        f"{h.get('recorded')} {str(h['plan_sha256'])[:8] if h.get('plan_sha256') else 'unplanned'}": h.get(
            "verdicts", {}
        )
        for h in history
    }
    rows = [{"claim": claim, **{name: v.get(claim, "") for name, v in columns.items()}} for claim in plan.claims]
    emit(pd.DataFrame(rows), fmt, "Verdict history")
    if fmt is Format.table:
        for change in plan.changes:
            console.print(f"{change.get('date')}: {change.get('what')} ({change.get('why')})")


@query_app.command("index")
def query_index(
    dyad: DyadOption = "USA-PAK",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    n_boot: BootOption = DEFAULT_BOOT,
    seed: SeedOption = 0,
    model: Annotated[
        IndexModel, typer.Option("--model", help="latent (measurement model) or pca (first principal component)")
    ] = IndexModel.pca,
    provisional: Annotated[
        bool, typer.Option("--provisional", help="With --model latent: show a fit that did not converge, flagged.")
    ] = False,
) -> None:
    """The relations index of a dyad by year, with its 90% band (posterior or bootstrap) and components."""
    a, b = _dyad(dyad, db)
    if model is IndexModel.latent:
        with _store(db) as store:
            latent = _context(store, n_boot, seed).latent(a, b, provisional=provisional)
        conv = latent.diagnostics.get("convergence", {})
        for variant, ok in latent.diagnostics.get("converged_by_variant", {}).items():
            if ok:
                continue
            c = conv.get(variant, {})
            figures = f"R-hat {c.get('rhat_max', float('nan')):.3f}, bulk ESS {c.get('ess_bulk_min', float('nan')):.0f}"
            err_console.print(
                f"warning: the {variant} fit did not converge ({figures}; the bounds are R-hat 1.01 and ESS 400): "
                + (
                    "shown as provisional, read it as exploratory"
                    if provisional
                    else "withheld (--provisional shows it)"
                )
                + "; see docs/measurement.md"
            )
        if fmt is Format.json:
            typer.echo(json.dumps(latent.as_dict(), ensure_ascii=False, indent=1, default=str))
        else:
            emit(latent.frame(), fmt, f"Latent relations measure {latent.dyad} (posterior mean, 90% interval)")
        return
    with _store(db) as store:
        result = _context(store, n_boot, seed).index(a, b)
    frame = pd.concat([result.frame(), result.components], axis=1).reset_index()
    emit(frame, fmt, f"Relations index {a}-{b} (PC1 explains {result.explained:.0%} of component variance)")


@query_app.command("sensitivity")
def query_sensitivity(dyad: DyadOption = "USA-PAK", fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """How the index moves when each component is dropped or the weights are equal."""
    a, b = _dyad(dyad, db)
    with _store(db) as store:
        emit(_context(store).sensitivity(a, b), fmt, f"Sensitivity of the {a}-{b} index")


@query_app.command("phases")
def query_phases(
    dyad: DyadOption = "USA-PAK",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    n_boot: BootOption = DEFAULT_BOOT,
    seed: SeedOption = 0,
) -> None:
    """Data-driven phases of the index (change points, confidence) beside the historians' eras."""
    a, b = _dyad(dyad, db)
    with _store(db) as store:
        report = _context(store, n_boot, seed).phases(a, b)
    segments = report.phases.segments.copy()
    segments["break_confidence"] = [float("nan")] + [report.phases.confidence[y] for y in report.phases.breaks]
    emit(segments, fmt, f"Phases of the {a}-{b} index (penalty {report.phases.penalty:.3f})")
    if fmt is Format.table:
        console.print("compared with the eras:", {k: round(v, 3) for k, v in report.comparison.items()})
        console.print("breaks per component:", report.by_component)


class KashmirSeries(StrEnum):
    record = "record"
    prospects = "prospects"


@query_app.command("kashmir")
def query_kashmir(
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    which: Annotated[
        KashmirSeries,
        typer.Option("--series", help="record: attention and posture from the coded record; prospects: the old series"),
    ] = KashmirSeries.record,
    actor: Annotated[
        str | None, typer.Option("--actor", help="One actor (e.g. USA) or ALL; default every one.")
    ] = None,
) -> None:
    """Kashmir by year: attention and posture per outside actor from the coded record (or the old prospects)."""
    if which is KashmirSeries.prospects:
        with _store(db) as store:
            emit(_context(store).kashmir().reset_index(), fmt, "Kashmir prospects (+1 Pakistan's line, -1 India's)")
        return
    from crossroads.cli.kashmir_cmds import record_rows

    rows = record_rows(actor=actor)
    if fmt is Format.csv:
        rows["unit_ids"] = rows["unit_ids"].map(";".join)
    elif fmt is Format.table:
        rows = rows.drop(columns=["unit_ids"])
    emit(
        rows,
        fmt,
        "Kashmir record: attention (documents) and posture (+1 internationalise, -1 bilateral)",
    )


@query_app.command("triangle")
def query_triangle(fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """US-Pakistan against US-India and China-Pakistan on one scale; tilt = US-PAK minus US-IND."""
    with _store(db) as store:
        emit(_context(store).triangle().reset_index(), fmt, "The triangle (common scale)")


@query_app.command("correlation")
def query_correlation(fmt: FormatOption = Format.table, db: DbOption = None, seed: SeedOption = 0) -> None:
    """Did closer US-Pakistan relations bring US support on Kashmir? Correlation by lag."""
    with _store(db) as store:
        rows = _context(store, seed=seed).correlation()
    emit(pd.DataFrame([r.__dict__ for r in rows]), fmt, "US-PAK index (t) vs US Kashmir support (t+lag)")
