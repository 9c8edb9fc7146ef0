"""One source of truth: the doors agree, results are computed once, eras come from one file."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from crossroads.analysis import context as context_module
from crossroads.analysis.context import AnalysisContext, Settings, context_for
from crossroads.analysis.relations import dyad_phases
from crossroads.cli.app import app
from crossroads.model.reference import Reference
from crossroads.paths import data_dir
from crossroads.report.build import write_report
from crossroads.store.build import build_store
from crossroads.store.store import Store
from crossroads.web.app import create_app
from crossroads.web.server import running

runner = CliRunner()
SRC = Path(__file__).resolve().parents[1] / "src" / "crossroads"


@pytest.fixture(scope="module")
def base_url(shipped_store: Path) -> Iterator[str]:
    with running(create_app(shipped_store, cache=False)) as url:
        yield url


def _cli_json(*args: str) -> object:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_cli_api_and_report_give_the_same_index_band_and_phase_confidence(
    shipped_store: Path, base_url: str, tmp_path: Path
) -> None:
    boot, seed = 12, 7
    common = ["--dyad", "USA-PAK", "--db", str(shipped_store), "--boot", str(boot), "--seed", str(seed)]
    cli_index = _cli_json("query", "index", *common)
    cli_phases = _cli_json("query", "phases", *common)
    with httpx.Client(base_url=base_url, timeout=120) as client:
        params = {"a": "USA", "b": "PAK", "boot": boot, "seed": seed}
        api_index = client.get("/api/analysis/index", params=params).json()
        api_phases = client.get("/api/analysis/phases", params=params).json()
    assert isinstance(cli_index, list) and isinstance(cli_phases, list)
    cli_band = {(row["year"], k): row[k] for row in cli_index for k in ("lower", "upper") if row[k] is not None}
    api_band = {
        (row["year"], k): row[k] for row in api_index["years"] for k in ("lower", "upper") if row[k] is not None
    }
    assert cli_band and cli_band == pytest.approx(api_band)
    cli_confidence = {row["start"]: row["break_confidence"] for row in cli_phases[1:]}
    assert cli_confidence == pytest.approx({int(k): v for k, v in api_phases["confidence"].items()})
    with Store(shipped_store) as store:
        write_report(store, tmp_path, settings=Settings(n_boot=boot, seed=seed))
        ctx = context_for(store, Settings(n_boot=boot, seed=seed))
    frame = ctx.index().frame()[["lower", "upper"]].dropna()
    assert {(int(y), k): frame.loc[y, k] for y in frame.index for k in ("lower", "upper")} == pytest.approx(cli_band)


def test_each_result_is_computed_once_per_context(shipped_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = context_module.relations_index

    def counting(*args: object, **kwargs: object) -> object:
        calls.append("fit")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(context_module, "relations_index", counting)
    ctx = AnalysisContext(shipped_store, Settings(n_boot=0))
    ctx.index()
    ctx.phases()
    ctx.correlation()
    ctx.index()
    assert calls == ["fit"], "the US-PAK index is fitted once and reused by phases and the correlation"
    ctx.close()


def test_contexts_and_results_stay_bounded_whatever_seeds_clients_send(shipped_store: Path) -> None:
    for seed in range(context_module.MAX_CONTEXTS * 3):
        context_for(shipped_store, Settings(n_boot=0, seed=seed))
    assert len(context_module._contexts) <= context_module.MAX_CONTEXTS
    ctx = AnalysisContext(shipped_store, Settings(n_boot=0))
    for i in range(context_module.MAX_RESULTS * 2):
        ctx.remember(("probe", i), lambda: 0)
    assert len(ctx._results) <= context_module.MAX_RESULTS
    ctx.close()


def test_moving_an_era_boundary_in_the_data_moves_the_analyses(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    eras = data / "reference" / "eras.yaml"
    text = eras.read_text(encoding="utf-8")
    # E5 (the Afghan war alliance) now ends in 1987 and the sanctions decade starts in 1988.
    text = text.replace('end: "1989-12-31"', 'end: "1987-12-31"').replace('start: "1990-01-01"', 'start: "1988-01-01"')
    eras.write_text(text, encoding="utf-8")
    shipped, moved = Reference(data_dir()).calendar, Reference(data).calendar
    assert 1990 in shipped.break_years() and 1988 in moved.break_years() and 1990 not in moved.break_years()
    build_store(tmp_path / "moved.duckdb", data)
    with Store(tmp_path / "moved.duckdb") as store:
        assert store.calendar().era_years()["e6"] == (1988, 2001)
        comparison = dyad_phases(store, "USA", "PAK", n_boot=0).comparison
        events = store.events_export()
    assert set(events.loc[events["date"].str.startswith("1988"), "era"]) == {"e6"}
    assert comparison == dyad_phases_against(data, tmp_path)


def dyad_phases_against(data: Path, tmp_path: Path) -> dict[str, float]:
    """The phase comparison recomputed from scratch on a second store built from the same edited data."""
    build_store(tmp_path / "again.duckdb", data)
    with Store(tmp_path / "again.duckdb") as store:
        return dyad_phases(store, "USA", "PAK", n_boot=0).comparison


def test_no_era_year_or_study_period_is_written_into_the_code() -> None:
    """Era boundaries live in reference/eras.yaml only: no era-to-years table or study-period constant in code."""
    patterns = [
        re.compile(r"[\"']e[1-9][\"']\s*:\s*\(\s*(19|20)\d\d"),  # {"e1": (1947, 1953), ...}
        re.compile(r"\b(FIRST|LAST)_YEAR\w*\s*(,\s*\w+\s*)?=\s*(19[4-9]|20[0-2])\d\b"),  # FIRST_YEAR = 1947
        re.compile(r"ERA\w*\s*=\s*[\[(]\s*(19|20)\d\d"),  # ERA_START_YEARS = [1954, ...]
    ]
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if any(p.search(path.read_text(encoding="utf-8")) for p in patterns)
    ]
    assert offenders == [], f"era years copied into code (they belong in reference/eras.yaml): {offenders}"
