"""The event-data index of a dyad per year, from the ingested events (GDELT by default).

A variant of the relations index for any dyad with ingested data, read through the
Store: ``goldstein_weighted`` = Σ(Goldstein × NumMentions) / Σ NumMentions (a row
without mentions weighs 1) and ``coop_balance`` = (cooperative − conflictual events) /
events. Every year with any ingested row of the chosen origins is listed; ``events`` = 0
is then a true zero and both measures are missing (never 0); years with no ingested
data at all are absent. The sums come from one SQL text that DuckDB and Spark share
(``store.event_series.dyad_year_sql``), so :func:`index_from_years` gives the same
index from either engine.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crossroads.store.event_series import GDELT
from crossroads.store.store import Store

INDEX_START = 1979
"""GDELT 1.0 begins in 1979."""


def index_from_years(years: pd.DataFrame) -> pd.DataFrame:
    """``year, events, goldstein_weighted, coop_balance`` from the per-year sums."""
    events = years["events"].astype("int64")
    weight = years["weight"].astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        weighted = np.where(weight > 0, years["goldstein_x_weight"].astype("float64") / weight, np.nan)
        balance = np.where(events > 0, (years["cooperative"] - years["conflictual"]) / events, np.nan)
    return pd.DataFrame(
        {
            "year": years["year"].astype("int64"),
            "events": events,
            "goldstein_weighted": weighted,
            "coop_balance": balance,
        }
    ).reset_index(drop=True)


def event_index(
    store: Store, a: str = "USA", b: str = "PAK", origins: tuple[str, ...] = GDELT, start: int = INDEX_START
) -> pd.DataFrame:
    """The yearly event index of the undirected dyad ``a``–``b`` from the store's ingested events."""
    return index_from_years(store.dyad_years(a, b, origins, start))
