"""What the export set's datapackage.json says about itself, read one way everywhere.

A Frictionless Data Package descriptor: `title`, `description` and `question` (each with an optional
French sibling `<field>_fr`), `sources` and `licenses` (lists of objects), `illustrative` (the
records are invented), `import` (what an importer wrote it from). Values are data: callers show
them as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def text(package: Mapping, field: str, lang: str) -> str | None:
    """A text field in the UI language, falling back to the untranslated one; None when absent."""
    value = package.get(f"{field}_{lang}") or package.get(field)
    return str(value) if value else None


def title(package: Mapping, lang: str) -> str | None:
    return text(package, "title", lang)


def shown_title(package: Mapping, lang: str, folder: Path) -> str:
    """The title a page shows: the set's own, else its folder's name (an importer names the folder
    after the project), never a placeholder such as 'Untitled'."""
    return title(package, lang) or Path(folder).name or "–"


def question(package: Mapping, lang: str) -> str | None:
    """The assembly's central question, if the export set states one."""
    return text(package, "question", lang)


def description(package: Mapping, lang: str) -> str | None:
    return text(package, "description", lang)


def _names(package: Mapping, field: str, key: str) -> str:
    entries = package.get(field)
    if not isinstance(entries, list):
        return ""
    return "; ".join(str(entry.get(key, "")) for entry in entries if isinstance(entry, dict))


def sources(package: Mapping) -> str:
    """The sources' titles, 'A; B'."""
    return _names(package, "sources", "title")


def licences(package: Mapping) -> str:
    """The licences' names, 'A; B'."""
    return _names(package, "licenses", "name")


def illustrative(package: Mapping) -> bool:
    """Whether the records are invented (the app then says so on every page)."""
    return bool(package.get("illustrative"))


def imported(package: Mapping) -> dict:
    """What an importer recorded of the file it read (`file`, `date`), or nothing."""
    value = package.get("import")
    return value if isinstance(value, dict) else {}
