-- purpose: how often two themes were coded on the same excerpt, as a count and as Jaccard
--          similarity (shared excerpts / excerpts carrying either theme)
-- grain: one row per ordered pair of themes (both ways, the diagonal included), codebook order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with kept_codes as (
    select * from filtered_codes(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance
    )
),

kept_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

tagged as (
    select distinct excerpt_id, theme_id, from kept_codes
),

theme_excerpts as (
    select theme_id, count(*) as excerpts, from tagged group by theme_id
),

shared as (
    select
        first_tag.theme_id as theme_a,
        second_tag.theme_id as theme_b,
        count(*) as shared_excerpts,
    from tagged as first_tag
    join tagged as second_tag on second_tag.excerpt_id = first_tag.excerpt_id
    group by first_tag.theme_id, second_tag.theme_id
),

pairs as (
    select
        row_theme.theme_id as theme_a,
        row_theme.theme_label as theme_a_label,
        row_theme.theme_order as theme_a_order,
        column_theme.theme_id as theme_b,
        column_theme.theme_label as theme_b_label,
        column_theme.theme_order as theme_b_order,
        coalesce(shared.shared_excerpts, 0) as shared_excerpts,
        coalesce(excerpts_a.excerpts, 0) as excerpts_a,
        coalesce(excerpts_b.excerpts, 0) as excerpts_b,
    from kept_themes as row_theme
    cross join kept_themes as column_theme
    left join shared
        on shared.theme_a = row_theme.theme_id
        and shared.theme_b = column_theme.theme_id
    left join theme_excerpts as excerpts_a on excerpts_a.theme_id = row_theme.theme_id
    left join theme_excerpts as excerpts_b on excerpts_b.theme_id = column_theme.theme_id
)

select
    theme_a,
    theme_a_label,
    theme_b,
    theme_b_label,
    theme_a = theme_b as same_theme,
    shared_excerpts,
    excerpts_a,
    excerpts_b,
    excerpts_a + excerpts_b - shared_excerpts as either_excerpts,
    -- no excerpt carries either theme: similarity is undefined, not zero
    shared_excerpts / nullif(excerpts_a + excerpts_b - shared_excerpts, 0) as jaccard,
from pairs
order by theme_a_order, theme_b_order
