"""Shared helpers for the benchmark scripts in bench/.

Every benchmark reads real data from ../shared/bench (never copied into the repository),
exits cleanly with a message when that folder is absent, and rewrites its own section of
docs/benchmarks.md between ``<!-- BEGIN name -->`` and ``<!-- END name -->`` markers, so each
figure in that document sits next to the command that produced it.
"""

from __future__ import annotations

import argparse
import platform
import re
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
DEFAULT_DATA = ROOT.parent / "shared" / "bench"


def parse_args(description: str, flags: dict[str, str] | None = None,
               paths: dict[str, str] | None = None) -> argparse.Namespace:
    """The common options (--data, --limit, --no-write), plus a bench's own on/off ``flags`` and
    file options ``paths`` (flag -> help; a path, None when not given)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared bench folder (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N items (quick runs)")
    parser.add_argument("--no-write", action="store_true", help="print the results without updating docs/benchmarks.md")
    for flag, text in (flags or {}).items():
        parser.add_argument(flag, action="store_true", help=text)
    for flag, text in (paths or {}).items():
        parser.add_argument(flag, type=Path, default=None, metavar="FILE", help=text)
    return parser.parse_args()


def require(path: Path) -> Path:
    """Exit cleanly (status 0, with a message) when the benchmark data is not on this machine."""
    if not path.exists():
        print(f"benchmark data not found at {path}; skipping. Put the shared bench folder beside the "
              "repository (../shared/bench) or pass --data DIR.", file=sys.stderr)
        sys.exit(0)
    return path


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def timer() -> Iterator[dict[str, float]]:
    result: dict[str, float] = {}
    start = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - start


def machine() -> str:
    import os

    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"


def table(header: list[str], rows: list[list[object]]) -> str:
    def fmt(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_section(name: str, markdown: str, no_write: bool = False) -> None:
    """Print ``markdown`` and put it in docs/benchmarks.md between the section's markers."""
    print(markdown)
    if no_write:
        return
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    if begin in text:
        text = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


# --- ECB+ tokens as printed ---------------------------------------------------------------------

_GLUED_MARKS = {",": re.compile(r"\d{3}"), ".": re.compile(r"\d+(?:[a-z]{1,2})?"), ":": re.compile(r"\d+")}  # "22.4bn"
_LETTER = re.compile(r"[A-Za-z]")


def detokenise(tokens: Sequence[str]) -> str:
    """One ECB+ sentence's tokens as the site printed them: ECB+ splits "20,000", "5.9", "3:00",
    "U.S." and "anti-aircraft" into tokens ("20 , 000" would be read as 20 and 0), so marks
    between two digits, hyphens inside a word and the stops of single-letter initialisms are
    glued back before the usual spacing of punctuation."""
    pieces: list[str] = []
    glue = False
    for n, token in enumerate(tokens):
        before = tokens[n - 1] if n else ""
        after = tokens[n + 1] if n + 1 < len(tokens) else ""
        inner = (
            (token in _GLUED_MARKS and before.isdigit() and bool(_GLUED_MARKS[token].fullmatch(after)))
            or (token == "-" and after[:1].isalnum()
                and (before[-1:].isalnum() or (before == "." and n >= 2 and bool(_LETTER.fullmatch(tokens[n - 2])))))
            or (token == "." and bool(_LETTER.fullmatch(before)) and bool(_LETTER.fullmatch(after))
                and tokens[n + 2 : n + 3] == ["."])
        )
        if pieces and (inner or glue):
            pieces[-1] += token
        else:
            pieces.append(token)
        glue = inner
    text = " ".join(pieces)
    text = re.sub(r" ([,.;:!?%)\]'])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    return text.replace("`` ", '"').replace(" ''", '"')
