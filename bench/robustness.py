"""Robustness: hostile inputs, the URL policy, injection payloads and kill -9, counted.

1. Every case of ``tests/hostile_cases.py`` (plus a good article) through ``newsbrief ingest
   --no-update`` in its own process, under a 4 GiB address-space limit and a 300 s timeout.
   Per case: a one-line error naming each bad input or record (and the good records stored),
   a traceback or internal error, a hang (timeout), a memory blow-up (MemoryError or killed),
   a silent loss (a bad input not named, or a good record neither stored nor named).
2. SSRF: every spelling of an internal address in ``SSRF_URLS`` fetched with the default
   settings must be refused before connecting (by the policy, the scheme check, or as an
   invalid address); the redirect, feed-item, DNS-rebinding and
   credential cases are the URL-policy tests of tests/test_http.py (run here, counted).
3. Injection: each payload of ``INJECTIONS`` in every field of a brief, rendered as Markdown
   (then CommonMark -> HTML: only formatting tags, no attributes), as the HTML report (the
   same tags and attributes as with a harmless payload) and printed the way the CLI prints
   (no ESC reaches the terminal, markup shown literally, no crash).
4. kill -9: ``ingest``, ``analyse`` and ``stories`` on the bundled examples killed at random
   points (``--kills`` runs over the three), then integrity check and rerun, compared with an
   uninterrupted run (tests/test_crash.py's helpers).

    .venv/bin/python bench/robustness.py [--kills 20] [--no-write]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests"), str(ROOT / "src")]

from common import machine, table, write_section  # noqa: E402
from hostile_cases import (  # noqa: E402
    INJECTIONS,
    Case,
    good_articles,
    hostile_brief,
    html_tags,
    markdown_is_inert,
    write_cases,
)

SSRF_URLS = [
    "http://127.0.0.1/", "http://localhost/", "http://127.1/", "http://127.0.0.255:8080/", "http://2130706433/",
    "http://0x7f000001/", "http://0x7f.1/", "http://017700000001/", "http://0177.0.0.1/", "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[2002:7f00:1::]/",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00:ec2::254]/", "http://10.0.0.1/",
    "http://172.16.0.1/", "http://192.168.1.1/", "http://[fd00::1]/", "http://0.0.0.0/", "http://0/", "http://[::]/",
    "http://224.0.0.1/", "http://[ff02::1]/", "http://100.64.0.1/", "http://198.18.0.1/", "http://240.0.0.1/",
    "http://255.255.255.255/", "http://[64:ff9b::7f00:1]/", "http://user:pw@127.0.0.1/",
    "https://127.0.0.1:443/", "http://[::ffff:169.254.169.254]/", "http://2852039166/",  # 169.254.169.254 as a number
    "file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://127.0.0.1/", "dict://127.0.0.1:11211/",
]


def newsbrief(args: list[str], memory: int | None = None, timeout: int = 300) -> tuple[int | None, str, str, bool]:
    """(exit status or None on timeout, stdout, stderr, hung)."""
    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        result = subprocess.run([sys.executable, "-m", "newsbrief.cli", *args], capture_output=True, text=True,
                                errors="surrogateescape", timeout=timeout, preexec_fn=limit,
                                env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "80"})
    except subprocess.TimeoutExpired:
        return None, "", "", True
    return result.returncode, result.stdout, result.stderr, False


def hostile_inputs(folder: Path) -> tuple[str, list[str]]:
    cases = write_cases(folder / "cases")
    good = good_articles(folder / "good", count=1)
    counts = dict.fromkeys(("cases tried", "handled: one line per bad input, good records stored", "tracebacks", "hangs",
                            "memory blow-ups", "silent losses"), 0)
    notes: list[str] = []
    for number, case in enumerate(cases):
        db = folder / f"case{number}.db"
        status, _out, err, hung = newsbrief(["ingest", *case.inputs, *good, "--db", str(db), "--no-update"], memory=4 << 30)
        counts["cases tried"] += 1
        lines = [line for line in err.splitlines() if line.startswith("error ")]
        stray = [line for line in err.splitlines() if not line.startswith(("error ", "ingested "))]
        stored = _count(db)
        problem = None
        if hung:
            counts["hangs"] += 1
            problem = "hang"
        elif "MemoryError" in err or (status is not None and status < 0):
            counts["memory blow-ups"] += 1
            problem = "memory"
        elif "Traceback" in err or status == 3:
            counts["tracebacks"] += 1
            problem = "traceback"
        elif any(not any(text in line for line in lines) for text in case.named) or stored < 1 or (
            case.expect != "ok" and status == 0
        ):
            counts["silent losses"] += 1
            problem = "silent loss"
        elif not stray and "\x1b" not in err:
            counts["handled: one line per bad input, good records stored"] += 1
        else:
            problem = "output not one line per error"
        if problem:
            notes.append(f"- `{case.name}`: {problem}")
    rows = [[counts[k] for k in counts]]
    return table(list(counts), rows), notes


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        found = int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    conn.close()
    return found


def ssrf() -> tuple[int, int, str]:
    from newsbrief import http
    from newsbrief.errors import SourceError
    from newsbrief.settings import Settings

    refused = 0
    for url in SSRF_URLS:
        try:
            http.fetch(url, Settings(http_timeout=3))
        except SourceError as exc:
            # refused before any connection: by the policy, the scheme check, or as an invalid address
            refused += any(why in exc.reason for why in ("refused by the URL policy", "only http:// and https://", "invalid URL"))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_http.py"), "-k",
         "policy or redirect_is_checked or feed_items or rebinding or credentials or only_http or refused_unless"],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    passed = re.search(r"(\d+) passed", result.stdout)
    failed = re.search(r"(\d+) failed", result.stdout)
    tests = f"{passed.group(1) if passed else 0} passed, {failed.group(1) if failed else 0} failed"
    return refused, len(SSRF_URLS), tests


def injections(folder: Path) -> tuple[dict[str, int], int]:
    from rich.console import Console

    from newsbrief.render import to_html, to_markdown
    from newsbrief.store import Store
    from newsbrief.terminal import one_line

    def html_shape(payload: str, number: int) -> list[tuple[str, tuple[str, ...]]]:
        brief, article = hostile_brief(payload)
        with Store(folder / f"inject{number}.db") as store:
            store.add_article(article)  # type: ignore[arg-type]
            page = to_html([brief], store)  # type: ignore[list-item]
        return sorted((tag, tuple(sorted(name for name, _ in attrs))) for tag, attrs in html_tags(page))

    baseline = html_shape("harmless words", 0)
    neutralised = {"Markdown": 0, "HTML report": 0, "terminal": 0}
    for number, payload in enumerate(INJECTIONS.values(), start=1):
        brief, article = hostile_brief(payload)
        neutralised["Markdown"] += markdown_is_inert(to_markdown([brief]))  # type: ignore[list-item]
        neutralised["HTML report"] += html_shape(payload, number) == baseline
        buffer = io.StringIO()
        console = Console(file=buffer, color_system=None, force_terminal=False, soft_wrap=True, width=80)
        try:
            for value in (article.title, article.outlet, article.url, article.origin, payload):  # type: ignore[attr-defined]
                console.print(f"[bold]{one_line(value)}[/bold]")
            printed = buffer.getvalue()
            shown = " ".join(printed.split())
            neutralised["terminal"] += "\x1b" not in printed and len(printed.splitlines()) == 5 and (
                "[" not in payload or "[" in shown)
        except Exception:  # a markup error is a failure of the terminal case
            pass
    return neutralised, len(INJECTIONS)


def kills(folder: Path, runs: int, seed: int) -> tuple[int, int, list[str]]:
    from test_crash import PHASES, command, copy_store, integrity, run, snapshot

    db = folder / "reference.db"
    before: dict[str, Path | None] = {}
    after: dict[str, object] = {}
    seconds: dict[str, float] = {}
    for phase in PHASES:
        before[phase] = copy_store(db, folder / f"before-{phase}.db") if db.exists() else None
        seconds[phase] = run(phase, db)
        after[phase] = snapshot(db)
    rng = random.Random(seed)
    survived = 0
    notes = []
    for number in range(runs):
        phase = PHASES[number % len(PHASES)]
        target = folder / f"killed{number}.db"
        start = before[phase]
        if start is not None:
            copy_store(start, target)
        delay = rng.uniform(0.2, max(0.5, seconds[phase] * 0.9))
        process = subprocess.Popen(command(phase, target), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        try:
            ok = (not target.exists() or integrity(target) == "ok")
            run(phase, target)
            ok = ok and integrity(target) == "ok" and snapshot(target) == after[phase]
        except (AssertionError, sqlite3.DatabaseError) as exc:
            ok = False
            notes.append(f"- {phase} killed after {delay:.1f} s: {str(exc)[:200]}")
        survived += ok
        if not ok and not notes[-1:]:
            notes.append(f"- {phase} killed after {delay:.1f} s: store differs from the uninterrupted run")
        print(f"kill {number + 1}/{runs}: {phase} after {delay:.1f} s -> {'ok' if ok else 'FAILED'}", flush=True)
    return survived, runs, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="kill -9 runs (default %(default)s)")
    parser.add_argument("--seed", type=int, default=12, help="seed of the kill delays (default %(default)s)")
    parser.add_argument("--data", help="unused (make bench passes it to every benchmark)")
    parser.add_argument("--limit", type=int, help="unused")
    parser.add_argument("--no-write", action="store_true", help="print the results without updating docs/benchmarks.md")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs_table, input_notes = hostile_inputs(folder / "inputs")
        print(inputs_table, *input_notes, sep="\n", flush=True)
        refused, tried, policy_tests = ssrf()
        print(f"SSRF: {refused}/{tried} refused; URL-policy tests: {policy_tests}", flush=True)
        (folder / "inject").mkdir()
        neutralised, payloads = injections(folder / "inject")
        print(neutralised, flush=True)
        (folder / "kills").mkdir()
        survived, runs, kill_notes = kills(folder / "kills", args.kills, args.seed) if args.kills else (0, 0, [])
    lines = [
        "## Robustness: hostile inputs, SSRF, injection, kill -9 (`bench/robustness.py`)",
        "",
        f"`python bench/robustness.py --kills {args.kills} --seed {args.seed}` on {machine()}, "
        f"{time.monotonic() - started:.0f} s. Cases are generated by `tests/hostile_cases.py` (the same ones "
        "`make test` runs in tests/test_hostile.py); each goes through `newsbrief ingest --no-update` in its own "
        "process with one good article, under a 4 GiB address-space limit and a 300 s timeout.",
        "",
        "**Hostile inputs** (a case is one input or a folder of them; see the generator for the list):",
        "",
        inputs_table,
        "",
        *(["Cases that fell short:", "", *input_notes, ""] if input_notes else []),
        f"**SSRF**: {refused}/{tried} spellings of internal addresses and non-http schemes refused before any "
        f"connection (default settings); the URL-policy tests of tests/test_http.py (redirects to internal "
        f"addresses, feed items, DNS rebinding, credentials): {policy_tests}.",
        "",
        f"**Injection**: {payloads} payloads (script, event-handler image, javascript: link, console markup, ESC "
        "sequences, table pipes, heading, Markdown emphasis), each in every field of a brief (headline, lead, "
        "fact, dispute, speaker, role, timeline note, entity, related reason, article title, outlet, URL, origin):",
        "",
        table(["output", "neutralised"], [[name, f"{count}/{payloads}"] for name, count in neutralised.items()]),
        "",
        f"**kill -9**: {survived}/{runs} runs survived (integrity check ok, and the rerun gave exactly the store of "
        "an uninterrupted run: articles, analyses, story partition, document frequencies), killing `ingest`, "
        "`analyse` and `stories` in turn at random points.",
        *(["", *kill_notes] if kill_notes else []),
    ]
    write_section("robustness", "\n".join(lines) + "\n", no_write=args.no_write)
    return 0


__all__ = ["Case"]

if __name__ == "__main__":
    sys.exit(main())
