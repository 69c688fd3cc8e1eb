-- purpose: how many excerpts the filters, the theme choice and the search keep, how many of
--          them are withheld for consent, and the activity the most of them come from
-- grain: one row (zeros and a null activity when nothing matches)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $q
with kept_codes as (
    select * from filtered_codes(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance
    )
    where keeps($theme, theme_id)
),

-- one row per passage; its speaker, activity and text are the same on each of its codes
passages as (
    select
        excerpt_id,
        any_value(tr(activity, activity_fr, $lang)) as activity,
        any_value(excerpt) as full_text,
        -- consent: the same rule as excerpts.sql (public speakers and group passages are quotable)
        bool_and(participant_id is null or quote_consent = 'public') as quotable,
    from kept_codes
    group by excerpt_id
),

searched as (
    select * from passages
    -- search only what may be shown, so a match never reveals withheld words
    where $q = ''
        or (quotable and contains(strip_accents(lower(full_text)), strip_accents(lower($q))))
),

excerpts_per_activity as (
    select
        activity,
        count(*) as excerpts,
    from searched
    where activity is not null
    group by activity
),

top_activity as (
    select * from excerpts_per_activity
    order by excerpts desc, activity
    limit 1
)

select
    (select count(*) from searched) as excerpts,
    (select count(*) from searched where not quotable) as withheld,
    top_activity.activity as top_activity,
    coalesce(top_activity.excerpts, 0) as top_activity_excerpts,
from (select 1 as one) as single_row
left join top_activity on true
