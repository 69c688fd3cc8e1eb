-- Shared building blocks, loaded once when the connection opens (not a named query).
-- Every `only_*` argument is a list of values; an empty list means "no filter on this dimension".

-- tr: the French text when the UI is in French and the export has it, else the original.
create or replace macro tr(original, french, lang) as
    case when lang = 'fr' then coalesce(french, original) else original end;

-- keeps: true when a filter list is empty or holds the value.
create or replace macro keeps(selected, value) as
    len(selected) = 0 or list_contains(selected, value);

-- ordered_themes: the codebook in the order the export lists it (groups follow their first theme).
create or replace macro ordered_themes() as table
    with numbered as (
        select themes.*, row_number() over () as theme_order, from themes
    ),

    group_starts as (
        select theme_group, min(theme_order) as first_theme, from numbered group by theme_group
    )

    select
        numbered.*,
        dense_rank() over (order by group_starts.first_theme) as group_order,
    from numbered
    join group_starts on group_starts.theme_group = numbered.theme_group;

-- filtered_participants: the people the participant-level filters keep.
create or replace macro filtered_participants(
    only_discipline, only_role, only_session, only_venue
) as table
    select
        participants.*,
        sessions.venue,
    from participants
    join sessions on sessions.session_id = participants.session_id
    where keeps(only_discipline, participants.discipline)
        and keeps(only_role, participants.role)
        and keeps(only_session, participants.session_id)
        and keeps(only_venue, sessions.venue);

-- filtered_codes: the code applications every filter keeps, with what describes them.
create or replace macro filtered_codes(
    only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group, only_stance
) as table
    select
        theme_codes.*,
        themes.theme_group,
        sessions.venue,
        participants.discipline,
        participants.role,
        participants.quote_consent,
    from theme_codes
    join themes on themes.theme_id = theme_codes.theme_id
    join sessions on sessions.session_id = theme_codes.session_id
    left join participants on participants.participant_id = theme_codes.participant_id
    -- group-level passages have no speaker, so no discipline or role: a filter on either drops them
    where keeps(only_discipline, participants.discipline)
        and keeps(only_role, participants.role)
        and keeps(only_session, theme_codes.session_id)
        and keeps(only_venue, sessions.venue)
        and keeps(only_activity, theme_codes.activity)
        and keeps(only_theme_group, themes.theme_group)
        and keeps(only_stance, theme_codes.stance);

-- readable_by: may a passage's words reach this audience? Group-level passages (no speaker)
-- count as public; 'public' readers see public consent only, 'research' readers public and
-- research consent; 'none' is never readable. Any other audience reads as 'public'.
create or replace macro readable_by(audience, speaker, consent) as
    speaker is null
    or consent = 'public'
    or (audience = 'research' and consent = 'research');

-- quotable_excerpts: one row per passage the filters, a theme choice and a search keep, with all
-- its theme tags. The consent rule lives here and only here: a passage's text leaves the database
-- only when readable_by the audience; other passages still count but carry no text, and the
-- search never looks at their words.
create or replace macro quotable_excerpts(
    only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group, only_stance,
    lang, only_theme, search, audience
) as table
    with kept_excerpts as (
        select distinct excerpt_id
        from filtered_codes(
            only_discipline, only_role, only_session, only_venue, only_activity, only_theme_group, only_stance
        )
        where keeps(only_theme, theme_id)
    ),

    tagged as (
        select
            theme_codes.excerpt_id,
            any_value(theme_codes.session_id) as session_id,
            any_value(theme_codes.participant_id) as participant_id,
            any_value(tr(theme_codes.activity, theme_codes.activity_fr, lang)) as activity,
            any_value(theme_codes.excerpt) as full_text,
            list(distinct theme_codes.theme_id order by theme_codes.theme_id) as theme_ids,
            list(distinct tr(themes.label, themes.label_fr, lang) order by tr(themes.label, themes.label_fr, lang)) as themes,
            list(distinct theme_codes.stance order by theme_codes.stance) filter (where theme_codes.stance is not null) as stances,
        from theme_codes
        join kept_excerpts on kept_excerpts.excerpt_id = theme_codes.excerpt_id
        join themes on themes.theme_id = theme_codes.theme_id
        group by theme_codes.excerpt_id
    ),

    judged as (
        select
            tagged.*,
            readable_by(audience, tagged.participant_id, participants.quote_consent) as quotable,
            tr(participants.role, participants.role_fr, lang) as role,
            tr(participants.discipline, participants.discipline_fr, lang) as discipline,
            coalesce(tr(sessions.title, sessions.title_fr, lang), sessions.session_id) as session,
            sessions.date,
        from tagged
        join sessions on sessions.session_id = tagged.session_id
        left join participants on participants.participant_id = tagged.participant_id
    )

    select
        excerpt_id, session_id, session, date, participant_id, role, discipline, activity,
        theme_ids, themes, stances, quotable,
        case when quotable then full_text end as excerpt,
    from judged
    where search = ''
        or (quotable and contains(strip_accents(lower(full_text)), strip_accents(lower(search))));
