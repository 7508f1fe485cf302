"""The version a fact shows is one its credited outlets all state: a part of the chosen version
that the others contain better is shown instead (no outlet credited with a clause it left out)."""

from __future__ import annotations

import numpy as np

from newsbrief.models import Claim
from newsbrief.propositions import entailed_version, propositions, same_proposition


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
