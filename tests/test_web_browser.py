"""The explorer page in headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Loads the page from a real server, filters the timeline, moves through it from the
keyboard, opens an event and follows its source link, and checks the console
stayed clean. Skips with a reason where Chromium or Playwright is missing.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from crossroads.web.app import create_app
from crossroads.web.server import running

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
# As root in a closed network: no sandbox, no GPU, and no background calls out.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) for the browser tests",
    ),
]


@pytest.fixture(scope="module")
def base_url(shipped_store: Path) -> Iterator[str]:
    with running(create_app(shipped_store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        # Playwright gives the browser a fresh, empty profile of its own.
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def console_problems(page: Page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    return problems


def wait_for_count(page: Page, count: int) -> None:
    """Wait until the status line reports ``count`` matching events (no eval: the page's CSP forbids it)."""
    from playwright.sync_api import expect

    expect(page.locator("#status")).to_have_text(re.compile(rf"^{count} events? match"))


def status_count(page: Page) -> int:
    text = page.text_content("#status") or ""
    match = re.match(r"(\d+) events? match", text)
    assert match, text
    return int(match.group(1))


def test_timeline_filter_keyboard_and_details(page: Page, base_url: str) -> None:
    problems = console_problems(page)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    everything = status_count(page)
    api_total = httpx.get(base_url + "/api/events", params={"limit": 1}).json()["total"]
    assert everything == api_total
    page.wait_for_selector("#timeline .vis-item, #timeline .vis-cluster")

    # Filter: the Kashmir dimension, then a text search in either spelling; the count follows the API.
    page.select_option("#f-dimension", "kashmir")
    kashmir = httpx.get(base_url + "/api/events", params={"dimension": "kashmir", "limit": 1}).json()["total"]
    wait_for_count(page, kashmir)
    page.fill("#f-q", "Shimla")
    simla = httpx.get(base_url + "/api/events", params={"dimension": "kashmir", "q": "Simla", "limit": 1}).json()
    assert 0 < simla["total"] < kashmir
    wait_for_count(page, simla["total"])
    assert page.locator("#timeline .vis-item.vis-point, #timeline .vis-item.vis-range").count() == simla["total"]

    # Group by dimension: one lane per dimension, named in words.
    page.select_option("#f-group", "dimension")
    page.wait_for_selector("#timeline .vis-label")
    assert "war and crisis" in (page.text_content("#timeline") or "")

    # Keyboard: focus the timeline, move to the first event, open it.
    page.focus("#timeline")
    page.keyboard.press("ArrowRight")
    assert (page.text_content("#status") or "").startswith(f"1 of {simla['total']}:")
    page.keyboard.press("Enter")
    link = page.wait_for_selector("#details a.source-link")
    assert link is not None
    href = link.get_attribute("href") or ""
    assert href.startswith(("https://", "http://"))
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert page.get_attribute("#details", "aria-labelledby") == "details-title"
    assert page.locator("#details .kind").count() >= 1  # each source is marked by its kind
    page.keyboard.press("Escape")
    assert page.is_hidden("#details")

    # Zoom by era and the table view.
    page.click("#eras button[data-era=e4]")
    assert page.get_attribute("#eras button[data-era=e4]", "aria-pressed") == "true"
    page.click("#tab-table")
    assert page.locator("#table tbody tr").count() == simla["total"]
    page.click("#table tbody button >> nth=0")
    page.wait_for_selector("#details a.source-link")

    assert problems == []


def test_permalink_restores_filters_and_the_open_event(page: Page, base_url: str) -> None:
    from playwright.sync_api import expect

    problems = console_problems(page)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    page.select_option("#f-era", "e4")
    page.fill("#f-q", "Simla")
    expected = httpx.get(base_url + "/api/events", params={"era": "e4", "q": "Simla", "limit": 1}).json()["total"]
    wait_for_count(page, expected)
    page.click("#tab-table")
    page.click("#table tbody button >> nth=0")
    page.wait_for_selector("#details a.source-link")
    title = page.text_content("#details-title")
    expect(page).to_have_url(re.compile(r"era=e4.*q=Simla.*view=table.*event="))

    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.input_value("#f-era") == "e4" and page.input_value("#f-q") == "Simla"
    wait_for_count(page, expected)
    assert page.get_attribute("#tab-table", "aria-selected") == "true"
    page.wait_for_selector("#details a.source-link")
    assert page.text_content("#details-title") == title
    assert problems == []


def test_explorer_text_has_no_nan_none_or_machine_plurals(page: Page, base_url: str) -> None:
    store_events = httpx.get(base_url + "/api/events", params={"limit": 500}).json()["items"]
    # an event with a note and no end date: the fields that leaked "nan" in the report
    noted = next(e for e in store_events if e["note"] and not e["end_date"])
    page.goto(base_url + f"/?view=table&event={noted['id']}")
    page.wait_for_selector("#details a.source-link")
    text = page.inner_text("body")
    assert "Note: " in text
    assert not re.findall(r"\bnan\b|\bNaN\b|\bNone\b|\bundefined\b|\(s\)", text)


def test_exports_download_the_current_view(page: Page, base_url: str) -> None:
    page.goto(base_url + "/?era=e2")
    page.wait_for_selector("body[data-ready=true]")
    count = status_count(page)
    with page.expect_download() as csv_download:
        page.click("#x-csv")
    lines = Path(csv_download.value.path()).read_text(encoding="utf-8").strip().splitlines()
    assert csv_download.value.suggested_filename.endswith(".csv")
    assert len(lines) - 1 == count and lines[0].startswith("id,date")
    for link, head in (("#x-bib", "@"), ("#x-ris", "TY  - ")):
        with page.expect_download() as download:
            page.click(link)
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert text.startswith(head)
        assert not re.search(r"\bnan\b|\bNone\b|\(s\)", text)


def test_keyboard_reaches_an_event_hidden_in_a_cluster(page: Page, base_url: str) -> None:
    problems = console_problems(page)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("#timeline .vis-cluster")  # the whole chronology clusters at this zoom
    page.focus("#timeline")
    page.keyboard.press("Home")
    selected = page.locator("#timeline .vis-item.vis-selected:is(.vis-point, .vis-range)")
    selected.wait_for(state="visible")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        selected.wait_for(state="visible")
        assert selected.count() == 1
    page.keyboard.press("Enter")
    page.wait_for_selector("#details a.source-link")
    assert problems == []


def test_era_filter_and_reset(page: Page, base_url: str) -> None:
    problems = console_problems(page)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    everything = status_count(page)
    page.select_option("#f-era", "e2")
    e2 = httpx.get(base_url + "/api/events", params={"era": "e2", "limit": 1}).json()["total"]
    wait_for_count(page, e2)
    page.click("#f-reset")
    wait_for_count(page, everything)
    assert problems == []


def test_docs_page_renders_offline(page: Page, base_url: str) -> None:
    problems = console_problems(page)
    page.goto(base_url + "/docs")
    page.get_by_text("/api/events/{event_id}").first.wait_for()
    assert problems == []


def test_charts_and_claims_tabs_show_the_analyses(page: Page, base_url: str) -> None:
    problems = console_problems(page)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    page.click("#tab-charts")
    page.wait_for_selector("#chart .main-svg", timeout=60_000)
    assert "Sources:" in (page.text_content("#chart-caption") or "")
    page.select_option("#chart-select", "kashmir")
    from playwright.sync_api import expect

    expect(page.locator("#chart-caption")).to_contain_text("India's")  # no eval: the page's CSP forbids it
    page.select_option("#chart-select", "compare")
    expect(page.locator("#chart")).to_have_attribute("data-chart", "compare", timeout=60_000)
    assert page.locator("#chart .scatterlayer .trace").count() >= 2
    page.click("#tab-claims")
    page.wait_for_selector("#claim-C10", timeout=60_000)
    assert page.locator("#claims tbody tr").count() == 10
    page.locator("#claim-C3 .evidence button").first.click()
    page.wait_for_selector("#details .source-link")
    assert problems == []


class SlowChart:
    """Delays one chart's answer, as a slow analysis would, so a later choice answers first."""

    def __init__(self, app: Any, path: str, seconds: float):
        self.app, self.path, self.seconds = app, path, seconds

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == self.path:
            await asyncio.sleep(self.seconds)
        await self.app(scope, receive, send)


def test_chart_switcher_keeps_the_last_choice_when_answers_arrive_out_of_order(
    browser: Browser, shipped_store: Path
) -> None:
    from playwright.sync_api import expect

    slow = SlowChart(create_app(shipped_store), "/api/analysis/charts/index", 4.0)
    with running(slow) as url:  # type: ignore[arg-type]
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready=true]")
        with page.expect_response(lambda r: r.url.endswith("/api/analysis/charts/index")) as late:
            page.click("#tab-charts")  # asks for the index chart, which answers after 4 s
            page.select_option("#chart-select", "kashmir")
            expect(page.locator("#chart")).to_have_attribute("data-chart", "kashmir")
        assert late.value.ok
        page.wait_for_timeout(300)  # let the late answer be handled
        assert page.get_attribute("#chart", "data-chart") == "kashmir"
        assert "Kashmir" in (page.text_content("#chart .gtitle") or "")
        context.close()


def test_scenarios_tab_moves_an_actor_and_shows_the_counterfactual_beside_the_record(page: Page, base_url: str) -> None:
    from playwright.sync_api import expect

    problems = console_problems(page)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    page.click("#tab-scenarios")
    page.select_option("#sc-era", "e7")
    result = page.locator("#sc-result")
    expect(result).to_have_text(re.compile(r"^On the record's inputs the model predicts median"), timeout=60_000)
    assert "With" not in (result.text_content() or "")
    us_position = page.locator('#sc-inputs input[data-actor="USA"][data-field="position"]')
    us_position.focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    expect(result).to_have_text(re.compile(r"With United States position \d+: median"), timeout=60_000)
    value = us_position.input_value()
    served = httpx.get(
        base_url + "/api/scenarios/kashmir/e7", params={"draws": 200, "what_if": f"USA.position={value}"}, timeout=120
    ).json()
    assert float(result.get_attribute("data-median") or "nan") == pytest.approx(served["counterfactual"]["median"])
    page.click("#sc-reset")
    expect(result).not_to_have_text(re.compile("With"), timeout=60_000)
    assert problems == []
