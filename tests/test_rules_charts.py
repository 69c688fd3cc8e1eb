"""The Rules page's Sankey builder: nodes, links and colours, on the fixture's query results."""

from __future__ import annotations

import html

from conftest import params

from findings import charts

DISCIPLINES = {"Film & TV": "#000001", "Music": "#000002", "Technology": "#000003", "Visual arts": "#000004"}
GROUPS = {"Natures": "#0000a1", "Industry": "#0000a2", "Way forward": "#0000a3"}


def flows(figure):
    sankey = figure.data[0]
    labels = list(sankey.node.label)
    return {
        # as Plotly draws them: lines joined, entities read (data text reaches the chart escaped)
        (html.unescape(labels[s].replace("<br>", " ")), html.unescape(labels[t].replace("<br>", " "))): v
        for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value, strict=True)
    }


def test_sankey_in_participants_reached(db):
    figure = charts.rule_flow_sankey(
        db.run("rule_flows", params()), "participants", DISCIPLINES, GROUPS, "en"
    )
    sankey = figure.data[0]
    assert sankey.type == "sankey"
    assert flows(figure) == {
        ("Film & TV", "Friction"): 2,
        ("Film & TV", "Design"): 1,
        ("Music", "Friction"): 2,
        ("Music", "Roles"): 2,
        ("Technology", "Design"): 1,
        ("Friction", "1. Build for Process, Not Just Output"): 4,
        ("Roles", "2. Design for the Whole Creative Ecosystem"): 2,
        ("Design", "2. Design for the Whole Creative Ecosystem"): 2,
    }
    colours = dict(
        zip((label.replace("<br>", " ") for label in sankey.node.label), sankey.node.color, strict=True)
    )
    assert colours["Music"] == "#000002"  # the discipline's colour on every page
    assert colours["Roles"] == "#0000a2"  # a theme takes its group's colour
    assert colours["2. Design for the Whole Creative Ecosystem"] == charts.RULE_NODE_COLOUR
    assert sankey.link.color[0] == "rgba(0,0,1,0.35)"  # a link wears its source's colour
    assert "Music → Friction: 2 participants" in sankey.link.customdata


def test_sankey_in_excerpts_and_french(db):
    figure = charts.rule_flow_sankey(
        db.run("rule_flows", params("fr")), "excerpts", DISCIPLINES, GROUPS, "fr"
    )
    links = flows(figure)
    assert (
        links[("Musique", "Friction")] == 3
        and links[("Conception", "2. Concevoir pour tout l'écosystème")] == 3
    )
    assert "Musique → Friction : 3 extraits" in figure.data[0].link.customdata


def test_zero_links_are_left_out(db):
    # a theme voiced only in group-level passages reaches no participant but has excerpts
    frame = db.run("rule_flows", params(session=["S2"], theme_group=["Way forward"]))
    assert len(frame) == 2  # Technology -> Design (P4's E5), Design -> R2 (E5 and the group-level E7)
    frame.loc[frame.stage == "theme_rule", "participants_reached"] = 0
    by_people = charts.rule_flow_sankey(frame, "participants", DISCIPLINES, GROUPS, "en")
    assert flows(by_people) == {("Technology", "Design"): 1}
    by_excerpts = charts.rule_flow_sankey(frame, "excerpts", DISCIPLINES, GROUPS, "en")
    assert flows(by_excerpts) == {
        ("Technology", "Design"): 1,
        ("Design", "2. Design for the Whole Creative Ecosystem"): 2,
    }
