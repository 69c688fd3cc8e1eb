"""Small-cell suppression: what the public audience may not see even as a number.

A breakdown cell (a bar, a heatmap cell, a table or download row) that rests on fewer than
`FINDINGS_MIN_CELL` distinct participants (3 unless the deployment says otherwise) could point
at one person, so for the public audience its numbers are blanked before they leave the server
and the row says `suppressed`. Each named query declares here which of its columns are such
counts and which column holds the distinct participants each rests on; a query with no entry
never reaches the public audience unprotected (tests/test_privacy.py checks every query is
declared).

Subtraction. When cells add up to a total the same view may show (disciplines to the filtered
participants, a session's themes to its code applications), hiding one small cell is not
enough: total minus the others gives it back. So for each column a query declares additive
(`Adds`), a lone small cell gets a partner: the next smallest cell loses that column too, which
leaves only the sum of the two, at least one of which rests on `min_cell` people or more, and
more partners join until the hidden cells hold at least twice `min_cell` together (3 + 1 = 4
would still give the 1 away). The partner search repeats until every group is safe (heatmaps
add up both ways). A partner keeps the columns that add up to nothing (a theme's reach, since
one person voices several themes), so it stays on screen with only the summed numbers blanked.

Against differencing across views, every public count is also perturbed by the cell key method
(the section below), and in public_view whether a cell is small is judged on its perturbed count
of people, except a whole view's size and the lists (EXACT_DECISIONS), judged on the exact count.
A count of places (sessions, venues, disciplines, themes voiced) takes in a place when its people
reach k both exactly and perturbed (Places).

Known limit: when every cell of a group is hidden and its total is still shown, bounds alone
(each hidden cell is at least 1, each small one at most min_cell - 1) can pin the cells in very
small groups; totals are not suppressed in turn.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import numbers
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

MIN_CELL_ENV = "FINDINGS_MIN_CELL"
SECRET_ENV = "FINDINGS_CELL_KEY_SECRET"
DEFAULT_MIN_CELL = 3
SUPPRESSED = "suppressed"  # the bool column added to every protected frame


def min_cell() -> tuple[int, str | None]:
    """The deployment's smallest number of people a shown count may rest on (0 turns
    suppression off; 1 hides only counts that rest on nobody).

    Returns the value and, when the variable holds something that is not a whole number of at
    least 0, that text (the server then keeps the default and says so in the sidebar).
    """
    raw = os.environ.get(MIN_CELL_ENV, "").strip()
    if not raw:
        return DEFAULT_MIN_CELL, None
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_MIN_CELL, raw
    if value < 0:
        return DEFAULT_MIN_CELL, raw
    return value, None


@dataclass(frozen=True)
class Cells:
    """One kind of cell in a query's result.

    hides: the columns blanked when the cell is too small.
    support: the columns holding the distinct participants the cell rests on; any below
        `min_cell` makes it too small.
    per: when the cell's values repeat over several rows (a discipline's size on each of its
        role rows), the columns that name one cell; None means each row is a cell.
    among: the ways these cells add up to a total the view may show (see Adds), so a lone
        small cell gets a partner (see the module notes).
    only: (column, value) when this kind of cell is only the rows holding that value.
    """

    hides: tuple[str, ...]
    support: tuple[str, ...]
    per: tuple[str, ...] | None = None
    among: tuple[Adds, ...] = ()
    only: tuple[str, object] | None = None


@dataclass(frozen=True)
class Adds:
    """Within each group of rows sharing `within` (() is the whole result), the `columns` of
    the cells add up to a total (people in one session each, code applications of one theme
    each), so a partner hidden for this sum loses those columns, and only those: a theme's reach
    stays shown when only its code applications had to go with a small theme's."""

    within: tuple[str, ...]
    columns: tuple[str, ...]


@dataclass(frozen=True)
class ListCells:
    """Counts held in a list column (one list per row), each element a cell of its own; the
    elements of one list add up to a total the row may show."""

    column: str


@dataclass(frozen=True)
class Parts:
    """Counts of one row that add up to a count the views show (the matching excerpts: quotable
    plus withheld), each resting on its own people: `parts` pairs each count column with the column
    of the distinct participants it rests on. A part resting on fewer than `min_cell` people is too
    small (a zero part is not: "none of them" is said of the row's people, counted on their own),
    and then every part is blanked, since the total minus the others would give it back; so are the
    `hides` columns that would tell a part (how many rows a list holds is a count too)."""

    parts: tuple[tuple[str, str], ...]
    hides: tuple[str, ...] = ()


# What each named query's cells are. WITHHELD queries return no rows to the public at all;
# NOT_CELLS queries hold no counts of people (the reason is given).
WITHHELD = {
    "participant_list": "one row per participant: the participant table is research only",
    "coder_disagreements": "one row per passage two coders disagree on, with who coded what: research only",
}

NOT_CELLS = {
    "archive_by_session": "recordings per session: files, hours and bytes, no person counted",
    "archive_totals": "recordings by kind: files, hours and bytes, no person counted",
    "excerpts": "one row per passage, shown by its speaker's consent (readable_by)",
    "cell_quotes": "one row per quotable passage (readable_by), withheld ones never rows",
    "excerpts_export": "one row per passage, shown by its speaker's consent (readable_by)",
    "export_theme_codes": "one row per code, the text by its speaker's consent (readable_by)",
    "filter_options": "the values each filter offers, nothing counted",
    "rules_list": "the published rules and how many themes support each, nobody counted",
}

_REACH = ("participants_reached", "share_reached", "excerpts", "code_applications")
# what a theme's spread says of its top discipline (blank with the theme, or with that discipline)
_TOP = (
    "top_discipline",
    "top_discipline_label",
    "top_reached",
    "top_tied",
    "top_share",
    "top_baseline",
    "spread",
)

CELLS: dict[str, tuple[Cells | ListCells | Parts, ...]] = {
    "headline": (
        Cells(("participants", "sessions", "venues"), ("participants",)),
        Cells(
            ("participants_reached", "excerpts", "code_applications", "themes_voiced"),
            ("participants_reached",),
        ),
    ),
    "theme_prevalence": (
        # code applications add up over themes to the headline's (reach and excerpts do not:
        # one person, one excerpt, can count for several themes)
        Cells(_REACH, ("participants_reached",), among=(Adds((), ("code_applications",)),)),
        Cells(("participants", "share_reached"), ("participants",), per=()),
    ),
    "theme_group_reach": (
        Cells(_REACH, ("participants_reached",), among=(Adds((), ("code_applications",)),)),
        Cells(("participants", "share_reached"), ("participants",), per=()),
    ),
    "theme_discipline_reach": (
        Cells(
            ("participants_reached", "share_reached", "top_discipline"),
            ("participants_reached",),
            among=(Adds(("theme_id",), ("participants_reached", "share_reached", "top_discipline")),),
        ),
        Cells(
            ("participants", "participants_reached", "share_reached", "top_discipline"),
            ("participants",),
            per=("discipline",),
            among=(Adds((), ("participants", "share_reached")),),
        ),
    ),
    "theme_discipline_spread": (
        Cells(("participants_reached", "disciplines_voiced", *_TOP), ("participants_reached",)),
        Cells(_TOP, ("top_reached",)),
    ),
    "theme_stance_split": (
        Cells(
            ("code_applications", "share"),
            ("participants",),
            among=(Adds(("theme_id",), ("code_applications", "share")),),
        ),
        Cells(
            ("with_stance", "without_stance", "code_applications", "share"),
            ("theme_participants",),
            per=("theme_id",),
            among=(Adds((), ("with_stance", "without_stance", "code_applications", "share")),),
        ),
    ),
    "theme_cooccurrence": (
        Cells(("shared_excerpts", "either_excerpts", "jaccard"), ("shared_participants",)),
        Cells(("excerpts_a", "shared_excerpts", "either_excerpts", "jaccard"), ("participants_a",)),
        Cells(("excerpts_b", "shared_excerpts", "either_excerpts", "jaccard"), ("participants_b",)),
    ),
    "theme_options": (Cells(("excerpts",), ("participants",)),),
    # a word or phrase is shown only where k people used it: a list of words cannot quote anyone
    "group_terms": (Cells(("count_a", "count_b", "speakers"), ("speakers",)),),
    # a theme's agreement rests on the speakers of the passages it was applied on; how many passages
    # two coders read, on the speakers of them all
    "theme_agreement": (
        Cells(
            ("applied", "disagreements", "percent_agreement", "kappa", "alpha", "alpha_low", "alpha_high"),
            ("participants",),
        ),
        Cells(("passages",), ("passage_participants",)),
    ),
    "session_theme_matrix": (
        # within a session only code applications add up over themes; over sessions, everything
        Cells(
            _REACH,
            ("participants_reached",),
            among=(Adds(("session_id",), ("code_applications",)), Adds(("theme_id",), _REACH)),
        ),
        Cells(
            ("participants", "share_reached"),
            ("participants",),
            per=("session_id",),
            among=(Adds((), ("participants", "share_reached")),),
        ),
    ),
    "activity_theme_matrix": (
        # one person speaks in several activities; one excerpt has one activity
        Cells(
            _REACH,
            ("participants_reached",),
            among=(
                Adds(("activity",), ("code_applications",)),
                Adds(("theme_id",), ("excerpts", "code_applications")),
            ),
        ),
        Cells(("participants", "share_reached"), ("participants",), per=("activity",)),
    ),
    "session_roster": (
        Cells(
            (
                "participants",
                "participants_reached",
                "excerpts",
                "code_applications",
                "discipline_participants",
            ),
            ("participants",),
            among=(Adds((), ("participants", "discipline_participants")),),
        ),
        Cells(
            ("participants_reached", "excerpts", "code_applications"),
            ("participants_reached",),
            among=(Adds((), ("participants_reached", "excerpts", "code_applications")),),
        ),
        ListCells("discipline_participants"),
    ),
    "session_composition": (
        Cells(("participants",), ("participants",), among=(Adds(("session_id",), ("participants",)),)),
        Cells(
            ("session_participants", "participants"),
            ("session_participants",),
            per=("session_id",),
            among=(Adds((), ("session_participants", "participants")),),
        ),
    ),
    "discipline_roles": (
        Cells(("participants",), ("participants",), among=(Adds(("discipline",), ("participants",)),)),
        Cells(
            ("discipline_participants", "participants"),
            ("discipline_participants",),
            per=("discipline",),
            among=(Adds((), ("discipline_participants", "participants")),),
        ),
        Cells(
            ("total_participants", "discipline_participants", "participants"), ("total_participants",), per=()
        ),
    ),
    "compare_theme_reach": (
        Cells(
            (
                "a_reached",
                "a_participants",
                "a_share",
                "b_reached",
                "b_participants",
                "b_share",
                "difference",
            ),
            ("a_participants", "b_participants"),
            per=(),
        ),
        Cells(("a_reached", "a_share", "b_reached", "b_share", "difference"), ("a_reached", "b_reached")),
    ),
    "compare_theme_excerpts": (
        # groups of passages (for sets without participants, where k is 0 and nothing is hidden):
        # with speakers, a group or a theme's passages rest on the people who said them
        Cells(
            ("a_excerpts", "a_total", "a_share", "b_excerpts", "b_total", "b_share", "difference"),
            ("_a_people", "_b_people"),
            per=(),
        ),
        # one theme per excerpt, a group's themes add up to its size: a hidden one takes a partner
        Cells(
            ("a_excerpts", "a_share", "b_excerpts", "b_share", "difference"),
            ("_a_reached", "_b_reached"),
            among=(Adds((), ("a_excerpts", "a_share", "b_excerpts", "b_share", "difference")),),
        ),
    ),
    "rule_evidence": (
        Cells(
            ("participants_reached", "share_reached", "sessions_reached", "disciplines_reached", "excerpts"),
            ("participants_reached",),
        ),
        Cells(("participants", "share_reached"), ("participants",), per=()),
    ),
    "rule_flows": (
        # the disciplines' links into a theme add up to its reach, which its links to the rules
        # carry on; a theme's links to several rules repeat one count and add up to nothing
        Cells(
            ("participants_reached", "excerpts"),
            ("participants_reached",),
            among=(Adds(("target",), ("participants_reached", "excerpts")),),
            only=("stage", "discipline_theme"),
        ),
        Cells(("participants_reached", "excerpts"), ("participants_reached",), only=("stage", "theme_rule")),
    ),
    "excerpt_summary": (
        Cells(
            ("excerpts", "withheld", "quotable", "listed", "top_activity", "top_activity_excerpts"),
            ("participants",),
        ),
        Cells(("top_activity", "top_activity_excerpts"), ("top_activity_participants",)),
        # the public lists the quotable ones, so the list's length is the quotable count: it and the
        # withheld count add up to the matches the same view (and the headline) shows
        Parts((("quotable", "quotable_participants"), ("withheld", "withheld_participants")), ("listed",)),
    ),
    # excerpt_summary for each theme of a quote matrix row: the same cells, a theme a row
    "cell_summaries": (
        Cells(("excerpts", "withheld", "quotable", "listed"), ("participants",)),
        Parts((("quotable", "quotable_participants"), ("withheld", "withheld_participants")), ("listed",)),
    ),
}


# ---------------------------------------------------------------------------------------------
# Differencing: the cell key method
#
# Suppression is decided one view at a time, and free filters make any small group the difference
# of two large ones (the session minus the same session with all other disciplines selected). So
# every public count a cell shows is also moved by a small amount of noise that is a fixed function
# of the people the cell rests on (each query returns, beside each people count `X`, the key
# `X_key` of those people: queries/_macros.sql people_key) and of the count itself. The same people
# give the same key by whatever filters, page or download they are reached, so a cell always shows
# the same number and asking again gives nothing new; two different cells get unrelated noise, so
# their difference is the hidden count plus noise, not the count. The noise is drawn from a
# two-sided geometric distribution: most often 0 or 1 away, and any difference of two views is
# consistent with every hidden value (bounded noise would pin a count at its extremes).
#
# A count of the whole set (everyone, a public fact; every excerpt and every code application, the
# totals the headline shows beside the filtered numbers) is exact: a subset as large as the set is
# the set.
# Shares, differences of shares and the rank of the top discipline are worked out again from the
# perturbed counts, so that no exact ratio gives the counts back. docs/privacy.md says what this
# does not protect against (averaging many different routes to one cell, and lists of quotes).

#: the noise: P(e) = (1 - ALPHA) / (1 + ALPHA) * ALPHA ** |e| (about half the counts move,
#: 1 in 16 by three or more)
ALPHA = 0.35
KEY_SUFFIX = "_key"
INTERNAL_PREFIX = "_"  # query columns the protection reads and no page shows


@dataclass(frozen=True)
class Noisy:
    """Counts of one cell resting on the people whose key is in column `f"{key}_key"`: `people`
    counts exactly those people; `excerpts` and `codes` (code applications) are counted from their
    words. Each count gets noise keyed by those people, its kind and its own value."""

    key: str
    people: tuple[str, ...] = ()
    excerpts: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()

    def counts(self) -> Iterable[tuple[str, str]]:
        for kind, columns in (("people", self.people), ("excerpts", self.excerpts), ("codes", self.codes)):
            for column in columns:
                yield kind, column


@dataclass(frozen=True)
class NoisyList:
    """A list column of people counts with a parallel list column of their keys."""

    column: str
    keys: str


@dataclass(frozen=True)
class Places:
    """A count of places (sessions, venues, disciplines, themes voiced) that takes in only places
    where enough people are: the query counts those with at least $min_people (the research
    audience's count, 1: anywhere anyone is), and returns beside it the people of every place
    (list column `people`) with their keys (list column `keys`). The public counts a place when
    its count of people reaches k both exactly and perturbed: a place of fewer than k never counts,
    and whether one person at the edge was there tips a place in or out only by chance."""

    column: str
    people: str
    keys: str
    within: str | None = None  # a parallel list column: count the distinct values of it instead


def _places(column: str, of: str | None = None, within: str | None = None) -> Places:
    of = of or column
    return Places(column, f"_{of}_people", f"_{of}_keys", within)


def _people(column: str, *excerpts: str, codes: tuple[str, ...] = ()) -> Noisy:
    return Noisy(column, (column,), tuple(excerpts), codes)


def _share(share: str, part: str, whole: str) -> Callable[[pd.DataFrame, dict], pd.DataFrame]:
    def derive(frame: pd.DataFrame, _params: dict) -> pd.DataFrame:
        if share in frame.columns:
            frame[share] = _ratio(frame[part], frame[whole]).mask(frame[share].isna())
        return frame

    return derive


def _at_most(*pairs: tuple[str, str]) -> Callable[[pd.DataFrame, dict], pd.DataFrame]:
    """Parts that noise may not push above their whole (those who voiced a theme among those
    present): where both are shown, the part is cut to the whole. Applied in order, so a chain
    (reached <= present <= session size) is written outermost first."""

    def derive(frame: pd.DataFrame, _params: dict) -> pd.DataFrame:
        for part, whole in pairs:
            if part not in frame.columns or whole not in frame.columns:
                continue
            over = pd.to_numeric(frame[part], errors="coerce") > pd.to_numeric(frame[whole], errors="coerce")
            over = over.fillna(False).astype(bool)
            if over.any():
                frame.loc[over, part] = frame.loc[over, whole]
        return frame

    return derive


def _ratio(part: pd.Series, whole: pd.Series) -> pd.Series:
    part = pd.to_numeric(part, errors="coerce").astype(float)
    whole = pd.to_numeric(whole, errors="coerce").astype(float)
    return (part / whole.where(whole != 0)).astype(float)


def _top_discipline(frame: pd.DataFrame, _params: dict) -> pd.DataFrame:
    if frame.empty or "top_discipline" not in frame.columns:
        return frame
    share = pd.to_numeric(frame["share_reached"], errors="coerce").astype(float)
    best = share.groupby(frame["theme_id"]).transform("max")
    reached = pd.to_numeric(frame["participants_reached"], errors="coerce").astype(float)
    top = ((reached > 0) & (share == best)).astype("boolean")
    frame["top_discipline"] = top.mask(frame["top_discipline"].isna())
    return frame


def _spread(frame: pd.DataFrame, params: dict) -> pd.DataFrame:
    frame = _share("top_share", "top_reached", "participants_reached")(frame, params)
    frame = _share("top_baseline", "_top_discipline_participants", "_participants")(frame, params)
    if "spread" not in frame.columns or params.get("distinctive_share") is None:
        return frame
    # the class is worked out again from the numbers shown, as queries/theme_discipline_spread.sql
    # works it out from the exact ones
    reached = pd.to_numeric(frame["participants_reached"], errors="coerce")
    share = pd.to_numeric(frame["top_share"], errors="coerce")
    voiced = pd.to_numeric(frame["disciplines_voiced"], errors="coerce")
    disciplines = pd.to_numeric(frame["disciplines"], errors="coerce")
    spread = pd.Series("between", index=frame.index, dtype=object)
    spread[(voiced == disciplines).fillna(False).astype(bool)] = "shared"
    spread[(share > float(params["distinctive_share"])).fillna(False).astype(bool)] = "distinctive"
    spread[(reached == 0).fillna(False).astype(bool)] = "unvoiced"
    frame["spread"] = spread.where(frame["spread"].notna(), frame["spread"])
    return frame


def _cooccurrence(frame: pd.DataFrame, _params: dict) -> pd.DataFrame:
    if frame.empty:
        return frame
    a, b, shared = (
        pd.to_numeric(frame[c], errors="coerce").astype(float)
        for c in ("excerpts_a", "excerpts_b", "shared_excerpts")
    )
    # the union holds at least each theme's own excerpts, whatever the noise did to the overlap
    either = pd.concat([a + b - shared, a, b], axis=1).max(axis=1, skipna=False)
    frame["either_excerpts"] = either.round().astype("Int64").mask(frame["either_excerpts"].isna())
    frame["jaccard"] = _ratio(shared, either).clip(upper=1.0).mask(frame["jaccard"].isna())
    return frame


def _two_groups(part: str, whole: str) -> Callable[[pd.DataFrame, dict], pd.DataFrame]:
    """Compare's shares worked out again: each group's `part` of its `whole`, and their difference."""

    def derive(frame: pd.DataFrame, params: dict) -> pd.DataFrame:
        for group in ("a", "b"):
            frame = _share(f"{group}_share", f"{group}_{part}", f"{group}_{whole}")(frame, params)
        if "difference" in frame.columns:
            difference = (frame["a_share"] - frame["b_share"]).astype(float)
            frame["difference"] = difference.mask(frame["difference"].isna())
        return frame

    return derive


_REACH_NOISE = (
    _people("participants_reached", "excerpts", codes=("code_applications",)),
    _people("participants"),
)

NOISE: dict[str, tuple[Noisy | NoisyList | Places, ...]] = {
    "headline": (
        _people("participants"),
        *_REACH_NOISE[:1],
        _places("sessions"),
        # a venue counts when a session there does
        _places("venues", of="sessions", within="_sessions_venues"),
        _places("themes_voiced"),
    ),
    "theme_prevalence": _REACH_NOISE,
    "theme_group_reach": _REACH_NOISE,
    "theme_discipline_reach": (_people("participants_reached"), _people("participants")),
    "theme_discipline_spread": (
        _people("participants_reached"),
        _people("top_reached"),
        _people("_participants"),
        _people("_top_discipline_participants"),
        _places("disciplines"),
        _places("disciplines_voiced"),
    ),
    "theme_stance_split": (
        Noisy("participants", ("participants",), codes=("code_applications",)),
        Noisy("theme_participants", ("theme_participants",), codes=("with_stance", "without_stance")),
    ),
    "theme_cooccurrence": (
        _people("shared_participants", "shared_excerpts"),
        _people("participants_a", "excerpts_a"),
        _people("participants_b", "excerpts_b"),
        _people("participants_either"),
    ),
    "theme_options": (_people("participants", "excerpts"),),
    "group_terms": (_people("speakers"),),
    "theme_agreement": (
        _people("participants", "applied", "disagreements"),
        _people("passage_participants", "passages"),
    ),
    "session_theme_matrix": _REACH_NOISE,
    "activity_theme_matrix": _REACH_NOISE,
    "session_roster": (
        _people("participants"),
        _people("participants_total"),
        _people("participants_reached", "excerpts", codes=("code_applications",)),
        NoisyList("discipline_participants", "discipline_participants_key"),
    ),
    "session_composition": (_people("participants"), _people("session_participants")),
    "discipline_roles": (
        _people("participants"),
        _people("discipline_participants"),
        _people("total_participants"),
    ),
    "compare_theme_reach": (
        _people("a_reached"),
        _people("a_participants"),
        _people("b_reached"),
        _people("b_participants"),
    ),
    "compare_theme_excerpts": (
        _people("_a_reached", "a_excerpts"),
        _people("_a_people", "a_total"),
        _people("_b_reached", "b_excerpts"),
        _people("_b_people", "b_total"),
    ),
    "rule_evidence": (
        _people("participants_reached", "excerpts"),
        _people("participants"),
        _places("sessions_reached"),
        _places("disciplines_reached"),
    ),
    "rule_flows": (_people("participants_reached", "excerpts"),),
    # the quotable count is the length of the public list, which paging shows exactly anyway
    "excerpt_summary": (
        _people("participants", "excerpts"),
        _people("withheld_participants", "withheld"),
        _people("quotable_participants"),
        _people("top_activity_participants", "top_activity_excerpts"),
    ),
    "cell_summaries": (
        _people("participants", "excerpts"),
        _people("withheld_participants", "withheld"),
        _people("quotable_participants"),
    ),
}

#: what is worked out again from the perturbed counts, per query
# an excerpt carries at least one code, so no view shows more excerpts than code applications
_REACHED = _at_most(("participants_reached", "participants"), ("excerpts", "code_applications"))
_SHARE_REACHED = _share("share_reached", "participants_reached", "participants")


def _agreement_share(frame: pd.DataFrame, _params: dict) -> pd.DataFrame:
    """A theme's percent agreement from its shown (perturbed) passages and disagreements, so the two
    counts cannot give an exact one back (the pooled row's is over (passage, theme) pairs, not shown)."""
    if "percent_agreement" in frame.columns:
        themes = frame["theme_id"].notna()
        agree = 1 - _ratio(frame["disagreements"], frame["passages"])
        frame["percent_agreement"] = (
            frame["percent_agreement"].mask(themes, agree).mask(frame["percent_agreement"].isna())
        )
    return frame


DERIVED: dict[str, tuple[Callable[[pd.DataFrame, dict], pd.DataFrame], ...]] = {
    "theme_agreement": (_agreement_share,),
    "headline": (_REACHED,),
    "theme_prevalence": (_REACHED, _SHARE_REACHED),
    "theme_group_reach": (_REACHED, _SHARE_REACHED),
    "theme_discipline_reach": (_REACHED, _SHARE_REACHED, _top_discipline),
    "theme_discipline_spread": (
        _at_most(
            ("top_reached", "participants_reached"),
            ("_top_discipline_participants", "_participants"),
            ("disciplines_voiced", "disciplines"),
        ),
        _spread,
    ),
    "theme_stance_split": (
        _at_most(("code_applications", "with_stance"), ("participants", "theme_participants")),
        _share("share", "code_applications", "with_stance"),
    ),
    "theme_cooccurrence": (
        _at_most(
            ("shared_excerpts", "excerpts_a"),
            ("shared_excerpts", "excerpts_b"),
            ("shared_participants", "participants_a"),
            ("shared_participants", "participants_b"),
        ),
        _cooccurrence,
    ),
    "session_theme_matrix": (_REACHED, _SHARE_REACHED),
    "activity_theme_matrix": (_REACHED, _SHARE_REACHED),
    "session_roster": (
        _at_most(
            ("participants", "participants_total"),
            ("participants_reached", "participants"),
            ("excerpts", "code_applications"),
        ),
    ),
    "session_composition": (_at_most(("participants", "session_participants")),),
    "discipline_roles": (
        _at_most(
            ("discipline_participants", "total_participants"), ("participants", "discipline_participants")
        ),
    ),
    "compare_theme_reach": (
        _at_most(("a_reached", "a_participants"), ("b_reached", "b_participants")),
        _two_groups("reached", "participants"),
    ),
    "compare_theme_excerpts": (
        _at_most(
            ("a_excerpts", "a_total"),
            ("b_excerpts", "b_total"),
            ("_a_reached", "_a_people"),
            ("_b_reached", "_b_people"),
        ),
        _two_groups("excerpts", "total"),
    ),
    "rule_evidence": (_REACHED, _SHARE_REACHED),
    "excerpt_summary": (
        _at_most(
            ("withheld", "excerpts"),
            ("top_activity_excerpts", "excerpts"),
            ("withheld_participants", "participants"),
            ("quotable_participants", "participants"),
            ("top_activity_participants", "participants"),
        ),
    ),
    "cell_summaries": (
        _at_most(
            ("withheld", "excerpts"),
            ("withheld_participants", "participants"),
            ("quotable_participants", "participants"),
        ),
    ),
}


@dataclass(frozen=True)
class CellKeys:
    """What the noise of one deployment and export set depends on: a secret the public does not
    know (so the noise cannot be worked out and taken off) and how many participants the whole
    set holds (a count of everyone is a public fact and stays exact)."""

    secret: bytes
    everyone: int | None = None
    excerpts: int | None = None  # every excerpt of the set: the total the headline shows
    codes: int | None = None  # every code application of the set, likewise

    def whole(self, kind: str) -> int | None:
        """The count of `kind` that takes in the whole set: the one count of it that is exact."""
        return {"people": self.everyone, "excerpts": self.excerpts, "codes": self.codes}.get(kind)

    def noise(self, kind: str, key, n: int) -> int:
        """The fixed noise of a count `n` of `kind` resting on the people whose key is `key`."""
        message = f"{kind}:{_key_int(key)}:{n}".encode()
        digest = hmac.new(self.secret, message, hashlib.sha256).digest()
        u = (int.from_bytes(digest[:8], "big") + 0.5) / 2**64  # uniform in (0, 1)
        zero = (1 - ALPHA) / (1 + ALPHA)
        if u < zero:
            return 0
        tail = (1 - u) * (1 + ALPHA) / 2  # P(|e| >= m) = 2 ALPHA^m / (1 + ALPHA)
        size = max(1, math.floor(math.log(tail) / math.log(ALPHA)))
        return size if digest[8] & 1 else -size

    def perturbed(self, kind: str, key, n, k: int, *, floor: int | None = None):
        """`n` as the public sees it: 0 stays 0 (nobody, or none of them), a count of the whole
        set stays exact, any other count moves by its noise but never below `floor` (by default
        what may be shown: k for people, 1 for anything else; 0 when the perturbed count is to
        decide whether the cell is shown at all)."""
        if n is None or n is pd.NA or (isinstance(n, float) and math.isnan(n)):
            return n
        n = int(n)
        if n == 0 or n == self.whole(kind):
            return n
        if floor is None:
            floor = max(k, 1) if kind == "people" else 1
        return max(floor, n + self.noise(kind, key, n))


def secret(files: Iterable = ()) -> bytes:
    """The deployment's secret (FINDINGS_CELL_KEY_SECRET), or else one derived from the bytes of
    `files` (the participant table, which the public never receives)."""
    raw = os.environ.get(SECRET_ENV, "")
    if raw.strip():
        return raw.strip().encode()
    digest = hashlib.sha256(b"findings cell keys\0")
    for path in sorted(str(f) for f in files):
        try:
            with open(path, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    digest.update(chunk)
        except OSError:
            continue
    return digest.digest()


def _key_int(key) -> int:
    if key is None or key is pd.NA or (isinstance(key, float) and math.isnan(key)):
        return 0
    return int(key)


def internal(columns: Iterable[str]) -> list[str]:
    """The columns of a query result that only the protection reads (keys, and counts it needs
    to work shares out again): no page, chart or download shows them."""
    return [c for c in columns if str(c).endswith(KEY_SUFFIX) or str(c).startswith(INTERNAL_PREFIX)]


def without_internal(frame: pd.DataFrame) -> pd.DataFrame:
    drop = internal(frame.columns)
    return frame.drop(columns=drop) if drop else frame


def perturb(
    name: str,
    frame: pd.DataFrame,
    keys: CellKeys,
    k: int,
    params: dict | None = None,
    *,
    kinds: tuple[str, ...] = ("people", "excerpts", "codes"),
    people_floor: int | None = None,
) -> pd.DataFrame:
    """`frame` (query `name`'s result) with every count of NOISE[name] of the given `kinds` moved
    by its cell key's noise, and, once the last kind is moved, DERIVED[name] worked out again; a
    `perturbed` column says which rows show a number that may differ from the exact one."""
    out = frame.copy()
    moved = out[PERTURBED].copy() if PERTURBED in out.columns else pd.Series(False, index=out.index)
    for spec in NOISE.get(name, ()):
        if isinstance(spec, Places):
            needed = {spec.column, spec.people, spec.keys} | ({spec.within} if spec.within else set())
            if "people" in kinds and needed <= set(out.columns):
                within = out[spec.within] if spec.within else [None] * len(out)
                counted = [
                    _count_places(people, ids, keys, k, places)
                    for people, ids, places in zip(out[spec.people], out[spec.keys], within, strict=True)
                ]
                before = out[spec.column]
                after = pd.Series(counted, index=out.index, dtype="Int64").mask(before.isna())
                moved |= (after != pd.to_numeric(before, errors="coerce")).fillna(False).astype(bool)
                out[spec.column] = after
            continue
        if isinstance(spec, NoisyList):
            if "people" in kinds and spec.column in out.columns and spec.keys in out.columns:
                values = [
                    _perturb_list(items, ids, keys, k, people_floor)
                    for items, ids in zip(out[spec.column], out[spec.keys], strict=True)
                ]
                moved |= pd.Series([m for _v, m in values], index=out.index, dtype=bool)
                out[spec.column] = [v for v, _m in values]
            continue
        key_column = spec.key + KEY_SUFFIX
        if key_column not in out.columns:
            raise KeyError(f"query {name!r} returns no {key_column!r} for its {spec.key!r} cells")
        for kind, column in spec.counts():
            if column not in out.columns or kind not in kinds:
                continue
            floor = people_floor if kind == "people" else None
            before = out[column]
            after = [
                keys.perturbed(kind, key, n, k, floor=floor)
                for key, n in zip(out[key_column], before, strict=True)
            ]
            out[column] = pd.Series(after, index=out.index, dtype=before.dtype)
            moved |= _shown_and_noisy(before, keys, kind)
    if "excerpts" in kinds or "codes" in kinds:
        for derive in DERIVED.get(name, ()):
            out = derive(out, params or {})
    out[PERTURBED] = moved.astype(bool)
    return out


def public_view(
    name: str, frame: pd.DataFrame, k: int, keys: CellKeys, params: dict | None = None
) -> pd.DataFrame:
    """Query `name`'s raw result as the public audience sees it: small cells suppressed (`protect`),
    every other count perturbed (`perturb`, unless k is 0), and the columns only the protection
    reads dropped. A `perturbed` column stays for the caller to report and drop."""
    if k <= 0 or name not in NOISE:
        return without_internal(protect(name, frame, k))
    if name in EXACT_DECISIONS:
        frame = perturb(name, protect(name, frame, k), keys, k, params)
        return without_internal(frame)
    # people first, then whether each cell is shown is decided on what it would show: removing one
    # person from a view can then tip a cell across k only by chance, not for certain
    exact = frame
    frame = perturb(name, frame, keys, k, params, kinds=("people",), people_floor=0)
    moved = frame.pop(PERTURBED)
    frame = _at_least_k(name, protect(name, frame, k, exact), k).assign(**{PERTURBED: moved})
    frame = perturb(name, frame, keys, k, params, kinds=("excerpts", "codes"))
    return without_internal(frame)


def _at_least_k(name: str, frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """A shown count of people is never between 0 and k (a column no cell rests on, such as a
    session's full size, is not decided by `protect`, so its noise may not take it there)."""
    for spec in NOISE.get(name, ()):
        if isinstance(spec, Noisy):
            for column in spec.people:
                if column in frame.columns:
                    values = pd.to_numeric(frame[column], errors="coerce")
                    low = ((values > 0) & (values < k)).fillna(False).astype(bool)
                    if low.any():
                        frame.loc[low, column] = k
    return frame


#: queries whose cells are shown or hidden by their exact counts, then perturbed: the public lists
#: nothing when the people it rests on are fewer than k (issue #11, point 2), and a view of fewer
#: than k people says so and shows nothing, whatever the noise
#: ... and so are a word list (a word is shown or not: a word one person used, once shown, quotes
#: them whatever the noise on its count) and intercoder agreement (its alpha and kappa carry no noise)
EXACT_DECISIONS = frozenset(
    {"excerpt_summary", "cell_summaries", "headline", "group_terms", "theme_agreement"}
)


PERTURBED = "perturbed"  # the bool column perturb adds: a shown count on this row may be moved


def _shown_and_noisy(values: pd.Series, keys: CellKeys, kind: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    exact = numbers.isna() | (numbers == 0)
    if keys.whole(kind) is not None:
        exact |= numbers == keys.whole(kind)
    return ~exact.astype(bool)


def _count_places(people, ids, keys: CellKeys, k: int, within=None) -> int:
    """How many places hold at least k people, exactly and as the public sees them (perturbed): a
    place of fewer than k never counts, and one at the edge counts only by chance. With `within`
    (the larger place each one is in), how many of those larger places hold a counted one."""
    if people is None or isinstance(people, float) or not hasattr(people, "__len__"):
        return 0
    ids = list(ids) if ids is not None and hasattr(ids, "__len__") else [None] * len(people)
    names = list(within) if within is not None and hasattr(within, "__len__") else list(range(len(people)))
    floor = max(k, 1)
    return len(
        {
            name
            for n, key, name in zip(people, ids, names, strict=False)
            if n is not None
            and not pd.isna(n)
            and not (within is not None and name is None)  # a session at no venue is in none
            and n >= floor
            and keys.perturbed("people", key, n, k, floor=0) >= floor
        }
    )


def _perturb_list(items, ids, keys: CellKeys, k: int, floor: int | None = None):
    if items is None or isinstance(items, float) or not hasattr(items, "__len__"):
        return items, False
    ids = list(ids) if ids is not None and hasattr(ids, "__len__") else [None] * len(items)
    out = [keys.perturbed("people", key, n, k, floor=floor) for n, key in zip(items, ids, strict=False)]
    moved = any(n is not None and not pd.isna(n) and n != 0 for n in items)
    return out, moved


def blanked(value) -> bool:
    """A count this module blanked (pandas' NA), as opposed to one that is undefined (NaN)."""
    return value is pd.NA


def any_suppressed(frame: pd.DataFrame | None) -> bool:
    """Did protecting this result blank anything?"""
    return frame is not None and SUPPRESSED in frame.columns and bool(frame[SUPPRESSED].any())


def too_few(head, *, voices: bool = True) -> bool:
    """A view whose headline (a `headline` row, protected) says the filters leave fewer than
    min_cell people, or with `voices` fewer who spoke: every breakdown of it would be blank."""
    return blanked(head.participants) or (voices and blanked(head.participants_reached))


# Queries listing passages one by one, and the query counting what they list (run with the same
# filters, theme choice and search). A list is a count: its length, or paging to its end, tells how
# many rows it holds. So the public gets the rows only when `SUMMARY`, protected, may show that
# number (`listed`: blank when the matches, the quotable ones or the withheld ones rest on fewer
# than min_cell people), and only quotable rows (queries/_macros.sql listed_by): a withheld
# passage counts but is no row, or its themes, stance and session would still tie a person who
# refused public quotation to what they spoke about. Nor does a public row carry the speaker's
# pseudonymous id, with which a reader could collect one person's words: role, discipline and
# session are the most it says of who spoke.
PASSAGES = ("excerpts", "excerpts_export")
SUMMARY = "excerpt_summary"
#: lists of passages theme by theme, each theme's rows gated by its row of a summary query
THEME_PASSAGES = {"cell_quotes": "cell_summaries"}
PUBLIC_HIDDEN_COLUMNS = ("participant_id",)


def public_passages(frame: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """A PASSAGES query's `frame` as the public may see it, given the protected SUMMARY of the same
    filters, theme choice and search: no rows unless the summary shows how many are listed, only
    quotable rows (a `withheld` column false, or a `quotable` one true), no speaker id."""
    out = frame.drop(columns=[c for c in PUBLIC_HIDDEN_COLUMNS if c in frame.columns])
    if summary.empty or "listed" not in summary.columns or blanked(summary["listed"].iloc[0]):
        return out.iloc[0:0]
    if "withheld" in out.columns:
        out = out[~out["withheld"].fillna(True).astype(bool)]
    elif "quotable" in out.columns:
        out = out[out["quotable"].fillna(False).astype(bool)]
    return out.reset_index(drop=True)


def public_theme_passages(frame: pd.DataFrame, summaries: pd.DataFrame) -> pd.DataFrame:
    """A THEME_PASSAGES query's `frame` as the public may see it, given the protected summaries of
    the same filters and themes: a theme's rows only where its summary shows how many are listed
    (and some are), no speaker id."""
    out = frame.drop(columns=[c for c in PUBLIC_HIDDEN_COLUMNS if c in frame.columns])
    shown = {
        theme
        for theme, listed in zip(summaries["theme_id"], summaries["listed"], strict=True)
        if not blanked(listed) and listed
    }
    return out[out["theme_id"].isin(shown)].reset_index(drop=True)


def declared() -> set[str]:
    return set(CELLS) | set(WITHHELD) | set(NOT_CELLS)


def protect(name: str, frame: pd.DataFrame, k: int, exact: pd.DataFrame | None = None) -> pd.DataFrame:
    """`frame` (query `name`'s result) as the public audience may see it, with a `suppressed`
    column: True on every row where something was blanked. Unknown queries are refused, so a
    new query cannot reach the public before its cells are declared.

    `exact`, when `frame`'s people counts are already perturbed (public_view), is the same result
    with exact counts: the size of the whole view (a cell kind with `per=()`) is judged on it, so
    a view of fewer than k people says so and shows nothing, whatever the noise; every other cell
    is judged on what it would show."""
    if name in WITHHELD:
        return frame.iloc[0:0].assign(**{SUPPRESSED: pd.Series(dtype=bool)})
    if name in NOT_CELLS:
        return frame
    if name not in CELLS:
        raise KeyError(f"query {name!r} has no small-cell declaration in findings/privacy.py")
    if k <= 0:
        return frame.assign(**{SUPPRESSED: False})
    out = frame.copy()
    hidden = pd.DataFrame(False, index=out.index, columns=list(out.columns))
    for spec in CELLS[name]:
        if isinstance(spec, ListCells):
            _protect_lists(out, spec.column, k)
            continue
        if isinstance(spec, Parts):
            for column, mask in _parts_to_hide(out, spec, k).items():
                hidden[column] |= mask
            continue
        judged = exact if exact is not None and spec.per == () else None
        for column, mask in _cells_to_hide(out, spec, k, judged).items():
            hidden[column] |= mask
    suppressed = hidden.any(axis=1)
    for column in out.columns:
        if hidden[column].any():
            out[column] = _blank(out[column], hidden[column])
    for spec in CELLS[name]:  # a list column blanked whole counts as suppressed too
        if isinstance(spec, ListCells):
            suppressed |= out[spec.column].map(_has_blank)
    out[SUPPRESSED] = suppressed.astype(bool)
    return out


def _cells_to_hide(
    frame: pd.DataFrame, spec: Cells, k: int, judged: pd.DataFrame | None = None
) -> dict[str, pd.Series]:
    """Column -> row mask of what to blank for cells of kind `spec`: every column of the small
    cells (their head count too), and the summed columns of their partners."""
    columns = tuple(dict.fromkeys((*spec.hides, *spec.support)))
    if spec.only is not None:
        column, value = spec.only
        rows = frame[column] == value
        masks = {c: pd.Series(False, index=frame.index) for c in columns}
        if rows.any():
            inner = Cells(spec.hides, spec.support, spec.per, spec.among)
            sizes = judged[rows] if judged is not None else None
            for c, mask in _cells_to_hide(frame[rows], inner, k, sizes).items():
                masks[c] = masks[c] | mask.reindex(frame.index, fill_value=False)
        return masks
    if frame.empty:
        return {c: pd.Series(False, index=frame.index) for c in columns}
    source = judged if judged is not None else frame
    support = source[list(spec.support)].apply(pd.to_numeric, errors="coerce").fillna(0)
    ids = _cell_ids(frame, spec.per)
    # one entry per cell: whether it is small, how many people it rests on (the least of its
    # support columns), and what breaks a tie between partners: never the rows' order, which
    # follows translated labels, so that a view in another language does not hide another partner
    # (reading both would show both); the keys of the people the row rests on (the same in every
    # language), then the cell's own id when it has one
    cells = pd.DataFrame(
        {
            "cell": ids,
            "small": (support < k).any(axis=1),
            "size": support.min(axis=1),
            "order": _stable_order(frame, ids),
        }
    )
    cells = cells.drop_duplicates("cell").set_index("cell")
    row_cell = pd.Series(ids, index=frame.index)
    small = row_cell.map(cells["small"]).astype(bool)
    masks = {c: small.copy() for c in columns}
    # columns summed over the same groupings are made safe together (a share goes with its count)
    together: dict[tuple[int, ...], list[str]] = {}
    for column in dict.fromkeys(c for adds in spec.among for c in adds.columns):
        ways = tuple(i for i, adds in enumerate(spec.among) if column in adds.columns)
        together.setdefault(ways, []).append(column)
    for ways, columns_summed in together.items():
        groupings = [_group_keys(frame, spec.among[i].within, row_cell) for i in ways]
        counts = [c for c in columns_summed if pd.api.types.is_integer_dtype(frame[c])]
        sums: dict = {}  # cell -> its summed counts (a repeated cell's first row holds them)
        for cell, values in zip(row_cell.tolist(), frame[counts].itertuples(index=False), strict=True):
            sums.setdefault(cell, [0 if pd.isna(v) else v for v in values])
        hide = cells["small"].copy()
        changed = True
        while changed:
            changed = False
            for group_of in groupings:
                for group in sorted(group_of, key=_sortable):  # by its values, not by row order
                    chosen = _partner(group_of[group], hide, cells, sums, k)
                    if chosen is not None:
                        hide[chosen] = True
                        changed = True
        for column in columns_summed:
            masks[column] = masks.get(column, small) | row_cell.map(hide).astype(bool)
    return masks


def _parts_to_hide(frame: pd.DataFrame, spec: Parts, k: int) -> dict[str, pd.Series]:
    """Column -> row mask: on each row where any part is too small, every part and `hides`."""
    small = pd.Series(False, index=frame.index)
    for count, support in spec.parts:
        counts = pd.to_numeric(frame[count], errors="coerce").fillna(0)
        people = pd.to_numeric(frame[support], errors="coerce").fillna(0)
        small |= (counts > 0) & (people < k)
    columns = (*(count for count, _support in spec.parts), *spec.hides)
    return {column: small.copy() for column in columns}


def _partner(members: Sequence, hide: pd.Series, cells: pd.DataFrame, sums: dict, k: int):
    """The cell to hide next in one additive group, or None when the group is safe or nothing
    is left to hide. Safe: nothing hidden, or two or more hidden, one of them not small, holding
    together at least 2k in every summed count. (With a small cell x of 1 to k-1 and a partner
    y of k or more, x + y = s pins x down when s is k + 1; from 2k on, x keeps k - 1 values.)"""
    hidden = [c for c in members if hide[c]]
    if not hidden:
        return None
    if (
        len(hidden) >= 2
        and any(not cells.at[c, "small"] for c in hidden)
        and all(total >= 2 * k for total in map(sum, zip(*(sums[c] for c in hidden), strict=True)))
    ):
        return None
    shown = [c for c in members if not hide[c]]
    if not shown:
        return None
    return min(shown, key=lambda c: (cells.at[c, "size"], cells.at[c, "order"]))


def _stable_order(frame: pd.DataFrame, ids: list) -> list:
    """Each row's tie-break among partners, the same whatever order the rows come in: the people
    keys of the row (columns ending `_key`), then its cell's id when cells are named (`per`)."""
    keys = [column for column in frame.columns if column.endswith("_key")]
    rows = frame[keys].itertuples(index=False) if keys else [()] * len(frame)
    return [
        (_sortable(tuple(row)), _sortable(cell) if isinstance(cell, tuple) else ())
        for row, cell in zip(rows, ids, strict=True)
    ]


def _sortable(values: tuple) -> tuple:
    """`values` comparable whatever they hold: a missing value first, then numbers, then text."""
    out = []
    for value in values:
        value = _key(value)
        if value is None:
            out.append((0, 0, ""))
        elif isinstance(value, numbers.Real) and not isinstance(value, bool):
            out.append((1, value, ""))
        else:
            out.append((2, 0, str(value)))
    return tuple(out)


def _cell_ids(frame: pd.DataFrame, per: tuple[str, ...] | None) -> list:
    if per is None:
        return list(range(len(frame)))
    if per == ():
        return [()] * len(frame)
    return [tuple(_key(v) for v in row) for row in frame[list(per)].itertuples(index=False)]


def _group_keys(frame: pd.DataFrame, keys: tuple[str, ...], row_cell: pd.Series) -> dict:
    """Group (by `keys`) -> its distinct cells, in row order."""
    groups: dict[tuple, list] = {}
    values = frame[list(keys)].itertuples(index=False) if keys else [()] * len(frame)
    for cell, key in zip(row_cell.tolist(), values, strict=True):
        members = groups.setdefault(tuple(_key(v) for v in key), [])
        if cell not in members:
            members.append(cell)
    return groups


def _key(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _blank(column: pd.Series, mask: pd.Series) -> pd.Series:
    """`column` with the masked values missing, keeping integers whole (Int64), bools boolean."""
    if pd.api.types.is_bool_dtype(column):
        column = column.astype("boolean")
    elif pd.api.types.is_integer_dtype(column):
        column = column.astype("Int64")
    elif not pd.api.types.is_float_dtype(column):
        column = column.astype(object)
    return column.mask(mask)


def _protect_lists(frame: pd.DataFrame, column: str, k: int) -> None:
    """Blank the small elements of each list, with partners by the rule of `_partner` (the
    elements of one list add up to the row's total)."""

    def one(values):
        if values is None or (not isinstance(values, (list, tuple)) and not hasattr(values, "__len__")):
            return values
        items = list(values)
        known = [v is not None and not pd.isna(v) for v in items]
        small = [ok and v < k for v, ok in zip(items, known, strict=True)]
        hide = list(small)
        while any(hide):
            hidden = [i for i, h in enumerate(hide) if h]
            if (
                len(hidden) >= 2
                and not all(small[i] for i in hidden)
                and sum(items[i] for i in hidden) >= 2 * k
            ):
                break
            rest = [i for i, h in enumerate(hide) if not h and known[i]]
            if not rest:
                break
            hide[min(rest, key=lambda i: (items[i], i))] = True
        return [None if h else v for v, h in zip(items, hide, strict=True)]

    if column in frame.columns:
        frame[column] = frame[column].map(one)


def _has_blank(values) -> bool:
    if values is None or isinstance(values, float):
        return values is None or pd.isna(values)
    return any(v is None for v in values)
