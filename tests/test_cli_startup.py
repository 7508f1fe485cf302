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
# `--help` and `--version` only build the parser: no store, records, rich, logging or XML either.
PARSER_HEAVY = (*HEAVY, "rich", "newsbrief.store", "newsbrief.models", "logging", "xml")
# What a read command on an up-to-date store may import (the stages it runs) but never any of these.
READ_HEAVY = ("torch", "spacy", "sklearn", "trafilatura", "sentence_transformers", "transformers", "scipy",
              "datasketch", "newsbrief.analyse.times", "newsbrief.analyse.entities", "newsbrief.embed",
              "newsbrief.pipeline.store_ingest", "newsbrief.pipeline.store_briefs", "newsbrief.render_html",
              "newsbrief.scale", "rich.progress", "rich._emoji_codes", "numpy")
# Piped JSON is written without rich.
JSON_HEAVY = (*READ_HEAVY, "rich")

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
    heavy = HEAVY if argv == ["articles"] else PARSER_HEAVY
    if argv == ["articles"]:
        from newsbrief.store import Store

        Store(tmp_path / "empty.db").close()  # read commands refuse a database that does not exist
        argv = ["articles", "--db", str(tmp_path / "empty.db")]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    code = f"HEAVY = {heavy!r}\n" + PROBE
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


@pytest.mark.parametrize("command", [["stories", "--json"], ["show", "aaaaaa"], ["show", "aaaaaa", "--json"], ["articles"],
                                     ["articles", "--json"], ["stories"]])
def test_read_commands_on_an_up_to_date_store_load_no_model(command: list[str], current_store: tuple[Path, str]) -> None:
    db, article_id = current_store
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("FORCE_COLOR", None)
    env.pop("TTY_COMPATIBLE", None)
    heavy = JSON_HEAVY if "--json" in command else READ_HEAVY
    code = f"HEAVY = {heavy!r}\n" + PROBE
    done = subprocess.run([sys.executable, "-c", code, *command, "--db", str(db)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert article_id in done.stdout or "Talks fail" in done.stdout  # the command did its work
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY:"))
    assert line == "HEAVY:", f"`newsbrief {' '.join(command)}` on an up-to-date store imported {line[6:]}"


def test_the_probe_sees_rich_in_a_terminal_json(current_store: tuple[Path, str]) -> None:
    """With FORCE_COLOR, `stories --json` highlights through rich, and the probe notices rich."""
    db, _ = current_store
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), FORCE_COLOR="1")
    code = f"HEAVY = {JSON_HEAVY!r}\n" + PROBE
    done = subprocess.run([sys.executable, "-c", code, "stories", "--json", "--db", str(db)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "\x1b[" in done.stdout  # highlighted
    line = done.stderr.rsplit("HEAVY:", 1)[1].splitlines()[0]  # after the progress bar's clean-up codes
    assert "rich" in line.split(",")


def test_piped_json_is_the_text_rich_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """`print_json` without rich writes what rich's print_json writes to a pipe."""
    import io
    import json

    from rich.console import Console

    from newsbrief import cli

    data = [{"title": "Zürich — “quoted” \u2028 [bold]x[/bold] :fire:", "n": 3, "x": None, "f": 1.5, "nested": {"a": [1, {}], "b": []}},
            {"ctl": "a\x1b[31mred\x07", "empty": ""}]
    rich_out = io.StringIO()
    Console(file=rich_out, highlight=False, soft_wrap=True, emoji=False).print_json(json.dumps(data, ensure_ascii=False))
    cli.print_json(data)
    assert capsys.readouterr().out == rich_out.getvalue()


def test_input_text_prints_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A title with an emoji code (":fire:") or markup prints literally in `articles` and `show`."""
    from newsbrief import pipeline
    from newsbrief.analyse import LAYER_NAMES, Analysis
    from newsbrief.cli import main
    from newsbrief.models import Article, Sentence
    from newsbrief.store import Store

    db = tmp_path / "news.db"
    text = "Firefighters said on Friday that the blaze was out."
    title = "Blaze :fire: [bold]out[/bold]"
    article = Article(id="b" * 16, content_hash="h", origin="fire.txt", text=text, title=title, outlet="Wire")
    layers: dict[str, list] = {name: [] for name in LAYER_NAMES}
    layers["sentences"] = [Sentence(article.id, 0, 0, len(text), text)]
    with Store(db) as store:
        store.add_article(article)
        pipeline.save_analysis(store, Analysis.of(article, layers), LAYER_NAMES)
    assert main(["show", "bbbbbb", "--db", str(db)]) == 0
    assert title in capsys.readouterr().out
    assert main(["articles", "--db", str(db)]) == 0
    assert ":fire:" in capsys.readouterr().out


def test_brief_on_an_unchanged_store_reads_stored_briefs_without_numpy(current_store: tuple[Path, str], tmp_path: Path) -> None:
    """`brief -o FILE` again on an up-to-date store reads the stored brief back: no model, no numpy,
    no brief building, no ingest code (the first run builds it)."""
    db, _ = current_store
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = tmp_path / "brief.md"
    first = subprocess.run([sys.executable, "-m", "newsbrief.cli", "brief", "--db", str(db), "-q", "-o", str(out)],
                           capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    built = out.read_text(encoding="utf-8")
    heavy = (*READ_HEAVY[:-1], "numpy", "newsbrief.brief", "newsbrief.match", "newsbrief.facts")
    # it reads the stored briefs (store_briefs), and the command makes its executor (scale: no dask unless asked)
    heavy = tuple(name for name in heavy if name not in ("newsbrief.pipeline.store_briefs", "newsbrief.scale"))
    code = f"HEAVY = {heavy!r}\n" + PROBE
    done = subprocess.run([sys.executable, "-c", code, "brief", "--db", str(db), "-q", "-o", str(out)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == built and "Talks fail" in built
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY:"))
    assert line == "HEAVY:", f"`newsbrief brief` on an unchanged store imported {line[6:]}"
