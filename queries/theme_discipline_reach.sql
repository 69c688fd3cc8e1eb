-- purpose: the share of each discipline's filtered participants who voiced each theme
-- grain: one row per theme (codebook order) and discipline with filtered participants
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select *, from filtered_participants($discipline, $role, $session, $venue)
),

disciplines as (
    select
        discipline,
        tr(discipline, any_value(discipline_fr), $lang) as discipline_label,
        count(*) as participants,
        people_key(participant_id) as participants_key,
    from kept_participants
    group by discipline
),

kept_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

-- group-level passages have no speaker, so they reach no discipline
reach as (
    select
        theme_id,
        discipline,
        count(distinct participant_id) as participants_reached,
        people_key(participant_id) as participants_reached_key,
    -- the distinct kept codes: the same speakers as the kept code rows
    from filtered_codes($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
    where participant_id is not null
    group by theme_id, discipline
),

shares as (
    select
        kept_themes.theme_id,
        kept_themes.theme_label,
        kept_themes.theme_order,
        disciplines.discipline,
        disciplines.discipline_label,
        coalesce(reach.participants_reached, 0) as participants_reached,
        disciplines.participants,
        coalesce(reach.participants_reached, 0) / disciplines.participants as share_reached,
        coalesce(reach.participants_reached_key, 0::ubigint) as participants_reached_key,
        disciplines.participants_key,
    from kept_themes
    cross join disciplines
    left join reach
        on
            reach.theme_id = kept_themes.theme_id
            and reach.discipline = disciplines.discipline
)

select
    theme_id,
    theme_label,
    discipline,
    discipline_label,
    participants_reached,
    participants,
    share_reached,
    -- the discipline(s) where the theme's share is highest; ties all count, nobody reached is no top
    (
        participants_reached > 0
        and share_reached = max(share_reached) over (partition by theme_id)
    ) as top_discipline,
    participants_reached_key,
    participants_key,
from shares
order by theme_order, discipline_label, discipline
