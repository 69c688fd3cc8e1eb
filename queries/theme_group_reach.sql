-- purpose: how many of the filtered participants voiced each theme group, with excerpt counts
-- grain: one row per theme group, in codebook order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select count(*) as n, people_key(participant_id) as n_key,
    from filtered_participants($discipline, $role, $session, $venue)
),

-- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
kept_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

theme_groups as (
    select
        theme_group,
        tr(theme_group, any_value(theme_group_fr), $lang) as theme_group_label,
        min(group_order) as group_order,
        count(*) as themes,
    from ordered_themes()
    group by theme_group
),

reach as (
    select
        theme_group,
        count(distinct participant_id) as participants_reached,
        sum(excerpts * codes)::bigint as code_applications,
        people_key(participant_id) as participants_reached_key,
    from kept_codes
    group by theme_group
),

-- an excerpt counts once per group, however many of its codes carry a theme of it
group_excerpts as (
    select theme_group, sum(excerpts)::bigint as excerpts,
    from (select distinct pattern_id, excerpts, theme_group, from kept_codes) as group_patterns
    group by theme_group
)

select
    theme_groups.theme_group,
    theme_groups.theme_group_label,
    theme_groups.themes,
    coalesce(reach.participants_reached, 0) as participants_reached,
    kept_participants.n as participants,
    coalesce(reach.participants_reached, 0) / nullif(kept_participants.n, 0) as share_reached,
    coalesce(group_excerpts.excerpts, 0) as excerpts,
    coalesce(reach.code_applications, 0) as code_applications,
    coalesce(reach.participants_reached_key, 0::ubigint) as participants_reached_key,
    kept_participants.n_key as participants_key,
from theme_groups
cross join kept_participants
left join reach on reach.theme_group = theme_groups.theme_group
left join group_excerpts on group_excerpts.theme_group = theme_groups.theme_group
order by theme_groups.group_order
