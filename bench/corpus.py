"""Corpus mode: `newsbrief ingest` of many shards, in this process vs on worker processes.

Shards are written to a temporary folder from the shared bench data (nothing is copied into
the repository): WARC files of the 181 Scrapinghub news pages (10 pages a shard, each page
captured at its real URL) and JSON Lines files of the 1,375 DUC 2007 documents (50 a shard;
text, title, date, a URL per document).  ``--copies K`` writes the whole set K times at other
URLs (more shards, more records; copies are stored as exact duplicates of the first).

Each run is the real command, ``newsbrief ingest SHARD... --no-update -q`` (extraction,
cleaning, deduplication, storing; analysis is measured by bench/scale.py), in a child process
whose resident memory is sampled every 0.1 s (psutil): "driver peak RSS" is the command's own
process, the one that reads the shards and writes the store; worker processes are counted in
CPU only.  Stores from every run must hold the same articles (checked).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil  # installed with dask[distributed]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine, parse_args, require, table, write_section  # noqa: E402

PAGES_PER_WARC = 10
DOCS_PER_JSONL = 50
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_HEADLINE = re.compile(r"<HEADLINE>(.*?)</HEADLINE>", re.S)
_PARAGRAPH = re.compile(r"<P>(.*?)</P>", re.S)
_DATE = re.compile(r"(19\d\d|20\d\d)(\d\d)(\d\d)")


def _warc_record(url: str, html: bytes) -> bytes:
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-01-10T08:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode("ascii")
    return head + payload + b"\r\n\r\n"


def _duc_record(path: Path, url: str) -> dict[str, Any]:
    raw = path.read_text(encoding="utf-8", errors="replace")
    body = match.group(1) if (match := _TEXT.search(raw)) else raw
    paragraphs = _PARAGRAPH.findall(body) or re.split(r"\n\s*\n", body)
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    headline = " ".join(m.group(1).split()) if (m := _HEADLINE.search(raw)) else None
    date = _DATE.search(path.name)
    published = f"{date.group(1)}-{date.group(2)}-{date.group(3)}" if date else None
    return {"url": url, "title": headline, "published": published, "outlet": path.name[:3], "text": text}


def write_shards(data: Path, folder: Path, copies: int) -> tuple[list[str], int]:
    """The shard files (WARC and JSONL) and how many records they hold."""
    pages_dir = require(data / "scrapinghub-article-extraction-benchmark")
    truth = json.loads((pages_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [(truth[p.name.split(".")[0]]["url"], gzip.decompress(p.read_bytes())) for p in sorted((pages_dir / "html").glob("*.html.gz"))]
    docs = sorted(p for p in require(data / "duc2007" / "duc2007_testdocs").glob("*/*/*") if p.is_file())
    shards: list[str] = []
    records = 0
    for copy in range(copies):
        suffix = f"?copy={copy}" if copy else ""
        for first in range(0, len(pages), PAGES_PER_WARC):
            path = folder / f"pages{copy}-{first:04d}.warc"
            path.write_bytes(b"".join(_warc_record(url + suffix, html) for url, html in pages[first : first + PAGES_PER_WARC]))
            shards.append(str(path))
            records += len(pages[first : first + PAGES_PER_WARC])
        for first in range(0, len(docs), DOCS_PER_JSONL):
            path = folder / f"duc{copy}-{first:04d}.jsonl"
            chunk = docs[first : first + DOCS_PER_JSONL]
            lines = [json.dumps(_duc_record(p, f"https://duc.example/{p.parent.name}/{p.name}{suffix}")) for p in chunk]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            shards.append(str(path))
            records += len(chunk)
    return shards, records


def run(name: str, shards: list[str], db: Path, workers: int | None) -> dict[str, Any]:
    command = [sys.executable, "-c", "import sys; from newsbrief.cli import main; sys.exit(main())", "ingest", *shards, "--db", str(db), "--no-update", "-q"]
    if workers:
        command += ["--workers", str(workers)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    driver = psutil.Process(child.pid)
    peak = 0
    cpu: dict[int, float] = {}
    while child.poll() is None:
        try:
            peak = max(peak, driver.memory_info().rss)
            for process in [driver, *driver.children(recursive=True)]:
                times = process.cpu_times()
                cpu[process.pid] = times.user + times.system
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.returncode not in (0, 1):  # 1: some records failed (reported), the rest stored
        raise SystemExit(f"{name}: `newsbrief ingest` exited {child.returncode}: {stderr[-2000:]}")
    with sqlite3.connect(db) as connection:
        rows = list(connection.execute(
            "SELECT id, content_hash, url, outlet, title, published, language, text, duplicate_of FROM articles ORDER BY seq"
        ))
    return {"name": name, "seconds": seconds, "peak_mb": peak / 2**20, "cpu": sum(cpu.values()), "articles": rows,
            "load": (load_before + os.getloadavg()[0]) / 2}


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--workers", type=int, default=2)
    own, rest = parser.parse_known_args()
    sys.argv = [sys.argv[0], *rest]
    args = parse_args(__doc__.splitlines()[0] + " (also --copies K... and --workers N)")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in own.copies:
            folder = Path(tmp) / f"corpus{copies}"
            folder.mkdir()
            shards, records = write_shards(args.data, folder, copies)
            serial = run("this process", shards, folder / "serial.db", None)
            workers = run(f"--workers {own.workers}", shards, folder / "workers.db", own.workers)
            same = serial["articles"] == workers["articles"]
            for result in (serial, workers):
                results.append([copies, len(shards), records, len(result["articles"]), result["name"],
                                f"{result['seconds']:.0f}", f"{records / result['seconds']:.1f}",
                                f"{result['peak_mb']:.0f}", f"{result['cpu']:.0f}", f"{result['load']:.1f}",
                                "yes" if same else "NO"])
    markdown = f"""## Corpus mode: ingest of many shards, in one process and on workers

Command: `.venv/bin/python bench/corpus.py{' --copies ' + ' '.join(map(str, own.copies)) if own.copies != [1, 2] else ''}`
Data: shards written to a temporary folder from `../shared/bench`: WARC files of the 181 Scrapinghub
pages ({PAGES_PER_WARC} a shard) and JSON Lines files of the 1,375 DUC 2007 documents ({DOCS_PER_JSONL} a shard);
"copies" writes the set that many times at other URLs. Each run is `newsbrief ingest SHARD... --no-update -q`
(extract, clean, deduplicate, store), alone or with `--workers {own.workers}` (extraction on the workers).
Machine: {machine()}, shared with other jobs (load average shown).

{table(["copies", "shards", "records", "articles stored", "run", "seconds", "records/s", "driver peak RSS MB", "CPU s (all processes)", "load avg", "same store"], results)}

"driver peak RSS" is the `newsbrief` process itself (sampled every 0.1 s); it holds a few batches in
flight, the duplicate index and the report's ids, not the shards or their texts.
"""
    write_section("corpus", markdown, args.no_write)


if __name__ == "__main__":
    main()
