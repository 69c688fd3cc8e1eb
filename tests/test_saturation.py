"""Thematic saturation by base and runs (findings/saturation.py), on units whose new themes are
counted by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from findings import saturation
from findings.saturation import EMPTY_BASE, NOT_ASSESSABLE, NOT_REACHED, REACHED, TOO_FEW_UNITS


def themes(first: int, last: int) -> set[str]:
    return {f"T{i:02d}" for i in range(first, last + 1)}


# Nine sessions in the order they took place. New themes, by hand:
#   S1: T01-T08                  8 new  ->  8 so far
#   S2: T05-T12                  4 new (T09-T12)  -> 12
#   S3: T10-T16                  4 new (T13-T16)  -> 16
#   S4: T01, T17-T20             4 new (T17-T20)  -> 20   the base (S1-S4): 20 themes
#   S5: T02, T21, T22            2 new  -> 22
#   S6: T03, T23                 1 new  -> 23
#   S7: T04, T21                 0 new  -> 23
#   S8: T24, T25                 2 new  -> 25
#   S9: T05                      0 new  -> 25              25 themes in all
# Runs of two, one unit apart, against the base's 20 themes:
#   S5-S6: 3 new -> 15%;  S6-S7: 1 new -> 5%;  S7-S8: 2 new -> 10%;  S8-S9: 2 new -> 10%
UNITS = [
    ("S1", themes(1, 8)),
    ("S2", themes(5, 12)),
    ("S3", themes(10, 16)),
    ("S4", {"T01"} | themes(17, 20)),
    ("S5", {"T02", "T21", "T22"}),
    ("S6", {"T03", "T23"}),
    ("S7", {"T04", "T21"}),
    ("S8", {"T24", "T25"}),
    ("S9", {"T05"}),
]


def test_new_themes_per_unit():
    result = saturation.saturation(UNITS)
    units = result.units
    assert units.unit.tolist() == [f"S{i}" for i in range(1, 10)]
    assert units.position.tolist() == list(range(1, 10))
    assert units.new.tolist() == [8, 4, 4, 4, 2, 1, 0, 2, 0]
    assert units.cumulative.tolist() == [8, 12, 16, 20, 22, 23, 23, 25, 25]
    assert units.share.tolist() == pytest.approx(
        [n / 25 for n in [8, 12, 16, 20, 22, 23, 23, 25, 25]], rel=1e-15
    )
    assert units.new_themes[1] == ("T09", "T10", "T11", "T12")
    assert units.new_themes[4] == ("T21", "T22") and units.new_themes[6] == ()


def test_where_each_theme_first_appeared():
    first = saturation.saturation(UNITS).themes.set_index("theme")
    assert len(first) == 25
    assert first.first_unit["T01"] == "S1" and first.first_unit["T12"] == "S2"
    assert first.first_unit["T21"] == "S5"  # seen again in S7: still S5's
    assert (first.first_unit["T24"], first.position["T24"]) == ("S8", 8)
    assert first.index.tolist()[:9] == [f"T{i:02d}" for i in range(1, 10)]  # in order of first appearance


def test_saturation_reached_with_the_paper_defaults():
    result = saturation.saturation(UNITS)
    assert (result.base, result.run, result.threshold) == (4, 2, 0.05)
    assert result.base_themes == 20
    assert result.runs.first_unit.tolist() == ["S5", "S6", "S7", "S8"]
    assert result.runs.last_unit.tolist() == ["S6", "S7", "S8", "S9"]
    assert result.runs.new.tolist() == [3, 1, 2, 2]
    assert result.runs.ratio.tolist() == [3 / 20, 1 / 20, 2 / 20, 2 / 20]  # the base's 20, fixed
    assert result.runs.meets.tolist() == [False, True, False, False]  # 1/20 is exactly 5%: at or below
    assert result.status == REACHED and result.reason is None
    assert (result.at, result.at_position) == ("S7", 7)  # the last unit of run S6-S7
    # (runs step one unit at a time: back-to-back runs, S5-S6 then S7-S8, would see 15% and 10%)


def test_the_denominator_is_the_base_not_the_themes_so_far():
    # S6-S7 brings 1 new theme: 1/20 = 5% against the base, 1/22 = 4.5% against the 22 seen
    # before the run. At 4.9% only the second would meet the threshold.
    result = saturation.saturation(UNITS, threshold=0.049)
    assert result.status == NOT_REACHED and result.at is None and result.at_position is None
    assert result.runs.meets.tolist() == [False, False, False, False]


def test_saturation_not_reached_at_zero_new_information():
    # the paper's stricter threshold: no run of two brings no new theme at all
    result = saturation.saturation(UNITS, threshold=0.0)
    assert result.status == NOT_REACHED and result.reason is None and result.at is None


def test_longer_runs_and_another_base():
    # runs of three: S5-S7 3 new (15%), S6-S8 3 (15%), S7-S9 2 (10%): not at 5%, at 10% at S9
    assert saturation.saturation(UNITS, run=3).runs.new.tolist() == [3, 3, 2]
    assert saturation.saturation(UNITS, run=3).status == NOT_REACHED
    assert saturation.saturation(UNITS, run=3, threshold=0.10).at == "S9"
    # a base of two (S1-S2: 12 themes), runs of two: S3-S4 8 new, S4-S5 6, S5-S6 3, S6-S7 1 (1/12)
    result = saturation.saturation(UNITS, base=2, threshold=0.1)
    assert result.base_themes == 12
    assert result.runs.new.tolist()[:4] == [8, 6, 3, 1]
    assert (result.status, result.at, result.at_position) == (REACHED, "S7", 7)


def test_a_mapping_in_order_is_read_like_a_list():
    from_mapping = saturation.saturation(dict(UNITS))
    from_list = saturation.saturation(UNITS)
    pd.testing.assert_frame_equal(from_mapping.units, from_list.units)
    pd.testing.assert_frame_equal(from_mapping.runs, from_list.runs)
    assert from_mapping.at == from_list.at


def test_too_few_units_is_not_assessable():
    result = saturation.saturation(UNITS[:5])  # a base of 4 needs 4 + 2 units
    assert (result.status, result.reason) == (NOT_ASSESSABLE, TOO_FEW_UNITS)
    assert result.runs.empty and list(result.runs.columns) == [
        "first_unit",
        "last_unit",
        "new",
        "ratio",
        "meets",
    ]
    assert result.at is None and result.at_position is None
    assert result.units.new.tolist() == [8, 4, 4, 4, 2]  # the counts are still given
    assert result.base_themes == 20
    # exactly base + run units: one run, S5-S6, at 15%
    six = saturation.saturation(UNITS[:6])
    assert six.status == NOT_REACHED and six.runs.ratio.tolist() == [3 / 20]


def test_fewer_units_than_the_base():
    result = saturation.saturation(UNITS[:2])
    assert (result.status, result.reason) == (NOT_ASSESSABLE, TOO_FEW_UNITS)
    assert result.base_themes == 12  # the base's themes over the units there are
    assert result.units.share.tolist() == [8 / 12, 1.0]
    nothing = saturation.saturation([])
    assert (nothing.status, nothing.reason) == (NOT_ASSESSABLE, TOO_FEW_UNITS)
    assert nothing.units.empty and nothing.themes.empty and nothing.base_themes == 0


def test_a_base_with_no_theme_is_not_assessable():
    units = [(f"S{i}", set()) for i in range(1, 7)]
    result = saturation.saturation(units)
    assert (result.status, result.reason) == (NOT_ASSESSABLE, EMPTY_BASE)
    assert all(math.isnan(share) for share in result.units.share)  # no theme anywhere: no share
    late = saturation.saturation(units[:5] + [("S6", {"T01"})])
    assert (late.status, late.reason) == (NOT_ASSESSABLE, EMPTY_BASE)
    assert late.units.share.tolist()[-1] == 1.0


@pytest.mark.parametrize(
    "arguments",
    [{"base": 0}, {"run": 0}, {"threshold": -0.01}, {"threshold": 1.5}],
)
def test_impossible_parameters(arguments):
    with pytest.raises(ValueError):
        saturation.saturation(UNITS, **arguments)


def test_a_unit_listed_twice_or_themes_given_as_one_string():
    with pytest.raises(ValueError, match="once"):
        saturation.saturation([*UNITS, ("S1", {"T99"})])
    with pytest.raises(ValueError, match="string"):
        saturation.saturation([("S1", "T01")])
