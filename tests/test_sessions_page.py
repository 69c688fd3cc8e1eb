"""The Sessions page under AppTest: fixture, bundled sample, URL state, filters, French."""

from __future__ import annotations

import re

from apptest import BUNDLED, open_app, quote_cards, texts, url
from streamlit.testing.v1 import AppTest

PAGE = "views/sessions.py"


def app(monkeypatch, data_dir, **query):
    return open_app(monkeypatch, data_dir, PAGE, **query)


def card_titles(at: AppTest) -> list[str]:
    return [
        m.value.strip("*").replace("\\", "")
        for m in at.markdown
        if m.value.startswith("**") and m.value.endswith("**")
    ]


def test_sessions_on_the_fixture(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    assert not at.exception and not at.error
    shown = texts(at)
    assert at.title[0].value == "Sessions"
    assert card_titles(at) == ["Morning", "Afternoon", "Evening"]
    assert "Bradbury Building · 10 Jan 2025 · 6 h" in shown
    assert "Hearst Estate · 11 Jan 2025 · 5 h" in shown
    assert "Hearst Estate · Date not recorded · Duration not recorded" in shown  # S3
    assert "Disciplines: Music 2 · Film & TV 1" in shown
    assert "Coded excerpts: 4 · participants reached: 3" in shown
    # the computed sentence names the largest cell of the method x theme heatmap
    assert "Deep listening surfaced Friction for the most participants: 3 of 8 (38%)." in shown.replace(
        "*", ""
    )
    assert at.segmented_control(key="page.measure").value == "participants"


def test_measure_in_the_url_sets_the_view(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, measure="excerpts")
    assert not at.exception
    assert at.segmented_control(key="page.measure").value == "excerpts"
    assert "Deep listening surfaced Friction most often (3 excerpts)." in texts(at).replace("*", "")
    assert "Each cell: distinct coded excerpts from that activity" in texts(at)
    assert url(at, "measure") == ["excerpts"]


def test_the_measure_switch_writes_the_url(monkeypatch, tmp_path):
    import fixture

    at = app(monkeypatch, fixture.write(tmp_path, {"theme_codes": fixture.with_a_repeated_code()}))
    at.segmented_control(key="page.measure").set_value("codes").run()
    assert url(at, "measure") == ["codes"]
    # E1 carries Friction twice: 3 excerpts in deep listening (E1, E4, E10), 4 code applications
    assert "Deep listening surfaced Friction most often (4 code applications)." in texts(at).replace("*", "")


def test_code_applications_are_not_offered_where_they_equal_excerpts(monkeypatch, fixture_dir):
    assert (
        "Code applications" not in app(monkeypatch, fixture_dir).segmented_control(key="page.measure").options
    )


def test_filters_change_cards_and_sentence(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music")
    assert not at.exception
    shown = texts(at).replace("*", "")
    assert card_titles(at) == ["Morning", "Afternoon"]  # no musician came to the evening session
    assert "2 of 3 participants" in shown and "1 of 3 participants" in shown
    assert "Disciplines: Music 1" in shown
    assert "Tactile modelling surfaced Roles for the most participants: 2 of 3 (67%)." in shown


def test_nothing_left_shows_the_empty_state(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music", session="S3")
    assert not at.exception
    assert card_titles(at) == []
    # cards, both heatmaps and the saturation curve
    assert sum("Nothing matches these filters" in i.value for i in at.info) == 4


def test_french(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, lang="fr")
    assert not at.exception
    shown = texts(at).replace("*", "")
    assert "Les sessions" in shown and "Quelle méthode a fait émerger quel thème" in shown
    assert card_titles(at) == ["Matin", "Après-midi", "Soir"]
    assert "Bradbury Building · 10 janv. 2025 · 6 h" in shown
    assert "Domaine Hearst · Date non renseignée · Durée non renseignée" in shown
    assert "Disciplines : Musique 2 · Cinéma et télévision 1" in shown
    assert (
        "L'activité Écoute profonde a fait émerger le thème Friction chez le plus de participants : "
        "3 sur 8 (38\u202f%)." in shown
    )


def test_sessions_on_the_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED)
    assert not at.exception and not at.error
    assert len(card_titles(at)) == 5
    assert "25 Jan 2025" in texts(at)


def test_one_excerpt_reads_in_the_singular(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, role="Technologist", measure="excerpts")  # P4's E5 alone
    assert "Facilitated dialogue surfaced Design most often (1 excerpt)." in texts(at).replace("*", "")
    assert card_titles(at) == ["Afternoon"] and "1 of 3 participants" in texts(at)


def test_a_heatmap_cell_opens_its_excerpts_as_evidence_lists_them(monkeypatch):
    """A session x theme cell (URL `cell`, as a click sets it) lists the excerpts Evidence lists under
    the same filters narrowed to that session and theme, with the same consent rules; closing it
    clears the URL."""
    from apptest import figures

    at = open_app(monkeypatch, BUNDLED, PAGE, cell=["session", "S1", "friction-matters"])
    assert not at.exception
    shown = texts(at)
    assert "The excerpts behind Friction matters · " in shown
    listed = quote_cards(at)
    evidence = open_app(monkeypatch, BUNDLED, "views/evidence.py", session="S1", theme="friction-matters")
    total = re.search(r"Showing \d+ of (\d+) excerpts", shown).group(1)
    assert f"{total} excerpts match" in texts(evidence)  # the same count Evidence gives
    assert listed and all("Friction matters" in caption for _, caption in listed)
    assert "Quote withheld (consent)" not in {text for text, _ in listed}  # the public lists quotable ones
    # every shown cell of both heatmaps can be clicked, and carries its theme and its place
    targets = [trace for f in figures(at) for trace in f.data if trace.name == "cells"]
    assert len(targets) == 2 and all(point for t in targets for point in t.customdata if point)
    at.button(key="sessions-cell-session.close").click().run()
    assert "cell" not in at.query_params and "The excerpts behind" not in texts(at)


def test_saturation_on_the_fixture(monkeypatch, fixture_dir):
    """S1 holds T1, T2, T3; S2 adds T4; S3 adds nothing. The paper's base of 4 cannot be had from 3
    sessions; a base of 2 and runs of 1: S3 brings 0 new of the base's 4 themes, 0% <= 5%."""
    from apptest import figures

    at = app(monkeypatch, fixture_dir, sat_base="4")
    shown = texts(at)
    assert "By the last of the 3 sessions, 4 of the 4 themes had been heard." in shown
    assert "needs a base of 4 sessions and a run of 2 after it, and there are 3" in shown
    # by default, too few sessions for the paper's base: the largest base leaving one run (2 here)
    at = app(monkeypatch, fixture_dir)
    assert at.selectbox(key="page.sat_base").value == "2" and at.selectbox(key="page.sat_run").value == "2"
    at = app(monkeypatch, fixture_dir, sat_base="2", sat_run="1")
    assert at.selectbox(key="page.sat_base").value == "2" and url(at, "sat_run") == ["1"]
    assert (
        "With a base of the first 2 sessions and runs of 1, new information fell to 5% or less by "
        in texts(at)
    )
    (curve,) = [f for f in figures(at) if f.data and f.data[0].name == "New themes"]
    assert list(curve.data[0].y) == [3, 1, 0] and list(curve.data[1].y) == [3, 4, 4]
    assert list(curve.data[0].text) == ["+3", "+1", "0"]


def test_saturation_in_public_counts_a_theme_heard_where_k_people_voiced_it(monkeypatch):
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")
    at = app(monkeypatch, BUNDLED, lang="fr")
    assert not at.exception
    assert "dès qu'au moins 3 personnes l'y ont exprimé" in texts(at)
