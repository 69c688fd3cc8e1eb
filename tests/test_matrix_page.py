"""The quote matrix: counts per group and theme as the theme list gives them under each group's
filters, one quotable quote per cell (never a withheld one), groups by any dimension, French, the
CSV, and the public view's protection."""

from __future__ import annotations

import io

import pandas as pd
from apptest import BUNDLED, open_app, quote_cards, texts, url

PAGE = "views/matrix.py"


def grid(at) -> dict:
    frame = at.dataframe[0].value.set_index(at.dataframe[0].value.columns[0])
    return {(row, column): frame.loc[row, column] for row in frame.index for column in frame.columns}


def test_counts_by_discipline_on_the_fixture(monkeypatch, fixture_dir):
    at = open_app(monkeypatch, fixture_dir, PAGE)
    assert not at.exception
    counts = grid(at)
    # Music: P1 (E1: Friction, Simulation; E2: Friction), P2 (E3: Roles), P5 (E6: Friction, Roles)
    assert counts[("Music", "Friction")] == 3 and counts[("Music", "Roles")] == 2
    assert counts[("Music", "Simulation")] == 1 and counts[("Music", "Design")] == 0
    assert counts[("Film & TV", "Friction")] == 2 and counts[("Technology", "Design")] == 1


def test_a_cell_quotes_only_what_may_be_quoted(monkeypatch, fixture_dir, downloads):
    at = open_app(monkeypatch, fixture_dir, PAGE)
    said = texts(at)
    # the first group (Film & TV) is open: its quotes are there; the others wait to be opened
    quotes = [line for line in said.split("\n") if line.startswith("“")]
    assert quotes == ["“Words of P3 in E4.”", "“Words of P7 in E9.”"]
    table = pd.read_csv(io.BytesIO(downloads["quote-matrix.csv"]()), keep_default_na=False)
    cell = table.set_index(["group", "theme_id"])["quote"]
    assert cell[("Music", "T3")] == "Words of P5 in E6."  # Music x Roles: E3 (P2, research consent) withheld
    assert cell[("Technology", "T4")] == ""  # Technology x Design: E5 (P4, no consent) only
    assert not table["quote"].str.contains("P2|P4").any()
    assert set(table.columns) >= {"group", "theme_id", "excerpts", "quote", "excerpt_id"}
    links = [link.proto for link in at.get("page_link") if "evidence" in link.proto.page]
    assert "discipline=Film+%26+TV&theme=T1" in [link.query_string for link in links]


def test_groups_by_session_and_the_sidebar_choice(monkeypatch, fixture_dir):
    at = open_app(monkeypatch, fixture_dir, PAGE, dim="session", session="S2")
    assert not at.exception and url(at, "dim") == ["session"]
    assert [key[0] for key in grid(at)][:1] == ["Afternoon"] and len({key[0] for key in grid(at)}) == 1


def test_french(monkeypatch, fixture_dir):
    at = open_app(monkeypatch, fixture_dir, PAGE, lang="fr")
    assert not at.exception
    assert "Matrice de citations : groupes par thèmes" in texts(at)
    assert ("Musique", "Friction") in grid(at) or any(k[0] == "Musique" for k in grid(at))


def test_the_public_view_suppresses_small_cells_and_quotes_none_of_them(monkeypatch):
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")
    at = open_app(monkeypatch, BUNDLED, PAGE, dim="role")
    assert not at.exception
    assert not quote_cards(at)  # quotes are plain lines, not excerpt cards
    said = texts(at)
    assert "suppressed" in said  # some role x theme cells rest on fewer than 3 people
    for line in said.split("\n"):
        assert not (line.startswith("“") and "withheld" in line.lower())
