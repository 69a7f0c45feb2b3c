"""The ``argmap`` command: a thin shell over the library, a typer app.

Each command parses its options, calls the library, reports and maps errors to exit
codes: 0 done, 1 bad input or a failed picture or write, 2 a usage error. Standard output
carries only what was asked for; every diagnostic goes to standard error (``_report``).
Library modules are imported inside the commands, and ``argmap --version`` alone is
answered before the typer app is even built (``_process``), so it starts fast.

- ``_app``: the typer app and its commands; ``_cmd_*``: one module per command.
- ``_help``: arguments named in usage lines and help as their metavars say.
- ``_inputs``: the map files that arguments name (directories searched).
- ``_destinations``: where ``render`` puts each picture.
- ``_choices``: option values in any case, with "did you mean".
- ``_process``: signals, the last safety net, exit statuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.cli._process import main

if TYPE_CHECKING:
    from argmap.cli._app import app

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    # The typer app loads on first use (PEP 562): ``argmap --version`` answers without it.
    if name == "app":
        from argmap.cli._app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
