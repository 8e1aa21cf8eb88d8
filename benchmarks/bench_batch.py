"""Time a whole batch through the pipeline, against bare parsing of the same files.

    python benchmarks/bench_batch.py --input /tmp/batch_docx                      # 2 workers
    python benchmarks/bench_batch.py --input /tmp/batch_docx --sizes 250,500      # + memory flatness
    python benchmarks/bench_batch.py --input /tmp/batch_pdf --workers 2 --json /tmp/pdf.json

Make the input folder with ``generate_batch.py``. For the folder this measures:

1. **pipeline**: ``python pipeline.py run DIR --out TMP --quiet --no-cache --workers W`` as a
   subprocess, into a new output folder each time (as a first run), wall time from start to exit
   (interpreter start and imports included), and the peak memory of its whole process tree: the
   sum of VmRSS over the parent and every worker, sampled every 100 ms from /proc (psutil when
   there is no /proc). RSS counts pages shared between the parent and its forked workers once
   per process, so the PSS sum (shared pages split between the processes sharing them; Linux
   only, sampled every second) is recorded too.
   The sampler costs about 2 % of one core.
2. **bare parse**: the same files read with W processes (``multiprocessing.Pool``) and nothing
   else: python-docx opening the file plus every paragraph's text and every table cell's
   ``w:t`` texts; pdfplumber ``extract_text()`` on every page; the bytes of a .txt decoded.
   This is the floor any reader has to pay; the ratio pipeline ÷ bare parse is the rest.
   With ``--repeat N`` the two alternate N times; the script gives the ratio of the best of each
   and each round's own ratio (a pipeline run over the bare parse right after it), with the
   median of the rounds.
3. **cache**: the same command without ``--no-cache`` into the last pipeline run's folder, twice: the
   first run finds no cache (a ``--no-cache`` run writes none) and fills it, the second is the
   cached rerun a user sees after changing a rule.
4. **sizes** (``--sizes 250,500``): the pipeline (no cache) on the first N files, for each N,
   to show whether peak memory grows with the batch.

Before timing, the project's modules are byte-compiled (``byte_compile``), as ``pip install``
does for every installed package and as Python does on a first import. The bare parse's
python-docx comes byte-compiled from its install; a checkout run where PYTHONDONTWRITEBYTECODE
is set (as on this project's machine) would otherwise compile all ~60 of the pipeline's modules
from source on every run, which is not what a user's installed tool pays.

Run it on an otherwise idle machine if you can: the load average before and after each run is
recorded, because other processes on a 2-core machine change the figures a lot.
"""

from __future__ import annotations

import argparse
import compileall
import json
import multiprocessing
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Self

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.1  # RSS of the process tree this often
PSS_EVERY = 10  # and PSS every 10th sample (1 s): it is much dearer to read
SUFFIXES = (".docx", ".pdf", ".txt")


# --- memory of a process tree ----------------------------------------------------------------


def children_of(pid: int) -> list[int]:
    """Direct children, from /proc/PID/task/*/children (cheap: no scan of every process)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:  # the process ended
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as children:
                found.extend(int(child) for child in children.read().split())
        except OSError:
            pass
    return found


def proc_kib(pid: int, file: str, key: bytes) -> int:
    try:
        with open(f"/proc/{pid}/{file}", "rb") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_memory(root: int, with_pss: bool = True) -> tuple[int, int, int]:
    """(RSS sum KiB, PSS sum KiB, process count) of ``root`` and all its descendants.

    PSS (from smaps_rollup) costs a walk of the page tables, several ms for a few 200 MiB
    processes, so the sampler asks for it only every ``PSS_EVERY`` samples.
    """
    if not os.path.isdir("/proc"):
        return tree_memory_psutil(root)
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        stack.extend(children_of(pid))
    rss = sum(proc_kib(pid, "status", b"VmRSS:") for pid in pids)
    pss = sum(proc_kib(pid, "smaps_rollup", b"Pss:") for pid in pids) if with_pss else 0
    return rss, pss, len(pids)


def tree_memory_psutil(root: int) -> tuple[int, int, int]:
    import psutil  # only where /proc is missing

    try:
        processes = [psutil.Process(root)] + psutil.Process(root).children(recursive=True)
    except psutil.NoSuchProcess:
        return 0, 0, 0
    rss = 0
    for process in processes:
        try:
            rss += process.memory_info().rss // 1024
        except psutil.NoSuchProcess:
            pass
    return rss, 0, len(processes)


class PeakMemory:
    """Samples a process tree in a thread until stopped; keeps the peaks."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak_rss = self.peak_pss = self.peak_processes = 0
        self.samples = 0
        self.series: list[tuple[float, int]] = []  # (seconds since start, RSS sum KiB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        started = time.perf_counter()
        while not self._stop.is_set():
            rss, pss, n = tree_memory(self.root, with_pss=self.samples % PSS_EVERY == 0)
            self.series.append((time.perf_counter() - started, rss))
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, n)
            self.samples += 1
            self._stop.wait(SAMPLE_SECONDS)

    def peak_by_quarter(self) -> list[float]:
        """Peak RSS sum (MiB) in each quarter of the run: flat memory gives four similar values."""
        if not self.series:
            return []
        end = self.series[-1][0] or 1.0
        peaks = [0] * 4
        for when, rss in self.series:
            quarter = min(3, int(4 * when / end))
            peaks[quarter] = max(peaks[quarter], rss)
        return [round(kib / 1024, 1) for kib in peaks]


# --- the pipeline as a user runs it ----------------------------------------------------------


def run_pipeline(pipeline: Path, inputs: Path, out: Path, workers: int, use_cache: bool) -> dict:
    command = [sys.executable, str(pipeline), "run", str(inputs), "--out", str(out), "--quiet",
               "--workers", str(workers)]
    if not use_cache:
        command.append("--no-cache")
    load_before = os.getloadavg()[0]
    cpu_before = children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with PeakMemory(process.pid) as memory:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    cpu = children_cpu() - cpu_before
    record = json.loads((out / "run.json").read_text(encoding="utf-8")) if (out / "run.json").exists() else {}
    return {
        "command": " ".join(command),
        "exit_code": process.returncode,
        "stderr_tail": stderr.decode("utf-8", "replace")[-2000:],
        "seconds": round(seconds, 2),
        "seconds_inside": record.get("seconds"),  # run.json: after imports, before exit
        "cpu_seconds": round(cpu, 2),  # user + system, the parent and every worker
        "files_by_status": record.get("files_by_status"),
        "cache": record.get("cache"),
        "peak_rss_mib": round(memory.peak_rss / 1024, 1),
        "peak_pss_mib": round(memory.peak_pss / 1024, 1),
        "peak_processes": memory.peak_processes,
        "peak_rss_mib_by_quarter": memory.peak_by_quarter(),
        "memory_samples": memory.samples,
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


# --- bare parsing: the floor -----------------------------------------------------------------


def bare_parse(path: str) -> int:
    """Read one file's text and nothing else; returns the number of characters seen."""
    if path.endswith(".docx"):
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(path)
        chars = sum(len(p.text) for p in document.paragraphs)
        for cell in document.element.body.iter(qn("w:tc")):  # nested tables included
            chars += sum(len(t.text or "") for t in cell.iter(qn("w:t")))
        return chars
    if path.endswith(".pdf"):
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return sum(len(page.extract_text() or "") for page in pdf.pages)
    with open(path, "rb") as file:
        return len(file.read().decode("utf-8", "replace"))


def run_bare(files: list[Path], workers: int) -> dict:
    load_before = os.getloadavg()[0]
    cpu_before = children_cpu()
    started = time.perf_counter()
    with PeakMemory(os.getpid()) as memory:
        pool = multiprocessing.get_context("fork").Pool(workers)
        chars = sum(pool.imap_unordered(bare_parse, [str(f) for f in files], chunksize=4))
        pool.close()
        pool.join()  # reaped, so their CPU time is counted
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(children_cpu() - cpu_before, 2),  # the pool's workers
        "characters": chars,
        "peak_rss_mib": round(memory.peak_rss / 1024, 1),  # this script and its pool
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


# --- the benchmark ---------------------------------------------------------------------------


def children_cpu() -> float:
    """User + system seconds of every finished child (and the children they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def batch_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$")))


def machine() -> dict:
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            cpu = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory_kib = 0
    try:
        with open("/proc/meminfo", "rb") as meminfo:
            memory_kib = int(meminfo.readline().split()[1])  # the first line is MemTotal
    except (OSError, IndexError, ValueError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory_kib / 1024 / 1024, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def project_version(pipeline: Path) -> str:
    folder = pipeline.parent
    try:
        commit = subprocess.run(["git", "-C", str(folder), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return commit + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return f"{folder} (not a git checkout)"


def link_subset(files: list[Path], folder: Path) -> None:
    """The first N files, hard-linked (copied across file systems) under their own names."""
    for path in files:
        target = folder / path.name
        try:
            os.link(path, target)
        except OSError:
            target.write_bytes(path.read_bytes())


def byte_compile(project: Path) -> None:
    """Write the __pycache__ files of the project's packages and top-level modules.

    compileall writes them even under PYTHONDONTWRITEBYTECODE, which only stops the import
    system from writing; it still reads what is there.
    """
    for path in sorted(project.iterdir()):
        if (path / "__init__.py").is_file() and path.name not in ("tests", "benchmarks"):
            compileall.compile_dir(path, quiet=1)
        elif path.suffix == ".py":
            compileall.compile_file(path, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, required=True, help="folder made by generate_batch.py")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sizes", default="", help="also run the first N files, e.g. 250,500")
    parser.add_argument("--pipeline", type=Path, default=PROJECT / "pipeline.py",
                        help="the pipeline.py to time (default: this checkout's)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="pipeline and bare parse this many times each, alternated; the best counts")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare parse")
    parser.add_argument("--no-cache-runs", action="store_true", help="skip the two cached runs")
    parser.add_argument("--label", help="what is measured, for the record (default: git commit of --pipeline)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    files = batch_files(args.input)
    if not files:
        parser.error(f"no .docx/.pdf/.txt files in {args.input}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    sizes = sorted(int(n) for n in args.sizes.split(",") if n.strip())
    byte_compile(args.pipeline.resolve().parent)
    result: dict = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "project": args.label or project_version(args.pipeline),
        "input": str(args.input),
        "files": len(files),
        "workers": args.workers,
    }
    print(f"{len(files)} files in {args.input}, {args.workers} workers; project {result['project']}", flush=True)
    with tempfile.TemporaryDirectory(prefix="jixiao_bench_") as scratch:
        runs, bares = [], []
        for k in range(args.repeat):  # alternated, so a burst of load hits both alike
            # Each round into a new folder: a run into the folder of an identical earlier run keeps
            # that run's report.xlsx instead of finishing its own (publish_workbook), 0.2 s less
            # than the first run a user makes. The cache runs below go into the last round's folder.
            out = Path(scratch) / f"out_{k + 1}"
            runs.append(run_pipeline(args.pipeline, args.input, out, args.workers, use_cache=False))
            report(f"pipeline --no-cache ({k + 1}/{args.repeat})", runs[-1], len(files))
            if not args.no_bare:
                bares.append(run_bare(files, args.workers))
                bare = bares[-1]
                print(f"bare parse ({k + 1}/{args.repeat}): {bare['seconds']:.1f} s "
                      f"({len(files) / bare['seconds']:.1f} files/s), CPU {bare['cpu_seconds']:.1f} s, "
                      f"peak RSS {bare['peak_rss_mib']:.0f} MiB, load {bare['load_before']}→{bare['load_after']}",
                      flush=True)
        result["pipeline_runs"], result["pipeline"] = runs, min(runs, key=lambda r: r["seconds"])
        if bares:
            result["bare_runs"], result["bare"] = bares, min(bares, key=lambda r: r["seconds"])
            result["ratio"] = round(result["pipeline"]["seconds"] / result["bare"]["seconds"], 2)
            result["cpu_ratio"] = round(result["pipeline"]["cpu_seconds"] / result["bare"]["cpu_seconds"], 2)
            print(f"best of {args.repeat}: pipeline {result['pipeline']['seconds']:.1f} s, bare parse "
                  f"{result['bare']['seconds']:.1f} s; pipeline ÷ bare = {result['ratio']:.2f} wall, "
                  f"{result['cpu_ratio']:.2f} CPU", flush=True)
            result["round_ratios"] = round_ratios(runs, bares)
            if len(bares) > 1:
                rounds = result["round_ratios"]
                print(f"each round, pipeline ÷ the bare parse right after it: wall "
                      f"{', '.join(f'{r:.2f}' for r in rounds['wall'])} (median {rounds['wall_median']:.2f}); "
                      f"CPU {', '.join(f'{r:.2f}' for r in rounds['cpu'])} (median {rounds['cpu_median']:.2f})",
                      flush=True)
        if not args.no_cache_runs:
            result["cache_fill"] = run_pipeline(args.pipeline, args.input, out, args.workers, use_cache=True)
            report("cache, first run (fills it)", result["cache_fill"], len(files))
            result["cache_rerun"] = run_pipeline(args.pipeline, args.input, out, args.workers, use_cache=True)
            report("cache, rerun", result["cache_rerun"], len(files))
        result["sizes"] = {}
        for n in sizes:
            if n >= len(files):
                continue
            subset = Path(scratch) / f"first_{n}"
            subset.mkdir()
            link_subset(files[:n], subset)
            run = run_pipeline(args.pipeline, subset, Path(scratch) / f"out_{n}", args.workers, use_cache=False)
            result["sizes"][n] = run
            report(f"first {n} files, --no-cache", run, n)
    if sizes:
        runs = {**result["sizes"], len(files): result["pipeline"]}
        print("peak RSS by batch size: " + ", ".join(f"{n}: {r['peak_rss_mib']:.0f} MiB" for n, r in sorted(runs.items())))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    failed = [r for r in [*result["pipeline_runs"], *result["sizes"].values()] if r["exit_code"] not in (0, 1)]
    return 1 if failed else 0


def round_ratios(runs: list[dict], bares: list[dict]) -> dict[str, object]:
    """Each round's pipeline run divided by the bare parse run just after it, wall and CPU, and
    their medians.

    The best-of line divides the fastest of each, which may come from different moments; on a
    shared machine whose speed drifts during a run (other virtual machines on the host), a round's
    two runs, seconds apart, see the most similar machine, and the median of the rounds is the
    figure least moved by one lucky or unlucky run.
    """
    wall = [round(run["seconds"] / bare["seconds"], 2) for run, bare in zip(runs, bares)]
    cpu = [round(run["cpu_seconds"] / bare["cpu_seconds"], 2) for run, bare in zip(runs, bares)]
    return {"wall": wall, "cpu": cpu, "wall_median": round(statistics.median(wall), 2),
            "cpu_median": round(statistics.median(cpu), 2)}


def report(what: str, run: dict, n_files: int) -> None:
    print(f"{what}: {run['seconds']:.1f} s ({n_files / run['seconds']:.1f} files/s; run.json {run['seconds_inside']} s; "
          f"CPU {run['cpu_seconds']:.1f} s), "
          f"peak RSS {run['peak_rss_mib']:.0f} MiB (PSS {run['peak_pss_mib']:.0f} MiB, {run['peak_processes']} processes; "
          f"by quarter of the run {run['peak_rss_mib_by_quarter']}), "
          f"exit {run['exit_code']}, {run['files_by_status']}, cache {run['cache']}, "
          f"load {run['load_before']}→{run['load_after']}", flush=True)
    if run["exit_code"] not in (0, 1):
        print(run["stderr_tail"], file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
