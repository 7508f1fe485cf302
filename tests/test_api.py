"""docs/api.md is kept true: its example runs, and the names it documents exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import newsbrief

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_api_example_runs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    example = DOC.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    exec(compile(example, "docs/api.md", "exec"), {})
    out = capsys.readouterr().out
    assert re.search(r"^\d+ stories; \d+ sentences, \d+ quotes$", out, re.M), out


def test_every_exported_name_resolves_and_is_documented() -> None:
    import importlib
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(newsbrief.__path__)}
    for name in newsbrief.__all__:
        assert name not in modules, f"newsbrief.{name} would be the function or the module depending on imports"
        assert getattr(newsbrief, name) is not None
    assert importlib.import_module("newsbrief.render_html")  # a submodule import leaves the API names alone
    assert callable(newsbrief.load_analysis)
    for name in ("ingest", "analyse_store", "update", "list_stories", "brief_story", "render_html", "load_analysis", "brief_stories"):
        assert f"`{name}(" in DOC, f"docs/api.md does not document {name}"


def test_importing_newsbrief_loads_no_pipeline() -> None:
    code = "import sys, newsbrief; print(sorted(m for m in sys.modules if m.startswith('newsbrief')))"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert "newsbrief.pipeline" not in out and "newsbrief.errors" in out
