"""`python -m findings` as a user runs it: exit codes, the lines it prints, and never a traceback.

Each run is a real subprocess (about a second of imports), so all of them are started together
once per module and the tests below only read their results.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import fixture
import pyarrow as pa
import pytest

REPO = Path(__file__).resolve().parent.parent
BAD_CONSENT_LINE = (
    "ERROR participants.quote_consent: 1 row has a value outside public/research/none (e.g. 'yes please')"
)


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err

    def __str__(self) -> str:  # shown when an assertion fails
        return f"python -m findings {' '.join(self.args)} -> {self.code}\n{self.both}"


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def runs(root) -> dict[str, Run]:
    valid = fixture.write(root / "valid")
    participants = fixture.tables()["participants"]
    consent = participants["quote_consent"].to_pylist()
    consent[2] = "yes please"
    i = participants.schema.get_field_index("quote_consent")
    bad = participants.set_column(i, "quote_consent", pa.array(consent))
    invalid = fixture.write(root / "invalid", {"participants": bad})
    cases = {
        "valid": ["validate", str(valid)],
        "invalid": ["validate", str(invalid)],
        "missing": ["validate", str(root / "no-such-dir")],
        "no-arguments": [],
        "unknown-command": ["frobnicate"],
        "validate-without-dir": ["validate"],
        "excerpts-zero": ["sample", str(root / "sample-zero"), "--excerpts", "0"],
        "excerpts-text": ["sample", str(root / "sample-text"), "--excerpts", "abc"],
    }
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "findings", *args],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, args in cases.items()
    }
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        results[name] = Run(tuple(cases[name]), proc.returncode, out, err)
    return results


def test_no_run_prints_a_traceback(runs):
    assert len(runs) == 8
    for run in runs.values():
        assert "Traceback" not in run.both, run
        assert "failed unexpectedly" not in run.err, run  # the CLI's last-resort sentence for a bug


def test_validate_valid_directory(runs):
    run = runs["valid"]
    assert run.code == 0, run
    lines = run.out.splitlines()
    assert lines and lines[-1].startswith("OK: "), run
    assert "is a valid export set (7 tables" in lines[-1], run
    assert not any(line.startswith(("ERROR", "WARNING")) for line in lines), run
    assert run.err == "", run


def test_validate_invalid_directory(runs):
    run = runs["invalid"]
    assert run.code == 1, run
    lines = run.out.splitlines()
    assert BAD_CONSENT_LINE in lines, run
    assert [line for line in lines if line.startswith("ERROR")] == [BAD_CONSENT_LINE], run
    assert lines[-1].startswith("INVALID: ") and lines[-1].endswith(": 1 error, 0 warnings"), run


def test_validate_missing_directory(runs):
    run = runs["missing"]
    assert run.code == 1, run
    assert "no-such-dir is not a directory" in run.out, run
    assert run.out.splitlines()[-1].startswith("INVALID: "), run


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("no-arguments", "usage error"),
        ("unknown-command", "frobnicate"),
        ("validate-without-dir", "DIR"),
        ("excerpts-zero", "must be at least 1"),
        ("excerpts-text", "'abc' is not a whole number"),
    ],
)
def test_usage_errors_exit_2(runs, case, says):
    run = runs[case]
    assert run.code == 2, run
    assert run.err.startswith("usage: python -m findings"), run
    assert "usage error" in run.err and says in run.err, run
    assert run.out == "", run


def test_rejected_sample_writes_nothing(runs, root):
    assert runs["excerpts-zero"].code == 2
    assert not (root / "sample-zero").exists()
    assert not (root / "sample-text").exists()
