"""5a. Story-level entity resolution: one :class:`CanonicalEntity` per real-world referent.

The first step of matching (:func:`newsbrief.match.match_articles` calls
:func:`resolve_entities` on one story's articles and their analyses); fact grouping, the
disagreements and the brief read its result, an :class:`EntityResolution`.

Countries are resolved with pycountry (names, official and common names, ISO codes) plus the
small tables in :mod:`newsbrief.names` for what no package carries (common short names such as
"Britain", capitals used as actors, irregular demonyms, a few international organisations).
Acronyms defined in the text ("Conflict Armament Research (CAR)") become aliases.  People are
clustered by name with rapidfuzz (Jaro-Winkler per name part, so "Vassily Nebenzia" = "Vasily
Nebenzya" but "Kim Song" != "Kim Jong-Un"), and a surname alone joins the one full name it fits
in the story.  spaCy's labels are votes, not facts: a quote speaker, a title ("Mr",
"Ambassador") or a role apposition ("..., Russia's ambassador to the UN,") counts as evidence
of a person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import JaroWinkler

from newsbrief.analyse.speakers import NEWS_AGENCIES, guess_gender
from newsbrief.facts import EntityMention, chrome_lines, outlet_of, stable_id
from newsbrief.lexicon import (
    DATELINE,
    HONORIFICS,
    REPORTING_FORMS,
    TITLE_BEFORE,
    TITLES_IN_FULL,
    CueFirst,
    alternation,
    word_set,
)
from newsbrief.models import Article, CanonicalEntity, Citation
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

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

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


# Groups that speak ("Sources told the outlet", "Judges have rejected ..."): a capitalised plural
# opening a sentence is no one's name
_GROUP_SPEAKERS = word_set(
    "sources judges authorities witnesses critics residents doctors officials prosecutors investigators experts "
    "analysts lawmakers scientists researchers officers observers activists protesters organizers organisers "
    "economists diplomats aides lawyers attorneys supporters opponents neighbors neighbours relatives parents "
    "students teachers workers voters members leaders"
)


def _is_name(text: str) -> bool:
    """Whether a speaker string is a proper name ("Hwang Joon-kook"), not "the leaders" or
    "Sources"."""
    words = clean_name(text).split()
    return (
        bool(words)
        and len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not _ORG_WORDS.search(text)
        and not (len(words) == 1 and words[0].lower() in _GROUP_SPEAKERS)
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


# Words joining the parts of an organisation's name, never a person's ("Centers for Disease Control and
# Prevention", "Customs and Border Protection"), and news agencies that "report" like people
_JOINED_NAME = re.compile(r"\s(?:and|for|&)\s|^(?:the )?(?:associated press|agence france[- ]presse|united press international)$", re.I)


def _is_person_key(ms: list[_Mention]) -> bool:
    if any(_ORG_WORDS.search(m.clean) or _JOINED_NAME.search(m.clean) or set(m.key.split()) & (CORPORATE_SUFFIXES - {"the"})
           for m in ms):
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
    # A one-word name that other mentions of the story call a place stays with them, and the
    # label vote decides ("Izmit": GPE where the article shows a place, ORG where it does not).
    places = {m.key for m in mentions if m.group is None and m.label in {"GPE", "LOC"} and " " not in m.key}
    for m in mentions:
        if m.group is None and m.label == "ORG" and not m.chrome and m.key not in places:
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
                others = [m.label for m in ms if m.label != "PERSON"]
                if others:
                    label = Counter(others).most_common(1)[0][0]
                elif any(_JOINED_NAME.search(m.clean) for m in ms):
                    label = "ORG"  # "Centers for Disease Control and Prevention" read as a person wherever it is named
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
    keys: dict[str, str] = {}
    for speaker in speakers:
        canonical.setdefault(speaker, canonical_name(speaker, canonical, keys))
    return EntityResolution([e for e, _ in entities], entity_mentions, canonical)


def canonical_name(name: str, canonical_names: Mapping[str, str], keys: dict[str, str]) -> str:
    """The canonical display name for ``name`` (exact, then by key, then fuzzy), else ``name``.
    ``keys`` (the names by key) is filled on the first lookup that needs it and kept by the
    caller for the next ones."""
    if name in canonical_names:
        return canonical_names[name]
    if not keys:
        keys.update({name_key(clean_name(k)): v for k, v in canonical_names.items()})
    key = name_key(clean_name(name))
    if key in keys:
        return keys[key]
    if " " in key:
        people = {v for k, v in keys.items() if " " in k and same_person(key, k)}
        if len(people) == 1:
            return people.pop()
    elif key:
        holders = {v for k, v in keys.items() if " " in k and key in k.split()}
        if len(holders) == 1:
            return holders.pop()
    return name
