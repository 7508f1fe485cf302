"""The rule table of time expressions and the calendar arithmetic that normalises them.

Each ``Rule`` is a regular expression plus a function turning its match into a
``Normalised`` value, given a ``Context`` (the publication date and whether the clause
speaks about the future).  ``newsbrief.analyse.times`` runs the table over an article.

News conventions, not dateparser's defaults:

* a bare weekday is the most recent such day, the publication day included ("on
  Wednesday" in an article of Wednesday 2024-01-10 is 2024-01-10); in a future clause
  ("will meet Friday") it is the next one;
* a month and day without a year that would fall more than a week after the publication
  date belongs to the previous year (reports look back), unless the clause is in the future;
* "last week" is the ISO week before the publication week, "this month" the publication
  month, "a recent Saturday" the most recent Saturday before the publication day (note
  "approximate");
* modifiers keep the value of what they modify and go into the note ("late 2023" -> "2023",
  note "late").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
UNIT_CODES = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "weekend": "D", "week": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2,
    "couple of": 2, "half a": 0.5,
}
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "a number of", "dozens of", "hundreds of")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# --- pattern vocabulary (months and weekdays must be capitalised; the rest ignores case) ---
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR}|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
WEEKDAY = r"(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
NUMBER = (
    rf"(?P<num>\d+(?:\.\d+)?|{_TENS}(?:-{_UNITS_WORDS})?|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|"
    r"half\s+a|a\s+few|a\s+number\s+of|dozens\s+of|hundreds\s+of|an?|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|few|several|many)"
)
UNIT = r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies))"
MOD = r"(?P<mod>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)"
B = r"(?<![\w$#.-])"  # a left word boundary that also refuses "$2006", "#1874", "1.2024"
E = r"(?![\w-]|\.\d)"


@dataclass(frozen=True)
class Context:
    """What a normaliser knows beyond the expression: publication date and tense."""

    dct: dt.date | None
    future: bool = False
    past: bool = False
    planned: bool = False  # an arrangement ("was to meet Friday"): ahead, or later the same day


@dataclass(frozen=True)
class Normalised:
    """A normalised value; ``relative`` when it needed the publication date."""

    value: str | None
    granularity: str
    kind: str = "date"
    relative: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Callable[[re.Match[str], Context], Normalised | None]
    # check(match, previous word) -> keep?  For words that are only sometimes dates ("May").
    check: Callable[[re.Match[str], str], bool] | None = None


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")


def iso_day(value: str | None) -> dt.date | None:
    """The calendar day of an ISO value ("2019-11-15", "2019-11-15T10:00"); None for anything
    else (months, weeks, seasons, "XXXX", "PRESENT_REF", an impossible day such as
    "2019-02-30").  The one reader of stored days: a normalised time value, a publication date."""
    if not value or not _ISO_DAY.match(value):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_published(published: str | None) -> dt.date | None:
    """The publication date from an ISO date or datetime string; None when absent or invalid."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        pass
    import dateparser  # slow to import; only for non-ISO dates ("Wed, 10 Jan 2024 12:00:00 GMT")

    parsed = dateparser.parse(published, languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed is not None else None


# --- the anchor: publication date or dateline ---------------------------------------------

# How far the dateline and the metadata date may disagree before the dateline wins: a wire
# story is often dated the day before the page that reprints it.
DATELINE_TOLERANCE_DAYS = 3
_DATELINE_DATE = (
    rf"(?:{MONTH}\s+{DAY},?\s+{YEAR}|{DAY.replace('day>', 'day2>')}\s+{MONTH.replace('month>', 'month2>')},?\s+"
    rf"{YEAR.replace('year>', 'year2>')}|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))"
)
# "WASHINGTON, Oct. 14, 2021 —", "AUSTIN, Texas (AP) — Oct. 14, 2021 —", "Oct. 14, 2021 —"
_DATELINE_OPENING = re.compile(
    r"\A\s*(?:[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*(?:\([^)\n]{1,30}\)\s*)?[,—–-]+\s*)?"
    + _DATELINE_DATE + r"\s*(?:\([^)\n]{1,30}\)\s*)?[—–:-]"
)
# A line of its own near the top: "Published: October 14, 2021", "14 October 2021 10:02 BST"
_DATELINE_LINE = re.compile(
    r"^[ \t]*(?:(?:Published|Posted|Updated|Last\s+updated|Date|Dated)(?:\s+on)?\s*:?\s*)?"
    + _DATELINE_DATE + r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?[ \t]*$",
    re.MULTILINE,
)


def dateline_date(text: str, head: int = 300) -> dt.date | None:
    """The date the article's own dateline gives, from its opening ("WASHINGTON, Oct. 14,
    2021 — ...") or a date line of its own in its first ``head`` characters ("Published:
    October 14, 2021"); None when it has none.  A date inside a sentence is an event, not a
    dateline, and is not taken."""
    match = _DATELINE_OPENING.match(text) or _DATELINE_LINE.search(text[:head])
    if match is None:
        return None
    if match["iso"]:
        try:
            return dt.date.fromisoformat(match["iso"])
        except ValueError:
            return None
    year, month, day = (match["year"], match["month"], match["day"]) if match["year"] else (
        match["year2"], match["month2"], match["day2"])
    try:
        return dt.date(int(year), month_number(month), int(day))
    except (ValueError, KeyError):
        return None


def choose_anchor(published: dt.date | None, dateline: dt.date | None) -> tuple[dt.date | None, str | None]:
    """The date relative expressions are resolved against, and a note saying which it is.

    The publication date, unless the article's dateline is more than
    ``DATELINE_TOLERANCE_DAYS`` away from it (metadata that is a crawl or update date: an
    October 2021 story on a page dated September 2022 must not read "since early September"
    as September 2022) or there is no publication date; then the dateline, and the note says so.
    """
    if dateline is None:
        return published, None
    if published is None:
        return dateline, f"anchored on the dateline ({dateline.isoformat()}); no publication date"
    if abs((published - dateline).days) > DATELINE_TOLERANCE_DAYS:
        return dateline, (
            f"anchored on the dateline ({dateline.isoformat()}), not the metadata date ({published.isoformat()})"
        )
    return published, None


# --- calendar helpers -------------------------------------------------------------------


def month_number(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def weekday_number(name: str) -> int:
    return WEEKDAYS[name.lower()[:3]]


def number_value(word: str) -> float | None:
    """"two" -> 2, "twenty-five" -> 25, "3" -> 3; None for vague counts ("several")."""
    word = re.sub(r"\s+", " ", word.lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    if "-" in word:
        tens, _, ones = word.partition("-")
        if tens in NUMBER_WORDS and ones in NUMBER_WORDS:
            return float(NUMBER_WORDS[tens] + NUMBER_WORDS[ones])
    return None


def shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def weekday_date(dct: dt.date, weekday: int, relation: str, future: bool, planned: bool = False) -> dt.date:
    """The date of a weekday relative to ``dct``.

    relation "" (bare, news convention): most recent, same day included, or next in a
    future clause (from the same day on in a planned one: "Adams was to return to Belfast later
    Monday"); "last"/"recent": strictly before; "next"/"coming": strictly after; "this": in the
    publication week.
    """
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if relation in ("last", "recent", "past", "this past"):
        return dct - dt.timedelta(days=back or 7)
    if relation in ("next", "coming", "this coming"):
        return dct + dt.timedelta(days=ahead or 7)
    if relation == "this":
        return dct + dt.timedelta(days=weekday - dct.weekday())
    if future:
        return dct + dt.timedelta(days=ahead or (0 if planned else 7))
    return dct - dt.timedelta(days=back)


def year_for_month_day(dct: dt.date, month: int, day: int, future: bool, past: bool = False) -> int:
    """The year of a month-day given without one.

    A past-tense clause looks back (a date more than a week after publication is last
    year's), a future clause looks ahead, anything else takes the nearest such day.
    """
    day = day if month != 2 or day < 29 else 28
    candidate = dt.date(dct.year, month, day)
    slack = dt.timedelta(days=7)
    if future:
        return dct.year + 1 if candidate < dct - slack else dct.year
    if past:  # a past clause may still name a coming deadline ("gave them until May 3"): a month's slack
        return dct.year - 1 if candidate > dct + 4 * slack else dct.year
    years = (dct.year - 1, dct.year, dct.year + 1)
    return min(years, key=lambda y: (abs((dt.date(y, month, day) - dct).days), y > dct.year))


def year_for_month(dct: dt.date, month: int, relation: str, future: bool, past: bool = False) -> int:
    if relation == "last":
        return dct.year if month < dct.month else dct.year - 1
    if relation == "next":
        return dct.year if month > dct.month else dct.year + 1
    if relation == "this":
        return dct.year
    if future:
        return dct.year + 1 if month < dct.month else dct.year
    if past:
        return dct.year - 1 if month > dct.month + 1 else dct.year
    here = dct.year * 12 + dct.month
    years = (dct.year - 1, dct.year, dct.year + 1)
    return min(years, key=lambda y: (abs(y * 12 + month - here), y > dct.year))


_POSSESSIVE_YEAR = re.compile(
    r"(?i:(?P<rel>last|next|this|the\s+past|the\s+coming)\s+year['’]s)\s+$")
_POSSESSIVE_YEAR_OFFSETS = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}


def possessive_year(match: re.Match[str]) -> int | None:
    """The year a possessive before a month names, as an offset from the publication year:
    "last year's July 19" is the July 19 of the year before (-1), "next year's March" +1,
    "this year's" 0; None when no such possessive precedes the match."""
    found = _POSSESSIVE_YEAR.search(match.string, max(0, match.start() - 30), match.start())
    return _POSSESSIVE_YEAR_OFFSETS[found["rel"].split()[-1].lower()] if found else None


def modifier_note(match: re.Match[str]) -> str | None:
    mod = match.groupdict().get("mod")
    return re.sub(r"\s+", " ", mod.lower()) if mod else None


def duration_value(amount: float | None, unit: str) -> str:
    code = UNIT_CODES[unit.lower().rstrip("s").replace("centurie", "century")]
    if amount is None:
        return f"PX{code}"
    number = int(amount) if amount == int(amount) else amount
    if code in ("H", "M", "S") and unit.lower().startswith(("hour", "minute", "second")):
        return f"PT{number}{code}"
    if code == "DE":
        return f"P{int(amount * 10)}Y"
    if code == "CE":
        return f"P{int(amount * 100)}Y"
    return f"P{number}{code}"


def at_granularity(day: dt.date, unit: str) -> tuple[str, str]:
    """(value, granularity) of ``day`` seen at the granularity of ``unit``."""
    unit = unit.lower().rstrip("s")
    if unit in ("day", "night", "hour", "minute", "second"):
        return day.isoformat(), "day"
    if unit in ("week", "weekend"):
        return iso_week(day) + ("-WE" if unit == "weekend" else ""), "week"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}", "month"
    if unit == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}", "quarter"
    if unit == "decade":
        return f"{day.year // 10:03d}", "decade"
    if unit in ("century", "centurie"):
        return f"{day.year // 100:02d}", "century"
    return f"{day.year:04d}", "year"


def shift(day: dt.date, amount: float, unit: str) -> dt.date:
    """``day`` moved by ``amount`` units (negative: back in time)."""
    unit = unit.lower().rstrip("s")
    whole = int(amount)
    if unit in ("day", "night"):
        return day + dt.timedelta(days=whole)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=whole)
    if unit == "month":
        return shift_months(day, whole).replace(day=1)
    if unit == "quarter":
        return shift_months(day, 3 * whole)
    if unit == "decade":
        return dt.date(day.year + 10 * whole, 1, 1)
    if unit in ("century", "centurie"):
        return dt.date(day.year + 100 * whole, 1, 1)
    if unit in ("hour", "minute", "second"):
        return day
    return dt.date(day.year + whole, 1, 1)


# --- normalisers: one per rule ------------------------------------------------------------


def _relative(ctx: Context, granularity: str, compute: Callable[[dt.date], str | None], note: str | None = None,
              kind: str = "date") -> Normalised:
    """A value that needs the publication date (None without one)."""
    value = compute(ctx.dct) if ctx.dct is not None else None
    return Normalised(value, granularity, kind, True, note)


def norm_full_date(m: re.Match[str], ctx: Context) -> Normalised | None:
    month, day = month_number(m["month"]), int(m["day"])
    if not 1 <= day <= 31:
        return None
    if m["year"]:
        date = safe_date(int(m["year"]), month, day)
        return Normalised(date.isoformat(), "day") if date else None
    if safe_date(2000, month, day) is None:  # 2000 is a leap year: February 29 is valid
        return None

    offset = possessive_year(m)

    def compute(dct: dt.date) -> str | None:
        year = dct.year + offset if offset is not None else year_for_month_day(dct, month, day, ctx.future, ctx.past)
        date = safe_date(year, month, day)
        return date.isoformat() if date else None

    return _relative(ctx, "day", compute)


def norm_iso_date(m: re.Match[str], ctx: Context) -> Normalised | None:
    year = int(m["year"]) if len(m["year"]) == 4 else 2000 + int(m["year"])
    date = safe_date(year, int(m["mon"]), int(m["day"]))
    return Normalised(date.isoformat(), "day") if date else None


def norm_month_year(m: re.Match[str], ctx: Context) -> Normalised:
    return Normalised(f"{int(m['year']):04d}-{month_number(m['month']):02d}", "month", note=modifier_note(m))


def norm_month(m: re.Match[str], ctx: Context) -> Normalised:
    month = month_number(m["month"])
    relation = (m["rel"] or "").lower().split()[-1] if m["rel"] else ""
    relation = {"past": "last", "coming": "next"}.get(relation, relation)
    offset = possessive_year(m) if not m["rel"] else None

    def compute(dct: dt.date) -> str:
        year = dct.year + offset if offset is not None else year_for_month(dct, month, relation, ctx.future, ctx.past)
        return f"{year:04d}-{month:02d}"

    return _relative(ctx, "month", compute, modifier_note(m))


def norm_year(m: re.Match[str], ctx: Context) -> Normalised:
    return Normalised(m["year"], "year", note=modifier_note(m))


def norm_decade(m: re.Match[str], ctx: Context) -> Normalised:
    if m["decade"]:
        value = m["decade"][:3]
    else:  # "the '90s": the most recent such decade before the publication year (1900s default)
        century = "19"
        if ctx.dct is not None and int(f"{ctx.dct.year // 100}{m['short']}") <= ctx.dct.year:
            century = str(ctx.dct.year // 100)
        value = century + m["short"][0]
    return Normalised(value, "decade", note=modifier_note(m))


def norm_season(m: re.Match[str], ctx: Context) -> Normalised | None:
    code = SEASONS[m["season"].lower()]
    if m["year"]:
        return Normalised(f"{m['year']}-{code}", "season", note=modifier_note(m))
    relation = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]

    def compute(d: dt.date) -> str:
        if relation in ("last", "past", "this past"):  # the most recent such season that has ended
            year = d.year if start_month + 2 < d.month else d.year - 1
        elif relation in ("next", "the coming", "this coming"):
            year = d.year if start_month > d.month else d.year + 1
        else:
            year = d.year
        return f"{year}-{code}"

    return _relative(ctx, "season", compute, modifier_note(m))


def norm_quarter(m: re.Match[str], ctx: Context) -> Normalised:
    relation = (m["rel"] or "").lower()
    if m["ord"]:
        number = ORDINALS[m["ord"].lower()]
        year = m["year"] or m["year2"]
        if year:
            return Normalised(f"{year}-Q{number}", "quarter")

        def compute(dct: dt.date) -> str:
            base = dct.year if number <= quarter_of(dct) or ctx.future else dct.year - 1
            if relation in ("year-earlier", "year-ago"):
                base -= 1
            return f"{base}-Q{number}"

        return _relative(ctx, "quarter", compute)

    def previous_quarter(dct: dt.date) -> str:
        # In news about results, "the quarter" is the last completed one; "current" is the present one.
        day = dct if relation == "current" else shift_months(dct, -3)
        if relation in ("year-earlier", "year-ago"):
            day = dt.date(day.year - 1, day.month, 1)
        return f"{day.year}-Q{quarter_of(day)}"

    return _relative(ctx, "quarter", previous_quarter)


def norm_today(m: re.Match[str], ctx: Context) -> Normalised:
    word = re.sub(r"\s+", " ", m[0].lower()).removeprefix("early ").removeprefix("late ")
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}.get(word, 0)
    return _relative(ctx, "day", lambda d: (d + dt.timedelta(days=offset)).isoformat(), modifier_note(m))


def norm_vague(m: re.Match[str], ctx: Context) -> Normalised:
    word = m[0].lower()
    if re.search(r"now|current|present|these days|moment", word):
        value = "PRESENT_REF"
    elif re.search(r"future|soon|coming", word):
        value = "FUTURE_REF"
    else:
        value = "PAST_REF"
    return Normalised(value, "vague")


def norm_set(m: re.Match[str], ctx: Context) -> Normalised:
    word = m[0].lower()
    unit = m["setunit"].lower() if m["setunit"] else word.removesuffix("ly").replace("dai", "day").replace("annual", "year")
    unit = {"night": "day", "morning": "day", "evening": "day", "nightly": "day", "hour": "hour"}.get(unit, unit)
    if unit.endswith("day") and unit != "day":
        return Normalised("XXXX-WXX-" + str(weekday_number(unit) + 1), "set", "set")
    code = UNIT_CODES.get(unit, "D")
    return Normalised(f"PT1{code}" if unit == "hour" else f"P1{code}", "set", "set")


def norm_weekday(m: re.Match[str], ctx: Context) -> Normalised:
    weekday = weekday_number(m["wd"])
    pre = re.sub(r"\s+", " ", (m["pre"] or "").lower())
    relation = {"a recent": "recent", "early": "", "late": "", "the previous": "last", "the following": "next"}.get(pre, pre)
    note = "approximate" if pre == "a recent" else (pre if pre in ("early", "late") else None)
    if m["part"]:  # "Friday night": the value stays the day (TimeBank mostly does the same)
        note = " ".join(filter(None, (note, m["part"].lower())))
    return _relative(ctx, "day", lambda d: weekday_date(d, weekday, relation, ctx.future, ctx.planned).isoformat(), note)


def norm_relative_unit(m: re.Match[str], ctx: Context) -> Normalised | None:
    relation = re.sub(r"\s+", " ", m["rel"].lower()).removeprefix("the ")
    unit = m["unit"].lower()
    if relation == "past" and m[0].lower().startswith("the") or relation == "past" and not m["mod"]:
        return Normalised(duration_value(1, unit), "duration", "duration", note=modifier_note(m))
    offset = {"last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(relation, 0)
    if relation == "same" or relation == "the" and not m["mod"]:  # "the year": which one is unknown
        return None
    value_unit = unit

    def compute(dct: dt.date) -> str:
        return at_granularity(shift(dct, offset, value_unit), value_unit)[0]

    granularity = at_granularity(dt.date(2000, 1, 1), unit)[1]
    return _relative(ctx, granularity, compute, modifier_note(m))


def norm_duration(m: re.Match[str], ctx: Context) -> Normalised | None:
    amount = number_value(m["num"]) if m["num"] else None
    unit = m["unit"].lower()
    pre = re.sub(r"\s+", " ", (m["pre"] or "").lower())
    note = {"more than": "more than", "over": "more than", "less than": "less than", "nearly": "approximate",
            "almost": "approximate", "about": "approximate", "around": "approximate", "some": "approximate",
            "roughly": "approximate", "approximately": "approximate", "at least": "at least", "up to": "at most"}.get(pre)
    before = m.string[max(0, m.start() - 12) : m.start()].lower().split()
    if m["num"] and m["num"].lower() in ("a", "an") and before and before[-1] in ("times", "once", "twice"):
        return Normalised(duration_value(1, unit), "set", "set")
    if m["old"]:  # "a 6-year-old boy" is an age, not a time expression
        return None
    ago = (m["ago"] or "").lower()
    if ago:
        sign = 1 if ago in ("later", "from now", "hence") else -1
        if amount is None:
            return Normalised("FUTURE_REF" if sign > 0 else "PAST_REF", "vague", note=note)
        value_unit = "day" if unit.startswith(("day", "night")) or (unit.startswith("week") and amount < 4) else unit
        value_unit = "year" if unit.startswith("decade") else value_unit
        return _relative(ctx, at_granularity(dt.date(2000, 1, 1), value_unit)[1],
                         lambda d: at_granularity(shift(d, sign * amount, unit) if not unit.startswith("week")
                                                  else d + dt.timedelta(weeks=sign * amount), value_unit)[0], note)
    return Normalised(duration_value(amount, unit), "duration", "duration", note=note)


def norm_clock(m: re.Match[str], ctx: Context) -> Normalised | None:
    if m["h2"]:
        hour, minute = (12, 0) if m["h2"].lower() == "noon" else (0, 0)
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["mi24"])
        if hour > 23:
            return None
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if hour > 12:
            return None
        pm = m["ampm"].lower().startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    when = (m["when"] or "").lower()
    clock = f"T{hour:02d}:{minute:02d}"

    def compute(dct: dt.date) -> str:
        if when in WEEKDAY_NAMES:
            day = weekday_date(dct, weekday_number(when), "", ctx.future, ctx.planned)
        else:
            day = dct + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(when, 0))
        return day.isoformat() + clock

    return _relative(ctx, "time", compute, kind="time")


def norm_day_part(m: re.Match[str], ctx: Context) -> Normalised:
    relation = m["prel"].lower()
    part = m["dpart"].lower()
    offset = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(relation, 0)
    if relation == "last" and part != "night":
        offset = -1
    return _relative(ctx, "time", lambda d: (d + dt.timedelta(days=offset)).isoformat() + DAY_PARTS[part],
                     kind="time")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) given weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = shift_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
}


def norm_holiday(m: re.Match[str], ctx: Context) -> Normalised:
    name = re.sub(r"\s+", " ", m["holiday"].lower()).replace("’", "'")
    day_of = HOLIDAYS[name]
    relation = (m["hrel"] or "").lower()
    if m["year"]:
        return Normalised(day_of(int(m["year"])).isoformat(), "day")

    def compute(dct: dt.date) -> str:
        candidates = [day_of(y) for y in (dct.year - 1, dct.year, dct.year + 1)]
        if relation == "last" or ctx.past:
            return max(d for d in candidates if d <= dct).isoformat()
        if relation == "next" or ctx.future:
            return min(d for d in candidates if d >= dct).isoformat()
        return min(candidates, key=lambda d: abs((d - dct).days)).isoformat()

    return _relative(ctx, "day", compute)


def norm_year_earlier(m: re.Match[str], ctx: Context) -> Normalised:
    return _relative(ctx, "year", lambda d: str(d.year - 1))


def norm_weekend(m: re.Match[str], ctx: Context) -> Normalised:
    def compute(d: dt.date) -> str:
        saturday = weekday_date(d, 5, "", ctx.future)
        return iso_week(saturday) + "-WE"

    return _relative(ctx, "week", compute)


def norm_bare_units(m: re.Match[str], ctx: Context) -> Normalised:
    return Normalised(duration_value(None, m["bare"]), "duration", "duration")


WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTH_LEAD_WORDS = frozenset(
    {"in", "since", "by", "until", "till", "from", "of", "before", "after", "during", "through", "to", "and",
     "or", "early", "late", "mid", "last", "next", "this", "between", "throughout", "on", "for", "past"}
)


def check_month(m: re.Match[str], previous: str) -> bool:
    if m["rel"] or m["mod"]:
        return True
    lead = previous.rstrip(",").lower() in MONTH_LEAD_WORDS or previous.endswith(",")
    if m["month"] == "May" and not lead:
        return False
    following = m.string[m.end() : m.end() + 20]
    # "April Ryan", "Augusta" (excluded by the pattern): a capitalised word after is a name
    return lead or not re.match(r"\s+[A-Z][a-z]", following)


NAMED_DAYS = frozenset({"good", "black", "bloody", "super", "cyber", "ash", "palm", "holy", "easter", "maundy",
                        "giving", "fat", "shrove", "boxing", "patriots", "patriot's"})


def check_weekday(m: re.Match[str], previous: str) -> bool:
    """"Good Friday", "Black Friday", "Bloody Sunday" are names, not dates."""
    return m["pre"] is not None or previous.lower().strip(",") not in NAMED_DAYS


def check_season(m: re.Match[str], previous: str) -> bool:
    return bool(m["rel"] or m["year"])


def check_bare_units(m: re.Match[str], previous: str) -> bool:
    return previous in ("for", "over", "within", "in", "after")


def _ci(pattern: str) -> str:
    return f"(?i:{pattern})"


_REL_UNIT = r"(?P<unit>week|weekend|month|year|quarter|decade|century)"
_FUTURE_REL = r"this|last|next|past|this\s+past|this\s+coming|the\s+coming"

RULES: tuple[Rule, ...] = (
    Rule("full date", re.compile(B + rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?" + E), norm_full_date),
    Rule("day month", re.compile(B + rf"{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?" + E), norm_full_date),
    Rule("iso date", re.compile(B + r"(?P<year>(?:1[89]|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)" + E), norm_iso_date),
    Rule("numeric date", re.compile(B + r"(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)" + E),
         norm_iso_date),
    Rule("month year", re.compile(B + rf"(?:{_ci(MOD)}[\s-]+)?{MONTH}(?:\s+of)?,?\s+{YEAR}" + E), norm_month_year),
    Rule("month", re.compile(B + rf"(?:{_ci(MOD)}[\s-]+)?(?:(?P<rel>{_ci(_FUTURE_REL)})\s+)?(?P<month>{_MONTH_FULL}|Sept\.)" + E),
         norm_month, check_month),
    Rule("year", re.compile(B + rf"(?:{_ci(MOD)}[\s-]+)?(?:{_ci('fiscal|calendar')}\s+(?:{_ci('year')}\s+)?)?{YEAR}"
                            + r"(?![\w-]|\.\d|\s*%|,\d)"), norm_year),
    Rule("decade", re.compile(B + rf"(?:{_ci('the')}\s+)?(?:{_ci(MOD)}[\s-]+)?(?:(?P<decade>(?:1[89]|20)\d0)|'(?P<short>\d0))'?s" + E),
         norm_decade),
    Rule("season", re.compile(B + rf"(?:{_ci(MOD)}[\s-]+)?(?:(?P<rel>{_ci(_FUTURE_REL)})\s+)?"
                              + rf"(?P<season>{_ci('spring|summer|fall|autumn|winter')})(?:\s+(?:{_ci('of')}\s+)?{YEAR})?" + E),
         norm_season, check_season),
    Rule("quarter", re.compile(B + _ci(r"(?:the\s+)?(?:(?P<rel>latest|last|this|next|current|previous|year-earlier|year-ago|fiscal|same|this\s+year's)\s+)?")
                               + rf"(?:{YEAR}(?:'s)?\s+)?(?:(?P<ord>{_ci('first|second|third|fourth|1st|2nd|3rd|4th')})[\s-]+)?"
                               + _ci(r"quarter(?:\s+of\s+(?:fiscal\s+)?(?P<year2>(?:19|20)\d\d))?") + E),
         norm_quarter, lambda m, prev: bool(m["ord"] or m[0].lower().startswith("the"))),
    Rule("today", re.compile(B + _ci(r"(?:(?P<mod>early|late)\s+)?(?:today|tonight|yesterday|tomorrow)|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow") + E),
         norm_today),
    Rule("vague", re.compile(B + _ci(r"(?:right\s+)?now|currently|nowadays|these\s+days|at\s+present|presently|recently|lately|"
                                     r"recent\s+(?:years|months|weeks|days|decades)|the\s+past|"
                                     r"the\s+(?:near\s+)?future|the\s+(?:near|short)\s+term|(?:the\s+)?coming\s+(?:years|months|weeks|days|decades)") + E),
         norm_vague),
    Rule("set", re.compile(B + _ci(r"(?:every|each|per)\s+(?:other\s+)?(?P<setunit>day|week|month|year|morning|night|evening|weekend|quarter|hour|"
                                   r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)|daily|weekly|monthly|annually|yearly|hourly|nightly") + E),
         norm_set),
    Rule("weekday", re.compile(B + rf"(?:(?P<pre>{_ci('a recent|last|next|this|this past|this coming|past|coming|early|late|the previous|the following')})\s+)?"
                               + rf"{WEEKDAY}(?:\s+(?P<part>{_ci('morning|afternoon|evening|night')}))?" + E), norm_weekday,
         check_weekday),
    Rule("relative unit", re.compile(B + rf"(?:(?P<mod>{_ci('earlier|later|early|late|mid|the end of|the beginning of|the start of|the middle of')})[\s-]+)?"
                                     + rf"(?P<rel>{_ci('this|last|next|the coming|the past|the previous|the current|the following|the same|past|coming|previous|current|the')})\s+"
                                     + _ci(r"(?:fiscal\s+)?" + _REL_UNIT) + E), norm_relative_unit),
    Rule("duration", re.compile(B + rf"(?:(?P<pre>{_ci('the (?:past|last|next|first|coming|previous|following|final|latest|other)|(?:past|last|next|first|coming|previous|final)|another|more than|less than|nearly|almost|about|around|over|some|at least|up to|roughly|approximately|the')})\s+)?"
                                + rf"{_ci(NUMBER)}[\s-]+(?:{_ci('more|other|full|straight|consecutive|additional')}\s+)?{_ci(UNIT)}"
                                + rf"(?P<old>-old|\s+old)?(?:\s+(?P<ago>{_ci('ago|earlier|later|from now|hence')}))?" + E), norm_duration),
    Rule("clock time", re.compile(B + rf"(?:(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>{_ci('a[.]m[.]?|p[.]m[.]?|am|pm')})|(?P<h2>{_ci('noon|midnight')})"
                                  + r"|(?P<h24>[012]?\d):(?P<mi24>[0-5]\d)(?=\s*(?:[A-Z]{2,4}T|GMT|UTC|CET|local\s+time|hrs|h\b)))"
                                  + r"(?:\s+(?:[A-Z]{2,4}T|GMT|UTC|CET|local\s+time))?"
                                  + rf"(?:,?\s+(?P<when>{WEEKDAY}|{_ci('today|yesterday|tomorrow')}))?" + r"(?![\w-])"), norm_clock),
    Rule("day part", re.compile(B + _ci(r"(?P<prel>this|last|yesterday|tomorrow)\s+(?P<dpart>morning|afternoon|evening|night)") + E),
         norm_day_part),
    Rule("holiday", re.compile(B + rf"(?:(?P<hrel>{_ci('last|next|this')})\s+)?(?P<holiday>Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s\s+(?:Eve|Day)|"
                               + rf"Independence\s+Day|Halloween|Valentine['’]s\s+Day|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day|Election\s+Day)(?:,?\s+{YEAR})?" + E),
         norm_holiday),
    Rule("spoken year", re.compile(B + _ci(r"nineteen\s+(?P<tens>ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?P<ones>one|two|three|four|five|six|seven|eight|nine))?") + E),
         lambda m, ctx: Normalised(str(1900 + int(number_value(m["tens"]) or 0) + int(number_value(m["ones"] or "0") or 0)), "year")),
    Rule("year earlier", re.compile(B + _ci(r"(?:the\s+)?year[-\s](?:earlier|ago)(?:\s+(?:period|quarter))?") + E),
         norm_year_earlier),
    Rule("the weekend", re.compile(B + _ci(r"the\s+weekend") + E), norm_weekend),
    Rule("bare units", re.compile(B + _ci(r"(?P<bare>years|months|weeks|days|decades)") + E), norm_bare_units, check_bare_units),
)
