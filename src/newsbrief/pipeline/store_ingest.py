"""Ingest: sources -> extract -> deduplicate -> store, one input at a time.

A bad input never touches what is already stored; the error policy says whether it stops
the run (``"raise"``), is logged (``"skip"``) or also written to the store's failure log
(``"record"``, the default).

Corpus mode (an executor of several workers): the driver reads the inputs as a stream and
sends documents in batches to the workers, which run the costly part of extraction
(:func:`newsbrief.extract.prepare_documents`: HTML parsing, cleaning); the driver finishes
each article in input order (the outlet's chrome, duplicates, storing: one writer), so the
store ends exactly as a serial run leaves it.  Only a few batches are in flight, and the
report keeps articles without their text, so the driver's memory does not grow with the
size or number of the shards.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsbrief.errors import ExtractionError, NewsbriefError, OnError, SourceError, check_policy
from newsbrief.models import Article, RawDocument
from newsbrief.scale import Executor
from newsbrief.settings import Settings
from newsbrief.store import Store

if TYPE_CHECKING:  # extract imports trafilatura and datasketch: only ingesting needs them
    from newsbrief.extract import DuplicateIndex, PreparedArticle

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str], None]
CORPUS_BATCH = 16  # documents sent to a worker at a time in corpus mode


@dataclass
class IngestReport:
    """What an ingest run did: new articles, duplicates, already-stored inputs, failures."""

    ingested: list[Article] = field(default_factory=list)
    duplicates: list[Article] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # origins of inputs already in the store
    unchanged_ids: list[str] = field(default_factory=list)  # their article ids (`brief --as-one` briefs them too)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)

    @property
    def ok(self) -> bool:
        return not self.failed


def load_duplicate_index(store: Store, settings: Settings | None = None) -> DuplicateIndex:
    """The near-duplicate index of every original in ``store``, in ingest order."""
    from newsbrief.extract import DuplicateIndex

    return DuplicateIndex.from_signatures(store.iter_minhashes(), settings, store.get_article)


def ingest(
    inputs: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    on_error: OnError = "record",
    progress: ProgressCallback | None = None,
    executor: Executor | None = None,
) -> IngestReport:
    """Read every input (files, folders, globs, URLs, feeds, WARCs, ``-``), clean and store it.

    Exact copies (same text) and near-duplicates (syndicated copies) are stored too, linked to
    their original with ``duplicate_of``, so later stages count independent sources.  With an
    ``executor`` of several workers, extraction runs on them (corpus mode; see the module's text).
    """
    from newsbrief.sources import iter_documents

    settings = settings or Settings()
    return ingest_documents(iter_documents(inputs, settings), store, settings, on_error, progress, executor=executor)


def ingest_documents(
    documents: Iterable[RawDocument | SourceError],
    store: Store,
    settings: Settings | None = None,
    on_error: OnError = "record",
    progress: ProgressCallback | None = None,
    report: IngestReport | None = None,
    executor: Executor | None = None,
) -> IngestReport:
    """Clean and store documents already read (what :func:`ingest` does after reading its
    inputs; ``newsbrief watch`` reads feed items itself).  A SourceError is a failed input.
    ``report`` (filled in as it goes, and returned) lets the producer of ``documents`` see
    what became of each one.  With an ``executor`` of several workers, extraction runs on them
    and the report's articles are kept without their text (corpus mode)."""
    settings = settings or Settings()
    check_policy(on_error)
    report = report if report is not None else IngestReport()
    duplicates = load_duplicate_index(store, settings)
    chrome_cache: dict[str, dict[str, int]] = {}

    def fail(origin: str, reason: str, exc: Exception) -> None:
        if on_error == "raise":
            raise exc
        log.warning("skipped %s: %s", origin, reason)
        report.failed.append((origin, reason))
        if on_error == "record":
            store.record_failure(origin, reason)

    def record(article: Article | None, origin: str) -> None:
        if article is None:
            report.unchanged.append(origin)
        elif article.duplicate_of:
            report.duplicates.append(article)
        else:
            report.ingested.append(article)

    if executor is not None and executor.workers > 1:
        _ingest_on(executor, documents, store, settings, duplicates, chrome_cache, fail, record, progress, report.unchanged_ids)
        return report
    for item in documents:
        if isinstance(item, SourceError):
            fail(item.origin, item.reason, item)
            continue
        if progress:
            progress(item.origin)
        try:
            article = _ingest_one(item, store, settings, duplicates, chrome_cache, report.unchanged_ids)
        except SourceError as exc:
            fail(exc.origin, exc.reason, exc)
            continue
        except NewsbriefError as exc:
            fail(item.origin, str(exc), exc)
            continue
        record(article, item.origin)
    return report


def _ingest_on(
    executor: Executor,
    documents: Iterable[RawDocument | SourceError],
    store: Store,
    settings: Settings,
    duplicates: DuplicateIndex,
    chrome_cache: dict[str, dict[str, int]],
    fail: Callable[[str, str, Exception], None],
    record: Callable[[Article | None, str], None],
    progress: ProgressCallback | None,
    stored_ids: list[str] | None = None,
) -> None:
    """Corpus mode: documents prepared on ``executor`` in batches, finished and stored here in order."""
    from newsbrief.extract import prepare_documents


    def batches() -> Iterator[tuple[list[RawDocument], Settings]]:
        batch: list[RawDocument] = []
        for item in documents:
            if isinstance(item, SourceError):
                fail(item.origin, item.reason, item)
                continue
            known = store.article_for_input(input_hash(item))
            if known is not None and store.has_article(known):
                if stored_ids is not None:
                    stored_ids.append(known)
                record(None, item.origin)  # the very same input again: not sent to a worker
                continue
            batch.append(item)
            if len(batch) == CORPUS_BATCH:
                yield batch, settings
                batch = []
        if batch:
            yield batch, settings

    def lost(batch: tuple[list[RawDocument], Settings], error: BaseException) -> list[PreparedArticle | tuple[str, str]]:
        reason = f"not extracted: its worker process died twice on its batch ({type(error).__name__}); rerun to retry"
        return [(raw.origin, reason) for raw in batch[0]]

    pending: list[list[RawDocument]] = []

    def remembered() -> Iterator[tuple[list[RawDocument], Settings]]:
        for batch in batches():
            pending.append(batch[0])
            yield batch

    for results in executor.map(prepare_documents, remembered(), lost=lost):
        raws = pending.pop(0)
        for raw, result in zip(raws, results, strict=True):
            if progress:
                progress(raw.origin)
            if isinstance(result, tuple):
                fail(result[0], result[1], ExtractionError(*result))
                continue
            try:
                article = _store_prepared(result, input_hash(raw), store, settings, duplicates, chrome_cache, stored_ids)
            except NewsbriefError as exc:
                fail(raw.origin, str(exc), exc)
                continue
            record(None if article is None else replace(article, text="", removed=()), raw.origin)


def _ingest_one(
    raw: RawDocument,
    store: Store,
    settings: Settings,
    duplicates: DuplicateIndex,
    chrome_cache: dict[str, dict[str, int]],
    stored_ids: list[str] | None = None,
) -> Article | None:
    """Extract, deduplicate and store one document; None if it was stored before (its id is
    then appended to ``stored_ids``)."""
    from newsbrief.extract import prepare_article

    raw_hash = input_hash(raw)
    known = store.article_for_input(raw_hash)
    if known is not None and store.has_article(known):
        if stored_ids is not None:
            stored_ids.append(known)
        return None  # the very same input again: skip extraction altogether
    return _store_prepared(prepare_article(raw, settings), raw_hash, store, settings, duplicates, chrome_cache, stored_ids)


def _store_prepared(
    prepared: PreparedArticle,
    raw_hash: str,
    store: Store,
    settings: Settings,
    duplicates: DuplicateIndex,
    chrome_cache: dict[str, dict[str, int]],
    stored_ids: list[str] | None = None,
) -> Article | None:
    """Finish (the outlet's chrome), deduplicate and store one prepared document; None if stored
    before (its id is then appended to ``stored_ids``)."""
    from newsbrief.extract import finish_article

    article = finish_article(prepared, settings, outlet_lines=lambda outlet: _outlet_lines(store, outlet, chrome_cache))
    if store.has_article(article.id):
        store.remember_input(raw_hash, article.id)
        if stored_ids is not None:
            stored_ids.append(article.id)
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
