"""The ``newsbrief`` command: a thin shell that parses, calls one library function, formats.

Exit status: 0 when everything asked for was done, 1 when some inputs failed, 2 on usage
errors (bad options, unreadable database, unknown ids), 3 on an internal error (a bug: the
message says so, ``-v`` shows the traceback).  Everything printed that comes from an input
(names, titles, URLs, reasons) goes through ``newsbrief.terminal`` first.

Start-up stays light: the pipeline (trafilatura, spaCy, torch, scikit-learn) is imported
inside the commands that need it, and so are the store and rich (whose consoles are made on
first use; JSON piped to a file or program is written without it), so ``--help``,
``--version``, ``articles``, and ``stories --json`` and ``show`` on an up-to-date store are
quick (bench/startup.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, cast

from newsbrief import __version__
from newsbrief.errors import ON_ERROR_CHOICES, ConfigError, NewsbriefError, SourceError
from newsbrief.settings import Settings
from newsbrief.terminal import one_line, strip_controls

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress
    from rich.text import Text

    from newsbrief.analyse import Analysis
    from newsbrief.models import Article
    from newsbrief.pipeline import IngestReport
    from newsbrief.scale import Executor
    from newsbrief.store import Store

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class LazyConsole:
    """A rich ``Console`` made on first use, with these options: importing rich.console is
    a good part of a quick command's start-up, and `--help` or piped JSON never needs it."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def get(self) -> Console:
        """The Console itself (made now if not yet)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:  # only for names not set above: the Console's
        return getattr(self.get(), name)


out = LazyConsole(highlight=False, soft_wrap=True, emoji=False)
# soft_wrap: messages name paths and must stay on one line whatever the terminal width; emoji=False:
# a title's ":fire:" is text, printed as written (and rich's emoji table is not loaded)
err = LazyConsole(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def plain(stream: IO[str]) -> bool:
    """Whether rich would treat ``stream`` as no terminal (piped or redirected, and neither
    TTY_COMPATIBLE=1 nor FORCE_COLOR set): then it prints plain text, which we can write
    without importing it."""
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return True


def print_json(data: Any) -> None:
    """``data`` as JSON on stdout, indented by two: highlighted by rich on a terminal,
    otherwise the same text written directly (rich prints it so too)."""
    if plain(sys.stdout):
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        out.print_json(json.dumps(data, ensure_ascii=False))


def _open_store(db: str) -> Store:
    from newsbrief.store import Store

    return Store(db)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=Settings().db_path, help="SQLite database file (default: %(default)s)"
    )


def _add_network(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-private-addresses", action="store_true",
        help="also fetch URLs on loopback, private and link-local addresses (refused by default; docs/security.md)",
    )


def _add_executor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers", type=int, metavar="N",
        help="extract, analyse and brief in N local processes (0: one per core); default: this process, or $NEWSBRIEF_WORKERS",
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="run on a Dask cluster, e.g. tcp://host:8786 (needs newsbrief[dask]; docs/scale.md); default: $NEWSBRIEF_SCHEDULER",
    )


def _executor(args: argparse.Namespace) -> Executor:
    from newsbrief.scale import make_executor

    return make_executor(workers=args.workers, scheduler=args.scheduler)


class _NoProgress:
    """What :func:`_progress` returns when nothing would be shown: rich's Progress calls, doing
    nothing (without importing rich.progress)."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, total: float | None = None, **fields: Any) -> int:
        return 0

    def update(self, task: int, **fields: Any) -> None:
        return None


def _progress(quiet: bool) -> Progress:
    if quiet or plain(sys.stderr):  # rich's Progress would be disabled: nothing to import
        return cast("Progress", _NoProgress())
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} done"),
        TimeElapsedColumn(),
        console=err.get(),
        disable=quiet or not err.is_terminal,
        transient=True,
    )


# -- ingest ----------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from newsbrief import pipeline

    settings = Settings(db_path=args.db, allow_private_addresses=args.allow_private_addresses)
    with _open_store(args.db) as store, _executor(args) as executor, _progress(args.quiet) as progress:
        task = progress.add_task("ingesting", total=None)

        def tick(origin: str) -> None:
            progress.update(task, advance=1, description=f"ingesting {origin[-50:]}")

        report = pipeline.ingest(args.inputs, store, settings, on_error=args.on_error, progress=tick, executor=executor)
        updated = None
        if not args.no_update:
            progress.update(task, description="analysing and updating stories")
            updated = pipeline.update(
                store, settings, progress=lambda what: progress.update(task, description=what), executor=executor
            )
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
                    "stories": None if updated is None else {
                        "new": updated.stories.new_stories,
                        "joined": updated.stories.joined,
                        "duplicates": updated.stories.duplicates,
                        "analysis_failed": [{"id": i, "reason": r} for i, r in updated.failed],
                    },
                }
            )
        )
    elif not args.quiet or report.failed:
        for origin, reason in report.failed:
            err.print(f"[red]error[/red] {one_line(origin)}: {one_line(reason)}")
        err.print(
            f"ingested {len(report.ingested)}, duplicates {len(report.duplicates)}, "
            f"already stored {len(report.unchanged)}, failed {len(report.failed)} -> {one_line(args.db)}"
        )
        if updated is not None:
            for article_id, reason in updated.failed:
                err.print(f"[red]error[/red] {article_id[:10]}: {one_line(reason)}")
            err.print(
                f"analysed {updated.analysed}; stories: {len(updated.stories.new_stories)} new, "
                f"{updated.stories.joined} articles joined existing ones, {updated.stories.duplicates} copies"
            )
    return EXIT_OK if report.ok and (updated is None or not updated.failed) else EXIT_PARTIAL


# -- articles --------------------------------------------------------------------------


def article_record(a: Article) -> dict[str, Any]:
    """One row of ``articles --json`` (and of the web API's /api/articles)."""
    return {
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


def cmd_articles(args: argparse.Namespace) -> int:
    with _open_store(args.db) as store:
        articles = list(store.iter_articles())
    if args.json:
        rows = [article_record(a) for a in articles]
        print_json(rows)
        return EXIT_OK
    from rich.table import Table

    table = Table(title=f"{len(articles)} articles in {one_line(args.db)}")
    for column in ("id", "outlet", "date", "title", "words", "lang", "duplicate of"):
        table.add_column(column)
    for a in articles:
        dup = f"{a.duplicate_of[:10]} ({a.duplicate_kind})" if a.duplicate_of else ""
        table.add_row(
            a.id[:10], one_line(a.label), one_line(a.published_date or "?"), one_line((a.title or "")[:60]),
            str(a.word_count), one_line(a.language or "?"), dup,
        )
    out.print(table)
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from newsbrief import pipeline

    with _open_store(args.db) as store:
        removed = pipeline.remove_articles(store, args.article_ids)
    for a in removed:
        out.print(f"removed {a.id[:10]}  {one_line(a.label)}  {one_line((a.title or a.origin)[:60])}", markup=False)
    if not args.quiet:
        err.print(f"removed {len(removed)} article{'s' if len(removed) != 1 else ''} from {one_line(args.db)}", markup=False)
    return EXIT_OK


# -- analyse / show ----------------------------------------------------------------------

LABEL_STYLES = {
    "PERSON": "bold cyan", "ORG": "bold magenta", "GPE": "bold green", "LOC": "green",
    "FAC": "green", "NORP": "yellow", "EVENT": "bold blue", "LAW": "blue", "PRODUCT": "blue",
    "DISEASE": "red",
}


def cmd_analyse(args: argparse.Namespace) -> int:
    from newsbrief import pipeline

    with _open_store(args.db) as store, _executor(args) as executor, _progress(args.quiet) as progress:
        ids = store.article_ids() if args.force else pipeline.pending_articles(store)
        task = progress.add_task("analysing", total=len(ids))

        def tick(article: Article) -> None:
            progress.update(task, advance=1, description=f"analysing {article.id[:10]}")

        report = pipeline.analyse_store(
            store, ids, progress=tick, on_error=args.on_error, force=args.force, executor=executor
        )
        if report.analysed:  # the sentence vectors briefs read, on the same executor
            progress.update(task, description=f"embedding the sentences of {len(report.analysed)} articles")
            pipeline.embed_sentences(store, report.analysed, executor=executor)
    for article_id, reason in report.failed:
        err.print(f"[red]error[/red] {article_id[:10]}: {one_line(reason)}")
    if not args.quiet or report.failed:
        err.print(f"analysed {len(report.analysed)} articles, {len(report.failed)} failed -> {args.db}")
    return EXIT_OK if report.ok else EXIT_PARTIAL


def cmd_show(args: argparse.Namespace) -> int:
    from newsbrief import pipeline

    with _open_store(args.db) as store:
        analysis = pipeline.load_analysis(store, args.article_id)
    if args.json:
        data = {
            "article": analysis.article.to_dict(),
            "layers": {name: [r.to_dict() for r in records] for name, records in analysis.layers.items()},
        }
        print_json(data)
        return EXIT_OK
    a = analysis.article
    out.print(f"[bold]{one_line(a.title or '(no title)')}[/bold]")
    for key, value in (("id", a.id), ("outlet", a.outlet), ("published", a.published), ("author", a.author),
                       ("url", a.url), ("origin", a.origin), ("language", a.language), ("words", a.word_count),
                       ("duplicate of", f"{a.duplicate_of} ({a.duplicate_kind})" if a.duplicate_of else None)):
        if value:
            out.print(f"[dim]{key}:[/dim] {one_line(value)}")
    from newsbrief.analyse.nlp import model_fits

    if not model_fits(a):
        out.print(f"[yellow]stored, not analysed: the models read English and this article is in {one_line(a.language or '?')}[/yellow]")
    legend = "  ".join(f"[{style}]{label}[/{style}]" for label, style in LABEL_STYLES.items())
    out.print(f"\n[dim]entities:[/dim] {legend}  [dim]quotes: italic, speaker underlined; "
              "dates: red with their value[/dim]\n")
    out.print(_highlighted(analysis))
    _show_lists(analysis)
    return EXIT_OK


def _highlighted(analysis: Analysis) -> Text:
    """The article text with entities, quotes, speakers and time expressions styled."""
    from rich.text import Text

    from newsbrief.render import reader_date

    text = analysis.article.text
    spans: list[tuple[int, int, str]] = []
    inserts: dict[int, list[str]] = {}
    for e in analysis.entities:
        spans.append((e.start, e.end, LABEL_STYLES.get(e.label, "blue")))
    for q in analysis.quotes:
        spans.append((q.start, q.end, "italic"))
        if q.speaker_start is not None and q.speaker_end is not None:
            spans.append((q.speaker_start, q.speaker_end, "underline"))
    for t in analysis.times:
        spans.append((t.start, t.end, "bold red"))
        inserts.setdefault(t.end, []).append(reader_date(t.value) if t.value else "?")
    bounds = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans} | set(inserts))
    result = Text()
    for left, right in zip(bounds, bounds[1:], strict=False):
        style = " ".join(st for s, e, st in spans if s <= left and right <= e)
        result.append(strip_controls(text[left:right]), style=style or None)
        for value in inserts.get(right, []):
            result.append(f" [{value}]", style="red")
    return result


def _show_lists(analysis: Analysis) -> None:
    from newsbrief.render import QUOTE_KINDS, reader_date, reader_estimate, reader_quantity, reader_speaker

    removed = analysis.article.removed
    out.print(f"\n[bold]Removed lines ({len(removed)})[/bold]")
    for r in removed:
        out.print(f"  {one_line(repr(r.line))} [dim]({one_line(r.reason)})[/dim]")
    quotes = analysis.quotes
    out.print(f"\n[bold]Quotes ({len(quotes)})[/bold]")
    by_speaker: dict[str, list[Any]] = {}
    for q in quotes:  # "he" not resolved is no person: listed as 'unattributed ("he")', as the web app marks it
        who = reader_speaker(q)
        role = q.speaker_role if q.speaker and q.speaker_role and q.speaker_role.lower() != q.speaker.lower() else None
        by_speaker.setdefault(f"{who} ({role})" if role else who, []).append(q)
    for speaker, items in by_speaker.items():
        for q in items:  # a quote running over paragraphs on one line, not with "\n\n" shown
            out.print(f"  [bold]{one_line(speaker)}[/bold]: {one_line(' '.join(q.text.split()))} "
                      f"[dim]({one_line(QUOTE_KINDS.get(q.kind, q.kind))})[/dim]")  # "paraphrase", as the brief says
    times = analysis.times
    out.print(f"\n[bold]Time expressions ({len(times)})[/bold]")
    for t in times:
        shown = f"{reader_date(t.value)} [dim]({one_line(t.value)}, {t.granularity})[/dim]" if t.value else f"? [dim]({t.granularity})[/dim]"
        out.print(f"  {one_line(t.text)} -> {shown}")
    quantities = analysis.quantities
    out.print(f"\n[bold]Quantities ({len(quantities)})[/bold]")
    for n in quantities:
        details = "; ".join(filter(None, (
            f"counts {n.counted}" if n.counted else "",  # a vague count's estimate, for whoever checks the reading
            f"read as {reader_estimate(n.value, n.unit, n.value_max)}" if n.value_max is not None and n.modifier else "",
        )))
        out.print(f"  {one_line(n.text)} -> {one_line(reader_quantity(n))}" + (f" [dim]({one_line(details)})[/dim]" if details else ""))
    entities = analysis.entities
    names: dict[str, dict[str, None]] = {}
    for e in entities:
        names.setdefault(e.label, {})[e.text] = None
    out.print(f"\n[bold]Entities ({len(entities)} mentions)[/bold]")
    for label, texts in sorted(names.items()):
        out.print(f"  [{LABEL_STYLES.get(label, 'blue')}]{one_line(label)}[/]: {one_line(', '.join(texts))}")


# -- stories ---------------------------------------------------------------------------


def cmd_stories(args: argparse.Namespace) -> int:
    from newsbrief import pipeline

    with _open_store(args.db) as store, _progress(quiet=False) as progress:
        task = progress.add_task("updating stories", total=None)
        listing = pipeline.stories(store, Settings(db_path=args.db), progress=lambda what: progress.update(task, description=what))
    if args.json:
        print_json([item.to_dict() for item in listing])
        return EXIT_OK
    from newsbrief.copies import independent_outlets
    from newsbrief.render import plural, reader_span

    if not listing:
        err.print(f"no stories in {one_line(args.db)} yet; `newsbrief ingest FILES --db {one_line(args.db)}` adds articles and stories")
    for item in listing:
        story = item.story
        dates = reader_span(story.first_date, story.last_date)
        out.print(f"[bold]{one_line(story.title or '(untitled)')}[/bold]")
        independent = plural(independent_outlets(item.articles), "independent outlet")
        out.print(f"  story {story.id}  {one_line(dates)}  {independent}, {plural(len(story.article_ids), 'article')}  "
                  f"outlets: {one_line(', '.join(story.outlets) or '?')}")
        for a in item.articles:
            copy = f"  [dim](copy of {a.duplicate_of[:10]})[/dim]" if a.duplicate_of else ""
            out.print(f"  - {a.id[:10]}  {one_line(a.label)}  {one_line(a.date or '?')}  {one_line((a.title or '')[:70])}  {one_line(a.url or a.origin)}{copy}")
        for link in story.related:
            out.print(f"  {link.relation}: {link.story_id}  ({one_line(link.reason)})")
        out.print()
    return EXIT_OK


# -- brief -----------------------------------------------------------------------------


def _format_name(text: str) -> str:
    """``--format`` as written: any case, and the file suffixes ``md``/``htm`` for their formats."""
    name = text.strip().lower()
    return FORMAT_SUFFIXES.get("." + name, name)


FORMAT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".html": "html", ".htm": "html"}


def output_formats(outputs: Sequence[str], explicit: str | None) -> list[tuple[str, str]]:
    """(path, format) of each ``-o`` path: the format its suffix names, else ``--format``
    (default markdown).  A suffix naming another format than an explicit ``--format`` is an error."""
    from pathlib import Path

    pairs = []
    for path in outputs:
        by_suffix = FORMAT_SUFFIXES.get(Path(path).suffix.lower())
        if explicit and by_suffix and by_suffix != explicit:
            raise ConfigError(
                f"-o {path} names {by_suffix} by its suffix but --format is {explicit}; "
                "drop --format (the suffix decides) or rename the file"
            )
        pairs.append((path, by_suffix or explicit or "markdown"))
    return pairs


def _story_list(value: str | None) -> list[str] | None:
    """``--stories ID,ID``: the ids (or unique prefixes), in order, without blanks."""
    if value is None:
        return None
    ids = [part.strip() for part in value.split(",") if part.strip()]
    if not ids:
        raise ConfigError(f"--stories {value!r}: give story ids separated by commas (`newsbrief stories` lists them)")
    return ids


def cmd_brief(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newsbrief import pipeline, render

    settings = Settings(db_path=args.db, allow_private_addresses=args.allow_private_addresses)
    failed: list[tuple[str, str]] = []
    outputs = output_formats(args.output or [], args.format)

    def ingested(report: IngestReport) -> None:
        failed.extend(report.failed)
        for origin, reason in report.failed:
            err.print(f"[red]error[/red] {one_line(origin)}: {one_line(reason)}")
        if not args.quiet:
            err.print(
                f"ingested {len(report.ingested)}, duplicates {len(report.duplicates)}, "
                f"already stored {len(report.unchanged)}, failed {len(report.failed)} -> {one_line(args.db)}"
            )

    with _open_store(args.db) as store, _executor(args) as executor, _progress(args.quiet) as progress:
        task = progress.add_task("briefing", total=None)
        try:
            briefs = pipeline.brief(
                args.inputs, store, settings, story_id=args.story, top=args.top, focus=args.focus,
                lead_words=args.lead_words, story_ids=_story_list(args.stories), as_one=args.as_one,
                progress=lambda message: progress.update(task, advance=1, description=message[-60:]),
                on_ingest=ingested, executor=executor,
            )
        except SourceError as exc:
            if not failed:
                raise
            err.print(f"[red]error[/red] {one_line(str(exc))}")  # the inputs failed, not the command
            return EXIT_PARTIAL
        rendered: dict[str, str] = {}
        for fmt in {fmt for _, fmt in outputs} or {args.format or "markdown"}:
            if fmt == "html":
                rendered[fmt] = pipeline.render_html(store, briefs)
            elif fmt == "json":
                rendered[fmt] = render.to_json(briefs)
            else:
                rendered[fmt] = render.to_markdown(briefs)
    for path, fmt in outputs:
        try:
            Path(path).write_text(rendered[fmt], encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {path} ({exc.strerror}); pass another -o path") from exc
        if not args.quiet:
            err.print(f"{len(briefs)} stor{'y' if len(briefs) == 1 else 'ies'} briefed -> {one_line(path)} ({fmt})")
    if not outputs:
        fmt = args.format or "markdown"
        if fmt == "markdown" and out.is_terminal:
            from rich.markdown import Markdown  # only for a terminal: its import is slow

            out.print(Markdown(strip_controls(rendered[fmt])))
        else:
            sys.stdout.write(rendered[fmt])
    return EXIT_PARTIAL if failed else EXIT_OK


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
    p.add_argument("--on-error", choices=ON_ERROR_CHOICES, default="record",
                   help="on a bad input: raise (stop), skip (log and go on), record (also store the failure); default %(default)s")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    _add_network(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary (errors still print)")
    p.add_argument("--no-update", action="store_true",
                   help="only store the articles: do not analyse them or update stories (later commands do it)")
    _add_executor(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("articles", help="list stored articles: outlet, date, title, words, duplicate-of")
    _add_db(p)
    p.add_argument("--json", action="store_true", help="print JSON records instead of a table")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("remove", help="delete stored articles and everything stored about them (analyses, story membership, briefs)")
    p.add_argument("article_ids", nargs="+", metavar="ARTICLE_ID", help="article id, or a unique prefix of at least 6 characters")
    _add_db(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("analyse", help="analyse stored articles (sentences, entities, quotes, times, quantities); incremental")
    _add_db(p)
    p.add_argument("--force", action="store_true", help="recompute every layer of every article, even if up to date")
    p.add_argument("--on-error", choices=ON_ERROR_CHOICES, default="record",
                   help="on a failing article: raise (stop), skip (log and go on), record (also store the failure); default %(default)s")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary (errors still print)")
    _add_executor(p)
    p.set_defaults(func=cmd_analyse)

    p = sub.add_parser("show", help="one article with its entities, quotes, dates and quantities highlighted")
    p.add_argument("article_id", metavar="ARTICLE_ID", help="article id, or a unique prefix of at least 6 characters")
    _add_db(p)
    p.add_argument("--json", action="store_true", help="print the article and all its layers as JSON records")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("stories", help="articles grouped into stories: title, dates, outlets, articles, related stories")
    _add_db(p)
    p.add_argument("--json", action="store_true", help="print JSON records instead of text")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("brief", help="a cited brief per story: lead, key facts, disputes, quotes, timeline, coverage")
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="optional: files, folders, URLs, feeds, WARCs to ingest first; without, brief what is stored")
    _add_db(p)
    p.add_argument("--story", metavar="ID", help="brief only this story (id or unique prefix); default: all, newest first")
    p.add_argument("--top", metavar="N", type=int, help="brief only the N stories reported by the most outlets")
    p.add_argument("--stories", metavar="ID,ID", help="brief only these stories (ids or unique prefixes, comma-separated)")
    p.add_argument("--as-one", action="store_true",
                   help="brief the INPUTs (or --stories, or the whole store) as ONE story with dated developments, "
                   "however they were grouped: a topic pile, months of coverage")
    p.add_argument("--format", choices=("markdown", "json", "html"), default=None, type=_format_name,
                   help="markdown or md (rendered in a terminal), json (docs/brief-schema.json) or a self-contained html report; "
                   "default: from the -o suffix (.md, .json, .html), else markdown")
    p.add_argument("-o", "--output", metavar="FILE", action="append",
                   help="write to FILE instead of stdout; repeat for several formats in one run (-o b.md -o b.html -o b.json)")
    p.add_argument("--lead-words", type=int, metavar="N", help=f"words of each lead: filled up to N, never more (default {Settings().lead_words})")
    p.add_argument("--focus", metavar="QUESTION", help="bias the lead and key facts toward this question")
    _add_network(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary (errors still print)")
    _add_executor(p)
    p.set_defaults(func=cmd_brief)

    from newsbrief import cli_live

    cli_live.add_commands(sub, _add_db, _add_network)
    return parser


# Commands that only read a database: given one that does not exist, they say so instead of
# creating an empty store (a mistyped --db would otherwise look like "no articles").
READ_COMMANDS = {"articles", "analyse", "remove", "show", "stories", "brief", "feeds", "watch"}


def _check_db_exists(args: argparse.Namespace) -> None:
    from pathlib import Path

    if args.command not in READ_COMMANDS or getattr(args, "inputs", None):
        return
    if args.command == "feeds" and args.feeds_command in ("add", "import"):
        return
    db = getattr(args, "db", None)
    if db and db != ":memory:" and not Path(db).exists():
        raise ConfigError(
            f"database {db} does not exist; check --db, or create it with "
            f"`newsbrief ingest FILES --db {db}` (or `newsbrief feeds add URL --db {db}`)"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    import logging  # after parsing: --help and --version exit before any logging

    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )
    func: Command = args.func
    try:
        _check_db_exists(args)
        return func(args)
    except NewsbriefError as exc:
        err.print(f"[red]error:[/red] {one_line(exc)}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.print("interrupted; everything stored so far is kept")
        return 130
    except Exception as exc:  # a bug: say so, keep the traceback for -v, and exit apart from "inputs failed"
        logging.getLogger("newsbrief").debug("internal error", exc_info=True)
        if args.verbose:
            err.print_exception()
        err.print(
            f"[red]internal error:[/red] {one_line(type(exc).__name__)}: {one_line(exc)}; this is a bug in newsbrief "
            "(everything stored so far is kept); rerun with -v for the traceback and report it"
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
