"""A researcher's upload, kept for one browser session only.

The outcome of `findings.importers.upload.receive` is kept in `st.session_state`, never anywhere
shared, and its folder under `data.SESSION_DATA_KEY`, which `data.open_data` reads to show this
session (and only this session) its own data.
"""

from __future__ import annotations

import streamlit as st

from findings.app import state
from findings.app.data import SESSION_DATA_KEY
from findings.importers.upload import MAX_UPLOAD_MB, UPLOAD_TYPES, Outcome, receive

__all__ = [
    "MAX_UPLOADS_PER_SESSION",
    "MAX_UPLOAD_MB",
    "SESSION_DATA_KEY",
    "UPLOAD_TYPES",
    "active",
    "forget",
    "is_new",
    "last",
    "left",
    "server_limit_mb",
    "take",
]

#: A session checks at most this many uploads: each is unpacked and validated on the server. What a
#: session holds at once is bounded too: the uploader's current files (Streamlit keeps them in
#: memory, up to MAX_UPLOAD_MB) and one unpacked export set on disk (the last one; an earlier one's
#: folder goes when its outcome is replaced).
MAX_UPLOADS_PER_SESSION = 10

_OUTCOME = "findings.upload.outcome"  # the last upload's Outcome
_SEEN = "findings.upload.seen"  # the uploader's file id already handled (not redone on reruns)
_COUNT = "findings.upload.count"  # how many uploads this session has had checked


def left() -> int:
    """How many more uploads this session may have checked."""
    return max(0, MAX_UPLOADS_PER_SESSION - st.session_state.get(_COUNT, 0))


def server_limit_mb() -> int:
    """The largest file the server accepts (`server.maxUploadSize`, 0 on a public deployment)."""
    return int(st.get_option("server.maxUploadSize"))


def is_new(file_id: str | None) -> bool:
    return file_id is not None and st.session_state.get(_SEEN) != file_id


def take(name: str, file_id: str, data: bytes, map_text: str | None = None) -> Outcome:
    """Handle a new upload: check it, remember the outcome, and show its data to this session."""
    if not left():
        raise RuntimeError("this session has had all the uploads it may have checked")  # see left()
    st.session_state[_SEEN] = file_id
    st.session_state[_COUNT] = st.session_state.get(_COUNT, 0) + 1
    outcome = receive(name, data, map_text)
    st.session_state[_OUTCOME] = outcome
    if outcome.ok:
        st.session_state[SESSION_DATA_KEY] = str(outcome.folder)
        state.forget_values()  # the old data's filter values mean nothing in the new
    return outcome


def last() -> Outcome | None:
    return st.session_state.get(_OUTCOME)


def active() -> Outcome | None:
    """The upload this session is looking at, if any (its folder still there)."""
    outcome = last()
    mine = st.session_state.get(SESSION_DATA_KEY)
    showing = outcome is not None and outcome.ok and mine == str(outcome.folder)
    return outcome if showing and outcome.folder is not None and outcome.folder.is_dir() else None


def forget() -> None:
    """Callback: back to the shared data (the upload's folder goes with its outcome)."""
    st.session_state.pop(SESSION_DATA_KEY, None)
    st.session_state.pop(_OUTCOME, None)
    state.forget_values()
