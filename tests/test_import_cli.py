"""`python -m findings import ...` as a user runs it: exit codes 0 / 1 / 2, no traceback, nothing
written on failure.

A real subprocess for a successful import and for the usage errors (all started together once per
module); the other cases call the same `main` in this process, which is much faster.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from test_import_hostile import HOSTILE
from test_import_qdpx import write_qdpx
from test_import_tables import write_csvs

from findings import cli

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("import-cli")


@pytest.fixture(scope="module")
def runs(root) -> dict[str, subprocess.CompletedProcess]:
    good = write_qdpx(root / "good.qdpx")
    (root / "slip.qdpx").write_bytes(HOSTILE["zip slip"][0])
    (root / "bad-map.toml").write_text("[participants\nrole = ", encoding="utf-8")
    (root / "map.toml").write_text('[participants]\nid = "case name"\n', encoding="utf-8")
    (root / "deep-map.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    tables = write_csvs(root / "csv")
    bad_tables = write_csvs(root / "bad-csv", {("participants", 7, "session_id"): "S9"})
    in_process = {
        "qdpx-map": [
            "qdpx",
            str(good),
            str(root / "out-map"),
            "--map",
            str(root / "map.toml"),
            "--illustrative",
        ],
        "qdpx-hostile": ["qdpx", str(root / "slip.qdpx"), str(root / "out-slip")],
        "qdpx-missing": ["qdpx", str(root / "nothing.qdpx"), str(root / "out-missing")],
        "qdpx-bad-map": ["qdpx", str(good), str(root / "out-bad-map"), "--map", str(root / "bad-map.toml")],
        "qdpx-deep-map": [
            "qdpx",
            str(good),
            str(root / "out-deep-map"),
            "--map",
            str(root / "deep-map.toml"),
        ],
        "tables": ["tables", str(tables), str(root / "out-tables")],
        "tables-bad": ["tables", str(bad_tables), str(root / "out-bad-tables")],
    }
    cases = {
        "qdpx": ["qdpx", str(good), str(root / "out-qdpx")],
        "no-kind": [],
        "unknown-kind": ["nvivo", str(good), str(root / "out-unknown")],
        "no-out-dir": ["qdpx", str(good)],
        "map-without-file": ["qdpx", str(good), str(root / "out-x"), "--map"],
    }
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "findings", "import", *args],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, args in cases.items()
    }
    results = {}
    for name, args in in_process.items():
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["import", *args])
        results[name] = subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        results[name] = subprocess.CompletedProcess(cases[name], proc.returncode, out, err)
    return results


def test_no_run_prints_a_traceback(runs):
    for name, run in runs.items():
        assert "Traceback" not in run.stdout + run.stderr, name


def test_a_project_imports_and_validates(runs, root):
    run = runs["qdpx"]
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("# the mapping used")
    assert 'discipline = "Discipline"  # guessed' in run.stdout
    assert "selections: 10 found, 6 imported as 9 code applications by 2 coders, 4 skipped:" in run.stdout
    assert (
        run.stdout.splitlines()[-1]
        == f"OK: {root / 'out-qdpx'} is a valid export set (4 tables, 23 rows; 0 warnings)"
    )


def test_a_map_file_and_the_illustrative_flag(runs, root):
    assert runs["qdpx-map"].returncode == 0, runs["qdpx-map"].stdout
    assert 'id = "case name"' in runs["qdpx-map"].stdout
    import json

    import pyarrow.parquet as pq

    assert json.loads((root / "out-map" / "datapackage.json").read_text())["illustrative"] is True
    assert pq.read_table(root / "out-map" / "participants.parquet")["participant_id"].to_pylist()[:2] == [
        "Alice",
        "Bruno",
    ]


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("qdpx-hostile", "climbs out of the folder"),
        ("qdpx-missing", "does not exist or is not a file"),
        ("qdpx-bad-map", "is not valid TOML"),
        ("qdpx-deep-map", "nests tables or arrays too deeply to be a map file"),
        (
            "tables-bad",
            "ERROR participants.csv row 7, column session_id: 'S9' is not a session_id in sessions.csv",
        ),
    ],
)
def test_invalid_input_exits_1_and_writes_nothing(runs, root, case, says):
    run = runs[case]
    assert run.returncode == 1, run.stdout + run.stderr
    assert says in run.stdout
    assert run.stdout.splitlines()[-1].endswith("nothing was written")
    assert not (root / run.args[2]).exists() and not Path(run.args[2]).exists()


def test_tables_import(runs, root):
    run = runs["tables"]
    assert run.returncode == 0, run.stdout + run.stderr
    assert "read participants.csv: 8 rows" in run.stdout
    assert run.stdout.splitlines()[-1].startswith(
        f"OK: {root / 'out-tables'} is a valid export set (7 tables"
    )


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("no-kind", "KIND"),
        ("unknown-kind", "invalid choice: 'nvivo'"),
        ("no-out-dir", "OUT_DIR"),
        ("map-without-file", "--map"),
    ],
)
def test_usage_errors_exit_2(runs, case, says):
    run = runs[case]
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stderr.startswith("usage: python -m findings import")
    assert "usage error" in run.stderr and says in run.stderr
    assert run.stdout == ""


def test_a_deeply_nested_map_file_is_one_error_line(runs, root):
    run = runs["qdpx-deep-map"]
    errors = [line for line in run.stdout.splitlines() if line.startswith("ERROR")]
    assert errors == [
        f"ERROR map file {root / 'deep-map.toml'} nests tables or arrays too deeply to be a map file"
    ]
    assert "Traceback" not in run.stdout + run.stderr
