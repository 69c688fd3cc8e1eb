"""The benchmark's own code: the pandas reference counts what the named queries count, and the
benchmark's list of each page's queries matches what the pages run.

The reference counts over every code row and the queries over excerpt patterns
(queries/_patterns.sql), so each page is compared on the fixture and on excerpts whose codes disagree
or repeat; tests/test_patterns.py widens the comparison to every query, choice, audience and language
and to a generated sample."""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import fixture
import pandas as pd
import pyarrow as pa
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import reference  # noqa: E402 (found through the sys.path set just above)
import workload  # noqa: E402
from conftest import params  # noqa: E402

from findings.db import Database  # noqa: E402
from findings.validate import validate  # noqa: E402

FILTER_SETS = [
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


#: queries whose rows are excerpts: where an excerpt's codes disagree (two sessions or activities)
#: the queries show the least of each, the reference its first code's
EXCERPT_LEVEL = frozenset({"excerpts", "excerpts_export", "excerpt_summary"})


def irregular_codes() -> pa.Table:
    """The fixture's codes plus excerpts whose codes disagree or repeat, which a well-formed export
    does not hold but the contract does not forbid (it does forbid two speakers for one excerpt:
    consent follows the speaker, so the validator refuses that, and these keep one each)."""
    DL, FD, TM = fixture.DL, fixture.FD, fixture.TM
    extra = [  # code, excerpt, participant, session, activity, activity_fr, theme, stance
        ("C90", "E1", "P1", "S1", DL, fixture.ACTIVITY_FR[DL], "T1", "risk"),  # the same code twice
        ("C91", "E11", "P3", "S1", DL, fixture.ACTIVITY_FR[DL], "T1", "risk"),  # two activities
        ("C92", "E11", "P3", "S1", TM, fixture.ACTIVITY_FR[TM], "T3", "opportunity"),
        ("C93", "E12", None, "S1", None, None, "T4", None),  # a group passage in two sessions
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
        text = f"Words of {person or 'the group'} in {excerpt}."
        codes.append(_code(code, excerpt, person, session, activity, activity_fr, theme, stance, text))
    return pa.Table.from_pylist(codes, schema=fixture.tables()["theme_codes"].schema)


def _code(code, excerpt, person, session, activity, activity_fr, theme, stance, text) -> dict:
    """One row of theme_codes, as the contract names its columns."""
    return {
        "code_id": code,
        "excerpt_id": excerpt,
        "theme_id": theme,
        "session_id": session,
        "participant_id": person,
        "activity": activity,
        "activity_fr": activity_fr,
        "stance": stance,
        "excerpt": text,
    }


#: how many themes the wide codebook holds: more than a 128-bit integer has bits, so a count that kept
#: each excerpt's themes as bits of one number could not place the last of them
WIDE_CODEBOOK = 140


def wide_codebook() -> dict[str, pa.Table]:
    """The fixture with a codebook of WIDE_CODEBOOK themes, as an imported QDA project can have: the
    added themes (T005 to T140, in their own group) are coded alongside the fixture's, some of them
    with themes far apart in the codebook's order on one excerpt, so that such pairs are counted."""
    tables = fixture.tables()
    themes = tables["themes"].to_pylist()
    for number in range(len(themes) + 1, WIDE_CODEBOOK + 1):
        themes.append(
            {
                "theme_id": f"T{number:03d}",
                "label": f"Theme {number}",
                "label_fr": f"Thème {number}",
                "theme_group": "Wide",
                "theme_group_fr": "Large",
                "description": None,
            }
        )
    codes = tables["theme_codes"].to_pylist()
    DL, FD = fixture.DL, fixture.FD
    extra = [  # code, excerpt, participant, session, activity, theme, stance
        ("W01", "E1", "P1", "S1", DL, f"T{WIDE_CODEBOOK}", "risk"),
        ("W02", "E6", "P5", "S2", fixture.TM, f"T{WIDE_CODEBOOK}", "mixed"),
        ("W03", "E8", "P6", "S2", None, "T065", None),
        ("W04", "E8", "P6", "S2", None, "T128", None),
        ("W05", "E7", None, "S2", FD, "T064", "opportunity"),
        ("W06", "E9", "P7", "S3", DL, "T005", "opportunity"),
    ]
    for code, excerpt, person, session, activity, theme, stance in extra:
        text = next(c["excerpt"] for c in codes if c["excerpt_id"] == excerpt)  # the passage's own words
        french = fixture.ACTIVITY_FR.get(activity)
        codes.append(_code(code, excerpt, person, session, activity, french, theme, stance, text))
    return {
        "themes": pa.Table.from_pylist(themes, schema=tables["themes"].schema),
        "theme_codes": pa.Table.from_pylist(codes, schema=tables["theme_codes"].schema),
    }


@pytest.fixture(scope="module", params=["fixture", "irregular codes", "wide codebook"])
def data_set(request, db, fixture_dir, tmp_path_factory):
    """A database and the reference's tables over one data set, and the queries not compared on it."""
    if request.param == "fixture":
        yield db, reference.load(fixture_dir), frozenset()
        return
    if request.param == "wide codebook":
        directory, skip = fixture.write(tmp_path_factory.mktemp("wide"), wide_codebook()), frozenset()
    else:
        directory = fixture.write(tmp_path_factory.mktemp("irregular"), {"theme_codes": irregular_codes()})
        skip = EXCERPT_LEVEL
    report = validate(directory)
    assert report.ok, [str(p) for p in report.problems]
    database = Database(directory, report.sources)
    yield database, reference.load(directory), skip
    database.close()


def _cell(value):
    """One cell, comparable across pandas and DuckDB: lists as tuples, missing as None, floats rounded."""
    if isinstance(value, str):
        return value
    if hasattr(value, "tolist"):  # numpy arrays (list cells) and numpy scalars
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, float):
        return round(value, 9)
    return value


def _rows(frame, columns):
    return [tuple(_cell(v) for v in row) for row in frame[columns].itertuples(index=False)]


def assert_same_rows(frame: pd.DataFrame, expected: pd.DataFrame, where: str, ordered: bool = True) -> None:
    """A query's `frame` holds the reference's `expected` in every column they share: the same rows
    (in the same order unless not `ordered`), the same values (floats to 9 places), and a count
    comes back as an integer, a share as a float, a flag as a boolean."""
    shared = [c for c in frame.columns if c in expected.columns]
    assert len(shared) >= 2, where
    if len(frame) and len(expected):
        for column in shared:
            kinds = {frame[column].dtype.kind, expected[column].dtype.kind}
            if kinds & set("iufb"):
                assert len(kinds) == 1, (
                    f"{where}: {column} is {frame[column].dtype}, not {expected[column].dtype}"
                )
    got, want = _rows(frame, shared), _rows(expected, shared)
    if not ordered:
        got, want = sorted(got, key=repr), sorted(want, key=repr)
    assert got == want, f"{where}: {shared}"


@pytest.mark.parametrize("page", [name for name, _file, _url in workload.PAGES])
@pytest.mark.parametrize(
    "selected", FILTER_SETS, ids=lambda s: ",".join(f"{k}={'+'.join(v)}" for k, v in s.items()) or "none"
)
def test_pandas_reference_counts_what_the_queries_count(data_set, page, selected):
    db, tables, skip = data_set
    db._cache.clear()
    frames = workload.page_queries(db, page, params(**selected), first_discipline="Film & TV")
    expected = reference.page(tables, page, selected)
    assert set(expected) == set(frames)
    for name, frame in frames.items():
        if name.partition(":")[0] not in skip:
            assert_same_rows(frame, expected[name], f"{page}: {name} under {selected}")


def test_the_benchmark_knows_every_query_each_page_runs():
    for page, file, _url in workload.PAGES:
        source = (ROOT / file).read_text(encoding="utf-8")
        runs = set(re.findall(r"""ctx\.run\(\s*["']([a-z_]+)["']""", source))
        if "widgets.scope_caption(ctx)" in source:
            runs.add("headline")
        if "widgets.excerpt_panel(" in source:  # runs `excerpt_summary` and `excerpts` for the picked theme
            runs |= {"excerpt_summary", "excerpts"}
        if "quote_matrix.cells(" in source:  # a group's counts, then its row's lists and quotes
            runs |= {"theme_options", "cell_summaries", "cell_quotes"}
        listed = set(workload.PAGE_QUERIES[page]) | set(workload.ON_DEMAND.get(page, ()))
        assert runs == listed, f"{file} runs {sorted(runs)}, the benchmark lists {sorted(listed)}"


def test_dataset_reuses_the_bundled_sample():
    assert workload.dataset(workload.BUNDLED_EXCERPTS) == ROOT / "data"


def test_a_generated_set_is_reused_only_while_its_generator_is_the_same(tmp_path, monkeypatch):
    import findings.sample

    written = []

    def fake_write(folder, excerpts):
        folder.mkdir(parents=True)
        (folder / "datapackage.json").write_text("{}")
        written.append(excerpts)

    monkeypatch.setattr(workload, "DATA_CACHE", tmp_path)
    monkeypatch.setattr(findings.sample, "write_sample", fake_write)
    monkeypatch.setattr(workload, "_generator_key", lambda: "one")
    first = workload.dataset(2000, log=lambda *_: None)
    assert workload.dataset(2000, log=lambda *_: None) == first and written == [2000]
    monkeypatch.setattr(workload, "_generator_key", lambda: "two")  # the generator changed
    assert workload.dataset(2000, log=lambda *_: None) == first and written == [2000, 2000]
