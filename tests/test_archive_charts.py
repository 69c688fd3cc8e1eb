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
    figure = charts.archive_treemap(media, "en", missing_label="No session")
    tree = figure.data[0]
    assert tree.type == "treemap" and tree.branchvalues == "total"
    nodes = dict(zip(tree.ids, zip(tree.parents, tree.values, tree.text, strict=True), strict=True))
    assert nodes["video"] == ("", 10_000_000_000, "10 GB")
    assert nodes["audio"] == ("", 1_500_000_000, "1.5 GB")
    assert nodes["photo"] == ("", 3_000_000, "3 MB")
    assert nodes["audio/S2"] == ("audio", 500_000_000, "500 MB")
    assert [label for i, label in zip(tree.ids, tree.labels, strict=True) if i.startswith("photo/")] == [
        "Morning",
        "No session",
    ]
    # every parent is the sum of its children
    for kind in ("video", "audio", "photo"):
        assert nodes[kind][1] == sum(v for i, (p, v, _) in nodes.items() if p == kind)


def test_archive_charts_of_nothing(db):
    empty = db.run("archive_by_session", params(session=["S1"], venue=["Hearst Estate"]))
    assert not charts.archive_session_bars(empty, "hours", "en", missing_label="-").data
    assert list(charts.archive_treemap(empty, "en", missing_label="-").data[0].ids or []) == []
