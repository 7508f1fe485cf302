"""Executors: where the per-item stage functions run (the only module that imports an engine).

Three executors share one small contract, :class:`Executor`: ``map(fn, items)`` yields
``fn(item)`` for every item, **in input order**, while keeping only a bounded number of
items in flight, so the driver's memory stays bounded however long the input is.

* :class:`SerialExecutor`   in this process (the default for small runs and tests);
* :class:`ProcessExecutor`  local worker processes (default: all cores);
* :class:`DaskExecutor`     a Dask distributed cluster (``tcp://host:8786``), or a
  ``distributed.LocalCluster`` it starts itself; workers on other machines run the same code.

Workers only compute: they receive records (articles, known layers) and return records
(analyses, failures).  They never open the SQLite file: the application layer
(:mod:`newsbrief.pipeline`) is the single writer.  Each worker process loads its models
(spaCy, MiniLM) once, on first use, through the ``lru_cache``-d loaders in
``analyse/nlp.py`` and ``embed.py``; nothing is loaded per task.

A worker that dies mid-run: the process pool and Dask both resubmit its in-flight work
(Dask up to ``distributed.scheduler.allowed-failures`` times); when that fails too the
error surfaces as :class:`~newsbrief.errors.ScaleError`, naming the batch, and everything
already saved by the driver stays saved.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from newsbrief.errors import ConfigError, NewsbriefError, ScaleError

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

SCHEDULER_ENV = "NEWSBRIEF_SCHEDULER"
WORKERS_ENV = "NEWSBRIEF_WORKERS"
EXECUTOR_KINDS = ("serial", "processes", "dask")


class Executor(Protocol):
    """Runs a function over items somewhere, yielding results in input order."""

    kind: str
    workers: int

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


class _Future(Protocol[R_co]):
    """What both concurrent.futures and Dask futures offer."""

    def result(self) -> R_co: ...

    def cancel(self) -> Any: ...


class SerialExecutor:
    """Everything in the calling process, one item after another."""

    kind = "serial"
    workers = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        pass

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _ordered(submit: Callable[[T], _Future[R]], items: Iterable[T], window: int, describe: str) -> Iterator[R]:
    """Submit items keeping at most ``window`` in flight; yield results in input order."""
    pending: deque[tuple[int, _Future[R]]] = deque()
    iterator = iter(items)
    index = 0
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            try:
                item = next(iterator)
            except StopIteration:
                exhausted = True
                break
            pending.append((index, submit(item)))
            index += 1
        if not pending:
            return
        position, future = pending.popleft()
        try:
            result = future.result()
        except NewsbriefError:
            raise
        except Exception as exc:  # a dead worker, a lost connection: name the batch
            for _, other in pending:
                other.cancel()
            raise ScaleError(
                f"{describe}: item {position} failed on the executor ({type(exc).__name__}: {exc}); "
                "what was saved before it is kept; rerun the command to resume, or use --workers 1"
            ) from exc
        yield result


class ProcessExecutor:
    """Local worker processes (``spawn``ed, so each loads the models once, cleanly)."""

    kind = "processes"

    def __init__(self, workers: int | None = None) -> None:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        self.workers = workers or os.cpu_count() or 1
        if self.workers < 1:
            raise ConfigError(f"--workers {workers}: needs at least 1 worker process")
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"))

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return _ordered(lambda item: self._pool.submit(fn, item), items, 2 * self.workers, f"process pool ({self.workers} workers)")

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DaskExecutor:
    """A Dask distributed cluster: ``scheduler`` is its address (``tcp://host:8786``), or
    None to start a ``LocalCluster`` of ``workers`` single-threaded worker processes."""

    kind = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError(
                "the Dask executor needs dask[distributed]; install it with `pip install 'newsbrief[dask]'`"
            ) from exc
        self._cluster: Any = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
        except OSError as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with `dask scheduler` "
                f"and workers with `dask worker {scheduler}`, or drop --scheduler / {SCHEDULER_ENV}"
            ) from exc
        self.address = scheduler or self._cluster.scheduler_address
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    @property
    def client(self) -> Any:
        return self._client

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        # pure=False: two equal batches are still two tasks (results are not shared by key)
        return _ordered(
            lambda item: self._client.submit(fn, item, pure=False), items, 2 * self.workers, f"Dask cluster {self.address}"
        )

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_executor(kind: str | None = None, workers: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor a command asked for.

    ``scheduler`` (or the ``NEWSBRIEF_SCHEDULER`` environment variable) selects Dask; else
    ``kind`` ("serial", "processes", "dask"); else processes when ``workers`` (or
    ``NEWSBRIEF_WORKERS``) asks for more than one, serial otherwise.
    """
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if workers is None and os.environ.get(WORKERS_ENV):
        try:
            workers = int(os.environ[WORKERS_ENV])
        except ValueError:
            raise ConfigError(f"{WORKERS_ENV}={os.environ[WORKERS_ENV]!r} is not a number of workers") from None
    if workers is not None and workers < 0:
        raise ConfigError(f"--workers {workers}: use 0 for all cores, 1 for one process, or N")
    if workers == 0:
        workers = os.cpu_count() or 1
    if kind is not None and kind not in EXECUTOR_KINDS:
        raise ConfigError(f"executor {kind!r} is not known; choose one of {', '.join(EXECUTOR_KINDS)}")
    if scheduler or kind == "dask":
        return DaskExecutor(scheduler, workers)
    if kind == "processes" or (kind is None and workers is not None and workers > 1):
        return ProcessExecutor(workers)
    return SerialExecutor()
