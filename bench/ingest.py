"""Benchmark `crossroads ingest` against plain DuckDB read_csv of the same synthetic GDELT file.

    .venv/bin/python bench/ingest.py --rows 1000000 [--width 61] [--repeat 3] [--gz]

Each method runs in its own child process (so peak resident memory is its own) on the
same file, `--repeat` times; the median time is reported with rows/s, the peak RSS, and
the ratio to the baseline. Baseline: DuckDB `CREATE TABLE AS SELECT * FROM read_csv(...)`
with the columns given as VARCHAR into an on-disk database: parse and store, no checks.
The ingester does more per row (validation, harmonisation, quarantine, de-duplication,
one transaction), so the ratio says what that costs. Never a test: timings vary by machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METHODS = ("duckdb_read_csv", "crossroads_ingest", "crossroads_ingest_parquet")


def child(method: str, path: Path, work: Path, width: int) -> None:
    """Run one method once and print {"seconds", "peak_mib"} as JSON."""
    import duckdb

    from crossroads.ingest.formats import gdelt_columns
    from crossroads.ingest.load import ingest

    started = time.perf_counter()
    if method == "duckdb_read_csv":
        cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in gdelt_columns(width)) + "}"
        con = duckdb.connect(str(work / "baseline.duckdb"))
        con.execute(
            f"CREATE TABLE t AS SELECT * FROM read_csv('{path}', delim = '\t', header = false, quote = '', "
            f"escape = '', columns = {cols})"
        )
        rows = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
        con.close()
    elif method == "crossroads_ingest":
        rows = ingest([path], db=work / "s.ingest.duckdb").rows_loaded
    else:
        rows = ingest([path], parquet=work / "pq").rows_loaded
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak, "rows": rows}))


def run(method: str, path: Path, width: int) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", method, "--file", str(path), "--work", str(work),
             "--width", str(width)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--width", type=int, choices=(57, 58, 61), default=61)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gz", action="store_true", help="ingest a .gz copy (the baseline reads it too)")
    parser.add_argument("--child", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.file, args.work, args.width)
        return

    from crossroads.ingest import synth

    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-data-"))
    try:
        path = synth.write(tmp / "synthetic.export.CSV", args.rows, width=args.width, seed=args.seed)
        if args.gz:
            gz = path.with_suffix(".CSV.gz")
            with path.open("rb") as src, gzip.open(gz, "wb", compresslevel=6) as dst:
                shutil.copyfileobj(src, dst)
            path = gz
        size = path.stat().st_size / 2**20
        print(f"{args.rows:,} synthetic GDELT rows, {args.width} columns, {size:.1f} MiB ({path.name}); "
              f"median of {args.repeat}, each run in a fresh process")  # fmt: skip
        results: dict[str, dict[str, float]] = {}
        for method in METHODS:
            runs = [run(method, path, args.width) for _ in range(args.repeat)]
            assert all(r["rows"] == args.rows for r in runs), (method, runs)
            results[method] = {
                "seconds": statistics.median(r["seconds"] for r in runs),
                "peak_mib": max(r["peak_mib"] for r in runs),
            }
        base = results["duckdb_read_csv"]
        print(f"{'method':<28}{'seconds':>9}{'rows/s':>12}{'peak MiB':>10}{'time ratio':>12}{'rows/s ratio':>14}")
        for method, r in results.items():
            rate = args.rows / r["seconds"]
            print(
                f"{method:<28}{r['seconds']:>9.2f}{rate:>12,.0f}{r['peak_mib']:>10.0f}"
                f"{r['seconds'] / base['seconds']:>12.2f}{base['seconds'] / r['seconds']:>14.2f}"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
