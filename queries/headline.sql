-- purpose: the headline counts under the current filters, next to the unfiltered totals
-- grain: one row
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $min_people
with kept_participants as (
    select *, from filtered_participants($discipline, $role, $session, $venue)
),

-- one row per distinct kept code (see filtered_codes for how to count from it)
kept_codes as (
    select *, from filtered_codes($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

-- one row per kept code of an excerpt pattern: read only for excerpts no flagged row counts
kept_pattern_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

-- the people the filters keep, and those of them who spoke, each counted with their key in one pass
people as (
    select count(*) as participants, people_key(participant_id) as participants_key,
    from kept_participants
),

voices as (
    select
        count(distinct participant_id) as participants_reached,
        people_key(participant_id) as participants_reached_key,
        coalesce(sum(code_applications), 0)::bigint as code_applications,
    from kept_codes
),

-- the people of each session (at its venue) and each theme, with their keys: the research audience counts the
-- places where at least $min_people of the kept participants met (1: anyone), the public those
-- whose perturbed count of people reaches k, so a count of places does not tell whether one
-- person was there (privacy.Places, docs/privacy.md)
session_people as (
    select
        session_id,
        venue,
        count(*) as n,
        people_key(participant_id) as n_key,
    from kept_participants
    group by session_id, venue
),

-- themes count when voiced by at least $min_people of them (or by anyone, group passages included,
-- for the research audience)
theme_people as (
    select
        theme_id,
        count(distinct participant_id) as n,
        people_key(participant_id) as n_key,
    from kept_codes
    group by theme_id
),

-- a set that records no participants counts the sessions and venues the filters keep
sessions_kept as (
    select count(*) as sessions, count(distinct venue) as venues,
    from filtered_sessions($discipline, $role, $session, $venue)
),

sessions_counted as (
    select
        case
            when (select participants_total, from _totals) = 0 then (select sessions, from sessions_kept)
            else count(*) filter (where n >= $min_people)
        end as sessions,
        case
            when (select participants_total, from _totals) = 0 then (select venues, from sessions_kept)
            else count(distinct venue) filter (where n >= $min_people)
        end as venues,
        list(n order by session_id) as _sessions_people,
        list(n_key order by session_id) as _sessions_keys,
        list(venue order by session_id) as _sessions_venues,
    from session_people
),

themes_counted as (
    select
        count(*) filter (where n >= $min_people or $min_people <= 1) as themes_voiced,
        list(n order by theme_id) as _themes_voiced_people,
        list(n_key order by theme_id) as _themes_voiced_keys,
    from theme_people
)

-- the totals do not depend on the filters: counted once when the data opened (_patterns.sql)
select
    people.participants,
    _totals.participants_total,
    sessions_counted.sessions,
    _totals.sessions_total,
    sessions_counted.venues,
    _totals.venues_total,
    (
        select coalesce(sum(excerpts), 0)::bigint,
        from (
            -- each pattern once: see counts_once and filtered_codes in _macros.sql
            select excerpts, from kept_codes
            where counts_once(true, $stance, $theme_group)
            union all
            select excerpts,
            from (
                select distinct pattern_id, excerpts, from kept_pattern_codes
                where counts_by_distinct(first_of_pattern, $stance, $theme_group)
            ) as unflagged
        ) as distinct_patterns
    ) as excerpts,
    _totals.excerpts_total,
    voices.code_applications,
    _totals.code_applications_total,
    voices.participants_reached,
    themes_counted.themes_voiced,
    _totals.themes_total,
    _totals.rules_total,
    people.participants_key,
    voices.participants_reached_key,
    sessions_counted._sessions_people,
    sessions_counted._sessions_keys,
    sessions_counted._sessions_venues,
    themes_counted._themes_voiced_people,
    themes_counted._themes_voiced_keys,
from _totals
cross join people
cross join voices
cross join sessions_counted
cross join themes_counted
