"""`export qdpx` and `export qdc`: an export set handed back to qualitative-analysis software.

`python -m findings export qdpx DATA_DIR OUT.qdpx` writes a REFI-QDA project (QDA-XML 1.0, the
exchange format of NVivo, ATLAS.ti, MAXQDA and QualCoder); `export qdc DATA_DIR OUT.qdc` the
codebook alone. What goes where:

- themes -> the codebook: one folder (not codable) per theme group holding its themes, each with
  its description; the themes of the group "Ungrouped" at the top level. A folder "Stance" holds
  the codes risk, opportunity and mixed (`import qdpx` reads them back as the stance, not as themes).
- the coders of `coder` (or one user, "Assembly Findings") -> users.
- participants -> cases named by their pseudonymous id, with the variables Discipline, Role,
  Session and Quote consent, and a reference to every selection they spoke.
- excerpts -> sources. When the set keeps where each passage lies in its source (`source_id`,
  `start`, `end`, as `import qdpx` writes them), each source is rebuilt with its passages at their
  places (what lay between them is not in the set, so spaces stand for it); otherwise one source
  per session and activity, the passages one per paragraph. Each source carries the document
  variables Session, Activity, Venue, Date and Duration. One selection per passage and stance,
  with one coding per theme applied (by its coder).

The file is for the research team, in their QDA software: it holds the words of speakers who
consented to research use (`research`) as well as public ones. A passage whose speaker did not
consent to quotation at all (`none`) is exported without its words (a placeholder as long as
them stands in), unless `--all-text` is given. Characters XML cannot hold are replaced by spaces
in the project file (never in the source texts, where positions count them).
Exporting the bundled sample and importing it back gives the same numbers on every page; rules
and recorded media have no place in QDA-XML and are not exported.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from findings.db import connect
from findings.validate import validate

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Assembly Findings"
UNGROUPED = "Ungrouped"
STANCE_FOLDER = "Stance"
STANCES = ("risk", "opportunity", "mixed")
WITHHELD_TEXT = "[not quoted: the speaker did not consent to quotation]"
NO_TEXT = "[no text recorded]"  # a passage counted without words still needs words to be selected
#: document variables of each source, and the session columns they come from
DOCUMENT_VARIABLES = (
    ("Session", "title"),
    ("Venue", "venue"),
    ("Date", "date"),
    ("Duration", "duration_minutes"),
)
CASE_VARIABLES = (
    ("Discipline", "discipline"),
    ("Role", "role"),
    ("Session", "session"),
    ("Quote consent", "quote_consent"),
)
_NAMESPACE = uuid.UUID("6f1b4c9e-3d2a-4e8b-9a51-0c7d2e4f8a13")  # for reproducible GUIDs


class ExportFailed(Exception):
    def __init__(self, lines: str | list[str]):
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("\n".join(self.lines))


def guid(*parts: object) -> str:
    """The same GUID for the same thing in every export of the same set."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(str(p) for p in parts)))


@dataclass
class _Set:
    title: str
    themes: list[dict]
    sessions: dict[str, dict]
    participants: list[dict]
    codes: list[dict]  # theme_codes rows, in excerpt order
    located: bool  # every passage has source_id, start and end
    session_names: dict[str, str]  # session_id -> the Session value written (unique, any letter case)


def _read(data_dir: Path) -> _Set:
    report = validate(data_dir)
    if not report.ok:
        raise ExportFailed(
            [*map(str, report.problems), f"EXPORT FAILED: {data_dir} is not a valid export set"]
        )
    con = connect(data_dir, report.sources)
    try:

        def rows(sql: str) -> list[dict]:
            relation = con.sql(sql)
            names = relation.columns
            return [dict(zip(names, values, strict=True)) for values in relation.fetchall()]

        themes = rows("select theme_id, label, theme_group, description, path from themes")  # codebook order
        sessions = {r["session_id"]: r for r in rows("select * from sessions order by session_id")}
        participants = rows("select * from participants order by participant_id")
        codes = rows(
            "select theme_codes.*, participants.quote_consent from theme_codes "
            "left join participants using (participant_id) order by excerpt_id, code_id"
        )
    except duckdb.Error as exc:  # a view the validator passed but cannot be read here
        raise ExportFailed(f"EXPORT FAILED: {data_dir} cannot be read ({exc})") from None
    finally:
        con.close()
    located = bool(codes) and all(
        c.get("source_id") is not None
        and c.get("start") is not None
        and c.get("end") is not None
        and 0 <= int(c["start"]) <= int(c["end"])  # else the kept places are no places
        for c in codes
    )
    title = str(report.package.get("title") or data_dir.name) if report.package else data_dir.name
    return _Set(title, themes, sessions, participants, codes, located, _session_names(sessions))


def _session_names(sessions: dict[str, dict]) -> dict[str, str]:
    """Each session as the Session variable names it: its title, or its id; a title two sessions
    share (in any letter case) gets the id too, so that importing it back keeps them apart."""
    names = {sid: str(row.get("title") or sid) for sid, row in sessions.items()}
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
    return {sid: name if seen[name.casefold()] == 1 else f"{name} ({sid})" for sid, name in names.items()}


#: characters XML 1.0 cannot hold (controls such as Word's soft line break \x0b, lone surrogates)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(value: object) -> str:
    return _NOT_XML.sub(" ", str(value))


def _el(
    tag: str, ns: str, attrs: dict | None = None, *children: ET.Element, text: str | None = None
) -> ET.Element:
    node = ET.Element(f"{{{ns}}}{tag}", {k: _xml(v) for k, v in (attrs or {}).items() if v is not None})
    node.text = None if text is None else _xml(text)
    node.extend(children)
    return node


def _codes(data: _Set, ns: str) -> ET.Element:
    """The codebook: each theme under its ancestors when the set keeps them (`path`), else under a
    folder per theme group; then the stance folder."""
    codes = _el("Codes", ns)
    placed: dict[tuple[str, ...], ET.Element] = {}  # names from the top -> the code written there

    def under(names: tuple[str, ...]) -> ET.Element:
        if not names:
            return codes
        if names not in placed:
            folder = _el(
                "Code", ns, {"guid": guid("folder", *names), "name": names[-1], "isCodable": "false"}
            )
            under(names[:-1]).append(folder)
            placed[names] = folder
        return placed[names]

    for theme in data.themes:
        code = _el(
            "Code",
            ns,
            {"guid": guid("theme", theme["theme_id"]), "name": theme["label"], "isCodable": "true"},
        )
        if theme.get("description"):
            code.append(_el("Description", ns, text=theme["description"]))
        if theme.get("path"):
            ancestors = tuple(part.strip() for part in str(theme["path"]).split(" > "))
        else:
            ancestors = () if theme["theme_group"] == UNGROUPED else (theme["theme_group"],)
        under(ancestors).append(code)
        placed.setdefault((*ancestors, theme["label"]), code)
    if any(c.get("stance") for c in data.codes):
        stance = _el(
            "Code", ns, {"guid": guid("group", STANCE_FOLDER), "name": STANCE_FOLDER, "isCodable": "false"}
        )
        for value in STANCES:
            stance.append(
                _el("Code", ns, {"guid": guid("stance", value), "name": value, "isCodable": "true"})
            )
        codes.append(stance)
    return codes


def _value(ns: str, variable: str, text: object) -> ET.Element:
    return _el(
        "VariableValue",
        ns,
        None,
        _el("VariableRef", ns, {"targetGUID": guid("variable", variable)}),
        _el("TextValue", ns, text=str(text)),
    )


@dataclass
class _Source:
    key: tuple
    name: str
    session_id: str
    activity: str | None
    parts: list[str]
    length: int = 0


def _sources(data: _Set, all_text: bool) -> tuple[list[_Source], dict[str, tuple[_Source, int, int]], int]:
    """The texts to write, where each passage lies in one (by excerpt_id), and how many passages
    could not go back to their kept place (their words disagree with what is written there)."""
    sources: dict[tuple, _Source] = {}
    written: dict[tuple, list[str]] = {}  # a source's text so far, to check an overlap against
    placed: dict[str, tuple[_Source, int, int]] = {}
    first: dict[str, dict] = {}
    moved = 0
    for row in data.codes:
        first.setdefault(row["excerpt_id"], row)
    rows = list(first.values())
    if data.located:  # each source's passages in the order they lie in it
        rows.sort(key=lambda r: (str(r["session_id"]), str(r["source_id"]), int(r["start"]), -int(r["end"])))
    for row in rows:
        excerpt = row["excerpt_id"]
        if data.located:
            # a source named alike in two sessions is two texts: one person's words never fall
            # under another's selection
            key = ("source", row["session_id"], row["source_id"])
            name = str(row["source_id"])
            text = _text(row, all_text, length=int(row["end"]) - int(row["start"]))
        else:
            key = ("session", row["session_id"], row.get("activity"))
            name = data.session_names.get(row["session_id"], row["session_id"])
            name += f" — {row['activity']}" if row.get("activity") else ""
            text = _text(row, all_text)
        source = sources.get(key)
        if source is None:
            source = sources[key] = _Source(key, name, row["session_id"], row.get("activity"), [])
            written[key] = []
        if data.located:
            start = int(row["start"])
            if start < source.length:  # overlaps what is written: only where the words agree
                so_far = "".join(written[key])
                shared = so_far[start : start + len(text)]
                if text.startswith(shared):
                    rest = text[len(shared) :]
                    written[key].append(rest)
                    source.parts.append(rest)
                    source.length += len(rest)
                    placed[excerpt] = (source, start, start + len(text))
                    continue
                moved += 1  # a passage of its own after the others
                start = source.length + 2
            gap = " " * (start - source.length)
            written[key].append(gap)
            source.parts.append(gap)
            source.length = start
        elif source.parts:
            source.parts.append("\n\n")
            source.length += 2
        placed[excerpt] = (source, source.length, source.length + len(text))
        source.parts.append(text)
        written[key].append(text)
        source.length += len(text)
    order = {session: i for i, session in enumerate(data.sessions)}
    ordered = sorted(sources.values(), key=lambda s: (order.get(s.session_id, len(order)), str(s.key)))
    return ordered, placed, moved


def _filled(placeholder: str, length: int) -> str:
    return ((placeholder + " ") * (length // (len(placeholder) + 1) + 1))[:length]


def _text(row: dict, all_text: bool, length: int | None = None) -> str:
    """A passage's words as exported: line breaks as LF; a placeholder for a speaker who did not
    consent to quotation, or for a passage recorded without words (as long as the passage, when
    `length`, its kept place in its source, is given)."""
    text = str(row.get("excerpt") or "").replace("\r\n", "\n").replace("\r", "\n")
    if length is None:
        text = text.strip()
    if not text.strip():
        return _filled(NO_TEXT, length) if length else NO_TEXT
    if row.get("quote_consent") == "none" and not all_text:
        return _filled(WITHHELD_TEXT, len(text)) if length is not None else WITHHELD_TEXT
    return text


def project_xml(data: _Set, all_text: bool = False) -> tuple[ET.Element, dict[str, bytes], list[str]]:
    ns = PROJECT_NS
    coders = sorted({c["coder"] for c in data.codes if c.get("coder")}) or [ORIGIN]
    users = _el("Users", ns, None, *(_el("User", ns, {"guid": guid("user", c), "name": c}) for c in coders))
    variables = _el(
        "Variables",
        ns,
        None,
        *(
            _el("Variable", ns, {"guid": guid("variable", name), "name": name, "typeOfVariable": "Text"})
            for name in dict.fromkeys(
                [*(n for n, _c in CASE_VARIABLES), *(n for n, _c in DOCUMENT_VARIABLES), "Activity"]
            )
        ),
    )
    sources, placed, moved = _sources(data, all_text)
    selections: dict[str, list[str]] = {}  # participant -> selection guids
    by_excerpt: dict[str, list[dict]] = {}
    for row in data.codes:
        by_excerpt.setdefault(row["excerpt_id"], []).append(row)
    source_elements: dict[tuple, ET.Element] = {}
    files: dict[str, bytes] = {}
    for source in sources:
        source_guid = guid("source", *source.key)
        element = _el(
            "TextSource",
            ns,
            {"guid": source_guid, "name": source.name, "plainTextPath": f"internal://{source_guid}.txt"},
        )
        source_elements[source.key] = element
        files[f"Sources/{source_guid}.txt"] = "".join(source.parts).encode("utf-8")
    for excerpt, rows in by_excerpt.items():
        source, start, end = placed[excerpt]
        by_stance: dict[str | None, list[dict]] = {}
        for row in rows:
            by_stance.setdefault(row.get("stance"), []).append(row)
        for stance, group in by_stance.items():
            selection_guid = guid("selection", excerpt, stance)
            user = group[0].get("coder") or coders[0]
            selection = _el(
                "PlainTextSelection",
                ns,
                {
                    "guid": selection_guid,
                    "name": _text(group[0], all_text)[:60] or None,
                    "startPosition": start,
                    "endPosition": end,
                    "creatingUser": guid("user", user),
                },
            )
            for row in group:
                coder = row.get("coder") or coders[0]
                selection.append(
                    _el(
                        "Coding",
                        ns,
                        {"guid": guid("coding", row["code_id"]), "creatingUser": guid("user", coder)},
                        _el("CodeRef", ns, {"targetGUID": guid("theme", row["theme_id"])}),
                    )
                )
            if stance:
                selection.append(
                    _el(
                        "Coding",
                        ns,
                        {"guid": guid("stance coding", excerpt, stance), "creatingUser": guid("user", user)},
                        _el("CodeRef", ns, {"targetGUID": guid("stance", stance)}),
                    )
                )
            source_elements[source.key].append(selection)
            if rows[0].get("participant_id") is not None:
                selections.setdefault(rows[0]["participant_id"], []).append(selection_guid)
    for source in sources:
        session = data.sessions.get(source.session_id, {})
        element = source_elements[source.key]
        for name, column in DOCUMENT_VARIABLES:
            value = session.get(column) if column != "title" else data.session_names.get(source.session_id)
            if value is not None:
                element.append(_value(ns, name, value))
        if source.activity:
            element.append(_value(ns, "Activity", source.activity))
    cases = _el("Cases", ns)
    for person in data.participants:
        session = data.sessions.get(person["session_id"], {})
        values = {
            "discipline": person.get("discipline"),
            "role": person.get("role"),
            "session": data.session_names.get(person["session_id"], person["session_id"]),
            "quote_consent": person.get("quote_consent"),
        }
        case = _el(
            "Case", ns, {"guid": guid("case", person["participant_id"]), "name": person["participant_id"]}
        )
        for name, column in CASE_VARIABLES:
            if values[column] is not None:
                case.append(_value(ns, name, values[column]))
        for selection_guid in selections.get(person["participant_id"], ()):
            case.append(_el("SelectionRef", ns, {"targetGUID": selection_guid}))
        cases.append(case)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    root = _el(
        "Project",
        ns,
        {"name": data.title, "origin": ORIGIN, "creationDateTime": now},
        users,
        _el("CodeBook", ns, None, _codes(data, ns)),
        variables,
        *([cases] if len(cases) else []),
        _el("Sources", ns, None, *source_elements.values()),
    )
    withheld = sum(
        1 for rows in by_excerpt.values() if rows[0].get("quote_consent") == "none" and rows[0].get("excerpt")
    )
    summary = [
        f"themes: {len(data.themes):,} in {len({t['theme_group'] for t in data.themes}):,} groups",
        f"cases: {len(data.participants):,}",
        f"sources: {len(sources):,}, "
        + (
            "rebuilt at the places the set keeps (source_id, start, end)"
            if data.located
            else "one per session and activity"
        ),
        f"passages: {len(by_excerpt):,} with {len(data.codes):,} codings by {len(coders):,} "
        f"{'coder' if len(coders) == 1 else 'coders'}",
    ]
    if moved:
        summary.append(
            f"note: {moved:,} passages whose kept place in their source holds other words "
            "(overlapping passages that disagree) written after the others in that source"
        )
    if withheld and not all_text:
        summary.append(
            f"note: {withheld:,} passages of speakers who did not consent to quotation exported without "
            "their words (--all-text keeps them, for a file that stays with the research team)"
        )
    return root, files, summary


def _xml_bytes(root: ET.Element, ns: str) -> bytes:
    ET.register_namespace("", ns)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _write(out: Path, data: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)


def export_qdpx(data_dir: Path, out: Path, *, all_text: bool = False) -> list[str]:
    """Write `out` (.qdpx) from the export set in `data_dir`; returns the summary lines."""
    data = _read(Path(data_dir))
    root, files, summary = project_xml(data, all_text)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _xml_bytes(root, PROJECT_NS))
        for name, content in files.items():
            archive.writestr(name, content)
    _write(Path(out), buffer.getvalue())
    return [f"wrote {out}: the REFI-QDA project {data.title!r}", *summary]


def export_qdc(data_dir: Path, out: Path) -> list[str]:
    """Write `out` (.qdc): the codebook alone."""
    data = _read(Path(data_dir))
    root = _el("CodeBook", CODEBOOK_NS, {"origin": ORIGIN}, _codes(data, CODEBOOK_NS))
    _write(Path(out), _xml_bytes(root, CODEBOOK_NS))
    return [f"wrote {out}: the codebook of {data.title!r}", f"themes: {len(data.themes):,}"]
