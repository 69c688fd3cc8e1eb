-- purpose: how often two themes were coded on the same excerpt, as a count and as Jaccard
--          similarity (shared excerpts / excerpts carrying either theme)
--          and the distinct speakers behind each count (what small-cell suppression rests on)
-- grain: one row per ordered pair of themes (both ways, the diagonal included), codebook order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with -- one row per kept code of an excerpt pattern (see filtered_patterns for how to count from it)
kept_codes as (
    select *, from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

kept_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

-- the excerpts of one pattern carry the same themes, so two themes meet on all of them or none
tagged as (
    select distinct pattern_id, excerpts, theme_id, participant_id, from kept_codes
),

-- each kept pattern's themes, once each
pattern_themes as (
    select distinct pattern_id, excerpts, theme_id, from tagged
),

-- an excerpt counts once per theme, however many of its codes carry the theme
theme_excerpt_counts as (
    select theme_id, sum(excerpts)::bigint as excerpts,
    from pattern_themes
    group by theme_id
),

theme_speakers as (
    select
        theme_id,
        count(distinct participant_id) as participants,
        people_key(participant_id) as participants_key,
    from tagged
    group by theme_id
),

theme_excerpts as (
    select
        theme_excerpt_counts.theme_id,
        theme_excerpt_counts.excerpts,
        theme_speakers.participants,
        theme_speakers.participants_key,
    from theme_excerpt_counts
    join theme_speakers on theme_speakers.theme_id = theme_excerpt_counts.theme_id
),

speakers as (
    select distinct theme_id, participant_id, from tagged
    where participant_id is not null
),

both_voiced as (
    -- speakers who voiced both themes of a pair (on any of their excerpts)
    select
        first_speaker.theme_id as theme_a,
        second_speaker.theme_id as theme_b,
        count(*) as participants_both,
        people_key(first_speaker.participant_id) as participants_both_key,
    from speakers as first_speaker
    join speakers as second_speaker on second_speaker.participant_id = first_speaker.participant_id
    group by first_speaker.theme_id, second_speaker.theme_id
),

-- an excerpt counts once per pair: each pattern's pairs of themes, once each
shared_excerpt_counts as (
    select
        first_theme.theme_id as theme_a,
        second_theme.theme_id as theme_b,
        sum(first_theme.excerpts)::bigint as shared_excerpts,
    from pattern_themes as first_theme
    join pattern_themes as second_theme on second_theme.pattern_id = first_theme.pattern_id
    group by first_theme.theme_id, second_theme.theme_id
),

-- the speakers of a pair: whoever voiced one of its themes on an excerpt carrying both, once each
pair_people as (
    select distinct
        first_tag.theme_id as theme_a,
        second_theme.theme_id as theme_b,
        first_tag.participant_id,
    from tagged as first_tag
    join pattern_themes as second_theme on second_theme.pattern_id = first_tag.pattern_id
),

pair_speakers as (
    select
        theme_a,
        theme_b,
        count(participant_id) as shared_participants,
        people_key(participant_id) as shared_participants_key,
    from pair_people
    group by theme_a, theme_b
),

shared as (
    select
        shared_excerpt_counts.theme_a,
        shared_excerpt_counts.theme_b,
        shared_excerpt_counts.shared_excerpts,
        pair_speakers.shared_participants,
        pair_speakers.shared_participants_key,
    from shared_excerpt_counts
    join pair_speakers
        on
            pair_speakers.theme_a = shared_excerpt_counts.theme_a
            and pair_speakers.theme_b = shared_excerpt_counts.theme_b
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
        coalesce(shared.shared_participants, 0) as shared_participants,
        coalesce(excerpts_a.excerpts, 0) as excerpts_a,
        coalesce(excerpts_a.participants, 0) as participants_a,
        coalesce(excerpts_b.excerpts, 0) as excerpts_b,
        coalesce(excerpts_b.participants, 0) as participants_b,
        (
            coalesce(excerpts_a.participants, 0) + coalesce(excerpts_b.participants, 0)
            - coalesce(both_voiced.participants_both, 0)
        ) as participants_either,
        coalesce(shared.shared_participants_key, 0::ubigint) as shared_participants_key,
        coalesce(excerpts_a.participants_key, 0::ubigint) as participants_a_key,
        coalesce(excerpts_b.participants_key, 0::ubigint) as participants_b_key,
        -- the people of either theme: xoring a's and b's keys cancels those who voiced both,
        -- so the key of both is xored back in once
        xor(
            xor(
                coalesce(excerpts_a.participants_key, 0::ubigint),
                coalesce(excerpts_b.participants_key, 0::ubigint)
            ),
            coalesce(both_voiced.participants_both_key, 0::ubigint)
        ) as participants_either_key,
    from kept_themes as row_theme
    cross join kept_themes as column_theme
    left join shared
        on
            shared.theme_a = row_theme.theme_id
            and shared.theme_b = column_theme.theme_id
    left join theme_excerpts as excerpts_a on excerpts_a.theme_id = row_theme.theme_id
    left join theme_excerpts as excerpts_b on excerpts_b.theme_id = column_theme.theme_id
    left join both_voiced
        on
            both_voiced.theme_a = row_theme.theme_id
            and both_voiced.theme_b = column_theme.theme_id
)

select
    theme_a,
    theme_a_label,
    theme_b,
    theme_b_label,
    theme_a = theme_b as same_theme,
    shared_excerpts,
    shared_participants,
    excerpts_a,
    participants_a,
    excerpts_b,
    participants_b,
    excerpts_a + excerpts_b - shared_excerpts as either_excerpts,
    participants_either,
    -- no excerpt carries either theme: similarity is undefined, not zero
    shared_excerpts / nullif(excerpts_a + excerpts_b - shared_excerpts, 0) as jaccard,
    shared_participants_key,
    participants_a_key,
    participants_b_key,
    participants_either_key,
from pairs
order by theme_a_order, theme_b_order
