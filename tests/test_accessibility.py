"""WCAG 2.2 AA as axe-core checks it, in the browser: every page on a wide screen with filters
applied, the languages taking turns, and the first six pages on a phone in the other language,
with the first folded sections (chart data tables, the share link) opened.

axe-core is installed by `python3 dev.py test` from package-lock.json into node_modules/; it is
loaded into each page from that file (nothing is fetched from outside the machine).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from apptest import BUNDLED
from browser import serve, wait_until_ready

from findings import site

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => `${n.target.join(' ')}: ${n.failureSummary || ''}`),
    }));
}"""


@pytest.fixture(scope="module")
def server():
    with serve(BUNDLED) as base:
        yield base


def violations(page, url: str) -> list[dict]:
    page.goto(url)
    wait_until_ready(page, timeout_ms=60_000)
    # the first few folded sections opened, so what they draw (on a rerun) is checked too
    page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stExpander] summary')]
                 .filter(s => s.offsetParent !== null).slice(0, 4).forEach(s => s.click())"""
    )
    time.sleep(1.0)  # the rerun that draws them starts
    wait_until_ready(page, timeout_ms=60_000)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, TAGS)


def test_axe_core_is_installed_and_finds_what_it_looks_for(chromium):
    """The engine is there, and it reports a violation when there is one (an image with no text)."""
    page = chromium.new_page()
    page.set_content("<html lang='en'><body><main><img src='data:,'><p>x</p></main></body></html>")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(RUN_AXE, TAGS)
    assert "image-alt" in {v["id"] for v in found}
    page.close()


#: every page once, the languages taking turns (each is checked in the other on a phone below)
WIDE = [(page.url, ("en", "fr")[i % 2]) for i, page in enumerate(site.PAGES)]


@pytest.mark.parametrize(("path", "lang"), WIDE)
def test_every_page_meets_wcag_aa_as_axe_checks_it(server, chromium, path, lang):
    page = chromium.new_page(viewport={"width": 1440, "height": 900})
    found = violations(page, f"{server}/{path}?lang={lang}&discipline=Music&discipline=Film+%26+TV")
    page.close()
    assert found == [], found


@pytest.mark.parametrize(
    ("path", "lang"), [(path, "fr" if lang == "en" else "en") for path, lang in WIDE[:6]]
)
def test_phone_pages_meet_wcag_aa_as_axe_checks_them(server, chromium, path, lang):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    found = violations(page, f"{server}/{path}?lang={lang}")
    page.close()
    assert found == [], found
