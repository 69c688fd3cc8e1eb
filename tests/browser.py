"""Helpers for real-browser tests: the app served on a free loopback port, Debian's Chromium.

No browser is downloaded: Playwright drives /usr/bin/chromium (installed by `dev.py test`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "screenshots"  # git-ignored
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(
    data_dir: Path,
    env: dict | None = None,
    timeout: float = 60,
    address: str | None = "127.0.0.1",
    log_file: Path | None = None,
    port: int | None = None,
    options: Sequence[str] = (),
):
    """Run the dashboard (`python -m findings serve`) on a free port (or `port`); yield its base URL
    once its health check answers. `address=None` leaves Streamlit's own default (every interface),
    as `dev.py run` does; `log_file` keeps what the server prints; `options` are more of
    `streamlit run`'s (e.g. `--secrets.files`, a secrets.toml of the test's own)."""
    port = port or free_port()
    command = [  # as `python3 dev.py run` starts it: the first page warmed, then `streamlit run`
        sys.executable,
        "-m",
        "findings",
        "serve",
        "--server.port",
        str(port),
        *(["--server.address", address] if address else []),
        "--server.headless",
        "true",
        *options,
    ]
    environment = {**os.environ, "FINDINGS_DATA_DIR": str(data_dir), **(env or {})}
    log = open(log_file, "w+b") if log_file else tempfile.TemporaryFile()  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                tail = log.read().decode(errors="replace")[-2000:]
                raise RuntimeError(f"the dashboard did not start (exit code {process.poll()}):\n{tail}")
            time.sleep(0.25)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


_READY = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid=stSkeleton]')
        && document.querySelector('[data-testid=stMain]');
}"""


def wait_until_ready(page, timeout_ms: int = 30_000) -> None:
    """Connected, script finished and no skeleton placeholders, still so half a second later
    (a rerun or lazily loaded widgets can follow a first idle moment)."""
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout_ms)
    for _ in range(3):
        page.wait_for_function(_READY, timeout=timeout_ms)
        page.wait_for_timeout(500)
        if page.evaluate(_READY):
            return


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname in LOCAL_HOSTS
