"""What the Data page says about an export set: its tables as found, the contract, a download.

Pure functions of a validation `Report` (and the contract): no Streamlit here. Column headings
are in the interface language, so a page only lays the frames out.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from findings import i18n
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


def report_lines(report: Report) -> list[str]:
    """The validator's lines, as the CLI prints them, with the folder shown by its name only
    (a server's paths are nobody's business)."""
    lines = [str(p) for p in report.problems] + [report.summary()]
    return [line.replace(str(report.data_dir), report.data_dir.name + "/") for line in lines]


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
    """The export set as one zip: every table's Parquet files, in their folders, and the
    datapackage.json. `theme_codes`, when given, replaces that table (its excerpt text following
    the consent rule); the tables in `leave_out` are not included."""
    leave_out = set(leave_out)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:  # Parquet is compressed
        for name, source in report.sources.items():
            if name in leave_out:
                continue
            if name == "theme_codes" and theme_codes is not None:
                sink = io.BytesIO()
                pq.write_table(pa.Table.from_pandas(theme_codes, preserve_index=False), sink)
                archive.writestr("theme_codes.parquet", sink.getvalue())
                continue
            for part in source.files:
                archive.write(part, part.relative_to(report.data_dir).as_posix())
        package = report.data_dir / PACKAGE_FILE
        if package.is_file():
            archive.write(package, PACKAGE_FILE)
    return buffer.getvalue()
