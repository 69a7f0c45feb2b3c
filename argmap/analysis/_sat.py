"""Complete, preferred and stable labellings through a SAT solver (python-sat), used when
it is installed: the backtracking search of :mod:`argmap.analysis._solver` is exact too,
but gives up on random frameworks of a thousand arguments that a SAT solver settles in
well under a second.

The encoding of complete labellings is that of Besnard and Doutre (2004, "Checking the
acceptability of a set of arguments") in the labelling form of Cerutti, Dunne, Giacomin
and Vallati (2013, "Computing preferred extensions in abstract argumentation: a SAT-based
approach"): for each argument a, variables I(a) and O(a), never both, with I(a) exactly
when every attacker is O, and O(a) exactly when some attacker is I. Stable labellings add
I(a) or O(a) for every a. Preferred ones are found as in that paper's PrefSAT: take any
complete labelling not inside a preferred one found, grow its IN set while the solver
finds a larger one, and record it.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from argmap.analysis._solver import IN, OUT, UNDEC, Deadline, grounded


def available() -> bool:
    """Whether python-sat can be imported."""
    try:
        importlib.import_module("pysat.solvers")
    except ImportError:
        return False
    return True


def search(
    attackers: Sequence[Sequence[int]],
    attacked: Sequence[Sequence[int]],
    *,
    stable: bool,
    maximal: bool,
    deadline: Deadline,
) -> Iterator[list[int]]:
    """As :func:`argmap.analysis._solver.search`, by SAT."""
    # Through importlib: python-sat has no type hints, and need not be installed.
    solvers: Any = importlib.import_module("pysat.solvers")
    n = len(attackers)
    start = grounded(attackers, attacked)

    def i(a: int) -> int:
        return a + 1

    def o(a: int) -> int:
        return n + a + 1

    with solvers.Solver(name="g4") as solver:
        for a in range(n):
            # What grounded decided holds in every complete labelling.
            if start[a] != UNDEC:
                # Both variables fixed: the rules of the others read them.
                solver.add_clause([i(a) if start[a] == IN else -i(a)])
                solver.add_clause([o(a) if start[a] == OUT else -o(a)])
                continue
            solver.add_clause([-i(a), -o(a)])
            solver.add_clause([i(a), *(-o(b) for b in attackers[a])])
            solver.add_clause([-o(a), *(i(b) for b in attackers[a])])
            for b in attackers[a]:
                solver.add_clause([-i(a), o(b)])
                solver.add_clause([-i(b), o(a)])
            if stable:
                solver.add_clause([i(a), o(a)])
        undecided = [a for a in range(n) if start[a] == UNDEC]
        if not undecided:  # grounded is the only complete labelling
            yield start
            return
        fresh = 2 * n
        while True:
            model = _solve(solver, [], deadline)
            if model is None:
                return
            inside = {a for a in undecided if model[i(a) - 1] > 0}
            if maximal:
                while True:  # grow the IN set until no larger complete labelling exists
                    outside = [i(a) for a in undecided if a not in inside]
                    if not outside:
                        break
                    fresh += 1
                    solver.add_clause([-fresh, *outside])
                    larger = _solve(solver, [fresh, *(i(a) for a in inside)], deadline)
                    solver.add_clause([-fresh])
                    if larger is None:
                        break
                    inside = {a for a in undecided if larger[i(a) - 1] > 0}
                # Later ones must have an argument outside this one (an empty clause,
                # when it has them all, ends the search).
                solver.add_clause([i(a) for a in undecided if a not in inside])
            else:
                # A complete labelling is fixed by its IN set: exclude exactly this one.
                solver.add_clause([-i(a) if a in inside else i(a) for a in undecided])
            labels = list(start)
            for a in inside:
                labels[a] = IN
            for a in inside:
                for b in attacked[a]:
                    labels[b] = OUT
            yield labels


def _solve(solver: Any, assumptions: list[int], deadline: Deadline) -> list[int] | None:
    """A model, None when there is none; the deadline's error when time runs out."""
    if deadline.at is None:
        found = solver.solve(assumptions=assumptions)
    else:
        left = deadline.at - time.monotonic()
        if left <= 0:
            raise deadline.expired()
        timer = threading.Timer(left, solver.interrupt)
        timer.start()
        try:
            found = solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        finally:
            timer.cancel()
        solver.clear_interrupt()
        if found is None:
            raise deadline.expired()
    if not found:
        return None
    model: list[int] = solver.get_model()
    return model
