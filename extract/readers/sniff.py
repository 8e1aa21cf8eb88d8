"""Tell what a file really is from its content, never from its name.

Units rename files freely (a .docx saved as .pdf, a .doc renamed .docx, a web page saved as
.doc), so the reader is chosen from magic bytes and, for zip containers, from the members inside.
``sniff`` returns a ``FileKind``: a short code and a Chinese name an auditor recognises.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

# How many leading bytes are enough to recognise every signature below (PDF allows junk
# before "%PDF" within the first 1 KiB).
HEAD_BYTES = 4096


@dataclass(frozen=True, slots=True)
class FileKind:
    code: str  # docx, pdf, txt, doc, xls, xlsx, odt, rtf, html, image, zip, archive, empty, binary, ...
    name: str  # Chinese name for messages
    is_readable: bool = False


DOCX = FileKind("docx", "Word 文档（.docx）", True)
PDF = FileKind("pdf", "PDF 文档", True)
TXT = FileKind("txt", "纯文本", True)

# Signatures that identify a format from its first bytes, most specific first.
# Each entry: (prefix, kind). Kept in order because some prefixes share bytes.
MAGIC_PREFIXES: list[tuple[bytes, FileKind]] = [
    (b"{\\rtf", FileKind("rtf", "RTF 富文本文档")),
    (b"\x89PNG\r\n\x1a\n", FileKind("image", "PNG 图片")),
    (b"\xff\xd8\xff", FileKind("image", "JPEG 图片")),
    (b"GIF87a", FileKind("image", "GIF 图片")),
    (b"GIF89a", FileKind("image", "GIF 图片")),
    (b"II*\x00", FileKind("image", "TIFF 图片")),
    (b"MM\x00*", FileKind("image", "TIFF 图片")),
    (b"BM", FileKind("image", "BMP 图片")),
    (b"Rar!\x1a\x07", FileKind("archive", "RAR 压缩包")),
    (b"7z\xbc\xaf\x27\x1c", FileKind("archive", "7z 压缩包")),
    (b"\x1f\x8b", FileKind("archive", "gzip 压缩包")),
    (b"MIME-Version:", FileKind("html", "MHT 网页存档")),
]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def sniff_bytes(head: bytes, path: Path | None = None) -> FileKind:
    """Classify a file from its first bytes (and, for zip containers, its member names)."""
    if not head:
        return FileKind("empty", "空文件")
    if b"%PDF-" in head[:1024]:
        return PDF
    for prefix, kind in MAGIC_PREFIXES:
        if head.startswith(prefix):
            return kind
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(head, path)
    if head.startswith(ZIP_MAGICS):
        return _sniff_zip(path)
    lowered = head[:512].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower():
        return FileKind("html", "HTML 网页")
    if _looks_like_text(head):
        return TXT
    return FileKind("binary", "无法识别的二进制文件")


def sniff(path: Path) -> FileKind:
    """Classify the file at ``path`` by content."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    return sniff_bytes(head, path)


def _sniff_ole2(head: bytes, path: Path | None) -> FileKind:
    """OLE2 compound files: legacy Word (.doc), WPS, Excel (.xls/.et), or encrypted OOXML.

    Stream names are stored in UTF-16LE in the directory sectors; reading the first 64 KiB is
    enough for the small directories these files have.
    """
    data = head
    if path is not None:
        with open(path, "rb") as handle:
            data = handle.read(1 << 16)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return FileKind("encrypted_ooxml", "加密的 Office 文档")
    if "WordDocument".encode("utf-16-le") in data:
        return FileKind("doc", "旧版 Word/WPS 文档（.doc/.wps）")
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return FileKind("xls", "旧版 Excel/WPS 表格（.xls/.et）")
    return FileKind("ole2", "旧版 Office 文档")


def _sniff_zip(path: Path | None) -> FileKind:
    """Zip containers: look at the members to tell .docx from .xlsx, .odt, or a plain archive."""
    if path is None:
        return FileKind("zip", "ZIP 压缩包")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        # A zip header with a broken directory: most often a truncated .docx upload.
        return FileKind("broken_zip", "已损坏的 ZIP 容器（可能是不完整的 .docx/.xlsx）")
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return FileKind("xlsx", "Excel 表格（.xlsx）")
    if any(n.startswith("ppt/") for n in names):
        return FileKind("pptx", "PowerPoint 演示文稿（.pptx）")
    if "content.xml" in names and "mimetype" in names:
        return FileKind("odf", "OpenDocument 文档（.odt/.ods）")
    return FileKind("zip", "ZIP 压缩包")


def _looks_like_text(head: bytes) -> bool:
    """True when the bytes decode as text in a common Chinese encoding without control junk."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is not a reason to reject.
            if exc.start < len(head) - 4:
                continue
            text = head[: exc.start].decode(encoding)
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
        return controls <= max(2, len(text) // 200)
    return False
