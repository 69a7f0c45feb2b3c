"""Analysis of a map: what its structure implies, beyond the drawing.

:mod:`argmap.analysis.semantics` reads the map as an abstract argumentation framework
(Dung 1995) and tells which claims stand under grounded, complete, preferred or stable
semantics. The package depends on the model alone (:mod:`argmap.model`): the renderer
and the command line take its results as input, never the other way round.

>>> from argmap.analysis import evaluate
>>> from argmap.model import ArgumentMap, Claim, Relation
>>> m = ArgumentMap(claims=[Claim(id="t", text="T"), Claim(id="o", text="O")],
...     relations=[Relation(sources="o", target="t", kind="attacks")])
>>> dict(evaluate(m)[0])
{'t': 'out', 'o': 'in'}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.analysis.semantics import (
        DEFAULT_TIMEOUT,
        SEMANTICS,
        EvaluationError,
        EvaluationTimeout,
        Framework,
        Label,
        Labelling,
        SemanticsName,
        Solver,
        complete,
        evaluate,
        framework,
        grounded,
        preferred,
        stable,
    )

__all__ = [
    "DEFAULT_TIMEOUT",
    "SEMANTICS",
    "EvaluationError",
    "EvaluationTimeout",
    "Framework",
    "Label",
    "Labelling",
    "SemanticsName",
    "Solver",
    "complete",
    "evaluate",
    "framework",
    "grounded",
    "preferred",
    "stable",
]


def __getattr__(name: str) -> Any:
    # The semantics load on first use (PEP 562), so that importing a light module of the
    # package (argmap.analysis.rules, for lint's help) costs only that module.
    if name in __all__:
        from argmap.analysis import semantics

        return getattr(semantics, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
