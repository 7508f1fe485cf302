"""Denials and non-confirmations: one party denying, or saying it cannot confirm, what another
version asserts (the ``denial`` and ``unconfirmed`` disagreements of
:func:`newsbrief.disagree.find_disagreements`).

A claim with a denial cue ("denied", "dismissed", "rejected the accusations") or a
non-confirmation cue ("cannot confirm", "no proof", "no evidence") names a proposition (the
words after the cue); the claims of other articles that assert it are its other side.  A
procedural act ("the judge denied the state's request") is no denial.  A claim asserts a denied
act only by stating it: the act's own verb, not negated, hedged or to come, of the same doer
("Sudan denied striking South Sudanese territory" is not asserted by "Sudan accused South Sudan
of arming groups in its territory", nor by "the target of an air strike" with no one said to
strike), or for a denied state its complement ("the prosecution was political").  Questions
and sentences saying only that something may be assert nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsbrief.coverage import _NOT_ACTS, _same_party
from newsbrief.disagree import _CONTENT_WORD, _STOPWORDS, MAX_CITATIONS, _content_words, _Context, _topic
from newsbrief.facts import claim_predicates, outlet_of
from newsbrief.lexicon import (
    CLAUSE_OPENERS,
    FEAR_WORDS,
    IRREGULAR_VERB_FORMS,
    LIGHT_VERBS,
    REPORTING_FORMS,
    REPORTING_VERBS,
    alternation,
)
from newsbrief.models import Claim, Disagreement, DisagreementVersion, Predicate

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

AFFIRM_SIMILAR = 0.5  # a proposition this close to a claim is asserted by it
# A non-confirmed proposition this close to a claim naming its subject is asserted by it, in
# other words ("no evidence of Kim enduring any medical hardships" / "Kim had cardiovascular
# surgery": 0.64; "will not confirm Weitz is attached to the vampire series" / "Chris Weitz will
# take on the sequel to Twilight": 0.69).
MEANING_SIMILAR = 0.6
# How often a shown denial or non-confirmation was right on real news, by kind: the judged pairs
# these rules show over every set of bench/claims.py (docs/benchmarks.md, "denials9"), with one
# success and one failure granted for what was not seen, as for disagree.SPEAKER_CONFIDENCE:
# denials 6 of 6 (all on BLIND9, the set the act rules were written from: none judged out of
# sample), non-confirmations 4 of 4 (BLIND8, --unseen, the 60; no rule of session 9 changed them).
# A dispute's confidence is its evidence score capped at this rate: the score orders disputes but
# says nothing of precision above the rate (before these rules, denials scored 0.84-0.92 were 0 of
# 8 right on BLIND9).  Both rates are above SHOW_CONFIDENCE, so what is shown is unchanged.
DENIAL_CONFIDENCE = {"denial": (6 + 1) / (6 + 2), "unconfirmed": (4 + 1) / (4 + 2)}
_UNCONFIRMED = re.compile(
    r"\b(?:can ?not|can't|could not|couldn't|unable to|not able to|did not|has not|have not|will not|won't|would not|"
    r"wouldn't|does not|do not|declined to|refused to)\s+"
    r"(?:independently\s+|yet\s+|immediately\s+)?(?:be\s+)?(?:confirm|verify|corroborate)(?:ed)?\b"
    r"|\b(?:has|have|had|with|found)\s+no\s+(?:proof|evidence)\b|\bno\s+(?:proof|evidence)\s+(?:of|that)\b"
    r"|\bnot\s+(?:been\s+)?(?:independently\s+)?(?:confirmed|verified)\b|\bunconfirmed\b",
    re.I,
)
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|refutes)\b"
    r"|\b(?:is|was|are|were)\s+(?:not\s+true|untrue|false)\b",
    re.I,
)
# Where a denied proposition ends: the next clause, including one with its own reporting
# subject ("... in Beijing and Chinese government sources told Reuters they ...", "While X will
# not confirm Weitz is attached, The Hollywood Reporter said ...").
_CLAUSE_END = re.compile(
    r"\s+but\s+|;|\s+while\s+|,\s+(?:citing|saying|adding|while|and)\b|\s+and\s+(?=[a-z]+ed\b)"
    # the end of a quoted sentence inside the claim ("... killing her and her mother. There is no
    # reason for me to lie now,'' Barton wrote")
    r"|(?<=[a-z]{3})[.!?][\"”’']?\s+(?=[\"“‘]?[A-Z])"
    # a concession or a reason is the reporter's, not what is denied ("denied that the prosecution
    # was political, despite ... special prosecutors declining to pursue charges")
    r"|,?\s+(?:despite|although|though|whereas|because|even\s+though)\b"
    rf"|(?:\s+and|,)\s+(?=(?:[\w’'-]+\s+){{0,4}}(?:{alternation(REPORTING_FORMS)})\b)"
)
_OBJECT_START = re.compile(
    r"^(?:[a-z]+ing\b|(?:the|these|those|any|all|such)\b|(?:allegations|accusations|claims|reports|charges)\b)"
)
_AUXILIARIES = re.compile(
    r"(?:\s+(?:have|has|had|previously|also|repeatedly|strongly|flatly|both|again|long))+$", re.I
)
_OPENERS = re.compile(rf"^(?:[\"“‘'`]+\s*)?(?:{alternation(CLAUSE_OPENERS)}\b[\s,]*)+", re.I)  # a title starts after "Although"
# A denied act whose object is a bare pronoun ("he denied killing them", "I deny killing her and
# her mother"): who it was done to is named elsewhere, and an act of the same doer on someone else
# ("he killed his wife") would be paired with it.  Every such judged denial was another referent.
_PRONOUN_OBJECT = re.compile(
    r"^[a-z]+ing\s+(?:her|him|them|it)(?=\s*(?:[,.;:!?\"”’']|$)|\s+(?:and|or|in|on|at|with|after|before|because)\b)",
    re.I,
)
_ANAPHORIC = re.compile(
    r"^(?:these|those|such|the|this|that)\s+(?:allegations?|accusations?|claims?|charges?|reports?)\b(?!\s+(?:of|that|about)\b)",
    re.I,
)
_LEAD_IN = re.compile(
    r"^(?:that|the\s+(?:claims?|reports?|information|allegations?|accusations?)\s+(?:that|about|of)?)\s+", re.I
)

def _cue(text: str) -> tuple[str, re.Match[str]] | None:
    unconfirmed = _UNCONFIRMED.search(text)
    if unconfirmed:
        return "unconfirmed", unconfirmed
    denial = _DENIAL.search(text)
    return ("denial", denial) if denial else None


def _proposition(claims: list[Claim], i: int, cue: re.Match[str], kind: str) -> list[tuple[int, int]]:
    """Where the denied or unconfirmed statement is: the words after the cue, up to the next
    clause (article offsets).

    For a denial whose object is a gerund or a noun ("X denied conducting arms deals", "X
    rejected the accusations of ...") the subject is part of it: X is who did it.  "X
    dismissed these allegations" denies what the claim before it reported.
    """
    claim = claims[i]
    text, base = claim.text, claim.start
    after = text[cue.end() :]
    previous = claims[i - 1] if i and claims[i - 1].article_id == claim.article_id else None
    if previous and _ANAPHORIC.match(after.strip()):
        return [(previous.start, previous.end)]
    rest_start = cue.end() + len(after) - len(after.lstrip(" ,:;"))
    rest = _CLAUSE_END.split(text[rest_start:], maxsplit=1)[0]
    lead = _LEAD_IN.match(rest)
    if lead:
        rest_start, rest = rest_start + lead.end(), rest[lead.end() :]
    rest_end = rest_start + len(rest.rstrip(" ,.;"))
    spans = [(base + rest_start, base + rest_end)]
    if kind == "denial" and _OBJECT_START.match(rest):
        subject = _AUXILIARIES.sub("", text[: cue.start()].rstrip())
        spans.insert(0, (base, base + len(subject)))
    if len(text[rest_start:rest_end].split()) >= 3 or (len(spans) == 2 and len(rest.split()) >= 2):
        return spans  # "(Russia and North Korea rejected the accusations of) possessing weapons": who and what
    return [(base, base + cue.start()), (base + cue.end(), claim.end)]


# Objects that make "denied" / "rejected" / "dismissed" a procedural act, not a denial of a
# claim: "the judge denied the state's request", "the Senate rejected the bill".
_PROCEDURAL_OBJECT = re.compile(
    r"^(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+|our\s+|any\s+)?(?:[\w.’'-]+\s+){0,3}?"
    r"(?:request|motion|appeal|bail|petition|application|bid|permission|entry|visa|access|asylum|parole|"
    r"licen[cs]e|injunction|objection|proposal|offer|plan|bill|amendment|nomination|case|lawsuit|suit|"
    r"complaint|demand|resolution|deal|measure|permit|extradition|review|challenge|protest|recusal|"
    r"applicant|candidacy|budget|contract|settlement|terms|compromise|draft|ceasefire|truce|invitation)s?\b",
    re.I,
)
_PROCEDURAL_SUBJECT = re.compile(
    r"\b(?:judge|court|justices?|jury|magistrate|tribunal)\b", re.I
)
# What a party denies: a that-clause, an action ("denying having ..."), or a claim.
_CLAIM_OBJECT = re.compile(
    r"^(?:that\b|[a-z]+ing\b|(?:ever|any|all|the|these|those|such|this|reports?|media|press)\b.{0,40}?"
    r"\b(?:allegations?|accusations?|claims?|reports?|charges?|suggestions?|rumou?rs?|stor(?:y|ies)|"
    r"assertions?|wrongdoing|involvement|responsibility|knowledge|role|existence|account|version|"
    r"speculation)\b|(?:allegations?|accusations?|claims?|charges?|suggestions?|rumou?rs?|wrongdoing|reports?|"
    r"involvement|responsibility|knowledge)\b)",
    re.I,
)
_TRUNCATED = ("…", "...")
# A denial cue the sentence negates: "has not denied", "never rejected", "didn't deny".
_NOT_BEFORE = re.compile(r"(?:\b(?:not|never)|n[’']t)\s+(?:(?!only\b)\w+\s+)?$", re.I)
# A denial the same sentence withdraws: "After initially denying reports ..., Iran has acknowledged
# that it shot down the plane"; "X, which had at first rejected the claims, now admits ...".  What
# it once denied is what it now asserts, so both outlets say the same.
_INITIAL = re.compile(r"\b(?:initially|at first|first|originally|earlier)\s+(?:\w+\s+)?$", re.I)
_RETRACTION = re.compile(
    r"\b(?:acknowledg(?:e|es|ed|ing)|admit(?:s|ted|ting)?|conced(?:e|es|ed|ing)|confess(?:es|ed|ing)?|"
    r"reversed\s+(?:course|itself)|backtrack(?:s|ed|ing)?|walked\s+back)\b",
    re.I,
)


# A denial held until something: "he steadfastly denied the accusations until he came forward in
# 2005" is a stance the sentence says ended, not a denial standing against the other outlet.
_UNTIL_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:until|till)\b", re.I)


def withdrawn(text: str, cue: re.Match[str]) -> bool:
    """Whether the sentence says the denial was given up: an "initially" / "at first" denial
    followed by an admission in the same sentence, or a denial held "until" something."""
    if _UNTIL_AFTER.match(text[cue.end() :]):
        return True
    return bool(_INITIAL.search(text[: cue.start()])) and bool(_RETRACTION.search(text[cue.end() :]))


def _is_claim_denial(text: str, cue: re.Match[str]) -> bool:
    """Whether a denial cue denies a claim ("denied that ...", "rejected the accusations"),
    not a procedural act ("the judge denied the state's request")."""
    if not re.match(r"(?:denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|refutes)$",
                    cue.group(), re.I):
        return True  # "was not true", "is false": the statement itself is negated
    if withdrawn(text, cue):
        return False  # "After initially denying reports ..., Iran has acknowledged ..."
    if _NOT_BEFORE.search(text[: cue.start()]):
        return False  # "Israel has not denied that the two are Mossad agents": a denial not made
    subject = text[: cue.start()].rstrip()
    after = text[cue.end() :].lstrip(" ,:")
    if _PROCEDURAL_SUBJECT.search(" ".join(subject.split()[-6:])):
        return False  # "the presiding judge, Barton Voigt, rejected ..."
    if re.match(r"(?:that\s+(?!argument|request|motion|idea|notion|proposal|plan|offer|bid|appeal)|having\b|"
                r"[a-z]+ing\b)", after):
        return True  # "denied that ...", "denied conducting any arms deals"
    if _PROCEDURAL_OBJECT.match(after):
        return False
    return bool(_CLAIM_OBJECT.match(after)) or bool(re.search(r"\bas\s+(?:[\w-]+\s+){0,2}(?:false|untrue|baseless|"
                                                         r"groundless|fake|nonsense|lies?|a lie|fabricat)", after))


def denials(context: _Context, analyses: Sequence[Analysis] = ()) -> list[Disagreement]:
    """The denials and non-confirmations among a story's claims, each with the claims of other
    articles that assert what it denies.  ``analyses`` give each claim's parsed verbs: with
    them, a proposition that names its act as a verb ("denied striking") is asserted only by a
    sentence stating that act of the same doer (:func:`_states_act`)."""
    from newsbrief.embed import embed

    claims = context.grouping.claims
    cued = [
        (i, *hit)
        for i, c in enumerate(claims)
        if not c.text.rstrip(_CLOSERS).endswith(_TRUNCATED)
        and (hit := _cue(c.text))
        and (hit[0] == "unconfirmed" or _is_claim_denial(c.text, hit[1]))
    ]
    if not cued:
        return []
    spans = [_proposition(claims, i, match, kind) for i, kind, match in cued]
    # Topics quote the text; the embeddings see canonical names ("Moscow" -> "Russia").
    propositions = [
        " ".join(context.by_id[claims[i].article_id].text[s:e] for s, e in where).strip()
        for (i, _, _), where in zip(cued, spans, strict=True)
    ]
    rendered = [
        " ".join(context.render(claims[i].article_id, s, e) for s, e in where).strip()
        for (i, _, _), where in zip(cued, spans, strict=True)
    ]
    prop_vectors = embed(rendered)
    sims = prop_vectors @ context.grouping.vectors.T
    cue_claims = {i for i, _, _ in cued}
    parsed = claim_predicates(analyses, claims) if analyses else [() for _ in claims]
    entries = []
    acts: dict[int, dict[str, frozenset[str]]] = {}  # the denied act of each entry
    for n, (i, kind, cue) in enumerate(cued):
        claim = claims[i]
        words = _content_words(rendered[n])
        # What is denied beside who did it ("conducting any arms deals", "he drank on the
        # job"): the act, the predicate's own words (not the subject's, not "allegations").
        act = _act_words(context.render(claim.article_id, *_stated(parsed[i], spans[n][-1])))
        # "X dismissed these allegations": which allegations is a guess (the sentence before).
        guessed = 0.2 if _ANAPHORIC.match(claim.text[cue.end() :].strip()) else 0.0
        own = set(spans[n])
        if len(words) < 2 or not act:
            continue  # "X denied it": nothing a reader could check
        if kind == "denial" and _PRONOUN_OBJECT.match(claim.text[cue.end() :].lstrip(" ,:")):
            continue  # "he denied killing them": whom is a guess
        verb = None if guessed else _denied_verb(parsed[i], spans[n][-1])
        doers = _doers(verb, parsed[i], claim.start + cue.start(), kind) if verb else ()
        head = None if guessed else _object_head(parsed[i], spans[n][-1], context.by_id[claim.article_id].text)
        support: list[int] = []
        scores: dict[int, float] = {}
        asserts: dict[int, _Assertion] = {}
        # A non-confirmation of a named subject's act ("no evidence of Kim enduring any medical
        # hardships") may be asserted in other words ("Kim had cardiovascular surgery"): kept
        # aside, used only when no sentence states the act in its own words.
        subject = _subject_name(rendered[n]) if kind == "unconfirmed" and not guessed and len(spans[n]) == 1 else None
        by_meaning: list[int] = []
        for j in np.argsort(-sims[n]).tolist():
            if sims[n, j] < AFFIRM_SIMILAR:
                break
            other = claims[j]
            if j in cue_claims or (other.article_id == claim.article_id and other.start == claim.start):
                continue
            if other.article_id == claim.article_id and (other.start, other.end) in own:
                continue  # the denied sentence itself does not back itself
            if other.text.rstrip(_CLOSERS).endswith(_TRUNCATED) or _NEGATED.search(other.text):
                continue  # a fragment, or a claim that itself negates: it asserts nothing
            if other.text.rstrip(_CLOSERS).endswith("?") or _hedged(parsed[j]):
                continue  # "What do they consider to be South Sudan?", "Simpson may have been the father"
            if _PROHIBITION.search(other.text) and not any(_PROHIBITION.fullmatch(w) for w in act):
                continue  # "under a UN arms embargo", "resolutions forbid exporting weapons": a ban is no act
            rendered_other = context.render(other.article_id, other.start, other.end)
            if subject and sims[n, j] >= MEANING_SIMILAR and subject in _CONTENT_WORD.findall(rendered_other):
                by_meaning.append(j)
            if claim.entity_ids and other.entity_ids and not set(claim.entity_ids) & set(other.entity_ids):
                continue
            other_words = _content_words(rendered_other)
            shared = len(words & other_words)
            if shared < 2 or shared < 0.4 * len(words):
                continue  # the "asserted" side must state what is denied, not just be on topic
            assertion = _assertion(act, words, rendered_other)
            if assertion is None:
                continue  # same parties, other act: "media reports accusing Jackson of inappropriate behavior"
            if head and not any(_forms(t) & head for t in _WORD.findall(rendered_other) if not t[:1].isupper()):
                continue  # "denied making copies of the tapes" / "turned over the tapes": not the copies
            if _feared(act, rendered_other):
                continue  # "the fear among some countries that Iran is striving to acquire nuclear weapons"
            if _act_hedged(act, parsed[j]):
                continue  # "denies having a nuclear weapons program" / "Iran could acquire nuclear weapons"
            if verb and not (_states_act(verb, doers, parsed[j], other.text)
                             or _states_act(verb, doers, parsed[j], rendered_other)):
                continue  # "denied striking South Sudanese territory" / "... arming groups in its territory"
            support.append(j)
            scores[j] = float(sims[n, j]) + 0.25 * min(1.0, shared / max(3, len(words)))
            asserts[j] = assertion
        independent = [j for j in support if context.independent(claim.article_id, claims[j].article_id)]
        if not independent:
            support = [j for j in by_meaning if context.independent(claim.article_id, claims[j].article_id)]
            independent = support
            for j in support:
                shared = len(words & _content_words(context.render(claims[j].article_id, claims[j].start, claims[j].end)))
                scores[j] = float(sims[n, j]) + 0.25 * min(1.0, shared / max(3, len(words)))
                asserts[j] = _Assertion(False, shared)
        if independent:
            support = _asserted_order(context, support, set(independent), asserts, scores)
            # An outlet is credited on the asserted side only for a sentence that takes it: when
            # some sentence states the act as its predicate ("Kirby said Russia used ..."), the
            # ones that only name it ("concerns over Russia's use of ...") or state another act
            # of the same verb ("North Korea is using Ukraine as a testing ground") are not cited.
            if asserts[support[0]].predicate:
                enough = min(2, len(act))
                stating = [j for j in support if asserts[j].predicate and asserts[j].acts >= enough]
                support = stating or support  # a side is never left without its sentence
            entries.append((n, i, kind, support, max(scores[j] for j in independent) - guessed))
            acts[n] = act
    found = []
    merged: set[int] = set()
    for x, (n, i, kind, support, score) in enumerate(entries):
        if n in merged:
            continue
        group, backing = [i], list(support)
        for m, k, other_kind, other_support, other_score in entries[x + 1 :]:
            if m in merged or other_kind != kind:
                continue
            # One denial told twice ("denied conducting arms deals" / "denied any arms deals"), not two
            # denials of the same parties ("... of possessing weapons"): the acts share a word.
            if not any(forms & other for forms in acts[n].values() for other in acts[m].values()):
                continue
            same = float(prop_vectors[n] @ prop_vectors[m])
            if same >= 0.6 or (context.fact_of[i] == context.fact_of[k] and same >= 0.45):
                merged.add(m)
                group.append(k)
                backing += [j for j in other_support if j not in backing]
                score = max(score, other_score)
        backing = _spread(backing, claims)[:MAX_CITATIONS]
        found.append(
            Disagreement(
                kind,
                _topic(_OPENERS.sub("", propositions[n]) or propositions[n]),  # not "Although Iran having ..."
                (
                    DisagreementVersion(
                        claims[i].text,
                        tuple(context.cite(claims[k]) for k in group),
                        "not confirmed" if kind == "unconfirmed" else "denied",
                    ),
                    DisagreementVersion(
                        claims[backing[0]].text, tuple(context.cite(claims[j]) for j in backing), "asserted"
                    ),
                ),
                round(min(DENIAL_CONFIDENCE[kind], score), 3),
            )
        )
    return found


# Near-ties in the choice of the asserted version: similarities this close are one value
# (float16 sentence vectors and encode batch sizes move a cosine by ~0.001); the choice
# among them falls to _tie_key, so the brief does not flip between runs.
TIE_EPSILON = 0.02
# Words naming a claim rather than what it says: "denied allegations that he drank".
_CLAIM_NOUNS = frozenset(["allegation", "allegations", "accusation", "accusations", "claim", "claims", "report",
                          "reports", "charge", "charges", "information", "suggestion", "suggestions", "rumor",
                          "rumors", "rumour", "rumours", "story", "stories", "assertion", "assertions"])
_AUXILIARY_WORDS = frozenset(["has", "have", "had", "was", "were", "is", "are", "will", "would", "did", "does",
                              "do", "to", "could", "can", "may", "might", "been", "being", "also", "again", "once"])
# "This month, Kirby told reporters ...": a time phrase, not a pronoun leaning on the sentence before.
_TIME_LEAD = re.compile(
    r"^(?:this|last|earlier|later|that)\s+(?:week|month|year|morning|afternoon|evening|night|weekend|spring|summer|"
    r"autumn|fall|winter)\b,?\s*",
    re.I,
)
_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this", "these", "those"])
_NOT_VERB_BEFORE = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these"])


@dataclass(frozen=True)
class _Assertion:
    """How a sentence backs a denied or unconfirmed act: ``predicate`` when it states the act
    as a verb ("Russia used North Korean missiles") rather than only naming it ("concerns over
    Russia's use of ..."); ``coverage`` the most of the proposition's words one clause states."""

    predicate: bool
    coverage: int
    acts: int = 0  # how many of the act's words it states ("used" and "missiles": 2)


def _forms(word: str) -> frozenset[str]:
    """A word's possible base forms, enough to tell "use", "used", "using" and "uses" (or
    "drank" and "drinking") are one verb without a lemmatizer: the forms of two words
    overlap when they are inflections of one another."""
    w = word.lower().removesuffix("’s").removesuffix("'s")
    forms = {w, IRREGULAR_VERB_FORMS.get(w, w)}
    for suffix in ("ing", "ed", "es", "s", "d"):
        stem = w[: -len(suffix)]
        if w.endswith(suffix) and len(stem) >= 2 and not (suffix == "s" and w.endswith("ss")):
            forms |= {stem, stem + "e"}
            if len(stem) >= 3 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # "stopped" -> "stop"
            if stem.endswith("i") and suffix in ("ed", "es"):
                forms.add(stem[:-1] + "y")  # "supplied" -> "supply"
    return frozenset(forms)


def _act_words(text: str) -> dict[str, frozenset[str]]:
    """The act of a denied or unconfirmed proposition: its lower-case content words (names are
    the parties, not the act: "Ka'loni Flynn" gives no "loni"), less words naming a claim
    ("allegations") and light verbs ("conducting" arms deals), with their forms."""
    return {
        w.lower(): _forms(w)
        for w in _WORD.findall(text)
        if not w[:1].isupper() and w.lower() not in _STOPWORDS and w.lower() not in _CLAIM_NOUNS and len(w) > 2
        and not _forms(w) & LIGHT_VERBS
    }


def _assertion(act: dict[str, frozenset[str]], words: set[str], text: str) -> _Assertion | None:
    """How ``text`` backs the act (see :class:`_Assertion`); None when it states no word of the
    act at all (same parties, another act)."""
    tokens = _WORD.findall(text)
    hits = [n for n, t in enumerate(tokens) if not t[:1].isupper() and any(_forms(t) & forms for forms in act.values())]
    if not hits:
        return None
    predicate = any(_verbal(tokens, n) for n in hits)
    coverage = max(len(words & _content_words(clause)) for clause in _CLAUSES.split(text))
    stated = sum(any(_forms(tokens[n]) & forms for n in hits) for forms in act.values())
    return _Assertion(predicate, coverage, stated)


# Moods that make a sentence say only that something may be, or will be ("may have been the
# father", "could face charges", "plans to strike"); clauses.py stores them with each verb.
_HEDGES = frozenset(["may", "might", "could", "would", "should", "will", "shall", "can", "must"])


def _hedged(predicates: Sequence[Predicate]) -> bool:
    """Whether a sentence asserts nothing done: its main verbs (less reporting ones, "a witness
    said") all say only that it may be, will be or is intended."""
    main = [p for p in predicates if p.main and p.lemma not in _NOT_ACTS - _COPULAS]
    return bool(main) and all(p.mood is not None for p in main)


def _object_head(predicates: Sequence[Predicate], span: tuple[int, int], text: str) -> frozenset[str] | None:
    """The forms of what a denied proposition (``span``, article offsets into ``text``) says was
    made, had or was, when its act is a light verb or a copula, which an asserted side must
    state: "copies" in "denied making copies of the tapes", "father" in "denied that Simpson was
    the father of Flynn's baby"; of an object a noun qualifies, that noun ("arms" of "any arms
    deals": "condemned the arms transfers" states it; "weapons" of "a nuclear weapons program":
    "Iran carries out its peaceful atomic programs" states a program, not the one denied).  None
    when its first verb is an act of its own (:func:`_states_act` checks that one) or the parse
    gives no such object."""
    start, end = span
    first = next((p for p in predicates if start <= p.start and p.end <= end and p.lemma not in REPORTING_VERBS), None)
    if first is None or not (first.lemma in LIGHT_VERBS or first.lemma in _COPULAS):
        return None
    heads = [o for o in first.objects if o[:1].islower() and o.lower() not in _PRONOUNS and o.lower() not in _CLAIM_NOUNS]
    if not heads:
        return None
    found = re.search(rf"\b([a-z]+)\s+{re.escape(heads[0])}\b", text[first.end:end])
    if found and found.group(1) not in _STOPWORDS and not _forms(found.group(1)) & LIGHT_VERBS:
        return _forms(found.group(1))  # a noun qualifying it: "arms deals", "weapons program"
    return _forms(heads[0])


# "the fear among some countries, including the U.S. and Israel, that ...", "worried that ...":
# a fear word and the "that" opening what is feared, within one clause (no one said it between: a
# reporting verb in lower case, not the "States" of "the United States").
_FEAR_THAT = re.compile(
    rf"\b{alternation(FEAR_WORDS)}\b(?:(?!\b(?-i:{alternation(REPORTING_FORMS)})\b)[^;:()]){{0,80}}?\bthat\b", re.I
)


def _feared(act: dict[str, frozenset[str]], text: str) -> bool:
    """Whether every word of the act ``text`` states comes after a fear's "that": "The joint
    communique was apparently aimed at allying the fear among some countries ... that Iran is
    striving to acquire nuclear weapons" says what some fear, which no one there asserts."""
    fears = [m.end() for m in _FEAR_THAT.finditer(text)]
    if not fears:
        return False
    hits = [m.start() for m in _WORD.finditer(text)
            if not m.group(0)[:1].isupper() and any(_forms(m.group(0)) & forms for forms in act.values())]
    return bool(hits) and all(h > fears[0] for h in hits)


def _act_hedged(act: dict[str, frozenset[str]], predicates: Sequence[Predicate]) -> bool:
    """Whether every verb that takes the act's words as its object says only that it may be,
    or is not, done ("Iran could acquire nuclear weapons" asserts no weapons program)."""
    taking = [p for p in predicates if any(_forms(o) & forms for o in p.objects for forms in act.values())]
    return bool(taking) and all(p.negated or p.mood is not None for p in taking)


def _denied_verb(predicates: Sequence[Predicate], span: tuple[int, int]) -> Predicate | None:
    """The verb of the act a denied or unconfirmed proposition (its ``span``, article offsets)
    names, when it names one as a verb: its first verb that is not a reporting, light or
    copular one ("striking" in "Sudan has denied striking South Sudanese territory", "looted" in
    "unconfirmed reports the store was looted"); None for a state or a noun ("that Simpson was
    the father", "the information about Russia's use of ...", "conducting any arms deals")."""
    start, end = span
    return next((p for p in predicates if start <= p.start and p.end <= end and p.lemma not in _NOT_ACTS), None)


_COPULAS = frozenset(["be", "become", "seem", "remain", "appear"])


def _stated(predicates: Sequence[Predicate], span: tuple[int, int]) -> tuple[int, int]:
    """Where a proposition's act is: for a state ("the prosecution was political", "Simpson was
    the father of Flynn's baby"), what follows its copula, not its subject (a sentence on "the
    province's regular prosecution service" states nothing political); else the whole span."""
    start, end = span
    copula = next((p for p in predicates if start <= p.start and p.end <= end and p.main is False
                   and p.lemma in _COPULAS), None)
    if copula is None or any(start <= p.start < copula.start and p.lemma not in _NOT_ACTS for p in predicates):
        return span
    return (copula.end, end)


def _doers(verb: Predicate, predicates: Sequence[Predicate], cue_start: int, kind: str) -> tuple[str, ...]:
    """Who does the denied act: its verb's doer, or for a denial whose act has none written
    ("Sudan has denied striking ...") the one who denies it."""
    own = tuple(w for w in verb.subjects if w.lower() not in _PRONOUNS)
    if own or kind != "denial":
        return own
    cue = next((p for p in predicates if p.start == cue_start), None)
    return tuple(w for w in cue.subjects if w.lower() not in _PRONOUNS) if cue else ()


def _states_act(verb: Predicate, doers: Sequence[str], predicates: Sequence[Predicate], text: str) -> bool:
    """Whether a sentence (``text``, its parsed verbs ``predicates``) asserts the denied act
    ``verb`` of ``doers``.  As a verb (any form: "looted", "funded"): not negated, hedged or to
    come ("could have struck", "plans to strike"), of the same doer where both give one.  As a
    noun ("an air strike", "Russia's use of"), or by its object taken by a noun ("procurement of
    weapons" for "possessing weapons"): the sentence must name the doer as a party (a verb's
    doer or object, or an owner: "Russia's"), since a noun says nothing of who did it ("a
    refugee camp was the target of an air strike ... near the border with Sudan")."""
    forms = _forms(verb.lemma)
    as_verb = [p for p in predicates if _forms(p.lemma) & forms]
    if as_verb:
        return any(not p.negated and p.mood is None and _same_party(p.subjects, doers, (), ()) is not False
                   for p in as_verb)
    named = any(not t[:1].isupper() and _forms(t) & forms for t in _WORD.findall(text)) or any(
        re.search(rf"\b[a-z]+\s+of\s+(?:[\w’'-]+\s+){{0,3}}{re.escape(o)}\b", text)
        for o in verb.objects if o.islower() and o not in _PRONOUNS)
    if not named:
        return False
    names = [d for d in doers if d[:1].isupper()]
    parties = {w.lower() for p in predicates for w in (*p.subjects, *p.objects)}
    return not names or any(d.lower() in parties or _owner(d, text) for d in names)


def _owner(name: str, text: str) -> bool:
    """Whether ``text`` writes ``name`` as an owner ("Russia's use of"), on its own: "South
    Sudan's Unity state" does not name Sudan."""
    for m in re.finditer(rf"\b{re.escape(name)}[’']s\b", text):
        before = text[: m.start()].split()
        if not before or not before[-1][:1].isupper() or before[-1][-1:] in ".,;:":
            return True
    return False


def _verbal(tokens: Sequence[str], n: int) -> bool:
    """Whether ``tokens[n]`` is written as a verb: inflected ("used", "using", "drank") and
    not after an article or possessive ("the used car"), or after an auxiliary ("will use")."""
    word = tokens[n].lower()
    before = tokens[n - 1].lower() if n else ""
    if before in _AUXILIARY_WORDS:
        return True
    inflected = word.endswith(("ed", "ing")) or word in IRREGULAR_VERB_FORMS
    return inflected and before not in _NOT_VERB_BEFORE and not before.endswith(("’s", "'s"))


def _asserted_order(
    context: _Context, support: list[int], independent: set[int], asserts: dict[int, _Assertion],
    scores: dict[int, float],
) -> list[int]:
    """The asserted side's sentences, the one shown first: another outlet's sentence that reads
    on its own ("Kirby told reporters ...", not "He said ..."), states the act as its predicate,
    and states most of what is denied in one clause; then the closest.  Scores within
    ``TIE_EPSILON`` of each other are a tie, broken by :func:`_tie_key`."""
    from newsbrief.lead import standalone_penalty

    claims = context.grouping.claims

    def tier(j: int) -> tuple[bool, bool, bool, int, int]:
        alone = standalone_penalty(_TIME_LEAD.sub("", claims[j].text)) < 0.25
        return (j not in independent, not alone, not asserts[j].predicate, -asserts[j].acts, -asserts[j].coverage)

    outlets_of_fact: dict[int, set[str]] = {}
    for j in support:
        outlets_of_fact.setdefault(context.fact_of[j], set()).add(outlet_of(context.by_id[claims[j].article_id]))
    ordered: list[int] = []
    rest = sorted(support, key=lambda j: (tier(j), -scores[j]))
    while rest:
        best = rest[0]
        near = [j for j in rest if tier(j) == tier(best) and scores[j] >= scores[best] - TIE_EPSILON]
        near.sort(key=lambda j: _tie_key(context, j, len(outlets_of_fact[context.fact_of[j]])))
        ordered += near
        rest = [j for j in rest if j not in near]
    return ordered


def _tie_key(context: _Context, j: int, outlets: int) -> tuple[int, str, str, int]:
    """Between two equally close asserted versions: the one more outlets state, then the one
    published first, then the earlier sentence (article id, offset): deterministic and stable
    under float noise."""
    claim = context.grouping.claims[j]
    published = context.by_id[claim.article_id].published_date or "9999"
    return (-outlets, published, claim.article_id, claim.start)


_CLOSERS = " \t\"'”’»)]"
# A word with the apostrophes inside it ("Ka'loni", "Flynn's"): a name's parts stay one capitalised word.
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CLAUSES = re.compile(r"[,;:]\s+|\s+[–—-]\s+")
_PROHIBITION = re.compile(r"\b(?:prohibit\w*|forbid\w*|forbade|bans?|banned|banning|embargo\w*|outlaw\w*)\b", re.I)
# A sentence that negates or rebuts: "Iran has neither the capability nor the intention of ...",
# "Khosravi refuted the remarks ...": it asserts nothing.
_NEGATED = re.compile(r"\b(?:never|not|no|neither|nor|untrue|false|denied|denies|refut(?:e|es|ed|ing)|"
                      r"rebut(?:s|ted|ting)?)\b|n't\b", re.I)


def _spread(indices: list[int], claims: list[Claim]) -> list[int]:
    """The same claims, one per article first (so the citations show several outlets)."""
    seen: set[str] = set()
    first: list[int] = []
    rest: list[int] = []
    for j in indices:
        (rest if claims[j].article_id in seen else first).append(j)
        seen.add(claims[j].article_id)
    return first + rest


_SUBJECT = re.compile(r"^(?:of\s+|that\s+)?([A-Z][\w’'-]*)")


def _subject_name(proposition: str) -> str | None:
    """The name a proposition opens with, its subject ("of Kim Jong-un enduring ..." -> "Kim",
    "Weitz is attached to ..." -> "Weitz"); None when it opens otherwise ("reports of ...")."""
    match = _SUBJECT.match(proposition.strip())
    return match.group(1) if match and match.group(1) not in ("The", "A", "An", "This", "That", "It") else None
