"""The Voices chart builders: traces, values, colours, and data text kept inert."""

from __future__ import annotations

import pandas as pd
import pytest
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
    assert figure.layout.height == 170 + 62 * 3


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


@pytest.mark.parametrize("hidden", [False, True])
def test_a_ring_is_drawn_when_noisy_counts_say_its_roles_outnumber_it(hidden):
    """The public's counts carry noise: Film & TV's roles published as 8 + 12 under a discipline
    published as 19, and all disciplines under a total of 25. Plotly draws no ring at all when a
    wedge is smaller than those it holds, so the wedges are sized to hold theirs and the numbers
    read are still the published ones."""
    frame = pd.DataFrame(
        {
            "discipline": ["F", "F", "M", "M"],
            "discipline_label": ["Film & TV", "Film & TV", "Music", "Music"],
            "role": ["A", "B", "A", "C"],
            "role_label": ["Artist", "Director", "Artist", "Composer"],
            "participants": [8, 12, 4, None if hidden else 3],
            "discipline_participants": [19, 19, 7, 7],
            "total_participants": [25, 25, 25, 25],
        }
    )
    (ring,) = charts.discipline_role_sunburst(frame, {"F": "#009E73", "M": "#CC79A7"}, "en").data
    sizes = dict(zip(ring.ids, ring.values, strict=True))
    owners = dict(zip(ring.ids, ring.parents, strict=True))
    for wedge in ring.ids:
        held = sum(sizes[child] for child, parent in owners.items() if parent == wedge)
        assert sizes[wedge] >= held, f"{wedge} is drawn smaller than what it holds: Plotly draws nothing"
    assert sizes["d/F"] == 20
    texts = dict(zip(ring.ids, ring.text, strict=True))
    assert texts["d/F"].endswith("<br>19")  # the number published, not the size drawn
    if hidden:
        assert sizes["all"] == 27 and texts["all"] == "25<br>participants"


def test_discipline_role_sunburst_text_reads_on_every_wedge(db):
    """Each wedge's text is ink or white, whichever contrasts more with the wedge as drawn (the
    outer ring's leaves see-through over the white page), whatever palette colour the discipline
    takes: Plotly's own choice left ink on the darkest inner wedges. That is 4.5:1 or more on every
    colour but the palette's mid tones (its green and vermilion), on which no text reaches it: 3.8:1
    or more there."""

    def luminance(channels) -> float:
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def drawn(hex_colour: str, alpha: float) -> float:
        value = {"white": "#ffffff"}.get(hex_colour, hex_colour).lstrip("#")
        return luminance([alpha * int(value[i : i + 2], 16) / 255 + 1 - alpha for i in (0, 2, 4)])

    def contrast(one: float, other: float) -> float:
        high, low = sorted((one, other), reverse=True)
        return (high + 0.05) / (low + 0.05)

    frame = db.run("discipline_roles", params())
    disciplines = list(dict.fromkeys(frame["discipline"]))
    readable = wedges = 0
    palette = list(charts.PALETTE)
    for shift in range(len(palette)):  # every palette colour on an inner wedge and on its leaves
        colours = {d: palette[(i + shift) % len(palette)] for i, d in enumerate(disciplines)}
        (ring,) = charts.discipline_role_sunburst(frame, colours, "en").data
        leaves = set(ring.ids) - set(ring.parents)
        for wedge, fill, ink in zip(ring.ids, ring.marker.colors, ring.textfont.color, strict=True):
            alpha = ring.leaf.opacity if wedge in leaves else 1.0
            ratios = {text: contrast(drawn(fill, alpha), drawn(text, 1.0)) for text in ("#1f2933", "white")}
            assert ratios[ink] == max(ratios.values()), (wedge, fill, ink)
            assert ratios[ink] >= 3.8, (wedge, fill, ink)
            readable += ratios[ink] >= 4.5
            wedges += 1
    assert readable / wedges > 0.8


def test_a_long_session_name_is_wrapped_not_clipped():
    frame = pd.DataFrame(
        {
            "session_id": ["S3"],
            "session": ["Assembly 3 · Bradbury Building"],
            "session_participants": [17],
            "value": ["Music"],
            "label": ["Music"],
            "participants": [4],
        }
    )
    figure = charts.session_composition(frame, {"Music": "#CC79A7"}, "Discipline", "en")
    assert list(figure.layout.yaxis.tickvals) == ["Assembly 3 · Bradbury Building"]
    assert list(figure.layout.yaxis.ticktext) == ["Assembly 3 ·<br>Bradbury Building"]
    assert figure.layout.legend.orientation == "h"  # above the bars, not taking a phone's width
