"""Load on the web app while it ingests: concurrent clients on story, search and API pages,
first with nothing else running, then while the background watch loop ingests articles from a
local feed server.  Requests/s, p50/p95 latency, errors, and the ingest-time latency as a
ratio of the idle one.

Data: DUC 2007 documents (../shared/bench/duc2007), served as HTML pages by a local feed
server on 127.0.0.1.  The store starts with ``--seed`` of them (ingested, analysed, one brief
built); the feed then offers ``--articles`` more.

    .venv/bin/python bench/load.py [--clients 20] [--seconds 60] [--articles 500] [--seed 40]
"""

from __future__ import annotations

import html
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine, require, table, write_section  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
from newsbrief import pipeline  # noqa: E402
from newsbrief.settings import Settings  # noqa: E402
from newsbrief.store import Store  # noqa: E402


def duc_pages(root: Path, limit: int) -> list[tuple[str, str, str, str]]:
    """(title, source, date, body) of the first ``limit`` DUC documents (each file once)."""
    pages, seen = [], set()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.name in seen:
            continue
        seen.add(path.name)
        raw = path.read_text(encoding="latin-1")
        stamp = re.match(r"([A-Z]+)(\d{4})(\d\d)(\d\d)", path.name)
        if not stamp:
            continue
        headline = re.search(r"<HEADLINE>(.*?)</HEADLINE>", raw, re.S)
        body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "\n", body.group(1) if body else ""))
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if len(p.split()) > 3]
        title = " ".join(headline.group(1).split()) if headline else paragraphs[0][:80] if paragraphs else path.name
        if len(" ".join(paragraphs).split()) < 80:
            continue
        pages.append((title, stamp.group(1), f"{stamp.group(2)}-{stamp.group(3)}-{stamp.group(4)}", "\n\n".join(paragraphs)))
        if len(pages) >= limit:
            break
    return pages


class Site:
    """Article pages at /a/N.html and a feed /feed.xml listing the pages from ``offset`` on."""

    def __init__(self, pages: list[tuple[str, str, str, str]], offset: int) -> None:
        site = self
        self.pages, self.offset = pages, offset

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/feed.xml":
                    body, kind = site.feed().encode(), "application/rss+xml"
                elif m := re.fullmatch(r"/a/(\d+)\.html", self.path):
                    body, kind = site.page(int(m.group(1))).encode(), "text/html; charset=utf-8"
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, n: int) -> str:
        title, source, date, body = self.pages[n]
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
        return (f'<html><head><title>{html.escape(title)}</title><meta property="og:site_name" content="{source}">'
                f'<meta property="article:published_time" content="{date}"></head><body><article>{paragraphs}</article></body></html>')

    def feed(self) -> str:
        items = "".join(
            f"<item><title>{html.escape(self.pages[n][0])}</title><link>{self.base}/a/{n}.html</link></item>"
            for n in range(self.offset, len(self.pages))
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>DUC wire</title>{items}</channel></rss>'


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def quantile(self, q: float) -> float:
        lat = sorted(self.latencies)
        return lat[int(q * (len(lat) - 1))] if lat else 0.0

    def row(self, name: str) -> list[object]:
        lat = self.latencies
        p50 = statistics.median(lat) * 1000 if lat else 0.0
        p95 = self.quantile(0.95) * 1000
        return [name, len(lat), f"{len(lat) / self.seconds:.1f}", f"{p50:.0f}", f"{p95:.0f}", len(self.errors)]


def run_load(base: str, urls: list[str], clients: int, seconds: float) -> Load:
    load, lock = Load(), threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(index: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            i = index
            while time.monotonic() < stop_at:
                url = urls[i % len(urls)]
                i += 1
                started = time.perf_counter()
                try:
                    response = http.get(url)
                    ok = response.status_code == 200
                    problem = f"{url}: HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    ok, problem = False, f"{url}: {type(exc).__name__}"
                elapsed = time.perf_counter() - started
                with lock:
                    (load.latencies.append(elapsed) if ok else load.errors.append(problem))

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    load.seconds = time.monotonic() - started
    return load


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=40)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    pages = duc_pages(require(args.data / "duc2007"), args.seed + args.articles)
    site = Site(pages, offset=args.seed)
    work = Path(tempfile.mkdtemp(prefix="nb-load-"))
    db = work / "load.db"
    settings = Settings(allow_private_addresses=True)
    print(f"seeding the store with {args.seed} articles ...", flush=True)
    with Store(db) as store:
        report = pipeline.ingest([f"{site.base}/a/{n}.html" for n in range(args.seed)], store, settings)
        pipeline.update(store, settings)
        story_ids = [row.id for row in store.story_summaries(order="coverage", limit=3)]
        pipeline.brief_stories(store, [pipeline.get_story(store, s) for s in story_ids], settings)
        seeded = store.count_articles()
    print(f"seeded: {seeded} articles ({len(report.failed)} failed), stories briefed: {len(story_ids)}", flush=True)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-m", "newsbrief.cli", "serve", "--db", str(db), "--port", str(port),
                               "--allow-private-addresses"], env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                httpx.get(f"{base}/api/feeds", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(1)
        words = [w for w in re.findall(r"[a-z]{6,}", pages[0][3].lower())][:5] or ["police"]
        urls = [f"/story/{s}" for s in story_ids] + [f"/api/stories/{s}/brief" for s in story_ids]
        urls += [f"/search?q={w}" for w in words] + ["/", "/api/story-list", f"/api/search?q={words[0]}*"]
        for url in urls:  # warm: the story pages' briefs come from the store
            httpx.get(base + url, timeout=600)
        print(f"idle: {args.clients} clients for {args.seconds:g} s ...", flush=True)
        idle = run_load(base, urls, args.clients, args.seconds)
        httpx.post(f"{base}/feeds", data={"url": f"{site.base}/feed.xml", "every": "1m"}, timeout=60)
        time.sleep(3)
        print(f"while ingesting {args.articles} articles: {args.clients} clients for {args.seconds:g} s ...", flush=True)
        busy = run_load(base, urls, args.clients, args.seconds)
        with Store(db) as store:
            ingested_during = store.count_articles() - seeded
    finally:
        server.terminate()
        server.wait(timeout=120)
    rows = [idle.row("idle"), busy.row("while watch ingests")]
    ratio = busy.quantile(0.5) / idle.quantile(0.5) if idle.latencies else float("nan")
    ratio95 = busy.quantile(0.95) / idle.quantile(0.95) if idle.latencies else float("nan")
    markdown = "\n".join([
        "## Web app under load (`bench/load.py`)",
        "",
        f"`newsbrief serve` with {args.clients} concurrent clients for {args.seconds:g} s on {len(urls)} URLs in turn "
        f"(story pages, their brief JSON, search pages, the stories page, the story list and search API), first "
        f"idle, then while the background watch loop polls a local feed of {args.articles} DUC 2007 articles "
        f"(store seeded with {seeded}); {ingested_during} of them were fetched and stored during the second run "
        "(the watch loop fetches at most one page a second from a host, and analyses them and updates "
        "stories every 25 articles).",
        "",
        table(["run", "requests", "requests/s", "p50 ms", "p95 ms", "errors"], rows),
        "",
        f"Latency while ingesting / idle: p50 x{ratio:.2f}, p95 x{ratio95:.2f}. Machine: {machine()} (shared with "
        "other jobs while measured). Command: `.venv/bin/python bench/load.py` "
        f"(`--clients {args.clients} --seconds {args.seconds:g} --articles {args.articles} --seed {args.seed}`).",
    ])
    for problem in (idle.errors + busy.errors)[:10]:
        print("error:", problem, file=sys.stderr)
    write_section("load", markdown, args.no_write)
    return 0 if not (idle.errors or busy.errors) else 1


if __name__ == "__main__":
    sys.exit(main())
