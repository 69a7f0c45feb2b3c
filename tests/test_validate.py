"""Structural checks: each problem kind, its message, its code and its place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from stack_support import shallow_stack

import argmap
from argmap import limits
from argmap.errors import Problem
from argmap.formats import _document
from argmap.model import (
    Actor,
    ArgumentMap,
    Claim,
    ClaimKind,
    Group,
    Inference,
    Relation,
    RelationKind,
)
from argmap.validation import Suggester, nearest, unknown, validate

Problems = Callable[..., list[str]]

KINDS = "thesis, premise, evidence, motive, objection, assumption, consequence, question"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claims:\n  thesis: {text: T}\n  p:\n    text: P\n    supports: thesiss\n",
            "m.yaml:5:15: error: unknown claim 'thesiss'; did you mean 'thesis'?",
            id="unknown-id-in-supports",
        ),
        pytest.param(
            "claims:\n  thesis: {text: T}\n  p:\n    text: P\n    attacks: [thesis, thesus]\n",
            "m.yaml:5:23: error: unknown claim 'thesus'; did you mean 'thesis'?",
            id="unknown-id-in-attacks-list",
        ),
        pytest.param(
            "claims:\n  thesis: {text: T}\n  p: {text: P}\n"
            "relations:\n  - {from: [p, q], to: thesis}\n",
            "m.yaml:5:16: error: unknown claim 'q'; did you mean 'thesis' or 'p'?",
            id="unknown-id-in-relation-from",
        ),
        pytest.param(
            "claims:\n  thesis: {text: T}\n  p: {text: P}\nrelations:\n  - {from: p, to: thesi}\n",
            "m.yaml:5:19: error: unknown claim 'thesi'; did you mean 'thesis'?",
            id="unknown-id-in-relation-to",
        ),
        pytest.param(
            "actors:\n  gov: {name: Government}\n"
            "claims:\n  m: {kind: motive, text: M, actor: gvo}\n",
            "m.yaml:4:37: error: unknown actor 'gvo'; did you mean 'gov'?",
            id="unknown-actor",
        ),
        pytest.param(
            "claims:\n  m: {kind: motive, text: M, actor: gov}\n",
            "m.yaml:2:37: error: unknown actor 'gov': the map has no actors",
            id="unknown-actor-without-actors",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n  a: {text: B}\n",
            "m.yaml:3:3: error: duplicate claim id 'a' "
            "(first used on line 2); this one is ignored",
            id="duplicate-id",
        ),
        pytest.param(
            "claims:\n  b:\n    text: B\n    attacks: b\n",
            "m.yaml:4:14: error: 'b' attacks itself: a relation needs a target other than its "
            "sources",
            id="relation-to-self",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n  b: {text: B}\nrelations:\n  - {from: [a, b], to: b}\n",
            "m.yaml:5:24: error: 'b' supports itself: a relation needs a target other than its "
            "sources",
            id="linked-relation-to-one-of-its-sources",
        ),
        pytest.param(
            "claims:\n  t: {text: T}\n  u: {text: U}\nrelations:\n"
            "  - {from: u, to: t, kind: undercuts}\n",
            "m.yaml:5:19: error: an undercut attacks an inference, not the claim 't'; write "
            "'to: {from: ..., to: t}' for the inference, or use 'attacks'",
            id="undercut-target-not-a-relation",
        ),
        pytest.param(
            "claims:\n  t: {text: T}\n  p: {text: P, supports: t}\n"
            "  u: {text: U, undercuts: {from: p, to: u}}\n",
            "m.yaml:4:16: error: no relation is the inference '(p -> u)'; "
            "did you mean '(p -> t)'?",
            id="undercut-of-an-inference-nobody-drew",
        ),
        pytest.param(
            "claims:\n  t: {text: T}\n  p: {text: P, supports: t}\n  c: {text: C}\n"
            "relations:\n  - {from: c, to: {from: p, to: t}, kind: attacks}\n",
            "m.yaml:6:15: error: only an undercut can target an inference; 'c attacks (p -> t)' "
            "attacks one (use kind 'undercuts', or target a claim)",
            id="inference-target-of-an-attack",
        ),
        pytest.param(
            "claims:\n  m:\n    kind: motive\n    text: M\n",
            "m.yaml:2:3: error: motive 'm' has no actor; say whose motive it is with 'actor:'",
            id="motive-without-actor",
        ),
        pytest.param(
            "claims:\n  k:\n    kind: motiv\n    text: K\n",
            f"m.yaml:3:11: error: unknown claim kind 'motiv'; did you mean 'motive'? "
            f"(one of: {KINDS})",
            id="unknown-claim-kind",
        ),
        pytest.param(
            "claims:\n  k:\n    text: K\n    weight: 1.5\n",
            "m.yaml:4:13: error: expected a weight, a number from 0 to 1 (the claim's base "
            "score), got the number 1.5",
            id="weight-above-one",
        ),
        pytest.param(
            "claims:\n  k:\n    text: K\n    weight: high\n",
            "m.yaml:4:13: error: expected a weight, a number from 0 to 1 (the claim's base "
            "score), got 'high'",
            id="weight-not-a-number",
        ),
        pytest.param(
            "claims:\n  k: {text: K, weight: true}\n",
            "m.yaml:2:24: error: expected a weight, a number from 0 to 1 (the claim's base "
            "score), got the boolean true",
            id="weight-boolean",
        ),
        pytest.param(
            "claims:\n  k:\n    kind: opinion\n    text: K\n",
            f"m.yaml:3:11: error: unknown claim kind 'opinion' (one of: {KINDS})",
            id="unknown-claim-kind-without-close-match",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n  b: {text: B}\nrelations:\n"
            "  - {from: a, to: b, kind: attack}\n",
            "m.yaml:5:28: error: unknown relation kind 'attack'; did you mean 'attacks'? "
            "(one of: supports, attacks, undercuts)",
            id="unknown-relation-kind",
        ),
        pytest.param(
            "claims:\n  e:\n    text: ''\n",
            "m.yaml:3:11: error: claim 'e' has an empty text; say what the claim states",
            id="empty-text",
        ),
        pytest.param(
            "claims:\n  e:\n    text: '  \\n '\n".replace("\\n", "\t"),
            "m.yaml:3:11: error: claim 'e' has an empty text; say what the claim states",
            id="blank-text",
        ),
        pytest.param(
            "actors:\n  x: {name: ' '}\nclaims:\n  a: {text: A}\n",
            "m.yaml:2:13: error: actor 'x' has an empty name",
            id="empty-actor-name",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n  b: {text: B}\ngroups:\n  g: {label: G, members: [a, c]}\n",
            "m.yaml:5:30: error: unknown claim 'c'; did you mean 'b' or 'a'?",
            id="unknown-group-member",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\ngroups:\n  g: {label: G, members: []}\n",
            "m.yaml:4:3: error: group 'g' has no members",
            id="empty-group",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n  b: {text: B, supports: a}\nrelations:\n"
            "  - {from: b, to: a}\n",
            "m.yaml:5:5: error: 'b supports a' is stated twice",
            id="duplicate-relation",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n  b: {text: B}\nrelations:\n  - {from: [b, b], to: a}\n",
            "m.yaml:5:6: error: 'b' is listed 2 times among the premises of one relation",
            id="duplicate-source",
        ),
        pytest.param(
            "claims:\n  '': {text: A}\n",
            "m.yaml:2:3: error: a claim has an empty id",
            id="empty-id",
        ),
        pytest.param(
            "claims:\n  a: {text: A}\n  b: {text: B}\n"
            "  c: {text: C, undercuts: {from: b, to: a}}\n"
            "relations:\n  - {from: b, to: a}\n  - {from: b, to: a, kind: attacks}\n",
            [
                "m.yaml:4:16: error: the inference (b -> a) is ambiguous: 2 relations have "
                "these ends",
                # Two relations with the same ends differ in kind: a warning follows the error.
                "m.yaml:7:5: warning: 'b' both supports and attacks 'a' ('b supports a', then "
                "'b attacks a'); keep the relation you mean, or, if the claim cuts both ways, "
                "split it into two claims",
            ],
            id="ambiguous-inference",
        ),
    ],
)
def test_each_problem_kind_is_reported_at_its_node(
    problems: Problems, text: str, expected: str | list[str]
) -> None:
    assert problems(text) == ([expected] if isinstance(expected, str) else expected)


def test_unknown_id_error_names_nearest_match(problems: Problems) -> None:
    text = "claims:\n  thesis: {text: T}\n  theses: {text: U}\n  p: {text: P, supports: thesys}\n"
    assert problems(text) == [
        "m.yaml:4:26: error: unknown claim 'thesys'; did you mean 'thesis' or 'theses'?"
    ]


def test_ten_distinct_problems_are_all_reported_in_one_run(data: Path) -> None:
    # A duplicate claim id is one of them: it no longer stops the file from being checked.
    _, found = argmap.formats.check_file(data / "ten-problems.yaml")
    path = str(data / "ten-problems.yaml")
    assert [str(p).removeprefix(path) for p in found] == [
        ":11:15: error: unknown claim 'thesiss'; did you mean 'thesis'?",
        ":14:14: error: 'b' attacks itself: a relation needs a target other than its sources",
        ":15:3: error: motive 'm' has no actor; say whose motive it is with 'actor:'",
        f":19:11: error: unknown claim kind 'motiv'; did you mean 'motive'? (one of: {KINDS})",
        ":22:11: error: claim 'e' has an empty text; say what the claim states",
        ":28:12: error: unknown actor 'gvt'; did you mean 'gov'?",
        ":31:5: error: unknown key 'suports'; did you mean 'supports'? (expected one of: kind, "
        "text, quote, actor, weight, tags, supports, attacks, undercuts, metadata)",
        ":32:3: error: duplicate claim id 'a' (first used on line 9); this one is ignored",
        ":36:19: error: an undercut attacks an inference, not the claim 'thesis'; write "
        "'to: {from: ..., to: thesis}' for the inference, or use 'attacks'",
        ":37:33: error: unknown relation kind 'support'; did you mean 'supports'? "
        "(one of: supports, attacks, undercuts)",
    ]


def test_core_schema_map_is_valid(data: Path) -> None:
    m = argmap.load(data / "core.yaml")
    assert validate(m) == []


def test_references_to_an_unreadable_claim_are_not_reported_as_unknown(
    problems: Problems,
) -> None:
    # 'k' has a bad kind, so it is dropped; 'p' still refers to it legitimately.
    text = "claims:\n  k: {kind: bogus, text: K}\n  p: {text: P, supports: k}\n"
    assert problems(text) == [f"m.yaml:2:13: error: unknown claim kind 'bogus' (one of: {KINDS})"]


# validate() on models: pointers and codes, independent of any file.

T = Claim(id="t", text="T", kind=ClaimKind.THESIS)
P = Claim(id="p", text="P")


@pytest.mark.parametrize(
    ("m", "code", "pointer", "message"),
    [
        pytest.param(
            ArgumentMap(claims=[T, P], relations=[Relation(sources="p", target="tt")]),
            "unknown-id",
            ("relations", 0, "to"),
            "unknown claim 'tt'; did you mean 't'?",
            id="unknown-id",
        ),
        pytest.param(
            ArgumentMap(claims=[T, P, Claim(id="p", text="again")]),
            "duplicate-id",
            ("claims", "p"),
            "duplicate claim id 'p' (2 claims share it); ids must be unique",
            id="duplicate-claim-id",
        ),
        pytest.param(
            ArgumentMap(claims=[T], actors=[Actor("a", "A"), Actor("a", "B")]),
            "duplicate-id",
            ("actors", "a"),
            "duplicate actor id 'a' (2 actors share it); ids must be unique",
            id="duplicate-actor-id",
        ),
        pytest.param(
            ArgumentMap(claims=[T], groups=[Group("g", "G", "t")] * 3),
            "duplicate-id",
            ("groups", "g"),
            "duplicate group id 'g' (3 groups share it); ids must be unique",
            id="duplicate-group-id",
        ),
        pytest.param(
            ArgumentMap(claims=[T], relations=[Relation(sources="t", target="t")]),
            "self-relation",
            ("relations", 0, "to"),
            "'t' supports itself: a relation needs a target other than its sources",
            id="relation-to-self",
        ),
        pytest.param(
            ArgumentMap(
                claims=[T, P],
                relations=[Relation(sources="p", target="t", kind=RelationKind.UNDERCUTS)],
            ),
            "undercut-target",
            ("relations", 0, "to"),
            "an undercut attacks an inference, not the claim 't'; write "
            "'to: {from: ..., to: t}' for the inference, or use 'attacks'",
            id="undercut-target-not-a-relation",
        ),
        pytest.param(
            ArgumentMap(claims=[T, Claim(id="m", text="M", kind=ClaimKind.MOTIVE)]),
            "motive-without-actor",
            ("claims", "m"),
            "motive 'm' has no actor; say whose motive it is with 'actor:'",
            id="motive-without-actor",
        ),
        pytest.param(
            ArgumentMap(claims=[Claim(id="t", text=" \n")]),
            "empty-text",
            ("claims", "t", "text"),
            "claim 't' has an empty text; say what the claim states",
            id="empty-text",
        ),
        pytest.param(
            ArgumentMap(claims=[T], groups=[Group("g", "G", ["t", "x"])]),
            "unknown-id",
            ("groups", "g", "members", 1),
            "unknown claim 'x'; did you mean 't'?",
            id="unknown-group-member",
        ),
        pytest.param(
            ArgumentMap(claims=[T], relations=[Relation(sources=(), target="t")]),
            "no-source",
            ("relations", 0, "from"),
            "relation ' supports t' has no source",
            id="relation-without-source",
        ),
    ],
)
def test_validate_reports_problem_with_code_and_pointer(
    m: ArgumentMap, code: str, pointer: tuple[str | int, ...], message: str
) -> None:
    assert validate(m) == [Problem(message, code=code, pointer=pointer)]


def test_validate_returns_nothing_for_a_sound_map() -> None:
    undercut = Relation(sources="u", target=Inference("p", "t"), kind=RelationKind.UNDERCUTS)
    m = ArgumentMap(
        actors=[Actor("us", "Us")],
        claims=[
            T,
            P,
            Claim(id="u", text="U"),
            Claim(id="m", text="M", kind=ClaimKind.MOTIVE, actor="us"),
        ],
        relations=[Relation(sources="p", target="t"), undercut, Relation(sources="m", target="t")],
        groups=[Group("g", "G", ["p", "u"])],
    )
    assert validate(m) == []


def test_validate_accepts_assumed_ids_of_unreadable_entries() -> None:
    m = ArgumentMap(
        claims=[Claim(id="m", text="M", kind=ClaimKind.MOTIVE, actor="x")],
        relations=[Relation(sources="m", target="gone")],
    )
    assert [p.code for p in validate(m)] == ["unknown-id", "unknown-id"]
    assert validate(m, assume_claims=["gone"], assume_actors=["x"]) == []


def test_validate_reports_every_problem_not_only_the_first() -> None:
    m = ArgumentMap(
        claims=[Claim(id="a", text=""), Claim(id="m", text="M", kind=ClaimKind.MOTIVE)],
        relations=[Relation(sources="a", target="a"), Relation(sources="x", target="m")],
        groups=[Group("g", "G", ["y"])],
    )
    assert [p.code for p in validate(m)] == [
        "empty-text",
        "motive-without-actor",
        "self-relation",
        "unknown-id",
        "unknown-id",
    ]


@pytest.mark.parametrize(
    ("word", "candidates", "close_only", "expected"),
    [
        ("thesys", ["thesis", "premise", "zzz"], False, ["thesis"]),
        ("q", ["thesis", "p"], True, []),
        ("q", ["thesis", "p"], False, ["thesis", "p"]),
        ("ab", ["x", "abcd", "ab", "abc", "abcde"], False, ["ab", "abc", "abcd"]),
    ],
)
def test_nearest_returns_close_names_best_first(
    word: str, candidates: list[str], close_only: bool, expected: list[str]
) -> None:
    assert nearest(word, candidates, close_only=close_only) == expected


def test_unknown_message_without_candidates_says_there_are_none() -> None:
    assert unknown("group", "g", []) == "unknown group 'g': the map has no groups"


def test_duplicate_claim_id_is_reported_with_the_other_problems(problems: Problems) -> None:
    text = "claims:\n  a: {text: A}\n  a: {text: B}\n  p: {text: P, supports: x}\n"
    assert problems(text) == [
        "m.yaml:3:3: error: duplicate claim id 'a' (first used on line 2); this one is ignored",
        "m.yaml:4:26: error: unknown claim 'x'; did you mean 'p' or 'a'?",
    ]


def test_problems_after_an_unreadable_relation_keep_their_own_lines(
    problems: Problems,
) -> None:
    text = (
        "claims:\n  a: {text: A}\n  b: {text: B}\nrelations:\n"
        "  - {from: a, to: b, kind: bogus}\n  - {from: a, to: zz}\n"
    )
    assert problems(text) == [
        "m.yaml:5:28: error: unknown relation kind 'bogus' (one of: supports, attacks, undercuts)",
        "m.yaml:6:19: error: unknown claim 'zz'; did you mean 'b' or 'a'?",
    ]


def test_problems_are_sorted_by_line_and_column(problems: Problems) -> None:
    text = "groups:\n  g: {label: G, members: [x]}\nclaims:\n  a: {text: A, supports: y}\n"
    assert [line.split(": error")[0] for line in problems(text)] == ["m.yaml:2:27", "m.yaml:4:26"]


# Every problem of a broken entry at once: what could be read of it is still checked.

BROKEN_ENTRIES = [
    pytest.param(
        "claims:\n  t: {text: T}\n  c:\n    kind: 5\n    text: C\n    supports: nope\n"
        "    actor: nobody\n",
        [
            f"m.yaml:4:11: error: expected a claim kind, got the number 5 (one of: {KINDS})",
            "m.yaml:6:15: error: unknown claim 'nope'; did you mean 't' or 'c'?",
            "m.yaml:7:12: error: unknown actor 'nobody': the map has no actors",
        ],
        id="claim-kind-supports-and-actor",
    ),
    pytest.param(
        "actors:\n  us: {name: Us}\nclaims:\n  m: {kind: motive, actor: 5, supports: [t, 7, zz]}\n"
        "  t: {text: T}\n",
        [
            "m.yaml:4:3: error: missing required key 'text'",
            "m.yaml:4:28: error: expected text, got the number 5; put it in quotes to keep it "
            "as text",
            "m.yaml:4:45: error: expected an id (text), got the number 7",
            "m.yaml:4:48: error: unknown claim 'zz'; did you mean 't' or 'm'?",
        ],
        id="motive-with-unreadable-actor-is-not-said-to-have-none",
    ),
    pytest.param(
        "claims:\n  t: {text: T}\n  p: {text: P, supports: [5, t, 6, tt]}\n",
        [
            "m.yaml:3:27: error: expected an id (text), got the number 5",
            "m.yaml:3:33: error: expected an id (text), got the number 6",
            "m.yaml:3:36: error: unknown claim 'tt'; did you mean 't'?",
        ],
        id="shorthand-items-keep-their-positions",
    ),
    pytest.param(
        "claims:\n  a: {text: A}\nrelations:\n"
        "  - {from: [a, zz, 3], to: 5}\n  - {from: a, to: q}\n",
        [
            "m.yaml:4:16: error: unknown claim 'zz'; did you mean 'a'?",
            "m.yaml:4:20: error: expected an id (text), got the number 3",
            "m.yaml:4:28: error: expected a claim id or an inference {from: ..., to: ...}, "
            "got the number 5",
            "m.yaml:5:19: error: unknown claim 'q'; did you mean 'a'?",
        ],
        id="relation-with-unreadable-target-checks-its-sources",
    ),
    pytest.param(
        "claims:\n  a: {text: A}\nrelations:\n  - {from: a, to: a, kind: bogus}\n",
        [
            "m.yaml:4:19: error: 'a' bears on itself: a relation needs a target other than its "
            "sources",
            "m.yaml:4:28: error: unknown relation kind 'bogus' (one of: supports, attacks, "
            "undercuts)",
        ],
        id="relation-with-unreadable-kind-to-itself",
    ),
    pytest.param(
        "claims:\n  a: {text: A}\n  b: {text: B, supports: a}\nrelations:\n"
        "  - {from: a, to: {from: b, to: a}, kind: bogus}\n",
        [
            "m.yaml:5:43: error: unknown relation kind 'bogus' (one of: supports, attacks, "
            "undercuts)",
        ],
        id="unreadable-kind-is-not-said-to-be-no-undercut",
    ),
    pytest.param(
        "claims:\n  a: {text: A}\n  b: {text: B}\nrelations:\n  - {from: b, to: 5}\n"
        "  - {from: a, to: {from: b, to: a}, kind: undercuts}\n",
        [
            "m.yaml:5:19: error: expected a claim id or an inference {from: ..., to: ...}, "
            "got the number 5",
        ],
        id="undercut-of-a-relation-whose-target-is-unreadable",
    ),
    pytest.param(
        "claims:\n  a: {text: A}\n  b: {text: B, supports: {x: 1}}\n"
        "  c: {text: C, undercuts: {from: b, to: a}}\n",
        ["m.yaml:3:16: error: expected an id or a list of ids, got a mapping"],
        id="undercut-of-an-unreadable-shorthand",
    ),
    pytest.param(
        "claims:\n  a: {text: A}\n  b: {text: B, supports: a}\n"
        "  c: {text: C, undercuts: [{from: b, to: a}, {from: b, to: 5, x: 1}, "
        "{from: zz, to: a}]}\n",
        [
            "m.yaml:4:60: error: expected a claim id or an inference {from: ..., to: ...}, "
            "got the number 5",
            "m.yaml:4:63: error: unknown key 'x' (expected one of: from, to)",
            "m.yaml:4:70: error: no relation is the inference '(zz -> a)'; did you mean "
            "'(b -> a)'?",
        ],
        id="undercut-items",
    ),
    pytest.param(
        "claims:\n  a: {text: A}\n  b: {text: B}\ngroups:\n"
        "  g: {label: 5, members: [a, 5, zz]}\n  h: {label: H, members: 7}\n",
        [
            "m.yaml:5:14: error: expected text, got the number 5; put it in quotes to keep it "
            "as text",
            "m.yaml:5:30: error: expected an id (text), got the number 5",
            "m.yaml:5:33: error: unknown claim 'zz'; did you mean 'b' or 'a'?",
            "m.yaml:6:26: error: expected an id or a list of ids, got the number 7",
        ],
        id="groups-with-unreadable-label-and-members",
    ),
    pytest.param(
        "actors:\n  x: {name: 5, bogus: 1}\n  y: 5\nclaims:\n"
        "  m: {kind: motive, text: M, actor: x}\n  n: {kind: motive, text: N, actor: y}\n",
        [
            "m.yaml:2:13: error: expected text, got the number 5; put it in quotes to keep it "
            "as text",
            "m.yaml:2:16: error: unknown key 'bogus' (expected one of: name, metadata)",
            "m.yaml:3:6: error: expected a mapping, got the number 5",
        ],
        id="actors",
    ),
    pytest.param(
        "claims: [a]\nrelations:\n  - {from: a, to: b}\ngroups: {g: {label: G, members: [zz]}}\n",
        ["m.yaml:1:1: error: expected a mapping, got a list"],
        id="unreadable-claims-section",
    ),
    pytest.param(
        "source: {title: 5, author: A, bogus: 1}\nclaims:\n  a: {text: A}\ntitle: [x]\n"
        "argmap: 2\nmetadata: 5\nbogus: 1\n",
        [
            "m.yaml:1:17: error: expected text, got the number 5; put it in quotes to keep it "
            "as text",
            "m.yaml:1:31: error: unknown key 'bogus' (expected one of: title, author, url, date, "
            "metadata)",
            "m.yaml:4:1: error: expected text, got a list",
            "m.yaml:5:9: error: this is map format 2; this argmap reads format 1 (write "
            "'argmap: 1', or upgrade argmap)",
            "m.yaml:6:11: error: expected a mapping, got the number 5",
            "m.yaml:7:1: error: unknown key 'bogus' (expected one of: argmap, title, source, "
            "actors, claims, relations, groups, style, metadata)",
        ],
        id="top-level-and-source",
    ),
    pytest.param(
        "claims:\n  a: {text: A}\n  b: {text: B}\nrelations:\n"
        "  - {from: a, to: {from: [b, 3], to: {fro: a, to: [1]}}, kind: undercuts}\n",
        [
            "m.yaml:5:30: error: expected an id (text), got the number 3",
            "m.yaml:5:34: error: missing required key 'from'",
            "m.yaml:5:39: error: unknown key 'fro'; did you mean 'from'? (expected one of: "
            "from, to)",
            "m.yaml:5:47: error: expected a claim id or an inference {from: ..., to: ...}, "
            "got a list",
        ],
        id="every-level-of-an-inference",
    ),
    pytest.param(
        "claims:\n  a: {text: A}\nrelations:\n  - {kind: supports}\n  - {to: a}\n",
        [
            "m.yaml:4:5: error: missing required key 'from'",
            "m.yaml:4:5: error: missing required key 'to'",
            "m.yaml:5:5: error: missing required key 'from'",
        ],
        id="relations-without-ends-are-not-said-to-have-no-source",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN_ENTRIES)
def test_a_broken_entry_hides_none_of_its_other_problems(
    problems: Problems, text: str, expected: list[str]
) -> None:
    assert problems(text) == expected


def test_an_error_that_is_not_the_data_s_is_raised_not_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Before, any exception while structuring became "expected a value of another kind".
    def broken(*args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(_document, "_ids", broken)
    with pytest.raises(RecursionError):
        _document.structure({"claims": {"a": {"text": "A", "supports": "b"}}})


def _undercut_chain(length: int) -> dict[str, object]:
    """Map data: c0 supports t, c1 undercuts that, c2 undercuts c1's undercut, ..."""
    claims: dict[str, object] = {"t": {"text": "T"}, "c0": {"text": "C0", "supports": "t"}}
    inference: object = {"from": "c0", "to": "t"}
    for i in range(1, length + 1):
        claims[f"c{i}"] = {"text": f"C{i}", "undercuts": inference}
        inference = {"from": f"c{i}", "to": inference}
    return {"claims": claims}


def test_an_undercut_chain_deeper_than_a_file_holds_is_a_problem_at_each_too_deep_undercut() -> (
    None
):
    # Read from data directly: the reader of files stops such nesting first, unless
    # ARGMAP_MAX_DEPTH is raised. Before, 330 and more undercuts were "expected a value of
    # another kind".
    with shallow_stack():
        _, found = _document.read(_undercut_chain(400))
    assert [p.pointer for p in found] == [
        ("claims", f"c{i}", "undercuts", 0) for i in range(60, 401)
    ]
    assert found[0].message == (
        "'c60' undercuts an inference nested more than 59 deep (an undercut of an undercut "
        "of ...); a map file holds none deeper (59 is its depth limit less 5; the limit is "
        "64; set ARGMAP_MAX_DEPTH to raise it)"
    )
    assert {p.code for p in found} == {"too-deep"}


def test_the_depth_of_inferences_follows_the_depth_limit() -> None:
    assert _document.read(_undercut_chain(59))[1] == []
    with limits.override(depth=20):
        found = _document.read(_undercut_chain(60))[1]
    assert len(found) == 45
    assert found[0].message.startswith("'c16' undercuts an inference nested more than 15 deep")


def test_validate_reports_too_deep_inferences_without_recursing_on_them() -> None:
    relations = [Relation(sources="p", target="t")]
    for _ in range(400):
        relations.append(
            Relation(sources="u", target=relations[-1].inference, kind=RelationKind.UNDERCUTS)
        )
    m = ArgumentMap(claims=[T, P, Claim(id="u", text="U")], relations=relations)
    with shallow_stack():
        found = validate(m)
    assert [(p.code, p.pointer) for p in found] == [
        ("too-deep", ("relations", i, "to")) for i in range(60, 401)
    ]


def test_a_claim_in_two_groups_is_a_problem_at_its_second_membership(
    problems: Problems,
) -> None:
    text = (
        "claims:\n  a: {text: A}\n  b: {text: B}\ngroups:\n  g: {label: G, members: [a, b]}\n"
        "  h: {label: H, members: [b]}\n  i: {label: I, members: [a, a]}\n"
    )
    assert problems(text) == [
        "m.yaml:6:27: error: claim 'b' is already in group 'g'; a claim belongs to one group "
        "at most (groups do not nest or overlap)",
        "m.yaml:7:27: error: claim 'a' is already in group 'g'; a claim belongs to one group "
        "at most (groups do not nest or overlap)",
        "m.yaml:7:30: error: claim 'a' is already in group 'g'; a claim belongs to one group "
        "at most (groups do not nest or overlap)",
    ]


def test_a_repeated_member_or_a_duplicate_group_is_not_an_overlap() -> None:
    m = ArgumentMap(claims=[T, P], groups=[Group("g", "G", ["t", "t"]), Group("g", "G2", "t")])
    assert [p.code for p in validate(m)] == ["duplicate-id"]


@pytest.mark.parametrize(
    ("unread", "m"),
    [
        pytest.param(("claims", "t", "text"), ArgumentMap(claims=[Claim(id="t", text="")])),
        pytest.param(
            ("claims", "m", "actor"),
            ArgumentMap(claims=[Claim(id="m", text="M", kind=ClaimKind.MOTIVE)]),
        ),
        pytest.param(("actors", "x", "name"), ArgumentMap(actors=[Actor("x", "")])),
        pytest.param(
            ("groups", "g", "members"), ArgumentMap(claims=[T], groups=[Group("g", "G")])
        ),
        pytest.param(
            ("relations", 0, "from"),
            ArgumentMap(claims=[T], relations=[Relation(sources=(), target="t")]),
        ),
        pytest.param(
            ("relations", 0, "to"),
            ArgumentMap(claims=[T], relations=[Relation(sources="t", target="")]),
        ),
        pytest.param(
            ("relations", 0, "kind"),
            ArgumentMap(
                claims=[T, P], relations=[Relation(sources="p", target="t", kind="undercuts")]
            ),
        ),
        pytest.param(("claims",), ArgumentMap(relations=[Relation(sources="a", target="b")])),
        pytest.param(
            ("relations",),
            ArgumentMap(
                claims=[T, P],
                relations=[Relation(sources="p", target=Inference("t", "p"), kind="undercuts")],
            ),
        ),
        pytest.param(
            ("claims", "t", "supports"),
            ArgumentMap(
                claims=[T, P],
                relations=[Relation(sources="p", target=Inference("t", "p"), kind="undercuts")],
            ),
        ),
    ],
)
def test_validate_leaves_out_the_checks_of_values_that_were_not_read(
    unread: tuple[str | int, ...], m: ArgumentMap
) -> None:
    assert validate(m) != []
    assert validate(m, unread=[unread]) == []


# The cost of "did you mean": bounded, whatever the number of unknown names.


def test_a_large_map_still_suggests_the_name_a_typo_meant() -> None:
    names = [f"claim-{i}" for i in range(10_000)]
    suggest = Suggester(names)
    assert suggest("clam-77") == ["claim-77", "claim-7"]
    assert suggest("cliam-42") == ["claim-42"]
    assert suggest("claim-9999x") == ["claim-9999"]
    assert suggest("xyz") == []
    assert unknown("claim", "xyz", suggest) == "unknown claim 'xyz'"


def test_suggestions_stop_when_their_budget_is_spent() -> None:
    suggest = Suggester(["alpha", "beta", "gamma"], budget=7)
    assert suggest("alpah") == ["alpha"]
    assert suggest("alpah") == ["alpha"]  # cached: costs nothing
    assert suggest("betta") == ["beta"]
    assert suggest("gama") == []  # 3 + 3 names compared; 3 more would pass 7
    assert unknown("claim", "gama", suggest) == "unknown claim 'gama'"


def test_many_unknown_names_are_all_reported_and_the_first_suggest() -> None:
    claims = [Claim(id=f"claim-{i}", text="C") for i in range(400)]
    relations = [Relation(sources="claim-0", target=f"claim-{i}x") for i in range(2_000)]
    found = validate(ArgumentMap(claims=claims, relations=relations))
    assert len(found) == 2_000
    suggested = [p for p in found if "did you mean" in p.message]
    assert len(suggested) == Suggester(()).budget // 400
    assert found[0].message.startswith("unknown claim 'claim-0x'; did you mean 'claim-0'")
    assert found[-1].message == "unknown claim 'claim-1999x'"


def test_a_long_unknown_id_is_shown_cut_short_and_suggests_nothing_at_little_cost(
    problems: Problems,
) -> None:
    # Before, 100 ids of 5,000 characters, each referenced one character off, took 16 s
    # of difflib, and each message repeated the whole id.
    long = "ab" * 2500
    text = f"claims:\n  ? {long}\n  : {{text: A}}\n  b: {{text: B, supports: {long}x}}\n"
    assert problems(text) == [
        f"m.yaml:4:26: error: unknown claim {'ab' * 30 + '…'!r} (5,001 characters)"
    ]


@pytest.mark.parametrize("value", ["map.yaml", None, {"claims": {}}])
def test_validate_and_dumps_name_what_they_take_when_given_something_else(value: object) -> None:
    # Before: "'str' object has no attribute 'claims'" from deep inside.
    for function in (argmap.validate, argmap.dumps):
        with pytest.raises(TypeError) as raised:
            function(value)  # type: ignore[arg-type]
        assert str(raised.value) == (
            f"{function.__name__}() takes an ArgumentMap, not {type(value).__name__}; read "
            "a map file with argmap.load(path)"
        )
