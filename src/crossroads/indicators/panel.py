"""The one dyad-year panel, built by verbs, peacesciencer style, reading the store.

Every analysis, the report's charts and the API read indicator series through
this module. ``dyad_years("USA", "PAK")`` makes the unit of analysis (one row
per year for an undirected pair in alphabetical order; two rows per year, one per
direction, for a directed one); each ``add_*`` verb joins the variables of one
family of sources from the store as wide columns. Years a source does not cover
are missing (NaN), never 0. ``dyad_frame(store, a, b)`` is one dyad with every
family, by year, with the directions named by code. Column naming in panels:

* undirected variables: ``<variable>``;
* directed variables (aid, arms, battle deaths): ``<variable>`` on a directed panel
  (source_actor -> target_actor); on an undirected panel both directions,
  ``<variable>_1to2`` (source_actor -> target_actor) and ``<variable>_2to1``;
* monadic variables (CINC, SIPRI import totals, ideal points, Kashmir conflict):
  ``<variable>_1`` for source_actor and ``<variable>_2`` for target_actor.

Every verb checks its input and refuses to add a column twice; no verb changes the
number of rows. ``citations(panel)`` gives BibTeX for the sources a panel used and
``versions()`` the version and build of every table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from crossroads.indicators.sources import BIBTEX, PEACESCIENCER, VIA_PEACESCIENCER
from crossroads.model.errors import CrossroadsError
from crossroads.model.reference import Reference
from crossroads.paths import data_dir
from crossroads.store.store import Store

KEY = ["source_actor", "target_actor", "year"]
CODE = re.compile(r"^[A-Z]{3}$")
REBUILD = "run `crossroads data rebuild --raw ../shared/data` (or restore data/series/ from git)"


def dyad_years(
    a: str, b: str, start: int | None = None, end: int | None = None, directed: bool = False
) -> pd.DataFrame:
    """The unit of analysis: the pair ``a``-``b`` in every year from ``start`` to ``end``.

    Both default to the study period of ``reference/eras.yaml``.
    """
    if start is None or end is None:
        years = Reference(data_dir()).calendar.years
        start = years.start if start is None else start
        end = years.stop - 1 if end is None else end
    for code in (a, b):
        if not isinstance(code, str) or not CODE.match(code):
            raise CrossroadsError(f"dyad_years(): {code!r} is not an ISO3 state code such as 'USA' or 'PAK'")
    if a == b:
        raise CrossroadsError(f"dyad_years(): a dyad needs two different states, got {a!r} twice")
    if start > end:
        raise CrossroadsError(f"dyad_years(): start {start} is after end {end}")
    pairs = [(a, b), (b, a)] if directed else [tuple(sorted((a, b)))]
    rows = [(s, t, y) for s, t in pairs for y in range(start, end + 1)]
    panel = pd.DataFrame(rows, columns=KEY)
    panel.insert(2, "directed", directed)
    panel.attrs["sources"] = []
    return panel


def check_panel(panel: pd.DataFrame, verb: str) -> bool:
    """Fail with a message naming the fix unless ``panel`` is one made by :func:`dyad_years`.

    Returns whether the panel is directed.
    """
    if not isinstance(panel, pd.DataFrame):
        raise CrossroadsError(f"{verb}(): expected a DataFrame from dyad_years(), got {type(panel).__name__}")
    missing = [c for c in [*KEY, "directed"] if c not in panel.columns]
    if missing:
        raise CrossroadsError(
            f"{verb}(): the panel lacks column(s) {missing}. Start from dyad_years('USA', 'PAK') "
            "(add directed=True for directed dyads) and pass its result to the add_* verbs."
        )
    if panel.empty:
        raise CrossroadsError(f"{verb}(): the panel has no rows; give dyad_years() a start <= end")
    flags = panel["directed"].unique().tolist()
    if len(flags) != 1:
        raise CrossroadsError(f"{verb}(): the panel mixes directed and undirected rows; build one of each kind")
    directed = bool(flags[0])
    if not directed and (panel["source_actor"] > panel["target_actor"]).any():
        raise CrossroadsError(f"{verb}(): undirected rows must have the pair in alphabetical order (PAK, USA)")
    if panel.duplicated(KEY).any():
        raise CrossroadsError(f"{verb}(): the panel has duplicate dyad-years; drop them before adding data")
    return directed


def _wide(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per (source_actor, target_actor, year), one column per variable (all-missing ones kept)."""
    if rows.empty:
        return pd.DataFrame(columns=KEY)
    wide = rows.pivot(index=KEY, columns="variable", values="value")
    return wide.reset_index()


def _join(panel: pd.DataFrame, long: pd.DataFrame, verb: str) -> pd.DataFrame:
    """Join every variable of ``long`` onto ``panel`` with the naming rules of the module docstring."""
    directed = check_panel(panel, verb)
    out = panel.copy()
    monadic = long["source_actor"] == long["target_actor"]
    parts: list[tuple[pd.DataFrame, dict[str, str], list[str]]] = []
    undirected = long[~monadic & ~long["directed"]]
    u = _wide(undirected)
    sorted_keys = pd.DataFrame(
        {
            "_a": out[["source_actor", "target_actor"]].min(axis=1),
            "_b": out[["source_actor", "target_actor"]].max(axis=1),
        }
    )
    out = pd.concat([out, sorted_keys], axis=1)
    parts.append((u.rename(columns={"source_actor": "_a", "target_actor": "_b"}), {}, ["_a", "_b", "year"]))
    dir_rows = long[~monadic & long["directed"]]
    d = _wide(dir_rows)
    if directed:
        parts.append((d, {}, KEY))
    else:
        forward = {v: f"{v}_1to2" for v in dir_rows["variable"].unique()}
        backward = {v: f"{v}_2to1" for v in dir_rows["variable"].unique()}
        parts.append((d, forward, KEY))
        parts.append(
            (
                d.rename(columns={"source_actor": "target_actor", "target_actor": "source_actor"}),
                backward,
                KEY,
            )
        )
    mono = _wide(long[monadic]).drop(columns="target_actor", errors="ignore")
    names = long.loc[monadic, "variable"].unique()
    parts.append((mono, {v: f"{v}_1" for v in names}, ["source_actor", "year"]))
    parts.append(
        (
            mono.rename(columns={"source_actor": "target_actor"}),
            {v: f"{v}_2" for v in names},
            ["target_actor", "year"],
        )
    )
    rows = len(out)
    directional = set(panel.attrs.get("directional", []))
    for frame, rename, on in parts:
        values = [c for c in frame.columns if c not in on and c in set(long["variable"])]
        if not values:
            continue
        frame = frame[[*on, *values]].rename(columns=rename)
        directional |= {rename[v] for v in values if v in rename}
        clash = [c for c in frame.columns if c not in on and c in out.columns]
        if clash:
            raise CrossroadsError(f"{verb}(): column(s) {clash} are already in the panel; add each source once")
        out = out.merge(frame, on=on, how="left", validate="many_to_one")
        if len(out) != rows:
            raise CrossroadsError(f"{verb}(): the join changed the number of rows ({rows} -> {len(out)})")
    out = out.drop(columns=["_a", "_b"])
    out.attrs["sources"] = sorted(set(panel.attrs.get("sources", [])) | set(long["source"].unique()))
    out.attrs["directional"] = sorted(directional)  # columns named by position (_1to2, _2to1, _1, _2)
    return out


def _add_tables(panel: pd.DataFrame, verb: str, names: list[str], store: Store) -> pd.DataFrame:
    check_panel(panel, verb)
    actors = sorted(set(panel["source_actor"]) | set(panel["target_actor"]))
    long = store.series_rows(names, actors)
    if long.empty:
        return panel
    return _join(panel, long, verb)


def add_aid(panel: pd.DataFrame, store: Store) -> pd.DataFrame:
    """US aid obligations (all recipients), Pakistan economic/military (Greenbook, CRS), DSCA FMS."""
    return _add_tables(panel, "add_aid", ["us_aid", "us_aid_pakistan", "dsca_fms"], store)


def add_arms(panel: pd.DataFrame, store: Store) -> pd.DataFrame:
    """SIPRI arms deliveries (TIV), supplier -> recipient, and each state's total imports."""
    return _add_tables(panel, "add_arms", ["sipri_arms"], store)


def add_unga(panel: pd.DataFrame, store: Store) -> pd.DataFrame:
    """UNGA voting agreement (share, index, kappa, by issue) and ideal-point distance."""
    return _add_tables(panel, "add_unga", ["unga_agreement", "unga_ideal_points"], store)


def add_conflict(panel: pd.DataFrame, store: Store) -> pd.DataFrame:
    """COW wars and battle deaths, GML and COW MIDs, UCDP conflict intensity."""
    return _add_tables(panel, "add_conflict", ["conflict"], store)


def add_capabilities(panel: pd.DataFrame, store: Store) -> pd.DataFrame:
    """CINC of each member and the pair's CINC ratio (NMC 7.0)."""
    return _add_tables(panel, "add_capabilities", ["capabilities"], store)


def add_alliances(panel: pd.DataFrame, store: Store) -> pd.DataFrame:
    """ATOP and COW alliance flags, plus Pakistan's SEATO/CENTO years from the chronology (on PAK-USA)."""
    return _add_tables(panel, "add_alliances", ["alliances", "pacts"], store)


def add_chronology(panel: pd.DataFrame, store: Store) -> pd.DataFrame:
    """Counts of curated events and their mean Goldstein weight per dyad-year."""
    return _add_tables(panel, "add_chronology", ["chronology"], store)


VERBS: tuple[Callable[[pd.DataFrame, Store], pd.DataFrame], ...] = (
    add_aid,
    add_arms,
    add_unga,
    add_conflict,
    add_capabilities,
    add_alliances,
    add_chronology,
)
"""Every family of series, in the order a full panel adds them."""


def dyad_frame(store: Store, a: str, b: str) -> pd.DataFrame:
    """One dyad with every family over the store's study period, indexed by year.

    Directions and monadic variables are named by code rather than by position, so
    a caller never has to remember which state sorts first: ``sipri_tiv[USA>PAK]``,
    ``cinc[PAK]``; undirected variables keep their plain names.
    """
    years = store.calendar().years
    panel = dyad_years(a, b, years.start, years.stop - 1)
    for add in VERBS:
        panel = add(panel, store)
    first, second = str(panel.loc[0, "source_actor"]), str(panel.loc[0, "target_actor"])
    suffixes = {
        "_1to2": f"[{first}>{second}]",
        "_2to1": f"[{second}>{first}]",
        "_1": f"[{first}]",
        "_2": f"[{second}]",
    }
    directional = set(panel.attrs.get("directional", []))

    def named(column: str) -> str:
        for suffix, label in suffixes.items():
            if column in directional and column.endswith(suffix):
                return column[: -len(suffix)] + label
        return column

    frame = panel.drop(columns=["source_actor", "target_actor", "directed"]).set_index("year")
    empty = [c for c in directional if c in frame.columns and frame[c].isna().all()]  # e.g. aid PAK -> USA
    return frame.drop(columns=empty).rename(columns=named)


def citations(panel: pd.DataFrame | None = None) -> str:
    """BibTeX for the sources a panel used (every source when ``panel`` is None)."""
    used = list(BIBTEX) if panel is None else list(panel.attrs.get("sources", []))
    unknown = [s for s in used if s not in BIBTEX]
    if unknown:
        raise CrossroadsError(
            f"citations(): no BibTeX entry for source(s) {unknown}; add them to indicators/sources.py"
        )
    entries = [BIBTEX[s] for s in used]
    if any(s in VIA_PEACESCIENCER for s in used):
        entries.append(PEACESCIENCER)
    return "\n\n".join(entries) + "\n"


def versions(data: Path | None = None) -> pd.DataFrame:
    """One row per compact series table: source, version, build date, rows and checksum."""
    rows = []
    for meta_path in sorted(((data or data_dir()) / "series").glob("*.provenance.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        rows.append({k: meta.get(k) for k in ("table", "source", "version", "built", "rows", "sha256")})
    if not rows:
        raise CrossroadsError(f"no provenance records under {(data or data_dir()) / 'series'}: {REBUILD}")
    return pd.DataFrame(rows)
