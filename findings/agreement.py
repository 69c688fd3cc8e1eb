"""Intercoder agreement: percent agreement, Cohen's kappa and Krippendorff's alpha (nominal).

No Streamlit, no queries: numbers in, numbers out, so each function can be checked by hand.
The unit is a passage; a coder who read a passage either applied a theme to it (present) or did
not (absent). A value that cannot be computed (nothing to agree about, no variation) is NaN,
never 1.0 and never an exception.

Krippendorff's alpha follows "Computing Krippendorff's Alpha-Reliability" (2011): values are
pairable within a unit, a unit with fewer than two values is dropped, and with n pairable values
in all, n_c of them equal to c, and D the coincidences of equal values,
alpha = 1 - (n - 1) (n - D) / (n^2 - sum_c n_c^2).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

#: The bootstrap interval's coverage: the 2.5th and 97.5th percentiles of the resampled alphas.
BOOTSTRAP_QUANTILES = (0.025, 0.975)
#: How many resamples the pooled alpha's interval draws in the app, and from which seed: the same
#: data always give the same interval.
BOOTSTRAP_DRAWS = 1000
BOOTSTRAP_SEED = 2025

#: Present and absent, the two values a coder gives a theme on a passage they read.
PRESENT, ABSENT = 1, 0


#: Krippendorff's conventional lines (Content Analysis, 2004): reliable from 0.8, tentative
#: conclusions only from 0.667; below that the coding is not reliable enough to draw on.
RELIABLE = 0.8
TENTATIVE = 0.667


def _missing(value) -> bool:
    """No coding: None, pandas' NA or a NaN (of any float type)."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _paired(a: Sequence, b: Sequence) -> list[tuple]:
    """The (a, b) pairs of two coders over the same passages, leaving out those either left blank."""
    if len(a) != len(b):
        raise ValueError(f"the two coders must code the same passages, got {len(a)} and {len(b)} values")
    return [(x, y) for x, y in zip(a, b, strict=True) if not (_missing(x) or _missing(y))]


def percent_agreement(a: Sequence, b: Sequence) -> float:
    """The share (0 to 1) of passages on which two coders gave the same value.

    `a` and `b` hold each coder's value for the same passages, in the same order; a passage either
    coder left blank (None, NaN) is left out. NaN when no passage is left.
    """
    pairs = _paired(a, b)
    if not pairs:
        return math.nan
    return sum(x == y for x, y in pairs) / len(pairs)


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's kappa of two coders over the same passages (present/absent or any nominal values).

    kappa = (p_o - p_e) / (1 - p_e), with p_o the share of passages they agree on and p_e the
    agreement expected from each coder's own marginal shares. A passage either coder left blank
    is left out. 1.0 for perfect agreement (with some variation); NaN when p_e is 1 (both coders gave
    one and the same value throughout, e.g. never applied the theme) or no passage is left.
    """
    pairs = _paired(a, b)
    n = len(pairs)
    first = Counter(x for x, _ in pairs)
    second = Counter(y for _, y in pairs)
    agree = sum(x == y for x, y in pairs)
    chance = sum(first[value] * second[value] for value in first)  # n^2 p_e, an exact integer
    if n == 0 or chance == n * n:
        return math.nan
    return (n * agree - chance) / (n * n - chance)


def _unit_tally(values: Iterable) -> tuple[int, float, Counter]:
    """One unit's part of the coincidence matrix: its m pairable values, the coincidences of equal
    values (sum_c n_c (n_c - 1) / (m - 1)) and its count of each value. (0, 0, {}) when m < 2."""
    counts = Counter(value for value in values if not _missing(value))
    m = sum(counts.values())
    if m < 2:
        return 0, 0.0, Counter()
    return m, sum(k * (k - 1) for k in counts.values()) / (m - 1), counts


def _alpha(n, diagonal, squares):
    """alpha from the pooled tallies: n pairable values, `diagonal` coincidences of equal values and
    `squares` the sum of each value's total squared. NaN when there is no variation (one value
    only) or nothing pairable. Works elementwise on numpy arrays too."""
    n, diagonal, squares = (np.asarray(x, dtype=float) for x in (n, diagonal, squares))
    expected = n * n - squares  # sum over c != k of n_c n_k: exact, as the counts are whole numbers
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = 1 - (n - 1) * (n - diagonal) / expected
    return np.where(expected > 0, alpha, np.nan)


def krippendorff_alpha_nominal(units: Iterable[Iterable]) -> float:
    """Krippendorff's alpha for nominal values, any number of coders, missing codings allowed.

    `units` holds, for each unit (passage), the values its coders gave; a coder who did not code it
    gives None or NaN (or is simply not listed). A unit with fewer than two values is dropped, as it
    cannot be paired. 1.0 for perfect agreement with some variation; NaN when every pairable value
    is the same (no variation) or no unit has two values.
    """
    n, diagonal, totals = 0, 0.0, Counter()
    for values in units:
        m, coincide, counts = _unit_tally(values)
        n, diagonal = n + m, diagonal + coincide
        totals.update(counts)
    return float(_alpha(n, diagonal, sum(k * k for k in totals.values())))


# --- themes over passages: codings -> present/absent per (passage, theme, coder) ------------


def _double_coded(coded: pd.DataFrame) -> dict:
    """Each passage read by at least two coders -> its coders, sorted; in passage order."""
    readers = coded[["passage", "coder"]].drop_duplicates().groupby("passage", sort=True)["coder"]
    return {passage: tuple(sorted(coders)) for passage, coders in readers if len(coders) >= 2}


def _theme_order(codings: pd.DataFrame, themes: Sequence | None) -> list:
    """The codebook's themes in its order (`themes`), else the themes applied, sorted."""
    applied = set(codings["theme"])
    if themes is None:
        return sorted(applied)
    unknown = applied - set(themes)
    if unknown:
        raise ValueError(f"codings name themes not in `themes`: {sorted(map(str, unknown))}")
    return list(dict.fromkeys(themes))


def _applied(codings: pd.DataFrame, coded: pd.DataFrame) -> dict:
    """(passage, theme) -> the coders who applied it. A coding by a coder not listed as having read
    the passage is an error: their absences elsewhere would mean nothing."""
    read = set(zip(coded["passage"], coded["coder"], strict=True))
    unread = [
        (passage, coder)
        for passage, coder in zip(codings["passage"], codings["coder"], strict=True)
        if (passage, coder) not in read
    ]
    if unread:
        raise ValueError(f"codings by coders not listed as having read the passage: {unread[:5]}")
    who: dict = {}
    for passage, theme, coder in zip(codings["passage"], codings["theme"], codings["coder"], strict=True):
        who.setdefault((passage, theme), set()).add(coder)
    return who


def _values(passages: dict, who: dict, theme: Hashable) -> dict:
    """passage -> its coders' present/absent values for `theme`, in the coders' order."""
    return {
        passage: [PRESENT if coder in who.get((passage, theme), ()) else ABSENT for coder in coders]
        for passage, coders in passages.items()
    }


def theme_agreement(
    codings: pd.DataFrame, coded: pd.DataFrame, themes: Sequence | None = None
) -> pd.DataFrame:
    """Agreement on each theme, over the passages read by at least two coders.

    `codings` has one row per theme a coder applied to a passage (`passage`, `coder`, `theme`);
    `coded` one row per passage a coder read (`passage`, `coder`), whether or not they applied
    anything: a reader who did not apply a theme coded it absent. A passage read by one coder only
    counts nowhere. `themes` (the codebook, in order) adds rows for themes nobody applied;
    without it the rows are the applied themes, sorted.

    One row per theme: `passages` read by two or more coders; `applied`, those of them on which at
    least one coder applied the theme; `percent_agreement`, the share of them on which every
    reader agrees; `kappa`, Cohen's kappa when exactly two coders read all of them (NaN with more
    coders); `alpha`, Krippendorff's alpha (nominal, present/absent); `disagreements`, passages on
    which the readers disagree. A theme with `applied` 0 has nothing to agree about: its three
    measures are NaN (not 100% agreement on absence), as are all measures when `passages` is 0.
    """
    passages = _double_coded(coded)
    who = _applied(codings, coded)
    coders = sorted({coder for readers in passages.values() for coder in readers})
    rows = []
    for theme in _theme_order(codings, themes):
        values = _values(passages, who, theme)
        applied = sum(PRESENT in v for v in values.values())
        agree = [len(set(v)) == 1 for v in values.values()]
        if applied == 0:
            share = kappa = alpha = math.nan
        else:
            share = sum(agree) / len(agree)
            pairs = list(values.values())
            kappa = cohen_kappa(*zip(*pairs, strict=True)) if len(coders) == 2 else math.nan
            alpha = krippendorff_alpha_nominal(pairs)
        rows.append(
            {
                "theme": theme,
                "passages": len(passages),
                "applied": applied,
                "percent_agreement": share,
                "kappa": kappa,
                "alpha": alpha,
                "disagreements": agree.count(False),
            }
        )
    columns = ["theme", "passages", "applied", "percent_agreement", "kappa", "alpha", "disagreements"]
    return pd.DataFrame(rows, columns=columns).astype(
        {"passages": int, "applied": int, "disagreements": int, "percent_agreement": float}
    )


def pooled_alpha(
    codings: pd.DataFrame,
    coded: pd.DataFrame,
    themes: Sequence | None = None,
    draws: int = 1000,
    seed: int = 0,
) -> dict:
    """Krippendorff's alpha across all themes, each (passage, theme) a unit, with a bootstrap 95%
    interval that resamples passages (a passage keeps all its themes together).

    The passages are those read by at least two coders (as in theme_agreement); the themes, those
    applied on at least one of them, so a codebook theme nobody used does not inflate the pool
    with agreed absences. The interval holds the 2.5th and 97.5th percentiles of `draws`
    resamples of as many passages, drawn with replacement by a generator seeded with `seed`
    (same seed, same interval); a resample with no variation is left out.

    Returns {"alpha", "low", "high", "passages", "themes", "units"}; alpha and the bounds are NaN
    when undefined (no passage read twice, no theme applied on them, or no variation).
    """
    if draws < 1:
        raise ValueError(f"need at least one bootstrap draw, got {draws}")
    passages = _double_coded(coded)
    who = _applied(codings, coded)
    used = [theme for theme in _theme_order(codings, themes) if any((p, theme) in who for p in passages)]
    # per passage: n pairable values, coincidences of equal values, values present, values absent
    tallies = np.zeros((len(passages), 4))
    for theme in used:
        for row, values in enumerate(_values(passages, who, theme).values()):
            m, diagonal, counts = _unit_tally(values)
            tallies[row] += (m, diagonal, counts[PRESENT], counts[ABSENT])
    summary = {"passages": len(passages), "themes": len(used), "units": len(passages) * len(used)}
    n, diagonal, present, absent = tallies.sum(axis=0)
    alpha = float(_alpha(n, diagonal, present**2 + absent**2))
    if math.isnan(alpha):
        return {"alpha": alpha, "low": math.nan, "high": math.nan, **summary}
    picks = np.random.default_rng(seed).integers(0, len(passages), size=(draws, len(passages)))
    n, diagonal, present, absent = tallies[picks].sum(axis=1).T
    resampled = _alpha(n, diagonal, present**2 + absent**2)
    resampled = resampled[~np.isnan(resampled)]
    low, high = np.quantile(resampled, BOOTSTRAP_QUANTILES) if resampled.size else (math.nan, math.nan)
    return {"alpha": alpha, "low": float(low), "high": float(high), **summary}


def disagreements(codings: pd.DataFrame, coded: pd.DataFrame, themes: Sequence | None = None) -> pd.DataFrame:
    """The (passage, theme) pairs the readers disagree on, over passages read by two or more coders.

    Same inputs as theme_agreement. One row per disagreement, by passage then theme (codebook order
    when `themes` is given): `passage`, `theme`, `applied` (the coders who applied it) and
    `not_applied` (those who read the passage and did not), each a sorted tuple.
    """
    passages = _double_coded(coded)
    who = _applied(codings, coded)
    order = _theme_order(codings, themes)
    rows = []
    for passage, readers in passages.items():
        for theme in order:
            applied = who.get((passage, theme), set())
            if 0 < len(applied) < len(readers):
                rows.append(
                    {
                        "passage": passage,
                        "theme": theme,
                        "applied": tuple(sorted(applied)),
                        "not_applied": tuple(coder for coder in readers if coder not in applied),
                    }
                )
    return pd.DataFrame(rows, columns=["passage", "theme", "applied", "not_applied"])


def resampled_interval(
    tallies: Iterable[Mapping], draws: int = BOOTSTRAP_DRAWS, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float]:
    """A Poisson bootstrap 95% interval for a pooled alpha given by its passages' tallies.

    Each item of `tallies` is one distinct tally a passage can have over the pooled themes, with
    how many passages have it: {"pairable", "present", "disagreeing", "passages"} (the pairable
    values, those present, and the coincidences of unequal values). A Poisson bootstrap weighs each
    passage, in each draw, by an independent Poisson(1) count; the passages sharing a tally then
    weigh, together, a Poisson(passages) count, so a draw costs one number per distinct tally
    whatever the number of passages, and is exactly the passage-level resample. Draws with no
    variation say nothing and are left out. Returns (low, high), NaN when nothing varies.
    """
    if draws < 1:
        raise ValueError(f"need at least one bootstrap draw, got {draws}")
    rows = [
        (float(t["pairable"]), float(t["present"]), float(t["disagreeing"]), int(t["passages"]))
        for t in (tallies if tallies is not None else ())
    ]
    if not rows:
        return math.nan, math.nan
    values = np.array([row[:3] for row in rows])
    weights = np.random.default_rng(seed).poisson(np.array([row[3] for row in rows]), size=(draws, len(rows)))
    pairable, present, disagreeing = (weights @ values).T
    absent = pairable - present
    varied = (present > 0) & (absent > 0)
    if not varied.any():
        return math.nan, math.nan
    alphas = 1 - (pairable[varied] - 1) * disagreeing[varied] / (2.0 * present[varied] * absent[varied])
    low, high = np.quantile(alphas, BOOTSTRAP_QUANTILES)
    return float(low), float(high)
