"""The Voices chart builders: traces, values, colours, and data text kept inert."""

from __future__ import annotations

import pandas as pd
from conftest import params

from findings import charts


def test_session_composition_stacks_one_trace_per_discipline(db):
    frame = db.run("session_composition", {**params(), "by": "discipline"})
    colours = charts.colour_map(["Film & TV", "Music", "Technology", "Visual arts"])
    figure = charts.session_composition(frame, colours, "Discipline", "en")
    assert figure.layout.barmode == "stack"
    assert [t.name for t in figure.data] == ["Film &amp; TV", "Music", "Technology", "Visual arts"]
    film, music = figure.data[0], figure.data[1]
    assert list(film.y) == ["Morning", "Evening"] and list(film.x) == [1, 2]
    assert list(music.y) == ["Morning", "Afternoon"] and list(music.x) == [2, 1]
    assert film.marker.color == colours["Film & TV"] and music.marker.color == colours["Music"]
    assert [tuple(c) for c in music.customdata] == [("S1", "Music"), ("S2", "Music")]
    assert "2 of the 3 participants in this session" in music.hovertext[0]
    # sessions stay in date order, top to bottom, each with its total at the bar's end
    assert list(figure.layout.yaxis.categoryarray) == ["Morning", "Afternoon", "Evening"]
    assert [(a.y, a.text) for a in figure.layout.annotations] == [
        ("Morning", "<b>3</b>"),
        ("Afternoon", "<b>3</b>"),
        ("Evening", "<b>2</b>"),
    ]
    assert figure.layout.xaxis.title.text == "Participants (people)"
    assert figure.layout.height == 140 + 62 * 3


def test_session_composition_by_role_in_french(db):
    frame = db.run("session_composition", {**params("fr"), "by": "role"})
    roles = ["Artist", "Composer", "Director", "Musician", "Producer", "Technologist"]
    figure = charts.session_composition(frame, charts.colour_map(roles), "Rôle", "fr")
    assert [t.name for t in figure.data] == [
        "Artiste",
        "Compositeur·rice",
        "Réalisateur·rice",
        "Musicien·ne",
        "Producteur·rice",
        "Technologue",
    ]
    assert figure.layout.legend.title.text == "Rôle"
    assert figure.layout.xaxis.title.text == "Participants (personnes)"
    assert figure.data[2].marker.color == charts.colour_map(roles)["Director"]


def test_session_composition_escapes_markup_in_data():
    frame = pd.DataFrame(
        {
            "session_id": ["S1"],
            "session": ["<a href='x'>Night</a>"],
            "value": ["V"],
            "label": ["<b>Bold</b>"],
            "participants": [4],
            "session_participants": [4],
        }
    )
    figure = charts.session_composition(frame, {"V": "#0072B2"}, "Discipline", "en")
    assert figure.data[0].name == "&lt;b&gt;Bold&lt;/b&gt;"
    assert list(figure.data[0].y) == ["&lt;a href='x'&gt;Night&lt;/a&gt;"]
    assert "<b>Bold</b>" not in figure.data[0].hovertext[0]


def test_discipline_role_sunburst(db):
    frame = db.run("discipline_roles", params())
    colours = charts.colour_map(["Film & TV", "Music", "Technology", "Visual arts"])
    figure = charts.discipline_role_sunburst(frame, colours, "en")
    (ring,) = figure.data
    assert ring.branchvalues == "total"
    assert list(ring.ids[:4]) == ["d/Film & TV", "d/Music", "d/Technology", "d/Visual arts"]
    assert list(ring.parents) == [
        "",
        "",
        "",
        "",
        "d/Film & TV",
        "d/Film & TV",
        "d/Music",
        "d/Music",
        "d/Technology",
        "d/Visual arts",
    ]
    assert list(ring.values) == [3, 3, 1, 1, 2, 1, 2, 1, 1, 1]
    assert list(ring.labels[:4]) == ["Film &amp; TV", "Music", "Technology", "Visual arts"]
    # a role keeps its discipline's colour
    assert list(ring.marker.colors) == [
        colours[d]
        for d in [
            "Film & TV",
            "Music",
            "Technology",
            "Visual arts",
            "Film & TV",
            "Film & TV",
            "Music",
            "Music",
            "Technology",
            "Visual arts",
        ]
    ]
    assert "3 participants (38% of those shown)" in ring.hovertext[0]


def test_sunburst_wraps_long_labels():
    frame = pd.DataFrame(
        {
            "discipline": ["D"],
            "discipline_label": ["Digital storytelling"],
            "role": ["R"],
            "role_label": ["Content creator"],
            "participants": [5],
            "discipline_participants": [5],
            "total_participants": [5],
        }
    )
    figure = charts.discipline_role_sunburst(frame, {"D": "#0072B2"}, "fr")
    assert list(figure.data[0].labels) == ["Digital<br>storytelling", "Content<br>creator"]
    assert "5 participants (100\u202f% des personnes affichées)" in figure.data[0].hovertext[0]
