"""Why a stored sentence vector costs what it costs: MiniLM encoding of real DUC sentences, taken apart.

One process, CPU seconds (``time.process_time``: every thread of the process), so the figures
hold on a shared machine; every comparison is a ratio within this one run.

1. N DUC 2007 documents are ingested and analysed into a temporary store; the vector stage
   (``pipeline.embed_sentences``) then runs cold and is timed, with its parts: reading the store
   and cutting the texts (``sentence_texts``), tokenizing, and the model;
2. the texts' token lengths against the model's ``max_seq_length``, and the padding the stage's
   batches carry (sentence-transformers sorts by length inside one ``encode`` call; the stage
   calls it on 1,024 texts at a time);
3. the thread settings the model runs with, and the fixed cost of one encode call;
4. the same sample of texts encoded several ways, interleaved, best of ``REPS``: batches of a
   fixed number of texts (as ``embed.encode`` ran before session 5), batches sized by tokens (now),
   torch's dynamic int8 quantisation, and (when ``onnxruntime`` and ``onnx`` are importable --
   they are not project dependencies: ``pip install onnxruntime onnx`` in a side environment and
   put its site-packages on PYTHONPATH) onnxruntime on the model exported from the packaged
   weights, float32 and int8 (per-channel dynamic quantisation).  Each option's vectors are
   compared with the stored ones (cosine; float16 elements that differ).

Usage: ``PYTHONPATH=src:bench .venv/bin/python bench/embed_speed.py [--limit 40]`` (documents;
default 40, about 1,700 texts).
"""

from __future__ import annotations

import copy
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, parse_args, require, table, write_section  # noqa: E402
from pipeline_speed import write_docs  # noqa: E402

DEFAULT_DOCS = 40
SAMPLE = 600  # texts encoded by every option of step 4
REPS = 2
CALLS = 64  # texts encoded one a call, then 16 a call, for the fixed cost of a call
STAGE_CHUNK = 1024  # pipeline.embed_sentences' default batch


def cpu_of(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    value = fn()
    return time.process_time() - start, value


def padded_tokens(lengths: list[int], chunk: int, batch: int) -> int:
    """Tokens the model runs when each ``chunk`` of texts is one encode call, sorted longest
    first and padded to the longest of each ``batch``."""
    total = 0
    for c in range(0, len(lengths), chunk):
        part = sorted(lengths[c:c + chunk], reverse=True)
        total += sum(max(part[b:b + batch]) * len(part[b:b + batch]) for b in range(0, len(part), batch))
    return total


def gemm_rate() -> float:
    """FLOP a CPU second of torch's float32 matrix products of the model's feed-forward shape
    (448 rows: a batch of 16 texts of 28 tokens) on one thread: what the hardware gives."""
    import torch

    rows, hidden, inner = 448, 384, 1536
    up, down = torch.nn.Linear(hidden, inner), torch.nn.Linear(inner, hidden)
    x, y = torch.randn(rows, hidden), torch.randn(rows, inner)
    with torch.inference_mode():
        for _ in range(3):
            up(x), down(y)
        seconds, _ = cpu_of(lambda: [(up(x), down(y)) for _ in range(100)])
    return 100 * 2 * 2 * rows * hidden * inner / seconds


def onnx_encoders(model: Any, folder: Path) -> dict[str, Callable[[list[str]], np.ndarray]]:
    """onnxruntime float32 and int8 encoders of the packaged model (exported here), or none."""
    try:
        import onnxruntime as ort
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        return {}

    class Pooled(torch.nn.Module):  # mean pooling + L2 normalisation, as the sentence-transformers model does
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    tokenizer = model.tokenizer
    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = tokenizer(["a warm-up text", "and a longer one to pad"], padding=True, return_tensors="pt")
    fp32, int8 = folder / "minilm.onnx", folder / "minilm-int8.onnx"
    torch.onnx.export(Pooled(model[0].auto_model).eval(), tuple(sample[n] for n in names), str(fp32),
                      input_names=names, output_names=["embedding"], opset_version=17, dynamo=False,
                      dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "embedding": {0: "batch"}})
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)

    def encoder(path: Path) -> Callable[[list[str]], np.ndarray]:
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

        def encode(texts: list[str], batch: int = 16) -> np.ndarray:
            order = np.argsort([-len(t) for t in texts], kind="stable")
            out = np.zeros((len(texts), 384), dtype=np.float32)
            for b in range(0, len(texts), batch):
                rows = order[b:b + batch]
                enc = tokenizer([texts[i] for i in rows], padding=True, truncation=True,
                                max_length=model.max_seq_length, return_tensors="np")
                out[rows] = session.run(None, {n: enc[n].astype(np.int64) for n in names})[0]
            return out
        return encode

    return {"onnxruntime float32, batch 16": encoder(fp32), "onnxruntime int8 (per-channel dynamic), batch 16": encoder(int8)}


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    docs_root = require(args.data / "duc2007" / "duc2007_testdocs" / "main")
    n = args.limit or DEFAULT_DOCS
    import torch

    from newsbrief import embed, pipeline
    from newsbrief.pipeline import analyse_store
    from newsbrief.pipeline.store_analysis import _stored_sentence_texts
    from newsbrief.store import Store

    topics = sorted(d for d in docs_root.iterdir() if d.is_dir())
    paths = [p for t in topics for p in sorted(t.iterdir())][:n]
    embed.embed(["warm up the model"])  # model load is not timed
    model = embed._model()
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        pipeline.ingest([str(write_docs(paths, Path(tmp) / "docs"))], store)
        ids = analyse_store(store).analysed
        embed.clear_cache()
        stage_cpu, count = cpu_of(lambda: pipeline.embed_sentences(store, ids))
        cut_cpu, texts = cpu_of(lambda: [t for i in ids for t in _stored_sentence_texts(store, i)])
        tokenizer = model.tokenizer
        token_cpu, encoded = cpu_of(lambda: tokenizer(texts, truncation=True, max_length=model.max_seq_length)["input_ids"])
        model_cpu, stored = cpu_of(lambda: np.concatenate([embed.encode(texts[c:c + STAGE_CHUNK]) for c in range(0, len(texts), STAGE_CHUNK)]))
        before_cpu, _ = cpu_of(lambda: [model.encode(texts[c:c + STAGE_CHUNK], batch_size=embed.BATCH_SIZE, normalize_embeddings=True)
                                        for c in range(0, len(texts), STAGE_CHUNK)])
        lengths = [len(e) for e in encoded]
        macs = sum(m.in_features * m.out_features for m in model.modules() if isinstance(m, torch.nn.Linear))
        rate = gemm_rate()
        rows += [
            ["vector stage (`embed_sentences`, cold)", f"{stage_cpu:.2f}", f"{1000 * stage_cpu / count:.2f}", "1.00"],
            ["  reading the store, cutting the texts", f"{cut_cpu:.2f}", f"{1000 * cut_cpu / count:.2f}", f"{cut_cpu / stage_cpu:.2f}"],
            ["  tokenizing", f"{token_cpu:.2f}", f"{1000 * token_cpu / count:.2f}", f"{token_cpu / stage_cpu:.2f}"],
            ["  `embed.encode` in the stage's calls (tokenizer + model)", f"{model_cpu:.2f}", f"{1000 * model_cpu / count:.2f}", f"{model_cpu / stage_cpu:.2f}"],
            [f"  the same calls in batches of {embed.BATCH_SIZE} texts (before session 5)", f"{before_cpu:.2f}",
             f"{1000 * before_cpu / count:.2f}", f"{before_cpu / stage_cpu:.2f}"],
        ]

    # The fixed cost of one encode call: one short text a call, against 16 texts in one call.
    one = texts[:CALLS]
    for text in one[:2]:
        model.encode([text])
    alone, _ = cpu_of(lambda: [embed.encode([t]) for t in one])
    together, _ = cpu_of(lambda: [embed.encode(one[c:c + 16]) for c in range(0, len(one), 16)])

    sample = texts[:SAMPLE]
    reference = stored[:SAMPLE].astype(embed.STORED_DTYPE)
    options: dict[str, Callable[[list[str]], np.ndarray]] = {
        f"torch float32, batches of {b} texts" + (" (before)" if b == embed.BATCH_SIZE else ""):
            (lambda texts, b=b: model.encode(texts, batch_size=b, normalize_embeddings=True))
        for b in (8, 16, 32, 64)
    }
    options[f"torch float32, batches of {embed.BATCH_TOKENS} padded tokens (now: `embed.encode`)"] = embed.encode
    quantised = torch.ao.quantization.quantize_dynamic(
        copy.deepcopy(model), {torch.nn.Linear: torch.ao.quantization.per_channel_dynamic_qconfig}, dtype=torch.qint8)
    options["torch int8 (per-channel dynamic), batch 16"] = lambda texts: quantised.encode(
        texts, batch_size=16, normalize_embeddings=True)
    with tempfile.TemporaryDirectory() as tmp:
        options.update(onnx_encoders(model, Path(tmp)))
        spent: dict[str, list[float]] = {}
        vectors: dict[str, np.ndarray] = {}
        for _ in range(REPS):
            for label, fn in options.items():
                seconds, vectors[label] = cpu_of(lambda fn=fn: np.asarray(fn(sample), dtype=np.float32))
                spent.setdefault(label, []).append(seconds)
    now = min(spent[f"torch float32, batches of {embed.BATCH_SIZE} texts (before)"])
    option_rows = []
    for label, seconds in spent.items():
        v = vectors[label]
        cosine = (v * reference.astype(np.float32)).sum(1) / np.linalg.norm(v, axis=1) / np.linalg.norm(reference.astype(np.float32), axis=1)
        differ = int((v.astype(embed.STORED_DTYPE) != reference).sum())
        option_rows.append([label, f"{1000 * min(seconds) / len(sample):.2f}", f"{min(seconds) / now:.2f}",
                            f"{cosine.min():.4f}", f"{cosine.mean():.4f}", f"{differ / reference.size:.2%}"])

    real, padded = sum(lengths), padded_tokens(lengths, STAGE_CHUNK, embed.BATCH_SIZE)
    unsorted = sum(max(lengths[b:b + embed.BATCH_SIZE]) * len(lengths[b:b + embed.BATCH_SIZE])
                   for b in range(0, len(lengths), embed.BATCH_SIZE))
    arr = np.array(lengths)
    flops = 2 * macs * padded / count  # the linear layers' float32 work a text, padding included
    markdown = "\n".join([
        f"## Sentence-vector cost, taken apart (`.venv/bin/python bench/embed_speed.py --limit {n}`)",
        "",
        f"{len(ids)} DUC 2007 main-task documents, {count:,} texts (sentences and the claim texts cut from them), "
        f"one process, CPU seconds; {machine()}; torch {torch.__version__}, "
        f"threads: intra-op {torch.get_num_threads()}, inter-op {torch.get_num_interop_threads()} "
        f"(OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, MKL_NUM_THREADS={os.environ.get('MKL_NUM_THREADS', 'unset')}).",
        "",
        table(["part", "CPU s", "ms a text", "share of the stage"], rows),
        "",
        f"Tokens a text (with [CLS]/[SEP]): mean {arr.mean():.1f}, median {int(np.median(arr))}, 90th percentile "
        f"{int(np.percentile(arr, 90))}, longest {arr.max()}; {int((arr >= model.max_seq_length).sum())} of {len(arr):,} "
        f"reach max_seq_length {model.max_seq_length}. Before session 5 the stage's batches (encode calls of "
        f"{STAGE_CHUNK:,} texts, sorted by length, batches of {embed.BATCH_SIZE} texts) ran {padded:,} tokens for {real:,} real ones "
        f"({padded / real - 1:.1%} padding; unsorted batches would run {unsorted:,}, {unsorted / real - 1:.0%}).",
        "",
        f"The model's linear layers do {2 * macs / 1e6:.1f} MFLOP a token, so {flops / 1e9:.2f} GFLOP a text here "
        f"(padding included); torch's float32 matrix products of the model's shape run at {rate / 1e9:.0f} GFLOP a CPU "
        f"second on one thread of this machine, so they alone cost at least {1000 * flops / rate:.1f} ms a text (the "
        f"stage pays {1000 * stage_cpu / count:.1f}: the rest is attention, GELU, layer norms and smaller matrix shapes).",
        "",
        f"A call has a fixed cost, whatever it holds up to a few texts (about the time one core takes to read the "
        f"model's 90 MB of float32 weights from memory, which every batch does). The first {len(one)} texts cost {1000 * alone / len(one):.1f} ms each when "
        f"encoded one a call (as a brief's small `embed` calls do) and {1000 * together / len(one):.1f} ms each "
        f"16 a call.",
        "",
        f"Encoding options on the first {len(sample)} texts (interleaved, best of {REPS}; vectors against the stored "
        "float16 ones):",
        "",
        table(["option", "ms a text", "× before", "cosine min", "cosine mean", "float16 elements differing"], option_rows),
    ])
    write_section("embed_speed", markdown, args.no_write)


if __name__ == "__main__":
    main()
