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
the documents read until then have been yielded already and are kept.  A record cut short
(a truncated file or gzip member) is reported with how much of it is missing, never read
as a shorter page.
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
    if not _looks_like_archive(stream):
        yield SourceError(origin, "not a WARC/ARC archive (it does not start with a WARC or ARC header); check the file")
        return
    records = pages = 0
    archive = iter(ArchiveIterator(stream, arc2warc=True))
    while True:
        try:
            record = next(archive)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises many kinds (ArchiveLoadFailed, zlib, AttributeError...) on damage
            yield SourceError(origin, _damaged(records, pages, exc))
            return
        records += 1
        item = _page(origin, record, settings)
        missing = _missing_bytes(record)
        if missing:
            yield SourceError(
                _where(origin, record),
                f"the archive ends inside record {records}: {missing:,} of its bytes are missing "
                f"(a truncated download?); the {pages} page(s) before it were kept",
            )
            return
        if item is not None:
            pages += 1
            yield item
    if pages == 0:
        yield SourceError(origin, f"the archive holds {records} record(s) but no HTML page fetched with HTTP 200")
    log.info("%s: %d records, %d HTML pages, %d skipped", origin, records, pages, records - pages)


def _missing_bytes(record: object) -> int:
    """Read the rest of the record; the bytes its Content-Length promised but the file lacks."""
    raw = getattr(record, "raw_stream", None)
    if raw is None or not hasattr(raw, "limit"):
        return 0
    try:
        while raw.read(1 << 16):
            pass
    except Exception:  # a damaged gzip member: whatever was not read is missing
        pass
    return max(0, int(raw.limit))


def _where(origin: str, record: object) -> str:
    headers = record.rec_headers  # type: ignore[attr-defined]
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<> ")
    return f"{origin}#{record_id or headers.get_header('WARC-Target-URI') or '?'}"


def _damaged(records: int, pages: int, exc: Exception) -> str:
    if isinstance(exc, ArchiveLoadFailed) and records == 0:
        return f"not a readable WARC/ARC archive ({_short(exc)}); check the file"
    return (
        f"the archive is damaged after record {records} ({type(exc).__name__}: {_short(exc)}); "
        f"the {pages} page(s) read before the damage were kept"
    )


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
    url = headers.get_header("WARC-Target-URI")
    where = _where(origin, record)
    try:
        data = record.content_stream().read(settings.max_input_bytes + 1)  # type: ignore[attr-defined]
        check_bytes(where, data, settings)
        charset = _charset(content_type)
        page = decode_bytes(where, data, charset)
    except SourceError as exc:
        return exc
    except Exception as exc:  # damaged payloads raise zlib, EOF, OS or warcio errors
        return SourceError(where, f"the record's payload could not be read ({type(exc).__name__}: {_short(exc)})")
    return parse_html(where, page, url=url, crawled=iso_date(headers.get_header("WARC-Date")))


def _looks_like_archive(stream: BinaryIO) -> bool:
    """Peek at the first bytes (gunzipping them if needed), then rewind."""
    if not stream.seekable():
        return True  # cannot peek; warcio will say if it is not an archive
    start = stream.tell()
    head = stream.read(4096)
    stream.seek(start)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip() == "charset" and value.strip():
            return value.strip().strip("'\"")
    return None


def _short(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__
