"""Lint: what is probably wrong with the reasoning of a map, one finding per line.

Validation (:func:`argmap.validate`) says whether a map can be read and drawn; lint says
what a careful reader of the argument would question. Each rule has a stable code, as
ruff's do, and a one-line rationale (:data:`RULES`):

=======  ============================  ================================================
code     name                          finds
=======  ============================  ================================================
AM101    no-thesis                     a map without a thesis: it argues for nothing
AM102    not-connected-to-thesis       a claim no chain of relations links to a thesis
AM103    support-cycle                 claims that support each other in a circle
AM104    unsupported-premise           a premise given as a reason but not supported
AM105    duplicate-text                two claims with the same text, once normalised
AM106    near-duplicate-text           two claims whose words are nearly the same
AM107    single-member-group           a group of one claim
AM108    unanswered-attack             an attack on the thesis' side that nothing answers
AM109    quote-not-in-source           a quote the source text does not hold
AM110    unknown-scheme                a relation naming a scheme argmap does not know
AM111    unanswered-critical-question  a critical question of a relation's scheme that
                                       no claim answers
AM112    unknown-noqa                  a ``noqa`` in metadata that names no rule
=======  ============================  ================================================

The finer points, as a teacher of critical thinking would read a map:

- **The thesis' side** (AM108) is each thesis and every claim with a chain of supports
  to one. An attack on one of them (or an undercut of an inference into one) is
  *answered* when something attacks one of its sources or undercuts it.
- **Connected** (AM102) ignores direction: a claim is connected to a thesis when a chain
  of relations of any kind joins them (an undercut joins its source to the claims of
  the inference it attacks). A question may stand alone, as validation allows.
- **Duplicates** (AM105, AM106) compare texts normalised: Unicode NFKC, case folded,
  punctuation dropped, whitespace collapsed. Two texts are near duplicates when the sets
  of their words have a Jaccard similarity (shared words / all words) of at least
  :data:`NEAR_DUPLICATE` and each has at least :data:`NEAR_DUPLICATE_WORDS` words. The
  pairs are found by prefix filtering (Chaudhuri, Ganti and Kaushik 2006; Xiao et al.
  2008): each text is indexed by its rarest words only, so the cost grows with the
  number of texts that share a rare word, not with the square of the map.
- **Quotes** (AM109) are matched against ``source_text`` with whitespace collapsed (a
  line break is a space), curly quotes as straight ones, and dashes as hyphens; an
  ellipsis (``...``, ``…``, ``[...]``) in a quote stands for any text, so the parts
  around it must be found in order. Case counts: a quote is verbatim.
- **Critical questions** (AM111): a relation with ``scheme: expert-opinion`` asks each
  question of that scheme (:mod:`argmap.analysis.schemes`). A claim *answers* question
  ``expertise`` when it is tagged ``cq:expertise`` (or ``cq:expert-opinion.expertise``),
  or its metadata says ``answers: expertise`` (or a list of question ids), and it bears
  on the relation: it undercuts the relation, or supports or attacks one of its premises
  or its conclusion. An untagged undercut says the inference fails without saying which
  question it answers, so it answers none.
- **Findings kept on purpose** (``noqa``, as ruff's ``# noqa: CODE``): a claim, relation
  or group whose metadata says ``noqa: AM104`` (or a list; codes, prefixes or rule names
  as ``select`` reads them) has no finding of those rules; the map's own metadata
  silences them for the whole map. A ``noqa`` that names no rule is itself a finding
  (AM112), so a typo never silences anything unseen. Say why in a comment beside it.

>>> from argmap.model import ArgumentMap, Claim, Relation
>>> m = ArgumentMap(
...     claims=[Claim(id="a", text="A claim."), Claim(id="b", text="a claim")],
...     relations=[Relation(sources=["a"], target="b")],
... )
>>> [(finding.code, finding.pointer) for finding in lint(m)]
[('AM101', ('claims',)), ('AM104', ('claims', 'a')), ('AM105', ('claims', 'b'))]
>>> print(lint(m, select=["duplicate-text"])[0].message)
claim 'b' has the same text as claim 'a': merge them, or say what sets them apart
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

import attrs

from argmap.advice import advise
from argmap.analysis.rules import RULES, Rule
from argmap.analysis.schemes import SCHEMES, Scheme
from argmap.errors import ArgmapError, Pointer, Problem, Severity
from argmap.model import ArgumentMap, ClaimKind, Inference, Relation, RelationKind, target_key
from argmap.validation import nearest, unknown

__all__ = [
    "NEAR_DUPLICATE",
    "NEAR_DUPLICATE_WORDS",
    "RULES",
    "LintResult",
    "Rule",
    "lint",
    "lint_file",
    "normalise_quote",
    "select_rules",
]

#: The Jaccard similarity of two texts' word sets from which they are near duplicates.
NEAR_DUPLICATE = 0.8
#: Texts shorter than this many distinct words are never near duplicates ("Yes." "No.").
NEAR_DUPLICATE_WORDS = 4


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> frozenset[str]:
    """The codes of the rules that ``select`` picks (all when None) less those ``ignore``s.

    Each item is a code (``AM105``), a prefix of codes (``AM1``, ``AM``), a rule's name
    (``duplicate-text``) or ``ALL``, as ruff reads ``--select``. Raises
    :class:`~argmap.errors.ArgmapError` for an item that names no rule.

    >>> sorted(select_rules(["AM10"], ["AM101", "near-duplicate-text"]))[:3]
    ['AM102', 'AM103', 'AM104']
    >>> select_rules(["AM1O5"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    argmap.errors.ArgmapError: unknown lint rule 'AM1O5'; did you mean 'AM105'? (the rules ...
    """
    chosen = set(RULES) if select is None else _codes(select)
    return frozenset(chosen - _codes(ignore or ()))


def _codes(items: Iterable[str]) -> set[str]:
    codes: set[str] = set()
    by_name = {rule.name: rule.code for rule in RULES.values()}
    for item in items:
        word = item.strip()
        if word.upper() == "ALL":
            codes.update(RULES)
        elif word in by_name:
            codes.add(by_name[word])
        else:
            found = {code for code in RULES if word and code.startswith(word.upper())}
            if not found:
                close = nearest(word, [*RULES, *by_name], n=1, close_only=True)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise ArgmapError(
                    f"unknown lint rule {word!r}{hint} (the rules are AM101 to "
                    f"{max(RULES)}: argmap lint --help lists them)"
                )
            codes.update(found)
    return codes


def lint(
    argmap: ArgumentMap,
    *,
    source_text: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Problem]:
    """The findings of the rules ``select`` and ``ignore`` leave (see :func:`select_rules`).

    Each finding is a :class:`~argmap.errors.Problem` with a warning's severity, the
    rule's code (``AM105``) and a ``pointer`` into the model: ``("claims", id)``,
    ``("claims", id, "quote")``, ``("relations", index)``, ``("relations", index,
    "scheme")``, ``("groups", id)`` or ``("claims",)`` for the whole map; locate them in
    a file with :func:`lint_file`. The map should have passed validation. Quotes are
    checked (AM109) only when ``source_text`` is given.
    """
    codes = select_rules(select, ignore)
    graph = _Graph(argmap)
    checks: list[tuple[str, Callable[[], Iterable[Problem]]]] = [
        ("AM101", graph.no_thesis),
        ("AM102", graph.not_connected),
        ("AM103", graph.support_cycles),
        ("AM104", graph.unsupported_premises),
        ("AM107", graph.single_member_groups),
        ("AM108", graph.unanswered_attacks),
        ("AM110", graph.unknown_schemes),
        ("AM111", graph.unanswered_questions),
    ]
    findings: list[Problem] = []
    for code, check in checks:
        if code in codes:
            findings.extend(check())
    if codes & {"AM105", "AM106"}:
        findings.extend(p for p in _duplicates(argmap) if p.code in codes)
    if source_text is not None and "AM109" in codes:
        findings.extend(_quotes(argmap, source_text))
    silenced, unknown_noqa = _noqa(argmap)
    if "AM112" in codes:
        findings.extend(unknown_noqa)
    everywhere = silenced.get((), frozenset())
    return [
        finding
        for finding in findings
        if finding.code not in everywhere
        and finding.code not in silenced.get(_owner(finding.pointer), ())
    ]


def _owner(pointer: Pointer) -> Pointer:
    """The part of the map a finding is about, whose ``noqa`` may silence it: a claim,
    relation or group (``("claims", id)``...), or the whole map (``()``)."""
    return tuple(pointer[:2]) if len(pointer) >= 2 else ()


def _noqa(argmap: ArgumentMap) -> tuple[dict[Pointer, frozenset[str]], list[Problem]]:
    """The codes each part of the map silences (the map's own under ``()``), and a finding
    for each ``noqa`` item that names no rule."""
    owners: list[tuple[Pointer, Any]] = [((), argmap.metadata)]
    owners.extend((("claims", c.id), c.metadata) for c in argmap.claims)
    owners.extend((("relations", i), r.metadata) for i, r in enumerate(argmap.relations))
    owners.extend((("groups", g.id), g.metadata) for g in argmap.groups)
    silenced: dict[Pointer, frozenset[str]] = {}
    problems: list[Problem] = []
    for owner, metadata in owners:
        value = metadata.get("noqa")
        if value is None:
            continue
        listed = isinstance(value, list | tuple)
        items = value if listed else [value]
        codes: set[str] = set()
        for index, item in enumerate(items):
            at = (*owner, "metadata", "noqa", *((index,) if listed else ()))
            try:
                if not isinstance(item, str):
                    raise ArgmapError(
                        f"{item!r} is not a rule: give codes (AM104), prefixes or rule names"
                    )
                codes |= _codes([item])
            except ArgmapError as error:
                problems.append(_finding("AM112", f"noqa: {error}", at))
        silenced[owner] = frozenset(codes)
    return silenced, problems


@attrs.frozen
class LintResult:
    """A map file linted: the problems met reading it, and the findings.

    ``problems`` are those of :func:`argmap.check_file` (validation's warnings among
    them); when one is an error the map could not be linted and ``findings`` is empty.
    """

    problems: list[Problem]
    findings: list[Problem]

    @property
    def linted(self) -> bool:
        """Whether the map could be read well enough to be linted."""
        return not any(problem.is_error for problem in self.problems)


def lint_file(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    source: str | os.PathLike[str] | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> LintResult:
    """Lint the map file at ``path``: :func:`lint`, each finding located in the file.

    ``source`` is the file of the text the map reads, against which quotes are checked
    (AM109). The findings are in the order of the file (then by code). Raises
    :class:`~argmap.errors.ArgmapError` for an unknown rule, and
    :class:`~argmap.errors.MapFormatError` when ``source`` cannot be read.
    """
    from argmap._io import read_text
    from argmap.formats import check_file_located

    codes = select_rules(select, ignore)
    source_text = None if source is None else read_text(source)[0]
    checked = check_file_located(path, format)
    result = LintResult(checked.problems, [])
    if checked.map is None or not result.linted:
        return result
    findings = [
        attrs.evolve(finding, location=checked.locate(finding.pointer))
        for finding in lint(checked.map, source_text=source_text, select=codes)
    ]
    findings.sort(key=_in_file_order)
    return LintResult(checked.problems, findings)


def _in_file_order(finding: Problem) -> tuple[int, int, str]:
    where = finding.location
    return (where.line or 0 if where else 0, where.column or 0 if where else 0, finding.code)


def _finding(code: str, message: str, pointer: Pointer) -> Problem:
    return Problem(message, code=code, pointer=pointer, severity=Severity.WARNING)


class _Graph:
    """The relations of a map, indexed for the rules."""

    def __init__(self, argmap: ArgumentMap) -> None:
        self.map = argmap
        self.ids = list(dict.fromkeys(c.id for c in argmap.claims))
        self.theses = [c.id for c in argmap.claims if c.kind is ClaimKind.THESIS]
        #: The relations whose target is each claim, by index.
        self.into: dict[str, list[int]] = {}
        #: The undercuts of each inference (by its target_key), by index.
        self.undercuts: dict[Any, list[int]] = {}
        self.sources: set[str] = set()
        #: The kind of the relation each inference (by its target_key) points at.
        self.kind_of: dict[Any, RelationKind] = {}
        for index, relation in enumerate(argmap.relations):
            self.sources.update(relation.sources)
            self.kind_of.setdefault(target_key(relation.inference), relation.kind)
            if isinstance(relation.target, Inference):
                self.undercuts.setdefault(target_key(relation.target), []).append(index)
            else:
                self.into.setdefault(relation.target, []).append(index)

    def relation(self, index: int) -> Relation:
        return self.map.relations[index]

    def no_thesis(self) -> Iterator[Problem]:
        if self.ids and not self.theses:
            yield _finding(
                "AM101",
                "the map has no thesis: mark the claim it argues for with kind: thesis",
                ("claims",),
            )

    def not_connected(self) -> Iterator[Problem]:
        if not self.theses:
            return
        parent = {claim_id: claim_id for claim_id in self.ids}

        def root(claim_id: str) -> str:
            while parent[claim_id] != claim_id:
                parent[claim_id] = parent[parent[claim_id]]
                claim_id = parent[claim_id]
            return claim_id

        for relation in self.map.relations:
            ends = [*relation.sources, *_claims_of(relation.target)]
            first = root(ends[0]) if ends[0] in parent else None
            for end in ends[1:]:
                if first is not None and end in parent:
                    parent[root(end)] = first
        anchored = {root(t) for t in self.theses}
        for claim in self.map.claims:
            if claim.kind is not ClaimKind.QUESTION and root(claim.id) not in anchored:
                yield _finding(
                    "AM102",
                    f"claim {claim.id!r} is not connected to any thesis: no chain of "
                    "relations links it to one; relate it to the argument, or remove it",
                    ("claims", claim.id),
                )

    def support_cycles(self) -> Iterator[Problem]:
        for problem in advise(self.map, absences=False):
            if problem.code == "support-cycle":
                yield attrs.evolve(problem, code="AM103")

    def unsupported_premises(self) -> Iterator[Problem]:
        for claim in self.map.claims:
            if claim.kind is not ClaimKind.PREMISE or claim.id not in self.sources:
                continue
            supported = any(
                self.relation(i).kind is RelationKind.SUPPORTS for i in self.into.get(claim.id, ())
            )
            if not supported:
                yield _finding(
                    "AM104",
                    f"premise {claim.id!r} is not supported: support it, or say what it is: "
                    "kind: evidence (the source shows it) or kind: assumption (taken as given)",
                    ("claims", claim.id),
                )

    def single_member_groups(self) -> Iterator[Problem]:
        for group in self.map.groups:
            if len(group.members) == 1:
                yield _finding(
                    "AM107",
                    f"group {group.id!r} has one member ({group.members[0]!r}): add the claims "
                    "that belong with it, or drop the group",
                    ("groups", group.id),
                )

    def thesis_side(self) -> set[str]:
        """Each thesis and every claim with a chain of supports to one."""
        side = set(self.theses)
        queue = deque(self.theses)
        while queue:
            claim_id = queue.popleft()
            for index in self.into.get(claim_id, ()):
                relation = self.relation(index)
                if relation.kind is RelationKind.SUPPORTS:
                    for source in relation.sources:
                        if source not in side:
                            side.add(source)
                            queue.append(source)
        return side

    def answered(self, relation: Relation) -> bool:
        """Whether something attacks a source of ``relation`` or undercuts it."""
        if self.undercuts.get(target_key(relation.inference)):
            return True
        return any(
            self.relation(i).kind is not RelationKind.SUPPORTS
            for source in relation.sources
            for i in self.into.get(source, ())
        )

    def unanswered_attacks(self) -> Iterator[Problem]:
        side = self.thesis_side()
        for index, relation in enumerate(self.map.relations):
            target = relation.target
            if relation.kind is RelationKind.SUPPORTS:
                continue
            if isinstance(target, Inference):
                # An undercut of a support into the thesis' side (an undercut of an
                # attack on it is the side's own answer).
                attacked = target.target
                supports = self.kind_of.get(target_key(target)) is RelationKind.SUPPORTS
                if not (supports and isinstance(attacked, str) and attacked in side):
                    continue
                what = f"the undercut of {target.describe()} by {_joined(relation.sources)}"
            else:
                if target not in side:
                    continue
                what = f"the attack on {target!r} by {_joined(relation.sources)}"
            if not self.answered(relation):
                yield _finding(
                    "AM108",
                    f"{what} is unanswered: nothing attacks {_joined(relation.sources)} or "
                    "undercuts the attack, so it defeats the thesis' side; answer it, or "
                    "concede it",
                    ("relations", index),
                )

    def unknown_schemes(self) -> Iterator[Problem]:
        for index, relation in enumerate(self.map.relations):
            if relation.scheme is not None and relation.scheme not in SCHEMES:
                message = unknown("scheme", relation.scheme, SCHEMES)
                if not nearest(relation.scheme, SCHEMES, close_only=True):
                    message += f" (argmap knows: {', '.join(SCHEMES)})"
                yield _finding("AM110", message, ("relations", index, "scheme"))

    def unanswered_questions(self) -> Iterator[Problem]:
        for index, relation in enumerate(self.map.relations):
            scheme = SCHEMES.get(relation.scheme) if relation.scheme is not None else None
            if scheme is None:
                continue
            answered = self.answers(relation, scheme)
            for question in scheme.questions:
                if question.id not in answered:
                    yield _finding(
                        "AM111",
                        f"critical question {question.full_id} of "
                        f"{relation.inference.describe()} is unanswered: {question.text}",
                        ("relations", index, "scheme"),
                    )

    def answers(self, relation: Relation, scheme: Scheme) -> set[str]:
        """The ids of the questions of ``scheme`` that claims bearing on ``relation`` answer."""
        bearing: list[int] = list(self.undercuts.get(target_key(relation.inference), ()))
        ends = [
            *relation.sources,
            *([relation.target] if isinstance(relation.target, str) else []),
        ]
        for end in ends:
            bearing.extend(i for i in self.into.get(end, ()) if self.relation(i) is not relation)
        answered: set[str] = set()
        for index in bearing:
            for source in self.relation(index).sources:
                if self.map.has_claim(source):
                    answered.update(_answered_by(self.map, source, scheme))
        return answered


def _answered_by(argmap: ArgumentMap, claim_id: str, scheme: Scheme) -> set[str]:
    claim = argmap.claim(claim_id)
    said = {tag[3:].strip() for tag in claim.tags if tag.startswith("cq:")}
    answers = claim.metadata.get("answers")
    if isinstance(answers, str):
        said.add(answers)
    elif isinstance(answers, list):
        said.update(a for a in answers if isinstance(a, str))
    return {q.id for q in scheme.questions if q.id in said or q.full_id in said}


def _claims_of(target: str | Inference) -> list[str]:
    claims: list[str] = []
    while isinstance(target, Inference):
        claims.extend(target.sources)
        target = target.target
    claims.append(target)
    return claims


def _joined(ids: Collection[str]) -> str:
    return " + ".join(repr(i) for i in ids)


# Duplicates.

_NOT_WORD = re.compile(r"[\W_]+")


def _words(text: str) -> str:
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _duplicates(argmap: ArgumentMap) -> Iterator[Problem]:
    first_of: dict[str, str] = {}
    entries: list[tuple[str, frozenset[str]]] = []
    for claim in argmap.claims:
        words = _words(claim.text)
        if not words:
            continue
        earlier = first_of.setdefault(words, claim.id)
        if earlier != claim.id:
            yield _finding(
                "AM105",
                f"claim {claim.id!r} has the same text as claim {earlier!r}: merge them, or "
                "say what sets them apart",
                ("claims", claim.id),
            )
            continue
        tokens = frozenset(words.split())
        if len(tokens) >= NEAR_DUPLICATE_WORDS:
            entries.append((claim.id, tokens))
    yield from _near_duplicates(entries)


def _near_duplicates(entries: list[tuple[str, frozenset[str]]]) -> Iterator[Problem]:
    """Each text whose words are nearly those of an earlier one, by prefix filtering.

    Any two sets with a Jaccard similarity of at least t share a word among the first
    ``|s| - ceil(t * |s|) + 1`` words of each, once every set's words are ordered the same
    way (rarest first); so each set is compared only with those sharing such a word.
    """
    frequency = Counter(word for _, tokens in entries for word in tokens)
    best: dict[int, tuple[float, int]] = {}
    index: dict[str, list[int]] = {}
    order = sorted(range(len(entries)), key=lambda i: (len(entries[i][1]), i))
    for i in order:
        tokens = entries[i][1]
        ranked = sorted(tokens, key=lambda word: (frequency[word], word))
        prefix = ranked[: len(tokens) - math.ceil(NEAR_DUPLICATE * len(tokens)) + 1]
        seen: set[int] = set()
        for word in prefix:
            for j in index.get(word, ()):
                if j in seen:
                    continue
                seen.add(j)
                other = entries[j][1]
                similarity = len(tokens & other) / len(tokens | other)
                if similarity >= NEAR_DUPLICATE:
                    later, earlier = max(i, j), min(i, j)
                    if later not in best or (similarity, -earlier) > (
                        best[later][0],
                        -best[later][1],
                    ):
                        best[later] = (similarity, earlier)
            index.setdefault(word, []).append(i)
    for later in sorted(best):
        similarity, earlier = best[later]
        yield _finding(
            "AM106",
            f"claim {entries[later][0]!r} nearly repeats claim {entries[earlier][0]!r} "
            f"({similarity:.0%} of their words are shared): merge them, or say what sets "
            "them apart",
            ("claims", entries[later][0]),
        )


# Quotes.

_QUOTE_MARKS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a`\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u00ad": None,  # a soft hyphen is invisible
    }
)
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")


def normalise_quote(text: str) -> str:
    """``text`` as quotes are matched: curly quotes straight, dashes as hyphens, any run
    of whitespace (a line break too) one space.

    >>> normalise_quote("it\\u2019s  \\u201cnatural\\u201d \\u2014\\n  they said")
    'it\\'s "natural" - they said'
    """
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def _quotes(argmap: ArgumentMap, source_text: str) -> Iterator[Problem]:
    source = normalise_quote(source_text)
    for claim in argmap.claims:
        if claim.quote is None or not claim.quote.strip():
            continue
        parts = [normalise_quote(p) for p in _ELLIPSIS.split(claim.quote)]
        start = 0
        for part in filter(None, parts):
            found = source.find(part, start)
            if found < 0:
                yield _finding(
                    "AM109",
                    f"the quote of claim {claim.id!r} is not in the source text: "
                    f"{_divergence(source[start:], part, after=start > 0)}; copy it verbatim",
                    ("claims", claim.id, "quote"),
                )
                break
            start = found + len(part)


def _divergence(source: str, part: str, *, after: bool) -> str:
    """Where ``part`` stops matching: the longest start of it the source holds (a start
    that occurs means every shorter one does, so a binary search finds it)."""
    low, high = 0, len(part)  # part[:low] occurs, part[:high + 1] does not
    while low < high:
        middle = (low + high + 1) // 2
        if part[:middle] in source:
            low = middle
        else:
            high = middle - 1
    rest = part[low:]
    shown = rest if len(rest) <= 40 else rest[:40] + "…"
    if low == 0:
        where = " after the part before the ellipsis" if after else ""
        return f"none of {shown!r} is there{where}"
    return f"it departs from the source at {shown!r}"
