"""One version of an export set: the files as they were when the app opened them.

A running app must read consent, the excerpt patterns and the excerpt text from the same version
of the export set. Two things make that hold:

- **Hashes, checked before a set is opened.** `datapackage.json` may list, for each resource, the
  hash of its file (`"hash": "sha256:<hex>"`, as Frictionless Data Packages do; a hash without a
  prefix is MD5, as Frictionless reads it), and for a table written as a folder of parts, each
  part's path and hash under `"parts"`. When any resource lists a hash, the set is opened only if
  every Parquet file of every table is listed and matches: a set still being written, file by
  file, is refused, naming the file that does not match (`mismatches`).
- **A stamp, checked around every query.** A stamp is what the file system says of a list of files
  (size, modification time, inode, change time): rewriting or replacing a file changes it, and it
  never comes back. A Database stamps its files when it opens and refuses to read them once the
  stamp differs (`db.DataChanged`), rather than mix new text with the consent it holds in memory.

Publishing safely (README, "Publishing a new export safely"): write the new set into a folder of
its own and switch a symlink to it in one rename, or write the Parquet files and then, last, a
`datapackage.json` listing their hashes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from findings.contract import TableSource

#: The algorithm the writers in this repository use; readers accept any `hashlib` name.
HASH_ALGORITHM = "sha256"
_CHUNK = 1 << 20


def file_hash(path: Path, algorithm: str = HASH_ALGORITHM) -> str:
    """A file's hash as a Frictionless descriptor writes it: `sha256:<hex>`."""
    digest = hashlib.new(algorithm)
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return f"{algorithm}:{digest.hexdigest()}"


def with_hashes(folder: Path, package: Mapping) -> dict:
    """A copy of `package` whose resources list the hash (and size) of the files just written
    under `folder`: `hash` and `bytes` for a one-file resource, and for a folder resource
    (`"path": "<table>/"`) each Parquet part under `parts`. Write the descriptor last."""
    root = Path(folder)
    out = dict(package)
    resources = []
    for resource in package.get("resources") or []:
        resource = dict(resource)
        path = str(resource.get("path", ""))
        if path.endswith("/"):
            files = sorted(p for p in (root / path).rglob("*.parquet") if p.is_file())
            resource["parts"] = [_described(root, f.relative_to(root).as_posix()) for f in files]
        elif (root / path).is_file():  # bytes and hash beside the path they describe
            items = list(resource.items())
            at = [key for key, _ in items].index("path") + 1
            extra = [(k, v) for k, v in _described(root, path).items() if k != "path"]
            resource = dict(items[:at] + extra + items[at:])
        resources.append(resource)
    out["resources"] = resources
    return out


def _described(root: Path, path: str) -> dict:
    file = root / path
    return {"path": path, "bytes": file.stat().st_size, "hash": file_hash(file)}


def stamp(files: Iterable[Path]) -> tuple:
    """What the file system says of these files now; any rewrite or replacement changes it."""
    out = []
    for file in files:
        try:
            st = os.stat(file)
        except OSError:
            out.append((str(file), None))
            continue
        out.append((str(file), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns))
    return tuple(out)


def signature(folder: Path) -> tuple:
    """The stamp of every file under a folder (the folder itself resolved once, so a symlinked
    `current` names the version it points to now). Read on every rerun, so in plain strings."""
    top = os.fspath(folder)
    found = []
    for root, _dirs, names in os.walk(top):
        found.extend(os.path.join(root, name) for name in names)
    stamped = stamp(sorted(found))
    # names as bytes: a name that is not UTF-8 must still make a key (the validator then refuses it)
    return tuple((os.fsencode(os.path.relpath(entry[0], top)), *entry[1:]) for entry in stamped)


def listed(package: Mapping) -> dict[str, str] | None:
    """The hash listed for each file path (relative, posix), or None when the package lists none."""
    resources = package.get("resources")
    if not isinstance(resources, list):
        return None
    listed: dict[str, str] = {}
    for resource in resources:
        if not isinstance(resource, dict):
            continue
        entries = [resource, *(p for p in resource.get("parts") or [] if isinstance(p, dict))]
        for entry in entries:
            path, value = entry.get("path"), entry.get("hash")
            if isinstance(path, str) and isinstance(value, str) and not path.endswith("/"):
                listed[path] = value
    return listed or None


def _algorithm(value: str) -> tuple[str, str]:
    algorithm, sep, hexdigest = value.partition(":")
    return (algorithm.lower(), hexdigest.lower()) if sep else ("md5", value.lower())


def mismatches(data_dir: Path, package: Mapping, sources: Mapping[str, TableSource]) -> list[str]:
    """Why this set is not the version its `datapackage.json` describes, one line per file
    (paths relative to the set); nothing when the package lists no hashes."""
    hashes = listed(package)
    if hashes is None:
        return []
    data_dir = Path(data_dir)
    problems = []
    for path, value in sorted(hashes.items()):
        algorithm, expected = _algorithm(value)
        file = data_dir / path
        if algorithm not in hashlib.algorithms_available:
            problems.append(f"{path}: unknown hash algorithm {algorithm!r}")
        elif not file.is_file():
            problems.append(f"{path} is listed with a hash but missing")
        elif file_hash(file, algorithm).partition(":")[2] != expected:
            problems.append(
                f"{path} does not match the hash it lists: the export set is incomplete "
                "(still being written?) or was changed after it was described"
            )
    for source in sources.values():
        for file in source.files:
            path = file.relative_to(data_dir).as_posix()
            if path not in hashes:
                problems.append(f"{path} is not listed with a hash, though the other files are")
    return problems
