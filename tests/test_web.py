"""The web app, end to end: the real server (``newsbrief serve`` in a subprocess) on a random
loopback port, fed by a local news site whose feed gains items while the server runs.

Browser tests drive Debian's Chromium through Playwright (never ``playwright install``); they
take screenshots of every page, into a temporary folder during ``make test`` (so a test run never
changes the checkout) and into docs/images/ with ``make screenshots``, which sets
``NEWSBRIEF_SCREENSHOTS`` to that folder.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from feedserver import FeedSite
from newsbrief import cli, feeds
from newsbrief.errors import ConfigError
from newsbrief.store import Store
from newsbrief.web import data, serve

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
IMAGES = Path(os.environ["NEWSBRIEF_SCREENSHOTS"]) if os.environ.get("NEWSBRIEF_SCREENSHOTS") else None
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class Live:
    def __init__(self, base: str, site: FeedSite, db: Path) -> None:
        self.base, self.site, self.db = base, site, db
        self.client = httpx.Client(base_url=base, timeout=600)

    def stories(self) -> list[dict[str, Any]]:
        return list(self.client.get("/api/story-list").json())


@contextmanager
def running_server(db: Path) -> Iterator[str]:
    """``newsbrief serve --db DB`` in a subprocess on a free loopback port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(SRC), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "newsbrief.cli", "serve", "--db", str(db), "--port", str(port), "--allow-private-addresses"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        def up() -> bool:
            if server.poll() is not None:
                raise AssertionError(f"newsbrief serve exited: {server.stderr.read() if server.stderr else ''}")
            try:
                return httpx.get(f"{base}/api/feeds", timeout=60).status_code == 200
            except httpx.TransportError:
                return False

        wait_for(up, 60, "the server to start")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    site = FeedSite().start()
    site.publish("000", "001", "003", "004")
    db = tmp_path_factory.mktemp("web") / "live.db"
    with Store(db) as store:
        feeds.add_feeds(store, [site.feed_url], every="1h")
    try:
        with running_server(db) as base:
            live = Live(base, site, db)
            wait_for(lambda: live.stories(), 600, "the first feed items to become stories")
            yield live
    finally:
        site.stop()


# -- the server, over HTTP ------------------------------------------------------------------


@pytest.mark.slow
def test_new_feed_items_appear_without_restart_and_in_the_watch_atom(live: Live) -> None:
    home = live.client.get("/")
    assert home.status_code == 200 and "Port Elwyn" not in home.text
    created = live.client.post("/watch", data={"name": "Harbour", "query": "ferry OR harbour"}, follow_redirects=False)
    assert created.status_code == 303
    atom_url = created.headers["location"] + ".atom"
    assert "<entry>" not in live.client.get(atom_url).text

    live.site.publish("harbour-1", "harbour-2")
    assert live.client.post("/feeds/poll", follow_redirects=False).status_code == 303  # "poll all feeds now"
    wait_for(lambda: any("Port Elwyn" in s["title"] for s in live.stories()), 600, "the harbour story to appear")

    home = live.client.get("/")
    assert "Port Elwyn" in home.text and 'class="pill new"' in home.text
    atom = live.client.get(atom_url)
    assert atom.headers["content-type"].startswith("application/atom+xml")
    entries = re.findall(r"<entry>.*?</entry>", atom.text, re.S)
    assert len(entries) == 1 and "Port Elwyn" in entries[0] and "/story/" in entries[0]
    feeds_page = live.client.get("/feeds").text
    assert "ok: 2 new, 2 stored" in feeds_page


@pytest.mark.slow
def test_search_finds_a_quote_grouped_by_story(live: Live) -> None:
    page = live.client.get("/search", params={"q": '"much more dangerous place"'})
    assert page.status_code == 200
    assert "<mark>much more dangerous place</mark>" in page.text.replace("</mark> <mark>", " ")
    assert page.text.count('class="group"') == 1
    prefix = live.client.get("/api/search", params={"q": "missil*"}).json()
    assert prefix and all(g["hits"] or g["story_id"] for g in prefix)
    bad = live.client.get("/search", params={"q": '"unclosed'})
    assert bad.status_code == 200 and "not a valid query" in bad.text


@pytest.mark.slow
def test_api_returns_what_the_cli_prints(live: Live, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["articles", "--json", "--db", str(live.db)]) == 0
    assert live.client.get("/api/articles").json() == json.loads(capsys.readouterr().out)
    assert cli.main(["feeds", "list", "--json", "--db", str(live.db)]) == 0
    assert live.client.get("/api/feeds").json() == json.loads(capsys.readouterr().out)
    story_id = live.stories()[0]["id"]
    article_id = live.client.get("/api/articles").json()[0]["id"]
    assert cli.main(["show", article_id, "--json", "--db", str(live.db)]) == 0
    assert live.client.get(f"/api/articles/{article_id}").json() == json.loads(capsys.readouterr().out)
    schema = live.client.get("/openapi.json").json()
    assert "/api/stories/{story_id}/brief" in schema["paths"] and "/api/search" in schema["paths"]
    missing = live.client.get("/api/stories/nosuchstory/brief")
    assert missing.status_code == 404 and "is not a story id" in missing.json()["error"]
    by_prefix = live.client.get(f"/story/{story_id[:10]}")
    assert by_prefix.status_code == 200, by_prefix.text[-2000:]


@pytest.mark.slow
def test_story_list_ranks_by_independent_outlets_and_dates_read_as_written(live: Live) -> None:
    rows = live.stories()
    keys = [(-r["independent_outlets"], -r["articles"]) for r in rows]
    assert keys == sorted(keys) and all(1 <= r["independent_outlets"] <= len(r["outlets"]) for r in rows)
    page = live.client.get("/").text
    assert "independent outlet" in page and '<option value="coverage" selected>' in page
    first, last = rows[0]["first_date"], rows[0]["last_date"]
    assert f"events {first} –" not in page and "events " in page  # "10 January 2024", not "2024-01-10"
    assert re.search(r"events \d{1,2} (?:to \d{1,2} )?[A-Z][a-z]+ \d{4}", page) or not (first or last)
    article_id = live.client.get("/api/articles").json()[0]["id"]
    article = live.client.get(f"/article/{article_id}").text
    assert not re.search(r"· \d{4}-\d{2}-\d{2}", article)


@pytest.mark.slow
def test_pages_are_escaped_and_locked_down(live: Live) -> None:
    response = live.client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in response.text  # only <script src="/app.js">
    assert live.client.post("/feeds/poll", headers={"Origin": "http://evil.example"}).status_code == 403
    article_id = live.client.get("/api/articles").json()[0]["id"]
    page = live.client.get(f"/article/{article_id}", params={"hl": "0-40", "removed": "1"})
    assert 'id="cited"' in page.text and 'class="hl"' in page.text or " hl" in page.text
    assert "Removed by cleaning" in page.text


def test_a_public_address_needs_a_token(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--token"):
        serve(str(tmp_path / "x.db"), host="0.0.0.0", port=free_port())
    from fastapi.testclient import TestClient

    from newsbrief.web.app import create_app

    with TestClient(create_app(str(tmp_path / "t.db"), token="s3cret", watch_feeds=False)) as client:
        assert client.get("/").status_code == 401
        assert client.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert client.get("/?token=s3cret").status_code == 200
        assert client.get("/feeds").status_code == 200  # the cookie set by ?token= is enough now


def test_snippets_and_atom_are_escaped() -> None:
    assert data.marked("a <b>\x02x\x03") == "a &lt;b&gt;<mark>x</mark>"
    assert data.entity_query("Vassily A. Nebenzia") == '"Vassily A Nebenzia"'


# -- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "the playwright package is not installed (pip install playwright)"
    if reason is None and not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to run the browser tests"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


_SHOTS: list[Path] = []


def shot(page: Any, name: str) -> None:
    """Screenshot the page: into NEWSBRIEF_SCREENSHOTS (``make screenshots``), else a temporary folder."""
    if not _SHOTS:
        import tempfile
        _SHOTS.append(IMAGES or Path(tempfile.mkdtemp(prefix="newsbrief-shots-")))
    folder = _SHOTS[0]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG screenshot"


@pytest.mark.slow
def test_browser_citation_click_highlights_the_source_sentence(live: Live, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    story = max((s for s in live.stories() if "Port Elwyn" not in s["title"]), key=lambda s: s["articles"])
    page.goto(f"{live.base}/", timeout=600_000)
    shot(page, "stories")
    page.goto(f"{live.base}/story/{story['id']}", timeout=600_000)
    cites = page.locator("a.cite")
    assert cites.count() > 3, page.inner_text("main")[:1000]
    target = cites.nth(cites.count() - 1)  # the last one: its source is far down the panel
    anchor = target.get_attribute("href").lstrip("#")
    target.click()
    highlighted = page.locator(".seg.hl")
    highlighted.first.wait_for(state="visible")
    assert highlighted.count() >= 1
    assert anchor in (highlighted.first.get_attribute("data-c") or "")
    page.wait_for_timeout(800)  # smooth scrolling
    in_view = page.evaluate(
        """() => { const r = document.querySelector('.seg.hl').getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"""
    )
    assert in_view, "the highlighted source sentence is not scrolled into view"
    shot(page, "story")
    page.close()


@pytest.mark.slow
def test_browser_search_finds_a_quote(live: Live, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live.base}/")
    page.fill("header.site input[name=q]", '"clear exploitation"')
    page.click("header.site button")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert "clear exploitation" in page.locator("mark").first.inner_text()
    shot(page, "search")
    page.click(".hit a")
    page.wait_for_url(re.compile(r"/article/"))
    shot(page, "article")
    page.goto(f"{live.base}/feeds")
    shot(page, "feeds")
    page.goto(f"{live.base}/watch")
    shot(page, "watch")
    page.close()


@pytest.mark.slow
def test_browser_no_horizontal_scroll_at_390px(live: Live, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    story_id = live.stories()[-1]["id"]
    article_id = live.client.get("/api/articles").json()[0]["id"]
    for path in ("/", f"/story/{story_id}", "/search?q=missile", f"/article/{article_id}", "/feeds", "/watch"):
        page.goto(f"{live.base}{path}", timeout=600_000)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        wide = page.evaluate(
            """() => Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 391)
                     .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60))"""
        )
        assert width <= 390, f"{path} is {width} px wide at 390 px; too wide: {wide}"
        if path.startswith("/story/"):
            shot(page, "story-mobile")
    page.close()


@pytest.mark.slow
def test_browser_a_fact_cited_by_many_outlets_wraps_its_citations(browser: Any) -> None:
    """BLIND9 43ecbplus: a key fact cited by ten outlets with long names ran its row of citations
    past the brief's column into the sources panel (the group was one unbreakable run)."""
    import dataclasses

    from tests.test_render import A, claim, make_brief

    from newsbrief.models import Article
    from newsbrief.render_html import render_page

    sites = [Article(id=f"site{n:04d}", content_hash=f"h{n}", origin=f"/data/{n}.xml", text=A.text, title=A.title,
                     outlet=f"site-43_{n}ecbplus-a-long-outlet-name", published=A.published) for n in range(12)]
    base = make_brief()
    fact = base.facts[0]
    wide = dataclasses.replace(fact, claims=tuple(claim(s, fact.text) for s in sites),
                               outlets=tuple(s.outlet for s in sites), independent_outlets=len(sites))
    brief = dataclasses.replace(base, facts=(wide, *base.facts[1:]))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_content(render_page([brief], {s.id: s for s in sites} | {A.id: A}, generated_at="2024-01-10T00:00:00+00:00"))
    over = page.evaluate(
        """() => { const list = document.querySelector('ol.facts').getBoundingClientRect();
                   return Array.from(document.querySelectorAll('ol.facts a.cite'))
                     .filter(a => a.getBoundingClientRect().right > list.right + 1).map(a => a.textContent); }"""
    )
    assert page.locator("ol.facts a.cite").count() >= 12
    assert not over, f"citations run past the facts column: {over}"
    page.close()


@pytest.mark.slow
def test_browser_a_quote_with_no_named_speaker_reads_unattributed(tmp_path: Path, browser: Any) -> None:
    """An unresolved "he" (quotes layer 18) is no person: hovering the quote tells 'unattributed
    (“he”)', the words `newsbrief show` lists it under, not "by he"."""
    from tests.test_cli_analyse import UNATTRIBUTED

    from newsbrief.models import Article

    db = tmp_path / "quotes.db"
    with Store(db) as store:
        store.add_article(Article(id="crespo0001", content_hash="crespo", origin="crespo.txt", text=UNATTRIBUTED,
                                  outlet="test", published="2016-09-28"))
    assert cli.main(["analyse", "--db", str(db), "-q"]) == 0
    with running_server(db) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/article/crespo0001", timeout=600_000)
        songs = page.locator(".text span.quote", has_text="writing songs").first
        songs.hover()
        said = songs.get_attribute("title") or ""
        assert said == "quote (direct), unattributed (“he”)", said
        named = page.locator(".text span.quote", has_text="I have seen worse").first.get_attribute("title") or ""
        assert named == "quote (direct) by Maria Lopez", named
        urged = page.locator(".text span.quote", has_text="residents not to panic").first.get_attribute("title") or ""
        assert urged == "quote (paraphrase) by local governor", urged  # the brief's word, not "indirect"
        shot(page, "article-unattributed-quote")
        page.close()
