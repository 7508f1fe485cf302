"""Executors: the same analyses, stories and briefs in one process, in local processes and on
a real Dask LocalCluster of 2 worker processes; a worker killed mid-run costs nothing stored."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsbrief import pipeline
from newsbrief.errors import ConfigError
from newsbrief.models import Article
from newsbrief.scale import DaskExecutor, ProcessExecutor, SerialExecutor, make_executor
from newsbrief.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


def test_results_come_back_in_input_order_with_a_bounded_window() -> None:
    items = [5, -3, 0, -1, 8, -13, 21]
    assert list(SerialExecutor().map(abs, items)) == [abs(x) for x in items]
    with ProcessExecutor(2) as executor:
        assert list(executor.map(abs, items)) == [abs(x) for x in items]
        assert executor.workers == 2


def test_executor_choice_and_its_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSBRIEF_SCHEDULER", raising=False)
    monkeypatch.delenv("NEWSBRIEF_WORKERS", raising=False)
    assert isinstance(make_executor(), SerialExecutor)
    assert isinstance(make_executor(workers=1), SerialExecutor)
    with make_executor(workers=2) as executor:
        assert isinstance(executor, ProcessExecutor) and executor.workers == 2
    with pytest.raises(ConfigError, match="executor 'spark' is not known; choose one of serial, processes, dask"):
        make_executor("spark")
    with pytest.raises(ConfigError, match="--workers -2"):
        make_executor(workers=-2)
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "many")
    with pytest.raises(ConfigError, match="NEWSBRIEF_WORKERS='many' is not a number"):
        make_executor()
    monkeypatch.delenv("NEWSBRIEF_WORKERS")
    with pytest.raises(ConfigError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9.*dask scheduler"):
        make_executor(scheduler="tcp://127.0.0.1:9")


def _annotations(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute("SELECT article_id, layer, version, data FROM annotations"))


def _run(db: Path, executor: Any) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]], list[dict[str, Any]]]:
    with Store(db) as store:
        pipeline.ingest([str(SEEDS)], store, on_error="raise")
        briefs = pipeline.brief([], store, executor=executor)
        stories = [s.to_dict() for s in pipeline.list_stories(store)]
    return _annotations(db), stories, [b.to_dict() for b in briefs]


@pytest.mark.slow
def test_serial_processes_and_dask_give_identical_analyses_stories_and_briefs(tmp_path: Path) -> None:
    serial = _run(tmp_path / "serial.db", SerialExecutor())
    assert len({row[0] for row in serial[0]}) == 5 and serial[2]
    with ProcessExecutor(2) as processes:
        assert _run(tmp_path / "processes.db", processes) == serial
    with DaskExecutor(workers=2) as dask:
        assert dask.workers == 2
        assert _run(tmp_path / "dask.db", dask) == serial


@pytest.mark.slow
def test_a_dask_worker_killed_mid_run_costs_nothing_stored(tmp_path: Path) -> None:
    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        pipeline.ingest([str(SEEDS)], store, on_error="raise")
        pipeline.analyse_store(store, batch_size=1)
    db = tmp_path / "killed.db"
    with DaskExecutor(workers=2) as dask, Store(db) as store:
        pipeline.ingest([str(SEEDS)], store, on_error="raise")
        pids = list(dask.client.run(os.getpid).values())
        killed: list[int] = []

        def kill_one_worker(article: Article) -> None:  # after the first result is saved
            if not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        report = pipeline.analyse_store(store, batch_size=1, progress=kill_one_worker, executor=dask)
        assert killed and report.ok and len(report.analysed) == 5
        assert pipeline.pending_articles(store) == []
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _annotations(db) == _annotations(reference)
