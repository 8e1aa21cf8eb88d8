"""Read a PDF report into a ``Document`` with pdfplumber: paragraphs and ruled tables, by page.

Most reports reach us as Word documents exported to PDF (by Word, WPS or LibreOffice), so the
rules below are tuned to that: ruled tables (found with pdfplumber's "lines" strategy), body
text wrapped at a right margin with a two-character first-line indent, a running header and a
page number footer, tables continued over pages with a repeated header row.

How a file is read (one pass per page, then pure geometry):

1. ``open_pdf`` opens it, turning pdfminer's failures into ``EncryptedFileError`` /
   ``CorruptFileError`` with a Chinese reason.
2. ``page_to_layout`` takes each page's chars and table cell boxes (the only place pdfplumber
   is called; a page that fails there is skipped and named in the notes), splits the chars
   between tables and body text, and builds lines (``pdf_tables.chars_to_lines``) and table
   grids (``pdf_tables.bboxes_to_part``).
3. ``layouts_to_document`` checks the text layer (scans → ``needs_ocr``/``partial``), moves
   repeated header/footer lines to ``furniture``, stitches tables continued on the next page
   (``pdf_tables.continue_table``), groups the remaining lines into paragraphs (also across a
   page break) and numbers the tables.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from statistics import median

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.table import TableFinder, cells_to_tables
from pdfplumber.utils.exceptions import PdfminerException

from extract.errors import CorruptFileError, EncryptedFileError
from extract.markers import CONTINUED_MARKER
from extract.model import Block, Cell, Document, Location, Paragraph, Table
from extract.readers.pdf_aligned import chars_to_aligned_tables, snap_to_columns
from extract.readers.pdf_tables import (
    DEFAULT_SETTINGS,
    LayoutSettings,
    StitchedTable,
    TablePart,
    TextFrame,
    TextLine,
    bboxes_to_part,
    chars_to_lines,
    continue_table,
    lines_to_paragraphs,
    paragraph_to_text,
    typical_line_gap,
)
from extract.records import record

# pdfplumber table settings (``TableFinder``, as ``page.find_tables`` uses them). Word/WPS/
# LibreOffice draw every cell border of a ruled
# table as a line or thin rectangle, so both directions use the "lines" strategy (the "text"
# strategy invents tables out of aligned paragraphs). Tolerances are pdfplumber's defaults,
# written out so a change is deliberate: 3 pt snaps the slightly offset border segments that
# exporters draw for each cell.
TABLE_SETTINGS: dict[str, object] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}

# A lone box covering this share of the page width or height is a page border, not a table:
# A4 text areas are at most ~85 % of the page (2.5 cm margins leave 76 % of the width).
PAGE_BORDER_SHARE = 0.9

# Header/footer band: lines whose box lies in the top or bottom share of the page height.
# Word's default header/footer distance is 1.5 cm and the body margin 2.5 cm (of 29.7 cm).
MARGIN_BAND = 0.12

# The outer part of that band, above (below) where a body begins under Word's default 2.5 cm margin
# (8.4 % of the page): a running header sits here. A line repeated lower in the band may be body
# text opening two pages (a unit's name over the title of page 1 and over the signature spilled
# onto page 2, blind probe AA aa06), so it needs a third page to be taken for a running line.
OUTER_MARGIN_BAND = 0.075
DEEP_FURNITURE_MIN_PAGES = 3

# A line repeated identically in a margin band is a running header/footer only if it is on at
# least this share of the pages (and on two): a report's title runs on nearly every page, while
# a "单位：万元" above a table that happens to start two pages is body text.
FURNITURE_MIN_SHARE = 0.4

# Info-dictionary keys copied into ``Document.metadata`` when present.
METADATA_KEYS = ("Title", "Author", "Subject", "Creator", "Producer", "CreationDate", "ModDate")

# A line that is only a page number: "- 3 -", "3", "第 3 页", "第3页 共20页", "3/20", "Page 3".
PAGE_NUMBER = re.compile(
    r"\s*(?:[-－—–]\s*\d+\s*[-－—–]|\d+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
    r"|(?i:page)\s*\d+(?:\s*(?i:of)\s*\d+)?)\s*"
)

NO_TEXT_LAYER_NOTE = "PDF 没有文字层（可能是扫描件），需要先做 OCR 识别才能读取"


@record
class PageLayout:
    """What one page holds once pdfplumber is done with it: body lines and table parts."""

    number: int
    width: float
    height: float
    lines: tuple[TextLine, ...] = ()
    tables: tuple[TablePart, ...] = ()
    has_text: bool = False
    has_images: bool = False
    error: str | None = None


# --------------------------------------------------------------------------- opening


def pdfminer_error_to_read_error(error: BaseException) -> EncryptedFileError | CorruptFileError:
    """The reader error for what pdfminer raised while opening the file.

    pdfplumber wraps every opening failure in ``PdfminerException(original)``: a wrong or
    missing password is ``PDFPasswordIncorrect``, an unsupported security handler another
    ``PDFEncryptionError``; a truncated or damaged file is ``PSEOF``, ``PDFSyntaxError`` (e.g.
    "No /Root object!"), ``PDFNoValidXRef`` or, deep in a broken object, a plain
    ``ValueError``/``KeyError`` — all of them mean the file is damaged.
    """
    detail = f"{type(error).__name__}: {error}".rstrip(": ")
    if isinstance(error, PDFPasswordIncorrect):
        return EncryptedFileError("文件设有打开密码，无法读取，请取消密码后重新提交", detail)
    if isinstance(error, PDFEncryptionError):
        return EncryptedFileError("文件已加密且加密方式无法识别，无法读取，请取消加密后重新提交", detail)
    return CorruptFileError(
        "PDF 文件已损坏或不完整（可能是下载或上传中断），无法读取，请重新导出或重新提交", detail
    )


def pdfminer_cause(exc: Exception) -> BaseException:
    """The exception pdfminer raised, out of pdfplumber's ``PdfminerException`` wrapper."""
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfplumber.PDF]:
    """Open with pdfplumber, closing it afterwards; opening failures become ReadErrors."""
    try:
        pdf = pdfplumber.open(path)
    except (PdfminerException, PSException) as exc:
        raise pdfminer_error_to_read_error(pdfminer_cause(exc)) from exc
    with pdf:
        yield pdf


def pdf_to_pages(pdf: pdfplumber.PDF) -> list[pdfplumber.page.Page]:
    """The page list; pdfminer reads the page tree lazily, so a broken tree fails only here."""
    try:
        return pdf.pages
    except (PdfminerException, PSException) as exc:
        raise pdfminer_error_to_read_error(pdfminer_cause(exc)) from exc


def info_to_metadata(info: dict) -> dict[str, str]:
    """Title, author, dates and producer from the info dictionary, as non-empty strings."""
    metadata: dict[str, str] = {}
    for key in METADATA_KEYS:
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.strip():
            metadata[key] = value.strip()
    return metadata


# --------------------------------------------------------------------------- one page


def page_to_layout(page: pdfplumber.page.Page, settings: LayoutSettings = DEFAULT_SETTINGS) -> PageLayout:
    """Lines outside tables and table parts of one page.

    pdfplumber is called only in the ``try`` block: pdfminer raises all kinds of exceptions on
    a damaged content stream, and one bad page must not lose the others. The rest is our own
    geometry and is left to fail loudly.

    Tables are pdfplumber's ``TableFinder`` cells grouped into tables (``cells_to_groups``):
    what ``page.find_tables`` returns, except that it drops one-cell tables, while a one-cell
    box with text is a real table in Word reports (a 情况说明 box, a report pasted into a
    cell) and the .docx reader keeps it. Page borders (``is_page_border``) and empty boxes
    (frames around a picture, a blank signature box) are left out.

    Chars are split between tables and body in one pass over the page (a char belongs to the table whose
    outline holds its centre), which is what ``page.outside_bbox`` would do per table.
    """
    try:
        chars = dedupe_chars(page.chars)
        table_cells = cells_to_groups(TableFinder(page, TABLE_SETTINGS).cells)
        has_images = bool(page.images)
        width, height = float(page.width), float(page.height)
    except Exception as exc:  # noqa: BLE001 - see docstring: the pdfplumber boundary
        return PageLayout(page.page_number, 0.0, 0.0, error=f"{type(exc).__name__}: {exc}")
    number = page.page_number
    table_cells = [cells for cells in table_cells if not is_page_border(cells, width, height)]
    outlines = [
        (
            min(c[0] for c in cells),
            min(c[1] for c in cells),
            max(c[2] for c in cells),
            max(c[3] for c in cells),
        )
        for cells in table_cells
    ]
    chars_by_table: list[list[dict]] = [[] for _ in outlines]
    body_chars: list[dict] = []
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        for i, (x0, top, x1, bottom) in enumerate(outlines):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                chars_by_table[i].append(char)
                break
        else:
            body_chars.append(char)
    parts: list[TablePart] = []
    for cells, table_chars in zip(table_cells, chars_by_table):
        part, orphans = bboxes_to_part(cells, table_chars, number, settings)
        body_chars.extend(orphans)
        if len(part.cells) > 1 or any(cell.has_text for cell in part.cells):
            parts.append(part)
    # Tables drawn without lines, found in the body text left.
    for cells, tentative in chars_to_aligned_tables(body_chars, settings, height * MARGIN_BAND):
        x0, top, x1, bottom = cells[0][0], cells[0][1], cells[-1][2], cells[-1][3]
        inside = [x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
                  for c in body_chars]
        table_chars = [c for c, i in zip(body_chars, inside) if i]
        part, orphans = bboxes_to_part(cells, table_chars, number, settings, aligned=True)
        if tentative:  # kept as lines too, should it continue no table
            part = replace(part, as_lines=tuple(chars_to_lines(table_chars, number, settings)))
        body_chars = [c for c, i in zip(body_chars, inside) if not i] + orphans
        parts.append(part)
    return PageLayout(
        number=number,
        width=width,
        height=height,
        lines=tuple(chars_to_lines(body_chars, number, settings)),
        tables=tuple(sorted(parts, key=lambda p: p.top)),
        has_text=any(c["text"].strip() for c in chars),
        has_images=has_images,
    )


# Chars with the same text, font and size closer than this (pt) are one char drawn twice.
DUPLICATE_TOLERANCE = 1.0


def dedupe_chars(chars: Sequence[dict]) -> list[dict]:
    """Drop chars drawn twice at (nearly) the same place, keeping the first.

    Word and WPS draw "fake bold" for CJK fonts without a bold face by printing each glyph
    twice, slightly offset; read naively, "预算数" becomes "预预算算数数". pdfplumber's
    ``page.dedupe_chars`` does the same, but puts the chars back in order with
    ``list.index`` (quadratic): half the reading time of a 36-page file. Here one pass with
    a dict of nearby positions.
    """
    kept: list[dict] = []
    seen: dict[tuple, list[dict]] = defaultdict(list)
    for char in chars:
        x, y = round(char["x0"]), round(char["top"])
        key = (char["text"], char.get("fontname"), char.get("size"))
        is_duplicate = any(
            abs(other["x0"] - char["x0"]) <= DUPLICATE_TOLERANCE
            and abs(other["top"] - char["top"]) <= DUPLICATE_TOLERANCE
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in seen.get((*key, x + dx, y + dy), ())
        )
        if not is_duplicate:
            kept.append(char)
            seen[(*key, x, y)].append(char)
    return kept


def cells_to_groups(
    cells: Sequence[tuple[float, float, float, float]],
) -> list[list[tuple[float, float, float, float]]]:
    """Cell boxes grouped into tables by shared corners (pdfplumber's ``cells_to_tables``),
    plus every box it leaves out because it stands alone."""
    groups = [[tuple(c) for c in group] for group in cells_to_tables(list(cells))]
    grouped = {c for group in groups for c in group}
    return groups + [[tuple(c)] for c in cells if tuple(c) not in grouped]


def is_page_border(cells: Sequence[tuple[float, float, float, float]], width: float, height: float) -> bool:
    """A single box nearly as wide or as tall as the page is a page border (Word's 页面边框),
    drawn around header, body and footer alike — not a table. Limit: a one-cell table that
    fills more than ``PAGE_BORDER_SHARE`` of the page in either direction is lost as a table
    (its text is read as paragraphs)."""
    if len(cells) != 1:
        return False
    x0, top, x1, bottom = cells[0]
    return x1 - x0 >= PAGE_BORDER_SHARE * width or bottom - top >= PAGE_BORDER_SHARE * height


# --------------------------------------------------------------------------- furniture


def furniture_key(text: str) -> str:
    """Compare header/footer lines across pages ignoring page numbers and spacing.

    >>> furniture_key("- 3 -") == furniture_key("- 12 -")
    True
    """
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def line_to_band(line: TextLine, height: float) -> str | None:
    if line.bottom <= height * MARGIN_BAND:
        return "header"
    if line.top >= height * (1 - MARGIN_BAND):
        return "footer"
    return None


def _is_running(members: Sequence[tuple[int, int, str, bool]], min_pages: int) -> bool:
    """Whether lines of one text are on at least ``min_pages`` pages, numbers counting pages."""
    return (len({number for number, _, _, _ in members}) >= min_pages
            and numbers_follow_pages([(number, text) for number, _, text, _ in members]))


def in_outer_band(line: TextLine, height: float, band: str) -> bool:
    """Whether a line of the header (footer) band lies wholly above (below) where a body begins."""
    if band == "header":
        return line.bottom <= height * OUTER_MARGIN_BAND
    return line.top >= height * (1 - OUTER_MARGIN_BAND)


def numbers_follow_pages(members: Sequence[tuple[int, str]]) -> bool:
    """Do the numbers in these same-pattern lines (page number, text) only count pages?

    Every run of digits must be the same on all pages (a year in a running title) or move with
    the page (a page number, possibly offset by unnumbered cover pages).

    >>> numbers_follow_pages([(2, "2023年报告 - 1 -"), (3, "2023年报告 - 2 -")])
    True
    >>> numbers_follow_pages([(1, "1、项目1"), (3, "2、项目2")])
    False
    """
    runs = [[int(n) for n in re.findall(r"\d+", text)] for _, text in members]
    for position in range(len(runs[0])):
        values = [r[position] for r in runs]
        offsets = {value - page for value, (page, _) in zip(values, members)}
        if len(set(values)) > 1 and len(offsets) > 1:
            return False
    return True


def pages_to_furniture(pages: Sequence[PageLayout]) -> dict[tuple[int, int], str]:
    """Which lines (page number, line index) are header/footer, and which part.

    A line in the top or bottom band is furniture when it is only a page number, or when the
    same text, give or take numbers that count the pages ("第 3 页", "- 3 -"), is in the same
    band on at least ``FURNITURE_MIN_SHARE`` of the pages (and two). The share keeps body text
    out: a "单位：万元" above two tables that happen to start a page, or "第2条"/"第3条" opening
    pages 2 and 3 of a long report. Lines in the band's outer part (OUTER_MARGIN_BAND, where
    running headers sit) that run so are the furniture, and the same words lower down on a page
    are body text (a title under a header repeating it); lines only lower in the band, where a body
    may begin, need DEEP_FURNITURE_MIN_PAGES pages. Limits: a header on a one-page file is body
    text unless it is a page number; a running line that changes on every page (chapter titles)
    stays in the body; numbered headings that open most pages in step with the page numbers would be taken
    for furniture; "续表" captions never count.
    """
    # (page number, line index, text, whether the line lies in the band's outer part) by band and text
    groups: dict[tuple[str, str], list[tuple[int, int, str, bool]]] = defaultdict(list)
    for page in pages:
        for i, line in enumerate(page.lines):
            band = line_to_band(line, page.height)
            if band is not None and not CONTINUED_MARKER.match(line.text):
                key = (band, furniture_key(line.text))
                groups[key].append((page.number, i, line.text, in_outer_band(line, page.height, band)))
    min_pages = max(2, math.ceil(FURNITURE_MIN_SHARE * len(pages)))
    furniture: dict[tuple[int, int], str] = {}
    for (band, _key), members in groups.items():
        outer = [member for member in members if member[3]]
        if _is_running(outer, min_pages):
            # a running header in the outer band: the same words lower down (the title under the
            # header of page 1, blind probe AD ad09) are the body's
            running = outer
        elif _is_running(members, max(min_pages, DEEP_FURNITURE_MIN_PAGES)):
            running = members  # lower in the band: on three pages at least (a body may begin there)
        else:
            running = []
        for number, i, text, _ in members:
            if PAGE_NUMBER.fullmatch(text):
                furniture[(number, i)] = band
        for number, i, _, _ in running:
            furniture[(number, i)] = band
    return furniture


# --------------------------------------------------------------------------- the document


def text_layer_notes(pages: Sequence[PageLayout]) -> list[str]:
    """Chinese notes for pages read badly: damaged, or pictures without text (scanned)."""
    notes = [f"第{p.number}页内容损坏，未能读取（{p.error}）" for p in pages if p.error]
    scanned = [p.number for p in pages if not p.error and not p.has_text and p.has_images]
    if scanned:
        numbers = "、".join(str(n) for n in scanned)
        notes.append(f"第{numbers}页没有文字层（可能是扫描图片），该页内容未读取，需要 OCR 识别")
    return notes


def layouts_to_document(
    pages: Sequence[PageLayout],
    source: str,
    sha256: str,
    metadata: dict[str, str],
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> Document:
    """Assemble the Document: furniture apart, tables stitched, paragraphs grouped."""
    if not pages:
        raise CorruptFileError("PDF 文件中没有任何页面，无法读取，请重新导出或重新提交", "page count is 0")
    readable = [p for p in pages if not p.error]
    if not readable:
        raise CorruptFileError(
            "PDF 文件已损坏，所有页面都无法读取，请重新导出或重新提交", pages[0].error or ""
        )
    common = {"source": source, "sha256": sha256, "format": "pdf", "pages": len(pages), "metadata": metadata}
    if not any(p.has_text for p in readable):
        return Document(blocks=(), status="needs_ocr", notes=(NO_TEXT_LAYER_NOTE,), **common)
    notes = text_layer_notes(pages)
    furniture_parts = pages_to_furniture(readable)
    furniture: list[Block] = []
    items_by_page: list[tuple[PageLayout, list[TextLine | TablePart]]] = []
    for page in readable:
        items: list[TextLine | TablePart] = []
        for i, line in enumerate(page.lines):
            part = furniture_parts.get((page.number, i))
            if part is None:
                items.append(line)
            else:
                location = Location(file=source, page=page.number, quote=line.text, part=part)
                furniture.append(Paragraph(line.text, location))
        items.extend(page.tables)
        items.sort(key=lambda item: item.top)
        items_by_page.append((page, items))
    runs = items_to_runs(items_by_page, settings)
    blocks = runs_to_blocks(runs, items_by_page, source, settings)
    return Document(
        blocks=tuple(blocks),
        furniture=tuple(furniture),
        status="partial" if notes else "ok",
        notes=tuple(notes),
        **common,
    )


def items_to_runs(
    items_by_page: Sequence[tuple[PageLayout, list[TextLine | TablePart]]], settings: LayoutSettings
) -> list[list[TextLine] | StitchedTable]:
    """The body in reading order as runs of lines and (stitched) tables.

    A table part that opens a page — after a "续表" caption or not — continues the table that
    closed the previous page when ``continue_table`` agrees; the caption is then dropped, as
    the repeated header is (it is page furniture of the table, not report text).
    """
    bottoms = page_bottoms(items_by_page)
    runs: list[list[TextLine] | StitchedTable] = []
    previous: PageLayout | None = None
    for page, items in items_by_page:
        start = 0
        last = runs[-1] if runs else None
        if (
            isinstance(last, StitchedTable)
            and previous
            and last.last.page == previous.number == page.number - 1
        ):
            has_marker = (
                bool(items) and isinstance(items[0], TextLine) and bool(CONTINUED_MARKER.match(items[0].text))
            )
            candidate_at = 1 if has_marker else 0
            spilled = spilled_cell_lines(items[candidate_at:], last, settings)
            candidate_at += len(spilled)
            if candidate_at < len(items) and isinstance(items[candidate_at], TablePart):
                room_below = bottoms[round(previous.height)] - last.last.bottom
                part = items[candidate_at]
                if part.aligned and last.last.aligned:
                    part = snap_to_columns(part, last.xs)  # no lines to match: the columns' text must
                    if part.xs == last.xs:
                        # Inferred rows have no drawn height to compare with the room left: a table
                        # that ends its page, and the same columns opening the next, are one table.
                        room_below = 0.0
                stitched = continue_table(
                    last, part, has_marker=has_marker or bool(spilled), room_below=room_below, settings=settings
                )
                if stitched is not None:
                    runs[-1] = with_spilled_lines(stitched, last.n_rows - 1, spilled, settings)
                    start = candidate_at + 1
        for item in items[start:]:
            if isinstance(item, TablePart) and item.as_lines:
                lines = list(item.as_lines)  # a few aligned rows that continue no table: text
                if runs and isinstance(runs[-1], list):
                    runs[-1].extend(lines)
                else:
                    runs.append(lines)
            elif isinstance(item, TablePart):
                runs.append(StitchedTable.start(item))
            elif runs and isinstance(runs[-1], list):
                runs[-1].append(item)
            else:
                runs.append([item])
        previous = page
    return runs


# A row broken over a page can leave the rest of one cell's text at the top of the next page
# outside any table part (LibreOffice draws no cell there): “+验收合” / “格率” “（%）” (blind probe AI).
SPILLED_LINES_MAX = 4
SPILLED_LINE_MAX_CHARS = 12


def spilled_cell_lines(items: Sequence[TextLine | TablePart], table: StitchedTable,
                       settings: LayoutSettings) -> list[TextLine]:
    """The short lines opening a page, each inside one column of ``table``, right before a table
    part: the rest of a cell of the row the page broke. [] when anything else comes first."""
    lines: list[TextLine] = []
    for item in items[:SPILLED_LINES_MAX + 1]:
        if isinstance(item, TablePart):
            return lines
        if len(item.text.strip()) > SPILLED_LINE_MAX_CHARS or _column_of(item, table.xs, settings) is None:
            return []
        lines.append(item)
    return []


def _column_of(line: TextLine, xs: Sequence[float], settings: LayoutSettings) -> int | None:
    """The column of ``xs`` that holds ``line`` whole, or None."""
    tolerance = settings.column_tolerance
    for col in range(len(xs) - 1):
        if xs[col] - tolerance <= line.x0 and line.x1 <= xs[col + 1] + tolerance:
            return col
    return None


def with_spilled_lines(table: StitchedTable, row: int, lines: Sequence[TextLine],
                       settings: LayoutSettings) -> StitchedTable:
    """``table`` with each spilled line added to the cell of ``row`` in its column."""
    if not lines:
        return table
    cells = list(table.cells)
    for line in lines:
        col = _column_of(line, table.xs, settings)
        if col is None:
            continue  # the stitched table's edges moved: no column holds it whole any more
        for index, cell in enumerate(cells):
            if cell.row <= row < cell.row_end and cell.col <= col < cell.col_end:
                cells[index] = replace(cell, lines=cell.lines + (line,))
                break
    return replace(table, cells=tuple(cells))


def page_bottoms(items_by_page: Sequence[tuple[PageLayout, list[TextLine | TablePart]]]) -> dict[int, float]:
    """Where the body area ends, per page height (a landscape page gets its own).

    PDF has no notion of margins, so this is measured: the lowest body content on any page, but
    at least the page height less the top margin (the highest body content), as Word's and the
    official-document templates' margins are (nearly) symmetric. Without that floor a short
    file whose lowest content is a table would have every table "reach the bottom". Limit: a
    bottom margin much larger than the top one makes a full page look short, so a continued
    table without a repeated header or "续表" caption is not stitched.
    """
    lowest: dict[int, float] = {}
    highest: dict[int, float] = {}
    for page, items in items_by_page:
        key = round(page.height)
        for item in items:
            lowest[key] = max(lowest.get(key, 0.0), item.bottom)
            highest[key] = min(highest.get(key, page.height), item.top)
    heights = {round(page.height): page.height for page, _ in items_by_page}
    return {key: max(lowest[key], heights[key] - highest[key]) for key in lowest}


def line_ends_to_right_edge(ends: Sequence[float], size: float) -> float:
    """The right margin from where lines end: the commonest end among the longest lines.

    Justified full lines all end exactly at the margin, while a line ending in punctuation
    may hang past it (Word allows that for Chinese) — so the most frequent end within one and a
    half ems of the furthest one wins; with no repeat (left-aligned text) the furthest does.

    >>> line_ends_to_right_edge([524.4, 524.4, 536.4, 300.0], 12.0)
    524.0
    """
    furthest = max(ends)
    counts: dict[int, int] = defaultdict(int)
    for end in ends:
        if end >= furthest - 1.5 * size:
            counts[round(end)] += 1
    best = max(counts, key=lambda end: (counts[end], end))
    return furthest if counts[best] == 1 else float(best)


def line_starts_to_left_edge(starts: Sequence[float]) -> float:
    """The left margin: where most lines start (every continuation line starts there; first
    lines are indented, centred titles further in). Ties go to the leftmost.

    >>> line_starts_to_left_edge([90.3, 90.3, 114.3, 90.3, 114.3, 255.0])
    90.3
    """
    counts: dict[float, int] = defaultdict(int)
    for start in starts:
        counts[round(start, 1)] += 1
    return max(counts, key=lambda start: (counts[start], -start))


def paragraphs_open_indented(lines: Sequence[TextLine], frame: TextFrame, settings: LayoutSettings) -> bool:
    """Do the body's paragraphs start with a first-line indent? Chinese reports' do.

    Judged on the lines that surely open a paragraph — those after a line ending two ems or
    more short of the margin — leaving out centred ones (titles): at least half of three or
    more must start right of the left margin.
    """
    openers = [
        below
        for above, below in pairwise(lines)
        if frame.right - above.x1 >= 2 * above.size
        and abs(below.center - (frame.left + frame.right) / 2) > settings.center_tolerance
    ]
    indented = [line for line in openers if line.x0 > frame.left + settings.margin_tolerance]
    return len(openers) >= 3 and 2 * len(indented) >= len(openers)


def body_frames(
    items_by_page: Sequence[tuple[PageLayout, list[TextLine | TablePart]]], settings: LayoutSettings
) -> dict[int, TextFrame]:
    """The body's text frame per page width: margins measured on all the document's body
    lines (so a page of short lines still sees the real margins), the usual gap between lines,
    and whether paragraphs open indented.

    Limit: lines overflowing the margin the same way twice or more (long URLs) push the right
    margin out and make full lines look short, splitting their paragraphs.
    """
    lines_by_width: dict[int, list[TextLine]] = defaultdict(list)
    for page, items in items_by_page:
        lines_by_width[round(page.width)].extend(item for item in items if isinstance(item, TextLine))
    all_lines = [line for lines in lines_by_width.values() for line in lines]
    line_gap = typical_line_gap(all_lines)
    size = median(line.size for line in all_lines) if all_lines else 12.0
    frames: dict[int, TextFrame] = {}
    for width, lines in lines_by_width.items():
        if not lines:
            continue
        frame = TextFrame(
            left=line_starts_to_left_edge([line.x0 for line in lines]),
            right=line_ends_to_right_edge([line.x1 for line in lines], size),
            line_gap=line_gap,
        )
        frames[width] = replace(frame, uses_indent=paragraphs_open_indented(lines, frame, settings))
    return frames


def runs_to_blocks(
    runs: Sequence[list[TextLine] | StitchedTable],
    items_by_page: Sequence[tuple[PageLayout, list[TextLine | TablePart]]],
    source: str,
    settings: LayoutSettings,
) -> list[Block]:
    """Paragraphs from line runs, numbered Tables from stitched tables, in reading order."""
    widths = {page.number: round(page.width) for page, _ in items_by_page}
    frames = body_frames(items_by_page, settings)
    blocks: list[Block] = []
    table_count = 0
    paragraphs_on_page: dict[int, int] = {}
    for run in runs:
        if isinstance(run, StitchedTable):
            table_count += 1
            blocks.append(stitched_to_table(run, table_count, source, settings))
            continue
        for lines in lines_to_paragraphs(run, lambda line: frames[widths[line.page]], settings):
            text = paragraph_to_text(lines)
            page = lines[0].page  # a paragraph running over the page counts where it starts
            paragraphs_on_page[page] = number = paragraphs_on_page.get(page, 0) + 1
            blocks.append(Paragraph(text, Location(file=source, page=page, paragraph=number, quote=text)))
    return blocks


def stitched_to_table(table: StitchedTable, index: int, source: str, settings: LayoutSettings) -> Table:
    """The model Table: 1-based positions, each cell located on the page its text starts."""
    cells = []
    for grid_cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        text = grid_cell.text(settings)
        page = grid_cell.lines[0].page if grid_cell.lines else grid_cell.page
        row, col = grid_cell.row + 1, grid_cell.col + 1
        location = Location(file=source, page=page, table=index, row=row, col=col, quote=text)
        cells.append(
            Cell(
                row=row,
                col=col,
                text=text,
                location=location,
                row_span=grid_cell.row_end - grid_cell.row,
                col_span=grid_cell.col_end - grid_cell.col,
            )
        )
    return Table(
        index=index,
        n_rows=table.n_rows,
        n_cols=table.n_cols,
        cells=tuple(cells),
        location=Location(file=source, page=table.pages[0], table=index),
        pages=table.pages,
    )


def read(path: Path, source: str, sha256: str) -> Document:
    """Read the PDF at ``path`` (see the module docstring for the steps)."""
    with open_pdf(Path(path)) as pdf:
        metadata = info_to_metadata(pdf.metadata)
        layouts = []
        for page in pdf_to_pages(pdf):
            layouts.append(page_to_layout(page))
            page.close()  # drop pdfplumber's per-page object cache: memory stays flat on long files
    return layouts_to_document(layouts, source, sha256, metadata)
