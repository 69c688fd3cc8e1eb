-- purpose: how many excerpts the filters, the theme choice and the search keep, how many of
--          them are withheld for consent, and the activity the most of them come from
-- grain: one row (zeros and a null activity when nothing matches)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $q, $audience
with matching as (
    select * from quotable_excerpts(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $q, $audience
    )
),

top_activity as (
    select
        activity,
        count(*) as excerpts,
    from matching
    where activity is not null
    group by activity
    order by excerpts desc, activity
    limit 1
)

select
    (select count(*) from matching) as excerpts,
    (select count(*) from matching where not quotable) as withheld,
    top_activity.activity as top_activity,
    coalesce(top_activity.excerpts, 0) as top_activity_excerpts,
from (select 1 as one) as single_row
left join top_activity on true
