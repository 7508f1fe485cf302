"""Clauses: the verbs of a sentence with their doer, object, negation and mood, from its parse.

The sentences analyser stores them with each sentence (:class:`newsbrief.models.Predicate`),
so that deciding at brief time whether two versions state one proposition
(:mod:`newsbrief.propositions`) reads records and loads no parser.  A predicate is kept in the
terms a reader compares: the verb's lemma, the head words of who does it and to whom (the
passive undone), whether the main clause negates it, and what makes it not (yet) a done act
("could face", "plans to sue").
"""

from __future__ import annotations

from typing import Any

from newsbrief.lexicon import ADDRESSED_VERBS, SPEECH_VERBS, word_set
from newsbrief.models import Predicate

_SUBJECT = frozenset({"nsubj", "csubj"})
_OBJECT = frozenset({"dobj", "nsubjpass", "csubjpass", "dative", "attr", "oprd"})
# Modals that make an act possible, intended or to come rather than done ("may", "will").
_MODALS = word_set("may might could would should can will shall must")
# Verbs of intent or expectation whose complement is not (yet) done: "plans to sue", "is
# expected to rule", "threatened to leave".
_INTENT = word_set(
    "plan intend expect want hope seek aim try threaten propose consider vow promise pledge "
    "prepare schedule set likely able going"
)
# Verbs whose clause complement is what is reported ("said it sank a ship", "found that he lied").
_REPORTING = SPEECH_VERBS | ADDRESSED_VERBS
_PARTY_LABELS = frozenset({"PERSON"})  # places and bodies have aliases ("Moscow" for Russia)


def sentence_predicates(span: Any) -> tuple[Predicate, ...]:
    """The predicates of one parsed sentence (a spaCy ``Span`` or ``Doc``), in text order."""
    out = []
    for token in span:
        if not _is_predicate(token):
            continue
        out.append(
            Predicate(
                start=token.idx,
                end=token.idx + len(token.text),
                lemma=token.lemma_.lower(),
                main=_is_main(token),
                subjects=_heads(token, _SUBJECT, agent=True),
                objects=_heads(token, _OBJECT),
                negated=any(c.dep_ == "neg" for c in token.children),
                mood=_mood(token),
                parties=_parties(token),
            )
        )
    return tuple(out)


def _is_predicate(token: Any) -> bool:
    # a verb, or an auxiliary that is its clause's only verb ("The Act is not the means")
    return bool(token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ in ("ROOT", "conj", "ccomp")))


def _is_main(token: Any) -> bool:
    """The root, a verb coordinated with a main one, or the clause a reporting root reports."""
    while True:
        if token.dep_ == "ROOT":
            return True
        if token.dep_ == "conj" and _is_predicate(token.head):
            token = token.head
            continue
        if token.dep_ in ("ccomp", "parataxis") and token.head.lemma_.lower() in _REPORTING:
            token = token.head
            continue
        return False


def _with_conjuncts(token: Any) -> list[Any]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out += _with_conjuncts(child)
    return out


def _heads(verb: Any, deps: frozenset[str], agent: bool = False) -> tuple[str, ...]:
    found = []
    for child in verb.children:
        if child.dep_ in deps:
            found += _with_conjuncts(child)
        elif agent and child.dep_ == "agent":  # "was sued by X": X does it
            found += [g for c in child.children if c.dep_ == "pobj" for g in _with_conjuncts(c)]
    if not found and verb.dep_ in ("conj", "xcomp") and _is_predicate(verb.head):
        # "fired Cheeks and hired DiLeo", "plans to sue": the subject is the governing verb's
        return _heads(verb.head, deps, agent) if deps is _SUBJECT else ()
    return tuple(dict.fromkeys(t.text for t in found))


def _mood(verb: Any) -> str | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.lemma_.lower() in _MODALS:
            return str(child.lemma_.lower())
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _INTENT:
        return str(verb.head.lemma_.lower())
    if verb.dep_ == "conj" and _is_predicate(verb.head):
        return _mood(verb.head)  # "could be fined and jailed"
    return None


def _parties(verb: Any) -> tuple[str, ...]:
    """The named people who share the verb's subject, joined by "and", each by its last word
    ("Senate Majority Leader Mitch McConnell (R-Ky.) and Sen. Tim Kaine (D-Va.) introduced ..."
    -> ("McConnell", "Kaine"))."""
    names: list[str] = []
    for head in verb.children:
        if head.dep_ not in ("nsubj", "nsubjpass") or head.ent_type_ not in _PARTY_LABELS:
            continue
        if not any(c.dep_ == "cc" and c.lower_ == "and" for c in head.children):
            continue
        for token in head.children:
            if token.dep_ == "conj" and token.pos_ == "PROPN" and token.ent_type_ in _PARTY_LABELS:
                names += [head.text, token.text]
    return tuple(dict.fromkeys(names))
