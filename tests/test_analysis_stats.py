"""argmap.analysis.stats: counts, depth and branching, what is unsupported or unanswered."""

from __future__ import annotations

from argmap import ArgumentMap, Claim, Inference, Relation, examples
from argmap.analysis.stats import ActorStats, GroupStats, ThesisStats, stats


def test_the_flagship() -> None:
    found = stats(examples.load("second-occupation"))
    assert (found.claims, found.relations, found.linked) == (26, 23, 4)
    assert found.claims_by_kind == {
        "thesis": 1,
        "premise": 7,
        "evidence": 12,
        "motive": 2,
        "objection": 2,
        "assumption": 0,
        "consequence": 1,
        "question": 1,
    }
    assert found.relations_by_kind == {"supports": 20, "attacks": 2, "undercuts": 1}
    # mosul-fatwa -> pmu-growth -> balance-shift -> hold-slipping -> motive-warn-iran -> thesis
    assert found.theses == (ThesisStats("thesis", 5, 23, 2.0, 3),)
    assert (found.premises, found.unsupported_premises) == (7, ("official-danger",))
    assert found.unsupported_share == 1 / 7
    # The thesis and the official account attack each other: each attack is answered.
    assert found.unanswered_attacks == (
        "objection-occupation undercuts (official-danger -> official-justification)",
    )
    assert found.disconnected == ("open-question",)
    assert found.groups == (
        GroupStats("dual-motive", "Dual motive", 2),
        GroupStats("pmu-rise", "The rise of the PMU", 8),
        GroupStats("pmu-as-target", "The PMU as target", 3),
    )
    assert found.actors == (ActorStats("us", "United States", 2),)


def _map(relations: list[Relation], kinds: dict[str, str] | None = None) -> ArgumentMap:
    names = sorted({s for r in relations for s in r.sources} | {"t"} | set(kinds or {}))
    kind = {"t": "thesis", **(kinds or {})}
    return ArgumentMap(
        claims=[Claim(id=n, text=n, kind=kind.get(n, "premise")) for n in names],
        relations=relations,
    )


def test_a_cycle_counts_as_one_level() -> None:
    # a and b support each other, and both t; c supports a.
    found = stats(
        _map(
            [
                Relation(sources=["a"], target="b"),
                Relation(sources=["b"], target="a"),
                Relation(sources=["a"], target="t"),
                Relation(sources=["c"], target="a"),
            ]
        )
    )
    assert found.theses == (ThesisStats("t", 2, 3, 4 / 3, 2),)
    assert found.unsupported_premises == ("c",)


def test_a_countered_or_undercut_attack_is_answered() -> None:
    found = stats(
        _map(
            [
                Relation(sources=["a"], target="t", kind="attacks"),
                Relation(sources=["b"], target="a", kind="attacks"),
                Relation(sources=["c"], target="t", kind="attacks"),
                Relation(sources=["d"], target=Inference("c", "t"), kind="undercuts"),
            ]
        )
    )
    assert found.unanswered_attacks == ("b attacks a", "d undercuts (c -> t)")
    # An undercut of the step into t counts among t's reasons and objections.
    assert found.theses == (ThesisStats("t", 2, 4, 2.0, 3),)


def test_an_empty_map() -> None:
    found = stats(ArgumentMap())
    assert (found.claims, found.theses, found.unsupported_share, found.disconnected) == (
        0,
        (),
        None,
        (),
    )


def test_a_chain_of_a_hundred_thousand_claims_is_measured_without_recursion() -> None:
    count = 100_000
    claims = [Claim(id="t", text="t", kind="thesis")]
    claims += [Claim(id=f"c{i}", text="x") for i in range(count)]
    chain = [Relation(sources=[f"c{i}"], target=f"c{i - 1}" if i else "t") for i in range(count)]
    found = stats(ArgumentMap(claims=claims, relations=chain))
    assert found.theses == (ThesisStats("t", count, count, 1.0, 1),)
