"""Render a Document as readable text: the view behind ``pipeline.py show``.

It shows what the tool read, block by block, each with the place it came from, so that a
developer or an auditor can check a table cell against the original in seconds. Tables are
printed row by row; a merged cell appears once with its span (``跨2行``, ``跨5列``), exactly as
the model stores it.
"""

from __future__ import annotations

from export.labels import STATUS_NAMES
from extract.model import Block, Cell, Document, Paragraph, Table


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
        lines.append(f"{key}: {value.value if value else '（未找到）'}" + (f"  [{value.location.describe()}]" if value else ""))
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


def rules_to_markdown(rules, settings) -> str:
    """The README's rule list, generated from the rules' own docstrings."""
    lines = ["| id | kind | default severity | what it checks |", "|---|---|---|---|"]
    for rule in rules:
        lines.append(f"| {rule.id} | {rule.kind} | {settings[rule.id].severity} | {rule.summary} |")
    lines.append("")
    for rule in rules:
        lines.append(f"**{rule.id} {rule.kind}** — {rule.summary}")
        lines.append("")
        for line in rule.doc.splitlines()[1:]:
            if line.strip():
                lines.append(f"> {line.strip()}  ")
        lines.append("")
    return "\n".join(lines)
