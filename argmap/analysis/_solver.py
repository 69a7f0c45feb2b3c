"""Labellings of an abstract argumentation framework given as integers: argument ``i``
has the attackers ``attackers[i]`` and attacks ``attacked[i]``.

A labelling gives each argument IN, OUT or UNDEC (Caminada 2006). It is *complete* when
an argument is IN exactly when all its attackers are OUT, and OUT exactly when some
attacker is IN; complete labellings are Dung's (1995) complete extensions (the IN
arguments). The grounded labelling is the complete one with the fewest IN; preferred
ones have a maximal IN set; stable ones have no UNDEC.

:func:`grounded` is the linear-time algorithm with counters (each argument counts its
attackers not yet OUT; an argument whose count reaches 0 is IN), as in Nofal, Atkinson and
Dunne (2021), "Computing grounded extensions of abstract argumentation frameworks".
:func:`search` enumerates complete labellings exactly by backtracking over the arguments
the grounded labelling leaves UNDEC, with constraint propagation at each step (the
labelling-based algorithms of Modgil and Caminada 2009, "Proof theories and algorithms
for abstract argumentation frameworks").
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence

# Domains of the search are bit sets of these labels.
IN, OUT, UNDEC = 1, 2, 4
ANY = IN | OUT | UNDEC

#: How many search steps pass between two looks at the clock.
_CLOCK_EVERY = 512


class Deadline:
    """A point in time after which the work gives up, by raising what ``expired`` makes;
    ``started`` (time.monotonic) when the time began earlier than now."""

    def __init__(
        self,
        seconds: float | None,
        expired: Callable[[], Exception],
        *,
        started: float | None = None,
    ) -> None:
        begun = time.monotonic() if started is None else started
        self.at = None if seconds is None else begun + seconds
        self.expired = expired
        self._steps = 0

    def check(self, *, now: bool = False) -> None:
        """Raise the ``expired`` error when the time is up (the clock is read every
        ``_CLOCK_EVERY`` calls, or ``now``)."""
        self._steps += 1
        if (
            self.at is not None
            and (now or self._steps % _CLOCK_EVERY == 0)
            and time.monotonic() > self.at
        ):
            raise self.expired()

    def left(self) -> float | None:
        """Seconds left (None: no limit); raises the ``expired`` error when none are."""
        if self.at is None:
            return None
        left = self.at - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left


def grounded(attackers: Sequence[Sequence[int]], attacked: Sequence[Sequence[int]]) -> list[int]:
    """The grounded labelling, in time linear in arguments plus attacks.

    >>> grounded([[], [0], [1]], [[1], [2], []]) == [IN, OUT, IN]
    True
    """
    count = [len(each) for each in attackers]
    labels = [UNDEC] * len(attackers)
    ready = [a for a, n in enumerate(count) if n == 0]
    for a in ready:
        labels[a] = IN
    while ready:
        a = ready.pop()
        for b in attacked[a]:
            if labels[b] != UNDEC:
                continue
            labels[b] = OUT
            for c in attacked[b]:
                count[c] -= 1
                if count[c] == 0 and labels[c] == UNDEC:
                    labels[c] = IN
                    ready.append(c)
    return labels


def search(
    attackers: Sequence[Sequence[int]],
    attacked: Sequence[Sequence[int]],
    *,
    stable: bool,
    maximal: bool,
    deadline: Deadline,
) -> Iterator[list[int]]:
    """Every complete labelling (``stable``: with no UNDEC; ``maximal``: with a maximal IN
    set, i.e. the preferred ones), each once, as lists of IN/OUT/UNDEC.

    >>> mutual, forever = [[1], [0]], Deadline(None, Exception)
    >>> sorted(search(mutual, mutual, stable=False, maximal=True, deadline=forever))
    [[1, 2], [2, 1]]
    """
    start = grounded(attackers, attacked)
    domains = [label if label != UNDEC else (IN | OUT if stable else ANY) for label in start]
    found: list[frozenset[int]] = []
    # Depth-first, IN tried first: with ``maximal`` the larger IN sets come early, and a
    # branch whose possible IN arguments all lie in one found extension is cut.
    stack: list[tuple[list[int], Sequence[int]]] = [(domains, range(len(domains)))]
    while stack:
        deadline.check()
        current, narrowed = stack.pop()
        if not _propagate(current, attackers, attacked, narrowed, deadline):
            continue
        if maximal:
            possible = {a for a, d in enumerate(current) if d & IN}
            if any(possible <= each for each in found):
                continue
        open_ = next((a for a, d in enumerate(current) if d not in (IN, OUT, UNDEC)), None)
        if open_ is None:
            if maximal:
                extension = frozenset(a for a, d in enumerate(current) if d == IN)
                found = [each for each in found if not each < extension]
                found.append(extension)
            else:
                yield current
            continue
        # Pushed in reverse, so that IN is tried first.
        for label in (UNDEC, OUT, IN):
            if current[open_] & label:
                branch = list(current)
                branch[open_] = label
                # Its own rule and the rules of those it attacks are to be checked.
                stack.append((branch, (open_, *attacked[open_])))
    if maximal:
        for extension in found:
            yield _labels_of(extension, attackers, attacked)


def _labels_of(
    extension: frozenset[int],
    attackers: Sequence[Sequence[int]],
    attacked: Sequence[Sequence[int]],
) -> list[int]:
    labels = [IN if a in extension else UNDEC for a in range(len(attackers))]
    for a in extension:
        for b in attacked[a]:
            labels[b] = OUT
    return labels


def _propagate(
    domains: list[int],
    attackers: Sequence[Sequence[int]],
    attacked: Sequence[Sequence[int]],
    narrowed: Sequence[int],
    deadline: Deadline,
) -> bool:
    """Narrow ``domains`` (in place) by each argument's rule, its label as a function of
    its attackers' labels, until nothing changes; False when some domain empties."""
    queue = list(narrowed)
    queued = [False] * len(domains)
    for a in queue:
        queued[a] = True
    while queue:
        deadline.check()
        a = queue.pop()
        queued[a] = False
        changed = _revise(a, domains, attackers[a])
        if changed is None:
            return False
        for x in changed:
            for y in (x, *attacked[x]):
                if not queued[y]:
                    queued[y] = True
                    queue.append(y)
    return True


def _revise(a: int, domains: list[int], attackers: Sequence[int]) -> list[int] | None:
    """Narrow the domains of ``a`` and its attackers by ``a``'s rule: IN iff every attacker
    is OUT, OUT iff some attacker is IN. The arguments narrowed, or None on a conflict."""
    some_can_be_in = some_can_be_undec = False
    all_can_be_out = all_can_be_non_in = True
    for b in attackers:
        d = domains[b]
        some_can_be_in |= bool(d & IN)
        some_can_be_undec |= bool(d & UNDEC)
        all_can_be_out &= bool(d & OUT)
        all_can_be_non_in &= bool(d & (OUT | UNDEC))
    possible = 0
    if all_can_be_out:
        possible |= IN
    if some_can_be_in:
        possible |= OUT
    if all_can_be_non_in and some_can_be_undec:
        possible |= UNDEC
    old = domains[a]
    new = old & possible
    if not new:
        return None
    changed = [a] if new != old else []
    domains[a] = new
    if new == IN:  # every attacker OUT
        for b in attackers:
            if domains[b] != OUT:
                domains[b] &= OUT
                if not domains[b]:
                    return None
                changed.append(b)
    elif not new & OUT:  # no attacker IN
        for b in attackers:
            if domains[b] & IN:
                domains[b] &= ~IN
                if not domains[b]:
                    return None
                changed.append(b)
    if new == OUT:  # some attacker IN: forced when only one can be
        candidates = [b for b in attackers if domains[b] & IN]
        if len(candidates) == 1 and domains[candidates[0]] != IN:
            domains[candidates[0]] &= IN
            if not domains[candidates[0]]:
                return None
            changed.append(candidates[0])
    if not new & IN:  # not every attacker OUT: forced when only one can be other
        candidates = [b for b in attackers if domains[b] != OUT]
        if len(candidates) == 1 and domains[candidates[0]] & OUT:
            domains[candidates[0]] &= ~OUT
            if not domains[candidates[0]]:
                return None
            changed.append(candidates[0])
    return changed
