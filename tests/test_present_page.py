"""Presenter mode under AppTest: slides, navigation in the URL, public rules always."""

from __future__ import annotations

import json

import fixture
import pytest
from apptest import BUNDLED, open_app, texts, url

PAGE = "views/present.py"


def app(monkeypatch, data_dir, **query):
    return open_app(monkeypatch, data_dir, PAGE, **query)


def title(at) -> str:
    return at.title[0].value.replace("\\", "")


def test_slide_from_the_url_and_next_previous(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, slide="3")
    assert not at.exception
    assert title(at) == "The three theme groups"
    assert "Slide 3 of 7" in texts(at)  # 4 fixed slides, 2 rules, closing
    next_button = next(b for b in at.button if b.label == "Next")
    next_button.click().run()
    assert url(at, "slide") == ["4"] and title(at) == "Who voiced which theme"
    previous = next(b for b in at.button if b.label == "Previous")
    previous.click().run()
    previous = next(b for b in at.button if b.label == "Previous")
    previous.click().run()
    assert url(at, "slide") == ["2"] and title(at) == "In numbers"


def test_out_of_range_slide_says_so_on_the_slide(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, slide="99")
    assert not at.exception and "Slide 1 of 7" in texts(at)
    said = [w.value.replace("\\", "") for w in at.main.warning]
    assert said == ["There is no slide 99: the deck has 7. Showing slide 1."]
    at = app(monkeypatch, fixture_dir, slide="2")
    assert not at.main.warning


def test_the_sidebar_filters_never_change_the_slides(monkeypatch, fixture_dir):
    """A filter left in the sidebar from exploring does not reach the deck, which says so."""
    plain = app(monkeypatch, fixture_dir, slide="2")
    filtered = app(monkeypatch, fixture_dir, slide="2", discipline="Music")
    numbers = [{m.label: m.value for m in at.metric} for at in (plain, filtered)]
    assert numbers[0] == numbers[1] and numbers[0]["Participants"] == "8"
    assert "the sidebar's filters do not apply to the slides" in texts(filtered)
    assert "the sidebar's filters do not apply to the slides" not in texts(plain)
    for n in range(1, 8):  # and no slide breaks with a filter set
        assert not app(monkeypatch, fixture_dir, slide=str(n), discipline="Music").exception


def test_rule_slide_quotes_public_consent_only_even_for_a_research_server(monkeypatch, fixture_dir):
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = app(monkeypatch, fixture_dir, slide="6")  # rule 2, resting on T3 and T4
    assert not at.exception
    assert title(at) == "Design for the Whole Creative Ecosystem"
    quotes = [t.value for t in at.text]
    # E3 (P2, research consent) comes first in order, but slides are public: only E6 (P5, public)
    # and E7 (a group's passage) may be shown, rule 2 taking the second of them
    assert [q for q in quotes if q.startswith("“")] == ["“Words of the group in E7.”"]
    assert not any("P2" in q or "P4" in q for q in quotes)


def test_story_file_drives_the_slides_and_errors_are_plain(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "good")
    (folder / "story.json").write_text(
        json.dumps(
            {
                "slides": [
                    {"type": "numbers", "title": "Our numbers", "filters": {"discipline": ["Music"]}},
                    {"type": "closing"},
                ]
            }
        ),
        encoding="utf-8",
    )
    at = app(monkeypatch, folder)
    assert not at.exception and title(at) == "Our numbers" and "Slide 1 of 2" in texts(at)
    assert {m.label: m.value for m in at.metric}["Participants"] == "3"  # the slide's own filter
    assert "This slide only: Discipline: Music" in [h.value.replace("\\", "") for h in at.subheader]

    bad = fixture.write(tmp_path / "bad")
    (bad / "story.json").write_text(
        json.dumps({"slides": [{"type": "title"}, {"type": "chart"}]}), encoding="utf-8"
    )
    at = app(monkeypatch, bad)
    assert not at.exception
    assert "story.json slide 2, field 'type'" in at.error[0].value
    assert "Slide 1 of 7" in texts(at)  # the default story carries on


def test_french_and_the_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED, lang="fr", slide="3")
    assert not at.exception
    assert "Diapositive 3 sur 13" in texts(at) and title(at) == "Les trois groupes de thèmes"


def test_a_url_lagging_behind_the_server_does_not_undo_a_move(monkeypatch, fixture_dir):
    """A rerun can arrive carrying the browser's previous URL (its update still on the way): a
    value this session wrote before must not send the deck back, while a new link value wins."""
    at = app(monkeypatch, fixture_dir, slide="2")
    next(b for b in at.button if b.label == "Next").click().run()
    assert url(at, "slide") == ["3"]
    at.query_params["slide"] = "2"  # the URL as it was one move ago
    at.run()
    assert "Slide 3 of 7" in texts(at) and url(at, "slide") == ["3"]
    at.query_params["slide"] = "5"  # a value never written: a link, which wins
    at.run()
    assert "Slide 5 of 7" in texts(at)


def test_the_presenter_view_shows_the_notes_and_what_comes_next(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "notes")
    (folder / "story.json").write_text(
        json.dumps(
            {
                "slides": [
                    {
                        "type": "title",
                        "notes": "Welcome everyone.",
                        "notes_fr": "Bienvenue à toutes et tous.",
                    },
                    {"type": "rule", "rule": 2},
                    {"type": "closing", "title": "Thank you"},
                ]
            }
        ),
        encoding="utf-8",
    )
    at = app(monkeypatch, folder, notes="1")
    assert not at.exception
    assert [t.value for t in at.text] == ["Welcome everyone."]
    said = texts(at)
    assert (
        "Now: slide 1 of 3 · Title" in said
        and "Next: Rule 2 · Design for the Whole Creative Ecosystem" in said
    )
    assert not at.metric and not at.main.button  # notes, not the slide
    at = app(monkeypatch, folder, notes="1", slide="3", lang="fr")
    assert "Pas de notes pour cette diapositive" in texts(at) and "Ensuite" not in texts(at)
    at = app(monkeypatch, folder, notes="1", lang="fr")
    assert [t.value for t in at.text] == ["Bienvenue à toutes et tous."]


def test_notes_must_be_text(tmp_path):
    from findings.story import StoryError, load_story

    (tmp_path / "story.json").write_text(
        json.dumps({"slides": [{"type": "title", "notes": 3}]}), encoding="utf-8"
    )
    with pytest.raises(StoryError, match="story.json slide 1, field 'notes': must be text"):
        load_story(tmp_path, [])
