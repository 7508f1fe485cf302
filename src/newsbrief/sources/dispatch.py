"""Bytes of one input -> the reader for its kind (text, HTML, JSON, feed, WARC, newswire SGML).

Files, stdin and HTTP bodies all end here once their bytes are read; the kind comes from
the file extension or Content-Type when they say, else from sniffing the bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources.decode import Kind, check_bytes, decode_bytes, sniff_kind
from newsbrief.sources.feed import iter_feed
from newsbrief.sources.html import parse_html
from newsbrief.sources.jsonl import iter_json
from newsbrief.sources.sgml import iter_sgml
from newsbrief.sources.text import parse_text
from newsbrief.sources.warc import iter_warc


def documents_from_bytes(
    origin: str,
    data: bytes,
    settings: Settings,
    kind: Kind | None = None,
    charset: str | None = None,
    url: str | None = None,
) -> Iterator[RawDocument | SourceError]:
    """Every document in ``data``; problems are yielded as SourceError, never raised.

    ``charset`` is a declared encoding (HTTP header); ``url`` is where the bytes were
    fetched from (the fallback URL of an HTML page, the base of a feed's links).
    """
    if kind is None:
        kind = sniff_kind(data)
    if kind == "warc":
        yield from iter_warc(origin, io.BytesIO(data), settings)
        return
    try:
        check_bytes(origin, data, settings)
        if kind == "sgml":
            yield from iter_sgml(origin, io.BytesIO(data), settings)
            return
        if kind == "feed":
            yield from iter_feed(origin, data, settings, feed_url=url)
            return
        text = decode_bytes(origin, data, charset)
    except SourceError as exc:
        yield exc
        return
    if kind == "json":
        yield from iter_json(origin, text)
    elif kind == "html":
        yield parse_html(origin, text, url=url)
    else:
        yield parse_text(origin, text, url=url)
