-- purpose: the sessions the filters keep, with their size, discipline mix and what was voiced in them
-- grain: one row per session kept, by date (undated last)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select *, from filtered_participants($discipline, $role, $session, $venue)
),

-- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
kept_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

kept_sessions as (
    select *, from filtered_sessions($discipline, $role, $session, $venue)
),

session_sizes as (
    select
        session_id,
        count(*) as participants_total,
        people_key(participant_id) as participants_total_key,
    from participants
    group by session_id
),

kept_sizes as (
    select
        session_id,
        count(*) as participants,
        people_key(participant_id) as participants_key,
    from kept_participants
    group by session_id
),

discipline_counts as (
    select
        session_id,
        discipline,
        tr(discipline, any_value(discipline_fr), $lang) as discipline_label,
        count(*) as participants,
        people_key(participant_id) as participants_key,
    from kept_participants
    group by session_id, discipline
),

-- the mix as parallel lists, largest first (ties by label, then by discipline, so that the lists
-- keep one order even when two disciplines read the same in the UI language)
discipline_mixes as (
    select
        session_id,
        list(
            discipline_label order by participants desc, discipline_label asc, discipline asc
        ) as discipline_labels,
        list(
            participants order by participants desc, discipline_label asc, discipline asc
        ) as discipline_participants,
        list(
            participants_key order by participants desc, discipline_label asc, discipline asc
        ) as discipline_participants_key,
    from discipline_counts
    group by session_id
),

voiced as (
    select
        session_id,
        count(distinct participant_id) as participants_reached,
        sum(excerpts * codes)::bigint as code_applications,
        people_key(participant_id) as participants_reached_key,
    from kept_codes
    group by session_id
),

-- an excerpt counts once per session, however many of its codes fall in it
session_excerpts as (
    select session_id, sum(excerpts)::bigint as excerpts,
    from (
        -- each (pattern, group) once: see counts_once in _macros.sql
        select pattern_id, excerpts, session_id, from kept_codes
        where counts_once(first_of_pattern, $stance, $theme_group)
        union all
        select distinct pattern_id, excerpts, session_id, from kept_codes
        where counts_by_distinct(first_of_pattern, $stance, $theme_group)
    ) as session_patterns
    group by session_id
)

select
    kept_sessions.session_id,
    coalesce(tr(kept_sessions.title, kept_sessions.title_fr, $lang), kept_sessions.session_id) as title,
    tr(kept_sessions.venue, kept_sessions.venue_fr, $lang) as venue,
    kept_sessions.date,
    kept_sessions.duration_minutes,
    coalesce(kept_sizes.participants, 0) as participants,
    coalesce(session_sizes.participants_total, 0) as participants_total,
    coalesce(voiced.participants_reached, 0) as participants_reached,
    coalesce(session_excerpts.excerpts, 0) as excerpts,
    coalesce(voiced.code_applications, 0) as code_applications,
    coalesce(discipline_mixes.discipline_labels, []::varchar[]) as discipline_labels,
    coalesce(discipline_mixes.discipline_participants, []::bigint[]) as discipline_participants,
    coalesce(kept_sizes.participants_key, 0::ubigint) as participants_key,
    coalesce(session_sizes.participants_total_key, 0::ubigint) as participants_total_key,
    coalesce(voiced.participants_reached_key, 0::ubigint) as participants_reached_key,
    coalesce(discipline_mixes.discipline_participants_key, []::ubigint[]) as discipline_participants_key,
from kept_sessions
left join session_sizes on session_sizes.session_id = kept_sessions.session_id
left join kept_sizes on kept_sizes.session_id = kept_sessions.session_id
left join discipline_mixes on discipline_mixes.session_id = kept_sessions.session_id
left join voiced on voiced.session_id = kept_sessions.session_id
left join session_excerpts on session_excerpts.session_id = kept_sessions.session_id
order by kept_sessions.date nulls last, kept_sessions.session_id
