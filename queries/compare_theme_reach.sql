-- purpose: per theme, how many participants of group a and of group b voiced it, out of each group's size;
--          the groups split the participants the filters keep by $dim (discipline, role, session, venue),
--          or, for activity, hold the participants who spoke in that activity and count only what they
--          said there (so one person can be in both); $b = '__rest__' means everyone outside group a
-- grain: one row per theme of the kept theme groups, the largest difference (a minus b) first
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $dim, $a, $b
with kept_participants as (
    select
        participant_id,
        -- the dimension arrives as a bound value and picks one of these fixed columns
        case $dim
            when 'discipline' then discipline
            when 'role' then role
            when 'session' then session_id
            when 'venue' then venue
        end as group_value,
    from filtered_participants($discipline, $role, $session, $venue)
),

-- an activity holds whoever has a coded passage in it, whatever the theme group or stance filters
activity_speakers as (
    select distinct
        participant_id,
        activity as group_value,
    -- the kept codes of the excerpt patterns: the same speakers as the kept code rows
    from filtered_patterns($discipline, $role, $session, $venue, $activity, []::varchar[], []::varchar[])
    where
        participant_id is not null
        and activity is not null
),

members as (
    select participant_id, group_value, from kept_participants
    where $dim <> 'activity'
    union all
    select participant_id, group_value, from activity_speakers
    where $dim = 'activity'
),

grouped as (
    select
        participant_id,
        group_value,
        coalesce(group_value = $a, false) as in_a,
        -- everyone else: any member outside group a (a missing value is outside it too)
        case
            when $b = '__rest__' then (group_value is distinct from $a)
            else coalesce(group_value = $b, false)
        end as in_b,
    from members
),

group_sizes as (
    select
        count(distinct participant_id) filter (where in_a) as a_participants,
        count(distinct participant_id) filter (where in_b) as b_participants,
        people_key(case when in_a then participant_id end) as a_participants_key,
        people_key(case when in_b then participant_id end) as b_participants_key,
    from grouped
),

kept_codes as (
    select
        participant_id,
        theme_id,
        activity,
    from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
    -- group-level passages have no speaker, so they reach no participant
    where participant_id is not null
),

reach as (
    select
        kept_codes.theme_id,
        count(distinct kept_codes.participant_id) filter (where grouped.in_a) as a_reached,
        count(distinct kept_codes.participant_id) filter (where grouped.in_b) as b_reached,
        people_key(case when grouped.in_a then kept_codes.participant_id end) as a_reached_key,
        people_key(case when grouped.in_b then kept_codes.participant_id end) as b_reached_key,
    from kept_codes
    join grouped
        on grouped.participant_id = kept_codes.participant_id
        -- in an activity group, only what was said in that activity counts
        and ($dim <> 'activity' or grouped.group_value = kept_codes.activity)
    group by kept_codes.theme_id
),

shown_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

shares as (
    select
        shown_themes.theme_id,
        shown_themes.theme_label,
        shown_themes.theme_order,
        coalesce(reach.a_reached, 0) as a_reached,
        group_sizes.a_participants,
        coalesce(reach.a_reached, 0) / nullif(group_sizes.a_participants, 0) as a_share,
        coalesce(reach.b_reached, 0) as b_reached,
        group_sizes.b_participants,
        coalesce(reach.b_reached, 0) / nullif(group_sizes.b_participants, 0) as b_share,
        coalesce(reach.a_reached_key, 0::ubigint) as a_reached_key,
        group_sizes.a_participants_key,
        coalesce(reach.b_reached_key, 0::ubigint) as b_reached_key,
        group_sizes.b_participants_key,
    from shown_themes
    cross join group_sizes
    left join reach on reach.theme_id = shown_themes.theme_id
)

select
    theme_id,
    theme_label,
    a_reached,
    a_participants,
    a_share,
    b_reached,
    b_participants,
    b_share,
    a_share - b_share as difference,
    a_reached_key,
    a_participants_key,
    b_reached_key,
    b_participants_key,
from shares
order by difference desc nulls last, theme_order asc
