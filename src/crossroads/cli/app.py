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

from crossroads.model.errors import CrossroadsError
from crossroads.paths import data_dir, default_db_path

app = typer.Typer(
    name="crossroads",
    help="Crossroads: an evidence-linked history of Pakistan–US relations and the Kashmir dispute.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
data_app = typer.Typer(help="Rebuild the committed compact tables from raw public datasets.", no_args_is_help=True)
app.add_typer(data_app, name="data")

console = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Store file (default: CROSSROADS_DB or the user data folder).", show_default=False),
]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data", help="Data folder (default: CROSSROADS_DATA or the repository's data/).", show_default=False
    ),
]


def friendly(func: F) -> F:
    """Print CrossroadsError messages cleanly (no traceback) and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
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
def report(
    out: Annotated[Path, typer.Option("--out", help="Folder for report.html and figures/.")] = Path("out/report"),
    db: DbOption = None,
    n_boot: Annotated[int, typer.Option("--boot", help="Bootstrap replicates for bands and confidence.")] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstraps.")] = 0,
) -> None:
    """Write the self-contained HTML report (opens from disk, no network) and every chart as PNG and SVG."""
    from crossroads.report.build import write_report
    from crossroads.store.store import Store

    progress, step = _steps("report")
    with progress, Store(_db(db)) as store:
        summary = write_report(store, out, step, n_boot=n_boot, seed=seed)
    console.print(
        f"[green]wrote[/green] {summary.html} and {len(summary.figures)} figure files in {summary.seconds:.1f} s"
    )


@app.command()
@friendly
def serve(
    port: Annotated[int, typer.Option(envvar="PORT")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the explorer and JSON API on 127.0.0.1 until Ctrl-C."""
    from crossroads.web.server import serve as run_server

    run_server(
        _db(db),
        port,
        announce=lambda url: console.print(f"explorer on {url} (API docs at {url}/docs); Ctrl-C stops it"),
    )


class IngestFormat(StrEnum):
    auto = "auto"
    gdelt1 = "gdelt1"
    gdelt2 = "gdelt2"
    icews = "icews"
    polecat = "polecat"
    cameo_csv = "cameo-csv"


@app.command()
@friendly
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files (plain, .gz, .zip), folders or globs.", show_default=False),
    ] = None,
    fmt: Annotated[
        IngestFormat, typer.Option("--format", help="Input format; auto recognises it per file.")
    ] = IngestFormat.auto,
    db: DbOption = None,
    parquet: Annotated[
        Path | None,
        typer.Option("--parquet", help="Write partitioned Parquet to this folder instead of the store."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the row counts as JSON.")] = False,
    dyad: Annotated[str | None, typer.Option("--dyad", help="Then print the dyad-month series, e.g. USA-PAK.")] = None,
    index: Annotated[
        bool, typer.Option("--index", help="Then print the GDELT USA-PAK yearly index (from 1979).")
    ] = False,
) -> None:
    """Ingest GDELT 1.0/2.0, ICEWS, POLECAT or CAMEO-coded CSV files into <store>.ingest.duckdb or Parquet."""
    import json

    from rich.progress import BarColumn, DownloadColumn, TimeRemainingColumn

    from crossroads.ingest.formats import Format
    from crossroads.ingest.load import Progress as IngestProgress
    from crossroads.ingest.load import ingest as run_ingest
    from crossroads.ingest.series import dyad_month, yearly_index
    from crossroads.ingest.tables import ingest_db_path

    target = ingest_db_path(_db(db))
    if not paths and not dyad and not index:
        raise CrossroadsError("nothing to ingest: give one or more PATHs (files, folders or globs)")
    if paths:
        bar = Progress(
            TextColumn("ingest"), BarColumn(), DownloadColumn(), TextColumn("{task.fields[rows]:,} rows"),
            TimeRemainingColumn(), console=err, transient=True,
        )  # fmt: skip
        task = bar.add_task("ingest", total=None, rows=0)

        def on_progress(p: IngestProgress) -> None:
            bar.update(task, completed=p.bytes_done, total=p.bytes_total, rows=p.rows_read)

        def on_format(label: str, chosen: Format | None, auto: bool) -> None:
            if chosen is None:
                err.print(f"{label}: [yellow]skipped[/yellow] (format not recognised)", highlight=False)
            else:
                how = "recognised" if auto else "as given"
                err.print(f"{label}: format {chosen.value} ({how})", highlight=False, soft_wrap=True)

        with bar:
            summary = run_ingest(
                list(paths),
                db=None if parquet else target,
                parquet=parquet,
                fmt=Format(fmt.value),
                progress=on_progress,
                on_format=on_format,
            )
        if as_json:
            typer.echo(json.dumps(summary.counts()))
        else:
            table = Table(title=f"ingest run {summary.run_id} into {summary.target}")
            for col in ("file", "format", "read", "loaded", "quarantined", "duplicate"):
                table.add_column(col, justify="left" if col in ("file", "format") else "right", overflow="fold")
            for f in summary.files:
                table.add_row(
                    f.source_file, f.format, *(f"{n:,}" for n in (f.rows_read, f.rows_loaded,
                    f.rows_quarantined, f.rows_duplicate)),
                )  # fmt: skip
            console.print(table)
            c = summary.counts()
            console.print(
                f"read {c['rows_read']:,} = loaded {c['rows_loaded']:,} + quarantined "
                f"{c['rows_quarantined']:,} + duplicate {c['rows_duplicate']:,}; "
                f"{c['rows_in_store']:,} rows in the store"
            )
    if dyad or index:
        if parquet:
            raise CrossroadsError("--dyad and --index read the store; run them without --parquet")
        if dyad:
            a, _, b = dyad.upper().partition("-")
            frame = dyad_month(target, a, b)
        else:
            frame = yearly_index(target)
        if as_json:
            typer.echo(frame.to_json(orient="records"))
        else:
            typer.echo(frame.to_string(index=False) if len(frame) else "no ingested rows for this query")


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
    report(out=out, db=db)
    console.print(f"open {out / 'report.html'} in a browser, or use the explorer below")
    serve(port=port, db=db)


def _register_analysis() -> None:
    from crossroads.cli.analysis_cmds import claims, query_app

    app.command(name="claims")(friendly(claims))
    for command in query_app.registered_commands:
        if command.callback:
            command.callback = friendly(command.callback)
    app.add_typer(query_app, name="query")


def _register_measurement() -> None:
    from crossroads.cli.measurement_cmds import measurement_app

    for command in measurement_app.registered_commands:
        if command.callback:
            command.callback = friendly(command.callback)
    app.add_typer(measurement_app, name="measurement")


_register_analysis()
_register_measurement()


def main() -> None:
    app(prog_name="crossroads")
