"""Analysis over a store: which articles need it, batches through an executor, one writer.

Layers are stored in SQLite (``annotations`` table) with the version of the analyser that
made them, so a brief never re-runs the models for an article it has seen, and a version
bump recomputes exactly the layers it affects.  The driver loads each batch (articles plus
their up-to-date layers), the executor runs :func:`newsbrief.analyse.analyse_batch` on it
(here, in worker processes, or on Dask workers), and the driver saves the results as they
come back, in order, one transaction per batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsbrief import analyse
from newsbrief.analyse import Analysis, AnalysisFailure, analyse_article, analyse_batch, stale_layers
from newsbrief.analyse.nlp import model_fits
from newsbrief.errors import AnalysisError, OnError, check_policy
from newsbrief.models import Article, Record
from newsbrief.store import Store

if TYPE_CHECKING:
    import numpy as np

    from newsbrief.scale import Executor

log = logging.getLogger(__name__)

Batch = list[tuple[Article, dict[str, list[Any]]]]


@dataclass
class AnalyseReport:
    """What an :func:`analyse_store` run did: ids analysed, and (id, reason) of failures."""

    analysed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def pending_articles(store: Store) -> list[str]:
    """Ids of stored articles with at least one layer missing or out of date, in ingest order."""
    pending: set[str] = set()
    for name, version in analyse.versions().items():  # no analyser is loaded to read them
        pending.update(store.articles_needing(name, version))
    return [article_id for article_id in store.article_ids() if article_id in pending] if pending else []


def known_layers(store: Store, article_id: str) -> dict[str, list[Any]]:
    """The layers stored for this article by the current analysers (name -> records)."""
    stored = store.annotation_versions(article_id)
    known: dict[str, list[Any]] = {}
    for name, version in analyse.versions().items():
        if stored.get(name) == version:
            records = store.load_annotations(article_id, name, analyse.LAYER_TYPES[name])
            if records is not None:
                known[name] = records
    return known


def save_analysis(store: Store, analysis: Analysis, layers: Sequence[str]) -> None:
    """Store the named layers of one analysis, with the current analyser versions."""
    with store.transaction():
        for name in layers:
            store.save_annotations(analysis.article.id, name, analyse.analyser(name).VERSION, analysis.layer(name))


def _batches(store: Store, ids: Sequence[str], size: int, force: bool) -> Iterator[Batch]:
    """Articles with their up-to-date layers, ``size`` at a time (loaded only when asked)."""
    for first in range(0, len(ids), size):
        yield [(a, {} if force else known_layers(store, a.id)) for a in store.iter_articles(ids[first : first + size])]


def analyse_store(
    store: Store,
    article_ids: Sequence[str] | None = None,
    progress: Callable[[Article], None] | None = None,
    on_error: OnError | str = "record",
    force: bool = False,
    batch_size: int = analyse.BATCH_SIZE,
    executor: Executor | None = None,
) -> AnalyseReport:
    """Analyse every stored article that needs it (incremental), in batches on ``executor``
    (default: this process).

    ``article_ids`` limits the run (default: :func:`pending_articles`); ``force`` recomputes
    every layer of those articles (default: all articles) even when stored and up to date.
    ``on_error``: "raise" stops at the first failure, "skip" logs it and goes on, "record"
    also writes it to the store's failure log.  ``progress`` is called once per article.
    Results are saved as each batch comes back, so an interrupted run keeps what it did.
    """
    check_policy(on_error)
    if batch_size < 1:
        raise AnalysisError(f"batch_size={batch_size}: a batch needs at least one article")
    if article_ids is not None:
        ids = list(article_ids)
    else:
        ids = store.article_ids() if force else pending_articles(store)
    if not ids:  # an up-to-date store: no executor to make (`stories` starts quickly)
        return AnalyseReport()
    if executor is None:
        from newsbrief.scale import SerialExecutor

        executor = SerialExecutor()
    report = AnalyseReport()
    for results in executor.map(analyse_batch, _batches(store, ids, batch_size, force), lost=_lost_batch):
        with store.transaction():
            for result in results:
                if isinstance(result, AnalysisFailure):
                    if on_error == "raise":
                        raise AnalysisError(result.reason)
                    log.warning("%s", result.reason)
                    report.failed.append((result.article_id, result.reason))
                    if on_error == "record":
                        store.record_failure(result.origin, result.reason)
                else:
                    stale = list(result.computed) if force else stale_layers(store.annotation_versions(result.article.id))
                    save_analysis(store, result, [name for name in analyse.LAYER_NAMES if name in stale])
                    report.analysed.append(result.article.id)
        if progress:
            for result in results:
                progress(result.article if isinstance(result, Analysis) else store.get_article(result.article_id))
    return report


def _lost_batch(batch: Batch, error: BaseException) -> list[Analysis | AnalysisFailure]:
    """Failures for the articles of a batch whose worker died twice while analysing it."""
    return [
        AnalysisFailure(
            article.id, article.origin,
            f"article {article.id} ({article.origin}): not analysed, its worker process died twice while analysing "
            f"its batch of {len(batch)} ({type(error).__name__}); rerun `newsbrief analyse` to retry it, or use --workers 1",
        )
        for article, _ in batch
    ]


def load_analyses(store: Store, articles: Sequence[Article], skip_failed: bool = False) -> list[Analysis]:
    """The analyses of these stored articles, computing (and saving) missing layers.

    With ``skip_failed``, an article whose analysis fails is logged and left out (a brief of a
    story goes on without it) unless every article fails; otherwise the error is raised.
    """
    analyses = []
    failures: list[str] = []
    for article in articles:
        known = known_layers(store, article.id)
        # all stored and current: no analyser to load (another language: empty, whatever is stored)
        if len(known) == len(analyse.versions()) and model_fits(article):
            analyses.append(Analysis.of(article, known))
            continue
        try:
            analysis = analyse_article(article, known=known)
        except AnalysisError as exc:
            if not skip_failed:
                raise
            log.warning("left out of the brief: %s", exc)
            failures.append(str(exc))
            continue
        computed = [name for name in analyse.LAYER_NAMES if name in analysis.computed and name not in known]
        if computed:
            save_analysis(store, analysis, computed)
        analyses.append(analysis)
    if failures and not analyses:
        raise AnalysisError("; ".join(failures))
    return analyses


def load_analysis(store: Store, article_id: str) -> Analysis:
    """The article with this id (or unique prefix of 6+ characters) and all its layers,
    computing and storing the layers that are missing or out of date."""
    return load_analyses(store, [store.get_article(article_id)])[0]


def load_layer(store: Store, article_id: str, name: str) -> list[Record]:
    """One stored layer of one article (analysing the article first if needed)."""
    if name not in analyse.versions():
        analyse.analyser(name)  # an unknown layer name is an error (naming the layers) before any work
    article = store.get_article(article_id)  # also resolves an id prefix
    if not model_fits(article):  # stored, not analysed (whatever an older version stored)
        return []
    known = known_layers(store, article.id)
    if name in known:
        return list(known[name])
    return load_analysis(store, article.id).layer(name)


def embed_sentences(store: Store, article_ids: Sequence[str], batch: int = 1024, executor: Executor | None = None) -> int:
    """Encode and store the vector of every sentence of these articles (as the lead and fact
    grouping cut them), so briefs read vectors instead of running the model; how many texts.

    The texts are taken ``batch`` at a time; the ones of a batch not stored yet are encoded
    together, here or (with an ``executor`` of several workers) on a worker, and stored by
    this process.  The batches are the same either way, so the vectors are too (bit for bit:
    the model pads each batch's texts to a common length).
    """
    import numpy as np

    from newsbrief import embed

    texts = (text for article_id in article_ids for text in _stored_sentence_texts(store, article_id))
    chunks = _chunked(texts, batch)
    counted = 0
    with embed.stored_in(store):
        if executor is None or executor.workers < 2:
            for chunk in chunks:
                embed.persist(chunk)  # vectors this process already holds are stored too
                embed.embed(chunk)
                counted += len(chunk)
            return counted
        sent: set[str] = set()  # texts on their way to a worker: not missing from a later batch

        def to_encode() -> Iterator[list[str]]:
            nonlocal counted
            for chunk in chunks:
                counted += len(chunk)
                embed.persist(chunk)
                missing = embed.to_encode(chunk, skip=sent)
                sent.update(missing)
                if missing:
                    yield missing

        for missing, vectors in executor.map(_encode_batch, to_encode(), lost=_lost_texts):
            if vectors is not None:
                embed.remember(missing, vectors.astype(np.float32))  # exact: float16 values
                embed.trim_cache()
            sent.difference_update(missing)
    return counted


def _stored_sentence_texts(store: Store, article_id: str) -> list[str]:
    """:func:`sentence_texts` of a stored article: the article and its layers read once (as
    :func:`load_layer` would give the sentences and the entities)."""
    article = store.get_article(article_id)
    if not model_fits(article):
        return []
    known = known_layers(store, article.id)
    if "sentences" not in known or "entities" not in known:
        analysis = load_analyses(store, [article])[0]
        known = {name: analysis.layer(name) for name in ("sentences", "entities")}
    return sentence_texts(article, known["sentences"], known["entities"])


def _chunked(items: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _encode_batch(texts: list[str]) -> tuple[list[str], np.ndarray | None]:
    """On a worker: the texts with their vectors (float16, as stored: half the bytes to send)."""
    from newsbrief.embed import STORED_DTYPE, encode

    return texts, encode(texts).astype(STORED_DTYPE)


def _lost_texts(texts: list[str], error: BaseException) -> tuple[list[str], np.ndarray | None]:
    """Texts whose worker died twice while encoding them: left unstored (a brief encodes them)."""
    log.warning(
        "%d sentence vectors not stored: their worker died twice while encoding them (%s); "
        "briefs will encode them when needed", len(texts), type(error).__name__,
    )
    return texts, None


def sentence_texts(article: Article, sentences: Sequence[Record], entities: Sequence[Record] = ()) -> list[str]:
    """The texts of an article's sentences as the lead and fact grouping cut them (what
    :func:`embed_sentences` stores a vector for): each sentence as the lead trims it, then
    each claim of it that reads otherwise (past a dateline, or a long sentence's clause;
    ``entities`` tell a dateline's place from a speaker's name, as in fact grouping)."""
    from newsbrief.facts import claim_spans, place_spans
    from newsbrief.lead import trim_span

    texts = []
    claims = []
    places = place_spans(entities)
    for sentence in sentences:
        start, end = trim_span(article.text, sentence.start, sentence.end)  # type: ignore[attr-defined]
        if end > start:
            texts.append(article.text[start:end])
        claims += [article.text[s:e] for s, e in claim_spans(article.text, sentence.start, sentence.end, places)]  # type: ignore[attr-defined]
    return list(dict.fromkeys(texts + claims))
