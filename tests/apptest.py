"""Helpers for driving the app under Streamlit's AppTest, shared by the page tests."""

from __future__ import annotations

import base64
import json
import math
import re
from pathlib import Path

import numpy as np
import plotly.io as pio
from streamlit.testing.v1 import AppTest

from findings.words import HIGHLIGHT, WORD_JOINER

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"


def open_app(monkeypatch, data_dir: Path, page_file: str | None = None, **query) -> AppTest:
    """The frame opened on `data_dir` with `query` in the URL, then (as a link would) on `page_file`."""
    monkeypatch.setenv("FINDINGS_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page_file).run() if page_file else at


def texts(at: AppTest) -> str:
    """Everything the page says, as a reader sees it (Markdown escapes and bold marks removed)."""
    parts = [
        e.value
        for e in (
            *at.title,
            *at.subheader,
            *at.caption,
            *at.markdown,
            *at.text,
            *at.warning,
            *at.info,
            *at.error,
        )
    ]
    return "\n".join(str(p) for p in parts).replace("\\", "").replace("**", "")


def quotes(at: AppTest) -> list[str]:
    """The excerpt texts on the page, in order, as a reader reads them: plain text elements, and the
    excerpts a search highlighted (inert Markdown: words.quote_markdown) with their marks taken off."""
    found = []
    for element in _walk(at.main):
        if element.type == "text":
            found.append(element.value)
        elif element.type == "markdown" and HIGHLIGHT[0] in str(element.value):
            found.append(unmarked(str(element.value)))
    return found


def quote_cards(at: AppTest) -> list[tuple[str, str]]:
    """The excerpt cards on the page (widgets.quote_card), in order: each as its text as a reader
    reads it and its caption (themes, session, speaker, activity, id)."""
    cards = []
    for block in _blocks(at.main):
        children = [block.children[k] for k in sorted(block.children)]
        if len(children) != 2 or children[1].type != "caption":
            continue
        first, caption = children
        if not str(caption.value).startswith(":material/sell:"):
            continue
        text = first.value if first.type == "text" else unmarked(str(first.value))
        cards.append((text, str(caption.value).replace("\\", "")))
    return cards


def _blocks(block):
    """Every block (container) inside `block`, in the order drawn."""
    for key in sorted(block.children):
        child = block.children[key]
        if getattr(child, "children", None) is not None and child.type != "text":
            yield child
            yield from _blocks(child)


def _walk(block):
    """Every element of a block (the page's main area), in the order it is drawn."""
    stack = [block]
    while stack:
        node = stack.pop(0)
        children = getattr(node, "children", None)
        if children:
            stack[:0] = [children[k] for k in sorted(children)]
        else:
            yield node


def unmarked(markdown: str) -> str:
    """An excerpt's text back from words.quote_markdown: highlights, escapes and line breaks undone."""
    text = markdown.replace(HIGHLIGHT[0], "").replace(HIGHLIGHT[1], "").replace(WORD_JOINER, "")
    return re.sub(r"\\(.)", r"\1", text.replace("  \n", "\n"))


def url(at: AppTest, name: str) -> list[str]:
    """A URL parameter's values as a list (AppTest gives a lone value as a string)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def figures(at: AppTest) -> list:
    """The page's Plotly figures, decoded (typed arrays included) from what the page sent."""
    return [pio.from_json(element.proto.spec, skip_invalid=True) for element in at.get("plotly_chart")]


def figure_specs(at: AppTest) -> list[dict]:
    """Each chart's figure as the JSON the browser receives."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def numbers(array, *, missing=math.nan) -> list:
    """A Plotly array as sent to the browser (plain list, or base64 typed array) as a list, each
    missing value (None or NaN) given as `missing`."""
    if isinstance(array, dict) and "bdata" in array:
        array = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return [missing if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in array]


def lazy_keys(at: AppTest) -> list[str]:
    """The keys of the page's expanders drawn only once opened (a chart's data, the share link)."""
    keys = []
    for expander in at.expander:
        element_id = getattr(expander.proto, "id", "")
        if element_id.startswith("$$ID-") and element_id.count("-") >= 2:
            keys.append(element_id.split("-", 2)[2])
    return keys


def opened(at: AppTest) -> AppTest:
    """The page with every lazily drawn expander opened, as a reader clicking each would see it."""
    for _ in range(3):  # opening one may draw another
        closed = [key for key in lazy_keys(at) if key not in at.session_state or not at.session_state[key]]
        if not closed:
            return at
        for key in closed:
            at.session_state[key] = True
        at.run()
    return at
