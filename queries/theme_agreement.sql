-- purpose: how far the coders agree on each theme (and on all themes pooled), over the passages two
--          coders or more coded under the filters: percent agreement, Cohen's kappa (exactly two
--          coders), Krippendorff's alpha (nominal: the theme present or absent on a passage), with
--          the distinct speakers of the passages a theme was applied on (what suppression rests on)
-- grain: one row per theme in codebook order, then one row for all themes pooled (theme_id null);
--        a coder reads a passage when they coded any theme on it, and a reader who did not apply a
--        theme coded it absent; the stance filter does not apply (agreement is on presence)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $lang
with passage_codes as (
    select excerpt_id, coder, theme_id, participant_id,
    from coded_passages($discipline, $role, $session, $venue, $activity)
),

-- each coder's reading of a passage, once (distinct counts over a million passages need no memory)
readings as (
    select
        excerpt_id,
        coder,
        any_value(participant_id) as participant_id,
    from passage_codes
    group by excerpt_id, coder
),

-- the passages two coders or more read, with how many and which two (kappa needs exactly two)
readers as (
    select
        excerpt_id,
        count(*) as m,
        min(coder) as first_coder,
        max(coder) as last_coder,
        any_value(participant_id) as participant_id,
    from readings
    group by excerpt_id
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

-- each theme a coder applied on a passage two coders read, once
applied as (
    select distinct
        excerpt_id,
        theme_id,
        coder,
    from passage_codes
    where excerpt_id in (select readers.excerpt_id, from readers)
),

applied_counts as (
    select
        applied.excerpt_id,
        applied.theme_id,
        count(*) as n,
        bool_or(applied.coder = readers.first_coder) as by_first,
        bool_or(applied.coder = readers.last_coder) as by_last,
    from applied
    join readers on readers.excerpt_id = applied.excerpt_id
    group by applied.excerpt_id, applied.theme_id
),

-- each double-coded passage with each kept theme: how many of its readers applied it (n of m)
units as (
    select
        readers.excerpt_id,
        readers.m,
        readers.participant_id,
        kept_themes.theme_id,
        coalesce(applied_counts.n, 0) as n,
        coalesce(applied_counts.by_first, false) as by_first,
        coalesce(applied_counts.by_last, false) as by_last,
    from readers
    cross join kept_themes
    left join applied_counts
        on
            applied_counts.excerpt_id = readers.excerpt_id
            and applied_counts.theme_id = kept_themes.theme_id
),

-- the speakers of the double-coded passages: what the count of passages rests on
reader_people as (
    select
        count(distinct participant_id) as passage_participants,
        coalesce(people_key(participant_id), 0::ubigint) as passage_participants_key,
    from readers
),

coders as (
    select count(distinct coder) as coders,
    from passage_codes
    where excerpt_id in (select excerpt_id, from readers)
),

-- the themes applied on at least one double-coded passage: only they are pooled (a theme nobody
-- used would add agreed absences and raise the pooled alpha for nothing)
used_themes as (
    select theme_id,
    from units
    group by theme_id
    having max(n) > 0
),

used_units as (
    select *,
    from units
    where theme_id in (select used_themes.theme_id, from used_themes)
),

-- Krippendorff's tallies for a unit of m values of which n present: m pairable values, n present,
-- and the disagreeing coincidences 2 n (m - n) / (m - 1); kappa's 2 x 2 table for two coders
tallies as (
    select
        theme_id,
        count(*) as passages,
        count(*) as units,
        count(*) filter (where n > 0) as applied,
        count(*) filter (where n = 0 or n = m) as unanimous,
        sum(m) as pairable,
        sum(n) as present,
        sum(2.0 * n * (m - n) / (m - 1)) as disagreeing,
        count(*) filter (where coalesce(by_first, false) and coalesce(by_last, false)) as by_both,
        count(*) filter (where coalesce(by_first, false) and not coalesce(by_last, false)) as first_only,
        count(*) filter (where not coalesce(by_first, false) and coalesce(by_last, false)) as last_only,
        count(distinct participant_id) filter (where n > 0) as participants,
        people_key(case when n > 0 then participant_id end) as participants_key,
    from units
    group by theme_id
    union all
    select
        null as theme_id,
        count(distinct excerpt_id) as passages,
        count(*) as units,
        count(*) filter (where n > 0) as applied,
        count(*) filter (where n = 0 or n = m) as unanimous,
        sum(m) as pairable,
        sum(n) as present,
        sum(2.0 * n * (m - n) / (m - 1)) as disagreeing,
        null as by_both,
        null as first_only,
        null as last_only,
        count(distinct participant_id) filter (where n > 0) as participants,
        people_key(case when n > 0 then participant_id end) as participants_key,
    from used_units
),

-- a 95% interval for the pooled alpha: a Poisson bootstrap over passages (each passage weighted,
-- in each of 200 draws, by a Poisson(1) count read from a hash of its id and the draw, so the same
-- data always give the same interval), passages keeping their themes together
passage_tallies as (
    select
        excerpt_id,
        sum(m) as pairable,
        sum(n) as present,
        sum(2.0 * n * (m - n) / (m - 1)) as disagreeing,
    from used_units
    group by excerpt_id
),

bootstrap as (
    select range as draw,
    from range(200)
),

draws as (
    select
        bootstrap.draw,
        passage_tallies.pairable,
        passage_tallies.present,
        passage_tallies.disagreeing,
        (hash(passage_tallies.excerpt_id, bootstrap.draw) % 1000000) / 1000000.0 as u,
    from passage_tallies
    cross join bootstrap
),

weighted as (
    select
        draw,
        sum(w * pairable) as pairable,
        sum(w * present) as present,
        sum(w * disagreeing) as disagreeing,
    from (
        select
            draw,
            pairable,
            present,
            disagreeing,
            -- Poisson(1): P(0) = 0.3679, P(<= 1) = 0.7358, P(<= 2) = 0.9197, ...
            case
                when u < 0.3679 then 0
                when u < 0.7358 then 1
                when u < 0.9197 then 2
                when u < 0.9810 then 3
                when u < 0.9963 then 4
                when u < 0.9994 then 5
                else 6
            end as w,
        from draws
    ) as poisson
    group by draw
),

interval as (
    select
        quantile_cont(
            1 - (pairable - 1) * disagreeing / (2.0 * present * (pairable - present)), 0.025
        ) as alpha_low,
        quantile_cont(
            1 - (pairable - 1) * disagreeing / (2.0 * present * (pairable - present)), 0.975
        ) as alpha_high,
    from weighted
    where present > 0 and pairable - present > 0  -- a draw with no variation says nothing
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
    -- the pooled row's interval (a theme's own would rest on few passages)
    case when result_rows.theme_id is null and measures.alpha is not null then interval.alpha_low end
        as alpha_low,
    case when result_rows.theme_id is null and measures.alpha is not null then interval.alpha_high end
        as alpha_high,
    (select coders.coders, from coders) as coders,
    coalesce(measures.participants, 0) as participants,
    coalesce(measures.participants_key, 0::ubigint) as participants_key,
    reader_people.passage_participants,
    reader_people.passage_participants_key,
from result_rows
left join measures on measures.theme_id is not distinct from result_rows.theme_id
cross join interval
cross join reader_people
order by result_rows.theme_id is null, result_rows.theme_order
