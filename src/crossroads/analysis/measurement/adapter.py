"""The one place the measurement model reads a dyad's raw indicators.

Everything else in this package works on the frame this function returns, so the
source of the indicators (today the store's ``series`` table and its curated
events; later one unified panel) is changed here and nowhere else.
"""

from __future__ import annotations

import pandas as pd

from crossroads.analysis.data import dyad_events, events_frame, series_wide
from crossroads.store.store import Store

QUAD_COLUMNS = {1: "events_q1", 2: "events_q2", 3: "events_q3", 4: "events_q4"}
"""CAMEO quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""


def dyad_indicators(store: Store, a: str, b: str) -> pd.DataFrame:
    """A dyad's raw variables wide by year, plus its curated events counted by quad class.

    Series columns keep the store's names (directed ones as ``name[A>B]``). Event columns
    ``events_q1`` .. ``events_q4`` are counts of the curated events joining both states,
    zero in years of the chronology without such an event.
    """
    wide = series_wide(store, a, b)
    wide.index = wide.index.astype(int)
    events = dyad_events(events_frame(store), a, b)
    counts = (
        events.assign(year=[int(str(y)) for y in events["year"]])
        .groupby(["year", "quad_class"])
        .size()
        .unstack("quad_class")
        .reindex(columns=list(QUAD_COLUMNS))
        .rename(columns=QUAD_COLUMNS)
    )
    first, last = _chronology_years(store)
    years = pd.Index(range(first, last + 1), name="year")
    counts = counts.reindex(years).fillna(0).astype(int)
    return wide.join(counts, how="outer").rename_axis("year")


def _chronology_years(store: Store) -> tuple[int, int]:
    cur = store.cursor()
    try:
        row = cur.execute("SELECT min(year), max(year) FROM events").fetchone()
    finally:
        cur.close()
    if row is None or row[0] is None:
        return 0, -1
    return int(str(row[0])), int(str(row[1]))
