"""One display label per article (models.source_label), the same in the brief JSON, Markdown
and HTML: outlet, else site, else file name; stdin keeps a label of its own."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from newsbrief import pipeline, render
from newsbrief.extract import outlet_from
from newsbrief.models import Article, Story, source_label
from newsbrief.settings import Settings
from newsbrief.store import Store


def test_source_label_rule() -> None:
    assert source_label("  UN News ", "https://news.un.org/a", "/x/a.html") == "UN News"
    assert source_label(None, "https://www.example-news.org/2024/a", "/x/a.jsonl:1") == "example-news.org"
    assert source_label(None, None, "https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert source_label(None, None, "/data/harbour-report.txt.gz") == "harbour-report"
    assert source_label(None, None, "<stdin>") == "stdin"
    assert source_label(None, None, "<stdin>:3") == "stdin:3"  # each JSON line its own source
    # With the article id (what every caller passes): each text piped in is its own source.
    assert source_label(None, None, "<stdin>", "3f2a9c0b11d2e4f5") == "stdin 3f2a9c"
    assert source_label(None, None, "<stdin>:3", "77aa01") == "stdin 77aa01"
    assert source_label(None, None, "/x/a.txt", "3f2a9c0b11d2e4f5") == "a"
    # The stored outlet follows the same rule (stdin stores none: its label is derived).
    assert outlet_from(None, "https://www.example-news.org/a", "/x/a.json") == "example-news.org"
    assert outlet_from(None, None, "<stdin>") is None


FILE_TEXT = """Harbour workers in Eastport walked out on Monday over a pay dispute with the port authority.

The strike halted loading at all four container terminals, the port authority said in a statement.

Union leader Maria Costa said the workers would stay out until the authority raised its offer of a 3 percent increase.
"""
URL_TEXT = """Container traffic at Eastport stopped on Monday as harbour workers began a strike over pay.

All four container terminals stopped loading ships, according to the port authority.

Maria Costa, who leads the dockers' union, told reporters the strike would go on until the 3 percent pay offer was improved.
"""
STDIN_TEXT = """The port of Eastport was at a standstill on Monday after its harbour workers went on strike.

Loading was halted at the four container terminals, the authority confirmed in its statement on Monday.

The union's leader, Maria Costa, said the walkout over the authority's 3 percent offer had no end date.
"""


@pytest.mark.slow
def test_file_url_and_stdin_articles_are_labelled_alike_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "harbour-report.txt").write_text(FILE_TEXT, encoding="utf-8")
    record = {"url": "https://www.example-news.org/2024/eastport-strike", "title": "Eastport dockers strike",
              "text": URL_TEXT}
    (tmp_path / "wire.json").write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STDIN_TEXT.encode())))
    with Store(tmp_path / "labels.db") as store:
        pipeline.ingest([str(tmp_path / "harbour-report.txt"), str(tmp_path / "wire.json"), "-"], store, Settings())
        articles = list(store.iter_articles())
        piped = next(a for a in articles if a.origin == "<stdin>")
        expected = {"harbour-report", "example-news.org", f"stdin {piped.id[:6]}"}
        assert {a.label for a in articles} == expected
        story = Story(id="eastport", title="Eastport strike", article_ids=tuple(a.id for a in articles))
        brief = pipeline.brief_story(store, story)
        html = pipeline.render_html(store, [brief])
    data = json.loads(render.to_json([brief]))["stories"][0]
    assert {a["outlet"] for a in data["articles"]} == expected
    assert set(data["coverage"]["outlets"]) == expected
    cited = {c["outlet"] for c in _citations(data)}
    assert cited and cited <= expected  # never null, never an article id
    markdown = render.to_markdown([brief])
    for label in expected:
        assert f"**{label}**" in markdown
    assert "unknown outlet" not in markdown and "unknown outlet" not in html
    assert "3 independent outlets" in markdown


def _citations(value: object) -> list[dict[str, object]]:
    found = []
    if isinstance(value, dict):
        if "article_id" in value and "outlet" in value and "start" in value:
            found.append(value)
        for v in value.values():
            found += _citations(v)
    elif isinstance(value, list):
        for v in value:
            found += _citations(v)
    return found


def test_story_lists_count_and_filter_outlets_by_their_display_label(tmp_path: Path) -> None:
    """The web's story lists and outlet filter use the same label as the brief: a stdin article
    is "stdin" and the start of its id, a file without an outlet is its file name, "Reuters, Inc." keeps its comma."""
    from newsbrief.store import StoryMember, StoryRow

    articles = [
        Article(id="a1", content_hash="h1", origin="<stdin>", text="One."),
        Article(id="a2", content_hash="h2", origin="/data/harbour-report.txt", text="Two."),
        Article(id="a3", content_hash="h3", origin="/data/r.json", text="Three.", outlet="Reuters, Inc."),
        Article(id="a4", content_hash="h4", origin="https://www.example-news.org/a", text="Four."),
    ]
    expected = ("Reuters, Inc.", "example-news.org", "harbour-report", "stdin a1")
    with Store(tmp_path / "labels.db") as store:
        for article in articles:
            store.add_article(article)
        store.save_stories(
            [StoryRow("s1", 1, "Eastport strike", None, None, 4, "{}", b"")],
            [StoryMember(a.id, "s1", 1.0, False, i) for i, a in enumerate(articles)], [], [], {},
        )
        [row] = store.story_summaries()
        assert row.outlets == expected
        assert row.independent == 4
        assert sorted(name for name, _ in store.outlets()) == sorted(expected)
        assert [r.id for r in store.story_summaries(outlet="stdin a1")] == ["s1"]
        assert [r.id for r in store.story_summaries(outlet="harbour-report")] == ["s1"]
        assert store.story_summaries(outlet="nobody") == []


def test_texts_piped_in_on_separate_runs_are_separate_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cat a.txt | newsbrief ingest -` then `cat b.txt | newsbrief ingest -`: two outlets, not one
    "stdin"; piping a text again keeps its label."""
    labels = []
    with Store(tmp_path / "stdin.db") as store:
        for text in (STDIN_TEXT, FILE_TEXT, STDIN_TEXT):
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
            pipeline.ingest(["-"], store, Settings())
            labels.append({a.label for a in store.iter_articles()})
        assert len(labels[0]) == 1 and len(labels[1]) == 2 and labels[2] == labels[1]
        assert all(label.startswith("stdin ") for label in labels[1])
        assert sorted(name for name, _ in store.outlets()) == sorted(labels[1])
