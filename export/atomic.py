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


def write_csv_atomic(target: Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> int:
    """Write ``rows`` (dicts keyed by column) as a BOM-prefixed UTF-8 CSV; return the row count."""
    count = 0
    with atomic_open(target, "w", encoding=CSV_ENCODING, newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: "" if value is None else value for key, value in row.items()})
            count += 1
    return count
