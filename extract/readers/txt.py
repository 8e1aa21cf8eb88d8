"""Read a plain-text report (.txt) into a Document.

Two kinds of text reach us: the text export of the Word reports (tables as one TAB line per
cell, see ``txt_tables``) and text pasted from web pages or other tools (tables drawn with pipes,
box-drawing characters or aligned columns, see ``txt_drawn``). Both are read by the same rules:

* **Lines.** CRLF, CR and LF all end a line; ``Location.line`` is the 1-based line number an
  editor shows. Each line is cleaned by ``extract.textfix`` (BOM, zero-width characters,
  "[bookmark: …]" export artefacts, indentation and trailing padding) and the cleaned text is the
  quote.
* **Paragraphs.** Outside tables, one non-empty line is one Paragraph. Labels and values written
  on separate lines ("预算数" / "640.00万元") stay two paragraphs: pairing them is the figure
  extractor's job, and inventing a table here would hide the original layout. A line that ends
  inside a number and the next that goes on with it are one paragraph, located at the first line
  (``line_breaks.continues_a_cut_number``: "全年执行数3088.6" / "4万元。").
* **Tables.** A line whose raw text starts with a TAB opens a Word-export table
  (``txt_tables.tab_table_end``); otherwise pipe/box tables (``txt_drawn.drawn_table_end``),
  rows of tab-separated cells pasted from a spreadsheet (``txt_tsv.tsv_table_end``), aligned
  columns (``txt_drawn.aligned_table_end``) and rows of as many cells set apart by two spaces or
  more, not lined up (``txt_tsv.spaced_table_end``; the longer block of these two wins), are
  tried, in that order, before falling back to a paragraph. Tables are numbered in document order.
* **Encoding.** A BOM decides (UTF-8, UTF-16 LE/BE); else strict UTF-8; else charset-normalizer
  limited to Chinese encodings; else GB18030. The codec used is ``Document.encoding``.
  UTF-16 without a BOM is not recognised (the file sniffer calls it binary).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from extract.errors import CorruptFileError, EmptyFileError
from extract.line_breaks import continues_a_cut_number
from extract.model import Block, Document, Location, Paragraph
from extract.readers.txt_drawn import (
    aligned_lines_to_table,
    aligned_table_end,
    drawn_lines_to_table,
    drawn_table_end,
)
from extract.readers.txt_tables import SourceLine, TableSettings, tab_lines_to_table, tab_table_end
from extract.readers.txt_tsv import spaced_lines_to_table, spaced_table_end, tsv_lines_to_table, tsv_table_end
from extract.records import record
from extract.textfix import fix_line

# Byte order marks, longest first, with the codec that decodes what follows.
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# What charset-normalizer may choose among when the bytes are not UTF-8: reports come from
# mainland units (GBK/GB18030) and rarely from Hong Kong or Taiwan (Big5). Left free, it can
# pick a Latin or Cyrillic code page for a short Chinese text and return mojibake.
CHINESE_ENCODINGS = ("gb18030", "gbk", "gb2312", "big5", "big5hkscs")
# GB18030 is a superset of GBK and GB2312 with the same bytes, so it decodes all three.
GB_FAMILY = {"gb18030", "gbk", "gb2312", "cp936"}

LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Share of visible characters that may be undecodable or control characters before the file
# counts as not being text at all (a few bad bytes only make the reading partial).
MAX_GARBAGE_SHARE = 0.2


@record
class Decoded:
    text: str
    encoding: str
    replaced: int  # characters that could not be decoded (U+FFFD inserted)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a text file: BOM, then strict UTF-8, then Chinese encodings, then GB18030."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :] if codec != "utf-8-sig" else data, (codec,))
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(CHINESE_ENCODINGS)).best()
    guessed = best.encoding if best is not None else "gb18030"
    first = "gb18030" if guessed in GB_FAMILY else guessed
    return _decode(data, (first, "gb18030") if first != "gb18030" else ("gb18030",))


def _decode(data: bytes, codecs: tuple[str, ...]) -> Decoded:
    """Decode strictly with the first codec that fits, else with replacement by the last."""
    for codec in codecs:
        try:
            return Decoded(data.decode(codec), codec, 0)
        except UnicodeDecodeError:
            continue
    text = data.decode(codecs[-1], errors="replace")
    genuine = data.decode(codecs[-1], errors="ignore").count("\ufffd")  # U+FFFD written in the file
    return Decoded(text, codecs[-1], text.count("\ufffd") - genuine)


def check_readable(decoded: Decoded) -> None:
    """Refuse text with nothing to read: only whitespace, or mostly undecodable bytes."""
    visible = [ch for ch in decoded.text if not ch.isspace() and ch != "\ufeff"]
    if not visible:
        raise EmptyFileError(
            "文本文件中没有任何文字（只有空白），请重新提交完整的报告文件", "whitespace only"
        )
    garbage = sum(
        1 for ch in visible if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    readable = sum(1 for ch in visible if ch.isalnum())
    if garbage > len(visible) * MAX_GARBAGE_SHARE or readable == 0:
        raise CorruptFileError(
            "文本文件无法解码为可读的文字（可能已损坏，或不是文本文件），请用记事本或 WPS 打开确认后"
            "另存为 UTF-8 编码的文本，或直接提交原 Word 文件",
            f"decoded as {decoded.encoding}: {garbage} of {len(visible)} visible characters undecodable "
            f"or control characters, {readable} letters or digits",
        )


def split_lines(text: str) -> list[str]:
    """Split at CRLF, CR or LF, as an editor counts lines; a final line break ends the last line."""
    lines = LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def line_endings(text: str) -> str:
    """The file's line endings for the metadata: crlf, cr, lf, mixed or none."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, count in (("crlf", crlf), ("cr", cr), ("lf", lf)) if count]
    return kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "none")


def to_source_lines(raw_lines: list[str]) -> tuple[list[SourceLine], int]:
    """Clean every line; return them and how many lines had bookmark markers removed."""
    lines: list[SourceLine] = []
    bookmarked = 0
    for number, raw in enumerate(raw_lines, 1):
        is_cell = raw.startswith("\t")
        text, fixes = fix_line(raw[1:] if is_cell else raw)
        bookmarked += "remove_bookmarks" in fixes
        lines.append(SourceLine(number=number, raw=raw, text=text, is_cell=is_cell))
    return lines, bookmarked


def lines_to_blocks(
    lines: list[SourceLine], source: str, settings: TableSettings
) -> tuple[list[Block], list[str]]:
    """Paragraphs and tables in reading order, with the notes the table builders wrote."""
    blocks: list[Block] = []
    notes: list[str] = []
    index = 0  # of the last table built
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.is_blank:
            i += 1
            continue
        index += 1  # taken back below when the line is a paragraph
        if line.is_cell:
            end = tab_table_end(lines, i, settings)
            table, table_notes = tab_lines_to_table(lines[i:end], index, source, settings)
        elif (end := drawn_table_end(lines, i)) > i:
            table, table_notes = drawn_lines_to_table(lines[i:end], index, source)
        elif (end := tsv_table_end(lines, i, settings)) > i:
            table, table_notes = tsv_lines_to_table(lines[i:end], index, source)
        elif max(end := aligned_table_end(lines, i, settings), spaced := spaced_table_end(lines, i, settings)) > i:
            if end >= spaced:  # columns that line up show empty cells too: read by position
                table, table_notes = aligned_lines_to_table(lines[i:end], index, source, settings)
            else:
                end = spaced
                table, table_notes = spaced_lines_to_table(lines[i:end], index, source, settings)
        else:
            previous = blocks[-1] if blocks else None
            if (isinstance(previous, Paragraph) and previous.location.line == line.number - 1
                    and continues_a_cut_number(previous.text, line.text)):
                # “全年执行数3088.6” / “4万元。”: one paragraph at its first line, quoted as the
                # two lines are written
                text = previous.text.rstrip() + line.text.lstrip()
                quote = previous.location.quote + "\n" + line.text
                blocks[-1] = Paragraph(text, Location(file=source, line=previous.location.line, quote=quote))
            else:
                blocks.append(Paragraph(line.text, Location(file=source, line=line.number, quote=line.text)))
            index -= 1
            i += 1
            continue
        blocks.append(table)
        notes.extend(table_notes)
        i = end
    return blocks, notes


def read(path: Path, source: str, sha256: str, settings: TableSettings | None = None) -> Document:
    """Read a .txt report. Raises EmptyFileError or CorruptFileError when there is nothing to read."""
    data = Path(path).read_bytes()
    if not data:
        raise EmptyFileError("文件为空（0 字节），请重新提交完整的报告文件")
    decoded = decode_bytes(data)
    check_readable(decoded)
    lines, bookmarked = to_source_lines(split_lines(decoded.text))
    blocks, notes = lines_to_blocks(lines, source, settings or TableSettings())
    status = "ok"
    if decoded.replaced:
        status = "partial"
        notes.insert(
            0,
            f"按{decoded.encoding}编码读取时有{decoded.replaced}个字符无法识别，已显示为“\ufffd”，请对照原文件核对",
        )
    if bookmarked:
        notes.append(
            f"已删除{bookmarked}行中的Word书签标记（如“[bookmark: _GoBack]”），它们是导出文本时产生的，不是报告内容"
        )
    return Document(
        source=source,
        sha256=sha256,
        format="txt",
        blocks=tuple(blocks),
        pages=None,
        status=status,
        notes=tuple(notes),
        encoding=decoded.encoding,
        metadata={"line_endings": line_endings(decoded.text)},
    )
