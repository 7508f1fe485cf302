"""Coverage-guided fuzzing (atheris / libFuzzer) of decoding, source parsing and extraction.

One harness: the first byte of each input picks a reader (text, HTML, JSON, JSONL, feed, WARC,
or sniffed), the rest is read through ``documents_from_bytes`` (decode, sniff, parse), and
every document that comes out goes through ``extract_article``.  A bad input must come back
as a ``SourceError``/``NewsbriefError`` naming it; anything else raised is a crash.  Crashes
are recorded (exception type and where it was raised, deduplicated) and the run goes on, so
one bug does not hide the next.  The seed corpus is the bundled example articles and one
small sample of each input kind; libFuzzer keeps every input that reaches new code in the
corpus folder.  Records in docs/benchmarks.md ("Robustness: fuzzing"): executions, corpus
size, coverage (libFuzzer's edge/feature count over the instrumented newsbrief modules),
distinct crashes.

    .venv/bin/python bench/fuzz.py [--seconds 600] [--no-write]

Needs atheris (Linux x86-64; installed with the dev requirements); elsewhere it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KINDS = ("text", "html", "json", "jsonl", "feed", "warc", None)
MAX_LEN = 20_000


def seed_corpus(folder: Path) -> None:
    """The example articles and one small sample of every input kind, prefixed by their kind."""
    samples: list[tuple[int, bytes]] = []
    for path in sorted((ROOT / "examples" / "seeds").glob("*.txt")):
        samples.append((0, path.read_bytes()[:MAX_LEN]))
        samples.append((6, path.read_bytes()[:2000]))
    text = "The council met on Wednesday. “We condemn this,” Robert Wood said. " * 5
    samples += [
        (1, f'<html lang="en"><head><meta charset="utf-8"><title>T</title><link rel="canonical" href="https://x.example/a">'
            f'</head><body><article><h1>Title</h1><p>{text}</p></article></body></html>'.encode()),
        (2, json.dumps([{"title": "T", "text": text, "url": "https://x.example/a", "date": "2024-01-10",
                         "outlet": {"name": "X"}}]).encode()),
        (3, (json.dumps({"headline": "T", "body": [text, text], "published": 1704880800}) + "\n{bad\n").encode()),
        (4, f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title><item><title>E</title>'
            f"<description>{text * 4}</description><pubDate>Wed, 10 Jan 2024 08:30:00 GMT</pubDate></item>"
            "</channel></rss>".encode()),
        (4, f'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>E</title><content type="html">'
            f"&lt;p&gt;{text * 4}&lt;/p&gt;</content><updated>2024-01-10T08:00:00Z</updated></entry></feed>".encode()),
    ]
    payload = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
               f"<html><body><p>{text}</p></body></html>").encode()
    warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            b"WARC-Target-URI: https://x.example/w\r\nWARC-Date: 2024-01-10T08:00:00Z\r\n"
            b"Content-Type: application/http; msgtype=response\r\n"
            + f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload + b"\r\n\r\n")
    samples.append((5, warc))
    folder.mkdir(parents=True, exist_ok=True)
    for number, (kind, data) in enumerate(samples):
        (folder / f"seed{number:03d}").write_bytes(bytes([kind]) + data)


def run_target(crash_log: Path) -> None:
    """The harness, run under atheris (this script re-invoked with ``--target``)."""
    import atheris

    with atheris.instrument_imports(include=["newsbrief"]):
        from newsbrief.errors import NewsbriefError
        from newsbrief.extract import extract_article
        from newsbrief.models import RawDocument
        from newsbrief.settings import Settings
        from newsbrief.sources.dispatch import documents_from_bytes
        from newsbrief.sources.jsonl import iter_jsonl_stream

    import io

    settings = Settings(max_input_bytes=MAX_LEN * 2, min_article_words=5)
    seen: set[str] = set()

    def one(data: bytes) -> None:
        if not data:
            return
        kind = KINDS[data[0] % len(KINDS)]
        body = data[1:]
        try:
            if kind == "jsonl":
                items = list(iter_jsonl_stream("fuzz.jsonl", io.BytesIO(body), settings))
            else:
                items = list(documents_from_bytes("fuzz", body, settings, kind=kind))  # type: ignore[arg-type]
            for item in items:
                if isinstance(item, RawDocument):
                    with contextlib.suppress(NewsbriefError):
                        extract_article(item, settings, outlet_lines=lambda _outlet: {})
        except NewsbriefError:
            pass
        except Exception as exc:  # a crash: record it once per (type, place) and go on
            frames = traceback.extract_tb(exc.__traceback__)
            place = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames) if "newsbrief" in f.filename),
                         f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?")
            key = f"{type(exc).__name__} at {place}"
            if key not in seen:
                seen.add(key)
                with open(crash_log, "a", encoding="utf-8") as log:
                    log.write(json.dumps({"crash": key, "message": str(exc)[:300], "kind": kind,
                                          "input": body[:300].decode("latin-1")}) + "\n")

    at = sys.argv.index("--target")
    atheris.Setup(sys.argv[:at] + sys.argv[at + 2 :], one)  # libFuzzer's own flags and the corpus folders
    atheris.Fuzz()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600, help="fuzzing time (default %(default)s)")
    parser.add_argument("--data", help="unused (make bench passes it to every benchmark)")
    parser.add_argument("--limit", type=int, help="unused")
    parser.add_argument("--no-write", action="store_true", help="print the results without updating docs/benchmarks.md")
    parser.add_argument("--target", type=Path, help=argparse.SUPPRESS)
    args, _rest = parser.parse_known_args()
    if args.target:
        run_target(args.target)
        return 0
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed (it needs Linux x86-64); skipping the fuzz run", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus, seeds, crash_log = Path(tmp) / "corpus", Path(tmp) / "seeds", Path(tmp) / "crashes.jsonl"
        corpus.mkdir()
        seed_corpus(seeds)
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, __file__, "--target", str(crash_log), f"-max_total_time={args.seconds}",
             f"-max_len={MAX_LEN}", "-print_final_stats=1", "-timeout=30", "-rss_limit_mb=3072",
             f"-artifact_prefix={tmp}/", str(corpus), str(seeds)],
            capture_output=True, text=True, errors="replace", cwd=tmp, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        elapsed = time.monotonic() - started
        log = result.stderr
        crashes = [json.loads(line) for line in crash_log.read_text().splitlines()] if crash_log.exists() else []
        corpus_size = sum(1 for _ in corpus.iterdir())
    runs = _stat(log, r"stat::number_of_executed_units:\s*(\d+)") or _stat(log, r"#(\d+)\s+DONE")
    coverage = _last(log, r"\bcov: (\d+)")
    features = _last(log, r"\bft: (\d+)")
    fatal = "libFuzzer" in log and ("==ERROR" in log or "deadly signal" in log or "-timeout" in log and "TIMEOUT" in log)
    lines = [
        "## Robustness: fuzzing (`bench/fuzz.py`)",
        "",
        f"atheris (libFuzzer, coverage-guided) for {args.seconds} s on {_machine()}: one harness feeds each input to a "
        "reader chosen by its first byte (text, HTML, JSON, JSONL, feed, WARC or sniffed) through "
        "`documents_from_bytes` / `iter_jsonl_stream`, then every document through `extract_article`. "
        "A crash is any exception other than newsbrief's own errors (which name the input).",
        "",
        "| executions | wall time | seed corpus | corpus after (inputs reaching new code) | coverage (edges / features) | distinct crashes | fatal (timeout, OOM, abort) |",
        "|---|---|---|---|---|---|---|",
        f"| {runs:,} | {elapsed:.0f} s | {len(list(_seed_names()))} | {corpus_size} | {coverage} / {features} | {len(crashes)} | {'yes' if fatal else 'none'} |",
    ]
    if crashes:
        lines += ["", "Crashes found (exception and where it was raised):", ""]
        lines += [f"- `{c['crash']}` ({c['kind']}): {c['message'][:120]}" for c in crashes]
    markdown = "\n".join(lines) + "\n"
    if result.returncode not in (0, 1) and not runs:
        print(log[-3000:], file=sys.stderr)
        return 1
    sys.path.insert(0, str(HERE))
    from common import write_section

    write_section("fuzz", markdown, no_write=args.no_write)
    return 0


def _seed_names() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        seed_corpus(Path(tmp))
        return [p.name for p in Path(tmp).iterdir()]


def _stat(log: str, pattern: str) -> int:
    match = re.search(pattern, log)
    return int(match.group(1)) if match else 0


def _last(log: str, pattern: str) -> int:
    found = re.findall(pattern, log)
    return int(found[-1]) if found else 0


def _machine() -> str:
    import platform

    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"


if __name__ == "__main__":
    sys.exit(main())
