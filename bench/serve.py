"""Load the explorer on 127.0.0.1: /healthz first, then a mix of data endpoints.

Starts ``crossroads serve`` as its own process over a store built from the shipped
data (or ``--db``), drives a bounded load (32 concurrent clients, a fixed number
of requests) and prints, for each phase, requests/s, p50, p99 and errors, then
the ratios of the data mix and of varied /api/events queries (era x dimension x
limit x offset x text, every URL different) against /healthz. Goal: data >= 0.5x healthz requests/s,
p99 <= 2x healthz p99, zero errors. Not a test: run it by hand.

    .venv/bin/python bench/serve.py [--requests 4000] [--clients 32] [--db PATH] [--no-cache]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from crossroads.paths import data_dir
from crossroads.store.build import build_store

HOST = "127.0.0.1"

DATA_MIX = [
    "/api/events?limit=50",
    "/api/events?era=e4&limit=100",
    "/api/events?kashmir=true&limit=100",
    "/api/events?actor=CHN&dimension=nuclear",
    "/api/events?q=Simla",
    "/api/events?start=1971&end=1972-06&limit=200",
    "/api/events/1972-07-02-simla-agreement",
    "/api/eras",
    "/api/series?source_actor=PAK&target_actor=USA&variable=chronology_events",
    "/api/coverage",
    "/api/meta",
    "/api/vocabulary",
]


ERAS = ["", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"]
DIMENSIONS = ["", "diplomatic", "kashmir", "nuclear", "military_aid", "war_crisis", "alliance", "china_channel"]
EXTRAS = ["", "&q=Simla", "&q=Beijing", "&actor=CHN", "&start=1965&end=1972", "&q=aid&start=1980"]


def varied_events(count: int, seed: int = 2026) -> list[str]:
    """``count`` different /api/events queries, as a researcher clicks: era x dimension x limit x offset x text.

    Every URL differs from the others, so no layer can answer from a remembered response.
    """
    import itertools
    import random

    combos = [
        f"/api/events?limit={limit}&offset={offset}" + (f"&era={era}" if era else "")
        + (f"&dimension={dim}" if dim else "") + extra
        for era, dim, limit, offset, extra in itertools.product(
            ERAS, DIMENSIONS, (10, 50, 100, 500), (0, 20, 100), EXTRAS
        )
    ]  # fmt: skip
    random.Random(seed).shuffle(combos)
    return combos[:count]


@dataclass
class Phase:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def line(self) -> str:
        return (
            f"{self.name:8s} requests={self.requests} errors={self.errors} "
            f"rps={self.rps:.0f} p50={self.pct(0.50):.2f}ms p99={self.pct(0.99):.2f}ms "
            f"mean={statistics.fmean(self.latencies) * 1000:.2f}ms"
        )


class Connection:
    """A minimal HTTP/1.1 keep-alive client: the load generator must cost less than the server.

    (httpx costs more per request than uvicorn does to answer /healthz, so it would
    measure itself.) Reads the status line, the headers and a Content-Length body.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(HOST, port)
        return cls(reader, writer)

    async def get(self, path: str) -> int:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


async def drive(port: int, paths: list[str], total: int, clients: int, name: str) -> Phase:
    """``clients`` concurrent keep-alive connections share ``total`` requests, cycling through ``paths``."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    connections = [await Connection.open(port) for _ in range(clients)]

    async def worker(conn: Connection) -> None:
        nonlocal errors
        for i in counter:
            started = time.perf_counter()
            try:
                if await conn.get(paths[i % len(paths)]) != 200:
                    errors += 1
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1
                conn = await Connection.open(port)
            latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in connections))
    elapsed = time.perf_counter() - began
    for conn in connections:
        await conn.close()
    return Phase(name, total, errors, elapsed, latencies)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int, cache: bool) -> subprocess.Popen[bytes]:
    """``crossroads serve`` in its own process (or, without the cache, the same server function)."""
    if cache:
        code = "from crossroads.cli.app import main; main()"
        argv = [sys.executable, "-c", code, "serve", "--db", str(db), "--port", str(port)]
    else:
        code = (
            "import sys; from pathlib import Path; from crossroads.web.server import serve; "
            "serve(Path(sys.argv[1]), int(sys.argv[2]), cache=False)"
        )
        argv = [sys.executable, "-c", code, str(db), str(port)]
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start within 30 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000, help="requests per phase")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
    parser.add_argument("--db", type=Path, help="store to serve (default: build one from the shipped data)")
    parser.add_argument(
        "--no-cache", action="store_true", help="turn the response cache off: every request queries the store"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.duckdb"
            build_store(db, data_dir())
        port = free_port()
        proc = start_server(db, port, cache=not args.no_cache)
        try:
            warm = max(200, args.requests // 10)
            asyncio.run(drive(port, ["/healthz"], warm, args.clients, "warm-up"))
            asyncio.run(drive(port, DATA_MIX, warm, args.clients, "warm-up"))
            health = asyncio.run(drive(port, ["/healthz"], args.requests, args.clients, "healthz"))
            data = asyncio.run(drive(port, DATA_MIX, args.requests, args.clients, "data"))
            varied = asyncio.run(drive(port, varied_events(args.requests), args.requests, args.clients, "events"))
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    cache = "off" if args.no_cache else "on"
    print(
        f"{args.clients} clients, {args.requests} requests per phase, "
        f"{len(DATA_MIX)} data endpoints, response cache {cache}"
    )
    print(health.line())
    print(data.line())
    print(varied.line() + f"  ({args.requests} different /api/events queries)")
    for phase in (data, varied):
        print(
            f"{phase.name}: ratio_rps_vs_healthz={phase.rps / health.rps:.2f} (goal >= 0.5) "
            f"ratio_p99_vs_healthz={phase.pct(0.99) / health.pct(0.99):.2f} (goal <= 2.0)"
        )
    print(f"errors={health.errors + data.errors + varied.errors} (goal 0); server exit code {proc.returncode}")


if __name__ == "__main__":
    main()
