"""The quote matrix (NVivo's framework matrix): groups of one dimension by themes, each cell its count
of excerpts and its most typical quotable quote. Streamlit-free, so the page (views/matrix.py) and
the standalone report (findings/report.py) build the same matrix through the same protected queries.

A cell's count is the theme list's (`theme_options`) under the filters narrowed to the group, with its
protection; its quote comes from the first quotable excerpts Evidence lists under the same filters
(`cell_quotes`), only when the public may see that list (`cell_summaries`: its length is a count
too), and never a withheld one."""

from __future__ import annotations

import pandas as pd

from findings import distinctive, words
from findings.filters import Filters

#: a cell's quote is the most typical of this many of its listed excerpts
QUOTE_POOL = 30


def narrowed(ctx, dim: str, value: str):
    """The page's context with the sidebar's filters narrowed to one group."""
    return ctx.narrowed(Filters.of(**{**ctx.filters.params(), dim: [value]}))


def group_quotes(group_ctx, theme_ids: list[str]) -> dict[str, pd.Series]:
    """Each theme's quote in one group: the most typical of its first QUOTE_POOL quotable excerpts
    (`excerpt_id`, `excerpt`), for the themes whose list the public may see (its length is a count
    too, so exactly as Evidence's list for that theme: cell_summaries is excerpt_summary a theme a
    row). Two queries for the whole row, not two a cell."""
    if not theme_ids:
        return {}
    summaries = group_ctx.run("cell_summaries", theme=list(theme_ids)).set_index("theme_id")
    listed = [
        theme
        for theme in theme_ids
        if theme in summaries.index
        and not words.blank(summaries.at[theme, "listed"])
        and not words.blank(summaries.at[theme, "excerpts"])
        and summaries.at[theme, "listed"]
    ]
    if not listed:
        return {}
    pools = group_ctx.run("cell_quotes", theme=listed, limit=QUOTE_POOL)
    chosen = {}
    for theme, pool in pools.groupby("theme_id", sort=False):
        pool = pool[pool["excerpt"].notna()].reset_index(drop=True)
        at = distinctive.most_typical(list(pool["excerpt"]), group_ctx.lang) if len(pool) else None
        if at is not None:
            chosen[theme] = pool.iloc[at]
    return chosen


def cells(
    ctx, dim: str, groups: list[str], labels: dict, themes: pd.DataFrame, quoted: bool = True
) -> pd.DataFrame:
    """One row per (group, theme): `group`, `group_label`, `theme_id`, `theme_label`, `excerpts`
    (blank where protected), `quote` and `excerpt_id` (None where no quote may be shown, or, without
    `quoted`, not looked for: the counts cost one query a group, the quotes two more)."""
    rows = []
    for value in groups:
        group_ctx = narrowed(ctx, dim, value)
        counts = group_ctx.run("theme_options").set_index("theme_id")
        found = {
            theme.theme_id: counts["excerpts"].get(theme.theme_id) if theme.theme_id in counts.index else 0
            for theme in themes.itertuples(index=False)
        }
        wanted = [t for t, count in found.items() if quoted and not words.blank(count) and count]
        quotes = group_quotes(group_ctx, wanted)
        for theme in themes.itertuples(index=False):
            quote = quotes.get(theme.theme_id)
            rows.append(
                {
                    "group": value,
                    "group_label": labels[value],
                    "theme_id": theme.theme_id,
                    "theme_label": theme.label,
                    "excerpts": found[theme.theme_id],
                    "quote": None if quote is None else quote.excerpt,
                    "excerpt_id": None if quote is None else quote.excerpt_id,
                }
            )
    return pd.DataFrame(rows)
