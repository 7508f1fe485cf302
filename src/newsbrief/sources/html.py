"""HTML pages: the page goes to extract.py whole; only cheap head metadata is read here.

Main-text extraction (trafilatura) belongs to extract.py.  Here we read, from the first
part of the page and with regular expressions (no parse, so malformed HTML costs nothing),
what the page itself declares about where it lives: ``<link rel="canonical">`` or
``og:url`` for the URL, and ``<html lang>`` for the language.  A URL the page was fetched
from is used when the page declares none.
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urljoin

from newsbrief.http import public_url
from newsbrief.models import RawDocument

_HEAD_BYTES = 200_000
_TAG = re.compile(r"<(link|meta|html)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
_LANG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")


def parse_html(origin: str, page: str, url: str | None = None, **declared: str | None) -> RawDocument:
    """A RawDocument(html=...) with the canonical URL and language the page declares.

    ``url`` is where the page was fetched from (used to resolve a relative canonical link
    and as the fallback URL); ``declared`` holds metadata from the container (feed entry,
    JSON fields), which wins over what the page says.
    """
    head = head_metadata(page, base_url=url)
    fields: dict[str, str] = {k: v for k, v in declared.items() if v}
    for key, value in (("url", head.get("url") or url), ("language", head.get("language"))):
        if value:
            fields.setdefault(key, value)
    return RawDocument(origin=origin, html=page, **fields)


def head_metadata(page: str, base_url: str | None = None) -> dict[str, str]:
    """``url`` (canonical, else og:url) and ``language`` declared in the page's markup."""
    canonical = og_url = language = None
    head_end = _HEAD_END.search(page, 0, _HEAD_BYTES)
    for match in _TAG.finditer(page, 0, head_end.start() if head_end else _HEAD_BYTES):
        tag = match.group(1).lower()
        raw = match.group(2)
        if (tag == "link" and "canonical" not in raw.lower()) or (tag == "meta" and "og:url" not in raw.lower()):
            continue  # most head tags: skip before parsing attributes
        attrs = _attributes(raw)
        if tag == "link" and "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            canonical = canonical or attrs["href"]
        elif tag == "meta" and attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            og_url = og_url or attrs.get("content")
        elif tag == "html" and language is None:
            value = attrs.get("lang") or attrs.get("xml:lang")
            if value and _LANG.match(value):
                language = value.split("-")[0].split("_")[0].lower()
        if canonical and language:
            break
    found: dict[str, str] = {}
    url = _absolute(canonical, base_url) or _absolute(og_url, base_url)
    if url:
        found["url"] = url
    if language:
        found["language"] = language
    return found


def _attributes(text: str) -> dict[str, str]:
    return {
        name.lower(): html_lib.unescape(value.strip("\"'")).strip()
        for name, value in _ATTR.findall(text)
    }


def _absolute(link: str | None, base_url: str | None) -> str | None:
    if not link:
        return None
    if base_url:
        link = urljoin(base_url, link)
    return public_url(link) if link.lower().startswith(("http://", "https://")) else None
