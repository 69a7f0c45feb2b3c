"""Waiting for a map to change: which files count, and the rounds of changes.

Editors save in several steps (write a temporary file, rename it over the map; or
truncate, then write), so the folders are watched, not the files (a file replaced by a
rename is a new file), and the changes are filtered to the map and the fonts its
``style:`` names. watchfiles gathers the changes that come close together into one
round: a round ends once nothing has changed for :data:`QUIET_MS` (or after
:data:`LONGEST_MS`). Changes made while the map is drawn make the next round.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from watchfiles._rust_notify import RustNotify

#: Milliseconds with no change that end a round of changes.
QUIET_MS = 150
#: Milliseconds at most that a round gathers changes, however busy the folder.
LONGEST_MS = 1600


class Targets:
    """The files whose change calls for a new picture: the map, and the fonts it names
    (which change as the map does)."""

    def __init__(self, map_path: str) -> None:
        self.map = os.path.abspath(map_path)
        self.fonts: frozenset[str] = frozenset()

    def follow_fonts(self, fonts: Iterable[str]) -> None:
        """Watch these font files (and no others) from now on."""
        self.fonts = frozenset(os.path.abspath(font) for font in fonts)

    @property
    def files(self) -> frozenset[str]:
        """The files watched, as absolute paths."""
        return self.fonts | {self.map}

    @property
    def folders(self) -> frozenset[str]:
        """The folders that hold the files watched, those that exist."""
        folders = {os.path.dirname(file) for file in self.files}
        return frozenset(folder for folder in folders if os.path.isdir(folder))

    def wanted(self, change: object, path: str) -> bool:
        """Whether a change to ``path`` (a watchfiles filter) is a change to a file
        watched.

        >>> targets = Targets("maps/map.yaml")
        >>> targets.wanted(None, os.path.abspath("maps/map.yaml"))
        True
        >>> targets.wanted(None, os.path.abspath("maps/map.svg"))
        False
        """
        return os.path.abspath(path) in self.files


class Watcher:
    """Watches the folders of ``targets`` from the moment it is made, so that a change
    made while the map is first drawn is not missed; :meth:`rounds` waits for them."""

    def __init__(self, targets: Targets) -> None:
        self.targets = targets
        self._folders = targets.folders
        self._notify = _notify(self._folders)
        self._pending: frozenset[str] = frozenset()

    def rounds(self) -> Iterator[frozenset[str]]:
        """The files watched that changed, one set for each round of changes, forever;
        the folders watched follow ``targets`` after each round. KeyboardInterrupt when
        a signal handler raised while it waited."""
        while True:
            self.follow()
            changed, self._pending = self._pending, frozenset()
            if not changed:
                changed = self._changed(self._notify.watch(LONGEST_MS, QUIET_MS, 0, None))
            if changed:
                yield changed

    def follow(self) -> None:
        """Watch the folders ``targets`` names now (the map may name other fonts),
        keeping the changes the old watch saw for the next round: the new watch starts
        first, so no change falls between them."""
        if self.targets.folders == self._folders:
            return
        self._folders = self.targets.folders
        old, self._notify = self._notify, _notify(self._folders)
        try:
            self._pending |= self._changed(old.watch(LONGEST_MS, QUIET_MS, 1, None))
        finally:
            old.close()

    def _changed(self, changes: set[tuple[int, str]] | str) -> frozenset[str]:
        if changes == "signal":
            raise KeyboardInterrupt
        if isinstance(changes, str):  # "timeout" (or "stop", never asked for): none
            return frozenset()
        return frozenset(path for kind, path in changes if self.targets.wanted(kind, path))

    def close(self) -> None:
        """Stop watching."""
        self._notify.close()


def _notify(folders: frozenset[str]) -> RustNotify:
    # watchfiles' own backend (documented as such): its watch() generator only starts
    # watching when first asked for a change, after the first drawing.
    from watchfiles._rust_notify import RustNotify

    return RustNotify(sorted(folders), False, False, 300, False, False)
