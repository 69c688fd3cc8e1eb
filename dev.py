#!/usr/bin/env python3
"""Set-up and entry points for newcomers and CI, using only the standard library.

    python3 dev.py run    # install what the dashboard needs, then start it on the bundled data
    python3 dev.py test   # install what the tests need, then run the linters and the whole test suite

Everything installs into `.venv/` and `node_modules/` beside this file; nothing outside the
project changes, except that `test` installs Debian's `chromium` and `nginx` packages (and `npm`, for
the accessibility checks' axe-core) when they are missing and the machine can install them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = Path("/usr/bin/chromium")
NGINX = Path("/usr/sbin/nginx")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def fail(message: str) -> None:
    print(f"[dev] error: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def ensure_venv(requirements: str) -> None:
    """Create .venv and install `requirements` into it unless they are already installed."""
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py may be started by an older python3)
        fail(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        say("creating .venv")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as exc:  # e.g. Debian's python3-venv missing
            fail(f"could not create .venv ({exc}); install your Python's venv module")
    wanted = hashlib.sha256()
    for name in ("requirements.txt", requirements):
        wanted.update((ROOT / name).read_bytes())
    stamp = VENV / f".installed-{Path(requirements).stem}"
    if stamp.exists() and stamp.read_text() == wanted.hexdigest():
        return
    say(f"installing {requirements} into .venv")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    if subprocess.call([*pip, "-r", str(ROOT / requirements)]) != 0:
        fail(f"pip could not install {requirements}")
    stamp.write_text(wanted.hexdigest())


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium; install it when missing and possible."""
    if CHROMIUM.exists():
        return
    say("installing Debian's chromium package for the browser tests")
    apt_install("chromium", "fonts-dejavu-core")


def ensure_nginx() -> None:
    """The deployment tests (tests/test_deploy.py) run Debian's nginx as this user, with their own
    configuration, prefix and ports (deploy/); install it when missing and possible. Installing it
    may start the system's own nginx on port 80: ours never reads its configuration nor its port."""
    if NGINX.exists() or shutil.which("nginx"):
        return
    say("installing Debian's nginx package for the deployment tests")
    apt_install("nginx")


def apt_install(*packages: str) -> None:
    """Install Debian packages the tests need, when the machine can."""
    apt = shutil.which("apt-get")
    if apt is None or not hasattr(os, "geteuid"):
        fail(f"the tests need {', '.join(packages)}; install them with your system's package manager")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", *packages]):
        if subprocess.call([*sudo, apt, *step], env=env) != 0:
            fail(f"could not install {', '.join(packages)} with apt-get; install them yourself and run again")


def ensure_node_packages() -> None:
    """The browser tests load axe-core (package.json, pinned by package-lock.json) into each page."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if shutil.which("npm") is None:
        say("installing Debian's npm package for the accessibility checks")
        apt_install("npm")
    say("installing the browser tests' npm packages into node_modules")
    if subprocess.call(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT) != 0:
        fail("npm could not install package-lock.json's packages")
    stamp.write_text(wanted)


def run(args: list[str]) -> int:
    ensure_venv("requirements.txt")
    say("starting the dashboard (Ctrl+C stops it)")
    # `findings serve` opens the data and counts the first page before the server starts listening
    # (findings/app/warm.py), then runs `streamlit run dashboard.py` with these arguments
    command = [str(PYTHON), "-m", "findings", "serve", *args]
    try:
        return subprocess.call(command, cwd=ROOT)
    except KeyboardInterrupt:
        return 0


#: The linters, run before the tests; each must pass (pinned in requirements-dev.txt).
LINTERS = (
    ("ruff check", ["-m", "ruff", "check", "."]),
    ("ruff format --check", ["-m", "ruff", "format", "--check", "."]),
    ("sqlfluff lint queries/", ["-m", "sqlfluff", "lint", "queries", "--disable-progress-bar", "--nocolor"]),
)


def lint() -> list[str]:
    """Run every linter; return the names of those that failed."""
    failed = []
    for name, command in LINTERS:
        say(f"lint: {name}")
        if subprocess.call([str(PYTHON), *command], cwd=ROOT) != 0:
            failed.append(name)
    return failed


def test(args: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    ensure_chromium()
    ensure_nginx()
    ensure_node_packages()
    failed = lint() if not args else []  # a focused run (`dev.py test -k ...`) skips the linters
    code = subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)
    if failed:
        say(f"lint failed: {', '.join(failed)}")
        return code or 1
    return code


def main() -> int:
    commands = {"run": run, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print("usage: python3 dev.py run [streamlit options] | test [pytest options]", file=sys.stderr)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
