"""Choosing a brief's lead: which source sentences read well on their own, and MMR ranking.

:func:`rank_sentences` works on plain :class:`CandidateSentence` records (text, source label,
offsets), so the summarisation benchmark feeds it DUC and NeuS documents through the very same
function every brief uses.  The sentence-quality checks (page chrome, fragments, sentences that
lean on their context) are shared with the rest of the brief.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsbrief import lexicon
from newsbrief.embed import embed
from newsbrief.lexicon import CHROME_WORDS, METADATA_PREFIX, NEWS_FILLER_WORDS

# --- sentence quality: chrome, fragments, sentences that do not stand alone -------------

_LEADING_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "this", "these", "those", "that", "his", "her", "their", "its", "him", "them", "we", "i", "such"]
)
_CONNECTIVES = (
    "however", "but", "and", "also", "additionally", "further", "furthermore", "moreover",
    "meanwhile", "in response", "still", "yet", "instead", "nevertheless", "in addition",
    "as a result", "then", "so", "thus", "therefore", "otherwise", "on the other hand",
    "according to him", "according to her", "according to them", "following the meeting",
    "at the time", "in turn", "even so", "likewise", "similarly", "besides", "or",
)
_CONNECTIVE_OPENINGS = tuple(c + end for c in _CONNECTIVES for end in (" ", ","))
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$|[\"”’]$")
_OPEN_QUOTES = "“‘"


def words_of(text: str) -> list[str]:
    return lexicon.words(text)


# A dateline opening a story's first sentence: "Seoul: During ...", "WASHINGTON — The ...".
DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}(?:, [A-Z][A-Za-z.]+)?)\s*(?::|\s[—–-]{1,2})\s+(?=[A-Z“\"])"
)


def _wire_dateline(text: str) -> re.Match[str] | None:
    """A wire dateline (:data:`newsbrief.lexicon.DATELINE`) with its agency or date, or closed
    by "--" or "_": "CHICAGO (AP) -- ", "BEIJING, Nov. 25 (Xinhua) -- ", "ATLANTA _ ".  A bare
    name before a colon or a single hyphen may be a speaker or a split word: only ``DATELINE``
    above takes those."""
    match = lexicon.DATELINE.match(text)
    if match is None:
        return None
    closer = text[match.start("agency") if match["agency"] else match.end("place"):match.end()]
    return match if match["agency"] or match["date"] or "--" in closer or " _" in closer else None


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past surrounding whitespace, a glued-on metadata prefix and
    a dateline ("Seoul: "), so what is cited reads as a sentence."""
    segment = text[start:end]
    prefix = METADATA_PREFIX.match(segment)
    if prefix:
        start += prefix.end()
    while start < end and text[start].isspace():
        start += 1
    dateline = DATELINE.match(text[start:end]) or _wire_dateline(text[start:end])
    if dateline and len(text[start:end]) - dateline.end() > 40:
        start += dateline.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=1 << 16)  # pure, and asked again for the same texts while a brief is built
def is_chrome(text: str) -> bool:
    """Page furniture that survived extraction: calls to action, captions, share widgets."""
    stripped = text.strip()
    if not stripped:
        return True
    # counted with map first (this runs on every sentence of every brief): the upper-case
    # characters bound the upper-case letters, so only a text over it counts letter by letter
    letters = sum(map(str.isalpha, stripped))
    if (
        letters > 3
        and sum(map(str.isupper, stripped)) > 0.7 * letters
        and sum(c.isupper() for c in stripped if c.isalpha()) / letters > 0.7
    ):
        return True  # JOIN US ON TELEGRAM
    return bool(CHROME_WORDS.search(stripped))


def quotes_balanced(text: str) -> bool:
    """False for a quote cut mid-way: unmatched curly, straight or TeX-style quote marks."""
    if text.count("“") != text.count("”"):
        return False
    if text.count("``") != text.count("''"):
        return False
    straight = text.replace("''", "").count('"')
    return straight % 2 == 0


@lru_cache(maxsize=1 << 16)  # pure, and asked again for the same texts while a brief is built
def is_lead_worthy(text: str) -> bool:
    """A complete, self-contained news sentence: not chrome, a caption, a headline or a fragment."""
    words = words_of(text)
    if len(words) < 7 or len(words) > 70:
        return False
    stripped = text.strip()
    if not _TERMINAL.search(stripped) or not (stripped[0].isupper() or stripped[0] in _OPEN_QUOTES + '"`'):
        return False
    return not is_chrome(stripped) and quotes_balanced(stripped)


# A short label closing its own line ("*DEAD:", "Worst areas affected:") after a blank line:
# the start of a list, as in a wire factbox.
_LIST_LABEL = re.compile(r"[ \t]*\n[ \t]*\n\s*(?:[*•·-][ \t]*)?(?P<label>[^\n.!?:]{1,40}):[ \t]*(?:\n|$)")


def introduces_list(text: str, end: int) -> bool:
    """The sentence ending at ``end`` is a factbox's caption ("Figures available Saturday on the
    earthquake that struck Turkey early Tuesday."): what follows it is a list under labels,
    not a story, and the caption tells nothing that happened."""
    match = _LIST_LABEL.match(text, end)
    return match is not None and len(words_of(match["label"])) <= 5


# "Game or audience participation show: “Jeopardy!,” Syndicated; “The Price Is Right,” CBS; ...":
# a label, then items apart by semicolons.
_LIST_ENTRY = re.compile(r"(?P<label>[^:;\n]{1,60}):\s[^;]*;[^;]*;")


def reads_as_list(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is part of a list, not a sentence telling what happened: a factbox's
    caption (:func:`introduces_list`) or an entry of a list under a label (a nominees' list)."""
    entry = _LIST_ENTRY.match(text, start, end)
    return introduces_list(text, end) or (entry is not None and len(words_of(entry["label"])) <= 6)


_PERSONAL = frozenset(["he", "she", "him", "his", "her", "they", "them", "their"])
# "This month, ...", "That week ...": a demonstrative before a time noun dates the sentence; it points back to nothing
_TIME_PHRASE = re.compile(
    r"(?:this|that|these|those) (?:past |last |coming |next )?(?:morning|afternoon|evening|night|day|week|weekend|"
    r"month|year|season|summer|winter|spring|autumn|fall|time|days|weeks|months|years)\b"
)


def dangles(text: str) -> bool:
    """The sentence opens with a personal pronoun ("He implored the council ..."): on its own,
    as a lead sentence without the one before it, the reader cannot tell who is meant."""
    first = (words_of(text.strip().lstrip("\"“‘`'"))[:1] or [""])[0].lower()
    return first in _PERSONAL or first in ("we", "i")


def _pronoun_before_name(text: str) -> bool:
    """A personal pronoun comes before any capitalised name (the sentence's first word aside)."""
    for i, word in enumerate(words_of(text)):
        if word.lower() in _PERSONAL:
            return True
        if i > 0 and word[0].isupper():
            return False
    return False


@lru_cache(maxsize=1 << 16)  # pure, and asked again for the same texts while a brief is built
def standalone_penalty(text: str) -> float:
    """How much a sentence leans on its context (0 = reads on its own)."""
    stripped = text.strip().lstrip("\"“‘`'")
    lowered = stripped.lower()
    first = (words_of(stripped)[:1] or [""])[0].lower()
    penalty = 0.0
    if first in _LEADING_PRONOUNS and not _TIME_PHRASE.match(lowered):
        penalty += 0.35
    elif _pronoun_before_name(stripped):
        penalty += 0.25  # "The day before, he said ...": who "he" is lies in an earlier sentence
    if lowered.startswith(_CONNECTIVE_OPENINGS):
        penalty += 0.3
    if text.strip()[:1] in _OPEN_QUOTES + '"`':
        penalty += 0.15  # a bare quote: who said it comes later or not at all
    n = len(words_of(text))
    if n < 10 or n > 45:
        penalty += 0.1
    return penalty


# --- ranking: the lead ------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateSentence:
    """A source sentence the lead may use.

    ``source`` is what counts as one independent voice (the outlet; the document id when the
    outlet is unknown).  ``support`` is the number of independent outlets stating the same
    fact when matching found one; otherwise it is estimated from embedding similarity.
    """

    text: str
    doc_id: str
    source: str
    start: int = 0
    end: int = 0
    position: int = 0  # index of the sentence in its document (0 = first)
    support: int | None = None
    disputed: bool = False  # one version of a count, number, date or speaker the sources disagree on


@dataclass(frozen=True)
class RankedSentence:
    candidate: CandidateSentence
    score: float
    support: int  # distinct sources stating it


@dataclass(frozen=True)
class RankWeights:
    """The mix of the lead score; the defaults were tuned on DUC 2007 and NeuS (bench/summarise.py)."""

    centrality: float = 0.20
    salience: float = 0.20
    support: float = 0.20
    position: float = 0.30
    focus: float = 0.80
    redundancy: float = 0.25  # MMR: weight of similarity to sentences already chosen
    max_similarity: float = 0.80  # never pick a sentence this close to one already chosen
    support_similarity: float = 0.62  # cosine above which another source states the same thing


def _normalise(values: np.ndarray) -> np.ndarray:
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.zeros_like(values)
    return (values - low) / (high - low)


def _content_words(text: str, stop: frozenset[str]) -> list[str]:
    return [w for w in (t.lower() for t in words_of(text)) if w not in stop and len(w) > 2]


def _salience(candidates: Sequence[CandidateSentence], stop: frozenset[str]) -> np.ndarray:
    """Mean share of sources that use each content word of the sentence (multi-document SumBasic)."""
    by_source: dict[str, set[str]] = defaultdict(set)
    tokens = [_content_words(c.text, stop) for c in candidates]
    for c, words in zip(candidates, tokens, strict=True):
        by_source[c.source].update(words)
    df: Counter[str] = Counter()
    for vocabulary in by_source.values():
        df.update(vocabulary)
    n_sources = max(1, len(by_source))
    return np.array(
        [sum(df[w] for w in words) / (len(words) * n_sources) if words else 0.0 for words in tokens],
        dtype=np.float32,
    )


def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | NEWS_FILLER_WORDS


def rank_sentences(
    candidates: Sequence[CandidateSentence],
    max_words: int,
    focus: str | None = None,
    min_sentences: int = 1,
    max_sentences: int | None = None,
    vectors: np.ndarray | None = None,
    weights: RankWeights | None = None,
    ceiling: bool = False,
) -> list[RankedSentence]:
    """Choose up to ``max_words`` words of diverse, central, corroborated, self-contained sentences.

    Score = centrality (closeness to the centroid of all sentences) + salience (content words
    many sources use) + support (independent sources stating the same thing) + position (news
    puts the essentials first) + similarity to ``focus`` when given - a penalty for sentences
    that do not stand alone.  Sentences are then picked by maximal marginal relevance, so the
    lead does not repeat itself, and returned most corroborated first.

    By default sentences are added until ``max_words`` is reached, the last one possibly
    running over (a benchmark cuts every system's output to the budget).  With ``ceiling``
    (what a brief's lead uses) the budget is a ceiling, filled: once the best sentences are
    in, the next-ranked non-redundant sentences that still fit are added, until none fits or
    ``max_sentences`` is reached; the words never exceed ``max_words``, except that a lead is
    never empty (when no sentence is that short, it is the one best sentence).
    """
    weights = weights or RankWeights()
    if not candidates:
        return []
    worthy = [i for i, c in enumerate(candidates) if is_lead_worthy(c.text)]
    if len(worthy) < min_sentences:  # tiny inputs: fall back to any non-chrome sentence
        worthy = [i for i, c in enumerate(candidates) if not is_chrome(c.text) and words_of(c.text)]
    if not worthy:
        return []
    pool = [candidates[i] for i in worthy]
    vecs = vectors[worthy] if vectors is not None else embed([c.text for c in pool])
    sims = vecs @ vecs.T
    centroid = vecs.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    centrality = vecs @ centroid

    sources = np.array([c.source for c in pool])
    support = np.ones(len(pool), dtype=np.float32)
    for i, c in enumerate(pool):
        if c.support is not None:
            support[i] = max(1, c.support)
            continue
        close = (sims[i] >= weights.support_similarity) & (sources != c.source)
        support[i] = 1 + len(set(sources[close].tolist()))

    position = np.array([1.0 / (1.0 + 0.35 * c.position) for c in pool], dtype=np.float32)
    penalty = np.array([standalone_penalty(c.text) + (0.3 if c.disputed else 0.0) for c in pool], dtype=np.float32)
    score: np.ndarray = (
        weights.centrality * _normalise(centrality)
        + weights.salience * _normalise(_salience(pool, _stopwords()))
        + weights.support * _normalise(np.log1p(support))
        + weights.position * position
        - penalty
    )
    if focus and focus.strip():
        focus_vec = embed([focus])[0]
        score = score + weights.focus * _normalise((vecs @ focus_vec).astype(np.float32))

    lengths = [len(words_of(c.text)) for c in pool]
    dangling = [dangles(c.text) for c in pool] if ceiling else []
    limit = max_sentences or len(pool)
    chosen: list[int] = []
    words = 0
    available = set(range(len(pool)))
    fits = any(n <= max_words for n in lengths)
    values = score.tolist()
    # each sentence's greatest similarity to the sentences chosen so far, kept up to date as
    # they are chosen (the same float32 maxima as taking them afresh, without a numpy call
    # per sentence per round)
    closest: np.ndarray | None = None
    overlaps: list[float] = []
    while available and len(chosen) < limit:
        if not ceiling and words >= max_words and len(chosen) >= min_sentences:
            break
        best, best_value = -1, -math.inf
        for i in available:
            if ceiling and (chosen or fits) and words + lengths[i] > max_words:
                continue  # the budget is a ceiling
            if ceiling and len(chosen) >= min_sentences and dangling[i]:
                continue  # filling a brief's lead: never with a sentence whose "he" the lead does not name
            overlap = overlaps[i] if chosen else 0.0
            if overlap >= weights.max_similarity:
                continue
            if ceiling:  # while fewer than min_sentences, one that leaves no room for the others loses
                too_long = len(chosen) < min_sentences - 1 and words + lengths[i] > 1.5 * max_words * (len(chosen) + 1) / min_sentences
            else:  # in a short lead, a sentence that would overshoot the budget by half loses to a shorter one
                too_long = len(chosen) >= min_sentences and words + lengths[i] > 1.5 * max_words
            value = values[i] - weights.redundancy * overlap - (1.0 if too_long else 0.0)
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        closest = sims[best].copy() if closest is None else np.maximum(closest, sims[best])
        overlaps = closest.tolist()
        chosen.append(best)
        words += lengths[best]
        available.discard(best)
    ranked = [RankedSentence(pool[i], float(score[i]), int(support[i])) for i in chosen]
    ranked.sort(key=lambda r: (-r.support, -r.score))
    return ranked
