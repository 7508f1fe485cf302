"""Time expressions: the normalisation rules one by one, finding in context, event clauses,
and a golden file per seed article (tests/golden/times/)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from newsbrief.analyse import Analysis
from newsbrief.analyse import times as times_module
from newsbrief.analyse.times import find_times, resolve
from newsbrief.models import Article, Sentence, TimeMention

GOLDEN = Path(__file__).parent / "golden" / "times"
PUBLISHED = "2024-01-10"  # a Wednesday


# --- normalisation rules (no model needed) ---------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "value", "granularity"),
    [
        ("Wednesday", "2024-01-10", "day"),  # a bare weekday: the publication day itself
        ("Tuesday", "2024-01-09", "day"),
        ("Thursday", "2024-01-04", "day"),  # most recent Thursday, not tomorrow
        ("next Wednesday", "2024-01-17", "day"),
        ("last Wednesday", "2024-01-03", "day"),
        ("December 30", "2023-12-30", "day"),  # a report looks back across the new year
        ("Dec. 30", "2023-12-30", "day"),
        ("Jan. 2", "2024-01-02", "day"),
        ("January 2, 2024", "2024-01-02", "day"),
        ("30 December 2023", "2023-12-30", "day"),
        ("Wednesday, January 10", "2024-01-10", "day"),
        ("2024-01-08", "2024-01-08", "day"),
        ("last week", "2024-W01", "week"),
        ("this week", "2024-W02", "week"),
        ("this month", "2024-01", "month"),
        ("last month", "2023-12", "month"),
        ("last year", "2023", "year"),
        ("next year", "2025", "year"),
        ("earlier this year", "2024", "year"),
        ("December", "2023-12", "month"),
        ("December 2023", "2023-12", "month"),
        ("2006", "2006", "year"),
        ("the 1990s", "199", "decade"),
        ("mid-2023", "2023", "year"),
        ("late 2023", "2023", "year"),
        ("last summer", "2023-SU", "season"),
        ("the third quarter of 2023", "2023-Q3", "quarter"),
        ("yesterday", "2024-01-09", "day"),
        ("today", "2024-01-10", "day"),
        ("two weeks ago", "2023-12-27", "day"),
        ("three years ago", "2021", "year"),
        ("two months", "P2M", "duration"),  # "within two months": the span leaves "within" out
        ("the past two months", "P2M", "duration"),
        ("several years", "PXY", "duration"),
        ("10 p.m. Wednesday", "2024-01-10T22:00", "time"),
        ("this morning", "2024-01-10TMO", "time"),
        ("daily", "P1D", "set"),
        ("every week", "P1W", "set"),
        ("recently", "PAST_REF", "vague"),
        ("now", "PRESENT_REF", "vague"),
        ("Christmas", "2023-12-25", "day"),
    ],
)
def test_rules_normalise_against_the_publication_date(expression: str, value: str, granularity: str) -> None:
    result = resolve(expression, PUBLISHED)
    assert result is not None, expression
    assert (result.value, result.granularity) == (value, granularity)


def test_a_recent_saturday_is_the_last_saturday_before_publication_and_approximate() -> None:
    result = resolve("a recent Saturday", PUBLISHED)
    assert result is not None
    assert result.value == "2024-01-06"
    assert result.note == "approximate"


def test_modifiers_go_into_the_note() -> None:
    late = resolve("late 2023", PUBLISHED)
    assert late is not None and late.note == "late" and not late.relative
    earlier = resolve("earlier this year", PUBLISHED)
    assert earlier is not None and earlier.note == "earlier" and earlier.relative


def test_future_clauses_look_ahead() -> None:
    friday = resolve("Friday", PUBLISHED, future=True)
    assert friday is not None and friday.value == "2024-01-12"
    march = resolve("March 3", "2024-12-20", future=True)
    assert march is not None and march.value == "2025-03-03"


def test_without_publication_date_only_absolute_expressions_get_a_value() -> None:
    relative = resolve("last week", None)
    assert relative is not None
    assert relative.value is None and relative.note == "no publication date"
    absolute = resolve("January 2, 2024", None)
    assert absolute is not None and absolute.value == "2024-01-02"


def test_not_a_time_expression() -> None:
    assert resolve("the committee", PUBLISHED) is None


# --- finding in context (spaCy) --------------------------------------------------------------


@pytest.fixture(scope="module")
def parse() -> Any:
    from newsbrief.analyse.nlp import nlp

    model = nlp()
    return lambda text: model(text)


def _times(parse: Any, text: str, published: str | None = PUBLISHED) -> list[TimeMention]:
    return find_times(parse(text), published, "a1")


@pytest.mark.slow
def test_prepositions_stay_outside_the_span_and_go_into_the_note(parse: Any) -> None:
    found = _times(parse, "North Korea has been under an arms embargo since 2006.")
    assert [(m.text, m.value, m.note) for m in found] == [("2006", "2006", "since")]
    text = "North Korea said it would send a unit to Ukraine within two months."
    found = _times(parse, text)
    assert [(m.text, m.value, m.kind, m.note) for m in found] == [("two months", "P2M", "duration", "within")]


@pytest.mark.slow
def test_a_list_of_years_gives_one_mention_each(parse: Any) -> None:
    text = "The transfers violate resolutions adopted in 2006, 2009 and 2016."
    found = _times(parse, text)
    assert [m.value for m in found] == ["2006", "2009", "2016"]
    assert all(text[m.start : m.end] == m.text for m in found)


@pytest.mark.slow
def test_identifiers_and_counts_are_not_years(parse: Any) -> None:
    text = "Resolution 1874 (2009) was adopted; 2000 soldiers and $1999 were mentioned."
    assert [m.text for m in _times(parse, text)] == ["2009"]


@pytest.mark.slow
def test_two_dates_of_one_clause_share_its_event(parse: Any) -> None:
    text = "Officials said Russia used missiles against Ukraine on December 30, 2023 and January 2, 2024."
    found = _times(parse, text)
    assert [m.value for m in found] == ["2023-12-30", "2024-01-02"]
    first, second = found
    assert (first.event_start, first.event_end) == (second.event_start, second.event_end)
    event = text[first.event_start : first.event_end]
    assert "used missiles" in event and not event.startswith("Officials")


@pytest.mark.slow
def test_future_tense_moves_a_weekday_forward(parse: Any) -> None:
    found = _times(parse, "The council will meet on Friday to discuss the strikes.")
    assert [(m.text, m.value) for m in found] == [("Friday", "2024-01-12")]
    found = _times(parse, "The council met on Friday to discuss the strikes.")
    assert [(m.text, m.value) for m in found] == [("Friday", "2024-01-05")]


@pytest.mark.slow
def test_a_weekday_owning_an_unscheduled_event_is_past_in_a_future_clause(parse: Any) -> None:
    # DUC 2007, NYT 1999-08-20 (a Friday): the quake struck on Tuesday 1999-08-17
    text = ("Authorities will ship plastic sheeting and even field hospitals to help the living after "
            "Tuesday's 7.4 magnitude quake.")
    assert [(m.text, m.value) for m in _times(parse, text, "1999-08-20")] == [("Tuesday", "1999-08-17")]
    # NYT 1999-06-11 (a Friday): the pipeline exploded on Thursday 1999-06-10
    text = "It'll take a year for the area to recover from Thursday's gas pipeline rupture and explosion."
    assert [m.value for m in _times(parse, text, "1999-06-11")] == ["P1Y", "1999-06-10"]


@pytest.mark.slow
def test_last_years_month_day_is_in_the_year_before(parse: Any) -> None:
    # DUC 2007 D0742J, Xinhua 2000-07-06: the crash was in July 1999, not a day after the article
    text = ("In a final report issued Thursday on last year's July 19 crash\nof the aircraft near "
            "Martha's Vineyard in Massachusetts State, the NTSB said Kennedy had become disorientated.")
    found = [(m.text, m.value) for m in _times(parse, text, "2000-07-06")]
    assert ("July 19", "1999-07-19") in found and ("last year", "1999") in found
    text = "The ministry said next year's March budget would be cut, and this year's June figures were low."
    found = [(m.text, m.value) for m in _times(parse, text, "2000-07-06")]
    assert ("March", "2001-03") in found and ("June", "2000-06") in found
    # without the possessive the nearest July 19 stays
    assert [m.value for m in _times(parse, "The report is due on July 19.", "2000-07-06")] == ["2000-07-19"]


@pytest.mark.slow
def test_a_weekday_owning_a_scheduled_event_follows_a_future_clause(parse: Any) -> None:
    # ECB+ 5ecb and DUC (APW 1999-10-26, a Tuesday): a game and an issue of a journal lie ahead
    text = "The studies will be published in Wednesday's Journal of the American Medical Association."
    assert [m.value for m in _times(parse, text, "1999-10-26")] == ["1999-10-27"]
    text = "DiLeo will coach the Sixers in Saturday's game at Washington."
    assert [m.value for m in _times(parse, text, "2008-12-12")] == ["2008-12-13"]


@pytest.mark.slow
def test_an_arrangement_told_with_be_to_is_ahead_or_later_the_same_day(parse: Any) -> None:
    # DUC 2007 D0724F, AP of Tuesday 1999-10-26: JAMA's issue of Wednesday 1999-10-27 (BLIND11 s11-196)
    text = "The study was to be published in Wednesday's Journal of the American Medical Association."
    assert [m.value for m in _times(parse, text, "1999-10-26")] == ["1999-10-27"]
    # D0705A, AP of Monday 1998-10-05: the same day, not a week on (a plain future clause's reading)
    assert [m.value for m in _times(parse, "Adams was to return to Belfast later Monday.", "1998-10-05")] == ["1998-10-05"]
    assert [m.value for m in _times(parse, "Final figures are to be released Monday.", "2000-06-11")] == ["2000-06-12"]
    # a plan that did not happen stays in the past, and so does what happened
    assert [m.value for m in _times(parse, "He was to have flown home on Monday.", "1999-10-26")] == ["1999-10-25"]
    assert [m.value for m in _times(parse, "The study was published in Monday's Journal.", "1999-10-26")] == ["1999-10-25"]
    # DUC 2007 D0743J (NYT, Friday 1999-09-10): a copula's noun with an infinitive is no plan, and the
    # earthquake of Aug. 17 lies behind the article, not a year ahead
    text = "It was the strongest tremor to hit the region since the shattering earthquake of Aug. 17."
    assert [m.value for m in _times(parse, text, "1999-09-10")] == ["1999-08-17"]


@pytest.mark.slow
def test_relative_expressions_without_a_date_get_none(parse: Any) -> None:
    found = _times(parse, "The US challenged North Korea on Friday over transfers since late 2023.", None)
    by_text = {m.text: m for m in found}
    assert by_text["Friday"].value is None and by_text["Friday"].note == "no publication date"
    assert by_text["late 2023"].value == "2023" and by_text["late 2023"].note == "since; late"


@pytest.mark.slow
def test_analyse_follows_the_analyser_contract(parse: Any) -> None:
    text = "Russia fired missiles on Wednesday."
    article = Article(id="a1", content_hash="h", origin="test", text=text, published=PUBLISHED)
    doc = parse(text)
    analysis = Analysis.of(article, {"sentences": _sentences(doc, "a1")}, doc=doc)
    assert times_module.NAME == "times" and times_module.RECORD is TimeMention
    assert "sentences" in times_module.REQUIRES
    records = times_module.analyse(analysis)
    assert [(r.article_id, r.text, r.value) for r in records] == [("a1", "Wednesday", "2024-01-10")]
    assert TimeMention.from_dict(records[0].to_dict()) == records[0]


def _sentences(doc: Any, article_id: str) -> list[Sentence]:
    """Sentence records from the Doc (the sentences analyser is another module's job)."""
    return [Sentence(article_id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]


# --- the anchor: publication date or dateline -------------------------------------------------

SINCE_EARLY_SEPTEMBER = (
    "AUSTIN, Texas (AP) — Oct. 9, 2021 — A federal appeals court Friday night quickly allowed Texas to "
    "resume banning most abortions, just one day after clinics began racing to serve patients again for "
    "the first time since early September."
)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("WASHINGTON, Oct. 14, 2021 — A federal court ruled.", "2021-10-14"),
        ("AUSTIN, Texas (AP) — Oct. 8, 2021 — The court ruled.", "2021-10-08"),
        ("SEOUL, 8 October 2021: The council met.", "2021-10-08"),
        ("Published: October 8, 2021\nA federal appeals court ruled.", "2021-10-08"),
        ("Court ruling\n8 October 2021 10:02 BST\nThe court ruled.", "2021-10-08"),
        ("2021-10-08\nThe court ruled.", "2021-10-08"),
        ("A federal court on Oct. 8, 2021 ruled that ...", None),  # a date in a sentence is an event
        ("WASHINGTON (AP) — A federal court ruled.", None),
        ("Sept. 31, 2021 — no such day.", None),
    ],
)
def test_the_dateline_is_read_from_the_opening_or_a_date_line(text: str, day: str | None) -> None:
    from newsbrief.analyse.timenorm import dateline_date

    found = dateline_date(text)
    assert (found.isoformat() if found else None) == day


def test_the_dateline_wins_only_when_the_metadata_date_is_days_away() -> None:
    import datetime as dt

    from newsbrief.analyse.timenorm import choose_anchor

    dateline = dt.date(2021, 10, 9)
    assert choose_anchor(dt.date(2021, 10, 10), dateline) == (dt.date(2021, 10, 10), None)  # a reprint a day later
    anchor, note = choose_anchor(dt.date(2022, 9, 20), dateline)
    assert anchor == dateline and note and "dateline (2021-10-09)" in note and "metadata date (2022-09-20)" in note
    anchor, note = choose_anchor(None, dateline)
    assert anchor == dateline and note and "no publication date" in note
    assert choose_anchor(dt.date(2022, 9, 20), None) == (dt.date(2022, 9, 20), None)


@pytest.mark.parametrize(
    ("value", "day"),
    [("2019-11-15", "2019-11-15"), ("2019-11-15T10:00:00+00:00", "2019-11-15"), ("2019-11-15 10:00", "2019-11-15"),
     ("2019-11", None), ("2019", None), ("2019-W46", None), ("2019-W46-5", None), ("2019-WI", None),
     ("XXXX-11-15", None), ("PRESENT_REF", None), ("2019-02-30", None), ("20191115", None), ("", None), (None, None)],
)
def test_a_stored_day_is_read_by_one_reader(value: str | None, day: str | None) -> None:
    from newsbrief.analyse.timenorm import iso_day

    found = iso_day(value)
    assert (found.isoformat() if found else None) == day


@pytest.mark.slow
def test_since_early_september_follows_the_dateline_not_a_wrong_metadata_date(parse: Any) -> None:
    """An October 2021 story on a page whose metadata says September 2022: "since early
    September" is September 2021 and "Friday night" the Friday before the dateline."""
    found = {m.text: m for m in _times(parse, SINCE_EARLY_SEPTEMBER, "2022-09-20")}
    assert found["early September"].value == "2021-09"
    assert found["Friday night"].value.startswith("2021-10-08")
    assert "dateline (2021-10-09), not the metadata date (2022-09-20)" in (found["early September"].note or "")
    assert (found["early September"].note or "").startswith("since")  # the preposition stays first
    # The same article with a matching metadata date: resolved the same, and no anchor note.
    same = {m.text: m for m in _times(parse, SINCE_EARLY_SEPTEMBER, "2021-10-09")}
    assert same["early September"].value == "2021-09" and "dateline" not in (same["early September"].note or "")


# --- golden files on the seed articles ----------------------------------------------------------

SEED_DATES = {"000": PUBLISHED, "001": PUBLISHED, "002": None, "003": PUBLISHED, "004": PUBLISHED}


def _seed(seeds_dir: Path, prefix: str) -> str:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return re.sub(r"^\s*date \d{4}-\d{2}-\d{2} ", "", path.read_text(encoding="utf-8"))


def _golden_view(mentions: list[TimeMention], text: str) -> list[dict[str, Any]]:
    return [
        {"text": m.text, "start": m.start, "value": m.value, "granularity": m.granularity, "kind": m.kind,
         "note": m.note, "event": text[m.event_start : m.event_end] if m.event_start is not None else None}
        for m in mentions
    ]


@pytest.mark.slow
@pytest.mark.parametrize("prefix", sorted(SEED_DATES))
def test_seed_golden(parse: Any, seeds_dir: Path, prefix: str) -> None:
    text = _seed(seeds_dir, prefix)
    found = _golden_view(find_times(parse(text), SEED_DATES[prefix], prefix), text)
    path = GOLDEN / f"{prefix}.expected.json"
    if os.environ.get("NEWSBRIEF_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert found == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_seed_strike_dates_and_weekdays(parse: Any, seeds_dir: Path) -> None:
    values: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for prefix, published in SEED_DATES.items():
        text = _seed(seeds_dir, prefix)
        values[prefix] = [(m.text, m.value, m.note) for m in find_times(parse(text), published, prefix)]
    assert ("December 30, 2023", "2023-12-30", None) in values["001"]
    assert ("January 2, 2024", "2024-01-02", None) in values["001"]
    assert ("January 6", "2024-01-06", None) in values["001"]
    for prefix in ("001", "003"):
        strikes = {v for t, v, _ in values[prefix] if t.startswith(("December 30", "January 2", "January 6"))}
        assert strikes == {"2023-12-30", "2024-01-02", "2024-01-06"}, prefix
    assert ("Wednesday", "2024-01-10", None) in values["000"]
    assert ("Wednesday", "2024-01-10", None) in values["003"]
    assert ("Dec. 30", "2023-12-30", None) in values["004"]
    assert ("Jan. 2", "2024-01-02", None) in values["004"]
    assert ("a recent Saturday", "2024-01-06", "approximate") in values["004"]
    assert ("2006", "2006", None) in values["000"]  # "since it first tested a nuclear bomb in 2006"
    assert ("January 2, 2024", "2024-01-02", None) in values["002"]
    assert ("late 2023", "2023", "since; late") in values["002"]
    relative_002 = [(t, v) for t, v, n in values["002"] if n and "no publication date" in n]
    assert ("Friday", None) in relative_002 and ("this year", None) in relative_002


@pytest.mark.slow
def test_named_days_are_not_dates_and_clock_times_take_the_named_day(parse: Any) -> None:
    text = "The Good Friday Agreement held. Talks resumed Friday at 14:30 GMT."
    found = _times(parse, text)
    assert [(m.text, m.value, m.granularity) for m in found] == [
        ("Friday", "2024-01-05", "day"), ("14:30 GMT", "2024-01-05T14:30", "time")]


def test_publication_dates_in_other_formats_are_understood() -> None:
    result = resolve("yesterday", "Wed, 10 Jan 2024 12:00:00 GMT")
    assert result is not None and result.value == "2024-01-09"
    unknown = resolve("yesterday", "not a date")
    assert unknown is not None and unknown.value is None


@pytest.mark.slow
def test_a_date_modifying_a_noun_dates_its_noun_phrase(parse: Any) -> None:
    text = "On Wednesday, eight countries denounced Russia's three rounds of lethal airstrikes on December 30."
    found = {m.text: m for m in _times(parse, text)}
    strikes = found["December 30"]
    event = text[strikes.event_start : strikes.event_end]
    assert "airstrikes on December 30" in event and "denounced" not in event
    meeting = found["Wednesday"]
    assert "denounced" in text[meeting.event_start : meeting.event_end]
