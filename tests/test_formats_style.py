"""The map-level ``style:``: tag colours and font paths in the model and in map files,
read with located errors, warned about when unused, and kept by every format that can."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import argmap
from argmap.colours import NAMED_COLOURS, is_colour, to_hex
from argmap.formats import check, dumps, loads
from argmap.model import ArgumentMap, Claim, MapStyle

Problems = Callable[..., list[str]]

NAMES = ", ".join(NAMED_COLOURS)
WANTED = f"(write #rrggbb, or one of: {NAMES})"

STYLED = """\
claims:
  t: {kind: thesis, text: T, tags: [normative]}
  p: {text: P, supports: t, tags: [empirical, stockholm]}
style:
  tags:
    empirical: teal
    normative: "#7b5296"
  fonts: [fonts/Serif.ttf, /abs/Sans.otf]
"""


def test_style_is_read_into_the_model_as_written() -> None:
    m = loads(STYLED)
    assert m.style == MapStyle(
        tags={"empirical": "teal", "normative": "#7b5296"},
        fonts=("fonts/Serif.ttf", "/abs/Sans.otf"),
    )


def test_a_map_without_style_has_the_empty_style_and_writes_none() -> None:
    m = loads("claims: {t: {text: T}}")
    assert m.style == MapStyle()
    assert ArgumentMap(style=None).style == MapStyle()
    assert "style" not in dumps(m)
    assert loads("claims: {t: {text: T}}\nstyle: {}\n") == m


@pytest.mark.parametrize("fmt", ["yaml", "json", "argdown", "aif"])
def test_style_round_trips_through_every_format_that_reads(fmt: str) -> None:
    m = loads(STYLED)
    assert loads(dumps(m, fmt), fmt).style == m.style
    assert loads(dumps(m, fmt), fmt) == m


def test_yaml_writes_style_after_groups_in_block_style() -> None:
    assert dumps(loads(STYLED)).endswith(
        "style:\n"
        "  tags:\n"
        "    empirical: teal\n"
        "    normative: '#7b5296'\n"
        "  fonts: [fonts/Serif.ttf, /abs/Sans.otf]\n"
    )


def test_argdown_carries_style_in_its_front_matter() -> None:
    text = dumps(loads(STYLED), "argdown")
    assert text.startswith(
        "===\nstyle:\n  tags:\n    empirical: teal\n    normative: '#7b5296'\n"
        "  fonts:\n  - fonts/Serif.ttf\n  - /abs/Sans.otf\n===\n"
    )


def test_graphml_carries_tag_colours_as_graph_data_only_when_given() -> None:
    styled = dumps(loads(STYLED), "graphml")
    assert (
        '<key id="tag_colours" for="graph" attr.name="tag_colours" attr.type="string"/>' in styled
    )
    assert '<data key="tag_colours">{"empirical": "teal", "normative": "#7b5296"}</data>' in styled
    assert "tag_colours" not in dumps(loads("claims: {t: {text: T}}"), "graphml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claims:\n  t: {text: T, tags: [a]}\nstyle:\n  tags:\n    a: blu\n",
            f"m.yaml:5:8: error: unknown colour 'blu' for tag 'a'; did you mean 'blue'? {WANTED}",
            id="misspelt-name",
        ),
        pytest.param(
            "claims:\n  t: {text: T, tags: [a]}\nstyle:\n  tags: {a: '#12345'}\n",
            f"m.yaml:4:13: error: unknown colour '#12345' for tag 'a' {WANTED}",
            id="hex-of-five",
        ),
        pytest.param(
            "claims:\n  t: {text: T, tags: [a]}\nstyle:\n  tags: {a: 3}\n",
            f"m.yaml:4:13: error: expected a colour (#rrggbb, or one of: {NAMES}), "
            "got the number 3",
            id="number",
        ),
        pytest.param(
            "claims:\n  t: {text: T}\nstyle: [red]\n",
            "m.yaml:3:1: error: expected a mapping, got a list",
            id="style-not-a-mapping",
        ),
        pytest.param(
            "claims:\n  t: {text: T}\nstyle: {tags: [red]}\n",
            "m.yaml:3:9: error: expected a mapping of tags to colours, got a list",
            id="tags-not-a-mapping",
        ),
        pytest.param(
            "claims:\n  t: {text: T}\nstyle: {tag: {a: red}}\n",
            "m.yaml:3:9: error: unknown key 'tag'; did you mean 'tags'? "
            "(expected one of: tags, fonts)",
            id="unknown-key",
        ),
        pytest.param(
            "claims:\n  t: {text: T}\nstyle: {fonts: a.ttf}\n",
            "m.yaml:3:16: error: expected a list of font files' paths, got 'a.ttf'; "
            "write one as a list: [a.ttf]",
            id="fonts-not-a-list",
        ),
    ],
)
def test_a_bad_style_value_is_located_and_says_what_would_be_right(
    problems: Problems, text: str, expected: str
) -> None:
    assert problems(text) == [expected]


def test_each_bad_font_path_is_located_and_the_good_ones_kept(problems: Problems) -> None:
    text = "claims:\n  t: {text: T}\nstyle:\n  fonts: [a.ttf, '', 7]\n"
    assert problems(text) == [
        "m.yaml:4:18: error: a font file's path is empty; write the path of a .ttf or .otf file",
        "m.yaml:4:22: error: expected a font file's path (text), got the number 7",
    ]
    m, _ = check(text)
    assert m is not None
    assert m.style.fonts == ("a.ttf",)


def test_a_bad_colour_is_located_in_json_and_in_argdown_front_matter(problems: Problems) -> None:
    json_text = '{"claims": {"t": {"text": "T", "tags": ["a"]}},\n "style": {"tags": {"a": 7}}}'
    assert problems(json_text, "json", "m.json") == [
        f"m.json:2:26: error: expected a colour (#rrggbb, or one of: {NAMES}), got the number 7"
    ]
    argdown_text = "===\nstyle:\n  tags: {a: redd}\n===\n\n[t]: T #a\n"
    assert problems(argdown_text, "argdown", "m.argdown") == [
        f"m.argdown:3:13: error: unknown colour 'redd' for tag 'a'; did you mean 'red'? {WANTED}"
    ]


def test_a_style_for_a_tag_no_claim_has_is_a_warning_at_its_key(problems: Problems) -> None:
    text = (
        "claims:\n  t: {text: T, tags: [empirical]}\n"
        "style:\n  tags:\n    empiricl: teal\n    other: red\n    empirical: '#ABC'\n"
    )
    assert problems(text) == [
        "m.yaml:5:5: warning: style for tag 'empiricl', which no claim has: its colour is "
        "never drawn; did you mean 'empirical'?",
        "m.yaml:6:5: warning: style for tag 'other', which no claim has: its colour is never "
        "drawn; remove it, or tag a claim",
    ]


def test_an_unused_style_is_not_judged_beside_an_error(problems: Problems) -> None:
    # The claim that has the tag may be the one that could not be read.
    text = "claims:\n  t: {text: T}\n  u: {text: 3, tags: [a]}\nstyle: {tags: {a: red}}\n"
    assert problems(text) == [
        "m.yaml:3:13: error: expected text, got the number 3; put it in quotes to keep it as text"
    ]


def test_the_unused_style_warning_is_issued_on_load() -> None:
    with pytest.warns(argmap.ArgmapWarning, match="style for tag 'x', which no claim has"):
        loads("claims: {t: {text: T}}\nstyle: {tags: {x: red}}\n")


@pytest.mark.parametrize(
    ("style", "error", "message"),
    [
        ({"tags": {"a": "blu"}}, ValueError, "MapStyle.tags: unknown colour 'blu' for tag 'a'"),
        ({"tags": {"a": 3}}, TypeError, "the colour of tag 'a' in MapStyle.tags must be a str"),
        ({"tags": ["a"]}, TypeError, "MapStyle.tags must be a mapping of tags to colours"),
        ({"fonts": ["a.ttf", ""]}, ValueError, "MapStyle.fonts holds an empty path"),
        ({"fonts": [3]}, TypeError, "each of MapStyle.fonts must be a str; got 3"),
    ],
)
def test_the_model_refuses_a_bad_style_at_once(
    style: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{message}"):
        MapStyle(**style)  # type: ignore[arg-type]


def test_the_model_refuses_a_style_that_is_not_a_map_style() -> None:
    with pytest.raises(TypeError, match=r"^ArgumentMap.style must be a MapStyle; got \{\}"):
        ArgumentMap(style={})  # type: ignore[arg-type]


def test_styles_that_say_the_same_compare_equal_whatever_their_order() -> None:
    first = MapStyle(tags={"a": "red", "b": "teal"}, fonts=["x.ttf"])
    second = MapStyle(tags={"b": "teal", "a": "red"}, fonts=("x.ttf",))
    assert first == second
    assert hash(first) == hash(second)


@given(colour=st.from_regex(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}", fullmatch=True))
@example(colour="#abc")
def test_every_hex_colour_is_a_colour_and_reads_back_from_a_file(colour: str) -> None:
    assert is_colour(colour)
    assert to_hex(colour) == "#" + "".join(
        d.upper() * (2 if len(colour) == 4 else 1) for d in colour[1:]
    )
    m = ArgumentMap(
        claims=[Claim(id="t", text="T", tags=["a"])], style=MapStyle(tags={"a": colour})
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert loads(dumps(m)) == m


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        *((name, name) for name in NAMED_COLOURS),
        ("Gray", "grey"),
        ("CYAN", "teal"),
        ("Teal", "teal"),
    ],
)
def test_every_named_colour_is_understood_in_any_case(name: str, meant: str) -> None:
    assert is_colour(name)
    assert to_hex(name) == NAMED_COLOURS[meant]
