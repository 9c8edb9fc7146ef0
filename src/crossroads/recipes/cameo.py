"""Recipe: the CAMEO event codebook and the actor code list.

The chronology and the ingested event datasets share one code space: CAMEO
event codes with their Goldstein weights and PLOVER crosswalk, CAMEO country
codes (ISO3-style) and CAMEO known groups, plus a short hand-kept list of
actors CAMEO lacks (``data/reference/actors_extra.csv``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crossroads.model.errors import CrossroadsError
from crossroads.recipes.provenance import Provenance, write_table

CAMEO_CITATION = (
    "Schrodt, Philip A. 2012. CAMEO Conflict and Mediation Event Observations Event and "
    "Actor Codebook, version 1.1b3. Event Data Project, Penn State University. Goldstein, "
    "Joshua S. 1992. A Conflict-Cooperation Scale for WEIS Events Data. Journal of Conflict "
    "Resolution 36(2): 369-385. PLOVER crosswalk: Halterman, Schrodt, Beger, Bagozzi and "
    "Scarborough (2023), PLOVER and POLECAT (CC BY-SA 4.0)."
)


def _read_lookup(path: Path) -> pd.DataFrame:
    """GDELT lookups are ``CODE<TAB>LABEL`` with a header, sometimes no final newline."""
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, encoding_errors="replace")
    frame.columns = ["code", "label"]
    return frame[frame["code"] != "0"]


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Rebuild ``reference/cameo.csv`` and ``reference/actors.csv`` from the raw lookups."""
    cameo_dir = raw / "events" / "cameo"
    codebook_path = cameo_dir / "cameo_eventcodes_goldstein.tsv"
    codebook = pd.read_csv(codebook_path, sep="\t", dtype=str, keep_default_na=False)
    cameo = codebook[["code", "root_code", "level", "label", "goldstein", "quad_class", "plover_event"]].copy()
    cameo["goldstein"] = cameo["goldstein"].astype(float)
    cameo["quad_class"] = cameo["quad_class"].astype(int)
    prov = Provenance(
        table="cameo",
        source="CAMEO 1.1b3 event codes (GDELT lookups) with Goldstein weights and the 2021 CAMEO-to-PLOVER crosswalk",
        citation=CAMEO_CITATION,
        version="CAMEO 1.1b3; GDELT lookup CAMEO.goldsteinscale.txt; CAMEO2PLOVER-2021",
        transformation="Kept code, root, level, label, GDELT Goldstein weight, quad class and "
        "the PLOVER event types of each code; no values changed.",
    )
    prov.add_raw(codebook_path, raw)
    written = [out / "reference" / "cameo.csv"]
    write_table(cameo, written[0], prov)

    countries = _read_lookup(cameo_dir / "CAMEO.country.txt").assign(kind="country", origin="cameo_country")
    groups = _read_lookup(cameo_dir / "CAMEO.knowngroup.txt").assign(kind="organisation", origin="cameo_knowngroup")
    groups["label"] = groups["label"].str.replace("?", "'", regex=False)
    groups = groups[~groups["code"].isin(countries["code"])]  # PSE is listed as both
    countries.loc[countries["code"] == "RUS", "label"] = "Russia / Soviet Union (COW 365)"
    extra = pd.read_csv(out / "reference" / "actors_extra.csv", dtype=str).assign(origin="crossroads")
    actors = pd.concat([countries, groups, extra], ignore_index=True)
    clash = actors["code"][actors["code"].duplicated()].tolist()
    if clash:
        raise CrossroadsError(f"actor codes defined twice: {clash}; rename them in reference/actors_extra.csv")
    aprov = Provenance(
        table="actors",
        source="CAMEO country and known-group lookups (GDELT) plus reference/actors_extra.csv",
        citation=CAMEO_CITATION,
        version="GDELT lookups CAMEO.country.txt, CAMEO.knowngroup.txt",
        transformation="Country and known-group codes with their labels; the USSR shares RUS "
        "(COW 365); '?' for a lost apostrophe in group labels restored; PSE kept once (as a "
        "country); project extras appended.",
    )
    aprov.add_raw(cameo_dir / "CAMEO.country.txt", raw)
    aprov.add_raw(cameo_dir / "CAMEO.knowngroup.txt", raw)
    written.append(out / "reference" / "actors.csv")
    write_table(actors, written[1], aprov)
    return written
