"""Replication of the published worked example (EC emission standards) and the search over readings.

``replicate`` runs the kept reading (``Interpretation()``) at Q = 1 for 8 rounds and sets each
round beside Scholz et al.'s Table 2, saying round by round whether it is within tolerance and,
where not, why. ``interpretation_grid`` runs every combination of the documented alternatives so
the choice can be seen, not asserted (docs/scenarios.md prints the table).
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, get_args, get_type_hints

import numpy as np

from crossroads.paths import data_dir
from crossroads.scenarios import baselines
from crossroads.scenarios.model import OFFER_NAMES, Inputs, Interpretation, run

TOLERANCE = 0.1
"""Table 2 prints one decimal (medians truncated: 9.962 is printed 9.9), so ±0.1 is the finest fair test."""

ROUND_NOTES = {
    2: (
        "Not reproduced: Belgium's compromise with France/Italy (to 9.611) is the median here; the paper "
        "prints 9.9 in Table 2 and in its text. No combination of the readings tried gives 9.9 in round 2; "
        "the ones that match every other round give 9.611, as does the best public replication. A difference "
        "in the authors' code or a misprint are the candidates; neither can be checked from the paper."
    ),
}


@dataclass(frozen=True)
class Actor:
    name: str
    capability: float
    position: float
    salience: float  # 0–100 as printed


@dataclass(frozen=True)
class Published:
    round: int
    median: float
    mean: float
    source: str


def _folder() -> Path:
    return data_dir() / "scenarios"


def ec_actors() -> list[Actor]:
    """Table 1 of Scholz et al. (2011), from BDM (1994, p. 78)."""
    with (_folder() / "bdm_ec_emissions_actors.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Actor(r["actor"], float(r["capability"]), float(r["position"]), float(r["salience"]))
            for r in csv.DictReader(handle)
        ]


def published() -> list[Published]:
    with (_folder() / "bdm_ec_published.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Published(int(r["round"]), float(r["median"]), float(r["mean"]), r["source"])
            for r in csv.DictReader(handle)
        ]


def ec_inputs() -> tuple[list[str], Inputs]:
    actors = ec_actors()
    return [a.name for a in actors], Inputs.single(
        [a.position for a in actors], [a.capability for a in actors], [a.salience / 100 for a in actors]
    )


@dataclass(frozen=True)
class Move:
    actor: str
    kind: str
    with_actor: str
    before: float
    after: float


@dataclass(frozen=True)
class RoundResult:
    round: int
    median: float
    mean: float
    published_median: float | None
    published_mean: float | None
    within_tolerance: bool | None
    note: str
    positions: dict[str, float]
    moves: list[Move]


@dataclass(frozen=True)
class Replication:
    q: float
    interpretation: dict[str, Any]
    tolerance: float
    rounds: list[RoundResult]
    baselines: dict[str, float]
    bdm_1994: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def replicate(rounds: int = 8, q: float = 1.0, how: Interpretation | None = None) -> Replication:
    """Run the EC example and set it beside Table 2, round by round."""
    how = how or Interpretation()
    names, inp = ec_inputs()
    result = run(inp, rounds=rounds, q=q, how=how)
    table = {p.round: p for p in published()}
    out: list[RoundResult] = []
    for t in range(rounds + 1):
        median, mean = float(result.medians[0, t]), float(result.means[0, t])
        pub = table.get(t) if q == 1.0 else None
        ok = (
            None
            if pub is None
            else bool(abs(median - pub.median) <= TOLERANCE + 1e-9 and abs(mean - pub.mean) <= TOLERANCE + 1e-9)
        )
        if t == 0 and pub is not None:
            ok = bool(abs(median - pub.median) < 1e-9 and abs(mean - pub.mean) < 1e-4)
        moves = []
        if t > 0:
            before, after = result.positions[0, t - 1], result.positions[0, t]
            kinds, partners = result.offers[t - 1][0], result.partners[t - 1][0]
            for i, name in enumerate(names):
                if kinds[i]:
                    moves.append(
                        Move(
                            name, OFFER_NAMES[int(kinds[i])], names[int(partners[i])], float(before[i]), float(after[i])
                        )
                    )
        note = "" if ok or pub is None else ROUND_NOTES.get(t, "differs; see docs/scenarios.md")
        out.append(
            RoundResult(
                round=t,
                median=median,
                mean=mean,
                published_median=None if pub is None else pub.median,
                published_mean=None if pub is None else pub.mean,
                within_tolerance=ok,
                note=note,
                positions={n: float(v) for n, v in zip(names, result.positions[0, t], strict=True)},
                moves=moves,
            )
        )
    w = inp.c * inp.s
    return Replication(
        q=q,
        interpretation={f.name: getattr(how, f.name) for f in fields(how)},
        tolerance=TOLERANCE,
        rounds=out,
        baselines={
            "weighted_median": float(baselines.weighted_median(inp.x, w)[0]),
            "weighted_mean": float(baselines.weighted_mean(inp.x, w)[0]),
            "nash_bargaining": float(baselines.nash_bargaining(inp.x, w)[0]),
        },
        bdm_1994={"dominant_outcome": 8.35, "prolonged_outcome": 9.05, "actual": 8.833},
    )


def choices() -> dict[str, tuple[Any, ...]]:
    hints = get_type_hints(Interpretation)
    out: dict[str, tuple[Any, ...]] = {}
    for f in fields(Interpretation):
        hint = hints[f.name]
        out[f.name] = (False, True) if hint is bool else get_args(hint)
    return out


@dataclass(frozen=True)
class GridRow:
    interpretation: Interpretation
    rounds_within: int
    worst: float
    medians: list[float]
    means: list[float]


def interpretation_grid(q: float = 1.0, rounds: int = 8) -> list[GridRow]:
    """Every combination of the documented alternatives, scored against Table 2 (best first).

    Combinations that cannot differ (``view`` when each side uses its own risk exponent) are run once.
    """
    _, inp = ec_inputs()
    pub = [p for p in published() if 1 <= p.round <= rounds]
    med = np.array([p.median for p in pub])
    mean = np.array([p.mean for p in pub])
    options = choices()
    rows = []
    for combo in itertools.product(*options.values()):
        how = Interpretation(**dict(zip(options, combo, strict=True)))
        if how.perspective == "own" and how.view == "proposer":
            continue
        result = run(inp, rounds=rounds, q=q, how=how)
        dm = np.abs(result.medians[0, 1:] - med)
        dn = np.abs(result.means[0, 1:] - mean)
        within = int(((dm <= TOLERANCE + 1e-9) & (dn <= TOLERANCE + 1e-9)).sum())
        rows.append(
            GridRow(
                how,
                within,
                float(max(dm.max(), dn.max())),
                result.medians[0, 1:].tolist(),
                result.means[0, 1:].tolist(),
            )
        )
    rows.sort(key=lambda r: (-r.rounds_within, r.worst))
    return rows
