"""What a download holds: tables as CSV that spreadsheets open as data, or as Parquet."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as UTF-8 CSV that a spreadsheet opens as data: text starting like a formula
    (=, +, -, @, tab, return) gets a leading apostrophe, so a quote such as '=HYPERLINK(...)'
    cannot run when a researcher opens the download."""

    def inert(value):
        return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value

    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(inert)
    return safe.to_csv(index=False).encode("utf-8")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer)
    return buffer.getvalue()
