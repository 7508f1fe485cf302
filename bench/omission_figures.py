"""Omission notes: which judged notes a sentence check of the coverage refutes.

For every judged omission claim of bench/data/claims.jsonl (an outlet said to leave out a fact, with
the fact's versions as judged) whose cluster input a ``bench/claims.py --workdir DIR`` kept
(``DATASET-CLUSTER.jsonl``), the outlet's titles and texts are cut at sentence ends and each
sentence is asked the check ``--rule`` names against the versions:
:func:`newsbrief.coverage.names_with_figure` (the fact's names beside one of its figures, the
default) or :func:`newsbrief.coverage.states_core` (a name all versions use, a figure and a word
most give).  Prints the claims where some sentence passes, with it, and counts them by the judge's
label and category: the check must find the judged stated_in_other_words notes, never the
judged-true ones.  Changes nothing; reads only the kept inputs.

    .venv/bin/python bench/omission_figures.py --workdir DIR [--workdir DIR ...] [--rule states_core]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from newsbrief.coverage import names_with_figure, states_core

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "bench" / "data" / "claims.jsonl"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
RULES = {"names_with_figure": names_with_figure, "states_core": states_core}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, action="append", required=True,
                        help="a workdir bench/claims.py kept (repeat for several sets)")
    parser.add_argument("--rule", choices=sorted(RULES), default="names_with_figure", help="the sentence check (default: %(default)s)")
    args = parser.parse_args()
    rule = RULES[args.rule]
    inputs: dict[str, Path] = {}
    for workdir in args.workdir:
        for path in sorted(workdir.glob("*.jsonl")):
            inputs.setdefault(path.name, path)
    counts: Counter[tuple[bool, str, bool]] = Counter()
    unread = 0
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        claim = json.loads(line)
        if claim["kind"] != "omission":
            continue
        path = inputs.get(f"{claim['dataset']}-{claim['cluster']}.jsonl")
        if path is None:
            unread += 1
            continue
        docs = [json.loads(row) for row in path.read_text(encoding="utf-8").splitlines() if row.strip()]
        sentences = [s for d in docs if d.get("outlet") == claim["outlet"]
                     for s in _SENTENCE_END.split((d.get("title") or "") + "\n" + d["text"]) if s.strip()]
        versions = [side["text"] for side in claim["sides"]]
        found = next((s for s in sentences if rule(s, versions)), None)
        counts[(claim["label"], claim.get("category") or "", found is not None)] += 1
        if found is not None:
            print(f"{claim['id']} {'true' if claim['label'] else 'false'} {claim.get('category')}: {found[:160]}")
    print(f"\njudged omission claims read: {sum(counts.values())} (cluster input not kept: {unread})")
    for (label, category, hit), n in sorted(counts.items(), key=str):
        print(f"  {'true' if label else 'false'} {category}: {n} {'with' if hit else 'without'} such a sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
