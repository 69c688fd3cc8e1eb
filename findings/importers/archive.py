"""Reading a zip archive that may have been made to do harm.

Checked before anything is read: the archive's own size, the number of entries, every entry's
name (nothing absolute, no `..`, no drive letter, no symbolic link, no name twice) and that no
entry is encrypted. Checked while reading: each member's size and how deeply it is compressed
(a zip bomb expands a few kilobytes into gigabytes), counted on the bytes actually produced,
not only on what the headers claim. Every refusal is an `ImportFailed` with one plain line.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from findings.importers import ImportFailed

KB, MB, GB = 1000, 1000**2, 1000**3
_CHUNK = 1024 * 1024
#: Members smaller than this may be compressed any amount (tiny repetitive files are harmless).
RATIO_FLOOR = 256 * KB


@dataclass(frozen=True)
class Limits:
    """How much an archive may hold and how much of it we will ever decompress."""

    archive_bytes: int = 4 * GB  # the zip file itself
    entries: int = 100_000
    member_bytes: int = 512 * MB  # any one member read or extracted
    total_bytes: int = 2 * GB  # everything read or extracted from one archive
    ratio: int = 100  # uncompressed / compressed size, for members above RATIO_FLOOR


#: For files a researcher runs the command line on.
COMMAND_LINE = Limits()
#: For files uploaded through the browser (the Data page also caps the upload itself).
UPLOAD = Limits(archive_bytes=50 * MB, entries=5_000, member_bytes=64 * MB, total_bytes=200 * MB)

_DRIVE = re.compile(r"^[A-Za-z]:")


def _size(n: int) -> str:
    for unit, size in (("GB", GB), ("MB", MB), ("kB", KB)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"


def unsafe_name(name: str) -> str | None:
    """Why an entry name could write or read outside the folder it is unpacked into, or None."""
    if "\x00" in name:
        return "holds a NUL character"
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "is an absolute path"
    parts = re.split(r"[\\/]", name)
    if ".." in parts:
        return "climbs out of the folder with '..'"
    return None


def member_parts(name: str) -> tuple[str, ...]:
    """An entry's path as folder names (either slash accepted; empty and '.' parts dropped)."""
    return tuple(p for p in re.split(r"[\\/]", name) if p not in ("", "."))


class SafeZip:
    """A zip archive opened for careful reading; use as a context manager."""

    def __init__(self, source: Path | bytes, what: str, limits: Limits = COMMAND_LINE):
        self.what = what
        self.limits = limits
        self._read_total = 0
        size = len(source) if isinstance(source, (bytes, bytearray)) else Path(source).stat().st_size
        if size > limits.archive_bytes:
            raise ImportFailed(
                f"ERROR {what} is {_size(size)}, more than the {_size(limits.archive_bytes)} allowed"
            )
        try:
            handle = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else Path(source).open("rb")
            self._zip = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise ImportFailed(f"ERROR {what} is not a zip archive (or it is damaged)") from None
        try:
            self._infos = self._check_entries()
        except ImportFailed:
            self._zip.close()
            raise

    def _check_entries(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > self.limits.entries:
            raise ImportFailed(
                f"ERROR {self.what} holds {len(infos):,} entries, more than the {self.limits.entries:,} "
                "allowed"
            )
        seen: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            why = unsafe_name(info.filename)
            if why:
                raise ImportFailed(
                    f"ERROR {self.what}: entry {info.filename!r} {why}; an archive must keep to its own "
                    "folder, so it was refused"
                )
            mode = info.external_attr >> 16
            if info.create_system == 3 and stat.S_ISLNK(mode):  # made on Unix, a symbolic link
                raise ImportFailed(f"ERROR {self.what}: entry {info.filename!r} is a symbolic link; refused")
            if info.flag_bits & 0x1:
                raise ImportFailed(f"ERROR {self.what}: entry {info.filename!r} is encrypted; refused")
            key = "/".join(member_parts(info.filename))
            if info.is_dir():
                continue
            if key in seen:
                raise ImportFailed(f"ERROR {self.what}: entry {info.filename!r} appears twice; refused")
            seen[key] = info
        return seen

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        fp = self._zip.fp
        self._zip.close()
        if fp is not None:
            fp.close()

    def names(self) -> list[str]:
        """The files in the archive, as 'folder/name' paths with forward slashes."""
        return list(self._infos)

    def find(self, path: str) -> str | None:
        """The stored name for a path, matched exactly, else ignoring case; None when absent."""
        key = "/".join(member_parts(path))
        if key in self._infos:
            return key
        folded = [name for name in self._infos if name.casefold() == key.casefold()]
        return folded[0] if len(folded) == 1 else None

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read(self, name: str, max_bytes: int | None = None) -> bytes:
        """A member's bytes, refused when it is too big or too deeply compressed."""
        info = self._infos[name]
        cap = min(max_bytes or self.limits.member_bytes, self.limits.member_bytes)
        self._check_declared(info, cap)
        out = bytearray()
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    out += chunk
                    self._check_produced(info, len(out), cap)
        except ImportFailed:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
            raise ImportFailed(f"ERROR {self.what}: {name} cannot be read ({exc})") from None
        return bytes(out)

    def _check_declared(self, info: zipfile.ZipInfo, cap: int) -> None:
        if info.file_size > cap:
            raise ImportFailed(
                f"ERROR {self.what}: {info.filename} would expand to {_size(info.file_size)}, "
                f"more than the {_size(cap)} allowed for one file"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > self.limits.ratio * max(info.compress_size, 1):
            raise ImportFailed(self._bomb(info, info.file_size))
        if self._read_total + info.file_size > self.limits.total_bytes:
            raise ImportFailed(
                f"ERROR {self.what} would expand to more than {_size(self.limits.total_bytes)} in all; "
                "refused"
            )

    def _check_produced(self, info: zipfile.ZipInfo, produced: int, cap: int) -> None:
        """The same limits on the bytes actually decompressed (headers can lie)."""
        if produced > cap or produced > info.file_size:
            raise ImportFailed(
                f"ERROR {self.what}: {info.filename} expands beyond its declared or allowed size; refused"
            )
        if produced > RATIO_FLOOR and produced > self.limits.ratio * max(info.compress_size, 1):
            raise ImportFailed(self._bomb(info, produced))
        if self._read_total + produced > self.limits.total_bytes:
            raise ImportFailed(
                f"ERROR {self.what} would expand to more than {_size(self.limits.total_bytes)} in all; "
                "refused"
            )
        if produced == info.file_size:
            self._read_total += produced

    def _bomb(self, info: zipfile.ZipInfo, size: int) -> str:
        ratio = size // max(info.compress_size, 1)
        return (
            f"ERROR {self.what}: {info.filename} is compressed {ratio:,} to 1 (more than "
            f"{self.limits.ratio} to 1 is refused as a possible zip bomb)"
        )
