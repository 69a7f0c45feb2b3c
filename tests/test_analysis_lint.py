"""argmap.analysis.lint: each rule finds its planted problem, at its line."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import argmap
from argmap.analysis.lint import RULES, lint, lint_file, select_rules
from argmap.analysis.schemes import SCHEMES
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Claim, ClaimKind, Inference, Relation, RelationKind

DATA = Path(__file__).parent / "data" / "lint"
PLANTED = DATA / "planted.yaml"
SOURCE = DATA / "source.txt"

#: Each finding of planted.yaml against source.txt: line, column, code, message.
EXPECTED = [
    (
        10,
        12,
        "AM109",
        "the quote of claim 'safety' is not in the source text: it departs from the source "
        "at ' make everyone safe'; copy it verbatim",
    ),
    (
        17,
        3,
        "AM104",
        "premise 'safety-again' is not supported: support it, or say what it is: kind: "
        "evidence (the source shows it) or kind: assumption (taken as given)",
    ),
    (
        17,
        3,
        "AM106",
        "claim 'safety-again' nearly repeats claim 'safety' (88% of their words are shared): "
        "merge them, or say what sets them apart",
    ),
    (
        23,
        14,
        "AM108",
        "the attack on 'safety' by 'cost' is unanswered: nothing attacks 'cost' or undercuts "
        "the attack, so it defeats the thesis' side; answer it, or concede it",
    ),
    (
        24,
        3,
        "AM105",
        "claim 'cost-again' has the same text as claim 'cost': merge them, or say what sets "
        "them apart",
    ),
    (
        28,
        3,
        "AM102",
        "claim 'popular' is not connected to any thesis: no chain of relations links it to "
        "one; relate it to the argument, or remove it",
    ),
    (
        31,
        3,
        "AM102",
        "claim 'cyclists' is not connected to any thesis: no chain of relations links it to "
        "one; relate it to the argument, or remove it",
    ),
    (
        33,
        15,
        "AM103",
        "support cycle popular -> cyclists -> popular: each claim supports the next, so the "
        "reasoning is circular; remove the support that does not hold",
    ),
    *(
        (
            48,
            40,
            "AM111",
            f"critical question expert-opinion.{question} of (expert -> thesis) is "
            f"unanswered: {text}",
        )
        for question, text in [
            ("opinion", "What did the source assert that implies the claim?"),
            ("trustworthiness", "Is the source personally reliable as a source?"),
            ("consistency", "Is the claim consistent with what other experts assert?"),
            ("backup", "Is the source's assertion based on evidence?"),
        ]
    ),
    (
        49,
        39,
        "AM110",
        "unknown scheme 'expert-opinon'; did you mean 'expert-opinion' or 'popular-opinion'?",
    ),
    (
        51,
        3,
        "AM107",
        "group 'lonely' has one member ('cost'): add the claims that belong with it, or drop "
        "the group",
    ),
]


def _planted() -> ArgumentMap:
    """The planted map, read without issuing its support-cycle warning."""
    m, problems = argmap.formats.check_file(PLANTED)
    assert [p.code for p in problems] == ["support-cycle"]
    assert m is not None
    return m


def _found(path: Path = PLANTED, **options: object) -> list[tuple[int, int, str, str]]:
    result = lint_file(path, source=SOURCE, **options)  # type: ignore[arg-type]
    assert result.linted
    return [
        (f.location.line or 0, f.location.column or 0, f.code, f.message)
        for f in result.findings
        if f.location is not None
    ]


def test_each_planted_problem_is_found_at_its_line_with_its_message() -> None:
    assert _found() == EXPECTED


def test_every_rule_but_no_thesis_and_noqa_is_planted_in_the_test_map() -> None:
    # AM112 (unknown-noqa) has its own tests below.
    assert {code for _, _, code, _ in EXPECTED} == set(RULES) - {"AM101", "AM112"}


def test_every_rule_has_a_name_and_a_one_line_rationale() -> None:
    for code, rule in RULES.items():
        assert (rule.code, "\n" in rule.rationale, bool(rule.name)) == (code, False, True)


def test_a_map_without_a_thesis_is_found_at_its_claims() -> None:
    text = "argmap: 1\nclaims:\n  a: {text: A, supports: b}\n  b: {kind: evidence, text: B}\n"
    checked = argmap.formats.check_located(text, source="m.yaml")
    assert checked.map is not None
    findings = lint(checked.map, select=["AM101"])
    assert [(str(checked.locate(f.pointer)), f.message) for f in findings] == [
        ("m.yaml:2:1", "the map has no thesis: mark the claim it argues for with kind: thesis")
    ]


def test_select_and_ignore_take_codes_prefixes_and_names() -> None:
    found = _found(select=["AM10"], ignore=["AM109", "near-duplicate-text"])
    assert sorted({code for _, _, code, _ in found}) == [
        "AM102",
        "AM103",
        "AM104",
        "AM105",
        "AM107",
        "AM108",
    ]
    assert select_rules(["ALL"], ["AM1"]) == frozenset()


def test_an_unknown_rule_is_refused_naming_the_nearest() -> None:
    with pytest.raises(ArgmapError) as raised:
        select_rules(["duplicate-txt"])
    assert str(raised.value) == (
        "unknown lint rule 'duplicate-txt'; did you mean 'duplicate-text'? (the rules are "
        "AM101 to AM112: argmap lint --help lists them)"
    )


def _quote_map(quote: str) -> ArgumentMap:
    return ArgumentMap(
        claims=[
            Claim(id="t", text="T", kind=ClaimKind.THESIS, quote=quote),
            Claim(id="e", text="E", kind=ClaimKind.EVIDENCE),
        ],
        relations=[Relation(sources=["e"], target="t")],
    )


@pytest.mark.parametrize(
    "quote",
    [
        "“natural” for US troops",  # curly quotes for straight ones
        "“natural” for US\n   troops — in\tIraq, they ‘say’",  # noqa: RUF001 (curly quotes on purpose)
        "it is … troops [...] in Iraq",  # an ellipsis stands for any text
    ],
)
def test_a_quote_is_found_whatever_its_quotes_dashes_and_line_breaks(quote: str) -> None:
    source = "it is somehow \"natural\" for US troops -\nin Iraq, they 'say'."
    assert lint(_quote_map(quote), source_text=source, select=["AM109"]) == []


@pytest.mark.parametrize(
    ("quote", "detail"),
    [
        ("in Iraq … natural", "none of 'natural' is there after the part before the ellipsis"),
        ("Natural for", "none of 'Natural for' is there"),  # case counts
    ],
)
def test_a_quote_not_in_the_source_says_where_it_departs(quote: str, detail: str) -> None:
    source = "it is somehow \"natural\" for US troops -\nin Iraq, they 'say'."
    [finding] = lint(_quote_map(quote), source_text=source, select=["AM109"])
    assert finding.message == (
        f"the quote of claim 't' is not in the source text: {detail}; copy it verbatim"
    )


def _attacked(*answers: Relation) -> ArgumentMap:
    claims = [
        Claim(id="t", text="T", kind=ClaimKind.THESIS),
        Claim(id="p", text="P", kind=ClaimKind.EVIDENCE),
        Claim(id="o", text="O", kind=ClaimKind.OBJECTION),
        Claim(id="r", text="R", kind=ClaimKind.OBJECTION),
    ]
    relations = [
        Relation(sources=["p"], target="t"),
        Relation(sources=["o"], target="p", kind=RelationKind.ATTACKS),
        *answers,
    ]
    return ArgumentMap(claims=claims, relations=relations)


def test_an_attack_on_the_thesis_side_is_answered_by_a_counter_attack_or_an_undercut() -> None:
    assert [f.pointer for f in lint(_attacked(), select=["AM108"])] == [("relations", 1)]
    rebuttal = Relation(sources=["r"], target="o", kind=RelationKind.ATTACKS)
    undercut = Relation(sources=["r"], target=Inference(["o"], "p"), kind=RelationKind.UNDERCUTS)
    assert lint(_attacked(rebuttal), select=["AM108"]) == []
    assert lint(_attacked(undercut), select=["AM108"]) == []


def test_an_untagged_undercut_answers_no_critical_question() -> None:
    claims = [
        Claim(id="t", text="T", kind=ClaimKind.THESIS),
        Claim(id="e", text="E", kind=ClaimKind.EVIDENCE),
        Claim(id="u", text="U", kind=ClaimKind.OBJECTION),
        Claim(id="v", text="V", kind=ClaimKind.OBJECTION, tags=["cq:differences"]),
    ]
    relations = [
        Relation(sources=["e"], target="t", scheme="analogy"),
        Relation(sources=["u"], target=Inference(["e"], "t"), kind=RelationKind.UNDERCUTS),
        Relation(sources=["v"], target=Inference(["e"], "t"), kind=RelationKind.UNDERCUTS),
    ]
    found = lint(ArgumentMap(claims=claims, relations=relations), select=["AM111"])
    asked = [q.full_id for q in SCHEMES["analogy"].questions if q.id != "differences"]
    assert [f.message.split()[2] for f in found] == asked


def test_texts_sharing_fewer_words_than_the_threshold_are_not_near_duplicates() -> None:
    claims = [
        Claim(id="t", text="Bike lanes make cycling safer for everyone.", kind=ClaimKind.THESIS),
        Claim(id="u", text="Bike lanes make cycling safer for all.", kind=ClaimKind.EVIDENCE),
    ]
    m = ArgumentMap(claims=claims, relations=[Relation(sources=["u"], target="t")])
    assert lint(m, select=["AM106"]) == []  # 6 of 8 words: 75%, under 80%


def test_the_shipped_schemes_are_walton_s_common_ones_each_question_with_an_id() -> None:
    assert set(SCHEMES) >= {
        "expert-opinion",
        "analogy",
        "cause-to-effect",
        "consequences",
        "sign",
        "popular-opinion",
        "position-to-know",
        "example",
        "verbal-classification",
        "practical-reasoning",
    }
    for scheme in SCHEMES.values():
        ids = [q.id for q in scheme.questions]
        assert len(ids) == len(set(ids)) >= 2, scheme.id


@pytest.mark.parametrize("fmt", ["yaml", "json", "argdown", "aif"])
def test_a_scheme_is_written_and_read_back_in_every_format(fmt: str) -> None:
    m = _planted()
    assert {r.scheme for r in m.relations} == {None, "expert-opinion", "expert-opinon"}
    assert argmap.formats.check(argmap.dumps(m, fmt), fmt)[0] == m


@pytest.mark.parametrize("fmt", ["json", "argdown", "aif"])
def test_a_map_in_another_format_gives_the_same_findings(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"map.{'aif.json' if fmt == 'aif' else fmt}"
    path.write_text(argmap.dumps(_planted(), fmt), encoding="utf-8")
    found = [(code, message) for _, _, code, message in _found(path)]
    assert sorted(found) == sorted((code, message) for _, _, code, message in EXPECTED)


def test_the_flagship_s_quotes_are_all_in_the_essay() -> None:
    flagship = Path(__file__).parent.parent / "examples" / "second-occupation" / "map.yaml"
    result = lint_file(flagship, source=DATA.parent / "the-second-occupation-of-iraq.txt")
    assert result.findings == []
    # Its one finding, the media's unsupported premise, is kept on purpose and said so.
    assert argmap.load(flagship).claim("official-danger").metadata["noqa"] == (
        "unsupported-premise"
    )
    unsilenced = argmap.load(flagship)
    unsilenced = unsilenced.evolve(
        claims=[attrs.evolve(c, metadata={}) for c in unsilenced.claims]
    )
    assert [f.pointer for f in lint(unsilenced)] == [("claims", "official-danger")]


NOQA = """\
argmap: 1
metadata: {noqa: AM10X}
claims:
  t: {kind: thesis, text: The thesis.}
  p:
    text: A premise nobody supports.
    supports: t
    metadata:
      noqa: [AM104, nonsense-rule, 3]
  q:
    text: Another premise nobody supports.
    supports: t
  r:
    text: A third premise nobody supports.
    supports: t
    metadata: {noqa: AM1}
  s: {kind: evidence, text: Some evidence.}
relations:
  - {from: s, to: t, scheme: expert-opinon, metadata: {noqa: unknown-scheme}}
groups:
  g: {label: One, members: [q], metadata: {noqa: [single-member-group]}}
"""


def test_noqa_silences_its_rules_where_it_is_and_a_bad_one_is_a_finding(
    tmp_path: Path,
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(NOQA, encoding="utf-8")
    assert _found(path) == [
        (
            2,
            12,
            "AM112",
            "noqa: unknown lint rule 'AM10X'; did you mean 'AM110'? (the rules are AM101 to "
            "AM112: argmap lint --help lists them)",
        ),
        (
            9,
            21,
            "AM112",
            "noqa: unknown lint rule 'nonsense-rule' (the rules are AM101 to AM112: argmap "
            "lint --help lists them)",
        ),
        (
            9,
            36,
            "AM112",
            "noqa: 3 is not a rule: give codes (AM104), prefixes or rule names",
        ),
        (
            10,
            3,
            "AM104",
            "premise 'q' is not supported: support it, or say what it is: kind: evidence (the "
            "source shows it) or kind: assumption (taken as given)",
        ),
    ]


def test_the_map_s_noqa_silences_its_rules_everywhere() -> None:
    m = argmap.loads(NOQA).evolve(metadata={"noqa": ["AM104", "AM112"]})
    assert lint(m) == []
    assert [f.code for f in lint(m.evolve(metadata={}))] == ["AM104", "AM112", "AM112"]
