"""RSS and Atom feeds (feedparser): each entry's linked article is fetched through http.py.

For every entry, the page its ``link`` points to is fetched (a few at a time) and yielded
as HTML, with the entry's title, date and author as declared metadata; the outlet is left to
the page (og:site_name), so a site's articles get the same outlet name whether they came
through a feed or not.  When fetching fails, the entry's own ``content`` (else ``summary``)
is used if it is a real article (more than ``FULL_ENTRY_WORDS`` words), with the feed's
title as its outlet; otherwise that entry is yielded as a SourceError saying why.
feedparser is only ever given bytes, never a URL: the network is http.py's alone.  A feed that
declares XML entities (``<!ENTITY``) is refused before parsing: real feeds never do, and
entities are how external-entity (XXE) and entity-expansion ("billion laughs") attacks work.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import feedparser

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
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a parsed feed: a stable key (its id, else its link), its absolute link,
    and the metadata it declares."""

    key: str
    link: str | None
    declared: dict[str, str | None]
    raw: Any = field(repr=False, compare=False)  # the feedparser entry
    index: int = 0


def parse_feed(origin: str, data: bytes, feed_url: str | None = None, allow_empty: bool = False) -> list[FeedEntry]:
    """The entries of the feed in ``data``, or SourceError saying why it is not a usable feed.

    ``feed_url`` (where the feed was fetched from) resolves relative entry links; with
    ``allow_empty`` a valid feed without entries gives [] (a watched feed may be empty today).
    """
    if _ENTITY_DECLARATION.search(data[:1_000_000]):
        raise SourceError(
            origin, "the feed declares XML entities (<!ENTITY>), which newsbrief refuses: they serve to "
            "read local files (XXE) or to expand a few bytes into gigabytes; real feeds never need them"
        )
    headers = {"content-location": feed_url} if feed_url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        if parsed.bozo:
            problem = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or parsed.get(
                "bozo_exception"
            )
            raise SourceError(origin, f"not a valid RSS/Atom feed ({problem}); check that the input is a feed")
        if not parsed.get("version"):
            raise SourceError(origin, "not an RSS/Atom feed (no rss, feed or rdf:RDF root element); check the input")
        if allow_empty:
            return []
        raise SourceError(origin, "the feed has no entries")
    outlet = plain(parsed.feed.get("title"))
    language = _language(parsed.feed.get("language"))
    entries = []
    for index, entry in enumerate(parsed.entries):
        link = _link(entry, feed_url)
        key = plain(entry.get("id")) or link or plain(entry.get("title")) or f"#entry-{index + 1}"
        entries.append(FeedEntry(key, link, _declared(entry, outlet, language), entry, index))
    return entries


def iter_feed(
    origin: str, data: bytes, settings: Settings, feed_url: str | None = None
) -> Iterator[RawDocument | SourceError]:
    """Every entry of the feed in ``data``, as its article page (or its own text).

    ``feed_url`` (where the feed was fetched from) resolves relative entry links.
    """
    try:
        entries = parse_feed(origin, data, feed_url)
    except SourceError as exc:
        yield exc
        return
    with closing(http.fetch_many([e.link for e in entries if e.link], settings)) as fetched:
        for entry in entries:
            result = next(fetched) if entry.link else None
            yield entry_document(origin, entry, result, settings)


def _link(entry: Any, feed_url: str | None) -> str | None:
    link = entry.get("link")
    if link and feed_url:
        link = urljoin(feed_url, link)
    return link if link and http.is_url(link) else None


def _declared(entry: Any, outlet: str | None, language: str | None) -> dict[str, str | None]:
    return {
        "title": plain(entry.get("title")),
        "outlet": outlet,
        "author": plain(entry.get("author")),
        "published": iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        or iso_date(entry.get("published") or entry.get("updated")),
        "language": language,
    }


def entry_document(
    origin: str,
    entry: FeedEntry,
    result: http.FetchResult | SourceError | None,
    settings: Settings,
) -> RawDocument | SourceError:
    """The fetched article page of ``entry``, else the entry's own text when long enough,
    else an error.  ``result`` is what fetching its link gave (None when it has no link)."""
    index, declared, raw = entry.index, entry.declared, entry.raw
    link = http.public_url(entry.link) if entry.link else None  # kept and shown: no credentials
    where = link or f"{http.public_url(origin)}#entry-{index + 1}"
    if isinstance(result, http.FetchResult):
        try:
            return _article_page(link or result.url, result, settings, declared)
        except SourceError as exc:
            problem = f"the article page is unusable: {exc.reason}"
    elif isinstance(result, SourceError):
        problem = f"fetching the article failed: {result.reason}"
    elif raw.get("link") and re.match(r"^[a-z][a-z0-9+.-]*:", str(raw.get("link")), re.I):
        problem = f"its link {raw.get('link')!r} is not an http(s) URL, and only those are fetched"
    elif raw.get("link"):
        problem = f"its link {raw.get('link')!r} is relative and the feed's own URL is unknown"
    else:
        problem = "the entry has no http(s) link"
    own = _entry_html(raw)
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


def _article_page(
    origin: str, result: http.FetchResult, settings: Settings, declared: dict[str, str | None]
) -> RawDocument:
    check_bytes(result.url, result.content, settings)
    if result.content_type not in _HTML_TYPES and sniff_kind(result.content) != "html":
        raise SourceError(result.url, f"the link is not an HTML page (Content-Type {result.content_type or 'missing'})")
    page = decode_bytes(result.url, result.content, result.charset)
    if _has_own_title(page):  # the page's own headline beats the feed's (often shortened) entry title
        declared = {**declared, "title": None}
    # The page names its own site (og:site_name) the way it does when ingested directly;
    # the feed's title ("Example News - World") would make the same outlet look like two.
    return parse_html(origin, page, url=result.url, **{**declared, "outlet": None})


_OWN_TITLE = re.compile(r"<title[^>]*>\s*[^<\s]|<meta[^>]+og:title[^>]+content=[\"']\s*[^\"'\s]", re.I)


def _has_own_title(page: str) -> bool:
    """True when the page's head declares a non-empty <title> or og:title."""
    head_end = page.lower().find("</head>", 0, 200_000)
    return bool(_OWN_TITLE.search(page, 0, head_end if head_end >= 0 else 200_000))


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
