"""The Kashmir issue space and the inputs of each era: position, salience and capability per actor.

The issue is one dimension from 0 to 100 (``ANCHORS``). Inputs come, in this order of precedence:

* **position** — from the two-coder Kashmir record (``data/kashmir``): each outside actor's
  postures in the era's documents, both coders' codes, mapped by ``STANCE_POSITION`` and averaged
  (every document weighs the same); the spread is the SD of the mapped codes, so coder
  disagreement widens it, at least ``MIN_SD``. Where the record is silent: a judgement row of
  ``data/scenarios/kashmir_judgements.csv`` (the two parties, Kashmiri groups), each citing a
  public page; else the actor's record position of the era just before, carried one era only,
  with its spread widened by ``CARRY_SD``; else the actor sits the era out.
* **salience** — attention in the record: 100 × the actor's share of the era's documents that
  address Kashmir (range half to one and a half times that, within 1–100);
  an actor carried over but silent gets ``SILENT_SALIENCE``. Judgement rows give their own.
* **capability** — CINC (COW NMC 7.0) averaged over the era's years, range its min–max over those
  years. The UN has no material capability of its own: it gets the smallest state CINC among the
  era's actors (range 0 to that). Kashmiri non-state groups get a tenth of Pakistan's CINC (range
  a twentieth to a fifth): a stated scale, not a measurement.

``record_stances`` is the one function that reads the record; a new coded record only has to
return the same columns.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from crossroads.model.errors import CrossroadsError
from crossroads.model.reference import Era, Reference
from crossroads.paths import data_dir

ANCHORS: dict[int, str] = {
    0: "Full integration into India; the Line of Control irrelevant (India's declared claim to the whole state).",
    25: "The Line of Control as the international border: the status quo, settled bilaterally (Simla).",
    50: "Autonomy with soft borders and joint mechanisms across the LoC, as in the 2004–07 back-channel framework.",
    75: "A UN-supervised plebiscite (the Security Council and UNCIP resolutions of 1948–49).",
    100: "Accession of the whole state to Pakistan.",
}

STANCE_POSITION = {"internationalize": 75.0, "neutral": 50.0, "bilateral": 25.0}
"""internationalize (plebiscite, mediation: Pakistan's line) → the plebiscite anchor; neutral
(restraint, dialogue without taking a side) → the middle; bilateral (Simla, the LoC, a terrorism
framing: India's line) → the LoC anchor. An outside actor backing bilateralism backs the status
quo, not India's maximal claim, hence 25 and not 0."""

ACTORS: dict[str, str] = {
    "IND": "India",
    "PAK": "Pakistan",
    "USA": "United States",
    "CHN": "China",
    "RUS": "USSR/Russia",
    "GBR": "United Kingdom",
    "UN": "United Nations",
    "JKLF": "Jammu and Kashmir Liberation Front",
    "HZM": "Hizbul Mujahideen",
}
UN_CODES = frozenset({"UNSC", "UNCIP", "UNMOGIP", "UNO"})
NON_STATE = frozenset({"JKLF", "HZM"})
MIN_SD = 5.0
CARRY_SD = 10.0
SILENT_SALIENCE = (5.0, 1.0, 10.0)
MIN_ACTORS = 4


@dataclass(frozen=True)
class InputRow:
    """One actor's inputs in one era, with the basis and evidence of each number."""

    actor: str
    name: str
    position: float
    position_sd: float
    salience: float
    salience_low: float
    salience_high: float
    capability: float
    capability_low: float
    capability_high: float
    position_basis: str
    salience_basis: str
    capability_basis: str
    evidence: list[str] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class EraInputs:
    era: str
    label: str
    start: str
    end: str
    rows: list[InputRow]

    def actor_codes(self) -> list[str]:
        return [r.actor for r in self.rows]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _model_actor(code: str) -> str:
    return "UN" if code in UN_CODES else code


@lru_cache(maxsize=4)
def chronology(root: Path) -> Any:
    from crossroads.model.loading import load_chronology

    return load_chronology(root)


POSTURE_STANCE = {"internationalise": "internationalize", "neutral": "neutral", "bilateral": "bilateral"}
"""The Kashmir record's postures as the stance names of ``STANCE_POSITION`` (``no_position`` maps to nothing)."""


def record_stances(root: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coded Kashmir record as two tables: stances and attention.

    Read from the two-coder Kashmir record (``data/kashmir``: one outside actor's position in one
    document of the sampling frame). stances: one row per (unit, coder) with a posture, ``era, actor,
    stance, weight, event_id, coder`` (``event_id`` is the unit id; the UN bodies merge into ``UN``;
    every document weighs the same); both coders' codes enter, so their disagreement widens the
    spread. attention: ``era, actor, events, era_events`` = the actor's documents that address
    Kashmir in the era, of all such documents. This is the single place that knows where the record
    lives.
    """
    from crossroads.analysis.kashmir_record import kashmir_dir, load_record

    root = root or data_dir()
    ref = Reference(root)
    record = load_record(kashmir_dir(root))
    units = record.units
    final = record.final_codes()
    eras = {
        str(uid): era.id
        for uid, day in zip(units.index, units["date"], strict=True)
        if (era := ref.era_of(_first_day(str(day)))) is not None
    }
    actor_of = {str(uid): _model_actor(str(code)) for uid, code in units["actor"].items()}
    rows: list[dict[str, Any]] = []
    for coder in record.coders:
        for uid, posture in record.codings[coder]["posture"].items():
            stance = POSTURE_STANCE.get(str(posture))
            if stance is None or str(uid) not in eras:
                continue
            actor = actor_of[str(uid)]
            rows.append(
                {
                    "era": eras[str(uid)],
                    "actor": actor,
                    "stance": stance,
                    "weight": 1.0,
                    "event_id": uid,
                    "coder": coder,
                }
            )
    stances = pd.DataFrame(rows, columns=["era", "actor", "stance", "weight", "event_id", "coder"])
    addressed = final.index[final["addresses_kashmir"] == "yes"]
    seen = pd.DataFrame(
        [(eras[str(u)], actor_of[str(u)], u) for u in addressed if str(u) in eras],
        columns=["era", "actor", "event_id"],
    )
    totals = seen.groupby("era").size()
    attention = seen.groupby(["era", "actor"]).size().rename("events").reset_index()
    attention["era_events"] = attention["era"].map(totals)
    return stances, attention


def _first_day(text: str) -> date:
    """The first day a record date (YYYY, YYYY-MM or YYYY-MM-DD) may denote."""
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def record_positions(stances: pd.DataFrame) -> pd.DataFrame:
    """Per (era, actor): weighted mean of mapped stances, its weighted SD (≥ MIN_SD), count, evidence."""
    table = stances.assign(value=stances["stance"].map(STANCE_POSITION))
    out = []
    for (era, actor), group in table.groupby(["era", "actor"], sort=True):
        w = group["weight"].to_numpy(float)
        v = group["value"].to_numpy(float)
        mean = float(np.average(v, weights=w))
        sd = float(np.sqrt(np.average((v - mean) ** 2, weights=w)))
        out.append(
            {
                "era": era,
                "actor": actor,
                "position": mean,
                "position_sd": max(sd, MIN_SD),
                "stances": len(group),
                "evidence": sorted(set(group["event_id"])),
            }
        )
    return pd.DataFrame(out)


def _judgements(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    with (root / "scenarios" / "kashmir_judgements.csv").open(encoding="utf-8", newline="") as handle:
        return {(r["era"], r["actor"]): r for r in csv.DictReader(handle)}


def _cinc(root: Path) -> pd.DataFrame:
    main = pd.read_csv(root / "series" / "capabilities.csv")
    main = main[(main["variable"] == "cinc") & (main["source_actor"] == main["target_actor"])]
    main = main.rename(columns={"source_actor": "actor", "value": "cinc"})[["actor", "year", "cinc"]]
    extra = pd.read_csv(root / "scenarios" / "cinc_extra.csv")
    return pd.concat([main, extra], ignore_index=True).dropna()


def find_era(era: str, ref: Reference) -> Era:
    """The era with this id (case-insensitive), or an error listing the ids."""
    for candidate in ref.eras:
        if candidate.id.lower() == era.strip().lower():
            return candidate
    ids = ", ".join(e.id.upper() for e in ref.eras)
    raise CrossroadsError(f"unknown era {era!r}; use one of {ids} (see reference/eras.yaml)")


def era_inputs(era: str, root: Path | None = None) -> EraInputs:
    """Every actor's inputs in one era, each number with its basis and evidence (module docstring)."""
    root = root or data_dir()
    ref = Reference(root)
    target = find_era(era, ref)
    order = [e.id for e in ref.eras]
    previous = order[order.index(target.id) - 1] if order.index(target.id) > 0 else None
    stances, attention = record_stances(root)
    positions: dict[tuple[str, str], dict[str, Any]] = {
        (str(r["era"]), str(r["actor"])): {str(k): v for k, v in r.items()}
        for r in record_positions(stances).to_dict("records")
    }
    judged = _judgements(root)
    att: dict[tuple[str, str], tuple[int, int]] = {
        (r["era"], r["actor"]): (int(r["events"]), int(r["era_events"])) for r in attention.to_dict("records")
    }
    cinc = _cinc(root)
    years = cinc[(cinc["year"] >= target.start.year) & (cinc["year"] <= target.end.year)]
    rows: list[InputRow] = []
    for code, name in ACTORS.items():
        key = (target.id, code)
        note = ""
        if key in positions:
            rec = positions[key]
            pos, sd = float(rec["position"]), float(rec["position_sd"])
            count = int(rec["stances"])
            basis = f"record: {count} coded posture{'' if count == 1 else 's'} (both coders)"
            evidence = [f"record:{e}" for e in rec["evidence"]]
        elif key in judged:
            j = judged[key]
            pos, sd = float(j["position"]), float(j["position_sd"])
            basis = "judgement (record silent)"
            evidence = [e.strip() for e in j["evidence"].split(";")]
            note = j["note"]
        elif previous is not None and (previous, code) in positions:
            rec = positions[(previous, code)]
            pos, sd = float(rec["position"]), float(rec["position_sd"]) + CARRY_SD
            basis = f"carried from {previous} (record silent in {target.id})"
            evidence = [f"record:{e}" for e in rec["evidence"]]
        else:
            continue
        if key in judged:
            j = judged[key]
            sal = (float(j["salience"]), float(j["salience_low"]), float(j["salience_high"]))
            sal_basis = "judgement: the dispute is this actor's own"
        elif key in att:
            events, total = att[key]
            share = 100.0 * events / total
            sal = (share, max(1.0, share / 2), min(100.0, share * 1.5))
            sal_basis = f"attention: {events} of the era's {total} documents on Kashmir"
        else:
            sal = SILENT_SALIENCE
            sal_basis = "attention: silent in this era's record"
        rows.append(
            InputRow(
                actor=code,
                name=name,
                position=pos,
                position_sd=sd,
                salience=sal[0],
                salience_low=sal[1],
                salience_high=sal[2],
                capability=np.nan,
                capability_low=np.nan,
                capability_high=np.nan,
                position_basis=basis,
                salience_basis=sal_basis,
                capability_basis="",
                evidence=evidence,
                note=note,
            )
        )
    rows = _with_capabilities(rows, years, target)
    present = {r.actor for r in rows}
    if not {"IND", "PAK"} <= present or len(rows) < MIN_ACTORS:
        listed = ", ".join(sorted(present)) or "none"
        raise CrossroadsError(
            f"era {target.id.upper()} has inputs for only {len(rows)} actor(s) ({listed}); "
            f"the model needs both parties and at least {MIN_ACTORS} actors. Add coded stances to the era's "
            "chronology or a cited row to data/scenarios/kashmir_judgements.csv."
        )
    return EraInputs(target.id, target.label, target.start.isoformat(), target.end.isoformat(), rows)


def entrant(era: str, actor: str, position: float, root: Path | None = None) -> InputRow:
    """A state the record shows silent in the era, entering only through a what-if.

    It sits in the baseline with salience 0 (so it has no say there) at the what-if's position,
    with its CINC capability of the era; the counterfactual gives it the what-if's salience (or
    ``SILENT_SALIENCE`` when none is given). Only states of ``ACTORS`` with CINC data can enter.
    """
    root = root or data_dir()
    target = find_era(era, Reference(root))
    if actor not in ACTORS or actor in NON_STATE or actor == "UN":
        states = ", ".join(a for a in ACTORS if a not in NON_STATE and a != "UN")
        raise CrossroadsError(f"only a state of {states} can enter era {target.id.upper()} through a what-if")
    cinc = _cinc(root)
    years = cinc[(cinc["year"] >= target.start.year) & (cinc["year"] <= target.end.year)]
    row = InputRow(
        actor=actor,
        name=ACTORS[actor],
        position=position,
        position_sd=0.0,
        salience=0.0,
        salience_low=0.0,
        salience_high=0.0,
        capability=np.nan,
        capability_low=np.nan,
        capability_high=np.nan,
        position_basis="what-if only (the record shows this actor silent in the era)",
        salience_basis="0 in the baseline: the actor takes no part there",
        capability_basis="",
        evidence=[],
        note="enters through a what-if",
    )
    return _with_capabilities([row], years, target)[0]


def _with_capabilities(rows: list[InputRow], years: pd.DataFrame, era: Era) -> list[InputRow]:
    span = f"{era.start.year}–{era.end.year}"
    state: dict[str, tuple[float, float, float]] = {}
    for r in rows:
        if r.actor in NON_STATE or r.actor == "UN":
            continue
        values = years.loc[years["actor"] == r.actor, "cinc"]
        if values.empty:
            raise CrossroadsError(f"no CINC for {r.actor} in {span}; add it to data/scenarios/cinc_extra.csv")
        state[r.actor] = (float(values.mean()), float(values.min()), float(values.max()))
    weakest = min(v[0] for v in state.values()) if state else 0.0
    pak = state.get("PAK", (weakest, weakest, weakest))[0]
    out = []
    for r in rows:
        if r.actor in state:
            cap, low, high = state[r.actor]
            basis = f"CINC (COW NMC 7.0), mean of {span}; range its min–max"
        elif r.actor == "UN":
            cap, low, high = weakest, 0.0, weakest
            basis = "rule: the smallest state CINC among the era's actors (no material capability of its own)"
        else:
            cap, low, high = pak / 10, pak / 20, pak / 5
            basis = "rule: a tenth of Pakistan's CINC (non-state group; no measurement exists)"
        out.append(
            InputRow(
                **{
                    **asdict(r),
                    "capability": cap,
                    "capability_low": low,
                    "capability_high": high,
                    "capability_basis": basis,
                }
            )
        )
    return out
