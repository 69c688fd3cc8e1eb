"""Writing the sample export set: one Parquet file per contract table and a `datapackage.json`,
staged beside the output folder and moved into it only when complete.
"""

from __future__ import annotations

import json
import operator
import os
import re
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from findings import version
from findings.sample.descriptor import descriptor
from findings.sample.facts import SESSIONS
from findings.sample.generate import (
    Generator,
    People,
    draw_media,
    draw_people,
    rule_themes_table,
    rules_table,
    sessions_table,
    themes_table,
)
from findings.sample.schema import (
    PACKAGE_FILE,
    PART_FILE,
    PARTITION_COLUMN,
    PARTITIONED_TABLE,
    SCHEMAS,
    TABLE_NAMES,
)

#: Above this many excerpts, theme_codes is written as `theme_codes/session_id=S1/part-00000.parquet`...
PARTITION_ABOVE = 200_000
#: Excerpts generated (and written as one row group) at a time; bounds memory.
BATCH_EXCERPTS = 250_000
COMPRESSION = "zstd"


def write_sample(
    out_dir: Path,
    excerpts: int = 1500,
    seed: int = 2025,
    *,
    partition_above: int = PARTITION_ABOVE,
    batch_excerpts: int = BATCH_EXCERPTS,
) -> dict:
    """Write the sample export set into `out_dir` and return its row count per table.

    `out_dir` is created if needed. If it exists it may hold only files this function writes
    (a previous sample), which are replaced; anything else makes it refuse with ValueError.
    `theme_codes` is one file up to `partition_above` excerpts and a hive-partitioned folder
    above. Same arguments, same bytes.
    """
    out_dir = Path(os.path.abspath(out_dir))  # so "." and "x/.." have a real name and parent
    excerpts = _positive_int("excerpts", excerpts)
    seed = _non_negative_int("seed", seed)
    partition_above = _non_negative_int("partition_above", partition_above)
    batch_excerpts = _positive_int("batch_excerpts", batch_excerpts)
    _check_out_dir(out_dir)

    partitioned = excerpts > partition_above
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".partial", dir=out_dir.parent))
    try:
        people = draw_people(seed)
        media = draw_media(seed)
        tables = {
            "sessions": sessions_table(),
            "participants": people.table,
            "themes": themes_table(),
            "rules": rules_table(),
            "rule_themes": rule_themes_table(),
            "media": media,
        }
        counts = {}
        for name in TABLE_NAMES:
            if name == "theme_codes":
                counts[name] = write_theme_codes(staging, people, excerpts, seed, partitioned, batch_excerpts)
            else:
                pq.write_table(tables[name], staging / f"{name}.parquet", compression=COMPRESSION)
                counts[name] = tables[name].num_rows
        package = version.with_hashes(staging, descriptor(excerpts, seed, partitioned))
        (staging / PACKAGE_FILE).write_text(
            json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        _move_into(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


# ---------------------------------------------------------------------------------------------
# Arguments and the output folder
# ---------------------------------------------------------------------------------------------


def _non_negative_int(name: str, value) -> int:
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, not a bool")
    value = operator.index(value)
    if value < 0:
        raise ValueError(f"{name} must be zero or more, got {value}")
    return value


def _positive_int(name: str, value) -> int:
    value = _non_negative_int(name, value)
    if value == 0:
        raise ValueError(f"{name} must be at least 1")
    return value


_OWN_FILES = frozenset({f"{t}.parquet" for t in TABLE_NAMES} | {PACKAGE_FILE})
_PARTITION_DIR = re.compile(rf"{PARTITION_COLUMN}=[A-Za-z0-9_-]+")
_PART_NAME = re.compile(r"part-\d{5}\.parquet")


def _foreign_entries(out_dir: Path) -> list[Path]:
    """Everything in out_dir that a previous run of write_sample could not have written."""
    foreign = []
    for entry in sorted(out_dir.iterdir()):
        if entry.is_symlink():
            foreign.append(entry)
        elif entry.name in _OWN_FILES and entry.is_file():
            continue
        elif entry.name == PARTITIONED_TABLE and entry.is_dir():
            for sub in sorted(entry.iterdir()):
                if sub.is_symlink() or not sub.is_dir() or not _PARTITION_DIR.fullmatch(sub.name):
                    foreign.append(sub)
                    continue
                foreign.extend(
                    part
                    for part in sorted(sub.iterdir())
                    if part.is_symlink() or not part.is_file() or not _PART_NAME.fullmatch(part.name)
                )
        else:
            foreign.append(entry)
    return foreign


def _check_out_dir(out_dir: Path) -> None:
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ValueError(f"{out_dir} exists and is not a folder")
    foreign = _foreign_entries(out_dir)
    if foreign:
        shown = ", ".join(str(p.relative_to(out_dir)) for p in foreign[:5])
        more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        raise ValueError(
            f"{out_dir} holds files that are not part of a sample export set ({shown}{more}); "
            "refusing to write there. Choose an empty or new folder."
        )


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _move_into(staging: Path, out_dir: Path) -> None:
    """Replace out_dir's sample files by the freshly written ones (and drop the other form)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _check_out_dir(out_dir)  # again: the folder may have changed during a long run
    for stale in ("theme_codes.parquet", PARTITIONED_TABLE):
        if not (staging / stale).exists():
            _remove(out_dir / stale)
    # the descriptor last: until it lists the new files' hashes, the set is refused, not mixed
    for entry in sorted(staging.iterdir(), key=lambda e: (e.name == PACKAGE_FILE, e.name)):
        _remove(out_dir / entry.name)
        os.replace(entry, out_dir / entry.name)


# ---------------------------------------------------------------------------------------------
# theme_codes, in batches
# ---------------------------------------------------------------------------------------------


def write_theme_codes(
    root: Path, people: People, excerpts: int, seed: int, partitioned: bool, batch: int
) -> int:
    """Write theme_codes.parquet, or theme_codes/session_id=…/part-00000.parquet; return rows."""
    gen = Generator(seed, people, excerpts)
    schema = SCHEMAS["theme_codes"]
    writers: dict[int, pq.ParquetWriter] = {}
    rows = 0
    try:
        for start in range(0, excerpts, batch):
            table, session = gen.batch(start, min(start + batch, excerpts))
            rows += table.num_rows
            if not partitioned:
                if not writers:
                    writers[0] = pq.ParquetWriter(
                        root / "theme_codes.parquet", schema, compression=COMPRESSION
                    )
                writers[0].write_table(table)
                continue
            file_schema = schema.remove(schema.get_field_index(PARTITION_COLUMN))
            for s, spec in enumerate(SESSIONS):
                mask = session == s
                if not mask.any():
                    continue
                if s not in writers:
                    folder = root / PARTITIONED_TABLE / f"{PARTITION_COLUMN}={spec.session_id}"
                    folder.mkdir(parents=True)
                    writers[s] = pq.ParquetWriter(folder / PART_FILE, file_schema, compression=COMPRESSION)
                writers[s].write_table(table.filter(pa.array(mask)).drop_columns(PARTITION_COLUMN))
            del table, session
    finally:
        for writer in writers.values():
            writer.close()
    return rows
