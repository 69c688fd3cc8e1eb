"""The deck saved as one HTML file: every slide of the story, public consent and protection as on
screen, the sidebar's filters ignored, and it works offline with the keyboard."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import sync_playwright

from findings import deck_export, privacy
from findings.app.context import PageContext
from findings.db import Database
from findings.filters import Filters
from findings.story import Slide, default_story
from findings.validate import validate


@pytest.fixture
def deck(fixture_dir):
    report = validate(fixture_dir)
    database = Database(fixture_dir, report.sources)

    def build(lang="en", story=None, **selected):
        labels = defaultdict(dict)  # value -> label per filter: the data's own values here
        ctx = PageContext(
            database, report, Filters.of(**selected), lang, labels, "public", privacy.DEFAULT_MIN_CELL
        )
        return deck_export.build(ctx, story or default_story([1, 2]))

    yield build
    database.close()


def words_of(page: str) -> str:
    return re.sub(r"<script.*?</script>", "", page, flags=re.S)


def test_every_slide_is_there_and_the_sidebar_filters_are_not(deck):
    page = deck()
    assert page.count("<section class='slide'") == 7 and "<html lang='en'>" in page
    assert deck(discipline=["Music"]) == page  # exploration filters never reach the deck
    assert "Slide 7 of 7" in page and "Design for the Whole Creative Ecosystem" in page


def test_only_public_words_and_nothing_fetched(deck):
    page = words_of(deck())
    assert "Words of P2" not in page and "Words of P4" not in page  # research and none consent
    assert re.search(r"“Words of (P\d|the group) in E\d+\.”", page)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", deck())  # plotly.js inlined, no CDN


def test_a_story_filter_is_said_on_its_slide_and_french_is_french(deck):
    story = [Slide("numbers", filters={"discipline": ("Music",)}), Slide("closing")]
    page = deck("fr", story)
    assert "<html lang='fr'>" in page and "Diapositive 1 sur 2" in page
    assert "Cette diapositive seulement : Discipline : Music" in page.replace("\u202f", " ")


def test_the_file_opens_offline_and_the_keys_move_the_slides(deck, tmp_path):
    path = tmp_path / "deck.html"
    path.write_text(deck(), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 720}, offline=True)
        asked = []
        context.on("request", lambda request: asked.append(request.url))
        page = context.new_page()
        page.goto(path.as_uri())
        shown = page.locator("section.slide.on")
        assert shown.count() == 1 and shown.locator("h1").count() == 1  # the title slide, alone
        page.keyboard.press("PageDown")
        page.keyboard.press("PageDown")
        assert page.evaluate("location.hash") == "#3"
        assert page.locator("section.slide.on .js-plotly-plot").count() == 1  # the groups chart, drawn
        page.keyboard.press("End")
        assert "Slide 7 of 7" in page.locator("section.slide.on").inner_text()
        page.keyboard.press("b")
        assert page.locator("#blank").is_visible()
        assert all(url.startswith("file:") for url in asked), asked
        browser.close()
