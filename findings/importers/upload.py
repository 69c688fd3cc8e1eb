"""A researcher's upload, for one browser session only.

`receive` turns the bytes of an upload (a .zip of an export set in Parquet or CSV, or a .qdpx
project) into a validated export set in a private temporary folder (mode 0700, outside the shared
data folder). The folder lives exactly as long as the `Outcome` that names it: when the session
forgets it (a new upload, "back to the shared data", or the session ending), it is deleted.
Keeping an outcome for one browser session is `findings/app/upload.py`'s work.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from findings.contract import TABLES_BY_NAME, is_parquet_part
from findings.importers import ImportFailed, archive, mapping, output, qdpx, tables
from findings.importers.archive import SafeZip, member_parts
from findings.validate import PACKAGE_FILE, Report, validate

MAX_UPLOAD_MB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1000**2
#: Parquet compresses too: an uploaded table may not claim more rows or bytes than this.
MAX_PARQUET_ROWS = 5_000_000
MAX_PARQUET_BYTES = 1000**3
UPLOAD_TYPES = ("zip", "qdpx")


@dataclass
class Outcome:
    name: str
    ok: bool
    lines: list[str]  # the problems (and the validator's summary) or, when ok, the validator's lines
    summary: list[str] = field(default_factory=list)  # what the import did
    folder: Path | None = None
    report: Report | None = None


def _keep_until_forgotten(outcome: Outcome) -> Outcome:
    weakref.finalize(outcome, shutil.rmtree, str(outcome.folder), True)
    return outcome


def _wrapper(names: list[str]) -> tuple[str, ...]:
    """A single top-level folder that everything sits in (as zipping a folder makes), if any."""
    tops = {member_parts(n)[0] for n in names if len(member_parts(n)) > 1}
    loose = [n for n in names if len(member_parts(n)) == 1]
    return (tops.pop(),) if len(tops) == 1 and not loose else ()


def _unpack_export_set(data: bytes, name: str, folder: Path) -> list[str]:
    """Extract the tables of a zipped export set into `folder`; CSV tables are converted."""
    with SafeZip(data, name, archive.UPLOAD) as zipped:
        names = [
            n for n in zipped.names() if not any(p.startswith((".", "__MACOSX")) for p in member_parts(n))
        ]
        prefix = _wrapper(names)
        parquet, csvs, package = [], [], None
        for stored in names:
            parts = member_parts(stored)[len(prefix) :]
            if parts == (PACKAGE_FILE,):
                package = stored
            elif parts[0].removesuffix(".parquet") in TABLES_BY_NAME and is_parquet_part(parts[-1]):
                parquet.append((stored, parts))
            elif len(parts) == 1 and parts[0].casefold().endswith(".csv"):
                csvs.append((stored, parts))
        if parquet:
            for stored, parts in parquet:
                target = folder.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zipped.read(stored))
            if package:
                (folder / PACKAGE_FILE).write_bytes(zipped.read(package, max_bytes=1000**2))
            _check_parquet_sizes(folder, name)
            return [f"unpacked {len(parquet):,} Parquet files from {name}"]
        if csvs:
            staging = Path(tempfile.mkdtemp(prefix="findings-csv-"))
            try:
                for stored, parts in csvs:
                    (staging / parts[0]).write_bytes(zipped.read(stored))
                if package:
                    (staging / PACKAGE_FILE).write_bytes(zipped.read(package, max_bytes=1000**2))
                converted = tables.import_tables(staging, display_name=name)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            output.write_to_folder(converted.tables, converted.package, folder)
            return converted.summary
    raise ImportFailed(
        f"ERROR {name} holds no tables: expected <table>.parquet files (or <table>/ folders) or <table>.csv "
        "files"
    )


def _check_parquet_sizes(folder: Path, name: str) -> None:
    """Refuse Parquet that would expand past what a session may hold, from the footers alone
    (read before the validator decompresses a single page)."""
    rows = size = 0
    for path in folder.rglob("*"):
        if not path.is_file() or not is_parquet_part(path.name):
            continue
        try:
            meta = pq.ParquetFile(path).metadata
        except (pa.ArrowException, OSError):
            continue  # the validator names the damaged file
        rows += meta.num_rows
        size += sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if rows > MAX_PARQUET_ROWS or size > MAX_PARQUET_BYTES:
        raise ImportFailed(
            f"ERROR {name} holds {rows:,} rows ({size / 1000**2:,.0f} MB uncompressed); an upload may hold "
            f"up to {MAX_PARQUET_ROWS:,} rows and {MAX_PARQUET_BYTES // 1000**2:,} MB"
        )


def receive(name: str, data: bytes, map_text: str | None = None) -> Outcome:
    """Check an upload and, when it is a valid export set, keep it in a private folder."""
    folder = Path(tempfile.mkdtemp(prefix="findings-session-"))
    summary: list[str] = []
    try:
        if len(data) > MAX_UPLOAD_BYTES:
            raise ImportFailed(f"ERROR {name} is larger than the {MAX_UPLOAD_MB} MB an upload may be")
        kind = name.casefold().rpartition(".")[2]
        if kind == "qdpx":
            raw = mapping.loads(map_text, "the map file") if map_text else None
            result = qdpx.import_qdpx(data, raw, file_name=name, limits=archive.UPLOAD)
            summary = result.summary
            output.write_to_folder(result.tables, result.package, folder)
        elif kind == "zip":
            summary = _unpack_export_set(data, name, folder)
        else:
            raise ImportFailed(f"ERROR {name}: upload a .zip of an export set or a .qdpx project")
        report = validate(folder)
    except ImportFailed as failed:
        shutil.rmtree(folder, ignore_errors=True)
        return Outcome(name, False, failed.lines, summary)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise

    def shown(line: str) -> str:
        return line.replace(str(folder), name)  # our temp path means nothing to them

    lines = [shown(str(p)) for p in report.problems] + [shown(report.summary())]
    if not report.ok:
        shutil.rmtree(folder, ignore_errors=True)
        return Outcome(name, False, lines, summary)
    return _keep_until_forgotten(Outcome(name, True, lines, summary, folder, report))
