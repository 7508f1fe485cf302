"""7. Story -> Brief: headline, lead, key facts, disputes, who said what, timeline, coverage.

Everything in a brief is extractive and cited: each lead sentence is a source sentence
verbatim (article id, outlet, character span), facts and disagreements come from
:mod:`newsbrief.match` with every version cited, quotes are the stored quote spans, and the
timeline entries are the clauses the time expressions date.

The lead is chosen by :func:`newsbrief.lead.rank_sentences`, which works on plain
:class:`CandidateSentence` records (text, source label, offsets), so the summarisation
benchmark feeds it DUC and NeuS documents through the very same function the brief uses.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from newsbrief.attribution import attributed, speaker_name
from newsbrief.clean import clean_title
from newsbrief.copies import independent_outlets
from newsbrief.coverage import SentenceEvidence, build_coverage
from newsbrief.develop import (
    GAP_DAYS,
    find_developments,
    reporting,
    sentence_day,
    successive_date_disputes,
    with_developments,
)
from newsbrief.embed import embed
from newsbrief.facts import (
    FactGrouping,
    claim_predicates,
    content_words,
    quoted_spans,
    story_origins,
    wire_copies,
)
from newsbrief.lead import (
    CandidateSentence,
    RankedSentence,
    is_chrome,
    is_lead_worthy,
    rank_sentences,
    reads_as_list,
    standalone_penalty,
    trim_span,
    words_of,
)
from newsbrief.lexicon import DATELINE, DOCUMENT_NOUNS, METADATA_PREFIX
from newsbrief.models import (
    Article,
    Brief,
    BriefArticle,
    BriefSentence,
    CanonicalEntity,
    Citation,
    Claim,
    Development,
    Disagreement,
    Fact,
    Quote,
    Sentence,
    SpeakerQuotes,
    Story,
    TimelineEntry,
    TimeMention,
)
from newsbrief.propositions import names_for_pronouns, showable
from newsbrief.render import week_monday
from newsbrief.settings import Settings

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

MAX_FACTS = 12
MAX_QUOTES_PER_SPEAKER = 6
MAX_TIMELINE = 25
MAX_ENTITIES = 30
LEAD_MIN_SENTENCES, LEAD_MAX_SENTENCES = 3, 5
LEAD_WORDS_PER_SENTENCE = 20  # a longer lead may hold more sentences: one per 20 words asked


def lead_sentence_limit(lead_words: int) -> int:
    """At most 5 sentences for the default 100 words; a longer lead is filled with more."""
    return max(LEAD_MAX_SENTENCES, lead_words // LEAD_WORDS_PER_SENTENCE)


class MatchingLike(Protocol):
    """What the brief needs from :class:`newsbrief.match.Matching`."""

    entities: list[CanonicalEntity]
    facts: list[Fact]
    disagreements: list[Disagreement]

    def canonical(self, name: str) -> str: ...


# --- the brief --------------------------------------------------------------------------


def _citation(article: Article, start: int, end: int) -> Citation:
    return Citation(article_id=article.id, outlet=article.label, start=start, end=end, text=article.text[start:end])


def _source_label(article: Article) -> str:
    return article.label


def _original_analyses(analyses: Sequence[Analysis]) -> list[Analysis]:
    originals = [a for a in analyses if not a.article.duplicate_of]
    return originals or list(analyses)


@dataclass
class _ArticleClaims:
    """One article's claims (start, end, fact order, fact), sorted by start, for :func:`_fact_for`."""

    claims: list[tuple[int, int, int, Fact]]
    starts: list[int]
    longest: int


def _fact_index(facts: Sequence[Fact]) -> dict[str, _ArticleClaims]:
    by_article: dict[str, list[tuple[int, int, int, Fact]]] = defaultdict(list)
    order = 0
    for fact in facts:
        for claim in fact.claims:
            by_article[claim.article_id].append((claim.start, claim.end, order, fact))
            order += 1
    index = {}
    for article_id, claims in by_article.items():
        claims.sort(key=lambda c: (c[0], c[2]))
        index[article_id] = _ArticleClaims(claims, [c[0] for c in claims], max(c[1] - c[0] for c in claims))
    return index


def _fact_for(index: dict[str, _ArticleClaims], article_id: str, start: int, end: int) -> Fact | None:
    """The most corroborated fact with a claim covering most of this span (the first in fact
    order among equals).  Only claims that can overlap the span are looked at: those starting
    before its end and less than the article's longest claim before its start."""
    found = index.get(article_id)
    if found is None:
        return None
    best: tuple[int, int, Fact] | None = None  # (-independent outlets, fact order, fact)
    lo, hi = bisect.bisect_right(found.starts, start - found.longest), bisect.bisect_left(found.starts, end)
    for c_start, c_end, order, fact in found.claims[lo:hi]:
        overlap = min(end, c_end) - max(start, c_start)
        if overlap <= 0 or overlap < 0.5 * min(end - start, c_end - c_start):
            continue
        if best is None or (-fact.independent_outlets, order) < best[:2]:
            best = (-fact.independent_outlets, order, fact)
    return best[2] if best else None


_MISMATCHES = frozenset(["count_mismatch", "number_mismatch", "date_mismatch", "speaker_mismatch"])


def lead_candidates(
    analyses: Sequence[Analysis], facts: Sequence[Fact], disagreements: Sequence[Disagreement] = ()
) -> tuple[list[CandidateSentence], dict[int, Fact]]:
    """Every sentence of the story's original articles, trimmed, with the fact it states.

    A sentence carrying one side of a count, number, date or speaker mismatch is marked
    ``disputed``: the lead prefers undisputed sentences and leaves the dispute to its section.
    """
    index = _fact_index(facts)
    disputed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d in disagreements:
        if d.kind in _MISMATCHES:
            for version in d.versions:
                for c in version.citations:
                    disputed[c.article_id].append((c.start, c.end))
    candidates: list[CandidateSentence] = []
    fact_of: dict[int, Fact] = {}
    for analysis in _original_analyses(analyses):
        article = analysis.article
        sentences: list[Sentence] = analysis.sentences
        for position, sentence in enumerate(sentences):
            start, end = trim_span(article.text, sentence.start, sentence.end)
            if end <= start or reads_as_list(article.text, start, end):
                continue  # nothing, or a factbox's caption or a list's line
            fact = _fact_for(index, article.id, start, end)
            if fact is not None:
                fact_of[len(candidates)] = fact
            candidates.append(
                CandidateSentence(
                    text=article.text[start:end],
                    doc_id=article.id,
                    source=_source_label(article),
                    start=start,
                    end=end,
                    position=position,
                    support=fact.independent_outlets if fact else None,
                    disputed=any(s < end and start < e for s, e in disputed.get(article.id, ())),
                )
            )
    return candidates, fact_of


def select_lead(
    analyses: Sequence[Analysis],
    matching: MatchingLike,
    lead_words: int = 100,
    focus: str | None = None,
) -> tuple[BriefSentence, ...]:
    """3 or more verbatim, cited source sentences, filled up to ``lead_words`` words (never more),
    most corroborated first."""
    return _lead(analyses, matching, lead_words, focus)[0]


def _lead(
    analyses: Sequence[Analysis], matching: MatchingLike, lead_words: int, focus: str | None
) -> tuple[tuple[BriefSentence, ...], list[RankedSentence]]:
    candidates, fact_of = lead_candidates(analyses, matching.facts, matching.disagreements)
    ranked = rank_sentences(
        candidates, lead_words, focus=focus, min_sentences=LEAD_MIN_SENTENCES, max_sentences=lead_sentence_limit(lead_words),
        ceiling=True,
    )
    by_id = {a.article.id: a.article for a in analyses}
    index_of = {id(c): i for i, c in enumerate(candidates)}
    lead = []
    for r in ranked:
        c = r.candidate
        article = by_id[c.doc_id]
        fact = fact_of.get(index_of[id(c)])
        others = _other_claims(fact, c) if fact else ()
        lead.append(BriefSentence(text=c.text, citations=(_citation(article, c.start, c.end),), corroborated_by=others))
    return tuple(lead), ranked


def _other_claims(fact: Fact, candidate: CandidateSentence) -> tuple[Citation, ...]:
    seen = {candidate.source}
    out = []
    for claim in fact.claims:
        label = claim.outlet or claim.article_id
        if claim.article_id == candidate.doc_id or label in seen:
            continue
        seen.add(label)
        out.append(Citation(claim.article_id, claim.outlet, claim.start, claim.end, claim.text))
    return tuple(out)


_ADDRESS = re.compile(r"\s*(?:https?\s*:\s*/|www\s*\.)", re.I)


def is_address(title: str) -> bool:
    """Whether a title is a page's address ("http: / / worldnews. nbcnews. com / ..."): no headline."""
    return bool(_ADDRESS.match(title))


def choose_headline(
    analyses: Sequence[Analysis],
    lead: Sequence[BriefSentence],
    facts: Sequence[Fact],
    best_sentence: str | None = None,
    fallback: str | None = None,
) -> str:
    """The article title closest to what the story's sentences say; else the best lead sentence
    or top fact; else ``fallback`` (the story's own title: a page in another language, not
    analysed, still has one), else "Untitled story"."""
    titles = [
        clean_title(a.article.title, a.article.outlet)
        for a in _original_analyses(analyses)
        if a.article.title and len(re.findall(r"\w+", a.article.title)) >= 3  # any script: a Russian title too
        and not is_address(a.article.title)
    ]
    if titles:
        texts = [s.text for s in lead] or [f.text for f in facts[:5]]
        if len(titles) == 1 or not texts:
            return titles[0]
        title_vecs, text_vecs = embed(titles), embed(texts)
        centroid = text_vecs.mean(axis=0)
        return titles[int(np.argmax(title_vecs @ centroid))]
    text = best_sentence or (facts[0].text if facts else (lead[0].text if lead else (fallback or "Untitled story")))
    words = text.split()
    return " ".join(words[:24]).rstrip(" .,;:") + ("…" if len(words) > 24 else "")


def readable_fact(fact: Fact, may_show: Callable[[Fact, Claim], bool] | None = None) -> Fact:
    """The fact with, as its text, the version that best stands alone ("Robert Wood said", not
    "He said"), among the versions that say what the shown one says nearly word for word and
    that every credited version was checked against: ``may_show(fact, version)``
    (:func:`shown_check`, over the credit checks of :mod:`newsbrief.propositions`), or one whose
    only extra words are names for the shown one's pronouns
    (:func:`newsbrief.propositions.names_for_pronouns`).  A version the credits were not checked
    against may say more than they do: outlets would be shown credited with words they never
    wrote."""
    if not fact.claims:
        return fact
    shown = content_words(fact.text)

    def same_words(text: str) -> bool:
        words = content_words(text)
        shared = len(shown & words)
        return text == fact.text or (bool(shown) and bool(words) and shared >= 0.8 * len(shown) and shared >= 0.6 * len(words))

    def checked(claim: Claim) -> bool:
        return (
            claim.text == fact.text
            or names_for_pronouns(fact.text, claim.text)
            or (may_show is not None and may_show(fact, claim))
        )

    ranked = sorted(
        (c for c in fact.claims if same_words(c.text) and not c.reprint_of),
        key=lambda c: (standalone_penalty(c.text) + (0 if is_lead_worthy(c.text) else 0.5), c.text != fact.text),
    )
    best = next((c for c in ranked if checked(c)), None)  # the shown version itself ends the search
    return fact if best is None or best.text == fact.text else dataclasses.replace(fact, text=best.text)


def shown_check(matching: MatchingLike, analyses: Sequence[Analysis]) -> Callable[[Fact, Claim], bool] | None:
    """For :func:`readable_fact`: whether a fact of ``matching`` may show one of its versions,
    every other version passing the credit checks against it
    (:func:`newsbrief.propositions.showable`, on the grouping's embeddings and parses); None
    when the matching keeps no grouping."""
    grouping: FactGrouping | None = getattr(matching, "grouping", None)
    if grouping is None:
        return None
    index = {(c.article_id, c.start, c.end): k for k, c in enumerate(grouping.claims)}
    groups = {f.id: g for f, g in zip(grouping.facts, grouping.groups, strict=True)}
    published = {a.article.id: a.article.published_date for a in analyses}
    parsed = functools.cache(lambda: claim_predicates(analyses, grouping.claims))  # only when a fact would swap

    def check(fact: Fact, claim: Claim) -> bool:
        group, k = groups.get(fact.id), index.get((claim.article_id, claim.start, claim.end))
        checked = next((j for j in group or () if grouping.claims[j].text == fact.text), None)
        return (
            group is not None and k in group and checked is not None
            and showable(k, checked, group, grouping.claims, grouping.vectors, published, parsed())
        )

    return check


def named_facts(facts: Sequence[Fact], analyses: Sequence[Analysis], matching: MatchingLike) -> tuple[Fact, ...]:
    """The facts, a shown version the reader cannot place on its own given the name it needs
    (:func:`newsbrief.attribution.attributed`): "He accused ..." -> "[Robert Wood] accused
    ...", '"...," he said.' -> '"...," [Randy Tierney] said.', a quote whose speaker another
    sentence names -> '[Rudi Jansen]: "We can confirm ..."'; left as it is when no name is certain."""
    by_id = {a.article.id: a for a in analyses}
    out = []
    for fact in facts:
        shown = next((c for c in fact.claims if c.text == fact.text), None)
        named = attributed(shown, by_id[shown.article_id], matching.canonical) if shown and shown.article_id in by_id else None
        out.append(dataclasses.replace(fact, text=named) if named else fact)
    return tuple(out)


def rank_facts(
    facts: Sequence[Fact], focus: str | None, limit: int = MAX_FACTS, may_show: Callable[[Fact, Claim], bool] | None = None
) -> tuple[Fact, ...]:
    """Facts by independent outlets (then match score); with a focus, relevance to it counts too.
    Each shows its most readable version that ``may_show`` allows (:func:`readable_fact`)."""
    facts = [readable_fact(f, may_show) for f in facts if not is_chrome(f.text)]
    if not facts:
        return ()
    if not (focus and focus.strip()):
        ordered = sorted(facts, key=lambda f: (-f.independent_outlets, -f.score))
        return tuple(ordered[:limit])
    relevance = embed([f.text for f in facts]) @ embed([focus])[0]
    top = max(f.independent_outlets for f in facts)
    keyed = [(f.independent_outlets / top + 1.0 * float(r), f) for f, r in zip(facts, relevance, strict=True)]
    keyed.sort(key=lambda kv: -kv[0])
    return tuple(f for _, f in keyed[:limit])


_QUOTE_ORDER = {"direct": 0, "partial": 1, "indirect": 2, "according_to": 3}
MAX_SPEAKERS = 12


def _normal(text: str) -> str:
    return " ".join(w.lower() for w in words_of(text))


def quote_span(text: str, quote: Quote) -> tuple[int, int]:
    """The quote's span without a leading "that" of indirect speech or a trailing comma."""
    start, end = trim_span(text, quote.start, quote.end)
    if quote.kind != "direct" and text[start:end].lower().startswith("that "):
        start += 5
    while end > start and text[end - 1] in ",;:":
        end -= 1
    return start, end


def with_cue(text: str, quote: Quote, start: int, end: int) -> tuple[int, int]:
    """Widen a paraphrase or partial quote to start at its cue verb when the cue comes first.

    "accused the US of spreading wrong information" reads as what was said; "the US of
    spreading wrong information" does not.  The widened span is still verbatim source text.
    """
    if quote.kind not in ("indirect", "partial") or quote.cue_start is None or quote.cue_end is None:
        return start, end
    if not (quote.cue_start < start and 0 <= start - quote.cue_end <= 40):
        return start, end
    if "\n" in text[quote.cue_start:start]:
        return start, end
    if quote.speaker_start is not None and quote.cue_end <= quote.speaker_start < start:
        return start, end  # "..., said Wood, ..." : the speaker sits between cue and content
    return quote.cue_start, end


def states_something(text: str, quote: Quote) -> bool:
    """False for a paraphrase whose content is one word: "as the scientists described it",
    "asking passengers, 'Are you rescue people?'" are attributions (PolNeAR annotates them),
    but "described it" under a speaker tells the reader nothing.  Direct quotes always count."""
    if quote.kind == "direct":
        return True
    start, end = quote_span(text, quote)
    return len(text[start:end].split()) >= 2


def _named(speaker: str) -> bool:
    return any(w[:1].isupper() for w in speaker.split())


def _speaker_rank(speaker: str, labels: dict[str, str]) -> int:
    """0 a named person, 1 a known organisation or country, 2 another named voice, 3 unnamed."""
    label = labels.get(speaker)
    if label == "PERSON" or re.match(r"(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]", speaker):  # "Mrs. Shepard" is a person
        return 0
    if label is not None:
        return 1
    return 2 if _named(speaker) else 3


# The quotes layer leaves a document's words unattributed (analyse/speakers.is_document);
# this catches a speaker string that still ends in one (plurals included).
_SOURCE_NOUNS = DOCUMENT_NOUNS | {w + "s" for w in DOCUMENT_NOUNS} | frozenset(
    ["studies", "inquiries", "analyses", "autopsies", "slides"]
)
_DATE_WORDS = re.compile(
    r"\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)


def _not_a_speaker(speaker: str) -> bool:
    """"October 11 presentation", "data", "the figures": what a statement is according to,
    not who said it; such quotes are not listed under a speaker."""
    words = [w for w in speaker.lower().split() if w not in ("the", "a", "an", "new", "latest", "official")]
    if _DATE_WORDS.search(speaker) or (words and words[-1] in _SOURCE_NOUNS):
        return True
    # a description, not a name: "annual trade publication due out today"
    return speaker[:1].islower() and any(w in _SOURCE_NOUNS for w in words)


def _unnamed_official(speaker: str, role: str | None, labels: Mapping[str, str]) -> str | None:
    """"The ambassador from Japan stated ...": the speaker is an unnamed official, not the
    country, so the quote is listed under the role ("Ambassador from Japan"), apart from
    what the country itself says; None when the speaker is a person or the role does not
    name the speaker's country or organisation."""
    if role is None or labels.get(speaker) in (None, "PERSON") or role.lower() == speaker.lower():
        return None
    if not re.search(rf"\b{re.escape(speaker)}\b", role, re.I):
        return None
    return role[:1].upper() + role[1:]


def group_quotes(analyses: Sequence[Analysis], matching: MatchingLike) -> tuple[SpeakerQuotes, ...]:
    """Quotes grouped by canonical speaker, direct quotes first, the same words cited once with every source.

    Named speakers come first (most outlets quoting them first); unnamed ones ("the group",
    "some experts") after them; at most ``MAX_SPEAKERS`` speakers.
    """
    labels = {e.name: e.label for e in matching.entities}
    by_speaker: dict[str, list[tuple[Quote, Article]]] = defaultdict(list)
    institution: dict[str, str] = {}
    for analysis in _original_analyses(analyses):
        for quote in analysis.quotes:
            if quote.speaker and not is_chrome(quote.text) and not _not_a_speaker(quote.speaker):
                speaker = speaker_name(quote.speaker, matching.canonical)
                official = _unnamed_official(speaker, quote.speaker_role, labels)
                if official:
                    institution[official] = speaker  # ranked as the country or organisation is
                by_speaker[official or speaker].append((quote, analysis.article))
    groups = []
    for speaker, items in by_speaker.items():
        merged: dict[str, tuple[str, str, list[Citation]]] = {}
        for quote, article in sorted(items, key=lambda qa: (_QUOTE_ORDER.get(qa[0].kind, 9), qa[0].start)):
            if not states_something(article.text, quote):
                continue
            start, end = with_cue(article.text, quote, *quote_span(article.text, quote))
            text = article.text[start:end]
            key = _normal(text)
            if len(key.split()) < 2:
                continue
            same = next((k for k in merged if k == key or (len(key) > 30 and (key in k or k in key))), None)
            citation = _citation(article, start, end)
            if same is None:
                merged[key] = (text, quote.kind, [citation])
            elif all(c.article_id != article.id for c in merged[same][2]):
                merged[same][2].append(citation)
        roles = Counter(q.speaker_role for q, _ in items if q.speaker_role and q.speaker_role.lower() != speaker.lower())
        quotes = tuple(
            BriefSentence(text=text, citations=tuple(cites), kind=kind)
            for text, kind, cites in list(merged.values())[:MAX_QUOTES_PER_SPEAKER]
        )
        outlets = {a.label for _, a in items}
        role = roles.most_common(1)[0][0] if roles else None
        groups.append((_speaker_rank(institution.get(speaker, speaker), labels), -len(outlets), -len(quotes), SpeakerQuotes(speaker, role, quotes)))
    groups.sort(key=lambda g: (g[0], g[1], g[2], g[3].speaker))
    kept = [g for g in groups if g[3].quotes]
    # Every named person is shown; other voices (countries, groups, "the statement") fill up
    # to MAX_SPEAKERS.
    people = [g[3] for g in kept if g[0] == 0]
    others = [g[3] for g in kept if g[0] != 0]
    return tuple(people + others[: max(0, MAX_SPEAKERS - len(people))])


_ISO_DATE = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|SP|SU|FA|WI))?$")
_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")]
    )
    for name in names
}
_MONTH_DAY = re.compile(r"^(?:on\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$", re.I)
_MONTH_ONLY = re.compile(r"^(?:in\s+)?([A-Za-z]+)$", re.I)


def infer_date(text: str, reference: str) -> tuple[str, str] | None:
    """(value, granularity) of a month-day or month with no year, placed in the year that puts it
    closest before the story's reference date (``YYYY-MM-DD``); None when the text is not one."""
    ref = dt.date.fromisoformat(reference)
    words = text.strip()
    match = _MONTH_DAY.match(words)
    if match and match.group(1).lower() in _MONTHS:
        month, day = _MONTHS[match.group(1).lower()], int(match.group(2))
        for year in (ref.year, ref.year - 1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                return None
            if candidate <= ref + dt.timedelta(days=7):
                return candidate.isoformat(), "day"
        return None
    match = _MONTH_ONLY.match(words)
    if match and match.group(1).lower() in _MONTHS and len(match.group(1)) > 3:
        month = _MONTHS[match.group(1).lower()]
        year = ref.year if month <= ref.month else ref.year - 1
        return f"{year}-{month:02d}", "month"
    return None


_SEASON_MONTHS = {"SP": "03", "SU": "06", "FA": "09", "WI": "12"}


def _date_sort_key(value: str) -> str:
    monday = week_monday(value)
    if monday is not None:  # ISO week: sort at its Monday
        return monday.isoformat()
    if value[5:] in _SEASON_MONTHS:  # "2019-WI" is winter, not a week
        return f"{value[:4]}-{_SEASON_MONTHS[value[5:]]}"
    return value


def _event_span(article: Article, mention: TimeMention, sentences: Sequence[Sentence]) -> tuple[int, int]:
    if mention.event_start is not None and mention.event_end is not None and mention.event_end > mention.event_start:
        start, end = mention.event_start, mention.event_end
    else:
        sentence = next((s for s in sentences if s.start <= mention.start < s.end), None)
        start, end = (sentence.start, sentence.end) if sentence else (mention.start, mention.end)
    return trim_span(article.text, start, end)


def story_reference_date(articles: Sequence[Article]) -> str | None:
    """The median publication day of the story's dated articles."""
    dates = sorted(a.published_date for a in articles if a.published_date)
    return dates[len(dates) // 2] if dates else None


@dataclass(frozen=True)
class _DatedEvent:
    date: str
    granularity: str
    text: str
    citation: Citation
    note: str | None
    sentence: str  # the whole sentence: its vector is stored already (pipeline.embed_sentences)


def _sentence_text(article: Article, mention: TimeMention, sentences: Sequence[Sentence], clause: str) -> str:
    sentence = next((s for s in sentences if s.start <= mention.start < s.end), None)
    if sentence is None:
        return clause
    start, end = trim_span(article.text, sentence.start, sentence.end)
    return article.text[start:end] if end > start else clause


def _in_dateline(text: str, pos: int) -> bool:
    """Whether ``pos`` is in the date of a wire dateline opening its paragraph ("WASHINGTON,
    September 20 (Xinhua) -- The ..."): the day the story was filed, not an event of it."""
    line_start = text.rfind("\n", 0, pos) + 1
    match = DATELINE.match(text[line_start:line_start + 120])
    return bool(match and match["date"] and line_start + match.start("date") <= pos < line_start + match.end("date"))


def _dated_events(analyses: Sequence[Analysis]) -> list[_DatedEvent]:
    originals = _original_analyses(analyses)
    reference = story_reference_date([a.article for a in originals])
    events = []
    for analysis in originals:
        article = analysis.article
        prefix = METADATA_PREFIX.match(article.text)
        sentences = analysis.sentences
        for mention in analysis.times:
            if mention.kind != "date" or mention.granularity in ("duration", "set", "time"):
                continue
            if prefix and mention.start < prefix.end() or _in_dateline(article.text, mention.start):
                continue  # the publication-date line or a dateline's filing day, not an event
            value, granularity, note = mention.value, mention.granularity, None
            if not value and reference and not article.published_date:
                inferred = infer_date(mention.text, reference)
                if inferred:
                    value, granularity = inferred
                    note = f"year inferred from the story's date ({reference}); the article has none"
            if not value or not _ISO_DATE.match(value):
                continue
            start, end = _event_span(article, mention, sentences)
            text = article.text[start:end]
            if len(words_of(text)) < 4 or is_chrome(text):
                continue
            sentence = _sentence_text(article, mention, sentences, text)
            events.append(_DatedEvent(value, granularity, text, _citation(article, start, end), note, sentence))
    return events


def build_timeline(analyses: Sequence[Analysis], limit: int = MAX_TIMELINE) -> tuple[TimelineEntry, ...]:
    """Event dates (not publication dates) with the clause each dates, merged across outlets, sorted.

    Mentions of the same day become one entry citing every source (months and years only when
    their clauses say much the same thing); month-days without a year in undated articles get the year that puts them
    closest before the story's date (and say so in ``note``).
    """
    events = _dated_events(analyses)
    if not events:
        return ()
    # Sentence vectors, not clause vectors: they are stored, so the timeline runs no model.
    vectors = embed([e.sentence for e in events])
    groups: list[list[int]] = []
    for i, event in enumerate(events):
        # Within one story, one day is almost always one event ("on Wednesday" = "on January 10",
        # however differently the clauses read); coarser dates need similar clauses.
        threshold = -1.0 if event.granularity == "day" else 0.5
        for members in groups:
            if events[members[0]].date == event.date and float((vectors[members] @ vectors[i]).max()) >= threshold:
                members.append(i)
                break
        else:
            groups.append([i])
    timeline = []
    for members in groups:
        sub = vectors[members]
        # The clause most like the others, preferring a dated-in-the-article one over an inferred one.
        centrality = (sub @ sub.T).sum(axis=1) - np.array([0.5 if events[m].note else 0.0 for m in members])
        medoid = members[int(np.argmax(centrality))]
        citations: list[Citation] = []
        for m in [medoid] + [m for m in members if m != medoid]:
            if all(c.article_id != events[m].citation.article_id for c in citations):
                citations.append(events[m].citation)
        first = events[medoid]
        note = first.note if all(events[m].note for m in members) else None
        timeline.append(TimelineEntry(first.date, first.granularity, first.text, tuple(citations), note))
    timeline = _once_per_clause(timeline)
    if len(timeline) > limit:
        timeline = sorted(timeline, key=lambda t: -len(t.citations))[:limit]
    timeline.sort(key=lambda t: (_date_sort_key(t.date), -len(t.citations)))
    return tuple(timeline)


def _once_per_clause(timeline: list[TimelineEntry]) -> list[TimelineEntry]:
    """A clause naming two months or years ("fired into Ukraine in December and January",
    "Resolution 1718 (2006), Resolution 1874 (2009) and ...") is one entry, under its first
    date: a month's, week's or year's entry goes when every source it cites is a clause (or part
    of one) already shown under a day or under an earlier coarse date ("taping her show in the
    Bahamas this week" inside "Winfrey was unavailable for comment today because ...").  Days
    stay, each its own entry: "on December 30 and January 2" dates two strikes a reader looks
    up by day."""
    shown: dict[str, list[tuple[int, int]]] = {}

    def already_shown(c: Citation) -> bool:
        return any(start <= c.start and c.end <= end for start, end in shown.get(c.article_id, ()))

    kept: set[int] = set()
    for entry in sorted(timeline, key=lambda t: (t.granularity != "day", _date_sort_key(t.date))):
        if entry.granularity == "day" or not all(already_shown(c) for c in entry.citations):
            kept.add(id(entry))
        for c in entry.citations:
            shown.setdefault(c.article_id, []).append((c.start, c.end))
    return [t for t in timeline if id(t) in kept]


def shown_origin(origin: str) -> str:
    """An article's origin as a brief shows it: a local path as its file name (a brief is
    shared: it must not reveal the folders of the machine it was made on, and it is stored, so
    it must read the same whatever folder it is built or shown from); URLs and ``<stdin>``
    unchanged."""
    from pathlib import PurePosixPath, PureWindowsPath

    if not origin.startswith("/") and not re.match(r"^[A-Za-z]:[\\/]", origin):
        return origin
    path, hash_mark, fragment = origin.partition("#")
    name = (PureWindowsPath if re.match(r"^[A-Za-z]:", path) else PurePosixPath)(path).name
    return name + hash_mark + fragment


def _brief_article(article: Article, origins: Mapping[str, str]) -> BriefArticle:
    """The article as the brief lists it; a copy (a near-duplicate, or a wire copy the brief
    found) is marked a copy of its group's original (``origins``: :func:`newsbrief.facts.story_origins`,
    the relation the key facts' outlet counts use, so the header counts the same outlets)."""
    return BriefArticle(
        id=article.id,
        outlet=article.label,
        title=clean_title(article.title, article.outlet) if article.title else None,
        date=article.published,
        origin=shown_origin(article.origin),
        url=article.url,
        duplicate_of=origins.get(article.id),
    )


@dataclass(frozen=True)
class ToldDay:
    """When a developing story's lead sentence is news: ``day``, the ISO day it tells of (None
    for background whose day is unknown: it is shown without one), and ``first``, the day it
    was first told in the story, which places it among the lead's sentences."""

    day: str | None
    first: str | None


def told_day(sentence: BriefSentence, analyses: Mapping[str, Analysis], facts: Sequence[Fact],
             index: dict[str, _ArticleClaims] | None = None) -> ToldDay:
    """The day a developing story's lead sentence tells of: the day it names as its event
    (:func:`newsbrief.develop.sentence_day`: "Gore said Wednesday" in Thursday's paper is
    Wednesday), else its article's day.  But a sentence naming no day whose fact another article
    told more than ``GAP_DAYS`` earlier is background, no news of its article's day (a year-later
    feature's "The quake almost leveled parts of Izmit"; a trial report's "The other defendant
    ... pleaded guilty ... earlier"): it tells of the day the earliest such sentence names, and of
    no day it can show when that one names none either (its article's day would be no better: a
    plea of April retold in October and November).  ``index`` is ``facts`` by article
    (:func:`_fact_index`), when the caller dates several sentences of one story."""
    cited = sentence.citations[0] if sentence.citations else None
    analysis = analyses.get(cited.article_id) if cited else None
    own = sentence_day(analysis, cited.start, cited.end) if analysis is not None and cited is not None else None
    if own is None or cited is None:
        return ToldDay(None, None)
    if own.source != "published":
        return ToldDay(own.day.isoformat(), own.day.isoformat())
    fact = _fact_for(index if index is not None else _fact_index(facts), cited.article_id, cited.start, cited.end)
    earlier = []
    for claim in fact.claims if fact else ():
        other = analyses.get(claim.article_id)
        told = sentence_day(other, claim.start, claim.end) if other is not None else None
        if told is not None and (own.day - told.day).days > GAP_DAYS:
            earlier.append(told)
    if not earlier:
        return ToldDay(own.day.isoformat(), own.day.isoformat())
    first = min(earlier, key=lambda e: (e.day, e.source != "lead"))
    return ToldDay(first.day.isoformat() if first.source == "lead" else None, first.day.isoformat())


def _latest_reported(
    developments: Sequence[Development], analyses: Sequence[Analysis], origins: Mapping[str, str]
) -> Development | None:
    """The development a developing story is headlined by: its latest one that two independent
    outlets or more report (a two-year campaign pile was headlined by a lone item on a woman who
    makes yarmulkes for the ticket).  Outlets are counted as the key facts count theirs
    (``origins``: :func:`newsbrief.facts.story_origins`): a year-later feature and its reprint on
    another wire are one report, and two articles of one outlet are one; and only articles that
    tell what the step's sentence tells (:func:`newsbrief.develop.reporting`: an Emmy night and a
    cyclist's profile of the same days do not report a candidate's talk-show visit).  None when
    no step is so reported: the pile is a collection on a theme, not one developing story."""
    articles = [a.article for a in analyses]
    for step in reversed(developments):
        if independent_outlets(articles, among=step.article_ids, origins=origins) >= 2 and (
            independent_outlets(articles, among=reporting(step, analyses), origins=origins) >= 2
        ):
            return step
    return None


def _with_development(lead: Sequence[BriefSentence], main: Development, lead_words: int) -> tuple[BriefSentence, ...]:
    """A developing story's lead (most corroborated first) with the sentence telling its main
    development (the one most of its articles report): a year of coverage told from its later
    days never said what happened (a quake's lead of injury counts and tent cities, its quake
    day in none of them).  The last-ranked sentences make room."""
    told = main.citations[0]
    if any(c.article_id == told.article_id and c.start == told.start for s in lead for c in s.citations):
        return tuple(lead)
    kept = list(lead)
    while kept and sum(len(words_of(s.text)) for s in kept) + len(words_of(main.text)) > lead_words:
        kept.pop()
    return (BriefSentence(text=main.text, citations=main.citations), *kept)


def compose_brief(
    story: Story,
    analyses: Sequence[Analysis],
    matching: MatchingLike,
    lead_words: int = 100,
    focus: str | None = None,
) -> Brief:
    """Assemble a Brief from a story's analysed articles and their cross-article matching."""
    from newsbrief.match import Matching, fitting_analyses

    articles = [a.article for a in analyses]
    analyses = fitting_analyses(analyses)  # nothing from the English models on other languages
    lead, ranked = _lead(analyses, matching, lead_words, focus)
    best = max(ranked, key=lambda r: r.score).candidate.text if ranked else None
    # A quiet single-source story gets a compact brief (lead, quotes, dates): a list of "1 outlet"
    # facts and a one-column coverage table would only repeat the article.
    # Syndicated copies count once: those dedup marked, and reprints sharing half their sentences.
    by_id = {a.id: a for a in articles}
    grouping = getattr(matching, "grouping", None)
    copies = None
    if grouping is not None:
        same = grouping.copies is not None and grouping.article_ids == frozenset(by_id)
        copies = grouping.copies if same else wire_copies(grouping.claims, by_id, quoted_spans(analyses))
    origins = story_origins(by_id, copies)
    single_source = independent_outlets(articles, origins=origins) <= 1
    facts = () if single_source else rank_facts(matching.facts, focus, may_show=shown_check(matching, analyses))
    entities = sorted(matching.entities, key=lambda e: (-len(e.mentions), -len(e.article_ids), e.name))
    # A developing story (a ruling, an appeal a week later): its steps in order, headlined by
    # the latest; their dates are successive events, not a "dates differ" dispute.
    developments = find_developments(analyses)
    timeline = build_timeline(analyses)
    if developments:
        main = max(developments, key=lambda d: len(d.article_ids))  # the earliest of the largest
        lead = _with_development(lead, main, lead_words)
        # Its lead sentences open with the days they tell of: told in order, not by rank (a pile's
        # "30 July 1999 ... 17 August 1999 ... 31 July 1999" read as a jumbled chronology).
        by_analysis = {a.article.id: a for a in analyses}
        index = _fact_index(matching.facts)
        told = [(told_day(s, by_analysis, matching.facts, index), s) for s in lead]
        told.sort(key=lambda t: t[0].first or "9999")  # an undated article's last
        lead = tuple(dataclasses.replace(s, date=day.day) for day, s in told)
        timeline = tuple(sorted(with_developments(timeline, developments), key=lambda t: (_date_sort_key(t.date), -len(t.citations))))
    successive = successive_date_disputes(matching.disagreements, developments)
    # headlined by its latest step two outlets report; a pile with none is a theme: as one event
    latest = _latest_reported(developments, analyses, origins) if developments else None
    evidence = SentenceEvidence(matching) if isinstance(matching, Matching) else None  # for the coverage's omissions
    return Brief(
        story_id=story.id,
        headline=latest.headline if latest else choose_headline(analyses, lead, facts, best, story.title),
        articles=tuple(_brief_article(a, origins) for a in articles),
        lead=lead,
        facts=named_facts(facts, analyses, matching),
        disagreements=tuple(d for n, d in enumerate(matching.disagreements) if n not in successive),
        quotes=group_quotes(analyses, matching),
        timeline=timeline,
        entities=tuple(entities[:MAX_ENTITIES]),
        coverage=build_coverage(facts, articles, evidence.restates if evidence else None, evidence),
        related=story.related,
        focus=focus or None,
        developments=developments,
        theme=bool(developments) and latest is None,
    )


def build_brief(
    story: Story,
    analyses: Sequence[Analysis],
    settings: Settings | None = None,
    focus: str | None = None,
    lead_words: int | None = None,
) -> Brief:
    """The brief of one story from its articles' analyses: matches across them, composes.

    :func:`newsbrief.pipeline.brief` loads the analyses from a store; any other caller (a web
    view, a worker) passes records it has.
    """
    from newsbrief.match import match_articles

    settings = settings or Settings()
    articles = [analysis.article for analysis in analyses]
    with _blas().limit(limits=1, user_api="blas"):
        matching: Any = match_articles(articles, list(analyses))
        return compose_brief(story, analyses, matching, lead_words or settings.lead_words, focus)


@functools.lru_cache(maxsize=1)
def _blas() -> Any:
    """The BLAS libraries loaded (numpy's, imported with this module), which a brief runs on one
    thread.  Its matrix products are small (a story's sentences by sentences), a second thread
    does not speed them up, and an idle BLAS thread spins between them: building every brief of
    240 DUC articles took twice the CPU seconds outside MiniLM with numpy's default two threads."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()
