-- purpose: the values each sidebar filter offers, with their label in the UI language
-- grain: one row per (dimension, value)
-- params: $lang
with discipline_options as (
    select
        'discipline' as dimension,
        discipline as value,
        tr(discipline, any_value(discipline_fr), $lang) as label,
    from participants
    group by discipline
),

role_options as (
    select
        'role' as dimension,
        role as value,
        tr(role, any_value(role_fr), $lang) as label,
    from participants
    group by role
),

session_options as (
    select
        'session' as dimension,
        session_id as value,
        coalesce(tr(title, title_fr, $lang), session_id) as label,
        row_number() over (order by date nulls last, session_id) as position,
    from sessions
),

venue_options as (
    select
        'venue' as dimension,
        venue as value,
        tr(venue, any_value(venue_fr), $lang) as label,
    from sessions
    group by venue
),

activity_options as (
    select
        'activity' as dimension,
        activity as value,
        tr(activity, any_value(activity_fr), $lang) as label,
    -- every distinct code of the export (_patterns.sql): its activities without reading every row
    from _code_kinds
    where activity is not null
    group by activity
),

theme_group_options as (
    select
        'theme_group' as dimension,
        theme_group as value,
        tr(theme_group, any_value(theme_group_fr), $lang) as label,
        min(group_order) as position,
    from ordered_themes()
    group by theme_group
),

stance_options as (
    select distinct
        'stance' as dimension,
        stance as value,
        stance as label,  -- translated by the UI catalogue, not by the data
    from _code_kinds
    where stance is not null
)

select dimension, value, label, null as position, from discipline_options
union all
select dimension, value, label, null as position, from role_options
union all
select dimension, value, label, position, from session_options
union all
select dimension, value, label, null as position, from venue_options
union all
select dimension, value, label, null as position, from activity_options
union all
select dimension, value, label, position, from theme_group_options
union all
select dimension, value, label, null as position, from stance_options
order by dimension, position nulls last, label
