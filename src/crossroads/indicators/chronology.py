"""Dyad-year series of the curated chronology: how many events, how cooperative on average.

Counts are 0 in years of the studied period in which the chronology records no
event for a dyad (the chronology covers the whole period, so no event is a real
zero for it); the mean Goldstein weight is missing (NaN) in those years.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from crossroads.model.loading import Chronology

SOURCE = "crossroads-chronology"


def undirected(a: str, b: str) -> tuple[str, str]:
    """Undirected dyads are stored in alphabetical order."""
    return (a, b) if a <= b else (b, a)


def chronology_series(chron: Chronology) -> pd.DataFrame:
    """Long-form rows (source_actor, target_actor, directed, year, variable, value, unit, source)."""
    countries = {c for c, row in chron.reference.actors.items() if row["kind"] == "country"}
    rows = []
    for event in chron.events:
        states = [a for a in event.actors if a in countries]
        for a, b in combinations(states, 2):
            rows.append((*undirected(a, b), event.when.start.year, event.goldstein))
    first, last = (d.year for d in chron.reference.period)
    columns = ["source_actor", "target_actor", "directed", "year", "variable", "value", "unit", "source"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows, columns=["source_actor", "target_actor", "year", "goldstein"])
    stats = frame.groupby(["source_actor", "target_actor", "year"])["goldstein"].agg(["size", "mean"])
    dyads = sorted({(a, b) for a, b, _ in stats.index})
    full = pd.MultiIndex.from_tuples(
        [(a, b, y) for a, b in dyads for y in range(first, last + 1)],
        names=["source_actor", "target_actor", "year"],
    )
    stats = stats.reindex(full)
    stats["size"] = stats["size"].fillna(0)
    stats = stats.reset_index()
    counts = stats.assign(variable="chronology_events", value=stats["size"], unit="events")
    means = stats.assign(variable="chronology_goldstein_mean", value=stats["mean"], unit="goldstein")
    out = pd.concat([counts, means], ignore_index=True)
    out["directed"] = False
    out["source"] = SOURCE
    return out[columns].sort_values(["source_actor", "target_actor", "variable", "year"]).reset_index(drop=True)
