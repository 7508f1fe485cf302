"""One exception tree for newsbrief.

Third-party exceptions (httpx, sqlite3, lxml, warcio, ...) are caught where they enter and
re-raised as one of these, with the input (path, URL) and the fix in the message.
"""

from __future__ import annotations

from typing import Literal


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


class ScaleError(NewsbriefError):
    """An executor could not compute a batch (a worker died and retries ran out)."""


# The error policy every batch function takes: "raise" stops at the first bad item, "skip"
# logs it and goes on, "record" also writes it to the store's failure log.
OnError = Literal["raise", "skip", "record"]
ON_ERROR_CHOICES: tuple[str, ...] = ("raise", "skip", "record")


def check_policy(on_error: str) -> None:
    """A ConfigError naming the valid policies when ``on_error`` is not one of them."""
    if on_error not in ON_ERROR_CHOICES:
        raise ConfigError(f"on_error={on_error!r} is not valid; choose one of {', '.join(ON_ERROR_CHOICES)}")
