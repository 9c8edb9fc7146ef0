"""Sampling the model with NUTS and checking that the chains converged."""

from __future__ import annotations

import os
import time
import warnings
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from crossroads.analysis.measurement.assemble import Observations
from crossroads.model.errors import CrossroadsError

if "XLA_FLAGS" not in os.environ:  # one XLA device per core so that chains run in parallel
    os.environ["XLA_FLAGS"] = f"--xla_force_host_platform_device_count={max(4, os.cpu_count() or 1)}"

RHAT_MAX = 1.01
ESS_MIN = 400


@dataclass(frozen=True)
class Settings:
    """Sampler settings (recorded in the provenance of committed summaries)."""

    chains: int = 4
    warmup: int = 500
    draws: int = 4000
    target_accept: float = 0.8
    max_tree_depth: int = 8
    seed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ConvergenceError(CrossroadsError):
    """The chains did not converge (R-hat or bulk ESS of some latent state out of bounds)."""


@dataclass(frozen=True)
class Fit:
    """Posterior draws of a fitted model: states, measurement parameters and the pointwise log-likelihood."""

    obs: Observations
    n_dims: int
    theta: np.ndarray  # (chains, draws, dyads, years, dims)
    params: dict[str, np.ndarray]  # name -> (chains, draws, ...)
    loglik: np.ndarray  # (chains, draws, observations), in ``row_order``
    row_order: np.ndarray
    settings: Settings
    seconds: float
    rhat_max: float
    ess_min: float
    worst: str
    mean_steps: float = float("nan")
    divergences: int = 0
    smoothness: dict[str, float] = field(default_factory=dict)  # R-hat and ESS of tau (reported, not enforced)

    def flat(self, name: str) -> np.ndarray:
        values = self.theta if name == "theta" else self.params[name]
        return values.reshape(-1, *values.shape[2:])


def rhat_and_ess(draws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank-normalised split R-hat and bulk ESS of every element of ``draws`` (chains, draws, ...)."""
    import arviz as az

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = az.convert_to_dataset({"x": draws})  # type: ignore[no-untyped-call]
        rhat = np.asarray(az.rhat(data)["x"].values)  # type: ignore[no-untyped-call]
        ess = np.asarray(az.ess(data, method="bulk")["x"].values)  # type: ignore[no-untyped-call]
    return rhat, ess


def convergence(theta: np.ndarray, dyads: tuple[str, ...], years: tuple[int, ...]) -> tuple[float, float, str]:
    """Largest rank-normalised split R-hat and smallest bulk ESS over all latent states, and the worst state."""
    rhat, ess = rhat_and_ess(theta)
    d, t, k = np.unravel_index(int(np.nanargmax(rhat - ess / 1e6)), rhat.shape)
    worst = f"{dyads[d]} {years[t]} dimension {k + 1}"
    return float(np.nanmax(rhat)), float(np.nanmin(ess)), worst


def smoothness_convergence(tau: np.ndarray | None) -> dict[str, float]:
    """R-hat and bulk ESS of the innovation sd ``tau`` (chains, draws, dims), reported beside the states'."""
    if tau is None:
        return {}
    rhat, ess = rhat_and_ess(tau)
    return {"rhat_max": float(np.nanmax(rhat)), "ess_bulk_min": float(np.nanmin(ess))}


def fit(
    obs: Observations,
    n_dims: int,
    settings: Settings | None = None,
    fixed: dict[str, np.ndarray] | None = None,
    enforce: bool = True,
    tau_prior: str | None = None,
) -> Fit:
    """Sample the posterior; raise ``ConvergenceError`` when ``enforce`` and a state fails the bounds.

    ``tau_prior`` names the prior of the innovation sd (``model.SMOOTHNESS_PRIORS``); by default the
    specification's (``model.TAU_PRIOR``).
    """
    import jax
    from numpyro.infer import MCMC, NUTS, Predictive

    from crossroads.analysis.measurement.model import TAU_PRIOR, model, model_data

    tau_prior = tau_prior or TAU_PRIOR
    settings = settings or Settings()
    md = model_data(obs, n_dims)
    start = time.perf_counter()
    kernel = NUTS(model, target_accept_prob=settings.target_accept, max_tree_depth=settings.max_tree_depth)
    parallel = jax.local_device_count() >= settings.chains
    mcmc = MCMC(
        kernel,
        num_warmup=settings.warmup,
        num_samples=settings.draws,
        num_chains=settings.chains,
        chain_method="parallel" if parallel else "sequential",
        progress_bar=False,
    )
    mcmc.run(jax.random.PRNGKey(settings.seed), md, fixed, False, tau_prior, extra_fields=("num_steps", "diverging"))
    samples = mcmc.get_samples(group_by_chain=True)
    extra = mcmc.get_extra_fields()
    steps = float(np.mean(np.asarray(extra["num_steps"])))
    divergences = int(np.asarray(extra["diverging"]).sum())
    flat = {name: value.reshape(-1, *value.shape[2:]) for name, value in samples.items()}
    predictive = Predictive(model, posterior_samples=flat, return_sites=["loglik"])
    loglik = np.asarray(predictive(jax.random.PRNGKey(0), md, fixed, True, tau_prior)["loglik"])
    seconds = time.perf_counter() - start
    theta = np.asarray(samples["theta"])
    chains, draws = theta.shape[:2]
    rhat_max, ess_min, worst = convergence(theta, obs.dyads, obs.years)
    result = Fit(
        obs=obs,
        n_dims=n_dims,
        theta=theta,
        params={k: np.asarray(v) for k, v in samples.items() if k not in ("theta", "u")},
        loglik=loglik.reshape(chains, draws, -1),
        row_order=md.row_order,
        settings=settings,
        seconds=seconds,
        rhat_max=rhat_max,
        ess_min=ess_min,
        worst=worst,
        mean_steps=steps,
        divergences=divergences,
        smoothness=smoothness_convergence(np.asarray(samples["tau"]) if "tau" in samples else None),
    )
    if enforce:
        check_convergence(result)
    return result


def converged(result: Fit) -> bool:
    """Whether every latent state has R-hat <= ``RHAT_MAX`` and bulk ESS >= ``ESS_MIN``."""
    return result.rhat_max <= RHAT_MAX and result.ess_min >= ESS_MIN


def check_convergence(result: Fit) -> None:
    """Fail loudly unless every latent state has R-hat <= 1.01 and bulk ESS >= 400."""
    if not converged(result):
        raise ConvergenceError(
            f"the {result.n_dims}-D measurement model did not converge: max R-hat {result.rhat_max:.3f} "
            f"(bound {RHAT_MAX}), min bulk ESS {result.ess_min:.0f} (bound {ESS_MIN}); worst state "
            f"{result.worst}. Refit with more draws (--draws) or warm-up (--warmup); results were not written."
        )
