"""Untrusted .qdpx files: each malformed or hostile archive gives one clear error and writes nothing."""

from __future__ import annotations

import io
import stat
import struct
import warnings
import xml.etree.ElementTree as ET
import zipfile

import pytest
from test_import_qdpx import NS, project, qdpx_bytes

from findings import cli
from findings.importers import ImportFailed
from findings.importers.archive import Limits
from findings.importers.qdpx import import_qdpx

GOOD_XML = ET.tostring(project(), encoding="utf-8", xml_declaration=True)


def archive(*entries: tuple[str | zipfile.ZipInfo, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we make on purpose
        with zipfile.ZipFile(buffer, "w", compression=method) as zipped:
            for name, data in entries:
                zipped.writestr(name, data)
    return buffer.getvalue()


def symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><Project name="x">&c;</Project>'
)
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>'
# a valid project padded with 3 MB of spaces: compresses about a thousand to one
BOMB = GOOD_XML.replace(b"</Project>", b" " * 3_000_000 + b"</Project>")

HOSTILE = {
    "zip slip": (
        archive(("project.qde", GOOD_XML), ("../../evil.txt", b"x")),
        "'../../evil.txt' climbs out of the folder",
    ),
    "absolute path": (
        archive(("project.qde", GOOD_XML), ("/etc/cron.d/evil", b"x")),
        "'/etc/cron.d/evil' is an absolute path",
    ),
    "drive letter": (archive(("project.qde", GOOD_XML), ("C:\\evil.txt", b"x")), "is an absolute path"),
    "symbolic link": (
        archive(("project.qde", GOOD_XML), (symlink("Sources/link.txt"), b"/etc/passwd")),
        "is a symbolic link",
    ),
    "duplicate entry": (archive(("project.qde", GOOD_XML), ("project.qde", b"<Project/>")), "appears twice"),
    "zip bomb": (archive(("project.qde", BOMB)), "is compressed"),
    "missing project.qde": (archive(("Sources/morning.txt", b"hello")), "holds no project.qde"),
    "malformed XML": (
        archive(("project.qde", b"<Project><CodeBook></Project>")),
        "is not well-formed XML (line 1, column",
    ),
    "entity expansion": (archive(("project.qde", LAUGHS)), "declares a document type"),
    "external entity": (archive(("project.qde", EXTERNAL)), "declares a document type"),
    "not a zip": (b"PK but not really a zip archive", "is not a zip archive"),
    "not a project": (archive(("project.qde", b"<Codebook/>")), "is not a REFI-QDA project"),
    "nested too deep": (
        archive(("project.qde", b"<a>" * 300 + b"</a>" * 300)),
        "nests elements more than 200 deep",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_archive_is_refused_clearly(case):
    data, says = HOSTILE[case]
    with pytest.raises(ImportFailed) as caught:
        import_qdpx(data, file_name="hostile.qdpx")
    text = "\n".join(caught.value.lines)
    assert says in text, text
    assert all(line.startswith("ERROR ") for line in caught.value.lines)


@pytest.mark.parametrize(
    "case", ["zip slip", "zip bomb", "missing project.qde", "malformed XML", "entity expansion"]
)
def test_command_line_writes_nothing_and_prints_no_traceback(case, tmp_path, capsys):
    data, says = HOSTILE[case]
    (tmp_path / "hostile.qdpx").write_bytes(data)
    out = tmp_path / "out"
    code = cli.main(["import", "qdpx", str(tmp_path / "hostile.qdpx"), str(out)])
    printed = capsys.readouterr()
    assert code == 1
    assert says in printed.out and "nothing was written" in printed.out
    assert "Traceback" not in printed.out + printed.err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.qdpx"]  # nothing beside it either


def test_a_member_larger_than_allowed_is_refused_even_uncompressed():
    limits = Limits(member_bytes=1_000_000)
    with pytest.raises(ImportFailed) as caught:
        import_qdpx(
            archive(("project.qde", BOMB), method=zipfile.ZIP_STORED), file_name="big.qdpx", limits=limits
        )
    assert "would expand to 3.0 MB, more than the 1.0 MB allowed for one file" in caught.value.lines[0]


def test_a_header_that_understates_the_size_lets_no_more_bytes_through():
    data = bytearray(archive(("project.qde", BOMB)))
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 1000)  # uncompressed size in the local header
    struct.pack_into("<I", data, central + 24, 1000)  # and in the central directory
    with pytest.raises(ImportFailed) as caught:
        import_qdpx(bytes(data), file_name="liar.qdpx")
    assert caught.value.lines == [
        "ERROR liar.qdpx: project.qde cannot be read (Bad CRC-32 for file 'project.qde')"
    ]


def test_oversized_archive_is_refused_before_reading():
    data = qdpx_bytes(project())
    with pytest.raises(ImportFailed) as caught:
        import_qdpx(data, file_name="big.qdpx", limits=Limits(archive_bytes=len(data) - 1))
    assert "more than the" in caught.value.lines[0] and "allowed" in caught.value.lines[0]


MORNING_SOURCE = "'Morning session'"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (
            "internal://../../../etc/passwd",
            f"whose text path leaves the archive's folder; refused: {MORNING_SOURCE}",
        ),
        (
            "absolute:///etc/passwd",
            f"whose text lies outside the archive, never read: {MORNING_SOURCE} (absolute://)",
        ),
        (
            "relative://../notes.txt",
            f"whose text lies outside the archive, never read: {MORNING_SOURCE} (relative://)",
        ),
        (
            "internal://nowhere.txt",
            f"whose text file is missing from the archive: {MORNING_SOURCE} (nowhere.txt)",
        ),
    ],
)
def test_source_paths_never_leave_the_archive(path, reason):
    root = project()
    morning = next(s for s in root.iter(f"{{{NS}}}TextSource") if s.get("name") == "Morning session")
    morning.set("plainTextPath", path)
    result = import_qdpx(qdpx_bytes(root), file_name="p.qdpx")
    assert f"  4 in sources {reason}" in result.summary  # s1, s2, s3 and s5
    assert all(c["session_id"] != "S1" for c in result.tables["theme_codes"].to_pylist())


def test_text_that_is_not_utf8_is_reported():
    result = import_qdpx(
        qdpx_bytes(project(), {"Sources/morning.txt": "Café".encode("latin-1")}), file_name="p.qdpx"
    )
    assert "  4 in sources whose text file is not UTF-8 text: 'Morning session'" in result.summary
