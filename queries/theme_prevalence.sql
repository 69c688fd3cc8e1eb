-- purpose: how widely each theme was voiced under the filters, in all three measures
-- grain: one row per theme the theme-group filter keeps, in codebook order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_participants as (
    select count(*) as n, people_key(participant_id) as n_key,
    from filtered_participants($discipline, $role, $session, $venue)
),

-- one row per distinct kept code (see filtered_codes for how to count from it)
kept_codes as (
    select *, from filtered_codes($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

-- one row per kept code of an excerpt pattern: read only for excerpts no flagged row counts
kept_pattern_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

-- a theme-group filter narrows the codebook itself: themes outside it are not drawn at zero
kept_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_group,
        tr(theme_group, theme_group_fr, $lang) as theme_group_label,
        path as theme_path,
        theme_order,
        group_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

reach as (
    select
        theme_id,
        count(distinct participant_id) as participants_reached,
        sum(code_applications)::bigint as code_applications,
        people_key(participant_id) as participants_reached_key,
    from kept_codes
    group by theme_id
),

-- an excerpt counts once per theme, however many of its codes carry the theme
theme_excerpts as (
    select theme_id, sum(excerpts)::bigint as excerpts,
    from (
        -- each (pattern, theme) once: see counts_once and filtered_codes in _macros.sql
        select theme_id, theme_excerpts as excerpts, from kept_codes
        where counts_once(true, $stance, [])
        union all
        select theme_id, excerpts,
        from (
            select distinct pattern_id, excerpts, theme_id, from kept_pattern_codes
            where counts_by_distinct(first_of_theme, $stance, [])
        ) as unflagged
    ) as theme_patterns
    group by theme_id
)

select
    kept_themes.theme_id,
    kept_themes.theme_label,
    kept_themes.theme_group,
    kept_themes.theme_group_label,
    kept_themes.theme_path,
    coalesce(reach.participants_reached, 0) as participants_reached,
    kept_participants.n as participants,
    coalesce(reach.participants_reached, 0) / nullif(kept_participants.n, 0) as share_reached,
    coalesce(theme_excerpts.excerpts, 0) as excerpts,
    coalesce(reach.code_applications, 0) as code_applications,
    coalesce(reach.participants_reached_key, 0::ubigint) as participants_reached_key,
    kept_participants.n_key as participants_key,
from kept_themes
cross join kept_participants
left join reach on reach.theme_id = kept_themes.theme_id
left join theme_excerpts on theme_excerpts.theme_id = kept_themes.theme_id
order by kept_themes.theme_order
