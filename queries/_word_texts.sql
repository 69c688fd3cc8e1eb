-- Words' texts: built once with the excerpt patterns, after _macros.sql (not a named query).
--
-- The Words page reads the first passages of each group in a fixed pseudo-random order
-- (packed._word_order). Their words, fetched from the code files, were scattered over every row
-- group: reading 5,000 of them decompressed the whole text column (a second at ten million
-- excerpts). The first $ranks excerpts of that order are kept here with their words instead, so a
-- group of any but the rarest values is read from memory; passages further down the order are
-- read from the code files as before (queries/group_terms.sql).
--
-- packed._word_texts: one row per excerpt among the first $ranks of the word order (its rank, the
--                     rowid of _word_order), with its words only when a speaker's consent lets the
--                     research audience read them (readable_by): a passage whose speaker refused
--                     quotation is kept as a rank without words, so that its words never reach the
--                     pattern cache (findings/prebuilt.py), and the table's row count is how far
--                     down the order it reaches.
-- params: $ranks
create table packed._word_texts as
with first_ranks as (
    select
        ordered.rowid::integer as rank,
        excerpt_patterns.excerpt_id,
        patterns.participant_id,
    from packed._word_order as ordered
    join packed._excerpt_patterns as excerpt_patterns on excerpt_patterns.rowid = ordered.position
    join _patterns as patterns on patterns.pattern_id = excerpt_patterns.pattern_id
    where ordered.rowid < $ranks
),

readable as (
    select first_ranks.rank, first_ranks.excerpt_id,
    from first_ranks
    left join participants on participants.participant_id = first_ranks.participant_id
    where readable_by('research', first_ranks.participant_id, participants.quote_consent)
),

-- every code row of an excerpt carries its words: one of them is read
words as (
    select readable.rank, any_value(theme_codes.excerpt) as excerpt,
    from theme_codes
    join readable on readable.excerpt_id = theme_codes.excerpt_id
    group by readable.rank
)

select first_ranks.rank, words.excerpt,
from first_ranks
left join words on words.rank = first_ranks.rank
order by first_ranks.rank
