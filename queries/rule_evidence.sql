-- purpose: each rule with its supporting themes and the evidence behind it under the filters
--          (participants reached, sessions and disciplines reached, excerpts)
-- grain: one row per rule, in published order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $min_people
with kept_participants as (
    select
        count(*) as n,
        people_key(participant_id) as n_key,
    from filtered_participants($discipline, $role, $session, $venue)
),

-- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
kept_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

supporting_themes as (
    select distinct
        rule_themes.rule_id,
        themes.theme_id,
        tr(themes.label, themes.label_fr, $lang) as theme_label,
        themes.theme_order,
    from rule_themes
    join ordered_themes() as themes on themes.theme_id = rule_themes.theme_id
),

theme_lists as (
    select
        rule_id,
        list(theme_id order by theme_order) as theme_ids,
        list(theme_label order by theme_order) as theme_labels,
    from supporting_themes
    group by rule_id
),

-- a code is evidence for every rule its theme supports
rule_codes as (
    select supporting_themes.rule_id, kept_codes.*,
    from supporting_themes
    join kept_codes on kept_codes.theme_id = supporting_themes.theme_id
),

-- who spoke to each rule, where and from which discipline, once (group passages have no speaker)
rule_speakers as (
    select distinct rule_id, session_id, discipline, participant_id,
    from rule_codes
),

-- the people reached in each session and discipline, with their keys: the research audience counts
-- a session or discipline as reached when at least $min_people of them spoke in it (1, so any
-- passage counts), the public when their perturbed count reaches k, so a count of places does not
-- tell whether one person was there (privacy.Places, docs/privacy.md)
session_people as (
    select
        rule_id,
        session_id,
        count(distinct participant_id) as n,
        people_key(participant_id) as n_key,
    from rule_speakers
    group by rule_id, session_id
),

discipline_people as (
    select
        rule_id,
        discipline,
        count(distinct participant_id) as n,
        people_key(participant_id) as n_key,
    from rule_speakers
    where discipline is not null
    group by rule_id, discipline
),

reached_sessions as (
    select
        rule_id,
        count(*) filter (where n >= $min_people or $min_people <= 1) as sessions_reached,
        list(n order by session_id) as _sessions_reached_people,
        list(n_key order by session_id) as _sessions_reached_keys,
    from session_people
    group by rule_id
),

reached_disciplines as (
    select
        rule_id,
        count(*) filter (where n >= $min_people) as disciplines_reached,
        list(n order by discipline) as _disciplines_reached_people,
        list(n_key order by discipline) as _disciplines_reached_keys,
    from discipline_people
    group by rule_id
),

evidence as (
    select
        rule_id,
        count(distinct participant_id) as participants_reached,
        people_key(participant_id) as participants_reached_key,
    from rule_speakers
    group by rule_id
),

-- an excerpt counts once per rule, however many of its codes support it
rule_excerpts as (
    select rule_id, sum(excerpts)::bigint as excerpts,
    from (select distinct pattern_id, excerpts, rule_id, from rule_codes) as rule_patterns
    group by rule_id
)

select
    rules.rule_id,
    rules.number,
    tr(rules.title, rules.title_fr, $lang) as title,
    tr(rules.summary, rules.summary_fr, $lang) as summary,
    coalesce(theme_lists.theme_ids, []::varchar[]) as theme_ids,
    coalesce(theme_lists.theme_labels, []::varchar[]) as theme_labels,
    coalesce(evidence.participants_reached, 0) as participants_reached,
    kept_participants.n as participants,
    coalesce(evidence.participants_reached, 0) / nullif(kept_participants.n, 0) as share_reached,
    coalesce(reached_sessions.sessions_reached, 0) as sessions_reached,
    coalesce(reached_disciplines.disciplines_reached, 0) as disciplines_reached,
    coalesce(rule_excerpts.excerpts, 0) as excerpts,
    coalesce(evidence.participants_reached_key, 0::ubigint) as participants_reached_key,
    kept_participants.n_key as participants_key,
    coalesce(reached_sessions._sessions_reached_people, []::bigint[]) as _sessions_reached_people,
    coalesce(reached_sessions._sessions_reached_keys, []::ubigint[]) as _sessions_reached_keys,
    coalesce(reached_disciplines._disciplines_reached_people, []::bigint[]) as _disciplines_reached_people,
    coalesce(reached_disciplines._disciplines_reached_keys, []::ubigint[]) as _disciplines_reached_keys,
from rules
cross join kept_participants
left join theme_lists on theme_lists.rule_id = rules.rule_id
left join evidence on evidence.rule_id = rules.rule_id
left join reached_sessions on reached_sessions.rule_id = rules.rule_id
left join reached_disciplines on reached_disciplines.rule_id = rules.rule_id
left join rule_excerpts on rule_excerpts.rule_id = rules.rule_id
order by rules.number, rules.rule_id
