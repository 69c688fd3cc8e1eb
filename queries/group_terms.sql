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

passages as (
    select
        _excerpt_patterns.excerpt_id,
        kept.participant_id,
        -- the passage's value of the compared dimension
        case $dim
            when 'discipline' then participants.discipline
            when 'role' then participants.role
            when 'session' then kept.session_id
            when 'venue' then sessions.venue
            when 'activity' then kept.activity
        end as value,
        -- carrying the theme in a code the filters keep (as Evidence's theme choice reads it)
        $dim = 'theme' and kept.pattern_id in (
            select theme_codes_kept.pattern_id,
            from
                filtered_patterns(
                    $discipline, $role, $session, $venue, $activity, $theme_group, $stance
                ) as theme_codes_kept
            where theme_codes_kept.theme_id = $a
        ) as in_theme,
    from packed._excerpt_patterns
    join kept on kept.pattern_id = _excerpt_patterns.pattern_id
    join sessions on sessions.session_id = kept.session_id
    left join participants on participants.participant_id = kept.participant_id
),

-- group A: the passages of value $a (or carrying theme $a); group B: those of value $b, or every
-- other passage when $b is '__rest__'
grouped as (
    select
        excerpt_id,
        participant_id,
        case
            when in_theme or value = $a then 'a'
            when $b = '__rest__' or value = $b then 'b'
        end as side,
    from passages
),

-- at most $per_group passages a group are read (a deterministic choice, by a hash of their ids):
-- enough for stable word counts, and a page that answers at millions of excerpts
sides as (
    select excerpt_id, participant_id, side,
    from grouped
    where side is not null
    qualify row_number() over (partition by side order by hash(excerpt_id), excerpt_id) <= $per_group
),

texts as (
    select
        sides.excerpt_id,
        sides.participant_id,
        sides.side,
        -- words as letters, with inner apostrophes and hyphens (l'IA, test-case), in lower case; a
        -- punctuation mark is a token too, counted as a stop word, so no phrase runs across it
        regexp_extract_all(
            lower(any_value(theme_codes.excerpt)), '\p{L}+(?:[''’-]\p{L}+)*|[.,;:!?()"“”«»…—–]'
        ) as found,
    from sides
    join theme_codes on theme_codes.excerpt_id = sides.excerpt_id
    where sides.side is not null
    group by sides.excerpt_id, sides.participant_id, sides.side
),

tokens as (
    select
        excerpt_id,
        participant_id,
        side,
        pos,
        -- an elided article or pronoun (l', d', qu'...), an English possessive or contraction come off
        regexp_replace(
            regexp_replace(found[pos], '^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)[''’]', ''),
            '(n[''’]t|[''’](s|d|ll|re|ve|m))$',
            ''
        ) as token,
    from (select *, generate_subscripts(found, 1) as pos, from texts) as positions
),

words as (
    select
        *,
        list_contains($stop, token) or length(token) < 2 as is_stop,
    from tokens
),

terms as (
    select excerpt_id, participant_id, side, token as term,
    from words
    where not is_stop
    union all
    -- two consecutive words, neither a stop word (a stop word between them breaks the phrase)
    select
        first_word.excerpt_id,
        first_word.participant_id,
        first_word.side,
        first_word.token || ' ' || second_word.token as term,
    from words as first_word
    join words as second_word
        on
            second_word.excerpt_id = first_word.excerpt_id
            and second_word.pos = first_word.pos + 1
    where not first_word.is_stop and not second_word.is_stop
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
