"""The version a fact shows is one its credited outlets all state: a part of the chosen version
that the others contain better is shown instead (no outlet credited with a clause it left out)."""

from __future__ import annotations

import numpy as np

from newsbrief.analyse.clauses import sentence_predicates
from newsbrief.analyse.nlp import parse
from newsbrief.facts import joined_sentences
from newsbrief.models import Claim, Predicate
from newsbrief.propositions import (
    case_steps,
    entailed_version,
    propositions,
    same_case_step,
    same_proposition,
)


def _claim(article_id: str, text: str, numbers: tuple[float, ...] = ()) -> Claim:
    return Claim(article_id, article_id.upper(), 0, len(text), text, (), numbers, ())


BATTLE = _claim("a", "Last month, the navy said it had sunk a pirate mother vessel off Somalia in a battle that erupted "
                     "after the Indian ship INS Tabar came under attack from gunmen on board the boat.")
SUNK = _claim("b", "Last month, the Indian navy said it had sunk a pirate mother vessel off Somalia.")
WATCHDOG = _claim("c", "The Indian navy said last month it had sunk a pirate mother vessel, though a watchdog said it was a trawler.")


def _vectors(sims: list[list[float]]) -> np.ndarray:
    """Unit vectors with the given pairwise cosines (a Cholesky factor of the Gram matrix)."""
    return np.linalg.cholesky(np.array(sims))


def test_a_part_of_the_chosen_version_that_the_others_state_is_shown_instead() -> None:
    claims = [BATTLE, SUNK, WATCHDOG]
    vectors = _vectors([[1.0, 0.85, 0.82], [0.85, 1.0, 0.86], [0.82, 0.86, 1.0]])
    assert entailed_version(0, [0, 1, 2], claims, vectors) == 1
    # every version credited for the battle version states the part: the credits hold
    assert same_proposition(SUNK, BATTLE, 0.85) and same_proposition(SUNK, WATCHDOG, 0.86)
    # the split keeps the same versions together and shows the part
    (rep, group), = propositions([0, 1, 2], claims, vectors)
    assert rep == 1 and sorted(group) == [0, 1, 2]


def test_a_version_with_details_of_its_own_is_not_shown_in_place_of_the_chosen_one() -> None:
    died = _claim("a", "Justice Ruth Bader Ginsburg died Friday of complications of metastatic pancreatic cancer, the court said.")
    home = _claim("b", "Justice Ruth Bader Ginsburg died Friday at her home in Washington, surrounded by her family.")
    both = _claim("c", "Justice Ruth Bader Ginsburg died Friday at her home in Washington, surrounded by her family, "
                       "of complications of pancreatic cancer.")
    vectors = _vectors([[1.0, 0.85, 0.9], [0.85, 1.0, 0.9], [0.9, 0.9, 1.0]])
    # the others contain "died at her home" better, but the chosen version does not say it:
    # an outlet credited for the cause of death is not credited with the place
    assert same_proposition(home, died, 0.85)
    assert entailed_version(0, [0, 1, 2], [died, home, both], vectors) == 0


def test_the_chosen_version_stays_when_no_part_is_contained_clearly_better() -> None:
    fired = _claim("a", "The 76ers fired coach Maurice Cheeks on Saturday.")
    also = _claim("b", "The 76ers fired Maurice Cheeks as coach on Saturday.")
    again = _claim("c", "On Saturday the 76ers fired coach Maurice Cheeks.")
    vectors = _vectors([[1.0, 0.95, 0.95], [0.95, 1.0, 0.95], [0.95, 0.95, 1.0]])
    assert entailed_version(0, [0, 1, 2], [fired, also, again], vectors) == 0


def _parsed(article_id: str, text: str) -> tuple[Claim, tuple[Predicate, ...]]:
    return _claim(article_id, text), sentence_predicates(parse(text))


def test_two_steps_of_a_criminal_case_are_two_facts() -> None:
    # ECB+ 18ecbplus (BLIND8): the charge of 2007 and the verdict of 2008, same man, same crime
    charged, p_charged = _parsed("a", "LaCalamita is charged with first-degree murder in the death of Kafoury, 63, of Warren.")
    guilty, p_guilty = _parsed("b", "Anthony LaCalamita III was found guilty of first-degree murder in the shotgun "
                                    "slaying of 63-year-old Madeline Kafoury.")
    assert case_steps(p_charged, charged.text) == {"charge"} and case_steps(p_guilty, guilty.text) == {"verdict"}
    assert not same_case_step(p_charged, charged.text, p_guilty, guilty.text)
    assert not same_proposition(charged, guilty, 0.9, predicates=(p_charged, p_guilty))
    # ECB+ 32ecbplus (BLIND9): due in court / charged
    due, p_due = _parsed("c", "John Jenkin is due in court over the murders of Alice McMeekin, 58, and Kathryn Jenkin, 20.")
    assert case_steps(p_due, due.text) == {"court"}
    assert not same_case_step(p_due, due.text, p_charged, charged.text)
    # one step told in other words, or with another step beside it, is the same step
    jury, p_jury = _parsed("d", "A Texas jury convicted polygamist sect leader Warren Jeffs of child sexual assault Thursday.")
    found, p_found = _parsed("e", "A San Antonio jury has found polygamist leader Warren Jeffs guilty on both sexual "
                                  "assault charges on Thursday.")
    assert same_case_step(p_jury, jury.text, p_found, found.text)
    both, p_both = _parsed("f", "Gomes was arrested and charged with murder on Tuesday.")
    assert same_case_step(p_both, both.text, p_charged, charged.text)
    # a step named by its noun beside another's verb is the same step (NeuS 266, --final)
    girls, p_girls = _parsed("h", "Two teenage girls have been charged in the carjacking death of an Uber Eats driver "
                                  "this week in Washington, DC, police say.")
    arrested, p_arrested = _parsed("i", "Police in Washington, D.C., say two teenage girls have been arrested on charges "
                                        "of felony murder and armed carjacking.")
    assert same_case_step(p_girls, girls.text, p_arrested, arrested.text)
    # a version telling no step is no test ("on probation for a previous DUI arrest")
    probation, p_probation = _parsed("g", "Jackson was on probation for a previous DUI arrest, he said.")
    assert case_steps(p_probation, probation.text) == set()


def test_a_sentence_cut_inside_a_number_is_read_whole() -> None:
    text = ("The new MacBook Pro features Intel Ivy Bridge chips, running at up to a 2. 7GHz; up to 16GB of RAM and "
            "768GB of flash storage. It ships today. Prices rose to 5. 4G phones sold well.")  # "4G" is no unit
    cut = text.index("7GHz")
    ships = text.index("It ships")
    rose = text.index("Prices")
    phones = text.index("4G")
    spans = [(0, cut - 1), (cut, ships - 1), (ships, rose - 1), (rose, phones - 1), (phones, len(text))]
    assert joined_sentences(text, spans) == [(0, ships - 1), (ships, rose - 1), (rose, phones - 1), (phones, len(text))]
