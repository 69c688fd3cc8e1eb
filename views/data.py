"""Data: what is loaded and whether to trust it; the contract; the export set to take away; and,
for researchers, their own export set or QDA project, loaded for their browser session only."""

import streamlit as st

from findings import i18n, words
from findings import package as datapackage
from findings.app import frame, inventory, upload, widgets
from findings.contract import CONTRACT_VERSION, TABLES

ctx = frame.context()
research = ctx.audience == "research"
PERSONAL_TABLES = ("participants", "theme_codes")  # row-level tables: research deployments only

st.title(ctx.t("nav.data"), anchor=False)
widgets.scope_caption(ctx)
st.caption(ctx.t("data.whole_set"))

# --- inputs: a researcher's own data (never offered to the public audience) ----------------
if research:
    st.subheader(ctx.t("data.upload"), anchor=False)
    st.caption(ctx.t("data.upload_intro", mb=upload.MAX_UPLOAD_MB))
    if upload.server_limit_mb() < upload.MAX_UPLOAD_MB:
        # the server refuses what the widget would accept: say so, and how the deployment fixes it
        st.warning(
            ctx.t("data.upload_server_limit", limit=upload.server_limit_mb(), mb=upload.MAX_UPLOAD_MB),
            icon=":material/warning:",
        )
    sent = map_file = None
    if upload.left():
        sent = st.file_uploader(
            ctx.t("data.upload_label"),
            type=list(upload.UPLOAD_TYPES),
            key="data.upload",
            max_upload_size=upload.MAX_UPLOAD_MB,
        )
        map_file = st.file_uploader(
            ctx.t("data.map_label"),
            type=["toml"],
            key="data.map",
            help=ctx.t("data.map_help"),
            max_upload_size=1,
        )
    else:
        st.info(ctx.t("data.upload_spent", n=upload.MAX_UPLOADS_PER_SESSION), icon=":material/block:")
    if sent is not None and upload.is_new(sent.file_id):
        map_text = map_file.getvalue().decode("utf-8", errors="replace") if map_file is not None else None
        with st.spinner(ctx.t("data.upload_checking", name=sent.name)):
            outcome = upload.take(sent.name, sent.file_id, sent.getvalue(), map_text)
        if outcome.ok or not upload.left():
            st.rerun()  # the frame now opens this session's own export set (or the uploader goes)
    outcome = upload.last()
    if outcome is not None:
        if outcome.ok:
            st.success(
                ctx.t("data.upload_ok", name=words.md_escape(outcome.name)), icon=":material/check_circle:"
            )
            st.button(ctx.t("data.upload_back"), on_click=upload.forget, icon=":material/undo:")
        else:
            st.error(
                ctx.t("data.upload_invalid", name=words.md_escape(outcome.name)), icon=":material/error:"
            )
            st.code("\n".join(outcome.lines), language=None, wrap_lines=True)
        if outcome.summary:
            with st.expander(ctx.t("data.upload_summary")):
                st.code("\n".join(outcome.summary), language=None, wrap_lines=True)

# --- data ---------------------------------------------------------------------------------
mine = upload.active() if research else None
report = mine.report if mine is not None else ctx.report
package = report.package
tables = inventory.tables_frame(report, ctx.lang)
size = inventory.export_size(report)

# --- what is loaded -------------------------------------------------------------------------
st.subheader(ctx.t("data.loaded"), anchor=False)
st.markdown(
    ctx.t(
        "data.sentence",
        tables=ctx.int(len(report.sources)),
        rows=ctx.int(sum(report.row_counts.values())),
        warnings=ctx.int(len(report.warnings)),
    )
)
if not package:
    st.caption(ctx.t("provenance.none"))
sources = datapackage.sources(package)
licences = datapackage.licences(package)
imported = datapackage.imported(package)
rows = [
    (ctx.t("provenance.title"), datapackage.title(package, ctx.lang) or "–"),
    (ctx.t("data.field.description"), datapackage.description(package, ctx.lang) or "–"),
    (ctx.t("provenance.sources"), sources or "–"),
    (ctx.t("provenance.licence"), licences or "–"),
    (
        ctx.t("provenance.status"),
        ctx.t("provenance.illustrative" if datapackage.illustrative(package) else "provenance.real"),
    ),
]
if imported:
    rows.append((ctx.t("data.field.imported"), f"{imported.get('file', '')} ({imported.get('date', '')})"))
rows.append(
    (
        ctx.t("provenance.folder"),
        ctx.t("data.field.upload") if mine is not None else report.data_dir.name + "/",
    )
)
widgets.fields(rows)

# --- tables -----------------------------------------------------------------------------------
st.subheader(ctx.t("data.tables"), anchor=False)
st.caption(ctx.t("data.tables_caption"))
st.dataframe(
    tables,
    hide_index=True,
    width="stretch",
    key="data.tables",
    column_config={
        ctx.t("data.col.rows"): st.column_config.TextColumn(alignment="right"),
        ctx.t("data.col.columns"): st.column_config.TextColumn(width=440),
    },
)

# --- validation -------------------------------------------------------------------------------
st.subheader(ctx.t("data.validation"), anchor=False)
if mine is None and report.ok:  # in the page's language; the lines below are the command's own
    warnings = len(report.warnings)
    st.markdown(
        ctx.tn(
            "data.validation_ok",
            warnings,
            tables=ctx.int(len(report.sources)),
            rows=ctx.int(sum(report.row_counts.values())),
            warnings=ctx.int(warnings),
        )
    )
st.caption(ctx.t("data.validation_caption"))
st.code(
    "\n".join(mine.lines if mine is not None else inventory.report_lines(report)),
    language=None,
    wrap_lines=True,
)

# --- download ---------------------------------------------------------------------------------
st.subheader(ctx.t("data.download"), anchor=False)
if size > inventory.MAX_DOWNLOAD_BYTES:
    st.info(ctx.t("data.download_too_big", size=i18n.fmt_bytes(size, ctx.lang)))
else:

    def build() -> bytes:
        """The zip, made only when the button is clicked."""
        if research:
            # the consent rule applies to what leaves the page as to what it shows: no 'none' text
            return inventory.export_zip(report, ctx.run("export_theme_codes"))
        # one row per person or per code rests on one person: the public gets the codebook only
        return inventory.export_zip(report, leave_out=PERSONAL_TABLES)

    st.download_button(
        ctx.t("data.download_button"),
        data=build,
        file_name=inventory.download_name(package),
        mime="application/zip",
        key="data.download",
        on_click="ignore",
        icon=":material/download:",
    )
    st.caption(ctx.t("data.download_research" if research else "data.download_public"))

# --- the contract -----------------------------------------------------------------------------
st.subheader(ctx.t("data.contract", version=CONTRACT_VERSION), anchor=False)
st.caption(ctx.t("data.contract_intro"))
for table in TABLES:
    kind = ctx.t("data.table.required" if table.required else "data.table.optional")
    with st.expander(ctx.t("data.contract_table", table=table.name, kind=kind), expanded=table.required):
        st.caption(words.md_escape(inventory.doc(table.doc, f"data.doc.{table.name}", ctx.lang)))
        st.dataframe(
            inventory.contract_frame(table, ctx.lang),
            hide_index=True,
            width="stretch",
            key=f"data.contract.{table.name}",
            column_config={ctx.t("data.ccol.rules"): st.column_config.TextColumn(width=320)},
        )
