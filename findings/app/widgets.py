"""The parts pages are built from: choices bound to the URL, a chart with its data twin, notices,
the scope line, the excerpt panel and the report button."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from findings import charts, i18n, privacy, site, words
from findings.app import document, state
from findings.app.context import PageContext
from findings.downloads import csv_bytes
from findings.filters import Filters
from findings.measures import DEFAULT_MEASURE, MEASURES

# --- choices kept in the URL --------------------------------------------------------------------


def choice(
    name: str, label: str, options: list[str], format_func, default: str, widget=None, **kwargs
) -> str:
    """A single choice among fixed options, bound to URL parameter `name`."""
    current = state.value(name, lambda raw: (raw[0], []) if raw[0] in options else (None, raw), default)
    if current not in options:
        current = default
    key = f"page.{name}"
    st.session_state[key] = current

    def changed():
        picked = st.session_state[key]
        state.set_value(name, picked if picked is not None else default)

    render = widget or st.segmented_control
    extra = {"selection_mode": "single", "required": True} if render is st.segmented_control else {}
    render(label, options=options, format_func=format_func, key=key, on_change=changed, **extra, **kwargs)
    state.write(name, current, default)
    return current


def multi_choice(name: str, label: str, options: list[str], format_func, **kwargs) -> list[str]:
    """Several values among options, bound to repeated URL parameter `name`."""

    def parse(raw):
        kept = [v for v in dict.fromkeys(raw) if v in options]
        return (kept, []) if kept else (None, raw)

    current = [v for v in state.value(name, parse, []) if v in options]
    key = f"page.{name}"
    st.session_state[key] = current
    st.multiselect(
        label,
        options=options,
        format_func=format_func,
        key=key,
        on_change=lambda: state.set_value(name, list(st.session_state[key])),
        select_all=False,  # choosing every value is choosing none: the empty list means all
        **kwargs,
    )
    state.write(name, current, [])
    return current


def text_value(name: str, label: str, **kwargs) -> str:
    """Free text bound to URL parameter `name` (e.g. the search box)."""
    current = state.value(name, lambda raw: (raw[0][:200], []), "")
    key = f"page.{name}"
    st.session_state[key] = current
    st.text_input(
        label, key=key, on_change=lambda: state.set_value(name, st.session_state[key].strip()[:200]), **kwargs
    )
    state.write(name, current, "")
    return current


def number_value(name: str, default: int, *, at_most: int | None = None) -> int:
    """A whole number of at least 1 bound to URL parameter `name` (a page or slide number);
    one above `at_most` is ignored with a notice."""

    def parse(raw):
        ok = raw[0].isdigit() and int(raw[0]) >= 1 and (at_most is None or int(raw[0]) <= at_most)
        return (int(raw[0]), []) if ok else (None, raw)

    return state.value(name, parse, default)


def switch(name: str, label: str, **kwargs) -> bool:
    """An on/off choice bound to URL parameter `name` (`1` when on, absent when off)."""
    current = state.value(name, lambda raw: (True, []) if raw[0] == "1" else (None, raw), False)
    key = f"page.{name}"
    st.session_state[key] = bool(current)
    st.toggle(label, key=key, on_change=lambda: state.set_value(name, bool(st.session_state[key])), **kwargs)
    state.write(name, "1" if current else None, None)
    return bool(current)


def measure(ctx: PageContext) -> str:
    """The counting measure for prevalence charts (URL `measure`), participants reached by default;
    excerpts when the set records no participants (then participants are not offered). Code
    applications are offered only where they can differ from excerpts (Database.themes_repeat)."""
    offered = list(MEASURES) if ctx.people else [m for m in MEASURES if m != "participants"]
    if not ctx.db.themes_repeat:
        offered.remove("codes")
    return choice(
        "measure",
        ctx.t("measure.label"),
        offered,
        lambda m: ctx.t(f"measure.{m}"),
        DEFAULT_MEASURE if ctx.people else "excerpts",
        help=ctx.t("measure.help" if "codes" in offered else "measure.help_no_codes"),
    )


# --- notices and lines --------------------------------------------------------------------------


def scope_line(ctx: PageContext) -> str:
    """What the filters leave, e.g. '14 of 91 participants · 212 of 1,486 excerpts · Filters: ...'."""
    head = ctx.run("headline").iloc[0]
    people = ctx.fewer(head.participants) if ctx.people else None
    return words.scope_line(head, ctx.filters, ctx.labels, ctx.lang, people)


def scope_caption(ctx: PageContext) -> None:
    """The scope line under a page's title; when the public numbers below are perturbed (findings/
    privacy.py, the cell key method) it says so, and its help says how and why."""
    line = scope_line(ctx)
    if not ctx.perturbed:
        st.caption(words.md_escape(line))
        return
    st.caption(words.md_escape(f"{line} · {ctx.t('scope.protected')}"), help=ctx.t("cell.perturbed"))


def no_people(ctx: PageContext, what: str) -> bool:
    """For a set that records no participants, say once that `what` (a part counting people) cannot
    be shown, and return True: the page then leaves that part out, its heading and controls too."""
    if ctx.people:
        return False
    st.info(
        ctx.t("empty.no_people", what=ctx.t(f"empty.no_people_what.{what}")), icon=":material/person_off:"
    )
    return True


def empty_state(ctx: PageContext) -> None:
    st.info(ctx.t("empty.filters"), icon=":material/filter_alt_off:")


def too_few(ctx: PageContext, head, *, voices: bool = True) -> bool:
    """When the filters leave fewer than min_cell people (or, with `voices`, fewer who spoke to
    them), every breakdown would be suppressed: say so once, and return True (the page then
    shows nothing more that counts people)."""
    if privacy.too_few(head, voices=voices):
        st.info(ctx.t("cell.too_few", k=ctx.min_cell), icon=":material/shield:")
        return True
    return False


def nothing_counted(frame: pd.DataFrame, column: str) -> bool:
    """Nothing to chart: no row, or `column` all zero with nothing suppressed (a suppressed
    cell may hide some, so a frame with one is never 'nothing')."""
    if frame.empty:
        return True
    return not privacy.any_suppressed(frame) and pd.to_numeric(frame[column]).sum() == 0


def most_counted(frame: pd.DataFrame, column: str) -> set[str]:
    """The site.TOP_THEMES themes with the highest shown `column` (summed over a theme's rows;
    a suppressed cell counts as nothing, so a hidden number never decides what is drawn)."""
    shown = pd.to_numeric(frame[column], errors="coerce").fillna(0)
    ranked = shown.groupby(frame["theme_id"], sort=False).sum().sort_values(ascending=False, kind="stable")
    return set(ranked.index[: site.TOP_THEMES])


def mostly_hidden(frame: pd.DataFrame, column: str, share: float = 0.5) -> bool:
    """A chart not worth drawing: nothing to show, or more than `share` of its cells suppressed
    (a grid of "suppressed" says less than one sentence does)."""
    if frame.empty:
        return True
    values = pd.to_numeric(frame[column], errors="coerce")
    hidden = values.isna() if not privacy.any_suppressed(frame) else frame[privacy.SUPPRESSED].astype(bool)
    return bool(hidden.mean() > share) or not bool((values.fillna(0) > 0).any())


def too_little(ctx: PageContext, what: str) -> None:
    """Say, in place of a chart, that the filters leave too few people to show it."""
    st.info(ctx.t("empty.too_little", what=what), icon=":material/filter_alt:")


def fields(rows: list[tuple[str, str]]) -> None:
    """A short list of label/value pairs; values are data, shown as plain text."""
    for label, value in rows:
        left, right = st.columns([1, 3])
        left.caption(label)
        right.text(value)


def metric(column, label: str, value: str, delta: str | None = None, **kwargs) -> None:
    """A headline number, with an optional quiet line under it (never coloured as a gain or loss)."""
    column.metric(label, value, delta, delta_color="off", delta_arrow="off", **kwargs)


def card_grid(items: list, per_row: int, keys: list[str] | None = None) -> Iterator:
    """Each item inside a bordered card, `per_row` cards a line; a line of columns per row keeps
    the cards aligned (`keys`: each card's container key, e.g. to bring one into view). The
    caller fills the card in its loop body."""
    for start in range(0, len(items), per_row):
        row = range(start, min(start + per_row, len(items)))
        for column, i in zip(st.columns(per_row), row, strict=False):
            with column.container(border=True, height="stretch", key=keys[i] if keys else None):
                yield items[i]


# --- charts and their data ----------------------------------------------------------------------


def chart(
    figure: go.Figure,
    data: pd.DataFrame,
    key: str,
    lang: str,
    *,
    selectable: bool = False,
    wide: bool = False,
):
    """A chart, with its data table and a CSV download in an expander below it (drawn when opened).

    A sentence before it, read by screen readers only, says what it shows and its largest item
    (charts.alt_text). With `selectable`, clicking a bar or point reruns the page and the
    selection is returned (its points carry the traces' `customdata`); otherwise None. A `wide`
    chart (a heatmap's columns) keeps a readable width on a phone and scrolls sideways
    (findings/app/document.py).
    """
    config = dict(charts.CHART_CONFIG)
    safe = re.sub(r"[^A-Za-z0-9-]", "-", key)
    # what the chart shows, in a sentence read to screen readers only (document.py hides it)
    st.container(key=f"{document.ALT}{safe}").markdown(words.md_escape(charts.alt_text(figure, lang)))
    if wide:  # said on a phone only (document.py), where the chart is wider than the screen
        st.container(key=f"{document.WIDE_HINT}{safe}").caption(i18n.t("chart.scroll", lang))
    holder = st.container(key=f"{document.WIDE}{safe}") if wide else st
    if selectable:
        event = holder.plotly_chart(
            figure,
            key=key,
            config=config,
            theme=None,
            width="stretch",
            on_select="rerun",
            selection_mode=("points",),
        )
    else:
        event = None
        holder.plotly_chart(figure, key=key, config=config, theme=None, width="stretch")
    # drawn only once opened (a rerun): its table's code is not loaded before the first chart is painted
    with st.expander(i18n.t("chart.data", lang), key=f"{key}.data", on_change="rerun") as box:
        if not box.open:
            return event
        columns, config = readable_columns(data, lang)
        # an empty cell reads "suppressed" where the protection blanked it, a dash elsewhere
        empty = i18n.t("cell.suppressed", lang) if privacy.any_suppressed(data) else "–"
        st.dataframe(
            readable_values(data, lang),
            hide_index=True,
            width="stretch",
            column_order=columns,
            column_config=config,
            placeholder=empty,
        )
        st.download_button(
            i18n.t("chart.download", lang),
            data=lambda: csv_bytes(data),  # made only when clicked
            on_click="ignore",
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"{key}.csv",
            icon=":material/download:",
        )
    return event


#: columns holding shares (0 to 1), shown as percentages
SHARE_COLUMNS = frozenset(
    {
        "share",
        "share_reached",
        "jaccard",
        "top_share",
        "top_baseline",
        "a_share",
        "b_share",
        "difference",
        "percent_agreement",
    }
)


#: columns holding a code the catalogue names (a stance, a kind of recording, a stage of the flow)
CODED_COLUMNS = {
    "stance": lambda stance: f"stance.{stance}",
    "kind": lambda kind: f"archive.{kind}",
    "stage": lambda stage: f"rules.stage.{stage}",
}


def readable_values(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as the chart says it: coded values (risk, video, theme_rule) in the UI's words."""
    shown = data
    for column, key in CODED_COLUMNS.items():
        if column in data.columns:
            shown = shown.copy() if shown is data else shown
            shown[column] = [
                i18n.t(key(v), lang) if isinstance(v, str) and i18n.has(key(v)) else v for v in data[column]
            ]
    return shown


def readable_columns(data: pd.DataFrame, lang: str) -> tuple[list[str], dict]:
    """How a chart's data reads as a table: the columns a reader needs, named in the page's
    language, shares as percentages, and whether a row was suppressed; ids that have a label
    beside them and plotting helpers are left out (the CSV keeps every column, by its data name)."""
    shown = [
        c
        for c in data.columns
        if f"{c}_label" not in data.columns
        and not str(c).endswith(("_order", "_id", "_ids"))
        and c not in ("same_theme", "theme_a", "theme_b", "source", "target", "top_discipline", "theme_group")
        and not (c == "value" and "label" in data.columns)  # a value beside its name in the UI language
    ]
    config: dict = {}
    for c in shown:
        label = i18n.t(f"chart.col.{c}", lang) if i18n.has(f"chart.col.{c}") else str(c)
        if c == privacy.SUPPRESSED:
            config[c] = st.column_config.CheckboxColumn(label)
        elif c in SHARE_COLUMNS:
            config[c] = st.column_config.NumberColumn(label, format="percent")
        elif pd.api.types.is_numeric_dtype(data[c]):
            config[c] = st.column_config.NumberColumn(label, format="localized")
        else:
            config[c] = st.column_config.Column(label)
    return shown, config


def clicked(event) -> object | None:
    """The `customdata` of the first point a chart click selected, if any."""
    points = event.selection.points if event else []
    return points[0].get("customdata") if points else None


# --- a chart cell's excerpts --------------------------------------------------------------------

CELL = "cell"  # URL: the heatmap cell whose excerpts are open, as its dimension, its value, its theme
PAIR = "pair"  # URL: the co-occurrence cell whose excerpts are open, as its two themes
LINK = "link"  # URL: the flow's link whose excerpts are open, as its source and its target


def picked_cell(ctx: PageContext, dims: tuple[str, ...], themes) -> tuple[str, str, str] | None:
    """The heatmap cell whose excerpts are open (URL `cell`), when it is one this page draws: a
    dimension of `dims`, one of its values, and a theme of `themes`."""

    def usable(cell) -> bool:
        return (
            len(cell) == 3
            and cell[0] in dims
            and cell[1] in ctx.labels.get(cell[0], {})
            and cell[2] in themes
        )

    current = state.value(CELL, lambda raw: (tuple(raw), []) if usable(raw) else (None, raw), None)
    current = tuple(current) if current is not None and usable(current) else None
    state.write(CELL, list(current) if current else None, None)
    return current


def picked_pair(themes) -> tuple[str, str] | None:
    """The pair of themes whose shared excerpts are open (URL `pair`), when both are among `themes`."""
    return picked_two(PAIR, lambda pair: pair[0] != pair[1] and all(theme in themes for theme in pair))


def picked_one(name: str, allowed) -> str | None:
    """One value kept in URL parameter `name` (a link chose it), when it is among `allowed`."""
    current = state.value(name, lambda raw: (raw[0], []) if raw[0] in allowed else (None, raw), None)
    current = current if current in allowed else None
    state.write(name, current, None)
    return current


def picked_two(name: str, usable) -> tuple[str, str] | None:
    """Two values kept in URL parameter `name` (what a click or a list opened), when `usable` says
    the page draws them; anything else is dropped from the URL."""

    def fits(raw) -> bool:
        return len(raw) == 2 and usable(tuple(raw))

    current = state.value(name, lambda raw: (tuple(raw), []) if fits(raw) else (None, raw), None)
    current = tuple(current) if current is not None and fits(current) else None
    state.write(name, list(current) if current else None, None)
    return current


def pick_from_list(name: str, label: str, options: dict, current, **kwargs) -> None:
    """A list offering what a chart cannot be clicked for (a flow's links): `options` maps each
    choice (a pair of values) to how it reads; picking one opens it (URL `name`), as a click would."""
    keys = list(options)
    key = f"page.{name}"
    st.session_state[key] = keys.index(current) if current in options else None

    def picked():
        index = st.session_state[key]
        state.set_value(name, None if index is None else keys[index])

    st.selectbox(
        label,
        options=range(len(keys)),
        format_func=lambda i: options[keys[i]],
        key=key,
        on_change=picked,
        **kwargs,
    )


def open_cell(event, dim: str, current) -> None:
    """A click on a heatmap cell (charts.cell_targets' customdata: theme, value) opens its excerpts."""
    picked = clicked(event)
    if picked:
        open_cell_of(dim, picked[1], picked[0], current)


def open_cell_of(dim: str, value: str, theme: str, current) -> None:
    """Open the excerpts of `theme` where `dim` is `value` (a click chose them), unless already open."""
    if (dim, value, theme) != current:
        state.set_value(CELL, (dim, value, theme))
        st.rerun()


def open_pair(event, current) -> None:
    """A click on a co-occurrence cell (customdata: its two themes) opens the excerpts they share."""
    picked = clicked(event)
    if picked and tuple(picked) != current:
        state.set_value(PAIR, tuple(picked))
        st.rerun()


def evidence_link(ctx: PageContext, filters: Filters, extra: dict, label: str, column=st) -> None:
    """A link to Evidence under exactly these filters and Evidence's own choices (`extra`)."""
    linked = {d: list(v) for d, v in filters.params().items() if v}
    column.page_link(
        next(page.file for page in site.PAGES if page.name == "evidence"),
        label=label,
        icon=":material/format_quote:",
        query_params={**linked, **extra},
    )


def cell_excerpts(ctx: PageContext, cell: tuple[str, str, str], theme: str, place: str, key: str) -> None:
    """A heatmap cell's excerpts: the same list, with the same consent and protection, as Evidence
    under the sidebar's filters narrowed to the cell (its value, its theme), and a link there."""
    dim, value, theme_id = cell
    narrowed = ctx.narrowed(Filters.of(**{**ctx.filters.params(), dim: [value]}))
    title = ctx.t("excerpts.cell_title", theme=theme, place=place)
    quote_panel(narrowed, title, [theme_id], close=CELL, key=key, token="|".join(cell))


def pair_excerpts(ctx: PageContext, pair: tuple[str, str], labels: dict, key: str) -> None:
    """A co-occurrence cell's excerpts: those carrying both themes under the sidebar's filters, as
    Evidence lists them with both themes chosen and 'all of them' on."""
    title = ctx.t("excerpts.pair_title", first=labels[pair[0]], second=labels[pair[1]])
    quote_panel(ctx, title, list(pair), all_themes=True, close=PAIR, key=key, token="|".join(pair))


def quote_panel(
    ctx: PageContext,
    title: str,
    theme: list[str],
    *,
    all_themes: bool = False,
    close: str,
    key: str,
    token: str,
) -> None:
    """The one panel a click opens: its title, a link to Evidence with exactly its filters and themes,
    a Close button (clearing URL parameter `close`), and its excerpts as cards. The page is taken
    to it (document.reveal), since it opens below the chart."""
    holder = f"quote-panel-{re.sub(r'[^A-Za-z0-9-]', '-', key)}"
    with st.container(key=holder, border=True):
        document.reveal(holder, token)
        st.markdown(f"**{words.md_escape(title)}**")
        left, right = st.columns([3, 1], vertical_alignment="center")
        extra = {"theme": theme, **({"all_themes": "1"} if all_themes else {})}
        evidence_link(ctx, ctx.filters, extra, ctx.t("excerpts.see_all"), left)
        right.button(
            ctx.t("excerpts.close"),
            key=f"{key}.close",
            icon=":material/close:",
            on_click=state.set_value,
            args=(close, None),
            width="stretch",
        )
        excerpt_panel(ctx, theme=theme, all_themes=all_themes, key=key)


def report_button(ctx: PageContext, key: str) -> None:
    """'Download report': one self-contained HTML file of this view, built only when clicked."""
    from findings import report

    st.download_button(
        ctx.t("report.download"),
        data=lambda: report.build(ctx, scope_line(ctx)).encode("utf-8"),
        file_name=report.filename(ctx.lang),
        mime="text/html",
        key=key,
        icon=":material/description:",
        on_click="ignore",
        help=ctx.t("report.help"),
    )


# --- the words behind a chart -------------------------------------------------------------------


def quote_text(ctx: PageContext, text, withheld: bool) -> str:
    """An excerpt's words as shown: 'Quote withheld' when consent keeps them back, '(no text
    recorded)' when there are none (never 'None' or 'nan')."""
    if withheld:
        return ctx.t("excerpts.withheld")
    return text if isinstance(text, str) and text else ctx.t("common.no_text")


def _plain(value) -> str:
    return "–" if value is None or pd.isna(value) else words.md_escape(value)


def quote_card(ctx: PageContext, row, *, search: str = "", with_id: bool = False) -> None:
    """One excerpt as a card: its words as plain text, or, where a search found them, as inert
    Markdown with the matches highlighted (words.quote_markdown), and where they come from. A
    withheld one, which only research lists, says neither its words nor who spoke them; the public
    is never told a speaker's id."""
    with st.container(border=True):
        if row.withheld:
            st.text(ctx.t("excerpts.withheld"), help=ctx.t("evidence.withheld_why"))
        elif not isinstance(row.excerpt, str) or not row.excerpt:
            st.text(ctx.t("common.no_text"))
        elif search and words.found_spans(row.excerpt, search):
            st.markdown(words.quote_markdown(row.excerpt, search))
        else:
            st.text(row.excerpt)
        if row.withheld:  # who said what they did not let us show is not shown either
            speaker = "–"
        elif pd.isna(row.role):  # a group-level passage: no speaker, role or discipline
            speaker = words.md_escape(ctx.t("excerpts.group"))
        else:
            who = [row.participant_id] if with_id else []
            speaker = " · ".join(_plain(part) for part in (*who, row.role, row.discipline))
        st.caption(
            f":material/sell: {words.md_escape(', '.join(row.themes))}"
            f"\u2003:material/event: {_plain(row.session)}"
            f"\u2003:material/person: {speaker}"
            f"\u2003:material/forum: {_plain(row.activity)}"
            f"\u2003:material/tag: {_plain(row.excerpt_id)}"
        )


def not_listed(ctx: PageContext, listing: bool) -> None:
    """Why no excerpt is listed though some match: none of them is quotable to this audience, or
    (`listing` false) the public list is held back, its length telling a protected count."""
    if listing:
        st.info(ctx.t("excerpts.none_listed"), icon=":material/format_quote:")
    else:
        st.info(ctx.t("excerpts.not_listed", k=ctx.min_cell), icon=":material/shield:")


def excerpt_panel(
    ctx: PageContext, *, theme: list[str] | None = None, all_themes: bool = False, q: str = "", key: str
) -> pd.DataFrame:
    """The excerpts behind a selection as cards, the first few of a pool read in the list's order
    with the words first (quotable, then none recorded, then withheld); withheld quotes still count.
    The public is shown quotable ones only, and only when how many there are may be shown (a list
    is a count): otherwise one sentence says why nothing is listed. Returns the cards' rows."""
    theme = list(theme or [])
    summary = ctx.run("excerpt_summary", theme=theme, all_themes=all_themes, q=q).iloc[0]
    if privacy.blanked(summary.excerpts):
        st.info(ctx.t("excerpts.not_counted", k=ctx.min_cell), icon=":material/shield:")
        return pd.DataFrame()
    if summary.excerpts == 0:
        empty_state(ctx)
        return pd.DataFrame()
    pool = ctx.run("excerpts", theme=theme, all_themes=all_themes, q=q, limit=site.PANEL_POOL, offset=0)
    if pool.empty:
        not_listed(ctx, listing=not privacy.blanked(summary.listed))
        return pool
    last = pool["withheld"].astype(bool) * 2 + pool["excerpt"].isna() * 1
    shown = pool.iloc[last.argsort(kind="stable")].head(site.PANEL_QUOTES).reset_index(drop=True)
    st.caption(
        ctx.t(
            "excerpts.count",
            shown=ctx.int(len(shown)),
            total=ctx.int(summary.excerpts),
            withheld=ctx.int(summary.withheld),
        )
    )
    for row in shown.itertuples(index=False):
        quote_card(ctx, row, search=q, with_id="participant_id" in shown.columns)
    return shown


def archive_metrics(ctx: PageContext, totals: pd.DataFrame, kinds: tuple[str, ...]) -> None:
    """One headline number per kind of recording (hours of audio and film, count of photos),
    with the files and bytes under it; a kind with no files reads '–'."""
    by_kind = {row.kind: row for row in totals.itertuples(index=False)}
    for column, kind in zip(st.columns(len(kinds)), kinds, strict=True):
        row = by_kind.get(kind)
        if row is None:
            column.metric(ctx.t(f"archive.{kind}"), "–")
            continue
        size = i18n.fmt_bytes(row.size_bytes, ctx.lang)
        if kind == "photo":
            metric(column, ctx.t("archive.photo"), ctx.int(row.files), size)
            continue
        files = ctx.tn("archive.files_size", int(row.files), files=ctx.int(row.files), size=size)
        metric(column, ctx.t(f"archive.{kind}"), i18n.fmt_hours(row.hours, ctx.lang), files)
