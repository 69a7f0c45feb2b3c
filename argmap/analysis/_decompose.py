"""Complete, preferred and stable labellings one strongly connected component at a time.

Every semantics argmap computes is *SCC-recursive* (Baroni, Giacomin and Guida 2005,
"SCC-recursiveness: a general schema for argumentation semantics", Artificial
Intelligence 168): the label of an argument depends only on the labels of its attackers,
so the strongly connected components of the attack graph can be settled in topological
order, each given the labels already fixed upstream of it. For complete and stable
semantics this holds of any labelling, as their rules are local; for preferred semantics
it is the theorem of that paper (in the labelling form of Baroni, Boella, Cerutti,
Giacomin, van der Torre and Villata 2014, "On the input/output behavior of argumentation
frameworks", Artificial Intelligence 217): a labelling is preferred exactly when each
component's part of it is a complete labelling of that component, given its inputs, with
a maximal in set.

So the search below labels first what the grounded labelling decides (it holds in every
complete labelling), then walks the components of the rest in topological order: a single
argument's label follows from its attackers' at once, and a larger component is labelled
again with what its inputs decide, split anew when that breaks it up, and handed whole to
the exact solver (:mod:`argmap.analysis._sat` or :mod:`argmap.analysis._solver`) only when
it no longer splits. An argument attacked by an undecided one outside its component can
never be in; the solver sees that as an attack by a self-attacking helper argument (the
"standard framework" of the input/output paper). A framework made of many small
components, as those of maps and most benchmark generators are, is settled by many small
searches instead of one large one; one large component gains nothing, and loses little.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from argmap._graphs import strongly_connected
from argmap.analysis._solver import IN, OUT, UNDEC, Deadline

#: An exact search for the labellings of a whole framework, as
#: :func:`argmap.analysis._solver.search`.
Search = Callable[..., Iterator[list[int]]]

#: No label yet.
_OPEN = 0
#: How deep a component is split again before it goes to the solver whole (each split
#: makes the parts smaller, so this only bounds the nesting of generators).
_MOST_NESTED = 40


def search(
    attackers: Sequence[Sequence[int]],
    attacked: Sequence[Sequence[int]],
    *,
    stable: bool,
    maximal: bool,
    deadline: Deadline,
    solve: Search,
) -> Iterator[list[int]]:
    """Every complete labelling (``stable``: with no UNDEC; ``maximal``: the preferred
    ones), each once, with ``solve`` for the components that do not split.

    >>> from argmap.analysis._solver import search as backtracking
    >>> mutual, forever = [[1], [0]], Deadline(None, Exception)
    >>> found = search(mutual, mutual, stable=False, maximal=True, deadline=forever,
    ...     solve=backtracking)
    >>> sorted(found)
    [[1, 2], [2, 1]]
    """
    labels = [_OPEN] * len(attackers)
    walk = _Walk(attackers, attacked, stable, maximal, deadline, solve, labels)
    for _ in walk.part(list(range(len(attackers))), 0):
        yield list(labels)


class _Walk:
    def __init__(
        self,
        attackers: Sequence[Sequence[int]],
        attacked: Sequence[Sequence[int]],
        stable: bool,
        maximal: bool,
        deadline: Deadline,
        solve: Search,
        labels: list[int],
    ) -> None:
        self.attackers = attackers
        self.attacked = attacked
        self.stable = stable
        self.maximal = maximal
        self.deadline = deadline
        self.solve = solve
        self.labels = labels
        # What the solver said of a component given its inputs, for when those come again.
        self.solved: dict[tuple[tuple[int, ...], tuple[int, ...]], list[list[int]]] = {}

    def part(self, part: list[int], depth: int) -> Iterator[None]:
        """Label ``part`` (unlabelled, every attacker outside it labelled) in each way the
        semantics allows, one at a time; undo the labels when done."""
        decided = self._propagate(part)
        try:
            rest = [a for a in part if self.labels[a] == _OPEN]
            if not rest:
                yield
                return
            components = self._components(rest)
            if len(components) == 1 and (not decided or depth >= _MOST_NESTED):
                yield from self._solved(rest)
            else:
                yield from self._chain(components, depth + 1)
        finally:
            for a in decided:
                self.labels[a] = _OPEN

    def _chain(self, components: list[list[int]], depth: int) -> Iterator[None]:
        # Depth-first over the components in topological order, without recursion: the
        # k-th iterator labels component k, given the labels of those before it.
        stack = [self._one(components[0], depth)]
        while stack:
            self.deadline.check()
            if next(stack[-1], False) is False:
                stack.pop()
            elif len(stack) == len(components):
                yield
            else:
                stack.append(self._one(components[len(stack)], depth))

    def _one(self, component: list[int], depth: int) -> Iterator[bool]:
        if len(component) == 1:
            # Every attacker but itself is labelled: the label follows (one that attacks
            # itself is never in, and out only when another attacker is in).
            a = component[0]
            theirs = {self.labels[b] for b in self.attackers[a] if b != a}
            label = OUT if IN in theirs else UNDEC if UNDEC in theirs else IN
            if label == IN and a in self.attackers[a]:
                label = UNDEC
            if self.stable and label == UNDEC:
                return
            self.labels[a] = label
            yield True
            self.labels[a] = _OPEN
            return
        for _ in self.part(component, depth):
            yield True

    def _propagate(self, part: list[int]) -> list[int]:
        """Label in and out what the labels outside ``part`` decide in every complete
        labelling (the grounded labelling given those inputs): the arguments labelled."""
        labels, attackers, attacked = self.labels, self.attackers, self.attacked
        count: dict[int, int] = {}  # attackers not out, of each argument of the part
        forced: list[int] = []  # attacked by an argument in
        for a in part:
            left = 0
            for b in attackers[a]:
                label = labels[b]
                if label == IN:
                    forced.append(a)
                    break
                if label != OUT:
                    left += 1
            count[a] = left
        decided: list[int] = []
        ready: list[int] = []

        def out(b: int) -> None:  # b is labelled out: those it attacks count one less
            for c in attacked[b]:
                if c in count and labels[c] == _OPEN:
                    count[c] -= 1
                    if count[c] == 0:
                        labels[c] = IN
                        decided.append(c)
                        ready.append(c)

        for a in forced:
            labels[a] = OUT
        decided.extend(forced)
        for a in forced:
            out(a)
        for a in part:
            if labels[a] == _OPEN and count[a] == 0:
                labels[a] = IN
                decided.append(a)
                ready.append(a)
        while ready:
            self.deadline.check()
            for b in attacked[ready.pop()]:
                if b in count and labels[b] == _OPEN:
                    labels[b] = OUT
                    decided.append(b)
                    out(b)
        return decided

    def _components(self, part: list[int]) -> list[list[int]]:
        """The strongly connected components of the attacks within ``part``, attackers'
        components first."""
        index = {a: i for i, a in enumerate(part)}
        attacked = [[index[b] for b in self.attacked[a] if b in index] for a in part]
        found = strongly_connected(attacked, check=self.deadline.check)
        # Tarjan lists a component after every component it attacks.
        return [sorted(part[w] for w in component) for component in reversed(found)]

    def _solved(self, part: list[int]) -> Iterator[None]:
        """Each local labelling of ``part`` that the solver finds, given the labels of its
        attackers outside it."""
        members = {a: i for i, a in enumerate(part)}
        outside = sorted(
            {b for a in part for b in self.attackers[a] if b not in members},
        )
        key = (tuple(part), tuple(self.labels[b] for b in outside))
        known = self.solved.get(key)
        if known is None:
            # Kept as found, and for later only once complete (a search cut short by the
            # deadline ends the whole walk).
            found: list[list[int]] = []
            for local in self._solve(part, members):
                found.append(local)
                for a, label in zip(part, local, strict=False):
                    self.labels[a] = label
                yield
            self.solved[key] = found
        else:
            for local in known:
                for a, label in zip(part, local, strict=False):
                    self.labels[a] = label
                yield
        for a in part:
            self.labels[a] = _OPEN

    def _solve(self, part: list[int], members: dict[int, int]) -> Iterator[list[int]]:
        n = len(part)
        attackers: list[list[int]] = [[] for _ in range(n + 1)]
        attacked: list[list[int]] = [[] for _ in range(n + 1)]
        for i, a in enumerate(part):
            for b in self.attackers[a]:
                if b in members:
                    attackers[i].append(members[b])
                    attacked[members[b]].append(i)
                elif self.labels[b] == UNDEC and n not in attackers[i]:
                    # Never in: one self-attacking helper (index n) attacks it.
                    attackers[i].append(n)
                    attacked[n].append(i)
        if attacked[n]:
            attackers[n].append(n)
            attacked[n].append(n)
        else:  # no helper needed (always so under stable semantics: nothing is undec)
            del attackers[n], attacked[n]
        for local in self.solve(
            attackers,
            attacked,
            stable=self.stable,
            maximal=self.maximal,
            deadline=self.deadline,
        ):
            yield local[:n]
