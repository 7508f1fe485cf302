"""Run another benchmark with MiniLM swapped for onnxruntime (float32 or int8): the quality side
of the encoding options bench/embed_speed.py times.

The model is exported from the packaged weights (no download) into a temporary folder, and
``newsbrief.embed.encode`` is replaced by the onnxruntime encoder for the whole run;
``embed.MODEL_ID`` changes with it, so vectors stored by the real model are not reused (a kept
``--workdir`` re-encodes every text).  Needs ``onnxruntime`` and ``onnx``, which are not project
dependencies: install them in a side environment and put its site-packages on PYTHONPATH.

Usage: ``PYTHONPATH=src:bench:SIDE_SITE_PACKAGES .venv/bin/python bench/embed_swap.py int8
bench/claims.py --workdir /tmp/claims-int8 --no-write``
"""

from __future__ import annotations

import runpy
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from embed_speed import onnx_encoders  # noqa: E402

VARIANTS = {"float32": "onnxruntime float32, batch 16", "int8": "onnxruntime int8 (per-channel dynamic), batch 16"}


def main() -> None:
    if len(sys.argv) < 3 or sys.argv[1] not in VARIANTS:
        sys.exit(f"usage: embed_swap.py {{{'|'.join(VARIANTS)}}} SCRIPT [ARGS...]")
    variant, script = sys.argv[1], sys.argv[2]
    from newsbrief import embed

    with tempfile.TemporaryDirectory() as tmp:
        encoders = onnx_encoders(embed._model(), Path(tmp))
        if not encoders:
            sys.exit("onnxruntime and onnx are not importable: `pip install onnxruntime onnx` in a side environment "
                     "and put its site-packages on PYTHONPATH")
        swapped = encoders[VARIANTS[variant]]

        def encode(texts: Sequence[str], batch_size: int = embed.BATCH_SIZE) -> np.ndarray:
            return swapped(list(texts)).astype(embed.STORED_DTYPE).astype(np.float32)

        embed.encode = encode
        embed.MODEL_ID = f"{embed.MODEL_ID}/onnxruntime-{variant}"
        sys.argv = sys.argv[2:]
        runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
