"""Omission notes: each judged note's (outlet, fact) pair as the pipeline now decides it, and which check settles it.

For every judged omission claim of bench/data/claims.jsonl whose cluster store a ``bench/claims.py
--workdir DIR`` kept (``DATASET-CLUSTER.db``), the story's matching is rebuilt from the store, the fact
whose versions the judged claim names is found among the facts credited to two or more outlets
but not to the claim's outlet, and :func:`newsbrief.coverage.build_coverage` says whether the brief
shows the note.  Counts the pairs by the judge's label and category, shown or not, and names the
checks of :class:`newsbrief.coverage.SentenceEvidence` that find the outlet stating the fact (a
parse-level check such as ``states_act_in`` cannot be tried on kept texts alone, as
bench/omission_figures.py does).  Run it before and after a change to the coverage: judged-true notes
lost and false ones removed, on every set at once.  Changes nothing; reads only the kept stores.

    .venv/bin/python bench/omission_pairs.py --workdir DIR [--workdir DIR ...] [--list]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from claims import JUDGED, excerpt, load_judged
from claims import _side_matches as side_matches

CHECKS = ("restates", "states_act_in", "names_with_figure_in", "states_core_in", "names_all_in")


def main() -> int:
    from newsbrief.brief import rank_facts
    from newsbrief.coverage import SentenceEvidence, build_coverage
    from newsbrief.embed import stored_in
    from newsbrief.match import match_articles
    from newsbrief.pipeline.store_analysis import load_analyses
    from newsbrief.store import Store

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, action="append", required=True,
                        help="a workdir bench/claims.py kept (repeat for several sets)")
    parser.add_argument("--list", action="store_true", help="print every pair with its label, shown or not, and the checks")
    args = parser.parse_args()
    stores: dict[str, Path] = {}
    for workdir in args.workdir:
        for path in sorted(workdir.glob("*.db")):
            stores.setdefault(path.stem, path)
    by_cluster: dict[str, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    for claim in load_judged(JUDGED):
        if claim["kind"] == "omission":
            by_cluster[f"{claim['dataset']}-{claim['cluster']}"].append(claim)
    counts: Counter[tuple[bool, str, str]] = Counter()
    for key, claims in sorted(by_cluster.items()):
        if key not in stores:
            counts.update((c["label"], c.get("category") or "", "store not kept") for c in claims)
            continue
        with Store(stores[key]) as store:
            articles = list(store.iter_articles())
            analyses = load_analyses(store, articles, skip_failed=True)
            doc_of = {a.id: (a.url or "").rsplit("/", 1)[-1] or a.id for a in articles}
            outlet_of = {a.id: a.label for a in articles}
            with stored_in(store):
                matching = match_articles(articles, analyses)
                evidence = SentenceEvidence(matching)
                facts = rank_facts(matching.facts, None)
                coverage = build_coverage(facts, articles, evidence.restates, evidence)
                for claim in claims:
                    own = {a.id for a in articles if a.label == claim["outlet"]}
                    fact = next((f for f in facts if f.independent_outlets >= 2 and own
                                 and claim["outlet"] not in {c.outlet or outlet_of.get(c.article_id) for c in f.claims}
                                 and any(side_matches({"doc": doc_of[c.article_id], "text": excerpt(c.text)}, side)
                                         for c in f.claims[:4] for side in claim["sides"])), None)
                    if fact is None:
                        state, settled = "no such fact", []
                    else:
                        state = "shown" if fact.id in coverage.omissions.get(claim["outlet"], ()) else "not shown"
                        # (a check an older commit lacks is left out: the script runs on main before a change too)
                        settled = [name for name in CHECKS if (check := getattr(evidence, name, None)) and check(own, fact)]
                    counts[(claim["label"], claim.get("category") or "", state)] += 1
                    if args.list:
                        print(f"{claim['id']} {'true' if claim['label'] else 'false'} {claim.get('category')}: {state}"
                              f"{' (' + ', '.join(settled) + ')' if settled else ''}")
        print(f"{key} read", file=sys.stderr, flush=True)
    print(f"\njudged omission claims: {sum(counts.values())}")
    for (label, category, state), n in sorted(counts.items(), key=str):
        print(f"  {'true' if label else 'false'} {category}: {n} {state}")
    shown = [(label, n) for (label, _, state), n in counts.items() if state == "shown"]
    print(f"shown: {sum(n for label, n in shown if label)} true of {sum(n for _, n in shown)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
