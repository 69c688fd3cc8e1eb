-- purpose: how often two themes were coded on the same excerpt, as a count and as Jaccard
--          similarity (shared excerpts / excerpts carrying either theme)
--          and the distinct speakers behind each count (what small-cell suppression rests on)
-- grain: one row per ordered pair of themes (both ways, the diagonal included), codebook order
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang
with -- one row per distinct kept code (see filtered_codes for how to count from it)
kept_codes as (
    select *, from filtered_codes($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
),

-- one row per kept code of an excerpt pattern: read only for the patterns no flagged row stands for
kept_pattern_codes as (
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

-- each theme's place in a mask of the codebook's themes, and its own bit (_patterns.sql)
theme_bits as (
    select theme_id, position, flag::bit as flag,
    from _theme_bits
),

-- where counts_once holds (see _macros.sql), each kept code with the themes of the patterns it is in,
-- and the excerpts of each (pattern, theme) it stands for: built with the patterns (_code_masks)
flagged_masks as (
    select
        kept_codes.theme_id,
        kept_codes.participant_id,
        _code_masks.mask::bit as mask,
        _code_masks.theme_excerpts,
    from kept_codes
    join packed._code_masks as _code_masks on _code_masks.kind = kept_codes.kind
    where counts_once(true, $stance, [])
),

-- every other kept pattern (its codes disagree, or a stance filter keeps some of its codes only):
-- the themes of its kept codes as one mask
unflagged_masks as (
    select
        kept_pattern_codes.pattern_id,
        any_value(kept_pattern_codes.excerpts) as excerpts,
        bit_or(theme_bits.flag) as mask,
    from kept_pattern_codes
    join theme_bits on theme_bits.theme_id = kept_pattern_codes.theme_id
    where counts_by_distinct(kept_pattern_codes.first_of_theme, $stance, [])
    group by kept_pattern_codes.pattern_id
),

-- each theme with the masks of the excerpts carrying it, and how many such excerpts
theme_masks as (
    select theme_id, mask, sum(theme_excerpts) as excerpts,
    from flagged_masks
    group by theme_id, mask
    union all
    select theme_bits.theme_id, unflagged.mask, unflagged.excerpts,
    from (
        select mask, sum(excerpts) as excerpts,
        from unflagged_masks
        group by mask
    ) as unflagged
    join theme_bits on get_bit(unflagged.mask, theme_bits.position) = 1
),

-- an excerpt counts once per pair (and once per theme: the diagonal)
shared_excerpt_counts as (
    select
        theme_masks.theme_id as theme_a,
        second_theme.theme_id as theme_b,
        sum(theme_masks.excerpts)::bigint as shared_excerpts,
    from theme_masks
    join theme_bits as second_theme on get_bit(theme_masks.mask, second_theme.position) = 1
    group by theme_masks.theme_id, second_theme.theme_id
),

-- who voiced a theme on excerpts carrying which themes
speaker_masks as (
    select theme_id, participant_id, mask,
    from flagged_masks
    union
    select kept_pattern_codes.theme_id, kept_pattern_codes.participant_id, unflagged_masks.mask,
    from kept_pattern_codes
    join unflagged_masks on unflagged_masks.pattern_id = kept_pattern_codes.pattern_id
),

speakers as (
    select distinct theme_id, participant_id, from speaker_masks
),

theme_excerpts as (
    select
        shared_excerpt_counts.theme_a as theme_id,
        shared_excerpt_counts.shared_excerpts as excerpts,
        count(distinct speakers.participant_id) as participants,
        people_key(speakers.participant_id) as participants_key,
    from shared_excerpt_counts
    left join speakers on speakers.theme_id = shared_excerpt_counts.theme_a
    where shared_excerpt_counts.theme_a = shared_excerpt_counts.theme_b
    group by shared_excerpt_counts.theme_a, shared_excerpt_counts.shared_excerpts
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
    where first_speaker.participant_id is not null
    group by first_speaker.theme_id, second_speaker.theme_id
),

-- the speakers of a pair: whoever voiced one of its themes on an excerpt carrying both, once each
pair_people as (
    select distinct
        speaker_masks.theme_id as theme_a,
        second_theme.theme_id as theme_b,
        speaker_masks.participant_id,
    from speaker_masks
    join theme_bits as second_theme on get_bit(speaker_masks.mask, second_theme.position) = 1
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
