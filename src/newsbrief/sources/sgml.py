"""Newswire SGML as the LDC and TREC ship it: one article per ``<DOC>``, and TimeML ``.tml``.

The format of DUC, TAC, AQUAINT(-2), Gigaword, TDT and the TREC disks::

    <DOC>
    <DOCNO> APW19981021.0001 </DOCNO>            (or <DOC id="AFP_ENG_20050101.0001">, <DOCID>)
    <DATE_TIME> 1998-10-21 07:12:00 </DATE_TIME>  (or <DATE>, <DATETIME>)
    <HEADLINE> ... </HEADLINE>                   (or <HEAD>, <HL>, <TITLE>)
    <TEXT><P> ... </P><P> ... </P></TEXT>
    </DOC>

many ``<DOC>`` to a file (Gigaword: a month of one wire), and TempEval's TimeML files
(``<TimeML><DOCID>``, the creation time in ``<DCT><TIMEX3 value=...>``, the text in
``<TEXT>`` with ``<EVENT>``/``<TIMEX3>`` inline), one article each.

It is SGML, not XML: bare ``&`` (AT&T), undeclared entities (``&AMP;``, the wires'
typesetting codes ``&QL; &UR; &Cx1f;``), ``<P>`` left open, attributes without quotes.  An XML
parser drops text at each of these, so each document goes through libxml2's HTML parser
(lxml), which reads them as SGML does; the few tag names that parser gives an HTML meaning
(``<BODY>``, ``<HEAD>``, ``<TITLE>``...) are renamed first so they stay where they are.

What each article gets:

* **outlet** from the source code that starts the document id (``APW`` -> Associated Press,
  see ``WIRE_SOURCES``); an unknown upper-case code is kept as it is (``FBIS``), never the
  file name;
* **published**, a day: the declared ``DATE_TIME``/``DATE``/``DCT`` when it is within two days
  of the day in the document id, else the id's day (DUC's June 1998 AP files swap day and
  month in ``DATE_TIME``; Xinhua's ids carry the day after the dateline's);
* **title** from the headline, without a trailing desk code (``(DW)``); an all-capitals headline
  in title case, acronyms kept (``sources/wire.py``);
* **author** from a byline paragraph in capitals (``By BILL MAXWELL`` -> "Bill Maxwell"), else
  from a byline in the headline, which leaves the title;
* **text**: one paragraph per ``<P>``; text without ``<P>`` is split at blank lines and, when
  it indents its paragraphs (AP, TREC), at indented lines; ``<ANNOTATION>`` notes to editors
  ("STORY CAN END HERE") and typesetting codes are left out, and so are the paragraphs of wire
  chrome ``sources/wire.py`` knows: the editor's slug closing the story ("(agh-gm)"),
  "ATTENTION EDITORS" notes, the byline, a copyright line ("c.1998 N.Y. Times News Service")
  and syndication notices ("For Use By Clients of the New York Times News Service").  When more words stand loose in
  the ``<DOC>``/``<BODY>``, outside any field, than in ``<TEXT>`` (5 NYT files of DUC 2007 put
  the story there and only the syndication tagline in ``<TEXT>``), those come first.

Files are streamed one ``<DOC>`` at a time, so a Gigaword month of any size can be read;
``max_input_bytes`` limits each document.  The origin of a document is the file's, with
``#DOCNO`` appended when the file holds several.  A document the file ends inside (a
truncated file), one with no ``<TEXT>``, and a file with no ``<DOC>`` are each one error
naming the file and the fix; the other documents of the file go on.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zlib
from collections.abc import Iterator
from typing import Protocol

from lxml import etree

from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources.decode import SGML_START, check_bytes, decode_bytes
from newsbrief.sources.meta import iso_date
from newsbrief.sources.wire import headline_byline, headline_case, strip_chrome

log = logging.getLogger(__name__)

# Source codes of the LDC/TREC corpora: those of DUC 2007 (APW, NYT, XIE) and TempEval-3
# (those and ABC, AP, CNN, PRI, SJMN, VOA, WSJ, wsj_), and the other wires of Gigaword, TDT
# and the TREC disks that DUC and TAC reuse.
WIRE_SOURCES: dict[str, str] = {
    "ABC": "ABC News",
    "AFP": "Agence France-Presse",
    "AP": "Associated Press",
    "APW": "Associated Press",
    "CNA": "Central News Agency",
    "CNN": "CNN",
    "FBIS": "Foreign Broadcast Information Service",
    "FT": "Financial Times",
    "LA": "Los Angeles Times",
    "LTW": "Los Angeles Times/Washington Post",
    "MNB": "MSNBC",
    "NBC": "NBC News",
    "NYT": "The New York Times",
    "PRI": "Public Radio International",
    "SJMN": "San Jose Mercury News",
    "VOA": "Voice of America",
    "WPB": "Washington Post/Bloomberg",
    "WSJ": "The Wall Street Journal",
    "XIE": "Xinhua",
    "XIN": "Xinhua",
}

_HEAD_BYTES = 4096
_BLOCK_BYTES = 1 << 20
_DOC_OPEN = re.compile(rb"<DOC[\s>]", re.IGNORECASE)
_DOC_CLOSE = re.compile(rb"</DOC\s*>", re.IGNORECASE)
_DOCNO_BYTES = re.compile(rb"<DOC(?:NO|ID)>\s*([^<\s]+)|<DOC\s[^>]*\bid\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Tags libxml2's HTML parser would move or drop (a second <body>, <head> after the body,
# <title> into the head) or read as raw text: renamed so they stay where they are.
_HTML_TAGS = re.compile(
    r"<(/?)(html|head|body|title|meta|link|base|style|script|noscript|plaintext|xmp|textarea|iframe|frameset|frame|noframes|noembed)(?=[\s/>])",
    re.IGNORECASE,
)
_RENAMED = "sgml-"
# Wire typesetting codes (&QL; &UR; &Cx1f;): left as text by the parser, as they are no entities.
_CODE = re.compile(r"&[A-Za-z][A-Za-z0-9]{0,7};")
_LINE_OR_CODE = re.compile(r"\n|&[A-Za-z][A-Za-z0-9]{0,7};")
_DESK_CODE = re.compile(r"\s*\([A-Z]{1,3}\)$")  # "STARING AT HATRED (DW)"
_ID_TAGS = ("docno", "docid")
_DATE_TAGS = ("date_time", "datetime", "date", "dct")  # DATETIME: ACE .sgm
_TITLE_TAGS = ("headline", "head", "hl", "title")
_PARAGRAPH_TAGS = frozenset({"p"})
_SKIPPED_TAGS = frozenset({"annotation"})
# APW19981021.0001, AFP_ENG_20050101.0001, ABC19980108.1830.0711 (a day as YYYYMMDD);
# AP880217-0100, WSJ900813-0157, ea980120.1830.0071 (YYMMDD; the LA Times writes MMDDYY);
# SJMN91-06338157, FT923-5089, FBIS3-1, wsj_0006 (no day).
_DAY8 = re.compile(r"^([A-Za-z]{2,5})(?:_[A-Za-z]{3}_)?(\d{4})(\d{2})(\d{2})(?:[.\-_]|$)")
_DAY6 = re.compile(r"^([A-Za-z]{2,5})(\d{2})(\d{2})(\d{2})(?:[.\-_]|$)")
_CODE_ONLY = re.compile(r"^([A-Za-z]{2,5})(?:\d|_)")
_DECLARED_DAY = (
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), (1, 2, 3)),  # 1999-06-12 15:10:11, 2003-04-21T12:32:00
    (re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)"), (3, 1, 2)),  # 10/16/1998 11:42:00 (US order)
    (re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"), (1, 2, 3)),  # 19980108
)
_WRITTEN_DAY = re.compile(r"\b[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}\b")
_MAX_DAYS_APART = 2


class Reader(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def iter_sgml(origin: str, stream: Reader, settings: Settings) -> Iterator[RawDocument | SourceError]:
    """Every ``<DOC>`` of the file read from ``stream`` (or its one TimeML document), in order."""
    previous: tuple[bytes, bool] | None = None  # held back until we know whether the file has several
    number = 0
    failure = None
    try:
        for document in _documents(origin, stream, settings.max_input_bytes):
            number += 1
            if previous is not None:
                yield _read(origin, previous, number - 1, True, settings)
            previous = document
    except SourceError as exc:
        failure = exc
    except (OSError, EOFError, zlib.error) as exc:  # a gzip member cut short or corrupt
        failure = SourceError(origin, f"cannot read the rest of the file ({exc}); re-copy or re-download it")
    if previous is not None:
        yield _read(origin, previous, number, number > 1 or failure is not None, settings)
    if failure is not None:
        yield failure
    elif number == 0:
        yield SourceError(
            origin, "no <DOC> element in it; newswire SGML holds <DOC>...</DOC> blocks (check that this is such a file)"
        )


def _documents(origin: str, stream: Reader, limit: int) -> Iterator[tuple[bytes, bool]]:
    """(the bytes of one document, whether it was closed) for each ``<DOC>`` in ``stream``;
    for a TimeML file, the whole file.  Text between documents is skipped."""
    head = stream.read(_HEAD_BYTES)
    start = SGML_START.match(head.lstrip())
    if start and start.group(1).lower() == b"timeml":
        data = head + stream.read(limit + 1 - len(head))
        if len(data) > limit:
            raise SourceError(origin, f"a TimeML file over max_input_bytes ({limit:,} bytes); split it or raise max_input_bytes")
        yield data, True
        return
    buffer, position = head, 0  # documents are cut at offsets: slicing the block for each one copies it
    at_end = not head
    while True:
        opened = _DOC_OPEN.search(buffer, position)
        if opened is None:
            position = max(position, len(buffer) - 8)  # "<DOC" may straddle two blocks
        else:
            position = opened.start()
            following = _DOC_OPEN.search(buffer, position + 4)
            closed = _DOC_CLOSE.search(buffer, position + 4, following.start() if following else len(buffer))
            if closed is not None:
                yield buffer[position: closed.end()], True
                position = closed.end()
                continue
            if following is not None:  # no </DOC> before the next <DOC>: the document is whole all the same
                log.info("%s: a <DOC> has no </DOC> before the next <DOC>; read up to there", origin)
                yield buffer[position: following.start()], True
                position = following.start()
                continue
            if at_end:
                yield buffer[position:], False
                return
            if len(buffer) - position > limit:
                docno = _docno(buffer[position:])
                raise SourceError(
                    f"{origin}#{docno}" if docno else origin,
                    f"a <DOC> over max_input_bytes ({limit:,} bytes), or one never closed; check its </DOC>, "
                    "or raise max_input_bytes",
                )
        if at_end:
            return
        block = stream.read(_BLOCK_BYTES)
        at_end = not block
        buffer, position = buffer[position:] + block, 0


def _docno(chunk: bytes) -> str | None:
    match = _DOCNO_BYTES.search(chunk[:_HEAD_BYTES])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "replace")


def _read(origin: str, document: tuple[bytes, bool], number: int, several: bool, settings: Settings) -> RawDocument | SourceError:
    chunk, closed = document
    docno = _docno(chunk)
    where = f"{origin}#{docno or f'DOC {number}'}" if several else origin
    if not closed:
        return SourceError(
            where, "the file ends inside this <DOC> (no </DOC>): it is cut short; re-copy or re-download the file"
        )
    try:
        check_bytes(where, chunk, settings)
        return parse_document(where, decode_bytes(where, chunk))
    except SourceError as exc:
        return exc


def parse_document(origin: str, markup: str) -> RawDocument:
    """One ``<DOC>`` (or TimeML document) as a RawDocument; ``SourceError`` when it has no text."""
    element = _parse(origin, markup)
    docid = _first_text(element, _ID_TAGS) or (element.get("id") or "").strip() or None
    outlet, id_day = source_of(docid) if docid else (None, None)
    text_element = next(element.iter("text"), None)
    inside = strip_chrome(paragraphs(text_element) if text_element is not None else [])
    loose = strip_chrome(_loose_paragraphs(element))
    found, author = inside.paragraphs, inside.author
    if _words(loose.paragraphs) > _words(found):  # the story typed outside <TEXT>, the <TEXT> only its tagline
        found, author = loose.paragraphs + found, loose.author or author
    if not found:
        raise SourceError(
            origin,
            "the <TEXT> of this <DOC> is empty; fill it in or leave the document out" if text_element is not None
            else "this <DOC> has no <TEXT> element, so no article text; put the text in <TEXT>...</TEXT> or leave the document out",
        )
    text = "\n\n".join(found)
    title, byline = headline_byline(_headline_segments(element), found)
    title = _DESK_CODE.sub("", title)
    return RawDocument(
        origin=origin,
        text=text,
        title=headline_case(title, found) if title else None,
        outlet=outlet,
        author=author or byline,
        published=_published(id_day, _declared_day(element)),
    )


def _parse(origin: str, markup: str) -> etree._Element:
    markup = _HTML_TAGS.sub(rf"<\1{_RENAMED}\2", _PROLOGUE.sub("", markup, count=1))
    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(markup, parser)
    except (etree.LxmlError, ValueError) as exc:
        raise SourceError(origin, f"cannot parse this document ({exc}); check its markup") from exc
    element = None if root is None else next(root.iter("doc", "timeml"), None)
    if element is None:
        raise SourceError(origin, "no <DOC> or <TimeML> element could be read; check the file's markup")
    return element


def _first_text(element: etree._Element, tags: tuple[str, ...]) -> str | None:
    for tag in tags:
        found = next(element.iter(tag, _RENAMED + tag), None)
        if found is not None:
            value = _clean(" ".join(found.itertext()))
            if value:
                return value
    return None


def _headline_segments(element: etree._Element) -> list[str]:
    """The first non-empty headline, cut at its line breaks and typesetting codes (where a
    wire puts the byline: "... METALLICA FANS &HT; BY BENNY EVANGELISTA"), each part cleaned."""
    for tag in _TITLE_TAGS:
        found = next(element.iter(tag, _RENAMED + tag), None)
        if found is not None:
            parts = [_clean(part) for part in _LINE_OR_CODE.split(" ".join(found.itertext()))]
            if any(parts):
                return [part for part in parts if part]
    return []


def _clean(text: str) -> str:
    return " ".join(_CODE.sub(" ", text).split())


def paragraphs(text_element: etree._Element) -> list[str]:
    """The paragraphs of a ``<TEXT>`` element (see the module docstring)."""
    blocks: list[tuple[str, bool]] = [("", False)]  # (raw text, inside a <P>)

    def add(text: str | None) -> None:
        if text:
            raw, in_p = blocks[-1]
            blocks[-1] = (raw + text, in_p)

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED_TAGS:
            return
        if tag in _PARAGRAPH_TAGS:
            blocks.append(("", True))
        add(element.text)
        for child in element:
            walk(child)
            add(child.tail)
        if tag in _PARAGRAPH_TAGS:
            blocks.append(("", False))

    walk(text_element)
    found: list[str] = []
    for raw, in_p in blocks:
        for part in _split_block(raw, in_p):
            cleaned = _clean(part)
            if cleaned:
                found.append(cleaned)
    return found


def _loose_paragraphs(element: etree._Element) -> list[str]:
    """The paragraphs of text typed directly in the ``<DOC>`` or its ``<BODY>``, outside any
    field (a few NYT files of DUC 2007 have their story there, between headline and <TEXT>)."""
    raw: list[str] = []
    bodies = [child for child in element if child.tag == _RENAMED + "body"]
    for container in (element, *bodies):
        raw.append(container.text or "")
        raw.extend(child.tail or "" for child in container)
    return [cleaned for part in _split_block("\n".join(raw), False) if (cleaned := _clean(part))]


def _words(found: list[str]) -> int:
    return sum(len(paragraph.split()) for paragraph in found)


def _split_block(raw: str, in_p: bool) -> list[str]:
    """A block of text split at blank lines, and (outside a <P>) at indented lines when the
    block indents its paragraphs: a paragraph's first line indented, the others not."""
    parts = re.split(r"\n[ \t]*\n", raw)
    if in_p:
        return parts
    lines = [line for line in raw.split("\n") if line.strip()]
    indented = sum(line[:1] in (" ", "\t") for line in lines)
    if indented < 2 or indented == len(lines):
        return parts
    return [piece for part in parts for piece in re.split(r"\n(?=[ \t]+\S)", part)]


def source_of(docid: str) -> tuple[str | None, str | None]:
    """(outlet, ISO day) a document id gives: ``APW19990612.0141`` -> ("Associated Press",
    "1999-06-12"); an unknown upper-case source code is its own outlet; None for what it lacks."""
    code, day = None, None
    if match := _DAY8.match(docid):
        code, day = match.group(1), _day(int(match.group(2)), int(match.group(3)), int(match.group(4)))
    elif match := _DAY6.match(docid):
        code = match.group(1)
        first, second, third = (int(g) for g in match.group(2, 3, 4))
        if code.upper() == "LA":  # LA010189-0001: month, day, year
            first, second, third = third, first, second
        day = _day(first + (1900 if first >= 50 else 2000), second, third)
    elif match := _CODE_ONLY.match(docid):
        code = match.group(1)
    if code is None:
        return None, None
    outlet = WIRE_SOURCES.get(code.upper()) or (code if code.isupper() else None)
    return outlet, day


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _declared_day(element: etree._Element) -> str | None:
    """The day the document's DATE_TIME, DATE or DCT declares (a TimeML DCT's ``value``)."""
    for tag in _DATE_TAGS:
        found = next(element.iter(tag), None)
        if found is None:
            continue
        timex = next(found.iter("timex3"), None)
        value = (timex.get("value") if timex is not None else None) or " ".join(found.itertext())
        for pattern, (y, m, d) in _DECLARED_DAY:
            match = pattern.search(value)
            if match:
                day = _day(int(match.group(y)), int(match.group(m)), int(match.group(d)))
                if day:
                    return day
        written = _WRITTEN_DAY.search(value)  # "January 1, 1989, Sunday, Home Edition"
        parsed = iso_date(written.group(0)) if written else None
        if parsed:
            return parsed[:10]
    return None


def _published(id_day: str | None, declared: str | None) -> str | None:
    if id_day is None or declared is None:
        return declared or id_day
    apart = abs((dt.date.fromisoformat(id_day) - dt.date.fromisoformat(declared)).days)
    return declared if apart <= _MAX_DAYS_APART else id_day
