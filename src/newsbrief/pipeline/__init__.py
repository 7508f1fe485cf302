"""The whole flow on one page: sources -> extract -> store -> analyse -> stories -> brief.

This package is the application layer: the only code below the CLI and web shells that
opens the :class:`~newsbrief.store.Store`.  It loads records, batches them, applies the
error policy, calls the stage functions (which take records, never a store) through an
executor (:mod:`newsbrief.scale`) and saves what they return.  Its functions are the public
Python API (re-exported from :mod:`newsbrief`; docs/api.md).

    ingest(inputs, store)          1-3  read, clean, deduplicate and store articles
    analyse_store(store)           4    sentences, entities, quotes, times, quantities
    update_stories(store)          6    new articles assigned to stories
    update(store)                  4+6  both, what every command runs before reading (and
                                        count_outlets: each changed story's independent outlets)
    remove_articles(store, ids)         articles and all stored about them deleted
    brief_stories(store, stories)  7    briefs, read back when stored and still current
    brief(inputs, store)           1-7  the cited brief of every story (or one)
    brief_pile(store, article_ids) 7    a pile of articles briefed as one story (brief --as-one)
    render_html(store, briefs)     8    the self-contained HTML report

Batch functions take an explicit error policy: ``on_error="raise"`` stops at the first bad
input, ``"skip"`` logs it and goes on, ``"record"`` (the default) also writes it to the
store's failure log.  A bad input never touches what is already stored.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsbrief.errors import ON_ERROR_CHOICES, ConfigError, OnError, SourceError, StoreError, check_policy

if TYPE_CHECKING:
    from newsbrief.models import Article, Brief
    from newsbrief.pipeline.store_analysis import (
        AnalyseReport,
        analyse_store,
        embed_sentences,
        known_layers,
        load_analyses,
        load_analysis,
        load_layer,
        pending_articles,
        save_analysis,
    )
    from newsbrief.pipeline.store_briefs import BriefRun, brief_stories, brief_story
    from newsbrief.pipeline.store_ingest import (
        IngestReport,
        ProgressCallback,
        ingest,
        ingest_documents,
        input_hash,
        load_duplicate_index,
    )
    from newsbrief.pipeline.store_stories import (
        consolidate_stories,
        count_outlets,
        get_story,
        list_stories,
        load_clusterer,
        remove_articles,
        story_listing,
        update_stories,
    )
    from newsbrief.scale import Executor
    from newsbrief.settings import Settings
    from newsbrief.store import Store
    from newsbrief.stories import StoryListing, StoryUpdate

# Each stage's functions live in a submodule, imported on first use: a command that only reads
# an up-to-date store (`newsbrief stories --json`, `show`) loads the stages it runs, not
# ingest or brief (bench/startup.py).  name -> the submodule that defines it.
_SUBMODULE_OF = {
    **dict.fromkeys(
        ("AnalyseReport", "analyse_store", "embed_sentences", "known_layers", "load_analyses", "load_analysis",
         "load_layer", "pending_articles", "save_analysis"),
        "store_analysis",
    ),
    **dict.fromkeys(("BriefRun", "brief_stories", "brief_story"), "store_briefs"),
    **dict.fromkeys(
        ("IngestReport", "ProgressCallback", "ingest", "ingest_documents", "input_hash", "load_duplicate_index"),
        "store_ingest",
    ),
    **dict.fromkeys(
        ("consolidate_stories", "count_outlets", "get_story", "list_stories", "load_clusterer", "remove_articles",
         "story_listing", "update_stories"),
        "store_stories",
    ),
}


def __getattr__(name: str) -> Any:
    """A stage function or record (or a submodule), imported from its submodule on first use."""
    if name in ("store_analysis", "store_briefs", "store_ingest", "store_stories"):
        return importlib.import_module(f"{__name__}.{name}")
    submodule = _SUBMODULE_OF.get(name)
    if submodule is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{submodule}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ON_ERROR_CHOICES",
    "AnalyseReport",
    "BriefRun",
    "IngestReport",
    "OnError",
    "ProgressCallback",
    "UpdateReport",
    "analyse_store",
    "brief",
    "brief_articles",
    "brief_pile",
    "brief_stories",
    "brief_story",
    "check_policy",
    "consolidate_stories",
    "count_outlets",
    "embed_sentences",
    "get_story",
    "ingest",
    "ingest_documents",
    "input_hash",
    "known_layers",
    "list_stories",
    "load_analyses",
    "load_analysis",
    "load_clusterer",
    "load_duplicate_index",
    "load_layer",
    "pending_articles",
    "remove_articles",
    "render_html",
    "save_analysis",
    "stories",
    "story_listing",
    "update",
    "update_stories",
]


@dataclass
class UpdateReport:
    """What :func:`update` did: articles analysed (and failed), stories changed."""

    analysed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article id, reason)
    stories: StoryUpdate = field(default_factory=lambda: _no_story_change())


def _no_story_change() -> StoryUpdate:
    from newsbrief.stories import StoryUpdate

    return StoryUpdate()


def update(
    store: Store,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    executor: Executor | None = None,
) -> UpdateReport:
    """Analyse pending articles (on ``executor``), then assign every new article to a story, then
    count the independent outlets of every story that changed (:func:`count_outlets`)."""
    from newsbrief.pipeline.store_analysis import analyse_store, embed_sentences
    from newsbrief.pipeline.store_stories import count_outlets, update_stories

    def tick(article: Article) -> None:
        if progress:
            progress(f"analysed {article.id[:10]}")

    analysis = analyse_store(store, progress=tick, executor=executor)
    if analysis.analysed:
        if progress:
            progress(f"embedding the sentences of {len(analysis.analysed)} articles")
        embed_sentences(store, analysis.analysed, executor=executor)
    story_update = update_stories(store, settings, progress=progress)
    count_outlets(store)
    return UpdateReport(analysed=len(analysis.analysed), failed=list(analysis.failed), stories=story_update)


def stories(store: Store, settings: Settings | None = None, progress: ProgressCallback | None = None) -> list[StoryListing]:
    """Bring analyses and stories up to date, then every story with its articles, ranked by
    independent outlets, then articles, then the latest."""
    from newsbrief.pipeline.store_stories import story_listing

    update(store, settings, progress=progress)
    return story_listing(store)


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
    executor: Executor | None = None,
    top: int | None = None,
    story_ids: Sequence[str] | None = None,
    as_one: bool = False,
) -> list[Brief]:
    """Ingest ``inputs`` (if any), bring analyses and stories up to date, brief the stories.

    All stories, ranked by independent outlets (syndicated copies count once; ties: more
    articles, then the latest), or only ``story_id`` (an id or unique prefix), or only
    ``story_ids``, or only the ``top`` first of that ranking; a stored brief built from
    exactly what its story holds now is read back, not rebuilt.  ``on_ingest`` receives the
    ingest report, so a caller can show what failed.

    ``as_one`` briefs a pile as one story with dated developments: the articles of ``inputs``
    when given, else of ``story_ids``, else every stored article (``brief --as-one``).
    """
    from newsbrief.pipeline.store_briefs import brief_stories
    from newsbrief.pipeline.store_stories import get_story, story_listing
    from newsbrief.settings import Settings

    settings = settings or Settings()
    if lead_words is not None and lead_words < 10:
        raise ConfigError(f"--lead-words {lead_words} is too short for a lead; use 10 or more (default {settings.lead_words})")
    if top is not None and (top < 1 or story_id or story_ids):
        raise ConfigError(f"--top {top}: give a number of stories of 1 or more, and not together with --story or --stories")
    if story_id and story_ids:
        raise ConfigError("--story and --stories together: give one story with --story, or several with --stories ID,ID")
    if as_one and (story_id or top is not None):
        raise ConfigError("--as-one briefs the inputs (or --stories ID,ID) as one story; it does not take --story or --top")
    inputs = list(inputs)
    pile: list[str] = []
    if inputs:
        from newsbrief.pipeline.store_ingest import ingest

        report = ingest(inputs, store, settings, on_error=on_error, progress=progress, executor=executor)
        pile = [a.id for a in report.ingested + report.duplicates] + list(report.unchanged_ids)
        if on_ingest:
            on_ingest(report)
    if store.count_articles() == 0 and inputs:
        raise SourceError(
            ", ".join(inputs[:3]) + (f" and {len(inputs) - 3} more" if len(inputs) > 3 else ""),
            "none of the inputs gave an article to store (each failure is named above with its reason); nothing to brief",
        )
    if store.count_articles() == 0:
        raise StoreError(
            f"{store.path}: no articles stored yet; brief some with `newsbrief brief FILE_OR_FOLDER... --db {store.path}` "
            f"or add them first with `newsbrief ingest FILE_OR_FOLDER... --db {store.path}`"
        )
    update(store, settings, progress=progress, executor=executor)
    if as_one:
        return [brief_pile(store, pile if inputs else None, story_ids, settings, focus, lead_words, progress)]
    if story_ids:
        chosen = [get_story(store, sid) for sid in story_ids]
    else:
        chosen = [get_story(store, story_id)] if story_id else [item.story for item in story_listing(store)]
    if top is not None:
        chosen = chosen[:top]
    return brief_stories(
        store, chosen, settings, focus=focus, lead_words=lead_words, progress=progress, executor=executor
    ).briefs


def brief_pile(
    store: Store,
    article_ids: Sequence[str] | None = None,
    story_ids: Sequence[str] | None = None,
    settings: Settings | None = None,
    focus: str | None = None,
    lead_words: int | None = None,
    progress: ProgressCallback | None = None,
) -> Brief:
    """One brief of a pile of stored articles, whatever stories they were grouped into: the
    ``article_ids``, else the articles of ``story_ids``, else every stored article.  A copy in
    the pile brings its original along (a brief counts originals).  Stored like any brief."""
    from newsbrief.develop import pile_story
    from newsbrief.pipeline.store_briefs import brief_stories
    from newsbrief.pipeline.store_stories import get_story

    if article_ids is None:
        if story_ids:
            article_ids = [aid for sid in story_ids for aid in get_story(store, sid).article_ids]
        else:
            article_ids = store.article_ids()
    ids = list(dict.fromkeys(article_ids))
    articles = list(store.iter_articles(ids))
    originals = {a.duplicate_of for a in articles if a.duplicate_of} - set(ids)
    articles += list(store.iter_articles(sorted(originals)))
    story = pile_story(articles)
    return brief_stories(store, [story], settings, focus=focus, lead_words=lead_words, progress=progress, as_one=True).briefs[0]


def brief_articles(store: Store, briefs: Sequence[Brief]) -> dict[str, Article]:
    """The stored articles these briefs cite or list (id -> Article), for the HTML report."""
    from newsbrief.render_html import all_citations

    ids = list(dict.fromkeys([a.id for b in briefs for a in b.articles] + [c.article_id for b in briefs for c in all_citations(b)]))
    return {article.id: article for article in store.iter_articles(ids)}


def render_html(store: Store, briefs: Sequence[Brief]) -> str:
    """The self-contained HTML report of these briefs, with their source articles' texts."""
    from newsbrief.render import to_html

    return to_html(briefs, brief_articles(store, briefs))
