"""Exact numbers for each named query on the hand-checked fixture (see tests/fixture.py)."""

from __future__ import annotations

import pytest
from conftest import params

from findings import privacy
from findings.db import QueryError


def headline(db, **selected) -> dict:
    """The headline's counts (its cell keys are checked in test_differencing.py)."""
    return privacy.without_internal(db.run("headline", params(**selected))).iloc[0].to_dict()


def test_headline_unfiltered(db):
    assert headline(db) == {
        "participants": 8,
        "participants_total": 8,
        "sessions": 3,
        "sessions_total": 3,
        "venues": 2,
        "venues_total": 2,
        "excerpts": 10,
        "excerpts_total": 10,
        "code_applications": 12,
        "code_applications_total": 12,
        "participants_reached": 7,
        "themes_voiced": 4,
        "themes_total": 4,
        "rules_total": 2,
    }


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        # P1, P2, P5: excerpts E1, E2, E3, E6 carry 6 codes; they met in S1 and S2
        (
            {"discipline": ["Music"]},
            dict(
                participants=3,
                sessions=2,
                venues=2,
                excerpts=4,
                code_applications=6,
                participants_reached=3,
                themes_voiced=3,
            ),
        ),
        # two disciplines together: P1-P3, P5, P7, P8 (P8 never speaks)
        (
            {"discipline": ["Music", "Film & TV"]},
            dict(
                participants=6,
                sessions=3,
                venues=2,
                excerpts=7,
                code_applications=9,
                participants_reached=5,
                themes_voiced=4,
            ),
        ),
        # the Hearst Estate hosted S2 and S3: P4-P8; E5-E10 incl. the group-level E7
        (
            {"venue": ["Hearst Estate"]},
            dict(
                participants=5,
                sessions=2,
                venues=1,
                excerpts=6,
                code_applications=7,
                participants_reached=4,
                themes_voiced=4,
            ),
        ),
        # a code-level filter leaves participants alone: risk codes are C01 C04 C05 C07 C12
        (
            {"stance": ["risk"]},
            dict(
                participants=8,
                sessions=3,
                venues=2,
                excerpts=5,
                code_applications=5,
                participants_reached=5,
                themes_voiced=2,
            ),
        ),
        # E7 is group-level: a role filter drops it, a session filter keeps it
        (
            {"session": ["S2"]},
            dict(
                participants=3,
                sessions=1,
                venues=1,
                excerpts=4,
                code_applications=5,
                participants_reached=3,
                themes_voiced=4,
            ),
        ),
        (
            {"role": ["Technologist"]},
            dict(
                participants=1,
                sessions=1,
                venues=1,
                excerpts=1,
                code_applications=1,
                participants_reached=1,
                themes_voiced=1,
            ),
        ),
        # E8 has no activity, so any activity filter drops it
        (
            {"activity": ["Deep listening"]},
            dict(
                participants=8,
                sessions=3,
                venues=2,
                excerpts=4,
                code_applications=5,
                participants_reached=3,
                themes_voiced=3,
            ),
        ),
        (
            {"theme_group": ["Way forward"], "session": ["S2", "S3"]},
            dict(
                participants=5,
                sessions=2,
                venues=1,
                excerpts=3,
                code_applications=3,
                participants_reached=2,
                themes_voiced=1,
            ),
        ),
        # nothing left: still one row, all zero
        (
            {"discipline": ["Music"], "session": ["S3"]},
            dict(
                participants=0,
                sessions=0,
                venues=0,
                excerpts=0,
                code_applications=0,
                participants_reached=0,
                themes_voiced=0,
            ),
        ),
    ],
)
def test_headline_filtered(db, selected, expected):
    row = headline(db, **selected)
    assert {k: row[k] for k in expected} == expected
    assert row["participants_total"] == 8 and row["excerpts_total"] == 10


def test_theme_group_reach_unfiltered(db):
    frame = db.run("theme_group_reach", params())
    assert list(frame.theme_group) == ["Natures", "Industry", "Way forward"]  # codebook order
    assert list(frame.themes) == [2, 1, 1]
    assert list(frame.participants_reached) == [5, 2, 2]  # T4's group-level E7 reaches nobody
    assert list(frame.excerpts) == [6, 2, 3]
    assert list(frame.code_applications) == [7, 2, 3]
    assert list(frame.share_reached) == pytest.approx([5 / 8, 2 / 8, 2 / 8])


def test_theme_group_reach_filtered_and_french(db):
    frame = db.run("theme_group_reach", params("fr", discipline=["Music"]))
    assert list(frame.theme_group_label) == ["Natures", "Industrie", "Voie à suivre"]
    assert list(frame.participants_reached) == [2, 2, 0]  # a group nobody voiced stays, at zero
    assert list(frame.participants) == [3, 3, 3]
    assert list(frame.share_reached) == pytest.approx([2 / 3, 2 / 3, 0])


def test_filter_options(db):
    frame = db.run("filter_options", params("fr"))
    by_dim = {d: list(g.value) for d, g in frame.groupby("dimension", sort=False)}
    assert by_dim["session"] == ["S1", "S2", "S3"]  # by date, undated last
    assert by_dim["theme_group"] == ["Natures", "Industry", "Way forward"]
    assert sorted(by_dim["stance"]) == ["mixed", "opportunity", "risk"]
    assert sorted(by_dim["activity"]) == ["Deep listening", "Facilitated dialogue", "Tactile modelling"]
    assert len(by_dim["discipline"]) == 4 and len(by_dim["role"]) == 6 and len(by_dim["venue"]) == 2
    labels = dict(zip(frame.value, frame.label, strict=True))
    assert labels["Music"] == "Musique" and labels["S2"] == "Après-midi"
    assert labels["Hearst Estate"] == "Domaine Hearst"


def test_rules_list(db):
    frame = db.run("rules_list", params())
    assert list(frame.number) == [1, 2]
    assert list(frame.supporting_themes) == [1, 2]
    assert frame.title.iloc[0] == "Build for Process, Not Just Output"
    french = db.run("rules_list", params("fr"))
    assert french.title.iloc[1] == "Concevoir pour tout l'écosystème"
    assert french.summary.iloc[0] == "Process first."  # no French summary: falls back


def test_archive_totals(db):
    frame = db.run("archive_totals", params()).set_index("kind")
    assert list(frame.index) == ["audio", "photo", "video"]
    assert frame.loc["audio", "files"] == 2 and frame.loc["audio", "hours"] == pytest.approx(1.5)
    assert frame.loc["photo", "size_bytes"] == 3_000_000  # M4 has no session but counts unfiltered
    assert frame.loc["video", "size_bytes"] == 10_000_000_000
    s1 = db.run("archive_totals", params(session=["S1"])).set_index("kind")
    assert list(s1.index) == ["audio", "photo"] and s1.loc["photo", "files"] == 1
    hearst = db.run("archive_totals", params(venue=["Hearst Estate"])).set_index("kind")
    assert hearst.loc["audio", "hours"] == pytest.approx(0.5) and hearst.loc["video", "files"] == 1


def test_values_are_bound_not_pasted(db):
    hostile = "Music') or 1=1 --"
    assert headline(db, discipline=[hostile])["participants"] == 0


def test_results_are_cached_and_copied(db):
    first = db.run("headline", params(discipline=["Music"]))
    first.loc[0, "participants"] = 999  # a page mutating its copy must not poison the cache
    again = db.run("headline", params(discipline=["Music"]))
    assert again.loc[0, "participants"] == 3


def test_unknown_query_and_missing_parameter(db):
    with pytest.raises(QueryError, match="no query named"):
        db.run("nope", {})
    with pytest.raises(QueryError, match="needs parameters: .*discipline"):
        db.run("headline", {"lang": "en"})


def test_absent_optional_tables_read_as_empty(tmp_path):
    import fixture

    from findings.db import Database
    from findings.validate import validate

    folder = fixture.write(tmp_path, {"rules": None, "rule_themes": None, "media": None})
    report = validate(folder)
    assert report.ok
    database = Database(folder, report.sources)
    try:
        assert not database.has("rules") and database.has("themes")
        assert database.run("rules_list", params()).empty
        assert database.run("archive_totals", params()).empty
        assert headline(database)["rules_total"] == 0
    finally:
        database.close()


def excerpts(db, lang="en", theme=(), q="", limit=50, offset=0, audience="public", **selected):
    return db.run(
        "excerpts",
        {
            **params(lang, **selected),
            "theme": list(theme),
            "q": q,
            "limit": limit,
            "offset": offset,
            "audience": audience,
        },
    )


def test_excerpts_one_row_per_passage_with_all_its_tags(db):
    frame = excerpts(db, audience="research")
    assert len(frame) == 10 and set(frame.total) == {10}
    public = excerpts(db)  # the public lists quotable passages only: E3 (research) and E5 (none) go
    assert len(public) == 8 and set(public.total) == {8} and not {"E3", "E5"} & set(public.excerpt_id)
    e1 = frame.set_index("excerpt_id").loc["E1"]
    assert list(e1.themes) == ["Friction", "Simulation"] and list(e1.stances) == ["mixed", "risk"]


def test_excerpts_withhold_text_without_public_consent(db):
    frame = excerpts(db).set_index("excerpt_id")
    # P2 consented to research use only, P4 to none: the public list leaves their passages out
    assert "E3" not in frame.index and "E5" not in frame.index and not frame.withheld.any()
    assert frame.excerpt.dropna().str.contains("P2|P4").sum() == 0
    research = excerpts(db, audience="research").set_index("excerpt_id")
    assert research.loc["E5", "withheld"]  # none: the research list holds its place, not its words
    assert (
        research.loc["E5", "excerpt"] is None
        or research.loc["E5", "excerpt"] != research.loc["E5", "excerpt"]
    )
    # the group-level passage has no speaker and counts as public
    assert not frame.loc["E7", "withheld"] and frame.loc["E7", "excerpt"] == "Words of the group in E7."


def test_excerpts_by_theme_filters_and_search(db):
    assert list(excerpts(db, theme=["T3"], audience="research").excerpt_id) == ["E3", "E6"]
    assert list(excerpts(db, theme=["T3"]).excerpt_id) == ["E6"]  # E3: research consent only
    assert list(excerpts(db, theme=["T3"], discipline=["Music"], stance=["mixed"]).excerpt_id) == ["E6"]
    # case- and accent-insensitive, and never matching withheld words
    assert list(excerpts(db, q="wÖrds of p1").excerpt_id) == ["E1", "E2"]
    assert excerpts(db, q="P4").empty
    assert excerpts(db, q="100%_").empty  # wildcards are plain characters


def test_excerpts_paging_and_french_tags(db):
    page = excerpts(db, limit=3, offset=3, audience="research")
    assert list(page.excerpt_id) == ["E4", "E5", "E6"] and set(page.total) == {10}
    public = excerpts(db, limit=3, offset=3)  # pages of quotable passages only
    assert list(public.excerpt_id) == ["E6", "E7", "E8"] and set(public.total) == {8}
    french = excerpts(db, "fr", theme=["T3"]).set_index("excerpt_id")
    assert list(french.loc["E6", "themes"]) == ["Friction", "Rôles"]
    assert french.loc["E6", "session"] == "Après-midi" and french.loc["E6", "discipline"] == "Musique"


def test_research_audience_reads_research_consent_but_never_none(db):
    public = excerpts(db).set_index("excerpt_id")
    research = db.run(
        "excerpts", {**params(), "theme": [], "q": "", "limit": 50, "offset": 0, "audience": "research"}
    ).set_index("excerpt_id")
    assert "E3" not in public.index and not research.loc["E3", "withheld"]  # P2: research consent
    assert research.loc["E3", "excerpt"] == "Words of P2 in E3."
    assert "E5" not in public.index and research.loc["E5", "withheld"]  # P4: none, never shown
    # an audience the server does not know reads as public
    odd = db.run(
        "excerpts", {**params(), "theme": [], "q": "", "limit": 50, "offset": 0, "audience": "everyone"}
    ).set_index("excerpt_id")
    assert list(odd.index) == list(public.index) and list(odd.withheld) == list(public.withheld)
