"""Posterior summaries: computed from fits, committed under ``data/measurement``, read back without sampling.

Files (all small, reviewed in diffs like the compact series tables):

* ``paths.csv``: variant (``1d``/``2d``), dimension, dyad, year, posterior mean, 5% and 95% quantiles, sd;
* ``loadings.csv``: each indicator's loading(s) per variant, mean and 90% interval;
* ``parameters.json``: posterior means of the measurement parameters, to score other dyads on the scale;
* ``checks.json``: PSIS-LOO comparison, posterior predictive checks, convergence and fit times;
* ``phases.json``: the distribution of break years per dyad and series, and the era comparison;
* ``measurement.provenance.json``: hash of the inputs, sampler settings, library versions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from crossroads.analysis.measurement.fit import Fit
from crossroads.analysis.measurement.indicators import BY_NAME, DIMENSIONS
from crossroads.atomic import atomic_write
from crossroads.model.errors import CrossroadsError
from crossroads.paths import data_dir

MODEL_VERSION = "3"
"""Bumped when the model's specification changes (it enters the provenance)."""

LOADING_PARAMS = {
    "bb_lambda": "loading",
    "h_lambda0": "loading_any",
    "h_lambda1": "loading_amount",
    "o_lambda": "loading",
    "nb_lambda": "loading",
}
FAMILY_OF = {"bb": "betabinom", "h": "hurdle", "o": "ordinal", "nb": "negbin"}


def measurement_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "measurement"


def dimension_labels(n_dims: int) -> list[str]:
    return ["index"] if n_dims == 1 else list(DIMENSIONS)


def path_rows(result: Fit, variant: str) -> pd.DataFrame:
    """Posterior mean, 90% interval and sd of every dyad-year state (standardised inside the model)."""
    draws = result.flat("theta")
    mean, sd = draws.mean(axis=0), draws.std(axis=0)
    lo, hi = np.quantile(draws, [0.05, 0.95], axis=0)
    rows = []
    labels = dimension_labels(result.n_dims)
    for d, dyad in enumerate(result.obs.dyads):
        for k, label in enumerate(labels):
            for t, year in enumerate(result.obs.years):
                rows.append(
                    {
                        "variant": variant,
                        "dimension": label,
                        "dyad": dyad,
                        "year": year,
                        "mean": round(float(mean[d, t, k]), 4),
                        "lo": round(float(lo[d, t, k]), 4),
                        "hi": round(float(hi[d, t, k]), 4),
                        "sd": round(float(sd[d, t, k]), 4),
                    }
                )
    return pd.DataFrame(rows)


def family_names(result: Fit) -> dict[str, list[str]]:
    """Indicator names of each likelihood family, in the order of the parameter vectors."""
    out: dict[str, list[str]] = {}
    for ind in result.obs.indicators:
        out.setdefault(ind.family, []).append(ind.name)
    return out


def loading_rows(result: Fit, variant: str) -> pd.DataFrame:
    names = family_names(result)
    rows = []
    for param, label in LOADING_PARAMS.items():
        family = FAMILY_OF[param.split("_")[0]]
        if param not in result.params:
            continue
        draws = result.flat(param)  # per standard deviation of the state, which the model standardises
        for j, name in enumerate(names[family]):
            ind = BY_NAME[name]
            lo, hi = np.quantile(draws[:, j], [0.05, 0.95])
            rows.append(
                {
                    "variant": variant,
                    "indicator": name,
                    "dimension": "index" if result.n_dims == 1 else ind.dimension,
                    "parameter": label,
                    "sign": ind.sign,
                    "mean": round(float(draws[:, j].mean()), 4),
                    "lo": round(float(lo), 4),
                    "hi": round(float(hi), 4),
                }
            )
    return pd.DataFrame(rows)


def parameter_means(result: Fit) -> dict[str, Any]:
    """Posterior means of the shared parameters, with the indicator order and log-amount scales."""
    params = {
        name: [round(float(v), 6) for v in np.atleast_1d(result.flat(name).mean(axis=0))]
        for name in result.params
        if name not in ("mu", "exposure", "dyad_exposure", "shift", "series_shift", "tau")
    }
    return {
        "n_dims": result.n_dims,
        "families": family_names(result),
        "scales": {k: list(v) for k, v in result.obs.scales.items()},
        "tau": [round(float(v), 6) for v in np.atleast_1d(result.flat("tau").mean(axis=0))],
        "params": params,
    }


def write_json(path: Path, payload: Any) -> None:
    text = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True, default=_default) + "\n"
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n"))


def _default(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _existing(name: str, root: Path | None) -> Path:
    path = measurement_dir(root) / name
    if not path.exists():
        raise CrossroadsError(
            f"{path} not found: the latent measure has no committed summaries; run `crossroads measurement refit`"
        )
    return path


def read_json(name: str, root: Path | None = None) -> Any:
    return json.loads(_existing(name, root).read_text(encoding="utf-8"))


def read_csv(name: str, root: Path | None = None) -> pd.DataFrame:
    return pd.read_csv(_existing(name, root))
