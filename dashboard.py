"""The frame: page config, the navigation over findings.site.PAGES, the shared sidebar, the page."""

import streamlit as st

from findings import i18n, site
from findings.app import data, frame, state

st.set_page_config(
    page_title=i18n.t("app.title"),
    page_icon=frame.icon(),
    layout="wide",
    initial_sidebar_state="expanded",
)

lang = state.language()
db, report = data.open_data()

if db is None:  # invalid data: the validator's report, and no chart drawn from partial data
    st.navigation([frame.invalid_data(report, lang)], position="hidden").run()
else:
    page = st.navigation(frame.navigation(lang))
    if page.url_path == site.PRESENT:  # slides fill the screen: the sidebar starts folded away
        st.set_page_config(initial_sidebar_state="collapsed")
    # even a failure in the frame shows a short apology, never details
    frame.guarded(lambda: frame.frame(page, db, report, lang), lang)
