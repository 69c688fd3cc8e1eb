-- purpose: how widely each theme was voiced across disciplines: how many disciplines voiced it, which
--          discipline holds most of its participants and what share, classed as shared, distinctive,
--          between or unvoiced (distinctive when the top share exceeds $distinctive_share)
-- grain: one row per theme of the kept theme groups, in codebook order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $distinctive_share, $min_people
with kept_participants as (
    select
        participant_id,
        discipline,
        discipline_fr,
    from filtered_participants($discipline, $role, $session, $venue)
),

disciplines_present as (
    select
        count(*) as participants,
        people_key(participant_id) as participants_key,
    from kept_participants
),

-- disciplines count when at least $min_people of the kept participants are in them (1 for the
-- research audience), and a discipline voices a theme when that many of it did; the public counts
-- them from the lists of people per discipline instead, a discipline counting when its perturbed
-- count reaches k, so a count of disciplines does not tell whether one person was there or spoke
-- (privacy.Places, docs/privacy.md)
disciplines_counted as (
    select
        count(*) filter (where n >= $min_people) as disciplines,
        list(n order by discipline) as _disciplines_people,
        list(n_key order by discipline) as _disciplines_keys,
    from (
        select discipline, count(*) as n, people_key(participant_id) as n_key,
        from kept_participants
        group by discipline
    ) as per_discipline
),

discipline_sizes as (
    select
        discipline,
        tr(discipline, any_value(discipline_fr), $lang) as discipline_label,
        count(*) as discipline_participants,
        people_key(participant_id) as discipline_participants_key,
    from kept_participants
    group by discipline
),

voices as (
    select distinct
        participant_id,
        theme_id,
    -- the kept codes of the excerpt patterns: the same speakers as the kept code rows
    from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
    -- group-level passages have no speaker, so no discipline
    where participant_id is not null
),

reach_by_discipline as (
    select
        voices.theme_id,
        kept_participants.discipline,
        count(*) as reached,
        people_key(voices.participant_id) as reached_key,
    from voices
    join kept_participants on kept_participants.participant_id = voices.participant_id
    group by voices.theme_id, kept_participants.discipline
),

ranked as (
    select
        theme_id,
        discipline,
        reached,
        -- ties go to the first discipline by name, and the tie is reported
        row_number() over (partition by theme_id order by reached desc, discipline asc) as position,
        count(*) over (partition by theme_id, reached) as sharing_count,
        (sum(reached) over (partition by theme_id))::bigint as theme_reached,
        count(*) filter (where reached >= $min_people) over (partition by theme_id) as disciplines_voiced,
        reached_key,
        -- the disciplines part the theme's people, so the xor of their keys is the key of them all
        bit_xor(reached_key) over (partition by theme_id) as theme_reached_key,
    from reach_by_discipline
),

voiced_lists as (
    select
        theme_id,
        list(reached order by discipline) as _voiced_people,
        list(reached_key order by discipline) as _voiced_keys,
    from reach_by_discipline
    group by theme_id
),

top_disciplines as (
    select
        ranked.theme_id,
        ranked.discipline as top_discipline,
        discipline_sizes.discipline_label as top_discipline_label,
        ranked.reached as top_reached,
        ranked.sharing_count as top_tied,
        ranked.theme_reached,
        ranked.disciplines_voiced,
        discipline_sizes.discipline_participants as top_discipline_participants,
        ranked.reached_key as top_reached_key,
        ranked.theme_reached_key,
        discipline_sizes.discipline_participants_key as top_discipline_participants_key,
    from ranked
    join discipline_sizes on discipline_sizes.discipline = ranked.discipline
    where ranked.position = 1
),

shown_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

spread as (
    select
        shown_themes.theme_id,
        shown_themes.theme_label,
        shown_themes.theme_order,
        coalesce(top_disciplines.theme_reached, 0) as participants_reached,
        coalesce(top_disciplines.disciplines_voiced, 0) as disciplines_voiced,
        disciplines_counted.disciplines,
        top_disciplines.top_discipline,
        top_disciplines.top_discipline_label,
        coalesce(top_disciplines.top_reached, 0) as top_reached,
        coalesce(top_disciplines.top_tied, 0) as top_tied,
        top_disciplines.top_reached / nullif(top_disciplines.theme_reached, 0) as top_share,
        -- what the top discipline would hold if every participant were equally likely to voice it
        (
            top_disciplines.top_discipline_participants / nullif(disciplines_present.participants, 0)
        ) as top_baseline,
        coalesce(top_disciplines.theme_reached_key, 0::ubigint) as participants_reached_key,
        coalesce(top_disciplines.top_reached_key, 0::ubigint) as top_reached_key,
        disciplines_present.participants as _participants,
        disciplines_present.participants_key as _participants_key,
        coalesce(top_disciplines.top_discipline_participants, 0) as _top_discipline_participants,
        coalesce(
            top_disciplines.top_discipline_participants_key, 0::ubigint
        ) as _top_discipline_participants_key,
        disciplines_counted._disciplines_people,
        disciplines_counted._disciplines_keys,
        coalesce(voiced_lists._voiced_people, []::bigint[]) as _disciplines_voiced_people,
        coalesce(voiced_lists._voiced_keys, []::ubigint[]) as _disciplines_voiced_keys,
    from shown_themes
    cross join disciplines_present
    cross join disciplines_counted
    left join top_disciplines on top_disciplines.theme_id = shown_themes.theme_id
    left join voiced_lists on voiced_lists.theme_id = shown_themes.theme_id
)

select
    theme_id,
    theme_label,
    participants_reached,
    disciplines_voiced,
    disciplines,
    top_discipline,
    top_discipline_label,
    top_reached,
    top_tied,
    top_share,
    top_baseline,
    case
        when participants_reached = 0 then 'unvoiced'
        when top_share > $distinctive_share then 'distinctive'
        when disciplines_voiced = disciplines then 'shared'
        else 'between'
    end as spread,
    participants_reached_key,
    top_reached_key,
    _participants,
    _participants_key,
    _top_discipline_participants,
    _top_discipline_participants_key,
    _disciplines_people,
    _disciplines_keys,
    _disciplines_voiced_people,
    _disciplines_voiced_keys,
from spread
order by theme_order
