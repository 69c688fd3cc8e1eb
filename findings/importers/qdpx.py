"""A REFI-QDA project (`.qdpx`: a zip of `project.qde` and `Sources/`) as the contract's tables.

How the standard maps onto the contract:

- codebook -> `themes`: a top-level code with children is a theme group and its codable
  descendants are its themes; a top-level code with no children is a theme in the group
  "Ungrouped"; a code that a coding uses is always a theme; descriptions are kept.
- coded text selections -> `theme_codes`: one row per coding (a code applied by a coder), all
  rows of one selection sharing its `excerpt_id`; the excerpt is cut from the source text at the
  selection's start and end, counted in Unicode characters. The coder's name is kept in `coder`.
- named cases -> `participants`, their variables giving discipline, role, session and consent
  (see `mapping`). Nameless cases (MAXQDA's document variables) describe the sources they point to.
- sources (or sets of sources) -> `sessions`; venue, date and duration from document variables.

A passage's speaker is the one named case that refers to the selection, else the one that
refers to its source; with none it is a group-level passage. With several (a focus group's
transcript), it is imported as group-level, and its text is kept only when every one of those
cases consented to public quotation, so that no one's words lose their consent on the way.

Selections that are not text (PDF regions, pictures, audio and video clips), or whose text cannot
be found, are skipped and counted in the summary, never silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

import pyarrow as pa

from findings.importers import ImportFailed, xmlsafe
from findings.importers import mapping as mapping_module
from findings.importers.archive import COMMAND_LINE, Limits, SafeZip, member_parts, unsafe_name
from findings.importers.mapping import CONSENT_VALUES, Mapping
from findings.importers.output import arrow_table

PROJECT_FILE = "project.qde"
SOURCES_FOLDER = "Sources"
UNGROUPED = "Ungrouped"
NOT_RECORDED = "Not recorded"
TEXT_KINDS = ("text", "transcript")

SKIP_WORDS = {
    "pdf": "PDF region (not text)",
    "picture": "picture region",
    "audio": "audio clip",
    "video": "video clip",
    "no_code": "with no code applied",
    "unknown_code": "coded only with codes missing from the codebook",
    "no_session": "in a source that belongs to no session set",
    "outside": "whose start or end lies outside its source text",
    "empty": "selecting no text",
    "no_sync": "transcript selection without text positions",
}


# --- the project as read ------------------------------------------------------------------


@dataclass
class Code:
    guid: str
    name: str
    codable: bool
    description: str | None
    children: list[Code] = field(default_factory=list)


@dataclass
class Body:
    """The text some selections are cut from: inline, or a file in the archive."""

    owner: str
    content: str | None
    path: str | None


@dataclass
class Selection:
    guid: str
    kind: str
    body: Body | None
    start: int | None
    end: int | None
    name: str
    user: str | None
    codings: list[tuple[str, str | None]]  # (code guid, coding user guid)


@dataclass
class Source:
    guid: str
    name: str
    values: dict[str, str]
    selections: list[Selection] = field(default_factory=list)
    whole_codings: int = 0


@dataclass
class Case:
    guid: str
    name: str
    values: dict[str, str]
    sources: list[str]
    selections: list[str]


@dataclass
class Project:
    name: str
    origin: str
    users: dict[str, str]
    codes: list[Code]
    cases: list[Case]
    sources: list[Source]
    sets: list[tuple[str, str, list[str]]]  # guid, name, member source guids
    variables: list[str]  # names, in the order the project defines them


def _text(element: Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _values(element: Element, variables: dict[str, str]) -> dict[str, str]:
    """Variable name -> value as text, for the VariableValue children of an element."""
    found = {}
    for value in element.findall("VariableValue"):
        ref = value.find("VariableRef")
        name = variables.get(ref.get("targetGUID", "")) if ref is not None else None
        if name is None:
            continue
        for child in value:
            if child.tag.endswith("Value") and child.tag != "VariableRef":
                text = _text(child)
                if text is not None:
                    found[name] = text
                break
    return found


def _codings(element: Element) -> list[tuple[str, str | None]]:
    out = []
    for coding in element.findall("Coding"):
        ref = coding.find("CodeRef")
        if ref is not None and ref.get("targetGUID"):
            out.append((ref.get("targetGUID"), coding.get("creatingUser")))
    return out


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _body(element: Element, owner: str) -> Body:
    content = element.find("PlainTextContent")
    return Body(owner, content.text or "" if content is not None else None, element.get("plainTextPath"))


def _text_selections(element: Element, owner: str, kind: str = "text") -> list[Selection]:
    """The PlainTextSelections of a text-bearing element (a text source, a representation)."""
    body = _body(element, owner)
    return [
        Selection(
            s.get("guid", ""), kind, body, _int(s.get("startPosition")), _int(s.get("endPosition")),
            s.get("name") or "", s.get("creatingUser"), _codings(s),
        )
        for s in element.findall("PlainTextSelection")
    ]


def _other_selections(element: Element, tag: str, kind: str) -> list[Selection]:
    return [
        Selection(s.get("guid", ""), kind, None, None, None, s.get("name") or "", s.get("creatingUser"), _codings(s))
        for s in element.findall(tag)
    ]


def _transcript_selections(element: Element, owner: str) -> list[Selection]:
    out = []
    for transcript in element.findall("Transcript"):
        body = _body(transcript, owner)
        points = {p.get("guid"): _int(p.get("position")) for p in transcript.findall("SyncPoint")}
        for s in transcript.findall("TranscriptSelection"):
            start, end = points.get(s.get("fromSyncPoint")), points.get(s.get("toSyncPoint"))
            kind = "transcript" if start is not None and end is not None else "no_sync"
            out.append(Selection(s.get("guid", ""), kind, body, start, end, s.get("name") or "", s.get("creatingUser"), _codings(s)))
    return out


def _source(element: Element, variables: dict[str, str]) -> Source | None:
    tag = element.tag
    source = Source(element.get("guid", ""), (element.get("name") or "").strip() or element.get("guid", "?"), _values(element, variables))
    source.whole_codings = len(element.findall("Coding"))
    if tag == "TextSource":
        source.selections = _text_selections(element, source.name)
    elif tag == "PDFSource":
        source.selections = _other_selections(element, "PDFSelection", "pdf")
        for rep in element.findall("Representation"):
            source.selections += _text_selections(rep, source.name)
    elif tag == "PictureSource":
        source.selections = _other_selections(element, "PictureSelection", "picture")
        for rep in element.findall("TextDescription"):
            source.selections += _text_selections(rep, source.name)
    elif tag in ("AudioSource", "VideoSource"):
        kind = "audio" if tag == "AudioSource" else "video"
        source.selections = _other_selections(element, f"{tag[:5]}Selection", kind)
        source.selections += _transcript_selections(element, source.name)
    else:
        return None
    return source


def _code(element: Element) -> Code:
    return Code(
        element.get("guid", ""),
        (element.get("name") or "").strip() or "(unnamed code)",
        (element.get("isCodable") or "true").strip().lower() not in ("false", "0"),
        _text(element.find("Description")),
        [_code(child) for child in element.findall("Code")],
    )


def parse_project(root: Element, fallback_name: str) -> Project:
    if root.tag != "Project":
        raise ImportFailed(f"ERROR {PROJECT_FILE} is not a REFI-QDA project (its root element is <{root.tag}>, not <Project>)")
    users = {}
    for user in root.findall("Users/User"):
        users[user.get("guid", "")] = user.get("name") or user.get("id") or user.get("guid", "")
    variables = {v.get("guid", ""): (v.get("name") or "").strip() for v in root.findall("Variables/Variable")}
    variables = {guid: name for guid, name in variables.items() if name}
    cases = [
        Case(
            c.get("guid", ""), (c.get("name") or "").strip(), _values(c, variables),
            [r.get("targetGUID", "") for r in c.findall("SourceRef")],
            [r.get("targetGUID", "") for r in c.findall("SelectionRef")],
        )
        for c in root.findall("Cases/Case")
    ]
    sources = [s for s in (_source(e, variables) for e in root.findall("Sources/*")) if s is not None]
    sets = [
        (s.get("guid", ""), (s.get("name") or "").strip() or s.get("guid", "?"), [m.get("targetGUID", "") for m in s.findall("MemberSource")])
        for s in root.findall("Sets/Set")
    ]
    return Project(
        (root.get("name") or "").strip() or fallback_name,
        (root.get("origin") or "").strip(),
        users,
        [_code(c) for c in root.findall("CodeBook/Codes/Code")],
        cases,
        sources,
        sets,
        list(dict.fromkeys(variables.values())),
    )


# --- text and offsets ----------------------------------------------------------------------


class _Texts:
    """Source texts read from the archive on first use; a body's problem is kept as its reason."""

    def __init__(self, archive: SafeZip, prefix: tuple[str, ...]):
        self.archive = archive
        self.prefix = prefix
        self._cache: dict[int, tuple[str | None, str | None]] = {}

    def get(self, body: Body) -> tuple[str | None, str | None]:
        key = id(body)
        if key not in self._cache:
            self._cache[key] = self._load(body)
        return self._cache[key]

    def _load(self, body: Body) -> tuple[str | None, str | None]:
        if body.content is not None:
            return body.content, None
        path = (body.path or "").strip()
        scheme, sep, rest = path.partition("://")
        if not sep:
            return None, f"in source {body.owner!r}, which has no text"
        if scheme.lower() != "internal":
            return None, f"in source {body.owner!r}, whose text lies outside the archive ({scheme}://), never read"
        if unsafe_name(rest):
            return None, f"in source {body.owner!r}, whose text path leaves the archive's folder; refused"
        name = self.archive.find("/".join([*self.prefix, SOURCES_FOLDER, *member_parts(rest)]))
        if name is None:
            return None, f"in source {body.owner!r}, whose text file {rest!r} is missing from the archive"
        data = self.archive.read(name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None, f"in source {body.owner!r}, whose text file is not UTF-8 text"
        return text.removeprefix("\ufeff"), None


def _cut(text: str, start: int | None, end: int | None) -> str | None:
    if start is None or end is None or start < 0 or end < start or end > len(text):
        return None
    return text[start:end]


def _agreement(name: str, cut: str | None) -> int:
    """How well a selection's name (often its text, or the start of it) agrees with the text cut
    for it: 2 the same words, 1 the same start, 0 no agreement."""
    if not cut:
        return 0
    a, b = " ".join(name.split()), " ".join(cut.split())
    if len(a) >= 4 and a == b:
        return 2
    return int(len(a) >= 4 and b.startswith(a[:20]))


def line_endings_for(text: str, selections: list[Selection], setting: str, origin: str) -> str:
    """How a source's offsets count a Windows line break (CR LF): 'as-is' (two) or 'crlf-as-one'.

    Only matters when the text holds CR LF. With "auto", the convention under which more of the
    selections' names agree with their cut text wins; on a tie, ATLAS.ti projects count a line
    break as one character and others as two.
    """
    if "\r\n" not in text:
        return "as-is"
    if setting != "auto":
        return setting
    folded = text.replace("\r\n", "\n")
    named = [s for s in selections if s.name]
    raw = sum(_agreement(s.name, _cut(text, s.start, s.end)) for s in named)
    one = sum(_agreement(s.name, _cut(folded, s.start, s.end)) for s in named)
    if raw != one:
        return "as-is" if raw > one else "crlf-as-one"
    return "crlf-as-one" if "atlas" in origin.casefold() else "as-is"


# --- the import ----------------------------------------------------------------------------


@dataclass
class Imported:
    tables: dict[str, pa.Table]
    package: dict
    mapping: Mapping
    summary: list[str]


def _padded(prefix: str, n: int):
    width = len(str(max(n, 1)))
    return lambda i: f"{prefix}{i:0{width}d}"


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _minutes(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return round(float(value.strip().replace(",", ".")))
    except ValueError:
        return None


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _locate_project(archive: SafeZip, what: str) -> tuple[str, tuple[str, ...]]:
    """The stored name of project.qde and the folder it sits in (the archive's root, normally)."""
    name = archive.find(PROJECT_FILE)
    if name is not None:
        return name, ()
    nested = [n for n in archive.names() if len(member_parts(n)) == 2 and member_parts(n)[1].casefold() == PROJECT_FILE]
    if len(nested) == 1:
        return nested[0], member_parts(nested[0])[:1]
    raise ImportFailed(f"ERROR {what} holds no {PROJECT_FILE}, so it is not a REFI-QDA project export (.qdpx)")


def import_qdpx(
    source: Path | bytes,
    raw_mapping: dict | None = None,
    *,
    file_name: str | None = None,
    limits: Limits = COMMAND_LINE,
    illustrative: bool = False,
) -> Imported:
    """Read a .qdpx (a path, or the bytes of an upload) into contract tables; nothing is written."""
    file_name = file_name or (Path(source).name if isinstance(source, (str, Path)) else "project.qdpx")
    with SafeZip(source, file_name, limits) as archive:
        stored, prefix = _locate_project(archive, file_name)
        root = xmlsafe.parse(archive.read(stored), PROJECT_FILE)
        project = parse_project(root, Path(file_name).stem)
        return _Builder(project, archive, prefix, raw_mapping, file_name, illustrative).build()


class _Builder:
    def __init__(self, project: Project, archive: SafeZip, prefix, raw_mapping, file_name: str, illustrative: bool):
        self.project = project
        self.texts = _Texts(archive, prefix)
        self.raw_mapping = raw_mapping
        self.file_name = file_name
        self.illustrative = illustrative
        self.notes: list[str] = []

    # -- variables and mapping ------------------------------------------------------------
    def _document_values(self) -> dict[str, dict[str, str]]:
        """Source guid -> its document variables: its own, then those of nameless cases naming it."""
        values = {s.guid: dict(s.values) for s in self.project.sources}
        nameless = [c for c in self.project.cases if not c.name]
        for case in nameless:
            for guid in case.sources:
                if guid in values:
                    for key, value in case.values.items():
                        values[guid].setdefault(key, value)
        if nameless:
            self.notes.append(f"{_plural(len(nameless), 'nameless case')} read as document variables of their sources")
        return values

    def _variables(self, cases: list[Case], docs: dict[str, dict[str, str]]) -> tuple[list[str], list[str]]:
        order = {name: i for i, name in enumerate(self.project.variables)}
        case_vars = {k for c in cases for k in c.values}
        doc_vars = {k for v in docs.values() for k in v}
        by_order = lambda names: sorted(names, key=lambda n: (order.get(n, len(order)), n))
        return by_order(case_vars), by_order(doc_vars)

    # -- themes -----------------------------------------------------------------------------
    def _themes(self, used: set[str]) -> tuple[list[tuple[Code, str]], int]:
        themes: list[tuple[Code, str]] = []
        left_out = 0

        def descend(code: Code, group: str) -> None:
            nonlocal left_out
            for child in code.children:
                if child.codable or child.guid in used:
                    themes.append((child, group))
                elif not child.children:
                    left_out += 1
                descend(child, group)

        ungrouped = 0
        for top in self.project.codes:
            if top.children:
                if top.guid in used:
                    themes.append((top, top.name))
                descend(top, top.name)
            elif top.codable or top.guid in used:
                themes.append((top, UNGROUPED))
                ungrouped += 1
            else:
                left_out += 1
        if ungrouped:
            self.notes.append(f"{_plural(ungrouped, 'top-level code')} without children placed in the group {UNGROUPED!r}")
        if left_out:
            self.notes.append(f"{_plural(left_out, 'code')} neither codable nor used, left out of the themes")
        return themes, len({g for _c, g in themes})

    # -- sessions ---------------------------------------------------------------------------
    def _units(self, mapping: Mapping, docs) -> tuple[list[tuple[str, str, dict]], dict[str, str]]:
        """Session candidates (key, name, document variables) and each source's unit key."""
        if mapping.sessions_from == "sources":
            units = [(s.guid, s.name, docs.get(s.guid, {})) for s in self.project.sources]
            return units, {s.guid: s.guid for s in self.project.sources}
        unit_of: dict[str, str] = {}
        clashes = []
        units = []
        names = {s.guid: s.name for s in self.project.sources}
        for guid, name, members in self.project.sets:
            members = [m for m in members if m in names]
            if not members:
                continue
            agreed = {}
            for key in {k for m in members for k in docs.get(m, {})}:
                seen = {docs[m][key] for m in members if key in docs.get(m, {})}
                if len(seen) == 1:
                    agreed[key] = seen.pop()
            units.append((guid, name, agreed))
            for member in members:
                if member in unit_of and unit_of[member] != guid:
                    clashes.append(names[member])
                unit_of[member] = guid
        if not units:
            raise ImportFailed("ERROR mapping: [sessions] from = \"sets\", but the project has no set of sources")
        if clashes:
            raise ImportFailed(
                f"ERROR sessions: source(s) {', '.join(map(repr, sorted(set(clashes))))} belong to several sets; "
                "with sessions from sets, each source must be in one"
            )
        return units, unit_of

    # -- the whole ------------------------------------------------------------------------------
    def build(self) -> Imported:
        project = self.project
        docs = self._document_values()
        named = [c for c in project.cases if c.name]
        case_vars, doc_vars = self._variables(named, docs)
        mapping = mapping_module.resolve(self.raw_mapping, case_vars, doc_vars, has_cases=bool(named))
        units, unit_of_source = self._units(mapping, docs)
        unit_names = {key: name for key, name, _v in units}
        source_of_selection = {sel.guid: src.guid for src in project.sources for sel in src.selections}

        errors: list[str] = []
        # participants ------------------------------------------------------------------------
        p_ids = _padded("P", len(named))
        people = []  # (case, participant id, unit key, discipline, role, consent)
        unknown_consent: Counter[str] = Counter()
        not_recorded = Counter()
        unmatched, undetermined = [], []
        for i, case in enumerate(named, start=1):
            unit = None
            session_var = mapping.participants.get("session")
            if session_var and case.values.get(session_var):
                wanted = case.values[session_var]
                matches = [k for k, name in unit_names.items() if name == wanted.strip()] or [
                    k for k, name in unit_names.items() if name.casefold() == wanted.strip().casefold()
                ]
                if len(matches) == 1:
                    unit = matches[0]
                else:
                    unmatched.append((case.name, wanted))
            else:
                refs = {unit_of_source.get(g) for g in case.sources} | {
                    unit_of_source.get(source_of_selection.get(g, "")) for g in case.selections
                }
                refs.discard(None)
                if len(refs) == 1:
                    unit = refs.pop()
                else:
                    undetermined.append((case.name, len(refs)))
            if mapping.consent_everyone:
                consent = mapping.consent_everyone
            else:
                given = case.values.get(mapping.participants["consent"] or "", "").strip()
                if not given:
                    consent = mapping.consent_missing
                    not_recorded["consent"] += 1
                else:
                    consent = mapping.consent_values.get(given.casefold())
                    if consent is None and given.casefold() in CONSENT_VALUES:
                        consent = given.casefold()
                    if consent is None:
                        unknown_consent[given] += 1
            fields = {}
            for meaning in ("discipline", "role"):
                value = case.values.get(mapping.participants[meaning] or "", "").strip()
                if not value:
                    not_recorded[meaning] += 1
                fields[meaning] = value or NOT_RECORDED
            pid = case.name if mapping.participant_ids == "case name" else p_ids(i)
            people.append((case, pid, unit, fields["discipline"], fields["role"], consent))
        if unmatched:
            shown = ", ".join(f"{name!r} ({value!r})" for name, value in unmatched[:8])
            errors.append(
                f"ERROR participants: {_plural(len(unmatched), 'case')} name a session that is no "
                f"{'source' if mapping.sessions_from == 'sources' else 'set'}: {shown}; sessions are: "
                f"{', '.join(map(repr, unit_names.values()))}"
            )
        if undetermined:
            shown = ", ".join(f"{name!r} ({'no source' if n == 0 else f'{n} sessions'})" for name, n in undetermined[:8])
            errors.append(
                f"ERROR participants: cannot tell the session of {_plural(len(undetermined), 'case')}: {shown}; "
                f'name the case variable that holds it in a map file: [participants] session = "..." '
                f"(case variables: {', '.join(map(repr, case_vars)) or 'none'})"
            )
        if unknown_consent:
            shown = ", ".join(f"{v!r} ({n})" for v, n in unknown_consent.most_common(8))
            errors.append(
                f"ERROR participants: consent variable {mapping.participants['consent']!r} holds values other "
                f"than public/research/none: {shown}; say what each means in a map file, e.g. "
                '[consent] values = { "Yes" = "public", "No" = "none" }'
            )
        if mapping.participant_ids == "case name":
            doubled = [n for n, k in Counter(c.name for c in named).items() if k > 1]
            if doubled:
                errors.append(f"ERROR participants: several cases are named {', '.join(map(repr, doubled[:5]))}; use id = \"generated\"")
        if errors:
            raise ImportFailed(errors)
        for meaning, n in not_recorded.items():
            fallback = mapping.consent_missing if meaning == "consent" else repr(NOT_RECORDED)
            self.notes.append(f"{_plural(n, 'case')} with no {meaning}: recorded as {fallback}")

        by_case = {case.guid: (pid, consent) for case, pid, _u, _d, _r, consent in people}
        cases_of_selection: dict[str, list[str]] = {}
        cases_of_source: dict[str, list[str]] = {}
        for case in named:
            for g in case.selections:
                cases_of_selection.setdefault(g, []).append(case.guid)
            for g in case.sources:
                cases_of_source.setdefault(g, []).append(case.guid)

        # coded passages -------------------------------------------------------------------------
        code_guids = {code.guid for code in _all_codes(project.codes)}
        used_codes: set[str] = set()
        skipped: Counter[str] = Counter()
        passages = []  # (selection, source, unit, text, speaker, codings)
        conventions: Counter[str] = Counter()
        dropped_codings = 0
        whole = [src for src in project.sources if src.whole_codings]
        if whole:
            self.notes.append(
                f"{_plural(sum(s.whole_codings for s in whole), 'coding')} of whole sources (no selection) not "
                f"imported, in {', '.join(repr(s.name) for s in whole[:5])}{' and others' if len(whole) > 5 else ''}"
            )
        for src in project.sources:
            bodies_seen: dict[int, str] = {}
            for sel in src.selections:
                if sel.kind not in TEXT_KINDS:
                    skipped[SKIP_WORDS.get(sel.kind, sel.kind)] += 1
                    continue
                if not sel.codings:
                    skipped[SKIP_WORDS["no_code"]] += 1
                    continue
                codings = [(code, user) for code, user in sel.codings if code in code_guids]
                dropped_codings += len(sel.codings) - len(codings)
                if not codings:
                    skipped[SKIP_WORDS["unknown_code"]] += 1
                    continue
                unit = unit_of_source.get(src.guid)
                if unit is None:
                    skipped[SKIP_WORDS["no_session"]] += 1
                    continue
                text, problem = self.texts.get(sel.body)
                if text is None:
                    skipped[problem] += 1
                    continue
                if id(sel.body) not in bodies_seen:
                    same_body = [s for s in src.selections if s.body is sel.body]
                    bodies_seen[id(sel.body)] = line_endings_for(text, same_body, mapping.line_endings, project.origin)
                    if "\r\n" in text:
                        conventions[bodies_seen[id(sel.body)]] += 1
                if bodies_seen[id(sel.body)] == "crlf-as-one":
                    text = text.replace("\r\n", "\n")
                cut = _cut(text, sel.start, sel.end)
                if cut is None:
                    skipped[SKIP_WORDS["outside"]] += 1
                    continue
                cut = cut.replace("\r\n", "\n").replace("\r", "\n").strip()
                if not cut:
                    skipped[SKIP_WORDS["empty"]] += 1
                    continue
                candidates = cases_of_selection.get(sel.guid) or cases_of_source.get(src.guid) or []
                passages.append((sel, src, unit, cut, candidates, codings))
                used_codes.update(code for code, _u in codings)
        if dropped_codings:
            self.notes.append(f"{_plural(dropped_codings, 'coding')} naming codes missing from the codebook left out")
        for convention, n in conventions.items():
            how = "a line break (CR LF) as one character" if convention == "crlf-as-one" else "CR LF as two characters"
            self.notes.append(
                f"{_plural(n, 'source text')} with Windows line breaks: offsets read counting {how} "
                '(set [text] line_endings in a map file if excerpts look shifted)'
            )

        # themes ----------------------------------------------------------------------------------
        themes, n_groups = self._themes(used_codes)
        t_ids = _padded("T", len(themes))
        theme_id = {code.guid: t_ids(i) for i, (code, _g) in enumerate(themes, start=1)}

        # sessions ----------------------------------------------------------------------------------
        wanted_units = {u for _c, _p, u, _d, _r, _k in people} | {p[2] for p in passages}
        kept_units = [u for u in units if u[0] in wanted_units]
        s_ids = _padded("S", len(kept_units))
        session_id = {key: s_ids(i) for i, (key, _n, _v) in enumerate(kept_units, start=1)}
        sv = mapping.sessions
        sessions = {"session_id": [], "title": [], "venue": [], "date": [], "duration_minutes": [], "source_guid": []}
        no_venue = bad_dates = 0
        for key, name, values in kept_units:
            venue = values.get(sv.get("venue") or "", "").strip()
            no_venue += not venue
            date = _date(values.get(sv.get("date") or ""))
            bad_dates += bool(values.get(sv.get("date") or "")) and date is None
            sessions["session_id"].append(session_id[key])
            sessions["title"].append(name)
            sessions["venue"].append(venue or NOT_RECORDED)
            sessions["date"].append(date)
            sessions["duration_minutes"].append(_minutes(values.get(sv.get("duration_minutes") or "")))
            sessions["source_guid"].append(key)
        if no_venue:
            self.notes.append(f"{_plural(no_venue, 'session')} with no venue: recorded as {NOT_RECORDED!r}")
        if bad_dates:
            self.notes.append(f"{_plural(bad_dates, 'session date')} not in YYYY-MM-DD form left empty")

        participants = {"participant_id": [], "session_id": [], "role": [], "discipline": [], "quote_consent": [], "source_guid": []}
        for case, pid, unit, discipline, role, consent in people:
            participants["participant_id"].append(pid)
            participants["session_id"].append(session_id[unit])
            participants["role"].append(role)
            participants["discipline"].append(discipline)
            participants["quote_consent"].append(consent)
            participants["source_guid"].append(case.guid)

        theme_rows = {"theme_id": [], "label": [], "theme_group": [], "description": [], "source_guid": []}
        for code, group in themes:
            theme_rows["theme_id"].append(theme_id[code.guid])
            theme_rows["label"].append(code.name)
            theme_rows["theme_group"].append(group)
            theme_rows["description"].append(code.description)
            theme_rows["source_guid"].append(code.guid)

        # theme codes -------------------------------------------------------------------------------
        e_ids = _padded("E", len(passages))
        c_ids = _padded("C", sum(len(p[5]) for p in passages))
        codes = {k: [] for k in ("code_id", "excerpt_id", "theme_id", "session_id", "participant_id", "activity", "stance", "excerpt", "coder", "selection_guid")}
        shared = withheld = 0
        coders: set[str] = set()
        n_code = 0
        activity_var = sv.get("activity") or ""
        for i, (sel, src, unit, cut, candidates, codings) in enumerate(passages, start=1):
            speaker, text = None, cut
            if len(candidates) == 1:
                speaker = by_case[candidates[0]][0]
            elif len(candidates) > 1:
                shared += 1
                if any(by_case[c][1] != "public" for c in candidates):
                    text = None
                    withheld += 1
            activity = docs.get(src.guid, {}).get(activity_var) if activity_var else None
            for code, user in codings:
                n_code += 1
                coder = project.users.get(user or sel.user or "", user or sel.user)
                if coder:
                    coders.add(coder)
                codes["code_id"].append(c_ids(n_code))
                codes["excerpt_id"].append(e_ids(i))
                codes["theme_id"].append(theme_id[code])
                codes["session_id"].append(session_id[unit])
                codes["participant_id"].append(speaker)
                codes["activity"].append(activity)
                codes["stance"].append(None)
                codes["excerpt"].append(text)
                codes["coder"].append(coder)
                codes["selection_guid"].append(sel.guid)
        if shared:
            self.notes.append(
                f"{_plural(shared, 'passage')} in sources shared by several cases imported as group-level (no single "
                f"speaker); text withheld for {withheld:,} whose cases did not all consent to public quotation"
            )

        tables = {
            "sessions": arrow_table("sessions", sessions),
            "participants": arrow_table("participants", participants),
            "themes": arrow_table("themes", theme_rows),
            "theme_codes": arrow_table("theme_codes", codes),
        }
        n_selections = sum(len(s.selections) for s in project.sources)
        summary = [
            f"read {self.file_name}: project {project.name!r}" + (f" made with {project.origin}" if project.origin else ""),
            f"themes: {len(themes):,} in {_plural(n_groups, 'group')}",
            f"participants: {len(people):,}"
            + (" (ids in case order; set [participants] id = \"case name\" to keep case names)" if mapping.participant_ids == "generated" and people else ""),
            f"sessions: {len(kept_units):,}, one per {'source' if mapping.sessions_from == 'sources' else 'set'}",
            f"selections: {n_selections:,} found, {len(passages):,} imported as {_plural(n_code, 'code application')} "
            f"by {_plural(len(coders), 'coder')}, {sum(skipped.values()):,} skipped" + (":" if skipped else ""),
            *(f"  {n:,} {reason}" for reason, n in skipped.most_common()),
            *(f"note: {note}" for note in self.notes),
        ]
        package = {
            "name": re.sub(r"[^a-z0-9]+", "-", project.name.casefold()).strip("-") or "qdpx-import",
            "title": project.name,
            "description": (
                f"Imported from the REFI-QDA project {self.file_name}"
                + (f" (made with {project.origin})" if project.origin else "")
                + " with the command python -m findings import qdpx."
            ),
            "illustrative": bool(self.illustrative),
            "sources": [{"title": self.file_name, **({"origin": project.origin} if project.origin else {})}],
            "import": {
                "from": "qdpx",
                "file": self.file_name,
                "date": dt.date.today().isoformat(),
                "mapping": mapping.to_toml(),
                "summary": summary,
            },
        }
        return Imported(tables, package, mapping, summary)


def _all_codes(codes: list[Code]):
    for code in codes:
        yield code
        yield from _all_codes(code.children)
