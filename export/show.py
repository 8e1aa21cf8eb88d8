"""Render a Document as readable text: the view behind ``pipeline.py show``; and the rule list
behind ``pipeline.py rules`` (text and the README's Markdown).

It shows what the tool read, block by block, each with the place it came from, so that a
developer or an auditor can check a table cell against the original in seconds. Tables are
printed row by row; a merged cell appears once with its span (``跨2行``, ``跨5列``), exactly as
the model stores it.
"""

from __future__ import annotations

import re
import unicodedata

from export.labels import STATUS_NAMES, display_value
from extract.model import Block, Cell, Document, Paragraph, Table
from normalize.catalogue import METRIC_NAMES


def document_to_text(document: Document) -> str:
    """The whole document as lines of text with locations."""
    lines = [
        f"文件: {document.source}",
        f"格式: {document.format}  状态: {STATUS_NAMES.get(document.status, document.status)}"
        + (f"  页数: {document.pages}" if document.pages else "")
        + (f"  编码: {document.encoding}" if document.encoding else ""),
        f"doc_id: {document.doc_id}  段落: {len(document.paragraphs)}  表格: {len(document.tables)}",
    ]
    lines.extend(f"说明: {note}" for note in document.notes)
    lines.append("")
    for block in document.blocks:
        lines.extend(block_to_lines(block))
    if document.furniture:
        lines.append("—— 页眉页脚 ——")
        for block in document.furniture:
            lines.extend(block_to_lines(block))
    return "\n".join(lines) + "\n"


def block_to_lines(block: Block, indent: str = "") -> list[str]:
    if isinstance(block, Paragraph):
        style = f"〈{block.style}〉" if block.style else ""
        return [f"{indent}[{block.location.describe()}] {style}{block.text}"]
    return table_to_lines(block, indent)


def table_to_lines(table: Table, indent: str = "") -> list[str]:
    where = table.location.describe()
    pages = f" 页{'-'.join(str(p) for p in (table.pages[0], table.pages[-1]))}" if len(table.pages) > 1 else ""
    caption = f" 〈{table.caption}〉" if table.caption else ""
    lines = [f"{indent}[{where}] 表{table.index}: {table.n_rows}行×{table.n_cols}列{pages}{caption}"]
    for row_number, cells in enumerate(table.rows(), start=1):
        rendered = " | ".join(cell_to_text(cell) for cell in cells) or "（本行单元格均为上方合并单元格）"
        lines.append(f"{indent}  第{row_number}行: {rendered}")
        for cell in cells:
            for nested in cell.tables:
                lines.append(f"{indent}    （第{cell.row}行第{cell.col}列内嵌表格）")
                lines.extend(table_to_lines(nested, indent + "    "))
    return lines


def cell_to_text(cell: Cell) -> str:
    spans = []
    if cell.row_span > 1:
        spans.append(f"跨{cell.row_span}行")
    if cell.col_span > 1:
        spans.append(f"跨{cell.col_span}列")
    span_text = f"({','.join(spans)})" if spans else ""
    page = f"p{cell.location.page}" if cell.location.page is not None else ""
    text = cell.text.replace("\n", "⏎")
    return f"[{page}c{cell.col}{span_text}] {text}"


def figures_to_text(metadata, figures, values, indicators) -> str:
    """The figures found, each beside its quote and place: the view behind ``show --figures``.

    ``★`` marks the value chosen for the report's row; ``≠`` lists other values stated for the
    same metric (the conflicts the checks look at).
    """
    from export.rows import decimal_text, quote_excerpt

    lines = ["", "—— 报告信息 ——"]
    for key in ("fiscal_year", "unit_name", "report_kind", "report_date", "grade"):
        value = getattr(metadata, key)
        shown = f"{_named(key, value.value)}  [{value.location.describe()}]" if value else "（未找到）"
        lines.append(f"{METRIC_NAMES.get(key, key)}（{key}）: {shown}")
    lines.append("")
    lines.append("—— 指标数值（★ 为报告汇总表采用的值） ——")
    chosen = {id(f) for f in values.chosen.values()}
    for figure in figures:
        mark = "★" if id(figure) in chosen else " "
        lines.append(
            f"{mark} {figure.metric} = {decimal_text(figure.value)}{figure.unit} "
            f"（{figure.role or '-'}，{figure.year or '-'}年，{figure.match_method}） "
            f"[{figure.location.describe()}] {quote_excerpt(figure.location)}"
        )
    for key, figure, how in values.stand_ins():  # a part standing for its whole, money paid as spent
        confirmed = "，执行率印证" if how == "paid" else ""
        lines.append(
            f"★ {key} = {decimal_text(figure.value)}{figure.unit} （取自 {figure.metric}{confirmed}） "
            f"[{figure.location.describe()}] {quote_excerpt(figure.location)}"
        )
    for metric, others in values.conflicts.items():
        listed = "、".join(f"{decimal_text(f.value)}（{f.location.describe()}）" for f in others)
        lines.append(f"≠ {metric} 另有不同数值：{listed}")
    if indicators:
        lines.append("")
        lines.append("—— 绩效指标 ——")
        for row in indicators:
            lines.append(
                f"[表{row.table} 第{row.row}行] {row.level1} / {row.level2} / {row.name}："
                f"目标 {row.target_raw or '-'}，实际 {row.actual_raw or '-'}"
                + (f"，分值 {row.weight_raw}" if row.weight_raw else "")
                + (f"，得分 {row.score_raw}" if row.score_raw else "")
            )
    return "\n".join(lines) + "\n"


# What the rule list calls the report's figures; said once, above the rules.
RULES_LEGEND = (
    "说明：“汇总数值”指报告汇总表（reports.csv、report.xlsx 的“报告汇总”）中的各项数值；"
    "同一数值在报告中有几处写法时，“采用值”是汇总表采用的那一个。"
)


def _named(column: str, value: object) -> str:
    """A code by its Chinese name with the code after it (部门整体支出（dept_overall）); else as is."""
    name = display_value(column, value)
    return f"{name}（{value}）" if name != value else str(value)


def rules_to_text(rules, settings, width: int = 100) -> str:
    """Every rule with its id, kind and severity (Chinese name and code) and its documentation,
    each part on its own lines, wrapped to ``width`` display columns: the view behind
    ``pipeline.py rules``."""
    lines = [*wrap_display(RULES_LEGEND, width), ""]
    for rule in rules:
        current = settings[rule.id]
        state = "（已停用）" if not current.enabled else ""
        lines.append(f"{rule.id}  {_named('kind', rule.kind)}  严重程度：{_named('severity', current.severity)}{state}")
        lines.extend("    " + line for line in wrap_display(rule.summary, width - 4))
        for heading, text in rule.parts.items():
            wrapped = wrap_display(f"{heading}：{text}", width - 6)
            lines.append("    " + wrapped[0])
            lines.extend("      " + line for line in wrapped[1:])
        lines.append("")
    return "\n".join(lines) + "\n"


def rules_to_markdown(rules, settings) -> str:
    """The README's rule list, generated from the rules' own docstrings."""
    lines = [RULES_LEGEND, "", "| 编号 | 类型 | 默认严重程度 | 检查什么 |", "|---|---|---|---|"]
    for rule in rules:
        severity = settings[rule.id].severity
        lines.append(
            f"| {rule.id} | {_named('kind', rule.kind)} | {_named('severity', severity)} | {rule.summary} |"
        )
    lines.append("")
    for rule in rules:
        lines.append(f"**{rule.id} {_named('kind', rule.kind)}** — {rule.summary}")
        lines.append("")
        lines.extend(f"> **{heading}**：{text}  " for heading, text in rule.parts.items())
        lines.append("")
    return "\n".join(lines)


# Characters that may not begin a line of Chinese text, and those that may not end one.
NO_LINE_START = set("，。、；：？！）》」』】〉”’％…—,.;:?!)]%")
NO_LINE_END = set("（《「『【〈“‘([")
# What a line is broken between: a run of ASCII (a number, a word), a space, one other character.
_WRAP_TOKEN = re.compile(r"[!-~]+|\s+|.", re.DOTALL)


def display_width(text: str) -> int:
    """Terminal columns of ``text``: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap_display(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between Chinese characters or at
    spaces, never inside a number or word, never before a closing mark (，。）”) nor after an
    opening one (（“); a line may pass ``width`` by such a closing mark.

    >>> wrap_display("预算执行率61.92%（3961.33 ÷ 6400.32）。", 20)
    ['预算执行率61.92%', '（3961.33 ÷ 6400.32）。']
    >>> wrap_display("实际支出3961.33万元，控制率93%", 12)
    ['实际支出', '3961.33万元，', '控制率93%']
    """
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for token in _WRAP_TOKEN.findall(text):
        if token.isspace():
            if current:
                current.append(" ")
                used += 1
            continue
        size = display_width(token)
        if current and used + size > width and token[0] not in NO_LINE_START:
            carried: list[str] = []
            while len(current) > 1 and current[-1] in NO_LINE_END:
                carried.insert(0, current.pop())
            lines.append("".join(current).rstrip())
            current, used = carried, display_width("".join(carried))
        current.append(token)
        used += size
    if current or not lines:
        lines.append("".join(current).rstrip())
    return lines
