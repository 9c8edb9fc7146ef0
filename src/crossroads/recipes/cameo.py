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


def _code_order(codes: pd.Series) -> pd.Series:
    """Codebook order: by root, then the code as text padded so 121 sorts before 1211 and 122."""
    return codes.map(lambda c: c.ljust(4, " "))


def _read_lookup(path: Path) -> pd.DataFrame:
    """GDELT lookups are ``CODE<TAB>LABEL`` with a header, sometimes no final newline."""
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, encoding_errors="replace")
    frame.columns = ["code", "label"]
    return frame[frame["code"] != "0"]


ICEWS_CODEBOOK = "icews_cameo_codebook.csv"
CROSSWALK = Path("plover/CAMEO2PLOVER-2021.txt")


def _crosswalk(path: Path) -> dict[str, str]:
    """CAMEO code → PLOVER event type(s) from the 2021 crosswalk (``CODE: TYPE, mode, context # label``)."""
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip()
        if ":" not in body:
            continue
        code, rest = (part.strip() for part in body.split(":", 1))
        kind = rest.split(",", 1)[0].strip()
        if code and kind and kind not in found.setdefault(code, []):
            found[code].append(kind)
    return {code: "|".join(kinds) for code, kinds in found.items()}


def _icews_extras(raw: Path, known: set[str], crosswalk: dict[str, str]) -> pd.DataFrame:
    """CAMEO 1.1b3 codes ICEWS uses that GDELT's lookup lacks: 1213 from the ICEWS copy of the
    codebook (with its Goldstein weight) and 1214 from the PLOVER crosswalk, which lists it
    with its label; 1214 takes the weight every other code under 121 carries (-4.0)."""
    icews = pd.read_csv(
        raw / "events" / "cameo" / ICEWS_CODEBOOK, dtype=str, keep_default_na=False, encoding_errors="replace"
    )
    rows = [
        (str(r["code"]), str(r["root_code"]), "sub", str(r["name"]), float(str(r["goldstein"])))
        for r in icews.to_dict(orient="records")
        if len(str(r["code"])) == 4 and str(r["code"]) not in known
    ]
    siblings = {code for code in known if code.startswith("121")} | {r[0] for r in rows}
    labels = {"1214": "Reject intelligence cooperation"}  # the crosswalk's comment for 1214
    for code, label in labels.items():
        if code not in siblings and code in crosswalk:
            rows.append((code, code[:2], "sub", label, -4.0))
    extra = pd.DataFrame(rows, columns=["code", "root_code", "level", "label", "goldstein"])
    extra["quad_class"] = 3
    extra["plover_event"] = extra["code"].map(crosswalk).fillna("")
    return extra


def rebuild(raw: Path, out: Path) -> list[Path]:
    """Rebuild ``reference/cameo.csv`` and ``reference/actors.csv`` from the raw lookups."""
    cameo_dir = raw / "events" / "cameo"
    codebook_path = cameo_dir / "cameo_eventcodes_goldstein.tsv"
    codebook = pd.read_csv(codebook_path, sep="\t", dtype=str, keep_default_na=False)
    cameo = codebook[["code", "root_code", "level", "label", "goldstein", "quad_class", "plover_event"]].copy()
    cameo["goldstein"] = cameo["goldstein"].astype(float)
    cameo["quad_class"] = cameo["quad_class"].astype(int)
    # One value per alternative: the crosswalk lists 175 twice (two labels), both ASSAULT.
    cameo["plover_event"] = cameo["plover_event"].map(lambda v: "|".join(dict.fromkeys(v.split("|"))) if v else v)
    crosswalk = _crosswalk(raw / "events" / CROSSWALK)
    extra = _icews_extras(raw, set(cameo["code"]), crosswalk)
    cameo = pd.concat([cameo, extra], ignore_index=True).sort_values("code", key=_code_order, kind="stable")
    prov = Provenance(
        table="cameo",
        source="CAMEO 1.1b3 event codes (GDELT lookups) with Goldstein weights and the 2021 CAMEO-to-PLOVER crosswalk",
        citation=CAMEO_CITATION + " Codes 1213 and 1214: Beger, Andreas. icews (R package), "
        "data-raw/cameo-codes.csv, commit c9548940 (the CAMEO 1.1b3 verb codebook as a table), and "
        "Schrodt, Philip A. 2021. CAMEO2PLOVER conversion table (PLOVER manual draft 0.8).",
        version="CAMEO 1.1b3; GDELT lookup CAMEO.goldsteinscale.txt; CAMEO2PLOVER-2021; icews cameo-codes.csv",
        transformation="Kept code, root, level, label, GDELT Goldstein weight, quad class and "
        "the PLOVER event types of each code; a PLOVER type listed twice for one code is kept "
        "once (175: ASSAULT). Added the two CAMEO 1.1b3 codes ICEWS uses and GDELT's lookup "
        "lacks: 1213 'Reject judicial cooperation' with its Goldstein weight -4.0 from the ICEWS "
        "copy of the CAMEO 1.1b3 codebook (andybega/icews data-raw/cameo-codes.csv), and 1214 "
        "'Reject intelligence cooperation' as the 2021 CAMEO-to-PLOVER crosswalk lists it; no "
        "published Goldstein weight for 1214 was found, so it takes -4.0, the weight of its "
        "parent 121 and of every sibling (1211, 1212, 1213). Both map to PLOVER REJECT "
        "(crosswalk) and quad class 3 (root 12).",
    )
    prov.add_raw(codebook_path, raw)
    prov.add_raw(raw / "events" / "cameo" / ICEWS_CODEBOOK, raw)
    prov.add_raw(raw / "events" / CROSSWALK, raw)
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
