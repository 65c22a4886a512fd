"""The UI in a real browser: Debian's Chromium driven by Playwright against a running `onrecord serve`.

Screenshots go to screenshots/ at the repository root (ignored by git).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, Playwright, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
RECORD = "a-xss-record-0001"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is missing: install Debian's Chromium with .ci/browser-setup",
)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every alert/confirm/prompt a page opened (there must be none)."""
    return []


def _open_page(browser: Browser, dialogs: list[str], **context: object) -> Iterator[Page]:
    opened = browser.new_context(**context)  # type: ignore[arg-type]
    page = opened.new_page()

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    yield page
    opened.close()


@pytest.fixture
def page(browser: Browser, dialogs: list[str]) -> Iterator[Page]:
    yield from _open_page(browser, dialogs, viewport={"width": 1280, "height": 900})


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_search_speaker_and_article_with_highlighted_spans(
    served: str, page: Page, dialogs: list[str]
) -> None:
    page.goto(served + "/")
    page.get_by_role("searchbox").fill("Victory Plan")
    page.get_by_role("button", name="Search").click()

    expect(page).to_have_url(served + "/?q=Victory+Plan&speaker=&since=&until=")
    results = page.locator("#statements li.statement")
    assert results.count() >= 3
    expect(results.first).to_contain_text("Mark Rutte")
    expect(page.locator("#articles")).to_contain_text("Victory Plan")
    shot(page, "search-victory-plan.png")

    page.locator("#statements a.who", has_text="Mark Rutte").first.click()
    expect(page.locator("h1")).to_have_text("Mark Rutte")
    expect(page.locator("dd.roles")).to_contain_text("Secretary General (NATO)")
    expect(page.locator("figure.timeline svg rect.bar")).to_have_count(1)
    assert page.locator("li.statement").count() >= 8
    shot(page, "speaker-mark-rutte.png")

    page.locator("li.statement a[href^='/articles/']").first.click()
    expect(page.locator("h1")).to_contain_text("Mark Rutte has commented on the first point")
    text = page.locator(".article-text")
    assert text.locator(".hl-speaker").count() >= 8
    assert text.locator(".hl-cue").count() >= 8
    assert text.locator(".hl-content").count() >= 8
    speakers = text.locator(".hl-speaker").all_inner_texts()
    assert "Rutte" in speakers
    assert set(speakers) <= {
        "Rutte",
        "he",
        "He",
        "Rütte",
        "NATO Secretary General Mark Rutte",  # "… has commented on the first point of …" (headline)
        "The NATO secretary general",
        "The Alliance Secretary General",
    }
    expect(page.locator("li.statement:target")).to_have_count(1)  # the link went to its statement
    shot(page, "article-highlighted.png")
    assert dialogs == []


def test_highlight_colours_are_distinct_and_shown_in_the_legend(served: str, page: Page) -> None:
    page.goto(served + "/speakers/mark-rutte")
    page.locator("li.statement a[href^='/articles/']").first.click()

    def background(selector: str) -> str:
        return str(page.locator(selector).first.evaluate("e => getComputedStyle(e).backgroundColor"))

    pure = {
        kind: background(
            f".article-text .hl-{kind}:not({', '.join(f'.hl-{o}' for o in ('speaker', 'cue', 'content') if o != kind)})"
        )
        for kind in ("speaker", "cue")
    }
    pure["content"] = background(".article-text .hl-content:not(.hl-cue):not(.hl-speaker)")
    legend = {kind: background(f"p.legend .hl-{kind}") for kind in ("speaker", "cue", "content")}

    assert len(set(pure.values())) == 3
    assert "rgba(0, 0, 0, 0)" not in pure.values()
    assert legend == pure


def test_legend_buttons_switch_a_highlight_off_and_on(served: str, page: Page) -> None:
    page.goto(served + "/speakers/mark-rutte")
    page.locator("li.statement a[href^='/articles/']").first.click()
    cue = page.locator("p.legend button.hl-cue")

    cue.click()
    expect(cue).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".article-text")).to_have_class("article-text hide-cue")
    cue.click()
    expect(page.locator(".article-text")).to_have_class("article-text")


def test_everything_works_without_javascript(served: str, browser: Browser, dialogs: list[str]) -> None:
    for page in _open_page(
        browser, dialogs, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    ):
        page.goto(served + "/")
        page.get_by_role("searchbox").fill("Victory Plan")
        page.get_by_role("button", name="Search").click()
        page.locator("#statements a.who", has_text="Mark Rutte").first.click()
        expect(page.locator("h1")).to_have_text("Mark Rutte")
        page.locator("li.statement a[href^='/articles/']").first.click()

        assert page.locator(".article-text .hl-speaker").count() >= 8
        expect(page.locator("p.legend span.hl-cue")).to_have_text("cue")  # plain legend, no buttons


def test_phone_width_has_no_sideways_scrolling(served: str, browser: Browser, dialogs: list[str]) -> None:
    for page in _open_page(browser, dialogs, viewport={"width": 390, "height": 844}, is_mobile=True):
        for url, name in [
            ("/speakers/mark-rutte", "phone-speaker.png"),
            ("/?q=Victory+Plan", "phone-search.png"),
        ]:
            page.goto(served + url)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, url
            shot(page, name)
        page.locator("li.statement a[href^='/articles/']").first.click()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        shot(page, "phone-article.png")


def test_commitments_ledger_and_events(served: str, page: Page, dialogs: list[str]) -> None:
    page.goto(served + "/")
    page.get_by_role("link", name="Commitments").click()
    row = page.locator("table.ledger tbody tr:not(.evidence)", has_text="€40 billion")

    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_have_text("NATO")
    shot(page, "commitments.png")
    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_label("Actor").fill("NATO")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("ul.events > li").count() >= 1
    shot(page, "events-nato.png")
    assert dialogs == []


@pytest.mark.parametrize(
    "url",
    [
        "/articles/" + RECORD,
        "/statements?article=" + RECORD,
        "/statements?speaker=Kovacs",
        "/?q=alert",
        "/?q=budget",
        "/speakers?name=Vale",
        "/articles?q=alert",
        "/events",
        "/commitments",
    ],
)
def test_payloads_never_run_in_the_browser(served: str, page: Page, dialogs: list[str], url: str) -> None:
    page.goto(served + url)
    page.wait_for_load_state("load")
    for link in page.locator("a").all():
        href = link.get_attribute("href") or ""
        assert not href.strip().lower().startswith("javascript:"), href

    assert dialogs == []
    assert page.locator("img").count() == 0
    if "commitments" not in url:  # the payload record commits nothing
        assert "alert(1)" in page.locator("main").inner_text()


def test_the_payload_article_shows_its_markup_as_text(served: str, page: Page, dialogs: list[str]) -> None:
    page.goto(served + "/articles/" + RECORD)

    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert page.locator("span.url").inner_text() == "javascript:alert(1)"
    shot(page, "payload-article.png")
    assert dialogs == []
