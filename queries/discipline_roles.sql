-- purpose: the filtered participants by discipline and, within each discipline, by role (people)
-- grain: one row per (discipline, role) with at least one filtered participant,
--        largest discipline first, then largest role
-- params: $discipline, $role, $session, $venue, $lang
with kept_participants as (
    select *, from filtered_participants($discipline, $role, $session, $venue)
),

by_role as (
    select
        discipline,
        any_value(tr(discipline, discipline_fr, $lang)) as discipline_label,
        role,
        any_value(tr(role, role_fr, $lang)) as role_label,
        count(*) as participants,
        people_key(participant_id) as participants_key,
    from kept_participants
    group by discipline, role
)

select
    discipline,
    discipline_label,
    role,
    role_label,
    participants,
    cast(sum(participants) over (partition by discipline) as bigint) as discipline_participants,
    cast(sum(participants) over () as bigint) as total_participants,
    participants_key,
    -- the roles split a discipline's people and the disciplines everyone's, so keys xor together
    bit_xor(participants_key) over (partition by discipline) as discipline_participants_key,
    bit_xor(participants_key) over () as total_participants_key,
from by_role
order by discipline_participants desc, discipline asc, participants desc, role asc
