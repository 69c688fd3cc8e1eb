"""The benchmark's own code: the pandas reference counts what the named queries count, and the
benchmark's list of each page's queries matches what the pages run."""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import reference  # noqa: E402 (found through the sys.path set just above)
import workload  # noqa: E402
from conftest import params  # noqa: E402

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


@pytest.fixture(scope="module")
def tables(fixture_dir):
    return reference.load(fixture_dir)


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


@pytest.mark.parametrize("page", [name for name, _file, _url in workload.PAGES])
@pytest.mark.parametrize(
    "selected", FILTER_SETS, ids=lambda s: ",".join(f"{k}={'+'.join(v)}" for k, v in s.items()) or "none"
)
def test_pandas_reference_counts_what_the_queries_count(db, tables, page, selected):
    db._cache.clear()
    expected = workload.page_queries(db, page, params(**selected), first_discipline="Film & TV")
    got = reference.page(tables, page, selected)
    assert set(got) == set(expected)
    for name, frame in expected.items():
        shared = [c for c in frame.columns if c in got[name].columns]
        assert len(shared) >= 2, name
        assert _rows(got[name], shared) == _rows(frame, shared), f"{page}: {name} under {selected}"


def test_the_benchmark_knows_every_query_each_page_runs():
    for page, file, _url in workload.PAGES:
        source = (ROOT / file).read_text(encoding="utf-8")
        runs = set(re.findall(r"""ctx\.run\(\s*["']([a-z_]+)["']""", source))
        if "widgets.scope_caption(ctx)" in source:
            runs.add("headline")
        if "widgets.excerpt_panel(" in source:  # runs `excerpts` for the picked theme
            runs.add("excerpts")
        listed = set(workload.PAGE_QUERIES[page]) | set(workload.ON_DEMAND.get(page, ()))
        assert runs == listed, f"{file} runs {sorted(runs)}, the benchmark lists {sorted(listed)}"


def test_dataset_reuses_the_bundled_sample():
    assert workload.dataset(workload.BUNDLED_EXCERPTS) == ROOT / "data"
