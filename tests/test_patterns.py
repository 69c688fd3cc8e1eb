"""The named queries count over excerpt patterns (queries/_patterns.sql) instead of every code row.
That must change no number. The pandas reference (benchmarks/reference.py) counts over every code
row, so every query is held to it here, as tests/test_benchmarks_reference.py holds each page: on
the tiny fixture, on a generated sample (hive-partitioned) whose excerpts share patterns and on
excerpts whose codes disagree or repeat; under many filters, both languages and audiences, and every
choice a page passes (a theme, a search, a page of excerpts, the groups compared, the distinctive
share)."""

from __future__ import annotations

import itertools
from pathlib import Path

import fixture
import pandas as pd
import pyarrow as pa
import pytest
from conftest import params
from test_benchmarks_reference import (
    EXCERPT_LEVEL,
    FILTER_SETS,
    assert_same_rows,
    irregular_codes,
    reference,
)

from findings import db as db_module
from findings.db import Database
from findings.sample import write_sample
from findings.validate import validate

#: every other named query has a function of its name in the reference; export_theme_codes reads
#: the code rows themselves, and filter_options is checked on its own (below)
NOT_COMPARED = frozenset({"export_theme_codes", "filter_options"})
#: queries ordered by a translated label, which the reference does not translate: in French their
#: rows are compared in any order
LABEL_ORDERED = frozenset({"theme_discipline_reach", "rule_flows"})


def _open(directory: Path) -> tuple[Database, reference.Tables]:
    report = validate(directory)
    assert report.ok, [str(p) for p in report.problems]
    return Database(directory, report.sources), reference.load(directory)


def _extras(name: str, tables: reference.Tables, word: str) -> list[dict]:
    """The choices besides the filters each query is compared under."""
    themes = tables.themes["theme_id"].tolist()
    if name == "excerpts":
        return [
            {"theme": [], "q": "", "limit": 25, "offset": 0},
            {"theme": [], "q": "", "limit": 7, "offset": 7},
            {"theme": themes[:1], "q": "", "limit": 3, "offset": 0},
            {"theme": themes[1:3], "q": word.upper(), "limit": 1000, "offset": 0},
            {"theme": themes[:2], "q": "", "limit": 1000, "offset": 0, "all_themes": True},
            {"theme": [], "q": "no such words anywhere", "limit": 25, "offset": 0},
            {"theme": [], "q": "", "limit": 25, "offset": 100_000},
        ]
    if name in ("excerpts_export", "excerpt_summary"):
        return [
            {"theme": [], "q": ""},
            {"theme": themes[:2], "q": ""},
            {"theme": themes[:2], "q": "", "all_themes": True},
            {"theme": [themes[0], themes[0], themes[1]], "q": "", "all_themes": True},
            {"theme": [], "q": "", "all_themes": True},
            {"theme": [], "q": word},
            {"theme": themes[-1:], "q": "no such words anywhere"},
        ]
    if name == "cell_summaries":
        return [{"theme": themes}, {"theme": themes[:1]}, {"theme": [themes[0], themes[0], themes[-1]]}]
    if name == "cell_quotes":
        return [
            {"theme": themes, "limit": 30},
            {"theme": themes[1:3], "limit": 2},
            {"theme": themes, "limit": 1000},
        ]
    if name in ("compare_theme_reach", "compare_theme_excerpts"):
        groups = {
            "discipline": tables.participants["discipline"],
            "role": tables.participants["role"],
            "session": tables.sessions["session_id"],
            "venue": tables.sessions["venue"],
            "activity": tables.codes["activity"],
        }
        return [
            {"dim": dim, "a": values[0], "b": b}
            for dim, values in ((dim, sorted(column.dropna().unique())) for dim, column in groups.items())
            for b in (reference.REST, values[-1])
        ]
    if name == "session_composition":
        return [{"by": "discipline"}, {"by": "role"}]
    if name == "group_terms":
        stop = ["the", "of", "and", "a", "in", "words"]
        first = sorted(tables.participants["discipline"].dropna().unique())[0]
        sessions = sorted(tables.sessions["session_id"])
        return [
            {"dim": "discipline", "a": first, "b": reference.REST, "stop": stop},
            {"dim": "session", "a": sessions[0], "b": sessions[-1], "stop": []},
            {"dim": "theme", "a": themes[0], "b": reference.REST, "stop": stop},
            {"dim": "theme", "a": themes[0], "b": themes[1], "stop": []},  # one theme against another
        ]
    if name == "theme_discipline_spread":
        return [{"distinctive_share": 0.5}, {"distinctive_share": 0.2}]
    return [{}]


def _expected(tables, name: str, selected: dict, lang: str, audience: str, extra: dict) -> pd.DataFrame:
    """What the reference counts for query `name` under these filters and choices."""
    people, codes = reference.kept_participants(tables, selected), reference.kept_codes(tables, selected)
    args = (tables, selected, people, codes)
    if name in EXCERPT_LEVEL:
        shown = {"audience": audience, "lang": lang, "theme": extra["theme"], "q": extra["q"]}
        shown["all_themes"] = extra.get("all_themes", False)
        if name == "excerpt_summary":
            return reference.excerpt_summary(*args, **shown)
        paging = {"limit": extra["limit"], "offset": extra["offset"]} if name == "excerpts" else {}
        return reference.excerpts(*args, **shown, **({"limit": len(tables.codes)} | paging))
    if name == "group_terms":  # the words the audience may read
        return reference.group_terms(*args, **extra, audience=audience)
    if name in ("cell_summaries", "cell_quotes"):  # what the audience may list and read
        return getattr(reference, name)(*args, **extra, audience=audience, lang=lang)
    if name == "coder_disagreements":  # the words as the audience may read them
        return reference.coder_disagreements(*args, audience=audience, lang=lang)
    return getattr(reference, name)(*args, **extra)


def _activity_names(tables, lang: str) -> dict:
    """Each activity's name in the UI language: the French its codes carry, if any do."""
    french = tables.codes.groupby("activity")["activity_fr"].first()  # the first one present
    return {a: (fr if lang == "fr" and isinstance(fr, str) else a) for a, fr in french.items()}


def _compare(db: Database, tables, filter_sets: list[dict], skip=frozenset()) -> int:
    """Run every query and the reference under every filter set, language, audience and choice, and
    assert that they agree; return how many frames were compared."""
    word = "clay" if tables.codes["excerpt"].str.contains("clay").any() else "words"
    compared = 0
    for name in sorted(set(db.queries) - NOT_COMPARED - skip):
        for i, (selected, extra) in enumerate(itertools.product(filter_sets, _extras(name, tables, word))):
            # languages and audiences take turns, so that each meets every filter set and choice
            lang, audience = ("en", "fr")[i % 2], ("public", "research")[i // 2 % 2]
            frame = db.run(name, {**params(lang, **selected), "audience": audience, **extra})
            where = f"{name} under {selected} {lang} {audience} {extra}"
            expected = _expected(tables, name, selected, lang, audience, extra)
            assert_same_rows(frame, expected, where, ordered=lang == "en" or name not in LABEL_ORDERED)
            if name == "activity_theme_matrix":  # its activities' names come from the patterns' codes
                names = _activity_names(tables, lang)
                labels = [None if pd.isna(label) else label for label in frame["activity_label"]]
                assert labels == [None if pd.isna(a) else names[a] for a in frame["activity"]], where
            compared += 1
    for lang in ("en", "fr"):  # the activities and stances on offer come from the patterns' codes too
        options, names = db.run("filter_options", {"lang": lang}), _activity_names(tables, lang)
        offered = options[options["dimension"] == "activity"]
        assert dict(zip(offered["value"], offered["label"], strict=True)) == names
        stances = options.loc[options["dimension"] == "stance", "value"]
        assert sorted(stances) == sorted(tables.codes["stance"].dropna().unique())
    return compared


def test_the_fixture_counts_what_the_reference_counts(db, fixture_dir):
    assert _compare(db, reference.load(fixture_dir), FILTER_SETS) > 400


SAMPLE_FILTERS = [
    {},
    {"discipline": ["Music"]},
    {"discipline": ["Animation"], "stance": ["risk"]},
    {"session": ["S2"], "theme_group": ["The way forward"]},
    {"activity": ["Tactile modelling"], "role": ["Director"]},
    {"venue": ["Hearst Estate"], "stance": ["mixed", "opportunity"]},
    {"role": ["Academic", "Producer"], "theme_group": ["The impact of AI on the industry"]},
]


def test_a_generated_sample_counts_what_the_reference_counts(tmp_path):
    directory = tmp_path / "sample"
    write_sample(directory, excerpts=3000, partition_above=1000)  # hive-partitioned by session
    assert (directory / "theme_codes").is_dir()
    db, tables = _open(directory)
    try:
        patterns = db._raw_cursor().execute("select count(*) from _patterns").fetchone()[0]
        assert 0 < patterns < 3000  # excerpts do share patterns, so the test is not trivial
        assert _compare(db, tables, SAMPLE_FILTERS) > 300
    finally:
        db.close()


@pytest.mark.parametrize("ranks", [0, 700])
def test_words_past_the_kept_texts_are_read_from_the_codes(tmp_path, monkeypatch, ranks):
    """The Words page reads a passage among the first WORD_TEXT_RANKS of its order from the texts
    kept with the patterns (queries/_word_texts.sql) and any further down from the code files: the
    words read either way, or both ways in one group, are the reference's."""
    monkeypatch.setattr(db_module, "WORD_TEXT_RANKS", ranks)
    directory = tmp_path / "sample"
    write_sample(directory, excerpts=3000, partition_above=1000)
    db, tables = _open(directory)
    try:
        cursor = db._raw_cursor()
        counted = "select count(*), count(excerpt) from packed._word_texts"
        kept, with_words = cursor.execute(counted).fetchone()
        assert kept == ranks and (ranks == 0 or 0 < with_words < ranks)  # withheld words are not kept
        first = sorted(tables.participants["discipline"].dropna().unique())[0]
        compared = 0
        # a small cap: group B's first passages all lie among the kept texts, group A's on both sides
        for selected, per_group in [({}, 300), ({"role": ["Director"]}, 2500), ({"session": ["S2"]}, 100)]:
            extra = {"dim": "discipline", "a": first, "b": reference.REST, "stop": ["the", "of"]}
            extra["per_group"] = per_group
            for audience in ("public", "research"):
                frame = db.run("group_terms", {**params("en", **selected), "audience": audience, **extra})
                expected = _expected(tables, "group_terms", selected, "en", audience, extra)
                assert len(frame) > 20
                assert_same_rows(frame, expected, f"group_terms under {selected} {audience} {extra}")
                compared += 1
        assert compared == 6
    finally:
        db.close()


def test_excerpts_whose_codes_disagree_count_what_the_reference_counts(tmp_path):
    directory = fixture.write(tmp_path / "irregular", {"theme_codes": irregular_codes()})
    db, tables = _open(directory)
    try:
        shapes = (
            db._raw_cursor().execute("select count(*), max(excerpts), max(codes) from _patterns").fetchone()
        )
        assert shapes[1:] == (2, 5)  # E1 and E14 share a pattern; E15 carries 5 codes
        assert _compare(db, tables, FILTER_SETS, skip=EXCERPT_LEVEL) > 300
    finally:
        db.close()


def test_the_comparison_catches_a_changed_count(db, fixture_dir):
    tables, values = reference.load(fixture_dir), {**params(), "theme": [], "q": ""}
    expected = _expected(tables, "excerpt_summary", {}, "en", "public", values)
    frame = db.run("excerpt_summary", values)
    assert_same_rows(frame, expected, "as run")
    one_more, as_float = frame.copy(), frame.copy()
    one_more.loc[0, "withheld_participants"] += 1
    as_float["withheld"] = as_float["withheld"].astype("float64")
    for wrong in (one_more, as_float, frame.iloc[:0]):
        with pytest.raises(AssertionError):
            assert_same_rows(wrong, expected, "changed")


def test_streamed_results_are_the_run_results(db):
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


def test_intercoder_agreement_counts_what_the_reference_counts(tmp_path):
    """Two and three coders on some passages (and a passage read by one coder only): the agreement
    query, under every filter set, against findings/agreement.py through the reference."""
    extra = [
        ("E1", "T1", "Ben"),
        ("E1", "T3", "Ben"),
        ("E2", "T2", "Ben"),
        ("E4", "T1", "Ben"),
        ("E6", "T1", "Ben"),
        ("E6", "T1", "Cleo"),
        ("E6", "T4", "Cleo"),
        ("E7", "T4", "Ben"),
        ("E9", "T4", "Ben"),
        ("E10", "T2", "Ben"),
        # a passage both coders gave four themes or more (stored as a list, not three numbers)
        *(("E3", theme, "Ben") for theme in ("T1", "T2", "T3", "T4")),
        *(("E3", theme, "Ana") for theme in ("T1", "T2")),
    ]
    directory = fixture.write(tmp_path / "coders", {"theme_codes": fixture.with_coders(extra)})
    db, tables = _open(directory)
    try:
        others = frozenset(db.queries) - {"theme_agreement", "coder_disagreements"}
        assert _compare(db, tables, FILTER_SETS, skip=others) == 2 * len(FILTER_SETS)
        assert len(db.run("coder_disagreements", {**params(), "audience": "research"})) > 3
        pooled = db.run("theme_agreement", params()).iloc[-1]
        assert 0 < pooled.passages and pooled.alpha_low <= pooled.alpha <= pooled.alpha_high
        widest = (
            "select max(n) from (select count(*) as n from _agreement_pattern_kinds group by agreement_id)"
        )
        assert db._con.execute(widest).fetchone()[0] >= 4  # the list, not the three numbers, was read
    finally:
        db.close()


def test_intercoder_agreement_filters_each_coder_s_rows_as_theme_codes_holds_them(tmp_path):
    """A passage whose coders' rows disagree (one coder's rows without an activity, another's in
    another activity or session, as an import can write them): the filters keep or drop each row,
    so a passage two coders read may be read by one under a filter, as the reference counts it."""
    extra = [
        ("E1", "T1", "Ben"),
        ("E1", "T3", "Ben"),
        ("E2", "T2", "Ben"),
        ("E4", "T1", "Ben"),
        ("E6", "T1", "Cleo"),
        ("E6", "T4", "Cleo"),
        ("E7", "T4", "Ben"),
        ("E9", "T4", "Ben"),
    ]
    table = fixture.with_coders(extra)
    rows = table.to_pylist()
    for row in rows:
        if row["coder"] == "Ben" and row["excerpt_id"] in ("E1", "E2"):
            row["activity"], row["activity_fr"] = None, None  # this coder's rows carry no activity
        if row["coder"] == "Cleo":
            row["activity"], row["activity_fr"] = "Deep listening", fixture.ACTIVITY_FR["Deep listening"]
        if row["coder"] == "Ben" and row["excerpt_id"] == "E7":
            row["session_id"] = "S2"  # another session
    codes = pa.Table.from_pylist(rows, schema=table.schema)
    directory = fixture.write(tmp_path / "coders", {"theme_codes": codes})
    db, tables = _open(directory)
    try:
        others = frozenset(db.queries) - {"theme_agreement"}
        assert _compare(db, tables, FILTER_SETS, skip=others) == len(FILTER_SETS)
        listening = db.run("theme_agreement", params(activity=["Deep listening"])).iloc[-1]
        assert 0 < listening.passages < db.run("theme_agreement", params()).iloc[-1].passages
    finally:
        db.close()
