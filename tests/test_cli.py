"""The command line: every command documented, exports in each format, clear refusals and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from crossroads.cli.app import app
from crossroads.store.store import Store

runner = CliRunner()

COMMANDS = ["build", "export", "report", "serve", "ingest", "claims", "coverage", "query", "run", "data"]

EVENT_COLUMNS = [
    "id", "date", "date_precision", "end_date", "actors", "cameo", "goldstein", "plover",
    "dimensions", "description", "sources", "source_urls",
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_build_check_reports_counts_without_writing(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["build", "--check", "--data", str(mini_data), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output and "3 events" in result.output
    assert not db.exists()


def test_build_with_bad_data_exits_1_and_names_the_problem(mini_data: Path, tmp_path: Path) -> None:
    path = mini_data / "chronology" / "mini.yaml"
    path.write_text(path.read_text().replace("actors: [PAK, USA]", "actors: [PAK, QQQ]"))
    result = runner.invoke(app, ["build", "--data", str(mini_data), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "QQQ" in result.output and "mini.yaml:4" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_export_events_has_the_documented_columns(shipped_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(app, ["export", "events", "--format", fmt, "--out", str(out), "--db", str(shipped_store)])
    assert result.exit_code == 0, result.output
    frame = {
        "csv": lambda: pd.read_csv(out, dtype=str),
        "parquet": lambda: pd.read_parquet(out),
        "json": lambda: pd.DataFrame(json.loads(out.read_text())),
    }[fmt]()
    assert set(EVENT_COLUMNS) <= set(frame.columns)
    assert len(frame) > 0 and frame["id"].is_unique
    assert frame["source_urls"].map(lambda v: len(v) > 0).all()


def test_export_series_is_long_form(shipped_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "series.csv"
    result = runner.invoke(app, ["export", "series", "--format", "csv", "--out", str(out), "--db", str(shipped_store)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert list(frame.columns)[:8] == [
        "source_actor", "target_actor", "directed", "year", "variable", "value", "unit", "source",
    ]  # fmt: skip
    undirected = frame[~frame["directed"]]
    assert (undirected["source_actor"] <= undirected["target_actor"]).all()


def test_export_sources_as_bibtex_has_one_entry_per_key(shipped_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "sources.bib"
    result = runner.invoke(
        app, ["export", "sources", "--format", "bibtex", "--out", str(out), "--db", str(shipped_store)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    with Store(shipped_store) as store:
        keys = store.sources()["key"].tolist()
    assert text.count("\n@") + text.startswith("@") == len(keys) == text.count("url = {")
    assert all(f"{{{key}," in text for key in keys)


def test_export_without_a_store_says_to_build(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "events", "--out", str(tmp_path / "e.csv"), "--db", str(tmp_path / "none.duckdb")]
    )
    assert result.exit_code == 1
    assert "crossroads build" in result.output


def test_coverage_prints_every_era(shipped_store: Path) -> None:
    result = runner.invoke(app, ["coverage", "--db", str(shipped_store)])
    assert result.exit_code == 0, result.output
    for era in ["e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"]:
        assert era in result.output


def test_query_rejects_a_dyad_of_one_state_and_lists_the_known_codes(shipped_store: Path) -> None:
    def query(dyad: str) -> Any:
        return CliRunner().invoke(app, ["query", "index", "--dyad", dyad, "--boot", "0", "--db", str(shipped_store)])

    same = query("PAK-PAK")
    assert same.exit_code == 1 and "two different states" in same.output
    unknown = query("XXX-PAK")
    assert unknown.exit_code == 1 and "USA" in unknown.output and "export series" not in unknown.output


def test_help_describes_every_option_without_type_noise() -> None:
    for command in (["serve"], ["run"], ["build"]):
        text = CliRunner().invoke(app, [*command, "--help"]).output
        assert "<bool>" not in text
        assert "--port" not in text or "Port on 127.0.0.1" in text
        assert "--out" not in text or "report.html" in text
