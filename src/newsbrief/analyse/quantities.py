"""Quantities: numbers (digits or words) with their modifier, unit and what they count.

"more than 560 of them being children" -> value 560, modifier "more than", counted
"children"; "almost 5 million shells" -> 5e6, "almost", "shells"; "460 kilometers" -> 460,
unit "km".  A number phrase is a run of number tokens (spaCy ``like_num`` plus multiplier
and vague words); the counted noun comes from the dependency parse: the noun the number
modifies (``nummod``), or the object of "of" ("at least one of the missiles").

Conventions (what is *not* a quantity, and vague numbers):

* Years and other dates belong to the times analyser: tokens inside a time expression are
  skipped.  So are identifiers ("Resolution 1874", "Article 5", "No. 3", "KN-23"), phone
  numbers and ordinals ("the 47th session", "first"): an ordinal ranks or names a thing,
  it does not count anything.
* A vague count keeps its bounds: ``value`` is the lower bound and ``value_max`` the upper
  one, and its vague words, lower-cased, are the ``modifier`` (after any hedge: "some tens
  of thousands of").  "a few" is 2-4, "a couple" 2-3, "several" 3-7, "tens of" 20-99, "dozens of" 24-99,
  "scores of" 40-99, "hundreds of" 200-999, "thousands of" 2,000-9,999, "millions of"
  2 million-999 million, "billions of" 2-999 billion.  A multiplier after "a few" or "several"
  multiplies both bounds: "several dozen" is 36-84, "a few hundred" 200-400, "several thousand"
  3,000-7,000, "a couple (of) hundred" 200-300 (modifier "several dozen", "a few hundred", ...).  A plural of a larger plural
  is one count, from the outer's lower bound times the inner's unit to just below the outer's
  next order ("hundreds of thousands of people": 200,000-999,999 people, modifier "hundreds of
  thousands of"; "tens of millions of dollars": $20 million-$99,999,999); a plural said twice
  ("thousands upon thousands", "thousands and thousands") is one count reaching ten times as
  high (2,000-99,999).  "Millions of dollars" is an amount (unit USD), nothing counted, as
  "$5 million" is.
* Ranges ("10 to 12", "10-12", "between 10 and 12") give ``value`` and ``value_max``.
"""

from __future__ import annotations

import re
from typing import Any

from newsbrief.analyse.record import LAYER_VERSIONS, Analysis
from newsbrief.analyse.times import time_spans
from newsbrief.models import Quantity

NAME = "quantities"
VERSION = LAYER_VERSIONS[NAME]  # bump it in analyse/record.py
REQUIRES = ("sentences",)
RECORD = Quantity

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
MULTIPLIERS = {
    "dozen": 12, "hundred": 100, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "trillion": 1e12,
}
# Vague counts: (lower, upper) bounds, multiplied by what follows ("several dozen").
VAGUE = {"a few": (2, 4), "few": (2, 4), "several": (3, 7), "a couple of": (2, 3), "a couple": (2, 3)}
VAGUE_PLURALS = {"tens": (20, 99), "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
                 "thousands": (2000, 9999), "millions": (2e6, 999e6), "billions": (2e9, 999e9)}
# The unit a plural counts in, when it is the inner one of "hundreds of thousands".
PLURAL_UNITS = {"hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
# "thousands upon thousands", "thousands and thousands": one plural said twice.
REPEATING_JOINERS = ("upon", "and")
MODIFIERS = (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "as many as", "as few as",
    "as much as", "just over", "just under", "well over", "nearly", "almost", "about", "around",
    "approximately", "roughly", "some", "over", "under", "an estimated", "estimated", "close to",
    "upwards of", "no more than", "no fewer than", "no less than", "only", "just",
)
UNITS = {
    "km": "km", "kilometer": "km", "kilometre": "km", "mile": "mi", "mi": "mi", "meter": "m", "metre": "m",
    "m": "m", "cm": "cm", "mm": "mm", "kg": "kg", "kilogram": "kg", "gram": "g", "ton": "t", "tonne": "t",
    "pound": "lb", "lb": "lb", "percent": "%", "per cent": "%", "%": "%", "percentage point": "pp",
    "dollar": "USD", "$": "USD", "us$": "USD", "euro": "EUR", "€": "EUR", "£": "GBP", "pound sterling": "GBP",
    "yen": "JPY", "¥": "JPY", "won": "KRW", "ruble": "RUB", "rouble": "RUB", "hryvnia": "UAH", "yuan": "CNY",
    "barrel": "bbl", "megaton": "Mt", "kiloton": "kt", "km/h": "km/h", "mph": "mph", "hectare": "ha",
    "square kilometer": "km2", "square mile": "mi2", "degree": "deg", "foot": "ft", "feet": "ft",
}
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₽": "RUB", "₴": "UAH"}
IDENTIFIER_WORDS = frozenset(
    {"resolution", "resolutions", "no", "no.", "nos.", "number", "article", "articles", "#", "paragraph",
     "section", "chapter", "page", "pages", "flight", "route", "room", "item", "code", "model", "version",
     "protocol", "amendment", "phase", "level", "stage", "category", "grade", "type", "line", "unit", "act",
     "rule", "clause", "annex", "figure", "table", "vol.", "volume", "episode", "season", "channel"}
)
# Nouns that count something else: "three rounds of lethal airstrikes" counts rounds of airstrikes.
CONTAINER_NOUNS = frozenset(
    {"round", "wave", "batch", "group", "set", "pair", "kind", "type", "series", "number", "lot", "shipment",
     "salvo", "volley", "piece", "part", "unit", "barrage", "load", "convoy", "cluster", "squad", "team"}
)
SKIPPED_ADJECTIVES = frozenset({"other", "more", "additional", "further", "such", "same", "different", "new"})
PHONE = re.compile(r"\+?\(?\d{2,4}\)?[\s.-]\d{3}[\s.-]\d{3,4}")


def find_quantities(doc: Any, article_id: str = "", skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity of ``doc`` (a spaCy Doc), except inside the character spans ``skip``.

    ``skip`` defaults to the document's time expressions (years and dates are not counts).
    """
    skip = time_spans(doc) if skip is None else skip
    text: str = doc.text  # once: Doc.text rebuilds the string on every access
    phones = [(m.start(), m.end()) for m in PHONE.finditer(text)]
    found: list[Quantity] = []
    i = 0
    while i < len(doc):
        phrase = _number_phrase(doc, i)
        if phrase is None:
            i += 1
            continue
        first, last = phrase
        i = last + 1
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        if any(start < e and s < end for s, e in skip + phones) or _is_identifier(doc, text, first, last):
            continue
        quantity = _quantity(doc, text, first, last, article_id)
        if quantity is not None:
            found.append(quantity)
            while i < len(doc) and doc[i].idx < quantity.end:  # a range's upper bound is consumed
                i += 1
    return found


def analyse(analysis: Analysis) -> list[Quantity]:
    """The analyser entry point: the quantities of one stored article."""
    skip = [(t.start, t.end) for t in analysis.times] if "times" in analysis.computed else None
    return find_quantities(analysis.doc, analysis.article.id, skip)


# --- the number phrase ------------------------------------------------------------------


def _is_number_token(token: Any) -> bool:
    word = token.lower_
    if _is_ordinal(token):
        return False
    return bool(token.like_num or word in MULTIPLIERS and token.i > 0 and token.nbor(-1).like_num
                or word in WORD_NUMBERS or word in ("dozen", "several", "few", "couple") or word in VAGUE_PLURALS
                and token.i + 1 < len(token.doc) and (token.nbor(1).lower_ == "of" or _repeated(token)))


def _repeated(token: Any) -> bool:
    """Whether a plural is said twice: "thousands upon thousands"."""
    return token.i + 2 < len(token.doc) and token.nbor(1).lower_ in REPEATING_JOINERS \
        and token.nbor(2).lower_ == token.lower_


def _is_ordinal(token: Any) -> bool:
    return bool(re.fullmatch(r"\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                             r"(?:\w+-)?\w+(?:ieth|teenth)", token.lower_)) and not token.lower_.endswith("teen")


def _number_phrase(doc: Any, i: int) -> tuple[int, int] | None:
    """Token range [first, last] of the number phrase starting at token ``i``, or None."""
    token = doc[i]
    if not _is_number_token(token):
        return None
    last = i
    if token.lower_ == "couple" and i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ in MULTIPLIERS:
        last = i + 1  # "a couple of hundred": the phrase goes on past its "of"
    elif token.lower_ in ("several", "few", "couple") and not (i + 1 < len(doc) and doc[i + 1].lower_ in MULTIPLIERS):
        return None  # "several" alone counts nothing precise: not a quantity
    if token.lower_ == "one" and not _counting_one(token):
        return None
    if token.lower_ in VAGUE_PLURALS:
        return i, _vague_plural_end(doc, i)
    while last + 1 < len(doc):
        nxt = doc[last + 1]
        if nxt.lower_ in MULTIPLIERS or (nxt.lower_ in WORD_NUMBERS and doc[last].lower_ not in ("dozen",)):
            last += 1
        elif nxt.text in ("-", "‐") and last + 2 < len(doc) and doc[last].lower_ in _TENS \
                and WORD_NUMBERS.get(doc[last + 2].lower_, 10) < 10:
            last += 2  # "Thirty-five" split into "Thirty", "-", "five": one number, not a range
        elif nxt.lower_ == "and" and last + 2 < len(doc) and doc[last + 2].lower_ in WORD_NUMBERS \
                and doc[last].lower_ in ("hundred", "thousand"):
            last += 2
        else:
            break
    return i, last


def _vague_plural_end(doc: Any, i: int) -> int:
    """The last token of a vague plural starting at ``i``: "hundreds" alone, or the inner plural
    of "hundreds of thousands", or the second of "thousands upon thousands"."""
    last = i
    while last + 2 < len(doc):
        outer, joiner, inner = doc[last].lower_, doc[last + 1].lower_, doc[last + 2].lower_
        larger = joiner == "of" and inner in PLURAL_UNITS and VAGUE_PLURALS[outer][1] < PLURAL_UNITS[inner]
        if not (larger or joiner in REPEATING_JOINERS and inner == outer):
            break
        last += 2
    return last


def _counting_one(token: Any) -> bool:
    """"one" counts in "one of the missiles" and "one missile", not in "no one" or "the one who"."""
    previous = token.nbor(-1).lower_ if token.i > 0 else ""
    if previous in ("no", "the", "this", "that", "any", "every", "each", "someone", "anyone", "which"):
        return False
    return token.dep_ == "nummod" or any(c.lower_ == "of" for c in token.children)


def _is_identifier(doc: Any, text: str, first: int, last: int) -> bool:
    token = doc[first]
    previous = doc[first - 1] if first > 0 else None
    if previous is not None and previous.lower_ in IDENTIFIER_WORDS:
        return True
    before = text[token.idx - 1] if token.idx > 0 else " "
    after_index = doc[last].idx + len(doc[last])
    after = text[after_index] if after_index < len(text) else " "
    if before == "-" and token.idx > 1 and text[token.idx - 2].isalpha():
        return True  # "KN-23", "F-16", "COVID-19"
    if before in "-–/" and token.idx > 1 and text[token.idx - 2].isdigit():
        return True  # the tail of "2010-11" or "24/7": not a count of its own
    if token.lower_ == "zero" and after == "-":
        return True  # "zero-coupon"
    if (previous is not None and previous.pos_ == "PROPN" and token.text[:1].isdigit() and previous.i > previous.sent.start
            and not text[previous.idx + len(previous) : token.idx].strip()):
        return True  # a model or index name: "Boeing 767", "S&P 500", "iPhone 2.0"
    if (previous is not None and _ACRONYM.fullmatch(previous.text) and previous.text not in _CURRENCY_CODES
            and token.text[:1].isdigit() and text[previous.idx + len(previous) : token.idx] == " "):
        return True  # a standard or product named by letters, whatever its tag: "USB 3.0", "GT 650M"
    if re.fullmatch(r"(?:1[89]|20)\d\d", token.text) and text[after_index : after_index + 1] in ("-", "–") \
            and re.match(r"[-–]\d\d\b", text[after_index : after_index + 4]):
        return True  # a span of years: "2010-11"
    return after.isalpha() and doc[last].like_num and not doc[last].lower_.isalpha()


_ACRONYM = re.compile(r"[A-Z]{2,5}")
# ISO codes written before an amount ("USD 5 million", "CHF 20"): a currency, not a product's name.
_CURRENCY_CODES = frozenset({*CURRENCY_SYMBOLS.values(), "CNY", "CHF", "INR", "AUD", "CAD", "HKD", "SGD", "SEK", "NOK",
                             "DKK", "BRL", "MXN", "ZAR", "TRY", "PLN", "NZD", "ILS", "AED", "SAR"})


# --- value, modifier, unit and counted noun --------------------------------------------------


def _quantity(doc: Any, text: str, first: int, last: int, article_id: str) -> Quantity | None:
    words = [t.lower_ for t in doc[first : last + 1]]
    parsed = _value(words)
    if parsed is None:
        return None
    value, value_max, vague = parsed
    start_token, modifier = _modifier(doc, first)
    if vague:
        modifier = " ".join(filter(None, (modifier, vague)))
    start = doc[start_token].idx
    end_token = last
    unit = None
    symbol = doc[first - 1].lower_ if first > 0 else ""
    if symbol in CURRENCY_SYMBOLS:
        unit = CURRENCY_SYMBOLS[symbol]
        start = min(start, doc[first - 1].idx)
    range_end = _range_end(doc, first, last)
    if range_end is not None:
        value_max, end_token = range_end
    head = _counted_head(doc, first, end_token)
    counted = None
    if head is not None:
        unit_name = _unit_of(head)
        if unit_name is not None and unit is None:
            unit = unit_name
            if head.i == end_token + 1:  # "460 kilometers"; not "1.5 and 3 percent"
                end_token = head.i
        elif unit_name is None:
            counted = _noun_phrase(head, skip=range(first, end_token + 1))
    end = doc[end_token].idx + len(doc[end_token])
    if doc[first].ent_type_ == "PERCENT" and unit is None:
        unit = "%"
    return Quantity(
        article_id=article_id,
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        counted=counted,
        modifier=modifier,
        value_max=value_max,
        unit=unit,
    )


def _value(words: list[str]) -> tuple[float, float | None, str | None] | None:
    """(value, value_max, vague word) of a number phrase's lowercased words."""
    low: float | None = None
    high: float | None = None
    vague = None
    current = 0.0
    total = 0.0
    if words[0] in VAGUE_PLURALS:
        return _vague_plural(words)
    for word in words:
        if word in ("and", "-", "‐"):
            continue
        if word == "of" and vague:
            vague = f"{vague} of"  # "a couple of hundred"
        elif word in ("several", "few", "couple"):
            low, high = VAGUE[word if word == "several" else f"a {word}"]
            vague = word if word == "several" else f"a {word}"
        elif word in MULTIPLIERS:
            factor = MULTIPLIERS[word]
            if low is not None and not current:
                low, high = low * factor, (high or low) * factor
                vague = f"{vague} {word}"  # "several hundred"
            else:
                current = (current or 1) * factor
                if factor >= 1000:
                    total, current = total + current, 0.0
        elif word in WORD_NUMBERS:
            current += WORD_NUMBERS[word]
        elif "-" in word and all(p in WORD_NUMBERS for p in word.split("-")):
            current += sum(WORD_NUMBERS[p] for p in word.split("-"))
        else:
            digits = word.replace(",", "")
            try:
                current += float(digits)
            except ValueError:
                return None
    if low is not None:
        return float(low), float(high) if high is not None else None, vague
    return total + current, None, None


def _vague_plural(words: list[str]) -> tuple[float, float, str]:
    """(value, value_max, vague words) of a phrase of :func:`_vague_plural_end`: "hundreds of
    thousands" is 200,000 to 999,999 (the outer's bounds in the inner's unit, up to just below
    the outer's next order), "thousands upon thousands" 2,000 to 99,999."""
    low, high = VAGUE_PLURALS[words[0]]
    for joiner, inner in zip(words[1::2], words[2::2], strict=False):
        if joiner == "of":
            low, high = low * PLURAL_UNITS[inner], (high + 1) * PLURAL_UNITS[inner] - 1
        else:
            high = (high + 1) * 10 - 1
    return float(low), float(high), " ".join(words) + " of"


def _modifier(doc: Any, first: int) -> tuple[int, str | None]:
    """The modifier words before the number ("more than", "almost") and where they start."""
    for size in (3, 2, 1):
        if first - size < 0:
            continue
        words = " ".join(t.lower_ for t in doc[first - size : first])
        if words in MODIFIERS or words in VAGUE:
            if words == "some" and doc[first].lower_ in ("of",):
                continue
            if words in VAGUE:
                continue
            return first - size, words
    if first >= 1 and doc[first - 1].lower_ in ("a", "an") and doc[first].lower_ in ("few", "couple", "dozen"):
        return first - 1, None
    return first, None


def _range_end(doc: Any, first: int, last: int) -> tuple[float, int] | None:
    """"10 to 12", "10-12", "10 and 12" after "between": the upper bound and its token."""
    joiners = ("to", "-", "–", "and") if first > 0 and doc[first - 1].lower_ == "between" else ("to", "-", "–")
    if last + 2 < len(doc) and doc[last + 1].lower_ in joiners and doc[last + 2].like_num:
        upper = _value([doc[last + 2].lower_])
        if upper is not None:
            return upper[0], last + 2
    return None


def _counted_head(doc: Any, first: int, last: int) -> Any:
    """The noun the number phrase counts: its nummod head, or the object of "X of ..."."""
    phrase = range(first, last + 1)
    root = max((doc[i] for i in phrase), key=lambda t: (t.head.i not in phrase, t.i))
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and root.head.i not in phrase \
            and root.head.pos_ in ("NOUN", "PROPN", "SYM", "X"):
        return root.head
    # "X of ...": the root's "of", or for a compound plural the last "of" of the phrase, whichever
    # token the parser hung it on ("Dozens of millions of people", "Thousands and thousands of fans")
    for token in [root, *(doc[i] for i in reversed(phrase) if i != root.i)]:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.i not in phrase]
                if objects:
                    noun = objects[0]
                    if noun.pos_ == "PRON":  # "560 of them being children": the predicate names them
                        return _predicate_noun(token, child) or None
                    return noun
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN",) and _unit_of(nxt) is not None:
        return nxt
    return None


def _predicate_noun(root: Any, of: Any) -> Any:
    for token in list(root.head.subtree) + list(of.subtree):
        if token.dep_ == "attr" and token.pos_ == "NOUN" and token.head.lemma_ == "be":
            return token
    return None


def _unit_of(noun: Any) -> str | None:
    word = noun.lower_
    if word in UNITS:
        return UNITS[word]
    lemma = noun.lemma_.lower()
    return UNITS.get(lemma) or UNITS.get(word.rstrip("s"))


def _noun_phrase(head: Any, skip: range) -> str:
    """The counted noun phrase: compounds and adjectives before the head, the head, and
    for container nouns ("rounds of lethal airstrikes") the "of" phrase after it."""
    left = [t for t in head.lefts if t.dep_ in ("amod", "compound", "nmod") and t.i > skip.stop - 1
            and t.lower_ not in SKIPPED_ADJECTIVES and not t.like_num]
    # keep only the contiguous modifiers right before the head (with their own subtree)
    tokens: list[Any] = []
    for t in left:
        tokens.extend(x for x in t.subtree if x.i not in skip and x.lower_ not in SKIPPED_ADJECTIVES)
    tokens.append(head)
    if head.lemma_.lower() in CONTAINER_NOUNS:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                tokens.extend(child.subtree)
    tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    return head.doc[tokens[0].i : tokens[-1].i + 1].text
