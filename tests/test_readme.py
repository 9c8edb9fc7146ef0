"""The README's Python example runs as written against a built store."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_python_api_example_runs(shipped_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    section = README.split("## Python API", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block is not None
    monkeypatch.setenv("CROSSROADS_DB", str(shipped_store))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block.group(1), "README.md", "exec"), {})
    assert re.match(r"\d+ Kashmir events since 1990; \d+ PAK–USA series rows", out.getvalue())


def test_readme_lists_the_ten_claims_and_no_issue_numbers() -> None:
    for n in range(1, 11):
        assert f"| C{n} |" in README
    assert not re.search(r"\bissue \d+", README, re.I)
    assert "../shared/data" in README
