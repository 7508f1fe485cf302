"""4. Per-article analysis: an ordered list of analysers with one contract.

Each analyser is a module in this package that declares

* ``NAME``      the layer it produces ("sentences", "entities", "quotes", "times", "quantities"),
* ``VERSION``   bumped when its output changes, so stored layers are recomputed,
* ``REQUIRES``  the layers it reads from ``analysis.layers``,
* ``RECORD``    the record type it produces,
* ``analyse(analysis: Analysis) -> list[RECORD]``.

Layers are stored in SQLite (``annotations`` table), so a brief never re-runs the models for
an article it has seen.  The spaCy ``Doc`` is shared by the analysers of one article and
parsed lazily, only when an analyser that needs it has to run; :func:`analyse_store` parses
the articles of a big store in batches (``nlp.pipe``) and hands each analysis its Doc.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from newsbrief.errors import AnalysisError, ConfigError
from newsbrief.models import Article, Record
from newsbrief.store import Store

log = logging.getLogger(__name__)

# In dependency order.
ANALYSER_MODULES: tuple[str, ...] = ("sentences", "entities", "quotes", "times", "quantities")
ON_ERROR_CHOICES = ("raise", "skip", "record")
# Articles parsed together by analyse_store (one nlp.pipe batch).
BATCH_SIZE = 32
_CONTRACT = ("NAME", "VERSION", "REQUIRES", "RECORD", "analyse")


def analysers() -> list[ModuleType]:
    """The analyser modules, in dependency order (each checked against the contract)."""
    modules = []
    for name in ANALYSER_MODULES:
        try:
            module = importlib.import_module(f"newsbrief.analyse.{name}")
        except ImportError as exc:
            raise AnalysisError(
                f"analyser module newsbrief.analyse.{name} cannot be imported ({exc}); it is listed in "
                f"ANALYSER_MODULES ({', '.join(ANALYSER_MODULES)}) and must exist, or be removed from that list"
            ) from exc
        missing = [attribute for attribute in _CONTRACT if not hasattr(module, attribute)]
        if missing:
            raise AnalysisError(
                f"analyser module newsbrief.analyse.{name} lacks {', '.join(missing)}; every analyser "
                f"declares {', '.join(_CONTRACT)}"
            )
        modules.append(module)
    return modules


def analyser(name: str) -> ModuleType:
    """The analyser module producing layer ``name``."""
    for module in analysers():
        if name == module.NAME:
            return module
    raise AnalysisError(f"no analyser produces layer {name!r}; layers are {', '.join(ANALYSER_MODULES)}")


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


@dataclass
class AnalyseReport:
    """What an :func:`analyse_store` run did: ids analysed, and (id, reason) of failures."""

    analysed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def _stale_layers(article_id: str, store: Store) -> list[str]:
    """Names of the layers of this article that are missing or out of date in ``store``."""
    versions = store.annotation_versions(article_id)
    return [module.NAME for module in analysers() if versions.get(module.NAME) != module.VERSION]


def analyse_article(
    article: Article, store: Store | None = None, doc: Any = None, force: bool = False
) -> Analysis:
    """Run every analyser on one article, reusing (and saving) layers in ``store`` if given.

    ``doc`` is the article's spaCy Doc when the caller parsed it already (batch runs);
    ``force`` recomputes (and overwrites) layers that are stored and up to date.
    """
    analysis = Analysis(article, _doc=doc)
    versions = store.annotation_versions(article.id) if store is not None and not force else {}
    for module in analysers():
        stored = None
        if store is not None and versions.get(module.NAME) == module.VERSION:
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
    """Ids of stored articles with at least one layer missing or out of date, in ingest order."""
    pending: set[str] = set()
    for module in analysers():
        pending.update(store.articles_needing(module.NAME, module.VERSION))
    return [article_id for article_id in store.article_ids() if article_id in pending] if pending else []


def _batches(store: Store, ids: Sequence[str], size: int) -> Iterator[list[Article]]:
    for first in range(0, len(ids), size):
        yield list(store.iter_articles(ids[first : first + size]))


def analyse_store(
    store: Store,
    article_ids: Sequence[str] | None = None,
    progress: Callable[[Article], None] | None = None,
    on_error: str = "record",
    force: bool = False,
    batch_size: int = BATCH_SIZE,
) -> AnalyseReport:
    """Analyse every stored article that needs it (incremental), parsing in batches.

    ``article_ids`` limits the run (default: :func:`pending_articles`); ``force`` recomputes
    every layer of those articles (default: all articles) even when stored and up to date.
    ``on_error``: "raise" stops at the first failure, "skip" logs it and goes on, "record"
    also writes it to the store's failure log.  ``progress`` is called once per article.
    """
    from newsbrief.analyse.nlp import parse_many

    if on_error not in ON_ERROR_CHOICES:
        raise ConfigError(f"on_error={on_error!r} is not valid; choose one of {', '.join(ON_ERROR_CHOICES)}")
    if article_ids is not None:
        ids = list(article_ids)
    else:
        ids = store.article_ids() if force else pending_articles(store)
    report = AnalyseReport()
    for batch in _batches(store, ids, batch_size):
        todo = [a for a in batch if force or _stale_layers(a.id, store)]
        try:
            docs = dict(zip((a.id for a in todo), parse_many(a.text for a in todo), strict=True))
        except Exception as exc:  # one odd text (too long, say) must not sink its batch:
            log.warning("batch parse failed (%r); parsing these %d articles one by one", exc, len(todo))
            docs = {}  # each Analysis parses lazily, and a failure is that article's own
        for article in batch:
            try:
                analyse_article(article, store, doc=docs.get(article.id), force=force)
                report.analysed.append(article.id)
            except AnalysisError as exc:
                if on_error == "raise":
                    raise
                log.warning("%s", exc)
                report.failed.append((article.id, str(exc)))
                if on_error == "record":
                    store.record_failure(article.origin, str(exc))
            if progress:
                progress(article)
    return report


def load_analysis(store: Store, article_id: str) -> Analysis:
    """The article with this id (or unique prefix of 6+ characters) and all its layers,
    computing and storing the layers that are missing or out of date."""
    return analyse_article(store.get_article(article_id), store)


def load_layer(store: Store, article_id: str, name: str) -> list[Record]:
    """One stored layer of one article (analysing the article first if needed)."""
    module = analyser(name)
    article = store.get_article(article_id)  # also resolves an id prefix
    if store.annotation_versions(article.id).get(name) == module.VERSION:
        records = store.load_annotations(article.id, name, module.RECORD)
        if records is not None:
            return records
    return analyse_article(article, store).layers[name]
