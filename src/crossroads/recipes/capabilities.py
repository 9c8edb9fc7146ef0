"""Recipe: National Material Capabilities (NMC 7.0): CINC per state-year and the dyad ratio.

* ``cinc`` is monadic: one row per state-year with source_actor = target_actor = the
  state (directed False), so it sits in the same long table as the dyadic series
  and the panel verbs can attach it to either member of a dyad.
* ``cinc_ratio`` per undirected pair-year = CINC of source_actor / CINC of
  target_actor (the pair in alphabetical order, e.g. IND/PAK, PAK/USA).

Focus states only (the peacesciencer focus extract), 1946-2022; years without a
score are absent.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pandas as pd

from crossroads.recipes.countries import codes
from crossroads.recipes.provenance import Provenance
from crossroads.recipes.tables import long_form, write_series

RAW = Path("peacesciencer/cow_nmc_focus.csv")
SOURCE = "cow-nmc-7.0"
START = 1946
CITATION = (
    "Singer, J. David. 1987. "
    "Reconstructing the Correlates of War Dataset on Material Capabilities of States, 1816-1985. "
    "International Interactions 14(1): 115-32. NMC v7.0, as shipped in Miller, Steven V. 2022. "
    "{peacesciencer}. Conflict Management and Peace Science 39(6): 755-779."
)


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Write ``series/capabilities.csv``."""
    frame = pd.read_csv(raw / RAW).query("year >= @START").dropna(subset=["cinc"])
    frame["iso3"] = frame["ccode"].map(codes(raw).iso3_of_ccode)
    mono = frame.assign(source_actor=frame["iso3"], target_actor=frame["iso3"])
    wide = frame.pivot(index="year", columns="iso3", values="cinc")
    rows = []
    for a, b in combinations(sorted(wide.columns), 2):
        ratio = (wide[a] / wide[b]).dropna()
        rows.append(pd.DataFrame({"source_actor": a, "target_actor": b, "year": ratio.index, "r": ratio.to_numpy()}))
    pairs = pd.concat(rows, ignore_index=True)
    prov = Provenance(
        table="capabilities",
        source="COW National Material Capabilities v7.0 (peacesciencer focus extract)",
        citation=CITATION,
        version="NMC 7.0 (peacesciencer fe150a26; its ps_data_version table says 6, the file is 7.0)",
        transformation="cinc as published, monadic rows (source_actor = target_actor = the state), "
        "1946-2022; "
        "cinc_ratio = cinc(source_actor) / cinc(target_actor) per undirected pair in alphabetical order, "
        "years where both have a score. -9 was recoded to missing by peacesciencer.",
        terms="peacesciencer GPL-2; data under the COW project's terms.",
    )
    prov.add_raw(raw / RAW, raw)
    frames = [
        long_form(
            mono,
            variable="cinc",
            value="cinc",
            unit="share of system capabilities",
            source=SOURCE,
            directed=False,
        ),
        long_form(pairs, variable="cinc_ratio", value="r", unit="ratio", source=SOURCE, directed=False),
    ]
    return [write_series(frames, out, "capabilities", prov)]
