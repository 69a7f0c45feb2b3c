"""Gradual strength: DF-QuAD and the quadratic energy model on argument maps.

The worked examples are computed by hand from the published definitions (the papers'
own figures were not at hand), with the arithmetic in each test:

* DF-QuAD (Rago, Toni, Aurisicchio, Baroni, KR 2016): F(v1..vn) = 1 - prod(1 - vi);
  c(v0, va, vs) = v0 - v0 (va - vs) if va >= vs, else v0 + (1 - v0)(vs - va).
* Quadratic energy (Potyka, KR 2018): E = sum(supporters) - sum(attackers);
  f(w, E) = w - w h(-E) + (1 - w) h(E), h(x) = max(x, 0)^2 / (1 + max(x, 0)^2).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.analysis.strength import (
    StrengthError,
    StrengthNotConverged,
    _base_scores,
    _linked,
    _Network,
    _semantics,
    df_quad,
    quadratic_energy,
    strength,
)
from argmap.errors import ValidationError
from argmap.model import ArgumentMap, Claim, Inference, Relation, RelationKind

BOTH = ("df-quad", "quadratic-energy")


def claims(*ids: str) -> list[Claim]:
    return [Claim(id=claim_id, text=claim_id.upper()) for claim_id in ids]


def supports(sources: str | Sequence[str], target: str) -> Relation:
    return Relation(sources=sources, target=target)


def attacks(sources: str | Sequence[str], target: str) -> Relation:
    return Relation(sources=sources, target=target, kind=RelationKind.ATTACKS)


def undercuts(sources: str, inference: Inference) -> Relation:
    return Relation(sources=sources, target=inference, kind=RelationKind.UNDERCUTS)


# --- worked examples ----------------------------------------------------------------------

# t is supported by s1 and s2 and attacked by a, which d attacks.
TREE = ArgumentMap(
    claims=claims("t", "s1", "s2", "a", "d"),
    relations=[supports("s1", "t"), supports("s2", "t"), attacks("a", "t"), attacks("d", "a")],
)
TREE_BASE = {"t": 0.5, "s1": 0.6, "s2": 0.4, "a": 0.8, "d": 0.5}


def test_df_quad_of_a_small_tree() -> None:
    # d: no attackers, no supporters: 0.5.
    # a: va = F(0.5) = 0.5 >= vs = 0: 0.8 - 0.8 * 0.5 = 0.4.
    # t: va = F(0.4) = 0.4; vs = F(0.6, 0.4) = 1 - 0.4 * 0.6 = 0.76 > va:
    #    0.5 + 0.5 * (0.76 - 0.4) = 0.68.
    result = strength(TREE, "df-quad", TREE_BASE)
    assert result == pytest.approx({"t": 0.68, "s1": 0.6, "s2": 0.4, "a": 0.4, "d": 0.5})


def test_quadratic_energy_of_a_small_tree() -> None:
    # a: E = -0.5; h(0.5) = 0.25 / 1.25 = 0.2: 0.8 - 0.8 * 0.2 = 0.64.
    # t: E = 0.6 + 0.4 - 0.64 = 0.36; h(0.36) = 0.1296 / 1.1296:
    #    0.5 + 0.5 * 0.1296 / 1.1296 = 0.557365...
    result = strength(TREE, "quadratic-energy", TREE_BASE)
    expected_t = 0.5 + 0.5 * 0.1296 / 1.1296
    assert result == pytest.approx({"t": expected_t, "s1": 0.6, "s2": 0.4, "a": 0.64, "d": 0.5})
    assert round(result["t"], 6) == 0.557365


def test_the_result_lists_every_claim_in_map_order() -> None:
    assert list(strength(TREE)) == ["t", "s1", "s2", "a", "d"]


def test_default_base_score_is_one_half() -> None:
    # a: 0.5 - 0.5 * 0.5 = 0.25; t: va = 0.25, vs = 1 - 0.5 * 0.5 = 0.75:
    # 0.5 + 0.5 * 0.5 = 0.75.
    assert strength(TREE)["t"] == pytest.approx(0.75)
    assert strength(TREE, default=1.0)["a"] == 0.0  # 1 - 1 * F(1) = 0


def test_a_claims_weight_is_its_base_score_and_base_overrides_it() -> None:
    weighted = ArgumentMap(
        claims=[Claim(id=c.id, text=c.text, weight=TREE_BASE[c.id]) for c in TREE.claims],
        relations=TREE.relations,
    )
    # The weights are the small tree's base scores: its worked example, without `base`.
    assert strength(weighted) == pytest.approx(
        {"t": 0.68, "s1": 0.6, "s2": 0.4, "a": 0.4, "d": 0.5}
    )
    # `base` wins over a weight: a at 1.0 is 1 - 1 * 0.5 = 0.5.
    assert strength(weighted, base={"a": 1.0})["a"] == pytest.approx(0.5)
    # `default` only fills the claims without a weight.
    assert strength(weighted, default=0.0) == strength(weighted)


@pytest.mark.parametrize(
    ("linked", "semantics", "expected"),
    [
        # minimum: the relation's strength is min(0.9, 0.3) = 0.3.
        ("minimum", "df-quad", 0.5 + 0.5 * 0.3),
        ("minimum", "quadratic-energy", 0.5 + 0.5 * 0.09 / 1.09),
        # product: 0.9 * 0.3 = 0.27.
        ("product", "df-quad", 0.5 + 0.5 * 0.27),
        ("product", "quadratic-energy", 0.5 + 0.5 * 0.0729 / 1.0729),
    ],
)
def test_a_linked_relation_is_one_supporter_from_its_premises(
    linked: str, semantics: str, expected: float
) -> None:
    m = ArgumentMap(claims=claims("t", "p", "q"), relations=[supports(["p", "q"], "t")])
    result = strength(m, semantics, {"p": 0.9, "q": 0.3}, linked=linked)
    assert result["t"] == pytest.approx(expected)


def test_a_linked_attack_counts_once_not_once_per_premise() -> None:
    # One attacker of strength min(0.5, 0.5) = 0.5: 0.5 - 0.5 * 0.5 = 0.25. Two
    # separate attackers would give F(0.5, 0.5) = 0.75 and 0.125.
    m = ArgumentMap(claims=claims("t", "p", "q"), relations=[attacks(["p", "q"], "t")])
    assert strength(m)["t"] == 0.25


INFERENCE = Inference("p", "t")
UNDERCUT = ArgumentMap(
    claims=claims("t", "p", "u"),
    relations=[supports("p", "t"), undercuts("u", INFERENCE)],
)


def test_an_undercut_scales_the_relation_it_targets() -> None:
    # p -> t counts with 0.8 * (1 - 0.5) = 0.4: 0.5 + 0.5 * 0.4 = 0.7. The undercutter
    # itself is no attacker of t, and keeps its base score.
    result = strength(UNDERCUT, "df-quad", {"p": 0.8})
    assert result == pytest.approx({"t": 0.7, "p": 0.8, "u": 0.5})
    # Energy 0.4: 0.5 + 0.5 * 0.16 / 1.16.
    energy = strength(UNDERCUT, "quadratic-energy", {"p": 0.8})
    assert energy["t"] == pytest.approx(0.5 + 0.5 * 0.16 / 1.16)


def test_an_undercut_of_the_undercut_restores_the_inference() -> None:
    # v (1.0) undercuts u's inference completely: u counts 0.5 * (1 - 1) = 0, so p -> t
    # counts 0.8 * (1 - 0) = 0.8: 0.5 + 0.5 * 0.8 = 0.9.
    m = UNDERCUT.evolve(
        claims=[*UNDERCUT.claims, *claims("v")],
        relations=[*UNDERCUT.relations, undercuts("v", Inference("u", INFERENCE))],
    )
    assert strength(m, base={"p": 0.8, "v": 1.0})["t"] == pytest.approx(0.9)


def test_a_full_undercut_leaves_the_base_score() -> None:
    assert strength(UNDERCUT, base={"p": 1.0, "u": 1.0})["t"] == 0.5


# --- cycles -------------------------------------------------------------------------------

MUTUAL = ArgumentMap(claims=claims("a", "b"), relations=[attacks("a", "b"), attacks("b", "a")])


def test_df_quad_mutual_attack_reaches_its_unique_fixed_point() -> None:
    # a = 1 * (1 - b), b = 0.5 * (1 - a) = 0.5 * b, so b = 0 and a = 1. (The discrete
    # iteration from the base scores would not settle there: it is what the continuous
    # model is for.)
    result = strength(MUTUAL, "df-quad", {"a": 1.0, "b": 0.5})
    assert result["a"] == pytest.approx(1.0, abs=1e-8)
    assert result["b"] == pytest.approx(0.0, abs=1e-8)


def test_quadratic_energy_mutual_attack_solves_its_cubic() -> None:
    # Symmetric: s = 0.5 - 0.5 h(s) = 0.5 - 0.5 s^2 / (1 + s^2), so s^3 + s - 0.5 = 0;
    # by Cardano's formula s = cbrt(q + r) + cbrt(q - r), q = 0.25, r = sqrt(q^2 + 1/27).
    r = math.sqrt(0.25**2 + 1 / 27)
    s = math.cbrt(0.25 + r) + math.cbrt(0.25 - r)
    assert round(s, 6) == 0.423854
    result = strength(MUTUAL, "quadratic-energy")
    assert result == pytest.approx({"a": s, "b": s}, abs=1e-8)


def test_support_cycle_converges_to_full_strength() -> None:
    # a = 0.5 + 0.5 b and b = 0.5 + 0.5 a: a = b = 1.
    m = ArgumentMap(claims=claims("a", "b"), relations=[supports("a", "b"), supports("b", "a")])
    assert strength(m) == pytest.approx({"a": 1.0, "b": 1.0}, abs=1e-8)


def test_claims_outside_the_cycle_see_its_settled_strengths() -> None:
    # t is attacked by a, which is in the cycle a <-> b of the mutual-attack test.
    m = MUTUAL.evolve(
        claims=[*MUTUAL.claims, *claims("t")], relations=[*MUTUAL.relations, attacks("a", "t")]
    )
    result = strength(m, "df-quad", {"a": 1.0, "b": 0.5})
    assert result["t"] == pytest.approx(0.0, abs=1e-8)  # 0.5 - 0.5 * 1


def test_not_converging_names_the_cycle() -> None:
    with pytest.raises(StrengthNotConverged) as raised:
        strength(MUTUAL, "df-quad", {"a": 1.0, "b": 0.5}, max_steps=1)
    error = raised.value
    assert error.cycle == ("a", "b", "a")
    assert error.claims == ("a", "b")
    assert error.steps == 1
    assert str(error) == (
        f"df-quad strength did not settle within 1 step on the cycle a -> b -> a: the "
        f"strengths still change by up to {error.change:.3g}; allow more steps "
        f"(max_steps), a larger tolerance, or break the cycle"
    )
    assert isinstance(error, argmap.ArgmapError)


def test_not_converging_in_a_larger_group_says_how_large() -> None:
    # a <-> b and b <-> c: one group of three; the shortest cycle through a is a -> b -> a.
    m = ArgumentMap(
        claims=claims("a", "b", "c"),
        relations=[attacks("a", "b"), attacks("b", "a"), supports("b", "c"), supports("c", "b")],
    )
    with pytest.raises(StrengthNotConverged, match=r"cycle a -> b -> a \(one of 3 claims") as e:
        strength(m, max_steps=1)
    assert e.value.claims == ("a", "b", "c")


def test_an_undercut_by_the_target_itself_is_a_cycle() -> None:
    # t undercuts p -> t: t's strength depends on itself.
    m = ArgumentMap(
        claims=claims("t", "p"),
        relations=[supports("p", "t"), undercuts("t", Inference("p", "t"))],
    )
    with pytest.raises(StrengthNotConverged, match="on the cycle t -> t:"):
        strength(m, max_steps=1)
    # Fixed point: t = 0.5 + 0.5 * (0.5 * (1 - t)), so 1.25 t = 0.75 and t = 0.6.
    assert strength(m)["t"] == pytest.approx(0.6, abs=1e-8)


# --- bad arguments ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"semantics": "df-qaud"},
            "unknown semantics 'df-qaud'; did you mean 'df-quad'?",
        ),
        ({"base": {"t": 1.5}}, "the base score of 't' must be between 0 and 1; got 1.5"),
        ({"base": {"t": math.nan}}, "the base score of 't' must be between 0 and 1; got nan"),
        ({"default": -0.1}, "the default base score must be between 0 and 1; got -0.1"),
        (
            {"base": {"s3": 0.5}},
            "base score for an unknown claim 's3'; did you mean 's2' or 's1' or 't'?",
        ),
        (
            {"linked": "mean"},
            "unknown way to combine linked premises 'mean' (one of: minimum, product)",
        ),
        ({"step": 2.0}, "the integration step must be in (0, 1]; got 2.0"),
        ({"tolerance": 0}, "the tolerance must be a positive number; got 0"),
        (
            {"semantics": "zzz"},
            "unknown semantics 'zzz' (one of: df-quad, quadratic-energy)",
        ),
        ({"max_steps": 0}, "max_steps must be a whole number of at least 1; got 0"),
    ],
)
def test_bad_arguments_are_refused_with_a_message(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(StrengthError) as raised:
        strength(TREE, **options)  # type: ignore[arg-type]
    assert str(raised.value) == message


def test_a_base_score_that_is_no_number_is_a_type_error() -> None:
    with pytest.raises(
        TypeError, match=r"the base score of 't' must be a number; got '1' \(str\)"
    ):
        strength(TREE, base={"t": "1"})  # type: ignore[dict-item]


def test_a_map_with_errors_is_refused_with_its_problems() -> None:
    m = ArgumentMap(claims=claims("t"), relations=[supports("x", "t")])
    with pytest.raises(ValidationError, match="unknown claim 'x'"):
        strength(m)


def test_flagship_map_strengths_are_in_range_and_the_thesis_stands() -> None:
    m = argmap.examples.load("second-occupation")
    for semantics in BOTH:
        result = strength(m, semantics)
        assert set(result) == {claim.id for claim in m.claims}
        assert all(0.0 <= value <= 1.0 for value in result.values())
        assert result["thesis"] > 0.5


# --- properties ---------------------------------------------------------------------------


@st.composite
def maps(draw: st.DrawFn, *, acyclic: bool) -> ArgumentMap:
    """Small valid maps: claims c0..cn, supports and attacks (some linked), undercuts.

    When ``acyclic``, every source comes before its target, so no claim depends on itself.
    """
    count = draw(st.integers(1, 7))
    ids = [f"c{i}" for i in range(count)]
    relations: list[Relation] = []
    seen: set[tuple[tuple[str, ...], str]] = set()
    for _ in range(draw(st.integers(0, 10))):
        target = draw(st.integers(0, count - 1))
        pool = [i for i in range(count) if i != target and (not acyclic or i < target)]
        if not pool:
            continue
        sources = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
        key = (tuple(sorted(ids[i] for i in sources)), ids[target])
        if key in seen:
            continue
        seen.add(key)
        kind = draw(st.sampled_from([RelationKind.SUPPORTS, RelationKind.ATTACKS]))
        relations.append(
            Relation(sources=[ids[i] for i in sources], target=ids[target], kind=kind)
        )
    for _ in range(draw(st.integers(0, 2)) if relations else 0):
        undercut = draw(st.sampled_from(relations))
        root_target = undercut.target
        while isinstance(root_target, Inference):
            root_target = root_target.target
        root = ids.index(root_target)
        pool = [i for i in range(count) if not acyclic or i < root]
        pool = [i for i in pool if ids[i] not in undercut.sources]
        if not pool:
            continue
        source = ids[draw(st.sampled_from(pool))]
        if any(r.target == undercut.inference for r in relations):
            continue
        relations.append(undercuts(source, undercut.inference))
    return ArgumentMap(claims=claims(*ids), relations=relations)


scores = st.floats(0.0, 1.0)


def bases(m: ArgumentMap) -> st.SearchStrategy[dict[str, float]]:
    return st.fixed_dictionaries({claim.id: scores for claim in m.claims})


@given(st.data(), maps(acyclic=False), st.sampled_from(BOTH))
def test_strength_is_always_between_zero_and_one(
    data: st.DataObject, m: ArgumentMap, semantics: str
) -> None:
    assert not argmap.validate(m, severity=argmap.Severity.ERROR)
    result = strength(m, semantics, data.draw(bases(m)))
    assert all(0.0 <= value <= 1.0 for value in result.values())


@given(st.lists(scores, min_size=1, max_size=5), st.sampled_from(BOTH))
def test_a_claim_with_no_attackers_or_supporters_keeps_its_base_score(
    values: list[float], semantics: str
) -> None:
    m = ArgumentMap(claims=claims(*(f"c{i}" for i in range(len(values)))))
    base = {f"c{i}": value for i, value in enumerate(values)}
    assert strength(m, semantics, base) == base


@given(
    st.data(),
    maps(acyclic=True),
    st.sampled_from(BOTH),
    st.sampled_from([RelationKind.SUPPORTS, RelationKind.ATTACKS]),
    scores,
)
def test_a_new_supporter_never_lowers_and_a_new_attacker_never_raises(
    data: st.DataObject,
    m: ArgumentMap,
    semantics: str,
    kind: RelationKind,
    score: float,
) -> None:
    base = data.draw(bases(m))
    target = data.draw(st.sampled_from(m.claims)).id
    before = strength(m, semantics, base)[target]
    bigger = m.evolve(
        claims=[*m.claims, Claim(id="new", text="New")],
        relations=[*m.relations, Relation(sources="new", target=target, kind=kind)],
    )
    after = strength(bigger, semantics, {**base, "new": score})[target]
    if kind is RelationKind.SUPPORTS:
        assert after >= before
    else:
        assert after <= before


@given(
    st.data(), maps(acyclic=True), st.sampled_from(BOTH), st.sampled_from(["minimum", "product"])
)
def test_integrating_an_acyclic_map_gives_the_topological_strengths(
    data: st.DataObject, m: ArgumentMap, semantics: str, linked: str
) -> None:
    base = data.draw(bases(m))
    exact = strength(m, semantics, base, linked=linked)
    network = _Network.of(m, _base_scores(m, base, 0.5), _semantics(semantics), _linked(linked))
    integrated = network.solve(
        semantics, step=0.5, tolerance=1e-12, max_steps=100_000, everything_at_once=True
    )
    assert integrated == pytest.approx(list(exact.values()), abs=1e-9)


@given(scores, st.lists(scores, max_size=3), st.lists(scores, max_size=3))
def test_df_quad_is_the_published_combination(
    base: float, attackers: list[float], supporters: list[float]
) -> None:
    va = 1 - math.prod(1 - v for v in attackers)
    vs = 1 - math.prod(1 - v for v in supporters)
    expected = base - base * abs(vs - va) if va >= vs else base + (1 - base) * abs(vs - va)
    assert df_quad(base, attackers, supporters) == pytest.approx(expected)


@given(scores, st.lists(scores, max_size=3), st.lists(scores, max_size=3))
def test_quadratic_energy_moves_towards_the_sign_of_the_energy(
    base: float, attackers: list[float], supporters: list[float]
) -> None:
    value = quadratic_energy(base, attackers, supporters)
    energy = sum(supporters) - sum(attackers)
    assert (value >= base) if energy >= 0 else (value <= base)
