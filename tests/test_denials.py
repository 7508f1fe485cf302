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
    _CLAUSE_END,
    _NEGATED,
    _OPENERS,
    _PRONOUN_OBJECT,
    _WORD,
    DENIAL_CONFIDENCE,
    _act_hedged,
    _act_words,
    _assertion,
    _cue,
    _denied_verb,
    _doers,
    _feared,
    _forms,
    _hedged,
    _is_claim_denial,
    _object_head,
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


# BLIND11 (DUC 2007 main topics D0710C, D0725F, D0731G): the false denials the rules below refuse.
IRAN = ("Although Iran denies having a nuclear weapons program, and Russia insists its assistance is peaceful and "
        "legal, administration intelligence officials view the Russian-Iranian relationship with rising alarm.")
TRIPP = ("He is investigating whether Tripp lied when she denied making copies of the tapes which triggered Starr's "
         "probe.")


@pytest.mark.parametrize(
    ("sentence", "denies"),
    [
        ("Israel has not denied that the two are Mossad agents.", False),  # a denial not made
        ("The company never denied the reports that it had sold the unit.", False),
        ("They didn't deny that the two are agents.", False),
        ("He not only denied the allegations but sued the newspaper.", True),
        ("Israel has denied that the two are Mossad agents.", True),
    ],
)
def test_a_negated_denial_cue_denies_nothing(sentence: str, denies: bool) -> None:
    kind, cue = _cue(sentence) or ("", None)
    assert kind == "denial" and cue is not None
    assert _is_claim_denial(sentence, cue) is denies


@pytest.mark.parametrize(
    ("sentence", "negates"),
    [
        ("Iran has neither the technological capability nor the intention of making nuclear weapons, said Russian "
         "Nuclear Energy Minister Yevgeny Adamov.", True),
        ("Khosravi also refuted the recent remarks by a U.S. naval commander on Iran's capability to build nuclear "
         "weapons.", True),
        ("Officials and independent analysts agree that Iran and Iraq are both scouring international markets for "
         "nuclear weapon materials.", False),
    ],
)
def test_a_sentence_that_negates_or_rebuts_is_no_asserted_side(sentence: str, negates: bool) -> None:
    assert bool(_NEGATED.search(sentence)) is negates


def test_a_light_verbs_object_or_a_states_complement_is_the_act_an_asserted_side_must_state() -> None:
    def head(text: str, after: str) -> frozenset[str] | None:
        return _object_head(_verbs(text), (text.index(after), len(text)), text)

    copies = head(TRIPP, "making")
    assert copies is not None and "copy" in copies  # "turned over the tapes" states no copies
    program = head(IRAN, "having")  # a qualified object: the qualifier, not any program
    assert program is not None and "weapons" in program and "program" not in program
    father = head(FATHER, "that")
    assert father is not None and "father" in father and "father" in _act_words("fathered")["fathered"]
    assert head(STRIKING, "striking") is None  # an act verb of its own: _states_act checks it
    # the seeds: "denied conducting any arms deals" is asserted by "condemned the arms transfers"
    deals = head("Moscow and Pyongyang have previously denied conducting any arms deals.", "conducting")
    assert deals is not None and "arms" in deals and not {"deal", "any"} & deals


# BLIND11 D0725F s11-019 and D0731G s11-076: two of the act's words are no assertion of it.
@pytest.mark.parametrize(
    ("denial", "after", "other", "states"),
    [
        (IRAN, "having", "\"As the Islamic Republic of Iran has repeatedly announced, Iran-Russia nuclear cooperation "
         "is for peaceful purposes\" and Iran carries out its peaceful atomic programs under the supervision of the "
         "International Atomic Energy Agency.", False),
        (TRIPP, "making", "Mrs. Tripp turned over the tapes to Independent Counsel Kenneth Starr, triggering the "
         "investigation into the former White House intern's affair with President Clinton.", False),
        (IRAN, "having", "Officials and independent analysts agree that Iran and Iraq are both scouring international "
         "markets for nuclear weapon materials.", True),  # judged true (s11-017)
        (IRAN, "having", "Iran is working on developing a nuclear warhead but is believed to be years away from "
         "building and testing such a weapon.", True),  # judged true (s11-018)
    ],
)
def test_an_asserted_side_states_the_denied_object_not_two_words_near_it(
    denial: str, after: str, other: str, states: bool
) -> None:
    head = _object_head(_verbs(denial), (denial.index(after), len(denial)), denial)
    assert head is not None
    assert any(_forms(t) & head for t in _WORD.findall(other) if not t[:1].isupper()) is states


@pytest.mark.parametrize(
    ("sentence", "feared"),
    [
        ("The joint communique was apparently aimed at allying the fear among some countries, including the U.S. and "
         "Israel, that Iran is striving to acquire nuclear weapons and long-range missiles with the Russian "
         "assistance.", True),  # BLIND11 D0725F e10-003, judged no_counterclaim
        ("The joint communique was apparently aimed at allying the fear among some countries, including the United "
         "States and Israel, that Iran is striving to acquire nuclear weapons.", True),  # as the brief renders it
        ("Russia's assistance for Iran in the field has triggered accusations from the United States and Israel that "
         "Iran is seeking the technology for developing nuclear weapons.", False),  # s11-021, judged true
        ("Washington warned that any kind of nuclear assistance to Iran could aid Iran's alleged nuclear weapons "
         "plans, but Russia argued that the plant is purely for peaceful purposes.", False),  # e10-001, judged true
        ("Worried that its leading enemy Iran could acquire nuclear weapons that will threaten its safety, Israel "
         "has been launching an aggressive campaign around the world.", True),  # s11-022, judged no_counterclaim
    ],
)
def test_what_someone_fears_is_no_asserted_side(sentence: str, feared: bool) -> None:
    assert _feared(_act_words("having a nuclear weapons program"), sentence) is feared


def test_an_act_only_said_to_be_possible_is_not_asserted() -> None:
    act = _act_words("having a nuclear weapons program")
    could = ("Worried that its leading enemy Iran could acquire nuclear weapons that will threaten its safety, Israel "
             "has been lobbying Moscow.")
    assert _act_hedged(act, _verbs(could))
    working = "Iran is working on developing a nuclear warhead and seeks nuclear weapons."
    assert not _act_hedged(act, _verbs(working))


@pytest.mark.slow
def test_a_denials_title_starts_at_its_doer_not_at_the_clause_opener() -> None:
    # BLIND11 D0725F: "Although Iran denies having ..." was titled "Although Iran having a nuclear weapons program"
    texts = {
        "a": IRAN,
        "b": "Iran is working on developing a nuclear warhead but is believed to be years away from building and "
             "testing such a weapon.",  # judged true (s11-018)
    }
    articles = [make_article(k, t, k.upper()) for k, t in texts.items()]
    ents = {"a": [("Iran", "GPE"), ("Russia", "GPE")], "b": [("Iran", "GPE")]}
    analyses = [_parsed(make_analysis(a, ents[a.id])) for a in articles]
    (denial,) = [d for d in match_articles(articles, analyses).disagreements if d.kind == "denial"]
    assert denial.topic.startswith("Iran having a nuclear weapons program")


@pytest.mark.parametrize(
    ("proposition", "title"),
    [
        ("Although Iran having a nuclear weapons program", "Iran having a nuclear weapons program"),
        ("Both Russia and North Korea possessing weapons", "Russia and North Korea possessing weapons"),  # the seeds
        ("But Barton committing the '93 killings", "Barton committing the '93 killings"),
        ("Asian nations buying the bonds", "Asian nations buying the bonds"),  # "As" only as a whole word
    ],
)
def test_a_denials_title_leaves_out_the_words_before_its_doer(proposition: str, title: str) -> None:
    from newsbrief.denials import _OPENERS

    assert _OPENERS.sub("", proposition) == title


@pytest.mark.parametrize(
    ("text", "unnamed"),
    [
        ("But he denied killing them.", True),  # BLIND11 D0741I s11-217, judged another referent
        ("“However I deny killing her and her mother. There is no reason for me to lie now,” Barton wrote.", True),
        ("He denied killing him, police said.", True),
        ("He denied hitting her husband.", False),  # "her husband" names whom
        (STRIKING, False),
    ],
)
def test_a_denied_act_done_to_a_bare_pronoun_names_no_one_to_check(text: str, unnamed: bool) -> None:
    hit = _cue(text)
    assert hit is not None
    assert bool(_PRONOUN_OBJECT.match(text[hit[1].end() :].lstrip(" ,:"))) is unnamed


def test_a_denied_proposition_ends_with_its_quoted_sentence_and_its_title_drops_the_quote_mark() -> None:
    text = "“However I deny killing her and her mother. There is no reason for me to lie now,” Barton wrote."
    hit = _cue(text)
    assert hit is not None
    assert _CLAUSE_END.split(text[hit[1].end() :].lstrip(), maxsplit=1)[0] == "killing her and her mother"
    assert _OPENERS.sub("", "“However I deny") == "I deny"
    assert _CLAUSE_END.split("that the U.S. Army struck", maxsplit=1)[0] == "that the U.S. Army struck"
