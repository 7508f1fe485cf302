"""Propositions: whether one version of a fact states what another states, and which version a
fact shows.

Fact grouping (:mod:`newsbrief.facts`) links the claims of different articles that may tell the
same thing; linking is loose and transitive, so a group is split here into facts that each state
one proposition (:func:`propositions`): a shown version, and the versions credited for stating
it (:func:`same_proposition`: compatible dates and numbers, no later news than the news of a
day, the shown version's figures and durations found, the same polarity, the same time frame,
every party to a joint act named, the same step of a criminal case, not two quotations nor one
of several things, and a close paraphrase).
Credit is directional: a credited version may say more than the shown one, never less, so the
version shown is the one the others contain (:func:`entailed_version`).
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

import numpy as np

from newsbrief.analyse.timenorm import iso_day
from newsbrief.lexicon import (
    FIGURE_HEDGES,
    NAMED_PRONOUNS,
    NEWS_FILLER_WORDS,
    OPINION_PHRASES,
    REPORTING_FORMS,
    REPORTING_VERBS,
    SPECULATION_WORDS,
    SPEECH_FORMS,
    STREET_KINDS,
    alternation,
    letter_words,
    word_set,
    words,
)
from newsbrief.models import Claim, Predicate

_ANAPHORIC_START = re.compile(
    r"^(?:[A-Z][\w ]{0,30}, )?(?:he|she|they|it|we|according to (?:him|her|them))\b", re.I
)

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


TOLERANCE = 0.15  # hedged or rounded figures this close are one figure ("$5.9 million" / "almost $6 million")


def within_tolerance(x: float, y: float) -> bool:
    """Whether two figures (or two lengths of time) may be one figure told hedged or rounded:
    apart by at most ``TOLERANCE`` of the larger in size ("$5.9 million" / "almost $6 million",
    "two decades" / "over 20 years")."""
    return abs(x - y) <= TOLERANCE * max(abs(x), abs(y))


_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_FIGURE_WORDS = {
    **_UNITS, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# A whole number written in digits or words ("12", "1,234", "six", "twenty-five"), not part of a
# decimal, a time of day or a larger token ("5.9", "7:30", "KN-23").
_WHOLE_FIGURE = re.compile(
    r"(?<![\w.,:$€£-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w:]|[.,]\d)"
    r"|\b(" + "|".join(_FIGURE_WORDS) + r")(?:-(" + "|".join(_UNITS) + r"))?\b",
    re.I,
)
# A hedge before a figure ("about", "nearly", "more than", "up to") or after it ("40-odd",
# "20-plus", "30 or so"): the figure is a bound or an approximation, not a count.
_HEDGE_BEFORE = re.compile(r"\b" + alternation((*FIGURE_HEDGES, "just")) + r"\s+(?:\$|€|£)?\s*$", re.I)
# Half of a score or a record ("31-24", "29-of-34 passes", "fell to 15 - 17"): not a count alone.
_PAIRED = re.compile(r"\s?-\s?(?:of\s?-\s?)?\d")
_PAIRED_BEFORE = re.compile(r"\d\s?-\s?(?:of\s?-\s?)?$")
EXACT_BELOW = 100  # a larger precise figure is often a running total ("2,116 points" / "2,117") of another moment
# A measure written to its decimals ("magnitude 6.1", "2.9 GHz"), not a share, a scaled amount or money.
_DECIMAL_FIGURE = re.compile(
    r"(?<![\w.,:$€£-])(\d+\.\d+)(?![\w:%]|[.,]\d|\s*(?:percent|per cent|million|billion|trillion|bn)\b)", re.I
)
_HEDGE_AFTER = re.compile(r"^(?:\s*-?\s*(?:plus|odd)\b|\+|\s+or so\b|\s*-?\s*(?:million|billion|trillion))", re.I)


@functools.lru_cache(maxsize=4096)
def _whole_figures(text: str) -> tuple[tuple[float, bool], ...]:
    """Each whole number ``text`` writes (years 1900-2100 left out: the dates layer reads them),
    with whether it is exact (:func:`exact_figures`)."""
    out = []
    for m in _WHOLE_FIGURE.finditer(text):
        if m.group(1):
            value = float(m.group(1).replace(",", ""))
        else:
            value = float(_FIGURE_WORDS[m.group(2).lower()] + (_UNITS[m.group(3).lower()] if m.group(3) else 0))
        if m.group(1) and len(m.group(1)) == 4 and 1900 <= value <= 2100:
            continue
        hedged = _HEDGE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or _HEDGE_AFTER.match(
            text[m.end() : m.end() + 12]
        )
        paired = _PAIRED.match(text, m.end()) or _PAIRED_BEFORE.search(text[max(0, m.start() - 8) : m.start()])
        out.append((value, value < EXACT_BELOW and not (hedged or paired)))
    return tuple(out)


def exact_figures(text: str) -> frozenset[float]:
    """The counts ``text`` states exactly: whole numbers under ``EXACT_BELOW`` written in
    digits or words with no hedge ("Carter added 12", "sentences of between six and 75
    years").  A hedged figure ("about 30", "nearly 14", "40-odd"), half of a score ("31-24"),
    a decimal or a scaled amount ("$5.9 million"), and any figure of 100 or more ("300
    people", "2,116 points": rounded, or a total of another moment) is not exact.  A figure
    written both ways is not exact."""
    figures = _whole_figures(text)
    return frozenset(v for v, exact in figures if exact) - {v for v, exact in figures if not exact}


def counts_conflict(a: Claim, b: Claim) -> bool:
    """Whether two versions give one thing two exact counts: once the whole numbers both write
    are set aside (each as often as both write it), a number left in one and a number left in
    the other are within ``TOLERANCE`` but differ, and both are exact (:func:`exact_figures`).
    "Seth VanDeest led Drake with 13 points, while Richard Carter added 12" / "Richard Carter
    scored 14 points and Seth VanDeest scored 13": 13 and 13 set aside, 12 and 14 conflict;
    "All seven ... sentences of between six and 75 years" / "Seven of the men ... from 7 to 75
    years": 7, 7 and 75 set aside, 6 and 7 conflict.  A number only one version writes ("from
    18 to 21" / "to 21") is left to the tolerance of the other tests: it is detail left out,
    not another figure."""
    if _decimals_conflict(a.text, b.text):
        return True
    left_a, left_b = _unshared([v for v, _ in _whole_figures(a.text)], [v for v, _ in _whole_figures(b.text)])
    if not left_a or not left_b:
        return False
    exact_a, exact_b = exact_figures(a.text), exact_figures(b.text)
    return any(x in exact_a and y in exact_b and within_tolerance(x, y) for x in left_a for y in left_b)


def _unshared(xs: Sequence[float], ys: Sequence[float]) -> tuple[list[float], list[float]]:
    """The figures each of two versions writes that the other does not, each figure set aside
    as often as both write it."""
    both = Counter(xs) & Counter(ys)
    return list((Counter(xs) - both).elements()), list((Counter(ys) - both).elements())


@functools.lru_cache(maxsize=4096)
def _decimals(text: str) -> tuple[float, ...]:
    """The unhedged measures ``text`` writes to their decimals ("put the magnitude at 6.1")."""
    return tuple(float(m.group(1)) for m in _DECIMAL_FIGURE.finditer(text)
                 if not _HEDGE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]))


def _decimals_conflict(a: str, b: str) -> bool:
    """Whether two versions give one measure two values to its decimals: "the magnitude at 6.1" /
    "a magnitude of 5.9" (within the tolerance that lets rounded counts agree, but written exactly),
    once the decimals both write are set aside."""
    left_a, left_b = _unshared(_decimals(a), _decimals(b))
    return any(x != y and within_tolerance(x, y) for x in left_a for y in left_b)


def compatible(a: Claim, b: Claim, published: dict[str, str | None] | None = None) -> bool:
    """Whether two claims can state the same proposition: their event days (and months, and
    years, a year given alone or the year of a day: "last year", "in 1998", "Jan. 29, 1998"),
    if both give some, overlap; their numbers, if both give some, include one pair within ``TOLERANCE``, and
    give no two exact counts of one thing that differ (:func:`counts_conflict`); and
    neither dates the event after the other article was published (an article of Monday
    cannot report Friday's ruling: its "late Friday" was another Friday)."""
    days_a = {d for d in a.dates if _DAY.match(d)}
    days_b = {d for d in b.dates if _DAY.match(d)}
    if days_a and days_b and not days_a & days_b:
        return False
    months_a = {d[:7] for d in a.dates if _MONTH.match(d)}
    months_b = {d[:7] for d in b.dates if _MONTH.match(d)}
    if months_a and months_b and not months_a & months_b:
        return False  # "launched in December" / "launched in September"
    alone_a = {d for d in a.dates if _YEAR.match(d)}  # _YEAR (below): a bare "YYYY"
    alone_b = {d for d in b.dates if _YEAR.match(d)}
    if alone_a and alone_b and not alone_a & alone_b:
        return False  # "grew last year" in a 1998 report and in a 1999 one: two years' growth
    years_a = {d[:4] for d in a.dates if _YEAR_FIRST.match(d)}  # the year of any date
    years_b = {d[:4] for d in b.dates if _YEAR_FIRST.match(d)}
    if years_a and years_b and not years_a & years_b:
        return False  # "the Jan. 29, 1998, bombing" / "last year's attacks" in 1998: two bombings
    numbers_a, numbers_b = compared_numbers(a, b), compared_numbers(b, a)
    if numbers_a and numbers_b and not any(within_tolerance(x, y) for x in numbers_a for y in numbers_b):
        return False
    if counts_conflict(a, b):
        return False
    if published:
        for days, other in ((days_a, b), (days_b, a)):
            date = published.get(other.article_id)
            if date and days and min(days) > date:
                return False
    return True


NEWS_DAYS = 10  # a day this close to an article's publication is the day of its news ("on Wednesday", "last Friday")
LATER_NEWS_DAYS = 60  # an article published this long after that day, not dating its act to it, tells later news


def _dates_to(claim: Claim, day: date) -> bool:
    """Whether ``claim`` dates something to ``day`` (a day beside it, its month or its year
    given alone: "June 3", "in June", "this year")."""
    for value in claim.dates:
        other = iso_day(value) if _DAY.match(value) else None
        if other is not None and abs((other - day).days) <= 1:
            return True
        if value in (day.isoformat()[:7], day.isoformat()[:4]):
            return True
    return False


def same_news(a: Claim, b: Claim, published: dict[str, str | None] | None = None) -> bool:
    """Whether two versions may tell the same news as far as their articles' dates go.  A
    version that dates its act to a day within ``NEWS_DAYS`` of its article's publication
    tells that day's news ("The Food and Drug Administration on Wednesday approved a
    combination of two antiviral drugs", June 1998); a version in an article published more
    than ``LATER_NEWS_DAYS`` after that day that does not date its act to it (its day, month
    or year) tells later news of the same topic: a study, a report, another step ("A
    combination of two virus-fighting drugs has proved considerably more effective",
    November 1998; "Israel has admitted the two were agents" nine months after "an Israeli
    newspaper said Thursday").  Articles of unknown date are no test."""
    if not published:
        return True
    for x, y in ((a, b), (b, a)):
        x_published, y_published = iso_day(published.get(x.article_id)), iso_day(published.get(y.article_id))
        if x_published is None or y_published is None:
            continue
        for value in x.dates:
            day = iso_day(value) if _DAY.match(value) else None
            if day is None or abs((day - x_published).days) > NEWS_DAYS:
                continue
            if (y_published - day).days > LATER_NEWS_DAYS and not _dates_to(y, day):
                return False
    return True


PROPOSITION_SIMILAR = 0.80  # a version this close to the shown one states the same proposition
PROPOSITION_RELATED = 0.65  # ... or this close and sharing most of its content words
PROPOSITION_OVERLAP = 0.6  # share of the shorter version's content words found in the other
# share of the shown version's content words a fairly close version must state (so no outlet
# is credited with a part); a close paraphrase needs none ("Russian troops fired missiles
# supplied by North Korea" restates "Russia used North Korean ballistic missiles")
RELATED_COVERAGE = 0.4
_FUNCTION_WORDS = NEWS_FILLER_WORDS | word_set(
    "the a an of to in on for and or but with by at from that this these those is was were are be been "
    "being has have had as it its he she they his her their them him will could "
    "should may might can not no after before over about than more most into up out who whom which "
    "when where what there just only very so such"
)


def content_words(text: str) -> set[str]:
    """The lower-cased words of ``text`` that carry its meaning (function words left out)."""
    return {w for w in (m.lower() for m in letter_words(text)) if len(w) > 2 and w not in _FUNCTION_WORDS}


def _word_overlap(a: str, b: str) -> tuple[float, float]:
    """Shared content words over the shorter version's, and over the first version's."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0, 0.0
    shared = len(wa & wb)
    return shared / min(len(wa), len(wb)), shared / len(wa)


def _numbers_agree(a: Claim, b: Claim) -> bool:
    """Every number of the version giving fewer is within ``TOLERANCE`` of one of the other's ("seven
    AK-47s and three other rifles" is not "nine assault rifles")."""
    numbers_a, numbers_b = compared_numbers(a, b), compared_numbers(b, a)
    if not numbers_a or not numbers_b:
        return True
    fewer, more = (numbers_a, numbers_b) if len(set(numbers_a)) <= len(set(numbers_b)) else (numbers_b, numbers_a)
    return all(any(within_tolerance(x, y) for y in more) for x in fewer)


# An age in apposition ("Reid, 33, ...", "Lopez, 20 and ...", "a 20-year-old"): a detail about
# a person, not what the sentence states.
_AGE = re.compile(
    r"\b[A-Z][\w'’-]*,\s*(\d{1,3})(?=\s*(?:,|\)|and\b|\.?$))|\b(\d{1,3})\s*-?\s*years?\s*-?\s*old\b"
    r"|(?<=[a-z] )[A-Z][\w'’-]*,\s*(\d{1,2})(?=\s+(?:was|is|has|had|who)\b)"  # "Andrew Lopez, 20 was found guilty"
)
_ORDINAL_WORDS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(" + "|".join(_ORDINAL_WORDS) + r")\b", re.I)
_MONTH_NAME = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\b\.?"
)
_WEEKDAY_NAME = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
# A reporting verb before a date ("said Wednesday", "said at a news conference Wednesday", "told
# reporters in Washington Monday"): the date is the statement's, not its act's.  The verb in lower
# case and not a present form but "says": "the United States on July 16", "reports on Monday",
# "claims in December" are nouns.  (disagree.py reads statement days with it too.)
SAID_FORMS = alternation(f for f in REPORTING_FORMS if not f.endswith("s") or f == "says")
SAID_ON = (rf"\b(?-i:{SAID_FORMS})\s+(?:(?:reporters\s+)?(?:at|in|during)\s+"
           r"(?:an?\s+|the\s+|his\s+|her\s+|its\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?(?:on\s+)?")
_STATEMENT_DAY_BEFORE = re.compile(rf"{SAID_ON}$", re.I)
# "on Philip Street", "at 2088 Philip Street", "on Phillips Road": a street, by the last word of
# its name and its kind ("North Main Street" is Main Street).
_STREET = re.compile(rf"\b([A-Z][\w'’-]*)\s+({alternation(STREET_KINDS)})\b")
_CONDITIONAL = re.compile(r"\b(?:if|unless|in case)\b", re.I)
_YEAR = re.compile(r"^\d{4}$")
_YEAR_FIRST = re.compile(r"^\d{4}")


# A duration ("over 30 years", "48 hours", "for seven days", "a six-year separation", "a week"):
# the quantities layer leaves them to the times layer, whose durations claims do not carry.
_DURATION_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}
_DURATION_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "season": 365, "year": 365,
                  "decade": 3650}
_DURATION = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?|" + "|".join(_DURATION_WORDS) + r")(?:[- ]plus)?\s*-?\s*"
    r"(year|month|week|day|hour|minute|season|decade)s?\b",
    re.I,
)


# A duration followed by one of these is a point in time ("more than two years ago") or an age
# ("a 33-year-old aide"), not a period the sentence covers.
_POINT_AFTER = re.compile(r"\s*(?:ago|earlier|before|later|after|previously)\b|[- ]old\b", re.I)
_DAY_WORDS = re.compile(r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|tonight|last night)\b", re.I)
SPAN_DAYS = 28  # a span of at least this many days is a period of someone's life or career


def durations(text: str) -> list[tuple[float, float]]:
    """The durations ``text`` states, in figures or in words: (number as written, length in
    days), so "seven days" and "a week" are one length."""
    out = []
    for number, unit in _DURATION.findall(text):
        value = float(_DURATION_WORDS.get(number.lower(), 0) or number.replace(",", ""))
        out.append((value, value * _DURATION_DAYS[unit.lower()]))
    return out


def _spans(text: str) -> list[float]:
    """The lengths in days of the periods ``text`` covers ("spent four seasons", "over the last
    two decades"), at least ``SPAN_DAYS``; "two years ago" is a point in time and "33-year-old"
    an age, not a period."""
    out = []
    for m in _DURATION.finditer(text):
        if _POINT_AFTER.match(text, m.end()):
            continue
        days = durations(m.group())[0][1]
        if days >= SPAN_DAYS:
            out.append(days)
    return out


def _dated_to_a_day(claim: Claim) -> bool:
    return any(_DAY.match(d) for d in claim.dates) or bool(_DAY_WORDS.search(claim.text))


def same_time_frame(a: Claim, b: Claim) -> bool:
    """Whether two versions may tell one event as far as time goes: a version that dates one
    day's event ("On Saturday, Cheeks was fired"; "DiLeo will coach in Saturday's game") and
    covers no period does not state what one that names no day and covers a period of months
    or years states ("Cheeks is 122-147 in three-plus seasons"; "DiLeo spent four seasons as
    director"), nor the other way round: that is the background of the same people.  Two
    versions that both cover periods, none of one length, tell different periods ("spent four
    seasons as director" / "over the last two decades"; "a six-year separation" / "his wife of
    18 years")."""
    spans_a, spans_b = _spans(a.text), _spans(b.text)
    if spans_a and spans_b:
        return any(within_tolerance(x, y) for x in spans_a for y in spans_b)
    for point, span, spans in ((a, b, spans_b), (b, a, spans_a)):
        if spans and _dated_to_a_day(point) and not _dated_to_a_day(span):
            return False
    return True


def key_numbers(claim: Claim) -> tuple[float, ...]:
    """The numbers that carry what a version states, durations in figures or words included
    ("over 30 years", "for seven days"): ages in apposition and "one"/"two" ("the two men",
    "one of") left out."""
    stated_ages = ages(claim.text)
    lengths = tuple(value for value, _ in durations(claim.text))
    return tuple(dict.fromkeys(x for x in (*claim.numbers, *lengths) if x not in stated_ages and abs(x) > 2))


@functools.lru_cache(maxsize=4096)
def ages(text: str) -> frozenset[float]:
    """The ages a version gives in apposition ("Andrew Lopez, 20, was found guilty", "a
    34-year-old mother"); cached, as :func:`compatible` reads them for every candidate pair."""
    return frozenset(float(next(g for g in groups if g)) for groups in _AGE.findall(text))


def compared_numbers(claim: Claim, other: Claim) -> tuple[float, ...]:
    """The numbers of ``claim`` compared with ``other``'s: its ages in apposition left out
    when ``other`` gives no age ("Andrew Lopez, 20 was found guilty in murder of Zurana
    Horton" states "Andrew Lopez was found guilty of second-degree murder and two counts of
    first-degree assault": the age is a detail about him, not a second figure), kept when both
    give one (61 / 68 for one victim's age is a conflict)."""
    own = ages(claim.text)
    if not own or ages(other.text):
        return claim.numbers
    return tuple(x for x in claim.numbers if x not in own)


def ordinals(text: str) -> set[int]:
    """The ordinals of ``text`` ("fifth", "19th"), "first" left out ("for the first time")."""
    return {int(n) if n else _ORDINAL_WORDS[w.lower()] for n, w in _ORDINAL.findall(text)}


def _named_apart(pattern: re.Pattern[str], a: str, b: str) -> bool:
    """Both texts name some months (or weekdays), and none in common."""
    named_a = {m.lower()[:3] for m in pattern.findall(a)}
    named_b = {m.lower()[:3] for m in pattern.findall(b)}
    return bool(named_a) and bool(named_b) and not named_a & named_b


def event_weekdays(text: str) -> set[str]:
    """The weekdays ``text`` dates its act by ("mon", "tue"), not those of a statement ("were
    arrested by RCMP on Tuesday, Attorney General Wally Oppal said at a news conference
    Wednesday": "tue"); a text whose only weekdays date statements has those ("Oppal said
    Wednesday that ...": the statement is its act)."""
    named = [(m[1].lower()[:3], bool(_STATEMENT_DAY_BEFORE.search(text, max(0, m.start() - 60), m.start())))
             for m in _WEEKDAY_NAME.finditer(text)]
    acts = {day for day, statement in named if not statement}
    return acts or {day for day, _ in named}


def _weekdays_apart(a: str, b: str) -> bool:
    """Both versions date their act by weekdays, and by none in common ("were arrested Wednesday"
    / "were arrested by RCMP on Tuesday"): two days, so not one fact, when no page date
    resolved them (undated pages, ECB+)."""
    days_a, days_b = event_weekdays(a), event_weekdays(b)
    return bool(days_a) and bool(days_b) and not days_a & days_b


def _streets_apart(a: str, b: str) -> bool:
    """Both versions name streets, and none in common ("found barricaded in a room on Philip
    Street" / "in a dwelling on Phillips Road"): two places.  A street is its name and its kind,
    without a house number."""
    streets_a = {(name.lower(), kind.lower()) for name, kind in _STREET.findall(a)}
    streets_b = {(name.lower(), kind.lower()) for name, kind in _STREET.findall(b)}
    return bool(streets_a) and bool(streets_b) and not streets_a & streets_b


def states_specifics(shown: Claim, other: Claim) -> bool:
    """Whether ``other`` states the specifics of the shown version: each of its key numbers
    (:func:`key_numbers`, within ``TOLERANCE``, or as an ordinal: "19 seasons" / "his 19th season") and
    each year it dates by ("an Emmy in 2005" is not stated by "a Tony in 2004"); no other
    ordinal ("the fifth coach fired" / "the third coach fired"), no other street ("on Philip
    Street" / "on Phillips Road"), and, where dates were not resolved, no other month or weekday
    of its act ("launched in September" / "in December"; "were arrested Wednesday" / "were
    arrested on Tuesday, Oppal said Wednesday") than it names; and both versions asserting, or both conditional ("he could face the death penalty"
    / "... if convicted").  Credit is directional: the other version may say more than the
    shown one, never less.  A version that leaves out the shown version's figures states
    something else about the same people ("Cheeks is 122-147 as coach" / "Cheeks was fired")
    or only part of it."""
    other_ordinals = ordinals(other.text)
    other_lengths = durations(other.text)
    other_numbers = (*other.numbers, *(value for value, _ in other_lengths))
    shown_lengths = dict(durations(shown.text))
    for x in key_numbers(shown):
        if any(within_tolerance(x, y) for y in other_numbers) or x in other_ordinals:
            continue
        days = shown_lengths.get(x)
        if days is None or not any(within_tolerance(days, d) for _, d in other_lengths):
            return False  # "for seven days" is stated by "for a week", not by "suspended him"
    other_years = {d[:4] for d in other.dates if _YEAR_FIRST.match(d)}
    for year in (d for d in shown.dates if _YEAR.match(d)):
        if year not in other_years and year not in other.text:
            return False
    shown_ordinals = ordinals(shown.text)
    if shown_ordinals and other_ordinals and not shown_ordinals & other_ordinals:
        return False
    if bool(_CONDITIONAL.search(shown.text)) != bool(_CONDITIONAL.search(other.text)):
        return False  # "could face the death penalty if convicted" does not state that he was
    if _streets_apart(shown.text, other.text):
        return False
    if shown.dates and other.dates:
        return True  # resolved dates were compared already (:func:`compatible`)
    return not (_named_apart(_MONTH_NAME, shown.text, other.text) or _weekdays_apart(shown.text, other.text))


# Co-subjects.  "McConnell and Kaine introduced the bill" is not stated by "McConnell introduced
# bipartisan legislation": an outlet credited with a joint act must name every party to it.
# The parties come from the parse stored with each sentence (:class:`Predicate`), so the brief
# loads no parser.


def coordinated_subjects(predicates: Sequence[Predicate]) -> tuple[str, ...]:
    """The people who share the subject of a clause of a version, joined by "and", each by its
    last word ("Senate Majority Leader Mitch McConnell (R-Ky.) and Sen. Tim Kaine (D-Va.)
    introduced ..." -> ("McConnell", "Kaine")): the parties to a joint act.  ``predicates``
    are the version's (:func:`newsbrief.facts.claim_predicates`)."""
    return tuple(dict.fromkeys(name for p in predicates for name in p.parties))


def names_every_party(shown: Sequence[Predicate], other: str) -> bool:
    """Whether the text ``other`` names every party of the shown version's joint subject
    (:func:`coordinated_subjects` of its predicates ``shown``); a version without one is no
    test."""
    words = {w.lower() for w in letter_words(other)}
    return all(name.lower() in words for name in coordinated_subjects(shown))


# Steps of a criminal case.  "LaCalamita is charged with first-degree murder" and "LaCalamita
# was found guilty of first-degree murder" name the same people and the same crime, and are two
# steps a year apart; "Jenkin is due in court over the murders" and "Jenkin has been charged
# with the murders" are two more.  A version whose main clause tells one step does not state a
# version that tells only another.  The step is read from the stored parse: a main, asserted
# verb of the lexicon, or "found X guilty", "faces charges", "a trial date was set", "is due
# in court".
_CASE_STEP_VERBS = {
    "arrest": "arrest", "detain": "arrest", "apprehend": "arrest", "charge": "charge", "indict": "charge",
    "arraign": "court", "plead": "plea", "convict": "verdict", "acquit": "verdict", "sentence": "sentence",
}
_STEP_OBJECTS = {  # a verb that tells a step by what it takes: "found him guilty", "faces two charges"
    "find": ({"guilty", "innocent"}, "verdict"), "face": ({"charge", "charges", "count", "counts"}, "charge"),
    "set": ({"date", "trial"}, "court"),
}
# The words that name each step anywhere in a sentence, verb or noun ("arrested on charges of
# felony murder" names the charge too).
_STEP_WORDS = {
    "arrest": re.compile(r"\b(?:arrest|detain|apprehend|custody)", re.I),
    "charge": re.compile(r"\b(?:charg|indict)", re.I),
    "court": re.compile(r"\b(?:court|hearing|trial|arraign)", re.I),
    "plea": re.compile(r"\bplea", re.I),
    "verdict": re.compile(r"\b(?:guilty|convict|acquit|verdict)", re.I),
    "sentence": re.compile(r"\bsentenc", re.I),
}
_IN_COURT = re.compile(r"\b(?:due|appear(?:ed|s|ing)?) (?:in|before) (?:a |the )?(?:\w+ )?court\b", re.I)


def case_steps(predicates: Sequence[Predicate], text: str) -> set[str]:
    """The steps of a criminal case (arrest, charge, court, plea, verdict, sentence) the main
    clause of a version tells, as asserted acts (a negated, possible or intended one tells
    none): "was charged with murder" -> {"charge"}; "was arrested and charged" -> {"arrest",
    "charge"}."""
    steps = set()
    for p in predicates:
        if not p.main or p.negated or p.mood is not None:
            continue
        if p.lemma in _CASE_STEP_VERBS:
            steps.add(_CASE_STEP_VERBS[p.lemma])
        elif p.lemma in _STEP_OBJECTS and {o.lower() for o in p.objects} & _STEP_OBJECTS[p.lemma][0]:
            steps.add(_STEP_OBJECTS[p.lemma][1])
        elif p.lemma in ("be", "appear") and _IN_COURT.search(text):
            steps.add("court")
    return steps


def same_case_step(shown: Sequence[Predicate], shown_text: str, other: Sequence[Predicate], other_text: str) -> bool:
    """Whether two versions may tell one step of a criminal case: both tell some step
    (:func:`case_steps`) and none in common, nor does either name the other's step at all, is two
    steps ("is charged with first-degree murder" / "was found guilty of first-degree murder");
    "have been charged" / "have been arrested on charges of felony murder" is one.  A version
    telling no step is no test."""
    steps_a, steps_b = case_steps(shown, shown_text), case_steps(other, other_text)
    if not steps_a or not steps_b or steps_a & steps_b:
        return True
    return any(_STEP_WORDS[step].search(other_text) for step in steps_a) or any(
        _STEP_WORDS[step].search(shown_text) for step in steps_b
    )


# Polarity.  A negation cue: "not", "n't", "no", "none of", "nothing", "never", "neither", "nor",
# "cannot", and the verbs that deny ("denied", "refused"); "not only", "not just", "not least"
# are no negation.
_NEGATION = re.compile(
    r"\b(?:not|never|no|none of|nothing|nobody|neither|nor|cannot|den(?:y|ies|ied|ying)|refus(?:e|es|ed|ing)|"
    r"\w+n[’']t)\b(?! (?:only|just|least)\b)",
    re.I,
)
# Words opening a subordinate clause: a negation after one, in the same stretch between commas,
# dashes or brackets, is the clause's ("a round in which Rahman didn't land a punch"), not the
# sentence's.  "that" opens a relative clause ("jabs that Rahman couldn't answer"), except after
# a reporting verb, where its clause is what is reported ("said that it did not").
_SUBORDINATE = re.compile(
    r"\b(?:who|whom|whose|which|when|whenever|while|though|although|if|unless|because|after|before|until|"
    r"whether|where|once)\b",
    re.I,
)
_THAT = re.compile(r"([^\W\d_]+)\s+that\b", re.I)
_SEGMENT = re.compile(r"[,;:()]|\s[–—-]{1,2}\s|--")


def negated(text: str) -> bool:
    """Whether ``text`` negates what its main clause states: a negation cue (:data:`_NEGATION`)
    not inside a subordinate clause ("The Act is not the means"; "None of the other teams
    offered more"; not "a round in which Rahman didn't land a punch")."""
    for segment in _SEGMENT.split(text):
        for cue in _NEGATION.finditer(segment):
            if _SUBORDINATE.search(segment, 0, cue.start()):
                continue
            if any(m.group(1).lower() not in REPORTING_FORMS for m in _THAT.finditer(segment, 0, cue.start())):
                continue
            return True
    return False


def polarity_differs(a: str, b: str) -> bool:
    """One version negates its main clause and the other has no negation at all ("Georgia law
    shows no preference for a unanimous verdict" / "Death sentences in Georgia require a
    unanimous decision"): they cannot state one proposition.  A negation in both ("would not
    say" / "did not reveal"), or only inside a subordinate clause, is no difference."""
    return (negated(a) and not _NEGATION.search(b)) or (negated(b) and not _NEGATION.search(a))


# Two quotations.  Outlets quoting one speaker often quote different sentences of one statement:
# "Jenna Coleman ... said: "I'm so excited Peter Capaldi is the man taking on the challenge of
# becoming the 12th Doctor" and "Jenna Coleman ... said: "With Steven's writing and his talent I
# know we'll be making an amazing show"" name the same people and are close in embedding space,
# and say two things.
_QUOTE_MARKS = re.compile(r"[\"“”]|''|``")
_CLOSING_MARKS = ("”", "''")
QUOTED_WORDS = 3  # content words a quotation needs to be compared
QUOTES_SHARED = 0.3  # two quotations sharing less than this share of the shorter one's words are two
QUOTE_STATED = 0.4  # ... unless this share of either quotation's words is said outside it by the other version


def _quotations(text: str) -> list[tuple[int, int, int, int]]:
    """Each quoted stretch of ``text`` as (its opening mark's start, its words' start and end,
    its closing mark's end): marks paired in order, a closing mark with no opening one quoting
    from the start, an opening mark with no closing one quoting to the end."""
    marks = [(m.start(), m.end()) for m in _QUOTE_MARKS.finditer(text)]
    out = []
    if marks and text[marks[0][0] : marks[0][1]] in _CLOSING_MARKS:
        out.append((0, 0, marks[0][0], marks[0][1]))
        marks = marks[1:]
    for k in range(0, len(marks), 2):
        close = marks[k + 1] if k + 1 < len(marks) else (len(text), len(text))
        out.append((marks[k][0], marks[k][1], close[0], close[1]))
    return out


def quoted_words(text: str) -> set[str]:
    """The content words ``text`` quotes: inside quotation marks, from the start to a closing
    mark with no opening one, from an opening mark with no closing one to the end (a sentence
    of a quotation running over several sentences carries one mark).  A title in quotation
    marks ("Secret Man: The Story of Watergate's Deep Throat", most words capitalised) is no
    quotation."""
    words = set()
    for _, start, end, _ in _quotations(text):
        span = text[start:end]
        written = letter_words(span)
        if len(written) > 1 and sum(w[0].isupper() for w in written) >= 0.6 * len(written):
            continue
        words |= content_words(span)
    return words


def _outside_quotes(text: str) -> list[str]:
    """The stretches of ``text`` outside its quotation marks, read as :func:`quoted_words` reads
    them; none when it has no quotation mark."""
    quotations = _quotations(text)
    if not quotations:
        return []
    out, position = [], 0
    for opening, _, _, closed in quotations:
        out.append(text[position:opening])
        position = closed
    out.append(text[position:])
    return [part for part in out if part.strip()]


def other_quotation(a: str, b: str) -> bool:
    """Whether two versions quote two different things: each quotes at least ``QUOTED_WORDS``
    content words (:func:`quoted_words`), the quotations share under ``QUOTES_SHARED`` of the
    shorter one's words, and neither version says most of the other's quotation in its own
    words (under ``QUOTE_STATED``: "Jenna Coleman revealed that she is "so excited" to welcome
    Peter Capaldi as the 12th incarnation of the Doctor" states the first quotation above)."""
    quoted_a, quoted_b = quoted_words(a), quoted_words(b)
    if len(quoted_a) < QUOTED_WORDS or len(quoted_b) < QUOTED_WORDS:
        return False
    if len(quoted_a & quoted_b) >= QUOTES_SHARED * min(len(quoted_a), len(quoted_b)):
        return False
    words_a, words_b = content_words(a), content_words(b)
    return len(quoted_a & words_b) < QUOTE_STATED * len(quoted_a) and len(quoted_b & words_a) < QUOTE_STATED * len(quoted_b)


# One of several.  "President Joe Biden will sign two more executive orders on Monday" is not
# stated by "President Biden will sign an executive order on Monday establishing the Gender Policy
# Council": a count of things against one of them.
_COUNTED = re.compile(
    r"(?<![\d.,])\b([2-9]|[1-9]\d{1,2}|" + "|".join(w for w, n in _FIGURE_WORDS.items() if n >= 2) + r")\s+((?:[a-z][\w-]*\s+){0,3}?)([a-z]{4,}s)\b", re.I
)


def one_of_many(shown: str, other: str) -> bool:
    """Whether the shown version counts two or more of something ("two more executive orders",
    a count under 1,000, not a year) and the other names one of them ("an executive order") and
    never the plural."""
    for match in _COUNTED.finditer(shown):
        plural = match.group(3).lower()
        if re.search(rf"\b{re.escape(plural)}\b", other, re.I):
            continue
        for one in re.finditer(rf"\b(?:a|an|one)\s+((?:[a-z][\w-]*\s+){{0,2}}){re.escape(plural[:-1])}\b", other, re.I):
            if not {w.lower() for w in one.group(1).split()} & _FIGURE_WORDS.keys():  # "a four year spell" is no one year
                return True
    return False


def same_proposition(
    a: Claim,
    b: Claim,
    similarity: float,
    published: dict[str, str | None] | None = None,
    predicates: tuple[Sequence[Predicate], Sequence[Predicate]] = ((), ()),
) -> bool:
    """Whether version ``b`` states what the shown version ``a`` states, so that its outlet
    may be credited with ``a``: compatible dates and numbers (every number of one found in
    the other, and ``a``'s specifics in ``b``: :func:`states_specifics`), neither published
    before the other's event nor long after the news of its day (:func:`same_news`), one
    day's event not told by a period of the same people's past (:func:`same_time_frame`), every party of ``a``'s joint subject named in ``b``
    (:func:`names_every_party`), no other step of a criminal case (:func:`same_case_step`:
    "charged" / "found guilty"), not two quotations (:func:`other_quotation`), not a count of
    things against one of them (:func:`one_of_many`, either way), and a close paraphrase (cosine >=
    ``PROPOSITION_SIMILAR``) or a fairly close one sharing most content words, including
    much of ``a``'s.  Topical similarity is not
    enough: "Cheeks was fired on Saturday" and "Cheeks led the 76ers to the playoffs" are
    close in embedding space but state different things.  ``predicates`` are the parsed verbs
    of ``a`` and of ``b`` (:func:`newsbrief.facts.claim_predicates`); without them the tests
    that need a parse pass."""
    if similarity < PROPOSITION_RELATED or not compatible(a, b, published) or not _numbers_agree(a, b):
        return False
    if not same_news(a, b, published):
        return False
    if not states_specifics(a, b) or polarity_differs(a.text, b.text) or not same_time_frame(a, b):
        return False
    if not names_every_party(predicates[0], b.text):
        return False
    if not same_case_step(predicates[0], a.text, predicates[1], b.text):
        return False
    if other_quotation(a.text, b.text) or one_of_many(a.text, b.text) or one_of_many(b.text, a.text):
        return False
    if similarity >= PROPOSITION_SIMILAR:
        return True
    overlap, coverage = _word_overlap(a.text, b.text)
    return overlap >= PROPOSITION_OVERLAP and coverage >= RELATED_COVERAGE


_OPINION = re.compile(r"\b" + alternation(OPINION_PHRASES) + r"\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s|[Mm]y)\b|\bI\b")
_QUOTE_MARK = re.compile(r"[\"“”]")
_DIGITS = re.compile(r"\d[\d,.]*")
_INNER_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{3,}\b")
_NOT_SPEAKERS = word_set("he she they it we i who that which")


def _speakers(predicates: Sequence[Predicate]) -> set[str]:
    """Who a version reports as speaking: the subjects of its reporting verbs, pronouns left out."""
    return {w.lower() for p in predicates if p.lemma in REPORTING_VERBS for w in p.subjects} - _NOT_SPEAKERS


def credit_features(
    shown: Claim, other: Claim, similarity: float, predicates: tuple[Sequence[Predicate], Sequence[Predicate]] = ((), ())
) -> dict[str, float]:
    """What says that crediting ``other``'s outlet with the ``shown`` version is right: how close
    and how much of each version's words the other states, the numbers and inner names of the
    shown one left out, whether one version only speculates or gives a view ("In all likelihood,
    AMD probably sees SeaMicro as ...") or speaks in the first person ("We look forward to ..."),
    quotes, the main verbs and their subjects shared, and who each reports as speaking.  Read by
    :func:`credit_confidence`; the weights (``CREDIT_MODEL``) are fit on the judged credits by
    bench/credit_model.py."""
    a, b = shown.text, other.text
    wa, wb = content_words(a), content_words(b)
    shared = len(wa & wb) if wa and wb else 0  # as _word_overlap, each text's words read once
    overlap = shared / min(len(wa), len(wb)) if shared else 0.0
    coverage, reverse = (shared / len(wa), shared / len(wb)) if shared else (0.0, 0.0)
    guess_a = {w.lower() for w in letter_words(a)} & SPECULATION_WORDS
    guess_b = {w.lower() for w in letter_words(b)} & SPECULATION_WORDS
    first_a, first_b = bool(_FIRST_PERSON.search(a)), bool(_FIRST_PERSON.search(b))
    quote_a, quote_b = bool(_QUOTE_MARK.search(a)), bool(_QUOTE_MARK.search(b))
    digits_a, digits_b = set(_DIGITS.findall(a)), set(_DIGITS.findall(b))
    names_a, names_b = set(_INNER_NAME.findall(a)), set(_INNER_NAME.findall(b))
    ps, po = predicates
    main_a, main_b = {p.lemma for p in ps if p.main}, {p.lemma for p in po if p.main}
    verbs_a, verbs_b = {p.lemma for p in ps}, {p.lemma for p in po}
    subjects_a = {w.lower() for p in ps if p.main for w in p.subjects}
    subjects_b = {w.lower() for p in po if p.main for w in p.subjects}
    speakers_a, speakers_b = _speakers(ps), _speakers(po)
    return {
        "similarity": similarity,
        "overlap": overlap,
        "coverage": coverage,
        "reverse_coverage": reverse,
        "length_ratio": float(np.log((len(wa) + 1) / (len(wb) + 1))),
        "speculation_one": float(bool(guess_a ^ guess_b)),
        "speculation_any": float(bool(guess_a | guess_b)),
        "opinion_one": float(bool(_OPINION.search(a)) != bool(_OPINION.search(b))),
        "first_person_one": float(first_a != first_b),
        "first_person_any": float(first_a or first_b),
        "quote_one": float(quote_a != quote_b),
        "quote_both": float(quote_a and quote_b),
        "number_left_out": float(bool(digits_a - digits_b)),
        "numbers_any": float(bool(digits_a | digits_b)),
        "names_left_out": len(names_a - names_b) / (len(names_a) + 1),
        "main_verb_shared": float(bool(main_a & main_b)),
        "verbs_shared": len(verbs_a & verbs_b) / (len(verbs_a | verbs_b) or 1),
        "subject_shared": float(bool(subjects_a & subjects_b)),
        "subjects_both": float(bool(subjects_a) and bool(subjects_b)),
        "close": float(similarity >= PROPOSITION_SIMILAR),
        "speakers_differ": float(bool(speakers_a) and bool(speakers_b) and not speakers_a & speakers_b),
        "speaker_one": float(bool(speakers_a) != bool(speakers_b)),
        "few_words_stated": float(coverage < 0.25),
        "close_and_stated": similarity * coverage,
    }


# Weights of a logistic model over credit_features, fit on the 970 judged credits of every set
# (bench/credit_model.py --fit, C = 1); empty: every credit passes.
CREDIT_MODEL: dict[str, float] = {
    "intercept": -1.7, "similarity": 1.012, "overlap": 0.461, "coverage": 1.699, "reverse_coverage": 0.666,
    "length_ratio": -0.292, "speculation_one": -0.633, "speculation_any": 0.014, "opinion_one": -1.196,
    "first_person_one": -0.569, "first_person_any": 0.257, "quote_one": 0.113, "quote_both": 0.173,
    "number_left_out": -0.805, "numbers_any": 0.235, "names_left_out": 0.748, "main_verb_shared": 0.317,
    "verbs_shared": -0.313, "subject_shared": 0.65, "subjects_both": -0.429, "close": 0.568, "speakers_differ": 0.876,
    "speaker_one": -0.158, "few_words_stated": -0.941, "close_and_stated": 1.782,
}
# A credit the model gives less than this is refused: chosen by bench/credit_model.py --nested
# (of 0.2-0.6, the one refusing most false credits less twice the true ones, each set scored
# by a model fit without it)
CREDIT_SHOW = 0.4


def credit_confidence(features: dict[str, float]) -> float:
    """The probability that a credit is right, from ``CREDIT_MODEL`` over :func:`credit_features`
    (1.0 without a model)."""
    if not CREDIT_MODEL:
        return 1.0
    logit = CREDIT_MODEL["intercept"] + sum(CREDIT_MODEL.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-logit))


_MAX_REPRESENTATIVES = 24  # candidates tried as the shown version of a large group


def propositions(
    component: list[int],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    published: dict[str, str | None] | None = None,
    predicates: Sequence[Sequence[Predicate]] | None = None,
) -> list[tuple[int, list[int]]]:
    """Split a group of linked claims into facts that each state one proposition: a chosen
    version (the one most others restate, then the one they contain best, then the most
    central and self-standing) keeps the claims that state what it states
    (:func:`same_proposition`), and the fact shows it or a part of it that they all state
    (:func:`entailed_version`); the rest are split the same way.  Linking is transitive, so
    without this "A fired Cheeks" could reach "Cheeks had a 122-147 record" through a
    sentence saying both.  ``predicates[k]`` are the parsed verbs of ``claims[k]``
    (:func:`newsbrief.facts.claim_predicates`)."""
    parsed: Sequence[Sequence[Predicate]] = predicates if predicates is not None else [()] * len(claims)
    out: list[tuple[int, list[int]]] = []
    pending = list(component)
    while pending:
        if len(pending) == 1:
            out.append((pending[0], pending))
            break
        sims = vectors[pending] @ vectors[pending].T
        central = sims.sum(axis=1) + np.array([_standalone_bonus(claims[k]) for k in pending])
        candidates = np.argsort(-central)[:_MAX_REPRESENTATIVES].tolist()
        best: tuple[int, float, list[int]] | None = None
        for x in candidates:
            keep = [
                pending[y]
                for y in range(len(pending))
                if y == x
                or same_proposition(
                    claims[pending[x]], claims[pending[y]], float(sims[x, y]), published,
                    (parsed[pending[x]], parsed[pending[y]]),
                )
            ]
            key = len(keep) + 0.9 * _contained(claims[pending[x]], [claims[k] for k in keep]) + 0.1 * float(
                central[x]
            ) / (len(pending) + 1)
            if best is None or key > best[1]:
                best = (pending[x], key, keep)
        assert best is not None
        shown = entailed_version(best[0], best[2], claims, vectors, published, parsed)
        group = [k for k in best[2] if k == shown or credible(shown, k, claims, vectors, parsed)]
        out.append((shown, group))
        kept = set(group)
        pending = [k for k in pending if k not in kept]
    return out


def credible(shown: int, other: int, claims: Sequence[Claim], vectors: np.ndarray,
             predicates: Sequence[Sequence[Predicate]]) -> bool:
    """Whether the version ``other`` may be credited with the version shown: the learned credit
    confidence (:func:`credit_confidence`) is at least ``CREDIT_SHOW``.  A version refused here
    is split again with the rest, as another fact or alone."""
    if not CREDIT_MODEL:
        return True
    features = credit_features(claims[shown], claims[other], float(vectors[shown] @ vectors[other]),
                               (predicates[shown], predicates[other]))
    return credit_confidence(features) >= CREDIT_SHOW


ENTAILED_PART = 0.8  # share of a shorter version's content words the chosen one must state for it to be shown instead
ENTAILED_GAIN = 0.1  # how much better the others must contain it than the chosen one


def entailed_version(
    rep: int,
    group: list[int],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    published: dict[str, str | None] | None = None,
    predicates: Sequence[Sequence[Predicate]] | None = None,
) -> int:
    """The version a fact shows: of the chosen one (``rep``) and the versions that are a part of
    it, the one the others contain best.  Every other version was credited for stating the
    chosen one; a part of it that the chosen version states (:func:`same_proposition` with the
    part shown, and most of the part's content words in it) is then stated by them too, so
    showing the part keeps every credit while no outlet is credited with the chosen one's
    extra clause ("sank a pirate mother vessel off Somalia in a battle that erupted after the
    ship came under attack" shown, "said it had sunk a pirate mother vessel" credited)."""
    chosen = claims[rep]
    parsed: Sequence[Sequence[Predicate]] = predicates if predicates is not None else [()] * len(claims)
    own = content_words(chosen.text)
    best, best_share = rep, _contained(chosen, [claims[k] for k in group]) + ENTAILED_GAIN
    for k in group:
        part = claims[k]
        words = content_words(part.text)
        if k == rep or not words or len(words & own) < ENTAILED_PART * len(words):
            continue
        if not same_proposition(part, chosen, float(vectors[k] @ vectors[rep]), published, (parsed[k], parsed[rep])):
            continue
        share = _contained(part, [claims[j] for j in group])
        if share > best_share:
            best, best_share = k, share
    return best


SHOWN_LOSS = 0.1  # how much worse the credited versions may contain a more readable version than the checked one


def showable(
    candidate: int,
    checked: int,
    group: Sequence[int],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    published: dict[str, str | None] | None = None,
    predicates: Sequence[Sequence[Predicate]] | None = None,
) -> bool:
    """Whether a fact whose versions are ``group`` may show version ``candidate`` (for its
    standing alone: "Robert Wood said" for "He said") instead of the version ``checked`` its
    credits were checked against: every other version states ``candidate``
    (:func:`same_proposition`) and passes the credit check against it (:func:`credible`), as
    :func:`propositions` checked them against the chosen one, and they contain it about as well
    as the checked one (:func:`_contained`, within ``SHOWN_LOSS``; words that only say who spoke
    left out: :func:`attribution_words`).  The credit checks let a credited version state a part
    of a longer one, which :func:`entailed_version` then shows; showing the longer one again
    would credit outlets with words they never wrote ('"You never see that in man coverage."'
    credited, '"... and that was a smart play by him."' shown)."""
    parsed: Sequence[Sequence[Predicate]] = predicates if predicates is not None else [()] * len(claims)
    shown, others = claims[candidate], [claims[k] for k in group if k != candidate]
    own = content_words(shown.text) - attribution_words(shown.text, claims[checked].text)
    if not own or not others:
        return False
    contained = sum(len(own & content_words(c.text)) / len(own) for c in others) / len(others)
    if contained < _contained(claims[checked], [claims[k] for k in group]) - SHOWN_LOSS - 1e-9:
        return False
    return all(
        k == candidate
        or (
            same_proposition(shown, claims[k], float(vectors[candidate] @ vectors[k]), published, (parsed[candidate], parsed[k]))
            and credible(candidate, k, claims, vectors, parsed)
        )
        for k in group
    )


def attribution_words(text: str, checked: str) -> set[str]:
    """The content words of ``text`` that only say who spoke, against the ``checked`` version: its
    reporting verbs ("told", "wrote"), the words of a reporting clause outside its quotation
    marks (:func:`_outside_quotes`: '"...," Dees said at a news conference'), and its capitalised
    words ``checked`` does not have (a name and title) when ``checked`` has a pronoun for them ('"...," Interior Secretary Dirk Kempthorne told
    reporters' / '"...," he said')."""
    said = {w.lower() for w in words(checked)}
    out = set(SPEECH_FORMS & {w.lower() for w in words(text)})
    for clause in _outside_quotes(text):  # '"...," the convicted killer said', 'Felt told attorney John O'Connor'
        if SPEECH_FORMS & {w.lower() for w in words(clause)}:
            out |= content_words(clause)
    if said & NAMED_PRONOUNS:
        out |= {w.lower() for w in words(text) if w[0].isupper() and w.lower() not in said}
    return out


def names_for_pronouns(shown: str, other: str) -> bool:
    """Whether ``other`` says ``shown`` word for word but for names standing where ``shown`` has a
    pronoun ("He said" / "Robert Wood said", "his plan" / "Obama's plan"): the only words it adds
    are the name the credited versions' pronoun stands for, which the brief may show."""
    a, b = words(shown), words(other)
    ops = difflib.SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b], autojunk=False).get_opcodes()
    changed = [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]
    return bool(changed) and all(
        len(old) == 1 and old[0].lower() in NAMED_PRONOUNS and new and all(w[0].isupper() for w in new)
        for old, new in changed
    )


def _contained(shown: Claim, versions: list[Claim]) -> float:
    """How much of the shown version the others say (mean share of its content words in
    each): of versions that restate one another, the one the others contain best is shown,
    so no outlet is credited with details it left out ("overpowered a deputy, took her gun
    and shot the judge" shown, "beat a deputy and stole her gun" credited)."""
    own = content_words(shown.text)
    others = [content_words(c.text) for c in versions if c is not shown]
    if not own or not others:
        return 0.0
    return sum(len(own & words) / len(own) for words in others) / len(others)


def _standalone_bonus(claim: Claim) -> float:
    """Prefer, as a fact's text, a version that names who did it over "He said that ...",
    then the one naming more entities, then the longer one."""
    anaphoric = bool(_ANAPHORIC_START.match(claim.text))
    return (0.0 if anaphoric else 0.5) + 0.02 * len(claim.entity_ids) + 1e-4 * len(claim.text)


# A figure as written, with the unit that makes it comparable: "81%", "more than 80 percent",
# "$1,160", "3.5 million tons".  A year ("in 2019") or a small count is no distinctive figure.
_FIGURE = re.compile(
    r"(?P<hedge>\b(?:more than|over|almost|nearly|about|around|roughly|some|just over|just under|up to|at least)\s+)?"
    r"(?P<cur>(?:US|U\.S\.)?\$|€|£)?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<scale>million|billion|trillion)?\s?(?P<pct>%|percent\b|per cent\b)?",
    re.I,
)
_SCALE = {"million": 1e6, "billion": 1e9, "trillion": 1e12}
FIGURE_TOLERANCE = 0.05  # "more than 80 percent" and "81%" name one rise; "80" and "90" do not


def figures(text: str) -> set[tuple[str, float, str]]:
    """The distinctive figures of ``text``: (unit, value, hedge) with unit "%", a currency sign
    or "" (a bare count); years (1900-2100 without a unit) and numbers below 10 left out."""
    found = set()
    for m in _FIGURE.finditer(text):
        try:
            value = float(m["num"].replace(",", ""))
        except ValueError:
            continue
        unit = "%" if m["pct"] else (m["cur"] or "").replace("U.S.", "US").replace("US", "")
        value *= _SCALE.get((m["scale"] or "").lower(), 1.0)
        if value < 10 or (not unit and 1900 <= value <= 2100 and "." not in m["num"]):
            continue
        found.add((unit, value, (m["hedge"] or "").strip().lower()))
    return found


def _same_figure(a: tuple[str, float, str], b: tuple[str, float, str]) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) <= FIGURE_TOLERANCE * max(a[1], b[1])


def shared_figures(versions: Sequence[str]) -> list[tuple[str, float, str]]:
    """The figures (:func:`figures`) every version states, with a unit or a value of 100 or
    more ("81%", "$1,160", "253 electoral votes"; not "20 dozen"): what the fact is about."""
    if not versions:
        return []
    found = [figures(v) for v in versions]
    return [f for f in found[0] if (f[0] or f[1] >= 100) and all(any(_same_figure(f, g) for g in other) for other in found[1:])]


def states_figure(text: str, shared: Sequence[tuple[str, float, str]]) -> bool:
    """Whether ``text`` states one of the ``shared`` figures, in the same unit and within
    ``FIGURE_TOLERANCE`` ("a more than 80 percent increase" for "by 81%")."""
    own = figures(text)
    return any(_same_figure(f, g) for f in shared for g in own)
