"""Executors: the same analyses, stories and briefs in one process, in local processes and on
a real Dask LocalCluster of 2 worker processes; a worker killed mid-run costs nothing stored."""

from __future__ import annotations

import io
import json
import operator
import os
import signal
import sqlite3
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from newsbrief import pipeline
from newsbrief.errors import ConfigError, ScaleError
from newsbrief.models import Article, Story
from newsbrief.scale import DaskExecutor, ProcessExecutor, SerialExecutor, make_executor
from newsbrief.settings import Settings
from newsbrief.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


def test_results_come_back_in_input_order_with_a_bounded_window() -> None:
    items = [5, -3, 0, -1, 8, -13, 21]
    assert list(SerialExecutor().map(abs, items)) == [abs(x) for x in items]
    with ProcessExecutor(2) as executor:
        assert list(executor.map(abs, items)) == [abs(x) for x in items]
        assert executor.workers == 2


def test_an_item_that_kills_its_worker_twice_is_reported_and_the_others_still_run() -> None:
    # os._exit in the worker process: the pool breaks, a new one starts, each unfinished item
    # runs again alone; the item that kills its worker again goes to `lost`, the rest come back
    items = [partial(abs, -3), partial(os._exit, 1), partial(abs, -4), partial(abs, 5)]
    with ProcessExecutor(2) as executor:
        results = list(executor.map(operator.call, items, lost=lambda item, exc: f"lost {item.args}"))
        assert results == [3, "lost (1,)", 4, 5]
        assert list(executor.map(abs, [-1, -2])) == [1, 2]  # the replaced pool goes on working
        with pytest.raises(ScaleError, match=r"process pool \(2 workers\): item 0 was lost twice with its worker"):
            list(executor.map(operator.call, [partial(os._exit, 1)]))


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
    # the address: --scheduler, else Settings.scheduler, else $NEWSBRIEF_SCHEDULER
    monkeypatch.setenv("NEWSBRIEF_SCHEDULER", "tcp://127.0.0.1:7")
    with pytest.raises(ConfigError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9\b"):
        make_executor(settings=Settings(scheduler="tcp://127.0.0.1:9"))
    with pytest.raises(ConfigError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:7\b"):
        make_executor(workers=2)


def _annotations(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute("SELECT article_id, layer, version, data FROM annotations"))


def _several_stories(story: Story) -> list[Story]:
    """The seed story and two overlapping parts of it, as three stories to brief at once."""
    ids = story.article_ids
    return [story] + [
        replace(story, id=f"{story.id[:8]}part{n}", article_ids=part) for n, part in enumerate([ids[:3], ids[2:]])
    ]


def _run(db: Path, executor: Any) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]], list[dict[str, Any]]]:
    with Store(db) as store:
        pipeline.ingest([str(SEEDS)], store, on_error="raise")
        briefs = pipeline.brief([], store, executor=executor)
        stories = pipeline.list_stories(store)
        several = _several_stories(max(stories, key=lambda s: len(s.article_ids)))
        run = pipeline.brief_stories(store, several, executor=executor)
        assert run.rebuilt == [s.id for s in several[1:]] and not run.failed  # the whole story's brief was stored
        again = pipeline.brief_stories(store, several, executor=executor)
        assert again.rebuilt == [] and [b.to_dict() for b in again.briefs] == [b.to_dict() for b in run.briefs]
    briefed = [b.to_dict() for b in briefs] + [b.to_dict() for b in run.briefs]
    return _annotations(db), [s.to_dict() for s in stories], briefed


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
def test_a_worker_process_killed_mid_run_costs_only_its_batch(tmp_path: Path) -> None:
    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        pipeline.ingest([str(SEEDS)], store, on_error="raise")
        pipeline.analyse_store(store, batch_size=1)
    db = tmp_path / "killed.db"
    with ProcessExecutor(2) as processes, Store(db) as store:
        pipeline.ingest([str(SEEDS)], store, on_error="raise")
        killed: list[int] = []

        def kill_one_worker(article: Article) -> None:  # after the first result is saved, the others in flight
            if not killed:
                pid = processes.pids()[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        report = pipeline.analyse_store(store, batch_size=1, progress=kill_one_worker, executor=processes)
        assert killed and report.ok and len(report.analysed) == 5
        assert killed[0] not in processes.pids()  # a new pool took over
        assert pipeline.pending_articles(store) == []
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _annotations(db) == _annotations(reference)


def _vectors(db: Path) -> list[tuple[bytes, bytes]]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute("SELECT key, vector FROM vectors"))


@pytest.mark.slow
def test_sentence_vectors_are_encoded_on_the_workers_bit_for_bit_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsbrief import embed

    analysed = tmp_path / "analysed.db"
    with Store(analysed) as store:
        pipeline.ingest([str(SEEDS)], store, on_error="raise")
        ids = pipeline.analyse_store(store).analysed
    first, rest = ids[:2], ids  # the second call finds the first two articles' vectors stored
    runs: dict[str, list[tuple[bytes, bytes]]] = {}
    for name, executor in [("serial", SerialExecutor()), ("processes", ProcessExecutor(2)), ("dask", DaskExecutor(workers=2))]:
        db = tmp_path / f"{name}.db"
        db.write_bytes(analysed.read_bytes())
        embed.clear_cache()
        with executor, Store(db) as store:
            if name != "serial":  # the driver never loads the model: every batch is encoded on a worker
                monkeypatch.setattr(embed, "encode", lambda *a, **k: pytest.fail("encoded on the driver"))
            counted = pipeline.embed_sentences(store, first, batch=40, executor=executor)
            counted += pipeline.embed_sentences(store, rest, batch=40, executor=executor)
            monkeypatch.undo()
        runs[name] = _vectors(db)
        assert counted > 80 and len(runs[name]) > 40
    embed.clear_cache()
    assert runs["processes"] == runs["serial"] and runs["dask"] == runs["serial"]


class _SecondBatchKillsItsWorker:
    """Real worker processes, where the second batch kills its worker every time it runs."""

    kind = "processes"
    workers = 2

    def __init__(self, inner: ProcessExecutor) -> None:
        self.inner = inner

    def map(self, fn: Any, items: Any, lost: Any = None) -> Any:
        batches = list(items)
        calls = [partial(os._exit, 1) if n == 1 else partial(fn, batch) for n, batch in enumerate(batches)]
        return self.inner.map(operator.call, calls, lost=lambda call, exc: lost(batches[calls.index(call)], exc))


@pytest.mark.slow
def test_articles_whose_worker_dies_twice_are_reported_by_id_and_the_rest_stored(tmp_path: Path) -> None:
    with ProcessExecutor(2) as processes, Store(tmp_path / "poisoned.db") as store:
        pipeline.ingest([str(SEEDS)], store, on_error="raise")
        ids = store.article_ids()
        report = pipeline.analyse_store(store, batch_size=2, executor=_SecondBatchKillsItsWorker(processes))  # type: ignore[arg-type]
        assert [article_id for article_id, _ in report.failed] == ids[2:4]
        assert "its worker process died twice" in report.failed[0][1] and ids[2] in report.failed[0][1]
        assert report.analysed == ids[:2] + ids[4:]
        assert pipeline.pending_articles(store) == ids[2:4]  # the next run retries them
        assert len([f for f in store.failures() if "worker process died twice" in f[1]]) == 2  # in the failure log


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


def _write_corpus(folder: Path) -> list[str]:
    """Shards of several kinds: a WARC of HTML pages from one outlet (with a repeated chrome
    line), JSONL files (copies of the seeds at other URLs, and one bad record), the seed folder."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir()
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir())]
    bodies = ["".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip()) for text in texts]
    with open(folder / "crawl.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, body in enumerate(bodies * 2):
            page = f"<html><head><title>Story {n}</title></head><body><article><p>Daily Example Local Edition</p>{body}</article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://daily.example/{n}", "response", payload=io.BytesIO(page.encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-01-11T03:04:05Z"},
            ))
    for shard in range(2):
        lines = [json.dumps({"url": f"https://copies{shard}.example/{n}", "text": text}) for n, text in enumerate(texts)]
        (folder / f"copies{shard}.jsonl").write_text("\n".join(lines + ['{"url": "https://x.example/empty", "text": "too short"}']) + "\n")
    return [str(folder / "crawl.warc.gz"), str(folder / "copies0.jsonl"), str(folder / "copies1.jsonl"), str(SEEDS)]


def _articles(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return list(connection.execute(
            "SELECT id, seq, content_hash, origin, url, outlet, title, author, published, language, text, removed, "
            "duplicate_of, duplicate_kind, word_count FROM articles ORDER BY seq"
        ))


@pytest.mark.slow
def test_corpus_mode_extracts_on_workers_and_stores_what_a_serial_run_stores(tmp_path: Path) -> None:
    shards = _write_corpus(tmp_path / "corpus")
    with Store(tmp_path / "serial.db") as store:
        serial = pipeline.ingest(shards, store)
    assert len(serial.ingested) >= 5 and len(serial.duplicates) >= 10 and len(serial.failed) == 2
    with ProcessExecutor(2) as processes, Store(tmp_path / "corpus.db") as store:
        corpus = pipeline.ingest(shards, store, executor=processes)
        again = pipeline.ingest(shards, store, executor=processes)
    assert _articles(tmp_path / "corpus.db") == _articles(tmp_path / "serial.db")
    assert any("repeated in" in row[11] for row in _articles(tmp_path / "corpus.db"))  # the outlet's chrome line went
    assert [a.id for a in corpus.ingested] == [a.id for a in serial.ingested]
    assert [(a.id, a.duplicate_of) for a in corpus.duplicates] == [(a.id, a.duplicate_of) for a in serial.duplicates]
    assert corpus.failed == serial.failed and all(a.text == "" for a in corpus.ingested)  # no texts held by the report
    assert len(again.unchanged) == len(_articles(tmp_path / "serial.db")) and not again.ingested
