"""Properties of map files: dumping then loading gives the map back, in every format."""

from __future__ import annotations

import datetime
import enum
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stack_support import shallow_stack

import argmap
from argmap.errors import Severity
from argmap.formats import _plain
from argmap.model import (
    Actor,
    ArgumentMap,
    Claim,
    ClaimKind,
    Group,
    MapStyle,
    Relation,
    RelationKind,
    Source,
)
from argmap.validation import validate

# Maps made at random are legal but often not sound (claims stand alone, supports run in
# circles): their warnings are no concern of these tests.
pytestmark = pytest.mark.filterwarnings("ignore::argmap.ArgmapWarning")

FORMATS = ["yaml", "json"]
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Ids: letters of any script, digits, '-', '_', and odd ones such as spaces and ':'.
ids = st.text(
    alphabet=st.one_of(
        st.characters(categories=("L", "Nd")), st.sampled_from(["-", "_", " ", ":", "#"])
    ),
    min_size=1,
    max_size=8,
).filter(lambda s: s.strip() != "")

# Texts: any Unicode but surrogates, plus the cases that trouble YAML writers.
tricky = st.sampled_from(
    [
        "yes",
        "null",
        "~",
        "1.5",
        "0x10",
        "2024-05-01",
        "- item",
        "key: value",
        "# not a comment",
        "'single' and \"double\" quotes",
        "  leading and trailing  ",
        "line one\nline two\n",
        "\ttab",
        "emoji 🙂🏳️‍🌈",
        "שלום עולם",
        "عربي",
        "[not, a, list]",
        "{not: a map}",
        "&anchor *alias !tag",
        "%directive",
        "@at `back`",
        "trailing newline\n",
        "\u2028line separator",
        "nbsp\u00a0text",
    ]
)
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
texts = st.one_of(tricky, any_text).filter(lambda s: s.strip() != "")
plain_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        plain_text,
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(plain_text, children, max_size=3)
    ),
    max_leaves=6,
)
metadata = st.one_of(st.just({}), st.dictionaries(plain_text, json_values, max_size=3))
# Colours as a map file may write them: hex of either length and case, or a name.
colours = st.one_of(
    st.from_regex(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}", fullmatch=True),
    st.sampled_from(["teal", "Red", "grey", "gray", "white"]),
)
font_paths = st.lists(texts, max_size=2)


@st.composite
def argument_maps(draw: st.DrawFn) -> ArgumentMap:
    """A valid map using every feature of the model."""
    actor_ids = draw(st.lists(ids, unique=True, max_size=3))
    actors = [Actor(i, draw(texts), metadata=draw(metadata)) for i in actor_ids]
    claim_ids = draw(st.lists(ids, unique=True, min_size=1, max_size=6))
    claims = []
    for claim_id in claim_ids:
        kinds = list(ClaimKind) if actor_ids else [k for k in ClaimKind if k != ClaimKind.MOTIVE]
        kind = draw(st.sampled_from(kinds))
        actor_choice = st.sampled_from(actor_ids) if actor_ids else st.nothing()
        actor = draw(actor_choice if kind is ClaimKind.MOTIVE else st.none() | actor_choice)
        claims.append(
            Claim(
                id=claim_id,
                text=draw(texts),
                kind=kind,
                quote=draw(st.none() | texts),
                actor=actor,
                weight=draw(st.none() | st.floats(min_value=0, max_value=1)),
                tags=draw(st.lists(plain_text, max_size=3)),
                metadata=draw(metadata),
            )
        )
    relations: list[Relation] = []
    ends: set[tuple[frozenset[str], Any]] = set()
    undercut_sources: set[frozenset[str]] = set()
    for _ in range(draw(st.integers(0, 6))):
        sources = draw(st.lists(st.sampled_from(claim_ids), unique=True, min_size=1, max_size=3))
        if relations and draw(st.booleans()):
            target: Any = draw(st.sampled_from(relations)).inference
            kind = RelationKind.UNDERCUTS
            # Two undercuts from the same sources can make map equality raise (see
            # test_model.py::test_map_with_an_undercut_of_an_undercut_compares_and_hashes).
            if frozenset(sources) in undercut_sources:
                continue
            undercut_sources.add(frozenset(sources))
        else:
            others = [c for c in claim_ids if c not in sources]
            if not others:
                continue
            target = draw(st.sampled_from(others))
            kind = draw(st.sampled_from([RelationKind.SUPPORTS, RelationKind.ATTACKS]))
        key = (frozenset(sources), target)
        if key in ends:
            continue
        ends.add(key)
        # A scheme from the shipped set, or any text (an unknown scheme is legal).
        scheme = draw(st.none() | st.sampled_from(["expert-opinion", "analogy"]) | any_text)
        relations.append(
            Relation(
                sources=sources, target=target, kind=kind, scheme=scheme, metadata=draw(metadata)
            )
        )
    # A claim is in one group at most: each group takes claims no other group has.
    group_ids = draw(st.lists(ids, unique=True, max_size=min(2, len(claim_ids))))
    ungrouped = draw(st.permutations(claim_ids))
    groups = []
    for g in group_ids:
        size = draw(st.integers(1, len(ungrouped) - (len(group_ids) - len(groups) - 1)))
        members, ungrouped = ungrouped[:size], ungrouped[size:]
        groups.append(Group(g, draw(texts), members, metadata=draw(metadata)))
    source = draw(
        st.none()
        | st.builds(
            Source,
            title=st.none() | texts,
            author=st.none() | texts,
            url=st.none() | texts,
            date=st.none() | st.just("2024-05-01"),
            metadata=metadata,
        )
    )
    # Styles for some of the claims' tags, and for tags no claim has (a warning).
    tags = sorted({tag for claim in claims for tag in claim.tags})
    styled = draw(st.lists(st.sampled_from(tags), unique=True) if tags else st.just([]))
    styled += draw(st.lists(plain_text, max_size=1))
    style = MapStyle(tags={tag: draw(colours) for tag in styled}, fonts=draw(font_paths))
    return ArgumentMap(
        title=draw(st.none() | texts),
        source=source,
        actors=actors,
        claims=claims,
        relations=relations,
        groups=groups,
        style=style,
        metadata=draw(metadata),
    )


@PROPERTY
@given(argument_maps())
def test_generated_maps_are_valid(m: ArgumentMap) -> None:
    # Valid, not sound: claims at random stand alone and support each other in circles.
    assert validate(m, severity=Severity.ERROR) == []


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(m=argument_maps())
def test_loading_a_dump_gives_an_equal_map(fmt: str, m: ArgumentMap) -> None:
    assert argmap.loads(argmap.dumps(m, fmt), fmt) == m


# Every format argmap writes, the exports included.
WRITTEN = [name for name, each in argmap.formats.FORMATS.items() if each.dumps is not None]


@pytest.mark.parametrize("fmt", WRITTEN)
@PROPERTY
@given(m=argument_maps())
def test_dumps_is_deterministic(fmt: str, m: ArgumentMap) -> None:
    # The same map built again, its parts in new containers, gives the same bytes.
    rebuilt = ArgumentMap(
        title=m.title,
        source=m.source,
        actors=list(m.actors),
        claims=list(m.claims),
        relations=list(m.relations),
        groups=list(m.groups),
        style=MapStyle(tags=dict(m.style.tags), fonts=list(m.style.fonts)),
        metadata=dict(m.metadata),
    )
    assert argmap.dumps(rebuilt, fmt) == argmap.dumps(m, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(m=argument_maps())
def test_dumping_a_loaded_dump_gives_identical_text(fmt: str, m: ArgumentMap) -> None:
    text = argmap.dumps(m, fmt)
    assert argmap.dumps(argmap.loads(text, fmt), fmt) == text


@PROPERTY
@given(m=argument_maps())
def test_yaml_and_json_dumps_load_to_the_same_map(m: ArgumentMap) -> None:
    assert argmap.loads(argmap.dumps(m, "json"), "json") == argmap.loads(argmap.dumps(m))


def test_dump_is_the_same_in_every_process_whatever_the_hash_seed(data: Path) -> None:
    code = (
        "import argmap, sys; m = argmap.load(sys.argv[1]); "
        "sys.stdout.write(argmap.dumps(m) + argmap.dumps(m, 'json'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, str(data / "core.yaml")],
            capture_output=True,
            check=True,
            timeout=60,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    m = argmap.load(data / "core.yaml")
    assert outputs == {(argmap.dumps(m) + argmap.dumps(m, "json")).encode()}


# What a map file cannot hold: refused before anything is written, each at its place.

lone_surrogates = st.builds(
    lambda before, surrogate, after: before + surrogate + after,
    plain_text,
    st.characters(categories=("Cs",)),
    plain_text,
)
nonfinite = st.sampled_from([math.nan, math.inf, -math.inf])


def _nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = {"x": value}
    return value


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(m=argument_maps(), text=lone_surrogates, where=st.integers(0, 5))
def test_a_lone_surrogate_anywhere_is_refused_naming_where(
    fmt: str, m: ArgumentMap, text: str, where: int
) -> None:
    claim = m.claims[where % len(m.claims)]
    broken = m.evolve(claims=[attrs.evolve(c, text=text) if c is claim else c for c in m.claims])
    with pytest.raises(argmap.ValidationError) as raised:
        argmap.dumps(broken, fmt)
    pointer = ("claims", claim.id, "text")
    assert [(p.code, p.pointer) for p in raised.value.problems] == [("unwritable", pointer)]
    assert raised.value.problems[0].message.startswith(
        f"cannot write the map: the text at {_plain.where(pointer)} holds a lone surrogate (U+"
    )


@PROPERTY
@given(m=argument_maps(), number=nonfinite)
def test_json_refuses_nan_and_infinity_naming_where_and_yaml_keeps_them(
    m: ArgumentMap, number: float
) -> None:
    odd = m.evolve(metadata={**m.metadata, "odd": [1, {"n": number}]})
    with pytest.raises(argmap.ValidationError) as raised:
        argmap.dumps(odd, "json")
    assert [str(p) for p in raised.value.problems] == [
        f"error: cannot write the map as JSON: the number at /metadata/odd/1/n is {number}, "
        "which JSON cannot hold (write it as text, or write YAML)"
    ]
    read_back = argmap.loads(argmap.dumps(odd)).metadata["odd"][1]["n"]
    assert read_back == number or (math.isnan(read_back) and math.isnan(number))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(
            _nested(900),
            "the value at /claims/a/metadata/k/x/x/x/x/… nests deeper than a map file may "
            "(the limit is 64; set ARGMAP_MAX_DEPTH to raise it)",
            id="nested-900-deep",
        ),
        pytest.param(
            datetime.date(2024, 5, 1),
            "the value at /claims/a/metadata/k is a date (datetime.date(2024, 5, 1)); a map file "
            "holds text, numbers, booleans, null, lists and mappings only",
            id="date",
        ),
        pytest.param(
            {1: "one"},
            "the key 1 at /claims/a/metadata/k is an int (1); map files have text keys only",
            id="number-key",
        ),
        pytest.param(
            {"\udc80": 1},
            "the key at /claims/a/metadata/k/\\udc80 holds a lone surrogate (U+DC80), which is "
            "not a character; no UTF-8 file can hold it",
            id="surrogate-key",
        ),
    ],
)
def test_metadata_a_file_cannot_hold_is_refused_naming_where(
    fmt: str, value: Any, message: str
) -> None:
    m = ArgumentMap(claims=[Claim(id="a", text="A", metadata={"k": value})])
    with shallow_stack(), pytest.raises(argmap.ValidationError) as raised:
        argmap.dumps(m, fmt)
    assert [p.message for p in raised.value.problems] == [f"cannot write the map: {message}"]


def _doubled(times: int) -> list[Any]:
    """A list that holds 2**times values, if each reference is followed."""
    value: list[Any] = ["x"]
    for _ in range(times):
        value = [value, value]
    return value


def _loop() -> list[Any]:
    value: list[Any] = []
    value.append(value)
    return value


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("value", "codes"),
    [
        pytest.param(_loop(), ["too-deep"], id="holding-itself"),
        pytest.param(_doubled(30), ["too-many-values"], id="shared-a-billion-times"),
        pytest.param(_doubled(100), ["too-deep"] * 100 + ["too-many-problems"], id="and-deep"),
    ],
)
def test_metadata_that_references_itself_or_a_part_many_times_is_refused_not_expanded(
    fmt: str, value: Any, codes: list[str]
) -> None:
    m = ArgumentMap(claims=[Claim(id="a", text="A")], metadata={"k": value})
    with pytest.raises(argmap.ValidationError) as raised:
        argmap.dumps(m, fmt)
    assert [p.code for p in raised.value.problems] == codes


def test_shared_metadata_is_written_out_not_as_yaml_aliases() -> None:
    shared = {"k": [1, 2]}
    m = ArgumentMap(
        claims=[Claim(id="a", text="A", metadata=shared), Claim(id="b", text="B", metadata=shared)]
    )
    text = argmap.dumps(m)
    assert "&" not in text
    assert "*" not in text
    assert argmap.loads(text) == m


def test_subclasses_of_plain_types_are_written_as_the_plain_type() -> None:
    class Level(enum.IntEnum):
        HIGH = 3

    class Name(str):
        pass

    m = ArgumentMap(
        claims=[Claim(id="a", text="A", metadata={"level": Level.HIGH, "n": Name("x")})]
    )
    for fmt in FORMATS:
        assert argmap.loads(argmap.dumps(m, fmt), fmt).claim("a").metadata == {
            "level": 3,
            "n": "x",
        }


def _chain(length: int, *, linked: bool) -> ArgumentMap:
    claims = [Claim(id=i, text=i.upper()) for i in ("t", "a", "b")]
    relations = [Relation(sources=["a", "b"], target="t")]
    for i in range(1, length + 1):
        claims.append(Claim(id=f"c{i}", text=f"C{i}"))
        relations.append(
            Relation(
                sources=[f"c{i}", "a"] if linked else [f"c{i}"],
                target=relations[-1].inference,
                kind=RelationKind.UNDERCUTS,
            )
        )
    # A second undercut of the deepest inference puts the claim's undercuts in a list,
    # the deepest a map file nests: 5 + the chain's length (the top mapping is depth 1).
    relations.append(
        Relation(
            sources=[f"c{length}"], target=relations[1].inference, kind=RelationKind.UNDERCUTS
        )
    )
    return ArgumentMap(claims=claims, relations=relations)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("linked", [True, False])
def test_the_deepest_valid_undercut_chain_is_written_and_read_back(fmt: str, linked: bool) -> None:
    m = _chain(59, linked=linked)
    assert validate(m) == []
    with shallow_stack(room=400):  # PyYAML recurses on the (bounded) depth
        text = argmap.dumps(m, fmt)
        assert argmap.loads(text, fmt) == m


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_undercut_chain_too_deep_for_a_file_is_refused_without_recursing(fmt: str) -> None:
    m = _chain(300, linked=False)
    with shallow_stack(), pytest.raises(argmap.ValidationError) as raised:
        argmap.dumps(m, fmt)
    assert [p.pointer for p in raised.value.problems] == [
        ("relations", i, "to") for i in range(60, 301)
    ]


def test_a_failed_dump_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text("before")
    m = ArgumentMap(claims=[Claim(id="a", text="A")], metadata={"x": math.nan})
    with pytest.raises(argmap.ValidationError):
        argmap.dump(m, path)
    assert path.read_text() == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["map.json"]
