"""The Streamlit glue shared by the frame and every page: data, filters, language, notices.

State flows one way. On a session's first run the URL seeds the filter state; from then on the
state (changed only by widget callbacks) is mirrored back into the URL on every rerun, so a
copied link reproduces the view and page switches keep the filters.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from findings import i18n, privacy
from findings.db import Database
from findings.filters import DIMENSIONS, LANG_PARAM, Filters, parse
from findings.validate import Report, validate

log = logging.getLogger("findings")

DATA_DIR_ENV = "FINDINGS_DATA_DIR"
AUDIENCE_ENV = "FINDINGS_AUDIENCE"
AUDIENCES = ("public", "research")
BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"

_STATE = "findings.filters"  # dimension -> list of selected values (the canonical state)
_LANG = "findings.lang"
_IGNORED = "findings.ignored"  # URL values the data does not offer, shown once as a notice
_SEEDED = "findings.seeded"


_MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|~$:")


def md_escape(text: object) -> str:
    """Data text made inert inside a Markdown string: every Markdown character escaped."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))


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
    from findings.importers.upload import SESSION_DATA_KEY

    own = st.session_state.get(SESSION_DATA_KEY)
    if own and deployment_audience()[0] == "research" and Path(own).is_dir():
        return _open_own(own, _signature(Path(own)))
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
    audience: str = "public"  # whose words may be shown: see queries/_macros.sql readable_by
    min_cell: int = privacy.DEFAULT_MIN_CELL  # public counts rest on at least this many people

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)

    def run(self, name: str, **extra) -> pd.DataFrame:
        """Run a named query with the current filters, language and audience, and any extras.

        The audience always comes from the server (never from `extra`), so no page can widen it.
        """
        extra.pop("audience", None)
        params = {**self.filters.params(), LANG_PARAM: self.lang, **extra, "audience": self.audience}
        frame = self.db.run(name, params)
        if self.audience == "research":
            return frame if name not in privacy.CELLS else frame.assign(**{privacy.SUPPRESSED: False})
        key = (id(self.db), str(self.db.data_dir), name, repr(sorted(params.items())), self.min_cell)
        frame = _PROTECTED.get(key, lambda: self._protect(name, frame))
        if privacy.any_suppressed(frame):
            _frame.suppressed = True  # the frame then says why some numbers are missing
        return frame

    def _protect(self, name: str, frame: pd.DataFrame) -> pd.DataFrame:
        frame = privacy.protect(name, frame, self.min_cell)
        return privacy.unattributed(frame) if name in privacy.PASSAGES else frame

    def fewer(self, n) -> str:
        """A count of people that is suppressed only when it is below min_cell (a headline's),
        so its blank can honestly read 'fewer than 3'."""
        return self.t("cell.fewer", k=self.min_cell) if privacy.blanked(n) else self.int(n)

    def tn(self, key: str, n: int, **values) -> str:
        return i18n.tn(key, n, self.lang, **values)

    def int(self, n) -> str:
        return i18n.fmt_int(n, self.lang)


_frame = threading.local()  # set while dashboard.py runs a page inside the frame


class _Results:
    """A small thread-safe LRU of protected query results: the same query, parameters and
    threshold give the same cells, so reruns and other sessions do not redo the suppression."""

    def __init__(self, size: int = 512):
        self._items: OrderedDict = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit.copy()
        made = make()
        with self._lock:
            self._items[key] = made
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return made.copy()


_PROTECTED = _Results()


def run_in_frame(page, lang: str) -> None:
    """Run the navigation's current page inside the frame (sidebar, notices), guarded."""
    _frame.active = True
    _frame.suppressed = False
    notice = st.sidebar.empty()
    try:
        guarded(page.run, lang)
    finally:
        _frame.active = False
    if _frame.suppressed:
        with notice.container():
            st.caption(i18n.t("cell.notice", lang, k=privacy.min_cell()[0]))


def _ensure_frame() -> None:
    """Route a page that Streamlit ran on its own back through the frame.

    Until a first session has run st.navigation, Streamlit treats the `pages/` folder as a
    legacy multipage app, so a link straight to `/compare` on a fresh server would run that page
    without the frame (no filters, no notice). Leaving that mode and rerunning sends the same
    URL through dashboard.py, as every later visit is.
    """
    if getattr(_frame, "active", False):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def context(*, public_only: bool = False) -> PageContext:
    """The current data, filters, language and audience, for a page (the frame checked them).

    `public_only` narrows the audience to public whatever the deployment says (presenter mode).
    """
    _ensure_frame()
    db, report = open_data()
    if db is None:  # a page opened without the frame (the frame shows the error page)
        show_invalid(report, language())
        st.stop()
    lang = language()
    _values, labels = filter_options(db, lang)
    audience = "public" if public_only else deployment_audience()[0]
    return PageContext(db, report, current_filters(), lang, labels, audience, privacy.min_cell()[0])


def share_link(lang: str) -> None:
    """The whole view as a link (filters, language, the page's own choices), ready to copy."""
    from urllib.parse import urlencode

    base = st.context.url or ""
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    link = base + ("?" + urlencode(pairs) if pairs else "")
    with st.sidebar.expander(i18n.t("share.title", lang), icon=":material/link:"):
        st.code(link, language=None, wrap_lines=True)
        st.caption(i18n.t("share.help", lang))


def audience_notice(lang: str) -> None:
    """Say in the sidebar, in a presenter's words, whose quotes this server shows."""
    audience, invalid = deployment_audience()
    with st.sidebar:
        st.caption(i18n.t(f"audience.{audience}", lang))
        if invalid is not None:
            st.warning(i18n.t("audience.invalid", lang, value=invalid[:40]), icon=":material/shield:")
        k, bad_k = privacy.min_cell()
        if bad_k is not None:
            st.warning(i18n.t("cell.invalid", lang, value=bad_k[:40], k=k), icon=":material/shield:")


def blank(value) -> bool:
    """No number to show: suppressed for the audience (pandas' NA), or undefined (None, NaN)."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def too_few(ctx: PageContext, head, *, voices: bool = True) -> bool:
    """When the filters leave fewer than min_cell people (or, with `voices`, fewer who spoke to
    them), every breakdown would be suppressed: say so once, and return True (the page then
    shows nothing more that counts people)."""
    if privacy.too_few(head, voices=voices):
        st.info(ctx.t("cell.too_few", k=ctx.min_cell), icon=":material/shield:")
        return True
    return False


def nothing_counted(frame: pd.DataFrame, column: str) -> bool:
    """Nothing to chart: no row, or `column` all zero with nothing suppressed (a suppressed
    cell may hide some, so a frame with one is never 'nothing')."""
    if frame.empty:
        return True
    return not privacy.any_suppressed(frame) and pd.to_numeric(frame[column]).sum() == 0


def scope_line(ctx: PageContext) -> str:
    """What the filters leave, e.g. '14 of 91 participants · 212 of 1,486 excerpts · Filters: ...'."""
    head = ctx.run("headline").iloc[0]
    line = ctx.t(
        "scope.summary",
        participants=ctx.fewer(head.participants),
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
    return line


def scope_caption(ctx: PageContext) -> None:
    st.caption(md_escape(scope_line(ctx)))


def report_button(ctx: PageContext, key: str) -> None:
    """'Download report': one self-contained HTML file of this view, built only when clicked."""
    from findings import report

    st.download_button(
        ctx.t("report.download"),
        data=lambda: report.build(ctx, scope_line(ctx)).encode("utf-8"),
        file_name=report.filename(ctx.lang),
        mime="text/html",
        key=key,
        icon=":material/description:",
        on_click="ignore",
        help=ctx.t("report.help"),
    )


def illustrative_notice(report: Report, lang: str, *, compact: bool = False) -> None:
    """Say that the records are invented; on slides, one quiet line that still reads clearly."""
    if report.package.get("illustrative"):
        if compact:
            st.caption("⚗ " + i18n.t("notice.illustrative_short", lang))
        else:
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


def chart(figure: go.Figure, data: pd.DataFrame, key: str, lang: str, *, selectable: bool = False):
    """A chart, with its data table and a CSV download in an expander below it.

    With `selectable`, clicking a bar or point reruns the page and the selection is returned
    (its points carry the traces' `customdata`); otherwise None.
    """
    config = {"displaylogo": False}
    if selectable:
        event = st.plotly_chart(
            figure, key=key, config=config, theme=None, width="stretch",
            on_select="rerun", selection_mode=("points",),
        )
    else:
        event = None
        st.plotly_chart(figure, key=key, config=config, theme=None, width="stretch")
    with st.expander(i18n.t("chart.data", lang)):
        st.dataframe(data, hide_index=True, width="stretch")
        st.download_button(
            i18n.t("chart.download", lang),
            data=lambda: csv_bytes(data),  # made only when clicked
            on_click="ignore",
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"{key}.csv",
            icon=":material/download:",
        )
    return event


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as UTF-8 CSV that a spreadsheet opens as data: text starting like a formula
    (=, +, -, @, tab, return) gets a leading apostrophe, so a quote such as '=HYPERLINK(...)'
    cannot run when a researcher opens the download."""

    def inert(value):
        return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value

    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(inert)
    return safe.to_csv(index=False).encode("utf-8")


class _PageDone(Exception):
    """Raised by `page_done`: the page has said all it has to say."""


def page_done() -> NoReturn:
    """End the page here but not the frame: unlike st.stop(), the sidebar's link to this view
    and its notices (written after the page runs) still appear."""
    raise _PageDone


def guarded(render: Callable[[], None], lang: str) -> None:
    """Run a page; on failure show a short apology (details go to the server log, not viewers)."""
    try:
        render()
    except _PageDone:
        pass
    except Exception:  # Streamlit's stop/rerun signals are BaseExceptions and pass through
        log.exception("page failed")
        st.error(i18n.t("error.page_failed", lang), icon=":material/sentiment_dissatisfied:")


# --- page choices kept in the URL -----------------------------------------------------------
# A page's own choices (a measure, a selected theme, search text, compare groups...) live in
# the URL next to the shared filters. The URL wins when it carries a value we did not write
# (a link was opened); otherwise the session's value stands, so page switches keep choices.

_PAGE_STATE = "findings.page_state"
_PAGE_WRITTEN = "findings.page_written"


def page_value(name: str, parse: Callable[[list[str]], object], default):
    """The current value of page choice `name`: from a newly opened link, else the session."""
    store = st.session_state.setdefault(_PAGE_STATE, {})
    written = st.session_state.setdefault(_PAGE_WRITTEN, {})
    raw = _query_values(name)
    if raw and raw != written.get(name):
        parsed = parse(raw)
        if parsed is None:
            st.session_state.setdefault(_IGNORED, {})[name] = raw
        else:
            store[name] = parsed
    return store.get(name, default)


def set_page_value(name: str, value) -> None:
    """For callbacks: change a page choice (the next rerun writes it to the URL)."""
    st.session_state.setdefault(_PAGE_STATE, {})[name] = value


def write_page_value(name: str, value, default) -> None:
    """Mirror a page choice into the URL (left out when it is the default, to keep links short)."""
    written = st.session_state.setdefault(_PAGE_WRITTEN, {})
    wanted = [] if value == default or value in (None, "", [], ()) else (
        [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    )
    if st.query_params.get_all(name) != wanted:
        if wanted:
            st.query_params[name] = wanted
        elif name in st.query_params:
            del st.query_params[name]
    written[name] = wanted


def choice(name: str, label: str, options: list[str], format_func, default: str, widget=None, **kwargs) -> str:
    """A single choice among fixed options, bound to URL parameter `name`."""
    value = page_value(name, lambda raw: raw[0] if raw[0] in options else None, default)
    if value not in options:
        value = default
    key = f"page.{name}"
    st.session_state[key] = value

    def changed():
        set_page_value(name, st.session_state[key] if st.session_state[key] is not None else default)

    render = widget or st.segmented_control
    extra = {"selection_mode": "single", "required": True} if render is st.segmented_control else {}
    render(label, options=options, format_func=format_func, key=key, on_change=changed, **extra, **kwargs)
    write_page_value(name, value, default)
    return value


def multi_choice(name: str, label: str, options: list[str], format_func, **kwargs) -> list[str]:
    """Several values among options, bound to repeated URL parameter `name`."""
    def parse(raw):
        kept = [v for v in dict.fromkeys(raw) if v in options]
        return kept or None

    value = [v for v in page_value(name, parse, []) if v in options]
    key = f"page.{name}"
    st.session_state[key] = value
    st.multiselect(
        label, options=options, format_func=format_func, key=key,
        on_change=lambda: set_page_value(name, list(st.session_state[key])), **kwargs,
    )
    write_page_value(name, value, [])
    return value


def text_value(name: str, label: str, **kwargs) -> str:
    """Free text bound to URL parameter `name` (e.g. the search box)."""
    value = page_value(name, lambda raw: raw[0][:200], "")
    key = f"page.{name}"
    st.session_state[key] = value
    st.text_input(label, key=key, on_change=lambda: set_page_value(name, st.session_state[key].strip()[:200]), **kwargs)
    write_page_value(name, value, "")
    return value


# --- counting ------------------------------------------------------------------------------

MEASURES = ("participants", "excerpts", "codes")
MEASURE_COLUMNS = {"participants": "share_reached", "excerpts": "excerpts", "codes": "code_applications"}


def measure(ctx: PageContext) -> str:
    """The counting measure for prevalence charts (URL `measure`), participants reached by default."""
    return choice(
        "measure",
        ctx.t("measure.label"),
        list(MEASURES),
        lambda m: ctx.t(f"measure.{m}"),
        "participants",
        help=ctx.t("measure.help"),
    )


def empty_state(ctx: PageContext) -> None:
    st.info(ctx.t("empty.filters"), icon=":material/filter_alt_off:")


# --- the words behind a chart ----------------------------------------------------------------


def excerpt_panel(ctx: PageContext, *, theme: list[str] | None = None, q: str = "", limit: int = 200, key: str) -> pd.DataFrame:
    """The excerpts behind a selection, as plain text; withheld quotes say so and still count."""
    frame = ctx.run("excerpts", theme=list(theme or []), q=q, limit=limit, offset=0)
    total = int(frame["total"].iloc[0]) if len(frame) else 0
    if total == 0:
        empty_state(ctx)
        return frame
    withheld = int(frame["withheld"].sum())
    st.caption(ctx.t("excerpts.count", shown=ctx.int(len(frame)), total=ctx.int(total), withheld=ctx.int(withheld)))
    table = pd.DataFrame(
        {
            ctx.t("col.excerpt"): [
                ctx.t("excerpts.withheld") if w else (t if isinstance(t, str) else ctx.t("excerpts.no_text"))
                for t, w in zip(frame["excerpt"], frame["withheld"], strict=True)
            ],
            ctx.t("col.themes"): [", ".join(tags) for tags in frame["themes"]],
            ctx.t("col.session"): frame["session"],
            ctx.t("col.role"): frame["role"].where(frame["withheld"], frame["role"].fillna(ctx.t("excerpts.group")))
            .fillna("–"),
            ctx.t("col.discipline"): frame["discipline"].fillna("–"),
            ctx.t("col.activity"): frame["activity"].fillna("–"),
        }
    )
    st.dataframe(
        table, hide_index=True, width="stretch", key=f"{key}.table",
        column_config={ctx.t("col.excerpt"): st.column_config.TextColumn(width="large")},
    )
    return frame


def colours(ctx: PageContext, dimension: str) -> dict[str, str]:
    """One colour per value of a filter dimension, fixed by the raw values' order (not labels),
    so a discipline keeps its colour in every language and under every filter."""
    from findings.charts import colour_map

    values = list(ctx.labels[dimension])
    if dimension != "theme_group":  # theme groups keep codebook order
        values = sorted(values)
    return colour_map(values)
