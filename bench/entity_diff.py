"""Entity labels that changed between two claims workdirs (bench/claims.py --workdir), article by article.

Run it on a copy of a workdir analysed by main and the same workdir re-analysed by a branch
that changed the entities layer: every span whose label differs (or that one side lacks) is
printed with its context, then the counts of each change.  Both stores are only read.

    .venv/bin/python bench/entity_diff.py /tmp/H14-dev /tmp/NAME-claims-dev
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any


def _load(path: Path) -> tuple[dict[str, str], dict[str, list[dict[str, Any]]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        texts = dict(con.execute("SELECT id, text FROM articles"))
        layers = {a: json.loads(d) for a, d in con.execute("SELECT article_id, data FROM annotations WHERE layer = 'entities'")}
    finally:
        con.close()
    return texts, layers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="workdir analysed by the base version")
    parser.add_argument("new", type=Path, help="the same workdir analysed by the changed version")
    args = parser.parse_args()
    changes: Counter[tuple[str, str]] = Counter()
    compared = 0
    for db in sorted(args.new.glob("*.db")):
        if not (args.old / db.name).is_file():
            continue
        texts, new = _load(db)
        _, old = _load(args.old / db.name)
        for article_id, entities in new.items():
            if article_id not in old:
                continue
            compared += 1
            before = {(e["start"], e["end"]): e["label"] for e in old[article_id]}
            after = {(e["start"], e["end"]): e["label"] for e in entities}
            text = texts[article_id]
            for start, end in sorted(set(before) | set(after)):
                was, now = before.get((start, end), "-"), after.get((start, end), "-")
                if was != now:
                    changes[(was, now)] += 1
                    context = text[max(0, start - 50) : end + 30].replace("\n", " ")
                    print(f"{db.stem} {article_id[:6]} {text[start:end]!r} {was} -> {now} | {context}")
    print(f"{compared} articles compared; changes: " + ", ".join(f"{a}->{b} {n}" for (a, b), n in changes.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
