"""Briefs over a store: each story's analyses loaded, its brief built or read back.

A built brief is stored with the fingerprint of what it was built from
(:mod:`newsbrief.briefcache`); a story whose fingerprint is unchanged is read back without
loading a model.  Sentence vectors are read from and written to the store while briefs are
built (:func:`newsbrief.embed.stored_in`), so each text is encoded once per store.

Given an executor (local processes, Dask), the stale briefs of several stories are built on
it: the driver loads each story's records (articles' analyses, and the stored vectors of its
sentences and titles) into a :class:`BriefJob`, a worker runs :func:`build_brief_job` on it and
returns the brief with the vectors it had to encode, and the driver stores both (one writer;
workers never open the store).  The briefs are the same as those built here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsbrief.errors import AnalysisError
from newsbrief.models import Article, Brief, Story
from newsbrief.settings import Settings
from newsbrief.store import Store

if TYPE_CHECKING:  # a re-run that reads every brief back imports none of these
    from newsbrief.analyse import Analysis
    from newsbrief.pipeline.store_ingest import ProgressCallback
    from newsbrief.scale import Executor

log = logging.getLogger(__name__)


@dataclass
class BriefRun:
    """The briefs of :func:`brief_stories`, and which of them had to be built (the rest were stored)."""

    briefs: list[Brief] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)  # story ids
    failed: list[tuple[str, str]] = field(default_factory=list)  # (story id, reason): not briefed


@dataclass
class BriefJob:
    """Everything a worker needs to build one story's brief (records only, no store)."""

    story: Story
    analyses: list[Analysis]
    settings: Settings
    focus: str | None
    lead_words: int
    vectors: dict[bytes, bytes]  # stored vectors (embed.text_key -> float16 bytes) of the story's texts


@dataclass
class BriefResult:
    """What a worker sends back: the brief (or why it failed) and the vectors it encoded."""

    story_id: str
    brief: Brief | None
    error: str | None
    vectors: list[tuple[bytes, bytes]]


class _GivenVectors:
    """A read-only vector store made of the vectors a job carries; new vectors are kept
    aside (in ``new``) for the driver to store."""

    def __init__(self, vectors: dict[bytes, bytes]) -> None:
        self.vectors = vectors
        self.new: list[tuple[bytes, bytes]] = []

    def load_vectors(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        return {key: self.vectors[key] for key in keys if key in self.vectors}

    def save_vectors(self, items: Sequence[tuple[bytes, bytes]]) -> None:
        self.new.extend(items)


def build_brief_job(job: BriefJob) -> BriefResult:
    """Build one brief from a job's records (what executors map; runs on a worker)."""
    from newsbrief.brief import build_brief
    from newsbrief.embed import stored_in

    given = _GivenVectors(job.vectors)
    try:
        with stored_in(given):
            brief = build_brief(job.story, job.analyses, job.settings, focus=job.focus, lead_words=job.lead_words)
    except AnalysisError as exc:
        return BriefResult(job.story.id, None, str(exc), given.new)
    return BriefResult(job.story.id, brief, None, given.new)


def brief_job(
    store: Store, story: Story, articles: Sequence[Article], settings: Settings, focus: str | None, lead_words: int
) -> BriefJob:
    """The records of one story's brief: analyses (missing layers computed and saved here)
    and the stored vectors of its sentences and titles."""
    from newsbrief.embed import text_key
    from newsbrief.pipeline.store_analysis import load_analyses, sentence_texts

    analyses = load_analyses(store, articles, skip_failed=True)
    texts = [text for analysis in analyses for text in sentence_texts(analysis.article, analysis.sentences, analysis.entities)]
    texts += [analysis.article.title for analysis in analyses if analysis.article.title]
    vectors = store.load_vectors([text_key(text) for text in dict.fromkeys(texts)])
    # a worker parses again if it needs the Doc: a Doc is large to send and cheap to rebuild
    light = [analysis.without_doc() for analysis in analyses]
    return BriefJob(story, light, settings, focus, lead_words, vectors)


def brief_story(
    store: Store, story: Story, settings: Settings | None = None, focus: str | None = None, lead_words: int | None = None
) -> Brief:
    """Build the brief of one stored story (its analyses loaded, or computed and saved)."""
    from newsbrief.brief import build_brief
    from newsbrief.embed import stored_in
    from newsbrief.pipeline.store_analysis import load_analyses

    analyses = load_analyses(store, list(store.iter_articles(story.article_ids)), skip_failed=True)
    with stored_in(store):  # each sentence is encoded once per store, whichever stage asks first
        return build_brief(story, analyses, settings, focus=focus, lead_words=lead_words)


STORY_BLOCK = 100  # stories whose articles, analysis versions and stored briefs are read in one go


def with_stored_briefs(
    store: Store, stories: Sequence[Story], variant: str
) -> Iterator[tuple[Story, list[Article], str, tuple[str, str] | None]]:
    """Each story with its articles, the fingerprint of what its brief is built from now, and
    its stored brief of ``variant`` (fingerprint, JSON) if any.  Read a block of stories at a
    time, a few queries a block: most stories hold one or two articles, and three queries a
    story cost more than reading what they return."""
    from newsbrief.briefcache import brief_fingerprint

    for lo in range(0, len(stories), STORY_BLOCK):
        block = stories[lo : lo + STORY_BLOCK]
        ids = [article_id for story in block for article_id in story.article_ids]
        articles = store.iter_articles(ids)
        versions = store.annotation_versions_of(ids)
        stored = store.load_briefs([story.id for story in block], variant)
        for story in block:
            mine = [next(articles) for _ in story.article_ids]
            yield story, mine, brief_fingerprint(story, mine, versions, variant), stored.get(story.id)


def brief_stories(
    store: Store,
    stories: Sequence[Story],
    settings: Settings | None = None,
    focus: str | None = None,
    lead_words: int | None = None,
    progress: ProgressCallback | None = None,
    executor: Executor | None = None,
    as_one: bool = False,
) -> BriefRun:
    """The brief of each story: read from the store when it was built from exactly what the
    story holds now (same articles, analyses, links, options, model and code), else built and
    stored.  Markdown, JSON and HTML of one store therefore cost one build.  ``as_one`` marks
    piles briefed as one story (:func:`newsbrief.develop.pile_story`): stored under their own variant.

    With an ``executor`` of several workers, the briefs to build are built on it (see the
    module's text); the briefs, and the order they come in, are the same.
    """
    from newsbrief.briefcache import brief_fingerprint, brief_variant, decode_brief, encode_brief

    settings = settings or Settings()
    words = lead_words or settings.lead_words
    variant = brief_variant(words, focus, as_one)
    run = BriefRun()
    if executor is not None and executor.workers > 1 and len(stories) > 1:
        return _brief_on(executor, store, stories, settings, focus, words, progress, as_one)
    for story, articles, fingerprint, stored in with_stored_briefs(store, stories, variant):
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
        versions = store.annotation_versions_of([a.id for a in articles])  # building may add a missing layer
        store.save_brief(story.id, variant, brief_fingerprint(story, articles, versions, variant), encode_brief(built))
        run.briefs.append(built)
        run.rebuilt.append(story.id)
    return run


def _brief_on(
    executor: Executor,
    store: Store,
    stories: Sequence[Story],
    settings: Settings,
    focus: str | None,
    words: int,
    progress: ProgressCallback | None,
    as_one: bool = False,
) -> BriefRun:
    """:func:`brief_stories` with the stale briefs built on ``executor``; the driver reads
    and writes the store (jobs are loaded as workers free up, so memory stays bounded)."""
    from newsbrief.briefcache import brief_fingerprint, brief_variant, decode_brief, encode_brief

    variant = brief_variant(words, focus, as_one)
    briefs: dict[str, Brief] = {}
    stale: list[Story] = []
    for story, _, fingerprint, stored in with_stored_briefs(store, stories, variant):
        if stored is not None and stored[0] == fingerprint:
            briefs[story.id] = decode_brief(stored[1])
        else:
            stale.append(story)
    stale_by_id = {story.id: story for story in stale}
    run = BriefRun()

    def jobs() -> Iterator[BriefJob]:
        for story in stale:
            articles = list(store.iter_articles(story.article_ids))
            try:
                job = brief_job(store, story, articles, settings, focus, words)
            except AnalysisError as exc:  # every article of the story failed its analysis
                log.warning("story %s not briefed: %s", story.id[:10], exc)
                run.failed.append((story.id, str(exc)))
                continue
            if progress:
                progress(f"briefing story {story.id[:10]}")
            yield job

    def lost(job: BriefJob, error: BaseException) -> BriefResult:
        reason = f"its worker process died twice while building the brief ({type(error).__name__}); rerun to retry"
        return BriefResult(job.story.id, None, reason, [])

    for result in executor.map(build_brief_job, jobs(), lost=lost):
        if result.vectors:
            store.save_vectors(result.vectors)
        if result.brief is None:
            log.warning("story %s not briefed: %s", result.story_id[:10], result.error)
            run.failed.append((result.story_id, result.error or "brief failed"))
            continue
        story = stale_by_id[result.story_id]
        articles = list(store.iter_articles(story.article_ids))
        versions = store.annotation_versions_of([a.id for a in articles])
        store.save_brief(story.id, variant, brief_fingerprint(story, articles, versions, variant), encode_brief(result.brief))
        briefs[story.id] = result.brief
        run.rebuilt.append(story.id)
    run.briefs = [briefs[story.id] for story in stories if story.id in briefs]
    return run
