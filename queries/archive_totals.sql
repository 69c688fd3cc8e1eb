-- purpose: the recorded material by kind (files, hours, bytes) for the sessions the filters keep
-- grain: one row per media kind present
-- params: $session, $venue
select
    media.kind,
    count(*) as files,
    sum(media.duration_s) / 3600.0 as hours,
    cast(sum(media.size_bytes) as bigint) as size_bytes,
from media
left join sessions on sessions.session_id = media.session_id
-- media follow only the session and venue filters: a recording has no discipline or theme
where
    keeps($session, media.session_id)
    and keeps($venue, sessions.venue)
group by media.kind
order by case media.kind when 'audio' then 1 when 'photo' then 2 when 'video' then 3 end
