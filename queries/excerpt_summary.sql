-- purpose: how many excerpts the filters, the theme choice and the search keep, how many of
--          them are quotable and how many withheld for consent, how many the audience's list holds
--          (listed_by: the public lists quotable ones only), and the activity the most of them come
--          from, with the distinct speakers behind each count (what small-cell suppression rests on)
-- grain: one row (zeros and a null activity when nothing matches)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $q, $audience
with matching as (
    -- one row per pattern with `matches` matching excerpts, which all show its speaker and activity
    select *, from matching_patterns(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $q, $audience
    )
),

top_activity as (
    select
        activity,
        sum(matches)::bigint as excerpts,
        count(distinct participant_id) as participants,
        people_key(participant_id) as participants_key,
    from matching
    where activity is not null
    group by activity
    order by excerpts desc, activity asc
    limit 1
),

-- an aggregate without a group by: one row, zeros when nothing matches
totals as (
    select
        coalesce(sum(matches), 0)::bigint as excerpts,
        count(distinct participant_id) as participants,
        coalesce(sum(matches) filter (where not quotable), 0)::bigint as withheld,
        count(distinct participant_id) filter (where not quotable) as withheld_participants,
        coalesce(sum(matches) filter (where quotable), 0)::bigint as quotable,
        count(distinct participant_id) filter (where quotable) as quotable_participants,
        coalesce(sum(matches) filter (where listed_by($audience, quotable)), 0)::bigint as listed,
        people_key(participant_id) as participants_key,
        people_key(case when not quotable then participant_id end) as withheld_participants_key,
        people_key(case when quotable then participant_id end) as quotable_participants_key,
    from matching
)

select
    totals.excerpts,
    totals.participants,
    totals.withheld,
    totals.withheld_participants,
    totals.quotable,
    totals.quotable_participants,
    totals.listed,
    top_activity.activity as top_activity,
    coalesce(top_activity.excerpts, 0) as top_activity_excerpts,
    coalesce(top_activity.participants, 0) as top_activity_participants,
    totals.participants_key,
    totals.withheld_participants_key,
    totals.quotable_participants_key,
    coalesce(top_activity.participants_key, 0::ubigint) as top_activity_participants_key,
from totals
left join top_activity on true
