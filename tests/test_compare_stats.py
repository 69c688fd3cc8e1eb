"""The Wilson score interval and the small helpers of findings/stats.py, checked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from findings import stats


def wilson_by_quadratic(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Independently: the Wilson bounds are the roots p of (k/n - p)^2 = z^2 p (1 - p) / n,
    i.e. (1 + z^2/n) p^2 - (2 k/n + z^2/n) p + (k/n)^2 = 0."""
    phat = k / n
    a = 1 + z * z / n
    b = -(2 * phat + z * z / n)
    c = phat * phat
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (5, 10, 0.2366, 0.7634),  # p = 0.5, n = 10
        (0, 10, 0.0, 0.2775),  # no successes: the lower bound is exactly 0
        (10, 10, 0.7225, 1.0),  # all successes: the upper bound is exactly 1
        (1, 1, 0.2065, 1.0),  # one person who voiced it says little
        (2, 3, 0.2077, 0.9385),
        (1, 4, 0.0456, 0.6994),
        # Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
    ],
)
def test_wilson_known_values(k, n, low, high):
    got = stats.wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=5e-5)


@pytest.mark.parametrize(("k", "n"), [(1, 10), (3, 7), (17, 17), (0, 3), (40, 91), (90, 91)])
def test_wilson_agrees_with_the_quadratic(k, n):
    assert stats.wilson_interval(k, n) == pytest.approx(wilson_by_quadratic(k, n), abs=1e-12)


def test_wilson_extremes_are_exact_and_inside_the_unit_range():
    assert stats.wilson_interval(0, 7)[0] == 0.0
    assert stats.wilson_interval(7, 7)[1] == 1.0
    for n in range(1, 40):
        for k in range(n + 1):
            low, high = stats.wilson_interval(k, n)
            assert 0.0 <= low <= k / n <= high <= 1.0


def test_wilson_no_observations_is_total_uncertainty():
    assert stats.wilson_interval(0, 0) == (0.0, 1.0)


def test_wilson_narrows_as_the_group_grows():
    widths = [high - low for low, high in (stats.wilson_interval(n // 2, n) for n in (2, 10, 50, 250))]
    assert widths == sorted(widths, reverse=True)


@pytest.mark.parametrize(("k", "n"), [(-1, 5), (6, 5), (0, -1)])
def test_wilson_rejects_impossible_counts(k, n):
    with pytest.raises(ValueError):
        stats.wilson_interval(k, n)


def test_wilson_other_confidence_level():
    # z = 1 (about 68%): p = 0.5, n = 4 -> centre 0.5, half = (1 / 1.25) * sqrt(0.0625 + 0.015625)
    low, high = stats.wilson_interval(2, 4, z=1.0)
    half = 0.8 * math.sqrt(0.078125)
    assert (low, high) == pytest.approx((0.5 - half, 0.5 + half))


def comparison() -> pd.DataFrame:
    # the fixture's Music vs everyone else (see test_compare_queries.py)
    return pd.DataFrame(
        {
            "theme_label": ["Roles", "Friction", "Simulation", "Design"],
            "a_reached": [2, 2, 1, 0],
            "a_participants": [3, 3, 3, 3],
            "a_share": [2 / 3, 2 / 3, 1 / 3, 0.0],
            "b_reached": [0, 2, 1, 2],
            "b_participants": [5, 5, 5, 5],
            "b_share": [0.0, 0.4, 0.2, 0.4],
            "difference": [2 / 3, 2 / 3 - 0.4, 1 / 3 - 0.2, -0.4],
        }
    )


def test_with_intervals_adds_bounds_and_overlap_in_order():
    frame = stats.with_intervals(comparison())
    assert list(frame.theme_label) == ["Roles", "Friction", "Simulation", "Design"]
    assert frame.loc[0, ["a_low", "a_high"]].tolist() == pytest.approx([0.2077, 0.9385], abs=5e-5)
    assert frame.loc[0, ["b_low", "b_high"]].tolist() == pytest.approx([0.0, 0.4345], abs=5e-5)
    assert frame.overlap.tolist() == [True, True, True, True]  # 3 and 5 people: nothing is certain
    assert "a_low" not in comparison()  # the input is left alone


def test_with_intervals_sees_intervals_apart():
    frame = stats.with_intervals(
        pd.DataFrame(
            {
                "a_reached": [90, 0],
                "a_participants": [100, 0],
                "b_reached": [10, 3],
                "b_participants": [100, 4],
            }
        )
    )
    assert frame.overlap.tolist() == [False, True]  # 90% vs 10% of 100 each; an empty group overlaps all
    assert (frame.a_low[1], frame.a_high[1]) == (0.0, 1.0)


def test_intervals_overlap_touching_counts():
    assert stats.intervals_overlap((0.1, 0.3), (0.3, 0.5))
    assert not stats.intervals_overlap((0.1, 0.29), (0.3, 0.5))


def test_largest_gap_takes_the_biggest_absolute_difference():
    frame = comparison()
    assert stats.largest_gap(frame).theme_label == "Roles"
    frame.loc[3, "difference"] = -0.9
    assert stats.largest_gap(frame).theme_label == "Design"
    assert stats.largest_gap(frame.assign(difference=float("nan"))) is None


def test_points_follow_the_rounded_shares():
    assert stats.points(0.806, 0.504) == 31  # shown as 81% vs 50%, though the raw gap is 30.2
    assert stats.points(0.804, 0.496) == 30  # shown as 80% vs 50%, though the raw gap is 30.8
    assert stats.points(0.0, 0.4) == -40


def test_spread_summary():
    frame = pd.DataFrame(
        {
            "theme_label": ["Friction", "Simulation", "Roles", "Design"],
            "spread": ["shared", "distinctive", "distinctive", "unvoiced"],
            "top_share": [0.5, 1.0, 1.0, None],
            "participants_reached": [2, 1, 1, 0],
        }
    )
    summary = stats.spread_summary(frame)
    assert (summary["themes"], summary["shared"], summary["distinctive"]) == (4, 1, 2)
    assert summary["top"].theme_label == "Simulation"  # ties keep codebook order
    assert stats.spread_summary(frame.assign(spread="unvoiced")) is None


# --- suppressed rows (the public audience's blanks, see findings/privacy.py) ----------------


def suppressed(frame: pd.DataFrame, row: int) -> pd.DataFrame:
    """`frame` with one row's counts blanked as findings.privacy blanks them (NA, NaN)."""
    out = frame.astype({"a_reached": "Int64", "b_reached": "Int64"})
    out.loc[row, ["a_reached", "b_reached"]] = pd.NA
    out.loc[row, ["a_share", "b_share", "difference"]] = float("nan")
    return out


def test_with_intervals_skips_suppressed_rows():
    frame = stats.with_intervals(suppressed(comparison(), 1))
    assert frame.loc[1, ["a_low", "a_high", "b_low", "b_high"]].isna().all()
    assert frame.overlap[1] is pd.NA
    assert frame.loc[0, ["a_low", "a_high"]].tolist() == pytest.approx([0.2077, 0.9385], abs=5e-5)
    assert int((~frame.overlap).sum()) == 0 and frame.overlap.sum() == 3  # the blank counts neither way


def test_suppressed_last_keeps_the_ranking_and_hides_where_blanks_sat():
    frame = comparison().assign(theme_id=["T3", "T1", "T2", "T4"])
    frame.loc[[0, 2], "difference"] = float("nan")  # Roles and Simulation suppressed
    ordered = stats.suppressed_last(frame, "difference", ["T1", "T2", "T3", "T4"])
    assert list(ordered.theme_label) == ["Friction", "Design", "Simulation", "Roles"]  # blanks by codebook
    unchanged = stats.suppressed_last(comparison(), "difference", [])
    assert list(unchanged.theme_label) == list(comparison().theme_label)


def test_spread_summary_ignores_suppressed_themes():
    frame = pd.DataFrame(
        {
            "theme_label": ["Friction", "Simulation", "Roles"],
            "spread": ["shared", None, "distinctive"],
            "top_share": [0.5, float("nan"), 0.6],
            "participants_reached": [5, 4, 5],
        }
    )
    summary = stats.spread_summary(frame)
    assert summary["top"].theme_label == "Roles" and (summary["shared"], summary["distinctive"]) == (1, 1)
    assert stats.spread_summary(frame.assign(spread=None, top_share=float("nan"))) is None


# --- the difference itself: Newcombe's interval, the score test, Holm's adjustment ---------------

#: Newcombe (1998, Statistics in Medicine 17:873-890), Table II, method 10 (hybrid score, no
#: continuity correction): the eight worked examples (a) to (h), to four decimals
NEWCOMBE_TABLE_II = [
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.0582, 0.8062)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ((0, 10, 0, 20), (-0.1611, 0.2775)),
    ((0, 10, 0, 10), (-0.2775, 0.2775)),
    ((10, 10, 0, 20), (0.6791, 1.0000)),
    ((10, 10, 0, 10), (0.6075, 1.0000)),
]


@pytest.mark.parametrize(("counts", "published"), NEWCOMBE_TABLE_II)
def test_newcombe_interval_matches_the_published_examples(counts, published):
    low, high = stats.newcombe_interval(*counts)
    assert (round(low, 4), round(high, 4)) == published


def test_newcombe_interval_is_undefined_for_an_empty_group_and_mirrors_when_swapped():
    assert all(math.isnan(v) for v in stats.newcombe_interval(1, 0, 2, 5))
    low, high = stats.newcombe_interval(56, 70, 48, 80)
    assert stats.newcombe_interval(48, 80, 56, 70) == pytest.approx((-high, -low))


def test_the_score_test_p_value_by_hand():
    # 56/70 vs 48/80: pooled 104/150; z = 0.2 / sqrt(0.69333 * 0.30667 * (1/70 + 1/80)) = 2.6502,
    # two-sided p = 2 * (1 - Phi(2.6502)) = 0.00805
    assert stats.difference_p_value(56, 70, 48, 80) == pytest.approx(0.008045, abs=1e-5)
    assert stats.difference_p_value(3, 10, 3, 10) == 1.0  # no gap
    assert stats.difference_p_value(0, 10, 0, 20) == 1.0  # nobody in either group: nothing to test
    assert math.isnan(stats.difference_p_value(1, 10, 0, 0))


def test_holm_adjusts_step_down_and_keeps_the_order():
    # sorted 0.01, 0.02, 0.03, 0.04, 0.05 -> 5x, 4x, 3x, 2x, 1x, each at least the one before
    assert stats.holm([0.01, 0.04, 0.03, 0.05, 0.02]) == pytest.approx([0.05, 0.09, 0.09, 0.09, 0.08])
    assert stats.holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])  # capped at 1


def test_holm_with_unknown_tests_is_conservative_and_tells_nothing_of_them():
    """A suppressed theme's p-value is unknown: the shown ones are adjusted as if it were larger than
    all of them, which is never less than Holm's value knowing it, whatever it is."""
    shown = [0.01, math.nan, 0.02]
    adjusted = stats.holm(shown, tests=4)
    assert (
        adjusted[0] == pytest.approx(0.04) and math.isnan(adjusted[1]) and adjusted[2] == pytest.approx(0.06)
    )
    for hidden in (0.0001, 0.015, 0.5):
        knowing = stats.holm([0.01, hidden, 0.02, 0.3])
        assert adjusted[0] >= knowing[0] - 1e-12 and adjusted[2] >= knowing[2] - 1e-12
    with pytest.raises(ValueError):
        stats.holm([0.1, 0.2], tests=1)


def test_with_intervals_says_which_gaps_are_beyond_chance_after_adjustment():
    frame = pd.DataFrame(
        {
            "a_reached": [60, 2, 2, pd.NA],
            "a_participants": [60] * 4,
            "b_reached": [0, 2, 1, 1],
            "b_participants": [5] * 4,
        }
    )
    out = stats.with_intervals(frame)
    # the suppressed row tests nothing, but counts among the 4 themes compared: the shown p-values
    # (about 7e-16, 0.00105, 0.0879) are multiplied by 4, 3 and 2, as if its own were the largest
    assert list(out["p_adjusted"].round(4)[:3]) == [0.0, 0.0031, 0.1758]
    assert list(out["differs"]) == [True, True, False, pd.NA]
    assert math.isnan(out["difference_low"].iloc[3]) and math.isnan(out["p_value"].iloc[3])
