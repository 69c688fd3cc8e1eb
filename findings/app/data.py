"""Which export set a browser session sees, validated and opened once per version of its files.

A version is the files as they are (findings/version.py): each rerun stamps the folder, and a new
stamp opens the set again (a symlinked folder is resolved first, so switching `current -> v2/`
is a new version, while a Database already open keeps reading its own folder). A newer version
that is refused as half written (a file does not match the hash its datapackage.json lists)
does not take the app down: the version already open is kept, and the frame says so, as long as
its own files are still there.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from findings import i18n, prebuilt, version
from findings.app import signin
from findings.db import Database, DataChanged
from findings.filters import DIMENSIONS
from findings.validate import ERROR, PACKAGE_FILE, Report, validate

DATA_DIR_ENV = "FINDINGS_DATA_DIR"
BUNDLED_DATA = Path(__file__).resolve().parent.parent.parent / "data"
SESSION_DATA_KEY = "findings.session_data"  # the folder this session sees instead of the shared one


def _configured() -> Path:
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser().absolute() if configured else BUNDLED_DATA


def data_dir() -> Path:
    """The shared folder, symlinks resolved now: `current -> v2/` names v2 until it is switched."""
    return _configured().resolve()


def _signature(folder: Path) -> tuple:
    """What changes when the export set changes: every file's stamp (findings/version.py)."""
    return version.signature(folder)


def _load(folder: str, shared: bool = True) -> tuple[Database | None, Report]:
    """Validate and open a folder; the shared data's excerpt patterns are read from (or kept in)
    the pattern cache (findings/prebuilt.py), a session's private upload's never are."""
    path = Path(folder)
    before = version.signature(path)
    report = validate(path)
    if not report.ok:
        return None, report
    try:
        store = prebuilt.store_for(path, report.sources, report.package) if shared else None
        db = Database(path, report.sources, store=store)
    except DataChanged:
        db = None
    if db is None or version.signature(path) != before:  # hashed and opened files must be the same
        if db is not None:
            db.close()
        report.add(ERROR, PACKAGE_FILE, None, "the files changed while they were being opened")
        return None, report
    try:
        db.keep_patterns()  # the next process opening this version reads them instead of building
    except OSError:  # a cache folder it cannot use costs the next start the build, nothing more
        pass
    return db, report


@st.cache_resource(max_entries=4, show_spinner=False)
def _open(folder: str, signature: tuple) -> tuple[Database | None, Report]:
    """Validate once per process and export-set version; open the database only when valid."""
    del signature  # part of the cache key only
    return _load(folder)


@st.cache_resource(max_entries=8, ttl=3600, show_spinner=False)
def _open_own(folder: str, signature: tuple) -> tuple[Database | None, Report]:
    """The same for one session's own upload, in a cache of its own so uploads never push the
    shared data out. The key is a private temporary folder only that session knows."""
    del signature  # part of the cache key only
    return _load(folder, shared=False)


@dataclass
class _Served:
    """The newest version of one shared folder that opened, and the newer one refused since."""

    db: Database | None = None
    report: Report | None = None
    refused: Report | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource(max_entries=4, show_spinner=False)
def _served(configured: str) -> _Served:
    del configured  # the cache key only
    return _Served()


def open_data() -> tuple[Database | None, Report]:
    """The export set this browser session sees: its own upload (Data page, research audience
    only: a visitor who signed out, or was never a researcher, sees the shared one), else the
    shared one; while a newer shared version is half written, the one open."""
    own = st.session_state.get(SESSION_DATA_KEY)
    if own and signin.audience() == "research" and Path(own).is_dir():
        return _open_own(own, _signature(Path(own)))
    return _shared()


def _shared() -> tuple[Database | None, Report]:
    folder = data_dir()
    db, report = _open(str(folder), _signature(folder))
    served = _served(str(_configured()))
    with served.lock:
        if db is not None:
            served.db, served.report, served.refused = db, report, None
        elif report.half_written and served.db is not None and served.db.current():
            served.refused = report
            return served.db, served.report
    return db, report


def warm_shared() -> tuple[Database | None, Report]:
    """The shared export set, opened through the same caches the pages read, from outside any
    browser session (findings/app/warm.py warms it before the server starts)."""
    return _shared()


def refused_newer(db: Database) -> Report | None:
    """The report of a newer version of the shared folder refused as half written, when `db`
    is the version still served in its place; else None."""
    served = _served(str(_configured()))
    with served.lock:
        return served.refused if served.db is db else None


def changed(db: Database) -> bool:
    """Whether the next rerun would show another version than `db`, which this page shows."""
    if not db.current():
        return True
    own = st.session_state.get(SESSION_DATA_KEY)
    if own and db.data_dir == Path(own).resolve():
        return False  # a session's own upload changes only when that session uploads again
    return _shared()[0] is not db


def filter_options(db: Database, lang: str) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """Each dimension's values in display order, and their labels in the UI language."""
    frame = db.run("filter_options", {"lang": lang})
    values: dict[str, list[str]] = {dim: [] for dim in DIMENSIONS}
    labels: dict[str, dict[str, str]] = {dim: {} for dim in DIMENSIONS}
    for dim, value, label in frame[["dimension", "value", "label"]].itertuples(index=False):
        values[dim].append(value)
        translated = dim == "stance" and i18n.has(f"stance.{value}")
        labels[dim][value] = i18n.t(f"stance.{value}", lang) if translated else label
    return values, labels
