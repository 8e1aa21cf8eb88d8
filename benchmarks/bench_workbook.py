"""CPU of writing report.xlsx from a run's CSVs, optionally against another checkout, alternated.

    python pipeline.py run /tmp/jxb/docx_1000 --out /tmp/jxb/xl-1000 --no-cache --quiet
    python benchmarks/bench_workbook.py --csvs /tmp/jxb/xl-1000 --rounds 5
    python benchmarks/bench_workbook.py --csvs /tmp/jxb/xl-1000 --against /tmp/base-checkout --rounds 5

Times ``export.sheet_writer.write_workbook(path, export.workbook.workbook_sheets(csvs))``: reading
the CSVs back, the highlights, and writing and packaging the workbook, as a rerun that rewrites
report.xlsx does (a first run streams the same rows through the same writer). Each measurement
runs in a fresh process that imports the export code of its checkout, so two versions never share
a process; with ``--against`` the two checkouts take turns, round after round, so that both see
the same machine load (on a shared machine the spread between rounds is the honest error bar).
CPU time is ``time.process_time`` of the parent's one process. With ``--against`` the two
workbooks are also compared part by part (all but docProps/core.xml, which holds the time).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

# Run in the child: write the workbook with the export code of the checkout in argv[1].
CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from export.sheet_writer import write_workbook
from export.workbook import SHEET_ORDER, workbook_sheets
csvs = Path(sys.argv[2])
start = time.process_time()
counts = write_workbook(Path(sys.argv[3]), workbook_sheets({name: csvs / f"{name}.csv" for name in SHEET_ORDER}))
print(json.dumps({"cpu": time.process_time() - start, "rows": sum(counts.values())}))
"""


def measure(checkout: Path, csvs: Path, out: Path) -> dict:
    """One write in a fresh process: {"cpu": seconds, "rows": data rows}."""
    result = subprocess.run([sys.executable, "-c", CHILD, str(checkout), str(csvs), str(out)],
                            check=True, capture_output=True, text=True, cwd=tempfile.gettempdir())
    return json.loads(result.stdout)


def differing_parts(first: Path, second: Path) -> list[str]:
    """Names of the parts the two workbooks do not share byte for byte (the time stamp aside)."""
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        names = (set(a.namelist()) | set(b.namelist())) - {"docProps/core.xml"}
        return sorted(name for name in names
                      if name not in a.namelist() or name not in b.namelist() or a.read(name) != b.read(name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csvs", type=Path, required=True, help="an output folder of a run")
    parser.add_argument("--against", type=Path, help="another checkout to alternate with")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    checkouts = {"this": PROJECT} | ({"against": args.against.resolve()} if args.against else {})
    times: dict[str, list[float]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory(prefix="bench-workbook-") as tmp:
        outs = {name: Path(tmp) / f"{name}.xlsx" for name in checkouts}
        for round_number in range(1, args.rounds + 1):
            order = list(checkouts) if round_number % 2 else list(reversed(checkouts))
            for name in order:
                result = measure(checkouts[name], args.csvs.resolve(), outs[name])
                times[name].append(result["cpu"])
                print(f"round {round_number} {name:8} {result['cpu']:6.2f} s CPU  ({result['rows']} rows)")
        for name, values in times.items():
            print(f"{name:8} median {statistics.median(values):.2f} s, min {min(values):.2f}, "
                  f"max {max(values):.2f}  ({checkouts[name]})")
        if args.against:
            differ = differing_parts(outs["this"], outs["against"])
            print("workbooks: " + (f"parts differ: {', '.join(differ)}" if differ else "every part identical"))


if __name__ == "__main__":
    main()
