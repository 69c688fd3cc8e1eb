"""Agreement: how far the coders agree, theme by theme, when passages carry codings by two coders
or more (theme_codes.coder). The unit of analysis is a passage read by a coder: each theme present
or absent on it. Per theme, percent agreement, Cohen's kappa (two coders) and Krippendorff's alpha
(nominal, any number of coders); pooled, alpha with a bootstrap 95% interval; for the research
team, the passages they disagree on."""

import pandas as pd
import streamlit as st

from findings import agreement, charts, i18n, words
from findings.app import frame, widgets

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("agreement.title"), anchor=False)
widgets.scope_caption(ctx)
st.caption(ctx.t("agreement.intro"))
head = ctx.run("headline").iloc[0]
if ctx.people and widgets.too_few(ctx, head):  # fewer than k people under the filters: nothing shown
    frame.page_done()
rows = ctx.run("theme_agreement")
pooled = rows[rows.theme_id.isna()].iloc[0]
themes = rows[rows.theme_id.notna()].reset_index(drop=True)

if int(pooled.coders) < 2:  # one coder (or none named): nothing to agree about, and what it needs
    st.info(ctx.t("agreement.needs"), icon=":material/group_add:")
    frame.page_done()
if words.blank(pooled.passages):  # the passages two coders read come from fewer than k people
    st.info(ctx.t("agreement.suppressed", k=ctx.min_cell), icon=":material/shield:")
    frame.page_done()
if int(pooled.passages) == 0:
    st.info(ctx.t("agreement.none_twice"), icon=":material/filter_alt:")
    frame.page_done()


# --- how far they agree, overall --------------------------------------------------------------
def verdict(alpha: float) -> str:
    if alpha >= agreement.RELIABLE:
        return ctx.t("agreement.verdict.reliable")
    if alpha >= agreement.TENTATIVE:
        return ctx.t("agreement.verdict.tentative")
    return ctx.t("agreement.verdict.unreliable")


def overall() -> None:
    said = ctx.tn(
        "agreement.sentence.passages",
        int(pooled.passages),
        count=ctx.int(pooled.passages),
        coders=ctx.int(pooled.coders),
    )
    if words.blank(pooled.alpha):
        said += " " + ctx.t("agreement.sentence.no_alpha")
    else:
        said += " " + ctx.t(
            "agreement.sentence.alpha",
            alpha=i18n.fmt_decimal(pooled.alpha, ctx.lang, 2),
            low=i18n.fmt_decimal(pooled.alpha_low, ctx.lang, 2) if not words.blank(pooled.alpha_low) else "–",
            high=i18n.fmt_decimal(pooled.alpha_high, ctx.lang, 2)
            if not words.blank(pooled.alpha_high)
            else "–",
            verdict=verdict(float(pooled.alpha)),
        )
    st.markdown(said)


# --- theme by theme ---------------------------------------------------------------------------
def by_theme() -> None:
    st.subheader(ctx.t("agreement.by_theme"), anchor=False)
    if widgets.mostly_hidden(themes, "alpha") and themes["suppressed"].fillna(False).astype(bool).all():
        widgets.too_little(ctx, ctx.t("agreement.what"))
        return
    figure = charts.agreement_bars(
        themes, ctx.lang, reliable=agreement.RELIABLE, tentative=agreement.TENTATIVE, min_cell=ctx.min_cell
    )
    columns = ["theme_label", "passages", "applied", "percent_agreement", "kappa", "alpha", "disagreements"]
    shown = [c for c in (*columns, "suppressed") if c in themes.columns]
    widgets.chart(figure, themes[shown], "agreement-themes", ctx.lang)
    st.caption(
        ctx.t(
            "agreement.caption",
            reliable=i18n.fmt_decimal(agreement.RELIABLE, ctx.lang, 1),
            tentative=i18n.fmt_decimal(agreement.TENTATIVE, ctx.lang, 3),
            draws=ctx.int(agreement.BOOTSTRAP_DRAWS),
        )
    )
    if int(pooled.coders) != 2:
        st.caption(ctx.t("agreement.no_kappa", coders=ctx.int(pooled.coders)))


# --- where they disagree ----------------------------------------------------------------------
def disagreements() -> None:
    st.subheader(ctx.t("agreement.disagreements"), anchor=False)
    if ctx.protected:  # a list of passages and who coded what: for the research team only
        st.caption(ctx.t("agreement.disagreements_research"))
        return
    listed = ctx.run("coder_disagreements")
    if listed.empty:
        st.caption(ctx.t("agreement.no_disagreements"))
        return
    st.caption(ctx.tn("agreement.disagreements_count", len(listed), count=ctx.int(len(listed))))
    table = pd.DataFrame(
        {
            ctx.t("agreement.col.passage"): listed["excerpt_id"],
            ctx.t("agreement.col.theme"): listed["theme_label"],
            ctx.t("agreement.col.applied_by"): [", ".join(v) for v in listed["applied_by"]],
            ctx.t("agreement.col.not_applied_by"): [", ".join(v) for v in listed["not_applied_by"]],
            ctx.t("agreement.col.session"): listed["session"],
            ctx.t("agreement.col.excerpt"): [
                widgets.quote_text(ctx, text, False) for text in listed["excerpt"]
            ],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="agreement.disagreements")


overall()
by_theme()
disagreements()
