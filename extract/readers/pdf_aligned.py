"""Tables drawn without ruling lines, found in a PDF page's body text by the alignment of its words.

Why: a Word table whose borders were switched off (or a 三线表 whose rules the exporter dropped)
reaches the PDF as bare text. pdfplumber's "lines" strategy finds no cell there, and its "text"
strategy invents tables out of any aligned paragraph, so the rows came out as paragraphs with
their cells run together (“一、基本支出2686.00 2658.17 98.96”): the amounts lost their columns.

How, in pure geometry on the page's body chars:

1. ``chars_to_rows_of_segments``: chars → visual lines → *segments*, the runs of a line split at
   gaps of at least ``COLUMN_GAP_EM`` × the font size. Justified prose never leaves such a gap
   inside a line; a table leaves one between every two filled cells (twice Word's cell padding).
2. ``aligned_blocks``: runs of consecutive lines where lines of several segments follow each
   other, with at most short one-segment lines between them (a cell's text wrapped onto a
   second line). A wide one-segment line (prose) or a large vertical gap ends the run.
3. ``block_to_bboxes``: the columns are the x ranges covered by some segment of the block,
   separated by gaps no segment crosses; rows are the lines, a line set closer to the one above
   than the rows are to each other being the same row's wrapped text. Each row × column becomes
   a cell box, as pdfplumber's TableFinder gives for a ruled table, so ``pdf.page_to_layout``
   treats both alike (the chars are then placed in the cells by ``bboxes_to_part``).

A block is kept only with at least ``MIN_COLUMNS`` columns and ``MIN_ROWS`` lines of several
segments: two-column lists (“项目名称：    …”, “主管部门：    …” on a cover page) stay text.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from statistics import median

from pdfplumber.utils import cluster_objects

from extract.readers.pdf_tables import DEFAULT_SETTINGS, Char, LayoutSettings, TablePart, fills_part_of_row

# A gap between two chars of one line at least this × font size separates two cells. Word's
# default cell padding is 0.19 cm on each side (10.8 pt between two cells' text, 1.0 em of 10.5 pt
# table text); justification spreads Chinese prose by far less, and a space is 0.25–0.33 em.
COLUMN_GAP_EM = 0.6
# A gap holding typed spaces separates columns only this wide (× font size): four spaces or more.
SPACED_COLUMN_GAP_EM = 2.0
# A block needs this many columns and this many lines of several segments to be a table.
MIN_COLUMNS = 3
MIN_ROWS = 3
# Lines further apart than this × the font size are not one table.
MAX_ROW_GAP_EM = 2.5
# A one-segment line after a block's last row belongs to it only this close (× font size) below.
TRAILING_WRAP_EM = 0.5
# Two kinds of vertical gaps in a block (wrapped lines of a cell, and rows) are told apart when the
# smaller row gap is at least this many times the larger wrap gap, and this many ems wider.
ROW_GAP_RATIO = 1.8
ROW_GAP_MIN_EM = 0.3
# Room left around the text of the outer cells, as Word's cell padding.
EDGE_PADDING = 2.0

Segment = tuple[float, float]  # x0, x1 of a run of chars with no column gap inside
Box = tuple[float, float, float, float]  # x0, top, x1, bottom of a cell


class SegmentedLine:
    """One visual line of body text, as the x ranges of its segments."""

    __slots__ = ("bottom", "segments", "size", "texts", "top")

    def __init__(self, top: float, bottom: float, size: float, segments: list[Segment],
                 texts: list[str]) -> None:
        self.top, self.bottom, self.size, self.segments, self.texts = top, bottom, size, segments, texts

    @property
    def x0(self) -> float:
        return self.segments[0][0]

    @property
    def x1(self) -> float:
        return self.segments[-1][1]


def chars_to_rows_of_segments(chars: Sequence[Char], settings: LayoutSettings = DEFAULT_SETTINGS
                              ) -> list[SegmentedLine]:
    """The page's visual lines, top to bottom, each split into segments at column gaps.

    A gap the text typed spaces into (“表2  2024年度…”) is a column gap only when it is wide
    (SPACED_COLUMN_GAP_EM): the cells of a table are placed apart, not spaced apart, while a
    table typed with spaces has runs of them."""
    lines: list[SegmentedLine] = []
    for cluster in cluster_objects([c for c in chars if c["text"]], "top", settings.line_tolerance):
        visible = sorted((c for c in cluster if c["text"].strip()), key=lambda c: c["x0"])
        if not visible:
            continue
        space_xs = sorted(c["x0"] for c in cluster if not c["text"].strip())
        size = median(c["size"] for c in visible)
        segments: list[Segment] = []
        texts: list[str] = []
        start, end, text = visible[0]["x0"], visible[0]["x1"], [visible[0]["text"]]
        for char in visible[1:]:
            gap = char["x0"] - end
            spaced = bisect_left(space_xs, char["x0"]) > bisect_left(space_xs, end - 0.01)
            if gap >= (SPACED_COLUMN_GAP_EM if spaced else COLUMN_GAP_EM) * size:
                segments.append((start, end))
                texts.append("".join(text))
                start, text = char["x0"], []
            end = max(end, char["x1"])
            text.append(char["text"])
        segments.append((start, end))
        texts.append("".join(text))
        lines.append(SegmentedLine(min(c["top"] for c in visible), max(c["bottom"] for c in visible), size,
                                   segments, texts))
    lines.sort(key=lambda line: line.top)
    return lines


def aligned_blocks(lines: Sequence[SegmentedLine]) -> list[list[SegmentedLine]]:
    """Runs of lines that may be one table: lines of several segments, and one-segment lines
    that fit inside one of their columns (a cell's wrapped text) between them, tight under the
    last of them, or tight above the first (a row broken over the page). Runs with any line of
    several segments are returned; ``chars_to_aligned_tables`` judges how many rows make a table.
    """
    blocks: list[list[SegmentedLine]] = []
    current: list[SegmentedLine] = []
    loose: list[SegmentedLine] = []  # one-segment lines seen since the last block closed

    def close() -> None:
        rows = [line for line in current if len(line.segments) > 1]
        row_gap = min((below.top - above.bottom for above, below in pairwise(rows)), default=0.0)
        # The block's own line wrap, where its cells wrap (a wrapped line of several cells, “间 | 月底前 |
        # 月”, makes row_gap that of a wrap too): a last line as close under the row is the row's end,
        # “亩均财政投 / 入” closing a page (blind probe W w06).
        wrap_gap = _wrap_gap_threshold([below.top - above.bottom for above, below in pairwise(current)],
                                       median(line.size for line in current))
        while len(current[-1].segments) == 1 and not (
                _is_tight(current[-2], current[-1]) or current[-1].top - current[-2].bottom < row_gap
                or (wrap_gap is not None and current[-1].top - current[-2].bottom <= wrap_gap)):
            current.pop()  # not a wrapped cell: as far below the row above as rows are apart, or further
        blocks.append(list(current))
        current.clear()

    for line in lines:
        if current and line.top - current[-1].bottom > MAX_ROW_GAP_EM * line.size:
            close()
        if loose and line.top - loose[-1].bottom > MAX_ROW_GAP_EM * line.size:
            loose.clear()
        if len(line.segments) > 1:
            if current and _spans_two_cells(line.segments, current):
                close()
            if not current:
                current.extend(_wrapped_above(loose, line))
                loose.clear()
            current.append(line)
        elif current and _fits_columns(line.segments, block_columns(current), line.size):
            current.append(line)
        else:
            if current:
                close()
            loose.append(line)
    if current:
        close()
    return blocks


def _is_tight(above: SegmentedLine, below: SegmentedLine) -> bool:
    return below.top - above.bottom <= TRAILING_WRAP_EM * below.size


def _wrapped_above(loose: Sequence[SegmentedLine], first: SegmentedLine) -> list[SegmentedLine]:
    """The one-segment lines right above a block's first row that end a cell of it: each tight
    above the next and inside one of the first row's columns."""
    taken: list[SegmentedLine] = []
    below = first
    for line in reversed(loose):
        if not (_is_tight(line, below) and _fits_columns(line.segments, first.segments, line.size)):
            break
        taken.insert(0, line)
        below = line
    return taken


def _spans_two_cells(segments: Sequence[Segment], block: Sequence[SegmentedLine]) -> bool:
    """Whether a segment overlaps two segments of one line of ``block``: text over the gap between
    two cells of a row is no row of theirs. (Over two header cells that no line holds side by side,
    it may be: “812.00” right-aligned under both “年初预算” and a centred “预算数” above it.)"""
    return any(sum(left < x1 and x0 < right for left, right in other.segments) > 1
               for x0, x1 in segments for other in block)


def _fits_columns(segments: Sequence[Segment], columns: Sequence[Segment], size: float) -> bool:
    """Whether every segment lies inside one of ``columns`` (give or take a character): a line
    whose text crosses the gap between two columns is not a row of theirs."""
    return all(any(left - size <= x0 and x1 <= right + size for left, right in columns)
               for x0, x1 in segments)


def block_columns(block: Sequence[SegmentedLine]) -> list[Segment]:
    """The x ranges of the block's columns: where its segments lie, between gaps none crosses.

    Two neighbouring ranges that no line fills both of are one column: a header written apart from
    its column's numbers (“分值” left-aligned, the points right-aligned under its right end)."""
    spans = sorted(segment for line in block for segment in line.segments)
    ranges: list[list[float]] = []
    for x0, x1 in spans:
        if ranges and x0 <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], x1)
        else:
            ranges.append([x0, x1])
    columns: list[list[float]] = []
    for x0, x1 in ranges:
        if columns and not any(_fills(line, columns[-1]) and _fills(line, (x0, x1)) for line in block):
            columns[-1][1] = x1
        else:
            columns.append([x0, x1])
    return [(x0, x1) for x0, x1 in columns]


def _fills(line: SegmentedLine, column: Sequence[float]) -> bool:
    left, right = column
    return any(x0 < right and left < x1 for x0, x1 in line.segments)


def block_rows(block: Sequence[SegmentedLine]) -> list[list[SegmentedLine]]:
    """The block's lines grouped into rows. A line is the wrapped text of the row above when it
    is much closer to it than the rows are to each other, or, where rows are set as tight as
    the lines of a cell, when it fills only some of the columns the row's first line fills and
    holds no number (a row with a blank cell has its numbers: “二、项目支出 | 860.00 | 816.79 |”)."""
    columns = block_columns(block)
    gaps = [below.top - above.bottom for above, below in pairwise(block)]
    threshold = _wrap_gap_threshold(gaps, median(line.size for line in block))
    rows: list[list[SegmentedLine]] = [[block[0]]]
    for gap, line in zip(gaps, block[1:]):
        if threshold is not None and gap <= threshold or _continues_row(line, rows[-1][0], columns):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def _continues_row(line: SegmentedLine, first: SegmentedLine, columns: Sequence[Segment]) -> bool:
    return fills_part_of_row(_filled_columns(line, columns), _filled_columns(first, columns), line.texts)


def _filled_columns(line: SegmentedLine, columns: Sequence[Segment]) -> set[int]:
    return {index for index, column in enumerate(columns) if _fills(line, column)}


def _wrap_gap_threshold(gaps: Sequence[float], size: float) -> float | None:
    """The largest gap that is a cell's line wrap, or None when all gaps are alike (one line per
    row): the widest jump between the sorted gaps, if it is clear enough."""
    ordered = sorted(gaps)
    best: tuple[float, float] | None = None
    for small, large in pairwise(ordered):
        if large >= ROW_GAP_RATIO * max(small, 0.5) and large - small >= ROW_GAP_MIN_EM * size:
            ratio = large / max(small, 0.5)
            if best is None or ratio > best[0]:
                best = (ratio, small)
    return best[1] if best is not None else None


def block_to_bboxes(block: Sequence[SegmentedLine]) -> list[Box]:
    """Cell boxes (x0, top, x1, bottom) of the block's grid, every row × column, or [] when the
    block is no table (too few columns)."""
    columns = block_columns(block)
    if len(columns) < MIN_COLUMNS:
        return []
    rows = block_rows(block)
    xs = [columns[0][0] - EDGE_PADDING]
    xs += [(left[1] + right[0]) / 2 for left, right in pairwise(columns)]
    xs.append(columns[-1][1] + EDGE_PADDING)
    ys = [rows[0][0].top - EDGE_PADDING]
    ys += [(above[-1].bottom + below[0].top) / 2 for above, below in pairwise(rows)]
    ys.append(rows[-1][-1].bottom + EDGE_PADDING)
    return [(x0, top, x1, bottom) for top, bottom in pairwise(ys) for x0, x1 in pairwise(xs)]


def chars_to_aligned_tables(chars: Sequence[Char], settings: LayoutSettings = DEFAULT_SETTINGS,
                            body_top: float = 0.0) -> list[tuple[list[Box], bool]]:
    """The cell boxes of every table drawn without lines among ``chars``, each with whether it is
    only *tentative*: fewer than MIN_ROWS rows, a table only if it continues one from the page
    before (the last rows and the 合计 of a table broken over the page). ``body_top``: where the
    page's body begins (lines above it are its running header)."""
    tables = []
    lines = chars_to_rows_of_segments(chars, settings)
    for block in aligned_blocks(lines):
        tentative = sum(len(line.segments) > 1 for line in block) < MIN_ROWS
        block = _opening_cell_end(lines, block, None if tentative else body_top) + block
        bboxes = block_to_bboxes(block)
        if bboxes:
            tables.append((bboxes, tentative))
    return tables


def _opening_cell_end(lines: Sequence[SegmentedLine], block: Sequence[SegmentedLine],
                      body_top: float | None = None) -> list[SegmentedLine]:
    """The one-segment line right above a block, nearer to it than to the line above (the running
    header), inside one of its first row's columns; for a block that is a table on its own (not
    tentative: ``body_top`` given), only as the first line of the page's body. At a page's top that is
    the end of a cell of the table's last row on the page before (“…可持续影响” / “指标”, blind probe
    Q q07); the stitching decides, and if it declines the line is text again, as the block is."""
    at = lines.index(block[0])
    if at == 0 or len(lines[at - 1].segments) != 1:
        return []
    line = lines[at - 1]
    below_gap = block[0].top - line.bottom
    above_gap = line.top - lines[at - 2].bottom if at >= 2 else math.inf
    if (below_gap > MAX_ROW_GAP_EM * line.size or above_gap <= below_gap
            or not _fits_columns(line.segments, block[0].segments, line.size)):
        return []
    if body_top is not None and any(above.bottom > body_top for above in lines[:at - 1]):
        return []  # a block of its own is opened only by the page's first line of text
    return [line]


def snap_to_columns(part: TablePart, xs: Sequence[float]) -> TablePart:
    """``part`` on the column edges ``xs`` of the table it may continue, when both were drawn
    without lines and have the same columns, each of ``part``'s overlapping the same one of ``xs``.

    Inferred edges lie between the texts of two columns, so they move with the widest text on each
    page; ``continue_table`` compares ruled edges within a few points. ``part`` is returned as it
    is when its columns are not those of ``xs``."""
    if len(part.xs) != len(xs):
        return part
    for (a0, a1), (b0, b1) in zip(pairwise(part.xs), pairwise(xs)):
        if min(a1, b1) <= max(a0, b0):
            return part
    cells = tuple(replace(cell, x0=xs[cell.col], x1=xs[cell.col_end]) for cell in part.cells)
    return replace(part, xs=tuple(xs), cells=cells)
