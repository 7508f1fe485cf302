"""The ``newsbrief`` command: a thin shell that parses, calls one library function, formats.

Exit status: 0 when everything asked for was done, 1 when some inputs failed, 2 on usage
errors (bad options, unreadable database, unknown ids).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsbrief import __version__, pipeline
from newsbrief.errors import NewsbriefError
from newsbrief.settings import Settings
from newsbrief.store import Store

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=Settings().db_path, help="SQLite database file (default: %(default)s)"
    )


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} done"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )


# -- ingest ----------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    settings = Settings(db_path=args.db)
    with Store(args.db) as store, _progress(args.quiet) as progress:
        task = progress.add_task("ingesting", total=None)

        def tick(origin: str) -> None:
            progress.update(task, advance=1, description=f"ingesting {origin[-50:]}")

        report = pipeline.ingest(args.inputs, store, settings, on_error=args.on_error, progress=tick)
    if args.json:
        out.print_json(
            json.dumps(
                {
                    "ingested": [a.id for a in report.ingested],
                    "duplicates": [
                        {"id": a.id, "duplicate_of": a.duplicate_of, "kind": a.duplicate_kind}
                        for a in report.duplicates
                    ],
                    "unchanged": report.unchanged,
                    "failed": [{"input": o, "reason": r} for o, r in report.failed],
                }
            )
        )
    elif not args.quiet or report.failed:
        for origin, reason in report.failed:
            err.print(f"[red]error[/red] {origin}: {reason}")
        err.print(
            f"ingested {len(report.ingested)}, duplicates {len(report.duplicates)}, "
            f"already stored {len(report.unchanged)}, failed {len(report.failed)} -> {args.db}"
        )
    return EXIT_OK if report.ok else EXIT_PARTIAL


# -- articles --------------------------------------------------------------------------


def cmd_articles(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        articles = list(store.iter_articles())
    if args.json:
        rows = [
            {
                "id": a.id,
                "outlet": a.outlet,
                "published": a.published,
                "title": a.title,
                "words": a.word_count,
                "language": a.language,
                "origin": a.origin,
                "url": a.url,
                "duplicate_of": a.duplicate_of,
                "duplicate_kind": a.duplicate_kind,
                "removed": len(a.removed),
            }
            for a in articles
        ]
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return EXIT_OK
    table = Table(title=f"{len(articles)} articles in {args.db}")
    for column in ("id", "outlet", "date", "title", "words", "lang", "duplicate of"):
        table.add_column(column)
    for a in articles:
        dup = f"{a.duplicate_of[:10]} ({a.duplicate_kind})" if a.duplicate_of else ""
        table.add_row(
            a.id[:10], a.outlet or "?", a.published_date or "?", (a.title or "")[:60],
            str(a.word_count), a.language or "?", dup,
        )
    out.print(table)
    return EXIT_OK


# -- the parser ------------------------------------------------------------------------

Command = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbrief",
        description="Many news articles in, one trustworthy, cited account out.",
    )
    parser.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("ingest", help="read, clean and store articles from files, folders, URLs, feeds, WARCs or -")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, glob, URL, feed URL, .warc(.gz), or - for stdin")
    _add_db(p)
    p.add_argument("--on-error", choices=pipeline.ON_ERROR_CHOICES, default="record",
                   help="on a bad input: raise (stop), skip (log and go on), record (also store the failure); default %(default)s")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary (errors still print)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("articles", help="list stored articles: outlet, date, title, words, duplicate-of")
    _add_db(p)
    p.add_argument("--json", action="store_true", help="print JSON records instead of a table")
    p.set_defaults(func=cmd_articles)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )
    func: Command = args.func
    try:
        return func(args)
    except NewsbriefError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.print("interrupted; everything stored so far is kept")
        return 130


if __name__ == "__main__":
    sys.exit(main())
