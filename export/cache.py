"""The incremental cache: what was read from a file, keyed by its content.

Rerunning a season's batch after one unit resubmits must take seconds, and changing the rules
must not re-read a thousand PDFs. The cache (SQLite, in the output folder) keeps, per file
content (sha256) and tool version, the result of reading and extraction; the checks, which are
cheap and depend on the rules configuration, always run again. Each entry is written in its own
transaction, so an interrupted run leaves a consistent cache.

Entries are Python pickles of this tool's own results: the cache is a private file of the output
folder, never shared or read from elsewhere.
"""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    content_sha256 TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    payload BLOB NOT NULL,
    PRIMARY KEY (content_sha256, tool_version)
)
"""


class ResultCache:
    def __init__(self, path: Path, tool_version: str) -> None:
        self.path = Path(path)
        self.tool_version = tool_version
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(SCHEMA)
        self._db.commit()
        # Files of this run whose reading was reused / had to be done (counted by the caller,
        # which knows what a file needs; a file may take two lookups).
        self.hits = 0
        self.misses = 0

    def get(self, sha256: str) -> object | None:
        row = self._db.execute(
            "SELECT payload FROM results WHERE content_sha256 = ? AND tool_version = ?", (sha256, self.tool_version)
        ).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except Exception:  # an entry from an incompatible build: read the file again
            return None

    def has(self, sha256: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM results WHERE content_sha256 = ? AND tool_version = ?", (sha256, self.tool_version)
        ).fetchone()
        return row is not None

    def put(self, sha256: str, value: object) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO results (content_sha256, tool_version, payload) VALUES (?, ?, ?)",
                (sha256, self.tool_version, payload),
            )

    def close(self) -> None:
        self._db.close()
