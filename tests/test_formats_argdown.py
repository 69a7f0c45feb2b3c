"""Argdown: reading what real files use, writing what argmap and Argdown read back."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import example, given
from test_formats_roundtrip import PROPERTY, argument_maps

import argmap
from argmap.errors import ArgmapWarning, MapFormatError, ValidationError
from argmap.formats import check
from argmap.model import ArgumentMap, Claim, ClaimKind, Inference, Relation, RelationKind

DATA = Path(__file__).parent / "data" / "argdown"
ROOT = Path(__file__).parent.parent
FLAGSHIP = ROOT / "examples" / "second-occupation"

pytestmark = pytest.mark.filterwarnings("ignore::argmap.ArgmapWarning")


def load(text: str) -> ArgumentMap:
    return argmap.loads(text, "argdown")


def relations(m: ArgumentMap) -> set[str]:
    return {r.describe() for r in m.relations}


def test_statements_with_one_title_are_one_claim() -> None:
    m = load("[A]: Alpha.\n  + [B]: Beta.\n\n[A]\n  - [C]: Gamma.\n")
    assert {c.id: c.text for c in m.claims} == {"a": "Alpha.", "b": "Beta.", "c": "Gamma."}
    assert relations(m) == {"b supports a", "c attacks a"}
    assert m.claim("a").metadata == {"argdown": {"title": "A"}}


def test_titles_become_unique_slugs() -> None:
    m = load("[Free Speech!]: One.\n\n[free speech]: Two.\n\n[ ]: x\n")
    assert [c.id for c in m.claims][:2] == ["free-speech", "free-speech-2"]


def test_relations_nest_to_any_depth_in_every_direction() -> None:
    text = "[A]: a\n  + [B]: b\n    - [C]: c\n      <+ [D]: d\n        +> [E]: e\n  -> [F]: f\n"
    assert relations(load(text)) == {
        "b supports a",
        "c attacks b",
        "d supports c",
        "d supports e",
        "a attacks f",
    }


def test_untitled_statements_are_titled_as_argdown_titles_them() -> None:
    m = load("[A]: a\n  + Plain text support.\n  - Plain text attack.\n")
    assert {c.id: c.text for c in m.claims}["untitled-1"] == "Plain text support."
    assert relations(m) == {"untitled-1 supports a", "untitled-2 attacks a"}


def test_an_argument_with_a_structure_is_one_linked_support() -> None:
    m = load(
        "<Arg>: The argument.\n\n(1) [P]: p\n(2) q\n-- modus ponens --\n(3) [C]: c\n"
        "  - [X]: against c\n"
    )
    (support,) = [r for r in m.relations if r.kind is RelationKind.SUPPORTS]
    assert sorted(support.sources) == ["p", "untitled-1"]
    assert support.target == "c"
    assert support.metadata == {
        "argdown": {"argument": "Arg", "description": "The argument.", "rules": ["modus ponens"]}
    }
    assert "x attacks c" in relations(m)


def test_an_undercut_of_an_argument_undercuts_its_inference() -> None:
    m = load("<Arg>\n  _ [U]: u\n\n(1) [P]: p\n----\n(2) [C]: c\n")
    assert (
        Relation(sources=["u"], target=Inference(["p"], "c"), kind=RelationKind.UNDERCUTS)
        in m.relations
    )


def test_intermediate_conclusions_chain_the_steps() -> None:
    m = load("(1) [A]: a\n(2) [B]: b\n----\n(3) [C]: c\n(4) [D]: d\n----\n(5) [E]: e\n")
    assert relations(m) == {"a + b supports c", "c + d supports e"}


def test_an_attack_on_an_argument_lands_on_its_conclusion_with_a_warning() -> None:
    text = "<Arg>\n  - [X]: x\n\n(1) [P]: p\n----\n(2) [C]: c\n"
    m, problems = check(text, "argdown")
    assert m is not None
    assert "x attacks c" in relations(m)
    assert [(str(p.location), p.code) for p in problems] == [
        ("<string>:2:3", "argdown-argument-relation")
    ]


def test_an_argument_without_structure_is_a_claim_written_back_as_one() -> None:
    m = load("[A]: a\n  + <Why>: Because.\n")
    assert m.claim("why").metadata == {"argdown": {"title": "Why", "argument": True}}
    assert "<Why>: Because." in argmap.dumps(m, "argdown")


def test_contradiction_is_two_attacks_written_back_as_one() -> None:
    m = load("[A]: a\n  >< [B]: b\n")
    assert relations(m) == {"a attacks b", "b attacks a"}
    text = argmap.dumps(m, "argdown")
    assert text.count("><") == 1
    assert load(text) == m


def test_a_heading_that_is_no_group_gives_its_claims_to_the_one_above() -> None:
    text = (
        "# Energy\n\n[A]: Nuclear power is safe.\n  + [B]: Its deaths per TWh are lowest.\n\n"
        "## Details {isGroup: false}\n\n[C]: Its waste is stored safely.\n  + [A]\n\n"
        "# Costs {isGroup: true}\n\n[D]: It is expensive.\n  - [A]\n"
    )
    m, problems = check(text, "argdown")
    assert m is not None
    assert [(g.id, g.label, sorted(g.members), g.metadata) for g in m.groups] == [
        ("energy", "Energy", ["a", "b", "c"], {}),
        ("costs", "Costs", ["d"], {}),
    ]
    assert [str(p) for p in problems] == [
        "<string>:6:4: warning: the section 'Details' is no group ({isGroup: false}): its "
        "claims belong to the group of the heading above it, if any"
    ]


def test_the_core_fixture_reads_every_construct() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = argmap.load(DATA / "core.argdown")
    assert m.title == "Freedom of speech"
    assert m.metadata == {
        "argdown": {"front_matter": {"color": {"colorScheme": "colorbrewer-set3"}}}
    }
    texts = {c.id: c.text for c in m.claims}
    assert texts["free-speech"] == "Everyone should be free to say what they think. #liberty"
    assert m.claim("free-speech").tags == ("liberty",)
    assert texts["democracy"] == ("Democracy needs free speech, and a free press, as Mill said.")
    assert m.claim("democracy").kind is ClaimKind.EVIDENCE
    assert texts["untitled-2"] == "@[Free Speech] is a premise here."
    assert relations(m) == {
        "exchange + untitled-1 supports free-speech",
        "harm attacks free-speech",
        "words-are-not-deeds attacks harm",
        "harm undercuts (exchange + untitled-1 -> free-speech)",
        "free-speech attacks censorship",
        "censorship attacks free-speech",
        "free-speech supports democracy",
        "untitled-2 supports democracy",
    }
    assert {g.id: sorted(g.members) for g in m.groups} == {
        # As in Argdown, a statement is in the section where it is first defined.
        "speech": sorted(
            [
                *("free-speech", "harm", "words-are-not-deeds", "censorship", "exchange"),
                *("untitled-1", "democracy"),
            ]
        ),
        "sources": ["untitled-2"],
    }
    assert [str(w.message) for w in caught] == [
        f"{DATA / 'core.argdown'}:28:1: warning: [Democracy] is given 2 different texts; "
        "argmap draws the last, as Argdown does, and keeps the others in its metadata"
    ]


def test_windows_line_ends_read_as_unix_ones() -> None:
    text = (DATA / "core.argdown").read_text("utf-8")
    assert load(text.replace("\n", "\r\n")) == load(text)


def test_comments_are_skipped_and_keep_columns() -> None:
    _, problems = check("[A]: a /* note */ {kind: motiv}\n", "argdown")
    assert str(problems[0]).startswith("<string>:1:26: error: unknown claim kind 'motiv'")
    m = load("[A]: a // comment\n// whole line\n  + [B]: b <!-- html -->\n")
    assert relations(m) == {"b supports a"}
    assert m.claim("a").text == "a"


def test_syntax_errors_are_all_reported_with_their_lines() -> None:
    text = "  + [B]: no parent\n\n(1) [P]: p\n(2) [Q]: q\n\n[A]: a\n[C]: c\n"
    with pytest.raises(ValidationError) as caught:
        load(text)
    assert [str(p) for p in caught.value.problems] == [
        "<string>:1:3: error: the relation '+' has nothing to relate to: write it indented "
        "below a statement or an argument, with no empty line between",
        "<string>:3:1: error: a premise-conclusion structure needs an inference line (----) "
        "before its conclusion",
        "<string>:7:1: error: a new statement or argument starts a new paragraph: put an "
        "empty line before it",
    ]


def test_check_locates_model_errors_in_the_argdown() -> None:
    _, problems = check("[A]: a {kind: motiv}\n  + [B]: b {actor: nobody}\n", "argdown")
    assert [str(p) for p in problems if p.is_error] == [
        "<string>:1:15: error: unknown claim kind 'motiv'; did you mean 'motive'? (one of: "
        "thesis, premise, evidence, motive, objection, assumption, consequence, question)",
        "<string>:2:20: error: unknown actor 'nobody': the map has no actors",
    ]


def test_includes_are_read_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "more.argdown").write_text("[B]: b\n  + [C]: c\n", "utf-8")
    (tmp_path / "main.argdown").write_text(
        "[A]: a\n  + [B]\n\n@include(parts/more.argdown)\n", "utf-8"
    )
    m = argmap.load(tmp_path / "main.argdown")
    assert relations(m) == {"b supports a", "c supports b"}


def test_an_include_cycle_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.argdown").write_text("[A]: a\n  + [B]: b\n\n@include(b.argdown)\n", "utf-8")
    (tmp_path / "b.argdown").write_text("@include(a.argdown)\n", "utf-8")
    with pytest.raises(ValidationError) as caught:
        argmap.load(tmp_path / "a.argdown")
    (problem,) = caught.value.problems
    assert str(problem.location) == f"{tmp_path / 'b.argdown'}:1:1"
    assert "inside itself" in problem.message


def test_an_include_in_text_without_a_file_is_a_warning() -> None:
    with pytest.warns(ArgmapWarning, match="not followed"):
        m = argmap.loads("[A]: a\n  + [B]: b\n\n@include(x.argdown)\n", "argdown")
    assert relations(m) == {"b supports a"}


def test_relations_nested_past_the_depth_limit_are_refused() -> None:
    text = "[S0]: s\n" + "".join(f"{'  ' * (i + 1)}+ [S{i + 1}]: s\n" for i in range(80))
    _, problems = check(text, "argdown")
    assert any("ARGMAP_MAX_DEPTH" in p.message for p in problems)
    with argmap.limits.override(depth=200):
        assert len(load(text).relations) == 80


def test_text_nothing_can_read_raises_a_located_error() -> None:
    with pytest.raises(MapFormatError, match=r"<string>:1:1: the front matter"):
        argmap.loads("===\ntitle: x\n", "argdown")


# Writing and round trips.


def test_the_flagship_survives_yaml_to_argdown_to_yaml() -> None:
    flagship = argmap.load(FLAGSHIP / "map.yaml")
    text = argmap.dumps(flagship, "argdown")
    back = argmap.loads(text, "argdown")
    assert back == flagship
    assert argmap.loads(argmap.dumps(back, "yaml")) == flagship


def test_the_flagship_argdown_file_is_the_writers_output() -> None:
    flagship = argmap.load(FLAGSHIP / "map.yaml")
    shipped = (FLAGSHIP / "map.argdown").read_text("utf-8")
    assert shipped == argmap.dumps(flagship, "argdown")
    assert argmap.load(FLAGSHIP / "map.argdown") == flagship


@PROPERTY
@given(m=argument_maps())
@example(
    m=ArgumentMap(
        claims=[
            Claim(id="a b", text=" x\ny ", tags=["t", "t"]),
            Claim(id="]", text="#tag [x]"),
            Claim(id="c", text="c"),
        ],
        relations=[Relation(sources=["a b", "]"], target="c", kind="attacks")],
    )
)
# Keys with a line break, which YAML writes as "? key": the quote after "?" opens a string.
@example(m=ArgumentMap(claims=[Claim(id="0", text="yes", metadata={"\n,": None})]))
@example(m=ArgumentMap(claims=[Claim(id="0", text="yes", metadata={"\n]": None})]))
def test_loading_an_argdown_dump_gives_an_equal_map(m: ArgumentMap) -> None:
    assert argmap.loads(argmap.dumps(m, "argdown"), "argdown") == m


def test_comment_markers_in_front_matter_and_data_are_text_as_argdown_reads_them() -> None:
    m = load(
        "===\nsource:\n  url: https://example.org/a # not YAML's comment either\n===\n\n"
        "[A]: see http://x.org/ {quote: in the comment}\n"
        "  + [B]: b // and a comment\n\n"
        '[C]: c {quote: "https://example.org/x /* no */", link: http://a.b/c}\n  - [A]\n'
    )
    # As the Argdown CLI reads it: "//" in text starts a comment, in data it does not.
    assert m.source is not None
    assert m.source.url == "https://example.org/a"
    assert [(c.id, c.text, c.quote) for c in m.claims] == [
        ("a", "see http:", None),
        ("b", "b", None),
        ("c", "c", "https://example.org/x /* no */"),
    ]
    assert m.claims[2].metadata["argdown"]["data"] == {"link": "http://a.b/c"}


def test_text_read_with_a_backslash_at_its_end_is_written_back_whole() -> None:
    # Found by fuzzing: the text as written ("markup") ended in a backslash, which then
    # escaped the space before the data block the writer adds.
    m = load("[A]: ends in a backslash \\\n  + [B]: b\n")
    assert m.claims[0].text == "ends in a backslash \\"
    back = load(argmap.dumps(m, "argdown"))
    assert [c.text for c in back.claims] == [c.text for c in m.claims]


def test_a_file_argdown_wrote_reads_back_the_same() -> None:
    m = argmap.load(DATA / "core.argdown")
    again = argmap.loads(argmap.dumps(m, "argdown"), "argdown")
    assert {c.id: c.text for c in again.claims} == {c.id: c.text for c in m.claims}
    assert relations(again) == relations(m)
