-- purpose: the headline counts under the current filters, next to the unfiltered totals
-- grain: one row
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance
with kept_participants as (
    select * from filtered_participants($discipline, $role, $session, $venue)
),

kept_codes as (
    select * from filtered_codes(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance
    )
),

-- sessions and venues count where the kept participants met
kept_sessions as (
    select distinct session_id, venue from kept_participants
)

select
    (select count(*) from kept_participants) as participants,
    (select count(*) from participants) as participants_total,
    (select count(*) from kept_sessions) as sessions,
    (select count(*) from sessions) as sessions_total,
    (select count(distinct venue) from kept_sessions) as venues,
    (select count(distinct venue) from sessions) as venues_total,
    (select count(distinct excerpt_id) from kept_codes) as excerpts,
    (select count(distinct excerpt_id) from theme_codes) as excerpts_total,
    (select count(*) from kept_codes) as code_applications,
    (select count(*) from theme_codes) as code_applications_total,
    (select count(distinct participant_id) from kept_codes) as participants_reached,
    (select count(distinct theme_id) from kept_codes) as themes_voiced,
    (select count(*) from themes) as themes_total,
    (select count(*) from rules) as rules_total
