-- purpose: the words and two-word phrases of two groups' quotable passages under the filters, how
--          often each group uses each, and the distinct speakers who used it (what suppression rests
--          on: a term fewer than k people used is never shown, so a word list cannot reveal withheld
--          or identifying text); only text the audience may read is analysed (readable_by)
-- grain: one row per term (a word, or two consecutive words neither of them a stop word), by term
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $audience, $dim, $a, $b, $stop, $per_group
with kept as (
    select pattern_id, participant_id, session_id, activity,
    from
        kept_patterns(
            $discipline, $role, $session, $venue, $activity, $theme_group, $stance, 'en', [], false, $audience
        )
    -- consent: withheld words are never read, not even to be counted
    where quotable
),

-- with themes compared: the kept patterns carrying $a or $b in a code the filters keep (as
-- Evidence's theme choice reads it), and which
themed as (
    select
        pattern_id,
        bool_or(theme_id = $a) as carries_a,
    from filtered_patterns($discipline, $role, $session, $venue, $activity, $theme_group, $stance)
    where $dim = 'theme' and theme_id in ($a, $b)
    group by pattern_id
),

-- each kept pattern's value of the compared dimension (its passages all share it); with themes,
-- $a when it carries $a, else $b when it carries $b
valued as (
    select
        kept.pattern_id,
        kept.participant_id,
        case $dim
            when 'discipline' then participants.discipline
            when 'role' then participants.role
            when 'session' then kept.session_id
            when 'venue' then sessions.venue
            when 'activity' then kept.activity
            when 'theme'
                then case when themed.carries_a then $a when themed.pattern_id is not null then $b end
        end as value,
    from kept
    join sessions on sessions.session_id = kept.session_id
    left join participants on participants.participant_id = kept.participant_id
    left join themed on themed.pattern_id = kept.pattern_id
),

-- each kept pattern's side: group A, the passages of value $a; group B, those of value $b, or
-- every other passage when $b is '__rest__'
sided as (
    select
        pattern_id,
        participant_id,
        case
            when value = $a then 'a'
            when $b = '__rest__' or value = $b then 'b'
        end as side,
    from valued
),

-- at most $per_group passages a group are read, the first of the group in a fixed pseudo-random
-- order (_word_order, by a hash of their ids): enough for stable word counts, and a page that
-- answers at millions of excerpts
sides as (
    (
        select ordered.rowid as rank, ordered.position, sided.participant_id, sided.side,
        from packed._word_order as ordered
        join sided on sided.pattern_id = ordered.pattern_id
        where sided.side = 'a'
        order by ordered.rowid
        limit $per_group
    )
    union all
    (
        select ordered.rowid as rank, ordered.position, sided.participant_id, sided.side,
        from packed._word_order as ordered
        join sided on sided.pattern_id = ordered.pattern_id
        where sided.side = 'b'
        order by ordered.rowid
        limit $per_group
    )
),

-- the chosen passages further down the order than the texts kept with the patterns reach, with
-- their ids (found by their reading-order position: a scan of every excerpt, skipped when none is)
further as (
    select sides.rank, _excerpt_patterns.excerpt_id,
    from sides
    join packed._excerpt_patterns on _excerpt_patterns.rowid = sides.position
    where sides.rank >= (select count(*), from packed._word_texts)
),

-- their words: those among the first ranks of the order from the texts kept with the patterns
-- (queries/_word_texts.sql), any further down from their codes, read for those passages only (a
-- group read wholly from the kept texts reads no code file)
said as (
    select _word_texts.rank, _word_texts.excerpt,
    from packed._word_texts
    where _word_texts.rank in (select sides.rank, from sides)
    union all
    select further.rank, any_value(theme_codes.excerpt) as excerpt,
    from theme_codes
    join further on further.excerpt_id = theme_codes.excerpt_id
    group by further.rank
),

texts as (
    select
        sides.rank,
        sides.participant_id,
        sides.side,
        -- words as letters, with inner apostrophes and hyphens (l'IA, test-case), in lower case; a
        -- punctuation mark is a token too, counted as a stop word, so no phrase runs across it
        regexp_extract_all(lower(said.excerpt), '\p{L}+(?:[''’-]\p{L}+)*|[.,;:!?()"“”«»…—–]') as found,
    from sides
    join said on said.rank = sides.rank
),

tokens as (
    select
        rank,
        participant_id,
        side,
        pos,
        -- an elided article or pronoun (l', d', qu'...), an English possessive or contraction come off
        -- (the patterns are tried only on the few words with an apostrophe)
        case
            when contains(found, '''') or contains(found, '’')
                then
                    regexp_replace(
                        regexp_replace(found, '^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)[''’]', ''),
                        '(n[''’]t|[''’](s|d|ll|re|ve|m))$',
                        ''
                    )
            else found
        end as token,
    from (
        select
            rank,
            participant_id,
            side,
            unnest(generate_series(1, len(found))) as pos,
            unnest(found) as found,
        from texts
    ) as positions
),

stop_words as (
    select unnest($stop) as token,
),

flagged as (
    select
        *,
        length(token) < 2 or token in (select stop_words.token, from stop_words) as is_stop,
    from tokens
),

terms as (
    select rank, participant_id, side, token as term,
    from flagged
    where not is_stop
    union all
    -- two consecutive words, neither a stop word (a stop word between them breaks the phrase)
    -- (the next token found by its position: a join, cheaper than a window over every token)
    select
        first_word.rank,
        first_word.participant_id,
        first_word.side,
        first_word.token || ' ' || next_word.token as term,
    from flagged as first_word
    join flagged as next_word on next_word.rank = first_word.rank and next_word.pos = first_word.pos + 1
    where not first_word.is_stop and not next_word.is_stop
)

select
    term,
    count(*) filter (where side = 'a') as count_a,
    count(*) filter (where side = 'b') as count_b,
    count(distinct participant_id) as speakers,
    coalesce(people_key(participant_id), 0::ubigint) as speakers_key,
from terms
group by term
order by term
