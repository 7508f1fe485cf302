"""The only module of newsbrief that speaks HTTP (httpx).

``fetch(url, settings)`` returns a ``FetchResult`` or raises ``SourceError`` naming the URL and
what to do about it: every httpx exception and every non-2xx status is wrapped here, so the
rest of newsbrief (and its tests) meet the network at this one seam.

Limits come from ``Settings``: ``http_timeout`` bounds each network operation *and* the whole
request (a server that drips bytes forever is abandoned too), ``max_input_bytes`` bounds the
body (streamed; reading stops as soon as the limit is passed, after content decoding so a
compressed bomb cannot slip through), ``http_max_redirects`` bounds redirects, and
``user_agent`` is sent with every request.

**URL policy** (docs/security.md): only http(s) URLs are fetched; every connection, including
each redirect hop, goes through ``PinnedBackend``, which resolves the host once, refuses it
when any of its addresses is loopback, private, link-local, multicast, reserved, unspecified
or otherwise not globally routable (IPv4, IPv6, IPv4-mapped, and numeric spellings such as
``http://2130706433/`` or ``http://0x7f.1/``, which resolve to the address they spell), and
connects to exactly the address it checked, so a second DNS answer cannot swap in another
(no DNS rebinding).  ``Settings.allow_private_addresses`` lifts the address check (not the
scheme check) for intranet use and for tests with a local server.  Environment proxies are
not used: a proxy would resolve the host itself, out of the policy's reach.
User names and passwords in a URL are used for the request but never kept: ``public_url``
strips them, and every URL this module returns or names in an error is stripped.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpcore
import httpx

from newsbrief.errors import SourceError
from newsbrief.settings import Settings

# Requests in flight at once when reading a feed's articles or a URL list: enough to hide
# network latency, few enough to be polite to one site.
MAX_CONCURRENT_FETCHES = 4


@dataclass(frozen=True)
class FetchResult:
    """A successful (2xx) HTTP response, body read in full."""

    url: str  # the final URL, after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    content: bytes = b""
    charset: str | None = None  # as declared by the Content-Type header

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-cased ("text/html"); "" when absent."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def is_url(value: str) -> bool:
    """True for http(s) URLs, the only kind ``fetch`` accepts."""
    return value.lower().startswith(("http://", "https://"))


def public_url(url: str) -> str:
    """``url`` without a user name or password (``http://user:pw@host/`` -> ``http://host/``).

    Anything stored, shown or cited goes through this: credentials in a URL must not end up
    in a brief that gets shared.  Text that is not a URL with credentials comes back unchanged.
    """
    if "@" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


class BlockedAddress(Exception):
    """Raised inside the transport when a host resolves to an address the policy refuses."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"{host} resolves to {address}, {kind}")
        self.host = host
        self.address = address
        self.kind = kind


def address_refusal(address: str) -> str | None:
    """Why the URL policy refuses to connect to the IP ``address`` ("a loopback address"),
    or None when it is a public address.  IPv4-mapped IPv6 addresses are judged as IPv4."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):  # IPv4 inside IPv6: mapped, 6to4, Teredo
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            ip = embedded
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address (cloud metadata services live there)"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private-network address"),
        ("is_reserved", "a reserved address"),
    )
    for attribute, kind in checks:
        if getattr(ip, attribute):
            return kind
    if not ip.is_global:
        return "an address that is not publicly routable"
    return None


def resolve_checked(host: str, port: int, allow_private: bool = False) -> list[str]:
    """The addresses of ``host`` (resolved once), after the URL policy has checked each.

    Raises ``BlockedAddress`` when any address is refused, ``OSError`` when the host does
    not resolve.  The caller must connect to one of the returned addresses and nothing else.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for address in addresses:
            kind = address_refusal(address)
            if kind is not None:
                raise BlockedAddress(host, address, kind)
    return addresses


class PinnedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, but every TCP connection is made to an address the URL
    policy checked, resolved once here (TLS still verifies the certificate against the host
    name, which httpcore passes separately as the SNI name)."""

    def __init__(self, allow_private: bool = False) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve_checked(host, port, self._allow_private)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host!r} ({exc.strerror or exc})") from exc
        failure: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None  # getaddrinfo never returns an empty list without raising
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("newsbrief does not connect to Unix sockets")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def check_url(url: str, settings: Settings) -> str:
    """Check ``url`` against the URL policy now (scheme, then the host's addresses) and return
    it without credentials; raise ``SourceError`` naming the URL and the reason otherwise.

    ``fetch`` applies the same policy at connect time (and to every redirect), so this is only
    for refusing a bad address early, e.g. when a feed subscription is added.
    """
    shown = public_url(url)
    if not is_url(url):
        raise SourceError(shown, "not an http(s) URL; newsbrief fetches only http:// and https:// addresses")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise SourceError(shown, f"invalid URL ({exc}); check the address") from exc
    if not host:
        raise SourceError(shown, "the URL has no host; check the address")
    try:
        resolve_checked(host, port, settings.allow_private_addresses)
    except BlockedAddress as exc:
        raise SourceError(shown, _blocked(exc, shown)) from exc
    except (OSError, UnicodeError) as exc:
        raise SourceError(shown, f"cannot resolve host {host!r}; check the URL and the network") from exc
    return shown


def declared_charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, or None."""
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset.strip().strip("'\"").lower() if isinstance(charset, str) and charset.strip() else None


def new_client(settings: Settings) -> httpx.Client:
    """An httpx client configured from settings; reuse it for many fetches to one site."""
    context = _ssl_context()
    transport = httpx.HTTPTransport(verify=context)
    # The transport's own pool, rebuilt on the pinned backend (httpx offers no parameter for it).
    transport._pool = httpcore.ConnectionPool(
        ssl_context=context,
        network_backend=PinnedBackend(settings.allow_private_addresses),
    )
    return httpx.Client(
        transport=transport,
        follow_redirects=True,
        max_redirects=settings.http_max_redirects,
        timeout=httpx.Timeout(settings.http_timeout),
        headers={"User-Agent": settings.user_agent},
    )


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One TLS context (CA bundle loaded once per process; loading it takes a noticeable
    fraction of a second, and a context is safe to share between clients and threads)."""
    return httpx.create_ssl_context()


@contextmanager
def client_for(settings: Settings) -> Iterator[httpx.Client]:
    """``with client_for(settings) as client:`` — a client closed on exit."""
    client = new_client(settings)
    try:
        yield client
    finally:
        client.close()


def fetch(
    url: str, settings: Settings, client: httpx.Client | None = None, headers: dict[str, str] | None = None
) -> FetchResult:
    """GET ``url`` and return its body, or raise ``SourceError(url, reason)``.

    ``client`` (from ``new_client``) lets a caller reuse connections; without it a client is
    made and closed for this one request.  ``headers`` are sent too: with ``If-None-Match`` or
    ``If-Modified-Since`` (a conditional GET), a 304 Not Modified comes back as a FetchResult
    with status 304 and no body.
    """
    if not is_url(url):
        raise SourceError(public_url(url), "not an http(s) URL; newsbrief fetches only http:// and https:// addresses")
    if client is None:
        with client_for(settings) as own:
            return _fetch(url, settings, own, headers)
    return _fetch(url, settings, client, headers)


def fetch_many(
    urls: Iterable[str], settings: Settings, workers: int = MAX_CONCURRENT_FETCHES
) -> Generator[FetchResult | SourceError, None, None]:
    """Fetch ``urls`` over one client, up to ``workers`` at once; results come in input order.

    A failed fetch is yielded as its SourceError, so one bad link does not stop the rest.
    Only a small window of URLs is in flight or waiting, so a long URL list is streamed.
    """
    with client_for(settings) as client, ThreadPoolExecutor(max(1, workers), thread_name_prefix="fetch") as pool:
        window: deque[Future[FetchResult | SourceError]] = deque()
        for url in urls:
            window.append(pool.submit(_fetch_or_error, url, settings, client))
            if len(window) >= 2 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _fetch_or_error(url: str, settings: Settings, client: httpx.Client) -> FetchResult | SourceError:
    try:
        return fetch(url, settings, client=client)
    except SourceError as exc:
        return exc


def _fetch(request_url: str, settings: Settings, client: httpx.Client, headers: dict[str, str] | None = None) -> FetchResult:
    url = public_url(request_url)  # what errors name; credentials only go into the request
    timeout = settings.http_timeout
    started = time.monotonic()
    try:
        with client.stream("GET", request_url, headers=headers) as response:
            if response.status_code == 304 and headers:
                return FetchResult(url=url, status=304, headers={k.lower(): v for k, v in response.headers.items()})
            if not 200 <= response.status_code < 300:
                reason = response.reason_phrase or ""
                raise SourceError(url, f"HTTP {response.status_code} {reason}".rstrip())
            limit = settings.max_input_bytes
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > limit and "content-encoding" not in response.headers:
                raise SourceError(url, _too_large(int(length), limit))
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limit:
                    raise SourceError(url, _too_large(None, limit))
                if time.monotonic() - started > timeout:
                    raise SourceError(url, _timed_out(timeout))
            headers = {name.lower(): value for name, value in response.headers.items()}
            return FetchResult(
                url=public_url(str(response.url)),
                status=response.status_code,
                headers=headers,
                content=bytes(body),
                charset=declared_charset(headers.get("content-type", "")),
            )
    except BlockedAddress as exc:
        raise SourceError(url, _blocked(exc, url)) from exc
    except httpx.TimeoutException as exc:
        raise SourceError(url, _timed_out(timeout)) from exc
    except httpx.TooManyRedirects as exc:
        raise SourceError(
            url,
            f"more than {settings.http_max_redirects} redirects (a redirect loop?); "
            "check the URL or raise http_max_redirects",
        ) from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise SourceError(url, f"invalid URL ({exc}); check the address") from exc
    except httpx.ConnectError as exc:
        raise SourceError(url, f"could not connect ({_short(exc)}); check the URL and the network") from exc
    except httpx.DecodingError as exc:
        raise SourceError(url, f"the server sent a body that could not be decompressed ({_short(exc)})") from exc
    except httpx.HTTPError as exc:
        raise SourceError(url, f"HTTP request failed ({type(exc).__name__}: {_short(exc)}); try again later") from exc


def _blocked(exc: BlockedAddress, url: str) -> str:
    try:
        asked = (urlsplit(url).hostname or "").lower()
    except ValueError:
        asked = ""
    via = "" if exc.host.lower().strip("[]") == asked else f" (a redirect led to {exc.host!r})"
    what = exc.address if exc.host.strip("[]") == exc.address else f"{exc.host} is {exc.address}"
    return (
        f"refused by the URL policy{via}: {what}, {exc.kind}; newsbrief fetches "
        "only public addresses (pass --allow-private-addresses to fetch from your own network)"
    )


def _timed_out(timeout: float) -> str:
    return f"timed out after {timeout:g} s; check the URL or raise http_timeout"


def _too_large(size: int | None, limit: int) -> str:
    what = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return f"response body is {what}, over the limit of {limit:,}; raise max_input_bytes to read it"


def _short(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__
