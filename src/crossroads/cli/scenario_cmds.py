"""CLI doors onto the scenarios: ``crossroads scenarios replicate|kashmir|inputs|check|sensitivity``."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

console = Console()
scenarios_app = typer.Typer(
    help="The stakeholder bargaining model: replicate the published example, then ask what-ifs of Kashmir.",
    no_args_is_help=True,
)


class Format(StrEnum):
    table = "table"
    json = "json"


class Measure(StrEnum):
    median = "median"
    p_compromise = "p_compromise"


FormatOption = Annotated[Format, typer.Option("--format", help="table or json")]
DrawsOption = Annotated[int, typer.Option("--draws", help="Monte Carlo draws over the inputs.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the draws (results are reproducible).")]
RoundsOption = Annotated[int, typer.Option("--rounds", help="Bargaining rounds.")]
QOption = Annotated[float, typer.Option("--q", help="Q, the probability of the status quo if not challenged.")]


def _print_json(value: Any) -> None:
    def clean(v: Any) -> Any:
        if isinstance(v, float) and math.isnan(v):
            return None
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [clean(x) for x in v]
        return v

    typer.echo(json.dumps(clean(value), ensure_ascii=False, indent=1))


def _f(value: float | None, digits: int = 3) -> str:
    return "" if value is None or math.isnan(value) else f"{value:.{digits}f}"


@scenarios_app.command("replicate")
def replicate_cmd(fmt: FormatOption = Format.table, rounds: RoundsOption = 8, q: QOption = 1.0) -> None:
    """Run the EC emission-standards example and set it beside Scholz et al.'s Table 2, round by round."""
    from crossroads.scenarios.replication import replicate

    result = replicate(rounds=rounds, q=q)
    if fmt is Format.json:
        _print_json(result.as_dict())
        return
    table = Table(title=f"EC emission standards, Q = {q:g} (published: Scholz et al. 2011, Table 2)")
    for column in ("round", "median", "published", "mean", "published", "within ±0.1"):
        table.add_column(column)
    for r in result.rounds:
        ok = "" if r.within_tolerance is None else ("yes" if r.within_tolerance else "NO")
        table.add_row(str(r.round), _f(r.median), _f(r.published_median, 1), _f(r.mean), _f(r.published_mean, 2), ok)
    console.print(table)
    positions = Table(title="Each actor's position at the end of each round")
    positions.add_column("actor")
    for r in result.rounds:
        positions.add_column(str(r.round))
    for name in result.rounds[0].positions:
        positions.add_row(name, *(_f(r.positions[name], 2) for r in result.rounds))
    console.print(positions)
    for r in result.rounds:
        if r.note:
            console.print(f"round {r.round}: {r.note}")
    b = result.baselines
    console.print(
        f"baselines on the inputs: weighted median {b['weighted_median']:.3f}, weighted mean "
        f"{b['weighted_mean']:.3f}, Nash bargaining {b['nash_bargaining']:.3f}; BDM 1994: dominant outcome "
        f"{result.bdm_1994['dominant_outcome']}, actual {result.bdm_1994['actual']}"
    )


@scenarios_app.command("inputs")
def inputs_cmd(
    era: Annotated[str, typer.Option("--era", help="Era id, e.g. E5.")], fmt: FormatOption = Format.table
) -> None:
    """One era's inputs: position, salience, capability per actor, with the basis and evidence of each."""
    from crossroads.scenarios.kashmir import era_inputs

    inputs = era_inputs(era)
    if fmt is Format.json:
        _print_json(inputs.as_dict())
        return
    table = Table(
        title=f"{inputs.era.upper()} {inputs.label}: inputs (0 = integration into India … 100 = accession to Pakistan)"
    )
    for column in ("actor", "position", "sd", "salience", "range", "capability", "position basis"):
        table.add_column(column, overflow="fold")
    for r in inputs.rows:
        table.add_row(
            r.actor, _f(r.position, 1), _f(r.position_sd, 1), _f(r.salience, 1),
            f"{r.salience_low:.0f}–{r.salience_high:.0f}", _f(r.capability, 4), r.position_basis,
        )  # fmt: skip
    console.print(table)
    for r in inputs.rows:
        console.print(f"{r.actor}: {'; '.join(r.evidence)}", soft_wrap=True, highlight=False)


@scenarios_app.command("kashmir")
def kashmir_cmd(
    era: Annotated[str, typer.Option("--era", help="Era id, e.g. E5.")],
    draws: DrawsOption = 1000,
    seed: SeedOption = 0,
    what_if: Annotated[
        list[str] | None,
        typer.Option("--what-if", help="ACTOR.field=value (position, salience 0–100; capability 0–1)."),
    ] = None,
    rounds: RoundsOption = 8,
    q: QOption = 1.0,
    fmt: FormatOption = Format.table,
) -> None:
    """Predicted outcome of an era (median and 90% interval over draws), and beside it the what-if."""
    from crossroads.scenarios.simulate import Outcome, parse_what_if, scenario

    result = scenario(
        era, draws=draws, seed=seed, what_ifs=[parse_what_if(w) for w in what_if or []], rounds=rounds, q=q
    )
    if fmt is Format.json:
        _print_json(result.as_dict())
        return
    columns = [("baseline", result.baseline)]
    if result.counterfactual is not None:
        columns.append(("what-if: " + ", ".join(result.what_ifs), result.counterfactual))
    table = Table(title=f"{result.era.upper()} {result.label}: {draws} draws, seed {seed}, {rounds} rounds, Q = {q:g}")
    table.add_column("")
    for name, _ in columns:
        table.add_column(name)
    rows: list[tuple[str, Callable[[Outcome], str]]] = [
        ("predicted outcome (median)", lambda o: _f(o.median, 1)),
        ("90% interval", lambda o: f"{o.low:.1f}–{o.high:.1f}"),
        ("outcome at round 0", lambda o: _f(o.start_median, 1)),
        ("weighted mean / Nash", lambda o: f"{o.weighted_mean:.1f} / {o.nash_bargaining:.1f}"),
        ("India–Pakistan gap, start → end", lambda o: f"{o.gap_start:.1f} → {o.gap_end:.1f}"),
        (
            "actors that move",
            lambda o: ", ".join(f"{a.actor} {a.start:.0f}→{a.end:.0f}" for a in o.actors if a.moved) or "none",
        ),
    ]
    for label, get in rows:
        table.add_row(label, *(get(o) for _, o in columns))
    console.print(table)
    if result.counterfactual is not None:
        console.print("moved by the what-if: " + (", ".join(result.moved_by_what_if) or "none"))


@scenarios_app.command("check")
def check_cmd(draws: DrawsOption = 1000, seed: SeedOption = 0, fmt: FormatOption = Format.table) -> None:
    """The retrospective check: predicted movement toward compromise beside the real negotiation windows."""
    from crossroads.scenarios.retrospective import retrospective

    result = retrospective(draws=draws, seed=seed)
    if fmt is Format.json:
        _print_json(result)
        return
    table = Table(title="Does the model see compromise where the talks were?")
    for column in ("era", "windows", "outcome", "90% interval", "round 0", "P(gap closes)", "primary", "secondary"):
        table.add_column(column, overflow="fold")
    for r in result["eras"]:
        if r["error"]:
            table.add_row(r["era"], "; ".join(r["windows"]), r["error"], "", "", "", "", "")
            continue
        table.add_row(
            r["era"], "; ".join(r["windows"]) or "-", _f(r["predicted_outcome"], 1),
            f"{r['interval'][0]:.1f}–{r['interval'][1]:.1f}", _f(r["start_outcome"], 1), _f(r["p_gap_closes"], 2),
            str(r["primary"]), str(r["secondary"]),
        )  # fmt: skip
    console.print(table)
    console.print(f"tally: {result['tally']}")


@scenarios_app.command("sensitivity")
def sensitivity_cmd(
    draws: Annotated[int, typer.Option("--draws", help="Draws per Kashmir cell.")] = 200,
    seed: SeedOption = 0,
    measure: Annotated[
        Measure, typer.Option("--measure", help="median: predicted outcome; p_compromise: P(the gap closes).")
    ] = Measure.median,
    fmt: FormatOption = Format.table,
) -> None:
    """How the EC example and each Kashmir era's outcome move with Q and with each interpretive choice."""
    from crossroads.scenarios.sensitivity import ec_sensitivity, kashmir_sensitivity

    ec, kashmir = ec_sensitivity(), kashmir_sensitivity(draws=draws, seed=seed, measure=str(measure))
    if fmt is Format.json:
        _print_json({"ec_example": ec, "kashmir": kashmir})
        return
    eras = [k for k in kashmir[0] if k != "change"]
    table = Table(title=f"Sensitivity: EC median/mean after 8 rounds; Kashmir {measure} per era ({draws} draws)")
    for column in ("change", "EC median", "EC mean", *eras):
        table.add_column(column)
    for e, k in zip(ec, kashmir, strict=True):
        table.add_row(e["change"], _f(e["median_8"], 2), _f(e["mean_8"], 2), *(_f(k[era], 2) for era in eras))
    console.print(table)
