"""Every export set the validator accepts draws every page, in both languages, without the apology.

Each set is the fixture with one edge the validator lets through: sizes adding up to exactly the
largest whole number the queries total, no rules, rules linked to no theme, no media. A set the
validator refuses (sizes whose total overflows, a file name that is not text) shows its report, never
the apology. And no page shows the server's absolute path.
"""

from __future__ import annotations

import os
from pathlib import Path

import fixture
import pyarrow as pa
import pytest
from apptest import open_app, texts

from findings import i18n, site
from findings.validate import INT64_MAX, validate

TABLES = fixture.tables()
MEDIA = TABLES["media"]


def _sizes_at_the_maximum() -> dict:
    sizes = [INT64_MAX - 8, 4, 2, 1, 1]  # M1 nearly the maximum; the total exactly it
    column = MEDIA.schema.get_field_index("size_bytes")
    return {"media": MEDIA.set_column(column, "size_bytes", pa.array(sizes, pa.int64()))}


EDGES = {
    "sizes-at-the-integer-maximum": _sizes_at_the_maximum(),
    "no-rules": {"rules": TABLES["rules"].slice(0, 0), "rule_themes": TABLES["rule_themes"].slice(0, 0)},
    "no-rules-no-links-table": {"rules": TABLES["rules"].slice(0, 0), "rule_themes": None},
    "rules-linked-to-no-theme": {"rule_themes": TABLES["rule_themes"].slice(0, 0)},
    "no-media": {"media": MEDIA.slice(0, 0)},
}


def _said(at) -> str:
    """Everything the page shows as text, code blocks (the validator's lines) included."""
    return texts(at) + "\n" + "\n".join(str(c.value) for c in at.code)


def _check(at, lang: str, where: str, server_path: Path) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    apology = i18n.t("error.page_failed", lang)
    assert apology not in [e.value for e in at.error], where
    said = _said(at)
    assert str(server_path) not in said, where
    assert os.path.realpath(server_path) not in said, where


def _present_slides(at, lang: str, server_path: Path) -> int:
    """Step through every slide, checking each; returns how many were shown."""
    forward = i18n.t("present.next", lang)
    shown = 1
    _check(at, lang, "present slide 1", server_path)
    while True:
        button = next(b for b in at.button if b.label == forward)
        if button.disabled:
            return shown
        button.click().run()
        shown += 1
        _check(at, lang, f"present slide {shown}", server_path)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("edge", list(EDGES))
def test_every_page_draws_on_a_valid_edge(monkeypatch, tmp_path, edge, lang):
    folder = fixture.write(tmp_path / "export", EDGES[edge])
    report = validate(folder)
    assert report.ok, [str(p) for p in report.problems]  # the validator accepts it
    at = open_app(monkeypatch, folder, lang=lang)
    for page in site.PAGES:
        at.switch_page(page.file).run()
        assert at.title and at.title[0].value != i18n.t("error.page_title", lang), page.name
        if page.name == site.PRESENT:
            assert _present_slides(at, lang, folder) > 1
        else:
            _check(at, lang, page.name, folder)


def test_the_sizes_at_the_maximum_are_shown_on_archive_and_overview(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "export", EDGES["sizes-at-the-integer-maximum"])
    at = open_app(monkeypatch, folder, "views/archive.py")
    # the whole archive is the largest whole number there is: 8 EiB in the units the page uses
    total = i18n.fmt_bytes(INT64_MAX, "en")
    assert total in texts(at)
    at = open_app(monkeypatch, folder)
    assert not at.exception and not at.error


def _sizes_that_overflow(folder: Path) -> None:
    sizes = [INT64_MAX - i for i in range(5)]  # each fits; the total Archive shows does not
    column = MEDIA.schema.get_field_index("size_bytes")
    fixture.write(folder, {"media": MEDIA.set_column(column, "size_bytes", pa.array(sizes, pa.int64()))})


def _name_not_text(folder: Path) -> None:
    fixture.write(folder)
    with open(os.path.join(os.fsencode(folder), b"\xff.parquet"), "wb") as fh:
        fh.write(b"PAR1")


REFUSED = {
    "sizes-that-overflow": (_sizes_that_overflow, "ERROR media.size_bytes: values add up to "),
    "file-name-not-text": (_name_not_text, r"ERROR data: 1 file name is not UTF-8 text (e.g. '\xff.parquet'"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("refused", list(REFUSED))
def test_a_refused_set_shows_its_report_not_the_apology(monkeypatch, tmp_path, refused, lang):
    write, line = REFUSED[refused]
    folder = tmp_path / "export"
    write(folder)
    at = open_app(monkeypatch, folder, lang=lang)
    assert not at.exception
    assert [t.value for t in at.title] == [i18n.t("error.page_title", lang)]
    said = _said(at)
    assert line in said
    assert "INVALID: export/: 1 error" in said
    _check(at, lang, "error page", folder)
