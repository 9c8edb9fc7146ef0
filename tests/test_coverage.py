"""Coverage a reader can judge: the kinds of evidence per era, and thin years with what was searched."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crossroads.cli.app import app
from crossroads.store import coverage
from crossroads.store.store import Store

runner = CliRunner()


def test_source_kinds_per_era_add_up_and_name_the_citable_share(shipped_store: Path) -> None:
    with Store(shipped_store) as store:
        table = coverage.source_kinds_by_era(store).set_index("era")
        events = store.count_events()
    assert table.loc["all", "events"] == events
    assert table.drop(index="all")["events"].sum() == events
    assert ((table["primary_or_scholarly"] >= 0) & (table["primary_or_scholarly"] <= 1)).all()
    assert (table["mirror_only"] <= table["citing_a_mirror"]).all()


def test_every_thin_us_pakistan_year_says_what_was_searched_or_that_nothing_was(shipped_store: Path) -> None:
    with Store(shipped_store) as store:
        years = coverage.dyad_years(store, "USA", "PAK")
        assert list(years["year"]) == list(store.calendar().years)
    thin = years[years["thin"]]
    assert (thin["events"] < 4).all() and (years.loc[~years["thin"], "events"] >= 4).all()
    assert all(note.startswith(("searched:", "no search recorded")) for note in thin["searched"])
    result = runner.invoke(app, ["coverage", "--db", str(shipped_store), "--years", "PAK-USA", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == len(years)


def test_coverage_sources_prints_one_row_per_era_and_overall(shipped_store: Path) -> None:
    result = runner.invoke(app, ["coverage", "--db", str(shipped_store), "--sources", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[-1]["era"] == "all" and len(rows) >= 2
