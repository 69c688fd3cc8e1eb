"""The documented deployment (deploy/): `deploy/run-local.sh 2` starts two dashboard processes
behind Debian's nginx, and Chromium goes through the proxy. Every request of one browser must
reach one process (its WebSocket, its downloads, its upload), which nginx's access log shows:
each line names the browser's route (its findings_route cookie) and the process that answered."""

from __future__ import annotations

import io
import os
import queue
import random
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import fixture
import pyarrow.parquet as pq
import pytest
from apptest import BUNDLED
from browser import ROOT, free_port, wait_until_ready
from test_browser_serve import FIRST_CHART, Recorder

SCRIPT = ROOT / "deploy" / "run-local.sh"
TEMPLATE = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # dev.py test installs Debian's nginx
COOKIE = "findings_route"
LINE = re.compile(
    r'"\S+ (?P<path>\S+) [^"]*" (?P<status>\d+) \d+ route=(?P<route>\S+) upstream=(?P<upstream>.*)$'
)


def free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports, below the kernel's ephemeral range."""
    for _ in range(200):
        first = random.randrange(20_000, 32_000 - count)
        sockets = []
        try:
            for port in range(first, first + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError(f"no {count} consecutive free ports")


def descendants(pid: int) -> set[int]:
    """Every process started by `pid`, and by those, read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@dataclass
class Deployment:
    process: subprocess.Popen
    base: str
    folder: Path  # the script's temporary folder: nginx's configuration and logs
    ports: list[int]  # the dashboard processes'
    said: Path  # what the script wrote on stderr

    def requests(self) -> list[dict]:
        lines = (self.folder / "access.log").read_text().splitlines()
        return [match.groupdict() for match in map(LINE.search, lines) if match]

    def of(self, route: str) -> list[dict]:
        return [line for line in self.requests() if line["route"] == route]

    def logged(self, route: str, seen: int) -> dict:
        """The first line of `route` after the `seen` it had: nginx writes a request's line once
        it has answered, so a client can read the log before its line is there."""
        deadline = time.monotonic() + 10
        while len(lines := self.of(route)) <= seen:
            assert time.monotonic() < deadline, f"no new line for route {route}"
            time.sleep(0.02)
        return lines[seen]

    def get(self, path: str, route: str) -> int:
        request = urllib.request.Request(self.base + path, headers={"Cookie": f"{COOKIE}={route}"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status

    def stop(self) -> tuple[int | None, set[int]]:
        """SIGTERM, as a benchmark or a terminal sends it: its exit code and what is left running."""
        started = descendants(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            code = None
        return code, {pid for pid in started if alive(pid)}


def start(count: int, env: dict, said: Path, timeout: float = 120) -> Deployment:
    """`deploy/run-local.sh count` on free ports; returned once it prints its `ready:` line."""
    proxy, first = free_port(), free_ports(count)
    environment = {
        **os.environ,
        "FINDINGS_PROXY_PORT": str(proxy),
        "FINDINGS_UPSTREAM_PORT": str(first),
        **env,
    }
    with open(said, "wb") as err:
        process = subprocess.Popen(
            [str(SCRIPT), str(count)],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"run-local.sh did not get ready:\n{said.read_text()[-3000:]}") from None
            continue
        if line.startswith("ready: "):
            break
    assert line.strip() == f"ready: http://127.0.0.1:{proxy} ({count} processes)"
    folder = Path(re.search(r"logs in (\S+) ", said.read_text()).group(1))
    return Deployment(process, f"http://127.0.0.1:{proxy}", folder, list(range(first, first + count)), said)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, pattern_cache):
    """Two processes serving the bundled data to a research deployment (so the Data page offers an
    upload: with no sign-in configured, FINDINGS_AUDIENCE is everyone's audience)."""
    folder = tmp_path_factory.mktemp("deploy")
    recorder = Recorder()  # the processes' requests beyond this machine, if any, end here
    proxy = {name: recorder.url for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")}
    env = {
        **proxy,
        "NO_PROXY": "",
        "no_proxy": "",
        "FINDINGS_DATA_DIR": str(BUNDLED),
        "FINDINGS_CACHE_DIR": str(pattern_cache),
        "FINDINGS_AUDIENCE": "research",
        "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "50",
    }
    deployed = start(2, env, folder / "run-local.err")
    yield deployed
    _code, left = deployed.stop()
    for pid in left:  # only if the last test failed: leave nothing running
        os.kill(pid, signal.SIGKILL)
    recorder.close()
    assert recorder.seen == [], f"the deployment tried to reach beyond this machine: {recorder.seen}"


@pytest.fixture(scope="module")
def routes(deployment) -> dict[str, str]:
    """A route cookie for each process ({port: route}), found by asking: which process a route
    reaches depends on the ports, so it is read from the access log."""
    found: dict[str, str] = {}
    for n in range(64):  # each reaches either process: missing one 64 times running is 2^-63
        route = f"probe-{n}"
        assert deployment.get("/_stcore/health", route) == 200
        line = deployment.logged(route, 0)
        found.setdefault(line["upstream"].rsplit(":", 1)[1], route)
        if len(found) == 2:
            return found
    raise AssertionError(f"every route reached one process: {found}")


def one_process(deployment: Deployment, route: str, stream: bool = True) -> str:
    """The one process that answered every request of this route (its WebSocket included, logged
    once the browser closes it); fails if any went elsewhere."""
    deadline = time.monotonic() + 10
    while True:
        lines = deployment.of(route)
        opened = [line for line in lines if line["path"] == "/_stcore/stream" and line["status"] == "101"]
        if opened or not stream or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert lines, f"no request with route {route}"
    assert opened or not stream, f"the WebSocket of route {route} went through no process: {lines}"
    assert len({line["upstream"] for line in lines}) == 1, lines
    return lines[0]["upstream"]


def route_of(context) -> str:
    """The route nginx gave this browser, checked to be the cookie the configuration says."""
    [cookie] = [c for c in context.cookies() if c["name"] == COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/", cookie
    return cookie["value"]


def test_a_browser_draws_navigates_and_takes_the_report_through_the_proxy(deployment, chromium):
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(deployment.base)
        page.wait_for_function(FIRST_CHART, timeout=60_000)
        wait_until_ready(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Download report").click()
        report = Path(download.value.path()).read_text(encoding="utf-8")
        assert download.value.suggested_filename.endswith(".html")
        assert report.lstrip().lower().startswith("<!doctype html") and "Imaginative Intelligences" in report
        page.locator("[data-testid=stSidebarNav] a", has_text="Themes").click()
        page.wait_for_url(f"{deployment.base}/themes")
        page.wait_for_function(FIRST_CHART, timeout=30_000)
        wait_until_ready(page)
        assert page.locator("[data-testid=stException]").count() == 0
        route = route_of(context)
    finally:
        context.close()
    assert one_process(deployment, route).rsplit(":", 1)[1] in map(str, deployment.ports)
    paths = {line["path"] for line in deployment.of(route)}
    assert "/" in paths and any(p.startswith("/media/") for p in paths), paths


def test_a_researcher_downloads_and_uploads_on_the_session_s_own_process(deployment, chromium, tmp_path):
    upload = zipped(fixture.write(tmp_path / "set"))
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(f"{deployment.base}/data")
        wait_until_ready(page)
        # the export set, made when clicked by the session's own process (/media/...)
        with page.expect_download() as download:
            page.get_by_role("button", name="Export set (.zip of Parquet files)").click()
        with zipfile.ZipFile(download.value.path()) as archive:
            names = set(archive.namelist())
            participants = pq.read_table(io.BytesIO(archive.read("participants.parquet")))
        assert {"datapackage.json", "sessions.parquet", "theme_codes.parquet"} <= names
        assert participants.num_rows == pq.read_metadata(BUNDLED / "participants.parquet").num_rows == 91
        # the upload goes to the process holding the session (/_stcore/upload_file/...)
        page.locator("[data-testid=stFileUploader] input[type=file]").first.set_input_files(
            files=[{"name": "set.zip", "mimeType": "application/zip", "buffer": upload}]
        )
        page.get_by_text("set.zip is loaded for this browser session only.").wait_for(timeout=30_000)
        wait_until_ready(page)
        assert page.get_by_text("Tiny fixture").count() >= 1
        route = route_of(context)
    finally:
        context.close()
    one_process(deployment, route)
    paths = [line["path"] for line in deployment.of(route)]
    assert any(p.startswith("/_stcore/upload_file/") for p in paths), paths
    assert any(p.startswith("/media/") for p in paths), paths


def zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def test_each_browser_stays_on_one_process_and_both_processes_serve(deployment, routes, chromium):
    """Two browsers whose cookies route them to different processes: each one's page, static
    files, health checks and WebSocket all reach its own process, and the page works there."""
    served = {}
    for port, route in routes.items():
        context = chromium.new_context(viewport={"width": 1440, "height": 900})
        try:
            host = deployment.base.removeprefix("http://")
            context.add_cookies([{"name": COOKIE, "value": route, "url": f"http://{host}/"}])
            page = context.new_page()
            page.goto(deployment.base)
            page.wait_for_function(FIRST_CHART, timeout=60_000)
            wait_until_ready(page)
        finally:
            context.close()
        served[port] = one_process(deployment, route)
    assert sorted(address.rsplit(":", 1)[1] for address in served.values()) == sorted(
        map(str, deployment.ports)
    )
    assert all(address.endswith(f":{port}") for port, address in served.items())


def test_a_websocket_under_the_deployment_s_own_name_and_port_is_accepted(deployment):
    """Streamlit accepts a WebSocket whose Origin is the host it is given, so nginx passes on the
    Host the browser sent, port included. (The name is not this machine's, for which Streamlit
    would make an exception.)"""
    port = deployment.base.rsplit(":", 1)[1]
    host = f"findings.test:{port}"
    handshake = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as sock:
        sock.sendall(handshake.encode())
        status = sock.recv(100).split(b"\r\n", 1)[0]
    assert status == b"HTTP/1.1 101 Switching Protocols"


def test_a_stopped_process_s_browsers_are_sent_to_the_other(deployment, routes):
    """What nginx.conf says of a process that stops: its browsers' requests go to the next one."""
    gone, other = (str(port) for port in deployment.ports)
    [pid] = [p for p in descendants(deployment.process.pid) if f"--server.port {gone} " in command_line(p)]
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid)
    seen = len(deployment.of(routes[gone]))
    assert deployment.get("/_stcore/health", routes[gone]) == 200
    # nginx names every process it tried, the stopped one first: the answer came from the last
    assert deployment.logged(routes[gone], seen)["upstream"].endswith(f":{other}")
    time.sleep(0.5)
    assert deployment.process.poll() is None  # one process left: the deployment goes on
    assert f"the process on port {gone} stopped" in deployment.said.read_text()


def test_sigterm_stops_every_process_it_started(deployment):
    started = descendants(deployment.process.pid)
    assert any("nginx" in command_line(pid) for pid in started)
    code, left = deployment.stop()
    assert code == 143
    assert left == set(), [command_line(pid) for pid in left]
    assert not deployment.folder.exists()


@pytest.mark.parametrize("count", ["0", "abc", "-1", "1.5"])
def test_a_count_that_is_not_a_whole_number_of_processes_is_refused(count):
    result = subprocess.run([str(SCRIPT), count], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert f"N must be a whole number of processes, 1 or more; got '{count}'" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_taken_port_is_named(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "FINDINGS_PROXY_PORT": str(port), "FINDINGS_UPSTREAM_PORT": str(free_ports(1))}
        result = subprocess.run(
            [str(SCRIPT), "1"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30
        )
    assert result.returncode == 1
    assert f"port {port} is already in use" in result.stderr and "FINDINGS_PROXY_PORT" in result.stderr


def test_the_configuration_filled_in_by_hand_passes_nginx_t(tmp_path):
    """The template, filled in as its header tells a hosting team, is a configuration nginx accepts
    (run as this user, every file it would write inside its own prefix folder)."""
    template = TEMPLATE.read_text()
    assert sorted(set(re.findall(r"@[A-Z_]+@", template))) == ["@LISTEN@", "@MAX_BODY@", "@UPSTREAMS@"]
    config = (
        template.replace("@LISTEN@", f"127.0.0.1:{free_port()}")
        .replace("@UPSTREAMS@", "server 127.0.0.1:8601;\n        server 127.0.0.1:8602;")
        .replace("@MAX_BODY@", "51")
    )
    (tmp_path / "nginx.conf").write_text(config)
    result = subprocess.run(
        [NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr
    broken = config.replace("hash $findings_route consistent;", "hash $findings_route consistently;")
    (tmp_path / "nginx.conf").write_text(broken)
    result = subprocess.run(
        [NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        timeout=30,
    )
    assert result.returncode != 0  # the check above can fail


def test_the_script_is_executable_in_git():
    listed = subprocess.run(
        ["git", "ls-files", "-s", "deploy/run-local.sh"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert listed.stdout.startswith("100755 ")
