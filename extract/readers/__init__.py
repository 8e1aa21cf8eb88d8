"""Readers: one module per format, chosen by content (see ``sniff``).

Every reader is a function ``read(path: Path, source: str, sha256: str) -> Document`` where
``source`` is the path as the user gave it (used in every Location) and ``sha256`` the file's
hash. Readers raise ``extract.errors.ReadError`` subclasses for files they cannot read.

Legacy and foreign formats (.doc/.wps, .rtf, .odt, .xls/.et, .ods) are converted by LibreOffice
to .docx/.xlsx first (``convert``); without LibreOffice they get an UnsupportedFormatError saying
how to install it.
"""

from __future__ import annotations

import hashlib
from importlib import import_module
from pathlib import Path
from typing import Callable

from extract.errors import CorruptFileError, EmptyFileError, EncryptedFileError, UnsupportedFormatError
from extract.model import Document
from extract.readers.sniff import FileKind, sniff

# Format code (sniffed kind) → "module" implementing ``read``, or "module:function". Imported
# lazily so that reading a .txt batch does not pay for importing pdfplumber or openpyxl.
READERS: dict[str, str] = {
    "docx": "extract.readers.docx",
    "pdf": "extract.readers.pdf",
    "txt": "extract.readers.txt",
    "xlsx": "extract.readers.xlsx",
    "doc": "extract.readers.convert:read_doc",  # .doc and .wps (same format inside)
    "rtf": "extract.readers.convert:read_rtf",
    "odt": "extract.readers.convert:read_odt",
    "xls": "extract.readers.convert:read_xls",  # .xls and .et (same format inside)
    "ods": "extract.readers.convert:read_ods",
}

# What to tell the user for each kind we recognise but cannot read.
ADVICE: dict[str, str] = {
    "ole2": "请用 Office 或 WPS 打开后另存为 .docx 或 PDF 再提交",
    "xlsb": "请用 Excel 或 WPS 打开后“另存为”.xlsx 格式再提交",
    "ppt": "绩效自评报告应为 Word 或 PDF 文档，请另存为 PDF 再提交",
    "pptx": "绩效自评报告应为 Word 或 PDF 文档，请另存为 PDF 再提交",
    "odf": "请用 WPS 或 LibreOffice 打开后另存为 .docx 或 PDF 再提交",
    "html": "请用 Word 或 WPS 打开后另存为 .docx 再提交",
    "image": "图片中的文字需要人工或 OCR 识别，请提交 Word 或带文字层的 PDF",
    "zip": "请解压后提交其中的报告文件",
    "archive": "请解压后提交其中的报告文件",
    "binary": "请确认文件是否为 Word、PDF 或文本格式的绩效自评报告",
}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def reader_for(kind: FileKind) -> Callable[[Path, str, str], Document]:
    """The ``read`` function for a sniffed kind, or a ReadError saying what the file is."""
    if kind.code == "empty":
        raise EmptyFileError("文件为空（0 字节），请重新提交完整的报告文件")
    if kind.code == "broken_zip":
        raise CorruptFileError(
            f"文件已损坏：内容是{kind.name}，无法打开，请重新导出或重新提交",
            "zip central directory unreadable",
        )
    if kind.code == "encrypted_ooxml":
        raise EncryptedFileError("文件设有打开密码，无法读取，请取消密码后重新提交", "OLE2 EncryptedPackage")
    target = READERS.get(kind.code)
    if target is None:
        advice = ADVICE.get(kind.code, ADVICE["binary"])
        raise UnsupportedFormatError(f"文件实际是{kind.name}，本工具暂不能读取：{advice}", f"sniffed as {kind.code}")
    module_name, _, function = target.partition(":")
    return getattr(import_module(module_name), function or "read")


def read_document(path: Path, source: str | None = None, kind: FileKind | None = None,
                  sha256: str | None = None) -> Document:
    """Read one file into a Document, choosing the reader by content.

    ``kind`` and ``sha256``, when the caller already sniffed and hashed the file (a batch does,
    to find archives and duplicates), are not worked out again: sniffing a .docx opens its zip
    directory, and the two together cost a worker about 0.2 ms per file.
    """
    path = Path(path)
    read = reader_for(kind if kind is not None else sniff(path))
    return read(path, source if source is not None else str(path), sha256 or file_sha256(path))
