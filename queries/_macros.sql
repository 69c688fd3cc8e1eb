-- Shared building blocks, loaded once when the connection opens (not a named query).
-- Every `only_*` argument is a list of values; an empty list means "no filter on this dimension".
-- `noqa: AM04` marks a table macro that passes its table's columns through (sqlfluff, .sqlfluff).

-- tr: the French text when the UI is in French and the export has it, else the original.
create or replace macro tr(original, french, lang) as (
    case when lang = 'fr' then coalesce(french, original) else original end
);

-- keeps: true when a filter list is empty or holds the value.
create or replace macro keeps(selected, value) as (
    len(selected) = 0 or list_contains(selected, value)
);

-- ordered_themes: the codebook in the order the export lists it (groups follow their first theme).
create or replace macro ordered_themes() as table
    with numbered as (
        select themes.*, row_number() over () as theme_order, from themes
    ),

    group_starts as (
        select theme_group, min(theme_order) as first_theme,
        from numbered
        group by theme_group
    )

    select
        numbered.*,  -- noqa: AM04
        dense_rank() over (order by group_starts.first_theme) as group_order,
    from numbered
    join group_starts on group_starts.theme_group = numbered.theme_group;

-- people_key: the key of a cell resting on these people (findings/privacy.py, the cell key method):
-- the xor of each distinct person's hash, so the same people give the same key by whatever filters
-- or query they were counted, and nobody (no row, or only group passages) gives null. Count a subset
-- by passing null for the others: `people_key(case when in_a then participant_id end)`.
create or replace macro people_key(participant_id) as (
    bit_xor(distinct case when participant_id is not null then hash(participant_id) end)
);

-- filtered_participants: the people the participant-level filters keep.
create or replace macro filtered_participants(
    only_discipline, only_role, only_session, only_venue
) as table
    select
        participants.*,  -- noqa: AM04
        sessions.venue,
    from participants
    join sessions on sessions.session_id = participants.session_id
    where
        keeps(only_discipline, participants.discipline)
        and keeps(only_role, participants.role)
        and keeps(only_session, participants.session_id)
        and keeps(only_venue, sessions.venue);

-- filtered_sessions: the sessions the session and venue filters keep; under a discipline or role
-- filter, only those where one of the people the filters keep took part.
create or replace macro filtered_sessions(
    only_discipline, only_role, only_session, only_venue
) as table
    select *,  -- noqa: AM04
    from sessions
    where
        keeps(only_session, session_id)
        and keeps(only_venue, venue)
        and (
            (len(only_discipline) = 0 and len(only_role) = 0)
            or session_id in (
                select session_id,
                from filtered_participants(only_discipline, only_role, only_session, only_venue)
            )
        );

-- filtered_patterns: the pattern codes every filter keeps, with what describes them: the filters
-- and joins that once ran over every code row, run over the excerpt patterns (_patterns.sql),
-- where `excerpts` excerpts each carry the code `codes` times. How to count from it, exactly:
--   code applications   sum(excerpts * codes)
--   excerpts (by G)     sum(excerpts) over the distinct (pattern_id, G): an excerpt is kept in G
--                       when any of its codes is, and every excerpt of a pattern has the same codes
--   participants, sessions, disciplines (by G): count(distinct ...) as before
create or replace macro filtered_patterns(
    only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group, only_stance
) as table
    select *,  -- noqa: AM04
    -- the codes' theme group, venue, discipline, role and consent were joined when the data opened
    from packed._pattern_codes
    -- group-level passages have no speaker, so no discipline or role: a filter on either drops them
    where
        keeps(only_discipline, discipline)
        and keeps(only_role, role)
        and keeps(only_session, session_id)
        and keeps(only_venue, venue)
        and keeps(only_activity, activity)
        and keeps(only_theme_group, theme_group)
        and keeps(only_stance, stance);

-- filtered_codes: the distinct codes every filter keeps (_code_counts), kept exactly as
-- filtered_patterns keeps their rows among the pattern codes. What a query counts from it, exactly:
--   code applications   sum(code_applications)
--   participants, sessions, disciplines (by G): count(distinct ...), as over the pattern codes
--   excerpts (by theme, or in all)  sum(theme_excerpts) (or sum(excerpts)) where counts_once(true, ...)
--                       holds, plus the patterns with no flagged row, from filtered_patterns
create or replace macro filtered_codes(
    only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group, only_stance
) as table
    select *,  -- noqa: AM04
    from _code_counts
    where
        keeps(only_discipline, discipline)
        and keeps(only_role, role)
        and keeps(only_session, session_id)
        and keeps(only_venue, venue)
        and keeps(only_activity, activity)
        and keeps(only_theme_group, theme_group)
        and keeps(only_stance, stance);

-- counts_once, counts_by_distinct: how a query counts each kept excerpt once per group (a theme:
-- `first_of_theme`; the whole pattern: `first_of_pattern`, see _patterns.sql) without finding the
-- distinct (pattern_id, group) among the kept codes. Where a pattern's codes agree on all the
-- filters look at but stance and theme group, its flagged row stands for the group, so
--   select ... where counts_once(flag, ...) union all select distinct ... where counts_by_distinct(flag, ...)
-- holds each (pattern, group) once: the first part those patterns (when no stance filter, nor a
-- theme-group filter for a whole pattern, can drop the flagged row and keep another), the second
-- every other pattern, found as distinct rows as before.
create or replace macro counts_once(first, only_stance, only_theme_group) as (
    first and len(only_stance) = 0 and len(only_theme_group) = 0
);

create or replace macro counts_by_distinct(first, only_stance, only_theme_group) as (
    first is null or len(only_stance) > 0 or len(only_theme_group) > 0
);

-- readable_by: may a passage's words reach this audience? Group-level passages (no speaker)
-- count as public; 'public' readers see public consent only, 'research' readers public and
-- research consent; 'none' is never readable. Any other audience reads as 'public'.
create or replace macro readable_by(audience, speaker, consent) as (
    speaker is null
    or consent = 'public'
    or (audience = 'research' and consent = 'research')
);

-- listed_by: does a passage stand as a row in this audience's lists (pages and downloads)? The public
-- lists quotable passages only: a withheld one counts but is never a row, or its themes, stance and
-- session would still tie a person who refused quotation to what they spoke about. Research lists
-- every passage, its withheld words left empty.
create or replace macro listed_by(audience, quotable) as (
    quotable or audience = 'research'
);

-- The consent rule lives in the three macros below and only here: a passage's text leaves the
-- database only when readable_by the audience; other passages still count but carry no text, and
-- the search never looks at their words.

-- kept_patterns: the patterns with an excerpt the filters and a theme choice keep (any chosen theme,
-- or with `all_themes` every one of them), with what each of their excerpts shows (session, speaker,
-- activity in the UI language) and whether it is quotable.
create or replace macro kept_patterns(
    only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group, only_stance,
    lang, only_theme, all_themes, audience
) as table
    select
        _patterns.pattern_id,
        _patterns.excerpts,
        _patterns.session_id,
        _patterns.participant_id,
        case when lang = 'fr' then _patterns.activity_in_french else _patterns.activity end as activity,
        readable_by(audience, _patterns.participant_id, participants.quote_consent) as quotable,
    from _patterns
    join sessions on sessions.session_id = _patterns.session_id
    left join participants on participants.participant_id = _patterns.participant_id
    where _patterns.pattern_id in (
        select pattern_id,
        from
            filtered_patterns(
                only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group,
                only_stance
            )
        where keeps(only_theme, theme_id)
        group by pattern_id
        -- `all_themes`: an excerpt must carry every chosen theme (a co-occurrence cell), not any one
        having
            not all_themes
            or len(only_theme) = 0
            or count(distinct theme_id) = len(list_distinct(only_theme))
    );

-- matching_excerpts: one row per excerpt the filters, a theme choice and a search keep (its id,
-- pattern and reading-order position), found without reading any text unless there is a search;
-- a search reads only the words of quotable passages (a passage matches when its text holds the
-- search, accents and case aside).
create or replace macro matching_excerpts(
    only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group, only_stance,
    only_theme, all_themes, search, audience
) as table
    with kept as (
        select pattern_id, quotable,
        from kept_patterns(
            only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group,
            only_stance, 'en', only_theme, all_themes, audience
        )
    ),

    kept_excerpts as (
        select
            _excerpt_patterns.rowid as position,  -- the table is stored in reading order
            _excerpt_patterns.excerpt_id,
            _excerpt_patterns.pattern_id,
            kept.quotable,
        from packed._excerpt_patterns
        join kept on kept.pattern_id = _excerpt_patterns.pattern_id
    ),

    -- only when searching: the quotable kept passages whose words hold the search
    found as (
        select distinct excerpt_id,
        from theme_codes
        where
            search <> ''
            and excerpt_id in (
                select excerpt_id,
                from kept_excerpts
                where quotable
            )
            and contains(strip_accents(lower(excerpt)), strip_accents(lower(search)))
    )

    select position, excerpt_id, pattern_id, quotable,
    from kept_excerpts
    where
        search = ''
        or (quotable and excerpt_id in (select excerpt_id, from found));

-- matching_patterns: per pattern, how many of its excerpts the filters, a theme choice and a search
-- keep (`matches`, at least one), with what they show; counts excerpts without listing them when
-- there is no search.
create or replace macro matching_patterns(
    only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group, only_stance,
    lang, only_theme, all_themes, search, audience
) as table
    with kept as (
        select *,
        from kept_patterns(
            only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group,
            only_stance, lang, only_theme, all_themes, audience
        )
    ),

    searched as (
        select pattern_id, count(*) as matches,
        from
            matching_excerpts(
                only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group,
                only_stance, only_theme, all_themes, search, audience
            )
        where search <> ''
        group by pattern_id
    )

    select *, excerpts as matches,  -- noqa: AM04
    from kept
    where search = ''
    union all
    select kept.*, searched.matches,
    from kept
    join searched on searched.pattern_id = kept.pattern_id;

-- quotable_excerpts: the matching excerpts the audience lists (listed_by) in reading order (session
-- date, undated last, session, excerpt id), `row_limit` of them (null: all) from `row_offset`, each
-- with all its theme tags; the text is read for those rows only, and only where quotable.
create or replace macro quotable_excerpts(
    only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group, only_stance,
    lang, only_theme, all_themes, search, audience, row_limit, row_offset
) as table
    with reach as (
        -- without a search, the first k = row_offset + row_limit matches stand no later than the
        -- k-th listed kept pattern's first excerpt (the first excerpts of k patterns are k matches), so
        -- the scan can stop there; with fewer than k patterns (or a search, or no limit) it cannot
        select
            case when count(*) = row_offset + row_limit then max(first_position) end as last_position,
        from (
            select first_position,
            from _pattern_starts
            where
                search = ''
                and pattern_id in (
                    select pattern_id,
                    from
                        kept_patterns(
                            only_discipline, only_role, only_session, only_venue, only_activity,
                            only_theme_group, only_stance, lang, only_theme, all_themes, audience
                        )
                    where listed_by(audience, quotable)
                )
            order by first_position
            limit row_offset + row_limit
        ) as first_kept
    ),

    shown as (
        select *,
        from
            matching_excerpts(
                only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group,
                only_stance, only_theme, all_themes, search, audience
            )
        where
            listed_by(audience, quotable)
            and position <= coalesce((select last_position, from reach), 9223372036854775807)
        order by position
        limit row_limit offset row_offset
    ),

    tags as (
        select
            _pattern_codes.pattern_id,
            list(distinct _pattern_codes.theme_id order by _pattern_codes.theme_id) as theme_ids,
            list(
                distinct tr(themes.label, themes.label_fr, lang)
                order by tr(themes.label, themes.label_fr, lang)
            ) as themes,
            list(distinct _pattern_codes.stance order by _pattern_codes.stance) filter (
                where _pattern_codes.stance is not null
            ) as stances,
        from packed._pattern_codes
        join themes on themes.theme_id = _pattern_codes.theme_id
        where _pattern_codes.pattern_id in (select pattern_id, from shown)
        group by _pattern_codes.pattern_id
    ),

    words as (
        select
            theme_codes.excerpt_id,
            any_value(theme_codes.excerpt) as full_text,
        from theme_codes
        where
            theme_codes.excerpt_id in (
                select excerpt_id,
                from shown
                where quotable
            )
        group by theme_codes.excerpt_id
    )

    select
        shown.position,
        shown.excerpt_id,
        _patterns.session_id,
        coalesce(tr(sessions.title, sessions.title_fr, lang), sessions.session_id) as session,
        sessions.date,
        _patterns.participant_id,
        tr(participants.role, participants.role_fr, lang) as role,
        tr(participants.discipline, participants.discipline_fr, lang) as discipline,
        case when lang = 'fr' then _patterns.activity_in_french else _patterns.activity end as activity,
        tags.theme_ids,
        tags.themes,
        tags.stances,
        shown.quotable,
        case when shown.quotable then words.full_text end as excerpt,
    from shown
    join _patterns on _patterns.pattern_id = shown.pattern_id
    join tags on tags.pattern_id = shown.pattern_id
    join sessions on sessions.session_id = _patterns.session_id
    left join participants on participants.participant_id = _patterns.participant_id
    left join words on words.excerpt_id = shown.excerpt_id;

-- coded_passages: every coding by a named coder (theme_codes.coder) of a passage the passage-level
-- filters keep, with what intercoder agreement and its list of disagreements read (the stance and
-- theme group filters are the queries' own: agreement is on whether a theme is there).
create or replace macro coded_passages(
    only_discipline, only_role, only_session, only_venue, only_activity
) as table
    select
        theme_codes.excerpt_id,
        theme_codes.coder,
        theme_codes.theme_id,
        theme_codes.session_id,
        theme_codes.participant_id,
        theme_codes.excerpt,
        participants.quote_consent,
    from theme_codes
    join sessions on sessions.session_id = theme_codes.session_id
    left join participants on participants.participant_id = theme_codes.participant_id
    where
        theme_codes.coder is not null
        and keeps(only_discipline, participants.discipline)
        and keeps(only_role, participants.role)
        and keeps(only_session, theme_codes.session_id)
        and keeps(only_venue, sessions.venue)
        and keeps(only_activity, theme_codes.activity);
