"""Time expressions: find them, normalise them against the publication date, date their clause.

Finding is rule-based (HeidelTime-style patterns: the table ``RULES`` in
``newsbrief.analyse.timenorm``), because spaCy's small model misses weekdays, "a recent Saturday", "mid-2023" and splits or merges lists of dates.
Spans follow the TimeML (TempEval-3) conventions: a leading preposition is not part of the
expression ("since 2006" -> "2006", kept in ``note``), determiners and modifiers are ("the
late 1970s", "earlier this year", "a recent Saturday").

Normalisation follows news conventions rather than dateparser's defaults (see
``newsbrief.analyse.timenorm``).  Values are ISO 8601 / TimeML: "2024-01-10", "2024-W01",
"2024-01", "2023-Q3", "2023-SU", "2023", "199" (the 1990s), "P2M" (durations), "P1D" with
kind "set" ("daily"), "2024-01-10T22:00" (times), and the TimeML vague references
"PAST_REF" / "PRESENT_REF" / "FUTURE_REF" with granularity "vague".

Each expression is attached to the event it dates (``event_start``/``event_end``): climbing
the dependency tree from the expression, the first verb gives its clause, the first noun its
noun phrase ("Russia's use of these missiles against Ukraine on December 30, 2023 and January
2, 2024": both dates share that event).  Years are kept only where the context says year (a
preposition, a date entity, parentheses), so "Resolution 1874" and "2000 soldiers" are not.

TempEval-3 (TimeBank + AQUAINT) relaxed F1 0.92 / value F1 0.78 after tuning on it; MEANTIME
(held out) 0.90 / 0.78: see docs/benchmarks.md (``bench/times.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from newsbrief.analyse.record import LAYER_VERSIONS, Analysis
from newsbrief.analyse.timenorm import (
    RULES,
    Context,
    Normalised,
    choose_anchor,
    dateline_date,
    parse_published,
)
from newsbrief.lexicon import EVENT_REPORTING_VERBS, SCHEDULED_EVENT_NOUNS
from newsbrief.models import TimeMention

NAME = "times"
VERSION = LAYER_VERSIONS[NAME]  # bump it in analyse/record.py
REQUIRES = ("sentences",)
RECORD = TimeMention

# Prepositions TimeML leaves outside the span; we keep them as the mention's note.
NOTE_PREPOSITIONS = frozenset(
    {"since", "until", "till", "by", "before", "after", "within", "from", "through", "during", "for"}
)
# A bare number in 1800-2099 after one of these words is an identifier, not a year.
IDENTIFIER_WORDS = frozenset(
    {"resolution", "resolutions", "no", "no.", "nos", "number", "article", "articles", "#", "$", "flight",
     "route", "room", "paragraph", "section", "chapter", "page", "pages", "item", "code", "model", "file"}
)
YEAR_LEAD_WORDS = frozenset(
    {"in", "since", "by", "until", "till", "from", "of", "before", "after", "during", "through", "to",
     "and", "or", "(", ",", "early", "late", "mid", "fiscal", "year", "around", "circa", "between"}
)
TIME_HEAD_WORDS = frozenset(
    {"year", "years", "month", "months", "day", "days", "week", "weeks", "quarter", "quarters", "decade",
     "decades", "century", "season", "period", "time", "date", "summer", "winter", "spring", "fall",
     "autumn", "election", "elections", "budget", "census", "olympics", "games", "cup", "session", "dates"}
)


YEAR_AGO = re.compile(r"(?i)(?:(?:a|one)\s+year\s+(?:ago|earlier)|(?:the\s+)?year[-\s](?:ago|earlier)(?:\s+(?:period|quarter))?)")


@dataclass(frozen=True)
class Candidate:
    """A pattern match in the text before normalisation: where, which rule, and the match."""

    start: int
    end: int
    rule: int
    match: re.Match[str]


def find_times(doc: Any, published: str | None, article_id: str = "") -> list[TimeMention]:
    """Every time expression of ``doc`` (a spaCy Doc), normalised against ``published``.

    ``published`` is an ISO date or datetime (or None: then only absolute expressions get a
    value and relative ones get the note "no publication date").
    """
    text: str = doc.text
    dct, anchor_note = choose_anchor(parse_published(published), dateline_date(text))
    mentions: list[TimeMention] = []
    last_quarter: tuple[str, int] | None = None  # (value, character offset) of the last quarter named
    for cand in _select(_candidates(text)):
        if not _acceptable(doc, text, cand):
            continue
        rule = RULES[cand.rule]
        tense = clause_tense(doc, cand.start, cand.end)
        if _preposition_before(text, cand.start) == "since":  # "since early September" looks back, whatever the verb
            tense = "past"
        elif tense in ("future", "planned") and rule.name == "weekday" and _possessed_event(doc, text, cand) == "unscheduled":
            tense = "past"  # "help the living after Tuesday's quake": a quake is reported after it struck
        context = Context(dct=dct, future=tense in ("future", "planned"), past=tense == "past", planned=tense == "planned")
        norm = rule.normalise(cand.match, context)
        if norm is None:
            continue
        start, end = cand.start, cand.end
        lead = _preposition_before(text, start) if norm.granularity != "vague" else None
        note = _join_notes(lead, norm.note)
        if norm.relative and dct is None:
            norm = Normalised(None, norm.granularity, norm.kind, True, None)
            note = _join_notes(note, "no publication date")
        elif norm.relative and anchor_note:
            note = _join_notes(note, anchor_note)
        if norm.granularity == "quarter" and norm.value and "X" not in norm.value:
            last_quarter = (norm.value, start)
        elif last_quarter and YEAR_AGO.fullmatch(text[start:end]) and start - last_quarter[1] < 600:
            # results news: "a year earlier" is the same quarter of the year before
            year, quarter = last_quarter[0].split("-")
            norm = Normalised(f"{int(year) - 1}-{quarter}", "quarter", "date", True, norm.note)
        elif norm.kind == "time" and norm.value and mentions and _same_day_before(text, mentions[-1], start):
            # "Friday at 14:30 GMT": the clock time is on the day just named
            norm = Normalised(f"{mentions[-1].value}{norm.value[10:]}", "time", "time", True, norm.note)
        event = event_clause(doc, start, end)
        if mentions and COORDINATION.fullmatch(text[mentions[-1].end : start]) and mentions[-1].event_end:
            event = _share_event(mentions, end)  # "on December 30, January 2, and January 6": one event
        mentions.append(
            TimeMention(
                article_id=article_id,
                start=start,
                end=end,
                text=text[start:end],
                value=norm.value,
                granularity=norm.granularity,
                kind=norm.kind,
                relative=norm.relative,
                event_start=event[0] if event else None,
                event_end=event[1] if event else None,
                note=note,
            )
        )
    return mentions


COORDINATION = re.compile(r"[ \t]*(?:,[ \t]*)?(?:(?:and|or)[ \t]+)?")


def _share_event(mentions: list[TimeMention], end: int) -> tuple[int, int]:
    """Stretch the event of the dates just before (a coordination) over the one ending at ``end``."""
    last = mentions[-1]
    shared = (last.event_start or 0, max(last.event_end or 0, end))
    for i in range(len(mentions) - 1, -1, -1):
        if (mentions[i].event_start, mentions[i].event_end) != (last.event_start, last.event_end):
            break
        mentions[i] = dataclasses.replace(mentions[i], event_end=shared[1])
    return shared


def _same_day_before(text: str, previous: TimeMention, start: int) -> bool:
    between = text[previous.end : start].strip().lower()
    return previous.granularity == "day" and previous.value is not None and between in ("at", "", ",", "around", "about")


def analyse(analysis: Analysis) -> list[TimeMention]:
    """The analyser entry point: the time expressions of one stored article."""
    return find_times(analysis.doc, analysis.article.published, analysis.article.id)


def time_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans of the time expressions of ``doc`` (no normalisation); quantities skip them."""
    text: str = doc.text
    return [(c.start, c.end) for c in _select(_candidates(text)) if _acceptable(doc, text, c)]


# --- finding ---------------------------------------------------------------------------


def _candidates(text: str) -> list[Candidate]:
    found = []
    for index, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            if match.end() > match.start():
                found.append(Candidate(match.start(), match.end(), index, match))
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest matches first, then earlier rules; no two selected candidates overlap."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rule, c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


def _acceptable(doc: Any, text: str, cand: Candidate) -> bool:
    """Reject matches that are not time expressions in context (identifiers, counts, "may")."""
    rule = RULES[cand.rule]
    before = text[max(0, cand.start - 40) : cand.start].split()
    previous = before[-1].lower() if before else ""
    if rule.check is not None and not rule.check(cand.match, previous):
        return False
    if rule.name == "year":
        if previous.rstrip(".") in IDENTIFIER_WORDS or previous in IDENTIFIER_WORDS:
            return False
        if text[cand.end : cand.end + 1] in ("%",) or text[cand.start - 1 : cand.start] in ("$", "#"):
            return False
        token = _token_at(doc, cand.start)
        if token is None:
            return False
        if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") and previous not in YEAR_LEAD_WORDS:
            return False
        if (token.dep_ == "nummod" and token.ent_type_ != "DATE" and token.head.lower_ not in TIME_HEAD_WORDS
                and token.head.i != token.i):
            return False
        if previous.startswith("(") or previous.rstrip("(") in YEAR_LEAD_WORDS:
            return True
        return bool(token.ent_type_ in ("DATE", "EVENT") or text[cand.start - 1 : cand.start] == "(")
    return True


def _possessed_event(doc: Any, text: str, cand: Candidate) -> str | None:
    """For a possessive weekday ("Tuesday's quake", "Saturday's game"), whether what it owns can be
    scheduled ("scheduled": a game, a meeting, an issue of a journal) or not ("unscheduled": a
    quake, a ruling, an explosion); None for any other expression.

    A future clause ("will take a year to recover from Thursday's explosion") dates a scheduled
    thing ahead ("will coach in Saturday's game") but cannot date an unscheduled one: news reports
    those after they happened, so the weekday is the most recent one."""
    if not _POSSESSIVE_AFTER.match(text, cand.end):
        return None
    token = _token_at(doc, cand.end - 1)
    if token is None or token.dep_ != "poss" or token.head.i == token.i:
        return None
    return "scheduled" if token.head.lemma_.lower() in SCHEDULED_EVENT_NOUNS else "unscheduled"


_POSSESSIVE_AFTER = re.compile(r"['’]s?(?!\w)")


def _token_at(doc: Any, char: int) -> Any:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _preposition_before(text: str, start: int) -> str | None:
    words = text[max(0, start - 20) : start].split()
    if words and words[-1].lower() in NOTE_PREPOSITIONS and text[start - 1 : start].isspace():
        return words[-1].lower()
    return None


def _join_notes(*notes: str | None) -> str | None:
    kept = [n for n in notes if n]
    return "; ".join(kept) if kept else None


# --- tense and event attachment -------------------------------------------------------------

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "going"})


def _governing_verb(doc: Any, start: int, end: int) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(40):  # bounded: a dependency tree is a tree, but stay safe on odd parses
        if token.pos_ in ("VERB", "AUX") and not (start <= token.idx < end):
            return token
        if token.head.i == token.i:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


def clause_tense(doc: Any, start: int, end: int) -> str | None:
    """"future" ("will meet Friday"), "planned" ("was to meet Friday"), "past" ("met Friday") or None for
    the clause of an expression."""
    verb = _governing_verb(doc, start, end)
    if verb is None:
        return None
    if _is_future(verb):
        return "future"
    if _planned(verb) or verb.dep_ in ("xcomp", "conj") and _planned(verb.head):
        return "planned"
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBD" or words & PAST_AUX:
        return "past"
    return None


PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})


def _is_future(verb: Any) -> bool:
    """Does the clause of ``verb`` speak about the future ("will meet Friday")?"""
    chain = [verb]
    if verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        chain.append(verb.head)
    for v in chain:
        words = _auxiliaries(v)
        if words & FUTURE_AUX:
            return True
        if words & MODAL_AUX and not words & {"have", "'ve"}:  # "could come as early as Tuesday"
            return True
        if v.tag_ == "VBG" and words & {"is", "are", "'s", "'re"}:
            return True
        if v.tag_ == "VB" and "to" in words and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
            head = v.head  # "is set to resume Monday", "plans to hold": a plan, unless told in the past
            if head.tag_ != "VBD" and not _auxiliaries(head) & PAST_AUX:
                return True
    return False


MODAL_AUX = frozenset({"could", "might", "may", "should", "can", "must", "ca"})


def _planned(verb: Any) -> bool:
    """"was to be published in Wednesday's Journal", "is to meet Friday": "be" with an infinitive is an
    arrangement ahead of the writer's day, or on it ("Adams was to return to Belfast later Monday"), in
    the past tense too; not a plan that failed ("was to have flown Monday"), nor a copula's noun with
    an infinitive the parser hung on "be" ("It was the strongest tremor to hit ... since the
    earthquake of Aug. 17": the tremor, not a plan)."""
    words, head = _auxiliaries(verb), verb.head
    return (verb.dep_ == "xcomp" and verb.tag_ in ("VB", "VBN") and "to" in words
            and not words & {"have", "'ve"} and head.i != verb.i and head.lemma_.lower() == "be"
            and not any(c.dep_ in ("attr", "acomp") for c in head.children))


def _auxiliaries(verb: Any) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def event_clause(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """The character span of the event the expression at ``start:end`` dates.

    Climb the dependency heads from the expression, through prepositions, conjunctions and
    other dates ("on December 30, 2023 and January 2, 2024" share one event), to the first
    content word: a verb dates its clause (the verb's subtree), a noun dates its noun phrase
    ("Russia's three rounds of lethal airstrikes on December 30": a nominal event).  The
    span is cut to the sentence, without edge punctuation; with no such head, the sentence.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    roots = _event_roots(span)
    tokens = list(sent) if not roots else [t for r in roots for t in r.subtree if sent.start <= t.i < sent.end]
    tokens.sort(key=lambda t: t.i)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].pos_ in ("CCONJ", "ADP")):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if not tokens:
        return None
    first, last = tokens[0], tokens[-1]
    end = last.idx + len(last.text)
    clause = doc[first.i : last.i + 1].text  # (doc.text would rebuild the whole text on every call)
    following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if clause.count("(") > clause.count(")") and following is not None and following.text == ")" \
            and following.idx == end:
        end += 1  # keep "Resolution 2270 (2016)" whole
    return first.idx, end


PASS_THROUGH_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PUNCT", "NUM", "DET", "PART", "ADV", "ADJ"})


def _event_roots(span: Any) -> list[Any]:
    """The tokens whose subtrees make the event: the verb, the noun, or a reported object + its date."""
    token = span.root
    for _ in range(40):  # bounded climb
        head = token.head
        if head.i == token.i:
            return [head] if head.pos_ in ("VERB", "AUX") else []
        inside = span.start <= head.i < span.end
        if not inside and head.pos_ in ("VERB", "AUX") and head.dep_ != "prep":  # "including Dec. 30"
            reported = _reported_object(head, token)
            return [reported, token] if reported is not None else [head]
        if (not inside and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("DATE", "TIME")
                and head.lower_ not in TIME_HEAD_WORDS):
            return [head]
        token = head
    return []




def _reported_object(verb: Any, child: Any) -> Any:
    """"denounced Russia's airstrikes on December 30": the parser often hangs the date on the
    verb; after a reporting verb's object, it dates the object (the reported event)."""
    if verb.lemma_.lower() not in EVENT_REPORTING_VERBS or child.dep_ != "prep" or child.i == 0:
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i < child.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    last_of_object = max(t.i for t in obj.subtree)
    return obj if last_of_object == child.i - 1 else None


def resolve(expression: str, published: str | dt.date | None, future: bool = False) -> Normalised | None:
    """Normalise one expression on its own ("last week", "Dec. 30") against ``published``.

    A convenience for callers outside the analyser (tests, the brief): the whole string
    must be one time expression; returns None when no rule matches it entirely.
    """
    dct = published if isinstance(published, dt.date) else parse_published(published)
    context = Context(dct=dct, future=future)
    for rule in RULES:
        match = rule.pattern.fullmatch(expression.strip())
        if match and (rule.check is None or rule.check(match, "")):
            norm = rule.normalise(match, context)
            if norm is not None:
                if norm.relative and dct is None:
                    return Normalised(None, norm.granularity, norm.kind, True, "no publication date")
                return norm
    return None

