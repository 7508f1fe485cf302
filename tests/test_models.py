from __future__ import annotations

import dataclasses

import pytest

from newsbrief.models import (
    Article,
    Brief,
    BriefArticle,
    BriefSentence,
    Citation,
    Coverage,
    Disagreement,
    DisagreementVersion,
    Quote,
    Removal,
)


def test_article_round_trips_through_dict() -> None:
    article = Article(
        id="abc", content_hash="h", origin="/x.txt", text="Text.", removed=(Removal("scroll to top", "navigation"),)
    )
    data = article.to_dict()
    assert data["removed"] == [{"line": "scroll to top", "reason": "navigation"}]
    assert Article.from_dict(data) == article


def test_nested_records_round_trip() -> None:
    cite = Citation("a1", "Outlet", 0, 5, "Hello")
    brief = Brief(
        story_id="s1",
        headline="H",
        articles=(BriefArticle("a1", "Outlet", "T", "2024-01-10", "/x.txt"),),
        lead=(BriefSentence("Hello", (cite,)),),
        facts=(),
        disagreements=(
            Disagreement("count_mismatch", "states", (DisagreementVersion("47 states", (cite,), "47"),)),
        ),
        quotes=(),
        timeline=(),
        entities=(),
        coverage=Coverage(outlets=("Outlet",), matrix={"Outlet": ("f1",)}),
    )
    again = Brief.from_dict(brief.to_dict())
    assert again == brief
    assert again.disagreements[0].versions[0].citations[0].outlet == "Outlet"


def test_records_are_frozen() -> None:
    quote = Quote("a", 0, 1, "x", "direct")
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.text = "y"  # type: ignore[misc]


def test_published_date_is_the_day_part() -> None:
    article = Article(id="a", content_hash="h", origin="o", text="t", published="2024-01-10T08:00:00+00:00")
    assert article.published_date == "2024-01-10"


def test_from_dict_without_a_newer_field_takes_its_default_and_ignores_unknown_keys() -> None:
    # data stored before a field existed (or by a later version) decodes as it always did
    brief_data = {
        "story_id": "s1", "headline": "H", "articles": [], "lead": [], "facts": [], "disagreements": [],
        "quotes": [], "timeline": [], "entities": [],
        "coverage": {"outlets": ["Outlet"], "matrix": {"Outlet": ["f1"]}, "only_one_outlet": [], "omissions": {}},
        "a_field_of_the_future": 1,
    }
    brief = Brief.from_dict(brief_data)
    assert brief.related == () and brief.developments == () and brief.focus is None
    assert brief.coverage.matrix == {"Outlet": ("f1",)} and brief.coverage.restated == {}
    with pytest.raises(TypeError):
        Citation.from_dict({"article_id": "a1", "outlet": None})  # start and end have no default


def test_decoded_records_are_the_records_built_by_hand() -> None:
    cite = Citation("a1", None, 3, 9, "Hello")
    again = Citation.from_dict(cite.to_dict())
    assert again == cite and hash(again) == hash(cite) and repr(again) == repr(cite)
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.start = 4  # type: ignore[misc]
    sentence = BriefSentence.from_dict({"text": "Hi.", "citations": [cite.to_dict()], "corroborated_by": [], "kind": None})
    assert sentence.citations == (cite,) and isinstance(sentence.citations, tuple)
