"""One copy relation for every count of independent outlets (a story's header, its key facts)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from newsbrief.copies import copy_origins, independent_outlets
from newsbrief.facts import independent_sources, story_origins
from newsbrief.models import Article, BriefArticle
from newsbrief.store import Store


def _article(aid: str, outlet: str, published: str, duplicate_of: str | None = None) -> Article:
    return Article(aid, aid, f"{aid}.html", "x", outlet=outlet, published=published, duplicate_of=duplicate_of)


def test_opposite_links_make_one_group_whose_original_is_the_earliest() -> None:
    # ECB+ 24ecbplus: dedup marked site 6 a near-duplicate of site 11 (ingested first), the
    # sentence check found site 11 and five more sites copying site 6 (published first).
    articles = {
        "s11": _article("s11", "site-11", "2013-09-09T12:00"),
        "s6": _article("s6", "site-6", "2013-09-09T09:00", duplicate_of="s11"),
        "s3": _article("s3", "site-3", "2013-09-09T10:00"),
        "s9": _article("s9", "site-9", "2013-09-09T11:00", duplicate_of="s3"),
        "s4": _article("s4", "site-4", "2013-09-09T08:00"),
    }
    copies = {"s11": "s6", "s9": "s3"}
    assert story_origins(articles, copies) == {"s11": "s6", "s9": "s3"}
    assert independent_sources(list(articles), articles, copies) == 3
    # following links one by one, s6 and s11 counted as two outlets when both were present
    assert independent_sources(["s6", "s11"], articles, copies) == 1
    # no subset of the story's articles counts more outlets than the story
    for size in range(1, len(articles) + 1):
        for subset in combinations(articles, size):
            assert independent_sources(subset, articles, copies) <= independent_sources(list(articles), articles, copies)


def test_copies_of_an_article_outside_the_story_stay_its_copies() -> None:
    listed = [BriefArticle(aid, outlet, None, None, f"{aid}.html", None, dup)
              for aid, outlet, dup in (("y", "Yahoo", "r"), ("m", "MSN", "r"), ("b", "BBC", None))]
    assert copy_origins(listed) == {"y": "r", "m": "r"}  # ten reprints of an absent wire story: one source
    assert independent_outlets(listed) == 2


def test_a_brief_listing_counts_as_the_facts_of_its_articles_do() -> None:
    # The brief lists each copy with its group's original: counting the listing gives the same figure.
    articles = {
        "a": _article("a", "AP", "2024-01-01"),
        "b": _article("b", "Daily", "2024-01-02", duplicate_of="c"),
        "c": _article("c", "Herald", "2024-01-03"),
        "d": _article("d", "Reuters", "2024-01-01"),
    }
    copies = {"c": "a"}
    origins = story_origins(articles, copies)
    assert origins == {"b": "a", "c": "a"}
    listed = [BriefArticle(a.id, a.outlet, None, a.published, a.origin, None, origins.get(a.id)) for a in articles.values()]
    assert independent_outlets(listed) == independent_sources(list(articles), articles, copies) == 2


WIRE = [
    "Firefighters battled a blaze at the Harbor Street warehouse for six hours on Tuesday.",
    "The fire started in a storage room shortly after midnight, officials said.",
    "Three workers were treated for smoke inhalation at Mercy Hospital.",
    "Investigators have not yet determined the cause of the fire.",
]
OWN = [
    "The warehouse stored paper goods for local grocery chains and restaurants across the county.",
    "Neighbors described thick black smoke that hung over the waterfront district until dawn.",
    "The owner of the building told reporters he planned to rebuild as quickly as possible.",
    "City council members called for a review of fire codes in older industrial buildings nearby.",
    "Traffic on the harbor bridge was diverted for most of the morning while crews worked.",
    "A local charity offered meals to the firefighters who stayed on the scene through the night.",
    "Insurance adjusters are expected to visit the site later this week to assess the damage.",
    "The last major fire in the district destroyed a shipping office nearly twenty years ago.",
]

QUAKE = [
    ["A magnitude 5.8 earthquake shook the coastal town of Lindmoor early on Sunday morning.",
     "Residents reported cracked walls and broken windows in the old harbor quarter.",
     "No deaths were reported, the regional emergency office said in a statement.",
     "The quake was followed by several smaller aftershocks during the day."],
    ["Lindmoor was rattled by a strong earthquake on Sunday that damaged dozens of homes.",
     "The regional emergency office said nobody was killed in the quake.",
     "Engineers inspected the harbor bridge and the town hall for structural damage.",
     "Schools in Lindmoor will stay closed on Monday while buildings are checked."],
]


def _stored(store: Store, aid: str, outlet: str, published: str, sentences: list[str],
            title: str = "Warehouse fire on Harbor Street") -> None:
    from newsbrief import pipeline
    from newsbrief.analyse import LAYER_NAMES, Analysis
    from newsbrief.models import Sentence

    text, layer, at = "", [], 0
    for n, sentence in enumerate(sentences):
        layer.append(Sentence(aid, n, at, at + len(sentence), sentence))
        text += sentence + " "
        at = len(text)
    article = Article(id=aid, content_hash=aid, origin=f"{aid}.html", text=text.strip(), title=title,
                      outlet=outlet, published=published)
    layers: dict[str, list] = {name: [] for name in LAYER_NAMES}
    layers["sentences"] = layer
    store.add_article(article)
    pipeline.save_analysis(store, Analysis.of(article, layers), LAYER_NAMES)


def test_story_lists_count_a_wire_copy_once_as_the_brief_does(tmp_path: Path) -> None:
    """A site reprinting a wire story with paragraphs of its own is no near-duplicate at ingest, but
    the brief finds the copy in the text: the story's header counts one outlet, and so do the
    story lists (`newsbrief stories`, the web app's list), which rank it after an older story of
    two outlets (ingest duplicates alone counted it two, and ranked it first, as the newer)."""
    from newsbrief import pipeline, render

    with Store(tmp_path / "news.db") as store:
        _stored(store, "wire0000000000aa", "AP", "2024-03-05T08:00", WIRE)
        _stored(store, "site0000000000bb", "Daily Herald", "2024-03-05T11:00", WIRE + OWN)
        _stored(store, "quakea0000000000", "Reuters", "2024-03-03T08:00", QUAKE[0], "Earthquake damages homes in Lindmoor")
        _stored(store, "quakeb0000000000", "Coast Times", "2024-03-03T09:00", QUAKE[1], "Earthquake damages homes in Lindmoor")
        pipeline.update(store)
        listing = pipeline.story_listing(store)
        fire = next(item for item in listing if "wire0000000000aa" in item.story.article_ids)
        brief = pipeline.brief_stories(store, [fire.story]).briefs[0]
        rows = store.story_summaries(order="coverage")
    assert render.story_summary_line(brief).startswith("2 articles, 1 independent outlet")
    assert [independent_outlets(item.articles) for item in listing] == [row.independent for row in rows] == [2, 1]
    assert listing[-1] == fire and rows[-1].id == fire.story.id
    assert {a.id: a.duplicate_of for a in fire.articles} == {a.id: a.duplicate_of for a in brief.articles}
    assert {a.id: a.duplicate_of for a in fire.articles}["site0000000000bb"] == "wire0000000000aa"
