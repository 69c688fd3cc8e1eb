"""The quote matrix (NVivo's framework matrix): groups of one dimension by themes, each cell its count
of excerpts and its most typical quotable quote. Streamlit-free, so the page (views/matrix.py) and
the standalone report (findings/report.py) build the same matrix through the same protected queries.

A cell's count is the theme list's (`theme_options`) under the filters narrowed to the group, with its
protection; its quote comes from the list Evidence gives under the same filters, only when the
public may see that list (its length is a count too), and never a withheld one."""

from __future__ import annotations

import pandas as pd

from findings import distinctive, words
from findings.filters import Filters

#: a cell's quote is the most typical of this many of its listed excerpts
QUOTE_POOL = 30


def narrowed(ctx, dim: str, value: str):
    """The page's context with the sidebar's filters narrowed to one group."""
    return ctx.narrowed(Filters.of(**{**ctx.filters.params(), dim: [value]}))


def cell_quote(group_ctx, theme_id: str) -> pd.Series | None:
    """The cell's most typical quotable excerpt, when the public may see the cell's list."""
    summary = group_ctx.run("excerpt_summary", theme=[theme_id], q="").iloc[0]
    if words.blank(summary.listed) or words.blank(summary.excerpts) or not summary.listed:
        return None
    pool = group_ctx.run("excerpts", theme=[theme_id], q="", limit=QUOTE_POOL, offset=0)
    pool = pool[~pool["withheld"].astype(bool) & pool["excerpt"].notna()].reset_index(drop=True)
    chosen = distinctive.most_typical(list(pool["excerpt"]), group_ctx.lang) if len(pool) else None
    return None if chosen is None else pool.iloc[chosen]


def cells(
    ctx, dim: str, groups: list[str], labels: dict, themes: pd.DataFrame, quoted: bool = True
) -> pd.DataFrame:
    """One row per (group, theme): `group`, `group_label`, `theme_id`, `theme_label`, `excerpts`
    (blank where protected), `quote` and `excerpt_id` (None where no quote may be shown, or, without
    `quoted`, not looked for: the counts alone cost one query a group, a quote two a cell)."""
    rows = []
    for value in groups:
        group_ctx = narrowed(ctx, dim, value)
        counts = group_ctx.run("theme_options").set_index("theme_id")
        for theme in themes.itertuples(index=False):
            count = counts["excerpts"].get(theme.theme_id) if theme.theme_id in counts.index else 0
            wanted = quoted and not words.blank(count) and count
            quote = cell_quote(group_ctx, theme.theme_id) if wanted else None
            rows.append(
                {
                    "group": value,
                    "group_label": labels[value],
                    "theme_id": theme.theme_id,
                    "theme_label": theme.label,
                    "excerpts": count,
                    "quote": None if quote is None else quote.excerpt,
                    "excerpt_id": None if quote is None else quote.excerpt_id,
                }
            )
    return pd.DataFrame(rows)
