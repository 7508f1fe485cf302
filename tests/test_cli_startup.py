"""CLI start-up stays light: `--help`, `--version` and `articles` load no model library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "spacy", "sklearn", "trafilatura", "sentence_transformers", "transformers", "newsbrief.pipeline")

PROBE = """
import sys
from newsbrief.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:  # --help and --version exit through argparse
    code = exc.code
heavy = sorted({name.split('.')[0] if not name.startswith('newsbrief') else name for name in sys.modules
                if name.split('.')[0] in HEAVY or name == 'newsbrief.pipeline'})
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
