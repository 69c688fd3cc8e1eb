"""Helpers for driving the app under Streamlit's AppTest, shared by the page tests."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

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


def url(at: AppTest, name: str) -> list[str]:
    """A URL parameter's values as a list (AppTest gives a lone value as a string)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}
