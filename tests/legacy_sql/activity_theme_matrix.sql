-- purpose: which activity (method) surfaced which theme, in all three measures (a heatmap's cells)
-- grain: one row per (activity kept, theme kept), by activity then codebook order; passages with no
--        recorded activity form one null activity, last
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select count(*) as n from filtered_participants($discipline, $role, $session, $venue)
),

kept_codes as (
    select * from filtered_codes(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance
    )
),

kept_activities as (
    select
        activity,
        tr(activity, any_value(activity_fr), $lang) as activity_label,
    from theme_codes
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
        count(distinct excerpt_id) as excerpts,
        count(*) as code_applications,
    from kept_codes
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
    coalesce(cells.excerpts, 0) as excerpts,
    coalesce(cells.code_applications, 0) as code_applications,
from kept_activities
cross join kept_themes
cross join kept_participants
left join cells
    on cells.activity is not distinct from kept_activities.activity
    and cells.theme_id = kept_themes.theme_id
order by kept_activities.activity nulls last, kept_themes.theme_order  -- one order in every language
