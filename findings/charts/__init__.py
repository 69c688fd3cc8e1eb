"""Chart builders: pure functions from a small DataFrame to a Plotly figure, grouped by chart kind.

    theme.py     the one template, the one palette, the sequential scale, every colour, the one
                 label wrapper, and the helpers several kinds share (inert text, numbers,
                 separators, percent ticks, the labelled gaps of small-cell suppression)
    bars.py      magnitude: one bar per item          theme_group_reach, theme_prevalence,
                                                      archive_session_bars, saturation_curve,
                                                      agreement_bars, distinctive_terms
    heatmaps.py  a grid of cells                      theme_discipline_heatmap, theme_heatmap,
                                                      theme_cooccurrence (and strongest_pairs,
                                                      its pairs ranked when the grid is cut)
    parts.py     part-to-whole: stacked or nested     theme_stance_split, session_composition,
                                                      discipline_role_sunburst, archive_treemap
    compare.py   groups side by side                  compare_groups, discipline_spread
    flows.py     amounts from stage to stage          rule_flow_sankey
    describe.py  any chart's text alternative         alt_text
    draft.py     how a builder draws: traces and layout as plain dicts (Draft, bar, heatmap...),
                 settled as validation would leave them into the go.Figure it returns

A chart is grouped by what it draws, not by the page that shows it, so two pages drawing the same
kind share its code and look. Builders never call Streamlit and never query; pages, the report and
the slides hand them the result of a named query. Every name callers use is importable from here:
`from findings import charts; charts.theme_prevalence(...)`.
"""

from __future__ import annotations

from findings.charts.bars import (
    agreement_bars,
    archive_session_bars,
    distinctive_terms,
    saturation_curve,
    theme_group_reach,
    theme_prevalence,
)
from findings.charts.compare import compare_groups, compare_verdict, discipline_spread
from findings.charts.describe import alt_text
from findings.charts.flows import rule_flow_sankey
from findings.charts.heatmaps import (
    strongest_pairs,
    theme_cooccurrence,
    theme_discipline_heatmap,
    theme_heatmap,
)
from findings.charts.parts import (
    archive_treemap,
    discipline_role_sunburst,
    session_composition,
    theme_stance_split,
)
from findings.charts.theme import (
    CHART_CONFIG,
    COMPARE_REST_COLOUR,
    FONT,
    GRID,
    INK,
    KIND_COLOURS,
    KIND_TEXT,
    MUTED,
    NEUTRAL,
    PAIR_SCALE,
    PALETTE,
    RULE_NODE_COLOUR,
    SEQUENTIAL_SCALE,
    STANCE_COLOURS,
    SUPPRESSED_FILL,
    TEMPLATE_NAME,
    colour_map,
    for_projector,
    numbers,
    plain,
    suppressed_label,
    wrap_label,
)

__all__ = [
    # builders, by kind
    "archive_session_bars",
    "theme_group_reach",
    "theme_prevalence",
    "strongest_pairs",
    "theme_cooccurrence",
    "theme_discipline_heatmap",
    "theme_heatmap",
    "archive_treemap",
    "discipline_role_sunburst",
    "session_composition",
    "theme_stance_split",
    "agreement_bars",
    "alt_text",
    "compare_groups",
    "compare_verdict",
    "distinctive_terms",
    "discipline_spread",
    "rule_flow_sankey",
    "saturation_curve",
    # the theme
    "COMPARE_REST_COLOUR",
    "FONT",
    "GRID",
    "INK",
    "KIND_COLOURS",
    "KIND_TEXT",
    "MUTED",
    "NEUTRAL",
    "PAIR_SCALE",
    "PALETTE",
    "RULE_NODE_COLOUR",
    "SEQUENTIAL_SCALE",
    "STANCE_COLOURS",
    "SUPPRESSED_FILL",
    "TEMPLATE_NAME",
    "colour_map",
    "for_projector",
    "CHART_CONFIG",
    "numbers",
    "plain",
    "suppressed_label",
    "wrap_label",
]
