-- purpose: the theme_codes table as this audience may take it away (the Data page's download of
--          the whole export set, so the sidebar filters deliberately do not apply): every row and
--          contract column, the passage text only where readable_by the audience
-- grain: one row per code application, in code_id order
-- params: $audience
select
    theme_codes.code_id,
    theme_codes.excerpt_id,
    theme_codes.theme_id,
    theme_codes.session_id,
    theme_codes.participant_id,
    theme_codes.activity,
    theme_codes.activity_fr,
    theme_codes.stance,
    -- withheld words leave as null: the row still counts, as on every page
    case
        when readable_by($audience, theme_codes.participant_id, participants.quote_consent)
            then theme_codes.excerpt
    end as excerpt,
from theme_codes
left join participants on participants.participant_id = theme_codes.participant_id
order by theme_codes.code_id
