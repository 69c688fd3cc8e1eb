"""Excerpt patterns built once per version of an export set, then read by every server process.

The same build makes the agreement patterns and the Words page's order of the excerpts (both in
queries/_patterns.sql) and the words of that order's first passages (queries/_word_texts.sql),
kept beside the excerpt patterns.

Building the excerpt patterns (`queries/_patterns.sql`) reads every code row: seconds at a million
excerpts, about ten at ten million. They depend only on the export set's files and on the code that
builds them, so they are built once per version, by `python -m findings build DATA_DIR` (or by the
first process that opens a version nobody built yet), and kept as Parquet files in a cache folder:

    <cache>/patterns-<version key>/manifest.json     what was built, from what, and row counts
    <cache>/patterns-<version key>/<table>.parquet   one file per pattern table

The version key is a SHA-256 over the export set's file contents (the hashes `datapackage.json`
lists once the validator has checked them, else the files hashed here) and over the code that
builds and reads the patterns, so an edited file, a new release of the app or of DuckDB never
reads patterns built for something else. A folder is written under a temporary name and renamed
into place complete, so a process never reads a half-written one; a folder that does not read
back exactly as its manifest says is ignored, and the patterns are built in memory as before.

The cache folder is `FINDINGS_CACHE_DIR` when set (`off` turns the cache off), else the user's
cache folder (`$XDG_CACHE_HOME/assembly-findings`, `~/.cache/assembly-findings`). It holds the
words of the first passages of the Words page's order whose speakers let the research audience
quote them (never the words of a speaker who refused), it decides which passages each speaker said
(so whose consent applies to them), whether the set records people, and names the coders: it is
kept private to the serving user (0700), and read only when the folder, its cache
folder and its files belong to the serving user, are no symbolic links and are writable by nobody
else (else the patterns are built in memory, with a warning). Deleting it only costs the next start the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from findings import version
from findings.contract import TableSource

CACHE_ENV = "FINDINGS_CACHE_DIR"
OFF = ("off", "none", "0", "false", "no")
#: bumped when what a cache folder holds changes shape
FORMAT = 1
#: the pattern tables the queries read, in the order they are created
TABLES = (
    "_code_kinds",
    "packed._pattern_codes",
    "_code_counts",
    "_theme_bits",
    "packed._code_masks",
    "_patterns",
    "packed._excerpt_patterns",
    "_pattern_starts",
    "packed._word_order",
    "_totals",
    "_agreement_kinds",
    "_agreement_patterns",
    "_agreement_pattern_kinds",
    "packed._word_texts",  # queries/_word_texts.sql, once the macros are loaded
)
MANIFEST = "manifest.json"
_PACKAGE = Path(__file__).resolve().parent
#: the code whose change changes the patterns: the SQL that builds them, the views it reads
#: (their casts come from the contract) and this file's way of storing them
_CODE = (
    _PACKAGE.parent / "queries" / "_patterns.sql",
    _PACKAGE.parent / "queries" / "_word_texts.sql",
    _PACKAGE / "contract.py",
    _PACKAGE / "db.py",
    Path(__file__).resolve(),
)

log = logging.getLogger(__name__)


def cache_root() -> Path | None:
    """Where built patterns are kept, or None when the deployment turned the cache off."""
    raw = os.environ.get(CACHE_ENV, "").strip()
    if raw.lower() in OFF:
        return None
    if raw:
        return Path(raw).expanduser().absolute()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "assembly-findings"


def _code_hash() -> str:
    digest = hashlib.sha256()
    for file in _CODE:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def version_key(data_dir: Path, sources: Mapping[str, TableSource], package: Mapping | None = None) -> str:
    """One export set's version as a key: its files' contents and the code that builds patterns.

    Uses the hashes `package` lists when it lists one for every file (the validator has checked
    them by then: a set whose files do not match is never opened); else hashes the files."""
    data_dir = Path(data_dir)
    listed = version.listed(package or {}) or {}
    files = []
    for table in sorted(sources):
        for file in sorted(sources[table].files):
            # as the set names it (a file may be a link to elsewhere), like version.mismatches
            path = Path(os.path.relpath(Path(file).absolute(), data_dir.absolute())).as_posix()
            files.append([table, path, listed.get(path) or version.file_hash(file)])
    described = {"format": FORMAT, "duckdb": duckdb.__version__, "code": _code_hash(), "files": files}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Store:
    """Where one version's patterns are kept: `load` them into a connection, or `save` them."""

    folder: Path
    key: str

    @classmethod
    def at(cls, root: Path, key: str) -> Store:
        return cls(Path(root) / f"patterns-{key[:32]}", key)

    def exists(self) -> bool:
        try:
            return (self.folder / MANIFEST).is_file()
        except OSError:
            return False

    def _trusted(self) -> str | None:
        """Why this folder may not be read, or None. The patterns decide which passages a speaker
        said (and so whose consent applies) and whether the set records people: a folder is read
        only when it, its cache folder and its files are this user's own, real (no symlink) and
        writable by nobody else."""
        paths = [self.folder.parent, self.folder, self.folder / MANIFEST]
        paths += [self.folder / f"{name}.parquet" for name in TABLES]
        for path in paths:
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                return f"{path.name} is a symbolic link"
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                return f"{path.name} belongs to another user"
            if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return f"{path.name} is writable by other users"
        return None

    def _readable(self) -> dict | None:
        """The folder's Parquet files when it is trusted and reads back as its manifest says."""
        try:
            manifest = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            if manifest.get("key") != self.key or manifest.get("format") != FORMAT:
                return None
            why = self._trusted()
            if why is not None:
                log.warning("ignoring %s: %s", self.folder, why)
                return None
            rows = manifest["rows"]
            files = {name: pq.ParquetFile(self.folder / f"{name}.parquet") for name in TABLES}
            if any(files[name].metadata.num_rows != rows[name] for name in TABLES):
                log.warning("ignoring %s: its files do not match its manifest", self.folder)
                return None
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, pa.ArrowException) as exc:
            log.warning("ignoring %s: %s", self.folder, exc)
            return None
        return files

    def load(self, con: duckdb.DuckDBPyConnection) -> bool:
        """Create the pattern tables in `con` from this folder; False (nothing created) when the
        folder is absent, not trusted, or does not read back exactly as its manifest says."""
        if self._readable() is None:
            return False
        try:
            con.execute("attach ':memory:' as packed (compress)")
            for name in TABLES:  # the module's own table names (TABLES), never data
                # read by DuckDB itself (the folder is readable to the connection: findings/db.py
                # connect), not through Arrow: a third less of the server's memory at a million
                # excerpts, and what Arrow held while converting is never allocated
                con.execute(
                    f"create table {name} as select * from read_parquet($path)",
                    {"path": str(self.folder / f"{name}.parquet")},
                )
            con.execute("checkpoint packed")
        except (OSError, duckdb.Error) as exc:
            log.warning("ignoring %s: %s", self.folder, exc)
            for name in TABLES:  # the module's own table names (TABLES), never data
                con.execute("drop table if exists " + name)
            con.execute("detach database if exists packed")
            return False
        return True

    def save(self, con: duckdb.DuckDBPyConnection) -> bool:
        """Write the pattern tables `con` built; False when the folder cannot be written (the
        reason logged). Another process writing the same version at once is harmless: the first
        complete folder renamed into place is kept."""
        temporary = self.folder.with_name(f"{self.folder.name}.{uuid.uuid4().hex}.tmp")
        try:
            if self._readable() is not None:
                return True
            self.folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # the user's alone
            if self.folder.exists():  # a folder that does not read back: replaced, not trusted
                shutil.rmtree(self.folder)
            temporary.mkdir(mode=0o700)
            rows = {}
            for name in TABLES:
                table = con.table(name).to_arrow_table()
                pq.write_table(table, temporary / f"{name}.parquet")
                rows[name] = table.num_rows
            manifest = {"format": FORMAT, "key": self.key, "rows": rows}
            (temporary / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            for name in TABLES:  # on disk before the folder is renamed into place
                with open(temporary / f"{name}.parquet", "rb") as fh:
                    os.fsync(fh.fileno())
            try:
                temporary.rename(self.folder)
            except OSError:
                if self._readable() is None:  # not another process's complete folder: a real failure
                    raise
        except OSError as exc:
            log.warning("the excerpt patterns could not be kept in %s: %s", self.folder.parent, exc)
            return False
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
        return True


def store_for(data_dir: Path, sources: Mapping[str, TableSource], package: Mapping | None) -> Store | None:
    """The store for this version of the set in the configured cache, or None when it is off."""
    root = cache_root()
    if root is None:
        return None
    try:
        return Store.at(root, version_key(data_dir, sources, package))
    except OSError as exc:  # a file vanished while being hashed: open without the cache
        log.warning("the export set could not be hashed for the pattern cache: %s", exc)
        return None
