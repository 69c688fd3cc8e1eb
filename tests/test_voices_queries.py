"""Exact numbers for the Voices page's queries on the hand-checked fixture (see tests/fixture.py).

People: S1 P1 Musician/Music, P2 Composer/Music, P3 Director/Film & TV; S2 P4 Technologist/
Technology, P5 Musician/Music, P6 Artist/Visual arts; S3 P7 Director/Film & TV, P8 Producer/Film & TV.
"""

from __future__ import annotations

from conftest import params


def rows(frame, *columns) -> list[tuple]:
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]


# --- session_composition ------------------------------------------------------------------


def test_session_composition_by_discipline(db):
    frame = db.run("session_composition", {**params(), "by": "discipline"})
    assert rows(frame, "session_id", "value", "participants", "session_participants") == [
        ("S1", "Film & TV", 1, 3),
        ("S1", "Music", 2, 3),
        ("S2", "Music", 1, 3),
        ("S2", "Technology", 1, 3),
        ("S2", "Visual arts", 1, 3),
        ("S3", "Film & TV", 2, 2),  # P8 never speaks but took part
    ]
    assert list(frame.session.unique()) == ["Morning", "Afternoon", "Evening"]


def test_session_composition_by_role_in_french(db):
    frame = db.run("session_composition", {**params("fr"), "by": "role"})
    assert rows(frame, "session_id", "value", "participants") == [
        ("S1", "Composer", 1),
        ("S1", "Director", 1),
        ("S1", "Musician", 1),
        ("S2", "Artist", 1),
        ("S2", "Musician", 1),
        ("S2", "Technologist", 1),
        ("S3", "Director", 1),
        ("S3", "Producer", 1),
    ]
    assert frame.label.iloc[0] == "Compositeur·rice" and frame.session.iloc[0] == "Matin"


def test_session_composition_counts_people_not_codes(db):
    hearst = db.run("session_composition", {**params(venue=["Hearst Estate"]), "by": "discipline"})
    assert sorted(set(hearst.session_id)) == ["S2", "S3"] and hearst.participants.sum() == 5
    music = db.run("session_composition", {**params(discipline=["Music"]), "by": "discipline"})
    assert rows(music, "session_id", "participants") == [("S1", 2), ("S2", 1)]
    # a code-level filter (stance) does not change who took part
    risk = db.run("session_composition", {**params(stance=["risk"]), "by": "discipline"})
    assert risk.participants.sum() == 8


# --- discipline_roles ---------------------------------------------------------------------


def test_discipline_roles_largest_first(db):
    frame = db.run("discipline_roles", params())
    assert rows(frame, "discipline", "role", "participants", "discipline_participants") == [
        ("Film & TV", "Director", 2, 3),
        ("Film & TV", "Producer", 1, 3),  # ties: by name
        ("Music", "Musician", 2, 3),
        ("Music", "Composer", 1, 3),
        ("Technology", "Technologist", 1, 1),
        ("Visual arts", "Artist", 1, 1),
    ]
    assert set(frame.total_participants) == {8}


def test_discipline_roles_filtered_and_french(db):
    s2 = db.run("discipline_roles", params("fr", session=["S2"]))
    assert rows(s2, "discipline_label", "role_label", "participants") == [
        ("Musique", "Musicien·ne", 1),
        ("Technologie", "Technologue", 1),
        ("Arts visuels", "Artiste", 1),
    ]
    assert set(s2.total_participants) == {3}
    assert db.run("discipline_roles", params(discipline=["Music"], session=["S3"])).empty


# --- participant_list ---------------------------------------------------------------------


def test_participant_list_counts_each_persons_excerpts(db):
    frame = db.run("participant_list", params())
    assert list(frame.participant_id) == [f"P{i}" for i in range(1, 9)]
    assert list(frame.excerpts) == [2, 1, 1, 1, 1, 1, 2, 0]  # E7 is group-level: nobody's
    assert rows(frame, "session", "role", "discipline")[6] == ("Evening", "Director", "Film & TV")


def test_participant_list_code_filters_change_counts_not_people(db):
    risk = db.run("participant_list", params(stance=["risk"]))  # E1 E3 E4 E6 E10
    assert list(risk.excerpts) == [1, 1, 1, 0, 1, 0, 1, 0]
    way_forward = db.run("participant_list", params(theme_group=["Way forward"]))  # E5 E7 E9
    assert list(way_forward.excerpts) == [0, 0, 0, 1, 0, 0, 1, 0]
    hearst = db.run("participant_list", params("fr", venue=["Hearst Estate"]))
    assert list(hearst.participant_id) == ["P4", "P5", "P6", "P7", "P8"]
    assert list(hearst.excerpts) == [1, 1, 1, 2, 0]
    assert hearst.role.iloc[0] == "Technologue" and hearst.session.iloc[0] == "Après-midi"
