"""The model: values with structural equality, immutability and hashing."""

from __future__ import annotations

import math
from collections.abc import Callable

import attrs
import pytest
from stack_support import shallow_stack

from argmap.model import (
    Actor,
    ArgumentMap,
    Claim,
    ClaimKind,
    Group,
    Inference,
    Relation,
    RelationKind,
    Source,
    target_key,
)


def _map(
    claims: list[Claim] | None = None,
    relations: list[Relation] | None = None,
    **parts: object,
) -> ArgumentMap:
    return ArgumentMap(claims=claims or [], relations=relations or [], **parts)  # type: ignore[arg-type]


A = Claim(id="a", text="A", tags=["x", "y"])
B = Claim(id="b", text="B", kind=ClaimKind.THESIS)
C = Claim(id="c", text="C")
AB_C = Relation(sources=["a", "b"], target="c")
A_B = Relation(sources="a", target="b", kind=RelationKind.ATTACKS)


def test_claim_kinds_are_the_eight_of_the_schema() -> None:
    assert [k.value for k in ClaimKind] == [
        "thesis",
        "premise",
        "evidence",
        "motive",
        "objection",
        "assumption",
        "consequence",
        "question",
    ]


def test_relation_kinds_are_supports_attacks_undercuts() -> None:
    assert [k.value for k in RelationKind] == ["supports", "attacks", "undercuts"]


def test_claim_defaults_to_a_premise_without_quote_actor_tags_or_metadata() -> None:
    claim = Claim(id="p", text="P")
    assert (claim.kind, claim.quote, claim.actor, claim.tags, claim.metadata) == (
        ClaimKind.PREMISE,
        None,
        None,
        (),
        {},
    )


def test_claim_weight_defaults_to_none_and_an_int_weight_is_its_float() -> None:
    assert Claim(id="p", text="P").weight is None
    assert Claim(id="p", text="P", weight=1) == Claim(id="p", text="P", weight=1.0)
    assert isinstance(Claim(id="p", text="P", weight=0).weight, float)


@pytest.mark.parametrize(
    ("weight", "error", "message"),
    [
        ("high", TypeError, "Claim.weight must be a number from 0 to 1 or None; got 'high' (str)"),
        (True, TypeError, "Claim.weight must be a number from 0 to 1 or None; got True (bool)"),
        (1.5, ValueError, "Claim.weight must be from 0 to 1; got 1.5"),
        (-0.1, ValueError, "Claim.weight must be from 0 to 1; got -0.1"),
        (math.nan, ValueError, "Claim.weight must be from 0 to 1; got nan"),
    ],
)
def test_claim_weight_outside_zero_to_one_is_refused(
    weight: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        Claim(id="p", text="P", weight=weight)  # type: ignore[arg-type]
    assert str(raised.value) == message


def test_relation_defaults_to_supports() -> None:
    assert Relation(sources="a", target="b").kind is RelationKind.SUPPORTS


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a", ("a",)), (["a", "b"], ("a", "b")), (("b", "a"), ("b", "a"))],
)
def test_lone_string_is_one_id_and_lists_become_tuples(
    value: str | list[str], expected: tuple[str, ...]
) -> None:
    assert Relation(sources=value, target="t").sources == expected
    assert Inference(value, "t").sources == expected
    assert Claim(id="c", text="C", tags=value).tags == expected
    assert Group("g", "G", value).members == expected


def test_map_parts_become_tuples_in_the_given_order() -> None:
    m = ArgumentMap(claims=iter([C, A, B]), relations=[A_B, AB_C])
    assert m.claims == (C, A, B)
    assert m.relations == (A_B, AB_C)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        pytest.param(_map([A, B, C]), _map([C, B, A]), id="claim order"),
        pytest.param(_map([A], [AB_C, A_B]), _map([A], [A_B, AB_C]), id="relation order"),
        pytest.param(
            _map([Claim(id="a", text="A", tags=["x", "y"])]),
            _map([Claim(id="a", text="A", tags=["y", "x"])]),
            id="tag order",
        ),
        pytest.param(
            _map([], [Relation(sources=["a", "b"], target="c")]),
            _map([], [Relation(sources=["b", "a"], target="c")]),
            id="linked source order",
        ),
        pytest.param(
            _map(
                [],
                [
                    Relation(
                        sources="d",
                        target=Inference(["a", "b"], "c"),
                        kind=RelationKind.UNDERCUTS,
                    )
                ],
            ),
            _map(
                [],
                [
                    Relation(
                        sources="d",
                        target=Inference(["b", "a"], "c"),
                        kind=RelationKind.UNDERCUTS,
                    )
                ],
            ),
            id="undercut inference source order",
        ),
        pytest.param(
            _map(actors=[Actor("x", "X"), Actor("y", "Y")]),
            _map(actors=[Actor("y", "Y"), Actor("x", "X")]),
            id="actor order",
        ),
        pytest.param(
            _map(groups=[Group("g", "G", ["a", "b"]), Group("h", "H", "c")]),
            _map(groups=[Group("h", "H", ["c"]), Group("g", "G", ["b", "a"])]),
            id="group and member order",
        ),
    ],
)
def test_maps_that_differ_only_in_order_are_equal_and_hash_alike(
    left: ArgumentMap, right: ArgumentMap
) -> None:
    assert left == right
    assert hash(left) == hash(right)
    assert len({left, right}) == 1


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(_map([Claim(id="a", text="A.", tags=["x", "y"]), B, C]), id="text"),
        pytest.param(_map([Claim(id="z", text="A", tags=["x", "y"]), B, C]), id="id"),
        pytest.param(_map([Claim(id="a", text="A", tags=["x"]), B, C]), id="tags"),
        pytest.param(
            _map([Claim(id="a", text="A", tags=["x", "y"], kind=ClaimKind.EVIDENCE), B, C]),
            id="kind",
        ),
        pytest.param(
            _map([Claim(id="a", text="A", tags=["x", "y"], quote="q"), B, C]), id="quote"
        ),
        pytest.param(
            _map([Claim(id="a", text="A", tags=["x", "y"], metadata={"k": 1}), B, C]),
            id="metadata",
        ),
        pytest.param(_map([A, B]), id="missing claim"),
        pytest.param(_map([A, B, C], [Relation(sources="a", target="b")]), id="relation kind"),
        pytest.param(_map([A, B, C], title="T"), id="title"),
        pytest.param(_map([A, B, C], source=Source(title="S")), id="source"),
    ],
)
def test_maps_that_say_something_different_are_unequal(other: ArgumentMap) -> None:
    assert _map([A, B, C], [A_B]) != other


def test_a_repeated_claim_is_not_the_same_as_one_claim() -> None:
    assert _map([A, A]) != _map([A])


def test_map_with_unhashable_metadata_is_still_hashable() -> None:
    m = _map([Claim(id="a", text="A", metadata={"list": [1, 2], "map": {"k": []}})])
    assert hash(m) == hash(_map([Claim(id="a", text="A", metadata={"list": [1, 2]})]))
    assert m != _map([Claim(id="a", text="A", metadata={"list": [1, 2]})])


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        (_map([A]), "title"),
        (A, "text"),
        (AB_C, "kind"),
        (Actor("x", "X"), "name"),
        (Group("g", "G"), "label"),
        (Source(), "title"),
        (Inference("a", "b"), "target"),
    ],
)
def test_model_values_are_frozen(obj: object, field: str) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, field, "changed")


@pytest.mark.parametrize("cls", [ArgumentMap, Claim, Relation, Actor, Group, Source, Inference])
def test_model_classes_are_slotted(cls: type) -> None:
    assert "__slots__" in vars(cls)
    assert "__dict__" not in vars(cls)


def test_claim_lookup_by_id_and_missing_id_is_a_key_error() -> None:
    m = _map([A, B, C])
    assert m.claim("b") is B
    assert m.has_claim("c")
    assert not m.has_claim("d")
    with pytest.raises(KeyError):
        m.claim("d")


def test_first_claim_of_a_duplicated_id_wins_the_lookup() -> None:
    first, second = Claim(id="a", text="first"), Claim(id="a", text="second")
    assert _map([first, second]).claim("a") is first


def test_actor_lookup_by_id() -> None:
    m = _map(actors=[Actor("us", "United States")])
    assert m.actor("us").name == "United States"
    with pytest.raises(KeyError, match="uk"):
        m.actor("uk")


def test_theses_are_the_thesis_claims_in_map_order() -> None:
    t2 = Claim(id="t2", text="T2", kind=ClaimKind.THESIS)
    assert _map([A, t2, C, B]).theses == (t2, B)


def test_relations_to_and_from_a_claim() -> None:
    undercut = Relation(sources="c", target=AB_C.inference, kind=RelationKind.UNDERCUTS)
    m = _map([A, B, C], [AB_C, A_B, undercut])
    assert m.relations_to("c") == (AB_C,)
    assert m.relations_to("b") == (A_B,)
    assert m.relations_to(Inference(["b", "a"], "c")) == (undercut,)
    assert m.relations_from("a") == (AB_C, A_B)
    assert m.relations_from("c") == (undercut,)


def test_linked_means_several_sources() -> None:
    assert AB_C.linked
    assert not A_B.linked


def test_relation_inference_matches_the_relation_whatever_the_source_order() -> None:
    inference = AB_C.inference
    assert inference == Inference(["a", "b"], "c")
    assert Inference(["b", "a"], "c").matches(AB_C)
    assert not Inference(["a"], "c").matches(AB_C)
    assert not Inference(["a", "b"], "b").matches(AB_C)


@pytest.mark.parametrize(
    ("relation", "text"),
    [
        (AB_C, "a + b supports c"),
        (A_B, "a attacks b"),
        (
            Relation(sources="d", target=AB_C.inference, kind=RelationKind.UNDERCUTS),
            "d undercuts (a + b -> c)",
        ),
        (
            Relation(
                sources="e",
                target=Inference("d", Inference(["a", "b"], "c")),
                kind=RelationKind.UNDERCUTS,
            ),
            "e undercuts (d -> (a + b -> c))",
        ),
    ],
)
def test_relation_describes_itself_readably(relation: Relation, text: str) -> None:
    assert relation.describe() == text


def test_evolve_replaces_fields_and_keeps_the_original() -> None:
    m = _map([A], title="Old")
    new = m.evolve(title="New", claims=[A, B])
    assert (m.title, new.title) == ("Old", "New")
    assert new.claims == (A, B)
    assert new.claim("b") is B


def test_metadata_is_copied_not_shared() -> None:
    meta = {"k": 1}
    claim = Claim(id="a", text="A", metadata=meta)
    meta["k"] = 2
    assert claim.metadata == {"k": 1}


def test_map_with_an_undercut_of_an_undercut_compares_and_hashes() -> None:
    base = Relation(sources="a", target="c")
    cut = Relation(sources="a", target=base.inference, kind=RelationKind.UNDERCUTS)
    m = _map(
        [Claim(id=i, text=i.upper()) for i in "abc"],
        [
            base,
            cut,
            Relation(sources="b", target=base.inference, kind=RelationKind.UNDERCUTS),
            Relation(sources="b", target=cut.inference, kind=RelationKind.UNDERCUTS),
        ],
    )
    assert m == m.evolve()
    assert hash(m) == hash(m.evolve())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Claim(id=7, text="T"), "Claim.id must be a str; got 7 (int)"),  # type: ignore[arg-type]
        (lambda: Claim(id="a", text=None), "Claim.text must be a str; got None (NoneType)"),  # type: ignore[arg-type]
        (
            lambda: Claim(id="a", text="T", kind=5),  # type: ignore[arg-type]
            "Claim.kind must be a ClaimKind or its value; got 5 (int)",
        ),
        (
            lambda: Claim(id="a", text="T", quote=1.5),
            "Claim.quote must be a str or None; got 1.5 (float)",
        ),  # type: ignore[arg-type]
        (
            lambda: Claim(id="a", text="T", tags=["x", 2]),
            "each of Claim.tags must be a str; got 2 (int)",
        ),  # type: ignore[list-item]
        (
            lambda: Claim(id="a", text="T", metadata=[1]),  # type: ignore[arg-type]
            "Claim.metadata must be a mapping with str keys; got [1] (list)",
        ),
        (
            lambda: Claim(id="a", text="T", metadata={1: "x"}),  # type: ignore[dict-item]
            "each key of Claim.metadata must be a str; got 1 (int)",
        ),
        (
            lambda: Relation(sources=5, target="t"),  # type: ignore[arg-type]
            "Relation.sources must be a str or an iterable of str; got 5 (int)",
        ),
        (
            lambda: Relation(sources="a", target=5),  # type: ignore[arg-type]
            "Relation.target must be a claim id (str) or an Inference; got 5 (int)",
        ),
        (
            lambda: Inference("a", None),  # type: ignore[arg-type]
            "Inference.target must be a claim id (str) or an Inference; got None (NoneType)",
        ),
        (lambda: Group("g", "G", [1]), "each of Group.members must be a str; got 1 (int)"),  # type: ignore[list-item]
        (lambda: Actor("x", None), "Actor.name must be a str; got None (NoneType)"),  # type: ignore[arg-type]
        (lambda: Source(title=5), "Source.title must be a str or None; got 5 (int)"),  # type: ignore[arg-type]
        (
            lambda: ArgumentMap(claims=[A, "b"]),
            "each of ArgumentMap.claims must be a Claim; got 'b' (str)",
        ),  # type: ignore[list-item]
        (
            lambda: ArgumentMap(claims=5),
            "ArgumentMap.claims must be an iterable of Claim; got 5 (int)",
        ),  # type: ignore[arg-type]
        (
            lambda: ArgumentMap(source="S"),
            "ArgumentMap.source must be a Source or None; got 'S' (str)",
        ),  # type: ignore[arg-type]
    ],
)
def test_a_value_of_the_wrong_type_is_a_type_error_naming_the_field(
    make: Callable[[], object], message: str
) -> None:
    with pytest.raises(TypeError) as raised:
        make()
    assert str(raised.value) == message


def test_kinds_may_be_given_by_their_values() -> None:
    assert Claim(id="a", text="A", kind="thesis").kind is ClaimKind.THESIS  # type: ignore[arg-type]
    assert Relation(sources="a", target="b", kind="attacks").kind is RelationKind.ATTACKS  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^unknown ClaimKind 'thesys' \(one of: 'thesis', "):
        Claim(id="a", text="A", kind="thesys")  # type: ignore[arg-type]


def _chain(length: int) -> ArgumentMap:
    """``c1`` undercuts ``a -> t``, ``c2`` undercuts that undercut, and so on."""
    relations = [Relation(sources="a", target="t")]
    for i in range(1, length + 1):
        relations.append(
            Relation(sources=f"c{i}", target=relations[-1].inference, kind=RelationKind.UNDERCUTS)
        )
    return _map([], relations)


def test_a_chain_of_undercuts_compares_hashes_and_describes_without_recursion() -> None:
    with shallow_stack():
        m = _chain(300)
        assert m == _chain(300)
        assert m != _chain(299)
        assert hash(m) == hash(_chain(300))
        assert len({r.target for r in m.relations}) == 301
        text = m.relations[-1].describe()
    assert text.startswith("c300 undercuts (c299 -> (c298 -> ")
    assert text.endswith("(c1 -> (a -> t)" + ")" * 299)


def test_target_key_orders_claims_before_inferences_at_every_level() -> None:
    keys = sorted(
        [
            target_key(Inference("a", Inference("b", "c"))),
            target_key("z"),
            target_key(Inference("a", "c")),
        ]
    )
    assert keys == [((0, "z"),), ((1, ("a",)), (0, "c")), ((1, ("a",)), (1, ("b",)), (0, "c"))]


def test_an_undercut_chain_of_any_depth_has_a_repr() -> None:
    assert repr(Inference(["a", "b"], Inference(["x"], "c"))) == (
        "Inference(sources=('a', 'b'), target=Inference(sources=('x',), target='c'))"
    )
    target: Inference | str = "c"
    for _ in range(5_000):  # deeper than Python's recursion limit
        target = Inference(["a"], target)
    text = repr(Relation(sources=["u"], target=target, kind="undercuts"))
    assert text.count("Inference(") == 5_000
