"""Exact numbers for the Evidence page's queries on the hand-checked fixture (see tests/fixture.py).

Consent in the fixture: P2 (research) and P4 (none) may not be quoted, so E3 and E5 are withheld;
the group-level E7 has no speaker and is quotable.
"""

from __future__ import annotations

import pytest
from conftest import params


def run(db, name, lang="en", theme=(), q=None, **selected):
    extra = {"theme": list(theme)}
    if q is not None:
        extra["q"] = q
    return db.run(name, {**params(lang, **selected), **extra})


# --- theme_options ------------------------------------------------------------------------


def test_theme_options_in_codebook_order_with_excerpt_counts(db):
    frame = run(db, "theme_options")
    assert list(frame.theme_id) == ["T1", "T2", "T3", "T4"]
    assert list(frame.label) == ["Friction", "Simulation", "Roles", "Design"]
    # T1: E1 E2 E4 E6 E10; T2: E1 E8; T3: E3 E6; T4: E5 E7 E9
    assert list(frame.excerpts) == [5, 2, 2, 3]


def test_theme_options_follow_the_filters_and_keep_every_theme(db):
    music = run(db, "theme_options", discipline=["Music"])  # P1 P2 P5: E1 E2 E3 E6
    assert list(music.excerpts) == [3, 1, 2, 0]  # Design stays, at zero
    opportunity = run(db, "theme_options", stance=["opportunity"])  # C03 C06 C09 C11
    assert list(opportunity.excerpts) == [1, 0, 0, 3]
    french = run(db, "theme_options", "fr")
    assert list(french.label) == ["Friction", "Simulation", "Rôles", "Conception"]
    assert list(french.theme_group_label) == ["Natures", "Natures", "Industrie", "Voie à suivre"]


# --- excerpt_summary ----------------------------------------------------------------------


def summary(db, lang="en", theme=(), q="", **selected) -> dict:
    return run(db, "excerpt_summary", lang, theme, q, **selected).iloc[0].to_dict()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # everything: E3 and E5 withheld; Deep listening E1 E4 E9 E10, Facilitated E2 E5 E7, Tactile E3 E6
        ({}, (10, 2, "Deep listening", 4)),
        # Design: E5 (withheld) and E7 from the dialogue, E9 from deep listening
        ({"theme": ["T4"]}, (3, 1, "Facilitated dialogue", 2)),
        # two themes: any of them (T3: E3 E6; T4: E5 E7 E9)
        ({"theme": ["T3", "T4"]}, (5, 2, "Facilitated dialogue", 2)),
        # the search ignores case and accents; a tie (E1 deep listening, E2 dialogue) goes alphabetically
        ({"q": "wÖrds of p1"}, (2, 0, "Deep listening", 1)),
        # withheld words are never searched
        ({"q": "P4"}, (0, 0, None, 0)),
        # risk codes: E1 E3 E4 E6 E10
        ({"stance": ["risk"]}, (5, 1, "Deep listening", 3)),
        # a role filter drops the group-level E7
        ({"role": ["Technologist"]}, (1, 1, "Facilitated dialogue", 1)),
        # Music: E1 (DL), E2 (FD), E3 (TM, withheld), E6 (TM)
        ({"discipline": ["Music"]}, (4, 1, "Tactile modelling", 2)),
        # E8 has no activity: it counts, but names no activity
        ({"theme": ["T2"], "session": ["S2"]}, (1, 0, None, 0)),
    ],
)
def test_excerpt_summary(db, query, expected):
    row = summary(db, **query)
    top = row["top_activity"] if isinstance(row["top_activity"], str) else None
    assert (row["excerpts"], row["withheld"], top, row["top_activity_excerpts"]) == expected


def test_excerpt_summary_in_french(db):
    row = summary(db, "fr", theme=["T3"])  # E3 (withheld) and E6, both tactile modelling
    assert (row["excerpts"], row["withheld"], row["top_activity"]) == (2, 1, "Modelage tactile")


# --- excerpts_export ----------------------------------------------------------------------


def export(db, lang="en", theme=(), q="", **selected):
    return run(db, "excerpts_export", lang, theme, q, **selected)


def test_the_public_export_lists_quotable_rows_only(db):
    frame = export(db)
    assert list(frame.excerpt_id) == ["E1", "E2", "E4", "E6", "E7", "E8", "E10", "E9"]  # not E3, E5
    assert not frame.withheld.any() and frame.excerpt.notna().all()


def test_export_has_every_row_flat_and_withholds_text(db):
    frame = db.run("excerpts_export", {**params(), "theme": [], "q": "", "audience": "research"})
    assert len(frame) == 10
    assert list(frame.excerpt_id) == ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E10", "E9"]
    by_id = frame.set_index("excerpt_id")
    assert by_id.loc["E1", "themes"] == "Friction; Simulation"
    assert by_id.loc["E1", "theme_ids"] == "T1; T2"
    assert by_id.loc["E1", "stances"] == "mixed; risk"
    assert (
        by_id.loc["E8", "stances"] == "" and by_id.loc["E8", "activity"] != by_id.loc["E8", "activity"]
    )  # NaN
    assert list(frame.withheld) == [False, False, False, False, True, False, False, False, False, False]
    assert frame.excerpt[frame.withheld].isna().all()
    assert frame.excerpt.dropna().str.contains("P4").sum() == 0
    e7 = by_id.loc["E7"]
    assert (
        e7.excerpt == "Words of the group in E7."
        and e7[["participant_id", "role", "discipline"]].isna().all()
    )


def test_export_follows_filters_themes_search_and_language(db):
    assert list(export(db, theme=["T1"], discipline=["Music"]).excerpt_id) == ["E1", "E2", "E6"]
    assert list(export(db, q="GROUP").excerpt_id) == ["E7"]
    assert export(db, q="P2").empty
    french = export(db, "fr", theme=["T3"]).set_index("excerpt_id")
    assert french.loc["E6", "themes"] == "Friction; Rôles"
    assert french.loc["E6", "session"] == "Après-midi" and french.loc["E6", "activity"] == "Modelage tactile"


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"theme": ["T1", "T4"]},
        {"q": "words of p"},
        {"stance": ["risk"], "venue": ["Hearst Estate"]},
        {"role": ["Musician"]},
    ],
)
def test_export_summary_and_page_agree(db, query):
    """The three queries repeat the consent and search rules: they must keep the same passages."""
    exported = export(db, **query)
    selected = {k: v for k, v in query.items() if k not in ("theme", "q")}
    paged = db.run(
        "excerpts",
        {
            **params(**selected),
            "theme": query.get("theme", []),
            "q": query.get("q", ""),
            "limit": 1000,
            "offset": 0,
        },
    )
    counted = summary(db, **query)
    assert list(exported.excerpt_id) == list(paged.excerpt_id)
    assert list(exported.withheld) == list(paged.withheld)
    assert list(exported.excerpt.fillna("")) == list(paged.excerpt.fillna(""))
    # the public lists the quotable ones only: the withheld ones count, but are no rows
    assert counted["listed"] == counted["quotable"] == len(exported) and not exported.withheld.any()
    assert counted["excerpts"] == counted["quotable"] + counted["withheld"]
