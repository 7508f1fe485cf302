"""Crash safety and concurrency through the real command line.

``ingest``, ``analyse`` and ``stories`` are each killed with SIGKILL at a random point; the
store must pass SQLite's integrity check, and rerunning the command must give exactly the
store an uninterrupted run gives (articles, analyses, story partition, document frequencies):
nothing lost, nothing duplicated.  Two ``ingest`` runs on one store at once must give the
store one run gives, and never both claim the same article.  The random delays come from
``NEWSBRIEF_CRASH_SEED`` (printed on failure) so a failing run can be repeated;
``bench/robustness.py`` runs many more kills.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
PHASES = ("ingest", "analyse", "stories")
SEED = int(os.environ.get("NEWSBRIEF_CRASH_SEED", str(int(time.time()) % 100_000)))


def command(phase: str, db: Path) -> list[str]:
    args = {"ingest": ["ingest", str(SEEDS), "--no-update", "-q"], "analyse": ["analyse", "-q"], "stories": ["stories"]}[phase]
    return [sys.executable, "-m", "newsbrief.cli", *args, "--db", str(db)]


def run(phase: str, db: Path) -> float:
    started = time.monotonic()
    result = subprocess.run(command(phase, db), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    return time.monotonic() - started


def snapshot(db: Path) -> dict[str, Any]:
    """Everything a rerun must reproduce, independent of row order and story ids."""
    with sqlite3.connect(db) as conn:
        partition: dict[str, set[str]] = {}
        for story_id, article_id in conn.execute("SELECT story_id, article_id FROM story_articles"):
            partition.setdefault(story_id, set()).add(article_id)
        state = {
            "articles": conn.execute("SELECT id, content_hash, duplicate_of, text FROM articles ORDER BY id").fetchall(),
            "annotations": conn.execute("SELECT article_id, layer, version, data FROM annotations ORDER BY article_id, layer").fetchall(),
            "stories": sorted(sorted(ids) for ids in partition.values()),
            "vocabulary": dict(conn.execute("SELECT key, df FROM story_vocabulary")),
            "failures": conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0],
        }
    conn.close()
    return state


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        result = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    conn.close()
    return result


def copy_store(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An uninterrupted run, phase by phase: a copy of the store before each phase, the
    snapshot after it, and how long it took (the range for the random kill points)."""
    folder = tmp_path_factory.mktemp("reference")
    db = folder / "reference.db"
    before: dict[str, Path | None] = {}
    after: dict[str, dict[str, Any]] = {}
    seconds: dict[str, float] = {}
    for phase in PHASES:
        before[phase] = copy_store(db, folder / f"before-{phase}.db") if db.exists() else None
        seconds[phase] = run(phase, db)
        after[phase] = snapshot(db)
    assert len(after["stories"]["articles"]) == 5 and after["stories"]["stories"]
    return {"before": before, "after": after, "seconds": seconds}


@pytest.mark.parametrize("phase", PHASES)
def test_sigkill_then_rerun_gives_the_uninterrupted_store(phase: str, reference: dict[str, Any], tmp_path: Path) -> None:
    rng = random.Random(f"{SEED}-{phase}")
    db = tmp_path / "killed.db"
    start = reference["before"][phase]
    if start is not None:
        copy_store(start, db)
    delay = rng.uniform(0.2, max(0.5, reference["seconds"][phase] * 0.9))
    process = subprocess.Popen(command(phase, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    where = f"{phase} killed after {delay:.2f} s (NEWSBRIEF_CRASH_SEED={SEED})"
    if db.exists():
        assert integrity(db) == "ok", where
    run(phase, db)
    assert integrity(db) == "ok", where
    assert snapshot(db) == reference["after"][phase], where


def test_two_concurrent_ingests_equal_one(reference: dict[str, Any], tmp_path: Path) -> None:
    """Both runs read the same inputs, analyse and update stories at once: the store equals
    the uninterrupted sequential one, and each article is reported by exactly one run."""
    db = tmp_path / "concurrent.db"
    runs = [
        subprocess.Popen([sys.executable, "-m", "newsbrief.cli", "ingest", str(SEEDS), "--db", str(db), "--json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    reports = []
    for process in runs:
        out, err = process.communicate(timeout=900)
        assert process.returncode == 0 and "Traceback" not in err, err[-3000:]
        reports.append(json.loads(out))
    assert integrity(db) == "ok"
    claimed = [set(r["ingested"]) | {d["id"] for d in r["duplicates"]} for r in reports]
    assert not claimed[0] & claimed[1], "both runs reported the same article as theirs"
    expected = reference["after"]["stories"]
    assert claimed[0] | claimed[1] == {row[0] for row in expected["articles"]}
    assert snapshot(db) == expected
