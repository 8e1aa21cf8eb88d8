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
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from export.atomic import write_csv_atomic
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
from export.show import document_to_text, figures_to_text
from extract.errors import ReadError
from checks.config import ConfigError, load_settings, settings_hash
from checks.evaluate import ExpectedFinding, match_findings, score_rules
from checks.model import CheckInput, Finding, Sentence
from checks.registry import RuleSettings, run_rules
from checks.rules import ALL_RULES
from extract.figures import RawFigure, document_to_raw_figures
from extract.sentences import document_to_sentences
from extract.indicators import IndicatorRow, document_to_indicator_rows
from extract.metadata import ReportMetadata, document_to_metadata
from extract.model import Document, FileError
from extract.readers import file_sha256, read_document
from extract.readers.sniff import sniff
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
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What one input file produced: a reports.csv row, its metrics, indicators and errors."""

    report: dict[str, object]
    errors: tuple[FileError, ...]
    metrics: tuple[dict[str, object], ...] = ()
    indicators: tuple[dict[str, object], ...] = ()
    flags: tuple[dict[str, object], ...] = ()


@dataclass(frozen=True, slots=True)
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
    raw_figures = document_to_raw_figures(document)
    figures = resolve_figures(raw_figures, fiscal_year)
    values = select_report_values(figures, fiscal_year)
    indicators = document_to_indicator_rows(document)
    sentences = tuple(Sentence(s.text, s.location, s.section) for s in document_to_sentences(document))
    check_input = CheckInput(
        document.source, fiscal_year, metadata, tuple(figures), values, tuple(raw_figures), tuple(indicators), sentences
    )
    return Analysis(metadata, fiscal_year, figures, values, indicators, raw_figures, check_input)


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


def check(analysis: "Analysis", settings: dict[str, RuleSettings] | None = None) -> list[Finding]:
    """Run every enabled rule on one report's analysis."""
    return run_rules(ALL_RULES, analysis.check_input, settings or load_settings(None, list(ALL_RULES)))


def process_file(path: Path, debug: bool = False, settings: dict[str, RuleSettings] | None = None) -> FileOutcome:
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
        return failed_outcome(path, "read", internal_error(exc), type(exc).__name__)
    try:
        analysis = analyse(document)
    except Exception as exc:  # an extraction bug loses the figures, not the file's row
        if debug:
            traceback.print_exc()
        outcome = document_outcome(document, None)
        error = FileError(document.source, "extract", internal_error(exc), type(exc).__name__)
        return FileOutcome(outcome.report, outcome.errors + (error,))
    return document_outcome(document, analysis, check(analysis, settings))


def internal_error(exc: Exception) -> str:
    return with_detail("处理时发生内部错误，已跳过此文件的这一步，请将该文件反馈给工具维护人员", f"{type(exc).__name__}: {exc}")


def document_outcome(document: Document, analysis: Analysis | None, findings: Sequence[Finding] = ()) -> FileOutcome:
    errors: tuple[FileError, ...] = ()
    if document.status == "needs_ocr":
        reason = "；".join(document.notes) or "PDF 没有文字层，需要先做 OCR 识别"
        errors = (FileError(document.source, "read", reason, "NeedsOCR"),)
    report: dict[str, object] = {
        "doc_id": document.doc_id,
        "source_file": document.source,
        "format": document.format,
        "status": document.status,
        "pages": document.pages,
        "paragraphs": len(document.paragraphs),
        "tables": len(document.tables),
        "notes": "；".join(document.notes),
    }
    if analysis is None:
        return FileOutcome(report, errors)
    report.update(report_values(analysis))
    report["n_errors"] = sum(1 for f in findings if f.severity == "error")
    report["n_warnings"] = sum(1 for f in findings if f.severity == "warning")
    metrics = tuple(metric_rows(document.doc_id, document.source, analysis.figures, analysis.values.chosen))
    indicators = tuple(indicator_rows(document.doc_id, document.source, analysis.indicators))
    flags = tuple(flag_rows(document.doc_id, document.source, findings))
    return FileOutcome(report, errors, metrics, indicators, flags)


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


def run_batch(
    paths: Sequence[Path],
    out_dir: Path,
    debug: bool = False,
    quiet: bool = False,
    settings: dict[str, RuleSettings] | None = None,
) -> int:
    files, skipped = collect_inputs(paths)
    missing = [p for p in paths if not p.exists()]
    outcomes = [process_file(path, debug, settings) for path in files if path.exists()]
    missing_outcomes = [
        FileOutcome(
            {"source_file": str(p), "status": "failed", "notes": "文件或文件夹不存在"},
            (FileError(str(p), "open", "文件或文件夹不存在，请检查路径", "FileNotFoundError"),),
        )
        for p in missing
    ]
    outcomes.extend(missing_outcomes)
    write_csv_atomic(out_dir / "reports.csv", REPORT_COLUMNS, report_rows(outcomes))
    write_csv_atomic(out_dir / "metrics.csv", METRIC_COLUMNS, (row for o in outcomes for row in o.metrics))
    write_csv_atomic(out_dir / "indicators.csv", INDICATOR_COLUMNS, (row for o in outcomes for row in o.indicators))
    write_csv_atomic(out_dir / "flags.csv", FLAG_COLUMNS, (row for o in outcomes for row in o.flags))
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
    show = commands.add_parser("show", help="显示工具从一个文件中读到的内容及其位置")
    show.add_argument("file", type=Path, help="报告文件")
    show.add_argument("--figures", action="store_true", help="同时列出识别出的指标数值及其原文")
    rules = commands.add_parser("rules", help="列出全部检查规则，或用标准答案评估规则")
    rules.add_argument("--evaluate", type=Path, metavar="GOLDEN_DIR", help="按 tests/golden 中的预期问题评估每条规则")
    rules.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "corpus", help="评估所用的样本文件夹（默认 corpus/）")
    rules.add_argument("--rules", type=Path, help="规则配置文件（TOML）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            settings = load_settings(args.rules, list(ALL_RULES))
            return run_batch(args.paths or [DEFAULT_INPUT], args.out, debug=args.debug, quiet=args.quiet,
                             settings=settings)
        if args.command == "rules":
            settings = load_settings(args.rules, list(ALL_RULES))
            if args.evaluate:
                return evaluate_rules(args.evaluate, args.corpus, settings)
            return list_rules(settings)
        return show_file(args.file, debug=args.debug, figures=args.figures)
    except ConfigError as exc:
        print(f"参数错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("已中断：之前写出的结果文件保持不变。", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"无法写出结果：{exc.strerror or exc}（{getattr(exc, 'filename', '')}）", file=sys.stderr)
        return EXIT_SOME_FAILED


def list_rules(settings: dict[str, RuleSettings]) -> int:
    """Print every rule with its id, kind, severity and docstring."""
    for rule in ALL_RULES:
        current = settings[rule.id]
        state = "" if current.enabled else "（已停用）"
        print(f"{rule.id}  {rule.kind}  {current.severity}{state}")
        print("    " + rule.doc.replace("\n", "\n    "))
        print()
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
    sys.exit(main())
