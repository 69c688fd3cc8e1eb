"""The Compare page under Streamlit's AppTest: URL state, filters, language, empty groups."""

from __future__ import annotations

from apptest import BUNDLED, open_app, opened, quote_cards, texts, url
from streamlit.testing.v1 import AppTest

N = "\u202f"

PAGE = "views/compare.py"


def app(monkeypatch, data_dir, **query):
    return open_app(monkeypatch, data_dir, PAGE, **query)


def table(at: AppTest, index: int = 0):
    """The data behind a chart (each chart's expander holds one table)."""
    return opened(at).dataframe[index].value


def test_a_link_reproduces_the_comparison(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, dim="discipline", a="Music", b="__rest__")
    assert not at.exception
    assert at.segmented_control(key="page.dim").value == "discipline"
    assert at.selectbox(key="page.a").value == "Music"
    assert at.selectbox(key="page.b").value == "__rest__"
    shown = texts(at)
    assert (
        "Roles: participants in Music voiced it 67 points more often than everyone else (67% vs 0%); "
        "a gap that may be chance once adjusted for 4 comparisons "
        "(95% interval for the gap: +3 to +94 points)." in shown
    )
    assert "A: Music, n = 3; B: Everyone else, n = 5" in shown  # group sizes in the caption
    assert "the 4 themes compared (shown themes that differ beyond chance: 0 of 4)" in shown
    assert "Music has only 3 participants" in shown and "Everyone else has only 5 participants" in shown
    data = table(at)
    assert list(data.theme_label) == ["Roles", "Friction", "Simulation", "Design"]
    assert list(data.a_reached) == [2, 2, 1, 0] and list(data.b_reached) == [0, 2, 1, 2]
    assert round(data.a_low.iloc[0], 4) == 0.2077 and round(data.b_high.iloc[0], 4) == 0.4345


def test_other_dimensions_from_the_url(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, dim="activity", a="Deep listening", b="__rest__")
    assert not at.exception
    shown = texts(at)
    # T1 and T3 tie at 50 points: the first (the larger difference A - B) is named
    assert (
        "Friction: participants during Deep listening voiced it 50 points more often than participants "
        "during the other activities (100% vs 50%)" in shown
    )
    assert "one person can be in both groups" in shown
    venue = app(monkeypatch, fixture_dir, dim="venue", a="Hearst Estate", b="Bradbury Building")
    assert (
        "Design: participants at Hearst Estate voiced it 40 points more often than participants at Bradbury "
        "Building (40% vs 0%)" in texts(venue)
    )


def test_filters_change_the_numbers(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, dim="activity", a="Deep listening", stance="risk")
    assert not at.exception
    assert (
        "Friction: participants during Deep listening voiced it 75 points more often than participants "
        "during the other activities (100% vs 25%)" in texts(at)
    )
    narrowed = app(monkeypatch, fixture_dir, a="Music", discipline=["Music", "Film & TV"])
    assert "A: Music, n = 3; B: Everyone else, n = 3" in texts(narrowed)
    assert list(table(narrowed).b_participants) == [3, 3, 3, 3]


def test_widgets_write_the_url(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, a="Music")
    at.selectbox(key="page.b").set_value("Film & TV").run()
    assert url(at, "b") == ["Film & TV"] and url(at, "a") == ["Music"]
    assert "A: Music, n = 3; B: Film & TV, n = 3" in texts(at)
    at.segmented_control(key="page.dim").set_value("session").run()
    assert url(at, "dim") == ["session"]
    assert at.selectbox(key="page.a").value == "S1"  # Music is no session: back to the first one
    assert "a" not in at.query_params and "b" not in at.query_params
    assert "A: Morning, n = 3; B: Everyone else, n = 5" in texts(at)


def test_an_empty_group_says_what_to_do(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, dim="discipline", a="Technology", discipline="Music")
    assert not at.exception
    shown = texts(at)
    assert "No participant is left in Technology (n = 0) under the sidebar filters" in shown
    assert "Pick another group above, or clear a filter in the sidebar." in shown
    assert "fewer than two disciplines" in shown  # the spread needs two disciplines too
    assert not opened(at).dataframe  # no chart drawn from an empty group


def test_shared_and_distinctive(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, session="S1")
    assert not at.exception
    shown = texts(at)
    assert "more than 50% of them" in shown and "voiced in all 2 disciplines" in shown  # thresholds stated
    assert (
        "Shared by every discipline: 1 of 4 themes; distinctive of one discipline: 2. The most concentrated "
        "is Simulation: Music holds 100% of the participants who voiced it (1 of 1)." in shown
    )
    spread = table(at, 1)
    assert list(spread.spread) == ["shared", "distinctive", "distinctive", "unvoiced"]


def test_french(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, lang="fr", a="Music")
    assert not at.exception
    shown = texts(at)
    assert "Comparer deux groupes" in shown and "Commun ou distinctif ?" in shown
    assert (
        f"Rôles : les participants en Musique l'ont exprimé 67 points plus souvent que tous les autres "
        f"(67{N}% contre 0{N}%) ; un écart qui peut être dû au hasard après ajustement pour 4 comparaisons "
        f"(intervalle à 95{N}% de l'écart : +3 à +94 points)" in shown
    )
    assert "A : Musique, n = 3 ; B : Tous les autres, n = 5" in shown
    assert at.selectbox(key="page.b").format_func("__rest__") == "Tous les autres"


def test_on_the_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED, dim="discipline", a="Music", b="__rest__")
    assert not at.exception
    shown = texts(at)
    assert "participants in Music voiced it" in shown
    assert "A: Music, n = 17; B: Everyone else, n = 74" in shown
    assert len(table(at)) == 8 and len(table(at, 1)) == 8  # eight themes in each view


def test_group_a_starts_on_what_the_sidebar_keeps(monkeypatch, fixture_dir):
    """With Technology kept in the sidebar, comparing disciplines opens on Technology, not on the
    first discipline by name (Film & TV), which the filter has emptied; the group the filter does
    empty (everyone else) is the one named."""
    at = app(monkeypatch, fixture_dir, dim="discipline", discipline="Technology")
    assert not at.exception
    assert at.selectbox(key="page.a").value == "Technology"
    shown = texts(at)
    assert "No participant is left in Everyone else (n = 0)" in shown
    assert "No participant is left in Technology" not in shown and "left in Film" not in shown
    plain = app(monkeypatch, fixture_dir, dim="discipline")
    assert plain.selectbox(key="page.a").value == "Film & TV"


def test_a_group_s_marker_opens_its_excerpts_of_the_theme(monkeypatch):
    """A click on group A's marker (URL `cell`, as the click sets it) lists the theme's excerpts
    from that group, as Evidence lists them under the same filters narrowed to the group."""
    from apptest import BUNDLED, figures

    at = open_app(
        monkeypatch,
        BUNDLED,
        "views/compare.py",
        dim="discipline",
        a="Music",
        cell=["discipline", "Music", "friction-matters"],
    )
    assert not at.exception
    assert "The excerpts behind Friction matters · Music" in texts(at)
    listed = quote_cards(at)
    assert len(listed) and all("· Music\u2003" in caption for _, caption in listed)
    markers = [
        trace for trace in figures(at)[0].data if trace.type == "scatter" and trace.customdata is not None
    ]
    assert {point[1] for trace in markers for point in trace.customdata} == {"a", "b"}


def test_a_sidebar_filter_on_one_discipline_compares_along_another_dimension(monkeypatch):
    """With Music alone kept, comparing disciplines would set Music against nobody: the page opens
    on the next dimension the filters leave two groups of."""
    at = app(monkeypatch, BUNDLED, discipline="Music")
    assert not at.exception
    assert at.segmented_control(key="page.dim").value == "role"
    chosen = app(monkeypatch, BUNDLED, discipline="Music", dim="discipline")  # a link's choice stands
    assert chosen.segmented_control(key="page.dim").value == "discipline"
