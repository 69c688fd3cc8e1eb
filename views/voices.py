"""Voices: who took part, by discipline and role, overall and in each session (people, not excerpts)."""

import streamlit as st

from findings import charts, i18n, words
from findings.app import frame, widgets

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("voices.title"), anchor=False)
widgets.scope_caption(ctx)

if widgets.no_people(ctx, "voices"):  # nobody to describe: no control, no chart
    frame.page_done()

# --- inputs ---------------------------------------------------------------------------------
# the session bars are split by discipline (default) or by role: URL `by`
by = widgets.choice(
    "by",
    ctx.t("voices.colour_by"),
    ["discipline", "role"],
    lambda d: ctx.t(f"filter.{d}"),
    "discipline",
    help=ctx.t("voices.colour_by_help"),
)
head = ctx.run("headline").iloc[0]
mix = ctx.run("discipline_roles")
sessions = ctx.run("session_composition", by=by)
research = ctx.audience == "research"  # the participant table is never sent to the public
people = ctx.run("participant_list") if research else None
if widgets.too_few(ctx, head, voices=False):  # fewer than k people: no breakdown can be shown
    frame.page_done()
if head.participants == 0 or mix.empty:
    widgets.empty_state(ctx)
    frame.page_done()


# --- who took part --------------------------------------------------------------------------
def who_took_part() -> None:
    shown = mix[~mix["discipline_participants"].map(words.blank)]  # the largest discipline shown, first
    people_text = (
        f"**{ctx.tn('common.participants', int(head.participants), count=ctx.int(head.participants))}**"
    )
    sessions_text = ctx.tn("common.sessions", int(head.sessions), count=ctx.int(head.sessions))
    if shown.empty:
        st.markdown(ctx.t("voices.sentence_plain", people=people_text, sessions=sessions_text))
    else:
        largest = shown.iloc[0]
        size = int(largest.discipline_participants)
        everyone = size == head.participants  # a single discipline is left
        st.markdown(
            ctx.t(
                "voices.sentence_one_discipline" if everyone else "voices.sentence",
                people=people_text,
                sessions=sessions_text,
                discipline=f"**{words.md_escape(largest.discipline_label)}**",
                size=ctx.tn("voices.persons", size, count=ctx.int(size)),
                share=i18n.fmt_pct(size / head.participants, ctx.lang),
            )
        )
    caption = (
        "voices.people_caption" if research else "voices.people_caption_public"
    )  # the public has no table
    st.caption(ctx.t(caption, total=ctx.int(head.participants)))


# --- who came to each session ---------------------------------------------------------------
def by_session() -> None:
    st.subheader(ctx.t("voices.by_session"), anchor=False)
    if not sessions.empty and sessions["session_participants"].isna().all():
        # every session's size suppressed: the chart would hold only the word, once a session
        widgets.too_little(ctx, ctx.t("voices.by_session_what"))
        return
    figure = charts.session_composition(
        sessions, ctx.colours(by), ctx.t(f"filter.{by}"), ctx.lang, min_cell=ctx.min_cell
    )
    widgets.chart(figure, sessions, "voices-sessions", ctx.lang)


# --- disciplines and their roles ------------------------------------------------------------
def hidden_parts(frame) -> list[str]:
    """What the sunburst leaves out as suppressed, alphabetically (never by hidden size):
    whole disciplines, then roles of the disciplines it shows."""
    gone = sorted(
        {row.discipline_label for row in frame.itertuples() if words.blank(row.discipline_participants)}
    )
    roles = sorted(
        f"{row.discipline_label} · {row.role_label}"
        for row in frame.itertuples()
        if not words.blank(row.discipline_participants) and words.blank(row.participants)
    )
    return [*gone, *roles]


def composition() -> None:
    st.subheader(ctx.t("voices.composition"), anchor=False, help=ctx.t("voices.composition_help"))
    figure = charts.discipline_role_sunburst(mix, ctx.colours("discipline"), ctx.lang)
    widgets.chart(figure, mix, "voices-disciplines", ctx.lang)
    hidden = hidden_parts(mix)
    if hidden:
        st.caption(words.md_escape(ctx.t("voices.suppressed_parts", k=ctx.min_cell, parts=", ".join(hidden))))


# --- the participants -----------------------------------------------------------------------
def participants() -> None:
    st.subheader(ctx.t("voices.list"), anchor=False)
    if not research:
        st.info(ctx.t("voices.list_research_only"), icon=":material/shield_person:")
        return
    st.caption(
        ctx.t(
            "voices.table_caption", spoke=ctx.int(head.participants_reached), total=ctx.int(head.participants)
        )
    )
    st.dataframe(
        people[["participant_id", "session", "role", "discipline", "excerpts"]],
        hide_index=True,
        width="stretch",
        key="voices.participants",
        column_config={
            "participant_id": st.column_config.TextColumn(ctx.t("voices.col_participant")),
            "session": st.column_config.TextColumn(ctx.t("col.session")),
            "role": st.column_config.TextColumn(ctx.t("col.role")),
            "discipline": st.column_config.TextColumn(ctx.t("col.discipline")),
            "excerpts": st.column_config.NumberColumn(ctx.t("common.coded_excerpts"), format="%d"),
        },
    )


who_took_part()
by_session()
composition()
participants()
