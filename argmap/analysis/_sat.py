"""Complete, preferred and stable labellings through a SAT solver (python-sat, the
``sat`` extra), used when it is installed: the backtracking search of
:mod:`argmap.analysis._solver` is exact too, but a SAT solver settles in well under a
second many components that backtracking gives up on.

What the grounded labelling decides is fixed first (it holds in every complete
labelling); the encodings below cover the arguments it leaves undecided.

- **Complete** labellings: the encoding of Besnard and Doutre (2004, "Checking the
  acceptability of a set of arguments") in the labelling form of Cerutti, Dunne, Giacomin
  and Vallati (2013, "Computing preferred extensions in abstract argumentation: a
  SAT-based approach"): for each argument a, variables I(a) and O(a), never both, with
  I(a) exactly when every attacker is O, and O(a) exactly when some attacker is I. Each
  one found is excluded by its in set, which fixes a complete labelling.
- **Stable** labellings: one variable per argument, as in Dung's definition (1995,
  Def. 12): a conflict-free set (no attack between two of its members) that attacks
  every argument outside it. n variables and one clause per attack and per argument
  instead of the complete encoding's 2n and three per attack (as fast as that on
  planted-stable frameworks of 1,000 arguments: the time goes to the search, not the
  encoding).
- **Preferred** labellings, as in that paper's PrefSAT but over admissible sets (a
  preferred extension is a maximal admissible set, Dung 1995, Def. 7; one variable per
  argument: conflict-free, and each attacker of a member attacked by a member): take any
  admissible set that lies inside no preferred one found yet, grow it while the solver
  finds a strictly larger one (one solver throughout, the growing asked for through
  assumptions), and record the last. Growing admissible sets took a quarter less time
  than growing complete labellings on planted-stable frameworks of 1,000 arguments.

Components of at least ``LARGE`` undecided arguments go to CaDiCaL 1.5.3 (Biere 2019 and
later), smaller ones to Glucose 4.1 (Audemard and Simon 2009), both through python-sat
(Ignatiev, Morgado and Marques-Silva 2018). On planted-stable frameworks of 1,000
arguments CaDiCaL took 35% less time than Glucose, and MiniSat and MapleChrono two to
five times more (benchmarks/README.md); Lingeling has no way to stop a call. Each call
runs in slices of a bounded number of conflicts, the clock read between two, so that the
time limit holds within a fraction of a second: CaDiCaL checks the bound at every
conflict, Glucose only at its restarts, which is short on small components.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterator, Sequence
from typing import Any

from argmap.analysis._solver import IN, OUT, UNDEC, Deadline, grounded

#: python-sat's names of the solvers used: CaDiCaL for components of at least ``LARGE``
#: undecided arguments, Glucose for the smaller ones (it starts faster, which counts when
#: a framework has thousands of small components).
SOLVER = "cd153"
SMALL_SOLVER = "g4"
LARGE = 200
#: Conflicts in the first slice of a call; later slices are sized to last about
#: ``_SLICE`` seconds each.
_FIRST_SLICE = 2000
_SLICE = 0.1


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
    start = grounded(attackers, attacked)
    undecided = [a for a in range(len(attackers)) if start[a] == UNDEC]
    if not undecided:  # grounded is the only complete labelling
        yield start
        return
    # Through importlib: python-sat has no type hints, and need not be installed.
    solvers: Any = importlib.import_module("pysat.solvers")
    name = SOLVER if len(undecided) >= LARGE else SMALL_SOLVER
    with solvers.Solver(name=name) as solver:
        sat = _Sat(solver, deadline)
        if stable:
            found = _stable(sat, attackers, undecided)
        elif maximal:
            found = _preferred(sat, attackers, undecided)
        else:
            found = _complete(sat, attackers, undecided)
        for inside in found:
            labels = list(start)
            for a in undecided:
                labels[a] = UNDEC
            for a in inside:
                labels[a] = IN
            for a in inside:
                for b in attacked[a]:
                    labels[b] = OUT
            yield labels


def _stable(
    sat: _Sat, attackers: Sequence[Sequence[int]], undecided: list[int]
) -> Iterator[set[int]]:
    """The in sets of the stable labellings, among the ``undecided`` (the rest is labelled
    in or out already, and the arguments out attack nothing that counts)."""
    x = {a: v + 1 for v, a in enumerate(undecided)}
    for a in undecided:
        theirs = [b for b in attackers[a] if b in x]
        sat.add([x[a], *(x[b] for b in theirs)])  # in, or attacked by one in
        for b in theirs:
            sat.add([-x[a], -x[b]])  # conflict-free (a self-attacker: never in)
    while True:
        model = sat.solve([])
        if model is None:
            return
        inside = {a for a in undecided if model[x[a] - 1] > 0}
        yield inside
        # Stable sets are incomparable: ask for one that misses an argument of this one
        # or has one outside it, whichever clause is shorter.
        if 2 * len(inside) <= len(undecided):
            sat.add([-x[a] for a in inside])
        else:
            sat.add([x[a] for a in undecided if a not in inside])


def _complete(
    sat: _Sat, attackers: Sequence[Sequence[int]], undecided: list[int]
) -> Iterator[set[int]]:
    """The in sets of the complete labellings, among the ``undecided``."""
    i = {a: v + 1 for v, a in enumerate(undecided)}
    o = {a: len(undecided) + v + 1 for v, a in enumerate(undecided)}
    for a in undecided:
        theirs = [b for b in attackers[a] if b in i]
        sat.add([-i[a], -o[a]])
        sat.add([i[a], *(-o[b] for b in theirs)])
        sat.add([-o[a], *(i[b] for b in theirs)])
        for b in theirs:
            sat.add([-i[a], o[b]])
            sat.add([-i[b], o[a]])
    while True:
        model = sat.solve([])
        if model is None:
            return
        inside = {a for a in undecided if model[i[a] - 1] > 0}
        # A complete labelling is fixed by its in set: exclude exactly this one.
        sat.add([-i[a] if a in inside else i[a] for a in undecided])
        yield inside


def _preferred(
    sat: _Sat, attackers: Sequence[Sequence[int]], undecided: list[int]
) -> Iterator[set[int]]:
    """The in sets of the preferred labellings, among the ``undecided``: the maximal
    admissible sets (Dung 1995, Def. 7), each grown from any admissible set that lies in
    none found before."""
    x = {a: v + 1 for v, a in enumerate(undecided)}
    for a in undecided:
        for b in attackers[a]:
            if b in x:
                sat.add([-x[a], -x[b]])  # conflict-free
                # defended: b is attacked by a member (attackers decided out do not
                # count: they attack nothing in; none is decided in, or b would be out)
                sat.add([-x[a], *(x[c] for c in attackers[b] if c in x)])
    fresh = len(undecided)
    while True:
        model = sat.solve([])
        if model is None:
            return
        inside = {a for a in undecided if model[x[a] - 1] > 0}
        while True:  # grow the set until no larger admissible one exists
            outside = [x[a] for a in undecided if a not in inside]
            if not outside:
                break
            fresh += 1
            sat.add([-fresh, *outside])  # active only while ``fresh`` is assumed
            larger = sat.solve([fresh, *(x[a] for a in inside)])
            sat.add([-fresh])
            if larger is None:
                break
            inside = {a for a in undecided if larger[x[a] - 1] > 0}
        # Later ones must have an argument outside this one (an empty clause, when it has
        # them all, ends the search).
        sat.add([x[a] for a in undecided if a not in inside])
        yield inside


class _Sat:
    """A python-sat solver whose calls stop at the deadline."""

    def __init__(self, solver: Any, deadline: Deadline) -> None:
        self.solver = solver
        self.deadline = deadline
        self.budget = _FIRST_SLICE

    def add(self, clause: list[int]) -> None:
        self.solver.add_clause(clause)

    def solve(self, assumptions: list[int]) -> list[int] | None:
        """A model, None when there is none; the deadline's error when time runs out."""
        if self.deadline.at is None:
            found = self.solver.solve(assumptions=assumptions)
        else:
            while True:
                self.deadline.left()  # raises when none is
                self.solver.conf_budget(self.budget)
                began = time.monotonic()
                found = self.solver.solve_limited(assumptions=assumptions)
                if found is not None:
                    break
                # Aim the next slice at about _SLICE seconds, growing at most fourfold.
                spent = max(time.monotonic() - began, 1e-3)
                self.budget = max(100, min(4 * self.budget, int(self.budget * _SLICE / spent)))
        if not found:
            return None
        model: list[int] = self.solver.get_model()
        return model
