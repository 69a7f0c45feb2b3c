"""Structural checks of an argument map.

:func:`validate` returns every problem at once, each with a ``pointer`` into the map
(``("claims", "a", "actor")``, ``("relations", 2, "to")``, ...). Loaders turn pointers into
file locations; the builder into the line of Python that added the element. The errors
come first, then the warnings of :mod:`argmap.advice` (what is legal but probably wrong).

>>> from argmap.model import ArgumentMap, Claim, Relation
>>> m = ArgumentMap(claims=[Claim(id="a", text="A"), Claim(id="b", text="B")],
...                 relations=[Relation(sources=["a"], target="a"),
...                            Relation(sources=["a"], target="b"),
...                            Relation(sources=["b"], target="a")])
>>> for problem in validate(m):
...     print(problem.severity.value, problem.code, problem.pointer)
error self-relation ('relations', 0, 'to')
warning support-cycle ('relations', 2)
>>> [p.code for p in validate(m, severity=Severity.ERROR)]
['self-relation']

Its cost grows with the size of the map, not with its square: references are looked up
in indexes, and "did you mean" suggestions are cached, found through an index in large
maps, and given up after a fixed amount of work (problems then name no suggestion).
"""

from __future__ import annotations

import difflib
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator

from argmap import limits
from argmap.advice import advise
from argmap.errors import Pointer, Problem, Severity
from argmap.model import (
    ArgumentMap,
    ClaimKind,
    Inference,
    Relation,
    RelationKind,
    Target,
    target_key,
)

__all__ = [
    "Suggester",
    "inference_depth_problems",
    "nearest",
    "require_map",
    "shown_name",
    "unknown",
    "validate",
]


def nearest(
    word: str, candidates: Iterable[str], n: int = 3, *, close_only: bool = False
) -> list[str]:
    """The known names closest to ``word``, best first (never more than ``n``).

    With ``close_only``, only names similar enough to be a likely typo.
    """
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(word, pool, n=n, cutoff=0.6)
    if close or close_only:
        return close
    return difflib.get_close_matches(word, pool, n=n, cutoff=0.0)


class Suggester:
    """ "Did you mean" for many words against one set of names, at a bounded cost.

    A pool of up to ``SCAN`` names is searched whole, as :func:`nearest` does. A larger
    pool is searched only among the names one deletion away from the word (or the word
    one deletion away from them): typos, at the cost of a dictionary lookup. Each word is
    looked up once; after ``budget`` names have been compared, no more are suggested.

    >>> suggest = Suggester(["thesis", "premise"])
    >>> suggest("thesys")
    ['thesis']
    """

    #: Pools up to this size are compared name by name.
    SCAN = 500
    #: Names longer than this are neither indexed nor looked up (as in CPython's hints).
    LONGEST = 40
    #: The most names of a large pool compared with one word.
    CANDIDATES = 50
    #: The most deletion variants indexed, which bounds the index's memory.
    VARIANTS = 400_000

    def __init__(self, names: Iterable[str], *, budget: int = 20_000) -> None:
        self.names = sorted(set(names))
        # What a small pool compares: comparing long names costs their lengths squared.
        self._short = [name for name in self.names if len(name) <= self.LONGEST]
        self.budget = budget
        self._cache: dict[tuple[str, int], list[str]] = {}
        self._index: dict[str, list[str]] | None = None

    def __call__(self, word: str, n: int = 3) -> list[str]:
        """The names closest to ``word``, best first; empty when none is found (or sought)."""
        found = self._cache.get((word, n))
        if found is None:
            found = self._cache[word, n] = self._search(word, n)
        return found

    def _search(self, word: str, n: int) -> list[str]:
        if self.budget <= 0 or len(word) > self.LONGEST:
            return []
        pool = self._short if len(self.names) <= self.SCAN else self._candidates(word)
        if not pool:
            return []
        if len(pool) > self.budget:
            self.budget = 0
            return []
        self.budget -= len(pool)
        if len(self.names) <= self.SCAN:
            return nearest(word, pool, n)
        return difflib.get_close_matches(word, pool, n=n, cutoff=0.6)

    def _candidates(self, word: str) -> list[str]:
        index = self._index if self._index is not None else self._build_index()
        found: set[str] = set()
        for variant in _deletions(word):
            found.update(index.get(variant, ()))
            if len(found) >= self.CANDIDATES:
                break
        return sorted(found)[: self.CANDIDATES]

    def _build_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        room = self.VARIANTS
        for name in self.names:
            if len(name) > self.LONGEST:
                continue
            room -= len(name) + 1
            if room < 0:
                break
            for variant in _deletions(name):
                index.setdefault(variant, []).append(name)
        self._index = index
        return index


def _deletions(word: str) -> list[str]:
    """The word and every word one character shorter that it contains."""
    return [word, *[word[:i] + word[i + 1 :] for i in range(len(word))]]


def unknown(what: str, name: str, known: Iterable[str] | Suggester) -> str:
    """The message for a reference to a name that does not exist.

    >>> unknown("claim", "thesys", ["thesis"])
    "unknown claim 'thesys'; did you mean 'thesis'?"
    """
    suggest = known if isinstance(known, Suggester) else Suggester(known)
    shown = shown_name(name)
    if not suggest.names:
        return f"unknown {what} {shown}: the map has no {what}s"
    suggestions = suggest(name)
    if not suggestions:
        return f"unknown {what} {shown}"
    hint = " or ".join(repr(s) for s in suggestions)
    return f"unknown {what} {shown}; did you mean {hint}?"


#: Names longer than this are shown cut short in messages.
_LONGEST_SHOWN = 80


def shown_name(name: str) -> str:
    """``name`` quoted for a message; a very long one cut short, with its length.

    >>> shown_name("thesis")
    "'thesis'"
    >>> shown_name("x" * 5000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (5,000 characters)"
    """
    if len(name) <= _LONGEST_SHOWN:
        return repr(name)
    return f"{name[:60] + '…'!r} ({len(name):,} characters)"


def require_map(value: object, function: str) -> None:
    """Raise a ``TypeError`` naming ``function`` unless ``value`` is an ArgumentMap.

    >>> require_map("map.yaml", "validate")
    Traceback (most recent call last):
    ...
    TypeError: validate() takes an ArgumentMap, not str; read a map file with argmap.load(path)
    """
    if not isinstance(value, ArgumentMap):
        raise TypeError(
            f"{function}() takes an ArgumentMap, not {type(value).__name__}; "
            "read a map file with argmap.load(path)"
        )


def validate(
    argmap: ArgumentMap,
    *,
    assume_claims: Iterable[str] = (),
    assume_actors: Iterable[str] = (),
    unread: Iterable[Pointer] = (),
    most: int | None = None,
    severity: Severity | None = None,
    complete: bool = True,
) -> list[Problem]:
    """Every problem of ``argmap``: the errors in map order, then the warnings.

    An error (``problem.is_error``) makes the map unusable: loading and drawing refuse
    it. A warning (severity ``Severity.WARNING``) is legal but probably wrong: a cycle
    of support, a claim that both supports and attacks another, a claim connected to
    nothing, a map with no claims (codes in :mod:`argmap.advice`). What a map lacks
    (claims, a claim's relations) is judged only when it has no error, which may be why
    it lacks them; ``complete=False`` says that the map's file had errors that
    validation does not see. With ``severity``, only the problems of that severity are
    returned. The list is empty for a sound map.

    With ``most``, checking stops once ``most + 1`` problems are found: enough to say
    that there are more than ``most``, at a cost that does not grow with the rest.

    ``assume_claims`` and ``assume_actors`` are ids that exist although they are not in
    the map (entries of a file that could not be read): references to them are fine.
    ``unread`` points at values of the map's file that could not be read: the checks
    that need them are left out, so that a value dropped is never reported twice.
    ``("claims", "a", "text")`` is one value of one claim, ``("claims", "a")`` a whole
    claim, ``("claims",)`` the whole section, and ``("relations",)`` a relation of the
    ``relations:`` list whose ends are unknown.
    """
    require_map(argmap, "validate")
    skipped = set(unread)
    skipped.update(("claims", claim) for claim in assume_claims)
    skipped.update(("actors", actor) for actor in assume_actors)
    errors: Iterator[Problem] = _Checker(argmap, skipped).run()
    found = list(errors if most is None else itertools.islice(errors, most + 1))
    if severity is Severity.ERROR:
        return found
    sound = complete and not skipped and not found
    if severity is Severity.WARNING:
        found = []
    room = None if most is None else max(0, most + 1 - len(found))
    return found + list(itertools.islice(advise(argmap, absences=sound), room))


def inference_depth_problems(argmap: ArgumentMap) -> dict[int, Problem]:
    """Problems of the relations whose inferences nest deeper than a map file can hold.

    An undercut of an undercut of ... of ``a -> b`` nests one inference in the next.
    Written to a file, each takes a level of nesting, so the depth is bounded by the
    ``depth`` limit, less the five levels a map file needs around the deepest inference.
    Computed in a loop that stops at the limit: it costs no more for a chain of a
    million than for one of a hundred. Keyed by the index of each relation.
    """
    current = limits.current()
    deepest = current.depth - 5
    problems: dict[int, Problem] = {}
    for index, relation in enumerate(argmap.relations):
        target: Target = relation.target
        depth = 0
        while isinstance(target, Inference) and depth <= deepest:
            depth += 1
            target = target.target
        if depth > deepest:
            problems[index] = Problem(
                f"{' + '.join(relation.sources)!r} {relation.kind.value} an inference nested "
                f"more than {deepest} deep (an undercut of an undercut of ...); a map file "
                f"holds none deeper ({deepest} is its depth limit less 5; "
                f"{current.hint('depth')})",
                code="too-deep",
                pointer=("relations", index, "to"),
            )
    return problems


class _Checker:
    def __init__(self, argmap: ArgumentMap, unread: set[Pointer]) -> None:
        self.map = argmap
        self.unread = unread
        self.claim_ids = {c.id for c in argmap.claims}
        self.actor_ids = {a.id for a in argmap.actors}
        self.claims = Suggester(self.claim_ids)
        self.actors = Suggester(self.actor_ids)
        self.too_deep = inference_depth_problems(argmap)
        self._inferences: dict[tuple[tuple[str, ...], Target], list[int]] = {}
        # Ends of relations that were read only in part: an inference that matches no
        # relation may be one of them. Each is (sources, target), None where unknown.
        self._partial: list[tuple[tuple[str, ...] | None, Target | None]] = []
        self._suggest_inferences: Suggester | None = None

    def _read(self, *pointer: str | int) -> bool:
        return pointer not in self.unread

    def _claim_known(self, claim_id: str) -> bool:
        return (
            claim_id in self.claim_ids
            or ("claims", claim_id) in self.unread
            or ("claims",) in self.unread
        )

    def _actor_known(self, actor_id: str) -> bool:
        return (
            actor_id in self.actor_ids
            or ("actors", actor_id) in self.unread
            or ("actors",) in self.unread
        )

    def run(self) -> Iterator[Problem]:
        self._index_inferences()
        yield from self._duplicates("claim", "claims", (c.id for c in self.map.claims))
        yield from self._duplicates("actor", "actors", (a.id for a in self.map.actors))
        yield from self._duplicates("group", "groups", (g.id for g in self.map.groups))
        yield from self._actors()
        yield from self._claims()
        for index, relation in enumerate(self.map.relations):
            if index in self.too_deep:
                # Nothing else is checked: comparing or describing it would recurse.
                yield self.too_deep[index]
                continue
            yield from self._relation(index, relation)
            if isinstance(relation.target, Inference) and self._read("relations", index, "to"):
                yield from self._inference(relation, relation.target, ("relations", index, "to"))
        yield from self._duplicate_relations()
        yield from self._groups()

    def _index_inferences(self) -> None:
        for index, relation in enumerate(self.map.relations):
            if index in self.too_deep:
                continue
            sources = tuple(sorted(relation.sources))
            from_read = self._read("relations", index, "from")
            to_read = self._read("relations", index, "to")
            if from_read and to_read:
                self._inferences.setdefault((sources, relation.target), []).append(index)
            else:
                self._partial.append(
                    (sources if from_read else None, relation.target if to_read else None)
                )

    def _duplicates(self, what: str, section: str, ids: Iterable[str]) -> Iterator[Problem]:
        for name, count in Counter(ids).items():
            if count > 1:
                yield Problem(
                    f"duplicate {what} id {name!r} ({count} {what}s share it); ids must be unique",
                    code="duplicate-id",
                    pointer=(section, name),
                )

    def _actors(self) -> Iterator[Problem]:
        for actor in self.map.actors:
            yield from _blank(actor.id, "actor", ("actors", actor.id))
            if not actor.name.strip() and self._read("actors", actor.id, "name"):
                yield Problem(
                    f"actor {actor.id!r} has an empty name",
                    code="empty-text",
                    pointer=("actors", actor.id, "name"),
                )

    def _claims(self) -> Iterator[Problem]:
        for claim in self.map.claims:
            here: Pointer = ("claims", claim.id)
            yield from _blank(claim.id, "claim", here)
            if not claim.text.strip() and self._read(*here, "text"):
                yield Problem(
                    f"claim {claim.id!r} has an empty text; say what the claim states",
                    code="empty-text",
                    pointer=(*here, "text"),
                )
            if claim.actor is not None and not self._actor_known(claim.actor):
                yield Problem(
                    unknown("actor", claim.actor, self.actors),
                    code="unknown-id",
                    pointer=(*here, "actor"),
                )
            elif (
                claim.kind is ClaimKind.MOTIVE
                and claim.actor is None
                and self._read(*here, "actor")
            ):
                yield Problem(
                    f"motive {claim.id!r} has no actor; say whose motive it is with 'actor:'",
                    code="motive-without-actor",
                    pointer=here,
                )

    def _relation(self, index: int, relation: Relation) -> Iterator[Problem]:
        here: Pointer = ("relations", index)
        if not relation.sources and self._read(*here, "from"):
            yield Problem(
                f"relation '{relation.describe()}' has no source",
                code="no-source",
                pointer=(*here, "from"),
            )
        for position, source in enumerate(relation.sources):
            if not self._claim_known(source):
                yield Problem(
                    unknown("claim", source, self.claims),
                    code="unknown-id",
                    pointer=(*here, "from", position),
                )
        repeated = len(set(relation.sources)) < len(relation.sources)
        for source, count in Counter(relation.sources).items() if repeated else ():
            if count > 1:
                yield Problem(
                    f"{source!r} is listed {count} times among the premises of one relation",
                    code="duplicate-source",
                    pointer=(*here, "from"),
                )
        if self._read(*here, "to"):
            yield from self._target(relation, (*here, "to"), kind_read=self._read(*here, "kind"))

    def _target(self, relation: Relation, here: Pointer, *, kind_read: bool) -> Iterator[Problem]:
        target = relation.target
        # With its kind unread, a relation is still checked, but not named by its kind.
        kind = relation.kind.value if kind_read else "bears on"
        if isinstance(target, str):
            if relation.kind is RelationKind.UNDERCUTS and kind_read:
                yield Problem(
                    f"an undercut attacks an inference, not the claim {target!r}; write "
                    f"'to: {{from: ..., to: {target}}}' for the inference, or use 'attacks'",
                    code="undercut-target",
                    pointer=here,
                )
            if not self._claim_known(target):
                yield Problem(
                    unknown("claim", target, self.claims), code="unknown-id", pointer=here
                )
            elif target in relation.sources:
                yield Problem(
                    f"{target!r} {kind} itself: a relation needs a target other than its sources",
                    code="self-relation",
                    pointer=here,
                )
            return
        if relation.kind is not RelationKind.UNDERCUTS and kind_read:
            yield Problem(
                f"only an undercut can target an inference; '{relation.describe()}' {kind} "
                f"one (use kind 'undercuts', or target a claim)",
                code="inference-target",
                pointer=here,
            )

    def _inference(
        self, undercut: Relation, target: Inference, here: Pointer
    ) -> Iterator[Problem]:
        sources = tuple(sorted(target.sources))
        matches = self._inferences.get((sources, target.target), [])
        if len(matches) == 1:
            return
        if matches:
            yield Problem(
                f"the inference {target.describe()} is ambiguous: {len(matches)} relations "
                "have these ends",
                code="ambiguous-inference",
                pointer=here,
            )
            return
        if self._may_be_unread(sources, target.target):
            return
        if self._suggest_inferences is None:
            self._suggest_inferences = Suggester(
                self.map.relations[i].inference.describe()
                for found in self._inferences.values()
                for i in found
            )
        # The undercut's own inference is no answer to where it points.
        own = undercut.inference.describe()
        suggest = self._suggest_inferences
        suggestions = [s for s in suggest(target.describe(), 4) if s != own][:3]
        if not suggest.names or suggest.names == [own]:
            message = (
                f"no relation is the inference {target.describe()!r}: the map has no inferences"
            )
        elif suggestions:
            hint = " or ".join(repr(s) for s in suggestions)
            message = f"no relation is the inference {target.describe()!r}; did you mean {hint}?"
        else:
            message = f"no relation is the inference {target.describe()!r}"
        yield Problem(message, code="unknown-inference", pointer=here)

    def _may_be_unread(self, sources: tuple[str, ...], target: Target) -> bool:
        """Whether a relation with these ends may be among those that were not read."""
        if ("relations",) in self.unread:
            return True
        if len(sources) == 1:
            # The shorthand of a claim that was not read in full may have said it.
            claim = sources[0]
            if not self._read("claims", claim) or not self._read("claims"):
                return True
            if any(not self._read("claims", claim, key) for key in _SHORTHAND_KEYS):
                return True
        key = target_key(target)
        return any(
            (partial_sources is None or partial_sources == sources)
            and (partial_target is None or target_key(partial_target) == key)
            for partial_sources, partial_target in self._partial
        )

    def _duplicate_relations(self) -> Iterator[Problem]:
        seen: set[tuple[str, tuple[str, ...], Target]] = set()
        for index, relation in enumerate(self.map.relations):
            if index in self.too_deep or not all(
                self._read("relations", index, field) for field in ("from", "to", "kind")
            ):
                continue
            key = (relation.kind.value, tuple(sorted(relation.sources)), relation.target)
            if key in seen:
                yield Problem(
                    f"'{relation.describe()}' is stated twice",
                    code="duplicate-relation",
                    pointer=("relations", index),
                )
            else:
                seen.add(key)

    def _groups(self) -> Iterator[Problem]:
        # A claim is drawn in one cluster: a second group would silently lose it.
        group_of: dict[str, str] = {}
        seen_groups: set[str] = set()
        for group in self.map.groups:
            here: Pointer = ("groups", group.id)
            first_of_its_id = group.id not in seen_groups
            seen_groups.add(group.id)
            yield from _blank(group.id, "group", here)
            if not group.members and self._read(*here, "members"):
                yield Problem(
                    f"group {group.id!r} has no members", code="empty-group", pointer=here
                )
            for position, member in enumerate(group.members):
                if not self._claim_known(member):
                    yield Problem(
                        unknown("claim", member, self.claims),
                        code="unknown-id",
                        pointer=(*here, "members", position),
                    )
                    continue
                if not first_of_its_id:
                    continue  # a duplicate group: its id is the problem
                first = group_of.setdefault(member, group.id)
                if first != group.id:
                    yield Problem(
                        f"claim {member!r} is already in group {first!r}; a claim belongs "
                        "to one group at most (groups do not nest or overlap)",
                        code="group-overlap",
                        pointer=(*here, "members", position),
                    )


_SHORTHAND_KEYS = ("supports", "attacks", "undercuts")


def _blank(name: str, what: str, here: Pointer) -> Iterator[Problem]:
    if not name.strip():
        yield Problem(f"a {what} has an empty id", code="empty-id", pointer=here)
