"""Benchmark `crossroads ingest` against the plain parsers on the same synthetic GDELT 2.0 file.

    .venv/bin/python bench/ingest.py --rows 1000000 [--repeat 3]
    .venv/bin/python bench/ingest.py --scale [--repeat N]   # 1 M, 4 M and 10 M rows, once each by default
    .venv/bin/python bench/ingest.py --compare ../other/src   # also another checkout's ingester, taking turns

Each method runs in its own child process (so peak resident memory is its own) on the
same file in the same run, the methods taking turns; the median time is reported with
rows/s and peak RSS. A method's time counts its own imports, not the interpreter's start.
Plain parsers (parse, and for DuckDB store, with no checks): DuckDB ``CREATE TABLE AS
SELECT * FROM read_csv(...)`` into an on-disk file with every column VARCHAR, pandas
``read_csv`` (C engine, ``dtype=str``) and ``pyarrow.csv.read_csv`` (every column a
string). The ingester does more per row: validation, harmonisation, quarantine,
de-duplication and commit units. Ratios are rows/s of the method over rows/s of the
baseline (> 1 is faster); ``cpu_s`` is the process's CPU time (all threads), which says
more than wall time on a machine other jobs share. ``--scale`` builds the larger files by repeating a 1 M-row
synthetic file with new event ids (value distributions unchanged) and skips pandas above
``--pandas-max`` rows (every cell a Python string: memory grows far past the others).
Never a test: timings vary by machine and load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAW = ("duckdb_read_csv", "pandas_read_csv", "pyarrow_read_csv")
METHODS = (*RAW, "crossroads_ingest", "crossroads_ingest_parquet")
COMPARE = "crossroads_ingest_other"
"""``--compare SRC``: ``crossroads ingest`` with the package found in SRC (another checkout's ``src``), taking
turns with the others, to measure a change against the code before it in the same run."""


def child(method: str, path: Path, work: Path) -> None:
    """Run one method once and print {"seconds", "peak_mib", "rows"} as JSON. The time counts the
    method's own imports (for the ingester: the package, Arrow and DuckDB), not the interpreter's start."""
    started = time.perf_counter()
    names = [f"c{i}" for i in range(61)]  # the baselines need no names of ours (nor our imports)
    if method == "duckdb_read_csv":
        import duckdb

        cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in names) + "}"
        con = duckdb.connect(str(work / "baseline.duckdb"))
        con.execute(
            f"CREATE TABLE t AS SELECT * FROM read_csv('{path}', delim = '\t', header = false, quote = '', "
            f"escape = '', columns = {cols})"
        )
        rows = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
        con.close()
    elif method == "pandas_read_csv":
        import csv

        import pandas as pd

        frame = pd.read_csv(path, sep="\t", header=None, names=names, dtype=str, engine="c", quoting=csv.QUOTE_NONE,
                            keep_default_na=False)  # fmt: skip
        rows = len(frame)
    elif method == "pyarrow_read_csv":
        import pyarrow as pa
        import pyarrow.csv as pacsv

        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())),
        )
        rows = table.num_rows
    else:
        from crossroads.ingest.load import ingest

        if method in ("crossroads_ingest", COMPARE):
            rows = ingest([path], db=work / "s.ingest.duckdb").rows_loaded
        else:
            rows = ingest([path], parquet=work / "pq").rows_loaded
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime  # every thread of the process: on a shared machine, the work done
    print(json.dumps({"seconds": seconds, "peak_mib": usage.ru_maxrss / 1024, "rows": rows, "cpu": cpu}))


def run(method: str, path: Path, other: Path | None = None) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    env = dict(os.environ)
    if method == COMPARE and other is not None:
        env["PYTHONPATH"] = str(other)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", method, "--file", str(path), "--work", str(work)],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        if out.returncode:
            tail = "\n".join(out.stderr.strip().splitlines()[-15:])
            raise SystemExit(f"{method} on {path.name} failed (exit {out.returncode}); its last output:\n{tail}")
        result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(
    path: Path, rows: int, repeat: int, pandas_max: int, skip: set[str], other: Path | None
) -> dict[str, dict[str, float]]:
    """Each method ``repeat`` times, taking turns (one run of each, then again), so that a change in
    the machine's load falls on every method alike rather than on whichever ran at that moment."""
    methods = [m for m in METHODS if m not in skip and not (m == "pandas_read_csv" and rows > pandas_max)]
    if other is not None:
        methods.insert(methods.index("crossroads_ingest") + 1 if "crossroads_ingest" in methods else 0, COMPARE)
    every: dict[str, list[dict[str, float]]] = {m: [] for m in methods}
    for _ in range(repeat):
        for method in methods:
            every[method].append(run(method, path, other))
    results: dict[str, dict[str, float]] = {}
    for method, runs in every.items():
        assert all(r["rows"] == rows for r in runs), (method, runs)
        seconds = statistics.median(r["seconds"] for r in runs)
        results[method] = {
            "seconds": seconds,
            "rows_s": rows / seconds,
            "peak_mib": max(r["peak_mib"] for r in runs),
            "cpu": statistics.median(r["cpu"] for r in runs),
        }
    return results


def report(rows: int, path: Path, results: dict[str, dict[str, float]]) -> None:
    fastest = max((results[m]["rows_s"] for m in RAW if m in results), default=float("nan"))
    base = {m: results[m]["rows_s"] for m in ("duckdb_read_csv", "pandas_read_csv") if m in results}
    print(f"\n{rows:,} rows ({path.stat().st_size / 2**20:,.0f} MiB)")
    head = ("method", "seconds", "rows/s", "peak_rss_mb", "ratio_vs_duckdb_read_csv", "ratio_vs_pandas_read_csv",
            "ratio_vs_fastest_raw", "cpu_s")  # fmt: skip
    print(f"{head[0]:<27}{head[1]:>9}{head[2]:>11}{head[3]:>12}{head[4]:>26}{head[5]:>26}{head[6]:>22}{head[7]:>8}")
    for method, r in results.items():
        ratios = [f"{r['rows_s'] / base[m]:.2f}" if m in base else "-" for m in ("duckdb_read_csv", "pandas_read_csv")]
        print(
            f"{method:<27}{r['seconds']:>9.2f}{r['rows_s']:>11,.0f}{r['peak_mib']:>12,.0f}"
            f"{ratios[0]:>26}{ratios[1]:>26}{r['rows_s'] / fastest:>22.2f}{r['cpu']:>8.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, help="runs of each method (default 3; 1 with --scale)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", action="store_true", help="run at 1 M, 4 M and 10 M rows (once each)")
    parser.add_argument("--pandas-max", type=int, default=4_000_000, help="skip pandas above this many rows")
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder (reused if present)")
    parser.add_argument("--skip", action="append", default=[], choices=METHODS, help="leave this method out")
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="SRC",
        help=f"also time {COMPARE}: the ingester found in SRC (another checkout's src folder)",
    )
    parser.add_argument("--child", choices=(*METHODS, COMPARE), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.file, args.work)
        return

    from crossroads.ingest import synth

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-data-"))
    tmp.mkdir(parents=True, exist_ok=True)
    sizes = [1_000_000, 4_000_000, 10_000_000] if args.scale else [args.rows]
    repeat = args.repeat or (1 if args.scale else 3)
    try:
        base = tmp / f"synthetic-{min(sizes[0], 1_000_000)}.export.CSV"
        if not base.exists():
            synth.write(base, min(sizes[0], 1_000_000), width=61, seed=args.seed)
        print(f"synthetic GDELT 2.0 rows (61 columns); median of {repeat}, each run in a fresh process, "
              "methods taking turns")  # fmt: skip
        summary = []
        for rows in sizes:
            path = base if rows <= 1_000_000 else tmp / f"synthetic-{rows}.export.CSV"
            if not path.exists():
                synth.tile(base, rows, path)
            results = measure(path, rows, repeat, args.pandas_max, set(args.skip), args.compare)
            report(rows, path, results)
            summary.append((rows, results))
        if len(summary) > 1:
            print("\nscaling of crossroads_ingest (rows/s and peak RSS against the smallest run)")
            first = summary[0][1]["crossroads_ingest"]
            for rows, results in summary:
                r = results["crossroads_ingest"]
                print(f"{rows:>12,} rows: {r['rows_s']:>9,.0f} rows/s ({r['rows_s'] / first['rows_s']:.2f}x), "
                      f"peak {r['peak_mib']:,.0f} MiB ({r['peak_mib'] / first['peak_mib']:.2f}x)")  # fmt: skip
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
