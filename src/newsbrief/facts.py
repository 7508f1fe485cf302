"""Claims and facts: the same statement told by different articles, grouped.

A *claim* is one sentence of an article (or one clause of a very long sentence) that states
something: questions, page chrome that survived extraction (headlines of other articles,
"JOIN US ON TELEGRAM", image captions) and short fragments are left out.

Claims of different articles are grouped into *facts* by MiniLM sentence embeddings (one
``embed()`` call for the whole story) plus evidence from the analyses.  Two claims are never
linked when they cannot state one proposition (:func:`compatible`: different event days,
numbers further apart than ``TOLERANCE`` or exact counts that differ, or an event dated after the other
article was published).
Otherwise they are linked
when their cosine similarity is at least ``SIMILAR`` (0.70), or at least ``RELATED`` (0.55)
when they also share two canonical entities and a date or a number, or two dates.  On the seeds, 0.70 is
where paraphrases of one statement ("Russia used short-range ballistic missiles from North
Korea" / "Russia had used North Korean ballistic missiles against Ukraine") still join while
different statements about the same actors ("Russia condemned ..." / "Russia used ...") stay
apart; the evidence rule catches paraphrases whose wording differs more but name the same
actors and the same date.  Links are merged greedily, strongest first, with two guards against
chaining: one claim per article in a fact, and the average similarity between the two groups
being merged must stay at least ``LINKAGE`` (0.66; at 0.62 "UN resolutions ban arms trade with
North Korea" absorbed "a joint statement by eight countries condemned ...").
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from newsbrief.copies import copy_origins, independent_outlets
from newsbrief.lexicon import CHROME_WORDS, DATELINE, METADATA_PREFIX, letter_words
from newsbrief.models import Article, Claim, Fact, Predicate

# Re-exported: whether two versions state one proposition lives in newsbrief.propositions.
from newsbrief.propositions import (  # noqa: F401
    compatible,
    content_words,
    key_numbers,
    negated,
    polarity_differs,
    propositions,
    same_proposition,
    states_specifics,
)

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

SIMILAR = 0.70
RELATED = 0.55
LINKAGE = 0.66  # least average similarity between two groups being merged
MIN_CLAIM_WORDS = 6
LONG_SENTENCE_WORDS = 45
_CHUNK = 512  # rows of the similarity matrix computed at once (memory stays O(chunk x n))

_CLAUSE_BREAK = re.compile(r";\s+|\s+[–—]\s+")
_TERMINAL = (".", "!", "…")
_CLOSERS = " \t\"'”’»)]"
_PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(frozen=True)
class EntityMention:
    """One mention of a canonical entity: where it is and which entity it names."""

    article_id: str
    start: int
    end: int
    entity_id: str


def outlet_of(article: Article) -> str:
    """The name used in citations and counts (:func:`newsbrief.models.source_label`)."""
    return article.label


def is_chrome(text: str) -> bool:
    """Whether a line or sentence is page chrome, a headline, a caption or a fragment, not a claim."""
    words = letter_words(text)
    if len(words) < MIN_CLAIM_WORDS:
        return True
    stripped = text.rstrip(_CLOSERS)
    if stripped.endswith("?") or not stripped.endswith(_TERMINAL):
        return True
    if "@" in text or "http" in text or "www." in text or CHROME_WORDS.search(text):
        return True
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.7


# A number cut at its decimal point by the sentence splitter ("up to 2. 7GHz" in a tokenised page):
# the sentence ending "... up to 2." and the one opening "7GHz; up to 16GB of RAM ..." are one
# sentence, read as one (ECB+ 40ecbplus credited two spec lists of different machines on the
# pieces).
_CUT_TAIL = re.compile(r"\d+(?:GHz|MHz|GB|TB|MB|kg|km|mm|cm|mph|lb|ft)\b")
_CUT_HEAD = re.compile(r"(?<=\s)\d\.$")


def joined_sentences(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of these sentences (in text order) with every two that the splitter cut inside
    a number joined: one ending in a lone digit and a full stop, the next opening with digits
    glued to a unit ("... up to 2." + "7GHz; up to 16GB of RAM ...")."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _CUT_TAIL.match(text, start) and _CUT_HEAD.search(text[out[-1][0] : out[-1][1]].rstrip()):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def chrome_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines that look like headlines, captions or chrome (no final punctuation, short)."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group().strip()
        if not line:
            continue
        words = letter_words(line)
        stripped = line.rstrip(_CLOSERS)
        if len(words) <= 25 and (not stripped.endswith(_TERMINAL) or CHROME_WORDS.search(line)):
            spans.append((match.start(), match.end()))
    return spans


def after_dateline(text: str, start: int, end: int, places: Iterable[tuple[int, int]] = ()) -> int:
    """Where ``text[start:end]`` begins once a dateline opening it is passed ("SEOUL:",
    "WASHINGTON (AP) —", "Seoul, Nov 2 (Reuters) -"): a fact begins with what happened, not
    where it was filed.  A bare name before a colon is a dateline only when it is one of
    ``places`` (the spans of place entities): "SUU KYI: It was ..." names the speaker.  A bare
    name before a single hyphen is not one ("SKY - TV reports ..."), and what follows must be a
    sentence of its own (over 40 characters)."""
    match = DATELINE.match(text[start:end])
    if match is None or end - start - match.end() <= 40:
        return start
    dated = bool(match["date"] or match["agency"])
    if match["hyphen"] and not dated:
        return start
    if match["colon"] and not dated:
        place = (start + match.start("place"), start + match.end("place"))
        if not any(s <= place[0] and place[1] <= e for s, e in places):
            return start
    return start + match.end()


def place_spans(entities: Iterable[Any]) -> list[tuple[int, int]]:
    """The spans of an article's place entities (what :func:`claim_spans` takes as ``places``)."""
    return [(e.start, e.end) for e in entities if e.label in _PLACE_LABELS]


def claim_spans(
    text: str, start: int, end: int, places: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """The claim spans of one sentence: its lines past a metadata prefix or a dateline
    (:func:`after_dateline`; ``places`` are the spans of place entities), long ones split at
    ';' or a dash."""
    spans = []
    places = list(places)
    for line in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + line.start(), start + line.end()
        prefix = METADATA_PREFIX.match(text, s, e)
        if prefix:
            s = prefix.end()
        while s < e and text[s].isspace():
            s += 1
        s = after_dateline(text, s, e, places)
        pieces = [(s, e)]
        if len(text[s:e].split()) > LONG_SENTENCE_WORDS:
            pieces, last = [], s
            for brk in _CLAUSE_BREAK.finditer(text, s, e):
                if (
                    len(text[last : brk.start()].split()) >= MIN_CLAIM_WORDS
                    and len(text[brk.end() : e].split()) >= MIN_CLAIM_WORDS
                ):
                    pieces.append((last, brk.start()))
                    last = brk.end()
            pieces.append((last, e))
        for ps, pe in pieces:
            while ps < pe and text[ps].isspace():
                ps += 1
            while pe > ps and text[pe - 1].isspace():
                pe -= 1
            if ps < pe:
                spans.append((ps, pe))
    return spans


def _in_span(records: Iterable[object], start: int, end: int) -> list[object]:
    return [r for r in records if start <= getattr(r, "start", -1) and getattr(r, "end", end + 1) <= end]


def extract_claims(
    articles: Sequence[Article], analyses: Sequence[Analysis], mentions: Sequence[EntityMention]
) -> list[Claim]:
    """Every claim of every article, with its canonical entities, numbers and dates."""
    by_article: dict[str, list[EntityMention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    claims = []
    for article, analysis in zip(articles, analyses, strict=True):
        text = article.text
        times = analysis.times
        quantities = analysis.quantities
        seen: set[str] = set()  # a paragraph repeated in one article is one claim
        places = place_spans(analysis.entities)
        sentences = joined_sentences(text, ((s.start, s.end) for s in analysis.layer("sentences")))
        for sentence_start, sentence_end in sentences:
            for start, end in claim_spans(text, sentence_start, sentence_end, places):
                claim_text = text[start:end]
                if is_chrome(claim_text) or claim_text in seen:
                    continue
                seen.add(claim_text)
                entity_ids = tuple(
                    dict.fromkeys(
                        m.entity_id
                        for m in by_article.get(article.id, [])
                        if m.start >= start and m.end <= end
                    )
                )
                numbers = tuple(float(q.value) for q in _in_span(quantities, start, end))  # type: ignore[attr-defined]
                dates = tuple(
                    dict.fromkeys(
                        t.value  # type: ignore[attr-defined]
                        for t in _in_span(times, start, end)
                        if getattr(t, "value", None) and getattr(t, "kind", "date") == "date"
                    )
                )
                claims.append(
                    Claim(article.id, outlet_of(article), start, end, claim_text, entity_ids, numbers, dates)
                )
    return claims


def claim_predicates(analyses: Sequence[Analysis], claims: Sequence[Claim]) -> list[tuple[Predicate, ...]]:
    """The parsed verbs of each claim (stored with its sentence by the sentences analyser): the
    predicates whose verb lies in the claim's span."""
    by_article: dict[str, list[Predicate]] = {}
    for analysis in analyses:
        by_article[analysis.article.id] = [p for s in analysis.sentences for p in s.predicates]
    return [
        tuple(p for p in by_article.get(c.article_id, []) if c.start <= p.start and p.end <= c.end) for c in claims
    ]


COPY_SHARE = 0.5  # share of the shorter article's claims found word for word in the other
MIN_COPIED_CLAIMS = 3
COPY_SHINGLES = 0.18  # share of the shorter article's own 5-word runs (not quotes) found in the other
MIN_COPY_SHINGLES = 60  # a few sentences in common phrasing are not a reprint ...
SHORT_COPY_SHINGLES, MIN_SHORT_COPY_SHINGLES = 0.35, 25  # ... unless a third of them is shared
VERBATIM_SHINGLES = 0.5  # share of a version's own 4-word runs found in another's: the same wire sentence
COPY_SENTENCES = 0.25  # ... or this share of its sentences mostly found in the other, with
COPY_SHINGLES_WITH_SENTENCES = 0.12  # at least this share of its 5-word sequences
COPIED_SENTENCES, MIN_COPY_SHARE = 3, 0.08  # or three sentences retold and this share of the sequences
# ... or, read outside the quotes the quotes layer found, this share of the shorter one's own
# 5-word sequences found in the other.  Over the claims sets of bench/claims.py (the 60, UNSEEN,
# FRESH, LATER, FINAL, BLIND8 .. BLIND12), of the pairs above 0.2 that the rules above do not join,
# a reprint is at 0.53 and 0.58 (ECB+ 18ecbplus, a blog's paste of AP) and the other, two outlets
# judged independent, at 0.28 (ECB+ 18ecb).
OWN_WORDS_COPIED = 0.4
RETOLD_SHARE = 0.6  # share of a sentence's own 3-word sequences found in one sentence of the other article
# ... or a looser share in more sentences: a story rewritten paragraph by paragraph (AP retelling
# a Cox story).  In the claims of the 112 bench clusters of bench/claims.py (60 + UNSEEN) no two
# independent reports have more than three sentences at 0.45 (ECB 5ecb); every pair with four
# or more is a copy.
LOOSELY_RETOLD_SHARE, LOOSELY_RETOLD_SENTENCES = 0.45, 4
_QUOTED = re.compile(r"[\"“”]|''|``")
_TOKEN = re.compile(r"[^\W_]+")
# A sentence in the first person is a speaker's words (a quotation running over several sentences
# carries its marks only on the first and last): two outlets quoting one speaker share them.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|[Ww]e|[Ww]e're|[Ww]e've|[Ww]e'll|[Oo]ur|[Mm]y|me|us)\b")


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    """The ``n``-word sequences of ``text`` outside quotation marks (two outlets quoting one
    statement share its words without one copying the other)."""
    return _word_grams(" ".join(part for k, part in enumerate(_QUOTED.split(text)) if k % 2 == 0), n)


def _word_grams(text: str, n: int) -> set[tuple[str, ...]]:
    """The ``n``-word sequences of ``text``, lower-cased."""
    words = _TOKEN.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _sentence_share(mine: list[str], other: set[tuple[str, ...]]) -> tuple[float, int]:
    """Share and number of these sentences whose own 4-word sequences are mostly found in ``other``."""
    own = [sh for sh in (_shingles(t, 4) for t in mine) if len(sh) >= 6]
    found = sum(len(sh & other) >= 0.5 * len(sh) for sh in own)
    return (found / len(own) if own else 0.0), found


def _retold_counts(mine: Sequence[str], other: Sequence[str]) -> list[tuple[int, int]]:
    """For each of these sentences that could be retold (the reporter's own words: quotes and
    first-person sentences left out, at least eight words), (its 3-word sequences found in the
    one sentence of ``other`` holding most of them, how many it has)."""
    index: dict[tuple[str, ...], set[int]] = {}
    for n, sentence in enumerate(other):
        for gram in _shingles(sentence, 3):
            index.setdefault(gram, set()).add(n)
    counts = []
    for sentence in mine:
        if _FIRST_PERSON.search(sentence):
            continue
        grams = _shingles(sentence, 3)
        if len(grams) < 6:
            continue
        hits: dict[int, int] = {}
        for gram in grams:
            for n in index.get(gram, ()):
                hits[n] = hits.get(n, 0) + 1
        counts.append((max(hits.values(), default=0), len(grams)))
    return counts


def retold_sentences(mine: Sequence[str], other: Sequence[str], share: float = RETOLD_SHARE) -> int:
    """How many of these sentences another article retells: a sentence in the reporter's own
    words (quotes and first-person sentences left out, at least eight words) whose 3-word
    sequences are at least ``share`` found in one sentence of ``other``.  A copy desk's
    edits ("Mr. Nichols", "caps" for "ends", a clause cut) break longer sequences and leave most
    of these; two reporters writing the same news rarely share them sentence after sentence."""
    return _count_retold(_retold_counts(mine, other), share)


def _count_retold(counts: Sequence[tuple[int, int]], share: float) -> int:
    return sum(1 for found, grams in counts if found and found >= share * grams)


def _retold(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether one of two articles retells the other sentence by sentence: ``COPIED_SENTENCES``
    sentences closely (``RETOLD_SHARE``) or ``LOOSELY_RETOLD_SENTENCES`` more loosely."""
    for mine, other in ((a, b), (b, a)):
        counts = _retold_counts(mine, other)
        if _count_retold(counts, RETOLD_SHARE) >= COPIED_SENTENCES:
            return True
        if _count_retold(counts, LOOSELY_RETOLD_SHARE) >= LOOSELY_RETOLD_SENTENCES:
            return True
    return False


def _retold_pairs(sentences: dict[str, list[str]], articles: dict[str, Article]) -> set[tuple[str, str]]:
    """Pairs of articles of different outlets where one retells the other with small edits:
    at least ``COPY_SHINGLES`` of the shorter one's own 5-word sequences (quotes left out) are
    found in the other, or ``COPY_SHINGLES_WITH_SENTENCES`` of them and ``COPY_SENTENCES`` of
    its sentences, or ``MIN_COPY_SHARE`` of them and ``COPIED_SENTENCES`` sentences mostly found
    in the other, word sequences or one by one (:func:`retold_sentences`: the same story with
    a copy desk's edits in every sentence).  Shared sequences are counted through an index, so
    only articles that share some are compared."""
    five = {a: _shingles(" ".join(texts), 5) for a, texts in sentences.items()}
    pairs = set()
    for (a, b), count in _shared_counts(five).items():
        smaller = min(len(five[a]), len(five[b]))
        if smaller < MIN_SHORT_COPY_SHINGLES or outlet_of(articles[a]) == outlet_of(articles[b]):
            continue
        containment = count / smaller
        if smaller < MIN_COPY_SHINGLES:
            if containment >= SHORT_COPY_SHINGLES:  # a short wire item reprinted whole
                pairs.add((a, b))
            continue
        if containment >= COPY_SHINGLES:
            pairs.add((a, b))
        elif containment >= MIN_COPY_SHARE:
            shares = (
                _sentence_share(sentences[a], five[b] | _shingles(" ".join(sentences[b]), 4)),
                _sentence_share(sentences[b], five[a] | _shingles(" ".join(sentences[a]), 4)),
            )
            if any(
                (share >= COPY_SENTENCES and containment >= COPY_SHINGLES_WITH_SENTENCES) or found >= COPIED_SENTENCES
                for share, found in shares
            ) or _retold(sentences[a], sentences[b]):
                pairs.add((a, b))
    return pairs


def _shared_counts(grams: dict[str, set[tuple[str, ...]]]) -> dict[tuple[str, str], int]:
    """How many of their word sequences each two articles share (pairs that share none are left
    out), counted through an index so that only articles sharing some are compared."""
    postings: dict[tuple[str, ...], list[str]] = {}
    for a, shingles in grams.items():
        for shingle in shingles:
            postings.setdefault(shingle, []).append(a)
    shared: dict[tuple[str, str], int] = {}
    for ids in postings.values():
        if 1 < len(ids) <= 50:  # a sequence in fifty articles is a stock phrase, not a copy
            for n, a in enumerate(ids):
                for b in ids[n + 1 :]:
                    key = (a, b) if a < b else (b, a)
                    shared[key] = shared.get(key, 0) + 1
    return shared


def _copied_own_words(own: dict[str, list[str]], articles: dict[str, Article]) -> set[tuple[str, str]]:
    """Pairs of articles of different outlets where at least ``OWN_WORDS_COPIED`` of the shorter
    one's own 5-word sequences (``own``: its claims read outside the quotes the quotes layer
    found, :func:`own_words`; at least ``MIN_COPY_SHINGLES``) are found in the other."""
    five = {a: _word_grams(" ".join(texts), 5) for a, texts in own.items()}
    return {
        (a, b)
        for (a, b), count in _shared_counts(five).items()
        if (smaller := min(len(five[a]), len(five[b]))) >= MIN_COPY_SHINGLES
        and count >= OWN_WORDS_COPIED * smaller
        and outlet_of(articles[a]) != outlet_of(articles[b])
    }


def quoted_spans(analyses: Sequence[Analysis]) -> dict[str, list[tuple[int, int]]]:
    """Each article's quoted words as its quotes layer found them (what :func:`wire_copies`
    leaves out of a reporter's own words), for the analyses that have that layer: the content
    of its direct quotes (a quote carried over several paragraphs is one, however its marks
    fall; a statement closed by a dash attribution too) and the quoted parts of its partial
    quotes ("described the suspect as 'subdued'": the paraphrase around them is the reporter's)."""
    from newsbrief.analyse.quotes import find_quoted_spans

    found: dict[str, list[tuple[int, int]]] = {}
    for analysis in analyses:
        if "quotes" not in analysis.computed:
            continue
        text, spans = analysis.article.text, found.setdefault(analysis.article.id, [])
        for quote in analysis.quotes:
            if quote.kind == "direct":
                spans.append((quote.start, quote.end))
            elif quote.kind == "partial":
                region = text[quote.start : quote.end]
                spans += [(quote.start + q.start, quote.start + q.end) for q in find_quoted_spans(region)]
        spans.sort()
    return found


def own_words(text: str, quoted: Sequence[tuple[int, int]], offset: int = 0) -> str:
    """``text`` without its quoted words (``quoted``: spans in the text that ``text`` starts at
    ``offset`` of, :func:`quoted_spans`): the reporter's own words, what a reprint copies and two
    outlets quoting one speaker do not share.  What is left of a sentence in the first person is
    a speaker's words all the same, and none of it is kept: a quotation running over several
    paragraphs may carry its marks only on the first and last, which the quotes layer does not
    pair (ECB+ texts, one sentence a line: "'I've done it. / ... / I dated a million guys, but
    I'm so happy ... / I don't need to do anything anymore,' she told the magazine.")."""
    pieces, pos = [], 0
    for start, end in quoted:
        start, end = max(start - offset, pos), min(end - offset, len(text))
        if start < end:
            pieces.append(text[pos:start])
            pos = end
    pieces.append(text[pos:])
    own = " ".join(pieces)
    return "" if _FIRST_PERSON.search(own) else own


def wire_copies(
    claims: Sequence[Claim], articles: dict[str, Article], quoted: Mapping[str, Sequence[tuple[int, int]]] | None = None
) -> dict[str, str]:
    """Articles that reprint one another (a wire story on several sites that the
    near-duplicate check missed, because each site added its own paragraphs or edited a few
    words): article id -> the id of the earliest copy.  Two articles of different outlets are
    copies when at least half the claims of the shorter one (and three or more) appear word
    for word in the other, or when the shorter one's own words (quotes left out) are largely
    found in the other, or several of its sentences are retold one by one (:func:`_retold_pairs`:
    the same AP story retold with small edits).

    Those rules leave quotes out by the marks in the claims' text, read over the claims joined;
    an unpaired mark turns the rest of an article inside out, its own words read as quoted (a
    blog's paste of an AP story between one opening mark and one closing mark paragraphs later,
    ECB+ 18ecbplus).  Given ``quoted``, each article's quotes as its quotes layer found them
    (:func:`quoted_spans`: marks paired within a paragraph, a quote carried on where the next
    paragraph opens with a mark), two articles are copies too when most of the shorter one's
    own words read outside those (:func:`_copied_own_words`) are found in the other."""
    texts: dict[str, set[str]] = {}
    sentences: dict[str, list[str]] = {}
    own: dict[str, list[str]] = {}
    for claim in claims:
        texts.setdefault(claim.article_id, set()).add(" ".join(letter_words(claim.text.lower())))
        sentences.setdefault(claim.article_id, []).append(claim.text)
        if quoted is not None:
            own.setdefault(claim.article_id, []).append(own_words(claim.text, quoted.get(claim.article_id, ()), claim.start))
    ids = sorted(texts, key=lambda a: (articles[a].published or "", a))
    parent = {a: a for a in ids}

    def root(a: str) -> str:
        while parent[a] != a:
            a = parent[a]
        return a

    retold = _retold_pairs(sentences, articles) | _copied_own_words(own, articles)
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            shared = len(texts[a] & texts[b])
            copy = shared >= MIN_COPIED_CLAIMS and shared >= COPY_SHARE * min(len(texts[a]), len(texts[b]))
            if copy or (a, b) in retold or (b, a) in retold:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[rb] = ra  # ids are in date order: the earliest copy stays the root
    return {a: root(a) for a in ids if root(a) != a}


def independent_sources(
    article_ids: Iterable[str], articles: dict[str, Article], copies: dict[str, str] | None = None
) -> int:
    """How many independent outlets stand behind these articles (``articles``: the story's).

    Distinct outlets count once each; a syndicated or exact copy (``duplicate_of``) or a reprint
    (``copies``, from :func:`wire_copies`) counts as the outlet of its group's original, which
    the story's header counts too (:func:`newsbrief.copies.independent_outlets`: one copy
    relation, so a fact never shows more outlets than its story); ten reprints of an absent wire
    story count once.
    """
    return independent_outlets(articles.values(), article_ids, origins=story_origins(articles, copies))


def story_origins(articles: dict[str, Article], copies: dict[str, str] | None = None) -> dict[str, str]:
    """The story's copy relation (:func:`newsbrief.copies.copy_origins`): each copy -> its
    group's original, the earliest published article of the group (an unknown date first, as
    :func:`wire_copies` orders them)."""
    return copy_origins(articles.values(), copies, order=lambda a: (a.published or "", a.id))


@dataclass
class FactGrouping:
    """Claims, their embeddings, and the facts they were grouped into."""

    claims: list[Claim]
    vectors: np.ndarray  # one L2-normalised row per claim
    groups: list[list[int]]  # claim indices of each fact, in the order of ``facts``
    facts: list[Fact]
    # wire_copies(claims, articles) as grouping found them, and the ids of those articles (the
    # brief reuses them for the same articles instead of comparing every pair again)
    copies: dict[str, str] | None = None
    article_ids: frozenset[str] = frozenset()

    def fact_index(self) -> list[int]:
        """For each claim, the index of its fact."""
        index = [0] * len(self.claims)
        for i, group in enumerate(self.groups):
            for c in group:
                index[c] = i
        return index


def candidate_links(
    claims: Sequence[Claim], vectors: np.ndarray, threshold: float, similar: float = SIMILAR
) -> list[tuple[float, int, int]]:
    """Pairs of claims of different articles that may be linked, strongest first: cosine >=
    ``similar``, or cosine >= ``threshold`` and sharing an entity, a date or a number (the
    looser link needs shared evidence, so pairs without any are never enumerated).

    The similarity matrix is computed a chunk of rows at a time, so memory stays bounded for
    stories with thousands of claims; pairs are filtered with array masks, not one by one.
    """
    n = len(claims)
    if n < 2:
        return []
    codes: dict[str, int] = {}
    article_codes = np.array([codes.setdefault(c.article_id, len(codes)) for c in claims])
    if len(codes) < 2:
        return []  # one article's claims: no pair to link (most stories), so no matrix to build
    keys = _evidence_keys(claims)
    index = np.arange(n)
    links: list[tuple[float, int, int]] = []
    for lo in range(0, n, _CHUNK):
        hi = min(n, lo + _CHUNK)
        sims = vectors[lo:hi] @ vectors.T
        upper = index[None, :] > index[lo:hi, None]
        other_article = article_codes[lo:hi, None] != article_codes[None, :]
        band = (sims >= threshold) & upper & other_article
        if not band.any():
            continue
        shared = (keys[lo:hi] @ keys.T).toarray() > 0 if keys.shape[1] else np.zeros_like(band)
        rows, cols = np.nonzero(band & ((sims >= similar) | shared))
        values = sims[rows, cols]
        links.extend(zip(values.tolist(), (rows + lo).tolist(), cols.tolist(), strict=True))
    links.sort(key=lambda t: (-t[0], t[1], t[2]))
    return links


def _evidence_keys(claims: Sequence[Claim]) -> Any:
    """A sparse claims x keys 0/1 matrix of each claim's entities, dates and numbers (the blocking keys)."""
    from scipy import sparse

    ids: dict[str, int] = {}
    rows, cols = [], []
    for i, claim in enumerate(claims):
        keys = {f"e:{e}" for e in claim.entity_ids} | {f"d:{d}" for d in claim.dates} | {f"n:{x:g}" for x in claim.numbers}
        for key in keys:
            rows.append(i)
            cols.append(ids.setdefault(key, len(ids)))
    return sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(claims), len(ids))
    )


def _linked(a: Claim, b: Claim, similarity: float, published: dict[str, str | None] | None = None) -> bool:
    if similarity < RELATED or not compatible(a, b, published):
        return False
    if similarity >= SIMILAR:
        return True
    shared_entities = len(set(a.entity_ids) & set(b.entity_ids))
    shared_dates = len(set(a.dates) & set(b.dates))
    shared_detail = shared_dates > 0 or bool(set(a.numbers) & set(b.numbers))
    return (shared_entities >= 2 and shared_detail) or shared_dates >= 2


def group_facts(
    articles: Sequence[Article],
    claims: list[Claim],
    texts: Sequence[str] | None = None,
    predicates: Sequence[Sequence[Predicate]] | None = None,
    quoted: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> FactGrouping:
    """Group the claims into facts (see the module docstring), ranked for the brief.

    ``texts`` are what is embedded for each claim (default: its text); match passes the claims
    with entity mentions replaced by canonical names, so "Moscow's use" and "Russia's use",
    "Mr Wood" and "Robert Wood" read alike.  ``predicates[k]`` are the parsed verbs of
    ``claims[k]`` (:func:`claim_predicates`), what splitting groups into propositions compares;
    ``quoted`` each article's quotes as its quotes layer found them (:func:`quoted_spans`), which
    finding reprints reads own words outside of.
    """
    from newsbrief.embed import embed

    vectors = embed(list(texts) if texts is not None else [c.text for c in claims])
    parent = list(range(len(claims)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    published = {a.id: a.published_date for a in articles}
    for similarity, i, j in candidate_links(claims, vectors, RELATED):
        if not _linked(claims[i], claims[j], similarity, published):
            continue
        ri, rj = root(i), root(j)
        if ri == rj:
            continue
        a, b = members[ri], members[rj]
        if {claims[k].article_id for k in a} & {claims[k].article_id for k in b}:
            continue
        if float((vectors[a] @ vectors[b].T).mean()) < LINKAGE:
            continue
        parent[rj] = ri
        members[ri] = a + b
        del members[rj]

    by_id = {a.id: a for a in articles}
    copies = wire_copies(claims, by_id, quoted)
    origins = story_origins(by_id, copies)
    order = {a.id: n for n, a in enumerate(articles)}
    centroid = vectors.mean(axis=0) if len(claims) else np.zeros(vectors.shape[1])
    norm = float(np.linalg.norm(centroid))
    centroid = centroid / norm if norm else centroid
    ranked = []
    for component in members.values():
        for rep, group in propositions(component, claims, vectors, published, predicates):
            group.sort(key=lambda k: (order[claims[k].article_id], claims[k].start))
            fact_claims = _mark_reprints([claims[k] for k in group], claims[rep], origins)
            independent = independent_outlets(articles, (c.article_id for c in fact_claims if not c.reprint_of), origins=origins)
            centrality = max(0.0, float(vectors[rep] @ centroid))
            score = round(centrality * independent * (1.0 + 0.1 * math.log(len(group))), 4)
            fact = Fact(
                id=fact_id(fact_claims),
                text=claims[rep].text,
                claims=fact_claims,
                outlets=tuple(dict.fromkeys(c.outlet or "" for c in fact_claims)),
                independent_outlets=independent,
                score=score,
            )
            ranked.append((fact, group))
    ranked.sort(key=lambda fg: (-fg[0].independent_outlets, -fg[0].score, fg[0].id))
    return FactGrouping(claims, vectors, [g for _, g in ranked], [f for f, _ in ranked], copies, frozenset(by_id))


def _mark_reprints(fact_claims: list[Claim], shown: Claim, origins: dict[str, str]) -> tuple[Claim, ...]:
    """The versions of one fact, each version whose article reprints the article of another
    version (a wire copy, a syndicated duplicate: ``origins``, :func:`story_origins`) marked
    ``reprint_of`` that article; the shown version, then the earliest, stands for its copies."""
    def original(claim: Claim) -> str:
        return origins.get(claim.article_id, claim.article_id)

    standing: dict[str, str] = {original(shown): shown.article_id}
    for claim in fact_claims:
        standing.setdefault(original(claim), claim.article_id)
    out: list[Claim] = []
    kept: list[tuple[Claim, set[tuple[str, ...]]]] = [(shown, _shingles(shown.text, 4))]
    for claim in sorted(fact_claims, key=lambda c: c is not shown):
        if claim is shown:
            out.append(claim)
            continue
        if standing[original(claim)] != claim.article_id:
            out.append(dataclasses.replace(claim, reprint_of=standing[original(claim)]))
            continue
        own = _shingles(claim.text, 4)
        twin = next((c for c, sh in kept if _verbatim(own, sh)), None)
        if twin is not None:  # the same wire sentence, word for word, in another outlet
            out.append(dataclasses.replace(claim, reprint_of=twin.article_id))
            continue
        kept.append((claim, own))
        out.append(claim)
    position = {id(c): n for n, c in enumerate(fact_claims)}
    by_key = {(c.article_id, c.start): c for c in out}
    return tuple(by_key[c.article_id, c.start] for c in sorted(fact_claims, key=lambda c: position[id(c)]))


def _verbatim(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> bool:
    """Whether two versions are the same sentence nearly word for word (outside quotes)."""
    smaller = min(len(a), len(b))
    return smaller >= 10 and len(a & b) >= VERBATIM_SHINGLES * smaller


def fact_id(claims: Iterable[Claim]) -> str:
    return stable_id(*sorted(f"{c.article_id}:{c.start}:{c.end}" for c in claims))


def stable_id(*parts: str) -> str:
    """A short content hash: the same parts always give the same id."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
