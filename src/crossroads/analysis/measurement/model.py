"""The dynamic latent-variable model (NumPyro): AR(1) states per dyad and year, read through every indicator.

State: for dyad ``d``, year ``t`` and dimension ``k``, ``z[d, t, k]`` is a Gaussian random walk
with unit yearly innovations, which fixes the scale (the same for every dyad); the state is
``theta = z`` centred over all fitted dyad-years, so the scale's zero is the average
dyad-year; non-negative loadings on indicators oriented "higher = closer" fix the sign.
(An AR(1) was tried first: its persistence went to 0.99 and, coupled with the scale, left the
chains mixing slowly; a separate dyad mean sits on a ridge with the level of the path.)
Summaries divide the state by its spread over all dyad-years (``summaries.standardise``).

Measurement, with parameters shared by all dyads so that they sit on one scale (linear
predictor ``eta = alpha_j + sign_j * lambda_j * theta``):

* UN agreement: beta-binomial on the joint roll calls (over-dispersed: the agenda changes);
* aid and arms: a hurdle, Bernoulli for any flow, then log-normal amount (own loading for each part);
* alliance obligations: Bernoulli, robust (a 2% floor and ceiling on the probability);
* curated event counts by quad class: negative binomial with a dyad exposure term (the
  chronology covers dyads unevenly, so only the mix of cooperation and conflict informs).

Missing cells have no row and so no likelihood term.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import numpyro
import numpyro.distributions as dist

from crossroads.analysis.measurement.assemble import Observations
from crossroads.analysis.measurement.indicators import DIMENSIONS, FAMILIES, Indicator

Array = Any


@dataclass(frozen=True)
class Block:
    """The observations of one likelihood family as index and value arrays."""

    names: tuple[str, ...]
    d: np.ndarray
    t: np.ndarray
    j: np.ndarray
    y: np.ndarray
    n: np.ndarray
    k: np.ndarray  # dimension of each indicator in ``names``
    sign: np.ndarray  # orientation of each indicator in ``names``
    center: np.ndarray  # hurdle: centre and spread of log amounts per indicator
    scale: np.ndarray


@dataclass(frozen=True)
class ModelData:
    n_dyads: int
    n_years: int
    n_dims: int
    blocks: dict[str, Block]
    row_order: np.ndarray  # observation rows in the order of the concatenated log-likelihood


def dimension_of(ind: Indicator, n_dims: int) -> int:
    return DIMENSIONS.index(ind.dimension) if n_dims == 2 else 0


def model_data(obs: Observations, n_dims: int) -> ModelData:
    """Index arrays for the model from long observations."""
    if n_dims not in (1, 2):
        raise ValueError("the model has one or two dimensions")
    frame = obs.frame.reset_index(drop=True)
    dyad_pos = {d: i for i, d in enumerate(obs.dyads)}
    first = obs.years[0]
    blocks: dict[str, Block] = {}
    order: list[np.ndarray] = []
    for family in FAMILIES:
        inds = [i for i in obs.indicators if i.family == family]
        if not inds:
            continue
        names = tuple(i.name for i in inds)
        part = frame[frame["indicator"].isin(names)]
        pos = {name: i for i, name in enumerate(names)}
        scales = [obs.scales.get(name, (0.0, 1.0)) for name in names]
        blocks[family] = Block(
            names=names,
            d=part["dyad"].map(dyad_pos).to_numpy(int),
            t=(part["year"].to_numpy(int) - first),
            j=part["indicator"].map(pos).to_numpy(int),
            y=part["y"].to_numpy(float),
            n=part["n"].to_numpy(int),
            k=np.array([dimension_of(i, n_dims) for i in inds], dtype=int),
            sign=np.array([i.sign for i in inds], dtype=float),
            center=np.array([s[0] for s in scales], dtype=float),
            scale=np.array([s[1] for s in scales], dtype=float),
        )
        order.append(part.index.to_numpy())
    return ModelData(
        n_dyads=len(obs.dyads),
        n_years=len(obs.years),
        n_dims=n_dims,
        blocks=blocks,
        row_order=np.concatenate(order) if order else np.array([], dtype=int),
    )


FLAG_ERROR = 0.02
"""Robust flags: a 2% chance that an alliance flag disagrees with the state. A flexible path can
otherwise separate flagged from unflagged years perfectly, sending the loading to infinity."""


def random_walk_logpdf(z: Array) -> Array:
    """Log density of Gaussian random walks ``z[d, t, k]`` with unit innovations."""
    first = dist.Normal(0.0, INITIAL_SD).log_prob(z[:, 0, :]).sum()
    return first + dist.Normal(0.0, 1.0).log_prob(jnp.diff(z, axis=1)).sum()


def _centred(name: str, shape: tuple[int, ...], n_dyads: int, free: bool, sd: float) -> Array:
    """A dyad effect: centred over dyads when the measurement is estimated, free when it is fixed."""
    if free:
        return numpyro.sample(name, dist.Normal(0.0, sd).expand(list(shape)).to_event(len(shape)))
    if n_dyads == 1:
        return jnp.zeros(shape)
    raw = numpyro.sample(name, dist.Normal(0.0, 1.0).expand(list(shape)).to_event(len(shape)))
    return raw - raw.mean(axis=0, keepdims=True)


def _param(name: str, prior: dist.Distribution, size: int, fixed: dict[str, np.ndarray] | None) -> Array:
    if fixed is not None and name in fixed:
        return jnp.asarray(fixed[name])
    return numpyro.sample(name, prior.expand([size]).to_event(1))


def loglik(md: ModelData, theta: Array, dyad_exposure: Array, params: dict[str, Array]) -> Array:
    """Pointwise log-likelihood of every observation (in ``md.row_order``)."""
    terms = []
    for family, b in md.blocks.items():
        state = theta[b.d, b.t, b.k[b.j]] * b.sign[b.j]
        if family == "betabinom":
            p = jax.nn.sigmoid(params["bb_alpha"][b.j] + params["bb_lambda"][b.j] * state)
            p = jnp.clip(p, 1e-6, 1 - 1e-6)
            kappa = params["bb_kappa"][b.j]
            terms.append(dist.BetaBinomial(p * kappa, (1 - p) * kappa, b.n).log_prob(b.y))
        elif family == "hurdle":
            positive = b.y > 0
            any_flow = dist.Bernoulli(logits=params["h_alpha0"][b.j] + params["h_lambda0"][b.j] * state)
            safe = np.where(positive, b.y, 1.0)
            standard = (np.log(safe) - b.center[b.j]) / b.scale[b.j]
            amount = dist.Normal(params["h_alpha1"][b.j] + params["h_lambda1"][b.j] * state, params["h_sigma"][b.j])
            jacobian = -np.log(b.scale[b.j]) - np.log(safe)
            terms.append(
                any_flow.log_prob(positive.astype(float))
                + jnp.where(positive, amount.log_prob(standard) + jacobian, 0.0)
            )
        elif family == "bernoulli":
            p = FLAG_ERROR + (1 - 2 * FLAG_ERROR) * jax.nn.sigmoid(
                params["b_alpha"][b.j] + params["b_lambda"][b.j] * state
            )
            terms.append(dist.Bernoulli(probs=p).log_prob(b.y))
        else:
            log_mean = params["nb_alpha"][b.j] + dyad_exposure[b.d] + params["nb_lambda"][b.j] * state
            terms.append(dist.NegativeBinomial2(jnp.exp(log_mean), params["nb_phi"][b.j]).log_prob(b.y))
    return jnp.concatenate(terms) if terms else jnp.zeros(0)


PRIORS: dict[str, tuple[str, dist.Distribution]] = {
    "bb_alpha": ("betabinom", dist.Normal(0.0, 2.5)),
    "bb_lambda": ("betabinom", dist.HalfNormal(1.0)),
    "bb_kappa": ("betabinom", dist.LogNormal(np.log(30.0), 1.0)),
    "h_alpha0": ("hurdle", dist.Normal(0.0, 2.5)),
    "h_lambda0": ("hurdle", dist.HalfNormal(1.0)),
    "h_alpha1": ("hurdle", dist.Normal(0.0, 2.5)),
    "h_lambda1": ("hurdle", dist.HalfNormal(1.0)),
    "h_sigma": ("hurdle", dist.HalfNormal(1.0)),
    "b_alpha": ("bernoulli", dist.Normal(0.0, 2.5)),
    "b_lambda": ("bernoulli", dist.HalfNormal(1.0)),
    "nb_alpha": ("negbin", dist.Normal(0.0, 2.5)),
    "nb_lambda": ("negbin", dist.HalfNormal(1.0)),
    "nb_phi": ("negbin", dist.LogNormal(np.log(5.0), 1.0)),
}
"""Measurement parameters: name -> (family, prior). Loadings are half-normal (non-negative)."""


INITIAL_SD = 3.0
"""Prior sd of a path's first year (levels differ between dyads); the yearly innovations have sd 1."""


def model(md: ModelData, fixed: dict[str, np.ndarray] | None = None, keep_loglik: bool = False) -> None:
    """The joint model; ``fixed`` holds measurement parameters to score a dyad on a committed scale."""
    free = fixed is not None
    # centred parameterisation: the indicators (UN votes above all) pin the states down firmly,
    # where a non-centred one leaves NUTS at its maximum tree depth
    z = numpyro.sample(
        "z",
        dist.ImproperUniform(dist.constraints.real, (), event_shape=(md.n_dyads, md.n_years, md.n_dims)),
    )
    numpyro.factor("random_walk", random_walk_logpdf(z))
    # the scale's zero: the average dyad-year of the fitted dyads (a common shift is the intercepts' business)
    theta = numpyro.deterministic("theta", z if free else z - z.mean(axis=(0, 1), keepdims=True))
    exposure = numpyro.deterministic(
        "dyad_exposure",
        _centred("exposure", (md.n_dyads,), md.n_dyads, free, 3.0) if "negbin" in md.blocks else jnp.zeros(md.n_dyads),
    )
    params = {}
    for name, (family, prior) in PRIORS.items():
        if family in md.blocks:
            params[name] = _param(name, prior, len(md.blocks[family].names), fixed)
    ll = loglik(md, theta, exposure, params)
    if keep_loglik:
        numpyro.deterministic("loglik", ll)
    numpyro.factor("observations", ll.sum())
