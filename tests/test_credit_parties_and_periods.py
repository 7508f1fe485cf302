"""An outlet is credited with a fact only when its version states all of it: every party to a
joint act, the durations the fact gives (in figures or in words), and not a period of someone's
career in place of one day's event.  Texts are from the claims benchmark (issue 8)."""

from __future__ import annotations

from newsbrief.analyse.clauses import sentence_predicates
from newsbrief.analyse.nlp import parse
from newsbrief.models import Claim, Predicate
from newsbrief.propositions import (
    coordinated_subjects,
    durations,
    key_numbers,
    names_every_party,
    same_proposition,
    same_time_frame,
    states_specifics,
)


def _verbs(text: str) -> tuple[Predicate, ...]:
    """What the sentences analyser stores for ``text``: its parsed verbs."""
    return sentence_predicates(parse(text))


def _claim(article_id: str, text: str, numbers: tuple[float, ...] = (), dates: tuple[str, ...] = ()) -> Claim:
    return Claim(article_id, article_id.upper(), 0, len(text), text, (), numbers, dates)


JOINT = ("Senate Majority Leader Mitch McConnell (R-Ky.) and Sen. Tim Kaine (D-Va.) introduced new legislation on "
         "Monday that would raise the legal age to purchase tobacco products nationwide to 21.")
ALONE = ("Senate Majority Leader Mitch McConnell, R-Ky., introduced bipartisan legislation on Monday to raise the "
         "federal minimum age to purchase tobacco from 18 to 21.")


def test_a_joint_act_is_not_credited_to_a_version_naming_one_of_its_parties() -> None:
    joint_verbs, alone_verbs = _verbs(JOINT), _verbs(ALONE)
    assert coordinated_subjects(joint_verbs) == ("McConnell", "Kaine")
    joint = _claim("b", JOINT, numbers=(21.0,), dates=("2019-05-20",))
    alone = _claim("a", ALONE, numbers=(21.0,), dates=("2019-05-20",))
    assert not names_every_party(joint_verbs, ALONE)
    assert not same_proposition(joint, alone, 0.9, None, (joint_verbs, alone_verbs))
    # directional: the version naming both states what the one naming McConnell alone says
    assert same_proposition(alone, joint, 0.9, None, (alone_verbs, joint_verbs))
    both = "McConnell and Kaine, a Virginia Democrat, unveiled the bill raising the tobacco age to 21 on Monday."
    assert names_every_party(joint_verbs, both)


def test_only_people_joined_as_one_subject_are_parties() -> None:
    # an apposition list is no joint subject; places and bodies have aliases ("Pyongyang")
    assert coordinated_subjects(_verbs("Within minutes of receiving a distress call from an Ethiopian vessel, MV Gibe, "
                                       "INS Mysore, a Delhi-class destroyer, launched an armed helicopter.")) == ()
    assert coordinated_subjects(_verbs("Russia and North Korea signed a mutual defence pact in June.")) == ()
    assert coordinated_subjects(_verbs("Putin met Kim Jong Un and Xi Jinping in Beijing.")) == ()  # objects, not subjects
    # no joint subject: no test
    assert names_every_party(_verbs("Cheeks was fired on Saturday."), "The 76ers fired Cheeks.")


def test_durations_in_words_are_figures_a_version_must_state() -> None:
    suspended = _claim("a", "YouTube suspended Republican Senator Rand Paul for seven days on Tuesday night for "
                            "posting a video disputing whether masks stop the spread of COVID.")
    assert durations(suspended.text) == [(7.0, 7.0)]
    assert key_numbers(suspended) == (7.0,)
    week = _claim("b", "Sen. Rand Paul (R-Ky.) has been suspended from YouTube for a week over a video claiming "
                       "that masks are ineffective against COVID-19.")
    assert states_specifics(suspended, week)  # seven days are a week
    removed = _claim("c", "YouTube on Tuesday removed a video by Senator Rand Paul of Kentucky for the second time.")
    assert not states_specifics(suspended, removed)
    separation = _claim("d", "Gingrich relies on a financial agreement he and his wife worked out during a six-year "
                             "separation that ended in 1987.")
    assert not states_specifics(separation, _claim("e", "Newt Gingrich has filed for divorce from his wife."))


FIRED = "On Saturday, Cheeks was fired as head coach of the Philadelphia 76ers."
FIXTURE = ("A Philadelphia fixture who spent his first 11 seasons as a player with the 76ers and had his number-10 "
           "jersey retired by the club, Cheeks is 122-147 in three-plus seasons as head coach in the City of "
           "Brotherly Love.")


def test_one_days_event_is_not_stated_by_a_period_of_the_same_persons_career() -> None:
    fired = _claim("a", FIRED, dates=("2008-12-13",))
    fixture = _claim("b", FIXTURE, numbers=(11.0, 122.0, 3.0))
    assert not same_time_frame(fired, fixture)
    assert not same_time_frame(fixture, fired)  # either way round
    assert not same_proposition(fired, fixture, 0.9)
    coach = _claim("c", "DiLeo will coach the Sixers in Saturday's game at Washington and is expected to remain "
                        "coach for the rest of the season.")
    for background in ("Prior to that, DiLeo spent four seasons as the Sixers Director of Player Personnel and has "
                       "served as an Assistant Coach under Larry Brown.",
                       "DiLeo has a good reputation as a coach, spending time over the last two decades on the "
                       "Sixers' bench as an assistant and in Europe as a head coach."):
        assert not same_time_frame(coach, _claim("d", background))
    # the same day's event told with a period in it is still that event, and "ago" is a point in time
    assert same_time_frame(fired, _claim("e", "Cheeks, in his fourth season, was fired Saturday.", dates=("2008-12-13",)))
    ordered = _claim("f", "The Department of Justice ordered the Treasury Department to turn over former President "
                          "Trump's tax returns to the House Ways and Means Committee Friday.", dates=("2021-07-30",))
    told = _claim("g", "The Justice Department told the Treasury Department that it must turn over Donald Trump's tax "
                       "returns to the House Ways and Means Committee, which first requested them more than two "
                       "years ago.")
    assert same_time_frame(ordered, told)
    # two periods of one career, of different lengths, are two facts; the same length may be one
    director = _claim("j", "Prior to that, DiLeo spent four seasons as the Sixers Director of Player Personnel.")
    reputation = _claim("k", "DiLeo has a good reputation as a coach, spending time over the last two decades on the "
                             "Sixers' bench as an assistant and in Europe as a head coach.")
    assert not same_time_frame(director, reputation)
    assert not same_proposition(reputation, director, 0.85)
    assert same_time_frame(_claim("l", "DiLeo has spent 19 seasons with the 76ers."),
                           _claim("m", "DiLeo has worked for the Sixers for 19 years."))
    # an age is no period: "filed July 29 amid allegations of an affair with a 33-year-old aide"
    affair = _claim("h", "Gingrich filed for divorce amid allegations he is having an affair with 33-year-old "
                         "congressional aide Callista Bisek.")
    assert same_time_frame(_claim("i", "Gingrich filed for divorce on Thursday.", dates=("1999-07-29",)), affair)
    assert same_proposition(ordered, told, 0.84)
