"""Quantities: value, modifier, unit and counted noun; what is not a quantity; seed golden files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from newsbrief.analyse import Analysis
from newsbrief.analyse import quantities as quantities_module
from newsbrief.analyse.quantities import find_quantities
from newsbrief.models import Article, Quantity, Sentence, TimeMention

GOLDEN = Path(__file__).parent / "golden" / "times"  # the analysis goldens of this area live together

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def parse() -> Any:
    from newsbrief.analyse.nlp import nlp

    model = nlp()
    return lambda text: model(text)


def _one(parse: Any, text: str) -> Quantity:
    found = find_quantities(parse(text), "a1")
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end] == found[0].text
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "counted", "modifier"),
    [
        ("The leaders of 47 states have condemned the supply.", 47, "states", None),
        ("Blinken joined 48 other foreign ministers and the EU High Representative.", 48, "foreign ministers", None),
        ("The US and six other nations joined Ukraine.", 6, "nations", None),
        ("They denounced Russia's three rounds of lethal airstrikes.", 3, "rounds of lethal airstrikes", None),
        ("Russian troops fired at least one of the missiles supplied by North Korea.", 1, "missiles", "at least"),
        ("Seoul claimed that almost 5 million shells have been transferred.", 5e6, "shells", "almost"),
        ("The UN has reported 10,000 Ukrainian civilians killed.", 10000, "Ukrainian civilians", None),
        ("The convoy had two hundred and fifty trucks.", 250, "trucks", None),
    ],
)
def test_value_modifier_and_counted_noun(parse: Any, text: str, value: float, counted: str, modifier: str | None) -> None:
    quantity = _one(parse, text)
    assert (quantity.value, quantity.counted, quantity.modifier) == (value, counted, modifier)


def test_x_of_them_being_children_counts_the_predicate(parse: Any) -> None:
    found = find_quantities(parse("The UN reported 10,000 civilians killed, with more than 560 of them being children."))
    assert [(q.value, q.modifier, q.counted) for q in found] == [
        (10000, None, "civilians"), (560, "more than", "children")]
    assert found[1].text == "more than 560"


def test_units_are_normalised(parse: Any) -> None:
    distance = _one(parse, "A particular missile flew a distance of 460 kilometers.")
    assert (distance.value, distance.unit, distance.counted, distance.text) == (460, "km", None, "460 kilometers")
    money = _one(parse, "The deal was worth $5 million.")
    assert (money.value, money.unit) == (5e6, "USD")
    share = _one(parse, "Prices rose 5 percent.")
    assert (share.value, share.unit) == (5, "%")


def test_vague_counts_keep_their_bounds(parse: Any) -> None:
    quantity = _one(parse, "North Korea had supplied Moscow with several dozen ballistic missiles.")
    assert (quantity.value, quantity.value_max, quantity.modifier, quantity.counted) == (
        36, 84, "several dozen", "ballistic missiles")
    few = _one(parse, "A few hundred troops crossed.")
    assert (few.value, few.value_max, few.modifier, few.counted) == (200, 400, "a few hundred", "troops")
    dozens = _one(parse, "Dozens of people were hurt.")
    assert (dozens.value, dozens.value_max, dozens.counted) == (24, 99, "people")


@pytest.mark.parametrize(
    ("text", "written", "value", "value_max", "modifier", "counted", "unit"),
    [
        ("Hundreds of thousands of people were left homeless.", "Hundreds of thousands", 200_000, 999_999,
         "hundreds of thousands of", "people", None),
        ("Tens of thousands of survivors live in tents.", "Tens of thousands", 20_000, 99_999,
         "tens of thousands of", "survivors", None),
        ("Tens of millions of Americans are affected.", "Tens of millions", 20e6, 99_999_999,
         "tens of millions of", "Americans", None),
        ("Dozens of millions of people watched.", "Dozens of millions", 24e6, 99_999_999,
         "dozens of millions of", "people", None),
        ("The project cost tens of millions of dollars.", "tens of millions", 20e6, 99_999_999,
         "tens of millions of", None, "USD"),
        ("Hundreds of millions of dollars were spent.", "Hundreds of millions", 200e6, 999_999_999,
         "hundreds of millions of", None, "USD"),
        ("The storm caused millions of dollars in damage.", "millions", 2e6, 999e6, "millions of", None, "USD"),
        ("Some tens of thousands of soldiers massed.", "Some tens of thousands", 20_000, 99_999,
         "some tens of thousands of", "soldiers", None),
        ("Tens of people were hurt.", "Tens", 20, 99, "tens of", "people", None),
        ("Thousands upon thousands of refugees fled.", "Thousands upon thousands", 2000, 99_999,
         "thousands upon thousands of", "refugees", None),
        ("Thousands and thousands of fans came.", "Thousands and thousands", 2000, 99_999,
         "thousands and thousands of", "fans", None),
        ("Several hundred people died.", "Several hundred", 300, 700, "several hundred", "people", None),
        ("Several thousand protesters gathered.", "Several thousand", 3000, 7000, "several thousand", "protesters",
         None),
        ("A few thousand people marched.", "A few thousand", 2000, 4000, "a few thousand", "people", None),
        # "a couple hundred" was "hundred", 100 people
        ("A couple hundred people came.", "A couple hundred", 200, 300, "a couple hundred", "people", None),
        ("A couple of hundred protesters gathered.", "A couple of hundred", 200, 300, "a couple of hundred",
         "protesters", None),
    ],
)
def test_compound_vague_counts_are_one_count(
    parse: Any, text: str, written: str, value: float, value_max: float, modifier: str, counted: str | None,
    unit: str | None
) -> None:
    """"Hundreds of thousands of people" is one count of people (quantities 5), not "hundreds"
    counting "thousands" and "thousands" (2,000-9,999) counting people."""
    quantity = _one(parse, text)
    assert (quantity.text, quantity.value, quantity.value_max, quantity.modifier, quantity.counted, quantity.unit) == (
        written, value, value_max, modifier, counted, unit)


def test_plurals_that_are_no_compound_stay_apart(parse: Any) -> None:
    # "hundreds and thousands" is no plural said twice: its "thousands" is read alone
    found = find_quantities(parse("Hundreds and thousands of people came."))
    assert [(q.text, q.value, q.value_max, q.counted) for q in found] == [("thousands", 2000, 9999, "people")]


def test_coordinated_numbers_are_two_quantities(parse: Any) -> None:
    found = find_quantities(parse("ExxonMobil and Chevron fell by 1.5 and 3 percent, respectively."))
    assert [(q.text, q.value, q.unit) for q in found] == [("1.5", 1.5, "%"), ("3 percent", 3, "%")]


def test_ranges(parse: Any) -> None:
    found = find_quantities(parse("Between 10 and 12 people died; 30 to 40 were hurt."))
    assert [(q.value, q.value_max) for q in found] == [(10, 12), (30, 40)]
    assert found[0].counted == "people"


@pytest.mark.parametrize(
    "text",
    [
        "The transfer violates Resolution 1718 (2006), Resolution 1874 (2009) and Resolution 2270 (2016).",
        "It breaches resolutions 2270 and Article 5 of the treaty.",
        "Experts believe the missiles are KN-23.",
        "The 47th session opened in January 2024.",
        "Call 555-123-4567 for details.",
        "No one came on December 30, 2023.",
        "It happened in 2006, 2009 and 2016.",
        "The Air Force had favoured the Boeing 767 tanker over the S&P 500 darling.",
        "Production will move to Alabama by 2010-11 with zero-coupon debt.",
        "The new laptops get USB 3.0 and a USB 2 port.",
    ],
)
def test_not_quantities(parse: Any, text: str) -> None:
    assert find_quantities(parse(text)) == []


def test_analyse_skips_the_stored_time_expressions(parse: Any) -> None:
    text = "Three missiles hit Kharkiv on January 2, 2024."
    article = Article(id="a1", content_hash="h", origin="test", text=text, published="2024-01-10")
    doc = parse(text)
    sentences = [Sentence("a1", i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
    start = text.index("January")
    times = [TimeMention("a1", start, start + 15, "January 2, 2024", "2024-01-02", "day")]
    analysis = Analysis.of(article, {"sentences": sentences, "times": times}, doc=doc)
    assert quantities_module.NAME == "quantities" and quantities_module.RECORD is Quantity
    records = quantities_module.analyse(analysis)
    assert [(r.article_id, r.value, r.counted) for r in records] == [("a1", 3, "missiles")]
    assert Quantity.from_dict(records[0].to_dict()) == records[0]


def test_seed_golden(parse: Any, seeds_dir: Path) -> None:
    found = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found[path.name[:3]] = [
            {"text": q.text, "start": q.start, "value": q.value, "value_max": q.value_max, "modifier": q.modifier,
             "unit": q.unit, "counted": q.counted}
            for q in find_quantities(parse(text), path.name[:3])
        ]
    golden = GOLDEN / "quantities.expected.json"
    if os.environ.get("NEWSBRIEF_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert found == json.loads(golden.read_text(encoding="utf-8"))
    summary = {(q["value"], q["modifier"], q["counted"], q["unit"]) for items in found.values() for q in items}
    for expected in [
        (47, None, "states", None), (48, None, "foreign ministers", None), (10000, None, "Ukrainian civilians", None),
        (560, "more than", "children", None), (5e6, "almost", "shells", None), (460, None, None, "km"),
        (36, "several dozen", "ballistic missiles", None), (6, None, "nations", None),
        (3, None, "rounds of lethal airstrikes", None), (1, "at least", "missiles", None),
    ]:
        assert expected in summary, expected
    values = {q["value"] for items in found.values() for q in items}
    assert not values & {1718, 1874, 2270, 2006, 2009, 2016, 2023, 2024, 23, 30}
