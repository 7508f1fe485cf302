"""CLI start-up: import time and heavy modules loaded by `--help`, `--version` and `articles`.

Runs each command in a fresh interpreter with ``python -X importtime`` and reports the total
self import time, the number of modules, the slowest top-level imports, and which heavy
libraries (torch, spaCy, scikit-learn, trafilatura) were loaded.  ``--src`` measures another
checkout (e.g. an older commit) side by side.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "spacy", "sklearn", "trafilatura", "sentence_transformers")
COMMANDS = (["--help"], ["--version"], ["articles"])
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def measure(src: Path, argv: list[str], runs: int) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(src))
    best_wall, report = float("inf"), ""
    with tempfile.TemporaryDirectory() as tmp:
        full = [*argv, "--db", str(Path(tmp) / "empty.db")] if argv == ["articles"] else argv
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-X", "importtime", "-m", "newsbrief.cli", *full],
                                  capture_output=True, text=True, env=env)
            wall = time.perf_counter() - start
            if wall < best_wall:
                best_wall, report = wall, done.stderr
    rows = [(int(m[1]), int(m[2]), len(m[3]), m[4]) for m in LINE.finditer(report)]
    total_self = sum(r[0] for r in rows) / 1e6
    top = sorted((r for r in rows if r[2] == 1), key=lambda r: -r[1])[:3]
    heavy = sorted({r[3].split(".")[0] for r in rows if r[3].split(".")[0] in HEAVY})
    return {"wall": best_wall, "imports": total_self, "modules": len(rows), "heavy": heavy,
            "top": ", ".join(f"{name} {cum / 1e3:.0f} ms" for _, cum, _, name in top)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, action="append", help="a src/ folder to measure (default: this checkout's)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the fastest is kept")
    parser.add_argument("--no-write", action="store_true", help="print the results without updating docs/benchmarks.md")
    args = parser.parse_args()
    sources = args.src or [ROOT / "src"]
    lines = [f"| checkout | command | wall s (best of {args.runs}) | import time s | modules | heavy modules loaded | slowest top-level imports |",
             "|---|---|---|---|---|---|---|"]
    load = os.getloadavg()[0]
    for src in sources:
        for argv in COMMANDS:
            m = measure(src, argv, args.runs)
            heavy = ", ".join(m["heavy"]) or "none"  # type: ignore[arg-type]
            name = "this checkout" if src.resolve() == (ROOT / "src").resolve() else f"`{src}`"
            lines.append(f"| {name} | `newsbrief {' '.join(argv)}` | {m['wall']:.2f} | {m['imports']:.2f} | {m['modules']} | {heavy} | {m['top']} |")
    command = "bench/startup.py" + "".join(f" --src {s}" for s in args.src or [])
    markdown = f"""## CLI start-up

Command: `.venv/bin/python {command}` — each command in a fresh interpreter with `python -X importtime`;
import time is the sum of the self times it reports. Machine: {machine()}, load average {load:.1f} at the start
(shared; wall times are inflated by other jobs, the module counts and heavy-module lists are not).
`tests/test_cli_startup.py` fails if `--help`, `--version` or `articles` import torch, spaCy, scikit-learn,
trafilatura or the pipeline.

""" + "\n".join(lines)
    write_section("startup", markdown, args.no_write)


if __name__ == "__main__":
    main()
