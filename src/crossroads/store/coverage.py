"""How well the chronology covers the relationship: source kinds per era and events per year of a dyad.

A reader judging a chronology asks two things the event counts per era × dimension do not
answer: what kind of evidence the events rest on (primary documents and scholarship, or news,
reference works and mirrors), and whether any year of a dyad is thin. A thin year is reported
with what was searched for it (``data/coverage/searched.yaml``), so silence reads as "searched,
none found" rather than as a gap nobody looked at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from crossroads.paths import data_dir
from crossroads.store.store import Store

CITABLE = ("primary", "scholarly")
"""Kinds a reader can cite as evidence on their own."""


def source_kinds_by_era(store: Store) -> pd.DataFrame:
    """Per era (and overall): events, the share citing a primary or scholarly source, those resting on
    reference works alone, those citing a mirror, and the bibliography's sources by kind."""
    cur = store.cursor()
    try:
        cites = cur.execute(
            "SELECT e.id, e.era, s.kind FROM events e JOIN event_sources es ON es.event_id = e.id "
            "JOIN sources s ON s.key = es.source_key WHERE e.origin = 'curated'"
        ).df()
    finally:
        cur.close()
    rows: list[dict[str, Any]] = []
    for era, group in [*sorted(cites.groupby("era")), ("all", cites)]:
        kinds = group.groupby("id")["kind"].agg(set)
        rows.append(
            {
                "era": str(era),
                "events": len(kinds),
                "primary_or_scholarly": round(float(kinds.map(lambda k: bool(k & set(CITABLE))).mean()), 3),
                "reference_only": int(kinds.map(lambda k: k == {"reference"}).sum()),
                "citing_a_mirror": int(kinds.map(lambda k: "mirror" in k).sum()),
                "mirror_only": int(kinds.map(lambda k: k == {"mirror"}).sum()),
            }
        )
    return pd.DataFrame(rows)


def searched_years(root: Path | None = None) -> dict[tuple[str, int], dict[str, Any]]:
    """What was searched for each thin dyad-year, by (dyad, year)."""
    path = (root or data_dir()) / "coverage" / "searched.yaml"
    if not path.exists():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {(str(e["dyad"]), int(e["year"])): e for e in entries}


def dyad_years(store: Store, a: str, b: str, floor: int = 4, root: Path | None = None) -> pd.DataFrame:
    """Curated events with both states as actors, per year of the study period, with thin years flagged
    and what was searched for them."""
    cur = store.cursor()
    try:
        counts = cur.execute(
            "SELECT year, count(*) AS events FROM events WHERE origin = 'curated' "
            "AND list_contains(actors, ?) AND list_contains(actors, ?) GROUP BY year",
            [a, b],
        ).df()
    finally:
        cur.close()
    years = pd.Index(list(store.calendar().years), name="year")
    out = counts.set_index("year")["events"].reindex(years, fill_value=0).astype(int).to_frame()
    out["thin"] = out["events"] < floor
    searched = searched_years(root)
    notes = []
    for year, thin in zip(out.index, out["thin"], strict=True):
        entry = searched.get((f"{a}-{b}", int(year))) or searched.get((f"{b}-{a}", int(year)))
        if entry:
            notes.append(f"searched: {'; '.join(entry['searched'])}. {entry['found']}")
        else:
            notes.append("no search recorded" if thin else "")
    out["searched"] = notes
    return out.reset_index()
