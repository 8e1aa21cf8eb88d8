"""Time the .docx reader on one large table, built on the fly.

    python benchmarks/bench_docx_table.py                 # 300 rows × 10 columns, best of 5
    python benchmarks/bench_docx_table.py --rows 3000     # scaling check
    python benchmarks/bench_docx_table.py --naive         # also time python-docx's table.cell(i, j) loop

The table looks like a report's: a two-row header (a label merged down, a heading merged across)
then rows of numbers, one paragraph per cell. ``read()`` is timed end to end (opening the
package with python-docx included), best of N runs, so that one slow run (disk, GC) does not
count. ``--naive`` times the approach the reader replaces, once, for comparison.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from extract.readers import docx as docx_reader


def cell_xml(text: str, span: int = 1, vmerge: str | None = None) -> str:
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if vmerge:
        props += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{run}</w:p></w:tc>"


def table_xml(n_rows: int, n_cols: int) -> str:
    rows = [
        cell_xml("项目", vmerge="restart") + cell_xml("金额（万元）", span=n_cols - 1),
        cell_xml("", vmerge="continue") + "".join(cell_xml(f"第{col}列") for col in range(2, n_cols + 1)),
    ]
    for row in range(3, n_rows + 1):
        rows.append(
            cell_xml(f"项目{row}")
            + "".join(cell_xml(f"{row * col}.{col:02d}") for col in range(2, n_cols + 1))
        )
    grid = '<w:gridCol w:w="900"/>' * n_cols
    body = "".join(f"<w:tr>{row}</w:tr>" for row in rows)
    return f"<w:tbl {nsdecls('w')}><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def build_docx(path: Path, n_rows: int, n_cols: int) -> None:
    document = docx.Document()
    document.add_paragraph("大表测试")
    sect_pr = document.element.body.find(qn("w:sectPr"))
    sect_pr.addprevious(parse_xml(table_xml(n_rows, n_cols)))
    document.save(str(path))


def best_of(runs: int, action) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def naive_read(path: Path) -> None:
    """The quadratic way: python-docx rebuilds the cell grid on every ``table.cell`` call."""
    table = docx.Document(str(path)).tables[0]
    n_rows, n_cols = len(table.rows), len(table.columns)
    for row in range(n_rows):
        for col in range(n_cols):
            table.cell(row, col).text  # noqa: B018 - the access is what is timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--cols", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive", action="store_true", help="also time the table.cell(i, j) loop once")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"table_{args.rows}x{args.cols}.docx"
        build_docx(path, args.rows, args.cols)
        document = docx_reader.read(path, path.name, "0" * 64)
        (table,) = document.tables
        assert (table.n_rows, table.n_cols) == (args.rows, args.cols), (table.n_rows, table.n_cols)
        seconds = best_of(args.runs, lambda: docx_reader.read(path, path.name, "0" * 64))
        print(
            f"read() {args.rows}×{args.cols} table ({len(table.cells)} stored cells, "
            f"{path.stat().st_size // 1024} KiB): best of {args.runs} = {seconds * 1000:.1f} ms"
        )
        if args.naive:
            seconds = best_of(1, lambda: naive_read(path))
            print(f"python-docx table.cell(i, j) loop, same file, 1 run = {seconds:.1f} s")


if __name__ == "__main__":
    main()
