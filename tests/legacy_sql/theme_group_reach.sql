-- purpose: how many of the filtered participants voiced each theme group, with excerpt counts
-- grain: one row per theme group, in codebook order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select count(*) as n from filtered_participants($discipline, $role, $session, $venue)
),

kept_codes as (
    select * from filtered_codes(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance
    )
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
        count(distinct excerpt_id) as excerpts,
        count(*) as code_applications,
    from kept_codes
    group by theme_group
)

select
    theme_groups.theme_group,
    theme_groups.theme_group_label,
    theme_groups.themes,
    coalesce(reach.participants_reached, 0) as participants_reached,
    kept_participants.n as participants,
    coalesce(reach.participants_reached, 0) / nullif(kept_participants.n, 0) as share_reached,
    coalesce(reach.excerpts, 0) as excerpts,
    coalesce(reach.code_applications, 0) as code_applications,
from theme_groups
cross join kept_participants
left join reach on reach.theme_group = theme_groups.theme_group
order by theme_groups.group_order
