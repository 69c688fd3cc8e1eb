-- purpose: for each chosen theme, the first quotable excerpts that carry it under the filters (a
--          quote matrix cell's pool to choose its quote from), in reading order, with their words;
--          withheld passages are never rows, for any audience
-- grain: one row per (theme of $theme, excerpt), at most $limit a theme, by theme id then reading
--        order (session date, undated last, session, excerpt id)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $audience, $limit
with kept as (
    select pattern_id,
    from
        kept_patterns(
            $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, [], false,
            $audience
        )
    where quotable
),

carrying as (
    select distinct pattern_id, theme_id,
    from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
    where list_contains($theme, theme_id) and pattern_id in (select kept.pattern_id, from kept)
),

chosen as materialized (
    select
        carrying.theme_id,
        _excerpt_patterns.rowid as position,  -- the table is stored in reading order
        _excerpt_patterns.excerpt_id,
        _patterns.session_id,  -- the session its excerpts show (_patterns.sql)
    from carrying
    join _patterns on _patterns.pattern_id = carrying.pattern_id
    join packed._excerpt_patterns on _excerpt_patterns.pattern_id = carrying.pattern_id
    qualify row_number() over (partition by carrying.theme_id order by _excerpt_patterns.rowid) <= $limit
),

said as (
    select excerpt_id, any_value(excerpt) as excerpt,
    from theme_codes
    -- the sessions too: a set partitioned by session reads only theirs
    where
        session_id in (select chosen.session_id, from chosen)
        and excerpt_id in (select chosen.excerpt_id, from chosen)
    group by excerpt_id
)

select chosen.theme_id, chosen.excerpt_id, said.excerpt,
from chosen
join said on said.excerpt_id = chosen.excerpt_id
order by chosen.theme_id, chosen.position
