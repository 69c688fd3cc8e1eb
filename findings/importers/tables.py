"""Spreadsheets as an export set: a folder of CSV files, or one Excel workbook with a sheet per table.

Files (or sheets) are named as the contract's tables (`participants.csv`, sheet `participants`),
with a header row naming the columns. Each value is converted to its column's type; one that does
not convert, an empty required value, a value outside the allowed ones, a repeated key or a
reference to a missing row is reported with its row number as a spreadsheet counts rows (the
header is row 1), e.g.

    ERROR participants.csv row 7, column session_id: 'S9' is not a session_id in sessions.csv

A `datapackage.json` in the folder, if any, is kept as the set's description.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from findings.contract import TABLES, TABLES_BY_NAME, Column
from findings.importers import ImportFailed
from findings.importers.output import arrow_table
from findings.validate import PACKAGE_FILE

MAX_ERRORS_PER_TABLE = 25
REQUIRED = tuple(t.name for t in TABLES if t.required)
_WHOLE = re.compile(r"^[+-]?\d+(\.0*)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T].*)?$")


@dataclass
class Sheet:
    table: str
    label: str  # what messages call it: "participants.csv" or "book.xlsx, sheet participants"
    header: list[str]
    rows: list[tuple[int, list]]  # (row number, cells)


@dataclass
class Converted:
    tables: dict[str, pa.Table]
    package: dict
    summary: list[str]


# --- reading ------------------------------------------------------------------------------


def _csv_sheet(path: Path, table: str) -> Sheet:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"ERROR {path.name} is not UTF-8 text (save it as 'CSV UTF-8')") from None
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1))
    if not rows:
        raise ImportFailed(f"ERROR {path.name} is empty (a header row naming the columns is needed)")
    (_n, header), body = rows[0], rows[1:]
    return Sheet(
        table, path.name, header, [(n, [c if c != "" else None for c in cells]) for n, cells in body]
    )


def read_folder(folder: Path) -> tuple[list[Sheet], list[str]]:
    sheets = []
    files = {p.name.casefold(): p for p in sorted(folder.iterdir()) if p.is_file()}
    for table in TABLES:
        path = files.pop(f"{table.name}.csv", None)
        if path is not None:
            sheets.append(_csv_sheet(path, table.name))
    ignored = [p.name for p in files.values() if p.name != PACKAGE_FILE and not p.name.startswith(".")]
    return sheets, ignored


def read_workbook(path: Path) -> tuple[list[Sheet], list[str]]:
    try:
        from openpyxl import load_workbook
    except ImportError:  # listed in requirements.txt; said plainly if an install lacks it
        raise ImportFailed(
            "ERROR reading Excel workbooks needs the openpyxl package (pip install openpyxl)"
        ) from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportFailed(
            f"ERROR {path.name} cannot be read as an Excel workbook ({type(exc).__name__})"
        ) from None
    try:
        by_name = {name.strip().casefold(): name for name in book.sheetnames}
        sheets = []
        for table in TABLES:
            name = by_name.pop(table.name, None)
            if name is None:
                continue
            rows = list(enumerate(book[name].iter_rows(values_only=True), start=1))
            if not rows:
                raise ImportFailed(
                    f"ERROR {path.name}, sheet {name} is empty (a header row naming the columns is needed)"
                )
            (_n, header), body = rows[0], rows[1:]
            header = [("" if h is None else str(h)) for h in header]
            while header and header[-1] == "":
                header.pop()
            cells = [(n, [None if v == "" else v for v in list(values)[: len(header)]]) for n, values in body]
            sheets.append(Sheet(table.name, f"{path.name}, sheet {name}", header, cells))
        return sheets, list(by_name.values())
    finally:
        book.close()


# --- converting ---------------------------------------------------------------------------


def _show(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def convert_value(value, kind: str):
    """A cell as the contract's kind; a ValueError says why it does not convert."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == "string":
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value).strip()
    if kind == "integer":
        if isinstance(value, bool):
            raise ValueError(f"{_show(value)} is not a whole number")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _WHOLE.match(value.strip()):
            return int(value.strip().split(".")[0])
        raise ValueError(f"{_show(value)} is not a whole number")
    if kind == "number":
        if isinstance(value, bool):
            raise ValueError(f"{_show(value)} is not a number")
        try:
            number = float(value.strip() if isinstance(value, str) else value)
        except (TypeError, ValueError):
            raise ValueError(f"{_show(value)} is not a number") from None
        if not math.isfinite(number):
            raise ValueError(f"{_show(value)} is not a finite number")
        return number
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        raise ValueError(f"{_show(value)} is not a date (write it as YYYY-MM-DD)")
    raise AssertionError(kind)


class _Problems:
    def __init__(self):
        self.lines: list[str] = []
        self.per_label: dict[str, int] = {}

    def add(self, label: str, row: int | None, column: str | None, message: str) -> None:
        n = self.per_label[label] = self.per_label.get(label, 0) + 1
        if n > MAX_ERRORS_PER_TABLE:
            return
        where = label + (f" row {row}" if row is not None else "") + (f", column {column}" if column else "")
        self.lines.append(f"ERROR {where}: {message}")

    def close(self) -> list[str]:
        extra = [
            f"ERROR {label}: {n - MAX_ERRORS_PER_TABLE:,} more problems not shown"
            for label, n in self.per_label.items()
            if n > MAX_ERRORS_PER_TABLE
        ]
        return self.lines + extra


def _columns(sheet: Sheet, problems: _Problems) -> dict[str, int] | None:
    """Header name -> cell index, contract names matched ignoring case; None when unusable."""
    table = TABLES_BY_NAME[sheet.table]
    known = {c.name.casefold(): c.name for c in table.columns}
    known.update({name.casefold(): name for name in table.french_columns})
    index: dict[str, int] = {}
    for i, raw in enumerate(sheet.header):
        name = (raw or "").strip()
        if not name:
            continue
        name = known.get(name.casefold(), name)
        if name in index:
            problems.add(sheet.label, 1, name, "appears twice in the header row")
            return None
        index[name] = i
    missing = [c.name for c in table.columns if c.name not in index and not c.nullable]
    if missing:
        found = ", ".join(index) or "none"
        for name in missing:
            problems.add(sheet.label, None, name, f"required column is missing (found: {found})")
        return None
    return index


def _convert_sheet(sheet: Sheet, problems: _Problems) -> tuple[dict[str, list], list[int], list[str]] | None:
    """Typed columns, each kept row's number, and the optional columns that were filled empty."""
    table = TABLES_BY_NAME[sheet.table]
    index = _columns(sheet, problems)
    if index is None:
        return None
    kinds = {c.name: c for c in table.columns}
    out: dict[str, list] = {name: [] for name in index}
    # columns of v1 left out are filled empty (and said so); those 1.1 made optional are just left out
    filled = [c.name for c in table.columns if c.name not in index and not c.optional]
    numbers = []
    for row, cells in sheet.rows:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue  # a blank line
        if len(cells) > len(sheet.header) and any(c not in (None, "") for c in cells[len(sheet.header) :]):
            problems.add(sheet.label, row, None, "has more cells than the header row has columns")
        numbers.append(row)
        for name, i in index.items():
            col: Column | None = kinds.get(name)
            value = cells[i] if i < len(cells) else None
            try:
                value = convert_value(value, col.kind if col else "string")
            except ValueError as exc:
                problems.add(sheet.label, row, name, str(exc))
                value = None
            else:
                if col is not None and value is None and not col.nullable:
                    problems.add(sheet.label, row, name, "is empty, but a value is required")
                if col is not None and col.allowed and value is not None and value not in col.allowed:
                    problems.add(
                        sheet.label, row, name, f"{_show(value)} is not one of {', '.join(col.allowed)}"
                    )
            out[name].append(value)
    for name in filled:
        out[name] = [None] * len(numbers)
    for col in table.columns:
        if col.unique and col.name in out:
            first: dict = {}
            for row, value in zip(numbers, out[col.name], strict=True):
                if value is None:
                    continue
                if value in first:
                    problems.add(
                        sheet.label,
                        row,
                        col.name,
                        f"{_show(value)} is already used in row {first[value]} (must be unique)",
                    )
                else:
                    first[value] = row
    return out, numbers, filled


def convert(sheets: list[Sheet], source_label: str, ignored: list[str]) -> tuple[dict, list[str]]:
    """Typed columns per table and summary lines; an ImportFailed listing every problem."""
    problems = _Problems()
    present = {s.table for s in sheets}
    missing = [name for name in REQUIRED if name not in present]
    lines = []
    if missing:
        lines.append(
            f"ERROR {source_label} has no table {', '.join(missing)} "
            f"(needed: {', '.join(REQUIRED)}; named "
            f"{'<table>.csv' if source_label.endswith('/') else 'as sheets'})"
        )
    converted = {}
    for sheet in sheets:
        result = _convert_sheet(sheet, problems)
        if result is not None:
            converted[sheet.table] = (sheet, *result)
    # references, with row numbers, once every table has its keys
    for name, (sheet, columns, numbers, _filled) in converted.items():
        for col in TABLES_BY_NAME[name].columns:
            if not col.references or col.references[0] not in converted:
                continue
            parent, key = col.references
            parent_sheet, parent_columns, _n, _f = converted[parent]
            keys = set(parent_columns[key])
            for row, value in zip(numbers, columns[col.name], strict=True):
                if value is not None and value not in keys:
                    problems.add(
                        sheet.label, row, col.name, f"{_show(value)} is not a {key} in {parent_sheet.label}"
                    )
    lines += problems.close()
    if lines:
        raise ImportFailed(lines)
    summary = []
    for sheet, _columns, numbers, filled in converted.values():
        note = f" ({', '.join(filled)} left empty: not in the file)" if filled else ""
        summary.append(f"read {sheet.label}: {len(numbers):,} rows{note}")
    if ignored:
        summary.append(f"ignored (not a table of the contract): {', '.join(ignored)}")
    return {name: columns for name, (_s, columns, _n, _f) in converted.items()}, summary


def import_tables(
    source: Path, *, illustrative: bool | None = None, display_name: str | None = None
) -> Converted:
    """Read and convert a folder of CSV files or an .xlsx workbook; nothing is written."""
    source = Path(source)
    name = display_name or source.name
    package: dict = {}
    if source.is_dir():
        sheets, ignored = read_folder(source)
        label = name + "/"
        described = source / PACKAGE_FILE
        if described.is_file():
            try:
                loaded = json.loads(described.read_text(encoding="utf-8"))
                package = loaded if isinstance(loaded, dict) else {}
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                ignored.append(f"{PACKAGE_FILE} (not valid JSON)")
    elif source.is_file() and source.suffix.lower() in (".xlsx", ".xlsm"):
        sheets, ignored = read_workbook(source)
        label = name
    elif source.exists():
        raise ImportFailed(f"ERROR {name} is neither a folder of CSV files nor an Excel workbook (.xlsx)")
    else:
        raise ImportFailed(f"ERROR {source} does not exist")
    columns, summary = convert(sheets, label, ignored)
    tables = {table: arrow_table(table, cols) for table, cols in columns.items()}
    package = dict(package)
    package.setdefault(
        "name", re.sub(r"[^a-z0-9]+", "-", Path(name).stem.casefold()).strip("-") or "tables-import"
    )
    package.setdefault("title", Path(name).stem)
    sources = [s for s in package.get("sources", []) if isinstance(s, dict)]
    package["sources"] = [*sources, {"title": name}]
    if illustrative is not None:
        package["illustrative"] = illustrative
    package.setdefault("illustrative", False)
    package["import"] = {
        "from": "tables",
        "file": name,
        "date": dt.date.today().isoformat(),
        "summary": summary,
    }
    return Converted(tables, package, summary)
