"""Who is speaking: speaker mentions split into name and role, and resolved to named people.

A speaker mention is the subject of a reporting verb ("Robert Wood, the US deputy envoy to
the UN", "he", "Mr Wood", "the ambassador", "the White House"), found by :func:`subject_of`
(inherited along "..., adding that") and cut to a noun phrase by :func:`mention_span`.
:func:`describe_mention`
splits it into a personal name and a role without trusting spaCy's entity labels blindly
(the small model tags "Vasily Nebenzya" as ORG): a capitalised name in subject position of a
reporting verb, or next to a role noun, is taken as a person unless it looks like an
organisation or a place.  :class:`SpeakerRegistry` remembers, in document order, the people
named so far and their roles, and resolves pronouns, surnames and role phrases to them; a
pronoun only when its antecedent is sure (:meth:`SpeakerRegistry.sure_of`: near, and no other
person of its gender named since; or :meth:`SpeakerRegistry.named_since`: the one other person
named since, as a subject, when that one is sure), else the quote keeps its mention "he" and no
speaker, since a reader is better served by "unattributed (he)" than by a wrong name.
:func:`resolve_mentions` runs it over one article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsbrief.analyse.nlp import doc_text, word_set
from newsbrief.lexicon import (
    DOCUMENT_NOUNS,
    FEMININE_NAMES,
    FEMININE_WORDS,
    HEADLINE_VERBS,
    HONORIFICS,
    MASCULINE_NAMES,
    MASCULINE_WORDS,
    PERSON_TITLES,
    QUANTITY_NOUNS,
    RANK_ABBREVIATIONS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    alternation,
)
from newsbrief.models import Entity

ROLE_NOUNS = TITLE_WORDS | word_set(
    """representative official officials spokesman spokeswoman spokesperson coordinator executive
    adviser advisor analyst expert researcher diplomat aide lawyer prosecutor economist
    strategist pollster correspondent reporter editor investigator officer delegate envoy
    manager founder ceo head member surrogate operative staffer strategist commentator
    campaigner activist scientist historian author columnist observer monitor negotiator"""
)
# Last words that make a capitalised name an organisation, outlet, place or document.
ORG_WORDS = word_set(
    """council house department agency ministry party committee campaign research institute
    university press journal network group office court congress senate administration
    foundation union nations association service force forces army navy government times
    post news herald tribune guardian daily bank fund organization organisation commission
    statement report board bureau corps center centre school club league company corp inc
    ltd llc co media radio television tv channel magazine review gazette telegraph reuters
    kremlin pentagon assembly parliament cabinet embassy mission police guard command"""
)
NEWS_AGENCIES = word_set(
    "reuters afp ap bloomberg yonhap xinhua tass ria interfax kcna unn cnn bbc nbc cbs abc fox "
    "politico breitbart axios ukrinform kyodo"
)
PLACE_WORDS = word_set(
    """moscow kremlin pyongyang seoul beijing washington kyiv kiev tokyo london paris berlin
    brussels tehran damascus jerusalem ankara delhi islamabad"""
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
FEMININE_PRONOUNS = frozenset({"she", "her"})
# A pronoun's antecedent is sure only within this many sentences of its latest mention.
PRONOUN_SENTENCES = 3
OTHER_PRONOUNS = frozenset({"they", "them", "it", "we", "i", "you", "us", "me", "who", "which", "that"})
DETERMINERS = ("the ", "a ", "an ", "The ", "A ", "An ")


@dataclass(frozen=True)
class Mention:
    """A speaker mention: its span, and what it names.

    ``kind`` is "person" (``name`` set), "pronoun", "role" (a role noun phrase without a
    name, ``role`` set), "document" (a statement, poll, report or figures whose issuer the
    text does not name: no speaker) or "other" (an organisation, country or group).
    """

    start: int
    end: int
    text: str
    kind: str
    name: str | None = None
    role: str | None = None


def _strip_determiner(text: str) -> str:
    for det in DETERMINERS:
        if text.startswith(det):
            return text[len(det):]
    return text


# A wire dateline run into a role: "ROME, February 16 (Xinhua) -- Italian Foreign Minister
# Lamberto Dini said ...": the role is what follows the last dash.
_DATELINE_DASH = re.compile(r"\s*(?:--|—|–)\s*")


def _clean_role(text: str) -> str | None:
    text = _DATELINE_DASH.split(text)[-1]
    role = _strip_determiner(text.strip(" ,;:-–—")).strip(" ,;:-–—")
    if not role:
        return None
    words = {w.lower().strip(".,’'") for w in role.split()}
    if words & ROLE_NOUNS:
        return role
    # "Asheville Police Sgt.", "Army Capt.": a rank written short, last, with what it is a rank of
    last = role.split()[-1].lower().strip(".,’'")
    return role if len(words) > 1 and last in RANK_ABBREVIATIONS else None


def _is_capitalised(token: Any) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _entity_label(entities: Sequence[Entity], start: int, end: int) -> str | None:
    """The label of the entity that overlaps the span most, if any."""
    best, best_overlap = None, 0
    for entity in entities:
        overlap = min(end, entity.end) - max(start, entity.start)
        if overlap > best_overlap:
            best, best_overlap = entity.label, overlap
    return best


# Capitalised job titles written before a name ("Prosecutor Cal Rerucha", "Assistant Dean Rich
# Honack", "GM Tony DiLeo"): the name starts after them.  Only before a name: a name may end in
# one of these words ("Howard Dean").
TITLES_BEFORE_NAMES = ROLE_NOUNS | word_set(
    """councilman councilwoman councillor councilor detective inspector dean gm cto cfo coo coach
    sheriff trooper commissioner superintendent assemblyman assemblywoman alderman attorney"""
)


def _untitled(name: str) -> str:
    """A PERSON entity without the titles the model took into it ("Dean Rich Honack" -> "Rich Honack")."""
    parts = name.split()
    while len(parts) > 2 and parts[0].lower().rstrip(".") in TITLES_BEFORE_NAMES | TITLE_WORDS:
        parts = parts[1:]
    return " ".join(parts)


def _trailing_name(tokens: Sequence[Any]) -> tuple[int, int] | None:
    """Index range of the capitalised run at the end of ``tokens`` (hyphens kept inside), after
    any title before it ("Councilman Jumaane Williams" -> "Jumaane Williams")."""
    end = len(tokens)
    while end and (tokens[end - 1].is_punct or tokens[end - 1].is_space):
        end -= 1
    i = end
    while i > 0:
        tok = tokens[i - 1]
        lower = tok.text.lower()
        if tok.text in ("-", "‐") and i - 2 >= 0 and _is_capitalised(tokens[i - 2]):
            i -= 1
            continue
        hyphen_piece = tok.text.islower() and i - 2 >= 0 and tokens[i - 2].text in ("-", "‐")
        if not (_is_capitalised(tok) or hyphen_piece) or lower in TITLE_WORDS or lower.rstrip(".") in HONORIFICS \
                or lower.endswith(".") and lower[:-1] in PERSON_TITLES:
            break
        if tok.text in ("’s", "'s") or tok.dep_ == "case" or tok.pos_ == "DET" and lower in ("the", "a", "an"):
            break  # "The GOP" opening a sentence: the article is no part of the name
        if i < end and lower.rstrip(".") in TITLES_BEFORE_NAMES and i - 1 < end - 1:
            break  # a title before the name, not part of it
        i -= 1
    return (i, end) if i < end else None


# A US politician's party and state after the name ("Rep. Zoe Lofgren (D-Calif.)", "Gov. Mike Pence
# (R-IN)", "Sen. Bernie Sanders (I-Vt" where the span ends): no part of the name.
_PARTY_TAG = re.compile(r"\(\s*[DRI]\s*(?:-\s*[A-Z][A-Za-z.]{0,6}(?:\s?[A-Z][A-Za-z.]{0,6})?\s*\)?|\))")


def _without_party_tag(tokens: Sequence[Any]) -> Sequence[Any]:
    """``tokens`` without a party-state tag that ends them (``_PARTY_TAG``)."""
    opening = next((n for n in range(len(tokens) - 1, -1, -1) if tokens[n].text == "("), None)
    if opening is None or not opening:
        return tokens
    tail = tokens[opening:]
    written = doc_text(tail[0].doc)[tail[0].idx:tail[-1].idx + len(tail[-1].text)]
    return tokens[:opening] if _PARTY_TAG.fullmatch(written) else tokens


def _untagged(text: str) -> str:
    """``text`` without a party-state tag that ends it: a mention not read as a person's is shown
    as written, but not with its tag ("Senate Intelligence Ranking Democrat Dianne Feinstein")."""
    tag = _PARTY_TAG.search(text)
    return text[:tag.start()].rstrip() if tag and tag.end() == len(text) else text


def _end_of_longer_name(entities: Sequence[Entity], start: int, end: int, text: str) -> bool:
    """Is ``text[start:end]`` the end of a longer name that is not a person's, joined to it by
    a lower-case word: "Berkeley" in "University of California at Berkeley", "Public Affairs"
    in "the Center for Media and Public Affairs"?  (A title the model took into an ORG,
    "Councilman Jumaane Williams", joins with no lower-case word and leaves the name a person's.)"""
    return any(e.label != "PERSON" and e.start < start and end <= e.end
               and any(w[:1].islower() for w in text[e.start:start].split()) for e in entities)


def _looks_like_person(tokens: Sequence[Any], label: str | None, titled: bool, entities: Sequence[Entity] = ()) -> bool:
    """Is a capitalised run a person's name?  NER labels are a hint, never the last word.

    A run ending in a common plural noun (tag NNS: "Authorities", "Officials" opening a sentence)
    names a group, never one person, so it is no antecedent of "he" or "she"; unless the word
    ends a longer PERSON name of the article (``entities``): the small model tags "Sanders" NNS,
    and "Bernie Sanders" shows it is a surname."""
    words = [t.text.lower().strip(".") for t in tokens if not t.is_punct]
    if not words:
        return False
    if words[-1] in ORG_WORDS or words[0] in NEWS_AGENCIES or any(w in ORG_WORDS for w in words):
        return False
    if len(words) == 1 and (tokens[0].text.isupper() and len(tokens[0].text) > 1):
        return False  # an acronym: UN, CAR, NATO
    if titled:
        return True
    if tokens[-1].tag_ == "NNS" and not any(
            e.label == "PERSON" and len(e.text.split()) >= 2 and e.text.split()[-1] == tokens[-1].text for e in entities):
        return False  # a common plural, capitalised to open a sentence: "Authorities said he ..."
    if label == "PERSON":
        return True
    if label in ("GPE", "LOC", "NORP", "FAC", "DATE", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "DISEASE"):
        return False
    return not any(w in PLACE_WORDS for w in words)


_ROLE_HEADS = word_set(
    "ambassador envoy representative spokesman spokeswoman spokesperson minister secretary president "
    "director official coordinator executive adviser advisor chief head leader deputy diplomat"
)


def subject_of(token: Any, in_quote: Callable[[int], bool]) -> Any | None:
    """The subject of a cue, inherited through conj/xcomp/advcl/pcomp when it has none.

    A "subject" inside quote marks is a misparse of the quote ("“..., those transfers ...,”
    Wood said"), never the speaker.
    """
    current = token
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ == "nsubj" and not in_quote(c.idx)]
        if subjects:
            child = min(subjects, key=lambda c: abs(c.i - current.i))
            if child.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return current.head
            return child
        if current.lemma_ == "quote":  # "“...,” he was quoted as saying": the one quoted said it
            quoted = [c for c in current.children if c.dep_ == "nsubjpass" and not in_quote(c.idx)]
            if quoted:
                return quoted[0]
        if current.lemma_ == "read":  # "“...,” read the joint statement"
            for child in current.children:
                if child.dep_ in ("dobj", "attr"):
                    return child
        if current.dep_ in ("conj", "xcomp", "advcl"):
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head
        else:
            return None
    return None


def mention_span(head: Any) -> Any:
    """The noun phrase of a speaker: the subject's subtree without clauses attached to it."""
    doc = head.doc
    if len(head.text) == 1 and 2 <= head.i < len(doc) - 1 and doc[head.i - 1].text == "(" and doc[head.i + 1].text == ")":
        head = doc[head.i - 2]  # "Gov. Greg Abbott (R) announced": the parse makes the party letter the subject
    cut: set[int] = set()
    role_like = head.lemma_.lower() in _ROLE_HEADS or head.lower_ in _ROLE_HEADS or head.text[:1].isupper()
    # "A number of officials": the "of" phrase says who; "the head of the agency" keeps its own
    role_like = role_like or (head.lower_ in QUANTITY_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of"
                                                                    for c in head.children))
    for token in head.subtree:
        descriptive = token.head == head and token.dep_ == "appos" and not token.text[:1].isupper() and (
            token.lower_ not in ROLE_NOUNS)  # ", a group that tracks ..." says nothing of who speaks
        if token.dep_ in ("relcl", "acl") and token.i not in cut or descriptive or (
            token.head == head and token.dep_ == "prep" and not role_like
        ):
            cut.update(t.i for t in token.subtree)
    keep = [t.i for t in head.subtree if t.i not in cut]
    start = end = head.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    if end - start > 20:
        start = max(start, head.i - 6)
        end = head.i
    end = _party_tag_end(doc, head.i, end)
    end = _past_title_period(doc, end)
    if end + 1 < len(doc) and doc[end + 1].text == ")" and doc[start:end + 1].text.count("(") > doc[
        start:end + 1
    ].text.count(")"):
        end += 1  # "... Research (CAR)" keeps its bracket
    return doc[start:end + 1]


def _party_tag_end(doc: Any, first: int, end: int) -> int:
    """``end``, or the closing bracket of a party-state tag (``_PARTY_TAG``) after token ``first``
    when a prepositional phrase follows it up to ``end``: the parse hangs the phrase on the name
    ("Senate Minority Whip Dick Durbin (D-Ill.) in an interview"), but the name's phrase ends with
    its tag.  An apposition after the tag stays (", a member of House Democratic leadership")."""
    text = doc_text(doc)
    for i in range(first + 1, end):
        if doc[i].text == "(":
            tag = _PARTY_TAG.match(text, doc[i].idx)
            closing = next((j for j in range(i + 1, end) if doc[j].text == ")" and doc[j].idx < tag.end()), None) if tag else None
            if closing is not None and doc[closing + 1].dep_ == "prep":
                return closing
    return end


def _first_introduced(people: Sequence[_Person], words: Sequence[str]) -> list[_Person]:
    """Of two people named in full who share the short name ``words`` ("Cruz" after Ted Cruz and
    Heidi Cruz), the mentions of the one introduced first: news calls the one it is about by the
    bare surname and the other by the full name.  Only names whose first name tells a gender
    count as people here, and names one of which contains the other ("Loretta E. Lynch",
    "Loretta Lynch") are one person.  Empty unless there are two such people."""
    named = [p for p in people if len(_name_words(p.name)) > len(words) and guess_gender(p.name)]
    groups: list[list[_Person]] = []
    for person in sorted(named, key=lambda p: p.position):
        own = set(_name_words(person.name))
        group = next((g for g in groups if any(own <= set(_name_words(o.name)) or set(_name_words(o.name)) <= own
                                               for o in g)), None)
        if group is None:
            groups.append([person])
        else:
            group.append(person)
    return groups[0] if len(groups) > 1 else []


def _past_title_period(doc: Any, end: int) -> int:
    """Where a speaker's phrase ends when its last word is an abbreviated title whose period the
    parse took as the end of the phrase ("said Asheville Police Sgt. Randy Riddle": the subject is
    "Sgt"): past the name after the period."""
    if not (doc[end].lower_ in TITLE_ABBREVIATIONS and end + 2 < len(doc) and doc[end + 1].text == "."
            and doc[end + 2].pos_ == "PROPN" and doc[end + 2].text[:1].isupper()):
        return end
    last = end + 2
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN" and doc[last + 1].text[:1].isupper():
        last += 1
    return last


def _name_of_organisation(span: Any, tokens: Sequence[Any], entities: Sequence[Entity]) -> Mention | None:
    """"Danny Gold of Metropolis", "Kate Kendell of the National Center for Lesbian Rights":
    the person named before "of", not the organisation after it; "Bank of America", one name of
    an organisation, whole, after its article too ("the National Academies of Sciences,
    Engineering and Medicine": a list inside a name is no apposition, and its last word is no
    person).  None when neither: "Secretary of State Mike Pompeo"."""
    of = next((i for i, t in enumerate(tokens[:-1]) if t.text == "of" and i > 0 and "," not in (t.text for t in tokens[:i])), None)
    if of is None:
        return None
    first = tokens[1] if tokens[0].dep_ == "det" and of > 1 else tokens[0]
    whole = next((e for e in entities if e.start <= first.idx and tokens[of + 1].idx < e.end
                  and e.start <= span.root.idx < e.end), None)  # not "the University of Michigan's John Smith"
    if whole is not None and whole.label in ("ORG", "GPE", "FAC"):  # "Bank of America": one name
        return Mention(span.start_char, span.end_char, span.text, "other")
    run = _trailing_name(tokens[:of])
    if run is None or run[0] != 0:
        return None
    name_tokens = tokens[:run[1]]
    start, end = name_tokens[0].idx, name_tokens[-1].idx + len(name_tokens[-1].text)
    label = _entity_label(entities, start, end)
    if not (label == "PERSON" or len(name_tokens) >= 2) or not _looks_like_person(name_tokens, label, False, entities):
        return None
    return Mention(span.start_char, span.end_char, span.text, "person", name=doc_text(span.doc)[start:end])


def is_document(token: Any) -> bool:
    """Is ``token`` a common noun naming what is said rather than who says it ("statement",
    "polls", "figures"; see ``DOCUMENT_NOUNS``)?  A capitalised one inside a sentence is part of
    a name ("Consumer Reports", "the Drudge Report") and is not."""
    return token.pos_ == "NOUN" and (token.text[:1].islower() or token.is_sent_start) and (
        token.lower_ in DOCUMENT_NOUNS or token.lemma_.lower() in DOCUMENT_NOUNS)


def _can_issue(token: Any, entities: Sequence[Entity]) -> bool:
    """Can ``token`` (the head of a noun phrase) have issued a document: a name that is not a
    date or number ("the White House", not "October 11"), or an organisation or role noun
    ("the ministry", "officials")?"""
    if token.pos_ == "PRON" or token.like_num or is_document(token):
        return False
    if token.pos_ == "PROPN":
        return _entity_label(entities, token.idx, token.idx + len(token.text)) not in (
            "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
    return token.lemma_.lower() in ROLE_NOUNS | ORG_WORDS or token.lower_ in ROLE_NOUNS | ORG_WORDS


def _name_before(head: Any) -> Any | None:
    """The name written before a document noun, past lower-case modifiers: "a New York
    Times/CBS News poll", "The latest Reuters/Ipsos opinion poll", "the IMF report"; None for
    "A 2014 study" or "The October 11 presentation" (a number is no name)."""
    i = head.i - 1
    while i >= 0 and head.doc[i].head.i >= head.i and head.doc[i].text[:1].islower() and head.doc[i].pos_ in ("NOUN", "ADJ"):
        i -= 1  # "opinion", "tracking", "national"
    end = i
    while i >= 0 and (head.doc[i].pos_ == "PROPN" or head.doc[i].text in ("/", "-", "&") and i < end):
        i -= 1
    start = i + 1
    while start <= end and head.doc[start].text in ("/", "-", "&"):
        start += 1
    return head.doc[start:end + 1] if start <= end else None


def issuer_of(head: Any, entities: Sequence[Entity]) -> Any | None:
    """The span naming who issued a document, from the parse of its head noun: its possessor
    ("the ministry's statement"), the object of "from"/"by"/"of" ("a statement from the
    ministry", "a report by UN investigators"), or a proper-noun compound ("a White House
    statement", "a CNN poll"); None when the text does not say ("the statement said",
    "Recent polls show", "the October 11 presentation")."""
    candidates = [c for c in head.children if c.dep_ == "poss"]
    after = head.right_edge.i + 1  # "read the joint statement by ...": "by" hangs on the verb
    preps = [*head.children, *(c for c in head.head.children if c.i == after and c.lower_ == "by")]
    preps += [a for acl in head.children if acl.dep_ == "acl" for a in acl.children if a.dep_ == "agent"]
    for prep in preps:  # "a statement released by the State Department": its agent
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by", "of"):
            candidates += [c for c in prep.children if c.dep_ == "pobj"]
    issuer = next((c for c in candidates if _can_issue(c, entities)), None)
    if issuer is None:
        return _name_before(head)
    span = mention_span(issuer)
    if len(span) > 1 and span[-1].dep_ == "case":  # "the ministry's"
        span = span[:-1]
    return span


def _earlier_issuer(head: Any, entities: Sequence[Entity]) -> Any | None:
    """The issuer of "the statement" named earlier in the article: "the US military said in a
    statement ... “...,” the statement said" is the US military's; None when the nearest
    earlier "a statement" names no issuer, or the mention is not definite."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return None
    for token in reversed(head.doc[:head.i]):
        if token.lemma_ != head.lemma_ or not is_document(token):
            continue
        if (issuer := issuer_of(token, entities)) is not None:
            return issuer
        verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("in", "through") else None
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
        if subjects and subjects[0].pos_ in ("NOUN", "PROPN") and not is_document(subjects[0]):
            return mention_span(subjects[0])
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None  # "a statement" that names no issuer
        # "the statement" again ("As noted in the statement"): the same one, look further back
    return None


def _describe_issuer(issuer: Any, entities: Sequence[Entity]) -> Mention:
    """An issuer's mention; joint pollsters ("Reuters/Ipsos") are one organisation's name, and
    coordinated issuers ("a study by Harvard and the University of California at Berkeley")
    are named together, never by the last part."""
    if any(t.text in ("/", "-", "&") for t in issuer):
        return Mention(issuer.start_char, issuer.end_char, issuer.text, "other", name=issuer.text)
    if any(t.dep_ == "conj" and t.head == issuer.root for t in issuer):
        return Mention(issuer.start_char, issuer.end_char, issuer.text, "other",
                       name=_strip_determiner(issuer.text.strip()))
    return describe_mention(issuer, entities)


def describe_mention(span: Any, entities: Sequence[Entity]) -> Mention:
    """Split a subject span (a spaCy Span) into name and role; see :class:`Mention`.

    A document ("the statement", "Recent polls") is not a speaker: the mention becomes its
    issuer when the text names one (:func:`issuer_of`), else a "document" mention.
    """
    text = span.text
    start, end = span.start_char, span.end_char
    if is_document(span.root):
        issuer = issuer_of(span.root, entities)
        if issuer is not None:
            return _describe_issuer(issuer, entities)
        earlier = _earlier_issuer(span.root, entities)
        if earlier is None:
            return Mention(start, end, text, "document")
        # the span as written ("the statement"), naming whom the earlier sentence named
        named = _describe_issuer(earlier, entities)
        return replace(named, start=start, end=end, text=text,
                       name=named.name or _strip_determiner(earlier.text.strip()))
    tokens = [t for t in span if not t.is_space]
    if len(tokens) == 1 and tokens[0].pos_ == "PRON":
        return Mention(start, end, text, "pronoun")
    if len(tokens) == 1 and tokens[0].text.lower() in OTHER_PRONOUNS | PERSON_PRONOUNS:
        return Mention(start, end, text, "pronoun")
    named_of = _name_of_organisation(span, tokens, entities)
    if named_of is not None:
        return named_of
    parts: list[list[Any]] = [[]]
    for tok in tokens:
        if tok.text == ",":
            parts.append([])
        else:
            parts[-1].append(tok)
    parts = [p for p in parts if p]
    name_range: tuple[int, int] | None = None
    role_texts: list[str] = []
    for whole in parts:
        part = list(_without_party_tag(whole))
        run = _trailing_name(part) if name_range is None else None
        if run is not None:
            i, j = run
            before = [t.text.lower().strip(".") for t in part[:i]]
            titled = bool(before) and (before[-1] in TITLE_WORDS or before[-1] in HONORIFICS
                                       or before[-1] in ROLE_NOUNS)
            appositive = len(parts) > 1 and i == 0
            run_start, run_end = part[i].idx, part[j - 1].idx + len(part[j - 1].text)
            label = _entity_label(entities, run_start, run_end)
            if _looks_like_person(part[i:j], label, titled or appositive and label != "GPE", entities) and not _end_of_longer_name(
                    entities, run_start, run_end, doc_text(span.doc)):
                name_range = (part[i].idx, part[j - 1].idx + len(part[j - 1].text))
                if i:
                    role_texts.append(doc_text(span.doc)[part[0].idx:part[i - 1].idx + len(part[i - 1].text)])
                continue
        role_texts.append(doc_text(span.doc)[part[0].idx:part[-1].idx + len(part[-1].text)])
    roles = [r for r in (_clean_role(t) for t in role_texts) if r]
    role = roles[0] if roles else None
    if role and role.lower().strip(".") in HONORIFICS:
        role = None
    if name_range is not None:
        name = doc_text(span.doc)[name_range[0]:name_range[1]].strip(" '\"’‘“”`")
        return Mention(start, end, text, "person", name=name, role=role)
    if role is not None and len(parts) == 1:
        return Mention(start, end, text, "role", role=role)
    return Mention(start, end, text, "other", role=role)


def _norm(word: str) -> str:
    return re.sub(r"[^a-z0-9]", "", word.lower())


def _name_words(name: str) -> list[str]:
    return [w for w in (_norm(p) for p in re.split(r"[\s]+", name)) if w and w not in HONORIFICS]


def _role_words(role: str) -> tuple[str | None, set[str]]:
    """The role's head noun and its other content words, normalised."""
    words = [_norm(w) for w in re.split(r"[\s,]+", role.replace("’s", "").replace("'s", ""))]
    words = [w for w in words if w and w not in {"the", "a", "an", "to", "of", "at", "for", "from", "in", "on"}]
    heads = [w for w in words if w in ROLE_NOUNS]
    head = heads[-1] if heads else None
    return head, {w for w in words if w != head}


SYNONYM_HEADS = {"envoy": "ambassador", "spokeswoman": "spokesman", "spokesperson": "spokesman"}


def _word_match(word: str, words: set[str]) -> bool:
    """"russian" matches "russia", "us" matches "us"; a 5-letter prefix is enough."""
    return any(word == w or (len(word) >= 5 and len(w) >= 5 and word[:5] == w[:5]) for w in words)


def guess_gender(mention_text: str) -> str | None:
    """"f", "m" or None, from honorifics, gendered role words and common first names."""
    words = [w.lower().strip(".,’'") for w in mention_text.split()]
    if any(w in FEMININE_WORDS for w in words):
        return "f"
    if any(w in MASCULINE_WORDS for w in words):
        return "m"
    for word in words:
        if word in FEMININE_NAMES:
            return "f"
        if word in MASCULINE_NAMES:
            return "m"
    return None


@dataclass
class _Person:
    name: str
    role: str | None
    position: int


@dataclass(frozen=True)
class _Pronoun:
    """A personal pronoun outside quotes: its offset, gender ("f" | "m"), its head's offset and
    dependency label, and where the first quotation of its sentence before it opens (-1 for none)."""

    start: int
    gender: str
    head: int
    head_dep: str
    quoted_from: int


@dataclass(frozen=True)
class _Named:
    """A mention of a person in any position: its span, name as written and normalised, the
    gender its honorific or first name tells, and the clause it is the subject of (see
    :func:`_clause_of_subject`)."""

    start: int
    end: int
    text: str
    words: list[str]
    gender: str | None
    # the clause whose subject it is (or whose subject's possessive: "Mr. Obama's bet is"): its
    # span and its verb's offset; None when the name is no subject ("Trump accused Cruz")
    clause: tuple[int, int, int] | None = None


def _same_person(name: list[str], known: list[str]) -> bool:
    """Can ``name`` (normalised words) be the person ``known``: part of that name ("Trump" of
    "Donald Trump"), or that name with a first name before it ("Vasily Nebenzya" of "Nebenzya")?
    "Trump National Doral Resort Miami" is neither of "Donald Trump"."""
    return bool(name) and bool(known) and (set(name) <= set(known) or set(known) <= set(name) and name[-1] == known[-1])


def same_person(name: str, speaker: str) -> bool:
    """Can the name ``name`` be the resolved speaker ``speaker`` (see :func:`_same_person`)?"""
    return _same_person(_name_words(name), _name_words(speaker))


def _written_as_person(mention: Mention, label: str | None, speech: bool) -> bool:
    """Does this mention of a name show the name is a person's, whatever the model's label?

    A title, honorific or role with the name ("Ambassador Wood", "Robert Wood, the US envoy"),
    a PERSON label, or the subject of a speech verb (``speech``) that the model did not label an
    organisation, or did but whose first name is a known one ("Vasily Nebenzya said", ORG to
    the small model).  An organisation subject of a speech verb ("Cadillac said") is not."""
    if mention.role or label == "PERSON":
        return True
    before = mention.text[:mention.text.find(mention.name or "")].split() if mention.name else []
    if any(w.lower().strip(".,") in TITLES_BEFORE_NAMES | PERSON_TITLES for w in before):
        return True
    return speech and (label is None or guess_gender(mention.name or "") is not None)


@dataclass
class SpeakerRegistry:
    """People named so far in one article, in document order, for resolving mentions.

    ``persons`` holds the names (normalised words) the article shows are people's (PERSON
    entities, see :func:`_written_as_person`), collected over the whole article first: only
    those join ``people`` and are antecedents of "he" and "she", so "he" is never a hotel
    ("The Trump National Doral Resort Miami has hosted ...", an ORG subject) nor a law.
    """

    people: list[_Person] = field(default_factory=list)
    recent: list[tuple[int, int, str, bool]] = field(default_factory=list)  # (start, end, speaker, is_person)
    genders: dict[str, str] = field(default_factory=dict)  # speaker -> "f" | "m"
    persons: list[list[str]] = field(default_factory=list)
    # every mention of a person, subject or not, and where the sentences start, for the
    # confidence of a pronoun's antecedent (:meth:`sure_of`, :meth:`named_since`)
    mentioned: list[_Named] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    # every sentence's start, quotes' too, and the personal pronouns outside quotes with their gender
    doc_sentence_starts: list[int] = field(default_factory=list)
    pronouns: list[_Pronoun] = field(default_factory=list)

    def add_entities(self, entities: Iterable[Entity]) -> None:
        """Register multi-word PERSON entities, so "Mr Wood" finds "Robert Wood"."""
        for entity in entities:
            if entity.label == "PERSON":
                words = {w.lower() for w in entity.text.split()}
                # a headline ("Obama Says African-American ...") is not a name
                if not words & ORG_WORDS and entity.text.split()[-1].lower() not in HEADLINE_VERBS:
                    self.persons.append(_name_words(_untitled(entity.text)))
                    if len(entity.text.split()) >= 2:
                        self.people.append(_Person(_untitled(entity.text), None, entity.start))

    def add_person(self, name: str) -> None:
        """A name the article writes as a person's (:func:`_written_as_person`)."""
        self.persons.append(_name_words(name))

    def is_person_name(self, name: str) -> bool:
        """Is ``name`` one the article shows is a person's (see ``persons``)?"""
        words = _name_words(name)
        return any(_same_person(words, known) for known in self.persons)

    def register(self, mention: Mention, speaker: str | None, position: int) -> None:
        """Remember a resolved subject or speaker (for pronouns) and a name's role."""
        named = mention.kind == "person" and mention.name and speaker
        person = bool(speaker) and (mention.kind == "pronoun" or self._is_person(speaker or "")
                                    or bool(named) and self.is_person_name(speaker or ""))
        if named and speaker and person and (len(_name_words(mention.name or "")) >= 2 or mention.role):
            self.people.append(_Person(speaker, mention.role or self.role_of(speaker), position))
        if speaker:
            self.recent.append((position, mention.end, speaker, person))
            # the name's own first name before the mention's other words: "“Perfect Enough: Carly
            # Fiorina and ...” by George Anders" is George Anders's, a man's
            gender = guess_gender(speaker) or guess_gender(mention.text if mention.kind != "pronoun" else "")
            if mention.kind == "pronoun":
                gender = "f" if mention.text.strip().lower() in FEMININE_PRONOUNS else "m"
            if gender and speaker not in self.genders:
                self.genders[speaker] = gender

    def _is_person(self, name: str) -> bool:
        return any(p.name == name for p in self.people)

    def role_of(self, name: str) -> str | None:
        for person in reversed(self.people):
            if person.name == name and person.role:
                return person.role
        return None

    def resolve_name(self, name: str, position: int, written: str | None = None, gender: str | None = None) -> str:
        """A short name ("Wood", "Mr Hwang") to the latest full name that contains it, of the
        gender its honorific says (``written``, the mention as written: "Mrs. Shepard" is not
        Matthew Shepard; with no such name it stays "Mrs. Shepard") or ``gender`` when known
        otherwise (a pronoun's: the "Cruz" a "he" stands for is Ted Cruz, not Heidi Cruz).  With
        two full names and no gender to tell them apart, the first introduced."""
        words = _name_words(name)
        if not words:
            return name
        candidates = [p for p in self.people if set(words) <= set(_name_words(p.name))]
        gender = gender or guess_gender(written or name)
        fitting = [p for p in candidates if guess_gender(p.name) in (None, gender)] if gender else candidates
        before = [p for p in fitting if p.position <= position]
        chosen = (before or fitting)
        if not chosen:
            if len(fitting) < len(candidates):
                shown = _strip_determiner((written or name).strip())
                return shown if len(shown.split()) <= 4 else name
            return re.sub(rf"^{alternation(h.capitalize() for h in HONORIFICS)}\.?\s+", "", name)
        if not gender:
            chosen = _first_introduced(before, words) or chosen
        best = max(chosen, key=lambda p: (p.position <= position, p.position, len(p.name)))
        return best.name

    def resolve_role(self, role: str, position: int) -> str | None:
        """A role phrase ("the ambassador", "Russia's ambassador to the UN") to a named person."""
        head, words = _role_words(role)
        if head is None:
            return None
        head = SYNONYM_HEADS.get(head, head)
        for person in sorted(self.people, key=lambda p: p.position, reverse=True):
            if person.position > position or not person.role:
                continue
            p_head, p_words = _role_words(person.role)
            if p_head is None or SYNONYM_HEADS.get(p_head, p_head) != head:
                continue
            if all(_word_match(w, p_words) for w in words):
                return person.name
        return None

    def resolve_pronoun(self, pronoun: str, position: int) -> str | None:
        """A personal pronoun to the latest named person subject or speaker before it, when
        :meth:`sure_of` it; else to the one person named since, when :meth:`named_since` is sure of
        that one; else None ("he" unattributed beats a wrong name)."""
        if pronoun.lower() not in PERSON_PRONOUNS:
            return None
        wanted = "f" if pronoun.lower() in FEMININE_PRONOUNS else "m"
        for start, end, speaker, is_person in reversed(self.recent):
            if start < position and is_person and self.genders.get(speaker, wanted) == wanted:
                if self.sure_of(speaker, end, position, wanted):
                    return speaker
                return self.named_since(speaker, end, position, wanted)
        return None

    def sure_of(self, speaker: str, since: int, position: int, wanted: str) -> bool:
        """Is ``speaker``, the latest person subject before a pronoun of gender ``wanted`` at
        ``position`` (its mention ending at ``since``), surely the pronoun's antecedent?

        Not when the speaker's latest mention (as subject or not) is more than
        :data:`PRONOUN_SENTENCES` sentences back, quotes' sentences not counted; nor when another
        person whose gender is ``wanted`` or untold is named after the sentence of that mention,
        in the pronoun's sentence or the one before ("... which is something that concerns Henry
        Crespo, president of ... “...,” he said": an object, and the speaker).  A person named in
        the speaker's own sentence does not compete ("Trump says he is making a demand of Obama.
        “...?” he asks"): the subject is the one a reader takes.
        """
        here, then = self._sentence(position), self._sentence(self._latest_mention(speaker, since, position))
        if here - then > PRONOUN_SENTENCES:
            return False
        return not self._competitors(speaker, then, position, wanted)

    def named_since(self, speaker: str, since: int, position: int, wanted: str) -> str | None:
        """The person a pronoun of gender ``wanted`` at ``position`` stands for when ``speaker``,
        the latest person subject before it, is not sure (:meth:`sure_of`: too far back, or another
        person named since: "Murphy has an ally in Hillary Clinton. He thinks ...": Chris Murphy,
        not the speaker quoted before), or None when that person is not sure either.

        It is sure when it is the only person of the pronoun's gender or of none told named in the
        pronoun's sentence or the one before (:meth:`_competitors`); its gender is told and is
        the pronoun's; its name stands for one person of that gender ("Cruz" is not sure where
        Ted Cruz's father Rafael Cruz is named); every mention of it there is a clause's subject
        or the possessive of one ("Mr. Obama's bet is ... He says"; not of a person: "Donald Trump's
        vice president posted ... in which he described"), not an object ("Trump accused
        Cruz ... Then he cut into Bush"), a relative clause's subject ("the same partisan fire
        Mr. Obama has") or an apposition; in the pronoun's own sentence its clause holds the
        pronoun's ("Senator Marco Rubio is airing a new TV ad ..., in which he declares"), not
        the other way round ("Mr. Trump ... fits that bill for many people, he added"; "Kennedy's
        plane may have crashed, he said", an aside the parse hangs on the clause); and no
        pronoun of its gender comes before it in its sentence, which would tell that sentence is
        about someone else ("She has faced ... his wife, ... Hillary Clinton").
        """
        then = self._sentence(self._latest_mention(speaker, since, position))
        others = self._competitors(speaker, then, position, wanted)
        if not others or any(not _same_person(other.words, others[-1].words) for other in others):
            return None
        nearest = others[-1]
        if (nearest.gender or self._gender_of(nearest.words, nearest.start)) != wanted:
            return None
        if any(other.clause is None for other in others):
            return None
        here = self._doc_sentence(position)
        pronoun = next((p for p in self.pronouns if p.start == position), None)
        for other in others:
            start, end, head = other.clause or (0, 0, 0)
            if self._doc_sentence(other.start) == here and not (
                    start <= position < end and pronoun is not None and pronoun.head != head
                    # not an aside that reports the clause: "Kennedy's plane may have crashed, he said"
                    and pronoun.head_dep != "parataxis"
                    # a lead-in to the quotation: "Sen. Claire McCaskill scolded him: “...,” she said"
                    or pronoun is not None and other.end <= pronoun.quoted_from):
                return None
            if any(p.start < other.start and self._doc_sentence(p.start) == self._doc_sentence(other.start)
                   and p.gender == wanted for p in self.pronouns):
                return None
        full_names = [p.name for p in self.people if set(nearest.words) <= set(_name_words(p.name))
                      and guess_gender(p.name) in (None, wanted)]
        if any(not _same_person(_name_words(one), _name_words(full_names[0])) for one in full_names):
            return None
        return self.resolve_name(_untitled(nearest.text), nearest.start, nearest.text, wanted)

    def _latest_mention(self, speaker: str, since: int, position: int) -> int:
        """Where the latest mention of ``speaker`` before ``position`` ends (``since`` at least)."""
        words = _name_words(speaker)
        latest = since
        for named in self.mentioned:
            if named.end <= position and named.start >= latest and _same_person(named.words, words):
                latest = named.end
        return latest

    def _competitors(self, speaker: str, then: int, position: int, wanted: str) -> list[_Named]:
        """The mentions of people other than ``speaker`` whose gender is ``wanted`` or untold,
        named after sentence ``then`` in the sentence of ``position`` or the one before."""
        words = _name_words(speaker)
        here = self._sentence(position)
        return [
            named for named in self.mentioned
            if max(then + 1, here - 1) <= self._sentence(named.start) and named.end <= position
            and not _same_person(named.words, words)
            # a one-word name counts when it is part of a person's full name ("Clinton", not "Harsh?")
            and (len(named.words) >= 2 or any(named.words[0] in _name_words(p.name) for p in self.people))
            and (named.gender or self._gender_of(named.words, named.start)) in (None, wanted)
        ]

    def _gender_of(self, name: list[str], position: int) -> str | None:
        """The gender of a person mentioned by ``name``: told by an earlier mention or pronoun,
        or by the first name of the latest full name it is part of ("Clinton": Hillary Clinton)."""
        for speaker, gender in self.genders.items():
            if _same_person(name, _name_words(speaker)):
                return gender
        return guess_gender(self.resolve_name(" ".join(name), position))

    def _sentence(self, position: int) -> int:
        return bisect_right(self.sentence_starts, position)

    def _doc_sentence(self, position: int) -> int:
        return bisect_right(self.doc_sentence_starts, position)

    def resolve(self, mention: Mention) -> tuple[str | None, str | None]:
        """(speaker, role) for a mention: a named person when one can be found."""
        if mention.kind == "document":
            return None, None
        if mention.kind == "pronoun":
            speaker = self.resolve_pronoun(mention.text.strip(), mention.start)
            return speaker, self.role_of(speaker) if speaker else None
        if mention.kind == "person" and mention.name:
            speaker = self.resolve_name(mention.name, mention.start, mention.text)
            return speaker, mention.role or self.role_of(speaker)
        if mention.kind == "role" and mention.role:
            person = self.resolve_role(mention.role, mention.start)
            if person:
                return person, mention.role
            return _strip_determiner(mention.role), mention.role
        known = self.known_person(mention.text)
        if known:  # a name the small model mislabels ("Hwang" as GPE) but the article introduced
            return known, self.role_of(known)
        return mention.name or _untagged(_strip_determiner(mention.text.strip())), mention.role

    def known_person(self, text: str) -> str | None:
        """The full name of an introduced person whose name contains every word of ``text``."""
        words = _name_words(text)
        if not words or len(words) > 4 or not text[:1].isupper():
            return None
        for person in sorted(self.people, key=lambda p: p.position, reverse=True):
            if set(words) <= set(_name_words(person.name)):
                return person.name
        return None


# An age in apposition makes a name a person's: "One voter, Guadalupe Potocacetpl, 35, showed up".
_AGE = re.compile(r",\s*\d{1,3},")


def resolve_mentions(
    mentions: Iterable[Mention], doc: Any, entities: Sequence[Entity], in_quote: Callable[[int], bool]
) -> dict[int, tuple[str | None, str | None]]:
    """(speaker, role) for each mention, by start offset, resolved in document order.

    Person subjects of main clauses outside quotes join the speakers as antecedents, so "he"
    after "Robert Wood ... addressed the arms trade" is Robert Wood.
    """
    registry = SpeakerRegistry()
    registry.add_entities(entities)
    # sentences inside quotes do not count: a pronoun after a long quote is near its speaker
    registry.sentence_starts = [sentence.start_char for sentence in doc.sents if not in_quote(sentence.start_char)]
    events: dict[int, Mention] = {m.start: m for m in mentions}
    speech = set(events)
    for token in doc:
        if token.dep_ == "nsubj" and token.head.dep_ in ("ROOT", "conj") and token.pos_ == "PROPN" and not in_quote(
            token.idx
        ):
            span = mention_span(token)
            if span.start_char not in events:
                events[span.start_char] = describe_mention(span, entities)
    text = doc_text(doc)
    for position, mention in events.items():
        if mention.kind == "person" and mention.name:
            at = text.find(mention.name, mention.start, mention.end + 1)
            label = _entity_label(entities, at, at + len(mention.name)) if at >= 0 else None
            if _written_as_person(mention, label, position in speech) or at >= 0 and bool(_AGE.match(text, at + len(mention.name))):
                registry.add_person(mention.name)
    # a longer name whose last word speaks alone is a person's, whatever the labels ("Concord
    # resident Whit Symms" ... "Symms said", both ORG to the small model): people are called by
    # their surname, organisations are not called by their last word; a misparsed run with a
    # lower-case word ("a fuzzy Trump") is no name
    spoken = {_norm(m.name or _strip_determiner(m.text.strip())) for p, m in events.items()
              if p in speech and m.kind in ("person", "other") and len(_name_words(m.name or m.text)) == 1}
    for mention in events.values():
        words = _name_words(mention.name or "") if mention.kind == "person" else []
        if len(words) >= 2 and words[-1] in spoken and all(w[:1].isupper() for w in (mention.name or "").split()):
            registry.add_person(mention.name or "")
    registry.doc_sentence_starts = [sentence.start_char for sentence in doc.sents]
    registry.pronouns = [
        _Pronoun(token.idx, "f" if token.lower_ in FEMININE_PRONOUNS else "m", token.head.idx, token.head.dep_,
                 next((t.idx for t in token.sent if t.i < token.i and in_quote(t.idx)), -1))
        for token in doc if token.lower_ in PERSON_PRONOUNS | {"his"} and not in_quote(token.idx)
    ]
    registry.mentioned = [replace(m, clause=_clause_of_subject(doc, m.start, m.end))
                          for m in _people_mentioned(text, entities, events.values(), registry)
                          if not in_quote(m.start) and not _names_a_thing(doc, m.start, m.end)]
    resolved: dict[int, tuple[str | None, str | None]] = {}
    for position in sorted(events):
        mention = events[position]
        speaker, role = registry.resolve(mention)
        resolved[position] = (speaker, role)
        if mention.kind != "other" or speaker:
            registry.register(mention, speaker, position)
    return resolved


def _people_mentioned(
    text: str, entities: Sequence[Entity], mentions: Iterable[Mention], registry: SpeakerRegistry
) -> list[_Named]:
    """Every mention of a person, in any position: PERSON entities (not headlines) and the
    subjects the article shows are people's; each with its name words and the gender an
    honorific or first name tells ("Mrs. Clinton", "Heidi Cruz")."""
    found = []
    for entity in entities:
        words = {w.lower() for w in entity.text.split()}
        if entity.label == "PERSON" and not words & ORG_WORDS and entity.text.split()[-1].lower() not in HEADLINE_VERBS:
            before = text[max(0, entity.start - 6):entity.start].split()[-1:]
            found.append(_Named(entity.start, entity.end, entity.text, _name_words(_untitled(entity.text)),
                                guess_gender(" ".join(before + [entity.text]))))
    for mention in mentions:
        if mention.kind == "person" and mention.name and registry.is_person_name(mention.name):
            found.append(_Named(mention.start, mention.end, mention.name, _name_words(mention.name),
                                guess_gender(mention.text)))
    return sorted(found, key=lambda m: m.start)


def _clause_of_subject(doc: Any, start: int, end: int) -> tuple[int, int, int] | None:
    """The clause the name at ``start:end`` is the subject of, or of whose subject it is the
    possessive ("Mr. Obama's bet is that ..."): its span and its verb's offset.  None for any other
    name, for a relative clause's subject ("the same partisan fire Mr. Obama has"), which tells of
    the noun the clause hangs on, and for the possessive of a person ("Donald Trump's vice
    president"), who is that clause's subject."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span.root.dep_ == "poss" and span.root.head.lower_ in ROLE_NOUNS | PERSON_TITLES | FEMININE_WORDS | MASCULINE_WORDS:
        return None  # "Donald Trump's vice president posted ... in which he described": the one possessed
    subject = span.root.head if span.root.dep_ == "poss" else span.root
    if subject.dep_ not in ("nsubj", "nsubjpass") or subject.head.dep_ == "relcl":
        return None
    verb = subject.head
    return verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text), verb.idx


def _names_a_thing(doc: Any, start: int, end: int) -> bool:
    """Does the name at ``start:end`` only modify a common noun ("the Clinton campaign", "the
    Trump administration")?  Such a name mentions no person a pronoun could stand for."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[-1].dep_ == "compound" and span[-1].head.pos_ == "NOUN"

