"""Sentence helpers shared by the pages, the report and the slides: Streamlit-free.

Lists ("A, B and C"), the active filters in words, the scope line, and Markdown made inert for
data text that appears inside a sentence.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence

import pandas as pd

from findings import i18n
from findings.filters import Filters

_MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|~$:&")


#: Streamlit's Markdown turns bare web addresses and e-mail addresses into live links (GitHub's
#: autolinks), escaped or not; an invisible word joiner inside each marker keeps them plain text.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=\\?:\\?/\\?/)|(?<=\bwww)(?=\\?\.)|(?=@)")
WORD_JOINER = "\u2060"


def md_escape(text: object) -> str:
    """Data text made inert inside a Markdown string: every Markdown character escaped, and
    addresses that Markdown would turn into links (http://, www., name@host) kept as text."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))
    return _AUTOLINK.sub(WORD_JOINER, escaped)


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` lower-cased with its accents stripped, as the search compares it (queries/_macros.sql:
    strip_accents, lower), and for each of its characters the position in `text` it came from."""
    folded, origin = [], []
    for i, ch in enumerate(text):
        bare = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
        folded.append(bare)
        origin += [i] * len(bare)
    return "".join(folded), origin


def found_spans(text: str, search: str) -> list[tuple[int, int]]:
    """Where `search` occurs in `text`, accents and case aside (as the search matches passages):
    non-overlapping (start, end) positions in `text`, left to right."""
    needle, _ = _folded(search.strip())
    if not needle:
        return []
    haystack, origin = _folded(text)
    spans, start = [], haystack.find(needle)
    while start >= 0:
        end = start + len(needle) - 1
        spans.append((origin[start], origin[end] + 1))
        start = haystack.find(needle, start + len(needle))
    return spans


#: how a search's match is marked in an excerpt's Markdown: highlighted, and bold for those who
#: cannot tell the colour
HIGHLIGHT = (":orange-background[**", "**]")


def quote_markdown(text: str, search: str = "") -> str:
    """An excerpt's words as inert Markdown: every character shown as written, its line breaks
    kept, and each occurrence of `search` highlighted (the only Markdown in it is ours)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = []
        for line in block.split("\n"):
            line = line.strip()
            pieces, last = [], 0
            for start, end in found_spans(line, search):
                pieces.append(md_escape(line[last:start]))
                pieces.append(f"{HIGHLIGHT[0]}{md_escape(line[start:end])}{HIGHLIGHT[1]}")
                last = end
            pieces.append(md_escape(line[last:]))
            lines.append("".join(pieces))
        paragraphs.append("  \n".join(lines))
    return "\n\n".join(paragraphs)


def blank(value) -> bool:
    """No number to show: suppressed for the audience (pandas' NA), or undefined (None, NaN)."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def listed(names: Sequence[str], lang: str) -> str:
    """'A', 'A and B', 'A, B and C' in the UI language."""
    if len(names) < 2:
        return "".join(names)
    return i18n.t(LIST_SEPARATOR, lang).join(names[:-1]) + i18n.t(LIST_AND, lang) + names[-1]


LIST_SEPARATOR = "common.list_separator"
LIST_AND = "common.and"


def values_said(labels: Mapping[str, str], values) -> str:
    """One filter's chosen values in the data's labels: 'Music, Film & TV' (not escaped)."""
    return ", ".join(labels.get(v, v) for v in values)


def filter_pairs(filters: Filters, labels: Mapping[str, Mapping[str, str]], lang: str) -> str:
    """The active filters in words: 'Discipline: Music · Session: S1'."""
    return i18n.t("scope.separator", lang).join(
        i18n.t(
            "scope.pair",
            lang,
            name=i18n.t(f"filter.{dim}", lang),
            values=values_said(labels[dim], vals),
        )
        for dim, vals in filters.active.items()
    )


def filters_said(filters: Filters, labels: Mapping[str, Mapping[str, str]], lang: str) -> str:
    """The active filters as a sentence, for captions ('Filters: Discipline: Music.')."""
    if not filters.active:
        return i18n.t("scope.unfiltered", lang) + "."
    return i18n.t("scope.filters", lang, filters=filter_pairs(filters, labels, lang)) + "."


def scope_line(
    head, filters: Filters, labels: Mapping[str, Mapping[str, str]], lang: str, people: str | None
) -> str:
    """What the filters leave, e.g. '14 of 91 participants · 212 of 1,486 excerpts · Filters: ...'.

    `head` is the protected `headline` row; `people` its participant count as it may be said, or
    None for a set that records no participants (its sessions are said instead).
    """
    excerpts = {
        "excerpts": i18n.fmt_int(head.excerpts, lang),
        "excerpts_total": i18n.fmt_int(head.excerpts_total, lang),
    }
    if people is None:
        line = i18n.tn(
            "scope.summary_places",
            head.sessions_total,
            lang,
            sessions=i18n.fmt_int(head.sessions, lang),
            sessions_total=i18n.fmt_int(head.sessions_total, lang),
            **excerpts,
        )
    else:
        line = i18n.t(
            "scope.summary",
            lang,
            participants=people,
            participants_total=i18n.fmt_int(head.participants_total, lang),
            **excerpts,
        )
    if filters.active:
        return line + " · " + i18n.t("scope.filters", lang, filters=filter_pairs(filters, labels, lang))
    return line + " · " + i18n.t("scope.unfiltered", lang)


def varied_quotes(frame: pd.DataFrame, n: int, salt: str) -> pd.DataFrame:
    """A few readable quotes from a list of excerpts (queries/excerpts.sql rows): never a withheld
    or textless one, from as many sessions as there are, in an order that depends on `salt` (a
    rule's id), so two rules sharing themes do not show the same three, and the same view always
    shows the same ones."""
    frame = frame.reset_index(drop=True)  # one label a row, whatever frames it was put together from
    readable = frame[
        ~frame["withheld"].astype(bool)
        & frame["excerpt"].map(lambda t: isinstance(t, str) and bool(t.strip()))
    ]
    order = readable["excerpt_id"].map(lambda e: hashlib.sha256(f"{salt}\x1f{e}".encode()).hexdigest())
    shuffled = readable.assign(_order=order).sort_values("_order", kind="stable").drop(columns="_order")
    chosen, sessions = [], set()
    for index, session in zip(shuffled.index, shuffled["session"], strict=True):  # one per session first
        if len(chosen) < n and session not in sessions:
            chosen.append(index)
            sessions.add(session)
    chosen += [index for index in shuffled.index if index not in chosen][: n - len(chosen)]
    return frame.loc[chosen]
