"""Sentences: spaCy's sentence split, corrected for news text.

The boundaries come from the shared Doc, where ``nlp.set_news_boundaries`` has already told
the parser about paragraphs, titles ("Mr.", "Gen."), dates ("Jan. 2"), companies ("Microsoft
Corp. said"), initialisms ("the U.S. is") and quotations with their "he said" tail.  This module turns ``doc.sents`` into
:class:`Sentence` records with offsets into the article text, trims the surrounding white
space, and applies the same rules once more on characters as a safety net: a sentence never
spans a line break, and never starts with the closing quote mark of the sentence before.
Each sentence keeps its verbs with their doer, object, negation and mood
(:mod:`newsbrief.analyse.clauses`), read at brief time without the parser.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsbrief.analyse.clauses import sentence_predicates
from newsbrief.analyse.nlp import hard_wrapped
from newsbrief.analyse.record import LAYER_VERSIONS
from newsbrief.models import Predicate, Sentence

if TYPE_CHECKING:
    from newsbrief.analyse.record import Analysis

NAME = "sentences"
VERSION = LAYER_VERSIONS[NAME]  # bump it in analyse/record.py
REQUIRES: tuple[str, ...] = ()
RECORD = Sentence

_CLOSING_START = re.compile(r'^[”’»"]+(?=\s|$)')
_PARAGRAPH_BREAK = re.compile(r"\n")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def analyse(analysis: Analysis) -> list[Sentence]:
    return sentences_from_doc(analysis.article.id, analysis.article.text, analysis.doc)


def sentences_from_doc(article_id: str, text: str, doc: Any) -> list[Sentence]:
    """The corrected sentences of ``text`` (whose spaCy Doc is ``doc``), in order, each with
    its verbs (:func:`newsbrief.analyse.clauses.sentence_predicates`)."""
    spans = [(sent.start_char, sent.end_char) for sent in doc.sents]
    spans = _split_paragraphs(text, spans)
    spans = _reattach_closing_quotes(text, spans)
    spans = [(start, end) for start, end in (_trim(text, s, e) for s, e in spans) if start < end]
    starts = [start for start, _ in spans]
    verbs: list[list[Predicate]] = [[] for _ in spans]
    for predicate in sentence_predicates(doc):
        i = bisect.bisect_right(starts, predicate.start) - 1
        if i >= 0 and predicate.end <= spans[i][1]:
            verbs[i].append(predicate)
    return [
        Sentence(article_id, n, start, end, text[start:end], tuple(verbs[n])) for n, (start, end) in enumerate(spans)
    ]


def sentence_index(sentences: Sequence[Sentence], offset: int) -> int | None:
    """The index (in ``sentences``) of the sentence containing character ``offset``, or None."""
    starts = [s.start for s in sentences]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i].start <= offset < sentences[i].end:
        return i
    return None


def _split_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut any span that crosses a paragraph break (a line break, or a blank line in wrapped text)."""
    pattern = _BLANK_LINE if hard_wrapped(text) else _PARAGRAPH_BREAK
    result = []
    for start, end in spans:
        cut = start
        for match in pattern.finditer(text, start, end):
            if text[cut : match.start()].strip():
                result.append((cut, match.start()))
            cut = match.end()
        result.append((cut, end))
    return result


def _reattach_closing_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move a closing quote mark that opens a span back to the end of the span before."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        first = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        match = _CLOSING_START.match(text, first, end)
        if result and match and "\n" not in text[result[-1][1] : first]:
            previous_start, _ = result.pop()
            result.append((previous_start, match.end()))
            start = match.end()
        result.append((start, end))
    return result


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
