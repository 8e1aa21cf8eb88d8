"""How large the parts of a zip-based file (.docx, .xlsx) may be once inflated.

A .docx or .xlsx is a zip archive, and its parts are read into memory whole: the .docx reader
inflates word/document.xml and parses it with lxml, openpyxl inflates and parses every sheet.
A part that inflates to a gigabyte (a damaged file, or one made to do it: a few megabytes of
repeated XML compress a thousandfold) took 2.1 GB of memory in one worker before the XML was
refused (blind probe AF); a batch with a worker per core can run a laptop out of memory.

The sizes are checked from the zip's central directory before anything is inflated. The
declared size is what reading may give: Python's zipfile stops inflating a member at its
declared size and fails the CRC check if the data goes on, so a member cannot lie its way past.

Real reports are far below the limits: a 300-page report's document.xml is 5–10 MB, a
self-evaluation workbook's sheets a few MB.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable

from extract.errors import ReadError

MIB = 1 << 20

# One part, inflated. lxml's tree takes several times the XML's size again.
MAX_PART_BYTES = 128 * MIB
# All the parts read together.
MAX_TOTAL_BYTES = 512 * MIB

REASON = (
    "文件解压后内容过大（{what}解压后约 {size:,.0f} MB，超过上限 {limit:,.0f} MB），"
    "可能已损坏或是被构造成“压缩炸弹”的文件，为免耗尽内存未读取；如确为正常文件，请拆分后重新提交"
)


class InflatedTooLargeError(ReadError):
    """A part of a zip-based file (or all of them together) would inflate past the limits."""


class InflationBudget:
    """The parts of one file as they are read: each within ``max_part``, all within ``max_total``."""

    def __init__(self, max_part: int = MAX_PART_BYTES, max_total: int = MAX_TOTAL_BYTES) -> None:
        self.max_part, self.max_total = max_part, max_total
        self.total = 0

    def admit(self, info: zipfile.ZipInfo) -> None:
        """Count ``info``'s inflated size, or raise InflatedTooLargeError before it is read."""
        if info.file_size > self.max_part:
            raise _error(f"其中的“{info.filename}”", info.file_size, self.max_part,
                         f"{info.filename}: {info.file_size} bytes inflated from {info.compress_size}")
        self.total += info.file_size
        if self.total > self.max_total:
            raise _error("全部内容", self.total, self.max_total,
                         f"{self.total} bytes inflated, {info.filename} the last")

    def read(self, archive: zipfile.ZipFile, member: str) -> bytes:
        """``archive.read(member)`` once its size is admitted (KeyError when it is missing)."""
        self.admit(archive.getinfo(member))
        return archive.read(member)


def check_inflated_sizes(archive: zipfile.ZipFile, members: Iterable[str]) -> None:
    """Raise InflatedTooLargeError when ``members`` together or one of them would inflate past the
    limits. A name the archive lacks is skipped: reading it fails later with its own error."""
    budget = InflationBudget()
    for name in members:
        try:
            info = archive.getinfo(name)
        except KeyError:
            continue
        budget.admit(info)


def _error(what: str, size: int, limit: int, detail: str) -> InflatedTooLargeError:
    return InflatedTooLargeError(REASON.format(what=what, size=size / MIB, limit=limit / MIB), detail)
