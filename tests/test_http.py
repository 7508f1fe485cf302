"""http.fetch and URL/feed inputs against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsbrief import http
from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources import iter_documents

ARTICLE = (
    '<html lang="fr"><head><meta charset="utf-8"><title>Article</title>'
    '<link rel="canonical" href="/canonical/article"></head>'
    "<body><article><p>Le café du Conseil de sécurité.</p></article></body></html>"
)
LONG_SUMMARY = " ".join(f"mot{i}" for i in range(120))


def feed_xml(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local Wire</title><link>{base}/</link>
<item><title>Fetched entry</title><link>{base}/article</link><author>a@example.org (Ann Author)</author>
<pubDate>Wed, 10 Jan 2024 08:30:00 GMT</pubDate><description>Teaser.</description></item>
<item><title>Gone but long</title><link>/missing</link><description>{LONG_SUMMARY}</description></item>
<item><title>Gone and short</title><link>{base}/missing</link><description>Teaser only.</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    in_flight = 0
    most_in_flight = 0
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        base = f"http://{self.headers['Host']}"
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE.encode("utf-8"))
        elif path == "/latin1":
            self._send(200, "<html><body><p>Caf\u00e9 “quoted”</p></body></html>".encode("cp1252"), "text/html; charset=ISO-8859-1")
        elif path == "/feed":
            self._send(200, feed_xml(base).encode("utf-8"), "application/rss+xml")
        elif path == "/feed-as-html":  # a feed served with the wrong Content-Type
            self._send(200, feed_xml(base).encode("utf-8"), "text/html")
        elif path == "/urls":
            self._send(200, b"not used", "text/plain")
        elif path == "/ua":
            self._send(200, f"<html><body><p>{self.headers['User-Agent']}</p></body></html>".encode())
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path.startswith("/delay"):  # counts requests served at the same time
            with Handler.lock:
                Handler.in_flight += 1
                Handler.most_in_flight = max(Handler.most_in_flight, Handler.in_flight)
            time.sleep(0.2)
            with Handler.lock:
                Handler.in_flight -= 1
            self._send(200, f"<html><body><p>{path}</p></body></html>".encode())
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, ARTICLE.encode())
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 5000 + b"</p>")
        elif path == "/big-unannounced":  # no Content-Length: only streaming can stop it
            self._send(200, b"<p>" + b"x" * 5000 + b"</p>", length=False)
        elif path == "/error":
            self._send(500, b"oops")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        else:
            self._send(404, b"<html><body>not here</body></html>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


SETTINGS = Settings(http_timeout=0.5, max_input_bytes=2000, http_max_redirects=3, user_agent="newsbrief-test/1.0")


def fetch_error(url: str, settings: Settings = SETTINGS) -> SourceError:
    with pytest.raises(SourceError) as info:
        http.fetch(url, settings)
    assert info.value.origin == url
    return info.value


# -- fetch -------------------------------------------------------------------------------


def test_fetch_returns_body_headers_charset_and_final_url(server: str) -> None:
    result = http.fetch(f"{server}/redirect", SETTINGS)
    assert result.status == 200
    assert result.url == f"{server}/article"
    assert result.content == ARTICLE.encode("utf-8")
    assert result.content_type == "text/html" and result.charset == "utf-8"


def test_user_agent_comes_from_settings(server: str) -> None:
    assert b"newsbrief-test/1.0" in http.fetch(f"{server}/ua", SETTINGS).content


def test_http_404_and_500_are_source_errors(server: str) -> None:
    assert fetch_error(f"{server}/nowhere").reason == "HTTP 404 Not Found"
    assert fetch_error(f"{server}/error").reason == "HTTP 500 Internal Server Error"


def test_slow_server_times_out(server: str) -> None:
    started = time.monotonic()
    reason = fetch_error(f"{server}/slow").reason
    assert reason == "timed out after 0.5 s; check the URL or raise http_timeout"
    assert time.monotonic() - started < 1.4


def test_redirect_loop_is_bounded(server: str) -> None:
    reason = fetch_error(f"{server}/loop").reason
    assert "more than 3 redirects" in reason and "http_max_redirects" in reason


def test_oversized_bodies_are_refused(server: str) -> None:
    assert "5,007 bytes, over the limit of 2,000" in fetch_error(f"{server}/big").reason
    assert "more than 2,000 bytes" in fetch_error(f"{server}/big-unannounced").reason
    assert http.fetch(f"{server}/big", SETTINGS.replace(max_input_bytes=10_000)).content.endswith(b"</p>")


def test_connection_refused_and_bad_urls() -> None:
    assert "could not connect" in fetch_error("http://127.0.0.1:1/x").reason
    assert "not an http(s) URL" in fetch_error("ftp://example.org/file").reason


def test_fetch_many_keeps_input_order_and_fetches_concurrently(server: str) -> None:
    Handler.most_in_flight = 0
    urls = [f"{server}/delay/{i}" for i in range(6)] + [f"{server}/nowhere", f"{server}/article"]
    results = list(http.fetch_many(urls, SETTINGS, workers=3))
    assert [r.url if isinstance(r, http.FetchResult) else r.origin for r in results] == urls
    assert isinstance(results[6], SourceError) and results[6].reason == "HTTP 404 Not Found"
    assert [r.content for r in results[:6] if isinstance(r, http.FetchResult)] == [
        f"<html><body><p>/delay/{i}</p></body></html>".encode() for i in range(6)
    ]
    assert 2 <= Handler.most_in_flight <= 3


def test_declared_charset_parsing() -> None:
    assert http.declared_charset('text/html; charset="ISO-8859-1"') == "iso-8859-1"
    assert http.declared_charset("text/html") is None


# -- URL inputs --------------------------------------------------------------------------


def read(*inputs: str, settings: Settings = SETTINGS) -> list[RawDocument | SourceError]:
    return list(iter_documents(list(inputs), settings))


def test_url_input_is_read_as_html(server: str) -> None:
    (doc,) = read(f"{server}/article")
    assert isinstance(doc, RawDocument)
    assert doc.origin == f"{server}/article"
    assert doc.html == ARTICLE
    assert doc.url == f"{server}/canonical/article"  # relative canonical resolved
    assert doc.language == "fr"


def test_url_charset_from_header(server: str) -> None:
    (doc,) = read(f"{server}/latin1")
    assert isinstance(doc, RawDocument) and doc.html is not None and "Café “quoted”" in doc.html


def test_bad_urls_are_yielded_as_errors_and_the_batch_goes_on(server: str) -> None:
    items = read(f"{server}/nowhere", f"{server}/image", f"{server}/article")
    assert isinstance(items[0], SourceError) and items[0].reason == "HTTP 404 Not Found"
    assert isinstance(items[1], SourceError) and "binary" in items[1].reason
    assert isinstance(items[2], RawDocument)


def test_feed_url_fetches_each_entry(server: str) -> None:
    fetched, fallback, failed = read(f"{server}/feed")
    assert isinstance(fetched, RawDocument)
    assert fetched.origin == f"{server}/article" and fetched.html == ARTICLE
    assert fetched.title == "Fetched entry"
    assert fetched.outlet is None  # the page names its site itself, as when ingested directly
    assert fetched.published == "2024-01-10T08:30:00+00:00"
    assert fetched.author and "Ann Author" in fetched.author
    # The second link (relative) 404s; its long description is used instead.
    assert isinstance(fallback, RawDocument)
    assert fallback.origin == f"{server}/missing" and fallback.html and "mot119" in fallback.html
    assert fallback.outlet == "Local Wire"
    # The third 404s too and has only a teaser: an error naming both problems.
    assert isinstance(failed, SourceError)
    assert failed.origin == f"{server}/missing"
    assert "HTTP 404 Not Found" in failed.reason and "only 2 words" in failed.reason


def test_feed_served_as_html_is_still_a_feed(server: str) -> None:
    items = read(f"{server}/feed-as-html")
    assert len(items) == 3 and isinstance(items[0], RawDocument) and items[0].title == "Fetched entry"


def test_local_feed_file_fetches_its_links(server: str, tmp_path: Path) -> None:
    path = tmp_path / "local.xml"
    path.write_text(feed_xml(server))
    items = read(str(path))
    assert isinstance(items[0], RawDocument) and items[0].html == ARTICLE
    # A relative link cannot be resolved for a local file: the long description is used.
    assert isinstance(items[1], RawDocument) and items[1].origin == f"{path}#entry-2"
    assert isinstance(items[2], SourceError)
    assert "HTTP 404 Not Found" in items[2].reason


def test_url_list_file(server: str, tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text(f"# today's reading\n{server}/article\n\n{server}/nowhere\n")
    first, second = read(str(path))
    assert isinstance(first, RawDocument) and first.origin == f"{server}/article"
    assert isinstance(second, SourceError) and second.origin == f"{server}/nowhere"
