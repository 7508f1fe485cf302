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

A worker that dies mid-run (killed, out of memory) costs only its in-flight items: the
process pool is replaced and each item that died is run once more, alone (Dask reschedules
a dead worker's tasks itself, up to ``distributed.scheduler.allowed-failures`` times, and an
item it gives up on is run once more too).  An item that dies again is handed to the
caller's ``lost(item, error)`` (analysis reports its articles as failed, by id) or, without
one, stops the run with a :class:`~newsbrief.errors.ScaleError` naming it.  Everything the
driver saved before stays saved.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from newsbrief.errors import ConfigError, NewsbriefError, ScaleError

if TYPE_CHECKING:
    from newsbrief.settings import Settings

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

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], lost: Callable[[T, BaseException], R] | None = None
    ) -> Iterator[R]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


class _Future(Protocol[R_co]):
    """What both concurrent.futures and Dask futures offer."""

    def result(self) -> R_co: ...

    def cancel(self) -> Any: ...

    def done(self) -> bool: ...


class SerialExecutor:
    """Everything in the calling process, one item after another."""

    kind = "serial"
    workers = 1

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], lost: Callable[[T, BaseException], R] | None = None
    ) -> Iterator[R]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        pass

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


Lost = Callable[[Any, BaseException], Any]  # (item, error) -> what to yield for an item that could not be run


class _Slot:
    """One item in flight: its position, the item, its future, or its result once settled."""

    __slots__ = ("future", "item", "position", "result", "settled")

    def __init__(self, position: int, item: Any, future: _Future[Any]) -> None:
        self.position, self.item, self.future = position, item, future
        self.result: Any = None
        self.settled = False


def _ordered(
    submit: Callable[[T], _Future[R]],
    items: Iterable[T],
    window: int,
    describe: str,
    is_lost: Callable[[BaseException], bool] = lambda exc: False,
    restart: Callable[[], bool] = lambda: False,
    lost: Callable[[T, BaseException], R] | None = None,
) -> Iterator[R]:
    """Submit items keeping at most ``window`` in flight; yield results in input order.

    When a worker dies (``is_lost`` says so of the error) the executor is brought back
    (``restart()``, True when every unfinished item died with it) and each item that died is
    run once more, alone; an item whose retry dies too is given to ``lost`` (its result is
    what ``lost(item, error)`` returns), or stops the run with a :class:`ScaleError` naming it.
    """
    pending: deque[_Slot] = deque()
    iterator = iter(items)
    index = 0
    exhausted = False

    def fail(slot: _Slot, exc: BaseException, what: str) -> ScaleError:
        for other in pending:
            if not other.settled:
                other.future.cancel()
        return ScaleError(
            f"{describe}: item {slot.position} {what} ({type(exc).__name__}: {exc}); "
            "what was saved before it is kept; rerun the command to resume, or use --workers 1"
        )

    def retry_alone(slot: _Slot, first: BaseException) -> None:
        try:
            slot.result = submit(slot.item).result()
        except NewsbriefError:
            raise
        except Exception as exc:
            if not is_lost(exc):
                raise fail(slot, exc, "failed on the executor") from exc
            restart()
            if lost is None:
                raise fail(slot, exc, "was lost twice with its worker") from exc
            log.warning("%s: item %d lost twice with its worker (%s); reported, the run goes on", describe, slot.position, exc)
            slot.result = lost(slot.item, exc)
        else:
            log.warning("%s: item %d was lost with its worker (%s) and done again", describe, slot.position, first)
        slot.settled = True

    while True:
        while not exhausted and len(pending) < window:
            try:
                item = next(iterator)
            except StopIteration:
                exhausted = True
                break
            pending.append(_Slot(index, item, submit(item)))
            index += 1
        if not pending:
            return
        slot = pending.popleft()
        if not slot.settled:
            try:
                slot.result = slot.future.result()
                slot.settled = True
            except NewsbriefError:
                raise
            except Exception as exc:  # a dead worker, a lost connection, a bug
                if not is_lost(exc):
                    raise fail(slot, exc, "failed on the executor") from exc
                everything = restart()
                # each item that died with the worker is run again alone, so an item that kills
                # its worker every time costs only itself
                retry_alone(slot, exc)
                for other in pending:
                    if not other.settled and (everything or _died(other.future, is_lost)):
                        retry_alone(other, exc)
        yield slot.result


def _died(future: _Future[Any], is_lost: Callable[[BaseException], bool]) -> bool:
    """Whether this future has already failed the way a lost worker fails it."""
    try:
        if not future.done():
            return False
        future.result()
    except Exception as exc:
        return is_lost(exc)
    return False


class ProcessExecutor:
    """Local worker processes (``spawn``ed, so each loads the models once, cleanly)."""

    kind = "processes"

    def __init__(self, workers: int | None = None) -> None:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        self.workers = workers or os.cpu_count() or 1
        if self.workers < 1:
            raise ConfigError(f"--workers {workers}: needs at least 1 worker process")
        self._new_pool = lambda: ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"))
        self._pool = self._new_pool()

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], lost: Callable[[T, BaseException], R] | None = None
    ) -> Iterator[R]:
        """``fn`` over ``items`` in the worker processes.  A worker that dies (killed, out of
        memory) breaks the pool: a new one is started and every unfinished item is run once
        more, alone; an item that dies again goes to ``lost`` (or stops the run)."""
        from concurrent.futures.process import BrokenProcessPool

        return _ordered(
            lambda item: self._pool.submit(fn, item), items, 2 * self.workers, f"process pool ({self.workers} workers)",
            is_lost=lambda exc: isinstance(exc, BrokenProcessPool), restart=self._restart, lost=lost,
        )

    def pids(self) -> list[int]:
        """Process ids of the live worker processes (started as work arrives)."""
        return [process.pid for process in list(getattr(self._pool, "_processes", {}).values()) if process.pid]

    def _restart(self) -> bool:
        """A new pool in place of a broken one; everything unfinished in the old one is lost."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()
        return True

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# How a LocalCluster's workers are started.  Dask's defaults cost this CPU-bound work about
# 30 % more CPU than plain worker processes (bench/scale.py, docs/scale.md):
# * MALLOC_TRIM_THRESHOLD_ (set by the nanny before spawning, to hand memory back sooner)
#   turns off glibc's dynamic mmap threshold, so every parse's arrays over 128 KB are mapped
#   and unmapped anew: ~6x the page faults and double the system time;
# * the statistical profiler samples every task thread's stack every 10 ms on the worker's
#   event loop, and the system monitor polls psutil every 0.5 s.
# The thread limits (OMP/MKL/OpenBLAS = 1: one worker process per core) are kept.
LOCAL_WORKER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
}


class DaskExecutor:
    """A Dask distributed cluster: ``scheduler`` is its address (``tcp://host:8786``), or
    None to start a ``LocalCluster`` of ``workers`` single-threaded worker processes, started
    with ``worker_config`` (default :data:`LOCAL_WORKER_CONFIG`; ``{}`` keeps Dask's defaults).
    The workers of a cluster of your own take their configuration from their hosts (see
    docs/scale.md)."""

    kind = "dask"

    def __init__(
        self, scheduler: str | None = None, workers: int | None = None, worker_config: dict[str, Any] | None = None
    ) -> None:
        try:
            import dask
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
                with dask.config.set(LOCAL_WORKER_CONFIG if worker_config is None else worker_config):  # read as the workers start, not after
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

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], lost: Callable[[T, BaseException], R] | None = None
    ) -> Iterator[R]:
        """``fn`` over ``items`` on the cluster.  Dask itself reschedules the tasks of a worker
        that dies (``distributed.scheduler.allowed-failures`` times); a task it gives up on
        (KilledWorker) is run once more, alone, then goes to ``lost`` (or stops the run)."""
        from distributed import KilledWorker

        # pure=False: two equal batches are still two tasks (results are not shared by key)
        return _ordered(
            lambda item: self._client.submit(fn, item, pure=False), items, 2 * self.workers, f"Dask cluster {self.address}",
            is_lost=lambda exc: isinstance(exc, KilledWorker), lost=lost,
        )

    def close(self) -> None:
        """Disconnect; a LocalCluster we started is shut down (a worker slow to exit on a busy
        machine is killed by its nanny; waiting longer for that must not fail a finished run)."""
        try:
            self._client.close()
            if self._cluster is not None:
                self._cluster.close(timeout=60)
        except (TimeoutError, OSError) as exc:
            log.warning("Dask cluster %s did not shut down cleanly (%s: %s); results are saved", self.address, type(exc).__name__, exc)

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_executor(
    kind: str | None = None, workers: int | None = None, scheduler: str | None = None, settings: Settings | None = None
) -> Executor:
    """The executor a command asked for.

    A Dask scheduler address selects Dask: ``scheduler`` (a command's ``--scheduler``), else
    ``settings.scheduler``, else the ``NEWSBRIEF_SCHEDULER`` environment variable.  Without
    one: ``kind`` ("serial", "processes", "dask": a LocalCluster); else processes when
    ``workers`` (or ``NEWSBRIEF_WORKERS``) asks for more than one, serial otherwise.
    """
    scheduler = scheduler or (settings.scheduler if settings else None)
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
