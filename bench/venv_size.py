"""Disk size of what `make setup` installs: every distribution pinned in requirements.lock.

Sums the files each installed distribution lists in its RECORD (as pip installed them), so
the figure is that of a fresh `.venv` from the lock, whatever else a shared venv may hold.
Run with the venv's Python: `.venv/bin/python bench/venv_size.py`.  Also splits the total into
what running newsbrief needs (requirements.in and what it pulls in) and the development and
benchmark tools (requirements-dev.in: pytest, mypy, ruff, textacy, sumy, ...).
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, parse_args, table, write_section  # noqa: E402


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dist_size(name: str) -> int:
    dist = metadata.distribution(name)
    total = 0
    for file in dist.files or ():
        path = Path(str(dist.locate_file(file)))
        if path.is_file():
            total += path.stat().st_size
    return total


def closure(roots: list[str]) -> set[str]:
    """The distributions ``roots`` need, transitively (extras and markers not taken)."""
    seen: set[str] = set()
    todo = [_key(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for requirement in dist.requires or ():
            if ";" in requirement and "extra" in requirement.split(";", 1)[1]:
                continue
            match = re.match(r"[A-Za-z0-9._-]+", requirement)
            if match:
                todo.append(_key(match.group(0)))
    return seen


def _names(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"[A-Za-z0-9._-]+", line)
        if match:
            names.append(match.group(0))
    return names


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    locked = {_key(n) for n in _names(ROOT / "requirements.lock")}
    sizes = {}
    for name in sorted(locked):
        try:
            sizes[name] = dist_size(name)
        except metadata.PackageNotFoundError:
            print(f"{name} is in requirements.lock but not installed here; run `make setup`", file=sys.stderr)
    runtime = closure(_names(ROOT / "requirements.in")) & locked
    total = sum(sizes.values())
    run = sum(v for k, v in sizes.items() if k in runtime)
    top = sorted(sizes.items(), key=lambda kv: -kv[1])[:8]
    markdown = f"""## Installed size (`.venv/bin/python bench/venv_size.py`)

What `make setup` installs (the {len(sizes)} distributions pinned in requirements.lock, summed from
their RECORD files): **{total / 1e9:.2f} GB**, of which {run / 1e9:.2f} GB is what running newsbrief needs
(requirements.in and its dependencies) and {(total - run) / 1e9:.2f} GB development and benchmark tools.

{table(["largest distributions", "MB"], [[name, round(size / 1e6)] for name, size in top])}
"""
    write_section("venv_size", markdown, args.no_write)


if __name__ == "__main__":
    main()
