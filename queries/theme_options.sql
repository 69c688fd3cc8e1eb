-- purpose: the themes a page can pick from, in codebook order, with the excerpts the filters keep in each
--          and the distinct speakers behind them (what small-cell suppression rests on)
-- grain: one row per theme, in codebook order (themes nobody voiced under the filters stay, at zero)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_codes as (
    -- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

speakers_per_theme as (
    select
        theme_id,
        count(distinct participant_id) as participants,
        people_key(participant_id) as participants_key,
    from kept_codes
    group by theme_id
),

-- an excerpt counts once per theme, however many of its codes carry the theme
excerpts_per_theme as (
    select theme_id, sum(excerpts)::bigint as excerpts,
    from (select distinct pattern_id, excerpts, theme_id, from kept_codes) as theme_patterns
    group by theme_id
)

select
    codebook.theme_id,
    tr(codebook.label, codebook.label_fr, $lang) as label,
    codebook.theme_group,
    tr(codebook.theme_group, codebook.theme_group_fr, $lang) as theme_group_label,
    coalesce(excerpts_per_theme.excerpts, 0) as excerpts,
    coalesce(speakers_per_theme.participants, 0) as participants,
    coalesce(speakers_per_theme.participants_key, 0::ubigint) as participants_key,
from ordered_themes() as codebook
left join excerpts_per_theme on excerpts_per_theme.theme_id = codebook.theme_id
left join speakers_per_theme on speakers_per_theme.theme_id = codebook.theme_id
order by codebook.theme_order
