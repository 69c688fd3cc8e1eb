-- purpose: how many excerpts the filters, the theme choice and the search keep, how many of
--          them are quotable and how many withheld for consent, how many the audience's list holds
--          (listed_by: the public lists quotable ones only), and the activity the most of them come
--          from, with the distinct speakers behind each count (what small-cell suppression rests on)
-- grain: one row (zeros and a null activity when nothing matches)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $all_themes, $q, $audience
with matching as (
    -- one row per pattern with `matches` matching excerpts, which all show its speaker and activity
    select *, from matching_patterns(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $all_themes,
        $q, $audience
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

-- aggregates without a group by: one row, zeros when nothing matches
totals as (
    select
        coalesce(sum(matches), 0)::bigint as excerpts,
        coalesce(sum(matches) filter (where not quotable), 0)::bigint as withheld,
        coalesce(sum(matches) filter (where quotable), 0)::bigint as quotable,
        coalesce(sum(matches) filter (where listed_by($audience, quotable)), 0)::bigint as listed,
    from matching
),

-- each speaker once (whether their words are quotable is their consent, the same on every pattern),
-- so the people behind each count, and their keys, come from one small step
speakers as (
    select participant_id, bool_and(quotable) as quotable,
    from matching
    where participant_id is not null
    group by participant_id
),

speaker_counts as (
    select
        count(*) as participants,
        count(*) filter (where not quotable) as withheld_participants,
        count(*) filter (where quotable) as quotable_participants,
        people_key(participant_id) as participants_key,
        people_key(case when not quotable then participant_id end) as withheld_participants_key,
        people_key(case when quotable then participant_id end) as quotable_participants_key,
    from speakers
)

select
    totals.excerpts,
    speaker_counts.participants,
    totals.withheld,
    speaker_counts.withheld_participants,
    totals.quotable,
    speaker_counts.quotable_participants,
    totals.listed,
    top_activity.activity as top_activity,
    coalesce(top_activity.excerpts, 0) as top_activity_excerpts,
    coalesce(top_activity.participants, 0) as top_activity_participants,
    speaker_counts.participants_key,
    speaker_counts.withheld_participants_key,
    speaker_counts.quotable_participants_key,
    coalesce(top_activity.participants_key, 0::ubigint) as top_activity_participants_key,
from totals
cross join speaker_counts
left join top_activity on true
