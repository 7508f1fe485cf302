"""Quotes and speakers before and after a change, on the PolNeAR texts: which quotes changed.

``bench/quotes.py`` scores against gold; this lists what a change did, quote by quote, so the
changed speakers can be read.  Run it once with the old code and ``--save FILE``, then with
the new code and ``--compare FILE``:

    PYTHONPATH=/work/main/src:bench .venv/bin/python bench/quote_diff.py --save /tmp/before.json
    PYTHONPATH=src:bench .venv/bin/python bench/quote_diff.py --compare /tmp/before.json

A quote is its content span; it changed when it is on one side only, or its speaker mention or
resolved speaker differs.  The last line counts the pronoun speakers ("he said") resolved to a
name before and after (the others are shown unattributed).  ``--after FILE`` compares two saved runs (old and new code run side
by side, each with ``--save``) without finding quotes again.  ``--split train`` reads the 840 training texts (no rule of the
speakers module was written on them) instead of the 84 dev ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DEFAULT_DATA, require  # noqa: E402
from quotes import newsbrief_quotes  # noqa: E402

Quotes = dict[str, dict[str, list[str | None]]]  # text name -> "start-end" -> [mention, speaker]


def quotes_of(folder: Path, limit: int | None) -> Quotes:
    from newsbrief.analyse.nlp import parse_many

    paths = sorted(folder.glob("*.txt"))[:limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    result: Quotes = {}
    for path, text, doc in zip(paths, texts, parse_many(texts), strict=True):
        result[path.stem] = {f"{q.content[0][0]}-{q.content[0][1]}": [q.source_text, q.speaker]
                             for q in newsbrief_quotes(path.stem, text, doc)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared bench folder (default: %(default)s)")
    parser.add_argument("--split", choices=("dev", "train"), default="dev", help="PolNeAR split (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--save", type=Path, help="write every quote and speaker to this JSON file")
    parser.add_argument("--compare", type=Path, help="compare with quotes written earlier by --save")
    parser.add_argument("--after", type=Path,
                        help="with --compare: the new quotes from a file written by --save (two runs in parallel), not found now")
    args = parser.parse_args()
    if not args.save and not args.compare:
        parser.error("give --save FILE (old code) or --compare FILE (new code), or both")
    folder = require(args.data / "polnear" / args.split / "text")
    now: Quotes = json.loads(args.after.read_text(encoding="utf-8")) if args.after else quotes_of(folder, args.limit)
    if args.save:
        args.save.write_text(json.dumps(now), encoding="utf-8")
        print(f"{len(now)} texts, {sum(map(len, now.values()))} quotes written to {args.save}")
    if not args.compare:
        return
    before: Quotes = json.loads(args.compare.read_text(encoding="utf-8"))
    changed = 0
    for name in sorted(now):
        old, new = before.get(name, {}), now[name]
        for span in sorted(set(old) | set(new), key=lambda s: int(s.split("-")[0])):
            if old.get(span) != new.get(span):
                changed += 1
                text = (folder / f"{name}.txt").read_text(encoding="utf-8")
                start, end = map(int, span.split("-"))
                quote = " ".join(text[start:end].split())[:70]
                print(f"{name} [{quote}]: {old.get(span)} -> {new.get(span)}")
    print(f"{len(now)} texts, {sum(map(len, before.values()))} quotes before, {sum(map(len, now.values()))} after; "
          f"{changed} changed")
    print(f"pronoun speakers (he/she) resolved to a name: {pronouns_resolved(before)} before, {pronouns_resolved(now)} after")


def pronouns_resolved(quotes: Quotes) -> str:
    """"R/N": of the N quotes whose speaker mention is "he"/"she"/"him"/"her", R have a resolved
    speaker (the others are shown unattributed)."""
    pairs = [pair for found in quotes.values() for pair in found.values()
             if pair[0] and pair[0].strip().lower() in ("he", "she", "him", "her")]
    return f"{sum(speaker is not None for _, speaker in pairs)}/{len(pairs)}"


if __name__ == "__main__":
    main()
