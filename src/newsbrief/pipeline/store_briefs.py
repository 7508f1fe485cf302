"""Briefs over a store: each story's analyses loaded, its brief built or read back.

A built brief is stored with the fingerprint of what it was built from
(:mod:`newsbrief.briefcache`); a story whose fingerprint is unchanged is read back without
loading a model.  Sentence vectors are read from and written to the store while briefs are
built (:func:`newsbrief.embed.stored_in`), so each text is encoded once per store.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsbrief.errors import AnalysisError
from newsbrief.models import Brief, Story
from newsbrief.pipeline.store_analysis import load_analyses
from newsbrief.pipeline.store_ingest import ProgressCallback
from newsbrief.settings import Settings
from newsbrief.store import Store

log = logging.getLogger(__name__)


@dataclass
class BriefRun:
    """The briefs of :func:`brief_stories`, and which of them had to be built (the rest were stored)."""

    briefs: list[Brief] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)  # story ids
    failed: list[tuple[str, str]] = field(default_factory=list)  # (story id, reason): not briefed


def brief_story(
    store: Store, story: Story, settings: Settings | None = None, focus: str | None = None, lead_words: int | None = None
) -> Brief:
    """Build the brief of one stored story (its analyses loaded, or computed and saved)."""
    from newsbrief.brief import build_brief
    from newsbrief.embed import stored_in

    analyses = load_analyses(store, list(store.iter_articles(story.article_ids)), skip_failed=True)
    with stored_in(store):  # each sentence is encoded once per store, whichever stage asks first
        return build_brief(story, analyses, settings, focus=focus, lead_words=lead_words)


def brief_stories(
    store: Store,
    stories: Sequence[Story],
    settings: Settings | None = None,
    focus: str | None = None,
    lead_words: int | None = None,
    progress: ProgressCallback | None = None,
) -> BriefRun:
    """The brief of each story: read from the store when it was built from exactly what the
    story holds now (same articles, analyses, links, options, model and code), else built and
    stored.  Markdown, JSON and HTML of one store therefore cost one build."""
    from newsbrief.briefcache import brief_fingerprint, brief_variant, decode_brief, encode_brief

    settings = settings or Settings()
    words = lead_words or settings.lead_words
    variant = brief_variant(words, focus)
    run = BriefRun()
    for story in stories:
        articles = list(store.iter_articles(story.article_ids))
        versions = {a.id: store.annotation_versions(a.id) for a in articles}
        fingerprint = brief_fingerprint(story, articles, versions, variant)
        stored = store.load_brief(story.id, variant)
        if stored is not None and stored[0] == fingerprint:
            run.briefs.append(decode_brief(stored[1]))
            continue
        if progress:
            progress(f"briefing story {story.id[:10]}")
        try:
            built = brief_story(store, story, settings, focus=focus, lead_words=words)
        except AnalysisError as exc:
            if len(stories) == 1:
                raise
            log.warning("story %s not briefed: %s", story.id[:10], exc)  # the other stories go on
            run.failed.append((story.id, str(exc)))
            continue
        versions = {a.id: store.annotation_versions(a.id) for a in articles}  # building may add a missing layer
        store.save_brief(story.id, variant, brief_fingerprint(story, articles, versions, variant), encode_brief(built))
        run.briefs.append(built)
        run.rebuilt.append(story.id)
    return run
