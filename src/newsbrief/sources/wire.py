"""Newswire copy conventions that the SGML reader (``sources/sgml.py``) undoes.

Two things a wire story carries that a reader of the brief should not see as such:

* **An all-capitals headline** (the New York Times service: "JURY: ARYANS TO PAY $6.3 MILLION").
  :func:`headline_case` writes it in title case.  A word keeps the spelling the story itself
  gives it when that spelling has a capital after its first letter ("NATO", "FBI", "AIDS",
  "McVeigh", "U.S."); words without a vowel ("TV", "NBC") and Roman numerals ("II") stay upper
  case; articles, conjunctions and short prepositions are lower case inside the headline.  A
  headline with any lower-case letter is left as it is.
* **A byline in the headline** ("NAPSTER KICKS OFF 300,000 METALLICA FANS &HT; BY BENNY
  EVANGELISTA", "... Talks Start by Qi Deliang, Ma Xiaolin"): :func:`headline_byline` takes it
  out of the title; it becomes the article's author.
* **Chrome in the story text**: the editor's slug that closes an AP story ("(agh-gm)",
  "(bbb/dm)"), "ATTENTION EDITORS: ..." notes, a byline of its own ("By BILL MAXWELL", which
  becomes the article's author), a copyright line ("c.1998 N.Y. Times News Service") and the
  syndication notices that open or close a story ("Story Filed By Cox Newspapers", "For Use
  By Clients of the New York Times News Service", "(Distributed by New York Times Special
  Features)"), the end mark of the last paragraph ("ENDIT", "XXXX END OF STORY", "MORE") and
  the desk's cutting marks ("(BEGIN OPTIONAL TRIM)", "OPTIONAL SIDEBAR FOLLOWS").
  :func:`strip_chrome` takes them out by shape and position only: a paragraph that reads as a
  sentence is never one of them.  A headline loses its release code ("$ADV03") and a closing
  note to editors ("(NOTE: SIDEBAR MATERIAL AT END OF STORY)", "(FOR RELEASE ...)").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsbrief.lexicon import HONORIFICS

_LOWER_INSIDE = frozenset(["a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to", "v", "vs", "via"])
# "MR.", "DR.", "ST.", "JR.": abbreviations written in capitals, not acronyms.
_NOT_ACRONYMS = HONORIFICS | frozenset(["st", "jr", "sr"])
_ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$")
_TOKEN = re.compile(r"(?<![\dA-Za-z])[A-Za-z][A-Za-z.'’&]*")
# "WASHINGTON _", "CHATEAU D'OEX, Switzerland (AP) _": a dateline's capitals are no spelling.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]*(?:,[^_()]{0,40})?(?:\([^)]{1,30}\))?\s*(?:_|--|—)\s*")
_NUMBER_SUFFIX = re.compile(r"(?<=\d)(?:ST|ND|RD|TH|S)\b")
_CONTRACTION = re.compile(r"^(?:s|t|d|m|ll|re|ve)$", re.IGNORECASE)

# "(agh-gm)", "(bbb/dm)", "(sapa/pr/djw)", "(pw)": an editor's initials, a paragraph of their own.
_SLUG = re.compile(r"^\(\s*[a-z]{1,5}(?:\s*[-/]\s*[a-z]{1,5}){0,3}\s*\)$")
_ATTENTION = re.compile(r"^\(?\s*ATTENTION\s+(?:EDITORS?|EDS)\b", re.IGNORECASE)
# "By BILL MAXWELL", "By MALCOLM W. BROWNE", "By JOHN McKINNEY and ANN O'NEILL, Associated Press Writer"
_NAME = r"(?:(?:Mc|Mac|O'|D')?[A-Z][A-Z.'’-]*|de|da|di|del|der|du|la|le|van|von)"
_BYLINE = re.compile(
    rf"^By\s+(?P<names>{_NAME}(?:\s+{_NAME}){{0,4}}(?:\s*(?:,|and|AND|&)\s*{_NAME}(?:\s+{_NAME}){{0,4}})*?)"
    r"(?:\s*,\s*(?P<desk>[A-Z][\w .&-]{0,60}))?$"
)
# "c.1998 N.Y. Times News Service", "c. 1999 Bill Maxwell", "(c) 2000 Pentacom Productions"
_COPYRIGHT = re.compile(r"^(?:c\.|\(c\)|©)\s?(?:19|20)\d\d\s[^!?]{1,60}$")
# "Story Filed By Cox Newspapers", "For Use By Clients of the New York Times News Service",
# "(For use by New York Times News Service Clients)", "(Distributed by New York Times Special
# Features)": who may print the story, a paragraph of its own among the story's notes (its first
# ``_BYLINE_PARAGRAPHS``) or in its last ``_TAIL_PARAGRAPHS``.
_SYNDICATION = re.compile(
    r"^\(?\s*(?:story filed by [A-Z][\w.&' -]{0,40}|for use by (?:the )?(?:clients of (?:the )?)?"
    r"new york times (?:news service|syndicate)(?: clients)?|distributed by (?:the )?new york times [\w ]{0,30})"
    r"\s*\.?\s*\)?$",
    re.IGNORECASE,
)
# "ENDIT", "XXXX END OF STORY", "END OF STORY", "XXX", "MORE": the wire's end (or continued)
# marker, in capitals, the story's last paragraph but for syndication notices.
_END_MARK = re.compile(r"^(?:X{3,4}\s+)?END\s+OF\s+STORY\.?$|^(?:ENDIT|X{3,4}|MORE)$")
# "(BEGIN OPTIONAL TRIM)", "(END OPTIONAL TRIM.)", "ADDITONAL TRIM", "OPTIONAL SIDEBAR FOLLOWS":
# the desk's cutting marks, in capitals, a paragraph of their own anywhere in the story.
_TRIM_MARK = re.compile(
    r"^\(?\s*(?:(?:BEGIN|END)\s+)?(?:OPTIONAL|ADDITIONAL|ADDITONAL)\s+(?:TRIM|SIDEBAR(?:\s+FOLLOWS)?)\s*\.?\s*\)?$"
)
# In a headline: "$ADV03" (an advance's release code) and a closing note to editors in
# parentheses: "(NOTE: SIDEBAR MATERIAL AT END OF STORY)", "(ART ADV: PHOTO HAS BEEN SENT ...)",
# "(FOR RELEASE THE WEEK OF MON., NOV. 23, 1998)".
_HEADLINE_RELEASE_CODE = re.compile(r"(?<![\w$])\$ADV\d*\b", re.IGNORECASE)
_HEADLINE_NOTE = re.compile(r"\s*\(\s*(?:NOTE|ART\s+ADV|EDS?|EDITORS?|FOR\s+RELEASE)\b[^()]*\)\s*$", re.IGNORECASE)
_HEAD_PARAGRAPHS = 3
_TAIL_PARAGRAPHS = 3
_BYLINE_PARAGRAPHS = 6  # after up to five notes to editors
_MAX_COPYRIGHT_WORDS = 9


@dataclass
class Stripped:
    """The paragraphs left, the author a byline gave, and each removed paragraph with its reason."""

    paragraphs: list[str]
    author: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)


def strip_chrome(paragraphs: Sequence[str]) -> Stripped:
    """``paragraphs`` of one wire story without its slug, editors' notes, byline and copyright line.

    The byline may follow the syndicate's notes to editors, each in parentheses ("(To publish
    this article, it must be purchased ...)"); those before it, and one right after it
    ("(Distributed by New York Times Special Features)"), are notes too.
    """
    result = Stripped(paragraphs=[])
    byline_at = next((i for i, p in enumerate(paragraphs[:_BYLINE_PARAGRAPHS]) if _byline(p)), None)
    for i, paragraph in enumerate(paragraphs):
        reason = None
        if _SLUG.match(paragraph) and i == len(paragraphs) - 1:
            reason = "editor's slug"
        elif i < _HEAD_PARAGRAPHS and _ATTENTION.match(paragraph):
            reason = "note to editors"
        elif i == byline_at:
            reason = "byline"
            result.author = name_case(_byline(paragraph) or "")
        elif byline_at is not None and paragraph.startswith("(") and (
            i < byline_at or (i == byline_at + 1 and paragraph.endswith((")", ".)")))
        ):
            reason = "note to editors"
        elif _COPYRIGHT.match(paragraph) and len(paragraph.split()) <= _MAX_COPYRIGHT_WORDS:
            reason = "copyright line"
        elif (i < _BYLINE_PARAGRAPHS or i >= len(paragraphs) - _TAIL_PARAGRAPHS) and _SYNDICATION.match(paragraph):
            reason = "syndication notice"
        elif _END_MARK.match(paragraph) and all(_SYNDICATION.match(p) for p in paragraphs[i + 1 :]):
            reason = "end mark"  # the last paragraph, or followed by syndication notices only
        elif _TRIM_MARK.match(paragraph):
            reason = "trim mark"
        if reason is None:
            result.paragraphs.append(paragraph)
        else:
            result.removed.append((paragraph, reason))
    return result


# "... Talks Start by Qi Deliang, Ma Xiaolin" (Xinhua): two or more names after a last "by", in
# the headline's own mixed case, each of capitalised words ("Delayed by One Day" is no list).
_INLINE_BYLINE = re.compile(
    r"\s+by\s+(?P<names>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,3})+)$"
)


def headline_byline(segments: Sequence[str], story: Sequence[str]) -> tuple[str, str | None]:
    """The headline without the byline a wire put in it, and the byline's name(s) in title
    case (None when it has none).  ``segments`` are the headline's lines and the stretches
    between its typesetting codes; ``story`` the article's paragraphs.  A byline is the last of
    several segments when it reads "BY NAME" in capitals ("... METALLICA FANS &HT; BY BENNY
    EVANGELISTA"), or a headline's last words "by Name, Name" (two or more) when none of the
    names' words occurs in the story ("Talks Start by Qi Deliang, Ma Xiaolin"; not "Shelve Books by Size, Not
    Subject", "Rushdie Feels Hurt by India": a headline's words are the story's, a writer's
    name seldom is)."""
    parts = [s for s in (_headline_chrome(s) for s in segments) if s]
    if len(parts) > 1 and (names := _byline(re.sub(r"^BY\b", "By", parts[-1]))):
        return " ".join(parts[:-1]), name_case(names)
    headline = " ".join(parts)
    match = _INLINE_BYLINE.search(headline)
    if match is None or not re.search(r"[a-z]", headline[: match.start()]):
        return headline, None
    story_words = {w.lower() for p in story for w in re.findall(r"[A-Za-z'’-]+", p)}
    name_words = [w.lower() for w in re.findall(r"[A-Za-z'’-]+", match.group("names")) if w != "and"]
    if any(w in story_words for w in name_words):
        return headline, None
    return headline[: match.start()], match.group("names")


def _headline_chrome(segment: str) -> str:
    """A headline segment without a release code ("$ADV03") and a closing note to editors."""
    return " ".join(_HEADLINE_NOTE.sub("", _HEADLINE_RELEASE_CODE.sub("", segment)).split())


def _byline(paragraph: str) -> str | None:
    """The name(s) of a byline paragraph in capitals; None for any other paragraph."""
    match = _BYLINE.match(paragraph)
    return match.group("names") if match and _has_capitals(match.group("names")) else None


def _has_capitals(names: str) -> bool:
    """Whether a byline's name is written in capitals, as wire bylines are ("By McKinney's
    account" is a sentence, not a byline)."""
    return any(len(word) > 1 and word.isupper() for word in re.findall(r"[A-Za-z]+", names))


def name_case(names: str) -> str:
    """"BILL MAXWELL" -> "Bill Maxwell", "JOHN McKINNEY and ANN O'NEILL" -> "John McKinney and Ann O'Neill"."""
    return re.sub(r"[A-Za-z][A-Za-z'’-]*", lambda m: _capitalise(m.group(0)) if m.group(0) != "and" else "and", names)


def _capitalise(word: str) -> str:
    """One word in title case: "CLINTON'S" -> "Clinton's", "O'NEILL" -> "O'Neill", "McKINNEY" ->
    "McKinney", "ANTI-ABORTION" -> "Anti-Abortion"."""
    if _ROMAN.match(word):
        return word
    if re.match(r"^Ma?c[A-Z]", word):
        prefix = word[:2] if word[1] == "c" else word[:3]
        return prefix + _capitalise(word[len(prefix):])
    parts = re.split(r"(['’-])", word)
    out = []
    for index, part in enumerate(parts):
        after_apostrophe = index > 0 and parts[index - 1] in "'’"
        if after_apostrophe and _CONTRACTION.match(part):
            out.append(part.lower())
        else:
            out.append(part[:1].upper() + part[1:].lower())
    return "".join(out)


def headline_case(headline: str, story: Sequence[str]) -> str:
    """``headline`` in title case when it is all capitals (see the module docstring); ``story``
    is the article's paragraphs, whose spelling of a word decides whether it is an acronym."""
    if re.search(r"[a-z]", headline) or len(re.findall(r"[A-Z]", headline)) < 2:
        return headline
    headline = _NUMBER_SUFFIX.sub(lambda m: m.group(0).lower(), headline)  # "5TH" -> "5th", "1990S" -> "1990s"
    tokens = list(_TOKEN.finditer(headline))
    words = {m.group(0).rstrip("'’").lower() for m in tokens}
    spellings = _story_spellings(story, words | {re.split(r"['’]", w)[0] for w in words})
    pieces: list[str] = []
    position = 0
    for index, match in enumerate(tokens):
        word = match.group(0)
        before = headline[position: match.start()]
        starts = index == 0 or bool(re.search(r"[:;?!]\s*$|\s[-—_]+\s*$|^\W*[`'‘\"“(]\s*$", before))
        last = not re.search(r"[A-Za-z0-9]", headline[match.end():])
        pieces.append(before + _headline_word(word, spellings, starts or last))
        position = match.end()
    pieces.append(headline[position:])
    return "".join(pieces)


def _headline_word(word: str, spellings: dict[str, str], edge: bool) -> str:
    core = word.rstrip("'’")
    trail = word[len(core):]
    if core.lower() in spellings:
        return spellings[core.lower()] + trail
    stem, apostrophe, suffix = (re.split(r"(['’])", core, maxsplit=1) + ["", ""])[:3]
    if apostrophe and stem.lower() in spellings and _CONTRACTION.match(suffix):
        return spellings[stem.lower()] + apostrophe + suffix.lower() + trail  # "NATO'S" -> "NATO's"
    letters = core.replace(".", "")
    if ("." in core.rstrip(".") and len(letters) <= 4) or "&" in core:
        return word  # "U.S.", "N.C.", "O.J.", "AT&T"
    if (
        len(letters) > 1 and not re.search(r"[AEIOUY]", letters) and letters.lower() not in _NOT_ACRONYMS
        and "'" not in core and "’" not in core
    ) or _ROMAN.match(core):
        return word  # "TV", "NBC", "NFL", "II"
    if not edge and core.lower() in _LOWER_INSIDE:
        return core.lower() + trail
    return _capitalise(core) + trail


def _story_spellings(story: Sequence[str], words: set[str]) -> dict[str, str]:
    """Lower-cased word of ``words`` -> the story's usual spelling of it, for words the story
    writes with a capital after the first letter ("NATO", "McVeigh", "U.S.").  Datelines and
    paragraphs in capitals (subheads) are not read: their capitals are no spelling."""
    if not words:
        return {}
    wanted = re.compile(
        r"(?<![\w'’.])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?!\w)", re.IGNORECASE
    )
    seen: dict[str, Counter[str]] = {}
    for paragraph in story:
        if not re.search(r"[a-z]", paragraph):
            continue
        for match in wanted.finditer(_DATELINE.sub("", paragraph, count=1)):
            seen.setdefault(match.group(0).lower(), Counter())[match.group(0)] += 1
    spellings = {}
    for lower, forms in seen.items():
        form, _ = forms.most_common(1)[0]
        if re.search(r"[A-Z]", form[1:]):
            spellings[lower] = form
    return spellings
