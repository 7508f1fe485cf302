"""Normalising the metadata values sources declare: dates to ISO 8601, names to plain strings.

Dates come in every shape ("2024-01-10", "2024-01-10T08:30:00Z", RFC 2822 from feeds
"Wed, 10 Jan 2024 08:30:00 GMT", "January 10, 2024", epoch seconds in some JSON dumps).
``iso_date`` returns ``YYYY-MM-DD`` when only a day is given and a full ISO datetime
(with its offset when one was declared) when a time is given; None when the value is not a
date.  Relative expressions ("yesterday") are refused: a declared publication date must not
depend on when newsbrief runs.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_RELATIVE = re.compile(r"\b(ago|yesterday|today|tomorrow|now|last|next)\b", re.IGNORECASE)


def iso_date(value: Any) -> str | None:
    """``value`` (str, number, datetime, time.struct_time) as ISO 8601, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, int) and not -1e15 < value < 1e15:
            return None  # not a timestamp (and float() of a huge int overflows)
        return _from_epoch(float(value))
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser, always UTC
        try:
            year, month, day, hour, minute, second = value[:6]
            return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC).isoformat()
        except (TypeError, ValueError, OverflowError):
            return None
    text = str(value).strip()
    if not text or len(text) > 64:
        return None
    if _ISO_DAY.match(text):
        return text if _valid_day(text) else None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    if text.isdigit() and len(text) in (10, 13):
        return _from_epoch(float(text) / (1000 if len(text) == 13 else 1))
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return _dateparser(text)


def _valid_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    if not 0 < seconds < 4_102_444_800:  # 1970 .. 2100 (also refuses NaN)
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).isoformat()


def _dateparser(text: str) -> str | None:
    if _RELATIVE.search(text) or not re.search(r"\d{4}", text):
        return None  # no year: "10 January" would be guessed against today
    import dateparser  # slow to import; only needed for free-form dates

    parsed = dateparser.parse(
        text,
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False},
    )
    if parsed is None:
        return None
    return parsed.isoformat() if _HAS_TIME.search(text) else parsed.date().isoformat()


def plain(value: Any) -> str | None:
    """A metadata value as one clean line of text: dicts give their ``name``, lists are joined."""
    if value is None:
        return None
    if isinstance(value, dict):
        for key in ("name", "title", "domain", "id", "url"):
            if value.get(key):
                return plain(value[key])
        return None
    if isinstance(value, (list, tuple)):
        parts = [p for p in (plain(v) for v in value) if p]
        return ", ".join(dict.fromkeys(parts)) or None
    text = " ".join(str(value).split())
    return text or None
