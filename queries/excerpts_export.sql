-- purpose: every excerpt the filters, the theme choice and the search keep, flat, for download;
--          text only where its speaker's consent reaches the audience (see readable_by), and for the
--          public only the quotable ones (see listed_by)
-- grain: one row per excerpt (a passage), ordered like excerpts.sql: session date, then excerpt id
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $all_themes, $q, $audience
select
    excerpt_id,
    session_id,
    session,
    date as session_date,
    participant_id,
    role,
    discipline,
    activity,
    array_to_string(theme_ids, '; ') as theme_ids,
    array_to_string(themes, '; ') as themes,
    coalesce(array_to_string(stances, '; '), '') as stances,
    not quotable as withheld,
    excerpt,
from
    quotable_excerpts(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $all_themes,
        $q, $audience,
        null, 0
    )
order by position
