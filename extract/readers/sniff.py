"""Tell what a file really is from its content, never from its name.

Units rename files freely (a .docx saved as .pdf, a .doc renamed .docx, a web page saved as
.doc), so the reader is chosen from magic bytes and, for zip containers, from the members inside.
``sniff`` returns a ``FileKind``: a short code and a Chinese name an auditor recognises.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from extract.records import record

# How many leading bytes are enough to recognise every signature below (PDF allows junk
# before "%PDF" within the first 1 KiB).
HEAD_BYTES = 4096


@record
class FileKind:
    code: str  # docx, pdf, txt, doc, xls, xlsx, xlsb, odt, ods, odf, rtf, ppt, pptx, html, image, zip, ...
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
    """OLE2 compound files: legacy Word (.doc/.wps), Excel (.xls/.et), PowerPoint, or encrypted OOXML.

    The stream names come from the file's directory (``ole2_entry_names``); when it cannot be
    followed (a truncated file, or only the first bytes given) the first 64 KiB are searched for
    the UTF-16LE names instead, which finds the small directories most files have.

    WPS Office writes its Word and Excel binary formats with an extra ``WpsCustomData`` stream:
    the name then says WPS, but the code stays ``doc``/``xls`` because the content is the same
    format (a .wps *is* a Word binary document; only the file name tells .wps from .doc).
    """
    names = ole2_entry_names(path) if path is not None else None
    if names is None:
        data = head
        if path is not None:
            with open(path, "rb") as handle:
                data = handle.read(1 << 16)
        names = {name for name in OLE2_STREAMS_OF_INTEREST if name.encode("utf-16-le") in data}
        if not names:
            return FileKind("ole2", "旧版 Office 文档（无法识别其内容，可能已损坏）")
    is_wps = "WpsCustomData" in names
    if "EncryptedPackage" in names:
        return FileKind("encrypted_ooxml", "加密的 Office 文档")
    if "WordDocument" in names:
        return FileKind("doc", "WPS 文字文档（.wps/.doc）" if is_wps else "旧版 Word/WPS 文档（.doc/.wps）")
    if "Workbook" in names or "Book" in names:
        return FileKind("xls", "WPS 表格文件（.et/.xls）" if is_wps else "旧版 Excel/WPS 表格（.xls/.et）")
    if "PowerPoint Document" in names:
        return FileKind("ppt", "旧版 PowerPoint 演示文稿（.ppt/.dps）")
    return FileKind("ole2", "旧版 Office 文档")


# Stream names looked for when the OLE2 directory cannot be followed.
OLE2_STREAMS_OF_INTEREST = (
    "EncryptedPackage",
    "WordDocument",
    "Workbook",
    "Book",
    "PowerPoint Document",
    "WpsCustomData",
)

# Bounds that keep a damaged or hostile OLE2 file from making the sniffer loop or read for long.
OLE2_MAX_DIRECTORY_SECTORS = 4096
OLE2_MAX_FAT_SECTORS = 1 << 16
OLE2_END_OF_CHAIN = 0xFFFFFFFE


def ole2_entry_names(path: Path) -> set[str] | None:
    """Names of the storages and streams in an OLE2 compound file's directory, or None when the
    directory cannot be read (truncated or damaged file).

    Follows [MS-CFB]: the header gives the sector size, the FAT sector list (the first 109 in the
    header, the rest in a DIFAT chain) and the first directory sector; the directory is a chain of
    128-byte entries whose first 64 bytes are the UTF-16LE name.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(512)
            if len(header) < 512 or not header.startswith(OLE2_MAGIC):
                return None
            sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
            if sector_shift not in (9, 12):
                return None
            size = 1 << sector_shift
            n_fat, first_dir = struct.unpack_from("<II", header, 0x2C)
            first_difat, n_difat = struct.unpack_from("<II", header, 0x44)

            def sector(number: int) -> bytes:
                handle.seek((number + 1) * size)
                data = handle.read(size)
                if len(data) < size:
                    raise ValueError(f"sector {number} beyond end of file")
                return data

            fat_sectors = [n for n in struct.unpack_from("<109I", header, 0x4C) if n < OLE2_END_OF_CHAIN]
            difat = first_difat
            for _ in range(min(n_difat, OLE2_MAX_FAT_SECTORS)):
                if difat >= OLE2_END_OF_CHAIN:
                    break
                entries = struct.unpack(f"<{size // 4}I", sector(difat))
                fat_sectors.extend(n for n in entries[:-1] if n < OLE2_END_OF_CHAIN)
                difat = entries[-1]
            fat_sectors = fat_sectors[: min(n_fat, OLE2_MAX_FAT_SECTORS)]
            fat: list[int] = []
            for number in fat_sectors:
                fat.extend(struct.unpack(f"<{size // 4}I", sector(number)))
            names: set[str] = set()
            current = first_dir
            for _ in range(OLE2_MAX_DIRECTORY_SECTORS):
                if current >= OLE2_END_OF_CHAIN or current >= len(fat):
                    break
                data = sector(current)
                for offset in range(0, size, 128):
                    length = struct.unpack_from("<H", data, offset + 0x40)[0]
                    if 2 <= length <= 64:
                        names.add(data[offset : offset + length - 2].decode("utf-16-le", "replace"))
                current = fat[current]
            return names or None
    except (OSError, ValueError, struct.error):
        return None


def _sniff_zip(path: Path | None) -> FileKind:
    """Zip containers: look at the members to tell .docx from .xlsx, .odt, or a plain archive."""
    if path is None:
        return FileKind("zip", "ZIP 压缩包")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = _odf_mimetype(archive) if "content.xml" in names and "mimetype" in names else None
    except (zipfile.BadZipFile, OSError, ValueError):
        # A zip header with a broken directory: most often a truncated .docx upload.
        return FileKind("broken_zip", "已损坏的 ZIP 容器（可能是不完整的 .docx/.xlsx）")
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return DOCX
    if "xl/workbook.bin" in names:
        return FileKind("xlsb", "Excel 二进制工作簿（.xlsb）")
    if any(n.startswith("xl/") for n in names):
        return FileKind("xlsx", "Excel 表格（.xlsx）", True)
    if any(n.startswith("ppt/") for n in names):
        return FileKind("pptx", "PowerPoint 演示文稿（.pptx）")
    if mimetype is not None:
        return ODF_KINDS.get(mimetype, FileKind("odf", "OpenDocument 文档（.odp/.odg 等）"))
    return FileKind("zip", "ZIP 压缩包")


# OpenDocument files name their type in the first member, ``mimetype``.
ODF_KINDS: dict[str, FileKind] = {
    "application/vnd.oasis.opendocument.text": FileKind("odt", "OpenDocument 文本文档（.odt）"),
    "application/vnd.oasis.opendocument.spreadsheet": FileKind("ods", "OpenDocument 电子表格（.ods）"),
}


def _odf_mimetype(archive: zipfile.ZipFile) -> str:
    """The ``mimetype`` member's text (tiny and stored uncompressed by every ODF writer)."""
    info = archive.getinfo("mimetype")
    if info.file_size > 200:
        return ""
    return archive.read(info).decode("ascii", "replace").strip()


# Control characters plain text holds: tab, line ends, form feed (a page break), and the vertical
# tab Word's text export writes for a manual line break (blind probe AI).
TEXT_CONTROLS = "\t\r\n\f\v"


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
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in TEXT_CONTROLS)
        return controls <= max(2, len(text) // 200)
    return False
