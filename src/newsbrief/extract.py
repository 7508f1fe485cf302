"""Stage 2: RawDocument -> Article (clean main text, metadata, what was removed and why).

HTML goes through trafilatura (main text, title, site name, author, canonical URL, and the
publication date via htmldate); plain text is split into paragraphs.  Both are then cleaned
by :mod:`newsbrief.clean`, which removes page chrome and records each removed line.

Stored text: one paragraph per block, blocks separated by one blank line.  Metadata the
source declared wins over what extraction finds.  The outlet comes from metadata (source or
trafilatura's site name), else the URL's domain without ``www.``, else the file name stem;
it is never invented.

Ids: ``content_hash`` is the sha256 (first 16 hex digits) of the normalised text after the
per-document cleaning -- which depends on the input alone, so re-ingesting is idempotent
even after more articles of the outlet changed what counts as outlet chrome; ``id`` is the
sha256 of content hash + URL (or origin when there is no URL), so the same text at another
URL or path is a new article, linked later as an exact duplicate.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import py3langid
import trafilatura

from newsbrief.clean import (
    Cleaned,
    clean_paragraphs,
    count_words,
    normalise,
    remove_outlet_chrome,
    split_paragraphs,
    typographic_quotes,
)
from newsbrief.dedup import DuplicateIndex
from newsbrief.errors import ExtractionError, SourceError
from newsbrief.models import Article, RawDocument, site_label
from newsbrief.settings import Settings

__all__ = [
    "DuplicateIndex", "PreparedArticle", "article_id", "content_hash", "extract_article", "extract_html", "finish_article",
    "outlet_from", "prepare_article", "prepare_documents",
]

_TITLE_SEPARATORS = (" - ", " | ", " – ", " — ", " :: ", " · ")


def _sha16(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    """Hash of the text with all whitespace runs collapsed to one space."""
    return _sha16(" ".join(text.split()))


def article_id(text_hash: str, url_or_origin: str) -> str:
    return _sha16(f"{text_hash}\n{url_or_origin}")


def outlet_from(declared: str | None, url: str | None, origin: str) -> str | None:
    """The outlet stored with an article: declared name, else site, else file name
    (:func:`newsbrief.models.site_label`, the rule every label follows)."""
    return site_label(declared, url, origin)


def _strip_site_suffix(title: str | None, outlet: str | None) -> str | None:
    """"Fact check ... - News Nation" -> "Fact check ..." when the suffix is the site's name."""
    if not title:
        return None
    title = typographic_quotes(" ".join(title.split()))
    if outlet:
        for sep in _TITLE_SEPARATORS:
            head, found, tail = title.rpartition(sep)
            if found and head and tail.strip().casefold() == outlet.casefold():
                return head.strip()
    return title


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    return bad / len(sample) > 0.01


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for empty text."""
    if not text.strip():
        return None
    code, _score = py3langid.classify(text[:10000])
    return str(code)


# --- HTML ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlExtract:
    """What trafilatura found in one HTML page."""

    paragraphs: list[str]
    title: str | None
    sitename: str | None
    author: str | None
    url: str | None
    date: str | None


def extract_html(html: str, origin: str, url: str | None = None) -> HtmlExtract:
    """Main text (one paragraph per line of trafilatura's output) and metadata of a page."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise ExtractionError(origin, f"HTML could not be parsed ({type(exc).__name__}: {exc}); "
                                      "check that the file is a web page") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ExtractionError(origin, "no main text found in the HTML (trafilatura extracted nothing); "
                                      "the page may be empty, a front page, or need JavaScript")
    return HtmlExtract(
        paragraphs=split_paragraphs_html(text),
        title=getattr(doc, "title", None),
        sitename=site_name(getattr(doc, "sitename", None)),
        author=getattr(doc, "author", None),
        url=getattr(doc, "url", None),
        date=getattr(doc, "date", None),
    )


# A copyright notice trafilatura may take for the site's name (<meta name="copyright">):
# "Copyright 2014", "© 2019 Example Media Ltd. All rights reserved."
_COPYRIGHT = re.compile(r"^\s*(?:copyright\s*)?(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,.:]*", re.I)
_NOTICE = re.compile(r"^\s*(?:copyright\b|©|\(c\))", re.I)


def site_name(value: str | None) -> str | None:
    """The page's site name without a copyright notice: "© 2019 Example Media" -> "Example
    Media", "Copyright 2014" -> None (the outlet then comes from the URL)."""
    if not value or not value.strip():
        return None
    if not _NOTICE.match(value) or not re.search(r"\d{4}|©|\(c\)", value, re.I) and value.strip().lower() != "copyright":
        return value.strip()
    name = _COPYRIGHT.sub("", value, count=1)
    name = re.sub(r"[\s,.]*all rights reserved\.?\s*$", "", name, flags=re.I).strip(" ,.")
    return name if any(ch.isalpha() for ch in name) else None


def split_paragraphs_html(text: str) -> list[str]:
    """trafilatura puts one paragraph per line; never re-join them as hard-wrapped text."""
    return [line for line in normalise(text).split("\n") if line]


# --- the stage -------------------------------------------------------------------------


def extract_article(
    raw: RawDocument,
    settings: Settings,
    outlet_lines: Callable[[str], dict[str, int]],
) -> Article:
    """Clean text and metadata of one document; raises ExtractionError when no usable text.

    ``outlet_lines(outlet)`` gives, for each short line, how many stored articles of that
    outlet contain it; lines repeated in ``settings.chrome_min_repeats`` or more are chrome.
    """
    return finish_article(prepare_article(raw, settings), settings, outlet_lines)


@dataclass(frozen=True)
class PreparedArticle:
    """A document after the part of extraction that depends on the input alone (the costly
    part: HTML parsing, cleaning); :func:`finish_article` adds what depends on the store."""

    origin: str
    cleaned: Cleaned
    text_hash: str
    title: str | None
    url: str | None
    outlet: str | None
    author: str | None
    published: str | None
    declared_language: str | None
    language: str | None  # of the cleaned text, before the outlet's chrome is removed


def prepare_article(raw: RawDocument, settings: Settings) -> PreparedArticle:
    """Extract and clean one document, without the store (what corpus-mode workers run);
    raises ExtractionError when no usable text."""
    title, author, url, published, sitename = raw.title, raw.author, raw.url, raw.published, None
    if raw.html is not None:
        found = extract_html(raw.html, raw.origin, raw.url)
        paragraphs = found.paragraphs
        title = title or found.title
        author = author or found.author
        url = url or found.url
        published = published or found.date
        sitename = found.sitename
    elif raw.text is not None:
        if _looks_binary(raw.text):
            raise ExtractionError(raw.origin, "looks like binary data, not text; pass a text, HTML, JSON or WARC file")
        paragraphs = split_paragraphs(raw.text)
    else:
        raise ExtractionError(raw.origin, "document has neither HTML nor text")

    outlet = outlet_from(raw.outlet or sitename, url, raw.origin)
    title = _strip_site_suffix(title, outlet)
    cleaned: Cleaned = clean_paragraphs(paragraphs, title=title)
    word_count = count_words(cleaned.text)
    if word_count < settings.min_article_words:
        raise ExtractionError(
            raw.origin,
            f"only {word_count} word{'' if word_count == 1 else 's'} of article text after cleaning (minimum min_article_words="
            f"{settings.min_article_words}); not an article, or the page hides its text",
        )
    return PreparedArticle(
        origin=raw.origin, cleaned=cleaned, text_hash=content_hash(cleaned.text), title=title, url=url, outlet=outlet,
        author=author, published=published, declared_language=raw.language, language=detect_language(cleaned.text),
    )


def finish_article(
    prepared: PreparedArticle, settings: Settings, outlet_lines: Callable[[str], dict[str, int]]
) -> Article:
    """The article of a prepared document, with its outlet's chrome (lines repeated across
    the outlet's stored articles, ``outlet_lines``) removed."""
    # Whether a document is accepted, and its id, depend on the input alone; the outlet's
    # chrome (which depends on what is stored) may only trim an accepted article.
    cleaned = prepared.cleaned
    without_outlet_chrome = remove_outlet_chrome(cleaned, prepared.outlet, outlet_lines, settings.chrome_min_repeats)
    if count_words(without_outlet_chrome.text) >= settings.min_article_words:
        cleaned = without_outlet_chrome
    text = cleaned.text
    language = prepared.language if text == prepared.cleaned.text else detect_language(text)
    return Article(
        id=article_id(prepared.text_hash, prepared.url or prepared.origin),
        content_hash=prepared.text_hash,
        origin=prepared.origin,
        text=text,
        title=prepared.title or cleaned.title,
        url=prepared.url,
        outlet=prepared.outlet,
        author=prepared.author or cleaned.author,
        published=prepared.published,
        language=language or prepared.declared_language,
        removed=tuple(cleaned.removed),
        word_count=count_words(text),
    )


def prepare_documents(batch: tuple[list[RawDocument], Settings]) -> list[PreparedArticle | tuple[str, str]]:
    """:func:`prepare_article` over a batch of documents (what executors map in corpus mode):
    one result per document, in order, its PreparedArticle or (origin, reason) when it failed."""
    documents, settings = batch
    results: list[PreparedArticle | tuple[str, str]] = []
    for raw in documents:
        try:
            results.append(prepare_article(raw, settings))
        except SourceError as exc:
            results.append((exc.origin, exc.reason))
        except Exception as exc:  # a library bug on one odd page must not sink its batch
            results.append((raw.origin, f"extraction failed ({type(exc).__name__}: {exc})"))
    return results
