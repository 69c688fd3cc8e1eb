"""The Agreement page: what it needs, per-theme agreement from a fixture with coders, the public
view's protection, French, and the research team's list of disagreements."""

from __future__ import annotations

import fixture
import pytest
from apptest import BUNDLED, figures, open_app, texts

PAGE = "views/agreement.py"

#: Ben reads E1, E2, E4, E6, E9, E10 beside Ana (who codes every passage); Cleo reads E6 too
EXTRA = [
    ("E1", "T1", "Ben"),
    ("E1", "T3", "Ben"),
    ("E2", "T1", "Ben"),
    ("E4", "T2", "Ben"),
    ("E6", "T1", "Ben"),
    ("E6", "T3", "Ben"),
    ("E9", "T4", "Ben"),
    ("E10", "T4", "Ben"),
]


@pytest.fixture(scope="module")
def coders_dir(tmp_path_factory):
    return fixture.write(tmp_path_factory.mktemp("coders"), {"theme_codes": fixture.with_coders(EXTRA)})


def test_without_a_second_coder_the_page_says_what_it_needs(monkeypatch, fixture_dir):
    at = open_app(monkeypatch, fixture_dir, PAGE)
    assert not at.exception
    assert "Agreement needs passages coded by two coders or more" in texts(at)
    assert not figures(at)


def test_two_coders_theme_by_theme(monkeypatch, coders_dir):
    """Hand-checked: six passages read by Ana and Ben. Friction (T1): Ana on E1 E2 E4 E6 E10, Ben on
    E1 E2 E6: 2 x 2 table 3 both, 2 Ana only, 0 Ben only, 1 neither: agreement 4/6, kappa 1/3,
    alpha 5/16 (tests/test_agreement.py checks the formulas); pooled alpha 115/256."""
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = open_app(monkeypatch, coders_dir, PAGE)
    assert not at.exception
    said = texts(at)
    assert "6 passages were read by 2 coders." in said
    assert "Krippendorff's alpha is 0.45 (95% interval " in said and "below what Krippendorff accepts" in said
    (figure,) = figures(at)
    bars = figure.data[0]
    assert [text.replace("\u2212", "-") for text in bars.text] == ["0.31", "-0.10", "0.59", "0.59"]
    assert "Cohen's kappa 0.33" in bars.hovertext[0] and "agreement 67%" in bars.hovertext[0]
    listed = at.dataframe[-1].value
    # E1: Simulation (Ana), Roles (Ben); E4: Friction (Ana), Simulation (Ben); E10: Friction, Design
    assert list(listed["Passage"]) == ["E1", "E1", "E4", "E4", "E10", "E10"]
    assert list(listed["Applied by"]) == ["Ana", "Ben", "Ana", "Ben", "Ana", "Ben"]
    assert list(listed["Excerpt"])[:1] == ["Words of P1 in E1."]


def test_the_public_view_protects_small_groups_and_lists_no_passage(monkeypatch, coders_dir):
    monkeypatch.setenv("FINDINGS_MIN_CELL", "5")
    at = open_app(monkeypatch, coders_dir, PAGE)
    assert not at.exception
    said = texts(at)
    # six passages from four speakers (the group passage E7 is not read twice): fewer than 5
    assert "come from fewer than 5 people" in said
    assert not figures(at) and not at.dataframe
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")
    at = open_app(monkeypatch, coders_dir, PAGE)
    assert "are listed for the research team" in texts(at)
    assert not [d for d in at.dataframe if "Passage" in d.value.columns]


def test_french(monkeypatch, coders_dir):
    at = open_app(monkeypatch, coders_dir, PAGE, lang="fr")
    assert not at.exception
    said = texts(at)
    assert "Accord entre codeurs" in said and "6 passages ont été lus par 2 codeurs." in said
    assert "alpha de Krippendorff vaut 0,45" in said


def test_the_bundled_sample_has_something_to_show_or_says_why(monkeypatch):
    at = open_app(monkeypatch, BUNDLED, PAGE)
    assert not at.exception
    said = texts(at)
    assert "Agreement needs passages" in said or "passages were read by" in said
