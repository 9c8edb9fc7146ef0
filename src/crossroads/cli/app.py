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
    rich_markup_mode=None,  # plain help: the rich layout labels every flag (even --help) as "<bool>"
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
    kashmir = "kashmir"


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
    what: Annotated[ExportWhat, typer.Argument(help="events, series, sources or kashmir")],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="csv, parquet, json (bibtex: sources)")
    ] = ExportFormat.csv,
    db: DbOption = None,
    origin: Annotated[
        str,
        typer.Option("--origin", help="Events: curated, ingested, all, or one of gdelt1|gdelt2|icews|polecat|coded."),
    ] = "curated",
) -> None:
    """Export events, series or the bibliography (CSV, Parquet, JSON; BibTeX for sources), or the Kashmir record."""
    from crossroads.store.export import write_bibtex, write_frame
    from crossroads.store.store import Store, check_origin

    check_origin(origin)
    if origin != "curated" and what is not ExportWhat.events:
        raise CrossroadsError("--origin applies to `export events` only")
    if what is ExportWhat.kashmir:
        from crossroads.cli.kashmir_cmds import export_kashmir

        if fmt is ExportFormat.bibtex:
            raise typer.BadParameter("bibtex is only for `export sources`", param_hint="--format")
        console.print(f"wrote {export_kashmir(out, fmt.value)} kashmir units to {out}")
        return
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
            frame = store.events_export(origin) if what is ExportWhat.events else store.series()
            write_frame(frame, fmt.value, out)
    console.print(f"wrote {len(frame)} {what.value} rows to {out}")


@app.command()
@friendly
def coverage(
    db: DbOption = None,
    floor: Annotated[int, typer.Option(help="Flag era × dimension cells with fewer events.")] = 3,
    sources: Annotated[
        bool, typer.Option("--sources", help="Per era: the share of events citing a primary or scholarly source.")
    ] = False,
    years: Annotated[
        str | None,
        typer.Option("--years", help="A dyad such as USA-PAK: events per year, thin years with what was searched."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Events per era × dimension, flagging thin cells; or the kinds of sources, or a dyad's years."""
    from crossroads.store import coverage as cover
    from crossroads.store.store import Store

    if sources or years:
        from crossroads.cli.analysis_cmds import Format, _dyad, emit

        fmt = Format.json if as_json else Format.table
        with Store(_db(db)) as store:
            if sources:
                emit(
                    cover.source_kinds_by_era(store), fmt, "Evidence per era: events and the kinds of source they cite"
                )
            if years:
                a, b = _dyad(years, db)
                rows = cover.dyad_years(store, a, b)
                if not as_json:
                    rows = rows[rows["thin"]]
                emit(rows, fmt, f"{a}–{b}: curated events per year (years under the floor, with what was searched)")
        return
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
    from crossroads.analysis.context import Settings
    from crossroads.report.build import write_report
    from crossroads.store.store import Store

    progress, step = _steps("report")
    with progress, Store(_db(db)) as store:
        summary = write_report(store, out, step, Settings(n_boot=n_boot, seed=seed))
    console.print(
        f"[green]wrote[/green] {summary.html} and {len(summary.figures)} figure files in {summary.seconds:.1f} s"
    )


@app.command()
@friendly
def serve(
    port: Annotated[int, typer.Option(envvar="PORT", help="Port on 127.0.0.1 to serve on.")] = 8000,
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
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip files already committed (same content, by its hash).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the row counts as JSON.")] = False,
    dyad: Annotated[str | None, typer.Option("--dyad", help="Then print the dyad-month series, e.g. USA-PAK.")] = None,
    index: Annotated[
        bool, typer.Option("--index", help="Then print the GDELT USA-PAK yearly index (from 1979).")
    ] = False,
    quarantine: Annotated[
        bool, typer.Option("--quarantine", help="List the quarantined rows (file, line, reason, detail).")
    ] = False,
) -> None:
    """Ingest GDELT 1.0/2.0, ICEWS, POLECAT or CAMEO-coded CSV files into <store>.ingest.duckdb or Parquet."""
    from crossroads.cli.ingest_view import print_quarantine, print_summary, run_with_progress
    from crossroads.store.schema import ingest_db_path

    target = ingest_db_path(_db(db))
    if not paths and not dyad and not index and not quarantine:
        raise CrossroadsError("nothing to ingest: give one or more PATHs (files, folders or globs)")
    if paths:
        summary = run_with_progress(list(paths), None if parquet else target, parquet, fmt.value, resume, err)
        print_summary(summary, as_json, db, console)
    if dyad or index or quarantine:
        if parquet:
            raise CrossroadsError("--dyad, --index and --quarantine read the store; run them without --parquet")
        if quarantine:
            print_quarantine(target, as_json, console)
            return
        from crossroads.analysis.event_index import event_index
        from crossroads.store.store import Store

        with Store.ingested_only(target) as store:
            if dyad:
                a, _, b = dyad.upper().partition("-")
                frame = store.dyad_month(a, b)
            else:
                frame = event_index(store, "USA", "PAK")
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


def _print_quarantine(target: Path, run_id: int) -> None:
    """Why rows were set aside in this run: each reason with its count and one example."""
    import duckdb

    with duckdb.connect(str(target), read_only=True) as con:
        rows = con.execute(
            "SELECT reason, count(*) AS n, min(source_file || ':' || line || ' ' || detail) AS example "
            "FROM ingest_quarantine WHERE run_id = ? GROUP BY reason ORDER BY n DESC, reason",
            [run_id],
        ).fetchall()
    table = Table(title="quarantined rows by reason (all rows: table ingest_quarantine)")
    for col in ("reason", "rows", "example"):
        table.add_column(col, justify="right" if col == "rows" else "left", overflow="fold")
    for reason, n, example in rows:
        table.add_row(str(reason), f"{n:,}", str(example))
    console.print(table)


@app.command()
@friendly
def run(
    port: Annotated[int, typer.Option(envvar="PORT", help="Port on 127.0.0.1 for the explorer.")] = 8000,
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for report.html and figures/.")] = Path("out/report"),
) -> None:
    """The main job: build the store, write the report, then serve the explorer until Ctrl-C."""
    build(db=db, data=None, check=False)
    report(out=out, db=db)
    console.print(f"open {out / 'report.html'} in a browser, or use the explorer below")
    serve(port=port, db=db)


def _register_analysis() -> None:
    from crossroads.cli.analysis_cmds import claims_app, query_app

    for command in [*query_app.registered_commands, *claims_app.registered_commands]:
        if command.callback:
            command.callback = friendly(command.callback)
    if claims_app.registered_callback and claims_app.registered_callback.callback:
        claims_app.registered_callback.callback = friendly(claims_app.registered_callback.callback)
    app.add_typer(claims_app, name="claims")
    app.add_typer(query_app, name="query")


def _register_measurement() -> None:
    from crossroads.cli.measurement_cmds import measurement_app

    for command in measurement_app.registered_commands:
        if command.callback:
            command.callback = friendly(command.callback)
    app.add_typer(measurement_app, name="measurement")


_register_analysis()
_register_measurement()


def _register(sub: typer.Typer, name: str) -> None:
    """Add a command group whose commands print friendly errors like the rest of the CLI."""
    for command in sub.registered_commands:
        if command.callback:
            command.callback = friendly(command.callback)
    app.add_typer(sub, name=name)


def _register_groups() -> None:
    from crossroads.cli.kashmir_cmds import kashmir_app
    from crossroads.cli.scenario_cmds import scenarios_app

    _register(kashmir_app, "kashmir")
    _register(scenarios_app, "scenarios")


_register_groups()


def main() -> None:
    app(prog_name="crossroads")
