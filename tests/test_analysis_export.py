"""argmap.analysis.export and ``argmap evaluate --framework``: a map's framework in the
formats other solvers read, read back the same."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmap
from argmap.analysis import EvaluationError, Framework, framework, grounded
from argmap.analysis.export import FRAMEWORK_FORMATS, dumps_framework
from argmap.cli import _choices, app

FLAGSHIP = "examples/second-occupation/map.yaml"

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _apx_term(term: str) -> str:
    """A name as clingo reads an apx term: a constant, or a string with its escapes."""
    quoted = _QUOTED.fullmatch(term)
    if quoted is None:
        assert re.fullmatch(r"[a-z][A-Za-z0-9_]*", term), term
        return term
    escapes = {"\\\\": "\\", '\\"': '"', "\\n": "\n"}
    return re.sub(r"\\.", lambda m: escapes[m.group(0)], quoted.group(1))


def read_apx(text: str) -> Framework:
    term = r'(?:"(?:[^"\\]|\\.)*"|[a-z][A-Za-z0-9_]*)'
    arguments, attacks = [], []
    # Split at line feeds only: a name may hold other line separators (U+0085, U+2028),
    # which the format writes as they are.
    for line in text.split("\n")[:-1]:
        if found := re.fullmatch(rf"arg\(({term})\)\.", line):
            arguments.append(_apx_term(found.group(1)))
        elif found := re.fullmatch(rf"att\(({term}),({term})\)\.", line):
            attacks.append((_apx_term(found.group(1)), _apx_term(found.group(2))))
        else:
            raise AssertionError(f"not an apx fact: {line!r}")
    return Framework(arguments, attacks)


def read_iccma(text: str) -> tuple[int, list[tuple[int, int]], dict[int, str]]:
    lines = text.split("\n")[:-1]
    header = re.fullmatch(r"p af (\d+)", lines[0])
    assert header is not None
    names = {}
    attacks = []
    for line in lines[1:]:
        if line.startswith("#"):
            number, name = line[2:].split(" ", 1)
            names[int(number)] = name
        else:
            a, b = line.split(" ")
            attacks.append((int(a), int(b)))
    return int(header.group(1)), attacks, names


names = st.text(min_size=1, max_size=12)


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    arguments = draw(st.lists(names, min_size=1, max_size=6, unique=True))
    pairs = st.tuples(st.sampled_from(arguments), st.sampled_from(arguments))
    return Framework(arguments, draw(st.lists(pairs, max_size=10, unique=True)))


@given(af=frameworks())
@example(af=Framework(['a"b', "c\\d", "e\nf", "arg(x).", "Upper", "ok_1"], [('a"b', "e\nf")]))
@example(af=Framework(["\x85", "\u2028", "\r"], [("\x85", "\r")]))
def test_apx_reads_back_as_the_same_framework_whatever_the_names(af: Framework) -> None:
    assert read_apx(dumps_framework(af, "apx")) == af


@given(af=frameworks())
@example(af=Framework(["\x85", "\u2028", "\r"], [("\x85", "\r")]))
def test_iccma_numbers_the_arguments_in_order_with_a_comment_naming_each(
    af: Framework,
) -> None:
    count, attacks, named = read_iccma(dumps_framework(af, "iccma"))
    assert count == len(af.arguments)
    assert attacks == [
        (af.arguments.index(a) + 1, af.arguments.index(b) + 1) for a, b in af.attacks
    ]
    shown = [
        name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        for name in af.arguments
    ]
    assert named == dict(enumerate(shown, 1))


def test_the_flagship_s_framework_gives_the_same_grounded_answer_through_another_solver() -> None:
    pytest.importorskip("py_arg", reason="python-argumentation is not installed")
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.import_export.argumentation_framework_from_iccma23_format_reader import (
        ArgumentationFrameworkFromICCMA23FormatReader,
    )

    af = framework(argmap.load(FLAGSHIP))
    text = dumps_framework(af, "iccma")
    # python-argumentation's reader takes no comment lines; the format's solvers skip them.
    bare = "".join(line + "\n" for line in text.splitlines() if not line.startswith("#"))
    theirs = ArgumentationFrameworkFromICCMA23FormatReader.from_iccma23(bare)
    accepted = {int(argument.name[1:]) for argument in get_grounded_extension(theirs)}
    ours = grounded(af)
    assert {af.arguments[n - 1] for n in accepted} == ours.accepted
    assert "thesis" in ours.accepted


def test_an_unknown_format_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError) as raised:
        dumps_framework(Framework(["a"], []), "tgf")
    assert str(raised.value) == "unknown framework format 'tgf' (one of: apx, iccma)"


def test_the_command_line_offers_exactly_the_library_s_formats() -> None:
    assert _choices.FRAMEWORK_FORMATS == FRAMEWORK_FORMATS


def test_evaluate_framework_writes_it_on_stdout_supports_counted_or_not() -> None:
    m = argmap.load(FLAGSHIP)
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", FLAGSHIP, "--framework", "apx"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == dumps_framework(framework(m), "apx")
    assert result.stdout.startswith('arg(thesis).\narg("official-justification").\n')
    result = runner.invoke(app, ["evaluate", FLAGSHIP, "--framework", "ICCMA", "--no-supports"])
    assert result.exit_code == 0
    assert result.stdout == dumps_framework(framework(m, supports=False), "iccma")


@pytest.mark.parametrize("other", [["-s", "stable"], ["--strength", "df-quad"], ["--json"]])
def test_evaluate_framework_with_an_analysis_is_a_usage_error(other: list[str]) -> None:
    result = CliRunner().invoke(app, ["evaluate", FLAGSHIP, "--framework", "apx", *other])
    option = {"-s": "--semantics"}.get(other[0], other[0])
    assert result.exit_code == 2
    assert (
        f"--framework writes the framework, which {option} does not apply to; run evaluate "
        "once for each" in " ".join(result.stderr.split())
    )
    assert result.stdout == ""
