-- purpose: how each theme's code applications split by stance (risk, opportunity, mixed)
--          with the distinct speakers behind each count (what small-cell suppression rests on)
-- grain: one row per theme (codebook order) and stance, zero rows included
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with -- one row per distinct kept code (see filtered_codes for how to count from it)
kept_codes as (
    select *, from filtered_codes($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

kept_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

stances as (
    select
        stance_values.stance,
        stance_values.stance_order,
    from (values ('risk', 1), ('mixed', 2), ('opportunity', 3)) as stance_values (stance, stance_order)
    where keeps($stance, stance_values.stance)
),

-- each speaker's code applications by theme and stance: the few rows the counts below are made
-- from, so each distinct speaker is found once over the kept codes, not once per count
speaker_stances as (
    select theme_id, stance, participant_id, sum(code_applications) as code_applications,
    from kept_codes
    group by theme_id, stance, participant_id
),

counted as (
    select
        theme_id,
        coalesce(sum(code_applications) filter (where stance is not null), 0)::bigint as with_stance,
        coalesce(sum(code_applications) filter (where stance is null), 0)::bigint as without_stance,
        count(distinct participant_id) as theme_participants,
        people_key(participant_id) as theme_participants_key,
    from speaker_stances
    group by theme_id
),

by_stance as (
    select
        theme_id,
        stance,
        sum(code_applications)::bigint as code_applications,
        count(distinct participant_id) as participants,
        people_key(participant_id) as participants_key,
    from speaker_stances
    where stance is not null
    group by theme_id, stance
)

select
    kept_themes.theme_id,
    kept_themes.theme_label,
    stances.stance,
    coalesce(by_stance.code_applications, 0) as code_applications,
    coalesce(by_stance.participants, 0) as participants,
    coalesce(counted.with_stance, 0) as with_stance,
    coalesce(counted.without_stance, 0) as without_stance,
    coalesce(counted.theme_participants, 0) as theme_participants,
    coalesce(by_stance.code_applications, 0) / nullif(counted.with_stance, 0) as share,
    coalesce(by_stance.participants_key, 0::ubigint) as participants_key,
    coalesce(counted.theme_participants_key, 0::ubigint) as theme_participants_key,
from kept_themes
cross join stances
left join counted on counted.theme_id = kept_themes.theme_id
left join by_stance
    on
        by_stance.theme_id = kept_themes.theme_id
        and by_stance.stance = stances.stance
order by kept_themes.theme_order, stances.stance_order
