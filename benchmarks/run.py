"""Measure the dashboard at several data sizes and print one markdown table.

    .venv/bin/python benchmarks/run.py [--scales 1500,100000,1000000,10000000] [--runs 3]
                                       [--skip-pandas] [--skip-browser] [--skip-load]
                                       [--load-scale 1500,1000000] [--load-model meeting|burst|both]
                                       [--load-processes 1|2|both]

For each scale (excerpts; 1,500 is the bundled data/, larger sets are generated once into
benchmarks/.data/ and reused), every registered page gets (server time, median of --runs warm
runs, alternating between two discipline filters):
- queries: the page's named queries alone in DuckDB, result cache cleared (a filter never seen);
- rerun: the page's whole script (frame included) under AppTest after a filter change to a value
  never seen (the cached results of that value dropped; results that do not depend on it stay, as
  they do for a viewer); and `rerun, seen` after a change back to filters already seen (cached results);
- pandas: the same aggregations the usual way (Parquet read into pandas once, then masks and
  groupby per change; benchmarks/reference.py), and its time over the queries' time;
- sent: kilobytes the server sends a browser for the page's first load (headless Chromium);
and the server process's peak memory (VmHWM) after a browser has opened every page and changed
a filter on it. Then the load test (benchmarks/load.py: clients speaking Streamlit's protocol, no
browsers; a meeting and a burst model, one process and two behind the proxy), which writes its own
table. Each heavy part runs in its own process, so one scale's memory or caches do not leak into
the next. Writes the table to benchmarks/RESULTS.md (between the markers; the notes below them are
kept) with the machine's core count and load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(HERE)]

import load  # noqa: E402 (found through the sys.path set just above)
import workload  # noqa: E402

BEGIN, END = "<!-- results: written by benchmarks/run.py -->", "<!-- /results -->"
DEFAULT_SCALES = (1_500, 100_000, 1_000_000, 10_000_000)
PANDAS_ONE_RUN_FROM = 10_000_000

# Targets (2 cores): page rerun after a filter change, pandas speed-up, server memory.
RERUN_TARGET_MS = {1_000_000: 250, 10_000_000: 1000}
SPEEDUP_TARGET = {1_000_000: 5.0}
MEMORY_TARGET_MIB = {10_000_000: 1024}
#: the first chart on a fresh server, over a bare Streamlit page's (a ratio; at most)
COLD_TARGET = {1_500: 1.15, 1_000_000: 1.15, 10_000_000: 1.3}


_STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"{time.perf_counter() - _STARTED:6.0f} s  {message}", file=sys.stderr, flush=True)


def median_ms(func, runs: int) -> float:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        func(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def registered_pages() -> list[tuple[str, str, str]]:
    """(name, page file, url path) for every page of the page table, in navigation order."""
    from findings import site

    return [(page.name, page.file, page.url) for page in site.PAGES]


def two_disciplines(data_dir: Path) -> list[str]:
    """The filter values every measure alternates between: the first two disciplines offered."""
    import duckdb

    frame = duckdb.sql(
        "select distinct discipline from read_parquet($path) order by discipline",
        params={"path": str(data_dir / "participants.parquet")},
    ).fetchall()
    return [row[0] for row in frame[:2]]


load_average = load.load_average  # the machine's load, as the load test reports it


# --- workers: each runs in its own process and prints one JSON line ---------------------------


def worker_queries(data_dir: Path, runs: int) -> dict:
    """(a) Each page's queries alone in DuckDB, result cache cleared before each run."""
    from findings.db import Database
    from findings.filters import Filters
    from findings.validate import validate

    start = time.perf_counter()
    report = validate(data_dir)
    validated = time.perf_counter() - start
    db = Database(data_dir, report.sources)
    opened = time.perf_counter() - start
    values = two_disciplines(data_dir)
    out = {"validate_s": validated, "open_s": opened, "build_s": db.build_seconds, "pages": {}}
    import resource

    out["worker_peak_mib"] = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )  # after validate + open
    for page in workload.PAGE_QUERIES:

        def once(i, page=page):
            db._cache.clear()
            params = {**Filters.of(discipline=[values[i % 2]]).params(), "lang": "en"}
            workload.page_queries(db, page, params, first_discipline=values[0])

        once(1)  # warm: file metadata, OS cache
        out["pages"][page] = median_ms(once, runs)
    db.close()
    return out


def worker_rerun(data_dir: Path, runs: int) -> dict:
    """(b) Each page's whole script under AppTest after a filter change: to a value never seen (its
    cached results dropped, `forget_filter`) and to filters seen before (cached)."""
    import weakref

    from streamlit.testing.v1 import AppTest

    from findings import db as db_module

    opened = weakref.WeakSet()  # the app's Database, so that its result cache can be cleared
    database_init = db_module.Database.__init__

    def register(self, *args, **kwargs):
        database_init(self, *args, **kwargs)
        opened.add(self)

    db_module.Database.__init__ = register
    # AppTest compiles the entry script and the page again on every run (a new ScriptCache each
    # time); a served app compiles each once per process, so one cache is kept here as it does
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    served = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: served
    os.environ["FINDINGS_DATA_DIR"] = str(data_dir)
    values = two_disciplines(data_dir)
    out = {}
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600).run()
    from findings.app import warm

    warm.settle()  # as `findings serve` does once warm: the collector walks only what reruns make
    for name, file, _url in registered_pages():
        at.switch_page(file).run()
        box = at.pills(key="filter.discipline")
        box.set_value([values[1]]).run()  # warm

        def rerun(i, clear, file=file):
            if clear:
                for database in opened:
                    forget_filter(database, "discipline", (values[i % 2],))
            at.pills(key="filter.discipline").set_value([values[i % 2]]).run()
            if at.exception:
                raise RuntimeError(f"{file}: {at.exception[0].message}")

        out[name] = {
            "new": median_ms(lambda i: rerun(i, True), runs),
            "seen": median_ms(lambda i: rerun(i, False), runs),
        }
    out["slide_change"] = slide_change_ms(at, opened)
    return out


def forget_filter(database, name: str, value: tuple) -> None:
    """Drop the cached results computed with filter `name` at `value`, as if a viewer were choosing
    that value for the first time: the queries that bind it to that value run again, and those that
    do not (the filters' own options, the slides, which ignore the exploration filters) are answered
    from the cache, as they are when a viewer changes the filter."""
    with database._lock:
        for key in [k for k in database._cache if (name, value) in k[1]]:
            del database._cache[key]


def slide_change_ms(at, opened) -> float:
    """Server time of a slide change on /present: the Next button pressed on each slide in turn
    (result caches cleared first, as for a fresh deck), the median over the deck."""
    from findings import i18n, site

    present = next(p for p in site.PAGES if p.name == site.PRESENT)
    label = i18n.t("present.next", "en")
    at.switch_page(present.file).run()
    for database in opened:
        database._cache.clear()
    times = []
    while True:
        forward = [b for b in at.button if b.label == label and not b.disabled]
        if not forward:
            break
        start = time.perf_counter()
        forward[-1].click().run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(f"/present: {at.exception[0].message}")
    return statistics.median(times)


def worker_pandas(data_dir: Path, runs: int) -> dict:
    """(c) The pandas reference: load once (timed apart), then each page's aggregations."""
    import reference

    start = time.perf_counter()
    tables = reference.load(data_dir)
    out = {"load_s": time.perf_counter() - start, "memory_mib": tables.memory_bytes() / 2**20, "pages": {}}
    values = two_disciplines(data_dir)
    for page in workload.PAGE_QUERIES:

        def once(i, page=page):
            reference.page(tables, page, {"discipline": [values[i % 2]]})

        if runs > 1:
            once(1)
        out["pages"][page] = median_ms(once, runs)
    return out


def run_worker(kind: str, data_dir: Path, runs: int, timeout: float = 3600) -> dict:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        kind,
        "--data",
        str(data_dir),
        "--runs",
        str(runs),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} worker failed on {data_dir.name}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the browser: payload per page, then the server's peak memory --------------------------


def port_of(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def scope_caption_js() -> str:
    return """() => {
        const c = [...document.querySelectorAll('[data-testid=stMain] [data-testid=stCaptionContainer]')];
        return (c.find(e => e.innerText.includes(' of ')) || {innerText: ''}).innerText;
    }"""


UPDATED_JS = """(old) => {
    const app = document.querySelector('[data-testid=stApp]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid=stSkeleton]')) return false;
    const c = [...document.querySelectorAll('[data-testid=stMain] [data-testid=stCaptionContainer]')];
    const caption = (c.find(e => e.innerText.includes(' of ')) || {innerText: ''}).innerText;
    if (caption === old) return false;
    const charts = [...document.querySelectorAll('[data-testid=stMain] .js-plotly-plot')];
    return charts.every(p => p.querySelector('.main-svg'));
}"""

ERRORS_JS = """() => document.querySelectorAll(
    '[data-testid=stException], [data-testid=stAlertContentError]').length"""


def bench_browser(data_dir: Path, values: list[str]) -> dict:
    """Kilobytes sent per page (first load), then one filter change per page; the server's peak
    memory after all that (it includes opening and validating the data)."""
    from browser import CHROMIUM, CHROMIUM_ARGS, serve, wait_until_ready
    from playwright.sync_api import sync_playwright

    out = {"sent_kb": {}, "errors": 0}
    with serve(data_dir, timeout=600) as base, sync_playwright() as p:
        pid = load.listening_pid(port_of(base))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        first = browser.new_page()  # the first page (its cold start is timed in bench_cold)
        first.goto(base)
        first.wait_for_selector("h1", timeout=600_000)
        wait_until_ready(first, timeout_ms=600_000)
        first.close()
        for name, _file, url in registered_pages():
            page = browser.new_page(viewport={"width": 1400, "height": 4000})
            received: list[int] = []

            def count(frame, received=received):
                received.append(len(frame) if isinstance(frame, (bytes, str)) else 0)

            page.on("websocket", lambda ws, count=count: ws.on("framereceived", count))
            page.goto(f"{base}/{url}")
            wait_until_ready(page, timeout_ms=600_000)
            out["sent_kb"][name] = sum(received) / 1024
            box = page.locator("[data-testid=stMultiSelect]").filter(has_text="Discipline")
            if name not in workload.PAGE_QUERIES:  # a page without the filter sidebar (e.g. slides)
                page.close()
                continue
            old = page.evaluate(scope_caption_js())
            box.locator("input").click()
            page.get_by_role("option", name=values[0], exact=True).click()
            page.keyboard.press("Escape")
            if old:
                page.wait_for_function(UPDATED_JS, arg=old, timeout=600_000)
            wait_until_ready(page, timeout_ms=600_000)
            out["errors"] += page.evaluate(ERRORS_JS)
            log(f"  /{url}: {sum(received) / 1024:,.0f} kB, filter change done")
            page.close()
        browser.close()
        out["peak_mib"] = load.peak_mib(pid)
    return out


# --- the cold start -------------------------------------------------------------------------------

FIRST_CHART_JS = "() => !!document.querySelector('[data-testid=stMain] .js-plotly-plot .main-svg')"
BARE_PAGE = HERE / "bare_page.py"


def _fresh_server(command: list[str], data_dir: Path, cache: Path) -> tuple[subprocess.Popen, str, float]:
    """Start a server on a free loopback port; wait for its health check; (process, URL, seconds)."""
    import urllib.request

    from browser import free_port

    port = free_port()
    flags = ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    env = {**os.environ, "FINDINGS_DATA_DIR": str(data_dir), "FINDINGS_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, *flags], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return process, base, time.perf_counter() - start
        except OSError:
            pass
        if process.poll() is not None or time.perf_counter() - start > 900:
            process.kill()
            raise RuntimeError(f"{command} did not start")
        time.sleep(0.05)


def bench_cold(data_dir: Path, runs: int) -> dict:
    """The first chart painted on a fresh server, from the browser's request to the chart's SVG,
    for the dashboard's landing page (`python -m findings serve`, as dev.py run starts it, its
    patterns built beforehand by `python -m findings build`) and for a bare Streamlit page with
    one Plotly chart started the same way, alternating, each in a new browser context (nothing
    cached); and how long each server took to answer its health check."""
    import tempfile

    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    python = sys.executable
    commands = {
        "bare": [python, "-m", "streamlit", "run", str(BARE_PAGE)],
        "dashboard": [python, "-m", "findings", "serve"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    ready: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as cache, sync_playwright() as p:
        env = {**os.environ, "FINDINGS_CACHE_DIR": cache}
        subprocess.run([python, "-m", "findings", "build", str(data_dir)], cwd=ROOT, env=env, check=True)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            for name, command in commands.items():
                process, base, seconds = _fresh_server(command, data_dir, Path(cache))
                try:
                    context = browser.new_context(viewport={"width": 1440, "height": 900})
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(base)
                    page.wait_for_function(FIRST_CHART_JS, timeout=600_000, polling=10)
                    times[name].append(time.perf_counter() - start)
                    ready[name].append(seconds)
                    context.close()
                finally:
                    process.terminate()
                    process.wait()
        browser.close()
    out = {f"{name}_s": statistics.median(values) for name, values in times.items()}
    out.update({f"{name}_ready_s": statistics.median(values) for name, values in ready.items()})
    out["ratio"] = out["dashboard_s"] / out["bare_s"]
    return out


# --- the table --------------------------------------------------------------------------------


def scale_name(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0 and n >= 100_000:
        return f"{n // 1000}k"
    return f"{n:,}"


def ms(value) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def verdict(value, target, higher_is_better=False) -> str:
    if value is None or target is None:
        return ""
    ok = value >= target if higher_is_better else value < target
    return " ✅" if ok else " ❌"


def cold_verdict(ratio: float, scale: int) -> str:
    target = COLD_TARGET.get(scale)
    return "" if target is None else (" ✅" if ratio <= target else " ❌")


def table(scales: list[int], results: dict, runs: int, notes: list[str]) -> str:
    head = "| page | measure | " + " | ".join(scale_name(s) for s in scales) + " | target |"
    rule = "|---|---|" + "---:|" * len(scales) + "---|"
    lines = [head, rule]
    for name, _file, url in registered_pages():

        def cell(scale, value, target=None, higher=False, fmt=ms):
            return (fmt(value) if value is not None else "–") + verdict(value, target, higher)

        q = [results[s].get("queries", {}).get("pages", {}).get(name) for s in scales]
        new = [results[s].get("rerun", {}).get(name, {}).get("new") for s in scales]
        seen = [results[s].get("rerun", {}).get(name, {}).get("seen") for s in scales]
        pd_ = [results[s].get("pandas", {}).get("pages", {}).get(name) for s in scales]
        ratio = [p / d if p and d else None for p, d in zip(pd_, q, strict=True)]
        sent = [results[s].get("browser", {}).get("sent_kb", {}).get(name) for s in scales]
        label = f"/{url}"
        lines.append(
            f"| {label} | queries alone (DuckDB, new filters) | "
            + " | ".join(cell(s, v) for s, v in zip(scales, q, strict=True))
            + " | |"
        )
        lines.append(
            f"| {label} | rerun after a filter change (AppTest, new filters) | "
            + " | ".join(cell(s, v, RERUN_TARGET_MS.get(s)) for s, v in zip(scales, new, strict=True))
            + " | < 250 ms at 1M, < 1 s at 10M |"
        )
        lines.append(
            f"| {label} | rerun, filters seen before (cached results) | "
            + " | ".join(cell(s, v) for s, v in zip(scales, seen, strict=True))
            + " | |"
        )
        lines.append(
            f"| {label} | pandas reference (same aggregations) | "
            + " | ".join(cell(s, v) for s, v in zip(scales, pd_, strict=True))
            + " | |"
        )
        lines.append(
            f"| {label} | speed-up: pandas time / queries time | "
            + " | ".join(
                cell(s, v, SPEEDUP_TARGET.get(s), True, fmt=lambda x: f"{x:.1f}×")
                for s, v in zip(scales, ratio, strict=True)
            )
            + " | ≥ 5× at 1M |"
        )
        lines.append(
            f"| {label} | sent to the browser, first load | "
            + " | ".join(
                cell(s, v, 2048, fmt=lambda x: f"{x:,.0f} kB") for s, v in zip(scales, sent, strict=True)
            )
            + " | < 2,048 kB |"
        )

    def row(label, values, target="", fmt=str):
        lines.append(
            f"| all | {label} | "
            + " | ".join(fmt(v) if v is not None else "–" for v in values)
            + f" | {target} |"
        )

    row(
        "validate + open the data (s)",
        [results[s].get("queries", {}).get("open_s") for s in scales],
        fmt=lambda x: f"{x:.1f} s",
    )
    row(
        "of which: excerpt patterns built (s)",
        [results[s].get("queries", {}).get("build_s") for s in scales],
        fmt=lambda x: f"{x:.1f} s",
    )
    row(
        "peak memory of validate + open (no server)",
        [results[s].get("queries", {}).get("worker_peak_mib") for s in scales],
        fmt=lambda x: f"{x:,.0f} MiB",
    )
    cold = [results[s].get("cold", {}) for s in scales]
    row(
        "first chart painted, fresh server: bare Streamlit page with one Plotly chart (s)",
        [c.get("bare_s") for c in cold],
        fmt=lambda x: f"{x:.2f} s",
    )
    row(
        "first chart painted, fresh server: the dashboard's landing page (s)",
        [c.get("dashboard_s") for c in cold],
        fmt=lambda x: f"{x:.2f} s",
    )
    lines.append(
        "| all | first chart painted: dashboard / bare page | "
        + " | ".join(
            f"{c['ratio']:.2f}×" + cold_verdict(c["ratio"], s) if c.get("ratio") else "–"
            for s, c in zip(scales, cold, strict=True)
        )
        + " | ≤ 1.15× (bundled, 1M), ≤ 1.3× (10M) |"
    )
    row(
        "server started to health check answered: bare page / dashboard, warm-up included (s)",
        [
            f"{c['bare_ready_s']:.1f} / {c['dashboard_ready_s']:.1f}" if c.get("bare_ready_s") else None
            for c in cold
        ],
    )
    row(
        "slide change on /present, server time (AppTest, median over the deck)",
        [results[s].get("rerun", {}).get("slide_change") for s in scales],
        "< 300 ms at 1M",
        fmt=ms,
    )
    row(
        "server peak memory after every page + a filter change each",
        [results[s].get("browser", {}).get("peak_mib") for s in scales],
        "< 1,024 MiB at 10M",
        fmt=lambda x: f"{x:,.0f} MiB",
    )
    row(
        "error elements seen in the browser",
        [results[s].get("browser", {}).get("errors") for s in scales],
        "0",
    )
    row(
        "pandas: Parquet read + joined once (s)",
        [results[s].get("pandas", {}).get("load_s") for s in scales],
        fmt=lambda x: f"{x:.1f} s",
    )
    row(
        "pandas: frames held in memory",
        [results[s].get("pandas", {}).get("memory_mib") for s in scales],
        fmt=lambda x: f"{x:,.0f} MiB",
    )
    intro = [
        f"{os.cpu_count()} cores; load average {notes[0]} at the start and {load_average()} at the end "
        + (
            f"(other work on the machine slows every figure); median of {runs} runs; "
            "server time unless said; 1,500 is the bundled `data/`."
        ),
        "",
    ]
    return "\n".join(intro + lines + [""] + [f"- {n}" for n in notes[1:]])


def save_progress(results: dict) -> None:
    """Keep the figures so far (benchmarks/.data/last-run.json), should a later part fail."""
    workload.DATA_CACHE.mkdir(parents=True, exist_ok=True)
    (workload.DATA_CACHE / "last-run.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


def write_results(text: str) -> None:
    """Replace the generated block of RESULTS.md; keep everything else (the notes) as it is."""
    load.write_block(BEGIN, END, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scales",
        default=",".join(str(s) for s in DEFAULT_SCALES),
        help="excerpt counts, comma-separated (1500 is the bundled data/)",
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (the median is shown)")
    parser.add_argument("--skip-pandas", action="store_true", help="leave out the pandas reference")
    parser.add_argument(
        "--skip-browser", action="store_true", help="leave out Chromium (payload, server memory)"
    )
    parser.add_argument(
        "--skip-load", action="store_true", help="leave out the load test (benchmarks/load.py)"
    )
    parser.add_argument(
        "--load-scale",
        default=",".join(str(s) for s in load.SCALES),
        help="excerpt counts of the load test, comma-separated (its own sets: any scale works)",
    )
    parser.add_argument("--load-model", choices=("meeting", "burst", "both"), default="both")
    parser.add_argument("--load-processes", choices=("1", "2", "both"), default="both")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--worker", choices=("queries", "rerun", "pandas"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        worker = {"queries": worker_queries, "rerun": worker_rerun, "pandas": worker_pandas}[args.worker]
        print(json.dumps(worker(args.data.resolve(), args.runs)))
        return 0

    scales = [int(s.replace("_", "")) for s in args.scales.split(",") if s.strip()]
    notes = [load_average()]
    started = time.perf_counter()
    results: dict[int, dict] = {}
    for scale in scales:
        data_dir = workload.dataset(scale, log=log)
        values = two_disciplines(data_dir)
        notes_for = results.setdefault(scale, {})
        log(f"[{scale_name(scale)}] queries (load {load_average()})")
        notes_for["queries"] = run_worker("queries", data_dir, args.runs)
        log(f"[{scale_name(scale)}] AppTest reruns")
        notes_for["rerun"] = run_worker("rerun", data_dir, args.runs)
        if not args.skip_pandas:
            log(f"[{scale_name(scale)}] pandas reference")
            # one run at 10M and above: a pandas page takes 10-70 s there and the trend is plain
            notes_for["pandas"] = run_worker(
                "pandas", data_dir, args.runs if scale < PANDAS_ONE_RUN_FROM else 1
            )
        if not args.skip_browser:
            log(f"[{scale_name(scale)}] Chromium: the first chart on a fresh server, against a bare page")
            notes_for["cold"] = bench_cold(data_dir, args.runs)
            log(f"[{scale_name(scale)}] Chromium: payload and server memory")
            notes_for["browser"] = bench_browser(data_dir, values)
        save_progress(results)
    if not args.skip_pandas and any(s >= PANDAS_ONE_RUN_FROM for s in scales):
        notes.append(
            f"pandas at {scale_name(PANDAS_ONE_RUN_FROM)} and above: one run per page, not a median."
        )
    notes.append(
        f"Filter change: discipline alternating between the first two disciplines; "
        f"the whole run took {(time.perf_counter() - started) / 60:.0f} min."
    )
    text = table(scales, results, args.runs, notes)
    print(text)
    if not args.no_write:
        write_results(text)
    if not args.skip_load:  # its own table, after the one above (benchmarks/load.py)
        rows, load_notes = load.run_all(
            ["meeting", "burst"] if args.load_model == "both" else [args.load_model],
            [int(s.replace("_", "")) for s in args.load_scale.split(",") if s.strip()],
            [1, 2] if args.load_processes == "both" else [int(args.load_processes)],
            log=log,
        )
        load_text = load.table(rows, load_notes)
        print("\n" + load_text)
        if not args.no_write:
            load.write_results(load_text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
