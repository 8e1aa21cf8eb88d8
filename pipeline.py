"""jixiao command line: the only module that wires readers, later stages and outputs together.

    python pipeline.py run [PATH ...] [--out DIR]   read every report, write reports.csv, errors.csv
    python pipeline.py show FILE                    print what the tool read, with locations

A file that cannot be read becomes one errors.csv row with a Chinese reason; the batch goes on
and no traceback reaches the user (``--debug`` prints them for developers).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from export.atomic import write_csv_atomic
from export.show import document_to_text
from extract.errors import ReadError
from extract.model import Document, FileError
from extract.readers import file_sha256, read_document
from extract.readers.sniff import sniff

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

REPORT_COLUMNS = ("doc_id", "source_file", "format", "status", "pages", "paragraphs", "tables", "notes")
ERROR_COLUMNS = ("source_file", "stage", "reason", "exception_type")

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What one input file produced: its reports.csv row and its errors.csv rows."""

    report: dict[str, object]
    errors: tuple[FileError, ...]


def collect_inputs(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Expand folders recursively (sorted, so runs are reproducible); return (files, skipped)."""
    files: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(root) / name
                    (files if is_submission(candidate) else skipped).append(candidate)
        else:
            files.append(path)
    return files, skipped


def is_submission(path: Path) -> bool:
    name = path.name
    if name.startswith(IGNORED_PREFIXES) or name.lower() in IGNORED_NAMES:
        return False
    return path.suffix.lower() not in NON_SUBMISSION_SUFFIXES


def process_file(path: Path, debug: bool = False) -> FileOutcome:
    """Read one file; never raises (every failure becomes a FileError)."""
    source = str(path)
    try:
        document = read_document(path, source)
    except ReadError as exc:
        return failed_outcome(path, "read", with_detail(exc.reason, exc.detail), type(exc).__name__)
    except OSError as exc:
        reason = with_detail("无法打开文件（文件不存在、无读取权限或正被其他程序占用）", f"{exc.strerror or exc}")
        return failed_outcome(path, "open", reason, type(exc).__name__)
    except Exception as exc:  # a reader bug must not stop the batch
        if debug:
            traceback.print_exc()
        reason = with_detail("读取时发生内部错误，已跳过此文件，请将该文件反馈给工具维护人员", f"{type(exc).__name__}: {exc}")
        return failed_outcome(path, "read", reason, type(exc).__name__)
    return document_outcome(document)


def document_outcome(document: Document) -> FileOutcome:
    errors: tuple[FileError, ...] = ()
    if document.status == "needs_ocr":
        reason = "；".join(document.notes) or "PDF 没有文字层，需要先做 OCR 识别"
        errors = (FileError(document.source, "read", reason, "NeedsOCR"),)
    report = {
        "doc_id": document.doc_id,
        "source_file": document.source,
        "format": document.format,
        "status": document.status,
        "pages": document.pages,
        "paragraphs": len(document.paragraphs),
        "tables": len(document.tables),
        "notes": "；".join(document.notes),
    }
    return FileOutcome(report, errors)


def failed_outcome(path: Path, stage: str, reason: str, exception_type: str) -> FileOutcome:
    try:
        doc_id = file_sha256(path)[:16]
        kind = sniff(path).code
    except OSError:
        doc_id, kind = "", ""
    report = {
        "doc_id": doc_id,
        "source_file": str(path),
        "format": kind,
        "status": "failed",
        "pages": None,
        "paragraphs": None,
        "tables": None,
        "notes": reason,
    }
    return FileOutcome(report, (FileError(str(path), stage, reason, exception_type),))


def with_detail(reason: str, detail: str) -> str:
    """Chinese reason first, the technical detail after it for whoever maintains the tool."""
    return f"{reason}（技术细节：{detail}）" if detail else reason


def run_batch(paths: Sequence[Path], out_dir: Path, debug: bool = False, quiet: bool = False) -> int:
    files, skipped = collect_inputs(paths)
    missing = [p for p in paths if not p.exists()]
    outcomes = [process_file(path, debug) for path in files if path.exists()]
    missing_outcomes = [
        FileOutcome(
            {"source_file": str(p), "status": "failed", "notes": "文件或文件夹不存在"},
            (FileError(str(p), "open", "文件或文件夹不存在，请检查路径", "FileNotFoundError"),),
        )
        for p in missing
    ]
    outcomes.extend(missing_outcomes)
    write_csv_atomic(out_dir / "reports.csv", REPORT_COLUMNS, report_rows(outcomes))
    write_csv_atomic(out_dir / "errors.csv", ERROR_COLUMNS, error_rows(outcomes))
    if not quiet:
        print_summary(outcomes, skipped, out_dir)
    failed = sum(1 for o in outcomes if o.report.get("status") == "failed")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def report_rows(outcomes: Iterable[FileOutcome]) -> Iterable[dict[str, object]]:
    for outcome in outcomes:
        yield {column: outcome.report.get(column) for column in REPORT_COLUMNS}


def error_rows(outcomes: Iterable[FileOutcome]) -> Iterable[dict[str, object]]:
    for outcome in outcomes:
        for error in outcome.errors:
            yield {
                "source_file": error.source_file,
                "stage": error.stage,
                "reason": error.reason,
                "exception_type": error.exception_type,
            }


def print_summary(outcomes: Sequence[FileOutcome], skipped: Sequence[Path], out_dir: Path) -> None:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        status = str(outcome.report.get("status"))
        counts[status] = counts.get(status, 0) + 1
    by_status = "，".join(f"{status} {n}" for status, n in sorted(counts.items()))
    print(f"共处理 {len(outcomes)} 个文件（{by_status}）；结果已写入 {out_dir}", file=sys.stderr)
    if skipped:
        print(f"跳过 {len(skipped)} 个非报告文件（如脚本、说明文档）", file=sys.stderr)


def show_file(path: Path, debug: bool = False) -> int:
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
    return EXIT_OK


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
    show = commands.add_parser("show", help="显示工具从一个文件中读到的内容及其位置")
    show.add_argument("file", type=Path, help="报告文件")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            return run_batch(args.paths or [DEFAULT_INPUT], args.out, debug=args.debug, quiet=args.quiet)
        return show_file(args.file, debug=args.debug)
    except KeyboardInterrupt:
        print("已中断：之前写出的结果文件保持不变。", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"无法写出结果：{exc.strerror or exc}（{getattr(exc, 'filename', '')}）", file=sys.stderr)
        return EXIT_SOME_FAILED


if __name__ == "__main__":
    sys.exit(main())
