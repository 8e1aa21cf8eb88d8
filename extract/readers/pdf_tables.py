"""PDF layout pieces for ``pdf.py``: lines of text, cell grids, and tables stitched over pages.

Why a separate module: ``pdf.py`` reads pages and orders blocks; everything here is pure
geometry on what pdfplumber already extracted (char dicts and cell bboxes), so it can be read and
tested without opening a file. The text-line helpers live here too because table cells and body
paragraphs wrap text the same way, and ``pdf.py`` imports this module, never the reverse.

The chain, in the spirit of pdfplumber's own ``edges_to_intersections`` → ``intersections_to_cells``:

* ``chars_to_lines``: chars → ``TextLine`` (one visual line, spaces inserted only where needed);
* ``lines_to_paragraphs`` / ``lines_to_text``: wrapped lines → paragraphs (CJK joins without a
  space, Latin words keep one) — shared by cells and body text;
* ``bboxes_to_part``: pdfplumber cell bboxes + the table's chars → ``TablePart`` (a grid where a
  merged cell is stored once with its spans) for one page;
* ``continue_table``: a ``StitchedTable`` + the next page's ``TablePart`` → one longer table,
  dropping a repeated header row and re-joining a row that LibreOffice/Word broke over the page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import pairwise
from statistics import median
from typing import Any

from pdfplumber.utils import cluster_objects

from extract.markers import LIST_MARKER
from extract.records import record

Char = dict[str, Any]  # a pdfplumber char: text, x0, x1, top, bottom, size, fontname, ...


@record
class LayoutSettings:
    """Tolerances of the layout rules, in PDF points (1/72 inch) or in ems of the font size.

    Defaults were measured on LibreOffice exports of Word reports (12 pt Noto CJK body text,
    A4, 2.5 cm margins) — see ``tests/fixtures/make_pdf_fixtures.py``.
    """

    # Chars whose tops differ by less than this sit on one line (pdfplumber's y_tolerance).
    line_tolerance: float = 3.0
    # A gap wider than this × font size between two Latin chars (letters, digits) is a word
    # space even without a space glyph (some generators only move the pen). Next to a CJK
    # char a gap means nothing: justification spreads Chinese text, and LibreOffice and Word
    # add "autospace" between Chinese and digits ("我中心 2023年" is drawn, "我中心2023年" typed).
    space_gap_em: float = 0.25
    # A line "wrapped" (the paragraph goes on) when the room left at its right end is smaller
    # than the next line's first unbreakable unit plus a slack × font size: a hair for
    # rounding, more between CJK and Latin text, where LibreOffice and Word add a small
    # extra gap ("autospace", measured 2.4 pt at 12 pt) that the unit would have needed too.
    wrap_slack_em: float = 0.05
    mixed_script_slack_em: float = 0.25
    # A next line starting this × font size right of the previous one is a new, indented
    # paragraph (Chinese reports indent the first line by two characters).
    indent_em: float = 0.8
    # Two lines whose centres are this close are centred text, not an indent.
    center_tolerance: float = 3.0
    # Line starts this close are the same indent (or the margin): 003's paragraphs open 3 pt in.
    margin_tolerance: float = 1.5
    # A vertical gap this × font size larger than the usual line gap separates paragraphs.
    paragraph_gap_em: float = 0.4
    # A font size change of more than this many points separates paragraphs (titles).
    size_change: float = 1.0
    # Room between a cell border and its text: Word's default cell margin, 0.19 cm.
    cell_padding: float = 5.4
    # Cell edges closer than this are one grid line (pdfplumber snaps at 3 pt; rounding
    # leaves e.g. 519.0 vs 519.1 for the same border).
    edge_tolerance: float = 2.0
    # Two table parts on consecutive pages have "the same columns" when every x edge matches
    # within this distance.
    column_tolerance: float = 3.0
    # At most this many leading rows are compared when looking for a repeated header.
    max_header_rows: int = 4


DEFAULT_SETTINGS = LayoutSettings()


# --------------------------------------------------------------------------- characters


def is_cjk(ch: str) -> bool:
    """True for Chinese characters and full-width punctuation, which join without spaces.

    >>> is_cjk("预"), is_cjk("，"), is_cjk("A"), is_cjk("“")
    (True, True, False, True)
    """
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation, kana, ideographs (incl. ext. A)
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # vertical forms
        or 0xFF00 <= code <= 0xFFEF  # full-width forms: （）％０-９，
        or 0x20000 <= code <= 0x3FFFF  # ideograph extensions B+
        or 0x2018 <= code <= 0x201F  # curly quotes, used as Chinese quotes
        or code in (0x2014, 0x2026)  # —— and …… in Chinese text
    )


# Punctuation a line may not start with (Chinese line-breaking rules, 禁则): the character
# before it moves to the next line with it, so it widens the next line's first unit.
NO_LINE_START = set("，。、；：？！）》」』】〕〉’”%％,.;:!?)]}…—·")
# Punctuation a line may not end with: it moves down together with the character after it.
NO_LINE_END = set("（《「『【〔〈‘“([{")
# Quotation marks, which LibreOffice (following Unicode's line breaking rules, class QU) breaks
# neither before nor after: “95.84%，“三” moves down whole, and so does “公”经” (probe wrap.pdf,
# where the unit of two characters fitted in the room left and the wrap was taken for a paragraph end).
QUOTATION_MARKS = set("“”‘’\"'")


@record
class TextLine:
    """One visual line of text on one page, with the geometry the paragraph rules need."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    # Width of the first unit that could not have been broken (a CJK character with its
    # attached punctuation, or a Latin word/number): if the previous line had had this much
    # room left, this text would have stayed on it.
    lead_width: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def chars_to_lines(
    chars: Iterable[Char], page: int, settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[TextLine]:
    """Group chars into visual lines, top to bottom.

    Why not ``page.extract_text_lines``: cells and the body are built from chars already split
    by table, and the spacing rule differs for CJK (see ``chars_to_line_text``).
    """
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return []
    spaces = [c for c in chars if not c["text"].strip()]
    lines: list[TextLine] = []
    for cluster in cluster_objects(visible, "top", settings.line_tolerance):
        cluster.sort(key=lambda c: c["x0"])
        x0, x1 = cluster[0]["x0"], max(c["x1"] for c in cluster)
        top = min(c["top"] for c in cluster)
        bottom = max(c["bottom"] for c in cluster)
        line_spaces = [
            s for s in spaces if top <= (s["top"] + s["bottom"]) / 2 <= bottom and x0 <= s["x0"] <= x1
        ]
        lines.append(
            TextLine(
                text=chars_to_line_text(cluster, line_spaces, settings),
                x0=x0,
                x1=x1,
                top=top,
                bottom=bottom,
                size=median(c["size"] for c in cluster),
                page=page,
                lead_width=chars_to_lead_width(cluster),
            )
        )
    lines.sort(key=lambda line: line.top)
    return lines


def chars_to_line_text(chars: Sequence[Char], spaces: Sequence[Char], settings: LayoutSettings) -> str:
    """Join one line's chars (sorted by x), with the spaces the text had between them.

    The PDF's space glyphs between two chars are kept, as many as there are ("名称：  （盖章）"
    stays searchable as typed); without a glyph, one space is put between two Latin chars
    further apart than ``space_gap_em`` (see there why never next to CJK).
    """
    space_xs = sorted(s["x0"] for s in spaces)
    pieces: list[str] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            glyphs = bisect_right(space_xs, char["x0"] - 0.01) - bisect_right(space_xs, previous["x0"])
            touches_cjk = is_cjk(previous["text"][-1]) or is_cjk(char["text"][0])
            if glyphs > 0:
                pieces.append(" " * glyphs)
            elif gap > settings.space_gap_em * char["size"] and not touches_cjk:
                pieces.append(" ")
        pieces.append(char["text"])
        previous = char
    return "".join(pieces).strip()


def chars_to_lead_width(chars: Sequence[Char]) -> float:
    """Width of a line's first unbreakable unit (see ``TextLine.lead_width``).

    >>> chars_to_lead_width([{"text": t, "x0": 12.0 * i, "x1": 12.0 * i + 12} for i, t in enumerate("底，2023")])
    24.0
    >>> chars_to_lead_width([{"text": t, "x0": 12.0 * i, "x1": 12.0 * i + 12} for i, t in enumerate("公”经费")])
    36.0
    """
    i = 0
    while i < len(chars) - 1 and chars[i]["text"] in NO_LINE_END:
        i += 1
    if is_cjk(chars[i]["text"][0]):
        i += 1
    else:  # a Latin word or a number: up to the next space-sized gap or CJK char
        while (
            i + 1 < len(chars)
            and not is_cjk(chars[i + 1]["text"][0])
            and chars[i + 1]["x0"] - chars[i]["x1"] < 1.0
        ):
            i += 1
        i += 1
    while i < len(chars) and (chars[i]["text"] in NO_LINE_START or chars[i]["text"] in QUOTATION_MARKS
                              or chars[i - 1]["text"] in QUOTATION_MARKS):
        i += 1
    return chars[min(i, len(chars)) - 1]["x1"] - chars[0]["x0"]


# --------------------------------------------------------------------------- paragraphs


@record
class TextFrame:
    """Where a run of lines is set (a page's body, a cell) and how its paragraphs look."""

    left: float  # the left margin: continuation lines start here
    right: float  # the right margin: full lines end here
    line_gap: float  # the usual gap between two lines of one paragraph
    uses_indent: bool = False  # paragraphs open with a first-line indent (Chinese report body)


def is_paragraph_break(
    above: TextLine,
    below: TextLine,
    frame: TextFrame,
    *,
    above_starts: bool = False,
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> bool:
    """Does ``below`` start a new paragraph rather than continue ``above``?

    Rules, in order, the first that applies decides:

    1. a wider vertical gap than ``frame.line_gap`` (same page only), or a font size change;
    2. a list marker ("一、", "（一）", "1.") — except at the left margin of a frame whose
       paragraphs open indented: there it is an enumeration that wrapped to a line start
       ("…维护工作；" / "（四）负责移民培训工作…" in seed 000);
    3. an indent: ``below`` starts right of ``above``, not as centred text does;
    4. ``above`` opened a paragraph indented from the margin and ``below`` starts at that same
       indent instead of returning to the margin: a second paragraph (one-line paragraphs);
    5. ``above`` starts far in (SET_APART_SHARE): a signature or a date set right, a short centred
       line; nothing wraps from it;
    6. ``above`` left room at ``frame.right`` for ``below``'s first unit, so ``below`` was not
       pushed down by lack of room.

    Limits: the room is measured against an estimated margin, so a paragraph whose last line
    ends within a character of it, followed by an unindented paragraph without a marker, is
    joined to it; a hanging indent (list items whose continuation lines are indented) or a
    block-indented paragraph is split line by line.
    """
    same_page = below.page == above.page
    if same_page and below.top - above.bottom > frame.line_gap + settings.paragraph_gap_em * above.size:
        return True
    if abs(below.size - above.size) > settings.size_change:
        return True
    at_margin = abs(below.x0 - frame.left) <= settings.margin_tolerance
    if LIST_MARKER.match(below.text) and not (frame.uses_indent and at_margin):
        return True
    is_centred = abs(below.center - above.center) <= settings.center_tolerance
    if below.x0 > above.x0 + settings.indent_em * above.size and not is_centred:
        return True
    if (
        above_starts
        and not at_margin
        and below.x0 > frame.left
        and abs(below.x0 - above.x0) <= settings.margin_tolerance
    ):
        return True
    if above.x0 - frame.left > SET_APART_SHARE * (frame.right - frame.left):
        # “涟源市司法局” / “2024年5月10日” set right, then “附表” opening the next page (blind
        # probe J r17): text that starts this far in was placed, not wrapped, so nothing runs on from it
        return True
    is_mixed = is_cjk(above.text[-1]) != is_cjk(below.text[0])
    slack = settings.mixed_script_slack_em if is_mixed else settings.wrap_slack_em
    room_left = frame.right - above.x1
    return room_left >= below.lead_width + slack * above.size


# A line starting further in than this share of its frame's width is set right or centred, not a
# line of wrapped text (which starts at the margin or at a first-line indent).
SET_APART_SHARE = 0.4


def typical_line_gap(lines: Sequence[TextLine]) -> float:
    """The usual gap between consecutive lines of one paragraph (what single line spacing looks like).

    Gaps over two ems are block gaps and are ignored; with no sample, half an em. Of the rest, the
    smallest gap that recurs (to half a point, on at least LINE_GAP_MIN_SHARE of the gaps and
    twice): a report of short paragraphs spaced apart (spacing after each, a heading every few
    lines) has more gaps between paragraphs than inside them, and their median took the
    paragraph gap for the line gap, joining headings and signatures to the paragraph above
    (blind probes AA aa06, J r17). A gap seen once (a line with a superscript) is no spacing.
    """
    gaps = [
        b.top - a.bottom
        for a, b in pairwise(lines)
        if a.page == b.page and 0 <= b.top - a.bottom <= 2 * a.size
    ]
    if not gaps:
        return 0.5 * (lines[0].size if lines else 12.0)
    counts = Counter(round(gap * 2) / 2 for gap in gaps)
    recurring = [gap for gap, count in counts.items() if count >= max(2, LINE_GAP_MIN_SHARE * len(gaps))]
    if not recurring:
        return median(gaps)
    smallest = min(recurring)
    return median(gap for gap in gaps if abs(gap - smallest) <= 0.25)


# The share of a document's line gaps a spacing must have to be taken for its line spacing.
LINE_GAP_MIN_SHARE = 0.1


def lines_to_paragraphs(
    lines: Sequence[TextLine],
    frame_of: Callable[[TextLine], TextFrame],
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> list[list[TextLine]]:
    """Split a run of lines into paragraphs (see ``is_paragraph_break``).

    ``frame_of`` gives the frame of a line's page (pages may differ in width).
    """
    paragraphs: list[list[TextLine]] = []
    for line in lines:
        if paragraphs and not is_paragraph_break(
            paragraphs[-1][-1],
            line,
            frame_of(paragraphs[-1][-1]),
            above_starts=len(paragraphs[-1]) == 1,
            settings=settings,
        ):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def join_wrapped(left: str, right: str) -> str:
    """Join two wrapped lines of one paragraph.

    >>> join_wrapped("争取到支持集中安置区专项资", "金400万元"), join_wrapped("the audit", "firm")
    ('争取到支持集中安置区专项资金400万元', 'the audit firm')
    """
    if not left or not right:
        return left + right
    if is_cjk(left[-1]) or is_cjk(right[0]) or left.endswith("-") or NUMBER_CUT.search(left + "\n" + right):
        return left + right
    return f"{left} {right}"


# A number wrapped at its decimal point or a thousands comma, where a narrow cell breaks it
# (“3087.” over “5”, “1,” over “234.50”, “3087” over “.5”): its pieces join without a space.
NUMBER_CUT = re.compile(r"\d[.,]\n\d|\d\n[.]\d")


def paragraph_to_text(
    lines: Sequence[TextLine], frame: TextFrame | None = None, settings: LayoutSettings = DEFAULT_SETTINGS
) -> str:
    """One paragraph's wrapped lines re-joined (``join_wrapped``); with the ``frame`` they were
    set in, a token cut for want of room is joined whole (``is_cut_token``)."""
    text = ""
    for above, line in zip((None, *lines), lines):
        if above is not None and frame is not None and is_cut_token(above, line, frame, settings):
            text += line.text
        else:
            text = join_wrapped(text, line.text)
    return text.strip()


def is_cut_token(above: TextLine, below: TextLine, frame: TextFrame,
                 settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """Was ``above`` cut inside a token too long for the line (15178.9 | 8 in a narrow cell)?

    Latin words and numbers wrap at the space between them, which join_wrapped puts back; a
    token wider than the whole line is cut where it overflows, and its pieces join without one.
    So: ``above`` is one token (no space), runs from the frame's left margin to less than half
    an em of ``below``'s size from its right one: not even one more digit had room.
    """
    return (
        " " not in above.text.strip()
        and abs(above.x0 - frame.left) <= settings.margin_tolerance
        and frame.right - above.x1 < 0.5 * below.size
    )


def lines_to_text(
    lines: Sequence[TextLine], frame: TextFrame, settings: LayoutSettings = DEFAULT_SETTINGS
) -> str:
    """Cell text: paragraphs joined by "\\n", wrapped lines inside a paragraph re-joined."""
    paragraphs = lines_to_paragraphs(lines, lambda _line: frame, settings)
    return "\n".join(paragraph_to_text(p, frame, settings) for p in paragraphs)


# --------------------------------------------------------------------------- one page's table


@record
class GridCell:
    """A cell placed on a grid: 0-based ``row``/``col``, exclusive ``row_end``/``col_end``.

    ``page``, ``top`` are where the cell starts; ``end_page``, ``bottom`` where its last piece
    ends; ``lines`` are its text lines in order, over every page it covers.
    """

    row: int
    col: int
    row_end: int
    col_end: int
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    end_page: int
    lines: tuple[TextLine, ...] = ()

    @property
    def has_text(self) -> bool:
        return bool(self.lines)

    def text(self, settings: LayoutSettings = DEFAULT_SETTINGS) -> str:
        if not self.lines:
            return ""
        return lines_to_text(self.lines, self.frame(settings), settings)

    def frame(self, settings: LayoutSettings = DEFAULT_SETTINGS) -> TextFrame:
        """Where text in this cell is set: from its leftmost line to the border less the padding.

        The padding is the measured left one (text starts there in a left-aligned cell),
        assumed equal on the right, but never more than Word's default: centred or indented
        text starts further in without the right padding being larger. Cells are not taken to
        use first-line indents.
        """
        left = min(line.x0 for line in self.lines)
        padding = max(0.0, min(left - self.x0, settings.cell_padding))
        return TextFrame(left=left, right=self.x1 - padding, line_gap=typical_line_gap(self.lines))


@record
class TablePart:
    """The piece of a table drawn on one page: grid lines ``xs``/``ys`` and the cells on them."""

    page: int
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]
    # Drawn without ruling lines: its grid was inferred from the text (extract/readers/pdf_aligned.py).
    aligned: bool = False
    # For a part too short to be a table on its own: its text as lines, read instead when it
    # continues no table from the page before.
    as_lines: tuple[TextLine, ...] = ()

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


def values_to_edges(values: Iterable[float], tolerance: float) -> tuple[float, ...]:
    """Distinct grid lines from cell edge coordinates: values within ``tolerance`` are one line.

    >>> values_to_edges([65.5, 156.2, 156.3, 519.0, 519.1], 2.0)
    (65.5, 156.2, 519.0)
    """
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > tolerance:
            edges.append(value)
    return tuple(edges)


def edge_index(edges: Sequence[float], value: float) -> int:
    """Index of the grid line nearest to ``value``."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def bboxes_to_part(
    bboxes: Sequence[tuple[float, float, float, float]],
    chars: Sequence[Char],
    page: int,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    aligned: bool = False,
) -> tuple[TablePart, list[Char]]:
    """Build one page's grid from pdfplumber's cell bboxes and give each cell its chars.

    The grid lines are the distinct x and y edges of all cells, so a cell whose bbox spans
    several grid columns/rows is a merged cell, stored once with its spans. Each char goes to
    the cell holding its centre, found by bisecting the grid lines (no per-cell scan of the
    page's words). Chars inside the table's outline but in no cell (a gap in an irregular
    table) are returned so the caller keeps them as body text.
    """
    xs = values_to_edges([v for b in bboxes for v in (b[0], b[2])], settings.edge_tolerance)
    ys = values_to_edges([v for b in bboxes for v in (b[1], b[3])], settings.edge_tolerance)
    owners: list[list[int | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    placed: list[GridCell] = []
    for x0, top, x1, bottom in bboxes:
        row, row_end = edge_index(ys, top), edge_index(ys, bottom)
        col, col_end = edge_index(xs, x0), edge_index(xs, x1)
        if row_end <= row or col_end <= col:
            continue  # a sliver thinner than the tolerance
        for r in range(row, row_end):
            for c in range(col, col_end):
                owners[r][c] = len(placed)
        placed.append(GridCell(row, col, row_end, col_end, x0, x1, top, bottom, page, page))
    chars_by_cell: list[list[Char]] = [[] for _ in placed]
    orphans: list[Char] = []
    for char in chars:
        r = bisect_right(ys, (char["top"] + char["bottom"]) / 2) - 1
        c = bisect_right(xs, (char["x0"] + char["x1"]) / 2) - 1
        owner = owners[r][c] if 0 <= r < len(ys) - 1 and 0 <= c < len(xs) - 1 else None
        (orphans if owner is None else chars_by_cell[owner]).append(char)
    cells = tuple(
        replace(cell, lines=tuple(chars_to_lines(cell_chars, page, settings)))
        for cell, cell_chars in zip(placed, chars_by_cell)
    )
    return TablePart(page, xs, ys, cells, aligned), orphans


# --------------------------------------------------------------------------- over pages


@record
class StitchedTable:
    """A logical table over one or more pages.

    ``xs`` are the column edges of all its parts together (a page may lack an edge where its
    rows merge two columns); ``cells`` sit on ``xs`` and on global rows counted over all pages.
    ``first`` is kept to recognise a repeated header, ``last`` to judge the next page's part.
    """

    first: TablePart
    last: TablePart
    xs: tuple[float, ...]
    cells: tuple[GridCell, ...]
    n_rows: int
    pages: tuple[int, ...]

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @classmethod
    def start(cls, part: TablePart) -> StitchedTable:
        return cls(part, part, part.xs, part.cells, part.n_rows, (part.page,))


def columns_fit(a: Sequence[float], b: Sequence[float], settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """Could two parts be one table? Same outer edges, and every column edge of one is an edge
    of the other (within ``column_tolerance``): a page whose rows merge two columns draws fewer
    edges, never different ones.

    >>> columns_fit((85, 170, 335, 500), (85, 170, 280, 335, 500)), columns_fit((85, 300, 500), (85, 250, 500))
    (True, False)
    """
    tolerance = settings.column_tolerance
    if abs(a[0] - b[0]) > tolerance or abs(a[-1] - b[-1]) > tolerance:
        return False
    fewer, more = sorted((a, b), key=len)
    return all(any(abs(x - y) <= tolerance for y in more) for x in fewer)


def cells_onto_edges(cells: Iterable[GridCell], xs: Sequence[float]) -> tuple[GridCell, ...]:
    """The cells with their columns counted on the grid lines ``xs``."""
    return tuple(replace(c, col=edge_index(xs, c.x0), col_end=edge_index(xs, c.x1)) for c in cells)


def normalize_cell_text(text: str) -> str:
    return re.sub(r"\s+", "", text)


def rows_signature(cells: Iterable[GridCell], n_rows: int, settings: LayoutSettings) -> tuple:
    """What the first ``n_rows`` rows look like: each cell's grid box (clipped) and text."""
    return tuple(
        sorted(
            (c.row, min(c.row_end, n_rows), c.col, c.col_end, normalize_cell_text(c.text(settings)))
            for c in cells
            if c.row < n_rows
        )
    )


@record
class RepeatedHeader:
    """The leading rows of a page's part that repeat the table's header (``n_rows``, 0 for none),
    and the text cut off a header cell drawn too short for it (``cut_off``, by column box)."""

    n_rows: int
    cut_off: dict[tuple[int, int], str]


def repeated_header_rows(
    first: Sequence[GridCell],
    first_rows: int,
    part: Sequence[GridCell],
    part_rows: int,
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> RepeatedHeader:
    """How many leading rows of a part repeat the table's first rows (0 if none).

    Word's "repeat as header row" (``w:tblHeader``) makes LibreOffice and Word draw the header
    again on each page; units also copy it by hand. Rows must match cell by cell (same grid
    boxes on the common columns, same text ignoring whitespace) and contain some text. A cell
    may hold less than the first page's: LibreOffice draws the repeated header no taller than
    its rows' own height, and the last line of a header cell that needed more
    (偏差原因分析及改进措 | 施) is cut off and lands in the row below; what is missing is
    returned, for the caller to take off that row.
    """
    for n_rows in range(min(settings.max_header_rows, first_rows, part_rows), 0, -1):
        signature = rows_signature(first, n_rows, settings)
        if not any(entry[-1] for entry in signature):
            continue
        repeated = rows_signature(part, n_rows, settings)
        if len(repeated) != len(signature):
            continue
        cut_off: dict[tuple[int, int], str] = {}
        for (*box, text), (*repeated_box, repeated_text) in zip(signature, repeated):
            if box != repeated_box or not text.startswith(repeated_text):
                break
            if repeated_text != text:
                if not repeated_text or box[1] != n_rows:
                    break  # only a cell reaching the header's last row can spill into the next
                cut_off[(box[2], box[3])] = text[len(repeated_text):]
        else:
            return RepeatedHeader(n_rows, cut_off)
    return RepeatedHeader(0, {})


def without_cut_off_header(cell: GridCell, cut_off: str, settings: LayoutSettings = DEFAULT_SETTINGS) -> GridCell:
    """``cell`` (right under a repeated header, in the column of a header cell drawn too short)
    without the leading lines that are that header cell's cut-off text; as it is when its
    leading lines do not spell exactly that text."""
    taken = ""
    for count, line in enumerate(cell.lines, start=1):
        taken += normalize_cell_text(line.text)
        if taken == cut_off:
            return replace(cell, lines=cell.lines[count:])
        if not cut_off.startswith(taken):
            break
    return cell


def line_pitch(lines: Sequence[TextLine]) -> float:
    """Distance from one line's top to the next's (line height plus spacing), measured on the
    lines given; 1.2 × the font size when no two lines follow each other."""
    steps = [b.top - a.top for a, b in pairwise(lines) if a.page == b.page and 0 < b.top - a.top < 3 * a.size]
    if steps:
        return median(steps)
    return 1.2 * (median(line.size for line in lines) if lines else 12.0)


def cell_gap(cell: GridCell) -> float:
    """Empty room under a cell's last line; infinite when its text ended on an earlier page
    than its last piece (a merged cell continued empty)."""
    if cell.lines[-1].page != cell.end_page:
        return float("inf")
    return cell.bottom - cell.lines[-1].bottom


def is_split_row(
    above: dict[tuple[int, int], GridCell],
    below: dict[tuple[int, int], GridCell],
    *,
    n_cols: int,
    last_row: int,
    below_rows: int,
    room_below: float,
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> bool:
    """Is the next page's first data row (``below``, cells by column box) the rest of the
    table's last row (``above``: the cells covering it), broken by the page end?

    What LibreOffice draws at such a break (checked on ``row_split.pdf``): the row is closed by
    a bottom border on the first page and the repeated header, if any, opens the next page, so
    the borders say nothing. The text does: the column that overflowed is filled down to the
    cell's bottom on the first page, while a short column (e.g. the row label) ended high up
    and is empty on the next page. So the row is judged split when the two rows have the same
    cell boxes, the table ends less than two lines above the bottom of the body area
    (``room_below``: the row was cut there), every next-page cell with text continues a cell
    filled as far down as the row's fullest cell (which itself ends within two lines of the
    bottom: widow/orphan control may move a line on) or continues a label that starts in the row
    and is merged down over the next page's rows (widow/orphan control moves its last lines on
    with them, and leaves room under its first: 效益目标 | （预期实现的效益） in seed 002), and either

    * some cell that starts in the last row has text that ended well above its bottom (room
      for another line, compared with the fullest cell of the row) and an empty counterpart, or
    * the row is a single full-width cell and so is the whole next-page part (``below_rows``
      is 1): a text box (情况说明, a report pasted into a cell) running over pages, or
    * no cell is short, but each next-page cell with text carries on a line the page cut
      mid-paragraph and some cell with text continues empty (``is_wrapped_on``).

    Limits: a break where every column overflowed and every cell goes on is not detected and
    stays two rows. A real next row whose only text sits in the columns that filled the
    previous row to its bottom, its other cells left blank (a sub-item without a label), is
    taken for the rest of that row: its text is appended, after a line break, to the cells
    above. A lone full-width row opening the next page after a full-width text row is merged
    into it. Tested on LibreOffice output only (Word draws similar borders).
    """
    if not below or set(above) != set(below):
        return False
    with_text = [c for c in above.values() if c.has_text]
    if not with_text:
        return False
    pitch = line_pitch([line for c in with_text for line in c.lines])
    fullest = min(cell_gap(c) for c in with_text)
    if fullest > 2 * pitch or room_below > 2 * pitch:
        return False

    def is_full(cell: GridCell) -> bool:
        return cell.has_text and cell_gap(cell) - fullest <= 0.5 * pitch

    def is_short(cell: GridCell) -> bool:
        return cell.has_text and cell_gap(cell) - fullest > 0.8 * pitch

    if not all(is_full(above[key]) or is_merged_across(above[key], b, last_row)
               for key, b in below.items() if b.has_text):
        return False
    has_short_empty = any(
        a.row == last_row and is_short(a) and not below[key].has_text for key, a in above.items()
    )
    is_text_box = set(above) == {(0, n_cols)} and below_rows == 1
    return has_short_empty or is_text_box or is_wrapped_on(above, below, last_row, settings)


def continues_row_text(above: dict[tuple[int, int], GridCell], below: dict[tuple[int, int], GridCell],
                       settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """For tables drawn without lines, whose inferred cells say nothing of where text was cut: the
    next page's first row goes on with the last row above when it fills only some of the columns
    that row fills, and holds no number of its own (“间 | 月31日前 | 月20日” under “项目完工时 |
    2024年12 | 2024年12”, blind probe U u02)."""
    filled = {key for key, cell in below.items() if cell.has_text}
    filled_above = {key for key, cell in above.items() if cell.has_text}
    return fills_part_of_row(filled, filled_above, (below[key].text(settings) for key in filled))


def fills_part_of_row(filled: set, filled_above: set, texts: Iterable[str]) -> bool:
    """The rule of a row's text going on under it, in a table drawn without lines: what is below
    fills only some of the columns the row fills (``filled`` a proper subset of ``filled_above``)
    and none of its ``texts`` is a number of its own. Shared by the lines of one page
    (pdf_aligned.block_rows) and the rows either side of a page break (continues_row_text)."""
    return bool(filled) and filled < filled_above and not any(NUMBER_CELL.fullmatch(text) for text in texts)


# A cell holding a number and nothing else: 860.00, 1,475.00, 98.5%, ≥95%, -3.2.
NUMBER_CELL = re.compile(r"[≥≤<>＞＜=＝约-]?\s*[\d,，.．]+\s*[%％]?")


def is_merged_across(a: GridCell, b: GridCell, last_row: int) -> bool:
    """Is ``a`` (with text, covering the row cut by the page) merged over several rows, with
    ``b`` its piece on the next page? Such a cell's text flows over all its rows, and
    widow/orphan control moves lines of it on with the next page's rows (效益目标 |
    （预期实现的效益）, 三公经费 | 合计): where its text ends says nothing about the row."""
    return a.has_text and (a.row < last_row or b.row_end - b.row >= 2)


def is_wrapped_on(
    above: dict[tuple[int, int], GridCell],
    below: dict[tuple[int, int], GridCell],
    last_row: int,
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> bool:
    """Do the next page's cells with text carry on lines that the page cut mid-paragraph, while
    some cell of the row that has text continues empty? A row whose cells all hold one line
    but one, which wraps to a second line the page pushes on (指标3：培训 | 移民劳动力（人次）),
    leaves no short cell to tell by: the cut text does. Each such cell's last line on the first
    page fills the cell and was cut mid-paragraph (``is_cut_line``); a row whose values open the
    next page (40848 | 124, centred) is a new row. A label merged down over the next rows is
    left out: its text may run on or not."""
    carried = [(above[key], b) for key, b in below.items()
               if b.has_text and not is_merged_across(above[key], b, last_row)]
    if not carried:
        return False
    left_empty = any(a.row == last_row and a.has_text and not below[key].has_text for key, a in above.items())
    return left_empty and all(is_cut_line(a, b, settings) for a, b in carried)


def is_cut_line(a: GridCell, b: GridCell, settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """Is ``a``'s last line one that the page cut in mid-paragraph, ``b`` holding the rest?

    Text: by the paragraph rules (``is_paragraph_break``): no room was left for ``b``'s first
    unit and nothing (a list marker, an indent) opens a paragraph in ``b``. A number has no
    place to wrap: only one wider than its cell is cut (``is_cut_token``), and it fills the
    cell from its left padding, where a centred value that merely comes close (40848, with the
    next row's 124 opening the next page) starts further in.
    """
    last, first = a.lines[-1], b.lines[0]
    if NUMBER_LINE.fullmatch(last.text.strip()):
        fills_from_left = last.x0 - a.x0 <= settings.cell_padding + settings.margin_tolerance
        return fills_from_left and is_cut_token(last, first, a.frame(settings), settings)
    return not is_paragraph_break(last, first, a.frame(settings), settings=settings)


NUMBER_LINE = re.compile(r"[-+−]?[0-9][0-9,.]*[%％]?")


def is_continued_merge(a: GridCell, b: GridCell, settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """Is ``b`` (opening the next page, same columns) the rest of the merged cell ``a``?

    LibreOffice draws a vertically merged cell crossing the page with its text on the first
    page and, on the next, a cell over the remaining rows: empty, or holding the rest of a text
    too long for the first page's rows (效益目标（预期实 | 现的效益）). So: ``a`` has text, one of
    them spans two rows or more (merging blank cells on purpose is rare, a label merged over
    rows is the norm in 绩效指标 tables), and ``b`` is empty or goes on with ``a``'s text over
    the next page's rows (two or more): ``a`` is filled to its bottom (within a line and a half)
    and its last line was cut mid-paragraph (``is_cut_line``). A new label opening the page
    after one that ended higher up, or whose last line left room, is its own cell, and so is a
    one-row piece: a header merged down over header rows is not continued by the first data
    row's value (支出合计 | 1030.29).
    Limit: when both pieces are one row high, an empty ``b`` is as likely a blank cell of a new
    row and is left alone.
    """
    is_merged = a.row_end - a.row >= 2 or b.row_end - b.row >= 2
    if not (is_merged and a.has_text):
        return False
    if not b.has_text:
        return True
    goes_on_over_rows = b.row_end - b.row >= 2
    return goes_on_over_rows and cell_gap(a) <= 1.5 * line_pitch(a.lines) and is_cut_line(a, b, settings)


def continue_table(
    table: StitchedTable,
    part: TablePart,
    *,
    has_marker: bool,
    room_below: float,
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> StitchedTable | None:
    """``table`` extended by ``part`` (the first block of the next page), or None if ``part``
    is a different table.

    ``part`` continues the table when the columns fit (``columns_fit``) and at least one of:
    ``room_below`` (space left under the table on the previous page) is smaller than
    ``part``'s first data row, so that row could not fit; the page starts with a "续表"
    caption (``has_marker``); or ``part`` repeats the header row. A repeated header is
    dropped; a row broken over the page (``is_split_row``) and a merged cell crossing it
    (``is_continued_merge``) become one cell.
    """
    if not columns_fit(table.xs, part.xs, settings):
        return None
    xs = values_to_edges(table.xs + part.xs, settings.column_tolerance)
    first = cells_onto_edges(table.first.cells, xs)
    below_cells = cells_onto_edges(part.cells, xs)
    header = repeated_header_rows(first, table.first.n_rows, below_cells, part.n_rows, settings)
    header_rows = header.n_rows
    if header.cut_off:
        below_cells = tuple(
            without_cut_off_header(c, header.cut_off[(c.col, c.col_end)], settings)
            if c.row == header_rows and (c.col, c.col_end) in header.cut_off else c
            for c in below_cells
        )
    if header_rows >= part.n_rows:  # nothing but the repeated header on this page
        return replace(table, last=part, pages=table.pages + (part.page,))
    first_row_height = part.ys[header_rows + 1] - part.ys[header_rows]
    reaches_bottom = room_below < first_row_height + settings.line_tolerance
    if not (reaches_bottom or has_marker or header_rows):
        return None
    cells = list(cells_onto_edges(table.cells, xs))
    last_row = table.n_rows - 1
    above = {(c.col, c.col_end): i for i, c in enumerate(cells) if c.row <= last_row < c.row_end}
    below = {(c.col, c.col_end): c for c in below_cells if c.row == header_rows}
    split = is_split_row(
        {key: cells[i] for key, i in above.items()},
        below,
        n_cols=len(xs) - 1,
        last_row=last_row,
        below_rows=part.n_rows - header_rows,
        room_below=room_below,
        settings=settings,
    ) or (part.aligned and table.last.aligned and continues_row_text(
        {key: cells[i] for key, i in above.items()}, below, settings))
    offset = table.n_rows - header_rows - (1 if split else 0)
    for cell in below_cells:
        if cell.row_end <= header_rows:
            continue  # the repeated header
        moved = replace(cell, row=max(cell.row, header_rows) + offset, row_end=cell.row_end + offset)
        index = above.get((cell.col, cell.col_end))
        if (
            cell.row == header_rows
            and index is not None
            and (split or is_continued_merge(cells[index], cell, settings))
        ):
            a = cells[index]
            cells[index] = replace(
                a,
                row_end=moved.row_end,
                bottom=cell.bottom,
                end_page=cell.end_page,
                lines=a.lines + cell.lines,
            )
        else:
            cells.append(moved)
    return StitchedTable(
        first=table.first,
        last=part,
        xs=xs,
        cells=tuple(cells),
        n_rows=part.n_rows + offset,
        pages=table.pages + ((part.page,) if part.page not in table.pages else ()),
    )
