"""The frame: page config, the navigation over findings.site.PAGES, the shared sidebar, the page."""

import streamlit as st

from findings import i18n, site
from findings.app import data, frame, state

st.set_page_config(page_title=i18n.t("app.title"), page_icon=frame.ICON, layout="wide")

lang = state.language()
db, report = data.open_data()

if db is None:  # invalid data: the validator's report, and no chart drawn from partial data
    st.navigation([frame.invalid_data(report, lang)], position="hidden").run()
else:
    page = st.navigation(frame.navigation(lang), expanded=True)  # every page listed, none behind "View more"
    # one sidebar state per page, the same on every rerun (two in one run made it open by itself):
    # slides fill the screen; elsewhere it opens on a wide screen and stays folded on a phone,
    # where it would cover the first screen
    st.set_page_config(initial_sidebar_state="collapsed" if page.url_path == site.PRESENT else "auto")
    # even a failure in the frame shows a short apology, never details
    frame.guarded(lambda: frame.frame(page, db, report, lang), lang)
