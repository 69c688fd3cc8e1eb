"""Measure the dashboard's speed budgets and print them as a markdown table.

    .venv/bin/python benchmarks/run.py [--data DIR] [--runs N]

Figures (server time, median of N warm runs unless said):
- queries: each Overview query alone in DuckDB, result cache cleared before each run;
- overview rerun: the whole frame + Overview script under AppTest after a filter change;
- first page: seconds from a started server to the Overview drawn in headless Chromium.
Writes the table to benchmarks/RESULTS.md with the machine's core count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

OVERVIEW_QUERIES = ("filter_options", "headline", "theme_group_reach", "rules_list", "archive_totals")


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_queries(data_dir: Path, runs: int) -> list[tuple[str, float]]:
    from findings.db import Database
    from findings.filters import Filters
    from findings.validate import validate

    report = validate(data_dir)
    db = Database(data_dir, report.sources)
    params = {**Filters.of(discipline=["Music"]).params(), "lang": "en"}

    def one(name):
        db._cache.clear()
        db.run(name, params)

    rows = [(f"query `{name}` (uncached)", median_ms(lambda n=name: one(n), runs)) for name in OVERVIEW_QUERIES]
    db.close()
    return rows


def registered_pages() -> list[tuple[str, str]]:
    """(page file, url path) for every page dashboard.py registers ('' for the default page)."""
    import re

    pages = []
    for line in (ROOT / "dashboard.py").read_text(encoding="utf-8").splitlines():
        path = re.search(r'st\.Page\("(pages/[a-z_]+\.py)"', line)
        if path:
            url = re.search(r'url_path="([a-z_]+)"', line)
            pages.append((path.group(1), url.group(1) if url else ""))
    return pages


def bench_rerun(data_dir: Path, runs: int, page_file: str | None = None) -> float:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    original = PagesManager.__init__  # route like the live server (see tests/conftest.py)

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    os.environ["FINDINGS_DATA_DIR"] = str(data_dir)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    if page_file:
        at.switch_page(page_file).run()
    choices = at.multiselect(key="filter.discipline").options
    at.multiselect(key="filter.discipline").set_value([choices[0]]).run()  # warm caches

    state = {"i": 0}

    def rerun():
        state["i"] += 1
        at.multiselect(key="filter.discipline").set_value([choices[state["i"] % 2]]).run()
        assert not at.exception

    # alternate between two warm filter states: measures the rerun, not the first query
    return median_ms(rerun, runs)


def bench_first_page(data_dir: Path) -> list[tuple[str, float]]:
    """Seconds from navigation to the title shown and to the chart drawn, cold then warm."""
    from browser import CHROMIUM, CHROMIUM_ARGS, serve, wait_until_ready
    from playwright.sync_api import sync_playwright

    results = []
    with serve(data_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label in ("cold server", "warm server"):
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(base)
            page.wait_for_selector("h1", timeout=60_000)
            shown = time.perf_counter() - start
            page.wait_for_selector(".js-plotly-plot .barlayer .point path", timeout=60_000)
            wait_until_ready(page, timeout_ms=60_000)
            drawn = time.perf_counter() - start
            results += [(f"first Overview content shown in Chromium ({label})", shown),
                        (f"Overview fully drawn in Chromium ({label})", drawn)]
            page.close()
        browser.close()
    return results


def bench_payload(data_dir: Path) -> list[tuple[str, float]]:
    """Kilobytes the server sends a browser to show each page (websocket frames, first load)."""
    from browser import CHROMIUM, CHROMIUM_ARGS, serve, wait_until_ready
    from playwright.sync_api import sync_playwright

    results = []
    with serve(data_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _file, url in registered_pages():
            page = browser.new_page(viewport={"width": 1400, "height": 4000})
            received = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame) if isinstance(frame, (bytes, str)) else 0)))
            page.goto(f"{base}/{url}")
            wait_until_ready(page, timeout_ms=90_000)
            results.append((f"data sent to the browser for /{url}", sum(received) / 1024))
            page.close()
        browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    data_dir = args.data.resolve()

    rows = bench_queries(data_dir, args.runs)
    page_rows = [
        (f"/{url} rerun after a filter change (AppTest, warm)", bench_rerun(data_dir, args.runs, None if not url else path))
        for path, url in registered_pages()
    ]
    browser_rows = bench_first_page(data_dir)
    payload_rows = bench_payload(data_dir)

    lines = [
        f"Data: `{data_dir.name}/`; {os.cpu_count()} cores; median of {args.runs} runs.",
        "",
        "| measure | result | budget |",
        "|---|---:|---:|",
        *(f"| {name} | {ms:.1f} ms | |" for name, ms in rows),
        *(f"| {name} | {ms:.1f} ms | {'150 ms' if name.startswith('/ ') else '250 ms'} |" for name, ms in page_rows),
        *(f"| {name} | {sec:.2f} s | {'3 s' if 'content' in name else ''} |" for name, sec in browser_rows),
        *(f"| {name} | {kb:,.0f} kB | 2,048 kB |" for name, kb in payload_rows),
    ]
    table = "\n".join(lines)
    print(table)
    (ROOT / "benchmarks" / "RESULTS.md").write_text("# Benchmark results\n\n" + table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
