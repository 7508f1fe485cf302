"""8. Brief -> Markdown (terminal), JSON (documented in docs/brief-schema.json), HTML (render_html).

Citations are compact: each article gets a number, shown after the outlet's short name as a
superscript (``[UN News¹]``), and a sources list at the end of each story maps the numbers
to outlet, title, date and where the article came from.

Every field that comes from an input (text, titles, outlets, URLs, origins, names) goes into
Markdown through ``_md_escape``: HTML and Markdown punctuation is backslash-escaped and control
characters dropped, so a rendered brief shows the text literally and runs nothing.  JSON output
keeps the raw text by design: escaping is the job of whatever displays it (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from newsbrief import __version__
from newsbrief.copies import copy_origins, independent_outlets
from newsbrief.lexicon import MONTH_NAMES
from newsbrief.models import (
    Article,
    Brief,
    BriefArticle,
    BriefSentence,
    Citation,
    Development,
    Fact,
    Quantity,
    Quote,
)

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

DISAGREEMENT_LABELS = {
    "count_mismatch": "counts differ",
    "number_mismatch": "numbers differ",
    "date_mismatch": "dates differ",
    "speaker_mismatch": "attributed to different people",
    "denial": "denied",
    "unconfirmed": "not confirmed",
}


_HASHY = re.compile(r"[0-9a-f]{8,}")

QUOTE_KINDS = {"partial": "partly quoted", "indirect": "paraphrase", "according_to": "according to"}


_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_SEASONS = {"SP": ("03", "spring"), "SU": ("06", "summer"), "FA": ("09", "autumn"), "WI": ("12", "winter")}
_ORDINALS = ("first", "second", "third", "fourth")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
_VAGUE_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "DE": "decade", "CE": "century"}
_CLOCK_UNITS = {"H": "hour", "M": "minute", "S": "second"}


def week_monday(value: str) -> dt.date | None:
    match = _ISO_WEEK.match(value)
    if not match:
        return None
    try:
        return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:  # "2019-W53" in a year of 52 weeks
        return None


def _day_text(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def reader_date(value: str) -> str:
    """A TIMEX/ISO value as a journalist writes it (the JSON keeps the ISO value):

    "2019-11-15" -> "15 November 2019", "2019-W46" -> "week of 11 November 2019",
    "2019-W46-WE" -> "weekend of 16 November 2019", "2019-11" -> "November 2019",
    "2019-Q3" -> "the third quarter of 2019", "2019-FA" -> "autumn 2019", "201" -> "the
    2010s", "2019-11-15T14:30" -> "15 November 2019, 14:30",
    "2019-11-15TEV" -> "15 November 2019, evening", "P2M" -> "2 months", "PRESENT_REF" ->
    "now", "XXXX-WXX-3" -> "every Wednesday".  Anything else (an impossible date, free
    text) is returned unchanged: never a crash.
    """
    value = value.strip()
    if value in _VAGUE_REFS:
        return _VAGUE_REFS[value]
    week = _ISO_WEEK.match(value)
    if week:
        monday = week_monday(value)
        if monday is None:
            return value
        if week.group(3):
            return f"weekend of {_day_text(monday + dt.timedelta(days=5))}"
        return f"week of {_day_text(monday)}"
    match = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T(\d{2}:\d{2})|T(MO|AF|EV|NI))?$", value)
    if match:
        year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
        if not 1 <= month <= 12:
            return value
        if day is None:
            return f"{MONTH_NAMES[month - 1]} {year}"
        try:
            text = _day_text(dt.date(year, month, int(day)))
        except ValueError:  # "2019-02-30"
            return value
        clock = match.group(4) or _DAY_PARTS.get(match.group(5) or "")
        return f"{text}, {clock}" if clock else text
    if re.match(r"^\d{4}-(?:SP|SU|FA|WI)$", value):
        return f"{_SEASONS[value[5:]][1]} {value[:4]}"
    quarter = re.match(r"^(\d{4})-Q([1-4])$", value)
    if quarter:
        return f"the {_ORDINALS[int(quarter.group(2)) - 1]} quarter of {quarter.group(1)}"
    half = re.match(r"^(\d{4})-H([12])$", value)
    if half:
        return f"the {_ORDINALS[int(half.group(2)) - 1]} half of {half.group(1)}"
    if re.match(r"^\d{3}$", value):  # TIMEX decade
        return f"the {value}0s"
    every = re.match(r"^XXXX-WXX-([1-7])$", value)
    if every:
        return f"every {_WEEKDAYS[int(every.group(1)) - 1]}"
    duration = re.match(r"^P(?:(T)?(\d+(?:\.\d+)?)(DE|CE|[YMWDQHS]))$", value)
    if duration:
        clock, amount, code = duration.groups()
        unit = _CLOCK_UNITS.get(code) if clock else _DURATION_UNITS.get(code)
        if unit:
            number = float(amount)
            shown = _figure(number)
            return f"{shown} {unit}" if number == 1 else f"{shown} {'centuries' if unit == 'century' else unit + 's'}"
    return value


# -- amounts and counts ----------------------------------------------------------------

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
# Units written after the number, in words where readers expect words.
_UNIT_WORDS = {
    "KRW": "won", "RUB": "roubles", "UAH": "hryvnias", "CNY": "yuan", "pp": "percentage points",
    "deg": "degrees", "bbl": "barrels", "t": "tonnes", "Mt": "megatons", "kt": "kilotons", "km2": "square kilometres",
    "mi2": "square miles", "mi": "miles", "ft": "feet", "lb": "pounds", "ha": "hectares",
}
# Words of a vague count ("several dozen", "hundreds of thousands of"): the count is shown in its
# words, as the article writes it; its bounds are the analyser's estimate, not the outlet's figure.
_SIZE_WORDS = frozenset({"tens", "dozen", "dozens", "scores", "hundred", "hundreds", "thousand", "thousands", "million",
                         "millions", "billion", "billions", "trillion"})
_VAGUE_WORDS = _SIZE_WORDS | {"few", "several", "couple"}
# A unit after a vague count, in words: "millions of dollars", "several hundred km".
_UNIT_PLURALS = {"USD": "dollars", "EUR": "euros", "GBP": "pounds", "JPY": "yen", "%": "percent"}


def _figure(value: float) -> str:
    """A plain number: thousands separated ("8,000"), at most two decimals, no exponent."""
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) >= 0.01:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.2g}"


def _scaled(value: float) -> str:
    """6500000000 -> "6.5 billion", 212672 -> "212,672" (millions and up in words)."""
    for size, word in _SCALES:
        if abs(value) >= size:
            scaled = round(value / size, 2)
            if abs(scaled) >= 1000 and size < _SCALES[0][0]:  # 999,999,999 is "1 billion", not "1,000 million"
                return _scaled(scaled * size)
            return f"{_figure(scaled)} {word}"
    return _figure(value)


def _with_unit(number: str, unit: str | None) -> str:
    if not unit:
        return number
    if unit in _CURRENCY_SIGNS:
        return f"{_CURRENCY_SIGNS[unit]}{number}"
    if unit == "%":
        return f"{number}%"
    return f"{number} {_UNIT_WORDS.get(unit, unit)}"


def reader_amount(
    value: float, unit: str | None = None, modifier: str | None = None, value_max: float | None = None
) -> str:
    """An amount or count as a journalist writes it, hedge and range included:

    6500000000 USD -> "$6.5 billion"; 6e6 USD "about" -> "about $6 million"; 8000 "up to"
    -> "up to 8,000"; 12.5 % -> "12.5%"; -3e6 EUR -> "-€3 million"; 10..12 -> "10 to 12".
    Units without a sign are written after the number ("460 km", "5 million yuan").  A vague
    count is its words (:func:`_vague_amount`): "hundreds of thousands of" 200,000..999,999 ->
    "hundreds of thousands", "millions of" USD -> "millions of dollars".
    """
    if modifier and _VAGUE_WORDS & set(modifier.lower().split()):
        return _vague_amount(value, unit, modifier, value_max)
    shown = _one_amount(value, unit)
    if value_max is not None and value_max != value:
        if modifier and modifier.lower() == "between":
            return f"{modifier} {shown} and {_one_amount(value_max, unit)}"
        shown = f"{shown} to {_one_amount(value_max, unit)}"
    return f"{modifier} {shown}" if modifier else shown


def _one_amount(value: float, unit: str | None) -> str:
    sign = "-" if value < 0 else ""
    return sign + _with_unit(_scaled(abs(value)), unit)


def _vague_amount(value: float, unit: str | None, modifier: str, value_max: float | None) -> str:
    """A vague count as a journalist writes it: its words, the unit after them ("tens of millions
    of dollars", "several hundred km").  The estimate is added in brackets only where the words do
    not tell the size: "several" read as 300 to 700 is "several (300 to 700)", "several" as 3 to 7
    is "several"."""
    words = " ".join(modifier.split())
    shown = words.removesuffix(" of")
    if unit:
        name = _UNIT_PLURALS.get(unit) or _UNIT_WORDS.get(unit, unit)
        shown = f"{shown} {'of ' if words.endswith(' of') else ''}{name}"
    if not _SIZE_WORDS & set(words.lower().split()) and abs(value) >= 10:
        shown = f"{shown} ({reader_estimate(value, unit, value_max)})"
    return shown


def reader_estimate(value: float, unit: str | None = None, value_max: float | None = None) -> str:
    """The bounds a vague count is read as: "200,000 to 999,999", "$2 million to $999 million"."""
    if value_max is None or value_max == value:
        return _one_amount(value, unit)
    return f"{_one_amount(value, unit)} to {_one_amount(value_max, unit)}"


def reader_quantity(quantity: Quantity) -> str:
    """A stored :class:`Quantity` as a reader sees it (see :func:`reader_amount`)."""
    return reader_amount(quantity.value, quantity.unit, quantity.modifier, quantity.value_max)


def reader_speaker(quote: Quote) -> str:
    """Who said ``quote`` as a reader sees it: its named speaker, else 'unattributed ("he")'
    with the article's own words for the speaker (a pronoun the quotes layer could not resolve
    with confidence, or a document, "the statement"), else "unattributed".  Such a mention is
    never shown as if it were a person; the brief leaves these quotes out of "Who said what"
    (:func:`newsbrief.brief.group_quotes` lists only named speakers)."""
    if quote.speaker:
        return quote.speaker
    return f"unattributed (“{quote.speaker_mention}”)" if quote.speaker_mention else "unattributed"


_RAW_AMOUNT = re.compile(r"^(?P<unit>[A-Z]{3}\s+)?(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(?P<percent>%)?$")


def reader_value(value: str, kind: str | None = None) -> str:
    """A disputed or listed value as a reader sees it: a date of a date dispute (or any ISO
    value) through :func:`reader_date`, a raw number ("6500000000", "USD 6500000000") through
    :func:`reader_amount`; text already written for readers ("about $6 million") unchanged."""
    if kind == "date_mismatch":
        return reader_date(value)
    raw = _RAW_AMOUNT.match(value.strip())
    if raw and not (kind is None and re.fullmatch(r"\d{4}", value.strip())):  # a bare "2019" may be a year
        unit = (raw.group("unit") or "").strip() or ("%" if raw.group("percent") else None)
        return reader_amount(float(raw.group("number")), unit)
    return reader_date(value)


def development_heading(step: Development) -> str | None:
    """A development's headline as shown above its sentence; None when it is only the start of
    that sentence (an untitled article's step), which would tell the step twice."""
    head = step.headline.rstrip("…").rstrip(" .,;:")
    return None if not head or " ".join(step.text.split()).startswith(" ".join(head.split())) else step.headline


def told_in_lead(brief: Brief, step: Development) -> bool:
    """Whether the lead shows a development's sentence (the same span, or the same words in a
    copy): its step then shows its headline and citation only, and a reader reads no sentence
    twice (a quake pile's first and last steps repeated two of its four lead sentences)."""
    spans = {(c.article_id, c.start, c.end) for c in step.citations}
    words = " ".join(step.text.split())
    return any(
        " ".join(s.text.split()) == words or any((c.article_id, c.start, c.end) in spans for c in s.citations)
        for s in brief.lead
    )


IN_LEAD = "in the lead above"
# A pile on a theme lists dated items, not the steps of one story (DUC D0736H: a talk-show host's
# book club, Emmys, a magazine and a candidate's visit read as "a dozen developments").
DEVELOPMENTS_TITLE = {False: "Developments", True: "Dated items"}
THEME_NOTE = "No event here is reported by two independent outlets: a collection on a theme, not one developing story."


def development_reports(brief: Brief, step: Development, origins: Mapping[str, str] | None = None) -> str:
    """How many articles report a development, how many independent outlets when fewer ("2
    articles, 1 outlet": a year-later feature and its reprint on another wire), counted as the
    story's header counts them (``origins``: :func:`copy_origins` of its articles), and the days
    they were published when more than one: a step of a long pile can bundle articles weeks
    apart (beyond 12 steps the closest are merged), which "4 articles" alone hides."""
    reported = plural(len(step.article_ids), "article")
    if origins is None:
        origins = copy_origins(brief.articles)
    outlets = independent_outlets(brief.articles, among=step.article_ids, origins=origins)
    if outlets < len(step.article_ids):
        reported += f", {plural(outlets, 'outlet')}"
    ids = set(step.article_ids)
    days = sorted(a.date[:10] for a in brief.articles if a.id in ids and a.date)
    return f"{reported}, {reader_span(days[0], days[-1])}" if days and days[0] != days[-1] else reported


NO_LEAD = (
    "No lead: the articles have no complete English sentences "
    "(articles in other languages are stored, not analysed)."
)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def readable_outlet(outlet: str | None) -> bool:
    """False for a missing outlet or a file-name stand-in ("000_a2815e899fb06243")."""
    return bool(outlet) and not _HASHY.search(outlet or "")


def short_outlet(outlet: str | None, limit: int = 18) -> str:
    """A short, readable outlet label for inline citations ("" when there is no real name)."""
    if not outlet or not readable_outlet(outlet):
        return ""
    name = outlet.strip()
    for prefix in ("www.", "https://", "http://"):
        name = name.removeprefix(prefix)
    return name if len(name) <= limit else name[: limit - 1] + "…"


class CitationNumbers:
    """Numbers the articles of one brief in order of first citation (sources list order)."""

    def __init__(self, brief: Brief) -> None:
        self.articles = {a.id: a for a in brief.articles}
        self.number: dict[str, int] = {}
        self.markdown: dict[tuple[str, str | None], str] = {}  # (article id, outlet) -> its Markdown citation

    def __call__(self, citation: Citation) -> int:
        if citation.article_id not in self.number:
            self.number[citation.article_id] = len(self.number) + 1
        return self.number[citation.article_id]

    def label(self, citation: Citation) -> str:
        """``UN News¹`` when the outlet has a name, else just the article's number."""
        n = self(citation)
        outlet = citation.outlet or (self.articles[citation.article_id].label if citation.article_id in self.articles else None)
        name = short_outlet(outlet)
        return f"{name}{str(n).translate(_SUPERSCRIPT)}" if name else str(n)

    def cited(self) -> list[tuple[int, BriefArticle | None, str]]:
        return [(n, self.articles.get(aid), aid) for aid, n in sorted(self.number.items(), key=lambda kv: kv[1])]


def fact_citations(fact: Fact) -> tuple[Citation, ...]:
    """Every version of a fact as a citation (one per claim)."""
    return tuple(Citation(c.article_id, c.outlet, c.start, c.end, c.text) for c in fact.claims)


def unique_by_article(citations: Sequence[Citation], numbers: CitationNumbers | None = None) -> list[Citation]:
    """One citation per article (the first); with ``numbers``, in the order of the sources list."""
    seen: set[str] = set()
    out = []
    for c in citations:
        if c.article_id not in seen:
            seen.add(c.article_id)
            out.append(c)
    if numbers is not None:
        out.sort(key=numbers)
    return out


def _md_cites(numbers: CitationNumbers, citations: Sequence[Citation]) -> str:
    # a brief cites each source many times: its label is made and escaped once
    cites = numbers.markdown
    for c in citations:
        if (c.article_id, c.outlet) not in cites:
            cites[c.article_id, c.outlet] = f"[{_md_escape(numbers.label(c))}]"
    return "".join(cites[c.article_id, c.outlet] for c in unique_by_article(citations, numbers))


_MD_LINE_START = re.compile(r"^(?:([-+=>])|(\d+)([.)]))")
# Control characters (C0, C1, bidi embeddings and isolates) dropped and Markdown's special characters
# backslash-escaped, in one str.translate pass (a brief escapes thousands of strings)
_MD_TRANSLATION = {
    **{code: None for code in [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]},
    **{ord(c): "\\" + c for c in "\\`*_[]<>|#&"},
}


def _md_escape(text: str) -> str:
    """Keep input text literal in Markdown: one line, no control characters, every character
    that could start emphasis, a link, an image, raw HTML, an entity, a table cell or a heading
    backslash-escaped, and a leading list or quote marker escaped too."""
    text = " ".join(text.split()).translate(_MD_TRANSLATION)  # controls dropped, specials escaped
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)


def outlet_heading(brief: Brief, outlet: str, numbers: CitationNumbers) -> str:
    """An outlet's name, or for a nameless one "source N" (its number in the sources list)."""
    if readable_outlet(outlet):
        return outlet
    article = next((a for a in brief.articles if a.label == outlet), None)
    return f"source {numbers(Citation(article.id, article.outlet, 0, 0))}" if article else outlet[:12]


def fact_labels(brief: Brief) -> dict[str, str]:
    return {f.id: f"F{i}" for i, f in enumerate(brief.facts, start=1)}


def reader_span(first: str | None, last: str | None) -> str:
    """Two ISO dates as one span: "15 to 20 November 2019", "30 October to 2 November 2019",
    one date when they are the same, "dates unknown" when neither is known."""
    first, last = first or last, last or first
    if not first or not last:
        return "dates unknown"
    if first == last:
        return reader_date(first)
    a, b = reader_date(first).split(" "), reader_date(last).split(" ")
    if len(a) == len(b) == 3 and a[2] == b[2]:  # two days of one year
        return f"{a[0]} to {' '.join(b)}" if a[1] == b[1] else f"{' '.join(a[:2])} to {' '.join(b)}"
    return f"{reader_date(first)} to {reader_date(last)}"


def story_dates(brief: Brief) -> str:
    dates = sorted(a.date[:10] for a in brief.articles if a.date)
    return reader_span(dates[0], dates[-1]) if dates else "dates unknown"


def story_summary_line(brief: Brief) -> str:
    """"11 articles, 3 independent outlets, 9 September 2013 (8 syndicated or duplicate copies)":
    outlets counted as the key facts count theirs (:func:`newsbrief.copies.independent_outlets`)."""
    origins = copy_origins(brief.articles)
    copies = len(origins)
    outlets = independent_outlets(brief.articles, origins=origins)
    text = f"{plural(len(brief.articles), 'article')}, {plural(outlets, 'independent outlet')}, {story_dates(brief)}"
    return text + (f" ({copies} syndicated or duplicate {'copy' if copies == 1 else 'copies'})" if copies else "")


def _sentence_line(numbers: CitationNumbers, s: BriefSentence, day: str | None = None) -> str:
    cites = _md_cites(numbers, s.citations)  # first, so the source it was taken from gets the lower number
    also = f" (also {_md_cites(numbers, s.corroborated_by)})" if s.corroborated_by else ""
    dated = f"**{_md_escape(day)}:** " if day else ""
    return f"{dated}{_md_escape(s.text)} {cites}{also}"


def lead_day(brief: Brief, s: BriefSentence) -> str | None:
    """The day a lead sentence tells of (``s.date``: the day it names, else its article's; see
    :func:`newsbrief.brief.told_day`), as a reader reads it, when the story is a developing one:
    its steps days to years apart, "Turkey said Wednesday" needs its day.  None for a story of
    one event (its dates are in the summary line), an undated article, or background of no known
    day (shown undated, not as news of the day it was retold)."""
    if not brief.developments or not s.date:
        return None
    return reader_date(s.date)


def brief_to_markdown(brief: Brief) -> str:
    numbers = CitationNumbers(brief)
    labels = fact_labels(brief)
    out = [f"# {_md_escape(brief.headline)}", "", f"*{story_summary_line(brief)} · story `{brief.story_id[:10]}`*"]
    if brief.focus:
        out += ["", f"Focus: *{_md_escape(brief.focus)}*"]
    out += [""]
    out += [_sentence_line(numbers, s, lead_day(brief, s)) + "  " for s in brief.lead] or [f"*{NO_LEAD}*"]
    if brief.developments:
        out += ["", f"## {DEVELOPMENTS_TITLE[brief.theme]}, oldest first", ""]
        if brief.theme:
            out += [f"*{THEME_NOTE}*", ""]
        origins = copy_origins(brief.articles)
        for step in brief.developments:
            reported = development_reports(brief, step, origins)
            heading = development_heading(step)
            if told_in_lead(brief, step):  # its headline only (an untitled article's: nothing but the note)
                told = (f"**{_md_escape(heading)}** " if heading else "") + f"*({IN_LEAD})*"
            else:
                told = (f"**{_md_escape(heading)}**: " if heading else "") + _md_escape(step.text)
            out.append(
                f"- **{_md_escape(reader_date(step.date))}** — {told} {_md_cites(numbers, step.citations)} *({reported})*"
            )

    if brief.facts:
        out += ["", "## Key facts, by independent outlets", ""]
        for fact in brief.facts:
            n = fact.independent_outlets
            out.append(
                f"- **{labels[fact.id]}** {_md_escape(fact.text)} — **{n} outlet{'s' if n != 1 else ''}** "
                f"{_md_cites(numbers, fact_citations(fact))}"
            )
    if brief.disagreements:
        out += ["", "## Disputed", ""]
        for d in brief.disagreements:
            out.append(f"- **{_md_escape(d.topic)}** ({DISAGREEMENT_LABELS.get(d.kind, d.kind.replace('_', ' '))})")
            for v in d.versions:
                value = f"**{_md_escape(reader_value(v.value, d.kind))}**: " if v.value else ""
                out.append(f"  - {value}“{_md_escape(v.text)}” {_md_cites(numbers, v.citations)}")
    if brief.quotes:
        out += ["", "## Who said what", ""]
        for group in brief.quotes:
            role = f" — {_md_escape(group.role)}" if group.role else ""
            out.append(f"**{_md_escape(group.speaker)}**{role}")
            out += [""]
            for q in group.quotes:
                if q.kind in (None, "direct"):
                    out.append(f"- “{_md_escape(q.text)}” {_md_cites(numbers, q.citations)}")
                else:
                    kind = QUOTE_KINDS.get(q.kind, q.kind.replace("_", " "))
                    out.append(f"- *{kind}:* {_md_escape(q.text)} {_md_cites(numbers, q.citations)}")
            out += [""]
    if brief.timeline:
        out += ["", "## Timeline", ""]
        for t in brief.timeline:
            note = f" *({_md_escape(t.note)})*" if t.note else ""
            out.append(f"- **{_md_escape(reader_date(t.date))}** — {_md_escape(t.text)} {_md_cites(numbers, t.citations)}{note}")
    if brief.entities:
        out += ["", "## Who and what", ""]
        for e in brief.entities[:15]:
            variants = [v for v in e.variants if v != e.name]
            aka = f": also {', '.join(_md_escape(v) for v in variants)}" if variants else ""
            out.append(
                f"- **{_md_escape(e.name)}** ({_md_escape(e.label)}){aka} · {plural(len(e.mentions), 'mention')} "
                f"in {plural(len(e.article_ids), 'article')}"
            )
    out += _coverage_markdown(brief, labels, numbers)
    if brief.related:
        out += ["", "## Related stories", ""]
        out += [f"- `{r.story_id[:10]}` — {r.relation.replace('_', ' ')}: {_md_escape(r.reason)}" for r in brief.related]
    out += ["", "## Sources", ""]
    for a in brief.articles:  # uncited articles are listed too, after the cited ones
        numbers(Citation(a.id, a.outlet, 0, 0))
    for n, article, article_id in numbers.cited():
        if article is None:
            out.append(f"{n}. article `{article_id[:10]}`")
            continue
        where = article.url or article.origin
        date = f", {reader_date(article.date[:10])}" if article.date else ""
        dup = f" (copy of `{article.duplicate_of[:10]}`)" if article.duplicate_of else ""
        out.append(
            f"{n}. **{_md_escape(article.label)}** — {_md_escape(article.title or 'untitled')}"
            f"{_md_escape(date)} · `{article.id[:10]}` · {_md_escape(where)}{dup}"
        )
    return "\n".join(out).rstrip() + "\n"


# What a coverage table's distinct mark (Markdown "≈", HTML "◐") says: the outlet has the fact
# in other words, and counts among "most" for the table's "leaves out" notes.
RESTATED_LEGEND = "≈ states it in other words (not counted among the outlets credited with it, nor said to leave it out)."


def _coverage_markdown(brief: Brief, labels: dict[str, str], numbers: CitationNumbers) -> list[str]:
    cov = brief.coverage
    if not cov.outlets or not brief.facts:
        return []
    out = ["", "## Coverage", "", "| fact | " + " | ".join(_md_escape(outlet_heading(brief, o, numbers)) for o in cov.outlets) + " |"]
    out.append("|---|" + "---|" * len(cov.outlets))
    for fact in brief.facts:
        marks = ["✓" if fact.id in cov.matrix.get(o, ()) else "≈" if fact.id in cov.restated.get(o, ()) else "" for o in cov.outlets]
        out.append(f"| {labels[fact.id]} | " + " | ".join(marks) + " |")
    out.append("")
    if any(set(fids) & {f.id for f in brief.facts} for fids in cov.restated.values()):
        out.append(f"- {RESTATED_LEGEND}")
    if cov.only_one_outlet:
        out.append("- Only one outlet reports: " + ", ".join(labels.get(f, f) for f in cov.only_one_outlet) + ".")
    for outlet, missing in cov.omissions.items():
        out.append(f"- {_md_escape(outlet_heading(brief, outlet, numbers))} leaves out what most others report: " + ", ".join(labels.get(f, f) for f in missing) + ".")
    return out


def to_markdown(briefs: Sequence[Brief]) -> str:
    """One Markdown document: a section per story, each with its own sources list."""
    if not briefs:
        return "*No stories.*\n"
    return "\n---\n\n".join(brief_to_markdown(b) for b in briefs)


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The JSON form of one brief: the record, plus ``id``, a ``citations`` list on each fact,
    and beside each machine value (ISO date, raw number) a ``shown`` string as a reader sees it."""
    data = brief.to_dict()
    for fact, fact_data in zip(brief.facts, data["facts"], strict=True):
        fact_data["citations"] = [c.to_dict() for c in fact_citations(fact)]
    for entry, entry_data in zip(brief.timeline, data["timeline"], strict=True):
        entry_data["shown"] = reader_date(entry.date)
    for d, d_data in zip(brief.disagreements, data["disagreements"], strict=True):
        for v, v_data in zip(d.versions, d_data["versions"], strict=True):
            if v.value:
                v_data["shown"] = reader_value(v.value, d.kind)
    return {"id": brief.story_id, **data}


def to_json(briefs: Sequence[Brief], generated_at: str | None = None) -> str:
    """``{"newsbrief_version", "generated_at", "stories": [...]}``, as described in docs/brief-schema.json."""
    document = {
        "newsbrief_version": __version__,
        "generated_at": generated_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "stories": [brief_to_dict(b) for b in briefs],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def briefs_from_json(text: str) -> list[Brief]:
    """The Brief records back from :func:`to_json` output."""
    return [Brief.from_dict(story) for story in json.loads(text)["stories"]]


def to_html(briefs: Sequence[Brief], articles: Mapping[str, Article]) -> str:
    """One self-contained HTML page: the briefs, and the source articles (id -> Article, e.g.
    from :func:`newsbrief.pipeline.brief_articles`) with every cited span linked."""
    from newsbrief.render_html import render_page

    return render_page(briefs, articles)
