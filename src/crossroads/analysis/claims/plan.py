"""The frozen analysis plan: loading it, its fingerprint, its specifications and the verdict history."""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from crossroads.model.errors import CrossroadsError
from crossroads.paths import data_dir

PACKAGED_PLAN_DIR = Path(__file__).resolve().parents[2] / "data" / "plan"
"""The plan shipped with the package, used when a data folder given by CROSSROADS_DATA has none."""


def plan_dir(root: Path | None = None) -> Path:
    folder = (root or data_dir()) / "plan"
    if root is None and not (folder / "claims.yaml").exists():
        return PACKAGED_PLAN_DIR
    return folder


@dataclass(frozen=True)
class Plan:
    """The plan file as read, with its SHA-256 (printed with every run)."""

    path: Path
    text: str

    @classmethod
    def load(cls, root: Path | None = None) -> Plan:
        path = plan_dir(root) / "claims.yaml"
        if not path.exists():
            raise CrossroadsError(
                f"analysis plan not found at {path}; restore data/plan/claims.yaml from the repository"
            )
        return cls(path, path.read_text(encoding="utf-8"))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def content(self) -> dict[str, Any]:
        raw = yaml.safe_load(self.text)
        if not isinstance(raw, dict) or "claims" not in raw:
            raise CrossroadsError(f"{self.path}: expected a mapping with a 'claims' section")
        return raw

    @property
    def claims(self) -> dict[str, dict[str, Any]]:
        return dict(self.content["claims"])

    @property
    def targets(self) -> dict[str, float]:
        return dict(self.content.get("targets", {}))

    @property
    def changes(self) -> list[dict[str, Any]]:
        return list(self.content.get("changes") or [])

    def primary(self, claim: str) -> dict[str, Any]:
        entry = self.claims[claim]
        return {**dict(entry.get("primary") or {}), **_fixed(entry)}

    def specifications(self, claim: str) -> list[dict[str, Any]]:
        """Every combination of the claim's alternatives (the primary first), without duplicates."""
        entry = self.claims[claim]
        primary = self.primary(claim)
        alternatives = dict(entry.get("alternatives") or {})
        names = list(alternatives)
        specs = [primary]
        seen = {_key(primary)}
        for combo in itertools.product(*(alternatives[n] for n in names)):
            spec = {**primary, **dict(zip(names, combo, strict=True))}
            if spec.get("phases") == "change_points":
                spec["era_shift"] = 0  # era boundaries do not enter data-driven phases
            elif spec.get("phases") == "eras":
                spec["index"] = primary["index"]  # nor does the closeness series enter the historians' eras
            if _key(spec) not in seen:
                seen.add(_key(spec))
                specs.append(spec)
        return specs


def _fixed(entry: dict[str, Any]) -> dict[str, Any]:
    return {"strategic_eras": entry["strategic_eras"]} if "strategic_eras" in entry else {}


def _key(spec: dict[str, Any]) -> str:
    return repr(sorted((k, str(v)) for k, v in spec.items()))


def load_history(root: Path | None = None) -> list[dict[str, Any]]:
    path = plan_dir(root) / "verdict_history.yaml"
    if not path.exists():
        return []
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def record_verdicts(plan: Plan, verdicts: dict[str, str], root: Path | None = None) -> bool:
    """Append the verdicts under the current plan to the history unless they are already there."""
    history = load_history(root)
    if history and history[-1].get("plan_sha256") == plan.sha256 and history[-1].get("verdicts") == verdicts:
        return False
    history.append(
        {
            "plan": f"version {plan.content.get('version')}",
            "plan_sha256": plan.sha256,
            "recorded": date.today().isoformat(),
            "verdicts": verdicts,
        }
    )
    path = plan_dir(root) / "verdict_history.yaml"
    header = "".join(line + "\n" for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    path.write_text(header + yaml.safe_dump(history, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")
    return True


def load_calibration(root: Path | None = None) -> dict[str, Any]:
    """The recorded calibration (``calibration.json`` beside the plan): plan hash and results per claim."""
    path = plan_dir(root) / "calibration.json"
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def record_calibration(plan: Plan, results: list[dict[str, Any]], root: Path | None = None) -> Path:
    path = plan_dir(root) / "calibration.json"
    payload = {
        "plan_sha256": plan.sha256,
        "recorded": date.today().isoformat(),
        "claims": {r["id"]: {k: v for k, v in r.items() if k != "seconds"} for r in results},
    }
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
