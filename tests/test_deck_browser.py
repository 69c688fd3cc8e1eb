"""The deck in a real browser, as a presenter drives it: clicker keys, fast presses, a blank screen,
and nothing covering the slides."""

from __future__ import annotations

import re
import time

import fixture
import pytest
from browser import serve, wait_until_ready

from findings import privacy

SLIDES = 7  # the fixture's default story: 4 fixed slides, 2 rules, the closing slide


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = fixture.write(tmp_path_factory.mktemp("deck"))
    with serve(folder, env={"FINDINGS_MIN_CELL": str(privacy.DEFAULT_MIN_CELL)}) as base:
        yield base


@pytest.fixture(params=[(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
def page(chromium, request):
    width, height = request.param
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    yield page
    context.close()


def counter(page) -> str:
    found = page.get_by_text(re.compile(r"Slide \d+ of \d+"))
    return found.first.inner_text() if found.count() else ""


def reach(page, n: int, timeout: float = 30.0) -> None:
    """Wait until the slide counter and the URL both say slide n."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        slide = "slide=" + str(n)
        at_url = (slide in page.url) if n > 1 else ("slide=" not in page.url)
        if at_url and f"Slide {n} of {SLIDES}" in counter(page):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"not on slide {n}: {page.url} / {counter(page)}")


def open_deck(page, server, query: str = "") -> None:
    page.goto(f"{server}/present{query}")
    wait_until_ready(page)
    reach(page, 1)


def test_rapid_clicker_presses_all_count(server, page):
    open_deck(page, server)
    for _ in range(SLIDES + 3):  # more presses than slides, 150 ms apart: the deck stops at the end
        page.keyboard.press("PageDown")
        page.wait_for_timeout(150)
    reach(page, SLIDES)
    page.keyboard.press("Home")
    reach(page, 1)
    page.keyboard.press("End")
    reach(page, SLIDES)
    for _ in range(3):
        page.keyboard.press("PageUp")
    reach(page, SLIDES - 3)
    page.keyboard.press("ArrowRight")
    page.keyboard.press(" ")
    reach(page, SLIDES - 1)


def test_b_blanks_the_screen_and_nothing_covers_the_slides(server, page):
    open_deck(page, server, "?discipline=Music")
    cover = page.locator("#findings-blank")
    page.keyboard.press("b")
    assert cover.is_visible()
    page.keyboard.press("b")
    assert not cover.is_visible()
    page.keyboard.press(".")
    assert cover.is_visible()
    page.keyboard.press("Escape")
    assert not cover.is_visible()
    for n in range(1, SLIDES + 1):  # the sidebar and the toolbar stay away on every slide
        reach(page, n)
        assert not page.locator("section[data-testid=stSidebar]").is_visible()
        assert not page.locator("[data-testid=stExpandSidebarButton]").is_visible()
        assert not page.locator("header[data-testid=stHeader]").is_visible()
        page.keyboard.press("PageDown")


OVERFLOW = """() => Math.max(0, ...[...document.querySelectorAll('*')]
  .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY))
  .map((e) => e.scrollHeight - e.clientHeight),
  document.scrollingElement.scrollHeight - window.innerHeight)"""

BODY_SIZES = """() => [...document.querySelectorAll(
  '[data-testid=stMain] [data-testid=stText], [data-testid=stMain] [data-testid=stMarkdownContainer] p')]
  .filter((e) => e.offsetParent !== null && !e.closest('[data-testid=stCaptionContainer], button'))
  .map((e) => [parseFloat(getComputedStyle(e).fontSize), e.innerText.slice(0, 40)])"""


def test_slides_fit_the_screen_and_read_across_a_room(server, page):
    """No slide scrolls (a trackpad nudge must not move it), and body text is at least 28 px on a
    1080p screen, the same share of the slide on a 720p one."""
    open_deck(page, server)
    width = page.viewport_size["width"]
    measured = 0
    for n in range(1, SLIDES + 1):
        reach(page, n)
        page.wait_for_timeout(600)  # charts drawn at the screen's scale
        assert page.evaluate(OVERFLOW) <= 2, f"slide {n} scrolls at {width}px"
        sizes = page.evaluate(BODY_SIZES)  # a title slide has none
        assert all(size >= 28 * width / 1920 - 0.5 for size, _text in sizes), (n, sizes)
        measured += len(sizes)
        page.keyboard.press("PageDown")
    assert measured >= SLIDES  # rule slides, the closing list


def test_the_presenter_view_follows_the_deck_in_another_window(server, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    try:
        notes = context.new_page()
        notes.goto(f"{server}/present?notes=1")
        wait_until_ready(notes)
        deck = context.new_page()
        open_deck(deck, server)
        for _ in range(3):
            deck.keyboard.press("PageDown")
        reach(deck, 4)
        notes.get_by_text(re.compile(r"Now: slide 4 of 7")).wait_for(timeout=30_000)
        deck.keyboard.press("End")
        reach(deck, SLIDES)
        notes.get_by_text(re.compile(rf"Now: slide {SLIDES} of {SLIDES}")).wait_for(timeout=30_000)
        notes.bring_to_front()  # the clicker speaks to the focused window: often the notes
        notes.keyboard.press("Home")
        reach(deck, 1)
        notes.get_by_text(re.compile(rf"Now: slide 1 of {SLIDES}")).wait_for(timeout=30_000)
    finally:
        context.close()
