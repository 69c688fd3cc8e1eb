-- purpose: how widely each theme was voiced under the filters, in all three measures
-- grain: one row per theme the theme-group filter keeps, in codebook order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select count(*) as n from filtered_participants($discipline, $role, $session, $venue)
),

kept_codes as (
    select * from filtered_codes(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance
    )
),

-- a theme-group filter narrows the codebook itself: themes outside it are not drawn at zero
kept_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_group,
        tr(theme_group, theme_group_fr, $lang) as theme_group_label,
        theme_order,
        group_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

reach as (
    select
        theme_id,
        count(distinct participant_id) as participants_reached,
        count(distinct excerpt_id) as excerpts,
        count(*) as code_applications,
    from kept_codes
    group by theme_id
)

select
    kept_themes.theme_id,
    kept_themes.theme_label,
    kept_themes.theme_group,
    kept_themes.theme_group_label,
    coalesce(reach.participants_reached, 0) as participants_reached,
    kept_participants.n as participants,
    coalesce(reach.participants_reached, 0) / nullif(kept_participants.n, 0) as share_reached,
    coalesce(reach.excerpts, 0) as excerpts,
    coalesce(reach.code_applications, 0) as code_applications,
from kept_themes
cross join kept_participants
left join reach on reach.theme_id = kept_themes.theme_id
order by kept_themes.theme_order
