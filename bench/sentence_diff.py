"""Sentence splits before and after a change, on real articles: how many sentences change, and
a sample of the changed places to read.

Texts: the DUC 2007 update documents (``duc2007/duc2007_testdocs/update``, paragraphs joined
by blank lines as ``bench/summarise.py`` reads them) and the PolNeAR texts (``polnear/dev``
and ``polnear/train``).  Each is split by :func:`newsbrief.analyse.sentences.sentences_from_doc`
on the shared pipeline.  Run it once with the old code and ``--save FILE``, then with the new
code and ``--compare FILE``:

    PYTHONPATH=/work/main/src:bench .venv/bin/python bench/sentence_diff.py --save /tmp/before.json
    PYTHONPATH=src:bench .venv/bin/python bench/sentence_diff.py --compare /tmp/before.json

A changed sentence is one (start, end) present on one side only; a changed place is a
boundary present on one side only, shown with the words around it (``|`` marks it).  The
sample is drawn with a fixed seed, so two runs on the same outputs show the same places.
There is no gold here: read the sample and count the right ones.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DEFAULT_DATA, require  # noqa: E402
from summarise import read_duc_doc  # noqa: E402


def read_texts(data: Path, limit: int | None) -> list[tuple[str, str]]:
    """(name, text) of every DUC 2007 update document and PolNeAR text, in a fixed order."""
    duc = require(data / "duc2007" / "duc2007_testdocs" / "update")
    texts = [(path.name, read_duc_doc(path)[1]) for path in sorted(duc.glob("*/*/*"))]
    for split in ("dev", "train"):
        folder = require(data / "polnear" / split / "text")
        texts += [(f"polnear/{split}/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    return texts[:limit]


def split_all(texts: list[tuple[str, str]]) -> dict[str, list[tuple[int, int]]]:
    from newsbrief.analyse.nlp import parse_many
    from newsbrief.analyse.sentences import sentences_from_doc

    docs = parse_many(text for _, text in texts)
    return {name: [(s.start, s.end) for s in sentences_from_doc(name, text, doc)]
            for (name, text), doc in zip(texts, docs, strict=True)}


def changed_places(text: str, before: list[tuple[int, int]], after: list[tuple[int, int]]) -> list[str]:
    """The boundaries (sentence starts) on one side only, as "-" (removed) or "+" (added) with context."""
    starts_before, starts_after = {s for s, _ in before[1:]}, {s for s, _ in after[1:]}
    places = []
    for sign, starts in (("-", starts_before - starts_after), ("+", starts_after - starts_before)):
        for start in sorted(starts):
            left = " ".join(text[max(0, start - 70) : start].split())
            right = " ".join(text[start : start + 50].split())
            places.append(f"{sign} {left} | {right}")
    return places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared bench folder (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--save", type=Path, help="write the sentence spans of every text to this JSON file")
    parser.add_argument("--compare", type=Path, help="compare with spans written earlier by --save")
    parser.add_argument("--sample", type=int, default=20, help="changed places to show (default: %(default)s)")
    args = parser.parse_args()
    if not args.save and not args.compare:
        parser.error("give --save FILE (old code) or --compare FILE (new code), or both")
    texts = read_texts(args.data, args.limit)
    spans = split_all(texts)
    if args.save:
        args.save.write_text(json.dumps(spans), encoding="utf-8")
        print(f"{len(spans)} texts, {sum(map(len, spans.values()))} sentences written to {args.save}")
    if not args.compare:
        return
    old = {name: [(s, e) for s, e in value] for name, value in json.loads(args.compare.read_text(encoding="utf-8")).items()}
    by_name = dict(texts)
    changed_texts = changed_sentences = 0
    places: list[tuple[str, str]] = []
    for name, after in spans.items():
        before = old.get(name, [])
        if before == after:
            continue
        changed_texts += 1
        changed_sentences += len(set(before) ^ set(after))
        places += [(name, place) for place in changed_places(by_name[name], before, after)]
    print(f"{len(spans)} texts, {sum(map(len, old.values()))} sentences before, {sum(map(len, spans.values()))} after; "
          f"{changed_texts} texts and {changed_sentences} sentences (either side) changed, at {len(places)} boundaries "
          f"({sum(p.startswith('-') for _, p in places)} removed, {sum(p.startswith('+') for _, p in places)} added)")
    for name, place in sorted(random.Random(10).sample(places, min(args.sample, len(places)))):
        print(f"{name}: {place}")


if __name__ == "__main__":
    main()
