"""The sample's tables as the data contract defines them, and how the export set lays them out.

Columns, their order, keys, references and allowed values all come from `findings.contract.TABLES`:
each table has the contract's columns in the contract's order, every translatable column followed
by its French sibling (`title`, `title_fr`, ...). What is the sample's own is stated here: the Arrow
width of its integers, which of the optional columns it writes, the columns it always fills although
the contract lets them be empty, and where `theme_codes` goes when it is split by session.
"""

from __future__ import annotations

from dataclasses import replace

import pyarrow as pa

from findings.contract import FRENCH_SUFFIX, TABLES, TABLES_BY_NAME, Column, Table

#: Arrow type per contract kind. The sample's integers are 32-bit, except WIDE_INTEGERS.
ARROW_TYPES = {"string": pa.string(), "integer": pa.int32(), "number": pa.float64(), "date": pa.date32()}
WIDE_INTEGERS = {("media", "size_bytes")}  # a video file's size overflows 32 bits
#: The optional (v1.1) columns the sample writes: who coded (it has two coders). It has no sources
#: to place passages in, so it leaves out `source_id`, `start` and `end`.
WRITTEN_OPTIONAL = {("theme_codes", "coder")}
#: Columns the contract lets be empty that the sample always fills: their fields are not nullable.
FILLED = {
    ("sessions", "title"),
    ("sessions", "date"),
    ("sessions", "duration_minutes"),
    ("themes", "description"),
    ("rules", "summary"),
    ("theme_codes", "coder"),
}


def _columns(table: Table) -> tuple[Column, ...]:
    """The columns the sample writes: the contract's, each translatable one followed by its French
    sibling (text, as nullable as its column)."""
    out = []
    for column in table.columns:
        if column.optional and (table.name, column.name) not in WRITTEN_OPTIONAL:
            continue
        if (table.name, column.name) in FILLED:
            column = replace(column, nullable=False)
        out.append(column)
        if column.translatable:
            out.append(Column(column.name + FRENCH_SUFFIX, "string", column.nullable))
    return tuple(out)


def _arrow_type(table: str, column: Column) -> pa.DataType:
    return pa.int64() if (table, column.name) in WIDE_INTEGERS else ARROW_TYPES[column.kind]


#: table -> the columns the sample writes, in order (a French sibling is its own Column)
COLUMNS: dict[str, tuple[Column, ...]] = {t.name: _columns(t) for t in TABLES}
SCHEMAS: dict[str, pa.Schema] = {
    name: pa.schema([pa.field(c.name, _arrow_type(name, c), nullable=c.nullable) for c in columns])
    for name, columns in COLUMNS.items()
}
TABLE_NAMES = tuple(SCHEMAS)


def primary_key(table: str) -> list[str]:
    """The contract's unique column; a table without one (a link table) is keyed by all its columns."""
    columns = TABLES_BY_NAME[table].columns
    return [c.name for c in columns if c.unique] or [c.name for c in columns]


def allowed(table: str, column: str) -> tuple[str, ...]:
    """The values the contract allows in a column, in the contract's order."""
    return TABLES_BY_NAME[table].column(column).allowed


STANCES = allowed("theme_codes", "stance")  # risk, opportunity, mixed
CONSENTS = allowed("participants", "quote_consent")  # from most to least open: public, research, none
MEDIA_KINDS = allowed("media", "kind")  # audio, photo, video

# The export set's files: one `<table>.parquet` each, but above `PARTITION_ABOVE` excerpts
# (see export.py) theme_codes becomes `theme_codes/session_id=S1/part-00000.parquet`...
PACKAGE_FILE = "datapackage.json"
PARTITIONED_TABLE = "theme_codes"
PARTITION_COLUMN = "session_id"
PART_FILE = "part-00000.parquet"
