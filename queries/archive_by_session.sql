-- purpose: the recorded material per session and kind (files, hours, bytes) for the sessions
--          the session and venue filters keep (a recording has no discipline or theme)
-- grain: one row per (session, media kind) present; files with no session share a null session
-- params: $session, $venue, $lang
select
    media.session_id,
    coalesce(tr(sessions.title, sessions.title_fr, $lang), media.session_id) as session,
    media.kind,
    count(*) as files,
    sum(media.duration_s) / 3600.0 as hours,
    cast(sum(media.size_bytes) as bigint) as size_bytes,
from media
left join sessions on sessions.session_id = media.session_id
-- files with no session only show when neither filter is set
where
    keeps($session, media.session_id)
    and keeps($venue, sessions.venue)
group by media.session_id, sessions.title, sessions.title_fr, sessions.date, media.kind
order by
    sessions.date nulls last,
    media.session_id nulls last,
    case media.kind when 'audio' then 1 when 'photo' then 2 when 'video' then 3 end
