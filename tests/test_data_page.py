"""The Data page under AppTest: what is loaded, its tables, the validator's report, the contract,
the download (consent applied for the public), and a researcher's own upload for one session."""

from __future__ import annotations

import gc
import io
import re
import tempfile
import zipfile
from pathlib import Path

import fixture
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apptest import BUNDLED, open_app, texts
from test_import_hostile import HOSTILE
from test_import_qdpx import project, qdpx_bytes
from test_import_tables import write_csvs

from findings import i18n
from findings.app import inventory, upload
from findings.contract import TABLES
from findings.importers import upload as importer
from findings.validate import validate


def app(monkeypatch, data_dir, audience: str | None = None, **query):
    if audience:
        monkeypatch.setenv("FINDINGS_AUDIENCE", audience)
    else:
        monkeypatch.delenv("FINDINGS_AUDIENCE", raising=False)
    return open_app(monkeypatch, data_dir, "views/data.py", **query)


def frame(at, name: str):
    """A table the page shows: "data.tables", or "data.contract.<table>" (in the page's order)."""
    names = ["data.tables", *(f"data.contract.{t.name}" for t in TABLES)]
    assert len(at.dataframe) == len(names)
    return at.dataframe[names.index(name)].value


def table_rows(at) -> dict[str, str]:
    tables = frame(at, "data.tables")
    return dict(zip(tables.iloc[:, 0], tables.iloc[:, 2], strict=True))


def zipped(folder: Path, prefix: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return buffer.getvalue()


def archive_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def session_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("findings-session-*")}


# --- what is loaded -------------------------------------------------------------------------


def test_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED)
    assert not at.exception
    report = validate(BUNDLED)
    shown = texts(at)
    assert "Data" in [t.value for t in at.title]
    rows = sum(report.row_counts.values())
    assert (
        f"The loaded export set has 7 tables and {rows:,} rows, and it meets the data contract (warnings: 0)."
        in shown
    )
    assert "Imaginative Intelligences Assemblies (illustrative sample)" in shown
    assert "Illustrative (not real records)" in shown
    assert table_rows(at) == {name: f"{n:,}" for name, n in report.row_counts.items()}
    assert [c.value for c in at.code if c.value.startswith("OK:")] == [
        f"OK: data/ is a valid export set (7 tables, {rows:,} rows; 0 warnings)"
    ]
    assert (
        len(at.download_button) >= 1
        and "The participants and the coded excerpts (one row per person or per code) are kept for research"
        in shown
    )
    assert not at.file_uploader  # the public audience gets no upload


def test_the_contract_is_shown_from_contract_py(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    assert not at.exception
    consent = frame(at, "data.contract.participants").set_index("Column").loc["quote_consent"]
    assert (consent["Type"], consent["Constraints"]) == (
        "text",
        "must have a value; one of public, research, none",
    )
    assert consent["About"] == "who may read this person's excerpts"
    codes = frame(at, "data.contract.theme_codes").set_index("Column")
    assert codes.loc["code_id", "Constraints"] == "must have a value; unique"
    assert codes.loc["theme_id", "Constraints"] == "must have a value; refers to themes.theme_id"
    assert codes.loc["participant_id", "Constraints"] == "refers to participants.participant_id"
    assert codes.loc["activity", "French sibling"] == "activity_fr"
    assert frame(at, "data.contract.media").set_index("Column").loc["size_bytes", "Type"] == "whole number"
    assert [e.label for e in at.expander if "(" in e.label][:7] == [
        "sessions (required)",
        "participants (required)",
        "themes (required)",
        "theme_codes (required)",
        "rules (optional)",
        "rule_themes (optional)",
        "media (optional)",
    ]


def test_the_filters_do_not_change_the_inventory(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music")
    assert not at.exception
    assert "3 of 8 participants" in texts(at)  # the usual scope line follows the filters...
    assert table_rows(at)["participants"] == "8"  # ...the inventory describes the whole set
    assert table_rows(at)["theme_codes"] == "12"


def test_french(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, lang="fr")
    assert not at.exception
    shown = texts(at)
    assert "Données" in [t.value for t in at.title]
    assert "Le contrat de données (version 1.1)" in shown and "Une ligne par participant·e." in shown
    contract = frame(at, "data.contract.participants").set_index("Colonne")
    assert contract.loc["participant_id", "À propos"] == "identifiant pseudonyme"
    assert contract.loc["quote_consent", "Contraintes"] == "valeur obligatoire ; parmi public, research, none"
    # the validator's verdict in French, above the command's own lines (in English, and said so)
    assert re.search(r"Valide : 7 tables, [\d\u202f\u00a0 ]+ lignes, 0 avertissement\.", shown)
    assert "en anglais" in shown


def test_the_french_contract_words_translate_the_contract_s_own():
    for table in TABLES:
        assert i18n.CATALOGUE[f"data.doc.{table.name}"]["en"] == table.doc
        for col in table.columns:
            if col.doc:
                assert i18n.CATALOGUE[f"data.doc.{table.name}.{col.name}"]["en"] == col.doc


# --- the download ---------------------------------------------------------------------------


def test_export_theme_codes_applies_consent_for_each_audience(db):
    public = db.run("export_theme_codes", {"audience": "public"})
    research = db.run("export_theme_codes", {"audience": "research"})
    assert len(public) == len(research) == 12  # every row stays
    assert public.excerpt.notna().sum() == 10  # E3 (P2, research) and E5 (P4, none) withheld
    assert research.excerpt.notna().sum() == 11  # E5 (none) withheld from everyone
    assert public.loc[public.code_id == "C04", "excerpt"].isna().all()


def test_the_zip_holds_the_export_set(db, fixture_dir):
    report = validate(fixture_dir)
    with zipfile.ZipFile(io.BytesIO(inventory.export_zip(report))) as archive:
        assert sorted(archive.namelist()) == sorted(
            [f"{t.name}.parquet" for t in TABLES] + ["datapackage.json"]
        )
        participants = pq.read_table(io.BytesIO(archive.read("participants.parquet")))
    assert participants.to_pylist() == pq.read_table(fixture_dir / "participants.parquet").to_pylist()
    research = inventory.export_zip(report, db.run("export_theme_codes", {"audience": "research"}))
    with zipfile.ZipFile(io.BytesIO(research)) as archive:
        codes = pq.read_table(io.BytesIO(archive.read("theme_codes.parquet")))
    assert codes.num_rows == 12 and codes["excerpt"].null_count == 1  # E5 (consent none) left out
    public = inventory.export_zip(report, leave_out=("participants", "theme_codes"))
    with zipfile.ZipFile(io.BytesIO(public)) as archive:
        names = set(archive.namelist())
    assert "participants.parquet" not in names and "theme_codes.parquet" not in names
    assert {"sessions.parquet", "themes.parquet", "datapackage.json"} <= names
    assert inventory.download_name({"name": "../../etc/passwd x"}) == "etc-passwd-x.zip"
    assert inventory.download_name({}) == "export-set.zip"


# --- a researcher's own data ----------------------------------------------------------------


def test_research_upload_of_an_invalid_export_set_shows_the_report(monkeypatch, fixture_dir, tmp_path):
    participants = fixture.tables()["participants"]
    consent = participants["quote_consent"].to_pylist()
    consent[2] = "yes please"
    bad = participants.set_column(
        participants.schema.get_field_index("quote_consent"), "quote_consent", pa.array(consent)
    )
    data = zipped(fixture.write(tmp_path / "bad", {"participants": bad}), prefix="export/")
    before = session_folders()
    at = app(monkeypatch, fixture_dir, audience="research")
    at.file_uploader(key="data.upload").set_value(("bad.zip", data, "application/zip")).run()
    assert not at.exception
    assert "bad.zip cannot be shown: it does not meet the data contract." in texts(at)
    assert next(c.value for c in at.code).splitlines() == [
        "ERROR participants.quote_consent: 1 row has a value outside public/research/none (e.g. 'yes "
        "please')",
        "INVALID: bad.zip: 1 error, 0 warnings",
    ]
    assert upload.SESSION_DATA_KEY not in at.session_state
    assert "Tiny fixture" in texts(at)  # still the shared data
    assert session_folders() <= before  # the rejected upload left nothing behind


def test_research_upload_of_a_project_is_loaded_for_this_session_only(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, audience="research")
    at.file_uploader(key="data.upload").set_value(
        ("assemblies.qdpx", qdpx_bytes(project()), "application/zip")
    ).run()
    assert not at.exception
    shown = texts(at)
    assert [m.value.replace("\\", "") for m in at.success] == [
        "assemblies.qdpx is loaded for this browser session only."
    ]
    folder = Path(at.session_state[upload.SESSION_DATA_KEY])
    assert folder.is_dir() and (folder / "theme_codes.parquet").is_file()
    assert fixture_dir not in folder.parents and BUNDLED not in folder.parents
    assert sorted(p.name for p in fixture_dir.iterdir()) == sorted(
        [f"{t.name}.parquet" for t in TABLES] + ["datapackage.json"]
    )
    assert "Evening assemblies" in shown and "Your upload, for this browser session only" in shown
    assert table_rows(at)["theme_codes"] == "9"
    assert "OK: assemblies.qdpx is a valid export set (4 tables, 23 rows; 0 warnings)" in [
        c.value for c in at.code
    ]

    # another browser session (a fresh AppTest) still sees the shared data
    other = app(monkeypatch, fixture_dir, audience="research")
    assert "Tiny fixture" in texts(other) and upload.SESSION_DATA_KEY not in other.session_state

    # back to the shared data: the session forgets the upload, and its folder goes
    next(b for b in at.button if b.label == "Back to the shared data").click().run()
    assert upload.SESSION_DATA_KEY not in at.session_state
    assert "Tiny fixture" in texts(at)
    gc.collect()
    assert not folder.exists()


def test_the_public_audience_cannot_upload(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, audience="public")
    assert not at.file_uploader and "Your own data" not in texts(at)


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("slip.zip", lambda tmp: HOSTILE["zip slip"][0], "'../../evil.txt' climbs out of the folder"),
        ("bomb.qdpx", lambda tmp: HOSTILE["zip bomb"][0], "possible zip bomb"),
        ("notes.zip", lambda tmp: archive_of({"notes/a.txt": b"x", "notes/b.md": b"y"}), "holds no tables"),
        ("project.docx", lambda tmp: b"x", "upload a .zip of an export set or a .qdpx project"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(tmp_path, name, make, says):
    outcome = importer.receive(name, make(tmp_path))
    assert not outcome.ok and outcome.folder is None
    assert any(says in line for line in outcome.lines), outcome.lines


def test_an_upload_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(importer, "MAX_UPLOAD_BYTES", 100)
    outcome = importer.receive("big.zip", b"x" * 101)
    assert outcome.lines == ["ERROR big.zip is larger than the 50 MB an upload may be"]


def test_parquet_that_would_expand_too_far_is_refused_from_its_footers(monkeypatch, fixture_dir):
    monkeypatch.setattr(importer, "MAX_PARQUET_ROWS", 20)
    outcome = importer.receive("big.zip", zipped(fixture_dir))
    assert not outcome.ok and outcome.lines[0].startswith("ERROR big.zip holds 37 rows")


def test_a_zip_of_csv_files_is_converted_and_checked(tmp_path):
    outcome = importer.receive("tables.zip", zipped(write_csvs(tmp_path / "csv")))
    assert outcome.ok, outcome.lines
    assert outcome.report.row_counts["theme_codes"] == 12
    assert "read participants.csv: 8 rows" in outcome.summary
    bad = importer.receive(
        "bad.zip", zipped(write_csvs(tmp_path / "bad", {("participants", 7, "session_id"): "S9"}))
    )
    assert (
        "ERROR participants.csv row 7, column session_id: 'S9' is not a session_id in sessions.csv"
        in bad.lines
    )


def test_a_map_file_goes_with_a_project():
    outcome = importer.receive("p.qdpx", qdpx_bytes(project()), '[participants]\nid = "case name"\n')
    assert outcome.ok, outcome.lines
    assert pq.read_table(outcome.folder / "participants.parquet")["participant_id"][0].as_py() == "Alice"


def test_the_whole_dashboard_shows_the_upload_to_this_session_only(monkeypatch, fixture_dir):
    from apptest import metrics

    at = app(monkeypatch, fixture_dir, audience="research", discipline="Music")
    at.file_uploader(key="data.upload").set_value(
        ("assemblies.qdpx", qdpx_bytes(project()), "application/zip")
    ).run()
    assert "6 of 6 participants · 6 of 6 excerpts" in texts(at)  # the old filter went with the old data
    assert "Illustrative data" not in texts(at)
    at.switch_page("views/overview.py").run()
    assert not at.exception
    assert metrics(at)["Participants"] == "6" and metrics(at)["Coded excerpts"] == "6"
    assert "Evening assemblies" in texts(at)
    other = app(monkeypatch, fixture_dir, audience="research")  # another browser session
    assert "8 of 8 participants" in texts(other)
    next(
        b for b in at.switch_page("views/data.py").run().button if b.label == "Back to the shared data"
    ).click().run()
    assert "8 of 8 participants" in texts(at)


def test_a_session_may_have_only_so_many_uploads_checked(monkeypatch, fixture_dir):
    monkeypatch.setattr(upload, "MAX_UPLOADS_PER_SESSION", 2)
    at = app(monkeypatch, fixture_dir, audience="research")
    for n in range(2):
        assert at.file_uploader
        at.file_uploader(key="data.upload").set_value((f"bad{n}.zip", b"not a zip %d" % n, "application/zip"))
        at.run()
        assert f"bad{n}.zip cannot be shown: it does not meet the data contract." in texts(at)
    assert not at.exception
    assert not at.file_uploader  # the third is not even offered
    assert [i.value for i in at.info] == [
        "This browser session has had its 2 uploads checked. To check another, open the dashboard in a new "
        "session."
    ]
    assert "bad1.zip cannot be shown: it does not meet the data contract." in texts(
        at
    )  # the last still shown


def test_a_server_that_refuses_uploads_says_so_to_the_researcher(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, audience="research")
    assert upload.server_limit_mb() == 0  # .streamlit/config.toml: the public default
    refused = "This server accepts uploads of up to"
    assert [w.value for w in at.warning if w.value.startswith(refused)] == [
        "This server accepts uploads of up to 0 MB, so most uploads will be refused. Whoever runs it can "
        "allow "
        f"{upload.MAX_UPLOAD_MB} MB: start it with STREAMLIT_SERVER_MAX_UPLOAD_SIZE={upload.MAX_UPLOAD_MB} "
        f"(or --server.maxUploadSize {upload.MAX_UPLOAD_MB})."
    ]
    monkeypatch.setattr(upload, "server_limit_mb", lambda: upload.MAX_UPLOAD_MB)
    assert not [w for w in app(monkeypatch, fixture_dir, audience="research").warning if refused in w.value]
