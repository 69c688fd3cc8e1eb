"""`python -m findings serve`, as `python3 dev.py run` starts it: the first page's work is done before
the server answers its health check, and the server itself sends nothing beyond this machine."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request

import fixture
from browser import serve, wait_until_ready

from findings import prebuilt

FIRST_CHART = "() => !!document.querySelector('[data-testid=stMain] .js-plotly-plot .main-svg')"


class Recorder:
    """A loopback 'proxy' that answers nothing and writes down whatever connects to it: a server
    given it as its HTTP(S) proxy reveals every request it tries to send off this machine."""

    def __init__(self):
        self.seen: list[bytes] = []
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen()
        self._socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    self.seen.append(connection.recv(200) or b"(connected)")
                except OSError:
                    self.seen.append(b"(connected)")

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._socket.close()


def test_serve_warms_the_first_page_before_it_answers_and_sends_nothing_away(chromium, tmp_path):
    folder = fixture.write(tmp_path / "set")
    cache = tmp_path / "cache"
    recorder = Recorder()
    proxy = {name: recorder.url for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")}
    env = {**proxy, "NO_PROXY": "", "no_proxy": "", prebuilt.CACHE_ENV: str(cache)}
    log = tmp_path / "server.log"
    try:
        # as dev.py run starts it: no --server.address, so Streamlit's own start-up runs in full
        with serve(folder, env=env, address=None, log_file=log) as base:
            # healthy means warm: the patterns are kept and the first page counted, before any visitor
            said = log.read_text()
            assert "[findings] " in said and "opened in" in said and "first page's numbers ready" in said, (
                said
            )
            assert "URL:" not in said or said.index("first page's numbers ready") < said.index("URL:")
            assert len([p for p in cache.iterdir() if (p / prebuilt.MANIFEST).is_file()]) == 1
            page = chromium.new_page(viewport={"width": 1440, "height": 900})
            try:
                page.goto(base)
                page.wait_for_function(FIRST_CHART, timeout=60_000)
                wait_until_ready(page)
                assert page.locator("[data-testid=stException]").count() == 0
            finally:
                page.close()
            time.sleep(1.5)  # Streamlit's own look-ups time out after a second
        assert recorder.seen == [], f"the server tried to reach beyond this machine: {recorder.seen}"
    finally:
        recorder.close()


def test_the_recorder_sees_a_request_sent_through_it(tmp_path):
    """The test above can fail: a request made through the recorder is written down."""
    recorder = Recorder()
    try:
        handler = urllib.request.ProxyHandler({"http": recorder.url})
        try:
            urllib.request.build_opener(handler).open("http://example.invalid/", timeout=1)
        except OSError:
            pass
        time.sleep(0.3)
        assert recorder.seen and recorder.seen[0].startswith(b"GET http://example.invalid/")
    finally:
        recorder.close()
