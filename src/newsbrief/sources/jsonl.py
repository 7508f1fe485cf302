"""JSON and JSON Lines: one article per object, fields recognised by their usual names.

A ``.json`` file holds one object, a list of objects, or an object wrapping such a list
(``{"articles": [...]}`` as news APIs return).  A ``.jsonl``/``.ndjson`` file (optionally
gzipped) holds one object per line and is streamed: ``max_input_bytes`` limits each line,
not the file, so multi-gigabyte dumps (news-please, CC-News exports) can be read.  Origins are ``file.jsonl:LINE`` (1-based line number) and
``file.json[INDEX]`` (0-based list index).  A broken line or an object with no text is
yielded as a SourceError for that line; the other lines go on.  Parsing is bounded: nesting
deeper than the recursion limit and integers longer than ``MAX_INT_DIGITS`` digits are refused as
bad records, not crashes.

Fields, first match wins: text from text/body/content/article/maintext/article_text/
full_text (a list of paragraphs is joined with blank lines; a value that is clearly HTML
markup goes to ``html``), html from html/raw_html/content_html, title/headline, url/link,
the publication date from date/published/publishedAt/date_publish/pubDate/..., the outlet
from outlet/source/site/sitename/source_domain/publisher/domain (a dict with ``name`` is
fine; a URL there, as in trafilatura's JSON output, is taken as the page URL instead),
author/authors/byline, language/lang.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from typing import Any, Protocol
from urllib.parse import urlsplit

from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources.decode import decode_bytes
from newsbrief.sources.html import parse_html
from newsbrief.sources.meta import iso_date, plain
from newsbrief.sources.text import parse_text

TEXT_FIELDS = ("text", "body", "content", "article", "maintext", "article_text", "full_text")
HTML_FIELDS = ("html", "raw_html", "content_html")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "canonical_url")
DATE_FIELDS = (
    "date", "published", "publishedAt", "published_at", "date_publish", "pubDate",
    "datePublished", "publish_date", "date_published",
)
OUTLET_FIELDS = (
    "outlet", "source", "site", "sitename", "site_name", "source-hostname", "source_domain",
    "publisher", "domain", "hostname",
)
AUTHOR_FIELDS = ("author", "authors", "byline")
LANGUAGE_FIELDS = ("language", "lang")
MAX_INT_DIGITS = 100
_LIST_KEYS = ("articles", "items", "data", "results", "documents", "entries")
_MARKUP = re.compile(r"<(p|div|br|article|span|a|h[1-6]|html|body)[\s>/]", re.IGNORECASE)


def iter_json(origin: str, text: str, jsonl: bool | None = None) -> Iterator[RawDocument | SourceError]:
    """Every article in a JSON or JSONL document.  ``jsonl=None`` decides from the content."""
    if jsonl is None:
        jsonl = origin.lower().endswith((".jsonl", ".ndjson"))
    if not jsonl:
        try:
            value = load_json(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data":  # several values: it is JSON Lines after all
                yield from _iter_lines(origin, text)
                return
            yield SourceError(
                origin, f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); fix the file"
            )
            return
        except ValueError as exc:
            yield SourceError(origin, f"{exc}; fix the file")
            return
        yield from _iter_value(origin, value)
        return
    yield from _iter_lines(origin, text)


def load_json(text: str) -> Any:
    """``json.loads`` with bounds: raises ``json.JSONDecodeError`` for invalid JSON and
    ``ValueError`` (with a reason fit for a user) for nesting deeper than Python's recursion
    limit allows or an integer of more than ``MAX_INT_DIGITS`` digits."""
    try:
        return json.loads(text, parse_int=_bounded_int)
    except RecursionError as exc:  # the C decoder checks its depth; an article needs 2-3 levels
        raise ValueError("JSON nested too deeply (hundreds of levels; an article record needs a few)") from exc


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a JSON number with {len(digits.lstrip('-')):,} digits (more than {MAX_INT_DIGITS} is not article data)")
    return int(digits)


def _iter_value(origin: str, value: Any) -> Iterator[RawDocument | SourceError]:
    if isinstance(value, dict) and not _has_content(value):
        for key in _LIST_KEYS:
            if isinstance(value.get(key), list):
                value = value[key]
                break
    if isinstance(value, list):
        if not value:
            yield SourceError(origin, "the JSON list is empty; no articles to read")
        for index, item in enumerate(value):
            yield _safe_one(f"{origin}[{index}]", item)
    else:
        yield _safe_one(origin, value)


class LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def iter_jsonl_stream(origin: str, stream: LineReader, settings: Settings) -> Iterator[RawDocument | SourceError]:
    """Every article of a JSON Lines file read line by line, so its size is not limited:
    ``max_input_bytes`` applies to each line (record), as to each WARC record."""
    limit = settings.max_input_bytes
    seen = False
    number = 0
    while True:
        try:
            raw = stream.readline(limit + 1)
            if len(raw) > limit and not raw.endswith(b"\n"):
                while True:  # skip the rest of the oversized line
                    rest = stream.readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
        except (OSError, EOFError, zlib.error) as exc:
            yield SourceError(origin, f"the file is damaged after line {number} ({exc}); the lines before it were read")
            return
        if not raw:
            break
        number += 1
        if not raw.strip():
            continue
        seen = True
        where = f"{origin}:{number}"
        if len(raw) > limit:
            yield SourceError(where, f"the line is over the limit of {limit:,} bytes; raise max_input_bytes to read it")
            continue
        try:
            line = decode_bytes(where, raw)
        except SourceError as exc:
            yield exc
            continue
        yield _line(where, line)
    if not seen:
        yield SourceError(origin, "no JSON lines in the file")


def _iter_lines(origin: str, text: str) -> Iterator[RawDocument | SourceError]:
    seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            seen = True
            yield _line(f"{origin}:{number}", line)
    if not seen:
        yield SourceError(origin, "no JSON lines in the file")


def _line(where: str, line: str) -> RawDocument | SourceError:
    try:
        value = load_json(line)
    except json.JSONDecodeError as exc:
        return SourceError(where, f"invalid JSON on this line ({exc.msg} at column {exc.colno}); fix or remove the line")
    except ValueError as exc:
        return SourceError(where, f"{exc}; fix or remove the line")
    return _safe_one(where, value)


def _safe_one(where: str, value: Any) -> RawDocument | SourceError:
    """``_one``, with an unforeseen failure on one record reported for that record only."""
    try:
        return _one(where, value)
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        return SourceError(where, f"unusable record ({type(exc).__name__}: {str(exc)[:200]}); fix or remove it")


def _has_content(obj: dict[str, Any]) -> bool:
    return any(obj.get(name) for name in (*TEXT_FIELDS, *HTML_FIELDS))


def _one(origin: str, value: Any) -> RawDocument | SourceError:
    """One JSON object -> RawDocument, or the SourceError saying what is missing."""
    if not isinstance(value, dict):
        return SourceError(origin, f"expected a JSON object, found {_json_type(value)}")
    url = _url(_first(value, URL_FIELDS))
    outlet = plain(_first(value, OUTLET_FIELDS))
    if outlet and _url(outlet):  # trafilatura's JSON puts the page URL in "source"
        url = url or outlet
        outlet = plain(_first(value, OUTLET_FIELDS[OUTLET_FIELDS.index("source") + 1 :])) or _host(outlet)
    declared = {
        "title": plain(_first(value, TITLE_FIELDS)),
        "url": url,
        "outlet": outlet,
        "author": plain(_first(value, AUTHOR_FIELDS)),
        "published": iso_date(_first(value, DATE_FIELDS)),
        "language": plain(_first(value, LANGUAGE_FIELDS)),
    }
    page = _first(value, HTML_FIELDS)
    if isinstance(page, str) and page.strip():
        return parse_html(origin, page, **declared)
    body = _first(value, TEXT_FIELDS)
    if isinstance(body, list):
        body = "\n\n".join(str(part).strip() for part in body if str(part).strip())
    if not isinstance(body, str) or not body.strip():
        present = [name for name in (*TEXT_FIELDS, *HTML_FIELDS) if name in value]
        detail = f"field {present[0]!r} is empty" if present else "none of them is present"
        return SourceError(
            origin,
            f"no article text: tried the fields {', '.join(TEXT_FIELDS + HTML_FIELDS)} ({detail}); "
            "rename the text field to 'text' or 'html'",
        )
    if _MARKUP.search(body[:2000]) and len(_MARKUP.findall(body)) >= 2:
        return parse_html(origin, body, **declared)
    return parse_text(origin, body, **declared)


def _first(obj: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {key.lower(): key for key in obj}
    for name in names:
        key = name if name in obj else lowered.get(name.lower())
        if key is not None and obj[key] not in (None, "", [], {}):
            return obj[key]
    return None


def _url(value: Any) -> str | None:
    text = plain(value)
    return text if text and text.lower().startswith(("http://", "https://")) else None


def _host(url: str) -> str | None:
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _json_type(value: Any) -> str:
    names = {list: "a list", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
