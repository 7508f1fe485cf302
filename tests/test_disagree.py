"""Disagreements that earn their badge: hedged and rounded numbers, different referents,
procedural "denied", role phrases as speakers, successive events, confidence in the JSON.

Each case is one of the false disputes seen on real multi-outlet news (issue 8), built by
hand; the slow tests run them through ``match_articles`` with the real embedding model.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from tests.test_match import make_analysis, make_article

from newsbrief.denials import _act_words, _assertion, _cue, _is_claim_denial
from newsbrief.disagree import (
    SHOW_CONFIDENCE,
    _content_words,
    _days_apart,
    _event_title,
    find_disagreements,
    show_threshold,
)
from newsbrief.facts import compatible, independent_sources, wire_copies
from newsbrief.match import match_articles
from newsbrief.models import Article, Claim, Disagreement, DisagreementVersion, Quantity
from newsbrief.names import is_role_phrase
from newsbrief.numbers import MAX_VERSIONS, _comparable, _count_of, _rounds_to, format_amount

# --- numbers: hedges, rounding, referents ---------------------------------------------------


def _count(text: str, number: str, value: float, unit: str | None = None, counted: str | None = None,
           modifier: str | None = None, value_max: float | None = None):  # type: ignore[no-untyped-def]
    start = text.index(number)
    quantity = Quantity("a", start, start + len(number), number, value, counted, modifier, value_max, unit)
    return _count_of(text, quantity, 0)


def test_a_hedge_before_the_currency_sign_makes_an_approximation() -> None:
    almost = _count("WeWork paid almost $6 million for the trademark.", "$6 million", 6e6, "USD")
    exact = _count("WeWork paid $5.9 million for the trademark.", "$5.9 million", 5.9e6, "USD")
    assert almost is not None and exact is not None
    assert almost.low < 5.9e6 <= almost.high
    assert not _comparable(almost, exact)  # "almost $6 million" agrees with "$5.9 million"


def test_up_to_is_a_ceiling_not_a_conflicting_amount() -> None:
    lifeline = _count("SoftBank offered a lifeline of up to $8 billion.", "$8 billion", 8e9, "USD", modifier="up to")
    injection = _count("SoftBank agreed a $6.5 billion injection.", "$6.5 billion", 6.5e9, "USD")
    assert lifeline is not None and injection is not None
    assert not _comparable(lifeline, injection)


def test_rounded_numbers_agree_with_the_precise_ones() -> None:
    assert _rounds_to(1.37e12, 1.4e12) and _rounds_to(212_672, 200_000)
    assert not _rounds_to(47, 48) and not _rounds_to(5.9e6, 6.5e6) and not _rounds_to(82, 80)
    precise = _count("The House passed a $1.37 trillion package.", "$1.37 trillion", 1.37e12, "USD")
    rounded = _count("The House passed a $1.4 trillion package.", "$1.4 trillion", 1.4e12, "USD")
    assert precise is not None and rounded is not None and not _comparable(precise, rounded)


def test_exact_counts_of_one_thing_still_conflict() -> None:
    a = _count("The leaders of 47 states condemned the supply.", "47", 47, counted="states")
    b = _count("Blinken joined 48 other foreign ministers in denouncing it.", "48", 48, counted="foreign ministers")
    assert a is not None and b is not None
    assert (a.total, b.total) == (47, 49) and _comparable(a, b)


@pytest.mark.parametrize(
    ("text", "number", "value", "value_max"),
    [
        ("IBM paid $5 to $15 more for each copy.", "$15", 15, None),  # one end of a range
        ("Gore trails 52 percent to 42 percent among women.", "52 percent", 52, None),  # a comparison
        ("The army detained another 187 members of the party.", "187", 187, None),  # an increment
        ("By a 22-18 party-line vote, the committee approved the plan.", "22-18", 22, 18),  # a score
        ("Britain presides over the 15-nation European Union.", "15", 15, None),  # an adjective
        ("Commandos nabbed 12 Somali and 11 Yemeni pirates.", "12", 12, None),  # a breakdown
        ("Youths set the bank and two government buildings on fire.", "two", 2, None),  # part of a list
    ],
)
def test_numbers_that_are_not_totals_are_not_compared(text: str, number: str, value: float,
                                                       value_max: float | None) -> None:
    assert _count(text, number, value, counted="members", value_max=value_max) is None


def test_a_threshold_or_a_scenario_is_not_disputed_against_a_figure_reached() -> None:
    # NeuS 170 (out of sample): a running total, the number needed to win and a scenario total
    won = _count("As of Thursday morning Biden had won 253 electoral votes, according to NBC News.", "253", 253,
                 counted="electoral votes")
    needed = _count("Biden may not need Pennsylvania to get the 270 electoral votes required to win.", "270", 270,
                    counted="electoral votes")
    majority = _count("Democrats hold 213 seats, short of the 218 needed for a majority.", "218", 218, counted="seats")
    held = _count("Democrats won 232 seats in the House.", "232", 232, counted="seats")
    assert won is not None and needed is not None and majority is not None and held is not None
    assert needed.threshold and majority.threshold and not won.threshold and not held.threshold
    assert not _comparable(won, needed) and not _comparable(held, majority)
    fed = _count("The charity meets the needs of 300 families.", "300", 300, counted="families")
    assert fed is not None and not fed.threshold  # "needs" as a noun names no threshold
    other_needed = _count("He needs 290 electoral votes.", "290", 290, counted="electoral votes")
    assert other_needed is not None and other_needed.threshold and _comparable(needed, other_needed)  # two thresholds may conflict
    assert _count("Then take either Arizona (for 279 electoral votes) or Nevada.", "279", 279,
                  counted="electoral votes") is None  # a conditional total
    assert _count("A win in Georgia would give him 269 electoral votes.", "269", 269, counted="electoral votes") is None
    assert _comparable(won, _count("By Thursday Biden had 264 electoral votes.", "264", 264,  # type: ignore[arg-type]
                                   counted="electoral votes"))  # two running totals still conflict


def test_a_count_of_miles_is_a_measure() -> None:
    waters = _count("Territorial waters extend to 12 nautical miles from shore.", "12", 12, counted="nautical miles")
    assert waters is not None and waters.head == "unit:km" and round(waters.total, 1) == 22.2


def test_miles_and_kilometres_measure_one_distance() -> None:
    miles = _count("The epicenter was near Izmit, about 55 miles east of Istanbul.", "55 miles", 55, "mi", modifier="about")
    km = _count("The epicenter is about 70 kilometers southeast of Istanbul.", "70 kilometers", 70, "km", modifier="about")
    assert miles is not None and km is not None and _comparable(miles, km)  # 55 miles are 89 km
    # plain "miles" at sea may be nautical ones: "some 13 miles" agrees with "about 13 nautical miles"
    plain = _count("The warship, some 13 miles away, responded.", "13 miles", 13, "mi", modifier="some")
    nautical = _count("The warship was about 13 nautical miles away.", "13", 13, counted="nautical miles",
                      modifier="about")
    assert plain is not None and nautical is not None and not _comparable(plain, nautical)


def test_a_difference_a_conversion_or_a_group_besides_one_thing_is_read_as_such() -> None:
    assert _count("Iguodala averages 14.9 points, a drop of five points from last season.", "five", 5,
                  counted="points") is None
    assert _count("Greece agreed a 110 billion euros ($143 billion) bailout.", "$143 billion", 143e9, "USD") is None
    besides = _count("Two other buildings besides the bank were set on fire.", "Two", 2, counted="buildings")
    assert besides is not None and besides.total == 2  # two buildings, not three
    ministers = _count("Blinken joined 48 other foreign ministers.", "48", 48, counted="foreign ministers")
    assert ministers is not None and ministers.total == 49  # the ministers include Blinken


def test_what_a_number_counts_is_read_from_the_phrase_around_it() -> None:
    mother = _count("Video of Brooklyn mother of 13 Zurana Horton was revealed.", "13", 13, counted="Zurana Horton")
    assert mother is not None and mother.head == "children"
    wire = _count("The mine will add U.S. dlrs 3.7 billion to GDP.", "3.7 billion", 3.7e9, counted="dlrs")
    assert wire is not None and wire.head == "unit:USD"
    deal = _count("They signed Brand to a five-year deal worth nearly $80 million.", "$80 million", 80e6, "USD")
    contract = _count("The team signed Brand to an $82 million contract.", "$82 million", 82e6, "USD")
    assert deal is not None and contract is not None and deal.referent & contract.referent  # one deal
    assert _comparable(deal, contract)  # at most $80 million is not $82 million


def test_amounts_written_with_two_digits_are_exact() -> None:
    a = _count("The team signed Brand to an $80 million contract.", "$80 million", 80e6, "USD")
    b = _count("The team signed Brand to an $82 million contract.", "$82 million", 82e6, "USD")
    assert a is not None and b is not None and _comparable(a, b)  # "$80 million" is not "$82 million" rounded


def test_other_dollars_are_another_unit() -> None:
    aud = _count("The mine will inject 6.2 billion Australian dollars.", "6.2 billion", 6.2e9, "USD")
    usd = _count("The mine will add 4.46 billion U.S. dollars.", "4.46 billion", 4.46e9, "USD")
    assert aud is not None and usd is not None and aud.head != usd.head


def test_amounts_are_written_as_a_journalist_writes_them() -> None:
    assert format_amount(6_500_000_000, "USD") == "$6.5 billion"
    assert format_amount(47) == "47"
    assert format_amount(212_672) == "212,672"
    assert format_amount(12.5, "%") == "12.5%"
    hedged = _count("WeWork paid about $6 million for it.", "$6 million", 6e6, "USD")
    assert hedged is not None and hedged.written == "about $6 million"
    # a vague count is written in its words, once ("hundreds of Hundreds" before quantities 5)
    vague = _count("Hundreds of thousands of people were left homeless.", "Hundreds of thousands", 200_000,
                   counted="people", modifier="hundreds of thousands of", value_max=999_999)
    assert vague is not None and vague.written == "Hundreds of thousands" and (vague.low, vague.high) == (200_000, 999_999)
    money = _count("The storm caused millions of dollars in damage.", "millions", 2e6, "USD", modifier="millions of",
                   value_max=999e6)
    assert money is not None and money.written == "millions of dollars"
    # "several hundred" hedges as "several" does: its bounds widened as "about" widens a round number
    several = _count("Several hundred people died.", "Several hundred", 300, counted="people",
                     modifier="several hundred", value_max=700)
    assert several is not None and several.written == "Several hundred" and (several.low, several.high) == pytest.approx((270, 770))


def test_a_date_dispute_is_titled_by_the_event_it_dates() -> None:
    text = ("After telling People she did not need it, Tara Reid checked into Promises Treatment Center on Friday "
            "for an unknown reason.")
    mention = Quantity("a", text.index("Friday"), text.index("Friday") + 6, "Friday", 0)  # any span record
    title = _event_title(text, Claim("a", "A", 0, len(text), text), mention)
    assert title == "when … Tara Reid checked into Promises Treatment Center"


# --- denials and speakers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_denial"),
    [
        ("The judge denied the state's request to delay the trial.", False),
        ("The presiding judge, Barton Voigt, rejected that argument as inadmissible.", False),
        ("The Senate rejected the bill by 52 votes to 48.", False),
        ("Moscow and Pyongyang have previously denied conducting any arms deals.", True),
        ("The embassy denied allegations that Suu Kyi is a British citizen.", True),
        ("The White House denied reports that the president was ill.", True),
        ("Microsoft denies all charges of wrongdoing.", True),
        # a denial the sentence withdraws (NeuS 253, the blind --final set): both outlets say the same
        ("After initially denying reports suggesting it had caused the crash of a Ukrainian airliner, Iran has "
         "acknowledged that it \"unintentionally\" shot down the plane.", False),
        ("Iran, which had previously denied reports that it caused the crash, said on Saturday it was investigating.",
         True),
        ("The ministry at first rejected the claims but later admitted that troops had crossed the border.", False),
        # ECB+ 28 (BLIND8, paraphrased): a denial held "until" something is a stance the sentence ends
        ("While some speculated that Felt was the source, he steadfastly denied the accusations until he came forward.",
         False),
        ("While some speculated that Felt was the source, he steadfastly denied the accusations.", True),
    ],
)
def test_only_a_party_denying_a_claim_is_a_denial(text: str, is_denial: bool) -> None:
    cue = _cue(text)
    assert cue is not None and cue[0] == "denial"
    assert _is_claim_denial(text, cue[1]) is is_denial


@pytest.mark.parametrize(
    ("speaker", "role"),
    [
        ("WeWork spokesperson", True),
        ("the company's spokesperson", True),
        ("October 11 presentation", True),
        ("data", True),
        ("Robert Wood", False),
        ("Kim Jong Un", False),
        ("Vasily Nebenzya", False),
    ],
)
def test_role_phrases_are_not_names(speaker: str, role: bool) -> None:
    assert is_role_phrase(speaker) is role


# --- fact grouping --------------------------------------------------------------------------


def _claim(article_id: str, numbers: tuple[float, ...] = (), dates: tuple[str, ...] = ()) -> Claim:
    return Claim(article_id, article_id, 0, 10, "x", (), numbers, dates)


def test_claims_with_different_event_days_or_numbers_are_not_one_fact() -> None:
    assert compatible(_claim("a", dates=("2019-11-15",)), _claim("b", dates=("2019-11-15", "2019-11")))
    assert not compatible(_claim("a", dates=("2019-11-08",)), _claim("b", dates=("2019-11-15",)))
    assert not compatible(_claim("a", dates=("2008-12",)), _claim("b", dates=("2008-09",)))  # Mantra: December / September
    assert not compatible(_claim("a", dates=("1997",)), _claim("b", dates=("1998",)))  # "grew last year" in 1998 and 1999
    assert compatible(_claim("a", dates=("1998", "1990")), _claim("b", dates=("1998-05-02",)))
    assert not compatible(_claim("a", numbers=(6.5e9,)), _claim("b", numbers=(8e9,)))
    assert compatible(_claim("a", numbers=(47.0,)), _claim("b", numbers=(48.0, 3.0)))


def test_an_article_published_before_the_event_is_not_credited_with_it() -> None:
    ruling = _claim("late", dates=("2019-11-15",))
    earlier = _claim("early")
    published = {"late": "2019-11-16", "early": "2019-11-12"}
    assert not compatible(ruling, earlier, published)
    assert compatible(ruling, _claim("later"), {**published, "later": "2019-11-18"})


def test_a_reprinted_wire_story_is_one_source() -> None:
    wire = ["The court ruled late Friday that the law stands.", "The state plans to appeal the ruling.",
            "Lawyers for the plaintiffs said they were disappointed.", "The law takes effect next month."]
    texts = {"ap": wire, "site": ["Local officials welcomed the news on Saturday."] + wire[:3],
             "own": ["The court ruled late Friday that the law stands, reversing itself.", "Nobody appealed."]}
    articles = {k: Article(k, k, k, " ".join(v), outlet=k, published=f"2019-11-1{n}") for n, (k, v) in
                enumerate(texts.items())}
    claims = [Claim(k, k, 0, 1, line) for k, v in texts.items() for line in v]
    copies = wire_copies(claims, articles)
    assert copies == {"site": "ap"}
    assert independent_sources(["ap", "site", "own"], articles, copies) == 2


def test_confidence_is_in_the_json() -> None:
    d = Disagreement("count_mismatch", "states", (DisagreementVersion("47 states", (), "47"),), 0.73)
    assert d.to_dict()["confidence"] == 0.73
    assert Disagreement.from_dict(d.to_dict()) == d
    assert 0 < SHOW_CONFIDENCE < 1


# --- through match_articles (real embeddings) -------------------------------------------------


def _article(article_id: str, text: str, outlet: str, published: str) -> Article:
    return Article(article_id, f"hash-{article_id}", f"{article_id}.txt", text, outlet=outlet, published=published)


def _times(text: str, days: dict[str, str]) -> list[tuple[str, str]]:
    return [(expr, day) for expr, day in days.items() if re.search(re.escape(expr), text)]


@pytest.mark.slow
def test_successive_rulings_are_developments_not_a_date_dispute() -> None:
    a = _article("a", "The appeals court ruled on Monday that the state may not enforce the new voting law.", "A",
                 "2019-11-11")
    b = _article("b", "The appeals court ruled on Friday that the state may enforce the new voting law after all.",
                 "B", "2019-11-15")
    analyses = [make_analysis(a, times=[("Monday", "2019-11-11")]), make_analysis(b, times=[("Friday", "2019-11-15")])]
    matching = match_articles([a, b], analyses)
    assert not [d for d in matching.disagreements if d.kind == "date_mismatch"]
    # ... and the Monday article is not credited with Friday's ruling.
    assert all(f.independent_outlets == 1 for f in matching.facts)


@pytest.mark.slow
def test_a_count_dispute_is_titled_by_what_is_counted_and_numbers_of_two_people_are_not_one() -> None:
    a = _article("a", "Police said 12 people were injured in the riots in Athens on Wednesday. "
                      "Andre Miller is averaging 15.5 points per game.", "A", "2010-05-05")
    b = _article("b", "Police said 18 people had been injured in the riots in Athens on Wednesday. "
                      "Andre Iguodala is averaging 14.9 points per game.", "B", "2010-05-05")
    analyses = [make_analysis(a, entities=[("Andre Miller", "PERSON")], counts=[("12", 12, "people"), ("15.5", 15.5, "points")]),
                make_analysis(b, entities=[("Andre Iguodala", "PERSON")], counts=[("18", 18, "people"), ("14.9", 14.9, "points")])]
    disputes = match_articles([a, b], analyses).disagreements
    assert [(d.kind, d.topic) for d in disputes] == [("count_mismatch", "the number of people injured")]
    assert show_threshold("count_mismatch") <= disputes[0].confidence <= 1


@pytest.mark.slow
def test_procedural_denial_and_role_speakers_make_no_dispute() -> None:
    quote = "We are excited about the future of the company and our community"
    a = _article("a", f"The judge denied the state's request to delay the trial of the former chief executive. "
                      f"\"{quote},\" a WeWork spokesperson said.", "A", "2019-10-23")
    b = _article("b", f"The state asked to delay the trial of the former chief executive until next year. "
                      f"\"{quote},\" the company spokesperson said.", "B", "2019-10-23")
    analyses = [
        make_analysis(a, quotes=[(quote, "WeWork spokesperson")]),
        make_analysis(b, quotes=[(quote, "company spokesperson")]),
    ]
    assert match_articles([a, b], analyses).disagreements == []


@pytest.mark.slow
def test_no_entity_or_claim_comes_from_the_english_model_on_another_language() -> None:
    english = _article("en", "Obrigado Clique met the minister in Lisbon on Monday to discuss the budget.", "A",
                       "2024-01-10")
    portuguese = Article("pt", "hash-pt", "pt.txt", "Obrigado, Clique aqui para ler a notícia sobre o orçamento.",
                         outlet="B", published="2024-01-10", language="pt")
    analyses = [make_analysis(english, entities=[("Obrigado Clique", "PERSON")]),
                make_analysis(portuguese, entities=[("Obrigado, Clique", "PERSON")])]
    matching = match_articles([english, portuguese], analyses)
    assert all(e.article_ids == ("en",) for e in matching.entities)
    assert all(c.article_id == "en" for f in matching.facts for c in f.claims)


@pytest.mark.slow
def test_an_outlet_that_states_a_fact_in_other_words_does_not_leave_it_out() -> None:
    from newsbrief.coverage import SentenceEvidence, build_coverage

    fact = "Tara Reid has checked herself into the Promises Treatment Center in Malibu, her representative said."
    b = _article("b", fact + " She starred in American Pie.", "B", "2008-12-10")
    c = _article("c", "Tara Reid checked into the Promises Treatment Center in Malibu this week, her rep has told Us. "
                      "The actress has been in the news for years.", "C", "2008-12-10")
    a = _article("a", "Tara Reid checked herself into Promises Treatment Center, her rep told People\n"
                      "The actress was last seen at a party in Los Angeles on the weekend.", "A", "2008-12-10")
    articles = [a, b, c]
    matching = match_articles(articles, [make_analysis(x) for x in articles])
    evidence = SentenceEvidence(matching)
    shared = [f for f in matching.facts if {"B", "C"} <= set(f.outlets)]
    assert shared
    coverage = build_coverage(shared, articles, evidence.restates)
    assert "A" not in coverage.omissions
    assert "A" in build_coverage(shared, articles).omissions  # without the check it would be listed


@pytest.mark.parametrize(
    ("sentence", "version", "similarity", "restated"),
    [
        # very close: the same statement whatever the words
        ("A publicist says Tara Reid has checked herself into rehab.",
         "Tara Reid has checked herself into the Promises Treatment Center, her rep says.", 0.85, True),
        # fairly close and the words agree: a headline restating a longer sentence
        ("Trump's second impeachment trial starts at 1 p.m.",
         "The Senate on Tuesday begins the second impeachment trial of former President Donald Trump.", 0.74, True),
        # on the same topic only
        ("More Armed Group Members Surrender in Myanmar",
         "The military has ruled Myanmar, also known as Burma, since 1962.", 0.53, False),
        # the same words about someone else
        ("According to the agreement, McKinney will serve two consecutive life sentences for murder and kidnapping.",
         "Henderson received two life sentences after pleading guilty to felony murder and kidnapping.", 0.61, False),
        # the same words with another number
        ("Cheeks is the third Eastern Conference coach fired this season.",
         "Cheeks is the fifth NBA coach fired this season.", 0.7, False),
        # not close at all
        ("The Sixers are still a very good transition team.", "Cheeks is the fifth NBA coach fired this season.", 0.3, False),
    ],
)
def test_restating_a_fact_needs_its_words_numbers_and_names(sentence: str, version: str, similarity: float,
                                                            restated: bool) -> None:
    from newsbrief.coverage import restates_version

    assert restates_version(sentence, version, similarity) is restated


@pytest.mark.slow
def test_an_outlet_writing_the_same_words_about_someone_else_leaves_the_fact_out() -> None:
    from newsbrief.coverage import SentenceEvidence, build_coverage

    b = _article("b", "Russell Henderson received two life sentences after pleading guilty in April to felony murder "
                      "and kidnapping. The trial drew national attention.", "B", "1999-11-05")
    c = _article("c", "The other defendant, Russell Henderson, pleaded guilty to murder and kidnapping in April and is "
                      "serving two life sentences. The case drew protests.", "C", "1999-11-05")
    a = _article("a", "Aaron McKinney will serve two consecutive life sentences for felony murder and kidnapping, "
                      "under an agreement with the prosecution. The victim's parents agreed to the deal.", "A", "1999-11-05")
    articles = [a, b, c]
    matching = match_articles(articles, [make_analysis(x) for x in articles])
    evidence = SentenceEvidence(matching)
    shared = [f for f in matching.facts if {"B", "C"} <= set(f.outlets)]
    assert shared
    assert "A" in build_coverage(shared, articles, evidence.restates).omissions


@pytest.mark.slow
def test_omission_evidence_of_the_matching() -> None:
    """What the matching tells build_coverage of each outlet and a fact: how close its closest
    sentence comes, whether it restates the fact closely, whether it names the fact's people."""
    from newsbrief.coverage import SentenceEvidence

    b = _article("b", "Tony DiLeo will coach the Sixers in Saturday's game and is expected to remain coach for the rest of "
                      "the season. The team is 9-14.", "B", "2008-12-13")
    c = _article("c", "Tony DiLeo will coach the Sixers in Saturday's game at Washington and is expected to stay coach for "
                      "the rest of the season. Cheeks was fired on Saturday.", "C", "2008-12-13")
    a = _article("a", "Cheeks will be succeeded by Assistant GM Tony DiLeo. The Eastern Conference standings have claimed "
                      "another coach.", "A", "2008-12-13")
    e = _article("e", "The Sixers had been expected to be a playoff team in the Eastern Conference. Elton Brand has not "
                      "found his rhythm in the offense.", "E", "2008-12-13")
    articles = [a, b, c, e]
    people = {"a": [("Tony DiLeo", "PERSON")], "b": [("Tony DiLeo", "PERSON")], "c": [("Tony DiLeo", "PERSON")],
              "e": [("Elton Brand", "PERSON")]}
    matching = match_articles(articles, [make_analysis(x, entities=people[x.id]) for x in articles])
    evidence = SentenceEvidence(matching)
    fact = next(f for f in matching.facts if {"B", "C"} <= set(f.outlets))
    assert evidence.closeness({"b"}, fact) > 0.99  # its own version
    assert evidence.closeness({"e"}, fact) < 0.5 < evidence.closeness({"a"}, fact)
    assert not evidence.reports({"e"}, fact)
    assert evidence.names_everyone_in({"a"}, fact) and not evidence.names_everyone_in({"e"}, fact)


def test_a_name_with_a_title_the_parser_kept_is_the_same_speaker() -> None:
    from newsbrief.disagree import _same_speaker

    assert _same_speaker("Interior Dirk Kempthorne", "Dirk Kempthorne")
    assert _same_speaker("Wood", "Robert Wood")
    assert not _same_speaker("Dirk Kempthorne", "Anna Kempthorne")


@pytest.mark.parametrize(
    ("text", "number", "is_count"),
    [
        ("The Liberals took 156 seats of the 338 in the House of Commons.", "156", True),
        ("The Liberals are projected to win 157 seats, 13 short of a majority.", "157", False),
        ("Analysts surveyed by Refinitiv were expecting 870,000 jobs gained.", "870,000", False),
        # BLIND11 D0718D: an estimate of what will be is a forecast; "an estimated" number is a hedged count
        ("Analysts had estimated the gourmet coffee retailer would earn 60 cents per share for fiscal 1999.", "60", False),
        ("The study attributed an estimated 280,000 deaths a year to being overweight.", "280,000", True),
        ("Voting will close at 6 p.m. local time (1300 GMT) Sunday.", "1300", False),
    ],
)
def test_a_forecast_or_a_clock_time_is_no_count_to_dispute(text: str, number: str, is_count: bool) -> None:
    from types import SimpleNamespace

    from newsbrief.numbers import _count_of

    start = text.index(number)
    quantity = SimpleNamespace(start=start, end=start + len(number), value=float(number.replace(",", "")), text=number,
                               value_max=None, counted="seats" if "seats" in text else "jobs" if "jobs" in text else "GMT",
                               unit=None, modifier=None)
    assert (_count_of(text, quantity, 0, len(text)) is not None) is is_count


# --- numbers that measure different things, or a toll as it develops (issue 8, session 3) ----


@pytest.mark.parametrize(
    ("text", "number", "counted", "predicate"),
    [
        ("Two people died and another was wounded during the protests.", "Two", "people", "killed"),
        ("Rittenhouse allegedly shot three people in Kenosha, killing two.", "three", "people", "shot"),
        ("The shooting at two mosques left 49 people dead.", "49", "people", "killed"),
        ("A gunman's rampage that killed 50 people and wounded dozens more.", "50", "people", "killed"),
        ("Police said 18 people had been injured in the violence.", "18", "people", "injured"),
        ("Troops said 12 rebels were captured near the border.", "12", "rebels", "arrested"),  # one outcome, two verbs
        ("Video of Brooklyn mother of 13 Zurana Horton shot and killed in a gang shooting.", "13", "children", ""),  # the mother's fate
        ("The agency received nearly 235,000 comments on the proposal.", "235,000", "comments", ""),
    ],
)
def test_the_casualty_verb_of_a_count_is_read(text: str, number: str, counted: str, predicate: str) -> None:
    count = _count(text, number, float(number.replace(",", "")) if number[0].isdigit() else 2.0, counted=counted)
    assert count is not None and count.predicate == predicate


@pytest.mark.parametrize(
    "text",
    ["Summit Entertainment will not confirm Weitz is attached to the vampire series.",
     "The ministry declined to confirm that the ship had been seized."],
)
def test_a_party_that_will_not_or_declines_to_confirm_is_a_non_confirmation(text: str) -> None:
    cue = _cue(text)
    assert cue is not None and cue[0] == "unconfirmed"


def test_counts_with_other_casualty_verbs_or_changes_over_other_baselines_measure_different_things() -> None:
    from newsbrief.numbers import _different_measure

    died = _count("Two people died and another was wounded.", "Two", 2, counted="people")
    shot = _count("He shot three people in Kenosha, killing two.", "three", 3, counted="people")
    killed = _count("The rampage killed three people.", "three", 3, counted="people")
    assert died and shot and killed
    assert _different_measure(died, shot) and not _different_measure(died, killed)
    march = _count("The 4.69 million checks is a 25% increase from a then-record 3.69 million checks in March 2020.",
                   "25%", 25, unit="%")
    february = _count("About 4.7 million Americans initiated checks, a 36% increase from February.", "36%", 36, unit="%")
    other_february = _count("Checks rose 30% over February, the FBI said.", "30%", 30, unit="%")
    assert march and february and other_february
    assert march.baseline and february.baseline == frozenset({"february"})
    assert _different_measure(march, february) and not _different_measure(february, other_february)
    # a count of people "from the village" is no change against a baseline
    village = _count("Twelve people from the village were arrested.", "Twelve", 12, counted="people")
    assert village and not village.baseline


@pytest.mark.slow
def test_a_toll_that_rises_in_a_later_report_is_an_update_and_numbers_of_two_places_or_boxers_are_not_one() -> None:
    a = _article("a", "The shooting at two mosques in Christchurch left 49 people dead, police said. "
                      "In Adapazari, about 130 kilometers east of Istanbul, field hospitals were operating. "
                      "Rahman (45-7-2, 36 KOs) fell into the title shot five weeks ago.", "A", "2019-03-15")
    b = _article("b", "The shooting at two mosques in Christchurch killed 50 people, police said. "
                      "The epicenter was near the town of Izmit, 90 miles east of Istanbul. "
                      "The 32-year-old Klitschko (52-3, 46 KOs) won his 10th consecutive bout.", "B", "2019-03-17")
    analyses = [
        make_analysis(a, entities=[("Christchurch", "GPE"), ("Adapazari", "GPE"), ("Istanbul", "GPE"), ("Rahman", "PERSON")],
                      counts=[("49", 49, "people"), ("130 kilometers", 130, "kilometers"), ("36", 36, "KOs")]),
        make_analysis(b, entities=[("Christchurch", "GPE"), ("Izmit", "GPE"), ("Istanbul", "GPE"), ("Klitschko", "NORP")],
                      counts=[("50", 50, "people"), ("90 miles", 90, "miles"), ("46", 46, "KOs")]),
    ]
    assert match_articles([a, b], analyses).disagreements == []
    # the later report giving the LOWER toll is still a conflict worth showing
    c = _article("c", "The shooting at two mosques in Christchurch left 40 people dead, police said.", "C", "2019-03-17")
    analyses_c = [analyses[0], make_analysis(c, entities=[("Christchurch", "GPE")], counts=[("40", 40, "people")])]
    disputes = match_articles([a, c], analyses_c).disagreements
    assert [d.kind for d in disputes] == ["count_mismatch"]


# --- denials: the asserted side states the act ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "predicate"),
    [
        ("John Kirby told reporters Russia used short-range ballistic missiles from North Korea.", True),
        ("He accused Russian forces of using North Korean ballistic missiles in Ukraine.", True),
        ("Seoul's envoy expressed grave concerns over Russia's use of North Korean ballistic missiles.", False),
        ("The inspector general found he violated the policy for drinking alcohol on a trip.", True),
    ],
)
def test_an_asserted_version_states_the_act_as_its_predicate_or_only_names_it(sentence: str, predicate: bool) -> None:
    denied = "Russia used ballistic missiles" if "missiles" in sentence else "he drank on the job"
    assertion = _assertion(_act_words(denied), _content_words(denied), sentence)
    assert assertion is not None and assertion.predicate is predicate


def test_a_sentence_about_the_same_parties_but_another_act_asserts_nothing_denied() -> None:
    # fresh NeuS 138: the physician "denied allegations that he drank on the job"; media reports
    # "accusing Jackson of inappropriate behavior" do not assert the drinking.
    act = _act_words("allegations that he drank on the job")
    assert set(act) == {"drank", "job"}  # the claim noun is not the act
    assert set(_act_words("conducting any arms deals")) == {"arms", "deals"}  # a light verb is no act
    other = "Trump's nomination prompted media reports accusing Jackson of inappropriate behavior as White House physician."
    assert _assertion(act, _content_words("he drank on the job"), other) is None


@pytest.mark.slow
def test_the_asserted_side_is_a_sentence_stating_the_act_and_credits_only_such_sentences() -> None:
    cue = "The Ukrainian Air Force cannot confirm the information about Russia's use of ballistic missiles from North Korea."
    texts = {
        "a": "Seoul's top envoy expressed grave concerns over Russia's use of North Korean ballistic missiles in Ukraine.",
        "b": cue,
        "c": "John Kirby told reporters that Russia used short-range ballistic missiles from North Korea in Ukraine.",
    }
    articles = [make_article(k, t, k.upper()) for k, t in texts.items()]
    ents = [("Russia", "GPE"), ("North Korea", "GPE"), ("Ukraine", "GPE")]
    matching = match_articles(articles, [make_analysis(a, [e for e in ents if e[0] in a.text]) for a in articles])
    (unconfirmed,) = [d for d in matching.disagreements if d.kind == "unconfirmed"]
    asserted = unconfirmed.versions[1]
    assert asserted.text.startswith("John Kirby told reporters")
    assert [c.article_id for c in asserted.citations] == ["c"]  # the envoy's "concerns over Russia's use" is not cited


@pytest.mark.slow
def test_the_asserted_version_survives_float_noise_in_the_sentence_vectors() -> None:
    # Two outlets state the act in the same words: a tie.  One float16 step (or another encode batch
    # size) must not flip which one is shown: ties go to the version published first.
    texts = {
        "a": "John Kirby said Russia used North Korean ballistic missiles against Ukraine in recent strikes.",
        "b": "The Ukrainian Air Force cannot confirm that Russia used North Korean ballistic missiles against Ukraine.",
        "c": "John Kirby said Russia used North Korean ballistic missiles against Ukraine in recent strikes.",
    }
    articles = [make_article(k, t, k.upper()) for k, t in texts.items()]
    articles[2] = dataclasses.replace(articles[2], published="2024-01-08")  # c was published first
    ents = [("John Kirby", "PERSON"), ("Russia", "GPE"), ("North Korean", "NORP"), ("Ukraine", "GPE")]
    analyses = [make_analysis(a, [e for e in ents if e[0] in a.text]) for a in articles]
    matching = match_articles(articles, analyses)
    grouping = matching.grouping
    chosen = set()
    rng = np.random.default_rng(8)
    for _ in range(12):
        noisy = grouping.vectors + rng.normal(0.0, 0.002, grouping.vectors.shape).astype(grouping.vectors.dtype)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        found = find_disagreements(articles, analyses, dataclasses.replace(grouping, vectors=noisy), matching.canonical)
        (unconfirmed,) = [d for d in found if d.kind == "unconfirmed"]
        chosen.add(unconfirmed.versions[1].citations[0].article_id)
    assert chosen == {"c"}


def test_a_likely_conflicting_count_is_cited_with_the_version_it_agrees_with_never_as_a_new_value() -> None:
    from newsbrief.numbers import _cite_agreeing

    two = _count("Commandos seized seven AK-47 assault rifles, two other rifles and a launcher.", "two", 2, counted="rifles")
    three = _count("Seven AK-47s, three other automatic rifles and 13 magazines were found.", "three", 3, counted="rifles")
    also_three = _count("The arms included seven AK-47s, three other assault rifles and a launcher.", "three", 3,
                        counted="rifles")
    four = _count("Police later listed four rifles among the arms.", "four", 4, counted="rifles")
    assert two and three and also_three and four
    component = [two, three]
    _cite_agreeing(component, [(two, also_three), (two, four)])
    assert component == [two, three, also_three]  # "three" gains a source; "four" is no shown value


@pytest.mark.slow
def test_an_asserted_side_stating_only_part_of_the_act_keeps_its_sentence() -> None:
    # The best-backed sentence states the act's verb ("used") but not enough of its words: the
    # asserted side falls back to the sentences that back it, and is never empty (no crash).
    texts = {
        "b": "The Ukrainian Air Force cannot confirm the information about Russia's use of ballistic missiles from North Korea.",
        "c": "John Kirby told reporters that Russia used them against Ukraine after North Korea sent weapons.",
    }
    articles = [make_article(k, t, k.upper()) for k, t in texts.items()]
    ents = [("Russia", "GPE"), ("North Korea", "GPE"), ("Ukraine", "GPE"), ("John Kirby", "PERSON")]
    matching = match_articles(articles, [make_analysis(a, [e for e in ents if e[0] in a.text]) for a in articles])
    for dispute in matching.disagreements:
        assert all(version.citations and version.text for version in dispute.versions)


@pytest.mark.slow
def test_the_matching_says_whether_an_outlet_uses_every_name_of_a_fact() -> None:
    """An outlet stating a fact more generally ("4 million doses to Canada and Mexico" for
    "2.5 million doses to Mexico and 1.5 million to Canada") uses every name the fact's versions
    share; one on the same story that names one country only does not."""
    from newsbrief.coverage import SentenceEvidence, build_coverage

    a = _article("a", "Mexico will receive 25 million doses of the AstraZeneca vaccine and Canada is to receive 15 million "
                      "doses, the official said. The doses are unused.", "A", "2021-03-18")
    c = _article("c", "Mexico will get 25 million doses of the AstraZeneca vaccine and Canada will get 15 million doses, "
                      "an official said. Both countries asked for help.", "C", "2021-03-18")
    b = _article("b", "The United States will lend 40 million unused AstraZeneca vaccine doses to its neighbours Canada and "
                      "Mexico, the White House said Thursday. The vaccine is still pending FDA approval.", "B", "2021-03-18")
    d = _article("d", "The White House said on Thursday that Mexico must do more to curb migration at the border. The "
                      "talks go on.", "D", "2021-03-18")
    e = _article("e", "Mexico will receive 25 million doses of AstraZeneca’s vaccine and Canada 15 million doses, "
                      "officials said on Thursday. The loan was welcomed.", "E", "2021-03-18")
    articles = [a, b, c, d, e]
    matching = match_articles(articles, [make_analysis(x) for x in articles])
    evidence = SentenceEvidence(matching)
    grouped = next(f for f in matching.facts if {"A", "C", "E"} <= set(f.outlets))
    # without numbers analysed, grouping links B's sentence too; on real pages the figures keep it apart
    fact = dataclasses.replace(grouped, claims=tuple(c for c in grouped.claims if c.article_id != "b"),
                               outlets=("A", "C", "E"), independent_outlets=3)
    assert evidence.names_all_in({"b"}, fact) and not evidence.names_all_in({"d"}, fact)
    assert evidence.closeness({"b"}, fact) >= 0.5  # near it, naming all it names: stated, more generally
    coverage = build_coverage([fact], articles, evidence.restates, evidence)
    assert "B" not in coverage.omissions
    assert evidence.closeness({"b"}, fact) < 0.8  # too far to restate it, by the checks of restates_version
    assert "B" in build_coverage([fact], articles, evidence.restates).omissions  # without the evidence it was listed
    assert "D" in coverage.omissions  # one country named: it leaves the fact out


def test_a_weekday_or_month_name_is_a_date_only_when_written_alone() -> None:
    from newsbrief.disagree import _day_name

    assert _day_name("Tuesday") == "Tuesday" and _day_name("in December") == "December"
    assert _day_name("on Friday,") == "Friday"
    assert _day_name("May") == ""  # "may" is a verb as often as a month
    assert _day_name("December 16") == "" and _day_name("last week") == "" and _day_name("Tuesday night") == ""


@pytest.mark.slow
def test_undated_articles_naming_different_days_for_one_event_disagree() -> None:
    """Pages without a publication date cannot resolve "on Tuesday", yet two outlets dating one
    event on Tuesday and on Friday disagree; the dispute shows the names as written.  Dated
    articles still compare resolved dates only."""
    texts = {"a": "Tara Reid checked herself into the Promises Treatment Center in Malibu on Tuesday, her rep said.",
             "b": "Tara Reid checked herself into the Promises Treatment Center in Malibu on Friday, her rep said."}
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in texts.items()]
    day = {"a": "Tuesday", "b": "Friday"}
    analyses = [make_analysis(a, times=[(day[a.id], None)]) for a in undated]  # type: ignore[list-item]
    found = [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]
    assert len(found) == 1 and {v.value for v in found[0].versions} == {"Tuesday", "Friday"}
    assert found[0].confidence >= SHOW_CONFIDENCE
    # the same two pages with publication dates: the names are resolved dates or nothing
    dated = [dataclasses.replace(a, published="2008-12-10") for a in undated]
    analyses = [make_analysis(a, times=[(day[a.id], None)]) for a in dated]  # type: ignore[list-item]
    assert not [d for d in match_articles(dated, analyses).disagreements if d.kind == "date_mismatch"]


@pytest.mark.slow
def test_a_date_of_what_someone_will_do_is_no_version_of_what_happened() -> None:
    """"Paul on Thursday will try to force Roberts to read the question" is a plan, "Roberts
    blocked Paul's question on Wednesday" what happened: two events, not a date dispute."""
    texts = {"a": "Rand Paul on Thursday will try to force Chief Justice John Roberts to read the whistleblower question.",
             "b": "Chief Justice John Roberts blocked Rand Paul on Wednesday from reading the whistleblower question."}
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in texts.items()]
    day = {"a": "Thursday", "b": "Wednesday"}
    analyses = [make_analysis(a, times=[(day[a.id], None)]) for a in undated]  # type: ignore[list-item]
    assert not [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]
    from newsbrief.disagree import _PLANNED

    assert _PLANNED.search("is set to testify") and _PLANNED.search("will try to force")
    assert not _PLANNED.search("checked herself into the clinic")


# --- session 6: non-confirmations matched by meaning, two dates in one sentence ----------------


def test_a_denied_proposition_ends_where_a_clause_with_its_own_reporting_subject_starts() -> None:
    from newsbrief.denials import _proposition, _subject_name

    text = ("Yonhap also found no evidence of Kim enduring any medical hardships at the embassy in Beijing "
            "and Chinese government sources told Reuters they had no evidence of an emergency.")
    claim = Claim("a", None, 0, len(text), text)
    cue = _cue(text)
    assert cue is not None and cue[0] == "unconfirmed"
    ((start, end),) = _proposition([claim], 0, cue[1], cue[0])
    assert text[start:end] == "of Kim enduring any medical hardships at the embassy in Beijing"
    assert _subject_name(text[start:end]) == "Kim"
    assert _subject_name("reports of the suspects' gang affiliation") is None
    while_clause = "While Summit will not confirm Weitz is attached to the series, The Hollywood Reporter said he is."
    cue = _cue(while_clause)
    assert cue is not None
    ((start, end),) = _proposition([Claim("a", None, 0, len(while_clause), while_clause)], 0, cue[1], cue[0])
    assert while_clause[start:end] == "Weitz is attached to the series"


@pytest.mark.slow
def test_a_non_confirmation_is_matched_with_an_assertion_in_other_words() -> None:
    """NeuS 10: "no evidence of Kim enduring any medical hardships" against "Kim had cardiovascular
    surgery": no word of the act in common, one subject, close in meaning.  A sentence on the same
    subject that states nothing close (his public appearances) is not the asserted side."""
    texts = {
        "a": "U.S. intelligence indicates that North Korean dictator Kim Jong Un recently had cardiovascular surgery, "
             "NBC News reported Tuesday, citing American officials.",
        "b": "Yonhap also found no evidence of Kim Jong Un enduring any medical hardships ongoing at North Korea's embassy "
             "in Beijing and Chinese government sources told Reuters they, too, had no evidence of a medical emergency.",
        "c": "Kim Jong Un missed the anniversary of his grandfather's birth on April 15 for the first time.",
    }
    articles = [make_article(k, t, k.upper()) for k, t in texts.items()]
    ents = [("Kim Jong Un", "PERSON"), ("NBC News", "ORG"), ("Yonhap", "ORG"), ("Beijing", "GPE"), ("Reuters", "ORG")]
    matching = match_articles(articles, [make_analysis(a, [e for e in ents if e[0] in a.text]) for a in articles])
    (unconfirmed,) = [d for d in matching.disagreements if d.kind == "unconfirmed"]
    assert unconfirmed.confidence >= SHOW_CONFIDENCE
    assert [c.article_id for c in unconfirmed.versions[0].citations] == ["b"]
    assert [c.article_id for c in unconfirmed.versions[1].citations] == ["a"]


@pytest.mark.slow
def test_procedural_denials_stay_out_when_matching_by_meaning() -> None:
    """A judge "denied the request" and a party that "refused to comment" deny no claim, however
    close another outlet's sentence is; a denial (not a non-confirmation) is never matched by
    meaning alone."""
    texts = {
        "a": "The judge denied the state's request to delay the trial of Kim Davis until next month.",
        "b": "Prosecutors asked the court to delay the trial of Kim Davis until next month.",
        "c": "Kim Davis denied the accusations of misconduct in office.",
        "d": "Kim Davis was accused of refusing marriage licences to couples in Rowan County.",
    }
    articles = [make_article(k, t, k.upper()) for k, t in texts.items()]
    ents = [("Kim Davis", "PERSON"), ("Rowan County", "GPE")]
    matching = match_articles(articles, [make_analysis(a, [e for e in ents if e[0] in a.text]) for a in articles])
    assert not [d for d in matching.disagreements if d.kind in ("denial", "unconfirmed")]


@pytest.mark.slow
def test_a_sentence_naming_two_dates_is_compared_date_by_date() -> None:
    """ECB+ 1: "After telling People in October ..., Reid checked into Promises on Friday" against
    "Reid entered Promises on Tuesday": the check-in's two days disagree, compared with the words
    beside each date alone; the October interview dates another event and disputes nothing."""
    texts = {"a": "After telling People in October that she was fine, Tara Reid checked into the Promises Treatment Center on Friday.",
             "b": "Tara Reid has finally entered the Promises Treatment Center on Tuesday, her rep said."}
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in texts.items()]
    day = {"a": [("October", None), ("Friday", None)], "b": [("Tuesday", None)]}
    analyses = [make_analysis(a, times=day[a.id]) for a in undated]  # type: ignore[arg-type]
    found = [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]
    assert len(found) == 1 and {v.value for v in found[0].versions} == {"Tuesday", "Friday"}
    assert "Promises" in found[0].topic and "October" not in found[0].topic


@pytest.mark.slow
def test_a_sentence_naming_both_dates_agrees_on_one_and_disputes_nothing() -> None:
    """DUC D0727G-B: "separated in May and filed for divorce in July" and "filed for divorce in
    July" agree on the filing; May dates the separation, which the other does not date."""
    texts = {"a": "Gingrich separated from his wife of 18 years in May and filed for divorce in July.",
             "b": "Gingrich filed for divorce in July, just days before the couple's 18th wedding anniversary."}
    articles = [dataclasses.replace(make_article(k, t, k.upper()), published="1999-10-07") for k, t in texts.items()]
    times = {"a": [("May", "1999-05"), ("July", "1999-07")], "b": [("July", "1999-07")]}
    analyses = [make_analysis(a, [("Gingrich", "PERSON")], times=times[a.id]) for a in articles]  # type: ignore[arg-type]
    assert not [d for d in match_articles(articles, analyses).disagreements if d.kind == "date_mismatch"]


# --- session 7: dispute recall ---------------------------------------------------------------


def test_a_parent_of_n_counts_children_when_sides_are_compared() -> None:
    """ECB+ 33: "Brooklyn Mother of 13 Zurana Horton" (the parser counts "Zurana Horton") and
    "one of her 12 children" both count her children: the same counted phrase, so the pair is
    not marked down as "the same noun with other modifiers"; "11 euro countries" / "15
    countries" still is."""
    from newsbrief.numbers import _counted_key

    mother = _count("Video of Brooklyn Mother of 13 Zurana Horton shot and killed in a gang shooting was revealed.",
                    "13", 13, counted="Zurana Horton")
    children = _count("Horton, 34, was walking with one of her 12 children when Andrew Lopez fired from the rooftop.",
                      "12", 12, counted="children")
    bare = _count("The video shows Horton, a mother of 12, on the street near a school.", "12", 12)
    assert mother and children and bare
    assert _counted_key(mother) == _counted_key(children) == _counted_key(bare) == "children"
    assert _comparable(mother, children)
    euro = _count("Eleven euro countries signed the pact.", "Eleven", 11, counted="euro countries")
    all_ = _count("All 15 countries signed the pact.", "15", 15, counted="countries")
    assert euro and all_ and _counted_key(euro) != _counted_key(all_)


@pytest.mark.slow
def test_mothers_of_12_and_13_disagree_and_every_outlet_is_cited() -> None:
    """ECB+ 33: seven outlets call Zurana Horton a mother of 12, one a mother of 13.  Before,
    the pairs whose parse gave "mother of N" no counted noun scored 0.25-0.37 and six
    citations at most were shown; now the dispute is shown with all seven outlets of the 12
    version. A count of her grandchildren is not a version of it."""
    twelve = [
        "Zurana Horton, a mother of 12, was shot dead by a stray bullet outside a Brooklyn school.",
        "Zurana Horton, 34, was walking with one of her 12 children when a stray bullet hit her in Brooklyn.",
        "The video shows Horton, a mother of 12, on the street near a school before the shooting.",
        "A gang member was convicted of killing Zurana Horton, a mother of 12, with a stray bullet.",
        "Zurana Horton was the mother of 12 children and was killed by a stray bullet in Brooklyn.",
        "Prosecutors said Zurana Horton, a Brooklyn mother of 12, was killed by a stray bullet.",
        "The jury saw the moment a Brooklyn mother of 12, Zurana Horton, was hit by a stray bullet.",
    ]
    texts = {f"t{n}": t for n, t in enumerate(twelve)}
    texts["x"] = "Video of Brooklyn mother of 13 Zurana Horton shot and killed by a stray bullet was revealed Thursday."
    texts["g"] = "Zurana Horton, who had 9 grandchildren, was killed by a stray bullet near a Brooklyn school."
    articles = [dataclasses.replace(make_article(k, t, k.upper()), published="2013-03-01") for k, t in texts.items()]
    counts = {k: [(m.group(), float(m.group()), "grandchildren" if k == "g" else "children")]
              for k, t in texts.items() for m in [re.search(r"\b(?:9|12|13)\b", t)] if m}
    analyses = [make_analysis(a, [("Horton", "PERSON")], counts=counts[a.id]) for a in articles]  # type: ignore[arg-type]
    found = [d for d in match_articles(articles, analyses).disagreements if d.kind == "count_mismatch"]
    assert len(found) == 1 and show_threshold("count_mismatch") <= found[0].confidence <= 1
    versions = {v.value: {c.article_id for c in v.citations} for v in found[0].versions}
    assert versions == {"12": set(texts) - {"x", "g"}, "13": {"x"}}


def test_a_day_name_with_a_part_of_the_day_is_that_day() -> None:
    from newsbrief.disagree import _day_name

    assert _day_name("late Tuesday") == "Tuesday" and _day_name("early Wednesday") == "Wednesday"
    assert _day_name("Tuesday night") == "" and _day_name("late last Tuesday") == "" and _day_name("early May") == ""


@pytest.mark.slow
def test_undated_outlets_placing_one_ruling_late_tuesday_and_early_wednesday_disagree() -> None:
    """NeuS 187 (undated pages): the Maryland judge's second halt of the travel ban "early
    Wednesday" vs "late Tuesday" dates one ruling two ways.  When the day dates what someone
    said about it ("Trump said early Wednesday"), it is no version of the ruling's date."""
    texts = {"a": "A federal judge in Maryland early Wednesday issued a second halt on the latest version of President "
                  "Trump's travel ban, asserting that the president's own comments on the campaign trail and on Twitter "
                  "convinced him that the directive was aimed at Muslims.",
             "b": "A federal judge in Maryland delivered a second blow to President Trump's latest travel ban late Tuesday, "
                  "arguing that the president's own words make clear that his focus is not on national security but on "
                  "instituting a ban against Muslims."}
    day = {"a": [("early Wednesday", None)], "b": [("late Tuesday", None)]}
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in texts.items()]
    analyses = [make_analysis(a, times=day[a.id]) for a in undated]  # type: ignore[arg-type]
    found = [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]
    assert len(found) == 1 and {v.value for v in found[0].versions} == {"Tuesday", "Wednesday"}
    assert found[0].confidence >= SHOW_CONFIDENCE
    said = dict(texts, a="President Trump said early Wednesday that a federal judge in Maryland halted his latest travel ban.")
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in said.items()]
    analyses = [make_analysis(a, times=day[a.id]) for a in undated]  # type: ignore[arg-type]
    assert not [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]


def test_a_distance_that_says_not_from_where_is_from_the_place_its_sentence_is_about() -> None:
    # DUC D0743J-A (NYT): "65 miles away" is from Istanbul, where the quake did damage; "65 miles
    # west of Izmit" is from Izmit, not the epicenter's distance from Istanbul.
    away = _count("Even this week's quake, though centered 65 miles away, did some property damage and caused a few "
                  "deaths in Istanbul.", "65 miles", 65, "mi")
    west = _count("Istanbul, Turkey's largest city, lies just 65 miles west of Izmit.", "65 miles", 65, "mi")
    km = _count("The epicenter is located at about 70 kilometers southeast of Istanbul.", "70 kilometers", 70, "km",
                modifier="about")
    assert away is not None and west is not None and km is not None
    assert "istanbul" in away.referent and away.referent & km.referent
    assert not west.referent & km.referent  # what it is of is named otherwise


def test_a_count_agreeing_with_a_version_is_cited_with_it_only_when_it_conflicts_with_another() -> None:
    # ECB+ 12ecb: the Defence Ministry's "pirates in two boats" says what "attacked two boats of
    # pirates" says, against "The pirates, in three boats, ...": the dispute cites it too.
    from newsbrief.numbers import _cite_agreeing, _named_alike

    two = _count("An Indian warship, INS Mysore, attacked two boats of pirates after receiving signals from a ship.",
                 "two", 2, counted="boats")
    three = _count("The pirates, in three boats, were attempting to hijack the Ethopian-flagged merchant vessel.",
                   "three", 3, counted="boats")
    ministry = _count("INS Mysore swung into action against the pirates in two boats, a Defence Ministry release said.",
                      "two", 2, counted="boats")
    assert two and three and ministry
    component = [two, three]
    _cite_agreeing(component, (), [(two, ministry)], {(id(ministry), id(three))})
    assert component == [two, three, ministry]
    # ... but not when it conflicts with no count of the other version (another thing of that value)
    component = [two, three]
    _cite_agreeing(component, (), [(two, ministry)], set())
    assert component == [two, three]
    # an amount or a distance joins a version only when what it is of is named alike
    izmit = _count("Istanbul lies just 65 miles west of Izmit.", "65 miles", 65, "mi")
    istanbul = _count("The quake, centered 65 miles away, caused a few deaths in Istanbul.", "65 miles", 65, "mi")
    epicenter = _count("The epicenter of the quake was about 55 miles east of Istanbul.", "55 miles", 55, "mi")
    assert izmit and istanbul and epicenter
    assert _named_alike(istanbul, epicenter) and not _named_alike(izmit, epicenter)
    assert _named_alike(two, three)  # a count is compared by its noun


@pytest.mark.slow
def test_a_measure_given_many_values_in_a_story_is_not_one_disputed_number() -> None:
    # A game story gives points of many players and teams; two outlets' "14" and "16" for an
    # unnamed "guard" may be two guards (BLIND9 31ecb: 462 false pairs of players' points).
    lines = {"a": "The guard scored 14 points in the win over Evansville on Thursday.",
             "b": "The guard scored 16 points in the win over Evansville on Thursday.",
             "c": "Last season the team averaged 70 points a game at home.",
             "d": "Their rival gave up 55 points in the loss to Drake.",
             "e": "The arena record is 120 points, set in 1990."}
    articles = [_article(k, text, k.upper(), "2009-01-16") for k, text in lines.items()]
    values = {"a": 14, "b": 16, "c": 70, "d": 55, "e": 120}
    analyses = [make_analysis(a, counts=[(str(values[a.id]), float(values[a.id]), "points")]) for a in articles]
    assert not [d for d in match_articles(articles, analyses).disagreements if d.kind == "count_mismatch"]
    # The same two sentences alone are a dispute, and so are four values of a game's points
    # cut to at most three versions: more would be several things measured alike.
    pair = match_articles(articles[:2], analyses[:2]).disagreements
    assert [d.kind for d in pair] == ["count_mismatch"]
    assert all(len(d.versions) <= MAX_VERSIONS for d in match_articles(articles, analyses).disagreements)

# --- numbers of different referents (BLIND8, session 8: 229 of 236 judged number pairs false) -------


def test_the_day_of_a_promise_dates_no_event() -> None:
    """ECB+ 27: "As it promised Tuesday, Microsoft released the patch" dates the promise; the
    patch came out Wednesday."""
    from newsbrief.disagree import _NOT_EVENT_DATE

    assert _NOT_EVENT_DATE.search("As it promised ")
    assert not _NOT_EVENT_DATE.search("Microsoft released the patch on ")


# --- session 8, disputes2: date disputes need one event; pronouns, spans and damage in numbers ----


def test_the_day_of_a_statement_or_of_a_promise_in_brackets_dates_no_event() -> None:
    """ECB+ 27 and 25 (BLIND8, paraphrased): "As it promised [Tuesday]" dates the promise; "Payton
    said at practice on Wednesday" dates what he said, not the injury."""
    from newsbrief.disagree import _NOT_EVENT_DATE

    assert _NOT_EVENT_DATE.search("As it promised [")
    assert _NOT_EVENT_DATE.search("and coach Sean Payton said at practice on ")
    assert _NOT_EVENT_DATE.search("the minister told reporters in Washington ")
    assert not _NOT_EVENT_DATE.search("The Saints placed Bush on the injured reserve list ")
    assert not _NOT_EVENT_DATE.search("A federal judge in Maryland delivered a second blow to the ban late ")


def test_a_sentence_whose_other_date_agrees_with_a_version_dates_two_events() -> None:
    """ECB+ 20 (BLIND8): "killed more than 31,000 in Bam in 2003, and 600 in Zarand in February"
    names Bam's year: its February is the Zarand quake, not a version of "Bam in December 2003"."""
    from newsbrief.disagree import _dates_other

    assert _dates_other("2003-12", "2005-02", {"2003", "2005-02"})
    assert not _dates_other("2003-12", "2005-02", {"2005-02"})
    assert not _dates_other("Tuesday", "Thursday", {"Thursday"})  # Cummings died early Tuesday / early Thursday


def test_two_steps_of_a_legal_process_are_not_one_event() -> None:
    """ECB+ 18 (BLIND8, paraphrased): charged on Saturday, in court on Monday: two steps."""
    from newsbrief.disagree import _one_step, _process_step

    def step(text: str, day: str) -> str:
        at = text.index(day)
        claim = Claim("a", 0, 0, len(text), text)
        return _process_step(text, claim, type("T", (), {"start": at, "end": at + len(day)})())

    court = step("His accused killer made a brief appearance in provincial court Monday on a charge of murder.", "Monday")
    charged = step("A 61-year-old man was charged Saturday with one count of first-degree murder.", "Saturday")
    assert (court, charged) == ("appearance", "charge") and not _one_step({court}, {charged})
    assert step("Cummings died early Thursday at Johns Hopkins Hospital.", "Thursday") == ""
    assert _one_step(set(), {"charge"}) and _one_step({"charge"}, {"charge"})


@pytest.mark.slow
def test_a_date_dates_its_own_clause_and_one_event_told_two_ways_still_disagrees() -> None:
    """ECB+ 25 (BLIND8, paraphrased): the knee hurt on Thursday and the injured-reserve move on
    Wednesday are two events, though both sentences name the knee and the reserve list; NeuS 238:
    "died early Tuesday" / "died early Thursday" is one death dated two ways."""
    texts = {"a": "Bush tweaked his left knee last Thursday and coach Sean Payton said the Saints decided to put the "
                  "running back on injured reserve.",
             "b": "The Saints placed Bush on the injured reserve list Wednesday after he suffered a sprain of his left knee."}
    day = {"a": [("Thursday", None)], "b": [("Wednesday", None)]}
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in texts.items()]
    analyses = [make_analysis(a, [("Bush", "PERSON")], times=day[a.id]) for a in undated]  # type: ignore[arg-type]
    assert not [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]
    texts = {"a": "Congressman Elijah Cummings of Maryland died early Tuesday due to complications of longtime health issues.",
             "b": "Congressman Elijah Cummings of Maryland died early Thursday due to complications of longtime health issues."}
    day = {"a": [("early Tuesday", None)], "b": [("early Thursday", None)]}
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in texts.items()]
    analyses = [make_analysis(a, [("Elijah Cummings", "PERSON")], times=day[a.id]) for a in undated]  # type: ignore[arg-type]
    found = [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]
    assert len(found) == 1 and {v.value for v in found[0].versions} == {"Tuesday", "Thursday"}




# --- session 11, dates11: the day of a statement is a version of that statement's day only ---------


def test_the_day_of_a_statement_is_read_before_or_after_its_verb() -> None:
    """"HP announced on Tuesday", "Hewlett-Packard on Monday said", "HP Monday announced": each
    date is the day of a statement; "arrested by RCMP on Tuesday" is not."""
    from newsbrief.disagree import _NOT_EVENT_DATE, _said_on

    def said(text: str, day: str) -> bool:
        at = text.index(day)
        return _said_on(text, type("T", (), {"start": at, "end": at + len(day)})())

    assert said("Hewlett-Packard announced on Tuesday that it signed an agreement.", "Tuesday")
    assert said("Hewlett-Packard on Monday said it has agreed to buy EYP.", "Monday")
    assert said("HP Monday announced it has signed an agreement.", "Monday")
    assert said("Oppal said at a news conference Wednesday.", "Wednesday")
    assert not said("Blackmore and Oler were arrested by RCMP on Tuesday, Oppal said.", "Tuesday")
    assert not said("Microsoft released the patch on Wednesday.", "Wednesday")
    # a noun is no verb of saying: the crash is dated, not a statement of "the United States"
    crash = "The plane crashed into the Atlantic off Martha's Vineyard in the United States on July 16."
    assert not said(crash, "July 16") and not _NOT_EVENT_DATE.search(crash[: crash.index("July 16")])
    assert not _NOT_EVENT_DATE.search("Police gave no details in reports on ")


@pytest.mark.slow
def test_a_sentence_whose_other_day_is_a_statements_still_dates_its_event() -> None:
    """ECB+ 36 (BLIND9, paraphrased): "arrested by RCMP on Tuesday, Oppal said at a news
    conference Wednesday" dates the arrest Tuesday; its Wednesday is the statement's, so it
    disputes "arrested Wednesday" (before, the Wednesday it names was read as agreeing)."""
    texts = {"a": "Attorney General Wally Oppal confirmed that Winston Blackmore and James Oler were arrested Wednesday.",
             "b": "Winston Blackmore and James Oler were arrested by RCMP on Tuesday, Attorney General Wally Oppal said at "
                  "a news conference Wednesday."}
    day = {"a": [("Wednesday", None)], "b": [("Tuesday", None), ("Wednesday", None)]}
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in texts.items()]
    people = [("Winston Blackmore", "PERSON"), ("James Oler", "PERSON"), ("Wally Oppal", "PERSON")]
    analyses = [make_analysis(a, people, times=day[a.id]) for a in undated]  # type: ignore[arg-type]
    found = [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]
    assert len(found) == 1 and {v.value for v in found[0].versions} == {"Tuesday", "Wednesday"}
    assert found[0].confidence >= SHOW_CONFIDENCE


@pytest.mark.slow
def test_two_outlets_dating_one_announcement_two_ways_disagree_and_a_statement_day_is_no_event_day() -> None:
    """ECB+ 44 (BLIND9, paraphrased): the announcement of HP's deal "on Tuesday" and "on Monday"
    is one statement dated two ways (before, "announced on Tuesday" was dropped as a statement's
    day, while "HP on Monday said" was read as an event's).  The day someone says something
    about an event is no version of the event's day."""
    texts = {"a": "Hewlett-Packard announced on Tuesday that it has signed a definitive agreement to acquire EYP Mission "
                  "Critical Facilities, a consulting company.",
             "b": "Hewlett-Packard on Monday said it has agreed to buy EYP Mission Critical Facilities, a consulting "
                  "company."}
    day = {"a": [("Tuesday", None)], "b": [("Monday", None)]}
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in texts.items()]
    orgs = [("Hewlett-Packard", "ORG"), ("EYP Mission Critical Facilities", "ORG")]
    analyses = [make_analysis(a, orgs, times=day[a.id]) for a in undated]  # type: ignore[arg-type]
    found = [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]
    assert len(found) == 1 and {v.value for v in found[0].versions} == {"Monday", "Tuesday"}
    assert found[0].confidence >= SHOW_CONFIDENCE
    event = dict(texts, a="Hewlett-Packard signed a definitive agreement on Tuesday to acquire EYP Mission Critical "
                          "Facilities, a consulting company.")
    undated = [Article(k, f"hash-{k}", f"{k}.txt", t, outlet=k.upper(), published=None) for k, t in event.items()]
    analyses = [make_analysis(a, orgs, times=day[a.id]) for a in undated]  # type: ignore[arg-type]
    assert not [d for d in match_articles(undated, analyses).disagreements if d.kind == "date_mismatch"]
@pytest.mark.parametrize(
    ("text", "number", "value", "unit", "counted", "scope"),
    [
        # BLIND9 31ecb: an average of five earlier games is a rate, not the night's points
        ("In the five games he played before Thursday's action, Hansbrough averaged a team-high 22.8 points.",
         "22.8", 22.8, None, "points", "rate"),
        ("His son's 23 points and eight rebounds a game will come in handy next season.", "23", 23, None, "points", "rate"),
        # BLIND9 31ecbplus: points of one half, of a game's first minutes, of a team's first points
        ("Artino picked up the slack in the first half as he scored seven points.", "seven", 7, None, "points", "part"),
        ("Echenique scored five of Creighton ’ s first eight points in the second half.", "eight", 8, None, "points", "part"),
        ("Clark had 17 points in just over the first eight minutes of the game, accounting for most of them.",
         "17", 17, None, "points", "part"),
        # ... a part of the clause before is not said of the number after the comma
        ("Echenique scored all 11 points in the second half, grabbed 11 rebounds and blocked six shots.",
         "11 rebounds", 11, None, "rebounds", ""),
        # BLIND9 41ecb / BLIND8 19ecbplus: a running total and one day's count
        ("Israel has so far lost seven soldiers and four civilians in the conflict.", "seven", 7, None, "soldiers", "running"),
        ("Five Israeli soldiers lost their lives on Wednesday, four from friendly fire.", "Five", 5, None, "soldiers", "day"),
        # BLIND11 D0713C: the month's devices against the five of Thursday
        ("Pakistan exploded six nuclear devices last month in response to India.", "six", 6, None, "devices", "running"),
        ("Pakistan detonated five nuclear devices Thursday.", "five", 5, None, "devices", "day"),
        # BLIND9 43ecbplus: a part of a price when the sentence names another part; paid one way alone it may be all
        ("AMD is paying $281m in cash and $53m in stock to acquire privately held SeaMicro.", "$281m", 281e6, "USD", None,
         "part"),
        ("AMD is paying $281 million in cash for SeaMicro and the remainder in stock, Lu said.", "$281 million", 281e6,
         "USD", None, "part"),
        ("AMD will pay US$334 million in cash and stock for SeaMicro.", "US$334 million", 334e6, "USD", None, ""),
        ("Google paid $1.65 billion in stock for YouTube.", "$1.65 billion", 1.65e9, "USD", None, ""),
        # BLIND8 18ecbplus: the others besides one said before; in a list, "other" sets apart the items before it
        ("The two other victims were being treated at Beaumont Hospital in Royal Oak.", "two", 2, None, "victims", "other"),
        ("The Naval commandos also boarded the pirates' boats and seized seven AK-47 assault rifles, two other rifles, "
         "a grenade launcher.", "two", 2, None, "rifles", ""),
        # BLIND8 30ecb: the cables of a corridor, named by where they run, against those damaged
        ("The main damage is to the four submarine cables running across the Mediterranean and through the Suez Canal.",
         "four", 4, None, "submarine cables", "set"),
        ("Two undersea cables in the Mediterranean suffered severe damage.", "Two", 2, None, "undersea cables", ""),
        # BLIND8 20ecb: this Sunday's quake against one of a month named
        ("Earlier on Sunday a 5.6 quake jolted the island, some 930 miles south of the capital.", "5.6", 5.6, None,
         "quake", "day"),
        ("The same island was hit by a 6.1 quake in September.", "6.1", 6.1, None, "quake", "month"),
        ("The quake struck on Sept. 12 with a magnitude of 6.1.", "6.1", 6.1, None, "magnitude", ""),
        # BLIND9 31ecbplus: in each of the past two seasons (a rate), a broken record (the old mark), an option
        ("The forward has been a consensus first-team All-American in each of the past two seasons.", "two", 2, None,
         "seasons", "rate"),
        ("McDermott broke Rodney Buford's school scoring record of 2,116 points with a free throw.", "2,116", 2116, None,
         "points", "record"),
        ("McDermott became the school's all-time scoring leader with 2,117 points.", "2,117", 2117, None, "points", ""),
        ('The 13" model will have the option for a 2.9 GHz i7, 750 GB HDD, and up to 8 GB of RAM.', "2.9", 2.9, None,
         "GHz", "option"),
        # the whole occasion: no scope
        ("Richard Carter scored 14 points and Seth VanDeest scored 13 for the Bulldogs.", "14", 14, None, "points", ""),
        ("Police said 12 people were killed on a day of violence.", "12", 12, None, "people", ""),
        # a month's: compared with the whole and with a running total, not with one day's
        ("The 76ers signed Elton Brand to a five-year, $80 million contract in July.", "$80 million", 80e6, "USD", None,
         "month"),
    ],
)
def test_a_number_knows_what_of_its_occasion_it_is_of(text: str, number: str, value: float, unit: str | None,
                                                      counted: str | None, scope: str) -> None:
    count = _count(text, number, value, unit=unit, counted=counted)
    assert count is not None and count.scope == scope


def test_a_rate_a_part_or_one_days_count_is_not_compared_with_the_whole() -> None:
    from newsbrief.numbers import _other_scope

    def scoped(scope: str):  # type: ignore[no-untyped-def]
        count = _count("They scored 20 points.", "20", 20, counted="points")
        assert count is not None
        return dataclasses.replace(count, scope=scope)

    whole, rate, part, running, day = (scoped(s) for s in ("", "rate", "part", "running", "day"))
    assert _other_scope(whole, rate) and _other_scope(part, whole) and _other_scope(rate, part)
    assert _other_scope(running, day) and _other_scope(day, running)
    # a day's count is of the occasion, a running total may be too: neither is refused against the whole
    assert not _other_scope(whole, day) and not _other_scope(running, whole)
    assert not _other_scope(part, part) and not _other_scope(rate, rate) and not _other_scope(whole, whole)
    other, kept, record, option, month = (scoped(s) for s in ("other", "set", "record", "option", "month"))
    assert all(_other_scope(x, whole) and _other_scope(whole, x) for x in (other, kept, record, option))
    assert _other_scope(day, month) and not _other_scope(month, whole) and not _other_scope(month, running)
    assert not _other_scope(other, other) and not _other_scope(record, record)


def test_a_part_of_a_price_is_compared_with_the_whole_only_when_the_parts_add_up_to_another_figure() -> None:
    """BLIND9 43ecbplus: "$281m in cash and $53m in stock" is AMD's $334 million price in parts."""
    from newsbrief.numbers import _other_scope

    parts = _count("AMD is paying $281m in cash and $53m in stock to acquire SeaMicro.", "$281m", 281e6, unit="USD")
    whole = _count("AMD is paying US$334 million for SeaMicro.", "US$334 million", 334e6, unit="USD")
    rest = _count("AMD is paying $281 million in cash for SeaMicro and the remainder in stock.", "$281 million", 281e6,
                  unit="USD")
    more = _count("AMD is paying $281m in cash and $80m in stock to acquire SeaMicro.", "$281m", 281e6, unit="USD")
    assert parts and whole and rest and more
    assert parts.parts_sum == 334e6 and rest.parts_sum == 0 and more.parts_sum == 361e6
    assert _other_scope(parts, whole) and _other_scope(whole, rest)  # the parts add up; the remainder is unsaid
    assert not _other_scope(more, whole)  # $361 million is not $334 million: the price is disputed


# BLIND10 D0742J s10-074, judged same_value: the New York Times News Service moved the story the
# evening before the paper that printed it, so its "yesterday" is one day later than the file's
# day makes it (BLIND11 D0724F s11-196 is the same with "today").
KENNEDY = (("NYT", "Ms. Kennedy was to be married yesterday before 275 guests.", "1999-07-17", "yesterday",
            "1999-07-16"),
           ("XIE", "According to an earlier announcement from the office of U.S. Senator Edward M. Kennedy, the couple "
            "was to be married Saturday before 275 guests in a private ceremony.", "1999-07-18", "Saturday",
            "1999-07-17"))


def _date_disputes(pair: tuple[tuple[str, str, str, str, str], ...]) -> list[Disagreement]:
    articles = [Article(k, f"hash-{k}", f"{k}.sgml", text, outlet=k, published=published)
                for k, text, published, _, _ in pair]
    analyses = [make_analysis(a, times=[(expr, value)])  # type: ignore[list-item]
                for a, (_, _, _, expr, value) in zip(articles, pair, strict=True)]
    return [d for d in match_articles(articles, analyses).disagreements if d.kind == "date_mismatch"]


def test_a_day_read_from_yesterday_is_no_version_one_day_apart() -> None:
    assert _days_apart(KENNEDY[0][4], KENNEDY[1][4]) == 1
    assert not _date_disputes(KENNEDY)


def test_a_day_written_out_one_day_apart_still_disagrees() -> None:
    (outlet, text, published, _, _), other = KENNEDY
    written = ((outlet, text.replace("yesterday", "on Friday"), published, "Friday", "1999-07-16"), other)
    found = _date_disputes(written)
    assert len(found) == 1 and {v.value for v in found[0].versions} == {"1999-07-16", "1999-07-17"}
    assert _days_apart("1999-07", "1999-07-17") is None  # a month and a day: not one day apart
# --- session 12, recall12: disputes dropped on long news (BLIND8, BLIND9) ----------------------------


def test_a_quakes_magnitude_is_one_measure_however_written() -> None:
    """ECB+ 37ecbplus and 20ecbplus: "an 8.6-magnitude quake" (a compound: no count before) and
    "a magnitude 6.1 quake" (counted "quake") or "puts the magnitude at 6.1" (nothing counted) are
    all the quake's magnitude, compared with one another."""
    april = _count("In April last year an 8.6-magnitude quake struck 431 kilometres off Banda Aceh, prompting an "
                   "Indian Ocean-wide tsunami alert.", "8.6", 8.6, counted="magnitude")
    may = _count("An 8.7-magnitude earthquake also hit off the city of Banda Aceh in Sumatra Island in May 2012, "
                 "triggering regional tsunami alerts.", "8.7", 8.7, counted="magnitude")
    usgs = _count("U.S. Geological Survey puts the magnitude at 6.1.", "6.1", 6.1)
    irna = _count("The official IRNA news agency and the United States Geological Survey said it had a magnitude of 5.9.",
                  "5.9", 5.9)
    quake = _count("The U.S. Geological Survey said the magnitude 6.1 quake struck at a depth of 10 km.", "6.1", 6.1,
                   counted="quake")
    spaced = _count("A powerful 6.1 magnitude earthquake hit Indonesia's Aceh province.", "6.1", 6.1, counted="magnitude")
    assert april and may and usgs and irna and quake and spaced
    assert {c.head for c in (april, may, usgs, irna, quake, spaced)} == {"magnitude"}
    assert _comparable(april, may) and _comparable(usgs, irna) and not _comparable(quake, spaced)
    # other compounds are still no counts, and a magnitude needs the word beside it
    assert _count("Britain presides over the 15-nation European Union.", "15", 15, counted="nation") is None
    assert _count("The quake of 6.1 struck inland.", "6.1", 6.1) is None


def test_the_rest_of_a_set_does_not_join_two_versions_into_too_many_values() -> None:
    """ECB+ 41ecbplus (BLIND9): four bombs (five outlets) against five (one) was not shown, because
    "Three other bombs allegedly exploded outside the camp" conflicted with "Four" and with "the
    other two bombs", making one dispute of four values; the rest of a set is a part of it."""
    from newsbrief.numbers import _components, _without_rests

    four = _count("Four bombs were dropped within just a few moments.", "Four", 4, counted="bombs")
    five = _count("Five bombs were dropped, of which four exploded, they told our correspondent.", "Five", 5,
                  counted="bombs")
    three = _count("Three other bombs allegedly exploded outside the camp.", "Three", 3, counted="bombs")
    two = _count("Two landed inside the camp itself, while the other two bombs were dropped near the airstrip.", "two bombs",
                 2, counted="bombs")
    assert four and five and three and two
    assert three.rest and two.rest and not four.rest and not five.rest
    pairs = [(four, five), (three, four), (three, two)]
    assert [len(c) for c in _components(pairs)] == [4]
    assert _without_rests(_components(pairs), pairs) == [[four, five]]
    # a dispute of few enough values keeps its parts ("48 other ministers" are no rest: 49 in all)
    assert _without_rests(_components(pairs[1:]), pairs[1:]) == _components(pairs[1:])
    ministers = _count("Blinken joined 48 other foreign ministers in denouncing it.", "48", 48, counted="foreign ministers")
    assert ministers and not ministers.rest


def test_a_population_counts_people() -> None:
    """ECB+ 36ecb (BLIND9): "The community, with a population of approximately 1,000" and "About 800
    people live in the community" are two versions of its population; a bare number is still no count."""
    population = _count("The community, with a population of approximately 1,000, follows the practices of the "
                        "polygamous Fundamentalist Church.", "approximately 1,000", 1000, modifier="approximately")
    people = _count("About 800 people live in the community in southeastern B.C.", "About 800", 800, counted="people",
                    modifier="about")
    assert population and people and population.head == people.head == "population" and _comparable(population, people)
    assert _count("The community, with 1,000, follows the practices of the church.", "1,000", 1000) is None


def test_a_magnitude_dated_to_another_month_or_year_is_another_quakes() -> None:
    """ECB+ 20ecbplus (BLIND8): this week's 5.9 / 6.1 is not disputed against "A 6.4-magnitude quake hit
    the town of Zarand ... in February" (another quake); two dated ones may be one earlier quake."""
    from newsbrief.numbers import _another_time, _other_quake

    zarand = "A 6.4-magnitude quake hit the town of Zarand in Iran's Kerman province in February, killing hundreds of people."
    qeshm = "The 5.9-magnitude quake struck Qeshm island, home to 120,000 people, and the city of Bandar Abbas, state media said."
    assert _another_time(zarand, "2005-11-28") and not _another_time(qeshm, "2005-11-28")
    assert not _another_time("The quake struck on November 27, 2005, near Qeshm.", "2005-11-28")  # the article's own month
    assert _another_time("In April last year an 8.6-magnitude quake struck 431 kilometres off Banda Aceh.", None)
    a = _count(zarand, "6.4", 6.4, counted="magnitude")
    b = _count(qeshm, "5.9", 5.9, counted="magnitude")
    assert a and b
    a, b = dataclasses.replace(a, background=True), dataclasses.replace(b, background=False)
    assert _other_quake(a, b) and not _other_quake(a, dataclasses.replace(b, background=True))


# --- session 13, recall13: populations and distances from a named place ------------------------------


def test_a_population_is_one_measure_however_written_and_an_estimate() -> None:
    """ECB+ 20ecbplus (BLIND8): "Qeshm island, home to 120,000 people", "home to 200,000 people", "with a
    population of 120,000", "The island, which has about 200,000 residents" are Qeshm's population, not
    counts of people among the toll's; 120,000 / 200,000 are compared (up to PLACE_RATIO), and a plain
    population is an estimate ("a city of 160,000 people" / "home to 167,000 people" agree: 37ecb)."""
    from newsbrief.numbers import MAX_COUNT_RATIO

    home = _count("The 6.1-magnitude quake struck Qeshm island, home to 120,000 people, and the city of Bandar Abbas.",
                  "120,000", 120000, counted="people")
    usgs = _count("The quake was centred near Qeshm Island, home to 200,000 people, the U.S. Geological Survey said.",
                  "200,000", 200000, counted="people")
    residents = _count("The island, which has about 200,000 residents, is about 940 miles south of Tehran.",
                       "200,000", 200000, counted="residents", modifier="about")
    of = _count("Qeshm is Iran's largest island in the Persian Gulf, with a population of 120,000.", "120,000", 120000)
    toll = _count("A 6.7-strength quake killed more than 26,000 people in the ancient city of Bam.", "26,000", 26000,
                  counted="people", modifier="more than")
    assert home and usgs and residents and of and toll
    assert {c.head for c in (home, usgs, residents, of)} == {"population"} and toll.head == "people"
    assert _comparable(home, usgs) and _comparable(of, residents) and usgs.total / home.total > MAX_COUNT_RATIO
    city = _count("Two hotels in Manokwari, a city of 160,000 people, collapsed.", "160,000", 160000, counted="people")
    home_to = _count("Residents in Manokwari - home to 167,000 people - remained wary.", "167,000", 167000,
                     counted="people")
    assert city and home_to and city.head == home_to.head == "population" and not _comparable(city, home_to)
    # people something befell are no population, however many
    assert _count("Rescuers evacuated 120,000 people from the island.", "120,000", 120000, counted="people").head == "people"


def test_a_distance_from_a_named_place_is_of_that_place() -> None:
    """ECB+ 38ecbplus (BLIND9) and DUC D0741I (BLIND11): "about 3 miles southwest of Cobb" / "four (and six)
    miles west of Cobb" and "16 miles southeast of Atlanta" / "about 30 miles south of Atlanta" are one
    distance, measured from one place on bearings that share a point, compared up to PLACE_RATIO;
    from two places, or on opposite bearings, two distances."""
    from newsbrief.numbers import _of_other_things, _origin, _other_origins, _same_origin

    assert _origin(" southwest of Cobb, in a seismically active area") == ("cobb", frozenset({"south", "west"}))
    assert _origin(" (700 miles) southeast of Tehran, has a busy port") == ("tehran", frozenset({"south", "east"}))
    assert _origin(" north - northeast of Healdsburg") == ("healdsburg", frozenset({"north", "east"}))
    assert _origin(" northeast of The Geysers, four miles") == ("geysers", frozenset({"north", "east"}))
    assert _origin(" south of the quake.") == ("", frozenset())  # no place named
    usgs = _count("The quake was centered about 3 miles southwest of Cobb, in a seismically active area.",
                  "3 miles", 3, "mi", modifier="about")
    six = _count("The quake was six miles west of Cobb and seven miles from Anderson Springs.", "six miles", 6, "mi")
    east = _count("A quake struck two miles east of Cobb.", "two miles", 2, "mi")
    springs = _count("The quake began seven miles west of Anderson Springs.", "seven miles", 7, "mi")
    ap = _count("Their bodies were found in Stockbridge, 16 miles southeast of Atlanta.", "16 miles", 16, "mi")
    nyt = _count("The letter was found in Stockbridge, about 30 miles south of Atlanta.", "30 miles", 30, "mi",
                 modifier="about")
    assert usgs and six and east and springs and ap and nyt
    assert _same_origin(usgs, six) and _comparable(usgs, six)  # 2.0 apart, within PLACE_RATIO
    assert _same_origin(ap, nyt) and _comparable(ap, nyt)
    assert _other_origins(six, springs) and _other_origins(usgs, east)  # two places; east against southwest
    # beyond MAX_COUNT_RATIO only when both place the same thing, or neither names one (38ecb: Cobb's
    # distance from The Geysers is not the aftershock's "two miles east of The Geysers")
    cobb = _count("Cobb, a small community in Lake County, 4 miles east of The Geysers.", "4 miles", 4, "mi")
    aftershock = _count("It was followed by a 2.0 quake two miles east of The Geysers.", "two miles", 2, "mi")
    assert cobb and aftershock and _same_origin(cobb, aftershock) and _comparable(cobb, aftershock)
    assert not _comparable(dataclasses.replace(cobb, subject="Lake County"), aftershock)
    assert _comparable(dataclasses.replace(ap, subject="Stockbridge"), dataclasses.replace(nyt, subject="Stockbridge"))
    crowded = _of_other_things(None, [], usgs, six, crowded=True)  # type: ignore[arg-type]
    assert not crowded  # a story giving many distances still compares two from one place
    # numbers with no named place keep MAX_COUNT_RATIO
    far = _count("The quake struck six miles away.", "six miles", 6, "mi")
    near = _count("The quake struck about 3 miles away.", "3 miles", 3, "mi", modifier="about")
    assert far and near and not _comparable(far, near)


def test_a_number_before_a_dash_written_as_a_hyphen_is_read() -> None:
    """ECB+ 33ecbplus (the 60): "Zurana Horton-who was a mother of 12-another mom and ..." (the page's " - "
    joined) is a mother of 12, not a compound; "a 15-nation union" still is."""
    dash = _count("In addition to Zurana Horton-who was a mother of 12-another mom and a girl were wounded.", "12", 12)
    assert dash and dash.head == "children" and dash.total == 12
    assert _count("Britain presides over the 15-nation European Union.", "15", 15, counted="nation") is None


def test_two_distances_in_plain_miles_are_read_in_one_mile() -> None:
    """ECB+ 38ecbplus (BLIND9): "about 20 miles north of Santa Rosa" / "about 26 miles north of Santa Rosa"
    disagree; plain miles may each be nautical at sea, but not one outlet's only."""
    a = _count("The temblor was centered in Geyserville, about 20 miles north of Santa Rosa.", "20 miles", 20, "mi",
               modifier="about")
    b = _count("The temblor struck about 26 miles north of Santa Rosa in the Geysers area.", "26 miles", 26, "mi",
               modifier="about")
    nautical = _count("The ship was attacked 21 nautical miles north of Socotra.", "21 nautical miles", 21, "mi")
    assert a and b and nautical and a.plain_miles and b.plain_miles and not nautical.plain_miles
    assert _comparable(a, b)
    # against nautical miles a plain figure keeps both readings: "about 20 miles" may be 21 nautical
    assert not _comparable(a, nautical)
