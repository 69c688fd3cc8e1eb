"""Exact numbers for the Compare page's queries on the hand-checked fixture (tests/fixture.py).

Who voiced what, by participant (theme, activity):
  P1 Music S1: T1 (DL, FD), T2 (DL)    P2 Music S1: T3 (TM)       P3 Film S1: T1 (DL)
  P4 Tech S2: T4 (FD)                   P5 Music S2: T1, T3 (TM)   P6 Visual S2: T2 (no activity)
  P7 Film S3: T4, T1 (DL)               P8 Film S3: nothing        E7 (S2, FD, T4) is group-level
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import params

DL, FD, TM = "Deep listening", "Facilitated dialogue", "Tactile modelling"


def compare(db, dim, a, b, lang="en", **selected):
    frame = db.run("compare_theme_reach", {**params(lang, **selected), "dim": dim, "a": a, "b": b})
    return frame.set_index("theme_id")


def counts(frame) -> dict[str, tuple[int, int, int, int]]:
    return {
        theme: (row.a_reached, row.a_participants, row.b_reached, row.b_participants)
        for theme, row in frame.iterrows()
    }


def test_music_against_everyone_else(db):
    frame = compare(db, "discipline", "Music", "__rest__")
    # A = P1, P2, P5; B = P3, P4, P6, P7, P8 (P8 never speaks but is still one of the five)
    assert counts(frame) == {"T3": (2, 3, 0, 5), "T1": (2, 3, 2, 5), "T2": (1, 3, 1, 5), "T4": (0, 3, 2, 5)}
    assert list(frame.index) == ["T3", "T1", "T2", "T4"]  # largest difference first
    assert list(frame.a_share) == pytest.approx([2 / 3, 2 / 3, 1 / 3, 0])
    assert list(frame.b_share) == pytest.approx([0, 2 / 5, 1 / 5, 2 / 5])
    assert list(frame.difference) == pytest.approx([2 / 3, 2 / 3 - 2 / 5, 1 / 3 - 1 / 5, -2 / 5])
    assert frame.loc["T3", "theme_label"] == "Roles"


def test_one_venue_against_the_other(db):
    frame = compare(db, "venue", "Bradbury Building", "Hearst Estate")
    # Bradbury = S1 = P1-P3; Hearst = S2, S3 = P4-P8; T1 and T2 tie on difference: codebook order
    assert counts(frame) == {"T1": (2, 3, 2, 5), "T2": (1, 3, 1, 5), "T3": (1, 3, 1, 5), "T4": (0, 3, 2, 5)}
    assert list(frame.index) == ["T1", "T2", "T3", "T4"]


def test_one_session_against_the_rest_and_by_role(db):
    frame = compare(db, "session", "S3", "__rest__")
    # S3 = P7, P8; the rest = P1-P6
    assert counts(frame) == {"T4": (1, 2, 1, 6), "T1": (1, 2, 3, 6), "T2": (0, 2, 2, 6), "T3": (0, 2, 2, 6)}
    role = compare(db, "role", "Director", "Musician")
    # directors P3, P7; musicians P1, P5
    assert counts(role) == {"T4": (1, 2, 0, 2), "T1": (2, 2, 2, 2), "T2": (0, 2, 1, 2), "T3": (0, 2, 1, 2)}


def test_activity_groups_hold_who_spoke_there(db):
    frame = compare(db, "activity", DL, "__rest__")
    # in DL: P1 (E1), P3, P7 -> 3; in the other activities: P1 (E2 FD), P2, P4, P5 -> 4 (P1 in both);
    # P6 spoke only without an activity and E7 has no speaker: in neither group
    assert counts(frame) == {"T1": (3, 3, 2, 4), "T2": (1, 3, 0, 4), "T4": (1, 3, 1, 4), "T3": (0, 3, 2, 4)}
    tm = compare(db, "activity", DL, TM)
    assert counts(tm) == {"T1": (3, 3, 1, 2), "T2": (1, 3, 0, 2), "T4": (1, 3, 0, 2), "T3": (0, 3, 2, 2)}


def test_code_filters_narrow_what_counts_not_who_is_in_a_group(db):
    frame = compare(db, "activity", DL, "__rest__", stance=["risk"])
    # risk codes: P1 T1 DL, P2 T3 TM, P3 T1 DL, P5 T1 TM, P7 T1 DL; groups keep 3 and 4 people
    assert counts(frame) == {"T1": (3, 3, 1, 4), "T2": (0, 3, 0, 4), "T4": (0, 3, 0, 4), "T3": (0, 3, 1, 4)}
    grouped = compare(db, "discipline", "Music", "__rest__", theme_group=["Natures"])
    assert counts(grouped) == {"T1": (2, 3, 2, 5), "T2": (1, 3, 1, 5)}  # only the kept group's themes


def test_sidebar_filters_apply_before_the_split(db):
    frame = compare(db, "discipline", "Music", "__rest__", discipline=["Music", "Film & TV"])
    # everyone else is now Film & TV only: P3, P7, P8
    assert counts(frame) == {"T3": (2, 3, 0, 3), "T2": (1, 3, 0, 3), "T1": (2, 3, 2, 3), "T4": (0, 3, 1, 3)}
    s2 = compare(db, "activity", FD, "__rest__", session=["S2"])
    # S2: P4 spoke in FD (T4); P5 in TM (T1, T3); E7 is group-level, P6 has no activity
    assert counts(s2) == {"T4": (1, 1, 0, 1), "T1": (0, 1, 1, 1), "T3": (0, 1, 1, 1), "T2": (0, 1, 0, 1)}


def test_a_group_the_filters_empty_has_no_share(db):
    frame = compare(db, "discipline", "Technology", "__rest__", discipline=["Music"])
    assert set(frame.a_participants) == {0} and set(frame.b_participants) == {3}
    assert frame.a_share.isna().all() and frame.difference.isna().all()
    unknown = compare(db, "activity", "Astrology", "__rest__")
    assert set(unknown.a_participants) == {0} and set(unknown.b_participants) == {6}  # P1-P5, P7


def test_compare_speaks_french_and_binds_values(db):
    frame = compare(db, "discipline", "Music", "__rest__", lang="fr")
    assert frame.loc["T3", "theme_label"] == "Rôles" and frame.loc["T4", "theme_label"] == "Conception"
    hostile = compare(db, "discipline", "Music' or 1=1 --", "__rest__")
    assert set(hostile.a_participants) == {0} and set(hostile.b_participants) == {8}


def spread(db, lang="en", **selected):
    frame = db.run("theme_discipline_spread", {**params(lang, **selected), "distinctive_share": 0.5})
    return frame.set_index("theme_id")


def test_spread_unfiltered(db):
    frame = spread(db)
    assert list(frame.index) == ["T1", "T2", "T3", "T4"]  # codebook order
    assert list(frame.participants_reached) == [4, 2, 2, 2]  # E7 has no speaker, so T4 has P4 and P7
    assert list(frame.disciplines_voiced) == [2, 2, 1, 2]
    assert set(frame.disciplines) == {4}
    # ties go to the first discipline by name and are reported
    assert list(frame.top_discipline) == ["Film & TV", "Music", "Music", "Film & TV"]
    assert list(frame.top_reached) == [2, 1, 2, 1]
    assert list(frame.top_tied) == [2, 2, 1, 2]
    assert list(frame.top_share) == pytest.approx([0.5, 0.5, 1.0, 0.5])
    assert list(frame.top_baseline) == pytest.approx([3 / 8, 3 / 8, 3 / 8, 3 / 8])
    # a half is not "most": only Roles (Music only) is distinctive; none is voiced in all four
    assert list(frame.spread) == ["between", "between", "distinctive", "between"]


def test_spread_filtered_shared_and_unvoiced(db):
    frame = spread(db, session=["S1"])
    # S1: P1, P2 (Music), P3 (Film & TV): two disciplines
    assert list(frame.spread) == ["shared", "distinctive", "distinctive", "unvoiced"]
    assert list(frame.disciplines_voiced) == [2, 1, 1, 0]
    assert list(frame.top_baseline[:3]) == pytest.approx([1 / 3, 2 / 3, 2 / 3])
    assert frame.loc["T4", "participants_reached"] == 0 and pd.isna(frame.loc["T4", "top_discipline"])
    stricter = db.run("theme_discipline_spread", {**params(session=["S1"]), "distinctive_share": 1.0})
    assert list(stricter.spread) == ["shared", "between", "between", "unvoiced"]  # 100% is not > 100%


def test_spread_follows_code_filters_and_language(db):
    frame = spread(db, "fr", stance=["risk"])
    # risk: P1, P3, P5, P7 voiced T1 (Music 2, Film 2); P2 voiced T3
    assert list(frame.participants_reached) == [4, 0, 1, 0]
    assert list(frame.spread) == ["between", "unvoiced", "distinctive", "unvoiced"]
    assert frame.loc["T1", "top_discipline_label"] == "Cinéma et télévision"
    assert frame.loc["T3", "theme_label"] == "Rôles"
    only_music = spread(db, discipline=["Music"])
    assert set(only_music.disciplines) == {1}
