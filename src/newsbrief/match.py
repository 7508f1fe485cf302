"""5. Match across articles: canonical entities, grouped facts, typed disagreements.

:func:`match_articles` is the entry point.  It takes the articles of one story with their
per-article analyses and returns a :class:`Matching`:

* **entities** -- one :class:`CanonicalEntity` per real-world referent.  Countries are
  resolved with pycountry (names, official and common names, ISO codes) plus the small tables
  in :mod:`newsbrief.names` for what no package carries (common short names such as
  "Britain", capitals used as actors, irregular demonyms, a few international organisations).  Acronyms defined in the
  text ("Conflict Armament Research (CAR)") become aliases.  People are clustered by name with
  rapidfuzz (Jaro-Winkler per name part, so "Vassily Nebenzia" = "Vasily Nebenzya" but
  "Kim Song" != "Kim Jong-Un"), and a surname alone joins the one full name it fits in the
  story.  spaCy's labels are votes, not facts: a quote speaker, a title ("Mr", "Ambassador")
  or a role apposition ("..., Russia's ambassador to the UN,") counts as evidence of a person.
* **facts** -- see :mod:`newsbrief.facts`.
* **disagreements** -- see :mod:`newsbrief.disagree`.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz.distance import JaroWinkler

from newsbrief.analyse.nlp import model_fits  # re-exported: match.model_fits is the shared predicate
from newsbrief.analyse.speakers import NEWS_AGENCIES, guess_gender
from newsbrief.disagree import find_disagreements
from newsbrief.errors import AnalysisError
from newsbrief.facts import (
    EntityMention,
    FactGrouping,
    chrome_lines,
    claim_predicates,
    content_words,
    extract_claims,
    group_facts,
    outlet_of,
    stable_id,
)
from newsbrief.lexicon import (
    DATELINE,
    HONORIFICS,
    IRREGULAR_VERB_FORMS,
    LIGHT_VERBS,
    REPORTING_FORMS,
    REPORTING_VERBS,
    TITLE_BEFORE,
    TITLES_IN_FULL,
    CueFirst,
    alternation,
    word_set,
)
from newsbrief.models import Article, CanonicalEntity, Citation, Claim, Disagreement, Fact, Predicate
from newsbrief.names import (
    CORPORATE_SUFFIXES,
    NAME_JOINERS,
    TITLES,
    capital_referent,
    clean_name,
    family_surname,
    name_key,
    reference,
    resolve_known,
    same_person,
)
from newsbrief.propositions import shared_figures, states_figure

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

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
# A claim is embedded respelled (one spelling per entity) only for a version of another
# article this close to it as written that names the entity otherwise (see claim_texts).
RESPELL_NEAR = 0.5
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

# Labels of spaCy entities that name nothing (numbers, dates): left to the times and
# quantities layers.
_SKIP_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"})

# A bare "Council" means the Security Council only in a story that names it.
_CONTEXT_ALIASES = {"council": "org:UN Security Council"}
_ORG_WORDS = re.compile(
    r"\b(council|agency|research|department|ministry|force|forces|army|navy|house|office|committee|"
    r"group|company|corporation|inc|ltd|university|institute|bank|party|news|association|"
    r"organi[sz]ation|union|court|commission|federation|republic|kingdom|state|states|times|post)\b",
    re.I,
)
_ROLE = (
    r"(?:ambassador|envoy|representative|spokes(?:man|woman|person)|minister|director|secretary|"
    r"coordinator|official|president|chief|chairman|chair|leader|commander|diplomat|analyst|expert|"
    r"researcher|professor|reporter|correspondent|advis[eo]r|head)"
)
# One word of each branch of _ROLE: a text holding none of them cannot end in a role (the
# check is cheaper than the end-anchored search, which tries every position).
_ROLE_CUES = (
    "ambassador", "envoy", "representative", "spokes", "minister", "director", "secretary", "coordinator",
    "official", "president", "chief", "chair", "leader", "commander", "diplomat", "analyst", "expert",
    "researcher", "professor", "reporter", "correspondent", "advis", "head",
)
_ROLE_BEFORE = CueFirst(
    re.compile(_ROLE + r"(?:\s+(?:to|of|for|at)\s+(?:the\s+)?[\w.’' -]{1,40}?)?,?\s+$", re.I), _ROLE_CUES
)
_ROLE_AFTER = re.compile(r"^,\s+(?:the\s+|a\s+|an\s+)?[\w.’' -]{0,40}?\b" + _ROLE, re.I)
_VERB_AFTER = re.compile(
    rf"^\s+(?:also\s+|has\s+|had\s+|then\s+)?{alternation(REPORTING_FORMS)}\b"
)
_LETTER = re.compile(r"[^\W\d_]")
_NOT_IN_NAMES = re.compile(r"[+@=<>|]")  # a "name" with these is markup or an address
_ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Z.]{1,9})\)")

# --- entity resolution -------------------------------------------------------------------


def _dateline_agency(text: str, start: int | None, acronym: str) -> bool:
    """Whether "NAME (ACRONYM)" is a dateline and its news agency ("NEW YORK (AP) --",
    "Washington (CNN)"), not a name defining its acronym ("World Health Organization (WHO)"):
    a news agency's name, or a place opening its line."""
    if acronym.replace(".", "").lower() in NEWS_AGENCIES:
        return True
    line_start = text.rfind("\n", 0, start or 0) + 1
    return bool(start is not None and not text[line_start:start].strip() and DATELINE.match(text[line_start:]))


@dataclass
class _Mention:
    article_id: str
    outlet: str
    start: int | None  # None for a quote speaker known only by name
    end: int | None
    surface: str
    clean: str
    key: str
    label: str
    person_votes: int = 0
    group: str | None = None
    chrome: bool = False  # in a headline/caption line: kept only if named elsewhere too
    actor: bool | None = None  # a capital named as an actor (from the entities layer)


@dataclass
class EntityResolution:
    """Canonical entities, where each is mentioned, and every surface name -> display name."""

    entities: list[CanonicalEntity]
    mentions: list[EntityMention]
    canonical_names: dict[str, str]


def _person_cues(text: str, start: int, end: int, surface: str) -> int:
    """Evidence in the words around a name that it names a person (0-2)."""
    before, after = text[max(0, start - 60) : start], text[end : end + 60]
    cues = 0
    if TITLE_BEFORE.search(before) or surface.split()[0].rstrip(".").lower() in TITLES:
        cues += 1
    if _ROLE_BEFORE.search(before) or _ROLE_AFTER.match(after):
        cues += 1
    if cues < 2 and _VERB_AFTER.match(after):  # two is the most counted
        cues += 1
    return cues


def _gather_mentions(
    articles: Sequence[Article], analyses: Sequence[Analysis]
) -> tuple[list[_Mention], list[str]]:
    """Entity mentions (minus chrome lines) and quote speakers; (mentions, speaker names)."""
    mentions: list[_Mention] = []
    speakers: list[str] = []
    for article, analysis in zip(articles, analyses, strict=True):
        text, outlet = article.text, outlet_of(article)
        chrome = chrome_lines(text)
        by_span: dict[tuple[int, int], _Mention] = {}
        for entity in analysis.entities:
            if entity.label in _SKIP_LABELS:
                continue
            clean = clean_name(entity.text)
            if not _LETTER.search(clean) or _NOT_IN_NAMES.search(clean):
                continue
            votes = _person_cues(text, entity.start, entity.end, entity.text)
            mention = _Mention(
                article.id,
                outlet,
                entity.start,
                entity.end,
                entity.text,
                clean,
                name_key(clean),
                entity.label,
                votes,
                actor=entity.actor,
            )
            mention.chrome = any(s <= entity.start < e for s, e in chrome)
            mentions.append(mention)
            by_span[(entity.start, entity.end)] = mention
        for quote in analysis.quotes:
            if quote.speaker:
                speakers.append(quote.speaker)
                _credit_speaker(quote, text, by_span, mentions, outlet)
    return mentions, speakers


def _is_name(text: str) -> bool:
    """Whether a speaker string is a proper name ("Hwang Joon-kook"), not "the leaders"."""
    words = clean_name(text).split()
    return (
        bool(words)
        and len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not _ORG_WORDS.search(text)
    )


def _credit_speaker(
    quote: Any, text: str, by_span: dict[tuple[int, int], _Mention], mentions: list[_Mention], outlet: str
) -> None:
    """A quote's speaker is a person: vote for the entity mention naming them, or add one."""
    if quote.speaker_start is None or quote.speaker_end is None or not _is_name(quote.speaker):
        return
    key = name_key(clean_name(quote.speaker))
    named = [
        m
        for (s, e), m in by_span.items()
        if s < quote.speaker_end
        and quote.speaker_start < e
        and (m.key == key or same_person(m.key, key) or (" " not in m.key and m.key in key.split()))
    ]
    for m in named:
        m.person_votes += 2
    if named:
        return
    name = clean_name(quote.speaker)
    at = text.find(name, quote.speaker_start, quote.speaker_end)
    if at >= 0:
        # a capital named as a quote's speaker ("Moscow said") spoke: it acts
        mentions.append(_Mention(quote.article_id, outlet, at, at + len(name), name, name, key, "PERSON", 2, actor=True))


def _capital_actors(mentions: list[_Mention]) -> None:
    """Resolve capitals used as actors ("Moscow said", "Beijing's envoy") to their country.
    Whether a capital acts was read from its sentence's parse at analysis time (the entities
    layer's ``actor``), so briefs load no parser; a capital known only as a quote speaker acts."""
    for m in mentions:
        if m.group is None and m.actor and capital_referent(m.clean):
            referent = capital_referent(m.clean)
            m.group = referent.key if referent else None


def _is_person_key(ms: list[_Mention]) -> bool:
    if any(_ORG_WORDS.search(m.clean) or set(m.key.split()) & (CORPORATE_SUFFIXES - {"the"}) for m in ms):
        return False
    person = sum(1 for m in ms if m.label == "PERSON") + sum(m.person_votes for m in ms)
    other = sum(1 for m in ms if m.label != "PERSON")
    return person > other or (person == other and person > 0 and " " in ms[0].key)


class _NameIndex:
    """Clusters of name keys, looked up by the initials of their parts (so that matching a
    name is not a scan of every cluster in a story of hundreds of articles)."""

    def __init__(self) -> None:
        self.clusters: list[list[str]] = []
        self._by_initial: dict[str, set[int]] = {}
        self._by_part: dict[str, set[int]] = {}

    def candidates(self, key: str) -> list[int]:
        found: set[int] = set()
        for part in key.split():
            found |= self._by_initial.get(part[:1], set())
        return sorted(found)

    def add(self, key: str, cluster: int | None = None) -> int:
        if cluster is None:
            self.clusters.append([])
            cluster = len(self.clusters) - 1
        self.clusters[cluster].append(key)
        for part in key.split():
            self._by_initial.setdefault(part[:1], set()).add(cluster)
            self._by_part.setdefault(part, set()).add(cluster)
        return cluster

    def find_person(self, key: str) -> int | None:
        return next(
            (n for n in self.candidates(key) if any(same_person(key, k) for k in self.clusters[n])), None
        )

    def holding_part(self, part: str) -> list[int]:
        """Clusters with a name part spelled like ``part`` (Jaro-Winkler >= 0.92)."""
        if part in self._by_part:
            return sorted(self._by_part[part])
        return [
            n
            for n in self.candidates(part)
            if any(JaroWinkler.similarity(part, p) >= 0.92 for k in self.clusters[n] for p in k.split())
        ]


_KIN_BEFORE = re.compile(
    r"\b(first lady|first gentleman|second gentleman|wife|husband|son|daughter|mother|father|brother|sister|widow|"
    r"widower)\s+(?:[A-Z][\w.’'-]*\s+)?$", re.I)


def _title_before(text: str, start: int | None) -> str | None:
    """The title or kinship written just before a name ("President", "Mrs", "first lady"), lowercased."""
    if start is None:
        return None
    before = text[max(0, start - 40):start]
    found = TITLE_BEFORE.search(before) or _KIN_BEFORE.search(before)
    return " ".join(found.group(1 if found.re is _KIN_BEFORE else 0).lower().rstrip(". ").split()) if found else None


def _other_gender(m: _Mention, full: list[_Mention], texts: Mapping[str, str]) -> bool:
    """Whether the title before a lone surname says the other gender than those full names
    ("Mrs. Shepard" is not Matthew Shepard; "Mrs. Gingrich" is not Newt Gingrich, though the
    story's other "Gingrich" are)."""
    lead = m.surface.split()[0].rstrip(".").lower() if " " in m.surface else ""  # "Mrs. Gingrich" as one mention
    wanted = guess_gender(lead if lead in HONORIFICS else _title_before(texts.get(m.article_id, ""), m.start) or "")
    return bool(wanted) and any(guess_gender(f.clean) not in (None, wanted) for f in full)


def _other_title(m: _Mention, full: list[_Mention], texts: Mapping[str, str]) -> bool:
    """Whether a lone surname's own article gives those full names another title than the one
    before it: "President Biden ... first lady Jill Biden" names two people, and the surname
    is then not that full name anywhere in the story.  An honorific or an abbreviation is no
    other title ("Mr. Biden" after "President Joe Biden", "Sen. Warren" after "Senator
    Elizabeth Warren": house style)."""
    text = texts.get(m.article_id, "")
    title = _title_before(text, m.start)
    if title is None or title in HONORIFICS:
        return False
    own = {_title_before(text, f.start) for f in full if f.article_id == m.article_id}
    return any(t is not None and t not in HONORIFICS and TITLES_IN_FULL.get(t, t) != TITLES_IN_FULL.get(title, title) for t in own)


def _cluster_people(mentions: list[_Mention], texts: Mapping[str, str] | None = None) -> None:
    """Group person names: full names by spelling, then a lone surname to its one full name."""
    by_key: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.group is None:
            by_key.setdefault(m.key, []).append(m)
    index = _NameIndex()
    full = sorted((k for k in by_key if " " in k), key=lambda k: (-len(by_key[k]), k))
    person_full = [k for k in full if _is_person_key(by_key[k])]
    for key in person_full:
        index.add(key, index.find_person(key))
    for key in full:  # a multi-word name spaCy did not call a person, spelled like one who is
        if key in person_full or any(_ORG_WORDS.search(m.clean) for m in by_key[key]):
            continue
        home = index.find_person(key)
        if home is not None:
            index.add(key, home)
    for n, cluster in enumerate(index.clusters):
        for key in cluster:
            for m in by_key[key]:
                m.group = f"person:{n}"
    in_article: dict[str, set[str]] = {}
    for m in mentions:
        if m.group:
            in_article.setdefault(m.article_id, set()).add(m.group)
    surname_of: dict[str, set[int]] = {}
    named_in: dict[int, set[str]] = {}
    for n, cluster in enumerate(index.clusters):
        for key in cluster:
            surname_of.setdefault(key.split()[-1], set()).add(n)
            named_in.setdefault(n, set()).update(m.article_id for m in by_key[key])
    # words of the story's other names of several words ("Ford Motor", "Horton Plaza")
    in_other_names = {p for m in mentions if " " in m.key and not (m.group or "").startswith("person:") for p in m.key.split()}
    for key, ms in by_key.items():
        if " " in key or ms[0].group is not None:
            continue
        as_person = [m.label == "PERSON" or m.person_votes > 0 for m in ms]
        # Mostly used as an organisation or place: "Ford" the company is not Bill Ford.  But the
        # surname of the story's main person, in no other name of it, names that person wherever
        # it is used as one: "Piccard" tagged PERSON in one article, ORG in others beside
        # "Bertrand Piccard" (the mentions tagged ORG stay apart: joining them changed claims,
        # see docs/benchmarks.md "entities8").
        surname = _main_person(surname_of.get(key, set()), named_in) is not None and key not in in_other_names
        if sum(as_person) * 2 <= len(ms) and not surname:
            continue
        fits_story = index.holding_part(key)
        members = {n: [f for k in index.clusters[n] for f in by_key[k]] for n in fits_story}
        if texts is not None:
            # a full name the surname is seen not to mean, by another title, is not its person anywhere
            fits_story = [n for n in fits_story
                          if not any(p and _other_title(m, members[n], texts) for m, p in zip(ms, as_person, strict=True))]
        for m, personal in zip(ms, as_person, strict=True):
            fits = fits_story
            if not personal:
                continue
            if texts is not None:
                fits = [n for n in fits if not _other_gender(m, members[n], texts)]
            if len(fits) > 1:  # ambiguous in the story: prefer the one named in the same article,
                here = [n for n in fits if f"person:{n}" in in_article.get(m.article_id, set())]
                main = _main_person(set(fits), named_in)  # else the one the story is about
                fits = here or ([main] if main is not None else [])
            if len(fits) == 1:
                m.group = f"person:{fits[0]}"


def _main_person(clusters: set[int], named_in: Mapping[int, set[str]]) -> int | None:
    """Of the people a surname may name, the one the story is about: the only one, or the one named
    in more than twice as many articles as any other ("DiLeo" in an article naming neither is Tony
    DiLeo, named in nine articles, not his son T.J., named in one)."""
    ranked = sorted(clusters, key=lambda n: -len(named_in.get(n, ())))
    if len(ranked) == 1 or (ranked and len(named_in.get(ranked[0], ())) > 2 * len(named_in.get(ranked[1], ()))):
        return ranked[0]
    return None


def _families(mentions: list[_Mention], texts: Mapping[str, str]) -> None:
    """ "the Bidens" in a story naming a Biden is that family: a person entity of its own, never
    a place (spaCy's reading) nor one of its members (whose surname it is spelled like)."""
    surnames = {name_key(m.clean.split()[-1]) for m in mentions if m.label == "PERSON" and " " in m.clean}
    for m in mentions:
        if m.group is None and m.start is not None and " " not in m.clean:
            surname = family_surname(texts[m.article_id], m.start, m.clean)
            if surname and name_key(surname) in surnames:
                m.label, m.person_votes, m.group = "PERSON", 2, f"family:{m.key}"


def _org_core(key: str) -> str:
    words = key.split()
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def _initials(key: str) -> set[str]:
    """Acronyms a name may go by: "united states air force" -> {"usaf"}."""
    words = [w for w in key.split() if w not in NAME_JOINERS]
    core = [w for w in _org_core(" ".join(words)).split() if w not in NAME_JOINERS]
    return {"".join(w[0] for w in words), "".join(w[0] for w in core)} if len(core) > 1 else set()


def _cluster_organisations(mentions: list[_Mention]) -> None:
    """Group organisation names: legal forms dropped ("Chrysler LLC" = "Chrysler"), close
    spellings ("Ford Motor" / "Ford Motors"), a short name or an acronym to the one full name it
    fits ("Northrop" -> "Northrop Grumman", "GAO" -> "Government Accountability Office")."""
    by_core: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.group is None and m.label == "ORG" and not m.chrome:
            by_core.setdefault(_org_core(m.key), []).append(m)
    long_cores = sorted((c for c in by_core if " " in c), key=lambda c: (-len(by_core[c]), c))
    clusters: list[list[str]] = []
    for core in long_cores:
        words = core.split()
        home = next(
            (
                cluster
                for cluster in clusters
                if len(cluster[0].split()) == len(words)
                and all(
                    JaroWinkler.similarity(a, b) >= 0.92
                    for a, b in zip(cluster[0].split(), words, strict=True)
                )
            ),
            None,
        )
        if home is None:
            clusters.append([core])
        else:
            home.append(core)
    for core in (c for c in by_core if " " not in c):
        fits = [
            n
            for n, cluster in enumerate(clusters)
            if any(core == other.split()[0] or core in _initials(other) for other in cluster)
        ]
        if len(fits) == 1:
            clusters[fits[0]].append(core)
        elif not fits:
            clusters.append([core])
    for n, cluster in enumerate(clusters):
        for core in cluster:
            for m in by_core[core]:
                m.group = f"orgname:{n}"
    for m in mentions:  # the same names in headlines join them
        if m.group is None and m.label == "ORG" and _org_core(m.key) in by_core:
            m.group = by_core[_org_core(m.key)][0].group


def resolve_entities(articles: Sequence[Article], analyses: Sequence[Analysis]) -> EntityResolution:
    """One canonical entity per referent across the articles (see the module docstring)."""
    mentions, speakers = _gather_mentions(articles, analyses)
    texts = {a.id: a.text for a in articles}
    acronyms: dict[str, _Mention] = {}
    # "Jordan" said by NER to be a person, in a story about Michael Jordan, is not the country.
    name_parts = {part for m in mentions if m.label == "PERSON" and " " in m.key for part in m.key.split()}
    for m in mentions:
        person_part = m.label == "PERSON" and m.key in name_parts
        referent = None if person_part else resolve_known(m.clean, m.label)
        if referent:
            m.group = referent.key
        if m.end is not None:
            defined = _ACRONYM_AFTER.match(texts[m.article_id][m.end : m.end + 14])
            if defined and name_key(defined.group(1)) != m.key and not _dateline_agency(texts[m.article_id], m.start, defined.group(1)):
                acronyms.setdefault(name_key(defined.group(1)), m)
    _capital_actors(mentions)
    used = {m.group for m in mentions if m.group}
    for m in mentions:
        if m.group is None and m.key in acronyms:
            long_form = acronyms[m.key]
            m.group = long_form.group or f"name:{long_form.key}"
            if long_form.group is None:
                long_form.group = m.group
        elif m.group is None and _CONTEXT_ALIASES.get(m.key) in used:
            m.group = _CONTEXT_ALIASES[m.key]
    for m in mentions:
        if m.group is None and capital_referent(m.clean):
            m.label, m.person_votes = "GPE", 0  # a capital used as a place is a place, whatever NER said
    _families(mentions, texts)
    _cluster_people(mentions, texts)
    _cluster_organisations(mentions)
    for m in mentions:
        if m.group is None:
            m.group = f"name:{m.key}"
    return _build_entities(mentions, speakers)


def _build_entities(mentions: list[_Mention], speakers: list[str]) -> EntityResolution:
    ref = reference()
    referents = {r.key: r for r in ref.names.values()}
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        assert m.group is not None
        groups.setdefault(m.group, []).append(m)
    entities: list[tuple[CanonicalEntity, str]] = []
    for group, ms in list(groups.items()):
        if group not in referents and all(m.chrome for m in ms):
            del groups[group]  # named only in headlines, captions or page chrome
            continue
        forms = Counter(m.clean for m in ms)
        if group in referents:
            name, label = referents[group].name, referents[group].label
        else:
            pool = forms
            # A person's full name, an organisation's spelled-out name ("Conflict Armament
            # Research", not "CAR"): the most complete form.
            if group.startswith(("person:", "orgname:")) or any(f.replace(".", "").isupper() for f in forms):
                pool = Counter({f: n for f, n in forms.items() if " " in f}) or forms
            name = max(pool, key=lambda f: (pool[f], len(f), f))
            label = (
                "PERSON" if group.startswith("person:") else Counter(m.label for m in ms).most_common(1)[0][0]
            )
            if label == "PERSON" and not group.startswith("person:") and not _is_person_key(ms):
                label = (
                    Counter(m.label for m in ms if m.label != "PERSON").most_common(1)[0][0]
                    if any(m.label != "PERSON" for m in ms)
                    else label
                )
        variants = tuple(sorted(forms, key=lambda f: (-forms[f], f)))
        citations = tuple(
            dict.fromkeys(
                Citation(m.article_id, m.outlet, m.start, m.end, m.surface)
                for m in sorted(ms, key=lambda m: (m.article_id, m.start or 0))
                if m.start is not None and m.end is not None
            )
        )
        article_ids = tuple(dict.fromkeys(m.article_id for m in ms))
        entity = CanonicalEntity(stable_id(label, name), name, label, variants, citations, article_ids)
        entities.append((entity, group))
    entities.sort(key=lambda eg: (-len(eg[0].article_ids), -len(eg[0].mentions), eg[0].name))
    id_of = {group: e.id for e, group in entities}
    name_of = {group: e.name for e, group in entities}
    entity_mentions = [
        EntityMention(m.article_id, m.start, m.end, id_of[m.group])
        for m in mentions
        if m.start is not None and m.end is not None and m.group in id_of
    ]
    canonical: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: m.group is not None and m.group.startswith("name:")):
        if m.group not in name_of:
            continue
        canonical.setdefault(m.surface, name_of[m.group])
        canonical.setdefault(m.clean, name_of[m.group])
    resolved = Matching([], [], [], canonical)
    for speaker in speakers:
        canonical.setdefault(speaker, resolved.canonical(speaker))
    return EntityResolution([e for e, _ in entities], entity_mentions, canonical)


# --- the result --------------------------------------------------------------------------


@dataclass
class Matching:
    """What :func:`match_articles` found across the articles of one story."""

    entities: list[CanonicalEntity]
    facts: list[Fact]  # sorted: independent_outlets desc, then score desc
    disagreements: list[Disagreement]
    canonical_names: dict[str, str]  # any surface name or quote speaker -> canonical display name
    _keys: dict[str, str] = field(default_factory=dict, repr=False)
    grouping: FactGrouping | None = field(default=None, repr=False)  # claims and their embeddings
    # sentences that are not claims (a headline line, a sentence without a final stop), by article
    other_sentences: dict[str, list[str]] = field(default_factory=dict, repr=False)
    # the parsed verbs of each article (stored with its sentences), and the span of each of its
    # other_sentences in its text (None for a headline line not in the text)
    predicates: dict[str, tuple[Predicate, ...]] = field(default_factory=dict, repr=False)
    other_spans: dict[str, list[tuple[int, int] | None]] = field(default_factory=dict, repr=False)
    # _similarities of (articles, fact): reports, closeness, restates and states_figure_in ask
    # for the same matrix of one outlet and one fact in turn
    _similarity_cache: dict[tuple[frozenset[str], tuple[tuple[str, int, int], ...]], tuple[list[str], list[str], np.ndarray] | None] = field(
        default_factory=dict, repr=False, compare=False)

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
            from newsbrief.embed import embed

            own_vectors = np.vstack([own_vectors, embed(extra)]) if own_rows else embed(extra)
        return own_texts, [grouping.claims[k].text for k in fact_rows], own_vectors @ grouping.vectors[fact_rows].T

    def canonical(self, name: str) -> str:
        """The canonical display name for ``name`` (exact, then by key, then fuzzy), else ``name``."""
        if name in self.canonical_names:
            return self.canonical_names[name]
        if not self._keys:
            self._keys = {name_key(clean_name(k)): v for k, v in self.canonical_names.items()}
        key = name_key(clean_name(name))
        if key in self._keys:
            return self._keys[key]
        if " " in key:
            people = {v for k, v in self._keys.items() if " " in k and same_person(key, k)}
            if len(people) == 1:
                return people.pop()
        elif key:
            holders = {v for k, v in self._keys.items() if " " in k and key in k.split()}
            if len(holders) == 1:
                return holders.pop()
        return name

    def entity_for(self, name: str) -> CanonicalEntity | None:
        """The canonical entity ``name`` refers to (by name or any variant), if any."""
        display = self.canonical(name)
        return next((e for e in self.entities if e.name == display), None)


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
    verbs, nor negated, possible or intended ones) that two versions and at least ``ACT_SHARE``
    of them use ("strike" and "hit" when two say "was struck" and two "was hit"; not "flee",
    which one adds).  One version's other verbs tell its own details, not the fact."""
    used = Counter(lemma for preds in versions for lemma in {p.lemma for p in preds if _asserted_act(p)})
    return {lemma for lemma, n in used.items() if n >= max(2, ACT_SHARE * len(versions))}


def _asserted_act(p: Predicate) -> bool:
    return p.lemma not in _NOT_ACTS and not p.negated and p.mood is None


def states_act(sentence: str, predicates: Sequence[Predicate], versions: Sequence[tuple[str, Sequence[Predicate]]],
               people: Collection[str]) -> bool:
    """Whether ``sentence`` (its parsed verbs ``predicates``) states the act a fact's ``versions``
    (each a text and its parsed verbs) agree on (:func:`fact_acts`), of the same parties: a verb
    of it, or its noun as what a verb takes ("is facing manslaughter charges" for "was charged
    with vehicular manslaughter"), asserted (not negated, possible or intended), whose doer and
    object agree with a version's where both give them (:func:`_same_party`: "a car" and "a gray
    2013 Toyota Camry", "she" and "Raj Chohan"); no person (a surname of ``people``) the versions
    do not name; no numbers where all the versions' differ; and a content word, name or number in
    common with one version besides the act ("a 59-year-old woman" and "Raj Chohan, 59": 59, the
    corner, the car)."""
    acts = fact_acts([preds for _, preds in versions])
    act_stems = {a[:5] for a in acts}
    theirs = [q for _, preds in versions for q in preds if q.lemma in acts and _asserted_act(q)]
    words = {_crude_stem(w) for t, _ in versions for w in content_words(t)}

    def stated(p: Predicate) -> bool:
        if not _asserted_act(p):
            return False
        if p.lemma in acts:
            return any(q.lemma == p.lemma and _same_parties((_same_party(p.subjects, q.subjects, words, people),
                                                             _same_party(p.objects, q.objects, words, people)))
                       for q in theirs)
        # the act as a noun ("facing charges"): its doer is a party to the versions' act
        return any(o.islower() and o[:5] in act_stems for o in p.objects) and any(
            q.lemma[:5] in {o[:5] for o in p.objects} and _same_parties((_same_party(p.subjects, q.objects + q.subjects, words, people),))
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


def fitting_analyses(analyses: Sequence[Analysis]) -> list[Analysis]:
    """The analyses, with every layer of an article in another language emptied: no entity,
    quote, date, number or claim of it is matched, disputed or briefed."""
    from newsbrief.analyse import Analysis

    return [a if model_fits(a.article) else Analysis.of(a.article, {name: [] for name in a.layers}) for a in analyses]


def match_articles(articles: Sequence[Article], analyses: Sequence[Analysis]) -> Matching:
    """Resolve entities, group facts and find disagreements across one story's articles.

    ``analyses[i]`` must be the analysis of ``articles[i]`` with at least the "sentences"
    layer; the "entities", "quotes", "times" and "quantities" layers are used when present.
    """
    if len(articles) != len(analyses):
        raise AnalysisError(
            f"match_articles got {len(articles)} articles but {len(analyses)} analyses; "
            "pass one analysis per article, in the same order"
        )
    for article, analysis in zip(articles, analyses, strict=True):
        if analysis.article.id != article.id:
            raise AnalysisError(
                f"the analysis of article {analysis.article.id} was passed for article {article.id}; "
                "keep articles and analyses in the same order"
            )
    analyses = fitting_analyses(analyses)
    resolution = resolve_entities(articles, analyses)
    claims = extract_claims(articles, analyses, resolution.mentions)
    render = canonical_renderer(articles, resolution)
    # Claims are embedded with one spelling per entity ("Moscow's use" -> "Russia's use") so
    # versions from different articles read alike.  The spelling is the one most claims already
    # use, so most claims embed as written and their stored sentence vectors serve (a rewritten
    # claim is encoded by the model, in the brief).  The claims of a single article never link
    # to each other: there every claim embeds as written.
    single_article = len({c.article_id for c in claims}) <= 1
    grouping = group_facts(
        articles, claims, None if single_article else claim_texts(articles, resolution, claims),
        claim_predicates(analyses, claims),
    )
    matching = Matching(resolution.entities, grouping.facts, [], resolution.canonical_names, grouping=grouping)
    claimed = {(c.article_id, c.start) for c in claims}
    for article, analysis in zip(articles, analyses, strict=True):
        others = [s for s in analysis.layers.get("sentences", []) if (article.id, s.start) not in claimed and len(s.text.split()) >= 5]
        headline = [article.title] if article.title and len(article.title.split()) >= 4 else []
        matching.other_sentences[article.id] = [s.text for s in others] + headline
        matching.other_spans[article.id] = [(s.start, s.end) for s in others] + [None for _ in headline]
        matching.predicates[article.id] = tuple(p for s in analysis.sentences for p in s.predicates)
    matching.disagreements = find_disagreements(articles, analyses, grouping, matching.canonical, render)
    return matching


def claim_texts(articles: Sequence[Article], resolution: EntityResolution, claims: Sequence[Claim]) -> list[str]:
    """What fact grouping embeds for each claim: the claim respelled with :func:`_spellings`
    when that can bring it closer to another article's version, else as written.

    A claim is respelled only when some claim of another article names one of the entities
    it respells in another form and is already close to it as written (``RESPELL_NEAR``):
    respelling brings two versions together only where they name a referent differently,
    and moves a claim's similarities by 0.07 typically (0.3 at most, measured on 250 DUC
    articles), so versions further apart never link either way.  Every other claim keeps
    its stored sentence vector; each respelled one is a MiniLM encode in the brief."""
    from newsbrief.embed import embed, to_encode

    forms = _claim_forms(articles, resolution, claims)
    spellings = _spellings(resolution, claims, forms)
    written = [c.text for c in claims]
    respelled = [{e for e, form in pairs if e in spellings and not reads_alike(form, spellings[e])} for pairs in forms]
    wanted = [k for k, entities in enumerate(respelled) if entities]
    if not wanted:
        return written
    # Only vectors already stored (or in memory) are compared: nothing is encoded here.
    unstored = set(to_encode(written))
    known = [k for k in range(len(claims)) if written[k] not in unstored]
    vectors = dict(zip(known, embed([written[k] for k in known]), strict=True)) if known else {}
    by_entity: dict[str, list[tuple[int, str]]] = {}
    for k, pairs in enumerate(forms):
        for entity_id, form in pairs:
            by_entity.setdefault(entity_id, []).append((k, form))
    spell = canonical_renderer(articles, resolution, spellings, keep=reads_alike)
    texts = list(written)
    for k in wanted:
        own = forms[k]
        partners = {
            j
            for entity_id in respelled[k]
            for j, form in by_entity[entity_id]
            if claims[j].article_id != claims[k].article_id and (entity_id, form) not in own
        }
        if k not in vectors or any(j not in vectors or float(vectors[k] @ vectors[j]) >= RESPELL_NEAR for j in partners):
            texts[k] = spell(claims[k].article_id, claims[k].start, claims[k].end)
    return texts


def reads_alike(form: str, spelling: str) -> bool:
    """Whether a mention written ``form`` reads to the sentence model as ``spelling`` does, so
    respelling it is not worth an encode: the same letters in another case (the model lower-cases
    its input: "Eta" / "ETA" give one vector), or one word and its derived form ("Israeli" /
    "Israel", "Spanish" / "Spain": sharing all but their last two letters, at least three).  On
    240 DUC articles, claims respelled only in such forms kept a cosine of 0.996 (median) with
    their written version, against 0.983 for other respellings."""
    if form.lower() == spelling.lower():
        return True
    if " " in form or " " in spelling:
        return False
    shared = len(os.path.commonprefix([form.lower(), spelling.lower()]))
    return shared >= max(3, min(len(form), len(spelling)) - 2)


def _claim_forms(
    articles: Sequence[Article], resolution: EntityResolution, claims: Sequence[Claim]
) -> list[set[tuple[str, str]]]:
    """For each claim, the (entity id, form written there) of the entity mentions inside it."""
    texts = {a.id: a.text for a in articles}
    by_article: dict[str, list[EntityMention]] = {}
    for mention in resolution.mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    return [
        {
            (m.entity_id, texts[claim.article_id][m.start : m.end])
            for m in by_article.get(claim.article_id, [])
            if claim.start <= m.start and m.end <= claim.end
        }
        for claim in claims
    ]


def _spellings(
    resolution: EntityResolution, claims: Sequence[Claim], claim_forms: Sequence[set[tuple[str, str]]]
) -> dict[str, str]:
    """entity id -> the spelling of it written in the most claims ("Bush" when most claims
    say "Bush" and one "George W. Bush"; ties go to the canonical name, then the longer form),
    or for a person their full name ("George W. Bush", see ``preference``),
    for each entity named in the claims of two articles or more (an entity only one article
    names brings no two versions closer, whatever it is called).  Rewriting every mention to
    it makes the versions of a fact read alike while leaving most claims as written (so their
    stored sentence vectors serve)."""
    names = {e.id: e.name for e in resolution.entities}
    people = {e.id for e in resolution.entities if e.label == "PERSON"}
    written: dict[str, Counter[str]] = {}
    named_in: dict[str, set[str]] = {}
    for claim, forms in zip(claims, claim_forms, strict=True):
        for entity_id, form in forms:
            written.setdefault(entity_id, Counter())[form] += 1
            named_in.setdefault(entity_id, set()).add(claim.article_id)

    def preference(entity_id: str, forms: Counter[str], form: str) -> tuple[bool, int, int, bool, int, str]:
        # A person goes by their full name (the canonical one, else the fullest written): a claim
        # naming them in full then reads as written, and only a bare "Reid" may become "Tara
        # Reid".  Spelled as most claims do, two claims both saying "Tara Reid" could be read
        # apart, one respelled "Reid" (close to another version) and the other not.
        person = entity_id in people
        full = person and form == names.get(entity_id)
        return (full, len(clean_name(form).split()) if person else 0, forms[form], form == names.get(entity_id), len(form), form)

    return {
        entity_id: max(forms, key=lambda f: preference(entity_id, forms, f))
        for entity_id, forms in written.items()
        if len(named_in[entity_id]) > 1
    }


def canonical_renderer(
    articles: Sequence[Article],
    resolution: EntityResolution,
    spellings: Mapping[str, str] | None = None,
    keep: Callable[[str, str], bool] | None = None,
) -> Callable[[str, int, int], str]:
    """``render(article_id, start, end)``: the span's text with each entity mention replaced
    by its canonical name, or, given ``spellings`` (entity id -> text), by its spelling there
    (mentions of an entity not in it stay as written).  A mention for which ``keep(written,
    name)`` holds stays as written too."""
    texts = {a.id: a.text for a in articles}
    names: Mapping[str, str] = {e.id: e.name for e in resolution.entities} if spellings is None else spellings
    by_article: dict[str, list[EntityMention]] = {}
    for mention in sorted(resolution.mentions, key=lambda m: (m.article_id, m.start, -m.end)):
        by_article.setdefault(mention.article_id, []).append(mention)

    def render(article_id: str, start: int, end: int) -> str:
        text, out, pos = texts[article_id], [], start
        for mention in by_article.get(article_id, []):
            if mention.start >= pos and mention.end <= end:
                name, form = names.get(mention.entity_id), text[mention.start : mention.end]
                out += [text[pos : mention.start], form if name is None or (keep and keep(form, name)) else name]
                pos = mention.end
        out.append(text[pos:end])
        return "".join(out)

    return render
