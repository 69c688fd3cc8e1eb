"""Intercoder agreement (findings/agreement.py), against hand counts, published examples and a
second, independent computation written here."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from findings import agreement

# --- independent references: written from the definitions, not from the module -----------------


def kappa_by_table(a: list, b: list) -> float:
    """Cohen's kappa from the two coders' contingency table (pandas' crosstab)."""
    table = pd.crosstab(pd.Series(a, name="a"), pd.Series(b, name="b"))
    table = table.reindex(index=table.index.union(table.columns), columns=table.index.union(table.columns))
    table = table.fillna(0).to_numpy() / len(a)
    observed = np.trace(table)
    expected = float(table.sum(axis=1) @ table.sum(axis=0))
    return (observed - expected) / (1 - expected)


def alpha_by_pairs(units: list[list]) -> float:
    """Krippendorff's alpha = 1 - D_o / D_e, counting ordered pairs of values one by one: D_o over
    pairs within a unit (each weighted 1 / (m_u - 1)), D_e over all pairs of pairable values."""
    pairable = [[v for v in unit if v is not None] for unit in units]
    pairable = [unit for unit in pairable if len(unit) >= 2]
    every = [v for unit in pairable for v in unit]
    n = len(every)
    observed = sum(
        (x != y) / (len(unit) - 1) for unit in pairable for x, y in itertools.permutations(unit, 2)
    )
    expected = sum(x != y for x, y in itertools.permutations(every, 2)) / (n - 1)
    return 1 - observed / expected


def random_units(seed: int, units: int = 30, coders: int = 4, values: str = "abcd") -> list[list]:
    """Seeded nominal reliability data: each coder tends to give the unit's 'true' value, and
    about a fifth of the codings are missing."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(units):
        truth = rng.choice(list(values))
        unit = [truth if rng.random() < 0.7 else rng.choice(list(values)) for _ in range(coders)]
        out.append([None if rng.random() < 0.2 else str(v) for v in unit])
    return out


# --- percent agreement and Cohen's kappa --------------------------------------------------------

# The classic 2x2 table: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no (50 passages).
CLASSIC_A = ["yes"] * 25 + ["no"] * 25
CLASSIC_B = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15


def test_percent_agreement_by_hand():
    assert agreement.percent_agreement(CLASSIC_A, CLASSIC_B) == pytest.approx(35 / 50)
    assert agreement.percent_agreement([1, 1, 0, None], [1, 0, 0, 1]) == pytest.approx(
        2 / 3
    )  # blank left out
    assert agreement.percent_agreement([0, 0, 0], [0, 0, 0]) == 1.0
    assert math.isnan(agreement.percent_agreement([], []))


def test_two_coders_must_code_the_same_passages():
    with pytest.raises(ValueError):
        agreement.percent_agreement([1, 0], [1])
    with pytest.raises(ValueError):
        agreement.cohen_kappa([1, 0, 1], [1, 0])


def test_kappa_classic_table():
    # p_o = 35/50 = 0.7; A says yes 25/50, B 30/50: p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; (0.7 - 0.5) / 0.5
    assert agreement.cohen_kappa(CLASSIC_A, CLASSIC_B) == pytest.approx(0.4)


def test_kappa_krippendorff_binary_example():
    # Krippendorff (2011), section A: 4 of 10 disagree, p_o = 0.6; A applies 2/10, B 4/10:
    # p_e = 0.8 * 0.6 + 0.2 * 0.4 = 0.56; kappa = 0.04 / 0.44 = 1/11
    assert agreement.cohen_kappa(PAPER_A[0], PAPER_A[1]) == pytest.approx(1 / 11)


def test_kappa_nominal_by_hand():
    # 3 values, 6 passages, 4 agree: p_o = 2/3; A and B each give x 3, y 2, z 1 times
    # p_e = (3*3 + 2*2 + 1*1) / 36 = 14/36; kappa = (24/36 - 14/36) / (22/36) = 5/11
    a = ["x", "x", "x", "y", "y", "z"]
    b = ["x", "x", "y", "y", "x", "z"]
    assert agreement.cohen_kappa(a, b) == pytest.approx(5 / 11)


def test_kappa_perfect_agreement_is_one():
    assert agreement.cohen_kappa([1, 0, 1, 1, 0], [1, 0, 1, 1, 0]) == 1.0
    assert agreement.cohen_kappa(["a", "b", "c"], ["a", "b", "c"]) == 1.0


def test_kappa_at_chance_is_zero():
    # agreement exactly what the marginals predict: p_o = p_e = 0.5
    assert agreement.cohen_kappa([1, 1, 0, 0] * 5, [1, 0, 1, 0] * 5) == pytest.approx(0.0, abs=1e-12)
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, 2, 4000).tolist(), rng.integers(0, 2, 4000).tolist()  # independent coders
    assert abs(agreement.cohen_kappa(a, b)) < 0.05
    assert agreement.percent_agreement(a, b) == pytest.approx(0.5, abs=0.05)  # yet they agree half the time


def test_kappa_undefined_when_chance_agreement_is_certain():
    assert math.isnan(agreement.cohen_kappa([0, 0, 0, 0], [0, 0, 0, 0]))  # theme never applied
    assert math.isnan(agreement.cohen_kappa(["a"] * 3, ["a"] * 3))
    assert math.isnan(agreement.cohen_kappa([], []))
    assert math.isnan(agreement.cohen_kappa([None, 1], [0, None]))  # no passage both coded


def test_kappa_leaves_out_blank_passages():
    assert agreement.cohen_kappa(CLASSIC_A + [None, "yes"], CLASSIC_B + ["no", math.nan]) == pytest.approx(
        0.4
    )


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_kappa_agrees_with_the_contingency_table(seed):
    rng = np.random.default_rng(seed)
    a = rng.choice(list("abc"), 40).tolist()
    b = [x if rng.random() < 0.6 else rng.choice(list("abc")) for x in a]
    assert agreement.cohen_kappa(a, b) == pytest.approx(kappa_by_table(a, b), abs=1e-12)


# --- Krippendorff's alpha -----------------------------------------------------------------------

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: two observers,
# binary values, 10 units, no missing data (observer by unit, as printed).
PAPER_A = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]

# Section C: four observers, nominal values 1-5, 12 units, missing data (None).
_ = None
PAPER_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]


def by_unit(observers: list[list]) -> list[list]:
    return [list(unit) for unit in zip(*observers, strict=True)]


def test_alpha_paper_binary_example():
    # coincidences: o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6, n = 20
    # alpha = 1 - (n - 1) o_01 / (n_0 n_1) = 1 - 19 * 4 / 84 = 2/21 = 0.095
    alpha = agreement.krippendorff_alpha_nominal(by_unit(PAPER_A))
    assert round(alpha, 3) == 0.095
    assert alpha == pytest.approx(2 / 21)


def test_alpha_paper_nominal_example_with_missing_data():
    # unit 12 (one value) drops; n = 40 pairable values, n_c = 9, 13, 10, 5, 3 for values 1-5;
    # the disagreeing coincidences are 2 (unit 2) + 4 (unit 6) + 2 (unit 8) = 8, and
    # sum_{c != k} n_c n_k = 40^2 - (81 + 169 + 100 + 25 + 9) = 1216: alpha = 1 - 39 * 8 / 1216
    alpha = agreement.krippendorff_alpha_nominal(by_unit(PAPER_C))
    assert round(alpha, 3) == 0.743
    assert alpha == pytest.approx(113 / 152)


def test_alpha_takes_nan_and_na_as_missing_and_drops_lone_values():
    units = by_unit(PAPER_C)
    with_nan = [[math.nan if v is None else v for v in unit] for unit in units]
    with_na = [[pd.NA if v is None else v for v in unit] for unit in units]
    assert agreement.krippendorff_alpha_nominal(with_nan) == pytest.approx(113 / 152)
    assert agreement.krippendorff_alpha_nominal(with_na) == pytest.approx(113 / 152)
    # a unit of one value cannot be paired: adding some changes nothing (they would shift n_c)
    lonely = units + [[1, None, None], [5], [None, 4]]
    assert agreement.krippendorff_alpha_nominal(lonely) == pytest.approx(113 / 152)
    # unequal unit lengths: a coder who did not code a unit may simply not be listed
    assert agreement.krippendorff_alpha_nominal([[v for v in u if v is not None] for u in units]) == (
        pytest.approx(113 / 152)
    )


def test_alpha_perfect_agreement_is_one():
    assert agreement.krippendorff_alpha_nominal([[1, 1, 1], [0, 0], [1, None, 1], ["x", "x"]]) == 1.0


def test_alpha_undefined_without_variation_or_pairs():
    assert math.isnan(agreement.krippendorff_alpha_nominal([[0, 0, 0], [0, 0], [0, None]]))  # theme unused
    assert math.isnan(agreement.krippendorff_alpha_nominal([[1, 1], [1, 1]]))  # applied everywhere
    assert math.isnan(agreement.krippendorff_alpha_nominal([[1], [0, None], []]))  # nothing pairable
    assert math.isnan(agreement.krippendorff_alpha_nominal([]))


def test_alpha_below_zero_for_systematic_disagreement():
    # every unit split: o_01 = o_10 = 3, n_0 = n_1 = 3, n = 6: alpha = 1 - 5 * 3 / 9 = -2/3
    assert agreement.krippendorff_alpha_nominal([[0, 1], [1, 0], [0, 1]]) == pytest.approx(-2 / 3)


@pytest.mark.parametrize("seed", [11, 12, 13, 14, 15])
def test_alpha_agrees_with_counting_pairs(seed):
    units = random_units(seed)
    assert agreement.krippendorff_alpha_nominal(units) == pytest.approx(alpha_by_pairs(units), abs=1e-12)


def test_alpha_reference_on_the_paper_examples():
    # the test's own reference reproduces the published values, so it can be trusted on random data
    assert alpha_by_pairs(by_unit(PAPER_C)) == pytest.approx(113 / 152)
    assert alpha_by_pairs(by_unit(PAPER_A)) == pytest.approx(2 / 21)


# --- themes over passages -----------------------------------------------------------------------
#
# Passages p1, p2 read by ann, ben and cat; p3, p4 by ann and ben; p5 by cat alone (counts nowhere).
# Present (1) / absent (0) per reader, in the order ann, ben, cat:
#   T1  p1 111  p2 100  p3 11  p4 00   (p5: cat applied it, ignored)
#   T2  p1 110  p2 000  p3 01  p4 11
#   T3  nobody applied it;  T4 applied only on p5, by cat
CODED = pd.DataFrame(
    [(p, c) for p in ("p1", "p2") for c in ("ann", "ben", "cat")]
    + [(p, c) for p in ("p3", "p4") for c in ("ann", "ben")]
    + [("p5", "cat")],
    columns=["passage", "coder"],
)
CODINGS = pd.DataFrame(
    [
        ("p1", "ann", "T1"),
        ("p1", "ben", "T1"),
        ("p1", "cat", "T1"),
        ("p2", "ann", "T1"),
        ("p3", "ann", "T1"),
        ("p3", "ben", "T1"),
        ("p5", "cat", "T1"),
        ("p1", "ann", "T2"),
        ("p1", "ben", "T2"),
        ("p3", "ben", "T2"),
        ("p4", "ann", "T2"),
        ("p4", "ben", "T2"),
        ("p5", "cat", "T4"),
    ],
    columns=["passage", "coder", "theme"],
)
CODEBOOK = ["T1", "T2", "T3", "T4"]


def test_theme_agreement_by_hand():
    frame = agreement.theme_agreement(CODINGS, CODED, CODEBOOK).set_index("theme")
    assert list(frame.index) == CODEBOOK
    assert frame.passages.tolist() == [4, 4, 4, 4]  # p5, read by cat alone, is not one of them
    assert frame.applied.tolist() == [3, 3, 0, 0]
    # T1: all readers agree on p1, p3, p4, not p2. Coincidences o_11 = 3 + 2, o_00 = 1 + 2,
    # o_01 = o_10 = 1; n_1 = 6, n_0 = 4, n = 10: alpha = 1 - 9 * (10 - 8) / (100 - 36 - 16) = 0.625
    assert frame.loc["T1", "percent_agreement"] == pytest.approx(0.75)
    assert frame.loc["T1", "alpha"] == pytest.approx(0.625)
    assert frame.loc["T1", "disagreements"] == 1
    # T2: agree on p2, p4. o_11 = 1 + 2, o_00 = 3, o_01 = o_10 = 1 + 1; n_1 = n_0 = 5:
    # alpha = 1 - 9 * (10 - 6) / (100 - 25 - 25) = 0.28
    assert frame.loc["T2", "percent_agreement"] == pytest.approx(0.5)
    assert frame.loc["T2", "alpha"] == pytest.approx(0.28)
    assert frame.loc["T2", "disagreements"] == 2
    assert frame.kappa.isna().all()  # three coders read p1 and p2: no Cohen's kappa
    for theme in ("T3", "T4"):  # nothing applied where two read: undefined, not 100% agreement
        assert frame.loc[theme, ["percent_agreement", "kappa", "alpha"]].isna().all()
        assert frame.loc[theme, "disagreements"] == 0


def test_theme_agreement_without_a_codebook_lists_the_applied_themes():
    frame = agreement.theme_agreement(CODINGS, CODED)
    assert frame.theme.tolist() == ["T1", "T2", "T4"]  # T3 was never applied anywhere
    assert math.isnan(frame.alpha[2])


def test_theme_agreement_two_coders_gives_kappa():
    # Krippendorff's binary example as one theme over ten passages read by A and B
    coded = pd.DataFrame([(p, c) for p in range(10) for c in ("A", "B")], columns=["passage", "coder"])
    codings = pd.DataFrame(
        [(p, coder, "T") for coder, row in zip("AB", PAPER_A, strict=True) for p, v in enumerate(row) if v],
        columns=["passage", "coder", "theme"],
    )
    row = agreement.theme_agreement(codings, coded).iloc[0]
    assert (row.passages, row.applied, row.disagreements) == (10, 5, 4)
    assert row.percent_agreement == pytest.approx(0.6)
    assert row.kappa == pytest.approx(1 / 11)
    assert row.alpha == pytest.approx(2 / 21)


def test_theme_agreement_with_no_passage_read_twice():
    frame = agreement.theme_agreement(
        CODINGS[CODINGS.passage == "p5"], CODED[CODED.passage == "p5"], CODEBOOK
    )
    assert frame.passages.tolist() == [0, 0, 0, 0]
    assert frame[["percent_agreement", "kappa", "alpha"]].isna().all().all()


def test_codings_must_come_from_readers_and_the_codebook():
    stray = pd.concat([CODINGS, pd.DataFrame([("p4", "cat", "T1")], columns=CODINGS.columns)])
    with pytest.raises(ValueError, match="not listed as having read"):
        agreement.theme_agreement(stray, CODED)
    with pytest.raises(ValueError, match="not in `themes`"):
        agreement.theme_agreement(CODINGS, CODED, ["T1", "T2"])


def test_a_coding_repeated_counts_once():
    twice = pd.concat([CODINGS, CODINGS.head(3)])
    pd.testing.assert_frame_equal(
        agreement.theme_agreement(twice, CODED, CODEBOOK), agreement.theme_agreement(CODINGS, CODED, CODEBOOK)
    )


def test_disagreements_list_who_applied_and_who_did_not():
    frame = agreement.disagreements(CODINGS, CODED, CODEBOOK)
    assert frame.to_dict("records") == [
        {"passage": "p1", "theme": "T2", "applied": ("ann", "ben"), "not_applied": ("cat",)},
        {"passage": "p2", "theme": "T1", "applied": ("ann",), "not_applied": ("ben", "cat")},
        {"passage": "p3", "theme": "T2", "applied": ("ben",), "not_applied": ("ann",)},
    ]
    counts = frame.theme.value_counts()
    summary = agreement.theme_agreement(CODINGS, CODED, CODEBOOK).set_index("theme")
    assert summary.disagreements.tolist() == [counts.get(theme, 0) for theme in CODEBOOK]


def test_disagreements_empty_when_all_agree():
    agreed = CODINGS[CODINGS.passage.isin(["p4", "p5"])]
    frame = agreement.disagreements(agreed, CODED)
    assert frame.empty and list(frame.columns) == ["passage", "theme", "applied", "not_applied"]


def random_codings(seed: int, passages: int = 40, themes: int = 4) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Seeded codings: each passage read by two or three of four coders (some by one), each theme
    truly present or not, and a reader who sees it as it is 85% of the time."""
    rng = np.random.default_rng(seed)
    coded, codings = [], []
    for p in range(passages):
        readers = rng.choice(["ann", "ben", "cat", "dan"], size=rng.integers(1, 4), replace=False)
        for coder in readers:
            coded.append((f"p{p}", coder))
        for t in range(themes):
            truth = rng.random() < 0.4
            for coder in readers:
                if truth == (rng.random() < 0.85):
                    codings.append((f"p{p}", coder, f"T{t}"))
    return pd.DataFrame(codings, columns=["passage", "coder", "theme"]), pd.DataFrame(
        coded, columns=["passage", "coder"]
    )


def units_by_hand(codings: pd.DataFrame, coded: pd.DataFrame, theme: str) -> list[list]:
    """One unit per passage read by two or more coders: 1 for each reader who applied `theme`, else 0."""
    readers = coded.groupby("passage")["coder"].apply(set)
    readers = readers[readers.map(len) >= 2]
    applied = codings[codings.theme == theme].groupby("passage")["coder"].apply(set)
    return [[int(c in applied.get(p, set())) for c in sorted(cs)] for p, cs in readers.items()]


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_theme_and_pooled_alpha_agree_with_counting_pairs(seed):
    codings, coded = random_codings(seed)
    frame = agreement.theme_agreement(codings, coded).set_index("theme")
    pooled = []
    for theme in frame.index:
        units = units_by_hand(codings, coded, theme)
        assert frame.loc[theme, "alpha"] == pytest.approx(alpha_by_pairs(units), abs=1e-12)
        pooled += units
    assert agreement.pooled_alpha(codings, coded, draws=10)["alpha"] == pytest.approx(
        alpha_by_pairs(pooled), abs=1e-12
    )


# --- pooled alpha and its bootstrap interval ----------------------------------------------------


def test_pooled_alpha_by_hand_leaves_out_unused_themes():
    # T1 and T2 pooled (T3, T4 never applied on p1-p4): n = 20, equal coincidences 8 + 6 = 14,
    # n_1 = 11, n_0 = 9: alpha = 1 - 19 * 6 / (400 - 121 - 81) = 14/33. With T3 and T4's 20
    # agreed absences it would read 1 - 39 * 6 / (1600 - 121 - 841) = 0.633.
    pooled = agreement.pooled_alpha(CODINGS, CODED, CODEBOOK)
    assert pooled["alpha"] == pytest.approx(14 / 33)
    assert (pooled["passages"], pooled["themes"], pooled["units"]) == (4, 2, 8)
    units = [u for t in ("T1", "T2") for u in units_by_hand(CODINGS, CODED, t)]
    assert agreement.krippendorff_alpha_nominal(units) == pytest.approx(14 / 33)


def test_bootstrap_interval_is_reproducible_and_holds_the_estimate():
    codings, coded = random_codings(5, passages=60)
    first = agreement.pooled_alpha(codings, coded)
    assert agreement.pooled_alpha(codings, coded, seed=0) == first
    assert first["low"] < first["alpha"] < first["high"]
    assert 0.3 < first["alpha"] < 0.9  # the coders agree well beyond chance, not perfectly
    other = agreement.pooled_alpha(codings, coded, seed=1)
    assert other["alpha"] == first["alpha"]
    assert (other["low"], other["high"]) != (first["low"], first["high"])
    assert other["low"] == pytest.approx(first["low"], abs=0.05)  # another seed, much the same interval


def test_bootstrap_narrows_with_more_passages():
    codings, coded = random_codings(5, passages=60)
    few = agreement.pooled_alpha(codings, coded)
    # the same passages four times over (new ids): nearly the same alpha (only n - 1 vs n moves it)
    copies = [
        (codings.assign(passage=codings.passage + f"-{k}"), coded.assign(passage=coded.passage + f"-{k}"))
        for k in range(4)
    ]
    many = agreement.pooled_alpha(pd.concat([c for c, _ in copies]), pd.concat([r for _, r in copies]))
    assert many["alpha"] == pytest.approx(few["alpha"], abs=0.01)
    assert many["high"] - many["low"] < 0.7 * (few["high"] - few["low"])


def passage_tallies(codings: pd.DataFrame, coded: pd.DataFrame) -> list[dict]:
    """Each passage read twice or more, as the agreement query gives it to resample: its pairable
    values, those present and the unequal coincidences over the themes applied anywhere."""
    readers = coded.drop_duplicates().groupby("passage")["coder"].nunique()
    readers = readers[readers >= 2]
    applied = codings[codings["passage"].isin(readers.index)].drop_duplicates()
    used = applied["theme"].nunique()
    n = applied.groupby(["passage", "theme"])["coder"].nunique()
    rows = []
    for passage, m in readers.items():
        present = n[passage] if passage in n.index.get_level_values(0) else pd.Series(dtype=int)
        rows.append(
            {
                "pairable": m * used,
                "present": int(present.sum()),
                "disagreeing": float(sum(2 * k * (m - k) / (m - 1) for k in present)),
                "passages": 1,
            }
        )
    return rows


def grouped(rows: list[dict]) -> list[dict]:
    """The same tallies, each distinct one once with how many passages have it."""
    frame = (
        pd.DataFrame(rows).groupby(["pairable", "present", "disagreeing"], as_index=False)["passages"].sum()
    )
    return frame.to_dict("records")


def test_the_app_s_interval_resamples_passages_as_the_pure_bootstrap_does():
    """The app draws a Poisson count per distinct tally (findings/db.py); that is a passage-level
    Poisson bootstrap, so its interval matches the per-passage resample of pooled_alpha."""
    codings, coded = random_codings(5, passages=80)
    rows = passage_tallies(codings, coded)
    pure = agreement.pooled_alpha(codings, coded, draws=4000)
    by_passage = agreement.resampled_interval(rows, draws=4000)
    by_tally = agreement.resampled_interval(grouped(rows), draws=4000)
    assert len(grouped(rows)) < len(rows) / 2  # fewer numbers drawn than passages
    pairable, present, disagreeing = (sum(r[k] for r in rows) for k in ("pairable", "present", "disagreeing"))
    alpha = 1 - (pairable - 1) * disagreeing / (2 * present * (pairable - present))
    assert alpha == pytest.approx(pure["alpha"])  # the tallies are the alpha's own
    for low, high in (by_passage, by_tally):
        assert low == pytest.approx(pure["low"], abs=0.03) and high == pytest.approx(pure["high"], abs=0.03)
        assert low < pure["alpha"] < high
    assert agreement.resampled_interval(grouped(rows)) == agreement.resampled_interval(grouped(rows))
    assert agreement.resampled_interval(grouped(rows), seed=1) != agreement.resampled_interval(grouped(rows))


def test_the_app_s_interval_narrows_with_more_passages_and_is_undefined_without_variation():
    codings, coded = random_codings(5, passages=60)
    rows = grouped(passage_tallies(codings, coded))
    low, high = agreement.resampled_interval(rows)
    four = [{**row, "passages": 4 * row["passages"]} for row in rows]
    low4, high4 = agreement.resampled_interval(four)
    assert high4 - low4 < 0.7 * (high - low)
    # every passage with every theme present: nothing varies, nothing to say
    unanimous = [{"pairable": 4, "present": 4, "disagreeing": 0.0, "passages": 30}]
    assert all(math.isnan(v) for v in agreement.resampled_interval(unanimous))
    assert all(math.isnan(v) for v in agreement.resampled_interval([]))
    with pytest.raises(ValueError):
        agreement.resampled_interval(rows, draws=0)


def test_pooled_alpha_undefined_when_nothing_was_applied():
    nothing = CODINGS.iloc[0:0]
    pooled = agreement.pooled_alpha(nothing, CODED, CODEBOOK)
    assert math.isnan(pooled["alpha"]) and math.isnan(pooled["low"]) and math.isnan(pooled["high"])
    assert (pooled["passages"], pooled["themes"]) == (4, 0)
    with pytest.raises(ValueError):
        agreement.pooled_alpha(CODINGS, CODED, draws=0)
