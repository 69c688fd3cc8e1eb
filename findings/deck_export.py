"""The deck as one self-contained HTML file: the story's slides, offline, driven by the keyboard.

Built from the same story and the same public context as `/present` (the public consent rule, the
small-cell protection, each slide's own filters and never the sidebar's), with plotly.js inlined
once so the file opens with no network. Arrow keys, PageUp/PageDown, Space, Home and End move
between slides, B or a full stop blanks the screen; the slides scale with the window (16:9). Every
piece of data text is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
import html

import plotly.io as pio
from plotly.offline import get_plotlyjs

from findings import charts, privacy, slides, words
from findings import package as datapackage
from findings.filters import Filters
from findings.story import Slide

_STYLE = """
html, body { margin: 0; height: 100%; background: #1f2933; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; }
/* a 16:9 slide as large as the window allows; 1 "u" is a hundredth of its width */
.slide { display: none; position: absolute; inset: 0; margin: auto; background: #fff; overflow: hidden;
  width: min(100vw, 177.78vh); height: min(56.25vw, 100vh); box-sizing: border-box;
  padding: 3.5% 4.5%; --u: min(1vw, 1.7778vh); font-size: calc(1.46 * var(--u)); }
.slide.on { display: block; }
h1 { font-size: calc(4.2 * var(--u)); margin: 0 0 .4em; line-height: 1.1; }
h2 { font-size: calc(2.4 * var(--u)); margin: 0 0 .5em; font-weight: 600; line-height: 1.2; }
.kicker, .meta, .foot { color: #52606d; font-size: calc(1.1 * var(--u)); }
.foot { position: absolute; left: 4.5%; right: 4.5%; bottom: 2.5%; display: flex;
  justify-content: space-between; gap: 2em; } .foot span:last-child { white-space: nowrap; }
.numbers { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1.2em 2em; margin-top: 1em; }
.numbers b { display: block; font-size: calc(5 * var(--u)); font-weight: 500; line-height: 1.1; }
.evidence { display: grid; grid-template-columns: 1fr 2fr; gap: 2em; align-items: center; margin-top: 1em; }
.evidence b { display: block; font-size: calc(5 * var(--u)); font-weight: 500; }
blockquote { margin: 0; padding: .6em 1em; border-left: .25em solid #0072B2; background: #f4f6f8;
  white-space: pre-wrap; }
.rules { columns: 2; column-gap: 3em; } .rules p { margin: 0 0 .7em; break-inside: avoid; }
.chart { width: 100%; }
#blank { display: none; position: fixed; inset: 0; background: #000; z-index: 10; }
"""

_SCRIPT = """
(function () {
  const slides = Array.from(document.querySelectorAll('.slide'));
  let at = 0;
  const show = (n) => {
    at = Math.max(0, Math.min(n, slides.length - 1));
    slides.forEach((s, i) => s.classList.toggle('on', i === at));
    slides[at].querySelectorAll('.js-plotly-plot').forEach((p) => window.Plotly && Plotly.Plots.resize(p));
    history.replaceState(null, '', '#' + (at + 1));
  };
  const blank = document.getElementById('blank');
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const moves = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ' ': 1, Enter: 1,
                    ArrowLeft: -1, ArrowUp: -1, PageUp: -1, Backspace: -1 };
    if (e.key in moves) { show(at + moves[e.key]); e.preventDefault(); }
    else if (e.key === 'Home') { show(0); e.preventDefault(); }
    else if (e.key === 'End') { show(slides.length - 1); e.preventDefault(); }
    else if (e.key === 'b' || e.key === 'B' || e.key === '.') {
      blank.style.display = blank.style.display === 'block' ? 'none' : 'block';
    } else if (e.key === 'Escape') { blank.style.display = 'none'; }
  });
  window.addEventListener('resize', () => show(at));
  show((parseInt(location.hash.slice(1), 10) || 1) - 1);
})();
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _chart(figure, height: int, name: str) -> str:
    figure = charts.for_projector(figure, height=height)
    figure.update_layout(autosize=True, width=None)
    return (
        "<div class='chart'>"
        + pio.to_html(
            figure,
            include_plotlyjs=False,
            full_html=False,
            config={"displayModeBar": False, "responsive": True, "staticPlot": True},
            default_width="100%",
            div_id=name,  # the same deck gives the same file
        )
        + "</div>"
    )


def build(ctx, story: list[Slide], today: dt.date | None = None) -> str:
    """The deck's HTML for the presenter's (public) context and story."""
    lang, t = ctx.lang, ctx.t
    deck = ctx.narrowed(Filters.of())
    package = ctx.report.package
    rules = deck.run("rule_evidence") if ctx.db.has("rules") else None
    title = datapackage.shown_title(package, lang, ctx.report.data_dir)
    date = (today or dt.date.today()).isoformat()
    illustrative = datapackage.illustrative(package)
    sections = []
    for number, slide in enumerate(story, start=1):
        here = ctx.narrowed(Filters.of(**slide.filters))
        head = here.run("headline").iloc[0]
        body = _slide(here, slide, head, rules, title, number)
        filtered = ""
        if slide.filters:  # said on the slide, as on screen
            said = t("present.filtered_slide", filters=words.filter_pairs(here.filters, here.labels, lang))
            filtered = f"<p class='kicker'>{_e(said)}</p>"
        foot = t("present.counter", n=number, total=len(story))
        if illustrative:
            foot += " · " + t("notice.illustrative")
        sections.append(
            f"<section class='slide' aria-label='{_e(foot)}'>{filtered}{body}"
            f"<div class='foot'><span>{_e(foot)}</span><span>{_e(date)}</span></div></section>"
        )
    return "\n".join(
        [
            f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width, initial-scale=1'>",
            f"<title>{_e(title)}</title><style>{_STYLE}</style>",
            f"<script type='text/javascript'>{get_plotlyjs()}</script></head><body>",
            *sections,
            "<div id='blank' aria-hidden='true'></div>",
            f"<script>{_SCRIPT}</script></body></html>",
        ]
    )


def _slide(ctx, slide: Slide, head, rules, title: str, number: int) -> str:
    t, lang = ctx.t, ctx.lang
    heading = slide.heading(lang)
    if slide.type == "title":
        question = datapackage.question(ctx.report.package, lang)
        line = slides.title_line(ctx, head)
        return (
            f"<h1>{_e(heading or title)}</h1>"
            + (f"<h2>{_e(question)}</h2>" if question else "")
            + f"<p class='meta'>{_e(line)}</p>"
        )
    if slide.type == "numbers":
        cells = slides.number_cells(ctx, head, rules is not None)
        return (
            f"<h1>{_e(heading or t('overview.numbers'))}</h1><div class='numbers'>"
            + "".join(f"<div><b>{_e(value)}</b>{_e(label)}</div>" for label, value in cells)
            + "</div>"
        )
    if slide.type in ("groups", "themes_by_discipline"):
        if slide.type == "groups":
            frame = ctx.run("theme_group_reach")
            name = heading or t("overview.groups" if len(frame) == 3 else "overview.groups_n")
        else:
            frame = ctx.run("theme_discipline_reach")
            name = heading or t("common.themes_by_discipline")
        if slide.type == "themes_by_discipline" and not ctx.people:
            what = t("empty.no_people_what.themes")
            return f"<h1>{_e(name)}</h1><p>{_e(t('empty.no_people', what=what))}</p>"
        if ctx.people and privacy.too_few(head):
            return f"<h1>{_e(name)}</h1><p>{_e(t('cell.too_few', k=ctx.min_cell))}</p>"
        if slides.nothing_to_chart(ctx, frame, head):
            return f"<h1>{_e(name)}</h1><p>{_e(t('empty.filters'))}</p>"
        if slide.type == "groups":
            by_excerpts = None if ctx.people else head.excerpts
            figure = charts.theme_group_reach(frame, lang, min_cell=ctx.min_cell, excerpts_total=by_excerpts)
            caption = slides.groups_caption(ctx, head)
            chart = _chart(figure, 520, f"slide-{number}-chart")
            return f"<h1>{_e(name)}</h1>{chart}<p class='meta'>{_e(caption)}</p>"
        figure = charts.theme_discipline_heatmap(frame, lang, min_cell=ctx.min_cell)
        height = min(640, 200 + 55 * frame.theme_id.nunique())
        return f"<h1>{_e(name)}</h1>{_chart(figure, height, f'slide-{number}-chart')}"
    if slide.type == "rule":
        rule = ctx.run("rule_evidence").set_index("number").loc[slide.rule]
        parts = [
            f"<p class='kicker'>{_e(t('common.rule_number', number=ctx.int(slide.rule)))}</p>",
            f"<h1>{_e(heading or rule.title)}</h1>",
        ]
        if isinstance(rule.summary, str) and rule.summary:
            parts.append(f"<h2>{_e(rule.summary)}</h2>")
        if len(rule.theme_labels):
            parts.append(f"<p>{_e(t('present.rule_themes', themes=', '.join(rule.theme_labels)))}</p>")
            reach = slides.rule_reach(ctx, rule, head)
            if reach is None:
                note = t("themes.rule_evidence_suppressed", k=ctx.min_cell)
                number = f"<b>{_e(t('cell.suppressed'))}</b>{_e(note)}"
            else:
                share, counted, evidence = reach
                number = f"<b>{_e(share)}</b>{_e(counted)}<br>{_e(evidence)}"
            quotes = ctx.run("excerpts", theme=list(rule.theme_ids), q="", limit=40, offset=0)
            said = [x for x in quotes.excerpt if isinstance(x, str) and x.strip()]
            quote = (
                f"<blockquote>“{_e(said[(int(slide.rule) - 1) % len(said)])}”</blockquote>" if said else ""
            )
            parts.append(f"<div class='evidence'><div>{number}</div><div>{quote}</div></div>")
        return "".join(parts)
    # closing
    items = ""
    if rules is not None and not rules.empty:
        items = (
            "<div class='rules'>"
            + "".join(f"<p>{_e(rule.number)}. {_e(rule.title)}</p>" for rule in rules.itertuples(index=False))
            + "</div>"
        )
    sources = datapackage.sources(ctx.report.package)
    source = f"<p class='meta'>{_e(t('present.source', sources=sources))}</p>" if sources else ""
    return f"<h1>{_e(heading or t('present.closing'))}</h1>{items}{source}"


def filename(lang: str, today: dt.date | None = None) -> str:
    return f"assembly-findings-slides-{(today or dt.date.today()).isoformat()}-{lang}.html"
