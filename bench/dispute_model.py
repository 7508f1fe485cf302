"""The number disputes' confidence model (newsbrief.numbers.COUNT_MODEL): features of every
candidate pair, judged labels, a logistic fit, and its leave-one-set-out evaluation.

Every pair of conflicting numbers of two outlets that the brief considers (after the hard
rules: comparable, same measure, not published apart, ...) is recorded with its features
(:func:`newsbrief.numbers.pair_features`) and with the confidence main gave it (the evidence
score of session 8 through its Platt fit, shown at 0.7), and looked up in the judged set
(bench/data/claims.jsonl) like a brief's claim.  Only judged pairs train; the unjudged pairs a
model would show are counted per set.

    # 1. record the pairs of each set (reuses kept stores; writes bench/data/number_pairs.jsonl)
    bench/dispute_model.py --collect SET=WORKDIR ...      (SET: dev unseen fresh later final blind8 .. blind12)
    # 2. leave-one-set-out and cluster cross-validation tables, the threshold, the coefficients
    bench/dispute_model.py --fit [--target 0.9] [--features NAME ...]
    # 2b. the rule over story size and one fact (session 10), chosen the same way
    bench/dispute_model.py --rules [--target 0.9]
    # 3. the brief itself on a held-out set with the coefficients fit without it (--unjudged FILE:
    #    the number disputes it shows that nobody judged, to judge; --train-sets: fit on these only)
    bench/dispute_model.py --pipeline SET=WORKDIR

Pairs are compared pair by pair: a judged pair counts once (the most confident of the
candidate pairs that match it), true or false.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import claims as bench
from common import DEFAULT_DATA, ROOT, table

PAIRS = ROOT / "bench" / "data" / "number_pairs.jsonl"
SETS: dict[str, dict[str, list[str]]] = {
    "dev": bench.CLUSTERS, "unseen": bench.UNSEEN, "fresh": bench.FRESH, "later": bench.LATER, "final": bench.FINAL,
    "blind8": bench.BLIND8, "blind9": bench.BLIND9, "blind10": bench.BLIND10, "blind11": bench.BLIND11,
    "blind12": bench.BLIND12,
}
# The held-out folds: each is fit without, then measured.
FOLDS: dict[str, tuple[str, ...]] = {
    "blind9": ("blind9",), "blind8": ("blind8",), "small4": ("unseen", "fresh", "later", "final"), "dev": ("dev",),
    "blind10": ("blind10",), "blind11": ("blind11",), "blind12": ("blind12",),
}
# The models tried, each fold choosing one by the sets it trains on: every feature, or main's
# evidence score with the hard rules' flags and what the errors of BLIND8/BLIND9 called for, with
# the parse's verbs or the evidence score's parts beside it.
COMPACT = ("evidence", "values", "crowded_unnamed", "other_subjects", "states_both", "measure", "hedged", "other_value_beside")
FEATURE_SETS: dict[str, tuple[str, ...]] = {
    "all": (),
    "compact": COMPACT,
    "compact + verbs": (*COMPACT, "same_verb", "same_doer", "other_doer", "other_years"),
    "compact + parts": (*COMPACT, "claim_similarity", "context_similarity", "same_fact", "referent_overlap", "no_shared_entity"),
    # session 10: how big the story is (a long story gives many numbers of many things) and one fact
    "compact + size": (*COMPACT, "same_fact", "story_pairs", "story_counts", "measure_counts"),
    "size": ("evidence", "same_fact", "story_pairs", "values", "crowded_unnamed", "other_subjects", "states_both"),
}
STRENGTHS = (0.3, 1.0, 3.0)  # inverse L2 strengths tried
MAIN_SHOW = 0.7  # main's disagree.SHOW_CONFIDENCE
MAIN_CALIBRATION = (16.31, -8.76)  # session 8's numbers.COUNT_CALIBRATION (2026-12-01)
TARGET_PRECISION = 0.6  # the threshold is the lowest whose held-out precision reaches this ...
THRESHOLD_RULE = "each"  # ... on every set ("each") or on the sets pooled ("pooled")


# -- main's confidence, kept here to compare with -------------------------------------------------


def main_confidence(evidence: float) -> float:
    """Main's confidence of a pair in session 8: the evidence score (``numbers._evidence``, the
    feature "evidence") through the Platt fit ``MAIN_CALIBRATION``, to measure models against."""
    slope, intercept = MAIN_CALIBRATION
    return round(1.0 / (1.0 + math.exp(-(slope * evidence + intercept))), 3)


# -- collecting the pairs -------------------------------------------------------------------------


def collect(name: str, workdir: Path, data: Path = DEFAULT_DATA, relaxed: bool = True) -> list[dict[str, Any]]:
    """Every candidate number-dispute pair the brief considers on set ``name``, with features,
    main's confidence and the judged label (None when not judged)."""
    from newsbrief import numbers

    recorded: list[dict[str, Any]] = []
    features_of = numbers.pair_features

    def recording(context: Any, counts: Sequence[Any], a: Any, b: Any, similarity: float, story: int = 0) -> dict[str, float]:
        features = features_of(context, counts, a, b, similarity, story)
        if a.total != b.total:  # a conflicting pair, not one of agreeing counts
            sides = []
            for count in (a, b):
                claim = context.grouping.claims[count.claim]
                url = context.by_id[claim.article_id].url or ""
                sides.append({"doc": url.rsplit("/", 1)[-1] or claim.article_id, "text": bench.excerpt(claim.text),
                              "value": count.written})
            crowded = len({c.total for c in counts if numbers._bucket(c.head) == numbers._bucket(a.head)}) >= numbers.MANY_VALUES
            recorded.append({"sides": sides, "features": {k: round(v, 4) for k, v in features.items()}, "main": main_confidence(features["evidence"]),
                             "refused": refusing(context, counts, a, b, crowded)})
        return features

    numbers.pair_features = recording  # type: ignore[assignment]
    refusing = numbers._of_other_things
    if relaxed:  # the pairs these rules refuse are scored too (their flags are features), to learn from
        numbers._of_other_things = lambda *args: False  # type: ignore[assignment]
    judged = [row for row in bench.load_judged() if row["kind"] == "dispute" and row.get("dispute_type") == "number"]
    out: list[dict[str, Any]] = []
    try:
        for cluster in bench.load_clusters(data, SETS[name]):
            recorded.clear()
            bench.brief_cluster(cluster, workdir)
            for pair in recorded:
                claim = {"kind": "dispute", "dataset": cluster.dataset, "cluster": cluster.id, "sides": pair["sides"]}
                match = next((row for row in judged if bench.same_claim(claim, row)), None)
                if match:  # the judged set holds its text
                    pair["sides"] = [{"doc": side["doc"], "value": side["value"]} for side in pair["sides"]]
                out.append({"set": name, "dataset": cluster.dataset, "cluster": cluster.id, **pair,
                            "judged": match["id"] if match else None, "label": bool(match["label"]) if match else None})
            print(f"{name} {cluster.key}: {len(recorded)} pairs", file=sys.stderr, flush=True)
    finally:
        numbers.pair_features = features_of  # type: ignore[assignment]
        numbers._of_other_things = refusing  # type: ignore[assignment]
    return out


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- fitting ------------------------------------------------------------------------------------


def feature_names(pairs: Sequence[dict[str, Any]]) -> list[str]:
    return sorted({name for p in pairs for name in p["features"]})


def units(pairs: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Judged pairs by judged claim (one unit each); unjudged pairs by their two sides."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in pairs:
        key = p["judged"] or "?" + json.dumps([p["set"], p["cluster"], sorted(json.dumps(s, sort_keys=True) for s in p["sides"])])
        grouped[key].append(p)
    return grouped


def fit(pairs: Sequence[dict[str, Any]], names: Sequence[str], strength: float = 1.0) -> dict[str, float]:
    """Logistic regression on the judged pairs, each judged claim weighing one in all."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows, labels, weights = [], [], []
    for key, group in units(pairs).items():
        if key.startswith("?"):
            continue
        for p in group:
            rows.append([p["features"].get(n, 0.0) for n in names])
            labels.append(bool(p["label"]))
            weights.append(1 / len(group))
    model = LogisticRegression(C=strength, max_iter=2000)
    model.fit(np.asarray(rows), np.asarray(labels), sample_weight=np.asarray(weights))
    return {"intercept": float(model.intercept_[0]), **{n: float(w) for n, w in zip(names, model.coef_[0], strict=True)}}


def probability(weights: dict[str, float], features: dict[str, float]) -> float:
    logit = weights["intercept"] + sum(weights.get(n, 0.0) * v for n, v in features.items())
    return 1 / (1 + math.exp(-logit))


@dataclass
class Unit:
    """One judged claim (or one unjudged pair of sentences) with its confidences: the most
    confident of its candidate pairs, over all of them or only those the rules keep."""

    set: str
    label: bool | None
    model: float  # the model, every pair
    model_kept: float  # the model, pairs the hard rules (numbers._of_other_things) keep; -1 if none
    main_kept: float  # main's confidence, pairs the rules keep; -1 if none


def scored_units(pairs: Sequence[dict[str, Any]], weights: dict[str, float]) -> list[Unit]:
    out = []
    for group in units(pairs).values():
        kept = [p for p in group if not p["refused"]]
        out.append(Unit(group[0]["set"], group[0]["label"], max(probability(weights, p["features"]) for p in group),
                        max((probability(weights, p["features"]) for p in kept), default=-1.0),
                        max((p["main"] for p in kept), default=-1.0)))
    return out


def threshold_for(scored: Sequence[tuple[float, bool]], target: float | None = None) -> float:
    """The lowest threshold (of 0.1, 0.15, ... 0.95) whose precision on ``scored`` reaches ``target``
    (default ``TARGET_PRECISION``)."""
    target = TARGET_PRECISION if target is None else target
    for step in range(2, 20):
        t = step / 20
        shown = [y for p, y in scored if p >= t]
        if len(shown) >= 3 and sum(shown) / len(shown) >= target:
            return t
    return 0.95


def threshold_for_each(scored: Sequence[Unit], target: float | None = None) -> float:
    """The lowest threshold whose precision reaches ``target`` on every set of ``scored`` that
    it shows at least 3 judged claims of (a set's own base rate must not carry another's)."""
    target = TARGET_PRECISION if target is None else target
    for step in range(2, 20):
        t = step / 20
        by_set: dict[str, list[bool]] = defaultdict(list)
        for u in scored:
            if u.model_kept >= t:
                by_set[u.set].append(bool(u.label))
        if any(by_set.values()) and all(sum(y) / len(y) >= target for y in by_set.values() if len(y) >= 3):
            return t
    return 0.95


@dataclass(frozen=True)
class Config:
    features: str
    strength: float
    threshold: float = 0.0

    def names(self, pairs: Sequence[dict[str, Any]]) -> list[str]:
        return list(FEATURE_SETS[self.features]) or feature_names(pairs)


def held_out_scores(pairs: Sequence[dict[str, Any]], config: Config) -> list[Unit]:
    """Every judged unit of ``pairs`` scored by a fit without its set."""
    out: list[Unit] = []
    names = config.names(pairs)
    for s in sorted({p["set"] for p in pairs}):
        weights = fit([p for p in pairs if p["set"] != s], names, config.strength)
        out += [u for u in scored_units([p for p in pairs if p["set"] == s], weights) if u.label is not None]
    return out


def choose(pairs: Sequence[dict[str, Any]]) -> tuple[Config, list[Unit]]:
    """The model and threshold showing the most true disputes, each set of ``pairs`` scored by a
    fit without it, at the lowest threshold whose precision reaches ``TARGET_PRECISION``."""
    best: tuple[tuple[int, int], Config, list[Unit]] | None = None
    for features in FEATURE_SETS:
        for strength in STRENGTHS:
            scored = held_out_scores(pairs, Config(features, strength))
            t = threshold_for_each(scored) if THRESHOLD_RULE == "each" else threshold_for([(u.model_kept, bool(u.label)) for u in scored])
            shown = [bool(u.label) for u in scored if u.model_kept >= t]
            key = (sum(shown), -len(shown))
            if best is None or key > best[0]:
                best = (key, Config(features, strength, t), scored)
    assert best is not None
    return best[1], best[2]


def _cell(shown: Sequence[bool | None]) -> str:
    judged = [y for y in shown if y is not None]
    true = sum(bool(y) for y in judged)
    return f"{true}/{len(judged)} = {true / len(judged):.2f}" if judged else "0/0"


def leave_one_set_out(pairs: Sequence[dict[str, Any]]) -> tuple[list[list[object]], list[Unit], dict[str, tuple[Config, dict[str, float]]]]:
    """Per held-out fold: main against the model chosen and fit without the fold."""
    rows: list[list[object]] = []
    pooled: list[Unit] = []
    fitted: dict[str, tuple[Config, dict[str, float]]] = {}
    for fold, held in FOLDS.items():
        train = [p for p in pairs if p["set"] not in held]
        config, _ = choose(train)
        weights = fit(train, config.names(train), config.strength)
        fitted[fold] = (config, weights)
        scored = scored_units([p for p in pairs if p["set"] in held], weights)
        pooled += [u for u in scored if u.label is not None]
        main = [u.label for u in scored if u.main_kept >= MAIN_SHOW]
        shown = [u.label for u in scored if u.model_kept >= config.threshold]
        rows.append([fold, sum(u.label is not None for u in scored), sum(bool(u.label) for u in scored), _cell(main),
                     sum(y is None for y in main), f"{config.features}, C={config.strength}", f"{config.threshold:.2f}",
                     _cell(shown), sum(y is None for y in shown), f"{sum(bool(y) for y in shown)} / {sum(bool(y) for y in main)}"])
    return rows, pooled, fitted


# -- session 10: a rule over story size and one fact, chosen leave one set out -------------------
#
# A pair the hard rules keep is shown when main shows it (evidence confidence >= MAIN_SHOW) and
# its two claims are one fact, or its story is small: fewer than ``pairs`` conflicting pairs in
# all and at most ``values`` values of the measure.  ``pairs`` 0 shows one-fact pairs only;
# both infinite is main.
STORY_PAIRS = (0, 8, 16, 32, 64, 128, math.inf)
STORY_VALUES = (2, 3, 4, math.inf)


@dataclass(frozen=True)
class StoryRule:
    pairs: float
    values: float

    def shows(self, pair: dict[str, Any]) -> bool:
        f = pair["features"]
        small = math.expm1(f.get("story_pairs", 0.0)) < self.pairs and round(math.exp(f["values"])) <= self.values
        return not pair["refused"] and pair["main"] >= MAIN_SHOW and (bool(f["same_fact"]) or small)

    def __str__(self) -> str:
        if self.pairs == 0:
            return "one fact only"
        return "main" if math.isinf(self.pairs) and math.isinf(self.values) else \
            f"one fact, or < {self.pairs:g} pairs and <= {self.values:g} values"


def rule_shown(pairs: Sequence[dict[str, Any]], rule: StoryRule) -> dict[str, list[bool | None]]:
    """Per set, the label of every unit (judged claim or unjudged pair group) ``rule`` shows."""
    out: dict[str, list[bool | None]] = defaultdict(list)
    for group in units(pairs).values():
        if any(rule.shows(p) for p in group):
            out[group[0]["set"]].append(group[0]["label"])
    return out


def choose_rule(pairs: Sequence[dict[str, Any]]) -> StoryRule:
    """The rule showing most true disputes among those whose precision reaches ``TARGET_PRECISION``
    on every set of ``pairs`` it shows 3 judged claims of; if none does, the one whose worst such
    set is best (fewest shown on a tie)."""
    def key(rule: StoryRule) -> tuple[bool, float, int, int]:
        shown = rule_shown(pairs, rule)
        worst = min((sum(bool(y) for y in ys if y is not None) / n for ys in shown.values()
                     for n in [sum(y is not None for y in ys)] if n >= 3), default=1.0)
        true = sum(bool(y) for ys in shown.values() for y in ys)
        return worst >= TARGET_PRECISION, worst if worst < TARGET_PRECISION else 1.0, true, -sum(len(ys) for ys in shown.values())
    return max((StoryRule(p, v) for p in STORY_PAIRS for v in STORY_VALUES), key=key)


def report_rules(pairs: Sequence[dict[str, Any]]) -> None:
    sets = [s for s in SETS if any(p["set"] == s for p in pairs)]
    described = [StoryRule(p, v) for p in STORY_PAIRS for v in STORY_VALUES if v == math.inf or p == math.inf]
    print("Every rule on every set, not held out (true/judged shown, + unjudged shown):\n")
    print(table(["rule", *sets], [[str(rule), *(f"{_cell(ys)} +{sum(y is None for y in ys)}" for ys in
                                                 (rule_shown([p for p in pairs if p["set"] == s], rule)[s] for s in sets))]
                                  for rule in described]))
    rows = []
    for fold, held in FOLDS.items():
        train = [p for p in pairs if p["set"] not in held]
        rule = choose_rule(train)
        test = [p for p in pairs if p["set"] in held]
        shown, main = rule_shown(test, rule), rule_shown(test, StoryRule(math.inf, math.inf))
        flat = [y for ys in shown.values() for y in ys]
        flat_main = [y for ys in main.values() for y in ys]
        true = sum(bool(g[0]["label"]) for g in units(test).values())
        rows.append([fold, true, _cell(flat_main), sum(y is None for y in flat_main), str(rule), _cell(flat),
                     sum(y is None for y in flat), f"{sum(bool(y) for y in flat)} / {sum(bool(y) for y in flat_main)}"])
    print(f"\nStory-size rule chosen without each fold (precision >= {TARGET_PRECISION} on every remaining set):\n")
    print(table(["held out", "true", "main shown", "main unjudged", "rule chosen", "rule shown", "rule unjudged",
                 "true shown rule / main"], rows))


def cluster_cross_validation(pairs: Sequence[dict[str, Any]], config: Config, folds: int = 10) -> list[Unit]:
    """Each judged unit scored by a fit that left its whole cluster out (clusters dealt into ``folds``)."""
    clusters = sorted({(p["set"], p["cluster"]) for p in pairs})
    fold_of = {c: n % folds for n, c in enumerate(clusters)}
    names = config.names(pairs)
    out: list[Unit] = []
    for k in range(folds):
        weights = fit([p for p in pairs if fold_of[p["set"], p["cluster"]] != k], names, config.strength)
        out += [u for u in scored_units([p for p in pairs if fold_of[p["set"], p["cluster"]] == k], weights)
                if u.label is not None]
    return out


def report_fit(pairs: Sequence[dict[str, Any]]) -> tuple[Config, dict[str, float]]:
    grouped = units(pairs)
    judged = {k: g for k, g in grouped.items() if not k.startswith("?")}
    print(f"{len(pairs)} candidate pairs ({sum(p['refused'] for p in pairs)} refused by the rules), {len(judged)} judged "
          f"claims ({sum(bool(g[0]['label']) for g in judged.values())} true), {len(grouped) - len(judged)} unjudged, "
          "judged per set: " + ", ".join(f"{s} {sum(1 for g in judged.values() if g[0]['set'] == s)}" for s in SETS))
    rows, pooled, _ = leave_one_set_out(pairs)
    print("\nLeave one set out (model, strength and threshold chosen and fit without the set; threshold: precision >= "
          f"{TARGET_PRECISION} on the held-out sets of the rest, {THRESHOLD_RULE}):\n")
    print(table(["held out", "judged", "true", "main shown (>= 0.7)", "main unjudged", "model chosen", "threshold",
                 "model shown", "model unjudged", "true shown model / main"], rows))
    print("\nReliability of the leave-one-set-out confidences:\n")
    print(table(["confidence", "judged", "true", "precision"], bench.reliability_rows([(u.model_kept, bool(u.label)) for u in pooled])))
    config, scored = choose(pairs)
    print(f"\nChosen on all sets (each scored by a fit without it): {config}")
    print("\nReliability of that choice, each set scored by a fit without it:\n")
    print(table(["confidence", "judged", "true", "precision"], bench.reliability_rows([(u.model_kept, bool(u.label)) for u in scored])))
    print("\nReliability, 10-fold cross validation by cluster:\n")
    print(table(["confidence", "judged", "true", "precision"],
                bench.reliability_rows([(u.model_kept, bool(u.label)) for u in cluster_cross_validation(pairs, config)])))
    weights = fit(pairs, config.names(pairs), config.strength)
    print("\nCOUNT_MODEL = {" + ", ".join(f'"{k}": {v:.3f}' for k, v in weights.items()) + "}")
    print(f"COUNT_SHOW = {config.threshold}")
    return config, weights


UNJUDGED: list[dict[str, Any]] = []  # the number disputes --pipeline showed that nobody judged, to judge


def pipeline(name: str, workdir: Path, data: Path = DEFAULT_DATA, model: tuple[dict[str, float], float] | None = None) -> list[object]:
    """The brief's number disputes on set ``name`` with the shipped model or ``model`` (weights,
    threshold): [set, judged shown, true shown, precision, true shown of the set's true pool, unjudged shown]."""
    from newsbrief import numbers

    kept = numbers.COUNT_MODEL, numbers.COUNT_SHOW
    if model is not None:
        numbers.COUNT_MODEL, numbers.COUNT_SHOW = model
    try:
        system = [c for c in bench.run(data, SETS[name], progress=False, workdir=workdir)
                  if c["source"] == "system" and c["kind"] == "dispute" and c.get("system_kind") in bench.NUMBER_KINDS]
    finally:
        numbers.COUNT_MODEL, numbers.COUNT_SHOW = kept
    judged = bench.load_judged()
    keys = {f"{d}:{c}" for d, ids in SETS[name].items() for c in ids}
    result = bench.score(system, judged, keys)
    number_true = {row["id"] for row in judged if row["kind"] == "dispute" and row.get("dispute_type") == "number"
                   and row["label"] and f"{row['dataset']}:{row['cluster']}" in keys}
    precision = result.precision("dispute:number")
    UNJUDGED.extend(result.unjudged)
    return [name, result.judged["dispute:number"], result.true["dispute:number"],
            "—" if precision is None else round(precision, 3),
            f"{len(result.found_true_disputes & number_true)} / {len(number_true)}", len(result.unjudged)]


def _config(spec: str) -> Config:
    features, _, rest = spec.partition(":")
    strength, _, threshold = rest.partition(":")
    if features not in FEATURE_SETS or not strength or not threshold:
        raise SystemExit(f"--config {spec!r}: use FEATURES:C:THRESHOLD with FEATURES one of {', '.join(FEATURE_SETS)}")
    return Config(features, float(strength), float(threshold))


def main() -> int:
    global THRESHOLD_RULE, TARGET_PRECISION, FEATURE_SETS
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--collect", nargs="*", metavar="SET=WORKDIR", help="record the candidate pairs of these sets")
    parser.add_argument("--fit", action="store_true", help="leave-one-set-out tables, threshold and coefficients")
    parser.add_argument("--rules", action="store_true", help="leave-one-set-out table of the story-size rule")
    parser.add_argument("--target", type=float, default=TARGET_PRECISION,
                        help="the held-out precision the threshold must reach (default %(default)s)")
    parser.add_argument("--features", nargs="*", choices=list(FEATURE_SETS), help="choose among these feature sets only")
    parser.add_argument("--threshold-rule", choices=["each", "pooled"], default=THRESHOLD_RULE,
                        help="the show threshold reaches the target precision on every held-out set, or on them pooled")
    parser.add_argument("--pipeline", nargs="*", metavar="SET=WORKDIR",
                        help="brief these sets with the model chosen and fit without each")
    parser.add_argument("--config", metavar="FEATURES:C:THRESHOLD",
                        help="with --pipeline: this model instead of the one chosen without the set (e.g. compact:1.0:0.3)")
    parser.add_argument("--shipped", action="store_true", help="with --pipeline: also brief them with the shipped COUNT_MODEL")
    parser.add_argument("--unjudged", type=Path, metavar="FILE",
                        help="with --pipeline: write the number disputes shown that nobody judged to FILE (JSONL), to judge")
    parser.add_argument("--train-sets", nargs="*", metavar="SET", choices=list(SETS),
                        help="with --pipeline: fit on these sets only (e.g. the sets a pre-registered model was chosen on)")
    args = parser.parse_args()
    THRESHOLD_RULE, TARGET_PRECISION = args.threshold_rule, args.target
    if args.features:
        FEATURE_SETS = {name: FEATURE_SETS[name] for name in args.features}
    if args.collect:
        kept = [p for p in load_pairs()] if PAIRS.exists() else []
        for spec in args.collect:
            name, _, folder = spec.partition("=")
            if name not in SETS or not folder:
                raise SystemExit(f"--collect {spec!r}: use SET=WORKDIR with SET one of {', '.join(SETS)}")
            kept = [p for p in kept if p["set"] != name] + collect(name, Path(folder), args.data)
            PAIRS.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in kept), encoding="utf-8")
    if args.fit:
        report_fit(load_pairs())
    if args.rules:
        report_rules(load_pairs())
    if args.pipeline:
        pairs = load_pairs()
        rows = []
        for spec in args.pipeline:
            name, _, folder = spec.partition("=")
            held = next((held for held in FOLDS.values() if name in held), (name,))
            train = [p for p in pairs if p["set"] not in held and (not args.train_sets or p["set"] in args.train_sets)]
            config = _config(args.config) if args.config else choose(train)[0]
            weights = fit(train, config.names(train), config.strength)
            rows.append([f"fit without {name}: {config.features}, C={config.strength}, show >= {config.threshold}",
                         *pipeline(name, Path(folder), args.data, (weights, config.threshold))])
            if args.shipped:
                rows.append(["shipped COUNT_MODEL (fit on every set)", *pipeline(name, Path(folder), args.data)])
        print(table(["model", "set", "number disputes judged", "true", "precision", "true shown / true pool",
                     "unjudged shown"], rows))
        if args.unjudged:
            unique = {json.dumps(c, sort_keys=True, ensure_ascii=False): c for c in UNJUDGED}
            args.unjudged.write_text("".join(line + "\n" for line in unique), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
