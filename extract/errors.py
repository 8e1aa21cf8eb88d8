"""Exceptions readers raise for files they cannot read.

Each carries ``reason``: one Chinese sentence an auditor understands (what the file is, what is
wrong, what to do), and ``detail``: the technical cause for a developer. ``pipeline.py`` turns
them into one errors.csv row and goes on with the batch.
"""

from __future__ import annotations


class ReadError(Exception):
    """A file could not be read. Base class for every reader failure."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason if not detail else f"{reason}（{detail}）")
        self.reason = reason
        self.detail = detail


class EmptyFileError(ReadError):
    """The file has no content at all."""


class UnsupportedFormatError(ReadError):
    """The content is a real format this version cannot read (legacy .doc, images, archives)."""


class CorruptFileError(ReadError):
    """The content claims a format but is damaged (truncated zip, malformed XML, broken PDF)."""


class EncryptedFileError(ReadError):
    """The file is password-protected."""
