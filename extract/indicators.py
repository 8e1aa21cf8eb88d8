"""绩效指标 tables → ``IndicatorRow``: each indicator with its target, actual, weight and score.

A self-evaluation report states its indicators in a table (绩效指标表, 自评表, 目标设定情况表)
or in one section of a big form: 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |
分值 | 得分. Later stages compare target with actual (a missed target) and score with weight
(a score above its weight), so each row keeps both the raw cell text and the parsed
``Quantity`` (with its comparator: ``≥95%`` is 95 % with op ``≥``), and the place of the name
cell so that an auditor can find the row.

Nothing here knows a document's wording or position; a table is read from its labels and its
structure, in four steps:

1. **Header.** Any row of the table whose short cells name, by keyword (``ROLE_KEYWORDS``), a
   name column and at least one value column (target, actual, weight or score) starts an
   indicator block: in seed 003 after a caption row, in seed 002 in the middle of one big form.
   The row above may complete it (a two-row header band whose upper cells the text export
   leaves empty below them). See ``rows_to_header``.
2. **Columns.** Each role takes the first grid column of its header cell. When the header has no
   一级/二级 columns, the unnamed header cell just left of the name column (seed 002's 评价内容,
   over two unlabelled sub-columns) gives its columns, left to right, to 一级 then 二级. The
   text export writes that merged cell once and cannot say how wide it was; when the first row
   under the header is wider than the header, the difference is given to that cell and every
   column from the name column on moves right by it (``header_to_columns``).
3. **Rows.** Every following row that fits the header is read through ``Table.grid()``, so a
   vertically merged 一级/二级 cell counts for each row it covers. The block ends at the first
   row that does not fit: it has no cell under some role's column (a shorter row of the text
   export, e.g. "绩效自评综合得分 | 98分"), or one cell covers the name column and another
   role's column (a total or title row spanning the form). A row repeating the header starts
   the same block again (a continuation page), so it is skipped.
4. **Texts.** Empty 一级/二级 cells inherit the value of the row above (the text export has
   no vertical spans, so a merged cell's continuations are empty cells; forms also leave them
   blank for "same as above"); 二级 inherits only while 一级 is unchanged. Labels lose the line
   breaks Word and PDFs put inside CJK words; value cells are kept as written, stripped.

Limits are listed on the functions that make each decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extract.markers import says_continued
from extract.model import Cell, Document, Grid, GridRow, Location, Paragraph, Table
from extract.numbers import MULTIPLIER_VALUES, Quantity, parse_day_count, parse_quantity
from extract.records import record

# Role → keywords found in its header cell (whitespace removed), tried in this order; the first
# role with a matching keyword wins. Labels seen in the seeds and in the 财政部 自评表 forms.
ROLE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # local forms: 指标类别 | 指标 | 年度目标 | 实际完成 (blind probe AW)
    ("level1", ("一级指标", "指标类别", "指标类型")),
    ("level2", ("二级指标",)),
    # seed 003: 三级指标; seed 002: 绩效内容; forms: 指标名称, 具体指标, 指标内容, 考核指标
    # (not 绩效指标: the national form writes it over the whole block, left of 一级指标)
    ("name", ("三级指标", "绩效内容", "指标名称", "具体指标", "指标内容", "考核指标")),
    # a planned value named like an actual (计划完成值, 计划完成数): the target
    ("target", ("计划完成值", "计划完成数")),
    # before target: seed 003's 实际完成指标值 also contains the target keyword 指标值
    ("actual", ("实际完成", "完成情况", "完成值", "实际值")),
    # 得分, 自评得分; 自评分, 评分 (not 评分标准, the scoring rules: see label_to_role)
    ("score", ("得分", "评分")),
    ("weight", ("分值", "权重")),
    # seed 002: 绩效目标值; seed 003: 绩效目标; forms: 年度指标值, 预期目标, 年度目标, 年度计划值
    ("target", ("指标值", "目标值", "绩效目标", "预期目标", "年度目标", "预期", "计划值")),
    # the 财政部 forms since 2021 give the target's direction and unit in columns of their own:
    # 指标性质 / 指标方向 (≥ ≤ =, 正向 反向) and 度量单位 / 计量单位 (95 | % | ≥)
    ("direction", ("指标性质", "指标方向", "方向性")),
    ("unit", ("度量单位", "计量单位", "单位")),
)
# What a cell holds in place of nothing: a slash, a dash, a line.
PLACEHOLDER = re.compile(r"[\s/／\\—–\-－_…]+")
# A total row whose label sits in the name column alone (“ | | 合计 | | | 100 | 98”): no indicator.
TOTAL_NAME = re.compile(r"(?:合\s*计|总\s*计|小\s*计|总\s*分)(?:得分)?|得分合计")
# A column of another year (上年实际完成值 beside 本年实际完成值): none of this year's values.
OTHER_YEAR_COLUMN = re.compile(r"上年|去年|上一年|前一年")
# How a direction column writes the target's comparison: the op the target is then read with.
DIRECTION_OPS = {"≥": "≥", ">=": "≥", "＞": ">", ">": ">", "≤": "≤", "<=": "≤", "＜": "<", "<": "<",
                 "大于等于": "≥", "不低于": "≥", "正向": "≥", "小于等于": "≤", "不高于": "≤", "反向": "≤"}
# Columns whose header holds a keyword but that say how, not what: 评分标准, 评分办法, 计分方法.
NOT_A_VALUE_COLUMN = re.compile(r"标准|办法|方法|依据|细则|说明")
# Columns of a table of problems and their rectification (存在问题 | 整改措施 | 整改时限 | 完成情况):
# such a table names indicators (考核指标) and says how the work on each stands, but states no
# indicator's target or actual, so a header with one of these columns heads no indicator block.
RECTIFICATION_COLUMN = re.compile(r"存在(?:的)?问题|问题描述|整改措施|整改时限|整改情况|整改责任")
# Any keyword of any role: most cells (every cell of every row is asked) hold none, and one
# search says so; the roles are then tried in order only for the few that do.
_ANY_KEYWORD = re.compile("|".join(re.escape(word) for _, keywords in ROLE_KEYWORDS for word in keywords))
VALUE_ROLES = frozenset({"target", "actual", "weight", "score"})
LEVEL_ROLES = ("level1", "level2")

# A header label is short: the longest in the seeds is 实际完成指标值 (7 characters), form labels
# with a mark such as 实际完成值（B） have 8. Longer cells that hold a keyword are section
# labels, not column headers: seed 002's 整体支出绩效定量目标及实施计划完成情况 (19) holds 目标
# and 完成情况, and its data cell 效益目标（预期实现的效益） (13) holds 预期.
MAX_LABEL_CHARS = 12

Span = tuple[int, int]  # first and last 1-based grid column a cell covers in one row


@record
class IndicatorRow:
    """One indicator of a 绩效指标 table: raw cell texts, parsed quantities, and places."""

    table: int  # Table.index
    row: int  # 1-based grid row
    level1: str  # 一级指标 (产出指标), "" when the table has no such column
    level2: str  # 二级指标 (数量指标)
    name: str  # 三级指标 / 绩效内容: the indicator itself
    target_raw: str
    target: Quantity | None
    actual_raw: str
    actual: Quantity | None
    weight_raw: str
    weight: Quantity | None
    score_raw: str
    score: Quantity | None
    location: Location  # of the name cell (its quote is the exact cell text)
    target_location: Location | None = None
    actual_location: Location | None = None
    weight_location: Location | None = None
    score_location: Location | None = None

    def cells(self, *fields: str) -> tuple[tuple[str, ...], tuple[Location, ...]]:
        """Quotes and locations of the name cell, then of each of ``fields`` ("target", "actual",
        "weight", "score") that the row has a cell for: where a finding about the row points."""
        quotes, locations = [self.location.quote.strip() or self.name], [self.location]
        for field in fields:
            location = getattr(self, f"{field}_location")
            if location is not None:
                quotes.append(location.quote.strip() or getattr(self, f"{field}_raw").strip())
                locations.append(location)
        return tuple(quotes), tuple(locations)


@record
class Header:
    """Where an indicator block starts and which grid column holds each role."""

    row: int  # 1-based grid row of the header row
    columns: dict[str, int]  # role → 1-based grid column
    cells: tuple[Cell, ...]  # the header cells: a band row still under them is not data


def cell_text_to_label(text: str) -> str:
    """A cell's text on one line, without the breaks Word and PDFs put inside CJK words.

    ``"产出\\n指标"`` → ``"产出指标"``; ``"效益目标\\n（预期实现的效益）"`` →
    ``"效益目标（预期实现的效益）"``. A break between two ASCII letters or digits becomes a
    space, so ``"PM2.5\\nmonitoring"`` keeps its words apart.
    """
    label = ""
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        if label and _is_ascii_word_char(label[-1]) and _is_ascii_word_char(line[0]):
            label += " "
        label += line
    return label


def _is_ascii_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# Header cells repeat within a report and across a batch (指标值, 实际完成值 …): each is read once.
@lru_cache(maxsize=2048)
def label_to_role(text: str) -> str | None:
    """The column role a header cell names, or None: ``"绩效\\n目标值"`` → ``"target"``.

    A keyword anywhere in a short label counts, unless the label says how rather than what
    (评分标准, 指标值说明: NOT_A_VALUE_COLUMN). Limit: when two cells of one header name the same
    role, the leftmost is kept (``rows_to_header``).
    """
    label = "".join(text.split())
    if not label or len(label) > MAX_LABEL_CHARS or not _ANY_KEYWORD.search(label):
        return None
    if NOT_A_VALUE_COLUMN.search(label) or OTHER_YEAR_COLUMN.search(label):
        return None
    for role, keywords in ROLE_KEYWORDS:
        if any(keyword in label for keyword in keywords):
            return role
    return None


def grid_row_to_cells(grid_row: GridRow) -> list[tuple[Cell, Span]]:
    """The distinct cells of one grid row, left to right, with the columns each covers there."""
    found: list[tuple[Cell, Span]] = []
    for col, cell in enumerate(grid_row, 1):
        if cell is None:
            continue
        if found and found[-1][0] is cell:
            found[-1] = (cell, (found[-1][1][0], col))
        else:
            found.append((cell, (col, col)))
    return found


def row_width(grid_row: GridRow) -> int:
    """The last 1-based column the row has a cell in (the text export's rows differ in width)."""
    return max((col for col, cell in enumerate(grid_row, 1) if cell is not None), default=0)


def rows_to_header(grid: Grid, r: int) -> Header | None:
    """The header starting an indicator block at 0-based grid row ``r``, or None.

    The row must itself name the name column (三级指标 / 绩效内容 / …); the value columns may come
    from the row above where this row's cell is empty or missing (a two-row band in the text
    export, whose vertical merges are empty cells). At least one value column is needed: seed
    002's qualitative section (预期目标 | 实际完成, no name column) is not an indicator table.

    Limits: bands of two rows only; in the text export, a band whose lower row holds the value
    sub-headers (指标值 over 年度目标 | 实际完成) and whose upper row holds the name is read with
    the upper row's labels alone, so the sub-header roles are lost. In Word and PDF grids the
    lowest band row sees every label merged down into it and is read whole.
    """
    roles: dict[str, Span] = {}
    cells: list[Cell] = []
    row_cells = grid_row_to_cells(grid[r])
    for cell, span in row_cells:
        role = label_to_role(cell.text)
        if role is not None and role not in roles:
            roles[role] = span
            cells.append(cell)
    if "name" not in roles:
        named = _fallback_name_cell(grid, r, row_cells)
        if named is None:
            return None
        cell, roles["name"] = named
        cells.append(cell)
    if r > 0:
        for cell, span in grid_row_to_cells(grid[r - 1]):
            role = label_to_role(cell.text)
            below = [_cell_at(grid[r], col) for col in range(span[0], span[1] + 1)]
            if role is not None and role not in roles and all(c is None or not c.text.strip() for c in below):
                roles[role] = span
                cells.append(cell)
    if not roles.keys() & VALUE_ROLES:
        return None
    if any(RECTIFICATION_COLUMN.search("".join(cell.text.split())) for cell, _ in row_cells):
        return None
    next_width = row_width(grid[r + 1]) if r + 1 < len(grid) else 0
    return Header(row=r + 1, columns=header_to_columns(grid[r], roles, next_width), cells=tuple(cells))


# Local forms head the name column 绩效指标, 评价指标 or just 指标 (“指标类别 | 绩效指标 | 年度目标值 |
# 实际完成值”, “指标 | 年度目标 | 实际完成”: blind probes AU, AW). The national form writes 绩效指标 over
# 一级/二级/三级指标 in the row above them instead, so the word names the column only when the next
# row names no name column of its own.
FALLBACK_NAME_LABELS = frozenset({"绩效指标", "评价指标", "指标", "指标项", "考核项目"})


def _fallback_name_cell(grid: Grid, r: int,
                        row_cells: list[tuple[Cell, Span]]) -> tuple[Cell, Span] | None:
    """The cell of row ``r`` (whose cells are ``row_cells``) headed 绩效指标 or 评价指标, when it
    heads the name column.

    The cell must begin in row ``r``: the national form's 绩效指标 spans the whole block down its
    first column, and in the rows below it heads nothing (blind probe K k13: with 达到预期 in the
    row, a data row was taken for a new header, and the block's last three rows were lost). The
    next row is read only for a row holding such a cell: nearly every row holds none."""
    named = next(((cell, span) for cell, span in row_cells
                  if cell.row == r + 1 and "".join(cell.text.split()) in FALLBACK_NAME_LABELS), None)
    if named is None or (
            r + 1 < len(grid) and any(label_to_role(cell.text) == "name" for cell, _ in grid_row_to_cells(grid[r + 1]))):
        return None
    return named


def header_to_columns(header_row: GridRow, roles: dict[str, Span], next_width: int) -> dict[str, int]:
    """Role → data column, giving an unnamed header cell left of the name column to the levels.

    When 一级/二级 are not named, the header cell covering the column just left of the name
    column, if it has text but no role (seed 002: 评价内容), is the level group. When the row
    below is wider than the header row (``next_width``), the text export wrote that group once
    although it spans several columns: it is widened by the difference and every role from the
    name column on moves right by it. Then the group's columns go, left to right, to the
    missing levels, if it covers at least two.

    Limits: a header narrower than its data for another reason (a merged value header the text
    reader could not widen) is left as it is, so its value columns may be off; a one-column group
    is not taken as a level, since it may as well be 序号; a group wider than the missing levels
    leaves its last columns unread.
    """
    name_first = roles["name"][0]
    group = _cell_at(header_row, name_first - 1)
    has_level_group = (
        not any(level in roles for level in LEVEL_ROLES)
        and group is not None
        and group.text.strip() != ""
        and label_to_role(group.text) is None
    )
    if not has_level_group:
        return {role: span[0] for role, span in roles.items()}
    group_first = next(span[0] for cell, span in grid_row_to_cells(header_row) if cell is group)
    shift = max(0, next_width - row_width(header_row))
    columns = {role: span[0] + (shift if span[0] >= name_first else 0) for role, span in roles.items()}
    group_columns = range(group_first, name_first + shift)
    if len(group_columns) >= 2:
        columns.update(zip(LEVEL_ROLES, group_columns))
    return columns


def _cell_at(grid_row: GridRow, col: int) -> Cell | None:
    """The cell covering 1-based column ``col`` of a grid row, None outside the row."""
    return grid_row[col - 1] if 1 <= col <= len(grid_row) else None


def row_fits(grid_row: GridRow, header: Header) -> bool:
    """Whether a row belongs to the block: a cell under every role, the name cell alone.

    A row of the text export shorter than the header's columns (seed 002: 绩效自评综合得分 |
    98分) or a cell spanning the name column and another role's column (the same row in Word,
    where 98分 covers six columns; a 合计 row over the levels and the name) ends the block.
    Limit: a total row whose label sits in the name column alone, with the other cells apart,
    fits; it is dropped by ``is_indicator_name`` only when the name is a bare number.
    """
    name_cell = _cell_at(grid_row, header.columns["name"])
    for role, col in header.columns.items():
        cell = _cell_at(grid_row, col)
        if cell is None or (role != "name" and cell is name_cell):
            return False
    return True


def is_indicator_name(name: str, name_cell: Cell, header: Header) -> bool:
    """Whether a name cell names an indicator: not empty, not a header cell, not a bare number.

    A header cell here is one of the header's cells still covering this row (a header band
    merged vertically in Word) or a cell repeating the name column's label (三级指标); a bare
    number is a total or a serial number. A name that merely holds a value keyword (实际完成投资额)
    is an indicator.
    """
    is_header_cell = any(name_cell is cell for cell in header.cells)
    if not name or is_header_cell or label_to_role(name) == "name" or TOTAL_NAME.fullmatch(name):
        return False
    if PLACEHOLDER.fullmatch(name):
        return False  # “合计 | / | / | … | 100 | 98.5” (blind probe Y y08): a slash stands for no name
    quantity = parse_quantity(name)
    return quantity is None or quantity.raw != name


def table_to_indicator_rows(table: Table) -> list[IndicatorRow]:
    """The indicator rows of one table, in order; [] when the table has no indicator header."""
    return _rows_and_end(table, table.grid(), None)[0]


def _rows_and_end(table: Table, grid: Grid,
                  continued: Continuation | None) -> tuple[list[IndicatorRow], Continuation | None]:
    """The indicator rows of one table and where it ended (None without rows). ``continued``:
    where the table right before it ended, when this one may go on from it."""
    found: list[IndicatorRow] = []
    end: Continuation | None = None
    header: Header | None = None
    levels = ("", "")
    for r, grid_row in enumerate(grid):
        new_header = rows_to_header(grid, r)
        if new_header is not None:
            if header is None and continued is not None and new_header.columns == continued.columns:
                levels = continued.levels  # a 续表 repeating the header, its level cells left blank
            elif header is None or new_header.columns != header.columns:
                levels = ("", "")  # a repeated header (continuation page) keeps the levels above
            header = new_header
            continue
        if header is None:
            continue
        if not row_fits(grid_row, header):
            section = _section_row_level(grid_row)
            if section:  # “一、产出指标” across the table: the 一级 of the rows under it
                levels = (section, "")
                continue
            header = None
            continue
        name_cell = _cell_at(grid_row, header.columns["name"])
        assert name_cell is not None  # row_fits checked it
        name = cell_text_to_label(name_cell.text)
        if not is_indicator_name(name, name_cell, header):
            continue
        levels = row_to_levels(grid_row, header, levels)
        found.append(cells_to_indicator_row(table, r + 1, grid_row, header, levels, name, name_cell))
        end = Continuation(header.columns, levels)
    return found, end


@dataclass(frozen=True)
class Continuation:
    """Where an indicator table ended: its header's columns and the levels of its last row."""

    columns: dict[str, int]
    levels: tuple[str, str]


# A row that is one cell naming a 一级指标 (“一、产出指标”, “（二）效益指标”), as forms without a 一级
# column set their sections (probe F10).
SECTION_ROW = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])?\s*"
                         r"((?:产出|效益|满意度|成本|质量|数量|时效|社会效益|经济效益|生态效益|可持续影响)指标)\s*")


def _section_row_level(grid_row: GridRow) -> str:
    """The 一级 a section row names, or "" for any other row."""
    cells = {id(cell): cell for cell in grid_row if cell is not None and cell.text.strip()}
    if len(cells) != 1:
        return ""
    (cell,) = cells.values()
    match = SECTION_ROW.fullmatch("".join(cell.text.split()))
    return match.group(1) if match else ""


def row_to_levels(grid_row: GridRow, header: Header, above: tuple[str, str]) -> tuple[str, str]:
    """(一级, 二级) of a row; an empty level inherits from the row above, 二级 only under the same 一级."""
    level1, level2 = (_text_under(grid_row, header, role) for role in LEVEL_ROLES)
    level1 = level1 or above[0]
    if not level2 and level1 == above[0]:
        level2 = above[1]
    return level1, level2


def _cell_under(grid_row: GridRow, header: Header, role: str) -> Cell | None:
    """The row's cell under ``role``'s column; None when the header has no such column."""
    return _cell_at(grid_row, header.columns[role]) if role in header.columns else None


def _text_under(grid_row: GridRow, header: Header, role: str) -> str:
    """The label in the row's cell under ``role``'s column, "" when there is none."""
    cell = _cell_under(grid_row, header, role)
    return cell_text_to_label(cell.text) if cell is not None else ""


# The 二级指标 of time limits (时效指标): its value cells hold durations and deadlines.
TIME_LIMIT_LEVEL = "时效"


def cell_to_quantity(raw: str, is_time_limit: bool) -> Quantity | None:
    """The quantity a value cell states; in a 时效指标 row, a bare ``15日`` is 15 days.

    Elsewhere a bare 15日 is a day of a month and no quantity. Under a time limit it is a number
    of days, and even where it was meant as a date (the 15th) the comparison comes out the same:
    a later day misses a time limit either way, and the days it is late by are the difference.
    """
    if not raw:
        return None
    quantity = parse_quantity(raw)
    if quantity is None and is_time_limit:
        return parse_day_count(raw)
    return quantity


def cells_to_indicator_row(
    table: Table,
    row: int,
    grid_row: GridRow,
    header: Header,
    levels: tuple[str, str],
    name: str,
    name_cell: Cell,
) -> IndicatorRow:
    """Build one IndicatorRow from the cells under the header's value columns."""
    values: dict[str, tuple[str, Quantity | None, Location | None]] = {}
    is_time_limit = any(TIME_LIMIT_LEVEL in level for level in levels)
    for role in VALUE_ROLES:
        cell = _cell_under(grid_row, header, role)
        raw = cell.text.strip() if cell is not None else ""
        values[role] = (
            raw,
            cell_to_quantity(raw, is_time_limit),
            cell.location if cell is not None else None,
        )
    for role in ("target", "actual"):
        raw, quantity, location = values[role]
        values[role] = (raw, _with_own_columns(raw, quantity, grid_row, header, role, is_time_limit), location)
    return IndicatorRow(
        table=table.index,
        row=row,
        level1=levels[0],
        level2=levels[1],
        name=name,
        target_raw=values["target"][0],
        target=values["target"][1],
        actual_raw=values["actual"][0],
        actual=values["actual"][1],
        weight_raw=values["weight"][0],
        weight=values["weight"][1],
        score_raw=values["score"][0],
        score=values["score"][1],
        location=name_cell.location,
        target_location=values["target"][2],
        actual_location=values["actual"][2],
        weight_location=values["weight"][2],
        score_location=values["score"][2],
    )


def _with_own_columns(raw: str, quantity: Quantity | None, grid_row: GridRow, header: Header, role: str,
                      is_time_limit: bool) -> Quantity | None:
    """A target or actual read with what the row's unit and direction columns add to it: 95 under
    度量单位 % is 95 %, and a target 30 beside 指标性质 ≤ is at most 30. What the cell writes itself
    wins (a target written ≥95% keeps its own unit and op)."""
    if quantity is None:
        return None
    unit = _column_text(grid_row, header, "unit") if not quantity.unit else ""
    op = DIRECTION_OPS.get(_column_text(grid_row, header, "direction")) if role == "target" and quantity.op is None else None
    if not unit and op is None:
        return quantity
    if unit:
        with_unit = cell_to_quantity(raw + unit, is_time_limit)
        if with_unit is None or with_unit.op != quantity.op or not (
                with_unit.value == quantity.value or _scaled_by_unit(quantity, with_unit, unit)):
            return quantity  # a unit the parser cannot read with the number (微克/立方米): kept bare
        # 3.2 under 计量单位 万人 is 32000 人, as a cell written “3.2万人” is (blind probe Z z09)
        quantity = replace(quantity, value=with_unit.value, unit=with_unit.unit, raw=raw)
    if op is not None:
        quantity = replace(quantity, raw=raw, op=op, high=None)
    return quantity


def _scaled_by_unit(bare: Quantity, with_unit: Quantity, unit: str) -> bool:
    """Whether a unit column's multiplier (万 of 万人, 亿 of 亿元) is all that changed the value."""
    factor = MULTIPLIER_VALUES.get(unit[:1])
    return factor is not None and with_unit.value == bare.value * factor


def _column_text(grid_row: GridRow, header: Header, role: str) -> str:
    """The whitespace-free text of the row's cell under ``role``'s column ("" without one)."""
    cell = _cell_under(grid_row, header, role)
    return "".join(cell.text.split()) if cell is not None else ""


def document_to_indicator_rows(
    document: Document, by_table: dict[int, list[IndicatorRow]] | None = None
) -> list[IndicatorRow]:
    """Every indicator row of every table (nested tables included), in document order.

    ``by_table`` is what ``indicator_rows_by_table`` gave for this document, when the caller
    needed the rows table by table too.
    """
    by_table = indicator_rows_by_table(document) if by_table is None else by_table
    # by_table holds each table once, in document order (indicator_rows_by_table fills it so):
    # read in its order, without a second walk over every cell for the nested tables
    return [row for rows in by_table.values() for row in rows]


def indicator_rows_by_table(document: Document) -> dict[int, list[IndicatorRow]]:
    """Each table's indicator rows, by ``id(table)`` (valid while the document lives).

    The figures stage leaves these rows out of a table's values, and the indicator list is
    made of them: reading them once serves both.
    """
    rows: dict[int, list[IndicatorRow]] = {}
    continued: Continuation | None = None
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if continued is not None and not _between_parts(block.text):
                continued = None
            continue
        for table in block.iter_tables():
            rows[id(table)], end = _rows_and_end(table, table.grid(), continued if table is block else None)
            if table is block:
                continued = end
    return rows


# What may stand between a table and its continuation (blind probe AH ah04: 一级/二级 left blank on
# the 续表 after a page break, as printed forms do): nothing, or a short line saying 续表.
def _between_parts(text: str) -> bool:
    return not text.strip() or says_continued(text)
