"""The .docx reader finds merge markup in one search of a table: only a cell's own w:tcPr counts."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extract.readers import docx as docx_reader

SHA = "0" * 64


def _merged_table_report(path: Path, with_old_properties: bool) -> Path:
    """A 2×3 table whose first row's first cell spans two columns, with a table nested in its
    last cell spanning two as well; optionally each cell's w:tcPr also holds a tracked change
    (w:tcPrChange) whose old properties span three columns and merge vertically."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for row in table.rows:
        for cell in row.cells:
            cell.text = "x"
    table.cell(0, 0).merge(table.cell(0, 1))
    nested = table.cell(1, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).merge(nested.cell(0, 1))
    if with_old_properties:
        for tc in document.element.body.iter(docx.oxml.ns.qn("w:tc")):
            tc.get_or_add_tcPr().append(parse_xml(
                f'<w:tcPrChange {nsdecls("w")} w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z">'
                '<w:tcPr><w:gridSpan w:val="3"/><w:vMerge w:val="restart"/></w:tcPr></w:tcPrChange>'))
    document.save(path)
    return path


def test_old_cell_properties_of_a_tracked_change_do_not_merge_cells(tmp_path: Path) -> None:
    """table_merge_marks finds merge markup anywhere in a table; only a cell's own w:tcPr's count."""
    plain = docx_reader.read(_merged_table_report(tmp_path / "a.docx", False), "a.docx", SHA)
    tracked = docx_reader.read(_merged_table_report(tmp_path / "b.docx", True), "a.docx", SHA)
    assert [repr(t) for t in tracked.tables] == [repr(t) for t in plain.tables]
    table = plain.tables[0]  # the nested table follows it
    assert [(c.row, c.col, c.col_span) for c in table.cells] == [(1, 1, 2), (1, 3, 1), (2, 1, 1), (2, 2, 1), (2, 3, 1)]
    (inner,) = table.cells[-1].tables
    assert [(c.row, c.col, c.col_span) for c in inner.cells] == [(1, 1, 2)]
