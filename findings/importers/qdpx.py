"""A REFI-QDA project (`.qdpx`: a zip of `project.qde` and `Sources/`) as the contract's tables.

How the standard maps onto the contract:

- codebook -> `themes`: a top-level code with children is a theme group and its codable
  descendants are its themes; a top-level code with no children is a theme in the group
  "Ungrouped"; a code that a coding uses is always a theme; descriptions are kept.
- coded text selections -> `theme_codes`: one row per coding (a code applied by a coder), all
  rows of one passage sharing its `excerpt_id`; selections over the same words of one text are
  one passage. The excerpt is cut from the source text at the selection's start and end, counted
  as the project counts them (`choose_offsets`: Unicode characters or UTF-16 code units, a Windows
  line break as one character or two). The coder's name is kept in `coder`, the source's name in
  `source_id`, and where the passage lies in it in `start` and `end` (contract 1.1).
- a code written in several places of the codebook is one theme, kept in its deepest place.
- named cases -> `participants`, their variables giving discipline, role, session and consent
  (see `mapping`). Nameless cases (MAXQDA's document variables) describe the sources they point to.
- sources (or sets of sources) -> `sessions`; venue, date and duration from document variables.

A passage's speaker is the one named case that refers to the selection, else the one that
refers to its source; with none it is a group-level passage, whose text is kept only when the map
file says `[consent] uncased = "public"` (by default it counts but carries no text: nobody
consented to its quotation). With several (a focus group's transcript), it is imported as
group-level, and its text is kept only when every one of those cases consented to public
quotation, so that no one's words lose their consent on the way.

Selections that are not text (PDF regions, pictures, audio and video clips), or whose text cannot
be found, are skipped and counted in the summary, never silently.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
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
#: A top-level code of this name (any letter case) holding codes named risk, opportunity and mixed
#: is no theme group: coding a selection with one of them gives that stance to the selection's
#: other codings, or, when a passage's selections carry one stance between them, to all of its
#: codings (NVivo writes the stance coding as a selection of its own).
STANCE_GROUP = "stance"
STANCES = {
    "risk": "risk",
    "risks": "risk",
    "opportunity": "opportunity",
    "opportunities": "opportunity",
    "mixed": "mixed",
}
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
    "reversed": "whose end comes before its start",
    "empty": "selecting no text",
    "no_sync": "transcript selection without text positions",
}


# --- the project as read ------------------------------------------------------------------


class Code(NamedTuple):
    """A code of the codebook, with the codes nested under it."""

    guid: str
    name: str
    codable: bool
    description: str | None
    children: list[Code]


@dataclass
class Body:
    """The text some selections are cut from: inline, or a file in the archive.

    Selections of one text share one Body, and it is known by its identity: its text is read once.
    """

    owner: str
    content: str | None
    path: str | None


class Coding(NamedTuple):
    """A code applied to a selection (or a whole source), the user who applied it, and the stance
    the same selection (or passage) was coded with (see STANCE_GROUP)."""

    code: str  # the code's guid
    user: str | None  # the coding user's guid
    stance: str | None = None


class Selection(NamedTuple):
    """A coded region of a source. Only text kinds (see TEXT_KINDS) have a body and positions."""

    guid: str
    kind: str  # "text", "transcript", "no_sync" or the kind of media region ("pdf", "audio"...)
    body: Body | None
    start: int | None
    end: int | None
    name: str
    user: str | None
    codings: list[Coding]


class Source(NamedTuple):
    """A source (text, PDF, picture, audio or video) and the selections coded in it."""

    guid: str
    name: str
    values: dict[str, str]  # its document variables
    selections: list[Selection]
    whole_codings: int  # codings of the whole source, which have no passage to cut


class Case(NamedTuple):
    """A case: named, a participant; nameless (MAXQDA), document variables of its sources."""

    guid: str
    name: str
    values: dict[str, str]
    sources: list[str]  # guids of the sources it refers to
    selections: list[str]  # guids of the selections it refers to


class SourceSet(NamedTuple):
    """A set of sources: one session each with [sessions] from = "sets"."""

    guid: str
    name: str
    members: list[str]  # source guids


@dataclass
class Project:
    name: str
    origin: str
    users: dict[str, str]
    codes: list[Code]
    cases: list[Case]
    sources: list[Source]
    sets: list[SourceSet]
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


def _codings(element: Element) -> list[Coding]:
    out = []
    for coding in element.findall("Coding"):
        ref = coding.find("CodeRef")
        if ref is not None and ref.get("targetGUID"):
            out.append(Coding(ref.get("targetGUID"), coding.get("creatingUser")))
    return out


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _body(element: Element, owner: str) -> Body:
    content = element.find("PlainTextContent")
    return Body(owner, content.text or "" if content is not None else None, element.get("plainTextPath"))


def _selection(s: Element, kind: str, body: Body | None, start: int | None, end: int | None) -> Selection:
    user = s.get("creatingUser")
    # a coding that names no user was made by the selection's: said now, so that two coders'
    # selections over the same words stay two codings once merged into one passage
    codings = [c._replace(user=c.user or user) for c in _codings(s)]
    return Selection(s.get("guid", ""), kind, body, start, end, s.get("name") or "", user, codings)


def _text_selections(element: Element, owner: str) -> list[Selection]:
    """The PlainTextSelections of a text-bearing element (a text source, a representation)."""
    body = _body(element, owner)
    return [
        _selection(s, "text", body, _int(s.get("startPosition")), _int(s.get("endPosition")))
        for s in element.findall("PlainTextSelection")
    ]


def _other_selections(element: Element, tag: str, kind: str) -> list[Selection]:
    return [_selection(s, kind, None, None, None) for s in element.findall(tag)]


def _transcript_selections(element: Element, owner: str) -> list[Selection]:
    out = []
    for transcript in element.findall("Transcript"):
        body = _body(transcript, owner)
        points = {p.get("guid"): _int(p.get("position")) for p in transcript.findall("SyncPoint")}
        for s in transcript.findall("TranscriptSelection"):
            start, end = points.get(s.get("fromSyncPoint")), points.get(s.get("toSyncPoint"))
            kind = "transcript" if start is not None and end is not None else "no_sync"
            out.append(_selection(s, kind, body, start, end))
    return out


def _source(element: Element, variables: dict[str, str]) -> Source | None:
    tag = element.tag
    guid = element.get("guid", "")
    name = (element.get("name") or "").strip() or element.get("guid", "?")
    if tag == "TextSource":
        selections = _text_selections(element, name)
    elif tag == "PDFSource":
        selections = _other_selections(element, "PDFSelection", "pdf")
        for rep in element.findall("Representation"):
            selections += _text_selections(rep, name)
    elif tag == "PictureSource":
        selections = _other_selections(element, "PictureSelection", "picture")
        for rep in element.findall("TextDescription"):
            selections += _text_selections(rep, name)
    elif tag in ("AudioSource", "VideoSource"):
        kind = "audio" if tag == "AudioSource" else "video"
        selections = _other_selections(element, f"{tag[:5]}Selection", kind)
        selections += _transcript_selections(element, name)
    else:
        return None
    return Source(guid, name, _values(element, variables), selections, len(element.findall("Coding")))


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
        raise ImportFailed(
            f"ERROR {PROJECT_FILE} is not a REFI-QDA project "
            f"(its root element is <{root.tag}>, not <Project>)"
        )
    users = {}
    for user in root.findall("Users/User"):
        users[user.get("guid", "")] = user.get("name") or user.get("id") or user.get("guid", "")
    variables = {v.get("guid", ""): (v.get("name") or "").strip() for v in root.findall("Variables/Variable")}
    variables = {guid: name for guid, name in variables.items() if name}
    cases = [
        Case(
            c.get("guid", ""),
            (c.get("name") or "").strip(),
            _values(c, variables),
            [r.get("targetGUID", "") for r in c.findall("SourceRef")],
            [r.get("targetGUID", "") for r in c.findall("SelectionRef")],
        )
        for c in root.findall("Cases/Case")
    ]
    sources = [s for s in (_source(e, variables) for e in root.findall("Sources/*")) if s is not None]
    sets = [
        SourceSet(
            s.get("guid", ""),
            (s.get("name") or "").strip() or s.get("guid", "?"),
            [m.get("targetGUID", "") for m in s.findall("MemberSource")],
        )
        for s in root.findall("Sets/Set")
    ]
    name = (root.get("name") or "").strip()
    if name.casefold() in ("", "untitled", "untitled project", "new project"):
        name = fallback_name  # a placeholder name says less than the file's
    return Project(
        name,
        (root.get("origin") or "").strip(),
        users,
        [_code(c) for c in root.findall("CodeBook/Codes/Code")],
        cases,
        sources,
        sets,
        list(dict.fromkeys(variables.values())),
    )


def _places_of(level: list[Code], path: list[str], ancestors: tuple[int, ...], places: dict) -> None:
    """guid -> (names of its ancestors, their identities, the code) for every place it is written."""
    for code in level:
        places.setdefault(code.guid, []).append((path, ancestors, code))
        _places_of(code.children, [*path, code.name], (*ancestors, id(code)), places)


def _merge_children(kept: Code, other: Code) -> None:
    """`other`'s children under `kept`: one already there (by guid) takes in theirs in turn."""
    by_guid = {child.guid: child for child in kept.children}
    for child in other.children:
        if child is kept:
            continue
        if child.guid in by_guid and by_guid[child.guid] is not child:
            _merge_children(by_guid[child.guid], child)
        elif child.guid not in by_guid:
            kept.children.append(child)
            by_guid[child.guid] = child


def _prune(level: list[Code], drop: set[int]) -> None:
    """Take the codes whose identity is in `drop` out of the tree, in one walk."""
    if drop:
        level[:] = [code for code in level if id(code) not in drop]
        for code in level:
            _prune(code.children, drop)


_ATTRIBUTE = re.compile(r"^\s*([^:]{1,80}?)\s*:\s*(\S.*?)\s*$")


def _attribute(name: str) -> tuple[str, str] | None:
    """("gender", "male") for a document group named "gender: male", else None."""
    match = _ATTRIBUTE.match(name)
    return (match.group(1), match.group(2)) if match else None


def _attribute_of(group: SourceSet, groups: list[SourceSet]) -> tuple[str, str] | None:
    """("gender", "male") for a document group named "gender: male", as ATLAS.ti writes attributes:
    a word before the colon, or a name another group gives another value; "Session 1: Lyon" and
    "Session 2: Paris" are groups of their own (a numbered name, one value each)."""
    pair = _attribute(group.name)
    if pair is None:
        return None
    if not re.search(r"\d\s*$", pair[0]):
        return pair
    named = [p for p in (_attribute(g.name) for g in groups) if p]
    values = {value for name, value in named if name.casefold() == pair[0].casefold()}
    return pair if len(values) > 1 else None


def _agreed(values: list[dict[str, str]]) -> dict[str, str]:
    """The document variables on which every source of a session that has them agrees."""
    agreed = {}
    for key in {k for v in values for k in v}:
        seen = {v[key] for v in values if key in v}
        if len(seen) == 1:
            agreed[key] = seen.pop()
    return agreed


def _holds(code: Code, other: Code) -> bool:
    """Whether `other` is nested somewhere under `code` (the very object, not a code of its guid)."""
    return any(child is other or _holds(child, other) for child in code.children)


def _all_codes(codes: list[Code]):
    for code in codes:
        yield code
        yield from _all_codes(code.children)


# --- text and offsets ----------------------------------------------------------------------


class Loaded(NamedTuple):
    """A body's text, or (text None) the reason it cannot be read, as a line of the summary, and
    the source it concerns, as the summary names it after the reason."""

    text: str | None
    problem: str | None
    where: str | None = None


class _Texts:
    """Source texts read from the archive on first use; a body's problem is kept as its reason."""

    def __init__(self, archive: SafeZip, prefix: tuple[str, ...]):
        self.archive = archive
        self.prefix = prefix
        self._cache: dict[int, Loaded] = {}

    def get(self, body: Body) -> Loaded:
        key = id(body)
        if key not in self._cache:
            self._cache[key] = self._load(body)
        return self._cache[key]

    def _load(self, body: Body) -> Loaded:
        if body.content is not None:
            return Loaded(body.content, None)
        owner = repr(body.owner)
        path = (body.path or "").strip()
        scheme, sep, rest = path.partition("://")
        if not sep:
            return Loaded(None, "in sources with no text", owner)
        if scheme.lower() != "internal":
            return Loaded(
                None, "in sources whose text lies outside the archive, never read", f"{owner} ({scheme}://)"
            )
        if unsafe_name(rest):
            return Loaded(None, "in sources whose text path leaves the archive's folder; refused", owner)
        name = self.archive.find("/".join([*self.prefix, SOURCES_FOLDER, *member_parts(rest)]))
        if name is None:
            return Loaded(None, "in sources whose text file is missing from the archive", f"{owner} ({rest})")
        data = self.archive.read(name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return Loaded(None, "in sources whose text file is not UTF-8 text", owner)
        return Loaded(text.removeprefix("\ufeff"), None)


UNITS = ("code points", "utf-16")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Offsets(NamedTuple):
    """How a project's selection positions count: in Unicode code points (the standard's wording,
    as QualCoder and ATLAS.ti count) or UTF-16 code units (as NVivo counts: an emoji is two), and a
    Windows line break (CR LF) as two characters or one."""

    units: str = "code points"
    line_endings: str = "as-is"

    def words(self) -> str:
        units = "UTF-16 code units" if self.units == "utf-16" else "Unicode characters"
        breaks = (
            "a line break (CR LF) as one character"
            if self.line_endings == "crlf-as-one"
            else ("CR LF as two characters")
        )
        return f"{units}, {breaks}"


class Cut(NamedTuple):
    """A selection's text, and where it lies in its source's text with every line break one
    character (CR LF, CR and LF alike), in code points: the `start` and `end` the export keeps."""

    text: str
    start: int
    end: int


class _Prepared:
    """A source text read under one Offsets: folded if CR LF counts as one, with where its
    characters outside the Basic Multilingual Plane and its CR LF pairs lie."""

    def __init__(self, text: str, offsets: Offsets):
        self.text = text.replace("\r\n", "\n") if offsets.line_endings == "crlf-as-one" else text
        self.utf16 = offsets.units == "utf-16"
        self.astral: list[int] = []  # the UTF-16 position of each character that takes two units
        if self.utf16:
            for i, match in enumerate(_ASTRAL.finditer(self.text)):
                self.astral.append(match.start() + i)
        self.crlf = [m.start() for m in re.finditer("\r\n", self.text)]

    def length(self) -> int:
        return len(self.text) + len(self.astral)

    def point(self, position: int) -> int:
        """A position as counted by the project, as a code point index into self.text (a position
        inside a surrogate pair falls to the start of its character)."""
        return position - bisect.bisect_left(self.astral, position) if self.utf16 else position

    def folded(self, point: int) -> int:
        """A code point index into self.text as an index into it with every CR LF one character."""
        return point - bisect.bisect_left(self.crlf, point)  # each CR of a CR LF before it

    def cut(self, start: int | None, end: int | None) -> Cut | None:
        if start is None or end is None or start < 0 or end < start or end > self.length():
            return None
        a, b = self.point(start), self.point(end)
        raw = self.text[a:b]
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        return Cut(stripped, self.folded(a) + lead, self.folded(a) + lead + len(stripped))

    def on_word_edges(self, start: int | None, end: int | None) -> bool:
        """Whether a selection starts and ends between words (not inside one), as counted."""
        if start is None or end is None or start < 0 or end < start or end > self.length():
            return False
        a, b, t = self.point(start), self.point(end), self.text
        inside = lambda i: 0 < i < len(t) and t[i - 1].isalnum() and t[i].isalnum()  # noqa: E731
        return not inside(a) and not inside(b)


def _agreement(name: str, cut: str | None) -> int:
    """How well a selection's name (often its text, or the start of it) agrees with the text cut
    for it: 2 the same words, 1 the same start, 0 no agreement."""
    if not cut:
        return 0
    a, b = " ".join(name.split()), " ".join(cut.split())
    if len(a) >= 4 and a == b:
        return 2
    return int(len(a) >= 4 and b.startswith(a[:20]))


class OffsetsChoice(NamedTuple):
    """The Offsets an import reads positions with, and why, as the summary says it."""

    offsets: Offsets
    why: str  # "" when no text is affected (no CR LF, nothing outside the BMP)
    share: float | None  # of the selections in affected texts, those on word edges as read
    selections: int  # how many selections lie in affected texts


def default_offsets(origin: str) -> Offsets:
    """What the producing program is known to count, for a project that gives no evidence."""
    tool = origin.casefold()
    if "nvivo" in tool:
        return Offsets("utf-16", "as-is")
    if "atlas" in tool:
        return Offsets("code points", "crlf-as-one")
    return Offsets()


def choose_offsets(
    pairs: list[tuple[str, Selection]], units: str, line_endings: str, origin: str
) -> OffsetsChoice:
    """Decide, once for the whole project, how its positions count, from every coded text
    selection and its source text (`pairs`). `units` and `line_endings` are the map file's
    ("auto" to decide). Only texts where the choice matters are weighed (those with CR LF or a
    character outside the Basic Multilingual Plane): first the selections whose names agree with
    the text cut for them, else the share of selections that start and end between words, else the
    producing program's habit."""
    matters: dict[int, bool] = {}  # id(text) -> whether the way of counting changes its cuts
    affected: list[tuple[str, Selection]] = []
    astral = crlf = False
    for text, sel in pairs:
        key = id(text)
        if key not in matters:
            has_astral, has_crlf = bool(_ASTRAL.search(text)), "\r\n" in text
            astral, crlf = astral or has_astral, crlf or has_crlf
            matters[key] = has_astral or has_crlf
        if matters[key]:
            affected.append((text, sel))
    default = default_offsets(origin)
    unit_options = [units] if units != "auto" else (list(UNITS) if astral else [default.units])
    if line_endings != "auto":
        ending_options = [line_endings]
    else:
        ending_options = ["as-is", "crlf-as-one"] if crlf else [default.line_endings]
    candidates = [Offsets(u, e) for u in unit_options for e in ending_options]
    if not affected:
        return OffsetsChoice(candidates[0] if len(candidates) == 1 else default, "", None, 0)
    prepared: dict[tuple[int, Offsets], _Prepared] = {}

    def view(text: str, offsets: Offsets) -> _Prepared:
        key = (id(text), offsets)
        if key not in prepared:
            prepared[key] = _Prepared(text, offsets)
        return prepared[key]

    names: dict[Offsets, int] = {}
    matching: dict[Offsets, int] = {}
    shares: dict[Offsets, float] = {}
    for offsets in candidates:
        agree = matched = edges = 0
        for text, sel in affected:
            v = view(text, offsets)
            if sel.name:
                found = v.cut(sel.start, sel.end)
                score = _agreement(sel.name, found.text if found else None)
                agree, matched = agree + score, matched + (score > 0)
            edges += v.on_word_edges(sel.start, sel.end)
        names[offsets], matching[offsets], shares[offsets] = agree, matched, edges / len(affected)
    given = units != "auto" and line_endings != "auto"
    best_names = max(names.values())
    by_names = [o for o in candidates if names[o] == best_names]
    by_share = sorted(by_names, key=lambda o: shares[o], reverse=True)
    n = len(affected)
    if len(candidates) == 1:
        chosen, why = candidates[0], "as the map file says" if given else "the only way left open"
    elif len(by_names) == 1:
        chosen = by_names[0]
        named = sum(1 for _text, sel in affected if sel.name)
        why = f"decided from selection names: {matching[chosen]:,} of {named:,} match the text cut this way"
    elif shares[by_share[0]] - shares[by_share[1]] >= 0.05:
        chosen = by_share[0]
        others = max(shares[o] for o in candidates if o != chosen)
        why = (
            f"decided from word boundaries: {shares[chosen]:.0%} of {n:,} selections start and end "
            f"between words this way, {others:.0%} at best otherwise"
        )
    else:
        chosen = default if default in by_names else by_names[0]
        why = f"no evidence either way, so what {origin} writes" if origin else "no evidence either way"
    return OffsetsChoice(chosen, why, shares[chosen], n)


# --- the import: rows passed between its steps ---------------------------------------------


@dataclass
class Imported:
    tables: dict[str, pa.Table]
    package: dict
    mapping: Mapping
    summary: list[str]


class Unit(NamedTuple):
    """A session candidate: a source, or a set of sources, with the document variables it has."""

    key: str  # the source's or the set's guid
    name: str
    values: dict[str, str]


class Unplaced(NamedTuple):
    """A case whose session cannot be told, and why, as shown in the error."""

    case: str  # the case's name
    why: str


class Participant(NamedTuple):
    """A named case as a row of `participants`; `unit` is the key of its session's Unit."""

    case: Case
    participant_id: str
    unit: str | None
    discipline: str
    role: str
    consent: str | None


class Skipped(NamedTuple):
    """A selection that is not imported, and why, as counted in the summary (with the source, when
    the reason is about one)."""

    reason: str
    where: str | None = None


class Passage(NamedTuple):
    """A coded text selection cut from its source, ready to become rows of `theme_codes`."""

    selection: Selection
    source: Source
    unit: str  # the key of its session's Unit
    text: str
    speakers: list[str]  # guids of the named cases that refer to it (or else to its source)
    codings: list[Coding]  # those naming a code of the codebook
    start: int  # where the text lies in its source's text (see Cut)
    end: int
    stances: tuple[str, ...] = ()  # those of its selections coded with a stance alone (STANCE_GROUP)


class Theme(NamedTuple):
    """A code that becomes a row of `themes`, the theme group it is placed in, and the names of
    its ancestors ("Feelings > Joy"; empty at the top)."""

    code: Code
    group: str
    path: str = ""


def _padded(prefix: str, n: int):
    width = len(str(max(n, 1)))
    return lambda i: f"{prefix}{i:0{width}d}"


def _ids(prefix: str, keys: list[str]) -> dict[str, str]:
    """Key -> an id numbered in the keys' order (T1... or T01...), padded to the same width."""
    new_id = _padded(prefix, len(keys))
    return {key: new_id(i) for i, key in enumerate(keys, start=1)}


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
    nested = [
        n
        for n in archive.names()
        if len(member_parts(n)) == 2 and member_parts(n)[1].casefold() == PROJECT_FILE
    ]
    if len(nested) == 1:
        return nested[0], member_parts(nested[0])[:1]
    raise ImportFailed(
        f"ERROR {what} holds no {PROJECT_FILE}, so it is not a REFI-QDA project export (.qdpx)"
    )


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
    _refuse_bare_project(source, file_name)
    with SafeZip(source, file_name, limits) as archive:
        stored, prefix = _locate_project(archive, file_name)
        root = xmlsafe.parse(archive.read(stored), PROJECT_FILE)
        project = parse_project(root, Path(file_name).stem)
        return _Builder(project, archive, prefix, raw_mapping, file_name, illustrative).build()


def _refuse_bare_project(source: Path | bytes, file_name: str) -> None:
    """A project.qde on its own (XML, not a zip) is refused with how to make the .qdpx."""
    if isinstance(source, (bytes, bytearray)):
        head = bytes(source[:64])
    else:
        try:
            with Path(source).open("rb") as fh:
                head = fh.read(64)
        except OSError:
            return  # SafeZip says what is wrong with the file
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
        raise ImportFailed(
            f"ERROR {file_name} is a REFI-QDA project file on its own (XML), not a .qdpx archive: the "
            f"texts it codes are in the folder beside it. Zip the two together, {PROJECT_FILE} at the "
            "top and the folder of texts as Sources/ (NVivo for Mac and MAXQDA name it sources/), for "
            "example: zip -r project.qdpx project.qde Sources; or export a .qdpx from the program"
        )


# --- the import: its steps -----------------------------------------------------------------


def _unit_named(wanted: str, unit_names: dict[str, str]) -> str | None:
    """The key of the one session named `wanted` (exactly, else ignoring case); None unless one."""
    matches = [key for key, name in unit_names.items() if name == wanted] or [
        key for key, name in unit_names.items() if name.casefold() == wanted.casefold()
    ]
    return matches[0] if len(matches) == 1 else None


def _units_referred(
    case: Case, unit_of_source: dict[str, str], source_of_selection: dict[str, str]
) -> set[str]:
    """The sessions of the sources a case refers to, directly or through their selections."""
    refs = {unit_of_source.get(g) for g in case.sources} | {
        unit_of_source.get(source_of_selection.get(g, "")) for g in case.selections
    }
    refs.discard(None)
    return refs


def _consent_value(given: str, mapping: Mapping) -> str | None:
    """A case's consent value as public/research/none, by the map file or as written; None if neither."""
    consent = mapping.consent_values.get(given.casefold())
    if consent is None and given.casefold() in CONSENT_VALUES:
        consent = given.casefold()
    return consent


def _speakers(cases: list[Case]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Selection guid -> guids of the cases that refer to it; the same for source guids."""
    of_selection: dict[str, list[str]] = {}
    of_source: dict[str, list[str]] = {}
    for case in cases:
        for g in case.selections:
            of_selection.setdefault(g, []).append(case.guid)
        for g in case.sources:
            of_source.setdefault(g, []).append(case.guid)
    return of_selection, of_source


def _chosen_sessions(units: list[Unit], people: list[Participant], passages: list[Passage]) -> list[Unit]:
    """The units that become sessions: those someone sits in or a passage comes from, in unit order."""
    wanted = {p.unit for p in people} | {p.unit for p in passages}
    return [u for u in units if u.key in wanted]


def _source_ids(sources: list[Source]) -> dict[str, str]:
    """Source guid -> the name the researcher gave it, made unique with a number when two share one."""
    seen: Counter[str] = Counter(src.name for src in sources)
    counted: Counter[str] = Counter()
    out = {}
    for src in sources:
        counted[src.name] += 1
        out[src.guid] = src.name if seen[src.name] == 1 else f"{src.name} ({counted[src.name]})"
    return out


def _participants_table(people: list[Participant], session_id: dict[str, str]) -> pa.Table:
    """The participants as `participants`, each with its session's id and its case's guid."""
    columns = {
        k: [] for k in ("participant_id", "session_id", "role", "discipline", "quote_consent", "source_guid")
    }
    for person in people:
        columns["participant_id"].append(person.participant_id)
        columns["session_id"].append(session_id[person.unit])
        columns["role"].append(person.role)
        columns["discipline"].append(person.discipline)
        columns["quote_consent"].append(person.consent)
        columns["source_guid"].append(person.case.guid)
    return arrow_table("participants", columns)


def _themes_table(themes: list[Theme], theme_id: dict[str, str]) -> pa.Table:
    """The themes as `themes`, each with its code's name, description and guid."""
    columns = {k: [] for k in ("theme_id", "label", "theme_group", "description", "path", "source_guid")}
    for theme in themes:
        columns["path"].append(theme.path or None)
        columns["theme_id"].append(theme_id[theme.code.guid])
        columns["label"].append(theme.code.name)
        columns["theme_group"].append(theme.group)
        columns["description"].append(theme.code.description)
        columns["source_guid"].append(theme.code.guid)
    return arrow_table("themes", columns)


class _Builder:
    """One import: the steps that turn a parsed project into tables, collecting notes as they go.

    Each step appends its notes to `self.notes`, which the summary lists in the order they came.
    """

    def __init__(
        self, project: Project, archive: SafeZip, prefix, raw_mapping, file_name: str, illustrative: bool
    ):
        self.project = project
        self.texts = _Texts(archive, prefix)
        self.raw_mapping = raw_mapping
        self.file_name = file_name
        self.illustrative = illustrative
        self.notes: list[str] = []
        self.offsets = OffsetsChoice(Offsets(), "", None, 0)  # decided by _passages
        self._prepared: dict[int, _Prepared] = {}  # id(text) -> the text read under self.offsets
        self._skipped_where: dict[str, dict[str, None]] = {}  # reason -> the sources it concerns
        self.stance_of: dict[str, str] = {}  # guid of a stance code -> its stance (_stance_codes)

    def build(self) -> Imported:
        """The whole import: the project's contract tables, its summary and its descriptor.

        Codebook -> themes, sources -> passages, cases and variables -> participants, and the
        sessions they share; the steps run in this order so that their notes keep it too.
        """
        self.project.codes = self._unique_codes(self.project.codes)
        self.stance_of = self._stance_codes()
        docs = self._document_values()
        cases = [c for c in self.project.cases if c.name]
        mapping = self._mapping(cases, docs)
        mapping.sessions_from = self._sessions_from(mapping, cases, docs)
        units, unit_of_source = self._units(mapping, docs, cases)
        people = self._participants(cases, mapping, units, unit_of_source)
        passages, skipped = self._passages(cases, mapping, unit_of_source)
        themes = self._themes(
            {coding.code for passage in passages for coding in passage.codings}, mapping.group_level
        )
        sessions = _chosen_sessions(units, people, passages)
        theme_id = _ids("T", [theme.code.guid for theme in themes])
        session_id = _ids("S", [unit.key for unit in sessions])
        tables = {
            "sessions": self._sessions_table(sessions, session_id, mapping),
            "participants": _participants_table(people, session_id),
            "themes": _themes_table(themes, theme_id),
            "theme_codes": self._theme_codes_table(passages, people, theme_id, session_id, docs, mapping),
        }
        summary = self._summary(tables, mapping, passages, skipped)
        return Imported(tables, self._package(mapping, summary), mapping, summary)

    # -- codebook ---------------------------------------------------------------------------
    def _unique_codes(self, codes: list[Code]) -> list[Code]:
        """The codebook with each code once. QualCoder writes a sub-code both under its parent and
        again under the parent's category: the deepest place is kept (a code nested inside itself
        keeps its outer place, so that nothing moves under itself), the other places' children
        are merged into it, and the summary names each code written twice and where it was kept.
        Each pass takes out every doubled code at once; merged children can double again, which
        the next pass settles."""
        twice: list[str] = []

        def where(path: list[str]) -> str:
            return " > ".join(path) or "the top level"

        for _ in range(sum(1 for _code in _all_codes(codes)) + 1):
            places: dict[str, list[tuple[list[str], tuple[int, ...], Code]]] = {}
            _places_of(codes, [], (), places)
            doubled = [found for found in places.values() if len(found) > 1]
            if not doubled:
                break
            drop: set[int] = set()
            for found in doubled:
                if any(id(place[2]) in drop for place in found):
                    continue  # moved by this pass: settled by the next
                same = {id(place[2]) for place in found}
                outer = [place for place in found if same.isdisjoint(place[1])]
                kept_path, _ancestors, kept = max(outer, key=lambda place: len(place[0]))
                for path, _ancestors, code in found:
                    if code is kept:
                        continue
                    twice.append(f"{code.name!r} (under {where(path)} and under {where(kept_path)})")
                    drop.add(id(code))
                    _merge_children(kept, code)
            _prune(codes, drop)
        if twice:
            self.notes.append(
                f"{_plural(len(twice), 'code')} written more than once in the codebook, each kept once, "
                f"in its deepest place: {'; '.join(twice[:5])}{' and others' if len(twice) > 5 else ''}"
            )
        return codes

    # -- variables and mapping ------------------------------------------------------------
    def _document_values(self) -> dict[str, dict[str, str]]:
        """Source guid -> its document variables: its own, then those of nameless cases naming it."""
        values = {s.guid: dict(s.values) for s in self.project.sources}
        # ATLAS.ti exports document attributes as groups of documents named "gender: male"
        attributes = set()
        for group in self.project.sets:
            pair = _attribute_of(group, self.project.sets)
            if pair:
                attributes.add(pair[0])
                for guid in group.members:
                    if guid in values:
                        values[guid].setdefault(*pair)
        if attributes:
            self.notes.append(
                f"{_plural(len(attributes), 'document variable')} read from document groups named "
                f"'name: value' (as ATLAS.ti writes them): {', '.join(map(repr, sorted(attributes)))}"
            )
        nameless = [c for c in self.project.cases if not c.name]
        for case in nameless:
            for guid in case.sources:
                if guid in values:
                    for key, value in case.values.items():
                        values[guid].setdefault(key, value)
        if nameless:
            self.notes.append(
                f"{_plural(len(nameless), 'nameless case')} read as document variables of their sources"
            )
        return values

    def _ordered(self, names: set[str]) -> list[str]:
        """Variable names in the order the project defines them, any others after, by name."""
        order = {name: i for i, name in enumerate(self.project.variables)}
        return sorted(names, key=lambda n: (order.get(n, len(order)), n))

    def _mapping(self, cases: list[Case], docs: dict[str, dict[str, str]]) -> Mapping:
        """The map file checked against the variables of the named cases and of the sources, and
        completed by guessing (see `mapping.resolve`)."""
        case_vars = self._ordered({k for c in cases for k in c.values})
        doc_vars = self._ordered({k for v in docs.values() for k in v})
        return mapping_module.resolve(self.raw_mapping, case_vars, doc_vars, has_cases=bool(cases))

    # -- sessions ---------------------------------------------------------------------------
    def _sessions_from(self, mapping: Mapping, cases: list[Case], docs: dict[str, dict[str, str]]) -> str:
        """Where sessions come from, when the map file leaves it to "auto": a document variable
        naming the session, or a case variable whose values are not the names of sources, makes one
        session per value ("variable"); cases that refer to no source and carry no session (as
        QualCoder exports them) make one session of the whole project ("project"); else one session
        per source. Said in the summary with how to choose otherwise."""
        if mapping.sessions_from != "auto":
            return mapping.sessions_from
        case_var = mapping.participants.get("session")
        sources = {src.name.casefold() for src in self.project.sources}
        if mapping.sessions.get("session"):
            chosen, why = "variable", f"the document variable {mapping.sessions['session']!r}"
        elif case_var and any(
            (c.values.get(case_var) or "").strip().casefold() not in sources
            for c in cases
            if (c.values.get(case_var) or "").strip()
        ):
            chosen, why = "variable", f"the case variable {case_var!r}, whose values are not source names"
        elif cases and not case_var and not any(c.sources or c.selections for c in cases):
            chosen, why = "project", "no case refers to a source and none carries a session"
        else:
            return "sources"
        said = f"one per value of {why}" if chosen == "variable" else f"one for the whole project, as {why}"
        self.notes.append(
            f"sessions: {said}"
            ' (choose with [sessions] from = "sources", "sets", "variable" or "project" in a map file)'
        )
        return chosen

    def _units(
        self, mapping: Mapping, docs: dict[str, dict[str, str]], cases: list[Case]
    ) -> tuple[list[Unit], dict[str, str]]:
        """Reads the sources (or the sets, the values of the session variables, or the project as
        a whole, as mapping.sessions_from says) and their document variables; returns the session
        candidates and each source's unit key (a source whose session cannot be told has none)."""
        sources = self.project.sources
        if mapping.sessions_from == "sources":
            units = [Unit(s.guid, s.name, docs.get(s.guid, {})) for s in sources]
            return units, {s.guid: s.guid for s in sources}
        if mapping.sessions_from == "project":
            unit = Unit("project", self.project.name, _agreed([docs.get(s.guid, {}) for s in sources]))
            return [unit], {s.guid: unit.key for s in sources}
        if mapping.sessions_from == "variable":
            return self._units_by_value(mapping, docs, cases)
        return self._units_by_set(docs)

    def _units_by_value(
        self, mapping: Mapping, docs: dict[str, dict[str, str]], cases: list[Case]
    ) -> tuple[list[Unit], dict[str, str]]:
        """One session per value of the session variables (the same value in any letter case is
        one session): a source's is its document variable's value, else the one session of the cases
        that refer to it; a lone value is the session of every source."""
        doc_var = mapping.sessions.get("session") or ""
        case_var = mapping.participants.get("session") or ""
        names: dict[str, str] = {}  # key -> the first spelling met

        def key_of(value: str | None) -> str | None:
            value = (value or "").strip()
            if not value:
                return None
            key = "value:" + value.casefold()
            names.setdefault(key, value)
            return key

        unit_of: dict[str, str] = {}
        for src in self.project.sources:
            key = key_of(docs.get(src.guid, {}).get(doc_var)) if doc_var else None
            if key:
                unit_of[src.guid] = key
        source_of_selection = {sel.guid: src.guid for src in self.project.sources for sel in src.selections}
        told: dict[str, set[str]] = {}
        for case in cases:
            key = key_of(case.values.get(case_var)) if case_var else None
            if key is None:
                continue
            for guid in {*case.sources, *(source_of_selection.get(g, "") for g in case.selections)}:
                told.setdefault(guid, set()).add(key)
        for guid, keys in told.items():
            if guid not in unit_of and len(keys) == 1:
                unit_of[guid] = next(iter(keys))
        if not names:
            raise ImportFailed(
                "ERROR sessions: sessions are to come from the session variables, but no case and no "
                "source has a value for them; name them in a map file ([participants] session = "
                '"..." for a case variable, [sessions] session = "..." for a document variable) or '
                'choose [sessions] from = "sources" or "project"'
            )
        if len(names) == 1:
            lone = next(iter(names))
            unit_of = {src.guid: lone for src in self.project.sources}
        units = [
            Unit(key, name, _agreed([docs.get(g, {}) for g, k in unit_of.items() if k == key]))
            for key, name in names.items()
        ]
        return units, unit_of

    def _units_by_set(self, docs: dict[str, dict[str, str]]) -> tuple[list[Unit], dict[str, str]]:
        """One session per set of sources; a source in two sets is refused, naming both."""
        unit_of: dict[str, str] = {}
        set_name: dict[str, str] = {}
        clashes: dict[str, list[str]] = {}  # source name -> the sets it is in
        units = []
        names = {s.guid: s.name for s in self.project.sources}
        for guid, name, members in self.project.sets:
            members = [m for m in members if m in names]
            if not members:
                continue  # sessions from sets: every set is one, whatever its name
            units.append(Unit(guid, name, _agreed([docs.get(m, {}) for m in members])))
            set_name[guid] = name
            for member in members:
                if member in unit_of and unit_of[member] != guid:
                    clashes.setdefault(names[member], [set_name[unit_of[member]]]).append(name)
                unit_of[member] = guid
        if not units:
            raise ImportFailed(
                'ERROR mapping: [sessions] from = "sets", but the project has no set of sources'
            )
        if clashes:
            shown = "; ".join(
                f"{source!r} is in {' and '.join(map(repr, dict.fromkeys(sets)))}"
                for source, sets in sorted(clashes.items())[:5]
            )
            raise ImportFailed(
                f"ERROR sessions: with sessions from sets, each source must be in one set, but the sets "
                f"overlap: {shown}{' and more' if len(clashes) > 5 else ''}"
            )
        return units, unit_of

    def _sessions_table(self, sessions: list[Unit], session_id: dict[str, str], mapping: Mapping) -> pa.Table:
        """The chosen sessions as `sessions`: venue, date and duration from their document variables."""
        names = mapping.sessions
        columns = {k: [] for k in ("session_id", "title", "venue", "date", "duration_minutes", "source_guid")}
        no_venue = bad_dates = 0
        for unit in sessions:
            venue = unit.values.get(names.get("venue") or "", "").strip()
            no_venue += not venue
            date = _date(unit.values.get(names.get("date") or ""))
            bad_dates += bool(unit.values.get(names.get("date") or "")) and date is None
            columns["session_id"].append(session_id[unit.key])
            columns["title"].append(unit.name)
            columns["venue"].append(venue or NOT_RECORDED)
            columns["date"].append(date)
            columns["duration_minutes"].append(_minutes(unit.values.get(names.get("duration_minutes") or "")))
            columns["source_guid"].append(unit.key)
        if no_venue:
            self.notes.append(f"{_plural(no_venue, 'session')} with no venue: recorded as {NOT_RECORDED!r}")
        if bad_dates:
            self.notes.append(f"{_plural(bad_dates, 'session date')} not in YYYY-MM-DD form left empty")
        return arrow_table("sessions", columns)

    # -- participants -------------------------------------------------------------------------
    def _participants(
        self, cases: list[Case], mapping: Mapping, units: list[Unit], unit_of_source: dict[str, str]
    ) -> list[Participant]:
        """Reads the named cases, their variables (through the mapping) and the sources they refer
        to; returns one Participant per case, in case order. Raises ImportFailed listing every case
        whose session or consent cannot be told."""
        unit_names = {unit.key: unit.name for unit in units}
        source_of_selection = {sel.guid: src.guid for src in self.project.sources for sel in src.selections}
        session_var = mapping.participants.get("session")
        new_id = _padded("P", len(cases))
        people = []
        unknown_consent: Counter[str] = Counter()
        not_recorded: Counter[str] = Counter()
        unmatched: list[Unplaced] = []
        undetermined: list[Unplaced] = []
        for i, case in enumerate(cases, start=1):
            wanted = case.values.get(session_var) if session_var else None
            if len(units) == 1 and mapping.sessions_from in ("project", "variable"):
                unit = units[0].key  # one session: everyone was in it
            elif wanted:
                unit = _unit_named(wanted.strip(), unit_names)
                if unit is None:
                    unmatched.append(Unplaced(case.name, repr(wanted)))
            else:
                refs = _units_referred(case, unit_of_source, source_of_selection)
                unit = refs.pop() if len(refs) == 1 else None
                if unit is None:
                    undetermined.append(Unplaced(case.name, f"{len(refs)} sessions" if refs else "no source"))
            if mapping.consent_everyone:
                consent = mapping.consent_everyone
            else:
                given = case.values.get(mapping.participants["consent"] or "", "").strip()
                if not given:
                    consent = mapping.consent_missing
                    not_recorded["consent"] += 1
                else:
                    consent = _consent_value(given, mapping)
                    if consent is None:
                        unknown_consent[given] += 1
            fields = {}
            for meaning in ("discipline", "role"):
                value = case.values.get(mapping.participants[meaning] or "", "").strip()
                if not value:
                    not_recorded[meaning] += 1
                fields[meaning] = value or NOT_RECORDED
            pid = case.name if mapping.participant_ids == "case name" else new_id(i)
            people.append(Participant(case, pid, unit, fields["discipline"], fields["role"], consent))

        errors: list[str] = []
        if unmatched:
            shown = ", ".join(f"{u.case!r} ({u.why})" for u in unmatched[:8])
            errors.append(
                f"ERROR participants: {_plural(len(unmatched), 'case')} name a session that is no "
                f"{'source' if mapping.sessions_from == 'sources' else 'set'}: {shown}; sessions are: "
                f"{', '.join(map(repr, unit_names.values()))}; "
                '[sessions] from = "variable" in a map file makes one session per value instead'
            )
        if undetermined:
            case_vars = self._ordered({k for c in cases for k in c.values})
            shown = ", ".join(f"{u.case!r} ({u.why})" for u in undetermined[:8])
            errors.append(
                f"ERROR participants: cannot tell the session of {_plural(len(undetermined), 'case')}: "
                f"{shown}; "
                'name the case variable that holds it in a map file: [participants] session = "..." '
                f"(case variables: {', '.join(map(repr, case_vars)) or 'none'}), "
                'or make the whole project one session with [sessions] from = "project"'
            )
        if unknown_consent:
            shown = ", ".join(f"{v!r} ({n})" for v, n in unknown_consent.most_common(8))
            errors.append(
                f"ERROR participants: consent variable {mapping.participants['consent']!r} holds values "
                f"other than public/research/none: {shown}; say what each means in a map file, e.g. "
                '[consent] values = { "Yes" = "public", "No" = "none" }'
            )
        if mapping.participant_ids == "case name":
            doubled = [n for n, k in Counter(c.name for c in cases).items() if k > 1]
            if doubled:
                errors.append(
                    f"ERROR participants: several cases are named {', '.join(map(repr, doubled[:5]))}; "
                    'use id = "generated"'
                )
        if errors:
            raise ImportFailed(errors)
        for meaning in ("discipline", "role"):
            if meaning in mapping.absent | mapping.unfound:
                not_recorded.pop(meaning, None)
                how = (
                    f"[participants] {meaning} = false"
                    if meaning in mapping.absent
                    else f'no case variable looks like it; name it with [participants] {meaning} = "..." '
                    f"or say there is none with {meaning} = false"
                )
                self.notes.append(
                    f"{meaning}: not recorded in this project, so {NOT_RECORDED!r} for everyone ({how})"
                )
        if not mapping.consent_everyone and ("consent" in mapping.absent or "consent" in mapping.unfound):
            not_recorded.pop("consent", None)
            self.notes.append(
                f"consent: no case variable records it, so every case is {mapping.consent_missing!r}"
                + (" (nobody's words are quoted)" if mapping.consent_missing == "none" else "")
                + '; name it with [participants] consent = "...", or give everyone the same with '
                '[consent] everyone = "public" (or "research") in a map file'
            )
        for meaning, n in not_recorded.items():
            fallback = mapping.consent_missing if meaning == "consent" else repr(NOT_RECORDED)
            self.notes.append(f"{_plural(n, 'case')} with no {meaning}: recorded as {fallback}")
        return people

    # -- passages ---------------------------------------------------------------------------
    def _passages(
        self, cases: list[Case], mapping: Mapping, unit_of_source: dict[str, str]
    ) -> tuple[list[Passage], Counter[str]]:
        """Reads every source's selections and the texts they are cut from; returns the passages
        that can be imported, in source order, and how many selections were skipped, by reason."""
        whole = [src for src in self.project.sources if src.whole_codings]
        if whole:
            self.notes.append(
                f"{_plural(sum(s.whole_codings for s in whole), 'coding')} of whole sources (no selection) "
                f"not imported, in {', '.join(repr(s.name) for s in whole[:5])}"
                f"{' and others' if len(whole) > 5 else ''}"
            )
        known = {code.guid for code in _all_codes(self.project.codes)}
        speakers = _speakers(cases)
        self.offsets = self._choose_offsets(mapping)
        found_by_span: dict[tuple, int] = {}  # (source text, start, end) -> index in passages
        passages: list[Passage] = []
        skipped: Counter[str] = Counter()
        dropped_codings = merged = 0
        for src in self.project.sources:
            for sel in src.selections:
                if sel.kind not in TEXT_KINDS:
                    found = Skipped(SKIP_WORDS.get(sel.kind, sel.kind))
                elif not sel.codings:
                    found = Skipped(SKIP_WORDS["no_code"])
                else:
                    stances = tuple(
                        dict.fromkeys(self.stance_of[c.code] for c in sel.codings if c.code in self.stance_of)
                    )
                    codings = [coding for coding in sel.codings if coding.code in known]
                    dropped_codings += sum(
                        1 for c in sel.codings if c.code not in known and c.code not in self.stance_of
                    )
                    if len(stances) == 1:  # the selection's stance goes with its other codings
                        codings = [c._replace(stance=c.stance or stances[0]) for c in codings]
                    # a selection coded with a stance and no theme (NVivo writes one per code) gives
                    # its stance to its passage
                    alone = () if codings else stances
                    found = self._passage(sel, src, codings, unit_of_source.get(src.guid), speakers, alone)
                if isinstance(found, Skipped):
                    skipped[found.reason] += 1
                    if found.where:
                        self._skipped_where.setdefault(found.reason, {})[found.where] = None
                    continue
                # NVivo and QualCoder write one selection per code applied, and two coders coding
                # the same words write two: one span of one text is one passage with all its codings
                span = (id(self.texts.get(sel.body).text), found.start, found.end)
                if span in found_by_span:
                    merged += 1
                    i = found_by_span[span]
                    passages[i] = passages[i]._replace(
                        codings=list(dict.fromkeys([*passages[i].codings, *found.codings])),
                        speakers=list(dict.fromkeys([*passages[i].speakers, *found.speakers])),
                        stances=tuple(dict.fromkeys([*passages[i].stances, *found.stances])),
                    )
                else:
                    found_by_span[span] = len(passages)
                    passages.append(found)
        if dropped_codings:
            self.notes.append(
                f"{_plural(dropped_codings, 'coding')} naming codes missing from the codebook left out"
            )
        passages = self._stances(passages, skipped)
        if merged:
            self.notes.append(
                f"{_plural(merged, 'selection')} over words another selection already covers "
                "(one per code or coder, as NVivo and QualCoder write them) merged into its passage"
            )
        return passages, skipped

    def _stances(self, passages: list[Passage], skipped: Counter[str]) -> list[Passage]:
        """A passage whose selections coded with a stance alone carry one stance between them gives
        it to every coding that has none; a passage coded with a stance and nothing else is
        skipped (counted)."""
        out = []
        for passage in passages:
            if not passage.codings:
                skipped["coded only with a stance"] += 1
                continue
            if len(passage.stances) == 1:
                lone = passage.stances[0]
                passage = passage._replace(
                    codings=[c._replace(stance=c.stance or lone) for c in passage.codings]
                )
            out.append(passage)
        return out

    def _stance_codes(self) -> dict[str, str]:
        """The codes under a top-level code named "Stance", by guid -> the stance they mean; the
        group itself is taken out of the codebook (it is no theme group)."""
        found: dict[str, str] = {}
        for top in list(self.project.codes):
            if top.name.strip().casefold() != STANCE_GROUP:
                continue
            meant = {c.guid: STANCES.get(c.name.strip().casefold()) for c in top.children}
            if not top.children or None in meant.values():
                continue  # not the stance convention: a theme group like any other
            found.update(meant)
            self.project.codes.remove(top)
            self.notes.append(
                f"stance read from the codes under {top.name!r} ({', '.join(c.name for c in top.children)}), "
                "not themes"
            )
        return found

    def _choose_offsets(self, mapping: Mapping) -> OffsetsChoice:
        """How the project's positions count (see choose_offsets), said in the summary, with a
        warning when no way of counting puts most selections between words."""
        pairs = []
        for src in self.project.sources:
            for sel in src.selections:
                if sel.kind in TEXT_KINDS and sel.codings and sel.start is not None:
                    text = self.texts.get(sel.body).text
                    if text is not None:
                        pairs.append((text, sel))
        choice = choose_offsets(pairs, mapping.units, mapping.line_endings, self.project.origin)
        if choice.why:
            self.notes.append(
                f"positions read in {choice.offsets.words()}: {choice.why} "
                "(set [text] units and line_endings in a map file if excerpts look shifted)"
            )
        if choice.share is not None and choice.selections >= 10 and choice.share < 0.5:
            self.notes.append(
                f"WARNING however positions are counted, most selections start or end inside a word "
                f"(at best {choice.share:.0%} of {choice.selections:,} do not): excerpts may be cut in "
                "the wrong place; check them, and set [text] units and line_endings in a map file"
            )
        return choice

    def _passage(
        self,
        sel: Selection,
        src: Source,
        codings: list[Coding],
        unit: str | None,
        speakers: tuple[dict[str, list[str]], dict[str, list[str]]],
        stances: tuple[str, ...] = (),
    ) -> Passage | Skipped:
        """One coded text selection cut from its source's text, or why it cannot be (a selection
        coded only with a stance is kept, to give it to the other selections of its passage)."""
        if not codings and not stances:
            return Skipped(SKIP_WORDS["unknown_code"])
        if unit is None:
            return Skipped(SKIP_WORDS["no_session"])
        text, problem, where = self.texts.get(sel.body)
        if text is None:
            return Skipped(problem, where)
        if id(text) not in self._prepared:
            self._prepared[id(text)] = _Prepared(text, self.offsets.offsets)
        cut = self._prepared[id(text)].cut(sel.start, sel.end)
        if cut is None:
            reversed_ = sel.start is not None and sel.end is not None and sel.end < sel.start
            return Skipped(SKIP_WORDS["reversed" if reversed_ else "outside"])
        if not cut.text:
            return Skipped(SKIP_WORDS["empty"])
        of_selection, of_source = speakers
        return Passage(
            sel,
            src,
            unit,
            cut.text,
            of_selection.get(sel.guid) or of_source.get(src.guid) or [],
            list(dict.fromkeys(codings)),
            cut.start,
            cut.end,
            stances,
        )

    # -- themes -----------------------------------------------------------------------------
    def _themes(self, used: set[str], group_level: str | int = "auto") -> list[Theme]:
        """Reads the codebook; returns the codes that become themes, in codebook order, each with
        its group and the names of its ancestors. Codes at the group level (1: the top-level codes)
        with children are theme groups, and their codable descendants its themes; a code at that
        level without children is a theme in its parent's group, or in UNGROUPED at the top. With
        "auto", a top-level code that is only a folder (not codable) holding folders of codes
        puts its groups one level down, as deep code trees are organised.
        `used` holds the guids of the codes that a passage applies, which are always themes."""
        themes: list[Theme] = []
        left_out = ungrouped = deeper = 0

        def theme(code: Code, group: str, path: list[str]) -> None:
            themes.append(Theme(code, group, " > ".join(path)))

        def descend(code: Code, group: str, path: list[str]) -> None:
            nonlocal left_out
            for child in code.children:
                if child.codable or child.guid in used:
                    theme(child, group, path)
                elif not child.children:
                    left_out += 1
                descend(child, group, [*path, child.name])

        def level_of(top: Code) -> int:
            if group_level != "auto":
                return int(group_level)

            def folder(code: Code) -> bool:
                return not code.codable and code.guid not in used

            return 2 if folder(top) and any(folder(c) and c.children for c in top.children) else 1

        def place(code: Code, path: list[str], depth: int, target: int) -> None:
            nonlocal left_out, ungrouped, deeper
            if depth < target and code.children:
                if code.codable or code.guid in used:
                    theme(code, code.name, path)
                deeper += depth == 1
                for child in code.children:
                    place(child, [*path, code.name], depth + 1, target)
            elif code.children:
                if code.codable or code.guid in used:
                    theme(code, code.name, path)
                descend(code, code.name, [*path, code.name])
            elif code.codable or code.guid in used:
                group = path[-1] if path else UNGROUPED
                ungrouped += not path
                theme(code, group, path)
            else:
                left_out += 1

        for top in self.project.codes:
            place(top, [], 1, max(1, level_of(top)))
        if deeper:
            self.notes.append(
                f"{_plural(deeper, 'top-level folder')} of codes with sub-folders: "
                "their sub-folders are the theme groups (set [themes] group_level = 1 or 2 in a map file)"
            )
        if ungrouped:
            self.notes.append(
                f"{_plural(ungrouped, 'top-level code')} without children placed in the group {UNGROUPED!r}"
            )
        if left_out:
            self.notes.append(f"{_plural(left_out, 'code')} neither codable nor used, left out of the themes")
        return themes

    # -- theme codes ----------------------------------------------------------------------------
    def _theme_codes_table(
        self,
        passages: list[Passage],
        people: list[Participant],
        theme_id: dict[str, str],
        session_id: dict[str, str],
        docs: dict[str, dict[str, str]],
        mapping: Mapping,
    ) -> pa.Table:
        """The passages as `theme_codes`: one row per coding, the rows of a passage sharing its
        excerpt id. A passage with several speakers is group-level, its text withheld unless
        every one of them consented to public quotation; one with none keeps its text only when the
        map file says `uncased = "public"`."""
        by_case = {person.case.guid: person for person in people}
        excerpt_id = _padded("E", len(passages))
        code_id = _padded("C", sum(len(p.codings) for p in passages))
        names = ("code_id", "excerpt_id", "theme_id", "session_id", "participant_id", "activity", "stance")
        columns = {k: [] for k in (*names, "excerpt", "source_id", "start", "end", "coder", "selection_guid")}
        source_id = _source_ids(self.project.sources)
        shared = withheld = uncased = 0
        n_code = 0
        activity_var = mapping.sessions.get("activity") or ""
        for i, passage in enumerate(passages, start=1):
            sel = passage.selection
            speaker, text = None, passage.text
            if len(passage.speakers) == 1:
                speaker = by_case[passage.speakers[0]].participant_id
            elif len(passage.speakers) > 1:
                shared += 1
                if any(by_case[c].consent != "public" for c in passage.speakers):
                    text = None
                    withheld += 1
            else:
                uncased += 1
                if mapping.consent_uncased != "public":
                    text = None
            activity = docs.get(passage.source.guid, {}).get(activity_var) if activity_var else None
            for code, user, stance in passage.codings:
                n_code += 1
                columns["code_id"].append(code_id(n_code))
                columns["excerpt_id"].append(excerpt_id(i))
                columns["theme_id"].append(theme_id[code])
                columns["session_id"].append(session_id[passage.unit])
                columns["participant_id"].append(speaker)
                columns["activity"].append(activity)
                columns["stance"].append(stance)
                columns["excerpt"].append(text)
                columns["source_id"].append(source_id[passage.source.guid])
                columns["start"].append(passage.start)
                columns["end"].append(passage.end)
                columns["coder"].append(self.project.users.get(user or sel.user or "", user or sel.user))
                columns["selection_guid"].append(sel.guid)
        if shared:
            self.notes.append(
                f"{_plural(shared, 'passage')} in sources shared by several cases imported as group-level "
                f"(no single speaker); text withheld for {withheld:,} whose cases did not all consent to "
                "public quotation"
            )
        if uncased:
            kept = "text kept as public" if mapping.consent_uncased == "public" else "text left out"
            self.notes.append(
                f"{_plural(uncased, 'passage')} no case refers to imported as group-level; {kept} "
                f'(map file [consent] uncased = "{mapping.consent_uncased}")'
            )
        return arrow_table("theme_codes", columns)

    # -- summary and descriptor -------------------------------------------------------------------
    def _summary(
        self, tables: dict[str, pa.Table], mapping: Mapping, passages: list[Passage], skipped: Counter[str]
    ) -> list[str]:
        """What was read and imported, counted from the tables, then what was skipped and the notes."""
        project = self.project
        n_groups = len(set(tables["themes"].column("theme_group").to_pylist()))
        n_people = tables["participants"].num_rows
        n_codes = tables["theme_codes"].num_rows
        coders = {c for c in tables["theme_codes"].column("coder").to_pylist() if c}
        n_selections = sum(len(s.selections) for s in project.sources)
        unit_word = {
            "sources": "one per source",
            "sets": "one per set",
            "variable": "one per value of the session variables",
            "project": "one for the whole project",
        }[mapping.sessions_from]
        return [
            f"read {self.file_name}: project {project.name!r}"
            + (f" made with {project.origin}" if project.origin else ""),
            f"themes: {tables['themes'].num_rows:,} in {_plural(n_groups, 'group')}",
            f"participants: {n_people:,}"
            + (
                ' (ids in case order; set [participants] id = "case name" to keep case names)'
                if mapping.participant_ids == "generated" and n_people
                else ""
            ),
            f"sessions: {tables['sessions'].num_rows:,}, {unit_word}",
            f"selections: {n_selections:,} found, {len(passages):,} imported as "
            f"{_plural(n_codes, 'code application')} "
            f"by {_plural(len(coders), 'coder')}, {sum(skipped.values()):,} skipped"
            + (":" if skipped else ""),
            *(f"  {n:,} {reason}{self._where(reason)}" for reason, n in skipped.most_common()),
            *(
                [
                    "WARNING nothing coded was imported, so there is nothing to analyse: the project has "
                    "no coded text selection the dashboard can read (see what was skipped above)"
                ]
                if not passages
                else []
            ),
            *(f"note: {note}" for note in self.notes),
        ]

    def _where(self, reason: str) -> str:
        """The sources a skip reason concerns, for its summary line (five at most)."""
        places = list(self._skipped_where.get(reason, ()))
        if not places:
            return ""
        more = f" and {len(places) - 5:,} more" if len(places) > 5 else ""
        return ": " + ", ".join(places[:5]) + more

    def _package(self, mapping: Mapping, summary: list[str]) -> dict:
        """The Data Package descriptor of the import, resources left for the writer to add."""
        project = self.project
        return {
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
