"""Model comparison by PSIS-LOO and posterior predictive checks per indicator."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import expit

from crossroads.analysis.measurement.fit import Fit
from crossroads.analysis.measurement.model import ordered_probs

LEAD_RULE = (
    "The report leads with the variant with the higher expected log predictive density (PSIS-LOO) "
    "when it is ahead by more than two standard errors of the difference; otherwise with the simpler "
    "one-dimensional variant. A variant that did not converge cannot lead."
)


def _idata(result: Fit) -> Any:
    import arviz as az

    return az.from_dict(
        posterior={"theta": result.theta.astype(np.float64)}, log_likelihood={"obs": result.loglik.astype(np.float64)}
    )


def loo_compare(one: Fit, two: Fit, converged: dict[str, bool] | None = None) -> dict[str, Any]:
    """PSIS-LOO of the 1-D and 2-D fits on the same observations, and which variant leads by the stated rule.

    A fit that did not converge cannot lead: its PSIS-LOO is reported, not trusted. When only one variant
    converged it leads whatever the comparison says; when neither did, none leads.
    """
    import arviz as az

    status = converged or {"1d": True, "2d": True}
    if not np.array_equal(one.row_order, two.row_order):
        raise ValueError("the two fits must be on the same observations in the same order")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loos = {
            name: az.loo(_idata(fit), pointwise=True)  # type: ignore[no-untyped-call]
            for name, fit in (("1d", one), ("2d", two))
        }
    out: dict[str, Any] = {}
    for name, loo in loos.items():
        khat = np.asarray(loo.pareto_k)
        out[name] = {
            "elpd_loo": float(loo.elpd_loo),
            "se": float(loo.se),
            "p_loo": float(loo.p_loo),
            "pareto_k_over_0.7": int((khat > 0.7).sum()),
            "observations": int(khat.size),
            "converged": bool(status[name]),
        }
    diff = np.asarray(loos["2d"].loo_i) - np.asarray(loos["1d"].loo_i)
    delta = float(diff.sum())
    se = float(np.sqrt(diff.size * diff.var()))
    out["elpd_diff_2d_minus_1d"] = delta
    out["se_diff"] = se
    out["rule"] = LEAD_RULE
    if status["1d"] and status["2d"]:
        out["lead"] = "2d" if delta > 2 * se else "1d"
    elif status["1d"] or status["2d"]:
        out["lead"] = "1d" if status["1d"] else "2d"
        failed = "2d" if status["1d"] else "1d"
        out["lead_reason"] = (
            f"only the {out['lead']} fit converged: the {failed} fit did not, so its PSIS-LOO is not trusted "
            "and it cannot lead"
        )
    else:
        out["lead"] = None
        out["lead_reason"] = "neither fit converged"
    return out


def predictive_checks(result: Fit, seed: int = 0, n_rep: int = 200) -> pd.DataFrame:
    """Per indicator: share of observations inside their 90% posterior predictive interval, and a p-value
    for the mean (share of replicated means at or above the observed one)."""
    from crossroads.analysis.measurement.model import model_data

    md = model_data(result.obs, result.n_dims)
    rng = np.random.default_rng(seed)
    flat = {name: result.flat(name) for name in result.params} | {"theta": result.flat("theta")}
    pick = rng.choice(len(flat["theta"]), size=min(n_rep, len(flat["theta"])), replace=False)
    rows = []
    frame = result.obs.frame.loc[md.row_order].reset_index(drop=True)
    replicated = _replicate(md, {k: v[pick] for k, v in flat.items()}, seed)
    for name, part in frame.groupby("indicator", sort=False):
        idx = part.index.to_numpy()
        observed = part["y"].to_numpy(float)
        reps = replicated[:, idx]
        lo, hi = np.quantile(reps, [0.05, 0.95], axis=0)
        rows.append(
            {
                "indicator": name,
                "observations": len(idx),
                "inside_90": float(np.mean((observed >= lo) & (observed <= hi))),
                "p_mean": float(np.mean(reps.mean(axis=1) >= observed.mean())),
                "observed_zero_share": float(np.mean(observed == 0)),
                "replicated_zero_share": float(np.mean(reps == 0)),
            }
        )
    return pd.DataFrame(rows)


def _replicate(md: Any, draws: dict[str, np.ndarray], seed: int) -> np.ndarray:
    """Replicated observations (draws x observations, in ``md.row_order``) from posterior draws."""
    rng = np.random.default_rng(seed)
    n = len(draws["theta"])
    parts = []
    for family, b in md.blocks.items():
        state = draws["theta"][:, b.d, b.t, b.k[b.j]] * b.sign[b.j]
        if family == "betabinom":
            p = expit(draws["bb_alpha"][:, b.j] + draws["bb_lambda"][:, b.j] * state)
            p = np.clip(p, 1e-6, 1 - 1e-6)
            kappa = draws["bb_kappa"][:, b.j]
            q = rng.beta(p * kappa, (1 - p) * kappa)
            parts.append(rng.binomial(np.broadcast_to(b.n, q.shape), q).astype(float))
        elif family == "hurdle":
            any_flow = rng.random(state.shape) < expit(draws["h_alpha0"][:, b.j] + draws["h_lambda0"][:, b.j] * state)
            mean = draws["h_alpha1"][:, b.j] + draws["h_lambda1"][:, b.j] * state
            standard = rng.normal(mean, draws["h_sigma"][:, b.j])
            amount = np.exp(standard * b.scale[b.j] + b.center[b.j])
            parts.append(np.where(any_flow, amount, 0.0))
        elif family == "ordinal":
            shift = draws["series_shift"].reshape(n, -1)[:, b.s]
            eta = draws["o_lambda"][:, b.j] * state - shift
            probs = ordered_probs(draws["o_cut"][:, b.j], draws["o_gap"][:, b.j], eta)
            parts.append((rng.random(state.shape)[..., None] > probs.cumsum(axis=-1)).sum(axis=-1).astype(float))
        else:
            exposure = draws["dyad_exposure"].reshape(n, -1)
            mean = np.exp(draws["nb_alpha"][:, b.j] + exposure[:, b.d] + draws["nb_lambda"][:, b.j] * state)
            phi = draws["nb_phi"][:, b.j]
            parts.append(rng.poisson(rng.gamma(phi, mean / phi)).astype(float))
    return np.concatenate(parts, axis=1)


CHAIN_PARAMETERS = ("tau", "bb_lambda", "o_lambda")
"""What ``chain_blocks`` follows per chain: the smoothness, the UN agreement and the alliance loadings."""


def chain_blocks(result: Fit, block: int = 500) -> pd.DataFrame:
    """Per chain and per block of draws: the smoothness, two marker loadings and the total log-likelihood.

    R-hat says that chains disagree, not where: a chain that holds or moves to another mode shows here
    as its own level of ``tau``, the loadings and the log-likelihood, block after block.
    """
    total = result.loglik.sum(axis=2)
    chains, draws = total.shape
    rows = []
    for chain in range(chains):
        for start in range(0, draws, block):
            part = slice(start, min(start + block, draws))
            row: dict[str, Any] = {"chain": chain, "draws": f"{start + 1}-{min(start + block, draws)}"}
            for name in CHAIN_PARAMETERS:
                values = result.params.get(name)
                if values is None:
                    continue
                means = np.atleast_1d(values[chain, part].mean(axis=0))
                for i, value in enumerate(means):
                    row[name if len(means) == 1 else f"{name}[{i + 1}]"] = float(value)
            row["loglik"] = float(total[chain, part].mean())
            rows.append(row)
    return pd.DataFrame(rows)
