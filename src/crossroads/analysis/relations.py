"""The analyses for a dyad, wired to the store: index, phases, Kashmir prospects and the triangle.

These are the functions the CLI, the report and the API call; the numerical
methods live in ``index``, ``phases`` and ``kashmir``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crossroads.analysis.data import (
    Component,
    calendar,
    component_frame,
    dyad_events,
    events_by_year,
    events_frame,
    series_wide,
    stance_rows,
)
from crossroads.analysis.index import IndexResult, RelationsIndex, sensitivity
from crossroads.analysis.kashmir import LagCorrelation, lagged_correlation, prospects
from crossroads.analysis.phases import Phases, compare_with_eras, detect_phases
from crossroads.model.errors import CrossroadsError
from crossroads.model.reference import Calendar
from crossroads.store.store import Store

COMPONENTS: tuple[Component, ...] = (
    Component(
        "events_net",
        "Net cooperation of curated events (mean Goldstein weight)",
        ("chronology_goldstein_mean",),
        source="Crossroads chronology",
    ),
    Component(
        "un_votes",
        "UNGA ideal-point proximity rank (share of states farther apart)",
        ("unga_ideal_point_proximity_rank",),
        source="Bailey, Strezhnev and Voeten, ideal points",
    ),
    Component(
        "aid",
        "US aid obligations, log of constant dollars",
        ("us_aid_obligations_constant[{a}>{b}]",),
        "log1p",
        source="USAID Foreign Aid Explorer",
    ),
    Component(
        "arms",
        "Arms deliveries, log of SIPRI TIV (both directions)",
        ("sipri_tiv[{a}>{b}]",),
        "log1p",
        source="SIPRI Arms Transfers Database",
    ),
    Component(
        "alliance",
        "Any formal alliance tie",
        ("atop_defense[{a}>{b}]", "cow_defense", "cow_entente"),
        "any_positive",
        source="ATOP 5.1 / COW alliances 4.1",
    ),
)

# UN voting enters once, as a rank among all states: raw agreement shares are not comparable across
# sessions (the agenda changes), the distance between ideal points drifts with one state's isolation from
# everybody (the US in the 1980s), and two UN measures would weigh UN voting twice.


def parse_dyad(text: str) -> tuple[str, str]:
    """``USA-PAK`` -> ("USA", "PAK"), with a clear error for anything else."""
    parts = text.upper().replace("–", "-").split("-")
    if len(parts) != 2 or not all(len(p) >= 3 and p.isalpha() for p in parts) or parts[0] == parts[1]:
        raise ValueError(f"dyad {text!r} is not of the form AAA-BBB (ISO3 codes, e.g. USA-PAK)")
    return parts[0], parts[1]


def components(store: Store, a: str, b: str) -> tuple[pd.DataFrame, dict[int, np.ndarray]]:
    """The oriented components of a dyad and its events' weights by year."""
    frame = component_frame(series_wide(store, a, b), COMPONENTS, a, b, calendar(store).years)
    events = dyad_events(events_frame(store), a, b)
    return frame, events_by_year(events)


def relations_index(store: Store, a: str, b: str, n_boot: int = 200, seed: int = 0) -> IndexResult:
    frame, by_year = components(store, a, b)
    if frame.shape[1] == 0:
        raise CrossroadsError(
            f"no data for the dyad {a}-{b}: no series or curated events join these states; "
            "check the codes (ISO3, e.g. USA-PAK) with `crossroads export series`"
        )
    return RelationsIndex(min_components=min(2, frame.shape[1]), n_boot=n_boot, seed=seed).fit(frame, by_year)


def index_sensitivity(store: Store, a: str, b: str) -> pd.DataFrame:
    frame, _ = components(store, a, b)
    return sensitivity(frame, min_components=min(2, frame.shape[1]))


@dataclass(frozen=True)
class PhaseReport:
    phases: Phases
    comparison: dict[str, float]
    by_component: dict[str, list[int]]


def dyad_phases(store: Store, a: str, b: str, n_boot: int = 200, seed: int = 0) -> PhaseReport:
    """Change points of the index and of each component, set beside the eras."""
    return phases_of(relations_index(store, a, b, n_boot=0, seed=seed), calendar(store), n_boot=n_boot, seed=seed)


def phases_of(result: IndexResult, cal: Calendar, n_boot: int = 200, seed: int = 0) -> PhaseReport:
    """Change points of a fitted index and of each of its components, set beside the eras' first years."""
    series = result.index.dropna()
    phases = detect_phases(series, n_boot=n_boot, seed=seed)
    comparison = compare_with_eras(phases.breaks, cal.break_years(), [int(y) for y in series.index])
    by_component = {name: detect_phases(result.components[name], n_boot=0).breaks for name in result.components.columns}
    return PhaseReport(phases, comparison, by_component)


def kashmir_prospects(store: Store) -> pd.DataFrame:
    """Yearly Kashmir prospects (all outside actors and the US alone) beside conflict intensity."""
    rows = stance_rows(store)
    years = calendar(store).years
    overall = prospects(rows, years)
    us = prospects(rows, years, actor="USA")
    out = pd.DataFrame(
        {
            "prospects": overall["score"],
            "stances": overall["stances"],
            "us_support": us["score"],
            "us_stances": us["stances"],
        }
    )
    wide = series_wide(store, "IND", "PAK")
    for name in ("ucdp_intensity_218", "ucdp_intensity", "chronology_events"):
        if name in wide.columns:
            out[f"ind_pak_{name}"] = wide[name].reindex(out.index)
    crises = events_frame(store)
    crises = dyad_events(crises, "IND", "PAK")
    crisis_years = crises[[("war_crisis" in d) for d in crises["dimensions"]]].groupby("year").size()
    out["ind_pak_crisis_events"] = crisis_years.reindex(out.index).fillna(0).astype(int)
    return out


def closeness_vs_support(
    store: Store, seed: int = 0, index: pd.Series | None = None, prospects_frame: pd.DataFrame | None = None
) -> list[LagCorrelation]:
    """Did closer US-Pakistan relations come with US support on Kashmir? Correlation by lag.

    ``index`` and ``prospects_frame`` take results already computed (the analysis context passes them).
    """
    if index is None:
        index = relations_index(store, "USA", "PAK", n_boot=0).index
    support = (prospects_frame if prospects_frame is not None else kashmir_prospects(store))["us_support"]
    return lagged_correlation(index, support, seed=seed)


def triangle(store: Store, n_boot: int = 0, seed: int = 0, prospects_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """US-Pakistan against US-India (and China-Pakistan) on one common scale.

    The components of the dyads are stacked and standardized together with one set of
    weights, so the levels can be compared; ``tilt`` = US-PAK minus US-IND (positive: the US
    stood closer to Pakistan).
    """
    dyads = {"USA-PAK": ("USA", "PAK"), "USA-IND": ("USA", "IND"), "CHN-PAK": ("CHN", "PAK")}
    years = calendar(store).years
    frames = []
    for label, (a, b) in dyads.items():
        frame, _ = components(store, a, b)
        frames.append(frame.assign(dyad=label).set_index("dyad", append=True))
    stacked = pd.concat(frames).reorder_levels(["dyad", "year"])
    stacked = stacked.dropna(axis=1, thresh=10)
    fit = RelationsIndex(min_components=min(2, stacked.shape[1]), n_boot=n_boot, seed=seed).fit(stacked)
    wide = fit.index.unstack("dyad")
    out = pd.DataFrame(index=pd.Index(years, name="year"))
    for label in dyads:
        out[label] = wide[label].reindex(out.index) if label in wide.columns else np.nan
    out["tilt"] = out["USA-PAK"] - out["USA-IND"]
    for comp in ("aid", "un_votes", "arms"):
        if comp in stacked.columns:
            per = stacked[comp].unstack("dyad")
            if {"USA-PAK", "USA-IND"} <= set(per.columns):
                out[f"tilt_{comp}"] = (per["USA-PAK"] - per["USA-IND"]).reindex(out.index)
    prospects_frame = prospects_frame if prospects_frame is not None else kashmir_prospects(store)
    out["kashmir_prospects"] = prospects_frame["prospects"]
    return out
