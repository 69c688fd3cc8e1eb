"""The Evidence page under AppTest: URL state, paging, filters, French, downloads, hostile text."""

from __future__ import annotations

import io
import re

import fixture
import pandas as pd
import pyarrow as pa
import pytest
from apptest import BUNDLED, open_app, quotes, texts, unmarked, url
from conftest import params
from streamlit.testing.v1 import AppTest
from test_injection import MARKDOWN_LIVE

from findings.db import Database
from findings.validate import validate
from findings.words import HIGHLIGHT

PAGE = "views/evidence.py"


def app(monkeypatch, data_dir, **query):
    return open_app(monkeypatch, data_dir, PAGE, **query)


def shown(at: AppTest) -> list[str]:
    """The excerpt texts on the page, in order (plain text, or a search's highlighted Markdown)."""
    skip = {"Quote withheld (consent)", "Citation masquée (consentement)"}
    return [t for t in quotes(at) if not t.startswith(("of ", "sur ")) and t not in skip]


def markdown_like(at: AppTest) -> list[str]:
    """Every element Streamlit renders as Markdown."""
    return [
        str(e.value)
        for e in (*at.markdown, *at.caption, *at.title, *at.subheader, *at.info, *at.warning, *at.error)
    ]


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), keep_default_na=False, dtype=str)


def read_parquet(data: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(data))


def test_on_the_fixture(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    assert not at.exception and not at.error
    assert (
        "10 excerpts match; 2 are withheld for consent; the largest share comes from Deep listening (4)."
        in texts(at)
    )
    # the public lists the 8 quotable excerpts only: the 2 withheld ones count but are no rows
    assert "Excerpts 1–8 of 8" in texts(at)
    assert shown(at)[:2] == ["Words of P1 in E1.", "Words of P1 in E2."]
    assert len(shown(at)) == 8 and "Quote withheld (consent)" not in [t.value for t in at.text]
    assert at.button(key="evidence.next.top").disabled and at.button(key="evidence.previous.top").disabled


def test_on_the_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED)
    assert not at.exception and not at.error
    assert "1,500 excerpts match" in texts(at)
    assert "Excerpts 1–25 of 1,112" in texts(at)  # the quotable ones: 388 are withheld
    assert len(at.get("download_button")) == 2


def test_a_link_reproduces_search_themes_and_page(monkeypatch):
    query = {"q": "MÉMORY", "theme": ["simulation-experience", "friction-matters"], "page": "2"}
    at = app(monkeypatch, BUNDLED, **query)
    assert not at.exception and not at.error
    assert at.text_input(key="page.q").value == "MÉMORY"
    assert at.multiselect(key="page.theme").value == ["simulation-experience", "friction-matters"]
    assert at.number_input(key="evidence.page_number").value == 2
    assert url(at, "q") == ["MÉMORY"] and url(at, "page") == ["2"]
    assert url(at, "theme") == ["simulation-experience", "friction-matters"]
    # the page shows exactly the query's second page of 25 (accents and case ignored)
    report = validate(BUNDLED)
    database = Database(BUNDLED, report.sources)
    try:
        expected = database.run(
            "excerpts",
            {
                **params(),
                "theme": query["theme"],
                "q": "memory",
                "limit": 25,
                "offset": 25,
            },
        )
    finally:
        database.close()
    total = int(expected.total.iloc[0])
    assert 25 < total <= 50
    assert f"Excerpts 26–{total} of {total}" in texts(at)
    assert shown(at) == [t if isinstance(t, str) else "(no text recorded)" for t in expected.excerpt]
    assert at.button(key="evidence.next.top").disabled and not at.button(key="evidence.previous.top").disabled


def test_next_and_a_new_search_move_the_page(monkeypatch):
    at = app(monkeypatch, BUNDLED)
    at.button(key="evidence.next.bottom").click().run()
    assert url(at, "page") == ["2"] and "Excerpts 26–50 of 1,112" in texts(at)
    at.number_input(key="evidence.page_number").set_value(45).run()
    assert url(at, "page") == ["45"] and "Excerpts 1,101–1,112 of 1,112" in texts(at)
    at.text_input(key="page.q").input("memory").run()  # a new search starts at page 1
    assert "page" not in at.query_params and url(at, "q") == ["memory"]
    assert "Excerpts 1–25 of" in texts(at)


def test_filters_and_themes_change_the_numbers(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music")
    assert (
        "4 excerpts match; 1 is withheld for consent; the largest share comes from Tactile modelling (2)."
        in texts(at)
    )
    at.multiselect(key="page.theme").set_value(["T1"]).run()
    assert url(at, "theme") == ["T1"]
    assert "3 excerpts match; none is withheld; the largest share comes from Deep listening (1)." in texts(at)
    assert shown(at) == ["Words of P1 in E1.", "Words of P1 in E2.", "Words of P5 in E6."]
    # the theme list says how many excerpts each theme has under the filters
    options = at.multiselect(key="page.theme").options
    assert options == ["Friction (3)", "Simulation (1)", "Roles (2)", "Design (0)"]


def test_no_match_says_so(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, q="P4")  # P4's words are withheld, so never found
    assert not at.exception
    assert "No excerpt matches this search" in texts(at)
    assert not at.get("download_button")


def test_french(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, lang="fr")
    shown_text = texts(at)
    assert "Les extraits, la matière des résultats" in shown_text
    assert (
        "10 extraits correspondent ; 2 sont masqués faute de consentement ; "
        "la plus grande part vient de l'activité Écoute profonde (4)."
    ) in shown_text
    assert "Extraits 1 à 8 sur 8" in shown_text
    assert "Citation masquée (consentement)" not in [t.value for t in at.text]
    assert "Matin" in shown_text and "Musicien·ne" in shown_text


def test_public_downloads_hold_every_quotable_row_and_no_withheld_one(monkeypatch, fixture_dir, downloads):
    at = app(monkeypatch, fixture_dir, venue="Hearst Estate")  # E5-E10; E5 (P4) is withheld
    assert not at.exception
    csv_bytes, parquet_bytes = downloads["excerpts.csv"](), downloads["excerpts.parquet"]()
    for frame in (read_csv(csv_bytes), read_parquet(parquet_bytes)):
        assert list(frame.excerpt_id) == ["E6", "E7", "E8", "E10", "E9"]
        assert not frame.withheld.astype(str).eq("True").any()
        assert "participant_id" not in frame.columns  # role, discipline and session at most
    assert b"Words of P4" not in csv_bytes and b"Words of P4" not in parquet_bytes
    assert b"Words of P7 in E9." in csv_bytes


def test_research_downloads_list_withheld_rows_without_their_text(monkeypatch, fixture_dir, downloads):
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = app(monkeypatch, fixture_dir, venue="Hearst Estate")
    assert not at.exception
    csv_bytes, parquet_bytes = downloads["excerpts.csv"](), downloads["excerpts.parquet"]()
    for frame in (read_csv(csv_bytes), read_parquet(parquet_bytes)):
        assert list(frame.excerpt_id) == ["E5", "E6", "E7", "E8", "E10", "E9"]
        withheld = frame.withheld.astype(str) == "True"
        assert list(frame.excerpt_id[withheld]) == ["E5"]
        assert frame.excerpt[withheld].fillna("").eq("").all()  # empty, not the words
        assert list(frame.participant_id[:2]) == ["P4", "P5"]  # research keeps the id
    assert b"Words of P4" not in csv_bytes and b"Words of P4" not in parquet_bytes


def test_downloads_are_not_limited_to_the_page(monkeypatch, downloads):
    at = app(monkeypatch, BUNDLED, q="memory")
    assert not at.exception
    frame = read_csv(downloads["excerpts.csv"]())
    assert len(frame) > 25 and f"{len(frame)} excerpts match" in texts(at)
    assert len(read_parquet(downloads["excerpts.parquet"]())) == len(frame)
    assert frame.excerpt.str.lower().str.contains("memory").all()


HOSTILE = {
    "E1": "![x](http://example.com/t.png) **bold** [link](javascript:alert(1))",
    "E2": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "E4": "long " * 400 + "A" * 1500,
    "E6": "مرحبا بالعالم — שלום עולם",
    "E7": "# Heading\n\n> quote\n\n| a | b |",
    "E8": ":material/warning: $x^2$ :red[red]",
}


def hostile_set(directory):
    """The fixture with the HOSTILE texts in place of some excerpts' words."""
    codes = fixture.tables()["theme_codes"]
    texts_by_code = [
        HOSTILE.get(e, t)
        for e, t in zip(codes["excerpt_id"].to_pylist(), codes["excerpt"].to_pylist(), strict=True)
    ]
    codes = codes.set_column(codes.column_names.index("excerpt"), "excerpt", pa.array(texts_by_code))
    return fixture.write(directory, {"theme_codes": codes})


def test_hostile_excerpt_text_is_shown_only_as_plain_text(monkeypatch, tmp_path, downloads):
    at = app(monkeypatch, hostile_set(tmp_path))
    assert not at.exception and not at.error
    plain = [t.value for t in at.text]
    rendered = "\n".join(markdown_like(at))
    for text in HOSTILE.values():
        assert text in plain  # shown whole, as plain text
        assert text not in rendered  # and never handed to Markdown
    for fragment in ("![x](", "<script>", "onerror", "javascript:", "# Heading", ":red[", "שלום"):
        assert fragment not in rendered
    exported = read_csv(downloads["excerpts.csv"]()).set_index("excerpt_id")
    assert exported.loc["E2", "excerpt"] == HOSTILE["E2"]  # the data itself is kept intact


@pytest.mark.parametrize("q", ["alert", "HEADING", "red", "עולם", "long"])
def test_a_search_highlights_hostile_text_and_keeps_it_inert(monkeypatch, tmp_path, q):
    """With a search, an excerpt's matches are highlighted in Markdown: every other character is
    escaped, so the text reads exactly as written and none of it becomes a link, image or tag."""
    at = app(monkeypatch, hostile_set(tmp_path), q=q)
    assert not at.exception and not at.error
    marked = [str(e.value) for e in at.markdown if HIGHLIGHT[0] in str(e.value)]
    assert marked  # each search finds a hostile text
    for value in marked:
        assert not MARKDOWN_LIVE.search(value)
        assert "<script>" not in value and ":red[" not in value and "![x](" not in value
        assert unmarked(value) in HOSTILE.values()  # read back, the words are the words written
        highlighted = re.findall(re.escape(HIGHLIGHT[0]) + r"(.*?)" + re.escape(HIGHLIGHT[1]), value)
        assert highlighted and all(unmarked(h).lower() == q.lower() for h in highlighted)


def test_two_themes_list_any_of_them_or_only_those_with_both(monkeypatch, downloads):
    """`all_themes` (offered once two themes are chosen) keeps the excerpts coded with every chosen
    theme: as many as the co-occurrence grid counts for the pair, in the list and the download."""
    pair = ["friction-matters", "simulation-experience"]
    anyone = app(monkeypatch, BUNDLED, theme=pair)
    assert not anyone.exception and anyone.toggle(key="page.all_themes").value is False
    both = app(monkeypatch, BUNDLED, theme=pair, all_themes="1")
    assert both.toggle(key="page.all_themes").value is True and url(both, "all_themes") == ["1"]
    grid = Database(BUNDLED, validate(BUNDLED).sources).run(
        "theme_cooccurrence", {**params(), "audience": "public"}
    )
    shared = grid[(grid.theme_a == pair[0]) & (grid.theme_b == pair[1])].shared_excerpts.iloc[0]
    assert f"{shared} excerpts match" in texts(both)
    assert f"{shared} excerpts match" not in texts(anyone)
    frame = read_csv(downloads["excerpts.csv"]())
    labels = ("Friction matters", "Simulation ≠ experience")
    assert len(frame) and all(all(label in themes for label in labels) for themes in frame.themes)
    single = app(monkeypatch, BUNDLED, theme=pair[:1], all_themes="1")  # one theme: no switch to show
    assert not [t for t in single.toggle if t.key == "page.all_themes"]
