"""6. Stories: articles grouped into stories online, in publication order, follow-ups linked.

Each new article is compared with the stories still open around its date (stories age out
``story_window_days`` after their last article) and joins the best one, or starts a story.
Nothing is re-clustered when articles arrive: a story keeps running sums (MiniLM embedding
sum, hashed TF term sums, entity counts, date range) that the store persists and updates.

Candidate search never compares an article with every story: an inverted index from each
story's salient keys (its entities and top TF-IDF terms) to the story ids, capped to the most
recent stories per key, yields a few candidates that are then scored in full:

    score = w_emb * cos(embeddings) + w_tfidf * cos(tf-idf) + w_ent * cos(entity weights)
            - a penalty for the days between the article and the story

Two real events of the same kind (two earthquakes; two Council meetings months apart) share
vocabulary but differ in their specific people, places and numbers, which the TF-IDF and
entity parts weigh; a story that is similar but below the join threshold is linked as a
``follow_up`` with the shared actors and the time between them as its reason.

Syndicated copies and exact duplicates (``Article.duplicate_of``) join their original's story,
marked, and do not move its centroid.  :class:`StoryClusterer` holds the whole algorithm over
plain :class:`ArticleFeatures`, so the benchmark streams records without a store;
:func:`newsbrief.pipeline.update_stories` wraps it with the store.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from newsbrief.copies import independent_outlets
from newsbrief.models import Article, BriefArticle, Record, Story, StoryLink
from newsbrief.settings import Settings
from newsbrief.store import StoryFeatureRow, StoryLinkRow, StoryMember, StoryRow
from newsbrief.storyfeatures import (
    ArticleFeatures,
    days_between,
    same_day,
    stream_order,
)

if TYPE_CHECKING:  # numpy is imported where vectors are used: listing stories needs none
    import numpy as np

STORY_TERMS = 300  # a story keeps its strongest hashed terms only
ARTICLE_KEYS = 8  # blocking keys per article: its most salient entities and terms
POSTING_CAP = 200  # a blocking key remembers only its most recently active stories
MAX_CANDIDATES = 25
LSH_BANDS, LSH_BITS = 12, 8  # embedding LSH: 12 bands of 8 random hyperplanes
LINK_MIN_EMBEDDING = 0.5  # a linked story must also be about the same kind of event
W_EMB, W_TFIDF, W_ENT = 0.45, 0.35, 0.20
DAY_PENALTY = 0.004
OPEN_STORIES_LIMIT = 20_000  # undated stories kept open at most (newest first)
FEATURE_BATCH = 256
LINK_DAYS = 365  # closed stories this old can still be linked to as related / followed up
LEAD_DAY_PENALTY = 0.1



@dataclass
class StoryState:
    """A story's running sums: what is persisted and updated, never recomputed."""

    id: str
    seq: int
    embedding_sum: np.ndarray
    count: int = 0  # original (non-duplicate) articles in the sums
    terms: dict[int, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    first_date: str | None = None
    last_date: str | None = None
    lead_days: dict[str, int] = field(default_factory=dict)
    members: list[tuple[str, float, bool]] = field(default_factory=list)  # (article id, score, duplicate)
    keys: set[str] = field(default_factory=set)
    dirty: bool = True

    _norms: tuple[float, float] | None = None

    def norms(self) -> tuple[float, float]:
        """Norms of the term and entity sums (cached until the story changes)."""
        if self._norms is None:
            self._norms = (_norm(self.terms), _norm(self.entities))
        return self._norms

    def centroid(self) -> np.ndarray:
        import numpy as np

        norm = float(np.linalg.norm(self.embedding_sum))
        return self.embedding_sum / norm if norm else self.embedding_sum


@dataclass(frozen=True)
class LinkProposal:
    story_id: str  # the later story
    related_id: str  # the earlier story it follows up
    relation: str
    reason: str


@dataclass(frozen=True)
class StoryListing(Record):
    """A story with its articles (what ``newsbrief stories`` shows)."""

    story: Story
    articles: tuple[BriefArticle, ...]


@dataclass
class StoryUpdate:
    """What :func:`update_stories` did."""

    assigned: int = 0
    new_stories: list[str] = field(default_factory=list)
    joined: int = 0
    duplicates: int = 0
    merged: list[tuple[str, str]] = field(default_factory=list)  # (absorbed, into)
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # (article, from, to)
    links: list[LinkProposal] = field(default_factory=list)

# -- the online clusterer -------------------------------------------------------------------


def _cosine(a: dict, b: dict, norm_a: float | None = None, norm_b: float | None = None) -> float:
    """Cosine of two sparse vectors (already TF-IDF weighted); norms may be passed in."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(v * large[k] for k, v in small.items() if k in large)
    if dot <= 0:
        return 0.0
    na = norm_a if norm_a is not None else _norm(a)
    nb = norm_b if norm_b is not None else _norm(b)
    return dot / (na * nb) if na and nb else 0.0


def _norm(vector: dict) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def _unit(vector: dict) -> dict:
    norm = _norm(vector)
    return {k: v / norm for k, v in vector.items()} if norm else {}


def _add_into(target: dict, source: dict, sign: float = 1.0) -> None:
    for k, v in source.items():
        value = target.get(k, 0.0) + sign * v
        if value > 1e-9:
            target[k] = value
        else:
            target.pop(k, None)


@lru_cache(maxsize=4)
def _hyperplanes(dimensions: int) -> np.ndarray:
    import numpy as np

    return np.random.default_rng(7).standard_normal((LSH_BANDS * LSH_BITS, dimensions)).astype(np.float32)


def _lsh_keys(embedding: np.ndarray) -> set[str]:
    import numpy as np

    bits = (_hyperplanes(embedding.shape[0]) @ embedding > 0).reshape(LSH_BANDS, LSH_BITS)
    weights = 1 << np.arange(LSH_BITS)
    return {f"h{band}:{int(code)}" for band, code in enumerate(bits @ weights)}


def story_id_for(article_id: str) -> str:
    """A story is named after the article that started it (stable across runs)."""
    return hashlib.sha1(f"story:{article_id}".encode()).hexdigest()[:16]


class StoryClusterer:
    """Online story clustering over :class:`ArticleFeatures`; see the module docstring."""

    def __init__(
        self,
        window_days: int | None = None,
        join_threshold: float | None = None,
        link_threshold: float | None = None,
        merge_threshold: float | None = None,
        feature_loader: Callable[[list[str]], list[ArticleFeatures]] | None = None,
    ) -> None:
        defaults = Settings()  # one source of defaults: the story_* settings
        self.window_days = defaults.story_window_days if window_days is None else window_days
        self.join_threshold = defaults.story_join_threshold if join_threshold is None else join_threshold
        self.link_threshold = defaults.story_link_threshold if link_threshold is None else link_threshold
        self.merge_threshold = defaults.story_merge_threshold if merge_threshold is None else merge_threshold
        self.stories: dict[str, StoryState] = {}
        self.article_story: dict[str, str] = {}
        self.features: dict[str, ArticleFeatures] = {}
        self.term_df: dict[int, int] = {}
        self.entity_df: dict[str, int] = {}
        self.docs = 0
        self.postings: dict[str, OrderedDict[str, None]] = {}
        self.links: list[LinkProposal] = []
        self.merged: dict[str, str] = {}
        self.changed: set[str] = set()  # stories to persist
        self.absorbed: dict[str, StoryState] = {}  # stories merged away, to persist as such
        self.vocabulary_snapshot: dict[str, int] = {}
        self.next_seq = 1
        self.scored = 0  # article-story comparisons made (the cost blocking keeps flat)
        self._feature_loader = feature_loader

    # -- weights ------------------------------------------------------------------------

    def _idf(self, df: int) -> float:
        return math.log((1 + self.docs) / (1 + df)) + 1.0

    def _article_keys(self, f: ArticleFeatures) -> set[str]:
        """Blocking keys: the most salient entities and terms, and random-hyperplane LSH bands
        of the embedding (so stories alike in content meet even without a shared name)."""
        ents = sorted(f.entities, key=lambda k: -f.entities[k])[:ARTICLE_KEYS]
        terms = sorted(f.terms, key=lambda k: -f.terms[k])[:ARTICLE_KEYS]
        return {f"e:{k}" for k in ents} | {f"t:{k}" for k in terms} | _lsh_keys(f.embedding)

    def _story_keys(self, story: StoryState) -> set[str]:
        """A story's own blocking keys, bounded however large it grows."""
        ents = sorted(story.entities, key=lambda k: -story.entities[k])[:ARTICLE_KEYS]
        terms = sorted(story.terms, key=lambda k: -story.terms[k])[:ARTICLE_KEYS]
        return {f"e:{k}" for k in ents} | {f"t:{k}" for k in terms} | _lsh_keys(story.centroid())

    # -- scoring ------------------------------------------------------------------------

    def _gap(self, day: str | None, story: StoryState) -> int:
        if not day or not story.first_date or not story.last_date:
            return 0
        if story.first_date <= day <= story.last_date:
            return 0
        return min(days_between(day, story.first_date), days_between(day, story.last_date))

    def score(self, f: ArticleFeatures, story: StoryState) -> float:
        """How well the article fits the story (about 0..1): content, entities, time."""
        self.scored += 1
        emb = float(f.embedding @ story.centroid())
        tfidf = _cosine(f.terms, story.terms, 1.0, story.norms()[0])
        ent = _cosine(f.entities, story.entities, 1.0, story.norms()[1])
        conflict = bool(
            f.lead_day and story.lead_days and not any(same_day(f.lead_day, d) for d in story.lead_days)
        )
        return (
            W_EMB * emb + W_TFIDF * tfidf + W_ENT * ent
            - DAY_PENALTY * self._gap(f.date, story)
            - LEAD_DAY_PENALTY * conflict
        )

    def candidates(
        self, keys: Iterable[str], day: str | None, exclude: str | None = None, closed: list[StoryState] | None = None
    ) -> list[StoryState]:
        """Open stories sharing blocking keys with an article (or story), best overlap first.

        Closed stories (outside the window) that share keys go to ``closed`` when given:
        they can no longer be joined, only linked to.
        """
        hits: Counter[str] = Counter()
        for key in keys:
            for story_id in self.postings.get(key, ()):
                hits[story_id] += 1
        result: list[StoryState] = []
        for story_id, _ in hits.most_common():
            story = self.stories.get(story_id)
            if story is None or story_id == exclude:
                continue
            if self._gap(day, story) <= self.window_days:
                if len(result) < MAX_CANDIDATES:
                    result.append(story)
            elif closed is not None and len(closed) < MAX_CANDIDATES // 2:
                closed.append(story)
            if len(result) >= MAX_CANDIDATES and (closed is None or len(closed) >= MAX_CANDIDATES // 2):
                break
        return result

    # -- adding articles ----------------------------------------------------------------

    def add(self, f: ArticleFeatures) -> tuple[str, float]:
        """Assign one article to a story (joined or new); (story id, score)."""
        if f.article_id in self.article_story:
            return self.article_story[f.article_id], 1.0
        original = self.article_story.get(f.duplicate_of or "")
        if original is not None:
            story = self.stories[self.resolve(original)]
            story.members.append((f.article_id, 1.0, True))
            self._extend_dates(story, f.date)
            self._touch(story)
            self.article_story[f.article_id] = story.id
            self.features[f.article_id] = f
            return story.id, 1.0
        self._count(f, +1)
        self._weigh(f)
        self.features[f.article_id] = f
        keys = self._article_keys(f)
        closed: list[StoryState] = []
        best, best_score = None, -1.0
        for story in self.candidates(keys, f.date, closed=closed):
            s = self.score(f, story)
            if s > best_score:
                best, best_score = story, s
        if best is not None and best_score >= self.join_threshold:
            self._join(best, f, best_score, keys)
            return best.id, best_score
        story = self._new_story(f, keys)
        # Link to the most alike earlier story, open or closed, on content alone.
        related, related_score = None, -1.0
        for other in [best, *closed] if best is not None else closed:
            s = self.score(f, other) + DAY_PENALTY * self._gap(f.date, other)
            if s > related_score and float(f.embedding @ other.centroid()) >= LINK_MIN_EMBEDDING:
                related, related_score = other, s
        if related is not None and related_score >= self.link_threshold:
            self.links.append(self._link(story, related))
        return story.id, best_score

    def _weigh(self, f: ArticleFeatures) -> None:
        """Turn raw TF and entity counts into unit TF-IDF vectors, with the document
        frequencies known now (frozen from then on: incremental IDF, no refit)."""
        if f.weighted:
            return
        terms = {k: v * self._idf(self.term_df.get(k, 0)) for k, v in f.terms.items()}
        f.terms = _unit(dict(sorted(terms.items(), key=lambda kv: -kv[1])[:STORY_TERMS]))
        f.entities = _unit({k: v * self._idf(self.entity_df.get(k, 0)) for k, v in f.entities.items()})
        f.weighted = True

    def _count(self, f: ArticleFeatures, sign: int) -> None:
        self.docs += sign
        for k in f.terms:
            self.term_df[k] = self.term_df.get(k, 0) + sign
        for e in f.entities:
            self.entity_df[e] = self.entity_df.get(e, 0) + sign

    def _new_story(self, f: ArticleFeatures, keys: set[str]) -> StoryState:
        import numpy as np

        story = StoryState(id=story_id_for(f.article_id), seq=self.next_seq, embedding_sum=np.zeros_like(f.embedding))
        self.next_seq += 1
        self.stories[story.id] = story
        self._join(story, f, 1.0, keys)
        return story

    def _join(self, story: StoryState, f: ArticleFeatures, score: float, keys: set[str]) -> None:
        story.embedding_sum = story.embedding_sum + f.embedding
        story.count += 1
        _add_into(story.terms, f.terms)
        if len(story.terms) > 2 * STORY_TERMS:
            story.terms = dict(
                sorted(story.terms.items(), key=lambda kv: -kv[1])[:STORY_TERMS]
            )
        _add_into(story.entities, f.entities)
        if len(story.entities) > 2 * STORY_TERMS:
            story.entities = dict(sorted(story.entities.items(), key=lambda kv: -kv[1])[:STORY_TERMS])
        for k, name in f.names.items():
            if k in story.entities:
                story.names.setdefault(k, name)
        self._extend_dates(story, f.date)
        if f.lead_day:
            story.lead_days[f.lead_day] = story.lead_days.get(f.lead_day, 0) + 1
        story.members.append((f.article_id, round(score, 4), False))
        self._touch(story)
        self.article_story[f.article_id] = story.id
        story.keys |= keys
        if len(story.keys) > 8 * ARTICLE_KEYS:  # keep the keys (persisted, re-posted on load) bounded
            story.keys = self._story_keys(story) | keys
        self._post(story, keys)

    def _post(self, story: StoryState, keys: Iterable[str]) -> None:
        for key in keys:
            posting = self.postings.setdefault(key, OrderedDict())
            posting[story.id] = None
            posting.move_to_end(story.id)
            if len(posting) > POSTING_CAP:
                posting.popitem(last=False)

    @staticmethod
    def _extend_dates(story: StoryState, day: str | None) -> None:
        if day:
            story.first_date = min(story.first_date or day, day)
            story.last_date = max(story.last_date or day, day)

    def _touch(self, story: StoryState) -> None:
        story.dirty = True
        story._norms = None
        self.changed.add(story.id)

    def resolve(self, story_id: str) -> str:
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def add_batch(self, features: Sequence[ArticleFeatures], consolidate: bool = True) -> StoryUpdate:
        """Add a batch in publication order, then run the cheap consolidation pass."""
        update = StoryUpdate()
        links_before = len(self.links)
        ordered = stream_order(features)
        # A copy whose original comes later in the same batch waits for it.
        known = {f.article_id for f in ordered}
        ordered = [f for f in ordered if f.duplicate_of not in known] + [f for f in ordered if f.duplicate_of in known]
        for f in ordered:
            before = set(self.stories)
            story_id, _ = self.add(f)
            update.assigned += 1
            if story_id not in before:
                update.new_stories.append(story_id)
            elif self.stories[story_id].members[-1][2]:
                update.duplicates += 1
            else:
                update.joined += 1
        if consolidate:
            merged, moved = self.consolidate()
            update.merged, update.moved = merged, moved
        update.links = self.links[links_before:]
        return update

    # -- consolidation ------------------------------------------------------------------

    def story_score(self, a: StoryState, b: StoryState) -> float:
        """How alike two stories are, on the same scale as :meth:`score`."""
        emb = float(a.centroid() @ b.centroid())
        tfidf = _cosine(a.terms, b.terms, a.norms()[0], b.norms()[0])
        ent = _cosine(a.entities, b.entities, a.norms()[1], b.norms()[1])
        gap = 0
        if a.first_date and a.last_date and b.first_date and b.last_date:
            if a.last_date < b.first_date:
                gap = days_between(a.last_date, b.first_date)
            elif b.last_date < a.first_date:
                gap = days_between(b.last_date, a.first_date)
        conflict = bool(
            a.lead_days and b.lead_days and not any(same_day(x, y) for x in a.lead_days for y in b.lead_days)
        )
        if gap > self.window_days:
            return -1.0
        return W_EMB * emb + W_TFIDF * tfidf + W_ENT * ent - DAY_PENALTY * gap - LEAD_DAY_PENALTY * conflict

    def consolidate(self, max_checks: int = 200) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
        """Merge stories whose centroids converged; move marginal articles that now fit
        another story clearly better.  Looks only at stories changed since the last pass."""
        merged: list[tuple[str, str]] = []
        moved: list[tuple[str, str, str]] = []
        dirty = sorted((s for s in self.stories.values() if s.dirty), key=lambda s: s.seq)
        for story in dirty:
            if story.id not in self.stories:
                continue
            for other in self.candidates(self._story_keys(story), story.last_date, exclude=story.id)[:10]:
                if self.story_score(story, other) >= self.merge_threshold:
                    into, gone = (story, other) if story.seq < other.seq else (other, story)
                    self._merge(into, gone)
                    merged.append((gone.id, into.id))
                    if gone is story:
                        break
        checks = 0
        for story in dirty:
            if story.id not in self.stories or story.count < 3:
                continue
            marginal = [m for m in story.members if not m[2] and m[1] < self.join_threshold + 0.1]
            for article_id, _, _ in marginal:
                f = self._feature(article_id)
                if f is None or checks >= max_checks:
                    continue
                checks += 1
                own = self.score(f, self._without(story, f))
                best, best_score = None, own + 0.05
                for other in self.candidates(self._article_keys(f), f.date, exclude=story.id)[:10]:
                    s = self.score(f, other)
                    if s > best_score and s >= self.join_threshold:
                        best, best_score = other, s
                if best is not None:
                    self._move(f, story, best, best_score)
                    moved.append((article_id, story.id, best.id))
        for story in dirty:
            story.dirty = False
        return merged, moved

    def _feature(self, article_id: str) -> ArticleFeatures | None:
        if article_id not in self.features and self._feature_loader is not None:
            for f in self._feature_loader([article_id]):
                self.features[f.article_id] = f
        return self.features.get(article_id)

    def _without(self, story: StoryState, f: ArticleFeatures) -> StoryState:
        rest = StoryState(id=story.id, seq=story.seq, embedding_sum=story.embedding_sum - f.embedding,
                          count=story.count - 1, terms=dict(story.terms), entities=dict(story.entities),
                          first_date=story.first_date, last_date=story.last_date, lead_days=dict(story.lead_days))
        _add_into(rest.terms, f.terms, -1.0)
        _add_into(rest.entities, f.entities, -1.0)
        if f.lead_day and rest.lead_days.get(f.lead_day, 0) <= 1:
            rest.lead_days.pop(f.lead_day, None)
        return rest

    def _move(self, f: ArticleFeatures, source: StoryState, target: StoryState, score: float) -> None:
        rest = self._without(source, f)
        source.embedding_sum, source.count = rest.embedding_sum, rest.count
        source.terms, source.entities, source.lead_days = rest.terms, rest.entities, rest.lead_days
        copies = [m for m in source.members if m[0] == f.article_id or self._original_of(m[0]) == f.article_id]
        source.members = [m for m in source.members if m not in copies]
        self._touch(source)
        self._join(target, f, score, self._article_keys(f))
        for copy_id, copy_score, is_copy in copies[1:] if copies and copies[0][0] == f.article_id else []:
            target.members.append((copy_id, copy_score, is_copy))
            self.article_story[copy_id] = target.id

    def _original_of(self, article_id: str) -> str | None:
        f = self.features.get(article_id)
        return f.duplicate_of if f else None

    def _merge(self, into: StoryState, gone: StoryState) -> None:
        into.embedding_sum = into.embedding_sum + gone.embedding_sum
        into.count += gone.count
        _add_into(into.terms, gone.terms)
        _add_into(into.entities, gone.entities)
        for k, name in gone.names.items():
            into.names.setdefault(k, name)
        for day in (gone.first_date, gone.last_date):
            self._extend_dates(into, day)
        for day, n in gone.lead_days.items():
            into.lead_days[day] = into.lead_days.get(day, 0) + n
        into.members.extend(gone.members)
        for article_id, _, _ in gone.members:
            self.article_story[article_id] = into.id
        into.keys |= gone.keys
        self._post(into, gone.keys)
        self._touch(into)
        del self.stories[gone.id]
        self.merged[gone.id] = into.id
        self.absorbed[gone.id] = gone
        self.changed.add(gone.id)
        self.links = [
            LinkProposal(self.resolve(x.story_id), self.resolve(x.related_id), x.relation, x.reason)
            for x in self.links
            if self.resolve(x.story_id) != self.resolve(x.related_id)
        ]

    # -- links --------------------------------------------------------------------------

    def _link(self, later: StoryState, earlier: StoryState) -> LinkProposal:
        shared = sorted(
            set(later.entities) & set(earlier.entities),
            key=lambda k: -(later.entities[k] + earlier.entities[k]),
        )
        actors = ", ".join(earlier.names.get(k, k) for k in shared[:5]) or "similar wording"
        relation = "follow_up"
        if later.first_date and earlier.last_date:
            days = (date.fromisoformat(later.first_date) - date.fromisoformat(earlier.last_date)).days
            when = _describe_gap(days)
            relation = "follow_up" if days > 1 else "related"
        else:
            when = "a later article; dates unknown"
        return LinkProposal(later.id, earlier.id, relation, f"shared actors: {actors}; {when}")


def _describe_gap(days: int) -> str:
    if days <= 1:
        return "the same days"
    if days < 14:
        return f"{days} days later"
    if days < 60:
        return f"{round(days / 7)} weeks later"
    return f"{round(days / 30.4)} months later"


# -- the store ----------------------------------------------------------------------------


def _encode_features(f: ArticleFeatures) -> StoryFeatureRow:
    import numpy as np

    data = {
        "terms": {str(k): round(v, 4) for k, v in f.terms.items()},
        "entities": {k: round(v, 4) for k, v in f.entities.items()},
        "names": f.names,
        "event_dates": list(f.event_dates),
        "lead_day": f.lead_day,
        "title": f.title,
        "outlet": f.outlet,
        "duplicate_of": f.duplicate_of,
        "weighted": f.weighted,
    }
    return StoryFeatureRow(f.article_id, f.date, f.embedding.astype(np.float32).tobytes(), json.dumps(data))


def _decode_features(row: StoryFeatureRow) -> ArticleFeatures:
    import numpy as np

    data = json.loads(row.data)
    return ArticleFeatures(
        article_id=row.article_id,
        date=row.date,
        embedding=np.frombuffer(row.embedding, dtype=np.float32).copy(),
        terms={int(k): v for k, v in data["terms"].items()},
        entities=data["entities"],
        names=data["names"],
        event_dates=tuple(data["event_dates"]),
        lead_day=data["lead_day"],
        title=data["title"],
        outlet=data["outlet"],
        duplicate_of=data["duplicate_of"],
        weighted=data.get("weighted", False),
    )


def _encode_story(story: StoryState, title: str, outlets: list[str], merged_into: str | None = None) -> StoryRow:
    import numpy as np

    state = {
        "count": story.count,
        "terms": {str(k): round(v, 4) for k, v in story.terms.items()},
        "entities": {k: round(v, 4) for k, v in story.entities.items()},
        "names": story.names,
        "lead_days": story.lead_days,
        "keys": sorted(story.keys),
        "outlets": outlets,
    }
    return StoryRow(story.id, story.seq, title, story.first_date, story.last_date, len(story.members),
                    json.dumps(state, ensure_ascii=False), story.embedding_sum.astype(np.float32).tobytes(), merged_into)


def _decode_story(row: StoryRow, members: Sequence[StoryMember]) -> StoryState:
    import numpy as np

    state = json.loads(row.state)
    return StoryState(
        id=row.id,
        seq=row.seq,
        embedding_sum=np.frombuffer(row.embedding, dtype=np.float32).copy(),
        count=state["count"],
        terms={int(k): v for k, v in state["terms"].items()},
        entities=state["entities"],
        names=state["names"],
        first_date=row.first_date,
        last_date=row.last_date,
        lead_days=state["lead_days"],
        members=[(m.article_id, m.score, m.duplicate) for m in members],
        keys=set(state["keys"]),
        dirty=False,
    )


def story_without(
    row: StoryRow, members: Sequence[StoryMember], removed: Sequence[StoryFeatureRow]
) -> StoryRow | None:
    """The story ``row`` with the ``removed`` articles taken out of its members and running
    sums (what ``newsbrief remove`` stores), or None when no article is left in it.  Its title
    and outlet list are kept as they were; the next consolidation re-reads them."""
    gone = {f.article_id for f in removed}
    story = _decode_story(row, members)
    kept = [m for m in story.members if m[0] not in gone]
    if not kept:
        return None
    duplicates = {m[0] for m in story.members if m[2]}
    for f in map(_decode_features, removed):
        if f.article_id in duplicates or f.article_id not in {m[0] for m in story.members}:
            continue  # a duplicate never entered the sums
        story.embedding_sum = story.embedding_sum - f.embedding
        story.count -= 1
        _add_into(story.terms, f.terms, -1.0)
        _add_into(story.entities, f.entities, -1.0)
        if f.lead_day:
            left = story.lead_days.get(f.lead_day, 0) - 1
            if left > 0:
                story.lead_days[f.lead_day] = left
            else:
                story.lead_days.pop(f.lead_day, None)
    story.members = kept
    outlets = list(json.loads(row.state).get("outlets", []))
    return _encode_story(story, row.title, outlets, row.merged_into)


def new_clusterer(
    settings: Settings,
    vocabulary: dict[str, int],
    open_stories: Sequence[StoryRow],
    members: Sequence[StoryMember],
    feature_loader: Callable[[list[str]], list[StoryFeatureRow]] | None = None,
) -> StoryClusterer:
    """A clusterer holding the given open stories (newest first, as the store lists them),
    their members and the document frequencies; ``feature_loader`` fetches the stored
    features of member articles when a story's title has to be chosen again."""
    clusterer = StoryClusterer(
        window_days=settings.story_window_days,
        join_threshold=settings.story_join_threshold,
        link_threshold=settings.story_link_threshold,
        merge_threshold=settings.story_merge_threshold,
        feature_loader=None if feature_loader is None else lambda ids: [_decode_features(r) for r in feature_loader(ids)],
    )
    vocabulary = dict(vocabulary)
    clusterer.docs = vocabulary.pop("#docs", 0)
    for key, df in vocabulary.items():
        if key.startswith("t:"):
            clusterer.term_df[int(key[2:])] = df
        else:
            clusterer.entity_df[key[2:]] = df
    by_story: dict[str, list[StoryMember]] = {}
    for m in members:
        by_story.setdefault(m.story_id, []).append(m)
    for row in reversed(open_stories):  # oldest first, so postings end with the most recent
        _attach(clusterer, _decode_story(row, by_story.get(row.id, [])))
    clusterer.next_seq = max((r.seq for r in open_stories), default=0) + 1
    clusterer.vocabulary_snapshot = dict(vocabulary, **{"#docs": clusterer.docs})
    return clusterer


def attach_story(clusterer: StoryClusterer, row: StoryRow, members: Sequence[StoryMember]) -> None:
    """Open one more stored story in the clusterer (a closed story a late copy joins)."""
    if row.id not in clusterer.stories and row.merged_into is None:
        _attach(clusterer, _decode_story(row, members))


def _attach(clusterer: StoryClusterer, story: StoryState) -> None:
    clusterer.stories[story.id] = story
    for article_id, _, _ in story.members:
        clusterer.article_story[article_id] = story.id
    clusterer._post(story, story.keys)


def _vocabulary(clusterer: StoryClusterer) -> dict[str, int]:
    current = {f"t:{k}": v for k, v in clusterer.term_df.items()}
    current.update((f"e:{k}", v) for k, v in clusterer.entity_df.items())
    current["#docs"] = clusterer.docs
    before = clusterer.vocabulary_snapshot
    return {k: v for k, v in current.items() if before.get(k) != v}


@dataclass
class StoryChanges:
    """What a clusterer changed, as the rows the store saves in one transaction."""

    stories: list[StoryRow]
    members: list[StoryMember]
    features: list[StoryFeatureRow]
    links: list[StoryLinkRow]
    vocabulary: dict[str, int]


def take_changes(clusterer: StoryClusterer, new_features: Sequence[ArticleFeatures]) -> StoryChanges:
    """Every story the clusterer changed, their members, the new features and the links
    (then the clusterer starts afresh counting changes)."""
    rows, members = [], []
    for story_id in sorted(clusterer.changed):
        if story_id in clusterer.stories:
            story = clusterer.stories[story_id]
            central = _central(clusterer, story)
            outlets = sorted({f.outlet for f in central[1] if f.outlet})
            rows.append(_encode_story(story, central[0], outlets))
            members += [
                StoryMember(article_id, story.id, score, dup, position)
                for position, (article_id, score, dup) in enumerate(story.members)
            ]
        elif story_id in clusterer.absorbed:
            gone = clusterer.absorbed[story_id]
            rows.append(_encode_story(gone, "", [], merged_into=clusterer.resolve(story_id)))
    links = [StoryLinkRow(x.story_id, x.related_id, x.relation, x.reason) for x in clusterer.links]
    changes = StoryChanges(rows, members, [_encode_features(f) for f in new_features], links, _vocabulary(clusterer))
    clusterer.changed.clear()
    return changes


def _central(clusterer: StoryClusterer, story: StoryState) -> tuple[str, list[ArticleFeatures]]:
    """The title of the story's most central original article, and its members' features."""
    ids = [m[0] for m in story.members]
    missing = [i for i in ids if i not in clusterer.features]
    if missing and clusterer._feature_loader is not None:
        for f in clusterer._feature_loader(missing):
            clusterer.features[f.article_id] = f
    feats = [clusterer.features[i] for i in ids if i in clusterer.features]
    originals = [f for f in feats if not f.duplicate_of] or feats
    if not originals:
        return "", feats
    centroid = story.centroid()
    best = max(originals, key=lambda f: float(f.embedding @ centroid))
    return best.title, feats


def earliest_link_date(features: Sequence[ArticleFeatures]) -> str | None:
    """The oldest last-article date of a story these articles could join or link to."""
    dated = sorted(f.date for f in features if f.date)
    return (date.fromisoformat(dated[0]) - timedelta(days=LINK_DAYS)).isoformat() if dated else None


# -- stories as records ----------------------------------------------------------------------


def story_from_rows(row: StoryRow, members: Sequence[StoryMember], links: Sequence[StoryLinkRow]) -> Story:
    """The :class:`Story` record of one stored story row, its members and the links."""
    ordered = sorted(members, key=lambda m: (m.duplicate, m.position))
    related = [StoryLink(x.related_id, x.relation, x.reason) for x in links if x.story_id == row.id]
    related += [
        StoryLink(x.story_id, "related", f"later follow-up ({x.reason})") for x in links if x.related_id == row.id
    ]
    return Story(
        id=row.id,
        title=row.title,
        article_ids=tuple(m.article_id for m in ordered),
        first_date=row.first_date,
        last_date=row.last_date,
        outlets=tuple(json.loads(row.state).get("outlets", [])),
        related=tuple(related),
    )


def story_articles(articles: Iterable[Article], origins: Mapping[str, str] | None = None) -> tuple[BriefArticle, ...]:
    """What a story listing shows of each article: marked a copy of its group's original as the
    story's brief marks it (``origins``: :func:`newsbrief.match.copy_relation`), else of the
    article it duplicates (found at ingest).  Titles are cleaned as the brief cleans them (no " |
    Kyiv Post", no wire part "(2)")."""
    from newsbrief.clean import clean_title

    return tuple(BriefArticle(a.id, a.outlet, clean_title(a.title, a.outlet) if a.title else a.title, a.published_date,
                              a.origin, a.url, a.duplicate_of if origins is None else origins.get(a.id)) for a in articles)


def rank_by_coverage(listings: Iterable[StoryListing]) -> list[StoryListing]:
    """Stories most worth reading first: most independent outlets, then most articles, then
    the latest (last event or publication date)."""
    newest_first = sorted(listings, key=lambda item: item.story.last_date or item.story.first_date or "", reverse=True)
    return sorted(newest_first, key=lambda item: (-independent_outlets(item.articles), -len(item.articles)))
