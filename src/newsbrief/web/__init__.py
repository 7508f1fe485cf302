"""The web app: ``newsbrief serve`` (see docs/web.md).

:func:`create_app` builds the FastAPI app over one database; :func:`serve` runs it with
uvicorn, refusing a non-loopback address without an access token.
"""

from __future__ import annotations

import ipaddress

from newsbrief.errors import ConfigError
from newsbrief.settings import Settings


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db_path: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    watch: bool = True,
    settings: Settings | None = None,
) -> None:
    """Serve the app until Ctrl-C (the watch loop, if on, stops between two articles)."""
    import uvicorn

    from newsbrief.web.app import create_app

    if not is_loopback(host) and not token:
        raise ConfigError(
            f"--host {host} would expose the app beyond this machine; pass --token SECRET "
            "(or set NEWSBRIEF_TOKEN) so every request must carry it, or bind 127.0.0.1"
        )
    app = create_app(db_path, token=token if not is_loopback(host) or token else None, watch_feeds=watch, settings=settings)
    uvicorn.run(app, host=host, port=port, log_level="warning")
