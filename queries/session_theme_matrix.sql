-- purpose: how much each kept session voiced each theme, in all three measures (a heatmap's cells)
-- grain: one row per (session kept, theme kept), sessions by date then themes in codebook order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select *, from filtered_participants($discipline, $role, $session, $venue)
),

-- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
kept_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

-- the same sessions as the session cards (session_roster.sql)
kept_sessions as (
    select *, from filtered_sessions($discipline, $role, $session, $venue)
),

kept_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_group,
        theme_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

session_sizes as (
    select
        session_id,
        count(*) as participants,
        people_key(participant_id) as participants_key,
    from kept_participants
    group by session_id
),

cells as (
    select
        session_id,
        theme_id,
        count(distinct participant_id) as participants_reached,
        sum(excerpts * codes)::bigint as code_applications,
        people_key(participant_id) as participants_reached_key,
    from kept_codes
    group by session_id, theme_id
),

-- an excerpt counts once per cell, however many of its codes fall in it
cell_excerpts as (
    select session_id, theme_id, sum(excerpts)::bigint as excerpts,
    from (
        -- each (pattern, group) once: see counts_once in _macros.sql
        select pattern_id, excerpts, session_id, theme_id, from kept_codes
        where counts_once(first_of_theme, $stance, [])
        union all
        select distinct pattern_id, excerpts, session_id, theme_id, from kept_codes
        where counts_by_distinct(first_of_theme, $stance, [])
    ) as cell_patterns
    group by session_id, theme_id
)

select
    kept_sessions.session_id,
    coalesce(tr(kept_sessions.title, kept_sessions.title_fr, $lang), kept_sessions.session_id) as session,
    kept_themes.theme_id,
    kept_themes.theme_label,
    kept_themes.theme_group,
    coalesce(cells.participants_reached, 0) as participants_reached,
    coalesce(session_sizes.participants, 0) as participants,
    coalesce(cells.participants_reached, 0) / nullif(session_sizes.participants, 0) as share_reached,
    coalesce(cell_excerpts.excerpts, 0) as excerpts,
    coalesce(cells.code_applications, 0) as code_applications,
    coalesce(cells.participants_reached_key, 0::ubigint) as participants_reached_key,
    coalesce(session_sizes.participants_key, 0::ubigint) as participants_key,
from kept_sessions
cross join kept_themes
left join session_sizes on session_sizes.session_id = kept_sessions.session_id
left join cells
    on
        cells.session_id = kept_sessions.session_id
        and cells.theme_id = kept_themes.theme_id
left join cell_excerpts
    on
        cell_excerpts.session_id = kept_sessions.session_id
        and cell_excerpts.theme_id = kept_themes.theme_id
order by kept_sessions.date nulls last, kept_sessions.session_id, kept_themes.theme_order
