"""How a map becomes an abstract argumentation framework (Dung 1995).

The arguments are the map's claims, first and in map order, then *helper* arguments that
stand for no claim but let Dung's plain attacks say what the map's relations say:

**Attacks.** ``a attacks b`` is the attack a -> b.

**Relations as arguments.** A relation that is linked (several sources) or undercut
becomes a helper argument ``<R>``, "the inference R", that must be in exactly when every
source is in and no undercut of R is in. Each source ``s`` gets a helper ``¬s`` attacked
by ``s`` alone (so ``¬s`` is in exactly when s is out, and undec with it), and ``¬s``
attacks ``<R>``. An attack chain of odd length (s -> ¬s -> <R> -> b) says what a direct
attack says: under every semantics here, the claims get the same labels as with s -> b
(the meta-argumentation encodings of Boella, Gabbay, van der Torre and Villata 2009,
"Meta-argumentation modelling I"). A relation with one source and no undercut needs no
helper: it is its source.

**Linked attacks.** ``a + c attacks b`` attacks b through ``<a + c attacks b>``: b is out
only when a and c are both in, as a joint attack of a set (Nielsen and Parsons 2006,
"A generalization of Dung's abstract framework for argumentation").

**Undercuts.** ``u undercuts (a -> b)`` attacks ``<a -> b>`` (an attack on the inference,
not on its conclusion, as in Modgil's 2009 extended frameworks "Reasoning about
preferences in argumentation frameworks"): an undercut attack no longer attacks b, and
an undercut support no longer passes on the attacks below. b is not attacked.

**Supports** (bipolar frameworks, Cayrol and Lagasquie-Schiex 2005, "On the acceptability
of arguments in bipolar argumentation frameworks", ECSQARU; 2013, "Bipolarity in
argumentation graphs: towards a better understanding", IJAR 54) add the derived attacks
of their Def. 3 (2013 names):

- *supported attack*: ``<P>`` supports x through a chain of supports, each after the first
  with x's predecessor as its only source, and x alone attacks (or undercuts) y: ``<P>``
  attacks y. A linked attack is left out: support for one of its sources does not make
  the joint attack.
- *secondary attack*: an attack ``<A>`` on x, and x supports y through a chain of supports
  (x one source among others or the only one): ``<A>`` attacks y, because y rests on x.

A derived attack holds only while no relation of its chain is undercut: when one is, the
attack comes from a helper argument ``<d>`` that is in exactly when the attacker is in and
no undercut of the chain is (attacked by ``¬attacker`` and by each undercut). Supports
create nothing else: a claim no one attacks is in whether or not anything supports it.
With ``supports=False`` they are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from argmap.model import ArgumentMap, Relation, RelationKind, target_key


class _Graph:
    """Arguments by name (each unique) and attacks between them, in the order made."""

    def __init__(self, claims: Iterable[str]) -> None:
        self.names = list(claims)
        self.taken = set(self.names)
        self.attacks: dict[tuple[int, int], None] = {}
        self._negations: dict[int, int] = {}

    def helper(self, name: str) -> int:
        unique, n = name, 1
        while unique in self.taken:
            n += 1
            unique = f"{name} #{n}"
        self.taken.add(unique)
        self.names.append(unique)
        return len(self.names) - 1

    def attack(self, attacker: int, attacked: int) -> None:
        self.attacks[(attacker, attacked)] = None

    def negation(self, argument: int) -> int:
        """``¬argument``: in exactly when ``argument`` is out."""
        if argument not in self._negations:
            self._negations[argument] = self.helper(f"¬{self.names[argument]}")
            self.attack(argument, self._negations[argument])
        return self._negations[argument]


def _key(relation: Relation) -> tuple[object, ...]:
    return (relation.kind.value, tuple(sorted(relation.sources)), target_key(relation.target))


def translate(
    argmap: ArgumentMap, *, supports: bool, check: Callable[[], None] | None = None
) -> tuple[tuple[str, ...], list[tuple[str, str]], int]:
    """The framework's argument names, its attacks by name, and how many of the first
    names are the map's claims. ``check`` is called now and then, to raise when the time
    is up: the derived attacks of long chains of supports can be many."""
    from argmap.analysis.semantics import EvaluationError

    claims = list(dict.fromkeys(claim.id for claim in argmap.claims))
    index = {name: i for i, name in enumerate(claims)}
    graph = _Graph(claims)
    relations = list({_key(r): r for r in reversed(argmap.relations)}.values())[::-1]

    for relation in relations:
        ends = [*relation.sources]
        if isinstance(relation.target, str):
            ends.append(relation.target)
        for name in ends:
            if name not in index:
                raise EvaluationError(
                    f"the relation '{relation.describe()}' names the unknown claim {name!r}; "
                    "check the map with argmap.validate (or argmap validate) first"
                )

    inferences: dict[tuple[object, ...], list[int]] = {}
    for r, relation in enumerate(relations):
        inferences.setdefault(target_key(relation.inference), []).append(r)
    undercutters: list[list[int]] = [[] for _ in relations]
    undercut: dict[int, list[int]] = {}
    for u, relation in enumerate(relations):
        if relation.kind is RelationKind.UNDERCUTS:
            found = inferences.get(target_key(relation.target), [])
            if not found:
                raise EvaluationError(
                    f"the relation '{relation.describe()}' undercuts an inference the map "
                    "does not have; check the map with argmap.validate first"
                )
            undercut[u] = found
            for r in found:
                undercutters[r].append(u)

    # Each relation's argument: its helper, or its single source.
    nodes = [
        graph.helper(f"<{relation.describe()}>")
        if len(relation.sources) > 1 or undercutters[r]
        else index[relation.sources[0]]
        for r, relation in enumerate(relations)
    ]
    for r, relation in enumerate(relations):
        if nodes[r] >= len(claims):
            for source in dict.fromkeys(relation.sources):
                graph.attack(graph.negation(index[source]), nodes[r])
            for u in undercutters[r]:
                graph.attack(nodes[u], nodes[r])

    def attacked_by(r: int) -> list[int]:
        relation = relations[r]
        if relation.kind is RelationKind.ATTACKS:
            assert isinstance(relation.target, str)
            return [index[relation.target]]
        return [nodes[each] for each in undercut.get(r, [])]

    for r, relation in enumerate(relations):
        if relation.kind is RelationKind.ATTACKS:
            graph.attack(nodes[r], index[str(relation.target)])
    if supports:
        _derived_attacks(
            graph, relations, index, nodes, undercutters, attacked_by, check or (lambda: None)
        )
    names = tuple(graph.names)
    return names, [(names[a], names[b]) for a, b in graph.attacks], len(claims)


def _derived_attacks(
    graph: _Graph,
    relations: list[Relation],
    index: dict[str, int],
    nodes: list[int],
    undercutters: list[list[int]],
    attacked_by: Callable[[int], list[int]],
    check: Callable[[], None],
) -> None:
    alone: dict[int, list[int]] = {}  # claim -> relations whose only source it is
    supported_by: dict[int, list[int]] = {}  # claim -> supports it is a source of
    for r, relation in enumerate(relations):
        if len(relation.sources) == 1:
            alone.setdefault(index[relation.sources[0]], []).append(r)
        if relation.kind is RelationKind.SUPPORTS:
            for source in dict.fromkeys(relation.sources):
                supported_by.setdefault(index[source], []).append(r)
    made: dict[tuple[int, int, frozenset[int]], int] = {}

    def derive(attacker: int, attacked: int, chain: frozenset[int]) -> None:
        if not chain:
            graph.attack(attacker, attacked)
            return
        key = (attacker, attacked, chain)
        if key not in made:
            name = f"<{graph.names[attacker]} attacks {graph.names[attacked]} unless undercut>"
            made[key] = helper = graph.helper(name)
            graph.attack(graph.negation(attacker), helper)
            for r in sorted(chain):
                for u in undercutters[r]:
                    graph.attack(nodes[u], helper)
            graph.attack(helper, attacked)

    def step(chain: frozenset[int], r: int) -> frozenset[int]:
        # Only an undercut relation can fail: the others need not be remembered.
        return chain | {r} if undercutters[r] else chain

    def claim_of(relation: Relation) -> int:
        return index[str(relation.target)]

    for p, support in enumerate(relations):  # supported attacks
        if support.kind is not RelationKind.SUPPORTS:
            continue
        start = (claim_of(support), frozenset[int]())
        seen, todo = {start}, [start]
        while todo:
            check()
            claim, chain = todo.pop()
            for r in alone.get(claim, []):
                relation = relations[r]
                if relation.kind is RelationKind.SUPPORTS:
                    state = (claim_of(relation), step(chain, r))
                    if state not in seen and (state[0], frozenset()) not in seen:
                        seen.add(state)
                        todo.append(state)
                else:
                    for attacked in attacked_by(r):
                        derive(nodes[p], attacked, step(chain, r))

    for a, attack in enumerate(relations):  # secondary attacks
        if attack.kind is not RelationKind.ATTACKS:
            continue
        start = (claim_of(attack), frozenset[int]())
        seen, todo = {start}, [start]
        while todo:
            check()
            claim, chain = todo.pop()
            for r in supported_by.get(claim, []):
                state = (claim_of(relations[r]), step(chain, r))
                derive(nodes[a], state[0], state[1])
                if state not in seen and (state[0], frozenset()) not in seen:
                    seen.add(state)
                    todo.append(state)
