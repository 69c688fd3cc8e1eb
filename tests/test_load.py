"""The protocol-level load generator (benchmarks/load.py): its client against the bundled data served
once (a filter change and a page change do what they ask, and are timed), the errors it must count
(an error the app shows, a page it did not ask for, a dropped connection, a closed port), and its
figures and table."""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import sys
from pathlib import Path

import pytest
from browser import free_port, serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import load  # noqa: E402 (found through the sys.path set just above)

QUICK = load.Model(
    "quick", sessions=2, arrive_within_s=0.0, pause_s=(0.0, 0.0), duration_s=2.0, max_changes=4
)


@pytest.fixture(scope="module")
def base():
    with serve(ROOT / "data", timeout=120) as url:
        yield url


def _with_client(base: str, scenario):
    """Run `scenario(client)` on a new client; close it whatever happens."""

    async def main():
        client = load.Client(base, "test")
        try:
            return client, await scenario(client)
        finally:
            await client.close()

    return asyncio.run(main())


def _timed(run: load.Run) -> None:
    assert run.first_delta is not None and run.finished is not None
    assert 0 < run.first_delta - run.sent <= run.finished - run.sent < load.CHANGE_TIMEOUT_S


def test_a_filter_change_and_a_page_change_reach_the_server_and_are_timed(base):
    async def scenario(client):
        opened = await client.open()
        box_id, box = client.discipline_box()
        discipline = box.options[-1].content  # as drawn (a row of buttons: the label)
        filtered = await client.toggle_discipline(discipline)
        url = client.query_string  # what the server wrote into the URL, as the browser's bar shows it
        moved = await client.go_to("themes")
        cleared = await client.toggle_discipline(discipline)
        return opened, box_id, discipline, filtered, url, moved, cleared

    client, (opened, box_id, discipline, filtered, url, moved, cleared) = _with_client(base, scenario)
    for run in (opened, filtered, moved, cleared):
        assert run.errors == [] and run.status == "FINISHED_SUCCESSFULLY"
        _timed(run)
    assert "1,500 of 1,500 excerpts" in opened.caption
    # the filter reached the server: the scope line names it, the URL carries it, the box holds it
    assert discipline in filtered.caption.replace("\\", "") and "1,500 of 1,500" not in filtered.caption
    assert url.startswith("discipline=") and client.query_string == ""  # the last change cleared it
    assert moved.page_hash == client.pages["themes"] != opened.page_hash
    assert discipline in moved.caption.replace("\\", "")  # filters carry across pages
    assert "1,500 of 1,500 excerpts" in cleared.caption and client.values[box_id] == []


def test_a_short_model_run_records_every_change(base):
    tally = asyncio.run(load.run_model(base, QUICK))
    assert tally.errors == []
    assert len(tally.opened) == QUICK.sessions
    assert (
        sum(map(len, tally.by_kind.values()))
        == len(tally.finished)
        == len(tally.first_delta)
        > QUICK.sessions
    )
    assert all(0 < first <= whole for first, whole in zip(tally.first_delta, tally.finished, strict=True))


def test_a_page_other_than_the_one_asked_for_is_an_error(base):
    async def scenario(client):
        await client.open()
        client.pages["themes"] = "0" * 32  # a page hash the server does not know: it shows the default
        elsewhere = await client.go_to("themes")
        return elsewhere

    _client, elsewhere = _with_client(base, scenario)
    assert any("another page was shown" in e for e in elsewhere.errors)

    async def unknown(client):
        return await client.open(page_name="no-such-page")

    _client, lost = _with_client(base, unknown)
    assert any("page not found" in e for e in lost.errors)


def test_an_error_the_app_shows_and_a_dropped_connection_are_errors(tmp_path):
    with serve(tmp_path, timeout=120) as url:  # an empty folder: the app shows the validator's error
        port = int(url.rsplit(":", 1)[1])

        async def scenario(client):
            shown = await client.open()
            pid = load.listening_pid(port)
            assert pid is not None
            os.kill(pid, signal.SIGKILL)  # the server this test started dies under its client
            with pytest.raises(load.Dropped):
                await client.request("filter")
            return shown

        client, shown = _with_client(url, scenario)
    assert any(e.startswith("error shown:") for e in shown.errors)
    assert client.dropped and "connection closed" in client.dropped


def test_a_closed_port_is_an_error_of_the_model():
    tally = asyncio.run(load.run_model(f"http://127.0.0.1:{free_port()}", QUICK))
    assert len(tally.errors) == QUICK.sessions and "ConnectError" in tally.errors[0]
    assert tally.finished == [] and tally.opened == []


STAND_IN = """#!/bin/sh
# a stand-in for deploy/run-local.sh N with its interface but no proxy: N servers on consecutive
# ports from FINDINGS_UPSTREAM_PORT, 'ready: URL' (the first server's) once all answer, all stopped on TERM
pids=""
i=0
while [ "$i" -lt "$1" ]; do
    "$PYTHON" -m findings serve --server.port $((FINDINGS_UPSTREAM_PORT + i)) \\
        --server.address 127.0.0.1 --server.headless true >/dev/null 2>&1 &
    pids="$pids $!"
    i=$((i + 1))
done
trap 'kill $pids; wait; exit 0' TERM
i=0
while [ "$i" -lt "$1" ]; do
    until "$PYTHON" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1])" \\
        "http://127.0.0.1:$((FINDINGS_UPSTREAM_PORT + i))/_stcore/health" 2>/dev/null; do sleep 0.2; done
    i=$((i + 1))
done
echo "ready: http://127.0.0.1:$FINDINGS_UPSTREAM_PORT"
wait
"""


def test_several_processes_are_started_measured_and_stopped_through_the_script(tmp_path, monkeypatch):
    script = tmp_path / "run-local.sh"
    script.write_text(STAND_IN)
    script.chmod(0o755)
    monkeypatch.setattr(load, "RUN_LOCAL", script)
    monkeypatch.setenv("PYTHON", sys.executable)
    row = load.measure(QUICK, load.BUNDLED, 2, log=lambda _message: None)
    assert row["errors"] == [] and row["changes"] > 0 and row["alive"]
    assert len(row["peak_mib"]) == 2 and all(100 < peak < 2000 for peak in row["peak_mib"])
    assert row["pids"][0] != row["pids"][1] and all(cpu > 0 for cpu in row["server_cpu_s"][:1])
    assert not any(Path(f"/proc/{pid}").exists() for pid in row["pids"])  # stopped on SIGTERM


def test_two_processes_are_not_measured_without_the_script(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "RUN_LOCAL", tmp_path / "run-local.sh")
    row = load.measure(QUICK, load.BUNDLED, 2, log=lambda _message: None)
    assert row["skipped"] == "not measured: deploy/run-local.sh missing"


# --- figures and the table ------------------------------------------------------------------------


def test_quantiles_interpolate_between_ranks():
    hundred = list(range(100, 0, -1))  # order does not matter
    assert load.quantile(hundred, 0.50) == pytest.approx(50.5)
    assert load.quantile(hundred, 0.95) == pytest.approx(95.05)
    assert load.quantile(hundred, 0.99) == pytest.approx(99.01)
    assert load.quantile([3.0], 0.99) == 3.0
    assert load.quantile([], 0.5) is None
    assert load.quantile([1, 2], 0.5) == 1.5
    data = [0.2, 1.7, 0.4, 9.0, 0.9, 1.1, 3.3]
    cuts = statistics.quantiles(data, n=100, method="inclusive")
    assert load.summary(data) == pytest.approx({"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]})


def _row(model, scale, processes, p95, errors=(), peaks=(300.0,)):
    return {
        "model": model,
        "scale": scale,
        "processes": processes,
        "sessions": load.MODELS[model].sessions,
        "changes": 10,
        "kinds": {"filter": 6, "page": 4},
        "fragments": 2,
        "opened": {"p50": 0.5, "p95": 0.9, "p99": 1.0},
        "first_delta": {"p50": 0.1, "p95": 0.2, "p99": 0.3},
        "finished": {"p50": 0.3, "p95": p95, "p99": p95 + 0.1},
        "errors": list(errors),
        "peak_mib": list(peaks),
        "alive": True,
        "opened_count": 30,
        "elapsed_s": 131.2,
        "generator_cpu_s": 4.4,
        "server_cpu_s": [2.5],
        "by_kind": {
            "page": {"p50": 0.4, "p95": 0.9, "p99": 1.0},
            "filter": {"p50": 0.2, "p95": 0.7, "p99": 0.8},
        },
    }


def test_the_table_marks_each_target():
    rows = [
        _row("meeting", 1500, 1, 0.8),
        _row("burst", 1500, 1, 2.5),
        _row("meeting", 1500, 2, 0.85),  # within 10% of one process
        _row("burst", 1500, 2, 3.0),  # worse than one
        _row("meeting", 1_000_000, 1, 0.9, errors=["session 3: boom"], peaks=(520.0,)),
        {"model": "burst", "scale": 1_000_000, "processes": 2, "sessions": 8, "skipped": "not measured: why"},
    ]
    lines = load.table(rows, ["a note"]).splitlines()
    body = {i: line for i, line in enumerate(lines[2:8])}
    assert "0.30 s / 0.80 s / 0.90 s" in body[0] and body[0].endswith("0 errors, p95 < 1 s ✅ |")
    assert body[1].endswith("p95 < 2 s ❌ |")
    assert body[2].endswith("✅ |") and "1.1× one process's" in body[2]
    assert body[3].endswith("❌ |")
    assert "| 1 |" in body[4] and "520 MiB" in body[4] and body[4].endswith("❌ |")
    assert "not measured: why" in body[5] and "✅" not in body[5] and "❌" not in body[5]
    assert lines[-1] == "- a note"
    notes = load.notes_for(rows, "1.0, 1.0, 1.0")
    assert notes[0].startswith(f"{os.cpu_count()} cores; load average 1.0, 1.0, 1.0 at the start")
    assert "30 sessions open the link within 10 s" in notes[1] and "8 sessions change" in notes[1]
    assert "meeting, 1,000,000, 1 process(es): session 3: boom" in notes
    assert notes[2] == (
        "meeting, 1,500, 1 process(es): 131 s, 30 pages opened, 10 changes, 2 timed fragment reruns; "
        "CPU: the clients 4 s, the server(s) 2 s (250 ms a change); "
        "filter changes: page updated p50 / p95 0.20 s / 0.70 s; "
        "page changes: page updated p50 / p95 0.40 s / 0.90 s"
    )


def test_results_go_between_their_markers_and_keep_the_rest(tmp_path, monkeypatch):
    results = tmp_path / "RESULTS.md"
    results.write_text(f"# Results\n\n<!-- results -->\nmain\n{load.MAIN_END}\n\n## Notes\nkept\n")
    monkeypatch.setattr(load, "RESULTS", results)
    load.write_results("first")
    text = results.read_text()
    assert text.index(load.MAIN_END) < text.index(f"{load.BEGIN}\nfirst\n{load.END}") < text.index("## Notes")
    load.write_results("second")
    text = results.read_text()
    assert "first" not in text and f"{load.BEGIN}\nsecond\n{load.END}" in text
    assert text.startswith("# Results\n\n<!-- results -->\nmain\n") and text.endswith("## Notes\nkept\n")
