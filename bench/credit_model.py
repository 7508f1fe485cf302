"""A learned credit confidence: fit and measure ``newsbrief.propositions.CREDIT_MODEL`` on the judged credits.

Reads the ``--dump`` files of bench/corrob_pairs.py (each judged credit of a set: its shown and
credited claims, their parsed verbs and cosine, the judge's label), computes
``propositions.credit_features`` for each (the features the brief reads), and measures a logistic
model leave one set out: fit on every other set, the credits of the held-out set the model gives
less than ``propositions.CREDIT_SHOW`` are counted as refused (false / true).  The threshold and
the regularisation are fixed before measuring, so nothing is chosen on the set it is measured on.
``--fit`` prints the weights fit on every set, to paste into ``CREDIT_MODEL``.

``--train NAME=PATH`` adds pairs that are only ever trained on, never held out nor scored (the
DUC pyramid pairs of bench/pyramid_pairs.py, labelled by SCUs): every fit reads them, with
``--train-only`` alone (the judged sets then entirely held out).  ``--train-threshold`` chooses the
threshold on them alone: each topic's pairs scored by a model fit on the other topics.

    PYTHONPATH=src:bench .venv/bin/python bench/credit_model.py dev=DUMP b8=DUMP ... [--fit] [--show SET]
        [--train pyr=PAIRS ...] [--train-only] [--train-threshold]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from newsbrief import propositions
from newsbrief.models import Claim, Predicate

C = 1.0  # inverse regularisation of the logistic fit, fixed before measuring
GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)  # thresholds a nested choice picks from
TRUE_COST = 2  # a nested choice maximises false credits refused minus this many times the true ones


def load(path: Path) -> list[dict[str, Any]]:
    """The judged credits of one dump file, each with its features."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            shown, other = Claim.from_dict(r["shown_claim"]), Claim.from_dict(r["other_claim"])
            ps = [Predicate.from_dict(p) for p in r["ps"]]
            po = [Predicate.from_dict(p) for p in r["po"]]
            r["features"] = propositions.credit_features(shown, other, r["sim"], (ps, po))
            rows.append(r)
    return rows


def matrix(rows: list[dict[str, Any]], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    return (np.array([[r["features"][n] for n in names] for r in rows]).reshape(len(rows), len(names)),
            np.array([bool(r["label"]) for r in rows]))


def fit(rows: list[dict[str, Any]], names: list[str]) -> Any:
    from sklearn.linear_model import LogisticRegression

    x, y = matrix(rows, names)
    return LogisticRegression(C=C, max_iter=5000).fit(x, y)


def weights(model: Any, names: list[str]) -> dict[str, float]:
    """A fit model as ``CREDIT_MODEL`` holds it."""
    return {"intercept": round(float(model.intercept_[0]), 3)} | {n: round(float(w), 3) for n, w in zip(names, model.coef_[0], strict=True)}


def best_threshold(scores: list[tuple[float, bool]]) -> float:
    """Of ``GRID``, the threshold refusing most false credits less ``TRUE_COST`` times the true
    ones over these (score, label) pairs (ties: the lower)."""
    def gain(t: float) -> int:
        return sum(not label for p, label in scores if p < t) - TRUE_COST * sum(label for p, label in scores if p < t)
    return max(GRID, key=lambda t: (gain(t), -t))


def nested_threshold(sets: dict[str, list[dict[str, Any]]], held: str, names: list[str],
                     extra: list[dict[str, Any]] | None = None) -> float:
    """The threshold chosen without ``held``: each other set is scored by a model fit on the sets
    that are neither (and the ``extra`` pairs), and :func:`best_threshold` over those scores is taken."""
    scores: list[tuple[float, bool]] = []
    for inner, rows in sets.items():
        if inner == held:
            continue
        model = fit([r for name, rs in sets.items() if name not in (held, inner) for r in rs] + (extra or []), names)
        x, y = matrix(rows, names)
        scores.extend(zip(model.predict_proba(x)[:, 1].tolist(), y.tolist(), strict=True))
    return best_threshold(scores)


def topic(row: dict[str, Any]) -> str:
    """A training pair's fold: its DUC topic ("pyr:main:D0701-AGHI:..." -> D0701; a topic's main
    and update pyramids are one fold), else its id."""
    match = re.match(r"pyr:\w+:(D\d{4})", row["id"])
    return match.group(1) if match else row["id"]


def train_threshold(extra: list[dict[str, Any]], names: list[str]) -> float:
    """The threshold chosen on the ``extra`` pairs alone: each topic's pairs scored by a model fit
    on the other topics', then :func:`best_threshold`."""
    folds: dict[str, list[dict[str, Any]]] = {}
    for r in extra:
        folds.setdefault(topic(r), []).append(r)
    scores: list[tuple[float, bool]] = []
    for name, rows in folds.items():
        model = fit([r for other, rs in folds.items() if other != name for r in rs], names)
        x, y = matrix(rows, names)
        scores.extend(zip(model.predict_proba(x)[:, 1].tolist(), y.tolist(), strict=True))
    from sklearn.metrics import roc_auc_score

    print(f"training pairs, each topic scored by a model fit on the others: AUC "
          f"{roc_auc_score([label for _, label in scores], [p for p, _ in scores]):.3f}")
    return best_threshold(scores)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dumps", nargs="+", help="SET=PATH of bench/corrob_pairs.py --dump files")
    parser.add_argument("--fit", action="store_true", help="print the weights fit on every set")
    parser.add_argument("--show", help="print the held-out credits of this set the model refuses")
    parser.add_argument("--held-out-weights", type=Path,
                        help="write each set's model fit without it to DIR/SET.json (for a brief held out)")
    parser.add_argument("--threshold", type=float, default=propositions.CREDIT_SHOW)
    parser.add_argument("--nested", action="store_true",
                        help="choose each held-out set's threshold on the other sets (nested), not --threshold")
    parser.add_argument("--train", nargs="*", default=[], metavar="NAME=PATH",
                        help="pairs added to every fit, never held out (bench/pyramid_pairs.py --out files)")
    parser.add_argument("--train-only", action="store_true", help="fit on the --train pairs alone")
    parser.add_argument("--train-threshold", action="store_true",
                        help="choose the threshold on the --train pairs alone (topics scored held out)")
    parser.add_argument("--feature-auc", action="store_true",
                        help="print each feature's AUC alone on the judged credits and on the --train pairs")
    args = parser.parse_args()
    sets = {name: load(Path(path)) for name, path in (d.split("=", 1) for d in args.dumps)}
    extra = [r for spec in args.train for r in load(Path(spec.split("=", 1)[1]))]
    if args.train:
        print(f"training pairs: {len(extra)}, {sum(bool(r['label']) for r in extra)} true\n")
    names = list(next(iter(next(iter(sets.values()))))["features"])
    chosen = train_threshold(extra, names) if args.train_threshold else None
    if args.feature_auc:
        from sklearn.metrics import roc_auc_score

        judged_rows = [r for rs in sets.values() for r in rs]
        groups = [("judged", judged_rows)] + ([("--train", extra)] if extra else [])
        print("| feature | " + " | ".join(f"AUC, {name}" for name, _ in groups) + " |\n|---|" + "---|" * len(groups))
        data = [matrix(rows, names) for _, rows in groups]
        for n, name in enumerate(names):
            aucs = [roc_auc_score(y, x[:, n]) for x, y in data]
            print(f"| {name} | " + " | ".join(f"{a:.3f}" for a in aucs) + " |")
        print()
    print("| held out | judged / true | precision before | threshold | refused false / true | precision after |")
    print("|---|---|---|---|---|---|")
    totals = [0, 0]
    bins: dict[int, list[int]] = {}
    scored: list[tuple[float, bool]] = []
    for held, rows in sets.items():
        judged = [] if args.train_only else [r for name, rs in sets.items() if name != held for r in rs]
        model = fit(judged + extra, names)
        x, y = matrix(rows, names)
        p = model.predict_proba(x)[:, 1]
        threshold = (chosen if chosen is not None else nested_threshold(sets, held, names, extra) if args.nested
                     else args.threshold)
        refused = p < threshold
        if args.held_out_weights:
            args.held_out_weights.mkdir(parents=True, exist_ok=True)
            (args.held_out_weights / f"{held}.json").write_text(json.dumps({"model": weights(model, names),
                                                                           "show": threshold}))
        false, true = int((refused & ~y).sum()), int((refused & y).sum())
        totals[0] += false
        totals[1] += true
        scored.extend(zip(p.tolist(), y.tolist(), strict=True))
        for conf, label in zip(p, y, strict=True):
            bins.setdefault(min(int(conf * 5), 4), [0, 0])[int(label)] += 1
        kept = y[~refused]
        print(f"| {held} | {len(y)} / {int(y.sum())} | {y.mean():.3f} | {threshold} | {false} / {true} | "
              f"{kept.mean() if len(kept) else 0:.3f} |")
        if args.show == held:
            for r, conf, refuse in zip(rows, p, refused, strict=True):
                if refuse:
                    print(f"    {conf:.2f} {r['label']} {r['category']} {r['id']}\n      S: {r['shown'][:150]}\n"
                          f"      O: {r['other'][:150]}")
    from sklearn.metrics import roc_auc_score

    auc = roc_auc_score([label for _, label in scored], [conf for conf, _ in scored])
    print(f"\nall sets held out: refused {totals[0]} false / {totals[1]} true credits (AUC of the held-out scores {auc:.3f})\n")
    print("| confidence (held out) | judged | true | precision |\n|---|---|---|---|")
    for b in sorted(bins):
        f, t = bins[b]
        print(f"| {b / 5:.1f}-{(b + 1) / 5:.1f} | {f + t} | {t} | {t / (f + t):.3f} |")
    if args.fit:
        judged = [] if args.train_only else [r for rs in sets.values() for r in rs]
        print("\nCREDIT_MODEL =", json.dumps(weights(fit(judged + extra, names), names)))
        if chosen is not None:
            print("CREDIT_SHOW =", chosen, "(chosen on the --train pairs, each topic scored held out)")
        else:
            print("CREDIT_SHOW =", nested_threshold(sets, "", names, extra), "(chosen on every set, each scored held out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
