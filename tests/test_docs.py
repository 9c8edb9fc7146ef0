"""The README documents every command and keeps the two-command set-up."""

from __future__ import annotations

import re
from pathlib import Path

from crossroads.cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_quick_start_is_exactly_two_commands() -> None:
    block = re.search(r"## Quick start.*?```\n(.*?)```", README, re.S)
    assert block is not None
    assert block.group(1).split("\n")[:-1] == ["make run", "make test"]


def test_every_cli_command_is_documented_in_the_readme() -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    names += [g.name for g in app.registered_groups if g.name]
    assert names, "no commands registered"
    missing = [n for n in names if f"crossroads {n}" not in README]
    assert not missing, f"commands missing from README: {missing}"
