"""A local news site for the live tests: an RSS feed on 127.0.0.1 that gains items between polls.

``FeedSite`` serves ``/feed.xml`` (with an ETag, answering 304 to a matching If-None-Match),
and one HTML page per article at ``/a/<slug>.html``.  The articles are the bundled seed
stories plus a few hand-written ones about other events; ``publish(slug)`` adds an item.
Every request is logged, so tests can check what was fetched (and that nothing was fetched twice).
"""

from __future__ import annotations

import hashlib
import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"

# Hand-written articles about an unrelated event (so they make a story of their own).
HARBOUR = {
    "harbour-1": (
        "Coastguard closes Port Elwyn harbour after ferry fire",
        "Elwyn Gazette",
        "2024-03-04",
        "The coastguard closed Port Elwyn harbour on Monday after a fire broke out on the ferry Saint Brannoc "
        "as it was docking, forcing 212 passengers to leave by the emergency gangway.\n\n"
        "\u201cEveryone was off the ship within twenty minutes,\u201d said harbour master Ines Calloway, who "
        "praised the crew for a calm evacuation. Three crew members were treated for smoke inhalation.\n\n"
        "Fire crews from Elwyn and Tregaron fought the blaze in the engine room for two hours. The ferry "
        "operator, Westway Lines, said sailings to the islands would be cancelled until Thursday while "
        "inspectors examine the vessel.",
    ),
    "harbour-2": (
        "Port Elwyn ferry fire: engine room blaze under investigation",
        "Coast Courier",
        "2024-03-05",
        "Investigators began examining the ferry Saint Brannoc on Tuesday, a day after a fire in its engine "
        "room closed Port Elwyn harbour and forced 212 passengers to evacuate.\n\n"
        "Harbour master Ines Calloway said the harbour would reopen to fishing boats on Wednesday. "
        "\u201cThe channel is clear and the ferry is secured at the outer berth,\u201d Calloway said.\n\n"
        "Westway Lines said it had cancelled all sailings to the islands until Thursday and that the Marine "
        "Accident Investigation Branch had sent two inspectors to Port Elwyn to find the cause of the fire.",
    ),
}


def seed_articles() -> dict[str, tuple[str, str, str, str]]:
    """slug -> (title, outlet, date, text) for the bundled seed articles."""
    result = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        date = "2024-01-10"
        if text.lstrip().startswith("date "):
            first, _, text = text.lstrip().partition(" ")[2].partition(" ")
            date = first.strip()
        title = text.strip().split(".")[0][:90]
        result[path.stem[:3]] = (title, f"Outlet {path.stem[:3]}", date, text)
    return result


class FeedSite:
    """The server: start(), publish(slug), stop(); ``base`` is its URL."""

    def __init__(self) -> None:
        self.articles = {**seed_articles(), **HARBOUR}
        self.published: list[str] = []
        self.requests: list[str] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                with site.lock:
                    site.requests.append(self.path)
                if self.path == "/feed.xml":
                    body = site.feed().encode("utf-8")
                    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.send_header("ETag", etag)
                        self.end_headers()
                        return
                    self._send(200, body, "application/rss+xml", etag)
                elif self.path.startswith("/a/") and self.path.endswith(".html"):
                    slug = self.path[3:-5]
                    if slug not in site.articles:
                        self._send(404, b"not found", "text/plain")
                        return
                    self._send(200, site.page(slug).encode("utf-8"), "text/html; charset=utf-8")
                else:
                    self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, content_type: str, etag: str | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.feed_url = f"{self.base}/feed.xml"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> FeedSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def publish(self, *slugs: str) -> None:
        with self.lock:
            self.published.extend(s for s in slugs if s not in self.published)

    def page(self, slug: str) -> str:
        title, outlet, date, text = self.articles[slug]
        paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta property="og:site_name" content="{html.escape(outlet)}">'
            f'<meta property="article:published_time" content="{date}T09:00:00Z"></head>'
            f"<body><article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>"
        )

    def feed(self) -> str:
        items = []
        for slug in reversed(self.published):
            title, _outlet, date, _text = self.articles[slug]
            items.append(
                f"<item><title>Feed title for {slug}</title><link>{self.base}/a/{slug}.html</link>"
                f"<guid>{self.base}/a/{slug}.html</guid><pubDate>{_rfc822(date)}</pubDate></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local Wire</title>'
            f"<link>{self.base}/</link>{''.join(items)}</channel></rss>"
        )


def _rfc822(date: str) -> str:
    from datetime import datetime

    return datetime.fromisoformat(date).strftime("%a, %d %b %Y 09:00:00 GMT")
