"""Everything that imports Streamlit: the rest of findings/ is Streamlit-free.

data      which export set this browser session sees, opened once per version
signin    who is signed in (st.user, when [auth] is configured) and the audience it gives
state     the URL <-> session state of filters, page choices and the language
context   PageContext: what a page reads (data, filters, language, audience), privacy applied
frame     the frame around every page: sidebar, notices, guarded run, share link
widgets   the shared page parts: chart with its data twin, metric rows, excerpt panel, report
upload    a researcher's upload, kept for one browser session
inventory what the Data page shows of an export set
"""
