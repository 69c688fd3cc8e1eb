"""Writing imported tables as an export set: typed Parquet and a datapackage.json, all or nothing.

The set is written into a private staging folder and checked by the validator there; only a
valid set is moved to OUT_DIR, so a failed import leaves nothing behind.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from findings import version
from findings.contract import TABLES_BY_NAME, discover
from findings.importers import ImportFailed
from findings.validate import PACKAGE_FILE, Report, validate

ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}


def arrow_table(name: str, columns: dict[str, list]) -> pa.Table:
    """One contract table from plain Python columns: the contract's columns first, typed by it;
    French siblings and any extra columns after them, as text. An optional column is written only
    when `columns` holds it."""
    table = TABLES_BY_NAME[name]
    n = len(next(iter(columns.values()))) if columns else 0
    fields, arrays = [], []
    for col in table.columns:
        if col.optional and col.name not in columns:
            continue  # a column the contract lets an export leave out, which this one has no values for
        kind = ARROW_TYPES[col.kind]
        fields.append(pa.field(col.name, kind))
        arrays.append(pa.array(columns.get(col.name, [None] * n), type=kind))
    contract_names = {col.name for col in table.columns}
    for extra, values in columns.items():
        if extra not in contract_names:
            fields.append(pa.field(extra, pa.string()))
            arrays.append(pa.array([None if v is None else str(v) for v in values], type=pa.string()))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _check_target(out_dir: Path) -> None:
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ImportFailed(f"ERROR {out_dir} already exists and is not an empty folder; choose a new one")


def write_export_set(tables: dict[str, pa.Table], package: dict, out_dir: Path) -> Report:
    """Write, validate and move into place; an ImportFailed (and nothing written) when invalid."""
    out_dir = Path(out_dir).expanduser().absolute()
    _check_target(out_dir)
    staging = Path(tempfile.mkdtemp(prefix="findings-import-"))
    try:
        _write(tables, package, staging)
        report = validate(staging)
        if not report.ok:
            lines = [str(p) for p in report.problems]
            raise ImportFailed(
                [
                    *lines,
                    f"INVALID: the imported tables break the data contract; nothing was written to {out_dir}",
                ]
            )
        _check_target(out_dir)  # again: it may have appeared meanwhile
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        if out_dir.exists():
            out_dir.rmdir()
        shutil.move(str(staging), str(out_dir))
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    # the same files, moved: point the report at them rather than check them all again
    report.data_dir = out_dir.resolve()
    report.sources, _problems = discover(report.data_dir)
    return report


def _write(tables: dict[str, pa.Table], package: dict, folder: Path) -> None:
    """The tables, then (last) a datapackage.json listing each file with its hash."""
    package = dict(package)
    package["resources"] = [
        {"name": name, "path": f"{name}.parquet", "format": "parquet", "rows": table.num_rows}
        for name, table in tables.items()
    ]
    for name, table in tables.items():
        pq.write_table(table, folder / f"{name}.parquet")
    package = version.with_hashes(folder, package)
    (folder / PACKAGE_FILE).write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")


def write_to_folder(tables: dict[str, pa.Table], package: dict, folder: Path) -> Report:
    """Write into an existing private folder (an upload's session folder) and validate there."""
    _write(tables, package, folder)
    return validate(folder)
