"""``newsbrief watch``: poll the due feeds, fetch their new items, ingest, update stories.

One poll (:func:`poll_due`) takes every subscription whose next poll is due and, for each:
a conditional GET (``If-None-Match`` / ``If-Modified-Since`` from the last answer), so an
unchanged feed costs one 304; the entries never seen before (an item seen once is never
fetched again, whatever became of it) have their pages fetched through :mod:`newsbrief.http`
(timeouts, body cap, URL policy), at most one request per ``feed_host_interval`` seconds to any
one host; the documents are ingested in one pass (one writer), then analyses and stories are
brought up to date.  A failing feed is polled again after an exponentially growing delay
(its interval times 2, 4, 8 ... capped at ``feed_max_backoff``), and the reason is kept for
``feeds list`` and the feeds page.

:func:`run` loops until stopped.  Stopping (``stop.set()``, which SIGINT/SIGTERM do in the
CLI) takes effect between two articles: an article is stored whole or not at all, and the
rest of a feed's new items are fetched on the next run.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsbrief import http, pipeline
from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources.feed import FeedEntry, entry_document, parse_feed
from newsbrief.store import FeedRow, Store

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
UPDATE_BATCH = 25  # new articles stored before analyses and stories are brought up to date


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class HostLimiter:
    """At most one request per ``interval`` seconds to any one host (politeness)."""

    def __init__(self, interval: float, stop: threading.Event | None = None) -> None:
        self.interval = interval
        self.stop = stop or threading.Event()
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            delay = self.interval - (time.monotonic() - last)
            if delay > 0:
                self.stop.wait(delay)
        self._last[host] = time.monotonic()


@dataclass
class FeedPoll:
    """What polling one feed did."""

    url: str
    status: str  # "ok", "not modified", "failed"
    new_items: int = 0
    ingested: int = 0
    failed_items: int = 0
    error: str | None = None
    # the feed's validators, saved only when the poll completes, so an interrupted poll
    # fetches the feed in full next time
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class WatchReport:
    """What one :func:`poll_due` did, feed by feed; plus the analysis/story update."""

    feeds: list[FeedPoll] = field(default_factory=list)
    ingested: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (item link, reason)
    new_stories: list[str] = field(default_factory=list)
    analysed: int = 0
    stopped: bool = False


def backoff_seconds(feed: FeedRow, failures: int, settings: Settings) -> int:
    """Delay before retrying a feed that failed ``failures`` times in a row."""
    return int(min(feed.every_seconds * 2 ** max(0, failures), settings.feed_max_backoff))


def poll_due(
    store: Store,
    settings: Settings | None = None,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> WatchReport:
    """Poll every due feed once, ingest the new items, update analyses and stories."""
    settings = settings or Settings()
    stop = stop or threading.Event()
    report = WatchReport()
    due = store.due_feeds(_iso(now or _now()))
    if not due:
        return report
    limiter = HostLimiter(settings.feed_host_interval, stop)
    ingest = pipeline.IngestReport()
    documents = _documents(store, due, settings, limiter, stop, report, ingest, progress)
    more = True
    while more:
        # A batch at a time, each analysed and put into stories at once: on a first poll of a
        # long feed, stories appear and grow while the rest is still being fetched.
        taken = [0]
        pipeline.ingest_documents(_counted(itertools.islice(documents, UPDATE_BATCH), taken), store, settings, on_error="record", progress=None, report=ingest)
        more = taken[0] == UPDATE_BATCH and not stop.is_set()
        if stop.is_set():
            for _ in documents:  # records the last item taken (the generator stops before another)
                pass
        elif taken[0] or store.articles_without_story():
            if progress:
                progress("analysing new articles and updating stories")
            updated = pipeline.update(store, settings, progress=progress)
            report.analysed += updated.analysed
            report.new_stories += list(updated.stories.new_stories)
    report.ingested, report.duplicates = len(ingest.ingested), len(ingest.duplicates)
    report.stopped = stop.is_set()
    return report


def _counted(documents: Iterator[RawDocument | SourceError], taken: list[int]) -> Iterator[RawDocument | SourceError]:
    for document in documents:
        taken[0] += 1
        yield document


def _documents(
    store: Store,
    feeds: list[FeedRow],
    settings: Settings,
    limiter: HostLimiter,
    stop: threading.Event,
    report: WatchReport,
    ingest: pipeline.IngestReport,
    progress: Progress | None,
) -> Iterator[RawDocument | SourceError]:
    """The new items of each feed, one document at a time; after the ingester has taken each
    one (the code after ``yield``), the item is recorded as seen with what became of it."""
    with http.client_for(settings) as client:
        for feed in feeds:
            if stop.is_set():
                return
            poll = FeedPoll(feed.url, "ok")
            report.feeds.append(poll)
            entries = _poll_feed(store, feed, settings, limiter, client, poll, progress)
            for entry in entries:
                if progress:
                    progress(f"fetching {entry.link or entry.key}")
                if stop.is_set():
                    poll.status = "stopped"
                    break  # the rest are fetched next time: they were not recorded as seen
                result: http.FetchResult | SourceError | None = None
                if entry.link:
                    limiter.wait(entry.link)
                    try:
                        result = http.fetch(entry.link, settings, client=client)
                    except SourceError as exc:
                        result = exc
                document = entry_document(feed.url, entry, result, settings)
                failed_before = len(ingest.failed)
                yield document
                article_id = None
                reason = None
                if isinstance(document, SourceError):
                    reason = document.reason
                elif len(ingest.failed) > failed_before:
                    reason = ingest.failed[-1][1]
                else:
                    article_id = store.article_for_input(pipeline.input_hash(document))
                if article_id is None:
                    poll.failed_items += 1
                    report.failed.append((entry.link or entry.key, reason or "not stored"))
                else:
                    poll.ingested += 1
                store.record_item(feed.url, entry.key, entry.link, article_id,
                                  "ingested" if article_id else "failed", reason)
            if poll.status == "ok":
                store.record_poll(
                    feed.url,
                    f"ok: {poll.new_items} new, {poll.ingested} stored" + (f", {poll.failed_items} failed" if poll.failed_items else ""),
                    _iso(_now() + timedelta(seconds=feed.every_seconds)),
                    new_articles=poll.ingested,
                    etag=poll.etag,
                    last_modified=poll.last_modified,
                )


def _poll_feed(
    store: Store,
    feed: FeedRow,
    settings: Settings,
    limiter: HostLimiter,
    client: httpx.Client,
    poll: FeedPoll,
    progress: Progress | None,
) -> list[FeedEntry]:
    """Fetch one feed (conditionally) and return its entries not seen before."""
    if progress:
        progress(f"polling {feed.url}")
    headers: dict[str, str] = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    limiter.wait(feed.url)
    try:
        answer = http.fetch(feed.url, settings, client=client, headers=headers or None)
        if answer.status == 304:
            poll.status = "not modified"
            store.record_poll(feed.url, "not modified", _iso(_now() + timedelta(seconds=feed.every_seconds)))
            return []
        entries = parse_feed(feed.url, answer.content, feed_url=answer.url, allow_empty=True)
    except SourceError as exc:
        poll.status, poll.error = "failed", exc.reason
        delay = backoff_seconds(feed, feed.failures, settings)
        store.record_poll(
            feed.url,
            f"failed {feed.failures + 1} time{'s' if feed.failures else ''} in a row; retry in {delay // 60} min",
            _iso(_now() + timedelta(seconds=delay)),
            error=exc.reason,
        )
        log.warning("feed %s: %s", feed.url, exc.reason)
        return []
    poll.etag, poll.last_modified = answer.headers.get("etag"), answer.headers.get("last-modified")
    seen = store.seen_items(feed.url, [e.key for e in entries])
    fresh = [e for e in entries if e.key not in seen]
    poll.new_items = len(fresh)
    return fresh


def next_due_in(store: Store, now: datetime | None = None) -> float | None:
    """Seconds until the next feed is due (0 if one is due now), None without feeds."""
    feeds = store.feeds()
    if not feeds:
        return None
    soonest = min(datetime.fromisoformat(f.next_poll) for f in feeds)
    return max(0.0, (soonest - (now or _now())).total_seconds())


def run(
    store: Store,
    settings: Settings | None = None,
    once: bool = False,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    on_report: Callable[[WatchReport], None] | None = None,
    idle_wait: float = 60.0,
) -> None:
    """Poll due feeds until ``stop`` is set (or once with ``once``), sleeping until the next
    feed is due (at most ``idle_wait`` seconds, so feeds added meanwhile are seen)."""
    stop = stop or threading.Event()
    while not stop.is_set():
        report = poll_due(store, settings, stop=stop, progress=progress)
        if on_report:
            on_report(report)
        if once:
            return
        wait = next_due_in(store)
        stop.wait(min(idle_wait, wait if wait is not None else idle_wait))
