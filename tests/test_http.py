"""http.fetch and URL/feed inputs against a real HTTP server on 127.0.0.1.

The server is on loopback, which the URL policy refuses by default: these tests say
``allow_private_addresses=True`` explicitly, and the policy tests below check the refusal.
"""

from __future__ import annotations

import socket
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
        elif path.startswith("/to/"):  # redirect to whatever follows /to/ (an address to refuse)
            self.send_response(302)
            self.send_header("Location", "http://" + path[len("/to/"):])
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


SETTINGS = Settings(
    http_timeout=0.5, max_input_bytes=2000, http_max_redirects=3, user_agent="newsbrief-test/1.0",
    allow_private_addresses=True,  # the test server is on 127.0.0.1
)
POLICY = SETTINGS.replace(allow_private_addresses=False)


def fetch_error(url: str, settings: Settings = SETTINGS) -> SourceError:
    with pytest.raises(SourceError) as info:
        http.fetch(url, settings)
    assert info.value.origin == http.public_url(url)
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
    assert fetched.title is None  # the page has its own <title>: the entry's title must not replace it
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
    assert len(items) == 3 and isinstance(items[0], RawDocument) and items[0].html == ARTICLE


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


# -- URL policy ----------------------------------------------------------------------------

REFUSED = [
    ("http://127.0.0.1/", "loopback"),
    ("http://localhost/", "loopback"),
    ("http://2130706433/", "loopback"),  # 127.0.0.1 as one decimal number
    ("http://0x7f.1/", "loopback"),  # hex and short forms
    ("http://017700000001/", "loopback"),  # octal
    ("http://127.1/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),  # IPv4-mapped IPv6
    ("http://[2002:7f00:1::]/", "loopback"),  # 6to4 wrapping 127.0.0.1
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://10.0.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://[fd00::1]/", "private"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://100.64.0.1/", "not publicly routable"),  # carrier-grade NAT
    ("http://[64:ff9b::7f00:1]/", "reserved"),  # NAT64 of 127.0.0.1
]


@pytest.mark.parametrize(("url", "kind"), REFUSED)
def test_policy_refuses_non_public_addresses_in_every_spelling(url: str, kind: str) -> None:
    reason = fetch_error(url, POLICY).reason
    assert reason.startswith("refused by the URL policy") and kind in reason
    assert "--allow-private-addresses" in reason
    with pytest.raises(SourceError, match="refused by the URL policy"):
        http.check_url(url, POLICY)


def test_public_addresses_pass_the_address_check() -> None:
    assert http.address_refusal("93.184.215.14") is None
    assert http.address_refusal("2606:4700:4700::1111") is None
    assert http.address_refusal("::ffff:8.8.8.8") is None


def test_local_server_is_refused_unless_allowed(server: str) -> None:
    assert "loopback" in fetch_error(f"{server}/article", POLICY).reason
    assert http.fetch(f"{server}/article", SETTINGS).status == 200
    (refused,) = read(f"{server}/article", settings=POLICY)
    assert isinstance(refused, SourceError) and "refused by the URL policy" in refused.reason


def test_only_http_and_https() -> None:
    for url in ("file:///etc/passwd", "gopher://example.org/", "ftp://example.org/x", "javascript:alert(1)"):
        with pytest.raises(SourceError, match="only http:// and https://"):
            http.check_url(url, POLICY)
        assert "not an http(s) URL" in fetch_error(url, POLICY).reason


@pytest.fixture
def public_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat 127.0.0.1 (the test server) as a public address; everything else keeps the policy.

    This stands in for "a public web site" so that where a redirect leads can be tested."""
    real = http.address_refusal
    monkeypatch.setattr(http, "address_refusal", lambda address: None if address == "127.0.0.1" else real(address))


@pytest.mark.usefixtures("public_loopback")
@pytest.mark.parametrize("target", ["169.254.169.254/latest/meta-data/", "10.0.0.1/", "127.0.0.2/", "[::1]:9/"])
def test_every_redirect_is_checked(server: str, target: str) -> None:
    url = f"{server}/to/{target}"
    reason = fetch_error(url, POLICY).reason
    assert reason.startswith("refused by the URL policy (a redirect led to")
    (refused,) = read(url, settings=POLICY)  # the same through the input layer, and nothing stored
    assert isinstance(refused, SourceError) and refused.origin == url


@pytest.mark.usefixtures("public_loopback")
def test_feed_items_pointing_inside_are_refused(server: str, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        f"""<rss version="2.0"><channel><title>Wire</title>
<item><title>ok</title><link>{server}/article</link></item>
<item><title>metadata</title><link>http://169.254.169.254/latest/meta-data/</link></item>
<item><title>via redirect</title><link>{server}/to/10.0.0.1/</link></item>
</channel></rss>"""
    )
    good, metadata, redirected = read(str(path), settings=POLICY)
    assert isinstance(good, RawDocument) and good.html == ARTICLE
    assert isinstance(metadata, SourceError) and "link-local" in metadata.reason
    assert isinstance(redirected, SourceError) and "a redirect led to '10.0.0.1'" in redirected.reason


@pytest.mark.usefixtures("public_loopback")
def test_host_is_resolved_once_and_the_connection_pinned(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the first answer is checked; a second lookup would say 10.0.0.1.
    The connection goes to the checked address, and the host is looked up only once."""
    port = int(server.rsplit(":", 1)[1])
    real_getaddrinfo = socket.getaddrinfo
    answers = ["127.0.0.1", "10.0.0.1", "10.0.0.1"]
    asked: list[str] = []

    def rebinding(host: str, *args: object, **kwargs: object) -> object:
        if host == "rebind.test":
            asked.append(host)
            return real_getaddrinfo(answers[len(asked) - 1], port, type=socket.SOCK_STREAM)
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    result = http.fetch(f"http://rebind.test:{port}/article", POLICY)
    assert result.content == ARTICLE.encode("utf-8") and asked == ["rebind.test"]
    # The next connection asks again, gets the private answer, and is refused.
    assert "10.0.0.1, a private-network address" in fetch_error(f"http://rebind.test:{port}/article", POLICY).reason


def test_credentials_are_stripped_from_everything_kept(server: str) -> None:
    host = server.removeprefix("http://")
    assert http.public_url("http://user:pw@example.org:8080/a?b#c") == "http://example.org:8080/a?b#c"
    assert http.public_url("not a url @ all") == "not a url @ all"
    result = http.fetch(f"http://user:secret@{host}/redirect", SETTINGS)
    assert result.url == f"{server}/article"
    (doc,) = read(f"http://user:secret@{host}/article")
    assert isinstance(doc, RawDocument) and "secret" not in doc.origin and doc.origin == f"{server}/article"
    error = fetch_error(f"http://user:secret@{host}/nowhere")
    assert "secret" not in str(error)


def test_canonical_link_credentials_are_stripped(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<html><head><link rel="canonical" href="https://user:pw@news.example.org/a"></head>'
                    "<body><p>Text of the page.</p></body></html>")
    (doc,) = read(str(page))
    assert isinstance(doc, RawDocument) and doc.url == "https://news.example.org/a"
