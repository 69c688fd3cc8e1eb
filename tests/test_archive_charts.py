"""The Archive page's chart builders: bars and treemap, on the fixture's query results."""

from __future__ import annotations

import pytest
from conftest import params

from findings import charts
from findings.i18n import NNBSP


@pytest.fixture()
def media(db):
    return db.run("archive_by_session", params())


def bars_by_kind(figure) -> dict[str, list]:
    return {trace.name: list(zip(trace.x, trace.y, strict=True)) for trace in figure.data}


def test_hours_bars_leave_photos_out(media):
    figure = charts.archive_session_bars(media, "hours", "en", missing_label="No session")
    assert bars_by_kind(figure) == {"Audio": [(0, 1.0), (1, 0.5)], "Film": [(2, 2.0)]}
    assert list(figure.layout.xaxis.ticktext) == ["Morning", "Afternoon", "Evening", "No session"]
    assert figure.layout.barmode == "group"
    assert list(figure.data[0].text) == [f"1{NNBSP}h", f"0.5{NNBSP}h"]
    assert figure.data[0].marker.color == charts.KIND_COLOURS["audio"]


def test_size_bars_are_logarithmic_with_byte_ticks(media):
    figure = charts.archive_session_bars(media, "bytes", "fr", missing_label="Sans session")
    assert figure.layout.yaxis.type == "log"
    assert f"1{NNBSP}Go" in figure.layout.yaxis.ticktext and f"10{NNBSP}Go" in figure.layout.yaxis.ticktext
    assert bars_by_kind(figure)["Photos"] == [(0, 1_000_000), (3, 2_000_000)]  # the sessionless photo too
    assert figure.data[1].text[1] == f"2{NNBSP}Mo"
    assert "1 fichier · 2\u202fMo" in figure.data[1].hovertext[1]


def test_file_bars(media):
    figure = charts.archive_session_bars(media, "files", "en", missing_label="No session")
    assert {name: sum(y for _, y in bars) for name, bars in bars_by_kind(figure).items()} == {
        "Audio": 2,
        "Photos": 2,
        "Film": 1,
    }


def test_treemap_kind_then_session_sized_by_bytes(media):
    """One treemap per kind, stacked, film first: each fills its own band, so 3 MB of photos reads
    as well as 10 GB of film; each is headed by its kind and total, and tiled by session."""
    figure = charts.archive_treemap(media, "en", missing_label="No session")
    assert [tree.type for tree in figure.data] == ["treemap"] * 3
    assert [tree.name for tree in figure.data] == ["Film", "Audio", "Photos"]
    bands = [tuple(tree.domain.y) for tree in figure.data]
    assert bands == sorted(bands, reverse=True) and all(high - low > 0.25 for low, high in bands)
    nodes = {}
    for tree in figure.data:
        assert tree.branchvalues == "total"
        nodes.update(zip(tree.ids, zip(tree.parents, tree.values, tree.text, strict=True), strict=True))
    assert nodes["video"] == ("", 10_000_000_000, "10 GB")
    assert nodes["audio"] == ("", 1_500_000_000, "1.5 GB")
    assert nodes["photo"] == ("", 3_000_000, "3 MB")
    assert nodes["audio/S2"] == ("audio", 500_000_000, "500 MB")
    photos = figure.data[2]
    assert [label for i, label in zip(photos.ids, photos.labels, strict=True) if i.startswith("photo/")] == [
        "Morning",
        "No session",
    ]
    # every parent is the sum of its children
    for kind in ("video", "audio", "photo"):
        assert nodes[kind][1] == sum(v for i, (p, v, _) in nodes.items() if p == kind)


def test_treemap_colours_are_no_discipline_s_and_their_text_reads(media):
    """A kind's colour is no colour of the palette (which disciplines and theme groups take), and
    the text drawn on it has a contrast of 4.5:1 or more."""

    def luminance(hex_colour: str) -> float:
        r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    named = {"white": "#ffffff"}
    figure = charts.archive_treemap(media, "en", missing_label="No session")
    for tree in figure.data:
        fill, ink = tree.marker.colors[0], named.get(tree.textfont.color, tree.textfont.color)
        assert fill.lower() not in {c.lower() for c in charts.PALETTE}
        high, low = sorted((luminance(fill), luminance(ink)), reverse=True)
        assert (high + 0.05) / (low + 0.05) >= 4.5, tree.name


def test_archive_charts_of_nothing(db):
    empty = db.run("archive_by_session", params(session=["S1"], venue=["Hearst Estate"]))
    assert not charts.archive_session_bars(empty, "hours", "en", missing_label="-").data
    assert not charts.archive_treemap(empty, "en", missing_label="-").data
