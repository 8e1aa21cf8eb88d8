"""Outputs written as results arrive, published all at once at the end.

A batch of thousands of reports must not hold every row in memory, and an interrupted run must
leave the previous outputs whole. Each output streams into a temporary file beside its target;
``commit`` moves every one into place (``os.replace``), ``abort`` deletes them. Until ``commit``,
the previous reports.csv, flags.csv … are untouched.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import IO, Mapping, Sequence

from export.atomic import CSV_ENCODING, make_shareable
from export.sanitize import MAY_NEED_QUOTE, sanitize_value

CSV_BODY_ENCODING, BYTE_ORDER_MARK = "utf-8", "\ufeff"  # CSV_ENCODING, in two parts (see CsvStream)
assert CSV_ENCODING == "utf-8-sig", "CsvStream writes the byte-order mark itself"


class CsvStream:
    """One CSV output being written to a temporary file."""

    def __init__(self, target: Path, columns: Sequence[str], numeric_columns: frozenset[str] = frozenset()) -> None:
        self.target = Path(target)
        self.columns = tuple(columns)
        self.numeric_columns = numeric_columns
        # Whether each column is numeric, once, not a set lookup per cell: a batch writes millions.
        self._numeric = tuple(column in numeric_columns for column in self.columns)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.temp_path = Path(name)
        make_shareable(self.temp_path)
        # UTF-8 after a byte-order mark written once: the same bytes as CSV_ENCODING ("utf-8-sig"),
        # but a text file in "utf-8-sig" sends every write through that codec's Python code, where
        # "utf-8" has CPython's own encoder.
        self._file: IO[str] = os.fdopen(handle, "w", encoding=CSV_BODY_ENCODING, newline="")
        self._file.write(BYTE_ORDER_MARK)
        # A plain csv.writer over the values in column order: DictWriter would build that list
        # again from a dict per row, which cost as much as the write itself.
        self._writer = csv.writer(self._file)
        self._writer.writerow(self.columns)
        self.count = 0

    def write(self, row: Mapping[str, object]) -> dict[str, str]:
        """Write one row (keys outside the columns are left out, missing ones are blank); returns
        it as the CSV holds it, as ``csv.DictReader`` reads it back."""
        # Text that starts with no formula sign or space is kept without a call (sanitize.MAY_NEED_QUOTE).
        values = [
            value if type(value) is str and value[:1] not in MAY_NEED_QUOTE
            else sanitize_value(value, numeric)
            for value, numeric in zip(map(row.get, self.columns), self._numeric)
        ]
        self._writer.writerow(values)
        self.count += 1
        return dict(zip(self.columns, map(str, values)))

    def close(self) -> None:
        if not self._file.closed:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()


class OutputSet:
    """Several streams committed or aborted together."""

    def __init__(self) -> None:
        self.streams: dict[str, CsvStream] = {}
        self._extra: list[tuple[Path, Path]] = []  # (temp file, target) written by other writers

    def add(self, name: str, stream: CsvStream) -> CsvStream:
        self.streams[name] = stream
        return stream

    def add_file(self, temp_path: Path, target: Path) -> None:
        self._extra.append((Path(temp_path), Path(target)))

    def commit(self) -> None:
        for stream in self.streams.values():
            stream.close()
        for stream in self.streams.values():
            os.replace(stream.temp_path, stream.target)
        for temp_path, target in self._extra:
            make_shareable(temp_path)
            os.replace(temp_path, target)

    def abort(self) -> None:
        for stream in self.streams.values():
            stream.close()
            stream.temp_path.unlink(missing_ok=True)
        for temp_path, _ in self._extra:
            temp_path.unlink(missing_ok=True)
