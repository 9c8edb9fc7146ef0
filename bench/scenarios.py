"""Benchmark: the bargaining model's Monte Carlo on one era with 10 actors, 8 rounds, 1,000 draws.

The era is E8's inputs from the shipped data plus three copies of its actors under new codes
(so 10 actors, as the target names). Beside it, in the same run, the first-order baseline on the
same draws: the capability × salience weighted mean. Prints seconds in total and per draw for
both, and their ratio. Usage: ``.venv/bin/python bench/scenarios.py [--draws N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from crossroads.scenarios import baselines
from crossroads.scenarios.kashmir import EraInputs, era_inputs
from crossroads.scenarios.simulate import draw_inputs, scenario
from timing import measure


def ten_actors() -> EraInputs:
    inputs = era_inputs("e8")
    extra = [replace(r, actor=f"X{k}") for k, r in enumerate(inputs.rows[2:], start=1)]
    rows = [*inputs.rows, *extra][:10]
    assert len(rows) == 10, len(rows)
    return replace(inputs, rows=rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    inputs = ten_actors()

    def model() -> object:
        return scenario(inputs.era, draws=args.draws, seed=0, rounds=args.rounds, inputs=inputs)

    def weighted_mean() -> object:
        x, c, s = draw_inputs(inputs.rows, args.draws, 0)
        return baselines.weighted_mean(x, c * s)

    model_s, model_mib = measure(model, args.repeat)
    mean_s, mean_mib = measure(weighted_mean, args.repeat)
    print(f"10 actors, {args.rounds} rounds, {args.draws} draws (median of {args.repeat} runs)")
    print(f"bargaining model : {model_s:8.3f} s  {model_s / args.draws * 1e3:8.3f} ms/draw  peak {model_mib:7.1f} MiB")
    print(f"weighted mean    : {mean_s:8.3f} s  {mean_s / args.draws * 1e3:8.3f} ms/draw  peak {mean_mib:7.1f} MiB")
    verdict = "met" if model_s < 10 else "NOT met"
    print(f"ratio model / weighted mean: {model_s / mean_s:,.0f}x; target under 10 s: {verdict}")


if __name__ == "__main__":
    main()
