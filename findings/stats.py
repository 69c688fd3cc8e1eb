"""Small, pure statistics for comparing groups: Wilson score intervals for each group's share,
Newcombe's interval for their difference, a score test for it, and Holm's adjustment for testing
every theme at once.

No Streamlit, no queries: numbers in, numbers out, so each function can be checked by hand.
"""

from __future__ import annotations

import math

import pandas as pd

#: The two-sided 95% normal quantile (the inverse normal CDF at 0.975).
Z95 = 1.959963984540054

#: The significance level of a difference, after Holm's adjustment for the themes compared.
ALPHA = 0.05

#: A group smaller than this gets a warning that its intervals are wide.
SMALL_GROUP = 10

#: Shared vs distinctive: a theme is "distinctive" when one discipline holds MORE than this share
#: of the participants who voiced it (a majority); "shared" when every discipline present voiced
#: it and none holds a majority. The page states these thresholds.
DISTINCTIVE_SHARE = 0.5
#: Compare\'s group B value that means everyone outside group A (compare_theme_reach binds it as $b).
REST = "__rest__"


def wilson_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (95% by default), as (low, high).

    With n = 0 nothing is known, so the interval is the whole range (0, 1). The bounds are exact
    0 and 1 when k is 0 or n, and never leave [0, 1].
    """
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return 0.0, 1.0
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = (z / denominator) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def newcombe_interval(k1: int, n1: int, k2: int, n2: int, z: float = Z95) -> tuple[float, float]:
    """The 95% interval for the difference of two independent proportions k1/n1 - k2/n2: Newcombe's
    hybrid score interval (1998, Statistics in Medicine 17:873-890, method 10), built from each
    group's Wilson interval. It stays inside [-1, 1] and behaves at 0 and n, where the textbook
    interval does not. Undefined (NaN, NaN) when a group is empty."""
    if n1 == 0 or n2 == 0:
        return math.nan, math.nan
    p1, p2 = k1 / n1, k2 / n2
    low1, high1 = wilson_interval(k1, n1, z)
    low2, high2 = wilson_interval(k2, n2, z)
    difference = p1 - p2
    low = difference - math.sqrt((p1 - low1) ** 2 + (high2 - p2) ** 2)
    high = difference + math.sqrt((high1 - p1) ** 2 + (p2 - low2) ** 2)
    return max(-1.0, low), min(1.0, high)


def difference_p_value(k1: int, n1: int, k2: int, n2: int) -> float:
    """The two-sided p-value of the score test that two independent proportions are equal (the
    pooled z-test, i.e. Pearson's chi-squared without continuity correction). 1 when the pooled
    proportion is 0 or 1 (the groups cannot differ); NaN when a group is empty."""
    if n1 == 0 or n2 == 0:
        return math.nan
    pooled = (k1 + k2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        return 1.0
    z = (k1 / n1 - k2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return math.erfc(abs(z) / math.sqrt(2))


def holm(p_values: list[float], tests: int | None = None) -> list[float]:
    """Holm's step-down adjustment of `p_values` for `tests` comparisons (Holm 1979), in their order;
    NaN stays NaN. With `tests` larger than the values given, the tests not given (a suppressed
    theme's) are taken to have larger p-values than every given one: each given value is then
    adjusted at least as much as it would be knowing them, and the result tells nothing of theirs."""
    known = sorted((p, i) for i, p in enumerate(p_values) if not math.isnan(p))
    m = len(known) if tests is None else tests
    if m < len(known):
        raise ValueError(f"{len(known)} p-values for {m} tests")
    adjusted = [math.nan] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(known):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted


def intervals_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """True when two closed intervals share at least one point."""
    return a[0] <= b[1] and b[0] <= a[1]


def _blank(value) -> bool:
    """A count the audience may not see (pandas' NA), or none at all."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def with_intervals(frame: pd.DataFrame, part: str = "reached", whole: str = "participants") -> pd.DataFrame:
    """A two-group comparison with each group's Wilson interval and whether the two overlap.

    Expects `a_reached`, `a_participants`, `b_reached`, `b_participants` (the columns of
    queries/compare_theme_reach.sql; or, with `part` and `whole`, `a_excerpts`, `a_total`... of
    queries/compare_theme_excerpts.sql); adds `a_low`, `a_high`, `b_low`, `b_high` and `overlap`,
    and for the difference A - B: its Newcombe interval (`difference_low`, `difference_high`), the
    score test's `p_value`, that p-value adjusted by Holm for the number of themes compared
    (`p_adjusted`, every row counted), and whether it `differs` beyond chance at ALPHA.
    Row order is kept. A row whose counts are suppressed for the audience (findings/privacy.py)
    gets no interval (NaN bounds) and an unknown overlap (NA): nothing is computed from a blank.
    """
    out = frame.copy()
    for group in ("a", "b"):
        bounds = [
            (math.nan, math.nan) if _blank(k) or _blank(n) else wilson_interval(int(k), int(n))
            for k, n in zip(out[f"{group}_{part}"], out[f"{group}_{whole}"], strict=True)
        ]
        out[f"{group}_low"] = [low for low, _ in bounds]
        out[f"{group}_high"] = [high for _, high in bounds]
    overlap = [
        None if any(math.isnan(x) for x in (al, ah, bl, bh)) else intervals_overlap((al, ah), (bl, bh))
        for al, ah, bl, bh in zip(out["a_low"], out["a_high"], out["b_low"], out["b_high"], strict=True)
    ]
    # plain bools when every row has its intervals; pandas' nullable booleans when some are blank
    out["overlap"] = pd.array(overlap, dtype="boolean") if None in overlap else overlap
    # the difference itself: its interval, its test, and Holm's adjustment for every theme compared
    # (a suppressed row's test is unknown and adjusts nothing of the others: see holm)
    counts = zip(out[f"a_{part}"], out[f"a_{whole}"], out[f"b_{part}"], out[f"b_{whole}"], strict=True)
    tested = [None if any(_blank(v) for v in row) else tuple(int(v) for v in row) for row in counts]
    gaps = [(math.nan, math.nan) if row is None else newcombe_interval(*row) for row in tested]
    out["difference_low"] = [low for low, _ in gaps]
    out["difference_high"] = [high for _, high in gaps]
    out["p_value"] = [math.nan if row is None else difference_p_value(*row) for row in tested]
    out["p_adjusted"] = holm(list(out["p_value"]), tests=len(out))
    differs = [None if math.isnan(p) else p < ALPHA for p in out["p_adjusted"]]
    out["differs"] = pd.array(differs, dtype="boolean") if None in differs else differs
    return out


def suppressed_last(
    frame: pd.DataFrame, column: str, order: list | None = None, key: str = "theme_id"
) -> pd.DataFrame:
    """The rows whose `column` is shown, in their order, then those where it is suppressed, in a
    neutral order (`order`'s, e.g. the codebook's, by `key`; else as they came): a ranked list must
    not hint at a hidden value by where the hidden row sits."""
    hidden = frame[column].map(_blank).astype(bool)
    rest = frame[hidden]
    if order is not None and len(rest):
        position = {value: i for i, value in enumerate(order)}
        rest = (
            rest.assign(_at=rest[key].map(position).fillna(len(position)))
            .sort_values("_at", kind="stable")
            .drop(columns="_at")
        )
    return pd.concat([frame[~hidden], rest])


def largest_gap(frame: pd.DataFrame) -> pd.Series | None:
    """The row with the largest absolute difference in share (the first such row on a tie)."""
    gaps = frame["difference"].abs().dropna()
    if gaps.empty:
        return None
    return frame.loc[gaps.idxmax()]


def points(first: float, second: float) -> int:
    """The gap between two shares in whole percentage points, as the rounded shares show it
    (81% vs 50% reads 31 points even when the unrounded gap is 30.6)."""
    return round(100 * first) - round(100 * second)


def spread_summary(frame: pd.DataFrame) -> dict | None:
    """What the shared-vs-distinctive view says in one sentence: how many themes are shared and
    how many distinctive, and the most concentrated voiced theme (highest top-discipline share,
    then most participants, then codebook order). None when no theme was voiced, or when every
    voiced theme's class is suppressed for the audience (their rows never count).

    Expects the columns of queries/theme_discipline_spread.sql.
    """
    known = frame["spread"].notna() & frame["top_share"].notna()  # suppressed rows say nothing
    voiced = frame[known & (frame["spread"] != "unvoiced")]
    if voiced.empty:
        return None
    top = voiced.sort_values(["top_share", "participants_reached"], ascending=False, kind="stable").iloc[0]
    return {
        "themes": len(frame),
        "shared": int((frame["spread"] == "shared").sum()),
        "distinctive": int((frame["spread"] == "distinctive").sum()),
        "top": top,
    }


def strongest_pairs(frame: pd.DataFrame, column: str, top: int) -> pd.DataFrame:
    """The `top` pairs of distinct themes with the highest shown `column` (of the co-occurrence
    query, whose rows hold each pair both ways): each pair once; a pair suppressed
    for the audience, or never seen together, is not ranked (a hidden number decides nothing)."""
    pairs = frame[~frame["same_theme"].astype(bool)]
    once = pairs[[a < b for a, b in zip(pairs["theme_a"], pairs["theme_b"], strict=True)]]
    values = pd.to_numeric(once[column], errors="coerce")
    shown = once[values.notna() & (values > 0)]
    ranked = shown.assign(_value=values[shown.index], _shared=pd.to_numeric(shown["shared_excerpts"]))
    ranked = ranked.sort_values(["_value", "_shared"], ascending=False, kind="stable")
    return ranked.head(top).drop(columns=["_value", "_shared"])
