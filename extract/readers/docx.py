"""Read a Word .docx report into a ``Document``: paragraphs and tables in body order.

``docx_package`` opens the package and parses only the parts used here (main document, styles,
referenced headers and footers, core properties); the body is walked here, once, straight on the
lxml tree: python-docx's ``table.cell(i, j)`` rebuilds the cell grid on every call and takes over
a minute on a 300-row table, and its paragraph/table proxies hide content controls, text boxes
and tracked changes. ``docx_xml`` holds the run-level rules (what text a paragraph shows); this
module builds blocks and tables.

Reading order and numbering (``Location.paragraph``):

* Body blocks are the body's ``w:p`` and top-level ``w:tbl`` in order, content controls and
  custom XML wrappers being transparent. Each one takes the next number, empty paragraphs
  included, so that the count follows the paragraphs as they stand in the file, blank lines an
  auditor sees on screen included; empty (blank or whitespace-only) paragraphs are counted but
  not emitted. A table counts as one block (Word's own ``Paragraphs`` collection would count
  every paragraph of every cell).
* Every cell of a table, and of tables nested in it, carries the number of its top-level table.
* Text-box paragraphs are emitted as their own ``Paragraph`` right after the paragraph that
  anchors the text box, with the anchor's number (the auditor finds them next to it). A table
  inside a text box is flattened to one paragraph per row, cells joined by ``"\\t"``.
* Headers and footers of every section (default, first page, even page; each part once) go to
  ``Document.furniture`` with ``part`` "header"/"footer", numbered within their own part.
* Tables are numbered in document order, nested tables numbered where they appear (after the
  table holding them). Furniture tables are numbered within their part.

Tables: each ``w:tr``/``w:tc`` is visited once. Grid columns come from ``w:gridSpan`` plus
``w:gridBefore``/``w:gridAfter``; a ``w:vMerge`` restart opens a cell that following
``continue`` cells in the same grid column extend (``row_span``). A merged cell is stored once, at
its top-left position. Cell text is the cell's non-empty paragraphs joined by ``"\\n"``; text in a
merge-continuation cell is appended unless it repeats the merged cell's text (some exporters
copy the label into every merged row). A row deleted as a tracked change is dropped.

Not read (noted in ``Document.notes`` and status "partial" when present): footnote and endnote
text, embedded objects (``w:object``, e.g. an Excel sheet pasted as an object) and ``w:altChunk``
content. Comments are ignored silently.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError

from extract.errors import CorruptFileError, EncryptedFileError
from extract.line_breaks import continues_a_cut_number
from extract.model import Block, Cell, Document, Location, Paragraph, Part, Table
from extract.readers.docx_package import MalformedPartError, WordPackage, load_package, parse_part
from extract.readers.docx_xml import (
    HEADER_REF,
    R_ID,
    TC_PR,
    P,
    Tally,
    cell_to_props,
    first_child,
    iter_blocks,
    iter_cells,
    iter_rows,
    paragraph_style_id,
    paragraph_to_text,
    plain_cell_text,
    row_grid_skips,
    row_is_deleted,
    row_properties,
    styles_to_heading_names,
    styles_to_hidden_ids,
    holds_hidden_text,
    table_grid_width,
    table_merge_marks,
)

REASON_PACKAGE = "Word 文档已损坏或不完整，无法打开，请重新导出或重新提交"
REASON_XML = (
    "Word 文档的内容已损坏（XML 格式错误），无法读取，请用 Word 或 WPS 打开修复后另存为新的 .docx 再提交"
)
REASON_MISSING_PART = (
    "文件是压缩包格式，但缺少 Word 文档的必要组成部分，可能已损坏或并非 Word 文档，请重新导出或重新提交"
)
REASON_NOT_WORD = (
    "文件不是普通的 Word 文档（可能是 Excel/PowerPoint 文件，或启用宏的文档、模板），"
    "请用 Word 或 WPS 打开后另存为 .docx 再提交"
)
REASON_NO_BODY = "Word 文档缺少正文部分，可能已损坏，请重新导出或重新提交"
REASON_ENCRYPTED = "文件设有密码，无法读取，请取消密码后重新提交"


def read(path: Path, source: str, sha256: str) -> Document:
    """Read the .docx at ``path``; every Location names ``source``."""
    package = open_package(Path(path))
    headings, hidden = package_to_styles(package)
    tally = Tally()
    body = package.body
    if body is None:
        raise CorruptFileError(REASON_NO_BODY, "word/document.xml has no w:body")
    blocks = story_to_blocks(body, _Story(source, "body", headings, tally, hidden))
    furniture, unread_parts = document_to_furniture(package, source, headings, tally, hidden)
    notes = tally_to_notes(tally, unread_parts)
    return Document(
        source=source,
        sha256=sha256,
        format="docx",
        blocks=tuple(blocks),
        furniture=tuple(furniture),
        pages=None,
        status="partial" if notes else "ok",
        notes=tuple(notes),
        metadata=core_properties_to_metadata(package),
    )


def open_package(path: Path) -> WordPackage:
    """The parts of ``path`` the reader needs, or a ReadError saying in Chinese what is wrong."""
    with package_errors():
        return load_package(path, known_styles=_STYLE_FACTS_BY_PART)


@contextmanager
def package_errors() -> Iterator[None]:
    """Turn what opening the package or parsing a part raises into a ReadError with a Chinese reason."""
    try:
        yield
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        # NotImplementedError: zipfile meets a compression method it does not support.
        raise CorruptFileError(REASON_PACKAGE, _exception_to_detail(exc)) from exc
    except MalformedPartError as exc:
        detail = f"{_exception_to_detail(exc.error)} in {exc.member}"
        raise CorruptFileError(REASON_XML, detail) from exc.error
    except KeyError as exc:
        raise CorruptFileError(REASON_MISSING_PART, _exception_to_detail(exc)) from exc
    except ValueError as exc:
        raise CorruptFileError(REASON_NOT_WORD, _exception_to_detail(exc)) from exc
    except RuntimeError as exc:
        if "encrypted" not in str(exc).lower():
            raise
        raise EncryptedFileError(REASON_ENCRYPTED, _exception_to_detail(exc)) from exc


def _exception_to_detail(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


StyleFacts = tuple[dict[str, str], frozenset[str]]  # heading names by style id; hidden style ids


def package_to_styles(package: WordPackage) -> StyleFacts:
    """What the reader needs of the styles part the main document relates to: heading styles
    (``styles_to_heading_names``) and styles that hide their text (``styles_to_hidden_ids``);
    ValueError when it relates to several, as python-docx."""
    styles = package.part(package.main.related_by(RT.STYLES))
    if styles is None or not styles.is_xml:
        return {}, frozenset()
    if styles.element is not None:  # already parsed (also referenced as a header or footer)
        return styles_to_heading_names(styles.element), styles_to_hidden_ids(styles.element)
    if styles.blob is None:  # left compressed: stored byte for byte as a styles part read before
        facts = _STYLE_FACTS_BY_PART[styles.digest]
        keys = [styles.digest]
    else:
        content_key = hashlib.sha256(styles.blob).digest()
        facts = _STYLE_FACTS_BY_PART.get(content_key)
        if facts is None:
            with package_errors():
                element = parse_part(styles)
            facts = styles_to_heading_names(element), styles_to_hidden_ids(element)
        keys = [content_key, styles.digest]
    _keep_style_facts(keys, facts)
    return dict(facts[0]), facts[1]


def _keep_style_facts(keys: list[bytes | None], facts: StyleFacts) -> None:
    """Remember ``facts`` under ``keys`` as the most recently used; forget the oldest beyond
    ``STYLE_FACTS_KEPT``."""
    for key in keys:
        if key is not None:
            _STYLE_FACTS_BY_PART[key] = facts
            _STYLE_FACTS_BY_PART.move_to_end(key)
    while len(_STYLE_FACTS_BY_PART) > STYLE_FACTS_KEPT:
        _STYLE_FACTS_BY_PART.popitem(last=False)


# Reports made from one template carry the same styles part, byte for byte, and parsing it is
# often the largest cost of reading a short report: Word's and python-docx's templates hold 20 to
# 350 KB of styles for a 15 KB body. What the reader takes from it (StyleFacts: the heading names
# and the styles that hide text) is a function of those bytes alone, so each process keeps that
# of the last few styles parts it parsed, under two keys: the SHA-256 of the part's bytes, and the
# digest of the zip member as stored (``stored_digest``), which ``load_package`` checks before
# inflating the part, so that a part stored as one met before is not even decompressed. A part that fails to parse is never kept, so a broken one is reported
# every time.
STYLE_FACTS_KEPT = 16  # two keys for each of the last 8 styles parts
_STYLE_FACTS_BY_PART: OrderedDict[bytes, StyleFacts] = OrderedDict()


# Locations and Cells are made with positional arguments: a report has hundreds of them, and
# matching 7 keywords against 11 parameters costs a sixth of making a Location. The field order
# this relies on is checked here, once; fields added after these (with defaults) do no harm.
LOCATION_FIELDS = (
    "file",
    "page",
    "paragraph",
    "line",
    "table",
    "row",
    "col",
    "char_start",
    "char_end",
    "quote",
    "part",
)
CELL_FIELDS = ("row", "col", "text", "location", "row_span", "col_span", "tables")
for _class, _names in ((Location, LOCATION_FIELDS), (Cell, CELL_FIELDS)):
    if tuple(f.name for f in fields(_class))[: len(_names)] != _names:
        raise ImportError(f"extract.model.{_class.__name__} fields changed order: update docx.py's calls")


@dataclass
class _Story:
    """One text flow being read (the body, or one header/footer part) and its numbering."""

    file: str
    part: Part
    headings: dict[str, str]
    tally: Tally
    hidden: frozenset[str] = frozenset()  # style ids that hide their text
    may_hide: bool = True  # whether the story may hold hidden text (holds_hidden_text)
    tables_seen: int = 0
    # The merge markup of the top-level table being read (table_merge_marks), nested tables' included.
    merge_marks: dict | None = None

    def take_table_index(self) -> int:
        self.tables_seen += 1
        return self.tables_seen

    def location(
        self,
        paragraph: int,
        quote: str,
        table: int | None = None,
        row: int | None = None,
        col: int | None = None,
    ) -> Location:
        """A Location in this story (one is made for every paragraph and cell)."""
        # file, page, paragraph, line, table, row, col, char_start, char_end, quote, part
        return Location(self.file, None, paragraph, None, table, row, col, None, None, quote, self.part)

    def heading_of(self, paragraph) -> str | None:
        """The heading style name of a ``w:p`` (None for a table row flattened into a text box)."""
        if paragraph is None:
            return None
        return self.headings.get(paragraph_style_id(paragraph) or "")


def story_to_blocks(container, story: _Story) -> list[Block]:
    """Paragraphs and tables of a body or header/footer, numbered as the module docstring says."""
    blocks: list[Block] = []
    story.may_hide = holds_hidden_text(container, story.hidden)
    for number, element in enumerate(iter_blocks(container, story.tally), start=1):
        if element.tag == P:
            new = paragraph_to_blocks(element, number, story)
            if new and _goes_on_with_a_cut_number(blocks, new[0], number):
                # “全年执行数12,3” / “45.67万元” pasted from a PDF (blind probe AR f02): one paragraph
                before, after = blocks[-1], new.pop(0)
                text = before.text.rstrip() + after.text.lstrip()
                blocks[-1] = Paragraph(text, story.location(number - 1, text), before.style)
            blocks.extend(new)
        else:
            blocks.append(table_to_table(element, story, number))
    return blocks


def _goes_on_with_a_cut_number(blocks: list[Block], paragraph: Block, number: int) -> bool:
    """Whether ``paragraph`` (the first block of body paragraph ``number``) goes on with a number
    the paragraph right before it ends inside (``line_breaks.continues_a_cut_number``)."""
    if not blocks or not isinstance(paragraph, Paragraph) or paragraph.location.paragraph != number:
        return False
    before = blocks[-1]
    return (isinstance(before, Paragraph) and before.location.paragraph == number - 1
            and continues_a_cut_number(before.text, paragraph.text))


def paragraph_to_blocks(element, number: int, story: _Story) -> list[Block]:
    """The paragraph (unless empty) followed by the blocks of the text boxes it anchors."""
    text, boxes = paragraph_to_text(element, story.tally, story.hidden, story.may_hide)
    blocks: list[Block] = [Paragraph(text, story.location(number, text), story.heading_of(element))] if (
        text.strip()) else []
    for box in boxes:
        blocks.extend(text_box_to_blocks(box, number, story))
    return blocks


def text_box_to_blocks(box, number: int, story: _Story) -> list[Block]:
    """The paragraphs and tables of a text box anchored in paragraph ``number``, located there.

    A table in a text box is a table (a 三公 table laid out in a frame, blind probe AO f13), read
    as any other and numbered in reading order; it used to be flattened to one line per row,
    which no table rule or figure reader could see."""
    blocks: list[Block] = []
    for element in iter_blocks(box, story.tally):
        if element.tag == P:
            blocks.extend(paragraph_to_blocks(element, number, story))
        else:
            blocks.append(table_to_table(element, story, number))
    return blocks


def container_to_lines(container, story: _Story, nested: list | None = None) -> list[str]:
    """The text of each non-empty paragraph in a cell or text box, text boxes inlined.

    Tables met on the way go to ``nested`` when given (a table cell keeps them as Tables);
    otherwise (inside a text box) they are flattened to one line per row.
    """
    lines: list[str] = []
    tally, hidden, may_hide = story.tally, story.hidden, story.may_hide
    for element in iter_blocks(container, tally):
        if element.tag == P:
            text, boxes = paragraph_to_text(element, tally, hidden, may_hide)
            if text.strip():
                lines.append(text)
            for box in boxes:
                lines.extend(container_to_lines(box, story))
        elif nested is not None:
            nested.append(element)
        else:
            lines.extend(table_to_row_lines(element, story))
    return lines


def table_to_row_lines(element, story: _Story) -> list[str]:
    """A table flattened to one line per row (cells joined by tab), for tables in text boxes."""
    rows = []
    for row in iter_rows(element):
        if not row_is_deleted(row_properties(row)):
            cells = ("\n".join(container_to_lines(cell, story)) for cell in iter_cells(row))
            rows.append("\t".join(cells))
    return [row for row in rows if row.strip()]


class _CellDraft:
    """A cell while its table is being walked: vertical merges grow it row by row (a plain
    class, as ``_RunState``: one is made for every cell)."""

    __slots__ = ("col", "col_span", "row", "row_span", "tables", "text")

    def __init__(self, row: int, col: int, col_span: int) -> None:
        self.row = row
        self.col = col
        self.col_span = col_span
        self.row_span = 1
        self.text = ""  # its non-empty paragraphs joined by "\n"
        self.tables: list[Table] = []


def table_to_table(element, story: _Story, number: int, parent: Location | None = None) -> Table:
    """One ``w:tbl`` → Table, each row and cell visited once (see the module docstring)."""
    index = story.take_table_index()
    if parent is None:  # a top-level table: the merge markup of its cells and of nested tables' at once
        story.merge_marks = table_merge_marks(element)
    merge_marks = story.merge_marks
    drafts: list[_CellDraft] = []
    open_merges: dict[int, _CellDraft] = {}  # grid column → cell a vMerge "continue" there extends
    widths: list[int] = []
    n_rows = 0
    for row in iter_rows(element):
        properties = row_properties(row)
        if row_is_deleted(properties):
            continue
        n_rows += 1
        before, after = row_grid_skips(properties)
        col = 1 + before
        still_open: dict[int, _CellDraft] = {}
        previous: _CellDraft | None = None
        for cell in iter_cells(row):
            properties = first_child(cell, TC_PR)
            span, vmerge, is_hmerge_continue = cell_to_props(merge_marks.get(properties))
            if is_hmerge_continue and previous is not None:
                draft = previous
                draft.col_span += span
            elif vmerge == "continue" and col in open_merges:
                draft = open_merges[col]
                draft.row_span = n_rows - draft.row + 1
            else:
                draft = _CellDraft(n_rows, col, span)
                drafts.append(draft)
            if vmerge is not None:
                still_open[col] = draft
            cell_to_draft_content(cell, properties, draft, story, index, number)
            previous = draft
            col += span
        open_merges = still_open
        widths.append(col - 1 + after)
    cells = tuple([draft_to_cell(draft, story, index, number) for draft in drafts])
    first_row = "\t".join(cell.text for cell in cells if cell.row == 1)
    return Table(
        index=index,
        n_rows=n_rows,
        n_cols=max([table_grid_width(element), *widths]),
        cells=cells,
        location=story.location(number, first_row, index),
        parent=parent,
    )


def cell_to_draft_content(cell, properties, draft: _CellDraft, story: _Story, index: int, number: int) -> None:
    """Add a ``w:tc``'s text and nested tables to the (possibly merged) cell it belongs to
    (``properties``: its ``w:tcPr``, or None)."""
    nested: list = []
    text = None if story.may_hide else plain_cell_text(cell, properties)  # a plain cell holds no table
    if text is None:
        text = "\n".join(container_to_lines(cell, story, nested))
    if text and text != draft.text:
        # Lines are never empty, so this is the cell's lines and the new ones joined by "\n".
        draft.text = f"{draft.text}\n{text}" if draft.text else text
    for table in nested:
        parent = story.location(number, draft.text, index, draft.row, draft.col)
        draft.tables.append(table_to_table(table, story, number, parent))


def draft_to_cell(draft: _CellDraft, story: _Story, index: int, number: int) -> Cell:
    text = draft.text
    location = story.location(number, text, index, draft.row, draft.col)
    # row, col, text, location, row_span, col_span, tables
    return Cell(draft.row, draft.col, text, location, draft.row_span, draft.col_span, tuple(draft.tables))


def document_to_furniture(
    package: WordPackage, source: str, headings: dict[str, str], tally: Tally, hidden: frozenset[str] = frozenset()
) -> tuple[list[Block], int]:
    """Blocks of every header and footer part referenced by any section, each part read once.

    Returns the blocks and how many references could not be read (an rId with no internal
    relationship, or one to a part that is not XML, e.g. an image).
    """
    blocks: list[Block] = []
    seen: set[str] = set()
    unread = 0
    for reference in package.furniture_references:
        part = package.part(package.main.related(reference.get(R_ID)))
        if part is None or part.element is None:
            unread += 1
            continue
        if part.partname in seen:
            continue
        seen.add(part.partname)
        kind: Part = "header" if reference.tag == HEADER_REF else "footer"
        blocks.extend(story_to_blocks(part.element, _Story(source, kind, headings, tally, hidden)))
    return blocks, unread


def tally_to_notes(tally: Tally, unread_parts: int) -> list[str]:
    """Chinese sentences for what was met but not read."""
    notes = []
    if tally.note_refs:
        notes.append(f"文档含{tally.note_refs}处脚注或尾注，本版本未读取脚注和尾注的内容，请人工查看。")
    if tally.objects:
        notes.append(f"文档含{tally.objects}个嵌入对象（如 Excel 表格、公式），其内容未读取，请人工核对。")
    if tally.alt_chunks:
        notes.append(
            f"文档含{tally.alt_chunks}段嵌入的外部内容（altChunk），其内容未读取，请用 Word 打开后另存为 .docx 再提交。"
        )
    if unread_parts:
        notes.append(f"有{unread_parts}个页眉或页脚无法读取，已跳过。")
    return notes


def core_properties_to_metadata(package: WordPackage) -> dict[str, str]:
    """Title, author, last editor and dates (ISO 8601) from docProps/core.xml, when set.

    A package without a core properties part has no metadata (python-docx's own
    ``core_properties`` would invent some: "Word Document", "python-docx", modified now).
    """
    props = package.core_properties()
    if props is None:
        return {}
    return {
        key: value.isoformat() if isinstance(value, datetime) else str(value)
        for key, value in props.items()
        if value
    }
