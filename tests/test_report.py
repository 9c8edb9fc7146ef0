"""The report builds from the shipped data, is self-contained, accessible, and renders in a real browser."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crossroads.analysis.context import Settings
from crossroads.report.build import SECTIONS, write_report
from crossroads.store.store import Store

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


class Collector(HTMLParser):
    """Collects ids, resource references, landmarks and the page's inline CSS."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.resources: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.landmarks: set[str] = set()
        self.figures_with_label = 0
        self.figures = 0
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag in {"script", "img", "iframe", "source", "video", "audio", "embed"} and a.get("src"):
            self.resources.append((tag, a["src"]))
        if tag == "link" and a.get("href"):
            self.resources.append((tag, a["href"]))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in {"header", "main", "nav", "footer"}:
            self.landmarks.add(tag)
        if tag == "figure":
            self.figures += 1
            self.figures_with_label += bool(a.get("aria-labelledby"))
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


@pytest.fixture(scope="module")
def report(shipped_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    with Store(shipped_store) as store:
        summary = write_report(store, out, settings=Settings(n_boot=20))
    return summary.html


@pytest.fixture(scope="module")
def parsed(report: Path) -> Collector:
    collector = Collector()
    collector.feed(report.read_text(encoding="utf-8"))
    return collector


def test_report_has_every_section(parsed: Collector) -> None:
    missing = [sid for sid, _ in SECTIONS if sid not in parsed.ids]
    assert not missing


def test_no_script_style_or_font_comes_from_the_network(parsed: Collector) -> None:
    external = [(tag, ref) for tag, ref in parsed.resources if re.match(r"^(https?:)?//", ref)]
    assert external == []
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", parsed.style)


def test_report_has_landmarks_and_labelled_figures(parsed: Collector) -> None:
    assert {"header", "main", "nav", "footer"} <= parsed.landmarks
    assert parsed.figures >= 9 and parsed.figures_with_label == parsed.figures


def test_claims_link_to_chronology_entries_that_exist(parsed: Collector) -> None:
    evidence = [href[1:] for href in parsed.links if href.startswith("#ev-")]
    assert evidence, "no claim links to its evidence"
    assert all(target in parsed.ids for target in evidence)
    sources = [href[1:] for href in parsed.links if href.startswith("#src-")]
    assert sources and all(target in parsed.ids for target in sources)


def test_every_drawn_chart_exists_as_png_and_svg(report: Path, parsed: Collector) -> None:
    charts = sorted(i.removeprefix("chart-") for i in parsed.ids if i.startswith("chart-"))
    assert len(charts) >= 5
    for chart in charts:
        png, svg = report.parent / "figures" / f"{chart}.png", report.parent / "figures" / f"{chart}.svg"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "<svg" in svg.read_text(encoding="utf-8")[:2000]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (apt-get install chromium)")
def test_report_opens_from_disk_in_chromium_without_errors(report: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    copy = tmp_path / "report.html"  # a different folder: nothing may be fetched relative to the build
    shutil.copy(report, copy)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            errors: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on(
                "request",
                lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
            )
            page.goto(copy.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg")
            drawn = page.evaluate(
                "[...document.querySelectorAll('.js-plotly-plot')].filter("
                "p => p.querySelectorAll('.main-svg path, .main-svg .point').length > 0).length"
            )
        finally:
            browser.close()
    assert errors == []
    assert requests == [], "the report fetched something from the network"
    assert drawn >= 5


PLACEHOLDERS = re.compile(r"\bnan\b|\bNaN\b|\bNone\b|\(s\)")
"""What a reader must never see: pandas' missing value, Python's None, and machine plurals."""


class VisibleText(HTMLParser):
    """The text a reader sees: everything outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")
        self.parts += [v or "" for k, v in attrs if k in ("title", "aria-label", "alt")]

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def test_report_text_has_no_nan_none_or_machine_plurals(report: Path) -> None:
    reader = VisibleText()
    reader.feed(report.read_text(encoding="utf-8"))
    found = PLACEHOLDERS.findall(" ".join(reader.parts))
    assert found == []


def test_report_charts_carry_no_nan_in_their_labels(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    figures = html.split("</head>", 1)[1]  # the Plotly library itself sits in the head
    labels = re.findall(r'"(?:text|name|hovertext|title)":\s*"([^"]*)"', figures)
    assert labels and not [t for t in labels if PLACEHOLDERS.search(t)]


def test_chronology_dates_and_notes_read_as_written(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "–nan" not in html and "Note: nan" not in html and "(nan)" not in html
    assert "Note: " in html  # events with a note still show it


def test_static_timeline_is_labelled_in_years(report: Path) -> None:
    svg = (report.parent / "figures" / "timeline.svg").read_text(encoding="utf-8")
    assert "1950" in svg and "2000" in svg
    assert "20000" not in svg and "−5000" not in svg


@pytest.mark.parametrize("fmt", ["bibtex", "csv", "json"])
def test_exports_have_no_nan_or_none(shipped_store: Path, tmp_path: Path, fmt: str) -> None:
    from typer.testing import CliRunner

    from crossroads.cli.app import app

    for what in ("sources", "events") if fmt != "bibtex" else ("sources",):
        out = tmp_path / f"{what}.{fmt}"
        args = ["export", what, "--format", fmt, "--out", str(out), "--db", str(shipped_store)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert not PLACEHOLDERS.findall(text.replace(" to none", "")), what  # "13 votes to none" is prose


def test_report_says_which_latent_variant_it_leads_with_and_which_is_withheld(report: Path) -> None:
    from crossroads.analysis.measurement.summaries import read_json

    reader = VisibleText()
    reader.feed(report.read_text(encoding="utf-8"))
    text = " ".join(" ".join(reader.parts).split())
    provenance = read_json("measurement.provenance.json")
    lead = "two dimensions" if provenance["lead"] == "2d" else "one dimension"
    assert f"the report leads with {lead}" in text
    if not provenance["converged"]["1d"]:
        assert "The one-dimensional fit did not converge, so it is withheld" in text
    assert "The the " not in text
