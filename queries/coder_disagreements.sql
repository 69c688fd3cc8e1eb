-- purpose: the passages on which coders disagree about a theme (some of its readers applied it, some
--          did not), with who did which and the passage's words where its speaker's consent reaches
--          the audience (see readable_by); for the research team only (privacy: WITHHELD)
-- grain: one row per (passage, theme) in disagreement, by session date, passage, then theme id
-- params: $discipline, $role, $session, $venue, $activity, $theme_group, $lang, $audience
with passage_codes as (
    select *,
    from coded_passages($discipline, $role, $session, $venue, $activity)
),

readers as (
    select
        excerpt_id,
        list(distinct coder order by coder) as coders,
        any_value(session_id) as session_id,
        any_value(participant_id) as participant_id,
        any_value(quote_consent) as quote_consent,
        any_value(excerpt) as excerpt,
    from passage_codes
    group by excerpt_id
    having count(distinct coder) >= 2
),

applied as (
    select
        excerpt_id,
        theme_id,
        list(distinct coder order by coder) as applied_by,
    from passage_codes
    group by excerpt_id, theme_id
)

select
    readers.excerpt_id,
    tr(sessions.title, sessions.title_fr, $lang) as session,
    applied.theme_id,
    tr(themes.label, themes.label_fr, $lang) as theme_label,
    applied.applied_by,
    list_filter(readers.coders, lambda c: not list_contains(applied.applied_by, c)) as not_applied_by,  -- noqa: RF02
    case
        when readable_by($audience, readers.participant_id, readers.quote_consent) then readers.excerpt
    end as excerpt,
from readers
join applied on applied.excerpt_id = readers.excerpt_id
join themes on themes.theme_id = applied.theme_id
join sessions on sessions.session_id = readers.session_id
where
    len(applied.applied_by) < len(readers.coders)
    and keeps($theme_group, themes.theme_group)
order by sessions.date nulls last, readers.excerpt_id, themes.theme_id
