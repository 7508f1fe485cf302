"""The hostile-input suite: every case of tests/hostile_cases.py through the real command line.

``ingest`` gets all the hostile inputs mixed with good articles, in one run, under a memory
limit and a time limit; then ``brief``, ``articles``, ``stories`` and ``show`` run on the
resulting store (whose titles, outlets and URLs carry injection payloads).  For each input:
the exit status keeps its meaning, every bad input or record is named on one line of its
own, there is no traceback, the good articles are stored, and the store passes SQLite's
integrity check.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hostile_cases import Case, good_articles, write_cases
from newsbrief.store import Store

INGEST_MEMORY_LIMIT = 4 << 30  # address space for ingest: far above its needs, far below an unbounded read
TIMEOUT = 600  # seconds; a hang fails the test instead of the CI job


def newsbrief(*args: str, memory: int | None = None, timeout: int = TIMEOUT) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "newsbrief.cli", *args],
        capture_output=True, text=True, timeout=timeout, preexec_fn=limit,
        env={**os.environ, "COLUMNS": "80"}, errors="surrogateescape",
    )


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Case], Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("hostile")
    cases = write_cases(root / "cases")
    good = good_articles(root / "good")
    inputs = [good[0]] + [i for case in cases for i in case.inputs] + good[1:]
    db = root / "hostile.db"
    result = newsbrief("ingest", *inputs, "--db", str(db), "--no-update", memory=INGEST_MEMORY_LIMIT)
    return cases, db, result


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error ")]


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_ingest_exit_status_and_no_traceback(hostile_run: tuple[list[Case], Path, subprocess.CompletedProcess[str]]) -> None:
    _cases, db, result = hostile_run
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1, result.stderr[-3000:]  # some inputs failed, the rest were stored
    assert integrity(db) == "ok"


def test_every_output_line_is_one_error_or_the_summary(hostile_run: tuple[list[Case], Path, subprocess.CompletedProcess[str]]) -> None:
    """A newline, ESC or markup in a name cannot split, fake or colour a line."""
    _cases, _db, result = hostile_run
    assert "\x1b" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(("error ", "ingested ")), f"a stray line: {line!r}"
    assert result.stderr.count("\ningested ") + result.stderr.startswith("ingested ") == 1


def test_each_bad_input_is_named_with_its_reason(hostile_run: tuple[list[Case], Path, subprocess.CompletedProcess[str]]) -> None:
    cases, _db, result = hostile_run
    lines = error_lines(result)
    missing = [
        (case.name, text) for case in cases if case.expect in ("error", "partial")
        for text in case.named if not any(text in line for line in lines)
    ]
    assert not missing, f"not named on any error line: {missing}"
    big = next(c for c in cases if c.name == "folder_5000_files")
    assert sum(1 for line in lines if f"{Path(big.inputs[0]).name}/f0" in line) == 5000  # one line per file


def test_good_articles_and_good_records_are_stored(hostile_run: tuple[list[Case], Path, subprocess.CompletedProcess[str]]) -> None:
    _cases, db, _result = hostile_run
    with Store(db) as store:
        titles = {a.title for a in store.iter_articles()}
        origins = [a.origin for a in store.iter_articles()]
        urls = [a.url or "" for a in store.iter_articles()]
    expected = {f"Good article {i}" for i in range(3)} | {
        "Ferry terminal opens, fifo folder",  # the regular file next to a FIFO
        "Ferry terminal opens, socket folder",
        "Ferry terminal opens, symlink folder",
        "Ferry terminal opens under a name that is not UTF-8",
        "Ferry terminal opens, newline in name",
        "Ferry terminal opens, dash name",
        "Ferry terminal opens, JSONL line 1",
        "Ferry terminal opens, JSONL line 7",  # after five bad lines
        "Ferry terminal opens, before the bomb",
        "Huge integer date",
        "WARC page 2", "WARC gz page 2",  # the records before the truncation
        "Charset rot13", "Charset base64", "Charset zlib", "Charset undefined",
    }
    assert expected <= titles, sorted(expected - titles)
    assert sum(1 for t in titles if t and t.startswith("Injected ")) == 8
    assert not any(t and t.startswith("WARC page 4") for t in titles)  # lost records are not half-stored
    assert any("\\xff\\xfe" in o for o in origins)  # the undecodable name, escaped
    assert not any("secret" in u for u in urls + origins)


def test_ingest_memory_stays_bounded(hostile_run: tuple[list[Case], Path, subprocess.CompletedProcess[str]]) -> None:
    """The run above had a 4 GiB address-space limit: a MemoryError would have ended it with a
    traceback or an internal error (checked above); here, /dev/zero and the bombs were refused."""
    _cases, _db, result = hostile_run
    lines = error_lines(result)
    assert any("/dev/zero" in line and "character device" in line for line in lines)
    assert any("bomb.html.gz" in line and "over the limit" in line for line in lines)


@pytest.fixture(scope="module")
def briefed(hostile_run: tuple[list[Case], Path, subprocess.CompletedProcess[str]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    _cases, db, _result = hostile_run
    out = tmp_path_factory.mktemp("briefs") / "brief.md"
    result = newsbrief("brief", "--db", str(db), "--format", "markdown", "-o", str(out), "-q")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    return db, out


def test_brief_markdown_from_hostile_store_runs_nothing(briefed: tuple[Path, Path]) -> None:
    from markdown_it import MarkdownIt

    db, out = briefed
    markdown = out.read_text(encoding="utf-8")
    assert "\x1b" not in markdown and "Injected" in markdown
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collector().feed(MarkdownIt("commonmark").enable("table").render(markdown))
    assert {tag for tag, _ in found} <= {"h1", "h2", "p", "em", "strong", "code", "ul", "ol", "li", "br", "hr",
                                         "table", "thead", "tbody", "tr", "th", "td"}
    assert all(not attrs or tag == "ol" for tag, attrs in found)
    assert integrity(db) == "ok"


@pytest.mark.parametrize("command", [("articles",), ("stories",), ("articles", "--json")])
def test_listing_commands_print_hostile_titles_literally(briefed: tuple[Path, Path], command: tuple[str, ...]) -> None:
    db, _ = briefed
    result = newsbrief(*command, "--db", str(db))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "\x1b" not in result.stdout
    if "--json" not in command:
        assert "[/]" in result.stdout  # console markup shown, not interpreted


def test_show_prints_a_hostile_article_literally(briefed: tuple[Path, Path]) -> None:
    db, _ = briefed
    with Store(db) as store:
        article = next(a for a in store.iter_articles() if (a.title or "").startswith("Injected markup"))
    result = newsbrief("show", article.id, "--db", str(db))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "[/] [bold red]x[/]" in result.stdout and "\x1b" not in result.stdout
