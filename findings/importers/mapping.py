"""Which variables of a QDA project mean what, read from a small TOML file or guessed.

A map file (every key optional; without a file, everything is guessed from variable names):

    [participants]              # case variables; false says the project has none
    discipline = "Sector"
    role = "Occupation"         # role = false: every role "Not recorded"
    session = "Session"         # else each case's session is the one of the sources it refers to
    consent = "Quote consent"   # consent = false: see [consent] everyone and missing
    id = "generated"            # "generated" (P01, P02... in case order) or "case name"

    [consent]
    values = { "Yes" = "public", "Internal" = "research", "No" = "none" }
    missing = "none"            # for a case with no value (the default, and the safe choice)
    # everyone = "none"         # instead of a consent variable: the same consent for every case
    uncased = "none"            # a coded passage no case refers to (no speaker): "none" (the
                                # default: counted, its text left out) or "public" (text kept)

    [sessions]
    from = "auto"               # "sources" (one session per source), "sets" (one per set),
                                # "variable" (one per value of the session variables: the case
                                # variable above and the document variable below), "project" (one
                                # session for the whole project); "auto" picks (see qdpx._sessions_from)
    session = "Session"         # a document variable naming each source's session
    venue = "Venue"             # document variables (on sources, or MAXQDA's nameless cases)
    date = "Date"
    duration_minutes = "Duration"
    activity = "Activity"

    [themes]
    group_level = "auto"        # 1: top-level codes are the theme groups; 2: their children; ...
                                # "auto": 1, or 2 under a top-level folder whose children have children

    [text]
    units = "auto"              # "auto", "code points" (Unicode characters, as the standard says)
                                # or "utf-16" (an emoji counts two, as NVivo counts)
    line_endings = "auto"       # "auto", "as-is" (CR LF is two characters) or "crlf-as-one"

A name that matches no variable, or a guess that fits several variables, is an error that lists
the variables the project has. A discipline, role or consent that no variable fits is recorded as
absent (the summary says so and how to name it).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from findings.importers import ImportFailed

CONSENT_VALUES = ("public", "research", "none")
#: a passage with no speaker has no consent the contract can carry: its text is kept (public) or not
UNCASED_CONSENT = ("public", "none")
PARTICIPANT_FIELDS = ("discipline", "role", "session", "consent")
REQUIRED_PARTICIPANT_FIELDS = ("discipline", "role", "consent")
SESSION_FIELDS = ("session", "venue", "date", "duration_minutes", "activity")
#: case variables a map file may declare absent (`role = false`)
MAY_BE_ABSENT = ("discipline", "role", "session", "consent")
ID_CHOICES = ("generated", "case name")
SESSIONS_FROM = ("auto", "sources", "sets", "variable", "project")
LINE_ENDINGS = ("auto", "as-is", "crlf-as-one")
UNITS = ("auto", "code points", "utf-16")

#: Words that give a variable's meaning away, compared with its name lower-cased, letters only.
HINTS = {
    "discipline": ("discipline", "field", "sector", "domain", "artform", "industry"),
    "role": ("role", "occupation", "profession", "job"),
    "session": ("session", "assembly", "workshop", "focusgroup"),
    "consent": ("consent", "quote", "quotation", "permission"),
    "venue": ("venue", "location", "place", "site"),
    "date": ("date",),
    "duration_minutes": ("duration", "minutes", "length"),
    "activity": ("activity", "method", "exercise"),
}

_ALLOWED = {
    "participants": {*PARTICIPANT_FIELDS, "id"},
    "consent": {"values", "missing", "everyone", "uncased"},
    "sessions": {*SESSION_FIELDS, "from"},
    "text": {"units", "line_endings"},
    "themes": {"group_level"},
}


def _said(section: str, meaning: str) -> str:
    """How `Mapping.guessed` names a meaning: "role" for a case variable, "sessions.venue" for a
    document one (the session is both)."""
    return meaning if section == "participants" else f"{section}.{meaning}"


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


@dataclass
class Mapping:
    participants: dict[str, str | None] = field(default_factory=dict)  # meaning -> case variable
    sessions: dict[str, str | None] = field(default_factory=dict)  # meaning -> document variable
    consent_values: dict[str, str] = field(default_factory=dict)  # value (casefolded) -> consent
    consent_missing: str = "none"
    consent_everyone: str | None = None
    consent_uncased: str = "none"  # for passages no case refers to: "public" keeps their text
    participant_ids: str = "generated"
    sessions_from: str = "auto"
    absent: set[str] = field(default_factory=set)  # meanings the map file declared absent
    unfound: set[str] = field(default_factory=set)  # required meanings no variable fits
    line_endings: str = "auto"
    units: str = "auto"
    group_level: str | int = "auto"
    guessed: set[str] = field(default_factory=set)  # meanings that were guessed, not given

    def to_toml(self) -> str:
        """The mapping as a map file a researcher can save, edit and pass back with --map."""

        def q(text: str) -> str:
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

        def entry(meaning: str, value: str | None, section: str = "participants") -> str:
            note = "  # guessed" if _said(section, meaning) in self.guessed else ""
            if section == "participants" and meaning in self.absent:
                return f"{meaning} = false"
            if value is None:
                return f'# {meaning} = "..."  (none){note}'
            return f"{meaning} = {q(value)}{note}"

        lines = ["[participants]"]
        lines += [entry(m, self.participants.get(m)) for m in PARTICIPANT_FIELDS]
        lines.append(f"id = {q(self.participant_ids)}")
        lines += ["", "[consent]"]
        if self.consent_values:
            pairs = ", ".join(f"{q(k)} = {q(v)}" for k, v in self.consent_values.items())
            lines.append(f"values = {{ {pairs} }}")
        lines.append(f"missing = {q(self.consent_missing)}")
        if self.consent_everyone:
            lines.append(f"everyone = {q(self.consent_everyone)}")
        lines.append(f"uncased = {q(self.consent_uncased)}")
        lines += ["", "[sessions]", f"from = {q(self.sessions_from)}"]
        lines += [entry(m, self.sessions.get(m), "sessions") for m in SESSION_FIELDS]
        level = q(self.group_level) if isinstance(self.group_level, str) else str(self.group_level)
        lines += ["", "[themes]", f"group_level = {level}"]
        lines += ["", "[text]", f"units = {q(self.units)}", f"line_endings = {q(self.line_endings)}"]
        return "\n".join(lines) + "\n"


def load(path: Path) -> dict:
    """A map file's contents; an ImportFailed when it cannot be read or is not TOML."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"ERROR map file {path} cannot be read ({exc})") from None
    return loads(text, f"map file {path}")


def loads(text: str, what: str = "map file") -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ImportFailed(f"ERROR {what} is not valid TOML ({exc})") from None
    except RecursionError:
        # tomllib reads nested tables and arrays recursively: thousands of levels exhaust the stack
        raise ImportFailed(f"ERROR {what} nests tables or arrays too deeply to be a map file") from None


def _listing(names: list[str]) -> str:
    return ", ".join(f'"{n}"' for n in names) if names else "none"


def _pick(wanted: str, names: list[str]) -> str | None:
    """The variable called `wanted`: exactly, else ignoring case and spacing."""
    if wanted in names:
        return wanted
    close = [n for n in names if _norm(n) == _norm(wanted)]
    return close[0] if len(close) == 1 else None


def _guess(meaning: str, names: list[str]) -> tuple[str | None, list[str]]:
    """The one variable whose name fits a meaning, and all that fit (several: ambiguous)."""
    hints = HINTS[meaning]
    exact = [n for n in names if _norm(n) in hints]
    if len(exact) == 1:
        return exact[0], exact
    fits = [n for n in names if any(h in _norm(n) for h in hints)]
    return (fits[0] if len(fits) == 1 else None), fits


def _choice(errors: list[str], section: str, key: str, value, allowed: tuple[str, ...], default: str) -> str:
    if value is None:
        return default
    if value not in allowed:
        errors.append(
            f"ERROR map file: [{section}] {key} = {value!r} is not one of {', '.join(map(repr, allowed))}"
        )
        return default
    return value


def resolve(
    raw: dict | None, case_variables: list[str], document_variables: list[str], *, has_cases: bool = True
) -> Mapping:
    """Check a map file against the project's variables and fill in what it leaves out by guessing.

    Without any named case there are no participants, so no case variable is required.
    """
    raw = raw or {}
    errors: list[str] = []
    for section, body in raw.items():
        if section not in _ALLOWED:
            errors.append(
                f"ERROR map file: unknown section [{section}] (known: "
                f"{', '.join(f'[{s}]' for s in _ALLOWED)})"
            )
            continue
        if not isinstance(body, dict):
            errors.append(f"ERROR map file: [{section}] must be a table of keys")
            continue
        for key, value in body.items():
            if key not in _ALLOWED[section]:
                errors.append(
                    f"ERROR map file: unknown key {key!r} in [{section}] "
                    f"(known: {', '.join(sorted(_ALLOWED[section]))})"
                )
            elif section == "participants" and key in MAY_BE_ABSENT and value is False:
                continue  # the project has no such variable
            elif section == "themes" and key == "group_level":
                whole = isinstance(value, int) and not isinstance(value, bool) and value >= 1
                if value != "auto" and not whole:
                    errors.append(
                        'ERROR map file: [themes] group_level must be "auto" or a whole number from 1'
                    )
            elif key != "values" and not isinstance(value, str):
                absent = " or false" if section == "participants" and key in MAY_BE_ABSENT else ""
                errors.append(f"ERROR map file: [{section}] {key} must be text in quotes{absent}")
    if errors:
        raise ImportFailed(errors)

    people, consent = raw.get("participants", {}), raw.get("consent", {})
    places, text = raw.get("sessions", {}), raw.get("text", {})
    mapping = Mapping()
    mapping.participant_ids = _choice(errors, "participants", "id", people.get("id"), ID_CHOICES, "generated")
    mapping.sessions_from = _choice(errors, "sessions", "from", places.get("from"), SESSIONS_FROM, "auto")
    mapping.line_endings = _choice(
        errors, "text", "line_endings", text.get("line_endings"), LINE_ENDINGS, "auto"
    )
    mapping.units = _choice(errors, "text", "units", text.get("units"), UNITS, "auto")
    mapping.group_level = raw.get("themes", {}).get("group_level", "auto")
    mapping.consent_missing = _choice(
        errors, "consent", "missing", consent.get("missing"), CONSENT_VALUES, "none"
    )
    if consent.get("everyone") is not None:
        mapping.consent_everyone = _choice(
            errors, "consent", "everyone", consent["everyone"], CONSENT_VALUES, "none"
        )
    if consent.get("uncased") == "research":
        errors.append(
            "ERROR map file: [consent] uncased = 'research' cannot be kept apart: a passage no case refers "
            "to has no speaker whose consent the data could carry, so its text is either public or left out "
            "('public' or 'none')"
        )
    else:
        mapping.consent_uncased = _choice(
            errors, "consent", "uncased", consent.get("uncased"), UNCASED_CONSENT, "none"
        )
    values = consent.get("values", {})
    if not isinstance(values, dict):
        errors.append('ERROR map file: [consent] values must be a table, e.g. { "Yes" = "public" }')
        values = {}
    for given, meant in values.items():
        if meant not in CONSENT_VALUES:
            errors.append(
                f"ERROR map file: [consent] values: {given!r} = {meant!r}; each must mean public, research "
                "or none"
            )
        else:
            mapping.consent_values[given.strip().casefold()] = meant

    def settle(meaning: str, given, names: list[str], kind: str, required: bool) -> str | None:
        section = "participants" if kind == "case" else "sessions"
        if given is not None:
            found = _pick(given, names)
            if found is None:
                errors.append(
                    f"ERROR map file names {kind} variable {given!r} for {meaning}, but the project has "
                    f"none by that name ({kind} variables: {_listing(names)})"
                )
            return found
        found, fits = _guess(meaning, names)
        if found is not None:
            mapping.guessed.add(_said(section, meaning))
            return found
        if len(fits) > 1:
            errors.append(
                f"ERROR mapping: several {kind} variables could be the {meaning}: {_listing(fits)}; "
                f'name one in a map file: [{section}] {meaning} = "..."'
            )
        elif required:
            mapping.unfound.add(meaning)
        return None

    for meaning in PARTICIPANT_FIELDS:
        if people.get(meaning) is False:
            mapping.absent.add(meaning)
            mapping.participants[meaning] = None
            continue
        if meaning == "consent" and mapping.consent_everyone is not None:
            mapping.participants[meaning] = None
            continue
        mapping.participants[meaning] = settle(
            meaning,
            people.get(meaning),
            case_variables,
            "case",
            has_cases and meaning in REQUIRED_PARTICIPANT_FIELDS,
        )
    for meaning in SESSION_FIELDS:
        mapping.sessions[meaning] = settle(
            meaning, places.get(meaning), document_variables, "document", False
        )

    chosen = [(m, v) for m, v in mapping.participants.items() if v]
    for i, (meaning, variable) in enumerate(chosen):
        for other, same in chosen[i + 1 :]:
            if same == variable:
                errors.append(
                    f"ERROR mapping: case variable {variable!r} would be both the {meaning} and the {other}; "
                    "name them in a map file"
                )
    if errors:
        raise ImportFailed(errors)
    return mapping
