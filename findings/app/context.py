"""PageContext: everything a page reads, with the audience's protections applied where queries run."""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

import pandas as pd

from findings import i18n, privacy
from findings.db import Database
from findings.filters import LANG_PARAM, Filters
from findings.validate import Report


class _Protected:
    """A small thread-safe LRU of protected query results: the same query, parameters and
    threshold give the same cells, so reruns and other sessions do not redo the suppression.
    (The Database caches raw results; this caches what the public audience may see of them.)"""

    def __init__(self, size: int = 512):
        self._items: OrderedDict = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit.copy()
        made = make()
        with self._lock:
            self._items[key] = made
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return made.copy()


_PROTECTED = _Protected()


@dataclass(eq=False)
class PageContext:
    """The data, filters, language and audience of one page run.

    `suppressed` becomes True once any result this context handed out had a suppressed cell,
    so the frame can say why some numbers are missing. It belongs to this context alone: a
    download made later on another thread sets its own context's flag, no one else's.
    """

    db: Database
    report: Report
    filters: Filters
    lang: str
    labels: dict[str, dict[str, str]]
    audience: str = "public"  # whose words may be shown: see queries/_macros.sql readable_by
    min_cell: int = privacy.DEFAULT_MIN_CELL  # public counts rest on at least this many people
    #: whether the set records participants (Database.people): else "who" is excerpts and sessions
    people: bool = True
    suppressed: bool = field(default=False, compare=False)
    perturbed: bool = field(default=False, compare=False)
    parent: PageContext | None = field(default=None, repr=False, compare=False)

    @property
    def protected(self) -> bool:
        """Are this context's counts protected (public audience, FINDINGS_MIN_CELL above 0)? Then
        counts of places take in only places where min_cell people are (queries: $min_people)."""
        return self.audience == "public" and self.min_cell > 0

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)

    def tn(self, key: str, n: int, **values) -> str:
        return i18n.tn(key, n, self.lang, **values)

    def int(self, n) -> str:
        return i18n.fmt_int(n, self.lang)

    def pct(self, share) -> str:
        return i18n.fmt_pct(share, self.lang)

    def run(self, name: str, **extra) -> pd.DataFrame:
        """Run a named query with the current filters, language and audience, and any extras.

        The audience always comes from the server (never from `extra`), so no page can widen it.
        """
        params = self._params(extra)
        frame = self.db.run(name, params)
        if self.audience == "research":
            frame = privacy.without_internal(frame)
            return frame if name not in privacy.CELLS else frame.assign(**{privacy.SUPPRESSED: False})
        key = (id(self.db), str(self.db.data_dir), name, repr(sorted(params.items())), self.min_cell)
        frame = _PROTECTED.get(key, lambda: self._protect(name, frame, extra))
        if privacy.any_suppressed(frame):
            self._mark("suppressed")  # the frame then says why some numbers are missing
        if privacy.PERTURBED in frame.columns:
            if frame[privacy.PERTURBED].any():
                self._mark("perturbed")  # ... and that the numbers shown are protected
            frame = frame.drop(columns=privacy.PERTURBED)
        return frame

    def _params(self, extra: dict) -> dict:
        extra.pop("audience", None)
        params = {**self.filters.params(), LANG_PARAM: self.lang, **extra, "audience": self.audience}
        # the public counts a session, venue, discipline or theme only where min_cell people are
        params["min_people"] = self.min_cell if self.protected else 1
        return params

    def start(self, *names: str, **extra) -> list[Future]:
        """Start the named queries with the current filters, language and audience (and `extra`
        values, as `run` takes them) on threads of their own (Database.start): the page's `run` of
        each then waits for that result instead of running it again. Nothing is shown until the page
        runs them; what comes back are the runs started, for the frame to cancel those still waiting
        once a newer change supersedes them."""
        started = (self.db.start(name, self._params(dict(extra))) for name in names)
        return [future for future in started if future is not None]

    def _mark(self, flag: str) -> None:
        setattr(self, flag, True)
        if self.parent is not None:
            self.parent._mark(flag)

    def narrowed(self, filters: Filters) -> PageContext:
        """The same context under other filters (a slide's own), reporting suppression to this one."""
        return dataclasses.replace(self, filters=filters, suppressed=False, perturbed=False, parent=self)

    def _protect(self, name: str, frame: pd.DataFrame, extra: dict) -> pd.DataFrame:
        frame = privacy.public_view(name, frame, self.min_cell, self.db.cell_keys, extra)
        if name in privacy.THEME_PASSAGES:  # each theme's list only where its count may be shown
            counted = {k: v for k, v in extra.items() if k != "limit"}
            return privacy.public_theme_passages(frame, self.run(privacy.THEME_PASSAGES[name], **counted))
        if name not in privacy.PASSAGES:
            return frame
        # a list is a count: its rows go out only when the count of the same matches may
        counted = {k: v for k, v in extra.items() if k not in ("limit", "offset")}
        return privacy.public_passages(frame, self.run(privacy.SUMMARY, **counted))

    def fewer(self, n) -> str:
        """A count of people that is suppressed only when it is below min_cell (a headline's),
        so its blank can honestly read 'fewer than 3'."""
        return self.t("cell.fewer", k=self.min_cell) if privacy.blanked(n) else self.int(n)

    def colours(self, dimension: str) -> dict[str, str]:
        """One colour per value of a filter dimension, fixed by the raw values' order (not labels),
        so a discipline keeps its colour in every language and under every filter."""
        from findings.charts import colour_map

        values = list(self.labels[dimension])
        if dimension != "theme_group":  # theme groups keep codebook order
            values = sorted(values)
        return colour_map(values)
