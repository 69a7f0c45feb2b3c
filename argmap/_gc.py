"""The cyclic garbage collector held off while a map is read.

Reading a map builds many objects that all stay alive (the parsed tree, its source
map, the model) and no reference cycles worth collecting. Each time the collector runs
it walks every object young enough to be tracked, and as the count of live objects
grows so does each walk: reading 100,000 claims of YAML took twice as long per claim as
1,000. Held off, the collector makes one pass over what was built when it next runs.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; on leaving it, however it is left,
    enable it again if it was enabled on entry (blocks may nest)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
