"""The title lines of each table: what the report calls it, and for which year.

Reports title a table in one of three places, and the checks must see all of them:

* short lines right above it: “项目支出绩效自评表” over “（2022年度）”, or one line “表3
  2023年度项目支出绩效自评表”, or a numbered heading “（三）2022年度项目支出绩效自评表”;
* its own leading rows, each a single text across the row, as in forms converted from
  spreadsheets: “项目支出绩效自评表” / “（2022年度）” as rows 1 and 2;
* the sheet's name, for a table read from a workbook (``Table.caption``).

A title is short (TITLE_MAX_CHARS) and is no sentence: the paragraph above a table that says
something (“具体情况见下表。”) or a long heading ends the search upwards. The checks read the
titles (checks/years.py: a 自评表 titled with an earlier year than the report's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from extract.figures import heading_level
from extract.model import Block, Document, Location, Paragraph, Table
from extract.records import record

TITLE_MAX_CHARS = 40
LINES_ABOVE = 2  # a title and its period line (项目支出绩效自评表 / （2022年度）)
ROWS_INSIDE = 2
_SENTENCE_END = re.compile(r"[。；;！？!?]")


@record
class TableTitle:
    """One title line of a table: its text and where it is (a paragraph, a cell, or the table)."""

    table: int  # Table.index of the table it names
    text: str
    location: Location


def document_to_table_titles(document: Document) -> tuple[TableTitle, ...]:
    """The title lines of every top-level table of the body, in document order."""
    titles: list[TableTitle] = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            continue
        above = list(_lines_above(blocks, index, block.index))
        titles.extend(reversed(above))  # top line first, as read
        titles.extend(_title_rows(block))
        if block.caption and block.caption.strip():
            titles.append(TableTitle(block.index, block.caption.strip(), block.location))
    return tuple(titles)


def _lines_above(blocks: Sequence[Block], index: int, table: int) -> Iterator[TableTitle]:
    """The short lines right above block ``index``, nearest first; a heading only right above it."""
    taken = 0
    for above in range(index - 1, -1, -1):
        block = blocks[above]
        if not isinstance(block, Paragraph) or taken == LINES_ABOVE:
            return
        text = block.text.strip()
        if not text:
            continue
        if len(text) > TITLE_MAX_CHARS or _SENTENCE_END.search(text):
            return
        is_heading = heading_level(text) is not None
        if is_heading and taken:
            return  # the heading of the section the titled table is in
        yield TableTitle(table, text, block.location)
        taken += 1
        if is_heading:
            return  # a heading right above a table may title it; nothing above it does


def _title_rows(table: Table) -> Iterator[TableTitle]:
    """The table's leading rows that hold one short text only, in their first cell (merged across
    the row or not)."""
    for row in table.rows()[:ROWS_INSIDE]:
        filled = [cell for cell in row if cell.text.strip()]
        texts = {cell.text.strip() for cell in filled}
        if len(texts) != 1 or filled[0] is not row[0]:
            return  # a header row, or a row of values
        text = texts.pop()
        if len(text) > TITLE_MAX_CHARS or _SENTENCE_END.search(text):
            return
        yield TableTitle(table.index, text, filled[0].location)
