"""The standalone report: self-contained, consent-respecting, inert data text, opens offline."""

from __future__ import annotations

import datetime as dt
import re

import fixture
import pyarrow as pa

from findings import report
from findings.app.context import PageContext
from findings.db import Database
from findings.filters import Filters
from findings.validate import validate

TODAY = dt.date(2026, 1, 2)


def context(folder, audience="public", lang="en", min_cell=3, **selected) -> PageContext:
    checked = validate(folder)
    database = Database(folder, checked.sources)
    return PageContext(database, checked, Filters.of(**selected), lang, {}, audience, min_cell)


def test_report_is_self_contained_and_consent_respecting(fixture_dir):
    # (with suppression off: on 8 people a rule's quotable words rest on fewer than 3, so at 3
    # none would be listed; tests/test_list_privacy.py checks that)
    page = report.build(context(fixture_dir, min_cell=0), "all filters off", TODAY)
    # nothing is loaded from anywhere: no external script, stylesheet, image or frame
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "cdn.plot.ly" not in page.split("</head>")[1]
    assert page.count("<script type='text/javascript'>") == 1  # plotly.js, inlined once
    assert "Generated on 2026-01-02" in page and "Tiny fixture" in page
    assert "Build for Process, Not Just Output" in page
    # public audience: P2 (research) and P4 (none) are never quoted; P5's words are
    assert "Words of P5 in E6." in page
    assert "Words of P2" not in page and "Words of P4" not in page


def test_research_audience_and_french(fixture_dir):
    page = report.build(context(fixture_dir, audience="research", lang="fr"), "aucun filtre", TODAY)
    assert "Words of P2 in E3." in page and "Words of P4" not in page  # 'none' never
    assert "Produit le 2026-01-02" in page and "<html lang='fr'>" in page


def test_filters_change_the_report(fixture_dir):
    page = report.build(context(fixture_dir, discipline=["Music"]), "Discipline: Music", TODAY)
    assert "<b>3</b>Participants (of 8)" in page and "Discipline: Music" in page


def test_hostile_text_is_escaped(tmp_path):
    codes = fixture.tables()["theme_codes"]
    texts = codes.column("excerpt").to_pylist()
    hostile = "<script>alert(1)</script><img src=http://example.com/x.png>"
    texts[6] = texts[7] = hostile  # C07 and C08: E6, spoken by P5 (public consent)
    codes = codes.set_column(codes.column_names.index("excerpt"), "excerpt", pa.array(texts))
    page = report.build(context(fixture.write(tmp_path, {"theme_codes": codes}), min_cell=0), "x", TODAY)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=http://example.com" not in page


def test_the_report_holds_the_quote_matrix(fixture_dir):
    """By discipline: each cell's count and quote as the Quote matrix page gives them; the words of
    P2 (research consent) and P4 (none) never reach the public's report."""
    from findings.app.data import filter_options

    plain = context(fixture_dir, min_cell=0)
    _values, labels = filter_options(plain.db, "en")
    page = report.build(
        PageContext(plain.db, plain.report, plain.filters, "en", labels, "public", 0),
        "all filters off",
        TODAY,
    )
    assert "Quote matrix: groups by themes" in page and "<table class='matrix'>" in page
    assert "<q>Words of P5 in E6.</q>" in page  # Music x Roles: E3 (P2) is withheld from the public
    assert "Words of P2" not in page and "Words of P4" not in page
