"""Which judged corroboration claims each refusal rule of newsbrief.propositions that reads only the two
sentences would refuse: every judged credit of bench/data/claims.jsonl (the version shown, the version
credited), counted per set as false / true refused.  A quick check of a rule on every set before briefing
again; the real figure comes from bench/claims.py, where refusing a credit can make another version the
shown one (docs/benchmarks.md, corrob13).

    PYTHONPATH=src:bench .venv/bin/python bench/corrob_rules.py [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable

import claims as bench
from newsbrief import propositions

RULES: dict[str, Callable[[str, str], bool]] = {
    "two quotations (other_quotation)": propositions.other_quotation,
    "one of several, either way (one_of_many)": lambda a, b: propositions.one_of_many(a, b)
    or propositions.one_of_many(b, a),
}
SETS = {"unseen": bench.UNSEEN, "fresh": bench.FRESH, "later": bench.LATER, "final": bench.FINAL, "blind8": bench.BLIND8,
        "blind9": bench.BLIND9, "blind10": bench.BLIND10, "blind11": bench.BLIND11, "blind12": bench.BLIND12}


def set_of(row: dict[str, object]) -> str:
    """The judged set a claim's cluster belongs to ("the 60" when none of the named ones)."""
    return next((name for name, chosen in SETS.items() if row["cluster"] in chosen.get(str(row["dataset"]), ())), "the 60")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print each refused pair")
    args = parser.parse_args()
    rows = [r for r in bench.load_judged() if r["kind"] == "corroboration"]
    print(f"{len(rows)} judged credits ({sum(r['label'] for r in rows)} true)\n")
    table = []
    for name, rule in RULES.items():
        refused = [r for r in rows if rule(r["sides"][0]["text"], r["sides"][1]["text"])]
        false, true = Counter(set_of(r) for r in refused if not r["label"]), Counter(set_of(r) for r in refused if r["label"])
        table.append([name, sum(false.values()), sum(true.values()),
                      ", ".join(f"{s} {false[s]} / {true[s]}" for s in sorted(set(false) | set(true))) or "none"])
        if args.show:
            for r in refused:
                print(f"{name}: {r['id']} {r['label']} {r.get('category')}\n    {r['sides'][0]['text'][:160]}\n    {r['sides'][1]['text'][:160]}")
    print(bench.table(["rule", "false refused", "true refused", "by set (false / true)"], table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
