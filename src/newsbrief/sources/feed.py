"""RSS and Atom feeds (feedparser): each entry's linked article is fetched through http.py.

For every entry, the page its ``link`` points to is fetched and yielded as HTML, with the
entry's title, date and author as declared metadata and the feed's title as the outlet (one
name for every entry of a feed, so they count as one outlet).  When fetching fails, the
entry's own ``content`` (else ``summary``) is used if it is a real article (more than
``FULL_ENTRY_WORDS`` words); otherwise that entry is yielded as a SourceError saying why.
feedparser is only ever given bytes, never a URL: the network is http.py's alone.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import feedparser
import httpx

from newsbrief import http
from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources.decode import check_bytes, decode_bytes, sniff_kind
from newsbrief.sources.html import parse_html
from newsbrief.sources.meta import iso_date, plain

log = logging.getLogger(__name__)

FULL_ENTRY_WORDS = 80
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TAG = re.compile(r"<[^>]+>")


def iter_feed(
    origin: str, data: bytes, settings: Settings, feed_url: str | None = None, fetch_articles: bool = True
) -> Iterator[RawDocument | SourceError]:
    """Every entry of the feed in ``data``, as its article page (or its own text).

    ``feed_url`` (where the feed was fetched from) resolves relative entry links.
    ``fetch_articles=False`` never touches the network and uses each entry's own text.
    """
    headers = {"content-location": feed_url} if feed_url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        if parsed.bozo:
            problem = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or parsed.get(
                "bozo_exception"
            )
            yield SourceError(origin, f"not a valid RSS/Atom feed ({problem}); check that the input is a feed")
        elif not parsed.get("version"):
            yield SourceError(origin, "not an RSS/Atom feed (no rss, feed or rdf:RDF root element); check the input")
        else:
            yield SourceError(origin, "the feed has no entries")
        return
    outlet = plain(parsed.feed.get("title"))
    language = _language(parsed.feed.get("language"))
    client = http.new_client(settings) if fetch_articles else None
    try:
        for index, entry in enumerate(parsed.entries):
            yield _entry_document(origin, index, entry, outlet, language, settings, feed_url, client)
    finally:
        if client is not None:
            client.close()


def _entry_document(
    origin: str,
    index: int,
    entry: Any,
    outlet: str | None,
    language: str | None,
    settings: Settings,
    feed_url: str | None,
    client: httpx.Client | None,
) -> RawDocument | SourceError:
    link = entry.get("link")
    if link and feed_url:
        link = urljoin(feed_url, link)
    if link and not http.is_url(link):
        link = None
    declared = {
        "title": plain(entry.get("title")),
        "outlet": outlet,
        "author": plain(entry.get("author")),
        "published": iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        or iso_date(entry.get("published") or entry.get("updated")),
        "language": language,
    }
    where = link or f"{origin}#entry-{index + 1}"
    problem = "the entry has no http(s) link"
    if link and client is not None:
        try:
            return _fetch_article(link, settings, client, declared)
        except SourceError as exc:
            problem = f"fetching the article failed: {exc.reason}"
    elif link:
        problem = "article pages are not fetched in this mode"
    own = _entry_html(entry)
    words = len(_TAG.sub(" ", own).split())
    if words > FULL_ENTRY_WORDS:
        log.info("%s: %s; using the feed entry's own text (%d words)", where, problem, words)
        page = f"<html><head><title>{_escape(declared['title'] or '')}</title></head><body><article>{own}</article></body></html>"
        return parse_html(where, page, url=link, **declared)
    return SourceError(
        where,
        f"{problem}, and the feed entry's own text has only {words} words "
        f"(more than {FULL_ENTRY_WORDS} are needed to use it instead)",
    )


def _fetch_article(link: str, settings: Settings, client: httpx.Client, declared: dict[str, str | None]) -> RawDocument:
    result = http.fetch(link, settings, client=client)
    check_bytes(result.url, result.content, settings)
    if result.content_type not in _HTML_TYPES and sniff_kind(result.content) != "html":
        raise SourceError(result.url, f"the link is not an HTML page (Content-Type {result.content_type or 'missing'})")
    page = decode_bytes(result.url, result.content, result.charset)
    return parse_html(link, page, url=result.url, **declared)


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _language(value: Any) -> str | None:
    text = plain(value)
    return text.split("-")[0].lower() if text else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
