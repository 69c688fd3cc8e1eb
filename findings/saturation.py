"""Thematic saturation: how many new themes each further session brought, and whether the flow of
new themes had dried up, by the method of Guest, Namey and Chen (2020, "A simple method to assess
and report thematic saturation in qualitative research", PLOS ONE 15(5): e0232076).

No Streamlit, no queries: units (sessions, sources) in the order they took place, each with the
themes coded in it, in; counts and a verdict out, so each step can be checked by hand.

The method has three parts.
- Base size: the first `base` units (4 by default, the paper's choice). Their distinct themes
  are the base, the yardstick every later run is measured against.
- Run length: `run` consecutive units after the base (2 by default, as in the paper).
- New-information threshold: a run's new-information ratio is the number of themes first seen
  in the run divided by the number of themes in the base; the run meets the threshold when the
  ratio is at or below it (<= 5% by default; the paper also reports the stricter <= 0%).

The variant implemented, stated exactly. It follows the paper as recalled here (no copy of it was
at hand when this was written): where this module chose between readings it says "choice" and
names the other, so a reader with the paper can check each point.
- The base is fixed: always units 1..base, its count of distinct themes the denominator of every
  ratio. It neither grows as later units add themes (a growing denominator makes each new theme
  count for less, so saturation comes sooner) nor rolls forward with the runs.
- A theme is new in a run when no unit before it (in the base or after it) holds it; a theme
  first seen in the run's first unit and seen again in its second counts once.
- Runs move one unit at a time (choice): base + 1 .. base + run, then base + 2 .. base + run + 1,
  and so on to the last unit, so saturation can show at any unit, not only at base + a multiple
  of the run length. Back-to-back runs (5-6, then 7-8) are the other reading; they can only find
  saturation later or not at all where this finds it.
- Saturation is reached at the last unit of the first run that meets the threshold: the data
  collected up to and including that run. Later runs are still listed (a late burst of new
  themes is worth seeing) but do not change the verdict.
- Not assessable: fewer units than base + run (not one full run after a full base), or a base
  holding no theme (no ratio). The base is not shrunk to fit a short list of units: a smaller
  base is another test (its ratios are larger), so the result says why instead. The counts per
  unit and per theme are given whatever the verdict.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

#: The paper's defaults: a base of four interviews, runs of two, at most 5% new information.
BASE = 4
RUN = 2
THRESHOLD = 0.05

# the verdicts
REACHED = "reached"
NOT_REACHED = "not_reached"
NOT_ASSESSABLE = "not_assessable"
# why a verdict could not be given
TOO_FEW_UNITS = "too_few_units"
EMPTY_BASE = "empty_base"


@dataclass(frozen=True)
class Saturation:
    """What `saturation` finds.

    units: one row per unit in order: `position` (from 1), `unit`, `new_themes` (a tuple of the
        themes first seen there, sorted), `new` (how many), `cumulative` (distinct themes so far)
        and `share` (cumulative over all distinct themes; NaN when no unit holds a theme).
    themes: one row per theme, in order of first appearance: `theme`, `first_unit`, `position`.
    runs: one row per run assessed, in order: `first_unit`, `last_unit`, `new`, `ratio` (new over
        base_themes) and `meets` (ratio at or below the threshold); empty when not assessable.
    base_themes: distinct themes in the base (in the units there are when fewer than `base`).
    status: REACHED, NOT_REACHED or NOT_ASSESSABLE; reason: TOO_FEW_UNITS or EMPTY_BASE when not
        assessable, else None.
    at / at_position: the unit closing the first run that meets the threshold, and how many units
        that makes; None unless reached.
    """

    units: pd.DataFrame
    themes: pd.DataFrame
    runs: pd.DataFrame
    base: int
    run: int
    threshold: float
    base_themes: int
    status: str
    reason: str | None
    at: Hashable | None
    at_position: int | None


_NO_RUNS = pd.DataFrame(
    {
        "first_unit": pd.Series(dtype=object),
        "last_unit": pd.Series(dtype=object),
        "new": pd.Series(dtype=int),
        "ratio": pd.Series(dtype=float),
        "meets": pd.Series(dtype=bool),
    }
)


def _ordered(units) -> list[tuple[Hashable, frozenset]]:
    pairs = list(units.items()) if isinstance(units, Mapping) else list(units)
    ids = [unit for unit, _ in pairs]
    if len(set(ids)) != len(ids):
        raise ValueError("each unit must appear once in the list")
    if any(isinstance(themes, str) for _, themes in pairs):  # a set of letters is no set of themes
        raise ValueError("each unit's themes must be a collection of themes, not one string")
    return [(unit, frozenset(themes)) for unit, themes in pairs]


def saturation(
    units: Sequence[tuple[Hashable, Iterable[Hashable]]] | Mapping[Hashable, Iterable[Hashable]],
    base: int = BASE,
    run: int = RUN,
    threshold: float = THRESHOLD,
) -> Saturation:
    """New themes unit by unit, and whether saturation was reached (see the module notes for the
    method and the exact variant).

    `units`: the units in the order they took place, as (unit id, themes coded in it) pairs or a
    mapping in that order. `base` and `run` are numbers of units (at least 1); `threshold` a
    share between 0 and 1 (0.05 for 5%).
    """
    if base < 1 or run < 1:
        raise ValueError(f"base and run must be at least 1 unit, got base={base}, run={run}")
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold is a share between 0 and 1, got {threshold}")
    ordered = _ordered(units)

    seen: set = set()
    rows, firsts = [], []
    for position, (unit, themes) in enumerate(ordered, start=1):
        new = tuple(sorted(themes - seen, key=str))
        seen |= themes
        rows.append((position, unit, new, len(new), len(seen)))
        firsts += [(theme, unit, position) for theme in new]
    per_unit = pd.DataFrame(rows, columns=["position", "unit", "new_themes", "new", "cumulative"])
    per_unit["share"] = per_unit["cumulative"] / len(seen) if seen else float("nan")
    per_theme = pd.DataFrame(firsts, columns=["theme", "first_unit", "position"])

    base_themes = int(per_unit["new"].head(base).sum())

    def verdict(runs: pd.DataFrame, status: str, reason: str | None = None, last: int | None = None):
        at = None if last is None else ordered[last - 1][0]
        return Saturation(
            per_unit, per_theme, runs, base, run, threshold, base_themes, status, reason, at, last
        )

    if len(ordered) < base + run:
        return verdict(_NO_RUNS.copy(), NOT_ASSESSABLE, TOO_FEW_UNITS)
    if base_themes == 0:
        return verdict(_NO_RUNS.copy(), NOT_ASSESSABLE, EMPTY_BASE)
    new = per_unit["new"].tolist()
    runs = []
    for start in range(base, len(ordered) - run + 1):  # 0-based index of the run's first unit
        found = sum(new[start : start + run])  # each theme is new in one unit only
        ratio = found / base_themes
        runs.append((ordered[start][0], ordered[start + run - 1][0], found, ratio, ratio <= threshold))
    per_run = pd.DataFrame(runs, columns=list(_NO_RUNS.columns))
    meeting = [i for i, meets in enumerate(per_run["meets"]) if meets]
    if not meeting:
        return verdict(per_run, NOT_REACHED)
    return verdict(per_run, REACHED, last=base + meeting[0] + run)  # the position of the run's last unit
