"""Corroboration on DUC 2007 pyramids: the credit decision measured on text no rule was written from.

Each pyramid file (``mainPyramidEval/allpyramids/*.pyr``, ``updateEval/Pyramid/allpyramids/*.pyr``;
research use only, never copied into the repository) holds four human summaries of one news
topic and the summary content units (SCUs) an annotator found in them, each with the character
spans (into the summaries' lines joined with "\\n") of the summaries that state it.  Two summary
sentences written by different people about one story are like two outlets' versions, and the
SCUs say whether one states everything the other does.

The four summaries of a file are briefed as one story of four outlets, the way bench/claims.py
briefs a cluster (the product's cleaning, sentence splitting, parse, entity matching and
embedding), and every ordered pair of claims (sentences, or clauses of very long ones) of two
summaries is labelled for the direction shown -> credited, as docs/claims-guideline.md defines
corroboration:

- ``same``: the shown sentence's SCUs (those with a contributor part at least half inside it) are
  a subset of the credited one's, and not empty;
- ``partial``: they share an SCU, but the shown one has one the other lacks;
- ``other``: they share none.

A pair is *considered* when the product's gate passes it: a link of fact grouping
(``facts._linked``: cosine >= 0.70, or >= 0.55 with shared evidence) and ``same_proposition``.
It is *credited* when ``credit_confidence`` (``CREDIT_MODEL`` over ``credit_features``) is at least
``CREDIT_SHOW``.  ``brief`` says whether the brief of the four summaries credited it in context
(the shown version is then the one its fact shows).  Printed: per task, the considered pairs and
the credited ones by label, with precision (share ``same``), and per confidence bin.

``--out DIR`` writes ``pairs-main.jsonl`` and ``pairs-update.jsonl`` (the considered pairs) in the
shape of bench/corrob_pairs.py ``--dump`` (id, label = same, category, shown, other, sim, the
claims and parsed verbs; no story fields: trials, spread, rivals), which bench/credit_model.py
and bench/nli_probe.py read, and ``wide-main.jsonl`` / ``wide-update.jsonl``: every pair of cosine
>= ``facts.RELATED`` with its gate verdict (for training a pair model).

    PYTHONPATH=src:bench .venv/bin/python bench/pyramid_pairs.py [--workdir DIR] [--out DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from common import DEFAULT_DATA, table

TASKS = {"main": Path("duc2007/mainPyramidEval/allpyramids"), "update": Path("duc2007/updateEval/Pyramid/allpyramids")}
_HEADER = re.compile(r"^\s*D\d{4}\S*\.([A-Z])\s*$")  # " D0701.M.250.A.G": the summary of summariser G
_RULE = re.compile(r"^-{5,}\s*$")
PART_INSIDE = 0.5  # share of an SCU contributor's part that must lie inside a sentence to give it the SCU
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)


@dataclass
class Pyramid:
    """One pyramid file: its text (the lines joined with "\\n"), the summaries (summariser,
    start, end in the text) and each SCU's contributor parts (start, end)."""

    name: str
    text: str
    summaries: list[tuple[str, int, int]] = field(default_factory=list)
    scus: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def read_pyramid(path: Path) -> Pyramid:
    """The summaries and SCUs of a pyramid file.  A part whose offsets do not hold its label
    (some files are off by a character or two) is moved to the label found within 8 characters."""
    root = ET.parse(path).getroot()
    lines = [line.text or "" for line in root.iter("line")]
    text = "\n".join(lines)
    pyramid = Pyramid(path.stem, text)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    headers = [k for k, line in enumerate(lines) if _HEADER.match(line)]
    for n, k in enumerate(headers):
        first = k + 2 if k + 1 < len(lines) and _RULE.match(lines[k + 1]) else k + 1
        last = (headers[n + 1] - 1 if n + 1 < len(headers) else len(lines)) - 1
        while last >= first and (not lines[last].strip() or _RULE.match(lines[last])):
            last -= 1
        while first <= last and not lines[first].strip():
            first += 1
        if first <= last:
            match = _HEADER.match(lines[k])
            assert match is not None
            pyramid.summaries.append((match.group(1), offsets[first], offsets[last] + len(lines[last])))
    for scu in root.iter("scu"):
        parts = []
        for part in scu.iter("part"):
            start, end, label = int(part.get("start", 0)), int(part.get("end", 0)), part.get("label", "")
            if text[start:end] != label and label:
                near = text.find(label, max(0, start - 8), end + 8)
                if near >= 0:
                    start, end = near, near + len(label)
            parts.append((start, end))
        pyramid.scus[scu.get("uid", str(len(pyramid.scus)))] = parts
    return pyramid


def scu_set(pyramid: Pyramid, start: int, end: int) -> frozenset[str]:
    """The SCUs with a contributor part at least ``PART_INSIDE`` inside the span."""
    return frozenset(uid for uid, parts in pyramid.scus.items()
                     if any(e > s and min(e, end) - max(s, start) >= PART_INSIDE * (e - s) for s, e in parts))


def category(shown: frozenset[str], other: frozenset[str]) -> str:
    """``same`` when the credited version has every SCU of the shown one (and it has one),
    ``partial`` when they share some, ``other`` when none."""
    if shown and shown <= other:
        return "same"
    return "partial" if shown & other else "other"


def _summary_text(pyramid: Pyramid, start: int, end: int) -> str:
    return pyramid.text[start:end]


def brief_pyramid(pyramid: Pyramid, task: str, workdir: Path) -> dict[str, Any] | None:
    """Brief the summaries as one story (bench/claims.py ``brief_cluster``) and keep what fact
    splitting was given: the claims, their vectors, parsed verbs and publication dates, and the
    credits the brief made ((shown, credited) claim indices)."""
    import claims as bench
    from newsbrief import facts

    seen: dict[str, Any] = {"credits": set()}
    split = facts.propositions

    def recording(component: list[int], claims: Sequence[Any], vectors: Any, published: Any = None,
                  predicates: Any = None) -> list[tuple[int, list[int]]]:
        out = split(component, claims, vectors, published, predicates)
        if seen.get("claims") is not claims:
            seen.update(claims=claims, vectors=np.asarray(vectors), published=published or {},
                        predicates=predicates or [()] * len(claims), credits=set())
        seen["credits"].update((rep, k) for rep, group in out for k in group if k != rep)
        return out

    cluster = bench.Cluster("pyr", f"{task}-{pyramid.name}")
    for who, start, end in pyramid.summaries:
        cluster.docs.append(bench.Doc(f"{pyramid.name}.{who}", f"Summariser {who}", _summary_text(pyramid, start, end)))
    facts.propositions = recording  # type: ignore[assignment]
    try:
        brief = bench.brief_cluster(cluster, workdir)
    finally:
        facts.propositions = split
    return seen if brief is not None and "claims" in seen else None


def pyramid_pairs(pyramid: Pyramid, task: str, workdir: Path) -> list[dict[str, Any]]:
    """Every ordered pair of claims of two summaries with cosine >= ``facts.RELATED``, labelled by
    SCUs, with the product's gate, credit confidence and brief verdict."""
    from newsbrief import facts, propositions

    seen = brief_pyramid(pyramid, task, workdir)
    if seen is None:
        return []
    claims, vectors, published, parsed = seen["claims"], seen["vectors"], seen["published"], seen["predicates"]
    summary_of = {f"Summariser {who}": (start, end) for who, start, end in pyramid.summaries}
    units = []
    for c in claims:
        start, _ = summary_of[c.outlet]
        body = _summary_text(pyramid, *summary_of[c.outlet])
        # The article's text is the summary's, unless cleaning changed it: then the claim is found by its text.
        at = c.start if body[c.start:c.end] == c.text else body.find(c.text)
        units.append(scu_set(pyramid, start + at, start + at + len(c.text)) if at >= 0 else frozenset())
    sims = vectors @ vectors.T
    rows = []
    for i, a in enumerate(claims):
        for j, b in enumerate(claims):
            sim = float(sims[i, j])
            if a.article_id == b.article_id or sim < facts.RELATED:
                continue
            pair = (parsed[i], parsed[j])
            gate = facts._linked(a, b, sim, published) and propositions.same_proposition(a, b, sim, published, pair)
            features = propositions.credit_features(a, b, sim, pair)
            confidence = propositions.credit_confidence(features)
            kind = category(units[i], units[j])
            overlap, coverage = propositions._word_overlap(a.text, b.text)
            rows.append({"id": f"pyr:{task}:{pyramid.name}:{a.outlet[-1]}{a.start}>{b.outlet[-1]}{b.start}",
                         "label": kind == "same", "category": kind, "shown": a.text, "other": b.text, "sim": sim,
                         "coverage": coverage, "overlap": overlap, "gate": gate, "confidence": round(confidence, 4),
                         "credited": gate and confidence >= propositions.CREDIT_SHOW, "brief": (i, j) in seen["credits"],
                         "scus_shown": sorted(units[i]), "scus_other": sorted(units[j]),
                         "shown_claim": a.to_dict(), "other_claim": b.to_dict(),
                         "ps": [p.to_dict() for p in parsed[i]], "po": [p.to_dict() for p in parsed[j]],
                         "published": {k: published.get(k) for k in (a.article_id, b.article_id)}})
    return rows


def summary_rows(rows: Sequence[dict[str, Any]]) -> list[list[object]]:
    """Considered, credited and briefed pairs by label, with the share ``same`` of each."""
    out: list[list[object]] = []
    for name, keep in (("considered (gate)", lambda r: r["gate"]), ("credited (gate, confidence >= show)", lambda r: r["credited"]),
                       ("refused by the confidence", lambda r: r["gate"] and not r["credited"]),
                       ("credited by the brief in context", lambda r: r["brief"])):
        chosen = [r for r in rows if keep(r)]
        counts = [sum(r["category"] == k for r in chosen) for k in ("same", "partial", "other")]
        out.append([name, len(chosen), *counts, counts[0] / len(chosen) if chosen else 0.0])
    return out


def bin_rows(rows: Sequence[dict[str, Any]]) -> list[list[object]]:
    """The considered pairs by credit confidence: how many, and the share ``same``."""
    out: list[list[object]] = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        chosen = [r for r in rows if r["gate"] and lo <= r["confidence"] < hi]
        same = sum(r["category"] == "same" for r in chosen)
        partial = sum(r["category"] == "partial" for r in chosen)
        out.append([f"{lo:.1f}-{min(hi, 1.0):.1f}", len(chosen), same, partial, same / len(chosen) if chosen else 0.0])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pyramid-pairs"),
                        help="kept stores of the briefed summaries (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="write pairs-TASK.jsonl and wide-TASK.jsonl here")
    parser.add_argument("--limit", type=int, help="only the first N pyramid files of each task")
    parser.add_argument("--sample", type=int, default=0,
                        help="print N considered pairs drawn at random (seed 14) to read, their SCU labels after them")
    args = parser.parse_args()
    if not (args.data / "duc2007").is_dir():
        print(f"no DUC 2007 data under {args.data}: nothing to measure")
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    considered_all: list[dict[str, Any]] = []
    for task, folder in TASKS.items():
        paths = sorted((args.data / folder).glob("*.pyr"))[: args.limit]
        rows = [r for path in paths for r in pyramid_pairs(read_pyramid(path), task, args.workdir)]
        considered_all += [r for r in rows if r["gate"]]
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            for name, keep in (("pairs", True), ("wide", False)):
                with (args.out / f"{name}-{task}.jsonl").open("w", encoding="utf-8") as fh:
                    fh.writelines(json.dumps(r) + "\n" for r in rows if r["gate"] or not keep)
        print(f"\n{task}: {len(paths)} pyramids, {len(rows)} ordered pairs of two summaries with cosine >= 0.55\n")
        print(table(["pairs", "n", "same", "partial", "other", "precision (same)"], summary_rows(rows)))
        print()
        print(table(["confidence (considered)", "n", "same", "partial", "precision (same)"], bin_rows(rows)))
        considered = [r for r in rows if r["gate"]]
        if len({r["label"] for r in considered}) == 2:
            from sklearn.metrics import roc_auc_score

            auc = roc_auc_score([r["label"] for r in considered], [r["confidence"] for r in considered])
            print(f"\nAUC of today's credit confidence over the considered pairs (same against the rest): {auc:.3f}")
    if args.sample:
        drawn = random.Random(14).sample(considered_all, min(args.sample, len(considered_all)))
        print("\nDrawn to read (shown -> credited):")
        for n, r in enumerate(drawn):
            print(f"{n}\n  S: {r['shown']}\n  O: {r['other']}")
        print("SCU labels:", " ".join(f"{n}:{r['category']}" for n, r in enumerate(drawn)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
