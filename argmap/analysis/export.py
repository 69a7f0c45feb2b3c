"""A map's argumentation framework in the formats argumentation solvers read, so that a
result of :mod:`argmap.analysis.semantics` can be checked with another solver (the ICCMA
competitors, ASPARTIX, ConArg) or a framework studied with tools that read no map.

``apx``
    ASPARTIX's facts, the input of ICCMA 2015-2021 (Egly, Gaggl and Woltran 2010,
    "Answer-set programming encodings for argumentation frameworks"): ``arg(a).`` for
    each argument and ``att(a,b).`` for each attack. A name that is not an ASP constant
    (a lower-case letter, then letters, digits or ``_``) is written as a quoted string,
    as clingo reads it.
``iccma``
    The format of ICCMA 2023: a line ``p af N``, then ``i j`` for each attack, arguments
    numbered from 1 in the framework's order. Lines starting with ``#`` are comments
    solvers skip; argmap writes one per argument saying which claim (or helper argument)
    its number stands for, so answers can be read back.

>>> from argmap.analysis.semantics import Framework
>>> af = Framework(["thesis", "official-danger"], [("official-danger", "thesis")])
>>> print(dumps_framework(af, "apx"), end="")
arg(thesis).
arg("official-danger").
att("official-danger",thesis).
>>> print(dumps_framework(af, "iccma"), end="")
p af 2
# 1 thesis
# 2 official-danger
2 1
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from argmap.analysis.semantics import EvaluationError, Framework

__all__ = ["FRAMEWORK_FORMATS", "FrameworkFormat", "dumps_framework"]

#: The formats :func:`dumps_framework` writes.
FrameworkFormat = Literal["apx", "iccma"]
FRAMEWORK_FORMATS: tuple[str, ...] = get_args(FrameworkFormat)

_CONSTANT = re.compile(r"[a-z][A-Za-z0-9_]*")


def dumps_framework(af: Framework, format: FrameworkFormat | str) -> str:
    """``af`` as text in ``format`` (``apx`` or ``iccma``), one item a line.

    Arguments and attacks come in the framework's order: :func:`argmap.analysis.framework`
    puts a map's claims first, in map order, then its helper arguments (linked relations,
    undercut inferences). Raises :class:`~argmap.analysis.EvaluationError` for another
    format.
    """
    if format == "apx":
        names = {name: _apx_name(name) for name in af.arguments}
        lines = [f"arg({names[name]})." for name in af.arguments]
        lines += [f"att({names[a]},{names[b]})." for a, b in af.attacks]
    elif format == "iccma":
        numbers = {name: n for n, name in enumerate(af.arguments, 1)}
        lines = [f"p af {len(af.arguments)}"]
        # A comment is one line: a name with a line break in it is written escaped.
        lines += [f"# {n} {_one_line(name)}" for name, n in numbers.items()]
        lines += [f"{numbers[a]} {numbers[b]}" for a, b in af.attacks]
    else:
        raise EvaluationError(
            f"unknown framework format {format!r} (one of: {', '.join(FRAMEWORK_FORMATS)})"
        )
    return "".join(line + "\n" for line in lines)


def _apx_name(name: str) -> str:
    if _CONSTANT.fullmatch(name):
        return name
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _one_line(name: str) -> str:
    return name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
