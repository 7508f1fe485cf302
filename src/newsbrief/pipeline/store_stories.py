"""Stories over a store: the clusterer's state loaded, new articles assigned, changes saved.

Story clustering is one serial step on the driver over compact per-article features
(:mod:`newsbrief.storyfeatures`); :class:`newsbrief.stories.StoryClusterer` does the work on
records, and this module only moves rows between it and the store.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence

from newsbrief.errors import AnalysisError, StoreError
from newsbrief.models import Article, Entity, Story, TimeMention
from newsbrief.settings import Settings
from newsbrief.store import Store, StoryLinkRow, StoryOutletsRow, holds_story_lock
from newsbrief.stories import (
    FEATURE_BATCH,
    OPEN_STORIES_LIMIT,
    StoryChanges,
    StoryClusterer,
    StoryListing,
    StoryUpdate,
    attach_story,
    earliest_link_date,
    new_clusterer,
    rank_by_coverage,
    story_articles,
    story_from_rows,
    story_without,
    take_changes,
)
from newsbrief.storyfeatures import ArticleFeatures, build_features

log = logging.getLogger(__name__)


def load_clusterer(store: Store, settings: Settings, since: str | None = None) -> StoryClusterer:
    """A clusterer holding the store's open stories (last article on or after ``since``)."""
    rows = store.load_stories(since, limit=OPEN_STORIES_LIMIT)
    return new_clusterer(
        settings, store.story_vocabulary(), rows, store.story_members([r.id for r in rows]), store.load_story_features
    )


def save_changes(store: Store, changes: StoryChanges) -> None:
    store.save_stories(changes.stories, changes.members, changes.features, changes.links, changes.vocabulary)


def article_features(store: Store, article_ids: list[str], progress: Callable[[str], None] | None = None) -> list[ArticleFeatures]:
    """The clustering features of these stored articles (their analyses must be stored)."""
    articles = list(store.iter_articles(article_ids))
    features: list[ArticleFeatures] = []
    for start in range(0, len(articles), FEATURE_BATCH):
        chunk = articles[start : start + FEATURE_BATCH]
        entities = [store.load_annotations(a.id, "entities", Entity) for a in chunk]
        times = [store.load_annotations(a.id, "times", TimeMention) for a in chunk]
        features += build_features(chunk, entities, times)
        if progress:
            progress(f"story features {len(features)}/{len(articles)}")
    return features


@holds_story_lock
def update_stories(store: Store, settings: Settings | None = None, progress: Callable[[str], None] | None = None) -> StoryUpdate:
    """Assign every stored article not yet in a story (incremental); persisted in the store."""
    settings = settings or Settings()
    ids = store.articles_without_story()
    if not ids:
        return StoryUpdate()
    features = article_features(store, ids, progress)
    clusterer = load_clusterer(store, settings, earliest_link_date(features))
    for f in features:  # a copy whose original's story is closed still joins that story
        if f.duplicate_of and f.duplicate_of not in clusterer.article_story:
            found = store.story_members_of([f.duplicate_of])
            for row in store.find_stories(found[0].story_id) if found else []:
                attach_story(clusterer, row, store.story_members([row.id]))
    update = clusterer.add_batch(features)
    save_changes(store, take_changes(clusterer, features))
    if progress:
        progress(f"stories: {len(update.new_stories)} new, {update.joined} joined, {update.duplicates} copies")
    return update


@holds_story_lock
def consolidate_stories(store: Store, settings: Settings | None = None) -> StoryUpdate:
    """Re-run the merge/move pass over every open story (``update_stories`` runs it on the
    stories each update touched)."""
    settings = settings or Settings()
    clusterer = load_clusterer(store, settings)
    for story in clusterer.stories.values():
        story.dirty = True
    merged, moved = clusterer.consolidate(max_checks=10_000)
    save_changes(store, take_changes(clusterer, []))
    return StoryUpdate(merged=merged, moved=moved)


def list_stories(store: Store) -> list[Story]:
    """Every current story, newest first, with its related stories."""
    rows = store.load_stories(sums=False)
    members: dict[str, list] = {}
    for m in store.story_members():
        members.setdefault(m.story_id, []).append(m)
    links: dict[str, list[StoryLinkRow]] = {}  # each story's links, either way, in stored order
    for link in store.story_links():
        links.setdefault(link.story_id, []).append(link)
        if link.related_id != link.story_id:
            links.setdefault(link.related_id, []).append(link)
    return [story_from_rows(row, members.get(row.id, []), links.get(row.id, [])) for row in rows]


def get_story(store: Store, story_id: str) -> Story:
    """One story by id or unique id prefix (a merged story's id gives the story it joined)."""
    rows = store.find_stories(story_id) if story_id else []
    if len(rows) != 1:
        valid = ", ".join(f"{r.id} ({r.title[:40]})" for r in store.load_stories(limit=10)) or "none yet"
        problem = "matches several stories" if rows else "is not a story id"
        raise StoreError(
            f"{store.path}: {story_id!r} {problem}; stories are: {valid}; `newsbrief stories --db {store.path}` lists them all"
        )
    row = rows[0]
    seen = {row.id}
    while row.merged_into:
        found = store.find_stories(row.merged_into)
        if not found or found[0].id in seen:
            break
        row = found[0]
        seen.add(row.id)
    return story_from_rows(row, store.story_members([row.id]), store.story_links())


def story_listing(store: Store) -> list[StoryListing]:
    """Every story with each article's outlet, title, date, origin and copy mark, ranked by
    independent outlets, then articles, then the latest (:func:`stories.rank_by_coverage`).
    The copy marks are those of the story's brief, where :func:`count_outlets` stored them (ingest
    duplicates and reprints found in the text), so the listing counts the outlets its brief does."""
    from newsbrief.clean import clean_title

    stories = list_stories(store)
    articles = iter(store.iter_articles([i for story in stories for i in story.article_ids]))
    counted = store.load_story_outlets([story.id for story in stories])
    return rank_by_coverage(
        # the story's title as its brief's headline cleans it (no site name, no wire part "(2)")
        StoryListing(dataclasses.replace(story, title=clean_title(story.title) if story.title else story.title),
                     story_articles([next(articles) for _ in story.article_ids],
                                    counted[story.id].origins if story.id in counted else None))
        for story in stories
    )


COPIES_VARIANT = "independent outlets"  # the fingerprint variant of a story's counted outlets


def count_outlets(store: Store, stories: Sequence[Story] | None = None) -> int:
    """Count the independent outlets of these stories (default: all) as their briefs count them,
    over :func:`newsbrief.match.copy_relation` (syndicated copies and reprints found in the text
    count once), and store each count with its copy relation for the story lists (``newsbrief
    stories``, the web app's list) to show and rank by.  A story is counted again only when what
    its brief is built from changed (its brief fingerprint); a story of one article needs no
    analysis (its text copies no other).  Returns how many stories were counted."""
    from newsbrief.briefcache import brief_fingerprint
    from newsbrief.copies import copy_origins, independent_outlets

    stories = list_stories(store) if stories is None else list(stories)
    ids = [article_id for story in stories for article_id in story.article_ids]
    stored = store.load_story_outlets([story.id for story in stories])
    versions = store.annotation_versions_of(ids)
    stored_articles = iter(store.iter_articles(ids))
    counted: list[StoryOutletsRow] = []
    for story in stories:
        articles = [next(stored_articles) for _ in story.article_ids]
        fingerprint = brief_fingerprint(story, articles, versions, COPIES_VARIANT)
        if story.id in stored and stored[story.id].fingerprint == fingerprint:
            continue
        origins = copy_origins(articles)  # one article: a copy of an article outside the story, or none
        if len(articles) > 1:
            from newsbrief.facts import story_origins
            from newsbrief.match import copy_relation
            from newsbrief.pipeline.store_analysis import load_analyses

            try:
                analyses = load_analyses(store, articles, skip_failed=True)  # as the brief loads them
            except AnalysisError as exc:  # no article of it analyses, and it has no brief: copies found at ingest only
                log.warning("story %s: outlets counted without its text (%s)", story.id, exc)
                origins = story_origins({a.id: a for a in articles})
            else:
                origins = copy_relation(analyses)
                articles = [a.article for a in analyses]
        counted.append(StoryOutletsRow(story.id, fingerprint, origins, independent_outlets(articles, origins=origins)))
    store.save_story_outlets(counted)
    return len(counted)


@holds_story_lock
def remove_articles(store: Store, article_ids: list[str]) -> list[Article]:
    """Remove these stored articles (ids or unique prefixes of 6+ characters) and everything
    stored about them, taking them out of their stories (a story left empty is deleted; the
    briefs of every affected story are rebuilt on the next brief).  All or nothing: an unknown
    id is an error naming it, before anything is removed.  The removed articles, in order."""
    articles = list({a.id: a for a in (store.get_article(i) for i in article_ids)}.values())
    ids = [a.id for a in articles]
    members = store.story_members_of(ids)
    features = {f.article_id: f for f in store.load_story_features(ids)}
    changed, emptied = [], []
    for story_id in dict.fromkeys(m.story_id for m in members):
        row = next((r for r in store.find_stories(story_id) if r.id == story_id), None)
        if row is None:
            continue
        removed = [features[m.article_id] for m in members if m.story_id == story_id and m.article_id in features]
        updated = story_without(row, store.story_members([story_id]), removed)
        if updated is None:
            emptied.append(story_id)
        else:
            changed.append(updated)
    store.remove_articles(ids, changed, emptied)
    return articles
