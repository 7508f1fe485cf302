"""newsbrief: many news articles in, one trustworthy, cited account out.

The public Python API is :mod:`newsbrief.pipeline` (docs/api.md); its functions and records
are re-exported here, except ``pipeline.brief``, ``pipeline.stories`` and
``pipeline.render_html``, whose names are the modules ``newsbrief.brief``,
``newsbrief.stories`` and ``newsbrief.render_html``.  They are imported on first
use, so ``import newsbrief`` (and the command line's start-up) stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

from newsbrief.errors import NewsbriefError

__version__ = "0.1.0"

# name -> module it lives in (imported on first access)
_API = {
    **{
        name: "newsbrief.pipeline"
        for name in (
            "ingest", "analyse_store", "update", "update_stories", "brief_story", "brief_stories",
            "brief_pile", "brief_articles", "list_stories", "get_story", "story_listing", "load_analysis",
            "load_analyses", "load_layer", "pending_articles", "consolidate_stories", "IngestReport",
            "AnalyseReport", "UpdateReport",
        )
    },
    "Store": "newsbrief.store",
    "Settings": "newsbrief.settings",
    "Analysis": "newsbrief.analyse",
    "analyse_article": "newsbrief.analyse",
    "build_brief": "newsbrief.brief",
    "to_markdown": "newsbrief.render",
    "to_json": "newsbrief.render",
    "to_html": "newsbrief.render",
    "make_executor": "newsbrief.scale",
    "SerialExecutor": "newsbrief.scale",
    "ProcessExecutor": "newsbrief.scale",
    "DaskExecutor": "newsbrief.scale",
}

__all__ = ["NewsbriefError", "__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsbrief' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
