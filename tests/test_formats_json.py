"""JSON map files: the YAML schema, with the same located problems."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import MapFormatError, limits
from argmap.errors import Location
from argmap.formats import check, format_for
from argmap.formats._json_locator import JsonSourceMap
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
            "m.json:1:31: invalid JSON: a comma before '}': JSON allows none after the last item",
            id="trailing-comma",
        ),
        pytest.param(
            '{\n  "claims": {\n    "a": {"text": \'A\'}\n  }\n}',
            "m.json:3:19: invalid JSON: JSON strings take double quotes, not single ones",
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
            "kind, text, quote, actor, weight, tags, supports, attacks, undercuts, metadata)",
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
    with pytest.raises(
        MapFormatError,
        match=r"unknown map format 'toml' \(known: yaml, json, argdown, aif, graphml, mermaid\)",
    ):
        argmap.loads("claims: {}", format="toml")


# Hostile JSON: every input is refused or accepted with located problems, never a
# traceback. Limits are lowered where the default would need a large input.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "[" * 990 + "]" * 990,
            "m.json:1:65: this value is nested 65 deep; the limit is 64; "
            "set ARGMAP_MAX_DEPTH to raise it",
            id="lists-990-deep",
        ),
        pytest.param(
            '{"claims":\n' + '{"a": ' * 70 + "0" + "}" * 70 + "}",
            "m.json:2:379: this value is nested 65 deep; the limit is 64; "
            "set ARGMAP_MAX_DEPTH to raise it",
            id="objects-70-deep",
        ),
        pytest.param(
            '["]]]]", ' + "[" * 64 + '"[[[["' + "]" * 64 + "]",
            "m.json:1:73: this value is nested 65 deep; the limit is 64; "
            "set ARGMAP_MAX_DEPTH to raise it",
            id="brackets-in-strings-do-not-hide-depth",
        ),
    ],
)
def test_json_nested_too_deep_is_refused_where_it_goes_too_deep(text: str, expected: str) -> None:
    with pytest.raises(MapFormatError) as raised:
        check(text, "json", source="m.json")
    assert str(raised.value) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 100, id="opening"),
        pytest.param("]" * 100 + "[" * 100, id="closing-then-opening"),
        pytest.param('\\"]]]]\\\\', id="escapes"),
    ],
)
def test_brackets_inside_json_strings_are_text(text: str) -> None:
    document = {"claims": {"a": {"text": text, "metadata": {"x": [[[[text]]]]}}}}
    assert argmap.loads(json.dumps(document), "json").claim("a").text == text


def test_json_nested_to_the_limit_is_read() -> None:
    text = '{"claims": {"a": {"text": "A", "metadata": {"x": ' + "[" * 60 + "]" * 60 + "}}}}"
    value = argmap.loads(text, "json").claim("a").metadata["x"]
    for _ in range(59):
        (value,) = value
    assert value == []


def test_json_with_more_values_than_the_limit_is_refused_with_the_count() -> None:
    text = ' {"claims": {"a": {"text": "A", "metadata": {"x": ["x,y:z", "b", "c", []]}}}}'
    with limits.override(values=14), pytest.raises(MapFormatError) as raised:
        check(text, "json", source="m.json")
    assert str(raised.value) == (
        "m.json:1:2: the file holds 15 values; the limit is 14; set ARGMAP_MAX_VALUES to raise it"
    )
    with limits.override(values=15):
        assert check(text, "json")[1] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '{"claims": {"a": {"text": NaN},\n'
            ' "b": {"text": Infinity}, "c": {"text": -Infinity}}}',
            [
                "m.json:1:27: error: NaN is not a number JSON allows; put it in quotes if it "
                "is text",
                "m.json:2:16: error: Infinity is not a number JSON allows; put it in quotes if "
                "it is text",
                "m.json:2:41: error: -Infinity is not a number JSON allows; put it in quotes if "
                "it is text",
            ],
            id="nan-and-infinity",
        ),
        pytest.param(
            '{"claims": {"a": {"text": "A", "metadata": {"x": 1e400}}}}',
            [
                "m.json:1:50: error: 1e400 is too large a number to read; put it in quotes if it "
                "is text"
            ],
            id="overflowing-float",
        ),
        pytest.param(
            '{"claims": {"a": {"text": '
            + "1" * 4301
            + '},\n "b": {"text": "B", "supports": "x"}}}',
            [
                "m.json:1:27: error: a number 4,301 characters long is more than argmap reads "
                "(100 at most); put it in quotes if it is text",
                "m.json:2:33: error: unknown claim 'x'; did you mean 'b' or 'a'?",
            ],
            id="integer-of-4301-digits",
        ),
        pytest.param(
            '{"claims": {"a": {"text": -0.' + "5" * 100 + "e-7}}}",
            [
                "m.json:1:27: error: a number 106 characters long is more than argmap reads "
                "(100 at most); put it in quotes if it is text"
            ],
            id="long-float",
        ),
        pytest.param(
            '{"claims": {"a": {"text": "x\\ud800y"},\n "\\udc00": {"text": "B"}}}',
            [
                "m.json:1:27: error: the text holds U+D800 (half of a surrogate pair, alone), "
                "which is not a character: no UTF-8 file can hold it; remove it, or write the "
                "whole pair",
                "m.json:2:2: error: the text holds U+DC00 (half of a surrogate pair, alone), "
                "which is not a character: no UTF-8 file can hold it; remove it, or write the "
                "whole pair",
            ],
            id="lone-surrogate-escapes",
        ),
    ],
)
def test_what_json_or_utf8_cannot_carry_is_a_located_problem(
    problems: Problems, text: str, expected: list[str]
) -> None:
    assert problems(text, "json", "m.json") == expected


def test_a_number_of_100_characters_is_still_a_number(problems: Problems) -> None:
    number = "1" * 100
    assert problems(f'{{"claims": {{"a": {{"text": {number}}}}}}}', "json", "m.json") == [
        f"m.json:1:27: error: expected text, got the number {number}; put it in quotes to "
        "keep it as text"
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('"\\ud83d\\ude00"', id="escaped-pair"),
        pytest.param('"\\\\ud800"', id="escaped-backslash"),
        pytest.param('"🙂"', id="raw"),
    ],
)
def test_whole_surrogate_pairs_and_lookalikes_are_text(text: str) -> None:
    m = argmap.loads(f'{{"claims": {{"a": {{"text": {text}}}}}}}', "json")
    assert m.claim("a").text == json.loads(text)


@pytest.mark.parametrize(
    ("key", "line", "column"),
    [
        pytest.param("a/b", 3, 19, id="slash"),
        pytest.param("x~1y", 3, 20, id="tilde"),
        pytest.param('q\\"u', 3, 20, id="quote"),
        pytest.param("\\u00e9t\\u00e9", 3, 29, id="unicode-escapes"),
        pytest.param("\\/", 3, 18, id="escaped-slash"),
    ],
)
def test_json_ids_with_escapes_and_pointer_characters_are_located(
    problems: Problems, key: str, line: int, column: int
) -> None:
    # json-source-map escaped such keys as pointers and placed them on the wrong line.
    text = '{"claims": {\n  "a/b~": {"text": "A"},\n  "' + key + '": {"text": 7}}}'
    assert problems(text, "json", "m.json") == [
        f"m.json:{line}:{column}: error: expected text, got the number 7; put it in quotes to "
        "keep it as text"
    ]


def test_json_duplicates_are_located_where_yaml_cannot_read_the_text(
    problems: Problems,
) -> None:
    # A key over 1,024 characters is not YAML: duplicates were once left unlocated.
    long_id = "x" * 2000
    text = (
        f'{{"claims": {{"{long_id}": {{"text": "A"}},\n'
        '  "a": {"text": "A"},\n  "a": {"text": "B"}}}'
    )
    assert problems(text, "json", "m.json") == [
        "m.json:3:3: error: duplicate claim id 'a' (first used on line 2); this one is ignored"
    ]


def test_a_json_value_that_is_not_valid_is_located_after_the_checks(problems: Problems) -> None:
    with pytest.raises(MapFormatError) as raised:
        check('{"claims": {"a": {"text": "A"}}}\n,', "json", source="m.json")
    assert str(raised.value) == "m.json:2:1: invalid JSON: Extra data"


# Bytes are decoded as UTF-8, with located errors.


def test_loads_reads_utf8_bytes_with_or_without_a_byte_order_mark() -> None:
    text = '{"claims": {"a": {"text": "été"}}}'.encode()
    assert argmap.loads(text, "json").claim("a").text == "été"
    assert argmap.loads(b"\xef\xbb\xbf" + text, "json").claim("a").text == "été"


@pytest.mark.parametrize("function", [argmap.loads, check])
def test_bytes_that_are_not_utf8_are_a_located_format_error(function: Callable[..., Any]) -> None:
    with pytest.raises(MapFormatError) as raised:
        function(b'{"claims": {\n  "a": {"text": "\xff"}}}', "json", source="m.json")
    assert str(raised.value) == (
        "m.json:2:18: the file is not UTF-8 text (byte 0xff cannot be decoded); save it as UTF-8"
    )


def test_loads_refuses_what_is_neither_text_nor_bytes() -> None:
    with pytest.raises(TypeError, match=r"^a map is read from str or bytes, not PosixPath; "):
        argmap.loads(Path("map.json"), "json")  # type: ignore[arg-type]


# The locator against a slow reference, on documents with keys that need escapes.

# Pieces of text that pointers, escapes and brackets make odd; "~1" is how a JSON pointer
# writes "/", and "\\u" starts an escape.
_ODD_PIECES = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    [*'/~"\\\n\t\x00\x1f\u2028é🙂{}[]:, ', "~0", "~1", "\\u", "\\ud800"]
)
_KEYS = st.lists(_ODD_PIECES, max_size=4).map("".join)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _KEYS
)
_DOCUMENTS = st.dictionaries(
    _KEYS,
    st.recursive(
        _SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
        max_leaves=12,
    ),
    max_size=5,
)


def _reference_positions(text: str) -> dict[tuple[str | int, ...], tuple[int, int]]:
    """Every pointer of a JSON text: its key's offset (-1 in a list) and its value's."""
    positions: dict[tuple[str | int, ...], tuple[int, int]] = {}

    def skip(at: int) -> int:
        while at < len(text) and text[at] in " \t\n\r":
            at += 1
        return at

    def string_end(at: int) -> int:
        at += 1
        while text[at] != '"':
            at += 2 if text[at] == "\\" else 1
        return at + 1

    def value(at: int, pointer: tuple[str | int, ...], key_at: int) -> int:
        positions.setdefault(pointer, (key_at, at))
        if text[at] in "{[":
            closing, index = "}" if text[at] == "{" else "]", 0
            at = skip(at + 1)
            while text[at] != closing:
                if closing == "}":
                    key_end = string_end(at)
                    key = json.loads(text[at:key_end])
                    at = value(skip(skip(key_end) + 1), (*pointer, key), at)
                else:
                    at = value(at, (*pointer, index), -1)
                    index += 1
                at = skip(at)
                if text[at] == ",":
                    at = skip(at + 1)
            return at + 1
        if text[at] == '"':
            return string_end(at)
        return re.compile(r"[^,\]}\s]+").match(text, at).end()  # type: ignore[union-attr]

    value(skip(0), (), -1)
    return positions


@given(
    document=_DOCUMENTS,
    indent=st.sampled_from([None, 0, 2, "\t"]),
    ensure_ascii=st.booleans(),
    compact=st.booleans(),
)
@settings(max_examples=150)
def test_json_locator_agrees_with_a_slow_reference(
    document: dict[str, Any], indent: int | str | None, ensure_ascii: bool, compact: bool
) -> None:
    text = json.dumps(
        document,
        indent=indent,
        ensure_ascii=ensure_ascii,
        separators=(",", ":") if compact else None,
    )
    where = JsonSourceMap("m.json", text)
    for pointer, (key_at, value_at) in _reference_positions(text).items():
        for at_key in (False, True):
            use_key = key_at >= 0 and (at_key or text[value_at] in "{[")
            offset = key_at if use_key else value_at
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            assert where.locate(pointer, at_key=at_key) == Location("m.json", line, column)


@pytest.mark.parametrize(
    ("raw", "named", "escape"),
    [("\x00", "U+0000 NUL", "\\u0000"), ("\t", "U+0009 TAB", "\\u0009")],
)
def test_a_raw_control_character_in_a_string_is_named_with_its_escape(
    raw: str, named: str, escape: str
) -> None:
    # Before: "invalid JSON: Invalid control character at", naming nothing.
    with pytest.raises(MapFormatError) as raised:
        check('{"claims": {"a": {"text": "x' + raw + 'y"}}}', "json", source="m.json")
    assert str(raised.value) == (
        f"m.json:1:29: invalid JSON: the character {named} cannot stand raw "
        f"inside a string; write it as {escape}"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '{\n  // a note\n  "claims": {}\n}',
            "m.json:2:3: invalid JSON: JSON has no comments; remove them (a YAML map file may "
            "have comments)",
            id="comment",
        ),
    ],
)
def test_a_comment_in_json_is_explained(text: str, expected: str) -> None:
    with pytest.raises(MapFormatError) as raised:
        check(text, "json", source="m.json")
    assert str(raised.value) == expected


def test_json_deeper_than_python_can_parse_is_located_whatever_the_depth_limit() -> None:
    # Before, with ARGMAP_MAX_DEPTH raised, 990 levels were a RecursionError (exit 70).
    text = '{"claims": {"a": {"text": "A", "metadata": {"m": ' + "[" * 990 + "]" * 990 + "}}}}"
    with limits.override(depth=1_000_000), pytest.raises(MapFormatError) as raised:
        check(text, "json", source="m.json")
    assert str(raised.value) == (
        "m.json:1:546: this value is nested 501 deep; argmap reads JSON nested at most 500 "
        "deep, whatever the limit"
    )
