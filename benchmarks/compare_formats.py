"""Compare what two runs read from the same reports in two formats (.docx and its PDF).

    python benchmarks/generate_batch.py --format pdf --count 250 --out /tmp/batch_pdf
    python benchmarks/generate_batch.py --format docx --count 250 --out /tmp/batch_docx
    python pipeline.py run /tmp/batch_docx --out /tmp/out_docx --no-cache --quiet
    python pipeline.py run /tmp/batch_pdf --out /tmp/out_pdf --no-cache --quiet
    python benchmarks/compare_formats.py /tmp/out_docx /tmp/out_pdf

``generate_batch.py --format pdf`` converts the very .docx copies that ``--format docx`` writes
(same seed, same index, same name), so the two runs read the same reports and should give the
same indicator rows and the same report values. Every difference is a reader defect in one of
the formats, found without writing a single expected value by hand: this is how the PDF
table reader's page-break defects of the fourth session were found and their fixes measured.

Files are matched by name without extension; only files present in the second run are
compared. Indicator rows are compared on their names, targets, actual values, weights and
scores with white space removed (a PDF cell's line breaks are not a difference); report values
on every column but the ones that differ by format (doc_id, file, format, pages, notes …).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

INDICATOR_FIELDS = ("level1", "level2", "name", "target_raw", "actual_raw", "weight", "score")
FORMAT_COLUMNS = frozenset({"doc_id", "source_file", "format", "pages", "paragraphs", "tables", "status", "notes"})


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def indicator_rows(out: Path, stems: set[str]) -> dict[str, list[tuple[str, ...]]]:
    found: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for row in rows(out / "indicators.csv"):
        stem = Path(row["source_file"]).stem
        if stem in stems:
            found[stem].append(tuple(squeeze(row[field]) for field in INDICATOR_FIELDS))
    return found


def report_values(out: Path, stems: set[str]) -> dict[str, dict[str, str]]:
    return {
        Path(row["source_file"]).stem: {k: v for k, v in row.items() if k not in FORMAT_COLUMNS}
        for row in rows(out / "reports.csv")
        if Path(row["source_file"]).stem in stems
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path, help="output folder of the run to compare against (.docx)")
    parser.add_argument("second", type=Path, help="output folder of the other run (PDF)")
    parser.add_argument("--show", type=int, default=20, help="differences to print (default 20)")
    args = parser.parse_args(argv)
    stems = {Path(row["source_file"]).stem for row in rows(args.second / "reports.csv")}
    first_rows, second_rows = indicator_rows(args.first, stems), indicator_rows(args.second, stems)
    first_values, second_values = report_values(args.first, stems), report_values(args.second, stems)
    differing_rows = sorted(s for s in stems if first_rows[s] != second_rows[s])
    differing_values = sorted(
        s for s in stems if s in first_values and first_values[s] != second_values.get(s)
    )
    for stem in differing_rows[: args.show]:
        only_first = [r[2] for r in first_rows[stem] if r not in second_rows[stem]]
        only_second = [r[2] for r in second_rows[stem] if r not in first_rows[stem]]
        print(f"indicator rows  {stem}: only in the first {only_first[:3]}, only in the second {only_second[:3]}")
    for stem in differing_values[: args.show]:
        a, b = first_values[stem], second_values.get(stem, {})
        print(f"report values   {stem}: " + ", ".join(f"{k} {a.get(k)!r} ≠ {b.get(k)!r}" for k in a if a.get(k) != b.get(k)))
    missing = sorted(stems - set(first_values))
    print(f"{len(stems)} files; indicator rows differ in {len(differing_rows)}, report values in "
          f"{len(differing_values)}; {len(missing)} not in the first run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
