"""Developing stories: successive events of one story (a ruling, an appeal, a reversal) as
dated developments, oldest first, so the brief can be headlined by the latest.

Each article is dated by the event it reports: the first day its lead (first sentences) names,
normalised against its publication date (:mod:`newsbrief.analyse.timenorm`), when that day is
at most ``LOOKBACK_DAYS`` before publication; else its publication day.  Articles are then
chained in date order, and a gap of more than ``GAP_DAYS`` between event days starts a new
development.  A story whose articles all fall in one run of days has no developments: it is
one event.  Nothing here depends on words like "appeal": only on dates.

Which of a step's articles report what its sentence tells (:func:`reporting`) is read from
their opening sentences, not dates: in a pile on a theme, articles of the same days can tell
unrelated things.  :func:`sentence_day` dates any span as :func:`event_day` dates a lead.

Two dates of the story's developments are successive events, not a dispute:
:func:`successive_date_disputes` says which "dates differ" items are only that.
:func:`pile_story` makes one story of a pile of articles (``newsbrief brief --as-one``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief.analyse.timenorm import iso_day
from newsbrief.embed import embed
from newsbrief.errors import ConfigError
from newsbrief.lead import (
    METADATA_PREFIX,
    CandidateSentence,
    is_chrome,
    is_lead_worthy,
    rank_sentences,
    reads_as_list,
    trim_span,
    words_of,
)
from newsbrief.models import Article, Citation, Development, Disagreement, Story, TimelineEntry

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

GAP_DAYS = 3  # event days further apart than this are separate developments
LOOKBACK_DAYS = 10  # a lead date further back than this is background, not the reported event
LEAD_SENTENCES = 3  # where a news article dates its event
MAX_DEVELOPMENTS = 12  # beyond this, the closest developments are merged
SENTENCE_WORDS = 60
# An article whose opening sentences come this close (cosine) to a step's sentence reports that
# step.  DUC 2007 update piles: articles of a run that tell the step 0.41-0.89 (a quake's
# aftershock, a break-up ruling, a divorce hearing), articles of a theme's run that tell other
# things 0.05-0.39 (an Emmy night, a cyclist's profile, a news budget beside a candidate on a
# talk show); see docs/benchmarks.md "pile15".
REPORTS = 0.4

# "since Friday", "until May 3": a date that bounds a period does not date the event.
_NOT_EVENT = re.compile(r"\b(?:since|until|till|through|before|after|by|from)\s+(?:on\s+)?$", re.I)
_BOUND = re.compile(r"(?:since|until|till|through|before|after|by|from)\b", re.I)
_BOUND_NOTES = frozenset(["since", "until", "till", "through", "before", "after", "by", "from"])


@dataclass(frozen=True)
class ArticleEvent:
    """The day an article's event happened, and how it was found ("lead": its text names it, or
    "published")."""

    article: Article
    day: dt.date
    source: str


def event_day(analysis: Analysis) -> ArticleEvent | None:
    """The day the article's lead says its event happened, else its publication day; None for
    an undated article with no dated lead."""
    sentences = analysis.sentences[:LEAD_SENTENCES]
    prefix = METADATA_PREFIX.match(analysis.article.text)
    return sentence_day(analysis, prefix.end() if prefix else 0, sentences[-1].end if sentences else 0)


def sentence_day(analysis: Analysis, start: int, end: int) -> ArticleEvent | None:
    """The day the text between ``start`` and ``end`` says its event happened (the first day it
    names that is at most ``LOOKBACK_DAYS`` before publication and bounds no period), else the
    article's publication day; None for an undated article that names no such day there."""
    article = analysis.article
    published = iso_day(article.published_date)
    for mention in sorted(analysis.times, key=lambda t: t.start):
        if mention.start >= end:
            break
        if mention.start < start or mention.kind != "date" or mention.granularity != "day":
            continue
        if _NOT_EVENT.search(article.text[max(0, mention.start - 20) : mention.start]) or _BOUND.match(mention.text) or (
            (mention.note or "").lower() in _BOUND_NOTES
        ):
            continue
        day = iso_day(mention.value)
        if day is None:
            continue
        if published is not None and not (published - dt.timedelta(days=LOOKBACK_DAYS) <= day <= published):
            continue  # background ("in 1988") or a plan ("a hearing on May 3"), not what is reported
        return ArticleEvent(article, day, "lead")
    return ArticleEvent(article, published, "published") if published else None


def _chain(events: Sequence[ArticleEvent], gap_days: int) -> list[list[ArticleEvent]]:
    ordered = sorted(events, key=lambda e: (e.day, e.article.published or "", e.article.id))
    groups: list[list[ArticleEvent]] = []
    for event in ordered:
        if groups and (event.day - groups[-1][-1].day).days <= gap_days:
            groups[-1].append(event)
        else:
            groups.append([event])
    while len(groups) > MAX_DEVELOPMENTS:  # merge the two neighbours closest in time
        gaps = [(groups[i + 1][0].day - groups[i][-1].day).days for i in range(len(groups) - 1)]
        i = gaps.index(min(gaps))
        groups[i : i + 2] = [groups[i] + groups[i + 1]]
    return groups


def _telling_sentence(group: Sequence[ArticleEvent], by_id: dict[str, Analysis]) -> CandidateSentence | None:
    """The lead sentence that best tells this step: central among the group's articles' first
    sentences and stated by several of them; among those of its first day when two outlets or
    more report that day (what happened, not the days of tolls and aftermath after it)."""
    first = [e for e in group if e.day == group[0].day]
    if len(first) < len(group) and len({e.article.label for e in first}) >= 2:
        return _best_lead_sentence(first, by_id) or _best_lead_sentence(group, by_id)
    return _best_lead_sentence(group, by_id)


def _best_lead_sentence(group: Sequence[ArticleEvent], by_id: dict[str, Analysis]) -> CandidateSentence | None:
    candidates = []
    for event in group:
        analysis = by_id[event.article.id]
        text = analysis.article.text
        for position, sentence in enumerate(analysis.sentences[:5]):
            start, end = trim_span(text, sentence.start, sentence.end)
            if end > start and is_lead_worthy(text[start:end]) and not reads_as_list(text, start, end):
                source = analysis.article.label  # one independent voice per outlet
                candidates.append(CandidateSentence(text[start:end], analysis.article.id, source, start, end, position))
    ranked = rank_sentences(candidates, SENTENCE_WORDS, min_sentences=1, max_sentences=1, ceiling=True)
    return ranked[0].candidate if ranked else None


def _headline(group: Sequence[ArticleEvent], chosen: CandidateSentence) -> str:
    """The title of the article the telling sentence comes from, else of the step's first
    titled article, else the start of the sentence."""
    from newsbrief.brief import clean_title, is_address

    for event in sorted(group, key=lambda e: e.article.id != chosen.doc_id):
        title = event.article.title
        # not "If you have questions, please call ...", nor "http: / / www. essence. com / ..."
        if title and len(words_of(title)) >= 3 and not is_chrome(title) and not is_address(title):
            return clean_title(title, event.article.outlet)
    words = chosen.text.split()
    return " ".join(words[:16]).rstrip(" .,;:") + ("…" if len(words) > 16 else "")


def find_developments(analyses: Sequence[Analysis], gap_days: int = GAP_DAYS) -> tuple[Development, ...]:
    """The story's successive events, oldest first; empty when its articles report one event
    (every event day within ``gap_days`` of the next)."""
    originals = [a for a in analyses if not a.article.duplicate_of] or list(analyses)
    events = [e for e in (event_day(a) for a in originals) if e is not None]
    groups = _chain(events, gap_days)
    if len(groups) < 2:
        return ()
    by_id = {a.article.id: a for a in originals}
    developments = []
    for group in groups:
        chosen = _telling_sentence(group, by_id)
        if chosen is None:
            continue  # no complete sentence to tell it with: it stays in the timeline only
        citation = Citation(chosen.doc_id, by_id[chosen.doc_id].article.label, chosen.start, chosen.end, chosen.text)
        # Dated by the article its sentence comes from: a step merged from events weeks apart
        # (beyond MAX_DEVELOPMENTS) must not show one article's day beside another's sentence.
        told = next(e.day for e in group if e.article.id == chosen.doc_id)
        developments.append(
            Development(
                date=told.isoformat(),
                granularity="day",
                headline=_headline(group, chosen),
                text=chosen.text,
                citations=(citation,),
                article_ids=tuple(e.article.id for e in group),
            )
        )
    return tuple(developments) if len(developments) >= 2 else ()


def reporting(step: Development, analyses: Sequence[Analysis]) -> tuple[str, ...]:
    """The step's articles that report what its sentence tells: the one it is told from, and
    each whose first ``LEAD_SENTENCES`` sentences hold one within cosine ``REPORTS`` of it.  A
    step is a run of articles close in date; in a pile on a theme (a talk-show host's two years)
    the articles of one run can tell unrelated things."""
    by_id = {a.article.id: a for a in analyses}
    told = step.citations[0].article_id if step.citations else None
    openings: dict[str, list[str]] = {}
    for article_id in step.article_ids:
        analysis = by_id.get(article_id)
        if article_id != told and analysis is not None:
            text = analysis.article.text
            openings[article_id] = [text[x.start : x.end] for x in analysis.sentences[:LEAD_SENTENCES]]
    found = [told] if told else []
    texts = [t for shown in openings.values() for t in shown]
    if not texts:
        return tuple(found)
    vectors = embed([step.text, *texts])
    similar = vectors[1:] @ vectors[0]
    at = 0
    for article_id, shown in openings.items():
        if shown and float(similar[at : at + len(shown)].max()) >= REPORTS:
            found.append(article_id)
        at += len(shown)
    return tuple(found)


def _development_of(value: str | None, developments: Sequence[Development]) -> int | None:
    """Which development a disputed date names: the nearest one within ``GAP_DAYS`` (a day),
    the only one in that month (a month); None when it names none of them."""
    if value and re.match(r"^\d{4}-\d{2}$", value):
        inside = [i for i, d in enumerate(developments) if d.date.startswith(value)]
        return inside[0] if len(inside) == 1 else None
    day = iso_day(value)
    if day is None:
        return None
    distance, nearest = min((abs((dt.date.fromisoformat(d.date) - day).days), i) for i, d in enumerate(developments))
    return nearest if distance <= GAP_DAYS else None


def successive_date_disputes(disagreements: Sequence[Disagreement], developments: Sequence[Development]) -> set[int]:
    """Indexes of the "dates differ" items whose dates are each a different development of the
    story: successive events (a ruling, then its appeal), shown in order, not disputed."""
    if len(developments) < 2:
        return set()
    successive = set()
    for n, d in enumerate(disagreements):
        if d.kind != "date_mismatch":
            continue
        steps = [_development_of(v.value, developments) for v in d.versions]
        if None not in steps and len(set(steps)) == len(steps):
            successive.add(n)
    return successive


def with_developments(timeline: Sequence[TimelineEntry], developments: Sequence[Development]) -> list[TimelineEntry]:
    """The timeline with an entry for each development whose day it lacks."""
    days = {t.date for t in timeline}
    added = [
        TimelineEntry(d.date, d.granularity, d.text, d.citations)
        for d in developments
        if d.date not in days
    ]
    return list(timeline) + added


def pile_story(articles: Sequence[Article]) -> Story:
    """A pile of articles about one topic (a research collection, months of coverage) as one
    story, so it is briefed as one account with dated developments.  Its id is a hash of the
    article ids: the same pile is the same story, and its stored brief is read back."""
    if not articles:
        raise ConfigError("--as-one: no articles to brief as one; give inputs, --stories ID,ID, or a store with articles")
    ids = sorted({a.id for a in articles})
    digest = hashlib.sha1("\x00".join(ids).encode()).hexdigest()[:16]
    dates = sorted(a.published_date for a in articles if a.published_date)
    titled = sorted((a for a in articles if a.title), key=lambda a: a.published or "")
    title = titled[-1].title if titled else f"{len(ids)} articles"
    return Story(
        id=f"pile-{digest}",
        title=title or "",
        article_ids=tuple(a.id for a in sorted(articles, key=lambda a: (a.published or "", a.id))),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        outlets=tuple(sorted({a.outlet for a in articles if a.outlet})),
    )
