"""WARC and ARC archives (warcio), gzipped or not: each HTML page captured becomes a document.

Only ``response`` records with HTTP status 200 and an HTML Content-Type are read; requests,
metadata, images, scripts, redirects and errors are skipped (counted in the log, not
reported as failures: a crawl is mostly such records).  The document's origin is
``archive.warc.gz#<WARC-Record-ID without angle brackets>``, its URL the page's canonical
link else the record's ``WARC-Target-URI``.

``WARC-Date`` is when the crawler fetched the page, not when it was published: it goes to
``RawDocument.crawled`` and ``published`` stays None, so extraction (htmldate) finds the
real date and can fall back on the crawl date knowingly.

A damaged archive yields a SourceError saying how many records were read before the damage;
the documents read until then have been yielded already and are kept.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources.decode import check_bytes, decode_bytes
from newsbrief.sources.html import parse_html
from newsbrief.sources.meta import iso_date

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(origin: str, stream: BinaryIO, settings: Settings) -> Iterator[RawDocument | SourceError]:
    """Every HTML page (HTTP 200) captured in the archive read from ``stream``."""
    records = pages = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            records += 1
            item = _page(origin, record, settings)
            if item is not None:
                pages += 1
                yield item
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
        if records == 0:
            reason = f"not a readable WARC/ARC archive ({_short(exc)}); check the file"
        else:
            reason = (
                f"the archive is damaged after record {records} ({_short(exc)}); "
                f"the {pages} page(s) read before the damage were kept"
            )
        yield SourceError(origin, reason)
        return
    if records == 0:
        yield SourceError(origin, "the archive holds no records")
    log.info("%s: %d records, %d HTML pages, %d skipped", origin, records, pages, records - pages)


def _page(origin: str, record: object, settings: Settings) -> RawDocument | SourceError | None:
    """One record -> a document, an error for a bad page, or None for a record to skip."""
    if getattr(record, "rec_type", None) != "response":
        return None
    http_headers = getattr(record, "http_headers", None)
    if http_headers is None or http_headers.get_statuscode() != "200":
        return None
    content_type = (http_headers.get_header("Content-Type") or "").lower()
    if content_type.split(";")[0].strip() not in HTML_TYPES:
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<> ")
    url = headers.get_header("WARC-Target-URI")
    where = f"{origin}#{record_id or url}"
    try:
        data = record.content_stream().read(settings.max_input_bytes + 1)  # type: ignore[attr-defined]
        check_bytes(where, data, settings)
        charset = _charset(content_type)
        page = decode_bytes(where, data, charset)
    except SourceError as exc:
        return exc
    except (zlib.error, OSError, ValueError) as exc:
        return SourceError(where, f"the record's payload could not be decoded ({_short(exc)})")
    return parse_html(where, page, url=url, crawled=iso_date(headers.get_header("WARC-Date")))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip() == "charset" and value.strip():
            return value.strip().strip("'\"")
    return None


def _short(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__
