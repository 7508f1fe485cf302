"""Why the brief misses judged-true credits: the first check each missed pair fails.

bench/claims.py counts a judged-true credit (two outlets' versions judged to state one
proposition) as found when one multi-outlet fact of today's brief holds both versions.  This
script briefs the same clusters from a kept workdir (``bench/claims.py --workdir``: the
stored briefs are read, nothing is analysed again), takes the judged-true credits it misses,
finds both versions among the story's claims and replays the fact grouping's tests on the
pair, in the order the brief applies them: figures and dates compatible
(``propositions.compatible``), linked (``facts._linked``: cosine and shared entities,
numbers or dates), one proposition (``propositions.same_proposition``, each of its tests
named, both directions tried), then grouping (the two are linked and state one proposition
but end in two facts, or in one fact that is not multi-outlet).  It prints each missed pair
with its reason, then the counts.

    PYTHONPATH=src:bench .venv/bin/python bench/credit_misses.py --workdir /tmp/Z16-dev [--unseen|--blind8|...]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import claims as bench_claims  # noqa: E402
from common import DEFAULT_DATA  # noqa: E402

SETS = {"unseen": "UNSEEN", "fresh": "FRESH", "later": "LATER", "final": "FINAL", "blind8": "BLIND8", "blind9": "BLIND9",
        "blind10": "BLIND10", "blind11": "BLIND11", "blind12": "BLIND12"}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def missed_credits(data: Path, chosen: dict[str, list[str]], workdir: Path) -> list[dict[str, Any]]:
    """The judged-true credits of ``chosen`` that no multi-outlet fact of the brief holds."""
    judged = bench_claims.load_judged()
    claims = bench_claims.run(data, chosen, progress=False, workdir=workdir)
    keys = {f"{d}:{c}" for d, ids in chosen.items() for c in ids}
    result = bench_claims.score([c for c in claims if c["source"] == "system"], judged, keys,
                                [c for c in claims if c["source"] == "group"])
    missing = result.pool_true_credits - result.found_true_credits
    return [row for row in judged if row["id"] in missing]


def reason(pair: tuple[Any, Any], parsed: tuple[Any, Any], similarity: float, published: dict[str, str | None],
           same_fact: bool) -> str:
    """The first test of the fact grouping the pair fails (see the module docstring)."""
    from newsbrief import facts
    from newsbrief import propositions as p

    a, b = pair
    if not p.compatible(a, b, published):
        return "figures or dates incompatible"
    if not facts._linked(a, b, similarity, published):
        return "not linked (cosine, shared entities and details)"
    if p.same_proposition(a, b, similarity, published, parsed) or p.same_proposition(b, a, similarity, published, parsed[::-1]):
        return "one fact, not multi-outlet (a reprint or one outlet)" if same_fact else "grouped apart (another version chosen)"
    if similarity < p.PROPOSITION_RELATED:
        return "cosine under PROPOSITION_RELATED"
    tests = [
        ("numbers differ (_numbers_agree)", lambda x, y, px, py: p._numbers_agree(x, y)),
        ("not the same news (same_news)", lambda x, y, px, py: p.same_news(x, y, published)),
        ("specifics left out (states_specifics)", lambda x, y, px, py: p.states_specifics(x, y)),
        ("polarity differs", lambda x, y, px, py: not p.polarity_differs(x.text, y.text)),
        ("time frame (same_time_frame)", lambda x, y, px, py: p.same_time_frame(x, y)),
        ("a party left out (names_every_party)", lambda x, y, px, py: p.names_every_party(px, y.text)),
        ("another case step (same_case_step)", lambda x, y, px, py: p.same_case_step(px, x.text, py, y.text)),
        ("two quotations (other_quotation)", lambda x, y, px, py: not p.other_quotation(x.text, y.text)),
        ("one of many (one_of_many)", lambda x, y, px, py: not (p.one_of_many(x.text, y.text) or p.one_of_many(y.text, x.text))),
    ]
    for name, passes in tests:
        if not any(passes(x, y, px, py) for x, y, px, py in ((a, b, *parsed), (b, a, *parsed[::-1]))):
            return name
    return "the word test (cosine under PROPOSITION_SIMILAR, few shared content words)"


def explain(workdir: Path, rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    """Each missed credit with the reason :func:`reason` gives, its cluster's story rebuilt from the kept store."""
    from newsbrief import facts, match
    from newsbrief.pipeline.store_analysis import load_analyses
    from newsbrief.store import Store

    out: list[tuple[dict[str, Any], str]] = []
    by_cluster: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_cluster[row["dataset"], row["cluster"]].append(row)
    for (dataset, cluster), items in sorted(by_cluster.items()):
        with Store(workdir / f"{dataset}-{cluster}.db") as store:
            analyses = load_analyses(store, list(store.iter_articles()), skip_failed=True)
        articles = [a.article for a in analyses]
        analyses = match.fitting_analyses(analyses)
        resolution = match.resolve_entities(articles, analyses)
        claims = facts.extract_claims(articles, analyses, resolution.mentions)
        parsed = facts.claim_predicates(analyses, claims)
        grouping = facts.group_facts(articles, claims, match.claim_texts(articles, resolution, claims), parsed,
                                     facts.quoted_spans(analyses))
        published = {a.id: a.published_date for a in articles}
        fact_of = {k: n for n, group in enumerate(grouping.groups) for k in group}
        texts = [_norm(c.text) for c in claims]

        def find(text: str, texts: list[str] = texts) -> int | None:
            head = _norm(text.rstrip("…"))[:60]
            return next((k for k, t in enumerate(texts) if t.startswith(head)), None)

        for row in items:
            i, k = find(row["sides"][0]["text"]), find(row["sides"][1]["text"])
            if i is None or k is None:
                out.append((row, "a version is no claim of today's brief (cut, merged or chrome)"))
                continue
            similarity = float(grouping.vectors[i] @ grouping.vectors[k])
            out.append((row, reason((claims[i], claims[k]), (parsed[i], parsed[k]), similarity, published,
                                    fact_of.get(i) == fact_of.get(k))))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared bench folder (default: %(default)s)")
    parser.add_argument("--workdir", type=Path, required=True, help="a bench/claims.py --workdir of the same set, already briefed")
    for flag in SETS:
        parser.add_argument(f"--{flag}", action="store_true", help=f"the {SETS[flag]} clusters of bench/claims.py")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"benchmark data not found at {args.data}; pass --data DIR", file=sys.stderr)
        return 0
    chosen = next((getattr(bench_claims, name) for flag, name in SETS.items() if getattr(args, flag)), bench_claims.CLUSTERS)
    explained = explain(args.workdir, missed_credits(args.data, chosen, args.workdir))
    for row, why in explained:
        a, b = row["sides"]
        print(f"{row['id']} | {why} | {a['text'][:80]} || {b['text'][:80]}")
    print()
    for why, n in Counter(why for _, why in explained).most_common():
        print(f"{n:4d}  {why}")
    print(f"{len(explained):4d}  judged-true credits missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
