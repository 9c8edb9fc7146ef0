"""One test per claim, each a function of the loaded inputs and one specification of the plan.

A specification is a dict of the plan's dimensions (``index``, ``era_shift``, ``csf`` …). Every
function returns the verdict with the figures behind it and the events that bear on it; the
thresholds and rules are the plan's (``data/plan/claims.yaml``), not chosen here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from crossroads.analysis.claims.inputs import ClaimData, to_calendar
from crossroads.analysis.claims.nulls import contrast_test, phase_test
from crossroads.analysis.phases import detect_phases

INDEPENDENCE = date(1947, 8, 14)
Spec = dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    verdict: str
    figures: dict[str, Any]
    evidence: list[str] = field(default_factory=list)


def _ids(frame: pd.DataFrame, limit: int = 25) -> list[str]:
    return [str(i) for i in frame["id"].head(limit)]


_DIMENSION_MEMO: dict[tuple[int, str], pd.DataFrame] = {}


def _with_dimension(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    key = (id(frame), dimension)
    if key not in _DIMENSION_MEMO or len(_DIMENSION_MEMO) > 64:
        if len(_DIMENSION_MEMO) > 64:
            _DIMENSION_MEMO.clear()
        _DIMENSION_MEMO[key] = frame[[dimension in d for d in frame["dimensions"]]]
    return _DIMENSION_MEMO[key]


def _mean(series: pd.Series, years: list[int]) -> float:
    values = series.to_numpy(float)[series.index.isin(years)]
    values = values[~np.isnan(values)]
    return float(values.mean()) if len(values) else float("nan")


def _labels(data: ClaimData, groups: dict[int, list[int]]) -> np.ndarray:
    """Group number per year of the study grid; years in no listed group get the last number."""
    rest = len(groups)
    labels = np.full(len(data.years), rest)
    years = np.array(list(data.years))
    for number, members in groups.items():
        labels[np.isin(years, members)] = number
    return labels


DECISION_ONLY = frozenset({"alpha", "war_window", "strategic_eras"})
"""Dimensions that change the decision but not the test: specifications differing only here share one test."""


def _test_key(claim: str, spec: Spec) -> str:
    return f"test:{claim}:" + repr(sorted((k, str(v)) for k, v in spec.items() if k not in DECISION_ONLY))


def _grid(series: pd.Series, data: ClaimData) -> tuple[np.ndarray, np.ndarray]:
    years = np.array(list(data.years))
    return years, series.reindex(years).to_numpy(float)


def c1(data: ClaimData, spec: Spec) -> Outcome:
    window = int(spec["window_days"])
    early = _with_dimension(data.us_pak, "diplomatic")
    early = early[early["year"] <= INDEPENDENCE.year + 1]
    days = [(d.date() - INDEPENDENCE).days for d in pd.to_datetime(early["date_start"])]
    early = early.assign(days=days).sort_values("days")
    near = early[(early["days"] - 66).abs() <= window]
    first = int(early["days"].min()) if len(early) else None
    if first is None:
        verdict = "not_testable"
    elif abs(first - 66) <= window:
        verdict = "supported"
    elif len(near):
        verdict = "mixed"
    else:
        verdict = "not_supported"
    figures = {
        "first_event_days_after_independence": first,
        "first_event_date": str(pd.Timestamp(early["date_start"].iloc[0]).date()) if len(early) else None,
        "events_near_day_66": len(near),
        "nearest_event_days": int(near["days"].iloc[0]) if len(near) else None,
        "window_days": window,
    }
    return Outcome(verdict, figures, _ids(early))


def c2(data: ClaimData, spec: Spec) -> Outcome:
    threshold, cut = float(spec["threshold_musd"]), float(spec["share_cut"])

    def make_strands() -> dict[str, pd.Series]:
        parts = data.aid_parts("out", "constant", spec["zeros"])
        return {
            "economic aid": to_calendar(parts["economic"], "pro_rata"),
            "military aid": to_calendar(parts["military"], "pro_rata"),
            "arms transfers": data.wide.get("sipri_tiv[USA>PAK]", pd.Series(dtype=float)),
        }

    def coverage() -> tuple[dict[str, float], dict[str, list[str]]]:
        strands: dict[str, pd.Series] = data.once(f"C2:strands:{spec['zeros']}", make_strands)
        eras = data.era_years(int(spec["era_shift"]))
        labels = {e.id: f"{min(eras[e.id])}–{max(eras[e.id])} ({e.label.lower()})" for e in data.eras if eras[e.id]}
        shares, missing_eras = {}, {}
        for name, series in strands.items():
            series = series.reindex(list(data.years)).dropna()
            flowing = series > threshold if threshold > 0 else series > 0
            shares[name] = float(flowing.mean()) if len(flowing) else float("nan")
            years_flowing = set(series.index[flowing.to_numpy()])
            missing_eras[name] = [
                labels[era] for era, years in eras.items() if years and not years_flowing & set(years)
            ]
        return shares, missing_eras

    shares, missing_eras = data.once(f"C2:{spec['zeros']}:{threshold}:{spec['era_shift']}", coverage)
    if all(s >= cut for s in shares.values()):
        verdict = "supported"
    elif not any(missing_eras.values()):
        verdict = "mixed"
    else:
        verdict = "not_supported"
    figures = {
        "share_of_years_with_flow": shares,
        "eras_without_flow": missing_eras,
        "threshold_musd": threshold,
        "share_cut": cut,
        "strands_not_measured": ["investment", "trade"],
    }

    def evidence() -> list[str]:
        dims = {"economic_aid", "military_aid", "arms_trade"}
        return _ids(data.us_pak[[bool(dims & set(d)) for d in data.us_pak["dimensions"]]], 40)

    return Outcome(verdict, figures, data.once("evidence:C2", evidence))


def c3(data: ClaimData, spec: Spec) -> Outcome:
    def memberships() -> tuple[pd.DataFrame, dict[str, bool]]:
        alliance = data.events[[("SOT" in a or "CTO" in a) and "PAK" in a for a in data.events["actors"]]]
        return alliance, {code: bool(len(alliance[[code in a for a in alliance["actors"]]])) for code in ("SOT", "CTO")}

    alliance, joined = data.once("C3:memberships", memberships)
    eras = data.era_years(int(spec["era_shift"]))
    series = data.closeness(spec["index"])
    years, values = _grid(series, data)
    result = data.once(
        _test_key("C3", spec),
        lambda: contrast_test(
            years,
            values,
            _labels(data, {0: eras["e1"], 1: eras["e2"]}),
            3,
            {"rise": np.array([-1.0, 1.0, 0.0])},
            detrend=spec["detrend"] == "yes",
            null=spec["null_model"],
            seed=data.seed,
        ),
    )["rise"]
    significant = result.p_value < float(spec["alpha"]) and result.estimate > 0
    verdict = "not_supported" if not all(joined.values()) else "supported" if significant else "mixed"
    figures = {
        "seato_documented": joined["SOT"],
        "cento_documented": joined["CTO"],
        "closeness_mean_e1": _mean(series, eras["e1"]),
        "closeness_mean_e2": _mean(series, eras["e2"]),
        "e1_years": [min(eras["e1"]), max(eras["e1"])],
        "e2_years": [min(eras["e2"]), max(eras["e2"])],
        "step_e2_minus_e1": result.estimate,
        "p_value": result.p_value,
        "autocorrelation": result.phi,
        "index": spec["index"],
    }
    return Outcome(verdict, figures, _ids(alliance))


def c4(data: ClaimData, spec: Spec) -> Outcome:
    channel = _with_dimension(data.events, "china_channel")
    if spec["definition"] == "three_states":
        keep = [{"USA", "CHN", "PAK"} <= set(a) for a in channel["actors"]]
    else:
        keep = ["PAK" in a and ("USA" in a or "CHN" in a) for a in channel["actors"]]
    channel = channel[keep]
    first, last = (int(y) for y in str(spec["window"]).split("-"))
    inside = channel[(channel["year"] >= first) & (channel["year"] <= last)]
    verdict = "supported" if len(inside) else "mixed" if len(channel) else "not_supported"
    figures = {
        "intermediary_events": len(channel),
        "in_window": len(inside),
        "window": [first, last],
        "years": sorted({int(y) for y in channel["year"]}),
        "definition": spec["definition"],
    }
    return Outcome(verdict, figures, _ids(channel))


def c5(data: ClaimData, spec: Spec) -> Outcome:
    parts = data.aid_parts(spec["csf"], spec["dollars"], "true_zero")
    first, last = (int(y) for y in str(spec["period"]).split("-"))
    window = parts.loc[first:last].dropna()
    total = float(window.sum().sum())
    share = float(window["economic"].sum() / total) if total > 0 else float("nan")
    cut = float(spec["cut"])
    if np.isnan(share):
        verdict = "not_testable"
    else:
        verdict = "supported" if share >= cut else "mixed" if share >= 0.25 else "not_supported"
    figures = {
        "economic_share": share,
        "economic_musd": float(window["economic"].sum()),
        "military_musd": float(window["military"].sum()),
        "csf_musd": float(window["csf"].sum()),
        "fiscal_years": [int(window.index.min()), int(window.index.max())] if len(window) else None,
        "fiscal_years_counted": len(window),
        "dollars": spec["dollars"],
        "csf": spec["csf"],
        "cut": cut,
    }
    return Outcome(
        verdict, figures, data.once("evidence:C5", lambda: _ids(_with_dimension(data.us_pak, "development"), 40))
    )


def c6(data: ClaimData, spec: Spec) -> Outcome:
    eras = data.era_years(int(spec["era_shift"]))
    start, end = (int(y) for y in str(spec["after"]).split("-"))
    after_first = max(eras["e5"]) + 1
    after = list(range(after_first, after_first + end - start + 1))
    series = data.closeness(spec["index"])
    years, values = _grid(series, data)
    results = data.once(
        _test_key("C6", spec),
        lambda: contrast_test(
            years,
            values,
            _labels(data, {0: eras["e4"], 1: eras["e5"], 2: after}),
            4,
            {"rise": np.array([-1.0, 1.0, 0.0, 0.0]), "fall": np.array([0.0, 1.0, -1.0, 0.0])},
            detrend=spec["detrend"] == "yes",
            null=spec["null_model"],
            seed=data.seed,
        ),
    )
    alpha = float(spec["alpha"])
    rose = results["rise"].p_value < alpha and results["rise"].estimate > 0
    fell = results["fall"].p_value < alpha and results["fall"].estimate > 0
    verdict = "supported" if rose and not fell else "mixed" if rose else "not_supported"
    figures = {
        "closeness_mean_before": _mean(series, eras["e4"]),
        "closeness_mean_during": _mean(series, eras["e5"]),
        "closeness_mean_after": _mean(series, after),
        "before_years": [min(eras["e4"]), max(eras["e4"])],
        "during_years": [min(eras["e5"]), max(eras["e5"])],
        "after_years": [after[0], after[-1]],
        "rise": results["rise"].estimate,
        "rise_p_value": results["rise"].p_value,
        "fall": results["fall"].estimate,
        "fall_p_value": results["fall"].p_value,
        "autocorrelation": results["rise"].phi,
        "index": spec["index"],
    }

    def evidence() -> list[str]:
        afghan = _with_dimension(data.us_pak, "afghanistan")
        return _ids(afghan[(afghan["year"] >= 1979) & (afghan["year"] <= 1993)])

    return Outcome(verdict, figures, data.once("evidence:C6", evidence))


STRATEGIC_ERAS: tuple[str, ...] = ("e2", "e5", "e7")
"""Default of the plan's ``strategic_eras`` (the specification carries the plan's list)."""


def _war_changes(aid: pd.Series, onsets: list[int], lead: int) -> dict[int, float]:
    """Relative change of aid from the year before each war to the response year (onset + lead)."""
    changes = {}
    for onset in onsets:
        before, response = aid.get(onset - 1, np.nan), aid.get(onset + lead, np.nan)
        if not (np.isnan(before) or np.isnan(response)) and before > 0:
            changes[onset] = float(response / before - 1)
    return changes


def c9(data: ClaimData, spec: Spec) -> Outcome:
    aid = data.aid(spec["csf"], spec["dollars"], spec["fiscal"], spec["zeros"])
    eras = data.era_years(int(spec["era_shift"]))
    chosen = tuple(spec.get("strategic_eras") or STRATEGIC_ERAS)
    strategic = sorted(y for era in chosen for y in eras[era])
    others = sorted(set(data.years) - set(strategic))
    key = f"logaid:{spec['csf']}:{spec['dollars']}:{spec['fiscal']}:{spec['zeros']}"
    years, values = data.once(key, lambda: _grid(np.log1p(aid.clip(lower=0)), data))
    result = data.once(
        _test_key("C9", spec),
        lambda: contrast_test(
            years,
            values,
            _labels(data, {0: others, 1: strategic}),
            2,
            {"uplift": np.array([-1.0, 1.0])},
            detrend=spec["detrend"] == "yes",
            null=spec["null_model"],
            seed=data.seed,
        ),
    )["uplift"]
    ratio = data.once(f"ratio:{key}:{spec['era_shift']}", lambda: _mean(aid, strategic) / _mean(aid, others))
    lead = 1 if spec["war_window"] == "next_year" else 0
    changes = data.once(f"wars:{key}:{lead}", lambda: _war_changes(aid, data.war_onsets, lead))
    fell = sum(c < 0 for c in changes.values())
    needs = result.p_value < float(spec["alpha"]) and result.estimate > 0
    not_pakistan = fell >= 2
    verdict = "supported" if needs and not_pakistan else "mixed" if needs or not_pakistan else "not_supported"
    figures = {
        "aid_ratio_strategic_vs_other": ratio,
        "log_uplift": result.estimate,
        "p_value": result.p_value,
        "autocorrelation": result.phi,
        "aid_change_after_wars": changes,
        "wars_followed_by_less_aid": fell,
        "strategic_eras": list(chosen),
        "csf": spec["csf"],
        "dollars": spec["dollars"],
    }

    def evidence() -> list[str]:
        wars = data.us_pak[data.us_pak["year"].isin([y + d for y in data.war_onsets for d in (0, 1)])]
        wars = wars[[bool({"sanctions", "military_aid", "economic_aid"} & set(d)) for d in wars["dimensions"]]]
        return _ids(wars, 40)

    return Outcome(verdict, figures, data.once("evidence:C9", evidence))


def phase_labels(data: ClaimData, spec: Spec) -> tuple[np.ndarray, list[int]]:
    """Phase number per study year: change points of the closeness series, or the historians' eras."""
    years = np.array(list(data.years))
    if spec["phases"] == "eras":
        eras = data.era_years(int(spec["era_shift"]))
        starts = [min(v) for v in list(eras.values())[1:] if v]
    else:
        key = f"breaks:{spec['index']}"
        if key not in data._cache:
            series = data.closeness(spec["index"]).dropna()
            data._cache[key] = pd.Series(detect_phases(series, n_boot=0).breaks, dtype=float)
        starts = [int(b) for b in data._cache[key]]
    labels = np.array([sum(y >= s for s in starts) for y in years])
    return labels, starts


def c10(data: ClaimData, spec: Spec) -> Outcome:
    labels, starts = phase_labels(data, spec)
    prospects = data.prospects(spec["prospects"])
    years, values = _grid(prospects, data)
    if len(starts) == 0:
        return Outcome("not_testable", {"phase_breaks": []}, [])
    result = data.once(
        _test_key("C10", spec),
        lambda: phase_test(
            years, values, labels, detrend=spec["detrend"] == "yes", null=spec["null_model"], seed=data.seed
        ),
    )
    means = [
        float(np.nanmean(values[labels == k])) if np.any(~np.isnan(values[labels == k])) else float("nan")
        for k in range(labels.max() + 1)
    ]
    verdict = "supported" if result.p_value < float(spec["alpha"]) else "not_supported"
    observed = prospects.dropna()
    trend = (
        float(np.corrcoef(observed.index.to_numpy(float), observed.to_numpy())[0, 1])
        if len(observed) > 2
        else float("nan")
    )
    figures = {
        "phase_starts": starts,
        "prospects_mean_by_phase": means,
        "explained_share": result.estimate,
        "p_value": result.p_value,
        "trend_correlation": trend,
        "years_with_prospects": len(observed),
        "phases": spec["phases"],
        "index": spec["index"],
    }
    return Outcome(
        verdict, figures, data.once("evidence:C10", lambda: _ids(_with_dimension(data.events, "kashmir"), 40))
    )


def c7(data: ClaimData, spec: Spec) -> Outcome:
    return Outcome("not_testable", {}, _ids(_with_dimension(data.us_pak, "kashmir")))


def c8(data: ClaimData, spec: Spec) -> Outcome:
    support = data.prospects(spec["weighting"], actor="USA")
    split = min(data.era_years(int(spec["era_shift"]))["e3"])
    early = _mean(support, [y for y in data.years if y < split])
    late = _mean(support, [y for y in data.years if y >= split])
    coded = int((data.stances["actor"] == "USA").sum())
    cut = float(spec["cut"])
    if coded == 0:
        verdict = "not_testable"
    elif early <= cut and late <= cut:
        verdict = "supported"
    elif early >= 0.5 and late >= 0.5:
        verdict = "not_supported"
    else:
        verdict = "mixed"
    figures = {
        "us_stance_mean_before": early,
        "us_stance_mean_after": late,
        "split_year": split,
        "us_stances_coded": coded,
        "cut": cut,
    }

    def evidence() -> list[str]:
        pairs = zip(data.events["actors"], data.events["dimensions"], strict=True)
        return _ids(data.events[[("USA" in a) and ("kashmir" in d) for a, d in pairs]], 40)

    return Outcome(verdict, figures, data.once("evidence:C8", evidence))


CHECKS: dict[str, Callable[[ClaimData, Spec], Outcome]] = {
    "C1": c1, "C2": c2, "C3": c3, "C4": c4, "C5": c5, "C6": c6, "C7": c7, "C8": c8, "C9": c9, "C10": c10,
}  # fmt: skip
