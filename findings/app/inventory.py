"""What the Data page says about an export set: its tables as found, the contract, a download.

Pure functions of a validation `Report` (and the contract): no Streamlit here. Column headings
are in the interface language, so a page only lays the frames out.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from duckdb import ColumnExpression

from findings import db, i18n
from findings.contract import TABLES, Table, hive_keys
from findings.validate import PACKAGE_FILE, Report

#: Above this, the page offers no in-browser download (the zip is built in memory).
MAX_DOWNLOAD_BYTES = 300 * 1000**2


def _found_columns(report: Report, name: str) -> list[str]:
    """A table's columns as its files hold them (every part, in first-seen order)."""
    source = report.sources[name]
    seen: dict[str, None] = {}
    for part in source.files:
        try:
            schema = pq.read_schema(part)
        except (pa.ArrowException, OSError):
            continue
        seen.update(dict.fromkeys(schema.names))
        seen.update(dict.fromkeys(hive_keys(source, part)))
    return list(seen)


def doc(text: str, key: str, lang: str) -> str:
    """A contract doc string in the interface language (the catalogue's French, when it has it)."""
    return i18n.t(key, lang) if text and i18n.has(key) else text


def folder_name(path: Path) -> str:
    """A folder as a page shows it: its name only (a server's paths are nobody's business), any
    bytes that are not UTF-8 escaped."""
    return os.fsencode(path.name).decode("utf-8", "backslashreplace") + "/"


def report_lines(report: Report) -> list[str]:
    """The validator's lines, as the CLI prints them, with the folder shown by its name only."""
    lines = [str(p) for p in report.problems] + [report.summary()]
    return [line.replace(str(report.data_dir), folder_name(report.data_dir)) for line in lines]


def tables_frame(report: Report, lang: str) -> pd.DataFrame:
    """One row per contract table: whether it is required, its rows, files and columns (other
    columns only when some table has them)."""

    def t(key, **values):
        return i18n.t(key, lang, **values)

    rows = []
    for table in TABLES:
        present = table.name in report.sources
        known = {c.name for c in table.columns} | set(table.french_columns)
        columns = _found_columns(report, table.name) if present else []
        source = report.sources.get(table.name)
        if source is None:
            files = "–"
        elif source.partitioned:
            files = t(
                "data.files_folder",
                folder=source.display(report.data_dir),
                n=i18n.fmt_int(len(source.files), lang),
            )
        else:
            files = source.display(report.data_dir)
        rows.append(
            {
                t("data.col.table"): table.name,
                t("data.col.kind"): t("data.table.required" if table.required else "data.table.optional"),
                t("data.col.rows"): i18n.fmt_int(report.row_counts.get(table.name), lang) if present else "–",
                t("data.col.files"): files,
                t("data.col.columns"): ", ".join(c for c in columns if c in known)
                if present
                else t("data.table.absent"),
                t("data.col.extra"): ", ".join(c for c in columns if c not in known),
            }
        )
    frame = pd.DataFrame(rows)
    if not frame[t("data.col.extra")].str.len().any():
        frame = frame.drop(columns=t("data.col.extra"))
    return frame


def contract_frame(table: Table, lang: str) -> pd.DataFrame:
    """The contract of one table, readable: each column's type, constraints and meaning."""

    def t(key, **values):
        return i18n.t(key, lang, **values)

    def constraints(col) -> str:
        rules = [] if col.nullable else [t("data.rule.required")]
        rules += [t("data.rule.optional")] if col.optional else []
        rules += [t("data.rule.unique")] if col.unique else []
        rules += [t("data.rule.references", target=".".join(col.references))] if col.references else []
        rules += [t("data.rule.allowed", values=", ".join(col.allowed))] if col.allowed else []
        return t("scope.separator").join(rules)

    return pd.DataFrame(
        [
            {
                t("data.ccol.column"): col.name,
                t("data.ccol.type"): t(f"data.kind.{col.kind}"),
                t("data.ccol.rules"): constraints(col),
                t("data.ccol.french"): col.name + "_fr" if col.translatable else "",
                t("data.ccol.about"): doc(col.doc, f"data.doc.{table.name}.{col.name}", lang),
            }
            for col in table.columns
        ]
    )


def download_name(package: dict) -> str:
    """A safe file name for the zip, from the package's name (data: any characters may come)."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", str(package.get("name") or "")).strip("-.")[:80]
    return f"{name or 'export-set'}.zip"


def export_size(report: Report) -> int:
    files = [f for source in report.sources.values() for f in source.files]
    return sum(f.stat().st_size for f in files if f.exists())


def export_zip(
    report: Report, theme_codes: pd.DataFrame | None = None, leave_out: Iterable[str] = ()
) -> bytes:
    """The export set as one zip: one `<table>.parquet` per table and the datapackage.json.

    Only the columns the contract defines (and their `_fr` siblings) leave: a column the contract
    does not know may hold anything (a withheld quote, a name), so it is never copied. Each table
    is read through the same normalised view the dashboard queries. `theme_codes`, when given,
    replaces that table (its excerpt text following the consent rule); the tables in `leave_out`
    are not included. The datapackage.json is made to describe what the zip holds."""
    leave_out = set(leave_out)
    written: dict[str, tuple[bytes, list[str]]] = {}
    con = db.connect(report.data_dir, report.sources)
    try:
        for table in TABLES:
            if table.name not in report.sources or table.name in leave_out:
                continue
            if table.name == "theme_codes" and theme_codes is not None:
                keep = [c for c in table.defined_columns if c in theme_codes.columns]
                data = pa.Table.from_pandas(theme_codes[keep], preserve_index=False)
                reader = pa.RecordBatchReader.from_batches(data.schema, data.to_batches())
            else:
                found = set(_found_columns(report, table.name))
                keep = [c for c in table.defined_columns if c in found]
                relation = con.table(table.name).select(*(ColumnExpression(c) for c in keep))
                reader = relation.to_arrow_reader(_BATCH_ROWS)
            written[table.name] = (_parquet(reader), keep)
    finally:
        con.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:  # Parquet is compressed
        for name, (data, _) in written.items():
            archive.writestr(f"{name}.parquet", data)
        if report.package:
            package = _described(report.package, written)
            archive.writestr(PACKAGE_FILE, json.dumps(package, indent=2, ensure_ascii=False) + "\n")
        elif (report.data_dir / PACKAGE_FILE).is_file():  # not one we can read: passed on as it is
            archive.write(report.data_dir / PACKAGE_FILE, PACKAGE_FILE)
    return buffer.getvalue()


_BATCH_ROWS = 65_536


def _parquet(reader: pa.RecordBatchReader) -> bytes:
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
    return sink.getvalue()


def _described(package: dict, written: dict[str, tuple[bytes, list[str]]]) -> dict:
    """The package as the zip's descriptor: a resource per table written, at its one file, its
    schema's fields the columns written; with each file's size and hash when the package listed
    hashes (findings/version.py), so the zip opens as one version, and without them otherwise."""
    resources = [r for r in package.get("resources") or [] if isinstance(r, dict)]
    algorithm = _hash_algorithm(resources)
    by_table: dict[str, dict] = {}
    for resource in resources:
        name = resource.get("name") or Path(str(resource.get("path", ""))).stem
        if name in written:
            by_table.setdefault(name, dict(resource))
    out = []
    for name, (data, columns) in written.items():
        resource = {k: v for k, v in by_table.get(name, {"name": name}).items() if k not in _FILE_KEYS}
        resource["path"] = f"{name}.parquet"
        if algorithm:
            resource.update(bytes=len(data), hash=f"{algorithm}:{hashlib.new(algorithm, data).hexdigest()}")
        schema = resource.get("schema")
        if isinstance(schema, dict) and isinstance(schema.get("fields"), list):
            fields = [f for f in schema["fields"] if not isinstance(f, dict) or f.get("name") in columns]
            resource["schema"] = {**schema, "fields": fields}
        out.append(resource)
    return {**package, "resources": out}


_FILE_KEYS = ("path", "bytes", "hash", "parts", "partitioning")


def _hash_algorithm(resources: list[dict]) -> str | None:
    """The algorithm of the first hash the package lists (a file's or a part's), or None when it
    lists none. A hash without a prefix is MD5, as Frictionless Data Packages read it."""
    for resource in resources:
        parts = [p for p in resource.get("parts") or [] if isinstance(p, dict)]
        for entry in (resource, *parts):
            value = entry.get("hash")
            if isinstance(value, str):
                algorithm, sep, _ = value.partition(":")
                algorithm = algorithm.lower() if sep else "md5"
                return algorithm if algorithm in hashlib.algorithms_available else "sha256"
    return None
