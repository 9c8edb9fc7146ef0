"""From the adapter's wide frames to one long table of observations the model reads.

Only observed cells become rows: a year a source does not cover (UN votes before a
state joined, ATOP after 2018, SIPRI after 2015) has no row, so it neither informs nor
pulls the state. Zeros stay zeros (no aid, no deliveries, no events that year).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crossroads.analysis.measurement.indicators import INDICATORS, Indicator
from crossroads.model.errors import CrossroadsError
from crossroads.model.reference import Reference
from crossroads.paths import data_dir

STUDY_YEARS = Reference(data_dir()).calendar.years
"""The study period, from reference/eras.yaml."""
FIRST_YEAR, LAST_YEAR = STUDY_YEARS.start, STUDY_YEARS.stop - 1
MIN_YEARS = 10
"""An indicator informs a dyad's path only with at least this many observed years that vary."""
MIN_EVENTS = 10
"""The event counts inform a dyad only when it has at least this many curated events in all."""
COLUMNS = ["dyad", "year", "indicator", "direction", "y", "n"]


class InsufficientDataError(CrossroadsError):
    """Too little data to identify a dyad's latent state: the message says which indicators and years."""


@dataclass(frozen=True)
class Observations:
    """Long observations of one or more dyads (``dyad``, ``year``, ``indicator``, ``direction``, ``y``, ``n``)."""

    frame: pd.DataFrame
    dyads: tuple[str, ...]
    years: tuple[int, ...] = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
    scales: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        present = set(self.frame["indicator"])
        return tuple(i for i in INDICATORS if i.name in present)

    def sha256(self) -> str:
        """Hash of the observations in a canonical order (what the committed fit was made from)."""
        canon = self.frame.sort_values(["dyad", "indicator", "direction", "year"])[COLUMNS]
        text = canon.to_csv(index=False, float_format="%.10g", lineterminator="\n")
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dyad_rows(wide: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The observed cells of one dyad as long rows (no row for a missing cell)."""
    label = f"{a}-{b}"
    wide = wide[(wide.index >= FIRST_YEAR) & (wide.index <= LAST_YEAR)]
    parts: list[pd.DataFrame] = []
    for ind in INDICATORS:
        if ind.family == "betabinom":
            share, votes = ind.variables
            if share not in wide.columns or votes not in wide.columns:
                continue
            both = wide[[share, votes]].dropna()
            both = both[both[votes] > 0]
            n = both[votes].round().astype(int)
            y = (both[share] * n).round().clip(0, n)
            parts.append(_rows(label, ind.name, "", y, n))
            continue
        if ind.family == "ordinal":
            for pattern in ind.variables:
                direction = pattern.format(a=a, b=b)
                level = _ordinal_level(wide, ind.levels, direction)
                if level is not None:
                    parts.append(_rows(label, ind.name, direction, level, None))
            continue
        for pattern in ind.variables:
            column = pattern.format(a=a, b=b)
            if column not in wide.columns:
                continue
            values = wide[column].dropna().astype(float)
            direction = column[column.index("[") + 1 : -1] if "[" in column else ""
            if ind.family == "hurdle":
                values = values.clip(lower=0.0)  # net de-obligations count as no flow that year
            parts.append(_rows(label, ind.name, direction, values, None))
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def _ordinal_level(wide: pd.DataFrame, levels: tuple[tuple[str, ...], ...], direction: str) -> pd.Series | None:
    """Per year, the highest level whose series show an obligation (0 = none); missing where all are missing."""
    columns = [[f"{name}[{direction}]" for name in names if f"{name}[{direction}]" in wide.columns] for names in levels]
    if not any(columns):
        return None
    observed = wide[[c for cols in columns for c in cols]].notna().any(axis=1)
    level = pd.Series(0.0, index=wide.index)
    for i, cols in enumerate(columns, start=1):
        if cols:
            level[(wide[cols].fillna(0) > 0).any(axis=1)] = float(i)
    return level[observed]


def _rows(dyad: str, indicator: str, direction: str, y: pd.Series, n: pd.Series | None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "dyad": dyad,
            "year": y.index.astype(int),
            "indicator": indicator,
            "direction": direction,
            "y": y.to_numpy(float),
            "n": (n.to_numpy(int) if n is not None else np.zeros(len(y), dtype=int)),
        }
    )


def coverage(frame: pd.DataFrame, dyad: str) -> pd.DataFrame:
    """Per indicator of a dyad: observed years, first and last year, whether it varies and informs."""
    rows = []
    part = frame[frame["dyad"] == dyad]
    events_total = int(part.loc[part["indicator"].str.startswith("events_"), "y"].sum())
    for ind in INDICATORS:
        own = part[part["indicator"] == ind.name]
        years = sorted(set(own["year"].astype(int)))
        share = own["y"] / own["n"].where(own["n"] > 0) if ind.family == "betabinom" else own["y"]
        varies = bool(share.nunique() > 1)
        informs = events_total >= MIN_EVENTS if ind.name.startswith("events_") else len(years) >= MIN_YEARS and varies
        rows.append(
            {
                "indicator": ind.name,
                "years": len(years),
                "first": years[0] if years else None,
                "last": years[-1] if years else None,
                "varies": varies,
                "informs": informs,
            }
        )
    return pd.DataFrame(rows)


def uninformed_years(frame: pd.DataFrame, dyad: str, years: tuple[int, ...]) -> list[int]:
    """Years in which no informing indicator of the dyad is observed (the band there is the prior's)."""
    cov = coverage(frame, dyad)
    informing = set(cov.loc[cov["informs"], "indicator"])
    part = frame[(frame["dyad"] == dyad) & frame["indicator"].isin(informing)]
    if any(name.startswith("events_") for name in informing):
        part = part[~part["indicator"].str.startswith("events_") | (part["y"] > 0)]
    seen = set(part["year"].astype(int))
    return [y for y in years if y not in seen]


def check_identified(frame: pd.DataFrame, dyad: str) -> None:
    """Refuse a dyad whose state the data cannot identify, naming what is missing."""
    cov = coverage(frame, dyad)
    informing = cov[cov["informs"]]
    if len(informing) >= 2:
        return
    lines = []
    for row in cov.to_dict(orient="records"):
        name, years = str(row["indicator"]), int(row["years"])
        span = f"{int(row['first'])}-{int(row['last'])}" if years else ""
        if years == 0:
            lines.append(f"  - {name}: no observations")
        elif not row["informs"]:
            why = "does not vary" if not row["varies"] else f"only {years} year(s)"
            if name.startswith("events_"):
                why = f"fewer than {MIN_EVENTS} curated events in all"
            lines.append(f"  - {name}: {span}, {years} year(s), {why}")
        else:
            lines.append(f"  - {name}: {span}, {years} year(s), informs")
    missing = uninformed_years(frame, dyad, tuple(range(FIRST_YEAR, LAST_YEAR + 1)))
    gaps = _spans(missing)
    raise InsufficientDataError(
        f"too little data to measure {dyad}: at least two indicators must inform the state "
        f"(>= {MIN_YEARS} observed years that vary, or >= {MIN_EVENTS} curated events), found "
        f"{len(informing)}.\n" + "\n".join(lines) + f"\n  years with no informing observation: {gaps or 'none'}"
    )


def _spans(years: list[int]) -> str:
    """1947, 1948, 1949, 1952 -> '1947-1949, 1952'."""
    out: list[str] = []
    for year in years:
        if out and int(out[-1].split("-")[-1]) == year - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{year}"
        else:
            out.append(str(year))
    return ", ".join(out)


def assemble(
    wides: dict[tuple[str, str], pd.DataFrame], check: bool = True, drop_constant: bool = True
) -> Observations:
    """Observations of several dyads, with each dyad checked for identification.

    ``drop_constant`` drops an indicator that never varies across all the dyads (its intercept
    would run off to infinity); scoring one dyad on a committed scale keeps it, since the
    committed parameters make even an all-zero flag informative.
    """
    frames = []
    for (a, b), wide in wides.items():
        rows = dyad_rows(wide, a, b)
        if check:
            check_identified(rows, f"{a}-{b}")
        frames.append(rows)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    constant = [n for n, part in frame.groupby("indicator") if drop_constant and part["y"].nunique() <= 1]
    frame = frame[~frame["indicator"].isin(constant)].reset_index(drop=True)  # e.g. no offence pact anywhere
    dyads = tuple(f"{a}-{b}" for a, b in wides)
    return Observations(frame=frame, dyads=dyads, scales=log_scales(frame))


def log_scales(frame: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Centre and spread of log positive amounts per hurdle indicator (fixed constants of the fit)."""
    out: dict[str, tuple[float, float]] = {}
    for name in ("aid", "arms"):
        pos = frame.loc[(frame["indicator"] == name) & (frame["y"] > 0), "y"]
        if len(pos) >= 2:
            logs = np.log(pos.to_numpy(float))
            out[name] = (float(logs.mean()), float(max(logs.std(ddof=1), 1e-6)))
    return out
