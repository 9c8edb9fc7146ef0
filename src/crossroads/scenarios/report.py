"""Everything the report section and the explorer tab need, as one plain dictionary.

``report_data`` gathers the issue scale's anchors, each era's inputs (with basis and evidence),
its predicted outcome with the 90% interval, the US-tilt counterfactual (the United States
taking Pakistan's line, the plebiscite anchor, at the salience it had) and the replication
summary. An era without enough inputs carries its error message instead of numbers.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from crossroads.model.errors import CrossroadsError
from crossroads.paths import data_dir
from crossroads.scenarios.kashmir import ANCHORS, STANCE_POSITION, chronology
from crossroads.scenarios.replication import replicate
from crossroads.scenarios.simulate import WhatIf, scenario

US_TILT = WhatIf("USA", "position", 75.0)


def report_data(draws: int = 1000, seed: int = 0) -> dict[str, Any]:
    eras: list[dict[str, Any]] = []
    for era in chronology(data_dir()).reference.eras:
        entry: dict[str, Any] = {"era": era.id, "label": era.label}
        try:
            base = scenario(era.id, draws=draws, seed=seed)
            entry["inputs"] = [asdict(r) for r in base.inputs]
            entry["outcome"] = asdict(base.baseline)
            # Where the record shows the US silent, it enters through the what-if (see scenarios.kashmir.entrant).
            tilt = scenario(era.id, draws=draws, seed=seed, what_ifs=[US_TILT])
            entry["us_tilt"] = {
                "what_if": str(US_TILT),
                "us_in_record": "USA" in [row.actor for row in base.inputs],
                "outcome": asdict(tilt.counterfactual) if tilt.counterfactual else None,
                "moved": tilt.moved_by_what_if,
            }
        except CrossroadsError as exc:
            entry["error"] = str(exc)
        eras.append(entry)
    rep = replicate()
    return {
        "anchors": {str(k): v for k, v in ANCHORS.items()},
        "stance_positions": STANCE_POSITION,
        "draws": draws,
        "seed": seed,
        "eras": eras,
        "replication": {
            "rounds": [
                {
                    k: r[k]
                    for k in (
                        "round",
                        "median",
                        "mean",
                        "published_median",
                        "published_mean",
                        "within_tolerance",
                        "note",
                    )
                }
                for r in rep.as_dict()["rounds"]
            ],
            "interpretation": rep.interpretation,
        },
    }
