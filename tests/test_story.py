"""The presenter's story file: defaults, valid files, and errors naming the slide and field."""

from __future__ import annotations

import json

import pytest

from findings.story import STORY_FILE, StoryError, default_story, load_story


def write(tmp_path, content) -> None:
    text = content if isinstance(content, str) else json.dumps(content)
    (tmp_path / STORY_FILE).write_text(text, encoding="utf-8")


def test_default_story_has_a_slide_per_rule(tmp_path):
    slides = load_story(tmp_path, [1, 2])
    assert [s.type for s in slides] == [
        "title",
        "numbers",
        "groups",
        "themes_by_discipline",
        "rule",
        "rule",
        "closing",
    ]
    assert [s.rule for s in slides if s.type == "rule"] == [1, 2]
    assert [s.type for s in default_story([])][-1] == "closing"


def test_a_valid_story_file(tmp_path):
    write(
        tmp_path,
        {
            "slides": [
                {"type": "title", "title": "Welcome", "title_fr": "Bienvenue"},
                {"type": "groups", "filters": {"venue": ["Hearst Estate"], "discipline": "Music"}},
                {"type": "rule", "rule": 2},
            ]
        },
    )
    slides = load_story(tmp_path, [1, 2])
    assert slides[0].heading("fr") == "Bienvenue" and slides[0].heading("en") == "Welcome"
    assert slides[1].filters == {"venue": ("Hearst Estate",), "discipline": ("Music",)}
    assert slides[2].rule == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ({"slides": []}, "non-empty list 'slides'"),
        ({"slides": [{"type": "title"}, {"type": "chart"}]}, "slide 2, field 'type': 'chart' is not one of"),
        ({"slides": [{"type": "rule"}]}, "slide 1, field 'rule': a rule slide needs the rule's number"),
        ({"slides": [{"type": "rule", "rule": 9}]}, "slide 1, field 'rule': no rule number 9 (known: 1, 2)"),
        ({"slides": [{"type": "groups", "rule": 1}]}, "slide 1, field 'rule': only a 'rule' slide takes one"),
        (
            {"slides": [{"type": "groups", "filters": {"colour": ["red"]}}]},
            "slide 1, field 'filters.colour': not a filter",
        ),
        (
            {"slides": [{"type": "groups", "filters": {"venue": [3]}}]},
            "slide 1, field 'filters.venue': must be a list of text",
        ),
        ({"slides": [{"type": "title", "title": ""}]}, "slide 1, field 'title': must be non-empty text"),
        ({"slides": [{"type": "title", "colour": "red"}]}, "slide 1: unknown field 'colour'"),
        ({"slides": ["title"]}, "slide 1: must be an object"),
    ],
)
def test_invalid_story_names_slide_and_field(tmp_path, content, message):
    write(tmp_path, content)
    with pytest.raises(StoryError) as caught:
        load_story(tmp_path, [1, 2])
    assert message in str(caught.value) and STORY_FILE in str(caught.value)
