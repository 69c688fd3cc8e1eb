"""Excerpt patterns built once per export version and read back (findings/prebuilt.py): read back,
they count exactly what patterns built in memory count; a cache folder that does not read back as
its manifest says is ignored; a changed file, or changed code, is a new version; a private upload
is never kept; `python -m findings build` says what it did."""

from __future__ import annotations

import json
import logging
import os
import shutil

import fixture
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apptest import BUNDLED
from test_benchmarks_reference import reference
from test_patterns import SAMPLE_FILTERS, _compare

from findings import cli, prebuilt
from findings.db import Database
from findings.sample import write_sample
from findings.validate import validate


def _store(directory, root):
    report = validate(directory)
    assert report.ok, [str(p) for p in report.problems]
    return report, prebuilt.Store.at(root, prebuilt.version_key(directory, report.sources, report.package))


def _tables(db: Database) -> dict[str, pd.DataFrame]:
    cursor = db._raw_cursor()
    # rowid is a pattern's place in reading order: it must come back in the same order
    return {
        name: cursor.execute(f"select rowid as position, * from {name} order by rowid").fetchdf()
        for name in prebuilt.TABLES
    }


def test_patterns_read_back_count_what_the_reference_counts(tmp_path):
    directory = tmp_path / "sample"
    write_sample(directory, excerpts=3000, partition_above=1000)
    report, store = _store(directory, tmp_path / "cache")
    built = Database(directory, report.sources, store=store)
    try:
        assert not built.prebuilt and not store.exists()
        assert built.keep_patterns() and store.exists()
        read = Database(directory, report.sources, store=store)
        try:
            assert read.prebuilt
            for name, frame in _tables(built).items():
                pd.testing.assert_frame_equal(_tables(read)[name], frame, obj=name)
            assert _compare(read, reference.load(directory), SAMPLE_FILTERS) > 300
        finally:
            read.close()
    finally:
        built.close()


def _kept(tmp_path):
    report, store = _store(BUNDLED, tmp_path / "cache")
    db = Database(BUNDLED, report.sources, store=store)
    assert db.keep_patterns()
    db.close()
    return report, store


def _damage_manifest(store):
    manifest = json.loads((store.folder / prebuilt.MANIFEST).read_text())
    manifest["rows"]["_patterns"] += 1
    (store.folder / prebuilt.MANIFEST).write_text(json.dumps(manifest))


def _truncate(store):
    file = store.folder / "packed._excerpt_patterns.parquet"
    file.write_bytes(file.read_bytes()[:100])


def _other_key(store):
    manifest = json.loads((store.folder / prebuilt.MANIFEST).read_text())
    manifest["key"] = "0" * 64
    (store.folder / prebuilt.MANIFEST).write_text(json.dumps(manifest))


def _fewer_rows(store):
    file = store.folder / "_patterns.parquet"
    pq.write_table(pq.read_table(file).slice(1), file)


@pytest.mark.parametrize("damage", [_damage_manifest, _truncate, _other_key, _fewer_rows])
def test_a_damaged_cache_folder_is_ignored_and_the_patterns_built(tmp_path, caplog, damage):
    report, store = _kept(tmp_path)
    damage(store)
    fresh = Database(BUNDLED, report.sources)
    caplog.set_level(logging.WARNING, logger="findings.prebuilt")
    db = Database(BUNDLED, report.sources, store=store)
    try:
        assert not db.prebuilt
        for name, frame in _tables(fresh).items():
            pd.testing.assert_frame_equal(_tables(db)[name], frame, obj=name)
        assert db.run("headline", {**_params()}).equals(fresh.run("headline", {**_params()}))
    finally:
        db.close()
        fresh.close()


def _params():
    from conftest import params

    return params()


def test_a_changed_file_is_a_new_version_and_a_copy_the_same(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(BUNDLED, copy)
    report = validate(copy)
    key = prebuilt.version_key(copy, report.sources, report.package)
    original = validate(BUNDLED)
    assert key == prebuilt.version_key(BUNDLED, original.sources, original.package)
    os.utime(copy / "sessions.parquet", (1, 1))  # touched, not changed: the same version
    assert prebuilt.version_key(copy, report.sources, None) == key
    table = pq.read_table(copy / "sessions.parquet")
    pq.write_table(table.slice(0, table.num_rows - 1), copy / "sessions.parquet")
    assert prebuilt.version_key(copy, report.sources, None) != key


def test_changed_code_is_a_new_version(tmp_path, monkeypatch):
    report = validate(BUNDLED)
    key = prebuilt.version_key(BUNDLED, report.sources, report.package)
    edited = tmp_path / "_patterns.sql"
    edited.write_text(prebuilt._CODE[0].read_text() + "\n-- edited\n")
    monkeypatch.setattr(prebuilt, "_CODE", (edited, *prebuilt._CODE[1:]))
    assert prebuilt.version_key(BUNDLED, report.sources, report.package) != key


def test_the_cache_folder_follows_the_deployment(tmp_path, monkeypatch):
    monkeypatch.setenv(prebuilt.CACHE_ENV, str(tmp_path / "mine"))
    assert prebuilt.cache_root() == tmp_path / "mine"
    monkeypatch.setenv(prebuilt.CACHE_ENV, "off")
    assert prebuilt.cache_root() is None
    report = validate(BUNDLED)
    assert prebuilt.store_for(BUNDLED, report.sources, report.package) is None
    monkeypatch.setenv(prebuilt.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert prebuilt.cache_root() == tmp_path / "xdg" / "assembly-findings"


def test_an_unwritable_cache_costs_only_the_build(tmp_path, caplog):
    report = validate(BUNDLED)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    store = prebuilt.Store.at(blocker, prebuilt.version_key(BUNDLED, report.sources, report.package))
    caplog.set_level(logging.WARNING, logger="findings.prebuilt")
    db = Database(BUNDLED, report.sources, store=store)
    try:
        assert not db.prebuilt and not db.keep_patterns()
        assert "could not be kept" in caplog.text
        assert not db.run("headline", _params()).empty
    finally:
        db.close()


def test_a_folder_another_process_kept_first_is_kept(tmp_path):
    report, store = _kept(tmp_path)
    before = (store.folder / prebuilt.MANIFEST).stat().st_mtime_ns
    db = Database(BUNDLED, report.sources)  # built in memory, as a second process would
    try:
        db._store = store
        db.prebuilt = False
        assert db.keep_patterns()
    finally:
        db.close()
    assert (store.folder / prebuilt.MANIFEST).stat().st_mtime_ns == before
    assert [p.name for p in store.folder.parent.iterdir()] == [store.folder.name]  # no temporary left


def test_the_app_keeps_the_shared_set_s_patterns_and_never_an_upload_s(tmp_path, monkeypatch):
    from findings.app import data

    monkeypatch.setenv(prebuilt.CACHE_ENV, str(tmp_path / "cache"))
    shared = tmp_path / "shared"
    fixture.write(shared)
    db, report = data._load(str(shared))
    assert db is not None and not db.prebuilt
    assert len(list((tmp_path / "cache").iterdir())) == 1
    again, _ = data._load(str(shared))
    assert again.prebuilt
    upload = tmp_path / "upload"
    themes = fixture.tables()["themes"]  # another version than the shared one: a theme renamed
    labels = themes.column("label").to_pylist()
    fixture.write(upload, {"themes": themes.set_column(1, "label", pa.array(["Renamed", *labels[1:]]))})
    own, _ = data._load(str(upload), shared=False)
    assert own is not None and not own.prebuilt
    assert len(list((tmp_path / "cache").iterdir())) == 1
    for opened in (db, again, own):
        opened.close()


def test_build_on_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(prebuilt.CACHE_ENV, str(tmp_path / "cache"))
    assert cli.main(["build", str(BUNDLED)]) == 0
    first = capsys.readouterr().out
    assert first.startswith("built the excerpt patterns of") and str(tmp_path / "cache") in first
    assert cli.main(["build", str(BUNDLED)]) == 0
    assert capsys.readouterr().out.startswith("already built for this version of")
    broken = tmp_path / "broken"
    fixture.write(broken)
    (broken / "themes.parquet").write_bytes(b"not parquet")
    assert cli.main(["build", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "themes" in out and "INVALID" in out
    monkeypatch.setenv(prebuilt.CACHE_ENV, "off")
    assert cli.main(["build", str(BUNDLED)]) == 0
    assert "cache is off" in capsys.readouterr().out


def test_serve_s_warm_up_leaves_the_landing_page_nothing_to_count(monkeypatch):
    """After the warm-up (findings/app/warm.py), the first visitor's landing page runs no query
    that was not already counted: the data, its filter options and the page's numbers are ready."""
    from streamlit.testing.v1 import AppTest

    from findings.app import data, warm

    monkeypatch.delenv("FINDINGS_DATA_DIR", raising=False)
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")  # as deployed: the protected counts are warmed too
    said = warm.warm()
    assert any("first page's numbers ready" in line for line in said), said
    db, _ = data.warm_shared()
    counted = []
    run = Database.run

    def spy(self, name, params=None):
        before = len(self._cache)
        frame = run(self, name, params)
        if self is db and len(self._cache) > before:
            counted.append(name)
        return frame

    monkeypatch.setattr(Database, "run", spy)
    at = AppTest.from_file(str(BUNDLED.parent / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert counted == [], f"the landing page counted {counted} after the warm-up"
    monkeypatch.setattr(warm, "LANDING_QUERIES", warm.LANDING_QUERIES[:1])  # and the test can fail:
    data._open.clear()
    warm.warm()
    db, _ = data.warm_shared()
    AppTest.from_file(str(BUNDLED.parent / "dashboard.py"), default_timeout=60).run()
    assert "rules_list" in counted


def _linked(store):
    real = store.folder.with_name("elsewhere")
    store.folder.rename(real)
    store.folder.symlink_to(real, target_is_directory=True)


def _open_to_others(store):
    os.chmod(store.folder.parent, 0o777)


def _file_open_to_others(store):
    os.chmod(store.folder / "_patterns.parquet", 0o666)


@pytest.mark.parametrize("exposure", [_linked, _open_to_others, _file_open_to_others])
def test_a_cache_others_could_write_is_not_trusted(tmp_path, caplog, exposure):
    """The patterns say which passages each speaker said (whose consent applies): a cache folder
    anyone else could have written, or a link to one, is never read."""
    report, store = _kept(tmp_path)
    exposure(store)
    caplog.set_level(logging.WARNING, logger="findings.prebuilt")
    db = Database(BUNDLED, report.sources, store=store)
    try:
        assert not db.prebuilt
        assert "symbolic link" in caplog.text or "writable by other users" in caplog.text
    finally:
        db.close()


def test_a_folder_that_does_not_read_back_is_built_again(tmp_path):
    report, store = _kept(tmp_path)
    _truncate(store)
    db = Database(BUNDLED, report.sources, store=store)
    try:
        assert not db.prebuilt and db.keep_patterns()  # replaced, not taken for done
    finally:
        db.close()
    again = Database(BUNDLED, report.sources, store=store)
    try:
        assert again.prebuilt
    finally:
        again.close()


def test_serve_starts_even_when_the_warm_up_fails(monkeypatch, capsys):
    from streamlit.web import cli as streamlit_cli

    from findings.app import warm

    def broken():
        raise RuntimeError("the data moved")

    started = []
    monkeypatch.setattr(warm, "warm", broken)
    monkeypatch.setattr(streamlit_cli, "main", lambda args, **kwargs: started.append(args) or 0)
    assert warm.serve(["--server.port", "1"]) == 0
    assert started and started[0][0] == "run" and started[0][-1] == "1"
    assert "warm-up skipped (RuntimeError: the data moved)" in capsys.readouterr().err


def test_the_cache_keeps_the_words_of_consenting_speakers_only(tmp_path):
    """The Words page's texts are kept with the patterns (queries/_word_texts.sql): a passage whose
    speaker let research quote it is kept with its words, one whose speaker refused quotation only
    as a rank, so that the folder never holds a word the speaker withheld."""
    directory = fixture.write(tmp_path / "set")
    report, store = _store(directory, tmp_path / "cache")
    db = Database(directory, report.sources, store=store)
    try:
        assert db.keep_patterns()
    finally:
        db.close()
    codes = fixture.tables()["theme_codes"].to_pandas()
    people = fixture.PARTICIPANTS
    consent = dict(zip(people["participant_id"], people["quote_consent"], strict=True))
    readable = {
        text
        for text, speaker in zip(codes["excerpt"], codes["participant_id"], strict=True)
        if pd.isna(speaker) or consent.get(speaker) in ("public", "research")
    }
    withheld = set(codes["excerpt"]) - readable
    assert withheld == {"Words of P4 in E5."}  # P4 refused quotation
    kept = set()
    for path in store.folder.glob("*.parquet"):
        for column in pq.read_table(path).columns:
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                kept |= {value for value in column.to_pylist() if value is not None}
    assert readable <= kept  # the words of every passage research may read, group passages included
    assert not kept & withheld
    words = pq.read_table(store.folder / "packed._word_texts.parquet").to_pandas()
    assert len(words) == codes["excerpt_id"].nunique()  # every excerpt holds its rank
    assert words["excerpt"].isna().sum() == len(withheld)
