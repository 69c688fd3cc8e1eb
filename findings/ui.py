"""The Streamlit glue shared by the frame and every page: data, filters, language, notices.

State flows one way. On a session's first run the URL seeds the filter state; from then on the
state (changed only by widget callbacks) is mirrored back into the URL on every rerun, so a
copied link reproduces the view and page switches keep the filters.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from findings import i18n
from findings.db import Database
from findings.filters import DIMENSIONS, LANG_PARAM, Filters, parse
from findings.validate import Report, validate

log = logging.getLogger("findings")

DATA_DIR_ENV = "FINDINGS_DATA_DIR"
BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"

_STATE = "findings.filters"  # dimension -> list of selected values (the canonical state)
_LANG = "findings.lang"
_IGNORED = "findings.ignored"  # URL values the data does not offer, shown once as a notice
_SEEDED = "findings.seeded"


_MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|~$:")


def md_escape(text: object) -> str:
    """Data text made inert inside a Markdown string: every Markdown character escaped."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))


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


@st.cache_resource(max_entries=4, show_spinner=False)
def _open(folder: str, signature: tuple) -> tuple[Database | None, Report]:
    """Validate once per process and export-set version; open the database only when valid."""
    del signature  # part of the cache key only
    report = validate(Path(folder))
    if not report.ok:
        return None, report
    return Database(Path(folder), report.sources), report


def open_data() -> tuple[Database | None, Report]:
    folder = data_dir()
    return _open(str(folder), _signature(folder))


# --- state --------------------------------------------------------------------------------


def _query_values(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v != ""]


def language() -> str:
    if _LANG not in st.session_state:
        st.session_state[_LANG] = i18n.normalise_language(st.query_params.get(LANG_PARAM))
    return st.session_state[_LANG]


def seed_filters(options: dict[str, list[str]]) -> None:
    """On the session's first run, take the filters from the URL (dropping unknown values)."""
    if st.session_state.get(_SEEDED):
        return
    kept, ignored = parse({dim: _query_values(dim) for dim in DIMENSIONS}, options)
    st.session_state[_STATE] = kept
    st.session_state[_IGNORED] = ignored
    st.session_state[_SEEDED] = True


def current_filters() -> Filters:
    return Filters.of(**st.session_state.get(_STATE, {}))


def mirror_to_url(lang: str) -> None:
    """Write the state into the URL, touching only what differs (no needless browser updates)."""
    state = st.session_state.get(_STATE, {})
    for dim in DIMENSIONS:
        wanted = list(state.get(dim, []))
        if st.query_params.get_all(dim) != wanted:
            if wanted:
                st.query_params[dim] = wanted
            elif dim in st.query_params:
                del st.query_params[dim]
    wanted_lang = [] if lang == i18n.DEFAULT_LANGUAGE else [lang]
    if st.query_params.get_all(LANG_PARAM) != wanted_lang:
        if wanted_lang:
            st.query_params[LANG_PARAM] = lang
        else:
            del st.query_params[LANG_PARAM]


# Callbacks only set state (the next rerun does the work).
def _on_filter_change(dim: str) -> None:
    st.session_state.setdefault(_STATE, {})[dim] = list(st.session_state[f"filter.{dim}"])


def _on_reset() -> None:
    st.session_state[_STATE] = {}
    st.session_state[_IGNORED] = {}


def _on_language() -> None:
    st.session_state[_LANG] = i18n.normalise_language(st.session_state["widget.lang"])


# --- the sidebar --------------------------------------------------------------------------


def filter_options(db: Database, lang: str) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """Each dimension's values in display order, and their labels in the UI language."""
    frame = db.run("filter_options", {"lang": lang})
    values: dict[str, list[str]] = {dim: [] for dim in DIMENSIONS}
    labels: dict[str, dict[str, str]] = {dim: {} for dim in DIMENSIONS}
    for dim, value, label in frame[["dimension", "value", "label"]].itertuples(index=False):
        values[dim].append(value)
        labels[dim][value] = i18n.t(f"stance.{value}", lang) if dim == "stance" and f"stance.{value}" in i18n.CATALOGUE else label
    return values, labels


def sidebar(values: dict[str, list[str]], labels: dict[str, dict[str, str]], lang: str) -> None:
    """Language switch, one multiselect per filter, and a reset button."""
    state = st.session_state.setdefault(_STATE, {})
    with st.sidebar:
        st.session_state["widget.lang"] = lang
        st.segmented_control(
            i18n.t("sidebar.language", lang),
            options=list(i18n.LANGUAGES),
            format_func=i18n.LANGUAGE_NAMES.__getitem__,
            key="widget.lang",
            on_change=_on_language,
            selection_mode="single",
            required=True,
        )
        st.subheader(i18n.t("sidebar.filters", lang))
        for dim in DIMENSIONS:
            key = f"filter.{dim}"
            st.session_state[key] = [v for v in state.get(dim, []) if v in labels[dim]]
            st.multiselect(
                i18n.t(f"filter.{dim}", lang),
                options=values[dim],
                format_func=lambda v, d=dim: labels[d].get(v, v),
                key=key,
                on_change=_on_filter_change,
                args=(dim,),
                placeholder=i18n.t("filter.all", lang),
            )
        st.button(
            i18n.t("sidebar.reset", lang),
            help=i18n.t("sidebar.reset_help", lang),
            on_click=_on_reset,
            disabled=not any(state.values()),
            icon=":material/restart_alt:",
            width="stretch",
        )
        ignored = st.session_state.get(_IGNORED) or {}
        if ignored:
            shown = ", ".join(f"{dim}={v}" for dim, vals in ignored.items() for v in vals)
            st.caption(i18n.t("filter.ignored", lang, values=shown))


# --- what every page uses -------------------------------------------------------------------


@dataclass(frozen=True)
class PageContext:
    db: Database
    report: Report
    filters: Filters
    lang: str
    labels: dict[str, dict[str, str]]

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)

    def run(self, name: str, **extra) -> pd.DataFrame:
        """Run a named query with the current filters, the language and any extra parameters."""
        return self.db.run(name, {**self.filters.params(), LANG_PARAM: self.lang, **extra})

    def tn(self, key: str, n: int, **values) -> str:
        return i18n.tn(key, n, self.lang, **values)

    def int(self, n) -> str:
        return i18n.fmt_int(n, self.lang)


def context() -> PageContext:
    """The current data, filters and language, for a page (the frame has already checked them)."""
    db, report = open_data()
    if db is None:  # a page opened without the frame (the frame shows the error page)
        show_invalid(report, language())
        st.stop()
    lang = language()
    _values, labels = filter_options(db, lang)
    return PageContext(db, report, current_filters(), lang, labels)


def scope_caption(ctx: PageContext) -> None:
    """What the filters leave, e.g. '14 of 91 participants · 212 of 1,486 excerpts'."""
    head = ctx.run("headline").iloc[0]
    line = ctx.t(
        "scope.summary",
        participants=ctx.int(head.participants),
        participants_total=ctx.int(head.participants_total),
        excerpts=ctx.int(head.excerpts),
        excerpts_total=ctx.int(head.excerpts_total),
    )
    active = ctx.filters.active
    if active:
        shown = ctx.t("scope.separator").join(
            ctx.t(
                "scope.pair",
                name=ctx.t(f"filter.{dim}"),
                values=", ".join(ctx.labels[dim].get(v, v) for v in vals),
            )
            for dim, vals in active.items()
        )
        line += " · " + ctx.t("scope.filters", filters=shown)
    else:
        line += " · " + ctx.t("scope.unfiltered")
    st.caption(line)


def illustrative_notice(report: Report, lang: str) -> None:
    if report.package.get("illustrative"):
        st.warning(i18n.t("notice.illustrative", lang), icon=":material/science:")


def show_invalid(report: Report, lang: str) -> None:
    """The error page: the validator's lines, as plain text, and nothing drawn from the data."""
    st.title(i18n.t("error.page_title", lang))
    st.error(i18n.t("error.intro", lang, path=report.data_dir), icon=":material/error:")
    st.code("\n".join([*(str(p) for p in report.problems), report.summary()]), language=None, wrap_lines=True)


def icon():
    """The browser-tab icon, drawn here so that no icon font or image is fetched from outside."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 60, 60), fill="#0072B2")
    draw.ellipse((20, 20, 44, 44), fill="#E69F00")
    return image


def fields(rows: list[tuple[str, str]]) -> None:
    """A short list of label/value pairs; values are data, shown as plain text."""
    for label, value in rows:
        left, right = st.columns([1, 3])
        left.caption(label)
        right.text(value)


def chart(figure: go.Figure, data: pd.DataFrame, key: str, lang: str) -> None:
    """A chart, with its data table and a CSV download in an expander below it."""
    st.plotly_chart(figure, key=key, config={"displaylogo": False}, theme=None, width="stretch")
    with st.expander(i18n.t("chart.data", lang)):
        st.dataframe(data, hide_index=True, width="stretch")
        st.download_button(
            i18n.t("chart.download", lang),
            data=data.to_csv(index=False).encode("utf-8"),
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"{key}.csv",
            icon=":material/download:",
        )


def guarded(render: Callable[[], None], lang: str) -> None:
    """Run a page; on failure show a short apology (details go to the server log, not viewers)."""
    try:
        render()
    except Exception:  # Streamlit's stop/rerun signals are BaseExceptions and pass through
        log.exception("page failed")
        st.error(i18n.t("error.page_failed", lang), icon=":material/sentiment_dissatisfied:")
