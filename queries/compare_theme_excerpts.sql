-- purpose: per theme, how many excerpts of group a and of group b were coded with it, out of each group's
--          excerpts: Compare for sets whose passages have no speakers (coded in documents, as most QDA
--          projects are). The groups are groups of passages by $dim (discipline, role, session, venue or
--          activity, as each passage's code rows record it); $b = '__rest__' means every other passage the
--          filters keep (a missing value is outside group a too). A group's size is its passages under the
--          filters other than theme group and stance; a theme's count, its passages under every filter.
-- grain: one row per theme of the kept theme groups, the largest difference (a minus b) first
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $dim, $a, $b
with grouped_codes as (
    select
        pattern_id,
        excerpts,
        theme_id,
        participant_id,
        -- the theme group and stance filters decide what a theme counts, not who is in a group
        keeps($theme_group, theme_group) and keeps($stance, stance) as counted,
        -- the dimension arrives as a bound value and picks one of these fixed columns
        case $dim
            when 'discipline' then discipline
            when 'role' then role
            when 'session' then session_id
            when 'venue' then venue
            when 'activity' then activity
        end as group_value,
    from filtered_patterns($discipline, $role, $session, $venue, $activity, []::varchar[], []::varchar[])
),

sides as (
    select
        pattern_id,
        excerpts,
        theme_id,
        participant_id,
        counted,
        coalesce(group_value = $a, false) as in_a,
        case
            when $b = '__rest__' then (group_value is distinct from $a)
            else coalesce(group_value = $b, false)
        end as in_b,
    from grouped_codes
),

-- an excerpt counts once in a group, however many of its codes fall in it
group_excerpts as (
    select
        coalesce(sum(excerpts) filter (where in_a), 0)::bigint as a_total,
        coalesce(sum(excerpts) filter (where in_b), 0)::bigint as b_total,
    from (select distinct pattern_id, excerpts, in_a, in_b, from sides) as group_patterns
),

-- who spoke in each group (nobody, in a set without participants): what the protection rests on
group_people as (
    select
        count(distinct participant_id) filter (where in_a) as _a_people,
        count(distinct participant_id) filter (where in_b) as _b_people,
        people_key(case when in_a then participant_id end) as _a_people_key,
        people_key(case when in_b then participant_id end) as _b_people_key,
    from sides
),

theme_excerpts as (
    select
        theme_id,
        coalesce(sum(excerpts) filter (where in_a), 0)::bigint as a_excerpts,
        coalesce(sum(excerpts) filter (where in_b), 0)::bigint as b_excerpts,
    from (
        select distinct pattern_id, excerpts, theme_id, in_a, in_b,
        from sides
        where counted
    ) as theme_patterns
    group by theme_id
),

theme_people as (
    select
        theme_id,
        count(distinct participant_id) filter (where in_a) as _a_reached,
        count(distinct participant_id) filter (where in_b) as _b_reached,
        people_key(case when in_a then participant_id end) as _a_reached_key,
        people_key(case when in_b then participant_id end) as _b_reached_key,
    from sides
    where counted
    group by theme_id
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
        group_excerpts.a_total,
        group_excerpts.b_total,
        group_people._a_people,
        group_people._b_people,
        group_people._a_people_key,
        group_people._b_people_key,
        coalesce(theme_excerpts.a_excerpts, 0) as a_excerpts,
        coalesce(theme_excerpts.b_excerpts, 0) as b_excerpts,
        coalesce(theme_excerpts.a_excerpts, 0) / nullif(group_excerpts.a_total, 0) as a_share,
        coalesce(theme_excerpts.b_excerpts, 0) / nullif(group_excerpts.b_total, 0) as b_share,
        coalesce(theme_people._a_reached, 0) as _a_reached,
        coalesce(theme_people._b_reached, 0) as _b_reached,
        coalesce(theme_people._a_reached_key, 0::ubigint) as _a_reached_key,
        coalesce(theme_people._b_reached_key, 0::ubigint) as _b_reached_key,
    from shown_themes
    cross join group_excerpts
    cross join group_people
    left join theme_excerpts on theme_excerpts.theme_id = shown_themes.theme_id
    left join theme_people on theme_people.theme_id = shown_themes.theme_id
)

select
    theme_id,
    theme_label,
    a_excerpts,
    a_total,
    a_share,
    b_excerpts,
    b_total,
    b_share,
    a_share - b_share as difference,
    _a_reached,
    _a_people,
    _b_reached,
    _b_people,
    _a_reached_key,
    _a_people_key,
    _b_reached_key,
    _b_people_key,
from shares
order by difference desc nulls last, theme_order asc
