"""One exception tree for newsbrief.

Third-party exceptions (httpx, sqlite3, lxml, warcio, ...) are caught where they enter and
re-raised as one of these, with the input (path, URL) and the fix in the message.
"""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base of every error newsbrief raises on purpose."""


class ConfigError(NewsbriefError):
    """A setting or command-line option is invalid."""


class SourceError(NewsbriefError):
    """An input could not be read: missing file, unknown format, HTTP failure, bad feed."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ExtractionError(SourceError):
    """A document was read but no usable article text could be extracted from it."""


class StoreError(NewsbriefError):
    """The database could not be opened, migrated, read or written."""


class AnalysisError(NewsbriefError):
    """A per-article analyser or a cross-article stage failed."""
