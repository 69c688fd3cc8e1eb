-- purpose: every excerpt the filters, the theme choice and the search keep, flat, for download;
--          text only when its speaker consented to public quotation (or it is group-level)
-- grain: one row per excerpt (a passage), ordered like excerpts.sql: session date, then excerpt id
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $stance, $lang, $theme, $q
with kept_codes as (
    select * from filtered_codes(
        $discipline, $role, $session, $venue, $activity, $theme_group, $stance
    )
    where keeps($theme, theme_id)
),

kept_excerpts as (
    select distinct excerpt_id from kept_codes
),

-- every theme a kept passage carries, as excerpts.sql tags it (not only the matching ones)
tagged as (
    select
        theme_codes.excerpt_id,
        any_value(theme_codes.session_id) as session_id,
        any_value(theme_codes.participant_id) as participant_id,
        any_value(tr(theme_codes.activity, theme_codes.activity_fr, $lang)) as activity,
        any_value(theme_codes.excerpt) as full_text,
        list(distinct theme_codes.theme_id order by theme_codes.theme_id) as theme_ids,
        list(distinct tr(themes.label, themes.label_fr, $lang) order by tr(themes.label, themes.label_fr, $lang)) as theme_labels,
        list(distinct theme_codes.stance order by theme_codes.stance) filter (where theme_codes.stance is not null) as stance_list,
    from theme_codes
    join kept_excerpts on kept_excerpts.excerpt_id = theme_codes.excerpt_id
    join themes on themes.theme_id = theme_codes.theme_id
    group by theme_codes.excerpt_id
),

described as (
    select
        tagged.*,
        -- consent: only public speakers' words (and group passages) leave the server
        (tagged.participant_id is null or participants.quote_consent = 'public') as quotable,
        tr(participants.role, participants.role_fr, $lang) as role,
        tr(participants.discipline, participants.discipline_fr, $lang) as discipline,
        coalesce(tr(sessions.title, sessions.title_fr, $lang), sessions.session_id) as session,
        sessions.date,
    from tagged
    join sessions on sessions.session_id = tagged.session_id
    left join participants on participants.participant_id = tagged.participant_id
),

searched as (
    select * from described
    -- search only what may be shown, so a match never reveals withheld words
    where $q = ''
        or (quotable and contains(strip_accents(lower(full_text)), strip_accents(lower($q))))
)

select
    excerpt_id,
    session_id,
    session,
    date as session_date,
    participant_id,
    role,
    discipline,
    activity,
    array_to_string(theme_ids, '; ') as theme_ids,
    array_to_string(theme_labels, '; ') as themes,
    coalesce(array_to_string(stance_list, '; '), '') as stances,
    not quotable as withheld,
    case when quotable then full_text end as excerpt,
from searched
order by date nulls last, session_id, excerpt_id
