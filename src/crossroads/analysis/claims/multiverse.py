"""Run every claim under every specification of the plan; the primary one gives the verdict."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from crossroads.analysis.claims.checks import CHECKS, Outcome
from crossroads.analysis.claims.findings import FINDINGS, robustness_sentence
from crossroads.analysis.claims.inputs import ClaimData
from crossroads.analysis.claims.plan import Plan, load_calibration
from crossroads.store.store import Store

VERDICTS = ("supported", "mixed", "not_supported", "not_testable")


@dataclass(frozen=True)
class ClaimResult:
    id: str
    claim: str
    verdict: str
    figures: dict[str, Any]
    method: str
    evidence: list[str] = field(default_factory=list)
    finding: str = ""
    """Plain sentences saying what the data show (primary specification), then how robust that is."""
    robustness: dict[str, float] = field(default_factory=dict)
    specifications: int = 1
    plan_sha256: str = ""
    kind: str = ""
    primary: dict[str, Any] = field(default_factory=dict)
    curve: list[dict[str, Any]] = field(default_factory=list)
    """Every specification with its verdict and headline figure (for a specification curve)."""
    test_robustness: dict[str, float] = field(default_factory=dict)
    """Shares of the test's own verdicts when calibration turned the claim ``not_testable``."""
    seconds: float = field(default=0.0, compare=False)
    """Time the claim's specifications took (for the bench; not a result, so not in ``as_dict``)."""

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("seconds")
        return out


def _claims_text(plan: Plan) -> dict[str, str]:
    return {cid: str(entry["question"]) for cid, entry in plan.claims.items()}


CLAIMS: dict[str, str] = _claims_text(Plan.load())
"""The claims in the paper's words, as the plan states them."""

HEADLINE = {
    "C3": "p_value", "C6": "rise_p_value", "C9": "p_value", "C10": "p_value", "C5": "economic_share",
    "C1": "first_event_days_after_independence", "C8": "us_stance_mean_before", "C4": "in_window",
}  # fmt: skip


def _method(entry: dict[str, Any]) -> str:
    parts = [str(entry.get("operationalisation", "")).strip()]
    if entry.get("null_hypothesis") and not str(entry["null_hypothesis"]).startswith("none"):
        parts.append(f"Null: {entry['null_hypothesis']}")
    parts.append(f"Decision: {entry.get('decision', '')}")
    return " ".join(p if p.endswith(".") else p + "." for p in parts if p)


def _uncalibrated(claim_id: str, calibration: dict[str, Any]) -> dict[str, Any] | None:
    """The recorded calibration of a claim if it failed the plan's targets (then the test cannot tell)."""
    record = (calibration.get("claims") or {}).get(claim_id)
    if record and record.get("applies") and record.get("meets_targets") is False:
        return dict(record)
    return None


def _gate_sentence(record: dict[str, Any]) -> str:
    return (
        f" The test cannot tell: on simulated data with the same trend, persistence and gaps it finds the stated "
        f"effect ({EFFECT_WORDS.get(record['id'], record['effect'])}) only "
        f"{round(record['power'] * 100)}% of the time and a false one "
        f"{round(record['false_positive_rate'] * 100)}% of the time, short of the plan's targets, so the claim is "
        "reported not testable with these data." + _detectable(record)
    )


EFFECT_WORDS = {
    "C3": "closeness one standard deviation higher in the alliance era than before it",
    "C6": "closeness one standard deviation higher in the Afghan-war era, with no fall after",
    "C9": "aid in the strategic eras twice that of other years",
    "C10": "phases whose levels of prospects differ by one standard deviation",
}
"""The plan's stated effects in words (the plan's ``calibration.effect`` says them in its own shorthand)."""


def _detectable(record: dict[str, Any]) -> str:
    larger = record.get("power_at_larger_effects") or {}
    reached = [k for k, v in larger.items() if v >= 0.8]
    if not reached:
        return ""
    multiple = float(reached[0].rstrip("x"))
    return f" It would find an effect {multiple:g} times as large {round(larger[reached[0]] * 100)}% of the time."


def run_claim(
    data: ClaimData, plan: Plan, claim_id: str, multiverse: bool = True, calibration: dict[str, Any] | None = None
) -> ClaimResult:
    """The primary specification's outcome, and the share of verdicts over every specification."""
    entry = plan.claims[claim_id]
    check = CHECKS[claim_id]
    started = time.perf_counter()
    specs = plan.specifications(claim_id) if multiverse else [plan.primary(claim_id)]
    outcomes = [check(data, spec) for spec in specs]
    elapsed = time.perf_counter() - started
    primary = outcomes[0]
    counts = Counter(o.verdict for o in outcomes)
    robustness = {v: counts[v] / len(outcomes) for v in VERDICTS if counts[v]}
    headline = HEADLINE.get(claim_id)
    curve = [
        {"specification": spec, "verdict": o.verdict, "value": o.figures.get(headline) if headline else None}
        for spec, o in zip(specs, outcomes, strict=True)
    ]
    finding = FINDINGS[claim_id](primary.figures) + robustness_sentence(robustness, len(outcomes))
    verdict, test_robustness = primary.verdict, {}
    failed = _uncalibrated(claim_id, calibration or {})
    if failed is not None:
        figures = {**primary.figures, "test_verdict": primary.verdict, "power": failed["power"]}
        figures["false_positive_rate"] = failed["false_positive_rate"]
        primary = Outcome("not_testable", figures, primary.evidence)
        verdict, test_robustness, robustness = "not_testable", robustness, {"not_testable": 1.0}
        finding = FINDINGS[claim_id](primary.figures) + _gate_sentence(failed)
        finding += robustness_sentence(test_robustness, len(outcomes)).replace(
            "specifications:", "specifications the test said:"
        )
    return ClaimResult(
        id=claim_id,
        claim=str(entry["question"]),
        verdict=verdict,
        figures=primary.figures,
        method=_method(entry),
        evidence=primary.evidence,
        finding=finding,
        robustness=robustness,
        specifications=len(outcomes),
        plan_sha256=plan.sha256,
        kind=str(entry.get("kind", "")),
        primary=specs[0],
        curve=curve,
        test_robustness=test_robustness,
        seconds=elapsed,
    )


def evaluate(store: Store, seed: int = 0, multiverse: bool = True, plan: Plan | None = None) -> list[ClaimResult]:
    """Run every claim of the plan against the store (the full multiverse unless told otherwise)."""
    plan = plan or Plan.load()
    data = ClaimData(store, seed=seed)
    calibration = load_calibration(plan.path.parent.parent)
    if calibration.get("plan_sha256") != plan.sha256:
        calibration = {}  # a calibration of another plan says nothing about this one
    return [run_claim(data, plan, claim_id, multiverse, calibration) for claim_id in plan.claims]
