"""Turning what researchers already have into an export set the dashboard can show.

- `qdpx`: a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder, Dedoose) -> contract tables;
- `tables`: a folder of CSV files or one Excel workbook -> contract tables, typed;
- `output`: writes the tables as Parquet with a datapackage.json, validated, all or nothing;
- `archive`, `xmlsafe`: reading untrusted zips and XML without being harmed by them;
- `inventory`: what the Data page says about a loaded export set (tables, contract, download);
- `upload`: a researcher's upload, unpacked and checked for one browser session only.

Every failure an importer can meet in a user's file is an `ImportFailed` carrying plain lines
(`ERROR ...`), which the command line prints and the Data page shows; nothing is written then.
"""

from __future__ import annotations


class ImportFailed(Exception):
    """The input cannot become a valid export set; `lines` say why, one problem per line."""

    def __init__(self, lines: list[str] | str):
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("; ".join(self.lines))
