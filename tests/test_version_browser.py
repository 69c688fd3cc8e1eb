"""A re-export under a page open in a real browser: the CSV clicked afterwards never mixes versions."""

from __future__ import annotations

from browser import CHROMIUM, CHROMIUM_ARGS, serve, wait_until_ready
from playwright.sync_api import sync_playwright
from test_version import (
    NEW,
    WITHHELD_OLD,
    assert_one_old_version,
    publish_in_place,
    reexport_tables,
    write_set,
)


def test_csv_clicked_after_a_reexport_is_not_mixed_and_the_page_says_so(tmp_path):
    data = write_set(tmp_path / "data")
    with (
        serve(data, env={"FINDINGS_MIN_CELL": "0", "FINDINGS_AUDIENCE": "public"}) as base,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(accept_downloads=True).new_page()
            page.goto(f"{base}/evidence")
            wait_until_ready(page)
            assert page.get_by_text("Words of P1 in E1.", exact=True).count() == 1

            publish_in_place(data, write_set(tmp_path / "next", reexport_tables()))
            downloads = []
            page.on("download", lambda download: downloads.append(download))
            page.get_by_test_id("stDownloadButton").filter(has_text="CSV").locator("button").click()
            # the click fails cleanly (an error under the button) or gives the old version whole
            page.locator("[data-testid=stDownloadButtonError]").or_(
                page.get_by_text("The data changed since this page was drawn")
            ).first.wait_for(timeout=60_000)
            for download in downloads:
                download.save_as(tmp_path / "got.csv")
                assert_one_old_version((tmp_path / "got.csv").read_bytes())
            # and the open page says the data changed, without any other click
            page.get_by_text("The data changed since this page was drawn").wait_for(timeout=60_000)
            page.get_by_role("button", name="Reload").click()
            wait_until_ready(page)
            assert page.get_by_text(f"{NEW}: Words of P5 in E6.", exact=True).count() == 1
            body = page.locator("[data-testid=stMain]").inner_text()
            assert not any(w in body for w in WITHHELD_OLD) and "Words of P1 in E1." not in body
        finally:
            browser.close()
