"""The Archive page under AppTest: fixture, bundled sample, absent table, URL state, filters, French."""

from __future__ import annotations

import fixture
from apptest import BUNDLED, metrics, open_app, texts, url

PAGE = "views/archive.py"
N = "\u202f"


def app(monkeypatch, data_dir, **query):
    return open_app(monkeypatch, data_dir, PAGE, **query)


def test_archive_on_the_fixture(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    assert not at.exception and not at.error
    shown = texts(at)
    assert at.title[0].value == "Archive"
    assert f"2{N}h of film (10 GB), 1.5{N}h of audio (1.5 GB) and 2 photos (3 MB) were recorded." in shown
    assert metrics(at) == {"Audio": f"1.5{N}h", "Photos": "2", "Film": f"2{N}h"}
    assert "Film holds 87% of the 11.5 GB stored." in shown
    assert at.segmented_control(key="page.unit").value == "hours"
    assert "photos have no duration" in shown


def test_unit_in_the_url_sets_the_view(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, unit="bytes")
    assert not at.exception
    assert at.segmented_control(key="page.unit").value == "bytes"
    assert "logarithmic scale" in texts(at)
    at.segmented_control(key="page.unit").set_value("files").run()
    assert url(at, "unit") == ["files"]
    assert "Number of files per session and kind." in texts(at)


def test_session_and_venue_filters_apply_others_do_not(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, session="S1")
    assert f"1{N}h of audio (1 GB) and 1 photo (1 MB) were recorded." in texts(at)
    assert metrics(at)["Film"] == "–"
    at = app(monkeypatch, fixture_dir, venue="Hearst Estate")
    assert f"2{N}h of film (10 GB) and 0.5{N}h of audio (500 MB) were recorded." in texts(at)
    at = app(monkeypatch, fixture_dir, discipline="Music", stance="risk")
    shown = texts(at)
    assert "Not applied on this page: Discipline, Stance." in shown
    assert f"2{N}h of film (10 GB), 1.5{N}h of audio (1.5 GB) and 2 photos (3 MB) were recorded." in shown


def test_nothing_left_shows_the_empty_state(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, session="S1", venue="Hearst Estate")
    assert not at.exception
    assert any("Nothing matches these filters" in i.value for i in at.info)
    assert not at.metric


def test_absent_media_table_is_a_notice(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path, {"rules": None, "rule_themes": None, "media": None})
    at = app(monkeypatch, folder)
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [
        "This export set has no media table, so there is no archive inventory."
    ]
    assert not at.metric


def test_french(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, lang="fr")
    assert not at.exception
    shown = texts(at)
    assert at.title[0].value == "Archives"
    assert (
        f"Ont été enregistrés : 2{N}h de film (10{N}Go), 1,5{N}h d'audio (1,5{N}Go) et 2 photos (3{N}Mo)."
        in shown
    )
    assert metrics(at)["Audio"] == f"1,5{N}h"


def test_archive_on_the_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED)
    assert not at.exception and not at.error
    assert (
        f"62{N}h of film (6.7 TB), 30{N}h of audio (18 GB) and 4,612 photos (16 GB) were recorded."
        in texts(at)
    )
