"""The web app (FastAPI + Jinja2): server-rendered pages and a JSON API over one Store.

Readers: every request thread has its own SQLite connection (WAL: readers never block and are
never blocked by the writer).  Writer: the watch loop runs in one background thread with its
own connection; the pages that change things (feeds, watch lists) write small rows only.

Security: only 127.0.0.1 by default; on any other address :func:`create_app` needs a token,
asked of every request (``Authorization: Bearer``, ``?token=`` once, then a cookie).  Every
article string is escaped by Jinja2's autoescaping (or ``html.escape`` in the HTML built in
Python); the Content-Security-Policy allows scripts and styles only from the app itself, so
even an unescaped string could not run script.  POSTs from another site's pages are refused.
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from newsbrief import __version__, feeds, pipeline, render, watch
from newsbrief.analyse.nlp import model_fits
from newsbrief.errors import NewsbriefError, StoreError
from newsbrief.render_html import _CSS, _JS, _brief_html, _sources_html
from newsbrief.settings import Settings
from newsbrief.store import Store
from newsbrief.web import data, svg

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
VISIT_COOKIE = "nb_seen_"


class Readers:
    """One read connection per request thread (sqlite3 connections stay on their thread)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path)
            self._local.store = store
        return store


class Watcher:
    """The watch loop in a background thread (the one writer of feed articles)."""

    def __init__(self, path: str, settings: Settings) -> None:
        self.path, self.settings = path, settings
        self.stop, self.wake = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._run, name="newsbrief-watch", daemon=True)
        self.last_report: watch.WatchReport | None = None
        self.last_report_started: str | None = None
        self.polls = 0

    def _run(self) -> None:
        with Store(self.path) as store:
            while not self.stop.is_set():
                try:
                    self.last_report_started = datetime.now(UTC).isoformat(timespec="seconds")
                    self.last_report = watch.poll_due(store, self.settings, stop=self.stop)
                    self.polls += 1
                    if self.last_report.ingested and not self.stop.is_set():
                        self._prebuild(store)
                except NewsbriefError as exc:  # a broken feed must not end the loop
                    log.warning("watch: %s", exc)
                wait = watch.next_due_in(store)
                self.wake.wait(min(30.0, wait if wait is not None else 30.0))
                self.wake.clear()

    def _prebuild(self, store: Store, limit: int = 20) -> None:
        """Build and store the briefs of the stories that just changed (the newest ``limit``),
        so their pages open at once; up-to-date stored briefs are skipped."""
        from newsbrief.pipeline import brief_stories, get_story

        for row in store.story_summaries(limit=limit):
            if self.stop.is_set():
                return
            if row.last_seen < (self.last_report_started or ""):
                break  # older stories did not change in this poll
            brief_stories(store, [get_story(store, row.id)], self.settings)

    def start(self) -> None:
        self.thread.start()

    def poke(self) -> None:
        """Poll now (after a feed was added or "poll now" was pressed)."""
        self.wake.set()

    def close(self) -> None:
        self.stop.set()
        self.wake.set()
        self.thread.join(timeout=60)


def create_app(
    db_path: str,
    token: str | None = None,
    watch_feeds: bool = True,
    settings: Settings | None = None,
) -> FastAPI:
    """The app over the database at ``db_path``; ``watch_feeds`` runs the watch loop inside."""
    settings = settings or Settings(db_path=db_path)
    Store(db_path).close()  # create / migrate now, so the first request does not
    readers = Readers(db_path)
    briefs = data.BriefCache(settings)
    watcher = Watcher(db_path, settings) if watch_feeds else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if watcher:
            watcher.start()
        yield
        if watcher:
            watcher.close()

    app = FastAPI(
        title="newsbrief", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Stories, briefs with citations, full-text search, feeds and watch lists. "
        "The JSON records are those the `newsbrief` CLI prints with --json.",
    )
    app.state.watcher = watcher
    style = _CSS + (HERE / "web.css").read_text(encoding="utf-8")

    @app.get("/app.css", include_in_schema=False)
    def app_css() -> Response:
        return Response(style, media_type="text/css", headers={"Cache-Control": "max-age=300"})

    @app.get("/app.js", include_in_schema=False)
    def app_js() -> Response:  # the report's click-to-highlight script, served (the CSP forbids inline script)
        return Response(_JS, media_type="text/javascript", headers={"Cache-Control": "max-age=300"})
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(version=__version__, badge=data.story_badge, marked=data.marked,
                                 every=feeds.describe_every)
    templates.env.filters.update(reader_date=render.reader_date)  # "15 November 2019", not "2019-11-15"
    templates.env.globals.update(reader_span=render.reader_span)

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Any]) -> Response:
        if token is not None:
            offered = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            offered = offered or request.query_params.get("token") or request.cookies.get("nb_token") or ""
            if not hmac.compare_digest(offered.encode(), token.encode()):
                return PlainTextResponse("401: this newsbrief server needs its access token (?token=...)", status_code=401)
        if request.method == "POST":
            origin = request.headers.get("origin")
            if origin and origin.split("://", 1)[-1] != request.headers.get("host", ""):
                return PlainTextResponse("403: form sent from another site", status_code=403)
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if token is not None and request.query_params.get("token") == token:
            response.set_cookie("nb_token", token, httponly=True, samesite="strict")
        return response

    @app.exception_handler(NewsbriefError)
    async def newsbrief_error(request: Request, exc: NewsbriefError) -> Response:
        status = 404 if "no " in str(exc)[:80] or "not a story" in str(exc) else 400
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"message": str(exc)}, status_code=status)

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    # -- pages ----------------------------------------------------------------------

    def filters_from(request: Request) -> data.StoryFilters:
        q = request.query_params
        try:
            page_number = max(1, int(q.get("page", "1")))
        except ValueError:
            page_number = 1
        order = q.get("order", "coverage")
        return data.StoryFilters(order if order in ("newest", "coverage") else "coverage", q.get("since") or None,
                                 q.get("until") or None, q.get("outlet") or None, q.get("entity") or None,
                                 q.get("lang") or None, page_number)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories(request: Request) -> HTMLResponse:
        store = readers.get()
        filters = filters_from(request)
        rows = data.stories_page(store, filters)
        return page(request, "stories.html", rows=rows[: data.PAGE_SIZE], more=len(rows) > data.PAGE_SIZE,
                    filters=filters, outlets=store.outlets(), languages=store.languages(),
                    total=store.count_stories(), feeds=store.feeds())

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, q: str = "") -> HTMLResponse:
        try:
            groups, problem = data.search(readers.get(), q), None
        except StoreError as exc:
            groups, problem = [], str(exc)
        return page(request, "search.html", q=q, groups=groups, problem=problem)

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(request: Request, story_id: str) -> HTMLResponse:
        store = readers.get()
        cookie = VISIT_COOKIE + story_id[:16]
        info = data.story_page(store, briefs, story_id, request.cookies.get(cookie))
        numbers = render.CitationNumbers(info.brief)
        body = _brief_html(info.brief, numbers)
        sources = _sources_html(info.brief, numbers, pipeline.brief_articles(store, [info.brief]))
        response = page(request, "story.html", info=info, brief=info.brief, body=body, sources=sources,
                        coverage=svg.coverage_svg(info.brief), timeline=svg.timeline_svg(info.brief))
        if info.summary:
            response.set_cookie(cookie, info.summary.last_seen, max_age=365 * 86400, samesite="lax", httponly=True)
        return response

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str, hl: str | None = None, removed: bool = False) -> HTMLResponse:
        store = readers.get()
        highlight = None
        if hl and "-" in hl:
            start, _, end = hl.partition("-")
            if start.isdigit() and end.isdigit():
                highlight = (int(start), int(end))
        analysis, text = data.marked_article(store, article_id, highlight)
        membership = store.story_members_of([analysis.article.id])
        return page(request, "article.html", a=analysis.article, text=text, show_removed=removed,
                    analysed=model_fits(analysis.article),
                    story_id=membership[0].story_id if membership else None, layers=analysis.layers)

    @app.get("/entity/{name}", response_class=HTMLResponse, include_in_schema=False)
    def entity(request: Request, name: str) -> HTMLResponse:
        return page(request, "entity.html", e=data.entity_page(readers.get(), name))

    @app.get("/outlet/{name}", response_class=HTMLResponse, include_in_schema=False)
    def outlet(request: Request, name: str) -> HTMLResponse:
        return page(request, "outlet.html", o=data.outlet_page(readers.get(), briefs, name))

    @app.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
    def feeds_page(request: Request, error: str | None = None) -> HTMLResponse:
        return page(request, "feeds.html", feeds=readers.get().feeds(), error=error, watching=watcher is not None)

    @app.post("/feeds", include_in_schema=False)
    async def feeds_add(request: Request) -> Response:
        fields = await form(request)
        try:
            feeds.add_feeds(readers.get(), [fields.get("url", "").strip()], every=fields.get("every") or feeds.DEFAULT_EVERY,
                            name=fields.get("name", "").strip() or None)
        except NewsbriefError as exc:
            return RedirectResponse(f"/feeds?error={_quote(str(exc))}", status_code=303)
        if watcher:
            watcher.poke()
        return RedirectResponse("/feeds", status_code=303)

    @app.post("/feeds/remove", include_in_schema=False)
    async def feeds_remove(request: Request) -> Response:
        feeds.remove_feeds(readers.get(), [(await form(request)).get("url", "")])
        return RedirectResponse("/feeds", status_code=303)

    @app.post("/feeds/poll", include_in_schema=False)
    def feeds_poll() -> Response:
        """Make every feed due now and wake the watch loop."""
        readers.get().make_feeds_due()
        if watcher:
            watcher.poke()
        return RedirectResponse("/feeds", status_code=303)

    @app.get("/watch", response_class=HTMLResponse, include_in_schema=False)
    def watchlists(request: Request, error: str | None = None) -> HTMLResponse:
        store = readers.get()
        lists = [data.watch_matches(store, w.id) for w in store.watchlists()]
        return page(request, "watchlists.html", lists=lists, error=error)

    @app.post("/watch", include_in_schema=False)
    async def watchlist_add(request: Request) -> Response:
        fields = await form(request)
        try:
            new_id = data.add_watchlist(readers.get(), fields.get("name", ""), fields.get("query"), fields.get("entity"))
        except NewsbriefError as exc:
            return RedirectResponse(f"/watch?error={_quote(str(exc))}", status_code=303)
        return RedirectResponse(f"/watch/{new_id}", status_code=303)

    @app.post("/watch/{watchlist_id}/remove", include_in_schema=False)
    def watchlist_remove(watchlist_id: int) -> Response:
        readers.get().remove_watchlist(watchlist_id)
        return RedirectResponse("/watch", status_code=303)

    @app.get("/watch/{watchlist_id}.atom", include_in_schema=False)
    def watchlist_atom(request: Request, watchlist_id: int) -> Response:
        matches = data.watch_matches(readers.get(), watchlist_id)
        base = str(request.base_url).rstrip("/")
        return Response(data.atom_feed(matches, base), media_type="application/atom+xml; charset=utf-8")

    @app.get("/watch/{watchlist_id}", response_class=HTMLResponse, include_in_schema=False)
    def watchlist(request: Request, watchlist_id: int) -> HTMLResponse:
        store = readers.get()
        matches = data.watch_matches(store, watchlist_id)
        store.mark_watchlist_seen(watchlist_id)
        return page(request, "watchlist.html", m=matches)

    # -- JSON API -------------------------------------------------------------------

    @app.get("/api/stories", summary="Every story with its articles (as `newsbrief stories --json`)")
    def api_stories() -> list[dict[str, Any]]:
        return data.stories_json(readers.get())

    @app.get("/api/story-list", summary="The stories page: filtered, paged summaries with badges")
    def api_story_list(request: Request) -> list[dict[str, Any]]:
        rows = data.stories_page(readers.get(), filters_from(request))
        return [data.summary_to_dict(r) for r in rows[: data.PAGE_SIZE]]

    @app.get("/api/stories/{story_id}/brief", summary="One story's brief (a story of `newsbrief brief --format json`)")
    def api_brief(story_id: str) -> dict[str, Any]:
        return render.brief_to_dict(briefs.get(readers.get(), story_id))

    @app.get("/api/search", summary="Full-text search grouped by story (words, \"a phrase\", prefix*)")
    def api_search(q: str) -> list[dict[str, Any]]:
        return data.search_json(data.search(readers.get(), q))

    @app.get("/api/articles", summary="Every article (as `newsbrief articles --json`)")
    def api_articles() -> list[dict[str, Any]]:
        from newsbrief.cli import article_record

        return [article_record(a) for a in readers.get().iter_articles()]

    @app.get("/api/articles/{article_id}", summary="One article and its analysis layers (as `newsbrief show --json`)")
    def api_article(article_id: str) -> dict[str, Any]:
        return data.article_json(readers.get(), article_id)

    @app.get("/api/entities/{name}", summary="Stories, name variants and quotes of one entity")
    def api_entity(name: str) -> dict[str, Any]:
        e = data.entity_page(readers.get(), name)
        return {"name": e.name, "variants": e.variants, "stories": [data.summary_to_dict(s) for s in e.stories],
                "quotes": [q.to_dict() for q in e.quotes]}

    @app.get("/api/outlets/{name}", summary="Stories of one outlet, facts only it reports, facts it leaves out")
    def api_outlet(name: str) -> dict[str, Any]:
        o = data.outlet_page(readers.get(), briefs, name)
        return {"outlet": o.outlet, "stories": [data.summary_to_dict(s) for s in o.stories],
                "only_here": [{"story_id": s, "fact": f} for s, f in o.only_here],
                "left_out": [{"story_id": s, "fact": f} for s, f in o.left_out]}

    @app.get("/api/feeds", summary="Feed subscriptions and their health (as `newsbrief feeds list --json`)")
    def api_feeds() -> list[dict[str, Any]]:
        return [feeds.feed_to_dict(f) for f in readers.get().feeds()]

    @app.get("/api/watch", summary="Watch lists")
    def api_watchlists() -> list[dict[str, Any]]:
        return [data.watchlist_to_dict(w) for w in readers.get().watchlists()]

    @app.get("/api/watch/{watchlist_id}", summary="One watch list's matching stories, new ones marked")
    def api_watchlist(watchlist_id: int) -> dict[str, Any]:
        m = data.watch_matches(readers.get(), watchlist_id)
        return {**data.watchlist_to_dict(m.watchlist), "stories": [data.summary_to_dict(s) for s in m.stories],
                "new": m.new}

    return app


async def form(request: Request) -> dict[str, str]:
    """The fields of a URL-encoded form post (the pages' forms send nothing else)."""
    from urllib.parse import parse_qsl

    body = await request.body()
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text[:300])
