"""Projects written the way NVivo and QualCoder write them, quirks included, through `import qdpx`.

The fixtures are built here, in code, from what the programs are documented and observed to do;
no third-party file is copied:

- NVivo counts `startPosition`/`endPosition` in UTF-16 code units (an emoji is two) with a Windows
  line break (CR LF) as two characters, writes one `PlainTextSelection` per code applied (so one
  span coded three times is three selections), leaves selection names empty, and on a Mac names
  the folder of source texts `sources/`.
- QualCoder counts Unicode code points, writes a sub-code both under its parent and again under the
  parent's category, and may start a text with a byte order mark.
"""

from __future__ import annotations

import pytest
from test_import_qdpx import NS, coding, el, g, qdpx_bytes, value

from findings.importers import ImportFailed, mapping
from findings.importers.output import write_export_set
from findings.importers.qdpx import choose_offsets, import_qdpx

DISCIPLINE, ROLE, CONSENT = 20, 21, 22
ADA, BAO = 1, 2
CRAFT, FRICTION, SPEED, JOY, DELIGHT = 10, 11, 12, 13, 14

# Emoji before and between the coded words, as chat-style transcripts have them: under code points
# every position after one is off by one per emoji, and a cut starts inside a word.
MAYA = (
    "Interviewer: Welcome 👋 and thank you 🙏 for coming.\r\n"
    "Maya: I love the texture 🎨 of paint on a real canvas.\r\n"
    "Maya: Tools that remove all friction take the joy away 😞 from making.\r\n"
    "Interviewer: And speed? ⏩\r\n"
    "Maya: Speed is not the point of art 🖌️ for me.\r\n"
    "Maya: Slowness lets an idea ripen 🍎 before it is shown.\r\n"
)
LEO = (
    "Interviewer: Hello 👋 Leo.\r\n"
    "Leo: Software 🤖 should leave room for mistakes.\r\n"
    "Leo: A mistake 🎲 is where the new idea hides.\r\n"
    "Leo: Fast drafts 🚀 help me explore, not decide.\r\n"
    "Leo: Friction 🧱 keeps me honest about what I want.\r\n"
)

# (source text, coded words, codes) in source order; a span with several codes is written as one
# selection per code, as NVivo does
CODED = [
    ("maya", "I love the texture 🎨 of paint on a real canvas.", (CRAFT,)),
    ("maya", "Tools that remove all friction take the joy away 😞 from making.", (FRICTION, JOY, CRAFT)),
    ("maya", "Speed is not the point of art 🖌️ for me.", (SPEED,)),
    ("maya", "Slowness lets an idea ripen 🍎 before it is shown.", (SPEED, CRAFT)),
    ("leo", "Software 🤖 should leave room for mistakes.", (FRICTION,)),
    ("leo", "A mistake 🎲 is where the new idea hides.", (FRICTION, JOY)),
    ("leo", "Fast drafts 🚀 help me explore, not decide.", (SPEED,)),
    ("leo", "Friction 🧱 keeps me honest about what I want.", (FRICTION, CRAFT)),
]
TEXTS = {"maya": MAYA, "leo": LEO}


def utf16(text: str, i: int) -> int:
    """A code point position as NVivo counts it: UTF-16 code units."""
    return len(text[:i].encode("utf-16-le")) // 2


def nvivo_project(folder: str = "Sources", origin: str = "NVivo 14 (Windows)"):
    """Two interviews, each the words of one case; returns (project element, files)."""
    codes = el(
        "Codes",
        None,
        el(
            "Code",
            {"guid": g(90), "name": "Making", "isCodable": "false"},
            el("Code", {"guid": g(CRAFT), "name": "Craft", "isCodable": "true"}),
            el("Code", {"guid": g(FRICTION), "name": "Friction", "isCodable": "true"}),
            el("Code", {"guid": g(SPEED), "name": "Speed", "isCodable": "true"}),
            el("Code", {"guid": g(JOY), "name": "Joy", "isCodable": "true"}),
        ),
    )
    selections: dict[str, list] = {"maya": [], "leo": []}
    n = 100
    for source, words, applied in CODED:
        text = TEXTS[source]
        start = text.index(words)
        for code in applied:  # one selection per code, each with its own guid, no name
            n += 1
            attrs = {
                "guid": g(n),
                "name": "",
                "startPosition": utf16(text, start),
                "endPosition": utf16(text, start + len(words)),
                "creatingUser": g(ADA),
            }
            selections[source].append(el("PlainTextSelection", attrs, coding(n + 500, code, ADA)))
    # a second coder codes one of the same spans with the same code: one passage, two codings
    text = TEXTS["leo"]
    start = text.index(CODED[4][1])
    selections["leo"].append(
        el(
            "PlainTextSelection",
            {
                "guid": g(300),
                "name": "",
                "startPosition": utf16(text, start),
                "endPosition": utf16(text, start + len(CODED[4][1])),
                "creatingUser": g(BAO),
            },
            coding(800, FRICTION, BAO),
        )
    )
    sources = el(
        "Sources",
        None,
        *(
            el(
                "TextSource",
                {
                    "guid": g(30 + i),
                    "name": f"{name.title()} interview",
                    "plainTextPath": f"internal://{name}.txt",
                },
                *selections[name],
            )
            for i, name in enumerate(("maya", "leo"))
        ),
    )
    variables = el(
        "Variables",
        None,
        *(
            el("Variable", {"guid": g(v), "name": name, "typeOfVariable": "Text"})
            for v, name in ((DISCIPLINE, "Discipline"), (ROLE, "Role"), (CONSENT, "Consent"))
        ),
    )
    cases = el(
        "Cases",
        None,
        el(
            "Case",
            {"guid": g(50), "name": "Maya"},
            value(DISCIPLINE, "Visual arts"),
            value(ROLE, "Painter"),
            value(CONSENT, "public"),
            el("SourceRef", {"targetGUID": g(30)}),
        ),
        el(
            "Case",
            {"guid": g(51), "name": "Leo"},
            value(DISCIPLINE, "Technology"),
            value(ROLE, "Engineer"),
            value(CONSENT, "public"),
            el("SourceRef", {"targetGUID": g(31)}),
        ),
    )
    users = el(
        "Users",
        None,
        el("User", {"guid": g(ADA), "name": "Ada"}),
        el("User", {"guid": g(BAO), "name": "Bao"}),
    )
    root = el(
        "Project",
        {"name": "Making interviews", "origin": origin},
        users,
        el("CodeBook", None, codes),
        variables,
        cases,
        sources,
    )
    files = {f"{folder}/{name}.txt": text.encode("utf-8") for name, text in TEXTS.items()}
    return root, files


def run(root, files, raw=None):
    return import_qdpx(qdpx_bytes(root, files), raw, file_name="making.qdpx")


def passages(result) -> dict[str, list]:
    """excerpt_id -> its rows, from the imported theme_codes."""
    out: dict[str, list] = {}
    for row in result.tables["theme_codes"].to_pylist():
        out.setdefault(row["excerpt_id"], []).append(row)
    return out


def folded(text: str) -> str:
    return text.replace("\r\n", "\n")


@pytest.mark.parametrize("folder", ["Sources", "sources"])
def test_nvivo_positions_in_utf16_units_cut_every_excerpt_where_it_was_coded(folder):
    result = run(*nvivo_project(folder))
    found = passages(result)
    texts = [rows[0]["excerpt"] for rows in found.values()]
    assert texts == [words for _source, words, _codes in CODED]
    notes = "\n".join(result.summary)
    assert "positions read in UTF-16 code units, CR LF as two characters" in notes
    assert "decided from word boundaries: 100% of" in notes
    assert "WARNING" not in notes


def test_one_span_coded_several_times_is_one_passage_with_all_its_codings():
    result = run(*nvivo_project())
    found = passages(result)
    applications = sum(len(codes) for _s, _w, codes in CODED) + 1  # one selection each
    assert len(found) == len(CODED)  # 8 passages, not one per selection (14)
    assert result.tables["theme_codes"].num_rows == applications
    codes_of = {
        rows[0]["excerpt"]: sorted((r["theme_id"], r["coder"]) for r in rows) for rows in found.values()
    }
    assert codes_of["Software 🤖 should leave room for mistakes."] == [("T2", "Ada"), ("T2", "Bao")]
    assert len(codes_of["Tools that remove all friction take the joy away 😞 from making."]) == 3
    notes = "\n".join(result.summary)
    assert f"{applications - len(CODED)} selections over words another selection already covers" in notes
    assert f"{len(CODED):,} imported as {applications} code applications" in notes


def test_start_and_end_point_at_the_passage_in_its_source_a_line_break_counting_one():
    result = run(*nvivo_project())
    for row in result.tables["theme_codes"].to_pylist():
        source = TEXTS["maya" if row["source_id"] == "Maya interview" else "leo"]
        assert row["source_id"] in ("Maya interview", "Leo interview")
        assert folded(source)[row["start"] : row["end"]] == row["excerpt"]


def test_counting_code_points_on_an_nvivo_project_is_warned_about_and_shifts_the_cuts():
    raw = mapping.loads('[text]\nunits = "code points"\nline_endings = "as-is"\n')
    result = run(*nvivo_project(), raw)
    texts = [rows[0]["excerpt"] for rows in passages(result).values()]
    assert texts != [words for _source, words, _codes in CODED]
    notes = "\n".join(result.summary)
    assert "positions read in Unicode characters, CR LF as two characters: as the map file says" in notes
    assert "WARNING however positions are counted, most selections start or end inside a word" in notes


def test_without_evidence_the_producing_program_decides():
    """A text whose cuts fall between words either way (no emoji inside the coded lines' reach)
    gives no evidence: NVivo's habit is UTF-16, QualCoder's code points."""
    text = "🙂 Hi.\nA B C D E F."
    sel = type("S", (), {})  # a stand-in with the fields choose_offsets reads
    sel.name, sel.start, sel.end = "", 6, 7
    nvivo = choose_offsets([(text, sel)], "auto", "auto", "NVivo 14")
    qualcoder = choose_offsets([(text, sel)], "auto", "auto", "QualCoder 3.6")
    assert nvivo.offsets.units == "utf-16" and "no evidence either way" in nvivo.why
    assert qualcoder.offsets.units == "code points"


def test_unknown_units_in_a_map_file_are_refused_by_name():
    with pytest.raises(Exception) as failed:
        mapping.resolve(mapping.loads('[text]\nunits = "bytes"\n'), [], [], has_cases=False)
    assert "[text] units = 'bytes' is not one of 'auto', 'code points', 'utf-16'" in str(failed.value)


# --- QualCoder ---------------------------------------------------------------------------------

QUALCODER_TEXT = "\ufeffQ: What matters?\nAna: Joy in the making matters most.\nAna: Delight is rare.\n"


def qualcoder_project(line_break: str = "\n"):
    """A sub-code (Delight) written under its parent (Joy) and again under the category (Feelings);
    selections named by their words, positions in code points (a line break as one, as QualCoder
    reads texts), the file with a BOM and `line_break` between lines."""
    delight = lambda: el("Code", {"guid": g(DELIGHT), "name": "Delight", "isCodable": "true"})  # noqa: E731
    codes = el(
        "Codes",
        None,
        el(
            "Code",
            {"guid": g(91), "name": "Feelings", "isCodable": "false"},
            el("Code", {"guid": g(JOY), "name": "Joy", "isCodable": "true"}, delight()),
            delight(),
        ),
    )
    text = QUALCODER_TEXT.removeprefix("\ufeff")  # positions count the text as QualCoder holds it
    spans = [("Joy in the making matters most.", JOY), ("Delight is rare.", DELIGHT)]
    selections = []
    for n, (words, code) in enumerate(spans, start=1):
        start = text.index(words)
        attrs = {"guid": g(200 + n), "name": words, "startPosition": start, "endPosition": start + len(words)}
        selections.append(
            el("PlainTextSelection", {**attrs, "creatingUser": g(ADA)}, coding(600 + n, code, ADA))
        )
    source = el(
        "TextSource", {"guid": g(40), "name": "Ana", "plainTextPath": "internal://ana.txt"}, *selections
    )
    variables = el(
        "Variables",
        None,
        *(
            el("Variable", {"guid": g(v), "name": name, "typeOfVariable": "Text"})
            for v, name in ((DISCIPLINE, "Discipline"), (ROLE, "Role"), (CONSENT, "Consent"))
        ),
    )
    case = el(
        "Case",
        {"guid": g(52), "name": "Ana"},
        value(DISCIPLINE, "Music"),
        value(ROLE, "Composer"),
        value(CONSENT, "public"),
        el("SourceRef", {"targetGUID": g(40)}),
    )
    root = el(
        "Project",
        {"name": "Feelings", "origin": "QualCoder 3.6"},
        el("Users", None, el("User", {"guid": g(ADA), "name": "Ada"})),
        el("CodeBook", None, codes),
        variables,
        el("Cases", None, case),
        el("Sources", None, source),
    )
    return root, {"Sources/ana.txt": QUALCODER_TEXT.replace("\n", line_break).encode("utf-8")}


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_a_code_written_twice_by_qualcoder_is_one_theme_kept_under_its_parent(line_break):
    result = run(*qualcoder_project(line_break))
    themes = [(t["label"], t["theme_group"]) for t in result.tables["themes"].to_pylist()]
    assert themes == [("Joy", "Feelings"), ("Delight", "Feelings")]
    notes = "\n".join(result.summary)
    assert "1 code written more than once in the codebook" in notes
    assert "'Delight' (under Feelings and under Feelings > Joy)" in notes
    assert "T2" not in notes  # the researcher's names, never an internal id
    texts = [r["excerpt"] for r in result.tables["theme_codes"].to_pylist()]
    assert texts == ["Joy in the making matters most.", "Delight is rare."]  # the BOM is no character


# --- people and sessions as real projects record them ---------------------------------------------

AGE, GENDER, INTEREST, SESSION = 23, 24, 25, 26


def unlinked_project():
    """QualCoder's export: cases with variables such as Age, gender and interest, and no SourceRef
    or SelectionRef (its interface links cases to whole files, which the exporter leaves out)."""
    root, files = qualcoder_project()
    variables = root.find(f"{{{NS}}}Variables")
    for v in list(variables):
        variables.remove(v)
    for v, name in ((AGE, "Age"), (GENDER, "gender"), (INTEREST, "interest")):
        variables.append(el("Variable", {"guid": g(v), "name": name, "typeOfVariable": "Text"}))
    cases = root.find(f"{{{NS}}}Cases")
    for c in list(cases):
        cases.remove(c)
    for n, (name, age) in enumerate((("Ana", "34"), ("Ben", "51"), ("Cy", "28")), start=60):
        cases.append(
            el(
                "Case",
                {"guid": g(n), "name": name},
                value(AGE, age),
                value(GENDER, "f"),
                value(INTEREST, "music"),
            )
        )
    return root, files


def test_cases_without_source_links_import_as_one_session_with_nothing_quoted_by_accident(tmp_path):
    result = run(*unlinked_project())
    report = write_export_set(result.tables, result.package, tmp_path / "set")
    assert report.ok, report.problems
    people = result.tables["participants"].to_pylist()
    assert [(p["discipline"], p["role"], p["quote_consent"]) for p in people] == [
        ("Not recorded", "Not recorded", "none")
    ] * 3
    assert [s["title"] for s in result.tables["sessions"].to_pylist()] == ["Feelings"]
    codes = result.tables["theme_codes"].to_pylist()
    assert len(codes) == 2 and all(c["participant_id"] is None and c["excerpt"] is None for c in codes)
    notes = "\n".join(result.summary)
    assert "sessions: 1, one for the whole project" in notes
    assert "no case refers to a source and none carries a session" in notes
    assert (
        "consent: no case variable records it, so every case is 'none' (nobody's words are quoted)" in notes
    )
    assert '[participants] consent = "..."' in notes and '[consent] everyone = "public"' in notes


def test_role_and_discipline_can_be_declared_absent_and_the_printed_map_says_so():
    raw = mapping.loads("[participants]\nrole = false\ndiscipline = false\nconsent = false\n")
    result = run(*unlinked_project(), raw)
    assert {p["role"] for p in result.tables["participants"].to_pylist()} == {"Not recorded"}
    printed = result.mapping.to_toml()
    assert "role = false" in printed and "discipline = false" in printed
    again = mapping.resolve(mapping.loads(printed), ["Age", "gender", "interest"], [])
    assert again.absent == {"role", "discipline", "consent"}
    assert (
        "role: not recorded in this project, so 'Not recorded' for everyone ([participants] role = false)"
        in ("\n".join(result.summary))
    )


def test_true_is_not_a_variable_name():
    with pytest.raises(ImportFailed) as failed:
        mapping.resolve(mapping.loads("[participants]\nrole = true\n"), ["Role"], [])
    assert "[participants] role must be text in quotes or false" in failed.value.lines[0]


def session_variable_project(on: str):
    """Four interviews (sources named after the person), the session recorded as a variable: on the
    cases ("Session" = "Session A"), or on the sources (a document variable)."""
    root, files = nvivo_project(origin="NVivo 14")
    variables = root.find(f"{{{NS}}}Variables")
    variables.append(el("Variable", {"guid": g(SESSION), "name": "Session", "typeOfVariable": "Text"}))
    where = {"Maya": "Session A", "Leo": "Session B"}
    if on == "cases":
        for case in root.iter(f"{{{NS}}}Case"):
            case.append(value(SESSION, where[case.get("name")]))
    else:
        for source in root.iter(f"{{{NS}}}TextSource"):
            source.append(value(SESSION, where[source.get("name").split()[0]].upper()))
    return root, files


@pytest.mark.parametrize("on", ["cases", "sources"])
def test_sessions_from_a_case_or_a_document_variable(on):
    result = run(*session_variable_project(on))
    sessions = {s["session_id"]: s["title"] for s in result.tables["sessions"].to_pylist()}
    assert sorted(t.casefold() for t in sessions.values()) == ["session a", "session b"]
    by_person = {
        p["participant_id"]: sessions[p["session_id"]].casefold()
        for p in result.tables["participants"].to_pylist()
    }
    assert sorted(by_person.values()) == ["session a", "session b"]
    spoken = {
        (sessions[c["session_id"]].casefold(), c["source_id"])
        for c in result.tables["theme_codes"].to_pylist()
    }
    assert spoken == {("session a", "Maya interview"), ("session b", "Leo interview")}
    assert "sessions: 2, one per value of the session variables" in result.summary


# --- deep code trees ------------------------------------------------------------------------------


def deep_project():
    """NVivo style: one top-level folder ("Codes", not codable) holding folders of codes, two and
    three levels deep."""
    root, files = nvivo_project()
    codes = root.find(f"{{{NS}}}CodeBook/{{{NS}}}Codes")
    for c in list(codes):
        codes.remove(c)

    def code(guid, name, *children, codable=True):
        return el("Code", {"guid": g(guid), "name": name, "isCodable": str(codable).lower()}, *children)

    codes.append(
        code(
            95,
            "Codes",
            code(
                96,
                "Making",
                code(CRAFT, "Craft", code(JOY, "Joy")),
                code(FRICTION, "Friction"),
                codable=False,
            ),
            code(97, "Time", code(SPEED, "Speed"), codable=False),
            codable=False,
        )
    )
    return root, files


def test_a_top_folder_of_folders_puts_the_groups_one_level_down_with_each_theme_s_path():
    result = run(*deep_project())
    themes = [(t["label"], t["theme_group"], t["path"]) for t in result.tables["themes"].to_pylist()]
    assert themes == [
        ("Craft", "Making", "Codes > Making"),
        ("Joy", "Making", "Codes > Making > Craft"),
        ("Friction", "Making", "Codes > Making"),
        ("Speed", "Time", "Codes > Time"),
    ]
    assert (
        "1 top-level folder of codes with sub-folders: their sub-folders are the theme groups"
        in "\n".join(result.summary)
    )


def test_the_group_level_can_be_chosen():
    one = run(*deep_project(), mapping.loads("[themes]\ngroup_level = 1\n"))
    assert {t["theme_group"] for t in one.tables["themes"].to_pylist()} == {"Codes"}
    three = run(*deep_project(), mapping.loads("[themes]\ngroup_level = 3\n"))
    assert [(t["label"], t["theme_group"]) for t in three.tables["themes"].to_pylist()] == [
        ("Craft", "Craft"),
        ("Joy", "Craft"),
        ("Friction", "Making"),
        ("Speed", "Time"),
    ]
    with pytest.raises(ImportFailed) as failed:
        mapping.resolve(mapping.loads('[themes]\ngroup_level = "deep"\n'), [], [], has_cases=False)
    assert '[themes] group_level must be "auto" or a whole number from 1' in failed.value.lines[0]


# --- ATLAS.ti document groups ---------------------------------------------------------------------


def atlas_project(groups):
    """ATLAS.ti writes document attributes as overlapping document groups ("gender: female"),
    plus any groups the researcher made."""
    root, files = session_variable_project("cases")
    root.set("origin", "ATLAS.ti 23")
    sources = root.find(f"{{{NS}}}Sources")
    for n, (tag, selection) in enumerate(
        (
            ("PictureSource", "PictureSelection"),
            ("VideoSource", "VideoSelection"),
            ("PDFSource", "PDFSelection"),
        ),
        start=35,
    ):
        sources.append(
            el(
                tag,
                {"guid": g(n), "name": f"{tag[:-6]} 1"},
                el(selection, {"guid": g(n + 400)}, coding(n + 700, CRAFT, ADA)),
            )
        )
    sets = el("Sets", None)
    for n, (name, members) in enumerate(groups, start=70):
        sets.append(
            el(
                "Set",
                {"guid": g(n), "name": name},
                *(el("MemberSource", {"targetGUID": g(m)}) for m in members),
            )
        )
    root.append(sets)
    return root, files


def test_atlas_document_groups_named_name_value_are_document_variables():
    groups = [("venue: Hearst Estate", (30, 31)), ("date: 2025-02-01", (30,)), ("date: 2025-02-08", (31,))]
    result = run(*atlas_project(groups))
    sessions = {s["title"].casefold(): s for s in result.tables["sessions"].to_pylist()}
    assert sessions["session a"]["venue"] == "Hearst Estate"
    assert str(sessions["session b"]["date"]) == "2025-02-08"
    assert "2 document variables read from document groups named 'name: value'" in "\n".join(result.summary)
    for skipped in ("  1 picture region", "  1 video clip", "  1 PDF region (not text)"):
        assert skipped in result.summary  # coded regions that are not text: counted, with why


def test_overlapping_sets_as_sessions_are_refused_naming_the_overlap():
    groups = [("Morning", (30, 31)), ("Evening", (31,)), ("gender: female", (30, 31))]
    with pytest.raises(ImportFailed) as failed:
        run(*atlas_project(groups), mapping.loads('[sessions]\nfrom = "sets"\n'))
    assert "the sets overlap: 'Leo interview' is in 'Morning' and 'Evening'" in failed.value.lines[0]


# --- smaller things --------------------------------------------------------------------------------


def test_a_bare_project_file_is_refused_with_how_to_zip_it():
    root, _files = nvivo_project()
    import xml.etree.ElementTree as ET

    with pytest.raises(ImportFailed) as failed:
        import_qdpx(ET.tostring(root, xml_declaration=True, encoding="utf-8"), file_name="project.qde")
    message = failed.value.lines[0]
    assert "project.qde is a REFI-QDA project file on its own (XML), not a .qdpx archive" in message
    assert "zip -r project.qdpx project.qde Sources" in message and "sources/" in message


def test_a_project_with_nothing_coded_says_there_is_nothing_to_analyse():
    root, files = nvivo_project()
    for source in root.iter(f"{{{NS}}}TextSource"):
        for sel in list(source):
            source.remove(sel)
    result = run(root, files)
    assert any(line.startswith("WARNING nothing coded was imported") for line in result.summary)


def test_a_placeholder_title_gives_way_to_the_file_name():
    root, files = nvivo_project()
    root.set("name", "Untitled")
    assert run(root, files).package["title"] == "making"


def test_a_skip_reason_is_one_line_naming_its_sources():
    root, files = nvivo_project()
    result = run(root, {})  # both text files left out of the archive
    lines = [line for line in result.summary if "missing from the archive" in line]
    selections = sum(len(codes) for _s, _w, codes in CODED) + 1
    assert lines == [
        f"  {selections} in sources whose text file is missing from the archive: "
        "'Maya interview' (maya.txt), 'Leo interview' (leo.txt)"
    ]


def test_a_maxqda_codebook_only_project_imports_its_themes_and_says_nothing_is_coded(tmp_path):
    """MAXQDA can export the codebook and document variables without any coded text."""
    root, _files = nvivo_project("sources", origin="MAXQDA 24")
    root.find(f"{{{NS}}}Sources").clear()
    root.remove(root.find(f"{{{NS}}}Cases"))
    result = run(root, {})
    assert [t["label"] for t in result.tables["themes"].to_pylist()] == ["Craft", "Friction", "Speed", "Joy"]
    assert any(line.startswith("WARNING nothing coded was imported") for line in result.summary)
    report = write_export_set(result.tables, result.package, tmp_path / "set")
    assert report.ok, report.problems


# --- found by an adversarial pass ----------------------------------------------------------------


def test_two_coders_over_the_same_words_stay_two_codings_when_codings_name_no_user():
    root, files = nvivo_project()
    for sel in root.iter(f"{{{NS}}}PlainTextSelection"):
        for c in sel.iter(f"{{{NS}}}Coding"):
            del c.attrib["creatingUser"]  # the schema lets a coding leave its user to the selection
    rows = passages(run(root, files))
    software = next(r for r in rows.values() if r[0]["excerpt"].startswith("Software"))
    assert sorted(r["coder"] for r in software) == ["Ada", "Bao"]


def test_a_code_merged_from_two_places_keeps_every_descendant():
    root, files = qualcoder_project()
    codes = root.find(f"{{{NS}}}CodeBook/{{{NS}}}Codes")
    feelings = codes[0]
    # Feelings > Joy > Delight, and Joy again at the top holding Delight > Bliss
    bliss = el("Code", {"guid": g(15), "name": "Bliss", "isCodable": "true"})
    codes.append(
        el(
            "Code",
            {"guid": g(JOY), "name": "Joy", "isCodable": "true"},
            el("Code", {"guid": g(DELIGHT), "name": "Delight", "isCodable": "true"}, bliss),
        )
    )
    assert feelings.get("name") == "Feelings"
    labels = [t["label"] for t in run(root, files).tables["themes"].to_pylist()]
    assert sorted(labels) == ["Bliss", "Delight", "Joy"]


def test_document_groups_named_like_attributes_but_each_one_of_a_kind_are_sessions():
    groups = [("Session 1: Lyon", (30,)), ("Session 2: Paris", (31,))]
    raw = mapping.loads('[participants]\nsession = false\n[sessions]\nfrom = "sets"\n')
    sessions = run(*atlas_project(groups), raw).tables["sessions"].to_pylist()
    assert sorted(s["title"] for s in sessions) == ["Session 1: Lyon", "Session 2: Paris"]
    # left to choose, the project does not read them as two variables "Session 1" and "Session 2"
    chosen = run(*atlas_project(groups), mapping.loads("[participants]\nsession = false\n"))
    assert chosen.tables["sessions"].num_rows == 2


def test_a_cut_starting_between_cr_and_lf_lands_on_the_next_character():
    from findings.importers.qdpx import Offsets, _Prepared

    cut = _Prepared("ab\r\ncd", Offsets("code points", "as-is")).cut(3, 5)
    assert cut.text == "c" and "ab\ncd"[cut.start : cut.end] == "c"
