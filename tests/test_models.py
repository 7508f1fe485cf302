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
