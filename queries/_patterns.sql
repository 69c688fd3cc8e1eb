-- Excerpt patterns: built once when a Database opens (not a named query), before _macros.sql.
--
-- Many excerpts carry exactly the same codes: the same (theme, stance, activity, session, speaker)
-- applications. Such excerpts are one *pattern*, stored once with how many excerpts carry it, so
-- that a filter change counts over ~10^5 pattern rows instead of every code row. Exactly, because
-- every excerpt of a pattern is kept or dropped by the same filters:
--   count(*) of kept codes                 = sum(excerpts * codes)
--   count(distinct participant_id), etc.   = the same count over kept pattern codes
--   count(distinct excerpt_id) grouped by G = sum(excerpts) over the distinct (pattern_id, G) kept
-- The excerpt ids themselves stay in one compressed list, in the Evidence page's order, so that a
-- page of excerpts is found without reading any passage text.
--
-- _code_kinds:         one row per distinct code (theme, stance, activity, its French, session, speaker)
-- _patterns:           one row per pattern: its excerpts, code applications per excerpt, and the
--                      session, speaker and activity (English, French) an excerpt of it shows
-- packed._pattern_codes: one row per distinct code of a pattern, `codes` times in each of its excerpts,
--                      with what the filters look at (theme group, venue, discipline, role, consent)
--                      and which row stands for its pattern, and for each theme of it (first_of_*)
-- _code_counts:       one row per distinct code with what the filters look at, and what it counts
--                      over the patterns (code applications; excerpts where it is a flagged row)
-- _theme_bits:         each theme's place in a mask of the codebook's themes
-- packed._code_masks:  one row per distinct code and the themes of a pattern it is in (a mask)
-- packed._excerpt_patterns: one row per excerpt and its pattern, in reading order (session date,
--                      undated last, then session id, then excerpt id): its rowid is its position
-- _pattern_starts:     one row per pattern: the position of its first excerpt
-- packed._word_order:  one row per excerpt, in a pseudo-random order: its reading-order position, its pattern
-- _totals:             the filter-free totals the headline shows next to the filtered numbers
--
-- Memory stays bounded (the connection's memory_limit; big steps spill to disk): an excerpt's key
-- is a few integers, not its codes' text.
-- The tables that grow with the data live in `packed`, an in-memory database that compresses its
-- columns: the pattern codes' repeated labels take a third of the memory there, and a scan reads less.

attach ':memory:' as packed (compress);

create table _code_kinds as
select
    row_number() over (
        order by theme_id, stance, activity, activity_fr, session_id, participant_id
    )::integer as kind,
    theme_id,
    stance,
    activity,
    activity_fr,
    session_id,
    participant_id,
from (
    select distinct theme_id, stance, activity, activity_fr, session_id, participant_id,
    from theme_codes
) as distinct_codes;

-- an excerpt's codes as kinds: how many, the least, the greatest and their sum; for up to three
-- codes that is exactly the sorted list of its kinds (the middle one is the sum less the others)
create table packed._excerpt_kinds as
select
    theme_codes.excerpt_id,
    count(*) as n,
    min(_code_kinds.kind) as low,
    max(_code_kinds.kind) as high,
    sum(_code_kinds.kind)::bigint as total,
    -- read by two coders or more (intercoder agreement, below): found in the same pass
    min(theme_codes.coder) < max(theme_codes.coder) as coded_twice,
from theme_codes
join _code_kinds
    on
        _code_kinds.theme_id = theme_codes.theme_id
        and _code_kinds.stance is not distinct from theme_codes.stance
        and _code_kinds.activity is not distinct from theme_codes.activity
        and _code_kinds.activity_fr is not distinct from theme_codes.activity_fr
        and _code_kinds.session_id = theme_codes.session_id
        and _code_kinds.participant_id is not distinct from theme_codes.participant_id
group by theme_codes.excerpt_id;

create table packed._double_coded as
select excerpt_id,
from packed._excerpt_kinds
where coded_twice;

-- excerpts with four codes or more (none in the sample): the sorted list itself
create table _long_excerpt_kinds as
select
    theme_codes.excerpt_id,
    list_sort(list(_code_kinds.kind)) as kinds,
from theme_codes
join _code_kinds
    on
        _code_kinds.theme_id = theme_codes.theme_id
        and _code_kinds.stance is not distinct from theme_codes.stance
        and _code_kinds.activity is not distinct from theme_codes.activity
        and _code_kinds.activity_fr is not distinct from theme_codes.activity_fr
        and _code_kinds.session_id = theme_codes.session_id
        and _code_kinds.participant_id is not distinct from theme_codes.participant_id
where
    theme_codes.excerpt_id in (
        select excerpt_id,
        from packed._excerpt_kinds
        where n > 3
    )
group by theme_codes.excerpt_id;

create table _pattern_keys as
with short_keys as (
    select n, low, high, total, count(*) as excerpts,
    from packed._excerpt_kinds
    where n <= 3
    group by n, low, high, total
),

keys as (
    select
        n,
        low,
        high,
        total,
        case n
            when 1 then [low]
            when 2 then [low, high]
            else [low, (total - low - high)::integer, high]
        end as kinds,
        excerpts,
    from short_keys
    union all
    select null as n, null as low, null as high, null as total, kinds, count(*) as excerpts,
    from _long_excerpt_kinds
    group by kinds
)

select row_number() over (order by kinds)::integer as pattern_id, *, from keys;

create table packed._pattern_codes as
with unnested as (
    select pattern_id, excerpts, unnest(kinds) as kind, from _pattern_keys
),

codes as (
    select
        unnested.pattern_id,
        unnested.excerpts,
        unnested.kind,
        _code_kinds.theme_id,
        _code_kinds.stance,
        _code_kinds.activity,
        _code_kinds.activity_fr,
        _code_kinds.session_id,
        _code_kinds.participant_id,
        count(*) as codes,
        -- what describes a code, for the filters (references are validated: every theme and session exists)
        any_value(themes.theme_group) as theme_group,
        any_value(sessions.venue) as venue,
        any_value(participants.discipline) as discipline,
        any_value(participants.role) as role,
        any_value(participants.quote_consent) as quote_consent,
    from unnested
    join _code_kinds on _code_kinds.kind = unnested.kind
    left join themes on themes.theme_id = _code_kinds.theme_id
    left join sessions on sessions.session_id = _code_kinds.session_id
    left join participants on participants.participant_id = _code_kinds.participant_id
    group by
        unnested.pattern_id,
        unnested.excerpts,
        unnested.kind,
        _code_kinds.theme_id,
        _code_kinds.stance,
        _code_kinds.activity,
        _code_kinds.activity_fr,
        _code_kinds.session_id,
        _code_kinds.participant_id
),

-- whether a pattern's codes agree on the session, activity and speaker its excerpts show (they do
-- in a well-formed export; tests/test_benchmarks_reference.py builds excerpts whose codes do not)
uniformity as (
    select
        pattern_id,
        count(distinct session_id) = 1
        and min(activity) is not distinct from max(activity)
        and count(activity) in (0, count(*))
        and min(participant_id) is not distinct from max(participant_id)
        and count(participant_id) in (0, count(*)) as uniform,
    from codes
    group by pattern_id
)

-- first_of_theme, first_of_pattern: true on one code row of each (pattern, theme) and of each
-- pattern, false on its others, null for a pattern whose codes disagree; a query counting an
-- excerpt once per theme (or once) keeps the true rows instead of finding distinct ones, where no
-- filter can keep one code of such a group and drop another (counts_once in _macros.sql)
select
    codes.*,  -- noqa: AM04
    case
        when uniformity.uniform
            then
                row_number() over (
                    partition by codes.pattern_id, codes.theme_id order by codes.stance, codes.activity_fr
                ) = 1
    end as first_of_theme,
    case
        when uniformity.uniform
            then
                row_number() over (
                    partition by codes.pattern_id order by codes.theme_id, codes.stance, codes.activity_fr
                ) = 1
    end as first_of_pattern,
from codes
join uniformity on uniformity.pattern_id = codes.pattern_id
order by codes.pattern_id, codes.theme_id, codes.stance;

-- one row per distinct code (a kind) with what the filters look at, and what its rows among the
-- pattern codes count: its code applications, and the excerpts of the (pattern, theme) groups and
-- of the patterns whose flagged row (first_of_theme, first_of_pattern) it is. A query counting code
-- applications or speakers reads these ~10^4 rows instead of every pattern code (filtered_codes in
-- _macros.sql); excerpts are counted here only where counts_once holds, and the patterns whose codes
-- disagree (no flagged row) from the pattern codes.
create table _code_counts as
select
    kind,
    any_value(theme_id) as theme_id,
    any_value(stance) as stance,
    any_value(activity) as activity,
    any_value(activity_fr) as activity_fr,
    any_value(session_id) as session_id,
    any_value(participant_id) as participant_id,
    any_value(theme_group) as theme_group,
    any_value(venue) as venue,
    any_value(discipline) as discipline,
    any_value(role) as role,
    sum(excerpts * codes)::bigint as code_applications,
    coalesce(sum(excerpts) filter (where first_of_theme), 0)::bigint as theme_excerpts,
    coalesce(sum(excerpts) filter (where first_of_pattern), 0)::bigint as excerpts,
from packed._pattern_codes
group by kind
order by kind;

-- each theme's place in a mask of as many bits as the codebook has themes, and that mask with only
-- its own bit set, as '0'/'1' text (Parquet keeps no bit strings: a query casts it, `flag::bit`)
create table _theme_bits as
select
    theme_id,
    (row_number() over (order by theme_id) - 1)::integer as position,
    rpad(repeat('0', position) || '1', (count(*) over ())::integer, '0') as flag,
from themes;

-- the codes of each pattern whose codes agree (those with flagged rows), with the themes of that
-- pattern as one mask (text, as flag above), grouped by code and mask: how many excerpts each
-- counts as the flagged row of its (pattern, theme). theme_cooccurrence counts pairs from these
-- ~10^5 rows where counts_once holds, instead of finding each kept pattern's mask.
create table packed._code_masks as
with pattern_masks as (
    select
        pattern_codes.pattern_id,
        bit_or(_theme_bits.flag::bit)::varchar as mask,
    from packed._pattern_codes as pattern_codes
    join _theme_bits on _theme_bits.theme_id = pattern_codes.theme_id
    where pattern_codes.first_of_pattern is not null
    group by pattern_codes.pattern_id
)

select
    pattern_codes.kind,
    pattern_masks.mask,
    coalesce(sum(pattern_codes.excerpts) filter (where pattern_codes.first_of_theme), 0)::bigint
        as theme_excerpts,
from packed._pattern_codes as pattern_codes
join pattern_masks on pattern_masks.pattern_id = pattern_codes.pattern_id
group by pattern_codes.kind, pattern_masks.mask
order by pattern_codes.kind, pattern_masks.mask;

-- what one excerpt of a pattern shows where its codes could disagree (they do not in a well-formed
-- export: one passage, one speaker, one session, one activity): the least non-null value
create table _patterns as
select
    pattern_id,
    any_value(excerpts) as excerpts,
    sum(codes)::bigint as codes,
    min(session_id) as session_id,
    min(participant_id) as participant_id,
    min(activity) as activity,
    min(coalesce(activity_fr, activity)) as activity_in_french,
from packed._pattern_codes
group by pattern_id
order by pattern_id;

-- inserted in reading order, so that a table scan meets the excerpts in that order (rowid)
create table packed._excerpt_patterns as
with excerpt_patterns as (
    select _excerpt_kinds.excerpt_id, _pattern_keys.pattern_id,
    from packed._excerpt_kinds
    join _pattern_keys
        on
            _pattern_keys.n = _excerpt_kinds.n
            and _pattern_keys.low = _excerpt_kinds.low
            and _pattern_keys.high = _excerpt_kinds.high
            and _pattern_keys.total = _excerpt_kinds.total
    union all
    select _long_excerpt_kinds.excerpt_id, _pattern_keys.pattern_id,
    from _long_excerpt_kinds
    join _pattern_keys on _pattern_keys.kinds = _long_excerpt_kinds.kinds
)

select excerpt_patterns.excerpt_id, excerpt_patterns.pattern_id,
from excerpt_patterns
join _patterns on _patterns.pattern_id = excerpt_patterns.pattern_id
left join sessions on sessions.session_id = _patterns.session_id
order by sessions.date nulls last, _patterns.session_id, excerpt_patterns.excerpt_id;

-- the excerpts in a fixed pseudo-random order, by a hash of their ids (the Words page reads the
-- first few thousand of a group in this order): where each stands in reading order, its pattern
create table packed._word_order as
select rowid::integer as position, pattern_id,
from packed._excerpt_patterns
order by hash(excerpt_id), excerpt_id;

-- where each pattern's first excerpt stands in reading order (bounds the search for a page)
create table _pattern_starts as
select pattern_id, min(rowid) as first_position,
from packed._excerpt_patterns
group by pattern_id;

drop table packed._excerpt_kinds;
drop table _long_excerpt_kinds;
drop table _pattern_keys;
checkpoint packed;

create table _totals as
select
    (select count(*), from participants) as participants_total,
    (select count(*), from sessions) as sessions_total,
    (select count(distinct venue), from sessions) as venues_total,
    (select coalesce(sum(excerpts), 0)::bigint, from _patterns) as excerpts_total,
    (select coalesce(sum(excerpts * codes), 0)::bigint, from _patterns) as code_applications_total,
    (select count(*), from themes) as themes_total,
    (select count(*), from rules) as rules_total,
    -- whether any excerpt carries a theme more than once (two stances, two coders): otherwise a
    -- theme's code applications are its excerpts, and the two measures draw the same chart
    (
        select count(*) > 0,
        from (
            select pattern_id, theme_id,
            from packed._pattern_codes
            group by pattern_id, theme_id
            having sum(codes) > 1
        ) as repeated
    ) as themes_repeat,;

-- Intercoder agreement in patterns too: the codes of the passages two coders or more coded (a
-- coder reads a passage when they coded any theme on it), each passage as the set of its distinct
-- coding rows (coder, theme, and what the filters look at: session, speaker, activity), so that
-- the filters keep or drop each row as they would in theme_codes. Passages with the same set are
-- one agreement pattern, stored once with how many passages carry it.
--
-- _agreement_kinds:         one row per distinct coding row (coder, theme, session, speaker, activity)
-- _agreement_patterns:      one row per agreement pattern: how many passages carry it
-- _agreement_pattern_kinds: one row per coding row of a pattern (each of its passages has it once)
create table packed._agreement_rows as
select excerpt_id, coder, theme_id, session_id, participant_id, activity,
from theme_codes
where coder is not null and excerpt_id in (select _double_coded.excerpt_id, from packed._double_coded);

create table _agreement_kinds as
select
    row_number() over (order by coder, theme_id, session_id, participant_id, activity)::integer as kind,
    coder,
    theme_id,
    session_id,
    participant_id,
    activity,
from (
    select distinct coder, theme_id, session_id, participant_id, activity,
    from packed._agreement_rows
) as distinct_rows;

-- a passage's rows as kinds: how many, the least, the greatest and their sum (exactly the sorted
-- list for up to three), or for more the sorted list itself
create table packed._agreement_keys as
with kinds as (
    select agreement_rows.excerpt_id, kinds.kind,
    from packed._agreement_rows as agreement_rows
    join _agreement_kinds as kinds
        on
            kinds.coder = agreement_rows.coder
            and kinds.theme_id = agreement_rows.theme_id
            and kinds.session_id = agreement_rows.session_id
            and kinds.participant_id is not distinct from agreement_rows.participant_id
            and kinds.activity is not distinct from agreement_rows.activity
),

per_passage as (
    select
        excerpt_id,
        count(distinct kind) as n,
        min(kind) as low,
        max(kind) as high,
        sum(distinct kind)::bigint as total,
        case when count(distinct kind) > 3 then list(distinct kind order by kind) end as long_kinds,
    from kinds
    group by excerpt_id
)

select n, low, high, total, long_kinds, count(*) as passages,
from per_passage
group by n, low, high, total, long_kinds;

create table _agreement_patterns as
select
    row_number() over (order by n, low, high, total, long_kinds)::integer as agreement_id,
    passages,
    n,
    low,
    high,
    total,
    long_kinds,
from packed._agreement_keys
order by agreement_id;

create table _agreement_pattern_kinds as
select
    agreement_id,
    unnest(
        case n
            when 1 then [low]
            when 2 then [low, high]
            when 3 then [low, (total - low - high)::integer, high]
            else long_kinds
        end
    ) as kind,
from _agreement_patterns
order by agreement_id, kind;

alter table _agreement_patterns drop column n;
alter table _agreement_patterns drop column low;
alter table _agreement_patterns drop column high;
alter table _agreement_patterns drop column total;
alter table _agreement_patterns drop column long_kinds;

drop table packed._agreement_rows;
drop table packed._agreement_keys;
drop table packed._double_coded;
checkpoint packed;
