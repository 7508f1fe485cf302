"""CLI start-up: import time, CPU and heavy modules of `--help`, `--version`, `articles`,
and `stories --json` and `show` on an up-to-date store.

Runs each command in a fresh interpreter with ``python -X importtime`` and reports its CPU
seconds (user + system, from ``getrusage``: on a shared machine wall time measures the other
jobs), the total self import time, the number of modules, the slowest top-level imports, and
which heavy libraries (torch, spaCy, scikit-learn, trafilatura) were loaded.  The store holds
one article with every layer stored at the current version and its story, as `ingest` and
`stories` leave it.  ``--src`` measures another checkout (e.g. an older commit) side by side.

Each command is timed twice: with newsbrief's bytecode cached (as an installed package has it:
pip compiles the .pyc files; here in a temporary PYTHONPYCACHEPREFIX, after one warm-up run),
and with every newsbrief module compiled from source on each run (PYTHONDONTWRITEBYTECODE=1
and no cache, as a checkout run with that variable set, like this machine's shell, does).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "spacy", "sklearn", "trafilatura", "sentence_transformers")
COMMANDS = (["--help"], ["--version"], ["articles"], ["stories", "--json"], ["show", "aaaaaa"])
READS = ("articles", "stories", "show")
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def up_to_date_store(folder: Path) -> Path:
    """A store with one analysed article in a story (built with this checkout's code)."""
    sys.path.insert(0, str(ROOT / "src"))
    from newsbrief import pipeline
    from newsbrief.analyse import LAYER_NAMES, Analysis
    from newsbrief.models import Article, Sentence
    from newsbrief.store import Store

    db = folder / "news.db"
    text = "Moscow said on Friday that the talks had failed."
    article = Article(id="a" * 16, content_hash="h", origin="moscow.txt", text=text, title="Talks fail", outlet="Wire")
    layers: dict[str, list] = {name: [] for name in LAYER_NAMES}
    layers["sentences"] = [Sentence(article.id, 0, 0, len(text), text)]
    with Store(db) as store:
        store.add_article(article)
        pipeline.save_analysis(store, Analysis.of(article, layers), LAYER_NAMES)
        pipeline.update(store)
    return db


def measure(src: Path, argv: list[str], runs: int, db: Path, pycache: Path | None = None) -> dict[str, object]:
    """Best CPU and wall time of ``runs`` runs, and the fastest run's import report; with
    ``pycache``, bytecode is written there and read back (one warm-up run first)."""
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONDONTWRITEBYTECODE="1")
    if pycache is not None:
        del env["PYTHONDONTWRITEBYTECODE"]
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    best_cpu, best_wall, report = float("inf"), float("inf"), ""
    full = [*argv, "--db", str(db)] if argv[0] in READS else argv
    if pycache is not None:
        subprocess.run([sys.executable, "-m", "newsbrief.cli", *full], capture_output=True, env=env)
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "newsbrief.cli", *full],
                              capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        spent = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        best_wall = min(best_wall, wall)
        if spent < best_cpu:
            best_cpu, report = spent, done.stderr
    rows = [(int(m[1]), int(m[2]), len(m[3]), m[4]) for m in LINE.finditer(report)]
    total_self = sum(r[0] for r in rows) / 1e6
    top = sorted((r for r in rows if r[2] == 1), key=lambda r: -r[1])[:3]
    heavy = sorted({r[3].split(".")[0] for r in rows if r[3].split(".")[0] in HEAVY})
    return {"cpu": best_cpu, "wall": best_wall, "imports": total_self, "modules": len(rows), "heavy": heavy,
            "top": ", ".join(f"{name} {cum / 1e3:.0f} ms" for _, cum, _, name in top)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, action="append", help="a src/ folder to measure (default: this checkout's)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the fastest is kept")
    parser.add_argument("--no-write", action="store_true", help="print the results without updating docs/benchmarks.md")
    args = parser.parse_args()
    sources = args.src or [ROOT / "src"]
    lines = [f"| checkout | command | CPU s, bytecode cached (best of {args.runs}) | CPU s, compiled each run (best of {args.runs}) "
             "| import time s | modules | heavy modules loaded | slowest top-level imports (bytecode cached) |",
             "|---|---|---|---|---|---|---|---|"]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        db = up_to_date_store(Path(tmp))
        for number, src in enumerate(sources):
            for argv in COMMANDS:
                m = measure(src, argv, args.runs, db, pycache=Path(tmp) / f"pycache-{number}")
                compiled = measure(src, argv, args.runs, db)
                heavy = ", ".join(m["heavy"]) or "none"  # type: ignore[arg-type]
                name = "this checkout" if src.resolve() == (ROOT / "src").resolve() else f"`{src}`"
                lines.append(f"| {name} | `newsbrief {' '.join(argv)}` | {m['cpu']:.2f} | {compiled['cpu']:.2f} | {m['imports']:.2f} | "
                             f"{m['modules']} | {heavy} | {m['top']} |")
    end_load = os.getloadavg()[0]
    command = "bench/startup.py" + "".join(f" --src {s}" for s in args.src or [])
    markdown = f"""## CLI start-up

Command: `.venv/bin/python {command}` — each command in a fresh interpreter with `python -X importtime`
(which itself adds to the time), output piped; `articles`, `stories --json` and `show` run on an up-to-date
store (one analysed article in its story). CPU s is user + system time of the process, with newsbrief's
bytecode cached (as installed: pip compiles it) and with every newsbrief module compiled on each run
(PYTHONDONTWRITEBYTECODE=1, as this machine's shell sets it); import time is the sum of the self times
`-X importtime` reports (bytecode cached). Machine: {machine()}, load average {load:.1f} at the start and
{end_load:.1f} at the end (shared; wall and import times are inflated by other jobs, CPU less so, the module
counts and heavy-module lists not at all). `tests/test_cli_startup.py` fails if `--help`, `--version` or
`articles` import torch, spaCy, scikit-learn, trafilatura or the pipeline, if `--help` and `--version` import
the store, the records, rich or logging, if `stories --json`, `show` or `articles` on an up-to-date store
import any of the heavy ones (or scipy, datasketch, an analyser, the embedding model, the ingest or brief
stages, rich's progress bars or emoji table), or if piped JSON imports rich at all.

""" + "\n".join(lines)
    write_section("startup", markdown, args.no_write)


if __name__ == "__main__":
    main()
