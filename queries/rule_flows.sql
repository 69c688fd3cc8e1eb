-- purpose: the links of a discipline -> theme -> rule flow under the filters, in two measures
--          (participants reached, excerpts); only themes that support a rule take part
-- grain: one row per link: (discipline, theme) then (theme, rule)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with -- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
kept_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

supports as (
    select distinct rule_id, theme_id, from rule_themes
),

linked_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_group,
        theme_order,
    from ordered_themes()
    where theme_id in (select theme_id, from supports)
),

-- group-level passages have no speaker, so no discipline: they join the flow at the theme
discipline_codes as (
    select
        kept_codes.*,
        participants.discipline_fr,
    from kept_codes
    join participants on participants.participant_id = kept_codes.participant_id
    where kept_codes.theme_id in (select theme_id, from linked_themes)
),

discipline_reach as (
    select
        discipline,
        tr(discipline, any_value(discipline_fr), $lang) as discipline_label,
        theme_id,
        count(distinct participant_id) as participants_reached,
        people_key(participant_id) as participants_reached_key,
    from discipline_codes
    group by discipline, theme_id
),

-- an excerpt counts once per link, however many of its codes make it
discipline_excerpts as (
    select discipline, theme_id, sum(excerpts)::bigint as excerpts,
    from (
        -- each (pattern, group) once: see counts_once in _macros.sql
        select pattern_id, excerpts, discipline, theme_id, from discipline_codes
        where counts_once(first_of_theme, $stance, [])
        union all
        select distinct pattern_id, excerpts, discipline, theme_id, from discipline_codes
        where counts_by_distinct(first_of_theme, $stance, [])
    ) as link_patterns
    group by discipline, theme_id
),

discipline_links as (
    select
        discipline_reach.discipline,
        discipline_reach.discipline_label,
        discipline_reach.theme_id,
        discipline_reach.participants_reached,
        discipline_excerpts.excerpts,
        discipline_reach.participants_reached_key,
    from discipline_reach
    join discipline_excerpts
        on
            discipline_excerpts.discipline = discipline_reach.discipline
            and discipline_excerpts.theme_id = discipline_reach.theme_id
),

theme_reach as (
    select
        theme_id,
        count(distinct participant_id) as participants_reached,
        people_key(participant_id) as participants_reached_key,
    from kept_codes
    group by theme_id
),

-- an excerpt counts once per theme, however many of its codes carry the theme
theme_excerpts as (
    select theme_id, sum(excerpts)::bigint as excerpts,
    from (
        -- each (pattern, group) once: see counts_once in _macros.sql
        select pattern_id, excerpts, theme_id, from kept_codes
        where counts_once(first_of_theme, $stance, [])
        union all
        select distinct pattern_id, excerpts, theme_id, from kept_codes
        where counts_by_distinct(first_of_theme, $stance, [])
    ) as theme_patterns
    group by theme_id
),

theme_totals as (
    select
        theme_reach.theme_id,
        theme_reach.participants_reached,
        theme_excerpts.excerpts,
        theme_reach.participants_reached_key,
    from theme_reach
    join theme_excerpts on theme_excerpts.theme_id = theme_reach.theme_id
),

rule_links as (
    select
        supports.theme_id,
        supports.rule_id,
        rules.number,
        tr(rules.title, rules.title_fr, $lang) as rule_title,
        theme_totals.participants_reached,
        theme_totals.excerpts,
        theme_totals.participants_reached_key,
    from supports
    join rules on rules.rule_id = supports.rule_id
    join theme_totals on theme_totals.theme_id = supports.theme_id
)

select
    'discipline_theme' as stage,
    discipline_links.discipline as source,
    discipline_links.discipline_label as source_label,
    discipline_links.theme_id as target,
    linked_themes.theme_label as target_label,
    linked_themes.theme_group,
    discipline_links.participants_reached,
    discipline_links.excerpts,
    0 as stage_order,
    discipline_links.discipline_label as source_order,
    linked_themes.theme_order as target_order,
    discipline_links.participants_reached_key,
from discipline_links
join linked_themes on linked_themes.theme_id = discipline_links.theme_id

union all

select
    'theme_rule' as stage,
    rule_links.theme_id as source,
    linked_themes.theme_label as source_label,
    rule_links.rule_id as target,
    rule_links.number || '. ' || rule_links.rule_title as target_label,
    linked_themes.theme_group,
    rule_links.participants_reached,
    rule_links.excerpts,
    1 as stage_order,
    lpad(linked_themes.theme_order::varchar, 6, '0') as source_order,
    rule_links.number as target_order,
    rule_links.participants_reached_key,
from rule_links
join linked_themes on linked_themes.theme_id = rule_links.theme_id

order by stage_order, source_order, target_order
