"""Write output files so that a reader never sees half of one.

Every output goes to a temporary file in the same folder and is moved over the target with
``os.replace``, which is atomic on the same file system: an interrupted run leaves the previous
file whole, and Excel never opens a half-written CSV.
"""

from __future__ import annotations

import csv
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator, Mapping, Sequence

from export.sanitize import sanitize_row

def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates owner-only files; outputs get the permissions a normally created file would
# have, so colleagues sharing the output folder can open them.
FILE_MODE = 0o666 & ~_current_umask()


def make_shareable(path: Path) -> None:
    os.chmod(path, FILE_MODE)


# Excel and WPS only recognise UTF-8 CSV when it starts with a byte-order mark; without it
# Chinese text opens as mojibake.
CSV_ENCODING = "utf-8-sig"


@contextmanager
def atomic_open(target: Path, mode: str = "w", **open_kwargs) -> Iterator[IO]:
    """Open a temporary sibling of ``target``; on success move it over ``target`` in one step.

    On any exception (Ctrl-C included) the temporary file is removed and ``target`` is untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    make_shareable(Path(temp_name))
    try:
        with os.fdopen(handle, mode, **open_kwargs) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_open(target, "w", encoding="utf-8", newline="") as out:
        out.write(text)


def write_csv_atomic(
    target: Path,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    numeric_columns: frozenset[str] = frozenset(),
) -> int:
    """Write ``rows`` (dicts keyed by column) as a BOM-prefixed UTF-8 CSV; return the row count.

    Every cell goes through export/sanitize.sanitize_row: text that a spreadsheet would read as a
    formula gets a leading quote; a plain number stays a number only in ``numeric_columns``
    (e.g. sanitize.METRIC_NUMERIC_COLUMNS). With the default, every text cell is treated as text,
    which is safe but quotes a negative amount written as text (``"-5.2"`` → ``'-5.2``).
    """
    count = 0
    with atomic_open(target, "w", encoding=CSV_ENCODING, newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow(sanitize_row(row, numeric_columns))
            count += 1
    return count
