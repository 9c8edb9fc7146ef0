"""``latent_index``: a dyad's latent relations measure, for the CLI, the API and the report.

For the six comparison dyads the committed posterior summaries are read (no sampling);
any other dyad is scored on the same scale by sampling its states with the committed
measurement parameters held at their posterior means. The result is plain data
(``as_dict`` is JSON-ready).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crossroads.analysis.measurement.adapter import dyad_indicators
from crossroads.analysis.measurement.assemble import assemble, coverage, uninformed_years
from crossroads.analysis.measurement.changepoints import break_distribution
from crossroads.analysis.measurement.fit import ESS_MIN, RHAT_MAX, Settings, fit
from crossroads.analysis.measurement.indicators import BY_NAME, NOT_AVAILABLE
from crossroads.analysis.measurement.summaries import dimension_labels, read_csv, read_json
from crossroads.model.errors import CrossroadsError
from crossroads.store.store import Store

SCALE = (
    "Latent state of the dyad-year: 0 is the average dyad-year of the six comparison dyads, one unit is one "
    "standard deviation of the state over their dyad-years; higher means closer."
)

CAVEATS = {
    "one_dimension_has_two_modes": (
        "The one-dimensional posterior has a second mode, in which the state follows the alliance level more "
        "and UN agreement less (smoothness about 0.12 against 0.16, total log-likelihood about 35 lower): one "
        "dimension is torn between the two that the two-dimensional model separates. Chains rarely cross "
        "between the modes, so a 1-D fit passes the convergence gate only when its chains all stay in one. "
        "See docs/measurement.md, 'Two modes in one dimension'."
    ),
}
"""What is known about the committed fit beyond its own diagnostics, served with every latent index."""


@dataclass(frozen=True)
class LatentIndex:
    """A dyad's latent measure: the 1-D index (``rows``) and the 2-D dimensions, each year with its 90% band,
    with loadings and diagnostics; ``lead`` names the variant the report leads with. A variant that did not
    converge is withheld (empty) unless asked for as provisional; ``diagnostics`` says why."""

    dyad: str
    rows: list[dict[str, Any]]
    dimensions: dict[str, list[dict[str, Any]]]
    components: list[dict[str, Any]]
    diagnostics: dict[str, Any]
    phases: dict[str, Any] = field(default_factory=dict)
    lead: str = "1d"

    def frame(self) -> pd.DataFrame:
        """One row per year: the 1-D index's mean, lo and hi, and each dimension's beside them."""
        parts = [pd.DataFrame(self.rows).set_index("year")] if self.rows else []
        for label, rows in self.dimensions.items():
            parts.append(pd.DataFrame(rows).set_index("year").add_prefix(f"{label}_"))
        if not parts:
            return pd.DataFrame(columns=["year"])
        return pd.concat(parts, axis=1).sort_index().reset_index(names="year")

    def series(self, name: str) -> pd.Series:
        """Posterior means by year of ``index`` (the 1-D path) or of a dimension; empty when withheld."""
        rows = self.rows if name == "index" else self.dimensions.get(name, [])
        return pd.Series({int(r["year"]): float(r["mean"]) for r in rows}, name=name, dtype=float)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dyad": self.dyad,
            "model": "latent",
            "lead": self.lead,
            "scale": SCALE,
            "rows": self.rows,
            "dimensions": self.dimensions,
            "components": self.components,
            "diagnostics": self.diagnostics,
            "phases": self.phases,
        }


def _store(store_or_context: Any) -> Store:
    if isinstance(store_or_context, Store):
        return store_or_context
    inner = getattr(store_or_context, "store", None)
    if isinstance(inner, Store):
        return inner
    raise TypeError(f"latent_index() needs a Store or an object with a .store, got {type(store_or_context).__name__}")


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {"year": int(r["year"]), "mean": float(r["mean"]), "lo": float(r["lo"]), "hi": float(r["hi"])}
        for r in frame.sort_values("year").to_dict(orient="records")
    ]


def committed_label(a: str, b: str) -> str | None:
    """The committed dyad label (``A-B`` or ``B-A``) of a comparison dyad, or None for any other pair."""
    committed = read_json("measurement.provenance.json")["dyads"]
    return next((d for d in (f"{a}-{b}", f"{b}-{a}") if d in committed), None)


def latent_index(store_or_context: Any, a: str, b: str, provisional: bool = False) -> LatentIndex:
    """The latent measure of the dyad ``a``-``b`` (committed summaries, or scored on the committed scale).

    Convergence is enforced: unless ``provisional`` is asked for, a committed fit whose latent states
    miss the R-hat or ESS bounds is refused with the figures, never served as if it were a measure.
    """
    store = _store(store_or_context)
    provenance = read_json("measurement.provenance.json")
    label = committed_label(a, b)
    if label is None:
        return score_dyad(store, a, b)
    status: dict[str, bool] = provenance["converged"]  # per variant: "1d", "2d"
    lead = str(provenance.get("lead") or "1d")
    if not any(status.values()) and not provisional:
        conv = read_json("checks.json")["convergence"]
        worst = "; ".join(
            f"{v}: max R-hat {c['rhat_max']:.3f}, min bulk ESS {c['ess_bulk_min']:.0f} ({c.get('worst_state', '')})"
            for v, c in conv.items()
        )
        raise CrossroadsError(
            f"the committed latent measure did not converge ({worst}; the bounds are R-hat {RHAT_MAX} and bulk "
            f"ESS {ESS_MIN}), so it is not served as a measure. Ask for it as provisional (--provisional) to "
            "explore it, or refit (`crossroads measurement refit`) once the model converges; see docs/measurement.md"
        )
    paths = read_csv("paths.csv")
    paths = paths[paths["dyad"] == label]
    checks = read_json("checks.json")
    phases = read_json("phases.json")
    loadings = read_csv("loadings.csv")
    from crossroads.analysis.measurement.refit import comparison_observations

    obs = comparison_observations(store)
    current = obs.sha256()
    shown = {v: ok or provisional for v, ok in status.items()}
    return LatentIndex(
        dyad=label,
        rows=_rows(paths[paths["variant"] == "1d"]) if shown["1d"] else [],
        dimensions={
            dim: _rows(paths[(paths["variant"] == "2d") & (paths["dimension"] == dim)]) for dim in dimension_labels(2)
        }
        if shown["2d"]
        else {},
        components=_components(loadings, obs.frame, label),
        diagnostics={
            "source": "committed posterior summaries",
            "inputs_sha256": provenance["inputs_sha256"],
            "inputs_match": current == provenance["inputs_sha256"],
            "sampler": provenance["sampler"],
            "smoothness_prior": provenance.get("smoothness_prior", "half_normal"),
            "lead": lead,
            "converged": status[lead],
            "converged_by_variant": status,
            **_withheld(status, provisional),
            "convergence": checks["convergence"],
            "loo": checks["loo"],
            "predictive": checks["predictive"],
            "uninformed_years": checks["coverage"][label]["uninformed_years"],
            "not_in_the_measure": NOT_AVAILABLE,
            "caveats": CAVEATS,
        },
        phases={k.rsplit("/", 1)[0]: v for k, v in phases.items() if k.endswith(f"/{label}")},
        lead=lead,
    )


WITHHELD_KEYS = {"1d": "index_withheld", "2d": "dimensions_withheld"}
VARIANT_NAMES = {"1d": "one-dimensional", "2d": "two-dimensional"}


def _not_converged(variant: str) -> str:
    return f"the {VARIANT_NAMES[variant]} fit did not converge"


def withheld_reasons(diagnostics: dict[str, Any]) -> list[str]:
    """Why each withheld variant is not served, one sentence each ('The one-dimensional fit did not converge')."""
    return [_not_converged(v).capitalize() for v, key in WITHHELD_KEYS.items() if key in diagnostics]


def _withheld(status: dict[str, bool], provisional: bool) -> dict[str, str]:
    """Why a variant's paths are not served (it did not converge), or that they are served as provisional."""
    return {
        WITHHELD_KEYS[v]: f"{_not_converged(v)} (see convergence); "
        + ("served as provisional, not as a measure" if provisional else "withheld")
        for v, ok in status.items()
        if not ok
    }


def _components(loadings: pd.DataFrame, frame: pd.DataFrame, dyad: str) -> list[dict[str, Any]]:
    cov = coverage(frame, dyad).set_index("indicator")
    out = []
    for row in loadings.to_dict(orient="records"):
        name = str(row["indicator"])
        info: dict[Any, Any] | None = cov.loc[name].to_dict() if name in cov.index else None
        out.append(
            {
                "variant": row["variant"],
                "indicator": name,
                "label": BY_NAME[name].label,
                "source": BY_NAME[name].source,
                "dimension": row["dimension"],
                "parameter": row["parameter"],
                "sign": int(row["sign"]),
                "loading": float(row["mean"]),
                "lo": float(row["lo"]),
                "hi": float(row["hi"]),
                "years": int(info["years"]) if info is not None else 0,
                "first": None if info is None or pd.isna(info["first"]) else int(info["first"]),
                "last": None if info is None or pd.isna(info["last"]) else int(info["last"]),
            }
        )
    return out


def score_dyad(store: Store, a: str, b: str, settings: Settings | None = None, enforce: bool = True) -> LatentIndex:
    """Sample a dyad outside the committed set with the committed measurement parameters held fixed."""
    obs = assemble({(a, b): dyad_indicators(store, a, b)}, drop_constant=False)
    label = obs.dyads[0]
    parameters = read_json("parameters.json")
    provenance = read_json("measurement.provenance.json")
    status: dict[str, bool] = provenance["converged"]
    settings = settings or Settings()
    paths: dict[str, np.ndarray] = {}
    diagnostics: dict[str, Any] = {"source": "scored on the committed scale (measurement parameters fixed)"}
    phases: dict[str, Any] = {}
    for variant in (v for v in ("1d", "2d") if status[v]):  # a fit that did not converge scores nothing
        spec = parameters[variant]
        keep = {n for names in spec["families"].values() for n in names}
        frame = obs.frame[obs.frame["indicator"].isin(keep)].reset_index(drop=True)
        scored = type(obs)(
            frame=frame,
            dyads=obs.dyads,
            years=obs.years,
            scales={k: (float(v[0]), float(v[1])) for k, v in spec["scales"].items()},
        )
        fixed = _fixed(spec, scored)
        result = fit(scored, spec["n_dims"], settings, fixed=fixed, enforce=enforce)
        paths[variant] = result.flat("theta")[:, 0]  # already on the committed standardised scale
        diagnostics[variant] = {"rhat_max": result.rhat_max, "ess_bulk_min": result.ess_min, "seconds": result.seconds}
        for k, dim in enumerate(dimension_labels(spec["n_dims"])):
            phases[f"{variant}/{dim}"] = break_distribution(paths[variant][:200, :, k], list(obs.years)).as_dict()
    loadings = read_csv("loadings.csv")
    diagnostics["uninformed_years"] = uninformed_years(obs.frame, label, obs.years)
    diagnostics["not_in_the_measure"] = NOT_AVAILABLE
    diagnostics["caveats"] = CAVEATS
    diagnostics.update(_withheld(status, provisional=False))
    lead = str(provenance.get("lead") or "1d")
    diagnostics["lead"] = lead
    return LatentIndex(
        dyad=label,
        rows=_summarise(paths["1d"][..., 0], obs.years) if "1d" in paths else [],
        dimensions={dim: _summarise(paths["2d"][..., k], obs.years) for k, dim in enumerate(dimension_labels(2))}
        if "2d" in paths
        else {},
        components=_components(loadings, obs.frame, label),
        diagnostics=diagnostics,
        phases=phases,
        lead=lead,
    )


def _summarise(draws: np.ndarray, years: tuple[int, ...]) -> list[dict[str, Any]]:
    lo, hi = np.quantile(draws, [0.05, 0.95], axis=0)
    mean = draws.mean(axis=0)
    return [
        {"year": int(y), "mean": float(mean[t]), "lo": float(lo[t]), "hi": float(hi[t])} for t, y in enumerate(years)
    ]


def _fixed(spec: dict[str, Any], obs: Any) -> dict[str, np.ndarray]:
    """Committed parameter means reordered to the indicators present in ``obs`` (by family)."""
    from crossroads.analysis.measurement.summaries import FAMILY_OF

    present: dict[str, list[str]] = {}
    for ind in obs.indicators:
        present.setdefault(ind.family, []).append(ind.name)
    fixed: dict[str, np.ndarray] = {}
    for name, values in spec["params"].items():
        family = FAMILY_OF[name.split("_")[0]]
        order = spec["families"][family]
        if family in present:
            fixed[name] = np.asarray([values[order.index(n)] for n in present[family]], float)
    fixed["tau"] = np.asarray(spec["tau"], float)
    return fixed
