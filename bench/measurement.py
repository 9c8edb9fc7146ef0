"""Benchmark and known-truth check of the latent relations measure on the six comparison dyads.

1. Fits the variant the report leads with (``--variant``; default the committed lead) to the
   real observations of the six dyads (timed; baseline in the same run: the PCA index with its
   200-replicate bootstrap for the same dyads).
2. Simulates a known truth on the real observations' cells (real missingness, joint-vote
   counts, and the committed posterior means as measurement parameters, so the real zero
   shares, dispersion and persistence), fits it, and measures the coverage of the 90% intervals.

Prints ``coverage_90``, ``rhat_max``, ``ess_min`` and ``seconds_per_dyad``.
Usage: ``.venv/bin/python bench/measurement.py [--variant 1d|2d] [--draws N] [--warmup N] [--seed N]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from crossroads.analysis.measurement.fit import Settings, fit
from crossroads.analysis.measurement.refit import COMPARISON_DYADS, comparison_observations
from crossroads.analysis.measurement.simulate import coverage, simulate
from crossroads.analysis.measurement.summaries import read_json
from crossroads.analysis.relations import relations_index
from crossroads.paths import data_dir
from crossroads.store.build import build_store
from crossroads.store.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--draws", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variant", choices=("1d", "2d"), default=None, help="default: the committed lead")
    args = parser.parse_args()
    variant = args.variant or read_json("measurement.provenance.json").get("lead") or "1d"
    n_dims = 1 if variant == "1d" else 2
    settings = Settings(warmup=args.warmup, draws=args.draws, seed=args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        build_store(path, data_dir())
        with Store(path) as store:
            start = time.perf_counter()
            for a, b in COMPARISON_DYADS:
                relations_index(store, a, b, n_boot=200)
            baseline = time.perf_counter() - start
            obs = comparison_observations(store)
    real = fit(obs, n_dims, settings, enforce=False)
    committed = read_json("parameters.json")[variant]["params"]
    sim = simulate(obs, n_dims=n_dims, params={k: np.asarray(v) for k, v in committed.items()}, seed=args.seed)
    known = fit(sim.obs, n_dims, settings, enforce=False)
    per_dyad = real.seconds / len(COMPARISON_DYADS)
    print(f"baseline  PCA index, 200 bootstrap replicates, six dyads: {baseline:.1f} s")
    print(f"latent    {variant} NUTS fit, six dyads jointly: {real.seconds:.1f} s ({real.mean_steps:.0f} steps/draw)")
    print(f"simulated fit on the real cells: {known.seconds:.1f} s")
    print(f"coverage_90={coverage(sim.truth, known.flat('theta')):.3f}")
    print(f"rhat_max={max(real.rhat_max, known.rhat_max):.4f} ess_min={min(real.ess_min, known.ess_min):.0f}")
    print(f"seconds_per_dyad={per_dyad:.1f} ratio_latent_vs_pca={real.seconds / baseline:.1f}")


if __name__ == "__main__":
    main()
