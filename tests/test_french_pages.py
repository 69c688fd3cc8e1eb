"""Every page in French says nothing in English: no sentence of the English catalogue, no `nan`,
`None` or `NaN`, with a filter set, in the text, the charts' drawn labels and the tables' headers.
(Data text may be English when the export has no French for it; the catalogue is the interface.)"""

from __future__ import annotations

import re

import pytest
from apptest import BUNDLED, figure_specs, open_app, texts
from test_injection import strings

from findings import i18n, site

EN = i18n.read_locale(i18n.LOCALES_DIR / "en.toml")
FR = i18n.read_locale(i18n.LOCALES_DIR / "fr.toml")
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def english_fragments() -> set[str]:
    """The literal stretches of every English message (between its placeholders) that are long
    enough to be a sentence of the interface and that French never says the same way."""
    french = " ".join(text for forms in FR.values() for text in forms.values())
    found = set()
    for key, forms in EN.items():
        if key.startswith(("data.doc", "app.", "lang.")):  # the contract's words are documented in English
            continue
        for text in forms.values():
            for piece in PLACEHOLDER.split(text):
                piece = " ".join(piece.replace("\\", "").split()).strip(" .,:;()")
                if len(piece) >= 18 and piece not in french:
                    found.add(piece)
    return found


FRAGMENTS = english_fragments()
BLANK = re.compile(r"(?<![\w-])(nan|None|NaN|undefined)(?![\w-])")


@pytest.mark.parametrize("page", list(site.PAGES), ids=lambda p: p.name)
def test_french_pages_say_nothing_in_english(monkeypatch, page):
    at = open_app(monkeypatch, BUNDLED, page.file, lang="fr", venue="Bradbury Building")
    assert not at.exception
    said = texts(at)
    drawn = " ".join(s for spec in figure_specs(at) for s in strings(spec))
    headers = " ".join(str(c) for frame in at.dataframe for c in frame.value.columns)
    everything = "\n".join((said, drawn, headers))
    left = sorted(fragment for fragment in FRAGMENTS if fragment in everything)
    assert not left, f"{page.name}: English in French: {left[:5]}"
    assert not BLANK.search(said + " " + drawn), f"{page.name}: {BLANK.search(said + ' ' + drawn).group(0)}"


def test_the_check_finds_english_when_there_is_some(monkeypatch):
    at = open_app(monkeypatch, BUNDLED, "views/themes.py", lang="en")
    said = texts(at)
    assert [fragment for fragment in FRAGMENTS if fragment in said]
