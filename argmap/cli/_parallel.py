"""Work on many maps in parallel processes, its results in the order of the maps.

``argmap render --jobs N`` and ``argmap validate --jobs N`` hand each map to a pool of
``N`` worker processes and report each map's lines in the order the maps were named, as
one process would: the output does not depend on which worker finished first. Workers
are fresh interpreters (spawned, never forked: a fork of a process with threads, such
as the progress bar's, can deadlock) that ignore Ctrl-C: the main process takes the
signal, and leaving the pool ends them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(work: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> Iterator[Result]:
    """``work(item)`` for each of ``items``, yielded in their order: in ``jobs`` worker
    processes, or in this one for one job or one item. ``work`` and the items must be
    picklable (a module's function, or a ``functools.partial`` of one)."""
    if jobs <= 1 or len(items) <= 1:
        yield from map(work, items)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(min(jobs, len(items)), initializer=_ignore_interrupts) as pool:
        yield from pool.imap(work, items)


def _ignore_interrupts() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
