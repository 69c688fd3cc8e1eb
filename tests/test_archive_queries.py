"""Exact numbers for the Archive page's query on the hand-checked fixture (see tests/fixture.py).

Media: M1 audio S1 1 h 1 GB; M2 audio S2 0.5 h 500 MB; M3 photo S1 1 MB; M4 photo (no session) 2 MB;
M5 video S3 2 h 10 GB.
"""

from __future__ import annotations

import pytest
from conftest import params


def rows(db, lang="en", **selected) -> list[tuple]:
    frame = db.run("archive_by_session", params(lang, **selected))
    return [
        (None if s != s else s, kind, files, None if h != h else round(h, 3), size)
        for s, kind, files, h, size in frame[
            ["session_id", "kind", "files", "hours", "size_bytes"]
        ].itertuples(index=False)
    ]


def test_archive_by_session_unfiltered(db):
    assert rows(db) == [
        ("S1", "audio", 1, 1.0, 1_000_000_000),
        ("S1", "photo", 1, None, 1_000_000),  # photos have no duration
        ("S2", "audio", 1, 0.5, 500_000_000),
        ("S3", "video", 1, 2.0, 10_000_000_000),  # undated S3 after the dated sessions
        (None, "photo", 1, None, 2_000_000),  # M4 has no session: last, kept while unfiltered
    ]


def test_archive_by_session_follows_session_and_venue_only(db):
    assert rows(db, session=["S1"]) == [
        ("S1", "audio", 1, 1.0, 1_000_000_000),
        ("S1", "photo", 1, None, 1_000_000),
    ]
    assert [r[:2] for r in rows(db, venue=["Hearst Estate"])] == [("S2", "audio"), ("S3", "video")]
    # recordings have no discipline, theme or stance: those filters change nothing here
    assert rows(db, discipline=["Music"], stance=["risk"], theme_group=["Natures"]) == rows(db)
    assert rows(db, session=["S1"], venue=["Hearst Estate"]) == []


def test_archive_by_session_labels(db):
    english = db.run("archive_by_session", params())
    assert list(english.session[:3]) == ["Morning", "Morning", "Afternoon"]
    assert english.session.isna().iloc[-1]  # the page names it ("No session")
    french = db.run("archive_by_session", params("fr"))
    assert list(french.session.dropna().unique()) == ["Matin", "Après-midi", "Soir"]
    assert french.size_bytes.sum() == pytest.approx(11_503_000_000)
