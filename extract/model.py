"""The document model every reader produces and every later stage reads.

A reader turns one submitted file (.docx, .pdf, .txt, ...) into a ``Document``: its paragraphs
and tables in reading order, each carrying a ``Location`` precise enough for an auditor to find
the text in the original within seconds.

Conventions (shared by all readers, so that later stages never care which format a figure
came from):

* Every position is **1-based**, as a person counts: page 1, line 1, the 1st paragraph,
  table 1, row 1, column 1. Character spans are 0-based half-open offsets into the quoted text,
  as Python slices are.
* ``paragraph`` counts body blocks (paragraphs and tables together, in reading order) for
  formats without pages or lines (.docx); ``line`` is the source line for text files; ``page``
  is the PDF page.
* A merged cell is stored **once**, at its top-left grid position, with ``row_span`` /
  ``col_span``. Grid positions it covers hold no other cell.
* Headers and footers are kept apart from the body (``Document.furniture``) so that a page
  number or a running title never lands in a table or a figure.
* The model holds data only: records (``extract.records.record``: slotted dataclasses, never
  changed once built, frozen under the test suite) with a few derived properties, no parsing.
"""

from __future__ import annotations

from dataclasses import field
from typing import Iterator, Literal, Union

from extract.records import record

Part = Literal["body", "header", "footer", "footnote"]
Status = Literal["ok", "partial", "needs_ocr", "failed"]


@record
class Location:
    """Where a piece of text sits in the original file.

    Only the fields that make sense for the format are set: a .docx paragraph has
    ``paragraph`` (its number in the body); a PDF paragraph has ``page`` and ``paragraph`` (its
    number among the paragraphs that start on that page, tables and running headers not
    counted: 第2页 第3段); a PDF table cell has ``page``, ``table``, ``row`` and ``col``; a .txt
    line has ``line``; a spreadsheet cell has ``sheet`` (the tab's name), ``table`` (the tab's
    position), ``row`` and ``col``. ``quote`` is the exact text found there (after the reader's
    minimal cleaning, e.g. bookmark artefacts removed), so that a person can search for it.
    """

    file: str
    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    quote: str = ""
    part: Part = "body"
    sheet: str = ""  # a spreadsheet's sheet name (its tab), which an auditor looks for first

    def excerpt(self, before: int = 40, after: int = 12) -> str:
        """The exact text around the span: the whole quote when short, else a window around it.

        Long paragraphs would make a spreadsheet cell unreadable; the window keeps the label
        before a number and a little after it, and stays an exact substring (with … marks).
        """
        quote = self.quote
        if self.char_start is None or self.char_end is None or len(quote) <= before + 40:
            return quote.strip()
        start = max(0, self.char_start - before)
        end = min(len(quote), self.char_end + after)
        return ("…" if start > 0 else "") + quote[start:end].strip() + ("…" if end < len(quote) else "")

    def describe(self) -> str:
        """A short Chinese description an auditor can follow, e.g. ``第3页 表2 第4行第1列``."""
        pieces: list[str] = []
        if self.part != "body":
            pieces.append({"header": "页眉", "footer": "页脚", "footnote": "脚注"}[self.part])
        if self.page is not None:
            pieces.append(f"第{self.page}页")
        if self.line is not None:
            pieces.append(f"第{self.line}行")
        if self.paragraph is not None:
            pieces.append(f"第{self.paragraph}段")
        if self.table is not None and self.sheet:
            # 工作表“自评表”（表2） 单元格B12: the tab to click and the cell to type in the name box
            pieces.append(f"工作表“{self.sheet}”（表{self.table}）")
            if self.row is not None and self.col is not None:
                pieces.append(f"单元格{column_letters(self.col)}{self.row}")
            elif self.row is not None:
                pieces.append(f"第{self.row}行")
        elif self.table is not None:
            pieces.append(f"表{self.table}")
            if self.row is not None and self.col is not None:
                pieces.append(f"第{self.row}行第{self.col}列")
            elif self.row is not None:
                pieces.append(f"第{self.row}行")
        if self.char_start is not None and self.char_end is not None:
            # counted from 1 and inclusive, as a person counts: the span [17, 28) is 字符18-28
            pieces.append(f"字符{self.char_start + 1}-{self.char_end}")
        return " ".join(pieces)


def column_letters(col: int) -> str:
    """A spreadsheet's name of the 1-based column ``col``: 1 → A, 26 → Z, 27 → AA.

    >>> column_letters(2), column_letters(28), column_letters(703)
    ('B', 'AB', 'AAA')
    """
    letters = ""
    while col > 0:
        col, remainder = divmod(col - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@record
class Paragraph:
    """One paragraph (or, for text files, one logical line) of running text.

    ``style`` is the reader's hint of what the paragraph is ("heading 1", "title", "list"),
    when the format says so; ``None`` otherwise.
    """

    text: str
    location: Location
    style: str | None = None


@record
class Cell:
    """One table cell, stored once even when merged over several grid positions.

    ``row``/``col`` are the 1-based grid position of its top-left corner. ``tables`` holds
    tables nested inside the cell (their text is *not* repeated in ``text``).
    """

    row: int
    col: int
    text: str
    location: Location
    row_span: int = 1
    col_span: int = 1
    tables: tuple["Table", ...] = ()

    @property
    def is_merged(self) -> bool:
        return self.row_span > 1 or self.col_span > 1


# A table laid out row by row, every position pointing at the cell covering it (Table.grid): made
# of tuples, since it is built once per table and shared by everything that reads the table.
GridRow = tuple[Cell | None, ...]
Grid = tuple[GridRow, ...]


@record
class Table:
    """A table as a grid of cells, each stored once.

    ``index`` numbers tables in document order (nested tables included, numbered where they
    appear). ``pages`` lists every page a PDF table covers, so that a table continued on the
    next page (续表) is one logical table. ``parent`` is the location of the enclosing cell for a
    nested table.

    ``has_lost_vertical_spans`` is set when the format could not show vertical merges (the Word
    text export): a cell merged down its column is there on its first row only, and the rows
    under it hold an empty cell of their own in its place. An empty cell may then be such a
    continuation, or really empty; the table cannot tell which.
    """

    index: int
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    location: Location
    pages: tuple[int, ...] = ()
    caption: str | None = None
    parent: Location | None = None
    has_lost_vertical_spans: bool = False
    # grid()'s answer once asked: no part of the table's value (not compared, hashed, shown or
    # passed to the constructor), only its cells laid out again.
    _grid: Grid | None = field(
        default=None, init=False, repr=False, compare=False, hash=False)

    def grid(self) -> Grid:
        """Row-major grid where every covered position points at its (single) cell.

        Built on the first call and kept: the figures, the indicator rows and the metadata each
        ask for it (two to four times per table). It is made of tuples, so that no caller can
        change what the next one reads.
        """
        if self._grid is None:
            object.__setattr__(self, "_grid", self._build_grid())  # a frozen record under the tests
        return self._grid

    def _build_grid(self) -> Grid:
        n_rows, n_cols = self.n_rows, self.n_cols
        grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
        for cell in self.cells:
            row, col = cell.row, cell.col
            if cell.row_span == 1 and cell.col_span == 1 and 0 < row <= n_rows and 0 < col <= n_cols:
                grid[row - 1][col - 1] = cell  # most cells: one position, without two range loops
                continue
            for r in range(row - 1, min(row - 1 + cell.row_span, n_rows)):
                for c in range(col - 1, min(col - 1 + cell.col_span, n_cols)):
                    grid[r][c] = cell
        return tuple(map(tuple, grid))

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering 1-based grid position (row, col), merged or not."""
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.row_span and cell.col <= col < cell.col + cell.col_span:
                return cell
        return None

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the row they start in, left to right (merged cells appear once)."""
        by_row: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            by_row[cell.row - 1].append(cell)
        return by_row

    def iter_tables(self) -> Iterator["Table"]:
        """This table and every table nested in its cells, in document order."""
        yield self
        for cell in self.cells:
            for nested in cell.tables:
                yield from nested.iter_tables()


Block = Union[Paragraph, Table]


@record
class Document:
    """Everything a reader got out of one file.

    ``status`` is ``ok`` when the whole file was read, ``partial`` when some part could not be
    (the reason is in ``notes``), ``needs_ocr`` for a PDF without a text layer. ``notes`` are
    Chinese sentences for the auditor (what was skipped, what was repaired).
    """

    source: str
    sha256: str
    format: str
    blocks: tuple[Block, ...]
    furniture: tuple[Block, ...] = ()
    pages: int | None = None
    status: Status = "ok"
    notes: tuple[str, ...] = ()
    encoding: str | None = None
    metadata: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def tables(self) -> tuple[Table, ...]:
        """Top-level body tables and the tables nested inside them, in document order."""
        found: list[Table] = []
        for block in self.blocks:
            if isinstance(block, Table):
                found.extend(block.iter_tables())
        return tuple(found)

    @property
    def doc_id(self) -> str:
        """Stable identifier: the first 16 hex digits of the file's sha256."""
        return self.sha256[:16]


@record
class FileError:
    """One file (or one stage of one file) that could not be processed: one errors.csv row.

    ``reason`` is a Chinese sentence for the auditor with the technical detail after it.
    """

    source_file: str
    stage: str
    reason: str
    exception_type: str
