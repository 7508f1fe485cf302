"""Honest languages: an article the English models do not fit is stored, not analysed.

No entity, quote, date, number, story join or story link may come from a model that does not
fit the article's language.  On main before this, "Что" was an organisation, and two unrelated
Portuguese posts sharing the boilerplate "Obrigado, Clique aqui ..." were joined into one
story (the English NER read "Obrigado" and "Clique" as shared actors).
"""

from __future__ import annotations

import pytest

from newsbrief import pipeline, render
from newsbrief.analyse import analyse_article
from newsbrief.analyse.nlp import model_fits
from newsbrief.models import Article, Entity
from newsbrief.settings import Settings
from newsbrief.store import Store

RUSSIAN = """Title: Что известно о переговорах в Москве
Date: 2024-03-06

Что известно о переговорах? Президент России Владимир Путин заявил в среду, что Москва готова к \
переговорам с Киевом. «Мы никогда не отказывались от диалога», — сказал Путин журналистам в Кремле. \
По словам министра иностранных дел Сергея Лаврова, встреча может состояться в апреле. Более 200 \
человек собрались у здания министерства.
"""
PORTUGUESE = [
    """Title: Governo anuncia plano de investimento em São Paulo
Date: 2024-03-06

Obrigado, Clique aqui para assinar a nossa newsletter. O governo de São Paulo anunciou nesta \
quarta-feira um novo plano de investimento em infraestrutura, com obras em estradas e ferrovias do \
interior do estado. Segundo o governador Tarcísio de Freitas, o plano prevê 12 bilhões de reais até \
2026. Obrigado, Clique aqui para ler mais notícias.
""",
    """Title: Seleção brasileira vence a Argentina no Maracanã
Date: 2024-03-07

Obrigado, Clique aqui para assinar a nossa newsletter. A seleção brasileira venceu a Argentina por \
dois a zero na noite desta quinta-feira no estádio do Maracanã, no Rio de Janeiro. Os gols foram \
marcados por Vinícius Júnior e Rodrygo no segundo tempo. Obrigado, Clique aqui para ler mais notícias.
""",
]


def _article(language: str | None) -> Article:
    return Article(id="x", content_hash="x", origin="x.txt", text="Что известно? Путин заявил.", language=language)


@pytest.mark.parametrize(
    ("language", "fits"), [("en", True), ("en-GB", True), (None, True), ("ru", False), ("pt", False), ("pt-BR", False)]
)
def test_the_models_fit_english_and_unknown_languages_only(language: str | None, fits: bool) -> None:
    assert model_fits(_article(language)) is fits


def test_an_article_in_another_language_gets_empty_layers_without_parsing() -> None:
    analysis = analyse_article(_article("ru"))
    assert analysis.computed == {"sentences", "entities", "quotes", "times", "quantities"}
    assert not any(analysis.layers.values())
    assert analysis._doc is None  # never parsed by the English model


@pytest.fixture(scope="module")
def languages_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("languages")
    (folder / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    for n, text in enumerate(PORTUGUESE, start=1):
        (folder / f"pt{n}.txt").write_text(text, encoding="utf-8")
    store = Store(folder / "languages.db")
    settings = Settings()
    pipeline.ingest([str(folder / name) for name in ("ru.txt", "pt1.txt", "pt2.txt")], store, settings)
    pipeline.update(store, settings)
    return store


@pytest.mark.slow
def test_russian_and_portuguese_are_stored_and_marked_not_analysed(languages_store: Store) -> None:
    articles = {a.language: a for a in languages_store.iter_articles()}
    assert set(articles) == {"ru", "pt"}
    for article in languages_store.iter_articles():
        analysis = pipeline.load_analysis(languages_store, article.id)
        assert not analysis.entities and not analysis.quotes and not analysis.times and not analysis.quantities
        assert pipeline.load_layer(languages_store, article.id, "entities") == []


@pytest.mark.slow
def test_layers_an_older_version_stored_with_the_english_model_are_not_used(languages_store: Store) -> None:
    russian = next(a for a in languages_store.iter_articles() if a.language == "ru")
    from newsbrief.analyse import entities

    wrong = Entity(russian.id, 0, 3, "Что", "PERSON")
    languages_store.save_annotations(russian.id, "entities", entities.VERSION, [wrong])
    assert not pipeline.load_analysis(languages_store, russian.id).entities
    assert pipeline.load_layer(languages_store, russian.id, "entities") == []


@pytest.mark.slow
def test_portuguese_posts_sharing_boilerplate_are_neither_joined_nor_linked(languages_store: Store) -> None:
    listing = pipeline.story_listing(languages_store)
    assert len(listing) == 3 and all(len(item.articles) == 1 for item in listing)
    assert not any(item.story.related for item in listing)


@pytest.mark.slow
def test_a_brief_of_an_unanalysed_story_says_so_and_lists_its_source(languages_store: Store) -> None:
    briefs = pipeline.brief([], languages_store)
    assert {b.headline for b in briefs} == {
        "Что известно о переговорах в Москве",
        "Governo anuncia plano de investimento em São Paulo",
        "Seleção brasileira vence a Argentina no Maracanã",
    }
    assert all(not b.entities and not b.quotes and not b.facts and not b.disagreements for b in briefs)
    markdown = render.to_markdown(briefs)
    assert markdown.count(render.NO_LEAD) == 3
    assert "Obrigado" not in markdown.replace("Obrigado, Clique", "")  # no entity, no "who and what"
    sources = markdown.split("## Sources")[1]
    assert "1. **" in sources  # the uncited article is still listed
