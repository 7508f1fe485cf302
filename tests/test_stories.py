"""Stories: online clustering on real SQLite stores, follow-up links, copies, ageing out, CLI."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from newsbrief import cli, pipeline
from newsbrief.errors import StoreError
from newsbrief.models import Article
from newsbrief.pipeline import consolidate_stories, get_story, list_stories, story_listing, update_stories
from newsbrief.settings import Settings
from newsbrief.store import Store
from newsbrief.stories import (
    ArticleFeatures,
    StoryClusterer,
    StoryListing,
    independent_outlets,
    rank_by_coverage,
)
from newsbrief.storyfeatures import lead_day

NOTO = [
    ("Reuters", "2024-01-01", "Powerful earthquake strikes Japan's Noto peninsula, tsunami warning issued",
     "A magnitude 7.5 earthquake struck the Noto peninsula in Ishikawa prefecture, Japan, on Monday, "
     "collapsing houses in Wajima and Suzu and prompting a major tsunami warning along the Sea of Japan "
     "coast. Prime Minister Fumio Kishida urged residents to evacuate to higher ground. Waves of more than "
     "one metre reached Wajima port. Fires broke out in the old town of Wajima, where dozens of buildings "
     "burned overnight. The Japan Meteorological Agency said aftershocks could continue for a week."),
    ("AP", "2024-01-01", "Quake in central Japan kills several people, destroys homes in Ishikawa",
     "Rescuers searched collapsed homes in Wajima and Suzu on Monday after a 7.5 magnitude earthquake hit "
     "Ishikawa prefecture on Japan's Noto peninsula. Kishida said the government was racing against time "
     "to rescue people trapped under rubble. The Japan Meteorological Agency lifted the major tsunami "
     "warning later, but told coastal residents in Ishikawa to stay away from the sea. A large fire "
     "destroyed part of Wajima's morning market district."),
    ("BBC", "2024-01-02", "Japan earthquake: rescuers race to find survivors in Ishikawa",
     "Japanese rescue teams are searching for survivors after the magnitude 7.5 earthquake that struck "
     "the Noto peninsula in Ishikawa on New Year's Day. Prime Minister Fumio Kishida said more than 30 "
     "people had died in Wajima and Suzu. Roads to the northern tip of the Noto peninsula were cut by "
     "landslides, and the Japan Meteorological Agency warned of strong aftershocks in Ishikawa."),
]
HUALIEN = ("Reuters", "2024-04-03", "Powerful earthquake strikes Taiwan's Hualien, tsunami warning issued",
           "A magnitude 7.4 earthquake struck Hualien county on Taiwan's east coast on Wednesday, collapsing "
           "buildings in Hualien city and prompting a tsunami warning for Okinawa in southern Japan. Rescuers "
           "searched collapsed buildings and rockslides trapped people in Taroko Gorge. President Tsai Ing-wen "
           "urged residents to stay safe. Taiwan's Central Weather Administration said aftershocks could "
           "continue for days.")


def _article(outlet: str, published: str | None, title: str, text: str, duplicate_of: str | None = None) -> Article:
    digest = hashlib.sha1(f"{outlet}{title}{text}".encode()).hexdigest()
    return Article(id=digest[:16], content_hash=digest, origin=f"{outlet.lower()}.example/{digest[:6]}", text=text,
                   title=title, outlet=outlet, published=published, duplicate_of=duplicate_of,
                   duplicate_kind="near" if duplicate_of else None, word_count=len(text.split()))


def _store(db_path: Path, articles: list[Article]) -> Store:
    store = Store(db_path)
    for article in articles:
        store.add_article(article)
    return store


def _story_of(store: Store, article_id: str) -> str:
    [story] = [s for s in list_stories(store) if article_id in s.article_ids]
    return story.id


# -- with the models (embedding + spaCy NER) ---------------------------------------------


@pytest.mark.slow
def test_one_event_from_three_outlets_is_one_story(db_path: Path) -> None:
    articles = [_article(*row) for row in NOTO]
    with _store(db_path, articles) as store:
        update = update_stories(store)
        stories = list_stories(store)
    assert update.assigned == 3
    assert len(stories) == 1
    assert set(stories[0].article_ids) == {a.id for a in articles}
    assert stories[0].outlets == ("AP", "BBC", "Reuters")
    assert (stories[0].first_date, stories[0].last_date) == ("2024-01-01", "2024-01-02")
    assert stories[0].title in {a.title for a in articles}


@pytest.mark.slow
def test_two_earthquakes_are_two_stories_the_later_linked(db_path: Path) -> None:
    noto = [_article(*row) for row in NOTO]
    hualien = _article(*HUALIEN)
    with _store(db_path, [*noto, hualien]) as store:
        update_stories(store)
        stories = {s.id: s for s in list_stories(store)}
        later = get_story(store, _story_of(store, hualien.id))
        earlier = get_story(store, _story_of(store, noto[0].id))
    assert len(stories) == 2
    assert later.article_ids == (hualien.id,)
    [link] = later.related
    assert link.story_id == earlier.id and link.relation == "follow_up"
    assert "3 months later" in link.reason
    assert any(x.story_id == later.id for x in earlier.related)
    assert list(stories)[0] == later.id  # newest first


@pytest.mark.slow
def test_a_syndicated_copy_joins_its_originals_story_marked(db_path: Path) -> None:
    original = _article(*NOTO[0])
    copy = _article("Yahoo News", "2024-01-03", NOTO[0][2], NOTO[0][3] + " Copyright Reuters.", duplicate_of=original.id)
    with _store(db_path, [original, copy, _article(*HUALIEN)]) as store:
        update = update_stories(store)
        story = get_story(store, _story_of(store, original.id))
        [listing] = [item for item in story_listing(store) if item.story.id == story.id]
    assert update.duplicates == 1
    assert story.article_ids == (original.id, copy.id)  # originals first, copies after
    assert story.last_date == "2024-01-03"
    marked = {a.id: a.duplicate_of for a in listing.articles}
    assert marked == {original.id: None, copy.id: original.id}


@pytest.mark.slow
def test_adding_articles_later_does_not_recluster_old_ones(db_path: Path) -> None:
    noto = [_article(*row) for row in NOTO]
    with _store(db_path, noto[:2]) as store:
        first = update_stories(store)
        before = list_stories(store)
        store.add_article(noto[2])
        store.add_article(_article(*HUALIEN))
        second = update_stories(store)
        after = {s.id: s for s in list_stories(store)}
        again = update_stories(store)
        consolidated = consolidate_stories(store)
        final = {s.id: s.article_ids for s in list_stories(store)}
    assert first.assigned == 2 and second.assigned == 2 and again.assigned == 0
    assert not consolidated.merged and not consolidated.moved
    assert final == {s.id: s.article_ids for s in after.values()}
    [old] = before
    assert old.id in after and after[old.id].article_ids[:2] == old.article_ids
    assert noto[2].id in after[old.id].article_ids
    assert len(after) == 2 and not second.moved and not second.merged


@pytest.mark.slow
def test_a_story_ages_out_and_a_late_article_starts_a_follow_up(db_path: Path) -> None:
    noto = [_article(*row) for row in NOTO]
    late = _article("AP", "2024-02-20", "Noto earthquake survivors still in shelters seven weeks on",
                    "Seven weeks after the magnitude 7.5 earthquake on the Noto peninsula, thousands of people in "
                    "Wajima and Suzu are still living in shelters. Ishikawa prefecture has started building "
                    "temporary housing, and Kishida promised more money for reconstruction.")
    with _store(db_path, noto) as store:
        update_stories(store, Settings(story_window_days=10))
        store.add_article(late)
        update_stories(store, Settings(story_window_days=10))
        stories = list_stories(store)
    assert len(stories) == 2
    newest = stories[0]
    assert newest.article_ids == (late.id,)
    assert newest.related[0].relation == "follow_up"
    assert "Noto" in newest.related[0].reason or "Ishikawa" in newest.related[0].reason


@pytest.mark.slow
def test_seeds_are_two_stories_with_002_a_follow_up(db_path: Path, seeds_dir: Path) -> None:
    with Store(db_path) as store:
        pipeline.ingest([str(seeds_dir)], store)
        pipeline.update(store)
        stories = list_stories(store)
        origin = {a.id: Path(a.origin).name[:3] for a in store.iter_articles()}
    groups = sorted(sorted(origin[i] for i in s.article_ids) for s in stories)
    assert groups == [["000", "001", "003", "004"], ["002"]]
    [later] = [s for s in stories if len(s.article_ids) == 1]
    [earlier] = [s for s in stories if len(s.article_ids) == 4]
    assert [(x.story_id, x.relation) for x in later.related] == [(earlier.id, "follow_up")]
    assert "North Korea" in later.related[0].reason


@pytest.mark.slow
def test_stories_command_json_and_ingest_no_update(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, (outlet, published, title, text) in enumerate(NOTO):
        (folder / f"{n}.json").write_text(json.dumps(
            {"title": title, "text": text, "outlet": outlet, "published": published, "url": f"https://{outlet.lower()}.example/{n}"}
        ))
    assert cli.main(["ingest", str(folder), "--db", str(db_path), "--no-update", "-q"]) == 0
    with Store(db_path) as store:
        assert store.count_articles() == 3 and list_stories(store) == []
    capsys.readouterr()
    assert cli.main(["stories", "--db", str(db_path), "--json"]) == 0  # brings stories up to date first
    [item] = json.loads(capsys.readouterr().out)
    assert len(item["story"]["article_ids"]) == 3
    assert {a["outlet"] for a in item["articles"]} == {"Reuters", "AP", "BBC"}
    assert all(a["url"].startswith("https://") for a in item["articles"])
    assert cli.main(["stories", "--db", str(db_path)]) == 0
    printed = capsys.readouterr().out
    assert "Reuters" in printed and "3 independent outlets, 3 articles" in printed
    assert "1 to 2 January 2024" in printed  # the story's dates as a reader writes them


# -- without the models: the clusterer on hand-made features ----------------------------


def _features(article_id: str, vector: list[float], entities: dict[str, float], day: str | None,
              terms: dict[int, float] | None = None) -> ArticleFeatures:
    embedding = np.asarray(vector, dtype=np.float32)
    return ArticleFeatures(article_id, day, embedding / np.linalg.norm(embedding), dict(terms or {1: 1.0, 2: 1.0}),
                           entities, {k: k.title() for k in entities})


def test_clusterer_joins_blocks_and_closes_stories_by_date() -> None:
    clusterer = StoryClusterer(window_days=10, join_threshold=0.5)
    a = _features("a", [1, 0, 0], {"noto": 1.0, "japan": 1.0}, "2024-01-01")
    b = _features("b", [0.95, 0.1, 0], {"noto": 1.0, "wajima": 1.0}, "2024-01-02")
    c = _features("c", [0, 0, 1], {"hualien": 1.0}, "2024-01-02", terms={9: 1.0})
    d = _features("d", [1, 0, 0], {"noto": 1.0, "japan": 1.0}, "2024-03-01")
    update = clusterer.add_batch([d, c, b, a])  # put in publication order by the batch
    assert clusterer.article_story["a"] == clusterer.article_story["b"]
    assert clusterer.article_story["c"] != clusterer.article_story["a"]  # no shared key: never compared
    assert clusterer.article_story["d"] != clusterer.article_story["a"]  # closed two months before
    assert update.assigned == 4 and len(update.new_stories) == 3
    assert [(x.story_id, x.related_id) for x in update.links] == [
        (clusterer.article_story["d"], clusterer.article_story["a"])
    ]


def test_consolidation_merges_stories_whose_centroids_converged() -> None:
    clusterer = StoryClusterer(window_days=10, join_threshold=0.9, merge_threshold=0.6)
    first = _features("x1", [1, 0.6, 0], {"quake": 1.0}, "2024-01-01")
    second = _features("x2", [1, -0.6, 0], {"quake": 1.0}, "2024-01-01")
    clusterer.add_batch([first, second], consolidate=False)
    assert clusterer.article_story["x1"] != clusterer.article_story["x2"]
    clusterer.add(_features("x3", [1, 0, 0], {"quake": 1.0}, "2024-01-01"))
    merged, _ = clusterer.consolidate()
    assert merged
    assert clusterer.resolve(clusterer.article_story["x1"]) == clusterer.resolve(clusterer.article_story["x2"])


def test_lead_day_follows_the_news_convention() -> None:
    wednesday = Article(id="w", content_hash="w", origin="w", text="Ministers met on Wednesday in Paris.",
                        published="2024-01-10")
    friday = Article(id="f", content_hash="f", origin="f", text="Ministers met on Friday in Paris.",
                     published="2024-01-10")
    undated = Article(id="u", content_hash="u", origin="u", text="Ministers met on Friday in Paris.")
    assert lead_day(wednesday) == "2024-01-10"  # the same weekday is the same day
    assert lead_day(friday) == "2024-01-05"
    assert lead_day(undated) == "Friday"


def test_get_story_names_the_valid_ids(db_path: Path) -> None:
    with Store(db_path) as store, pytest.raises(StoreError, match="is not a story id.*newsbrief stories"):
        get_story(store, "nope")


# -- story lists ranked by independent outlets -----------------------------------------------


def _listing(story_id: str, last_date: str, articles: list[tuple[str, str | None, str | None]]) -> StoryListing:
    """A listing from (article id, outlet, duplicate_of) triples."""
    from newsbrief.models import BriefArticle, Story

    briefs = tuple(BriefArticle(aid, outlet, None, last_date, f"{aid}.html", None, dup) for aid, outlet, dup in articles)
    story = Story(story_id, story_id, tuple(a.id for a in briefs), last_date, last_date)
    return StoryListing(story, briefs)


def test_independent_outlets_count_a_syndicated_copy_once() -> None:
    wire = _listing("wire", "2024-01-01", [("r", "Reuters", None), ("y", "Yahoo", "r"), ("m", "MSN", "r")])
    assert independent_outlets(wire.articles) == 1
    orphans = _listing("orphans", "2024-01-01", [("y", "Yahoo", "r"), ("m", "MSN", "r")])  # the original is elsewhere
    assert independent_outlets(orphans.articles) == 1
    two = _listing("two", "2024-01-01", [("a", "AP", None), ("b", "BBC", None), ("b2", "BBC", None)])
    assert independent_outlets(two.articles) == 2
    unnamed = _listing("unnamed", "2024-01-01", [("a", None, None), ("b", None, None)])  # origins stand in
    assert independent_outlets(unnamed.articles) == 2


def test_stories_rank_by_independent_outlets_then_articles_then_the_latest() -> None:
    wire = _listing("wire", "2024-01-05", [("r", "Reuters", None), ("y", "Yahoo", "r"), ("m", "MSN", "r"),
                                           ("n", "NDTV", "r")])  # 4 articles, 1 independent outlet
    older = _listing("older", "2024-01-01", [("a", "AP", None), ("b", "BBC", None)])
    newer = _listing("newer", "2024-01-03", [("c", "CNN", None), ("d", "DW", None)])
    bigger = _listing("bigger", "2024-01-02", [("e", "AP", None), ("f", "BBC", None), ("g", "BBC", None)])
    single = _listing("single", "2024-01-09", [("s", "AFP", None)])
    ranked = [item.story.id for item in rank_by_coverage([single, wire, older, newer, bigger])]
    # 2 outlets: 3 articles before 2, the later before the earlier; then 1 outlet: the wire
    # story's 4 reprints count once as outlets but still give it more articles than "single".
    assert ranked == ["bigger", "newer", "older", "wire", "single"]


@pytest.mark.slow
def test_story_lists_and_the_web_order_count_syndicated_copies_once(db_path: Path) -> None:
    """Hualien, reprinted by four sites (5 articles, 5 outlet names, 1 independent source),
    ranks below Noto (3 articles from 3 outlets) in `newsbrief stories`, `brief` and the web's
    stories page; ranked by outlet names, as before, Hualien came first."""
    noto = [_article(*row) for row in NOTO]
    hualien = _article(*HUALIEN)
    copies = [_article(site, "2024-04-03", HUALIEN[2], HUALIEN[3] + f" ({site})", duplicate_of=hualien.id)
              for site in ("Yahoo News", "MSN", "NDTV", "Japan Today")]
    with _store(db_path, [*noto, hualien, *copies]) as store:
        update_stories(store)
        listing = story_listing(store)
        rows = store.story_summaries(order="coverage")
        newest = store.story_summaries(order="newest")
    assert [len(item.articles) for item in listing] == [3, 5]
    assert hualien.id in listing[1].story.article_ids
    assert [(r.independent, r.articles, len(r.outlets)) for r in rows] == [(3, 3, 3), (1, 5, 5)]
    assert newest[0].id == listing[1].story.id  # "newest" is still there for the live page


@pytest.mark.slow
def test_the_story_listing_shows_titles_as_the_brief_does(db_path: Path) -> None:
    """No wire part number "(2)" nor a site name in the story list (the brief's headline and sources list drop them)."""
    outlet, published, title, text = NOTO[0]
    with _store(db_path, [_article(outlet, published, title + " (2)", text),
                          _article(*NOTO[1][:2], NOTO[1][2] + " | AP News", NOTO[1][3])]) as store:
        update_stories(store)
        listing = story_listing(store)
    titles = {a.title for item in listing for a in item.articles}
    assert titles == {title, NOTO[1][2]}
    assert all(not item.story.title.endswith(("(2)", "AP News")) for item in listing)
