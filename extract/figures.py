"""Labelled numbers: every quantity in a report together with the words that name it.

This stage knows nothing of the metric catalogue. It only finds, for each number, the text a
person would read as its label, and keeps everything needed later to decide what it is:

* in running text, the clause before the number (“我中心2023年初基本支出预算”158.93万元) and the
  sentence up to it, so that “其中人员经费137.79万元” can inherit the 决算 of its sentence and
  “实际支出1.06万元” the 公务接待费 named just before;
* in tables, the row label (the nearest label cell to the left) and the column header (the nearest
  label cell above, skipping empty cells and “其中：”), plus the section title row above the value
  (“部门（单位）年度支出和结余情况（万元）”), which often carries the unit.

Long table cells that hold prose (a report pasted into a form cell) are read as running text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Collection, Iterator, Sequence

from extract.budget_columns import ColumnKind, budget_column_kinds
from extract.indicators import IndicatorRow, table_to_indicator_rows
from extract.markers import CONTINUED_MARKER, says_continued
from extract.memo import short_text_memo
from extract.model import Block, Cell, Document, Grid, GridRow, Location, Paragraph, Table
from extract.numbers import (
    Quantity,
    find_quantities,
    find_years,
    may_hold_year,
    nothing_named_after,
    value_of_cell,
)
from extract.records import record
from extract.subsidy_rows import subsidy_row_value

# Characters that end a clause: the label of a number never reaches back past one of them.
CLAUSE_BREAKS = "，,。；;：:！!？?\n、"
# Characters that end a sentence: role and concept inheritance stays inside one sentence. The
# semicolon is not one: “其中：人员经费140.93万元；公用经费18万元” lists parts of one statement.
SENTENCE_BREAKS = "。！!？?\n"
_CLAUSE_BREAK = re.compile("[" + re.escape(CLAUSE_BREAKS) + "]")
SENTENCE_BREAK = re.compile("[" + re.escape(SENTENCE_BREAKS) + "]")
# A year right after one of these is the date a figure was measured at, not the year it is for.
AS_OF_WORDS = re.compile(r"(?:截至|截止|截止到|截至到|至)\s*$")
# A year followed by a month is a date (an event, a document), not the year a figure is for.
FOLLOWED_BY_MONTH = re.compile(r"^\s*年\s*\d{1,2}\s*月")
# A cell is read as prose, not as a label or a value, when it is this long and has a sentence end.
PROSE_CELL_CHARS = 60

# A unit in brackets in a label, header or title applies to the bare numbers under it: “（万元）”, and
# “（单位：万元）” as a section title in a sheet writes it (blind probe S s14).
UNIT_IN_BRACKETS = re.compile(
    r"[（(]\s*(?:(?:金额|计量)?单位\s*[:：]\s*|金额\s*[:：]\s*)?(万元|亿元|千元|元|%|％|人次|人|户|个|项|分)\s*[)）]")
# "单位：万元" at the top of a table; “表中金额单位为万元” in a note (blind probe AJ).
UNIT_DECLARED = re.compile(r"单位\s*(?:[:：]|为)\s*(万元|亿元|千元|元)")
# The rows of a table's head where a form declares its unit: under its title, after a
# “填报单位：…” cell (“部门整体支出绩效自评表（2023年度）| 填报单位：某镇人民政府 | 金额单位：元”).
UNIT_DECLARED_ROWS = 3
# The units of UNIT_IN_BRACKETS that say a label counts (people, households, items) or is money.
COUNT_UNITS = frozenset({"人次", "人", "户", "个", "项"})
MONEY_UNITS = frozenset({"万元", "亿元", "千元", "元"})
# A column of rates (执行率, 完成率, 控制率 …) whose cells may leave out the %: a bare number there
# above 1 is a percent (95.42); 0.9542 could be a fraction or 0.95 %, so bare numbers up to 1 stay
# without a unit, as do numbers too large for a rate.
RATE_HEADER = re.compile(r"率$")
PERCENT_RANGE = (1, 200)


def is_stored_fraction(quantity: Quantity) -> bool:
    """A bare number below 1 written to three or more decimals, under a rate's header: 0.9542, as a
    spreadsheet keeps =F6/E6 when nobody formats the cell, is 95.42 %. No one writes a percent to
    four decimals (0.9542 %), while 0.95 may be either, and is left without a unit."""
    value = quantity.value
    return 0 < value < 1 and -value.as_tuple().exponent >= 3


# A line that only declares the unit, between a table's title and the table.
UNIT_LINE = re.compile(r"[（(]?\s*(?:金额)?单位\s*[:：]\s*(?:万元|亿元|千元|元)\s*[)）]?")
# "其中" alone (often "其中：") is a grouping header, never the label of a number.
GROUPING_ONLY = re.compile(r"^\s*其中\s*[:：]?\s*$")
# A cell that only says “nothing here” (— , ——, -, /, ／, 无): no label of its row, no header of its
# column; a 收入合计 row's “—” under 执行率 is not what the column is.
PLACEHOLDER_ONLY = re.compile(r"^\s*(?:[—–\-－/／\\]+|无)\s*$")


@record
class RawFigure:
    """A number and the words around it, before any decision on what metric it is.

    ``label`` names the number (text: the clause before it; table: the row label); ``header`` is
    the column header for table values; ``context`` the sentence up to the number (text) or the
    section title row (tables); ``unit_hint`` a unit declared in brackets or by 单位： for bare
    numbers; ``years`` the years the figure is *for* named in the label (nearest last), else in
    the context; ``as_of`` the years of 截至/截止 dates (“截至2022年底”: when it was measured, not
    the year it is for); ``trailing`` the rest of the clause after the number, because Chinese
    often names the thing after it (“36277人计2161.83万元的移民直补资金”); ``sentence`` numbers
    the sentences of one block so that later stages can inherit within one.
    """

    label: str
    quantity: Quantity
    location: Location
    extractor: str  # "text" | "table"
    header: str = ""
    context: str = ""
    unit_hint: str = ""
    years: tuple[int, ...] = ()
    as_of: tuple[int, ...] = ()
    trailing: str = ""
    sentence: int = 0
    section: str = ""  # the headings the figure sits under, outermost first, joined by " > "
    block: int = 0  # 0-based index of the body block it is in (PDF paragraphs share a page)
    # The header of the column the row label is in: “‘三公’经费（万元）” above 合计 / 公务接待费
    # names what the rows are parts of, and often their unit.
    label_header: str = ""
    # The table's caption, a short title line right above it (“表2 “三公”经费支出情况表（单位：
    # 万元）”): where the label column is headed only 项目, it alone says what a 合计 row totals.
    caption: str = ""
    # Read from a 绩效指标 row (extract.subsidy_rows): a programme's people, standard or money paid.
    indicator: bool = False
    # In a plain 预算数 column left of a column of the year's adjustment (extract.budget_columns):
    # the budget before the adjustment, the year-start budget, whatever the header's words.
    initial_budget_column: bool = False
    # The project a table says it is about (“项目名称 | 第五次全国经济普查”): a 项目支出绩效自评表 inside
    # a unit's report holds that project's money and score, not the unit's.
    table_subject: str = ""
    # For a row numbered 1. 2. … under a heading row numbered 一、 二、 (“二、项目支出” over “1.义务教育
    # 公用经费补助”), that heading row's label: the row is one item of what it names.
    row_group: str = ""


# Heading markers by level, outermost first: 一、 / （一） / 1、 1. / （1） / 1）. A short paragraph
# starting with one of them, with no sentence inside, is a heading; it closes every heading of
# its level and deeper.
HEADING_MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^第[一二三四五六七八九十]+[章节部分]"),
    re.compile(r"^[一二三四五六七八九十]+\s*[、.．]"),
    re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[)）]"),
    re.compile(r"^\d{1,2}\s*[、.．](?!\d)"),
    re.compile(r"^[（(]\s*\d{1,2}\s*[)）]"),
    re.compile(r"^\d{1,2}\s*[)）]"),
)
HEADING_MAX_CHARS = 30
# The markers as one pattern, each its own group: alternatives are tried in order at the start,
# so the group that matched is the first marker that matches, as a loop over them would find.
_ANY_HEADING_MARKER = re.compile("|".join(f"({marker.pattern})" for marker in HEADING_MARKERS))
# A sentence inside a short paragraph makes it prose, not a heading.
_HOLDS_SENTENCE_END = re.compile("[。；;]")


# Between the headings of a figure's or a sentence's section (RawFigure.section): outermost first.
SECTION_SEPARATOR = " > "


def innermost_heading(section: str) -> str:
    """The last heading of a section (“一、基本情况 > （二）“三公”经费” → “（二）“三公”经费”)."""
    return section.rpartition(SECTION_SEPARATOR)[2]


def document_to_raw_figures(
    document: Document, indicators_by_table: dict[int, list[IndicatorRow]] | None = None
) -> list[RawFigure]:
    """Every labelled number of the body, in reading order, with the headings it sits under.

    ``indicators_by_table`` is ``extract.indicators.indicator_rows_by_table(document)`` when the
    caller has it: those rows are left out of the tables' values (``table_to_raw_figures``).
    """
    figures: list[RawFigure] = []
    headings: dict[int, str] = {}
    section = ""
    previous_text = caption_text = earlier_text = ""
    # The unit the last table got from the lines around it: a table under a 续表 line (续表1, 表1（续）)
    # is the part after a page break, in the same unit (blind probe AJ aj05, aj12), even where a
    # paragraph closed the page between the two.
    last_unit = ""
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            if not (caption_text and UNIT_LINE.fullmatch(block.text.strip())):
                caption_text = block.text  # a title above a “单位：万元” line still names the table
            earlier_text, previous_text = previous_text, block.text
            level = heading_level(block.text)
            if level is not None:
                headings = {k: v for k, v in headings.items() if k < level}
                headings[level] = block.text.strip()
                section = SECTION_SEPARATOR.join(headings[k] for k in sorted(headings))  # changes only here
            lead = inline_heading(block.text) if level is None else None
            own_section = SECTION_SEPARATOR.join(part for part in (section, lead) if part) if lead else section
            figures.extend(text_to_raw_figures(block.text, block.location, section=own_section, block=index))
        else:
            caption = caption_text.strip() if is_caption(caption_text) else ""
            outside = (_declared_unit_in(previous_text) or _unit_note_below(blocks, index)
                       or (last_unit if says_continued(previous_text) else "")
                       # “…明细见下表（单位：万元）：” over the table's caption (blind probe AO f13)
                       or (_declared_unit_in(earlier_text) if is_caption(previous_text) else ""))
            last_unit = outside
            for table, above in _tables_with_units_outside(block, outside):
                # read once: the table's values skip these rows, and the subsidy rows come from them
                rows = indicators_by_table[id(table)] if indicators_by_table is not None else (
                    table_to_indicator_rows(table))
                figures.extend(table_to_raw_figures(table, above, block=index,
                                                    indicator_rows={row.row for row in rows},
                                                    caption=caption, section=section))
                figures.extend(subsidy_raw_figures(rows, section, index))
            previous_text = caption_text = earlier_text = ""  # a unit line applies to the one table right below it
    return figures


# Spaces a form puts between the characters of a short label to spread it over its cell: “合    计”,
# “小  计” (blind probe BB: a PDF's 决算表 total row was never read). Chinese sets no spaces between
# words, so none between two of its characters is part of a label.
_SPREAD_LETTERS = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000\t]+(?=[\u4e00-\u9fff])")


def without_spread_letters(label: str) -> str:
    """A table label with the spaces between its Chinese characters taken out (“合    计” → 合计)."""
    return _SPREAD_LETTERS.sub("", label) if " " in label or "\u3000" in label or "\t" in label else label


# A note under a table (注：表中金额单位为万元。, 说明：…) declares what the table above it is in.
NOTE_START = re.compile(r"\s*[（(]?\s*(?:注|说明|备注)\s*\d*\s*[:：]")
NOTE_MAX_CHARS = 120


def _unit_note_below(blocks: Sequence[Block], index: int) -> str:
    """The money unit the paragraph right under table ``index`` declares for it: a note (注：表中金额
    单位为万元。), or a bare unit line (（金额单位：万元）) that no table follows, which would make it
    that table's line above (blind probe AJ aj02, aj03, aj10)."""
    if index + 1 >= len(blocks) or not isinstance(blocks[index + 1], Paragraph):
        return ""
    text = blocks[index + 1].text.strip()
    if NOTE_START.match(text) and len(text) <= NOTE_MAX_CHARS:
        found = UNIT_DECLARED.search(text)
        return found.group(1) if found else ""
    following = blocks[index + 2] if index + 2 < len(blocks) else None
    return "" if isinstance(following, Table) else _declared_unit_in(text)


def _tables_with_units_outside(table: Table, unit_above: str) -> Iterator[tuple[Table, str]]:
    """``table`` and the tables nested in it (in ``iter_tables`` order), each with the unit declared
    just outside it: for ``table`` the line above it; for a nested table the enclosing cell's own
    text or its row label (“项目资金（万元）” | [nested table], blind probe AD ad10), else the unit
    outside the table it is nested in."""
    yield table, unit_above
    for cell in table.cells:
        if not cell.tables:
            continue
        unit = _declared_unit_in(cell.text) or _declared_unit_in(_row_label_of(table.grid(), cell)) or unit_above
        for nested in cell.tables:
            yield from _tables_with_units_outside(nested, unit)


def _row_label_of(grid: Grid, cell: Cell) -> str:
    """The text of the nearest cell left of ``cell`` in its row that holds any."""
    for left in reversed(grid[cell.row - 1][:cell.col - 1]):
        if left is not None and left is not cell and left.text.strip():
            return left.text.strip()
    return ""


def subsidy_raw_figures(rows: list[IndicatorRow], section: str, block: int) -> Iterator[RawFigure]:
    """The indicator rows that state a payment to people, as figures (see extract.subsidy_rows)."""
    for row in rows:
        found = subsidy_row_value(row)
        if found is not None:
            quantity, location, header = found
            yield RawFigure(label=row.name, quantity=quantity, location=location, extractor="table",
                            header=header, context=row.level2, section=section, block=block, indicator=True)


@short_text_memo(maxsize=2048)  # the figures, the sentences and the metadata all ask
def heading_level(text: str) -> int | None:
    """The heading level of a paragraph (0 = outermost), or None when it is not a heading."""
    stripped = text.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARS or _HOLDS_SENTENCE_END.search(stripped):
        return None
    if TOC_PAGE_NUMBER.search(stripped):
        return None  # a line of the table of contents names a section, but heads nothing here
    match = _ANY_HEADING_MARKER.match(stripped)
    return match.lastindex - 1 if match else None


# A heading that opens a paragraph of its own text, closed by 。 or a colon: “（一）基本支出。全年预算
# 1,204.55万元，支出1,198.62万元” (blind probe AZ). Short, and marked as a heading is.
_INLINE_HEADING = re.compile(rf"\s*([^。；;：:，,]{{2,{HEADING_MAX_CHARS}}})[。：:]\s*\S")


def inline_heading(text: str) -> str | None:
    """The heading a paragraph opens with before its text (see _INLINE_HEADING), or None: the
    paragraph's figures sit under it, as under a heading of their own."""
    if not text or _ANY_HEADING_MARKER.match(text.lstrip()) is None:
        return None  # most paragraphs: no marker, nothing more to look at
    found = _INLINE_HEADING.match(text)
    if found is None or heading_level(found.group(1)) is None:
        return None
    return found.group(1).strip()


# --- running text ------------------------------------------------------------------------------


# The word that dates a count (截至/截止 …): most sentences have none.
AS_OF_WORD = "截"


# The page number ending a line of a table of contents: after a run of leader dots, or after a tab
# when what comes before is a heading (Word's TOC, blind probe AD ad01: “四、自评得分及等次\t3” was
# read as a self-score of 3). Not a label and its value set apart by a tab (全年预算数\t640).
TOC_PAGE_NUMBER = re.compile(r"(?:\t|(?P<leader>[.．·_]{3,}|…{2,}))\s*(?P<page>\d{1,3})\s*$")


# The number a footnote or an endnote opens with, set apart by a space from its text: “1 全年预算数
# 含年中追加预算326.50万元” at the foot of a PDF page (blind probe AD ad06) is note 1, not a budget
# of 1 (万元, the sentence's unit) named by the words after it.
NOTE_NUMBER = re.compile(r"\s*(?P<mark>\d{1,2})[ \u3000\t]+(?=[\u4e00-\u9fff“（(])")


def text_to_raw_figures(
    text: str, location: Location, unit_hint: str = "", section: str = "", block: int = 0
) -> Iterator[RawFigure]:
    """Numbers in running text, each with its clause label and its sentence so far.

    ``section`` and ``block`` are stored on each figure as given (see RawFigure).
    """
    quantities = find_quantities(text)
    if not quantities:
        return
    if (not quantities[-1].unit and (page := TOC_PAGE_NUMBER.search(text)) is not None
            and quantities[-1].start == page.start("page")
            and (page["leader"] or heading_level(text[:page.start()]) is not None)):
        quantities = quantities[:-1]  # “四、自评得分及等次\t3”: a contents line's page number
    previous_end = 0
    if (quantities and not quantities[0].unit and (note := NOTE_NUMBER.match(text)) is not None
            and quantities[0].start == note.start("mark")):
        quantities = quantities[1:]  # “1 全年预算数含年中追加预算326.50万元”: a footnote's number
        previous_end = note.end()  # names nothing: the labels begin after it
    clauses = _Breaks.of(text, _CLAUSE_BREAK)
    sentences = clauses.only(SENTENCE_BREAKS, text)  # a sentence break is a clause break too: one pass
    has_formula = "=" in text or "＝" in text  # most texts have none: no number is a formula's result
    examples = example_spans(text)
    # the last context whose years were worked out: its sentence's start, its end, its answer
    known_sentence, known_end, known_years = -1, 0, ((), ())
    for index, quantity in enumerate(quantities):
        start, end = quantity.start or 0, quantity.end or 0
        if examples and any(first <= start < last for first, last in examples):
            previous_end = end
            continue  # “【填报示例：全年预算数1000.00万元…】”: the template's example, not the unit's
        clause_start = max(clauses.last_before(start), previous_end)
        sentence_start = sentences.last_before(start)
        label = text[clause_start:start].strip()
        if has_formula:
            label = _before_formula(label)  # without an = in the text, it would return the label as it is
        if not label and clause_start > 0 and text[clause_start - 1] in "：:":
            # “预算总支出：3961.33万元”: the label is the clause before the colon.
            label = text[clauses.last_before(clause_start - 1) : clause_start - 1].strip()
        if has_formula and _is_formula_result(text, clause_start, start) and not _is_name(label):
            label = _formula_name(text, clauses.last_before(start), start, clauses) or label
        if not quantity.value and not quantity.unit and (named := nothing_named_after(quantity.raw)):
            label = named  # “无因公出国（境）费用支出”: the zero is of the cost named after 无
        context = text[sentence_start:start]
        years, as_of = years_for(label)
        # the sentence's years when the label names none; its 截至 date also where the label names
        # the year the money is of (“截至2024年3月底，2023年度直补资金累计拨付750.00万元”, blind probe
        # AE ae03: the sentence says the day it was counted)
        if not years or (not as_of and AS_OF_WORD in context):
            if sentence_start != known_sentence or not adds_no_context_year(text, known_end, start):
                known_sentence, known_years = sentence_start, _context_years(context)
            known_end = start  # the answer holds for this longer context too (see adds_no_context_year)
            context_years, context_as_of = known_years
            years, as_of = years or context_years, as_of or context_as_of
        previous_end = end
        # By position, in the order of RawFigure's fields (label, quantity, location, extractor,
        # header, context, unit_hint, years, as_of, trailing, sentence, section, block): most figures
        # are built here, and thirteen keywords cost twice the call (tests/test_analysis_equivalence.py pins it).
        yield RawFigure(
            label, quantity, _with_span(location, text, start, end), "text", "", context,
            unit_hint or _label_unit(label, quantity), years, as_of,
            _trailing(text, end, clauses.first_from(end), quantities, index + 1),
            sentences.count_before(start), section, block,
        )


def _context_years(context: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """``years_for`` the sentence before a figure, its compared years and closed asides blanked.

    Most sentences name no year: blanking only turns characters into spaces, so a context with
    no year mark (``may_hold_year``) has none after it either, and is answered without the blanking.
    """
    if not may_hold_year(context):
        return (), ()
    return years_for(_without_asides(_without_compared_years(context)))


def adds_no_context_year(text: str, end: int, start: int) -> bool:
    """Whether ``_context_years(text[s:start])`` is ``_context_years(text[s:end])``, for any
    ``s <= end``, told from the added words ``text[end:start]`` and the character before them.

    A sentence's later numbers see an earlier number's context and more words: without this test
    the years of a long sentence are searched again for each of its numbers. Write C = C' + A
    (C' the shorter context, A the added words), and let A hold no year mark (``may_hold_year``:
    年, and '-' or '/' in any width), no closing bracket (） or )) and no 月, and C' end in neither
    a digit nor a year mark. Then C has C''s answer:

    - ``_without_compared_years``: a compared year ends in 年 (then perhaps 度), and what comes
      before its 年 leaves no choice; with no 年 in A, each match in C lies in C' (but for a 度
      opening A) and each match in C' is one in C (perhaps with that 度). So C blanked is C'
      blanked, then A with at most its first character blanked.
    - ``_without_asides``: an aside runs from an open bracket to the first bracket of its kind
      after it, if that one closes; with no closing bracket in A, an aside opened in C' is closed
      in both texts or in neither. Again C' blanked, then A with some characters blanked (Â).
    - ``years_for`` of T' + Â (T' the blanked C'; Â holds no year mark and no 月, as A): the
      year patterns of ``find_years`` run on ``normalise_chars``, one character for one; each
      reads four year digits and then a lookahead ending in 年 or reading a '-' or '/' (its gates
      only skip patterns that cannot match). A year starting in Â needs a mark in Â: none. A year
      in T' whose lookahead ends in Â needs a 年 there, or, for a dashed date, its last digits:
      then T' ends in '-', '/' or a digit, which C' does not (blanking writes only spaces). The
      date's "no digit after" follows its digits, so it reads a character of T' in both texts.
      So both texts hold the same years at the same places. A year's 截至 test reads the four
      characters before it, in T'; FOLLOWED_BY_MONTH, with no negative assertion, can only match
      past T' by ending in a 月 in Â: none. A text that fails years_for's gates (a mark, a
      digit) holds no year, so the answers are built from the same years in the same way.

    tests/test_context_years_prefixes.py checks it on every cut pair of the seeds' sentences,
    and that each condition, dropped, lets a wrong answer through.
    """
    if end > start:
        return False
    added = text[end:start]
    if may_hold_year(added) or "月" in added or "）" in added or ")" in added:
        return False
    before = text[end - 1 : end]
    return not before.isdecimal() and not may_hold_year(before)


# A worked example a template gives, left in the report (blind probe AU): “【填报示例：全年预算数
# 1000.00万元，…；自评得分90分…】”, “示例：全年预算数100.00万元。”, “（例：95%）”, “如：发放补贴120
# 万元”, “如“自评得分92分，等次为优””. Its numbers are the template's, not the unit's. The example
# runs from its word to the close of the bracket or quotation it stands in (or opens), else to the
# end of its sentence.
EXAMPLE_WORD = re.compile(r"(?:填报|格式)?示例\s*[:：]?|(?<![\u4e00-\u9fff])例\s*[:：]|[例比譬]如\s*[:：，,“\"「]?|如\s*[:：“\"「]")
_EXAMPLE_CLOSERS = {"（": "）", "(": ")", "【": "】", "[": "]", "「": "」", "“": "”", "\"": "\""}
_EXAMPLE_SENTENCE_END = re.compile(r"[。！？!?\n]")


def example_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each worked example in ``text`` (see EXAMPLE_WORD)."""
    if "例" not in text and "如" not in text:
        return ()  # nearly every text: two substring tests, no search
    spans: list[tuple[int, int]] = []
    for found in EXAMPLE_WORD.finditer(text):
        if found.group().startswith("如") and text[found.start() - 1: found.start()] in ("假", "诸", "正", "一"):
            continue  # 假如 (if), 诸如, 正如, 一如: no example of a figure
        opener = found.group()[-1] if found.group()[-1] in _EXAMPLE_CLOSERS else _open_bracket_before(text, found.start())
        if opener:
            close = text.find(_EXAMPLE_CLOSERS[opener], found.end())
            end = close if close >= 0 else len(text)
        else:
            stop = _EXAMPLE_SENTENCE_END.search(text, found.end())
            end = stop.start() if stop else len(text)
        spans.append((found.start(), end))
    return tuple(spans)


def _open_bracket_before(text: str, at: int) -> str:
    """The bracket still open at ``at`` within its sentence (“【填报示例：…”), or ""."""
    depth: dict[str, int] = {}
    for index in range(at - 1, -1, -1):
        char = text[index]
        if char in "。！？!?\n":
            return ""
        if char in _EXAMPLE_CLOSERS.values() and char not in _EXAMPLE_CLOSERS:
            depth[char] = depth.get(char, 0) + 1
        elif char in _EXAMPLE_CLOSERS and char != "\"":
            closer = _EXAMPLE_CLOSERS[char]
            if depth.get(closer, 0):
                depth[closer] -= 1
            else:
                return char
    return ""


# A year compared with (较2019年减少3.12万元, 比2022年增长, 与2021年相比): in the sentence before a
# figure it names the other year of a comparison, not the year the figure is for. In the figure's
# own label it stays: “比2022年8725.42万元多1189万元” gives 2022's amount.
_COMPARED_YEAR = re.compile(r"(?:较|比|与)\s*(?:(?:19|20)\d{2}\s*年度?)")


def _without_compared_years(context: str) -> str:
    """``context`` with the years it compares with blanked (same length)."""
    if "较" not in context and "比" not in context and "与" not in context:
        return context  # most sentences compare nothing
    return _COMPARED_YEAR.sub(lambda m: " " * len(m.group()), context)


# An aside closed before a figure (“2023年全年预算1,926.30万元（含2022年结转资金86.40万元），全年
# 支出…”, blind probe X x04): its years are of what it adds, not of the figures after it. A bracket
# holding a year alone (“本年度（2023年）”) is no aside.
_CLOSED_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")
_YEAR_ALONE = re.compile(r"[（(]\s*(?:19|20)\d{2}\s*年度?\s*[）)]")


def _without_asides(context: str) -> str:
    """``context`` with its closed bracketed asides blanked (same length)."""
    if "（" not in context and "(" not in context:
        return context  # most sentences have no bracket
    return _CLOSED_ASIDE.sub(lambda m: m.group() if _YEAR_ALONE.fullmatch(m.group()) else " " * len(m.group()),
                             context)


def _label_unit(label: str, quantity: Quantity) -> str:
    """The unit a label declares in brackets at its end for the bare number after it, as a form's
    line does: “全年预算数（万元）：1865.40”."""
    if quantity.unit or "（" not in label and "(" not in label:
        return ""
    found = LABEL_UNIT_AT_END.search(label)
    return found.group(1) if found else ""


LABEL_UNIT_AT_END = re.compile(UNIT_IN_BRACKETS.pattern + r"\s*[:：]?\s*$")
_EQUALS = re.compile("[=＝]")


def _before_formula(label: str) -> str:
    """The name before a formula: “预算执行率=执行数/预算数×100%=96%” names 预算执行率, and the
    words of its formula (执行数, 预算数) are not what the number is. A label that starts with
    its formula keeps it.

    A number that is a term of the formula, not its result, has its own words after the last =:
    in “在职人员控制率=（在职人员数57人÷编制数60人）×100%” the 57人 is the 在职人员数, not a rate."""
    parts = _EQUALS.split(label)
    head = parts[0].strip()
    if not head:
        return label
    term = parts[-1].strip()
    return term if len(parts) > 1 and _is_name(term) else head


# A formula's operators: a head holding one is the formula itself, not the name of its result.
_FORMULA_OPERATOR = re.compile(r"[÷/／×*＊+＋\-－]")
# The = before a formula's result: at the end of the text before it, or at the start of the
# quantity, which may hold it as its comparator (“=95%”).
_EQUALS_BEFORE = re.compile(r"[=＝]\s*$")
_EQUALS_FIRST = re.compile(r"\s*[=＝]")
# A label names something only when it has a word in it: “）×100%” is what is left of a formula
# between its last number and its result.
_NAMING_CHAR = re.compile(r"[\u4e00-\u9fff]")
_OPENING_BRACKET = re.compile("[（(]")


def _is_formula_result(text: str, clause_start: int, start: int) -> bool:
    """Whether the quantity at ``start`` comes right after an = (or starts with it); the = is
    looked for in its clause only (from ``clause_start``), so a long paragraph is not searched
    from its beginning for each of its numbers."""
    return bool(_EQUALS_BEFORE.search(text, clause_start, start) or _EQUALS_FIRST.match(text, start))


def _is_name(text: str) -> bool:
    """Whether ``text`` can name a figure: it has a word in it and is not a calculation."""
    return bool(_NAMING_CHAR.search(text)) and not _FORMULA_OPERATOR.search(text)


def _formula_name(text: str, clause_start: int, start: int, clauses: _Breaks) -> str:
    """The name of a formula whose result is the number at ``start``, or "" when none is written.

    A formula with numbers inside leaves its result only the tail after the last of them:
    “在职人员控制率：（在职人员数57人÷编制数60人）×100%=95%” gives 95% the label “）×100%”, which
    names nothing. The result is what the formula computes, and the formula is named before it:

    * before its first = (“执行率=执行数/预算数×100%=2161.83/2176.62×100%=99.32%”);
    * before its opening bracket (“在职人员控制率为（57人÷60人）×100%=95%”);
    * in the clause before a colon that opens it (“在职人员控制率：（…）×100%=95%”,
      “预算执行率：1802.36÷1865.40×100%=96.62%”).

    A calculation (“基本支出+项目支出=120+740=860万元”) or a text with no word is not a name: then
    "" and the figure keeps its label. Nothing is taken across a break other than that colon.
    """
    head = _EQUALS.split(text[clause_start:start], 1)[0].strip()
    for name in (head, _OPENING_BRACKET.split(head, 1)[0].strip()):
        if _is_name(name):
            return name
    if clause_start > 0 and text[clause_start - 1] in "：:":
        name = text[clauses.last_before(clause_start - 1) : clause_start - 1].strip()
        if _is_name(name):
            return name
    return ""


class _Breaks:
    """Where the break characters of one text are, found once for all the numbers in it.

    Each number asks for the break before it (its clause, its sentence), the break after it (its
    trailing words) and how many sentences came before it. Scanning the text for each number made
    a long paragraph cost the square of its numbers; one regex pass and a binary search per
    question answer the same: “the last break before i” is the largest break position below i.
    """

    __slots__ = ("_positions", "_length")

    def __init__(self, positions: list[int], length: int) -> None:
        self._positions = positions  # ascending
        self._length = length

    @classmethod
    def of(cls, text: str, breaks: re.Pattern[str]) -> _Breaks:
        """The breaks of ``text``: where ``breaks`` matches."""
        return cls([match.start() for match in breaks.finditer(text)], len(text))

    def only(self, chars: str, text: str) -> _Breaks:
        """The breaks among these that are one of ``chars`` (a subset of the break characters):
        the sentence breaks picked from the clause breaks without a second regex pass."""
        return _Breaks([position for position in self._positions if text[position] in chars], self._length)

    def last_before(self, before: int) -> int:
        """Index just after the last break before ``before`` (0 if none)."""
        count = bisect_left(self._positions, before)
        return self._positions[count - 1] + 1 if count else 0

    def first_from(self, start: int) -> int:
        """Index of the first break at or after ``start`` (the text's length if none)."""
        count = bisect_left(self._positions, start)
        return self._positions[count] if count < len(self._positions) else self._length

    def count_before(self, before: int) -> int:
        """How many breaks lie before ``before``."""
        return bisect_left(self._positions, before)


def _trailing(text: str, end: int, stop: int, quantities: list[Quantity], later: int) -> str:
    """The rest of the clause after a number (up to ``stop``), with the numbers from index
    ``later`` of ``quantities`` on that fall inside it cut out."""
    if later == len(quantities) or (quantities[later].start or 0) >= stop:
        return text[end:stop].strip()  # most numbers: no other number in the rest of their clause
    pieces, cursor = [], end
    for position in range(later, len(quantities)):  # not a slice: that copies the rest each time
        quantity = quantities[position]
        if (quantity.start or 0) >= stop:
            break
        pieces.append(text[cursor : quantity.start])
        cursor = quantity.end or cursor
    pieces.append(text[cursor:stop])
    return "".join(pieces).strip()


# A year is written with ASCII / full-width digits or Chinese digits (二〇二二年).
_MAY_HOLD_YEAR = re.compile("[0-9０-９〇零○一二三四五六七八九]")


# Labels and headers repeat across a batch, and a label is asked about several times: each
# distinct short one is read once per worker (those naming no year too).
@short_text_memo(maxsize=8192)
def years_for(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(years a figure is for, years of 截至 dates) named in ``text``, each nearest last."""
    if not may_hold_year(text) or not _MAY_HOLD_YEAR.search(text):
        return (), ()
    years: list[int] = []
    as_of: list[int] = []
    for year, (start, end) in find_years(text):
        if AS_OF_WORDS.search(text[max(0, start - 4) : start]):
            as_of.append(year)
        elif not FOLLOWED_BY_MONTH.match(text[end - 1 :] if text[end - 1 : end] == "年" else text[end:]):
            years.append(year)
    return tuple(years), tuple(as_of)


def _with_span(location: Location, quote: str, start: int, end: int) -> Location:
    """``location`` with a figure's span (char_start, char_end) in ``quote``, its block's text.

    Built by position, in the order of Location's fields (file, page, paragraph, line, table,
    row, col, char_start, char_end, quote, part, sheet): every figure gets one, and passing
    twelve arguments by keyword costs more than twice as much (test_analysis_equivalence.py
    pins the field order and holds the two ways equal)."""
    return Location(location.file, location.page, location.paragraph, location.line, location.table,
                    location.row, location.col, start, end, quote, location.part, location.sheet)


# --- tables ------------------------------------------------------------------------------------


# A caption is a short line that names a table (表1 …, …情况表, …明细表（单位：万元）, or a title
# without 表 that declares the table's unit: “三公”经费预决算情况（单位：万元）), or a short sentence
# that points at it (…情况详见下表。, …如下表：).
CAPTION_MAX_CHARS = 60
_POINTS_AT_TABLE = re.compile(r"下表|如下")
_UNIT_DECLARED = re.compile(r"单位\s*[:：]")


def is_caption(text: str) -> bool:
    """Whether the paragraph right above a table names it: short, and a title with 表 or a
    sentence about 下表."""
    stripped = text.strip()
    if not 0 < len(stripped) <= CAPTION_MAX_CHARS:
        return False
    if _HOLDS_SENTENCE_END.search(stripped):
        return bool(_POINTS_AT_TABLE.search(stripped))
    return "表" in stripped or _UNIT_DECLARED.search(stripped) is not None


def table_to_raw_figures(
    table: Table, unit_above: str = "", block: int = 0, indicator_rows: Collection[int] | None = None,
    caption: str = "", section: str = "",
) -> Iterator[RawFigure]:
    """Values of a table with their row label, column header and section title.

    Rows of 绩效指标 blocks are left out: their numbers are targets and results of indicators
    (``extract.indicators``), not the unit's budget figures — “资金直补受益移民（人）| 40848” in a
    target table is a plan, not the number of people paid. ``indicator_rows`` are those rows'
    numbers when the caller has read the indicators already; else they are read here.
    """
    layout = _TableLayout(table)
    table_unit = _declared_unit(table, layout) or unit_above
    caption = caption or _continuation_title(layout)
    subject = _table_subject(layout.grid)
    if indicator_rows is None:
        indicator_rows = {row.row for row in table_to_indicator_rows(table)}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if cell.row in indicator_rows:
            continue
        if is_prose_cell(cell.text):
            yield from text_to_raw_figures(cell.text, cell.location, unit_hint=table_unit, block=block)
            continue
        quantity, value_at = value_of_cell(cell.text), 0
        inline = cell_to_label_and_value(cell.text) if quantity is None else None
        if quantity is None and inline is None:
            continue  # a label or an empty cell (most cells): no row label to look for
        label_cell = layout.row_label_cell(cell)
        label = without_spread_letters(label_cell.text.strip()) if label_cell is not None else ""
        if label in TOTAL_HEADERS and (head := layout.block_head(cell)):
            label = head + label  # “‘三公’经费（万元）” merged down the block's rows, “合计” in one of them
        outer_label = ""
        if inline is not None:
            outer_label = label  # the row's own label, left of the cell: 年度预算申请（万元）
            label, quantity, value_at = inline
            label_cell = cell
        header_cell = layout.column_header_cell(cell)
        header_unit = ""
        if layout.is_pair_row(cell.row):
            # “人员编制（人） | 86 | 实有人数（人） | 82” in a form whose header row says 年初预算数 … 分值
            # over those columns (blind probe S s04): each value is its label's, not its column's
            header_unit, header_cell = _unit_in(layout.column_header(header_cell)), None
        elif not quantity.unit and layout.is_lone_count(cell, label, header_cell):
            # “编制数（人） | 30” under a money block's 年初预算数 in a sheet that lists the unit's
            # other facts below its money (blind probe AM x01): the label's count, not a budget
            header_unit, header_cell = _unit_in(label), None
        if (label_cell is not None and header_cell is not None and not outer_label and label_cell.row_span > 1
                and label_cell.row <= header_cell.row and not MONEY_BLOCK_WORDS.search(label)):
            # “人员情况” merged down the left of “编制数（人） | 实有人数（人）” and of the row of
            # counts under them (blind probe AC ac07): the block's name, beside its own header
            # row; the column header names the value. Not “年度预算申请（万元）” down the left of
            # 资金总额 | 按支出性质分: that name says the values are the budget asked for.
            label_cell, label = None, ""
        column_kind = layout.budget_column_kind(header_cell)
        if column_kind == "change":
            continue  # 调整数: the change of a budget, not an amount the report has (budget_columns)
        header = layout.column_header(header_cell)
        if outer_label:
            # A cell holding its label and amount sits in a block the row's label names: the
            # 财政部 form's “年度预算申请（万元）” over “其中：基本支出：1,980.30” says these are the
            # budget asked for, which neither the cell nor its column (按支出性质分：) says.
            header = f"{outer_label} {header}".strip()
        label_header = layout.label_column_header(label_cell, header_cell)
        group = layout.row_group(label_cell) if label_cell is not None and ITEM_NUMBER.match(label) else ""
        title = layout.section_title(cell)
        hint = (_unit_in(header) or header_unit or layout.spanning_header_unit(header_cell)
                or _unit_in(label) or _unit_in(title)
                or layout.unit_above(cell) or layout.row_heads_unit(cell)
                or _unit_in(label_header) or table_unit or (layout.block_unit(cell) if value_at else ""))
        if not quantity.unit and RATE_HEADER.search(header):
            if PERCENT_RANGE[0] < quantity.value <= PERCENT_RANGE[1]:
                hint = "%"  # “执行率 | 95.42”: the column says it is a rate, and 95.42 can only be a percent
            elif is_stored_fraction(quantity):
                quantity = replace(quantity, value=quantity.value.scaleb(2), unit="%")  # 0.9542 → 95.42 %
        label_years, header_years, title_years = years_for(label), years_for(header), years_for(title)
        if not header_years[0] and (spanning := layout.spanning_header(header_cell)):
            # “2022年度 | 2023年度” merged over 预算数 | 决算数 each (blind probe BD F08): the year of the
            # column is the one above it
            header_years = years_for(spanning)
        yield RawFigure(
            label=label,
            quantity=quantity,
            location=_with_span(
                cell.location, cell.text, value_at + (quantity.start or 0), value_at + (quantity.end or 0)),
            extractor="table",
            header=header,
            context=title,
            unit_hint=hint,
            years=label_years[0] + header_years[0] + title_years[0],
            as_of=label_years[1] + header_years[1],
            block=block,
            label_header=label_header,
            caption=caption,
            section=section,
            initial_budget_column=column_kind == "initial",
            table_subject=subject,
            row_group=group,
        )


# A cell holding its label and its amount, “其中：基本支出：2,986.40” (the 财政部 部门整体支出绩效自评表
# leaves the amount to be written after the label's colon): short, and all after its last colon
# is one value.
INLINE_VALUE_CELL_CHARS = 40
_LAST_COLON = re.compile(r"[：:](?=[^：:]*$)")
_DIGIT = re.compile(r"\d")


def cell_to_label_and_value(text: str) -> tuple[str, Quantity, int] | None:
    """(label, quantity, where the value starts in ``text``) for a cell written “label：value”.

    Only when everything after the last colon is one value (``value_of_cell``) and the words
    before it name something and hold no digit: “指标1：资金直补受益移民（人）” is a label with a
    number inside, and stays one; so do “指标1：40848” (the number of 指标1 is no name of the
    value) and “填报日期：2024年3月15日” (a date after the colon, not a value).
    """
    if len(text) > INLINE_VALUE_CELL_CHARS or ("：" not in text and ":" not in text):
        return None  # most cells have no colon: one substring test each before the search
    colon = _LAST_COLON.search(text)
    if colon is None:
        return None
    label, tail = text[: colon.start()].strip(), text[colon.end():]
    quantity = value_of_cell(tail)
    if quantity is None or not _NAMING_CHAR.search(label) or _DIGIT.search(label):
        return None
    return label, quantity, colon.end() + len(tail) - len(tail.lstrip())


def is_prose_cell(text: str) -> bool:
    return len(text) >= PROSE_CELL_CHARS and any(ch in text for ch in "。；;")


def is_label_cell(cell: Cell | None) -> bool:
    if cell is None:
        return False
    text = cell.text.strip()
    return (bool(text) and not GROUPING_ONLY.match(text) and not PLACEHOLDER_ONLY.match(text)
            and value_of_cell(text) is None and not is_prose_cell(text)
            and cell_to_label_and_value(text) is None)  # “项目支出：719.85” is a value, with its own label


# A cell that is a date to the month or the day, perhaps a deadline: 2024年11月30日前, 2024年12月底,
# 2024.11.28. (A year alone, 2023年, heads a column of that year's figures.)
DATE_CELL = re.compile(r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[./-]\s*\d{1,2}(?:\s*[./-]\s*\d{1,2})?)"
                       r"\s*(?:底|末|初|中旬|上旬|下旬)?\s*(?:前|以前|之前|后|以后)?")
# Column headers that say only “the total”: of what, the header above them in the column says.
TOTAL_HEADERS = frozenset({"合计", "小计", "总计"})
# Words by which a block's name says what its money is (预算申请, 执行, 收入 …).
MONEY_BLOCK_WORDS = re.compile(r"预算|申请|执行|支出|收入|资金|经费|决算")
def _continuation_title(layout: "_TableLayout") -> str:
    """The text of a first row that holds nothing but “续表…”: the caption of a sheet that goes on
    with the sheet before (“自评表（续）”, blind probe AC ac06), written inside the table."""
    if not layout.grid:
        return ""
    filled = {id(cell): cell for cell in layout.grid[0] if cell is not None and cell.text.strip()}
    if len(filled) != 1:
        return ""
    (first,) = filled.values()
    return first.text.strip() if CONTINUED_MARKER.match(first.text) else ""


# A bracketed aside in a label: “（万元）”, “(单位：元)”.
BRACKETED = re.compile(r"[（(][^（()）]*[)）]")


class _TableLayout:
    """The questions ``table_to_raw_figures`` asks of one table, each cell and row decided once.

    Every value looks left along its row for its label, up its column for its header and up the
    rows for its section title. Deciding afresh at each step whether a cell is a label
    (``is_label_cell``, which parses the cell) and whether a row is a title (``_is_title_row``)
    made a form cost the square of its size; here each cell is classified at most once (when
    first asked, as before) and each row once, and the answers are the same.
    """

    def __init__(self, table: Table) -> None:
        self.grid = table.grid()
        self.has_lost_vertical_spans = table.has_lost_vertical_spans
        self._labels: dict[int, bool] = {}  # by id(cell): the cells live as long as the table
        self._column_kinds: dict[int, dict[int, ColumnKind]] = {}  # by 0-based header row
        self._pair_rows: dict[int, bool] = {}  # by 1-based row
        # The first cell of each title row (None for other rows) and, for each row, the title of
        # the nearest title row above it ("" when none).
        self.title_cells: list[Cell | None] = [
            _title_cell(row) or _block_title_cell(self.grid, index) for index, row in enumerate(self.grid)]
        # A title row that only declares a unit (“金额单位：万元”) under a title does not replace it:
        # it gives the unit of the rows below (``unit_above``), and the title still names them.
        self._titles_above: list[str] = []
        self._units_above: list[str] = []
        title = unit = ""
        for title_cell in self.title_cells:
            self._titles_above.append(title)
            self._units_above.append(unit)
            if title_cell is None:
                continue
            text = title_cell.text.strip()
            if UNIT_LINE.fullmatch(text):
                unit = UNIT_DECLARED.search(text).group(1)
            else:
                title, unit = text, ""

    def is_label(self, cell: Cell | None) -> bool:
        """``is_label_cell(cell)``, decided once per cell."""
        if cell is None:
            return False
        key = id(cell)
        if key not in self._labels:
            self._labels[key] = is_label_cell(cell)
        return self._labels[key]

    def is_pair_row(self, row_number: int) -> bool:
        """Whether row ``row_number`` (1-based) is written as labels each followed by its value,
        two pairs or more (“人员编制（人） | 86 | 实有人数（人） | 82”): a line of the form of its own,
        whose values are not of the columns the table's header row names."""
        if row_number not in self._pair_rows:
            cells: list[Cell] = []
            for cell in self.grid[row_number - 1]:
                if cell is not None and cell.text.strip() and not (cells and cells[-1] is cell):
                    cells.append(cell)
            self._pair_rows[row_number] = len(cells) >= 4 and len(cells) % 2 == 0 and all(
                self.is_label(cell) if i % 2 == 0 else value_of_cell(cell.text) is not None
                for i, cell in enumerate(cells)) and not self._is_side_by_side(cells[1::2])
        return self._pair_rows[row_number]

    def is_lone_count(self, cell: Cell, label: str, header_cell: Cell | None) -> bool:
        """Whether ``cell`` is the only value of its row, its label declares a count (“编制数（人）”)
        and its column header names money (年初预算数, 金额（万元）): a line of a list of facts that
        stands under a money block's header, not an amount of that column. A row with a second
        value (“资助人数（人） | 预算数 100 | 实际数 98”) is of its columns."""
        if header_cell is None or _unit_in(label) not in COUNT_UNITS:
            return False
        header = self.column_header(header_cell)
        if not (MONEY_BLOCK_WORDS.search(header) or _unit_in(header) in MONEY_UNITS):
            return False
        values = {id(other) for other in self.grid[cell.row - 1]
                  if other is not None and other is not cell and value_of_cell(other.text) is not None}
        return not values

    def _is_side_by_side(self, value_cells: list[Cell]) -> bool:
        """Whether the header row names every value column of a pair row alike, each in a header
        cell of its own (“收入项目 | 金额 | 支出项目 | 金额”): one list set out in two halves side
        by side, whose values are of the column they stand in (blind probe U u12), not a line of
        its own form. A title merged over the whole table (“一、部门（单位）基本概况”) is one cell
        over every column, and names no column."""
        header_cells = [self.column_header_cell(cell) for cell in value_cells]
        if any(cell is None for cell in header_cells) or len({id(cell) for cell in header_cells}) < len(header_cells):
            return False
        return len({self.column_header(cell) for cell in header_cells}) == 1

    def row_label_cells(self, cell: Cell) -> Iterator[Cell]:
        """The label cells to the left of ``cell`` in its row, nearest first."""
        row = self.grid[cell.row - 1]
        for col in range(cell.col - 2, -1, -1):
            candidate = row[col]
            if candidate is not cell and self.is_label(candidate):
                yield candidate

    def row_label_cell(self, cell: Cell) -> Cell | None:
        """The nearest label cell to the left of ``cell`` in its row."""
        return next(self.row_label_cells(cell), None)

    def block_head(self, cell: Cell) -> str:
        """The name of the block ``cell``'s row belongs to, when a label further left than the row's
        own spans several rows (“‘三公’经费（万元）” down the left of 合计, 公务接待费 …, blind
        probes AC ac07/ac12 and AD ad09), without a bracketed unit; else "".

        A bare 合计 or 小计 names nothing of its own: read alone, the 三公 block's 合计 was taken
        for the unit's whole budget and spending."""
        labels = list(self.row_label_cells(cell))
        for head in labels[1:]:
            if head.row_span > 1:
                return BRACKETED.sub("", head.text).strip()
        return ""

    def row_heads_unit(self, cell: Cell) -> str:
        """A unit in brackets on a label further left in the row: the national 项目支出绩效自评表
        writes “项目资金（万元）” once, in a cell spanning the rows of 年度资金总额, 其中：财政拨款…

        A table that lost its vertical spans (the Word text export) has that cell on its first
        row only, and an empty cell in its place on the rows under it. There, when no label in
        the row has a unit, an empty cell left of the row label lends the unit of the cell it
        continues (``continued_cell``). Only the unit is taken, and only when nothing nearer
        names one: whether the empty cell is a continuation is a guess, and a guessed label
        would change what a value is matched to, where a guessed unit only fills a blank.
        Tables with their spans (.docx, .xlsx, ruled PDF) are read as before: the merged cell
        is in the row itself.
        """
        unit = next((unit for label in self.row_label_cells(cell) if (unit := _unit_in(label.text))), "")
        if unit or not self.has_lost_vertical_spans:
            return unit
        label = self.row_label_cell(cell)
        if label is None:
            return ""
        row = self.grid[cell.row - 1]
        for col in range(label.col - 2, -1, -1):
            candidate = row[col]
            if candidate is None or candidate.text.strip():
                continue
            head = self.continued_cell(candidate)
            if self.is_label(head) and (unit := _unit_in(head.text)):
                return unit
        return ""

    def block_unit(self, cell: Cell) -> str:
        """The unit written in the first cell of the nearest row above that has one, up to the
        section's title row: the head of the block ``cell`` is in.

        The 部门整体支出绩效自评表 heads its money block “年度预算执行情况（万元） | 年初预算数 | …”
        and, rows below, has cells holding label and amount together (“其中：基本支出：2,986.40”),
        under “按支出性质分”: no column header and no label left of them carries the unit, the
        block's head does. Asked only for such cells; others find it as their corner cell.
        """
        for row in range(cell.row - 2, -1, -1):
            if self.title_cells[row] is not None:
                return ""
            first = next((c for c in self.grid[row] if c is not None), None)
            if first is not None and first is not cell and self.is_label(first) and (unit := _unit_in(first.text)):
                return unit
        return ""

    def continued_cell(self, empty: Cell) -> Cell | None:
        """The cell an empty cell continues when it is the rest of a vertical merge: the nearest
        non-empty cell above it in its column, walking up through empty cells only (None when
        the column has none above)."""
        for row in range(empty.row - 2, -1, -1):
            candidate = self.grid[row][empty.col - 1]
            if candidate is None:
                return None
            if candidate.text.strip():
                return candidate
        return None

    def column_header_cell(self, cell: Cell) -> Cell | None:
        """The nearest label cell above ``cell`` in its column. A date is a value, not a header:
        “工程完工时间 | 2024年11月30日前 | 2024年11月28日” is a row of an indicator table, and the
        rows under it are headed by the table's 年度指标值 | 实际完成值 (blind probe AM d04)."""
        for row in range(cell.row - 2, -1, -1):
            candidate = self.grid[row][cell.col - 1]
            if candidate is cell or candidate is None:
                continue
            if self.is_label(candidate) and not DATE_CELL.fullmatch(candidate.text.strip()):
                return candidate
        return None

    def spanning_header(self, header_cell: Cell | None) -> str:
        """The text of the header merged across the columns over ``header_cell`` (“2024年度（金额：
        元）” over 预算数 | 决算数, blind probe AJ aj09), "" when there is none."""
        parent = self.column_header_cell(header_cell) if header_cell is not None else None
        return parent.text if parent is not None and parent.col_span > 1 else ""

    def spanning_header_unit(self, header_cell: Cell | None) -> str:
        """The unit of the header merged across the columns over ``header_cell``: “2024年度（金额：
        元）” over 预算数 | 决算数 (blind probe AJ aj09), “金额（元）” over the same."""
        return _unit_in(self.spanning_header(header_cell))

    def column_header(self, header_cell: Cell | None) -> str:
        """The header's text; a bare 合计 / 小计 / 总计 with the header above it in its column.

        Such a header says “the total” of what the header above names. Word keeps the two in one
        merged cell (三公经费 / 合计, one cell over two header rows); when a page break cuts that
        cell in two, a PDF shows two, and 合计 alone names nothing. Both read 三公经费\n合计."""
        if header_cell is None:
            return ""
        header = header_cell.text.strip()
        if header in TOTAL_HEADERS and (parent := self.column_header_cell(header_cell)) is not None:
            return f"{parent.text.strip()}\n{header}"
        return header

    def budget_column_kind(self, header_cell: Cell | None) -> ColumnKind | None:
        """Whether ``header_cell`` heads the change or the year-start column of a budget table
        that gives the year's adjustment a column (``budget_column_kinds``); each row read once."""
        if header_cell is None:
            return None
        row = header_cell.row - 1
        if row not in self._column_kinds:
            self._column_kinds[row] = budget_column_kinds(self.grid[row])
        return self._column_kinds[row].get(header_cell.col)

    def row_group(self, label_cell: Cell) -> str:
        """The nearest label above ``label_cell`` in its column numbered 一、 二、 …, or ""."""
        for row in range(label_cell.row - 2, -1, -1):
            above = self.grid[row][label_cell.col - 1]
            if above is None or above is label_cell:
                continue
            text = above.text.strip()
            if GROUP_NUMBER.match(text):
                return text
            if not ITEM_NUMBER.match(text) and self.is_label(above):
                return ""  # a row of another kind between: no group of numbered items
        return ""

    def label_column_header(self, label_cell: Cell | None, header_cell: Cell | None) -> str:
        """The text in the row label's column on the value's header row (the table's corner cell,
        “‘三公’经费（万元）”), or "" when that row has no label there."""
        if label_cell is None or header_cell is None:
            return ""
        corner = self.grid[header_cell.row - 1][label_cell.col - 1]
        if corner is None or corner is label_cell or corner is header_cell or not self.is_label(corner):
            return ""
        return corner.text.strip()

    def section_title(self, cell: Cell) -> str:
        """The nearest row above ``cell`` that is a section title (``_title_cell``), stripped."""
        return self._titles_above[cell.row - 1]

    def unit_above(self, cell: Cell) -> str:
        """The unit a title row of its own (“单位：万元”) declares for ``cell``'s section, or ""."""
        return self._units_above[cell.row - 1]


# Row labels numbered as items (1. 2、 （3）) and as the groups they are items of (一、 二、).
ITEM_NUMBER = re.compile(r"\s*(?:\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[)）])")
GROUP_NUMBER = re.compile(r"\s*[一二三四五六七八九十]{1,3}\s*[、.．]")
# The label of the row that names a table's project, as the national 项目支出绩效自评表 has it.
SUBJECT_LABEL = re.compile(r"项目名称[：:]?")
# What heads a column of money or rates: beside 项目名称 it makes a list of projects' header row
# (项目名称 | 全年预算数 | 全年执行数 | 执行率), not a form naming its one project (blind probe AK a06).
# Such a table's subject is PROJECT_LIST: it is about other projects than a form's own.
COLUMN_HEADER = re.compile(
    r"(?:全年|年初|调整后?|实际|本年|当年|年度)?(?:预算|执行|支出|决算|完成|拨付|到位)(?:数|额|率|值|金额)?"
    r"(?:[（(][^）)]*[）)])?")


PROJECT_LIST = "（项目清单）"
# The year a form puts before its project's name: 2022年农村实用人才培训项目 on last year's copy of
# the form is the same project as 2023年农村实用人才培训项目 (blind probe AN v27).
SUBJECT_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*年度?")


def subject_key(subject: str) -> str:
    """A table's project name without the year before it: what tells two projects apart."""
    return SUBJECT_YEAR.sub("", subject).strip()


def table_subject(table: Table) -> str:
    """The project ``table`` names in its 项目名称 row, or "" (see RawFigure.table_subject)."""
    return _table_subject(table.grid())


def _table_subject(grid: Grid) -> str:
    """The project a table names in its 项目名称 row (the next cell's text), or ""."""
    for row in grid:
        cells = _distinct_cells(row)  # a merged cell once (by identity: hashing a Cell hashes its location)
        for label, value in zip(cells, cells[1:]):
            if ("称" in label.text and SUBJECT_LABEL.fullmatch(label.text.replace(" ", "").strip())
                    and value.text.strip()):  # 称: one substring test rules out nearly every cell
                if COLUMN_HEADER.fullmatch(value.text.replace(" ", "").strip()):
                    return PROJECT_LIST  # the header row of a list of projects
                return value.text.strip()
    return ""


def _title_cell(row: GridRow) -> Cell | None:
    """The first cell of a section title row: one cell alone in its row, or one cell spanning at
    least half the width (a row label with empty values is not a title); None for other rows."""
    return next(c for c in row if c is not None) if _is_title_row(row) else None


# A block title's section number: a group's (一、 二、, GROUP_NUMBER) or （一）.
BLOCK_NUMBER = re.compile(GROUP_NUMBER.pattern + r"|\s*[（(][一二三四五六七八九十]{1,3}[）)]")


def _block_title_cell(grid: Grid, index: int) -> Cell | None:
    """The first cell of a sheet's block title: a numbered label alone in its row (“三、“三公”经费
    （单位：万元）”), after an empty row, over a row that is not empty. A workbook that stacks its
    tables on one sheet (blind probe BD X03) titles each so; the 合计 under it is that block's."""
    if index == 0 or index + 1 >= len(grid) or _holds_text(grid[index - 1]) or not _holds_text(grid[index + 1]):
        return None  # most rows: the row above holds text, found at its first cell
    filled = [cell for cell in _distinct_cells(grid[index]) if cell.text.strip()]
    if len(filled) != 1 or filled[0].col != 1 or not BLOCK_NUMBER.match(filled[0].text):
        return None
    return filled[0]


def _distinct_cells(row: GridRow) -> list[Cell]:
    """The cells of a grid row, each once (a merged cell fills several of its columns)."""
    return list({id(c): c for c in row if c is not None}.values())


def _holds_text(row: GridRow) -> bool:
    return any(c is not None and c.text.strip() for c in row)


def _is_title_row(row: GridRow) -> bool:
    distinct = _distinct_cells(row)
    if len(distinct) == 1:
        return bool(distinct[0].text.strip())
    filled = [c for c in distinct if c.text.strip()]
    # A unit line is a title row however narrow (“单位：元” in column A only): no row label reads so.
    return len(filled) == 1 and (
        filled[0].col_span * 2 >= len(row) or UNIT_LINE.fullmatch(filled[0].text.strip()) is not None)


def _declared_unit(table: Table, layout: _TableLayout) -> str:
    """The money unit a whole table declares: “单位：万元” in its first cells or caption, or the one
    money unit all its section titles agree on (a 自评表 form writes “（万元）” on its 收入 and
    支出 sections and nothing on its 三公经费 section, which is in the same unit)."""
    for cell in table.cells:  # in reading order: the form's header rows come first
        if cell.row > UNIT_DECLARED_ROWS:
            break
        match = UNIT_DECLARED.search(cell.text)
        if match:
            return match.group(1)
    if table.caption:
        match = UNIT_DECLARED.search(table.caption) or UNIT_IN_BRACKETS.search(table.caption)
        if match:
            return match.group(1)
    title_units = {_unit_in(title_cell.text) for title_cell in layout.title_cells if title_cell is not None}
    money_units = {unit for unit in title_units if unit.endswith("元")}
    return money_units.pop() if len(money_units) == 1 else ""


def _declared_unit_in(text: str) -> str:
    """A unit declared by the line just above a table (“单位：万元”, “（单位：元）”, a caption
    ending “（万元）”), which applies to the table's bare numbers. Of a longer paragraph, its last
    sentence when that points at the table: “…近两年支出对比情况见下表（单位：万元）。” (blind probe R)."""
    if text and len(text) > 80:
        last = _last_sentence(text)
        text = last if _POINTS_AT_TABLE.search(last) else ""
    if not text or len(text) > 80:
        return ""
    match = UNIT_DECLARED.search(text)
    if match:
        return match.group(1)
    stripped = text.strip()
    match = UNIT_IN_BRACKETS.search(stripped)
    return match.group(1) if match and stripped.endswith(match.group(0)) else ""


def _last_sentence(text: str) -> str:
    """The last sentence of a paragraph, its end mark included."""
    body = text.rstrip()
    ends = [m.end() for m in SENTENCE_BREAK.finditer(body[:-1])]
    return body[ends[-1]:] if ends else body


def _unit_in(text: str) -> str:
    match = UNIT_IN_BRACKETS.search(text)
    return match.group(1).replace("％", "%") if match else ""
