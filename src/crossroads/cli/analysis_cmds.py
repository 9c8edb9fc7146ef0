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

from crossroads.model.errors import CrossroadsError
from crossroads.paths import default_db_path
from crossroads.store.export import records

console = Console()
err_console = Console(stderr=True)
query_app = typer.Typer(
    help="Print the relations index, phases, Kashmir prospects or the triangle.", no_args_is_help=True
)

DbOption = Annotated[Path | None, typer.Option("--db", help="Store file.", show_default=False)]
DyadOption = Annotated[str, typer.Option("--dyad", help="Two ISO3 codes, e.g. USA-PAK.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the bootstrap (results are reproducible).")]


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="table, csv or json")]


def _store(db: Path | None) -> Any:
    from crossroads.store.store import Store

    return Store(db or default_db_path())


def _dyad(text: str) -> tuple[str, str]:
    from crossroads.analysis.relations import parse_dyad

    try:
        return parse_dyad(text)
    except ValueError as exc:
        raise CrossroadsError(str(exc)) from None


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.3f}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    return str(value)


def emit(frame: pd.DataFrame, fmt: Format, title: str) -> None:
    """Print a frame as a Rich table, CSV or JSON (records) on standard output."""
    if fmt is Format.csv:
        typer.echo(frame.to_csv(index=False), nl=False)
    elif fmt is Format.json:
        typer.echo(json.dumps(records(frame), ensure_ascii=False, indent=1, default=str))
    else:
        table = Table(title=title)
        for column in frame.columns:
            table.add_column(str(column), overflow="fold")
        for row in frame.itertuples(index=False):
            table.add_row(*(_fmt(v) for v in row))
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
    from crossroads.analysis.claims import evaluate
    from crossroads.analysis.claims.plan import Plan, record_verdicts

    plan = Plan.load()
    with _store(db) as store:
        results = evaluate(store, seed=seed, plan=plan)
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
    n_boot: Annotated[int, typer.Option("--boot", help="Bootstrap replicates for the band.")] = 200,
    seed: SeedOption = 0,
) -> None:
    """The relations index of a dyad by year, with its 90% bootstrap band and components."""
    from crossroads.analysis.relations import relations_index

    a, b = _dyad(dyad)
    with _store(db) as store:
        result = relations_index(store, a, b, n_boot=n_boot, seed=seed)
    frame = pd.concat([result.frame(), result.components], axis=1).reset_index()
    emit(frame, fmt, f"Relations index {a}-{b} (PC1 explains {result.explained:.0%} of component variance)")


@query_app.command("sensitivity")
def query_sensitivity(dyad: DyadOption = "USA-PAK", fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """How the index moves when each component is dropped or the weights are equal."""
    from crossroads.analysis.relations import index_sensitivity

    a, b = _dyad(dyad)
    with _store(db) as store:
        emit(index_sensitivity(store, a, b), fmt, f"Sensitivity of the {a}-{b} index")


@query_app.command("phases")
def query_phases(
    dyad: DyadOption = "USA-PAK",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    n_boot: Annotated[int, typer.Option("--boot")] = 200,
    seed: SeedOption = 0,
) -> None:
    """Data-driven phases of the index (change points, confidence) beside the historians' eras."""
    from crossroads.analysis.relations import dyad_phases

    a, b = _dyad(dyad)
    with _store(db) as store:
        report = dyad_phases(store, a, b, n_boot=n_boot, seed=seed)
    segments = report.phases.segments.copy()
    segments["break_confidence"] = [float("nan")] + [report.phases.confidence[y] for y in report.phases.breaks]
    emit(segments, fmt, f"Phases of the {a}-{b} index (penalty {report.phases.penalty:.3f})")
    if fmt is Format.table:
        console.print("compared with the eras:", {k: round(v, 3) for k, v in report.comparison.items()})
        console.print("breaks per component:", report.by_component)


@query_app.command("kashmir")
def query_kashmir(fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """Yearly Kashmir prospects (all outside actors, the US alone) with conflict intensity."""
    from crossroads.analysis.relations import kashmir_prospects

    with _store(db) as store:
        emit(kashmir_prospects(store).reset_index(), fmt, "Kashmir prospects (+1 Pakistan's line, -1 India's)")


@query_app.command("triangle")
def query_triangle(fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """US-Pakistan against US-India and China-Pakistan on one scale; tilt = US-PAK minus US-IND."""
    from crossroads.analysis.relations import triangle

    with _store(db) as store:
        emit(triangle(store).reset_index(), fmt, "The triangle (common scale)")


@query_app.command("correlation")
def query_correlation(fmt: FormatOption = Format.table, db: DbOption = None, seed: SeedOption = 0) -> None:
    """Did closer US-Pakistan relations bring US support on Kashmir? Correlation by lag."""
    from crossroads.analysis.relations import closeness_vs_support

    with _store(db) as store:
        rows = closeness_vs_support(store, seed=seed)
    emit(pd.DataFrame([r.__dict__ for r in rows]), fmt, "US-PAK index (t) vs US Kashmir support (t+lag)")
