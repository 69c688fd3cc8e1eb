"""Exact numbers for the Themes page's queries, hand-counted from the table in tests/fixture.py.

Reminder of the fixture: 8 participants (Music P1 P2 P5, Film & TV P3 P7 P8, Technology P4,
Visual arts P6); themes T1 Friction, T2 Simulation (Natures), T3 Roles (Industry), T4 Design
(Way forward). T1 is coded on E1 E2 (P1), E4 (P3), E6 (P5), E10 (P7); T2 on E1 (P1), E8 (P6);
T3 on E3 (P2), E6 (P5); T4 on E5 (P4), E7 (group-level), E9 (P7). E1 and E6 carry two themes.
"""

from __future__ import annotations

import pytest
from conftest import params


def run(db, name, lang="en", **selected):
    return db.run(name, params(lang, **selected))


# --- theme_prevalence ------------------------------------------------------------------------


def test_prevalence_in_all_three_measures(db):
    frame = run(db, "theme_prevalence")
    assert list(frame.theme_id) == ["T1", "T2", "T3", "T4"]  # codebook order
    assert list(frame.theme_group) == ["Natures", "Natures", "Industry", "Way forward"]
    # participants reached: T1 P1 P3 P5 P7; T2 P1 P6; T3 P2 P5; T4 P4 P7 (E7 reaches nobody)
    assert list(frame.participants_reached) == [4, 2, 2, 2]
    assert set(frame.participants) == {8}
    assert list(frame.share_reached) == pytest.approx([4 / 8, 2 / 8, 2 / 8, 2 / 8])
    assert list(frame.excerpts) == [5, 2, 2, 3]  # T4 counts the group-level E7
    assert list(frame.code_applications) == [5, 2, 2, 3]


def test_prevalence_follows_participant_and_code_filters(db):
    music = run(db, "theme_prevalence", discipline=["Music"])  # P1 P2 P5: E1 E2 E3 E6
    assert list(music.participants_reached) == [2, 1, 2, 0]
    assert list(music.share_reached) == pytest.approx([2 / 3, 1 / 3, 2 / 3, 0])
    assert list(music.excerpts) == [3, 1, 2, 0]  # a theme nobody voiced stays, at zero
    risk = run(db, "theme_prevalence", stance=["risk"])  # C01 C04 C05 C07 C12
    assert list(risk.code_applications) == [4, 0, 1, 0]
    assert list(risk.participants_reached) == [4, 0, 1, 0]
    assert set(risk.participants) == {8}  # a code-level filter leaves the people alone


def test_prevalence_theme_group_filter_narrows_the_codebook_and_french(db):
    frame = run(db, "theme_prevalence", "fr", theme_group=["Industry", "Way forward"])
    assert list(frame.theme_id) == ["T3", "T4"]
    assert list(frame.theme_label) == ["Rôles", "Conception"]
    assert list(frame.theme_group_label) == ["Industrie", "Voie à suivre"]


# --- theme_discipline_reach ------------------------------------------------------------------


def shares(frame) -> dict[tuple[str, str], tuple[int, int]]:
    return {(r.theme_id, r.discipline): (r.participants_reached, r.participants) for r in frame.itertuples()}


def test_theme_by_discipline_shares(db):
    frame = run(db, "theme_discipline_reach")
    assert len(frame) == 4 * 4  # every theme x every discipline with participants
    cells = shares(frame)
    assert cells[("T1", "Music")] == (2, 3)  # P1, P5
    assert cells[("T1", "Film & TV")] == (2, 3)  # P3, P7 (P8 never speaks)
    assert cells[("T1", "Technology")] == (0, 1)
    assert cells[("T2", "Visual arts")] == (1, 1)  # P6
    assert cells[("T2", "Music")] == (1, 3)
    assert cells[("T3", "Music")] == (2, 3)  # P2, P5
    assert cells[("T4", "Technology")] == (1, 1)  # P4; E7 is group-level, no discipline
    assert cells[("T4", "Film & TV")] == (1, 3)
    assert cells[("T4", "Music")] == (0, 3)
    row = frame.set_index(["theme_id", "discipline"]).loc[("T2", "Music")]
    assert row.share_reached == pytest.approx(1 / 3)


def test_theme_by_discipline_top_discipline_keeps_ties(db):
    frame = run(db, "theme_discipline_reach")
    tops = {t: sorted(g.discipline[g.top_discipline]) for t, g in frame.groupby("theme_id")}
    assert tops == {
        "T1": ["Film & TV", "Music"],  # 2 of 3 each: a tie names both
        "T2": ["Visual arts"],
        "T3": ["Music"],
        "T4": ["Technology"],
    }
    # a theme nobody voiced has no top discipline: Design among musicians
    music = run(db, "theme_discipline_reach", discipline=["Music"])
    assert list(music.theme_id[music.top_discipline]) == ["T1", "T2", "T3"]
    # at the Hearst Estate (P4-P8) Roles reaches P5 alone: Music, 1 of 1
    hearst = run(db, "theme_discipline_reach", venue=["Hearst Estate"])
    roles = hearst[hearst.theme_id == "T3"].set_index("discipline")
    assert roles.participants_reached.sum() == 1 and list(roles.index[roles.top_discipline]) == ["Music"]
    assert tuple(roles.loc["Music", ["participants_reached", "participants"]]) == (1, 1)


def test_theme_by_discipline_filtered_and_french(db):
    frame = run(db, "theme_discipline_reach", "fr", session=["S1"])  # P1 P2 (Music), P3 (Film & TV)
    assert sorted(set(frame.discipline_label)) == ["Cinéma et télévision", "Musique"]
    cells = shares(frame)
    assert cells[("T1", "Music")] == (1, 2) and cells[("T1", "Film & TV")] == (1, 1)
    assert cells[("T3", "Music")] == (1, 2)
    nobody = run(db, "theme_discipline_reach", discipline=["Music"], session=["S3"])
    assert nobody.empty


# --- theme_stance_split ----------------------------------------------------------------------


def stance_counts(frame) -> dict[str, list[int]]:
    return {t: list(g.code_applications) for t, g in frame.groupby("theme_id", sort=False)}


def test_stance_split_in_code_applications(db):
    frame = run(db, "theme_stance_split")
    assert list(frame.stance[:3]) == ["risk", "mixed", "opportunity"]
    # [risk, mixed, opportunity] per theme
    assert stance_counts(frame) == {"T1": [4, 0, 1], "T2": [0, 1, 0], "T3": [1, 1, 0], "T4": [0, 0, 3]}
    t2 = frame[frame.theme_id == "T2"].iloc[0]
    assert (t2.with_stance, t2.without_stance) == (1, 1)  # E8's code has no stance
    t1 = frame[frame.theme_id == "T1"].set_index("stance")
    assert t1.loc["risk", "share"] == pytest.approx(4 / 5)


def test_stance_split_filtered(db):
    music = run(db, "theme_stance_split", discipline=["Music"])  # C01-C04, C07, C08
    assert stance_counts(music) == {"T1": [2, 0, 1], "T2": [0, 1, 0], "T3": [1, 1, 0], "T4": [0, 0, 0]}
    risky = run(db, "theme_stance_split", stance=["risk", "mixed"])
    assert set(risky.stance) == {"risk", "mixed"}
    assert stance_counts(risky)["T1"] == [4, 0]


# --- theme_cooccurrence ----------------------------------------------------------------------


def matrix(frame, column):
    return {(r.theme_a, r.theme_b): getattr(r, column) for r in frame.itertuples()}


def test_cooccurrence_counts_and_jaccard(db):
    frame = run(db, "theme_cooccurrence")
    assert len(frame) == 16  # every ordered pair, diagonal included
    shared = matrix(frame, "shared_excerpts")
    assert shared[("T1", "T2")] == shared[("T2", "T1")] == 1  # E1
    assert shared[("T1", "T3")] == 1  # E6
    assert shared[("T2", "T3")] == 0 and shared[("T1", "T4")] == 0 and shared[("T3", "T4")] == 0
    assert [shared[(t, t)] for t in ("T1", "T2", "T3", "T4")] == [5, 2, 2, 3]  # a theme's own excerpts
    jaccard = matrix(frame, "jaccard")
    assert jaccard[("T1", "T2")] == pytest.approx(1 / 6)  # 1 shared of 5 + 2 - 1 excerpts with either
    assert jaccard[("T1", "T3")] == pytest.approx(1 / 6)
    assert jaccard[("T1", "T4")] == 0 and jaccard[("T2", "T4")] == 0
    assert jaccard[("T1", "T1")] == 1
    assert matrix(frame, "either_excerpts")[("T1", "T4")] == 8
    assert list(frame.same_theme).count(True) == 4


def test_cooccurrence_follows_filters(db):
    music = run(db, "theme_cooccurrence", discipline=["Music"])  # T1 E1 E2 E6, T2 E1, T3 E3 E6
    jaccard = matrix(music, "jaccard")
    assert jaccard[("T1", "T2")] == pytest.approx(1 / 3)
    assert jaccard[("T1", "T3")] == pytest.approx(1 / 4)
    assert jaccard[("T4", "T4")] != jaccard[("T4", "T4")]  # no excerpt either way: undefined (NaN)
    # a code filter splits passages: the risk codes of E1 and E6 are T1 only
    risk = run(db, "theme_cooccurrence", stance=["risk"])
    assert risk[~risk.same_theme].shared_excerpts.sum() == 0
    french = run(db, "theme_cooccurrence", "fr", theme_group=["Industry", "Way forward"])
    assert list(french.theme_a_label) == ["Rôles", "Rôles", "Conception", "Conception"]
