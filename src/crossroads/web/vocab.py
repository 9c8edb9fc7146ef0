"""The closed vocabularies a query parameter is checked against, read once from the store.

The store is read-only, so its eras, dimensions, actors, CAMEO roots and series
variables cannot change while the server runs: loading them at start-up lets every
request be validated without a query, and lets the OpenAPI schema list the
accepted values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crossroads.model.records import SOURCE_KINDS
from crossroads.report.labels import cameo_label, dimension_label
from crossroads.store.cite import KIND_LABELS
from crossroads.store.export import records
from crossroads.store.store import Store
from crossroads.web.errors import ApiError


def _cameo_labels(store: Store) -> dict[str, str]:
    """Labels of the CAMEO codes the events use (the explorer names each event's type)."""
    cur = store.cursor()
    try:
        rows = cur.execute(
            "SELECT c.code, c.label FROM cameo c WHERE c.code IN (SELECT DISTINCT cameo FROM events) ORDER BY 1"
        ).fetchall()
    finally:
        cur.close()
    return {code: cameo_label(label) for code, label in rows}


@dataclass(frozen=True)
class Vocabulary:
    """Accepted values for each enum-like parameter, plus labels for the filter menus."""

    eras: tuple[str, ...]
    dimensions: tuple[str, ...]
    actors: tuple[str, ...]
    cameo_roots: tuple[str, ...]
    variables: tuple[str, ...]
    menus: dict[str, Any]

    @classmethod
    def load(cls, store: Store) -> Vocabulary:
        eras = store.eras()
        actors = store.actors()
        roots = store.cameo_roots()
        dims = store.dimensions()
        variables = store.series_variables()
        in_series = store.series()[["source_actor", "target_actor"]]
        dyad_states = set(in_series["source_actor"]) | set(in_series["target_actor"])
        menus = {
            "eras": records(eras),
            "dimensions": dims,
            "dimension_labels": {d: dimension_label(d) for d in dims},
            "actors": records(actors[actors["events"] > 0]),
            "cameo_roots": records(roots),
            "variables": variables,
            "cameo_labels": _cameo_labels(store),
            "source_kinds": [{"kind": k, "label": KIND_LABELS[k]} for k in SOURCE_KINDS],
            "states": [str(a) for a, n in zip(actors["code"], actors["events"], strict=True) if n and a in dyad_states],
        }
        return cls(
            eras=tuple(str(e) for e in eras["id"]),
            dimensions=tuple(dims),
            actors=tuple(str(a) for a in actors["code"]),
            cameo_roots=tuple(str(r) for r in roots["root"]),
            variables=tuple(variables),
            menus=menus,
        )

    def enum_for(self, param: str) -> tuple[str, ...] | None:
        """The accepted values of a parameter by its name, or None if it is not enum-like."""
        return {
            "era": self.eras,
            "dimension": self.dimensions,
            "actor": self.actors,
            "a": self.actors,
            "b": self.actors,
            "source_actor": self.actors,
            "target_actor": self.actors,
            "cameo_root": self.cameo_roots,
            "variable": self.variables,
        }.get(param)

    def check(self, param: str, value: str | None) -> str | None:
        """``value`` if it is one of the accepted values of ``param``; a 400 naming them otherwise."""
        if value is None:
            return None
        accepted = self.enum_for(param)
        if accepted is None:
            raise KeyError(param)
        if value not in accepted:  # the empty string included: the OpenAPI enum does not list it
            raise ApiError(400, f"{param}={value[:60]!r} is not a known value; accepted values: {', '.join(accepted)}")
        return value
