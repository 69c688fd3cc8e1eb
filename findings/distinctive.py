"""Words that set one group's excerpts apart from another's, and the lines they were said in.

No Streamlit, no queries: text in, words and numbers out, so each step can be checked by hand.

- `tokens` and `terms` turn a passage into the words (and two-word phrases) that are counted: lower
  case, stop words of English or French left out, French elision undone (l'IA -> ia).
- `log_odds` ranks the terms by Monroe, Colaresi and Quinn's weighted log-odds ratio with an
  informative Dirichlet prior ("Fightin' Words", Political Analysis 16(4), 2008, section 3.5).
- `speakers_per_term` and `used_by_at_least`: for the public audience a term is shown only when at
  least k distinct people used it, so a word cannot point at the one person who says it.
- `kwic`: every occurrence of a term with the words around it (keyword in context), found by the
  same reading of the text as the counts, so each counted occurrence has its line.

What a word is: a run of Unicode letters, with an apostrophe or a hyphen inside it kept (l'IA,
peut-être, well-being, don't); digits and every other character separate words. The text is read
in Unicode NFC form, so a letter and its accent typed as two code points count as one letter.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

import numpy as np
import pandas as pd

#: The languages whose words are read here (a stop-word list each).
LANGS = ("en", "fr")

#: a0, the total weight of the informative prior in `log_odds` (see its docstring).
PRIOR_SCALE = 500.0

#: Words each side of a match in `kwic`.
KWIC_WIDTH = 5

# A word: letters, with apostrophes (straight, typographic, modifier letter) and hyphens (ASCII,
# Unicode hyphen, non-breaking hyphen) allowed between letters, never at either end.
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010\u2011'\u2019\u02bc][^\W\d_]+)*")
_SPELLING = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})

# --- stop words -------------------------------------------------------------------------------
# Written for this module, by kind of word. They hold the words of interview speech that carry
# grammar rather than content (fillers included); content words that are also common (people,
# thing, chose, faire) are kept, since a group may well differ in them.

_EN_STOP = frozenset(
    """
    a an the this that these those some any each every either neither no another such
    all both few many much more most less least several other others own same
    i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    one ones oneself someone somebody something anyone anybody anything everyone everybody
    everything nobody nothing none who whom whose which what whatever whoever whichever
    am is are was were be been being have has had having do does did doing done
    will would shall should can could may might must ought get gets got gotten
    go goes going went gonna wanna gotta
    let's can't won't ain't
    about above across after against along among around at before behind below beneath
    beside besides between beyond by down during except for from in inside into near of off
    on onto out outside over per since through throughout till to toward towards under
    until up upon via with within without
    and or but nor so yet if then than because as though although while whereas whether
    unless once when whenever where wherever why how
    not yes very too also just only even still already again ever never always often
    sometimes here there now well really quite rather almost maybe perhaps actually
    basically else instead anyway anyways etc
    um uh er erm hmm mm oh ah yeah yep okay ok
    """.split()
)

_FR_STOP = frozenset(
    """
    le la les l un une des du de d au aux ce cet cette ces c
    mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs
    quel quelle quels quelles chaque quelque quelques plusieurs certains certaines
    aucun aucune tout tous toute toutes autre autres même mêmes
    je j tu il elle on nous vous ils elles me m te t se s moi toi soi lui eux y en
    ça ceci cela celui celle ceux celles qui que qu quoi dont où
    lequel laquelle lesquels lesquelles auquel auxquels auxquelles duquel desquels desquelles
    quelqu'un chacun chacune rien
    être suis es est sommes êtes sont étais était étions étiez étaient été
    serai sera serons serez seront serais serait seraient
    sois soit soient
    avoir ai as a avons avez ont avais avait avions aviez avaient eu
    aurai aura aurons aurez auront aurais aurait auraient
    aie ait aient
    à dans par pour sur sous avec sans chez entre vers contre depuis pendant avant après
    devant derrière jusque jusqu selon parmi malgré envers dès hors outre
    et ou mais donc or ni car si comme quand lorsque lorsqu puisque puisqu quoique quoiqu
    parce afin ainsi alors
    ne n pas plus moins très trop peu beaucoup bien aussi encore déjà toujours jamais
    souvent parfois ici là oui non peut-être aujourd'hui maintenant vraiment assez tant
    tellement surtout plutôt presque enfin ensuite puis voilà voici c'est-à-dire etc
    euh heu ben bah bon hein ouais ah oh hm
    c'est c'était n'est qu'il qu'elle qu'on qu'ils j'ai d'un d'une l'on s'il y'a
    """.split()
)

_STOP = {"en": _EN_STOP, "fr": _FR_STOP}
#: the words left out of every word count, English and French alike (passages are in the data's
#: language, which need not be the interface's)
STOP_WORDS = frozenset(_EN_STOP | _FR_STOP)

# English contractions of a stop word are stop words too (it's, don't, they've, should've); the
# few whose first part is no word (can't, won't, ain't) are listed above.
_EN_CONTRACTIONS = ("n't", "'m", "'re", "'ve", "'ll", "'d", "'s")

# French elision: the clipped word before the apostrophe (l'IA, qu'on, jusqu'ici). A word whose
# apostrophe is part of it (aujourd'hui, presqu'île, quelqu'un) is left whole.
_FR_ELIDED = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})
# French pronouns joined to a verb by a hyphen (pensez-vous, a-t-il, est-ce) or to a demonstrative
# (celle-ci, ce jour-là, vous-même): dropped from the end of the word.
_FR_ENCLITIC = frozenset(
    {"je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "t", "ce", "ci", "là"}
    | {"moi", "toi", "lui", "leur", "le", "la", "les", "en", "y", "même", "mêmes"}
)
# Hyphenated French nouns whose last part only looks like a pronoun.
_FR_WHOLE = frozenset({"rendez-vous"})


def _check_lang(lang: str) -> str:
    if lang not in _STOP:
        raise ValueError(f"no stop words for language {lang!r}; known: {', '.join(LANGS)}")
    return lang


def _split(word: str, lang: str) -> tuple[bool, str, bool]:
    """A word as written -> (whether a French elided word came off its front, its counted form,
    whether a French pronoun came off its end). The counted form is in lower case with one kind
    of apostrophe and of hyphen; in French without its elided article or pronoun (l'intelligence
    -> intelligence, qu'on -> on) and without a pronoun hyphenated after it (pensez-vous ->
    pensez, a-t-il -> a), in English without a possessive 's (people's -> people)."""
    form = word.lower().translate(_SPELLING)
    front = back = False
    if lang == "fr":
        head, apostrophe, tail = form.partition("'")
        while apostrophe and head in _FR_ELIDED:
            form, front = tail, True
            head, apostrophe, tail = form.partition("'")
        if form not in _FR_WHOLE:
            parts = form.split("-")
            while len(parts) > 1 and parts[-1] in _FR_ENCLITIC:
                parts.pop()
                back = True
            form = "-".join(parts)
    elif form.endswith("'s") and form not in _EN_STOP:
        form = form[:-2]
    return front, form, back


def _form(word: str, lang: str) -> str:
    return _split(word, lang)[1]


def _counted(word: str, form: str, lang: str) -> bool:
    """Whether a word counts: longer than one letter (not a stray letter of A.I. or "l' IA"), and
    not a stop word as written (c'est-à-dire, let's), in its counted form (l'on -> on), or in
    English as a contraction of one (don't, we're)."""
    stop = _STOP[lang]
    if len(form) < 2 or form in stop or word.lower().translate(_SPELLING) in stop:
        return False
    return not (
        lang == "en" and any(form.endswith(end) and form[: -len(end)] in stop for end in _EN_CONTRACTIONS)
    )


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    form: str  # the counted form (see _split)
    counted: bool  # not a stop word
    joined: bool  # follows the word before with nothing between them: no punctuation, no stop word


def _read(text: str, lang: str) -> list[_Word]:
    """Every word of an NFC text, in order, with where it sits. An elided article or a trailing
    pronoun is a stop word between two words, so the words on either side of it are not joined."""
    words, previous_end, cut_after = [], None, False
    for match in _WORD.finditer(text):
        front, form, back = _split(match.group(), lang)
        joined = (
            previous_end is not None
            and not text[previous_end : match.start()].strip()
            and not (front or cut_after)
        )
        words.append(_Word(match.start(), match.end(), form, _counted(match.group(), form, lang), joined))
        previous_end, cut_after = match.end(), back
    return words


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def tokens(text: str, lang: str) -> list[str]:
    """The counted words of a text in order: lower case, stop words of `lang` ("en" or "fr") left
    out, French elision undone ("L'IA" -> "ia", "qu'on" -> nothing, as "on" is a stop word)."""
    return [word.form for word in _read(_nfc(text), _check_lang(lang)) if word.counted]


def terms(text: str, lang: str) -> list[str]:
    """The terms of a text: its `tokens`, then its two-word phrases ("word word"), each list in
    the order of the text. A phrase is two counted words with only white space between them: it
    never spans a stop word (an elided one included: "musée d'art" gives no "musée art"), a
    dropped letter, a digit or any punctuation. A line break is white space."""
    words = _read(_nfc(text), _check_lang(lang))
    unigrams = [word.form for word in words if word.counted]
    bigrams = [
        f"{first.form} {second.form}"
        for first, second in pairwise(words)
        if first.counted and second.counted and second.joined
    ]
    return unigrams + bigrams


def count_terms(texts: Iterable[str], lang: str) -> Counter:
    """How often each term (see `terms`) occurs over some texts; missing texts (None, NaN) hold none."""
    counts: Counter = Counter()
    for text in texts:
        if isinstance(text, str):
            counts.update(terms(text, lang))
    return counts


# --- the weighted log-odds ratio ----------------------------------------------------------------

_COLUMNS = {"term": object, "count_a": int, "count_b": int, "delta": float, "z": float}


def _counts(counts: Mapping[str, int] | pd.Series, name: str) -> dict[str, int]:
    out = {}
    for term, count in dict(counts).items():
        if count < 0 or count != int(count):
            raise ValueError(f"{name}: a count must be a whole number of at least 0, got {term!r}: {count}")
        if count:
            out[term] = int(count)
    return out


def log_odds(
    counts_a: Mapping[str, int] | pd.Series,
    counts_b: Mapping[str, int] | pd.Series,
    prior: Mapping[str, int] | pd.Series | None = None,
    prior_scale: float = PRIOR_SCALE,
) -> pd.DataFrame:
    """Which terms group A uses more than group B, by the weighted log-odds ratio with an
    informative Dirichlet prior of Monroe, Colaresi and Quinn (2008), section 3.5.

    With y_a, y_b a term's counts, n_a, n_b each group's total count of terms, a_w the term's
    prior weight and a0 the prior's total weight:

        delta = log((y_a + a_w) / (n_a + a0 - y_a - a_w)) - log((y_b + a_w) / (n_b + a0 - y_b - a_w))
        variance ~ 1 / (y_a + a_w) + 1 / (y_b + a_w)
        z = delta / sqrt(variance)

    Positive: more typical of A; negative: of B. Rows are ranked by z, as in the paper, not by
    delta: z weighs a difference by how much evidence stands behind it.

    The prior. a_w = a0 * (the term's share of a background corpus). The background is `prior`
    (term -> count, e.g. the whole project's passages), by default the two groups pooled (y_a +
    y_b), in which case a term's prior share is its share of everything compared. A term of
    either group missing from a given background raises ValueError (its prior would be zero, and
    its log-odds infinite in a group that never uses it).

    The prior scale a0 (`prior_scale`, default PRIOR_SCALE = 500) is fixed, not the background's
    size: the prior weighs as much as 500 words of text in each group, whatever the size of the
    background. That keeps the odds of a term one group never uses finite and its variance
    bounded (a term with a 1% share gets a_w = 5), while in groups of a few thousand words the
    counts, not the prior, decide. 500 is this module's choice, not a value taken from the
    paper. A larger a0 pulls every delta towards 0 and lets terms used by one group alone rank
    higher (their variance, about 1 / a_w on the silent side, shrinks); a smaller one does the
    opposite.

    Returns one row per term used by either group: term, count_a, count_b, delta, z; sorted by z
    from high (typical of A) to low (typical of B), ties by term. Swapping the groups negates
    delta and z. Nothing is left out here: filter the rows for the audience with
    `used_by_at_least`.
    """
    if not prior_scale > 0:
        raise ValueError(f"prior_scale must be above 0, got {prior_scale}")
    a, b = _counts(counts_a, "counts_a"), _counts(counts_b, "counts_b")
    vocabulary = sorted(set(a) | set(b))
    if not vocabulary:
        return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in _COLUMNS.items()})
    background = Counter(a) + Counter(b) if prior is None else _counts(prior, "prior")
    missing = [term for term in vocabulary if not background.get(term)]
    if missing:
        raise ValueError(f"the prior holds no count for {len(missing)} of the terms, e.g. {missing[:3]}")
    y_a = np.array([a.get(term, 0) for term in vocabulary], dtype=float)
    y_b = np.array([b.get(term, 0) for term in vocabulary], dtype=float)
    share = np.array([background[term] for term in vocabulary], dtype=float) / sum(background.values())
    alpha = prior_scale * share
    n_a, n_b = y_a.sum(), y_b.sum()
    with np.errstate(divide="ignore", invalid="ignore"):  # a one-term background leaves no odds: NaN
        delta = np.log((y_a + alpha) / (n_a + prior_scale - y_a - alpha)) - np.log(
            (y_b + alpha) / (n_b + prior_scale - y_b - alpha)
        )
        z = delta / np.sqrt(1 / (y_a + alpha) + 1 / (y_b + alpha))
    table = pd.DataFrame(
        {"term": vocabulary, "count_a": y_a.astype(int), "count_b": y_b.astype(int), "delta": delta, "z": z}
    )
    return table.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --- who used a term ------------------------------------------------------------------------------


def _blank(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def speakers_per_term(
    excerpts: pd.DataFrame, lang: str, *, text: str = "excerpt", speaker: str = "speaker"
) -> dict[str, set[Hashable]]:
    """For each term (see `terms`) of some excerpts, the distinct people who used it.

    `excerpts` has one row per passage, its words in `text` and who said them in `speaker`. A
    passage with no speaker (a group-level passage) or no text adds nobody: it rests on no one
    person. Terms appear in the order they are first met.
    """
    _check_lang(lang)
    people: dict[str, set[Hashable]] = {}
    for words, who in zip(excerpts[text], excerpts[speaker], strict=True):
        if _blank(who) or not isinstance(words, str):
            continue
        for term in dict.fromkeys(terms(words, lang)):
            people.setdefault(term, set()).add(who)
    return people


def used_by_at_least(
    table: pd.DataFrame, speakers: Mapping[str, Collection[Hashable]], k: int
) -> pd.DataFrame:
    """The rows of a `log_odds` table (any frame with a `term` column) whose term at least `k`
    distinct people used, by `speakers` (term -> speaker ids, e.g. from `speakers_per_term`);
    a term it does not know was used by nobody. Row order is kept; k = 0 keeps every row (as a
    deployment's minimum cell of 0 turns suppression off)."""
    if k < 0:
        raise ValueError(f"k must be at least 0, got {k}")
    enough = [len(speakers.get(term, ())) >= k for term in table["term"]]
    return table[enough].reset_index(drop=True)


# --- keyword in context ---------------------------------------------------------------------------


class Context(NamedTuple):
    """One occurrence of a term: up to n words before it, the words as written, n words after."""

    left: str
    match: str
    right: str


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def kwic(text: str, term: str, width: int = KWIC_WIDTH, *, lang: str) -> list[Context]:
    """Every occurrence of `term` (a word or a phrase of words) in `text`, with its context.

    A word matches when its counted form (see `tokens`) is the term's word: case does not
    matter, a match is always a whole word (art never matches artist), and in French an elided
    article or pronoun is read through (the term "ia" matches "l'IA"). The words of a phrase
    must follow each other as `terms` joins them (only white space between, no elided word);
    stop words are matched too (they are only left out of the counts). So a counted term has
    exactly as many lines as its count in `terms`.

    Each line is (left, match, right): `match` is the matched text as written, whole words
    included (the elided "l'" of "l'IA" belongs to the word); `left` runs from the start of the
    `width`-th word before the match up to it, `right` from the match to the end of the
    `width`-th word after it, both with their punctuation and with white space (line breaks too)
    made single spaces. Near the start or the end of the text a side holds the words there are,
    and none leaves it "". Lines come in the order of the text.
    """
    _check_lang(lang)
    if width < 0:
        raise ValueError(f"width must be at least 0, got {width}")
    text = _nfc(text)
    wanted = [_form(match.group(), lang) for match in _WORD.finditer(_nfc(term))]
    if not wanted:
        raise ValueError(f"the term {term!r} holds no word")
    words = _read(text, lang)
    size = len(wanted)
    lines = []
    for i in range(len(words) - size + 1):
        span = words[i : i + size]
        if [word.form for word in span] != wanted or not all(word.joined for word in span[1:]):
            continue
        first, last = span[0], span[-1]
        before = words[max(0, i - width) : i]
        after = words[i + size : i + size + width]
        left = text[before[0].start : first.start] if before else ""
        right = text[last.end : after[-1].end] if after else ""
        lines.append(Context(_squeeze(left), _squeeze(text[first.start : last.end]), _squeeze(right)))
    return lines


def most_typical(texts: Sequence[str], lang: str) -> int | None:
    """The position in `texts` of the most typical one: the text whose own words (tokens, stop words
    left out) are, on average, used by the most of the texts (each word counted once per text).
    Ties go to the earliest, so the same texts always give the same choice; None when no text has a
    counted word. A deterministic, explainable stand-in for "representative" in a quote matrix."""
    words = [set(tokens(text, lang)) if isinstance(text, str) else set() for text in texts]
    spread = Counter(word for own in words for word in own)
    best, chosen = 0.0, None
    for i, own in enumerate(words):
        if not own:
            continue
        score = sum(spread[word] for word in own) / len(own)
        if score > best:
            best, chosen = score, i
    return chosen
