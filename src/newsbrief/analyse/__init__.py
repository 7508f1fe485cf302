"""4. Per-article analysis: a fixed, ordered tuple of analysers with one contract.

Each analyser is a module in this package that declares

* ``NAME``      the layer it produces ("sentences", "entities", "quotes", "times", "quantities"),
* ``VERSION``   read from :data:`LAYER_VERSIONS` (analyse/record.py), where it is bumped when
                its output changes, so stored layers are recomputed (kept in that one light
                table so that checking a store for pending work imports no analyser),
* ``REQUIRES``  the layers it reads from the :class:`Analysis`,
* ``RECORD``    the record type it produces,
* ``analyse(analysis: Analysis) -> list[RECORD]``.

The functions here work on records only: :func:`analyse_article` takes an article (and the
layers already known for it) and returns its :class:`Analysis`; :func:`analyse_batch` parses
a batch of articles together (``nlp.pipe``) and analyses each, reporting a failing article
as an :class:`AnalysisFailure` instead of sinking the batch.  Loading and saving layers is
:mod:`newsbrief.pipeline`'s job, so the same functions run in a worker process or on a Dask
worker that never sees the database.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from newsbrief.analyse.nlp import model_fits
from newsbrief.analyse.record import LAYER_NAMES, LAYER_TYPES, LAYER_VERSIONS, Analysis
from newsbrief.errors import AnalysisError
from newsbrief.models import Article

log = logging.getLogger(__name__)

# In dependency order; tests may replace it with a prefix of itself.  Imported on first use
# (module ``__getattr__``): reading stored analyses and checking versions needs no analyser.
ANALYSERS: tuple[ModuleType, ...]
ON_ERROR_CHOICES = ("raise", "skip", "record")
# Articles parsed together (one nlp.pipe batch).
BATCH_SIZE = 32

__all__ = [
    "ANALYSERS",
    "BATCH_SIZE",
    "LAYER_NAMES",
    "LAYER_TYPES",
    "LAYER_VERSIONS",
    "Analysis",
    "AnalysisFailure",
    "analyse_article",
    "analyse_batch",
    "analyser",
    "stale_layers",
]


def _analysers() -> tuple[ModuleType, ...]:
    loaded: tuple[ModuleType, ...] | None = globals().get("ANALYSERS")
    if loaded is None:
        from newsbrief.analyse import entities, quantities, quotes, sentences, times

        loaded = globals()["ANALYSERS"] = (sentences, entities, quotes, times, quantities)
    return loaded


def __getattr__(name: str) -> Any:
    if name == "ANALYSERS":
        return _analysers()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def analyser(name: str) -> ModuleType:
    """The analyser module producing layer ``name``."""
    for module in _analysers():
        if name == module.NAME:
            return module
    raise AnalysisError(f"no analyser produces layer {name!r}; layers are {', '.join(m.NAME for m in _analysers())}")


def versions() -> dict[str, str]:
    """Layer name -> the version the current analysers produce, in order.  Until the analysers
    are loaded this is :data:`LAYER_VERSIONS` (which their ``VERSION`` is read from), so it
    loads none of them; once loaded (or replaced by a test), their own ``VERSION``."""
    loaded: tuple[ModuleType, ...] | None = globals().get("ANALYSERS")
    if loaded is None:
        return dict(LAYER_VERSIONS)
    return {module.NAME: module.VERSION for module in loaded}


def stale_layers(stored_versions: Mapping[str, str]) -> list[str]:
    """The layers (in order) whose stored version is missing or not the current one."""
    return [name for name, version in versions().items() if stored_versions.get(name) != version]


@dataclass(frozen=True)
class AnalysisFailure:
    """An article an analyser failed on, with the reason (what a batch reports instead of raising)."""

    article_id: str
    origin: str
    reason: str


def analyse_article(
    article: Article, doc: Any = None, known: Mapping[str, list[Any]] | None = None
) -> Analysis:
    """Run every analyser on one article, except for the layers in ``known`` (name -> records,
    e.g. up-to-date layers loaded from a store), which are taken as they are.

    ``doc`` is the article's spaCy Doc when the caller parsed it already (batch runs).

    An article in a language the models do not fit (:func:`newsbrief.analyse.nlp.model_fits`)
    is stored, not analysed: every layer is empty (even one stored before by the English
    model), so no entity, quote, date, number or story link of it comes from a wrong model.
    """
    if not model_fits(article):
        return Analysis.of(article, {name: [] for name in versions()})
    analysis = Analysis(article, _doc=doc)
    known = known or {}
    for module in _analysers():
        if module.NAME in known:
            analysis.set_layer(module.NAME, known[module.NAME])
            continue
        missing = [r for r in module.REQUIRES if r not in analysis.computed]
        if missing:
            raise AnalysisError(f"analyser {module.NAME} requires {missing}, which no earlier analyser produced")
        try:
            records = module.analyse(analysis)
        except AnalysisError:
            raise
        except Exception as exc:  # a bug or a model failure on odd text: name the article
            raise AnalysisError(f"article {article.id} ({article.origin}): {module.NAME} failed: {exc!r}") from exc
        analysis.set_layer(module.NAME, records)
    return analysis


def analyse_batch(
    batch: Sequence[tuple[Article, Mapping[str, list[Any]]]],
) -> list[Analysis | AnalysisFailure]:
    """Analyse a batch of (article, known layers), parsing the texts that need it together.

    One result per item, in order: its :class:`Analysis` (without the spaCy Doc, so it is
    cheap to send between processes) or an :class:`AnalysisFailure`.  This is the function
    executors map over batches.
    """
    from newsbrief.analyse.nlp import parse_many

    todo = [article for article, known in batch if model_fits(article) and any(m.NAME not in known for m in _analysers())]
    try:
        docs = dict(zip((a.id for a in todo), parse_many(a.text for a in todo), strict=True))
    except Exception as exc:  # one odd text (too long, say) must not sink its batch:
        log.warning("batch parse failed (%r); parsing these %d articles one by one", exc, len(todo))
        docs = {}  # each Analysis parses lazily, and a failure is that article's own
    results: list[Analysis | AnalysisFailure] = []
    for article, known in batch:
        try:
            results.append(analyse_article(article, docs.get(article.id), known).without_doc())
        except AnalysisError as exc:
            results.append(AnalysisFailure(article.id, article.origin, str(exc)))
    return results
