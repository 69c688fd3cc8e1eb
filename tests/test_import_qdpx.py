"""`import qdpx`: a REFI-QDA project written by this test, through the importer, to the dashboard's numbers.

The project (`project()` below) is small enough to check by eye:

Codebook: Natures (not codable) > Friction, Simulation; Industry (not codable) > Roles > Curation;
Design (top level, no children: group "Ungrouped"); Folder (top level, not codable, unused).
Users: Ada, Bao. Case variables: Discipline, Role, Session, Quote consent, Age.
Cases: Alice Music/Musician/Morning/public; Bruno Film & TV/Director/Morning/research;
Dev Technology/Technologist/Afternoon/none; Eve Music/Composer/Evening/public;
Femi Visual arts/Artist/Evening/none; Gus Film & TV/Producer/"evening SESSION"/public (never speaks);
one nameless case (MAXQDA's document variables) giving the Afternoon and Evening sources the venue
Hearst Estate. The Morning source has its own Venue (Bradbury Building) and Date variables.

Sources and selections:
  Morning (file, accented text before the selections)
    s1 "Friction matters to me."      Alice  Friction by Ada, Friction by Bao, Simulation by Bao
    s2 "matters to me" (inside s1)    Alice  Design by Ada
    s3 "Roles change when tools curate."  Bruno  Curation by Ada
    s4 no code                              -> skipped
    s5 positions past the end (Friction)    -> skipped
  Afternoon (inline text)
    s6 "Design is infrastructure."    Dev    Design by Bao
    s7 "We agree on design."          nobody Design by Bao, Friction by Bao   (group-level)
    and a coding of the whole source (no selection) -> not imported, noted
  Evening (file with CR LF; offsets count a line break as one, as the selection's name shows)
    s8 "Eve or Femi: ..."  Eve and Femi both refer to the source -> group-level, text withheld
                           (Femi did not consent to public quotation)   Simulation by Ada
  Handout (PDF): a PDF region coded Friction -> skipped; Recording (audio): a clip -> skipped

So: 5 themes in 3 groups, 6 participants, 3 sessions at 2 venues, 6 excerpts, 9 code applications,
3 participants reached (Alice, Bruno, Dev), 4 themes voiced, 2 coders, 10 selections, 4 skipped.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from findings.db import Database
from findings.filters import Filters
from findings.importers import ImportFailed, mapping
from findings.importers.output import write_export_set
from findings.importers.qdpx import Selection, choose_offsets, import_qdpx
from findings.validate import validate

NS = "urn:QDA-XML:project:1.0"
ET.register_namespace("", NS)  # write <Project xmlns="..."> as the tools do, not <ns0:Project>

MORNING = (
    "Café 🎨 déjà-vu — naïve façade.\nAlice: Friction matters to me.\n"
    "Bruno: Roles change when tools curate.\n"
)
AFTERNOON = "Dev: Design is infrastructure.\nAll: We agree on design."
EVENING = "Evening opens.\r\nEve or Femi: Simulation worries us.\r\n"
EVENING_QUOTE = "Eve or Femi: Simulation worries us."


def g(n: int) -> str:
    """A GUID, readable in failures: g(12) -> 00000000-0000-4000-8000-000000000012."""
    return f"00000000-0000-4000-8000-{n:012d}"


def el(tag: str, attrs: dict | None = None, *children: ET.Element, text: str | None = None) -> ET.Element:
    node = ET.Element(f"{{{NS}}}{tag}", {k: str(v) for k, v in (attrs or {}).items()})
    node.text = text
    node.extend(children)
    return node


def value(var: int, text: str) -> ET.Element:
    return el("VariableValue", None, el("VariableRef", {"targetGUID": g(var)}), el("TextValue", text=text))


def coding(n: int, code: int, user: int) -> ET.Element:
    return el("Coding", {"guid": g(n), "creatingUser": g(user)}, el("CodeRef", {"targetGUID": g(code)}))


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    """Where `part` lies in `text`, in Unicode characters (what the standard counts)."""
    start = text.index(part, after)
    return start, start + len(part)


def selection(n: int, start: int, end: int, *codings: ET.Element, name: str = "") -> ET.Element:
    attrs = {"guid": g(n), "startPosition": start, "endPosition": end, "creatingUser": g(1)}
    if name:
        attrs["name"] = name
    return el("PlainTextSelection", attrs, *codings)


# GUID numbers: users 1-2, codes 10-16, variables 20-26, sources 30-34, selections 40-49, cases 50-56
ADA, BAO = 1, 2
NATURES, FRICTION, SIMULATION, INDUSTRY, ROLES, CURATION, DESIGN, FOLDER = 10, 11, 12, 13, 14, 15, 16, 17
DISCIPLINE, ROLE, SESSION, CONSENT, AGE, VENUE, DATE = 20, 21, 22, 23, 24, 25, 26


def project(origin: str = "QualCoder 3.5") -> ET.Element:
    folded = EVENING.replace("\r\n", "\n")
    s1 = span(MORNING, "Friction matters to me.")
    s2 = span(MORNING, "matters to me")
    s3 = span(MORNING, "Roles change when tools curate.")
    s6 = span(AFTERNOON, "Design is infrastructure.")
    s7 = span(AFTERNOON, "We agree on design.")
    s8 = span(folded, EVENING_QUOTE)
    codes = el(
        "Codes",
        None,
        el(
            "Code",
            {"guid": g(NATURES), "name": "Natures", "isCodable": "false"},
            el(
                "Code",
                {"guid": g(FRICTION), "name": "Friction", "isCodable": "true"},
                el("Description", text="Limits build meaning."),
            ),
            el("Code", {"guid": g(SIMULATION), "name": "Simulation", "isCodable": "true"}),
        ),
        el(
            "Code",
            {"guid": g(INDUSTRY), "name": "Industry", "isCodable": "false"},
            el(
                "Code",
                {"guid": g(ROLES), "name": "Roles", "isCodable": "true"},
                el("Code", {"guid": g(CURATION), "name": "Curation", "isCodable": "true"}),
            ),
        ),
        el("Code", {"guid": g(DESIGN), "name": "Design", "isCodable": "true"}),
        el("Code", {"guid": g(FOLDER), "name": "Folder", "isCodable": "false"}),
    )
    variables = el(
        "Variables",
        None,
        *(
            el("Variable", {"guid": g(n), "name": name, "typeOfVariable": "Text"})
            for n, name in [
                (DISCIPLINE, "Discipline"),
                (ROLE, "Role"),
                (SESSION, "Session"),
                (CONSENT, "Quote consent"),
                (AGE, "Age"),
                (VENUE, "Venue"),
                (DATE, "Date"),
            ]
        ),
    )

    def case(n, name, discipline, role, session, consent, refs=(), kind="SelectionRef"):
        return el(
            "Case",
            {"guid": g(n), "name": name},
            value(DISCIPLINE, discipline),
            value(ROLE, role),
            value(SESSION, session),
            value(CONSENT, consent),
            value(AGE, "40"),
            *(el(kind, {"targetGUID": g(r)}) for r in refs),
        )

    cases = el(
        "Cases",
        None,
        case(50, "Alice", "Music", "Musician", "Morning session", "public", (41, 42)),
        case(51, "Bruno", "Film & TV", "Director", "Morning session", "research", (43,)),
        case(52, "Dev", "Technology", "Technologist", "Afternoon session", "none", (46,)),
        case(53, "Eve", "Music", "Composer", "Evening session", "public", (32,), "SourceRef"),
        case(54, "Femi", "Visual arts", "Artist", "Evening session", "none", (32,), "SourceRef"),
        case(55, "Gus", "Film & TV", "Producer", "evening SESSION", "Public"),
        el(
            "Case",
            {"guid": g(56)},
            value(VENUE, "Hearst Estate"),
            el("SourceRef", {"targetGUID": g(31)}),
            el("SourceRef", {"targetGUID": g(32)}),
        ),
    )
    sources = el(
        "Sources",
        None,
        el(
            "TextSource",
            {"guid": g(30), "name": "Morning session", "plainTextPath": "internal://morning.txt"},
            selection(
                41, *s1, coding(60, FRICTION, ADA), coding(61, FRICTION, BAO), coding(62, SIMULATION, BAO)
            ),
            selection(42, *s2, coding(63, DESIGN, ADA)),
            selection(43, *s3, coding(64, CURATION, ADA)),
            selection(44, 0, 4),
            selection(45, 500, 510, coding(65, FRICTION, ADA)),
            value(VENUE, "Bradbury Building"),
            value(DATE, "2025-01-10"),
        ),
        el(
            "TextSource",
            {"guid": g(31), "name": "Afternoon session"},
            el("PlainTextContent", text=AFTERNOON),
            selection(46, *s6, coding(66, DESIGN, BAO)),
            selection(47, *s7, coding(67, DESIGN, BAO), coding(68, FRICTION, BAO)),
            coding(72, DESIGN, ADA),
        ),  # the whole source coded: no passage to cut
        el(
            "TextSource",
            {"guid": g(32), "name": "Evening session", "plainTextPath": "internal://evening.txt"},
            selection(48, *s8, coding(69, SIMULATION, ADA), name=EVENING_QUOTE),
        ),
        el(
            "PDFSource",
            {"guid": g(33), "name": "Handout", "path": "internal://handout.pdf"},
            el(
                "PDFSelection",
                {"guid": g(49), "page": 1, "firstX": 0, "firstY": 0, "secondX": 9, "secondY": 9},
                coding(70, FRICTION, ADA),
            ),
        ),
        el(
            "AudioSource",
            {"guid": g(34), "name": "Recording", "path": "internal://rec.mp3"},
            el("AudioSelection", {"guid": g(39), "begin": 0, "end": 900}, coding(71, SIMULATION, ADA)),
        ),
    )
    users = el(
        "Users",
        None,
        el("User", {"guid": g(ADA), "name": "Ada"}),
        el("User", {"guid": g(BAO), "name": "Bao"}),
    )
    return el(
        "Project",
        {"name": "Evening assemblies", "origin": origin},
        users,
        el("CodeBook", None, codes),
        variables,
        cases,
        sources,
    )


SOURCE_FILES = {
    "Sources/morning.txt": MORNING.encode("utf-8"),
    "Sources/evening.txt": EVENING.encode("utf-8"),
}


def qdpx_bytes(root: ET.Element | bytes | None = None, files: dict[str, bytes] | None = None) -> bytes:
    """A .qdpx in memory: project.qde (an element, raw bytes, or left out with None) and its sources."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if root is not None:
            data = (
                root if isinstance(root, bytes) else ET.tostring(root, encoding="utf-8", xml_declaration=True)
            )
            archive.writestr("project.qde", data)
        for name, content in (SOURCE_FILES if files is None else files).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def write_qdpx(path: Path, root=None, files=None) -> Path:
    path.write_bytes(qdpx_bytes(project() if root is None else root, files))
    return path


def rows(imported, table: str) -> list[dict]:
    return imported.tables[table].to_pylist()


@pytest.fixture(scope="module")
def imported():
    return import_qdpx(qdpx_bytes(project()), file_name="assemblies.qdpx")


# --- the mapping onto the contract ---------------------------------------------------------


def test_codebook_becomes_themes_in_groups(imported):
    themes = [
        (t["theme_id"], t["label"], t["theme_group"], t["description"]) for t in rows(imported, "themes")
    ]
    assert themes == [
        ("T1", "Friction", "Natures", "Limits build meaning."),
        ("T2", "Simulation", "Natures", None),
        ("T3", "Roles", "Industry", None),
        ("T4", "Curation", "Industry", None),
        ("T5", "Design", "Ungrouped", None),
    ]
    assert "themes: 5 in 3 groups" in imported.summary


def test_cases_become_participants_with_their_variables(imported):
    people = [
        (p["participant_id"], p["session_id"], p["discipline"], p["role"], p["quote_consent"])
        for p in rows(imported, "participants")
    ]
    assert people == [
        ("P1", "S1", "Music", "Musician", "public"),
        ("P2", "S1", "Film & TV", "Director", "research"),
        ("P3", "S2", "Technology", "Technologist", "none"),
        ("P4", "S3", "Music", "Composer", "public"),
        ("P5", "S3", "Visual arts", "Artist", "none"),
        ("P6", "S3", "Film & TV", "Producer", "public"),  # "evening SESSION" matched ignoring case
    ]
    assert imported.mapping.participants == {
        "discipline": "Discipline",
        "role": "Role",
        "session": "Session",
        "consent": "Quote consent",
    }


def test_sources_become_sessions_with_document_variables(imported):
    sessions = [(s["session_id"], s["title"], s["venue"], s["date"]) for s in rows(imported, "sessions")]
    import datetime as dt

    assert sessions == [
        ("S1", "Morning session", "Bradbury Building", dt.date(2025, 1, 10)),
        ("S2", "Afternoon session", "Hearst Estate", None),  # from MAXQDA's nameless case
        ("S3", "Evening session", "Hearst Estate", None),
    ]
    assert any("1 nameless case read as document variables" in line for line in imported.summary)


def test_selections_become_code_rows_sharing_their_excerpt(imported):
    codes = [
        (c["excerpt_id"], c["theme_id"], c["session_id"], c["participant_id"], c["coder"], c["excerpt"])
        for c in rows(imported, "theme_codes")
    ]
    assert codes == [
        ("E1", "T1", "S1", "P1", "Ada", "Friction matters to me."),
        ("E1", "T1", "S1", "P1", "Bao", "Friction matters to me."),  # the same code by a second coder
        ("E1", "T2", "S1", "P1", "Bao", "Friction matters to me."),
        ("E2", "T5", "S1", "P1", "Ada", "matters to me"),  # overlaps E1: its own passage
        ("E3", "T4", "S1", "P2", "Ada", "Roles change when tools curate."),
        ("E4", "T5", "S2", "P3", "Bao", "Design is infrastructure."),
        ("E5", "T5", "S2", None, "Bao", None),  # no case refers to it: group-level, nobody consented
        ("E5", "T1", "S2", None, "Bao", None),
        ("E6", "T2", "S3", None, "Ada", None),  # Eve or Femi: shared source, Femi's consent is none
    ]
    assert [c["code_id"] for c in rows(imported, "theme_codes")] == [f"C{i}" for i in range(1, 10)]


def test_offsets_count_unicode_characters_not_bytes(imported):
    start = MORNING.index("Friction")
    assert len(MORNING[:start].encode("utf-8")) > start  # accents and the emoji are several bytes
    assert len(MORNING[:start].encode("utf-16-le")) // 2 > start  # and the emoji two UTF-16 units
    assert rows(imported, "theme_codes")[0]["excerpt"] == "Friction matters to me."


def test_every_skipped_selection_is_counted_with_its_reason(imported):
    text = "\n".join(imported.summary)
    assert "selections: 10 found, 6 imported as 9 code applications by 2 coders, 4 skipped:" in text
    for reason in (
        "1 with no code applied",
        "1 whose start or end lies outside its source text",
        "1 PDF region (not text)",
        "1 audio clip",
    ):
        assert f"  {reason}" in imported.summary, reason
    assert "1 passage in sources shared by several cases imported as group-level" in text
    assert (
        "note: 1 coding of whole sources (no selection) not imported, in 'Afternoon session'"
        in imported.summary
    )
    assert "text withheld for 1" in text


def test_line_endings_follow_the_selection_names_then_the_tool():
    text = "a\r\nThe quoted words here.\r\n"
    folded = text.replace("\r\n", "\n")
    start = folded.index("The")
    named = Selection("x", "text", None, start, start + 22, "The quoted words here.", None, [])

    def endings(selection, setting, origin, of=text):
        return choose_offsets([(of, selection)], "auto", setting, origin).offsets.line_endings

    assert endings(named, "auto", "NVivo 14") == "crlf-as-one"
    unnamed = Selection("x", "text", None, start, start + 22, "", None, [])
    assert endings(unnamed, "auto", "ATLAS.ti 23") == "crlf-as-one"
    assert endings(unnamed, "auto", "NVivo 14") == "as-is"
    assert endings(unnamed, "as-is", "ATLAS.ti 23") == "as-is"
    assert choose_offsets([("no windows breaks", named)], "auto", "auto", "x").why == ""


def test_the_package_names_its_source_and_is_not_illustrative(imported):
    package = imported.package
    assert package["title"] == "Evening assemblies"
    assert package["illustrative"] is False
    assert package["sources"] == [{"title": "assemblies.qdpx", "origin": "QualCoder 3.5"}]
    assert package["import"]["summary"] == imported.summary


# --- round trip: project -> export set -> the dashboard's numbers ----------------------------


@pytest.fixture(scope="module")
def exported(imported, tmp_path_factory):
    out = tmp_path_factory.mktemp("qdpx") / "export"
    report = write_export_set(imported.tables, imported.package, out)
    assert report.ok, [str(p) for p in report.problems]
    return out


def test_round_trip_to_the_headline_numbers(exported):
    report = validate(exported)
    assert report.ok and report.warnings == []
    assert json.loads((exported / "datapackage.json").read_text())["illustrative"] is False
    assert pq.read_schema(exported / "theme_codes.parquet").field("coder").type == "string"
    db = Database(exported, report.sources)
    try:
        head = db.run("headline", {**Filters.of().params(), "lang": "en"}).iloc[0]
        assert (head.participants, head.sessions, head.venues) == (6, 3, 2)
        assert (head.excerpts, head.code_applications, head.participants_reached) == (6, 9, 3)
        assert (head.themes_voiced, head.themes_total) == (4, 5)
        music = db.run("headline", {**Filters.of(discipline=["Music"]).params(), "lang": "en"}).iloc[0]
        assert (music.participants, music.excerpts, music.code_applications, music.participants_reached) == (
            2,
            2,
            4,
            1,
        )
    finally:
        db.close()


# --- the mapping: guessed, given, missing, ambiguous ------------------------------------------


def variables_project(names: list[str]) -> ET.Element:
    """A one-case project whose case carries variables with these names."""
    root = project()
    variables = root.find(f"{{{NS}}}Variables")
    for i, name in enumerate(names):
        variables.append(el("Variable", {"guid": g(90 + i), "name": name, "typeOfVariable": "Text"}))
    cases = root.find(f"{{{NS}}}Cases")
    for case in list(cases):
        cases.remove(case)
    cases.append(
        el(
            "Case",
            {"guid": g(50), "name": "Solo"},
            *(value(90 + i, "x") for i in range(len(names))),
            el("SourceRef", {"targetGUID": g(30)}),
        )
    )
    return root


def failure(data: bytes, raw=None) -> str:
    with pytest.raises(ImportFailed) as caught:
        import_qdpx(data, raw, file_name="p.qdpx")
    return "\n".join(caught.value.lines)


def test_a_meaning_no_variable_fits_is_recorded_as_absent_and_said():
    root = variables_project(["Role", "Quote consent", "Age"])
    result = import_qdpx(
        qdpx_bytes(root), mapping.loads('[consent]\nvalues = { "x" = "public" }\n'), file_name="p.qdpx"
    )
    assert rows(result, "participants")[0]["discipline"] == "Not recorded"
    notes = "\n".join(result.summary)
    assert "discipline: not recorded in this project, so 'Not recorded' for everyone" in notes
    assert '[participants] discipline = "..." or say there is none with discipline = false' in notes


def test_ambiguous_guess_is_an_error_naming_the_candidates():
    text = failure(qdpx_bytes(variables_project(["Main sector", "Field of work", "Role", "Consent"])))
    assert 'several case variables could be the discipline: "Main sector", "Field of work"' in text


def test_a_map_file_settles_it_and_can_map_consent_values():
    root = variables_project(["Main sector", "Field of work", "Job title", "OK to quote?"])
    raw = mapping.loads(
        '[participants]\ndiscipline = "Main sector"\nrole = "job title"\nconsent = "OK to quote?"\n'
        '[consent]\nvalues = { "x" = "research" }\n'
    )
    result = import_qdpx(qdpx_bytes(root), raw, file_name="p.qdpx")
    assert rows(result, "participants")[0]["quote_consent"] == "research"
    assert rows(result, "participants")[0]["discipline"] == "x"
    assert result.mapping.participants["role"] == "Job title"  # matched ignoring case


def test_a_map_file_naming_an_absent_variable_lists_those_that_exist():
    raw = mapping.loads('[participants]\ndiscipline = "Dicsipline"\n')
    text = failure(qdpx_bytes(project()), raw)
    assert "names case variable 'Dicsipline' for discipline, but the project has none by that name" in text
    assert '"Discipline", "Role", "Session", "Quote consent", "Age"' in text


def test_unknown_consent_values_must_be_mapped():
    root = variables_project(["Discipline", "Role", "Consent"])  # every value is "x"
    assert "holds values other than public/research/none: 'x' (1)" in failure(qdpx_bytes(root))


def test_map_file_typos_are_errors():
    raw = mapping.loads('[participant]\nrole = "Role"\n[text]\nline_endings = "unix"\n')
    with pytest.raises(ImportFailed) as caught:
        mapping.resolve(raw, ["Role"], [])
    assert "unknown section [participant]" in caught.value.lines[0]


def test_the_printed_mapping_reads_back_as_the_same_mapping(imported):
    again = mapping.resolve(
        mapping.loads(imported.mapping.to_toml()),
        ["Discipline", "Role", "Session", "Quote consent", "Age"],
        ["Venue", "Date"],
    )
    assert again.participants == imported.mapping.participants
    assert again.sessions == imported.mapping.sessions
    assert again.guessed == set()  # nothing left to guess


def test_sessions_from_sets():
    root = project()
    root.append(
        el(
            "Sets",
            None,
            el(
                "Set",
                {"guid": g(80), "name": "Day one"},
                el("MemberSource", {"targetGUID": g(30)}),
                el("MemberSource", {"targetGUID": g(31)}),
            ),
            el("Set", {"guid": g(81), "name": "Day two"}, el("MemberSource", {"targetGUID": g(32)})),
        )
    )
    for case in root.iter(f"{{{NS}}}Case"):  # sessions now come from the sources the cases refer to
        for v in list(case):
            if v.tag.endswith("VariableValue") and v.find(f"{{{NS}}}VariableRef").get("targetGUID") == g(
                SESSION
            ):
                case.remove(v)
    root.find(f"{{{NS}}}Cases").remove(root.find(f"{{{NS}}}Cases")[5])  # Gus refers to nothing
    raw = mapping.loads('[sessions]\nfrom = "sets"\n')
    result = import_qdpx(qdpx_bytes(root), raw, file_name="p.qdpx")
    assert [s["title"] for s in rows(result, "sessions")] == ["Day one", "Day two"]
    assert [p["session_id"] for p in rows(result, "participants")] == ["S1", "S1", "S1", "S2", "S2"]
    assert [c["session_id"] for c in rows(result, "theme_codes")] == ["S1"] * 8 + ["S2"]


def test_a_case_with_no_session_is_an_error_that_says_how_to_fix_it():
    root = variables_project(["Discipline", "Role", "Consent"])
    case = root.find(f"{{{NS}}}Cases")[0]
    case.remove(case.find(f"{{{NS}}}SourceRef"))
    raw = mapping.loads('[consent]\neveryone = "none"\n[sessions]\nfrom = "sources"\n')
    text = failure(qdpx_bytes(root), raw)
    assert "cannot tell the session of 1 case: 'Solo' (no source)" in text
    assert '[participants] session = "..."' in text
    assert '[sessions] from = "project"' in text


# --- passages no case refers to ----------------------------------------------------------------


def test_a_passage_with_no_case_counts_but_is_not_quoted_by_default(imported):
    uncased = [c for c in rows(imported, "theme_codes") if c["excerpt_id"] == "E5"]
    assert [c["participant_id"] for c in uncased] == [None, None] and len(uncased) == 2  # still counted
    assert [c["excerpt"] for c in uncased] == [None, None]
    assert (
        "1 passage no case refers to imported as group-level; text left out "
        '(map file [consent] uncased = "none")' in "\n".join(imported.summary)
    )
    assert 'uncased = "none"' in imported.mapping.to_toml()


def test_the_map_file_can_make_passages_with_no_case_public():
    raw = mapping.loads('[consent]\nuncased = "public"\n')
    result = import_qdpx(qdpx_bytes(project()), raw, file_name="assemblies.qdpx")
    uncased = [c["excerpt"] for c in rows(result, "theme_codes") if c["excerpt_id"] == "E5"]
    assert uncased == ["We agree on design.", "We agree on design."]
    assert 'text kept as public (map file [consent] uncased = "public")' in "\n".join(result.summary)
    shared = [c["excerpt"] for c in rows(result, "theme_codes") if c["excerpt_id"] == "E6"]
    assert shared == [None]  # a passage of several cases still follows their consents
    again = mapping.resolve(
        mapping.loads(result.mapping.to_toml()),
        ["Discipline", "Role", "Session", "Quote consent", "Age"],
        ["Venue", "Date"],
    )
    assert again.consent_uncased == "public"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("research", "[consent] uncased = 'research' cannot be kept apart"),
        ("yes", "[consent] uncased = 'yes' is not one of 'public', 'none'"),
    ],
)
def test_passages_with_no_case_are_public_or_left_out(value, says):
    raw = mapping.loads(f'[consent]\nuncased = "{value}"\n')
    with pytest.raises(ImportFailed) as caught:
        mapping.resolve(raw, ["Discipline", "Role", "Quote consent"], [])
    assert any(says in line for line in caught.value.lines), caught.value.lines
