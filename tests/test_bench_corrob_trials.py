"""The partial-credit trials of bench/corrob_pairs.py (session 10, partial) on judged sentences.

Each trial must refuse the false credit it was written from and, where the same test passes a
judged-true credit of the benchmark, pass it; the figures over every set are in docs/benchmarks.md
("partial10").  The trials were measured and not built into the brief."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from newsbrief.models import Claim, Predicate


def _claim(text: str) -> Claim:
    return Claim(article_id="a", outlet="x", start=0, end=len(text), text=text)


@pytest.fixture(scope="module")
def trials(bench_module: Callable[[str], ModuleType]) -> ModuleType:
    return bench_module("corrob_pairs")


def test_a_conjunct_left_out(trials: ModuleType) -> None:
    # ecb:38ecbplus:s9-003, judged partial: the damage is not stated
    assert trials.conjunct_left_out(_claim("There are no reports of injuries or major damage."),
                                    _claim("No reports of injuries have yet to be indicated by local news."), (), (), 0.8)
    # ecb:38ecbplus:s9-004, judged partial: the injuries are not stated (either conjunct counts)
    assert trials.conjunct_left_out(_claim("There are no reports of injuries or major damage."),
                                    _claim("There were no immediate reports of damage, the newspaper said."), (), (), 0.8)
    # both stated: no refusal
    assert not trials.conjunct_left_out(_claim("There are no reports of injuries or major damage."),
                                        _claim("No injuries or serious damage were reported."), (), (), 0.8)


def test_a_second_noun_conjunct_left_out(trials: ModuleType) -> None:
    # ecb:16ecbplus:s8-014, judged partial: wife and mother left out
    assert trials.second_conjunct_left_out(_claim("He is survived by his wife, two sons, and mother."),
                                           _claim("He is also survived by two sons, ages 6 and 16."), (), (), 0.8)
    # the first conjunct missing is not this trial's case
    assert not trials.second_conjunct_left_out(_claim("There are no reports of injuries or major damage."),
                                               _claim("There were no immediate reports of damage."), (), (), 0.8)


def test_a_number_left_out(trials: ModuleType) -> None:
    # ecb:40ecb:s9-003, judged partial: the price is left out
    shown = _claim("Apple will start shipping the new 17-inch MacBook Pro at the end of the month for $2,799.")
    assert trials.number_left_out(shown, _claim("The new 17'' MacBook Pro will be shipping at the end of this month."),
                                  (), (), 0.8)
    assert not trials.number_left_out(shown, _claim("The 17-inch MacBook Pro ships at month's end for $2,799."), (), (), 0.8)


def test_a_name_left_out(trials: ModuleType) -> None:
    # ecb:43ecbplus:s9-047, judged partial: Xeon left out
    assert trials.name_left_out(_claim("To date, SeaMicro servers have been using Intel's Atom and Xeon processors."),
                                _claim("SeaMicro's early systems featured up to 768 Intel Atom cores in a 10U server."),
                                (), (), 0.8)


def test_an_act_left_out(trials: ModuleType) -> None:
    # ecb:32ecb:s9-001, judged partial: the barricading is not stated (verbs as the stored parse gives them)
    text = ("Gomes was arrested on Tuesday after investigators said they found him barricaded in a room in "
            "Mendes's apartment on Philip Street with her 12-year-old daughter.")
    shown = _claim(text)

    def verb(word: str, lemma: str, main: bool, objects: tuple[str, ...] = ()) -> Predicate:
        start = text.index(word)
        return Predicate(start=start, end=start + len(word), lemma=lemma, main=main, objects=objects)

    parse = (verb("arrested", "arrest", True, ("Gomes",)), verb("found", "find", False, ("him",)),
             verb("barricaded", "barricade", False))
    other = _claim("Gomes was arrested at a Philip Street apartment yesterday where Mendes lives, Miliote said.")
    assert trials.clause_left_out(shown, other, parse, (), 0.8)
    # the other states each act
    assert not trials.clause_left_out(
        shown, _claim("Gomes was arrested after police found him barricaded in the apartment."), parse, (), 0.8)


# --- the trials that read the story around a credit (session 11, piles11) ---------------------


def _credit(shown: str, other: str, sim: float, **extra: object) -> dict[str, object]:
    return {"shown": _claim(shown), "other": _claim(other), "ps": (), "po": (), "sim": sim, "published": {},
            "spread": {}, "rivals": ([], []), **extra}


def test_topic_words_left_out(trials: ModuleType) -> None:
    # duc:D0728G:s10-110, judged different_fact: "interferon" and "treatment" are the pile's topic
    shown, other = "For the time being interferon is the only treatment.", "This is 10 times higher than treatment with interferon alone."
    topic = {"spread": {"interferon": (0.9, 0.3), "treatment": (0.8, 0.2), "time": (0.2, 0.01)}}
    assert trials.topic_words_left_out(_credit(shown, other, 0.79, **topic))
    assert not trials.topic_words_left_out(_credit(shown, other, 0.79))  # no topic words: the word test passes
    assert not trials.topic_words_left_out(_credit(shown, other, 0.85, **topic))  # a close paraphrase needs no words


def test_a_rival_sentence(trials: ModuleType) -> None:
    shown, other = "Most patients treated with interferon eventually relapse.", "The remaining 30 percent respond and then relapse."
    # another claim of each article about as close to the other version as the credited one
    assert trials.a_rival_sentence(_credit(shown, other, 0.71, rivals=([(0.70, 0.5)], [(0.68, 0.4)])))
    assert not trials.a_rival_sentence(_credit(shown, other, 0.71, rivals=([(0.70, 0.5)], [(0.40, 0.4)])))  # one article only
    assert not trials.a_rival_sentence(_credit(shown, other, 0.71))  # no other claims


def test_a_statement_far_apart(trials: ModuleType) -> None:
    # duc:D0730G:s11-298, judged different_fact: April 1997 and June 1998, two rulings
    said = (Predicate(0, 4, "say", main=True, subjects=("Clinton",)),)
    first, later = 'Clinton said that he was "disappointed."', 'Clinton issued a statement saying he was "deeply disappointed".'
    shown, other = Claim("a", "x", 0, len(first), first), Claim("b", "y", 0, len(later), later)
    apart = {"a": "1997-04-12", "b": "1998-06-25"}
    assert trials.a_statement_far_apart(shown, other, said, said, 0.7, apart)
    assert not trials.a_statement_far_apart(shown, other, said, said, 0.7, {"a": "1998-06-20", "b": "1998-06-25"})
    assert not trials.a_statement_far_apart(shown, other, said, (), 0.7, apart)  # one reports no statement


def test_the_text_rules_are_counted_per_judged_set(bench_module: Callable[[str], ModuleType]) -> None:
    # bench/corrob_rules.py (corrob13): each judged credit is placed in its set, the 60 when no other
    rules = bench_module("corrob_rules")
    assert rules.set_of({"dataset": "ecb", "cluster": "25ecb"}) == "blind8"
    assert rules.set_of({"dataset": "neus", "cluster": "292"}) == "final"
    assert rules.set_of({"dataset": "ecb", "cluster": "5ecb"}) == "the 60"
    assert rules.RULES["one of several, either way (one_of_many)"](
        "Biden will sign an executive order on Monday.", "Biden will sign two more executive orders on Monday.")
