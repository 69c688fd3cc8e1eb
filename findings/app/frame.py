"""The frame around every page: the sidebar, the notices, the guarded page run, the share link.

The frame opens the data, reads the filters and builds the page's PageContext once per rerun,
then hands that context to the page it runs (`context()` in the page returns it). The hand-over
lives in the session only while the page runs.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from typing import NoReturn
from urllib.parse import urlencode

import streamlit as st

from findings import access, i18n, privacy, site, words
from findings import package as datapackage
from findings.app import data, document, inventory, signin, state
from findings.app.context import PageContext
from findings.db import Database, DataChanged
from findings.filters import DIMENSIONS, Filters
from findings.validate import Report
from findings.words import md_escape

log = logging.getLogger("findings")

_CONTEXT = "findings.context"  # the running page's context, only while it runs
#: each page's queries that need the filters alone, by URL path (site.Page.starts)
_STARTS = {entry.url: entry.starts for entry in site.PAGES}
#: the session-state key of the runs started for this viewer's last rerun (PageContext.start)
_STARTED = "findings.started"


#: The browser-tab icon (a blue disc around an orange one), drawn as SVG in a data URL: nothing is
#: fetched from outside, and nothing is drawn or encoded on a rerun (Streamlit sends it as it is).
ICON = "data:image/svg+xml;base64," + base64.b64encode(
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    b'<circle cx="32" cy="32" r="28" fill="#0072B2"/><circle cx="32" cy="32" r="12" fill="#E69F00"/></svg>'
).decode("ascii")


def navigation(lang: str) -> list:
    """One st.Page per entry of the page table, titled in the UI language."""
    return [
        st.Page(
            page.file,
            title=i18n.t(page.title_key, lang),
            icon=page.icon,
            url_path=page.url or None,
            default=not page.url,
        )
        for page in site.PAGES
    ]


def invalid_data(report: Report, lang: str):
    """Invalid data: one page, the validator's report, and no chart drawn from partial data."""
    return st.Page(lambda: show_invalid(report, lang), title=i18n.t("error.page_title", lang), default=True)


def show_invalid(report: Report, lang: str) -> None:
    """The error page: the validator's lines, as plain text, and nothing drawn from the data."""
    st.title(i18n.t("error.page_title", lang))
    # the folder by its name only: a server's paths are nobody's business
    st.error(i18n.t("error.intro", lang, path=md_escape(report.data_dir.name + "/")), icon=":material/error:")
    st.code("\n".join(inventory.report_lines(report)), language=None, wrap_lines=True)


# --- the sidebar --------------------------------------------------------------------------------


def _on_filter_change(dim: str) -> None:
    state.set_filter(dim, st.session_state[f"filter.{dim}"] or [])


#: A dimension with this many values or fewer is offered as a row of buttons, one click a value; one
#: with more, as a list to search. Either sits in a panel that opens from a button named for the
#: dimension, what is chosen written under it: the sidebar stays short, and a first visit does not
#: load the code of seven lists before the page's charts (a panel's content is drawn in the browser
#: only once opened)
PILLS_MAX = 12


def sidebar(
    values: dict[str, list[str]], labels: dict[str, dict[str, str]], current: Filters, lang: str
) -> None:
    """Language switch, a panel per filter (what is chosen written under its button), and a reset
    button."""
    with st.sidebar:
        st.session_state[state.LANG_WIDGET] = lang
        st.segmented_control(
            i18n.t("sidebar.language", lang),
            options=list(i18n.LANGUAGES),
            format_func=i18n.LANGUAGE_NAMES.__getitem__,
            key=state.LANG_WIDGET,
            on_change=state.on_language,
            selection_mode="single",
            required=True,
        )
        st.subheader(i18n.t("sidebar.filters", lang))
        # a dimension with one value or none cannot narrow anything: not offered, unless a link chose it
        fixed = [dim for dim in DIMENSIONS if len(values[dim]) <= 1 and not current.get(dim)]
        for dim in DIMENSIONS:
            if dim not in fixed:
                _filter_panel(dim, values[dim], labels[dim], current.get(dim), lang)
        st.button(
            i18n.t("sidebar.reset", lang),
            help=i18n.t("sidebar.reset_help", lang),
            on_click=state.reset_filters,
            disabled=not current.active,
            icon=":material/restart_alt:",
            width="stretch",
        )
        if fixed:
            names = words.listed([i18n.t(f"filter.{dim}", lang) for dim in fixed], lang)
            st.caption(i18n.t("filter.not_offered", lang, dimensions=names))
        ignored = state.ignored()
        if ignored:
            shown = ", ".join(f"{name}={v}" for name, vals in ignored.items() for v in vals)
            st.caption(md_escape(i18n.t("filter.ignored", lang, values=shown)))


#: the key prefix of a filter panel's content, and the session-state key counting its openings
_PANEL = "filter-panel-"
_OPENED = "findings.filter_panel_opened"


def _on_panel(dim: str) -> None:
    if st.session_state.get(f"{_PANEL}{dim}.open"):
        opened = st.session_state.setdefault(_OPENED, {})
        opened[dim] = opened.get(dim, 0) + 1


def _filter_panel(dim: str, values: list[str], labels: dict[str, str], chosen: tuple, lang: str) -> None:
    """One filter: a button named for the dimension, opening a panel with the values to pick (a row
    of buttons, or a list to search when there are many), and what is chosen written under it. The
    panel stays open while values are picked (each pick reruns the page); Escape closes it."""
    key = f"filter.{dim}"
    st.session_state[key] = list(chosen)
    name = i18n.t(f"filter.{dim}", lang)
    # The button's label and icon stay the same whatever is chosen: Streamlit draws a popover anew
    # when either changes, which would drop the keyboard focus from the value just picked. Opening
    # the panel reruns the page, which moves the focus into it (Streamlit's popover leaves it on the
    # button, and the panel's buttons come last in the page's tab order).
    with (
        st.popover(
            name, key=f"{_PANEL}{dim}.open", width="stretch", on_change=_on_panel, args=(dim,)
        ) as panel,
        st.container(key=f"{_PANEL}{dim}"),
    ):
        if panel.open:
            opened = st.session_state.get(_OPENED, {}).get(dim, 0)
            document.reveal(f"{_PANEL}{dim}", str(opened), scroll=False)
        if len(values) <= PILLS_MAX:
            st.pills(
                name,
                options=values,
                # an option is drawn as Markdown: the data's labels are escaped
                format_func=lambda v: md_escape(labels.get(v, v)),
                key=key,
                on_change=_on_filter_change,
                args=(dim,),
                selection_mode="multi",
            )
            st.caption(i18n.t("filter.none_is_all", lang))
        else:
            st.multiselect(
                name,
                options=values,
                format_func=lambda v: labels.get(v, v),
                key=key,
                on_change=_on_filter_change,
                args=(dim,),
                placeholder=i18n.t("filter.all", lang),
                # "Select all" is not "All": it would drop what has no value here (an excerpt with no
                # stance), and it is what Enter picks first in the list
                select_all=False,
            )
    if chosen:  # the data's own labels, as the page's scope line lists them
        st.caption(md_escape(words.values_said(labels, chosen)))


def audience_notice(lang: str, audience: str, claims: dict | None) -> None:
    """Say in the sidebar, in a presenter's words, who is signed in (when sign-in is configured)
    and whose quotes this visitor is shown, with a button to sign in or out."""
    invalid = access.deployment_audience()[1]
    with st.sidebar:
        if signin.configured():
            if claims is None:
                st.caption(i18n.t("signin.signed_out", lang))
                # st.login only sends the browser to the provider; the identity comes back in a cookie
                st.button(
                    i18n.t("signin.sign_in", lang),
                    help=i18n.t("signin.sign_in_help", lang),
                    on_click=st.login,
                    icon=":material/login:",
                    key="signin.sign_in",
                )
            else:
                listed = signin.audience_of(claims) == "research"
                st.caption(i18n.t("signin.signed_in", lang, who=_who(claims, lang)))
                st.caption(i18n.t("signin.listed" if listed else "signin.not_listed", lang))
                # a callback, so that the rerun it starts is already signed out: public at once
                st.button(
                    i18n.t("signin.sign_out", lang),
                    on_click=st.logout,
                    icon=":material/logout:",
                    key="signin.sign_out",
                )
        st.caption(i18n.t(f"audience.{audience}", lang))
        if invalid is not None:
            st.warning(i18n.t("audience.invalid", lang, value=invalid[:40]), icon=":material/shield:")
        k, bad_k = privacy.min_cell()
        if bad_k is not None:
            st.warning(i18n.t("cell.invalid", lang, value=bad_k[:40], k=k), icon=":material/shield:")


def _who(claims: dict, lang: str) -> str:
    """The signed-in account as the sidebar names it, escaped: name and address, or either."""
    name, email = (claims.get(key) for key in ("name", "email"))
    name = md_escape(name[:80]) if isinstance(name, str) and name.strip() else None
    email = md_escape(email[:120]) if isinstance(email, str) and email.strip() else None
    if name and email:
        return i18n.t("signin.who", lang, name=name, email=email)
    return name or email or i18n.t("signin.who_unknown", lang)


def illustrative_notice(report: Report, lang: str, *, compact: bool = False) -> None:
    """Say that the records are invented; on slides, one quiet line that still reads clearly."""
    if datapackage.illustrative(report.package):
        if compact:
            st.caption("⚗ " + i18n.t("notice.illustrative_short", lang))
        else:
            st.warning(i18n.t("notice.illustrative", lang), icon=":material/science:")


#: How often an open page asks whether the export set changed under it (findings/version.py).
WATCH_SECONDS = 10


def data_changed(lang: str, key: str | None = None) -> None:
    """Say that the export set changed under this page, with a button that draws it again."""
    st.warning(i18n.t("version.changed", lang), icon=":material/update:")
    if st.button(i18n.t("version.reload", lang), key=key, icon=":material/refresh:"):
        st.rerun()  # the whole app, from a fragment too: the new version opens


@st.fragment(run_every=WATCH_SECONDS)
def version_watch(db: Database, lang: str) -> None:
    """Tell an open page when the data changed under it, without waiting for a click."""
    if data.changed(db):
        data_changed(lang, key="version.watch")


def version_notice(db: Database, lang: str) -> None:
    """Say when a newer version was refused as half written and this one is shown instead."""
    refused = data.refused_newer(db)
    if refused is not None and refused.errors:
        problem = md_escape(refused.errors[0].message)
        st.warning(i18n.t("version.held", lang, problem=problem), icon=":material/hourglass_top:")


SHARE_KEY = "share.open"


def share_link(lang: str) -> None:
    """The whole view as a link (filters, language, the page's own choices), ready to copy."""
    base = st.context.url or ""
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    link = base + ("?" + urlencode(pairs) if pairs else "")
    # drawn only once opened (a rerun), so that the first page does not wait for the code block's code
    with st.sidebar.expander(
        i18n.t("share.title", lang), icon=":material/link:", key=SHARE_KEY, on_change="rerun"
    ) as box:
        if not box.open:
            return
        st.code(link, language=None, wrap_lines=True)
        st.caption(i18n.t("share.help", lang))


# --- running a page -----------------------------------------------------------------------------


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
    except DataChanged:  # never a mix of two versions, never a traceback: the viewer reloads
        data_changed(lang)
    except Exception:  # Streamlit's stop/rerun signals are BaseExceptions and pass through
        log.exception("page failed")
        st.error(i18n.t("error.page_failed", lang), icon=":material/sentiment_dissatisfied:")


def context(*, public_only: bool = False) -> PageContext:
    """The running page's context, built by the frame for this rerun.

    `public_only` narrows the audience to public whatever the deployment says (presenter mode).
    """
    ctx = st.session_state.get(_CONTEXT)
    if ctx is None:  # only the frame runs pages; anything else is a programming error
        raise RuntimeError("a page ran outside the frame")
    if public_only:
        ctx.audience = "public"
    return ctx


def _run_page(page, ctx: PageContext) -> None:
    notice = st.sidebar.empty()
    st.session_state[_CONTEXT] = ctx
    try:
        guarded(page.run, ctx.lang)
    finally:
        st.session_state.pop(_CONTEXT, None)
    said = [
        *([i18n.t("cell.notice", ctx.lang, k=ctx.min_cell)] if ctx.suppressed else []),
        *([i18n.t("cell.perturbed", ctx.lang)] if ctx.perturbed else []),
    ]
    if said:
        with notice.container():
            for line in said:
                st.caption(line)


def frame(page, db, report: Report, lang: str) -> None:
    """Everything around the page, then the page: called once per rerun by dashboard.py."""
    values, labels = data.filter_options(db, lang)
    current = state.filters(values)
    slides = page.url_path == site.PRESENT
    # whose words this visitor may read, decided here on every rerun from what the server itself
    # knows: the deployment's settings and the signed-in identity (st.user, from a cookie Streamlit
    # signed); nothing in the URL or the session state can raise it. Slides are always public.
    claims = signin.identity()  # read once a rerun: the notice and the audience agree
    audience = "public" if slides else signin.audience_of(claims)
    # a set that records no participant has no count resting on a person: nothing to protect
    min_cell = privacy.min_cell()[0] if db.people else 0
    ctx = PageContext(db, report, current, lang, labels, audience, min_cell, people=db.people)
    # the page's own queries count while the sidebar and notices are drawn; those started for this
    # viewer's last change and still waiting for a thread are work for nobody once this one began
    # (a viewer clicking through filters interrupts rerun after rerun): they are dropped
    for superseded in st.session_state.pop(_STARTED, ()):
        superseded.cancel()
    st.session_state[_STARTED] = ctx.start(*_STARTS.get(page.url_path, ()))
    sidebar(values, labels, current, lang)
    audience_notice(lang, audience, claims)
    state.write_filters(current)
    state.write_language(lang)
    document.language(lang)  # <html lang> follows the interface, for screen readers
    document.layout()
    illustrative_notice(report, lang, compact=slides)
    version_notice(db, lang)
    version_watch(db, lang)
    _run_page(page, ctx)
    share_link(lang)  # last, so the link holds the page's own choices too
