"""The latent measure against a known truth: a small seeded simulation, fitted with NUTS."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crossroads.analysis.measurement.assemble import Observations, assemble
from crossroads.analysis.measurement.fit import ConvergenceError, Settings, fit
from crossroads.analysis.measurement.simulate import coverage, simulate

YEARS = tuple(range(1976, 2021))


def skeleton() -> Observations:
    """Three dyads over 45 years with the real data's kinds of gaps: a late UN start, aid gaps, ATOP ending."""
    rng = np.random.default_rng(7)
    index = pd.Index(range(1947, 2022), name="year")
    wides = {}
    for a, b in (("USA", "PAK"), ("USA", "IND"), ("CHN", "PAK")):
        wide = pd.DataFrame(index=index)
        wide["unga_agreement"] = rng.uniform(0.2, 0.8, len(index))
        wide["unga_joint_votes"] = rng.integers(20, 120, len(index)).astype(float)
        if a == "CHN":
            wide.loc[:1985, ["unga_agreement", "unga_joint_votes"]] = np.nan
        else:
            wide[f"us_aid_obligations_constant[{a}>{b}]"] = rng.lognormal(19, 2, len(index))
            wide.loc[rng.choice(index, 6, replace=False), f"us_aid_obligations_constant[{a}>{b}]"] = np.nan
        wide[f"atop_defense[{a}>{b}]"] = rng.integers(0, 2, len(index)).astype(float)
        wide.loc[2019:, f"atop_defense[{a}>{b}]"] = np.nan
        wide["events_q1"] = rng.poisson(2, len(index))
        wide["events_q3"] = rng.poisson(1, len(index))
        wides[(a, b)] = wide
    obs = assemble(wides)
    frame = obs.frame[obs.frame["year"].between(YEARS[0], YEARS[-1])].reset_index(drop=True)
    return Observations(frame=frame, dyads=obs.dyads, years=YEARS, scales=obs.scales)


@pytest.fixture(scope="module", params=[1, 2], ids=["one_dimension", "two_dimensions"])
def simulated(request: pytest.FixtureRequest) -> tuple[np.ndarray, np.ndarray]:
    n_dims = int(request.param)
    sim = simulate(skeleton(), n_dims=n_dims, seed=0)
    result = fit(sim.obs, n_dims, Settings(chains=4, warmup=300, draws=300, seed=0), enforce=False)
    return sim.truth, result.flat("theta")


def test_ninety_percent_intervals_cover_the_simulated_truth_85_to_95_percent(
    simulated: tuple[np.ndarray, np.ndarray],
) -> None:
    truth, draws = simulated
    assert 0.85 <= coverage(truth, draws) <= 0.95


def test_posterior_means_track_the_simulated_paths(simulated: tuple[np.ndarray, np.ndarray]) -> None:
    truth, draws = simulated
    means = draws.mean(axis=0)
    for k in range(truth.shape[-1]):  # each dimension on its own
        assert np.corrcoef(truth[..., k].ravel(), means[..., k].ravel())[0, 1] > 0.8


def test_too_few_draws_fail_loudly_on_convergence() -> None:  # also the enforcement the refit relies on
    sim = simulate(skeleton(), n_dims=1, seed=1)
    with pytest.raises(ConvergenceError, match="did not converge"):
        fit(sim.obs, 1, Settings(chains=2, warmup=30, draws=30, seed=0))


def test_the_capped_smoothness_prior_has_no_mass_above_a_unit_variance_walk() -> None:
    from crossroads.analysis.measurement.model import smoothness_prior, tau_cap

    cap = tau_cap(75)
    assert cap == pytest.approx(np.sqrt(6 * 75 / (75**2 - 1)))  # 0.283: a 75-year walk of unit variance
    import jax

    draws = np.asarray(smoothness_prior("capped", 75).sample(jax.random.PRNGKey(0), (5000,)))
    assert draws.min() >= 0 and draws.max() <= cap
    assert np.asarray(smoothness_prior("half_normal", 75).sample(jax.random.PRNGKey(0), (5000,))).max() > cap
    with pytest.raises(ValueError, match="unknown smoothness prior"):
        smoothness_prior("flat", 75)


def test_chain_blocks_show_each_chain_block_by_block() -> None:
    from crossroads.analysis.measurement.diagnostics import chain_blocks

    sim = simulate(skeleton(), n_dims=1, seed=2)
    result = fit(sim.obs, 1, Settings(chains=2, warmup=40, draws=30, seed=0), enforce=False, tau_prior="capped")
    frame = chain_blocks(result, block=10)
    assert list(frame["chain"]) == [0, 0, 0, 1, 1, 1]
    assert list(frame["draws"][:3]) == ["1-10", "11-20", "21-30"]
    assert {"tau", "bb_lambda", "o_lambda", "loglik"} <= set(frame.columns)
    assert np.isfinite(frame[["tau", "bb_lambda", "loglik"]].to_numpy()).all()
    assert (frame["tau"] <= 0.37).all()  # the cap for the 45 simulated years
