"""Extension semantics: which claims of a map stand, given what attacks them.

The map is read as an abstract argumentation framework (Dung 1995, "On the acceptability
of arguments and its fundamental role in nonmonotonic reasoning, logic programming and
n-person games", Artificial Intelligence 77): its arguments are the claims, and who
attacks whom comes from the relations (see :func:`framework` for how attacks, linked
attacks, undercuts and supports become attacks). Each semantics answers with labellings
(Caminada 2006, "On the issue of reinstatement in argumentation"): every claim ``in``
(accepted), ``out`` (rejected: an accepted claim attacks it) or ``undec`` (undecided).

- **grounded** (Dung 1995, Def. 20): the least complete extension, the sceptical answer;
  always exactly one labelling, computed in linear time.
- **complete** (Dung 1995, Def. 23): every labelling where a claim is in exactly when all
  its attackers are out, and out exactly when some attacker is in.
- **preferred** (Dung 1995, Def. 7): the complete labellings whose in set is maximal.
- **stable** (Dung 1995, Def. 12): the complete labellings with nothing undecided (there
  may be none: an odd cycle of attacks has no stable labelling).

Several labellings come sorted: by the first argument's label (in, out, undec), then by
the second's, and so on, whichever solver found them.

Complete, preferred and stable labellings are searched one strongly connected component
at a time, in the order of the attacks between them (every one of these semantics is
SCC-recursive: Baroni, Giacomin and Guida 2005; see :mod:`argmap.analysis._decompose`),
each component that does not split further by an exact solver: a SAT solver when the
``sat`` extra is installed (:mod:`argmap.analysis._sat`), backtracking otherwise. Their
number can be exponential (n mutual attacks have 2**n preferred labellings), and so can
the time to settle one tangled component of a thousand arguments: after ``timeout``
seconds :class:`EvaluationTimeout` says so, with how many labellings it had found.

>>> from argmap.model import ArgumentMap, Claim, Relation
>>> chain = ArgumentMap(
...     claims=[Claim(id=name, text=name.upper()) for name in "abc"],
...     relations=[Relation(sources="a", target="b", kind="attacks"),
...                Relation(sources="b", target="c", kind="attacks")])
>>> evaluate(chain)
[Labelling({'a': 'in', 'b': 'out', 'c': 'in'})]
>>> evaluate(chain.evolve(relations=[Relation(sources="a", target="b", kind="attacks"),
...     Relation(sources="b", target="a", kind="attacks")]), "preferred")
[Labelling({'a': 'in', 'b': 'out', 'c': 'in'}), Labelling({'a': 'out', 'b': 'in', 'c': 'in'})]
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal, get_args

import attrs

from argmap.analysis import _decompose, _solver
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap

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

#: A claim's status under a labelling.
Label = Literal["in", "out", "undec"]
#: The extension semantics argmap computes.
SemanticsName = Literal["grounded", "complete", "preferred", "stable"]
#: Their names, in the order help lists them.
SEMANTICS: tuple[str, ...] = get_args(SemanticsName)
#: How :func:`complete`, :func:`preferred` and :func:`stable` search: ``"sat"`` through
#: python-sat (``pip install 'argmap[sat]'``), ``"backtracking"`` in pure Python,
#: ``"auto"`` the first that is available. Both are exact; SAT is the one that scales.
Solver = Literal["auto", "sat", "backtracking"]
#: Seconds :func:`complete`, :func:`preferred` and :func:`stable` work before giving up.
DEFAULT_TIMEOUT = 10.0

_LABELS: dict[int, Label] = {_solver.IN: "in", _solver.OUT: "out", _solver.UNDEC: "undec"}
_CODES: dict[Label, int] = {label: code for code, label in _LABELS.items()}


class EvaluationError(ArgmapError):
    """A map or framework that cannot be evaluated (a relation naming an unknown claim)."""


class EvaluationTimeout(EvaluationError):
    """The search for labellings took longer than its time limit. ``found`` counts the
    labellings it had found by then: each a true one, in a list left unfinished."""

    def __init__(
        self,
        semantics: str,
        seconds: float,
        arguments: int,
        attacks: int,
        *,
        found: int = 0,
        sat_installed: bool = True,
        relations: int | None = None,
    ) -> None:
        self.semantics = semantics
        self.seconds = seconds
        self.found = found
        if relations is None:
            subject = f"on a framework of {arguments} arguments and {attacks} attacks"
        else:  # the time ran out while the map was becoming a framework
            subject = (
                f"while reading a map of {arguments} claims and {relations} relations as a "
                "framework (each chain of supports makes attacks; supports=False, or "
                "--no-supports, leaves them out)"
            )
        so_far = (
            f", after finding {found} labelling{'s' if found != 1 else ''} (there may be more)"
            if found
            else ""
        )
        faster = (
            ""
            if sat_installed
            else "; installing the SAT solver (pip install 'argmap[sat]') makes large "
            "frameworks much faster"
        )
        super().__init__(
            f"{semantics} semantics gave up after {seconds:g} s {subject}{so_far}; grounded "
            "semantics always answers at once, or allow more time (timeout=, or --timeout on "
            f"the command line){faster}"
        )


class Labelling(Mapping[str, Label]):
    """Each argument's label: ``"in"``, ``"out"`` or ``"undec"``, in framework order.

    >>> labelling = Labelling({"a": "in", "b": "out", "c": "undec"})
    >>> labelling["b"], sorted(labelling.accepted), labelling == dict(labelling)
    ('out', ['a'], True)
    """

    # A byte a label, and the arguments' positions shared by every labelling of one
    # search: a framework of 1,000 arguments can have hundreds of thousands of them.
    __slots__ = ("_codes", "_index")

    def __init__(self, labels: Mapping[str, Label]) -> None:
        self._index = {name: i for i, name in enumerate(labels)}
        self._codes = bytes(_CODES[labels[name]] for name in self._index)

    @classmethod
    def _packed(cls, index: dict[str, int], codes: bytes) -> Labelling:
        labelling = cls.__new__(cls)
        labelling._index = index
        labelling._codes = codes
        return labelling

    def __getitem__(self, argument: str) -> Label:
        return _LABELS[self._codes[self._index[argument]]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Labelling) and other._index is self._index:
            return other._codes == self._codes
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # a mapping, equal to a dict

    def __repr__(self) -> str:
        return f"Labelling({dict(self)!r})"

    def _with(self, label: Label) -> frozenset[str]:
        code = _CODES[label]
        return frozenset(name for name, i in self._index.items() if self._codes[i] == code)

    @property
    def accepted(self) -> frozenset[str]:
        """The arguments labelled in: the extension."""
        return self._with("in")

    @property
    def rejected(self) -> frozenset[str]:
        """The arguments labelled out."""
        return self._with("out")

    @property
    def undecided(self) -> frozenset[str]:
        """The arguments labelled undec."""
        return self._with("undec")

    def restricted(self, arguments: Iterable[str]) -> Labelling:
        """The labels of ``arguments`` only (say, a map's claims without helper nodes)."""
        return Labelling({name: self[name] for name in arguments})


def _names(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _name_set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


def _pairs(values: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((attacker, attacked) for attacker, attacked in values)


@attrs.frozen
class Framework:
    """An abstract argumentation framework (Dung 1995): arguments by name, and attacks as
    (attacker, attacked) pairs. ``auxiliary`` names the arguments that stand for no claim
    (those :func:`framework` adds for linked relations, undercuts and derived attacks).

    >>> af = Framework(["a", "b"], [("a", "b")])
    >>> grounded(af)
    Labelling({'a': 'in', 'b': 'out'})
    """

    arguments: tuple[str, ...] = attrs.field(converter=_names)
    attacks: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs)
    auxiliary: frozenset[str] = attrs.field(default=frozenset(), converter=_name_set)
    _attackers: list[list[int]] = attrs.field(init=False, eq=False, repr=False)
    _attacked: list[list[int]] = attrs.field(init=False, eq=False, repr=False)
    _positions: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index = {name: i for i, name in enumerate(self.arguments)}
        if len(index) != len(self.arguments):
            repeated = next(n for n in self.arguments if self.arguments.count(n) > 1)
            raise EvaluationError(f"argument {repeated!r} is named twice; names must be unique")
        attackers: list[list[int]] = [[] for _ in self.arguments]
        attacked: list[list[int]] = [[] for _ in self.arguments]
        for attacker, target in set(self.attacks):
            for name in (attacker, target):
                if name not in index:
                    raise EvaluationError(
                        f"the attack {attacker!r} -> {target!r} names {name!r}, "
                        "which is not one of the arguments"
                    )
            attackers[index[target]].append(index[attacker])
            attacked[index[attacker]].append(index[target])
        object.__setattr__(self, "_attackers", attackers)
        object.__setattr__(self, "_positions", index)
        object.__setattr__(self, "_attacked", attacked)

    def _labelling(self, labels: list[int] | bytes) -> Labelling:
        return Labelling._packed(self._positions, bytes(labels))


def grounded(af: Framework) -> Labelling:
    """The grounded labelling (Dung 1995, Def. 20; as a labelling, Caminada 2006): in are
    the unattacked arguments and, repeatedly, those all of whose attackers an in argument
    attacks; out are those an in argument attacks; the rest undec. Linear time: each
    argument counts its attackers not yet out (Nofal, Atkinson and Dunne 2021).

    >>> grounded(Framework("abc", [("a", "b"), ("b", "a"), ("c", "c")]))
    Labelling({'a': 'undec', 'b': 'undec', 'c': 'undec'})
    """
    return af._labelling(_solver.grounded(af._attackers, af._attacked))


def complete(
    af: Framework, *, timeout: float | None = DEFAULT_TIMEOUT, solver: Solver = "auto"
) -> list[Labelling]:
    """Every complete labelling (Dung 1995, Def. 23; Caminada 2006): in exactly when every
    attacker is out, out exactly when some attacker is in.
    Raises :class:`EvaluationTimeout` after ``timeout`` seconds (None: no limit);
    ``solver`` as :data:`Solver` says.

    >>> [sorted(each.accepted) for each in complete(Framework("ab", [("a", "b"), ("b", "a")]))]
    [['a'], ['b'], []]
    """
    return _search(af, "complete", timeout, solver, stable=False, maximal=False)


def preferred(
    af: Framework, *, timeout: float | None = DEFAULT_TIMEOUT, solver: Solver = "auto"
) -> list[Labelling]:
    """Every preferred labelling (Dung 1995, Def. 7: a maximal admissible set, which is a
    complete extension with a maximal in set). There is always at least one.
    Raises :class:`EvaluationTimeout` after ``timeout`` seconds (None: no limit);
    ``solver`` as :data:`Solver` says.

    >>> [sorted(each.accepted) for each in preferred(Framework("ab", [("a", "b"), ("b", "a")]))]
    [['a'], ['b']]
    """
    return _search(af, "preferred", timeout, solver, stable=False, maximal=True)


def stable(
    af: Framework, *, timeout: float | None = DEFAULT_TIMEOUT, solver: Solver = "auto"
) -> list[Labelling]:
    """Every stable labelling (Dung 1995, Def. 12: a conflict-free set attacking every
    argument outside it; a complete labelling with no undec). There may be none.
    Raises :class:`EvaluationTimeout` after ``timeout`` seconds (None: no limit);
    ``solver`` as :data:`Solver` says.

    >>> stable(Framework("abc", [("a", "b"), ("b", "c"), ("c", "a")]))
    []
    """
    return _search(af, "stable", timeout, solver, stable=True, maximal=False)


def _search(
    af: Framework,
    semantics: str,
    timeout: float | None,
    solver: Solver,
    *,
    stable: bool,
    maximal: bool,
    started: float | None = None,
) -> list[Labelling]:
    """The labellings, sorted; ``started`` (time.monotonic) is when the time limit began,
    when something before the search (building the framework) already counted."""
    from argmap.analysis import _sat

    if solver not in get_args(Solver):
        raise EvaluationError(f"unknown solver {solver!r} (one of: auto, sat, backtracking)")
    installed = _sat.available()
    if solver == "sat" and not installed:
        raise EvaluationError(
            "the sat solver needs python-sat: pip install 'argmap[sat]', or use solver='auto'"
        )
    search = _sat.search if solver == "sat" or (solver == "auto" and installed) else None
    found: list[bytes] = []
    deadline = _deadline(af, semantics, timeout, started, found, installed)
    for labels in _decompose.search(
        af._attackers,
        af._attacked,
        stable=stable,
        maximal=maximal,
        deadline=deadline,
        solve=search or _solver.search,
    ):
        found.append(bytes(labels))  # a byte a label: there may be very many
    deadline.check(now=True)
    # In one order whatever the solver: by each argument's label in turn, in before out
    # before undec (IN < OUT < UNDEC as numbers too).
    found.sort()
    labellings = []
    for codes in found:
        deadline.check()
        labellings.append(af._labelling(codes))
    return labellings


def _deadline(
    af: Framework,
    semantics: str,
    timeout: float | None,
    started: float | None,
    found: list[bytes],
    installed: bool,
) -> _solver.Deadline:
    def expired() -> Exception:
        assert timeout is not None
        attacks = sum(len(each) for each in af._attackers)
        return EvaluationTimeout(
            semantics,
            timeout,
            len(af.arguments),
            attacks,
            found=len(found),
            sat_installed=installed,
        )

    return _solver.Deadline(timeout, expired, started=started)


def framework(argmap: ArgumentMap, *, supports: bool = True) -> Framework:
    """The map as an abstract argumentation framework whose first arguments are its
    claims, in map order. How each relation becomes attacks is told in
    :mod:`argmap.analysis._translate`; in short:

    - ``a attacks b``: a attacks b. A linked attack (``a + c attacks b``) is one helper
      argument, in exactly when every source is in (and no undercut of it), that attacks b.
    - ``u undercuts (a -> b)``: u attacks the relation's helper argument (the inference,
      as in Modgil's 2009 extended frameworks), which then neither attacks nor passes on
      support; b itself is not attacked.
    - supports (unless ``supports=False``), read as in Cayrol and Lagasquie-Schiex (2005,
      "On the acceptability of arguments in bipolar argumentation frameworks"; 2013,
      "Bipolarity in argumentation graphs: towards a better understanding"): a *supported
      attack* (a supports ... supports x, and x attacks b: a attacks b) and a *secondary
      attack* (a attacks x, and x supports ... supports b: a attacks b).

    Raises :class:`EvaluationError` when a relation names a claim the map lacks (run
    :func:`argmap.validate` first).

    >>> from argmap.model import ArgumentMap, Claim, Relation
    >>> m = ArgumentMap(claims=[Claim(id=n, text=n) for n in "abc"],
    ...     relations=[Relation(sources="a", target="b", kind="attacks"),
    ...                Relation(sources="c", target="a")])
    >>> framework(m).attacks
    (('a', 'b'), ('c', 'b'))
    >>> framework(m, supports=False).attacks
    (('a', 'b'),)
    """
    return _framework(argmap, supports=supports)


def _framework(
    argmap: ArgumentMap, *, supports: bool, deadline: _solver.Deadline | None = None
) -> Framework:
    from argmap.analysis._translate import translate

    names, attacks, claims = translate(
        argmap, supports=supports, check=deadline.check if deadline else None
    )
    return Framework(names, attacks, auxiliary=names[claims:])


def evaluate(
    argmap: ArgumentMap,
    semantics: SemanticsName = "grounded",
    *,
    supports: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> list[Labelling]:
    """Each claim's status under ``semantics``: one labelling for grounded, every one for
    the others (an empty list when a map has no stable labelling). The labellings map
    claim ids only, in map order; :func:`framework` tells how the map becomes a framework.
    Under complete, preferred and stable semantics the ``timeout`` counts from the start,
    reading the map as a framework included (supports can make many attacks); grounded
    semantics has no time limit.

    >>> from argmap.model import ArgumentMap, Claim, Relation
    >>> m = ArgumentMap(claims=[Claim(id="t", text="T"), Claim(id="o", text="O")],
    ...     relations=[Relation(sources="o", target="t", kind="attacks")])
    >>> evaluate(m)[0]["t"]
    'out'
    """
    from argmap.analysis import _sat

    if semantics not in SEMANTICS:
        raise EvaluationError(f"unknown semantics {semantics!r} (one of: {', '.join(SEMANTICS)})")
    if semantics == "grounded":
        af = framework(argmap, supports=supports)
        found = [grounded(af)]
    else:
        started = time.monotonic()

        def building() -> Exception:
            assert timeout is not None
            return EvaluationTimeout(
                semantics,
                timeout,
                len(argmap.claims),
                0,
                sat_installed=_sat.available(),
                relations=len(argmap.relations),
            )

        af = _framework(argmap, supports=supports, deadline=_solver.Deadline(timeout, building))
        found = _search(
            af,
            semantics,
            timeout,
            "auto",
            stable=semantics == "stable",
            maximal=semantics == "preferred",
            started=started,
        )
    claims = len(af.arguments) - len(af.auxiliary)  # the first arguments
    if not af.auxiliary:
        return found
    index = {name: i for i, name in enumerate(af.arguments[:claims])}
    return [Labelling._packed(index, each._codes[:claims]) for each in found]
