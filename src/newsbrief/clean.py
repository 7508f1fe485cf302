"""Text cleaning: split article text into paragraphs and remove page chrome, recording why.

Extraction (trafilatura, or a plain text file) leaves page chrome behind: calls to action
("JOIN US ON TELEGRAM", "scroll to top"), section labels ("Europe Ukraine"), image captions,
the headline of an unrelated article between two paragraphs, a headline printed twice.
Cleaning removes such lines *conservatively* and records each one as a
:class:`~newsbrief.models.Removal` with its reason, so nothing disappears silently.

The rules look at the shape of a line (length, final punctuation, title case, imperative
call-to-action vocabulary, a closing dateline), its position, and repetition within the
article and across the stored articles of the same outlet -- never at a list of known
strings.  A line that reads as a sentence (ends with final punctuation and is more than a
few words) is only removed by the call-to-action rule, which also needs a second marker
("us", "our", "@handle", "newsletter", "Ctrl", ...).

Paragraph convention: the stored text has one paragraph per block, blocks separated by one
blank line (``"\\n\\n"``), whitespace inside a paragraph collapsed to single spaces.  Later
stages cite character offsets into exactly that text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsbrief.lexicon import CHROME_PHRASE
from newsbrief.models import Removal

# Characters that carry no text: zero-width spaces/joiners, BOM, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[^\S\n]+")
# TeX-style quotes, as newswire archives write them (DUC's AP, NYT and Xinhua text: ``like
# this'', `this'): shown as they are, a Markdown brief escapes the backticks and the quote
# analysis sees no quote.  Two apostrophes after a digit are inches (a 5'' screen), not a quote.
_TEX_QUOTES = (
    ("``", "\u201c"),
    (re.compile(r"(?<!\d)''"), "\u201d"),
    ("`", "\u2018"),
    (re.compile(r"\u2018((?:[^'\n]|'(?=\w))*?)'(?!\w)"), "\u2018\\1\u2019"),  # `this' -> ‘this’, not ‘this'
)
_WORD = re.compile(r"[\w’'.&-]*\w[\w’'&-]*")
_QUOTES = "\"“”«»„"
_TERMINAL = ".!?…:;。！？"
_CLOSERS = "\"'”’»)]"
_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "de", "for", "from", "in", "into", "of", "on", "or",
     "per", "the", "to", "vs", "via", "with"}
)

# Imperative call-to-action openings, the classic vocabulary of page chrome.  The lookahead
# keeps "Follow-up talks ..." and "Get's" out.
_CTA_START = re.compile(
    r"^(?:please\s+)?(?:join|follow|subscribe|sign\s+(?:up|in)|log\s+in|register|share|click|tap|"
    r"press|read\s+(?:more|also|next)|see\s+also|download|install|watch|listen|donate|support\s+us|"
    r"like\s+us|get|stay|scroll|back\s+to\s+top|don[’']?t\s+miss|never\s+miss|check\s+out|visit|"
    r"send\s+us|contact\s+us|leave\s+a\s+comment|report\s+an?\s+(?:error|typo)|advertisement)"
    r"(?![\w’'-])",
    re.I,
)
# A second marker that a CTA opening is addressed to the reader / points at a channel.
_CTA_MARKER = re.compile(
    r"(?:\b(?:us|our|here|below|newsletters?|telegram|twitter|facebook|instagram|whatsapp|youtube|"
    r"tiktok|app|ctrl|enter|button|link|updates|podcast)\b|@\w|https?://|www\.)",
    re.I,
)
# A pointer to another article: "Related: ...", "SEE MORE: ...", "... [VIDEO]".
_TEASER = re.compile(
    r"(?:^\[?(?:related(?:\s+(?:post|posts|stories|story|articles?|coverage|reading))?|see\s+(?:more|also)|"
    r"read\s+(?:more|also|next)|also\s+(?:read|see)|also|more|recommended|trending|most\s+read|top\s+stories|"
    r"watch|listen)\s*:|\[(?:video|pics?|photos?|gallery|watch|warning|reaction|poll|live)\]\s*$)",
    re.I,
)
_BARE_VALUE = re.compile(r"^(?:https?://\S+|www\.\S+|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)$")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A caption's closing dateline: "..., Jan. 8, 2024" / "8 January 2024" / "2024-01-08".
_DATELINE_END = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\W*$",
    re.I,
)
_PHOTO_CREDIT = re.compile(
    r"(?:\((?:photo|image|picture|file|credit)[^)]*\)\s*$|\b(?:photo|image|picture)\s*(?::|by\b|credit)|"
    r"getty\s+images|\bap\s+photo\b|\bafp\s+via\b|shutterstock|\breuters/)",
    re.I,
)
_BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}(?:\s*(?:,|and|\||/)\s*[^.!?]*)?$")


# --- text shape ------------------------------------------------------------------------


def typographic_quotes(text: str) -> str:
    """TeX-style quotes as typographic ones: ``this'' -> “this”, `this' -> ‘this’."""
    if "`" not in text and "''" not in text:
        return text
    for tex, quote in _TEX_QUOTES:
        text = tex.sub(quote, text) if isinstance(tex, re.Pattern) else text.replace(tex, quote)
    return text


def normalise(text: str) -> str:
    """NFC, no invisible characters, typographic quotes for TeX-style ones, Unix newlines,
    single spaces, stripped lines."""
    text = typographic_quotes(unicodedata.normalize("NFC", text).translate(_INVISIBLE))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain text: one per line, unless the text is hard-wrapped.

    A text is hard-wrapped (lines broken at a fixed width inside paragraphs, as news wires
    and e-mail write it) when it has at least 8 lines, nearly all at most 100 characters,
    most of them ending mid-sentence.  Its lines are then joined into paragraphs, which end
    at a blank line, at an indented line (when the text indents its paragraphs), and after a
    line much shorter than the wrap width.  Otherwise every non-empty line is a paragraph.
    """
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [normalise(line) for line in raw_lines]
    filled = [line for line in lines if line]
    if not filled:
        return []
    lengths = sorted(len(line) for line in filled)
    wrapped = (
        len(filled) >= 8
        and sum(length <= 100 for length in lengths) >= 0.95 * len(lengths)
        and lengths[len(lengths) // 2] >= 40
        and sum(not ends_sentence(line) for line in filled) >= 0.5 * len(filled)
    )
    if not wrapped:
        return filled
    width = lengths[-1]
    indented = [bool(re.match(r"^(?:\t|  )[ \t]*\S", line)) for line in raw_lines]
    uses_indent = sum(indented) >= 3
    paragraphs: list[str] = []
    current: list[str] = []
    for line, indent in zip(lines, indented, strict=True):
        if current and (not line or (uses_indent and indent)):
            paragraphs.append(" ".join(current))
            current = []
        if line:
            current.append(line)
            # A short line ends its paragraph, unless it ends on a connector ("NEW YORK _").
            if len(line) < 0.6 * width and not line.endswith(("_", "-", "–", "—", ",", "(")):
                paragraphs.append(" ".join(current))
                current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def ends_sentence(line: str) -> bool:
    """True when the line ends with final punctuation (possibly inside closing quotes)."""
    stripped = line.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_title_case(line: str) -> bool:
    """Most content words capitalised, as in a headline ("Germany’s Role in Dodging Sanctions")."""
    content = [w for w in words(line) if w[0].isalpha() and w.lower() not in _FUNCTION_WORDS]
    if len(content) < 2:
        return False
    capitalised = sum(w[0].isupper() for w in content)
    return capitalised / len(content) >= 0.8


def is_body(line: str) -> bool:
    """A paragraph of running text: a dozen words or more, ending like a sentence."""
    return len(words(line)) >= 12 and ends_sentence(line)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_LIST_ITEM = re.compile(r"^(?:[-–—•*·▪►]|\d{1,2}[.)])\s")


def count_words(text: str) -> int:
    """Words of ``text``: whitespace tokens, with Chinese/Japanese/Korean text counted at two
    characters a word (those scripts do not separate words with spaces)."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(text.split())
    return len(_CJK.sub(" ", text).split()) + cjk // 2


def _not_prose(line: str) -> bool:
    """Lines the shape rules must leave alone: list items, and CJK text (no spaces between words)."""
    return bool(_LIST_ITEM.match(line) or _CJK.search(line))


def _has_quote(line: str) -> bool:
    return any(q in line for q in _QUOTES)


def _stems(line: str) -> set[str]:
    """Crude content-word stems (first five letters) for comparing a caption with its paragraph."""
    return {w.lower()[:5] for w in words(line) if len(w) > 3 and w.lower() not in _FUNCTION_WORDS}


def _key(line: str) -> str:
    return " ".join(line.casefold().split())


# --- line rules ------------------------------------------------------------------------


def call_to_action(line: str) -> str | None:
    """Reason when ``line`` addresses the reader (join/follow/subscribe/press ...), else None."""
    n = len(words(line))
    if _BARE_VALUE.match(line):
        return "bare URL or timestamp"
    if n == 0 or n > 20 or _has_quote(line):
        return None
    if CHROME_PHRASE.search(line):
        return "call to action or site notice addressed to the reader"
    if _TEASER.search(line) and not ends_sentence(line.removesuffix("]")):
        return "link to another article (teaser)"
    if n <= 15 and _CTA_START.search(line) and (not ends_sentence(line) or _CTA_MARKER.search(line)):
        return "call to action (imperative line addressed to the reader)"
    return None


def caption(line: str, following: str | None) -> str | None:
    """Reason when ``line`` is an image caption, else None.

    A caption has no final punctuation and either carries a photo credit, or closes with a
    dateline and is restated by the paragraph right after it.
    """
    if ends_sentence(line) or _has_quote(line):
        return None
    n = len(words(line))
    if 3 <= n <= 40 and _PHOTO_CREDIT.search(line):
        return "image caption or photo credit"
    if n >= 6 and _DATELINE_END.search(line) and following is not None:
        mine = _stems(line)
        if mine and len(mine & _stems(following)) / len(mine) >= 0.3:
            return "image caption (closing dateline, restated by the next paragraph)"
    return None


def byline(line: str) -> str | None:
    if len(words(line)) <= 12 and not ends_sentence(line) and _BYLINE.match(line):
        return "byline"
    return None


def label(line: str, at_edge: bool) -> str | None:
    """Reason when ``line`` is a bare label: one capitalised word ("Details") anywhere, or up
    to three ("Europe Ukraine") at the head or tail of the article.

    Two- and three-word headings inside the body are the article's own subheadings and stay.
    """
    ws = words(line)
    if not 1 <= len(ws) <= (3 if at_edge else 1) or len(line) > 40 or _not_prose(line):
        return None
    if ends_sentence(line) or _has_quote(line) or line.endswith(","):
        return None
    alpha = [w for w in ws if w[0].isalpha()]
    if alpha and all(w[0].isupper() or w.lower() in _FUNCTION_WORDS for w in alpha):
        return "section label or heading (one to three words, no sentence)"
    return None


def stray_headline(line: str, previous: str | None, following: str | None) -> str | None:
    """Reason when ``line`` is a headline standing between two paragraphs of running text."""
    n = len(words(line))
    if not 4 <= n <= 16 or ends_sentence(line) or _has_quote(line) or line.endswith(","):
        return None
    # All-capital lines between paragraphs are this article's own subheadings: they stay.
    if _not_prose(line) or line.isupper() or any(ch.isdigit() for ch in line) or not is_title_case(line):
        return None
    if previous is not None and following is not None and is_body(previous) and is_body(following):
        return "headline-like line (title case, no final punctuation) between body paragraphs"
    return None


_DATE_WORD = re.compile(rf"^(?:{_MONTH}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d+(?:st|nd|rd|th)?)$", re.I)


def is_title_shaped(line: str) -> bool:
    """A short headline: 3-25 words, no final full stop, not a lowercase fragment, not a date."""
    ws = words(line)
    stripped = line.rstrip(_CLOSERS + " ")
    if not 3 <= len(ws) <= 25 or stripped.endswith((".", ":", ";", ",")) or not line[0].isupper():
        return False
    return sum(not _DATE_WORD.match(w) for w in ws) >= 2


# --- the cleaner -----------------------------------------------------------------------


@dataclass
class Cleaned:
    """The outcome of cleaning one article's paragraphs."""

    paragraphs: list[str]
    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    author: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _body_span(paragraphs: Sequence[str]) -> tuple[int, int]:
    """Index of the first and last paragraph of running text (the body lies between them)."""
    body = [i for i, line in enumerate(paragraphs) if is_body(line)]
    return (body[0], body[-1]) if body else (len(paragraphs), -1)


def _local_reason(paragraphs: Sequence[str], i: int, body: tuple[int, int]) -> str | None:
    line = paragraphs[i]
    previous = paragraphs[i - 1] if i > 0 else None
    following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
    at_edge = i < 3 or i >= len(paragraphs) - 3 or i < body[0] or i > body[1]
    return (
        call_to_action(line)
        or caption(line, following)
        or (byline(line) if i < 3 or i >= len(paragraphs) - 2 else None)
        or label(line, at_edge)
        or stray_headline(line, previous, following)
    )


def _is_repeat_chrome(line: str, first_position: int) -> bool:
    """Whether a second copy of ``line`` is chrome rather than a deliberate repetition.

    A repeated headline (first copy among the first three kept paragraphs) or a whole
    paragraph printed twice (20+ words) is chrome; a short line said twice (an interviewer's
    question put to several people, a feature listed under two products) is not.
    """
    n = len(words(line))
    return n >= 3 and (first_position < 3 or n >= 20)


def clean_paragraphs(paragraphs: Sequence[str], title: str | None = None) -> Cleaned:
    """Remove chrome that the article itself shows (line shape, position, repetition).

    The result depends only on the input, never on what is stored, so the content hash of
    the cleaned text is stable.  ``title`` is the title already known from metadata; when
    there is none, a headline-shaped first line becomes the title.
    """
    result = Cleaned(paragraphs=[])
    kept: list[str] = []
    seen: dict[str, int] = {}
    body = _body_span(paragraphs)
    for i, line in enumerate(paragraphs):
        reason = _local_reason(paragraphs, i, body)
        if reason is None and _key(line) in seen and _is_repeat_chrome(line, seen[_key(line)]):
            reason = "repeated line (the same line appears earlier in the article; one copy kept)"
        if reason is not None:
            result.removed.append(Removal(line=line, reason=reason))
            if reason == "byline" and result.author is None:
                result.author = re.sub(r"^by\s+", "", line, flags=re.I).strip()
            continue
        seen[_key(line)] = len(kept)
        kept.append(line)
    headline_twice = any(r.line == kept[0] and r.reason.startswith("repeated") for r in result.removed) if kept else False
    if kept and title is None and headline_twice:
        result.title = kept[0]  # printed as headline and again as lead: title and first paragraph
    elif kept and title is None and is_title_shaped(kept[0]) and len(kept) > 1:
        result.title = kept[0]
        result.removed.append(Removal(line=kept.pop(0), reason="title (headline-shaped first line)"))
    elif kept and title is not None and _key(kept[0]) == _key(title) and len(kept) > 1:
        result.removed.append(Removal(line=kept.pop(0), reason="title repeated as the first line"))
    result.paragraphs = kept
    return result


def remove_outlet_chrome(
    cleaned: Cleaned, outlet: str | None, outlet_lines: Callable[[str], dict[str, int]], min_repeats: int
) -> Cleaned:
    """Remove short lines repeated across ``min_repeats`` or more stored articles of ``outlet``.

    Only lines that do not read as a sentence (no final punctuation) or are very short
    (eight words or fewer) qualify, so an outlet's recurring background paragraph, or the
    shared sentences of two versions of one story, are never taken for chrome.
    """
    if not outlet or not cleaned.paragraphs:
        return cleaned
    counts = outlet_lines(outlet)
    if not counts:
        return cleaned
    kept: list[str] = []
    removed = list(cleaned.removed)
    for line in cleaned.paragraphs:
        repeats = counts.get(line.strip(), 0) if len(line) <= 120 else 0
        if repeats >= min_repeats and (not ends_sentence(line) or len(words(line)) <= 8):
            removed.append(Removal(line=line, reason=f"repeated in {repeats} stored articles of {outlet}"))
        else:
            kept.append(line)
    if not kept:  # every line is the outlet's chrome: keep the text, removal would leave nothing
        return cleaned
    return Cleaned(paragraphs=kept, removed=removed, title=cleaned.title, author=cleaned.author)


# -- titles --------------------------------------------------------------------------------------

_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:]\s+[^|\-–—:]{2,40}$")
# A wire story sent in parts: Xinhua numbers the parts after the first ("Organic Food for a Healthier Life (2)").
_PART_NUMBER = re.compile(r"(?<=\S)\s+\(\d{1,2}\)$")
# a wire editors' note glued to the title: "... Split in Two EDS-Updates with more details"
_EDITORS_NOTE = re.compile(r"(?<=\S)\s+EDS\s*[-:].*$")


def clean_title(title: str, outlet: str | None = None) -> str:
    """A title without the site name tacked on (" | Kyiv Post", " - UNN"), a wire part's number
    ("... (2)"), a wire editors' note ("EDS-Updates with more details") or a final period."""
    cleaned = _PART_NUMBER.sub("", _EDITORS_NOTE.sub("", " ".join(title.split())))
    match = _TITLE_SUFFIX.search(cleaned)
    if match:
        tail = match.group(0).strip(" |-–—:").lower()
        if (outlet and tail.replace(" ", "") in outlet.lower().replace(" ", "")) or len(tail.split()) <= 3:
            cleaned = cleaned[: match.start()]
    return cleaned.rstrip(" .")
