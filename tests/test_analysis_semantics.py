"""Extension semantics: known answers, how a map becomes a framework, properties over
random frameworks, and agreement with python-argumentation (an independent reference)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from argmap.analysis import (
    EvaluationError,
    EvaluationTimeout,
    Framework,
    Labelling,
    _sat,
    complete,
    evaluate,
    framework,
    grounded,
    preferred,
    stable,
)
from argmap.model import ArgumentMap, Claim, Inference, Relation

SOLVERS = [
    "backtracking",
    pytest.param(
        "sat",
        marks=pytest.mark.skipif(
            not _sat.available(), reason="python-sat is not installed (pip install python-sat)"
        ),
    ),
]


def labels(labelling: Labelling) -> str:
    return " ".join(f"{name}={label}" for name, label in labelling.items())


def claims_map(names: str, *relations: Relation) -> ArgumentMap:
    return ArgumentMap(claims=[Claim(id=n, text=n.upper()) for n in names], relations=relations)


def attack(sources: str, target: str | Inference) -> Relation:
    return Relation(sources=list(sources), target=target, kind="attacks")


def support(sources: str, target: str) -> Relation:
    return Relation(sources=list(sources), target=target)


def undercut(sources: str, target: Inference) -> Relation:
    return Relation(sources=list(sources), target=target, kind="undercuts")


# Known answers


@pytest.mark.parametrize("solver", SOLVERS)
def test_attack_chain_is_in_out_in_under_every_semantics(solver: str) -> None:
    af = Framework("abc", [("a", "b"), ("b", "c")])
    assert labels(grounded(af)) == "a=in b=out c=in"
    for semantics in (complete, preferred, stable):
        assert [labels(each) for each in semantics(af, solver=solver)] == ["a=in b=out c=in"]


@pytest.mark.parametrize("solver", SOLVERS)
def test_mutual_attack_is_undecided_grounded_and_has_two_preferred(solver: str) -> None:
    af = Framework("ab", [("a", "b"), ("b", "a")])
    assert labels(grounded(af)) == "a=undec b=undec"
    assert [labels(e) for e in preferred(af, solver=solver)] == ["a=in b=out", "a=out b=in"]
    assert [labels(e) for e in stable(af, solver=solver)] == ["a=in b=out", "a=out b=in"]
    assert [labels(e) for e in complete(af, solver=solver)] == [
        "a=in b=out",
        "a=out b=in",
        "a=undec b=undec",
    ]


@pytest.mark.parametrize("solver", SOLVERS)
def test_odd_cycle_has_no_stable_labelling_and_one_empty_preferred(solver: str) -> None:
    af = Framework("abc", [("a", "b"), ("b", "c"), ("c", "a")])
    assert stable(af, solver=solver) == []
    assert [labels(e) for e in preferred(af, solver=solver)] == ["a=undec b=undec c=undec"]


@pytest.mark.parametrize("solver", SOLVERS)
def test_self_attacker_is_undecided_and_what_it_attacks_too(solver: str) -> None:
    af = Framework("ab", [("a", "a"), ("a", "b")])
    assert labels(grounded(af)) == "a=undec b=undec"
    assert stable(af, solver=solver) == []


@pytest.mark.parametrize("solver", SOLVERS)
def test_timeout_raises_a_clear_error_instead_of_hanging(solver: str) -> None:
    # 40 mutual attacks: 3**40 complete labellings, found one after another.
    names = [f"x{i}" for i in range(80)]
    pairs = [(names[i], names[i + 1]) for i in range(0, 80, 2)]
    af = Framework(names, pairs + [(b, a) for a, b in pairs])
    with pytest.raises(EvaluationTimeout) as raised:
        complete(af, timeout=0.05, solver=solver)
    found = raised.value.found
    # How many came first depends on the machine's speed (none, on a slow enough one).
    assert 0 <= found < 3**40
    assert str(raised.value) == str(EvaluationTimeout("complete", 0.05, 80, 80, found=found))


@pytest.mark.parametrize(
    ("found", "said"),
    [
        (0, ""),
        (1, ", after finding 1 labelling (there may be more)"),
        (7, ", after finding 7 labellings (there may be more)"),
    ],
)
def test_a_timeout_says_how_many_labellings_it_had_found(found: int, said: str) -> None:
    assert str(EvaluationTimeout("complete", 0.05, 80, 81, found=found)) == (
        f"complete semantics gave up after 0.05 s on a framework of 80 arguments and 81 "
        f"attacks{said}; grounded semantics always answers at once, or allow more time "
        "(timeout=, or --timeout on the command line)"
    )


def random_attacks(n: int, mean_degree: float, seed: int) -> Framework:
    """Erdős and Rényi: each ordered pair of distinct arguments attacks with probability
    mean_degree / n."""
    import random

    rng = random.Random(seed)
    names = [f"a{i}" for i in range(n)]
    p = mean_degree / n
    return Framework(names, [(a, b) for a in names for b in names if a != b and rng.random() < p])


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("semantics", [preferred, stable])
def test_a_hard_framework_gives_up_at_its_time_limit(solver: str, semantics: Any) -> None:
    # One strongly connected component of 1,000 arguments, 10 attackers each: neither
    # solver settles it in minutes (benchmarks/README.md), so each must stop at 0.5 s.
    af = random_attacks(1000, 10, seed=1)
    with pytest.raises(EvaluationTimeout) as raised:
        semantics(af, timeout=0.5, solver=solver)
    assert str(raised.value).startswith(
        f"{raised.value.semantics} semantics gave up after 0.5 s on a framework of 1000 "
        f"arguments and {len(af.attacks)} attacks"
    )


def test_without_python_sat_the_timeout_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_sat, "available", lambda: False)
    af = random_attacks(1000, 10, seed=1)
    with pytest.raises(EvaluationTimeout) as raised:
        preferred(af, timeout=0.05)
    assert str(raised.value) == (
        f"preferred semantics gave up after 0.05 s on a framework of 1000 arguments and "
        f"{len(af.attacks)} attacks; grounded semantics always answers at once, or allow "
        "more time (timeout=, or --timeout on the command line); installing the SAT solver "
        "(pip install 'argmap[sat]') makes large frameworks much faster"
    )
    with pytest.raises(EvaluationError) as refused:
        preferred(af, solver="sat")
    assert str(refused.value) == (
        "the sat solver needs python-sat: pip install 'argmap[sat]', or use solver='auto'"
    )


def test_evaluate_counts_reading_the_map_in_its_time_limit() -> None:
    # Every chain of supports ending in an attack is an attack: this map makes some
    # 400,000, which take seconds to derive; the limit stops that too.
    import random

    rng = random.Random(1)
    names = [f"c{i}" for i in range(1000)]
    pairs = [rng.sample(names, 2) for _ in range(2500)]
    relations = [
        Relation(sources=[a], target=b, kind="supports" if i < 1500 else "attacks")
        for i, (a, b) in enumerate(pairs)
    ]
    m = ArgumentMap(claims=[Claim(id=n, text=n) for n in names], relations=relations)
    with pytest.raises(EvaluationTimeout) as raised:
        evaluate(m, "preferred", timeout=0.05)
    assert str(raised.value) == (
        "preferred semantics gave up after 0.05 s while reading a map of 1000 claims and "
        "2500 relations as a framework (each chain of supports makes attacks; supports=False, "
        "or --no-supports, leaves them out); grounded semantics always answers at once, or "
        "allow more time (timeout=, or --timeout on the command line)"
    )


def test_framework_refuses_unknown_and_repeated_names() -> None:
    with pytest.raises(EvaluationError, match="names 'z', which is not one of the arguments"):
        Framework("ab", [("a", "z")])
    with pytest.raises(EvaluationError, match="argument 'a' is named twice"):
        Framework("aba", [])


# The map as a framework


def test_plain_attacks_become_attacks_and_supports_nothing_without_supports() -> None:
    m = claims_map("abc", attack("a", "b"), support("c", "a"))
    assert framework(m, supports=False).attacks == (("a", "b"),)
    assert framework(m, supports=False).auxiliary == frozenset()


def test_supported_attack_supporter_attacks_what_the_supported_attacks() -> None:
    # c supports a, a attacks b: c attacks b (Cayrol and Lagasquie-Schiex).
    m = claims_map("abc", attack("a", "b"), support("c", "a"))
    assert framework(m).attacks == (("a", "b"), ("c", "b"))


def test_secondary_attack_attacker_attacks_what_its_target_supports() -> None:
    # a attacks b, b supports c: a attacks c.
    m = claims_map("abc", attack("a", "b"), support("b", "c"))
    assert framework(m).attacks == (("a", "b"), ("a", "c"))
    assert labels(evaluate(m)[0]) == "a=in b=out c=out"
    assert labels(evaluate(m, supports=False)[0]) == "a=in b=out c=in"


def test_linked_attack_needs_every_source() -> None:
    m = claims_map("abcd", attack("ab", "c"), attack("d", "b"))
    assert labels(evaluate(m)[0]) == "a=in b=out c=in d=in"
    assert labels(evaluate(claims_map("abc", attack("ab", "c")))[0]) == "a=in b=in c=out"
    assert framework(m).auxiliary == {"<a + b attacks c>", "¬a", "¬b"}


def test_undercut_attack_no_longer_attacks_its_target_nor_the_attacker() -> None:
    m = claims_map("abu", attack("a", "b"), undercut("u", Inference(["a"], "b")))
    assert labels(evaluate(m)[0]) == "a=in b=in u=in"
    assert labels(evaluate(claims_map("ab", attack("a", "b")))[0]) == "a=in b=out"


def test_undercut_support_passes_on_no_attack() -> None:
    # a attacks b; b supports c, but u undercuts that inference: c is not attacked.
    m = claims_map(
        "abcu", attack("a", "b"), support("b", "c"), undercut("u", Inference(["b"], "c"))
    )
    assert labels(evaluate(m)[0]) == "a=in b=out c=in u=in"
    # Undercut the undercut: the secondary attack is back.
    m2 = claims_map(
        "abcuv",
        attack("a", "b"),
        support("b", "c"),
        undercut("u", Inference(["b"], "c")),
        undercut("v", Inference(["u"], Inference(["b"], "c"))),
    )
    assert labels(evaluate(m2)[0]) == "a=in b=out c=out u=in v=in"


def test_an_attacked_undercutter_is_reinstated_like_any_attacker() -> None:
    m = claims_map(
        "abuw", attack("a", "b"), undercut("u", Inference(["a"], "b")), attack("w", "u")
    )
    assert labels(evaluate(m)[0]) == "a=in b=out u=out w=in"


def test_undecided_undercut_leaves_the_target_undecided() -> None:
    m = claims_map(
        "abuv",
        attack("a", "b"),
        undercut("u", Inference(["a"], "b")),
        attack("u", "v"),
        attack("v", "u"),
    )
    assert labels(evaluate(m)[0]) == "a=in b=undec u=undec v=undec"
    assert [labels(e) for e in evaluate(m, "preferred")] == [
        "a=in b=in u=in v=out",
        "a=in b=out u=out v=in",
    ]


def test_unknown_claim_in_a_relation_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError) as raised:
        framework(claims_map("a", attack("a", "zz")))
    assert str(raised.value) == (
        "the relation 'a attacks zz' names the unknown claim 'zz'; check the map with "
        "argmap.validate (or argmap validate) first"
    )


def test_flagship_thesis_stands_under_grounded_with_supports_and_is_undecided_without() -> None:
    import argmap

    m = argmap.load("examples/second-occupation/map.yaml")
    with_supports = evaluate(m)[0]
    assert (with_supports["thesis"], with_supports["official-justification"]) == ("in", "out")
    without = evaluate(m, supports=False)[0]
    assert (without["thesis"], without["official-justification"]) == ("undec", "undec")


# Properties over random frameworks

NAMES = "abcdefgh"


@st.composite
def frameworks(draw: st.DrawFn, most: int = 8) -> Framework:
    n = draw(st.integers(1, most))
    names = NAMES[:n]
    pairs = list(itertools.product(names, names))
    attacks = draw(st.lists(st.sampled_from(pairs), max_size=3 * n, unique=True))
    return Framework(names, attacks)


def is_complete(af: Framework, labelling: Labelling) -> bool:
    attackers = {name: [a for a, b in af.attacks if b == name] for name in af.arguments}
    for name, label in labelling.items():
        theirs = [labelling[a] for a in attackers[name]]
        expected = (
            "in" if all(t == "out" for t in theirs) else ("out" if "in" in theirs else "undec")
        )
        if label != expected:
            return False
    return True


def is_admissible(af: Framework, accepted: frozenset[str]) -> bool:
    conflict_free = not any(a in accepted and b in accepted for a, b in af.attacks)
    defended = all(
        any((c, b) in af.attacks for c in accepted)
        for a in accepted
        for b in af.arguments
        if (b, a) in af.attacks
    )
    return conflict_free and defended


@pytest.mark.parametrize("solver", SOLVERS)
@given(af=frameworks())
# Found by hypothesis: a branch's label was not checked against what it attacks.
@example(
    af=Framework(
        "abc",
        [("a", "a"), ("a", "b"), ("a", "c"), ("b", "a"), ("b", "b"), ("b", "c"), ("c", "a")],
    )
)
def test_semantics_relate_as_dung_proved(solver: str, af: Framework) -> None:
    ground = grounded(af)
    completes = complete(af, solver=solver)
    preferreds = preferred(af, solver=solver)
    stables = stable(af, solver=solver)
    assert ground in completes
    for each in completes:
        assert is_complete(af, each)
        assert is_admissible(af, each.accepted)
        assert ground.accepted <= each.accepted
    assert preferreds
    for each in preferreds:
        assert each in completes
        assert ground.accepted <= each.accepted
        assert not any(each.accepted < other.accepted for other in completes)
    for each in stables:
        assert each in preferreds
        assert not each.undecided
    assert len({each.accepted for each in completes}) == len(completes)


# Agreement with an independent reference


def reference(af: Framework) -> dict[str, set[frozenset[str]]]:
    py_arg = pytest.importorskip(
        "py_arg",
        reason="the reference solver python-argumentation is not installed "
        "(pip install python-argumentation==2.0.2)",
    )
    del py_arg
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics import (
        get_complete_extensions,
        get_grounded_extension,
        get_preferred_extensions,
        get_stable_extensions,
    )

    arguments = {name: Argument(name) for name in af.arguments}
    defeats = [Defeat(arguments[a], arguments[b]) for a, b in af.attacks]
    theirs = AbstractArgumentationFramework("af", list(arguments.values()), defeats)

    def names(extensions: object) -> set[frozenset[str]]:
        assert isinstance(extensions, set | list | frozenset)
        return {frozenset(arg.name for arg in each) for each in extensions}

    return {
        "grounded": names([get_grounded_extension.get_grounded_extension(theirs)]),
        "complete": names(get_complete_extensions.get_complete_extensions(theirs)),
        "preferred": names(get_preferred_extensions.get_preferred_extensions(theirs)),
        "stable": names(get_stable_extensions.get_stable_extensions(theirs)),
    }


def random_frameworks(count: int) -> list[Framework]:
    import random

    rng = random.Random(19)
    found = []
    for _ in range(count):
        n = rng.randint(1, 9)
        names = [f"a{i}" for i in range(n)]
        density = rng.choice([0.1, 0.2, 0.3, 0.5])
        attacks = [(a, b) for a in names for b in names if rng.random() < density]
        found.append(Framework(names, attacks))
    return found


@pytest.mark.parametrize("solver", SOLVERS)
def test_agrees_with_python_argumentation_on_300_random_frameworks(solver: str) -> None:
    for af in random_frameworks(300):
        theirs = reference(af)
        ours = {
            "grounded": {grounded(af).accepted},
            "complete": {each.accepted for each in complete(af, solver=solver)},
            "preferred": {each.accepted for each in preferred(af, solver=solver)},
            "stable": {each.accepted for each in stable(af, solver=solver)},
        }
        assert ours == theirs, af


def grouped_frameworks(count: int) -> list[tuple[list[list[int]], list[list[int]]]]:
    """Frameworks of up to 14 arguments in up to 4 groups, attacks inside a group and
    from an earlier group to a later one: many strongly connected components, as
    attackers and attacked lists."""
    import random

    rng = random.Random(2005)
    found = []
    for _ in range(count):
        n, groups = rng.randint(1, 14), rng.randint(1, 4)
        group = [rng.randrange(groups) for _ in range(n)]
        inside, forward = rng.choice([0.1, 0.2, 0.4]), rng.choice([0.05, 0.1, 0.3])
        attackers: list[list[int]] = [[] for _ in range(n)]
        attacked: list[list[int]] = [[] for _ in range(n)]
        for a, b in itertools.product(range(n), repeat=2):
            same, later = group[a] == group[b], group[a] < group[b]
            if (same and rng.random() < inside) or (later and rng.random() < forward):
                attackers[b].append(a)
                attacked[a].append(b)
        found.append((attackers, attacked))
    return found


@pytest.mark.parametrize(
    ("solver", "large"),
    [
        pytest.param("backtracking", 200, id="backtracking"),
        pytest.param("sat", 0, marks=SOLVERS[1].marks, id="sat-cadical"),
        pytest.param("sat", 200, marks=SOLVERS[1].marks, id="sat-glucose"),
    ],
)
def test_components_one_at_a_time_give_what_the_whole_search_gives(
    solver: str, large: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The SCC-recursive walk against plain backtracking over the whole framework, with
    # CaDiCaL for every component (large=0) or Glucose for the small ones.
    from argmap.analysis import _decompose, _solver

    monkeypatch.setattr(_sat, "LARGE", large)
    base = _sat.search if solver == "sat" else _solver.search
    forever = _solver.Deadline(None, Exception)
    for attackers, attacked in grouped_frameworks(300):
        for stable_, maximal in ((False, False), (False, True), (True, False)):
            kind = {"stable": stable_, "maximal": maximal, "deadline": forever}
            whole = sorted(_solver.search(attackers, attacked, **kind))
            parts = sorted(_decompose.search(attackers, attacked, solve=base, **kind))
            assert parts == whole, (attackers, kind)
