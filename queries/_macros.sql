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
