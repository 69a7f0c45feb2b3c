"""The standard descriptors, made safe before anything else runs.

Kept apart from :mod:`argmap._io` so that the command line can do this first thing at
start-up without importing what reading and writing need.
"""

from __future__ import annotations

import os

__all__ = ["STAND_INS", "occupy_closed_standard_descriptors"]

#: Standard descriptors that were closed when argmap started, now holding /dev/null.
STAND_INS: set[int] = set()


def occupy_closed_standard_descriptors() -> None:
    """Open /dev/null on a closed 0, 1 or 2, so that no file argmap opens takes its number.

    ``sys.stdout`` stays ``None`` for a closed stdout, and writing to ``/dev/stdout`` is
    refused as for a closed descriptor: a picture must not vanish into the stand-in.
    """
    for number in (0, 1, 2):
        try:
            os.fstat(number)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened == number:
                STAND_INS.add(number)
            else:  # a lower number was free after all
                os.close(opened)
