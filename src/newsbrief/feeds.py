"""Feed subscriptions: add, list, remove, and exchange them as OPML.

A subscription is a feed URL, an optional name and a polling interval; ``newsbrief watch``
(:mod:`newsbrief.watch`) polls the due ones.  OPML is how every feed reader imports and
exports its subscriptions, so ``feeds import opml`` / ``feeds export opml`` speak it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsbrief.errors import ConfigError, SourceError

if TYPE_CHECKING:  # only in annotations: `newsbrief --help` builds the feeds parser without the store
    from newsbrief.store import FeedRow, Store

DEFAULT_EVERY = "15m"
MIN_EVERY_SECONDS = 60
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EVERY = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$", re.I)


def parse_every(text: str) -> int:
    """"15m" -> 900 seconds (units s, m, h, d; a bare number is minutes)."""
    match = _EVERY.match(text or "")
    if not match:
        raise ConfigError(f"--every {text!r} is not an interval; write a number and a unit, e.g. 90s, 15m, 2h or 1d")
    seconds = int(match.group(1)) * _UNITS[(match.group(2) or "m").lower()]
    if seconds < MIN_EVERY_SECONDS:
        raise ConfigError(f"--every {text!r} is shorter than one minute; poll at most once a minute (--every 1m)")
    return seconds


def describe_every(seconds: int) -> str:
    """900 -> "15m"."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@dataclass(frozen=True)
class AddResult:
    added: list[str]
    updated: list[str]  # already subscribed: name / interval updated


def add_feeds(store: Store, urls: Sequence[str], every: str = DEFAULT_EVERY, name: str | None = None) -> AddResult:
    """Subscribe to each feed URL (polled at once by the next ``watch``, then every ``every``)."""
    from newsbrief.http import is_url  # http imports httpx: not at CLI start-up

    seconds = parse_every(every)
    bad = [url for url in urls if not is_url(url)]
    if bad:
        raise ConfigError(f"{bad[0]!r} is not an http(s) feed URL; pass the address of an RSS or Atom feed")
    if name and len(urls) > 1:
        raise ConfigError("--name names one feed; add feeds with different names one at a time")
    result = AddResult([], [])
    for url in urls:
        (result.added if store.add_feed(url, name, seconds) else result.updated).append(url)
    return result


def remove_feeds(store: Store, urls: Sequence[str]) -> list[str]:
    """Unsubscribe; the articles already stored stay.  Raises naming a URL that is not subscribed."""
    unknown = [url for url in urls if store.get_feed(url) is None]
    if unknown:
        known = ", ".join(f.url for f in store.feeds()) or "none"
        raise ConfigError(f"{unknown[0]} is not subscribed; subscribed feeds: {known}")
    return [url for url in urls if store.remove_feed(url)]


def list_feeds(store: Store) -> list[FeedRow]:
    return store.feeds()


def feed_to_dict(feed: FeedRow) -> dict[str, object]:
    """The record ``feeds list --json`` prints and ``/api/feeds`` returns."""
    return {
        "url": feed.url,
        "name": feed.name,
        "every": describe_every(feed.every_seconds),
        "added_at": feed.added_at,
        "last_poll": feed.last_poll,
        "status": feed.last_status,
        "error": feed.last_error,
        "failures": feed.failures,
        "articles": feed.articles,
        "next_poll": feed.next_poll,
    }


# -- OPML -------------------------------------------------------------------------------


def import_opml(store: Store, path: str, every: str = DEFAULT_EVERY) -> AddResult:
    """Subscribe to every feed (``outline`` with an ``xmlUrl``) of an OPML file."""
    from xml.etree import ElementTree

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read the OPML file ({exc.strerror}); check the path") from exc
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise SourceError(path, f"not an OPML file ({exc}); export your subscriptions from a feed reader as OPML") from exc
    outlines = [o for o in root.iter("outline") if (o.get("xmlUrl") or "").strip()]
    if not outlines:
        raise SourceError(path, "the OPML file has no feeds (no <outline xmlUrl=...>); check the file")
    from newsbrief.http import is_url

    seconds = parse_every(every)
    result = AddResult([], [])
    for outline in outlines:
        url = (outline.get("xmlUrl") or "").strip()
        if not is_url(url):
            continue
        name = outline.get("title") or outline.get("text") or None
        (result.added if store.add_feed(url, name, seconds) else result.updated).append(url)
    return result


def export_opml(store: Store) -> str:
    """Every subscription as an OPML 2.0 document (what feed readers import)."""
    from xml.etree import ElementTree

    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "newsbrief subscriptions"
    ElementTree.SubElement(head, "dateCreated").text = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = ElementTree.SubElement(root, "body")
    for feed in store.feeds():
        title = feed.name or feed.url
        ElementTree.SubElement(body, "outline", type="rss", text=title, title=title, xmlUrl=feed.url)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
