"""CLI doors onto the Kashmir record: ``query kashmir``, ``kashmir agreement``, ``export kashmir``.

They read the shipped record (``data/kashmir``) directly, so they need no store and answer fast.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

kashmir_app = typer.Typer(help="The Kashmir record: agreement between its independent codings.", no_args_is_help=True)

RecordOption = Annotated[
    Path | None,
    typer.Option(
        "--record", help="Folder of the Kashmir record (default: the shipped data/kashmir).", show_default=False
    ),
]


class AgreementFormat(StrEnum):
    table = "table"
    json = "json"


def record_rows(record_dir: Path | None = None, actor: str | None = None, seed: int = 0) -> pd.DataFrame:
    """Rows ``year, actor, attention, posture, lo, hi, units`` (plus coverage and the unit ids)."""
    from crossroads.analysis.kashmir_record import ACTORS, OVERALL, load_record, series
    from crossroads.model.errors import CrossroadsError

    if actor is not None and actor not in (*ACTORS, OVERALL):
        raise CrossroadsError(f"unknown actor {actor!r}; use one of {', '.join((*ACTORS, OVERALL))}")
    frame = series(load_record(record_dir), seed=seed)
    if actor is not None:
        frame = frame[frame["actor"] == actor]
    return frame.drop(columns=["scored"]).reset_index(drop=True)


@kashmir_app.command("agreement")
def kashmir_agreement(
    fmt: Annotated[AgreementFormat, typer.Option("--format", help="table or json")] = AgreementFormat.table,
    record: RecordOption = None,
    n_boot: Annotated[int, typer.Option("--boot", help="Bootstrap replicates for the interval.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 0,
) -> None:
    """Krippendorff's α per coded field with a 95% bootstrap interval (or why there is none yet)."""
    from crossroads.analysis.kashmir_record import AGREEMENT_FIELDS, agreement, load_record

    result = agreement(load_record(record), n_boot=n_boot, seed=seed)
    if fmt is AgreementFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    typer.echo(f"units: {result['units']}, coders: {result['coders']}")
    if "note" in result:
        typer.echo(result["note"])
        return
    for name in AGREEMENT_FIELDS:
        cell = result[name]
        shown = "undefined" if cell["alpha"] is None else f"{cell['alpha']:.3f} [{cell['lo']:.3f}, {cell['hi']:.3f}]"
        typer.echo(f"{name} ({cell['level']}): alpha {shown}")


def export_kashmir(out: Path, fmt: str, record_dir: Path | None = None) -> int:
    """Write every unit with each coder's codes, the final code and its source; returns the row count."""
    from crossroads.analysis.kashmir_record import export_table, load_record
    from crossroads.store.export import write_frame

    table = export_table(load_record(record_dir))
    write_frame(table, fmt, out)
    return len(table)
