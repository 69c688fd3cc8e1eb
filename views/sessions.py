"""Sessions: each assembly session at a glance, and which session and which method surfaced which theme."""

import pandas as pd
import streamlit as st

from findings import charts, i18n, saturation, site, words
from findings.app import frame, widgets
from findings.measures import MEASURE_COLUMNS

CARDS_PER_ROW = 3

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("nav.sessions"), anchor=False)
widgets.scope_caption(ctx)

# --- inputs ---------------------------------------------------------------------------------
measure = widgets.measure(ctx)
head = ctx.run("headline").iloc[0]
roster = ctx.run("session_roster")
by_session = ctx.run("session_theme_matrix")
session_all = by_session  # saturation counts every theme, not only those a heatmap draws
by_activity = ctx.run("activity_theme_matrix")
activity_all = by_activity  # the sentence names the largest cell of all themes, not only those drawn
# hundreds of themes: the heatmaps keep the TOP_THEMES with the most shown excerpts, in codebook order
themes_total = by_session.theme_id.nunique()
if themes_total > site.MANY_THEMES:
    top = widgets.most_counted(by_session, "excerpts")
    by_session = by_session[by_session.theme_id.isin(top)]
    by_activity = by_activity[by_activity.theme_id.isin(top)]
if widgets.too_few(ctx, head):  # fewer than k people (or who spoke): every breakdown would be suppressed
    frame.page_done()
# the heatmap cell whose excerpts are open (URL `cell`): a session's or an activity's, and a theme
cell = widgets.picked_cell(ctx, ("session", "activity"), set(by_session.theme_id))


# --- each session at a glance ---------------------------------------------------------------
def when(date) -> str:
    """'18 Jan 2025' / '18 janv. 2025', from the catalogue's month names."""
    if date is None or pd.isna(date):
        return ctx.t("sessions.no_date")
    return ctx.t("sessions.date", day=date.day, month=ctx.t(f"sessions.month.{date.month}"), year=date.year)


def how_long(minutes) -> str:
    if minutes is None or pd.isna(minutes):
        return ctx.t("sessions.no_duration")
    hours, rest = divmod(int(minutes), 60)
    if rest == 0:
        return ctx.t("sessions.duration_hours", hours=hours)
    return ctx.t("sessions.duration", hours=hours, minutes=f"{rest:02d}")


def size(row) -> str:
    if words.blank(row.participants):
        return ctx.t("sessions.size_suppressed", total=ctx.int(row.participants_total))
    if row.participants == row.participants_total:
        return ctx.tn("common.participants", int(row.participants), count=ctx.int(row.participants))
    return ctx.tn(
        "sessions.size",
        int(row.participants),
        count=ctx.int(row.participants),
        total=ctx.int(row.participants_total),
    )


def mix(row) -> str:
    """'Disciplines: Music 3 · Research 4 · suppressed: Animation, Film & TV': the suppressed
    ones named apart, alphabetically, so their place in the list says nothing of their size."""
    labels = list(row.discipline_labels)
    if len(labels) == 0:
        return ctx.t("sessions.mix_none")
    counts = row.discipline_participants
    counts = [None] * len(labels) if counts is None or words.blank(counts) else list(counts)
    pairs = list(zip(labels, counts, strict=True))
    parts = [f"{label} {ctx.int(n)}" for label, n in pairs if not words.blank(n)]
    hidden = sorted(label for label, n in pairs if words.blank(n))
    if hidden:
        parts.append(ctx.t("sessions.mix_suppressed", labels=", ".join(hidden)))
    return ctx.t("sessions.mix", mix=" · ".join(parts))


def cards() -> None:
    st.subheader(ctx.t("sessions.cards"), anchor=False)
    if roster.empty:
        widgets.empty_state(ctx)
        return
    # most sessions' people suppressed: each card says where and when, and one sentence says why no more
    hidden = ctx.people and bool(roster["participants"].map(words.blank).mean() > 0.5)
    for row in widgets.card_grid(list(roster.itertuples(index=False)), CARDS_PER_ROW):
        st.markdown(f"**{words.md_escape(row.title)}**")
        st.caption(words.md_escape(f"{row.venue} · {when(row.date)} · {how_long(row.duration_minutes)}"))
        if hidden:
            continue
        if not ctx.people:  # no participants recorded: a session's passages are all there is to say
            st.caption(ctx.t("sessions.voiced_excerpts", excerpts=ctx.int(row.excerpts)))
            continue
        st.text(size(row))
        st.caption(words.md_escape(mix(row)))
        st.caption(
            ctx.t(
                "sessions.voiced", excerpts=ctx.int(row.excerpts), reached=ctx.int(row.participants_reached)
            )
        )
    if hidden:
        widgets.too_little(ctx, ctx.t("sessions.cards_what"))
        return
    st.caption(ctx.t("sessions.cards_caption" if ctx.people else "sessions.cards_caption_places"))


# --- which method surfaced which theme ------------------------------------------------------
def strongest(frame: pd.DataFrame) -> str | None:
    """The sentence under the activity heatmap: its largest shown cell (recorded activities only;
    a suppressed cell never takes part)."""
    column = MEASURE_COLUMNS[measure]
    shown = ~frame[column].map(words.blank) & ~frame["code_applications"].map(words.blank)
    recorded = frame[shown & frame["activity"].notna()]
    recorded = recorded[recorded["code_applications"].astype(float) > 0]
    if recorded.empty:
        return None
    top = recorded.sort_values(column, ascending=False, kind="stable").iloc[0]
    n = top.participants_reached if measure == "participants" else top[column]
    return ctx.tn(
        f"sessions.sentence.{measure}",
        int(n),
        activity=f"**{words.md_escape(top.activity_label)}**",
        theme=f"**{words.md_escape(top.theme_label)}**",
        count=ctx.int(n),
        total=ctx.int(top.participants),
        share=i18n.fmt_pct(top.share_reached, ctx.lang),
    )


def by_activities() -> None:
    st.subheader(ctx.t("sessions.by_activity"), anchor=False)
    sentence = strongest(activity_all)
    if sentence is None and not by_activity["suppressed"].any():  # nothing recorded in any activity
        widgets.empty_state(ctx)
        return
    if widgets.mostly_hidden(by_activity, MEASURE_COLUMNS[measure]):
        widgets.too_little(ctx, ctx.t("sessions.activity_what"))
        return
    if sentence is not None:
        st.markdown(sentence)
    figure = charts.theme_heatmap(
        by_activity,
        "activity",
        "activity_label",
        measure,
        ctx.lang,
        missing_label=ctx.t("sessions.no_activity"),
        min_cell=ctx.min_cell,
        clickable=True,
    )
    key = f"sessions-activity-theme-{'-'.join(cell) if cell and cell[0] == 'activity' else 'none'}"
    event = widgets.chart(figure, by_activity, key, ctx.lang, selectable=True, wide=True)
    widgets.open_cell(event, "activity", cell)
    st.caption(ctx.t("excerpts.cell_hint"))
    opened_here(by_activity, "activity", "activity", "activity_label")
    if ctx.people:
        st.caption(ctx.t(f"sessions.activity_cells.{measure}", total=ctx.int(head.participants)))
    else:
        st.caption(ctx.t(f"sessions.activity_cells_places.{measure}"))
    top_caption()


def opened_here(frame, dim: str, column: str, label_column: str) -> None:
    """The excerpts of the cell opened in this heatmap, under it."""
    if cell is None or cell[0] != dim:
        return
    rows = frame[(frame[column] == cell[1]) & (frame["theme_id"] == cell[2])]
    if rows.empty:  # not drawn under these filters (e.g. a theme outside the most coded)
        return
    row = rows.iloc[0]
    widgets.cell_excerpts(ctx, cell, row.theme_label, str(row[label_column]), key=f"sessions-cell-{dim}")


def top_caption() -> None:
    """Under a heatmap cut to the most coded themes: which, and where all of them are."""
    if themes_total > site.MANY_THEMES:
        st.caption(ctx.t("sessions.top_caption", top=ctx.int(site.TOP_THEMES), n=ctx.int(themes_total)))


# --- which session surfaced which theme -----------------------------------------------------
def by_sessions() -> None:
    st.subheader(ctx.t("sessions.by_session"), anchor=False)
    if widgets.nothing_counted(by_session, "code_applications"):
        widgets.empty_state(ctx)
        return
    if widgets.mostly_hidden(by_session, MEASURE_COLUMNS[measure]):
        widgets.too_little(ctx, ctx.t("sessions.session_what"))
        return
    figure = charts.theme_heatmap(
        by_session, "session_id", "session", measure, ctx.lang, min_cell=ctx.min_cell, clickable=True
    )
    key = f"sessions-session-theme-{'-'.join(cell) if cell and cell[0] == 'session' else 'none'}"
    event = widgets.chart(figure, by_session, key, ctx.lang, selectable=True, wide=True)
    widgets.open_cell(event, "session", cell)
    st.caption(ctx.t("excerpts.cell_hint"))
    opened_here(by_session, "session", "session_id", "session")
    st.caption(ctx.t(f"sessions.session_cells.{measure}"))
    top_caption()


# --- when new themes stopped coming: saturation ---------------------------------------------
def saturation_section() -> None:
    """How many new themes each session brought, in the order they took place, and whether the
    flow of new themes dried up (Guest, Namey and Chen 2020: a base, runs after it, a threshold)."""
    st.subheader(ctx.t("sessions.saturation.title"), anchor=False)
    column = "participants_reached" if ctx.people else "excerpts"
    if widgets.nothing_counted(session_all, column):
        widgets.empty_state(ctx)
        return
    # a theme is heard in a session where its shown count is above 0; in the public view a count
    # resting on fewer than k people is not shown, so such a theme is not counted as heard there
    heard = session_all[[not words.blank(v) and v > 0 for v in session_all[column]]]
    if heard.empty:  # every count that is above 0 is suppressed: no theme is known to be heard anywhere
        widgets.too_little(ctx, ctx.t("sessions.saturation.what"))
        return
    themes = heard.groupby("session_id")["theme_id"].apply(set)
    order = session_all.drop_duplicates("session_id")
    units = [(row.session, themes.get(row.session_id, set())) for row in order.itertuples(index=False)]
    left, right = st.columns(2)
    # the paper's base of 4, or, with too few sessions for it and a run, the largest that leaves one
    fitting = max(2, min(saturation.BASE, len(units) - saturation.RUN))
    with left:
        base = widgets.choice(
            "sat_base",
            ctx.t("sessions.saturation.base"),
            ["2", "3", "4", "5", "6"],
            str,
            str(fitting),
            widget=st.selectbox,
            help=ctx.t("sessions.saturation.base_help"),
        )
    with right:
        run = widgets.choice(
            "sat_run",
            ctx.t("sessions.saturation.run"),
            ["1", "2", "3"],
            str,
            str(saturation.RUN),
            widget=st.selectbox,
            help=ctx.t("sessions.saturation.run_help"),
        )
    found = saturation.saturation(units, base=int(base), run=int(run), threshold=saturation.THRESHOLD)
    labels = dict(zip(session_all.theme_id, session_all.theme_label, strict=False))
    total = session_all.theme_id.nunique()
    saturation_sentence(found, total)
    data = found.units.assign(
        new_themes=[", ".join(labels[t] for t in new) for new in found.units["new_themes"]],
        share=found.units["cumulative"] / max(total, 1),
    )[["unit", "new", "new_themes", "cumulative", "share"]].rename(columns={"unit": "session"})
    widgets.chart(
        charts.saturation_curve(found.units, total, ctx.lang), data, "sessions-saturation", ctx.lang
    )
    caption = ctx.t(
        "sessions.saturation.caption",
        themes=ctx.int(total),
        threshold=i18n.fmt_pct(found.threshold, ctx.lang),
    )
    if ctx.protected and ctx.people:
        caption += " " + ctx.t("sessions.saturation.public", k=ctx.min_cell)
    st.caption(caption)


def saturation_sentence(found, total: int) -> None:
    heard = int(found.units["cumulative"].iloc[-1]) if len(found.units) else 0
    said = [
        ctx.t(
            "sessions.saturation.heard",
            heard=ctx.int(heard),
            total=ctx.int(total),
            sessions=ctx.int(len(found.units)),
        )
    ]
    if found.status == saturation.REACHED:
        said.append(
            ctx.t(
                "sessions.saturation.reached",
                base=found.base,
                run=found.run,
                at=words.md_escape(found.at),
                threshold=i18n.fmt_pct(found.threshold, ctx.lang),
            )
        )
    elif found.status == saturation.NOT_REACHED:
        said.append(
            ctx.t(
                "sessions.saturation.not_reached",
                base=found.base,
                run=found.run,
                threshold=i18n.fmt_pct(found.threshold, ctx.lang),
            )
        )
    elif found.reason == saturation.TOO_FEW_UNITS:
        said.append(
            ctx.t(
                "sessions.saturation.too_few",
                base=found.base,
                run=found.run,
                sessions=ctx.int(len(found.units)),
            )
        )
    else:
        said.append(ctx.t("sessions.saturation.empty_base", base=found.base))
    st.markdown(" ".join(said))


cards()
by_activities()
by_sessions()
saturation_section()
