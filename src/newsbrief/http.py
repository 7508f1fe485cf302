"""The only module of newsbrief that speaks HTTP (httpx).

``fetch(url, settings)`` returns a ``FetchResult`` or raises ``SourceError`` naming the URL and
what to do about it: every httpx exception and every non-2xx status is wrapped here, so the
rest of newsbrief (and its tests) meet the network at this one seam.

Limits come from ``Settings``: ``http_timeout`` bounds each network operation *and* the whole
request (a server that drips bytes forever is abandoned too), ``max_input_bytes`` bounds the
body (streamed; reading stops as soon as the limit is passed, after content decoding so a
compressed bomb cannot slip through), ``http_max_redirects`` bounds redirects, and
``user_agent`` is sent with every request.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message

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
    return httpx.Client(
        follow_redirects=True,
        max_redirects=settings.http_max_redirects,
        timeout=httpx.Timeout(settings.http_timeout),
        headers={"User-Agent": settings.user_agent},
    )


@contextmanager
def client_for(settings: Settings) -> Iterator[httpx.Client]:
    """``with client_for(settings) as client:`` — a client closed on exit."""
    client = new_client(settings)
    try:
        yield client
    finally:
        client.close()


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> FetchResult:
    """GET ``url`` and return its body, or raise ``SourceError(url, reason)``.

    ``client`` (from ``new_client``) lets a caller reuse connections; without it a client is
    made and closed for this one request.
    """
    if not is_url(url):
        raise SourceError(url, "not an http(s) URL; newsbrief fetches only http:// and https:// addresses")
    if client is None:
        with client_for(settings) as own:
            return _fetch(url, settings, own)
    return _fetch(url, settings, client)


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


def _fetch(url: str, settings: Settings, client: httpx.Client) -> FetchResult:
    timeout = settings.http_timeout
    started = time.monotonic()
    try:
        with client.stream("GET", url) as response:
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
                url=str(response.url),
                status=response.status_code,
                headers=headers,
                content=bytes(body),
                charset=declared_charset(headers.get("content-type", "")),
            )
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


def _timed_out(timeout: float) -> str:
    return f"timed out after {timeout:g} s; check the URL or raise http_timeout"


def _too_large(size: int | None, limit: int) -> str:
    what = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return f"response body is {what}, over the limit of {limit:,}; raise max_input_bytes to read it"


def _short(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__
