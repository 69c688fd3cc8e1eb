"""The Sessions page's chart builder: traces and values, on the fixture's query results."""

from __future__ import annotations

import pytest
from conftest import params

from findings import charts
from findings.i18n import NNBSP


def test_activity_heatmap_cells_follow_the_measure(db):
    frame = db.run("activity_theme_matrix", params())
    figure = charts.theme_heatmap(
        frame, "activity", "activity_label", "excerpts", "en", missing_label="Not recorded"
    )
    (trace,) = figure.data
    assert trace.type == "heatmap"
    assert list(figure.layout.yaxis.ticktext) == ["Friction", "Simulation", "Roles", "Design"]  # rows: themes
    assert list(figure.layout.xaxis.ticktext) == [
        "Deep listening",
        "Facilitated<br>dialogue",
        "Tactile modelling",
        "Not recorded",
    ]
    # z[theme][activity]: Friction by DL, FD, TM, none
    assert list(trace.z[0]) == [3, 1, 1, 0]
    assert list(trace.z[3]) == [1, 2, 0, 0]  # Design: E9; E5 and the group-level E7
    assert trace.text[0][0] == "3" and trace.zmax == 3 and trace.zmin == 0
    # the hover gives every count, whatever the cells show
    assert "3 of 8 participants" in trace.hovertext[0][0] and "3 excerpts" in trace.hovertext[0][0]
    assert "Code applications: 3" in trace.hovertext[0][0]


def test_participants_heatmap_shows_shares(db):
    frame = db.run("activity_theme_matrix", params("fr"))
    figure = charts.theme_heatmap(
        frame, "activity", "activity_label", "participants", "fr", missing_label="Non renseignée"
    )
    trace = figure.data[0]
    assert trace.z[0][0] == pytest.approx(3 / 8)
    assert trace.text[0][0] == f"38{NNBSP}%"
    assert "Écoute profonde" in figure.layout.xaxis.ticktext[0]
    assert "3 participants sur 8" in trace.hovertext[0][0] and "Codages : 3" in trace.hovertext[0][0]


def test_session_heatmap_counts_codes_and_keeps_session_order(db):
    frame = db.run("session_theme_matrix", params())
    figure = charts.theme_heatmap(frame, "session_id", "session", "codes", "en")
    trace = figure.data[0]
    assert list(figure.layout.xaxis.ticktext) == ["Morning", "Afternoon", "Evening"]
    assert [list(row) for row in trace.z] == [[3, 1, 1], [1, 1, 0], [1, 1, 0], [0, 2, 1]]
    assert figure.layout.height == 110 + 56 * 4  # grows with the rows


def test_heatmap_of_nothing_is_empty_not_an_error(db):
    frame = db.run("session_theme_matrix", params(discipline=["Music"], session=["S3"]))
    figure = charts.theme_heatmap(frame, "session_id", "session", "participants", "en")
    assert list(figure.data[0].z) == []


def test_long_labels_wrap():
    assert charts.wrap_label("Blindfolded deep listening") == "Blindfolded deep<br>listening"
    assert charts.wrap_label("Short") == "Short"
