"""Archive: what was recorded (audio, photos, film), by kind and by session.

Recordings have no speaker, discipline or theme, so only the session and venue filters apply here.
"""

import streamlit as st

from findings import charts, i18n, words
from findings.app import frame, widgets
from findings.filters import DIMENSIONS

KINDS = ("audio", "photo", "video")
MEDIA_FILTERS = ("session", "venue")

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("nav.archive"), anchor=False)
widgets.scope_caption(ctx)
if not ctx.db.has("media"):
    st.info(ctx.t("archive.absent"))
    frame.page_done()

# --- inputs ---------------------------------------------------------------------------------
unit = widgets.choice(
    "unit", ctx.t("common.show"), ["hours", "bytes", "files"], lambda u: ctx.t(f"archive.unit.{u}"), "hours"
)
totals = ctx.run("archive_totals")
by_session = ctx.run("archive_by_session")
no_session = ctx.t("archive.no_session")


# --- what was recorded ----------------------------------------------------------------------
def part(row) -> str:
    size = i18n.fmt_bytes(row.size_bytes, ctx.lang)
    if row.kind == "photo":
        return ctx.tn("archive.part_photo", int(row.files), count=ctx.int(row.files), size=size)
    return ctx.t(f"archive.part_{row.kind}", hours=i18n.fmt_hours(row.hours, ctx.lang), size=size)


def recorded() -> None:
    """'62 h of film (6.7 TB), 30 h of audio (18 GB) and 4,612 photos (16 GB) were recorded.'"""
    st.caption(ctx.t("archive.caption"))
    ignored = [dim for dim in DIMENSIONS if dim not in MEDIA_FILTERS and ctx.filters.get(dim)]
    if ignored:
        st.caption(ctx.t("archive.not_applied", filters=", ".join(ctx.t(f"filter.{dim}") for dim in ignored)))
    if totals.empty:
        widgets.empty_state(ctx)
        frame.page_done()
    by_kind = {row.kind: row for row in totals.itertuples(index=False)}
    parts = [part(by_kind[k]) for k in ("video", "audio", "photo") if k in by_kind]
    st.markdown(ctx.t("archive.sentence", parts=words.listed(parts, ctx.lang)))
    widgets.archive_metrics(ctx, totals, KINDS)


# --- by session -----------------------------------------------------------------------------
def by_sessions() -> None:
    st.subheader(ctx.t("archive.by_session"), anchor=False)
    bars = charts.archive_session_bars(by_session, unit, ctx.lang, missing_label=no_session)
    if not bars.data:
        st.info(ctx.t("archive.no_hours"))
        return
    widgets.chart(bars, by_session, "archive-by-session", ctx.lang)
    st.caption(ctx.t(f"archive.bars_caption.{unit}"))


# --- where the bytes are --------------------------------------------------------------------
def by_size() -> None:
    st.subheader(ctx.t("archive.treemap"), anchor=False)
    treemap = charts.archive_treemap(by_session, ctx.lang, missing_label=no_session)
    widgets.chart(treemap, by_session, "archive-treemap", ctx.lang)
    biggest = totals.sort_values("size_bytes", ascending=False, kind="stable").iloc[0]
    st.caption(
        ctx.t(
            "archive.treemap_caption",
            kind=ctx.t(f"archive.{biggest.kind}"),
            share=i18n.fmt_pct(biggest.size_bytes / totals.size_bytes.sum(), ctx.lang),
            total=i18n.fmt_bytes(totals.size_bytes.sum(), ctx.lang),
        )
    )


recorded()
by_sessions()
by_size()
