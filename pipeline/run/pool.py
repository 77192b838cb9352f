"""The worker pool: extraction on every core, this process (the single writer) included.

Work streams in batches with a bound on what is in flight, so memory does not
grow with the corpus, and pool processes (and this process's spaCy pipeline)
are renewed as their vocabulary grows.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import queue
import sys
from itertools import islice

# Documents per pool process between reading and writing. A commit that triggers a WAL checkpoint
# keeps the writer busy for up to half a second; with 64 in flight (about 0.35 s of extraction) the
# pool ran dry during each one, and sat idle 11-12 % of a run. 256 documents are about 8 MB.
IN_FLIGHT = 256
# A finished batch (16 documents with their text, about 250 KB pickled) crosses a pipe that holds
# 64 KB by default, so a pool process waited on this process's result thread, which needs the GIL
# the writer holds, four times a batch. 1 MB pipes (Linux's default ceiling for any user) let it
# hand the batch over at once and go on.
PIPE_BYTES = 1 << 20
# Documents are extracted in batches of this many before the batch is written (and sent to and from
# pool processes as one message): alternating spaCy and SQLite after every document kept evicting
# each other's data from the CPU caches.
BATCH = 16
# A pool process is replaced, and this process's pipeline rebuilt, after this many
# documents: spaCy's vocabulary keeps every new word it sees (about 1 MB per
# thousand bulletins), so a long-lived pipeline grows with the corpus.
RECYCLE_AFTER = 10_000


def _warm_worker() -> None:
    from pipeline.extract import get_nlp

    get_nlp()


def map_in_workers(function, items, workers: int, count: int):
    """``function`` over ``items`` on ``workers`` processes, this one included, streaming, in any order.

    This process is the single writer, and it is one of the workers too: it
    extracts a batch itself whenever no finished batch is waiting to be written,
    and ``workers - 1`` pool processes extract the rest. On two cores, two
    extraction processes plus a separate writer meant three busy processes
    time-sharing two cores, each evicting the others' data from the CPU caches;
    this way there are two, and the writer's share of extraction adjusts itself
    to how much writing is left to do. At most ``IN_FLIGHT`` documents per pool
    process are read but not yet written, so memory does not grow with the corpus.
    """
    _warm_worker()
    items = iter(items)
    batches = iter(lambda: list(islice(items, BATCH)), [])
    here = _InProcess(function)
    if workers <= 1 or count < 2 * BATCH:
        for batch in batches:
            yield from here(batch)
        return
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    done: queue.SimpleQueue = queue.SimpleQueue()
    in_flight, limit, left = 0, (workers - 1) * max(2, IN_FLIGHT // BATCH), count
    with ctx.Pool(workers - 1, initializer=_warm_worker, maxtasksperchild=max(1, RECYCLE_AFTER // BATCH)) as pool:
        _enlarge_pipes(pool)
        for batch in batches:
            while not done.empty():  # write what the pool has finished
                yield from _finished(done.get())
                in_flight -= 1
            if in_flight < min(limit, _tail_share(left, workers)):
                pool.apply_async(_run_batch, (function, batch), callback=done.put, error_callback=done.put)
                in_flight += 1
            else:
                yield from here(batch)  # the pool has enough to do: extract this batch here
            left -= len(batch)
        for _ in range(in_flight):
            yield from _finished(done.get())


def _tail_share(left: int, workers: int) -> int:
    """Batches the pool may hold when ``left`` documents are still to be handed out: its share of them.

    Early in a run the in-flight limit governs. Near the end, a pool holding a
    full limit (256 documents, over a second of its work) left this process with
    nothing to do but write the pool's results as they came, about a quarter of
    that time: the other three quarters, one core sat idle.
    """
    return max(1, -(-left * (workers - 1) // (workers * BATCH)))


def _enlarge_pipes(pool) -> None:
    """Best effort: raise the pool's task and result pipes to ``PIPE_BYTES``. Linux only, and the pipes
    are the Pool's private attributes: elsewhere, or on a Python that renames them, they keep the default."""
    set_pipe_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_pipe_size is None:
        return
    for name in ("_inqueue", "_outqueue"):
        try:
            fcntl.fcntl(getattr(pool, name)._reader.fileno(), set_pipe_size, PIPE_BYTES)
        except (AttributeError, OSError, ValueError):
            pass


def _finished(results: list | BaseException) -> list:
    """A pool batch's results, or its failure raised here."""
    if isinstance(results, BaseException):
        raise results
    return results


class _InProcess:
    """Batches extracted in this process, with a fresh spaCy pipeline every ``RECYCLE_AFTER`` documents,
    as pool processes are replaced: the vocabulary keeps every word it has seen."""

    def __init__(self, function):
        self.function, self.since_fresh = function, 0

    def __call__(self, batch: list) -> list:
        if self.since_fresh >= RECYCLE_AFTER:
            from pipeline.extract import fresh_pipeline

            fresh_pipeline()
            self.since_fresh = 0
        self.since_fresh += len(batch)
        return _run_batch(self.function, batch)


def _run_batch(function, batch: list) -> list:
    """A pool process's task (and this process's, see _InProcess): several documents, sent and returned
    as one message."""
    return [function(item) for item in batch]
