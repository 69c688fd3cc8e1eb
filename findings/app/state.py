"""The view's state, kept in the URL: shared filters, each page's own choices, the language.

One mechanism for all of them. A value lives in the session; every rerun writes it into the URL
(left out when it is the default, so links stay short), and a URL value the app did not write
itself (a link was opened) wins over the session's. So a copied link reproduces the view, and page
switches keep the filters and choices.

Why not Streamlit's native `bind="query-params"`: a bound widget writes its *formatted* option
into the URL (the label its `format_func` shows, e.g. "Code applications" or a French label), and
drops values it does not know without a word. This app's URLs are part of its public interface:
they carry the data's raw values (`measure=codes`, `session=S1`) whatever the UI language, and a
link's unknown values are named in a notice. So values are bound here, in one place.

Callbacks only set state; the next rerun does the work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from findings import i18n
from findings.filters import DIMENSIONS, LANG_PARAM, Filters

_VALUES = "findings.values"  # URL name -> the session's value
_WRITTEN = "findings.written"  # URL name -> the values last written into the URL
_HISTORY = "findings.history"  # URL name -> every value this session has written into the URL
_IGNORED = "findings.ignored"  # URL name -> link values the data does not offer (said once)
_LANG = "findings.lang"
LANG_WIDGET = "widget.lang"

#: parse(raw URL values) -> (the value, or None when nothing usable; the raw values ignored)
Parser = Callable[[list[str]], tuple[object, list[str]]]


def url_values(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v != ""]


def value(name: str, parse: Parser, default):
    """The current value of `name`: from a newly opened link, else the session's, else default."""
    store = st.session_state.setdefault(_VALUES, {})
    written = st.session_state.setdefault(_WRITTEN, {})
    raw = url_values(name)
    # a value this session wrote before is no link: the browser's URL can lag behind the server
    # (a rerun asked for while the last URL update is on its way), and must not undo the change
    stale = tuple(raw) in st.session_state.setdefault(_HISTORY, {}).get(name, ())
    if raw and raw != written.get(name) and not stale:
        parsed, ignored = parse(raw)
        if ignored:
            st.session_state.setdefault(_IGNORED, {})[name] = ignored
        if parsed is not None:
            store[name] = parsed
        written[name] = raw  # seen: the same link values are not parsed (or reported) again
    return store.get(name, default)


def set_value(name: str, new) -> None:
    """For callbacks: change a value (the next rerun writes it to the URL)."""
    st.session_state.setdefault(_VALUES, {})[name] = new


def write(name: str, current, default) -> None:
    """Mirror a value into the URL, touching it only when it differs (no needless browser updates)."""
    written = st.session_state.setdefault(_WRITTEN, {})
    empty = current == default or current in (None, "", [], ())
    wanted = [] if empty else [str(v) for v in (current if isinstance(current, (list, tuple)) else [current])]
    if st.query_params.get_all(name) != wanted:
        if wanted:
            st.query_params[name] = wanted
        elif name in st.query_params:
            del st.query_params[name]
    written[name] = wanted
    st.session_state.setdefault(_HISTORY, {}).setdefault(name, set()).add(tuple(wanted))


def ignored() -> dict[str, list[str]]:
    """Link values the data does not offer, by URL name (the sidebar names them once)."""
    return st.session_state.get(_IGNORED) or {}


def forget_ignored(name: str | None = None) -> None:
    if name is None:
        st.session_state[_IGNORED] = {}
    else:
        st.session_state.get(_IGNORED, {}).pop(name, None)


# --- the shared filters -----------------------------------------------------------------------


def filters(options: Mapping[str, list[str]]) -> Filters:
    """The filters of this view: each dimension's values that the data offers."""

    def parser(dim: str) -> Parser:
        def parse(raw: list[str]):
            valid = set(options.get(dim, ()))
            unique = list(dict.fromkeys(raw))
            return [v for v in unique if v in valid], [v for v in unique if v not in valid]

        return parse

    chosen = {dim: value(dim, parser(dim), []) for dim in DIMENSIONS}
    return Filters.of(**{dim: [v for v in vals if v in options.get(dim, ())] for dim, vals in chosen.items()})


def set_filter(dim: str, values: list[str]) -> None:
    set_value(dim, list(values))


def reset_filters() -> None:
    for dim in DIMENSIONS:
        set_value(dim, [])
    forget_ignored()


def write_filters(current: Filters) -> None:
    for dim in DIMENSIONS:
        write(dim, list(current.get(dim)), [])


# --- the language -----------------------------------------------------------------------------


def language() -> str:
    """The UI language: from the link on the session's first run, then the sidebar's switch."""
    if _LANG not in st.session_state:
        st.session_state[_LANG] = i18n.normalise_language(st.query_params.get(LANG_PARAM))
    return st.session_state[_LANG]


def on_language() -> None:
    st.session_state[_LANG] = i18n.normalise_language(st.session_state[LANG_WIDGET])


def write_language(lang: str) -> None:
    write(LANG_PARAM, lang, i18n.DEFAULT_LANGUAGE)


def forget_values() -> None:
    """Forget the filters (another export set was opened: its values differ)."""
    store = st.session_state.get(_VALUES, {})
    for dim in DIMENSIONS:
        store.pop(dim, None)
    forget_ignored()
