"""Archive: what was recorded (audio, photos, film), by kind and by session.

Recordings have no speaker, discipline or theme, so only the session and venue filters apply here.
"""

import streamlit as st

from findings import charts, i18n, words
from findings.app import frame, widgets
from findings.filters import DIMENSIONS

ctx = frame.context()
KINDS = ("audio", "photo", "video")
MEDIA_FILTERS = ("session", "venue")

st.title(ctx.t("nav.archive"), anchor=False)
widgets.scope_caption(ctx)

if not ctx.db.has("media"):
    st.info(ctx.t("archive.absent"))
else:
    # --- inputs ---------------------------------------------------------------------------
    unit = widgets.choice(
        "unit", ctx.t("archive.unit_label"), ["hours", "bytes", "files"],
        lambda u: ctx.t(f"archive.unit.{u}"), "hours",
    )

    # --- data -----------------------------------------------------------------------------
    totals = ctx.run("archive_totals")
    by_session = ctx.run("archive_by_session")

    # --- charts ---------------------------------------------------------------------------
    no_session = ctx.t("archive.no_session")
    bars = charts.archive_session_bars(by_session, unit, ctx.lang, missing_label=no_session)
    treemap = charts.archive_treemap(by_session, ctx.lang, missing_label=no_session)

    # --- words ----------------------------------------------------------------------------
    def part(row) -> str:
        size = i18n.fmt_bytes(row.size_bytes, ctx.lang)
        if row.kind == "photo":
            return ctx.tn("archive.part_photo", int(row.files), count=ctx.int(row.files), size=size)
        return ctx.t(f"archive.part_{row.kind}", hours=i18n.fmt_hours(row.hours, ctx.lang), size=size)

    def recorded() -> str:
        """'62 h of film (6.7 TB), 30 h of audio (18 GB) and 4,612 photos (16 GB) were recorded.'"""
        by_kind = {row.kind: row for row in totals.itertuples(index=False)}
        parts = [part(by_kind[k]) for k in ("video", "audio", "photo") if k in by_kind]
        return ctx.t("archive.sentence", parts=words.listed(parts, ctx.lang))

    # --- layout ---------------------------------------------------------------------------
    st.caption(ctx.t("archive.caption"))
    ignored = [dim for dim in DIMENSIONS if dim not in MEDIA_FILTERS and ctx.filters.get(dim)]
    if ignored:
        st.caption(ctx.t("archive.not_applied", filters=", ".join(ctx.t(f"filter.{dim}") for dim in ignored)))

    if totals.empty:
        widgets.empty_state(ctx)
    else:
        st.markdown(recorded())
        by_kind = {row.kind: row for row in totals.itertuples(index=False)}
        for column, kind in zip(st.columns(len(KINDS)), KINDS, strict=True):
            row = by_kind.get(kind)
            if row is None:
                column.metric(ctx.t(f"archive.{kind}"), "–")
            elif kind == "photo":
                column.metric(
                    ctx.t("archive.photo"), ctx.int(row.files), i18n.fmt_bytes(row.size_bytes, ctx.lang),
                    delta_color="off", delta_arrow="off",
                )
            else:
                column.metric(
                    ctx.t(f"archive.{kind}"), i18n.fmt_hours(row.hours, ctx.lang),
                    ctx.tn("archive.files_size", int(row.files), files=ctx.int(row.files),
                           size=i18n.fmt_bytes(row.size_bytes, ctx.lang)),
                    delta_color="off", delta_arrow="off",
                )

        st.subheader(ctx.t("archive.by_session"), anchor=False)
        if not bars.data:
            st.info(ctx.t("archive.no_hours"))
        else:
            widgets.chart(bars, by_session, "archive-by-session", ctx.lang)
            st.caption(ctx.t(f"archive.bars_caption.{unit}"))

        st.subheader(ctx.t("archive.treemap"), anchor=False)
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
