"""Small, pure statistics for comparing groups: Wilson score intervals and what follows from them.

No Streamlit, no queries: numbers in, numbers out, so each function can be checked by hand.
"""

from __future__ import annotations

import math

import pandas as pd

#: The two-sided 95% normal quantile (the inverse normal CDF at 0.975).
Z95 = 1.959963984540054

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
    queries/compare_theme_excerpts.sql); adds `a_low`, `a_high`, `b_low`, `b_high` and `overlap`.
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
