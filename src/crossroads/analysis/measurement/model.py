"""The dynamic latent-variable model (NumPyro): random-walk states per dyad and year, read through every indicator.

State: for dyad ``d``, year ``t`` and dimension ``k``, ``z[d, t, k]`` is a Gaussian random walk
with unit yearly innovations; the indicators read ``theta``, the paths standardised over all fitted
dyad-years (zero the average dyad-year, one unit their standard deviation), so every dyad sits on
one scale and a common stretch of the paths against the loadings is not left to the sampler.
Non-negative loadings on indicators oriented "higher = closer" fix the sign.
(An AR(1) was tried first: its persistence went to 0.99 and, coupled with the scale, left the
chains mixing slowly; a separate dyad mean sits on a ridge with the level of the path.)

Measurement, with parameters shared by all dyads so that they sit on one scale (linear
predictor ``eta = alpha_j + sign_j * lambda_j * theta``):

* UN agreement: beta-binomial on the joint roll calls (over-dispersed: the agenda changes);
* aid and arms: a hurdle, Bernoulli for any flow, then log-normal amount (own loading for each part);
* alliance obligations: one ordered logit (none / lesser obligation / defence), robust (a 2% floor per level);
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
    s: np.ndarray  # ordinal: the directed series (dyad x direction) of each row


@dataclass(frozen=True)
class ModelData:
    n_dyads: int
    n_years: int
    n_dims: int
    blocks: dict[str, Block]
    row_order: np.ndarray  # observation rows in the order of the concatenated log-likelihood
    n_series: int = 0  # directed series of the ordinal indicators, each with its own threshold shift


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
    ordinal = frame[frame["indicator"].isin([i.name for i in obs.indicators if i.family == "ordinal"])]
    keys = zip(ordinal["dyad"], ordinal["indicator"], ordinal["direction"], strict=True)
    series_of = {key: i for i, key in enumerate(sorted(set(keys)))}
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
            s=np.array(
                [series_of.get(key, 0) for key in zip(part["dyad"], part["indicator"], part["direction"], strict=True)],
                dtype=int,
            ),
        )
        order.append(part.index.to_numpy())
    return ModelData(
        n_dyads=len(obs.dyads),
        n_years=len(obs.years),
        n_dims=n_dims,
        blocks=blocks,
        row_order=np.concatenate(order) if order else np.array([], dtype=int),
        n_series=len(series_of),
    )


FLAG_ERROR = 0.02
"""Robust ordinal indicators: a 2% chance of each level whatever the state. A flexible path can otherwise
separate the years of a treaty from the others perfectly, sending the loading to infinity."""
LEVELS = 3
"""Levels of the ordinal indicators (none, a lesser obligation, a defence or offence obligation)."""


def ordered_probs(cut: Array, gap: Array, eta: Array, xp: Any = np) -> Array:
    """Probabilities of the three levels of an ordered logit (cutpoints ``cut`` and ``cut + gap``), floored.

    ``xp`` is the array module (``numpy`` or ``jax.numpy``), so that the model, the simulator and the
    predictive checks share one definition.
    """
    below_1 = 1 / (1 + xp.exp(eta - cut))
    below_2 = 1 / (1 + xp.exp(eta - cut - gap))
    probs = xp.stack([below_1, below_2 - below_1, 1 - below_2], axis=-1)
    return FLAG_ERROR + (1 - LEVELS * FLAG_ERROR) * probs


def random_walk_logpdf(theta: Array, tau: Array) -> Array:
    """Log density of Gaussian random walks ``theta[d, t, k]`` with innovation sd ``tau[k]``."""
    first = dist.Normal(0.0, INITIAL_SD).log_prob(theta[:, 0, :]).sum()
    return first + dist.Normal(0.0, tau).log_prob(jnp.diff(theta, axis=1)).sum()


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
        elif family == "ordinal":
            eta = params["o_lambda"][b.j] * state - params["series_shift"][b.s]
            probs = ordered_probs(params["o_cut"][b.j], params["o_gap"][b.j], eta, jnp)
            terms.append(jnp.log(jnp.take_along_axis(probs, b.y.astype(int)[:, None], axis=1)[:, 0]))
        else:
            log_mean = params["nb_alpha"][b.j] + dyad_exposure[b.d] + params["nb_lambda"][b.j] * state
            terms.append(dist.NegativeBinomial2(jnp.exp(log_mean), params["nb_phi"][b.j]).log_prob(b.y))
    return jnp.concatenate(terms) if terms else jnp.zeros(0)


LOADING_SD = 2.5
"""Prior scale of the loadings (half-normal), per standard deviation of the state, on the link scale."""

PRIORS: dict[str, tuple[str, dist.Distribution]] = {
    "bb_alpha": ("betabinom", dist.Normal(0.0, 2.5)),
    "bb_lambda": ("betabinom", dist.HalfNormal(LOADING_SD)),
    "bb_kappa": ("betabinom", dist.LogNormal(np.log(30.0), 1.0)),
    "h_alpha0": ("hurdle", dist.Normal(0.0, 2.5)),
    "h_lambda0": ("hurdle", dist.HalfNormal(LOADING_SD)),
    "h_alpha1": ("hurdle", dist.Normal(0.0, 2.5)),
    "h_lambda1": ("hurdle", dist.HalfNormal(LOADING_SD)),
    "h_sigma": ("hurdle", dist.HalfNormal(1.0)),
    "o_cut": ("ordinal", dist.Normal(0.0, 2.5)),
    "o_gap": ("ordinal", dist.LogNormal(np.log(2.0), 1.0)),
    "o_lambda": ("ordinal", dist.HalfNormal(LOADING_SD)),
    "nb_alpha": ("negbin", dist.Normal(0.0, 2.5)),
    "nb_lambda": ("negbin", dist.HalfNormal(LOADING_SD)),
    "nb_phi": ("negbin", dist.LogNormal(np.log(5.0), 1.0)),
}
"""Measurement parameters: name -> (family, prior). Loadings are half-normal (non-negative)."""


SHIFT_SD = 1.0
"""Prior sd of a directed series' threshold shift (ordinal indicators), on the logit scale."""
INITIAL_SD = 2.0
"""Prior sd of a path's first year, in standard deviations of the state (levels differ between dyads)."""


TAU_SD = 0.5
"""Prior scale (half-normal) of the yearly innovation sd ``tau``, in standard deviations of the state."""


def tau_cap(n_years: int) -> float:
    """Upper end of the prior of ``tau``: the largest innovation sd a random walk of unit variance can have.

    A random walk over ``T`` years with innovation sd ``tau`` varies about its own mean by
    ``tau**2 * (T**2 - 1) / (6 * T)`` in expectation. The states are standardised to unit variance over
    all dyad-years, so a walk can use at most that unit: ``tau`` beyond ``sqrt(6 T / (T**2 - 1))`` (0.28
    for the 75 years 1947-2021) would spend more than the whole unit on one path's own wandering: it
    describes year-to-year noise, not a persistent relationship. Without the cap a chain could settle in
    rough noise with every loading near zero (docs/measurement.md, "Under test").
    """
    return float(np.sqrt(6 * n_years / (n_years**2 - 1))) if n_years > 1 else 1.0


SMOOTHNESS_PRIORS = ("capped", "half_normal")
"""Priors of ``tau``: ``capped`` (the half-normal of scale ``TAU_SD`` truncated at ``tau_cap``: the specification
since change 5 in docs/measurement.md) or ``half_normal`` (untruncated: the specification before it)."""

TAU_PRIOR = "capped"
"""The smoothness prior of the specification (``SMOOTHNESS_PRIORS``)."""


def smoothness_prior(name: str, n_years: int) -> dist.Distribution:
    if name == "half_normal":
        return dist.HalfNormal(TAU_SD)
    if name == "capped":
        return dist.TruncatedNormal(0.0, TAU_SD, low=0.0, high=tau_cap(n_years))
    raise ValueError(f"unknown smoothness prior {name!r}: use one of {', '.join(SMOOTHNESS_PRIORS)}")


def state_paths(md: ModelData, fixed: dict[str, np.ndarray] | None, tau_prior: str = TAU_PRIOR) -> Array:
    """The state the indicators read, ``theta[d, t, k]``, with its random-walk prior.

    In a joint fit the paths are standardised over all fitted dyad-years (zero the average
    dyad-year, one unit their standard deviation, per dimension, in every draw), so every dyad
    sits on one scale and the loadings are per standard deviation. They are sampled as free
    paths ``u`` whose location and spread carry only a weak prior of their own: the likelihood and
    the random walk see the standardised shape alone, so no common stretch of all the paths is left
    for the sampler to wander along. The smoothness is an explicit parameter, the innovation sd
    ``tau`` per dimension (per year, in standard deviations of the state). A dyad scored on a
    committed scale takes the committed ``tau`` and is not standardised (it is not the reference set).
    """
    shape = (md.n_dyads, md.n_years, md.n_dims)
    if fixed is not None:
        theta = numpyro.sample("u", dist.ImproperUniform(dist.constraints.real, (), event_shape=shape))
        numpyro.factor("random_walk", random_walk_logpdf(theta, jnp.asarray(fixed["tau"])))
        return theta
    # iid standard normal u: its location and spread (which the standardised shape does not see) get a
    # proper prior of their own, and the shape of u is uniform, left to the random walk and the data
    u = numpyro.sample("u", dist.Normal(0.0, 1.0).expand(list(shape)).to_event(3))
    location = u.mean(axis=(0, 1), keepdims=True)
    spread = jnp.sqrt(jnp.mean((u - location) ** 2, axis=(0, 1), keepdims=True))
    theta = (u - location) / spread
    prior = smoothness_prior(tau_prior, md.n_years)
    tau = numpyro.sample("tau", prior.expand([md.n_dims]).to_event(1))
    numpyro.factor("random_walk", random_walk_logpdf(theta, tau))
    return theta


def model(
    md: ModelData,
    fixed: dict[str, np.ndarray] | None = None,
    keep_loglik: bool = False,
    tau_prior: str = TAU_PRIOR,
) -> None:
    """The joint model; ``fixed`` holds measurement parameters to score a dyad on a committed scale."""
    free = fixed is not None
    # centred paths: the indicators (UN votes above all) pin the states down firmly,
    # where non-centred innovations leave NUTS at its maximum tree depth
    theta = numpyro.deterministic("theta", state_paths(md, fixed, tau_prior))
    exposure = numpyro.deterministic(
        "dyad_exposure",
        _centred("exposure", (md.n_dyads,), md.n_dyads, free, 3.0) if "negbin" in md.blocks else jnp.zeros(md.n_dyads),
    )
    params = {}
    for name, (family, prior) in PRIORS.items():
        if family in md.blocks:
            params[name] = _param(name, prior, len(md.blocks[family].names), fixed)
    if "ordinal" in md.blocks:
        # each directed series (e.g. the US's obligations to Pakistan, Pakistan's to the US) has its own
        # threshold shift: an asymmetric treaty is a constant of the pair, not evidence about a year
        params["series_shift"] = numpyro.deterministic(
            "series_shift", _centred("shift", (md.n_series,), md.n_series, free, SHIFT_SD)
        )
    ll = loglik(md, theta, exposure, params)
    if keep_loglik:
        numpyro.deterministic("loglik", ll)
    numpyro.factor("observations", ll.sum())
