"""Differencing: no small count can be learned from two public views (issue #11, point 1).

The attack: a visitor opens `/?session=S1` and the same URL with every discipline but one
selected; the difference is the hidden discipline's count, however well each view suppresses its
own small cells. The defence (findings/privacy.py, the cell key method): every public count moves
by a fixed amount set by the people it rests on, so the same group always shows the same number,
and the difference of two views is the hidden count plus noise. These tests run the attack on the
bundled sample, with a scanner that tries every pair of filter states over two dimensions.
"""

from __future__ import annotations

import itertools
from collections import Counter

import duckdb
import pandas as pd
import pytest
from apptest import BUNDLED, open_app
from conftest import EXAMPLE_VALUES, bundled_values

from findings import privacy
from findings.app.context import PageContext
from findings.filters import Filters

K = 3


@pytest.fixture(scope="module")
def people():
    return duckdb.sql(f"select * from read_parquet('{BUNDLED / 'participants.parquet'}')").df()


def context(sample, audience="public", k=K, **selected) -> PageContext:
    database, report = sample
    return PageContext(database, report, Filters.of(**selected), "en", {}, audience, k)


# --- the noise itself ---------------------------------------------------------------------------


def test_the_noise_is_fixed_by_the_people_and_the_count():
    keys = privacy.CellKeys(b"a secret", everyone=91)
    assert keys.noise("people", 12345, 7) == keys.noise("people", 12345, 7)
    draws = [keys.noise("people", key, 7) for key in range(20000)]
    assert len(set(draws)) > 5  # different people, different noise
    other = privacy.CellKeys(b"another secret", everyone=91)
    assert [other.noise("people", key, 7) for key in range(200)] != draws[:200]


def test_the_noise_is_small_symmetric_and_unbounded():
    keys = privacy.CellKeys(b"a secret")
    draws = Counter(keys.noise("excerpts", key, 40) for key in range(40000))
    share = {e: n / 40000 for e, n in draws.items()}
    zero = (1 - privacy.ALPHA) / (1 + privacy.ALPHA)
    assert abs(share[0] - zero) < 0.015
    assert abs(share[1] - share[-1]) < 0.015 and abs(share[2] - share[-2]) < 0.01
    assert abs(sum(e * n for e, n in draws.items()) / 40000) < 0.05
    # no bound an attacker could pin a count against: every difference of two views is possible
    assert max(draws) >= 5 and min(draws) <= -5


def test_zero_everyone_and_the_floor():
    keys = privacy.CellKeys(b"a secret", everyone=91)
    assert keys.perturbed("people", 99, 0, K) == 0
    assert keys.perturbed("people", 99, 91, K) == 91
    assert all(keys.perturbed("people", key, 3, K) >= K for key in range(2000))
    assert all(keys.perturbed("excerpts", key, 1, K) >= 1 for key in range(2000))
    assert privacy.blanked(keys.perturbed("people", 99, pd.NA, K))


def test_the_secret_comes_from_the_deployment_or_the_private_table(monkeypatch, tmp_path):
    private = tmp_path / "participants.parquet"
    private.write_bytes(b"one version")
    monkeypatch.delenv(privacy.SECRET_ENV, raising=False)
    first = privacy.secret([private])
    private.write_bytes(b"another version")
    assert privacy.secret([private]) != first
    monkeypatch.setenv(privacy.SECRET_ENV, "set by the deployment")
    assert privacy.secret([private]) == b"set by the deployment"


# --- declarations ----------------------------------------------------------------------------------


def test_every_people_count_a_cell_rests_on_is_perturbed():
    """A count of people the public may see (a cell's support) has noise declared, with its key."""
    for name, specs in privacy.CELLS.items():
        noisy = {
            column
            for spec in privacy.NOISE.get(name, ())
            for column in ((spec.column,) if isinstance(spec, privacy.NoisyList) else spec.people)
        }
        for spec in specs:
            columns = (
                (spec.column,)
                if isinstance(spec, privacy.ListCells)
                else tuple(people for _count, people in spec.parts)
                if isinstance(spec, privacy.Parts)
                else spec.support
            )
            assert set(columns) <= noisy, f"{name}: {sorted(set(columns) - noisy)} shown exactly"


def test_every_declared_key_is_returned_and_no_page_sees_one(sample):
    database, _report = sample
    for name, specs in privacy.NOISE.items():
        raw = database.run(name, {**context(sample).filters.params(), **EXAMPLE_VALUES, "theme": []})
        for spec in specs:
            if isinstance(spec, privacy.Places):
                wanted = (spec.column, spec.people, spec.keys)
            elif isinstance(spec, privacy.NoisyList):
                wanted = (spec.column, spec.keys)
            else:
                wanted = (spec.key + privacy.KEY_SUFFIX,)
            for column in wanted:
                assert column in raw.columns, f"{name} returns no {column}"
        for audience in ("public", "research"):
            shown = context(sample, audience).run(name, **{**EXAMPLE_VALUES, "theme": []})
            assert not privacy.internal(shown.columns), (name, audience, privacy.internal(shown.columns))
            assert privacy.PERTURBED not in shown.columns


def test_a_key_is_the_exclusive_or_of_the_people_it_counts(sample, people):
    """Checked from outside the queries: the keys of a session's people, and of those who spoke."""
    database, _report = sample
    for session in sorted(people.session_id.unique())[:2]:
        ids = people[people.session_id == session].participant_id.tolist()
        expected = duckdb.execute(
            "select bit_xor(hash(id)) from unnest($ids) as t(id)", {"ids": ids}
        ).fetchone()[0]
        row = database.run("headline", {**context(sample, session=[session]).filters.params()})
        assert int(row.participants_key.iloc[0]) == expected
        assert row.participants.iloc[0] == len(ids)
    nobody = database.run("headline", context(sample, session=["no such session"]).filters.params())
    assert nobody.participants.iloc[0] == 0 and privacy._key_int(nobody.participants_key.iloc[0]) == 0


def test_the_research_audience_and_a_zero_threshold_stay_exact(sample):
    database, _report = sample
    selected = {"session": ["S1"], "discipline": ["Music"]}
    for name in privacy.NOISE:
        extra = {**EXAMPLE_VALUES, "theme": []}
        raw = privacy.without_internal(
            database.run(
                name,
                {
                    **context(sample, **selected).filters.params(),
                    "lang": "en",
                    **extra,
                    "audience": "research",
                },
            )
        )
        research = context(sample, "research", **selected).run(name, **extra)
        pd.testing.assert_frame_equal(research.drop(columns=privacy.SUPPRESSED, errors="ignore"), raw)
        off = context(sample, "public", 0, **selected)
        off.run(name, **extra)
        assert not off.perturbed, name


# --- the same group shows the same number, whatever the route -------------------------------------


def test_one_group_by_two_routes_shows_one_number(sample, people):
    disciplines = sorted(people.discipline.unique())
    for session in sorted(people.session_id.unique()):
        plain = context(sample, session=[session]).run("headline").iloc[0]
        every = context(sample, session=[session], discipline=disciplines).run("headline").iloc[0]
        assert plain.participants == every.participants
        # (a discipline filter drops the group passages, which have no speaker: other excerpts)
        plain_words = context(sample, session=[session], role=sorted(people.role.unique()))
        assert plain_words.run("headline").iloc[0].excerpts == every.excerpts
        # and the Sessions page's roster shows that session's people as the headline does
        roster = context(sample).run("session_roster").set_index("session_id")
        assert roster.at[session, "participants"] == plain.participants


def test_the_count_of_everyone_is_exact_and_the_page_says_the_rest_are_protected(sample, people):
    ctx = context(sample)
    head = ctx.run("headline").iloc[0]
    assert head.participants == len(people)
    ctx.run("theme_prevalence")
    assert ctx.perturbed  # each theme's reach is protected, and the page says so
    filtered = context(sample, session=["S1"])
    filtered.run("headline")
    assert filtered.perturbed


def test_the_whole_set_is_exact(sample):
    head = context(sample).run("headline").iloc[0]
    assert head.excerpts == head.excerpts_total and head.code_applications == head.code_applications_total
    assert head.participants == head.participants_total


@pytest.mark.parametrize(
    ("k", "lang", "said"),
    [
        ("3", "en", "Counts protected against comparing views"),
        ("3", "fr", "Effectifs protégés contre la comparaison de vues"),
        ("0", "en", None),
    ],
)
def test_the_page_says_when_its_numbers_are_protected(monkeypatch, k, lang, said):
    monkeypatch.setenv("FINDINGS_MIN_CELL", k)
    at = open_app(monkeypatch, BUNDLED, "views/themes.py", session="S1", lang=lang)
    assert not at.exception
    scope = [c for c in at.caption if "91" in c.value]
    assert scope, "no scope line"
    if said is None:
        assert not any("protect" in c.value.lower() for c in at.caption)
        return
    assert said in scope[0].value
    assert scope[0].help.startswith("Counts in this public view" if lang == "en" else "Les effectifs")


# --- the attack: every pair of filter states over two dimensions ---------------------------------


def selections(values):
    """What a visitor may pick on one dimension: nothing, one value, or all but one."""
    yield ()
    for value in values:
        yield (value,)
    for value in values:
        yield tuple(v for v in values if v != value)


COLUMNS = {"session": "session_id", "discipline": "discipline", "role": "role"}


def scan(sample, people, first: str, second: str, measures=("participants", "excerpts"), k: int = K):
    """Every pair of filter states over `first` x `second` whose people differ by a group of 1 to
    K - 1, as a public served with FINDINGS_MIN_CELL = `k` sees them: returns, per measure, (pairs
    tried, pairs where the public difference is the true one, pairs an attacker could know to be
    exact)."""
    values = {dim: sorted(people[COLUMNS[dim]].dropna().unique()) for dim in (first, second)}
    everyone = len(people)
    views = []
    for a, b in itertools.product(selections(values[first]), selections(values[second])):
        selected = {first: list(a), second: list(b)}
        kept = people
        for dim, chosen in selected.items():
            if chosen:
                kept = kept[kept[COLUMNS[dim]].isin(chosen)]
        ctx = context(sample, k=k, **selected)
        shown = ctx.run("headline").iloc[0]
        truth = context(sample, "research", **selected).run("headline").iloc[0]
        views.append((frozenset(kept.participant_id), shown, truth, ctx.perturbed))
    tried, right, known = Counter(), Counter(), Counter()
    for (big, shown_a, true_a, moved_a), (small, shown_b, true_b, moved_b) in itertools.permutations(
        views, 2
    ):
        if not small < big or not 0 < len(big - small) < K:
            continue
        for measure in measures:
            a, b = shown_a[measure], shown_b[measure]
            if privacy.blanked(a) or privacy.blanked(b):
                continue
            tried[measure] += 1
            right[measure] += int(a - b == true_a[measure] - true_b[measure])
            exact_a = not moved_a or (measure == "participants" and a in (0, everyone))
            exact_b = not moved_b or (measure == "participants" and b in (0, everyone))
            known[measure] += int(exact_a and exact_b)
    return tried, right, known


@pytest.mark.parametrize("first, second", [("session", "discipline"), ("session", "role")])
def test_no_pair_of_views_gives_a_small_group_back(sample, people, first, second):
    tried, right, known = scan(sample, people, first, second)
    for measure in ("participants", "excerpts"):
        assert tried[measure] > 20, f"the scan found too few {measure} pairs to try ({tried[measure]})"
        # nobody can know a difference to be exact: both numbers carry noise the page declares
        assert known[measure] == 0, f"{known[measure]} {measure} pairs recover a small group exactly"
        # and taking the difference at face value is mostly wrong
        assert right[measure] / tried[measure] < 0.6, (measure, right[measure], tried[measure])


def test_the_scanner_would_see_exact_recovery(sample, people):
    """With protection off (k = 0 keeps every count exact) the same scan recovers every group."""
    tried, right, known = scan(sample, people, "session", "discipline", measures=("participants",), k=0)
    assert tried["participants"] > 20
    assert right["participants"] == tried["participants"] == known["participants"]


def test_a_theme_total_minus_its_shown_themes_is_not_the_hidden_one(sample, people):
    """The single-view attack of issue #11: the caption's total minus the themes shown gives the
    suppressed themes' code applications. Now both sides carry noise."""
    tried = right = 0
    for dim in ("discipline", "role", "session"):
        for value in sorted(people[COLUMNS[dim]].dropna().unique()):
            ctx = context(sample, **{dim: [value]})
            themes = ctx.run("theme_prevalence")
            hidden = themes.code_applications.isna()
            total = ctx.run("headline").iloc[0].code_applications
            if not hidden.any() or privacy.blanked(total):
                continue
            truth = context(sample, "research", **{dim: [value]}).run("theme_prevalence")
            tried += 1
            shown_sum = int(themes.code_applications.dropna().sum())
            right += int(total - shown_sum == int(truth.code_applications[hidden].sum()))
    assert tried >= 3
    assert right / tried < 0.6, (right, tried)


def small_cells(people, first: str, second: str):
    """(value of first, value of second, the other values of second) for every cell of 1 to K - 1."""
    sizes = people.groupby([COLUMNS[first], COLUMNS[second]]).size()
    everything = sorted(people[COLUMNS[second]].dropna().unique())
    for (a, b), size in sizes.items():
        if 0 < size < K:
            yield a, b, [v for v in everything if v != b]


def test_counts_of_places_do_not_tell_whether_one_person_was_there(sample, people):
    """Sessions, venues and disciplines are not people, but a count of them under a filter says
    whether someone was there: a session with and without its lone Music participant must count the
    same disciplines voicing each theme, and a discipline with and without its lone member of a
    session the same sessions for each rule and in the headline: a place of fewer than k people never
    counts. (A removal at the edge of a place is the next test.)"""
    tried = 0
    for session, discipline, others in small_cells(people, "session", "discipline"):
        spread = [
            context(sample, session=[session], discipline=chosen)
            .run("theme_discipline_spread", distinctive_share=0.5)
            .set_index("theme_id")
            for chosen in ([], others)
        ]
        shown = spread[0].disciplines_voiced.notna() & spread[1].disciplines_voiced.notna()
        assert (spread[0].disciplines_voiced[shown] == spread[1].disciplines_voiced[shown]).all(), (
            session,
            discipline,
        )
        tried += int(shown.sum())
    for discipline, session, others in small_cells(people, "discipline", "session"):
        rules = [
            context(sample, discipline=[discipline], session=chosen).run("rule_evidence").set_index("rule_id")
            for chosen in ([], others)
        ]
        for column in ("sessions_reached",):
            both = rules[0][column].notna() & rules[1][column].notna()
            assert (rules[0][column][both] == rules[1][column][both]).all(), (discipline, session, column)
            tried += int(both.sum())
        heads = [
            context(sample, discipline=[discipline], session=chosen).run("headline").iloc[0]
            for chosen in ([], others)
        ]
        for column in ("sessions", "venues"):
            if not privacy.blanked(heads[0][column]) and not privacy.blanked(heads[1][column]):
                assert heads[0][column] == heads[1][column], (discipline, session, column)
                tried += 1
    assert tried > 50


def test_the_research_audience_counts_every_place(sample):
    research = context(sample, "research", discipline=["Music"]).run("headline").iloc[0]
    public = context(sample, discipline=["Music"]).run("headline").iloc[0]
    assert research.sessions >= public.sessions and research.themes_voiced >= public.themes_voiced
    everyone = context(sample, "research").run("headline").iloc[0]
    assert everyone.sessions == everyone.sessions_total


def test_removing_one_person_does_not_tip_a_cell_across_k_for_certain(sample, people):
    """With suppression decided on exact counts, a theme shown for a discipline and suppressed for
    the same discipline without one session proves that session's lone member voiced it. Decided
    on the perturbed count, that pattern is neither certain when it happens nor absent otherwise."""
    crossing = revealed = false_alarms = 0
    for discipline, _session, others in small_cells(people, "discipline", "session"):
        views = [
            (context(sample, discipline=[discipline], session=chosen), chosen) for chosen in ([], others)
        ]
        shown = [ctx.run("theme_prevalence").set_index("theme_id").participants_reached for ctx, _ in views]
        truth = [
            context(sample, "research", discipline=[discipline], session=chosen)
            .run("theme_prevalence")
            .set_index("theme_id")
            .participants_reached
            for _ctx, chosen in views
        ]
        for theme in truth[0].index:
            tipped = truth[0][theme] >= K > truth[1][theme]
            pattern = not privacy.blanked(shown[0][theme]) and privacy.blanked(shown[1][theme])
            crossing += int(tipped)
            revealed += int(tipped and pattern)
            false_alarms += int(pattern and not tipped)
    assert crossing > 3, "the sample has too few cells on the boundary to try"
    assert revealed < crossing or false_alarms > 0, (crossing, revealed, false_alarms)


@pytest.mark.parametrize(
    ("k", "lang", "said"),
    [
        ("3", "en", ("at least 3 of them in", "no session or discipline is counted as holding 3 of them")),
        (
            "3",
            "fr",
            (
                "au moins 3 d'entre eux dans",
                "aucune session ni discipline n'est comptée comme en réunissant 3",
            ),
        ),
        ("0", "en", None),
    ],
)
def test_the_pages_say_a_public_count_of_places_needs_k_people(monkeypatch, k, lang, said):
    """A rule's sessions and disciplines, and the Overview's sessions, venues and themes, count
    places where k people are; the public page says so instead of 'in 0 sessions'."""
    monkeypatch.setenv("FINDINGS_MIN_CELL", k)
    rules = open_app(monkeypatch, BUNDLED, "views/rules.py", discipline="Research", lang=lang)
    assert not rules.exception
    lines = [t.value for t in rules.text if "%" in t.value]
    assert lines, "no rule evidence line"
    overview = open_app(monkeypatch, BUNDLED, "views/overview.py", discipline="Research", lang=lang)
    sessions = [m for m in overview.metric if m.label == "Sessions"][0]
    if said is None:
        assert not any("at least" in line for line in lines) and not sessions.help
        return
    assert all(any(words in line for words in said) for line in lines), lines[:2]
    assert sessions.help and ("3" in sessions.help)


PLACES = {
    "headline": ("sessions", "venues", "themes_voiced"),
    "rule_evidence": ("sessions_reached", "disciplines_reached"),
    "theme_discipline_spread": ("disciplines", "disciplines_voiced"),
}


def test_a_count_of_places_tips_at_the_edge_only_by_chance(sample, people):
    """Removing a small group (a discipline's lone composer, a session's lone member of a role) can
    take a place from k people to k - 1. Counted on exact numbers, the count of places then drops
    every time, and never otherwise: the difference proves who was there. Counted when the exact and
    the perturbed number both reach k, a drop is neither certain at the edge nor absent elsewhere."""
    database, _report = sample
    crossing = revealed = false_alarms = 0
    for first, second in (("discipline", "role"), ("session", "role")):
        for a, _b, others in small_cells(people, first, second):
            views = [{first: [a], second: chosen} for chosen in ([], others)]
            for name, columns in PLACES.items():
                extra = {"distinctive_share": 0.5} if name == "theme_discipline_spread" else {}
                shown = [context(sample, **view).run(name, **extra) for view in views]
                exact = [
                    database.run(
                        name, {**Filters.of(**view).params(), "lang": "en", "min_people": K, **extra}
                    )
                    for view in views
                ]
                for column in columns:
                    for row in range(len(exact[0])):
                        before, after = shown[0][column].iloc[row], shown[1][column].iloc[row]
                        if privacy.blanked(before) or privacy.blanked(after):
                            continue
                        tipped = exact[0][column].iloc[row] != exact[1][column].iloc[row]
                        crossing += int(tipped)
                        revealed += int(tipped and before != after)
                        false_alarms += int(before != after and not tipped)
    assert crossing > 10  # the fixture has places at the edge
    assert revealed < crossing and false_alarms > 0, (crossing, revealed, false_alarms)


def test_a_place_of_fewer_than_k_never_counts_and_one_at_k_only_by_chance():
    keys = privacy.CellKeys(b"a secret", everyone=91)
    for n in range(1, K):
        assert privacy._count_places([n] * 500, list(range(500)), keys, K) == 0
    at_k = privacy._count_places([K] * 2000, list(range(2000)), keys, K)
    assert 0.5 * 2000 < at_k < 2000  # counted when the noise does not take it below k
    assert privacy._count_places([K, K], [1, 1], keys, K, within=["a", "a"]) in (0, 1)
    assert privacy._count_places([40, 40, 40], [1, 2, 3], keys, K, within=["a", None, "b"]) == 2


def test_noise_never_shows_more_excerpts_than_code_applications(sample, people):
    """Every excerpt carries a code, so a view with more excerpts than code applications would be
    a visible contradiction (and a hint at which way the noise went)."""
    checked = 0
    for discipline in bundled_values("discipline"):
        ctx = context(sample, discipline=[discipline])
        for name in ("headline", "theme_prevalence", "session_theme_matrix", "session_roster"):
            frame = ctx.run(name)
            both = frame[["excerpts", "code_applications"]].apply(pd.to_numeric, errors="coerce").dropna()
            assert (both.excerpts <= both.code_applications).all(), (name, discipline)
            checked += len(both)
    assert checked > 50
