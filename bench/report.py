"""Benchmark: building the report from the shipped data, against exporting the events as a baseline.

Both run side by side in this process on a store built from the shipped data. Prints wall
time and peak memory (tracemalloc, Python allocations) for each and the ratios.
Usage: ``.venv/bin/python bench/report.py [--boot N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from crossroads.analysis.context import AnalysisContext, Settings
from crossroads.paths import data_dir
from crossroads.report.build import write_report
from crossroads.store.build import build_store
from crossroads.store.export import write_frame
from crossroads.store.store import Store
from timing import measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--boot", type=int, default=200, help="bootstrap replicates (as `crossroads report`)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_store(root / "bench.duckdb", data_dir())
        with Store(root / "bench.duckdb") as store:
            base_t, base_m = measure(lambda: write_frame(store.events_export(), "csv", root / "e.csv"), args.repeat)
            rep_t, rep_m = measure(
                lambda: write_report(
                    store, root / "report", ctx=AnalysisContext(store.path, Settings(n_boot=args.boot))
                ),
                args.repeat,
            )
        size = (root / "report" / "report.html").stat().st_size / 2**20
    print(f"baseline  export events to CSV:       {base_t:.3f} s, peak {base_m:.1f} MiB")
    print(f"report    build (boot={args.boot}):        {rep_t:.3f} s, peak {rep_m:.1f} MiB, html {size:.1f} MiB")
    print(f"ratio_time_report_vs_export={rep_t / base_t:.1f} ratio_peak_mem={rep_m / base_m:.1f}")


if __name__ == "__main__":
    main()
