"""URL inputs and URL lists: fetched through http.py, then read as a feed or as a page.

A URL whose body is an RSS/Atom feed is read as a feed (each entry's article fetched in
turn); a JSON body as JSON, a WARC as a WARC, ``text/plain`` as text, anything else as
HTML.  A text file (or stdin) whose every non-blank line is an http(s) URL (``#`` comment
lines allowed) is a URL list: each URL is read that way, sharing one HTTP client.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing
from urllib.parse import urlsplit

import httpx

from newsbrief import http
from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources.decode import Kind, kind_for_name, sniff_kind
from newsbrief.sources.dispatch import documents_from_bytes

_JSON_TYPES = ("application/json", "application/x-ndjson", "application/jsonl", "text/json")


def iter_url(url: str, settings: Settings, client: httpx.Client | None = None) -> Iterator[RawDocument | SourceError]:
    """The documents behind one URL: one page, or every entry of a feed."""
    try:
        result = http.fetch(url, settings, client=client)
    except SourceError as exc:
        yield exc
        return
    yield from _documents(url, result, settings)


def _documents(url: str, result: http.FetchResult, settings: Settings) -> Iterator[RawDocument | SourceError]:
    kind = kind_for_response(result)
    yield from documents_from_bytes(url, result.content, settings, kind=kind, charset=result.charset, url=result.url)


def iter_urls(urls: Iterable[str], settings: Settings) -> Iterator[RawDocument | SourceError]:
    """The documents behind each URL, in order (fetched a few at a time, one shared client)."""
    urls = list(urls)
    with closing(http.fetch_many(urls, settings)) as results:
        for url, result in zip(urls, results, strict=True):
            if isinstance(result, SourceError):
                yield result
            else:
                yield from _documents(url, result, settings)


def kind_for_response(result: http.FetchResult) -> Kind:
    """How to read a fetched body: feed, WARC, newswire SGML, JSON or text when it says so, else HTML."""
    sniffed = sniff_kind(result.content)
    if sniffed in ("feed", "sgml"):
        return sniffed
    if sniffed == "warc" or kind_for_name(urlsplit(result.url).path) == "warc":
        return "warc"
    media = result.content_type
    if media in _JSON_TYPES or media.endswith("+json"):
        return "json"
    if media == "text/plain" and sniffed == "text":
        return "text"
    return "html"


def url_list(text: str) -> list[str] | None:
    """The URLs of a text that is only a list of URLs (one per line), else None."""
    urls = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not http.is_url(line) or any(ch.isspace() for ch in line):
            return None
        urls.append(line)
    return urls or None
