"""What `crossroads ingest` shows: one progress bar over every file, the summary, the quarantine."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from crossroads.ingest.formats import Format
from crossroads.ingest.load import IngestSummary, ingest
from crossroads.ingest.load import Progress as IngestProgress
from crossroads.model.errors import CrossroadsError


def run_with_progress(
    paths: list[Path], db: Path | None, parquet: Path | None, fmt: str, resume: bool, err: Console
) -> IngestSummary:
    """Ingest with one bar over the bytes of all files; each file's format and every rejection named."""
    bar = Progress(
        TextColumn("ingest"), BarColumn(), DownloadColumn(), TextColumn("{task.fields[rows]:,} rows"),
        TimeRemainingColumn(), console=err, transient=True,
    )  # fmt: skip
    task = bar.add_task("ingest", total=None, rows=0)

    def on_progress(p: IngestProgress) -> None:
        bar.update(task, completed=p.bytes_done, total=p.bytes_total, rows=p.rows_read)

    def on_format(label: str, chosen: Format | None, auto: bool) -> None:
        if chosen is not None:
            how = "recognised" if auto else "as given"
            err.print(f"{label}: format {chosen.value} ({how})", highlight=False, soft_wrap=True)

    with bar:
        summary = ingest(paths, db=db, parquet=parquet, fmt=Format(fmt), progress=on_progress,
                         on_format=on_format, resume=resume)  # fmt: skip
    for label, why in summary.rejected:
        err.print(f"[yellow]rejected[/yellow] {label}: {why}", highlight=False, soft_wrap=True)
    if summary.skipped:
        err.print(f"resumed: {len(summary.skipped):,} files already committed were skipped", highlight=False)
    return summary


def print_summary(summary: IngestSummary, as_json: bool, db: Path | None, console: Console) -> None:
    """The per-file table, the totals, the quarantine by reason and the command that lists those rows."""
    if as_json:
        typer.echo(json.dumps(summary.counts()))
        return
    runs = f"runs {summary.runs[0]}–{summary.runs[-1]}" if len(summary.runs) > 1 else f"run {summary.run_id}"
    table = Table(title=f"ingest {runs} into {summary.target}")
    for col in ("file", "format", "read", "loaded", "quarantined", "duplicate"):
        table.add_column(col, justify="left" if col in ("file", "format") else "right", overflow="fold")
    for f in summary.files[:200]:
        counts = (f.rows_read, f.rows_loaded, f.rows_quarantined, f.rows_duplicate)
        table.add_row(f.source_file, f.format, *(f"{n:,}" for n in counts))
    if len(summary.files) > 200:
        table.caption = f"first 200 of {len(summary.files):,} files"
    console.print(table)
    c = summary.counts()
    console.print(
        f"read {c['rows_read']:,} = loaded {c['rows_loaded']:,} + quarantined "
        f"{c['rows_quarantined']:,} + duplicate {c['rows_duplicate']:,}; "
        f"{c['rows_in_store']:,} rows in the store; {len(summary.rejected)} files rejected whole"
    )
    if summary.quarantine_by_reason:
        reasons = ", ".join(f"{r} {n:,}" for r, n in summary.quarantine_by_reason.items())
        where = f" --db {db}" if db else ""
        console.print(f"quarantined by reason: {reasons}; list them: crossroads ingest --quarantine{where}")


def print_quarantine(target: Path, as_json: bool, console: Console) -> None:
    """Every quarantined row, newest run first."""
    if not target.exists():
        raise CrossroadsError(f"No ingested events at {target}. Run `crossroads ingest PATH...` first.")
    con = duckdb.connect(str(target), read_only=True)
    try:
        frame = con.execute(
            "SELECT run_id, source_file, line, reason, detail FROM ingest_quarantine "
            "ORDER BY run_id DESC, source_file, line"
        ).df()
    finally:
        con.close()
    if as_json:
        typer.echo(frame.to_json(orient="records"))
    else:
        console.print(frame.to_string(index=False) if len(frame) else "no quarantined rows")
