"""The live-newsroom commands of ``newsbrief``: ``feeds``, ``watch`` and ``serve``.

Thin shells like the rest of :mod:`newsbrief.cli` (whose consoles and exit codes they use):
parse, call one library function (:mod:`newsbrief.feeds`, :mod:`newsbrief.watch`,
:mod:`newsbrief.web`), format.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsbrief import feeds
from newsbrief.errors import ConfigError
from newsbrief.settings import Settings

if TYPE_CHECKING:
    from newsbrief.store import Store

TOKEN_ENV = "NEWSBRIEF_TOKEN"


def _cli() -> Any:
    from newsbrief import cli

    return cli


def escape(text: str) -> str:
    """rich's markup escape, imported on first use (building the parser needs no rich)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _open_store(db: str) -> Store:
    from newsbrief.store import Store

    return Store(db)


# -- feeds ------------------------------------------------------------------------------


def cmd_feeds(args: argparse.Namespace) -> int:
    cli = _cli()
    with _open_store(args.db) as store:
        if args.feeds_command == "add":
            added = feeds.add_feeds(store, args.urls, every=args.every, name=args.name)
            _say_added(added, args.db)
        elif args.feeds_command == "remove":
            for url in feeds.remove_feeds(store, args.urls):
                cli.err.print(f"removed {escape(url)} (its articles stay in {escape(args.db)})")
        elif args.feeds_command == "import":
            added = feeds.import_opml(store, args.file, every=args.every)
            _say_added(added, args.db)
        elif args.feeds_command == "export":
            text = feeds.export_opml(store)
            if args.output:
                _write(args.output, text)
            else:
                sys.stdout.write(text)
        else:
            return _list_feeds(store, args)
    return cli.EXIT_OK


def _write(path: str, text: str) -> None:
    from pathlib import Path

    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {path} ({exc.strerror}); pass another -o path") from exc


def _say_added(result: feeds.AddResult, db: str) -> None:
    cli = _cli()
    for url in result.added:
        cli.err.print(f"subscribed {escape(url)}")
    for url in result.updated:
        cli.err.print(f"already subscribed: {escape(url)} (name and interval updated)")
    cli.err.print(f"`newsbrief watch --db {escape(db)}` polls them; `newsbrief serve --db {escape(db)}` polls and serves")


def _list_feeds(store: Store, args: argparse.Namespace) -> int:
    cli = _cli()
    rows = feeds.list_feeds(store)
    if args.json:
        cli.out.print_json(json.dumps([feeds.feed_to_dict(f) for f in rows], ensure_ascii=False))
        return int(cli.EXIT_OK)
    if not rows:
        cli.err.print(f"no feeds in {escape(args.db)}; `newsbrief feeds add URL --db {escape(args.db)}` subscribes to one")
        return int(cli.EXIT_OK)
    from rich.table import Table

    table = Table(title=f"{len(rows)} feeds in {args.db}")
    for column in ("feed", "every", "last poll", "status", "articles", "next poll"):
        table.add_column(column)
    for f in rows:
        status = f.last_status or "not polled yet"
        if f.last_error:
            status += f"\n{f.last_error}"
        table.add_row(
            f"{f.name}\n{f.url}" if f.name else f.url, feeds.describe_every(f.every_seconds),
            (f.last_poll or "never")[:16].replace("T", " "), status, str(f.articles),
            f.next_poll[:16].replace("T", " "),
        )
    cli.out.print(table)
    return int(cli.EXIT_OK)


# -- watch ------------------------------------------------------------------------------


def stop_on_signals(stop: threading.Event, say: Callable[[str], None]) -> None:
    """SIGINT and SIGTERM set ``stop``: the watch loop ends between two articles."""

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():  # a second Ctrl-C: the user means it
            raise KeyboardInterrupt
        say("stopping after the current article (press Ctrl-C again to abort now)")
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def cmd_watch(args: argparse.Namespace) -> int:
    from newsbrief import watch  # imports the pipeline: not at start-up

    cli = _cli()
    settings = Settings(db_path=args.db, allow_private_addresses=args.allow_private_addresses)
    stop = threading.Event()
    stop_on_signals(stop, lambda message: cli.err.print(message))
    failed = False

    def show(report: watch.WatchReport) -> None:
        nonlocal failed
        for poll in report.feeds:
            line = f"{escape(poll.url)}: {poll.status}"
            if poll.error:
                line += f" ({escape(poll.error)})"
                failed = True
            elif poll.new_items:
                line += f", {poll.new_items} new items, {poll.ingested} stored"
            cli.err.print(line)
        for link, reason in report.failed:
            cli.err.print(f"[red]error[/red] {escape(link)}: {escape(reason)}")
        if report.feeds and not args.quiet:
            cli.err.print(
                f"stored {report.ingested} articles ({report.duplicates} copies), analysed {report.analysed}, "
                f"{len(report.new_stories)} new stories -> {escape(args.db)}"
            )

    with _open_store(args.db) as store:
        if not store.feeds():
            raise ConfigError(f"{args.db} has no feeds to watch; subscribe with `newsbrief feeds add URL --db {args.db}`")
        progress = None if args.quiet else (lambda message: cli.err.print(f"[dim]{escape(message)}[/dim]"))
        watch.run(store, settings, once=args.once, stop=stop, progress=progress if args.verbose_watch else None, on_report=show)
    return int(cli.EXIT_PARTIAL if failed and args.once else cli.EXIT_OK)


# -- serve ------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    from newsbrief.web import serve

    settings = Settings(db_path=args.db, allow_private_addresses=args.allow_private_addresses)
    token = args.token or os.environ.get(TOKEN_ENV) or None
    cli = _cli()
    cli.err.print(f"newsbrief serving {escape(args.db)} on http://{escape(args.host)}:{args.port}/ (Ctrl-C stops)")
    serve(args.db, host=args.host, port=args.port, token=token, watch=not args.no_watch, settings=settings)
    return int(cli.EXIT_OK)


# -- the parsers ------------------------------------------------------------------------


def add_commands(
    sub: Any, add_db: Callable[[argparse.ArgumentParser], None], add_network: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add ``feeds``, ``watch`` and ``serve`` to the ``newsbrief`` sub-command parser."""
    p = sub.add_parser("feeds", help="feed subscriptions: add, list, remove, import/export OPML")
    fsub = p.add_subparsers(dest="feeds_command", metavar="ACTION")
    p.set_defaults(func=cmd_feeds, feeds_command="list", json=False, db=Settings().db_path)

    a = fsub.add_parser("add", help="subscribe to RSS/Atom feeds")
    a.add_argument("urls", nargs="+", metavar="URL", help="feed URL(s)")
    a.add_argument("--every", default=feeds.DEFAULT_EVERY, help="polling interval: 90s, 15m, 2h, 1d (default %(default)s)")
    a.add_argument("--name", help="a name for the feed (one URL only)")
    add_db(a)

    a = fsub.add_parser("list", help="subscriptions: last poll, status (with the reason of a failure), articles, next poll")
    a.add_argument("--json", action="store_true", help="print JSON records instead of a table")
    add_db(a)

    a = fsub.add_parser("remove", help="unsubscribe (stored articles stay)")
    a.add_argument("urls", nargs="+", metavar="URL", help="feed URL(s) as listed by `feeds list`")
    add_db(a)

    a = fsub.add_parser("import", help="subscribe to every feed of an OPML file (what feed readers export)")
    a.add_argument("format", choices=("opml",), help="the file's format (opml)")
    a.add_argument("file", metavar="FILE", help="the OPML file")
    a.add_argument("--every", default=feeds.DEFAULT_EVERY, help="polling interval for these feeds (default %(default)s)")
    add_db(a)

    a = fsub.add_parser("export", help="every subscription as OPML (for a feed reader)")
    a.add_argument("format", choices=("opml",), help="the format to write (opml)")
    a.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_db(a)

    p = sub.add_parser("watch", help="poll due feeds, fetch and ingest new items, update stories; until Ctrl-C")
    add_db(p)
    add_network(p)
    p.add_argument("--once", action="store_true", help="poll the due feeds once and exit")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors and feed failures")
    p.add_argument("--progress", dest="verbose_watch", action="store_true", help="print each feed and article as it is fetched")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("serve", help="the web app: stories, search, briefs with clickable citations, feeds, watch lists, JSON API")
    add_db(p)
    add_network(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s; any other needs a token)")
    p.add_argument("--port", type=int, default=8000, help="port (default %(default)s)")
    p.add_argument("--token", help=f"access token every request must carry; required off 127.0.0.1 (or set {TOKEN_ENV})")
    p.add_argument("--no-watch", action="store_true", help="do not poll feeds in the background (run `newsbrief watch` instead)")
    p.set_defaults(func=cmd_serve)
