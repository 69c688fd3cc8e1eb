"""Load on the dashboard's server from clients that speak Streamlit's protocol, without browsers.

    .venv/bin/python benchmarks/load.py [--model meeting|burst|both] [--scale 1500|1000000|both]
                                        [--processes 1|2|both] [--no-write]

Each client does what a browser tab does on the wire and nothing else (no page is drawn, so the
server is what is measured): it GETs the page (keeping any cookie, e.g. the proxy's
`findings_route`), opens a WebSocket to `/_stcore/stream`, asks for a script run with its URL
(a BackMsg `rerun_script` carrying a ClientState), and reads the ForwardMsgs of the run until
`script_finished`. A filter change toggles a discipline in the sidebar's Discipline filter (a
row of buttons, or a list for a dimension with many values: its new value plus the other filters'
current values, as the browser's widget manager sends them); a page change asks for another
page's script hash, taken from the `navigation` message.
Messages the server left out because the client holds them (the forward-message cache) are
resolved by hash, and the client says which it holds on every rerun; the app's own timed
fragment (an `auto_rerun`) is rerun between changes as a browser would.

Two models:
- meeting: 30 sessions open the shared link at random moments within 10 s, then each changes a
  filter or the page every 5-15 s (random, fixed seed) for 2 minutes;
- burst: 8 sessions, each making its changes back to back for 45 s.

Per change: seconds from sending the BackMsg to the run's first delta, and to `script_finished`
(the page completely updated). A change counts as an error when the page shows an exception or an
error alert, the run ends with an error status or a `page_not_found`, the connection drops, it has
not finished within CHANGE_TIMEOUT_S, or it did not do what it asked (a filter change whose scope
line is unchanged or does not name the discipline; a page change that lands elsewhere). Peak
memory is each server process's VmHWM, found by its listening port. Loopback only; every model
is bounded in time and count. Writes its table to benchmarks/RESULTS.md between its own markers.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(HERE)]

import workload  # noqa: E402 (found through the sys.path set just above)

RESULTS = HERE / "RESULTS.md"
BEGIN, END = "<!-- load: written by benchmarks/load.py -->", "<!-- /load -->"
MAIN_END = "<!-- /results -->"  # the load block goes after the main block (benchmarks/run.py)
RUN_LOCAL = ROOT / "deploy" / "run-local.sh"
ROUTE_COOKIE = "findings_route"  # the proxy's sticky cookie (deploy/)

CHANGE_TIMEOUT_S = 60.0  # a change (or a first page) not finished by then is an error
START_TIMEOUT_S = 600.0  # a server (or the proxy and its servers) that has not answered by then
SEED = 17


@dataclass(frozen=True)
class Model:
    name: str
    sessions: int
    arrive_within_s: float  # each session opens the link at a uniform random moment in [0, this)
    pause_s: tuple[float, float]  # between the starts of two changes; (0, 0): back to back
    duration_s: float  # each session changes for this long after its page opened
    max_changes: int  # per session: a bound on the count whatever the speed


MODELS = {
    "meeting": Model("meeting", 30, 10.0, (5.0, 15.0), 120.0, 40),
    "burst": Model("burst", 8, 0.0, (0.0, 0.0), 45.0, 400),
}
BUNDLED = workload.BUNDLED_EXCERPTS
SCALES = (BUNDLED, 1_000_000)

# Targets (issue #17; 2 cores): one process on the bundled data, per model; memory at 1M
P95_TARGET_S = {"meeting": 1.0, "burst": 2.0}
MEMORY_TARGET_MIB = 500 * 1_000_000 / 2**20  # 500 MB per process at 1M excerpts
TWO_PROCESS_SLACK = 1.10  # "not worse than one": p95 within 10% of one process's (noise)


# --- figures ---------------------------------------------------------------------------------------


def quantile(values, q: float) -> float | None:
    """The q-quantile (0..1) by linear interpolation between the closest ranks (the 'inclusive'
    method: the minimum is q=0, the maximum q=1); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values) -> dict:
    return {"p50": quantile(values, 0.50), "p95": quantile(values, 0.95), "p99": quantile(values, 0.99)}


# --- one client -------------------------------------------------------------------------------------


class Dropped(Exception):
    """The connection closed under a client."""


@dataclass
class Run:
    """One script run the client asked for, and what the server sent for it."""

    kind: str  # open, filter, page, fragment
    sent: float
    first_delta: float | None = None
    finished: float | None = None
    status: str = ""
    caption: str | None = None  # the scope line in the main area ('... of ... · ...')
    page_hash: str | None = None  # the page the navigation message says is shown
    widgets: dict = field(default_factory=dict)  # element id -> proto of the filters' widgets drawn
    errors: list[str] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)


class Client:
    """One browser tab on the wire: an HTTP GET of the page, then the WebSocket session."""

    def __init__(self, base: str, label: str = ""):
        self.base = base.rstrip("/")
        self.label = label
        self.query_string = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash, from `navigation`
        self.page_hash = ""
        self.widgets: dict = {}  # element id -> proto of the filters' widgets of the last full run
        self.values: dict[str, list[str]] = {}  # widget id -> the values this tab holds, as sent
        self.caption: str | None = None
        self.fragments: dict[str, float] = {}  # fragment id -> seconds between its auto reruns
        self.cache: dict = {}  # message hash -> ForwardMsg kept (the forward-message cache)
        self._ws = None
        self._reader = None
        self._run: Run | None = None
        self._closing = False
        self.dropped: str | None = None

    # connection ---------------------------------------------------------------------------------

    async def connect(self) -> None:
        import httpx
        from websockets.asyncio.client import connect

        async with httpx.AsyncClient(timeout=CHANGE_TIMEOUT_S, follow_redirects=True) as http:
            reply = await http.get(self.base + "/")
            reply.raise_for_status()
            cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies.jar)
        url = "ws" + self.base.removeprefix("http") + "/_stcore/stream"
        self._ws = await connect(
            url,
            subprotocols=["streamlit"],  # what the browser asks for first; no XSRF token: no sign-in
            additional_headers={"Cookie": cookie} if cookie else None,
            max_size=None,
            open_timeout=CHANGE_TIMEOUT_S,
        )
        self._reader = asyncio.create_task(self._read(), name=f"read {self.label}")

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    # runs ---------------------------------------------------------------------------------------

    async def request(self, kind: str, **state) -> Run:
        """Ask for a script run (a BackMsg rerun_script); wait until it has finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if self.dropped:
            raise Dropped(self.dropped)
        message = BackMsg()
        client_state = message.rerun_script
        client_state.query_string = state.get("query_string", self.query_string)
        client_state.page_script_hash = state.get("page_script_hash", self.page_hash)
        client_state.page_name = state.get("page_name", "")
        if state.get("fragment_id"):
            client_state.fragment_id = state["fragment_id"]
            client_state.is_auto_rerun = True
        client_state.cached_message_hashes.extend(self.cache)
        for widget_id, values in state.get("values", self.values).items():
            widget = client_state.widget_states.widgets.add()
            widget.id = widget_id
            widget.string_array_value.data.extend(values)
        run = self._run = Run(kind, time.perf_counter())
        await self._ws.send(message.SerializeToString())
        try:
            await asyncio.wait_for(run.done.wait(), CHANGE_TIMEOUT_S)
        except TimeoutError:
            raise TimeoutError(f"{kind}: not finished within {CHANGE_TIMEOUT_S:.0f} s") from None
        if self.dropped and run.finished is None:
            raise Dropped(self.dropped)
        if kind != "fragment" and run.status == "FINISHED_SUCCESSFULLY":
            self.widgets = run.widgets
            self.values = {wid: _widget_value(w) for wid, w in run.widgets.items()}
            self.caption = run.caption
            self.page_hash = run.page_hash or self.page_hash
        return run

    async def open(self, page_name: str = "") -> Run:
        """Connect and run the page as a browser opening the link does (URL path `page_name`)."""
        start = time.perf_counter()
        await self.connect()
        run = await self.request("open", page_name=page_name, page_script_hash="", values={})
        run.sent = start  # the first page is timed from the GET, as a visitor waits for it
        return run

    def discipline_box(self):
        """(element id, proto) of the sidebar's Discipline filter on the page shown."""
        for wid, widget in self.widgets.items():
            if wid.endswith("-filter.discipline"):
                return wid, widget
        raise LookupError("no Discipline filter on this page")

    async def toggle_discipline(self, discipline: str) -> Run:
        """Select `discipline` in the Discipline filter if it is not selected, else remove it; the
        other widgets keep their values. Checks the scope line changed and says so."""
        wid, box = self.discipline_box()
        before = self.caption
        chosen = self.values.get(wid, [])
        # a row of buttons sends its options as drawn (a label, Markdown-escaped); a list, the values
        sent = _drawn_option(box, discipline)
        adding = sent not in chosen
        new = [*chosen, sent] if adding else [v for v in chosen if v != sent]
        run = await self.request("filter", values={**self.values, wid: new})
        shown = (run.caption or "").replace("\\", "")  # the line is Markdown-escaped
        if run.status == "FINISHED_SUCCESSFULLY":
            if run.caption is None or run.caption == before:
                run.errors.append(f"filter {discipline}: the scope line did not change ({shown!r})")
            elif adding and sent.replace("\\", "") not in shown:
                run.errors.append(f"filter {discipline}: the scope line does not name it ({shown!r})")
        return run

    async def go_to(self, url: str) -> Run:
        """Follow the sidebar's link to page `url` (its path; '' is the landing page)."""
        target = self.pages[url]
        run = await self.request("page", page_script_hash=target)
        if run.status == "FINISHED_SUCCESSFULLY" and run.page_hash != target:
            run.errors.append(f"page /{url}: another page was shown ({run.page_hash})")
        return run

    # reading --------------------------------------------------------------------------------------

    async def _read(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.exceptions import ConnectionClosed

        try:
            while True:
                raw = await self._ws.recv()
                message = ForwardMsg()
                message.ParseFromString(raw)
                self._receive(message)
        except ConnectionClosed as exc:
            if not self._closing:
                self._drop(f"connection closed ({exc.rcvd.code if exc.rcvd else 'no close frame'})")
        except Exception as exc:  # noqa: BLE001 -- any failure to read is a dropped session for the model
            self._drop(f"{type(exc).__name__}: {exc}")

    def _drop(self, why: str) -> None:
        self.dropped = why
        if self._run is not None and not self._run.done.is_set():
            self._run.errors.append(why)
            self._run.done.set()

    def _receive(self, message) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        run = self._run
        kind = message.WhichOneof("type")
        if kind == "ref_hash":  # a message this client said it holds
            cached = self.cache.get(message.ref_hash)
            if cached is None:
                if run is not None:
                    run.errors.append(f"ref_hash of a message not held: {message.ref_hash}")
                return
            kept = ForwardMsg()
            kept.CopyFrom(cached)
            kept.metadata.CopyFrom(message.metadata)
            message, kind = kept, kept.WhichOneof("type")
        elif message.metadata.cacheable:
            self.cache[message.hash] = message
        if run is None:
            return
        now = time.perf_counter()
        if kind == "delta":
            if run.first_delta is None:
                run.first_delta = now
            self._delta(run, message)
        elif kind == "navigation":
            run.page_hash = message.navigation.page_script_hash
            self.pages = {p.url_pathname: p.page_script_hash for p in message.navigation.app_pages}
        elif kind == "page_info_changed":  # the server wrote the URL; the browser's bar follows
            self.query_string = message.page_info_changed.query_string
        elif kind == "auto_rerun":
            self.fragments[message.auto_rerun.fragment_id] = message.auto_rerun.interval
        elif kind == "new_session" and run.kind != "fragment":
            self.fragments = {}  # a full run registers its timed fragments again
        elif kind == "page_not_found":
            run.errors.append("page not found (the default page was shown instead)")
        elif kind == "session_event" and message.session_event.HasField("script_compilation_exception"):
            run.errors.append(f"script error: {message.session_event.script_compilation_exception.message}")
        elif kind == "script_finished":
            status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
            if status == "FINISHED_EARLY_FOR_RERUN":  # the script asked for a rerun: wait for that one
                return
            if status == "FINISHED_WITH_COMPILE_ERROR":
                run.errors.append("the script finished with an error")
            run.status = "FINISHED_SUCCESSFULLY" if status.startswith("FINISHED_FRAGMENT") else status
            run.finished = now
            run.done.set()

    @staticmethod
    def _delta(run: Run, message) -> None:
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.Markdown_pb2 import Markdown

        delta = message.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        which = element.WhichOneof("type")
        if which == "exception":
            run.errors.append(f"exception shown: {element.exception.type}: {element.exception.message[:200]}")
        elif which == "alert" and element.alert.format == Alert.ERROR:
            run.errors.append(f"error shown: {element.alert.body[:200]}")
        elif which in ("multiselect", "button_group"):
            widget = getattr(element, which)
            run.widgets[widget.id] = widget
        elif (
            which == "markdown"
            and element.markdown.element_type == Markdown.CAPTION
            and message.metadata.delta_path[:1] == [0]  # the main area, not the sidebar
            and " of " in element.markdown.body
            and run.caption is None
        ):
            run.caption = element.markdown.body


def _option(option) -> str:
    """An option as a widget sends it: a list's option is its text; a button's, its content."""
    return option if isinstance(option, str) else option.content


def _widget_value(widget) -> list[str]:
    """What a browser holds for a filter's widget just drawn: the value the server set, or its
    default."""
    if widget.set_value:
        return list(widget.raw_values)
    return [_option(widget.options[i]) for i in widget.default]


def _drawn_option(widget, value: str) -> str:
    """The option of `widget` that is or shows `value` (a button's label is Markdown-escaped)."""
    for option in map(_option, widget.options):
        if value in (option, option.replace("\\", "")):
            return option
    return value


# --- sessions and models -------------------------------------------------------------------------------


@dataclass
class Tally:
    opened: list[float] = field(default_factory=list)  # seconds to the first complete page
    first_delta: list[float] = field(default_factory=list)
    finished: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)  # change -> page updated, per kind
    fragments: int = 0
    errors: list[str] = field(default_factory=list)

    def record(self, label: str, run: Run) -> None:
        self.errors += [f"{label}: {e}" for e in run.errors]
        if run.finished is None:
            return
        if run.kind == "open":
            self.opened.append(run.finished - run.sent)
        elif run.kind == "fragment":
            self.fragments += 1
        else:
            self.by_kind.setdefault(run.kind, []).append(run.finished - run.sent)
            self.finished.append(run.finished - run.sent)
            if run.first_delta is not None:
                self.first_delta.append(run.first_delta - run.sent)


FILTERED_URLS = tuple(url for _name, _file, url in workload.PAGES)  # pages with the filter sidebar


async def session(base: str, model: Model, k: int, tally: Tally, started: float) -> None:
    """One visitor: opens the link at its moment, then changes a filter or the page until its time
    is up; a change that fails ends the session (a visitor whose page broke). While it waits, the
    page's timed fragments rerun when due, their timers started again by each full run (the server
    registers them anew with each run's `auto_rerun`)."""
    rng = random.Random(f"{SEED}:{model.name}:{k}")
    label = f"session {k}"
    await asyncio.sleep(max(0.0, started + rng.uniform(0, model.arrive_within_s) - time.perf_counter()))
    client = Client(base, label)
    try:
        run = await client.open()
        tally.record(label, run)
        if run.errors:
            return
        stop_at = time.perf_counter() + model.duration_s
        for _ in range(model.max_changes):
            due = {f: time.perf_counter() + every for f, every in client.fragments.items()}
            next_at = min(time.perf_counter() + rng.uniform(*model.pause_s), stop_at)
            while time.perf_counter() < next_at:
                await asyncio.sleep(max(0.0, min(next_at, *due.values()) - time.perf_counter()))
                for fragment, at in due.items():
                    if at <= time.perf_counter():
                        tally.record(label, await client.request("fragment", fragment_id=fragment))
                        due[fragment] = time.perf_counter() + client.fragments.get(fragment, 10.0)
            if time.perf_counter() >= stop_at:
                break
            if rng.random() < 0.5:
                box_id, box = client.discipline_box()
                chosen = client.values.get(box_id, [])
                discipline = chosen[0] if chosen else rng.choice([_option(o) for o in box.options])
                run = await client.toggle_discipline(discipline)
            else:
                here = next((u for u, h in client.pages.items() if h == client.page_hash), None)
                run = await client.go_to(rng.choice([u for u in FILTERED_URLS if u != here]))
            tally.record(label, run)
            if run.errors:
                return
    except Exception as exc:  # noqa: BLE001 -- a drop, a timeout, a refused socket: errors of the model
        tally.errors.append(f"{label}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await client.close()


async def run_model(base: str, model: Model) -> Tally:
    tally = Tally()
    started = time.perf_counter()
    await asyncio.gather(*(session(base, model, k, tally, started) for k in range(model.sessions)))
    return tally


# --- servers ------------------------------------------------------------------------------------


def listening_pid(port: int) -> int | None:
    """The process listening on loopback TCP `port` (by the socket's inode in /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return int(entry.name)
        except OSError:
            continue
    return None


def peak_mib(pid: int | None) -> float | None:
    """A process's peak resident memory (VmHWM), MiB; None once it has gone."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int | None) -> float | None:
    """CPU time a process has used (user + system), seconds; None once it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports."""
    for _ in range(100):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        try:
            for port in range(first, first + count):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError("no free consecutive ports")


@contextmanager
def one_process(data_dir: Path):
    """The dashboard as `python -m findings serve` (tests/browser.py): (base URL, [pid])."""
    from browser import serve

    with serve(data_dir, timeout=START_TIMEOUT_S) as base:
        yield base, [listening_pid(int(base.rsplit(":", 1)[1]))]


@contextmanager
def behind_proxy(data_dir: Path, processes: int):
    """`deploy/run-local.sh N`: N servers behind the proxy; (proxy URL, the servers' pids)."""
    import queue
    import threading

    proxy = _free_ports(processes + 1)  # the proxy's port, then the servers' (consecutive)
    env = {
        **os.environ,
        "FINDINGS_DATA_DIR": str(data_dir),
        "FINDINGS_PROXY_PORT": str(proxy),
        "FINDINGS_UPSTREAM_PORT": str(proxy + 1),
    }
    script = subprocess.Popen(
        [str(RUN_LOCAL), str(processes)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: nothing of it outlives the run
    )
    said: queue.Queue[str | None] = queue.Queue()

    def read() -> None:  # all along, so that the script never blocks on a full pipe
        for line in script.stdout:
            said.put(line)
        said.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        base, seen, deadline = None, [], time.monotonic() + START_TIMEOUT_S
        while base is None:
            try:
                line = said.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                raise RuntimeError("deploy/run-local.sh did not get ready:\n" + "".join(seen[-20:]))
            seen.append(line)
            found = re.match(r"ready: (http://127\.0\.0\.1:\d+)", line.strip())
            base = found.group(1) if found else None
        yield base, [listening_pid(port) for port in range(proxy + 1, proxy + 1 + processes)]
    finally:
        if script.poll() is None:
            script.send_signal(signal.SIGTERM)  # the script stops its proxy and servers
            try:
                script.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(script.pid, signal.SIGKILL)  # the group this function started
                script.wait()


def measure(model: Model, scale: int, processes: int, log=print) -> dict:
    """One model against one set-up on a fresh server (or servers): the figures of one row."""
    row = {"model": model.name, "scale": scale, "processes": processes, "sessions": model.sessions}
    if processes > 1 and not RUN_LOCAL.exists():
        return {**row, "skipped": "not measured: deploy/run-local.sh missing"}
    data_dir = workload.dataset(scale, log=log)
    serving = one_process(data_dir) if processes == 1 else behind_proxy(data_dir, processes)
    with serving as (base, pids):
        load_before = os.getloadavg()[0]
        start, cpu, served = time.perf_counter(), time.process_time(), [cpu_seconds(p) for p in pids]
        tally = asyncio.run(run_model(base, model))
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        served = [
            None if a is None or b is None else b - a
            for a, b in zip(served, [cpu_seconds(p) for p in pids], strict=True)
        ]
        peaks = [peak_mib(pid) for pid in pids]
        alive = all(pid is not None and Path(f"/proc/{pid}").exists() for pid in pids)
    return {
        **row,
        "changes": len(tally.finished),
        "kinds": {kind: len(times) for kind, times in tally.by_kind.items()},
        "by_kind": {kind: summary(times) for kind, times in tally.by_kind.items()},
        "fragments": tally.fragments,
        "opened": summary(tally.opened),
        "opened_count": len(tally.opened),
        "first_delta": summary(tally.first_delta),
        "finished": summary(tally.finished),
        "errors": tally.errors,
        "peak_mib": peaks,
        "pids": pids,
        "alive": alive,
        "elapsed_s": elapsed,
        "generator_cpu_s": cpu,  # this process's CPU time: the clients' share of the cores
        "server_cpu_s": served,  # each server's CPU time during the model
        "load": [load_before, os.getloadavg()[0]],
    }


# --- the table -------------------------------------------------------------------------------------


def _s(value) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _three(figures: dict) -> str:
    return " / ".join(_s(figures.get(q)) for q in ("p50", "p95", "p99"))


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✅" if ok else " ❌")


def targets(row: dict, rows: list[dict]) -> tuple[str, bool | None]:
    """The target of a row, in words, and whether it was met (None: no target, or not measured)."""
    if row.get("skipped"):
        return "", None
    said, met = [], []
    p95 = row["finished"]["p95"]
    if row["scale"] == BUNDLED and row["processes"] == 1:
        limit = P95_TARGET_S[row["model"]]
        zero = row["model"] == "meeting"
        said.append(("0 errors, " if zero else "") + f"p95 < {limit:g} s")
        met.append(p95 is not None and p95 < limit and (not zero or not row["errors"]))
    if row["processes"] > 1:
        one = next(
            (
                r
                for r in rows
                if r["processes"] == 1 and r["model"] == row["model"] and r["scale"] == row["scale"]
            ),
            None,
        )
        said.append(f"p95 ≤ {TWO_PROCESS_SLACK:.1f}× one process's, errors ≤ one's")
        if one and not one.get("skipped") and one["finished"]["p95"] is not None and p95 is not None:
            met.append(
                p95 <= one["finished"]["p95"] * TWO_PROCESS_SLACK and len(row["errors"]) <= len(one["errors"])
            )
    if row["scale"] >= 1_000_000:
        said.append("< 500 MB (477 MiB) a process")
        met.append(all(p is not None and p < MEMORY_TARGET_MIB for p in row["peak_mib"]))
    return "; ".join(said), (all(met) if met else None)


def table(rows: list[dict], notes: list[str]) -> str:
    head = (
        "| model | data | processes | changes (filter / page) | errors | first page p50 / p95 | "
        "change → first delta p50 / p95 / p99 | change → page updated p50 / p95 / p99 | "
        "peak memory a process | target |"
    )
    lines = [head, "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        data = "bundled (1,500)" if row["scale"] == BUNDLED else f"{row['scale']:,} excerpts"
        who = f"{row['model']} ({row['sessions']} sessions)"
        if row.get("skipped"):
            lines.append(f"| {who} | {data} | {row['processes']} | {row['skipped']} | | | | | | |")
            continue
        said, met = targets(row, rows)
        kinds = row["kinds"]
        opened = f"{_s(row['opened']['p50'])} / {_s(row['opened']['p95'])}"
        memory = ", ".join("gone" if p is None else f"{p:,.0f} MiB" for p in row["peak_mib"])
        lines.append(
            f"| {who} | {data} | {row['processes']} | {row['changes']} ({kinds.get('filter', 0)} / "
            f"{kinds.get('page', 0)}) | {len(row['errors'])}{'' if row['alive'] else ', server gone'} | "
            f"{opened} | {_three(row['first_delta'])} | {_three(row['finished'])} | {memory} | "
            f"{said}{_mark(met)} |"
        )
    return "\n".join([*lines, "", *[f"- {n}" for n in notes]])


def notes_for(rows: list[dict], load_start: str) -> list[str]:
    notes = [
        f"{os.cpu_count()} cores; load average {load_start} at the start and {load_average()} at the "
        "end; the clients run on the same cores as the servers (their CPU time is given per row).",
        "Meeting: " + _model_words(MODELS["meeting"]) + "; burst: " + _model_words(MODELS["burst"]) + ".",
    ]
    for row in rows:
        if row.get("skipped"):
            continue
        where = f"{row['model']}, {row['scale']:,}, {row['processes']} process(es)"
        notes.append(
            f"{where}: {row['elapsed_s']:.0f} s, {row['opened_count']} pages opened, {row['changes']} "
            f"changes, {row['fragments']} timed fragment reruns; CPU: the clients "
            f"{row['generator_cpu_s']:.0f} s, {_server_cpu(row)}"
            + "".join(
                f"; {kind} changes: page updated p50 / p95 {_s(figures['p50'])} / {_s(figures['p95'])}"
                for kind, figures in sorted(row.get("by_kind", {}).items())
            )
        )
        notes += [f"{where}: {problem}" for problem in row["errors"][:3]]
    return notes


def _server_cpu(row: dict) -> str:
    """The servers' CPU time in a row, and per change (opening and timed fragments included)."""
    times = row.get("server_cpu_s") or []
    if not times or None in times:
        return "the server(s) not known"
    each = sum(times) / row["changes"] if row["changes"] else None
    return f"the server(s) {' + '.join(f'{t:.0f} s' for t in times)}" + (
        f" ({each * 1000:,.0f} ms a change)" if each is not None else ""
    )


def _model_words(model: Model) -> str:
    pause = "back to back" if not model.pause_s[1] else f"every {model.pause_s[0]:g}-{model.pause_s[1]:g} s"
    arrive = f" open the link within {model.arrive_within_s:g} s, then" if model.arrive_within_s else ""
    return (
        f"{model.sessions} sessions{arrive} change a discipline filter or the page {pause} for "
        f"{model.duration_s:g} s each (at most {model.max_changes} changes a session)"
    )


def load_average() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def write_block(begin: str, end: str, text: str, after: str | None = None) -> None:
    """Put `text` between the markers `begin` and `end` in RESULTS.md, in place of what was there
    (else just after the marker `after`, else at the end); keep everything else as it is."""
    block = f"{begin}\n{text}\n{end}"
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if begin in old and end in old:
        new = old[: old.index(begin)] + block + old[old.index(end) + len(end) :]
    elif after is not None and after in old:
        at = old.index(after) + len(after)
        new = old[:at] + "\n\n" + block + old[at:]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def write_results(text: str) -> None:
    """Replace the load block of RESULTS.md (or add it after the main block); keep the rest."""
    write_block(BEGIN, END, text, after=MAIN_END)


def run_all(
    models: list[str], scales: list[int], processes: list[int], log=print
) -> tuple[list[dict], list[str]]:
    load_start = load_average()
    rows = []
    for scale in scales:
        for count in processes:
            for name in models:
                log(f"[load] {name} at {scale:,}, {count} process(es) (load {load_average()})")
                rows.append(measure(MODELS[name], scale, count, log=log))
    return rows, notes_for(rows, load_start)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("meeting", "burst", "both"), default="both")
    parser.add_argument("--scale", default="both", help="1500 (the bundled data), 1000000, or both")
    parser.add_argument("--processes", choices=("1", "2", "both"), default="both")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    models = list(MODELS) if args.model == "both" else [args.model]
    scales = list(SCALES) if args.scale == "both" else [int(args.scale.replace("_", ""))]
    processes = [1, 2] if args.processes == "both" else [int(args.processes)]

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    rows, notes = run_all(models, scales, processes, log=log)
    text = table(rows, notes)
    print(text)
    if not args.no_write:
        write_results(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
