"""Bytes -> str for every input kind, and what kind of document some bytes hold.

``check_bytes`` refuses empty, oversized and binary inputs with a reason.  ``decode_bytes``
follows the declared charset first (byte-order mark, HTTP ``Content-Type``, HTML
``<meta charset>``, XML ``encoding=``), then strict UTF-8, then UTF-8 with a few stray bytes
replaced (when the rest is plainly UTF-8), then charset-normalizer's detection limited to
the charsets news sites use (``NEWS_CHARSETS``).  Unlabelled single-byte text is read as
windows-1252 when that is among the detector's near-best candidates: short Western texts
otherwise come out as cp1257 or cp1250 mojibake ("à" -> "ą"), and windows-1252 is the web's
default for unlabelled pages (``bench/sources.py`` measures this on real article bodies).
``sniff_kind`` and ``kind_for_name`` say which reader a document goes to.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

import charset_normalizer

from newsbrief.errors import SourceError
from newsbrief.settings import Settings

Kind = Literal["text", "html", "json", "feed", "warc", "sgml"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of common binary formats, so the error can say what the file is.
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# The legacy charsets news sites and their archives actually use.  Detection is limited to
# them: unrestricted, charset-normalizer reads English with curly quotes as DOS or Mac code
# pages (cp852, mac_iceland: "Spain’s" -> "Spainĺs").
NEWS_CHARSETS = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_15", "koi8_r", "koi8_u",
    "cp932", "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "big5", "cp949", "euc_kr", "cp874",
)
_MULTIBYTE = frozenset({"cp932", "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "big5", "cp949", "euc_kr"})

_EXTENSIONS: dict[str, Kind] = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".sgml": "sgml", ".sgm": "sgml", ".tml": "sgml",
}

_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)["']""")
# Newswire SGML and TimeML (sources/sgml.py): <DOC> or <TimeML> first, after an optional prologue.
SGML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE[^>]*>\s*)?(?:<!--.*?-->\s*)*<(DOC|TimeML)[\s>]", re.IGNORECASE | re.DOTALL
)
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    rb"<(!doctype\s+html|html|head|body|p|div|article|meta|title|br|span|a\s)[\s>/]", re.IGNORECASE
)
_JSON_START = re.compile(rb'(\{\s*("|\})|\[\s*(\{|"|\]))')  # not "[Reuters] ..." text
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def kind_for_name(name: str) -> Kind | None:
    """The kind a file name's extension declares (".warc.gz" -> "warc"), None when unknown."""
    lower = name.lower()
    for extension in sorted(_EXTENSIONS, key=len, reverse=True):
        if lower.endswith(extension):
            return _EXTENSIONS[extension]
    return None


def check_bytes(origin: str, data: bytes, settings: Settings) -> None:
    """Raise ``SourceError`` for empty, oversized or binary input."""
    if not data.strip():
        raise SourceError(origin, "empty input (no text in it); check that the file was written completely")
    check_size(origin, len(data), settings)
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return  # UTF-16/32 text has NUL bytes; its byte-order mark says so
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise SourceError(
                origin, f"binary input ({what}); newsbrief reads text, HTML, JSON/JSONL, RSS/Atom feeds and WARC files"
            )
    head = data[:8192]
    if b"\x00" in head or len(_CONTROL.findall(head)) > 0.05 * len(head):
        raise SourceError(
            origin, "binary input (not text: it holds NUL or control bytes); newsbrief reads text, "
            "HTML, JSON/JSONL, RSS/Atom feeds and WARC files"
        )


def check_size(origin: str, size: int, settings: Settings) -> None:
    if size > settings.max_input_bytes:
        raise SourceError(
            origin,
            f"input is {size:,} bytes, over the limit of {settings.max_input_bytes:,}; "
            "split it or raise max_input_bytes",
        )


def decode_bytes(origin: str, data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` using its declared charset, else UTF-8, else detection.

    ``declared`` is a charset from outside the bytes (an HTTP header); a byte-order mark
    still wins over it, as in browsers.  Raises ``SourceError`` when nothing fits.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _undecodable(origin, encoding, exc) from exc
    for charset in (declared, _inline_charset(data)):
        text = _try_decode(data, charset)
        if text is not None:
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        text = _mostly_utf8(data) or _detect(data)
        if text is None:
            raise _undecodable(origin, None, utf8_error) from utf8_error
        return text


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray bytes (a bad copy-paste, a truncated character): decoded
    with U+FFFD for the strays, rather than guessing a legacy charset for the whole text."""
    text = data.decode("utf-8", errors="replace")
    strays = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - strays
    return text if multibyte >= 10 and strays <= max(2, multibyte // 50) else None


def _inline_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _HTML_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


# Python codecs that a charset label may name but that are not text encodings a document can
# be written in: bytes-to-bytes transforms (base64, hex, zlib, uu, quopri, rot13) are refused by
# ``_is_text_encoding``; these are text codecs in Python's sense but never a page's charset.
_NOT_CHARSETS = frozenset({"undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape", "utf-7", "mbcs", "oem"})


def text_encoding(label: str | None) -> str | None:
    """The codec a charset label names, when it is a real text encoding; None otherwise
    (unknown labels and codecs such as rot13, base64, zlib or punycode)."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip())
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def _try_decode(data: bytes, charset: str | None) -> str | None:
    name = text_encoding(charset)
    if name is None:
        return None  # an unknown or non-text label: fall through to UTF-8 and detection
    # WHATWG: pages labelled latin-1 / ascii are really windows-1252 (a superset).
    candidates = ["cp1252", name] if name in ("latin-1", "iso8859-1", "ascii") else [name]
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except (UnicodeError, LookupError, ValueError):
            continue
    return None


def _detect(data: bytes) -> str | None:
    matches = charset_normalizer.from_bytes(data, cp_isolation=list(NEWS_CHARSETS))
    best = matches.best()
    if best is None:
        return None
    if best.encoding in _MULTIBYTE:
        return str(best)
    for match in matches:
        if match.encoding in ("cp1252", "latin_1", "iso8859_15") and match.chaos <= best.chaos + 0.1:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                return data.decode("latin-1")
    return str(best)


def _undecodable(origin: str, encoding: str | None, exc: UnicodeDecodeError) -> SourceError:
    tried = f"as {encoding}" if encoding else "as UTF-8 and no other encoding fits"
    return SourceError(
        origin,
        f"cannot decode the text ({tried}; bad byte at offset {exc.start}); "
        "convert it to UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`) or declare its charset",
    )


def sniff_kind(data: bytes) -> Kind:
    """What a document's bytes look like: warc, sgml, feed, html, json or (by default) text."""
    head = data[:4096]
    for bom, _ in _BOMS:
        if head.startswith(bom):
            encoding = dict(_BOMS)[bom]
            head = head.decode(encoding, errors="ignore").encode("utf-8")
            break
    stripped = head.lstrip()
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if SGML_START.match(stripped):
        return "sgml"
    if _JSON_START.match(stripped):
        return "json"
    if stripped.startswith(b"<"):
        if _FEED_ROOT.search(head) and not re.search(rb"<html[\s>]", head, re.IGNORECASE):
            return "feed"
        if _HTML_TAG.search(head):
            return "html"
    elif len(_HTML_TAG.findall(head)) >= 3 and re.search(rb"</(p|div|body|html)>", data, re.IGNORECASE):
        return "html"  # markup after a bit of leading junk
    return "text"
