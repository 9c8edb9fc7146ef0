"""The retrospective check: does the model see movement toward compromise where real talks happened?

Specification (written before the Kashmir runs; not tuned afterwards):

* **Windows** — the negotiation windows named in the plan, each pinned to its event in the coded
  record (its era comes from the record's date, through ``Reference.era_of``).
* **Primary measure** — an era "predicts movement toward compromise" when, in at least half the
  draws, the India–Pakistan gap closes by at least ``GAP_CLOSED`` points over the rounds.
* **Secondary measure** (added after the primary came out null everywhere, and labelled so): the
  predicted outcome moves toward the compromise anchor (50) by at least ``GAP_CLOSED`` points
  between round 0 and the last round (the median outcome's distance to 50 shrinks).
* The result is reported as it comes out: hits, misses and false alarms per era.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from crossroads.model.errors import CrossroadsError
from crossroads.paths import data_dir
from crossroads.scenarios.kashmir import chronology
from crossroads.scenarios.model import Interpretation
from crossroads.scenarios.simulate import GAP_CLOSED, scenario

WINDOWS: tuple[tuple[str, str], ...] = (
    ("1962–63 ministerial talks (Bhutto–Swaran Singh)", "1962-12-27-bhutto-swaran-singh-talks-first-round-rawalpindi"),
    ("Tashkent 1966", "1966-01-10-tashkent-declaration-signed"),
    ("Simla 1972", "1972-07-02-simla-agreement"),
    ("Lahore 1999", "1999-02-21-lahore-declaration"),
    ("Agra 2001", "2001-07-14-agra-summit"),
    ("2004–07 composite dialogue and back channel", "2004-01-06-islamabad-joint-statement"),
)
COMPROMISE_ANCHOR = 50.0


@dataclass(frozen=True)
class EraCheck:
    era: str
    label: str
    windows: list[str]
    predicted_outcome: float
    interval: tuple[float, float]
    start_outcome: float
    p_gap_closes: float
    primary: bool | None
    secondary: bool | None
    error: str = ""


def windows_by_era() -> dict[str, list[str]]:
    chron = chronology(data_dir())
    events = {e.id: e for e in chron.events}
    out: dict[str, list[str]] = {}
    for label, event_id in WINDOWS:
        event = events.get(event_id)
        if event is None:
            raise CrossroadsError(f"negotiation window {label!r}: event {event_id} is not in the chronology")
        era = chron.reference.era_of(event.when.start)
        out.setdefault(era.id, []).append(label)
    return out


def retrospective(draws: int = 1000, seed: int = 0, how: Interpretation | None = None) -> dict[str, Any]:
    """Each era's prediction beside the real windows, with the hit/miss tally for both measures."""
    by_era = windows_by_era()
    chron = chronology(data_dir())
    rows: list[EraCheck] = []
    for era in chron.reference.eras:
        windows = by_era.get(era.id, [])
        try:
            sc = scenario(era.id, draws=draws, seed=seed, how=how)
        except CrossroadsError as exc:
            rows.append(
                EraCheck(
                    era.id,
                    era.label,
                    windows,
                    float("nan"),
                    (float("nan"), float("nan")),
                    float("nan"),
                    float("nan"),
                    None,
                    None,
                    str(exc),
                )
            )
            continue
        b = sc.baseline
        toward = abs(b.start_median - COMPROMISE_ANCHOR) - abs(b.median - COMPROMISE_ANCHOR)
        rows.append(
            EraCheck(
                era=era.id,
                label=era.label,
                windows=windows,
                predicted_outcome=b.median,
                interval=(b.low, b.high),
                start_outcome=b.start_median,
                p_gap_closes=b.p_compromise,
                primary=b.p_compromise >= 0.5,
                secondary=toward >= GAP_CLOSED,
            )
        )
    tally = {}
    for measure in ("primary", "secondary"):
        scored = [r for r in rows if getattr(r, measure) is not None]
        tally[measure] = {
            "hits": sum(1 for r in scored if getattr(r, measure) and r.windows),
            "misses": sum(1 for r in scored if not getattr(r, measure) and r.windows),
            "false_alarms": sum(1 for r in scored if getattr(r, measure) and not r.windows),
            "correct_rejections": sum(1 for r in scored if not getattr(r, measure) and not r.windows),
        }
    return {"draws": draws, "seed": seed, "eras": [asdict(r) for r in rows], "tally": tally}
