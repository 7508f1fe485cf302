"""Analysis on three executors in one run: serial, local processes, a Dask LocalCluster.

The first N DUC 2007 documents (default 1,000) are stored as articles in a fresh SQLite
store per executor, then ``pipeline.analyse_store`` analyses them all — the driver loading
batches and saving results (one writer), the executor running ``analyse_batch``:

* serial          in this process;
* processes(W)    ``ProcessExecutor(W)``, spawned worker processes;
* dask(W)         ``DaskExecutor(workers=W)``: a ``distributed.LocalCluster`` of W
                  single-threaded worker processes, talking to this client over TCP,
                  started with newsbrief's worker configuration, and once more with
                  Dask's defaults (to show what that configuration saves).

Start-up (spawning the workers, each loading spaCy once) is timed apart from the run, which
is timed from the first batch sent to the last result saved.  Every store must end with the
same annotations as the serial one (checked).  With ``--vectors``, each run then stores the
sentence vectors (``pipeline.embed_sentences``, MiniLM, on the same executor; each worker
loads the model before the clock starts) and every store must hold the same vectors, bit for
bit.  The cost model in docs/scale.md is computed
from these figures.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil  # installed with dask[distributed]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analysis_speed import load_article  # noqa: E402
from common import machine, parse_args, require, table, write_section  # noqa: E402
from newsbrief import embed, pipeline  # noqa: E402
from newsbrief.analyse import analyse_batch  # noqa: E402
from newsbrief.models import Article  # noqa: E402
from newsbrief.scale import DaskExecutor, Executor, ProcessExecutor, SerialExecutor  # noqa: E402
from newsbrief.store import Store  # noqa: E402

DEFAULT_DOCS = 1000
WORKERS = 2


def _warm(executor: Executor, article: Article) -> None:
    """One tiny batch through every worker, so each has loaded spaCy before the clock starts."""
    batches = [[(article, {})] for _ in range(executor.workers * 2)]
    list(executor.map(analyse_batch, batches))


def _vectors(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute("SELECT key, vector FROM vectors"))


def _annotations(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute("SELECT article_id, layer, version, data FROM annotations"))


def _cpu_seconds() -> dict[int, float]:
    """CPU seconds (user + system) so far of this process and of every live process below it."""
    me = psutil.Process()
    seconds: dict[int, float] = {}
    for process in [me, *me.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:  # exited meanwhile
            continue
        seconds[process.pid] = times.user + times.system
    return seconds


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(after[pid] - before.get(pid, 0.0) for pid in after)


def run(name: str, make: Any, articles: list[Article], folder: Path, vectors: bool = False) -> dict[str, Any]:
    db = folder / f"{name}.db"
    with Store(db) as store:
        for article in articles:
            store.add_article(article)
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    executor = make()
    _warm(executor, articles[0])
    startup = time.perf_counter() - start
    cpu_start = time.process_time()
    all_cpu_start = _cpu_seconds()
    start = time.perf_counter()
    with Store(db) as store:
        report = pipeline.analyse_store(store, executor=executor)
    seconds = time.perf_counter() - start
    driver_cpu = time.process_time() - cpu_start
    total_cpu = _cpu_used(all_cpu_start, _cpu_seconds())
    load_after = os.getloadavg()[0]
    assert report.ok and len(report.analysed) == len(articles), report.failed[:3]
    result = {"name": name, "workers": executor.workers, "startup": startup, "seconds": seconds,
              "driver_cpu": driver_cpu, "cpu": total_cpu, "load": (load_before + load_after) / 2, "annotations": _annotations(db)}
    if vectors:
        embed.clear_cache()  # this store's vectors are all encoded, none remembered from the last run
        list(executor.map(embed.encode, [["warm up"]] * (2 * executor.workers)))  # each worker loads MiniLM
        cpu_start, all_cpu_start, start = time.process_time(), _cpu_seconds(), time.perf_counter()
        with Store(db) as store:
            texts = pipeline.embed_sentences(store, report.analysed, executor=executor)
        result.update(vector_seconds=time.perf_counter() - start, vector_driver_cpu=time.process_time() - cpu_start,
                      vector_cpu=_cpu_used(all_cpu_start, _cpu_seconds()), texts=texts, vectors=_vectors(db),
                      vector_load=os.getloadavg()[0])
    executor.close()
    return result


def main() -> None:
    args = parse_args(__doc__.splitlines()[0], {"--vectors": "also store the sentence vectors on each executor (MiniLM; slow)"})
    folder = require(args.data / "duc2007" / "duc2007_testdocs" / "main")
    paths = sorted(p for p in folder.glob("*/*") if p.is_file())[: args.limit or DEFAULT_DOCS]
    articles = [load_article(p) for p in paths]
    words = sum(a.word_count for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        results = [
            run("serial", SerialExecutor, articles, Path(tmp), args.vectors),
            run(f"processes({WORKERS})", lambda: ProcessExecutor(WORKERS), articles, Path(tmp), args.vectors),
            run(f"dask LocalCluster({WORKERS})", lambda: DaskExecutor(workers=WORKERS), articles, Path(tmp), args.vectors),
            run(f"dask LocalCluster({WORKERS}), Dask's default worker config", lambda: DaskExecutor(workers=WORKERS, worker_config={}),
                articles, Path(tmp), args.vectors),
        ]
    serial, processes, dask, dask_defaults = results
    identical = all(r["annotations"] == serial["annotations"] for r in results)
    rows = [
        [r["name"], r["workers"], f"{r['startup']:.1f}", f"{r['seconds']:.1f}", f"{len(articles) / r['seconds']:.2f}",
         f"{words / r['seconds']:,.0f}", f"{serial['seconds'] / r['seconds']:.2f}", f"{r['driver_cpu']:.1f}", f"{r['cpu']:.0f}",
         f"{r['cpu'] / len(articles):.2f}", f"{r['load']:.1f}"]
        for r in results
    ]
    overhead = dask["seconds"] / processes["seconds"] - 1
    cpu_overhead = dask["cpu"] / processes["cpu"] - 1
    defaults_cpu_overhead = dask_defaults["cpu"] / processes["cpu"] - 1
    per_article = serial["seconds"] / len(articles)
    markdown = f"""## Scale: analysis on serial, local processes and a Dask cluster

Command: `.venv/bin/python bench/scale.py{' --limit ' + str(args.limit) if args.limit else ''}`
Data: the first {len(articles)} documents (sorted paths) of `../shared/bench/duc2007/duc2007_testdocs/main`,
{words:,} words, stored as articles, then analysed by `pipeline.analyse_store` (every analyser; results
saved by the driver, one writer) on each executor in turn, in one run.
Machine: {machine()}; the machine is shared with other jobs, so the load average during each run is shown
(above 2 means the two cores were also busy with other work, and the speed-ups understate what two free
cores give).

{table(["executor", "workers", "start-up s", "analyse s", "articles/s", "words/s", "speed-up vs serial", "driver CPU s", "CPU s (all processes)",
       "CPU s per article", "load avg"], rows)}

Identical annotations on all executors: **{'yes' if identical else 'NO'}**. Dask's overhead over plain processes:
**{overhead:+.0%}** wall time, **{cpu_overhead:+.0%}** CPU (with Dask's default worker configuration: {defaults_cpu_overhead:+.0%} CPU;
`scale.LOCAL_WORKER_CONFIG` says what newsbrief changes and why, docs/scale.md how to do the same on a cluster). Start-up = spawning the workers and each loading spaCy once (not per task).
Serial cost: {per_article * 1000:.0f} ms per article ({per_article * 1000 / max(1, words / len(articles)):.2f} ms per word), wall time
under the load shown. "driver CPU s" is this process only; "CPU s (all processes)" adds every worker process
(psutil, user + system, during the timed run): CPU per article is the figure the cost model in docs/scale.md
uses, since wall time on a shared machine depends on what else runs.
"""
    if args.vectors:
        vector_rows = [
            [r["name"], r["texts"], f"{r['vector_seconds']:.1f}", f"{serial['vector_seconds'] / r['vector_seconds']:.2f}",
             f"{r['vector_driver_cpu']:.1f}", f"{r['vector_cpu']:.0f}", f"{r['vector_cpu'] / len(articles):.2f}",
             f"{r['vector_cpu'] / processes['vector_cpu'] - 1:+.0%}", f"{r['vector_load']:.1f}"]
            for r in results
        ]
        same = all(r["vectors"] == serial["vectors"] for r in results)
        markdown += f"""
Sentence vectors (`--vectors`): after analysis, each run stores the MiniLM vector of every sentence
(`pipeline.embed_sentences` on the same executor: the driver sends groups of 1,024 texts, the
workers encode them, the driver stores them).

{table(["executor", "texts", "vectors s", "speed-up vs serial", "driver CPU s", "CPU s (all processes)", "CPU s per article",
       "CPU vs processes", "load avg after"], vector_rows)}

Identical vectors (bit for bit) on all executors: **{'yes' if same else 'NO'}**.
"""
    write_section("scale", markdown, args.no_write)


if __name__ == "__main__":
    main()
