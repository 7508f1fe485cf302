"""Stage 1, sources: every kind of input -> RawDocument, one small module per kind.

``iter_documents(inputs, settings)`` is the one entry point.  Each input is a file, a
folder, a glob pattern, ``-`` for stdin, or an http(s) URL (a page or an RSS/Atom feed).
A bad input is *yielded* as a ``SourceError(origin, reason)`` and the batch goes on: the
generator never raises for one bad input.

Modules, in the order a document meets them:
  files.py     files, folders, globs, stdin; dispatch by extension, else by sniffing
  urls.py      URLs and URL lists (through newsbrief.http, the only HTTP module)
  dispatch.py  bytes -> the reader for their kind
  decode.py    refusing empty/oversized/binary input; bytes -> str; sniffing the kind
  text.py      plain text, with its leading metadata lines parsed out
  html.py      HTML pages (canonical URL and language from the head)
  jsonl.py     JSON and JSON Lines records
  feed.py      RSS/Atom feeds: each entry's article fetched, or the entry's own text
  warc.py      WARC/ARC archives: the HTML pages captured
  sgml.py      newswire SGML (DUC, AQUAINT, Gigaword, TDT, TREC) and TimeML: one article per <DOC>
  wire.py      newswire copy: all-capitals headlines in title case, slugs and bylines out of the text
  meta.py      dates to ISO 8601, metadata values to plain strings
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator

from newsbrief.errors import SourceError
from newsbrief.http import is_url, public_url
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources.files import iter_local
from newsbrief.sources.urls import iter_url

log = logging.getLogger(__name__)

__all__ = ["iter_documents"]


def iter_documents(inputs: Iterable[str], settings: Settings) -> Iterator[RawDocument | SourceError]:
    """Every document in ``inputs``, in order; a bad input is yielded as a SourceError.

    User names and passwords in URLs (the input's, a page's canonical link, a record's ``url``)
    are stripped here, before anything can be stored, cited or shown.
    """
    for item in _iter_all(inputs, settings):
        if isinstance(item, SourceError):
            origin = _printable(public_url(item.origin))
            yield item if origin == item.origin else type(item)(origin, item.reason)
        else:
            origin, url = _printable(public_url(item.origin)), public_url(item.url) if item.url else item.url
            yield item if (origin, url) == (item.origin, item.url) else dataclasses.replace(item, origin=origin, url=url)


def _printable(origin: str) -> str:
    """``origin`` with bytes that are not UTF-8 (surrogates from an undecodable file name given
    on the command line) as ``\\xNN`` escapes, so it can be stored and printed."""
    if not any("\ud800" <= ch <= "\udfff" for ch in origin):
        return origin
    return origin.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _iter_all(inputs: Iterable[str], settings: Settings) -> Iterator[RawDocument | SourceError]:
    for spec in inputs:
        items = iter_url(spec, settings) if is_url(spec) else iter_local(spec, settings)
        try:
            yield from items
        except SourceError as exc:
            yield exc
        except Exception as exc:  # a bug or an unforeseen library error must not end the batch
            log.info("unexpected error while reading %s", spec, exc_info=True)  # traceback with -v only
            yield SourceError(spec, f"unexpected error while reading it ({type(exc).__name__}: {exc})")
