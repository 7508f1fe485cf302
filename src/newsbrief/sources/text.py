"""Plain-text articles: leading metadata lines are parsed and taken out of the text.

Two shapes of metadata are read, only at the top of the file:

* header lines ``Key: value`` (case-insensitive): Title/Headline, URL/Link,
  Source/Outlet/Publisher/Site, Author/By/Byline, Date/Published/Publication date,
  Language/Lang — consecutive, blank lines between them allowed;
* a YAML front-matter block (``---`` lines around ``key: value`` lines) as Markdown tools
  write it; keys outside the list above are dropped with the block;
* the dump format of the example seeds, `` date 2024-01-10 The US and six ...``: the key
  ``date`` without a colon, an ISO date, and the article text continuing on the same line.
  The rest of that line is text and is kept.  (``url https://...`` is read the same way.)

Everything else is left as it is (page chrome is extract.py's job).  When no title is
declared, a first line shaped like a headline becomes the ``title`` hint but stays in the
text: 5 to 20 words, no final sentence punctuation, followed by a blank line or by a longer
paragraph.  Lines of fewer than 5 words are left alone because at the top of scraped text
they are far more often slogans or section labels ("Get Informed, Stay Inspired") than
headlines.
"""

from __future__ import annotations

import re

from newsbrief.models import RawDocument
from newsbrief.sources.meta import iso_date, plain

_FIELDS = {
    "title": "title", "headline": "title",
    "url": "url", "link": "url",
    "source": "outlet", "outlet": "outlet", "publisher": "outlet", "site": "outlet",
    "author": "author", "authors": "author", "by": "author", "byline": "author",
    "date": "published", "published": "published", "publication date": "published",
    "pubdate": "published", "language": "language", "lang": "language",
}
_HEADER = re.compile(
    r"^[ \t]*(" + "|".join(sorted(map(re.escape, _FIELDS), key=len, reverse=True)) + r")[ \t]*:[ \t]*(\S.*?)\s*$",
    re.IGNORECASE,
)
# " date 2024-01-10 The US and six ..." (no colon; the text goes on after the value)
_INLINE = re.compile(
    r"^[ \t]*(?:(date|published)[ \t]+(\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"|(url)[ \t]+(https?://\S+))(?:[ \t]+|$)",
    re.IGNORECASE,
)
_MAX_HEADER_LINES = 12
_MAX_FRONT_MATTER_LINES = 40
_SENTENCE_END = (".", "!", ":", ";", ",", "…")


def parse_text(origin: str, text: str, **declared: str | None) -> RawDocument:
    """A RawDocument(text=...) with the metadata the text's top lines declare.

    ``declared`` holds metadata known from outside the text (a container's fields); values
    in the text itself fill only what is missing.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    found, body = split_metadata(text)
    fields = {k: v for k, v in declared.items() if v}
    for key, value in found.items():
        fields.setdefault(key, value)
    if "title" not in fields:
        title = guess_title(body)
        if title:
            fields["title"] = title
    return RawDocument(origin=origin, text=body, **fields)


def split_metadata(text: str) -> tuple[dict[str, str], str]:
    """(metadata found at the top, the text without those metadata lines)."""
    lines = text.split("\n")
    found: dict[str, str] = {}
    index = _front_matter(lines, found)
    limit = index + _MAX_HEADER_LINES
    while index < len(lines) and index < limit:
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        inline = _INLINE.match(line)
        if inline:
            if inline.group(1):
                _store(found, "published", inline.group(2))
            else:
                _store(found, "url", inline.group(4))
            rest = line[inline.end():]
            if rest.strip():
                lines[index] = rest
                break
            index += 1
            continue
        header = _HEADER.match(line)
        if not header:
            break
        _store(found, _FIELDS[header.group(1).lower()], header.group(2))
        index += 1
    if not found and index == 0:
        return {}, text
    body = "\n".join(lines[index:]).lstrip("\n")
    return found, body


def _front_matter(lines: list[str], found: dict[str, str]) -> int:
    """Read a YAML front-matter block (``---`` ... ``---``) into ``found``; the index after it."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, min(len(lines), _MAX_FRONT_MATTER_LINES)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return 0  # no closing line: a horizontal rule, not front matter
    for line in lines[1:end]:
        key, colon, value = line.partition(":")
        field = _FIELDS.get(key.strip().lower())
        if colon and field and value.strip():
            _store(found, field, value.strip().strip("'\""))
    return end + 1


def _store(found: dict[str, str], key: str, value: str) -> None:
    if key in found:
        return
    if key == "published":
        parsed = iso_date(value)
        if parsed:
            found[key] = parsed
    elif key == "url":
        if value.lower().startswith(("http://", "https://")):
            found[key] = value.strip()
    else:
        cleaned = plain(value)
        if cleaned:
            found[key] = cleaned


def guess_title(body: str) -> str | None:
    """The first line when it is shaped like a headline (see the module docstring)."""
    stripped = body.lstrip("\n")
    lines = stripped.split("\n")
    first = lines[0].strip().lstrip("#").strip()  # a Markdown heading's marks are not the title
    words = first.split()
    if not 5 <= len(words) <= 20 or first.endswith(_SENTENCE_END):
        return None
    rest = lines[1:]
    if not rest:
        return None
    if rest[0].strip() == "":
        return first
    return first if len(rest[0].split()) > len(words) else None
