"""Where a judged-true dispute the brief does not show is dropped (issue 8, session 12, recall12).

Each judged-true dispute of a set that the brief misses (the "True disputes missed:" line of
``bench/claims.py --list-wrong``) is followed through the dispute stages of its cluster's brief,
built from a kept claims workdir as ``bench/claims.py`` builds it:

* the two sides must be claims of the story (``NO CLAIM``: a headline, the bench's title line,
  a sentence too short);
* a number dispute needs a count read on each side (``NO COUNT``, with the numbers left unread),
  then every pair of the two sides' counts (those of the values the judge names, when read) goes
  through :func:`newsbrief.numbers.count_mismatches`' gates in order: two outlets, one head noun,
  ``_comparable``, ``_published_apart``, ``_revised_toll``, ``_different_measure``,
  ``_other_scope``, ``_other_quake``, ``_of_other_things`` (a crowded measure, one sentence giving
  both, two people's), ``_about_one_thing``, the confidence against the shown threshold; a pair
  that passes them all and is still not shown was dropped with its dispute (too many values);
* a date or denial dispute is looked up among what ``date_mismatches`` / ``denials`` found
  ("not matched": no candidate; else its confidence).

The furthest stage any pair reaches is reported, one line per dispute.

    PYTHONPATH=src:bench .venv/bin/python bench/dispute_trace.py --workdir DIR --wrong SET.wrong [--clusters 41ecbplus ...]

DIR is a copy of a claims workdir of the set (never one a benchmark is running on).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from pathlib import Path
from typing import Any

import claims as bench
from newsbrief import denials as denial_module
from newsbrief import disagree, numbers

_STATE: dict[str, Any] = {}
_WORD_NUMBERS = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}


def judged_values(row: dict[str, Any]) -> set[float]:
    """The numbers the judge's reason and the sides' values name ("eleven", "2,301", "8.6")."""
    text = row["reason"] + " " + " ".join(str(s.get("value") or "") for s in row["sides"])
    values = set()
    for match in re.finditer(r"\d[\d,]*(?:\.\d+)?", text):
        try:
            values.add(float(match.group().replace(",", "").rstrip(".")))
        except ValueError:
            continue
    values |= {float(_WORD_NUMBERS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in _WORD_NUMBERS}
    return values


def side_claims(context: Any, side: dict[str, Any]) -> list[int]:
    return [
        i for i, claim in enumerate(context.grouping.claims)
        if (context.by_id[claim.article_id].url or "").endswith("/" + side["doc"])
        and bench._side_matches({"doc": side["doc"], "text": claim.text}, side)
    ]


def read_counts(context: Any, analyses: Any) -> tuple[list[Any], dict[int, list[str]]]:
    """The counts :func:`numbers.count_mismatches` reads, and per claim the numbers it does not."""
    claims = context.grouping.claims
    counts, unread = [], {}
    entities = {an.article.id: sorted(an.entities, key=lambda e: e.start) for an in analyses}
    predicates = {an.article.id: [p for s in an.sentences for p in s.predicates] for an in analyses}
    quantities = {an.article.id: an.quantities for an in analyses}
    for i, claim in enumerate(claims):
        text = context.by_id[claim.article_id].text
        for quantity in quantities.get(claim.article_id, []):
            if not (claim.start <= quantity.start and quantity.end <= claim.end):
                continue
            count = numbers._count_of(text, quantity, i, claim.end, claim.start)
            if count is None:
                unread.setdefault(i, []).append(text[quantity.start : quantity.end])
                continue
            named = entities.get(claim.article_id, [])
            subject = (numbers._count_subject(text, claim, quantity, count, named) if hasattr(numbers, "_count_subject")
                       else numbers._subject(text, claim, quantity, named, places=count.head == "unit:km"))
            verb, doers = numbers._governing(predicates.get(claim.article_id, []), claim, quantity, count)
            count = dataclasses.replace(count, subject=subject, surnames=numbers._surnames(claim, named), verb=verb,
                                        doers=doers)
            if hasattr(numbers, "_another_time"):  # (main before session 12 has no magnitudes of other quakes)
                count = dataclasses.replace(count, background=(count.head == "magnitude" or bool(
                    getattr(count, "origin", ""))) and numbers._another_time(claim.text, context.by_id[claim.article_id].published_date))
            counts.append(count)
    return counts, unread


def _pair_stage(context: Any, counts: list[Any], buckets: dict[str, list[int]], x: int, y: int,
                floor: float) -> tuple[int, str]:
    a, b = counts[x], counts[y]
    claims = context.grouping.claims
    if a.total == b.total:
        return 0, "same value"
    if not context.other_outlets(claims[a.claim].article_id, claims[b.claim].article_id):
        return 1, "one outlet"
    if numbers._bucket(a.head) != numbers._bucket(b.head):
        return 2, "other head noun"
    gates = [
        ("_comparable", lambda: not numbers._comparable(a, b)),
        ("_published_apart", lambda: numbers._published_apart(context, a, b)),
        ("_revised_toll", lambda: numbers._revised_toll(context, a, b)),
        ("_different_measure", lambda: numbers._different_measure(a, b)),
        ("_other_scope", lambda: numbers._other_scope(a, b)),
        ("_other_quake", lambda: hasattr(numbers, "_other_quake") and numbers._other_quake(a, b)),
    ]
    for n, (name, fails) in enumerate(gates):
        if fails():
            return 3 + n, name
    bucket = buckets[numbers._bucket(a.head)]
    crowded = numbers._many_valued(counts, bucket)
    if numbers._of_other_things(context, counts, a, b, crowded):
        why = [f"crowded ({len({counts[z].total for z in bucket})} values)"] if crowded and not (a.subject and b.subject) else []
        why += ["one sentence gives both"] if numbers._states_both(counts, a, b) else []
        why += [f"two subjects ({a.subject} / {b.subject})"] if numbers._other_subjects(context, a, b) else []
        return 10, "_of_other_things: " + ", ".join(why)
    contexts, paragraphs = numbers._context_vectors(counts, {x, y})
    similarity = numbers._context_similarity(contexts, paragraphs, x, y)
    if not numbers._about_one_thing(context, a, b, similarity):
        return 11, f"_about_one_thing (context {similarity:.2f}, claims {context.similarity(a.claim, b.claim):.2f})"
    score = numbers._count_confidence(numbers.pair_features(context, counts, a, b, similarity, 0))
    if score < floor:
        return 12, f"confidence {score:.2f} < {floor}"
    return 13, f"pair passes ({score:.2f}): dropped with its dispute (more than {numbers.MAX_VERSIONS} values?)"


def trace_number(context: Any, analyses: Any, floor: float, row: dict[str, Any]) -> str:
    sides = row["sides"]
    found = [side_claims(context, s) for s in sides]
    if not all(found):
        return "NO CLAIM for " + ", ".join(s["doc"] for s, f in zip(sides, found, strict=True) if not f)
    counts, unread = read_counts(context, analyses)
    on_side = [[x for x, c in enumerate(counts) if c.claim in f] for f in found]
    wanted = judged_values(row)
    named = [[x for x in xs if counts[x].total in wanted] for xs in on_side]
    if all(named):
        on_side = named
    if not all(on_side):
        return "NO COUNT: " + " | ".join(
            f"read {[counts[x].written for x in xs]}, unread {[n for c in f for n in unread.get(c, [])]}"
            for xs, f in zip(on_side, found, strict=True))
    buckets: dict[str, list[int]] = {}
    for x, count in enumerate(counts):
        buckets.setdefault(numbers._bucket(count.head), []).append(x)
    stages = sorted(((*_pair_stage(context, counts, buckets, x, y, floor), f"{counts[x].written!r} / {counts[y].written!r}")
                     for x in on_side[0] for y in on_side[1]), key=lambda t: -t[0])
    return " || ".join(f"{pair}: {why}" for _, why, pair in stages[:3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--wrong", type=Path, required=True, help="a --list-wrong output with its 'True disputes missed:' line")
    parser.add_argument("--data", type=Path, default=Path("/work/shared/bench"))
    parser.add_argument("--clusters", nargs="*", default=[])
    args = parser.parse_args()
    missed = re.search(r"True disputes missed: (.*)", args.wrong.read_text(encoding="utf-8"))
    ids = [x.strip() for x in missed.group(1).split(",")] if missed else []
    judged = {row["id"]: row for row in bench.load_judged()}
    by_cluster: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in (judged[i] for i in ids):
        if not args.clusters or row["cluster"] in args.clusters:
            by_cluster.setdefault((row["dataset"], row["cluster"]), []).append(row)

    count_mismatches, date_mismatches, denials = numbers.count_mismatches, disagree.date_mismatches, denial_module.denials

    def counts_kept(context: Any, analyses: Any, floor: float = 0.0) -> Any:
        _STATE.update(context=context, analyses=analyses, floor=floor)
        return count_mismatches(context, analyses, floor)

    def dates_kept(context: Any, analyses: Any) -> Any:
        _STATE["date"] = date_mismatches(context, analyses)
        return _STATE["date"]

    def denials_kept(context: Any, analyses: Any) -> Any:
        _STATE["denial"] = denials(context, analyses)
        return _STATE["denial"]

    numbers.count_mismatches, disagree.date_mismatches, denial_module.denials = counts_kept, dates_kept, denials_kept
    chosen: dict[str, list[str]] = {}
    for dataset, cluster_id in by_cluster:
        chosen.setdefault(dataset, []).append(cluster_id)
    for cluster in bench.load_clusters(args.data, chosen):
        brief = bench.brief_cluster(cluster, args.workdir)
        shown = bench.system_claims(cluster, brief) if brief else []
        context = _STATE["context"]
        for row in by_cluster[(cluster.dataset, cluster.id)]:
            if any(bench.same_claim(s, row) for s in shown):
                why = "SHOWN"
            elif row["dispute_type"] == "number":
                why = trace_number(context, _STATE["analyses"], _STATE["floor"], row)
            else:
                found = [side_claims(context, s) for s in row["sides"]]
                keys = [{(context.grouping.claims[i].article_id, context.grouping.claims[i].start) for i in f} for f in found]
                pool = _STATE.get(row["dispute_type"], [])
                hits = [d for d in pool if all(k & {(c.article_id, c.start) for v in d.versions for c in v.citations} for k in keys)]
                why = ("NO CLAIM" if not all(found) else
                       f"found, confidence {[round(d.confidence, 2) for d in hits]}" if hits else "not matched (no candidate)")
            print(f"{row['id']}\t{row['dispute_type']}\t{why}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
