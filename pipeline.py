"""jixiao command line: the only module that wires readers, later stages and outputs together.

    python pipeline.py run [PATH ...] [--out DIR] [--rules FILE]   read every report, write the CSV outputs
    python pipeline.py show FILE [--figures]                       print what the tool read, with locations
    python pipeline.py rules [--evaluate tests/golden]             list the rules, or measure them

Stages, in the one direction data flows: readers → Document → metadata, raw figures and
indicator rows (extract) → catalogue figures and one value per key (normalize) → rows (export).

A file that cannot be read becomes one errors.csv row with a Chinese reason; the batch goes on
and no traceback reaches the user (``--debug`` prints them for developers).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import shutil
import tempfile
import json
import os
import signal
import stat
import sys
import threading
import time
import traceback
from collections import deque
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from pebble import ProcessExpired, ProcessPool

from export.cache import ResultCache
from export.progress import Progress
from export.streams import CsvStream, OutputSet
from export.sheet_writer import write_workbook
from export.workbook import NUMERIC_COLUMNS, WorkbookStream, workbook_sheets, workbook_source_digest
from export.rows import (
    ERROR_COLUMNS,
    FLAG_COLUMNS,
    INDICATOR_COLUMNS,
    METRIC_COLUMNS,
    REPORT_COLUMNS,
    decimal_text,
    flag_rows,
    indicator_rows,
    metric_rows,
)
from export.show import document_to_text, figures_to_text, rules_to_markdown, rules_to_text
from extract.archives import expand_archive
from extract.errors import ReadError
from checks.config import ConfigError, load_settings, settings_hash
from checks.evaluate import ExpectedFinding, match_findings, score_rules
from checks.model import CheckInput, Finding
from checks.registry import RuleSettings, run_rules
from checks.rules import ALL_RULES
from extract.figures import RawFigure, document_to_raw_figures
from extract.records import GUARDED as GUARDED_RECORDS, record
from extract.sentences import document_to_sentences
from extract.table_titles import document_to_table_titles
from extract.indicators import IndicatorRow, document_to_indicator_rows, indicator_rows_by_table
from extract.metadata import ReportMetadata, document_to_metadata
from extract.model import Document, FileError, Paragraph
from extract.readers import file_sha256, read_document
from extract.readers.sniff import FileKind, sniff
from normalize.match import tokenizer
from normalize.figures import Figure, resolve_figures
from normalize.report import ReportValues, select_report_values

PROJECT_ROOT = Path(__file__).resolve().parent
DEFAULT_INPUT = PROJECT_ROOT / "corpus"
DEFAULT_OUTPUT = PROJECT_ROOT / "outputs"

# When a folder is walked every file is taken as a submission (the reader is chosen by content,
# so an unknown file still gets an errors.csv row saying what it is), except the project and
# system files that sit beside reports in a working folder. Files named on the command line are
# always taken.
NON_SUBMISSION_SUFFIXES = frozenset(
    {".py", ".pyc", ".md", ".toml", ".yaml", ".yml", ".json", ".cfg", ".ini", ".sh", ".log", ".gitkeep", ".lock"}
)

# Office lock files ("~$报告.docx") and system files are never submissions.
IGNORED_PREFIXES = ("~$", ".")
IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini"})

EXIT_OK = 0
EXIT_FLAGGED = 1
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3


def tool_version() -> str:
    try:
        from importlib.metadata import version

        return version("jixiao")
    except Exception:  # running from a checkout that was never installed
        return "0.0.0+checkout"


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Version plus a hash of the reading and extraction code: a cache entry made by other code
    is never reused, even when the version number was not changed. Guarded records pickle apart
    from unguarded ones (extract/records.py), so the guard is part of it."""
    seed = f"{tool_version()}:guarded={GUARDED_RECORDS}"
    return f"{tool_version()}+{sources_digest(seed, ['extract', 'normalize'])}"


def sources_digest(seed: str, packages: Sequence[str], files: Sequence[str] = ()) -> str:
    """A short hash of ``seed`` and the source of these packages (every .py, in a fixed order) and
    files of the project: what decides whether a cached result was made by this code."""
    digest = hashlib.sha256(seed.encode())
    for package in packages:
        for source in sorted((PROJECT_ROOT / package).rglob("*.py")):
            digest.update(source.read_bytes())
    for name in files:
        digest.update((PROJECT_ROOT / name).read_bytes())
    return digest.hexdigest()[:12]


@record
class FileOutcome:
    """What one input file produced: a reports.csv row, its metrics, indicators and errors."""

    report: dict[str, object]
    errors: tuple[FileError, ...]
    metrics: tuple[dict[str, object], ...] = ()
    indicators: tuple[dict[str, object], ...] = ()
    flags: tuple[dict[str, object], ...] = ()


@record
class Analysis:
    """Everything the extract and normalize stages found in one document."""

    metadata: ReportMetadata
    fiscal_year: int | None
    figures: list[Figure]
    values: ReportValues
    indicators: list[IndicatorRow]
    raw_figures: list[RawFigure]
    check_input: CheckInput


def analyse(document: Document) -> Analysis:
    metadata = document_to_metadata(document)
    fiscal_year = int(metadata.fiscal_year.value) if metadata.fiscal_year else None
    indicators_by_table = indicator_rows_by_table(document)  # read once: the figures skip these rows
    raw_figures = document_to_raw_figures(document, indicators_by_table)
    figures = resolve_figures(raw_figures, fiscal_year, metadata.report_kind.value if metadata.report_kind else None,
                              metadata.title, metadata.unit_name.value if metadata.unit_name else "")
    # what the report evaluates: its title, and the project a form names (项目名称 | 残疾人两项补贴)
    subjects = " ".join([metadata.title, *sorted({raw.table_subject for raw in raw_figures if raw.table_subject})])
    values = select_report_values(figures, fiscal_year, subjects)
    indicators = document_to_indicator_rows(document, indicators_by_table)
    sentences = tuple(document_to_sentences(document))
    check_input = CheckInput(
        document.source, fiscal_year, metadata, tuple(figures), values, tuple(raw_figures), tuple(indicators), sentences,
        document_to_table_titles(document),
    )
    return Analysis(metadata, fiscal_year, figures, values, indicators, raw_figures, check_input)


def collect_inputs(paths: Sequence[Path], unreadable: list[Path] | None = None) -> tuple[list[Path], list[Path]]:
    """Expand folders recursively (sorted, so runs are reproducible); return (files, skipped).

    A folder that cannot be listed (no permission) is added to ``unreadable``, so that it gets a
    row of its own: what it holds was submitted and must not vanish without a trace (blind
    probe AF)."""
    files: list[Path] = []
    skipped: list[Path] = []

    def note_unreadable(error: OSError) -> None:
        if unreadable is not None and error.filename is not None:
            unreadable.append(Path(error.filename))

    for path in dict.fromkeys(paths):  # the same path given twice is one submission (blind probe AF)
        if path.is_dir():
            for root, dirs, names in os.walk(path, onerror=note_unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(root) / name
                    (files if is_submission(candidate) else skipped).append(candidate)
        elif path.exists() or path.is_symlink():
            files.append(path)  # a path that does not exist is reported by run_batch
    return files, skipped


def is_submission(path: Path) -> bool:
    name = path.name
    if name.startswith(IGNORED_PREFIXES) or name.lower() in IGNORED_NAMES:
        return False
    return path.suffix.lower() not in NON_SUBMISSION_SUFFIXES


def check(analysis: "Analysis", settings: dict[str, RuleSettings] | None = None) -> list[Finding]:
    """Run every enabled rule on one report's analysis."""
    return run_rules(ALL_RULES, analysis.check_input, settings or load_settings(None, list(ALL_RULES)))


@record
class ReadResult:
    """What reading one file gave, before the checks: cached by content and path."""

    summary: dict[str, object]
    analysis: Analysis | None
    errors: tuple[FileError, ...]


def read_file(path: Path, source: str | None = None, debug: bool = False, kind: FileKind | None = None,
              sha256: str | None = None) -> ReadResult:
    """Read and analyse one file; never raises (every failure becomes a FileError).

    This is what a worker process runs: everything a crash or a hang could come from. ``kind``
    and ``sha256``: what the batch already found out about the file (see read_document).
    """
    source = source if source is not None else str(path)
    try:
        document = read_document(path, source, kind, sha256)
    except ReadError as exc:
        return failed_result(path, source, "read", with_detail(exc.reason, exc.detail), type(exc).__name__)
    except OSError as exc:
        reason = with_detail(UNOPENED_REASON, f"{exc.strerror or exc}")
        return failed_result(path, source, "open", reason, type(exc).__name__)
    except Exception as exc:  # a reader bug must not stop the batch
        if debug:
            traceback.print_exc()
        return failed_result(path, source, "read", internal_error(exc), type(exc).__name__)
    if document.status != "needs_ocr" and not holds_text(document):
        # a Word file holding only a pasted scan, a blank one, an empty sheet (blind probe AF): as
        # for an empty text file, not a report read whole
        reason = "文件中没有任何文字（可能是空白文档，或只有扫描图片、需要先做 OCR 识别），未能读取任何数据"
        return failed_result(path, source, "read", with_detail(reason, f"{document.format}: no text"),
                             "EmptyDocument")
    summary = document_summary(document)
    errors: tuple[FileError, ...] = ()
    if document.status == "needs_ocr":
        reason = "；".join(document.notes) or "PDF 没有文字层，需要先做 OCR 识别"
        errors = (FileError(source, "read", reason, "NeedsOCR"),)
    try:
        analysis = analyse(document)
    except Exception as exc:  # an extraction bug loses the figures, not the file's row
        if debug:
            traceback.print_exc()
        error = FileError(source, "extract", internal_error(exc), type(exc).__name__)
        return ReadResult(summary, None, errors + (error,))
    return ReadResult(summary, analysis, errors)


def holds_text(document: Document) -> bool:
    """Whether any paragraph or table cell of the body holds text."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                return True
        elif any(cell.text.strip() for table in block.iter_tables() for cell in table.cells):
            return True
    return False


def document_summary(document: Document) -> dict[str, object]:
    return {
        "doc_id": document.doc_id,
        "source_file": document.source,
        "format": document.format,
        "status": document.status,
        "pages": document.pages,
        "paragraphs": len(document.paragraphs),
        "tables": len(document.tables),
        "notes": "；".join(document.notes),
    }


def failed_result(path: Path, source: str, stage: str, reason: str, exception_type: str) -> ReadResult:
    doc_id, kind = "", ""
    if is_regular_file(path):  # never open a pipe or a device: it may wait forever
        try:
            doc_id = file_sha256(path)[:16]
            kind = sniff(path).code
        except OSError:
            doc_id, kind = "", ""
    summary = {"doc_id": doc_id, "source_file": source, "format": kind, "status": "failed", "notes": reason}
    return ReadResult(summary, None, (FileError(source, stage, reason, exception_type),))


def internal_error(exc: Exception) -> str:
    return with_detail("处理时发生内部错误，已跳过此文件的这一步，请将该文件反馈给工具维护人员", f"{type(exc).__name__}: {exc}")


def with_detail(reason: str, detail: str) -> str:
    """Chinese reason first, the technical detail after it for whoever maintains the tool."""
    return f"{reason}（技术细节：{detail}）" if detail else reason


def outcome_of(result: ReadResult, settings: dict[str, RuleSettings] | None = None) -> FileOutcome:
    """Run the checks on a read file and lay out its output rows."""
    report = dict(result.summary)
    analysis = result.analysis
    if analysis is None:
        return FileOutcome(report, result.errors)
    findings = check(analysis, settings)
    report.update(report_values(analysis))
    report["n_errors"] = sum(1 for f in findings if f.severity == "error")
    report["n_warnings"] = sum(1 for f in findings if f.severity == "warning")
    doc_id, source = str(report["doc_id"]), str(report["source_file"])
    return FileOutcome(
        report,
        result.errors,
        tuple(metric_rows(doc_id, source, analysis.figures, analysis.values)),
        tuple(indicator_rows(doc_id, source, analysis.indicators)),
        tuple(flag_rows(doc_id, source, findings)),
    )


def process_file(path: Path, debug: bool = False, settings: dict[str, RuleSettings] | None = None) -> FileOutcome:
    """Read, analyse and check one file in this process (``show`` and tests use it)."""
    return outcome_of(read_file(path, str(path), debug), settings)


def report_values(analysis: Analysis) -> dict[str, object]:
    """The catalogue columns of a reports.csv row: metadata, then one value per metric key."""
    meta = analysis.metadata
    row: dict[str, object] = {
        key: getattr(meta, key).value if getattr(meta, key) else None
        for key in ("fiscal_year", "unit_name", "report_kind", "report_date", "grade")
    }
    for metric, figure in analysis.values.chosen.items():
        row[metric] = decimal_text(figure.value)
    row["n_conflicts"] = len(analysis.values.conflicts)
    return row


# --- batches -----------------------------------------------------------------------------------

CONVERT_TIMEOUT_ENV = "JIXIAO_CONVERT_TIMEOUT"

# Per-file limit on reading and extraction; a file that takes longer is stopped (its worker is
# killed) and reported, so one pathological PDF cannot hold up a season's batch.
DEFAULT_TIMEOUT_SECONDS = 120
# Results are consumed in input order; at most this many files per worker are in flight, so
# memory stays flat however long the batch is.
IN_FLIGHT_PER_WORKER = 4
# Without a terminal, a progress line is printed at most this often.
PROGRESS_LINE_SECONDS = 10.0


# Files above this size are not read (a report is rarely over a few MB; a 2 GB "report" is a
# mistake or an attack on the batch). Raise it with --max-file-mb.
DEFAULT_MAX_FILE_MB = 200

# Worker processes by default: one per core.
DEFAULT_WORKERS = max(1, os.cpu_count() or 1)


@record
class BatchOptions:
    workers: int = DEFAULT_WORKERS
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    quiet: bool = False
    debug: bool = False
    use_cache: bool = True
    fail_on: str | None = None  # "error" | "warning"
    rules_file: Path | None = None
    settings: dict[str, RuleSettings] | None = None
    max_file_mb: float = DEFAULT_MAX_FILE_MB


@record
class Submission:
    path: Path
    source: str  # what the user knows it by: a path, or 材料.zip!/文件夹/报告.docx
    sha256: str | None  # None when the file cannot be read at all
    duplicate_of: str | None = None
    failure: ReadResult | None = None  # decided before reading (an archive that cannot be opened)
    kind: FileKind | None = None  # as sniffed when looking for archives (None: not sniffed yet)


def run_batch(paths: Sequence[Path], out_dir: Path, options: BatchOptions = BatchOptions()) -> int:
    """Read every file under ``paths`` and write all outputs; returns the exit code."""
    started = time.time()
    settings = options.settings or load_settings(options.rules_file, list(ALL_RULES))
    # A LibreOffice conversion must give up before its worker is killed, or soffice is orphaned.
    os.environ.setdefault(CONVERT_TIMEOUT_ENV, f"{max(1.0, options.timeout * 0.8):g}")
    unreadable: list[Path] = []
    files, skipped = collect_inputs(paths, unreadable)
    # Every temporary file of the run (extracted archive members, LibreOffice conversions and
    # their profiles) goes under one folder the parent removes at the end, whatever happened to
    # the worker that made it: a worker stopped at its time limit runs no cleanup of its own, and
    # copies of submitted reports must not stay in a shared /tmp (blind probe AF).
    run_tmp = Path(tempfile.mkdtemp(prefix="jixiao-run-"))
    saved_tmp = use_temp_folder(run_tmp)
    work_dir = Path(tempfile.mkdtemp(prefix="jixiao-archives-"))
    # Sniffed and hashed as they are scheduled, so that the workers start on the first files
    # while the parent looks at the next; an archive adds its members to the progress total.
    submissions = identify(expand_archives(files, work_dir, lambda members: progress.grow(members - 1)))
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    outputs = open_outputs(out_dir)
    counts: dict[str, int] = {}
    flagged = {"error": 0, "warning": 0}
    # The pool forks its workers before the parent opens the cache: a forked SQLite connection
    # must never be shared.
    pool = ProcessPool(max_workers=max(1, options.workers), initializer=tune_worker_gc)
    cache = ResultCache(out_dir / CACHE_NAME, tool_fingerprint()) if options.use_cache else None
    progress = Progress(len(files), options.quiet, PROGRESS_LINE_SECONDS)
    workbook_stream = stream_workbook(out_dir, options)
    pool_stopping: threading.Thread | None = None
    try:
        outcomes = outcomes_in_order(submissions, options, pool, cache, settings, progress)
        # then a 'failed' row for each path given that does not exist
        for outcome in itertools.chain(outcomes, map(missing_outcome, missing), map(unreadable_outcome, unreadable)):
            written = write_outcome(outputs, outcome)
            if workbook_stream is not None:
                workbook_stream.add(written)
            status = str(outcome.report.get("status"))
            counts[status] = counts.get(status, 0) + 1
            for row in outcome.flags:
                if row["severity"] in flagged:
                    flagged[str(row["severity"])] += 1
        files_done = time.time()
        pool_stopping = stop_in_background(pool)
        workbook = publish_workbook(outputs, out_dir, workbook_stream)
        record = run_record(paths, options, settings, counts, flagged, cache, started, files_done, len(skipped))
        record["workbook"] = workbook
        outputs.add_file(*json_temp(out_dir / "run.json", record))
        outputs.commit()
    except BaseException:
        if workbook_stream is not None:
            workbook_stream.discard()
        outputs.abort()
        raise
    finally:
        # stopped already once every file was in, or stopped now (a failure or an interrupt)
        (pool_stopping or stop_in_background(pool)).join()
        progress.close()
        shutil.rmtree(work_dir, ignore_errors=True)
        restore_temp_folder(saved_tmp)
        shutil.rmtree(run_tmp, ignore_errors=True)
        if cache is not None:
            cache.close()
    if not options.quiet:
        print_summary(counts, flagged, skipped, out_dir, cache)
    if counts.get("failed") or counts.get("needs_ocr"):  # a scan without text was not read either
        return EXIT_SOME_FAILED
    if options.fail_on == "error" and flagged["error"]:
        return EXIT_FLAGGED
    if options.fail_on == "warning" and (flagged["error"] or flagged["warning"]):
        return EXIT_FLAGGED
    return EXIT_OK


def stop_in_background(pool: ProcessPool) -> threading.Thread:
    """Stop the pool, once every file is in, while the parent finishes the workbook.

    Stopping waits for pebble's manager threads to notice (they poll every tenth of a second)
    and for the workers to exit: 0.08-0.15 s of a 1,000-report run that would otherwise come after
    the workbook, with nothing else running. Nothing is left for the workers to do, so stopping
    them early loses nothing; the caller joins the returned thread before the run ends.
    """
    pool.stop()
    stopping = threading.Thread(target=pool.join, name="pool-stop", daemon=True)
    stopping.start()
    return stopping


# A worker builds hundreds of thousands of small objects per report (cells, locations, numbers,
# figures) and frees almost all of them by reference counting; the default collector threshold
# (700 allocations) runs the cycle collector every few hundred of them: 7-10 % of a worker's CPU
# on generated reports (reading and analysis alike). Memory stays bounded: cycles are still
# collected, only less often.
WORKER_GC_THRESHOLDS = (20_000, 50, 100)


def tune_worker_gc() -> None:
    """Pool initializer: the imported modules' objects frozen out of collections (they live as
    long as the worker), and the collector run less often."""
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


def expand_archives(files: Iterable[Path], work_dir: Path,
                    on_archive: Callable[[int], None] | None = None) -> Iterator[Submission]:
    """Files as submissions; a zip archive (by content) becomes one submission per member,
    extracted under ``work_dir`` within the limits of ``extract.archives`` (zip bombs refused).
    ``on_archive`` hears how many submissions each archive opened became."""
    for index, path in enumerate(files):
        if not is_regular_file(path):
            # a named pipe, a socket or a device: opening one to sniff or hash it may wait forever
            # (blind probe AF: a FIFO in a submission folder stopped the whole run)
            reason = "不是普通文件（可能是命名管道、设备或套接字），未读取；请确认提交的是报告文件本身"
            yield Submission(path, str(path), None, failure=failed_result(path, str(path), "open", reason, "NotAFile"))
            continue
        try:
            kind = sniff(path)
        except OSError:
            kind = None
        if kind is None or kind.code != "zip":
            yield Submission(path, str(path), None, kind=kind)
            continue
        try:
            members = expand_archive(path, work_dir / f"{index:06d}", source=str(path))
        except ReadError as exc:
            yield refused_submission(path, str(path), exc)
            continue
        if on_archive is not None:
            on_archive(len(members))
        for member in members:
            if member.failure is not None:  # refused on its own: the rest of the archive is read
                yield refused_submission(member.path, member.source, member.failure)
                continue
            yield Submission(member.path, member.source, None)


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file, or cannot be looked at (the open then reports why)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def refused_submission(path: Path, source: str, exc: ReadError) -> Submission:
    """An archive, or one member of it, that could not be extracted: its errors.csv row."""
    reason = with_detail(exc.reason, exc.detail)
    return Submission(path, source, None, failure=failed_result(path, source, "archive", reason, type(exc).__name__))


def unopened_result(submission: Submission, exc: OSError | None) -> ReadResult:
    """The errors.csv row of a file that could not even be opened, with the system's own words."""
    detail = f"{type(exc).__name__}: {exc}" if exc is not None else ""
    return failed_result(submission.path, submission.source, "open", with_detail(UNOPENED_REASON, detail), "OSError")


UNOPENED_REASON = "无法打开文件（文件不存在、无读取权限或正被其他程序占用）"


def identify(submissions: Iterable[Submission]) -> Iterator[Submission]:
    """Hash every file once; a file whose content was already submitted is marked a duplicate."""
    seen: dict[str, str] = {}
    for submission in submissions:
        if submission.failure is not None:
            yield submission
            continue
        try:
            digest = file_sha256(submission.path)
        except OSError as exc:
            yield replace(submission, failure=unopened_result(submission, exc))
            continue
        yield replace(submission, sha256=digest, duplicate_of=seen.get(digest))
        seen.setdefault(digest, submission.source)


def outcomes_in_order(
    submissions: Iterable[Submission],
    options: BatchOptions,
    pool: ProcessPool,
    cache: ResultCache | None,
    settings: dict[str, RuleSettings],
    progress: "Progress",
) -> Iterator[FileOutcome]:
    """One FileOutcome per submission, in input order; files are read and checked in workers."""
    pending: deque[tuple[Submission, object]] = deque()
    window = max(1, options.workers) * IN_FLIGHT_PER_WORKER
    queue = iter(submissions)
    rules_hash = settings_hash(settings)
    while True:
        while len(pending) < window:
            submission = next(queue, None)
            if submission is None:
                break
            pending.append((submission, schedule(pool, submission, options, cache, settings, rules_hash)))
        if not pending:
            return
        submission, job = pending.popleft()
        progress.start(submission.source)
        outcome = collect(job, submission, options)
        if submission.duplicate_of:
            outcome = duplicate_outcome(submission, outcome)
        progress.done()
        yield outcome


def read_key(submission: Submission) -> str:
    # Locations name the file, so the same content under another path is read again.
    return f"{submission.sha256}:{submission.source}"


def outcome_key(submission: Submission, rules_hash: str) -> str:
    return f"{read_key(submission)}:rules={rules_hash}:checks={outcome_fingerprint()}"


@lru_cache(maxsize=1)
def outcome_fingerprint() -> str:
    """A hash of the code that turns what was read into output rows: the rules (checks/), the row
    builders (export/) and this module. A cached outcome made by other code is never reused, even
    under the same version and rules configuration; what was read stays cached (tool_fingerprint)."""
    return sources_digest(f"guarded={GUARDED_RECORDS}", ["checks", "export"], ["pipeline.py"])


def schedule(
    pool: ProcessPool,
    submission: Submission,
    options: BatchOptions,
    cache: ResultCache | None,
    settings: dict[str, RuleSettings],
    rules_hash: str,
):
    """A finished FileOutcome (duplicate, unreadable, cached) or a future from the pool.

    The cache holds what reading gave (keyed by content and path) and what the checks gave
    (keyed also by the rules configuration): an unchanged rerun takes both from the cache; after
    a rules change only the checks run again, here in the parent.
    """
    if submission.failure is not None:
        return outcome_of(submission.failure)
    if submission.duplicate_of:
        return outcome_of(ReadResult({"source_file": submission.source, "status": "skipped"}, None, ()))
    if submission.sha256 is None:  # not hashed, and no failure said why (not from identify)
        return outcome_of(unopened_result(submission, None))
    size_mb = submission.path.stat().st_size / (1 << 20)
    if size_mb > options.max_file_mb:
        reason = (f"文件过大（{size_mb:.1f} MB，超过上限 {options.max_file_mb:g} MB），未读取；"
                  "如确需处理，请用 --max-file-mb 调大上限")
        return outcome_of(failed_result(submission.path, submission.source, "open", reason, "FileTooLarge"))
    if cache is not None:
        cached = cache.get(outcome_key(submission, rules_hash))
        if isinstance(cached, FileOutcome):
            cache.hits += 1
            return cached
    keys = (str(cache.path), cache.tool_version, read_key(submission), outcome_key(submission, rules_hash)) if (
        cache is not None) else None
    tokenizer()  # loaded before the first job starts the workers: they inherit the dictionary
    if cache is not None and cache.has(read_key(submission)):
        cache.hits += 1  # read before: only the checks run again, in a worker
        return pool.schedule(check_cached, args=(submission.path, submission.source, options.debug, settings, keys),
                             timeout=options.timeout)
    if cache is not None:
        cache.misses += 1
    return pool.schedule(read_and_check, args=(submission.path, submission.source, options.debug, settings, keys,
                                               submission.kind, submission.sha256), timeout=options.timeout)


def read_and_check(path: Path, source: str, debug: bool, settings: dict[str, RuleSettings], cache_keys,
                   kind: FileKind | None = None, sha256: str | None = None) -> FileOutcome:
    """What a worker process does for one file: read, analyse, check, and fill the cache."""
    result = read_file(path, source, debug, kind, sha256)
    outcome = outcome_of(result, settings)
    if cache_keys is not None and not any(e.exception_type in TRANSIENT_ERRORS for e in result.errors):
        cache_path, fingerprint, read_cache_key, outcome_cache_key = cache_keys
        cache = worker_cache(cache_path, fingerprint)
        cache.put(read_cache_key, result)
        cache.put(outcome_cache_key, outcome)
    return outcome


def check_cached(path: Path, source: str, debug: bool, settings: dict[str, RuleSettings], cache_keys) -> FileOutcome:
    """A worker's job for a file read in an earlier run: load what was read, run the checks."""
    cache_path, fingerprint, read_cache_key, outcome_cache_key = cache_keys
    cache = worker_cache(cache_path, fingerprint)
    result = cache.get(read_cache_key)
    if not isinstance(result, ReadResult):  # the entry went away: read the file again
        return read_and_check(path, source, debug, settings, cache_keys)
    outcome = outcome_of(result, settings)
    cache.put(outcome_cache_key, outcome)
    return outcome


_WORKER_CACHES: dict[tuple[int, str, str], ResultCache] = {}


def worker_cache(cache_path: str, fingerprint: str) -> ResultCache:
    """This process's own connection to the cache (SQLite WAL lets the workers write side by side)."""
    key = (os.getpid(), cache_path, fingerprint)
    if key not in _WORKER_CACHES:
        _WORKER_CACHES[key] = ResultCache(Path(cache_path), fingerprint)
    return _WORKER_CACHES[key]


def collect(job, submission: Submission, options: BatchOptions) -> FileOutcome:
    if isinstance(job, FileOutcome):
        return job
    try:
        return job.result()
    except FuturesTimeout:
        reason = f"读取超过{options.timeout:g}秒仍未完成，已停止处理此文件（文件可能过大或结构异常）"
        return outcome_of(failed_result(submission.path, submission.source, "read", reason, "Timeout"))
    except ProcessExpired as exc:
        reason = with_detail("读取此文件时处理进程意外退出，已跳过此文件，请将该文件反馈给工具维护人员", f"exit code {exc.exitcode}")
        return outcome_of(failed_result(submission.path, submission.source, "read", reason, "WorkerCrash"))
    except Exception as exc:  # e.g. a result that cannot be sent back from the worker
        return outcome_of(failed_result(submission.path, submission.source, "read", internal_error(exc), type(exc).__name__))


# Failures that may not recur (a timeout on a busy machine): not cached, so a rerun tries again.
TRANSIENT_ERRORS = frozenset({"Timeout", "WorkerCrash", "OSError"})


def duplicate_outcome(submission: Submission, original: FileOutcome) -> FileOutcome:
    """The same content submitted again: processed once, reported once as a duplicate."""
    report = {
        "doc_id": (submission.sha256 or "")[:16],
        "source_file": submission.source,
        "status": "skipped",
        "notes": f"与 {submission.duplicate_of} 内容完全相同，未重复处理",
    }
    flag = {
        "doc_id": report["doc_id"],
        "source_file": submission.source,
        "rule_id": DUPLICATE_RULE_ID,
        "kind": "duplicate_submission",
        "severity": "warning",
        "message": f"文件“{submission.source}”与“{submission.duplicate_of}”内容完全相同，属于重复提交",
        "evidence": f"{submission.duplicate_of} ‖ {submission.source}",
        "location": f"{submission.duplicate_of}；{submission.source}",
        "values": json.dumps({"sha256": submission.sha256}, ensure_ascii=False),
    }
    return FileOutcome(report, (), (), (), (flag,))


# Across documents (7xx): the one rule the batch itself applies, since no single report shows it.
DUPLICATE_RULE_ID = "JX701"


def use_temp_folder(folder: Path) -> tuple[str | None, str | None]:
    """Make ``folder`` where this process and the processes it starts (workers, LibreOffice) put
    temporary files: ``tempfile.tempdir`` and ``TMPDIR``. Returns what it replaced, for
    ``restore_temp_folder``."""
    saved = (tempfile.tempdir, os.environ.get("TMPDIR"))
    tempfile.tempdir = os.environ["TMPDIR"] = str(folder)
    return saved


def restore_temp_folder(saved: tuple[str | None, str | None]) -> None:
    tempfile.tempdir, environ = saved
    if environ is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = environ


def unreadable_outcome(path: Path) -> FileOutcome:
    reason = "无法打开文件夹（没有读取权限），其中的文件未能读取；请检查文件夹权限后重新运行"
    return FileOutcome(
        {"source_file": str(path), "status": "failed", "notes": reason},
        (FileError(str(path), "open", reason, "PermissionError"),),
    )


def missing_outcome(path: Path) -> FileOutcome:
    reason = "文件或文件夹不存在，请检查路径"
    return FileOutcome(
        {"source_file": str(path), "status": "failed", "notes": reason},
        (FileError(str(path), "open", reason, "FileNotFoundError"),),
    )


CACHE_NAME = ".jixiao-cache.sqlite"
OUTPUT_FILES = {
    "reports": ("reports.csv", REPORT_COLUMNS),
    "metrics": ("metrics.csv", METRIC_COLUMNS),
    "indicators": ("indicators.csv", INDICATOR_COLUMNS),
    "flags": ("flags.csv", FLAG_COLUMNS),
    "errors": ("errors.csv", ERROR_COLUMNS),
}


def open_outputs(out_dir: Path) -> OutputSet:
    outputs = OutputSet()
    for name, (file_name, columns) in OUTPUT_FILES.items():
        outputs.add(name, CsvStream(out_dir / file_name, columns, NUMERIC_COLUMNS))
    return outputs


def write_outcome(outputs: OutputSet, outcome: FileOutcome) -> dict[str, list[dict[str, str]]]:
    """Add one file's rows to the CSVs; returns them by output name, as the CSVs hold them."""
    streams = outputs.streams
    errors = ({"source_file": error.source_file, "stage": error.stage, "reason": error.reason,
               "exception_type": error.exception_type} for error in outcome.errors)
    return {
        "reports": [streams["reports"].write(outcome.report)],
        "metrics": [streams["metrics"].write(row) for row in outcome.metrics],
        "indicators": [streams["indicators"].write(row) for row in outcome.indicators],
        "flags": [streams["flags"].write(row) for row in outcome.flags],
        "errors": [streams["errors"].write(row) for row in errors],
    }


def stream_workbook(out_dir: Path, options: BatchOptions) -> WorkbookStream | None:
    """A stream for report.xlsx, unless the run may keep the workbook it made last time.

    Streaming lets the parent write the workbook while the workers read (a third of a first
    run's time otherwise, spent after them with the workers idle). A run with the cache over an
    output folder whose report.xlsx run.json vouches for is most likely an unchanged rerun: its
    rows come from the cache in seconds and the workbook is kept, so nothing is streamed that
    would be thrown away; publish_workbook writes it only if the rows changed.
    """
    if options.use_cache and previous_workbook(out_dir) and (out_dir / "report.xlsx").is_file():
        return None
    return WorkbookStream(out_dir / WORKBOOK_TEMP)


WORKBOOK_TEMP = ".report.xlsx.tmp"


def publish_workbook(outputs: OutputSet, out_dir: Path, stream: WorkbookStream | None = None) -> dict[str, object]:
    """report.xlsx: the streamed workbook finished, or written from the CSVs (read back row by
    row, so memory stays flat).

    When the CSVs come out byte-identical to those the current report.xlsx was made from (as
    run.json recorded, and the workbook is unchanged since), that workbook is kept, and a stream
    is thrown away: an unchanged batch rerun from the cache then takes seconds instead of
    rewriting every row. Returns what run.json records about the workbook.
    """
    for output in outputs.streams.values():
        output.close()
    target = out_dir / "report.xlsx"
    csv_paths = {name: output.temp_path for name, output in outputs.streams.items()}
    source_digest = workbook_source_digest(csv_paths)
    previous = previous_workbook(out_dir)
    if previous.get("source_digest") == source_digest and target.is_file() and (
            file_sha256(target) == previous.get("sha256")):
        if stream is not None:
            stream.discard()
        return {"source_digest": source_digest, "sha256": previous["sha256"], "reused": True, "streamed": False}
    temp = out_dir / WORKBOOK_TEMP
    outputs.add_file(temp, target)  # registered first, so an abort removes it
    streamed = stream is not None and stream.live
    if streamed:
        stream.close()
    else:
        write_workbook(temp, workbook_sheets(csv_paths))
    return {"source_digest": source_digest, "sha256": file_sha256(temp), "reused": False, "streamed": streamed}


def previous_workbook(out_dir: Path) -> dict[str, object]:
    """What the last run.json in ``out_dir`` says about its report.xlsx ({} when nothing usable)."""
    try:
        record = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    workbook = record.get("workbook") if isinstance(record, dict) else None
    return workbook if isinstance(workbook, dict) else {}


def json_temp(target: Path, record: dict) -> tuple[Path, Path]:
    temp = target.with_name(f".{target.name}.tmp")
    temp.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return temp, target


def run_record(paths, options, settings, counts, flagged, cache, started, files_done, skipped) -> dict:
    """run.json: what ran, on what, with which rules, what came out, and where the time went
    (``files_done``: when the last file's rows were written, before report.xlsx)."""
    finished = time.time()
    return {
        "tool": "jixiao",
        "version": tool_version(),
        "fingerprint": tool_fingerprint(),
        "started": datetime.fromtimestamp(started).isoformat(timespec="seconds"),
        "finished": datetime.fromtimestamp(finished).isoformat(timespec="seconds"),
        "seconds": round(finished - started, 3),
        "timings": {  # where the run's time went, for whoever plans a bigger batch
            "files_seconds": round(files_done - started, 3),  # finding, reading, checking, CSVs
            "workbook_seconds": round(finished - files_done, 3),  # report.xlsx (or its reuse)
        },
        "inputs": [str(p) for p in paths],
        "options": {"workers": options.workers, "timeout": options.timeout, "fail_on": options.fail_on,
                    "max_file_mb": options.max_file_mb,
                    "rules_file": str(options.rules_file) if options.rules_file else None,
                    "cache": options.use_cache},
        "rules_hash": settings_hash(settings),
        "files_by_status": counts,
        "flags_by_severity": flagged,
        "skipped_non_report_files": skipped,
        "cache": {"hits": cache.hits, "misses": cache.misses} if cache else None,
    }


def print_summary(counts, flagged, skipped, out_dir: Path, cache: ResultCache | None) -> None:
    by_status = "，".join(f"{status} {n}" for status, n in sorted(counts.items()))
    total = sum(counts.values())
    print(f"共处理 {total} 个文件（{by_status}）；发现错误 {flagged['error']} 条、提醒 {flagged['warning']} 条；"
          f"结果已写入 {out_dir}", file=sys.stderr)
    if cache is not None and cache.hits:
        print(f"其中 {cache.hits} 个文件未变化，直接使用了上次的读取结果", file=sys.stderr)
    if skipped:
        print(f"跳过 {len(skipped)} 个非报告文件（如脚本、说明文档）", file=sys.stderr)


def show_file(path: Path, debug: bool = False, figures: bool = False) -> int:
    try:
        document = read_document(path, str(path))
    except ReadError as exc:
        print(f"无法读取 {path}：{with_detail(exc.reason, exc.detail)}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except OSError as exc:
        print(f"无法打开 {path}：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except Exception as exc:
        if debug:
            traceback.print_exc()
        print(f"读取 {path} 时发生内部错误（技术细节：{type(exc).__name__}: {exc}）", file=sys.stderr)
        return EXIT_SOME_FAILED
    sys.stdout.write(document_to_text(document))
    if figures:
        analysis = analyse(document)
        sys.stdout.write(figures_to_text(analysis.metadata, analysis.figures, analysis.values, analysis.indicators))
    return EXIT_OK


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("应为正整数")
    return value


def positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("应为正数")
    return value


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with usage errors in Chinese and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"参数错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="jixiao", description="读取绩效自评报告，输出带出处的数据表。")
    parser.add_argument("--debug", action="store_true", help="出错时打印完整的技术信息（供维护人员使用）")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=ChineseArgumentParser)
    run = commands.add_parser("run", help="批量读取报告并写出 CSV")
    run.add_argument("paths", nargs="*", type=Path, help="报告文件或文件夹（默认 corpus/）")
    run.add_argument("--out", type=Path, default=DEFAULT_OUTPUT, help="输出文件夹（默认 outputs/）")
    run.add_argument("--quiet", action="store_true", help="不输出进度和汇总")
    run.add_argument("--rules", type=Path, help="规则配置文件（TOML）：启用/停用规则、严重程度、容差、标准")
    run.add_argument("--workers", type=positive_int, default=DEFAULT_WORKERS,
                     help=f"并行处理的进程数（默认为CPU核数 {DEFAULT_WORKERS}）")
    run.add_argument("--timeout", type=positive_float, default=DEFAULT_TIMEOUT_SECONDS,
                     help=f"单个文件的最长处理时间，秒（默认 {DEFAULT_TIMEOUT_SECONDS}）")
    run.add_argument("--fail-on", choices=("error", "warning"), help="发现该级别及以上的问题时以退出码1结束")
    run.add_argument("--no-cache", action="store_true", help="不使用上次的读取结果，全部重新读取")
    run.add_argument("--max-file-mb", type=positive_float, default=DEFAULT_MAX_FILE_MB,
                     help=f"单个文件大小上限，MB（默认 {DEFAULT_MAX_FILE_MB}）")
    show = commands.add_parser("show", help="显示工具从一个文件中读到的内容及其位置")
    show.add_argument("file", type=Path, help="报告文件")
    show.add_argument("--figures", action="store_true", help="同时列出识别出的指标数值及其原文")
    rules = commands.add_parser("rules", help="列出全部检查规则，或用标准答案评估规则")
    rules.add_argument("--evaluate", type=Path, metavar="GOLDEN_DIR", help="按 tests/golden 中的预期问题评估每条规则")
    rules.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "corpus", help="评估所用的样本文件夹（默认 corpus/）")
    rules.add_argument("--rules", type=Path, help="规则配置文件（TOML）")
    rules.add_argument("--markdown", action="store_true", help="以 Markdown 表格输出（用于 README）")
    return parser


def raise_interrupt(signum, frame) -> None:
    """SIGTERM (a scheduler stopping the job) is handled like Ctrl-C: outputs stay as they were."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, raise_interrupt)
    try:
        if args.command == "run":
            options = BatchOptions(
                workers=args.workers, timeout=args.timeout, quiet=args.quiet, debug=args.debug,
                use_cache=not args.no_cache, fail_on=args.fail_on, rules_file=args.rules, max_file_mb=args.max_file_mb,
                settings=load_settings(args.rules, list(ALL_RULES)),
            )
            return run_batch(args.paths or [DEFAULT_INPUT], args.out, options)
        if args.command == "rules":
            settings = load_settings(args.rules, list(ALL_RULES))
            if args.evaluate:
                return evaluate_rules(args.evaluate, args.corpus, settings)
            if args.markdown:
                print(rules_to_markdown(ALL_RULES, settings))
                return EXIT_OK
            return list_rules(settings)
        return show_file(args.file, debug=args.debug, figures=args.figures)
    except ConfigError as exc:
        print(f"参数错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("已中断：之前写出的结果文件保持不变。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (… | head): nothing to report
        return EXIT_OK
    except OSError as exc:
        print(f"无法写出结果：{exc.strerror or exc}（{getattr(exc, 'filename', '')}）", file=sys.stderr)
        return EXIT_SOME_FAILED


def list_rules(settings: dict[str, RuleSettings]) -> int:
    """Print every rule with its id, kind, severity and documentation, wrapped to the terminal."""
    width = max(60, min(100, shutil.get_terminal_size((100, 24)).columns))
    print(rules_to_text(ALL_RULES, settings, width), end="")
    print(f"共 {len(ALL_RULES)} 条规则；配置摘要 {settings_hash(settings)}")
    return EXIT_OK


def evaluate_rules(golden_dir: Path, corpus: Path, settings: dict[str, RuleSettings]) -> int:
    """Per-rule found / missed / unexpected against the goldens, over every corpus format."""
    import yaml

    matches = []
    for golden_file in sorted(Path(golden_dir).glob("*.yaml")):
        golden = yaml.safe_load(golden_file.read_text(encoding="utf-8"))
        expected = [ExpectedFinding(f["kind"], f["quote"], f.get("severity", "warning")) for f in golden.get("findings", [])]
        extra = [ExpectedFinding(f["kind"], f["quote"]) for f in golden.get("known_extra", []) or []]
        for path in sorted(corpus.glob(f"*/{golden_file.stem}.*")):
            if path.suffix.lower() in NON_SUBMISSION_SUFFIXES:
                continue
            try:
                analysis = analyse(read_document(path, str(path)))
            except ReadError as exc:
                print(f"跳过 {path}：{exc.reason}", file=sys.stderr)
                continue
            matches.append(match_findings(expected, check(analysis, settings), extra))
    scores, expected_by_kind, missed_by_kind = score_rules(matches)
    print(f"{'规则':<7}{'类型':<22}{'命中':>5}{'误报':>5}{'精确率':>8}")
    for rule in ALL_RULES:
        score = scores.get(rule.id)
        if score is None:
            print(f"{rule.id:<7}{rule.kind:<22}{0:>5}{0:>5}{'-':>8}")
            continue
        precision = f"{score.precision:.0%}" if score.precision is not None else "-"
        print(f"{rule.id:<7}{rule.kind:<22}{score.found:>5}{score.unexpected:>5}{precision:>8}")
        for message in score.unexpected_errors:
            print(f"        意外的错误级问题：{message}")
    print()
    print(f"{'类型':<22}{'预期':>5}{'漏报':>5}{'召回率':>8}")
    for kind, total in sorted(expected_by_kind.items()):
        missed = missed_by_kind.get(kind, 0)
        print(f"{kind:<22}{total:>5}{missed:>5}{(total - missed) / total:>8.0%}")
    return EXIT_OK


if __name__ == "__main__":
    # Run through the importable module, so the classes pickled into the cache are named
    # pipeline.*, whether the tool was started as `python pipeline.py` or as `jixiao`.
    import pipeline as _module

    sys.exit(_module.main())
