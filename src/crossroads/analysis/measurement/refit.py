"""Fit the six comparison dyads jointly (1-D and 2-D), check, compare and write the committed summaries."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from crossroads.analysis.measurement.adapter import dyad_indicators
from crossroads.analysis.measurement.assemble import Observations, assemble, coverage, uninformed_years
from crossroads.analysis.measurement.changepoints import break_distribution
from crossroads.analysis.measurement.diagnostics import loo_compare, predictive_checks
from crossroads.analysis.measurement.fit import (
    ESS_MIN,
    RHAT_MAX,
    Fit,
    Settings,
    check_convergence,
    converged,
    fit,
)
from crossroads.analysis.measurement.model import TAU_PRIOR
from crossroads.analysis.measurement.summaries import (
    MODEL_VERSION,
    dimension_labels,
    loading_rows,
    measurement_dir,
    parameter_means,
    path_rows,
    write_csv,
    write_json,
)
from crossroads.store.store import Store

COMPARISON_DYADS: tuple[tuple[str, str], ...] = (
    ("USA", "PAK"),
    ("USA", "IND"),
    ("IND", "PAK"),
    ("CHN", "PAK"),
    ("USA", "CHN"),
    ("RUS", "IND"),
)
PHASE_DRAWS = 200


def comparison_observations(store: Store) -> Observations:
    """The observations of the six comparison dyads (what the committed fit is made from)."""
    return assemble({d: dyad_indicators(store, *d) for d in COMPARISON_DYADS})


def phase_summaries(result: Fit, variant: str, seed: int = 0) -> dict[str, Any]:
    """Break distributions of each dyad's path(s) from a thinned set of posterior draws."""
    draws = result.flat("theta")
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(draws), size=min(PHASE_DRAWS, len(draws)), replace=False)
    years = list(result.obs.years)
    out: dict[str, Any] = {}
    for d, dyad in enumerate(result.obs.dyads):
        for k, label in enumerate(dimension_labels(result.n_dims)):
            dist = break_distribution(draws[pick, d, :, k], years, seed=seed)
            out[f"{variant}/{label}/{dyad}"] = dist.as_dict()
    return out


def versions() -> dict[str, str]:
    return {name: importlib.metadata.version(name) for name in ("numpyro", "jax", "arviz", "ruptures")}


def fit_variant(store: Store, variant: str, settings: Settings, enforce: bool = False) -> Fit:
    """One variant (``1d`` or ``2d``) fitted to the six comparison dyads; convergence enforced only when asked
    (the refit checks each variant itself, so that one that converged is written beside one that did not)."""
    return fit(comparison_observations(store), 1 if variant == "1d" else 2, settings, enforce=enforce)


def refit(
    store: Store,
    root: Path | None = None,
    settings: Settings | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Fit both variants and write every summary file; returns the checks.

    Convergence is enforced per variant: a variant whose latent states miss the bounds is written
    flagged (``converged`` per variant in the provenance), is not served as a measure and cannot lead
    the report. Unless at least one variant converged nothing is written (``ConvergenceError``).
    """
    settings = settings or Settings()
    fits: dict[str, Fit] = {}
    for variant in ("1d", "2d"):
        say(f"sampling the {variant} model")
        fits[variant] = fit_variant(store, variant, settings)
        result = fits[variant]
        say(f"{variant}: {result.seconds:.0f} s, max R-hat {result.rhat_max:.3f}, min bulk ESS {result.ess_min:.0f}")
    if not any(converged(f) for f in fits.values()):
        check_convergence(fits["1d"])  # raises with the 1-D fit's figures: nothing is written
    say("PSIS-LOO, predictive checks and phases")
    return write_summaries(fits, settings, root)


def write_summaries(fits: dict[str, Fit], settings: Settings, root: Path | None = None) -> dict[str, Any]:
    """Compare, check and write the committed summary files of the two fits (each flagged converged or not)."""
    obs = fits["1d"].obs
    status = {v: converged(f) for v, f in fits.items()}
    loo = loo_compare(fits["1d"], fits["2d"], converged=status)
    checks = {
        "loo": loo,
        "convergence": {
            v: {
                "rhat_max": f.rhat_max,
                "ess_bulk_min": f.ess_min,
                "worst_state": f.worst,
                "seconds": f.seconds,
                "smoothness_tau": f.smoothness,
                "divergences": f.divergences,
                "mean_leapfrog_steps": f.mean_steps,
            }
            for v, f in fits.items()
        },
        "bounds": {"rhat_max": RHAT_MAX, "ess_bulk_min": ESS_MIN},
        "predictive": {v: predictive_checks(f).to_dict(orient="records") for v, f in fits.items()},
        "coverage": {
            dyad: {
                "indicators": coverage(obs.frame, dyad).to_dict(orient="records"),
                "uninformed_years": uninformed_years(obs.frame, dyad, obs.years),
            }
            for dyad in obs.dyads
        },
    }
    phases = {}
    for variant, result in fits.items():
        phases.update(phase_summaries(result, variant, seed=settings.seed))
    target = measurement_dir(root)
    write_csv(target / "paths.csv", pd.concat([path_rows(f, v) for v, f in fits.items()], ignore_index=True))
    write_csv(target / "loadings.csv", pd.concat([loading_rows(f, v) for v, f in fits.items()], ignore_index=True))
    write_json(target / "parameters.json", {v: parameter_means(f) for v, f in fits.items()})
    write_json(target / "checks.json", checks)
    write_json(target / "phases.json", phases)
    write_json(
        target / "measurement.provenance.json",
        {
            "table": "measurement",
            "model_version": MODEL_VERSION,
            "inputs_sha256": obs.sha256(),
            "observations": len(obs.frame),
            "dyads": list(obs.dyads),
            "years": [obs.years[0], obs.years[-1]],
            "sampler": {"algorithm": "NUTS", **settings.as_dict()},
            "smoothness_prior": TAU_PRIOR,
            "libraries": versions(),
            "seconds": {v: round(f.seconds, 1) for v, f in fits.items()},
            "converged": status,
            "lead": loo["lead"],
        },
    )
    return checks
