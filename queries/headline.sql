-- purpose: the headline counts under the current filters, next to the unfiltered totals
-- grain: one row
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $min_people
with kept_participants as (
    select *, from filtered_participants($discipline, $role, $session, $venue)
),

-- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
kept_codes as (
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
        coalesce(sum(excerpts * codes), 0)::bigint as code_applications,
    from kept_codes
),

-- sessions and venues count where the kept participants met, at least $min_people of them (1 for
-- the research audience): for the public, a count of places must not tell whether one person was
-- there (docs/privacy.md)
kept_sessions as (
    select session_id, venue,
    from kept_participants
    group by session_id, venue
    having count(*) >= $min_people
),

-- themes count when voiced by at least $min_people of them (or by anyone, group passages included,
-- for the research audience)
kept_themes as (
    select theme_id,
    from kept_codes
    group by theme_id
    having count(distinct participant_id) >= $min_people or $min_people <= 1
)

-- the totals do not depend on the filters: counted once when the data opened (_patterns.sql)
select
    people.participants,
    _totals.participants_total,
    (select count(*), from kept_sessions) as sessions,
    _totals.sessions_total,
    (select count(distinct venue), from kept_sessions) as venues,
    _totals.venues_total,
    (
        select coalesce(sum(excerpts), 0)::bigint,
        from (select distinct pattern_id, excerpts, from kept_codes) as distinct_patterns
    ) as excerpts,
    _totals.excerpts_total,
    voices.code_applications,
    _totals.code_applications_total,
    voices.participants_reached,
    (select count(*), from kept_themes) as themes_voiced,
    _totals.themes_total,
    _totals.rules_total,
    people.participants_key,
    voices.participants_reached_key,
from _totals
cross join people
cross join voices
