"""CPU per report by pipeline stage, in one process, against a bare parse of the same files.

    python benchmarks/bench_stages.py --input /tmp/jxb/docx_1000 --count 200
    python benchmarks/bench_stages.py --input /tmp/jxb/docx_1000 --count 200 --rounds 3

Where ``bench_batch.py`` times whole runs (wall time, memory, processes), this says where a
worker's time goes, per report: the bare parse (python-docx text of paragraphs and table cells,
pdfplumber ``extract_text``, or the decoded bytes of a .txt: the same function
``bench_batch.py`` times), reading into the document model (``read_document``), the analysis
(figures, metadata, indicators, sentences: ``pipeline.analyse``), and the checks with the output
rows (``pipeline.outcome_of``). Pickling for the cache is timed on its own (``dumps`` of what a
worker stores), since a ``--no-cache`` run does not pay it.

Each file goes through every stage in turn, so all stages see the same machine load; the first
file is run once before timing (imports, jieba's dictionary). The worker's garbage-collector
settings (``pipeline.WORKER_GC_THRESHOLDS``, ``gc.freeze``) are applied as in a run, which
helps the bare parse as much as the pipeline. CPU time is ``time.process_time``. With
``--rounds`` the whole measurement is repeated and each round printed: on a shared machine the
spread between rounds is the honest error bar.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import SUFFIXES, bare_parse

import pipeline
from extract.readers import read_document

STAGES = ("bare parse", "read_document", "analyse", "checks + rows", "cache pickle")


def measure(files: list[Path]) -> dict[str, float]:
    """Milliseconds of CPU per file, by stage."""
    spent = dict.fromkeys(STAGES, 0.0)
    for path in files:
        name = str(path)
        started = time.process_time()
        bare_parse(name)
        spent["bare parse"] += time.process_time() - started

        started = time.process_time()
        document = read_document(path, name)
        spent["read_document"] += time.process_time() - started

        started = time.process_time()
        analysis = pipeline.analyse(document)
        spent["analyse"] += time.process_time() - started

        result = pipeline.ReadResult(pipeline.document_summary(document), analysis, ())
        started = time.process_time()
        pipeline.outcome_of(result)
        spent["checks + rows"] += time.process_time() - started

        started = time.process_time()
        pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        spent["cache pickle"] += time.process_time() - started
    return {stage: seconds / len(files) * 1000 for stage, seconds in spent.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, required=True, help="folder made by generate_batch.py")
    parser.add_argument("--count", type=int, default=200, help="files to measure (after --skip)")
    parser.add_argument("--skip", type=int, default=0, help="files to pass over first")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    files = sorted(p for p in args.input.iterdir() if p.suffix.lower() in SUFFIXES)[args.skip:][: args.count]
    if not files:
        parser.error(f"no {'/'.join(SUFFIXES)} files in {args.input}")
    pipeline.outcome_of(pipeline.read_file(files[0], str(files[0])))  # warm-up
    pipeline.tune_worker_gc()
    print(f"{len(files)} files of {args.input}; CPU ms per file")
    for round_number in range(1, args.rounds + 1):
        figures = measure(files)
        pipeline_ms = figures["read_document"] + figures["analyse"] + figures["checks + rows"]
        cells = ", ".join(f"{stage} {ms:.1f}" for stage, ms in figures.items())
        print(f"round {round_number}: {cells}; read+analyse+checks {pipeline_ms:.1f} "
              f"= {pipeline_ms / figures['bare parse']:.2f}× the bare parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
