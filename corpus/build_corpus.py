"""Rebuild the seed reports as the files a unit would submit: .docx (python-docx) and .pdf.

The seeds (``corpus/txt/<seed-id>.txt``) are the text extracted from the units' original Word
files. This script turns each back into a Word document — every paragraph in order, every table a
real Word table with merged cells — and has LibreOffice export it to PDF, then checks both:

* the .docx, read back and written out in the seed's own text format, gives the seed's lines
  again (blank lines aside), so no text, cell, row or merge went astray;
* the PDF's text layer (pdfplumber) holds every character of the seed, and every body paragraph
  in order.

How the seed text format is read (tab lines are table cells, a blank line ends a row, a table
ends at two blank lines before a non-tab line) is in ``seed_to_blocks``. What the text cannot say
— grid columns, merged cells, headings — is data in ``layouts.py``, written by reading the seeds.

Usage::

    python corpus/build_corpus.py                                  # docx + pdf + checks
    python corpus/build_corpus.py --no-pdf                         # docx + checks only
    python corpus/build_corpus.py --seed-dir /work/shared/seeds    # first copy the seeds to corpus/txt

Needs python-docx and pdfplumber (project dependencies), LibreOffice (``soffice``) for the PDFs,
and the Noto CJK fonts (Debian: fonts-noto-cjk) so LibreOffice embeds real Chinese glyphs.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from layouts import SEEDS, SeedLayout, TableLayout

CORPUS = Path(__file__).resolve().parent
TXT_DIR, DOCX_DIR, PDF_DIR = CORPUS / "txt", CORPUS / "docx", CORPUS / "pdf"
LO_PROFILE = "file:///tmp/lo_corpus_profile"

# Fonts. No SimSun/宋体 on the build machine and fontconfig maps "SimSun" to DejaVu Serif, which
# has no Chinese glyphs; so the documents name the Noto CJK fonts directly. Latin text keeps the
# usual Times New Roman, which LibreOffice replaces by the metric-compatible Liberation Serif.
LATIN_FONT = "Times New Roman"
CJK_SERIF = "Noto Serif CJK SC"  # stands in for 宋体 / 仿宋 (body) and 方正小标宋 (titles)
CJK_SANS = "Noto Sans CJK SC"  # stands in for 黑体 (first-level headings)

BODY_PT, TABLE_PT, TITLE_PT, H1_PT = 12, 10.5, 18, 14  # 小四, 五号, 小二, 四号
PAGE_W, PAGE_H = Cm(21.0), Cm(29.7)
MARGIN_TB, MARGIN_LR = Cm(2.54), Cm(3.18)  # Word's 普通 margins for A4
TEXT_WIDTH_TWIPS = round((21.0 - 2 * 3.18) / 2.54 * 1440)  # 8300

BOOKMARK = re.compile(r"\[bookmark: ([^\]]*)\]")  # extraction artefact in the seeds
# A cell is centred when all its paragraphs are this short (labels, numbers); longer text is
# left-aligned. Cosmetic only: no layout decision depends on it.
SHORT_CELL_CHARS = 16
FOOTER = re.compile(r"^\s*-\s*\d+\s*-\s*$")  # the page-number footer, "- 3 -"


# ------------------------------------------------------------------------------ seed text


@dataclass(slots=True)
class SeedParagraph:
    line: int  # 1-based seed line
    text: str  # as in the seed, bookmark markers included ("" for a blank line)


@dataclass(slots=True)
class SeedCell:
    line: int
    lines: list[str]  # first line without its tab, continuation lines, "" for blank lines
    blanks_before: int  # blank lines between the previous cell and this one


@dataclass(slots=True)
class SeedTable:
    line: int
    cells: list[SeedCell] = field(default_factory=list)


def seed_lines(text: str) -> list[str]:
    """The seed's lines; a final newline does not make an extra empty line."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def seed_to_blocks(text: str) -> list[SeedParagraph | SeedTable]:
    """Paragraphs and tables in reading order, following the seed text format.

    A tab line starts a cell. After a cell line, a non-tab line continues the cell directly or
    after one blank line (a further paragraph); blank lines before a tab line separate cells or
    rows. Two or more blank lines before a non-tab line, or the end of the file, end the table:
    two of those blank lines are the row and table ends, any further ones are empty paragraphs.
    """
    lines = seed_lines(text)
    blocks: list[SeedParagraph | SeedTable] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("\t"):
            blocks.append(SeedParagraph(i + 1, lines[i]))
            i += 1
            continue
        table = SeedTable(i + 1)
        blanks = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith("\t"):
                table.cells.append(SeedCell(i + 1, [line[1:]], blanks))
                blanks = 0
            elif line == "":
                blanks += 1
            elif blanks <= 1:
                table.cells[-1].lines.extend([""] * blanks + [line])
                blanks = 0
            else:
                break
            i += 1
        blocks.append(table)
        for extra in range(max(blanks - 2, 0)):  # blank lines beyond the row and table ends
            blocks.append(SeedParagraph(i - blanks + 2 + extra + 1, ""))
    return blocks


def strip_bookmarks(text: str) -> str:
    return BOOKMARK.sub("", text)


def cell_paragraphs(cell: SeedCell) -> list[str]:
    """The cell's paragraphs: trailing empty paragraphs and trailing spaces dropped.

    >>> cell_paragraphs(SeedCell(1, ["生态效益", ""], 0))
    ['生态效益']
    """
    paragraphs = list(cell.lines)
    while len(paragraphs) > 1 and not strip_bookmarks(paragraphs[-1]).strip(" "):
        if BOOKMARK.search(paragraphs[-1]):
            raise LayoutError(f"第{cell.line}行：单元格末尾的空段落里有书签，不能丢弃")
        paragraphs.pop()
    paragraphs[-1] = paragraphs[-1].rstrip(" ")
    return paragraphs


# ------------------------------------------------------------------------------ layouts


class LayoutError(ValueError):
    """The layout data does not fit the seed text."""


@dataclass(slots=True)
class PlacedCell:
    row: int  # 0-based grid position of the top-left corner
    col: int
    row_span: int
    col_span: int
    paragraphs: list[str]  # with bookmark markers
    seed_line: int
    is_continuation: bool = False  # a "^" cell: the seed's empty cell under a vertical merge


@dataclass(slots=True)
class PlacedTable:
    layout: TableLayout
    n_rows: int
    cells: list[PlacedCell]
    blank_lines_inside_rows: list[int]  # seed lines of cells preceded by blanks within a row


_TOKEN = re.compile(r"^(\d+)(?:v(\d+))?$")


def layout_to_cells(layout: TableLayout, table: SeedTable) -> PlacedTable:
    """Place the seed's cells on the layout's grid, checking that the two agree."""
    where = f"表格（第{table.line}行起，{layout.name}）"
    n_tokens = sum(len(spec.split()) for spec in layout.rows)
    if n_tokens != len(table.cells):
        raise LayoutError(f"{where}：布局有{n_tokens}个单元格，种子文本有{len(table.cells)}个")
    seed_cells = iter(table.cells)
    placed: list[PlacedCell] = []
    open_merges: dict[int, PlacedCell] = {}  # grid col -> vertical merge still to be continued
    inside_rows: list[int] = []
    for r, spec in enumerate(layout.rows):
        col = 0
        for k, token in enumerate(spec.split()):
            cell = next(seed_cells)
            paragraphs = cell_paragraphs(cell)
            if k == 0 and r > 0 and cell.blanks_before == 0:
                raise LayoutError(f"{where}第{cell.line}行：布局在此换行，但种子文本没有空行")
            if k > 0 and cell.blanks_before > 0:
                inside_rows.append(cell.line)  # trailing empty paragraph(s) of the previous cell
            if token == "^":
                above = open_merges.get(col)
                if above is None:
                    raise LayoutError(f"{where}第{cell.line}行：'^' 上方没有纵向合并的单元格")
                if strip_bookmarks("\n".join(paragraphs)).strip():
                    raise LayoutError(f"{where}第{cell.line}行：纵向合并的续格在种子中应为空")
                placed.append(PlacedCell(r, col, 1, above.col_span, paragraphs, cell.line, True))
                if above.row + above.row_span - 1 == r:
                    del open_merges[col]
                col += above.col_span
                continue
            match = _TOKEN.match(token)
            if match is None:
                raise LayoutError(f"{where}：无法理解的布局记号 {token!r}")
            if col in open_merges:
                raise LayoutError(f"{where}第{cell.line}行：第{col + 1}列应是纵向合并的续格 '^'")
            col_span, row_span = int(match.group(1)), int(match.group(2) or 1)
            new = PlacedCell(r, col, row_span, col_span, paragraphs, cell.line)
            placed.append(new)
            if row_span > 1:
                open_merges[col] = new
            col += col_span
        if col != layout.grid_cols:
            raise LayoutError(f"{where}第{r + 1}行：宽{col}列，网格是{layout.grid_cols}列")
    if open_merges:
        raise LayoutError(f"{where}：纵向合并没有足够的续格：{sorted(open_merges)}")
    return PlacedTable(layout, len(layout.rows), placed, inside_rows)


# ------------------------------------------------------------------------------ docx: styles


def _explicit_fonts(rpr, latin: str, east_asia: str) -> None:
    """Replace theme fonts by named fonts (theme attributes would win over named ones)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr, font in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        rfonts.set(qn(attr), font)


def _drop_children(element, *tags: str) -> None:
    for tag in tags:
        for child in element.findall(qn(tag)):
            element.remove(child)


def _first_line_chars(paragraph_format_element, font_pt: float) -> None:
    """First-line indent of two characters, as Chinese body text has (w:firstLineChars=200)."""
    ind = paragraph_format_element.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        paragraph_format_element.append(ind)
    ind.set(qn("w:firstLineChars"), "200")
    ind.set(qn("w:firstLine"), str(round(2 * font_pt * 20)))


def setup_styles(doc) -> None:
    """Normal, Title, Heading 1–3 and a table-text style with CJK fonts and no theme colours."""
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _explicit_fonts(rpr, LATIN_FONT, CJK_SERIF)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")

    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _explicit_fonts(normal.element.get_or_add_rPr(), LATIN_FONT, CJK_SERIF)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)

    title = styles["Title"]
    _drop_children(title.element.get_or_add_pPr(), "w:pBdr", "w:contextualSpacing")
    _drop_children(title.element.get_or_add_rPr(), "w:color", "w:spacing", "w:kern")
    _explicit_fonts(title.element.get_or_add_rPr(), LATIN_FONT, CJK_SERIF)
    title.font.size, title.font.bold = Pt(TITLE_PT), True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    title.paragraph_format.line_spacing = 1.25

    for name, east_asia, size, bold in (
        ("Heading 1", CJK_SANS, H1_PT, False),  # 黑体 headings are not bold
        ("Heading 2", CJK_SERIF, BODY_PT, True),
        ("Heading 3", CJK_SERIF, BODY_PT, True),
    ):
        style = styles[name]
        _drop_children(style.element.get_or_add_rPr(), "w:color")
        _explicit_fonts(style.element.get_or_add_rPr(), LATIN_FONT, east_asia)
        style.font.size, style.font.bold = Pt(size), bold
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.5
        _first_line_chars(style.element.get_or_add_pPr(), size)

    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_PT)
    table_text.paragraph_format.line_spacing = 1.0
    table_text.paragraph_format.space_before = Pt(0)
    table_text.paragraph_format.space_after = Pt(0)


def setup_page(doc) -> None:
    """A4, normal margins, and a footer with the page number centred: "- 1 -"."""
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.top_margin = section.bottom_margin = MARGIN_TB
    section.left_margin = section.right_margin = MARGIN_LR
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.add_run("- ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    paragraph.add_run(" -")
    for run in paragraph.runs:
        run.font.size = Pt(TABLE_PT)


# ------------------------------------------------------------------------------ docx: content


class _Bookmarks:
    """Real bookmarks where the seed shows ``[bookmark: name]`` markers (ids unique per file)."""

    def __init__(self) -> None:
        self.next_id = 0

    def add(self, p, name: str) -> None:
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self.next_id))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(self.next_id))
        p.append(start)
        p.append(end)
        self.next_id += 1


def write_text(paragraph: DocxParagraph, text: str, bookmarks: _Bookmarks) -> None:
    """Runs for the text, bookmarks where the markers were; tabs become w:tab."""
    position = 0
    for match in BOOKMARK.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        bookmarks.add(paragraph._p, match.group(1))
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def add_body_paragraph(doc, text: str, role: str, bookmarks: _Bookmarks) -> None:
    style = {
        "title": "Title",
        "title_newpage": "Title",
        "h1": "Heading 1",
        "h2": "Heading 2",
        "h3": "Heading 3",
    }.get(role, "Normal")
    paragraph = doc.add_paragraph(style=style)
    visible = strip_bookmarks(text)
    if role == "title_newpage":
        paragraph.paragraph_format.page_break_before = True
    elif role == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif role == "body" and visible.strip() and not visible[:1].isspace():
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _first_line_chars(paragraph._p.get_or_add_pPr(), BODY_PT)
    write_text(paragraph, text, bookmarks)


def _set_table_properties(table, layout: TableLayout) -> None:
    """Fixed layout, full text width, explicit borders, the layout's column widths."""
    total = sum(layout.widths)
    widths = [round(w / total * TEXT_WIDTH_TWIPS) for w in layout.widths]
    widths[-1] += TEXT_WIDTH_TWIPS - sum(widths)
    table.style = "Table Grid"
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(TEXT_WIDTH_TWIPS))
    borders = OxmlElement("w:tblBorders")  # also in the style; direct so every viewer rules it
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "auto")):
            element.set(qn(key), value)
        borders.append(element)
    tbl_pr.find(qn("w:tblLayout")).addnext(borders)
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        grid_col.w = Twips(width)
    for row in table.rows:
        for tc, width in zip(row._tr.tc_lst, widths):
            tc.width = Twips(width)


def add_table(doc, placed: PlacedTable, bookmarks: _Bookmarks) -> None:
    layout = placed.layout
    table = doc.add_table(rows=placed.n_rows, cols=layout.grid_cols)
    _set_table_properties(table, layout)
    for cell in placed.cells:  # merges first, then text into the merged cells
        if not cell.is_continuation and (cell.row_span > 1 or cell.col_span > 1):
            table.cell(cell.row, cell.col).merge(
                table.cell(cell.row + cell.row_span - 1, cell.col + cell.col_span - 1)
            )
    rows = table._tbl.tr_lst
    for cell in placed.cells:
        docx_cell = _Cell(rows[cell.row].tc_at_grid_offset(cell.col), table)
        docx_cell.vertical_alignment = (
            WD_CELL_VERTICAL_ALIGNMENT.TOP if layout.free_text else WD_CELL_VERTICAL_ALIGNMENT.CENTER
        )
        visible = [strip_bookmarks(p) for p in cell.paragraphs]
        is_short = all(len(p) <= SHORT_CELL_CHARS for p in visible)
        is_section_row = cell.col_span == layout.grid_cols and layout.grid_cols > 1 and len(visible) == 1
        for k, text in enumerate(cell.paragraphs):
            paragraph = docx_cell.paragraphs[0] if k == 0 else docx_cell.add_paragraph()
            paragraph.style = "Table Text"
            if layout.free_text:
                _format_free_text(paragraph, k < layout.centred_paragraphs, visible[k])
            elif is_section_row:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            else:
                # Long cell text is left-aligned: justified, a short line in a narrow cell gets
                # stretched and its PDF text picks up spaces the seed does not have.
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if is_short else WD_ALIGN_PARAGRAPH.LEFT
            write_text(paragraph, text, bookmarks)
            is_bold = k < layout.centred_paragraphs if layout.free_text else is_section_row
            for run in paragraph.runs:
                run.bold = is_bold or None
    for row in rows[: layout.header_rows]:
        row.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _format_free_text(paragraph: DocxParagraph, is_title: bool, visible: str) -> None:
    """A report pasted into a cell keeps report formatting: a centred bold title, body text."""
    paragraph.paragraph_format.line_spacing = 1.5
    if is_title:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif visible.strip() and not visible[:1].isspace():
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _first_line_chars(paragraph._p.get_or_add_pPr(), TABLE_PT)


def build_docx(seed: SeedLayout, text: str) -> tuple[bytes, dict]:
    """The .docx bytes for one seed, and a summary of what went into it."""
    blocks = seed_to_blocks(text)
    roles = _roles_by_line(seed, text, blocks)
    tables = [b for b in blocks if isinstance(b, SeedTable)]
    if len(tables) != len(seed.tables):
        raise LayoutError(f"{seed.seed_id}：种子有{len(tables)}个表格，布局写了{len(seed.tables)}个")
    doc = Document()
    setup_styles(doc)
    setup_page(doc)
    bookmarks = _Bookmarks()
    body = doc.element.body
    if body[0].tag == qn("w:p"):  # the template's empty first paragraph
        body.remove(body[0])
    placed_tables = iter(layout_to_cells(layout, t) for layout, t in zip(seed.tables, tables))
    summary = {"paragraphs": 0, "empty_paragraphs": 0, "tables": []}
    for block in blocks:
        if isinstance(block, SeedParagraph):
            add_body_paragraph(doc, block.text, roles.get(block.line, "body"), bookmarks)
            key = "paragraphs" if strip_bookmarks(block.text).strip() else "empty_paragraphs"
            summary[key] += 1
        else:
            placed = next(placed_tables)
            add_table(doc, placed, bookmarks)
            summary["tables"].append(placed)
    _set_core_properties(doc, seed)
    stream = io.BytesIO()
    doc.save(stream)
    return _deterministic_zip(stream.getvalue(), seed.date), summary


def _roles_by_line(seed: SeedLayout, text: str, blocks: list) -> dict[int, str]:
    """The layout's paragraph roles, each checked to sit on a paragraph line starting as written."""
    lines = seed_lines(text)
    paragraph_lines = {b.line for b in blocks if isinstance(b, SeedParagraph)}
    roles = {}
    for line, role, starts_with in seed.roles:
        actual = strip_bookmarks(lines[line - 1])
        if line not in paragraph_lines or not actual.startswith(starts_with):
            raise LayoutError(
                f"{seed.seed_id} 第{line}行应是以 {starts_with!r} 开头的段落，实为 {actual[:30]!r}"
            )
        roles[line] = role
    return roles


def _set_core_properties(doc, seed: SeedLayout) -> None:
    when = datetime.fromisoformat(seed.date).replace(hour=9, tzinfo=UTC)
    props = doc.core_properties
    props.title = seed.title
    props.author = props.last_modified_by = "jixiao corpus"
    props.comments = (
        f"Rebuilt by corpus/build_corpus.py from corpus/txt/{seed.seed_id}.txt "
        "(text extracted from the unit's Word file); table layout from corpus/layouts.py."
    )
    props.created = props.modified = when
    props.revision = 1
    props.language = "zh-CN"


def _deterministic_zip(data: bytes, date: str) -> bytes:
    """Re-store the package with fixed entry times, so a rebuild gives the same bytes."""
    stamp = tuple(int(x) for x in date.split("-")) + (9, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zout.writestr(entry, zin.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------------------ checks


def docx_to_seed_text(path: Path) -> list[str]:
    """The .docx written out in the seed format (as the original extraction did).

    Paragraph → its text line; table → per row, per ``w:tc``: a tab, the first paragraph, the
    further paragraphs on their own lines; a blank line after each row and after the table.
    Bookmarks come out as ``[bookmark: name]`` markers, tabs as tabs.
    """
    doc = Document(str(path))

    def paragraph_text(p) -> str:
        pieces = []
        for child in p.iterchildren():
            if child.tag == qn("w:r"):
                pieces.append(Run(child, None).text)
            elif child.tag == qn("w:bookmarkStart"):
                pieces.append(f"[bookmark: {child.get(qn('w:name'))}]")
        return "".join(pieces)

    out: list[str] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            for tr in child.tr_lst:
                for tc in tr.tc_lst:
                    texts = [paragraph_text(p) for p in tc.p_lst]
                    out.append("\t" + texts[0])
                    out.extend(texts[1:])
                out.append("")
            out.append("")
    return out


def check_docx(path: Path, text: str) -> list[str]:
    """Differences between the seed's non-blank lines and the rebuilt file's (trailing spaces aside)."""

    def significant(lines: list[str]) -> list[str]:
        return [line.rstrip(" ") for line in lines if line.strip(" ")]

    expected, actual = significant(seed_lines(text)), significant(docx_to_seed_text(path))
    problems = []
    for k, (a, b) in enumerate(zip(expected, actual)):
        if a != b:
            problems.append(f"第{k + 1}个非空行不同：种子 {a[:40]!r}，docx {b[:40]!r}")
            break
    if len(expected) != len(actual):
        problems.append(f"非空行数：种子{len(expected)}，docx{len(actual)}")
    return problems


def docx_structure(path: Path) -> list[dict]:
    """Rows, grid columns and merges of each table, read back from the file itself."""
    doc = Document(str(path))
    found = []
    for tbl in doc.element.body.iterchildren(qn("w:tbl")):
        merges = []
        for r, tr in enumerate(tbl.tr_lst):
            for tc in tr.tc_lst:
                if tc.vMerge == "continue":
                    continue
                height = 1
                if tc.vMerge == "restart":
                    below = tc
                    while (below := below._tc_below) is not None and below.vMerge == "continue":
                        height += 1
                if tc.grid_span > 1 or height > 1:
                    label = "".join(t.text or "" for t in tc.iter(qn("w:t")))[:14]
                    merges.append((r + 1, tc.grid_offset + 1, height, tc.grid_span, label))
        header = sum(
            1 for tr in tbl.tr_lst if tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
        )
        found.append(
            {
                "rows": len(tbl.tr_lst),
                "cols": len(tbl.tblGrid.gridCol_lst),
                "merges": merges,
                "header_rows": header,
            }
        )
    return found


def expected_texts(text: str) -> tuple[list[str], list[str]]:
    """(body paragraph texts, table cell paragraph texts) as they should appear, markers removed."""
    body, cells = [], []
    for block in seed_to_blocks(text):
        if isinstance(block, SeedParagraph):
            body.append(strip_bookmarks(block.text))
        else:
            for cell in block.cells:
                cells.extend(strip_bookmarks(p) for p in cell_paragraphs(cell))
    return body, cells


def pdf_text(path: Path) -> tuple[int, str]:
    import pdfplumber  # project dependency; imported here so --no-pdf needs only python-docx

    pages = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            lines = (page.extract_text() or "").split("\n")
            pages.append("\n".join(line for line in lines if not FOOTER.match(line)))
        return len(pdf.pages), "\n".join(pages)


def check_pdf(path: Path, text: str) -> tuple[int, list[str]]:
    """Every character of the seed is in the PDF text, and the body paragraphs come in order."""
    n_pages, extracted = pdf_text(path)
    squeeze = re.compile(r"\s+")
    flat = squeeze.sub("", extracted)
    body, cells = expected_texts(text)
    want = Counter(squeeze.sub("", "".join(body + cells)))
    have = Counter(flat)
    problems = []
    missing = {ch: n - have[ch] for ch, n in want.items() if have[ch] < n}
    if missing:
        problems.append(f"PDF 文本缺少字符：{dict(list(missing.items())[:20])}")
    strange = sorted(set(have) - set(want) - set("-0123456789"))
    if strange:
        problems.append(f"PDF 文本有种子里没有的字符：{strange[:20]}")
    position = 0
    for paragraph in body:
        needle = squeeze.sub("", paragraph)
        if not needle:
            continue
        found = flat.find(needle, position)
        if found < 0:
            problems.append(f"PDF 里找不到（或顺序不对）段落：{paragraph.strip()[:30]!r}")
            break
        position = found + len(needle)
    return n_pages, problems


# ------------------------------------------------------------------------------ main


def copy_seeds(seed_dir: Path) -> None:
    TXT_DIR.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS:
        shutil.copyfile(seed_dir / f"{seed.seed_id}.txt", TXT_DIR / f"{seed.seed_id}.txt")


def convert_to_pdf(paths: list[Path]) -> None:
    PDF_DIR.mkdir(parents=True, exist_ok=True)
    command = [
        "soffice",
        "--headless",
        f"-env:UserInstallation={LO_PROFILE}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(PDF_DIR),
        *map(str, paths),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=600)


# What LibreOffice writes differently on every export: the creation time, the trailer /ID and
# its own /DocChecksum. Each is replaced by a value of the same length, so no byte offset in the
# file moves and the cross-reference table stays valid.
_PDF_VOLATILE = (
    (re.compile(rb"(/CreationDate\(D:)(\d{14})"), "date"),
    (re.compile(rb"(/ID \[ <)([0-9A-F]{32})(>\s*<)([0-9A-F]{32})"), "id"),
    (re.compile(rb"(/DocChecksum /)([0-9A-F]{32})"), "checksum"),
)


def make_pdf_reproducible(pdf_path: Path, docx_path: Path, seed: SeedLayout) -> list[str]:
    """Pin the volatile trailer values, so a rebuild gives the same PDF bytes."""
    data = pdf_path.read_bytes()
    digest = hashlib.sha256(docx_path.read_bytes()).hexdigest().upper().encode()
    stamp = seed.date.replace("-", "").encode() + b"090000"
    notes = []
    for pattern, kind in _PDF_VOLATILE:
        if len(pattern.findall(data)) != 1:
            notes.append(f"{pdf_path.name}: 没找到（或不止一处）{kind}，PDF 每次重建会不同")
            continue
        if kind == "date":
            data = pattern.sub(lambda m: m.group(1) + stamp, data)
        elif kind == "id":
            data = pattern.sub(lambda m: m.group(1) + digest[:32] + m.group(3) + digest[:32], data)
        else:
            data = pattern.sub(lambda m: m.group(1) + digest[32:64], data)
    pdf_path.write_bytes(data)
    return notes


def describe(seed: SeedLayout, summary: dict, structure: list[dict]) -> str:
    head = f"{seed.seed_id}: {summary['paragraphs']} paragraphs (+{summary['empty_paragraphs']} empty), "
    lines = [head + f"{len(structure)} tables"]
    for k, (placed, found) in enumerate(zip(summary["tables"], structure), 1):
        lines.append(
            f"  table {k} {placed.layout.name}: {found['rows']} rows x {found['cols']} grid cols, "
            f"header rows {found['header_rows']}, {len(found['merges'])} merged cells"
        )
        for row, col, height, width, label in found["merges"]:
            lines.append(f"    r{row} c{col} spans {height} row(s) x {width} col(s): {label}")
        if placed.blank_lines_inside_rows:
            lines.append(
                f"    blank lines inside a row (trailing empty paragraphs dropped) before seed "
                f"lines {placed.blank_lines_inside_rows}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-pdf", action="store_true", help="skip LibreOffice and the PDF checks")
    parser.add_argument("--seed-dir", type=Path, help="copy the seed texts from here to corpus/txt first")
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    args = parser.parse_args(argv)
    if args.seed_dir:
        copy_seeds(args.seed_dir)
    DOCX_DIR.mkdir(parents=True, exist_ok=True)
    failures = 0
    built: list[tuple[SeedLayout, str, Path]] = []
    for seed in SEEDS:
        txt_path = TXT_DIR / f"{seed.seed_id}.txt"
        raw = txt_path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != seed.sha256:
            print(
                f"{txt_path}: 内容与 layouts.py 依据的种子不同（sha256 不符），请重新核对布局",
                file=sys.stderr,
            )
            return 2
        text = raw.decode("utf-8")
        data, summary = build_docx(seed, text)
        docx_path = DOCX_DIR / f"{seed.seed_id}.docx"
        docx_path.write_bytes(data)
        problems = check_docx(docx_path, text)
        failures += bool(problems)
        for problem in problems:
            print(f"{docx_path.name}: {problem}", file=sys.stderr)
        if not args.quiet:
            print(describe(seed, summary, docx_structure(docx_path)))
        built.append((seed, text, docx_path))
    if not args.no_pdf:
        convert_to_pdf([path for _, _, path in built])
        for seed, text, docx_path in built:
            pdf_path = PDF_DIR / f"{seed.seed_id}.pdf"
            for note in make_pdf_reproducible(pdf_path, docx_path, seed):
                print(note, file=sys.stderr)
            n_pages, problems = check_pdf(pdf_path, text)
            failures += bool(problems)
            for problem in problems:
                print(f"{pdf_path.name}: {problem}", file=sys.stderr)
            if not args.quiet:
                print(f"{pdf_path.name}: {n_pages} pages, text check {'FAILED' if problems else 'ok'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
