"""Feed subscriptions and the watch loop, against a local news site on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from feedserver import FeedSite
from newsbrief import cli, feeds, watch
from newsbrief.errors import ConfigError
from newsbrief.settings import Settings
from newsbrief.store import Store

SETTINGS = Settings(feed_host_interval=0.0, allow_private_addresses=True)  # the site is on 127.0.0.1


@pytest.fixture
def site() -> Iterator[FeedSite]:
    server = FeedSite().start()
    yield server
    server.stop()


def later(minutes: int = 60) -> datetime:
    return datetime.now(UTC) + timedelta(minutes=minutes)


def test_parse_every() -> None:
    assert feeds.parse_every("15m") == 900 and feeds.parse_every("2h") == 7200 and feeds.parse_every("90s") == 90
    assert feeds.parse_every("10") == 600
    with pytest.raises(ConfigError, match="e.g. 90s, 15m"):
        feeds.parse_every("often")
    with pytest.raises(ConfigError, match="shorter than one minute"):
        feeds.parse_every("5s")


def test_subscriptions_and_opml_round_trip(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        result = feeds.add_feeds(store, ["https://one.example/feed.xml"], every="30m", name="One & Co")
        feeds.add_feeds(store, ["https://two.example/rss"])
        assert result.added == ["https://one.example/feed.xml"]
        assert feeds.add_feeds(store, ["https://two.example/rss"], every="1h").updated == ["https://two.example/rss"]
        opml = feeds.export_opml(store)
        with pytest.raises(ConfigError, match="not subscribed; subscribed feeds: https://one"):
            feeds.remove_feeds(store, ["https://three.example/"])
        assert feeds.remove_feeds(store, ["https://two.example/rss"]) == ["https://two.example/rss"]
        assert [f.url for f in store.feeds()] == ["https://one.example/feed.xml"]
    assert 'xmlUrl="https://one.example/feed.xml"' in opml and "One &amp; Co" in opml
    path = tmp_path / "subs.opml"
    path.write_text(opml)
    with Store(tmp_path / "b.db") as store:
        assert len(feeds.import_opml(store, str(path)).added) == 2
        one = store.get_feed("https://one.example/feed.xml")
        assert one is not None and one.name == "One & Co" and one.every_seconds == 900
    with pytest.raises(ConfigError, match="not an http"):
        feeds.add_feeds(Store(":memory:"), ["feed.xml"])


def test_cli_feeds_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    assert cli.main(["feeds", "add", "https://one.example/feed.xml", "--every", "2h", "--db", db]) == 0
    assert cli.main(["feeds", "list", "--json", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert '"every": "2h"' in listed and '"url": "https://one.example/feed.xml"' in listed
    assert cli.main(["feeds", "export", "opml", "--db", db]) == 0
    assert "xmlUrl" in capsys.readouterr().out
    assert cli.main(["feeds", "remove", "https://nope.example/", "--db", db]) == 2
    assert "not subscribed" in capsys.readouterr().err
    Store(tmp_path / "empty.db").close()
    assert cli.main(["watch", "--once", "--db", str(tmp_path / "empty.db")]) == 2
    assert "no feeds to watch" in capsys.readouterr().err


@pytest.mark.slow
def test_watch_polls_incrementally(site: FeedSite, tmp_path: Path) -> None:
    site.publish("000", "001")
    with Store(tmp_path / "w.db") as store:
        feeds.add_feeds(store, [site.feed_url])
        first = watch.poll_due(store, SETTINGS)
        assert first.ingested == 2 and first.feeds[0].new_items == 2 and not first.failed
        assert len(first.new_stories) == 1 and first.analysed == 2
        titles = [a.title or "" for a in store.iter_articles()]
        assert titles and not any(t.startswith("Feed title for") for t in titles)  # the page's own title
        feed = store.get_feed(site.feed_url)
        assert feed is not None and feed.articles == 2 and feed.etag and feed.next_poll > datetime.now(UTC).isoformat()

        # Not due yet: nothing is fetched.  Due but unchanged: one conditional GET, a 304.
        requests = len(site.requests)
        assert watch.poll_due(store, SETTINGS).feeds == []
        unchanged = watch.poll_due(store, SETTINGS, now=later())
        assert unchanged.feeds[0].status == "not modified" and site.requests[requests:] == ["/feed.xml"]

        # The feed gains items: only the new pages are fetched, and they make a new story.
        site.publish("harbour-1", "harbour-2")
        requests = len(site.requests)
        grown = watch.poll_due(store, SETTINGS, now=later(120))
        fetched = site.requests[requests:]
        assert sorted(fetched) == ["/a/harbour-1.html", "/a/harbour-2.html", "/feed.xml"]
        assert grown.ingested == 2 and len(grown.new_stories) == 1
        stories = store.story_summaries()
        assert len(stories) == 2 and "Port Elwyn" in stories[0].title


def test_failing_feed_backs_off_with_its_reason(site: FeedSite, tmp_path: Path) -> None:
    url = f"{site.base}/missing.xml"
    with Store(tmp_path / "f.db") as store:
        feeds.add_feeds(store, [url], every="10m")
        report = watch.poll_due(store, SETTINGS)
        assert report.feeds[0].status == "failed" and report.feeds[0].error == "HTTP 404 Not Found"
        first = store.get_feed(url)
        assert first is not None and first.failures == 1 and first.last_error == "HTTP 404 Not Found"
        watch.poll_due(store, SETTINGS, now=later(11))
        second = store.get_feed(url)
        assert second is not None and second.failures == 2 and "failed 2 times" in (second.last_status or "")
        gap = datetime.fromisoformat(second.next_poll) - datetime.fromisoformat(second.last_poll or "")
        assert gap >= timedelta(minutes=19)  # 10 min doubled


def test_stop_between_articles_leaves_the_rest_for_next_time(site: FeedSite, tmp_path: Path) -> None:
    site.publish("harbour-1", "harbour-2")
    stop = threading.Event()

    def progress(message: str) -> None:
        if message.startswith("fetching") and any(r.startswith("/a/") for r in site.requests):
            stop.set()  # the first page is in; stop before the second

    with Store(tmp_path / "s.db") as store:
        feeds.add_feeds(store, [site.feed_url])
        report = watch.poll_due(store, SETTINGS, stop=stop, progress=progress)
        assert report.stopped and report.ingested == 1 and store.count_articles() == 1
        assert report.analysed == 0  # analysis and stories wait for the next run
        assert store.get_feed(site.feed_url).etag is None  # type: ignore[union-attr]
        again = watch.poll_due(store, SETTINGS)  # still due: the poll did not complete
        assert again.ingested == 1 and store.count_articles() == 2
        pages = [r for r in site.requests if r.startswith("/a/")]
        assert sorted(pages) == ["/a/harbour-1.html", "/a/harbour-2.html"]  # each fetched once


def test_read_commands_refuse_a_database_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "typo.db"
    for command in (["articles"], ["stories"], ["brief"], ["show", "abcdef"], ["feeds", "list"], ["watch", "--once"]):
        assert cli.main([*command, "--db", str(missing)]) == 2
        assert f"database {missing} does not exist" in capsys.readouterr().err
    assert not missing.exists()
    assert cli.main(["feeds", "add", "https://one.example/feed.xml", "--db", str(missing)]) == 0  # creates it
    assert missing.exists()


@pytest.mark.slow
def test_a_long_first_poll_updates_stories_batch_by_batch(site: FeedSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch, "UPDATE_BATCH", 2)
    site.publish("harbour-1", "harbour-2", "000")
    updates: list[int] = []
    with Store(tmp_path / "b.db") as store:
        feeds.add_feeds(store, [site.feed_url])
        original = watch.pipeline.update

        def counting_update(*args: object, **kwargs: object) -> object:
            updates.append(store.count_articles())
            return original(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(watch.pipeline, "update", counting_update)
        report = watch.poll_due(store, SETTINGS)
        assert report.ingested == 3 and report.analysed == 3
    assert updates == [2, 3]  # stories updated after each batch of two, not once at the end
