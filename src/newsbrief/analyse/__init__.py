"""4. Per-article analysis: an ordered list of analysers with one contract.

Each analyser is a module in this package that declares

* ``NAME``      the layer it produces ("sentences", "entities", "quotes", "times", "quantities"),
* ``VERSION``   bumped when its output changes, so stored layers are recomputed,
* ``REQUIRES``  the layers it reads from ``analysis.layers``,
* ``RECORD``    the record type it produces,
* ``analyse(analysis: Analysis) -> list[RECORD]``.

Layers are stored in SQLite (``annotations`` table), so a brief never re-runs the models for
an article it has seen.  The spaCy ``Doc`` is shared by the analysers of one article and
parsed lazily, only when an analyser that needs it has to run.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from newsbrief.errors import AnalysisError
from newsbrief.models import Article, Record
from newsbrief.store import Store

log = logging.getLogger(__name__)

# In dependency order.
ANALYSER_MODULES: tuple[str, ...] = ("sentences", "entities", "quotes", "times", "quantities")


def analysers() -> list[ModuleType]:
    return [importlib.import_module(f"newsbrief.analyse.{name}") for name in ANALYSER_MODULES]


@dataclass
class Analysis:
    """Everything known about one article so far: its layers and (lazily) its spaCy Doc."""

    article: Article
    layers: dict[str, list[Any]] = field(default_factory=dict)
    _doc: Any = None

    @property
    def doc(self) -> Any:
        if self._doc is None:
            from newsbrief.analyse.nlp import parse

            self._doc = parse(self.article.text)
        return self._doc

    def layer(self, name: str) -> list[Any]:
        try:
            return self.layers[name]
        except KeyError:
            raise AnalysisError(
                f"article {self.article.id}: layer {name!r} is needed but was not computed; "
                f"run the analysers in order {', '.join(ANALYSER_MODULES)}"
            ) from None


def analyse_article(article: Article, store: Store | None = None) -> Analysis:
    """Run every analyser on one article, reusing (and saving) layers in ``store`` if given."""
    analysis = Analysis(article)
    for module in analysers():
        stored = None
        if store is not None and store.annotation_versions(article.id).get(module.NAME) == module.VERSION:
            stored = store.load_annotations(article.id, module.NAME, module.RECORD)
        if stored is not None:
            analysis.layers[module.NAME] = stored
            continue
        missing = [r for r in module.REQUIRES if r not in analysis.layers]
        if missing:
            raise AnalysisError(f"analyser {module.NAME} requires {missing}, which no earlier analyser produced")
        try:
            records = module.analyse(analysis)
        except AnalysisError:
            raise
        except Exception as exc:  # a bug or a model failure on odd text: name the article
            raise AnalysisError(f"article {article.id} ({article.origin}): {module.NAME} failed: {exc!r}") from exc
        analysis.layers[module.NAME] = records
        if store is not None:
            store.save_annotations(article.id, module.NAME, module.VERSION, records)
    return analysis


def pending_articles(store: Store) -> list[str]:
    """Ids of stored articles with at least one layer missing or out of date."""
    pending: dict[str, None] = {}
    for module in analysers():
        for article_id in store.articles_needing(module.NAME, module.VERSION):
            pending[article_id] = None
    return list(pending)


def analyse_store(
    store: Store,
    article_ids: Sequence[str] | None = None,
    progress: Callable[[Article], None] | None = None,
    on_error: str = "record",
) -> tuple[int, list[tuple[str, str]]]:
    """Analyse every stored article that needs it (incremental); (analysed, failures)."""
    ids = list(article_ids) if article_ids is not None else pending_articles(store)
    done, failed = 0, []
    for article in store.iter_articles(ids):
        try:
            analyse_article(article, store)
            done += 1
        except AnalysisError as exc:
            if on_error == "raise":
                raise
            log.warning("%s", exc)
            failed.append((article.id, str(exc)))
            if on_error == "record":
                store.record_failure(article.origin, str(exc))
        if progress:
            progress(article)
    return done, failed


def load_layer(store: Store, article_id: str, name: str) -> list[Record]:
    """One stored layer of one article (analysing the article first if needed)."""
    module = importlib.import_module(f"newsbrief.analyse.{name}")
    records = store.load_annotations(article_id, name, module.RECORD)
    if records is None or store.annotation_versions(article_id).get(name) != module.VERSION:
        return analyse_article(store.get_article(article_id), store).layers[name]
    return records
