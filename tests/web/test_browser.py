"""The desk in real headless Chromium (Debian's, driven by Playwright): list, story, citation, search, hostile text.

Screenshots of the story and article pages at desktop and phone width go to tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless (the Makefile installs it; Playwright cannot download browsers here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def open_page(browser: Browser, size: str = "desktop") -> tuple[Page, list[str]]:
    """Return a new page of that size and the list its dialogs, console errors and page errors are logged in."""
    page = browser.new_page(viewport=SIZES[size])  # type: ignore[arg-type]
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(f"dialog {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: events.append(f"error {e}"))
    return page, events


def biggest_story(desk: str) -> str:
    """Return the id of the stored story with the most articles (the seeds' story when they are present)."""
    listed = httpx.get(f"{desk}/api/stories", params={"limit": 200}).json()["stories"]
    return str(max(listed, key=lambda s: s["article_count"])["id"])


def test_the_list_opens_a_story_whose_citation_highlights_its_span(browser: Browser, desk: str) -> None:
    page, events = open_page(browser)
    story_id = biggest_story(desk)
    page.goto(desk + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(f"a[href='/stories/{story_id}']").first.click()
    page.wait_for_url(f"**/stories/{story_id}")
    story = httpx.get(f"{desk}/api/stories/{story_id}").json()
    assert page.locator("h1").inner_text().strip() == (story["title"] or story_id)
    citation = page.locator("a.cite").first
    assert citation.count() == 1, "the story page shows no citation"
    href = citation.get_attribute("href") or ""
    citation.click()
    page.wait_for_url("**/articles/**")
    cited = page.locator("#cited")
    assert cited.is_visible()
    article_id = href.split("/articles/")[1].split("?")[0]
    start, end = (int(part.split("=")[1]) for part in href.split("?")[1].split("#")[0].split("&"))
    body = httpx.get(f"{desk}/api/articles/{article_id}").json()["body"]
    shown = "".join(page.locator("div.body mark.k-cited").all_inner_texts())
    assert shown == body[start:end]
    assert events == []


def test_search_finds_a_spelling_variant(browser: Browser, desk: str) -> None:
    page, _ = open_page(browser)
    story = httpx.get(f"{desk}/api/stories/{biggest_story(desk)}").json()
    title = story["title"] or ""
    word = next(w for w in title.split() if w[0] in "إأ" and len(w) > 3)
    page.goto(desk + "/")
    page.fill("form.find input[name=q]", "ا" + word[1:])
    page.click("form.find button")
    page.wait_for_url("**/search?q=*")
    assert page.locator("ol.hits > li").count() >= 1
    assert word in page.locator("ol.hits").inner_text()


def test_a_hostile_article_runs_no_script(browser: Browser, desk: str) -> None:
    hits = httpx.get(f"{desk}/api/search", params={"q": "فرق الإنقاذ"}).json()["hits"]
    page, events = open_page(browser)
    page.goto(f"{desk}/articles/{hits[0]['article']}")
    page.hover("div.body")
    assert page.title() != "pwned"
    assert "<script>" in page.locator("div.body").inner_text()  # shown as text
    assert page.locator("div.body img, div.body script, div.body b").count() == 0
    assert events == []


@pytest.mark.parametrize("size", sorted(SIZES))
def test_story_and_article_pages_fit_the_screen(browser: Browser, desk: str, size: str) -> None:
    """No page is wider than the screen (tables and the timeline scroll inside their box); screenshots are saved."""
    ARTIFACTS.mkdir(exist_ok=True)
    page, events = open_page(browser, size)
    story_id = biggest_story(desk)
    story = httpx.get(f"{desk}/api/stories/{story_id}").json()
    for name, path in (("story", f"/stories/{story_id}"), ("article", f"/articles/{story['articles'][0]}")):
        page.goto(desk + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES[size]["width"] + 1, f"{name} page is {width}px wide at {size}"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{size}.png"), full_page=True)
    assert events == []
