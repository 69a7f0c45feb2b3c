"""YAML map files: parsing with located errors, and tidy, stable dumping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import MapBuilder, MapFormatError, limits
from argmap.formats import check
from argmap.formats._yaml_reader import parse_yaml
from argmap.model import ArgumentMap, Claim, ClaimKind, Source

Problems = Callable[..., list[str]]


def small_map() -> ArgumentMap:
    b = MapBuilder("Socrates")
    b.actor("plato", "Plato")
    mortal = b.thesis("mortal", "Socrates is mortal.", tags=["logic", "classic"])
    men = b.premise("men", "All men are mortal.")
    man = b.premise("man", "Socrates is a man.", quote="a man, Socrates")
    step = b.supports([men, man], mortal)
    b.objection("god", 'Socrates is a god: "divine".', attacks=[mortal, "man"])
    b.claim("myth", "Immortality is a myth.", undercuts=step)
    b.motive("fame", "Plato wants fame.", actor="plato", supports="god")
    b.group("premises", "The syllogism", ["men", "man"])
    return b.build()


SMALL_YAML = """\
argmap: 1
title: Socrates
actors:
  plato:
    name: Plato
claims:
  mortal:
    kind: thesis
    text: Socrates is mortal.
    tags: [logic, classic]
  men:
    text: All men are mortal.
  man:
    text: Socrates is a man.
    quote: a man, Socrates
  god:
    kind: objection
    text: 'Socrates is a god: "divine".'
    attacks: [mortal, man]
  myth:
    text: Immortality is a myth.
    undercuts: {from: [men, man], to: mortal}
  fame:
    kind: motive
    text: Plato wants fame.
    actor: plato
    supports: god
relations:
- from: [men, man]
  to: mortal
groups:
  premises:
    label: The syllogism
    members: [men, man]
"""


def test_dumped_yaml_is_tidy_in_schema_order_with_shorthand() -> None:
    assert argmap.dumps(small_map()) == SMALL_YAML


def test_several_undercuts_in_a_claim_dump_as_a_list() -> None:
    b = MapBuilder()
    t = b.thesis("t", "T")
    first = b.supports(b.premise("p", "P"), t)
    second = b.supports(b.premise("q", "Q"), t)
    b.claim("u", "U", undercuts=[first, second])
    m = b.build()
    text = argmap.dumps(m)
    assert text.endswith(
        "  u:\n    text: U\n    undercuts:\n    - {from: p, to: t}\n    - {from: q, to: t}\n"
    )
    assert argmap.loads(text) == m


def test_golden_yaml_loads_back_to_the_same_map() -> None:
    assert argmap.loads(SMALL_YAML) == small_map()


def test_dumped_source_leaves_out_empty_fields() -> None:
    m = ArgumentMap(source=Source(title="The text"), claims=[Claim(id="a", text="A")])
    assert argmap.dumps(m) == "argmap: 1\nsource:\n  title: The text\nclaims:\n  a:\n    text: A\n"


@pytest.mark.filterwarnings("ignore::argmap.ArgmapWarning")  # its claims stand alone
def test_dumped_yaml_quotes_text_that_would_read_as_something_else() -> None:
    m = ArgumentMap(
        claims=[
            Claim(id="yes", text="no"),
            Claim(id="1", text="2.5"),
            Claim(id="c: d", text="# not a comment", tags=["null", "~"]),
        ]
    )
    text = argmap.dumps(m)
    assert text == (
        "argmap: 1\n"
        "claims:\n"
        "  'yes':\n"
        "    text: 'no'\n"
        "  '1':\n"
        "    text: '2.5'\n"
        "  'c: d':\n"
        "    text: '# not a comment'\n"
        "    tags: ['null', '~']\n"
    )
    assert argmap.loads(text) == m


def test_multiline_text_keeps_its_newlines() -> None:
    m = ArgumentMap(claims=[Claim(id="a", text="line one\nline two\n")])
    assert argmap.loads(argmap.dumps(m)).claim("a").text == "line one\nline two\n"


def test_non_ascii_text_is_written_readably() -> None:
    m = ArgumentMap(claims=[Claim(id="été", text="Ça va — שלום")])
    assert argmap.dumps(m) == "argmap: 1\nclaims:\n  été:\n    text: Ça va — שלום\n"


def test_emoji_are_written_readably() -> None:
    m = ArgumentMap(claims=[Claim(id="a", text="Nice 🙂")])
    assert argmap.dumps(m) == "argmap: 1\nclaims:\n  a:\n    text: Nice 🙂\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claims:\n  a: {text: A\n  b: x\n",
            "m.yaml:3:4: invalid YAML: did not find expected ',' or '}' "
            "(while parsing a flow mapping)",
            id="unclosed-flow-mapping",
        ),
        pytest.param(
            "claims:\n  a:\n    text: A\n   bad: x\n",
            "m.yaml:4:4: invalid YAML: did not find expected key (while parsing a block mapping)",
            id="bad-indentation",
        ),
        pytest.param(
            "claims:\n\ta: x\n",
            "m.yaml:2:1: invalid YAML: found a tab character; YAML indents with spaces, "
            "never tabs: replace the tab with spaces (two per level of nesting)",
            id="tab-indentation",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n---\nclaims: {}\n",
            "m.yaml:3:1: invalid YAML: but found another document "
            "(expected a single document in the stream)",
            id="two-documents",
        ),
        pytest.param(
            "",
            "m.yaml:1:1: the file is empty; a map needs at least 'claims:'",
            id="empty",
        ),
        pytest.param(
            "# only a comment\n\n",
            "m.yaml:1:1: the file is empty; a map needs at least 'claims:'",
            id="only-comments",
        ),
        pytest.param(
            "claims:\n  a: {text: !!python/name:os.system ''}\n",
            "m.yaml:2:13: unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system'; "
            "a map holds plain data only",
            id="python-name-tag",
        ),
        pytest.param(
            "claims:\n  a: {text: !!python/str A}\n",
            "m.yaml:2:13: unsupported YAML tag 'tag:yaml.org,2002:python/str'; "
            "a map holds plain data only",
            id="python-str-tag",
        ),
        pytest.param(
            "claims:\n  a: {text: !custom A}\n",
            "m.yaml:2:13: unsupported YAML tag '!custom'; a map holds plain data only",
            id="local-tag",
        ),
        pytest.param(
            "claims:\n  a: {text: !!binary aGk=}\n",
            "m.yaml:2:13: unsupported YAML tag 'tag:yaml.org,2002:binary'; "
            "a map holds plain data only",
            id="binary-tag",
        ),
    ],
)
def test_unreadable_yaml_is_a_located_format_error(text: str, expected: str) -> None:
    with pytest.raises(MapFormatError) as raised:
        check(text, source="m.yaml")
    assert str(raised.value) == expected


def test_format_error_carries_path_line_and_column() -> None:
    with pytest.raises(MapFormatError) as raised:
        argmap.loads("claims:\n  a: {text: A}\n  b: {text: !custom B}\n", source="x.yaml")
    error = raised.value
    assert (error.location.path, error.location.line, error.location.column) == ("x.yaml", 3, 13)
    assert [str(p) for p in error.problems] == [
        "x.yaml:3:13: error: unsupported YAML tag '!custom'; a map holds plain data only"
    ]


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        pytest.param(
            "claims:\n  a: {text: A}\n  a: {text: B}\n",
            "duplicate-id",
            "m.yaml:3:3: error: duplicate claim id 'a' "
            "(first used on line 2); this one is ignored",
            id="duplicate-claim-id",
        ),
        pytest.param(
            "actors:\n  x: {name: X}\n  x: {name: Y}\nclaims:\n  a: {text: A}\n",
            "duplicate-id",
            "m.yaml:3:3: error: duplicate actor id 'x' "
            "(first used on line 2); this one is ignored",
            id="duplicate-actor-id",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\ngroups:\n  g: {label: G, members: [a]}\n"
            "  g: {label: H, members: [a]}\n",
            "duplicate-id",
            "m.yaml:5:3: error: duplicate group id 'g' "
            "(first used on line 4); this one is ignored",
            id="duplicate-group-id",
        ),
        pytest.param(
            "claims:\n  a:\n    text: A\n    kind: thesis\n    text: B\n",
            "duplicate-key",
            "m.yaml:5:5: error: duplicate key 'text' (first used on line 3); this one is ignored",
            id="duplicate-field",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\nclaims:\n  b: {text: B}\n",
            "duplicate-key",
            "m.yaml:3:1: error: duplicate key 'claims' "
            "(first used on line 1); this one is ignored",
            id="duplicate-section",
        ),
        pytest.param(
            "claims:\n  a: {text: A, metadata: {claims: 1, claims: 2}}\n",
            "duplicate-key",
            "m.yaml:2:38: error: duplicate key 'claims' "
            "(first used on line 2); this one is ignored",
            id="duplicate-key-named-like-a-section",
        ),
    ],
)
def test_duplicate_key_keeps_the_first_value_and_is_a_located_problem(
    text: str, code: str, expected: str
) -> None:
    _, found = check(text, source="m.yaml")
    assert [(p.code, str(p)) for p in found] == [(code, expected)]
    with pytest.raises(argmap.ValidationError) as raised:
        argmap.loads(text, source="m.yaml")
    assert [str(p) for p in raised.value.problems] == [expected]


def test_the_first_of_duplicate_keys_is_the_one_kept() -> None:
    m, found = check("claims:\n  a: {text: First}\n  a: {text: Second}\n", source="m.yaml")
    assert [p.code for p in found] == ["duplicate-id"]
    assert m is not None
    assert [(c.id, c.text) for c in m.claims] == [("a", "First")]


@pytest.mark.parametrize(
    "tagged",
    [
        pytest.param("!!python/object/apply:os.system ['echo hi']", id="apply-on-a-sequence"),
        pytest.param("!!python/object:argparse.Namespace {a: 1}", id="object-on-a-mapping"),
        pytest.param("!!set {a, b}", id="set"),
    ],
)
def test_tags_on_collections_are_refused(tagged: str) -> None:
    with pytest.raises(MapFormatError, match="unsupported YAML tag"):
        check(f"claims:\n  a: {{text: A, metadata: {{x: {tagged}}}}}\n", source="m.yaml")


def test_python_object_tag_never_runs_code(tmp_path: Path) -> None:
    target = tmp_path / "created"
    text = f"claims:\n  a: {{text: !!python/object/apply:os.mkdir ['{target}']}}\n"
    with pytest.raises(MapFormatError) as raised:
        check(text, source="m.yaml")
    assert str(raised.value) == (
        "m.yaml:2:13: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.mkdir'; "
        "a map holds plain data only"
    )
    assert not target.exists()


def test_alias_bomb_is_refused_at_the_alias_that_goes_over_the_limit() -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    text = "\n".join(lines) + "\n"
    with pytest.raises(MapFormatError) as raised:
        check(text, source="bomb.yaml")
    assert str(raised.value) == (
        "bomb.yaml:6:16: the alias *e brings the document to more than 250,000 values (an "
        "alias counts as every value it names); the limit is 250,000; set ARGMAP_MAX_VALUES "
        "to raise it"
    )


@pytest.mark.parametrize("named", ["&t TEXT", "&t {long: TEXT}", "&t [a, [TEXT]]"])
def test_aliases_of_long_text_are_refused_once_the_text_passes_the_input_limit(
    named: str,
) -> None:
    # Before, 103 KB (one 100 KB text named 100 times) validated in 0.6 s, then drew for
    # 21 s into a 45 MB DOT: the values budget counted values, not their text.
    text = f"metadata: {{t: {named.replace('TEXT', 'x' * 1000)}}}\nclaims:\n" + "".join(
        f"  c{i}: {{text: T, metadata: {{m: *t}}}}\n" for i in range(12)
    )
    with limits.override(input_bytes=2 * len(text)), pytest.raises(MapFormatError) as raised:
        check(text, source="m.yaml")
    assert str(raised.value).startswith("m.yaml:")
    assert str(raised.value).endswith(
        ": the alias *t brings the document to more text than a map file may hold (an alias "
        "counts as all the text it names); the limit is "
        f"{2 * len(text):,} bytes; set ARGMAP_MAX_INPUT_BYTES to raise it"
    )
    with limits.override(input_bytes=20 * len(text)):
        found = check(text, source="m.yaml")[1]
    assert [p for p in found if p.is_error] == []


def test_modest_aliases_are_expanded() -> None:
    text = "claims:\n  a: {text: &t Shared text}\n  b: {text: *t, supports: a}\n"
    assert argmap.loads(text).claim("b").text == "Shared text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claims:\n  a:\n    text: A\n    suports: a\n",
            "m.yaml:4:5: error: unknown key 'suports'; did you mean 'supports'? (expected one "
            "of: kind, text, quote, actor, weight, tags, supports, attacks, undercuts, metadata)",
            id="claim-key",
        ),
        pytest.param(
            "argmap: 1\nclaim:\n  a: {text: A}\n",
            "m.yaml:2:1: error: unknown key 'claim'; did you mean 'claims'? (expected one of: "
            "argmap, title, source, actors, claims, relations, groups, style, metadata)",
            id="top-level-key",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n  b: {text: B}\n"
            "relations:\n  - {from: a, to: b, knd: attacks}\n",
            "m.yaml:5:22: error: unknown key 'knd'; did you mean 'kind'? (expected one of: "
            "from, to, kind, scheme, metadata)",
            id="relation-key",
        ),
        pytest.param(
            "source: {titel: X}\nclaims:\n  a: {text: A}\n",
            "m.yaml:1:10: error: unknown key 'titel'; did you mean 'title'? (expected one of: "
            "title, author, url, date, metadata)",
            id="source-key",
        ),
    ],
)
def test_unknown_key_is_located_and_names_the_nearest_key(
    problems: Problems, text: str, expected: str
) -> None:
    assert problems(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claims:\n  a:\n    text: 12\n",
            "m.yaml:3:11: error: expected text, got the number 12; put it in quotes to keep "
            "it as text",
            id="int-text",
        ),
        pytest.param(
            "claims:\n  a:\n    text: 1.5\n",
            "m.yaml:3:11: error: expected text, got the number 1.5; put it in quotes to keep "
            "it as text",
            id="float-text",
        ),
        pytest.param(
            "title: 3\nclaims:\n  a: {text: A}\n",
            "m.yaml:1:8: error: expected text, got the number 3; put it in quotes to keep it "
            "as text",
            id="int-title",
        ),
        pytest.param(
            "claims:\n  a: {text: A, supports: 3}\n",
            "m.yaml:2:26: error: expected an id or a list of ids, got the number 3",
            id="int-supports",
        ),
        pytest.param(
            "claims:\n  a:\n    text:\n",
            "m.yaml:3:10: error: expected text, got nothing (null)",
            id="null-text",
        ),
        pytest.param(
            "claims:\n  a:\n    kind: thesis\n",
            "m.yaml:2:3: error: missing required key 'text'",
            id="missing-text",
        ),
        pytest.param(
            "actors:\n  x: {}\nclaims:\n  a: {text: A}\n",
            "m.yaml:2:3: error: missing required key 'name'",
            id="missing-actor-name",
        ),
        pytest.param(
            "claims:\n  a: {text: A, metadata: [1]}\n",
            "m.yaml:2:16: error: expected a mapping, got a list",
            id="list-metadata",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\nrelations:\n  - {from: a}\n",
            "m.yaml:4:5: error: missing required key 'to'",
            id="relation-without-to",
        ),
        pytest.param(
            "claims:\n  a: {text: A, undercuts: x}\n",
            "m.yaml:2:27: error: expected an inference {from: ..., to: ...} or a list of them, "
            "got 'x'",
            id="undercuts-an-id",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n  b: {text: B}\nrelations:\n  - {from: a, to: [b]}\n",
            "m.yaml:5:15: error: expected a claim id or an inference {from: ..., to: ...}, "
            "got a list",
            id="relation-to-a-list",
        ),
    ],
)
def test_wrong_value_type_is_located(problems: Problems, text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_text_yes_is_a_boolean_not_text(problems: Problems) -> None:
    (found,) = problems("claims:\n  a:\n    text: yes\n")
    assert found.startswith("m.yaml:3:11: error: expected text, got the boolean true")


def test_text_yes_hint_says_to_quote_the_boolean(problems: Problems) -> None:
    # After parsing, the author's spelling ('yes', 'True', ...) is no longer known.
    assert problems("claims:\n  a:\n    text: yes\n") == [
        "m.yaml:3:11: error: expected text, got the boolean true; put it in quotes to keep it "
        "as text"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "- a\n- b\n",
            "m.yaml:1:1: error: a map file holds a mapping with 'claims:' at the top, not a list",
            id="list",
        ),
        pytest.param(
            "hello\n",
            "m.yaml:1:1: error: a map file holds a mapping with 'claims:' at the top, not 'hello'",
            id="scalar",
        ),
        pytest.param(
            "42\n",
            "m.yaml:1:1: error: a map file holds a mapping with 'claims:' at the top, "
            "not the number 42",
            id="number",
        ),
    ],
)
def test_top_level_must_be_a_mapping(problems: Problems, text: str, expected: str) -> None:
    assert problems(text) == [expected]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (
            "2",
            "m.yaml:1:9: error: this is map format 2; this argmap reads format 1 "
            "(write 'argmap: 1', or upgrade argmap)",
        ),
        (
            "'1'",
            "m.yaml:1:9: error: this is map format '1'; this argmap reads format 1 "
            "(write 'argmap: 1', or upgrade argmap)",
        ),
        (
            "true",
            "m.yaml:1:9: error: this is map format True; this argmap reads format 1 "
            "(write 'argmap: 1', or upgrade argmap)",
        ),
    ],
)
def test_unknown_format_version_is_refused(
    problems: Problems, version: str, expected: str
) -> None:
    assert problems(f"argmap: {version}\nclaims:\n  a: {{text: A}}\n") == [expected]


def test_version_may_be_left_out() -> None:
    assert argmap.loads("claims:\n  a: {text: A}\n") == argmap.loads(
        "argmap: 1\nclaims:\n  a: {text: A}\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("claims:\n  - a\n", id="claims-as-list"),
        pytest.param("claims:\n  a: just text\n", id="claim-as-text"),
        pytest.param("claims:\n  a:\n", id="claim-as-null"),
        pytest.param("actors: [x]\nclaims:\n  a: {text: A}\n", id="actors-as-list"),
    ],
)
def test_wrong_shape_of_a_section_is_explained_without_python_internals(
    problems: Problems, text: str
) -> None:
    (found,) = problems(text)
    assert "expected a mapping" in found
    assert "object" not in found
    assert "NoneType" not in found


def test_dates_stay_the_text_the_author_wrote() -> None:
    m = argmap.loads("source: {date: 2024-05-01}\nclaims:\n  a: {text: A}\n")
    assert m.source is not None
    assert m.source.date == "2024-05-01"


def test_comments_and_flow_style_are_accepted() -> None:
    text = "# a map\nclaims: {t: {kind: thesis, text: T}, p: {text: P, supports: [t]}}  # end\n"
    m = argmap.loads(text)
    assert [r.describe() for r in m.relations] == ["p supports t"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claims: [a]\n", "m.yaml:1:1: error: expected a mapping, got a list", id="claims-list"
        ),
        pytest.param(
            "claims: x\n", "m.yaml:1:9: error: expected a mapping, got 'x'", id="claims-text"
        ),
        pytest.param(
            "claims:\n",
            "m.yaml:1:8: error: expected a mapping, got nothing (null)",
            id="claims-null",
        ),
        pytest.param(
            "claims:\n  a:\n",
            "m.yaml:2:5: error: expected a mapping, got nothing (null)",
            id="claim-null",
        ),
        pytest.param(
            "claims:\n  a: [x]\n",
            "m.yaml:2:3: error: expected a mapping, got a list",
            id="claim-list",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\nactors: [x]\n",
            "m.yaml:3:1: error: expected a mapping, got a list",
            id="actors-list",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\nactors:\n  x:\n",
            "m.yaml:4:5: error: expected a mapping, got nothing (null)",
            id="actor-null",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\ngroups: []\n",
            "m.yaml:3:1: error: expected a mapping, got a list",
            id="groups-list",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\nrelations: [x]\n",
            "m.yaml:3:13: error: expected a mapping, got 'x'",
            id="relation-text",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\nrelations: {a: b}\n",
            "m.yaml:3:1: error: expected a list of relations, got a mapping",
            id="relations-mapping",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\nrelations: x\n",
            "m.yaml:3:12: error: expected a list of relations, got 'x'",
            id="relations-text",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\nsource: [x]\n",
            "m.yaml:3:1: error: expected a mapping, got a list",
            id="source-list",
        ),
    ],
)
def test_section_of_the_wrong_shape_says_what_was_expected(
    problems: Problems, text: str, expected: str
) -> None:
    assert problems(text) == [expected]


def test_null_optional_values_mean_absent() -> None:
    assert argmap.loads("claims:\n  a: {text: A, quote: null, actor: ~}\n") == ArgumentMap(
        claims=[Claim(id="a", text="A")]
    )


def test_a_single_tag_may_be_written_without_a_list() -> None:
    assert argmap.loads("claims:\n  a: {text: A, tags: x}\n").claim("a").tags == ("x",)


def test_unknown_key_without_a_close_match_reads_cleanly(problems: Problems) -> None:
    (found,) = problems("claims:\n  a: {text: A, colour: red}\n")
    assert found.startswith("m.yaml:2:16: error: unknown key 'colour'")
    assert "(expected one of: kind, text, quote, actor, weight, tags, supports," in found
    assert "; (" not in found


def test_bad_element_of_a_list_is_located_at_the_element(problems: Problems) -> None:
    assert problems("claims:\n  a: {text: A, tags: [x, 1]}\n") == [
        "m.yaml:2:26: error: expected an id (text), got the number 1"
    ]


def test_every_bad_element_of_an_id_list_is_located_at_itself(problems: Problems) -> None:
    text = (
        "claims:\n  a: {text: A}\n  b:\n    text: B\n    supports:\n      - a\n      - 1\n"
        "      - true\n  c: {text: C, attacks: [a, 2.5]}\n"
        "relations:\n  - {from: [a, 3], to: b}\ngroups:\n  g: {label: G, members: [a, 4]}\n"
    )
    assert problems(text) == [
        "m.yaml:7:9: error: expected an id (text), got the number 1",
        "m.yaml:8:9: error: expected an id (text), got the boolean true",
        "m.yaml:9:29: error: expected an id (text), got the number 2.5",
        "m.yaml:11:16: error: expected an id (text), got the number 3",
        "m.yaml:13:30: error: expected an id (text), got the number 4",
        # A warning comes after the errors, though its line comes first.
        "m.yaml:6:9: warning: support cycle a -> b -> a: each claim supports the next, so the "
        "reasoning is circular; remove the support that does not hold",
    ]


# Hostile YAML: limits counted as the file is read, so it is refused early and located.
# Limits are lowered where the default would need a large input.


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        pytest.param(
            "claims: [" + "0, " * 200 + "0]\n",
            100,
            "m.yaml:1:301: the file holds more than 100 values; the limit is 100; "
            "set ARGMAP_MAX_VALUES to raise it",
            id="flow-list-of-zeros",
        ),
        pytest.param(
            "# a comment\n" * 10_000 + "claims: {a: {text: A}}\n",
            6,
            "m.yaml:10001:20: the file holds more than 6 values; the limit is 6; "
            "set ARGMAP_MAX_VALUES to raise it",
            id="comments-do-not-raise-the-limit",
        ),
        pytest.param(
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [" + ", ".join(["*a"] * 11) + "]\n",
            120,
            "m.yaml:2:41: the alias *a brings the document to more than 120 values (an alias "
            "counts as every value it names); the limit is 120; set ARGMAP_MAX_VALUES to raise it",
            id="an-alias-counts-what-it-names",
        ),
    ],
)
def test_more_values_than_the_limit_are_refused_at_the_one_that_goes_over(
    text: str, values: int, expected: str
) -> None:
    with limits.override(values=values), pytest.raises(MapFormatError) as raised:
        check(text, source="m.yaml")
    assert str(raised.value) == expected


def test_a_file_with_as_many_values_as_the_limit_is_read() -> None:
    with limits.override(values=7):
        assert argmap.loads("# a comment\n" * 10_000 + "claims: {a: {text: A}}\n").claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "a: " + "[" * 70 + "]" * 70 + "\n",
            "m.yaml:1:67: this value is nested 65 deep; the limit is 64; "
            "set ARGMAP_MAX_DEPTH to raise it",
            id="flow-70-deep",
        ),
        pytest.param(
            "".join("  " * depth + "-\n" for depth in range(1000)),
            "m.yaml:65:129: this value is nested 65 deep; the limit is 64; "
            "set ARGMAP_MAX_DEPTH to raise it",
            id="block-1000-deep",
        ),
        pytest.param(
            "[" * 2000 + "]" * 2000,
            "m.yaml:1:1001: this value is nested over 1,000 deep; the limit is 64; "
            "set ARGMAP_MAX_DEPTH to raise it",
            id="flow-2000-deep-stops-libyaml",
        ),
        pytest.param(
            "a: &a " + "[" * 60 + "]" * 60 + "\nb: [[[[[[*a]]]]]]\n",
            "m.yaml:2:10: the alias *a makes values nested 67 deep; the limit is 64; "
            "set ARGMAP_MAX_DEPTH to raise it",
            id="an-alias-nests-what-it-names",
        ),
        pytest.param(
            "a: &x [b, *x]\n",
            "m.yaml:1:11: the alias *x stands for a value it is part of (anchored on line 1), "
            "which would never end",
            id="recursive-alias-in-a-list",
        ),
        pytest.param(
            "a: &x\n  b: *x\n",
            "m.yaml:2:6: the alias *x stands for a value it is part of (anchored on line 1), "
            "which would never end",
            id="recursive-alias-in-a-mapping",
        ),
        pytest.param(
            "claims:\n  a: {text: *t}\n",
            "m.yaml:2:13: invalid YAML: the alias *t names no anchor; mark the value it stands "
            "for with &t before it",
            id="undefined-alias",
        ),
        pytest.param(
            "a: &x 1\nb: &x 2\n",
            "m.yaml:2:4: invalid YAML: the anchor &x is already defined on line 1; give each "
            "anchor its own name",
            id="anchor-defined-twice",
        ),
    ],
)
def test_nesting_and_aliases_that_would_not_end_are_located_errors(
    text: str, expected: str
) -> None:
    with pytest.raises(MapFormatError) as raised:
        check(text, source="m.yaml")
    assert str(raised.value) == expected


def test_values_nested_to_the_limit_are_read() -> None:
    text = "claims: {a: {text: A, metadata: {x: " + "[" * 60 + "]" * 60 + "}}}\n"
    value = argmap.loads(text).claim("a").metadata["x"]
    for _ in range(59):
        (value,) = value
    assert value == []


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param(
            "1" * 4301,
            "m.yaml:2:13: error: a number 4,301 characters long is more than argmap reads "
            "(100 at most); put it in quotes if it is text",
            id="integer-of-4301-digits",
        ),
        pytest.param(
            "0x" + "f" * 200,
            "m.yaml:2:13: error: a number 202 characters long is more than argmap reads "
            "(100 at most); put it in quotes if it is text",
            id="huge-hex",
        ),
        pytest.param(
            "1" + ":59" * 50,
            "m.yaml:2:13: error: a number 151 characters long is more than argmap reads "
            "(100 at most); put it in quotes if it is text",
            id="huge-sexagesimal",
        ),
        pytest.param(
            "0x_",
            "m.yaml:2:13: error: '0x_' is read as a number but has no digits; put it in quotes "
            "if it is text",
            id="number-without-digits",
        ),
        pytest.param(
            "1" * 100,
            f"m.yaml:2:13: error: expected text, got the number {'1' * 100}; put it in quotes "
            "to keep it as text",
            id="100-characters-is-still-a-number",
        ),
    ],
)
def test_numbers_too_long_to_read_are_problems_and_the_rest_is_checked(
    problems: Problems, written: str, expected: str
) -> None:
    text = f"claims:\n  a: {{text: {written}}}\n  b: {{text: B, supports: nowhere}}\n"
    assert problems(text) == [
        expected,
        "m.yaml:3:26: error: unknown claim 'nowhere'; did you mean 'b' or 'a'?",
    ]


def test_long_text_of_digits_and_dots_is_text() -> None:
    version = "1.2" * 100
    assert argmap.loads(f"claims: {{a: {{text: {version}}}}}\n").claim("a").text == version


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claims:\n  a: {text: !!int abc}\n",
            "m.yaml:2:13: 'abc' is tagged !!int but is not a number",
            id="int-tag-on-text",
        ),
        pytest.param(
            "claims:\n  a: {text: !!bool maybe}\n",
            "m.yaml:2:13: 'maybe' is tagged !!bool but is not true or false",
            id="bool-tag-on-text",
        ),
    ],
)
def test_tags_on_values_of_another_kind_are_located_errors(text: str, expected: str) -> None:
    with pytest.raises(MapFormatError) as raised:
        check(text, source="m.yaml")
    assert str(raised.value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claims:\n  1: {text: A}\n",
            "m.yaml:2:3: error: the key '1' is read as a number, not as text; quote it: \"1\"",
            id="number-key",
        ),
        pytest.param(
            "claims:\n  yes: {text: A}\n",
            "m.yaml:2:3: error: the key 'yes' is read as a boolean, not as text; quote it: "
            '"yes"',
            id="boolean-key",
        ),
        pytest.param(
            "claims:\n  " + "1" * 200 + ": {text: A}\n",
            "m.yaml:2:3: error: the key '" + "1" * 60 + "…' is read as a number, not as text; "
            'quote it: "' + "1" * 60 + '…"',
            id="long-number-key",
        ),
        pytest.param(
            "claims:\n  ~: {text: A}\n",
            "m.yaml:2:3: error: the key '~' is read as nothing (null), not as text; quote it: "
            '"~"',
            id="null-key",
        ),
        pytest.param(
            "claims:\n  2024-01-01: {text: A}\n",
            "m.yaml:2:3: error: the key '2024-01-01' is read as a date, not as text; quote it: "
            '"2024-01-01"',
            id="date-key",
        ),
        pytest.param(
            "claims:\n  [a]: {text: A}\n",
            "m.yaml:2:3: error: a key must be plain text, not a mapping or a list; this entry "
            "is ignored",
            id="list-key",
        ),
        pytest.param(
            "metadata: {x: &x [1]}\nclaims:\n  *x : {text: A}\n",
            "m.yaml:3:3: error: a key must be plain text, not a mapping or a list; this entry "
            "is ignored",
            id="alias-to-a-list-as-key",
        ),
        pytest.param(
            "metadata: {x: &x 1}\nclaims:\n  *x : {text: A}\n",
            "m.yaml:3:3: error: the key '1' is read as a number, not as text; quote it: \"1\"",
            id="alias-to-a-number-as-key",
        ),
    ],
)
def test_a_key_that_is_not_text_is_a_located_problem(
    text: str, expected: str, problems: Problems
) -> None:
    assert problems(text) == [expected]


def test_every_key_that_is_not_text_is_reported_and_the_rest_still_checked(
    problems: Problems,
) -> None:
    # Before, the first such key stopped the reading: fix one, the next appeared.
    text = (
        "claims:\n  1: {text: A, supports: nope}\n  [a, b]: {text: B}\n"
        "  true: {text: C}\n  {c: d}: {text: D}\n"
    )
    assert problems(text) == [
        "m.yaml:2:3: error: the key '1' is read as a number, not as text; quote it: \"1\"",
        "m.yaml:2:26: error: unknown claim 'nope'; did you mean 'true' or '1'?",
        "m.yaml:3:3: error: a key must be plain text, not a mapping or a list; this entry is "
        "ignored",
        "m.yaml:4:3: error: the key 'true' is read as a boolean, not as text; quote it: \"true\"",
        "m.yaml:5:3: error: a key must be plain text, not a mapping or a list; this entry is "
        "ignored",
    ]


def test_standard_tags_of_plain_data_are_read() -> None:
    text = (
        "claims:\n  a:\n    text: !!str 12\n"
        "    metadata: {f: !!float 1, d: !!timestamp 2024-01-01, n: !!null x, i: !!int 0x1f}\n"
    )
    claim = argmap.loads(text).claim("a")
    assert claim.text == "12"
    assert claim.metadata == {"f": 1.0, "d": "2024-01-01", "n": None, "i": 31}


@pytest.mark.parametrize(
    ("character", "name", "advice"),
    [
        pytest.param(
            "\x00", "U+0000 NUL", 'or write it as "\\x00" inside double quotes', id="nul"
        ),
        pytest.param(
            "\x1b", "U+001B ESC", 'or write it as "\\x1b" inside double quotes', id="esc"
        ),
        pytest.param(
            "\x7f", "U+007F DEL", 'or write it as "\\x7f" inside double quotes', id="del"
        ),
        pytest.param("\x9b", "U+009B CSI", 'or write it as "\\x9b" inside double quotes', id="c1"),
        pytest.param("\ufffe", "U+FFFE (a noncharacter)", "", id="noncharacter"),
        pytest.param(
            "\ud800",
            "U+D800 (half of a surrogate pair, alone)",
            ": it is not a character, and no UTF-8 file can hold it",
            id="lone-surrogate",
        ),
    ],
)
def test_characters_yaml_forbids_are_named_and_located(
    character: str, name: str, advice: str
) -> None:
    text = f"claims:\n  a: {{text: A}}\n  b: {{text: B{character}}}\n"
    with pytest.raises(MapFormatError) as raised:
        check(text, source="m.yaml")
    fix = f"delete it, {advice}" if advice.startswith("or") else f"delete it{advice}"
    assert str(raised.value) == (
        f"m.yaml:3:14: the character {name} is not allowed in YAML; {fix}"
    )


def test_tab_and_next_line_inside_text_are_allowed() -> None:
    m = argmap.loads('claims:\n  a: {text: "x\\ty"}\n  b: {text: "x\x85y", supports: a}\n')
    assert (m.claim("a").text, m.claim("b").text) == ("x\ty", "x y")


# Merge keys, as PyYAML's safe_load reads them.

_BASES = "metadata:\n  x: &x {kind: thesis, text: X}\n  y: &y {text: Y, kind: objection}\n"


@pytest.mark.parametrize(
    ("claim", "kind", "text"),
    [
        pytest.param("{<<: *x}", ClaimKind.THESIS, "X", id="merged"),
        pytest.param("{<<: *x, text: Mine}", ClaimKind.THESIS, "Mine", id="explicit-key-wins"),
        pytest.param("{text: Mine, <<: *x}", ClaimKind.THESIS, "Mine", id="explicit-before"),
        pytest.param("{<<: [*y, *x]}", ClaimKind.OBJECTION, "Y", id="earlier-mapping-wins"),
        pytest.param("{<<: {text: Inline}}", ClaimKind.PREMISE, "Inline", id="inline-mapping"),
    ],
)
def test_merge_keys_copy_entries_under_the_explicit_ones(
    claim: str, kind: ClaimKind, text: str
) -> None:
    m = argmap.loads(f"{_BASES}claims:\n  a: {claim}\n")
    assert (m.claim("a").kind, m.claim("a").text) == (kind, text)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        pytest.param(
            "{<<: *x, text: 7}",
            "m.yaml:5:21: error: expected text, got the number 7; put it in quotes to keep it "
            "as text",
            id="explicit-value-at-itself",
        ),
        pytest.param(
            "{<<: [{text: 1}, *y]}",
            "m.yaml:5:19: error: expected text, got the number 1; put it in quotes to keep it "
            "as text",
            id="merged-value-where-it-was-written",
        ),
        pytest.param(
            "{<<: *x, <<: *y}",
            "m.yaml:5:15: error: duplicate key '<<' (first used on line 5); this one is ignored",
            id="second-merge-key",
        ),
        pytest.param(
            "{<<: text, text: A}",
            "m.yaml:5:11: error: a merge key '<<' takes a mapping or a list of mappings, "
            "not 'text'",
            id="merge-of-text",
        ),
        pytest.param(
            "{<<: [*x, a], text: A}",
            "m.yaml:5:11: error: a merge key '<<' takes a mapping or a list of mappings, "
            "not a list holding other things",
            id="merge-of-a-list-of-text",
        ),
    ],
)
def test_merge_key_problems_are_located(problems: Problems, claim: str, expected: str) -> None:
    assert problems(f"{_BASES}claims:\n  a: {claim}\n") == [expected]


def test_a_quoted_merge_key_is_an_unknown_key(problems: Problems) -> None:
    (found,) = problems("claims:\n  a: {text: A, '<<': {kind: thesis}}\n")
    assert found.startswith("m.yaml:2:16: error: unknown key '<<'")


def test_problems_inside_an_ignored_duplicate_are_not_reported(problems: Problems) -> None:
    text = "claims:\n  a: {text: A}\n  a: {text: B, metadata: {k: 1, k: 2, n: 0x_}}\n"
    assert problems(text) == [
        "m.yaml:3:3: error: duplicate claim id 'a' (first used on line 2); this one is ignored"
    ]


# The reader against PyYAML: the same data as safe_load, and every value where PyYAML's
# composed nodes say it is (the way argmap located values before it read events).

# Pieces of text that YAML reads as something else unless they are quoted.
_TEXT = st.lists(
    st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from([*":#-?&*!|>'\"%@` {}[],\t\n", "yes", "1:30", "<<", "~", "0x1f", "é"]),
    max_size=4,
).map("".join)
_YAML_DATA = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=15,
)


def _node_location(root: yaml.Node, pointer: tuple[str | int, ...], at_key: bool) -> str:
    node, key_node = root, None
    for part in pointer:
        if isinstance(node, yaml.MappingNode):
            key_node, node = next((k, v) for k, v in node.value if k.value == part)
        else:
            key_node, node = None, node.value[part]
    use_key = key_node is not None and (at_key or not isinstance(node, yaml.ScalarNode))
    mark = (key_node if use_key and key_node is not None else node).start_mark
    return f"m.yaml:{mark.line + 1}:{mark.column + 1}"


def _pointers(data: Any, pointer: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [pointer]
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for part, value in items:
        found.extend(_pointers(value, (*pointer, part)))
    return found


@given(data=_YAML_DATA, flow=st.sampled_from([None, True, False]), width=st.sampled_from([20, 80]))
@settings(max_examples=150)
def test_yaml_reader_agrees_with_pyyaml(data: Any, flow: bool | None, width: int) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, width=width)
    parsed = parse_yaml(text, "m.yaml")
    assert parsed.data == yaml.safe_load(text)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for pointer in _pointers(parsed.data):
        for at_key in (False, True):
            expected = _node_location(root, pointer, at_key)
            assert str(parsed.source_map.locate(pointer, at_key=at_key)) == expected


def test_a_key_too_long_for_plain_yaml_gets_the_way_to_write_it() -> None:
    # Before: LibYAML's bare "mapping values are not allowed in this context".
    with pytest.raises(MapFormatError) as raised:
        check("claims:\n  " + "k" * 1100 + ": {text: A}\n", source="m.yaml")
    assert str(raised.value) == (
        "m.yaml:2:1103: invalid YAML: mapping values are not allowed here; if a key ends "
        "here, it is too long: YAML reads a key written without '? ' only within 1,024 "
        "characters, so write a longer one as '? KEY' on its own line and its value as "
        "': VALUE' on the next"
    )
    written = "claims:\n  ? " + "k" * 1100 + "\n  : {text: A}\n"
    assert argmap.loads(written).claims[0].id == "k" * 1100


def test_a_problem_reached_through_several_merges_is_reported_once(
    problems: Problems,
) -> None:
    # Before: the same line three times, once for each claim that merged the value in.
    text = (
        "metadata: {base: &b {text: Shared, supports: nowhere}}\nclaims:\n"
        "  a: {<<: *b}\n  c: {<<: *b}\n  d: {<<: *b}\n"
    )
    assert problems(text) == [
        "m.yaml:1:46: error: unknown claim 'nowhere'; did you mean 'd' or 'c' or 'a'?"
    ]
