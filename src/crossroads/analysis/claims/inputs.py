"""What the claim tests read, computed once per run: events, eras, aid, closeness series, prospects.

Eras come from ``reference/eras.yaml`` (through :class:`~crossroads.model.reference.Reference`);
the aid series are built here under the plan's choices (constant or current dollars, CSF in or out,
fiscal-to-calendar mapping, true zeros or missing), so every choice is a parameter, not a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from crossroads.analysis.data import component_frame, dyad_events, events_frame, series_wide, stance_rows
from crossroads.analysis.index import RelationsIndex
from crossroads.analysis.kashmir import stance_table
from crossroads.analysis.relations import COMPONENTS, kashmir_prospects, relations_index
from crossroads.model.errors import CrossroadsError
from crossroads.model.reference import Era, Reference
from crossroads.paths import data_dir
from crossroads.store.store import Store

GREENBOOK_SPAN = (1948, 2019)
"""Fiscal years the Greenbook table covers; inside it an unlisted year is a true zero."""
CSF_SUM_VARIABLE = "crs_coalition_support_funds_sum_fy2002_2007"
CSF_SUM_YEARS = range(2002, 2008)
LAST_JUNE_FISCAL_YEAR = 1976
"""US fiscal years ended on 30 June up to FY1976 (with the transition quarter merged in), 30 September after."""


def fiscal_months(fy: int) -> dict[int, float]:
    """Share of fiscal year ``fy`` falling in each calendar year (by months)."""
    if fy < LAST_JUNE_FISCAL_YEAR:
        return {fy - 1: 6 / 12, fy: 6 / 12}
    if fy == LAST_JUNE_FISCAL_YEAR:
        return {fy - 1: 6 / 15, fy: 9 / 15}
    return {fy - 1: 3 / 12, fy: 9 / 12}


def to_calendar(fiscal: pd.Series, mapping: str) -> pd.Series:
    """Fiscal-year amounts as calendar-year amounts; a calendar year touched by a missing fiscal year is missing."""
    if mapping == "label":
        return fiscal.astype(float)
    if mapping != "pro_rata":
        raise ValueError(f"unknown fiscal mapping {mapping!r}")
    years = range(int(fiscal.index.min()) - 1, int(fiscal.index.max()) + 1)
    out = pd.Series(0.0, index=pd.Index(years, name="year"))
    for fy, value in fiscal.items():
        for year, share in fiscal_months(int(str(fy))).items():
            out[year] += share * value if not np.isnan(value) else np.nan
    # The last calendar year also needs the next fiscal year, which the source does not have. (The first
    # needs the fiscal year before the series, FY1947, which ended before Pakistan existed: a true zero.)
    out.iloc[-1] = np.nan
    return out


def era_years(eras: list[Era], years: range, shift: int = 0) -> dict[str, list[int]]:
    """Calendar years of each era: the era holding the year's first day, every boundary moved by ``shift``."""
    out: dict[str, list[int]] = {era.id: [] for era in eras}
    for year in years:
        day = date(min(max(year - shift, eras[0].start.year), eras[-1].end.year), 1, 1)
        day = max(day, eras[0].start)
        holder = next((e for e in eras if e.start <= day <= e.end), eras[-1])
        out[holder.id].append(year)
    return out


@dataclass
class ClaimData:
    """The inputs of every claim test, loaded lazily and kept for the run."""

    store: Store
    seed: int = 0
    reference_dir: Path = field(default_factory=data_dir)
    _cache: dict[str, pd.Series] = field(default_factory=dict, init=False, repr=False)
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False)
    """Results that do not depend on the specification (evidence lists, era years), computed once."""

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    @cached_property
    def eras(self) -> list[Era]:
        return Reference(self.reference_dir).eras

    @cached_property
    def years(self) -> range:
        return range(self.eras[0].start.year, self.eras[-1].end.year + 1)

    def era_years(self, shift: int = 0) -> dict[str, list[int]]:
        result: dict[str, list[int]] = self.once(f"eras:{shift}", lambda: era_years(self.eras, self.years, shift))
        return result

    @cached_property
    def events(self) -> pd.DataFrame:
        return events_frame(self.store)

    @cached_property
    def us_pak(self) -> pd.DataFrame:
        return dyad_events(self.events, "USA", "PAK")

    @cached_property
    def wide(self) -> pd.DataFrame:
        return series_wide(self.store, "USA", "PAK")

    @cached_property
    def ind_pak(self) -> pd.DataFrame:
        return series_wide(self.store, "IND", "PAK")

    @cached_property
    def prospects_table(self) -> pd.DataFrame:
        return kashmir_prospects(self.store)

    @cached_property
    def stances(self) -> pd.DataFrame:
        return stance_table(stance_rows(self.store))

    def prospects(self, weighting: str, actor: str | None = None) -> pd.Series:
        """Yearly mean stance (weighted by event kind, or equally), all outside actors or one."""
        result: pd.Series = self.once(f"prospects:{weighting}:{actor}", lambda: self._prospects(weighting, actor))
        return result

    def _prospects(self, weighting: str, actor: str | None) -> pd.Series:
        if weighting == "record":
            return self._record_posture(actor)
        table = self.stances if actor is None else self.stances[self.stances["actor"] == actor]
        weight = table["weight"] if weighting in {"weighted", "by_event_kind"} else pd.Series(1.0, index=table.index)
        grouped = (table["value"] * weight).groupby(table["year"]).sum() / weight.groupby(table["year"]).sum()
        return grouped.reindex(pd.Index(self.years, name="year")).astype(float)

    def _record_posture(self, actor: str | None) -> pd.Series:
        """Yearly posture from the two-coder Kashmir record (all outside actors, or one); silent years missing."""
        from crossroads.analysis.kashmir_record import load_record, series

        table: pd.DataFrame = self.once("record_series", lambda: series(load_record(), n_boot=0, seed=self.seed))
        rows: pd.Series = table[table["actor"] == (actor or "ALL")].set_index("year")["posture"]
        return rows.reindex(pd.Index(self.years, name="year")).astype(float)

    @cached_property
    def deflator(self) -> pd.Series:
        """Constant-dollar factor by fiscal year implied by the Foreign Aid Explorer over all recipients."""
        cur = self.store.cursor()
        try:
            frame = cur.execute(
                "SELECT year, variable, SUM(value) AS value FROM series WHERE source_actor = 'USA' AND variable IN "
                "('us_aid_obligations_constant', 'us_aid_obligations_current') GROUP BY year, variable"
            ).df()
        finally:
            cur.close()
        wide = frame.pivot_table(index="year", columns="variable", values="value")
        return (wide["us_aid_obligations_constant"] / wide["us_aid_obligations_current"]).rename("deflator")

    def aid_parts(self, csf: str, dollars: str, zeros: str) -> pd.DataFrame:
        """Economic, military and CSF aid to Pakistan by fiscal year, $ million."""
        first, last = GREENBOOK_SPAN
        fy = pd.Index(range(first, last + 1), name="year")
        econ = self.wide.get("us_aid_economic_greenbook[USA>PAK]", pd.Series(dtype=float)).reindex(fy)
        mil = self.wide.get("us_aid_military_greenbook[USA>PAK]", pd.Series(dtype=float)).reindex(fy)
        if zeros == "true_zero":
            unlisted = econ.isna() & mil.isna()
            econ, mil = econ.mask(unlisted, 0.0), mil.mask(unlisted, 0.0)
        elif zeros != "missing":
            raise ValueError(f"unknown zeros rule {zeros!r}")
        parts = pd.DataFrame({"economic": econ, "military": mil})
        parts["csf"] = 0.0
        if csf == "in":
            yearly = self.wide.get("crs_coalition_support_funds[USA>PAK]", pd.Series(dtype=float))
            total = self.wide.get(f"{CSF_SUM_VARIABLE}[USA>PAK]", pd.Series(dtype=float)).dropna()
            spread = pd.Series(float(total.iloc[0]) / len(CSF_SUM_YEARS), index=list(CSF_SUM_YEARS))
            csf_years = pd.concat([spread, yearly.dropna()]) if len(total) else yearly.dropna()
            parts["csf"] = csf_years.reindex(fy)
            parts.loc[fy < CSF_SUM_YEARS.start, "csf"] = 0.0
        elif csf != "out":
            raise ValueError(f"unknown CSF choice {csf!r}")
        if dollars == "constant":
            parts = parts.mul(self.deflator.reindex(fy), axis=0)
        elif dollars != "current":
            raise ValueError(f"unknown dollars choice {dollars!r}")
        return parts

    def aid(self, csf: str, dollars: str, fiscal: str, zeros: str) -> pd.Series:
        """Total US aid to Pakistan by calendar year, $ million, under the given choices."""
        key = f"aid:{csf}:{dollars}:{fiscal}:{zeros}"
        if key not in self._cache:
            parts = self.aid_parts(csf, dollars, zeros)
            total = parts.sum(axis=1, min_count=3)
            self._cache[key] = to_calendar(total, fiscal).reindex(pd.Index(self.years, name="year"))
        return self._cache[key]

    def closeness(self, variant: str) -> pd.Series:
        """A closeness series by name (see :data:`INDEX_VARIANTS`), on the study years."""
        key = f"index:{variant}"
        if key not in self._cache:
            if variant not in INDEX_VARIANTS:
                raise KeyError(f"unknown index variant {variant!r}; known: {', '.join(INDEX_VARIANTS)}")
            series = INDEX_VARIANTS[variant](self)
            self._cache[key] = series.reindex(pd.Index(self.years, name="year")).astype(float)
        return self._cache[key]

    @cached_property
    def war_onsets(self) -> list[int]:
        """Onset years of the India-Pakistan inter-state wars (COW), from the conflict table."""
        cols = [c for c in self.ind_pak.columns if c.startswith("cow_war_number")]
        if not cols:
            return []
        numbers = self.ind_pak[cols].max(axis=1).dropna()
        return sorted(int(str(numbers[numbers == n].index.min())) for n in numbers.unique())


def _un_rank(data: ClaimData) -> pd.Series:
    return data.wide.get("unga_ideal_point_proximity_rank", pd.Series(dtype=float))


def _pca(data: ClaimData) -> pd.Series:
    return relations_index(data.store, "USA", "PAK", n_boot=0, seed=data.seed).index


def _pca_no_alliance(data: ClaimData) -> pd.Series:
    components = tuple(c for c in COMPONENTS if c.name != "alliance")
    frame = component_frame(data.wide, components, "USA", "PAK", data.store.calendar().years)
    return RelationsIndex(min_components=min(2, frame.shape[1]), n_boot=0).fit(frame).index


def _pca_equal_weights(data: ClaimData) -> pd.Series:
    frame = component_frame(data.wide, COMPONENTS, "USA", "PAK", data.store.calendar().years)
    equal = pd.Series(1.0, index=frame.columns)
    return RelationsIndex(min_components=min(2, frame.shape[1]), n_boot=0).fit(frame, weights=equal).index


def _latent_series(data: ClaimData, name: str) -> pd.Series:
    """Posterior means of a path of the latent measure of US-Pakistan (committed summaries, converged only)."""
    from crossroads.analysis.measurement.api import latent_index

    series = latent_index(data.store, "USA", "PAK").series(name)
    if series.empty:
        raise CrossroadsError(
            f"the latent measure's {name} path is withheld (its fit did not converge), so it is no closeness "
            "series; see docs/measurement.md"
        )
    return series


def _latent(data: ClaimData) -> pd.Series:
    return _latent_series(data, "index").rename("latent")


def _latent_diplomatic(data: ClaimData) -> pd.Series:
    return _latent_series(data, "diplomatic").rename("latent_diplomatic")


def _latent_material(data: ClaimData) -> pd.Series:
    return _latent_series(data, "material").rename("latent_material")


INDEX_VARIANTS: dict[str, Callable[[ClaimData], pd.Series]] = {
    "un_rank": _un_rank,
    "pca": _pca,
    "pca_no_alliance": _pca_no_alliance,
    "pca_equal_weights": _pca_equal_weights,
    "latent": _latent,
    "latent_diplomatic": _latent_diplomatic,
    "latent_material": _latent_material,
}
"""Closeness series the multiverse draws on; a new measure joins with one entry here and its name in the
plan's ``index`` alternatives."""
