"""Benchmark: the claims multiverse and calibration, against the primary specifications as a baseline.

Runs in this process on a store built from the shipped data: (1) every claim's primary specification
only (the baseline), (2) the full multiverse of every claim, (3) the calibration of every statistical
claim (200 worlds each way unless told). Prints seconds per specification for each claim, totals and
the ratio of the multiverse to the baseline.
Usage: ``.venv/bin/python bench/claims.py [--simulations N]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from crossroads.analysis.claims.calibration import calibrate
from crossroads.analysis.claims.inputs import ClaimData
from crossroads.analysis.claims.multiverse import run_claim
from crossroads.analysis.claims.plan import Plan
from crossroads.paths import data_dir
from crossroads.store.build import build_store
from crossroads.store.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--simulations", type=int, default=200, help="worlds per truth (as the plan asks)")
    args = parser.parse_args()
    plan = Plan.load()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_store(root / "bench.duckdb", data_dir())
        with Store(root / "bench.duckdb") as store:
            data = ClaimData(store)
            started = time.perf_counter()
            for claim in plan.claims:
                run_claim(data, plan, claim, multiverse=False)  # also loads and caches the inputs
            baseline = time.perf_counter() - started
            print(f"{'claim':6} {'specs':>6} {'seconds':>8} {'s/spec':>8}")
            total, specs = 0.0, 0
            for claim in plan.claims:
                result = run_claim(data, plan, claim)
                total += result.seconds
                specs += result.specifications
                per = result.seconds / result.specifications
                print(f"{claim:6} {result.specifications:6d} {result.seconds:8.2f} {per:8.4f}")
            print(f"multiverse: {specs} specifications in {total:.1f} s ({total / specs:.4f} s per specification)")
            print(f"baseline (primary specifications, first run with loading): {baseline:.1f} s")
            print(f"ratio multiverse / baseline: {total / baseline:.1f}")
            started = time.perf_counter()
            calibrations = calibrate(data, plan, simulations=args.simulations)
            calibration = time.perf_counter() - started
            for c in calibrations:
                if c.applies:
                    print(
                        f"calibration {c.id}: {c.simulations} worlds each way in {c.seconds:.1f} s, "
                        f"false-positive rate {c.false_positive_rate:.3f}, power {c.power:.3f}"
                    )
            print(f"calibration total: {calibration:.1f} s; multiverse + calibration: {total + calibration:.1f} s")


if __name__ == "__main__":
    main()
