"""The package installs anywhere: a wheel in a fresh environment, run from a folder outside the checkout."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("setuptools") is None,
        reason="setuptools is not in the test environment, so the wheel cannot be built offline",
    ),
]


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_wheel_outside_the_checkout_builds_the_store_exports_and_writes_the_report(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        wheels,
        REPO,
        cwd=tmp_path,
    )
    wheel = next(wheels.glob("crossroads-*.whl"))
    # The dependencies come from the test environment (a path entry, so its editable install of crossroads is
    # not processed); the package itself only from the wheel.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).strip())
    deps = Path(sysconfig.get_paths()["purelib"])
    (site / "test-dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    _run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = _run(
        python, "-c", "import crossroads, crossroads.paths as p; print(crossroads.__file__, p.data_dir())", cwd=work
    )
    assert str(env_dir) in where and str(REPO) not in where, f"the checkout leaked into the installed package: {where}"
    cli = env_dir / "bin" / "crossroads"
    db = work / "store.duckdb"
    _run(cli, "build", "--db", db, cwd=work)
    _run(cli, "export", "events", "--db", db, "--format", "csv", "--out", work / "events.csv", cwd=work)
    _run(cli, "report", "--db", db, "--out", work / "report", "--boot", "5", cwd=work)
    assert (work / "events.csv").stat().st_size > 100_000
    assert "Bibliography" in (work / "report" / "report.html").read_text(encoding="utf-8")
