"""Findings in the sentences a historian would write, from the primary specification's figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def _n(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "unknown"
    return f"{float(value):.{digits}f}"


def _p(value: float) -> str:
    if np.isnan(value):
        return "an undefined p-value"
    return "p < 0.01" if value < 0.01 else f"p = {value:.2f}"


def _span(pair: list[int]) -> str:
    return f"{pair[0]}–{str(pair[1])[-2:]}" if pair[0] // 100 == pair[1] // 100 else f"{pair[0]}–{pair[1]}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _bn(musd: float) -> str:
    return f"${musd / 1000:.1f} billion" if musd >= 1000 else f"${musd:.0f} million"


def _events(n: int) -> str:
    return "no event" if n == 0 else "one event" if n == 1 else f"{n} events"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


INDEX_NAMES = {
    "un_rank": "UN voting closeness",
    "pca": "the relations index",
    "pca_no_alliance": "the relations index without its alliance input",
    "pca_equal_weights": "the relations index with equal weights",
}


def c1(f: dict[str, Any]) -> str:
    first = f["first_event_days_after_independence"]
    if first is None:
        return "The chronology holds no US–Pakistan diplomatic event of 1947–48."
    text = (
        f"The first US–Pakistan diplomatic event in the chronology ({f['first_event_date']}) came "
        f"{_days(first)} after independence"
    )
    if f["nearest_event_days"] is not None and f["nearest_event_days"] != first:
        return text + f"; another, {_days(f['nearest_event_days'])} after it, is the one near day 66."
    return text + "."


def c2(f: dict[str, Any]) -> str:
    shares = ", ".join(
        f"{name} in {round(share * 100)}% of years" for name, share in f["share_of_years_with_flow"].items()
    )
    gaps = [f"no {name} in {' or '.join(eras)}" for name, eras in f["eras_without_flow"].items() if eras]
    text = f"Flows above {_bn(f['threshold_musd'])} a year ran: {shares}."
    text += f" There was {'; '.join(gaps)}." if gaps else " Every strand flowed in every era."
    return text + " Investment and trade have no yearly series and are not scored."


def c3(f: dict[str, Any]) -> str:
    joined = (
        "Pakistan's SEATO and CENTO memberships are documented"
        if f["seato_documented"] and f["cento_documented"]
        else "A membership is missing from the chronology"
    )
    return (
        f"{joined}. {_cap(INDEX_NAMES.get(f['index'], f['index']))} averaged {_n(f['closeness_mean_e2'])} in "
        f"{_span(f['e2_years'])} against {_n(f['closeness_mean_e1'])} in {_span(f['e1_years'])}; "
        "beyond its trend the step "
        f"was {_n(f['step_e2_minus_e1'])} ({_p(f['p_value'])} against shifted dates)."
    )


def c4(f: dict[str, Any]) -> str:
    years = f["years"]
    where = f" ({', '.join(str(y) for y in years)})" if years else ""
    return (
        f"The chronology holds {_events(f['intermediary_events'])} in which Pakistan stood between the US and "
        f"China{where}; "
        f"{_events(f['in_window'])} in {_span(f['window'])}."
    )


def c5(f: dict[str, Any]) -> str:
    csf = " and Coalition Support Funds" if f["csf"] == "in" else ""
    years = f["fiscal_years"]
    return (
        f"Economic aid made up {round(f['economic_share'] * 100)}% of US aid to Pakistan in fiscal years "
        f"{_span(years)} ({f['dollars']} dollars: {_bn(f['economic_musd'])} economic against "
        f"{_bn(f['military_musd'] + f['csf_musd'])} military{csf})."
    )


def c6(f: dict[str, Any]) -> str:
    rose = "rose" if f["rise"] > 0 else "did not rise"
    return (
        f"{_cap(INDEX_NAMES.get(f['index'], f['index']))} {rose} from {_n(f['closeness_mean_before'])} in "
        f"{_span(f['before_years'])} to {_n(f['closeness_mean_during'])} in {_span(f['during_years'])} "
        f"({_p(f['rise_p_value'])}) and stood at {_n(f['closeness_mean_after'])} in {_span(f['after_years'])} "
        f"({_p(f['fall_p_value'])} for the fall)."
    )


def c7(f: dict[str, Any]) -> str:
    return (
        "A motive cannot be read from yearly measures of US aid, arms, alliance or UN votes; "
        "the data hold no record of Pakistan's reasons."
    )


def c8(f: dict[str, Any]) -> str:
    return (
        f"The US stance on Kashmir averaged {_n(f['us_stance_mean_before'])} before {f['split_year']} and "
        f"{_n(f['us_stance_mean_after'])} after, on a scale from −1 (India's line) to +1 (Pakistan's), over "
        f"{f['us_stances_coded']} coded positions."
    )


def c9(f: dict[str, Any]) -> str:
    wars = f["aid_change_after_wars"]
    changes = ", ".join(f"{'fell' if c < 0 else 'rose'} {abs(round(c * 100))}% after {y}" for y, c in wars.items())
    return (
        f"US aid in the eras of US strategic aims was {f['aid_ratio_strategic_vs_other']:.1f} times that of other "
        f"years ({_p(f['p_value'])} against shifted dates, trend and persistence kept). Aid {changes}."
    )


def c10(f: dict[str, Any]) -> str:
    source = (
        "the historians' eras" if f["phases"] == "eras" else "the phases of " + INDEX_NAMES.get(f["index"], f["index"])
    )
    return (
        f"Kashmir prospects fall over time (correlation with the year {_n(f['trend_correlation'])}). With that trend "
        f"removed, {source} explain {round(f['explained_share'] * 100)}% of their year-to-year variation "
        f"({_p(f['p_value'])} against random phases with as many breaks)."
    )


FINDINGS: dict[str, Callable[[dict[str, Any]], str]] = {
    "C1": c1, "C2": c2, "C3": c3, "C4": c4, "C5": c5, "C6": c6, "C7": c7, "C8": c8, "C9": c9, "C10": c10,
}  # fmt: skip


def robustness_sentence(robustness: dict[str, float], specifications: int) -> str:
    if specifications <= 1:
        return ""
    parts = [f"{verdict.replace('_', ' ')} in {round(share * 100)}%" for verdict, share in robustness.items()]
    return f" Across {specifications} equally defensible specifications: {', '.join(parts)}."
