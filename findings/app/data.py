"""Which export set a browser session sees, validated and opened once per version of its files."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from findings import i18n
from findings.db import Database
from findings.filters import DIMENSIONS
from findings.validate import Report, validate

DATA_DIR_ENV = "FINDINGS_DATA_DIR"
AUDIENCE_ENV = "FINDINGS_AUDIENCE"
AUDIENCES = ("public", "research")
BUNDLED_DATA = Path(__file__).resolve().parent.parent.parent / "data"
SESSION_DATA_KEY = "findings.session_data"  # the folder this session sees instead of the shared one


def deployment_audience() -> tuple[str, str | None]:
    """Who this server shows quotes to, set by the deployment only (never by the browser).

    Returns the audience and, when the variable holds something else, that value (the server
    then falls back to the safest audience, public).
    """
    raw = os.environ.get(AUDIENCE_ENV, "").strip().lower()
    if raw in ("", "public"):
        return "public", None
    if raw == "research":
        return "research", None
    return "public", raw


def data_dir() -> Path:
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else BUNDLED_DATA


def _signature(folder: Path) -> tuple:
    """What changes when the export set changes: every file's path, size and mtime."""
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            try:
                stat = (Path(root) / name).stat()
            except OSError:
                continue
            found.append((os.path.relpath(Path(root) / name, folder), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def _load(folder: str) -> tuple[Database | None, Report]:
    report = validate(Path(folder))
    if not report.ok:
        return None, report
    return Database(Path(folder), report.sources), report


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
    return _load(folder)


def open_data() -> tuple[Database | None, Report]:
    """The export set this browser session sees: its own upload (Data page, research audience
    only), else the shared one."""
    own = st.session_state.get(SESSION_DATA_KEY)
    if own and deployment_audience()[0] == "research" and Path(own).is_dir():
        return _open_own(own, _signature(Path(own)))
    folder = data_dir()
    return _open(str(folder), _signature(folder))


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
