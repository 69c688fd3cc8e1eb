"""Exact numbers for the Rules page's queries on the hand-checked fixture (see tests/fixture.py).

R1 rests on T1 (Friction); R2 on T3 (Roles) and T4 (Design). T2 supports no rule.
"""

from __future__ import annotations

import fixture
import pytest
from conftest import params

from findings.db import Database
from findings.validate import validate


def evidence(db, lang="en", **selected):
    return db.run("rule_evidence", params(lang, **selected)).set_index("rule_id")


COUNTS = ["participants_reached", "participants", "sessions_reached", "disciplines_reached", "excerpts"]


def test_rule_evidence_unfiltered(db):
    frame = evidence(db)
    assert list(frame.index) == ["R1", "R2"] and list(frame.number) == [1, 2]
    assert list(frame.loc["R1", "theme_ids"]) == ["T1"]
    assert list(frame.loc["R2", "theme_ids"]) == ["T3", "T4"]  # codebook order
    assert list(frame.loc["R2", "theme_labels"]) == ["Roles", "Design"]
    # R1: E1 E2 (P1), E4 (P3), E6 (P5), E10 (P7) in S1-S3, musicians and film makers
    assert frame.loc["R1", COUNTS].tolist() == [4, 8, 3, 2, 5]
    # R2: E3 (P2), E6 (P5), E5 (P4), the group-level E7, E9 (P7): no discipline for E7
    assert frame.loc["R2", COUNTS].tolist() == [4, 8, 3, 3, 5]
    assert frame.loc["R1", "share_reached"] == pytest.approx(0.5)


def test_rule_evidence_filtered(db):
    music = evidence(db, discipline=["Music"])
    assert music.loc["R1", COUNTS].tolist() == [2, 3, 2, 1, 3]  # E1 E2 E6
    assert music.loc["R2", COUNTS].tolist() == [2, 3, 2, 1, 2]  # E3 E6
    assert music.loc["R1", "share_reached"] == pytest.approx(2 / 3)
    # opportunity codes: E2 (T1); E5, E7 (group), E9 (T4)
    hopeful = evidence(db, stance=["opportunity"])
    assert hopeful.loc["R1", COUNTS].tolist() == [1, 8, 1, 1, 1]
    assert hopeful.loc["R2", COUNTS].tolist() == [2, 8, 2, 2, 3]
    nothing = evidence(db, discipline=["Music"], session=["S3"])
    assert nothing[COUNTS].sum().sum() == 0 and nothing.share_reached.isna().all()  # no one to share


def test_rule_evidence_french(db):
    french = evidence(db, "fr")
    assert french.loc["R2", "title"] == "Concevoir pour tout l'écosystème"
    assert list(french.loc["R2", "theme_labels"]) == ["Rôles", "Conception"]
    assert french.loc["R1", "summary"] == "Process first."  # no French summary: falls back


def test_rule_evidence_without_rule_themes(tmp_path):
    folder = fixture.write(tmp_path, {"rule_themes": None})
    report = validate(folder)
    database = Database(folder, report.sources)
    try:
        frame = database.run("rule_evidence", params()).set_index("rule_id")
        assert list(frame.index) == ["R1", "R2"]
        assert [len(ids) for ids in frame.theme_ids] == [0, 0]
        assert list(frame.excerpts) == [0, 0] and list(frame.participants_reached) == [0, 0]
        assert database.run("rule_flows", params()).empty
    finally:
        database.close()


def links(db, lang="en", **selected) -> dict[tuple[str, str], tuple[int, int]]:
    frame = db.run("rule_flows", params(lang, **selected))
    return {
        (s, t): (p, e)
        for s, t, p, e in frame[["source", "target", "participants_reached", "excerpts"]].itertuples(
            index=False
        )
    }


def test_rule_flows_unfiltered(db):
    frame = db.run("rule_flows", params())
    assert list(frame.stage) == ["discipline_theme"] * 5 + ["theme_rule"] * 3
    assert links(db) == {
        # discipline -> theme: (participants reached, excerpts); T2 supports no rule so is left out
        ("Film & TV", "T1"): (2, 2),  # P3 E4, P7 E10
        ("Film & TV", "T4"): (1, 1),  # P7 E9
        ("Music", "T1"): (2, 3),  # P1 E1 E2, P5 E6
        ("Music", "T3"): (2, 2),  # P2 E3, P5 E6
        ("Technology", "T4"): (1, 1),  # P4 E5 (the group-level E7 has no discipline)
        # theme -> rule: the theme's whole evidence, group-level passages included
        ("T1", "R1"): (4, 5),
        ("T3", "R2"): (2, 2),
        ("T4", "R2"): (2, 3),
    }
    rule_rows = frame[frame.stage == "theme_rule"]
    assert list(rule_rows.target_label) == [
        "1. Build for Process, Not Just Output",
        "2. Design for the Whole Creative Ecosystem",
        "2. Design for the Whole Creative Ecosystem",
    ]
    assert list(rule_rows.theme_group) == ["Natures", "Industry", "Way forward"]


def test_rule_flows_filtered_and_french(db):
    # risk codes: E1 (P1 T1), E3 (P2 T3), E4 (P3 T1), E6 (P5 T1), E10 (P7 T1)
    assert links(db, stance=["risk"]) == {
        ("Film & TV", "T1"): (2, 2),
        ("Music", "T1"): (2, 2),
        ("Music", "T3"): (1, 1),
        ("T1", "R1"): (4, 4),
        ("T3", "R2"): (1, 1),
    }
    french = db.run("rule_flows", params("fr", discipline=["Music"]))
    assert set(french[french.stage == "discipline_theme"].source_label) == {"Musique"}
    assert "2. Concevoir pour tout l'écosystème" in set(french.target_label)
    assert "Rôles" in set(french.target_label)
