"""The frame: page config, the router over the explicit page list, the shared sidebar."""

import streamlit as st

from findings import i18n, ui

st.set_page_config(
    page_title=i18n.t("app.title"),
    page_icon=ui.icon(),
    layout="wide",
    initial_sidebar_state="expanded",
)

lang = ui.language()
db, report = ui.open_data()

if db is None:
    # Invalid data: one page, the validator's report, and no chart drawn from partial data.
    page = st.navigation(
        [st.Page(lambda: ui.show_invalid(report, lang), title=i18n.t("error.page_title", lang), default=True)],
        position="hidden",
    )
    page.run()
    st.stop()

PAGES = [
    st.Page("pages/overview.py", title=i18n.t("nav.overview", lang), icon=":material/dashboard:", default=True),
    # @pages: one line per page, in this order: themes, voices, sessions, evidence, compare, rules, archive
    st.Page("pages/themes.py", title=i18n.t("nav.themes", lang), icon=":material/insights:", url_path="themes"),
    st.Page("pages/voices.py", title=i18n.t("nav.voices", lang), icon=":material/groups:", url_path="voices"),
    st.Page("pages/sessions.py", title=i18n.t("nav.sessions", lang), icon=":material/event:", url_path="sessions"),
    st.Page("pages/evidence.py", title=i18n.t("nav.evidence", lang), icon=":material/format_quote:", url_path="evidence"),
    st.Page("pages/compare.py", title=i18n.t("nav.compare", lang), icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/rules.py", title=i18n.t("nav.rules", lang), icon=":material/gavel:", url_path="rules"),
    st.Page("pages/archive.py", title=i18n.t("nav.archive", lang), icon=":material/perm_media:", url_path="archive"),
    st.Page("pages/present.py", title=i18n.t("nav.present", lang), icon=":material/slideshow:", url_path="present"),
    st.Page("pages/data.py", title=i18n.t("nav.data", lang), icon=":material/database:", url_path="data"),
]
page = st.navigation(PAGES)
if page.url_path == "present":  # slides fill the screen: the sidebar starts folded away
    st.set_page_config(initial_sidebar_state="collapsed")



def frame() -> None:
    values, labels = ui.filter_options(db, lang)
    ui.seed_filters(values)
    ui.sidebar(values, labels, lang)
    ui.audience_notice(lang)
    ui.mirror_to_url(lang)
    ui.illustrative_notice(report, lang, compact=page.url_path == "present")
    ui.run_in_frame(page, lang)
    ui.share_link(lang)  # last, so the link holds the page's own choices too


ui.guarded(frame, lang)  # even a failure in the frame shows a short apology, never details
