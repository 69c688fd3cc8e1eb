-- purpose: one page of the excerpts the filters, a theme choice and a search keep, with their
--          theme tags; text only where its speaker's consent reaches the audience (see readable_by),
--          and for the public only the quotable ones (see listed_by)
-- grain: one row per excerpt (a passage), ordered by session then excerpt id
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $all_themes, $q, $audience, $limit, $offset
select
    excerpt_id,
    excerpt,
    not quotable as withheld,
    themes,
    theme_ids,
    stances,
    session_id,
    session,
    participant_id,
    role,
    discipline,
    activity,
    -- every match the list holds (listed_by: the public lists quotable ones only), counted from
    -- the patterns: the page itself reads only its own rows
    (
        select coalesce(sum(matches) filter (where listed_by($audience, quotable)), 0)::bigint,
        from matching_patterns(
            $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme,
            $all_themes, $q, $audience
        )
    ) as total,
from
    quotable_excerpts(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $all_themes,
        $q, $audience, $limit, $offset
    )
order by position
