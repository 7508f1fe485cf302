"""bench/embed_speed.py's padding arithmetic, and its onnxruntime options staying optional."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType


def test_padded_tokens_sorts_within_each_encode_call(bench_module: Callable[[str], ModuleType]) -> None:
    speed = bench_module("embed_speed")
    # one call of 4 texts: sorted 5,3 | 2,1 -> 2*5 + 2*2
    assert speed.padded_tokens([3, 1, 2, 5], chunk=4, batch=2) == 14
    # two calls of 2 texts: 3,1 -> 2*3; 2,5 -> 2*5 (no sorting across calls)
    assert speed.padded_tokens([3, 1, 2, 5], chunk=2, batch=2) == 16
    # a short last batch is padded to its own longest text only
    assert speed.padded_tokens([4, 4, 1], chunk=3, batch=2) == 4 + 4 + 1


def test_onnx_options_are_skipped_without_onnxruntime(bench_module: Callable[[str], ModuleType], tmp_path: Path) -> None:
    speed = bench_module("embed_speed")
    if importlib.util.find_spec("onnxruntime") and importlib.util.find_spec("onnx"):
        return  # a side environment is on the path: the options are built (bench/embed_speed.py runs them)
    assert speed.onnx_encoders(object(), tmp_path) == {}
