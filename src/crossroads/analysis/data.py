"""What the analyses read from the store: events, coded Kashmir stances and dyad-year components.

Every analysis (and so the CLI, the report and the API that show it) reads the
store through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crossroads.indicators.panel import dyad_frame
from crossroads.model.reference import Calendar, Era
from crossroads.store.store import Store


def _query(store: Store, sql: str, params: list[object] | None = None) -> pd.DataFrame:
    cur = store.cursor()
    try:
        return cur.execute(sql, params or []).df()
    finally:
        cur.close()


def events_frame(store: Store) -> pd.DataFrame:
    """Every event with its year, era, actors, dimensions, code and weight."""
    return _query(
        store,
        "SELECT id, date, date_start, year, era, actors, cameo, cameo_root, quad_class, goldstein, "
        "dimensions, description FROM events ORDER BY date_start, id",
    )


def stance_rows(store: Store) -> pd.DataFrame:
    """One row per (Kashmir event, outside actor) with the stance and the event's attributes."""
    return _query(
        store,
        "SELECT k.event_id, e.year, k.actor, k.stance, e.actors, e.dimensions, e.cameo "
        "FROM kashmir_stances k JOIN events e ON e.id = k.event_id ORDER BY e.date_start, k.actor",
    )


def dyad_events(events: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Events whose actors include both states."""
    mask = [a in actors and b in actors for actors in events["actors"]]
    return events[mask]


def series_wide(store: Store, a: str, b: str) -> pd.DataFrame:
    """All series of a dyad by year: the one panel builder's dyad frame (see ``indicators.panel``).

    Directed variables are suffixed with their direction, e.g. ``us_aid_obligations_constant[USA>PAK]``;
    each state's own variables with its code, e.g. ``cinc[PAK]``.
    """
    return dyad_frame(store, a, b)


@dataclass(frozen=True)
class Component:
    """One ingredient of the relations index: where it comes from and which way is 'closer'."""

    name: str
    label: str
    variables: tuple[str, ...]  # first available wins; ``{a}``/``{b}`` are filled with the dyad
    transform: str = "identity"  # identity | log1p | negate | any_positive
    source: str = ""


def component_frame(
    wide: pd.DataFrame, components: tuple[Component, ...], a: str, b: str, years: range
) -> pd.DataFrame:
    """Oriented component columns (higher = closer) for ``years`` (the study period)."""
    index = pd.Index(years, name="year")
    out = pd.DataFrame(index=index)
    for comp in components:
        values = None
        for pattern in comp.variables:
            names = {pattern.format(a=a, b=b), pattern.format(a=b, b=a)}
            cols = [c for c in wide.columns if c in names]
            if cols:
                # flows and ties in either direction count (aid one way, an alliance obligation either way)
                combine = comp.transform in ("log1p", "any_positive")
                values = wide[cols].sum(axis=1, min_count=1) if combine else wide[cols[0]]
                break
        if values is None:
            continue
        values = values.reindex(index).astype(float)
        if comp.transform == "log1p":
            values = pd.Series(np.log1p(values.clip(lower=0).to_numpy()), index=index)
        elif comp.transform == "negate":
            values = -values
        elif comp.transform == "any_positive":
            values = (values > 0).astype(float).where(values.notna())
        if values.notna().sum() >= 5 and values.nunique() > 1:
            out[comp.name] = values
    return out


def events_by_year(events: pd.DataFrame) -> dict[int, np.ndarray]:
    """Goldstein weights of a dyad's events per year, for the event-resampling bootstrap."""
    return {int(str(y)): g["goldstein"].to_numpy(float) for y, g in events.groupby("year")}


def eras(store: Store) -> list[Era]:
    """The historians' eras as stored (so a store carries its own periodization)."""
    return list(store.calendar().eras)


def calendar(store: Store) -> Calendar:
    """The study period and the eras in years, as stored (a store built from edited eras follows them)."""
    return store.calendar()
