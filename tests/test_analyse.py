"""The analysis runner: layers stored in SQLite, incremental runs, version bumps, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import newsbrief.analyse as analyse
from newsbrief import pipeline
from newsbrief.analyse import entities, sentences
from newsbrief.errors import AnalysisError, ConfigError, StoreError
from newsbrief.models import Article, Entity, Sentence
from newsbrief.store import Store

pytestmark = pytest.mark.slow

TEXTS = [
    "Vasily Nebenzya, Russia’s ambassador to the UN, denied the claims. Mr Wood disagreed.",
    "The U.S. envoy Robert Wood spoke on Jan. 2 in New York.\nJOIN US ON TELEGRAM",
    "Hwang Joon-kook told the Council that missiles struck Kharkiv.",
]


@pytest.fixture
def only_sentences_and_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run just this module's two layers (the others have their own tests)."""
    monkeypatch.setattr(analyse, "ANALYSERS", (sentences, entities))


@pytest.fixture
def store(db_path: Path, only_sentences_and_entities: None) -> Any:
    with Store(db_path) as s:
        for i, text in enumerate(TEXTS):
            s.add_article(Article(id=f"article{i:02d}xxxx", content_hash=f"h{i}", origin=f"t{i}.txt", text=text))
        yield s


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count how often each analyser really runs (the real functions still do the work)."""
    counts = {"sentences": 0, "entities": 0}
    for module in (sentences, entities):
        real = module.analyse

        def counting(analysis: analyse.Analysis, _real: Any = real, _name: str = module.NAME) -> list[Any]:
            counts[_name] += 1
            return _real(analysis)

        monkeypatch.setattr(module, "analyse", counting)
    return counts


def test_store_round_trip_is_incremental(store: Store, calls: dict[str, int]) -> None:
    assert len(pipeline.pending_articles(store)) == 3
    report = pipeline.analyse_store(store)
    assert report.ok and len(report.analysed) == 3
    assert calls == {"sentences": 3, "entities": 3}
    assert pipeline.pending_articles(store) == []
    again = pipeline.analyse_store(store)
    assert again.analysed == [] and calls == {"sentences": 3, "entities": 3}
    stored = store.load_annotations("article00xxxx", "entities", Entity)
    assert stored is not None and any(e.text == "Vasily Nebenzya" and e.label == "PERSON" for e in stored)
    sents = store.load_annotations("article01xxxx", "sentences", Sentence)
    assert sents is not None and [s.text for s in sents][-1] == "JOIN US ON TELEGRAM"


def test_bumping_a_version_reruns_only_that_layer(
    store: Store, calls: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.analyse_store(store)
    monkeypatch.setattr(entities, "VERSION", entities.VERSION + "-bumped")
    assert pipeline.pending_articles(store) == ["article00xxxx", "article01xxxx", "article02xxxx"]
    report = pipeline.analyse_store(store)
    assert len(report.analysed) == 3
    assert calls == {"sentences": 3, "entities": 6}
    assert store.annotation_versions("article02xxxx")["entities"].endswith("-bumped")


def test_force_recomputes_everything(store: Store, calls: dict[str, int]) -> None:
    pipeline.analyse_store(store)
    report = pipeline.analyse_store(store, force=True)
    assert len(report.analysed) == 3 and calls == {"sentences": 6, "entities": 6}


def test_analyse_article_without_store_and_with_a_given_doc(only_sentences_and_entities: None) -> None:
    from newsbrief.analyse.nlp import parse

    article = Article(id="x1", content_hash="h", origin="t", text="Mr. Wood said so. He left.")
    doc = parse(article.text)
    analysis = analyse.analyse_article(article, doc=doc)
    assert analysis.doc is doc
    assert [s.text for s in analysis.layer("sentences")] == ["Mr. Wood said so.", "He left."]
    assert [(e.text, e.label) for e in analysis.layer("entities")] == [("Wood", "PERSON")]
    with pytest.raises(AnalysisError, match="layer 'quotes' is needed"):
        analysis.layer("quotes")


def test_load_layer_and_load_analysis_accept_an_id_prefix(store: Store) -> None:
    layer = pipeline.load_layer(store, "article02", "entities")  # computes on demand
    assert any(e.text == "Hwang Joon-kook" and e.label == "PERSON" for e in layer)
    analysis = pipeline.load_analysis(store, "article02")
    assert set(analysis.layers) == {"sentences", "entities"}
    with pytest.raises(StoreError, match="no article"):
        pipeline.load_analysis(store, "nosucharticle")
    with pytest.raises(AnalysisError, match="no analyser produces layer 'nope'"):
        pipeline.load_layer(store, "article02", "nope")


def test_analysers_are_a_fixed_ordered_tuple_with_one_contract() -> None:
    assert tuple(m.NAME for m in analyse.ANALYSERS) == analyse.LAYER_NAMES
    for module in analyse.ANALYSERS:
        assert {"NAME", "VERSION", "REQUIRES", "RECORD", "analyse"} <= set(vars(module))
        assert module.RECORD is analyse.LAYER_TYPES[module.NAME]
        position = analyse.LAYER_NAMES.index(module.NAME)
        assert all(analyse.LAYER_NAMES.index(r) < position for r in module.REQUIRES)


def test_an_analyser_whose_input_layer_is_missing_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbrief.analyse import quotes

    monkeypatch.setattr(analyse, "ANALYSERS", (sentences, quotes))
    article = Article(id="x2", content_hash="h", origin="t", text="He said so.")
    with pytest.raises(AnalysisError, match=r"analyser quotes requires \['entities'\]"):
        analyse.analyse_article(article)


def test_an_analysis_is_a_typed_record_that_round_trips(only_sentences_and_entities: None) -> None:
    import pickle

    article = Article(id="x3", content_hash="h", origin="t", text="Mr. Wood said so. He left.")
    analysis = analyse.analyse_article(article)
    assert [s.text for s in analysis.sentences] == ["Mr. Wood said so.", "He left."]
    assert analysis.quotes == [] and analysis.computed == {"sentences", "entities"}
    assert analysis.doc is not None  # kept for the analysers of this process ...
    shipped = pickle.loads(pickle.dumps(analysis))
    assert shipped._doc is None and shipped == analysis  # ... never sent to another one
    assert analyse.Analysis.from_dict(analysis.to_dict()) == analysis


def test_a_failing_article_is_recorded_and_the_rest_go_on(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = entities.analyse

    def fragile(analysis: analyse.Analysis) -> list[Entity]:
        if "Kharkiv" in analysis.article.text:
            raise ValueError("cannot cope")
        return real(analysis)

    monkeypatch.setattr(entities, "analyse", fragile)
    report = pipeline.analyse_store(store)
    assert len(report.analysed) == 2 and [f[0] for f in report.failed] == ["article02xxxx"]
    assert "entities failed" in report.failed[0][1] and "cannot cope" in report.failed[0][1]
    assert store.failures()[0][0] == "t2.txt"
    with pytest.raises(AnalysisError, match="article02xxxx"):
        pipeline.analyse_store(store, on_error="raise")
    with pytest.raises(ConfigError, match="on_error"):
        pipeline.analyse_store(store, on_error="ignore")


def test_a_text_longer_than_spacy_takes_is_analysed_in_pieces(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbrief.analyse.nlp import nlp

    long_text = "Word " * 300
    store.add_article(Article(id="article03xxxx", content_hash="h3", origin="t3.txt", text=long_text))
    monkeypatch.setattr(nlp(), "max_length", 1000)  # spaCy refuses texts longer than this
    report = pipeline.analyse_store(store, batch_size=10)
    assert len(report.analysed) == 4 and report.ok
    sentences = pipeline.load_layer(store, "article03xxxx", "sentences")
    assert sentences and all(long_text[s.start : s.end] == s.text for s in sentences)  # type: ignore[attr-defined]
