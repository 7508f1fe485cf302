"""CLI start-up stays light: `--help`, `--version`, `articles`, and `stories --json` and `show`
on an up-to-date store load no model library, trafilatura or scikit-learn (nor any analyser)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "spacy", "sklearn", "trafilatura", "sentence_transformers", "transformers", "newsbrief.pipeline")
# What a read command on an up-to-date store may import (the pipeline) but never any of these.
READ_HEAVY = ("torch", "spacy", "sklearn", "trafilatura", "sentence_transformers", "transformers", "scipy",
              "datasketch", "newsbrief.analyse.times", "newsbrief.analyse.entities", "newsbrief.embed")

PROBE = """
import sys
from newsbrief.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:  # --help and --version exit through argparse
    code = exc.code
heavy = sorted({name.split('.')[0] if not name.startswith('newsbrief') else name for name in sys.modules
                if name.split('.')[0] in HEAVY or name in HEAVY})
print('HEAVY:' + ','.join(heavy), file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["articles"], ["ingest", "--help"], ["brief", "--help"]])
def test_light_commands_import_no_heavy_module(argv: list[str], tmp_path: Path) -> None:
    if argv == ["articles"]:
        from newsbrief.store import Store

        Store(tmp_path / "empty.db").close()  # read commands refuse a database that does not exist
        argv = ["articles", "--db", str(tmp_path / "empty.db")]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    code = f"HEAVY = {HEAVY!r}\n" + PROBE
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY:"))
    assert line == "HEAVY:", f"`newsbrief {' '.join(argv)}` imported {line[6:]}"


def test_the_probe_sees_a_heavy_import(tmp_path: Path) -> None:
    """The check above would notice: `show` on an empty store imports the pipeline."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    code = f"HEAVY = {HEAVY!r}\n" + PROBE
    from newsbrief.store import Store

    Store(tmp_path / "empty.db").close()
    argv = ["show", "nosuch", "--db", str(tmp_path / "empty.db")]
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, timeout=300)
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY:"))
    assert "newsbrief.pipeline" in line


@pytest.fixture(scope="module")
def current_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A store whose one article has every layer stored at the current version and a story
    (what `ingest` + `stories` leave behind): (database, article id)."""
    from newsbrief import pipeline
    from newsbrief.analyse import LAYER_NAMES, Analysis
    from newsbrief.models import Article, Entity, Sentence
    from newsbrief.store import Store

    db = tmp_path_factory.mktemp("current") / "news.db"
    text = "Moscow said on Friday that the talks had failed."
    article = Article(id="a" * 16, content_hash="h", origin="moscow.txt", text=text, title="Talks fail", outlet="Wire")
    layers: dict[str, list] = {name: [] for name in LAYER_NAMES}
    layers["sentences"] = [Sentence(article.id, 0, 0, len(text), text)]
    layers["entities"] = [Entity(article.id, 0, 6, "Moscow", "GPE", True)]
    with Store(db) as store:
        store.add_article(article)
        pipeline.save_analysis(store, Analysis.of(article, layers), LAYER_NAMES)
        pipeline.update(store)  # assigns the article to a story: the store is now up to date
        assert pipeline.pending_articles(store) == [] and store.articles_without_story() == []
    return db, article.id


@pytest.mark.parametrize("command", [["stories", "--json"], ["show", "aaaaaa"], ["show", "aaaaaa", "--json"], ["articles"]])
def test_read_commands_on_an_up_to_date_store_load_no_model(command: list[str], current_store: tuple[Path, str]) -> None:
    db, article_id = current_store
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    code = f"HEAVY = {READ_HEAVY!r}\n" + PROBE
    done = subprocess.run([sys.executable, "-c", code, *command, "--db", str(db)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert article_id in done.stdout or "Talks fail" in done.stdout  # the command did its work
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY:"))
    assert line == "HEAVY:", f"`newsbrief {' '.join(command)}` on an up-to-date store imported {line[6:]}"
