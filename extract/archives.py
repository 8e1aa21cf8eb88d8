"""Expand a submitted .zip into its report files, safely.

Units send a whole year's reports as one zip, made by Windows 压缩 tools, macOS Finder, WinRAR or
7-Zip. ``expand_archive`` extracts the members into a work folder and gives each a display
source that an auditor can follow, ``报送材料.zip!/水利局/自评报告.docx``, to be used as the
Document's ``source`` (and so in every Location).

Member names are decoded the way the tool that wrote them meant (``member_name``):

1. flag bit 11 set: UTF-8, as the zip format says;
2. an Info-ZIP Unicode Path extra field (0x7075) whose CRC matches the stored name: its UTF-8 name
   (7-Zip and WinRAR write one beside a legacy name);
3. otherwise the raw bytes as UTF-8 if they are valid UTF-8 (macOS and Linux tools write UTF-8
   without setting the flag; GBK text is almost never valid UTF-8), else GB18030 (a superset of
   GBK: Windows in Chinese writes names in the ANSI code page, GBK), else cp437 as zipfile does.

What is skipped, silently: directory entries, macOS ``__MACOSX/`` resource forks, hidden files and
folders (a name part starting with "."), Office lock files (``~$…``), ``Thumbs.db`` and
``desktop.ini``, and symbolic links.

What refuses the whole archive (nothing is returned; a ReadError says why in Chinese):

* a member name that leaves the folder (``../``, an absolute path, a drive letter):
  ``UnsafeArchiveError``: the archive is hostile or broken, none of it is trusted;
* a damaged archive (no central directory, truncated): ``CorruptFileError``;
* a limit on the archive as a whole (``max_members``, ``max_total_bytes``): ``ArchiveLimitError``.

What refuses one member only (it is returned with ``failure`` set and no file; the others are
extracted and read as usual, so one unit's bad file does not hide the rest of a region's batch):

* an encrypted member: ``EncryptedFileError``;
* a member whose data is damaged (bad CRC, inflate error): ``CorruptFileError``;
* a member over ``max_member_bytes`` or inflating past ``max_ratio`` (a zip bomb):
  ``MemberLimitError``.

Limits are checked on the sizes the archive declares before anything is written, and again on
the bytes actually inflated while streaming, since declared sizes can lie.

Members are streamed to disk in 1 MiB chunks, never read whole into memory. Each goes to its own
numbered folder under ``work_dir`` (``0001/自评报告.docx``): the file keeps its name (the suffix
says .wps or .et) while folder structure lives only in the display source, so no member name can
reach a path outside ``work_dir`` and two members can never overwrite each other.

Nested zips: a member that is itself a zip archive (by content, not name; a .docx or .xlsx is a
zip too, and is left alone) is expanded in place, one level deep by default
(``ArchiveLimits.max_depth``): ``外.zip!/附件/内.zip!/报告.docx``. A zip nested deeper is
refused on its own, with a reason that says it is nested too deep (``too_deep``). The limits
are shared across levels: a nested zip cannot multiply them.

Files already written when an error is raised mid-stream stay in ``work_dir``; the caller owns
that folder (normally a temporary directory) and removes it.
"""

from __future__ import annotations

import re
import shutil
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from extract.errors import CorruptFileError, EncryptedFileError, ReadError
from extract.readers.sniff import sniff
from extract.records import record

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

CHUNK_BYTES = 1 * MIB
UTF8_FLAG = 0x800  # general purpose flag bit 11: names are UTF-8
ENCRYPTED_FLAG = 0x1
UNICODE_PATH_EXTRA = 0x7075

# Never submissions: the same rule pipeline.py applies when it walks a folder.
SKIPPED_PARTS = ("__MACOSX",)
SKIPPED_PREFIXES = (".", "~$")
SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini"})

# Longest file name (in UTF-8 bytes) written to disk: most file systems stop at 255 bytes, and a
# Chinese character takes 3.
MAX_NAME_BYTES = 200


class ArchiveLimitError(ReadError):
    """An archive exceeds a limit of ArchiveLimits (too big, too many members, a zip bomb)."""


class MemberLimitError(ArchiveLimitError):
    """One member exceeds a per-member limit (its size, its compression ratio): only it is refused."""


class UnsafeArchiveError(ReadError):
    """An archive member's name would place it outside the extraction folder."""


@record
class ArchiveLimits:
    """How much one submitted archive may unpack to. Defaults suit a year's reports of a region.

    ``max_total_bytes``   2 GiB in all, nested archives included;
    ``max_members``       10,000 entries (directories included: the central directory is read
                          whole, so its length is what costs memory);
    ``max_member_bytes``  500 MiB for one member;
    ``max_ratio``         200: a member may inflate to at most 200× its compressed size, checked
                          for members larger than ``ratio_min_bytes`` (1 MiB), because tiny files
                          of repeated characters legitimately compress more than 200× and cannot
                          hurt. Office files are already compressed (ratio near 1); text
                          compresses 3–10×; zip bombs go past 1000×;
    ``max_depth``         1: zips inside the archive are expanded, zips inside those are not.
    """

    max_total_bytes: int = 2 * GIB
    max_members: int = 10_000
    max_member_bytes: int = 500 * MIB
    max_ratio: float = 200.0
    ratio_min_bytes: int = 1 * MIB
    max_depth: int = 1

    def __post_init__(self) -> None:
        for name in ("max_total_bytes", "max_members", "max_member_bytes", "max_ratio"):
            if getattr(self, name) <= 0:
                raise ValueError(f"ArchiveLimits.{name} must be positive")
        if self.max_depth < 0 or self.ratio_min_bytes < 0:
            raise ValueError("ArchiveLimits.max_depth and ratio_min_bytes must not be negative")


@record
class ArchiveMember:
    """One extracted file: ``source`` to show and cite, ``path`` to read.

    ``name`` is the member's decoded name inside the archive that holds it (folders included);
    ``size`` the bytes extracted. ``failure`` says why a member was refused on its own (see the
    module docstring); such a member has no file at ``path``.
    """

    source: str
    path: Path
    name: str
    size: int
    failure: ReadError | None = None


@dataclass
class _Budget:
    """What the limits still allow, shared by an archive and the archives nested in it."""

    limits: ArchiveLimits
    members: int = 0
    total_bytes: int = 0
    next_folder: int = 0

    def take_folder(self) -> int:
        self.next_folder += 1
        return self.next_folder


def expand_archive(
    path: Path, work_dir: Path, limits: ArchiveLimits | None = None, source: str | None = None
) -> list[ArchiveMember]:
    """Extract the report files of the zip at ``path`` into ``work_dir`` (see the module docstring).

    ``source`` is how the archive itself is shown (default: ``path`` as given); members are shown
    as ``{source}!/{name}``. Returns the members in archive order, nested archives expanded in
    place; an archive with nothing but skipped entries gives an empty list.
    """
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    budget = _Budget(limits or ArchiveLimits())
    return _expand(Path(path), work_dir, str(path) if source is None else source, budget, depth=0)


def _expand(path: Path, work_dir: Path, source: str, budget: _Budget, depth: int) -> list[ArchiveMember]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise CorruptFileError(
            f"压缩包“{display_name(source)}”已损坏或不完整（找不到文件目录），无法解压，请重新打包后提交",
            f"{type(exc).__name__}: {exc}",
        ) from exc
    with archive:
        entries = archive_to_entries(archive, source, budget)
        members: list[ArchiveMember] = []
        for info, name, refusal in entries:
            folder = work_dir / f"{budget.take_folder():04d}"
            target = folder / safe_file_name(PurePosixPath(name).name)
            member_source = f"{source}!/{name}"
            if refusal is not None:
                members.append(ArchiveMember(member_source, target, name, 0, refusal))
                continue
            folder.mkdir()
            try:
                size = stream_member(archive, info, name, target, source, budget)
            except (EncryptedFileError, CorruptFileError, MemberLimitError) as exc:
                shutil.rmtree(folder)  # a partial file must never be read
                members.append(ArchiveMember(member_source, target, name, 0, exc))
                continue
            member = ArchiveMember(member_source, target, name, size)
            if sniff(target).code != "zip":
                members.append(member)
            elif depth < budget.limits.max_depth:
                members.extend(_expand(target, folder, member.source, budget, depth + 1))
                target.unlink()
            else:
                shutil.rmtree(folder)
                members.append(ArchiveMember(member_source, target, name, 0, too_deep(member_source, depth + 1)))
    return members


def too_deep(source: str, depth: int) -> ArchiveLimitError:
    """The refusal of a zip nested deeper than ``ArchiveLimits.max_depth``: said as such (blind
    probe AF: read as a member, it was reported as a format the tool cannot read)."""
    return MemberLimitError(
        f"压缩包“{display_name(source)}”套在第{depth}层压缩包里，嵌套过深，未再解压；请把它解压后，"
        "将其中的报告文件直接提交或打包在第一层压缩包中",
        f"nested zip at depth {depth}, deeper than max_depth",
    )


def archive_to_entries(
    archive: zipfile.ZipFile, source: str, budget: _Budget
) -> list[tuple[zipfile.ZipInfo, str, ReadError | None]]:
    """The members to extract with their decoded names, after every check that needs no data.

    The third item is why a member is refused on its own (encrypted, declared too big), or None.
    """
    limits = budget.limits
    infos = archive.infolist()
    budget.members += len(infos)
    if budget.members > limits.max_members:
        raise ArchiveLimitError(
            f"压缩包“{display_name(source)}”包含的文件过多（共{budget.members}项，上限为{limits.max_members}项），"
            "为防止资源耗尽未予解压，请分批打包提交",
            f"max_members={limits.max_members}",
        )
    entries: list[tuple[zipfile.ZipInfo, str, ReadError | None]] = []
    declared_total = budget.total_bytes
    for info in infos:
        raw_name = member_name(info)
        check_name_is_safe(raw_name, source)  # before skipping: a hostile name refuses the archive
        name = normalise_name(raw_name)
        if not name or is_directory(info, raw_name) or is_skipped(name) or is_symlink(info):
            continue
        if info.flag_bits & ENCRYPTED_FLAG:
            entries.append((info, name, encrypted_member(source, name, "zip member encrypted (flag bit 0)")))
            continue
        try:
            check_member_size(info.file_size, name, source, limits)
            check_ratio(info.file_size, info.compress_size, name, source, limits)
        except MemberLimitError as exc:
            entries.append((info, name, exc))
            continue
        declared_total += info.file_size
        check_total(declared_total, source, limits)
        entries.append((info, name, None))
    return entries


def stream_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, target: Path, source: str, budget: _Budget
) -> int:
    """Copy one member to ``target`` in chunks, checking the limits on the bytes really inflated."""
    limits = budget.limits
    written = 0
    try:
        with archive.open(info) as member, open(target, "wb") as out:
            while chunk := member.read(CHUNK_BYTES):
                written += len(chunk)
                budget.total_bytes += len(chunk)
                check_member_size(written, name, source, limits)
                check_ratio(written, info.compress_size, name, source, limits)
                check_total(budget.total_bytes, source, limits)
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise CorruptFileError(
            f"压缩包“{display_name(source)}”中的“{name}”已损坏，无法解压，请重新打包后提交",
            f"{type(exc).__name__}: {exc}",
        ) from exc
    except RuntimeError as exc:  # zipfile: "File is encrypted, password required"
        if "encrypt" not in str(exc).lower() and "password" not in str(exc).lower():
            raise
        raise encrypted_member(source, name, str(exc)) from exc
    return written


def encrypted_member(source: str, name: str, detail: str) -> EncryptedFileError:
    """A member with a password: seen in its flags before extraction, or by zipfile while reading."""
    return EncryptedFileError(
        f"压缩包“{display_name(source)}”中的“{name}”设有密码，无法解压，请取消密码后重新打包提交", detail
    )


# --- names ------------------------------------------------------------------------------------


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its writer meant it (order explained in the module docstring), with
    ``/`` as the only separator."""
    if info.flag_bits & UTF8_FLAG:
        name = info.filename
    else:
        raw = info.orig_filename.encode("cp437")  # zipfile decoded the raw bytes as cp437
        name = unicode_path_extra(info.extra, raw) or decode_legacy_name(raw)
    return name.replace("\\", "/").split("\x00", 1)[0]


# Legacy (flag bit 11 unset) encodings to try, in order. UTF-8 first: macOS and Linux tools write
# it without the flag, and GBK bytes are almost never valid UTF-8. GB18030 decodes all GBK.
LEGACY_NAME_ENCODINGS = ("utf-8", "gb18030")


def decode_legacy_name(raw: bytes) -> str:
    for encoding in LEGACY_NAME_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp437")


def unicode_path_extra(extra: bytes, raw_name: bytes) -> str | None:
    """The UTF-8 name of an Info-ZIP Unicode Path extra field (0x7075) matching ``raw_name``."""
    offset = 0
    while offset + 4 <= len(extra):
        header_id, size = struct.unpack_from("<HH", extra, offset)
        body = extra[offset + 4 : offset + 4 + size]
        offset += 4 + size
        if header_id != UNICODE_PATH_EXTRA or len(body) < 5 or body[0] != 1:
            continue
        if struct.unpack_from("<I", body, 1)[0] != zlib.crc32(raw_name) & 0xFFFFFFFF:
            continue  # the name was changed after the field was written: the field is stale
        try:
            return body[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def normalise_name(name: str) -> str:
    """``./a//b.docx`` → ``a/b.docx``: empty and ``.`` parts dropped (some tools write them)."""
    return "/".join(part for part in name.split("/") if part not in ("", "."))


def is_directory(info: zipfile.ZipInfo, name: str) -> bool:
    return name.endswith("/") or info.is_dir()


def is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def is_skipped(name: str) -> bool:
    parts = [part for part in name.split("/") if part]
    if any(part in SKIPPED_PARTS for part in parts):
        return True
    if any(part.startswith(".") for part in parts):
        return True
    base = parts[-1] if parts else ""
    return base.startswith(SKIPPED_PREFIXES) or base.lower() in SKIPPED_NAMES


DRIVE = re.compile(r"^[A-Za-z]:")


def check_name_is_safe(name: str, source: str) -> None:
    """Refuse names that would leave the extraction folder: ``..`` parts, absolute paths, drives."""
    parts = name.split("/")
    if name.startswith("/") or DRIVE.match(name) or ".." in parts:
        raise UnsafeArchiveError(
            f"压缩包“{display_name(source)}”中的“{name}”指向压缩包以外的位置（路径穿越），"
            "为安全起见未解压此压缩包，请检查来源后重新打包提交",
            "member name is absolute or contains '..'",
        )


def safe_file_name(name: str) -> str:
    """The member's base name, usable as a file name on any system and at most MAX_NAME_BYTES."""
    cleaned = re.sub(r'[\x00-\x1f<>:"|?*\\/]', "_", name).strip(" .") or "unnamed"
    if len(cleaned.encode("utf-8")) <= MAX_NAME_BYTES:
        return cleaned
    path = PurePosixPath(cleaned)
    suffix = path.suffix if len(path.suffix.encode("utf-8")) < 20 else ""
    stem = cleaned[: len(cleaned) - len(suffix)]
    while len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem + suffix


def display_name(source: str) -> str:
    """The archive as messages name it: its file name, and the path inside its outer archive when
    nested (``/data/外.zip!/附件/内.zip`` → ``外.zip!/附件/内.zip``)."""
    outer, separator, inner = source.partition("!/")
    return re.split(r"[\\/]", outer)[-1] + separator + inner


# --- limits -----------------------------------------------------------------------------------


def check_member_size(size: int, name: str, source: str, limits: ArchiveLimits) -> None:
    if size > limits.max_member_bytes:
        raise MemberLimitError(
            f"压缩包“{display_name(source)}”中的“{name}”解压后超过单个文件大小上限"
            f"（{bytes_text(limits.max_member_bytes)}），为防止资源耗尽未予解压",
            f"member size {size} > max_member_bytes={limits.max_member_bytes}",
        )


def check_ratio(size: int, compressed: int, name: str, source: str, limits: ArchiveLimits) -> None:
    if size <= limits.ratio_min_bytes:
        return
    ratio = size / max(compressed, 1)
    if ratio > limits.max_ratio:
        raise MemberLimitError(
            f"压缩包“{display_name(source)}”中的“{name}”压缩比异常（超过{limits.max_ratio:g}倍，疑似“压缩炸弹”），"
            "为防止资源耗尽未予解压",
            f"ratio {ratio:.0f} > max_ratio={limits.max_ratio:g} (size {size}, compressed {compressed})",
        )


def check_total(total: int, source: str, limits: ArchiveLimits) -> None:
    if total > limits.max_total_bytes:
        raise ArchiveLimitError(
            f"压缩包“{display_name(source)}”解压后的总大小超过上限（{bytes_text(limits.max_total_bytes)}），"
            "为防止资源耗尽未予解压，请分批打包提交",
            f"total {total} > max_total_bytes={limits.max_total_bytes}",
        )


def bytes_text(size: int) -> str:
    """2147483648 → "2 GiB"; 524288000 → "500 MiB"; 1500 → "1500 字节"."""
    for unit, factor in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} 字节"
