-- purpose: how far the coders agree on each theme (and on all themes pooled), over the passages two
--          coders or more coded under the filters: percent agreement, Cohen's kappa (exactly two
--          coders), Krippendorff's alpha (nominal: the theme present or absent on a passage), with
--          the distinct speakers of the passages a theme was applied on (what suppression rests on)
-- grain: one row per theme in codebook order, then one row for all themes pooled (theme_id null);
--        a coder reads a passage when they coded any theme on it, and a reader who did not apply a
--        theme coded it absent; the stance filter does not apply (agreement is on presence)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $lang
-- the coding rows the filters keep of the passages two coders or more coded, as agreement patterns
-- (queries/_patterns.sql): each row stands for one row of each of its pattern's passages
with kept_rows as (
    select
        pattern_kinds.agreement_id,
        kinds.coder,
        kinds.theme_id,
        kinds.participant_id,
    from _agreement_kinds as kinds
    join sessions on sessions.session_id = kinds.session_id
    left join participants on participants.participant_id = kinds.participant_id
    join _agreement_pattern_kinds as pattern_kinds on pattern_kinds.kind = kinds.kind
    where
        keeps($discipline, participants.discipline)
        and keeps($role, participants.role)
        and keeps($session, kinds.session_id)
        and keeps($venue, sessions.venue)
        and keeps($activity, kinds.activity)
),

-- each coder's reading of a pattern's passages, once
readings as (
    select
        agreement_id,
        coder,
        any_value(participant_id) as participant_id,
    from kept_rows
    group by agreement_id, coder
),

-- the patterns whose passages two coders or more still read under the filters: how many passages,
-- m readers, which two (kappa needs exactly two), who spoke
kept as (
    select
        readings.agreement_id,
        any_value(patterns.passages) as passages,
        count(*) as m,
        min(readings.coder) as first_coder,
        max(readings.coder) as last_coder,
        any_value(readings.participant_id) as participant_id,
        list(readings.coder) as coders,
    from readings
    join _agreement_patterns as patterns on patterns.agreement_id = readings.agreement_id
    group by readings.agreement_id
    having count(*) >= 2
),

kept_themes as (
    select
        theme_id,
        tr(label, label_fr, $lang) as theme_label,
        theme_order,
    from ordered_themes()
    where keeps($theme_group, theme_group)
),

-- each kept theme applied on a kept pattern: n of its m readers applied it, on `passages` passages
applied as (
    select
        kept.agreement_id,
        kept.passages,
        kept.m,
        kept.participant_id,
        kept_rows.theme_id,
        count(distinct kept_rows.coder) as n,
        bool_or(kept_rows.coder = kept.first_coder) as by_first,
        bool_or(kept_rows.coder = kept.last_coder) as by_last,
    from kept_rows
    join kept on kept.agreement_id = kept_rows.agreement_id
    where kept_rows.theme_id in (select kept_themes.theme_id, from kept_themes)
    group by kept.agreement_id, kept.passages, kept.m, kept.participant_id, kept_rows.theme_id
),

-- the double-coded passages, their values (m a passage for every theme) and their speakers: what
-- the count of passages rests on
readers as (
    select
        coalesce(sum(passages), 0)::bigint as passages,
        coalesce(sum(passages * m), 0)::bigint as pairable,
        count(distinct participant_id) as passage_participants,
        coalesce(people_key(participant_id), 0::ubigint) as passage_participants_key,
    from kept
),

coders as (
    select count(distinct coder) as coders,
    from (select unnest(coders) as coder, from kept) as named
),

-- Krippendorff's tallies for a unit of m values of which n present: m pairable values, n present,
-- and the disagreeing coincidences 2 n (m - n) / (m - 1); a unit where no reader applied the theme
-- adds its m values and nothing else. Kappa's 2 x 2 table for two coders.
per_theme as (
    select
        theme_id,
        sum(passages)::bigint as applied,
        coalesce(sum(passages) filter (where n < m), 0)::bigint as split,
        sum(passages * n)::bigint as present,
        sum(passages * 2.0 * n * (m - n) / (m - 1)) as disagreeing,
        coalesce(sum(passages) filter (where by_first and by_last), 0)::bigint as by_both,
        coalesce(sum(passages) filter (where by_first and not by_last), 0)::bigint as first_only,
        coalesce(sum(passages) filter (where not by_first and by_last), 0)::bigint as last_only,
        count(distinct participant_id) as participants,
        people_key(participant_id) as participants_key,
    from applied
    group by theme_id
),

-- the themes applied on at least one double-coded passage: only they are pooled (a theme nobody
-- used would add agreed absences and raise the pooled alpha for nothing)
used as (
    select count(*) as themes,
    from per_theme
),

tallies as (
    select
        kept_themes.theme_id,
        readers.passages,
        readers.passages as units,
        coalesce(per_theme.applied, 0) as applied,
        readers.passages - coalesce(per_theme.split, 0) as unanimous,
        readers.pairable,
        coalesce(per_theme.present, 0) as present,
        coalesce(per_theme.disagreeing, 0) as disagreeing,
        coalesce(per_theme.by_both, 0) as by_both,
        coalesce(per_theme.first_only, 0) as first_only,
        coalesce(per_theme.last_only, 0) as last_only,
        coalesce(per_theme.participants, 0) as participants,
        per_theme.participants_key,
    from kept_themes
    cross join readers
    left join per_theme on per_theme.theme_id = kept_themes.theme_id
    union all
    select
        null as theme_id,
        case when used.themes > 0 then readers.passages else 0 end as passages,
        readers.passages * used.themes as units,
        (select coalesce(sum(per_theme.applied), 0)::bigint, from per_theme) as applied,
        readers.passages * used.themes - (select coalesce(sum(per_theme.split), 0)::bigint, from per_theme)
            as unanimous,
        readers.pairable * used.themes as pairable,
        (select coalesce(sum(per_theme.present), 0)::bigint, from per_theme) as present,
        (select coalesce(sum(per_theme.disagreeing), 0), from per_theme) as disagreeing,
        null as by_both,
        null as first_only,
        null as last_only,
        (select count(distinct applied.participant_id), from applied) as participants,
        (select people_key(applied.participant_id), from applied) as participants_key,
    from readers
    cross join used
),

-- what a 95% interval for the pooled alpha resamples (findings/agreement.py resampled_interval: a
-- Poisson bootstrap over passages, a passage keeping its themes together): the passages' pooled
-- tallies, each distinct one with how many passages have it
passage_tallies as (
    select
        kept.agreement_id,
        any_value(kept.passages) as passages,
        any_value(kept.m) * (select used.themes, from used) as pairable,
        coalesce(sum(applied.n), 0) as present,
        coalesce(sum(2.0 * applied.n * (applied.m - applied.n) / (applied.m - 1)), 0) as disagreeing,
    from kept
    left join applied on applied.agreement_id = kept.agreement_id
    group by kept.agreement_id
),

resample as (
    select
        list(
            { 'pairable': pairable, 'present': present, 'disagreeing': disagreeing, 'passages': passages }
            order by pairable, present, disagreeing
        ) as resample,
    from (
        select pairable, present, disagreeing, sum(passages)::bigint as passages,
        from passage_tallies
        group by pairable, present, disagreeing
    ) as distinct_tallies
),

-- Cohen's kappa's parts for two coders: observed agreement, and the agreement their own rates give
kappa_parts as (
    select
        theme_id,
        (by_both + (passages - by_both - first_only - last_only)) / passages as observed,
        (
            (by_both + first_only) * (by_both + last_only)
            + (passages - by_both - first_only) * (passages - by_both - last_only)
        ) / (passages * passages) as expected,
    from tallies
    where theme_id is not null and passages > 0
),

measures as (
    select
        tallies.*,  -- noqa: AM04
        -- over units: a theme's passages, or for the pooled row every (passage, theme) pair
        case when tallies.units > 0 then tallies.unanimous / tallies.units end as percent_agreement,
        case
            when tallies.present > 0 and tallies.pairable - tallies.present > 0
                then
                    1 - (tallies.pairable - 1) * tallies.disagreeing
                    / (2.0 * tallies.present * (tallies.pairable - tallies.present))
        end as alpha,
        case
            when (select coders.coders, from coders) = 2
                then (kappa_parts.observed - kappa_parts.expected) / nullif(1 - kappa_parts.expected, 0)
        end as kappa,
    from tallies
    left join kappa_parts on kappa_parts.theme_id = tallies.theme_id
),

-- every kept theme (at zero when no passage was coded twice), then the pooled row
result_rows as (
    select
        theme_id,
        theme_label,
        theme_order,
    from kept_themes
    union all
    select
        null as theme_id,
        null as theme_label,
        null as theme_order,
)

select
    result_rows.theme_id,
    result_rows.theme_label,
    coalesce(measures.passages, 0) as passages,
    coalesce(measures.applied, 0) as applied,
    coalesce(measures.units - measures.unanimous, 0) as disagreements,
    -- a theme nobody applied has nothing to agree about: its measures are undefined, not perfect
    case when measures.applied > 0 then measures.percent_agreement end as percent_agreement,
    case when measures.applied > 0 then measures.kappa end as kappa,
    case when measures.applied > 0 then measures.alpha end as alpha,
    -- what the pooled row's interval resamples (a theme's own would rest on few passages); the
    -- interval itself is drawn where the query is run (findings/db.py, agreement.resampled_interval)
    case when result_rows.theme_id is null and measures.alpha is not null then resample.resample end
        as resample,
    (select coders.coders, from coders) as coders,
    coalesce(measures.participants, 0) as participants,
    coalesce(measures.participants_key, 0::ubigint) as participants_key,
    readers.passage_participants,
    readers.passage_participants_key,
from result_rows
left join measures on measures.theme_id is not distinct from result_rows.theme_id
cross join resample
cross join readers
order by result_rows.theme_id is null, result_rows.theme_order
