"""Pakistan's SEATO and Baghdad Pact/CENTO membership years, read off the curated chronology.

The alliance datasets carry no treaty ids, so these two pacts come from the
chronology, which is still being written; the rules are deliberately simple and
say "unknown" rather than guess:

* entry = the earliest event whose actors include Pakistan and the pact (SOT for
  SEATO, CTO for the Baghdad Pact/CENTO) with CAMEO 057 (sign formal agreement);
* exit = the earliest later such event with a CAMEO code in root 16 (reduce
  relations: 161 reduce or break relations, 166 expel or withdraw), dated by
  when the withdrawal took effect: the event's ``end_date`` where the record gives
  one (SEATO: announced November 1972, effective November 1973), else its date.
  Entry counts from signature and exit from effect, for both pacts alike.

Member years run from the entry year to the exit year inclusive (1), and 0
outside them inside the study period. With no entry event every year is missing;
with an entry but no exit, years after the entry year are missing. The flags sit
on the PAK-USA dyad: the US was a SEATO member throughout Pakistan's membership;
it never joined CENTO formally (it joined the Pact's Military Committee in 1957),
so ``cento_membership`` says only that Pakistan was in the pact.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from crossroads.indicators.chronology import SOURCE
from crossroads.model.loading import Chronology
from crossroads.recipes.tables import COLUMNS

PACTS = {"SOT": "seato_membership", "CTO": "cento_membership"}
MEMBER = "PAK"


@dataclass(frozen=True)
class Spell:
    """Pakistan's membership in one pact, with the events it rests on (ids are None when not found)."""

    pact: str
    entry_year: int | None
    exit_year: int | None
    entry_event: str | None
    exit_event: str | None


def spell(chron: Chronology, pact: str) -> Spell:
    """Entry and exit of Pakistan in ``pact`` by the rules in the module docstring."""
    events = sorted((e for e in chron.events if MEMBER in e.actors and pact in e.actors), key=lambda e: e.when.start)
    entry = next((e for e in events if e.cameo == "057"), None)
    if entry is None:
        return Spell(pact, None, None, None, None)
    leave = next((e for e in events if e.cameo.startswith("16") and e.when.start > entry.when.start), None)
    return Spell(
        pact,
        entry.when.start.year,
        (leave.until or leave.when).start.year if leave else None,
        entry.id,
        leave.id if leave else None,
    )


def pact_series(chron: Chronology) -> pd.DataFrame:
    """Long-form yearly flags ``seato_membership`` and ``cento_membership`` on PAK-USA."""
    first, last = (d.year for d in chron.reference.period)
    rows = []
    for pact, variable in PACTS.items():
        found = spell(chron, pact)
        for year in range(first, last + 1):
            value: float | None
            if found.entry_year is None or (found.exit_year is None and year > found.entry_year):
                value = None
            else:
                upper = found.exit_year if found.exit_year is not None else found.entry_year
                value = 1.0 if found.entry_year <= year <= upper else 0.0
            rows.append(("PAK", "USA", False, year, variable, value, "flag (Pakistan a member)", SOURCE))
    return pd.DataFrame(rows, columns=COLUMNS)
