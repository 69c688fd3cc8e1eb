"""Data contract v1.1: which tables an export set holds, their columns, and how to find their files.

This module is the single source of truth for the contract. The query layer builds its views from
it, the validator checks exports against it, and the Data page can print it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: 1.1 added optional columns to theme_codes (where a passage lies in its source, and who coded
#: it); an export set written for 1 is valid under 1.1 as it is
CONTRACT_VERSION = "1.1"

#: Column kinds of the contract and the DuckDB type each is normalised to in the views.
KIND_SQL_TYPE = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "date": "DATE",
}

FRENCH_SUFFIX = "_fr"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # one of KIND_SQL_TYPE
    nullable: bool = True
    unique: bool = False
    references: tuple[str, str] | None = None  # (table, column)
    allowed: tuple[str, ...] | None = None
    translatable: bool = False  # may have a French sibling `<name>_fr`
    doc: str = ""
    #: columns every row sharing a value of this one must agree on (a null is a value too)
    determines: tuple[str, ...] = ()
    summed: bool = False  # the queries add its values up, so their total must fit the type too
    optional: bool = False  # an export set may leave the column out (it then reads as empty)


@dataclass(frozen=True)
class Table:
    name: str
    required: bool
    columns: tuple[Column, ...]
    doc: str = ""

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def french_columns(self) -> tuple[str, ...]:
        return tuple(c.name + FRENCH_SUFFIX for c in self.columns if c.translatable)

    @property
    def defined_columns(self) -> tuple[str, ...]:
        """Every column the contract defines for this table: its columns, then their French siblings."""
        return (*(c.name for c in self.columns), *self.french_columns)


def _c(name: str, kind: str = "string", **kw) -> Column:
    return Column(name, kind, **kw)


TABLES: tuple[Table, ...] = (
    Table(
        "sessions",
        True,
        (
            _c("session_id", nullable=False, unique=True),
            _c("title", translatable=True),
            _c("venue", nullable=False, translatable=True),
            _c("date", "date"),
            _c("duration_minutes", "integer"),
        ),
        "One row per assembly session.",
    ),
    Table(
        "participants",
        True,
        (
            _c("participant_id", nullable=False, unique=True, doc="pseudonymous id"),
            _c("session_id", nullable=False, references=("sessions", "session_id")),
            _c("role", nullable=False, translatable=True, doc="e.g. Director, Composer"),
            _c("discipline", nullable=False, translatable=True, doc="e.g. Film & TV, Music"),
            _c(
                "quote_consent",
                nullable=False,
                allowed=("public", "research", "none"),
                doc="who may read this person's excerpts",
            ),
        ),
        "One row per participant.",
    ),
    Table(
        "themes",
        True,
        (
            _c("theme_id", nullable=False, unique=True),
            _c("label", nullable=False, translatable=True),
            _c("theme_group", nullable=False, translatable=True),
            _c("description", translatable=True),
            _c(
                "path",
                optional=True,
                doc="v1.1, optional: the theme's ancestors in the codebook, e.g. Feelings > Joy",
            ),
        ),
        "The codebook: one row per theme.",
    ),
    Table(
        "theme_codes",
        True,
        (
            _c("code_id", nullable=False, unique=True),
            _c(
                "excerpt_id",
                nullable=False,
                determines=("participant_id",),  # consent goes by speaker: one passage, one speaker
                doc="rows sharing it are one passage",
            ),
            _c("theme_id", nullable=False, references=("themes", "theme_id")),
            _c("session_id", nullable=False, references=("sessions", "session_id")),
            _c(
                "participant_id",
                references=("participants", "participant_id"),
                doc="null for group-level passages",
            ),
            _c("activity", translatable=True, doc="e.g. Tactile modelling"),
            _c("stance", allowed=("risk", "opportunity", "mixed")),
            _c("excerpt", doc="the passage text"),
            _c(
                "source_id",
                optional=True,
                doc="v1.1, optional: the document or transcript the passage was cut from",
            ),
            _c(
                "start",
                "integer",
                optional=True,
                doc="v1.1, optional: where the passage starts in its source, in characters from 0 "
                "(a line break counting one)",
            ),
            _c("end", "integer", optional=True, doc="v1.1, optional: where it ends (exclusive)"),
            _c("coder", optional=True, doc="v1.1, optional: who applied this theme to the passage"),
        ),
        "One row per application of a theme to an excerpt.",
    ),
    Table(
        "rules",
        False,
        (
            _c("rule_id", nullable=False, unique=True),
            _c("number", "integer", nullable=False),
            _c("title", nullable=False, translatable=True),
            _c("summary", translatable=True),
        ),
        "Optional: the rules distilled from the findings.",
    ),
    Table(
        "rule_themes",
        False,
        (
            _c("rule_id", nullable=False, references=("rules", "rule_id")),
            _c("theme_id", nullable=False, references=("themes", "theme_id")),
        ),
        "Optional: which themes support which rule.",
    ),
    Table(
        "media",
        False,
        (
            _c("media_id", nullable=False, unique=True),
            _c("session_id", references=("sessions", "session_id")),
            _c("kind", nullable=False, allowed=("audio", "photo", "video")),
            _c("duration_s", "number", summed=True),
            _c("size_bytes", "integer", nullable=False, summed=True),
        ),
        "Optional: the recorded material, one row per file.",
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


@dataclass
class TableSource:
    """Where one table's Parquet lives in a data directory."""

    table: str
    path: Path  # `<table>.parquet` or the folder `<table>/`
    files: list[Path] = field(default_factory=list)  # Parquet files, sorted
    partitioned: bool = False  # a folder (parts may carry hive keys in their paths)

    def display(self, data_dir: Path) -> str:
        rel = self.path.relative_to(data_dir).as_posix()
        return rel + "/" if self.partitioned else rel


def is_parquet_part(name: str) -> bool:
    """A part file inside a table folder; markers such as `_SUCCESS` or `.crc` files are not."""
    return not name.startswith(("_", ".")) and name.lower().endswith((".parquet", ".parq"))


def discover(data_dir: Path) -> tuple[dict[str, TableSource], list[tuple[str, str]]]:
    """Find each contract table's files. Returns the sources and (table, message) problems."""
    sources: dict[str, TableSource] = {}
    problems: list[tuple[str, str]] = []
    for table in TABLES:
        single = data_dir / f"{table.name}.parquet"
        folder = data_dir / table.name
        if single.is_file() and folder.is_dir():
            problems.append((table.name, f"both {single.name} and {folder.name}/ exist; keep only one"))
            continue
        if single.is_file():
            sources[table.name] = TableSource(table.name, single, [single])
        elif folder.is_dir():
            parts = sorted(
                Path(root) / name
                for root, dirs, names in os.walk(folder)
                for name in names
                if is_parquet_part(name)
                and not any(p.startswith(("_", ".")) for p in Path(root).relative_to(folder).parts)
            )
            if not parts:
                problems.append((table.name, f"folder {folder.name}/ holds no Parquet part files"))
                continue
            sources[table.name] = TableSource(table.name, folder, parts, partitioned=True)
    return sources, problems


def hive_keys(source: TableSource, part: Path) -> dict[str, str]:
    """The `key=value` folder names between a table folder and one of its parts."""
    if not source.partitioned:
        return {}
    keys = {}
    for piece in part.relative_to(source.path).parts[:-1]:
        key, sep, value = piece.partition("=")
        if sep:
            keys[key] = value
    return keys
