"""JSON map files: the YAML schema, with the same located problems."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import argmap
from argmap import MapFormatError
from argmap.formats import check, format_for
from argmap.model import ArgumentMap, Claim

Problems = Callable[..., list[str]]


def test_json_and_yaml_of_the_same_map_load_equal(data: Path) -> None:
    from_yaml = argmap.load(data / "core.yaml")
    as_json = argmap.dumps(from_yaml, format="json")
    assert argmap.loads(as_json, format="json") == from_yaml


def test_json_written_by_hand_loads_like_its_yaml() -> None:
    text = json.dumps(
        {
            "argmap": 1,
            "claims": {
                "t": {"kind": "thesis", "text": "T"},
                "p": {"text": "P", "supports": "t"},
                "q": {"text": "Q"},
                "u": {"text": "U", "undercuts": {"from": ["p", "q"], "to": "t"}},
            },
            "relations": [{"from": ["p", "q"], "to": "t"}],
        }
    )
    yaml_text = (
        "claims:\n  t: {kind: thesis, text: T}\n  p: {text: P, supports: t}\n  q: {text: Q}\n"
        "  u: {text: U, undercuts: {from: [p, q], to: t}}\n"
        "relations:\n  - {from: [p, q], to: t}\n"
    )
    assert argmap.loads(text, format="json") == argmap.loads(yaml_text)


def test_dumped_json_is_indented_with_schema_order_and_final_newline() -> None:
    m = ArgumentMap(title="T", claims=[Claim(id="été", text="Ça — 🙂", tags=["x"])])
    assert argmap.dumps(m, format="json") == (
        "{\n"
        '  "argmap": 1,\n'
        '  "title": "T",\n'
        '  "claims": {\n'
        '    "été": {\n'
        '      "text": "Ça — 🙂",\n'
        '      "tags": [\n'
        '        "x"\n'
        "      ]\n"
        "    }\n"
        "  }\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        pytest.param(
            '{"claims": {"a": {"text": "A"},\n "a": {"text": "B"}}}',
            "duplicate-id",
            "m.json:2:2: error: duplicate claim id 'a' "
            "(first used on line 1); this one is ignored",
            id="duplicate-claim-id",
        ),
        pytest.param(
            '{"claims": {"a": {"text": "A",\n  "text": "B"}}}',
            "duplicate-key",
            "m.json:2:3: error: duplicate key 'text' (first used on line 1); this one is ignored",
            id="duplicate-field",
        ),
        pytest.param(
            '{"actors": {"x": {"name": "X"},\n "x": {"name": "Y"}},'
            ' "claims": {"a": {"text": "A"}}}',
            "duplicate-id",
            "m.json:2:2: error: duplicate actor id 'x' "
            "(first used on line 1); this one is ignored",
            id="duplicate-actor-id",
        ),
    ],
)
def test_duplicate_json_key_keeps_the_first_value_and_is_a_located_problem(
    text: str, code: str, expected: str
) -> None:
    _, found = check(text, "json", source="m.json")
    assert [(p.code, str(p)) for p in found] == [(code, expected)]
    with pytest.raises(argmap.ValidationError) as raised:
        argmap.loads(text, "json", source="m.json")
    assert [str(p) for p in raised.value.problems] == [expected]


def test_duplicate_json_claim_is_reported_with_the_other_problems(problems: Problems) -> None:
    # The ignored duplicate's own unknown id ('nowhere') is not checked.
    text = (
        '{"claims": {\n  "a": {"text": "A"},\n  "a": {"text": "B", "supports": "nowhere"},\n'
        '  "p": {"text": "P", "supports": "x"}}}'
    )
    assert problems(text, "json", "m.json") == [
        "m.json:3:3: error: duplicate claim id 'a' (first used on line 2); this one is ignored",
        "m.json:4:34: error: unknown claim 'x'; did you mean 'p' or 'a'?",
    ]


def test_problem_in_the_kept_first_value_of_a_json_duplicate_is_located_there(
    problems: Problems,
) -> None:
    text = '{"claims": {\n  "a": {"text": 1},\n  "a": {"text": "B"}}}'
    assert problems(text, "json", "m.json") == [
        "m.json:2:17: error: expected text, got the number 1; put it in quotes to keep it as text",
        "m.json:3:3: error: duplicate claim id 'a' (first used on line 2); this one is ignored",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '{"claims": {"a": {"text": "A",}}}',
            "m.json:1:31: invalid JSON: Expecting property name enclosed in double quotes",
            id="trailing-comma",
        ),
        pytest.param(
            '{\n  "claims": {\n    "a": {"text": \'A\'}\n  }\n}',
            "m.json:3:19: invalid JSON: Expecting value",
            id="single-quotes",
        ),
        pytest.param(
            "  \n", "m.json:1:1: the file is empty; a map needs at least 'claims'", id="empty"
        ),
    ],
)
def test_unreadable_json_is_a_located_format_error(text: str, expected: str) -> None:
    with pytest.raises(MapFormatError) as raised:
        check(text, "json", source="m.json")
    assert str(raised.value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '{\n  "claims": {\n    "t": {"kind": "thesis", "text": "T"},\n'
            '    "p": {"text": "P", "supports": "tt"}\n  }\n}',
            "m.json:4:36: error: unknown claim 'tt'; did you mean 't'?",
            id="unknown-id",
        ),
        pytest.param(
            '{"claims": {"a": {"text": "A", "knd": "thesis"}}}',
            "m.json:1:32: error: unknown key 'knd'; did you mean 'kind'? (expected one of: "
            "kind, text, quote, actor, tags, supports, attacks, undercuts, metadata)",
            id="unknown-key",
        ),
        pytest.param(
            '{"claims": {"a": {"text": 7}}}',
            "m.json:1:27: error: expected text, got the number 7; put it in quotes to keep it "
            "as text",
            id="number-text",
        ),
        pytest.param(
            '{"claims": {"m": {"kind": "motive", "text": "M"}}}',
            "m.json:1:13: error: motive 'm' has no actor; say whose motive it is with 'actor:'",
            id="motive-without-actor",
        ),
        pytest.param(
            '{"claims": {"a": {"text": "A"}},\n "relations": [{"from": "a", "to": "a"}]}',
            "m.json:2:36: error: 'a' supports itself: a relation needs a target other than its "
            "sources",
            id="relation-to-self",
        ),
        pytest.param(
            '[{"claims": {}}]',
            "m.json:1:1: error: a map file holds a mapping with 'claims:' at the top, not a list",
            id="top-level-list",
        ),
        pytest.param(
            '{"argmap": 3, "claims": {}}',
            "m.json:1:12: error: this is map format 3; this argmap reads format 1 "
            "(write 'argmap: 1', or upgrade argmap)",
            id="format-version",
        ),
    ],
)
def test_json_problems_are_located(problems: Problems, text: str, expected: str) -> None:
    assert problems(text, "json", "m.json") == [expected]


@pytest.mark.parametrize(
    ("name", "path", "text", "expected"),
    [
        ("JSON", None, None, "json"),
        (None, "map.json", None, "json"),
        (None, "MAP.YML", None, "yaml"),
        (None, "map.yaml", '{"claims": {}}', "yaml"),
        (None, "map.txt", ' \n{"claims": {}}', "json"),
        (None, "-", "claims: {}", "yaml"),
        (None, None, None, "yaml"),
    ],
)
def test_format_comes_from_name_then_suffix_then_text(
    name: str | None, path: str | None, text: str | None, expected: str
) -> None:
    assert format_for(name, path, text).name == expected


def test_unknown_format_name_is_refused_with_the_known_ones() -> None:
    with pytest.raises(MapFormatError, match=r"unknown map format 'toml' \(known: yaml, json\)"):
        argmap.loads("claims: {}", format="toml")
