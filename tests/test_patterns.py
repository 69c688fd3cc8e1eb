"""The named queries count over excerpt patterns (queries/_patterns.sql) instead of every code row.
That must change nothing: every query's frame (columns, dtypes, row order, values) is compared
with the formulation it replaced, kept verbatim in tests/legacy_sql/, on the tiny fixture, on a
generated sample (hive-partitioned) and on excerpts whose codes disagree, under many filters."""

from __future__ import annotations

import itertools

import fixture
import pandas as pd
import pyarrow as pa
import pytest
from conftest import params
from pathlib import Path

from findings.db import Database, load_queries
from findings.sample import write_sample
from findings.validate import validate

LEGACY = Path(__file__).resolve().parent / "legacy_sql"

#: queries whose rows are excerpts: on excerpts whose codes disagree (two speakers, sessions or
#: activities) the old formulation showed any one of them (any_value), the new the least
EXCERPT_LEVEL = {"excerpts", "excerpts_export", "excerpt_summary"}


def _open(directory: Path) -> tuple[Database, Database]:
    """The app's Database and one running the legacy queries and macros over the same data."""
    report = validate(directory)
    assert report.ok, [str(p) for p in report.problems]
    new = Database(directory, report.sources)
    old = Database(directory, report.sources, queries=load_queries(LEGACY))
    cursor = old._raw_cursor()
    cursor.execute((LEGACY / "_macros.sql").read_text(encoding="utf-8"))
    cursor.close()
    return new, old


def _extras(name: str, themes: list[str], word: str, dims: dict[str, list[str]]) -> list[dict]:
    """The non-filter parameter sets each query is compared under."""
    if name == "excerpts":
        return [
            {"theme": [], "q": "", "limit": 25, "offset": 0},
            {"theme": [], "q": "", "limit": 7, "offset": 7},
            {"theme": themes[:1], "q": "", "limit": 3, "offset": 0},
            {"theme": themes[1:3], "q": word.upper(), "limit": 1000, "offset": 0},
            {"theme": [], "q": "no such words anywhere", "limit": 25, "offset": 0},
            {"theme": [], "q": "", "limit": 25, "offset": 100_000},
        ]
    if name in ("excerpts_export", "excerpt_summary"):
        return [
            {"theme": [], "q": ""},
            {"theme": themes[:2], "q": ""},
            {"theme": [], "q": word},
            {"theme": themes[-1:], "q": "no such words anywhere"},
        ]
    if name == "compare_theme_reach":
        return [
            {"dim": dim, "a": values[0], "b": b}
            for dim, values in dims.items()
            for b in ("__rest__", values[-1])
        ]
    if name == "session_composition":
        return [{"by": "discipline"}, {"by": "role"}]
    if name == "theme_discipline_spread":
        return [{"distinctive_share": 0.5}, {"distinctive_share": 0.2}]
    return [{}]


def _compare(new: Database, old: Database, filter_sets: list[dict], skip=frozenset()) -> int:
    """Run every query both ways under every filter set, language, audience and extra; assert equal."""
    themes = old.run("theme_options", params())["theme_id"].tolist()
    options = old.run("filter_options", {"lang": "en"})
    dims = {
        dim: options.loc[options.dimension == dim, "value"].tolist()
        for dim in ("discipline", "role", "session", "venue", "activity")
    }
    word = "clay" if "clay" in " ".join(old._raw_cursor().execute("select excerpt from theme_codes").fetchdf()["excerpt"].dropna()) else "words"
    assert set(new.queries) == set(old.queries)
    compared = 0
    for name in sorted(set(new.queries) - skip):
        combinations = itertools.product(filter_sets, _extras(name, themes, word, dims))
        for i, (selected, extra) in enumerate(combinations):
            # languages and audiences take turns, so that each meets every filter set and extra
            lang, audience = ("en", "fr")[i % 2], ("public", "research")[i // 2 % 2]
            values = {**params(lang, **selected), "audience": audience, **extra}
            got, expected = new.run(name, values), old.run(name, values)
            pd.testing.assert_frame_equal(
                got, expected, check_exact=True, obj=f"{name} under {selected} {lang} {audience} {extra}"
            )
            compared += 1
    return compared


FIXTURE_FILTERS = [
    {},
    {"discipline": ["Music"]},
    {"discipline": ["Music", "Film & TV"], "stance": ["risk"]},
    {"role": ["Director"]},
    {"session": ["S2"]},
    {"venue": ["Hearst Estate"]},
    {"activity": ["Deep listening"]},
    {"theme_group": ["Natures"]},
    {"stance": ["opportunity"]},
    {"discipline": ["Technology"], "theme_group": ["Industry"]},  # nothing left
]


def test_the_fixture_counts_the_same(fixture_dir):
    new, old = _open(fixture_dir)
    try:
        assert _compare(new, old, FIXTURE_FILTERS) > 300
    finally:
        new.close()
        old.close()


SAMPLE_FILTERS = [
    {},
    {"discipline": ["Music"]},
    {"discipline": ["Animation"], "stance": ["risk"]},
    {"session": ["S2"], "theme_group": ["The way forward"]},
    {"activity": ["Tactile modelling"], "role": ["Director"]},
    {"venue": ["Hearst Estate"], "stance": ["mixed", "opportunity"]},
    {"role": ["Academic", "Producer"], "theme_group": ["The impact of AI on the industry"]},
]


def test_a_generated_sample_counts_the_same(tmp_path):
    directory = tmp_path / "sample"
    write_sample(directory, excerpts=3000, partition_above=1000)  # hive-partitioned by session
    assert (directory / "theme_codes").is_dir()
    new, old = _open(directory)
    try:
        patterns = new._raw_cursor().execute("select count(*) from _patterns").fetchone()[0]
        assert 0 < patterns < 3000  # excerpts do share patterns, so the test is not trivial
        assert _compare(new, old, SAMPLE_FILTERS) > 200
    finally:
        new.close()
        old.close()


def _irregular_codes() -> pa.Table:
    """The fixture's codes plus excerpts whose codes disagree or repeat, which a well-formed export
    does not hold but the contract does not forbid."""
    DL, FD, TM = fixture.DL, fixture.FD, fixture.TM
    extra = [  # code, excerpt, participant, session, activity, activity_fr, theme, stance
        ("C90", "E1", "P1", "S1", DL, fixture.ACTIVITY_FR[DL], "T1", "risk"),  # the same code twice
        ("C91", "E11", "P1", "S1", DL, fixture.ACTIVITY_FR[DL], "T1", "risk"),  # two speakers, activities
        ("C92", "E11", "P3", "S1", TM, fixture.ACTIVITY_FR[TM], "T3", "opportunity"),
        ("C93", "E12", "P2", "S1", None, None, "T4", None),  # two sessions, one a group passage
        ("C94", "E12", None, "S2", FD, fixture.ACTIVITY_FR[FD], "T4", "opportunity"),
        ("C95", "E13", "P5", "S2", DL, None, "T2", "mixed"),  # one theme, two stances; no French
        ("C96", "E13", "P5", "S2", DL, None, "T2", "risk"),
        ("C97", "E14", "P1", "S1", DL, fixture.ACTIVITY_FR[DL], "T1", "risk"),  # E1's pattern again
        ("C98", "E14", "P1", "S1", DL, fixture.ACTIVITY_FR[DL], "T2", "mixed"),
        ("C99", "E14", "P1", "S1", DL, fixture.ACTIVITY_FR[DL], "T1", "risk"),
        ("D01", "E15", "P7", "S3", DL, fixture.ACTIVITY_FR[DL], "T1", "risk"),  # five codes
        ("D02", "E15", "P7", "S3", DL, fixture.ACTIVITY_FR[DL], "T2", None),
        ("D03", "E15", "P7", "S3", DL, fixture.ACTIVITY_FR[DL], "T3", "mixed"),
        ("D04", "E15", "P7", "S3", DL, fixture.ACTIVITY_FR[DL], "T4", "opportunity"),
        ("D05", "E15", "P7", "S3", DL, fixture.ACTIVITY_FR[DL], "T4", "opportunity"),
    ]
    codes = fixture.tables()["theme_codes"].to_pylist()
    for code, excerpt, person, session, activity, activity_fr, theme, stance in extra:
        codes.append({
            "code_id": code, "excerpt_id": excerpt, "theme_id": theme, "session_id": session,
            "participant_id": person, "activity": activity, "activity_fr": activity_fr,
            "stance": stance, "excerpt": f"Words of {person or 'the group'} in {excerpt}.",
        })
    return pa.Table.from_pylist(codes, schema=fixture.tables()["theme_codes"].schema)


def test_excerpts_whose_codes_disagree_count_the_same(tmp_path):
    directory = fixture.write(tmp_path / "irregular", {"theme_codes": _irregular_codes()})
    new, old = _open(directory)
    try:
        shapes = new._raw_cursor().execute(
            "select count(*), max(excerpts), max(codes) from _patterns"
        ).fetchone()
        assert shapes[1:] == (2, 5)  # E1 and E14 share a pattern; E15 carries 5 codes
        assert _compare(new, old, FIXTURE_FILTERS, skip=EXCERPT_LEVEL) > 200
    finally:
        new.close()
        old.close()


def test_streamed_results_are_the_run_results(db):
    import pyarrow as pa

    values = {**params(), "theme": [], "q": ""}
    batches = list(db.stream("excerpts_export", values, batch_rows=3))
    assert len(batches) > 1
    streamed, expected = pa.Table.from_batches(batches).to_pandas(), db.run("excerpts_export", values)
    # Arrow dates arrive as date objects
    streamed["session_date"] = pd.to_datetime(streamed["session_date"]).astype(expected["session_date"].dtype)
    pd.testing.assert_frame_equal(streamed, expected)


def test_memory_is_bounded_and_spills_outside_the_sandbox(db, fixture_dir):
    from findings import db as db_module

    cursor = db._raw_cursor()
    limit, threads, spill, allowed = cursor.execute(
        "select current_setting('memory_limit'), current_setting('threads'),"
        " current_setting('temp_directory'), current_setting('allowed_directories')"
    ).fetchone()
    assert limit.endswith("MiB") and float(limit.split()[0]) <= 400
    assert threads == db_module.THREADS
    assert Path(spill).parent.name.startswith("findings-duckdb-")
    # DuckDB lets a query read its own spill folder too: a private one, holding nothing but spills
    assert sorted(allowed) == sorted([str(fixture_dir.resolve()) + "/", spill.rstrip("/") + "/"])
    assert oct(Path(spill).parent.stat().st_mode & 0o777) == "0o700"
    cursor.close()
