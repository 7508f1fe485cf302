"""The number disputes' confidence: the features of a pair of conflicting numbers and the
logistic model over them (newsbrief.numbers.pair_features, COUNT_MODEL)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest
from tests.test_match import make_analysis, make_article

from newsbrief import numbers
from newsbrief.disagree import show_threshold
from newsbrief.match import match_articles
from newsbrief.models import Claim, Entity, Predicate, Quantity

_PAIR_FEATURES = numbers.pair_features


def _claim(text: str) -> Claim:
    return Claim("a", "A", 0, len(text), text)


def _verb(text: str, word: str, lemma: str, subjects: tuple[str, ...] = (), objects: tuple[str, ...] = ()) -> Predicate:
    start = text.index(word)
    return Predicate(start, start + len(word), lemma, subjects=subjects, objects=objects)


def test_the_governing_verb_is_the_one_whose_subject_or_object_is_the_counted_noun() -> None:
    text = "Officials said the quake killed 12 people and destroyed 300 houses."
    claim = _claim(text)
    verbs = [_verb(text, "said", "say", ("officials",)), _verb(text, "killed", "kill", ("quake",), ("people",)),
             _verb(text, "destroyed", "destroy", ("quake",), ("houses",))]
    people = numbers._count_of(text, Quantity("a", 32, 34, "12", 12.0, counted="people"), 0)
    houses = numbers._count_of(text, Quantity("a", 56, 59, "300", 300.0, counted="houses"), 0)
    assert people and houses
    assert numbers._governing(verbs, claim, people.quantity, people) == ("kill", frozenset({"quake"}))
    assert numbers._governing(verbs, claim, houses.quantity, houses) == ("destroy", frozenset({"quake"}))
    # with no parse of the sentence, no verb is made up; a reporting verb alone governs nothing
    assert numbers._governing([], claim, people.quantity, people) == ("", frozenset())
    assert numbers._governing(verbs[:1], claim, people.quantity, people) == ("", frozenset())


def test_the_confidence_is_a_probability_rising_with_the_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    weak, strong = {"evidence": 0.4, "values": math.log(2)}, {"evidence": 0.9, "values": math.log(2)}
    assert 0 < numbers._count_confidence(weak) < numbers._count_confidence(strong) < 1
    # the show bar of session 8's fit (16.31, -8.76): evidence 0.589 is a probability of 0.7
    assert numbers._count_confidence({"evidence": 0.589}) == pytest.approx(numbers.COUNT_SHOW, abs=0.01)
    # a refit weighing more features reads them from the same dict: a story giving the measure
    # six values makes a pair less likely one thing than one giving it two
    monkeypatch.setattr(numbers, "COUNT_MODEL", {**numbers.COUNT_MODEL, "values": -1.2})
    assert numbers._count_confidence({**strong, "values": math.log(6)}) < numbers._count_confidence(strong)


def _article(key: str, text: str) -> Any:
    return dataclasses.replace(make_article(key, text, key.upper()), published="2012-07-03")


def _scored(texts: dict[str, str], counted: str, verbs: dict[str, tuple[str, str, tuple[str, ...]]],
            monkeypatch: pytest.MonkeyPatch) -> list[tuple[dict[str, float], float]]:
    """(features, confidence) of every conflicting pair the brief scores among ``texts``."""
    import re

    articles = [_article(k, t) for k, t in texts.items()]
    analyses = []
    for article in articles:
        number = re.search(r"\b\d\d?\b", article.text)  # the count, not a year
        assert number
        analysis = make_analysis(article, [("Aceh", "GPE")], counts=[(number.group(), float(number.group()), counted)])
        word, lemma, subjects = verbs[article.id]
        analysis.sentences = [dataclasses.replace(s, predicates=(
            Predicate(article.text.index(word), article.text.index(word) + len(word), lemma, subjects=subjects,
                      objects=(counted,)),)) for s in analysis.sentences]
        analyses.append(analysis)
    scored: list[tuple[dict[str, float], float]] = []
    features_of = _PAIR_FEATURES

    def recording(context: Any, counts: Any, a: Any, b: Any, similarity: float, story: int = 0) -> dict[str, float]:
        features = features_of(context, counts, a, b, similarity, story)
        if a.total != b.total:
            scored.append((features, numbers._count_confidence(features)))
        return features

    monkeypatch.setattr(numbers, "pair_features", recording)
    match_articles(articles, analyses)
    return scored


@pytest.mark.slow
def test_numbers_about_another_doer_and_year_are_less_sure_than_one_claim_with_two_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """ECB+ 37: "the 2004 tsunami killed ..." beside "the quake killed ...": two events."""
    one_claim = _scored({"a": "The quake killed 12 people in Aceh on Monday, officials said.",
                         "b": "The quake killed 15 people in Aceh on Monday, officials said."},
                        "people", {"a": ("killed", "kill", ("quake",)), "b": ("killed", "kill", ("quake",))}, monkeypatch)
    two_events = _scored({"a": "The quake killed 12 people in Aceh on Monday, officials said.",
                          "c": "The 2004 tsunami killed 15 people in Aceh, officials said."},
                         "people", {"a": ("killed", "kill", ("quake",)), "c": ("killed", "kill", ("tsunami",))}, monkeypatch)
    assert len(one_claim) == len(two_events) == 1
    (same, sure), (other, unsure) = one_claim[0], two_events[0]
    assert same["same_doer"] == 1 and same["same_verb"] == 1 and same["other_years"] == 0
    assert other["other_doer"] == 1 and other["other_years"] == 1
    assert sure >= show_threshold("count_mismatch") and sure > unsure
    assert same["evidence"] > other["evidence"]


@pytest.mark.slow
def test_a_pair_knows_how_many_conflicting_numbers_its_story_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Session 10: the story's size (its conflicting pairs of two outlets, its counts) is a
    feature of each pair: long stories give many numbers of many things."""
    kill = ("killed", "kill", ("quake",))
    two = _scored({"a": "The quake killed 12 people in Aceh on Monday, officials said.",
                   "b": "The quake killed 14 people in Aceh on Monday, officials said."}, "people", {"a": kill, "b": kill}, monkeypatch)
    three = _scored({"a": "The quake killed 12 people in Aceh on Monday, officials said.",
                     "b": "The quake killed 14 people in Aceh on Monday, officials said.",
                     "c": "The quake killed 16 people in Aceh on Monday, officials said."},
                    "people", {"a": kill, "b": kill, "c": kill}, monkeypatch)
    assert len(two) == 1 and len(three) == 3
    assert two[0][0]["story_pairs"] == pytest.approx(math.log1p(1))
    assert two[0][0]["story_counts"] == two[0][0]["measure_counts"] == pytest.approx(math.log(2))
    assert {round(f["story_pairs"], 6) for f, _ in three} == {round(math.log1p(3), 6)}
    assert all(f["story_counts"] == pytest.approx(math.log(3)) for f, _ in three)
    # a feature the shipped model does not weigh leaves the confidence as it was
    assert two[0][1] == numbers._count_confidence({"evidence": two[0][0]["evidence"]})


def test_a_whole_count_is_no_version_of_a_fraction_said_of_the_same_noun() -> None:
    from newsbrief.numbers import _comparable, _Count

    def count(total: float) -> _Count:
        return _Count(claim=0, quantity=None, head="aftershock", total=total, low=total, high=total, context="")

    assert _comparable(count(2), count(3))  # "two aftershocks" vs "three aftershocks"
    assert not _comparable(count(2), count(2.9))  # "two aftershocks" vs "a 2.9 aftershock": a magnitude
    assert _comparable(count(2.9), count(3.4))  # two magnitudes of one aftershock


def _candidates(texts: dict[str, tuple[str, float, str, str, tuple[str, ...]]], names: list[tuple[str, str]],
                monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, float]]:
    """The conflicting pairs of values the brief scores among ``texts`` (article -> (text, number,
    value, verb, its subjects)), the sentences naming ``names`` where they occur."""
    articles = [_article(k, t) for k, (t, *_) in texts.items()]
    analyses = []
    for article in articles:
        _, number, value, verb, subjects = texts[article.id]
        analysis = make_analysis(article, [(n, label) for n, label in names if n in article.text],
                                 counts=[(number, value, "nuclear devices")])
        analysis.sentences = [dataclasses.replace(s, predicates=(
            _verb(article.text, verb, verb, subjects, ("devices",)),)) for s in analysis.sentences]
        analyses.append(analysis)
    scored: list[tuple[float, float]] = []
    features_of = _PAIR_FEATURES

    def recording(context: Any, counts: Any, a: Any, b: Any, similarity: float, story: int = 0) -> dict[str, float]:
        if a.total != b.total:
            scored.append((a.total, b.total))
        return features_of(context, counts, a, b, similarity, story)

    monkeypatch.setattr(numbers, "pair_features", recording)
    match_articles(articles, analyses)
    return scored


@pytest.mark.slow
def test_numbers_done_by_two_named_doers_are_not_versions_of_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """BLIND11 D0713C: India's five devices (Xinhua) are not Pakistan's six (AP); two outlets'
    counts done by one named doer are compared, and a pronoun names no one."""
    names = [("India", "GPE"), ("Pakistan", "GPE")]
    india = ("India set off five underground nuclear devices two weeks ago, igniting global anger.", "five", 5.0,
             "set", ("India",))
    pakistan = ("Pakistan exploded six nuclear devices after the tests, igniting global anger.", "six", 6.0,
                "exploded", ("Pakistan",))
    also_pakistan = ("Pakistan set off five underground nuclear devices after the tests, igniting global anger.", "five",
                     5.0, "set", ("Pakistan",))
    they = ("They set off five underground nuclear devices after the tests, igniting global anger.", "five", 5.0, "set",
            ("They",))
    assert _candidates({"a": india, "b": pakistan}, names, monkeypatch) == []
    assert len(_candidates({"a": also_pakistan, "b": pakistan}, names, monkeypatch)) == 1
    assert len(_candidates({"a": they, "b": pakistan}, names, monkeypatch)) == 1


def test_points_of_a_game_with_another_score_are_of_another_game() -> None:
    """BLIND9 31ecb: a round-up's "24 points ... a 108-70 rout" is another night than "20 points
    ... beat visiting Evansville, 91-73"; one score written two ways is one game, and a sentence
    with no score says nothing of which game."""
    def points(text: str, number: str) -> Any:
        start = text.index(number)
        count = numbers._count_of(text, Quantity("a", start, start + len(number), number, float(number),
                                                 counted="points"), 0)
        assert count is not None
        return count

    tonight = points("Hansbrough scored 20 points Thursday night, breaking North Carolina's career scoring record, and the "
                     "Tar Heels beat visiting Evansville, 91-73.", "20")
    roundup = points("Tyler Hansbrough had 24 points and seven rebounds in a balanced attack, and the third-ranked North "
                     "Carolina Tar Heels bounced back from their first loss with a 108-70 rout of Charleston.", "24")
    spaced = points("Hansbrough had 24 points as the Tar Heels beat Evansville 91 - 73.", "24")
    unscored = points("Hansbrough finished the game with 20 points and nine rebounds.", "20")
    assert tonight.scores == frozenset({"73-91"}) and roundup.scores == frozenset({"70-108"})
    assert numbers._other_games(tonight, roundup) and numbers._other_games(roundup, spaced)
    assert not numbers._other_games(tonight, spaced) and not numbers._other_games(unscored, roundup)
    # a range of days is no score
    assert numbers._scores("India set off the devices on May 11-13, 1998.") == frozenset()


def test_a_number_after_its_article_told_of_another_game_is_of_that_game() -> None:
    """BLIND9 31ecb: a round-up's "Danny Green scored 14 points, while Ty Lawson posted 15" follows
    its "108-70 rout" of Charleston; a report's "Hansbrough finished with 20 points" follows its
    "beat visiting Evansville, 91-73": two games, though neither sentence gives a score.  A report
    that has told of no game by then, or of the same one, is compared."""
    def points(text: str, number: str) -> Any:
        start = text.rindex(number)
        count = numbers._count_of(text, Quantity("a", start, start + len(number), number, float(number),
                                                 counted="points"), 0)
        assert count is not None
        return count

    roundup = points("North Carolina bounced back with a 108-70 rout of the College of Charleston.\n\n"
                     "Ty Lawson posted 15 points and eight assists in the win.", "15")
    report = points("The Tar Heels beat visiting Evansville, 91-73, on Thursday.\n\n"
                    "Ty Lawson chipped in 16 points for the Tar Heels.", "16")
    same_game = points("The Tar Heels beat Evansville 91 - 73.\n\nTy Lawson had 14 points.", "14")
    untold = points("Ty Lawson had 16 points for the Tar Heels.", "16")
    assert roundup.scores == report.scores == frozenset()
    assert roundup.games == frozenset({"70-108"}) and report.games == frozenset({"73-91"})
    assert numbers._other_games(roundup, report)
    assert not numbers._other_games(report, same_game) and not numbers._other_games(untold, roundup)


def test_whose_a_number_is_by_name_a_capitalised_doer_a_pronoun_or_a_possessor() -> None:
    """BLIND8 29ecb and BLIND9 31ecb: the Colts' eight games are not the Jaguars' nine, the Tar
    Heels' 16 turnovers not Davidson's 17, though the recogniser labels neither team."""
    def owners(text: str, number: str, verbs: list[Predicate], doers: frozenset[str],
               entities: tuple[tuple[str, str], ...] = ()) -> frozenset[str]:
        start = text.index(number)
        named = [Entity("a", text.index(n), text.index(n) + len(n), n, label) for n, label in entities]
        return numbers._owners(_claim(text), text, named, verbs, doers, Quantity("a", start, start + len(number), number, 8.0))

    colts = "The Colts had looked like they would suffer their first defeat in eight games."
    verbs = [_verb(colts, "looked", "look", ("Colts",)), _verb(colts, "suffer", "suffer", ("they",), ("defeat",))]
    assert owners(colts, "eight", verbs, frozenset({"they"})) == frozenset({"Colts"})
    jaguars = "The Jaguars (5-10) lost for the seventh time in the past nine games."
    assert owners(jaguars, "nine", [_verb(jaguars, "lost", "lose", ("Jaguars",))], frozenset({"jaguars"}),
                  (("Jaguars", "PERSON"),)) == frozenset({"Jaguars"})
    heels = "The Tar Heels grinded their way through a game with 16 turnovers."
    assert owners(heels, "16", [_verb(heels, "grinded", "grind", ("Heels",))], frozenset({"heels"})) == frozenset({"Heels"})
    davidson = "But the sharpshooter had seven of Davidson's 17 turnovers in the loss."
    assert owners(davidson, "17", [_verb(davidson, "had", "have", ("sharpshooter",))],
                  frozenset({"sharpshooter"})) == frozenset({"Davidson"})
    # a word that opens the sentence, a common noun and an unresolved pronoun name no one
    police = "Police arrested 12 people."
    assert owners(police, "12", [_verb(police, "arrested", "arrest", ("Police",))], frozenset({"police"})) == frozenset()
    they = "They set off five devices."
    assert owners(they, "five", [_verb(they, "set", "set", ("They",))], frozenset({"they"})) == frozenset()


def test_his_cousins_with_him_are_one_more_cousin() -> None:
    """BLIND9 41ecb: "I found my son's body with his two cousins" and "three cousins ... were
    killed" are one group (the son and his two cousins); "his four cousins" against "six cousins",
    or two owners' counts, still differ."""
    def cousins(text: str, number: str, value: float) -> Any:
        start = text.index(number)
        count = numbers._count_of(text, Quantity("a", start, start + len(number), number, value, counted="cousins"), 0)
        assert count is not None
        return count

    his_two = cousins("I found my son's body with his two cousins.", "two", 2.0)
    three = cousins("In an earlier airstrike, three cousins were killed.", "three", 3.0)
    his_four = cousins("I found my son's body with his four cousins.", "four", 4.0)
    six = cousins("In an earlier airstrike, six cousins were killed.", "six", 6.0)
    her_three = cousins("She lost her three cousins.", "three", 3.0)
    assert his_two.besides and her_three.besides and not three.besides
    assert not numbers._comparable(his_two, three) and not numbers._comparable(three, his_two)
    assert numbers._comparable(his_four, six) and numbers._comparable(his_two, her_three)


def test_an_amount_is_not_of_the_games_its_article_told_of() -> None:
    """The 60's 5ecb (judged true): "a five-year deal worth nearly $80 million" / "an $82 million deal"
    are one contract, whatever games their articles told of before."""
    def amount(text: str, number: str, value: float) -> Any:
        start = text.rindex(number)
        count = numbers._count_of(text, Quantity("a", start, start + len(number), number, value, unit="USD"), 0)
        assert count is not None
        return count

    one = amount("The Sixers lost 98-84 to Washington.\n\nThey signed Elton Brand to a deal worth $80 million.",
                 "$80 million", 80e6)
    other = amount("Philadelphia beat Chicago 101-95.\n\nThey had signed Elton Brand to an $82 million deal.",
                   "$82 million", 82e6)
    assert one.games and other.games and not one.games & other.games
    assert not numbers._other_games(one, other)


def test_a_bare_number_a_player_added_counts_what_the_count_before_it_counts() -> None:
    """BLIND9 31ecbplus: "Seth VanDeest led Drake with 13 points, while Richard Carter added 12 for
    the Bulldogs" gives Carter 12 points (the judge: against "Richard Carter scored 14 points", a
    dispute); "finished with 20 points and now has 2,302" gives the 20 points' subject 2,302."""
    def read(text: str, number: str, entities: tuple[tuple[str, str], ...] = ()) -> tuple[str, str] | None:
        start = text.index(number)
        quantity = Quantity("a", start, start + len(number), number, float(number.replace(",", "")))
        count = numbers._count_of(text, quantity, 0, len(text), 0)
        if count is None:
            return None
        named = [Entity("a", text.index(n), text.index(n) + len(n), n, label) for n, label in entities]
        return count.head, numbers._count_subject(text, _claim(text), quantity, count, named)

    carter = "Seth VanDeest led Drake with 13 points, while Richard Carter added 12 for the Bulldogs."
    assert read(carter, "12") == ("point", "Richard Carter")
    career = "Hansbrough finished with 20 points and now has 2,302 for his career."
    assert read(career, "2,302", (("Hansbrough", "PERSON"),)) == ("point", "Hansbrough")
    # no count before it, a count of time before it, or a noun after it: nothing is carried over
    assert read("Hansbrough now has 2,301.", "2,301") is None
    assert read("He played for 13 minutes and had 12.", "12") is None
    assert read("Police said 18 people had been injured in the violence and 12 arrested.", "12") is None


@pytest.mark.slow
def test_a_bare_number_a_player_added_is_his_not_the_sentences_main_doers(monkeypatch: pytest.MonkeyPatch) -> None:
    """BLIND9 31ecbplus: "Richard Carter added 12" in a sentence whose main verb is VanDeest's
    ("Seth VanDeest led Drake with 13 points, while ...") is Carter's count, compared with
    "Richard Carter scored 14 points"; VanDeest's 13 is not."""
    texts = {
        "a": ("Seth VanDeest led Drake with 13 points, while Richard Carter added 12 for the Bulldogs.",
              [("13", 13.0, "points"), ("12", 12.0, None)], ("led", "lead", ("VanDeest",))),
        "b": ("Richard Carter scored 14 points for the Bulldogs in the loss.",
              [("14", 14.0, "points")], ("scored", "score", ("Carter",))),
    }
    names = [("Seth VanDeest", "PERSON"), ("Drake", "ORG"), ("Richard Carter", "PERSON"), ("Bulldogs", "ORG")]
    articles = [_article(k, t) for k, (t, _, _) in texts.items()]
    analyses = []
    for article in articles:
        text, counts, (word, lemma, subjects) = texts[article.id]
        analysis = make_analysis(article, [(n, label) for n, label in names if n in text], counts=counts)  # type: ignore[arg-type]
        analysis.sentences = [dataclasses.replace(s, predicates=(
            _verb(text, word, lemma, subjects, ("points",)),)) for s in analysis.sentences]
        analyses.append(analysis)
    scored: list[tuple[float, float]] = []
    features_of = _PAIR_FEATURES

    def recording(context: Any, counts: Any, a: Any, b: Any, similarity: float, story: int = 0) -> dict[str, float]:
        scored.append((a.total, b.total))
        return features_of(context, counts, a, b, similarity, story)

    monkeypatch.setattr(numbers, "pair_features", recording)
    match_articles(articles, analyses)
    assert {tuple(sorted(pair)) for pair in scored} == {(12.0, 14.0)}


def test_a_tally_before_the_event_is_not_the_total_after_it() -> None:
    """BLIND9 31ecb (judged false): "entered the game with 2,282 points" and "now has 2,302 for his
    career" are the tallies before and after a 20-point game, not two versions of one count."""
    def count(text: str, number: str) -> Any:
        start = text.index(number)
        found = numbers._count_of(text, Quantity("a", start, start + len(number), number,
                                                 float(number.replace(",", "")), counted="points"), 0)
        assert found is not None
        return found
    before = count("Hansbrough entered the game with 2,282 points, eight fewer than Ford's total from 1974-78.", "2,282")
    after = count("Hansbrough finished with 20 points and now has 2,302 for his career.", "2,302")
    assert before.scope == "before" and after.scope != "before"
    assert numbers._other_scope(before, after)
    assert count("He came in needing 11 points to break the record.", "11").scope == "before"
