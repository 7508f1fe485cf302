"""What a cold brief runs through the sentence model (issue 9): only the texts that need it.

Fact grouping embeds a claim respelled (each entity written one way in the story) only when
another article's version is close to it as written and names that entity otherwise; every
other claim keeps its stored sentence vector.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from newsbrief import embed
from newsbrief.analyse import Analysis
from newsbrief.facts import extract_claims
from newsbrief.match import claim_texts
from newsbrief.models import Article, Entity, Sentence
from newsbrief.resolve import resolve_entities

CLOSE_A = "Robert Wood said the vote on the resolution was unacceptable for a permanent council member."
CLOSE_B = "Wood said the vote on the resolution was unacceptable for a permanent member of the council."
FAR_B = "Wood later flew home to spend the long holiday weekend with his three grandchildren."
OTHER_C = "Robert Wood told reporters the council would meet again on the resolution next week."


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, content_hash=f"h-{article_id}", origin=f"{article_id}.txt", text=text,
                   outlet=f"outlet-{article_id}", published="2024-01-10")


def _analysis(article: Article, names: list[str]) -> Analysis:
    text = article.text
    sentences = [Sentence(article.id, n, m.start(), m.end(), m.group())
                 for n, m in enumerate(re.finditer(r"[^\s][^.!?]*[.!?]", text))]
    entities = []
    for sentence in sentences:
        for name in names:
            at = text.find(name, sentence.start, sentence.end)
            if at >= 0 and not any(e.start <= at < e.end for e in entities):
                entities.append(Entity(article.id, at, at + len(name), name, "PERSON", None))
    return Analysis.of(article, {"sentences": sentences, "entities": entities, "quotes": [], "times": [],
                                 "quantities": []})


@pytest.fixture
def story() -> Iterator[tuple[list[Article], list[Analysis]]]:
    articles = [_article("a", CLOSE_A), _article("b", f"{CLOSE_B} {FAR_B}"), _article("c", OTHER_C)]
    analyses = [_analysis(articles[0], ["Robert Wood"]), _analysis(articles[1], ["Wood"]),
                _analysis(articles[2], ["Robert Wood"])]
    embed.clear_cache()
    yield articles, analyses
    embed.clear_cache()


def _texts(articles: list[Article], analyses: list[Analysis]) -> dict[str, str]:
    resolution = resolve_entities(articles, analyses)
    claims = extract_claims(articles, analyses, resolution.mentions)
    return {c.text: t for c, t in zip(claims, claim_texts(articles, resolution, claims), strict=True)}


@pytest.mark.slow  # loads the sentence model
def test_only_a_claim_close_to_a_version_naming_the_entity_otherwise_is_respelled(story) -> None:
    articles, analyses = story
    embed.embed([CLOSE_A, CLOSE_B, FAR_B, OTHER_C])  # the stored sentence vectors, as after analysis
    texts = _texts(articles, analyses)
    assert float(embed.embed([CLOSE_B])[0] @ embed.embed([CLOSE_A])[0]) >= 0.5
    assert max(float(embed.embed([FAR_B])[0] @ embed.embed([t])[0]) for t in (CLOSE_A, OTHER_C)) < 0.5
    assert texts[CLOSE_B] == CLOSE_B.replace("Wood", "Robert Wood", 1)  # read like article a's version
    assert texts[FAR_B] == FAR_B  # no version near it: its stored vector serves
    assert texts[CLOSE_A] == CLOSE_A and texts[OTHER_C] == OTHER_C  # written the most-written way


@pytest.mark.slow
def test_without_stored_vectors_every_claim_is_respelled(story) -> None:
    articles, analyses = story
    texts = _texts(articles, analyses)  # nothing stored or in memory: nothing to compare, so respell
    assert texts[FAR_B] == FAR_B.replace("Wood", "Robert Wood", 1)
    assert texts[CLOSE_B] == CLOSE_B.replace("Wood", "Robert Wood", 1)


def test_a_form_the_model_reads_as_the_spelling_is_not_respelled() -> None:
    from newsbrief.match import reads_alike

    for form, spelling in [("Eta", "ETA"), ("Israeli", "Israel"), ("Spanish", "Spain"), ("Turkish", "Turkey")]:
        assert reads_alike(form, spelling) and reads_alike(spelling, form)
    for form, spelling in [("Burma", "Myanmar"), ("Wood", "Robert Wood"), ("Ankara", "Turkey"), ("EU", "European Union")]:
        assert not reads_alike(form, spelling)


def test_claims_cut_otherwise_than_sentences_get_a_stored_vector_too() -> None:
    """A claim cut otherwise than its sentence is a text of its own: its vector is stored with
    the sentences'.  A wire dateline, which the lead and fact grouping both cut ("NICOSIA, August
    13 (Xinhua) -- "), gives one text, stored once."""
    from newsbrief.pipeline.store_analysis import sentence_texts

    text = ("NICOSIA, August 13 (Xinhua) -- Cyprus President Glafcos Clerides has received personal thanks "
            "from Israeli President Ezer Weizman for freeing two Israelis jailed in Cyprus.")
    article = _article("x", text)
    analysis = _analysis(article, [])
    texts = sentence_texts(article, analysis.sentences, analysis.entities)
    assert texts == [text[text.index("Cyprus President"):]]  # as the lead and fact grouping both cut it
    assert sentence_texts(article, analysis.sentences) == texts  # no place names needed for this dateline


@pytest.mark.slow
def test_a_person_named_in_full_reads_as_written_and_a_bare_surname_takes_the_full_name() -> None:
    # ECB+ 1ecb: most claims say "Reid"; respelled as most claims do, one of the two versions saying
    # "Tara Reid" (close to a "Reid" claim) read "Reid" and the other not, and the two versions of the
    # check-in date ("on Tuesday" / "on Friday") were no longer compared
    full_a = "Tara Reid has finally entered Malibu Promises Treatment Center on Tuesday, her representative said."
    full_b = "Tara Reid checked into Promises Treatment Center on Friday for an unspecified problem."
    bare = ["Reid checked into Promises Treatment Center in Malibu this week.", "Reid was last seen at a party in Malibu.",
            "Reid has been open about her party girl image."]
    articles = [_article(k, text) for k, text in zip("abcde", [full_a, full_b, *bare], strict=True)]
    analyses = [_analysis(a, ["Tara Reid", "Reid"]) for a in articles]
    embed.clear_cache()
    embed.embed([full_a, full_b, *bare])  # the stored sentence vectors, as after analysis
    texts = _texts(articles, analyses)
    embed.clear_cache()
    assert texts[full_a] == full_a and texts[full_b] == full_b
    assert texts[bare[0]] == bare[0].replace("Reid", "Tara Reid")  # close to the full versions
