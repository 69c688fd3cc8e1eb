"""The standalone report: one self-contained HTML file for the current filters and language.

Headline numbers, the key charts (interactive, with plotly.js inlined so the file opens with no
network), the rules with their evidence, and excerpts that respect the audience's consent rule,
with the data's provenance and the date. Every piece of data text is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from findings import charts, privacy, slides, words
from findings import package as datapackage

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; max-width: 980px;
       margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; }
h1 { font-size: 2rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #e4e7eb; }
.notice { background: #fff8e1; padding: .7rem 1rem; border-radius: .4rem; }
.meta { color: #52606d; font-size: .9rem; }
.numbers { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; }
.numbers div { border: 1px solid #e4e7eb; border-radius: .4rem; padding: .6rem 1rem; }
.numbers b { display: block; font-size: 1.8rem; }
.rule { border: 1px solid #e4e7eb; border-radius: .4rem; padding: .6rem 1rem; margin: .8rem 0; }
blockquote { margin: .5rem 0; padding: .3rem 1rem; border-left: 3px solid #0072B2; white-space: pre-wrap; }
.matrix { border-collapse: collapse; font-size: .85rem; } .matrix th, .matrix td { border: 1px solid #e4e7eb;
  padding: .3rem .5rem; vertical-align: top; text-align: left; } .matrix q { display: block; color: #52606d; }
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _figure(figure) -> str:
    # plotly.js is inlined once in <head>; each chart refers to it, never to a CDN
    return pio.to_html(figure, include_plotlyjs=False, full_html=False, config={"displaylogo": False})


def build(ctx, filters_line: str, today: dt.date | None = None) -> str:
    """The report's HTML for a page context (its filters, language and audience)."""
    lang, t = ctx.lang, ctx.t
    package = ctx.report.package
    headline = ctx.run("headline")
    head = headline.iloc[0]
    groups = ctx.run("theme_group_reach")
    prevalence = ctx.run("theme_prevalence")
    rules = ctx.run("rule_evidence") if ctx.db.has("rules") else None
    suppressed = any(privacy.any_suppressed(frame) for frame in (headline, groups, prevalence, rules))
    title = datapackage.shown_title(package, lang, ctx.report.data_dir)
    question = datapackage.question(package, lang)
    sources = datapackage.sources(package)
    date = (today or dt.date.today()).isoformat()

    parts = [
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>",
        f"<title>{_e(title)}</title><style>{_STYLE}</style>",
        f"<script type='text/javascript'>{get_plotlyjs()}</script></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]
    if question:
        parts.append(f"<p><i>{_e(question)}</i></p>")
    parts.append(f"<p class='meta'>{_e(t('report.generated', date=date))} · {_e(filters_line)}</p>")
    if datapackage.illustrative(package):
        parts.append(f"<p class='notice'>{_e(t('notice.illustrative'))}</p>")

    parts.append(f"<h2>{_e(t('overview.numbers'))}</h2><div class='numbers'>")
    first = (
        (t("metric.participants"), ctx.fewer(head.participants), head.participants_total)
        if ctx.people  # a set that records no participants: its code applications instead
        else (t("measure.codes"), ctx.int(head.code_applications), head.code_applications_total)
    )
    for label, value, total in (
        first,
        (t("metric.sessions"), ctx.int(head.sessions), head.sessions_total),
        (t("common.coded_excerpts"), ctx.int(head.excerpts), head.excerpts_total),
    ):
        parts.append(
            f"<div><b>{_e(value)}</b>{_e(label)} ({_e(t('metric.of_total', total=ctx.int(total)))})</div>"
        )
    parts.append("</div>")

    # a view of too few people (or too few who spoke) gets no breakdown, only the reason
    too_few = privacy.too_few(head)
    if too_few:
        parts.append(f"<p class='notice'>{_e(t('cell.too_few', k=ctx.min_cell))}</p>")
    counted = head.participants if ctx.people else head.excerpts  # who the shares are of
    if not too_few and not slides.nothing_to_chart(ctx, groups, head):
        parts.append(f"<h2>{_e(t('overview.groups_n'))}</h2>")
        by_excerpts = None if ctx.people else head.excerpts
        figure = charts.theme_group_reach(groups, lang, min_cell=ctx.min_cell, excerpts_total=by_excerpts)
        parts.append(_figure(figure))
        parts.append(f"<p class='meta'>{_e(slides.groups_caption(ctx, head))}</p>")
    if not too_few and not prevalence.empty and counted:
        parts.append(f"<h2>{_e(t('common.theme_prevalence'))}</h2>")
        colours = charts.colour_map(list(dict.fromkeys(groups["theme_group"])))
        parts.append(
            _figure(
                charts.theme_prevalence(
                    prevalence,
                    "participants" if ctx.people else "excerpts",
                    colours,
                    lang,
                    filtered=bool(ctx.filters.active),
                    min_cell=ctx.min_cell,
                )
            )
        )

    if rules is not None and not rules.empty:
        parts.append(f"<h2>{_e(t('overview.rules'))}</h2>")
        for rule in rules.itertuples(index=False):
            parts.append(f"<div class='rule'><b>{_e(rule.number)}. {_e(rule.title)}</b>")
            if isinstance(rule.summary, str) and rule.summary:
                parts.append(f"<p>{_e(rule.summary)}</p>")
            if len(rule.theme_labels):
                reach = slides.rule_reach(ctx, rule, head)
                evidence = t("themes.rule_evidence_suppressed", k=ctx.min_cell) if reach is None else reach[2]
                parts.append(
                    f"<p class='meta'>{_e(t('present.rule_themes', themes=', '.join(rule.theme_labels)))} · "
                    f"{_e(evidence)}</p>"
                )
                quotes = ctx.run("excerpts", theme=list(rule.theme_ids), q="", limit=40, offset=0)
                for text in [x for x in quotes.excerpt if isinstance(x, str) and x][:2]:
                    parts.append(f"<blockquote>{_e(text)}</blockquote>")
            parts.append("</div>")

    if not too_few:
        parts.extend(_matrix(ctx))

    parts.append(f"<h2>{_e(t('overview.provenance'))}</h2>")
    parts.append(f"<p>{_e(datapackage.description(package, lang) or t('provenance.none'))}</p>")
    if sources:
        parts.append(f"<p class='meta'>{_e(t('present.source', sources=sources))}</p>")
    parts.append(f"<p class='meta'>{_e(t(f'audience.{ctx.audience}'))}</p>")
    if suppressed:
        parts.append(f"<p class='meta'>{_e(t('cell.notice', k=ctx.min_cell))}</p>")
    if ctx.perturbed:
        parts.append(f"<p class='meta'>{_e(t('cell.perturbed'))}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _matrix(ctx) -> list[str]:
    """The quote matrix by discipline (by session in a set without participants): counts and one
    quote per cell, as the Quote matrix page shows them (findings/quote_matrix.py)."""
    from findings import quote_matrix, site

    t = ctx.t
    dim = "discipline" if ctx.people and len(ctx.labels.get("discipline", {})) >= 2 else "session"
    labels = ctx.labels.get(dim, {})
    kept = ctx.filters.active.get(dim, ())
    groups = [value for value in labels if not kept or value in kept]
    themes = ctx.run("theme_options")
    if len(themes) > site.MANY_THEMES:
        counted = pd.to_numeric(themes["excerpts"], errors="coerce").fillna(-1)
        themes = themes.loc[counted.nlargest(site.TOP_THEMES, keep="first").sort_index().index]
    if not groups or themes.empty:
        return []
    cells = quote_matrix.cells(ctx, dim, groups, labels, themes)
    parts = [f"<h2>{_e(t('matrix.title'))}</h2>", f"<p class='meta'>{_e(t('matrix.counts_caption'))}</p>"]
    parts.append("<table class='matrix'><tr><th></th>")
    parts += [f"<th>{_e(label)}</th>" for label in themes["label"]]
    parts.append("</tr>")
    for value in groups:
        parts.append(f"<tr><th>{_e(labels[value])}</th>")
        for cell in cells[cells.group == value].itertuples(index=False):
            count = t("cell.suppressed") if words.blank(cell.excerpts) else ctx.int(cell.excerpts)
            quote = f"<q>{_e(cell.quote)}</q>" if isinstance(cell.quote, str) else ""
            parts.append(f"<td>{_e(count)}{quote}</td>")
        parts.append("</tr>")
    parts.append("</table>")
    return parts


def filename(lang: str, today: dt.date | None = None) -> str:
    return f"assembly-findings-{(today or dt.date.today()).isoformat()}-{lang}.html"
