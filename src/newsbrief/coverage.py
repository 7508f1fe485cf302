"""Coverage: which outlet reports which key fact, which facts one outlet alone has, and
which an outlet leaves out ("OUTLET leaves out X").

Part of stage 7: :func:`newsbrief.brief.compose_brief` calls :func:`build_coverage` on the key
facts it shows.  Fact grouping (:mod:`newsbrief.facts`) credits an outlet with a fact when one
of its claims is a version of it; an outlet it does not credit is said to leave the fact out
only when nothing it wrote states the fact in other words.  The checks for that read the
story's :class:`newsbrief.match.Matching` (its claims and their vectors, its other sentences and
headlines, their parsed verbs) through :class:`SentenceEvidence`: a sentence restating a
version (:func:`restates_version`), stating the act the versions agree on (:func:`states_act`),
using every name or figure they share, giving the name, figure and word most of them share
(:func:`states_core`), or a subordinate clause restating one (:func:`states_in_a_clause`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np

from newsbrief.embed import embed
from newsbrief.facts import FactGrouping, content_words
from newsbrief.lexicon import IRREGULAR_VERB_FORMS, LIGHT_VERBS, REPORTING_VERBS, word_set
from newsbrief.models import Article, CanonicalEntity, Coverage, Fact, Predicate
from newsbrief.propositions import shared_figures, states_figure

if TYPE_CHECKING:
    from newsbrief.match import Matching

# An outlet is said to leave a fact out only when none of its sentences (nor its headline)
# states a version of the fact in other words (:func:`restates_version`): either very close
# to it, or fairly close and sharing its content words, with no number or name of its own
# in their place.  Closeness alone is not enough: a sentence on the same topic scores
# 0.5-0.6 ("More Armed Group Members Surrender in Myanmar" / "The military has ruled
# Myanmar since 1962"), and so does the same sentence about someone else ("McKinney will
# serve two consecutive life sentences" / "Henderson received two life sentences").
RESTATE_SIMILAR = 0.8  # this close (cosine): the same statement
RESTATE_RELATED = 0.45  # this close: the same statement if the words agree
RESTATE_SHARED_WORDS = 3  # content words (crude stems) both must share ...
RESTATE_SHARED_SHARE = 0.3  # ... and this share of the shorter one's
# An outlet whose sentence this close restates a key fact (and passes the same word checks)
# counts as reporting it when the brief says what most outlets report and another leaves out,
# though fact grouping (which needs the same specifics) did not credit it: "Burma's military
# rulers ... in the decade since they seized power" reports "The military has ruled Myanmar
# since 1962" (0.74); a sentence on the same topic stays below (0.5-0.6).
RESTATE_REPORTS = 0.65
# An outlet may state a fact in words too far from each version for the checks above, naming
# the person by a description and the act by another verb or a noun: "When a 59-year-old woman
# stepped out of her car ..., she was struck by a car" (0.50 from "Raj Chohan was walking along
# parked cars ... when she was struck"), "the driver is facing manslaughter charges" (0.49 from
# "Subryan was charged with vehicular manslaughter ..."), "A woman has died after being hit by a
# car that fled the scene in Queens Friday" (0.36 from "... Chohan, 59, of Queens, had just
# parked her car ... when she was hit").  A sentence at least this close that states the act
# the versions agree on, names nobody they do not, and shares a word or number with one of
# them besides the act, states it (:func:`states_act`); on the same topic without the act, a
# sentence does not ("Instead of stopping to help her, however, the driver fled the scene").
ACT_NEAR = 0.35
ACT_SHARE = 0.5  # share of a fact's versions that must use a verb for it to be the fact's act
# Verbs that state no act of their own: reporting, light and copular verbs.
_NOT_ACTS = REPORTING_VERBS | LIGHT_VERBS | word_set("be become seem accord appear remain")


# --- the evidence of an outlet's sentences -----------------------------------------------


class SentenceEvidence:
    """What the sentences and headlines of a story's articles say of an outlet (its articles)
    and a key fact, read from the story's :class:`newsbrief.match.Matching`: the
    :class:`OmissionEvidence` :func:`build_coverage` asks for."""

    def __init__(self, matching: Matching) -> None:
        self.entities: list[CanonicalEntity] = matching.entities
        self.grouping: FactGrouping | None = matching.grouping  # claims and their embeddings
        self.other_sentences: dict[str, list[str]] = matching.other_sentences
        self.predicates = matching.predicates
        self.other_spans = matching.other_spans
        # _similarities of (articles, fact): reports, closeness, restates and states_figure_in ask
        # for the same matrix of one outlet and one fact in turn
        self._similarity_cache: dict[tuple[frozenset[str], tuple[tuple[str, int, int], ...]], tuple[list[str], list[str], np.ndarray] | None] = {}

    def reports(self, article_ids: Collection[str], fact: Fact) -> bool:
        """Whether some sentence or headline of these articles restates ``fact`` closely
        (``RESTATE_REPORTS``): the outlet counts among those reporting it, for omissions."""
        return self.restates(article_ids, fact, RESTATE_REPORTS)

    def closeness(self, article_ids: Collection[str], fact: Fact) -> float:
        """The cosine of the sentence or headline of these articles closest to a version of
        ``fact`` (0.0 when they have none)."""
        found = self._similarities(article_ids, fact)
        return float(found[2].max()) if found is not None and found[2].size else 0.0

    def names_everyone_in(self, article_ids: Collection[str], fact: Fact) -> bool:
        """Whether these articles name (by surname) every person each version of ``fact`` names
        (False when its versions share no person): such an outlet may state the fact in words no
        check catches ("Cheeks will be succeeded by Assistant GM Tony DiLeo" / "DiLeo will coach
        the Sixers in Saturday's game")."""
        surname = {e.id: e.name.split()[-1] for e in self.entities if e.label == "PERSON" and e.name.split()}
        named = [{surname[e] for e in c.entity_ids if e in surname} for c in fact.claims]
        shared = set.intersection(*named) if named else set()
        if not shared or self.grouping is None:
            return False
        texts = [c.text for c in self.grouping.claims if c.article_id in article_ids]
        words = {w for t in texts + [t for a in article_ids for t in self.other_sentences.get(a, [])] for w in re.findall(r"[\w'’-]+", t)}
        return shared <= words

    def names_all_in(self, article_ids: Collection[str], fact: Fact) -> bool:
        """Whether these articles use every name all versions of ``fact`` use (capitalised words:
        people, places, bodies, days' names; any case in these articles), False when the versions
        share none.  An outlet naming all of them may state the fact more generally, in words no
        check catches ("the United States will send 4 million doses to Canada and Mexico" for
        "Mexico will receive 2.5 million doses and Canada 1.5 million")."""
        named = [_names(c.text) for c in fact.claims]
        shared = set.intersection(*named) if named else set()
        if not shared or self.grouping is None:
            return False
        texts = [c.text for c in self.grouping.claims if c.article_id in article_ids]
        texts += [t for a in article_ids for t in self.other_sentences.get(a, [])]
        words = {w.lower().removesuffix("'s").removesuffix("’s") for t in texts for w in _NAME_TOKEN.findall(t)}
        return shared <= words

    def states_figure_in(self, article_ids: Collection[str], fact: Fact, closeness: float) -> bool:
        """Whether a sentence or headline of these articles at least ``closeness`` (cosine) to a
        version of ``fact`` states a figure all its versions share, in the same unit
        (:func:`newsbrief.propositions.states_figure`): it restates the fact without the names
        its versions use ("a more than 80 percent increase on naturalization applications" for
        "the Trump administration ... a hike of more than 80 percent")."""
        found = self._similarities(article_ids, fact)
        if found is None:
            return False
        own_texts, versions, sims = found
        shared = shared_figures(versions)
        return bool(shared) and any(
            states_figure(own_texts[x], shared) for x in range(len(own_texts)) if sims[x].max() >= closeness
        )

    def names_with_figure_in(self, article_ids: Collection[str], fact: Fact) -> bool:
        """Whether one sentence or headline of these articles names every name the versions of
        ``fact`` share together with a figure one of them gives (:func:`names_with_figure`): AP's
        "Kennedy, D-Mass., an uncle to Kennedy, 38, planned to spend the weekend ..." gives
        "Kennedy, 38" of "Kennedy, 38, is the only surviving son of John F. Kennedy", however far
        the rest of the sentence is."""
        found = self._similarities(article_ids, fact)
        if found is None:
            return False
        own_texts, versions, _ = found
        return any(names_with_figure(text, versions) for text in own_texts)

    def states_core_in(self, article_ids: Collection[str], fact: Fact) -> bool:
        """Whether one sentence or headline of these articles states the core most versions of
        ``fact`` give (:func:`states_core`): a name all use, a figure and a word most give."""
        found = self._similarities(article_ids, fact)
        if found is None:
            return False
        own_texts, versions, _ = found
        return any(states_core(text, versions) for text in own_texts)

    def restates(self, article_ids: Collection[str], fact: Fact, closeness: float = RESTATE_RELATED) -> bool:
        """Whether some sentence or headline of these articles states ``fact`` in other
        words (so an outlet that has it is not said to leave it out): see
        :func:`restates_version`, tried against each version of the fact, for sentences at
        least ``closeness`` (cosine) to a version."""
        found = self._similarities(article_ids, fact)
        if found is None:
            return False
        own_texts, versions, sims = found
        for x, y in zip(*np.nonzero(sims >= closeness), strict=True):
            if restates_version(own_texts[x], versions[y], float(sims[x, y])):
                return True
        return False

    def states_act_in(self, article_ids: Collection[str], fact: Fact) -> bool:
        """Whether a sentence or headline of these articles at least ``ACT_NEAR`` (cosine) to a
        version of ``fact`` states the act its versions agree on about the same people
        (:func:`states_act`): "she was struck by a car" for "Raj Chohan was walking along parked
        cars ... when she was struck"."""
        found = self._similarities(article_ids, fact)
        if found is None or self.grouping is None:
            return False
        own_texts, versions, sims = found
        spans: list[tuple[str, int, int] | None] = [
            (c.article_id, c.start, c.end) for c in self.grouping.claims if c.article_id in article_ids]
        spans += [(a, span[0], span[1]) if span else None for a in sorted(article_ids) for span in self.other_spans.get(a, [])]
        if len(spans) != len(own_texts):
            return False
        stated = [(c.text, self._predicates_in(c.article_id, c.start, c.end)) for c in fact.claims]
        if not fact_acts([preds for _, preds in stated]):
            return False
        surnames = {e.name.split()[-1].lower() for e in self.entities if e.label == "PERSON" and e.name.split()}
        for x in np.nonzero(sims.max(axis=1) >= ACT_NEAR)[0]:
            span = spans[x]
            if span and states_act(own_texts[x], self._predicates_in(*span), stated, surnames):
                return True
        return False

    def _predicates_in(self, article_id: str, start: int, end: int) -> tuple[Predicate, ...]:
        return tuple(p for p in self.predicates.get(article_id, ()) if start <= p.start and p.end <= end)

    def _similarities(self, article_ids: Collection[str], fact: Fact) -> tuple[list[str], list[str], np.ndarray] | None:
        """(texts of these articles' claims and other sentences, texts of the fact's versions,
        their cosines), or None when either side has nothing.  Kept for the next question about
        the same articles and fact."""
        key = (frozenset(article_ids), tuple((c.article_id, c.start, c.end) for c in fact.claims))
        if key not in self._similarity_cache:
            self._similarity_cache[key] = self._compute_similarities(key[0], fact)
        return self._similarity_cache[key]

    def _compute_similarities(self, article_ids: Collection[str], fact: Fact) -> tuple[list[str], list[str], np.ndarray] | None:
        grouping = self.grouping
        if grouping is None:
            return None
        row = {(c.article_id, c.start, c.end): k for k, c in enumerate(grouping.claims)}
        fact_rows = [row[key] for c in fact.claims if (key := (c.article_id, c.start, c.end)) in row]
        own_rows = [k for k, c in enumerate(grouping.claims) if c.article_id in article_ids]
        extra = [t for a in sorted(article_ids) for t in self.other_sentences.get(a, [])]  # in states_act_in's order
        if not fact_rows or not (own_rows or extra):
            return None
        own_texts = [grouping.claims[k].text for k in own_rows] + extra
        own_vectors = grouping.vectors[own_rows]
        if extra:  # "Tara Reid checked herself into Promises, her rep told People" as a headline line
            own_vectors = np.vstack([own_vectors, embed(extra)]) if own_rows else embed(extra)
        return own_texts, [grouping.claims[k].text for k in fact_rows], own_vectors @ grouping.vectors[fact_rows].T


# --- what a sentence states ----------------------------------------------------------------


_NUMBER = re.compile(r"\d[\d,.]*")
_NUMBER_WORDS = {w: str(n) for n, ws in enumerate(
    ["", "one first", "two second", "three third", "four fourth", "five fifth", "six sixth", "seven seventh",
     "eight eighth", "nine ninth", "ten tenth", "eleven eleventh", "twelve twelfth"]) for w in ws.split()}
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_NOT_NAMES = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december"
)


def _numbers(text: str) -> set[str]:
    """The numbers a sentence gives, digits or words ("fifth" = "5", "2,924" = "2924")."""
    found = {m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}
    return found | {_NUMBER_WORDS[w.lower()] for w in _NAME_TOKEN.findall(text) if w.lower() in _NUMBER_WORDS}


def _names(text: str) -> set[str]:
    """Capitalised words that name someone or something (days and months left out; a
    sentence's first word only when it is no common word)."""
    names = set()
    for n, word in enumerate(_NAME_TOKEN.findall(text)):
        key = word.lower().removesuffix("'s").removesuffix("’s")
        if word[0].isupper() and len(key) > 2 and key not in _NOT_NAMES and (n or content_words(key)):
            names.add(key)
    return names


_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _figures(text: str) -> set[str]:
    """The figures a sentence writes in digits, less years and the digits 0 and 1 ("Kennedy, 38"
    -> {"38"}; "2,924" -> {"2924"}; "in 1999" -> none)."""
    found = {m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}
    return {f for f in found if not _YEAR.fullmatch(f) and f not in ("0", "1")}


def names_with_figure(sentence: str, versions: Sequence[str]) -> bool:
    """Whether ``sentence`` names every name all ``versions`` of a fact share (one at least) and
    gives a figure in digits one of them gives: "Horton, 34, was walking with one of her 12
    children" for "Zurana Horton, 34, a mother of 12, was fatally shot"."""
    shared = set.intersection(*(_names(v) for v in versions)) if versions else set()
    if not shared or not shared <= _names(sentence):
        return False
    return bool(_figures(sentence) & set().union(*(_figures(v) for v in versions)))


def states_core(sentence: str, versions: Sequence[str]) -> bool:
    """Whether ``sentence`` states the core most ``versions`` of a fact give: a name all of them
    use, a figure in digits and another word (inflection aside) that two and at least ``ACT_SHARE``
    of them give.  NYT's "ETA has been responsible for more than 800 killings in the past three
    decades" states AP's "ETA, a Basque language acronym for Basque Homeland and Freedom, has
    killed nearly 800 people ...": ETA, 800, "kill" (not every name: the acronym's expansion)."""
    shared = set.intersection(*(_names(v) for v in versions)) if versions else set()
    if not shared & _names(sentence) or not _figures(sentence) & _most_give([_figures(v) for v in versions]):
        return False
    words = _most_give([_word_stems(v) for v in versions])
    return bool(_word_stems(sentence) & words)


def _most_give(given: Sequence[set[str]]) -> set[str]:
    """What two and at least ``ACT_SHARE`` of the versions give."""
    counts = Counter(x for found in given for x in found)
    return {x for x, n in counts.items() if n >= max(2, ACT_SHARE * len(given))}


_INFLECTION = re.compile(r"(?:ings?|ed|es|s)$")


def _word_stems(text: str) -> set[str]:
    """The content words of a text but its names, each its first five letters once an inflection
    is off ("killings" and "killed" are "kill")."""
    names = _names(text)
    stems = set()
    for word in content_words(text):
        if word in names:
            continue
        end = _INFLECTION.search(word)
        stems.add((word[: end.start()] if end and end.start() >= 3 else word)[:5])
    return stems


def restates_version(sentence: str, version: str, similarity: float) -> bool:
    """Whether ``sentence`` states what ``version`` (one outlet's version of a fact) states,
    in other words, given the cosine ``similarity`` of their embeddings.

    Very close (``RESTATE_SIMILAR``) is enough.  Fairly close (``RESTATE_RELATED``) needs
    the words to agree too: some content words in common (``RESTATE_SHARED_WORDS``, and
    ``RESTATE_SHARED_SHARE`` of the shorter one's, so a short headline can restate a long
    sentence), no numbers that all differ ("fifth coach fired" / "third coach fired"), and
    no names that all differ ("Henderson received two life sentences" / "McKinney will
    serve two life sentences")."""
    if similarity >= RESTATE_SIMILAR:
        return True
    if similarity < RESTATE_RELATED:
        return False
    mine, theirs = _stems(sentence), _stems(version)
    shared = len(mine & theirs)
    if shared < RESTATE_SHARED_WORDS or shared < RESTATE_SHARED_SHARE * min(len(mine), len(theirs)):
        return False
    numbers, other_numbers = _numbers(sentence), _numbers(version)
    if numbers and other_numbers and not numbers & other_numbers:
        return False
    names, other_names = _names(sentence), _names(version)
    return not (names and other_names and not names & other_names)


def fact_acts(versions: Sequence[Sequence[Predicate]]) -> set[str]:
    """The acts a fact's versions agree on: the verbs (lemmas; not reporting, light or copular
    verbs, nor negated ones) that two versions and at least ``ACT_SHARE`` of them use ("strike"
    and "hit" when two say "was struck" and two "was hit"; not "flee", which one adds), in any
    mood ("the president could cancel individual items" and "has five days ... to cancel some
    of its appropriations": "cancel").  One version's other verbs tell its own details, not the fact."""
    used = Counter(lemma for preds in versions for lemma in {p.lemma for p in preds if _act(p)})
    return {lemma for lemma, n in used.items() if n >= max(2, ACT_SHARE * len(versions))}


def _act(p: Predicate) -> bool:
    return p.lemma not in _NOT_ACTS and not p.negated


def states_act(sentence: str, predicates: Sequence[Predicate], versions: Sequence[tuple[str, Sequence[Predicate]]],
               people: Collection[str]) -> bool:
    """Whether ``sentence`` (its parsed verbs ``predicates``) states the act a fact's ``versions``
    (each a text and its parsed verbs) agree on (:func:`fact_acts`), of the same parties: a verb
    of it, or its noun as what a verb takes ("is facing manslaughter charges" for "was charged
    with vehicular manslaughter"), not negated, and done or in the mood of the version it agrees
    with ("which let him cancel specific items" for "the president could cancel individual items";
    not "could face charges" for "was charged"), whose doer and object agree with a version's where
    both give them (:func:`_same_party`: "a car" and "a gray 2013 Toyota Camry", "she" and "Raj
    Chohan"); no person (a surname of ``people``) the versions
    do not name; no numbers where all the versions' differ; and a content word, name or number in
    common with one version besides the act ("a 59-year-old woman" and "Raj Chohan, 59": 59, the
    corner, the car)."""
    acts = fact_acts([preds for _, preds in versions])
    act_stems = {a[:5] for a in acts}
    theirs = [q for _, preds in versions for q in preds if q.lemma in acts and _act(q)]
    words = {_crude_stem(w) for t, _ in versions for w in content_words(t)}

    def stated(p: Predicate) -> bool:
        if not _act(p):
            return False
        if p.lemma in acts:
            return any(q.lemma == p.lemma and p.mood in (None, q.mood)
                       and _same_parties((_same_party(p.subjects, q.subjects, words, people),
                                          _same_party(p.objects, q.objects, words, people)))
                       for q in theirs)
        # the act as a noun ("facing charges"): its doer is a party to the versions' act
        return any(o.islower() and o[:5] in act_stems for o in p.objects) and any(
            q.lemma[:5] in {o[:5] for o in p.objects} and p.mood in (None, q.mood)
            and _same_parties((_same_party(p.subjects, q.objects + q.subjects, words, people),))
            for q in theirs)

    if not any(stated(p) for p in predicates):
        return False
    texts = [t for t, _ in versions]
    words = {w.lower().removesuffix("'s").removesuffix("’s") for w in _NAME_TOKEN.findall(sentence)}
    named = {w for t in texts for w in _NAME_TOKEN.findall(t.lower())}
    if (words & set(people)) - named:
        return False
    numbers = _numbers(sentence)
    given = set().union(*(_numbers(t) for t in texts))
    if numbers and given and not numbers & given:
        return False
    mine = _other_stems(sentence, act_stems)
    return any(mine & _other_stems(t, act_stems) for t in texts)


_PRONOUNS = word_set("he she it they him her them we us i you who whom which that this these those someone anyone one")


def _same_party(mine: Sequence[str], theirs: Sequence[str], words: Collection[str], people: Collection[str]) -> bool | None:
    """Whether the head words of one party to an act (its doer, or what it is done to) in two
    sentences name the same, or None when either gives none but pronouns (whom "she" or "which"
    stands for the record does not say): they share one, or one describes what the other names
    (a capitalised word), when that is a person of the story (a surname of ``people``: "the
    driver" / "Subryan") or the versions use the describing word (``words``, crude stems: "a
    car" / "a 2013 Toyota Camry" where a version says "parked cars").  Two different descriptions ("commandos"
    / "pirates"), two different names, or a name and a word the versions do not use ("a
    celebration" / "the Oscars") are two parties."""
    a = {w.lower() for w in mine} - _PRONOUNS
    b = {w.lower() for w in theirs} - _PRONOUNS
    if not a or not b:
        return None
    if a & b:
        return True
    for described, named in ((mine, theirs), (theirs, mine)):
        nouns = [w for w in described if w.islower() and w not in _PRONOUNS]
        names = [w for w in named if w[:1].isupper()]
        if nouns and names and (any(_crude_stem(w) in words for w in nouns) or any(n.lower() in people for n in names)):
            return True
    return False


def _crude_stem(word: str) -> str:
    """A word's first five letters, a plural's "s" off first ("cars" / "car")."""
    word = word.lower()
    return (word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)[:5]


def _same_parties(agreements: Sequence[bool | None]) -> bool:
    """One act of the same parties: some party found in both, none different (an act whose
    parties neither sentence gives, "to see", "by using", may be anyone's)."""
    return True in agreements and False not in agreements


def _other_stems(text: str, act_stems: Collection[str]) -> set[str]:
    """The crude stems of a text's content words but the act's ("struck" is "strike")."""
    return {IRREGULAR_VERB_FORMS.get(w, w)[:5] for w in content_words(text)} - set(act_stems)


def _stems(text: str) -> set[str]:
    return {w[:5] for w in content_words(text)}  # a crude stem: "ruled" / "rules", "killing" / "killed"


# --- the coverage --------------------------------------------------------------------------


# A fact grouping credits to two or more outlets but fewer than most, which most outlets report
# once those restating it closely count too (``SentenceEvidence.reports``), is said to be left out only
# by an outlet with no sentence or headline even this close to it: the evidence that most report
# it is weaker, so the evidence that this one does not must be stronger than "no restatement"
# (the headline "Esther Williams dies at 91" is 0.57-0.63 from "Williams died early Thursday in
# her sleep" yet shares too few words to count as restating it).  A fact most outlets report is
# not left out by an outlet with a sentence this close that uses every name its versions share.
OMIT_FAR = 0.5


class OmissionEvidence(Protocol):
    """What :func:`build_coverage` asks of the story's sentences (:class:`SentenceEvidence`)."""

    def reports(self, article_ids: Collection[str], fact: Fact) -> bool: ...

    def closeness(self, article_ids: Collection[str], fact: Fact) -> float: ...

    def names_everyone_in(self, article_ids: Collection[str], fact: Fact) -> bool: ...

    def names_all_in(self, article_ids: Collection[str], fact: Fact) -> bool: ...

    def states_figure_in(self, article_ids: Collection[str], fact: Fact, closeness: float) -> bool: ...

    def states_act_in(self, article_ids: Collection[str], fact: Fact) -> bool: ...

    def names_with_figure_in(self, article_ids: Collection[str], fact: Fact) -> bool: ...

    def states_core_in(self, article_ids: Collection[str], fact: Fact) -> bool: ...


def _before_event(published: str, fact: Fact, reported_on: Mapping[str, str | None]) -> bool:
    """Whether an outlet whose latest article is of ``published`` wrote before the fact's
    event: before the earliest day all dated versions agree on, or before the first article
    that reports the fact came out, unless a version dates it by then (a pile over months: a
    March report cannot leave out September's verdict, but can leave out a play of "last
    year").  It cannot have left it out."""
    if not published:
        return False
    first_report = min((d for c in fact.claims if (d := reported_on.get(c.article_id))), default="")
    if first_report and published < first_report and not _dated_by(fact, published):
        return True
    days = [set(d for d in claim.dates if len(d) == 10) for claim in fact.claims]
    days = [d for d in days if d]
    if not days:
        return False
    shared = set.intersection(*days)
    return bool(shared) and published < min(shared)


def _dated_by(fact: Fact, published: str) -> bool:
    """Whether some version of ``fact`` dates it (to the year, month or day) no later than
    ``published``: background an earlier article could have given."""
    return any(_ISO_DATE.match(d) and d <= published[: len(d)] for claim in fact.claims for d in claim.dates)


_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")


# A clause inside a longer sentence may state a fact the whole sentence is too far from: "Biden
# said he 'hasn't heard the details' of McConnell's proposal ... after the House sends the Senate
# its impeachment article on Monday" (0.32-0.39 from "House Democrats will send the impeachment
# article ... to the Senate on Monday"; the clause alone 0.76-0.77).  A subordinate clause this
# close whose words agree (:func:`restates_version`) states the fact.
CLAUSE_RESTATES = 0.7
_SUBORDINATE_CLAUSE = re.compile(
    r"\b(?:after|before|when|while|because|since|until|once|although|though|whereas)\s+[^,;:.!?\"“”()]+", re.I
)
MIN_CLAUSE_WORDS = 6


def subordinate_clauses(articles: Sequence[Article]) -> list[str]:
    """The subordinate clauses of these articles ("after the House sends the Senate its
    impeachment article on Monday") of at least ``MIN_CLAUSE_WORDS`` words."""
    clauses = [m.group().strip() for a in articles for m in _SUBORDINATE_CLAUSE.finditer(a.text)]
    return [c for c in clauses if len(c.split()) >= MIN_CLAUSE_WORDS]


def states_in_a_clause(clauses: Sequence[str], fact: Fact) -> bool:
    """Whether one of an outlet's ``clauses`` (:func:`subordinate_clauses`) states ``fact``: at
    least ``CLAUSE_RESTATES`` close to one of its versions, with words, numbers and names that
    agree."""
    if not clauses or not fact.claims:
        return False
    versions = [c.text for c in fact.claims]
    sims = embed(clauses) @ embed(versions).T
    return any(
        restates_version(clauses[x], versions[y], float(sims[x, y]))
        for x, y in zip(*np.nonzero(sims >= CLAUSE_RESTATES), strict=True)
    )


def build_coverage(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    restates: Callable[[Collection[str], Fact], bool] | None = None,
    evidence: OmissionEvidence | None = None,
) -> Coverage:
    """Which outlet reported which key fact; facts only one outlet has; facts an outlet left out.

    ``restates(article_ids, fact)`` says whether those articles state the fact in other words
    (:meth:`SentenceEvidence.restates`); such a fact is not listed as left out.
    With ``evidence`` (:class:`SentenceEvidence` of the story's matching), an outlet whose articles
    restate a fact closely (``evidence.reports``) counts among those reporting it when it is
    credited to two or more outlets but fewer than most; such a fact is left out only by an
    outlet with no sentence even ``OMIT_FAR`` close to it (``evidence.closeness``) that does not
    name every person it names (``evidence.names_everyone_in``).  A fact most outlets report is
    not said to be left out by an outlet with a sentence ``OMIT_FAR`` close to it that uses every
    name its versions share (``evidence.names_all_in``): it states it, maybe more generally
    ("4 million doses to Canada and Mexico" for "2.5 million to Mexico, 1.5 million to Canada"),
    nor by one whose sentence that close states a figure all its versions share
    (``evidence.states_figure_in``: "a more than 80 percent increase on naturalization
    applications" for "the Trump administration ... a hike of more than 80 percent").  Nor is a
    fact said to be left out by an outlet with a subordinate clause that states it
    (:func:`states_in_a_clause`), nor by one with a sentence naming the names its versions share
    beside a figure one gives (``evidence.names_with_figure_in``: "Kennedy, 38"), nor by one with a
    sentence giving the name, figure and word most versions share (``evidence.states_core_in``:
    "ETA ... more than 800 killings" for "ETA ... has killed nearly 800 people")."""
    outlets = sorted({a.label for a in articles if not a.duplicate_of})
    outlet_of = {a.id: a.label for a in articles}
    reported: dict[str, set[str]] = {o: set() for o in outlets}
    fact_outlets: dict[str, set[str]] = {}
    for fact in facts:
        names = {claim.outlet or outlet_of.get(claim.article_id, claim.article_id) for claim in fact.claims}
        fact_outlets[fact.id] = names
        for name in names:
            reported.setdefault(name, set()).add(fact.id)
    order = [f.id for f in facts]
    matrix = {o: tuple(fid for fid in order if fid in reported.get(o, ())) for o in outlets}
    only_one = tuple(fid for fid in order if len(fact_outlets[fid]) == 1)
    omissions: dict[str, tuple[str, ...]] = {}
    restated_by_most: dict[str, set[str]] = {}
    if len(outlets) >= 3:
        own_of = {outlet: {a.id for a in articles if outlet_of[a.id] == outlet} for outlet in outlets}
        most = max(2, len(outlets) // 2 + 1)
        # facts most outlets report once the outlets restating them closely count too
        for fact in facts:
            if evidence and 2 <= fact.independent_outlets < most:
                restating = {o for o in outlets if o not in fact_outlets[fact.id] and evidence.reports(own_of[o], fact)}
                if fact.independent_outlets + len(restating) >= most:
                    restated_by_most[fact.id] = restating

        def left_out(outlet: str, fact: Fact) -> bool:
            if outlet in fact_outlets[fact.id]:
                return False
            if evidence is not None and (evidence.states_act_in(own_of[outlet], fact)
                                         or evidence.names_with_figure_in(own_of[outlet], fact)
                                         or evidence.states_core_in(own_of[outlet], fact)):
                return False
            if fact.independent_outlets >= most:
                if restates and restates(own_of[outlet], fact):
                    return False
                return not (evidence is not None and evidence.closeness(own_of[outlet], fact) >= OMIT_FAR
                            and (evidence.names_all_in(own_of[outlet], fact)
                                 or evidence.states_figure_in(own_of[outlet], fact, OMIT_FAR)))
            return (fact.id in restated_by_most and outlet not in restated_by_most[fact.id] and evidence is not None
                    and evidence.closeness(own_of[outlet], fact) < OMIT_FAR and not evidence.names_everyone_in(own_of[outlet], fact))

        reported_on = {a.id: a.published_date for a in articles}
        for outlet in outlets:
            own = own_of[outlet]
            latest = max((a.published_date or "" for a in articles if a.id in own), default="")
            clauses = subordinate_clauses([a for a in articles if a.id in own])  # once per outlet, not per fact
            missing = tuple(fact.id for fact in facts if left_out(outlet, fact) and not _before_event(latest, fact, reported_on)
                            and not states_in_a_clause(clauses, fact))
            if missing:
                omissions[outlet] = missing
    # The outlets counted among "most" for restating a fact are shown so (the table agrees with the note).
    restated = {o: fids for o in outlets if (fids := tuple(f for f in order if o in restated_by_most.get(f, ())))}
    return Coverage(outlets=tuple(outlets), matrix=matrix, only_one_outlet=only_one, omissions=omissions, restated=restated)
