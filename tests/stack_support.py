"""A stack too shallow for recursion on a chain: code that loops passes, code that recurses
raises RecursionError (cheaply, without building a chain of a thousand)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

#: Frames the code under test may use beyond the caller's, whatever the chain's length.
ROOM = 120


@contextlib.contextmanager
def shallow_stack(room: int = ROOM) -> Iterator[None]:
    """Allow ``room`` frames beyond the current depth inside the block."""
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + room)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)
