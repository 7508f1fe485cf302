"""The whole flow on one page: sources -> extract -> store -> analyse -> stories -> brief.

Each function here is what one CLI command calls.  Batch functions take an explicit error
policy: ``on_error="raise"`` stops at the first bad input, ``"skip"`` logs it and goes on,
``"record"`` (the default) also writes it to the store's failure log.  A bad input never
touches what is already stored.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from newsbrief.errors import ConfigError, NewsbriefError, SourceError
from newsbrief.extract import DuplicateIndex, extract_article
from newsbrief.models import Article, Brief, RawDocument, Story
from newsbrief.settings import Settings
from newsbrief.sources import iter_documents
from newsbrief.store import Store
from newsbrief.stories import StoryListing, StoryUpdate, story_listing, update_stories

log = logging.getLogger(__name__)

OnError = Literal["raise", "skip", "record"]
ON_ERROR_CHOICES = ("raise", "skip", "record")


@dataclass
class IngestReport:
    """What an ingest run did: new articles, duplicates, already-stored inputs, failures."""

    ingested: list[Article] = field(default_factory=list)
    duplicates: list[Article] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # ids already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)

    @property
    def ok(self) -> bool:
        return not self.failed


ProgressCallback = Callable[[str], None]


def _check_policy(on_error: str) -> None:
    if on_error not in ON_ERROR_CHOICES:
        raise ConfigError(f"on_error={on_error!r} is not valid; choose one of {', '.join(ON_ERROR_CHOICES)}")


def ingest(
    inputs: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    on_error: OnError = "record",
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Read every input (files, folders, globs, URLs, feeds, WARCs, ``-``), clean and store it.

    Exact copies (same text) and near-duplicates (syndicated copies) are stored too, linked to
    their original with ``duplicate_of``, so later stages count independent sources.
    """
    settings = settings or Settings()
    return ingest_documents(iter_documents(inputs, settings), store, settings, on_error, progress)


def ingest_documents(
    documents: Iterable[RawDocument | SourceError],
    store: Store,
    settings: Settings | None = None,
    on_error: OnError = "record",
    progress: ProgressCallback | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Clean and store documents already read (what :func:`ingest` does after reading its
    inputs; ``newsbrief watch`` reads feed items itself).  A SourceError is a failed input.
    ``report`` (filled in as it goes, and returned) lets the producer of ``documents`` see
    what became of each one."""
    settings = settings or Settings()
    _check_policy(on_error)
    report = report if report is not None else IngestReport()
    duplicates = DuplicateIndex.from_store(store, settings)
    chrome_cache: dict[str, dict[str, int]] = {}

    def fail(origin: str, reason: str, exc: Exception) -> None:
        if on_error == "raise":
            raise exc
        log.warning("skipped %s: %s", origin, reason)
        report.failed.append((origin, reason))
        if on_error == "record":
            store.record_failure(origin, reason)

    for item in documents:
        if isinstance(item, SourceError):
            fail(item.origin, item.reason, item)
            continue
        if progress:
            progress(item.origin)
        try:
            article = _ingest_one(item, store, settings, duplicates, chrome_cache)
        except SourceError as exc:
            fail(exc.origin, exc.reason, exc)
            continue
        except NewsbriefError as exc:
            fail(item.origin, str(exc), exc)
            continue
        if article is None:
            report.unchanged.append(item.origin)
        elif article.duplicate_of:
            report.duplicates.append(article)
        else:
            report.ingested.append(article)
    return report


def _ingest_one(
    raw: RawDocument,
    store: Store,
    settings: Settings,
    duplicates: DuplicateIndex,
    chrome_cache: dict[str, dict[str, int]],
) -> Article | None:
    """Extract, deduplicate and store one document; None if it was stored before."""
    raw_hash = input_hash(raw)
    known = store.article_for_input(raw_hash)
    if known is not None and store.has_article(known):
        return None  # the very same input again: skip extraction altogether
    article = extract_article(raw, settings, outlet_lines=lambda outlet: _outlet_lines(store, outlet, chrome_cache))
    if store.has_article(article.id):
        store.remember_input(raw_hash, article.id)
        return None
    signature = duplicates.signature(article)
    original = store.find_by_content_hash(article.content_hash)
    if original is not None:
        article = duplicates.mark(article, original, "exact")
    else:
        near = duplicates.find(signature)
        if near is not None:
            article = duplicates.mark(article, near, "near")
    if not store.add_article(article, duplicates.serialise(signature), input_hash=raw_hash):
        return None  # another process stored it meanwhile: not ours to report
    if article.duplicate_of is None:
        duplicates.add(article.id, signature)
    if article.outlet and article.outlet in chrome_cache:
        counts = chrome_cache[article.outlet]
        for line in store.short_lines(article):
            counts[line] = counts.get(line, 0) + 1
    return article


def input_hash(raw: RawDocument) -> str:
    """A hash of one input exactly as read (origin, content and declared metadata)."""
    digest = hashlib.sha256()
    for value in (raw.origin, raw.html, raw.text, raw.title, raw.url, raw.outlet, raw.author, raw.published, raw.language):
        digest.update(b"\x00" if value is None else value.encode("utf-8", "surrogatepass") + b"\x01")
    return digest.hexdigest()[:32]


def _outlet_lines(store: Store, outlet: str, cache: dict[str, dict[str, int]]) -> dict[str, int]:
    if outlet not in cache:
        cache[outlet] = store.outlet_line_counts(outlet)
    return cache[outlet]


# -- analyse + stories: what keeps a store current after ingest -------------------------


@dataclass
class UpdateReport:
    """What :func:`update` did: articles analysed (and failed), stories changed."""

    analysed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article id, reason)
    stories: StoryUpdate = field(default_factory=lambda: StoryUpdate())


def update(store: Store, settings: Settings | None = None, progress: ProgressCallback | None = None) -> UpdateReport:
    """Analyse pending articles, then assign every new article to a story (both incremental)."""
    from newsbrief import analyse

    def tick(article: Article) -> None:
        if progress:
            progress(f"analysed {article.id[:10]}")

    analysis = analyse.analyse_store(store, progress=tick)
    if analysis.analysed:
        if progress:
            progress(f"embedding the sentences of {len(analysis.analysed)} articles")
        embed_sentences(store, analysis.analysed)
    story_update = update_stories(store, settings, progress=progress)
    return UpdateReport(analysed=len(analysis.analysed), failed=list(analysis.failed), stories=story_update)


def embed_sentences(store: Store, article_ids: Sequence[str], batch: int = 1024) -> int:
    """Encode and store the vector of every sentence of these articles (as the lead and fact
    grouping cut them), so briefs read vectors instead of running the model; how many texts."""
    from newsbrief.analyse import load_layer
    from newsbrief.embed import embed, stored_in
    from newsbrief.lead import trim_span

    texts: list[str] = []
    for article_id in article_ids:
        text = store.get_article(article_id).text
        for sentence in load_layer(store, article_id, "sentences"):
            start, end = trim_span(text, sentence.start, sentence.end)  # type: ignore[attr-defined]
            if end > start:
                texts.append(text[start:end])
    with stored_in(store):
        for lo in range(0, len(texts), batch):
            embed(texts[lo : lo + batch])
    return len(texts)


def stories(store: Store, settings: Settings | None = None, progress: ProgressCallback | None = None) -> list[StoryListing]:
    """Bring analyses and stories up to date, then every story newest first, with its articles."""
    update(store, settings, progress=progress)
    return story_listing(store)


# -- brief: the whole flow for one command ------------------------------------------------


def brief(
    inputs: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    story_id: str | None = None,
    focus: str | None = None,
    lead_words: int | None = None,
    on_error: OnError = "record",
    progress: ProgressCallback | None = None,
    on_ingest: Callable[[IngestReport], None] | None = None,
) -> list[Brief]:
    """Ingest ``inputs`` (if any), bring analyses and stories up to date, brief the stories.

    All stories newest first, or only ``story_id`` (an id or unique prefix).  ``on_ingest``
    receives the ingest report, so a caller can show what failed.
    """
    from newsbrief.errors import StoreError
    from newsbrief.stories import get_story, list_stories

    settings = settings or Settings()
    if lead_words is not None and lead_words < 10:
        raise ConfigError(f"--lead-words {lead_words} is too short for a lead; use 10 or more (default {settings.lead_words})")
    inputs = list(inputs)
    if inputs:
        report = ingest(inputs, store, settings, on_error=on_error, progress=progress)
        if on_ingest:
            on_ingest(report)
    if store.count_articles() == 0:
        raise StoreError(
            f"{store.path}: no articles stored yet; brief some with `newsbrief brief FILE_OR_FOLDER... --db {store.path}` "
            f"or add them first with `newsbrief ingest FILE_OR_FOLDER... --db {store.path}`"
        )
    update(store, settings, progress=progress)
    stories = [get_story(store, story_id)] if story_id else list_stories(store)
    return brief_stories(store, stories, settings, focus=focus, lead_words=lead_words, progress=progress).briefs


@dataclass
class BriefRun:
    """The briefs of :func:`brief_stories`, and which of them had to be built (the rest were stored)."""

    briefs: list[Brief] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)  # story ids


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
        from newsbrief.brief import build_brief

        if progress:
            progress(f"briefing story {story.id[:10]}")
        built = build_brief(store, story, settings, focus=focus, lead_words=words)
        versions = {a.id: store.annotation_versions(a.id) for a in articles}  # building may add a missing layer
        store.save_brief(story.id, variant, brief_fingerprint(story, articles, versions, variant), encode_brief(built))
        run.briefs.append(built)
        run.rebuilt.append(story.id)
    return run
