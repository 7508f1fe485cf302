"""Quotes with resolved speakers: direct, partial, indirect and "according to".

Three passes over one article:

1. :func:`find_quoted_spans` scans the text for quote marks of every style (“ ” " ‘ ’ « » „,
   straight quotes and ASCII '' / ``), pairs them per paragraph, skips apostrophes (Ukraine's, O’Neill,
   ‘rock ’n’ roll’), carries a quote over paragraph breaks by news convention (the next
   paragraph opens with a quote mark and the previous one has no closing mark) and lets an
   unclosed quote run to the end of its paragraph at most.
2. Reporting verbs (``REPORTING_VERBS``) are found in the dependency parse; the subject of
   each (inherited along conj/xcomp/advcl for "..., adding that") is the speaker mention and
   its complement (ccomp, or object + preposition for "accused the US of ...") is the
   content.  Content with quote marks inside is a "partial" quote; content that is one
   quoted span is "direct"; otherwise "indirect".  "According to X, ..." gives
   "according_to".  Quoted spans no verb claims take a "Name:" before them, a "― Name"
   after them, the nearest bare cue ("..., he said") or a lead-in ending in a colon ("He
   said:"), or continue the previous quote's speaker when they stand alone; quoted titles
   ("Make Your Kid a Millionaire") are not speech.  An unquoted paragraph closed by a dash
   attribution ("We condemn ... - the joint statement reads.") is a direct quote too: it is
   the statement's own text.
3. Speaker mentions are resolved to named people in document order by
   :class:`~newsbrief.analyse.speakers.SpeakerRegistry` ("he", "Mr Wood", "the ambassador").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsbrief.analyse.nlp import word_set
from newsbrief.analyse.record import LAYER_VERSIONS, Analysis
from newsbrief.analyse.speakers import (
    Mention,
    describe_mention,
    mention_span,
    resolve_mentions,
    same_person,
    subject_of,
)
from newsbrief.lexicon import (
    ADDRESSED_VERBS,
    BARE_VERBS,
    DASH_CUE_FORMS,
    GLUED_REPORTING_FORMS,
    OBJECT_VERBS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    alternation,
)
from newsbrief.models import Entity, Quote, Sentence

NAME = "quotes"
VERSION = LAYER_VERSIONS[NAME]  # bump it in analyse/record.py
REQUIRES = ("sentences", "entities")
RECORD = Quote

# Speech verbs whose direct object is what was said ("emphasised the risks").
_OBJECT_SPEECH = word_set("emphasise emphasize stress note mention acknowledge admit reveal disclose predict reiterate")
_URGING = word_set("urge ask encourage implore call warn tell advise")
CONTENT_PREPOSITIONS = word_set("of for on as about against over")

# Quote-mark families: a quote closes only with a mark of the family that opened it.
MARK_FAMILY = {"“": "double", "”": "double", "„": "double", '"': "double", "«": "double",
               "»": "double", "‘": "single", "’": "single", "'": "single", "‹": "single", "›": "single"}
OPENERS = frozenset("“„«‘‹")
CLOSERS = frozenset("”»’›")
_APOSTROPHES = (
    re.compile(r"(?<=\w)[’'](?=\w)"),  # Ukraine's, O’Neill, it’d
    re.compile(r"(?<!\w)[‘’']n[’'](?!\w)"),  # rock ’n’ roll
    re.compile(r"(?<!\w)[’'](?=(?:\d0s|\d\ds|em|til|cause|tis|twas)\b)"),  # ’90s, ’em
)
_DASH_ATTRIBUTION = re.compile(
    r"\s[-–—]\s*(?P<speaker>(?:[Tt]he |[Aa]n? )?[A-Za-z][^.!?\"“”\n]{0,80}?)\s"
    rf"(?P<cue>{alternation(DASH_CUE_FORMS)})\.?\s*$"
)

# "“...” ― Sonya Herridge": a quote signed with a dash and a name, on the same line (a
# no-break space and a full stop may close it: "― Carla Sanchez.", "― Julie A. Diaz Martinez").
_TRAILING_DASH = re.compile(
    r"[^\S\n]*(?P<dash>[―—–-])[^\S\n]*(?P<name>[A-Z](?:[^\n,;:.“”\"()]|(?<=\b[A-Z])\.){1,60}?)[^\S\n]*\.?[^\S\n]*(?=\n|$|,)"
)

# "Mitt Romney: “...”", "Clinton: “...”": a quote introduced by a name and a colon (a space
# between may be a no-break space: "- Michael P. McDonald: \u00a0“...").
_NAME_COLON = re.compile(
    r"(?:^|(?<=[\s–—-]))(?P<name>[A-Z][\w.’'-]*(?:[^\S\n]+[A-Z][\w.’'-]*){0,3})[^\S\n]*(?P<colon>:)[^\S\n]*$"
)


@dataclass(frozen=True)
class QuotedSpan:
    """Text between a pair of quote marks: ``start``/``end`` include the marks (when closed)."""

    start: int
    end: int
    content_start: int
    content_end: int
    closed: bool


@dataclass(frozen=True)
class _Cue:
    token: Any
    mention: Mention | None
    region: tuple[int, int] | None  # the content span the verb governs, if any


# --- 1. quote marks -----------------------------------------------------------------------


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line: news text puts one paragraph on a line."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _apostrophe_positions(text: str) -> set[int]:
    found: set[int] = set()
    for pattern in _APOSTROPHES:
        for match in pattern.finditer(text):
            found.update(i for i in range(match.start(), match.end()) if text[i] in "’'‘")
    return found


def _marks(text: str, start: int, end: int, apostrophes: set[int]) -> list[tuple[int, int, str]]:
    """(position, width, mark) of the quote marks in ``text[start:end]``.

    Two apostrophes ('') or backquotes (``) are one double quote mark, as in ASCII copy.
    """
    found = []
    i = start
    while i < end:
        pair = text[i:i + 2]
        if pair in ("''", "``") and i + 1 < end:
            found.append((i, 2, "“" if pair == "``" else '"'))
            i += 2
            continue
        if text[i] in MARK_FAMILY and i not in apostrophes:
            found.append((i, 1, text[i]))
        i += 1
    return found


def _mark_role(text: str, i: int, width: int = 1, ch: str | None = None) -> str | None:
    """"open", "close", "either" or None (not a quote mark here) for the mark at ``i``."""
    ch = ch or text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    open_context = prev.isspace() or prev in "([{—–-/:" or prev in MARK_FAMILY
    close_context = nxt.isspace() or nxt in ".,;:!?)]}…—–-" or nxt in MARK_FAMILY
    if ch in OPENERS:
        return None if ch == "‘" and prev.isalnum() else "open"
    if ch in CLOSERS:
        if ch == "’" and prev.isspace():
            return None
        return "open" if prev.isspace() and not nxt.isspace() else "close"
    if open_context and not nxt.isspace():
        return "open"
    if not prev.isspace() and close_context:
        return "close"
    return "either" if ch == '"' else None


def _span(text: str, open_at: int, open_width: int, close_at: int, close_width: int) -> QuotedSpan:
    """The span from the opening mark to the closing mark (``close_width`` 0: unclosed, ends there)."""
    c_start, c_end = open_at + open_width, close_at
    while c_start < c_end and text[c_start].isspace():
        c_start += 1
    while c_end > c_start and text[c_end - 1].isspace():
        c_end -= 1
    closed = close_width > 0
    return QuotedSpan(open_at, close_at + close_width if closed else c_end, c_start, c_end, closed)


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span of ``text`` in order; never fails on unbalanced marks."""
    apostrophes = _apostrophe_positions(text)
    paras = paragraphs(text)
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    open_width = 0
    family = opener = ""
    skip = -1
    for index, (p_start, p_end) in enumerate(paras):
        marks = _marks(text, p_start, p_end, apostrophes)
        for i, width, ch in marks:
            role = _mark_role(text, i, width, ch)
            if role is None or i == skip:
                continue
            if open_at is None:
                if role in ("open", "either"):
                    open_at, open_width, family, opener = i, width, MARK_FAMILY[ch], ch
                continue
            if MARK_FAMILY[ch] != family:
                continue  # a quote inside the quote
            if role in ("close", "either") or (opener == "„" and ch == "“"):
                spans.append(_span(text, open_at, open_width, i, width))
                open_at = None
            elif role == "open" and i > open_at + open_width:
                spans.append(_span(text, open_at, open_width, i, 0))  # the first was never closed
                open_at, open_width, opener = i, width, ch
        if open_at is None:
            continue
        following = paras[index + 1] if index + 1 < len(paras) else None
        if following is not None:
            first = _marks(text, following[0], following[1], apostrophes)[:1]
            lead = following[0] + len(text[following[0]:following[1]]) - len(text[following[0]:following[1]].lstrip())
            if first and first[0][0] == lead and MARK_FAMILY[first[0][2]] == family and _mark_role(
                text, *first[0]
            ) in ("open", "either"):
                skip = lead  # the quote goes on in the next paragraph
                continue
        spans.append(_span(text, open_at, open_width, p_end, 0))
        open_at = None
    return spans


# --- 2. cues, speakers and content -----------------------------------------------------------


def _lemma(token: Any) -> str:
    """The verb's lemma; "saidthat" (a missing space, as in real copy) reads as "say"."""
    lower = token.lower_
    if lower.endswith("that") and lower[:-4] in _GLUED:
        return _GLUED[lower[:-4]]
    return str(token.lemma_).lower()


_GLUED = GLUED_REPORTING_FORMS


def _is_cue(token: Any) -> bool:
    if _lemma(token) not in REPORTING_VERBS or token.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_ in ("amod", "compound", "nmod") or token.tag_ == "VBN" and token.dep_ == "acl":
        return False
    if token.tag_ == "VBN" and token.dep_ == "advcl" and not any(c.dep_ == "aux" for c in token.children):
        return False  # "Asked whether she believed it, the minister said ...": she was asked, she did not ask
    if _said_to_be(token):
        return False  # "packages said to contain anthrax": what is said of them, by no one named
    # "Asked if he thought Microsoft had made errors, Klein responded ...": a verb under "if" or
    # "whether" is a question or a condition put to the speaker, not something he said.
    return not any(
        child.dep_ in ("auxpass", "nsubjpass") or child.dep_ == "mark" and child.lower_ in _NOT_ASSERTED
        for child in token.children
    )


_NOT_ASSERTED = word_set("if whether")


def _said_to_be(token: Any) -> bool:
    """Whether ``token`` is "said" right before an infinitive ("packages said to contain anthrax",
    "a man said to be in his 40s"): a passive report of what is said of something, whatever
    the small model parses it as (it hangs "said" on the sentence as a verb of the packages).
    A "said" with a subject of its own relays an instruction ("He said to wait"): a cue."""
    doc = token.doc
    return (_lemma(token) == "say" and token.tag_ in ("VBN", "VBD") and token.i + 2 < len(doc)
            and doc[token.i + 1].lower_ == "to" and doc[token.i + 2].tag_ == "VB"
            and not any(c.dep_ == "nsubj" for c in token.children))  # "He said to wait": he did say it


def _content_region(token: Any, cue_ids: set[int]) -> tuple[int, int] | None:
    lemma = _lemma(token)
    if lemma in OBJECT_VERBS:
        deps = {"ccomp", "xcomp", "dobj", "obj", "oprd", "prep", "acomp", "attr", "dative"}
    elif lemma in ADDRESSED_VERBS:
        deps = {"ccomp", "xcomp", "prep"}
    elif lemma in BARE_VERBS:
        deps = {"ccomp"}
    else:
        deps = {"ccomp", "xcomp", "dobj"}
    kids = [c for c in token.children if c.dep_ in deps and (c.dep_ != "prep" or c.lower_ in CONTENT_PREPOSITIONS)]
    if lemma in SPEECH_VERBS and lemma not in _OBJECT_SPEECH:  # "said nothing", "reported the attack"
        kids = [c for c in kids if c.dep_ != "dobj" or any(t.is_quote for t in c.subtree)]
    if lemma in _URGING:  # "implored the council to take action": the infinitive is content too
        kids += [c for c in token.children if c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)]
        if any(c.dep_ in ("xcomp", "advcl") for c in kids):
            kids += [c for c in token.children if c.dep_ == "dobj" and c not in kids]
    if any(c.i < token.i for c in kids) and any(c.i > token.i for c in kids):
        kids = [c for c in kids if c.i < token.i]  # "X, Kall said: “...”": the quote is claimed later
    ids = sorted(t.i for kid in kids for t in kid.subtree)
    if not ids and token.dep_ == "parataxis" and lemma in SPEECH_VERBS:
        own = {t.i for t in token.subtree}  # "Climate change, Mr. Obama often says, is ..."
        ids = [t.i for t in token.head.subtree if t.i not in own]
    if not ids:
        return None
    first, last = ids[0], ids[-1]
    # A conjoined cue with its own content ("blamed X and called for Y") or a relative clause
    # with another speaker ("..., to which Beijing's ambassador responded") ends this region.
    for i in ids:
        tok = token.doc[i]
        if i > first and i in cue_ids and tok.dep_ in ("conj", "relcl") and tok.i != token.i:
            stop = tok.left_edge.i - 1 if tok.dep_ == "relcl" else tok.i - 1
            while stop > first and token.doc[stop].dep_ in ("cc", "punct"):
                stop -= 1
            last = min(last, stop)
    sent = token.sent
    first, last = max(first, sent.start), min(last, sent.end - 1)
    doc = token.doc
    while first < last and (doc[first].is_space or doc[first].is_punct and not doc[first].is_quote):
        first += 1
    while last > first and (doc[last].is_space or doc[last].is_punct and not doc[last].is_quote
                            and not _closes_bracket(doc, first, last)):
        last -= 1
    if last + 1 < sent.end and _closes_bracket(doc, first, last + 1):
        last += 1  # the parse hangs the ")" on the verb: "the European Union (EU)"
    if first > last or doc[first].is_space:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _closes_bracket(doc: Any, first: int, last: int) -> bool:
    """Whether ``doc[last]`` closes a bracket the region opened: "admitted into the European
    Union (EU)." keeps its ")" (a paraphrase ending "(EU" reads as cut)."""
    pair = {")": "(", "]": "["}.get(doc[last].text)
    if pair is None:
        return False
    words = [t.text for t in doc[first:last]]
    return words.count(pair) > words.count(doc[last].text)


def _before(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without trailing spaces and punctuation other than closing quote marks."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-–—"):
        end -= 1
    return (start, end) if end > start else None


def _is_whole_content(text: str, region: tuple[int, int], span: QuotedSpan) -> bool:
    """Is the quoted span all a cue's content ("said “...”", "said that “...”")?"""
    outside = (text[region[0]:span.start] + " " + text[span.end:region[1]]).strip(" ,.;:–—-\n").lower()
    return outside in ("", "that")


def _alnum(text: str) -> int:
    return sum(c.isalnum() for c in text)


def _covers(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- 3. assembling the quotes ----------------------------------------------------------------


@dataclass
class _Draft:
    start: int
    end: int
    kind: str
    cue: Any | None = None  # the cue token, or (start, end) of a dash cue
    cue_span: tuple[int, int] | None = None
    mention: Mention | None = None
    inherit: bool = False


def find_quotes(
    article_id: str,
    text: str,
    doc: Any,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
) -> list[Quote]:
    """Every quote of one article, with its cue and its speaker resolved to a named person."""
    spans = find_quoted_spans(text)
    inside = [(s.start, s.end) for s in spans]

    def in_quote(pos: int) -> bool:
        return any(a <= pos < b for a, b in inside)

    cue_tokens = [t for t in doc if _is_cue(t) and not in_quote(t.idx)]
    cue_ids = {t.i for t in cue_tokens}
    cues: list[_Cue] = []
    for token in cue_tokens:
        subject = subject_of(token, in_quote)
        mention = describe_mention(mention_span(subject), entities) if subject is not None else None
        if mention is not None and in_quote(mention.start):
            mention = None
        region = _content_region(token, cue_ids)
        if region is not None and mention is not None and region[0] < mention.start < region[1] and (
            token.dep_ != "parataxis"  # "Climate change, Mr. Obama often says, is ..." keeps its cue inside
        ):
            region = _before(text, region[0], mention.start)  # a misparse ran into "..., Chief X said"
        if region is not None and region[1] <= token.idx:  # "“...,” Tulsa police Chief X said"
            ends = [s.end for s in spans if s.closed and s.start < region[1] and region[0] < s.end < region[1]]
            if ends and len(text[max(ends):region[1]].split()) <= 3:
                region = (region[0], max(ends))
        cues.append(_Cue(token, mention, region))

    introduced = _introduced_by_name(text, spans, doc, entities)
    drafts: list[_Draft] = []
    used: set[int] = set()  # indexes of quoted spans already given a speaker
    for cue in cues:
        if cue.mention is None or cue.region is None:
            continue
        region = cue.region
        for i, (name_start, _, _) in introduced.items():
            if region is not None and _overlap(region, (spans[i].start, spans[i].end)):
                # "... said the same – Mitt Romney: “...”": the quote is Romney's, not the chorus's
                region = _before(text, region[0], name_start) if region[0] < name_start else None
        if region is None:
            continue
        touching = [i for i, s in enumerate(spans) if _overlap(region, (s.start, s.end))]
        if touching:
            region = (min([region[0]] + [spans[i].start for i in touching]),
                      max([region[1]] + [spans[i].end for i in touching]))
        cue_span = (cue.token.idx, cue.token.idx + len(cue.token.text))
        if len(touching) == 1 and _covers((spans[touching[0]].start, spans[touching[0]].end), cue_span):
            continue
        if len(touching) == 1 and _is_whole_content(text, region, spans[touching[0]]):
            span = spans[touching[0]]
            if touching[0] not in used:
                drafts.append(_Draft(span.content_start, span.content_end, "direct", cue.token, cue_span, cue.mention))
                used.add(touching[0])
            continue
        used.update(touching)
        drafts.append(_Draft(region[0], region[1], "partial" if touching else "indirect", cue.token, cue_span,
                             cue.mention))

    drafts += _according_to(doc, entities, spans, used)
    drafts += _dash_attributions(text, doc, entities)
    for i, (_, colon, mention) in introduced.items():
        if i not in used:
            used.add(i)
            drafts.append(_Draft(spans[i].content_start, spans[i].content_end, "direct", None, (colon, colon + 1),
                                 mention))
    drafts += _unclaimed_spans(text, spans, used, cues, sentences, doc, entities)
    return _resolve(article_id, text, drafts, in_quote, doc, entities)


def _introduced_by_name(
    text: str, spans: list[QuotedSpan], doc: Any, entities: Sequence[Entity]
) -> dict[int, tuple[int, int, Mention]]:
    """Quoted spans right after "Name:" in their paragraph: index -> (name start, colon, mention)."""
    found: dict[int, tuple[int, int, Mention]] = {}
    para_starts = [p[0] for p in paragraphs(text)]
    for i, span in enumerate(spans):
        p_start = para_starts[max(bisect.bisect_right(para_starts, span.start) - 1, 0)] if para_starts else 0
        match = _NAME_COLON.search(text, p_start, span.start)
        if match is None or not _opens_clause(text[p_start:match.start("name")]):
            continue
        if len(match.group("name").split()) == 1 and not _a_persons_name(match.group("name"), entities):
            continue  # "Note:", "Update:" are no speakers; "Clinton:" is, when the article names her
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        if name is not None and _addressed(name):
            continue  # "... told the Dutch newspaper NRC Handelsblad: “...”" is not the newspaper's
        mention = describe_mention(name, entities) if name is not None else None
        if mention is not None and mention.kind == "person":
            found[i] = (match.start("name"), match.start("colon"), mention)
    return found


def _addressed(name: Any) -> bool:
    """Is a name before a colon the object of a preposition of the clause that leads in ("broke down
    ... to the Dutch newspaper NRC Handelsblad:"), itself or as the apposition of one, with no
    punctuation between (a headline's "TURNOUT IN IOWA - Michael P. McDonald:" is his, and an author's "by X:")?"""
    token = name.root
    if token.dep_ in ("appos", "compound"):
        token = token.head
    if token.dep_ != "pobj" or token.head.i >= name.start or token.head.lower_ == "by":
        return False  # "by The Wall Street Journal's Jennifer Smith:" is hers
    return not any(t.is_punct for t in name.doc[token.head.i:name.start])


def _a_persons_name(word: str, entities: Sequence[Entity]) -> bool:
    """Is ``word`` a person's name in this article: a PERSON entity, or the last word of one ("Bush"
    of "Jeb Bush")?"""
    return any(e.label == "PERSON" and e.text.split()[-1] == word for e in entities if e.text.split())


def _opens_clause(before: str) -> bool:
    """Is a name written after ``before`` not the object of a preposition ("Another user, Roland Z,
    wrote of Ms. Merkel:", whose quote it is not)?"""
    words = before.split()
    return not words or words[-1].lower() not in _PREPOSITIONS


_PREPOSITIONS = word_set("of to about with for from by at on in against toward towards")


def _according_to(doc: Any, entities: Sequence[Entity], spans: list[QuotedSpan], used: set[int]) -> list[_Draft]:
    drafts = []
    for token in doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if to is None or source is None:
            continue
        clause = token.head
        own = {t.i for t in token.subtree}
        ids = [t.i for t in clause.subtree if t.i not in own and not t.is_punct and not t.is_space
               and clause.sent.start <= t.i < clause.sent.end]
        if not ids:
            continue
        start, end = doc[min(ids)].idx, doc[max(ids)].idx + len(doc[max(ids)].text)
        for i, span in enumerate(spans):
            if _overlap((start, end), (span.start, span.end)):
                used.add(i)
                end = max(end, span.end)
        mention = describe_mention(mention_span(source), entities)
        cue_span = (token.idx, to.idx + len(to.text))
        drafts.append(_Draft(start, end, "according_to", None, cue_span, mention))
    return drafts


def _dash_attributions(text: str, doc: Any, entities: Sequence[Entity]) -> list[_Draft]:
    """Unquoted statements closed by a dash attribution: "We condemn ... - the joint statement reads."""
    drafts = []
    for p_start, p_end in paragraphs(text):
        match = _DASH_ATTRIBUTION.search(text, p_start, p_end)
        if match is None or match.start() - p_start < 20:
            continue
        speaker = doc.char_span(match.start("speaker"), match.end("speaker"), alignment_mode="expand")
        if speaker is None or len(speaker) > 8:
            continue
        content_end = match.start()
        while content_end > p_start and text[content_end - 1].isspace():
            content_end -= 1
        drafts.append(_Draft(p_start, content_end, "direct", None, (match.start("cue"), match.end("cue")),
                             describe_mention(speaker, entities)))
    return drafts


def _unclaimed_spans(
    text: str, spans: list[QuotedSpan], used: set[int], cues: list[_Cue], sentences: Sequence[Sentence],
    doc: Any, entities: Sequence[Entity],
) -> list[_Draft]:
    """Quoted spans no reporting verb governs: a "― Name" after the quote, the nearest bare cue
    ("..., he said"), a lead-in ending in a colon ("He said:"), or the previous quote's speaker."""
    starts = [s.start for s in sentences]
    inside = [(s.start, s.end) for s in spans]

    def in_quote(pos: int) -> bool:
        return any(a <= pos < b for a, b in inside)

    paras = paragraphs(text)
    para_starts = [p[0] for p in paras]

    def sentence_range(pos_start: int, pos_end: int) -> tuple[int, int]:
        if not sentences:
            return pos_start, pos_end
        first = max(bisect.bisect_right(starts, pos_start) - 1, 0)
        last = max(bisect.bisect_right(starts, max(pos_end - 1, pos_start)) - 1, 0)
        return sentences[first].start, sentences[last].end

    def paragraph_of(pos: int) -> int:
        return max(bisect.bisect_right(para_starts, pos) - 1, 0)

    drafts = []
    for i, span in enumerate(spans):
        if i in used or span.content_end <= span.content_start:
            continue
        tail = _tail_cue(text, span, doc, entities, cues, in_quote)
        s_start, s_end = sentence_range(span.start, span.end)
        if _looks_like_title(text[span.content_start:span.content_end]) and (
            tail is None or text[s_start:span.start].strip(" \t\n" + "".join(MARK_FAMILY))
        ):
            continue  # a title, unless it opens its sentence and a speaker follows: "“Safety,” said Grimm"
        para = paragraph_of(span.start)
        window = (min(s_start, span.start), max(s_end, span.end))
        best: _Cue | None = None
        best_distance = 0
        for cue in cues:
            pos = cue.token.idx
            if cue.mention is None or paragraph_of(pos) != para or not (window[0] <= pos < window[1] + 1):
                continue
            if cue.region is not None and not _overlap(cue.region, (span.start, span.end)) and (
                (cue.region[0] < pos) == (span.start < pos)
            ):
                continue  # the cue's own content is elsewhere on this side of it
            distance = min(abs(pos - span.start), abs(pos - span.end))
            if best is None or distance < best_distance:
                best, best_distance = cue, distance
        if tail is not None and (best is None or best.token.i != tail.token.i):
            best = tail  # "“...,” Toomey fumed": the clause right after the quote says who, whatever its verb
        elif tail is None and text[paras[para][0]:span.start].rstrip().endswith(":"):
            # "“Out!” the crowd yelled. Hannity interjected: “...”": the lead-in, not the cue before it
            best = _lead_in(text, span, paras[para], None, cues, doc, entities, in_quote) or best
        signed = _TRAILING_DASH.match(text, span.end) if span.closed else None
        if signed is not None:
            name = doc.char_span(signed.start("name"), signed.end("name"), alignment_mode="expand")
            if name is not None:
                drafts.append(_Draft(span.content_start, span.content_end, "direct", None,
                                     (signed.start("dash"), signed.end("dash")), describe_mention(name, entities)))
                continue
        if best is None:
            best = _lead_in(text, span, paras[para], paras[para - 1] if para > 0 else None, cues, doc, entities, in_quote)
        if best is not None:
            cue_span = (best.token.idx, best.token.idx + len(best.token.text))
            drafts.append(_Draft(span.content_start, span.content_end, "direct", best.token, cue_span, best.mention))
            continue
        standalone = _alnum(text[span.start:span.end]) >= 0.6 * _alnum(text[s_start:s_end])
        if standalone and _alnum(text[span.content_start:span.content_end]) >= 12:
            drafts.append(_Draft(span.content_start, span.content_end, "direct", inherit=True))
    return drafts


_TITLE_SMALL_WORDS = word_set("a an the of in on and or for to at by with from as is isn’t isn't")


def _looks_like_title(content: str) -> bool:
    """A quoted title ("Make Your Kid a Millionaire"), not speech: every main word capitalised."""
    words = re.findall(r"[^\W\d_][\w’'-]*", content)
    main = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return 0 < len(words) <= 12 and bool(main) and all(w[0].isupper() for w in main)


def _lead_in(
    text: str, span: QuotedSpan, para: tuple[int, int], previous: tuple[int, int] | None, cues: list[_Cue],
    doc: Any, entities: Sequence[Entity], in_quote: Callable[[int], bool],
) -> _Cue | None:
    """The cue of a lead-in ending in a colon, in the same paragraph or the one before the quote:
    a reporting verb, or else the verb the colon hangs on ("Hannity interjected:", "Clinton has
    since apologized for what happened:"), whose subject introduces the quote."""
    before = text[para[0]:span.start].rstrip()
    if before:
        zone = (para[0], span.start) if before.endswith(":") else None
    else:
        zone = previous if previous is not None and text[previous[0]:previous[1]].rstrip().endswith(":") else None
    if zone is None:
        return None
    colon = doc.char_span(*_stripped_end(text, zone), alignment_mode="expand")
    if colon is None or colon[-1].text != ":":
        return None
    sentence = colon[-1].sent  # "“Out!” the crowd yelled. Hannity interjected:" is Hannity's lead-in
    found = [c for c in cues if c.mention is not None and max(zone[0], sentence.start_char) <= c.token.idx < zone[1]
             and c.region is None]
    if found:
        return found[-1]
    verb = colon[-1].head
    if verb.pos_ != "VERB" or verb.idx < zone[0] or any(
        c.dep_ in ("ccomp", "xcomp") and c.i < colon[-1].i for c in verb.children
    ):
        return None  # "Here is the statement:", "He said he would add:" (the clause names what follows)
    return _subject_cue(verb, entities, in_quote)


def _token_at(doc: Any, pos: int) -> int:
    """The index of the first token of ``doc`` that starts at or after character ``pos``."""
    starts = doc.user_data.get("newsbrief_token_starts")
    if starts is None:
        starts = doc.user_data["newsbrief_token_starts"] = [t.idx for t in doc]
    return bisect.bisect_left(starts, pos)


def _stripped_end(text: str, zone: tuple[int, int]) -> tuple[int, int]:
    """The last character of ``text[zone]`` that is not a space, as a (start, end) range."""
    end = zone[1]
    while end > zone[0] and text[end - 1].isspace():
        end -= 1
    return end - 1, end


def _subject_cue(verb: Any, entities: Sequence[Entity], in_quote: Callable[[int], bool]) -> _Cue | None:
    """``verb`` as a cue, with its subject (outside quote marks) as the speaker mention."""
    subject = subject_of(verb, in_quote)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON") or subject.lower_ in ("it", "there", "this", "that"):
        return None
    span = mention_span(subject)
    if in_quote(span.start_char):
        return None
    return _Cue(verb, describe_mention(span, entities), None)


_RELATIVES = word_set("who which that whom")
# Words between a quote and its tail's verb or subject that leave it a tail: "“...,” he then added".
_TAIL_FILLER = word_set("also then later again once quickly finally")


def _tail_cue(
    text: str, span: QuotedSpan, doc: Any, entities: Sequence[Entity], cues: list[_Cue], in_quote: Callable[[int], bool]
) -> _Cue | None:
    """The attribution right after a quote, whatever its verb: "“...,” Toomey fumed on Tuesday",
    "“...?” reacted Trump", "“...!” wrote a man calling himself Paul Paul".

    The quote must end in a comma (after a full stop, a question or exclamation mark only a
    reporting verb counts: "“...!” Mr. Trump wrote on Twitter", split into a sentence of its own),
    and the subject and verb must follow it at once, in either order, in the same paragraph.
    A verb with content of its own after it ("“...” He said that ...") is another quote's cue."""
    if not span.closed or span.content_end <= span.content_start:
        return None
    ending = text[span.content_end - 1]
    after = text[span.end:span.end + 2].lstrip(" ")
    comma = ending in ",;–—-?!" or after[:1] == ","
    i = _token_at(doc, span.end)
    while i < len(doc) and (doc[i].text == "," or doc[i].is_space and "\n" not in doc[i].text):
        i += 1
    if i >= len(doc) or doc[i].is_space or doc[i].is_quote or doc[i].is_punct or doc[i].idx - span.end > 3:
        return None
    by_token = {c.token.i: c for c in cues}
    stop = i
    while stop < min(i + _TAIL_TOKENS, len(doc)) and not (
        doc[stop].is_quote or doc[stop].text in _CLAUSE_ENDS or doc[stop].is_space and "\n" in doc[stop].text
    ):
        stop += 1
    for verb in doc[i:stop]:
        if verb.is_punct or verb.is_space or verb.pos_ != "VERB" or verb.lower_ in ("and", "but"):
            continue
        apposition = any(t.text == "," for t in doc[i:verb.i])
        if verb.i > i + 8 and not apposition:
            return None  # past its first words, only an apposition ("Gene Sperling, a top adviser,") leads to the verb
        if apposition and _lemma(verb) not in REPORTING_VERBS:
            if verb.dep_ in ("relcl", "acl") or any(t.text == "," for t in doc[verb.i + 1:stop]):
                continue  # inside the apposition: "Nate Silver, the polling guru who founded fivethirtyeight.com tweeted"
            return None  # "... called ''the prior economy model,'' the Marsh Landing Country Club, a ..., charged"
        known = by_token.get(verb.i)
        if known is not None and _own_content(verb, known):
            return None  # "“...” He said that ...": the verb's content is its own
        reporting = _lemma(verb) in REPORTING_VERBS
        if not comma and (not reporting or known is None):
            return None
        between = [t for t in doc[i:verb.i] if t.lower_ not in _TAIL_FILLER and not t.is_punct]
        if not between:  # "“...?” reacted Trump", "“...!” wrote a man calling himself Paul Paul"
            if verb.tag_ not in ("VBD", "VBZ", "VBP"):
                return None
            return _inverted_tail(verb, entities) or (_named_after(verb, entities) if reporting else None)
        if not any(c.dep_ == "nsubj" and c.lower_ not in _RELATIVES for c in verb.children):
            # "“...,” Gene Sperling, a top outside Clinton adviser, said": the small model hung the
            # name inside the quote's clause, and the reporting verb has no subject of its own
            return _named_before(doc[i:verb.i], verb, entities, in_quote) if reporting else None
        cue = _subject_cue(verb, entities, in_quote)
        if cue is None or cue.mention is None:
            return None
        subject = doc.char_span(cue.mention.start, cue.mention.end, alignment_mode="expand")
        if subject is not None and subject.start == i and all(subject.start <= t.i < subject.end for t in between):
            return cue  # "“...,” Toomey fumed"
        if subject is not None and subject.start == i and any(t.text == "," for t in doc[subject.end:verb.i]):
            return _named_before(doc[i:verb.i], verb, entities, in_quote)  # "“...,” Murphy, the head of X, tweeted"
        return None
    return None


_TAIL_TOKENS = 24  # how far after a quote its tail's verb may stand (an apposition between)
_CLAUSE_ENDS = frozenset({".", "!", "?", ";", ":"})
_PERSON_PRONOUNS = word_set("he she they we i")


def _own_content(verb: Any, cue: _Cue) -> bool:
    """Does a verb right after a quote govern content of its own, a clause after it ("“...” He said
    that ...", "She told CNN the race was over")?  An object alone is no content of its own: the
    one asked ("“...?” Trump asked reporters") or the speaker the small model parsed as an object
    ("''...?'' asked Mr. Manafort")."""
    if cue.region is None or cue.region[0] <= verb.idx:
        return False
    lemma = _lemma(verb)
    if lemma in OBJECT_VERBS and lemma != "ask" or lemma in _OBJECT_SPEECH:
        return True  # "“unhinged.” Sen. Marco Rubio called the statement ...": the object is what is said
    return any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children) or not any(
        c.dep_ in ("dobj", "dative") and c.i > verb.i for c in verb.children)


def _named_before(stretch: Any, verb: Any, entities: Sequence[Entity], in_quote: Callable[[int], bool]) -> _Cue | None:
    """The words between a quote and its tail's reporting verb as the speaker, when they are a name,
    a pronoun or a noun phrase, maybe with an apposition ("Gene Sperling, a top outside Clinton
    adviser,", "Rep. Glenn Thompson, R-Pa.,"): no verb before the first comma."""
    tokens = [t for t in stretch]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens or len(tokens) > 20 or in_quote(tokens[0].idx):
        return None
    head = tokens[:next((k for k, t in enumerate(tokens) if t.text == ","), len(tokens))]
    first = head[0] if head else tokens[0]
    if not head or any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in head):
        return None
    if not (first.pos_ == "PROPN" or first.lower_ in _PERSON_PRONOUNS and len(head) == 1
            or first.pos_ == "DET" and any(t.pos_ in ("NOUN", "PROPN") for t in head)):
        return None
    relative = next((k for k, t in enumerate(tokens) if k > len(head) and t.lower_ in _RELATIVES), None)
    if relative is not None:  # "..., the polling guru who founded fivethirtyeight.com": the person, not the clause
        tokens = tokens[:relative]
        while tokens and tokens[-1].is_punct:
            tokens.pop()
    span = verb.doc[tokens[0].i:tokens[-1].i + 1]
    return _Cue(verb, describe_mention(span, entities), None)


def _named_after(verb: Any, entities: Sequence[Entity]) -> _Cue | None:
    """"“...,” said Oversight ranking Democrat Elijah Cummings (D-Md.)": the capitalised words right
    after a reporting verb that follows a quote, when the parse found no subject among them (also
    "''...,'' said Robin Maynard, half joking", whose parse makes the name the aside's subject)."""
    doc = verb.doc
    end = verb.i + 1
    while end < len(doc) and end < verb.i + 9 and not doc[end].is_punct and not doc[end].is_space:
        end += 1
    if end == verb.i + 1 or not doc[verb.i + 1].text[:1].isupper() or doc[end - 1].pos_ != "PROPN" or not any(
        doc[k].ent_type_ == "PERSON" for k in range(verb.i + 1, end)
    ):
        return None
    return _Cue(verb, describe_mention(doc[verb.i + 1:end], entities), None)


def _inverted_tail(verb: Any, entities: Sequence[Entity]) -> _Cue | None:
    """The speaker named right after a tail's verb: the small model parses the subject of "wrote
    a man calling himself Paul Paul" as an object."""
    after = verb.i + 1
    while after < len(verb.doc) and verb.doc[after].lower_ in _TAIL_FILLER:
        after += 1
    for child in verb.children:
        if child.dep_ in ("nsubj", "dobj", "attr") and child.i >= after and child.lower_ not in _RELATIVES:
            span = mention_span(child)
            if span.start != after or child.pos_ not in ("PROPN", "NOUN", "PRON"):
                continue
            if child.dep_ == "nsubj" or child.pos_ == "PROPN" or _lemma(verb) in REPORTING_VERBS:
                return _Cue(verb, describe_mention(span, entities), None)  # not "“revolution,” ignores losses"
    return None


def _resolve(
    article_id: str, text: str, drafts: list[_Draft], in_quote: Callable[[int], bool], doc: Any,
    entities: Sequence[Entity],
) -> list[Quote]:
    """Resolve every speaker mention in document order and build the Quote records."""
    mentions = [draft.mention for draft in drafts if draft.mention is not None]
    resolved = resolve_mentions(mentions, doc, entities, in_quote)

    quotes: list[Quote] = []
    previous: Quote | None = None
    for draft in sorted(drafts, key=lambda d: (d.start, d.end)):
        content = text[draft.start:draft.end]
        quote = Quote(
            article_id=article_id, start=draft.start, end=draft.end, text=content, kind=draft.kind,
            verbatim=draft.kind in ("direct", "partial") and text[draft.start:draft.end] == content,
        )
        if draft.cue_span is not None:
            quote = replace(quote, cue=text[draft.cue_span[0]:draft.cue_span[1]], cue_start=draft.cue_span[0],
                            cue_end=draft.cue_span[1])
        if draft.mention is not None:
            speaker, role = resolved.get(draft.mention.start, (None, None))
            quote = replace(quote, speaker_mention=draft.mention.text, speaker_start=draft.mention.start,
                            speaker_end=draft.mention.end, speaker=speaker, speaker_role=role)
        elif (draft.inherit and previous is not None and _near(text, previous.end, draft.start)
              and not _other_person_between(text, entities, previous, draft.start)):
            quote = replace(quote, speaker_mention=previous.speaker_mention, speaker_start=previous.speaker_start,
                            speaker_end=previous.speaker_end, speaker=previous.speaker,
                            speaker_role=previous.speaker_role)
        quotes.append(quote)
        if quote.kind in ("direct", "partial"):
            previous = quote
    return _dedupe(quotes)


def _near(text: str, earlier_end: int, later_start: int) -> bool:
    """Is a stand-alone quote the continuation of a quote at most one paragraph earlier?"""
    pieces = [p for p in text[earlier_end:later_start].split("\n") if p.strip(" \t" + "".join(MARK_FAMILY))]
    return len(pieces) <= 1


def _other_person_between(text: str, entities: Sequence[Entity], previous: Quote, start: int) -> bool:
    """Is a person other than the previous quote's speaker named after the previous quote's
    paragraph and before a stand-alone quote at ``start``?  Then the quote is no continuation:
    "“...,” said Fred Stolaski. ¶ One Turkish contractor ..., Veli Gucer, gave a telephone
    interview ... ¶ “There's no reason ...,” he was quoted as saying" is not Stolaski's.  Names
    in the previous quote's own paragraph describe its speaker ("said Grimm, a Donald Trump
    supporter")."""
    break_at = text.find("\n", previous.end, start)
    return break_at >= 0 and any(
        entity.label == "PERSON" and break_at <= entity.start < start
        and not (previous.speaker and same_person(entity.text, previous.speaker))
        for entity in entities
    )


def _dedupe(quotes: Iterable[Quote]) -> list[Quote]:
    """One quote per content span; of two overlapping quotes with one cue, the more direct one."""
    rank = {"direct": 0, "partial": 1, "according_to": 2, "indirect": 3}
    quotes = list(quotes)
    seen: set[tuple[int, int]] = set()
    unique = []
    for quote in quotes:
        if quote.cue_start is not None and any(
            other.cue_start == quote.cue_start and rank[other.kind] < rank[quote.kind]
            and _overlap((other.start, other.end), (quote.start, quote.end)) for other in quotes
        ):
            continue
        if (quote.start, quote.end) not in seen:
            seen.add((quote.start, quote.end))
            unique.append(quote)
    return unique


def analyse(analysis: Analysis) -> list[Quote]:
    article = analysis.article
    return find_quotes(article.id, article.text, analysis.doc, analysis.layer("sentences"),
                       analysis.layer("entities"))
