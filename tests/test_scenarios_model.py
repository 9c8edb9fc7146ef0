"""The bargaining model: known-truth cases, and the published EC example pinned round by round."""

from __future__ import annotations

import numpy as np
import pytest

from crossroads.scenarios import baselines
from crossroads.scenarios.model import (
    Inputs,
    Interpretation,
    eu_pair,
    median_voter,
    risk_exponents,
    run,
    security_levels,
    votes,
    win_probability,
)
from crossroads.scenarios.replication import ec_inputs, interpretation_grid, published, replicate

# Our kept reading, per round (median, mean): pinned so any change to the model shows.
PINNED = [
    (7.000000, 7.389956),
    (8.415932, 7.461314),
    (9.610859, 7.552501),
    (9.961980, 7.590145),
    (9.961980, 7.358131),
    (9.961980, 7.349174),
    (7.472046, 7.414878),
    (8.824594, 7.510457),
    (9.671130, 7.572447),
]


def test_round_zero_is_exact() -> None:
    rep = replicate()
    assert rep.rounds[0].median == 7.0
    assert rep.rounds[0].mean == pytest.approx(5.003 / 0.677, abs=1e-9)
    assert rep.rounds[0].within_tolerance is True


def test_replication_is_pinned_and_within_a_tenth_of_table_2_except_round_2() -> None:
    rep = replicate()
    for r, (median, mean) in zip(rep.rounds, PINNED, strict=True):
        assert r.median == pytest.approx(median, abs=1e-5)
        assert r.mean == pytest.approx(mean, abs=1e-5)
    table = {p.round: p for p in published()}
    for r in rep.rounds[1:]:
        close = abs(r.median - table[r.round].median) <= 0.1 and abs(r.mean - table[r.round].mean) <= 0.1
        assert close is (r.round != 2)
        assert r.within_tolerance is close
        assert bool(r.note) is (r.round == 2)


def test_public_scholz_code_replication_is_matched_to_twelve_rounds() -> None:
    """jmckib/bdm-scholz-expected-utility-model's output (reference_results §3.1), to 1e-4."""
    belgium = [7, 8.4159, 9.6109, 9.9620, 4.8009, 5.5242, 7.4720, 8.8246, 9.6711, 4.1448, 4.2915, 4.5385, 5.0392]
    means = [7.3900, 7.4613, 7.5525, 7.5901, 7.3581, 7.3492, 7.4149, 7.5105, 7.5724, 7.3250, 7.2421, 7.2562, 7.2839]
    names, inp = ec_inputs()
    result = run(inp, rounds=12)
    assert result.positions[0, :, names.index("Belgium")] == pytest.approx(belgium, abs=1e-4)
    assert result.means[0] == pytest.approx(means, abs=1e-4)
    risk = dict(zip(names, result.risk[0, 0], strict=True))
    assert risk["UK"] == pytest.approx(1.9649, abs=1e-4)
    assert risk["Luxembourg"] == pytest.approx(0.5089, abs=1e-4)
    assert risk["Denmark"] == pytest.approx(2.0, abs=1e-4)


def test_belgium_view_matches_the_published_figure() -> None:
    """Scholz et al. fig. 7 (read by eye, ±0.03): Belgium's EU of challenging j, and j's of challenging it."""
    names, inp = ec_inputs()
    how = Interpretation()
    w = inp.c * inp.s
    span = np.array([6.0])
    mu = median_voter(inp.x, w)
    r = risk_exponents(security_levels(inp, inp.x, mu, span, 1.0, how))
    a, b = eu_pair(inp, inp.x, r, mu, span, 1.0, how)
    be = names.index("Belgium")
    figure = {"Denmark": (-0.82, 0.24), "France": (-0.11, 0.24), "Luxembourg": (0.60, 0.24), "Greece": (0.0, 0.0)}
    for name, (x, y) in figure.items():
        j = names.index(name)
        assert a[0, be, j] == pytest.approx(x, abs=0.03)
        assert b[0, be, j] == pytest.approx(y, abs=0.03)


def test_pairwise_win_probabilities_sum_to_one_under_the_printed_denominator() -> None:
    rng = np.random.default_rng(1)
    x, w = rng.uniform(0, 10, (3, 6)), rng.uniform(0.1, 1, (3, 6))
    p = win_probability(votes(x, w, np.ones_like(x), np.ptp(x, axis=1)), "pair")
    total = p + np.swapaxes(p, 1, 2)
    off = ~np.eye(6, dtype=bool)
    assert np.allclose(total[:, off], 1.0)


def test_median_is_the_weighted_median_position() -> None:
    x = np.array([[0.0, 1.0, 2.0, 3.0]])
    assert median_voter(x, np.array([[1.0, 1.0, 1.0, 4.0]]))[0] == 3.0
    assert median_voter(x, np.array([[3.0, 1.0, 1.0, 0.5]]))[0] == 0.0
    assert median_voter(x, np.array([[1.0, 2.0, 0.5, 0.5]]))[0] == 1.0


def test_nash_bargaining_has_its_closed_form() -> None:
    """Two actors at 0 and 1 with weights 2 and 1: argmax 2 log(1 − y) + log(y) is y = 1/3."""
    x = np.array([[0.0, 1.0], [0.0, 1.0]])
    w = np.array([[2.0, 1.0], [1.0, 1.0]])
    assert baselines.nash_bargaining(x, w) == pytest.approx([1 / 3, 0.5], abs=1e-5)


def test_a_batch_of_draws_runs_each_draw_as_if_alone() -> None:
    _, inp = ec_inputs()
    rng = np.random.default_rng(3)
    x = np.vstack([inp.x, np.clip(inp.x + rng.normal(0, 1, inp.x.shape), 4, 10)])
    batch = run(Inputs(x, np.vstack([inp.c] * 2), np.vstack([inp.s] * 2)), rounds=5)
    for d in range(2):
        alone = run(Inputs(x[d : d + 1], inp.c, inp.s), rounds=5)
        assert np.array_equal(batch.positions[d], alone.positions[0])


def test_runs_are_deterministic() -> None:
    _, inp = ec_inputs()
    first, second = run(inp, rounds=8), run(inp, rounds=8)
    assert np.array_equal(first.positions, second.positions)


def test_the_kept_reading_is_among_the_best_of_the_documented_alternatives() -> None:
    grid = interpretation_grid()
    best = grid[0].rounds_within
    assert best == 7
    kept = [row for row in grid if row.interpretation == Interpretation()]
    assert kept[0].rounds_within == best
    literal = [
        row
        for row in grid
        if row.interpretation.denominator == "pair" and row.interpretation.offer_choice == "least_move"
    ]
    assert max(row.rounds_within for row in literal) < best
