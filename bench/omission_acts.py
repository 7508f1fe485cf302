"""Omission notes: where the act check (:meth:`newsbrief.coverage.SentenceEvidence.states_act_in`) decides.

For every cluster of the chosen sets whose store ``bench/claims.py --workdir DIR`` kept, every
fact credited to two or more outlets and every outlet it is not credited to, whose sentences
the older checks do not find stating it (no restatement, no close sentence using every shared
name or figure): prints the pairs where the act check finds a sentence stating the fact (so the
outlet is not said to leave it out), with the fact and the sentences, to be read and judged by
hand, and counts them.  Changes nothing; reads only kept stores (run bench/claims.py first).

    .venv/bin/python bench/omission_acts.py --workdir DIR [--sets all60,unseen,fresh,later,final,blind8]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from claims import BLIND8, CLUSTERS, FINAL, FRESH, LATER, UNSEEN

SETS = {"all60": CLUSTERS, "unseen": UNSEEN, "fresh": FRESH, "later": LATER, "final": FINAL, "blind8": BLIND8}


def main() -> int:
    from newsbrief.brief import rank_facts
    from newsbrief.coverage import ACT_NEAR, OMIT_FAR, SentenceEvidence, states_act
    from newsbrief.embed import stored_in
    from newsbrief.match import match_articles
    from newsbrief.pipeline.store_analysis import load_analyses
    from newsbrief.store import Store

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, required=True, help="the stores bench/claims.py --workdir kept")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated, of: %(default)s")
    args = parser.parse_args()
    pairs = decided = 0
    for name in args.sets.split(","):
        for dataset, ids in SETS[name].items():
            for cid in ids:
                db = args.workdir / f"{dataset}-{cid}.db"
                if not db.exists():
                    continue
                with Store(db) as store:
                    articles = list(store.iter_articles())
                    outlets = sorted({a.label for a in articles if not a.duplicate_of})
                    if len(outlets) < 3:
                        continue
                    analyses = load_analyses(store, articles, skip_failed=True)
                    with stored_in(store):
                        matching = match_articles(articles, analyses)
                        evidence = SentenceEvidence(matching)
                        for fact in rank_facts(matching.facts, None):
                            if fact.independent_outlets < 2:
                                continue
                            credited = {c.outlet or c.article_id for c in fact.claims}
                            for outlet in outlets:
                                own = {a.id for a in articles if a.label == outlet}
                                if outlet in credited or evidence.restates(own, fact) or (
                                        evidence.closeness(own, fact) >= OMIT_FAR
                                        and (evidence.names_all_in(own, fact) or evidence.states_figure_in(own, fact, OMIT_FAR))):
                                    continue
                                pairs += 1
                                if not evidence.states_act_in(own, fact):
                                    continue
                                decided += 1
                                print(f"\n{dataset}:{cid} | {outlet} | {fact.independent_outlets} outlets | fact: {fact.text[:200]}")
                                _print_sentences(evidence, own, fact, ACT_NEAR, states_act)
    print(f"\n{decided} of {pairs} outlet-fact pairs no older check settles are decided by the act check")
    return 0


def _print_sentences(evidence, own, fact, near, states_act) -> None:  # type: ignore[no-untyped-def]
    """The outlet's sentences that state the fact's act."""
    texts, _, sims = evidence._similarities(own, fact)
    spans = [(c.article_id, c.start, c.end) for c in evidence.grouping.claims if c.article_id in own]
    spans += [(a, s[0], s[1]) if s else None for a in sorted(own) for s in evidence.other_spans.get(a, [])]
    versions = [(c.text, evidence._predicates_in(c.article_id, c.start, c.end)) for c in fact.claims]
    people = {e.name.split()[-1].lower() for e in evidence.entities if e.label == "PERSON" and e.name.split()}
    for x in np.nonzero(sims.max(axis=1) >= near)[0]:
        if spans[x] and states_act(texts[x], evidence._predicates_in(*spans[x]), versions, people):
            print(f"    {sims[x].max():.2f}: {texts[x][:200]}")


if __name__ == "__main__":
    sys.exit(main())
