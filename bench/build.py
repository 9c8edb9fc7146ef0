"""Benchmark: building the store, against reading the same YAML files as a baseline.

Prints wall time and peak memory for both, run side by side in this process, and
the ratio build/baseline. Usage: ``.venv/bin/python bench/build.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import yaml

from crossroads.paths import data_dir
from crossroads.store.build import build_store
from timing import measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = data_dir()
    files = sorted((root / "chronology").glob("*.yaml")) + sorted((root / "bibliography").glob("*.yaml"))

    def baseline() -> None:
        for path in files:
            yaml.safe_load(path.read_text(encoding="utf-8"))

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        base_t, base_m = measure(baseline, args.repeat)
        build_t, build_m = measure(lambda: build_store(db, root), args.repeat)
    print(f"baseline  yaml.safe_load of {len(files)} files: {base_t:.3f} s, peak {base_m:.1f} MiB")
    print(f"build     validate + write store:        {build_t:.3f} s, peak {build_m:.1f} MiB")
    print(f"ratio_time_build_vs_yaml={build_t / base_t:.2f} ratio_peak_mem={build_m / base_m:.2f}")


if __name__ == "__main__":
    main()
