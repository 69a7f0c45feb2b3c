r"""Gradual strength: how strongly each claim stands once its supporters and attackers count.

Each claim starts from a *base score* in [0, 1] (0.5 unless told otherwise) and ends
with a *strength* in [0, 1] computed by a bipolar gradual semantics from the strengths
of what supports and attacks it. Two semantics are implemented. On the maps the papers
cover (each relation has one source, no undercuts) each is exactly the published one;
linked premises and undercuts, below, are argmap's own extension of both.

``df-quad``
    DF-QuAD: A. Rago, F. Toni, M. Aurisicchio, P. Baroni, "Discontinuity-Free Decision
    Support with Quantitative Argumentation Debates", KR 2016, pp. 63-73, defined there
    for QuAD frameworks (trees of answers, pros and cons); A. Rago, K. Čyras, F. Toni,
    "Adapting the DF-QuAD Algorithm to Bipolar Argumentation", COMMA 2016 workshops
    (CEUR-WS vol. 1672, paper 3) apply the same two functions to bipolar argumentation
    frameworks. The strengths v1 ... vn of a claim's attackers (and, separately, of its
    supporters) are aggregated by the probabilistic sum

        F(v1, ..., vn) = 1 - (1 - v1)(1 - v2)...(1 - vn),    F() = 0,

    and the base score v0 is combined with va = F(attackers), vs = F(supporters) by

        c(v0, va, vs) = v0 - v0 * (va - vs)          if va >= vs,
        c(v0, va, vs) = v0 + (1 - v0) * (vs - va)    if va <  vs.

``quadratic-energy``
    The quadratic energy model: N. Potyka, "Continuous Dynamical Systems for Weighted
    Bipolar Argumentation", KR 2018, pp. 148-157. The aggregate is the *energy*

        E = sum of the supporters' strengths - sum of the attackers' strengths,

    and its influence on the base score w is

        f(w, E) = w - w * h(-E) + (1 - w) * h(E),    h(x) = max(x, 0)² / (1 + max(x, 0)²).

Both are *modular* semantics in the sense of T. Mossakowski, F. Neuhaus, "Modular
Semantics and Characteristics for Bipolar Weighted Argumentation Graphs" (2018): an
aggregation (F, or the energy) followed by an influence on the base score (c, or f).
Both satisfy, on acyclic maps, the principles the tests check as properties: a claim
nothing bears on keeps its base score; attackers and supporters that balance leave it
there (*balance*: P. Baroni, A. Rago, F. Toni, "From fine-grained properties to broad
principles for gradual argumentation", IJAR 2019); an attacker or supporter of strength
0 changes nothing (*neutrality*: L. Amgoud, J. Ben-Naim, "Evaluation of arguments in
weighted bipolar graphs", IJAR 2018); a new or stronger attacker never raises a strength
and a new or stronger supporter never lowers one (*monotonicity*, Baroni et al.); a
claim's strength depends only on what bears on it (*directionality*, Amgoud and
Ben-Naim).

What counts as a supporter or an attacker of a claim
----------------------------------------------------
Every ``supports`` (``attacks``) relation whose target is the claim is one supporter
(attacker). Its strength is:

* **linked premises**: a relation with several sources is *one* supporter or attacker,
  since its premises bear on the target only together. Its strength is the minimum of
  its premises' strengths (``linked="minimum"``, the default: an argument is as strong as
  its weakest premise, Pollock's *weakest link* principle), or their product
  (``linked="product"``: the premises as independent conditions that must all hold).
  A relation with one source has that source's strength either way.
* **undercuts**: an ``undercuts`` relation attacks the inference of the relation it
  targets, not a claim; it has no strength of its own as a claim, and does not take part
  in any claim's aggregation. It weakens the inference instead: a relation undercut by
  u1 ... uk counts with strength

        strength(relation) = premises(relation) * (1 - u1) * (1 - u2) ... (1 - uk)

  where each ui is the undercut's own strength, computed the same way (its premises'
  strength, itself weakened by any undercut of the undercut). A fully undercut
  inference (ui = 1) no longer counts; with several undercuts, (1 - u1)...(1 - uk) is
  1 - F(u1, ..., uk), DF-QuAD's aggregation of the undercutters.

Acyclic and cyclic maps
-----------------------
On an acyclic map every claim's strength is computed once, after the claims it depends
on, in topological order: exact, in time linear in the size of the map (the papers'
forward computation). Where claims depend on one another in a cycle (a support cycle, a
mutual attack, an undercut whose premise its inference supports), the strengths of each
strongly connected group of claims are the limit of Potyka's (2018) continuous dynamical
system

    ds/dt = f(s) - s,     s(0) = the base scores,

(for DF-QuAD, f is the DF-QuAD update: Potyka's *continuous DF-QuAD*; its fixed points
are exactly the solutions of the DF-QuAD equations). The discrete iteration
s(t + 1) = f(s(t)) is not used: it can swing for ever where the continuous system
settles (a mutual attack between two claims of base score 1 under DF-QuAD alternates
between both at 1 and both at 0; the continuous system settles at 0.5 each). The system
is integrated with the classic fourth-order Runge-Kutta method (RK4), as Potyka does, and
a fixed step (``step``, default 0.5; any step in (0, 1] keeps every strength in [0, 1])
until the largest |f(s) - s| is at most ``tolerance`` (default 1e-9): a fixed point to
that tolerance, where Potyka's tools stop once two successive steps differ by less than
their epsilon (so their printed strengths can be 1e-3 away from the fixed point). Claims
outside cycles are still computed once, exactly; each cyclic group is integrated with
what it depends on already final.

The continuous system need not converge either: Potyka (2018) proves convergence on
acyclic graphs, and for cyclic ones reports it from experiments with no guarantee (as
his "A Tutorial for Weighted Bipolar Argumentation with Continuous Dynamical Systems and
the Java Library Attractor", arXiv 1811.12787, says); a cycle with
strong enough negative feedback (five groups of four claims, each claim attacking every
claim of the next group, under quadratic energy) has a stable oscillation instead of a
fixed point it reaches. When a group has not settled within ``max_steps`` steps
(default 10,000), :func:`strength` raises :class:`StrengthNotConverged`, naming a cycle
of the group and saying whether the strengths were still approaching a fixed point (more
steps would help) or keep swinging (they would not): a strength that has not settled is
never returned as if it had.

Base scores and the map's ``weight:``
-------------------------------------
The base score of a claim is ``base[claim_id]`` when given, else the claim's
``weight`` (``weight:`` in the map file) when it has one, else ``default`` (0.5): so
``strength(m)`` uses the map's weights and ``strength(m, base={...})`` can try others.

>>> from argmap.model import ArgumentMap, Claim, Relation
>>> m = ArgumentMap(
...     claims=[Claim(id="t", text="T", kind="thesis"), Claim(id="p", text="P"),
...             Claim(id="o", text="O", kind="objection")],
...     relations=[Relation(sources="p", target="t"),
...                Relation(sources="o", target="t", kind="attacks")],
... )
>>> strength(m, base={"o": 0.2})
{'t': 0.65, 'p': 0.5, 'o': 0.2}
>>> round(strength(m, "quadratic-energy", base={"o": 0.2})["t"], 6)
0.541284
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Mapping, Sequence

import attrs

from argmap._graphs import strongly_connected
from argmap.errors import ArgmapError, Severity, ValidationError
from argmap.model import ArgumentMap, Inference, RelationKind, Target, target_key
from argmap.validation import nearest, require_map, shown_name, unknown, validate

__all__ = [
    "LINKED",
    "SEMANTICS",
    "StrengthError",
    "StrengthNotConverged",
    "df_quad",
    "quadratic_energy",
    "strength",
]

#: The gradual semantics :func:`strength` knows, by name.
SEMANTICS = ("df-quad", "quadratic-energy")
#: How the premises of a linked relation combine into the relation's strength.
LINKED = ("minimum", "product")


class StrengthError(ArgmapError):
    """A strength that cannot be computed as asked: an unknown semantics, a bad base score."""


class StrengthNotConverged(StrengthError):
    """The strengths of claims that depend on each other in a cycle did not settle.

    ``cycle`` is one cycle of the group, in the direction the relations point, its first
    claim repeated at the end (``("a", "b", "a")``); ``claims`` is the whole group (the
    claims that depend on each other); ``change`` is the largest |f(s) - s| left after
    ``steps`` steps. ``oscillating`` tells why: false when the strengths were still
    approaching a fixed point (more steps, or a larger tolerance, would let them settle),
    true when they keep swinging as much in the last quarter of the steps as in the
    quarter before it (a limit cycle: more steps would not help).
    """

    def __init__(
        self,
        semantics: str,
        cycle: Sequence[str],
        claims: Sequence[str],
        steps: int,
        change: float,
        *,
        oscillating: bool = False,
    ) -> None:
        self.semantics = semantics
        self.cycle = tuple(cycle)
        self.claims = tuple(claims)
        self.steps = steps
        self.change = change
        self.oscillating = oscillating
        among = (
            f" (one of {len(self.claims):,} claims that depend on each other)"
            if len(self.claims) > len(self.cycle) - 1
            else ""
        )
        plural = "step" if steps == 1 else "steps"
        where = (
            f"{semantics} strength did not settle within {steps:,} {plural} on the cycle "
            f"{' -> '.join(self.cycle)}{among}"
        )
        if oscillating:
            advice = (
                f"the strengths keep swinging by up to {change:.3g} instead of settling, so "
                f"more steps would not help; break the cycle"
            )
        else:
            advice = (
                f"the strengths still change by up to {change:.3g}; allow more steps "
                f"(max_steps), a larger tolerance, or break the cycle"
            )
        super().__init__(f"{where}: {advice}")


def strength(
    argmap: ArgumentMap,
    semantics: str = "df-quad",
    base: Mapping[str, float] | None = None,
    *,
    default: float = 0.5,
    linked: str = "minimum",
    step: float = 0.5,
    tolerance: float = 1e-9,
    max_steps: int = 10_000,
) -> dict[str, float]:
    """Each claim's strength in [0, 1], by claim id in map order.

    ``semantics`` is ``"df-quad"`` or ``"quadratic-energy"`` (see the module's docstring
    for the formulas and their sources); ``base`` maps claim ids to base scores in
    [0, 1], overriding ``default`` for those claims. ``linked`` says how the premises of
    a linked relation combine (``"minimum"`` or ``"product"``). ``step``, ``tolerance``
    and ``max_steps`` govern the integration on cyclic maps only; an acyclic map is
    computed exactly.

    Raises :class:`~argmap.errors.ValidationError` for a map with errors,
    :class:`StrengthError` for an unknown semantics or a bad base score, and
    :class:`StrengthNotConverged` when a cycle has not settled within ``max_steps`` (its
    ``oscillating`` says whether more steps would help).

    >>> from argmap.model import ArgumentMap, Claim, Relation
    >>> a, b = Claim(id="a", text="A"), Claim(id="b", text="B")
    >>> mutual = ArgumentMap(claims=[a, b], relations=[
    ...     Relation(sources="a", target="b", kind="attacks"),
    ...     Relation(sources="b", target="a", kind="attacks")])
    >>> {k: round(v, 6) for k, v in strength(mutual, base={"a": 1.0, "b": 1.0}).items()}
    {'a': 0.5, 'b': 0.5}
    """
    require_map(argmap, "strength")
    update = _semantics(semantics)
    combine = _linked(linked)
    _integration(step, tolerance, max_steps)
    problems = validate(argmap, severity=Severity.ERROR)
    if problems:
        raise ValidationError(problems)
    network = _Network.of(argmap, _base_scores(argmap, base, default), update, combine)
    values = network.solve(semantics, step=step, tolerance=tolerance, max_steps=max_steps)
    return dict(zip(network.ids, values, strict=True))


# --- the semantics -----------------------------------------------------------------------

#: An update: a claim's base score and its attackers' and supporters' strengths -> strength.
_Update = Callable[[float, list[float], list[float]], float]
_Combine = Callable[[list[float]], float]


def _probabilistic_sum(values: list[float]) -> float:
    # F(v1, ..., vn) = 1 - prod(1 - vi); F() = 0.
    rest = 1.0
    for value in values:
        rest *= 1.0 - value
    return 1.0 - rest


def df_quad(base: float, attackers: list[float], supporters: list[float]) -> float:
    """DF-QuAD's strength of a claim (Rago et al. 2016): c(v0, F(attackers), F(supporters)).

    ``base`` is v0; F is the probabilistic sum and c the combination function of the
    module's docstring. This is one step of the semantics: the strength of a claim whose
    attackers and supporters have the strengths given.

    >>> df_quad(0.5, [0.5], [0.5, 0.5])    # va = 0.5, vs = 0.75: 0.5 + 0.5 * 0.25
    0.625
    """
    va = _probabilistic_sum(attackers)
    vs = _probabilistic_sum(supporters)
    if va >= vs:
        return base - base * (va - vs)
    return base + (1.0 - base) * (vs - va)


def _h(x: float) -> float:
    squared = max(x, 0.0) ** 2
    return squared / (1.0 + squared)


def quadratic_energy(base: float, attackers: list[float], supporters: list[float]) -> float:
    """The quadratic energy model's strength of a claim (Potyka 2018): f(w, E).

    ``base`` is w and E the sum of the supporters' strengths less the attackers'; f is
    the influence function of the module's docstring (Potyka's quadratic influence with
    h(x) = max(x, 0)² / (1 + max(x, 0)²)).

    >>> round(quadratic_energy(0.5, [], [1.0]), 6)    # E = 1, h(1) = 1/2: 0.5 + 0.5 * 0.5
    0.75
    """
    energy = sum(supporters) - sum(attackers)
    return base - base * _h(-energy) + (1.0 - base) * _h(energy)


_UPDATES: dict[str, _Update] = {"df-quad": df_quad, "quadratic-energy": quadratic_energy}


def _minimum(values: list[float]) -> float:
    return min(values)


def _product(values: list[float]) -> float:
    return math.prod(values)


_COMBINES: dict[str, _Combine] = {"minimum": _minimum, "product": _product}


def _semantics(name: object) -> _Update:
    if not isinstance(name, str):
        raise TypeError(f"semantics must be a str; got {type(name).__name__}")
    if name not in _UPDATES:
        raise StrengthError(_choice("semantics", name, SEMANTICS))
    return _UPDATES[name]


def _linked(name: object) -> _Combine:
    if not isinstance(name, str):
        raise TypeError(f"linked must be a str; got {type(name).__name__}")
    if name not in _COMBINES:
        raise StrengthError(_choice("way to combine linked premises", name, LINKED))
    return _COMBINES[name]


def _choice(what: str, name: str, known: Sequence[str]) -> str:
    # A likely typo gets its correction; anything else, the list of choices.
    close = nearest(name, known, n=1, close_only=True)
    if close:
        return f"unknown {what} {shown_name(name)}; did you mean {close[0]!r}?"
    return f"unknown {what} {shown_name(name)} (one of: {', '.join(known)})"


def _integration(step: float, tolerance: float, max_steps: int) -> None:
    if not isinstance(step, int | float) or isinstance(step, bool) or not 0 < step <= 1:
        raise StrengthError(f"the integration step must be in (0, 1]; got {step!r}")
    if not isinstance(tolerance, int | float) or isinstance(tolerance, bool) or not tolerance > 0:
        raise StrengthError(f"the tolerance must be a positive number; got {tolerance!r}")
    if not isinstance(max_steps, int) or isinstance(max_steps, bool) or max_steps < 1:
        raise StrengthError(f"max_steps must be a whole number of at least 1; got {max_steps!r}")


def _score(what: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number; got {value!r} ({type(value).__name__})")
    if not 0.0 <= value <= 1.0:  # also refuses NaN
        raise StrengthError(f"{what} must be between 0 and 1; got {value!r}")
    return float(value)


def _base_scores(
    argmap: ArgumentMap, base: Mapping[str, float] | None, default: float
) -> list[float]:
    # The one place base scores are decided: `base` over the claim's `weight:` over the
    # default. The model has checked each weight is in [0, 1].
    fallback = _score("the default base score", default)
    scores = {
        claim.id: fallback if claim.weight is None else claim.weight for claim in argmap.claims
    }
    if base is None:
        return list(scores.values())
    if not isinstance(base, Mapping):
        raise TypeError(
            f"base must be a mapping of claim ids to scores; got {type(base).__name__}"
        )
    for claim_id, value in base.items():
        if not isinstance(claim_id, str) or claim_id not in scores:
            raise StrengthError(f"base score for an {unknown('claim', str(claim_id), scores)}")
        scores[claim_id] = _score(f"the base score of {claim_id!r}", value)
    return list(scores.values())


# --- the network --------------------------------------------------------------------------


@attrs.define
class _Relation:
    sign: int  # +1 supports, -1 attacks, 0 undercuts (weakens a relation, no claim)
    sources: tuple[int, ...]
    undercutters: list[int] = attrs.Factory(list)


_SIGNS = {RelationKind.SUPPORTS: 1, RelationKind.ATTACKS: -1, RelationKind.UNDERCUTS: 0}


def _root(target: Target) -> str:
    while isinstance(target, Inference):
        target = target.target
    return target


@attrs.define
class _Network:
    """The map as indices: claims, relations, and for each claim what it depends on."""

    ids: list[str]
    base: list[float]
    relations: list[_Relation]
    #: For each claim, the relations bearing on it (undercuts included), each after the
    #: undercuts that weaken it: the order in which their strengths are computed.
    trees: list[list[int]]
    #: For each claim, the claims its strength depends on (without repeats).
    depends: list[list[int]]
    update: _Update
    combine: _Combine

    @classmethod
    def of(
        cls, argmap: ArgumentMap, base: list[float], update: _Update, combine: _Combine
    ) -> _Network:
        ids = [claim.id for claim in argmap.claims]
        index = {claim_id: i for i, claim_id in enumerate(ids)}
        relations: list[_Relation] = []
        direct: list[list[int]] = [[] for _ in ids]
        for relation in argmap.relations:
            sign = _SIGNS[relation.kind]
            if sign:
                direct[index[_root(relation.target)]].append(len(relations))
            relations.append(_Relation(sign, tuple(index[s] for s in relation.sources)))
        # Only undercuts need relations found by their inference; most maps have none.
        undercuts = [
            (number, relation.target)
            for number, relation in enumerate(argmap.relations)
            if isinstance(relation.target, Inference)
        ]
        if undercuts:
            by_inference: dict[tuple[object, ...], list[int]] = {}
            for number, relation in enumerate(argmap.relations):
                key = ((1, tuple(sorted(relation.sources))), *target_key(relation.target))
                by_inference.setdefault(key, []).append(number)
            for undercut, inference in undercuts:
                for weakened in by_inference.get(target_key(inference), ()):
                    relations[weakened].undercutters.append(undercut)
        trees: list[list[int]] = []
        depends: list[list[int]] = []
        for roots in direct:
            # Breadth first from the relations on the claim to their undercuts, theirs,
            # ...; reversed, each undercut comes before what it undercuts.
            seen = set(roots)
            order = list(roots)
            for number in order:
                for undercut in relations[number].undercutters:
                    if undercut not in seen:
                        seen.add(undercut)
                        order.append(undercut)
            order.reverse()
            trees.append(order)
            needed = dict.fromkeys(s for number in order for s in relations[number].sources)
            depends.append(list(needed))
        return cls(ids, base, relations, trees, depends, update, combine)

    def evaluate(self, claim: int, strengths: list[float], scratch: list[float]) -> float:
        """The claim's updated strength given everyone's current ``strengths``."""
        attackers: list[float] = []
        supporters: list[float] = []
        for number in self.trees[claim]:
            relation = self.relations[number]
            value = self.combine([strengths[s] for s in relation.sources])
            for undercut in relation.undercutters:
                value *= 1.0 - scratch[undercut]
            scratch[number] = value
            if relation.sign > 0:
                supporters.append(value)
            elif relation.sign < 0:
                attackers.append(value)
        return self.update(self.base[claim], attackers, supporters)

    def solve(
        self,
        semantics: str,
        *,
        step: float,
        tolerance: float,
        max_steps: int,
        everything_at_once: bool = False,
    ) -> list[float]:
        """Every claim's strength: exact where acyclic, integrated on each cycle.

        ``everything_at_once`` integrates the whole map as one system, cycles or not
        (what the tests compare the exact computation with).
        """
        strengths = list(self.base)
        scratch = [0.0] * len(self.relations)
        groups = [list(range(len(self.ids)))] if everything_at_once else self.components()
        for group in groups:
            if len(group) == 1 and group[0] not in self.depends[group[0]]:
                claim = group[0]
                strengths[claim] = _clamp(self.evaluate(claim, strengths, scratch))
            else:
                self.integrate(group, strengths, scratch, semantics, step, tolerance, max_steps)
        return strengths

    def integrate(
        self,
        group: list[int],
        strengths: list[float],
        scratch: list[float],
        semantics: str,
        step: float,
        tolerance: float,
        max_steps: int,
    ) -> None:
        """RK4 on ds/dt = f(s) - s for the claims of ``group``, the others held fixed."""

        def slope(point: list[float]) -> list[float]:
            for claim, value in zip(group, point, strict=True):
                strengths[claim] = value
            updated = [self.evaluate(claim, strengths, scratch) for claim in group]
            return [new - old for new, old in zip(updated, point, strict=True)]

        def ahead(point: list[float], direction: list[float], by: float) -> list[float]:
            return [p + by * d for p, d in zip(point, direction, strict=True)]

        point = [strengths[claim] for claim in group]
        change = math.inf
        changes: list[float] = []
        for _ in range(max_steps):
            k1 = slope(point)
            change = max(abs(k) for k in k1)
            if change <= tolerance:
                break
            changes.append(change)
            k2 = slope(ahead(point, k1, step / 2))
            k3 = slope(ahead(point, k2, step / 2))
            k4 = slope(ahead(point, k3, step))
            point = [
                _clamp(p + step / 6 * (a + 2 * b + 2 * c + d))
                for p, a, b, c, d in zip(point, k1, k2, k3, k4, strict=True)
            ]
        else:
            change = max(abs(k) for k in slope(point))
            if change > tolerance:
                members = [self.ids[claim] for claim in sorted(group)]
                raise StrengthNotConverged(
                    semantics,
                    self.cycle(group),
                    members,
                    max_steps,
                    change,
                    oscillating=_oscillating([*changes, change]),
                )
        for claim, value in zip(group, point, strict=True):
            strengths[claim] = value

    def components(self) -> list[list[int]]:
        """Strongly connected groups of claims, each after every group it depends on."""
        return strongly_connected(self.depends)

    def cycle(self, group: list[int]) -> list[str]:
        """A shortest cycle through the group's first claim (in map order), as ids."""
        start = min(group)
        members = set(group)
        parent: dict[int, int] = {}
        queue = deque([start])
        while queue:
            claim = queue.popleft()
            for other in self.depends[claim]:
                if other not in members or other in parent:
                    continue
                parent[other] = claim
                if other == start:
                    queue.clear()
                    break
                queue.append(other)
        # `start` depends on ... depends on `start`; the relations point the other way.
        path = [start]
        claim = parent.get(start, start)
        while claim != start:
            path.append(claim)
            claim = parent[claim]
        path.append(start)
        return [self.ids[claim] for claim in path]


def _oscillating(changes: list[float]) -> bool:
    """Whether the largest |f(s) - s| of each step, ``changes``, has stopped shrinking.

    Approaching a fixed point, the change shrinks (near it, geometrically), so its
    largest value over the last quarter of the steps is below that over the quarter
    before. Swinging round a limit cycle, both quarters see the same swings. Less than a
    tenth smaller counts as not shrinking; too few steps to tell count as approaching.
    """
    count = len(changes)
    if count < 8:
        return False
    before = max(changes[count // 2 : 3 * count // 4])
    last = max(changes[3 * count // 4 :])
    return last >= 0.9 * before


def _clamp(value: float) -> float:
    # Rounding can leave a strength a hair outside [0, 1]; the formulas never do.
    return min(1.0, max(0.0, value))
