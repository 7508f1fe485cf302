"""What each page of the web app shows, as plain functions over a Store (no HTTP here).

The views in :mod:`newsbrief.web.app` parse the request, call one of these and render the
result as HTML (Jinja2) or JSON; the JSON records are the ones the CLI's ``--json`` prints.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newsbrief import pipeline, render
from newsbrief.errors import StoreError
from newsbrief.models import Brief, Quote
from newsbrief.settings import Settings
from newsbrief.store import SNIPPET_END, SNIPPET_START, SearchHit, Store, StorySummaryRow, WatchlistRow

PAGE_SIZE = 25
RECENT = timedelta(hours=24)


def _ago(stamp: str, hours: float = 24) -> bool:
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return False
    return datetime.now(UTC) - when <= timedelta(hours=hours)


# -- stories --------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryFilters:
    order: str = "coverage"  # most independent outlets first; "newest" for the latest
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    entity: str | None = None
    language: str | None = None
    page: int = 1

    def query(self, **changes: Any) -> str:
        """The URL query string of these filters with ``changes`` applied."""
        from urllib.parse import urlencode

        values = {**self.__dict__, **changes}
        return urlencode({k: v for k, v in values.items() if v not in (None, "", 1) or (k == "page" and v != 1)})


def story_badge(row: StorySummaryRow) -> str | None:
    """"new" when the story's first article came in the last 24 h, "updated" when it grew then."""
    if _ago(row.first_seen):
        return "new"
    if row.last_seen != row.first_seen and _ago(row.last_seen):
        return "updated"
    return None


def entity_query(name: str) -> str:
    """An FTS5 phrase query for a name ("Vassily Nebenzia" -> '"Vassily Nebenzia"')."""
    words = re.findall(r"\w+", name)
    if not words:
        raise StoreError(f"{name!r} is not a name to look for; give a person, place or organisation")
    return '"' + " ".join(words) + '"'


def stories_page(store: Store, filters: StoryFilters) -> list[StorySummaryRow]:
    return store.story_summaries(
        order=filters.order,
        since=filters.since or None,
        until=filters.until or None,
        outlet=filters.outlet or None,
        match=entity_query(filters.entity) if filters.entity else None,
        language=filters.language or None,
        limit=PAGE_SIZE + 1,  # one more, to know whether there is a next page
        offset=(max(1, filters.page) - 1) * PAGE_SIZE,
    )


def summary_to_dict(row: StorySummaryRow) -> dict[str, Any]:
    return {
        "id": row.id, "title": row.title, "first_date": row.first_date, "last_date": row.last_date,
        "articles": row.articles, "independent_outlets": row.independent, "outlets": list(row.outlets), "first_seen": row.first_seen,
        "last_seen": row.last_seen, "badge": story_badge(row),
    }


def stories_json(store: Store) -> list[dict[str, Any]]:
    """What ``newsbrief stories --json`` prints (every story with its articles)."""
    return [item.to_dict() for item in pipeline.story_listing(store)]


# -- briefs ---------------------------------------------------------------------------


class BriefCache:
    """Briefs by story, rebuilt only when the story gained articles; one build per story at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._briefs: dict[str, tuple[tuple[str, ...], Brief]] = {}
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def get(self, store: Store, story_id: str) -> Brief:
        """The story's brief: from memory, else the stored brief when it is current, else built
        (and stored, by :func:`newsbrief.pipeline.brief_stories`)."""
        story = pipeline.get_story(store, story_id)
        with self._guard:
            lock = self._locks[story.id]
        with lock:
            cached = self._briefs.get(story.id)
            if cached and cached[0] == story.article_ids:
                return cached[1]
            brief = pipeline.brief_stories(store, [story], self.settings).briefs[0]
            self._briefs[story.id] = (story.article_ids, brief)
            return brief


@dataclass(frozen=True)
class StoryPage:
    brief: Brief
    summary: StorySummaryRow | None
    new_since_visit: list[str] = field(default_factory=list)  # article ids ingested since the last visit


def story_page(store: Store, briefs: BriefCache, story_id: str, last_visit: str | None) -> StoryPage:
    brief = briefs.get(store, story_id)
    rows = store.story_summaries(story_ids=[brief.story_id], limit=1)
    new: list[str] = []
    if last_visit:
        times = store.ingest_times([a.id for a in brief.articles])
        new = [a.id for a in brief.articles if times.get(a.id, "") > last_visit]
    return StoryPage(brief, rows[0] if rows else None, new)


# -- search ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchGroup:
    """The matches of one story (or of articles in no story yet)."""

    story_id: str | None
    title: str
    title_marked: str | None  # the headline with matches marked, when it matched itself
    hits: list[SearchHit]


def search(store: Store, query: str, limit: int = 100) -> list[SearchGroup]:
    """Full-text search (words, "a phrase", prefix*) grouped by story, best story first."""
    query = query.strip()
    if not query:
        return []
    hits = store.search_articles(query, limit=limit)
    titles = dict(store.search_story_titles(query))
    groups: dict[str | None, list[SearchHit]] = {}
    for titled in titles:
        groups.setdefault(titled, [])
    for hit in hits:
        groups.setdefault(hit.story_id, []).append(hit)
    rows = store.story_summaries(story_ids=[s for s in groups if s], limit=len(groups) + 1)
    names: dict[str | None, str] = {row.id: row.title for row in rows}
    result = []
    for story_id, group_hits in groups.items():
        if story_id is not None and story_id not in names:
            continue  # a story merged away since
        title = names.get(story_id, "") if story_id else "Not in a story yet"
        result.append(SearchGroup(story_id, title, titles.get(story_id) if story_id else None, group_hits))
    return result


def marked(snippet: str) -> str:
    """A snippet, HTML-escaped, with its match markers turned into <mark>."""
    from html import escape

    return escape(snippet).replace(SNIPPET_START, "<mark>").replace(SNIPPET_END, "</mark>")


def search_json(groups: list[SearchGroup]) -> list[dict[str, Any]]:
    return [
        {
            "story_id": g.story_id,
            "title": g.title,
            "hits": [
                {"article_id": h.article_id, "title": h.title, "outlet": h.outlet, "published": h.published,
                 "snippet": h.snippet.replace(SNIPPET_START, "[").replace(SNIPPET_END, "]")}
                for h in g.hits
            ],
        }
        for g in groups
    ]


# -- article --------------------------------------------------------------------------


def article_json(store: Store, article_id: str) -> dict[str, Any]:
    """What ``newsbrief show --json`` prints."""
    analysis = pipeline.load_analysis(store, article_id)
    return {
        "article": analysis.article.to_dict(),
        "layers": {name: [r.to_dict() for r in records] for name, records in analysis.layers.items()},
    }


def marked_article(store: Store, article_id: str, highlight: tuple[int, int] | None = None) -> tuple[Any, str]:
    """(analysis, the article text as HTML with entities, quotes, dates and ``highlight`` marked)."""
    from html import escape

    analysis = pipeline.load_analysis(store, article_id)
    text = analysis.article.text
    spans: list[tuple[int, int, str, str]] = []  # start, end, class, title
    for e in analysis.layers.get("entities", []):
        spans.append((e.start, e.end, f"ent ent-{e.label.lower()}", e.label))
    for q in analysis.layers.get("quotes", []):
        # no speaker with a mention (a pronoun not resolved, "the statement"): 'unattributed ("he")'
        who = f" by {q.speaker}" if q.speaker else f", {render.reader_speaker(q)}"
        spans.append((q.start, q.end, "quote", f"quote ({render.QUOTE_KINDS.get(q.kind, q.kind)}){who}"))
    for t in analysis.layers.get("times", []):
        spans.append((t.start, t.end, "date", f"{t.kind}: {render.reader_date(t.value) if t.value else '?'}"))
    if highlight:
        spans.append((highlight[0], highlight[1], "hl", "cited"))
    bounds = sorted({0, len(text)} | {max(0, min(len(text), b)) for s in spans for b in s[:2]})
    out = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        covering = [s for s in spans if s[0] <= left and right <= s[1]]
        piece = escape(text[left:right])
        if highlight and left == max(0, highlight[0]):
            out.append('<span id="cited" class="anchor"></span>')
        if covering:
            classes = " ".join(dict.fromkeys(c for s in covering for c in s[2].split()))
            title = escape("; ".join(s[3] for s in covering), quote=True)
            piece = f'<span class="{classes}" title="{title}">{piece}</span>'
        out.append(piece)
    return analysis, "".join(out)


# -- entity and outlet ----------------------------------------------------------------


@dataclass(frozen=True)
class EntityPage:
    name: str
    stories: list[StorySummaryRow]
    variants: list[str]
    quotes: list[Quote]


def entity_page(store: Store, name: str) -> EntityPage:
    """Stories mentioning ``name``, the spellings used for it, and what it was quoted saying."""
    query = entity_query(name)
    stories = store.story_summaries(match=query, limit=200)
    last = re.findall(r"\w+", name)[-1].casefold()
    variants: dict[str, None] = {}
    quotes: list[Quote] = []
    for hit in store.search_articles(query, limit=200):
        analysis = pipeline.load_analysis(store, hit.article_id)
        for e in analysis.layers.get("entities", []):
            if last in e.text.casefold().split() or e.text.casefold() in name.casefold():
                variants[" ".join(e.text.split())] = None
        for q in analysis.layers.get("quotes", []):
            speaker = (q.speaker or "").casefold()
            if speaker and (last in speaker.split() or speaker in name.casefold()):
                quotes.append(q)
    return EntityPage(name, stories, sorted(variants), quotes)


@dataclass(frozen=True)
class OutletPage:
    outlet: str
    stories: list[StorySummaryRow]
    only_here: list[tuple[str, str]]  # (story id, fact text) only this outlet reports
    left_out: list[tuple[str, str]]  # (story id, fact text) most others report, this one does not


def outlet_page(store: Store, briefs: BriefCache, outlet: str, brief_limit: int = 10) -> OutletPage:
    """Stories an outlet covered; across its latest ``brief_limit`` stories, the facts only it
    reports and those it leaves out that most others report."""
    stories = store.story_summaries(outlet=outlet, limit=200)
    if not stories:
        known = ", ".join(name for name, _ in store.outlets()[:20]) or "none yet"
        raise StoreError(f"no stories from outlet {outlet!r}; outlets are: {known}")
    only_here: list[tuple[str, str]] = []
    left_out: list[tuple[str, str]] = []
    for row in stories[:brief_limit]:
        if len(row.outlets) < 2:
            continue
        brief = briefs.get(store, row.id)
        facts = {f.id: f.text for f in brief.facts}
        cov = brief.coverage
        mine = set(cov.matrix.get(outlet, ()))
        only_here += [(row.id, facts[f]) for f in cov.only_one_outlet if f in mine and f in facts]
        left_out += [(row.id, facts[f]) for f in cov.omissions.get(outlet, ()) if f in facts]
    return OutletPage(outlet, stories, only_here, left_out)


# -- watch lists ----------------------------------------------------------------------


@dataclass(frozen=True)
class WatchMatches:
    watchlist: WatchlistRow
    stories: list[StorySummaryRow]  # newest first
    new: list[str]  # ids of stories with articles ingested since the list was last seen


def watch_query(watchlist: WatchlistRow) -> str:
    return entity_query(watchlist.entity) if watchlist.entity else (watchlist.query or "")


def watch_matches(store: Store, watchlist_id: int, limit: int = 50) -> WatchMatches:
    watchlist = store.get_watchlist(watchlist_id)
    stories = store.story_summaries(match=watch_query(watchlist), limit=limit)
    new = [s.id for s in stories if s.last_seen > watchlist.last_seen]
    return WatchMatches(watchlist, stories, new)


def add_watchlist(store: Store, name: str, query: str | None, entity: str | None) -> int:
    query, entity = (query or "").strip() or None, (entity or "").strip() or None
    if not query and not entity:
        raise StoreError("a watch list needs a search (words, \"a phrase\", prefix*) or an entity name")
    if query:
        store.search_articles(query, limit=1)  # a bad query fails now, with its reason
    return store.add_watchlist((name or "").strip() or (entity or query or ""), query, entity)


def watchlist_to_dict(w: WatchlistRow) -> dict[str, Any]:
    return {"id": w.id, "name": w.name, "query": w.query, "entity": w.entity, "created_at": w.created_at,
            "last_seen": w.last_seen, "atom": f"/watch/{w.id}.atom"}


def atom_feed(matches: WatchMatches, base_url: str) -> str:
    """The watch list as an Atom feed: one entry per matching story, updated when it grows."""
    from xml.sax.saxutils import escape as x

    w = matches.watchlist
    updated = max([s.last_seen for s in matches.stories], default=w.created_at)
    entries = []
    for s in matches.stories:
        link = f"{base_url}/story/{s.id}"
        summary = f"{render.plural(s.articles, 'article')} from {', '.join(s.outlets) or 'unknown outlets'}"
        entries.append(
            f"<entry><id>urn:newsbrief:story:{x(s.id)}</id><title>{x(s.title or '(untitled)')}</title>"
            f'<link href="{x(link)}"/><updated>{x(s.last_seen)}</updated><published>{x(s.first_seen)}</published>'
            f"<summary>{x(summary)}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>urn:newsbrief:watch:{w.id}</id><title>newsbrief watch: {x(w.name)}</title>"
        f'<link rel="self" href="{x(base_url)}/watch/{w.id}.atom"/><link href="{x(base_url)}/watch/{w.id}"/>'
        f"<updated>{x(updated)}</updated>{''.join(entries)}</feed>\n"
    )
