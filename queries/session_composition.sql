-- purpose: who the filtered participants were in each session, by discipline or by role
--          ($by = 'role' groups by role; any other value by discipline); people, not excerpts
-- grain: one row per (session, discipline or role) with at least one filtered participant,
--        sessions in date order
-- params: $discipline, $role, $session, $venue, $lang, $by
with kept_participants as (
    select *, from filtered_participants($discipline, $role, $session, $venue)
),

grouped as (
    select
        session_id,
        case when $by = 'role' then role else discipline end as value,
        any_value(
            case when $by = 'role' then tr(role, role_fr, $lang) else tr(discipline, discipline_fr, $lang) end
        ) as label,
        count(*) as participants,
        people_key(participant_id) as participants_key,
    from kept_participants
    group by session_id, value
)

select
    grouped.session_id,
    coalesce(tr(sessions.title, sessions.title_fr, $lang), sessions.session_id) as session,
    grouped.value,
    grouped.label,
    grouped.participants,
    cast(sum(grouped.participants) over (partition by grouped.session_id) as bigint) as session_participants,
    grouped.participants_key,
    -- the groups split the session's people, so the xor of their keys is the session's key
    bit_xor(grouped.participants_key) over (partition by grouped.session_id) as session_participants_key,
from grouped
join sessions on sessions.session_id = grouped.session_id
order by sessions.date nulls last, grouped.session_id, grouped.value
