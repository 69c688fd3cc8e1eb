"""House conventions that keep the code base honest (see the shared STYLE guide)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from findings import site
from findings.db import load_queries

ROOT = Path(__file__).resolve().parent.parent
QUERIES = load_queries()
APP_SOURCES = [
    ROOT / "dashboard.py",
    *sorted((ROOT / "views").glob("*.py")),
    *sorted((ROOT / "findings").rglob("*.py")),
]
APP_TEXT = {path: path.read_text(encoding="utf-8") for path in APP_SOURCES}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_header_states_purpose_grain_and_parameters(name):
    query = QUERIES[name]
    assert query.header.get("purpose"), f"{name}.sql: header needs '-- purpose:'"
    assert query.header.get("grain", "").startswith("one row"), (
        f"{name}.sql: header needs '-- grain: one row ...'"
    )
    declared = set(re.findall(r"\$([a-z_]+)", query.header.get("params", "")))
    assert declared == set(query.params), (
        f"{name}.sql: header params {sorted(declared)} != used {sorted(query.params)}"
    )


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_is_used_and_tested(name):
    quoted = re.compile(rf"""["']{name}["']""")
    assert any(quoted.search(text) for text in APP_TEXT.values()), f"{name}.sql is never run by the app"
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    assert quoted.search(tests), f"{name}.sql has no test"


def test_every_page_is_registered_and_exists():
    registered = {page.file for page in site.PAGES}
    on_disk = {f"views/{p.name}" for p in (ROOT / "views").glob("*.py")}
    assert registered == on_disk
    assert len({page.url for page in site.PAGES}) == len(site.PAGES), "two pages share a URL"
    assert [page.url for page in site.PAGES].count("") == 1, "exactly one default page"
    assert (ROOT / "pages").exists() is False, "a pages/ folder puts Streamlit in its legacy mode"


def test_pages_hold_no_sql_or_connections():
    for path in (ROOT / "views").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "duckdb" not in text and not re.search(r"\bselect\b.+\bfrom\b", text, re.I), path.name


def test_no_html_rendering_of_anything():
    """No text reaches the page as HTML. The one exception is the document's style element: a
    string constant of the code (findings/app/document.py), with no data in it."""
    for path, text in APP_TEXT.items():
        assert "unsafe_allow_html" not in text, path.name
        if path.name == "document.py":
            tree = ast.parse(text)
            calls = [
                n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "st.html"
            ]
            assert [ast.unparse(call) for call in calls] == ["st.html(_STYLE)"], path.name
            (style,) = [
                n.value
                for n in tree.body
                if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "_STYLE"
            ]
            assert isinstance(style, ast.Constant) and style.value.startswith("<style>"), path.name
            continue
        assert "st.html(" not in text, path.name


def _imports(text: str) -> set[str]:
    """The top-level package names a module imports, wherever the import statement sits."""
    names = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_app_layer_imports_streamlit():
    app_layer = {
        ROOT / "dashboard.py",
        *(ROOT / "views").glob("*.py"),
        *(ROOT / "findings" / "app").glob("*.py"),
    }
    importing = {path for path, text in APP_TEXT.items() if "streamlit" in _imports(text)}
    assert importing, "the scan itself works: the app layer imports streamlit"
    outside = sorted(str(path.relative_to(ROOT)) for path in importing - app_layer)
    assert not outside, f"Streamlit imported outside findings/app/, views/ and dashboard.py: {outside}"


def test_pages_exit_early_by_guard_never_by_an_empty_branch():
    """A page says its notice and returns (frame.page_done) or branches on what it shows; an
    `if ...: pass` branch hides which case is which."""
    for path in (ROOT / "views").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.If):
                assert not all(isinstance(part, ast.Pass) for part in node.body), f"{path.name}:{node.lineno}"
