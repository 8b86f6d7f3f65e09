"""Run a sweep's chunks on Dask distributed: a cluster at `tcp://HOST:PORT`, or a local one.

The chunks are the very ones the process pool runs, and a chunk's rows depend only on its runs' seed
streams, so the rows are byte-identical to a serial run. One task per chunk, not per run: a run of a few ms
would otherwise be all scheduling overhead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.running.runner import (
    AHEAD,
    Backend,
    Chunk,
    Rows,
    ensure_shippable,
    run_chunk,
    sheltered_children,
)
from transitions_core.simulation.running.streaming import in_order

LOCAL = "local"
#: `tcp://host:port`, `tls://…`, `inproc://…` (a cluster in this process): what Dask's Client accepts.
ADDRESS = re.compile(r"^(tcp|tls|ucx|ws|wss|inproc)://[^\s/]+$")
INSTALL = "pip install 'transitions-core[distributed]'"


def require_distributed() -> Any:
    """The `distributed` module, or a French error saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise TransitionsError(f"--scheduler a besoin de Dask distributed : {INSTALL}.") from None
    return distributed


def check_address(address: str) -> str | None:
    """Why `address` cannot name a scheduler, or None when it can."""
    if address == LOCAL or ADDRESS.match(address):
        return None
    return f"« {address} » n'est pas une adresse d'ordonnanceur : écrivez tcp://HÔTE:PORT (par exemple tcp://192.0.2.10:8786) ou {LOCAL}."


def dask_backend(address: str, workers: int = 1, timeout: float = 10.0) -> Backend:
    """Chunks on the Dask scheduler at `address`, or on a new local cluster of `workers` processes."""

    def run(work: Iterable[Chunk], models: Models) -> Generator[Rows, None, None]:
        distributed = require_distributed()
        ensure_shippable(models)
        # A local cluster logs from this process; stopped by Ctrl-C, it has nothing to say to the user.
        with _quiet_logs() if address == LOCAL else nullcontext():
            cluster, client = _connect(distributed, address, workers, timeout)
            submitted: list[Any] = []
            try:
                shipped = client.scatter(models)  # sent once, fetched by each worker

                def submit(chunk: Chunk) -> Any:
                    # pure=False: two chunks never share a key, whatever their arguments look like.
                    future = client.submit(run_chunk, chunk, models=shipped, pure=False)
                    submitted[:] = [f for f in submitted if not f.done()] + [future]
                    return future

                threads = sum(client.nthreads().values()) or workers
                yield from in_order(submit, work, AHEAD * max(threads, workers))
            finally:
                if submitted:
                    client.cancel(submitted)
                client.close()
                if cluster is not None:
                    cluster.close()

    return run


@contextmanager
def _quiet_logs() -> Iterator[None]:
    """Dask's loggers in this process (each has a level of its own) say nothing below CRITICAL meanwhile."""
    names = [name for name in logging.root.manager.loggerDict if name.split(".")[0] == "distributed"]
    loggers = [logging.getLogger(name) for name in ["distributed", *names]]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _connect(distributed: Any, address: str, workers: int, timeout: float) -> tuple[Any, Any]:
    """(the local cluster or None, a client), or a French error when the scheduler cannot be reached."""
    if address == LOCAL:
        return _local_cluster(distributed, workers)
    try:
        return None, distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as error:
        raise TransitionsError(
            f"Impossible de joindre l'ordonnanceur Dask {address} en {timeout:g} s ({error}). "
            f"Vérifiez l'adresse et que `dask scheduler` y tourne, allongez --scheduler-timeout, "
            f"ou lancez sans --scheduler (processus de cette machine) ou avec --scheduler {LOCAL}."
        ) from None


def _local_cluster(distributed: Any, workers: int) -> tuple[Any, Any]:
    """A cluster of `workers` single-threaded processes on this machine, and its client.

    Dask starts its workers from threads of its own, which would not inherit the pool's shelter from
    Ctrl-C: they are forked from a fork server that ignores it instead. A Ctrl-C pressed while the
    cluster starts takes effect once it is up, so that it can be closed.
    """
    import multiprocessing
    import warnings

    import dask

    forkserver = "forkserver" in multiprocessing.get_all_start_methods()
    method = {"distributed.worker.multiprocessing-method": "forkserver"} if forkserver else {}
    started: list[Any] = []
    try:
        with dask.config.set(method), warnings.catch_warnings(), sheltered_children():
            # Its HTTP routes move to a free port when 8787 is taken; the user has nothing to do about it.
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            if forkserver:
                _start_deaf_fork_server(distributed)
            started.append(
                distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL,
                )
            )
            started.append(distributed.Client(started[0]))
    except BaseException:
        for part in reversed(started):
            part.close()
        raise
    return started[0], started[1]


def _start_deaf_fork_server(distributed: Any) -> None:
    """Start multiprocessing's fork server ignoring Ctrl-C: the processes it forks then ignore it too."""
    import signal
    from multiprocessing import forkserver

    distributed.utils.get_mp_context()  # Dask's preload list, before the server starts
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # the few milliseconds of a process start
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
