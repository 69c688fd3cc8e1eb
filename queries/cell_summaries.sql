-- purpose: for each chosen theme, what excerpt_summary says of it alone (as if Evidence's theme choice
--          were that theme): the excerpts the filters keep carrying it, how many of them are quotable
--          and how many withheld for consent, how many the audience's list holds, with the distinct
--          speakers behind each count (what small-cell suppression rests on); one query for a row of
--          the quote matrix instead of one a cell
-- grain: one row per theme of $theme, by theme id (zeros for a theme nothing carries)
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $audience
with kept as (
    select pattern_id, excerpts, participant_id, quotable,
    from
        kept_patterns(
            $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, [], false,
            $audience
        )
),

-- each kept pattern with each chosen theme it carries in a code the filters keep
matching as (
    select carrying.theme_id, kept.pattern_id, kept.excerpts, kept.participant_id, kept.quotable,
    from (
        select distinct pattern_id, theme_id,
        from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
        where list_contains($theme, theme_id)
    ) as carrying
    join kept on kept.pattern_id = carrying.pattern_id
),

totals as (
    select
        theme_id,
        sum(excerpts)::bigint as excerpts,
        coalesce(sum(excerpts) filter (where not quotable), 0)::bigint as withheld,
        coalesce(sum(excerpts) filter (where quotable), 0)::bigint as quotable,
        coalesce(sum(excerpts) filter (where listed_by($audience, quotable)), 0)::bigint as listed,
    from matching
    group by theme_id
),

-- each speaker once a theme (whether their words are quotable is their consent)
speakers as (
    select theme_id, participant_id, bool_and(quotable) as quotable,
    from matching
    where participant_id is not null
    group by theme_id, participant_id
),

speaker_counts as (
    select
        theme_id,
        count(*) as participants,
        count(*) filter (where not quotable) as withheld_participants,
        count(*) filter (where quotable) as quotable_participants,
        people_key(participant_id) as participants_key,
        people_key(case when not quotable then participant_id end) as withheld_participants_key,
        people_key(case when quotable then participant_id end) as quotable_participants_key,
    from speakers
    group by theme_id
),

chosen as (
    select distinct unnest($theme) as theme_id,
)

select
    chosen.theme_id,
    coalesce(totals.excerpts, 0) as excerpts,
    coalesce(speaker_counts.participants, 0) as participants,
    coalesce(totals.withheld, 0) as withheld,
    coalesce(speaker_counts.withheld_participants, 0) as withheld_participants,
    coalesce(totals.quotable, 0) as quotable,
    coalesce(speaker_counts.quotable_participants, 0) as quotable_participants,
    coalesce(totals.listed, 0) as listed,
    coalesce(speaker_counts.participants_key, 0::ubigint) as participants_key,
    coalesce(speaker_counts.withheld_participants_key, 0::ubigint) as withheld_participants_key,
    coalesce(speaker_counts.quotable_participants_key, 0::ubigint) as quotable_participants_key,
from chosen
left join totals on totals.theme_id = chosen.theme_id
left join speaker_counts on speaker_counts.theme_id = chosen.theme_id
order by chosen.theme_id
