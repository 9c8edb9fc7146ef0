"""Monte Carlo over an era's inputs and what-if counterfactuals, side by side.

Each draw samples every actor's position from Normal(position, position_sd) clipped to 0–100,
its salience uniformly within its range and its capability uniformly within its range, with one
seeded generator. A what-if fixes one actor's value in every draw; the baseline and the
counterfactual share the same draws (common random numbers), so their difference is the
what-if's effect and not sampling noise. The predicted outcome of a draw is the weighted median
after the last round (BDM's forecast); its distribution gives the median and 90% interval.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

import numpy as np

from crossroads.model.errors import CrossroadsError
from crossroads.scenarios import baselines
from crossroads.scenarios.kashmir import SILENT_SALIENCE, EraInputs, InputRow, entrant, era_inputs
from crossroads.scenarios.model import Array, Inputs, Interpretation, run

Field = Literal["position", "salience", "capability"]
RANGES: dict[str, tuple[float, float]] = {"position": (0.0, 100.0), "salience": (0.0, 100.0), "capability": (0.0, 1.0)}
MOVE_THRESHOLD = 1.0
"""An actor 'moves' when its median final position differs from its start (or, between scenarios,
from the other scenario's) by more than this many points of the 0–100 scale."""
GAP_CLOSED = 10.0
"""Pre-specified: a draw shows movement toward compromise when the India–Pakistan gap shrinks by at least this."""

_WHAT_IF = re.compile(r"^\s*([A-Za-z0-9_]+)\.(position|salience|capability)\s*=\s*(-?[0-9]+(?:\.[0-9]*)?)\s*$")


@dataclass(frozen=True)
class WhatIf:
    actor: str
    field: Field
    value: float

    def __str__(self) -> str:
        return f"{self.actor}.{self.field}={self.value:g}"


def parse_what_if(text: str) -> WhatIf:
    """``ACTOR.field=value`` with field position, salience or capability."""
    match = _WHAT_IF.match(text)
    if not match:
        raise CrossroadsError(
            f"what-if {text!r} is not ACTOR.field=value; e.g. USA.position=70, USA.salience=80 or PAK.capability=0.02"
        )
    actor, name, value = match.groups()
    return WhatIf(actor.upper(), name, float(value))  # type: ignore[arg-type]


def check_value(where: str, name: str, value: float) -> None:
    low, high = RANGES[name]
    if not (low <= value <= high) or not np.isfinite(value):
        raise CrossroadsError(f"{where}: {name} {value:g} is outside {low:g}–{high:g}; give a value in that range")


def check_inputs(inputs: EraInputs) -> None:
    """Every input row within its range, naming the era, actor and field that is not."""
    for r in inputs.rows:
        where = f"era {inputs.era.upper()}, actor {r.actor}"
        check_value(where, "position", r.position)
        for name, values in (
            ("salience", (r.salience, r.salience_low, r.salience_high)),
            ("capability", (r.capability, r.capability_low, r.capability_high)),
        ):
            for v in values:
                check_value(where, name, v)
        if r.position_sd < 0:
            raise CrossroadsError(f"{where}: position_sd {r.position_sd:g} is negative")


def check_what_ifs(inputs: EraInputs, what_ifs: list[WhatIf]) -> None:
    known = inputs.actor_codes()
    for w in what_ifs:
        if w.actor not in known:
            raise CrossroadsError(
                f"what-if {w}: no actor {w.actor!r} in era {inputs.era.upper()}; actors there: {', '.join(known)}"
            )
        check_value(f"what-if {w}", w.field, w.value)


def with_entrants(inputs: EraInputs, what_ifs: list[WhatIf]) -> EraInputs:
    """Add a state the record shows silent in the era when a what-if sets its position (see ``entrant``)."""
    for w in what_ifs:
        check_value(f"what-if {w}", w.field, w.value)
    present = set(inputs.actor_codes())
    rows = list(inputs.rows)
    for w in what_ifs:
        if w.actor in present:
            continue
        position = next((v.value for v in what_ifs if v.actor == w.actor and v.field == "position"), None)
        if position is None:
            raise CrossroadsError(
                f"what-if {w}: no actor {w.actor!r} in era {inputs.era.upper()} (the record shows it silent); "
                f"to let it enter give its position too, e.g. {w.actor}.position=70; actors there: "
                f"{', '.join(inputs.actor_codes())}"
            )
        try:
            rows.append(entrant(inputs.era, w.actor, position))
        except CrossroadsError as exc:
            raise CrossroadsError(f"what-if {w}: no actor {w.actor!r} in era {inputs.era.upper()}; {exc}") from None
        present.add(w.actor)
    return replace(inputs, rows=rows)


def draw_inputs(rows: list[InputRow], draws: int, seed: int) -> tuple[Array, Array, Array]:
    """(position, capability, salience 0–100) arrays of shape (draws, n) from one seeded generator."""
    rng = np.random.default_rng(seed)
    n = len(rows)
    pos = np.array([r.position for r in rows])
    sd = np.array([r.position_sd for r in rows])
    x = np.clip(pos + sd * rng.standard_normal((draws, n)), 0.0, 100.0)
    s_low, s_high = np.array([r.salience_low for r in rows]), np.array([r.salience_high for r in rows])
    c_low, c_high = np.array([r.capability_low for r in rows]), np.array([r.capability_high for r in rows])
    s = s_low + (s_high - s_low) * rng.random((draws, n))
    c = c_low + (c_high - c_low) * rng.random((draws, n))
    if draws == 1:  # a single run uses the central values
        x, s, c = pos[None, :], np.array([[r.salience for r in rows]]), np.array([[r.capability for r in rows]])
    return x, c, s


def apply_what_ifs(
    codes: list[str], x: Array, c: Array, s: Array, what_ifs: list[WhatIf]
) -> tuple[Array, Array, Array]:
    x, c, s = x.copy(), c.copy(), s.copy()
    for w in what_ifs:
        j = codes.index(w.actor)
        {"position": x, "capability": c, "salience": s}[w.field][:, j] = w.value
    return x, c, s


@dataclass(frozen=True)
class ActorMove:
    actor: str
    start: float
    end: float
    moved: bool


@dataclass(frozen=True)
class Outcome:
    """The distribution over draws of the predicted outcome, with the first-order baselines."""

    median: float
    low: float
    high: float
    mean_position: float
    start_median: float
    weighted_mean: float
    nash_bargaining: float
    gap_start: float
    gap_end: float
    p_compromise: float
    actors: list[ActorMove]
    final_positions: dict[str, float] = field(default_factory=dict)


def _outcome(codes: list[str], x: Array, c: Array, s: Array, rounds: int, q: float, how: Interpretation) -> Outcome:
    inp = Inputs(x, c, s / 100)
    result = run(inp, rounds=rounds, q=q, how=how)
    final = result.medians[:, -1]
    low, mid, high = np.quantile(final, [0.05, 0.5, 0.95])
    start, end = np.median(result.positions[:, 0], axis=0), np.median(result.positions[:, -1], axis=0)
    w = inp.c * inp.s
    i, p = codes.index("IND"), codes.index("PAK")
    gap0 = np.abs(result.positions[:, 0, i] - result.positions[:, 0, p])
    gap1 = np.abs(result.positions[:, -1, i] - result.positions[:, -1, p])
    return Outcome(
        median=float(mid),
        low=float(low),
        high=float(high),
        mean_position=float(np.median(result.means[:, -1])),
        start_median=float(np.median(result.medians[:, 0])),
        weighted_mean=float(np.median(baselines.weighted_mean(x, w))),
        nash_bargaining=float(np.median(baselines.nash_bargaining(x, w))),
        gap_start=float(np.median(gap0)),
        gap_end=float(np.median(gap1)),
        p_compromise=float(np.mean(gap0 - gap1 >= GAP_CLOSED)),
        actors=[
            ActorMove(code, float(a), float(b), bool(abs(b - a) > MOVE_THRESHOLD))
            for code, a, b in zip(codes, start, end, strict=True)
        ],
        final_positions={code: float(v) for code, v in zip(codes, end, strict=True)},
    )


@dataclass(frozen=True)
class Scenario:
    era: str
    label: str
    draws: int
    seed: int
    rounds: int
    q: float
    what_ifs: list[str]
    inputs: list[InputRow]
    baseline: Outcome
    counterfactual: Outcome | None
    moved_by_what_if: list[str]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def scenario(
    era: str,
    draws: int = 1000,
    seed: int = 0,
    what_ifs: list[WhatIf] | None = None,
    rounds: int = 8,
    q: float = 1.0,
    how: Interpretation | None = None,
    inputs: EraInputs | None = None,
) -> Scenario:
    """One era's predicted outcome under its inputs, and under the what-ifs if any."""
    if draws < 1:
        raise CrossroadsError(f"draws {draws}: give at least 1")
    if rounds < 1:
        raise CrossroadsError(f"rounds {rounds}: give at least 1")
    if not 0.0 <= q <= 1.0:
        raise CrossroadsError(f"Q {q:g} is outside 0–1")
    how = how or Interpretation()
    what_ifs = what_ifs or []
    recorded = inputs or era_inputs(era)
    inputs = with_entrants(recorded, what_ifs)
    entrants = set(inputs.actor_codes()) - set(recorded.actor_codes())
    check_inputs(inputs)
    check_what_ifs(inputs, what_ifs)
    codes = inputs.actor_codes()
    x, c, s = draw_inputs(inputs.rows, draws, seed)
    base = _outcome(codes, x, c, s, rounds, q, how)
    counter = None
    moved: list[str] = []
    if what_ifs:
        entering = [
            WhatIf(r.actor, "salience", SILENT_SALIENCE[0])
            for r in inputs.rows
            if r.actor in entrants and not any(w.actor == r.actor and w.field == "salience" for w in what_ifs)
        ]
        counter = _outcome(codes, *apply_what_ifs(codes, x, c, s, [*entering, *what_ifs]), rounds, q, how)
        moved = [
            code for code in codes if abs(counter.final_positions[code] - base.final_positions[code]) > MOVE_THRESHOLD
        ]
    return Scenario(
        era=inputs.era,
        label=inputs.label,
        draws=draws,
        seed=seed,
        rounds=rounds,
        q=q,
        what_ifs=[str(w) for w in what_ifs],
        inputs=list(inputs.rows),
        baseline=base,
        counterfactual=counter,
        moved_by_what_if=moved,
    )
