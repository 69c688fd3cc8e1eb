"""Quote matrix: groups (any dimension) by themes; each cell its count of excerpts and one
representative quote, chosen deterministically among the cell's quotable excerpts and never a
withheld one; a cell opens all of its quotes. NVivo's framework matrix, live and filterable.

The matrix itself is findings/quote_matrix.py's, which the standalone report draws too."""

import streamlit as st

from findings import downloads, quote_matrix, site, words
from findings.app import frame, widgets

DIMENSIONS = ["discipline", "role", "session", "venue", "activity"]

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("matrix.title"), anchor=False)
widgets.scope_caption(ctx)
st.caption(ctx.t("matrix.intro"))

# --- inputs (in the URL: dim) ---------------------------------------------------------------
offered = [d for d in DIMENSIONS if ctx.labels.get(d)]
if not offered:
    st.info(ctx.t("compare.nothing_to_compare"), icon=":material/grid_view:")
    frame.page_done()
dim = widgets.choice(
    "dim",
    ctx.t("matrix.dim"),
    offered,
    lambda d: ctx.t(f"filter.{d}"),
    "discipline" if "discipline" in offered else offered[0],
    help=ctx.t("matrix.dim_help"),
)
labels = ctx.labels[dim]
kept = ctx.filters.active.get(dim, ())
groups = [value for value in labels if not kept or value in kept]  # the sidebar's own choice stands
head = ctx.run("headline").iloc[0]
if ctx.people and widgets.too_few(ctx, head):
    frame.page_done()
themes = ctx.run("theme_options")
if len(themes) > site.MANY_THEMES:  # the most coded themes: a grid of hundreds of columns is unreadable
    themes = themes[themes.theme_id.isin(widgets.most_counted(themes, "excerpts"))]


def narrowed(value: str):
    return quote_matrix.narrowed(ctx, dim, value)


cells = quote_matrix.cells(ctx, dim, groups, labels, themes, quoted=False)  # the quotes: group by group
if cells.empty or cells["excerpts"].map(lambda v: words.blank(v) or not v).all():
    if cells["excerpts"].map(words.blank).any():
        widgets.too_little(ctx, ctx.t("matrix.what"))
    else:
        widgets.empty_state(ctx)
    frame.page_done()


def counts_table() -> None:
    """The grid of counts: a group per row, a theme per column, "suppressed" where protected."""
    st.subheader(ctx.t("matrix.counts"), anchor=False)
    grid = cells.pivot(index="group_label", columns="theme_label", values="excerpts")
    grid = grid.reindex(index=[labels[g] for g in groups], columns=list(themes["label"]))
    grid.columns.name = None
    empty = ctx.t("cell.suppressed") if cells["excerpts"].map(words.blank).any() else "–"
    st.dataframe(
        grid.reset_index().rename(columns={"group_label": ctx.t(f"filter.{dim}")}),
        hide_index=True,
        width="stretch",
        placeholder=empty,
        key="matrix.counts",
    )
    st.caption(ctx.t("matrix.counts_caption"))


def quotes() -> None:
    """Each group's themes with their count and quote, and a link to all of the cell's quotes."""
    st.subheader(ctx.t("matrix.quotes"), anchor=False)
    evidence = next(page.file for page in site.PAGES if page.name == "evidence")
    for i, value in enumerate(groups):
        unquoted = 0
        # a group's quotes are looked for once it is opened (the first is): two queries a group
        with st.expander(labels[value], expanded=i == 0, key=f"matrix.group.{i}", on_change="rerun") as box:
            if not box.open:
                continue
            row = quote_matrix.cells(ctx, dim, [value], labels, themes)
            for cell in widgets.card_grid(list(row.itertuples(index=False)), 2):
                count = cell.excerpts
                said = (
                    ctx.t("cell.suppressed")
                    if words.blank(count)
                    else ctx.tn("hover.excerpts", int(count), count=ctx.int(count))
                )
                st.markdown(f"**{words.md_escape(cell.theme_label)}** · {words.md_escape(said)}")
                if isinstance(cell.quote, str):
                    st.text(ctx.t("matrix.quote", text=cell.quote))
                    linked = {d: list(v) for d, v in narrowed(value).filters.params().items() if v}
                    st.page_link(
                        evidence,
                        label=ctx.t("matrix.see_all"),
                        icon=":material/format_quote:",
                        query_params={**linked, "theme": [cell.theme_id]},
                    )
                elif not words.blank(count) and count:
                    unquoted += 1
            if unquoted:  # said once for the group, not in every card
                st.caption(ctx.tn("matrix.no_quote", unquoted, count=ctx.int(unquoted)))
    st.download_button(
        ctx.t("matrix.download"),
        # every group's quotes, looked for only when the file is asked for
        data=lambda: downloads.csv_bytes(
            quote_matrix.cells(ctx, dim, groups, labels, themes).drop(columns=["group_label"])
        ),
        file_name="quote-matrix.csv",
        mime="text/csv",
        key="matrix.csv",
        icon=":material/download:",
        on_click="ignore",
    )


counts_table()
quotes()
