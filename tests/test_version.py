"""One export version at a time: a re-export under an open page, a half-written set, a symlink switch.

The attack (issue 11): an open page keeps consent and excerpt patterns in memory while excerpt text
is read from the files at query time, so a download clicked after a re-export with renumbered
excerpt ids once served withheld quotes. Here the old page's download either fails cleanly or is the
old version whole; a set whose files do not match the hashes its datapackage.json lists is refused,
naming the file, while the version already open keeps being served.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path

import fixture
import pandas as pd
import pyarrow as pa
import pytest
from apptest import BUNDLED, open_app, texts

from findings import version
from findings.db import Database, DataChanged
from findings.validate import PACKAGE_FILE, validate

PAGE = "views/evidence.py"
WITHHELD_OLD = ("Words of P2", "Words of P4")  # research and none speakers, never public
NEW = "Re-export"


def reexport_tables() -> dict[str, pa.Table]:
    """A valid re-export of the fixture: every excerpt id moved on by one (E10 becomes E1), new
    words for every excerpt, and P1 now refusing quotation."""
    tables = fixture.tables()
    codes = tables["theme_codes"]
    renumbered = [f"E{int(e[1:]) % 10 + 1}" for e in codes["excerpt_id"].to_pylist()]
    words = [f"{NEW}: {t}" for t in codes["excerpt"].to_pylist()]
    codes = codes.set_column(codes.column_names.index("excerpt_id"), "excerpt_id", pa.array(renumbered))
    codes = codes.set_column(codes.column_names.index("excerpt"), "excerpt", pa.array(words))
    people = tables["participants"]
    consent = people["quote_consent"].to_pylist()
    consent[0] = "none"  # P1
    people = people.set_column(people.column_names.index("quote_consent"), "quote_consent", pa.array(consent))
    return {**tables, "theme_codes": codes, "participants": people}


def hashed_package(folder: Path) -> dict:
    """The fixture's descriptor listing every table file of `folder` with its hash."""
    resources = [{"name": name, "path": f"{name}.parquet"} for name in fixture.tables()]
    return version.with_hashes(folder, {**fixture.PACKAGE, "resources": resources})


def write_set(folder: Path, tables: dict[str, pa.Table] | None = None, *, hashed: bool = False) -> Path:
    fixture.write(folder, tables)
    if hashed:
        (folder / PACKAGE_FILE).write_text(json.dumps(hashed_package(folder)), encoding="utf-8")
    return folder


def publish_in_place(target: Path, staging: Path, names: list[str] | None = None) -> None:
    """Move files of a finished re-export over the set, one rename each (as a careless export does)."""
    for name in names or sorted(os.listdir(staging)):
        os.replace(staging / name, target / name)


def assert_one_old_version(csv: bytes) -> None:
    """A download of the original fixture only: no new words, no withheld quote, each text its own id's."""
    frame = pd.read_csv(io.BytesIO(csv), keep_default_na=False, dtype=str)
    assert NEW.encode() not in csv
    assert not any(w.encode() in csv for w in WITHHELD_OLD)
    for excerpt_id, text in zip(frame.excerpt_id, frame.excerpt, strict=True):
        if text:
            assert re.fullmatch(rf"Words of (P\d|the group) in {excerpt_id}\.", text), (excerpt_id, text)


# --- a re-export under an open page --------------------------------------------------------------


def test_a_download_on_a_page_opened_before_a_reexport_never_mixes(monkeypatch, tmp_path, downloads):
    data = write_set(tmp_path / "data")
    at = open_app(monkeypatch, data, PAGE)
    assert not at.exception and "Words of P1 in E1." in [t.value for t in at.text]
    publish_in_place(data, write_set(tmp_path / "next", reexport_tables()))

    for name in ("excerpts.csv", "excerpts.parquet"):
        try:
            made = downloads[name]()
        except DataChanged:  # fails cleanly: nothing is handed to the browser
            continue
        if name == "excerpts.csv":
            assert_one_old_version(made)
        else:
            assert NEW.encode() not in made and not any(w.encode() in made for w in WITHHELD_OLD)

    at.run()  # the next rerun opens the new version whole
    assert not at.exception
    shown = [t.value for t in at.text]
    assert f"{NEW}: Words of P5 in E6." in shown
    assert not any(text.startswith("Words of") for text in shown)
    assert not any("Words of P1" in text for text in shown)  # P1 now refuses quotation


def test_the_database_refuses_files_replaced_after_it_opened(tmp_path):
    data = write_set(tmp_path / "data")
    report = validate(data)
    db = Database(data, report.sources)
    try:
        params = {"audience": "public", "lang": "en", "theme": [], "q": ""}
        before = db.run("excerpt_summary", {**fixture_filters(), **params})
        publish_in_place(data, write_set(tmp_path / "next", reexport_tables()))
        assert not db.current()
        with pytest.raises(DataChanged, match="changed since it was opened"):
            db.run("excerpt_summary", {**fixture_filters(), **params})  # cached, and still refused
        with pytest.raises(DataChanged):
            list(db.stream("excerpts_export", {**fixture_filters(), **params}))
        assert len(before) == 1
    finally:
        db.close()


def fixture_filters() -> dict:
    from findings.filters import Filters

    return Filters.of().params()


# --- a half-written set ----------------------------------------------------------------------------


def test_a_half_written_set_is_refused_naming_the_file(tmp_path):
    data = write_set(tmp_path / "data", hashed=True)
    assert validate(data).ok
    next_set = write_set(tmp_path / "next", reexport_tables())
    publish_in_place(data, next_set, ["participants.parquet"])  # the rest not yet written
    report = validate(data)
    assert not report.ok and report.half_written
    assert [str(p) for p in report.errors] == [
        "ERROR datapackage.json: participants.parquet does not match the hash it lists: the export set "
        "is incomplete (still being written?) or was changed after it was described"
    ]
    (data / "rules.parquet").unlink()
    assert "rules.parquet is listed with a hash but missing" in [p.message for p in validate(data).errors]


def test_a_file_not_listed_beside_hashed_ones_is_refused(tmp_path):
    data = write_set(tmp_path / "data", hashed=True)
    package = json.loads((data / PACKAGE_FILE).read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "media"]
    (data / PACKAGE_FILE).write_text(json.dumps(package), encoding="utf-8")
    report = validate(data)
    assert [p.message for p in report.errors] == [
        "media.parquet is not listed with a hash, though the other files are"
    ]


def test_the_app_keeps_the_open_version_while_a_new_one_is_half_written(monkeypatch, tmp_path):
    data = write_set(tmp_path / "data", hashed=True)
    at = open_app(monkeypatch, data, PAGE)
    assert "10 excerpts match; 2 are withheld" in texts(at)
    staging = write_set(tmp_path / "next", reexport_tables(), hashed=True)

    publish_in_place(data, staging, ["participants.parquet"])  # half written
    at.run()
    assert not at.exception
    assert "10 excerpts match; 2 are withheld" in texts(at)  # the old version, whole
    held = " ".join(w.value for w in at.warning)
    assert "is being published but is not complete yet" in held
    assert "participants.parquet does not match the hash it lists" in held.replace("\\", "")

    publish_in_place(data, staging, ["theme_codes.parquet"])  # the open version's text is gone
    at.run()
    assert not at.exception
    assert "theme_codes.parquet does not match the hash it lists" in "\n".join(c.value for c in at.code)
    assert not [t.value for t in at.text if "Words of" in t.value]

    publish_in_place(data, staging)  # the rest, datapackage.json last: the new version opens
    at.run()
    assert not at.exception and not [w for w in at.warning if "being published" in w.value]
    assert "4 are withheld" in texts(at)  # P1 now refuses quotation too


def test_the_bundled_sample_lists_every_file_with_its_hash():
    package = json.loads((BUNDLED / PACKAGE_FILE).read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert resource["hash"] == version.file_hash(BUNDLED / resource["path"]), resource["name"]
        assert resource["bytes"] == (BUNDLED / resource["path"]).stat().st_size


def test_a_partitioned_set_lists_each_part(tmp_path):
    from findings.sample import write_sample

    write_sample(tmp_path / "big", excerpts=300, partition_above=100)
    assert validate(tmp_path / "big").ok
    package = json.loads((tmp_path / "big" / PACKAGE_FILE).read_text(encoding="utf-8"))
    codes = next(r for r in package["resources"] if r["name"] == "theme_codes")
    assert [p["path"] for p in codes["parts"]] == [
        f"theme_codes/session_id=S{i}/part-00000.parquet" for i in range(1, 6)
    ]
    part = tmp_path / "big" / codes["parts"][2]["path"]
    part.write_bytes(part.read_bytes())  # the same bytes: still the version described
    assert validate(tmp_path / "big").ok
    shutil.copy(tmp_path / "big" / codes["parts"][0]["path"], part)
    assert [p.message.split(" ")[0] for p in validate(tmp_path / "big").errors] == [codes["parts"][2]["path"]]


# --- a versioned folder switched by one symlink --------------------------------------------------


def switch(link: Path, target: Path) -> None:
    """Point `link` at `target` in one rename (the safe way to publish)."""
    fresh = link.with_name(link.name + ".new")
    fresh.symlink_to(target.name)
    os.replace(fresh, link)


def test_a_symlink_switch_keeps_open_pages_on_their_version(monkeypatch, tmp_path, downloads):
    v1 = write_set(tmp_path / "v1")
    v2 = write_set(tmp_path / "v2", reexport_tables())
    current = tmp_path / "current"
    current.symlink_to("v1")
    at = open_app(monkeypatch, current, PAGE)
    assert "Words of P1 in E1." in [t.value for t in at.text]

    switch(current, v2)
    assert_one_old_version(downloads["excerpts.csv"]())  # the old page reads v1, whole
    at.run()
    shown = [t.value for t in at.text]
    assert f"{NEW}: Words of P5 in E6." in shown and not any(t.startswith("Words of") for t in shown)

    switch(current, v1)  # and back: v1 is still a version of its own
    at.run()
    assert "Words of P1 in E1." in [t.value for t in at.text]
    assert v1.is_dir() and v2.is_dir()
