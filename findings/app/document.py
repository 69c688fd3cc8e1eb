"""What the browser's document says of the page: its language.

Streamlit serves one HTML shell whose `<html lang>` stays "en" whatever the interface speaks, so a
screen reader would read French with English rules (WCAG 2.2, 3.1.1 Language of Page). A small
component sets the language of the document on every rerun, in the same render as the page.
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function (component) {
  const lang = component.data && component.data.lang;
  if (typeof lang === "string" && /^[a-z]{2}$/.test(lang)) document.documentElement.lang = lang;
}
"""

_component = st.components.v2.component("findings_document_lang", js=_JS, isolate_styles=False)


def language(lang: str) -> None:
    """Say the page's language to the browser (`<html lang>`)."""
    _component(key="document.lang", data={"lang": lang}, height=0)
