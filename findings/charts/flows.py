"""Flow charts: amounts passing from one stage to the next.

rule_flow_sankey: discipline -> theme -> rule, each link as wide as the people or excerpts behind it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from findings.charts.draft import Draft, sankey
from findings.charts.theme import (
    FONT,
    HALO,
    INK,
    MUTED,
    RULE_NODE_COLOUR,
    TEMPLATE_NAME,
    numbers,
    plain,
    translucent,
    wrap_label,
)
from findings.i18n import fmt_int, t

# a link's width counts people (not their share: widths must add up along the flow) or excerpts
_LINK_VALUES = {"participants": "participants_reached", "excerpts": "excerpts"}


def rule_flow_sankey(
    frame: pd.DataFrame,
    measure: str,
    discipline_colours: dict[str, str],
    group_colours: dict[str, str],
    lang: str,
) -> go.Figure:
    """Discipline -> theme -> rule flows, link widths in `measure` ("participants" or "excerpts").

    Expects the columns of `queries/rule_flows.sql` (one row per link, stages "discipline_theme"
    and "theme_rule"). Disciplines keep their colour, themes take their theme group's colour,
    rules are grey; links carry their source's colour. A link suppressed for the audience
    (findings/privacy.py) is left out of the flow (the page says how many); node sizes follow
    the links drawn.
    """
    value_column = _LINK_VALUES[measure]
    links = frame[(numbers(frame[value_column]) > 0).to_numpy()]
    nodes: dict[tuple[str, str], int] = {}
    labels, colours = [], []

    def node(kind: str, key: str, label: str, colour: str) -> int:
        if (kind, key) not in nodes:
            nodes[(kind, key)] = len(labels)
            labels.append(plain(label))  # data text: never markup
            colours.append(colour)
        return nodes[(kind, key)]

    sources, targets, values, link_colours, link_hover = [], [], [], [], []
    for row in links.itertuples(index=False):
        theme_colour = group_colours.get(row.theme_group, MUTED)
        if row.stage == "discipline_theme":
            source_colour = discipline_colours.get(row.source, MUTED)
            source = node("discipline", row.source, row.source_label, source_colour)
            target = node("theme", row.target, row.target_label, theme_colour)
        else:
            source_colour = theme_colour
            source = node("theme", row.source, row.source_label, theme_colour)
            target = node("rule", row.target, row.target_label, RULE_NODE_COLOUR)
        value = int(getattr(row, value_column))
        sources.append(source)
        targets.append(target)
        values.append(value)
        link_colours.append(translucent(source_colour, 0.35))
        amount = t(f"rules.unit.{measure}", lang, n=fmt_int(value, lang))
        link_hover.append(
            t(
                "rules.hover_link",
                lang,
                source=plain(row.source_label),
                target=plain(row.target_label),
                value=amount,
            )
        )

    stages = {kind: sum(1 for k, _ in nodes if k == kind) for kind in ("discipline", "theme", "rule")}
    draft = Draft()
    draft.add_trace(
        sankey(
            arrangement="snap",
            node=dict(
                label=[
                    wrap_label(label, 30) if kind == "rule" else label
                    for (kind, _), label in zip(nodes, labels, strict=True)
                ],
                color=colours,
                pad=28,  # room between small nodes for their (two-line) labels
                thickness=18,
                line=dict(width=0),
                hovertemplate="%{label}<extra></extra>",
            ),
            link=dict(
                source=sources,
                target=targets,
                value=values,
                color=link_colours,
                customdata=link_hover,
                hovertemplate="%{customdata}<extra></extra>",
            ),
            # a white halo keeps each label readable where it lies across the ribbons
            textfont=dict(family=FONT, size=15, color=INK, shadow=HALO),
        )
    )
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=max(420, 120 + 80 * max(stages.values(), default=1)),  # room for two-line rule titles
        margin=dict(l=10, r=10, t=20, b=10),
    )
    return draft.figure()
