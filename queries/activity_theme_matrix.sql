-- purpose: which activity (method) surfaced which theme, in all three measures (a heatmap's cells)
-- grain: one row per (activity kept, theme kept), by activity then codebook order; passages with no
--        recorded activity form one null activity, last
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select
        count(*) as n,
        people_key(participant_id) as n_key,
    from filtered_participants($discipline, $role, $session, $venue)
),

-- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
kept_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

kept_activities as (
    select
        activity,
        tr(activity, any_value(activity_fr), $lang) as activity_label,
    -- every distinct code of the export, with its activity and that activity's French
    from _code_kinds
    -- a null activity stays when no activity filter is set, so that every passage is counted somewhere
    where keeps($activity, activity)
    group by activity
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

cells as (
    select
        activity,
        theme_id,
        count(distinct participant_id) as participants_reached,
        sum(excerpts * codes)::bigint as code_applications,
        people_key(participant_id) as participants_reached_key,
    from kept_codes
    group by activity, theme_id
),

-- an excerpt counts once per cell, however many of its codes fall in it
cell_excerpts as (
    select activity, theme_id, sum(excerpts)::bigint as excerpts,
    from (
        -- each (pattern, group) once: see counts_once in _macros.sql
        select pattern_id, excerpts, activity, theme_id, from kept_codes
        where counts_once(first_of_theme, $stance, [])
        union all
        select distinct pattern_id, excerpts, activity, theme_id, from kept_codes
        where counts_by_distinct(first_of_theme, $stance, [])
    ) as cell_patterns
    group by activity, theme_id
)

select
    kept_activities.activity,
    kept_activities.activity_label,
    kept_themes.theme_id,
    kept_themes.theme_label,
    kept_themes.theme_group,
    coalesce(cells.participants_reached, 0) as participants_reached,
    kept_participants.n as participants,
    coalesce(cells.participants_reached, 0) / nullif(kept_participants.n, 0) as share_reached,
    coalesce(cell_excerpts.excerpts, 0) as excerpts,
    coalesce(cells.code_applications, 0) as code_applications,
    coalesce(cells.participants_reached_key, 0::ubigint) as participants_reached_key,
    kept_participants.n_key as participants_key,
from kept_activities
cross join kept_themes
cross join kept_participants
left join cells
    on
        cells.activity is not distinct from kept_activities.activity
        and cells.theme_id = kept_themes.theme_id
left join cell_excerpts
    on
        cell_excerpts.activity is not distinct from kept_activities.activity
        and cell_excerpts.theme_id = kept_themes.theme_id
order by kept_activities.activity nulls last, kept_themes.theme_order  -- one order in every language
