"""CLI doors onto the analyses: ``crossroads claims`` and ``crossroads query ...``."""

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


class IndexModel(StrEnum):
    latent = "latent"
    pca = "pca"


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


def claims(
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    seed: SeedOption = 0,
) -> None:
    """Test the paper's claims C1–C10 against the data: verdict, figures, method, evidence."""
    from crossroads.analysis.claims import evaluate

    with _store(db) as store:
        results = evaluate(store, seed=seed)
    if fmt is Format.json:
        typer.echo(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=1, default=str))
        return
    frame = pd.DataFrame(
        [
            {
                "id": r.id,
                "verdict": r.verdict,
                "claim": r.claim,
                "figures": "; ".join(f"{k}={_fmt(v)}" for k, v in r.figures.items()),
                "evidence": len(r.evidence),
            }
            for r in results
        ]
    )
    emit(frame, fmt, "Claims of the paper, tested against the data")


@query_app.command("index")
def query_index(
    dyad: DyadOption = "USA-PAK",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    n_boot: Annotated[int, typer.Option("--boot", help="Bootstrap replicates for the band.")] = 200,
    seed: SeedOption = 0,
    model: Annotated[
        IndexModel, typer.Option("--model", help="latent (measurement model) or pca (first principal component)")
    ] = IndexModel.pca,
) -> None:
    """The relations index of a dyad by year, with its 90% band (posterior or bootstrap) and components."""
    from crossroads.analysis.relations import relations_index

    a, b = _dyad(dyad)
    if model is IndexModel.latent:
        from crossroads.analysis.measurement import latent_index

        with _store(db) as store:
            latent = latent_index(store, a, b)
        if fmt is Format.json:
            typer.echo(json.dumps(latent.as_dict(), ensure_ascii=False, indent=1, default=str))
        else:
            emit(latent.frame(), fmt, f"Latent relations measure {latent.dyad} (posterior mean, 90% interval)")
        return
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
