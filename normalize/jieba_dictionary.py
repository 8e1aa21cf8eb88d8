"""jieba's prefix dictionary, loaded one first character at a time.

jieba keeps its dictionary as one dict (``Tokenizer.FREQ``) of about 500,000 words and word
prefixes, with ``Tokenizer.total`` their summed frequency, and loads all of it from a marshal
cache before the first cut: about 1.2 s and 80 MB per process. A report's labels touch a few
hundred of those entries. Every lookup jieba makes (``get_DAG``, ``calc``, ``__cut_DAG``,
``suggest_freq``) asks about one string at a time, and every string it asks about in a cut
starts with a character of the text being cut. So the dictionary is stored here split by first
character, each part marshalled on its own; a lookup unmarshals only its character's part, the
first time that character is asked about.

The cut is exactly jieba's: the same entries, the same frequencies, the same total, only read
later. The split file is built once per machine from jieba's own dictionary by jieba's own
``gen_pfdict`` and kept in the temporary folder, as jieba keeps its cache (the machine's, not
the folder of its own a batch run removes at its end); its name holds the jieba version, the
Python version (marshal's format) and a hash of the dictionary file, so a change to any of them
builds a new one. It is written to a temporary name and renamed, so two processes building it
at once never read half a file; a file that is damaged, cut short or another user's is built
again. Where the folder cannot be written, the split is built in memory
for the process (as slow, once, as jieba's own first load). A tokenizer on another dictionary,
or whose dictionary file cannot be read, is left to jieba.

``import_jieba`` imports jieba without pkg_resources, which jieba imports (130 ms, the most of
its import) only to open its own data files, and does without when it is missing.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType

# Bumped when the layout of the split file changes: the SHA-256 of the rest, then the marshalled
# (parts, total). The digest is checked on every load (15 ms), so that a damaged file is built
# again rather than failing a cut halfway through a batch.
FORMAT = 2
DIGEST_SIZE = 32

# Where the split file is kept unless a caller names a folder: the temporary folder as it was
# when this module was imported. A batch run points ``tempfile`` at a folder of its own and
# removes it at the end; a dictionary kept there would be built again (more than a second of
# the parent's time before any worker starts) on every run.
CACHE_FOLDER = tempfile.gettempdir()


class FirstCharacterDictionary:
    """What jieba asks of ``Tokenizer.FREQ`` (``in``, ``[]``, ``get``, item assignment), answered
    from parts loaded on demand, one per first character."""

    __slots__ = ("_packed", "_parts")

    def __init__(self, packed: dict[str, bytes]):
        self._packed = packed  # first character → marshalled {entry: frequency}
        self._parts: dict[str, dict[str, int]] = {}

    def _part(self, key: str) -> dict[str, int]:
        first = key[:1]
        part = self._parts.get(first)
        if part is None:
            packed = self._packed.get(first)
            part = marshal.loads(packed) if packed is not None else {}
            self._parts[first] = part
        return part

    def __contains__(self, key: str) -> bool:
        return key in self._part(key)

    def __getitem__(self, key: str) -> int:
        return self._part(key)[key]

    def get(self, key: str, default=None):
        return self._part(key).get(key, default)

    def __setitem__(self, key: str, value: int) -> None:  # jieba's add_word
        self._part(key)[key] = value

    def __len__(self) -> int:
        return sum(len(self._part(first)) for first in self._packed)


def import_jieba() -> ModuleType:
    """jieba, imported as if pkg_resources were not installed (unless something imported it
    already): jieba then opens its data files by their path beside its own code, the same files.
    Only jieba's import sees it missing; pkg_resources stays importable for any other code."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # an import of it raises ImportError
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", ...) is None:
            del sys.modules["pkg_resources"]
    return jieba


def install(tokenizer, folder: str | None = None) -> bool:
    """Give ``tokenizer`` (a ``jieba.Tokenizer`` on jieba's default dictionary) the dictionary
    loaded by first character; True if it did, False if jieba is to load it whole instead."""
    jieba = import_jieba()

    if tokenizer.initialized or tokenizer.dictionary != jieba.DEFAULT_DICT:
        return False
    try:
        with tokenizer.get_dict_file() as handle:
            dictionary_hash = hashlib.sha256(handle.read()).hexdigest()[:16]
    except OSError:
        return False
    name = (f"jixiao-jieba-{jieba.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
            f"-{dictionary_hash}-v{FORMAT}.dict")
    path = Path(folder or CACHE_FOLDER) / name
    loaded = _read(path)
    if loaded is None:
        freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
        loaded = _split(freq), total
        _write(path, loaded)
    packed, total = loaded
    with tokenizer.lock:
        tokenizer.FREQ = FirstCharacterDictionary(packed)
        tokenizer.total = total
        tokenizer.initialized = True
    return True


def _split(freq: dict[str, int]) -> dict[str, bytes]:
    parts: dict[str, dict[str, int]] = {}
    for entry, frequency in freq.items():
        parts.setdefault(entry[:1], {})[entry] = frequency
    return {first: marshal.dumps(part) for first, part in parts.items()}


def _read(path: Path) -> tuple[dict[str, bytes], int] | None:
    try:
        with path.open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # another user's file in a shared folder is not trusted
            data = handle.read()
    except OSError:
        return None
    digest, payload = data[:DIGEST_SIZE], data[DIGEST_SIZE:]
    if hashlib.sha256(payload).digest() != digest:
        return None  # cut short or changed since it was written: built again
    try:
        packed, total = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):  # cut short or not ours: built again
        return None
    if not isinstance(packed, dict) or not isinstance(total, int):
        return None
    return packed, total


def _write(path: Path, loaded: tuple[dict[str, bytes], int]) -> None:
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            payload = marshal.dumps(loaded)
            with os.fdopen(fd, "wb") as handle:
                handle.write(hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # not kept: the next process builds it again
