"""The presenter's story: which slides, in which order, from an optional `story.json`.

A story file sits beside the data:

    {"slides": [
        {"type": "title"},
        {"type": "numbers", "title": "In numbers"},
        {"type": "groups", "filters": {"venue": ["Hearst Estate"]}},
        {"type": "themes_by_discipline"},
        {"type": "rule", "rule": 3},
        {"type": "closing", "title": "Thank you"}
    ]}

Each slide has a `type`, optionally a `title` (and `title_fr`) replacing the default heading,
optionally `filters` (the sidebar's dimensions and values) that apply to that slide only, and
optionally speaker `notes` (and `notes_fr`), shown in the presenter view (`/present?notes=1`).
Without a story file the default story is built from the data: title, numbers, the theme
groups, themes by discipline, one slide per rule, closing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from findings.filters import DIMENSIONS

STORY_FILE = "story.json"
SLIDE_TYPES = ("title", "numbers", "groups", "themes_by_discipline", "rule", "closing")
_FIELDS = {"type", "title", "title_fr", "filters", "rule", "notes", "notes_fr"}


class StoryError(ValueError):
    """story.json cannot be used; the message names the slide and field."""


@dataclass(frozen=True)
class Slide:
    type: str
    title: dict[str, str] = field(default_factory=dict)  # language -> heading
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rule: int | None = None
    notes: dict[str, str] = field(default_factory=dict)  # language -> speaker notes

    def heading(self, lang: str) -> str | None:
        return self.title.get(lang) or self.title.get("en")

    def speaker_notes(self, lang: str) -> str | None:
        return self.notes.get(lang) or self.notes.get("en")


def rule_quote(quotes: list[str], rule: int) -> str:
    """The quote a rule slide shows among its consented quotes: rules that share themes share
    their first quote, so each takes its own turn (on screen and in the saved deck alike)."""
    return quotes[(int(rule) - 1) % len(quotes)]


def default_story(rule_numbers: list[int], people: bool = True) -> list[Slide]:
    """The deck without a story.json; who voiced which theme only for a set that records people."""
    slides = [Slide("title"), Slide("numbers"), Slide("groups")]
    slides += [Slide("themes_by_discipline")] if people else []
    slides += [Slide("rule", rule=n) for n in rule_numbers]
    return [*slides, Slide("closing")]


def _slide(index: int, raw: object, rule_numbers: set[int]) -> Slide:
    where = f"{STORY_FILE} slide {index}"
    if not isinstance(raw, dict):
        raise StoryError(f"{where}: must be an object with a 'type'")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise StoryError(f"{where}: unknown field {unknown[0]!r} (known: {', '.join(sorted(_FIELDS))})")
    kind = raw.get("type")
    if kind not in SLIDE_TYPES:
        raise StoryError(f"{where}, field 'type': {kind!r} is not one of {', '.join(SLIDE_TYPES)}")
    title = {}
    for key, lang in (("title", "en"), ("title_fr", "fr")):
        if key in raw:
            if not isinstance(raw[key], str) or not raw[key].strip():
                raise StoryError(f"{where}, field {key!r}: must be non-empty text")
            title[lang] = raw[key].strip()[:200]
    notes = {}
    for key, lang in (("notes", "en"), ("notes_fr", "fr")):
        if key in raw:
            if not isinstance(raw[key], str):
                raise StoryError(f"{where}, field {key!r}: must be text")
            if raw[key].strip():
                notes[lang] = raw[key].strip()[:5000]
    filters: dict[str, tuple[str, ...]] = {}
    if "filters" in raw:
        if not isinstance(raw["filters"], dict):
            raise StoryError(
                f'{where}, field \'filters\': must be an object such as {{"discipline": ["Music"]}}'
            )
        for dim, values in raw["filters"].items():
            if dim not in DIMENSIONS:
                raise StoryError(
                    f"{where}, field 'filters.{dim}': not a filter (known: {', '.join(DIMENSIONS)})"
                )
            values = [values] if isinstance(values, str) else values
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise StoryError(f"{where}, field 'filters.{dim}': must be a list of text values")
            filters[dim] = tuple(values)
    rule = raw.get("rule")
    if kind == "rule":
        if not isinstance(rule, int) or isinstance(rule, bool):
            raise StoryError(f"{where}, field 'rule': a rule slide needs the rule's number")
        if rule not in rule_numbers:
            known = ", ".join(str(n) for n in sorted(rule_numbers)) or "none: the data has no rules"
            raise StoryError(f"{where}, field 'rule': no rule number {rule} (known: {known})")
    elif rule is not None:
        raise StoryError(f"{where}, field 'rule': only a 'rule' slide takes one")
    return Slide(kind, title, filters, rule, notes)


def load_story(data_dir: Path, rule_numbers: list[int], people: bool = True) -> list[Slide]:
    """The story for this data: story.json when present (validated), else the default."""
    path = Path(data_dir) / STORY_FILE
    if not path.is_file():
        return default_story(rule_numbers, people)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise StoryError(f"{STORY_FILE}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise StoryError(
            f"{STORY_FILE}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("slides"), list) or not raw["slides"]:
        raise StoryError(f"{STORY_FILE}: must be an object with a non-empty list 'slides'")
    numbers = set(rule_numbers)
    return [_slide(i, slide, numbers) for i, slide in enumerate(raw["slides"], start=1)]
