-- purpose: the filtered participants by pseudonymous id, with how many coded excerpts each
--          has under every filter (the code-level filters change the counts, not the people)
-- grain: one row per filtered participant, by session date then participant id
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select *, from filtered_participants($discipline, $role, $session, $venue)
),

-- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
kept_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

-- an excerpt counts once per speaker, however many of its codes are kept
excerpts_per_speaker as (
    select
        participant_id,
        sum(excerpts)::bigint as excerpts,
    from (select distinct pattern_id, excerpts, participant_id, from kept_codes) as speaker_patterns
    -- group-level passages have no speaker
    where participant_id is not null
    group by participant_id
)

select
    kept_participants.participant_id,
    kept_participants.session_id,
    coalesce(tr(sessions.title, sessions.title_fr, $lang), sessions.session_id) as session,
    tr(kept_participants.role, kept_participants.role_fr, $lang) as role,
    tr(kept_participants.discipline, kept_participants.discipline_fr, $lang) as discipline,
    coalesce(excerpts_per_speaker.excerpts, 0) as excerpts,
from kept_participants
join sessions on sessions.session_id = kept_participants.session_id
left join excerpts_per_speaker on excerpts_per_speaker.participant_id = kept_participants.participant_id
order by sessions.date nulls last, kept_participants.session_id, kept_participants.participant_id
