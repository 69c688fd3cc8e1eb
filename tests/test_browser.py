"""End to end in a real browser: the served app, drawn by Chromium, offline."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import fixture
import pytest
from browser import SCREENSHOTS, is_local, serve, wait_until_ready

from findings import i18n, privacy, site
from findings.app.context import PageContext
from findings.db import Database
from findings.filters import Filters
from findings.validate import validate


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The fixture's folder, and the app serving it to the public (FINDINGS_MIN_CELL as deployed)."""
    folder = fixture.write(tmp_path_factory.mktemp("e2e"))
    with serve(folder, env={"FINDINGS_MIN_CELL": str(privacy.DEFAULT_MIN_CELL)}) as base:
        yield folder, base


@pytest.fixture(scope="module")
def server(served):
    return served[1]


def shown(served, **selected) -> dict:
    """What the public headline says under these filters: the served numbers carry the cell key
    method's noise (findings/privacy.py), so the browser must show exactly these."""
    folder, _base = served
    report = validate(folder)
    database = Database(folder, report.sources)
    try:
        ctx = PageContext(
            database, report, Filters.of(**selected), "en", {}, "public", privacy.DEFAULT_MIN_CELL
        )
        head = ctx.run("headline").iloc[0]
    finally:
        database.close()
    return {column: i18n.fmt_int(head[column], "en") for column in ("participants", "excerpts")}


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1800})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def metric(page, label: str) -> str:
    box = page.locator("[data-testid=stMetric]").filter(has=page.get_by_text(label, exact=True))
    return box.locator("[data-testid=stMetricValue]").inner_text().strip()


def test_overview_draws_offline_with_filters_from_the_url(served, server, page):
    page.goto(f"{server}/?discipline=Music")
    wait_until_ready(page)
    shot(page, "overview-music-en")
    assert page.locator("[data-testid=stException]").count() == 0
    music = shown(served, discipline=["Music"])  # 3 people and 4 excerpts, as protected
    assert metric(page, "Participants") == music["participants"]
    said = f"{music['participants']} of 8 participants · {music['excerpts']} of 10 excerpts"
    assert page.get_by_text(said, exact=False).count() == 1
    bars = page.locator(".js-plotly-plot .barlayer .point path")
    assert bars.count() == 3  # one bar per theme group, actually drawn as SVG
    assert any(float(re.findall(r"[\d.]+", bars.nth(i).get_attribute("d"))[-1]) > 0 for i in range(3))
    outside = [url for url in page.requests if not is_local(url)]
    assert outside == []


def test_filter_through_the_sidebar_changes_numbers_and_url(served, server, page):
    hearst = shown(served, venue=["Hearst Estate"])["participants"]  # 5 people, as protected
    page.goto(server)
    wait_until_ready(page)
    assert metric(page, "Participants") == "8"  # everyone: exact
    page.get_by_role("button", name="Venue", exact=True).click()  # the filter's panel opens
    page.get_by_role("button", name="Hearst Estate").click()
    wait_until_ready(page)
    # the panel stays open through the rerun; the pick is written under the button; Escape closes it
    assert page.get_by_role("button", name="Bradbury Building").is_visible()
    page.keyboard.press("Escape")
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("Hearst Estate", exact=True).wait_for()
    assert not page.get_by_role("button", name="Bradbury Building").is_visible()
    page.wait_for_function("() => location.search.includes('venue=Hearst')")
    assert metric(page, "Participants") == hearst
    # a copied link opens the same view in a fresh browser context
    link = page.url
    fresh = page.context.browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(link)
        wait_until_ready(other)
        assert metric(other, "Participants") == hearst
    finally:
        fresh.close()


def test_french_switch(server, page):
    page.goto(f"{server}/?discipline=Music")
    wait_until_ready(page)
    page.locator("[data-testid=stSidebar]").get_by_text("Français", exact=True).click()
    wait_until_ready(page)
    page.wait_for_function("() => location.search.includes('lang=fr')")
    assert page.get_by_text("En chiffres", exact=True).count() == 1
    # the scope line names the filter by the data's French label, and so does the filter's button
    assert page.locator("[data-testid=stMain]").get_by_text("Discipline : Musique", exact=False).count() == 1
    assert page.locator("[data-testid=stSidebar]").get_by_text("Musique", exact=True).count() == 1
    shot(page, "overview-music-fr")
    assert "discipline=Music" in page.url  # the URL keeps the data's value, not the label


def focused(page) -> str:
    """The focused element, as a keyboard user meets it: its text and whether it is pressed."""
    return page.evaluate(
        "() => { const a = document.activeElement;"
        " return (a.innerText || '').split('\\n')[0] + '|' + (a.getAttribute('aria-pressed') || ''); }"
    )


def test_a_filter_is_picked_with_the_keyboard_alone(server, page):
    """Enter on a filter's button opens its panel with the focus inside it (Streamlit's popover
    leaves it on the button, and the panel comes last in the tab order); Tab reaches the values,
    Space picks one and the focus stays on it through the rerun; Escape closes the panel, giving
    the focus back to its button."""
    page.goto(server)
    wait_until_ready(page)
    page.get_by_role("button", name="Discipline", exact=True).focus()
    page.keyboard.press("Enter")
    wait_until_ready(page)
    page.wait_for_function("() => !!document.activeElement.closest('[data-testid=stPopoverBody]')")
    first, second = page.locator("[data-testid=stPopoverBody] button").all_inner_texts()[:2]
    page.keyboard.press("Tab")
    assert focused(page) == f"{first}|false"
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search.includes('discipline=')")
    wait_until_ready(page)
    assert focused(page) == f"{first}|true"  # still there, now pressed
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search.split('discipline=').length === 3")
    wait_until_ready(page)
    assert focused(page) == f"{second}|true"
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('[data-testid=stPopoverBody]')")
    assert focused(page).startswith("Discipline")


def registered_paths() -> list[str]:
    """URL paths of every page of the page table ('' for the default page)."""
    return [page.url for page in site.PAGES]


def test_the_browser_tests_cover_every_page():
    assert len(registered_paths()) == len(site.PAGES) > 5 and "" in registered_paths()


def test_a_direct_link_to_any_page_on_a_fresh_server_finds_everything(chromium, fixture_dir):
    """Each page opens straight from a link, inside the frame, and every request but one kind
    succeeds. The exception is Streamlit's own: its frontend guesses the server's base path by
    asking /<page>/_stcore/health and /<page>/_stcore/host-config before /_stcore/..., and
    those two probes answer 404 (streamlit/streamlit#7074, open; the app cannot answer them
    without taking /<page>/ as its base path). Anything else that fails here is ours."""
    first = next(page for page in site.PAGES if page.url and page.filtered)
    paths = [first.url, *(page.url for page in site.PAGES if page is not first)]
    with serve(fixture_dir) as fresh:
        for path in paths:
            context = chromium.new_context(viewport={"width": 1400, "height": 1000})
            tab = context.new_page()
            failed = []
            tab.on(
                "response", lambda reply, failed=failed: failed.append(reply) if reply.status >= 400 else None
            )
            tab.goto(f"{fresh}/{path}?lang=fr")
            wait_until_ready(tab, timeout_ms=60_000)
            sidebar = tab.locator("[data-testid=stSidebar]")
            assert sidebar.get_by_text("Filtres", exact=True).count() == 1 or path == "present", path
            probes = {f"{fresh}/{path}/_stcore/health", f"{fresh}/{path}/_stcore/host-config"}
            assert [(reply.status, reply.url) for reply in failed if reply.url not in probes] == [], path
            context.close()


@pytest.mark.parametrize("path", registered_paths())
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_draws_in_the_browser(server, page, path, lang):
    page.goto(f"{server}/{path}?discipline=Music&discipline=Film+%26+TV&lang={lang}")
    wait_until_ready(page, timeout_ms=60_000)
    shot(page, f"page-{path or 'overview'}-{lang}")
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stAlertContentError]").count() == 0  # no apology either
    charts = page.locator("[data-testid=stPlotlyChart]")
    for i in range(charts.count()):
        svg = charts.nth(i).locator("svg.main-svg").first
        box = svg.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, f"chart {i} on /{path} did not draw"
        marks = charts.nth(i).locator(
            ".point, .bars path, .heatmaplayer image, .sankey .sankey-node, .trace path, .slice"
        )
        assert marks.count() > 0, f"chart {i} on /{path} drew no marks"
    assert [url for url in page.requests if not is_local(url)] == []


def test_report_opens_offline_with_its_charts(chromium, fixture_dir, tmp_path):
    import datetime as dt

    from findings import report
    from findings.app.context import PageContext
    from findings.db import Database
    from findings.filters import Filters
    from findings.validate import validate

    checked = validate(fixture_dir)
    ctx = PageContext(Database(fixture_dir, checked.sources), checked, Filters(), "en", {}, "public")
    path = tmp_path / "report.html"
    path.write_text(report.build(ctx, "no filter", dt.date(2026, 1, 2)), encoding="utf-8")
    context = chromium.new_context(offline=True)
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(path.as_uri())
        page.wait_for_selector(".js-plotly-plot .barlayer .point path", timeout=30_000)
        assert page.locator(".js-plotly-plot").count() == 2
        assert [url for url in requests if not url.startswith("file:")] == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "themes", "evidence"])
def test_markdown_and_html_in_a_link_stay_text_in_the_browser(server, page, path):
    """A link whose values carry Markdown, HTML and javascript: draws them as text: no image or
    link from them appears in the page, and nothing is fetched from outside."""
    payload = "![t](http://203.0.113.9/p.png) [x](javascript:alert(1)) <img src=http://203.0.113.9/i.png>"
    query = urlencode([("discipline", payload), ("q", payload), ("theme", payload), ("measure", payload)])
    page.goto(f"{server}/{path}?{query}")
    wait_until_ready(page, timeout_ms=60_000)
    assert page.get_by_text("203.0.113.9", exact=False).count() >= 1  # the notice names the value
    assert page.locator("img[src*='203.0.113.9']").count() == 0
    # (the sidebar's page links carry the query string along, so only links *to* the value count)
    assert page.locator("a[href^='javascript:'], a[href^='http://203.0.113.9']").count() == 0
    assert [url for url in page.requests if not is_local(url)] == []


def test_the_document_speaks_the_interface_language_and_phones_open_on_the_page(server, chromium):
    """<html lang> follows the interface (screen readers read French as French), and on a phone
    the sidebar starts folded, not over the first screen; on a wide screen it starts open."""
    wide = chromium.new_page(viewport={"width": 1440, "height": 900})
    wide.goto(f"{server}/?lang=fr")
    wait_until_ready(wide)
    wide.wait_for_function("document.documentElement.lang === 'fr'", timeout=30_000)
    assert wide.locator("section[data-testid=stSidebar]").is_visible()
    wide.goto(f"{server}/")
    wait_until_ready(wide)
    wide.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)
    wide.close()
    phone = chromium.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{server}/")
    wait_until_ready(phone)
    sidebar = phone.locator("section[data-testid=stSidebar]")
    assert not sidebar.is_visible() or sidebar.bounding_box()["x"] + sidebar.bounding_box()["width"] <= 1
    phone.close()


CONTRAST_JS = """() => {
    // each caption's text colour over the first opaque background behind it
    const rgba = s => (s.match(/[\\d.]+/g) || []).map(Number);
    const behind = el => {
        for (let e = el; e; e = e.parentElement) {
            const c = rgba(getComputedStyle(e).backgroundColor);
            if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    return [...document.querySelectorAll('[data-testid=stCaptionContainer]')]
        .filter(el => el.innerText.trim())
        .map(el => {
            const fg = rgba(getComputedStyle(el).color), bg = behind(el);
            const a = fg.length > 3 ? fg[3] : 1;  // a translucent colour shows blended with its background
            return [fg.slice(0, 3).map((v, i) => a * v + (1 - a) * bg[i]), bg, el.innerText.slice(0, 40)];
        });
}"""


def _contrast(fg, bg) -> float:
    def luminance(rgb):
        def channel(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(v) for v in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_captions_read_at_aa_contrast_in_the_page_and_the_sidebar(server, page):
    """The 'what is counted' sentences are captions: WCAG AA asks 4.5:1 for their size."""
    page.goto(f"{server}/themes")
    wait_until_ready(page)
    captions = page.evaluate(CONTRAST_JS)
    assert len(captions) > 3
    low = [(text, round(_contrast(fg, bg), 2)) for fg, bg, text in captions if _contrast(fg, bg) < 4.5]
    assert low == [], low
    assert _contrast((0x79, 0x7F, 0x85), (255, 255, 255)) < 4.5  # the old grey would have failed


def test_on_a_phone_every_choice_of_a_row_stays_on_the_screen(server, chromium):
    """The measure's three choices do not fit a phone's width on one line: they wrap, and none is
    cut off by its row's edge (its row hides what overflows: a reader could not see or tap it)."""
    phone = chromium.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{server}/themes")
    wait_until_ready(phone)
    rows = phone.locator("[data-testid=stMain] [data-testid=stButtonGroup] [role=radiogroup]")
    assert rows.count() >= 1
    for r in range(rows.count()):
        row = rows.nth(r).bounding_box()
        choices = rows.nth(r).locator("button[role=radio]")
        for c in range(choices.count()):
            box = choices.nth(c).bounding_box()
            assert box["x"] + box["width"] <= row["x"] + row["width"] + 0.5, (
                choices.nth(c).inner_text(),
                row,
            )
    phone.close()


def test_on_a_phone_no_chart_toolbar_covers_a_legend(server, chromium):
    """A legend wraps onto three lines on a phone and reached the corner where Plotly draws its
    toolbar: the toolbar is not drawn there (it is on a wide screen, where the legend fits)."""
    shown = {}
    for width, height in ((390, 844), (1440, 900)):
        page = chromium.new_page(viewport={"width": width, "height": height})
        page.goto(f"{server}/themes")
        wait_until_ready(page)
        page.locator("[data-testid=stMain] .js-plotly-plot").first.wait_for()
        bars = page.locator("[data-testid=stMain] .js-plotly-plot").first
        bars.hover()
        shown[width] = bars.locator(".modebar-container").evaluate("e => getComputedStyle(e).display")
        page.close()
    assert shown[390] == "none" and shown[1440] != "none", shown


def test_icon_names_are_neither_read_nor_copied_with_the_text(server, page):
    """Streamlit writes each icon as its name in an icon font ("science", "keyboard_arrow_right"):
    a screen reader skips it (aria-hidden), and a reader copying the page gets the words without it."""
    page.goto(f"{server}/")
    wait_until_ready(page)
    icons = page.locator("[data-testid=stMain] [data-testid=stIconMaterial]")
    assert icons.count() >= 2  # the illustrative notice's and the expanders'
    names = icons.evaluate_all("els => els.map(e => e.textContent.trim())")
    assert all(icons.nth(i).get_attribute("aria-hidden") == "true" for i in range(icons.count()))
    copied = page.evaluate(
        """() => { const r = document.createRange();
                   r.selectNodeContents(document.querySelector('[data-testid=stMain]'));
                   const s = getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }"""
    )
    assert "Illustrative" in copied or "illustrative" in copied
    leaked = [name for name in set(names) if re.search(rf"(^|\s){re.escape(name)}(\s|$)", copied)]
    assert not leaked, leaked


CELL_CENTRE_JS = """(gd) => {
    // the first clickable cell of a heatmap: its centre on the screen, from Plotly's own axes
    const trace = gd.data.find(t => t.name === 'cells');
    const i = trace.customdata.findIndex(d => d);
    const size = gd._fullLayout._size, box = gd.getBoundingClientRect();
    const x = gd._fullLayout.xaxis.d2p(trace.x[i]) + size.l + box.left;
    const y = gd._fullLayout.yaxis.d2p(trace.y[i]) + size.t + box.top;
    return {x, y, key: trace.customdata[i]};
}"""


def test_heatmaps_open_their_cells_and_stay_readable_on_phones(page, chromium):
    """Streamlit reports no click on a heatmap: the cell's invisible target takes it, the page
    reruns with the cell in the URL, and its excerpts appear under the chart. On a phone a heatmap
    keeps a readable width and scrolls sideways (the bundled sample, whose heatmaps the public sees)."""
    from apptest import BUNDLED

    with serve(BUNDLED) as server:
        _click_a_cell(page, server)
        phone = chromium.new_page(viewport={"width": 390, "height": 844})
        phone.goto(f"{server}/themes")
        wait_until_ready(phone)
        holder = phone.locator("[class*=st-key-wide-chart-]").first
        holder.locator(".js-plotly-plot").wait_for(timeout=30_000)
        drawn = holder.locator(".js-plotly-plot").bounding_box()["width"]
        assert drawn >= 600, drawn  # five disciplines' cells, each wide enough for "100 %"
        assert holder.evaluate("e => e.scrollWidth > e.clientWidth")  # ... reached by scrolling
        phone.close()


def _click_a_cell(page, server: str) -> None:
    page.goto(f"{server}/sessions")
    wait_until_ready(page)
    plots = page.locator("[data-testid=stMain] .js-plotly-plot")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].filter(g => g.data).length >= 2",
        timeout=30_000,
    )
    # which session voiced which theme: the last chart with click targets (saturation follows it)
    clickable = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] .js-plotly-plot')]"
        ".map((g, i) => (g.data || []).some(t => t.name === 'cells') ? i : -1).filter(i => i >= 0)"
    )
    heatmap = plots.nth(clickable[-1])
    heatmap.scroll_into_view_if_needed()
    target = heatmap.evaluate(CELL_CENTRE_JS)
    page.mouse.click(target["x"], target["y"])
    page.get_by_text("The excerpts behind").wait_for(timeout=30_000)
    theme, session = target["key"]
    assert page.url.count("cell=") == 3 and theme in page.url and f"cell={session}" in page.url
    page.locator("[data-testid=stMain] a[href*='evidence']").first.wait_for(timeout=30_000)  # the link there
