"""`export qdpx` / `export qdc`: the bundled sample handed back to QDA software and read back.

The round trip sample -> .qdpx -> `import qdpx` -> export set must give the same numbers on every
page (the research audience's exact numbers of every named query), except what QDA-XML has no
place for: rules, recorded media, French translations, and the words of passages recorded without
any (exported as a placeholder, since a selection needs words).
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import duckdb
import numpy as np
import pytest
from apptest import BUNDLED
from conftest import every_param

from findings.db import Database
from findings.exporters import NO_TEXT, WITHHELD_TEXT, export_qdc, export_qdpx
from findings.importers import mapping
from findings.importers.output import write_export_set
from findings.importers.qdpx import import_qdpx
from findings.validate import validate

NS = "{urn:QDA-XML:project:1.0}"
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
KEEP_IDS = mapping.loads('[participants]\nid = "case name"\n')

#: queries whose results have no place in QDA-XML, or list passages' words
NOT_CARRIED = {
    "archive_by_session",
    "archive_totals",
    "rule_evidence",
    "rule_flows",
    "rules_list",
    "excerpts",
    "excerpts_export",
    "export_theme_codes",
    "coder_disagreements",  # lists passages with their words, as excerpts does (a textless one comes back
    # with the export's placeholder); its coders are compared by the coding test below
    "group_terms",  # counts passages' words, which the coding test below compares word for word
}


def round_trip(source: Path, folder: Path, name: str) -> Path:
    """source -> name.qdpx -> a new export set; returns the set's folder."""
    out = folder / f"{name}.qdpx"
    export_qdpx(source, out)
    result = import_qdpx(out, KEEP_IDS)
    report = write_export_set(result.tables, result.package, folder / name)
    assert report.ok, report.problems
    return folder / name


@pytest.fixture(scope="module")
def trips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trips")
    once = round_trip(BUNDLED, folder, "once")
    twice = round_trip(once, folder, "twice")  # the second time from source_id, start and end
    return folder, once, twice


def comparable(frame):
    """A query's rows without ids (themes and sessions are numbered anew on import) or keys."""
    ids = [c for c in frame.columns if c.endswith(("_id", "_key", "_ids")) or c.startswith("_")]
    ids += [c for c in ("theme_a", "theme_b", "rules_total") if c in frame.columns]
    # a theme's place in the code tree: the export nests each theme under its group's code, which the
    # import then records as its path (the sample itself records none)
    ids += [c for c in ("theme_path",) if c in frame.columns]
    # the bootstrap interval of agreement draws passages by a hash of their ids, numbered anew too
    ids += [c for c in ("alpha_low", "alpha_high") if c in frame.columns]
    rows = frame.drop(columns=ids).map(lambda v: tuple(v) if isinstance(v, (list, np.ndarray)) else v)
    return sorted(map(repr, rows.to_dict("records")))


def database(folder: Path) -> Database:
    return Database(folder, validate(folder).sources)


@pytest.mark.parametrize("which", ["once", "twice"])
def test_the_round_trip_gives_the_same_numbers_on_every_page(trips, which):
    _folder, once, twice = trips
    original, back = database(BUNDLED), database(once if which == "once" else twice)
    compared = 0
    try:
        for name, query in sorted(original.queries.items()):
            if name in NOT_CARRIED:
                continue
            for selected in ({}, {"discipline": ["Music"]}, {"stance": ["risk"]}):
                params = {**every_param(query), **{k: v for k, v in selected.items() if k in query.params}}
                params["audience"] = "research"
                assert comparable(original.run(name, params)) == comparable(back.run(name, params)), (
                    name,
                    selected,
                )
                compared += 1
    finally:
        original.close()
        back.close()
    assert compared > 50


def test_what_qda_xml_cannot_carry_is_all_that_differs(trips):
    """The same excerpts in the same sessions, themes and stances, word for word where there are words."""
    _folder, once, _twice = trips
    sql = (
        "select c.participant_id, s.title, t.label, c.stance, c.coder, c.excerpt, p.quote_consent "
        "from read_parquet(?) c join read_parquet(?) t using (theme_id) "
        "join read_parquet(?) s using (session_id) left join read_parquet(?) p using (participant_id) "
        "order by all"
    )

    def rows(folder: Path):
        files = [str(folder / f"{n}.parquet") for n in ("theme_codes", "themes", "sessions", "participants")]
        return duckdb.execute(sql, files).fetchall()

    before, after = rows(BUNDLED), rows(once)
    assert len(before) == len(after) == 2733  # 2,299 codings by Coder A, 434 by Coder B
    # who, where, which theme, which stance, which coder
    assert [r[:5] for r in before] == [r[:5] for r in after]
    # the words of every speaker who consented to quotation come back as they were (a group's
    # passage has no speaker: imported, its words follow [consent] uncased, by default left out)
    kept = [r for r in before if r[5] and r[6] in ("public", "research")]
    assert kept and set(kept) <= set(after)


def project_root(path: Path) -> tuple[ET.Element, dict[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("project.qde"))
        texts = {n: archive.read(n) for n in archive.namelist() if n.startswith("Sources/")}
    return root, texts


#: the order of child elements the REFI-QDA project schema (QDA-XML 1.0) allows, for the elements
#: the export writes, and their required attributes
SEQUENCES = {
    "Project": [
        "Users",
        "CodeBook",
        "Variables",
        "Cases",
        "Sources",
        "Notes",
        "Links",
        "Sets",
        "Graphs",
        "Description",
    ],
    "Code": ["Description", "NoteRef", "Code"],
    "Case": ["Description", "CodeRef", "VariableValue", "SourceRef", "SelectionRef"],
    "TextSource": [
        "Description",
        "PlainTextContent",
        "PlainTextSelection",
        "Coding",
        "NoteRef",
        "VariableValue",
    ],
    "PlainTextSelection": ["Description", "Coding", "NoteRef"],
    "Coding": ["CodeRef", "NoteRef"],
    "VariableValue": ["VariableRef", "TextValue"],
}
REQUIRED = {
    "Project": ["name"],
    "User": ["guid"],
    "Code": ["guid", "name", "isCodable"],
    "Variable": ["guid", "name", "typeOfVariable"],
    "Case": ["guid"],
    "TextSource": ["guid"],
    "PlainTextSelection": ["guid", "startPosition", "endPosition"],
    "Coding": ["guid"],
}


def test_the_project_follows_the_exchange_format(trips):
    folder, _once, _twice = trips
    root, texts = project_root(folder / "once.qdpx")
    assert root.tag == f"{NS}Project"
    guids = set()
    for element in root.iter():
        tag = element.tag.removeprefix(NS)
        assert element.tag.startswith(NS), element.tag
        order = SEQUENCES.get(tag)
        if order:
            positions = [order.index(child.tag.removeprefix(NS)) for child in element]
            assert positions == sorted(positions), (tag, [c.tag for c in element])
        for attribute in REQUIRED.get(tag, ()):
            assert element.get(attribute), (tag, attribute)
        if element.get("guid"):
            assert GUID.match(element.get("guid")), element.get("guid")
            assert element.get("guid") not in guids, "a GUID used twice"
            guids.add(element.get("guid"))
    targets = {e.get("targetGUID") for e in root.iter() if e.get("targetGUID")}
    assert targets <= guids  # every reference points at something written
    for source in root.iter(f"{NS}TextSource"):
        path = source.get("plainTextPath").removeprefix("internal://")
        text = texts[f"Sources/{path}"].decode("utf-8")
        for selection in source.iter(f"{NS}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert 0 <= start < end <= len(text)


def spoken_by_consent(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Quote consent -> (the words at each selection its cases spoke, the selection's name)."""
    root, texts = project_root(path)
    consent_var = next(v.get("guid") for v in root.iter(f"{NS}Variable") if v.get("name") == "Quote consent")
    consent_of = {}
    for case in root.iter(f"{NS}Case"):
        value = next(
            v.find(f"{NS}TextValue").text
            for v in case.iter(f"{NS}VariableValue")
            if v.find(f"{NS}VariableRef").get("targetGUID") == consent_var
        )
        for ref in case.iter(f"{NS}SelectionRef"):
            consent_of[ref.get("targetGUID")] = value
    out: dict[str, list[tuple[str, str]]] = {}
    for source in root.iter(f"{NS}TextSource"):
        text = texts["Sources/" + source.get("plainTextPath").removeprefix("internal://")].decode("utf-8")
        for sel in source.iter(f"{NS}PlainTextSelection"):
            words = text[int(sel.get("startPosition")) : int(sel.get("endPosition"))]
            out.setdefault(consent_of.get(sel.get("guid"), "group"), []).append(
                (words, sel.get("name") or "")
            )
    return out


def test_words_without_consent_stay_out_unless_asked(trips, tmp_path):
    folder, _once, _twice = trips
    spoken = spoken_by_consent(folder / "once.qdpx")
    assert spoken["none"] and all(words == name in (WITHHELD_TEXT, NO_TEXT) for words, name in spoken["none"])
    assert all(WITHHELD_TEXT not in words for words, _name in spoken["public"] + spoken["research"])
    lines = export_qdpx(BUNDLED, tmp_path / "all.qdpx", all_text=True)
    kept = spoken_by_consent(tmp_path / "all.qdpx")["none"]
    assert not any(words == WITHHELD_TEXT for words, _name in kept)
    assert not any("without their words" in line for line in lines)


def test_the_codebook_alone(tmp_path):
    lines = export_qdc(BUNDLED, tmp_path / "codebook.qdc")
    root = ET.parse(tmp_path / "codebook.qdc").getroot()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    codable = [
        c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code") if c.get("isCodable") == "true"
    ]
    themes = duckdb.execute("select label from read_parquet(?)", [str(BUNDLED / "themes.parquet")]).fetchall()
    assert set(codable) >= {label for (label,) in themes}
    assert lines[-1] == f"themes: {len(themes)}"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "findings", "export", *args], capture_output=True, text=True, timeout=120
    )


def test_the_command_line_says_what_is_wrong_without_a_traceback(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "themes.parquet").write_bytes(b"not parquet")
    run = cli("qdpx", str(broken), str(tmp_path / "out.qdpx"))
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert f"EXPORT FAILED: {broken} is not a valid export set" in run.stdout
    assert not (tmp_path / "out.qdpx").exists()
    run = cli("qdc", str(BUNDLED), str(tmp_path))  # a folder where the file should go
    assert run.returncode == 1 and "cannot be written" in run.stdout and "Traceback" not in run.stderr
    run = cli("qdpx", str(BUNDLED), str(tmp_path / "ok.qdpx"))
    assert run.returncode == 0 and "sources: " in run.stdout


def test_a_deep_code_tree_goes_back_as_it_came(tmp_path):
    from test_import_producers import deep_project, run

    first = run(*deep_project())
    assert write_export_set(first.tables, first.package, tmp_path / "set").ok
    export_qdpx(tmp_path / "set", tmp_path / "again.qdpx")
    again = import_qdpx(tmp_path / "again.qdpx")

    def tree(result):
        return [(t["label"], t["theme_group"], t["path"]) for t in result.tables["themes"].to_pylist()]

    assert tree(again) == tree(first)
    root, _texts = project_root(tmp_path / "again.qdpx")
    top = [c.get("name") for c in root.find(f"{NS}CodeBook/{NS}Codes")]
    assert top == ["Codes"]  # no stance was coded, so no Stance folder


# --- odd but valid export sets (found by an adversarial pass) ---------------------------------------

SESSIONS = [
    {"session_id": "S1", "title": "Workshop", "venue": "Lyon"},
    {"session_id": "S2", "title": "workshop", "venue": "Paris"},
]
PEOPLE = [
    {"participant_id": "P1", "session_id": "S1", "role": "r", "discipline": "d", "quote_consent": "research"},
    {"participant_id": "P2", "session_id": "S2", "role": "r", "discipline": "d", "quote_consent": "public"},
]
THEMES = [{"theme_id": "T1", "label": "Trust", "theme_group": "G"}]


def odd_set(folder: Path, codes: list[dict]) -> Path:
    from findings.importers.output import arrow_table

    def columns(rows, names):
        return {n: [r.get(n) for r in rows] for n in names}

    names = [
        "code_id",
        "excerpt_id",
        "theme_id",
        "session_id",
        "participant_id",
        "excerpt",
        "source_id",
        "start",
        "end",
    ]
    tables = {
        "sessions": arrow_table("sessions", columns(SESSIONS, ["session_id", "title", "venue"])),
        "participants": arrow_table(
            "participants",
            columns(PEOPLE, ["participant_id", "session_id", "role", "discipline", "quote_consent"]),
        ),
        "themes": arrow_table("themes", columns(THEMES, ["theme_id", "label", "theme_group"])),
        "theme_codes": arrow_table("theme_codes", columns(codes, names)),
    }
    assert write_export_set(tables, {"name": "odd", "title": "Odd"}, folder).ok
    return folder


def code(n, excerpt, session, person, words, source, start, end):
    return {
        "code_id": f"C{n}",
        "excerpt_id": excerpt,
        "theme_id": "T1",
        "session_id": session,
        "participant_id": person,
        "excerpt": words,
        "source_id": source,
        "start": start,
        "end": end,
    }


def back(folder: Path, tmp_path: Path) -> list[dict]:
    export_qdpx(folder, tmp_path / "odd.qdpx")
    return import_qdpx(tmp_path / "odd.qdpx", KEEP_IDS).tables["theme_codes"].to_pylist()


def test_overlapping_passages_and_a_source_name_shared_by_two_sessions(tmp_path):
    codes = [
        code(1, "E1", "S1", "P1", "alpha beta gamma delta", "doc", 0, 22),
        code(2, "E2", "S1", "P1", "gamma delta epsilon", "doc", 11, 30),  # overlaps E1's end
        code(3, "E3", "S2", "P2", "beta", "doc", 6, 10),  # "doc" of another session: another text
    ]
    rows = back(odd_set(tmp_path / "set", codes), tmp_path)
    assert [(r["participant_id"], r["excerpt"]) for r in rows] == [
        ("P1", "alpha beta gamma delta"),
        ("P1", "gamma delta epsilon"),
        ("P2", "beta"),
    ]


def test_passages_without_words_keep_their_length_and_controls_never_break_the_xml(tmp_path):
    codes = [
        code(1, "E1", "S1", None, None, "doc", 0, 5),  # a group passage recorded without words
        code(2, "E2", "S1", "P1", "I said this\x0bin public", "doc", 6, 27),
    ]
    rows = back(odd_set(tmp_path / "set", codes), tmp_path)
    assert [r["excerpt"] for r in rows] == [None, "I said this\x0bin public"]


def test_sessions_sharing_a_title_stay_two_sessions(tmp_path):
    codes = [code(1, "E1", "S1", "P1", "one", "a", 0, 3), code(2, "E2", "S2", "P2", "two", "b", 0, 3)]
    export_qdpx(odd_set(tmp_path / "set", codes), tmp_path / "odd.qdpx")
    sessions = import_qdpx(tmp_path / "odd.qdpx", KEEP_IDS).tables["sessions"].to_pylist()
    assert sorted((s["title"], s["venue"]) for s in sessions) == [
        ("Workshop (S1)", "Lyon"),
        ("workshop (S2)", "Paris"),
    ]
