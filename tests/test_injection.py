"""Markdown, HTML and `javascript:` in every URL parameter and every data text column: every page
shows them as text. Markdown elements carry them escaped; chart labels carry them as entities."""

from __future__ import annotations

import re

import fixture
import pyarrow as pa
import pytest
from apptest import figure_specs, open_app

from findings import site
from findings.contract import TABLES_BY_NAME
from findings.filters import DIMENSIONS
from findings.words import WORD_JOINER, md_escape

PAYLOAD = (
    " **b** [x](http://203.0.113.9/) ![t](http://203.0.113.9/p.png) <img src=x onerror=alert(1)> <b>INJ</b> "
    '<a href="javascript:alert(1)">j</a> javascript:alert(1)'
)
#: each page's own URL parameters (README, "Pages")
OWN_PARAMS = ("measure", "theme", "pairs", "by", "q", "page", "dim", "a", "b", "flow", "unit", "slide")
#: unescaped Markdown or HTML from the payload, as it would reach a Markdown element
MARKDOWN_LIVE = re.compile(r"(?<!\\)\]\(|(?<!\\)!\[|(?<!\\)<(?:img|b|a)\b|(?<!\\)\*\*b")
#: unescaped HTML from the payload, as it would reach a Plotly label or hover text
HTML_LIVE = re.compile(r"<img src=x|<b>INJ|<a href=")


def hostile(value, column) -> object:
    """A data text value with the payload appended (ids and enumerated values left alone)."""
    return value if value is None else f"{value}{PAYLOAD}"


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    overrides = {}
    for name, table in fixture.tables().items():
        contract = TABLES_BY_NAME[name]
        columns = {c.name: c for c in contract.columns}
        for i, field in enumerate(table.schema):
            column = columns.get(field.name)
            free_text = (
                pa.types.is_string(field.type)
                and not field.name.endswith("_id")
                and (column is None or not column.allowed)
            )
            if free_text:
                values = [hostile(v, field.name) for v in table.column(i).to_pylist()]
                table = table.set_column(i, field, pa.array(values, field.type))
        overrides[name] = table
    package = {**fixture.PACKAGE, "title": "Tiny" + PAYLOAD, "description": "Data" + PAYLOAD}
    package["question"] = "Why" + PAYLOAD
    return fixture.write(tmp_path_factory.mktemp("hostile"), overrides, package=package)


def markdown_values(at) -> list[str]:
    """The raw Markdown of every element that renders Markdown: text elements, labels and help."""
    values = []
    for kind in (
        "title",
        "header",
        "subheader",
        "caption",
        "markdown",
        "info",
        "warning",
        "error",
        "success",
    ):
        values += [str(e.value) for e in at.get(kind)]
    for kind in ("metric", "button", "selectbox", "multiselect", "radio", "text_input", "checkbox", "toggle"):
        for e in at.get(kind):
            proto = e.proto
            values += [getattr(proto, "label", ""), getattr(proto, "help", "")]
    for e in at.get("expandable"):
        values.append(str(getattr(e, "label", "")))
    # the sidebar's filter buttons name the chosen values; a row of buttons draws each option as Markdown
    values += [block.proto.popover.label for block in at.get("popover")]
    for e in at.get("button_group"):
        values += [e.proto.label, e.proto.help, *(option.content for option in e.proto.options)]
    return values


#: the figure keys whose text Plotly draws (keys and ids, customdata, tickvals are never drawn)
DRAWN = {"text", "hovertext", "labels", "label", "ticktext", "name", "hovertemplate", "texttemplate"}


def strings(node, drawn: bool = False) -> list[str]:
    """The strings of a figure's JSON that Plotly draws as text."""
    if isinstance(node, str):
        return [node] if drawn else []
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in strings(v, drawn or k in DRAWN)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v, drawn)]
    return []


def hostile_query() -> dict:
    """Every filter with a value the data holds (hostile too) and one it does not, and every page
    parameter, all carrying the payload."""
    data = fixture.tables()
    known = {
        "discipline": data["participants"]["discipline"][0].as_py() + PAYLOAD,
        "role": data["participants"]["role"][0].as_py() + PAYLOAD,
        "venue": data["sessions"]["venue"][0].as_py() + PAYLOAD,
        "activity": data["theme_codes"]["activity"][0].as_py() + PAYLOAD,
        "theme_group": data["themes"]["theme_group"][0].as_py() + PAYLOAD,
    }
    query = {dim: [v for v in (known.get(dim), "x" + PAYLOAD) if v] for dim in DIMENSIONS}
    query.update({name: "x" + PAYLOAD for name in OWN_PARAMS})
    return query


@pytest.mark.parametrize("page", [p.file for p in site.PAGES])
def test_every_page_shows_url_and_data_text_as_text(monkeypatch, hostile_dir, page):
    at = open_app(monkeypatch, hostile_dir, page, **hostile_query())
    assert not at.exception
    live = [value for value in markdown_values(at) if MARKDOWN_LIVE.search(value)]
    assert live == []


@pytest.mark.parametrize("page", [p.file for p in site.PAGES])
def test_every_chart_shows_data_text_as_text(monkeypatch, hostile_dir, page):
    at = open_app(monkeypatch, hostile_dir, page, **hostile_query())
    assert not at.exception
    charts = sorted({s for spec in figure_specs(at) for s in strings(spec) if HTML_LIVE.search(s)})
    assert charts == []


@pytest.mark.parametrize(
    "text",
    [
        "see http://203.0.113.9/p.png",
        "HTTPS://example.org/x",
        "www.example.org",
        "write to someone@example.org",
    ],
)
def test_addresses_in_data_do_not_become_live_links(text):
    """Streamlit's Markdown links bare addresses (GitHub's autolinks) even when every Markdown
    character is escaped; md_escape keeps them text, and reads the same once rendered."""
    escaped = md_escape(text)
    assert not re.search(r"(?i)https?\\?:|www\\?\.|\w@", escaped), escaped
    assert escaped.replace("\\", "").replace(WORD_JOINER, "") == text
