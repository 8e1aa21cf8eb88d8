"""Read legacy and foreign office files by converting them with LibreOffice first.

Units still send Word 97-2003 (.doc), WPS (.wps, .et: the same binary formats inside), RTF,
OpenDocument and Excel 97-2003 (.xls) files. Rather than parse those formats, each file is handed
to LibreOffice (``soffice --headless --convert-to``) and the resulting .docx / .xlsx is read by the
ordinary reader. The ``Document`` keeps the original file as ``source`` and sha256, names the
original format (``doc``, ``wps``, ``rtf``, ``odt``, ``xls``, ``et``, ``ods``) and says in a note
that it was converted.

One conversion, step by step (``converted_copy``):

1. a fresh temporary folder holds everything: a copy of the input named ``input.<ext>`` (the
   extension matching the *sniffed content*, so that LibreOffice picks the Word/Excel import
   filter even for a .wps, which it would otherwise take for a Microsoft Works file; an ASCII
   name also keeps odd user file names — spaces, a leading ``-`` — away from the command line),
   a LibreOffice user profile of its own (``-env:UserInstallation``: two conversions running at
   the same time never share a profile, so they never hand work to each other or collide on its
   lock) and the output folder;
2. ``soffice`` runs in a new session (its own process group) with a timeout; on timeout, or if
   the caller is interrupted, the whole group is killed (``soffice`` is a shell script that
   starts ``oosplash``, which starts ``soffice.bin``: killing only the first would leave the
   others running);
3. no output file means LibreOffice could not open the input (it exits 0 even then).

Where positions come from: a converted Word file is numbered by the converted .docx's body
paragraphs, which may differ slightly from what Word or WPS shows for the original (the note
says so); a converted spreadsheet keeps its sheets, row and column numbers.

Configuration (environment variables, read at each conversion, so that a batch run can set them
without code changes): ``JIXIAO_SOFFICE`` — path of the ``soffice`` program when it is not on
PATH; ``JIXIAO_CONVERT_TIMEOUT`` — seconds one conversion may take (default 120).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.errors import CorruptFileError, ReadError, UnsupportedFormatError
from extract.model import Document
from extract.records import record

DEFAULT_TIMEOUT_SECONDS = 120.0
ENV_SOFFICE = "JIXIAO_SOFFICE"
ENV_TIMEOUT = "JIXIAO_CONVERT_TIMEOUT"

# Places LibreOffice installs itself when it is not on PATH (Windows and macOS installers do not
# add it; Linux tarball installs go under /opt). Checked after PATH, in this order.
KNOWN_SOFFICE_PATHS: tuple[str, ...] = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

# How much of LibreOffice's own output to keep in an error's technical detail.
LOG_TAIL_CHARS = 600


class ConversionTimeoutError(ReadError):
    """LibreOffice did not finish converting the file within the time limit."""


@record
class Conversion:
    """How one sniffed kind is converted: the name its copy gets and the format it becomes.

    ``export_filter`` is LibreOffice's filter name, given explicitly so that LibreOffice never
    guesses; ``needs`` is the LibreOffice part (and Debian package) that holds the import filter.
    """

    kind: str
    input_suffix: str
    target: str
    export_filter: str
    needs: str


CONVERSIONS: dict[str, Conversion] = {
    "doc": Conversion("doc", ".doc", "docx", "MS Word 2007 XML", "libreoffice-writer-nogui"),
    "rtf": Conversion("rtf", ".rtf", "docx", "MS Word 2007 XML", "libreoffice-writer-nogui"),
    "odt": Conversion("odt", ".odt", "docx", "MS Word 2007 XML", "libreoffice-writer-nogui"),
    "xls": Conversion("xls", ".xls", "xlsx", "Calc MS Excel 2007 XML", "libreoffice-calc-nogui"),
    "ods": Conversion("ods", ".ods", "xlsx", "Calc MS Excel 2007 XML", "libreoffice-calc-nogui"),
}

# The content of a .wps is a Word binary document and of an .et an Excel binary workbook, so only
# the name tells them apart; it is used for ``Document.format`` only, never to choose a reader.
SUFFIX_FORMATS: dict[str, dict[str, str]] = {
    "doc": {".wps": "wps", ".wpt": "wps"},
    "xls": {".et": "et", ".ett": "et"},
}

REASON_MISSING = {
    "docx": (
        "需要安装 LibreOffice 才能读取旧版 .doc/.wps 文件（以及 .rtf、.odt）："
        "sudo apt-get install libreoffice-writer-nogui；"
        "若已安装在其他位置，请用环境变量 JIXIAO_SOFFICE 指明 soffice 的路径；"
        "也可请报送单位用 Word 或 WPS 另存为 .docx 后重新提交"
    ),
    "xlsx": (
        "需要安装 LibreOffice（含 Calc 表格组件）才能读取旧版 .xls/.et 表格（以及 .ods）："
        "sudo apt-get install libreoffice-calc-nogui；"
        "若已安装在其他位置，请用环境变量 JIXIAO_SOFFICE 指明 soffice 的路径；"
        "也可请报送单位用 Excel 或 WPS 另存为 .xlsx 后重新提交"
    ),
}
REASON_NO_CALC = (
    "已安装的 LibreOffice 缺少 Calc 表格组件，无法读取旧版 .xls/.et 表格："
    "sudo apt-get install libreoffice-calc-nogui；也可请报送单位另存为 .xlsx 后重新提交"
)
REASON_BAD_ENV = "环境变量 JIXIAO_SOFFICE 指定的 LibreOffice 程序不存在，请检查路径或删除该环境变量"
REASON_FAILED = {
    "docx": "LibreOffice 无法打开此文件，文件可能已损坏、设有打开密码，或并非它看起来的格式；"
    "请用 Word 或 WPS 打开后另存为 .docx 再提交",
    "xlsx": "LibreOffice 无法打开此表格文件，文件可能已损坏、设有打开密码，或并非它看起来的格式；"
    "请用 Excel 或 WPS 打开后另存为 .xlsx 再提交",
}
REASON_TIMEOUT = (
    "LibreOffice 转换此文件超过 {seconds:g} 秒仍未完成，已中止；文件可能过大或已损坏，"
    "请另存为 .docx（表格另存为 .xlsx）后再提交，或用环境变量 JIXIAO_CONVERT_TIMEOUT 放宽时限"
)
REASON_START = "无法启动 LibreOffice（soffice），请检查安装是否完整"

NOTE_CONVERTED = {
    "docx": (
        "已由 LibreOffice 转换为 .docx 后读取；位置中的段落序号按转换后的 .docx 计数，"
        "与原文件在 Word/WPS 中看到的段落可能略有出入，请以引用的原文查找"
    ),
    "xlsx": "已由 LibreOffice 转换为 .xlsx 后读取；工作表、行号和列号与原文件一致",
}


# --- readers, one per sniffed kind (named in extract.readers.READERS) ------------------------


def read_doc(path: Path, source: str, sha256: str) -> Document:
    """Word 97-2003 / WPS 文字 (.doc, .wps) → .docx → Document."""
    return read_converted(path, source, sha256, CONVERSIONS["doc"])


def read_rtf(path: Path, source: str, sha256: str) -> Document:
    return read_converted(path, source, sha256, CONVERSIONS["rtf"])


def read_odt(path: Path, source: str, sha256: str) -> Document:
    return read_converted(path, source, sha256, CONVERSIONS["odt"])


def read_xls(path: Path, source: str, sha256: str) -> Document:
    """Excel 97-2003 / WPS 表格 (.xls, .et) → .xlsx → Document."""
    return read_converted(path, source, sha256, CONVERSIONS["xls"])


def read_ods(path: Path, source: str, sha256: str) -> Document:
    return read_converted(path, source, sha256, CONVERSIONS["ods"])


def read_converted(
    path: Path, source: str, sha256: str, conversion: Conversion, timeout: float | None = None
) -> Document:
    """Convert ``path`` and read the result; the Document names the original file and format."""
    if conversion.target == "docx":
        from extract.readers.docx import read as read_target
    else:
        from extract.readers.xlsx import read as read_target
    with converted_copy(Path(path), conversion, timeout) as converted:
        document = read_target(converted, source, sha256)
    return dataclasses.replace(
        document,
        format=original_format(Path(path), conversion.kind),
        notes=(NOTE_CONVERTED[conversion.target], *document.notes),
    )


def original_format(path: Path, kind: str) -> str:
    """The format to report: the sniffed kind, or ``wps``/``et`` when the name says so."""
    return SUFFIX_FORMATS.get(kind, {}).get(path.suffix.lower(), kind)


# --- one conversion ---------------------------------------------------------------------------


def find_soffice() -> str | None:
    """The LibreOffice program: $JIXIAO_SOFFICE, else ``soffice``/``libreoffice`` on PATH, else a
    known install location; None when none is found.

    Raises UnsupportedFormatError when JIXIAO_SOFFICE names a file that does not exist (a typo
    there should not silently fall back to another LibreOffice).
    """
    configured = os.environ.get(ENV_SOFFICE, "").strip()
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise UnsupportedFormatError(REASON_BAD_ENV, f"{ENV_SOFFICE}={configured}")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in KNOWN_SOFFICE_PATHS:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def timeout_from_env() -> float:
    """Seconds one conversion may take: $JIXIAO_CONVERT_TIMEOUT, else DEFAULT_TIMEOUT_SECONDS."""
    raw = os.environ.get(ENV_TIMEOUT, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT_SECONDS
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS
    return value if value > 0 else DEFAULT_TIMEOUT_SECONDS


@contextmanager
def converted_copy(path: Path, conversion: Conversion, timeout: float | None = None) -> Iterator[Path]:
    """The converted file, in a temporary folder removed when the ``with`` block ends."""
    soffice = find_soffice()
    if soffice is None:
        raise UnsupportedFormatError(REASON_MISSING[conversion.target], "soffice/libreoffice not found")
    seconds = timeout if timeout is not None else timeout_from_env()
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as work_name:
        work = Path(work_name)
        staged = work / f"input{conversion.input_suffix}"
        shutil.copyfile(path, staged)
        out_dir = work / "out"
        out_dir.mkdir()
        log_path = work / "soffice.log"
        command = conversion_command(soffice, staged, out_dir, work / "profile", conversion)
        returncode = run_with_timeout(command, log_path, seconds)
        result = out_dir / f"{staged.stem}.{conversion.target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise conversion_failure(conversion, returncode, log_tail(log_path), soffice)
        yield result


def conversion_command(
    soffice: str, staged: Path, out_dir: Path, profile: Path, conversion: Conversion
) -> list[str]:
    return [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        f"{conversion.target}:{conversion.export_filter}",
        "--outdir",
        str(out_dir),
        str(staged),
    ]


def run_with_timeout(command: list[str], log_path: Path, seconds: float) -> int:
    """Run ``command`` in its own process group, output to ``log_path``; its exit code.

    Output goes to a file rather than a pipe so that waiting can never hang on a pipe a
    left-over child still holds open. On timeout (or any interruption) the whole process group
    is killed before the error is raised.
    """
    with open(log_path, "wb") as log:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as one on timeout
                env=conversion_env(),
            )
        except OSError as exc:
            raise UnsupportedFormatError(REASON_START, f"{type(exc).__name__}: {exc}") from exc
        try:
            return process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            kill_process_group(process)
            raise ConversionTimeoutError(
                REASON_TIMEOUT.format(seconds=seconds), f"soffice killed after {seconds:g} s"
            ) from None
        except BaseException:
            kill_process_group(process)
            raise


def conversion_env() -> dict[str, str]:
    """The environment for soffice: ours, without a display (headless needs none)."""
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def kill_process_group(process: subprocess.Popen) -> None:
    """Kill the process and every process in its group, then reap it.

    Called while the leader has not been reaped, so the group id is still ours.
    """
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: no process groups to signal
            process.kill()
    except ProcessLookupError:
        pass
    process.wait()


# LibreOffice output lines that say nothing about the file (Java is not needed to convert).
LOG_NOISE = ("javaldx",)


def log_tail(log_path: Path) -> str:
    """The end of LibreOffice's output on one line, without known noise."""
    try:
        text = log_path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [
        line.strip() for line in text.splitlines() if line.strip() and not any(n in line for n in LOG_NOISE)
    ]
    return " ".join(lines)[-LOG_TAIL_CHARS:]


def conversion_failure(conversion: Conversion, returncode: int, log: str, soffice: str) -> ReadError:
    detail = f"soffice exit {returncode}, no {conversion.target} written" + (f": {log}" if log else "")
    if conversion.target == "xlsx" and (not has_calc(soffice) or "no export filter" in log.lower()):
        return UnsupportedFormatError(REASON_NO_CALC, detail)
    return CorruptFileError(REASON_FAILED[conversion.target], detail)


def has_calc(soffice: str) -> bool:
    """False when the LibreOffice program folder visibly lacks Calc (``libsclo.so``/``sclo.dll``);
    True when it has it or the folder cannot be told (a wrapper script elsewhere)."""
    program = Path(os.path.realpath(soffice)).parent
    if not (program / "soffice.bin").exists() and not (program / "soffice.exe").exists():
        return True
    return any((program / name).exists() for name in ("libsclo.so", "sclo.dll", "libsclo.dylib"))
