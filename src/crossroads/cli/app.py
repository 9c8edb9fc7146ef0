"""The ``crossroads`` command: build the store, export, report, serve, ingest, query.

Each command is a thin door onto the store's query functions; errors a user can
act on are printed without a traceback and exit non-zero.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from crossroads.model.errors import CrossroadsError, NotBuiltYetError
from crossroads.paths import data_dir, default_db_path

app = typer.Typer(
    name="crossroads",
    help="Crossroads: an evidence-linked history of Pakistan–US relations and the Kashmir dispute.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
data_app = typer.Typer(
    help="Rebuild the committed compact tables from raw public datasets.", no_args_is_help=True
)
app.add_typer(data_app, name="data")

console = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help="Store file (default: CROSSROADS_DB or the user data folder).", show_default=False
    ),
]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data", help="Data folder (default: CROSSROADS_DATA or the repository's data/).", show_default=False
    ),
]


def friendly(func: F) -> F:
    """Print CrossroadsError messages cleanly and exit 1 (3 for capabilities not built yet)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NotBuiltYetError as exc:
            err.print(f"[yellow]{exc}[/yellow]", soft_wrap=True)
            raise typer.Exit(3) from None
        except CrossroadsError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _db(db: Path | None) -> Path:
    return db or default_db_path()


def _steps(label: str) -> tuple[Progress, Callable[[str], None]]:
    progress = Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True
    )
    task = progress.add_task(label)
    return progress, lambda text: progress.update(task, description=f"{label}: {text}")


class ExportWhat(StrEnum):
    events = "events"
    series = "series"
    sources = "sources"


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    json = "json"
    bibtex = "bibtex"


@app.command()
@friendly
def build(
    db: DbOption = None,
    data: DataOption = None,
    check: Annotated[bool, typer.Option("--check", help="Validate the data; write nothing.")] = False,
) -> None:
    """Validate the shipped data and build the store (atomically: a failed build changes nothing)."""
    from crossroads.store.build import build_store

    target = None if check else _db(db)
    progress, step = _steps("build")
    with progress:
        summary = build_store(target, data or data_dir(), step)
    verb = "valid" if check else f"built {summary.path}"
    console.print(
        f"[green]{verb}[/green]: {summary.events} events, {summary.sources} sources, "
        f"{summary.series_rows} series rows (data {summary.fingerprint[:12]})"
    )


@app.command()
@friendly
def export(
    what: Annotated[ExportWhat, typer.Argument(help="events, series or sources")],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="csv, parquet, json (bibtex: sources)")
    ] = ExportFormat.csv,
    db: DbOption = None,
) -> None:
    """Export events, series or the bibliography (CSV, Parquet, JSON; BibTeX for sources)."""
    from crossroads.store.export import write_bibtex, write_frame
    from crossroads.store.store import Store

    with Store(_db(db)) as store:
        if what is ExportWhat.sources:
            frame = store.sources()
            if fmt is ExportFormat.bibtex:
                write_bibtex(frame, out)
            else:
                write_frame(frame, fmt.value, out)
        else:
            if fmt is ExportFormat.bibtex:
                raise typer.BadParameter("bibtex is only for `export sources`", param_hint="--format")
            frame = store.events_export() if what is ExportWhat.events else store.series()
            write_frame(frame, fmt.value, out)
    console.print(f"wrote {len(frame)} {what.value} rows to {out}")


@app.command()
@friendly
def coverage(
    db: DbOption = None,
    floor: Annotated[int, typer.Option(help="Flag era × dimension cells with fewer events.")] = 3,
) -> None:
    """Events per era × dimension, flagging thin cells."""
    from crossroads.store.store import Store

    with Store(_db(db)) as store:
        cov = store.coverage()
    pivot = cov.pivot(index="dimension", columns="era", values="events")
    table = Table(title=f"Events per era × dimension (cells under {floor} in red)")
    table.add_column("dimension")
    for era in pivot.columns:
        table.add_column(era, justify="right")
    for dim, row in pivot.iterrows():
        cells = [f"[red]{n}[/red]" if n < floor else str(n) for n in row]
        table.add_row(str(dim), *cells)
    console.print(table)
    thin = cov[cov["events"] < floor]
    console.print(f"{len(thin)} of {len(cov)} cells under {floor} events.")


@app.command()
@friendly
def report(out: Annotated[Path, typer.Option("--out")] = Path("out/report"), db: DbOption = None) -> None:
    """Write the self-contained HTML report and its figures (issue 5)."""
    raise NotBuiltYetError("crossroads report", 5)


@app.command()
@friendly
def serve(
    port: Annotated[int, typer.Option(envvar="PORT")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the explorer and JSON API on 127.0.0.1 (issue 7)."""
    raise NotBuiltYetError("crossroads serve", 7)


@app.command()
@friendly
def ingest(paths: Annotated[list[Path], typer.Argument()], db: DbOption = None) -> None:
    """Ingest GDELT, ICEWS, POLECAT or CAMEO-coded files into the store (issue 6)."""
    raise NotBuiltYetError("crossroads ingest", 6)


@app.command()
@friendly
def claims(fmt: Annotated[str, typer.Option("--format")] = "table", db: DbOption = None) -> None:
    """Test the paper's claims C1–C10 against the data (issue 4)."""
    raise NotBuiltYetError("crossroads claims", 4)


@app.command()
@friendly
def query(what: Annotated[str, typer.Argument()] = "index", db: DbOption = None) -> None:
    """Print the relations index, phases or Kashmir series for a dyad (issue 4)."""
    raise NotBuiltYetError("crossroads query", 4)


@data_app.command("rebuild")
@friendly
def data_rebuild(
    raw: Annotated[Path, typer.Option("--raw", help="Folder of raw datasets (e.g. ../shared/data).")],
    data: DataOption = None,
) -> None:
    """Rebuild the committed compact tables from the raw files, with provenance."""
    from crossroads.recipes import registry

    out = data or data_dir()
    if not raw.is_dir():
        raise CrossroadsError(f"raw data folder {raw} does not exist; pass --raw PATH")
    for name, recipe in registry.RECIPES.items():
        with console.status(f"rebuilding {name}"):
            written = recipe(raw, out)
        for path in written:
            console.print(f"{name}: wrote {path}")


@app.command()
@friendly
def run(
    port: Annotated[int, typer.Option(envvar="PORT")] = 8000,
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out")] = Path("out/report"),
) -> None:
    """The main job: build the store, write the report, then serve the explorer until Ctrl-C."""
    build(db=db, data=None, check=False)
    for name, command, kwargs in (
        ("report", report, {"out": out, "db": db}),
        ("explorer", serve, {"port": port, "db": db}),
    ):
        try:
            command(**kwargs)
        except typer.Exit as exc:
            if exc.exit_code != 3:
                raise
            err.print(f"[yellow]skipping the {name}: not built yet.[/yellow]")


def main() -> None:
    app(prog_name="crossroads")
