"""What the browser's document says of the page: its language, and the few layout rules
Streamlit's own styles leave out for phones.

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


#: set once this session has shown a page in a language other than the shell's own
_SPOKEN = "findings.document.spoken"
SHELL_LANGUAGE = "en"


def language(lang: str) -> None:
    """Say the page's language to the browser (`<html lang>`). The shell already says English:
    until a session shows another language the component is not mounted, so a first visit does
    not load its code before the page's charts."""
    if lang == SHELL_LANGUAGE and not st.session_state.get(_SPOKEN):
        return
    st.session_state[_SPOKEN] = True
    _component(key="document.lang", data={"lang": lang}, height=0)


#: on a narrow screen a row of choices (a segmented control: the measure, the compared dimension)
#: wraps onto a second line instead of hiding its last choices past the screen's edge, and a wide
#: chart scrolls sideways at a readable width, a line above it saying so (hidden elsewhere); a
#: filter list's typing box, which shrinks beside the values chosen, stays a target of at least 24
#: pixels (WCAG 2.2, 2.5.8); a chart's text alternative is kept for screen readers and out of sight;
#: on a phone a chart's toolbar (its one button saves a picture) is not drawn: a legend wrapped onto
#: three lines there runs under it (a wide chart keeps it: its legend fits, and the toolbar's button
#: is what the keyboard reaches its scrolling holder by)
_STYLE = """<style>
[class*="st-key-wide-hint-"] { display: none; }
@media (max-width: 640px) {
  [data-testid="stButtonGroup"] [role="radiogroup"] { flex-wrap: wrap; row-gap: 0.375rem; }
  [class*="st-key-wide-chart-"] { overflow-x: auto; }
  [class*="st-key-wide-chart-"] > [data-testid="stElementContainer"] { min-width: 680px; }
  [class*="st-key-wide-hint-"] { display: block; }
  [data-testid="stMain"] h1 { font-size: 1.9rem; }
  [data-testid="stMain"] .js-plotly-plot:not([class*="st-key-wide-chart-"] *) .modebar-container {
    display: none;
  }
}
[data-testid="stMultiSelect"] input[role="combobox"] { min-width: 24px; }
[class*="st-key-chart-alt-"] {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap;
}
</style>"""
#: the key prefix of a chart's text alternative: read by screen readers, not shown (WCAG 2.2, 1.1.1)
ALT = "chart-alt-"
#: the key prefix of a chart's holder that keeps a readable width on a phone (widgets.chart `wide`):
#: a heatmap of five disciplines squeezed into 360 pixels has cells too narrow for their numbers
WIDE = "wide-chart-"
#: the key prefix of the line above a wide chart saying that it scrolls: shown on a phone only
WIDE_HINT = "wide-hint-"


def layout() -> None:
    """The phone layout rules: a style element only, so Streamlit puts it out of the page's flow."""
    st.html(_STYLE)


# --- bringing what a click opened into view -------------------------------------------------------

_REVEAL_JS = """
const revealed = new Map();
export default function (component) {
  const data = component.data || {};
  if (typeof data.target !== "string" || revealed.get(data.target) === data.token) return;
  const target = document.querySelector(".st-key-" + CSS.escape(data.target));
  if (!target) return;
  revealed.set(data.target, data.token);
  if (data.scroll !== false) {
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "start" });
  }
  target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
}
"""

_reveal = st.components.v2.component("findings_reveal", js=_REVEAL_JS, isolate_styles=False)


def reveal(target: str, token: str, *, scroll: bool = True) -> None:
    """Scroll the container keyed `target` into view and move the keyboard focus to it, once per
    `token` (what was opened): the quotes a click opens appear under the chart, often below the
    fold, and a reader (or a screen reader) is taken to them rather than left to look. Without
    `scroll`, the focus only (a panel that opens beside its button is already in view)."""
    _reveal(key=f"reveal.{target}", data={"target": target, "token": token, "scroll": scroll}, height=0)
