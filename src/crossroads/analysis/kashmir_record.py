"""The Kashmir record: a sampling frame, coded units and their agreement, as two series.

The old prospects series (``analysis/kashmir.py``) scores stances attached to chronology
events, so it mixes how much was said with what was said and inherits which documents
happen to be declassified. This record separates the two:

* **attention** — how many documents of an actor in the sampling frame address Kashmir in a
  year; 0 where the frame was searched and nothing was found, missing where it was not searched;
* **posture** — the mean coded position (+1 internationalise, 0 neutral, −1 bilateral) of the
  documents that take one, with an interval that resamples the units and, for each unit, one of
  its coders' codes (so coder disagreement widens it); missing when no document takes a position.

The files live in ``data/kashmir`` (see its README and codebook); every problem found while
loading is reported with its file, line and field.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from crossroads.model.errors import DataError, Problem
from crossroads.model.reference import Reference
from crossroads.paths import data_dir

ACTORS: tuple[str, ...] = ("UNSC", "UNSG", "USA", "GBR", "RUS", "CHN", "FRA", "OIC")
OVERALL = "ALL"
POSTURES: tuple[str, ...] = ("internationalise", "neutral", "bilateral", "no_position")
SCORE: dict[str, float] = {"internationalise": 1.0, "neutral": 0.0, "bilateral": -1.0}
CONFIDENCE: tuple[str, ...] = ("high", "medium", "low")
YES_NO: tuple[str, ...] = ("yes", "no")
CODED_FIELDS: tuple[str, ...] = ("posture", "addresses_kashmir", "confidence", "comment")
ADJUDICABLE: tuple[str, ...] = ("posture", "addresses_kashmir")

UNIT_COLUMNS = (
    "unit_id",
    "actor",
    "date",
    "precision",
    "series",
    "document_title",
    "issuer",
    "url",
    "document_type",
    "summary",
)
FRAME_COLUMNS = (
    "actor",
    "year",
    "series",
    "series_name",
    "where_searched",
    "searched",
    "coverage",
    "documents_found",
    "result",
    "note",
)
CODING_COLUMNS = ("unit_id", *CODED_FIELDS)
ADJUDICATION_COLUMNS = ("unit_id", "field", "code_a", "code_b", "adjudicated", "reason")
_DATE_FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
_CODING_FILE = re.compile(r"coding_([a-z])\.csv")


def kashmir_dir(root: Path | None = None) -> Path:
    """The folder of the Kashmir record inside a data folder."""
    return (root or data_dir()) / "kashmir"


@dataclass(frozen=True)
class KashmirRecord:
    """The validated record: units, frame, one coding per coder and the adjudications."""

    folder: Path
    units: pd.DataFrame
    frame: pd.DataFrame
    codings: dict[str, pd.DataFrame]
    adjudication: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(ADJUDICATION_COLUMNS)))

    @property
    def coders(self) -> list[str]:
        return sorted(self.codings)

    def final_codes(self) -> pd.DataFrame:
        """The code each unit counts with: adjudicated, agreed, or the only coder's; and where it came from."""
        first = self.codings[self.coders[0]]
        out = pd.DataFrame(index=self.units.index)
        sources = pd.Series("", index=out.index, dtype=object)
        for name in ADJUDICABLE:
            codes = pd.concat({c: self.codings[c][name] for c in self.coders}, axis=1)
            agreed = codes.nunique(axis=1) == 1
            final = codes[self.coders[0]].where(agreed)
            adjudicated = self.adjudication[self.adjudication["field"] == name].set_index("unit_id")["adjudicated"]
            final = final.where(final.notna(), adjudicated.reindex(final.index))
            out[name] = final
        if len(self.coders) == 1:
            sources[:] = f"coder {self.coders[0]} only (no second coding yet)"
        else:
            for uid in out.index:
                fields = self.adjudication[self.adjudication["unit_id"] == uid]
                if len(fields):
                    sources[uid] = "adjudicated"
                elif out.loc[uid].isna().any():
                    sources[uid] = "disagreement not yet adjudicated"
                else:
                    sources[uid] = "coders agree"
        out["final_source"] = sources
        out["confidence"] = first["confidence"]
        return out


# ----------------------------------------------------------------------------- loading


def _read(path: Path, columns: tuple[str, ...], problems: list[Problem]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV with their line numbers; missing columns are one problem."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            problems.append(
                Problem(path, 1, None, None, f"missing column(s) {', '.join(missing)}; expected {', '.join(columns)}")
            )
            return []
        return [
            (i + 2, {k: (v or "").strip() for k, v in row.items() if k is not None}) for i, row in enumerate(reader)
        ]


def _check_choice(
    problems: list[Problem], path: Path, line: int, rid: str, name: str, value: str, allowed: tuple[str, ...]
) -> None:
    if value not in allowed:
        problems.append(Problem(path, line, rid, name, f"{value!r} is not one of {', '.join(allowed)}"))


def _load_frame(path: Path, problems: list[Problem], period: range) -> pd.DataFrame:
    rows, seen = [], set()
    for line, row in _read(path, FRAME_COLUMNS, problems):
        rid = f"{row['actor']} {row['year']} {row['series']}"
        _check_choice(problems, path, line, rid, "actor", row["actor"], ACTORS)
        _check_choice(problems, path, line, rid, "searched", row["searched"], YES_NO)
        if not row["year"].isdigit() or int(row["year"]) not in period:
            problems.append(Problem(path, line, rid, "year", f"expected a year {period.start}-{period.stop - 1}"))
            continue
        key = (row["actor"], int(row["year"]), row["series"])
        if key in seen:
            problems.append(Problem(path, line, rid, "series", "duplicate actor, year and series"))
        seen.add(key)
        found: int | None = None
        if row["searched"] == "yes":
            _check_choice(problems, path, line, rid, "coverage", row["coverage"], ("complete", "targeted"))
            if not row["documents_found"].isdigit():
                problems.append(Problem(path, line, rid, "documents_found", "a searched row needs a count (0 or more)"))
            else:
                found = int(row["documents_found"])
                expected = "found" if found else "none found in these sources"
                if row["result"] != expected:
                    problems.append(
                        Problem(path, line, rid, "result", f"expected {expected!r} for {found} document(s)")
                    )
        elif row["documents_found"] or row["result"] != "not searched":
            problems.append(
                Problem(path, line, rid, "documents_found", "an unsearched row has no count and result 'not searched'")
            )
        rows.append({**row, "year": int(row["year"]), "documents_found": found, "line": line})
    return pd.DataFrame(rows, columns=[*FRAME_COLUMNS, "line"])


def _load_units(path: Path, frame: pd.DataFrame, problems: list[Problem], period: range) -> pd.DataFrame:
    series_actor = dict(zip(frame["series"], frame["actor"], strict=True))
    searched = {(s, y) for s, y, f in zip(frame["series"], frame["year"], frame["searched"], strict=True) if f == "yes"}
    rows, seen = [], set()
    for line, row in _read(path, UNIT_COLUMNS, problems):
        uid = row["unit_id"]
        if not uid:
            problems.append(Problem(path, line, None, "unit_id", "empty unit_id"))
            continue
        if uid in seen:
            problems.append(Problem(path, line, uid, "unit_id", "duplicate unit_id"))
        seen.add(uid)
        _check_choice(problems, path, line, uid, "actor", row["actor"], ACTORS)
        form = _DATE_FORMS.get(row["precision"])
        year = 0
        if form is None:
            _check_choice(problems, path, line, uid, "precision", row["precision"], tuple(_DATE_FORMS))
        elif not re.fullmatch(form, row["date"]):
            problems.append(
                Problem(path, line, uid, "date", f"{row['date']!r} does not match precision {row['precision']}")
            )
        else:
            year = int(row["date"][:4])
            if year not in period:
                problems.append(
                    Problem(path, line, uid, "date", f"year {year} outside {period.start}-{period.stop - 1}")
                )
        if row["series"] not in series_actor:
            problems.append(Problem(path, line, uid, "series", f"{row['series']!r} is not a series of frame.csv"))
        elif series_actor[row["series"]] != row["actor"]:
            problems.append(
                Problem(path, line, uid, "series", f"series {row['series']} belongs to {series_actor[row['series']]}")
            )
        elif year and (row["series"], year) not in searched:
            problems.append(
                Problem(path, line, uid, "series", f"frame.csv does not record {row['series']} as searched in {year}")
            )
        if not re.match(r"https?://", row["url"]):
            problems.append(Problem(path, line, uid, "url", "every unit cites its document: an http(s) URL"))
        for name in ("document_title", "issuer", "document_type", "summary"):
            if not row[name]:
                problems.append(Problem(path, line, uid, name, "must not be empty"))
        rows.append({**row, "year": year, "line": line})
    return pd.DataFrame(rows, columns=[*UNIT_COLUMNS, "year", "line"]).set_index("unit_id", drop=False)


def _check_frame_counts(path: Path, frame: pd.DataFrame, units: pd.DataFrame, problems: list[Problem]) -> None:
    """The frame's counts must be the units actually recorded for each series and year."""
    counted = units.groupby(["series", "year"]).size().to_dict()
    columns = ("actor", "year", "series", "searched", "documents_found", "line")
    for actor, year, sid, searched, found, line in zip(*(frame[c] for c in columns), strict=True):
        if searched != "yes" or pd.isna(found):
            continue
        have = int(counted.get((sid, year), 0))
        if have != int(found):
            where = f"{actor} {year} {sid}"
            problems.append(
                Problem(path, int(line), where, "documents_found", f"says {int(found)} but units.csv has {have}")
            )


def _load_coding(path: Path, units: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    rows, seen = [], set()
    for line, row in _read(path, CODING_COLUMNS, problems):
        uid = row["unit_id"]
        if uid not in units.index:
            problems.append(Problem(path, line, uid, "unit_id", "not a unit of units.csv"))
            continue
        if uid in seen:
            problems.append(Problem(path, line, uid, "unit_id", "coded twice"))
        seen.add(uid)
        _check_choice(problems, path, line, uid, "posture", row["posture"], POSTURES)
        _check_choice(problems, path, line, uid, "addresses_kashmir", row["addresses_kashmir"], YES_NO)
        _check_choice(problems, path, line, uid, "confidence", row["confidence"], CONFIDENCE)
        if row["addresses_kashmir"] == "no" and row["posture"] != "no_position":
            problems.append(
                Problem(path, line, uid, "posture", "a document that does not address Kashmir is no_position")
            )
        rows.append(row)
    missing = sorted(set(units.index) - seen)
    if missing:
        problems.append(Problem(path, None, None, "unit_id", f"{len(missing)} unit(s) not coded, e.g. {missing[0]}"))
    return pd.DataFrame(rows, columns=list(CODING_COLUMNS)).set_index("unit_id").reindex(units.index)


def _load_adjudication(path: Path, codings: dict[str, pd.DataFrame], problems: list[Problem]) -> pd.DataFrame:
    rows, seen = [], set()
    a, b = (codings.get("a"), codings.get("b"))
    for line, row in _read(path, ADJUDICATION_COLUMNS, problems):
        uid, name = row["unit_id"], row["field"]
        if (uid, name) in seen:
            problems.append(Problem(path, line, uid, "field", "adjudicated twice"))
        seen.add((uid, name))
        _check_choice(problems, path, line, uid, "field", name, ADJUDICABLE)
        if a is None or b is None or uid not in a.index or name not in ADJUDICABLE:
            problems.append(Problem(path, line, uid, "unit_id", "adjudication needs a unit coded by coders a and b"))
            continue
        for coder, table in (("code_a", a), ("code_b", b)):
            if table.at[uid, name] != row[coder]:
                problems.append(Problem(path, line, uid, coder, f"does not match the coding ({table.at[uid, name]!r})"))
        _check_choice(
            problems, path, line, uid, "adjudicated", row["adjudicated"], POSTURES if name == "posture" else YES_NO
        )
        if not row["reason"]:
            problems.append(Problem(path, line, uid, "reason", "every adjudication records its reason"))
        rows.append(row)
    return pd.DataFrame(rows, columns=list(ADJUDICATION_COLUMNS))


def _study_period(folder: Path) -> range:
    """The study period of the data folder holding the record (its ``reference/eras.yaml``)."""
    root = folder.parent if (folder.parent / "reference" / "eras.yaml").is_file() else data_dir()
    return Reference(root).calendar.years


def load_record(folder: Path | None = None) -> KashmirRecord:
    """Read and validate the record; every problem is reported at once (file, line, unit, field)."""
    folder = folder or kashmir_dir()
    problems: list[Problem] = []
    for name in ("frame.csv", "units.csv"):
        if not (folder / name).is_file():
            problems.append(
                Problem(folder / name, None, None, None, "file missing; the record needs frame.csv and units.csv")
            )
    if problems:
        raise DataError(problems)
    period = _study_period(folder)
    frame = _load_frame(folder / "frame.csv", problems, period)
    units = _load_units(folder / "units.csv", frame, problems, period)
    _check_frame_counts(folder / "frame.csv", frame, units, problems)
    codings = {}
    for path in sorted(folder.glob("coding_*.csv")):
        match = _CODING_FILE.fullmatch(path.name)
        if not match:
            problems.append(Problem(path, None, None, None, "coding files are named coding_<letter>.csv"))
            continue
        codings[match.group(1)] = _load_coding(path, units, problems)
    if not codings:
        problems.append(Problem(folder / "coding_a.csv", None, None, None, "no coding file; code the units first"))
    adjudication = pd.DataFrame(columns=list(ADJUDICATION_COLUMNS))
    if (folder / "adjudication.csv").is_file():
        adjudication = _load_adjudication(folder / "adjudication.csv", codings, problems)
    if problems:
        raise DataError(problems)
    return KashmirRecord(folder, units, frame, codings, adjudication)


# ----------------------------------------------------------------------------- series


def _score_matrix(record: KashmirRecord) -> np.ndarray:
    """Scores per unit (rows, in ``record.units`` order) and coder (columns); NaN where no position."""
    table = np.full((len(record.units), len(record.coders)), np.nan)
    for j, coder in enumerate(record.coders):
        table[:, j] = record.codings[coder]["posture"].map(SCORE).to_numpy(dtype=float)
    return table


def posture_interval(
    scores: np.ndarray, n_boot: int, rng: np.random.Generator, level: float = 0.9
) -> tuple[float, float]:
    """Percentile interval of the mean, resampling units and one coder's code per unit."""
    n, k = scores.shape
    if n == 0 or np.isnan(scores).all():
        return float("nan"), float("nan")
    rows = rng.integers(0, n, size=(n_boot, n))
    cols = rng.integers(0, k, size=(n_boot, n))
    draws = scores[rows, cols]
    valid = ~np.isnan(draws).all(axis=1)
    if not valid.any():
        return float("nan"), float("nan")
    means = np.nanmean(draws[valid], axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)


def _coverage(frame: pd.DataFrame) -> dict[tuple[str, int], str]:
    """Per actor (and ``ALL``) and year: ``complete`` if a completely enumerated series was searched,
    ``targeted`` if only targeted ones were; absent when nothing was searched."""
    searched = frame[frame["searched"] == "yes"]
    out: dict[tuple[str, int], str] = {}
    for actor, year, cov in zip(searched["actor"], searched["year"], searched["coverage"], strict=True):
        for key in ((str(actor), int(year)), (OVERALL, int(year))):
            if out.get(key) != "complete":
                out[key] = str(cov)
    return out


def series(record: KashmirRecord, n_boot: int = 1000, seed: int = 0, level: float = 0.9) -> pd.DataFrame:
    """Attention and posture by year for each actor and overall (``ALL``) over the study period."""
    rng = np.random.default_rng(seed)
    final = record.final_codes()
    ids = np.array(record.units.index, dtype=object)
    years = record.units["year"].to_numpy()
    actors = record.units["actor"].to_numpy()
    addresses = (final["addresses_kashmir"] == "yes").to_numpy()
    final_score = final["posture"].map(SCORE).to_numpy(dtype=float)
    matrix = _score_matrix(record)
    any_code = ~np.isnan(matrix).all(axis=1)
    coverage = _coverage(record.frame)
    period = _study_period(record.folder)
    rows: list[dict[str, Any]] = []
    for actor in (*ACTORS, OVERALL):
        mine = np.ones(len(ids), bool) if actor == OVERALL else actors == actor
        for year in period:
            here = mine & (years == year)
            cov = coverage.get((actor, year), "")
            scored = final_score[here]
            scored = scored[~np.isnan(scored)]
            posture = float(scored.mean()) if len(scored) else float("nan")
            low = high = float("nan")
            if len(scored):
                low, high = posture_interval(matrix[here & any_code], n_boot, rng, level)
            rows.append(
                {
                    "year": year,
                    "actor": actor,
                    "attention": float(addresses[here].sum()) if cov else float("nan"),
                    "posture": posture,
                    "lo": low,
                    "hi": high,
                    "units": int(here.sum()),
                    "scored": len(scored),
                    "coverage": cov or "not searched",
                    "unit_ids": [str(u) for u in ids[here]],
                }
            )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- agreement


@dataclass(frozen=True)
class FieldAgreement:
    alpha: float
    lo: float
    hi: float
    level: str


def _reliability(record: KashmirRecord, name: str) -> tuple[np.ndarray, str]:
    """Coders × units matrix of numeric codes (NaN missing) and the level of measurement."""
    if name == "score":
        table = [record.codings[c]["posture"].map(SCORE).to_numpy(dtype=float) for c in record.coders]
        return np.vstack(table), "interval"
    values = POSTURES if name == "posture" else YES_NO
    index = {v: float(i) for i, v in enumerate(values)}
    table = [record.codings[c][name].map(index).to_numpy(dtype=float) for c in record.coders]
    return np.vstack(table), "nominal"


def alpha(data: np.ndarray, level: str) -> float:
    """Krippendorff's α; NaN when it is undefined (fewer than two values, or no pairable unit)."""
    import krippendorff

    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    values = np.unique(data[:, pairable][~np.isnan(data[:, pairable])])
    if pairable.sum() == 0 or len(values) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))  # type: ignore[arg-type]


def field_agreement(data: np.ndarray, level: str, n_boot: int, seed: int, ci: float = 0.95) -> FieldAgreement:
    """α with a percentile bootstrap interval over units (resampled with replacement)."""
    rng = np.random.default_rng(seed)
    point = alpha(data, level)
    n = data.shape[1]
    boots = [alpha(data[:, rng.integers(0, n, n)], level) for _ in range(n_boot)]
    finite = np.array([b for b in boots if not np.isnan(b)])
    if np.isnan(point) or not len(finite):
        return FieldAgreement(point, float("nan"), float("nan"), level)
    tail = (1 - ci) / 2
    low, high = np.quantile(finite, [tail, 1 - tail])
    return FieldAgreement(point, float(low), float(high), level)


AGREEMENT_FIELDS: tuple[str, ...] = ("posture", "addresses_kashmir", "score")
"""``score`` is posture on its −1/0/+1 scale (interval α), no_position left out."""


def agreement(record: KashmirRecord, n_boot: int = 1000, seed: int = 0) -> dict[str, Any]:
    """``{field: {alpha, lo, hi, level}, units, coders}``; says so plainly when only one coding exists."""
    out: dict[str, Any] = {"units": len(record.units), "coders": len(record.coders)}
    if len(record.coders) < 2:
        for name in AGREEMENT_FIELDS:
            out[name] = {"alpha": None, "lo": None, "hi": None}
        out["note"] = (
            f"only one coding exists (coder {record.coders[0]}); agreement needs a second, independent coding "
            "(coding_b.csv) of the same units"
        )
        return out
    for name in AGREEMENT_FIELDS:
        data, level = _reliability(record, name)
        result = field_agreement(data, level, n_boot, seed)
        out[name] = {
            "alpha": None if np.isnan(result.alpha) else result.alpha,
            "lo": None if np.isnan(result.lo) else result.lo,
            "hi": None if np.isnan(result.hi) else result.hi,
            "level": level,
        }
    return out


# ----------------------------------------------------------------------------- export


def export_table(record: KashmirRecord) -> pd.DataFrame:
    """Every unit with each coder's codes, the code it counts with and where that came from."""
    out = record.units[list(UNIT_COLUMNS)].copy()
    for coder in record.coders:
        coded = record.codings[coder][list(CODED_FIELDS)].add_suffix(f"_{coder}")
        out = out.join(coded)
    final = record.final_codes()
    out["posture_final"] = final["posture"]
    out["addresses_kashmir_final"] = final["addresses_kashmir"]
    out["final_source"] = final["final_source"]
    reasons: dict[str, str] = {}
    for uid, reason in zip(record.adjudication["unit_id"], record.adjudication["reason"], strict=True):
        reasons[uid] = f"{reasons[uid]} | {reason}" if uid in reasons else reason
    out["adjudication_reason"] = [reasons.get(str(uid), "") for uid in out.index]
    return out.reset_index(drop=True)
