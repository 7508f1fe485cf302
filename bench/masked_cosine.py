"""Does the cosine of two versions separate true credits from false once names are masked?

A trial for corroboration (session 12, lead; not built into the brief): MiniLM's cosine of two
sentences that share rare names ("AMD", "SeaMicro") is high whatever they assert.  Reads the
``bench/corrob_pairs.py --dump`` files of judged credits and prints, per file and pooled, the
AUC of the plain cosine and of the cosine with capitalised names replaced by "it" (every name,
or only the names of the story's topic: words most of its articles write), and how many false
and true credits each threshold would refuse.

    PYTHONPATH=src:bench .venv/bin/python bench/corrob_pairs.py --workdir DIR --blind9 --dump B9.jsonl
    PYTHONPATH=src:bench .venv/bin/python bench/masked_cosine.py B8.jsonl B9.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from newsbrief.embed import embed

# A capitalised word run not at the start of the text or of a sentence ("Peter Capaldi", "Bank of England").
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][\w'’.-]*[A-Za-z0-9])(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’.-]*[A-Za-z0-9])*")
TOPIC_SHARE = 0.5  # a name is the story's topic when each of its words is in at least this share of its articles


def names(text: str) -> set[str]:
    return {m.group(0) for m in _NAME.finditer(text)}


def masked(text: str, which: set[str]) -> str:
    for name in sorted(which, key=len, reverse=True):
        text = text.replace(name, "it")
    return text


def auc(scores: list[float], labels: list[bool]) -> float:
    s, y = np.array(scores), np.array(labels)
    pos, neg = s[y], s[~y]
    if not len(pos) or not len(neg):
        return float("nan")
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (len(pos) * len(neg)))


def _topic(name: str, spread: dict[str, Any]) -> bool:
    words = [w for w in (w.lower().strip("'’.") for w in name.split()) if w in spread]
    return bool(words) and all(spread[w][0] >= TOPIC_SHARE for w in words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dumps", type=Path, nargs="+", help="bench/corrob_pairs.py --dump files")
    args = parser.parse_args()
    rows = [dict(json.loads(line), file=path.name) for path in args.dumps for line in path.open(encoding="utf-8")]
    variants: dict[str, list[tuple[str, str]]] = {"every name": [], "topic names": []}
    for r in rows:
        a, b = r["shown"], r["other"]
        variants["every name"].append((masked(a, names(a)), masked(b, names(b))))
        variants["topic names"].append((masked(a, {n for n in names(a) if _topic(n, r["spread"])}),
                                        masked(b, {n for n in names(b) if _topic(n, r["spread"])})))
    texts = sorted({t for pairs in variants.values() for pair in pairs for t in pair})
    vectors = dict(zip(texts, embed(texts), strict=True))
    labels = [bool(r["label"]) for r in rows]
    print(f"{len(rows)} judged credits, {sum(labels)} true; AUC of the cosine: plain {auc([r['sim'] for r in rows], labels):.3f}")
    for name, pairs in variants.items():
        sims = [float(vectors[x] @ vectors[y]) for x, y in pairs]
        print(f"  names masked ({name}): {auc(sims, labels):.3f}")
        for file in sorted({r["file"] for r in rows}):
            idx = [i for i, r in enumerate(rows) if r["file"] == file]
            print(f"    {file}: {auc([sims[i] for i in idx], [labels[i] for i in idx]):.3f} "
                  f"(plain {auc([rows[i]['sim'] for i in idx], [labels[i] for i in idx]):.3f})")
        for threshold in (0.4, 0.45, 0.5, 0.55, 0.6):
            under = [y for s, y in zip(sims, labels, strict=True) if s < threshold]
            print(f"    under {threshold}: refuses {under.count(False)} false, {under.count(True)} true")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
