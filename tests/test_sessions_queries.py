"""Exact numbers for the Sessions page's queries on the hand-checked fixture (see tests/fixture.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import params


def roster(db, lang="en", **selected) -> pd.DataFrame:
    return db.run("session_roster", params(lang, **selected)).set_index("session_id")


def mix(frame, session) -> list[tuple[str, int]]:
    return list(
        zip(
            frame.loc[session, "discipline_labels"],
            frame.loc[session, "discipline_participants"],
            strict=True,
        )
    )


def test_session_roster_unfiltered(db):
    frame = roster(db)
    assert list(frame.index) == ["S1", "S2", "S3"]  # by date, the undated S3 last
    assert list(frame.participants) == [3, 3, 2]
    assert list(frame.participants_total) == [3, 3, 2]
    assert list(frame.participants_reached) == [3, 3, 1]  # P8 never speaks; E7 is group-level
    assert list(frame.excerpts) == [4, 4, 2]
    assert list(frame.code_applications) == [5, 5, 2]
    assert frame.loc["S1", "date"] == pd.Timestamp("2025-01-10") and pd.isna(frame.loc["S3", "date"])
    assert frame.loc["S2", "duration_minutes"] == 300 and pd.isna(frame.loc["S3", "duration_minutes"])
    assert mix(frame, "S1") == [("Music", 2), ("Film & TV", 1)]  # most first
    assert mix(frame, "S2") == [("Music", 1), ("Technology", 1), ("Visual arts", 1)]  # ties by label


def test_session_roster_drops_sessions_the_filters_exclude(db):
    music = roster(db, discipline=["Music"])
    assert list(music.index) == ["S1", "S2"]  # nobody in S3 plays music
    assert list(music.participants) == [2, 1] and list(music.participants_total) == [3, 3]
    assert list(music.excerpts) == [3, 1] and list(music.code_applications) == [4, 2]
    assert list(music.participants_reached) == [2, 1]
    assert mix(music, "S2") == [("Music", 1)]
    assert list(roster(db, venue=["Hearst Estate"]).index) == ["S2", "S3"]
    assert roster(db, discipline=["Music"], session=["S3"]).empty


def test_session_roster_code_filters_keep_sessions_but_change_counts(db):
    risk = roster(db, stance=["risk"])
    assert list(risk.index) == ["S1", "S2", "S3"] and list(risk.participants) == [3, 3, 2]
    assert list(risk.excerpts) == [3, 1, 1]  # E1 E3 E4; E6; E10
    assert list(risk.participants_reached) == [3, 1, 1]


def test_session_roster_french(db):
    frame = roster(db, "fr")
    assert list(frame.title) == ["Matin", "Après-midi", "Soir"]
    assert frame.loc["S2", "venue"] == "Domaine Hearst"
    assert mix(frame, "S1") == [("Musique", 2), ("Cinéma et télévision", 1)]


def cell(frame, row_key, row_value, theme):
    match = frame[(frame[row_key].fillna("-") == row_value) & (frame.theme_id == theme)]
    assert len(match) == 1
    return match.iloc[0]


def test_session_theme_matrix_unfiltered(db):
    frame = db.run("session_theme_matrix", params())
    assert len(frame) == 12  # every kept session x every theme, zeros included
    assert list(frame.session_id.unique()) == ["S1", "S2", "S3"]
    assert list(frame.theme_id[:4]) == ["T1", "T2", "T3", "T4"]
    s1_t1 = cell(frame, "session_id", "S1", "T1")  # E1 E2 (P1) and E4 (P3)
    assert (s1_t1.participants_reached, s1_t1.participants, s1_t1.excerpts, s1_t1.code_applications) == (
        2,
        3,
        3,
        3,
    )
    assert s1_t1.share_reached == pytest.approx(2 / 3)
    s2_t4 = cell(frame, "session_id", "S2", "T4")  # E5 (P4) and the group-level E7
    assert (s2_t4.participants_reached, s2_t4.excerpts) == (1, 2)
    s3_t2 = cell(frame, "session_id", "S3", "T2")
    assert (s3_t2.participants_reached, s3_t2.excerpts, s3_t2.share_reached) == (0, 0, 0)


def test_session_theme_matrix_filtered(db):
    music = db.run("session_theme_matrix", params(discipline=["Music"]))
    assert len(music) == 8 and set(music.session_id) == {"S1", "S2"}
    s1_t1 = cell(music, "session_id", "S1", "T1")  # P1's E1 and E2
    assert (s1_t1.participants_reached, s1_t1.participants, s1_t1.excerpts) == (1, 2, 2)
    assert cell(music, "session_id", "S2", "T3").share_reached == pytest.approx(1.0)  # P5, alone
    natures = db.run("session_theme_matrix", params(theme_group=["Natures"]))
    assert len(natures) == 6 and set(natures.theme_id) == {"T1", "T2"}


def test_activity_theme_matrix_unfiltered(db):
    frame = db.run("activity_theme_matrix", params())
    assert len(frame) == 16
    assert list(frame.activity.drop_duplicates().fillna("-")) == [
        "Deep listening",
        "Facilitated dialogue",
        "Tactile modelling",
        "-",
    ]
    assert set(frame.participants) == {8}
    dl_t1 = cell(frame, "activity", "Deep listening", "T1")  # E1 (P1), E4 (P3), E10 (P7)
    assert (dl_t1.participants_reached, dl_t1.excerpts, dl_t1.code_applications) == (3, 3, 3)
    assert dl_t1.share_reached == pytest.approx(3 / 8)
    fd_t4 = cell(frame, "activity", "Facilitated dialogue", "T4")  # E5 (P4) and the group-level E7
    assert (fd_t4.participants_reached, fd_t4.excerpts) == (1, 2)
    assert cell(frame, "activity", "Tactile modelling", "T3").participants_reached == 2  # P2, P5
    unrecorded = cell(frame, "activity", "-", "T2")  # E8 has no activity
    assert (unrecorded.participants_reached, unrecorded.excerpts) == (1, 1)
    assert frame.excerpts.sum() == 12  # summed over themes a passage counts once per theme it carries


def test_activity_theme_matrix_filtered_and_french(db):
    tactile = db.run("activity_theme_matrix", params(activity=["Tactile modelling"]))
    assert set(tactile.activity) == {"Tactile modelling"}  # the unrecorded row goes with the filter
    assert list(tactile.excerpts) == [1, 0, 2, 0]
    music = db.run("activity_theme_matrix", params(discipline=["Music"]))
    assert set(music.participants) == {3}
    assert cell(music, "activity", "Tactile modelling", "T3").share_reached == pytest.approx(2 / 3)
    assert cell(music, "activity", "-", "T2").excerpts == 0  # E8 is P6's, a visual artist
    french = db.run("activity_theme_matrix", params("fr"))
    assert list(french.activity_label.drop_duplicates().fillna("-")) == [
        "Écoute profonde",
        "Dialogue animé",
        "Modelage tactile",
        "-",
    ]
    assert list(french.theme_label[:4]) == ["Friction", "Simulation", "Rôles", "Conception"]
