"""Denials that earn their badge (newsbrief.denials): the asserted side must assert the denied
act, of the same doer, not a noun it shares with the denial.  The sentences are from the
claims benchmark's BLIND9 set (ECB+ 36ecb, 41ecbplus, 45ecbplus) and the seeds; the verbs are
parsed as the sentences analyser stores them."""

from __future__ import annotations

import dataclasses

import pytest
from tests.test_match import make_analysis, make_article

from newsbrief.analyse import Analysis
from newsbrief.analyse.clauses import sentence_predicates
from newsbrief.analyse.nlp import parse
from newsbrief.denials import (
    DENIAL_CONFIDENCE,
    _act_words,
    _assertion,
    _denied_verb,
    _doers,
    _hedged,
    _stated,
    _states_act,
)
from newsbrief.disagree import _content_words
from newsbrief.match import match_articles
from newsbrief.models import Predicate

STRIKING = "Sudan has denied striking South Sudanese territory."
FATHER = "Gotcher also denied that Simpson was the father of Flynn's baby."
POLITICAL = ("Oppal denied that the prosecution was political, despite the former attorney general for British "
             "Columbia and several special prosecutors declining to pursue charges against anyone in the "
             "fundamentalist enclave of Bountiful.")


def _verbs(text: str) -> tuple[Predicate, ...]:
    """What the sentences analyser stores for ``text``: its parsed verbs."""
    return sentence_predicates(parse(text))


def _denied(text: str, after: str) -> tuple[Predicate, tuple[str, ...]]:
    """The denied verb of ``text``'s proposition (the words from ``after`` on) and its doers."""
    verbs = _verbs(text)
    verb = _denied_verb(verbs, (text.index(after), len(text)))
    assert verb is not None
    cue = next(p for p in verbs if p.lemma in ("deny", "reject"))
    return verb, _doers(verb, verbs, cue.start, "denial")


def test_the_denied_act_is_the_propositions_own_verb_and_its_doer_the_denier() -> None:
    verb, doers = _denied(STRIKING, "striking")
    assert verb.lemma == "strike" and doers == ("Sudan",)
    assert _denied_verb(_verbs(FATHER), (FATHER.index("that"), len(FATHER))) is None  # a state: no act verb


@pytest.mark.parametrize(
    ("sentence", "asserts"),
    [
        # BLIND9 41ecbplus: same parties and a shared noun ("territory"), another act
        ("Sudan has accused South Sudan of arming pro - South Sudan groups in its territory.", False),
        ("Incidents like this, and both sides' belief that the other is sponsoring rebels on their territory, are "
         "contributing to a rapidly deteriorating relationship between Sudan and South Sudan, he says.", False),
        # the act as a noun, with nobody said to have done it
        ("A refugee camp was the target of an air strike in South Sudan's Unity state on Thursday, less than 50 km "
         "(30 miles) from the tense border with Sudan, a Reuters witness said.", False),
        # hedged, or to come: not asserted
        ("Sudan may have struck South Sudanese territory.", False),
        ("Sudan struck South Sudanese territory on Thursday.", True),
    ],
)
def test_an_asserted_side_states_the_denied_verb_of_the_same_doer(sentence: str, asserts: bool) -> None:
    verb, doers = _denied(STRIKING, "striking")
    assert _states_act(verb, doers, _verbs(sentence), sentence) is asserts


def test_an_act_noun_taking_the_denied_object_asserts_it_of_a_named_owner() -> None:
    # the seeds: "rejected the accusations of possessing weapons" / "Russia's procurement and use of weapons"
    denial = "Both Russia and North Korea have previously rejected the accusations of possessing weapons."
    verb, doers = _denied(denial, "possessing")
    assert verb.lemma == "possess" and set(doers) == {"Russia", "Korea"}
    condemned = ("Before the council meeting, a joint statement issued by eight countries, including South Korea, "
                 "the U.S., and Japan, condemned Russia's procurement and use of weapons from North Korea.")
    assert _states_act(verb, doers, _verbs(condemned), condemned)
    anyone = "The procurement and use of weapons in the region was condemned."
    assert not _states_act(verb, doers, _verbs(anyone), anyone)  # nobody named as who possesses them


def test_a_denied_state_is_its_complement_not_its_subject() -> None:
    # BLIND9 36ecb: "the prosecution was political" is denied; a sentence on the province's
    # prosecution service (or a concession clause of the denial itself) says nothing political
    verbs = _verbs(POLITICAL)
    start = POLITICAL.index("the prosecution")
    end = POLITICAL.index(", despite")  # where the proposition ends (denials._CLAUSE_END)
    stated = _stated(verbs, (start, end))
    assert POLITICAL[stated[0]:stated[1]].strip() == "political"
    act = _act_words(POLITICAL[stated[0]:stated[1]])
    other = ("Oppal had to use a special prosecutor because the province's regular prosecution service had been "
             "openly reluctant to press polygamy charges.")
    assert _assertion(act, _content_words("the prosecution was political"), other) is None


def test_a_name_written_with_an_apostrophe_is_a_party_not_an_act_word() -> None:
    # BLIND9 45ecbplus: "Ka'loni" gave the act word "loni", and a sentence on the verdict naming
    # Ka'loni Flynn "asserted" that Simpson was the father
    assert set(_act_words("Christopher Kenyon Simpson was the father of Ka'loni Flynn's baby")) == {"father", "baby"}


def _parsed(analysis: Analysis) -> Analysis:
    """The analysis with each sentence's verbs, as the sentences analyser stores them."""
    text = analysis.article.text
    sentences = []
    for s in analysis.sentences:
        verbs = tuple(dataclasses.replace(p, start=p.start + s.start, end=p.end + s.start)
                      for p in sentence_predicates(parse(text[s.start:s.end])))
        sentences.append(dataclasses.replace(s, predicates=verbs))
    analysis.sentences = sentences
    return analysis


@pytest.mark.slow
def test_only_sentences_stating_the_denied_fact_are_its_asserted_side() -> None:
    # BLIND9 45ecbplus: the DNA testimony asserts the paternity Gotcher denies; the verdict does not
    texts = {
        "a": FATHER,
        "b": "A DNA expert testified that Simpson fathered the fetus.",
        "c": "The jury deliberated almost seven hours Thursday before convicting 27-year-old Christopher Kenyon "
             "Simpson in the death of 20-year-old Ka'loni Flynn, of Fort Smith, Ark.",
    }
    articles = [make_article(k, t, k.upper()) for k, t in texts.items()]
    ents = {"a": [("Gotcher", "PERSON"), ("Simpson", "PERSON"), ("Flynn", "PERSON")], "b": [("Simpson", "PERSON")],
            "c": [("Christopher Kenyon Simpson", "PERSON"), ("Ka'loni Flynn", "PERSON")]}
    analyses = [_parsed(make_analysis(a, ents[a.id])) for a in articles]
    (denial,) = [d for d in match_articles(articles, analyses).disagreements if d.kind == "denial"]
    assert [c.article_id for c in denial.versions[1].citations] == ["b"]
    assert denial.confidence <= DENIAL_CONFIDENCE["denial"]


@pytest.mark.slow
def test_a_shared_noun_or_an_unowned_strike_makes_no_denial() -> None:
    texts = {
        "a": STRIKING,
        "b": "Sudan has accused South Sudan of arming pro - South Sudan groups in its territory.",
        "c": "A refugee camp was the target of an air strike in South Sudan's Unity state on Thursday, less than "
             "50 km (30 miles) from the tense border with Sudan, a Reuters witness said.",
    }
    articles = [make_article(k, t, k.upper()) for k, t in texts.items()]
    ents = {"a": [("Sudan", "GPE"), ("South Sudanese", "NORP")], "b": [("Sudan", "GPE"), ("South Sudan", "GPE")],
            "c": [("South Sudan", "GPE"), ("Unity", "GPE"), ("Sudan", "GPE"), ("Reuters", "ORG")]}
    analyses = [_parsed(make_analysis(a, ents[a.id])) for a in articles]
    assert not [d for d in match_articles(articles, analyses).disagreements if d.kind in ("denial", "unconfirmed")]


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("Simpson may have been the father of the baby, a witness said.", True),
        ("Prosecutors said Simpson could face the death penalty.", True),
        ("A DNA expert testified that Simpson fathered the fetus.", False),
        ("Chris Weitz will take on the sequel to \"Twilight\".", False),  # ECB+ 6ecb: judged to assert it
    ],
)
def test_a_sentence_saying_only_that_something_may_be_asserts_nothing(sentence: str, hedged: bool) -> None:
    assert _hedged(_verbs(sentence)) is hedged
